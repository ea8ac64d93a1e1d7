"""The real-world development set: run every check over the real sources, sample, judge, report.

``fixtures/real-world/verdicts.jsonl`` holds findings judged by hand (ids, offsets, a
fingerprint, verdict and a short reason; never the texts, which live in ``shared/corpora``).
This module recomputes today's findings over every source of
:data:`copydesk.testing.corpora.SOURCES`, matches them to the stored verdicts by fingerprint,
and reports precision per check and per source. Commands::

    python -m copydesk.testing.real_world sample [--k 4]          # sample size, unjudged count
    python -m copydesk.testing.real_world sheet [-o FILE] [--all-gold] # sheet of the unjudged
    python -m copydesk.testing.real_world judge FILE [--answers A] # merge verdicts into the set
    python -m copydesk.testing.real_world report [--update-status] # precision, alarms on gold
    python -m copydesk.testing.real_world recall                  # recall against the golds

A **fingerprint** is the sha1 of the check, source, record id, field, the span text and 20
characters of context either side (whitespace runs folded to one space, or one newline where
they hold one) and the occurrence number of that same key in the record: it survives offset
shifts that do not touch the span's neighbourhood. The **sample** is stratified by (source,
check): the ``k`` findings with the lowest fingerprints of each stratum, so it is stable and
new findings enter it at random. A judged false alarm is ``open`` while today's code still
produces it and ``fixed`` once it does not (``report --update-status`` rewrites the statuses).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.findings import Finding, Severity
from copydesk.testing.corpora import SOURCES, real_world

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "real-world"
VERDICTS = FIXTURE / "verdicts.jsonl"
DEFAULT_K = 4
CONTEXT = 20  # characters either side that enter the fingerprint
SHEET_CONTEXT = 90  # characters either side shown on the judging sheet
VERDICT_KEYS = ("source", "record", "check", "field", "start", "end", "fp", "verdict", "reason")
VERDICT_WORDS = {"t": "true", "f": "false", "u": "unsure"}
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Item:
    """One finding of today's code on one real-world source, with its fingerprint."""

    source: str
    record: str
    check: str
    field: str
    start: int
    end: int
    severity: Severity
    message: str
    fp: str
    text_key: str = ""  # sha1 of check, span and context only: the same text in another record

    @property
    def stratum(self) -> tuple[str, str]:
        return (self.source, self.check)

    def key(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "record": self.record,
            "check": self.check,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "fp": self.fp,
        }


@dataclass
class Run:
    """Today's findings over the chosen sources, and the records they point into."""

    items: list[Item]
    records: dict[tuple[str, str], dict[str, Any]]
    chars: dict[str, int]


def _fold(s: str) -> str:
    """Whitespace runs folded to one newline (when they hold one) or one space."""
    return _WS.sub(lambda m: "\n" if "\n" in m.group() else " ", s)


def fingerprint(
    check: str, source: str, record: str, field: str, text: str, start: int, end: int, occ: int
) -> str:
    """The sha1 of a finding's identity that survives unrelated offset shifts (module doc)."""
    left = _fold(text[max(0, start - CONTEXT) : start])
    right = _fold(text[end : end + CONTEXT])
    parts = (check, source, record, field, _fold(text[start:end]), left, right, str(occ))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def field_value(rec: dict[str, Any], name: str) -> str:
    """The text of a finding's field in a loaded record (``body``, ``headline``, ...)."""
    value = rec.get(name)
    return value if isinstance(value, str) else ""


def record_chars(rec: dict[str, Any]) -> int:
    """Characters of a record that the false-alarm rate divides by: body and headlines."""
    return sum(len(field_value(rec, k)) for k in ("body", "headline", "subheadline"))


def _items(source: str, recs: Sequence[dict[str, Any]], findings: Iterable[Finding]) -> list[Item]:
    by_id = {str(r["id"]): r for r in recs}
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for f in findings:
        rid = str(f.record)
        text = field_value(by_id.get(rid, {}), f.field)
        left = _fold(text[max(0, f.start - CONTEXT) : f.start])
        ident = (f.check, rid, f.field, _fold(text[f.start : f.end]), left)
        occ = seen[ident]
        seen[ident] += 1
        fp = fingerprint(f.check, source, rid, f.field, text, f.start, f.end, occ)
        key = fingerprint(f.check, "", "", "", text, f.start, f.end, 0)
        out.append(
            Item(source, rid, f.check, f.field, f.start, f.end, f.severity, f.message, fp, key)
        )
    return out


