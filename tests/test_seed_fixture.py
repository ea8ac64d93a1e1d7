"""The regression oracle: precision and recall per family on every fixture case against its
hand labels (DESIGN.md §6), and no warning or error on the hand-corrected gold records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.engine import check_records
from copydesk.evaluate import format_table, load_labels, score
from copydesk.findings import Severity

from .conftest import FIXTURES, read_jsonl

FLOOR = 0.98
CASES = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))


def _findings(path: Path):
    _, findings = check_records(read_jsonl(path))
    return findings


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_precision_and_recall_per_family(case: Path) -> None:
    labels = load_labels(case / "expected.json")
    scores = score(_findings(case / "naive.jsonl"), labels, min_severity=Severity.WARNING)
    print(f"\n{case.name}\n{format_table(scores)}")
    problems = []
    for fam, s in sorted(scores.items()):
        if s.recall < FLOOR:
            missed = [(m["record"], m["start"], m.get("text", "")[:20]) for m in s.missed[:5]]
            problems.append(f"{fam}: recall {s.recall:.3f} < {FLOOR}; missed e.g. {missed}")
        if s.precision < FLOOR:
            wrong = [(f.record, f.check, f.excerpt) for f in s.false_alarms[:5]]
            problems.append(f"{fam}: precision {s.precision:.3f} < {FLOOR}; e.g. {wrong}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_has_no_warning_or_error(case: Path) -> None:
    bad = [
        (f.record, f.check, f.excerpt, f.message)
        for f in _findings(case / "gold.jsonl")
        if f.severity >= Severity.WARNING
    ]
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_every_label_is_exact() -> None:
    """The oracle itself: each label's text is the field's text at its span."""
    for case in CASES:
        recs = {r["id"]: r for r in read_jsonl(case / "naive.jsonl")}
        for lab in load_labels(case / "expected.json"):
            text = recs[lab["record"]][lab["field"]]
            assert text[lab["start"] : lab["end"]] == lab["text"], (case.name, lab)
