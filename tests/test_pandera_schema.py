"""ArticleSchema: the seed gold passes, the naive records fail naming records and check ids."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings

from copydesk.schemas import ArticleSchema, record_json_schema
from copydesk.schemas.pandera_schema import FAMILY_METHODS, to_json_schema, to_yaml
from copydesk.validators.registry import select_checks

from .conftest import SEED


def frame(name: str) -> pd.DataFrame:
    lines = (SEED / name).read_text(encoding="utf-8").splitlines()
    return pd.DataFrame([json.loads(x) for x in lines if x])


def labelled() -> set[tuple[str, str]]:
    """(record, check) of every error-severity label in expected.json."""
    labels = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))["labels"]
    errors = {s.id for s in select_checks() if str(s.severity) == "error"}
    return {(x["record"], x["check"]) for x in labels if x["check"] in errors}


def failures(df: pd.DataFrame) -> set[tuple[str, str]]:
    with pytest.raises(pa.errors.SchemaErrors) as exc:
        ArticleSchema.validate(df, lazy=True)
    out = set()
    for row in exc.value.failure_cases.itertuples():
        check = str(row.check)
        if "checks=" in check:
            check_id = check.split("checks=")[1].split(",")[0].rstrip(")")
            out.add((row.failure_case["id"], check_id))
    return out


def test_gold_passes() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", pa.errors.SchemaWarning)  # no warning finding either
        ArticleSchema.validate(frame("gold.jsonl"), lazy=True)


def test_naive_fails_naming_the_labelled_records_and_checks() -> None:
    got = failures(frame("naive.jsonl"))
    want = labelled()
    assert want <= got, f"missing: {sorted(want - got)}"
    assert {r for r, _ in got} == {r for r, _ in want}


def test_warning_checks_warn_and_do_not_fail() -> None:
    df = frame("naive.jsonl")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(pa.errors.SchemaErrors) as exc:
            ArticleSchema.validate(df, lazy=True)
    assert not any("layout.headline-in-body" in str(c) for c in exc.value.failure_cases.check)
    assert any("layout.headline-in-body" in str(w.message) for w in caught)


def test_schema_level_types_and_unique_id() -> None:
    df = frame("gold.jsonl")
    bad = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    with pytest.raises(pa.errors.SchemaErrors) as exc:
        ArticleSchema.validate(bad, lazy=True)
    assert "field_uniqueness" in set(exc.value.failure_cases.check)
    bad = df.assign(published=["2023-11-31", "9 Nov 2023", "2023-11-09", "2023-11-09"])
    with pytest.raises(pa.errors.SchemaErrors) as exc:
        ArticleSchema.validate(bad, lazy=True)
    fc = exc.value.failure_cases
    hit = fc[fc.check.astype(str).str.contains("schema.invalid-published")]
    assert {c["id"] for c in hit.failure_case} == {"rmrb-2023-11-09-p1-01", "rmrb-2023-11-09-p1-02"}


def test_family_methods_work_on_a_column_of_any_schema() -> None:
    schema = pa.DataFrameSchema({"text": pa.Column(str, pa.Check.unbroken_sentences(True))})
    good = pd.DataFrame({"text": ["这是一个完整的句子，没有断行。"]})
    schema.validate(good)
    bad = pd.DataFrame(
        {"text": ["构建更加和平安全的网络空，尊重网络\n主权，尊重各国的互联网发展道路。"]}
    )
    with pytest.raises(pa.errors.SchemaError):
        schema.validate(bad)


def test_every_family_has_a_method() -> None:
    families = {s.family for s in select_checks() if not s.corpus}
    assert families <= set(FAMILY_METHODS.values())
    for method in FAMILY_METHODS:
        assert hasattr(pa.Check, method)


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ArticleSchema.strategy())
def test_strategy_draws_valid_frames(df: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=pa.errors.SchemaWarning)
        ArticleSchema.validate(df, lazy=True)
    assert df["id"].is_unique


def test_example_and_exports() -> None:
    df = ArticleSchema.example(size=3)
    assert len(df) == 3
    ArticleSchema.validate(df, lazy=True)
    text = to_yaml()
    assert "checks: sentence.line-break" in text and "unique: true" in text
    loaded = pa.DataFrameSchema.from_yaml(text)
    assert {c.name for c in loaded.checks} == set(FAMILY_METHODS)
    js = to_json_schema()
    assert set(js["properties"]) >= {"id", "body", "published"}
    assert "unbroken_sentences" not in json.dumps(js)  # what pandera's export loses
    assert record_json_schema()["required"] == ["id"]
