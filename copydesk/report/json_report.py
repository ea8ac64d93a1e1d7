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
from copydesk.findings import Finding
from copydesk.spool import ErrorLog, escape_surrogates, json_text


class JsonReportWriter:
    """Collect findings while the engine runs, then write the whole report to ``out``."""

    def __init__(self) -> None:
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._count = 0

    def add(self, result: RecordResult) -> None:
        if not result.findings:
            return
        lines = [finding_json(f) + "\n" for f in result.findings]
        self._spool.write(("," if self._count else "") + ",".join(lines))
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


def _opt(value: str | None) -> str:
    return "null" if value is None else _STRING(value)


def finding_json(f: Finding) -> str:
    """``json_text(f.to_dict())``, the same text written field by field (the report writes
    one per finding: the general encoder costs more than the checks of some records)."""
    if not _plain(f):
        return json_text(f.to_dict())
    line = "null" if f.line is None else str(f.line)
    return escape_surrogates(
        f'{{"record": {_opt(f.record)}, "input": {_opt(f.input)}, "line": {line}, '
        f'"check": {_STRING(f.check)}, "severity": {_STRING(str(f.severity))}, '
        f'"field": {_STRING(f.field)}, "start": {f.start}, "end": {f.end}, '
        f'"excerpt": {_STRING(f.excerpt)}, "message": {_STRING(f.message)}, '
        f'"suggestion": {_opt(f.suggestion)}}}'
    )


def _plain(f: Finding) -> bool:
    """The finding's fields are of the types :func:`finding_json` writes itself (``int``
    offsets, ``str`` texts); anything else goes through ``json``."""
    return (
        type(f.start) is int
        and type(f.end) is int
        and (f.line is None or type(f.line) is int)
        and all(type(v) is str for v in (f.check, f.field, f.excerpt, f.message))
        and all(v is None or type(v) is str for v in (f.record, f.input, f.suggestion))
    )


def _write_list(out: IO[str], entries: Sequence[dict[str, Any]]) -> None:
    """A JSON array of error entries, streamed (an :class:`ErrorLog` may be on disk)."""
    if isinstance(entries, ErrorLog):
        entries.write_json(out)
    else:
        out.write(json_text(list(entries)))
