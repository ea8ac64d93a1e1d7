"""``--group-by FIELD`` (issue 14): per-group failing rate and findings per check.

The groups' totals must equal the ungrouped run's, check by check, on the fixtures and on
real corpora (web pages by extractor, Chinese crawl by source file, mixed-language pages by
language); groups come worst first.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from benchmarks.heldout import seed_store
from copydesk.adopt.groups import NONE, UNREADABLE, GroupSpec
from copydesk.record import FieldMap
from copydesk.schemas.report_schema import REPORT_SCHEMA
from copydesk.testing.corpora import corpus_path

from .conftest import FIXTURES, SEED, read_jsonl
from .test_baseline import _convert, run_cli, write_jsonl

TOTALS = ("records", "passed", "failed", "unreadable", "findings")


def grouped(tmp: Path, paths: list[Path], by: str, *args: str) -> tuple[str, dict[str, Any]]:
    out = tmp / "report.json"
    code, text = run_cli(
        "check", *map(str, paths), "-j", "1", "--group-by", by, "--json", str(out), *args
    )
    assert code in (0, 1), text
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, REPORT_SCHEMA)
    return text, report


def assert_totals_add_up(report: dict[str, Any]) -> None:
    s, groups = report["summary"], report["groups"]["groups"]
    for k in TOTALS:
        assert sum(g[k] for g in groups) == s[k], k
    for k in ("findings", "records"):
        per_check: Counter[str] = Counter()
        for g in groups:
            for c, v in g["by_check"].items():
                per_check[c] += v[k]
        assert dict(per_check) == {c: v[k] for c, v in s["by_check"].items()}, k
    keys = [(-g["failing_rate"], -g["failed"], -g["findings"], g["group"]) for g in groups]
    assert keys == sorted(keys)  # worst first


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """The seed page (zh) and the OverProof page (en), plus one unreadable line."""
    seed = read_jsonl(SEED / "naive.jsonl") + read_jsonl(SEED / "gold.jsonl")
    for i, r in enumerate(seed):
        r["id"] = f"{r['id']}-{i}"
        r["section"] = "naive" if i < 4 else "gold"
    a = write_jsonl(tmp_path / "seed.jsonl", seed)
    english = seed_store.records(FIXTURES / "overproof-en", "naive")
    if english is None:
        pytest.skip("the OverProof fixture is rebuilt from ../shared/corpora, absent here")
    b = write_jsonl(tmp_path / "overproof.jsonl", english)
    with b.open("a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    return [a, b]


@pytest.mark.parametrize("by", ["section", "language", "published:month", "source"])
def test_group_totals_equal_the_ungrouped_totals(
    mixed: list[Path], tmp_path: Path, by: str
) -> None:
    _text, report = grouped(tmp_path, mixed, by)
    assert_totals_add_up(report)
    names = {g["group"] for g in report["groups"]["groups"]}
    assert UNREADABLE in names
    plain = tmp_path / "plain.json"
    run_cli("check", *map(str, mixed), "-j", "1", "--json", str(plain))
    assert json.loads(plain.read_text())["summary"] == report["summary"]


def test_groups_name_the_broken_part(mixed: list[Path], tmp_path: Path) -> None:
    # gold repeats naive's articles: quote.duplicate-record would rightly fail it
    text, report = grouped(tmp_path, mixed, "section", "--ignore", "quote.duplicate-record")
    groups = {g["group"]: g for g in report["groups"]["groups"]}
    assert groups["naive"]["failing_rate"] == 100.0 and groups["naive"]["records"] == 4
    assert groups["gold"]["failed"] == 0 and groups["gold"]["findings"] == 0
    assert groups[UNREADABLE]["unreadable"] == 1
    assert NONE in groups  # the OverProof record has no section
    order = [g["group"] for g in report["groups"]["groups"]]
    assert order.index("naive") < order.index("gold")
    assert "by section (4 groups, worst first):" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("naive"))
    assert "100.0%" in line and "sentence.line-break 178" in line


def test_month_and_language_values() -> None:
    spec = GroupSpec.parse("published:month")
    assert spec.value({"published": "2023-11-09"}) == "2023-11"
    assert spec.value({"published": "undated"}) == "undated"
    assert spec.value({}) == NONE
    assert spec.value(None) == UNREADABLE
    lang = GroupSpec.parse("language", FieldMap({"body": "text"}))
    assert lang.value({"text": "习近平向大会发表视频致辞。"}) == "zh"
    mapped = GroupSpec.parse("source", FieldMap({"source": "paper"}))
    assert mapped.value({"paper": "人民日报", "source": "x"}) == "人民日报"
    with pytest.raises(ValueError):
        GroupSpec.parse("published:week")


def test_group_by_html_and_json_report(mixed: list[Path], tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    out = tmp_path / "r.json"
    run_cli("check", *map(str, mixed), "-j", "1", "--group-by", "section", "--html", str(html),
            "--json", str(out))  # fmt: skip
    page = html.read_text(encoding="utf-8")
    assert 'id="groups"' in page and 'id="group-chart"' in page
    assert page.count('<tr class="group"') == 4
    # `copydesk report` renders the same view from the JSON alone
    again = tmp_path / "again.html"
    assert run_cli("report", str(out), "--html", str(again))[0] == 0
    assert again.read_text(encoding="utf-8").count('<tr class="group"') == 4


# -- real corpora ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "name", "args", "by", "at_least"),
    [
        ("en", "article_extraction_benchmark", (), "extractor", 5),
        ("zh", "sogou_news_smarty", (), "source", 2),
        ("zh", "magic_html_benchmark", (), "language", 3),
    ],
    ids=["web-by-extractor", "sogou-by-source", "magic-html-by-language"],
)
def test_real_corpus_group_totals(
    tmp_path: Path, lang: str, name: str, args: tuple[str, ...], by: str, at_least: int
) -> None:
    script = corpus_path(lang, name, "to_jsonl.py")
    if script is None:
        pytest.skip(f"../shared/corpora/{lang}/{name} is absent")
    data = tmp_path / "records.jsonl"
    records = _convert(script, data, *args)
    if name == "article_extraction_benchmark":  # 905 records: every fifth page of each
        pages = sorted({r["page_id"] for r in records})[::5]
        records = [r for r in records if r["page_id"] in set(pages)]
        write_jsonl(data, records)
    _text, report = grouped(tmp_path, [data], by, "--select", "sentence,encoding,layout")
    assert_totals_add_up(report)
    assert len(report["groups"]["groups"]) >= at_least


def test_spark_engine_refuses_the_adoption_options(mixed: list[Path]) -> None:
    for extra in (["--group-by", "source"], ["--format", "github"]):
        code, out = run_cli("check", str(mixed[0]), "--engine", "spark", *extra)
        assert code == 2 and "local engine only" in out


def test_text_columns_line_up_with_chinese_group_names() -> None:
    from copydesk.adopt.groups import display_width, pad

    assert display_width("人民日报") == 8 and display_width("The Times") == 9
    assert display_width(pad("人民日报", 12)) == display_width(pad("The Times", 12)) == 12
