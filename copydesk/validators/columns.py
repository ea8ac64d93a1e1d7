"""Side-by-side columns: a page's columns written beside each other on one line.

``pdftotext -layout`` (and any extractor that keeps the page's geometry as spaces) writes a
page of two or more columns line by line across the page: each line holds a line of every
column, separated by a *gutter*, a run of white space at about the same position on every
line of the block (``Japanese may in many senses be          Japanese are now becoming
meat-        evident however that the old``). Every line then mixes sentences of several
columns; no line break inside it is a wrap.

:func:`column_blocks` finds those blocks in one pass over the lines (linear: a line wider
than :data:`MAX_WIDTH` code points ends every block, and each line is compared with the
gutters open above it, never with other lines):

- a line's **segments** are its runs of text separated by :data:`MIN_GAP` (3) or more white
  characters (one or two spaces are inside a segment: words of one line of a column, a
  justified line's wider spaces); the white between two segments is an **inner gap**
  (every gutter line of the held-out batches 1-2 and of the BMJ page of olmOCR-bench is 3
  wide or more; at 2, prose with two spaces between all words aligns by chance);
- a **gutter** opens at an inner gap of a line and runs down while every next line is white
  there: the gutter is narrowed to the part that stays white; a line whose white stretch
  beside the gutter misses it by at most :data:`SHIFT` positions moves it there (CJK text:
  ``pdftotext -layout`` writes one code point per glyph on a grid of Latin widths, so the
  gutter of a page of ideographs wanders by a position or two from line to line); a blank
  line, a line too wide or a line with text across the gutter closes it;
- a closed gutter that had text on both sides on :data:`MIN_ROWS` (8) lines or more makes
  a block; another gutter over :data:`MIN_ROWS` of its lines with text on both sides on
  :data:`SIDE_ROWS` (4) of them (three or four columns: the last column may end early)
  cuts the block too when every column stays prose (at most :data:`MAX_SIDE` tried, the
  most rows first), and the block is their common lines;
- the block is kept when every column reads as lines of prose (:func:`prose_column`): the
  median cell of :data:`MIN_CELLS` (16) half cells or more and letters (Latin or CJK) for
  :data:`LETTER_SHARE` (60 %) or more of its non-white characters. A table laid out with
  spaces (a price list, a figure's table, a list of names and places) has short cells or
  figures: it is no block.

:func:`read_columns` writes a block column by column: the first column's lines, then the
next column's, each cell with the white space at its ends taken off (the column's common
indent too; a paragraph's indent stays); an empty cell is no line (the other column's
line pitch, a caption beside it: a blank line there would read as a paragraph's end).
Every non-white character is kept, in each column in the order it had. Shaped on held-out
batches 1 and 2 (``pdftotext -layout`` of pages of 2-4 columns), measured on batch 3. Data
flows one way: this module knows text, no rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice, pairwise
from statistics import median
from typing import Any

from copydesk.patterns import lazy_compile
from copydesk.validators.profile import profile_of
from copydesk.validators.text import CJK, CJK_PUNCT, display_width, is_cjk, is_cjk_punct

#: Segments are separated by this many white characters or more.
MIN_GAP = 3
#: A gutter with text on both sides on fewer lines than this makes no block.
MIN_ROWS = 8
#: A second gutter of a block (three columns or more) has text on both sides on this many.
SIDE_ROWS = 4
#: At most this many more gutters are tried for a block (the most rows first).
MAX_SIDE = 6
#: A line wider than this (code points) is no line of columns: it closes every gutter.
MAX_WIDTH = 400
#: A line's white stretch that misses a gutter by at most this many positions moves it.
SHIFT = 2
#: A column's median cell is at least this wide (half cells: a Latin letter 1, CJK 2).
MIN_CELLS = 16
#: Letters are at least this share of a column's non-white characters.
LETTER_SHARE = 0.6

_SEGMENT = re.compile(rf"[^\s]+(?:[ \t\u3000]{{1,{MIN_GAP - 1}}}[^\s]+)*")


@dataclass(slots=True)
class Block:
    """Lines ``first..last`` (indices) of a text, columns cut at ``cuts[i]`` on line ``i``."""

    first: int
    last: int
    #: per line of the block, the cut positions (one per gutter, increasing)
    cuts: list[list[int]]
    #: offsets of the block in the text: from its first line's start to its last line's end
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class _Gutter:
    lo: int
    hi: int
    first: int
    rows: int = 0
    #: where the gutter opened: it never moves more than SHIFT outside it
    home: int = 0
    home_end: int = 0
    #: line index -> cut position on that line
    cuts: dict[int, int] = field(default_factory=dict)


def _segments(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SEGMENT.finditer(line)]


def _free(segs: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The white stretches of a line: (lo, hi, inner); the last one runs on for ever."""
    out: list[tuple[int, int, bool]] = []
    prev = 0
    for n, (s, e) in enumerate(segs):
        if s > prev or n == 0:
            out.append((prev, s, n > 0))
        prev = e
    out.append((prev, MAX_WIDTH * 4, False))
    return out


