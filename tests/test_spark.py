"""The Spark engine (local[2]) gives the in-process engine's report: summary, findings, errors."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from copydesk.config import Config
from copydesk.engine import run
from copydesk.io import read_paths

from .conftest import SEED

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark not installed"),
]


def _java() -> bool:
    from copydesk.integrations.spark import java_available

    return java_available()


@pytest.fixture(scope="module")
def spark() -> Any:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark not installed")
    if not _java():
        pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark")
    from copydesk.integrations.spark import spark_session

    session = spark_session("local[2]", app="copydesk-tests")
    yield session
    session.stop()


def in_process(paths: list[str], config: Config) -> dict[str, Any]:
    """The local engine's report, less the corpus checks Spark does not run."""
    from copydesk.integrations.spark import spark_config

    findings: list[dict[str, Any]] = []
    res = run(
        read_paths(paths),
        spark_config(config),
        on_result=lambda r: findings.extend(f.to_dict() for f in r.findings),
    )
    return {"summary": res.summary.to_dict(), "findings": findings, "errors": res.errors}


def on_spark(paths: list[str], config: Config, spark: Any) -> dict[str, Any]:
    from copydesk.integrations.spark import run_spark

    result, writer = run_spark(paths, config, spark=spark)
    out = io.StringIO()
    writer.write(out, paths, config, result)
    writer.close()
    report = json.loads(out.getvalue())
    assert report["summary"]["records"] == (
        report["summary"]["passed"] + report["summary"]["failed"] + report["summary"]["unreadable"]
    )
    return {k: report[k] for k in ("summary", "findings", "errors")}


_SIM = re.compile(r"similarity (\d\.\d\d)$")


def masked(report: dict[str, Any]) -> tuple[dict[str, Any], list[float]]:
    """The report with near-duplicate similarities cut out, and those similarities."""
    sims, findings = [], []
    for f in report["findings"]:
        m = _SIM.search(f["message"])
        if m:
            sims.append(float(m[1]))
            f = {**f, "message": f["message"][: m.start()]}
        findings.append(f)
    return {**report, "findings": findings}, sims


def test_seed_fixtures_same_report_as_in_process(spark: Any) -> None:
    for name in ("naive.jsonl", "gold.jsonl"):
        assert on_spark([str(SEED / name)], Config(), spark) == in_process(
            [str(SEED / name)], Config()
        )
    # both files in one run: gold repeats naive's articles, corrected (near duplicates);
    # Spark prints the shingle sets' Jaccard, in-process an 8-bit-signature estimate
    paths = [str(SEED / "naive.jsonl"), str(SEED / "gold.jsonl")]
    got, got_sims = masked(on_spark(paths, Config(), spark))
    want, want_sims = masked(in_process(paths, Config()))
    assert got == want
    assert got["summary"]["records"] == 8 and len(got_sims) >= 1
    assert all(abs(a - b) <= 0.05 for a, b in zip(got_sims, want_sims, strict=True))


GOOD = (
    "新华社北京11月8日电 这是一篇完整的报道，讲述了会议的主要内容和与会者的发言，共计若干段落。"
    "会议强调，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念。"
)


def write_mixed(path: Path) -> None:
    lines = [
        "\ufeff" + json.dumps({"id": "a", "body": GOOD, "published": "2023-11-09"}),
        json.dumps({"id": "b", "body": GOOD.replace("会议", "大会"), "published": "2023-11-09"}),
        '{"id": "c", "body": ',  # invalid JSON
        "",  # blank: no record
        '["not", "an", "object"]',
        json.dumps({"id": "d", "published": "2023-11-09"}),  # no body
        json.dumps({"id": "a", "body": "另一篇报道的正文，和第一篇不同。" * 4}),  # duplicate id
        json.dumps({"id": "e", "body": "\n".join(GOOD[i : i + 9] for i in range(0, 99, 9))}),
        json.dumps({"id": "f", "body": GOOD}, ensure_ascii=False),  # exact repeat of a
    ]
    data = "\n".join(lines).encode("utf-8")
    bad = b'{"id": "g", "body": "\xff\xfe broken bytes"}'
    path.write_bytes(data + b"\n" + bad + b"\n" + json.dumps({"id": "h", "body": 7}).encode())


def test_mixed_file_with_unreadable_lines_counts_the_same(spark: Any, tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    write_mixed(p)
    got = on_spark([str(p)], Config(), spark)
    want = in_process([str(p)], Config())
    assert got == want
    assert [(e["line"], e["message"].split(":")[0].split(" at")[0]) for e in got["errors"]] == [
        (3, "invalid JSON"),
        (5, "a JSON array, not an object"),
        (10, "undecodable bytes (not UTF-8)"),
    ]
    checks = {(f["line"], f["check"]) for f in got["findings"]}
    assert (7, "schema.duplicate-id") in checks
    assert {(8, "quote.duplicate-record"), (9, "quote.duplicate-record")} <= checks


def test_near_duplicate_found_by_minhashlsh_names_the_same_record(
    spark: Any, tmp_path: Path
) -> None:
    from copydesk.testing.corpora import corpus_path, peoples_daily_2019

    if corpus_path("zh", "peoples_daily_web_2019") is None:
        pytest.skip("shared/corpora People's Daily 2019 is absent")
    records = peoples_daily_2019()[:40]
    src = next(r for r in records if r["id"] == "pd2019-3-09")
    paras = src["body"].split("\n")
    filled = [i for i, p in enumerate(paras) if p.strip()]
    paras[filled[5]] = "本报记者在现场看到，活动吸引了许多市民参加，大家纷纷表示收获很大。"
    records.append({**src, "id": "copy", "body": "\n".join(paras)})
    p = tmp_path / "pd.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    config = Config(select=("quote.duplicate-record",))
    got = on_spark([str(p)], config, spark)["findings"]
    want = in_process([str(p)], config)["findings"]

    def pairs(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
        out = []
        for f in findings:
            m = re.match(r"(exact|near) duplicate of record '([^']+)'", f["message"])
            assert m is not None
            out.append((f["record"], m[1], m[2]))
        return out

    assert pairs(got) == pairs(want)
    assert ("copy", "near", "pd2019-3-09") in pairs(got)
    sim = {
        f["record"]: float(f["message"].rsplit(" ", 1)[1]) for f in got if "near" in f["message"]
    }
    sim_in = {
        f["record"]: float(f["message"].rsplit(" ", 1)[1]) for f in want if "near" in f["message"]
    }
    assert abs(sim["copy"] - sim_in["copy"]) <= 0.1  # exact Jaccard vs 8-bit estimate


def test_cli_engine_spark_writes_the_same_report_json(spark: Any, tmp_path: Path) -> None:
    """`copydesk check --engine spark` (reusing the running session) == the local engine."""
    from click.testing import CliRunner

    from copydesk.cli import main

    path = str(SEED / "naive.jsonl")
    reports = []
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.json"
        args = ["check", path, "--engine", engine, "--spark-master", "local[2]", "--json", str(out)]
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 1, res.output  # the naive records fail the gate
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    assert reports[0]["summary"] == reports[1]["summary"]
    assert reports[0]["findings"] == reports[1]["findings"]
    res = CliRunner().invoke(main, ["check", "-", "--engine", "spark"], input=b"")
    assert res.exit_code == 2 and "not stdin" in res.stderr
