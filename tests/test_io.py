"""Readers: every format, gzip, stdin, directories, and unreadable lines counted with lines."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from copydesk.io import InputError, read, read_paths, resolve

RECS = [
    {"id": "a", "body": "第一段。\n第二段。", "page": 1},
    {"id": "b", "paragraphs": ["One.", "Two."], "quotes": ["q"]},
]


def _items(path: Path | str, **kw):
    return list(read_paths([str(path)], **kw))


def test_jsonl_lines_and_errors(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes(
        b'{"id": "a", "body": "x"}\n'
        b"\n"  # blank: no record
        b"{not json\n"
        b"[1, 2]\n"
        b'"just a string"\n'
        b"\xff\xfe broken\n"
        b'{"id": "b", "body": "y"}'  # no final newline
    )
    items = _items(p)
    assert [(i.line, i.data is not None) for i in items] == [
        (1, True),
        (3, False),
        (4, False),
        (5, False),
        (6, False),
        (7, True),
    ]
    errors = {i.line: i.error for i in items if i.error}
    assert "invalid JSON" in errors[3]
    assert "array, not an object" in errors[4]
    assert "string, not an object" in errors[5]
    assert "not UTF-8" in errors[6]


def test_jsonl_bom_is_not_an_error(tmp_path: Path) -> None:
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"id": "a", "body": "x"}\n')
    assert _items(p)[0].data == {"id": "a", "body": "x"}


def test_gzip_and_truncated_member(tmp_path: Path) -> None:
    lines = b"".join(
        json.dumps({"id": str(i), "body": "x" * 40}).encode() + b"\n" for i in range(300)
    )
    good = tmp_path / "g.jsonl.gz"
    good.write_bytes(gzip.compress(lines))
    assert [i.data["id"] for i in _items(good)] == [str(i) for i in range(300)]

    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(lines)
    cut.write_bytes(data[: len(data) // 2])
    items = _items(cut)
    assert items[-1].error and "gzip" in items[-1].error
    assert all(i.data is not None for i in items[:-1])
    assert items[-1].line == len(items)  # the line after the last whole one


def test_json_array_streams_elements_with_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('[\n  {"id": "a", "body": "x"},\n  7,\n  {"id": "b",\n   "body": "y"}\n]\n')
    items = _items(p)
    assert [(i.line, i.data["id"] if i.data else i.error) for i in items] == [
        (2, "a"),
        (3, "a JSON number, not an object"),
        (4, "b"),
    ]


def test_json_array_large_elements_cross_chunks(tmp_path: Path) -> None:
    recs = [{"id": str(i), "body": "长" * 30000, "n": 123456789} for i in range(6)]
    p = tmp_path / "big.json"
    p.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    assert [i.data for i in _items(p)] == recs


def test_json_array_invalid_element_stops_with_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('[{"id": "a", "body": "x"},\n {"id": oops}]')
    items = _items(p)
    assert items[0].data["id"] == "a"
    assert items[1].line == 2 and "invalid JSON" in items[1].error


def test_json_not_an_array(tmp_path: Path) -> None:
    p = tmp_path / "obj.json"
    p.write_text('{"id": "a"}')
    items = _items(p)
    assert len(items) == 1 and "one array" in items[0].error


def test_parquet_rows(tmp_path: Path) -> None:
    p = tmp_path / "a.parquet"
    table = pa.Table.from_pylist(
        [
            {"id": "a", "body": "x", "page": 1, "quotes": ["q1"]},
            {"id": "b", "body": None, "page": 2, "quotes": []},
        ]
    )
    pq.write_table(table, p)
    items = _items(p)
    assert [i.line for i in items] == [1, 2]
    assert items[0].data == {"id": "a", "body": "x", "page": 1, "quotes": ["q1"]}
    assert items[1].data["body"] is None


def test_parquet_unreadable_file_is_input_error(tmp_path: Path) -> None:
    p = tmp_path / "broken.parquet"
    p.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(InputError, match="not a readable Parquet"):
        resolve([str(p)])


def test_csv_rows(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(
        'id,body,page,quotes\na,"line one\nline two",3,"[""q""]"\nb,,x,\nc,too,many,cells,here\n',
        encoding="utf-8",
    )
    items = _items(p)
    assert items[0].data == {"id": "a", "body": "line one\nline two", "page": 3, "quotes": ["q"]}
    assert items[1].data == {"id": "b", "page": "x"}  # empty cells are absent fields
    assert items[2].line == 3 and "cells" in items[2].error


def test_stdin_jsonl_and_csv() -> None:
    src = resolve(["-"])
    items = list(read(src, stdin=io.BytesIO(b'{"id": "a", "body": "x"}\nnope\n')))
    assert items[0].data == {"id": "a", "body": "x"} and items[0].input == "-"
    assert items[1].line == 2 and items[1].error
    src = resolve(["-"], input_format="csv")
    items = list(read(src, stdin=io.BytesIO(b"id,body\na,x\n")))
    assert items[0].data == {"id": "a", "body": "x"}


def test_directories_recurse_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.jsonl").write_text(json.dumps(RECS[1]) + "\n")
    (tmp_path / "a.jsonl").write_text(json.dumps(RECS[0]) + "\n")
    (tmp_path / "sub" / "c.jsonl.gz").write_bytes(gzip.compress(b'{"id": "c", "body": "z"}\n'))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / ".hidden.jsonl").write_text("{}\n")
    items = _items(tmp_path)
    assert [i.data["id"] for i in items] == ["a", "b", "c"]


def test_missing_path_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        resolve([str(tmp_path / "nope.jsonl")])
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(InputError, match="unknown format"):
        resolve([str(tmp_path / "x.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no"):
        resolve([str(tmp_path / "empty")])


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.lines_read = 0

    def readline(self, *args: object) -> bytes:  # type: ignore[override]
        self.lines_read += 1
        return super().readline(*args)


def test_reading_streams_one_line_at_a_time() -> None:
    """A generator: the first record arrives after one line is read, not the whole input."""
    stream = _CountingStream(b'{"id": "a", "body": "x"}\n' * 1000)
    it = read(resolve(["-"]), stdin=stream)
    first = next(it)
    assert first.data == {"id": "a", "body": "x"}
    assert stream.lines_read == 1
    assert sum(1 for _ in it) == 999
