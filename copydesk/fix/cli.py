"""``copydesk fix``: repair records, write them in their own format, account for every edit."""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from copydesk import config as config_mod
from copydesk.findings import NEWLINE_MARK
from copydesk.fix.core import FixResult
from copydesk.fix.edits import Edit
from copydesk.fix.fixers import LISTED_ONLY, UNSAFE
from copydesk.fix.formats import READERS, Row, Writer, atomic_output
from copydesk.fix.html import MAX_RECORDS, Sample, page
from copydesk.io import FORMATS, InputError, detect_format, resolve
from copydesk.record import ArticleRecord, FieldMap

if TYPE_CHECKING:
    from copydesk.fix.core import Fixer
    from copydesk.fix.learned import LearnedBoilerplate
    from copydesk.io import Source

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2
SPACE_MARK = "␣"
DIFF_CONTEXT = 12


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"copydesk: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def visible(s: str) -> str:
    """White space made visible for a diff: newlines ``⏎``, spaces ``␣``."""
    return s.replace("\r\n", NEWLINE_MARK).replace("\n", NEWLINE_MARK).replace(" ", SPACE_MARK)


def diff_line(text: str, e: Edit) -> str:
    """One edit inline: ``body[371:373] sentence.line-break  …网络空[-⏎⏎-]间。…``."""
    left = text[max(0, e.start - DIFF_CONTEXT) : e.start].replace("\n", NEWLINE_MARK)
    right = text[e.end : e.end + DIFF_CONTEXT].replace("\n", NEWLINE_MARK)
    before = visible(e.before if len(e.before) <= 80 else e.before[:38] + "…" + e.before[-38:])
    change = f"[-{before}-]" if before else ""
    change += f"{{+{visible(e.after)}+}}" if e.after else ""
    return f"  {e.field}[{e.start}:{e.end}] {e.check}  …{left}{change}{right}…"


@dataclass
class Totals:
    """What the summary reports."""

    records: int = 0
    split: int = 0
    changed: int = 0
    unreadable: int = 0
    edits: int = 0
    applied: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    unsafe: Counter[str] = field(default_factory=Counter)

    def add(self, res: FixResult, *, split_off: bool = False) -> None:
        if split_off:
            self.split += 1
        else:
            self.records += 1
            self.changed += res.changed
        self.edits += len(res.edits)
        self.applied.update(res.applied)
        self.before.update(res.before)
        self.after.update(res.after)
        self.unsafe.update(res.unsafe)

    def render(self, unsafe_on: bool) -> str:
        out = [
            f"records: {self.records}   changed: {self.changed}   split off: {self.split}"
            f"   edits: {self.edits}"
            f"   unreadable (copied through or not written): {self.unreadable}",
            "",
            f"{'check':32} {'fixed':>7} {'findings before':>16} {'after':>7}",
        ]
        for cid in sorted(set(self.before) | set(self.applied)):
            out.append(
                f"{cid:32} {self.applied.get(cid, 0):7} {self.before.get(cid, 0):16} "
                f"{self.after.get(cid, 0):7}"
            )
        out.append(
            f"{'total':32} {sum(self.applied.values()):7} {sum(self.before.values()):16} "
            f"{sum(self.after.values()):7}"
        )
        if self.unsafe:
            out += ["", "unsafe fixes not made (listed apart; --unsafe-fixes makes those it can):"]
            for cid, n in sorted(self.unsafe.items()):
                how = LISTED_ONLY.get(cid) or UNSAFE.get(cid, "")
                out.append(f"  {cid}: {n} finding(s): {how}")
        elif unsafe_on:
            out += ["", "unsafe fixes: on"]
        return "\n".join(out)


def _check_out(out: str, names: list[str]) -> None:
    for name in names:
        if name != "-" and os.path.exists(out) and os.path.samefile(out, name):
            raise _fail(f"--out {out} is one of the inputs; write the repaired copy elsewhere")


