"""Held-out evaluation: precision and recall per family and per extractor on real PDF
extractor output whose clean text is known (labels come from alignment with the clean text,
never from copydesk):

- ``fixtures/extracted/`` (batch 1, 18 articles, ``benchmarks/heldout/make_cases.py``): used to
  find and fix weaknesses, so its figures are no longer independent;
- ``fixtures/extracted-b2/`` (batch 2, 14 other articles, ``make_cases.py --batch 2``): measured
  once before anyone looked at it, but from the same page generator as batch 1;
- ``fixtures/extracted-b3/`` (batch 3, 14 other articles, ``benchmarks/heldout/batch3.py``): a
  different generator (reportlab, narrow columns, boxed one-sentence quotes, other fonts).
  Measured once before issue 10's rule changes. Do not tune on it: the quote family's
  unmarked-box rule (issue 10) was tuned on it, so its quote figures are no longer held out.

All three are stored as edit scripts against ``../shared/corpora`` (``b3_store``: ids,
offsets, labels and hashes, no article text) and rebuilt here; the tests that need the text
skip when the corpora are absent.

The floors sit a little below the first measurements (in the comments), so a regression fails;
they are not targets. ``python benchmarks/heldout/measure.py --batch N`` prints the figures.
No Chromium, reportlab or extractor is needed here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.heldout import b3_store
from benchmarks.heldout.measure import (
    HeldoutCase,
    Result,
    batch_folder,
    load_batch,
    measure,
    total,
)
from copydesk.evaluate import Score, format_table
from copydesk.testing.corpora import shared_dir

EXTRACTORS = {"pdftotext", "pdftotext-layout", "pdfminer", "pypdf", "pymupdf"}
Floors = dict[str, tuple[float, float]]  # name -> (recall, precision)


@dataclass(frozen=True)
class Batch:
    number: int
    cases: int
    floors: Floors  # per family, over all cases
    extractor_floors: Floors  # per extractor, all families together
    # findings (>= warning) allowed on the clean sources: (record, check) -> reason
    source_allowed: tuple[tuple[str, str], ...] = ()
    # recall floors of single labelled checks (any finding of the family counts)
    check_floors: dict[str, float] = field(default_factory=dict)


BATCHES = {
    "batch1": Batch(
        1,
        90,
        {
            "sentence": (0.97, 0.988),  # measured 0.975 / 0.992
            "encoding": (0.99, 0.99),  # 1.000 / 1.000
            "quote": (0.87, 0.99),  # 0.883 / 1.000
            "layout": (0.99, 0.94),  # 1.000 / 0.947
            "date": (0.99, 0.99),  # 1.000 / 1.000
            "figure": (0.89, 0.99),  # 0.905 / 1.000
        },
        {
            "pdfminer": (0.97, 0.985),  # measured 0.987 / 0.995
            "pdftotext": (0.935, 0.984),  # 0.951 / 0.994
            "pdftotext-layout": (0.95, 0.968),  # 0.966 / 0.978
            "pymupdf": (0.963, 0.989),  # 0.978 / 0.999
            "pypdf": (0.98, 0.989),  # 0.996 / 0.999
        },
    ),
    "batch2": Batch(
        2,
        70,
        {
            "sentence": (0.975, 0.975),  # first measurement 0.982 / 0.983
            "encoding": (0.99, 0.99),  # 1.000 / 1.000
            "quote": (0.91, 0.98),  # 0.929 / 0.992
            "layout": (0.99, 0.93),  # 1.000 / 0.946
            "date": (0.99, 0.99),  # 1.000 / 1.000 (7 labels)
            "figure": (0.36, 0.99),  # 0.391 / 1.000 (23 labels; batch 1: 0.905)
        },
        {
            "pdfminer": (0.98, 0.98),  # 0.990 / 0.992 at first; 0.985 since stop 22
            "pdftotext": (0.96, 0.97),  # 0.974 / 0.980
            "pdftotext-layout": (0.96, 0.965),  # 0.972 / 0.975
            "pymupdf": (0.97, 0.98),  # 0.982 / 0.990
            "pypdf": (0.98, 0.985),  # 0.992 / 0.994
        },
    ),
    "batch3": Batch(
        3,
        70,
        {  # first measurement, before issue 10's rule changes (fixtures/extracted-b3/README.md)
            "sentence": (0.875, 0.94),  # 0.882 / 0.950 (7,254 labels)
            "date": (0.70, 0.80),  # 0.711 / 0.821 (142 labels)
            "figure": (0.56, 0.78),  # 0.595 / 0.815 (37 labels)
            "layout": (0.15, 0.80),  # 0.171 / 0.867 (70 labels: the foot folios)
            # 0.172 / 0.882 (87 boxed one-sentence quotes); after issue 10's unmarked-box rule,
            # tuned on this batch: 0.483 / 0.764. By hand, 11 of the 13 findings scored false
            # are on the box itself (its own measure, read first) while the labeller gave the
            # label to the body's copy of the sentence; the other 2 are duplicate-block on the
            # article's paragraph whose copy is a sidebar box (both whole lines).
            "quote": (0.46, 0.74),
        },
        {
            "pdfminer": (0.75, 0.935),  # first measurement 0.758 / 0.945
            "pdftotext": (0.83, 0.945),  # 0.841 / 0.953
            "pdftotext-layout": (0.85, 0.925),  # 0.861 / 0.933
            "pymupdf": (0.94, 0.945),  # 0.951 / 0.952
            "pypdf": (0.94, 0.94),  # 0.952 / 0.950
        },
        check_floors={
            "sentence.stray-space": 0.61,  # first measurement 0.618 (1,914 labels)
            "sentence.line-break": 0.97,  # 0.976 (5,234 labels)
            "quote.pull-quote-in-body": 0.46,  # 0.172 (87 labels); 0.483 after issue 10
        },
    ),
}
PARAMS = pytest.mark.parametrize("batch", sorted(BATCHES))


def _names(batch: str) -> list[str]:
    """Case names (``<article>--<extractor>``), read without the corpora."""
    return [p.parent.name for p in b3_store.case_files(batch_folder(BATCHES[batch].number))]


@cache
def _cases(batch: str) -> list[HeldoutCase]:
    cases = load_batch(BATCHES[batch].number)
    if cases is None:
        pytest.skip("the held-out batches are rebuilt from ../shared/corpora, which is absent")
    return cases


@cache
def _result(batch: str) -> Result:
    return measure(_cases(batch))


def _source_ids(cases: list[HeldoutCase]) -> set[str]:
    return {c.source[0]["id"] for c in cases}


@PARAMS
def test_cases_present(batch: str) -> None:
    names = _names(batch)
    assert len(names) == BATCHES[batch].cases, f"{batch} holds {len(names)} cases"
    assert {n.split("--", 1)[1] for n in names} == EXTRACTORS


def test_batch_2_is_disjoint_from_batch_1() -> None:
    """No article of batch 2 is in batch 1, by id or by body text."""
    b1, b2 = _cases("batch1"), _cases("batch2")
    assert not _source_ids(b2) & _source_ids(b1)
    bodies_b1 = {c.source[0]["body"] for c in b1}
    assert not {c.source[0]["body"] for c in b2} & bodies_b1


def test_batch_3_is_disjoint_from_batches_1_and_2() -> None:
    """By article id (without the corpora) and by body text (with them)."""
    earlier = _cases("batch1") + _cases("batch2")
    b3_ids = {n.split("--", 1)[0] for n in _names("batch3")}
    assert not b3_ids & _source_ids(earlier)
    b3 = _cases("batch3")
    assert _source_ids(b3) == b3_ids
    assert not {c.source[0]["body"] for c in b3} & {c.source[0]["body"] for c in earlier}


@PARAMS
def test_rebuilds_byte_exact_and_stores_no_corpus_text(batch: str) -> None:
    """Every case rebuilds to the extraction that was labelled (SHA-256 of source and
    extraction, checked by the loader), and the text its edit script writes as is holds no
    character of the source: all of the article's text comes from ../shared at run time."""
    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    for path in b3_store.case_files(batch_folder(BATCHES[batch].number)):
        case = b3_store.load_case(path)  # raises ValueError on a hash mismatch
        assert case is not None
        src = b3_store.source_text(case.source)
        data = json.loads(path.read_text(encoding="utf-8"))
        written = "".join(op for op in data["edits"] if isinstance(op, str))
        assert not {ch for ch in written if not ch.isspace()} & set(src), path.parent.name
        assert all("text" not in lab for lab in data["labels"]), "labels must not store text"


