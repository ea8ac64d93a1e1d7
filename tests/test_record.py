"""The article record: canonical access, paragraphs, field mapping, language detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk import config as config_mod
from copydesk.engine import check_records
from copydesk.record import ArticleRecord, FieldMap, detect_language


def test_body_from_paragraphs_joined_with_newline() -> None:
    rec = ArticleRecord.from_mapping({"id": "x", "paragraphs": ["第一段。", "第二段。"]})
    assert rec.body == "第一段。\n第二段。"
    assert rec.body_field == "paragraphs"
    assert rec.source_name("body") == "paragraphs"


def test_wrong_types_give_none_not_guesses() -> None:
    rec = ArticleRecord.from_mapping({"id": 17, "body": ["a"], "published": "2023-02-30"})
    assert rec.id is None and rec.display_id == "17"
    assert rec.body is None
    assert rec.published is None


def test_extra_fields_carried_through() -> None:
    obj = {"id": "x", "text": "正文。", "url": "http://example.org/a", "score": 0.5}
    rec = ArticleRecord.from_mapping(obj, FieldMap({"body": "text"}))
    assert rec.body == "正文。"
    assert rec.extra == {"url": "http://example.org/a", "score": 0.5}
    assert rec.to_dict() == obj
    assert rec.source_name("body") == "text"


def test_field_map_parse() -> None:
    assert FieldMap.parse(["body=text", "id = doc_id"]).names == {"body": "text", "id": "doc_id"}
    with pytest.raises(ValueError, match="CANONICAL=SOURCE"):
        FieldMap.parse(["body"])
    with pytest.raises(ValueError, match="unknown canonical"):
        FieldMap.parse(["bodyy=text"])


def test_field_mapping_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copydesk.fields]\nbody = "text"\nid = "doc_id"\n'
    )
    cfg = config_mod.load(cwd=tmp_path)
    assert cfg.fields.names == {"body": "text", "id": "doc_id"}
    result, findings = check_records([{"doc_id": "a", "text": "正文。"}], cfg)
    assert result.summary.passed == 1 and findings == []
    # without the mapping the same record misses its required fields
    result, findings = check_records([{"doc_id": "a", "text": "正文。"}])
    assert {f.check for f in findings} == {"schema.missing-field"}


def test_field_mapping_reports_the_users_field_name(tmp_path: Path) -> None:
    cfg = config_mod.Config(fields=FieldMap({"body": "text"}))
    _, findings = check_records([{"id": "a", "text": "  "}], cfg)
    assert [(f.check, f.field) for f in findings] == [("schema.empty-field", "text")]


def test_copydesk_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk.fields]\nbody = "a"\n')
    (tmp_path / "copydesk.toml").write_text('[fields]\nbody = "b"\n')
    assert config_mod.load(cwd=tmp_path).fields.names == {"body": "b"}


def test_detect_language() -> None:
    assert detect_language("新华社北京11月8日电 国家主席习近平") == "zh"
    assert detect_language("The country precincts of Alexander county") == "en"
    assert detect_language("2023 — 480.5") is None
    rec = ArticleRecord.from_mapping({"id": "x", "body": "习近平指出，2015年。"})
    assert rec.language == "zh"
    tagged = ArticleRecord.from_mapping({"id": "x", "body": "中文", "language": "en-US"})
    assert tagged.language == "en"
