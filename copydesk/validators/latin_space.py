"""Stray spaces before closing punctuation in flowed Latin-script text (``sentence.stray-space``).

An extractor that drops a link, a ticker box or an inline element keeps the space that stood
before it: ``(NASDAQ: QCOM ) ,``, ``Scratch Culinary ,``, ``Forbes , “Why…``. The rule reads
the text's own house style: a mark is reported spaced only where the same text writes that
mark closed up in the large majority of its uses (:func:`latin_stray_spaces`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.profile import TextProfile

#: What may stand before a closing mark for the space between them to count: a Latin letter,
#: a digit, a closing quotation mark or bracket (not a mark: ``Inc. .``, ``* .``, ``:(``).
_WORD_END = "A-Za-z0-9\u00c0-\u024f\u2019\u201d\"')\\]"
#: What follows a closing mark used as punctuation: white space, a closing quote or bracket,
#: the text end (not ``.45``, ``.DJI``, ``1 ,000``: a figure, a ticker, a figure split).
_MARK_END = r"(?=[\s\"\u201d\u2019)]|$)"
_CLOSING = ",.;)"
#: A run of spaces (not a newline) between a word and a closing mark ``, . ; )``.
_SPACED_CLOSE = re.compile(rf"(?<=[{_WORD_END}])[ \u00a0]+([{re.escape(_CLOSING)}]){_MARK_END}")
#: The same mark closed up to its word.
_CLOSED = re.compile(rf"(?<=[{_WORD_END}])([{re.escape(_CLOSING)}]){_MARK_END}")
#: An opening bracket after white space, then spaces, then a word: ``( News``.
_SPACED_OPEN = re.compile(r"(?:^|(?<=\s))(\()[ \u00a0]+(?=[A-Za-z0-9\u00c0-\u024f])", re.MULTILINE)
_OPEN_CLOSED = re.compile(r"(?:^|(?<=\s))(\()(?=[A-Za-z0-9\u00c0-\u024f])", re.MULTILINE)
#: French typography: a space before ``: ; ! ?`` or inside ``« »``.
_FRENCH_SPACED = re.compile("[ \u00a0\u202f][:;!?](?=\\s|$)|«[ \u00a0\u202f]|[ \u00a0\u202f]»")
_FRENCH_CLOSED = re.compile("[A-Za-z\u00c0-\u024f][:;!?](?=\\s|$)|«[^ \u00a0\u202f]")
#: Marks used at least this many times closed up, and spaced in at most this share of their
#: uses, are the text's house style: their spaced uses are strays.
MIN_CLOSED = 10
MAX_SPACED_SHARE = 0.1
#: A line with this many spaced uses of one mark sets the mark apart on purpose (a tag list
#: ``sport , australia , tennis``, a dotted leader ``. . .``).
LIST_RUN = 3


#: A line of marks alone (``.``, ``, .``, ``'``): OCR noise, a speck read as a mark.
_MARK_LINE = re.compile(r"^[ \t.,;:'\"`\-]*[.,;:'`][ \t.,;:'\"`\-]*$", re.MULTILINE)
_NONBLANK_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)
#: A text with this many lines of marks alone, and this share of its lines, is OCR noise:
#: its marks stand where specks were, spaced or not.
NOISE_LINES = 10
NOISE_SHARE = 0.02


class _Style(NamedTuple):
    spaced: Counter[str]
    closed: Counter[str]
    french: bool
    noisy: bool


def _style(an: TextAnalysis) -> _Style:
    """Memo table: how often the text writes each mark spaced and closed up, and whether it
    follows French typography (spaced ``: ; ! ?`` or ``« »`` in most of their uses)."""
    text = an.text
    spaced = Counter(m[1] for m in _SPACED_CLOSE.finditer(text))
    spaced.update(m[1] for m in _SPACED_OPEN.finditer(text))
    closed = Counter(m[1] for m in _CLOSED.finditer(text))
    closed.update(m[1] for m in _OPEN_CLOSED.finditer(text))
    fr_spaced = len(_FRENCH_SPACED.findall(text))
    french = fr_spaced >= 2 and fr_spaced >= len(_FRENCH_CLOSED.findall(text))
    return _Style(spaced, closed, french, _noisy(text))


def _noisy(text: str) -> bool:
    """OCR noise: :data:`NOISE_LINES` lines of marks alone or more, and at least
    :data:`NOISE_SHARE` of the non-blank lines (a 1901 page's OCR layer: ``⏎.⏎,⏎``)."""
    marks = len(_MARK_LINE.findall(text))
    return marks >= NOISE_LINES and marks >= NOISE_SHARE * len(_NONBLANK_LINE.findall(text))


def _house_closed(style: _Style, mark: str) -> bool:
    """The text writes ``mark`` closed up: :data:`MIN_CLOSED` closed uses or more, at most
    :data:`MAX_SPACED_SHARE` of the uses spaced. ``, . ( )`` are counted together (a text
    has few brackets); ``;`` alone, as old print and French set it apart (``the state ;``)."""
    marks = ";" if mark == ";" else "(),."
    closed = sum(style.closed[m] for m in marks)
    spaced = sum(style.spaced[m] for m in marks)
    return closed >= MIN_CLOSED and spaced <= MAX_SPACED_SHARE * (closed + spaced)


#: A spaced full stop followed by a word in lower case: ``as it is . ascertained``.
_STOP_BEFORE_LOWER = re.compile(r"\.[ \t\n\u00a0]+[a-z]{2}")


def _speck_stop(text: str, mark: str, e: int) -> bool:
    """A spaced ``.`` that ends no sentence: the next word opens in lower case (``as it is .
    ascertained``, ``for considering .⏎the following``: an OCR speck read as a stop, whose
    space is the page's, not an extractor's stray; seen in OverProof's OCR once its wraps are
    joined). A stray space before a real stop has a capital or the text's end after it, or
    a word with an inner capital (``Keyboard Folio . iPadOS 13``)."""
    return mark == "." and _STOP_BEFORE_LOWER.match(text, e) is not None


#: A word the print closes with a stop, right before the spaced mark: a firm's or a name's
#: abbreviation (``Co``, ``Ltd``, ``jun``), two or more initials (``M P``, ``E S L``,
#: ``A.A.P``), a unit after a figure (``6 grs``, ``6s``, ``5d``). Not one capital (``I ,``)
#: nor an abbreviation that is also a word (``No ,``).
_ABBREVIATION_BEFORE = re.compile(
    r"(?:\b(?:Co|Ltd|Bros|Esq|jun|sen|Jun|Sen|Jr|Sr)"
    r"|(?<![A-Za-z.])[A-Z](?:[. ][A-Z])+"
    r"|(?<!\d)\d{1,3} ?(?:[sd]|grs?|ozs?|dwts?|lbs?|cwts?|qrs?))[ \u00a0]+$"
)


def lost_stop(text: str, start: int) -> bool:
    """The mark at ``start`` is not a stop and the space before it follows a word the print
    closes with a stop (:data:`_ABBREVIATION_BEFORE`): ``and Co , of Kent``, ``M P , and``,
    ``6 grs , to``, ``(A.A.P )`` in OverProof's Sydney Morning Herald OCR, whose gold
    mostly reads ``Co.,``, ``M. P.,``, ``grs.,``, ``(A.A.P.)``: the OCR lost the stop and
    kept its place as a space. Still a defect, but deleting the space does not give the
    stop back (an OCR letter error, not ours to guess): the finding carries no repair. A
    dropped link leaves its space after a full word: ``Culinary ,``."""
    if text[start] == ".":
        return False  # the stop is there: ``Mr . Smith`` is a stray space, closed up
    return _ABBREVIATION_BEFORE.search(text, max(0, start - 12), start) is not None


def _set_apart(text: str, mark: str, e: int) -> bool:
    """The mark at ``e`` is set apart on purpose: a dotted ellipsis or leader (``word . .``,
    ``Miss . . .``) or one of :data:`LIST_RUN` spaced uses of it in its line."""
    if mark == "." and text.startswith((" .", "\u00a0."), e + 1):
        return True
    ls = text.rfind("\n", 0, e) + 1
    le = text.find("\n", e)
    line = text[ls : len(text) if le < 0 else le]
    return line.count(" " + mark) >= LIST_RUN


def latin_stray_spaces(
    text: str, profile: TextProfile, language: str | None
) -> Iterator[tuple[int, int, str]]:
    """``(start, end, mark)`` of each stray space run before ``, . ; )`` or after ``(`` in a
    flowed Latin-script text that writes the mark closed up (:func:`_house_closed`); none in
    hard-wrapped text (OCR and PDF lines space marks by glyph position) or OCR noise
    (:func:`_noisy`), none before ``;`` in French text (by its language or typography), none
    where the mark is set apart (:func:`_set_apart`)."""
    if not profile.flowed or profile.lang is not None:
        return
    if _SPACED_CLOSE.search(text) is None and _SPACED_OPEN.search(text) is None:
        return  # no spaced mark: most texts; the house-style table is not worth building
    an = analyse(text)
    style = an.memo(_style)
    if style.noisy:
        return
    french = (language or "").lower().startswith("fr") or style.french
    for m in _SPACED_CLOSE.finditer(text):
        mark, e = m[1], m.end(1) - 1
        if french and mark == ";":
            continue
        if _speck_stop(text, mark, e):
            continue
        if _house_closed(style, mark) and not _set_apart(text, mark, e):
            yield m.start(), e, mark
    for m in _SPACED_OPEN.finditer(text):
        if _house_closed(style, "("):
            yield m.end(1), m.end(), "("
