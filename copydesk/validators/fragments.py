"""Fragmented text: stretches of a printed page read across its columns, not down them.

A PDF extractor or an OCR engine that misreads a page's reading order (``pdftotext`` on a
newspaper page of classified ads and cards, a legacy OCR layer) does not cut a column into
lines: it reads across the page, one short piece of each column at a time, so the lines are
fragments (``I``, ``Bid.;``, ``A Main 385; res. W. 2861.``, ``AT 12 O'CLOCK NOON.``) and two
neighbouring lines often hold different items. A newline there is no wrap of a sentence, and
the stretch itself is the defect (``layout.fragmented``).

:func:`fragmented_regions` finds those stretches from the line table of the text's scan
(:class:`~copydesk.validators.scan.Scan`), in one linear pass:

- the text comes from a printed page: at least :data:`MIN_HYPHENS` lines end in a word
  hyphenated across a wrap (``chief engi-``, ``oblig- -``): web text has none to speak of,
  so its menus and link-cut lines, as short (runs of such windows in 45 L3S, 291
  html-text and 13 magic_html en stretches), never count; nor do CJK tables
  (rmrb2025's one run);
- a **fragment** is a line at most :data:`FRAGMENT_CELLS` half cells wide (12 Latin
  characters, 6 ideographs); a stretch is fragmented where at least :data:`SHARE` of the
  lines of the window of ``2 * WINDOW + 1`` lines around a line are fragments: a column,
  however narrow, has full lines (no run of 12 such lines in OverProof's raw OCR columns,
  whose densest window is 64 % fragments, a list set in a column; BL OCR 18 %, bha19 14 %,
  the BMJ page 14 %), while a page read across its columns has them by the dozen (the
  1901 Honolulu page: 69 % of its 1,248 lines, windows up to 100 %);
- a region is a run of at least :data:`MIN_LINES` such lines (merged when fewer than
  ``WINDOW`` lines apart) whose longer lines do not form a column (:func:`forms_column`):
  PyMuPDF cuts a justified column into a word a line (held-out batch 3, OverProof pages),
  short lines too, but read in order, and its remaining lines share the column's width
  (83-87 % of them within 10 %, against at most 50 % in the 1901 page's stretches).
- and whose fragments show the interleaving (:func:`interleaved`): one ends in a
  hyphenated wrap, or :data:`PIECE_SHARE` of them are pieces of a sentence (open in lower
  case, or end in ``,`` ``;`` ``-``): a list set in one column (passengers, results,
  prices: review 19) is whole, capitalised items (0 such pieces), while the 1901 page's
  five regions hold 0.28-0.61 of them.

:func:`region_fragments` lists the fragments inside the regions: ``sentence.line-break``
does not judge a break beside one that closes no sentence as a wrap (its neighbour may
belong to another column); a short line closing a sentence (``hour.``) is the last line of
a paragraph, and a break between two full lines is judged as usual, so the column
stretches inside such a page (an auction notice set in one column) keep their wraps.
Shaped on the 1901 page (olmocr-newspaper, a development source since) against the
negatives named above. Data flows one way: this module knows the scan, no rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from copydesk.validators.scan import Scan

#: A fragment is at most this wide, in half cells (a Latin letter 1, an ideograph 2).
FRAGMENT_CELLS = 12
#: The window around a line: this many lines either side.
WINDOW = 10
#: The share of fragments in the window that makes the line part of a fragmented stretch.
SHARE = 0.5
#: The fewest lines of a region.
MIN_LINES = 12
#: The fewest lines ending in a word hyphenated across a wrap (sign of a printed page).
MIN_HYPHENS = 3
#: The share of a stretch's longer lines (wider than a fragment) within 10 % of their most
#: common width at which they form a column: the stretch is one column whose lines were
#: cut into words (PyMuPDF on a justified column), not a page read across its columns.
COLUMN_SHARE = 0.6
#: The fewest longer lines that can form a column.
COLUMN_LINES = 5
#: The share of a region's fragments that must be pieces of a sentence (opening in lower
#: case, or ending in ``,`` ``;`` or mid-word ``-``) when none ends in a hyphenated wrap:
#: the sign that neighbouring lines belong to different columns (the 1901 page's regions:
#: 0.28-0.61); a list set in one column (names, results, prices) is whole items (0).
PIECE_SHARE = 0.2

#: A line ending in a word hyphenated across a wrap (``engi-``, ``oblig- -``, ``thou- -``).
_HYPHEN_END = re.compile(r"[a-z]-(?: -)?$")


class Region(NamedTuple):
    """A fragmented stretch: ``text[start:end]``, from its first line's start to its last
    line's end; ``lines`` non-blank lines, ``fragments`` of them fragments."""

    start: int
    end: int
    lines: int
    fragments: int


def printed(text: str, sc: Scan, least: int = MIN_HYPHENS) -> bool:
    """At least ``least`` lines of ``text`` end in a word hyphenated across a wrap."""
    found = 0
    for end in sc.line_ends:
        if text[end - 1 : end] == "-" and _HYPHEN_END.search(text, max(0, end - 4), end):
            found += 1
            if found >= least:
                return True
    return False


