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
from bisect import bisect_right
from collections.abc import Iterator

#: characters added on both sides of every window, beyond the declared reach
PAD = 2


class Windows:
    """The merged windows ``[lo, hi)`` of ``text`` around the matches of ``anchor``, each
    widened by ``before`` characters before the anchor match and ``after`` after it."""

    __slots__ = ("_his", "_los", "text")

    def __init__(self, text: str, anchor: re.Pattern[str], before: int, after: int) -> None:
        self.text = text
        los: list[int] = []
        his: list[int] = []
        before += PAD
        after += PAD
        for m in anchor.finditer(text):
            lo, hi = max(0, m.start() - before), m.end() + after
            if his and lo <= his[-1]:
                his[-1] = max(his[-1], hi)
            else:
                los.append(lo)
                his.append(hi)
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
        k = bisect_right(self._his, pos)
        for lo, hi in zip(self._los[k:], self._his[k:], strict=True):
            m = rx.search(text, max(lo, pos), hi)
            if m is not None:
                return m
        return None


__all__ = ["PAD", "Windows"]
