"""The HTML report: one self-contained file a person opens from disk to see every defect.

Two ways in, one renderer:

* ``copydesk check … --html FILE``: while the engine streams, :class:`TextTap` pairs each
  result with the raw item it came from and :class:`ExampleCollector` keeps the field texts
  of records that have findings, up to a cap (``per_check`` records per check,
  ``max_records`` in all). Counts are never capped: they come from the run's summary.
* ``copydesk report RESULTS.json --html FILE``: :func:`load_results` streams the report
  JSON (findings one per line, as :mod:`copydesk.report.json_report` writes them), feeds the
  same collector, then re-reads the inputs the report names to fetch the kept records'
  texts. Where an input is gone the report degrades to the findings' excerpts.

Everything from the data is escaped: the jinja2 template autoescapes, highlighted texts are
built here with :func:`markupsafe.escape` on every piece, and the JSON embedded in the page
has ``<``, ``>`` and ``&`` as ``\\u003c`` escapes. A Content-Security-Policy meta tag allows
only the page's own inline script and style, by hash, and nothing from anywhere else.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

import jinja2
from markupsafe import Markup, escape

from copydesk import __version__
from copydesk import config as config_mod
from copydesk.config import Config
from copydesk.engine import RecordResult, RunResult
from copydesk.findings import Finding, Severity
from copydesk.io import InputError, RawItem, read, resolve
from copydesk.record import CANONICAL_FIELDS, ArticleRecord, FieldMap
from copydesk.report.text import describe_profiles
from copydesk.validators.registry import FAMILIES, field_text, get_check, select_checks

PER_CHECK_RECORDS = 50
MAX_RECORDS = 2000
MAX_TEXT = 60_000  # characters of one field shown; longer texts are cut with a note
BLOCK_MIN = 25  # spans this long or longer are tinted blocks, shorter ones are marks
EXAMPLES_IN_TABLE = 5

_TEMPLATES = Path(__file__).with_name("templates")
#: ``repeats body[120:310]`` / ``repeats quotes[2]`` in quote.* messages.
_SPAN_REF = re.compile(r"(?P<field>[A-Za-z_][\w]*(?:\[\d+\])?)(?:\[(?P<start>\d+):(?P<end>\d+)\])?")
_REPEATS = re.compile(r"repeats\s+(?P<ref>[A-Za-z_]\w*(?:\[\d+\])?(?:\[\d+:\d+\])?)")


# -- keeping texts while the engine streams ----------------------------------------------
class TextTap:
    """Wrap the engine's input to pair each result with the raw item it came from.

    The engine yields one result per item, in input order, so the item a result belongs to
    is always at the front of the queue; the queue holds only the items in flight.
    """

    def __init__(self, items: Iterable[RawItem]) -> None:
        self._items = items
        self._pending: deque[RawItem] = deque()

    def __iter__(self) -> Iterator[RawItem]:
        for item in self._items:
            self._pending.append(item)
            yield item

    def take(self, result: RecordResult) -> RawItem | None:
        while self._pending:
            item = self._pending.popleft()
            if item.input == result.input and item.line == result.line:
                return item
        return None


@dataclass
class KeptRecord:
    """A record with findings whose texts the report shows."""

    key: int
    record: str | None
    input: str
    line: int
    findings: list[Finding]
    texts: dict[str, str] = field(default_factory=dict)  # reported field name -> text


def record_texts(data: Mapping[str, Any], fields: FieldMap, names: Iterable[str]) -> dict[str, str]:
    """The texts of the fields findings name (``body``, ``text``, ``quotes[2]``, ...)."""
    record = ArticleRecord.from_mapping(data, fields)
    out: dict[str, str] = {}
    for name in names:
        base, bracket, rest = name.partition("[")
        canonical = next(
            (c for c in CANONICAL_FIELDS if record.source_name(c) == base),
            None,
        )
        if canonical == "paragraphs":
            canonical = "body"
        text = field_text(record, canonical + bracket + rest) if canonical else None
        if text is None and base in data and isinstance(data[base], str) and not bracket:
            text = data[base]
        if text is not None:
            out[name] = text
    return out


class ExampleCollector:
    """Keep records with findings, up to ``per_check`` records per check and ``max_records``.

    A record is kept while any of its checks has fewer than ``per_check`` kept records; a
    kept record keeps all its findings, so its text shows every defect in place.
    """

    def __init__(
        self,
        fields: FieldMap | None = None,
        per_check: int = PER_CHECK_RECORDS,
        max_records: int = MAX_RECORDS,
    ) -> None:
        self.fields = fields or FieldMap()
        self.per_check = per_check
        self.max_records = max_records
        self.kept: list[KeptRecord] = []
        self.kept_per_check: Counter[str] = Counter()
        self.not_kept = 0

    def wants(self, findings: Sequence[Finding]) -> bool:
        if not findings or len(self.kept) >= self.max_records:
            return False
        return any(self.kept_per_check[f.check] < self.per_check for f in findings)

    def add(self, result: RecordResult, data: Mapping[str, Any] | None = None) -> None:
        if not result.findings:
            return
        if not self.wants(result.findings):
            self.not_kept += 1
            return
        for c in {f.check for f in result.findings}:
            self.kept_per_check[c] += 1
        texts = (
            record_texts(data, self.fields, {f.field for f in result.findings})
            if data is not None
            else {}
        )
        self.kept.append(
            KeptRecord(
                len(self.kept), result.record_id, result.input, result.line, result.findings, texts
            )
        )

    def fill_texts_from_inputs(self) -> list[str]:
        """Re-read the inputs of kept records to fetch their texts; the inputs not found."""
        wanted: dict[str, dict[int, KeptRecord]] = {}
        for k in self.kept:
            if not k.texts:
                wanted.setdefault(k.input, {})[k.line] = k
        missing = []
        for name, by_line in wanted.items():
            if name in ("-", "<records>") or not Path(name).is_file():
                missing.append(name)
                continue
            try:
                items = read(resolve([name]))
                last = max(by_line)
                for item in items:
                    k = by_line.get(item.line)
                    if k is not None and item.data is not None:
                        texts = record_texts(item.data, self.fields, {f.field for f in k.findings})
                        if _texts_match(k, texts):
                            k.texts = texts
                    if item.line >= last:
                        break
            except (InputError, OSError):
                missing.append(name)
        return missing


def _texts_match(k: KeptRecord, texts: Mapping[str, str]) -> bool:
    """The re-read text still fits the findings' spans (the input did not change much)."""
    for f in k.findings:
        t = texts.get(f.field)
        if t is not None and f.end > len(t):
            return False
    return True


