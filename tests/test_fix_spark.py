"""``copydesk.fix.spark``: repaired partitions equal the in-process fix, line for line."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from copydesk.fix.core import Fixer
from copydesk.fix.spark import fix_line, fix_partitions
from tests.conftest import SEED

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark not installed"),
]


@pytest.fixture(scope="module")
def spark() -> Any:
    from copydesk.integrations.spark import java_available, spark_session

    if not java_available():
        pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark")
    session = spark_session("local[2]", app="copydesk-fix-tests")
    yield session
    session.stop()


def test_fix_line_keeps_what_it_does_not_change() -> None:
    fixer = Fixer()
    gold = (SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert fix_line(gold, fixer) == [gold]
    assert fix_line("not json", fixer) == ["not json"]
    assert fix_line("", fixer) == [""]
    assert fix_line("[1]", fixer) == ["[1]"]


def test_partitions_equal_the_in_process_fix(spark: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        *(SEED / "naive.jsonl").read_text(encoding="utf-8").splitlines(),
        "not json",
        *(SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines(),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    fix_partitions(spark, [str(src)], str(out), unsafe=True)
    got = [
        line
        for part in sorted(out.glob("part-*"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    fixer = Fixer(unsafe=True)
    expected = [x for line in lines for x in fix_line(line, fixer)]
    assert got == expected
    assert len(got) == len(lines) + 2  # two articles split off the naive records
    assert got[-4:] == lines[-4:]  # gold lines as read
    assert json.loads(got[0])["body"] != json.loads(lines[0])["body"]
