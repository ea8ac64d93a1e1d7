"""The report JSON of DESIGN.md §4, written with flat memory.

Findings are spooled to a temporary file as results stream in; once the run ends the report
is written in the contract's order: ``copydesk``, ``inputs``, ``config``, ``summary``,
``findings``, ``errors``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import IO, Any

from copydesk import __version__
from copydesk.config import Config
from copydesk.engine import RecordResult, RunResult
from copydesk.findings import Finding, Severity
from copydesk.spool import ErrorLog, escape_surrogates, json_text


class JsonReportWriter:
    """Collect findings while the engine runs, then write the whole report to ``out``."""

    def __init__(self) -> None:
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._count = 0

    def add(self, result: RecordResult) -> None:
        if not result.findings:
            return
        lines = [_finding_text(f) + "\n" for f in result.findings]
        self._spool.write(escape_surrogates(("," if self._count else "") + ",".join(lines)))
        self._count += len(lines)

    def write(
        self,
        out: IO[str],
        inputs: Sequence[str],
        config: Config,
        result: RunResult,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """``extra``: additional head keys after ``summary`` (``baseline``, ``groups``)."""
        head: dict[str, Any] = {
            "copydesk": __version__,
            "inputs": list(inputs),
            "config": config.to_dict(),
            "summary": result.summary.to_dict(),
            **(extra or {}),
        }
        text = json_text(head)
        out.write(text[:-1] + ',\n"findings": [\n')
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, out)
        self._spool.seek(0, 2)
        out.write('],\n"errors": ')
        _write_list(out, result.errors)
        out.write(',\n"internal_errors": ')
        _write_list(out, result.internal)
        out.write("}\n")

    def close(self) -> None:
        self._spool.close()


#: a string as ``json.dumps(..., ensure_ascii=False)`` writes it
_STRING = json.encoder.encode_basestring
#: each severity as the report writes it (``"error"``)
_SEVERITY = {s: _STRING(str(s)) for s in Severity}


def _opt(value: str | None) -> str:
    return "null" if value is None else _STRING(value)


def finding_json(f: Finding) -> str:
    """``json_text(f.to_dict())``, the same text written field by field (the report writes
    one per finding: the general encoder costs more than the checks of some records)."""
    return escape_surrogates(_finding_text(f))


def _finding_text(f: Finding) -> str:
    """:func:`finding_json` before its lone surrogates are escaped (the report escapes a
    record's findings at once)."""
    if not _plain(f):
        return json_text(f.to_dict())
    line = "null" if f.line is None else str(f.line)
    return (
        f'{{"record": {_opt(f.record)}, "input": {_opt(f.input)}, "line": {line}, '
        f'"check": {_STRING(f.check)}, "severity": {_SEVERITY[f.severity]}, '
        f'"field": {_STRING(f.field)}, "start": {f.start}, "end": {f.end}, '
        f'"excerpt": {_STRING(f.excerpt)}, "message": {_STRING(f.message)}, '
        f'"suggestion": {_opt(f.suggestion)}}}'
    )


def _plain(f: Finding) -> bool:
    """The finding's fields are of the types :func:`finding_json` writes itself (``int``
    offsets, ``str`` texts, a :class:`Severity`); anything else goes through ``json``."""
    t = type
    return (
        t(f.start) is int
        and t(f.end) is int
        and t(f.check) is str
        and t(f.field) is str
        and t(f.excerpt) is str
        and t(f.message) is str
        and t(f.severity) is Severity
        and (f.line is None or t(f.line) is int)
        and (f.record is None or t(f.record) is str)
        and (f.input is None or t(f.input) is str)
        and (f.suggestion is None or t(f.suggestion) is str)
    )


def _write_list(out: IO[str], entries: Sequence[dict[str, Any]]) -> None:
    """A JSON array of error entries, streamed (an :class:`ErrorLog` may be on disk)."""
    if isinstance(entries, ErrorLog):
        entries.write_json(out)
    else:
        out.write(json_text(list(entries)))
