"""The report JSON of DESIGN.md §4, written with flat memory.

Findings are spooled to a temporary file as results stream in; once the run ends the report
is written in the contract's order: ``copydesk``, ``inputs``, ``config``, ``summary``,
``findings``, ``errors``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import IO, Any

from copydesk import __version__
from copydesk.config import Config
from copydesk.engine import RecordResult, RunResult
from copydesk.spool import ErrorLog, json_text


class JsonReportWriter:
    """Collect findings while the engine runs, then write the whole report to ``out``."""

    def __init__(self) -> None:
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._count = 0

    def add(self, result: RecordResult) -> None:
        for f in result.findings:
            self._spool.write("," if self._count else "")
            self._spool.write(json_text(f.to_dict()))
            self._spool.write("\n")
            self._count += 1

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


def _write_list(out: IO[str], entries: Sequence[dict[str, Any]]) -> None:
    """A JSON array of error entries, streamed (an :class:`ErrorLog` may be on disk)."""
    if isinstance(entries, ErrorLog):
        entries.write_json(out)
    else:
        out.write(json_text(list(entries)))
