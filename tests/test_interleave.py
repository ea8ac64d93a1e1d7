"""``layout.columns-in-turn``: a page's columns read a few lines of each at a time
(:mod:`copydesk.validators.interleave`), and ``sentence.line-break`` keeping its turns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copydesk.fix import fix_record
from copydesk.validators.analysis import analyse
from copydesk.validators.interleave import MIN_TURNS, column_turns
from copydesk.validators.registry import check_record

CHECK = "layout.columns-in-turn"
ROOT = Path(__file__).resolve().parents[1]
VERDICTS = ROOT / "fixtures" / "columns-in-turn" / "verdicts.jsonl"


def _found(body: str, check: str = CHECK) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in check_record({"id": "x", "body": body}, select=[check])]


#: Lines of a column 30 characters wide: each full, none ending a sentence.
_OPEN = [f"the council met on day {k:02d} and" for k in range(60)]


def _in_turn(turns: int) -> str:
    """Boxes of three full lines that end no sentence, apart by blank lines: ``turns`` turns,
    then a box that closes the text."""
    boxes = ["\n".join(_OPEN[3 * k : 3 * k + 3]) for k in range(turns + 1)]
    return "\n\n".join(boxes) + " so it ended."


def test_turns_from_min_turns_up() -> None:
    """The rule counts its turns: one fewer than ``MIN_TURNS`` is a column's foot or two."""
    assert _found(_in_turn(MIN_TURNS - 1)) == []
    body = _in_turn(MIN_TURNS)
    assert _found(body) == [(0, len(body))]
    turns = column_turns(body, analyse(body).scan)
    assert turns is not None and turns.turns == MIN_TURNS == turns.blanks


def test_paragraphs_apart_by_blank_lines_are_read_in_order() -> None:
    """A column whose blank lines fall at paragraph ends (a closed line before each): no turn."""
    ended = "and so the day ended at last."
    paras = ["\n".join([*_OPEN[3 * k : 3 * k + 2], ended]) for k in range(9)]
    assert _found("\n\n".join(paras)) == []


def test_web_text_one_paragraph_a_line_is_no_column() -> None:
    """Flowed text (a paragraph a line, menus and link labels between): lines of every width,
    so no full line to turn at, however many blank lines fall after an open line."""
    lines = []
    for k in range(12):
        lines.append("Home News Sport Weather" if k % 2 else "Read more about the council")
        lines.append(f"The council met on day {k} and agreed a budget. " * (k % 3 + 1))
    assert _found("\n\n".join(lines)) == []


def test_a_short_line_before_a_blank_is_no_turn() -> None:
    """A box ending in a line well short of the full lines ends a paragraph (or a heading)."""
    boxes = ["\n".join([*_OPEN[3 * k : 3 * k + 2], "and then"]) for k in range(10)]
    assert _found("\n\n".join(boxes)) == []


def test_running_heads_between_boxes_are_passed_over() -> None:
    """A box of page furniture alone (a running head) is no box: its blank lines count for
    nothing, so a page read in order with a running head per column is no page read in turn."""
    head = "THE CAIRO DAILY (ILLINOIS), MONDAY, SEPTEMBER 4, 1871. PAGE 1"
    first, second = "\n".join(_OPEN[:12]), "\n".join(_OPEN[12:24])
    page = "\n\n".join([head, first + " so it ended.", head, second + " and so it ended."])
    assert _found(page) == []


def test_line_break_keeps_the_turns_and_fix_keeps_every_break() -> None:
    """``sentence.line-break`` judges no break at a turn a wrap (the wraps inside the boxes
    stay wraps); ``fix`` joins no line of a body read in turn (once a box's wraps are
    joined, one line a box, the turns could no longer be told from the text: no check would
    report the body, and a second fix would glue the boxes), so its output is still reported
    and fixing it again changes nothing."""
    body = _in_turn(MIN_TURNS + 2)
    turns = column_turns(body, analyse(body).scan)
    assert turns is not None
    breaks = check_record({"id": "x", "body": body}, select=["sentence.line-break"])
    assert breaks and not {f.start for f in breaks} & set(turns.at)
    record = {"id": "x", "body": body.replace("met", "m\x01et", 1)}  # other repairs apply
    fixed, edits = fix_record(record)
    assert [(e.check, e.before) for e in edits] == [("encoding.control-char", "\x01")]
    assert fixed["body"].count("\n") == body.count("\n")
    assert _found(fixed["body"]) == [(0, len(fixed["body"]))]
    assert fix_record(fixed) == (fixed, [])