def collect(sources: Iterable[str] | None = None) -> Run:
    """Run every check (corpus checks included) over each source, one source at a time."""
    from copydesk.engine import check_records

    items: list[Item] = []
    records: dict[tuple[str, str], dict[str, Any]] = {}
    chars: dict[str, int] = {}
    for source in sources or SOURCES:
        recs = real_world(source)
        if not recs:
            continue
        _, findings = check_records(recs)
        items += _items(source, recs, findings)
        chars[source] = sum(record_chars(r) for r in recs)
        records.update({(source, str(r["id"])): r for r in recs})
    return Run(items, records, chars)


def sample(items: Iterable[Item], k: int = DEFAULT_K) -> list[Item]:
    """The ``k`` findings with the lowest fingerprints of every (source, check) stratum."""
    strata: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for it in items:
        strata[it.stratum].append(it)
    ranked = []
    for key in sorted(strata):
        firsts = sorted(strata[key], key=lambda i: i.fp)[:k]
        ranked += [(rank, key, it) for rank, it in enumerate(firsts)]
    # rank first: a sheet cut short still covers every stratum evenly
    return [it for _, _, it in sorted(ranked, key=lambda t: (t[0], t[1]))]


def load_verdicts(path: Path = VERDICTS) -> list[dict[str, Any]]:
    """The stored verdicts, one dict per judged finding ([] when the file is absent)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


FLOORS = FIXTURE / "floors.json"


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Where a check or a gold text does not meet its target yet: the figure measured at the
    last judging round, which tests hold as a floor (``precision``: per check id;
    ``gold_per_10k``: false alarms per 10k characters per gold source)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {
        "precision": dict(data.get("precision", {})),
        "gold_per_10k": dict(data.get("gold_per_10k", {})),
    }


def save_verdicts(rows: Iterable[dict[str, Any]], path: Path = VERDICTS) -> None:
    """Write verdicts sorted by source, check, record and span, one JSON object a line."""
    order = VERDICT_KEYS
    keyed = sorted(rows, key=lambda r: (r["source"], r["check"], r["record"], r["start"], r["fp"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in keyed:
            row = {k: r[k] for k in order}
            row.update({k: v for k, v in r.items() if k not in order})
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- the judging sheet ------------------------------------------------------------------------


def _visible(s: str) -> str:
    return s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "⇥")


def context_line(text: str, start: int, end: int, width: int = SHEET_CONTEXT) -> str:
    """The span in wide context, marked ``⟦…⟧``, newlines as ``⏎``, on one line."""
    left, right = max(0, start - width), min(len(text), end + width)
    span = text[start:end]
    if len(span) > 400:
        span = span[:190] + " […] " + span[-190:]
    out = _visible(text[left:start]) + "⟦" + _visible(span) + "⟧" + _visible(text[end:right])
    return ("…" if left else "") + out + ("…" if right < len(text) else "")


def _hint(it: Item, verdicts: Sequence[dict[str, Any]]) -> str | None:
    """A stored verdict on an overlapping span of the same check and record (not applied)."""
    for v in verdicts:
        same = (v["source"], v["record"], v["check"], v["field"]) == (
            it.source,
            it.record,
            it.check,
            it.field,
        )
        if (
            same
            and v["start"] < max(it.end, it.start + 1)
            and it.start < max(v["end"], v["start"] + 1)
        ):
            return f"{v['verdict']} [{v['start']},{v['end']}) {v['reason']}"
    return None


def write_sheet(run: Run, todo: Sequence[Item], verdicts: Sequence[dict[str, Any]]) -> str:
    """The judging sheet: one block per unjudged sampled finding (format in the README)."""
    out = []
    for n, it in enumerate(todo, 1):
        rec = run.records[(it.source, it.record)]
        text = field_value(rec, it.field)
        out.append(
            f"=== [{n}] {it.fp} | {it.source} | {it.check} | {it.field} [{it.start},{it.end})"
            f" | {it.record}"
        )
        out.append(f"headline: {_visible(field_value(rec, 'headline'))[:150]}")
        out.append(f"message: {it.message}")
        out.append("context: " + context_line(text, it.start, it.end))
        hint = _hint(it, verdicts)
        if hint:
            out.append(f"hint: {hint}")
        out += ["verdict: ", "reason: ", ""]
    return "\n".join(out)


_HEAD = re.compile(
    r"^=== \[(\d+)\] ([0-9a-f]{40}) \| (\S+) \| (\S+) \| (\S+) \[(\d+),(\d+)\) \| (.*)$"
)


def parse_sheet(text: str) -> list[dict[str, Any]]:
    """The blocks of a sheet: their keys and the ``verdict:``/``reason:`` written in them."""
    blocks: list[dict[str, Any]] = []
    for line in text.splitlines():
        m = _HEAD.match(line)
        if m:
            blocks.append(
                {
                    "n": int(m[1]),
                    "fp": m[2],
                    "source": m[3],
                    "check": m[4],
                    "field": m[5],
                    "start": int(m[6]),
                    "end": int(m[7]),
                    "record": m[8],
                    "verdict": "",
                    "reason": "",
                }
            )
        elif blocks and line.startswith(("verdict:", "reason:")):
            name, _, value = line.partition(":")
            blocks[-1][name] = value.strip()
    return blocks


def parse_answers(text: str) -> dict[int, tuple[str, str]]:
    """Compact answers, one a line: ``N t|f|u reason`` (N = the block number on the sheet)."""
    out = {}
    for line in text.splitlines():
        parts = line.strip().split(None, 2)
        if len(parts) >= 2 and parts[0].isdigit():
            out[int(parts[0])] = (parts[1], parts[2] if len(parts) > 2 else "")
    return out


def merge(
    blocks: Sequence[dict[str, Any]],
    answers: dict[int, tuple[str, str]],
    verdicts: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], int]:
    """Verdicts with the sheet's answers added (a new answer replaces an old one)."""
    by_fp = {v["fp"]: v for v in verdicts}
    added = 0
    for b in blocks:
        verdict, reason = answers.get(b["n"], (b["verdict"], b["reason"]))
        verdict = VERDICT_WORDS.get(verdict.lower(), verdict.lower())
        if not verdict:
            continue
        if verdict not in VERDICT_WORDS.values():
            raise ValueError(f"block {b['n']}: verdict {verdict!r} is not true/false/unsure")
        if not reason:
            raise ValueError(f"block {b['n']}: a verdict needs a one-sentence reason")
        row = {k: b[k] for k in ("source", "record", "check", "field", "start", "end", "fp")}
        row.update(verdict=verdict, reason=reason)
        if verdict == "false":
            row["status"] = "open"
        by_fp[b["fp"]] = row
        added += 1
    return list(by_fp.values()), added


