"""The command line: thin. Parse options, call the engine, pick reporters, set the exit code.

Exit codes (DESIGN.md §5): 0 the gate passed; 1 the gate failed (findings over the
thresholds, or unreadable records); 2 a usage error or an input that cannot be opened;
3 an internal error: a check or reader crashed on some record (the run went on and the
report lists it under ``internal_errors``), or a report could not be written. No traceback
reaches the user.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import click

from copydesk import __version__
from copydesk import config as config_mod
from copydesk.findings import Severity
from copydesk.io import FORMATS, InputError, RawItem, read, resolve
from copydesk.record import FieldMap

if TYPE_CHECKING:
    from copydesk.engine import RecordResult
    from copydesk.report.html import ExampleCollector, TextTap
    from copydesk.report.json_report import JsonReportWriter

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130

F = TypeVar("F", bound=Callable[..., Any])


def _no_traceback(func: F) -> F:
    """Turn any exception that escapes a command into one line on stderr and exit 3
    (SIGINT: exit 130). Click's own exits and usage errors pass through."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _safe_streams()
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `copydesk check … | head`: the reader went away
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            click.echo("copydesk: stdout was closed before the report was printed", err=True)
            raise click.exceptions.Exit(EXIT_INTERNAL) from None
        except KeyboardInterrupt:
            click.echo("copydesk: interrupted; no report was written or replaced", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            msg = f"copydesk: internal error: {exc!r}"[:2000]
            click.echo(f"{msg} (please report it)", err=True)
            raise click.exceptions.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _safe_streams() -> None:
    """Lone surrogates (from JSON ``\\udc00`` or undecodable file names) print as escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a detached stream
                pass


def check_outputs(outputs: Mapping[str, str | None], inputs: Iterable[str]) -> None:
    """Refuse (``ValueError``, exit 2) before reading anything: an output whose directory is
    missing, that is a directory, equals an input or another output."""
    seen: dict[str, str] = {}
    explicit = {_real(p): p for p in inputs if p != "-"}
    inodes = {key for p in inputs if p != "-" and (key := _inode(p)) is not None}
    for option, path in outputs.items():
        if path is None:
            continue
        real = _real(path)
        parent = os.path.dirname(real)
        if not os.path.isdir(parent):
            raise ValueError(f"{option} {path}: directory {parent} does not exist")
        if os.path.isdir(real):
            raise ValueError(f"{option} {path}: is a directory")
        if not os.access(parent, os.W_OK):
            raise ValueError(f"{option} {path}: directory {parent} is not writable")
        if real in explicit or _inode(path) in inodes - {None}:
            raise ValueError(f"{option} {path}: is an input of this run; it would be overwritten")
        if real in seen:
            raise ValueError(f"{option} {path}: is also the file of {seen[real]}")
        seen[real] = option


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def _inode(path: str) -> tuple[int, int] | None:
    """(device, inode) of an existing path (a hard link is the same file), else ``None``."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


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


class LazyGroup(click.Group):
    """A command group whose commands from other modules are imported on first use.

    ``lazy`` maps a command name to ``"module:attribute"``; ``copydesk check`` then never
    imports the fixer or the adoption commands (start-up time, issue 12).
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy.get(cmd_name)
        if target is not None and cmd_name not in self.commands:
            module, attribute = target.split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    lazy={
        "baseline": "copydesk.adopt.commands:baseline_cmd",
        "compare": "copydesk.adopt.commands:compare_cmd",
        "fix": "copydesk.fix.cli:fix_cmd",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="copydesk")
def main() -> None:
    """copydesk: check extracted article records before bad text ships."""


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="What to print on stdout (github: the text summary and workflow annotations).",
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
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Gate only on findings not in this baseline (from `copydesk baseline`).",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Rewrite the baseline without the findings that are gone (it only shrinks).",
)
@click.option(
    "--group-by",
    metavar="FIELD[:year|month]",
    help="Failing records and findings per check for each value of FIELD.",
)
@_no_traceback
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
    baseline_file: str | None,
    update_baseline: bool,
    group_by: str | None,
) -> None:
    """Check the article records in PATHS (files, directories, or - for stdin)."""
    with _no_gc():  # the checks' modules: many objects, no garbage
        from copydesk.adopt.baseline import BaselineError
        from copydesk.adopt.session import Adoption, baseline_path
        from copydesk.engine import Plan, default_jobs, run
        from copydesk.report.text import TextReport

    outputs = {"--json": json_file, "--html": html_file, "--junit": junit_file}
    skipped: list[str] = []
    try:
        check_outputs(outputs, paths)
        cfg = config_mod.load(config_path)
        cfg = cfg.with_overrides(
            select=_split(select) or None,
            ignore=_split(ignore) or None,
            fail_on=Severity.parse(fail_on) if fail_on else None,
            fields=cfg.fields.merged(FieldMap.parse(list(fields))) if fields else None,
        )
        plan = Plan.from_config(cfg)  # validates selectors and params before reading anything
        exclude = [p for p in outputs.values() if p is not None]
        sources = resolve(paths, input_format, exclude=exclude, skipped=skipped)
        adopt = Adoption(
            cfg,
            [c[0] for c in (*plan.record_checks, *plan.corpus_checks)],
            baseline=baseline_path(baseline_file, cfg),
            update_baseline=update_baseline,
            group_by=group_by,
            github_out=sys.stdout if fmt == "github" else None,
        )
    except (config_mod.ConfigError, InputError, BaselineError, ValueError) as exc:
        raise _usage(str(exc)) from None
    for note in skipped:
        click.echo(f"copydesk: {note}", err=True)
    if engine == "spark" and adopt.active:
        raise _usage("--baseline, --group-by and --format github run with the local engine only")
    if engine == "spark":
        if any(src.name == "-" for src in sources):
            raise _usage("--engine spark reads files, not stdin")
        if gx_docs is not None:
            raise _usage("--gx-docs runs with the local engine only")
        try:
            from copydesk.integrations.spark import run_spark, unsupported_checks
        except ImportError as exc:
            raise _usage(
                f"--engine spark needs pyspark: pip install 'copydesk[spark]' ({exc})"
            ) from None
        for check_id in unsupported_checks(cfg):
            click.echo(
                f"copydesk: --engine spark does not run {check_id} (no Spark implementation);"
                " run it with the local engine",
                err=True,
            )
    if gx_docs is not None:
        try:
            from copydesk.integrations import gx as gx_mod
        except ImportError as exc:
            raise _usage(
                f"--gx-docs needs Great Expectations: pip install 'copydesk[gx]' ({exc})"
            ) from None

    names = [s.name for s in sources]
    want_json = fmt == "json" or json_file is not None
    json_writer = _json_writer() if want_json else None
    text_report = TextReport() if fmt in ("text", "github") else None

    want_reports = html_file is not None or junit_file is not None
    collector = _example_collector(cfg) if want_reports else None
    gx_frame = gx_mod.FrameBuilder(cfg) if gx_docs is not None else None
    items = read(sources) if engine == "local" else iter(())
    wants_texts = html_file is not None or gx_frame is not None or adopt.needs_data
    # the Spark engine reads in its executors: its HTML report shows excerpts, not texts
    tap = _text_tap(items) if wants_texts and engine == "local" else None

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
        adopt.on_result(res, data)

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
                triage=adopt.triage,
            )
    except InputError as exc:
        raise _usage(str(exc)) from None
    extras = adopt.extras()

    written = True
    if collector is not None:
        from copydesk.report.html import from_run, write_html
        from copydesk.report.junit import write_junit

        selected = [c[0] for c in (*plan.record_checks, *plan.corpus_checks)]
        data = from_run(result, cfg, names, collector, selected, json_path=json_file)
        data.sections = adopt.html_sections(extras)
        if html_file is not None:
            written &= _write_output("--html", html_file, lambda: write_html(data, html_file))
        if junit_file is not None:
            written &= _write_output("--junit", junit_file, lambda: write_junit(data, junit_file))
    if gx_frame is not None and gx_docs is not None:
        outcome = gx_mod.validate(gx_frame.frame(), cfg, docs_dir=gx_docs)
        click.echo(f"copydesk: Great Expectations Data Docs: {outcome.docs_index}", err=True)

    if json_writer is not None:
        if json_file is not None:
            written &= _write_output(
                "--json",
                json_file,
                lambda: _write_json(json_writer, json_file, names, cfg, result, extras),
            )
        if fmt == "json":
            json_writer.write(sys.stdout, names, cfg, result, extras)
        json_writer.close()
    if text_report is not None:
        text_report.write(sys.stdout, names, result, adopt.text_sections(extras))
    for message in adopt.finish(result):
        click.echo(f"copydesk: {message}", err=True)
    sys.exit(exit_code(result.summary.gate_passed, result.summary.internal_errors, written))


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No garbage collection inside the block (put back as it was after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _json_writer() -> JsonReportWriter:
    from copydesk.report.json_report import JsonReportWriter

    return JsonReportWriter()


def _example_collector(cfg: config_mod.Config) -> ExampleCollector:
    """The examples of the HTML and JUnit reports (imported only when one is asked for)."""
    from copydesk.report.html import ExampleCollector

    return ExampleCollector(cfg.fields)


def _text_tap(items: Iterable[RawItem]) -> TextTap:
    from copydesk.report.html import TextTap

    return TextTap(items)


def exit_code(gate_passed: bool, internal_errors: int, written: bool = True) -> int:
    """3 when a check or reader crashed or a report could not be written, else the verdict."""
    if internal_errors or not written:
        return EXIT_INTERNAL
    return EXIT_PASSED if gate_passed else EXIT_FAILED


def _write_json(
    writer: Any, path: str, names: list[str], cfg: Any, result: Any, extras: Any = None
) -> None:
    from copydesk.atomic import atomic_text

    with atomic_text(path) as fh:
        writer.write(fh, names, cfg, result, extras)


def _write_output(option: str, path: str, write: Callable[[], None]) -> bool:
    """Write one report file; an OS error (disk full, permissions) is one line, not a crash."""
    try:
        write()
    except OSError as exc:
        click.echo(f"copydesk: {option} {path}: cannot write: {exc.strerror or exc}", err=True)
        return False
    return True


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
@click.option(
    "--markdown",
    "md_file",
    metavar="FILE|-",
    help="Write a Markdown summary ($GITHUB_STEP_SUMMARY); - prints it.",
)
@_no_traceback
def report_cmd(
    results: str,
    html_file: str | None,
    junit_file: str | None,
    no_inputs: bool,
    md_file: str | None = None,
) -> None:
    """Render RESULTS.json (from `copydesk check --json`) as HTML and/or JUnit XML.

    The record texts are re-read from the inputs the report names; where an input is gone
    the HTML shows the findings' excerpts instead.
    """
    from copydesk.report.html import load_results, write_html
    from copydesk.report.junit import write_junit

    if md_file is not None:
        from copydesk.adopt.commands import report_markdown_cmd

        report_markdown_cmd(results, md_file)
        if html_file is None and junit_file is None:
            return
    if html_file is None and junit_file is None:
        raise _usage("give --html FILE and/or --junit FILE")
    try:
        check_outputs({"--html": html_file, "--junit": junit_file}, [results])
    except ValueError as exc:
        raise _usage(str(exc)) from None
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


def _entry() -> None:  # pragma: no cover
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
