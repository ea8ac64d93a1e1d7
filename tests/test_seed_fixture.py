"""The regression oracle: precision and recall per family on every fixture case against its
hand labels (DESIGN.md §6), and no warning or error on the hand-corrected gold records.

``overproof-en`` holds no article text: its records are rebuilt from ../shared/corpora
(``benchmarks/heldout/seed_store.py``), and its cases skip when the corpora are absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.heldout import seed_store
from copydesk.engine import check_records
from copydesk.evaluate import format_table, load_labels, score
from copydesk.findings import Severity
from copydesk.testing.corpora import shared_dir

from .conftest import FIXTURES

FLOOR = 0.98
CASES = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))


def _records(case: Path, kind: str) -> list[dict]:
    """The ``naive`` or ``gold`` records of a case (rebuilt from the corpora when the case
    stores no text; skipped when they are absent)."""
    recs = seed_store.records(case, kind)
    if recs is None:
        pytest.skip(f"{case.name} is rebuilt from ../shared/corpora, which is absent")
    return recs


def _findings(case: Path, kind: str):
    _, findings = check_records(_records(case, kind))
    return findings


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_precision_and_recall_per_family(case: Path) -> None:
    labels = load_labels(case / "expected.json")
    scores = score(_findings(case, "naive"), labels, min_severity=Severity.WARNING)
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
        for f in _findings(case, "gold")
        if f.severity >= Severity.WARNING
    ]
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_label_is_exact(case: Path) -> None:
    """The oracle itself: each label's text is the field's text at its span."""
    recs = {r["id"]: r for r in _records(case, "naive")}
    for lab in load_labels(case / "expected.json"):
        text = recs[lab["record"]][lab["field"]]
        assert text[lab["start"] : lab["end"]] == lab["text"], (case.name, lab)


def test_overproof_en_rebuilds_byte_exact_and_stores_no_corpus_text() -> None:
    """``raw.txt``, ``naive.jsonl`` and ``gold.jsonl`` rebuild to the files stored before the
    edit scripts (the loader checks each file's SHA-256, which ``git show <commit>:<file> |
    sha256sum`` of the old files gives), and the scripts write no character of the article
    as is: only the white space of joins and line breaks."""
    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    folder = seed_store.FOLDER
    fixture = seed_store.load(folder)  # raises ValueError on a hash mismatch
    assert fixture is not None and fixture.naive and fixture.gold and fixture.raw
    assert not (folder / "naive.jsonl").exists() and not (folder / "raw.txt").exists()
    data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    scripts = [data["raw"]] + [
        rec[k] for rec in data["naive"] + data["gold"] for k in seed_store.TEXT_FIELDS if k in rec
    ]
    written = "".join(op for ops in scripts for op in ops if isinstance(op, str))
    assert written and written.isspace()
