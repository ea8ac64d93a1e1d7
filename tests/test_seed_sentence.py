"""sentence and encoding families on the seed page fixture: precision and recall >= 0.98
against expected.json (the table is printed), and nothing >= warning on the gold records."""

from __future__ import annotations

import pytest

from benchmarks.heldout import seed_store
from copydesk.evaluate import format_table, load_labels, score
from copydesk.findings import Severity
from copydesk.validators.registry import check_record

from .conftest import FIXTURES

FAMILIES = ("sentence", "encoding")
CASES = [FIXTURES / "rmrb-2023-11-09-p1", FIXTURES / "overproof-en"]


def _findings(case, kind):
    """Findings on the case's ``naive`` or ``gold`` records (overproof-en is rebuilt from
    ../shared/corpora and skipped when they are absent)."""
    recs = seed_store.records(case, kind)
    if recs is None:
        pytest.skip(f"{case.name} is rebuilt from ../shared/corpora, which is absent")
    out = []
    for rec in recs:
        out += check_record(rec, select=list(FAMILIES))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sentence_encoding_precision_recall(case) -> None:
    labels = load_labels(case / "expected.json")
    scores = score(_findings(case, "naive"), labels, families=FAMILIES)
    print(f"\n{case.name}\n{format_table(scores)}")
    assert "sentence" in scores and scores["sentence"].labels > 0
    for fam, s in scores.items():
        assert s.recall >= 0.98, (fam, s.missed[:5])
        assert s.precision >= 0.98, (fam, [(f.check, f.excerpt) for f in s.false_alarms[:5]])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_is_clean_for_sentence_and_encoding(case) -> None:
    bad = [(f.check, f.excerpt) for f in _findings(case, "gold") if f.severity >= Severity.WARNING]
    assert bad == []
