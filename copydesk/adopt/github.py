"""``copydesk check --format github``: GitHub Actions workflow-command annotations.

One ``::error file=…,line=…,title=…::…`` line per finding (``::warning`` / ``::notice`` for
the other severities), which GitHub shows on the changed file in a pull request. ``file`` is
given where the input is a file under the current directory (the checkout), as a relative
path; ``line`` where the finding's ``line`` is a line of that file (JSONL, NDJSON; not a
Parquet/CSV row or a JSON array element). GitHub shows at most 10 annotations of each kind
per step and 50 per run, so at most ``cap`` lines are written (the first findings in input
order) and a notice says how many more the report JSON holds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from copydesk.engine import RecordResult, Summary
from copydesk.findings import Finding, Severity

CAP = 200
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LINE_FORMATS = (".jsonl", ".ndjson")


def escape_data(text: str) -> str:
    """The message part of a workflow command (``%``, CR and LF escaped)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property of a workflow command (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(input_name: str | None, root: Path) -> str | None:
    """``input_name`` relative to ``root`` when it is a file under it, else ``None``."""
    if not input_name or input_name in ("-", "<records>"):
        return None
    p = Path(input_name)
    if not p.is_file():
        return None
    try:
        rel = p.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    return rel.as_posix()


def annotation(f: Finding, root: Path) -> str:
    """The workflow command of one finding."""
    props = []
    path = repo_path(f.input, root)
    if path is not None:
        props.append(f"file={escape_property(path)}")
        if f.line and path.lower().endswith(_LINE_FORMATS):
            props.append(f"line={f.line}")
    where = f"{f.record or '(no id)'} {f.field}[{f.start}:{f.end}]"
    props.append(f"title={escape_property(f'copydesk {f.check}')}")
    message = f"{where}: {f.message}: {f.excerpt}"
    return f"::{_LEVEL.get(f.severity, 'error')} {','.join(props)}::{escape_data(message)}"


class GithubAnnotations:
    """Writes annotations as results stream in, up to ``cap``; then the gate's verdict."""

    def __init__(self, out: IO[str], cap: int = CAP, root: str | Path | None = None) -> None:
        self.out = out
        self.cap = cap
        self.root = Path(root or os.getcwd())
        self.written = 0
        self.skipped = 0

    def add(self, result: RecordResult) -> None:
        for f in result.findings:
            if self.written < self.cap:
                self.out.write(annotation(f, self.root) + "\n")
                self.written += 1
            else:
                self.skipped += 1

    def finish(self, summary: Summary) -> None:
        if self.skipped:
            self.out.write(
                f"::notice title=copydesk::{self.skipped} more findings are not annotated "
                f"(cap {self.cap}); the report JSON holds every finding\n"
            )
        if not summary.gate_passed:
            reasons = "; ".join(summary.reasons)
            self.out.write(f"::error title=copydesk gate failed::{escape_data(reasons)}\n")