# --- the report -----------------------------------------------------------------------------


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    unsure: int = 0

    def add(self, verdict: str) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def judged(self) -> int:
        return self.true + self.false + self.unsure

    @property
    def precision(self) -> float | None:
        n = self.true + self.false
        return self.true / n if n else None


@dataclass
class Report:
    """Stored verdicts matched against today's findings."""

    by_check: dict[str, Tally]
    by_source: dict[str, Tally]
    distinct: dict[str, Tally]  # by check, the same text judged in several records counted once
    unjudged: list[Item]
    sampled: int
    returned: list[dict[str, Any]]  # false alarms marked fixed that today's code produces again
    fixed: list[dict[str, Any]]  # judged false alarms no longer produced
    gone_true: list[dict[str, Any]]  # judged true findings no longer produced (lost recall)
    gold_rates: dict[str, tuple[float, int, int]]  # source -> (per 10k, alarms, chars)
    gold_estimates: dict[str, float]  # source -> per 10k, unjudged weighted by the sample


def build_report(run: Run, verdicts: Sequence[dict[str, Any]], k: int = DEFAULT_K) -> Report:
    """Precision per check and per source over judged findings that today's code produces."""
    today = {it.fp: it for it in run.items}
    by_check: dict[str, Tally] = defaultdict(Tally)
    by_source: dict[str, Tally] = defaultdict(Tally)
    distinct: dict[str, Tally] = defaultdict(Tally)
    texts: set[str] = set()
    returned, fixed, gone_true = [], [], []
    vmap = {v["fp"]: v for v in verdicts}
    for v in verdicts:
        if v["source"] not in run.chars:
            continue  # a source that was not run (absent, or not selected)
        if v["fp"] in today:
            by_check[v["check"]].add(v["verdict"])
            by_source[v["source"]].add(v["verdict"])
            key = today[v["fp"]].text_key or v["fp"]
            if key not in texts:
                texts.add(key)
                distinct[v["check"]].add(v["verdict"])
            if v["verdict"] == "false" and v.get("status") == "fixed":
                returned.append(v)
        elif v["verdict"] == "false":
            fixed.append(v)
        elif v["verdict"] == "true":
            gone_true.append(v)
    picked = sample(run.items, k)
    unjudged = [it for it in picked if it.fp not in vmap]
    return Report(
        dict(by_check),
        dict(by_source),
        dict(distinct),
        unjudged,
        len(picked),
        returned,
        fixed,
        gone_true,
        gold_rates(run, vmap),
        estimated_gold_rates(run, vmap),
    )


