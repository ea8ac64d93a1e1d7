"""Regular expressions compiled on first use (start-up, issue 12).

A rule module holds a few hundred module-level patterns, and compiling one costs up to a few
milliseconds (a class of ideographs, ``[\\u4e00-\\u9fff]``, is a 65 536-entry bitmap built in
Python): about 0.1 s when every family is imported. A one-record check reads about half of
them, the others belong to scripts, layouts or lines the record does not have.
:func:`lazy_compile` stands for ``re.compile`` where a pattern is only read through its
methods and attributes (``_X.finditer(text)``, ``_X.pattern``): it compiles on the first
read, and the compiled pattern's attribute then sits on the object, so later reads cost what
they cost on the pattern itself.

:func:`gated` puts a lookahead for the characters a match can open with before a pattern
that ``re`` cannot skip ahead in by itself (one opening with an optional group, a lookbehind
or an alternation of groups is tried in full at every position of the text).
"""

from __future__ import annotations

import re
import re._constants as sre_c  # the stdlib's pattern parser and its opcodes (3.11)
import re._parser as sre_parse
from typing import Any, cast


class LazyPattern:
    """``re.compile(pattern, flags)`` (of :func:`gated` ``pattern`` when ``gate``), done when
    an attribute of it is first read."""

    def __init__(self, pattern: str, flags: int = 0, *, gate: bool = False) -> None:
        self._args = (pattern, flags)
        self._gate = gate
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            pattern, flags = self._args
            self._compiled = re.compile(gated(pattern, flags) if self._gate else pattern, flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy, pickle and other protocol probes
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # the next read finds it here: no call through this method
        return value


def lazy_compile(pattern: str, flags: int = 0, *, gate: bool = False) -> re.Pattern[str]:
    """A :class:`LazyPattern`, typed as the pattern it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags, gate=gate))


#: The class escapes :func:`opening_chars` renders (``\\d``, ``\\s``, ``\\w`` and their negations).
_CATEGORIES = {
    sre_c.CATEGORY_DIGIT: r"\d",
    sre_c.CATEGORY_NOT_DIGIT: r"\D",
    sre_c.CATEGORY_SPACE: r"\s",
    sre_c.CATEGORY_NOT_SPACE: r"\S",
    sre_c.CATEGORY_WORD: r"\w",
    sre_c.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)


def _class_item(op: object, av: Any) -> str | None:
    """One item of a character class as pattern text, or ``None`` (a negation)."""
    if op is sre_c.LITERAL:
        return re.escape(chr(av))
    if op is sre_c.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre_c.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    return None


def _item_opens(op: object, av: Any) -> tuple[list[str], bool] | None:
    """What one parsed item can open with (class items) and whether it can match empty."""
    if op is sre_c.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre_c.IN:
        items = [_class_item(o, a) for o, a in av]
        return None if None in items else ([i for i in items if i is not None], False)
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return [], True  # zero width: what follows opens the match
    if op is sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _seq_opens(sub)
    if op is sre_c.ATOMIC_GROUP:
        return _seq_opens(av)
    if op in _REPEATS:
        lo, _hi, sub = av
        got = _seq_opens(sub)
        return None if got is None else (got[0], got[1] or lo == 0)
    if op is sre_c.BRANCH:
        out: list[str] = []
        empty = False
        for alt in av[1]:
            got = _seq_opens(alt)
            if got is None:
                return None
            out += got[0]
            empty = empty or got[1]
        return out, empty
    return None  # any character, a negated literal, a back reference: anything may open


def _seq_opens(items: Any) -> tuple[list[str], bool] | None:
    """What a sequence of parsed items can open with, and whether it can match empty."""
    out: list[str] = []
    for op, av in items:
        got = _item_opens(op, av)
        if got is None:
            return None
        out += got[0]
        if not got[1]:
            return out, False
    return out, True


def opening_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class (pattern text) holding the first character of every match of
    ``pattern``, read from its parse tree: the first items of each alternative, past
    zero-width ones (anchors, lookarounds) and optional ones. ``None`` when a match may be
    empty or open with any character (``.``, a negated class or literal, a back reference,
    an inline flag group)."""
    got = _seq_opens(sre_parse.parse(pattern, flags))
    if got is None or got[1] or not got[0]:
        return None
    return "[" + "".join(dict.fromkeys(got[0])) + "]"


def gated(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a lookahead for :func:`opening_chars` (``pattern`` itself when there
    are none): the same matches, and a position no match opens at fails at once."""
    opens = opening_chars(pattern, flags)
    return pattern if opens is None else f"(?={opens})(?:{pattern})"