def _follow(g: _Gutter, free: list[tuple[int, int, bool]], i: int) -> bool:
    """Run gutter ``g`` down to line ``i``; False when the line closes it. Of the line's
    white stretches the one that overlaps the gutter most narrows it (a justified line's
    wide word space may touch it too)."""
    best: tuple[int, int, int, bool] | None = None
    near: tuple[int, int, bool] | None = None
    for lo, hi, inner in free:
        overlap = min(hi, g.hi) - max(lo, g.lo)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, lo, hi, inner)
        elif near is None and g.lo - SHIFT < hi and lo < g.hi + SHIFT:
            near = (lo, hi, inner)
    if best is not None:
        _, lo, hi, inner = best
        g.lo, g.hi = max(lo, g.lo), min(hi, g.hi)
        return _row(g, i, inner)
    if near is None:
        return False
    lo, hi, inner = near
    # misses by at most SHIFT: the gutter moves to this line's white, near where it opened
    lo, hi = (lo, min(hi, lo + 1)) if lo >= g.hi else (hi - 1, hi)
    if lo < g.home - SHIFT or lo > g.home_end + SHIFT:
        return False
    g.lo, g.hi = lo, hi
    return _row(g, i, inner)


def _row(g: _Gutter, i: int, inner: bool) -> bool:
    g.rows += inner
    g.cuts[i] = g.lo
    return True


def _open_gutters(
    lines: list[str],
) -> list[_Gutter]:
    """Every gutter that closed having text on both sides on ``SIDE_ROWS`` lines or more."""
    done: list[_Gutter] = []
    active: list[_Gutter] = []
    for i, line in enumerate(lines):
        segs = _segments(line) if len(line) <= MAX_WIDTH else []
        if not segs:
            done.extend(g for g in active if g.rows >= SIDE_ROWS)
            active = []
            continue
        free = _free(segs)
        still: list[_Gutter] = []
        for g in active:
            if _follow(g, free, i):
                still.append(g)
            elif g.rows >= SIDE_ROWS:
                done.append(g)
        for lo, hi, inner in free:
            if inner and hi - lo >= MIN_GAP and not any(g.lo < hi and lo < g.hi for g in still):
                still.append(_Gutter(lo, hi, i, 1, lo, hi, {i: lo}))
        still.sort(key=lambda g: g.lo)
        active = _disjoint(still)
    done.extend(g for g in active if g.rows >= SIDE_ROWS)
    return done


def _disjoint(gutters: list[_Gutter]) -> list[_Gutter]:
    """Gutters that moved onto one another: the older one stays."""
    out: list[_Gutter] = []
    for g in gutters:
        if out and out[-1].hi > g.lo:
            if g.first < out[-1].first:
                out[-1] = g
            continue
        out.append(g)
    return out


def _blocks_of(gutters: list[_Gutter]) -> list[tuple[int, int, list[_Gutter]]]:
    """Main gutters (text on both sides on ``MIN_ROWS`` lines) and their lines: (first,
    last, [gutter]), in text order; a main gutter inside an earlier one's lines is none."""
    out: list[tuple[int, int, list[_Gutter]]] = []
    for m in sorted((g for g in gutters if g.rows >= MIN_ROWS), key=lambda g: g.first):
        if not out or m.first > out[-1][1]:
            out.append((m.first, max(m.cuts), [m]))
    return out


def _side_gutters(
    gutters: list[_Gutter], firsts: list[int], first: int, last: int, main: _Gutter
) -> list[tuple[int, int, _Gutter]]:
    """Gutters over ``MIN_ROWS`` or more of a block's lines, besides its main one: (first,
    last, gutter) of their common lines, the most rows first (at most ``MAX_SIDE``). Only
    gutters opening from ``MIN_ROWS`` lines above the block to its end are looked at
    (``gutters`` sorted by their first line, ``firsts`` those lines): linear over blocks."""
    out = []
    for g in gutters[bisect_left(firsts, first - MIN_ROWS) : bisect_right(firsts, last)]:
        lo, hi = max(first, g.first), min(last, max(g.cuts))
        if g is not main and hi - lo + 1 >= MIN_ROWS:
            out.append((lo, hi, g))
    out.sort(key=lambda t: -t[2].rows)
    return out[:MAX_SIDE]


