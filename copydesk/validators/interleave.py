"""Columns read in turn: a page's columns written a few lines of each at a time.

``pdfminer.six`` (its default ``boxes_flow``) and plain ``pdftotext`` cut each column of a
page into boxes where its lines leave a vertical gap (a paragraph's space, a box, a rule) and,
where the gaps of neighbouring columns fall at the same height, write the boxes row by row:
three lines of the first column, three of the second, three of the first again, each box
apart by a blank line. Every line inside a box is the column's own, so the text reads
well for a few lines and then, at the blank line, runs on into another column in the middle
of a sentence (``…Senator Henry Cabot Lodge today the four-power`` ⏎⏎ ``conference works
were nullified, by the Senate.``: the Washington Times, 8 March 1922, OverProof dataset 3
set in two columns, held-out batch 1, ``pdftotext``). Joining at those blank lines glues
two columns into fluent-looking nonsense, so ``sentence.line-break`` keeps them, and
``copydesk fix`` joins no line break inside the stretch (a box joined into one line tells no
turn, so its output would pass the gate and a second fix glue the rest).

:func:`column_turns` finds such a text from the line table of its scan
(:class:`~copydesk.validators.scan.Scan`) in one linear pass:

- the **boxes** are the runs of lines between blank lines; a box that opens with a box mark
  (:data:`BOX_MARKS`, ``■``: a copy of the article's lines set apart) is passed over, and
  a running head or a folio is a box of one line, which counts for nothing;
- the lines of the boxes of two lines or more are hard-wrapped column lines: at least
  :data:`MIN_LINES` and half the text's lines (a web page of one-line paragraphs whose
  only boxes are a headline over its byline is none: People's Daily 2019 web text), of
  which :data:`FULL_SHARE` are **full**, at least :data:`FULL` of their full-line width (the
  upper quartile of their widths), itself at least :data:`MIN_WIDTH` half cells (names in
  groups, results in pairs are lists, not columns). Web text, a paragraph a line, has
  lines of every width (none of the extraction benchmark's, L3S's, magic_html's,
  Readability's or Sogou's records passes with a turn to count);
- a **turn** is a blank line after a box of two lines or more whose last line is full and
  closes no sentence (no ``.`` ``。`` ``:`` ``”`` … at its end): the box ends because the
  page's row of boxes ended, not because its paragraph did. A page read down its columns
  has blank lines at paragraph ends (closed lines) and at the foot of a column (one turn
  per column). A box of one line is no evidence: ``pdfminer.six`` sets a blank line after
  every line of some columns it reads in order (People's Daily, 6 January 2019, held-out
  batch 1: 39 of its 41 such blank lines are wraps, judged by hand);
- a text reads its columns in turn where at least :data:`MIN_TURNS` of its blank lines are
  turns, they are at least :data:`TURN_SHARE` of the blank lines after boxes of two lines
  or more, and they come at most :data:`MAX_LINES_PER_TURN` lines apart on average (a
  document read in order whose pages end mid-sentence turns once a page: an 8-page report
  by plain ``pdftotext``, review of stop 22).

Shaped on held-out batches 1 and 2 (five extractors' output of each of their 32 pages:
the 16 pages found are all ``pdfminer`` and ``pdftotext`` output whose labels note a jump in
reading order, each judged by hand in fixtures/columns-in-turn/verdicts.jsonl; no page read
in order has more than 4 turns), with the negatives named above, OverProof's and the BL's
OCR and the People's Daily PDF pages of 2025 read by ``pdftotext`` (none found).

Limits: a page whose boxes hold whole paragraphs (every box ends a sentence) or one line
each (the three such pages of held-out batch 3, and eleven of batches 1-2, found before the
two-line rule and judged true) is not found, nor one whose turns are fewer than
:data:`MIN_TURNS` (a short article in two columns); subtitles in cues of two lines, verse in
stanzas ending in a comma and hard-wrapped e-mail with quoted lines can look alike (the
review's constructions: none in the real-world sets). Data flows one way: this module
knows the scan, no rule.
"""

from __future__ import annotations

from typing import NamedTuple

from copydesk.validators.scan import CLOSED, Scan

#: A full line is at least this share of the text's full-line width.
FULL = 0.85
#: The share of a text's lines (in boxes of two lines or more) that must be full: the text is
#: hard-wrapped.
FULL_SHARE = 0.5
#: The fewest turns that show a text read in turn.
MIN_TURNS = 6
#: The share of the blank lines after boxes of two lines or more that must be turns.
TURN_SHARE = 0.4
#: The fewest lines (in boxes of two lines or more) of a text that is looked at.
MIN_LINES = 12
#: The narrowest full line of a column, in half cells: lines narrower than that are a list
#: (names, results), verse or subtitles; the narrowest page read in turn on the held-out
#: batches has full lines of 26.
MIN_WIDTH = 20
#: The most lines per turn: boxes of a page read in turn are a few lines long (at most about
#: 12 lines a turn on the held-out pages), while a document read in order whose pages end
#: mid-sentence turns once a page (40-60 lines).
MAX_LINES_PER_TURN = 15


