"""The repairs: small pure functions, one per kind of defect, in the style of ftfy's ``fixes``.

Each takes the field's text and a finding's half-open span ``[start, end)`` and returns a
:class:`Repair` (a replacement of ``text[start:end]``, offsets into the text as given) or
``None`` when the span does not look like the defect it is said to be: when in doubt, no
edit. None of them looks outside the span except to read the characters on either side, and
the whole-line removals, which also take the line's own line break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from copydesk.fix.guards import lines_stand_apart, space_is_stray
from copydesk.validators.analysis import analyse
from copydesk.validators.columns import blocks_of, read_columns
from copydesk.validators.text import is_cjk, is_cjk_punct


@dataclass(frozen=True, slots=True)
class Repair:
    """Replace ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str


_NEWLINES = "\r\n"
_WS_RUN = re.compile(r"\s+")
_WEEKDAY = re.compile(r"[（(]?(?:星期|礼拜|周)[一二三四五六日天]")
_WORD_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f0-9]")


def is_wide(ch: str) -> bool:
    """True for characters written without spaces around them: CJK, radicals, full-width."""
    if not ch:
        return False
    if is_cjk(ch) or is_cjk_punct(ch):
        return True
    cp = ord(ch)
    return 0x2E80 <= cp <= 0x2FDF or 0xFF01 <= cp <= 0xFF60 or ch == "\u3000"


def _is_space_only(s: str) -> bool:
    return bool(s) and not s.strip()


def join_wrap(text: str, start: int, end: int) -> Repair | None:
    """Join a line wrapped inside a sentence.

    ``构建更加和平安全的网络空⏎⏎间。`` -> ``构建更加和平安全的网络空间。`` (no space between wide
    characters); ``for a seven-month⏎period`` -> ``for a seven-month period`` (one space
    between Latin words); ``well-⏎known`` -> ``well-known`` (a hyphen at the line end is kept;
    a word split at the OCR's hyphen mark ``surren¬⏎der`` is ``sentence.word-split``'s, and
    :func:`dehyphenate` joins it). The span must be white space holding a line break, and
    the lines must not stand apart (``guards.lines_stand_apart``: list items, table rows,
    links, Korean).
    """
    span = text[start:end]
    if not _is_space_only(span) or not any(c in _NEWLINES for c in span):
        return None
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if not left or not right or lines_stand_apart(text, start, end):
        return None
    if is_wide(left) or is_wide(right) or left == "-":
        return Repair(start, end, "")
    return Repair(start, end, " ")


#: marks no Latin text sets a space before: in flowed text a line opening with one was cut
#: off the word before it at an inline element (``authorized dealer Schuurman⏎, it seems``)
_NO_SPACE_BEFORE = frozenset(",.;)")


def join_flowed(text: str, start: int, end: int) -> Repair | None:
    """:func:`join_wrap` for flowed text (a web page's): a line opening with ``,.;)`` is
    joined without a space (``dealer Schuurman⏎, it seems`` -> ``dealer Schuurman, it
    seems``): the extractor cut the link before the mark, no writer put a space there.
    Not used on hard-wrapped text: an OCR line opening with a mark is as often a speck as a
    cut, and OverProof's and the BL's owned errors grow when it is (d2 919 -> 961)."""
    rep = join_wrap(text, start, end)
    if rep is not None and rep.after == " " and text[rep.end : rep.end + 1] in _NO_SPACE_BEFORE:
        return Repair(rep.start, rep.end, "")
    return rep


#: the sign the British Library's OCR (and its human transcription) writes for a line-end
#: hyphen: ``surren¬⏎der``
OCR_HYPHEN = "\u00ac"


