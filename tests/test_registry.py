"""The check registry: ids, selection by prefix, documentation, parameters, spans."""

from __future__ import annotations

import re

import pytest

from copydesk.record import ArticleRecord
from copydesk.validators.registry import (
    DOC_SECTIONS,
    FAMILIES,
    Hit,
    all_checks,
    check,
    get_check,
    run_check,
    select_checks,
)


def test_every_check_is_family_dot_name_and_documented() -> None:
    checks = all_checks()
    assert checks, "no checks registered"
    for spec in checks:
        assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*", spec.id), spec.id
        assert spec.family in FAMILIES
        assert spec.description and len(spec.description) < 120, spec.id
        positions = [spec.doc.find(s) for s in DOC_SECTIONS]
        missing = [s for s, p in zip(DOC_SECTIONS, positions, strict=True) if p < 0]
        assert not missing, f"{spec.id} docstring lacks {missing}"
        assert positions == sorted(positions), f"{spec.id}: sections out of order"


def test_select_by_family_and_id_most_specific_wins() -> None:
    ids = {c.id for c in select_checks(["schema"])}
    assert ids and all(i.startswith("schema.") for i in ids)
    ids = {c.id for c in select_checks(["schema"], ["schema.invalid-page"])}
    assert "schema.invalid-page" not in ids and "schema.missing-field" in ids
    ids = {c.id for c in select_checks(["schema.invalid-page"], ["schema"])}
    assert ids == {"schema.invalid-page"}
    assert {c.id for c in select_checks()} == {c.id for c in all_checks()}
    assert {c.id for c in select_checks(["ALL"], ["schema"])}.isdisjoint(ids)


def test_prefix_matches_whole_segments_only() -> None:
    with pytest.raises(ValueError, match="names no check"):
        select_checks(["schema.invalid"])  # not a prefix of "schema.invalid-page"
    with pytest.raises(ValueError, match="names no check"):
        select_checks(["sentenc"])
    with pytest.raises(ValueError, match="names no check"):
        select_checks(None, ["nope.none"])


def test_params_are_keyword_only_defaults() -> None:
    assert get_check("schema.invalid-published").params == {"today": None}
    rec = ArticleRecord.from_mapping({"id": "x", "body": "x", "published": "2030-01-01"})
    spec = get_check("schema.invalid-published")
    assert [f.check for f in run_check(spec, rec, {"today": "2029-12-31"})] == [spec.id]
    assert run_check(spec, rec, {"today": "2030-01-01"}) == []


def test_bad_ids_and_double_registration_are_refused() -> None:
    with pytest.raises(ValueError, match=r"family\.name"):
        check("Sentence.LineBreak")(lambda r: [])
    with pytest.raises(ValueError, match=r"family\.name"):
        check("style.too-long")(lambda r: [])
    with pytest.raises(ValueError, match="registered twice"):
        check("schema.missing-field")(lambda r: [])


def test_spans_outside_the_field_are_a_bug() -> None:
    spec = get_check("schema.missing-field")

    def bad(record: ArticleRecord):
        yield Hit("body", 0, 99, "oops")

    from copydesk.validators.registry import to_findings

    rec = ArticleRecord.from_mapping({"id": "x", "body": "short"})
    with pytest.raises(ValueError, match="outside body"):
        list(to_findings(spec, rec, bad(rec)))


def test_excerpt_matches_the_span() -> None:
    from copydesk.findings import make_excerpt

    text = "我们倡导安危与共，构建更加和平安全的网络空\n\n间。尊重网络主权"
    start = text.index("\n")
    ex = make_excerpt(text, start, start + 2, context=5)
    assert ex == "…全的网络空⏎⏎间。尊重网…"
    assert make_excerpt("abc", 0, 3) == "abc"
