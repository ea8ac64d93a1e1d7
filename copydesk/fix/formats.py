"""Read records for fixing and write them back in their own format, nothing else changed.

Each reader yields :class:`Row` values: the record as a mapping for the fixer, and what the
writer needs to put it back untouched (the raw JSONL line, the CSV cells, the Parquet row as
pyarrow gave it). A record the fixer did not change is written from that raw form, so a
JSONL line without findings comes out byte-identical; a changed record gets only its text
fields replaced. A JSONL line that is not a record is copied through as it is.

Output is written to a temporary file beside the target and renamed over it at the end
(:func:`atomic_output`), so a crash never leaves half a file, and the target may never be
one of the inputs.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

_LIST_FIELDS = {"paragraphs", "quotes", "byline"}


@dataclass
class Row:
    """One input item. ``data`` is ``None`` for a line that is not a record (``raw`` kept)."""

    input: str
    line: int
    data: dict[str, Any] | None
    raw: Any = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# -- readers ----------------------------------------------------------------------------------
def _open_in(name: str) -> IO[bytes]:
    if name.lower().endswith(".gz"):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb")


def read_jsonl(name: str) -> Iterator[Row]:
    """Every line of a JSONL file; ``raw`` is the line's bytes, newline included."""
    with _open_in(name) as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                text = raw.decode("utf-8")
                value = json.loads(text.removeprefix("\ufeff") if lineno == 1 else text)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                err = None if not raw.strip() else f"not a record: {exc}"
                yield Row(name, lineno, None, raw, err)
                continue
            if isinstance(value, dict):
                yield Row(name, lineno, value, raw)
            else:
                yield Row(name, lineno, None, raw, "a JSON value that is not an object")


def read_json_array(name: str) -> Iterator[Row]:
    """The elements of a JSON array file (copydesk's streaming reader)."""
    from copydesk.io import Source, read

    for item in read([Source(name, "json")]):
        yield Row(name, item.line, item.data, None, item.error)


def _csv_cell(key: str, value: str) -> Any:
    if key in _LIST_FIELDS and value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if key == "page" and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


def read_csv(name: str) -> Iterator[Row]:
    """CSV rows; ``raw`` is the list of cells, ``extra["header"]`` the header."""
    with _open_in(name) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            return
        for row, cells in enumerate(reader, 1):
            if len(cells) != len(header):
                yield Row(
                    name, row, None, cells, "cells do not match the header", {"header": header}
                )
                continue
            data = {k: _csv_cell(k, v) for k, v in zip(header, cells, strict=True) if v != ""}
            yield Row(name, row, data, cells, None, {"header": header})


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def read_parquet(name: str) -> Iterator[Row]:
    """Parquet rows; ``raw`` is the row as pyarrow gives it, ``extra["schema"]`` the schema."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(name)
    row = 0
    for batch in pf.iter_batches(batch_size=1024):
        for rec in batch.to_pylist():
            row += 1
            data = {k: _plain(v) for k, v in rec.items()}
            yield Row(name, row, data, rec, None, {"schema": pf.schema_arrow})


READERS = {"jsonl": read_jsonl, "json": read_json_array, "csv": read_csv, "parquet": read_parquet}


# -- writers ----------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[str]:
    """A temporary path beside ``path``; renamed onto ``path`` when the block succeeds."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _cell(value: Any) -> str:
    """A value as a CSV cell (absent: empty; lists as JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def changed_values(original: Mapping[str, Any], fixed: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose value the fixer changed."""
    return {k: v for k, v in fixed.items() if original.get(k) != v}