def _fragmented_lines(cells: tuple[int, ...]) -> list[bool]:
    """For every line, whether :data:`SHARE` of its window's lines are fragments (a running
    count over the window: linear)."""
    n = len(cells)
    frag = [c <= FRAGMENT_CELLS for c in cells]
    prefix = [0]
    for f in frag:
        prefix.append(prefix[-1] + f)
    out = []
    for i in range(n):
        a, b = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        out.append(prefix[b] - prefix[a] >= SHARE * (b - a))
    return out


def _runs(marks: list[bool], cells: tuple[int, ...]) -> list[tuple[int, int]]:
    """``(first, last + 1)`` of the runs of marked lines, merged when fewer than
    :data:`WINDOW` lines apart, trimmed to their first and last fragment (a window reaches
    past the stretch: the full lines of the article above are not in it), kept when
    :data:`MIN_LINES` long or longer."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(marks)
    while i < n:
        if not marks[i]:
            i += 1
            continue
        j = i
        while j < n and marks[j]:
            j += 1
        if runs and i - runs[-1][1] < WINDOW:
            runs[-1] = (runs[-1][0], j)
        else:
            runs.append((i, j))
        i = j
    out = []
    for a, b in runs:
        while a < b and cells[a] > FRAGMENT_CELLS:
            a += 1
        while b > a and cells[b - 1] > FRAGMENT_CELLS:
            b -= 1
        if b - a >= MIN_LINES:
            out.append((a, b))
    return out


def forms_column(cells: tuple[int, ...] | list[int]) -> bool:
    """At least :data:`COLUMN_LINES` of the lines (widths ``cells``) are wider than a
    fragment and :data:`COLUMN_SHARE` of those lie in one band of widths ``[w, 1.2 w]``
    (about 10 % either side of its middle):
    full lines of one column (the words between them are one justified line cut up)."""
    wide = sorted(c for c in cells if c > FRAGMENT_CELLS)
    if len(wide) < COLUMN_LINES:
        return False
    best = 0
    lo = 0
    for hi, w in enumerate(wide):  # the most lines in a band [w, w * 1.2]: +-10 % of its middle
        while wide[lo] * 1.2 < w:
            lo += 1
        best = max(best, hi - lo + 1)
    return best >= COLUMN_SHARE * len(wide)


def interleaved(text: str, sc: Scan, first: int, last: int) -> bool:
    """The fragments among lines ``first`` to ``last - 1`` of ``sc`` show that neighbouring
    lines belong to different columns: one ends in a word hyphenated across a wrap
    (``engi-``, ``thou-``), or :data:`PIECE_SHARE` of them are pieces of a sentence (open in
    lower case, or end in ``,`` ``;`` ``-``). A list set in one column (``Mr. J. Smith`` ⏎
    ``Mrs. Smith`` ⏎ ``Miss Brown`` …, review 19) is whole items: capitalised, each closed."""
    frags = pieces = 0
    for k in range(first, last):
        if sc.line_cells[k] > FRAGMENT_CELLS:
            continue
        line = text[sc.line_starts[k] : sc.line_ends[k]]
        if _HYPHEN_END.search(line):
            return True
        frags += 1
        pieces += line[:1].islower() or line[-1:] in (",", ";", "-")
    return pieces >= PIECE_SHARE * frags > 0


def fragmented_regions(text: str, sc: Scan) -> tuple[Region, ...]:
    """The fragmented stretches of ``text`` (``sc``: the scan of ``text`` or of its
    normalised copy, same offsets); ``()`` unless the text is :func:`printed`. A stretch
    whose longer lines :func:`forms_column`, or whose fragments are not :func:`interleaved`
    (a list set in one column), is left out."""
    if len(sc.line_cells) < MIN_LINES or not printed(text, sc):
        return ()
    cells = sc.line_cells
    out = []
    for a, b in _runs(_fragmented_lines(cells), cells):
        if forms_column(cells[a:b]) or not interleaved(text, sc, a, b):
            continue
        frags = sum(1 for c in cells[a:b] if c <= FRAGMENT_CELLS)
        out.append(Region(sc.line_starts[a], sc.line_ends[b - 1], b - a, frags))
    return tuple(out)


class Fragments(NamedTuple):
    """The fragments of a text's regions (:func:`region_fragments`): line spans, sorted,
    as two parallel tuples."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def holds(self, pos: int) -> bool:
        """``pos`` lies in one of the fragments (its end included)."""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos <= self.ends[k]


def region_fragments(sc: Scan, regions: tuple[Region, ...]) -> Fragments:
    """The lines inside ``regions`` that are fragments (at most :data:`FRAGMENT_CELLS`)."""
    starts: list[int] = []
    ends: list[int] = []
    k = 0
    for s, e, c in zip(sc.line_starts, sc.line_ends, sc.line_cells, strict=True):
        while k < len(regions) and regions[k].end < s:
            k += 1
        if k == len(regions):
            break
        if regions[k].start <= s and c <= FRAGMENT_CELLS:
            starts.append(s)
            ends.append(e)
    return Fragments(tuple(starts), tuple(ends))


__all__ = [
    "COLUMN_LINES",
    "COLUMN_SHARE",
    "FRAGMENT_CELLS",
    "MIN_HYPHENS",
    "MIN_LINES",
    "PIECE_SHARE",
    "SHARE",
    "WINDOW",
    "Fragments",
    "Region",
    "forms_column",
    "fragmented_regions",
    "interleaved",
    "printed",
    "region_fragments",
]