# -- the report's data, from a live run or from the report JSON --------------------------
@dataclass
class CheckRow:
    id: str
    family: str
    description: str
    severity: str
    records: int
    findings: int
    failing_records: int
    threshold: str
    over: bool
    rate: float  # failing records / all records, percent
    kept: int = 0
    examples: list[tuple[int, int, Finding]] = field(default_factory=list)  # key, index


@dataclass
class ReportData:
    """What every report (HTML, JUnit) shows: the verdict, totals, per-check rows, examples."""

    inputs: list[str]
    config: dict[str, Any]
    gate_passed: bool
    reasons: list[str]
    records: int
    passed: int
    failed: int
    unreadable: int
    findings: int
    checks: list[CheckRow]
    errors: list[dict[str, Any]]
    kept: list[KeptRecord]
    not_kept: int
    per_check_cap: int
    max_records_cap: int
    version: str = __version__
    json_path: str | None = None
    missing_inputs: list[str] = field(default_factory=list)
    fail_on: str = "error"
    max_unreadable: int = 0
    #: extra sections shown under the verdict (comparison, baseline, groups)
    sections: list[Markup] = field(default_factory=list)
    #: per input: records inferred hard/flowed and cjk/latin/mixed (copydesk.validators.profile)
    profiles: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def kept_findings(self) -> int:
        return sum(len(k.findings) for k in self.kept)


