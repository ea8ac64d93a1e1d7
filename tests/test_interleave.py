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


def test_boxes_of_one_line_are_no_evidence() -> None:
    """pdfminer.six sets a blank line after every line of some columns it reads in order:
    every full open line then ends a box, but a box of one line says nothing of turns."""
    ended = "and so the day ended at its end."
    closed = ["\n".join([*_OPEN[3 * k : 3 * k + 2], ended]) for k in range(10)]
    lines = _OPEN[30:50]
    assert _found("\n\n".join([*closed, *lines]) + " so it ended.") == []


def test_a_box_copy_set_apart_is_no_box_of_a_column() -> None:
    """A box opening with ``■`` is a copy of the article's lines set apart: its blank line is
    no turn (once ``fix`` drops the copy, the body must not hold a turn fewer)."""
    body = _in_turn(MIN_TURNS)
    assert _found(body)
    copy = "\n".join("■ " + line for line in _OPEN[40:42])
    boxes = body.split("\n\n")
    fewer = "\n\n".join([*boxes[:2], copy, *boxes[3:]])  # a box of the columns made a copy
    assert _found(fewer) == []


def test_a_list_of_short_lines_is_no_column() -> None:
    """Names in groups, results in pairs: lines narrower than ``MIN_WIDTH`` half cells."""
    names = [f"Candidate number {k:02d}" for k in range(36)]  # 19 half cells
    groups = ["\n".join(names[3 * k : 3 * k + 3]) for k in range(12)]
    assert _found("\n\n".join(groups)) == []


def test_pages_read_in_order_that_end_mid_sentence_are_no_turns() -> None:
    """A report of 8 pages as plain ``pdftotext`` writes it (running head, 44 lines, folio,
    form feed): each page ends mid-sentence on a full line, a turn every 47 lines, not a few
    (review of stop 22: 0 of its 158 wraps were joined)."""
    sentence = "The council met on Tuesday to review the budget and agreed to delay the vote,"
    lines = [f"{sentence} {k:03d}" for k in range(400)]
    pages = [
        f"Annual Report of the City Council 2024\n\n{chr(10).join(lines[44 * n : 44 * n + 44])}"
        f"\n\n{n + 1}\n\f"
        for n in range(8)
    ]
    body = "".join(pages)
    assert _found(body) == []


def test_only_the_stretch_read_in_turn_keeps_its_breaks() -> None:
    """A body read in order for most of its length, then a stretch read in turn: the
    finding spans the stretch, and ``fix`` joins the wraps of the part read in order."""
    para = "\n".join(_OPEN[40:44]) + " so it ended."
    paras = [para] * 6
    body = "\n\n".join([*paras, _in_turn(MIN_TURNS)])
    start = body.index(_OPEN[0])
    assert _found(body) == [(start, len(body))]
    fixed, edits = fix_record({"id": "x", "body": body})
    joins = [e for e in edits if e.check == "sentence.line-break"]
    assert joins and all(e.end <= start for e in joins)
    assert fixed["body"].endswith(_in_turn(MIN_TURNS))
    assert fix_record(fixed) == (fixed, [])


@pytest.mark.parametrize("tail", ["\u3000", "\u2003", " \u2009"])
def test_a_turn_after_a_line_ending_in_white_space_is_kept(tail: str) -> None:
    """The turn is where the scan's line ends (horizontal space stripped); a line ending in
    another white space (pdfminer writes U+2003 in People's Daily pages) still turns."""
    body = _in_turn(MIN_TURNS + 2).replace("and\n\n", f"and{tail}\n\n")
    turns = column_turns(body, analyse(body).scan)
    assert turns is not None
    breaks = check_record({"id": "x", "body": body}, select=["sentence.line-break"])
    assert not [f for f in breaks if body.count("\n", f.start, f.end) >= 2]


def test_a_hyphen_at_a_turn_is_not_joined() -> None:
    """``in his eighty-`` ⏎⏎ ``the art of design`` (overproof-d3-9-1872 by pdfminer and
    pdftotext): the hyphen at a turn is no word split, and ``fix`` does not close it up."""
    body = _in_turn(MIN_TURNS + 2).replace("day 08 and\n\n", "day 08 inter-\n\n")
    assert _found(body)
    found = check_record({"id": "x", "body": body}, select=["sentence.word-split"])
    assert found == []
    fixed, _ = fix_record({"id": "x", "body": body})
    assert "inter-\n\nthe" in fixed["body"]


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
    order; of the ``pdfminer`` and ``pdftotext`` pages of batches 1-2 with a jump, 16 of 41
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
    on the held-out pages, judged on a span that overlaps the one found now (a page whose
    finding moved off what was judged must be judged again); precision recomputed."""
    rows = [json.loads(x) for x in VERDICTS.read_text(encoding="utf-8").splitlines() if x]
    verdicts = {(r["batch"], r["id"], r["extractor"]): r for r in rows}
    assert all(r["reason"].strip() for r in rows)
    found = []
    for batch, c in cases:
        for start, end in _found(c.naive["body"]):
            found.append(((batch, c.naive["id"], c.extractor), start, end))
    assert [k for k, _, _ in found if k not in verdicts] == []
    moved = [k for k, s, e in found if not (verdicts[k]["start"] < e and s < verdicts[k]["end"])]
    assert moved == []
    judged = [verdicts[k]["verdict"] for k, _, _ in found]
    true, false = judged.count("true"), judged.count("false")
    assert true + false >= 0.9 * len(judged)
    assert true / (true + false) >= 0.9