def gold_rates(run: Run, vmap: dict[str, dict[str, Any]]) -> dict[str, tuple[float, int, int]]:
    """False alarms per 10k characters on each gold source: findings >= warning that are not
    judged ``true`` (an unjudged or unsure finding counts as an alarm)."""
    alarms: Counter[str] = Counter()
    for it in run.items:
        if not is_gold(it.source) or it.severity < Severity.WARNING:
            continue
        if vmap.get(it.fp, {}).get("verdict") != "true":
            alarms[it.source] += 1
    return {
        s: (alarms[s] / run.chars[s] * 1e4, alarms[s], run.chars[s])
        for s in run.chars
        if is_gold(s)
    }


def estimated_gold_rates(run: Run, vmap: dict[str, dict[str, Any]]) -> dict[str, float]:
    """False alarms per 10k on each gold source, estimated: the judged false findings, plus the
    unjudged ones of each (source, check) times that stratum's judged false share (1 when none
    of the stratum is judged)."""
    strata: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for it in run.items:
        if is_gold(it.source) and it.severity >= Severity.WARNING:
            strata[it.stratum][vmap.get(it.fp, {}).get("verdict", "unjudged")] += 1
    alarms: Counter[str] = Counter()
    for (source, _), n in strata.items():
        judged = n["true"] + n["false"]
        share = n["false"] / judged if judged else 1.0
        alarms[source] += n["false"] + (n["unjudged"] + n["unsure"]) * share
    return {s: alarms[s] / run.chars[s] * 1e4 for s in run.chars if is_gold(s)}


def is_gold(source: str) -> bool:
    """Whether a source is a gold or clean text (false alarms per 10k are measured on it)."""
    return source in SOURCES and SOURCES[source].gold


def _fmt(t: Tally) -> str:
    p = t.precision
    return f"{t.judged} | {t.true} | {t.false} | {t.unsure} | {'-' if p is None else f'{p:.2f}'}"


