"""sentence and encoding families on the seed page fixture: precision and recall >= 0.98
against expected.json (the table is printed), and nothing >= warning on the gold records."""

from __future__ import annotations

import pytest

from copydesk.evaluate import format_table, load_labels, score
from copydesk.findings import Severity
from copydesk.validators.registry import check_record

from .conftest import FIXTURES, read_jsonl

FAMILIES = ("sentence", "encoding")
CASES = [FIXTURES / "rmrb-2023-11-09-p1", FIXTURES / "overproof-en"]


def _findings(path):
    out = []
    for rec in read_jsonl(path):
        out += check_record(rec, select=list(FAMILIES))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sentence_encoding_precision_recall(case) -> None:
    labels = load_labels(case / "expected.json")
    scores = score(_findings(case / "naive.jsonl"), labels, families=FAMILIES)
    print(f"\n{case.name}\n{format_table(scores)}")
    assert "sentence" in scores and scores["sentence"].labels > 0
    for fam, s in scores.items():
        assert s.recall >= 0.98, (fam, s.missed[:5])
        assert s.precision >= 0.98, (fam, [(f.check, f.excerpt) for f in s.false_alarms[:5]])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_is_clean_for_sentence_and_encoding(case) -> None:
    bad = [
        (f.check, f.excerpt)
        for f in _findings(case / "gold.jsonl")
        if f.severity >= Severity.WARNING
    ]
    assert bad == []