def _out_format(out: str | None, formats: set[str]) -> str:
    """The output's format: its suffix's, else the inputs' one format. CSV and Parquet
    outputs are written from inputs of their own format only (their header or schema)."""
    fmt = detect_format(out) if out else None
    if fmt in ("csv", "parquet") and formats != {fmt}:
        raise _fail(f"a .{fmt} output needs {fmt} inputs; write .jsonl or .json instead")
    if fmt:
        return fmt
    if len(formats) != 1:
        raise _fail("inputs of several formats: name --out with a suffix (.jsonl, .csv, ...)")
    return next(iter(formats))


@click.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out", "out", type=click.Path(dir_okay=False), help="Write the repaired records here."
)
@click.option("--diff", is_flag=True, help="Print what would change, per record; write no records.")
@click.option(
    "--edits",
    "edits_file",
    type=click.Path(dir_okay=False),
    help="Write one JSON line per edit here.",
)
@click.option(
    "--select", multiple=True, help="Check ids or family prefixes to fix (comma-separated)."
)
@click.option("--ignore", multiple=True, help="Check ids or family prefixes not to fix.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also make the unsafe fixes (cut another article off into its own record, "
    "remove the record's own headline lines from the body).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="copydesk.toml or pyproject.toml.",
)
@click.option(
    "--field", "fields", multiple=True, metavar="CANONICAL=YOURS", help="Map a field name."
)
@click.option(
    "--input-format", type=click.Choice(FORMATS), help="Format of files with another suffix."
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False),
    help="Write an HTML page of changed records, before and after.",
)
def fix_cmd(
    paths: tuple[str, ...],
    out: str | None,
    diff: bool,
    edits_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    unsafe_fixes: bool,
    config_path: str | None,
    fields: tuple[str, ...],
    input_format: str | None,
    html_file: str | None,
) -> None:
    """Repair the records in PATHS and write them, in their format, to --out."""
    from copydesk.fix.core import Fixer

    if not diff and not out:
        raise _fail("name the output with --out FILE, or use --diff to see the edits")
    try:
        cfg = config_mod.load(config_path)
        cfg = cfg.with_overrides(
            select=_split(select) or None,
            ignore=_split(ignore) or None,
            fields=cfg.fields.merged(FieldMap.parse(list(fields))) if fields else None,
        )
        fixer = Fixer(cfg, unsafe=unsafe_fixes, learned=learned_checks(cfg))
        sources = resolve(paths, input_format)
    except (config_mod.ConfigError, InputError, ValueError) as exc:
        raise _fail(str(exc)) from None
    if any(s.name == "-" for s in sources):
        raise _fail("copydesk fix reads files, not stdin")
    names = [s.name for s in sources]
    for target in (out, edits_file, html_file):
        if target:
            _check_out(target, names)
    fmt = _out_format(out, {s.format for s in sources}) if out and not diff else None
    if fixer.learned is not None:
        _learn(sources, fixer)
    sinks = Sinks(diff=diff, samples=[] if html_file else None)
    totals, dropped = _process(sources, fixer, out if fmt else None, fmt, edits_file, sinks)
    summary = totals.render(unsafe_fixes)
    click.echo(summary)
    if fmt:
        click.echo(f"\nwrote {out}")
    if html_file:
        with atomic_output(html_file) as tmp:
            Path(tmp).write_text(page(sinks.samples or [], summary), encoding="utf-8")
        click.echo(f"wrote {html_file}")
    if dropped:
        click.echo(f"{dropped} item(s) that are not records could not be written back", err=True)
    raise click.exceptions.Exit(EXIT_UNREADABLE if dropped else EXIT_OK)


def _atomic(path: str | None) -> contextlib.AbstractContextManager[str | None]:
    return atomic_output(path) if path else contextlib.nullcontext(None)


@dataclass
class Sinks:
    """Where one run's results go: the output, the edits log, the diff, the HTML samples."""

    writer: Writer | None = None
    edits: IO[str] | None = None
    diff: bool = False
    samples: list[Sample] | None = None


