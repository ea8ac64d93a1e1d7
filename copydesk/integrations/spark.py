"""The Spark engine: the same checks over a Spark DataFrame, the same report (DESIGN.md §7).

``run_spark(paths, config, master="local[*]")`` reads the inputs with Spark, runs every
per-record check in the executors (``mapPartitions``, one :class:`copydesk.engine._Runner`
per partition: the very functions the in-process engine calls), runs the corpus checks with
Spark's own tools, and streams the results back to the driver in input order, where they feed
the same :class:`copydesk.engine.Summary` and :class:`copydesk.report.json_report.JsonReportWriter`
as ``copydesk check``. So the report JSON is the in-process engine's, byte for byte, except
for near duplicates' similarity (see below).

- JSONL (plain or gzip) is read as *lines of text* (Hadoop ``TextInputFormat``: byte offset
  and line, numbered with ``zipWithIndex``) and each line is decoded by copydesk.io's own
  logic, so invalid JSON, non-objects and undecodable bytes are counted as unreadable records
  exactly as in-process (Spark's JSON reader would drop them or turn them into nulls). Hadoop
  decodes bytes with replacement; a line holding U+FFFD is read again from the file as bytes
  and decoded strictly (plain files; in a gzip file U+FFFD is taken as written).
- Other formats (.json arrays, Parquet, CSV) are read by copydesk.io on the driver and
  distributed; only JSONL scales past the driver's memory.
- ``schema.duplicate-id``: a window over the id, in input order.
- ``quote.duplicate-record``: exact duplicates by grouping on the normalized-body hash; near
  duplicates with ``pyspark.ml.feature.MinHashLSH`` (``approxSimilarityJoin``) over the same
  shingles as in-process (hashed to 30-bit feature indices). Spark reports the Jaccard
  similarity of the shingle sets themselves; the in-process engine estimates it from 8-bit
  signatures, so a pair right at the threshold may be reported by one engine only.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from copydesk.config import Config
from copydesk.engine import Plan, RecordResult, RunResult, Summary
from copydesk.findings import Finding, make_excerpt
from copydesk.io import RawItem, Source, decode_object, read, resolve
from copydesk.record import ArticleRecord
from copydesk.validators.registry import finding_order, reported_field

DUP_RECORD = "quote.duplicate-record"
DUP_ID = "schema.duplicate-id"
SUPPORTED_CORPUS_CHECKS = (DUP_RECORD, DUP_ID)
_FEATURES = 1 << 30  # feature-vector size (MinHashLSH takes at most 2038074743)


def java_available() -> bool:
    """A Java runtime is on PATH or under JAVA_HOME."""
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and os.path.exists(os.path.join(home, "bin"))))


def spark_session(master: str = "local[*]", app: str = "copydesk") -> Any:
    """A SparkSession for copydesk: quiet, no UI, few shuffle partitions on a local master."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8" if master.startswith("local") else "200")
        .config("spark.driver.memory", os.environ.get("COPYDESK_SPARK_DRIVER_MEMORY", "2g"))
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- reading ---------------------------------------------------------------------------------
def _line_rows(sc: Any, idx: int, src: Source) -> Any:
    """``(source, line, offset, text, error)`` per line of a JSONL file, numbered from 1."""
    rdd = sc.newAPIHadoopFile(
        src.name,
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
    )
    return rdd.zipWithIndex().map(lambda kv: (idx, kv[1] + 1, kv[0][0], kv[0][1], None))