def _rows(
    by_check: Mapping[str, Mapping[str, Any]],
    failing: Mapping[str, int],
    selected: Iterable[str],
    config: Config,
    total: int,
    reasons: Sequence[str],
    collector: ExampleCollector,
) -> list[CheckRow]:
    over = {r.split(":", 1)[0] for r in reasons}
    ids = sorted(set(by_check) | set(selected))
    rows = []
    for cid in ids:
        counts = by_check.get(cid, {})
        try:
            spec = get_check(cid)
            desc, default_sev = spec.description, str(config.severity_for(cid, spec.severity))
        except KeyError:
            desc, default_sev = "", "error"
        fr = failing.get(cid, 0)
        rows.append(
            CheckRow(
                id=cid,
                family=cid.split(".", 1)[0],
                description=desc,
                severity=str(counts.get("severity", default_sev)),
                records=int(counts.get("records", 0)),
                findings=int(counts.get("findings", 0)),
                failing_records=fr,
                threshold=config.threshold_for(cid).describe(),
                over=cid in over,
                rate=100.0 * fr / total if total else 0.0,
                kept=collector.kept_per_check.get(cid, 0),
            )
        )
    by_id = {r.id: r for r in rows}
    for k in collector.kept:
        for i, f in enumerate(k.findings):
            row = by_id.get(f.check)
            if row is not None and len(row.examples) < EXAMPLES_IN_TABLE:
                row.examples.append((k.key, i, f))
    sev_rank = {"error": 0, "warning": 1, "info": 2}
    rows.sort(key=lambda r: (not r.over, r.findings == 0, sev_rank.get(r.severity, 3), r.id))
    return rows


def from_run(
    result: RunResult,
    config: Config,
    inputs: Sequence[str],
    collector: ExampleCollector,
    selected: Iterable[str] = (),
    json_path: str | None = None,
) -> ReportData:
    """The report data of a finished live run."""
    s = result.summary
    failing = {k: v.failing_records for k, v in s.by_check.items()}
    return ReportData(
        inputs=list(inputs),
        config=config.to_dict(),
        gate_passed=s.gate_passed,
        reasons=list(s.reasons),
        records=s.records,
        passed=s.passed,
        failed=s.failed,
        unreadable=s.unreadable,
        findings=s.findings,
        checks=_rows(
            s.to_dict()["by_check"], failing, selected, config, s.records, s.reasons, collector
        ),
        errors=list(result.errors),
        kept=collector.kept,
        not_kept=collector.not_kept,
        per_check_cap=collector.per_check,
        max_records_cap=collector.max_records,
        json_path=json_path,
        fail_on=str(config.fail_on),
        max_unreadable=config.max_unreadable,
        profiles={k: dict(v) for k, v in s.profiles.items()},
    )


def config_from_report(d: Mapping[str, Any] | None) -> Config:
    """The :class:`Config` a report JSON's ``config`` object describes."""
    if not d:
        return Config()
    table: dict[str, Any] = {
        "select": list(d.get("select") or []),
        "ignore": list(d.get("ignore") or []),
        "fail-on": d.get("fail_on", "error"),
        "max-unreadable": d.get("max_unreadable", 0),
        "fields": dict(d.get("fields") or {}),
        "severity": dict(d.get("severity") or {}),
        "thresholds": {
            k: {"max-records": v.get("max_records"), "max-percent": v.get("max_percent")}
            for k, v in dict(d.get("thresholds") or {}).items()
        },
        "params": dict(d.get("params") or {}),
        "profile": dict(d.get("profile") or {}),
    }
    return config_mod.from_mapping(table, str(d.get("source") or "report JSON"))


def _stream_results(
    fh: IO[str],
) -> tuple[dict[str, Any], Iterator[dict[str, Any]], dict[str, Any]] | None:
    """The layout :class:`JsonReportWriter` writes: head, one finding per line, errors.

    Returns the head, an iterator over the findings, and a box whose ``errors`` is filled
    once the findings are read; ``None`` when the file has another layout.
    """
    first = fh.readline()
    second = fh.readline()
    if not first.rstrip().endswith(",") or second.strip() != '"findings": [':
        return None
    try:
        head = json.loads(first.rstrip()[:-1] + "}")
    except json.JSONDecodeError:
        return None
    box: dict[str, Any] = {"errors": []}

    def findings() -> Iterator[dict[str, Any]]:
        for line in fh:
            s = line.strip()
            if s.startswith("],"):
                rest = s[2:] + fh.read()
                box["errors"] = json.loads("{" + rest).get("errors", [])
                return
            if s:
                yield json.loads(s.removeprefix(","))

    return head, findings(), box