def _process(
    sources: list[Any],
    fixer: Any,
    out: str | None,
    fmt: str | None,
    edits_file: str | None,
    sinks: Sinks,
) -> tuple[Totals, int]:
    """Fix every row of every source; write ``out`` and ``edits_file`` atomically."""
    totals = Totals()
    with _atomic(edits_file) as edits_tmp, _atomic(out) as out_tmp:
        sinks.edits = open(edits_tmp, "w", encoding="utf-8") if edits_tmp else None
        sinks.writer = Writer(out_tmp, fmt).open() if out_tmp and fmt else None
        try:
            for src in sources:
                for row in READERS[src.format](src.name):
                    _one(row, fixer, totals, sinks)
            if sinks.writer is not None:
                sinks.writer.close()
        except (OSError, ValueError) as exc:
            raise _fail(str(exc)) from None
        finally:
            if sinks.edits is not None:
                sinks.edits.close()
    return totals, sinks.writer.dropped if sinks.writer is not None else 0


def learned_checks(cfg: config_mod.Config) -> LearnedBoilerplate | None:
    """``layout.boilerplate`` learned on the whole input, when the config selects it."""
    from copydesk.engine import Plan
    from copydesk.fix.learned import CHECK, LearnedBoilerplate
    from copydesk.validators.registry import get_check

    for check_id, _sev, params in Plan.from_config(cfg).corpus_checks:
        if check_id == CHECK:
            return LearnedBoilerplate({**get_check(CHECK).params, **params})
    return None


def _learn(sources: list[Source], fixer: Fixer) -> None:
    """The first pass over the input: every record through the learned checks."""
    fmap = fixer.config.fields
    try:
        for src in sources:
            for row in READERS[src.format](src.name):
                if row.data is not None:
                    rec = ArticleRecord.from_mapping(row.data, fmap, input=row.input)
                    fixer.learned.learn(rec)
    except (OSError, ValueError) as exc:
        raise _fail(str(exc)) from None


def _one(row: Row, fixer: Any, totals: Totals, sinks: Sinks) -> None:
    writer = sinks.writer
    if row.data is None:
        if row.error:
            totals.unreadable += 1
        if writer is not None:
            writer.write(row, None)
        return
    res = fixer.fix(row.data, input=row.input)
    totals.add(res)
    if writer is not None:
        writer.write(row, res.record if res.changed else None)
        for sub in res.split_off:
            writer.write_new(row, sub.record)
    id_key = fixer.config.fields.source("id")
    _report(row, res, str(row.data.get(id_key, "")), sinks)
    for sub in res.split_off:
        totals.add(sub, split_off=True)
        sub_id = str(sub.record.get(id_key, ""))
        if sinks.diff:
            click.echo(f"{sub_id}: a new record, split off {row.data.get(id_key, '')}")
        _report(row, sub, sub_id, sinks)


def _report(row: Row, res: FixResult, rid: str, sinks: Sinks) -> None:
    """The edits of one record into the log, the diff and the HTML samples. Offsets refer
    to ``res.original`` (for a record split off another: its text as first cut)."""
    if not res.changed:
        return
    if sinks.edits is not None:
        for e in res.edits:
            line = {"record": rid, "input": row.input, "line": row.line, **e.to_dict()}
            sinks.edits.write(json.dumps(line, ensure_ascii=False) + "\n")
    if sinks.diff:
        click.echo(f"{rid} ({row.input}:{row.line}): {len(res.edits)} edit(s)")
        for e in res.edits:
            click.echo(diff_line(_field_value(res.original, e.field), e))
    if sinks.samples is not None and len(sinks.samples) <= MAX_RECORDS:
        for name in sorted({e.field for e in res.edits}):
            mine = [e for e in res.edits if e.field == name]
            sinks.samples.append(Sample(rid, name, _field_value(res.original, name), mine))


def _field_value(data: dict[str, Any], name: str) -> str:
    base, _, rest = name.partition("[")
    value = data.get(base)
    if rest and isinstance(value, list):
        value = value[int(rest[:-1])]
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


__all__ = ["diff_line", "fix_cmd", "visible"]
