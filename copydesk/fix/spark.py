"""``copydesk fix`` in Spark: JSONL partitions repaired in the executors, written as text.

``fix_partitions(spark, ["in/*.jsonl"], "out/")`` reads the inputs as lines of text, fixes
each record in ``mapPartitions`` with one :class:`copydesk.fix.core.Fixer` per partition (the
in-process fixer: the same edits), and writes the lines with ``saveAsTextFile`` (one
``part-*`` file per partition, in input order). A line without findings, a blank line and a
line that is not a record are written as read; a record split off another
(``--unsafe-fixes``) follows the record it came from.

Limits: JSONL only (plain or gzip, as Hadoop reads it); Hadoop decodes bytes that are not
UTF-8 with U+FFFD, so such a line is written with U+FFFD; lines end in ``\\n`` (a ``\\r\\n``
line end is not kept); ``out_dir`` must not exist yet (Spark's rule).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from copydesk.config import Config
from copydesk.fix.core import Fixer


def fix_line(line: str, fixer: Fixer) -> list[str]:
    """One JSONL line -> the lines to write (the line itself when nothing changes)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return [line]
    if not isinstance(value, dict):
        return [line]
    res = fixer.fix(value)
    out = [json.dumps(res.record, ensure_ascii=False) if res.changed else line]
    out += [json.dumps(sub.record, ensure_ascii=False) for sub in res.split_off]
    return out


def _fix_partition(config: Config, unsafe: bool) -> Any:
    def run(lines: Iterable[str]) -> Iterator[str]:
        fixer = Fixer(config, unsafe=unsafe)
        for line in lines:
            yield from fix_line(line, fixer)

    return run


def fix_partitions(
    spark: Any,
    paths: Sequence[str],
    out_dir: str,
    config: Config | None = None,
    *,
    unsafe: bool = False,
) -> None:
    """Fix the JSONL files ``paths`` in Spark; write the repaired partitions to ``out_dir``."""
    cfg = config or Config()
    Fixer(cfg, unsafe=unsafe)  # selectors and parameters fail here, before Spark runs
    rdd = spark.sparkContext.textFile(",".join(paths))
    rdd.mapPartitions(_fix_partition(cfg, unsafe)).saveAsTextFile(out_dir)


__all__ = ["fix_line", "fix_partitions"]