def _cells(line: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, max(len(line), cuts[-1] if cuts else 0)]
    return [line[a:b] for a, b in pairwise(bounds)]


def _width(s: str) -> int:
    return sum(2 if is_cjk(c) else 1 for c in s)


def prose_column(cells: list[str]) -> bool:
    """True when a column's cells read as lines of prose: the median non-empty cell at least
    ``MIN_CELLS`` half cells wide, letters at least ``LETTER_SHARE`` of its non-white
    characters (a price list's or a figure table's cells are short or figures), and not a
    column of entries (:func:`_entries`)."""
    full = [c.strip() for c in cells if c.strip()]
    if len(full) < MIN_ROWS // 2:
        return False
    if median(_width(c) for c in full) < MIN_CELLS:
        return False
    chars = [ch for c in full for ch in c if not ch.isspace()]
    if sum(ch.isalpha() for ch in chars) < LETTER_SHARE * len(chars):
        return False
    return not _entries(full)


#: A Latin column whose lines continue one another opens this share of them (after its
#: first) in lower case or more (the held-out English ``-layout`` columns: 0.26 to 0.9).
MIN_CONTINUED = 0.15


def _entries(full: list[str]) -> bool:
    """The column's cells are entries, not lines of prose: most open with a Latin letter,
    and fewer than :data:`MIN_CONTINUED` of them (after the first) open in lower case (a
    list of names beside their results, ``Mr. J. Smith's Bold Venture   won the Maiden
    Plate``: read column by column it would lose which result is whose; review of stop
    21). CJK cells are not judged by case."""
    latin = sum(1 for c in full if c[:1].isascii() and c[:1].isalpha())
    if latin < len(full) / 2:
        return False
    continued = sum(1 for c in full[1:] if c[:1].islower())
    return continued < MIN_CONTINUED * (len(full) - 1)


