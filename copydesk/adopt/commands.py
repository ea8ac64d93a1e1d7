"""The commands ``copydesk baseline`` and ``copydesk compare`` (registered in cli.py).

Exit codes as for ``check``: ``baseline`` exits 0 once the file is written; ``compare`` exits
0 when the introduced findings at or above ``--fail-on`` are within ``--max-introduced``,
1 on a regression beyond it, 2 on a usage error or an input that cannot be opened.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from copydesk import config as config_mod
from copydesk.adopt import compare as cmp
from copydesk.adopt import fingerprint as fp
from copydesk.adopt.baseline import Baseline
from copydesk.adopt.files import write_atomic
from copydesk.adopt.markdown import comparison_markdown, comparison_text, report_markdown
from copydesk.adopt.reports import ReportError, looks_like_report, open_report
from copydesk.config import Config
from copydesk.engine import RecordResult, default_jobs, run
from copydesk.findings import Severity
from copydesk.io import FORMATS, InputError, read, resolve
from copydesk.record import FieldMap

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def usage(message: str) -> click.exceptions.Exit:
    click.echo(f"copydesk: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def load_config(
    config_path: str | None,
    select: Iterable[str],
    ignore: Iterable[str],
    fields: Iterable[str],
    fail_on: str | None = None,
) -> Config:
    """The config file with the command line's overrides, as ``check`` builds it."""

    def split(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(s.strip() for v in values for s in v.split(",") if s.strip())

    cfg = config_mod.load(config_path)
    fields = list(fields)
    return cfg.with_overrides(
        select=split(select) or None,
        ignore=split(ignore) or None,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        fields=cfg.fields.merged(FieldMap.parse(fields)) if fields else None,
    )


def config_options(f: Any) -> Any:
    """The options ``baseline`` and ``compare`` share with ``check``."""
    for opt in reversed(
        [
            click.option(
                "--config",
                "config_path",
                type=click.Path(dir_okay=False),
                help="copydesk.toml or pyproject.toml.",
            ),
            click.option("--select", multiple=True, help="Check ids or family prefixes."),
            click.option("--ignore", multiple=True, help="Check ids or family prefixes to skip."),
            click.option(
                "--field",
                "fields",
                multiple=True,
                metavar="CANONICAL=YOURS",
                help="Map a field name, e.g. body=text.",
            ),
            click.option(
                "--input-format",
                type=click.Choice(FORMATS),
                help="Format of stdin or of files with another suffix.",
            ),
            click.option(
                "--jobs",
                "-j",
                type=click.IntRange(min=1),
                help="Worker processes [default: all cores].",
            ),
        ]
    ):
        f = opt(f)
    return f


@click.command("baseline")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    default="copydesk-baseline.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The baseline file to write.",
)
@config_options
def baseline_cmd(
    paths: tuple[str, ...],
    out: str,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fields: tuple[str, ...],
    input_format: str | None,
    jobs: int | None,
) -> None:
    """Record every finding in PATHS as accepted: `check --baseline FILE` then gates only on
    new findings."""
    try:
        cfg = load_config(config_path, select, ignore, fields)
        sources = resolve(paths, input_format)
        names = [s.name for s in sources]
        base = Baseline(inputs=names)

        def keep(res: RecordResult) -> None:
            for f in res.findings:
                base.add(f)

        result = run(read(sources), cfg, jobs=jobs or default_jobs(), on_result=keep)
    except (config_mod.ConfigError, InputError, ValueError) as exc:
        raise usage(str(exc)) from None
    base.save(out)
    s = result.summary
    click.echo(
        f"copydesk: baseline {out}: {base.findings} findings in {len(base.entries)} of "
        f"{s.records} records ({s.unreadable} unreadable, not baselined)"
    )


