"""Property tests of ``copydesk fix`` with the defect strategies of copydesk.testing.strategies.

For every defect whose repair is lossless, fixing the corrupted record gives back the clean
record exactly; fixing a clean record changes nothing; every fix is idempotent and its edits,
applied to the input, give the output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from copydesk.fix import fix_record
from copydesk.fix.edits import apply
from copydesk.fix.fixers import fixer_for
from copydesk.testing.strategies import DEFECTS, Corrupted, articles
from copydesk.validators.registry import check_record

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Defects whose repair restores the clean text exactly: the extractor inserted white space,
#: a line, a copy or a character that the fix removes, or encoded a character it restores.
LOSSLESS = (
    "sentence.line-break",
    "sentence.word-split",
    "sentence.stray-space",
    "quote.duplicate-block",
    "quote.pull-quote-in-body",
    "layout.page-furniture",
    "encoding.compat-char",
    "encoding.control-char",
    "encoding.mojibake",
    "date.split",
    "figure.split",
)


def _body_edits_reproduce(before: dict, after: dict, edits: list) -> None:
    for name in {e.field for e in edits}:
        mine = [e for e in edits if e.field == name]
        assert apply(before[name], mine) == after[name]


@pytest.mark.parametrize("check_id", LOSSLESS)
@SLOW
@given(data=st.data())
def test_fix_restores_the_clean_record(check_id: str, data: st.DataObject) -> None:
    bad: Corrupted = data.draw(DEFECTS[check_id])
    # the check marks a copy it cannot tell from the original without a suggestion (a
    # duplicated paragraph that is also a pull quote): then the fix rightly makes no edit
    findings = check_record(bad.record, select=[check_id])
    assume(any(fixer_for(f.check, f.suggestion) for f in findings))
    fixed, edits = fix_record(bad.record)
    clean = bad.clean[-1]
    # the text fields come back clean; what the corruption put beside the text (a pull
    # quote's ``quotes`` entry) is not text to repair and stays as it was
    for key in ("body", "headline", "subheadline", "dateline"):
        assert fixed.get(key) == clean.get(key), f"{check_id}: {bad.note}"
    assert {k: v for k, v in fixed.items() if k not in ("body",)} == {
        k: v for k, v in bad.record.items() if k not in ("body",)
    }
    assert edits, "a corrupted record gets at least one edit"
    assert any(check_id in e.check.split("+") for e in edits)
    _body_edits_reproduce(bad.record, fixed, edits)
    again, more = fix_record(fixed)
    assert again == fixed and more == []


@SLOW
@given(record=st.one_of(articles("zh"), articles("en")))
def test_clean_records_are_not_touched(record: dict) -> None:
    fixed, edits = fix_record(record)
    assert edits == []
    assert fixed == record


@pytest.mark.parametrize("check_id", sorted(set(DEFECTS) - set(LOSSLESS)))
@SLOW
@given(data=st.data())
def test_other_defects_are_fixed_idempotently(check_id: str, data: st.DataObject) -> None:
    bad: Corrupted = data.draw(DEFECTS[check_id])
    for rec in bad.records:
        fixed, edits = fix_record(rec)
        _body_edits_reproduce(rec, fixed, edits)
        assert fix_record(fixed) == (fixed, [])


@SLOW
@given(bad=DEFECTS["layout.headline-in-body"])
def test_unsafe_fix_takes_the_records_own_headline_out_of_the_body(bad: Corrupted) -> None:
    safe, safe_edits = fix_record(bad.record)
    assert safe == bad.record and safe_edits == []  # unsafe: not made by default
    fixed, edits = fix_record(bad.record, unsafe=True)
    assert fixed == bad.clean[-1]
    assert {e.check for e in edits} == {"layout.headline-in-body"}
