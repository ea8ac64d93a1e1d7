"""Anchored scanning: run an expensive pattern only in the parts of a text that can match.

A pattern such as the figure pattern (an optional ``第``, an optional currency sign, digits,
a multiplier, a unit) or an English date pattern (an optional weekday, a month name, a day,
a year) is tried by the regex engine at every position of the text, and most positions of
a news text hold no digit and no month name. Each such pattern has a cheap *anchor*: a
pattern every match must contain (a digit run, a month name, a ``年``/``月``/``日``/``号``).
:class:`Windows` finds the anchors with one whole-text pass, widens each by how far a
match can reach before and after it, merges the windows that touch, and runs the expensive
pattern in those windows only (``pattern.finditer(text, lo, hi)``: a lookbehind still sees
the text before ``lo``).

The result is exactly the whole-text result when the anchor is honest: every match of the
pattern, in any string, lies within ``before`` characters before the start and ``after``
characters after the end of an anchor match found in that string (``after`` includes what
a lookahead or ``\\b`` reads past the match). Then every whole-text match lies inside one
window, and inside a window the engine reads nothing past the window's end, so the same
positions are tried with the same outcome. :data:`PAD` adds a margin on both sides.
``tests/test_numbers_anchored.py`` checks each anchored pattern against the whole-text scan
on generated text.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's pattern parser (``sre_parse`` before 3.11)
from bisect import bisect_right
from collections.abc import Iterator

#: characters added on both sides of every window, beyond the declared reach
PAD = 2


class Anchor:
    """A cheap pattern every match of an expensive pattern holds, and how far such a match
    reaches ``before`` the anchor's start and ``after`` its end (lookarounds included)."""

    __slots__ = ("after", "before", "rx")

    def __init__(self, pattern: str, before: int, after: int) -> None:
        self.rx = re.compile(pattern)
        self.before = before + PAD
        self.after = after + PAD

    def windows(self, text: str) -> Windows:
        """The windows of ``text`` around this anchor's matches."""
        return Windows(text, self)


class Windows:
    """The merged windows ``[lo, hi)`` of ``text`` around the matches of ``anchor``, each
    widened by the anchor's reach before and after it."""

    __slots__ = ("_his", "_los", "text")

    def __init__(self, text: str, anchor: Anchor) -> None:
        self.text = text
        los: list[int] = []
        his: list[int] = []
        before, after = anchor.before, anchor.after
        top = -1  # the end of the last window
        for m in anchor.rx.finditer(text):
            start, end = m.span()
            lo = start - before if start > before else 0
            if lo <= top:  # touches the last window; a match ends at or after the last one's end
                top = his[-1] = end + after
            else:
                los.append(lo)
                top = end + after
                his.append(top)
        self._los = los
        self._his = his

    def __bool__(self) -> bool:
        return bool(self._los)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The windows, in order, as ``(lo, hi)`` (``hi`` may pass the end of the text)."""
        return list(zip(self._los, self._his, strict=True))

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of ``rx`` in the text, as ``rx.finditer(text)`` gives them."""
        text = self.text
        for lo, hi in zip(self._los, self._his, strict=True):
            yield from rx.finditer(text, lo, hi)

    def search(self, rx: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """The first match of ``rx`` at or after ``pos``, as ``rx.search(text, pos)``."""
        text = self.text
        los, his = self._los, self._his
        for k in range(bisect_right(his, pos), len(his)):
            m = rx.search(text, max(los[k], pos), his[k])
            if m is not None:
                return m
        return None


def _char_ranges(item: tuple[object, object]) -> list[tuple[int, int]] | None:
    """The code-point ranges one parsed item matches, when it is one character from a
    plain set (a literal, a class of literals and ranges), else ``None``."""
    op, av = item
    if op is sre_parse.LITERAL:
        return [(av, av)]  # type: ignore[list-item]
    if op is not sre_parse.IN:
        return None
    out: list[tuple[int, int]] = []
    for o, a in av:  # type: ignore[attr-defined]
        if o is sre_parse.LITERAL:
            out.append((a, a))
        elif o is sre_parse.RANGE:
            out.append(a)
        else:
            return None  # a category (\w, \s) or a negated class: not a plain set
    return out


def required_chars(rx: re.Pattern[str]) -> str | None:
    """A class of non-ASCII characters every match of ``rx`` holds one of, or ``None``.

    Read from the parse tree of ``rx``: in each alternative at the top, the smallest
    character set outside ASCII that the alternative must match (a literal or a class, not
    inside a group or a repeat). ``None`` when an alternative has no such set. ftfy's
    badness pattern has one in each of its alternatives (``Ã``, ``€``, box drawing ...).
    """
    tree = sre_parse.parse(rx.pattern, rx.flags)
    items = list(tree)
    if len(items) == 1 and items[0][0] is sre_parse.BRANCH:
        alternatives = [list(b) for b in items[0][1][1]]
    else:
        alternatives = [items]
    ranges: list[tuple[int, int]] = []
    for alt in alternatives:
        sets = [r for r in map(_char_ranges, alt) if r and all(lo >= 0x80 for lo, _ in r)]
        if not sets:
            return None
        ranges += min(sets, key=lambda r: sum(hi - lo + 1 for lo, hi in r))
    body = "".join(
        re.escape(chr(lo)) + ("-" + re.escape(chr(hi)) if hi > lo else "") for lo, hi in ranges
    )
    return f"[{body}]"


def max_width(rx: re.Pattern[str]) -> int | None:
    """The most characters a match of ``rx`` can take (lookarounds not counted), or
    ``None`` when a repeat is unbounded."""
    hi = sre_parse.parse(rx.pattern, rx.flags).getwidth()[1]
    return None if hi >= sre_parse.MAXREPEAT else hi


__all__ = ["PAD", "Anchor", "Windows", "max_width", "required_chars"]