# -- real pages: held-out batches 1-3 (../shared) ------------------------------------------
def _cases() -> list[tuple[str, Any]]:
    from benchmarks import fix_cer

    return [
        (batch, c)
        for batch in ("extracted", "extracted-b2", "extracted-b3")
        for c in fix_cer._cases([batch])
    ]


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, Any]]:
    from copydesk.testing.corpora import shared_dir

    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    pytest.importorskip("rapidfuzz")
    return _cases()


def _jumps(case: Any) -> bool:
    return any("jump" in (lab.get("note") or "") for lab in case.labels)


def test_found_only_where_the_labels_note_a_jump(cases: list[tuple[str, Any]]) -> None:
    """On the held-out pages, every page found is one whose labels note a jump in reading
    order; of the ``pdfminer`` and ``pdftotext`` pages of batches 1-2 with a jump, 17 of 41
    are found (the rest: boxes of one line, words scattered, columns joined line by line)."""
    found = {(b, c.naive["id"], c.extractor): c for b, c in cases if _found(c.naive["body"])}
    assert [k for k, c in found.items() if not _jumps(c)] == []
    jumps = [
        (b, c.naive["id"], c.extractor)
        for b, c in cases
        if b != "extracted-b3" and c.extractor in ("pdfminer", "pdftotext") and _jumps(c)
    ]
    assert len(jumps) == 41 and len(set(jumps) & set(found)) >= 15


def test_the_washington_times_in_two_columns(cases: list[tuple[str, Any]]) -> None:
    """``pdftotext`` of the Washington Times of 8 March 1922 set in two columns: the turns
    are kept, not joined; the typeset text's next sentence after ``…the four-power`` is
    ``Pacific treaty…``, which the body has two boxes later."""
    case = next(
        c for b, c in cases if c.naive["id"] == "overproof-d3-6-1922" and c.extractor == "pdftotext"
    )
    body = case.naive["body"]
    assert len(_found(body)) == 1
    cut = body.index("four-power\n\nconference works")
    fixed, _ = fix_record(case.naive)
    assert "four-power\n\nconference" in fixed["body"]
    assert "four-power conference" not in fixed["body"]
    assert cut > 0 and len(_found(fixed["body"])) == 1


def test_no_finding_on_real_world_text() -> None:
    """None of the real-world sources (web extraction, OCR, PDF text layers read in order)
    reads columns in turn."""
    from copydesk.testing.corpora import SOURCES, real_world, shared_dir

    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    seen = 0
    for source in SOURCES:
        for rec in real_world(source):
            seen += 1
            assert _found(str(rec.get("body") or "")) == [], (source, rec.get("id"))
    assert seen > 2000


def test_hand_verdicts_cover_every_finding_and_hold_precision(
    cases: list[tuple[str, Any]],
) -> None:
    """fixtures/columns-in-turn/verdicts.jsonl: a verdict, with its reason, for every finding
    on the held-out pages; precision recomputed from them."""
    rows = [json.loads(x) for x in VERDICTS.read_text(encoding="utf-8").splitlines() if x]
    verdicts = {(r["batch"], r["id"], r["extractor"]): r for r in rows}
    assert all(r["reason"].strip() for r in rows)
    found = []
    for batch, c in cases:
        for start, end in _found(c.naive["body"]):
            found.append(((batch, c.naive["id"], c.extractor), start, end))
    assert [k for k, _, _ in found if k not in verdicts] == []
    judged = [verdicts[k]["verdict"] for k, _, _ in found]
    true, false = judged.count("true"), judged.count("false")
    assert true + false >= 0.9 * len(judged)
    assert true / (true + false) >= 0.9
