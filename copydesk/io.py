"""Readers: JSONL (plain or gzip), JSON arrays, Parquet, CSV, stdin and directories.

Every reader streams: it holds one line, one JSON element, one Parquet batch or one CSV row at
a time, so memory stays flat however large the input. Each item is a :class:`RawItem`: a
decoded JSON object with its file and line (or row) number, or an error saying why the line
is not a record at all (invalid JSON, a value that is not an object, undecodable bytes, a
truncated gzip member). Errors are counted as unreadable records by the engine; nothing is
dropped silently. Blank lines of a JSONL file hold no record and are skipped.

An input that cannot be opened at all (a path that does not exist, an unknown format, a
Parquet file with no valid footer) raises :class:`InputError` before any record is read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "json", "parquet", "csv")
_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".json": "json",
    ".json.gz": "json",
    ".parquet": "parquet",
    ".csv": "csv",
    ".csv.gz": "csv",
}
#: CSV cells of these canonical fields are JSON arrays when they start with ``[``.
_LIST_FIELDS = {"paragraphs", "quotes", "byline"}


class InputError(Exception):
    """An input that cannot be opened at all (exit code 2)."""


@dataclass(slots=True)
class RawItem:
    """One record as read (``data``), or why the line is unreadable (``error``)."""

    input: str
    line: int
    data: dict[str, Any] | None = None
    error: str | None = None


def detect_format(path: str) -> str | None:
    """The format of a file name by its suffix, or ``None``."""
    name = path.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def _is_gzip(path: str) -> bool:
    return path.lower().endswith(".gz")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path or ``-`` for stdin, with its format."""

    name: str
    format: str


def resolve(paths: Iterable[str], input_format: str | None = None) -> list[Source]:
    """Expand directories and check every input can be opened; raise :class:`InputError`."""
    if input_format is not None and input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
    sources: list[Source] = []
    for raw in paths:
        if raw == "-":
            sources.append(Source("-", input_format or "jsonl"))
            continue
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    fmt = detect_format(f)
                    if fmt:
                        found.append(Source(str(Path(root) / f), fmt))
            if not found:
                raise InputError(f"{raw}: directory holds no .jsonl/.json/.parquet/.csv file")
            sources.extend(found)
            continue
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if not p.is_file():
            raise InputError(f"{raw}: not a regular file")
        fmt = input_format or detect_format(raw)
        if fmt is None:
            raise InputError(
                f"{raw}: unknown format (expected .jsonl, .jsonl.gz, .json, .parquet or .csv; "
                "or pass --input-format)"
            )
        try:
            with open(p, "rb"):
                pass
        except OSError as exc:
            raise InputError(f"{raw}: cannot open: {exc.strerror or exc}") from None
        if fmt == "parquet":
            _parquet_file(str(p))  # fails now, with exit 2, when the footer is unreadable
        sources.append(Source(str(p), fmt))
    return sources


def read(sources: Iterable[Source], stdin: IO[bytes] | None = None) -> Iterator[RawItem]:
    """Every item of every source, in order."""
    for src in sources:
        if src.format == "jsonl":
            yield from _read_jsonl(src.name, stdin)
        elif src.format == "json":
            yield from _read_json_array(src.name, stdin)
        elif src.format == "parquet":
            yield from _read_parquet(src.name)
        elif src.format == "csv":
            yield from _read_csv(src.name, stdin)
        else:  # pragma: no cover - resolve() rejects unknown formats
            raise InputError(f"{src.name}: unknown format {src.format}")


def read_paths(paths: Iterable[str], input_format: str | None = None) -> Iterator[RawItem]:
    """Shorthand: :func:`resolve` then :func:`read`."""
    return read(resolve(paths, input_format))


def _open_binary(name: str, stdin: IO[bytes] | None) -> IO[bytes]:
    if name == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    if _is_gzip(name):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb")


