"""The OCR oracle of ``benchmarks/fix_cer.py`` reads a short line that ends a sentence as a
paragraph end (:func:`fix_cer.paragraph_ends`); these tests hold that reading to its hand
verdicts and to the print's evidence it rests on.

``fixtures/overproof-en/paragraph-ends.jsonl``: 40 of the lines the rule selects in OverProof
d2/d3 (a random sample, seed 7), each judged by what follows it (a new item, a heading, a
dateline, a new speaker), with the reason; the OCR text itself is read from ../shared.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from benchmarks import fix_cer
from copydesk.testing import corpora

ROWS = [
    json.loads(x)
    for x in (Path(__file__).resolve().parents[1] / "fixtures/overproof-en/paragraph-ends.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


def test_paragraph_ends_rule_on_a_made_column() -> None:
    col = [
        "The council met on Monday and passed",
        "the estimates without a division after",
        "a short debate.",
        "The mayor then read a letter from the",
        "minister, who promised that the new",
        "bridge would be begun before winter.",
        "It was resolved to thank him for it.",
        "Short line.",
        "and a lower-case line after a stop.",
    ]
    # line 2 is short and ends a sentence; line 5 ends one but is full; line 7 is short
    # but the next line opens in lower case (a run-in heading's stop, OCR speck)
    assert fix_cer.paragraph_ends(col) == {2}


def test_paragraph_end_verdicts_recompute() -> None:
    """Every judged line is still selected by the rule, and the judged precision (paragraph
    ends among the judged) is at least 0.95."""
    if corpora.corpus_path("en", "overproof") is None:
        pytest.skip("../shared/corpora/en/overproof absent")
    arts = {ds: list(corpora.overproof(ds)) for ds in {r["dataset"] for r in ROWS}}
    true = 0
    for r in ROWS:
        art = arts[r["dataset"]][r["article"]]
        assert art.number == r["number"]
        line = art.raw_lines[r["line"]].strip()
        assert hashlib.sha1(line.encode()).hexdigest()[:12] == r["line_sha1"]
        assert r["line"] in fix_cer.paragraph_ends(art.raw_lines), r
        assert r["reason"].strip()
        true += r["verdict"] == "paragraph end"
    assert len(ROWS) >= 40
    assert true / len(ROWS) >= 0.95


def test_short_lines_are_rare_among_wraps() -> None:
    """The evidence behind :data:`fix_cer.SHORT_LINE`: of the breaks inside a sentence (a
    letter or ``,;`` before, lower case after), at most 2 % follow a line that short."""
    if corpora.corpus_path("en", "overproof") is None:
        pytest.skip("../shared/corpora/en/overproof absent")
    short = wraps = 0
    for art in corpora.overproof():
        full = fix_cer.full_line_width(art.raw_lines)
        if full is None:
            continue
        for a, b in zip(art.raw_lines, art.raw_lines[1:], strict=False):
            if re.search(r"[a-z,;]$", a.strip()) and b.strip()[:1].islower():
                wraps += 1
                short += len(a.strip()) <= fix_cer.SHORT_LINE * full
    assert wraps > 1000
    assert short / wraps <= 0.02