class Writer:
    """Writes rows in one format; ``write(row, fixed)`` with ``fixed`` ``None`` = unchanged."""

    def __init__(self, path: str, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.count = 0
        self.dropped = 0
        self._fh: IO[Any] | None = None
        self._csv: Any = None
        self._header: list[str] | None = None
        self._pq: Any = None
        self._batch: list[dict[str, Any]] = []
        self._schema: Any = None

    def open(self) -> Writer:
        if self.fmt in ("jsonl", "json"):
            opener = gzip.open if self.path.lower().endswith(".gz") else open
            self._fh = opener(self.path, "wb")  # type: ignore[operator]
            if self.fmt == "json":
                self._fh.write(b"[")
        elif self.fmt == "csv":
            self._fh = open(self.path, "w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._fh)
        return self

    def write(self, row: Row, fixed: dict[str, Any] | None) -> None:
        getattr(self, f"_write_{self.fmt}")(row, fixed)

    def write_new(self, row: Row, record: dict[str, Any]) -> None:
        """A record the fixer made (split off ``row``'s record), in ``row``'s layout."""
        if self.fmt in ("jsonl", "json"):
            getattr(self, f"_write_{self.fmt}")(Row(row.input, row.line, record), record)
            return
        if self.fmt == "csv":
            header = row.extra.get("header") or []
            cells = [_cell(record.get(k)) for k in header]
            self._write_csv(Row(row.input, row.line, record, cells, None, row.extra), None)
            return
        schema = row.extra.get("schema")
        raw = {name: record.get(name) for name in schema.names} if schema is not None else None
        self._write_parquet(Row(row.input, row.line, record, raw, None, row.extra), None)

    def _write_jsonl(self, row: Row, fixed: dict[str, Any] | None) -> None:
        assert self._fh is not None
        if fixed is None and isinstance(row.raw, bytes):
            raw = row.raw if row.raw.endswith(b"\n") else row.raw + b"\n"
            self._fh.write(raw)
        elif row.data is None and fixed is None:
            self.dropped += 1
            return
        else:
            rec = fixed if fixed is not None else row.data
            self._fh.write(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
        self.count += 1

    def _write_json(self, row: Row, fixed: dict[str, Any] | None) -> None:
        assert self._fh is not None
        rec = fixed if fixed is not None else row.data
        if rec is None:
            self.dropped += 1
            return
        sep = b"\n" if self.count == 0 else b",\n"
        self._fh.write(sep + json.dumps(rec, ensure_ascii=False).encode("utf-8"))
        self.count += 1

    def _write_csv(self, row: Row, fixed: dict[str, Any] | None) -> None:
        header = row.extra.get("header")
        if header is None or row.raw is None:
            self.dropped += 1
            return
        if self._header is None:
            self._header = header
            self._csv.writerow(header)
        elif header != self._header:
            raise ValueError(f"{row.input}: CSV header differs from the first input's")
        cells = list(row.raw)
        if fixed is not None and row.data is not None:
            for key, value in changed_values(row.data, fixed).items():
                cells[header.index(key)] = (
                    value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                )
        self._csv.writerow(cells)
        self.count += 1

    def _write_parquet(self, row: Row, fixed: dict[str, Any] | None) -> None:
        import pyarrow.parquet as pq

        schema = row.extra.get("schema")
        if schema is None or row.raw is None:
            self.dropped += 1
            return
        if self._pq is None:
            self._schema = schema
            self._pq = pq.ParquetWriter(self.path, schema)
        elif not schema.equals(self._schema):
            raise ValueError(f"{row.input}: Parquet schema differs from the first input's")
        rec = dict(row.raw)
        if fixed is not None and row.data is not None:
            rec.update(changed_values(row.data, fixed))
        self._batch.append(rec)
        self.count += 1
        if len(self._batch) >= 1024:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batch:
            self._pq.write_table(pa.Table.from_pylist(self._batch, schema=self._schema))
            self._batch = []

    def close(self) -> None:
        if self.fmt == "parquet":
            if self._pq is None:
                raise ValueError("no record to write: a Parquet file needs at least one row")
            self._flush()
            self._pq.close()
            return
        assert self._fh is not None
        if self.fmt == "json":
            self._fh.write(b"\n]\n" if self.count else b"]\n")
        self._fh.close()


__all__ = [
    "READERS",
    "Row",
    "Writer",
    "atomic_output",
    "changed_values",
    "read_csv",
    "read_json_array",
    "read_jsonl",
    "read_parquet",
]