def _driver_rows(sc: Any, idx: int, src: Source) -> Any:
    """Formats Spark cannot read line by line: copydesk.io on the driver, then distributed."""
    rows = []
    for item in read([src]):
        text = None if item.data is None else json.dumps(item.data, ensure_ascii=False)
        rows.append((idx, item.line, -1, text, item.error))
    return sc.parallelize(rows, max(1, min(len(rows) // 2000, 64)))


def _raw_item(name: str, line: int, offset: int, text: str | None, error: str | None) -> RawItem:
    """One input row as copydesk.io would have read it (``offset`` -1: already decoded).

    Hadoop hands over the line decoded with replacement and without its line end; a line that
    does not decode to an object, or that holds U+FFFD, is read again from the file as bytes
    so that its error message (column, byte) is copydesk.io's own.
    """
    if error is not None or text is None:
        return RawItem(name, line, error=error or "unreadable")
    if offset < 0:
        return decode_object(text, name, line)
    if line == 1:
        text = text.removeprefix("\ufeff")
    item = None if "\ufffd" in text else decode_object(text, name, line)
    if (item is None or item.data is None) and not name.lower().endswith(".gz"):
        with open(name, "rb") as fh:
            fh.seek(offset)
            raw = fh.readline()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return RawItem(name, line, error=f"undecodable bytes (not UTF-8) at byte {exc.start}")
        if line == 1:
            text = text.removeprefix("\ufeff")
        return decode_object(text, name, line)
    return item if item is not None else decode_object(text, name, line)


# -- per partition: the record checks and the duplicate sketches ----------------------------
def _partition_fn(
    plan: Plan, names: Sequence[str], dup_params: dict[str, Any] | None
) -> Callable[[Iterable[tuple[Any, ...]]], Iterator[tuple[Any, ...]]]:
    def run_partition(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        import numpy as np
        from pyspark.ml.linalg import Vectors

        from copydesk.engine import _Runner
        from copydesk.validators.duplicates import (
            DuplicateRecord,
            char_shingle_hashes,
            is_cjk_text,
            normalized_code_points,
            word_shingle_hashes,
        )

        runner = _Runner(plan)
        dup = DuplicateRecord(**dup_params) if dup_params is not None else None
        for src, line, offset, text, error in rows:
            name = names[src]
            if offset >= 0 and error is None and text is not None and not text.strip():
                continue  # a blank JSONL line holds no record
            item = _raw_item(name, line, offset, text, error)
            res = runner.run(item)
            findings = json.dumps([f.to_dict() for f in res.findings], ensure_ascii=False)
            id_key = id_len = id_field = None
            exact = features = excerpt = body_field = None
            body_len = 0
            if item.data is not None:
                record = ArticleRecord.from_mapping(item.data, plan.config.fields)
                rid = record.data.get("id")
                if isinstance(rid, (str, int)) and not isinstance(rid, bool):
                    id_key, id_len = str(rid), len(rid) if isinstance(rid, str) else 0
                    id_field = reported_field(record, "id")
                sketch = dup.sketch(record) if dup is not None else None
                if sketch is not None and dup is not None:
                    body = record.body or ""
                    exact = sketch.exact - (1 << 64) if sketch.exact >= 1 << 63 else sketch.exact
                    cps = normalized_code_points(body)
                    if is_cjk_text(cps):
                        hashes = char_shingle_hashes(cps, dup.shingle)
                    else:
                        hashes = word_shingle_hashes(body, dup.word_shingle)
                    idx = np.unique(hashes & np.uint32(_FEATURES - 1)).astype(np.int64)
                    if len(idx):
                        features = Vectors.sparse(_FEATURES, idx.tolist(), [1.0] * len(idx))
                    excerpt = make_excerpt(body, 0, len(body))
                    body_field = reported_field(record, "body")
                    body_len = len(body)
            yield (
                src,
                line,
                res.record_id,
                res.error,
                findings,
                id_key,
                id_len,
                id_field,
                exact,
                features,
                excerpt,
                body_field,
                body_len,
                ",".join(res.profile) if res.profile else None,
            )

    return run_partition


def _schema() -> Any:
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql.types import (
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    return StructType(
        [
            StructField("src", IntegerType(), False),
            StructField("line", LongType(), False),
            StructField("record_id", StringType(), True),
            StructField("error", StringType(), True),
            StructField("findings", StringType(), False),
            StructField("id_key", StringType(), True),
            StructField("id_len", IntegerType(), True),
            StructField("id_field", StringType(), True),
            StructField("exact", LongType(), True),
            StructField("features", VectorUDT(), True),
            StructField("excerpt", StringType(), True),
            StructField("body_field", StringType(), True),
            StructField("body_len", IntegerType(), True),
            StructField("profile", StringType(), True),
        ]
    )


# -- corpus checks with Spark's tools --------------------------------------------------------
def _where(line: int, name: str, current: str) -> str:
    return f"line {line}" + (f" of {name}" if name != current else "")


def _duplicate_ids(df: Any) -> Iterator[tuple[int, int, int, int, int]]:
    """``(src, line, id_len, first_src, first_line)`` for every id seen before."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    w = Window.partitionBy("id_key").orderBy("src", "line")
    firsts = (
        df.filter(F.col("id_key").isNotNull())
        .withColumn("first_src", F.first("src").over(w))
        .withColumn("first_line", F.first("line").over(w))
        .filter((F.col("src") != F.col("first_src")) | (F.col("line") != F.col("first_line")))
        .select("src", "line", "id_len", "first_src", "first_line")
    )
    for r in firsts.toLocalIterator():
        yield r.src, r.line, r.id_len, r.first_src, r.first_line


def _duplicate_records(
    df: Any, threshold: float, num_tables: int, seed: int
) -> dict[tuple[int, int], tuple[int, int, str | None, float]]:
    """``(src, line) -> (earlier src, earlier line, earlier id, similarity)``."""
    from pyspark.ml.feature import MinHashLSH
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    out: dict[tuple[int, int], tuple[int, int, str | None, float]] = {}
    cand = df.filter(F.col("exact").isNotNull()).select(
        "src", "line", "record_id", "exact", "features"
    )
    w = Window.partitionBy("exact").orderBy("src", "line")
    ranked = (
        cand.withColumn("rank", F.row_number().over(w))
        .withColumn("first_src", F.first("src").over(w))
        .withColumn("first_line", F.first("line").over(w))
        .withColumn("first_id", F.first("record_id").over(w))
    ).persist()
    for r in ranked.filter(F.col("rank") > 1).toLocalIterator():
        if r.record_id is not None and r.record_id == r.first_id:
            continue  # the same record again: schema.duplicate-id reports it
        out[(r.src, r.line)] = (r.first_src, r.first_line, r.first_id, 1.0)

    reps = ranked.filter((F.col("rank") == 1) & F.col("features").isNotNull()).select(
        "src", "line", "record_id", "features"
    )
    model = MinHashLSH(
        inputCol="features", outputCol="hashes", numHashTables=num_tables, seed=seed
    ).fit(reps)
    pairs = model.approxSimilarityJoin(reps, reps, 1.0 - threshold, distCol="dist")
    pairs = pairs.select(
        F.col("datasetA.src").alias("a_src"),
        F.col("datasetA.line").alias("a_line"),
        F.col("datasetA.record_id").alias("a_id"),
        F.col("datasetB.src").alias("src"),
        F.col("datasetB.line").alias("line"),
        "dist",
    ).filter(
        (F.col("a_src") < F.col("src"))
        | ((F.col("a_src") == F.col("src")) & (F.col("a_line") < F.col("line")))
    )
    best = Window.partitionBy("src", "line").orderBy("dist", "a_src", "a_line")
    chosen = pairs.withColumn("n", F.row_number().over(best)).filter(F.col("n") == 1)
    for r in chosen.toLocalIterator():
        sim = min(round(1.0 - r.dist, 6), 0.99)
        out[(r.src, r.line)] = (r.a_src, r.a_line, r.a_id, sim)
    ranked.unpersist()
    return out


def _dup_record_message(earlier_id: str | None, where: str, similarity: float) -> str:
    if similarity >= 1.0:
        return f"exact duplicate of record {earlier_id!r} ({where})"
    return (
        f"near duplicate of record {earlier_id!r} ({where}), estimated similarity {similarity:.2f}"
    )


# -- the run ---------------------------------------------------------------------------------
def unsupported_checks(config: Config) -> list[str]:
    """The selected corpus checks that have no Spark implementation (Spark skips them)."""
    plan = Plan.from_config(config)
    return [c for c, _, _ in plan.corpus_checks if c not in SUPPORTED_CORPUS_CHECKS]


def spark_config(config: Config) -> Config:
    """``config`` less the corpus checks Spark cannot run (the CLI names them on stderr)."""
    skip = unsupported_checks(config)
    return replace(config, ignore=(*config.ignore, *skip)) if skip else config


def spark_results(
    paths: Sequence[str],
    config: Config,
    master: str = "local[*]",
    *,
    input_format: str | None = None,
    spark: Any = None,
    lsh_tables: int = 5,
) -> Iterator[RecordResult]:
    """Every record's result, in input order, as the in-process engine yields them."""
    plan = Plan.from_config(spark_config(config))
    sources = resolve(paths, input_format)
    names = [s.name for s in sources]
    spark = spark or spark_session(master)
    sc = spark.sparkContext

    corpus = {c: (sev, dict(p)) for c, sev, p in plan.corpus_checks}
    dup_params: dict[str, Any] | None = None
    if DUP_RECORD in corpus:
        from copydesk.validators.registry import get_check

        dup_params = {**get_check(DUP_RECORD).params, **corpus[DUP_RECORD][1]}

    parts = [
        _line_rows(sc, i, s) if s.format == "jsonl" else _driver_rows(sc, i, s)
        for i, s in enumerate(sources)
    ]
    rows = parts[0] if len(parts) == 1 else sc.union(parts)
    checked = rows.mapPartitions(_partition_fn(plan, names, dup_params))
    df = spark.createDataFrame(checked, _schema()).persist()
    try:
        id_dups: dict[tuple[int, int], tuple[int, int, int]] = {}
        if DUP_ID in corpus:
            for src, line, id_len, fsrc, fline in _duplicate_ids(df):
                id_dups[(src, line)] = (id_len, fsrc, fline)
        dups: dict[tuple[int, int], tuple[int, int, str | None, float]] = {}
        if dup_params is not None:
            dups = _duplicate_records(
                df, float(dup_params["threshold"]), lsh_tables, int(dup_params["seed"])
            )
        ordered = df.select(
            "src",
            "line",
            "record_id",
            "error",
            "findings",
            "id_key",
            "id_field",
            "excerpt",
            "body_field",
            "body_len",
            "profile",
        ).orderBy("src", "line")
        for r in ordered.toLocalIterator():
            name = names[r.src]
            if r.error is not None:
                yield RecordResult(name, r.line, None, [], r.error)
                continue
            findings = [Finding.from_dict(d) for d in json.loads(r.findings)]
            if (r.src, r.line) in id_dups:
                id_len, fsrc, fline = id_dups[(r.src, r.line)]
                rid = r.id_key
                where = _where(fline, names[fsrc], name)
                findings.append(
                    Finding(
                        check=DUP_ID,
                        severity=corpus[DUP_ID][0],
                        field=r.id_field,
                        start=0,
                        end=id_len,
                        excerpt=make_excerpt(rid, 0, id_len) if id_len else "",
                        message=f"id {rid!r} was already used at {where}",
                        record=r.record_id,
                        input=name,
                        line=r.line,
                    )
                )
            dup = dups.get((r.src, r.line))
            if dup is not None:
                esrc, eline, eid, sim = dup
                findings.append(
                    Finding(
                        check=DUP_RECORD,
                        severity=corpus[DUP_RECORD][0],
                        field=r.body_field,
                        start=0,
                        end=r.body_len,
                        excerpt=r.excerpt,
                        message=_dup_record_message(eid, _where(eline, names[esrc], name), sim),
                        suggestion="remove" if sim >= 1.0 else None,
                        record=r.record_id,
                        input=name,
                        line=r.line,
                    )
                )
            findings.sort(key=finding_order)
            res = RecordResult(name, r.line, r.record_id, findings)
            if r.profile:
                wrap, script = r.profile.split(",", 1)
                res.profile = (wrap, script)
            yield res
    finally:
        df.unpersist()


def run_spark(
    paths: Sequence[str],
    config: Config,
    master: str = "local[*]",
    *,
    input_format: str | None = None,
    spark: Any = None,
    on_result: Callable[[RecordResult], None] | None = None,
) -> tuple[RunResult, Any]:
    """Run ``config``'s checks over ``paths`` on Spark.

    Returns the run result (summary with the gate decided, errors) and a
    :class:`~copydesk.report.json_report.JsonReportWriter` holding every finding, ready for
    ``writer.write(out, inputs, config, result)``; ``on_result`` sees every result in input
    order, as with :func:`copydesk.engine.run`.
    """
    from copydesk.engine import log_result
    from copydesk.report.json_report import JsonReportWriter
    from copydesk.spool import ErrorLog

    writer = JsonReportWriter()
    summary = Summary(fail_on=config.fail_on)
    errors, internal = ErrorLog(), ErrorLog()
    for res in spark_results(paths, config, master, input_format=input_format, spark=spark):
        log_result(res, summary, errors, internal)
        writer.add(res)
        if on_result is not None:
            on_result(res)
    summary.decide(config)
    return RunResult(summary, errors, internal), writer
