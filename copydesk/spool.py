"""A list of error entries with flat memory: the first few in memory, the rest on disk.

The engine logs one entry per unreadable line (and per internal error); a corrupt input can
have millions. :class:`ErrorLog` keeps the first :data:`HEAD` entries in memory (what the
text summary and JUnit show) and spools the rest to a temporary file as JSON lines, so memory
stays flat whatever their number. It reads back as a sequence, in order.
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, Any, overload

HEAD = 100
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any) -> str:
    """``json.dumps`` with non-ASCII kept, but lone surrogates escaped (``\\udc00``), so the
    text can be written as UTF-8 whatever strings the input held, and reads back the same."""
    return escape_surrogates(json.dumps(value, ensure_ascii=False))


def escape_surrogates(text: str) -> str:
    """JSON text with its lone surrogates written as ``\\udc00`` escapes (:func:`json_text`)."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class ErrorLog(Sequence[dict[str, Any]]):
    """Error entries (``{"input", "line", "message", ...}``) in the order they were added."""

    def __init__(self, head: int = HEAD) -> None:
        self._limit = head
        self._head: list[dict[str, Any]] = []
        self._spool: IO[str] | None = None
        self._count = 0

    def append(self, entry: dict[str, Any]) -> None:
        self._count += 1
        if len(self._head) < self._limit:
            self._head.append(entry)
            return
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._spool.seek(0, 2)
        self._spool.write(json.dumps(entry) + "\n")  # ASCII: surrogates survive the trip

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        yield from self._head
        if self._spool is None:
            return
        self._spool.flush()
        self._spool.seek(0)
        for line in self._spool:  # a reader and a writer never interleave here
            yield json.loads(line)
        self._spool.seek(0, 2)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if stop <= len(self._head) and step > 0:
                return self._head[start:stop:step]
            return (
                list(itertools.islice(self, start, stop, step)) if step > 0 else (list(self)[index])
            )
        i = index + self._count if index < 0 else index
        if not 0 <= i < self._count:
            raise IndexError("error log index out of range")
        if i < len(self._head):
            return self._head[i]
        return next(itertools.islice(self, i, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def write_json(self, out: IO[str]) -> None:
        """Write the entries as one JSON array, one entry per line, streaming."""
        out.write("[")
        for n, entry in enumerate(self):
            out.write(("," if n else "") + "\n" + json_text(entry))
        out.write("\n]" if self._count else "]")

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def __repr__(self) -> str:
        return f"ErrorLog({self._count} entries)"