def dehyphenate(text: str, start: int, end: int, *, keep_hyphen: bool = False) -> Repair | None:
    """Join an English word hyphenated across a line break.

    ``the pen-⏎itentiary`` -> ``the penitentiary``; with ``keep_hyphen`` (the text writes the
    compound with its hyphen elsewhere) ``well-⏎known`` -> ``well-known``. The span is the
    hyphen and the line-break run after it. The hyphen may be the British Library OCR's
    mark ``¬`` (:data:`OCR_HYPHEN`): ``surren¬⏎der`` -> ``surrender``, ``Basing¬⏎hall-street``
    -> ``Basinghall-street`` (not ``surren¬ der``, which a join leaves); ``¬`` is no letter
    of English text, so where it stands between two letters at a line end it is that mark
    (87 line ends of the 100 BL snippets; their gold writes the same mark).
    """
    span = text[start:end]
    if len(span) < 2 or span[0] not in ("-", OCR_HYPHEN) or not _is_space_only(span[1:]):
        return None
    if "\n" not in span and "\r" not in span:
        return None
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if not (left.isalpha() and right.isalpha()):
        return None
    return Repair(start, end, "-" if keep_hyphen else "")


#: How far back a line-end hyphen's word is read (a word longer than this is cut there).
_WORD_REACH = 40
_LETTERS = re.compile(r"[A-Za-z]+")
#: Words joined by hyphens inside a line (``well-known``, ``Sambrook-court``).
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def hyphen_kept_elsewhere(text: str, start: int, end: int) -> bool:
    """True when the text writes the hyphenated pair with its hyphen inside a line.

    ``well-⏎known`` with ``a well-known man`` elsewhere: the hyphen is the compound's own.
    The word before ``start`` is read back at most :data:`_WORD_REACH` characters and the
    text's compounds are listed once per text (:func:`_hyphenated_pairs`), so a field with
    a hyphen at every line end is repaired in linear time (review 19).
    """
    i, low = start, max(0, start - _WORD_REACH)
    while i > low and text[i - 1].isascii() and text[i - 1].isalpha():
        i -= 1
    m_right = _LETTERS.match(text, end)
    if i == start or not m_right:
        return False
    return f"{text[i:start]}-{m_right.group()}".lower() in _hyphenated_pairs(text)


@lru_cache(maxsize=4)
def _hyphenated_pairs(text: str) -> frozenset[str]:
    """Every pair of words joined by a hyphen inside a line of ``text``, lower-cased
    (``a well-known man`` -> ``well-known``; ``ne'er-do-well`` -> ``er-do``, ``do-well``)."""
    pairs: set[str] = set()
    for m in _COMPOUND.finditer(text.lower()):
        words = m.group().split("-")
        pairs.update(f"{a}-{b}" for a, b in pairwise(words))
    return frozenset(pairs)


def remove_space(text: str, start: int, end: int) -> Repair | None:
    """Delete a stray space run (glyph positioning, a column gutter).

    ``携手落实 《全球人工智能治理倡议》`` -> ``携手落实《全球人工智能治理倡议》``. The span must be
    white space alone, between characters no text sets a space between
    (``guards.space_is_stray``: not Korean, not an em dash in English).
    """
    if not _is_space_only(text[start:end]):
        return None
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if not space_is_stray(left, right):
        return None
    return Repair(start, end, "")


_GLUE = re.compile(r"([.!?][”’»)]*)([“‘«(]?[^\W\d_])")


def insert_space(text: str, start: int, end: int) -> Repair | None:
    """Put a space between two sentences run together (``sentence.glued``).

    ``said.The`` -> ``said. The``; ``Bambi.”There`` -> ``Bambi.” There``;
    ``전문가다.“시험`` -> ``전문가다. “시험``. The span must be a stop, closing marks, at most
    one opening mark and a letter; the space goes after the closing marks. A straight quote
    in the span (``band."We``: closing or opening?) gets no edit.
    """
    m = _GLUE.fullmatch(text, start, end)
    if m is None:
        return None
    at = m.end(1)
    return Repair(at, at, " ")