def _decode_object(text: str, name: str, line: int) -> RawItem:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawItem(name, line, error=f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(value, dict):
        return RawItem(name, line, error=f"a JSON {_json_type(value)}, not an object")
    return RawItem(name, line, data=value)


def _json_type(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def _read_jsonl(name: str, stdin: IO[bytes] | None) -> Iterator[RawItem]:
    fh = _open_binary(name, stdin)
    lineno = 0
    try:
        while True:
            try:
                raw = fh.readline()
            except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
                yield RawItem(name, lineno + 1, error=f"truncated or corrupt gzip data: {exc}")
                return
            if not raw:
                return
            lineno += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield RawItem(
                    name, lineno, error=f"undecodable bytes (not UTF-8) at byte {exc.start}"
                )
                continue
            if lineno == 1:
                text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            yield _decode_object(text, name, lineno)
    finally:
        if fh is not stdin and name != "-":
            fh.close()


def _read_json_array(name: str, stdin: IO[bytes] | None) -> Iterator[RawItem]:
    """Stream the elements of a top-level JSON array without loading the file whole."""
    fh = _open_binary(name, stdin)
    reader = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict")
    decoder = json.JSONDecoder()
    buf = ""
    pos = 0
    line = 1  # line of buf[pos]
    eof = False
    index = 0

    def fill() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        try:
            chunk = reader.read(1 << 16)
        except UnicodeDecodeError as exc:
            raise _ArrayError(f"undecodable bytes (not UTF-8): {exc.reason}") from None
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise _ArrayError(f"truncated or corrupt gzip data: {exc}") from None
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip_ws() -> None:
        nonlocal pos, line
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                if buf[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buf) or not fill():
                return

    try:
        try:
            skip_ws()
            if pos >= len(buf):
                return  # an empty file holds no record
            if buf[pos] != "[":
                raise _ArrayError("a .json input must hold one array of objects")
            pos += 1
            while True:
                skip_ws()
                if pos >= len(buf):
                    raise _ArrayError("the array is not closed (file truncated?)")
                if buf[pos] == "]":
                    return
                if index > 0:
                    if buf[pos] != ",":
                        raise _ArrayError(f"expected ',' or ']' after element {index}")
                    pos += 1
                    skip_ws()
                while True:
                    try:
                        value, end = decoder.raw_decode(buf, pos)
                        # a number at the buffer's end may continue in the next chunk
                        if end >= len(buf) and not eof and fill():
                            continue
                        break
                    except json.JSONDecodeError as exc:
                        if not eof and fill():
                            continue
                        raise _ArrayError(f"invalid JSON: {exc.msg}") from None
                index += 1
                start_line = line
                line += buf.count("\n", pos, end)
                pos = end
                if isinstance(value, dict):
                    yield RawItem(name, start_line, data=value)
                else:
                    yield RawItem(
                        name, start_line, error=f"a JSON {_json_type(value)}, not an object"
                    )
        except _ArrayError as exc:
            yield RawItem(name, line, error=f"{exc}; the rest of the file was not read")
    finally:
        if name != "-":
            reader.close()
        else:
            reader.detach()


class _ArrayError(Exception):
    pass


def _parquet_file(name: str) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(name)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ...
        raise InputError(f"{name}: not a readable Parquet file: {exc}") from None


def _plain(value: Any) -> Any:
    """Parquet values as JSON would give them (numpy-free, NaN as null)."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def _read_parquet(name: str) -> Iterator[RawItem]:
    pf = _parquet_file(name)
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                row += 1
                yield RawItem(name, row, data={k: _plain(v) for k, v in rec.items()})
    except Exception as exc:
        yield RawItem(name, row + 1, error=f"corrupt Parquet data: {exc}; the rest was not read")


def _csv_cell(key: str, value: str) -> Any:
    if key in _LIST_FIELDS and value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if key == "page" and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


def _read_csv(name: str, stdin: IO[bytes] | None) -> Iterator[RawItem]:
    """CSV with a header row; the record's line is its data row number (1 = first row).

    Read with the standard library's csv module, which reports the exact row of a malformed
    line; empty cells are absent fields, ``page`` digits become integers and list fields
    (``paragraphs``, ``quotes``, ``byline``) may hold JSON arrays.
    """
    fh = _open_binary(name, stdin)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict", newline="")
    try:
        reader = csv.reader(text)
        row = 0
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error) as exc:
            yield RawItem(name, 1, error=f"unreadable CSV header: {exc}")
            return
        if header is None:
            return
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield RawItem(name, row + 1, error=f"undecodable bytes (not UTF-8): {exc.reason}")
                return
            except csv.Error as exc:
                row += 1
                yield RawItem(name, row, error=f"malformed CSV row: {exc}")
                continue
            row += 1
            if not any(c.strip() for c in cells):
                row -= 1
                continue
            if len(cells) != len(header):
                yield RawItem(
                    name, row, error=f"CSV row has {len(cells)} cells, the header {len(header)}"
                )
                continue
            data = {k: _csv_cell(k, v) for k, v in zip(header, cells, strict=True) if v != ""}
            yield RawItem(name, row, data=data)
    finally:
        if name != "-":
            text.close()
        else:
            text.detach()


def write_jsonl(records: Iterable[dict[str, Any]], path: str | Path) -> None:
    """Write records as UTF-8 JSONL (gzip when the name ends in ``.gz``)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:  # type: ignore[operator]
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
