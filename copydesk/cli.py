"""The command line: thin. Parse options, call the engine, pick reporters, set the exit code.

Exit codes (DESIGN.md §5): 0 the gate passed; 1 the gate failed (findings over the
thresholds, or unreadable records); 2 a usage error or an input that cannot be opened.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from copydesk import __version__
from copydesk import config as config_mod
from copydesk.engine import RecordResult, default_jobs, run
from copydesk.findings import Severity
from copydesk.fix.cli import fix_cmd
from copydesk.io import FORMATS, InputError, RawItem, read, resolve
from copydesk.record import FieldMap

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _usage(message: str) -> click.exceptions.Exit:
    click.echo(f"copydesk: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def _progress(items: Iterable[RawItem], enabled: bool) -> Iterator[RawItem]:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    # delay: the bar appears only on runs longer than two seconds
    with tqdm(desc="records", unit=" rec", file=sys.stderr, delay=2.0, mininterval=0.5) as bar:
        for item in items:
            yield item
            bar.update(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copydesk")
def main() -> None:
    """copydesk: check extracted article records before bad text ships."""


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="What to print on stdout.",
)
@click.option(
    "--json", "json_file", type=click.Path(dir_okay=False), help="Also write the report JSON here."
)
@click.option(
    "--select", multiple=True, help="Check ids or family prefixes to run (comma-separated)."
)
@click.option("--ignore", multiple=True, help="Check ids or family prefixes to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails a record and counts toward the gate [default: error].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="copydesk.toml or pyproject.toml.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes [default: all cores]."
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="CANONICAL=YOURS",
    help="Map a field name, e.g. body=text.",
)
@click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    help="Format of stdin or of files with another suffix.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr [default: when a terminal].",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False),
    help="Also write a self-contained HTML report here.",
)
@click.option(
    "--junit",
    "junit_file",
    type=click.Path(dir_okay=False),
    help="Also write JUnit XML here (one test case per check).",
)
@click.option(
    "--gx-docs",
    "gx_docs",
    type=click.Path(file_okay=False),
    help="Also validate with Great Expectations and build its Data Docs in this folder.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="In-process engine, or Spark (pip install 'copydesk[spark]'; needs Java).",
)
@click.option(
    "--spark-master",
    default="local[*]",
    show_default=True,
    help="Spark master URL for --engine spark.",
)
def check_cmd(
    paths: tuple[str, ...],
    fmt: str,
    json_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: str | None,
    jobs: int | None,
    fields: tuple[str, ...],
    input_format: str | None,
    progress: bool | None,
    html_file: str | None,
    junit_file: str | None,
    gx_docs: str | None,
    engine: str,
    spark_master: str,
) -> None:
    """Check the article records in PATHS (files, directories, or - for stdin)."""
    from copydesk.engine import Plan
    from copydesk.report.html import ExampleCollector, TextTap, write_html
    from copydesk.report.html import from_run as report_from_run
    from copydesk.report.json_report import JsonReportWriter
    from copydesk.report.junit import write_junit
    from copydesk.report.text import TextReport

    try:
        cfg = config_mod.load(config_path)
        cfg = cfg.with_overrides(
            select=_split(select) or None,
            ignore=_split(ignore) or None,
            fail_on=Severity.parse(fail_on) if fail_on else None,
            fields=cfg.fields.merged(FieldMap.parse(list(fields))) if fields else None,
        )
        plan = Plan.from_config(cfg)  # validates selectors and params before reading anything
        sources = resolve(paths, input_format)
    except (config_mod.ConfigError, InputError, ValueError) as exc:
        raise _usage(str(exc)) from None
    if engine == "spark":
        if any(src.name == "-" for src in sources):
            raise _usage("--engine spark reads files, not stdin")
        if gx_docs is not None:
            raise _usage("--gx-docs runs with the local engine only")
        try:
            from copydesk.integrations.spark import run_spark
        except ImportError as exc:
            raise _usage(
                f"--engine spark needs pyspark: pip install 'copydesk[spark]' ({exc})"
            ) from None
    if gx_docs is not None:
        try:
            from copydesk.integrations import gx as gx_mod
        except ImportError as exc:
            raise _usage(
                f"--gx-docs needs Great Expectations: pip install 'copydesk[gx]' ({exc})"
            ) from None

    names = [s.name for s in sources]
    want_json = fmt == "json" or json_file is not None
    json_writer = JsonReportWriter() if want_json else None
    text_report = TextReport() if fmt == "text" else None

    want_reports = html_file is not None or junit_file is not None
    collector = ExampleCollector(cfg.fields) if want_reports else None
    gx_frame = gx_mod.FrameBuilder(cfg) if gx_docs is not None else None
    items = read(sources) if engine == "local" else iter(())
    wants_texts = html_file is not None or gx_frame is not None
    # the Spark engine reads in its executors: its HTML report shows excerpts, not texts
    tap = TextTap(items) if wants_texts and engine == "local" else None

    def on_result(res: RecordResult) -> None:
        if json_writer is not None:
            json_writer.add(res)
        if text_report is not None:
            text_report.add(res)
        item = tap.take(res) if tap is not None else None
        data = item.data if item is not None else None
        if collector is not None:
            collector.add(res, data if html_file is not None else None)
        if gx_frame is not None:
            gx_frame.add(res, data)

    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        if engine == "spark":
            result, spark_writer = run_spark(
                names, cfg, spark_master, input_format=input_format, on_result=on_result
            )
            spark_writer.close()  # the findings also went to this command's own writers
        else:
            result = run(
                _progress(tap if tap is not None else items, show_progress),
                cfg,
                jobs=jobs or default_jobs(),
                on_result=on_result,
            )
    except InputError as exc:
        raise _usage(str(exc)) from None

    if collector is not None:
        selected = [c[0] for c in (*plan.record_checks, *plan.corpus_checks)]
        data = report_from_run(result, cfg, names, collector, selected, json_path=json_file)
        if html_file is not None:
            write_html(data, html_file)
        if junit_file is not None:
            write_junit(data, junit_file)
    if gx_frame is not None and gx_docs is not None:
        outcome = gx_mod.validate(gx_frame.frame(), cfg, docs_dir=gx_docs)
        click.echo(f"copydesk: Great Expectations Data Docs: {outcome.docs_index}", err=True)

    if json_writer is not None:
        if json_file is not None:
            with open(json_file, "w", encoding="utf-8") as fh:
                json_writer.write(fh, names, cfg, result)
        if fmt == "json":
            json_writer.write(sys.stdout, names, cfg, result)
        json_writer.close()
    if text_report is not None:
        text_report.write(sys.stdout, names, result)
    sys.exit(EXIT_PASSED if result.summary.gate_passed else EXIT_FAILED)


@main.command("report")
@click.argument("results", type=click.Path(dir_okay=False))
@click.option(
    "--html", "html_file", type=click.Path(dir_okay=False), help="Write the HTML report here."
)
@click.option(
    "--junit", "junit_file", type=click.Path(dir_okay=False), help="Write JUnit XML here."
)
@click.option(
    "--no-inputs",
    is_flag=True,
    help="Do not re-read the inputs for the record texts; show excerpts only.",
)
def report_cmd(
    results: str, html_file: str | None, junit_file: str | None, no_inputs: bool
) -> None:
    """Render RESULTS.json (from `copydesk check --json`) as HTML and/or JUnit XML.

    The record texts are re-read from the inputs the report names; where an input is gone
    the HTML shows the findings' excerpts instead.
    """
    from copydesk.report.html import load_results, write_html
    from copydesk.report.junit import write_junit

    if html_file is None and junit_file is None:
        raise _usage("give --html FILE and/or --junit FILE")
    try:
        data = load_results(results, fetch_texts=not no_inputs and html_file is not None)
    except FileNotFoundError:
        raise _usage(f"{results}: no such file") from None
    except (ValueError, KeyError, OSError) as exc:
        raise _usage(f"{results}: not a copydesk report JSON: {exc}") from None
    if html_file is not None:
        write_html(data, html_file)
    if junit_file is not None:
        write_junit(data, junit_file)
    for name in data.missing_inputs:
        click.echo(f"copydesk: {name}: input not found; the HTML shows excerpts only", err=True)


@main.command("checks")
@click.option("--explain", metavar="ID", help="Print the full documentation of one check.")
@click.option("--markdown", is_flag=True, help="Print the check catalogue as Markdown.")
@click.option("--select", multiple=True, help="Only these ids or family prefixes.")
def checks_cmd(explain: str | None, markdown: bool, select: tuple[str, ...]) -> None:
    """List every check: id, default severity, description."""
    from copydesk.validators.registry import get_check, select_checks

    if explain:
        try:
            spec = get_check(explain)
        except KeyError as exc:
            raise _usage(str(exc.args[0])) from None
        click.echo(f"{spec.id} ({spec.severity}; reads {', '.join(spec.fields)})\n")
        click.echo(spec.doc)
        if spec.params:
            click.echo("\nParameters: " + ", ".join(f"{k}={v!r}" for k, v in spec.params.items()))
        return
    try:
        specs = select_checks(_split(select))
    except ValueError as exc:
        raise _usage(str(exc)) from None
    if markdown:
        click.echo(catalogue_markdown(specs))
        return
    width = max(len(s.id) for s in specs)
    for s in specs:
        click.echo(f"{s.id.ljust(width)}  {s.severity!s:7}  {s.description}")


def catalogue_markdown(specs: Iterable[Any]) -> str:
    """The check catalogue (README section), generated from the checks' docstrings."""
    out: list[str] = []
    family = None
    for s in specs:
        if s.family != family:
            family = s.family
            out += [
                "",
                f"**{family}**",
                "",
                "| check | severity | finds | example | known limits |",
            ]
            out.append("|---|---|---|---|---|")
        parts = s.doc_sections()
        cells = [
            f"`{s.id}`",
            str(s.severity),
            s.description,
            parts.get("Example", ""),
            parts.get("Limits", ""),
        ]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out).strip()


@main.command("schema")
@click.option(
    "--field", "fields", multiple=True, metavar="CANONICAL=YOURS", help="Map a field name."
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def schema_cmd(fields: tuple[str, ...], config_path: str | None) -> None:
    """Print the JSON Schema of an article record."""
    from copydesk.schemas.json_schema import record_json_schema

    try:
        cfg = config_mod.load(config_path)
        fmap = cfg.fields.merged(FieldMap.parse(list(fields)))
    except (config_mod.ConfigError, ValueError) as exc:
        raise _usage(str(exc)) from None
    click.echo(json.dumps(record_json_schema(fmap), ensure_ascii=False, indent=2))


main.add_command(fix_cmd)


def _entry() -> None:  # pragma: no cover
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
