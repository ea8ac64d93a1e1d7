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
import stat
import sys
import zlib
from collections import Counter
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
    """One record as read (``data``), or why the line is unreadable (``error``).

    ``duplicate_keys`` names the keys that appeared more than once in the record's JSON
    object (the last value is kept; the ``schema.duplicate-key`` check reports them).
    ``internal`` marks an error that is a bug in copydesk (a reader crashed), not bad input.
    """

    input: str
    line: int
    data: dict[str, Any] | None = None
    error: str | None = None
    duplicate_keys: tuple[str, ...] = ()
    internal: bool = False


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


def resolve(
    paths: Iterable[str],
    input_format: str | None = None,
    *,
    exclude: Iterable[str] = (),
    skipped: list[str] | None = None,
) -> list[Source]:
    """Expand directories and check every input can be opened; raise :class:`InputError`.

    An explicit path may be a regular file, a FIFO or a ``/dev/fd/N`` pipe (JSONL unless its
    suffix or ``--input-format`` says otherwise). Inside a directory only regular files are
    read; the others (FIFOs, sockets, dangling symlinks), the paths in ``exclude`` (the run's
    own outputs) and copydesk report JSONs are listed in ``skipped`` with the reason.
    """
    if input_format is not None and input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
    excluded = {_real(e) for e in exclude}
    notes: list[str] = skipped if skipped is not None else []
    sources: list[Source] = []
    for raw in paths:
        if raw == "-":
            sources.append(Source("-", input_format or "jsonl"))
            continue
        p = Path(raw)
        if p.is_dir():
            found = _scan_dir(p, excluded, notes)
            if not found:
                raise InputError(f"{raw}: directory holds no .jsonl/.json/.parquet/.csv file")
            sources.extend(found)
            continue
        sources.append(_explicit(raw, input_format))
    return sources


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def _explicit(raw: str, input_format: str | None) -> Source:
    """One path named on the command line: a regular file, a FIFO or a pipe."""
    try:
        st = os.stat(raw)
    except FileNotFoundError:
        raise InputError(f"{raw}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{raw}: cannot open: {exc.strerror or exc}") from None
    regular = stat.S_ISREG(st.st_mode)
    if not regular and not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise InputError(f"{raw}: not a regular file, FIFO or pipe")
    fmt = input_format or detect_format(raw) or (None if regular else "jsonl")
    if fmt is None:
        raise InputError(
            f"{raw}: unknown format (expected .jsonl, .jsonl.gz, .json, .parquet or .csv; "
            "or pass --input-format)"
        )
    if not os.access(raw, os.R_OK):
        raise InputError(f"{raw}: cannot open: permission denied")
    if regular:
        try:
            with open(raw, "rb"):
                pass
        except OSError as exc:
            raise InputError(f"{raw}: cannot open: {exc.strerror or exc}") from None
    if fmt == "parquet":
        if not regular:
            raise InputError(f"{raw}: Parquet needs a seekable file, not a pipe")
        _parquet_file(raw)  # fails now, with exit 2, when the footer is unreadable
    return Source(raw, fmt)


def _scan_dir(top: Path, excluded: set[str], notes: list[str]) -> list[Source]:
    """The regular files of a known format under ``top``, sorted; the rest noted as skipped."""
    found = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            fmt = detect_format(f)
            if f.startswith(".") or fmt is None:
                continue
            path = str(Path(root) / f)
            why = _skip_reason(path, fmt, excluded)
            if why:
                notes.append(f"{path}: {why}")
            else:
                found.append(Source(path, fmt))
    return found