def _total(tallies: Iterable[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out.true, out.false, out.unsure = (
            out.true + t.true,
            out.false + t.false,
            out.unsure + t.unsure,
        )
    return out


def _check_table(rep: Report) -> list[str]:
    out = [
        "| check | judged | true | false | unsure | precision | distinct texts: true / false |",
        "|---|---|---|---|---|---|---|",
    ]
    for c, t in sorted(rep.by_check.items()):
        d = rep.distinct.get(c, Tally())
        p = "-" if d.precision is None else f"{d.precision:.2f}"
        out.append(f"| `{c}` | {_fmt(t)} | {d.true} / {d.false} ({p}) |")
    d = _total(rep.distinct.values())
    p = "-" if d.precision is None else f"{d.precision:.2f}"
    out.append(f"| **all** | {_fmt(_total(rep.by_check.values()))} | {d.true} / {d.false} ({p}) |")
    return out


def format_report(rep: Report) -> str:
    """The report as Markdown tables (the README's "Real-world development set" uses them)."""
    out = _check_table(rep)
    out += [
        "",
        "| source | judged | true | false | unsure | precision |",
        "|---|---|---|---|---|---|",
    ]
    out += [f"| {s} | {_fmt(t)} |" for s, t in sorted(rep.by_source.items())]
    out += ["", "| gold source | chars | alarms: >= warning, not judged true | per 10k | est. |"]
    out.append("|---|---|---|---|---|")
    for s, (rate, n, chars) in sorted(rep.gold_rates.items()):
        out.append(f"| {s} | {chars} | {n} | {rate:.2f} | {rep.gold_estimates.get(s, 0):.2f} |")
    share = len(rep.unjudged) / rep.sampled if rep.sampled else 0.0
    out += [
        "",
        f"sample: {rep.sampled} findings, {len(rep.unjudged)} unjudged ({share:.0%}); "
        f"false alarms fixed since judged: {len(rep.fixed)}; came back: {len(rep.returned)}; "
        f"true findings no longer produced: {len(rep.gone_true)}",
    ]
    return "\n".join(out)


def unjudged_gold(
    run: Run, verdicts: Sequence[dict[str, Any]], exclude: set[str] | None = None
) -> list[Item]:
    """Every finding >= warning on a gold source without a verdict (not in ``exclude``)."""
    judged = {v["fp"] for v in verdicts} | (exclude or set())
    return [
        it
        for it in run.items
        if is_gold(it.source) and it.severity >= Severity.WARNING and it.fp not in judged
    ]


def update_status(verdicts: list[dict[str, Any]], run: Run) -> int:
    """Mark each judged false alarm ``open`` or ``fixed`` by today's findings; count changes."""
    today = {it.fp for it in run.items}
    changed = 0
    for v in verdicts:
        if v["verdict"] != "false" or v["source"] not in run.chars:
            continue
        status = "open" if v["fp"] in today else "fixed"
        changed += v.get("status") != status
        v["status"] = status
    return changed


# --- command line ---------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m copydesk.testing.real_world",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--source", action="append", help="only these sources (default: all)")
    p.add_argument("--k", type=int, default=DEFAULT_K, help="sampled findings per stratum")
    p.add_argument("--verdicts", type=Path, default=VERDICTS)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("sample", help="print the sample size and the unjudged share")
    sh = sub.add_parser("sheet", help="write a judging sheet of the unjudged sampled findings")
    sh.add_argument("-o", "--output", type=Path, default=FIXTURE / "sheet.txt")
    sh.add_argument("--limit", type=int, default=0, help="at most this many blocks (0: all)")
    sh.add_argument(
        "--all-gold",
        action="store_true",
        help="also every unjudged finding >= warning on a gold source (they count as alarms)",
    )
    j = sub.add_parser("judge", help="merge a filled sheet into the verdicts")
    j.add_argument("sheet", type=Path)
    j.add_argument("--answers", type=Path, help="compact answers: `N t|f|u reason` a line")
    sub.add_parser("recall", help="recall on raw text aligned to its gold (recall.py)")
    r = sub.add_parser("report", help="precision per check and source; alarms on gold")
    r.add_argument("--update-status", action="store_true", help="rewrite open/fixed statuses")
    return p


def print_recall() -> None:
    """Wrap recall on OverProof and BL OCR, duplicate/boilerplate recall per extractor."""
    from copydesk.testing import recall

    for ds in ("dataset3_chroniclingamerica", "dataset2_sydney_morning_herald"):
        print(f"OverProof {ds}: wraps {recall.wrap_recall(recall.overproof_pairs(ds))}")
    print(f"British Library OCR: wraps {recall.wrap_recall(recall.bl_pairs())}")
    for x in ("trafilatura", "readability_js", "boilerpipe", "justext", "html-text"):
        r = recall.extraction_recall(x)
        print(f"aeb-{x}: duplicated lines {r['duplicate']}, boilerplate lines {r['boilerplate']}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m copydesk.testing.real_world``."""
    args = _parser().parse_args(argv)
    verdicts = load_verdicts(args.verdicts)
    if args.cmd == "judge":
        blocks = parse_sheet(args.sheet.read_text(encoding="utf-8"))
        answers = parse_answers(args.answers.read_text(encoding="utf-8")) if args.answers else {}
        rows, added = merge(blocks, answers, verdicts)
        save_verdicts(rows, args.verdicts)
        print(f"{added} verdicts merged; {len(rows)} stored in {args.verdicts}")
        return 0
    if args.cmd == "recall":
        print_recall()
        return 0
    run = collect(args.source)
    if args.cmd == "sample":
        rep = build_report(run, verdicts, args.k)
        print(f"{len(run.items)} findings; sample {rep.sampled}; unjudged {len(rep.unjudged)}")
        return 0
    if args.cmd == "sheet":
        todo = build_report(run, verdicts, args.k).unjudged
        if args.all_gold:
            todo += unjudged_gold(run, verdicts, exclude={it.fp for it in todo})
        todo = todo[: args.limit] if args.limit else todo
        args.output.write_text(write_sheet(run, todo, verdicts), encoding="utf-8")
        print(f"{len(todo)} findings to judge written to {args.output}")
        return 0
    if args.update_status:
        n = update_status(verdicts, run)
        save_verdicts(verdicts, args.verdicts)
        print(f"{n} statuses changed")
    print(format_report(build_report(run, verdicts, args.k)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