@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="What to print on stdout.",
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(dir_okay=False),
    help="Also write the comparison JSON here.",
)
@click.option(
    "--markdown",
    "md_file",
    type=click.Path(dir_okay=False),
    help="Also write the Markdown (a PR comment, $GITHUB_STEP_SUMMARY) here.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False),
    help="Also write NEW's HTML report with the comparison section.",
)
@click.option(
    "--max-introduced",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Introduced findings (at or above --fail-on) allowed before exit 1.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity an introduced finding counts at.",
)
@config_options
def compare_cmd(
    old: str,
    new: str,
    fmt: str,
    json_file: str | None,
    md_file: str | None,
    html_file: str | None,
    max_introduced: int,
    fail_on: str,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fields: tuple[str, ...],
    input_format: str | None,
    jobs: int | None,
) -> None:
    """Findings fixed and introduced from OLD to NEW: two report JSONs (`check --json`), or
    two inputs with the same record ids, checked here with the same config."""
    kinds = {looks_like_report(old), looks_like_report(new)}
    if len(kinds) != 1:
        raise usage("OLD and NEW must both be report JSONs or both be inputs")
    with ExitStack() as stack:
        try:
            if kinds == {True}:
                sides = [cmp.Side(old), cmp.Side(new)]
                reports = [old, new]
            else:
                cfg = load_config(config_path, select, ignore, fields)
                tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
                sides, reports = [], []
                for n, path in enumerate((old, new)):
                    out = tmp / f"{n}.json"
                    sides.append(check_to_report(path, cfg, input_format, jobs, out))
                    reports.append(str(out))
            result = _compare(sides, reports, Severity.parse(fail_on), max_introduced)
        except (config_mod.ConfigError, InputError, ReportError, ValueError) as exc:
            raise usage(str(exc)) from None
        comparison = result.to_dict()
        if html_file is not None:  # a temporary report JSON is not named in the page
            write_comparison_html(reports[1], comparison, html_file, kinds == {True})
    if json_file is not None:
        write_atomic(json_file, json.dumps(comparison, ensure_ascii=False, indent=1) + "\n")
    if md_file is not None:
        write_atomic(md_file, comparison_markdown(comparison))
    if fmt == "json":
        click.echo(json.dumps(comparison, ensure_ascii=False, indent=1))
    elif fmt == "markdown":
        click.echo(comparison_markdown(comparison), nl=False)
    else:
        click.echo(comparison_text(comparison), nl=False)
    sys.exit(EXIT_PASSED if result.passed else EXIT_FAILED)


def _compare(
    sides: list[cmp.Side], reports: list[str], fail_on: Severity, max_introduced: int
) -> cmp.Comparison:
    def old_findings() -> Iterator[dict[str, Any]]:
        with open_report(reports[0]) as (_head, findings):
            yield from findings

    with open_report(reports[1]) as (head, new_f):
        for side, h in ((sides[1], head), (sides[0], next_head(reports[0]))):
            if h.get("baseline"):
                click.echo(
                    f"copydesk: warning: {side.name} was checked with a baseline; its "
                    "baselined findings count as fixed",
                    err=True,
                )
        return cmp.compare(
            sides[0], old_findings, sides[1], new_f, fail_on=fail_on, max_introduced=max_introduced
        )


def next_head(report: str) -> dict[str, Any]:
    """The head of a report JSON (without its findings)."""
    with open_report(report) as (head, _findings):
        return head


def check_to_report(
    path: str, cfg: Config, input_format: str | None, jobs: int | None, out: Path
) -> cmp.Side:
    """Check the input ``path`` into the report JSON ``out``; the side with its record ids."""
    from copydesk.report.json_report import JsonReportWriter

    sources = resolve([path], input_format)
    writer = JsonReportWriter()
    ids: set[str] = set()

    def on_result(res: RecordResult) -> None:
        writer.add(res)
        if res.readable:
            ids.add(fp.record_key(res.record_id, res.input, res.line))

    result = run(read(sources), cfg, jobs=jobs or default_jobs(), on_result=on_result)
    with out.open("w", encoding="utf-8") as fh:
        writer.write(fh, [s.name for s in sources], cfg, result)
    writer.close()
    return cmp.Side(path, records=result.summary.records, record_ids=ids)


def write_comparison_html(
    new_report: str, comparison: dict[str, Any], path: str, name_json: bool = True
) -> None:
    """NEW's HTML report (texts re-read from its inputs) with the comparison on top."""
    from copydesk.adopt.html_views import comparison_section
    from copydesk.report.html import load_results, render

    data = load_results(new_report)
    if not name_json:
        data.json_path = None
    data.sections.insert(0, comparison_section(comparison))
    write_atomic(path, render(data))


def report_markdown_cmd(results: str, out: str) -> None:
    """``copydesk report RESULTS.json --markdown FILE|-`` (called from cli.py)."""
    try:
        with open_report(results) as (head, _findings):
            text = report_markdown(head)
    except ReportError as exc:
        raise usage(str(exc)) from None
    if out == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