def _space_run_repair(text: str, s: int, e: int) -> str | None:
    """What a white-space run inside a date or figure becomes: nothing next to a wide
    character or inside a number (``12. 44%``); else, in Latin text, one space for a line
    break (``2.5⏎million``) and ``None`` (kept) for spaces (``June 21, 1871``)."""
    left = text[s - 1] if s > 0 else ""
    right = text[e] if e < len(text) else ""
    if is_wide(left) or is_wide(right):
        return ""
    inside_number = right.isdigit() and (
        left.isdigit() or (left in ".," and s >= 2 and text[s - 2].isdigit() and left == ".")
    )
    if inside_number:
        return ""
    span = text[s:e]
    return " " if ("\n" in span or "\r" in span) else None


def close_word(text: str, start: int, end: int) -> Repair | None:
    """Join a word a link cut in two: the break goes, with no space.

    ``according to a⏎n⏎ew alert`` -> ``according to a⏎new alert`` (magic-html: the link
    began inside ``new``; the break before the letter is a space between words, joined by
    ``join_wrap``). Asked only where :func:`copydesk.fix.guards.word_piece` holds, in a text
    cut at its inline elements."""
    return Repair(start, end, "")


def close_up(text: str, start: int, end: int) -> Repair | None:
    """Remove the white space inside a split date or figure.

    ``11 月 8 日上午`` -> ``11月8日上午``; ``4512.2 万⏎件`` -> ``4512.2万件``;
    ``June⏎21, 1871`` -> ``June 21, 1871`` (a line break between English words becomes a
    space; spaces there stay). The one space before a weekday (``6日 星期日``) is kept.
    """
    span = text[start:end]
    out: list[str] = []
    pos = 0
    for m in _WS_RUN.finditer(span):
        out.append(span[pos : m.start()])
        s, e = start + m.start(), start + m.end()
        repl = _space_run_repair(text, s, e)
        if repl is None or (m.group() == " " and _WEEKDAY.match(span, m.end())):
            repl = m.group()  # spaces between English words, the weekday's space
        out.append(repl)
        pos = m.end()
    out.append(span[pos:])
    after = "".join(out)
    return Repair(start, end, after) if after != span else None


def nfkc(text: str, start: int, end: int) -> Repair | None:
    """Replace compatibility characters by their NFKC form.

    ``⼈⽇报`` (Kangxi radicals from a font without a ToUnicode map) -> ``人日报``. Characters
    NFKC leaves alone (the CJK radical ``⺠``) make no edit.
    """
    span = text[start:end]
    after = unicodedata.normalize("NFKC", span)
    if after == span or any(0x2E80 <= ord(c) <= 0x2FDF for c in after):
        return None
    return Repair(start, end, after)


def fix_mojibake(text: str, start: int, end: int) -> Repair | None:
    """Repair UTF-8 decoded with the wrong codec, with ftfy.

    ``doesnâ€™t`` -> ``doesn’t``; ``æ—¥æœ¬`` -> ``日本``. Only ftfy's encoding repair runs (no
    quote or width normalisation), and only on the span; where ftfy leaves CJK mojibake
    alone (``æ–°èµ·``), the span's Windows-1252 bytes are decoded as UTF-8 and kept when
    every character is CJK (``新起``).
    """
    import ftfy

    span = text[start:end]
    after = ftfy.fix_encoding(span)
    if after == span:  # CJK read as Windows-1252, which ftfy's heuristics do not score
        after = "".join(_cp1252_run_as_utf8(run) for run in _cp1252_runs(span))
    if after == span or "\ufffd" in after:
        return None
    return Repair(start, end, after)


_END_MARKS = frozenset("。！？.!?”’」』")


def _cp1252_runs(span: str) -> list[str]:
    """``span`` cut into runs of characters Windows-1252 can encode and runs of others."""
    runs: list[str] = []
    kind = None
    for c in span:
        try:
            c.encode("sloppy-windows-1252")
            k = True
        except UnicodeError:
            k = False
        if runs and k == kind:
            runs[-1] += c
        else:
            runs.append(c)
            kind = k
    return runs