class Turns(NamedTuple):
    """A text read in turn: ``text[start:end]`` from the first line of the box before its
    first turn to the last line of the box after its last; ``turns`` of ``blanks`` blank
    lines between prose boxes are turns; ``at``: the offset of each turn (the end of the
    full line before it), sorted."""

    start: int
    end: int
    turns: int
    blanks: int
    at: tuple[int, ...]


def full_width(cells: list[int]) -> int:
    """The width of a full line, in half cells: the upper quartile of the line widths."""
    ordered = sorted(cells)
    return ordered[(len(ordered) - 1) * 3 // 4]


def _blank_after(text: str, sc: Scan, k: int) -> bool:
    """A blank line lies between line ``k`` of ``sc`` and the next (two line breaks)."""
    gap = text[sc.line_ends[k] : sc.line_starts[k + 1]]
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2


def _boxes(text: str, sc: Scan) -> list[tuple[int, int]]:
    """``(first, last)`` line indexes of the runs of lines between blank lines."""
    out: list[tuple[int, int]] = []
    first = 0
    n = len(sc.line_starts)
    for k in range(n):
        if k == n - 1 or _blank_after(text, sc, k):
            out.append((first, k))
            first = k + 1
    return out


#: Marks that open a box copy set apart from the columns (a pull quote, a summary).
BOX_MARKS = "■□◆●"


def _set_apart(text: str, sc: Scan, box: tuple[int, int]) -> bool:
    """The box opens with a box mark (``■ Great Britain of the East…``): a copy of the
    article's lines set apart (``quote.pull-quote-in-body``), no box of a column. Its blank
    line is no turn, and once ``fix`` drops the copy it must not leave a turn fewer."""
    return text[sc.line_starts[box[0]]] in BOX_MARKS


def _turn(sc: Scan, box: tuple[int, int], least: float) -> bool:
    """The blank line after ``box`` is a turn: the box holds two lines or more, its last is
    at least ``least`` wide and closes no sentence."""
    first, last = box
    return last > first and sc.line_cells[last] >= least and not sc.line_flags[last] & CLOSED


def _column_width(sc: Scan, boxes: list[tuple[int, int]]) -> float | None:
    """The width a full line must reach (:data:`FULL` of the full-line width of the lines
    in boxes of two lines or more: a paragraph a line, joined or flowed, says nothing of the
    column), or ``None`` when those lines are too few (under :data:`MIN_LINES`, or under half
    the text's lines: a web page of one-line paragraphs whose only boxes are a headline over
    its byline), too narrow (:data:`MIN_WIDTH`) or not hard-wrapped (under
    :data:`FULL_SHARE` of them full)."""
    cells = [
        sc.line_cells[k] for first, last in boxes if last > first for k in range(first, last + 1)
    ]
    if len(cells) < max(MIN_LINES, len(sc.line_cells) / 2):
        return None  # few lines, or most of them paragraphs of one line (a web page)
    width = full_width(cells)
    if width < MIN_WIDTH:
        return None
    least = FULL * width
    return least if sum(1 for c in cells if c >= least) >= FULL_SHARE * len(cells) else None


def column_turns(text: str, sc: Scan) -> Turns | None:
    """The turns of ``text`` (``sc``: the scan of ``text`` or of its normalised copy, same
    offsets) when it reads its columns in turn, else ``None``."""
    if len(sc.line_starts) < MIN_LINES:
        return None
    boxes = [b for b in _boxes(text, sc) if not _set_apart(text, sc, b)]
    least = _column_width(sc, boxes)
    if least is None:
        return None
    turns = [k for k, b in enumerate(boxes[:-1]) if _turn(sc, b, least)]
    blanks = sum(1 for first, last in boxes[:-1] if last > first)
    if len(turns) < MIN_TURNS or len(turns) < TURN_SHARE * blanks:
        return None
    first_box, last_box = boxes[turns[0]], boxes[turns[-1] + 1]
    if last_box[1] - first_box[0] + 1 > MAX_LINES_PER_TURN * len(turns):
        return None  # turns a page apart: a document read in order, its pages ending mid-sentence
    return Turns(
        sc.line_starts[first_box[0]],
        sc.line_ends[last_box[1]],
        len(turns),
        blanks,
        tuple(sc.line_ends[boxes[k][1]] for k in turns),
    )


__all__ = [
    "BOX_MARKS",
    "FULL",
    "FULL_SHARE",
    "MAX_LINES_PER_TURN",
    "MIN_LINES",
    "MIN_TURNS",
    "MIN_WIDTH",
    "TURN_SHARE",
    "Turns",
    "column_turns",
    "full_width",
]
