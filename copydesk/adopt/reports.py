"""Reading a saved report JSON, streaming its findings (the layout ``--json FILE`` writes).

The writer puts the head (``copydesk``, ``inputs``, ``config``, ``summary``, …) on the first
line and one finding per line after ``"findings": [``, so the findings can be read one at a
time; any other valid JSON layout is read whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class ReportError(ValueError):
    """A file that is not a copydesk report JSON."""


def looks_like_report(path: str | Path) -> bool:
    """A ``.json`` file whose first bytes open a copydesk report (not an array of records)."""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() != ".json":
        return False
    with p.open(encoding="utf-8", errors="replace") as fh:
        start = fh.read(4096).lstrip()
    return start.startswith("{") and '"copydesk"' in start and '"summary"' in start


@contextmanager
def open_report(path: str | Path) -> Iterator[tuple[dict[str, Any], Iterator[dict[str, Any]]]]:
    """``(head, findings)``: the head without ``findings``; the findings one by one."""
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{path}: cannot open: {exc}") from None
    with fh:
        first, second = fh.readline(), fh.readline()
        if first.rstrip().endswith(",") and second.strip() == '"findings": [':
            try:
                head = json.loads(first.rstrip()[:-1] + "}")
            except json.JSONDecodeError as exc:
                raise ReportError(f"{path}: not a copydesk report JSON: {exc}") from None
            _check_head(head, path)
            yield head, _stream(fh, path)
            return
        fh.seek(0)
        try:
            whole = json.load(fh)
        except json.JSONDecodeError as exc:
            raise ReportError(f"{path}: not a copydesk report JSON: {exc}") from None
        if not isinstance(whole, dict):
            raise ReportError(f"{path}: not a copydesk report JSON")
        _check_head(whole, path)
        head = {k: v for k, v in whole.items() if k != "findings"}
        yield head, iter(whole.get("findings") or [])


def _check_head(head: Any, path: str | Path) -> None:
    if not isinstance(head, dict) or not isinstance(head.get("summary"), dict):
        raise ReportError(f"{path}: not a copydesk report JSON (no summary)")


def _stream(fh: Any, path: str | Path) -> Iterator[dict[str, Any]]:
    for line in fh:
        s = line.strip()
        if s.startswith("],"):
            return
        if s:
            try:
                yield json.loads(s.removeprefix(","))
            except json.JSONDecodeError as exc:
                raise ReportError(f"{path}: broken finding line: {exc}") from None
