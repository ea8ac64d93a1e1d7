"""The schema family: each check on records that break it and on records that do not."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from copydesk.config import Config
from copydesk.engine import check_records
from copydesk.record import ArticleRecord
from copydesk.validators.registry import check_record

GOOD = {
    "id": "rmrb-2023-11-09-p1-02",
    "body": "本报北京11月8日电（记者刘志强） 国家发展改革委日前发布《国家碳达峰试点建设方案》。",
    "published": "2023-11-09",
    "language": "zh",
    "page": 1,
    "byline": ["记者刘志强"],
    "quotes": [],
}


def schema_checks(rec: dict) -> list[tuple[str, str]]:
    return [(f.check, f.field) for f in check_record(rec, select=["schema"])]


def test_good_record_passes_every_schema_check() -> None:
    assert schema_checks(GOOD) == []
    assert schema_checks({"id": "x", "paragraphs": ["一。", "二。"], "language": "zh-Hans"}) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": None}, [("schema.missing-field", "id")]),
        ({"body": None}, [("schema.missing-field", "body")]),
        ({"id": "  "}, [("schema.empty-field", "id")]),
        ({"body": "\n \u3000"}, [("schema.empty-field", "body")]),
        ({"id": 17}, [("schema.wrong-type", "id")]),
        ({"body": 3.5}, [("schema.wrong-type", "body")]),
        ({"headline": ["标题"]}, [("schema.wrong-type", "headline")]),
        ({"quotes": "■我们倡导发展优先"}, [("schema.wrong-type", "quotes")]),
        ({"byline": {"name": "刘志强"}}, [("schema.wrong-type", "byline")]),
        ({"published": 20231109}, [("schema.wrong-type", "published")]),
        ({"published": "2023-11-31"}, [("schema.invalid-published", "published")]),
        ({"published": "9 Nov 2023"}, [("schema.invalid-published", "published")]),
        ({"language": "chinese"}, [("schema.unknown-language", "language")]),
        ({"language": "cn"}, [("schema.unknown-language", "language")]),
        ({"page": 0}, [("schema.invalid-page", "page")]),
        ({"page": "A1"}, [("schema.invalid-page", "page")]),
        ({"page": 1.5}, [("schema.invalid-page", "page")]),
        ({"page": True}, [("schema.invalid-page", "page")]),
    ],
)
def test_each_defect_gives_exactly_its_finding(change: dict, expected: list) -> None:
    rec = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert schema_checks(rec) == expected


def test_empty_paragraphs_list() -> None:
    assert schema_checks({"id": "x", "paragraphs": []}) == [("schema.empty-field", "paragraphs")]
    assert schema_checks({"id": "x", "paragraphs": ["a", 2]}) == [
        ("schema.wrong-type", "paragraphs")
    ]


def test_published_in_the_future() -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    findings = check_record({**GOOD, "published": tomorrow}, select=["schema.invalid-published"])
    assert len(findings) == 1 and "future" in findings[0].message
    today = dt.date.today().isoformat()
    assert check_record({**GOOD, "published": today}, select=["schema.invalid-published"]) == []


def test_duplicate_id_names_the_first_occurrence() -> None:
    recs = [GOOD, {**GOOD, "id": "other"}, GOOD, {**GOOD, "id": 5}, {**GOOD, "id": 5}]
    _, findings = check_records(recs)
    dups = [f for f in findings if f.check == "schema.duplicate-id"]
    assert [(f.line, f.message) for f in dups] == [
        (3, "id 'rmrb-2023-11-09-p1-02' was already used at line 1"),
        (5, "id '5' was already used at line 4"),
    ]
    assert dups[0].start == 0 and dups[0].end == len(GOOD["id"])


def test_schema_findings_point_at_the_field_text() -> None:
    rec = ArticleRecord.from_mapping({**GOOD, "published": "2023-02-30"})
    (f,) = check_record(rec, select=["schema"])
    assert (f.start, f.end, f.excerpt) == (0, 10, "2023-02-30")


def test_duplicate_key_on_real_records_read_from_jsonl_and_csv(tmp_path) -> None:
    from copydesk.io import read_paths

    from .conftest import SEED, read_jsonl

    gold = read_jsonl(SEED / "gold.jsonl")
    lines = [json.dumps(r, ensure_ascii=False) for r in gold]
    # a second, defective body in front of the kept one: line 2 of the naive extraction
    naive_body = json.dumps(read_jsonl(SEED / "naive.jsonl")[1]["body"], ensure_ascii=False)
    lines[1] = lines[1].replace('"body": ', f'"body": {naive_body}, "body": ', 1)
    p = tmp_path / "dup.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv = tmp_path / "dup.csv"
    csv.write_text(f"id,body,id\n{gold[0]['id']},一。,{gold[0]['id']}\n", encoding="utf-8")
    items = list(read_paths([str(p), str(csv)]))
    result, findings = check_records(
        [i.data for i in items], Config(select=("schema.duplicate-key",))
    )
    assert result.summary.records == 5 and findings == []  # a dict has lost its duplicates
    got = []
    for item in items:
        rec = ArticleRecord.from_mapping(item.data, duplicate_keys=item.duplicate_keys)
        got += [(item.line, f.field, f.start, f.end) for f in check_record(rec, ["schema"])]
    assert got == [(2, "body", 0, len(gold[1]["body"])), (1, "id", 0, 0)]


def test_too_long_only_over_the_bound() -> None:
    from .conftest import SEED, read_jsonl

    gold = read_jsonl(SEED / "gold.jsonl")
    assert all(schema_checks(r) == [] for r in gold)  # real articles: far under the bound
    issue = "\n".join(r["body"] for r in gold)  # the whole page in one record, many times
    rec = {"id": "page", "body": issue * (200_000 // len(issue) + 1), "quotes": ["短。"]}
    found = [(f.check, f.field, f.start, f.end) for f in check_record(rec, select=["schema"])]
    assert found == [("schema.too-long", "body", 200_000, len(rec["body"]))]
    rec = {"id": "q", "body": "一。", "quotes": ["一。", issue * 100]}
    found = [(f.check, f.field, f.start) for f in check_record(rec, select=["schema"])]
    assert found == [("schema.too-long", "quotes[1]", 200_000)]