_LEGACY_KEYS = ("record", "family", "check", "field", "start", "end", "text", "note")


def _legacy_files(case: b3_store.Case) -> dict[str, str]:
    """The three files batches 1 and 2 stored per case before the edit scripts, rebuilt in
    the format ``make_cases.write_case`` wrote them."""
    rows = ",\n".join(
        json.dumps({k: lab[k] for k in _LEGACY_KEYS}, ensure_ascii=False, separators=(",", ":"))
        for lab in case.labels
    )
    expected = (
        f'{{"case": "{case.name}", "extractor": "{case.extractor}", '
        f'"layout": {json.dumps(case.meta["layout"])},\n'
        f'"stats": {json.dumps(case.meta["stats"], sort_keys=True)},\n'
        f'"labels": [\n{rows}\n]}}\n'
    )
    return {
        "expected.json": expected,
        "naive.jsonl": json.dumps(case.naive, ensure_ascii=False) + "\n",
        "source.jsonl": json.dumps(case.source, ensure_ascii=False) + "\n",
    }


@pytest.mark.parametrize("batch", ["batch1", "batch2"])
def test_batches_1_and_2_rebuild_their_old_files(batch: str) -> None:
    """The edit scripts replaced ``source.jsonl``, ``naive.jsonl`` and ``expected.json``
    (texts included) without changing a byte: each case's ``legacy_sha256`` holds the SHA-256
    of the old files (``git show <commit>:<file> | sha256sum`` before the conversion), and the
    files rebuilt from the corpora and the case match them, labels' text and all."""
    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    paths = b3_store.case_files(batch_folder(BATCHES[batch].number))
    for path in paths:
        case = b3_store.load_case(path)
        assert case is not None
        legacy = json.loads(path.read_text(encoding="utf-8"))["legacy_sha256"]
        rebuilt = {name: b3_store.sha(text) for name, text in _legacy_files(case).items()}
        assert rebuilt == legacy, path.parent.name