def load_results(
    path: str | Path,
    collector_kwargs: Mapping[str, Any] | None = None,
    fetch_texts: bool = True,
) -> ReportData:
    """Read a report JSON (streaming the findings) into :class:`ReportData`.

    Findings are grouped into records (consecutive findings of one input line), fed to the
    :class:`ExampleCollector`, and the kept records' texts are re-read from the inputs.
    """
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        streamed = _stream_results(fh)
        if streamed is None:
            fh.seek(0)
            whole = json.load(fh)
            head = {k: v for k, v in whole.items() if k not in ("findings", "errors")}
            findings: Iterator[dict[str, Any]] = iter(whole.get("findings", []))
            box = {"errors": whole.get("errors", [])}
        else:
            head, findings, box = streamed
        if not isinstance(head.get("summary"), dict):
            raise ValueError(f"{p}: not a copydesk report JSON (no summary)")
        config = config_from_report(head.get("config"))
        collector = ExampleCollector(config.fields, **dict(collector_kwargs or {}))
        failing: Counter[str] = Counter()
        group: list[Finding] = []
        gkey: tuple[Any, ...] | None = None

        def flush() -> None:
            if not group:
                return
            first = group[0]
            for c in {f.check for f in group if f.severity >= config.fail_on}:
                failing[c] += 1
            rr = RecordResult(first.input or "", first.line or 0, first.record, list(group))
            collector.add(rr)

        for d in findings:
            f = Finding.from_dict(d)
            key = (f.input, f.line, f.record)
            if key != gkey:
                flush()
                group = []
                gkey = key
            group.append(f)
        flush()
        errors = box["errors"]
    missing = collector.fill_texts_from_inputs() if fetch_texts else []
    s = head["summary"]
    try:
        selected = [c.id for c in select_checks(config.select, config.ignore)]
    except ValueError:
        selected = []
    gate = s.get("gate", {})
    return ReportData(
        inputs=list(head.get("inputs", [])),
        config=dict(head.get("config") or {}),
        gate_passed=bool(gate.get("passed")),
        reasons=list(gate.get("reasons", [])),
        records=s["records"],
        passed=s["passed"],
        failed=s["failed"],
        unreadable=s["unreadable"],
        findings=s["findings"],
        checks=_rows(
            s.get("by_check", {}),
            failing,
            selected,
            config,
            s["records"],
            gate.get("reasons", []),
            collector,
        ),
        errors=list(errors),
        kept=collector.kept,
        not_kept=collector.not_kept,
        per_check_cap=collector.per_check,
        max_records_cap=collector.max_records,
        version=str(head.get("copydesk", __version__)),
        json_path=str(p),
        missing_inputs=missing,
        fail_on=str(config.fail_on),
        max_unreadable=config.max_unreadable,
        sections=_adopt_sections(head),
        profiles={k: dict(v) for k, v in dict(s.get("profiles") or {}).items()},
    )


def _adopt_sections(head: Mapping[str, Any]) -> list[Markup]:
    """The baseline and group views of a report JSON that has those keys."""
    from copydesk.adopt.html_views import sections

    return sections(head)


# -- highlighting one field's text ---------------------------------------------------------
@dataclass
class _Span:
    start: int
    end: int
    finding: Finding | None  # None: the original a duplicate repeats
    index: int  # the finding's index within the record, or the source's index
    family: str


def duplicate_source(f: Finding, texts: Mapping[str, str]) -> tuple[str, int, int] | None:
    """The span a quote.* finding says its copy repeats: ``(field, start, end)``."""
    if not f.check.startswith("quote."):
        return None
    m = _REPEATS.search(f.message)
    if not m:
        return None
    ref = _SPAN_REF.fullmatch(m["ref"])
    if not ref:
        return None
    name = ref["field"]
    text = texts.get(name)
    if ref["start"] is None:
        return (name, 0, len(text)) if text is not None else (name, 0, 0)
    start, end = int(ref["start"]), int(ref["end"])
    if text is not None and not (0 <= start <= end <= len(text)):
        return None
    return name, start, end