def column_blocks(text: str) -> list[Block]:
    """The blocks of side-by-side columns of ``text``, each with its cuts, in text order:
    gutters of white space (``MIN_GAP``) and, in CJK text that does not space its words,
    :func:`cjk_space_blocks`."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    out = _wide_gutter_blocks(lines) if "  " in text else []
    prof = profile_of(text) if _may_hold_cjk_columns(text) else None
    if prof is not None and prof.script != "latin" and not prof.spaced_words:
        taken = [(b.first, b.last) for b in out]
        for first, last, cuts in cjk_space_blocks(lines):
            if any(first <= b and a <= last for a, b in taken):
                continue
            block = _prose_block(lines, first, last, cuts)
            if block is not None:
                out.append(block)
        out.sort(key=lambda b: b.first)
    for block in out:
        block.start = starts[block.first]
        block.end = starts[block.last] + len(lines[block.last].rstrip("\r"))  # ``\r\n`` kept
    return out


def _wide_gutter_blocks(lines: list[str]) -> list[Block]:
    """The blocks whose gutters are runs of ``MIN_GAP`` white characters or more."""
    out: list[Block] = []
    gutters = sorted(_open_gutters(lines), key=lambda g: g.first)
    firsts = [g.first for g in gutters]
    for first, last, chosen in _blocks_of(gutters):
        block = _block(lines, first, last, chosen)
        if block is None:
            continue
        for lo, hi, g in _side_gutters(gutters, firsts, first, last, chosen[0]):
            wider = _block(lines, max(lo, block.first), min(hi, block.last), [*chosen, g])
            if wider is not None:
                block = wider
                chosen.append(g)
        out.append(block)
    return out


def _block(lines: list[str], first: int, last: int, gutters: list[_Gutter]) -> Block | None:
    """The block of ``lines[first..last]`` cut at ``gutters``, when it holds
    :data:`MIN_ROWS` lines or more and every column is prose (a side gutter that shares too
    few lines with the block narrows it to nothing: no block, review of stop 21)."""
    if last - first + 1 < MIN_ROWS:
        return None
    gutters = sorted(gutters, key=lambda g: g.lo)
    cuts = [[g.cuts[i] for g in gutters] for i in range(first, last + 1)]
    if any(c != sorted(c) for c in cuts):
        return None
    return _prose_block(lines, first, last, cuts)


def _prose_block(lines: list[str], first: int, last: int, cuts: list[list[int]]) -> Block | None:
    """The block of ``lines[first..last]`` cut at ``cuts`` (per line), when every column is
    prose (:func:`prose_column`)."""
    cells = [_cells(lines[i], c) for i, c in zip(range(first, last + 1), cuts, strict=True)]
    if not all(prose_column(list(col)) for col in zip(*cells, strict=True)):
        return None
    return Block(first, last, cuts)


#: CJK columns one space apart: a gutter's gap may wander this many half cells (a Latin
#: letter or digit 1, an ideograph or full-width mark 2) over the block's lines.
CJK_SPREAD = 8

_GAP = re.compile(r"[ \t\u3000]+")


def _at_least(pattern: re.Pattern[str], text: str, least: int) -> bool:
    """``pattern`` matches ``text`` ``least`` times or more (the count stops there)."""
    return next(islice(pattern.finditer(text), least - 1, None), None) is not None


#: A line holding one space between two wide characters (the first on its line).
_ONE_SPACE_LINE = re.compile(f"^[^\n]*?[{CJK}{CJK_PUNCT}] [{CJK}{CJK_PUNCT}]", re.MULTILINE)


#: One space between two wide characters anywhere: each line :data:`_ONE_SPACE_LINE` matches
#: holds one, and a match never spans two lines (the pattern opens with a class: ``re``
#: skips ahead to it, where the line pattern tries every line's characters in turn).
_ONE_SPACE = lazy_compile(f"[{CJK}{CJK_PUNCT}] [{CJK}{CJK_PUNCT}]")


def _may_hold_cjk_columns(text: str) -> bool:
    """A run of :func:`cjk_space_blocks` needs ``MIN_ROWS // 2`` lines with a one-space gap
    between wide characters: a text with fewer holds none (most texts; the text's profile,
    which the rule reads next, is not worth asking for). The gaps of the whole text are
    counted first: fewer gaps than that, fewer lines."""
    least = MIN_ROWS // 2
    return _at_least(_ONE_SPACE, text, least) and _at_least(_ONE_SPACE_LINE, text, least)


def _wide(ch: str) -> bool:
    return is_cjk(ch) or is_cjk_punct(ch)


def _cjk_gaps(line: str) -> list[tuple[int, int, int, bool]] | None:
    """The gaps of a line between text: (cut, first and last half cell of the white, one
    space between two wide characters); leading white of ``MIN_CELLS`` (16) or more is a
    gap (an empty first column; a paragraph's indent is shorter). ``None`` when a one-space
    gap has a narrow character beside it (Latin words, a figure and its unit: no gutter) or
    the line is blank."""
    body = line.rstrip()
    if not body:
        return None
    gaps: list[tuple[int, int, int, bool]] = []
    cells = prev = 0
    for m in _GAP.finditer(body):
        a, b = m.span()
        cells += round(2 * display_width(body[prev:a]))
        prev = b
        single = b - a == 1
        if single and not (a > 0 and _wide(body[a - 1]) and _wide(body[b])):
            return None
        if a > 0 or b >= MIN_CELLS:
            gaps.append((b if a == 0 else a, cells, cells + b - a, single))
        cells += b - a
    return gaps


def cjk_space_blocks(lines: list[str]) -> list[tuple[int, int, list[list[int]]]]:
    """Blocks of CJK columns joined by one space: (first, last, cuts per line).

    Defect: ``pdftotext`` (and ``-layout`` when the columns are narrow) writes the narrow
    CJK columns of a page one space apart; Chinese and Japanese do not space their words,
    so a space between two ideographs that recurs at about the same place on line after
    line is a gutter.
    Example: People's Daily of 15 April 2012 set in four columns (held-out batch 1, page
    printed by Chromium, ``pdftotext -layout``): ``当天，朝鲜各道、市、郡及 利等20多个国家和地区
    的50多 工程建设，例如平壤市中心的万 定修改宪法，推举金正恩为国家``.
    Rule: :data:`MIN_ROWS` (8) or more consecutive lines whose gaps (one space between two
    wide characters, or two white characters or more) fall on the gutters of the run's first
    line, which has two or more and a one-space gap (as have ``MIN_ROWS // 2`` of the run's
    lines): a one-space gap stays within :data:`CJK_SPREAD` (8) half cells of the gutter's
    other one-space gaps (from the line's start: justified columns of ideographs and a few
    digits differ by a few half cells); a wider gap starts at most ``CJK_SPREAD`` after
    that stretch and ends at most twice that before it (``pdftotext -layout`` pads a short
    line in code points, fewer than its display width); a line may lack its last gutters
    (the last columns ended); a one-space gap beside a Latin letter or digit is no gap and
    ends the run (``2019年 3月``, ``iPhone 15``).
    Linear: each line is split once and compared with the run's gutters only.
    Limits: a line holding one column's text alone (``pdftotext`` writes a short line of a
    column on its own) ends the run, so such a block is read as shorter runs or not at all;
    the caller skips texts that space their words (Korean).
    """
    out: list[tuple[int, int, list[list[int]]]] = []
    run: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    first = ones = 0
    for i, line in enumerate(lines):
        gaps = _cjk_gaps(line) if len(line) <= MAX_WIDTH else None
        one = bool(gaps) and any(g[3] for g in gaps)  # type: ignore[union-attr]
        grown = _on_gutters(spans, gaps) if run and gaps else None
        if grown is not None and gaps is not None:
            spans, ones = grown, ones + one
            run.append([g[0] for g in gaps] + [len(line)] * (len(spans) - len(gaps)))
            continue
        if len(run) >= MIN_ROWS and ones >= MIN_ROWS // 2:
            out.append((first, i - 1, run))
        run, first, spans, ones = [], i, [], 1
        if gaps and one:
            run = [[g[0] for g in gaps]]
            spans = [(h, h) if o else (_UNSET, -_UNSET) for _, h, _, o in gaps]
    if len(run) >= MIN_ROWS and ones >= MIN_ROWS // 2:
        out.append((first, len(lines) - 1, run))
    return out


_UNSET = 10**9


def _on_gutters(
    spans: list[tuple[int, int]], gaps: list[tuple[int, int, int, bool]]
) -> list[tuple[int, int]] | None:
    """The gutters' stretches of one-space gaps (half cells) grown by a line's ``gaps``,
    or ``None`` when the line's gaps do not fall on them (more gaps, a gap far off)."""
    if len(gaps) > len(spans):
        return None
    grown = list(spans)
    for j, (_, h, h_end, one) in enumerate(gaps):
        lo, hi = spans[j]
        if one:
            lo, hi = min(lo, h), max(hi, h)
            if hi - lo > CJK_SPREAD:
                return None
            grown[j] = (lo, hi)
        elif lo <= hi and not (lo - 2 * CJK_SPREAD <= h_end and h <= hi + CJK_SPREAD):
            return None
    return grown


