"""Great Expectations: the same checks, GX's verdict per record equals copydesk's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("great_expectations", reason="the [gx] extra is not installed")

from copydesk import config as config_mod
from copydesk.cli import main
from copydesk.config import Threshold
from copydesk.engine import check_records
from copydesk.findings import Severity
from copydesk.integrations import gx as cgx

from .conftest import SEED


def copydesk_failing(records: list[dict[str, Any]], cfg: config_mod.Config) -> set[str]:
    _, findings = check_records(records, cfg)
    return {f.record for f in findings if f.severity >= cfg.fail_on and f.record}


@pytest.mark.parametrize("name", ["naive", "gold"])
def test_gx_verdict_per_record_equals_copydesk(
    name: str, seed_naive: list[dict[str, Any]], seed_gold: list[dict[str, Any]]
) -> None:
    records = seed_naive if name == "naive" else seed_gold
    cfg = config_mod.Config()
    df = cgx.annotate(records, cfg)
    assert list(df["id"]) == [r["id"] for r in records]
    outcome = cgx.validate(df, cfg)
    expected = copydesk_failing(records, cfg)
    assert outcome.failing_ids() == expected
    assert outcome.success == (not expected)
    if name == "naive":
        assert expected == {r["id"] for r in records}  # every naive record is broken
        by_col = {e.column: e for e in outcome.expectations}
        quote = by_col["cd_quote_findings"]
        assert not quote.success and quote.unexpected_ids == ["rmrb-2023-11-09-p1-01"]
        assert df.loc[0, "cd_quote_first"].startswith("quote.pull-quote-in-body body[")
    # the structural expectations hold on the seed
    for e in outcome.expectations:
        if e.group in ("id", "published"):
            assert e.success, e


def test_thresholds_become_mostly(seed_naive: list[dict[str, Any]]) -> None:
    assert cgx.mostly_for(Threshold(0, None), 4) == pytest.approx(1.0)
    assert cgx.mostly_for(Threshold(None, 50.0), 4) == pytest.approx(0.5)
    assert cgx.mostly_for(Threshold(1, 50.0), 4) == pytest.approx(0.75)
    assert cgx.mostly_for(Threshold(None, None), 4) == 0.0
    # layout fails 2 of 4 records: allowed at 50%, not at 49%; a check with its own
    # threshold gets its own column
    for pct, ok in ((50.0, True), (49.0, False)):
        cfg = config_mod.from_mapping(
            {"thresholds": {"layout": {"max-percent": pct}, "date.split": {"max-records": 3}}}
        )
        df = cgx.annotate(seed_naive, cfg)
        assert "cd_date_split_findings" in df.columns
        outcome = cgx.validate(df, cfg)
        by_col = {e.column: e for e in outcome.expectations}
        assert by_col["cd_layout_findings"].success is ok
        assert by_col["cd_date_split_findings"].success  # 3 records > 3 is false
        result, _ = check_records(seed_naive, cfg)
        over = {r.split(":", 1)[0] for r in result.summary.reasons}
        assert ("layout.multiple-articles" not in over) is ok
        assert "date.split" not in over


def test_fail_on_decides_what_counts(seed_naive: list[dict[str, Any]]) -> None:
    cfg = config_mod.Config(fail_on=Severity.ERROR, select=("layout.headline-in-body",))
    df = cgx.annotate(seed_naive, cfg)
    assert df["cd_layout_findings"].sum() == 0  # warnings do not fail a record
    cfg = config_mod.Config(fail_on=Severity.WARNING, select=("layout.headline-in-body",))
    df = cgx.annotate(seed_naive, cfg)
    assert cgx.validate(df, cfg).failing_ids() == copydesk_failing(seed_naive, cfg)


def test_cli_gx_docs_builds_data_docs_naming_the_failing_records(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    res = CliRunner().invoke(
        main, ["check", str(SEED / "naive.jsonl"), "--gx-docs", str(docs)], catch_exceptions=False
    )
    assert res.exit_code == 1
    assert (docs / "index.html").is_file()
    pages = list((docs / "validations").rglob("*.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    for i in (1, 2, 3, 4):
        assert f"rmrb-2023-11-09-p1-0{i}" in html
    assert "cd_sentence_findings" in html