_SMALL = st.text(alphabet="ab中文，。 \n\u3000-", max_size=60)


@given(_SMALL, _SMALL)
def test_edit_script_round_trip(text: str, source: str) -> None:
    """Any text is rebuilt exactly from any source, and what the script writes as is holds
    no non-white character of the source (so no corpus text is ever stored)."""
    ops = b3_store.encode(text, source)
    assert b3_store.decode(ops, source) == text
    written = "".join(op for op in ops if isinstance(op, str))
    assert not {ch for ch in written if not ch.isspace()} & set(source)
    assert all(0 <= op[0] < op[1] <= len(source) for op in ops if isinstance(op, list))


@PARAMS
def test_labels_are_exact(batch: str) -> None:
    """The oracle itself: each label's text is the field's text at its span."""
    for case in _cases(batch):
        recs = {r["id"]: r for r in case.naive}
        for lab in case.labels:
            text = recs[lab["record"]][lab["field"]]
            assert 0 <= lab["start"] < lab["end"] <= len(text), (case.name, lab)
            assert text[lab["start"] : lab["end"]] == lab["text"], (case.name, lab)


def _below(floors: Floors, scores: dict[str, Score]) -> list[str]:
    problems = []
    for name, (rec_floor, prec_floor) in floors.items():
        s = scores.get(name)
        assert s is not None and s.labels, f"nothing measured for {name}"
        if s.recall < rec_floor:
            problems.append(f"{name}: recall {s.recall:.3f} < {rec_floor}")
        if s.precision < prec_floor:
            problems.append(f"{name}: precision {s.precision:.3f} < {prec_floor}")
    return problems


@PARAMS
def test_heldout_per_family(batch: str) -> None:
    res = _result(batch)
    print(f"\nheld-out {batch}, all extractors\n" + format_table(res.by_family))
    for name in sorted(res.by_extractor):
        t = total(res.by_extractor[name])
        print(f"\n{name}: recall {t.recall:.3f} precision {t.precision:.3f}")
        print(format_table(res.by_extractor[name]))
    problems = _below(BATCHES[batch].floors, res.by_family)
    assert not problems, "\n".join(problems)


@PARAMS
def test_heldout_per_extractor(batch: str) -> None:
    res = _result(batch)
    totals = {name: total(scores) for name, scores in res.by_extractor.items()}
    assert set(BATCHES[batch].extractor_floors) == EXTRACTORS
    problems = _below(BATCHES[batch].extractor_floors, totals)
    assert not problems, "\n".join(problems)


@PARAMS
def test_heldout_per_check(batch: str) -> None:
    """Recall of single labelled checks (batch 3: stray spaces, wraps, boxed quotes)."""
    res = _result(batch)
    problems = []
    for check, floor in BATCHES[batch].check_floors.items():
        s = res.by_check[check]
        assert s.labels, f"no {check} labels"
        print(f"{batch} {check}: recall {s.found}/{s.labels} = {s.recall:.3f}")
        if s.recall < floor:
            problems.append(f"{check}: recall {s.recall:.3f} < {floor}")
    assert not problems, "\n".join(problems)


@PARAMS
def test_clean_sources_pass(batch: str) -> None:
    """The clean text that was typeset yields nothing >= warning, except the listed findings."""
    allowed = set(BATCHES[batch].source_allowed)
    res = _result(batch)
    bad = [
        (f.record, f.check, f.excerpt, f.message)
        for f in res.clean_findings
        if (f.record, f.check) not in allowed
    ]
    print(f"{batch}: {res.clean_per_10k:.2f} findings >= warning per 10k clean body chars")
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


@PARAMS
def test_side_by_side_columns_only_where_the_text_jumps(batch: str) -> None:
    """``layout.side-by-side-columns`` has no label of its own (the labeller marks the
    gutters and jumps it crosses): each of its findings must cover a ``jump`` label
    (batches 1-3: 16/16, 15/15, 3/3), and it must find some on the ``pdftotext -layout``
    pages of batches 1 and 2."""
    res = _result(batch)
    s = res.apart["layout.side-by-side-columns"]
    assert not s.false_alarms, [(f.record, f.start, f.end) for f in s.false_alarms]
    if batch != "batch3":
        assert s.findings >= 10