def gutter_offsets(text: str, blocks: list[Block]) -> set[int]:
    """The offsets in ``text`` where ``blocks`` cut their lines into columns (a gutter's
    white run holds its line's cut or starts at it)."""
    out: set[int] = set()
    for block in blocks:
        start = block.start
        for line, cuts in zip(text[block.start : block.end].split("\n"), block.cuts, strict=True):
            out.update(start + c for c in cuts if c < len(line))
            start += len(line) + 1
    return out


def blocks_of(an: Any) -> list[Block]:
    """:func:`column_blocks` of an analysis's text (for ``analyse(text).memo``)."""
    return column_blocks(an.text)


def _column_text(cells: list[str]) -> list[str]:
    """A column's lines: its non-empty cells, the column's common indent taken off."""
    rows = [c.rstrip() for c in cells if c.strip()]
    indent = min((len(r) - len(r.lstrip()) for r in rows), default=0)
    return [r[indent:] for r in rows]


def read_columns(text: str, block: Block) -> str:
    """The block's text written column by column (the replacement of
    ``text[block.start:block.end]``), its lines ended as the block's are (``\r\n`` or
    ``\n``)."""
    lines = text[block.start : block.end].split("\n")
    rows = [_cells(ln, c) for ln, c in zip(lines, block.cuts, strict=True)]
    out: list[str] = []
    for col in zip(*rows, strict=True):
        out.extend(_column_text(list(col)))
    return ("\r\n" if "\r\n" in text[block.start : block.end] else "\n").join(out)


def read_all(text: str) -> str:
    """``text`` with every block of side-by-side columns read column by column."""
    for block in reversed(column_blocks(text)):
        text = text[: block.start] + read_columns(text, block) + text[block.end :]
    return text


__all__ = [
    "CJK_SPREAD",
    "LETTER_SHARE",
    "MAX_SIDE",
    "MAX_WIDTH",
    "MIN_CELLS",
    "MIN_GAP",
    "MIN_ROWS",
    "SHIFT",
    "SIDE_ROWS",
    "Block",
    "blocks_of",
    "cjk_space_blocks",
    "column_blocks",
    "gutter_offsets",
    "prose_column",
    "read_all",
    "read_columns",
]