def _visible(text: str, marked: bool) -> Markup:
    """Escaped text with newlines shown as ``⏎`` (and spaces as ``␣`` inside marks)."""
    out = []
    for part in re.split(r"(\r\n|\n|\r| |\u3000|\t)", text):
        if not part:
            continue
        if part in ("\r\n", "\n", "\r"):
            out.append('<span class="nl">⏎</span>\n')
        elif part == "\t":
            out.append('<span class="ws">⇥</span>' if marked else "\t")
        elif part == " ":
            out.append('<span class="ws">␣</span>' if marked else " ")
        elif part == "\u3000":
            out.append('<span class="ws">□</span>' if marked else "\u3000")
        else:
            out.append(str(escape(part)))
    return Markup("".join(out))


def highlight(
    key: int, name: str, text: str, spans: Sequence[_Span], sources: Mapping[int, str]
) -> Markup:
    """The field's text as HTML with every span marked in place.

    Overlapping spans are cut into segments; each segment's classes say which families cover
    it as a block (long span, tinted) or as a point (short span, strong mark). ``sources``
    maps a source span's index to the anchor of the copy that repeats it.
    """
    shown = text[:MAX_TEXT]
    cuts = {0, len(shown)}
    for s in spans:
        cuts.add(min(s.start, len(shown)))
        cuts.add(min(s.end, len(shown)))
    bounds = sorted(cuts)
    starts: dict[int, list[_Span]] = {}
    ends: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(min(s.start, len(shown)), []).append(s)
        ends.setdefault(min(s.end, len(shown)), []).append(s)
    out: list[str] = []
    active: list[_Span] = []
    for a, b in pairwise(bounds):
        for s in ends.get(a, []):
            if s in active:
                active.remove(s)
                if s.finding is not None and s.finding.check.startswith("quote."):
                    src = f"s{key}-{s.index}"
                    out.append(
                        f'<a class="dup-link" href="#{src}" title="go to the original">'
                        f"⤴ original {escape(_src_label(s))}</a>"
                    )
        for s in starts.get(a, []):
            if s.finding is None:
                dup = sources.get(s.index, "")
                out.append(
                    f'<a class="src-label" id="s{key}-{s.index}" href="#{dup}">'
                    f"▼ original of a copy further down</a>"
                )
            else:
                out.append(f'<span class="anchor" id="f{key}-{s.index}"></span>')
            active.append(s)
        for s in starts.get(a, []):  # zero-length spans: a visible caret
            if s.start == s.end and s.finding is not None:
                out.append(
                    f'<mark class="pt pt-{s.family} zero" data-c="{escape(s.finding.check)}" '
                    f'title="{escape(s.finding.check + ": " + s.finding.message)}">‸</mark>'
                )
                active.remove(s)
        piece = shown[a:b]
        if not piece:
            continue
        real = [s for s in active if s.finding is not None]
        if not active:
            out.append(str(_visible(piece, False)))
            continue
        cls = ["hl"]
        blocks = [s for s in real if s.end - s.start >= BLOCK_MIN]
        points = [s for s in real if s.end - s.start < BLOCK_MIN]
        if blocks:
            outer = max(blocks, key=lambda s: s.end - s.start)
            cls.append(f"blk blk-{outer.family}")
        if points:
            inner = min(points, key=lambda s: s.end - s.start)
            cls.append(f"pt pt-{inner.family}")
            if inner.finding is not None:
                cls.append(f"sev-{inner.finding.severity}")
        if any(s.finding is None for s in active):
            cls.append("src")
        checks = " ".join(sorted({s.finding.check for s in real if s.finding}))
        titles = "\n".join(
            f"{s.finding.check} [{s.finding.start}:{s.finding.end}]: {s.finding.message}"
            for s in real
            if s.finding
        )
        if any(s.finding is None for s in active):
            titles = (titles + "\n" if titles else "") + "the original that a copy repeats"
        out.append(
            f'<mark class="{" ".join(cls)}" data-c="{escape(checks)}" title="{escape(titles)}">'
            f"{_visible(piece, bool(real))}</mark>"
        )
    for s in ends.get(len(shown), []):
        if s in active and s.finding is not None and s.finding.check.startswith("quote."):
            out.append(
                f'<a class="dup-link" href="#s{key}-{s.index}" title="go to the original">'
                f"⤴ original {escape(_src_label(s))}</a>"
            )
    if len(text) > len(shown):
        out.append(
            f'<span class="cut">… {len(text) - len(shown):,} more characters not shown</span>'
        )
    return Markup("".join(out))


