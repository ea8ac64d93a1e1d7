"""Held-out evaluation, batch 2: a fresh set of articles nobody looked at while tuning.

``fixtures/extracted-b2/`` is built by ``python benchmarks/heldout/make_cases.py --batch 2``
(10 People's Daily 2019 and 4 OverProof articles disjoint from batch 1; same layouts, Chromium
printing, extractors and labelling as ``fixtures/extracted/``). Scored as
``tests/test_heldout.py`` scores batch 1 (its helpers are reused). The checks were tuned on
batch 1, so these figures are the independent ones. Floors sit a little under the figures
measured the first time the checks ran on this batch; they are not targets.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from copydesk.engine import check_records
from copydesk.evaluate import Score, format_table, load_labels, score
from copydesk.findings import Severity

from .conftest import FIXTURES, read_jsonl
from .test_heldout import _extractor, _merge, _total

HELDOUT_B2 = FIXTURES / "extracted-b2"
CASES = sorted(p.parent for p in HELDOUT_B2.glob("*/expected.json"))

# Floors per family over all cases: (recall, precision); first measurement in the comments.
FLOORS: dict[str, tuple[float, float]] = {
    "sentence": (0.975, 0.975),  # measured 0.982 / 0.983
    "encoding": (0.99, 0.99),  # 1.000 / 1.000
    "quote": (0.91, 0.98),  # 0.929 / 0.992
    "layout": (0.99, 0.93),  # 1.000 / 0.946
    "date": (0.99, 0.99),  # 1.000 / 1.000 (7 labels)
    "figure": (0.36, 0.99),  # 0.391 / 1.000 (23 labels; batch 1: 0.905)
}
# Floors per extractor, all families together: (recall, precision).
EXTRACTOR_FLOORS: dict[str, tuple[float, float]] = {
    "sentence": (0.975, 0.975),  # measured 0.982 / 0.983
    "encoding": (0.99, 0.99),  # 1.000 / 1.000
    "quote": (0.91, 0.98),  # 0.929 / 0.992
    "layout": (0.99, 0.93),  # 1.000 / 0.946
    "date": (0.99, 0.99),  # 1.000 / 1.000 (7 labels)
    "figure": (0.36, 0.99),  # 0.391 / 1.000 (23 labels; batch 1: 0.905)
}
# Findings (>= warning) expected on the clean source records, with the reason: (record, check).
# None: all 14 clean sources pass.
SOURCE_ALLOWED: dict[tuple[str, str], str] = {}


def _evaluate() -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    by_family: dict[str, Score] = defaultdict(Score)
    by_extractor: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for case in CASES:
        _, findings = check_records(read_jsonl(case / "naive.jsonl"), jobs=1)
        scores = score(findings, load_labels(case / "expected.json"), min_severity=Severity.WARNING)
        for fam, s in scores.items():
            _merge(by_family[fam], s)
            _merge(by_extractor[_extractor(case)][fam], s)
    return by_family, by_extractor


_RESULT: tuple[dict[str, Score], dict[str, dict[str, Score]]] | None = None


def _result() -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    global _RESULT
    if _RESULT is None:
        _RESULT = _evaluate()
    return _RESULT


def _source_ids(cases: list[Path]) -> set[str]:
    return {read_jsonl(c / "source.jsonl")[0]["id"] for c in cases}


def test_cases_present() -> None:
    assert len(CASES) == 70, f"fixtures/extracted-b2 holds {len(CASES)} cases"
    assert {_extractor(c) for c in CASES} == {
        "pdftotext",
        "pdftotext-layout",
        "pdfminer",
        "pypdf",
        "pymupdf",
    }


def test_disjoint_from_batch_1() -> None:
    """No article of batch 2 is in batch 1, by id or by body text."""
    b1 = sorted(p.parent for p in (FIXTURES / "extracted").glob("*/expected.json"))
    assert not _source_ids(CASES) & _source_ids(b1)
    bodies_b1 = {read_jsonl(c / "source.jsonl")[0]["body"] for c in b1}
    assert not {read_jsonl(c / "source.jsonl")[0]["body"] for c in CASES} & bodies_b1


def test_labels_are_exact() -> None:
    """The oracle itself: each label's text is the field's text at its span."""
    for case in CASES:
        recs = {r["id"]: r for r in read_jsonl(case / "naive.jsonl")}
        for lab in load_labels(case / "expected.json"):
            text = recs[lab["record"]][lab["field"]]
            assert text[lab["start"] : lab["end"]] == lab["text"], (case.name, lab)


def test_heldout_b2_per_family() -> None:
    by_family, by_extractor = _result()
    print("\nheld-out batch 2, all extractors\n" + format_table(by_family))
    for name in sorted(by_extractor):
        t = _total(by_extractor[name])
        print(f"\n{name}: recall {t.recall:.3f} precision {t.precision:.3f}")
        print(format_table(by_extractor[name]))
    problems = []
    for fam, (rec_floor, prec_floor) in FLOORS.items():
        s = by_family.get(fam, Score())
        if s.recall < rec_floor:
            problems.append(f"{fam}: recall {s.recall:.3f} < {rec_floor}")
        if s.precision < prec_floor:
            problems.append(f"{fam}: precision {s.precision:.3f} < {prec_floor}")
    assert not problems, "\n".join(problems)


def test_heldout_b2_per_extractor() -> None:
    _, by_extractor = _result()
    problems = []
    for name, (rec_floor, prec_floor) in EXTRACTOR_FLOORS.items():
        t = _total(by_extractor[name])
        if t.recall < rec_floor:
            problems.append(f"{name}: recall {t.recall:.3f} < {rec_floor}")
        if t.precision < prec_floor:
            problems.append(f"{name}: precision {t.precision:.3f} < {prec_floor}")
    assert not problems, "\n".join(problems)


def test_clean_sources_pass() -> None:
    """The clean text that was typeset yields nothing >= warning, except the listed findings."""
    seen: set[str] = set()
    bad = []
    for case in CASES:
        recs = read_jsonl(case / "source.jsonl")
        if recs[0]["id"] in seen:
            continue
        seen.add(recs[0]["id"])
        _, findings = check_records(recs, jobs=1)
        for f in findings:
            if f.severity >= Severity.WARNING and (f.record, f.check) not in SOURCE_ALLOWED:
                bad.append((f.record, f.check, f.excerpt, f.message))
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)
