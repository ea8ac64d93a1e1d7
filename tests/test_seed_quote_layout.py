"""Precision and recall of the quote and layout families on the seed fixture.

``fixtures/rmrb-2023-11-09-p1``: naive.jsonl scored against expected.json (floors 0.98), and
gold.jsonl must give no quote/layout finding of severity warning or above.
Run with ``-s`` to see the table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.evaluate import format_table, load_labels, score
from copydesk.findings import Finding, Severity
from copydesk.record import ArticleRecord
from copydesk.validators.registry import check_record

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rmrb-2023-11-09-p1"
FAMILIES = ("quote", "layout")


def _findings(name: str) -> list[Finding]:
    path = FIXTURE / name
    if not path.exists():
        pytest.skip(f"seed fixture {name} not present")
    out: list[Finding] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        rec = ArticleRecord.from_mapping(json.loads(line), line=n)
        out += check_record(rec, select=FAMILIES)
    return out


def test_naive_records_against_labels() -> None:
    findings = _findings("naive.jsonl")
    labels = load_labels(FIXTURE / "expected.json")
    scores = score(findings, labels, families=FAMILIES)
    print("\n" + format_table(scores))
    for fam in FAMILIES:
        s = scores[fam]
        assert s.labels > 0, fam
        assert s.recall >= 0.98, (fam, s.missed)
        assert s.precision >= 0.98, (fam, [(f.record, f.check, f.excerpt) for f in s.false_alarms])


def test_gold_records_pass() -> None:
    bad = [f for f in _findings("gold.jsonl") if f.severity >= Severity.WARNING]
    assert bad == []