def _skip_reason(path: str, fmt: str, excluded: set[str]) -> str | None:
    """Why a file found in a directory is not read, or ``None``."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"skipped: {exc.strerror or exc} (a dangling symlink?)"
    if not stat.S_ISREG(st.st_mode):
        return "skipped: not a regular file"
    if _real(path) in excluded:
        return "skipped: an output of this run"
    if fmt == "json" and _is_copydesk_report(path):
        return "skipped: a copydesk report JSON"
    if not os.access(path, os.R_OK):
        return "skipped: permission denied"
    return None


def _is_copydesk_report(path: str) -> bool:
    """A report JSON starts ``{"copydesk": "<version>"`` (json_report writes it so)."""
    try:
        with _open_binary(path, None) as fh:
            head = fh.read(64)
    except (OSError, EOFError, zlib.error):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b'{"copydesk":')


def read(sources: Iterable[Source], stdin: IO[bytes] | None = None) -> Iterator[RawItem]:
    """Every item of every source, in order.

    A reader never stops the run: an I/O error ends that source with an unreadable item
    ("the rest was not read"), and an unexpected exception (a bug) does the same with
    ``internal=True``, so the engine counts it and the CLI exits 3.
    """
    for src in sources:
        yield from _guarded(src, stdin)


_READERS = {"jsonl": "_read_jsonl", "json": "_read_json_array", "csv": "_read_csv"}


def _guarded(src: Source, stdin: IO[bytes] | None) -> Iterator[RawItem]:
    """The items of one source; whatever the reader raises becomes one last unreadable item."""
    line = 0
    try:
        if src.format == "parquet":
            items = _read_parquet(src.name)
        elif src.format in _READERS:
            items = globals()[_READERS[src.format]](src.name, stdin)
        else:  # pragma: no cover - resolve() rejects unknown formats
            raise InputError(f"{src.name}: unknown format {src.format}")
        for item in items:
            line = item.line
            yield item
    except InputError as exc:
        yield RawItem(src.name, line + 1, error=f"{exc}; the rest was not read")
    except OSError as exc:
        msg = f"read error: {exc.strerror or exc}; the rest was not read"
        yield RawItem(src.name, line + 1, error=msg)
    except Exception as exc:  # a reader bug must not end the run nor lose the count
        msg = f"internal error in the {src.format} reader: {exc!r}; the rest was not read"
        yield RawItem(src.name, line + 1, error=msg, internal=True)


def read_paths(paths: Iterable[str], input_format: str | None = None) -> Iterator[RawItem]:
    """Shorthand: :func:`resolve` then :func:`read`."""
    return read(resolve(paths, input_format))


def _open_binary(name: str, stdin: IO[bytes] | None) -> IO[bytes]:
    if name == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    if _is_gzip(name):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb")


class _Strict(ValueError):
    """JSON text Python's json module accepts but JSON (RFC 8259) does not, or cannot hold."""


def _reject_constant(name: str) -> Any:
    raise _Strict(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Strict(f"number {text[:20]} is out of range")
    return value


class _Decoder:
    """A strict JSON decoder that also notes duplicate keys (the last value is kept)."""

    def __init__(self) -> None:
        self.duplicates: list[str] = []
        self.decoder = json.JSONDecoder(
            object_pairs_hook=self._pairs,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and key not in self.duplicates:
                    self.duplicates.append(key)
                seen.add(key)
        return out

    def raw_decode(self, text: str, pos: int) -> tuple[Any, int]:
        """``(value, end)``; raises :class:`ValueError` with a readable message."""
        self.duplicates = []
        try:
            return self.decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _Strict(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            raise _Strict("invalid JSON: nested too deeply") from None
        except _Strict as exc:
            raise _Strict(f"invalid JSON: {exc}") from None
        except ValueError:  # an integer of more than 4300 digits (sys.get_int_max_str_digits)
            raise _Strict("invalid JSON: an integer with too many digits to read") from None


_WS = " \t\r\n"


def decode_object(text: str, name: str, line: int) -> RawItem:
    """One JSON Lines line ``text`` (line ``line`` of ``name``) read as a record: its object
    and duplicate keys, or the error that says why it is none (invalid JSON, extra data, a
    JSON value that is no object). Public for readers of lines handed over by other code
    (``copydesk.integrations.spark``: Hadoop's text lines), so that their errors are this
    module's own."""
    decoder = _Decoder()
    text = text.strip(_WS)
    try:
        value, end = decoder.raw_decode(text, 0)
    except _Strict as exc:
        return RawItem(name, line, error=str(exc))
    if end != len(text):
        return RawItem(name, line, error=f"invalid JSON: Extra data (column {end + 1})")
    if not isinstance(value, dict):
        return RawItem(name, line, error=f"a JSON {_json_type(value)}, not an object")
    return RawItem(name, line, data=value, duplicate_keys=tuple(decoder.duplicates))


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
            except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
                yield RawItem(name, lineno + 1, error=f"truncated or corrupt gzip data: {exc}")
                return
            except OSError as exc:
                what = "truncated or corrupt gzip data" if _is_gzip(name) else "read error"
                msg = f"{what}: {exc.strerror or exc}; the rest was not read"
                yield RawItem(name, lineno + 1, error=msg)
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
            yield decode_object(text, name, lineno)
    finally:
        if fh is not stdin and name != "-":
            fh.close()


def _read_json_array(name: str, stdin: IO[bytes] | None) -> Iterator[RawItem]:
    """Stream the elements of a top-level JSON array without loading the file whole."""
    fh = _open_binary(name, stdin)
    reader = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict")
    decoder = _Decoder()
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
                    except _Strict as exc:
                        if not eof and fill():
                            continue
                        raise _ArrayError(str(exc)) from None
                index += 1
                start_line = line
                line += buf.count("\n", pos, end)
                pos = end
                if isinstance(value, dict):
                    dups = tuple(decoder.duplicates)
                    yield RawItem(name, start_line, data=value, duplicate_keys=dups)
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
    digits = value.strip().lstrip("-")
    if key == "page" and digits.isdigit() and digits.isascii() and len(digits) <= 18:
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
        dups = tuple(sorted(k for k, n in Counter(header).items() if n > 1))
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
            yield RawItem(name, row, data=data, duplicate_keys=dups)
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
