"""Recall of sentence.line-break / sentence.word-split on the raw OCR side of OverProof, and of
every wrap check on the British Library snippets' raw OCR.

A break inside a sentence is defined from the corrected side: corrected line *i* does not end
a sentence (``. ! ? :`` and closing marks after them), corrected line *i+1* is not blank, and
the pair is not a heading in capitals followed by another capitals line (a headline deck). The
same break exists after raw line *i* (the lines are aligned); the raw lines of the article,
joined with ``\\n``, are checked as one naive record, and a break is found when a finding of
either check covers the newline after raw line *i*.
"""

from __future__ import annotations

import pytest

from copydesk.testing.corpora import corpus_path, overproof
from copydesk.testing.recall import bl_pairs, continuing_lines, wrap_recall
from copydesk.validators.registry import check_record
from copydesk.validators.text import ends_sentence

pytestmark = pytest.mark.corpus
CHECKS = ["sentence.line-break", "sentence.word-split"]


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def inside_sentence(gold: list[str]) -> list[int]:
    """Indexes *i* whose break to line *i+1* lies inside a sentence (rule above)."""
    out = []
    for i in range(len(gold) - 1):
        line, nxt = gold[i].strip(), gold[i + 1].strip()
        if not line or not nxt or ends_sentence(line) or line.endswith(":"):
            continue
        if _caps(line) and not nxt[0].islower():
            continue
        out.append(i)
    return out


def recall(dataset: str) -> tuple[float, int, int]:
    found = total = 0
    for art in overproof(dataset):
        text = "\n".join(art.raw_lines)
        ends, pos = [], 0
        for line in art.raw_lines:
            pos += len(line)
            ends.append(pos)
            pos += 1
        spans = [
            (f.start, f.end)
            for f in check_record({"id": "x", "body": text, "language": "en"}, select=CHECKS)
        ]
        for i in inside_sentence(art.gold_lines):
            total += 1
            found += any(s <= ends[i] < e for s, e in spans)
    return found / total, found, total


@pytest.mark.parametrize(
    "dataset", ["dataset3_chroniclingamerica", "dataset2_sydney_morning_herald"]
)
def test_line_break_recall_on_raw_ocr(dataset: str) -> None:
    if corpus_path("en", "overproof", f"{dataset}_allArticles.txt") is None:
        pytest.skip("shared/corpora/en/overproof absent")
    r, found, total = recall(dataset)
    print(f"\n{dataset}: recall {r:.3f} ({found}/{total} breaks inside sentences)")
    assert total > 1000
    assert r >= 0.95


def test_inside_sentence_rule() -> None:
    gold = [
        "SENATE TO ACT",
        "ON EXTENSION",
        "Commission act for a seven-month",
        "period in the Senate.",
        "The end",
    ]
    assert inside_sentence(gold) == [2]


def test_wrap_recall_on_british_library_ocr() -> None:
    """The BL snippets: raw OCR and transcription share their line breaks; a transcription
    line ending in ``¬`` or not ending a sentence continues (``copydesk.testing.recall``)."""
    if corpus_path("en", "hipe_ocrepair_bl_snippets") is None:
        pytest.skip("shared/corpora/en/hipe_ocrepair_bl_snippets absent")
    rec = wrap_recall(bl_pairs())
    print(f"\nBritish Library OCR: wrap recall {rec}")
    assert rec.total > 500
    assert rec.value is not None and rec.value >= 0.95


def test_continuing_lines_rule() -> None:
    gold = ["the state¬", "ment was read.", "HEADING", "Another line", "", "Last."]
    assert continuing_lines(gold) == [0]
    assert continuing_lines(["It went on", "and on."]) == [0]