def _cp1252_run_as_utf8(run: str) -> str:
    """A run's Windows-1252 bytes read as UTF-8 when that gives CJK text, else the run."""
    try:
        out = run.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return run
    return out if out and all(is_wide(c) for c in out) else run


_INVISIBLE = frozenset({"Cc", "Cf"})


def remove_control(text: str, start: int, end: int) -> Repair | None:
    """Remove control and invisible format characters.

    ``新华社北京\\x0c11月8日电`` -> ``新华社北京11月8日电``; ``\\ufeff新华社`` -> ``新华社``. A
    form feed or vertical tab between two Latin words becomes a space, so the words stay apart.
    """
    span = text[start:end]
    bad = [c for c in span if unicodedata.category(c) in _INVISIBLE and c not in "\n\r\t"]
    if not bad or len(bad) != len(span):
        return None
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    separator = any(c in "\x0b\x0c\x1c\x1d\x1e\x85" for c in span)
    if separator and _WORD_CHAR.match(left) and _WORD_CHAR.match(right):
        return Repair(start, end, " ")
    return Repair(start, end, "")


def whole_lines(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span widened to the white space of its own lines (and up to two sentence-end or
    closing marks right after it), or ``None`` when other text shares a line with it."""
    ls = start
    while ls > 0 and text[ls - 1] in " \t\u3000\u00a0":
        ls -= 1
    if ls > 0 and text[ls - 1] not in _NEWLINES:
        return None
    le = end
    while le < len(text) and le < end + 2 and text[le] in _END_MARKS:
        le += 1  # the copy's own closing mark, left out of a quote match (``…包容`` + ``。``)
    while le < len(text) and text[le] in " \t\u3000\u00a0":
        le += 1
    if le < len(text) and text[le] not in _NEWLINES:
        return None
    return ls, le


def remove_lines(text: str, start: int, end: int) -> Repair | None:
    """Remove whole lines: a running head, a page credit, a block printed twice.

    ``…网络空⏎人民日报 2023年11月9日 星期四 要闻 1⏎间。`` -> ``…网络空⏎间。`` (the line and its
    line break run before them go, the run after them stays; joining the wrap is
    ``join_wrap``'s, on the next pass). Text sharing a line with the span means the span is
    not whole lines, and a span that is the whole field is not removed: no edit.
    """
    if start >= end:
        return None
    bounds = whole_lines(text, start, end)
    if bounds is None:
        return None
    ls, le = bounds
    if ls == 0 and le == len(text):
        return None  # the whole field: never empty a field
    if ls > 0:  # take the break run before the lines; the one after stays
        while ls > 0 and text[ls - 1].isspace():
            ls -= 1
    else:  # the first lines: take the break run after them
        while le < len(text) and text[le].isspace():
            le += 1
    return Repair(ls, le, "")


__all__ = [
    "Repair",
    "close_up",
    "dehyphenate",
    "fix_mojibake",
    "hyphen_kept_elsewhere",
    "insert_space",
    "is_wide",
    "join_flowed",
    "join_wrap",
    "nfkc",
    "remove_control",
    "remove_lines",
    "remove_space",
    "whole_lines",
]


def columns_in_order(text: str, start: int, end: int) -> Repair | None:
    """Write a block of side-by-side columns column by column.

    ``for a large proportion of their food.   Japanese men have meat twice a`` ⏎
    ``With the lapse of each year and         day. The older generation do not`` ->
    ``for a large proportion of their food.`` ⏎ ``With the lapse of each year and`` ⏎ … ⏎
    ``Japanese men have meat twice a`` ⏎ ``day. The older generation do not`` (held-out
    batch 1, ``pdftotext -layout``). The span must be exactly a block that
    :func:`copydesk.validators.columns.column_blocks` finds in ``text``; the replacement
    holds the same non-white characters.
    """
    for block in analyse(text).memo(blocks_of):
        if block.start == start and block.end == end:
            return Repair(start, end, read_columns(text, block))
    return None