def _src_label(s: _Span) -> str:
    m = _REPEATS.search(s.finding.message) if s.finding else None
    return m["ref"] if m else ""


@dataclass
class RecordView:
    key: int
    record: str
    where: str
    checks: list[str]
    families: list[str]
    severities: list[str]
    fields: list[tuple[str, Markup]]
    groups: list[tuple[str, list[tuple[int, Finding, str | None]]]]
    degraded: bool


def record_view(k: KeptRecord) -> RecordView:
    """Highlighted fields and the findings list of one kept record."""
    spans_by_field: dict[str, list[_Span]] = {}
    sources: dict[int, str] = {}
    src_links: dict[int, str | None] = {}
    for i, f in enumerate(k.findings):
        spans_by_field.setdefault(f.field, []).append(_Span(f.start, f.end, f, i, f.family))
        src = duplicate_source(f, k.texts)
        if src is not None and src[0] in k.texts:
            spans_by_field.setdefault(src[0], []).append(_Span(src[1], src[2], None, i, f.family))
            sources[i] = f"f{k.key}-{i}"
            src_links[i] = f"s{k.key}-{i}"
    fields = []
    for name, spans in spans_by_field.items():
        text = k.texts.get(name)
        if text is not None:
            fields.append((name, highlight(k.key, name, text, spans, sources)))
    groups: dict[str, list[tuple[int, Finding, str | None]]] = {}
    for i, f in enumerate(k.findings):
        groups.setdefault(f.check, []).append((i, f, src_links.get(i)))
    checks = sorted(groups)
    return RecordView(
        key=k.key,
        record=k.record if k.record is not None else f"(no id) line {k.line}",
        where=f"{k.input}:{k.line}",
        checks=checks,
        families=sorted({c.split(".", 1)[0] for c in checks}),
        severities=sorted({str(f.severity) for f in k.findings}),
        fields=fields,
        groups=sorted(groups.items()),
        degraded=not k.texts,
    )


# -- rendering -------------------------------------------------------------------------------
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda n: f"{n:,}"
    return env


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(a, b)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _chart(rows: Sequence[CheckRow]) -> dict[str, Any]:
    shown = [r for r in rows if r.findings > 0]
    shown.sort(key=lambda r: -r.findings)
    top = max((r.findings for r in shown), default=1)
    bar_w = 360
    bars = []
    for i, r in enumerate(shown):
        w = max(2.0, bar_w * r.findings / top)
        bars.append({"row": r, "y": 8 + i * 22, "w": round(w, 1)})
    return {"bars": bars, "height": 16 + 22 * len(shown), "label_w": 210, "bar_w": bar_w}


def render(data: ReportData, now: _dt.datetime | None = None) -> str:
    """The whole HTML document."""
    env = _env()
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    views = [record_view(k) for k in data.kept]
    families = [f for f in FAMILIES if any(r.family == f for r in data.checks)]
    summary = {
        "copydesk": data.version,
        "inputs": data.inputs,
        "records": data.records,
        "passed": data.passed,
        "failed": data.failed,
        "unreadable": data.unreadable,
        "findings": data.findings,
        "gate": {"passed": data.gate_passed, "reasons": data.reasons},
        "profiles": data.profiles,
        "by_check": {
            r.id: {"severity": r.severity, "records": r.records, "findings": r.findings}
            for r in data.checks
            if r.findings
        },
        "kept_records": len(data.kept),
        "kept_ids": [v.record for v in views],
    }
    when = (now or _dt.datetime.now(_dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return env.get_template("report.html.j2").render(
        d=data,
        views=views,
        families=families,
        severities=["error", "warning", "info"],
        chart=_chart(data.checks),
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        summary_json=script_json(summary),
        config_json=json.dumps(data.config, ensure_ascii=False, indent=2),
        when=when,
        describe_profiles=describe_profiles,
    )


def write_html(data: ReportData, path: str | os.PathLike[str]) -> None:
    """Render and write the report to ``path`` (UTF-8; atomically: a temporary file, renamed)."""
    from copydesk.atomic import write_text

    write_text(path, render(data))


__all__ = [
    "ExampleCollector",
    "ReportData",
    "Severity",
    "TextTap",
    "from_run",
    "load_results",
    "render",
    "write_html",
]
