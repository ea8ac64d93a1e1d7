"""Parse once: one analysis per text, built on first use and read by every rule.

A linter parses a file once and runs hundreds of rules over the same tree; copydesk analyses
a text field once and every check reads that analysis. :func:`analyse` returns the
:class:`TextAnalysis` of a text: the same object for the same string (by identity, so a long
body is never hashed or compared), kept while the record's checks run (the engine checks one
record at a time; :data:`LIVE` analyses are kept, the oldest dropped first).

The analysis holds the tables several rules read:

- :attr:`TextAnalysis.lines` and :attr:`TextAnalysis.breaks`: the lines with their offsets,
  every newline run with text on both sides;
- :attr:`TextAnalysis.normalised`: the text with radicals read as the ideographs they stand
  for, one code point for one (offsets stay valid);
- :attr:`TextAnalysis.furniture`: the spans of page-furniture lines (running heads, folios);
- :attr:`TextAnalysis.profile`: how the text was made (hard-wrapped or flowed, script, column);
- :attr:`TextAnalysis.fragmented` and :attr:`TextAnalysis.fragments`: the stretches of
  a page read across its columns and the fragments in them (:mod:`.fragments`;
  ``layout.fragmented`` reports the first, ``sentence.line-break`` reads the second);
- :attr:`TextAnalysis.turns`: where a page's columns are read a few lines at a time, in turn
  (:mod:`.interleave`; ``layout.columns-in-turn`` reports it, ``sentence.line-break`` keeps
  its turns);
- :attr:`TextAnalysis.scan`: one walk over the characters (class of every code point, counts
  and runs per class, line table, mixed-script spacing; :mod:`.scan`, compiled core).

A family's own tables (the break verdicts, the date and figure spans, the quote repeats) are
built by a function of the family's module, ``build(analysis) -> table``, and kept in the same
analysis through :meth:`TextAnalysis.memo`: built once per text, whichever rule asks first, so
``sentence.line-break``, ``sentence.word-split`` and ``sentence.unbalanced`` read one set of
break verdicts. Data flows one way: this module knows the lowest layer (:mod:`.text`,
:mod:`.scan`, :mod:`.profile`, :mod:`.fragments`, :mod:`.interleave`) and no rule.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from copydesk.validators.fragments import (
    Fragments,
    Region,
    fragmented_regions,
    region_fragments,
)
from copydesk.validators.interleave import Turns, column_turns
from copydesk.validators.profile import TextProfile, forget_scans, profile_of, scan_of
from copydesk.validators.scan import Scan
from copydesk.validators.text import (
    Break,
    Line,
    breaks,
    furniture_spans,
    lines,
    normalise_ideographs,
)

T = TypeVar("T")

#: how many analyses are kept alive: every text field of the record being checked (body,
#: headline, sub-headline, dateline, a few quotes) and the normalised copies rules ask for
LIVE = 32


class TextAnalysis:
    """The analysis of one text: core tables as properties, family tables through
    :meth:`memo`. Everything is computed on first use and kept; nothing is computed twice."""

    __slots__ = ("_memo", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[Hashable, object] = {}

    def memo(self, build: Callable[..., T], *args: Hashable) -> T:
        """``build(self, *args)``, computed once per text (and per ``args``) and kept.

        ``build`` is a module-level function of a family's module: its identity is the key,
        so two rules asking for the same table share it.
        """
        key = (build, *args) if args else build
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = build(self, *args)
            return value

    @property
    def lines(self) -> list[Line]:
        """The lines of the text with their offsets (:func:`copydesk.validators.text.lines`)."""
        return self.memo(_lines)

    @property
    def breaks(self) -> tuple[Break, ...]:
        """Every newline run with text on both sides (:func:`copydesk.validators.text.breaks`)."""
        return self.memo(_breaks)

    @property
    def normalised(self) -> str:
        """The text with radicals read as ideographs, offsets unchanged."""
        return self.memo(_normalised)

    @property
    def furniture(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every page-furniture line (``layout.page-furniture``'s spans)."""
        return self.memo(_furniture)

    @property
    def profile(self) -> TextProfile:
        """How the text was made (:func:`copydesk.validators.profile.profile_of`)."""
        return self.memo(_profile)

    @property
    def fragmented(self) -> tuple[Region, ...]:
        """The stretches of a page read across its columns
        (:func:`copydesk.validators.fragments.fragmented_regions`)."""
        return self.memo(_fragmented)

    @property
    def fragments(self) -> Fragments:
        """The fragment lines of :attr:`fragmented`
        (:func:`copydesk.validators.fragments.region_fragments`)."""
        return self.memo(_fragments)

    @property
    def turns(self) -> Turns | None:
        """Where the text reads a page's columns in turn, a few lines of each
        (:func:`copydesk.validators.interleave.column_turns`), else ``None``."""
        return self.memo(_turns)

    @property
    def scan(self) -> Scan:
        """One walk over :attr:`normalised`: classes, lines, mixed-script spacing
        (:func:`copydesk.validators.scan.scan`; offsets are the text's own)."""
        return self.memo(_scan)


def _lines(an: TextAnalysis) -> list[Line]:
    return lines(an.text)


def _breaks(an: TextAnalysis) -> tuple[Break, ...]:
    return tuple(breaks(an.text))


def _normalised(an: TextAnalysis) -> str:
    return normalise_ideographs(an.text)


def _furniture(an: TextAnalysis) -> list[tuple[int, int]]:
    return furniture_spans(an.text)


def _profile(an: TextAnalysis) -> TextProfile:
    return profile_of(an.text)


def _scan(an: TextAnalysis) -> Scan:
    return scan_of(an.normalised)


def _fragmented(an: TextAnalysis) -> tuple[Region, ...]:
    return fragmented_regions(an.text, an.scan)


def _fragments(an: TextAnalysis) -> Fragments:
    return region_fragments(an.scan, an.fragmented)


def _turns(an: TextAnalysis) -> Turns | None:
    return column_turns(an.text, an.scan)


_LIVE: OrderedDict[int, TextAnalysis] = OrderedDict()


def analyse(text: str) -> TextAnalysis:
    """The analysis of ``text``: the same object while the text is one of the :data:`LIVE`
    most recently analysed (looked up by identity: the analysis holds the string, so its
    ``id`` cannot be reused while the entry lives)."""
    key = id(text)
    an = _LIVE.get(key)
    if an is not None and an.text is text:
        _LIVE.move_to_end(key)
        return an
    an = _LIVE[key] = TextAnalysis(text)
    if len(_LIVE) > LIVE:
        _LIVE.popitem(last=False)
    return an


def forget() -> None:
    """Drop every kept analysis and scan (tests and benchmarks call it to measure a cold
    start)."""
    _LIVE.clear()
    forget_scans()


__all__ = ["LIVE", "TextAnalysis", "analyse", "forget"]
