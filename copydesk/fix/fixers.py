"""Which repair answers which finding: a table keyed by check id, then by suggestion.

The fixers are built against the finding contract (check id, field, span, suggestion), not
against any check's internals: a check that other code adds later is fixed when it makes a
suggestion this table knows (``join``, ``remove space``, ``NFKC``, ``remove`` of whole lines,
``drop copy``). Safe fixers run by default; unsafe ones only with ``--unsafe-fixes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from copydesk.fix import repairs
from copydesk.fix.repairs import Repair

RepairFunc = Callable[[str, int, int], "Repair | None"]


@dataclass(frozen=True, slots=True)
class FixRule:
    """A repair for one check's findings. Lower ``priority`` wins where two edits overlap."""

    name: str
    repair: RepairFunc
    priority: int
    safe: bool = True
    #: the finding's suggestion this fixer needs (``None``: any, the check makes none)
    needs: str | None = None


def _word_split(text: str, start: int, end: int) -> Repair | None:
    keep = repairs.hyphen_kept_elsewhere(text, start, end)
    return repairs.dehyphenate(text, start, end, keep_hyphen=keep)


_LINES = FixRule("remove lines", repairs.remove_lines, 0, needs="remove")
_DROP = FixRule("drop copy", repairs.remove_lines, 0, needs="drop copy")

#: check id -> its fixer.
FIXERS: dict[str, FixRule] = {
    "layout.side-by-side-columns": FixRule(
        "read columns", repairs.columns_in_order, -1, needs="read columns"
    ),
    "layout.page-furniture": _LINES,
    "quote.duplicate-block": _DROP,
    "quote.pull-quote-in-body": _DROP,
    "encoding.mojibake": FixRule("ftfy", repairs.fix_mojibake, 1),
    "encoding.compat-char": FixRule("NFKC", repairs.nfkc, 1, needs="NFKC"),
    "encoding.control-char": FixRule("remove control", repairs.remove_control, 1),
    "date.split": FixRule("close up", repairs.close_up, 2),
    "figure.split": FixRule("close up", repairs.close_up, 2),
    "sentence.word-split": FixRule("dehyphenate", _word_split, 3),
    "sentence.line-break": FixRule("join", repairs.join_wrap, 3, needs="join"),
    "sentence.stray-space": FixRule("remove space", repairs.remove_space, 4, needs="remove space"),
    "sentence.glued": FixRule("insert space", repairs.insert_space, 4, needs="insert a space"),
}

#: suggestion -> fixer, for checks the table above does not name.
BY_SUGGESTION: dict[str, FixRule] = {
    "join": FixRule("join", repairs.join_wrap, 3, needs="join"),
    "remove space": FixRule("close up", repairs.close_up, 2, needs="remove space"),
    "NFKC": FixRule("NFKC", repairs.nfkc, 1, needs="NFKC"),
    "drop copy": _DROP,
    "remove": _LINES,
}

#: unsafe fixes copydesk lists but does not make (they split or drop whole records).
LISTED_ONLY: dict[str, str] = {
    "quote.duplicate-record": "drop the repeated record",
    "layout.not-article": "drop the record (a list page, an index, not an article)",
    "layout.fragmented": "extract the page again in reading order (the text cannot be sorted)",
}


def fixer_for(check_id: str, suggestion: str | None, *, unsafe: bool = False) -> FixRule | None:
    """The fixer for a finding, or ``None`` (no fix, or an unsafe one not allowed)."""
    fx = FIXERS.get(check_id)
    if fx is None and suggestion is not None:
        fx = BY_SUGGESTION.get(suggestion)
    if fx is None or (fx.needs is not None and suggestion != fx.needs):
        return None
    if not fx.safe and not unsafe:
        return None
    return fx


#: unsafe fixes ``--unsafe-fixes`` makes (copydesk.fix.unsafe), with what they do.
UNSAFE: dict[str, str] = {
    "layout.headline-in-body": "remove the record's own headline lines from the body",
    "layout.multiple-articles": "cut the other article off into a record with a derived id",
}


def is_unsafe(check_id: str) -> bool:
    """True for checks whose fix only ``--unsafe-fixes`` makes (or that copydesk only lists)."""
    fx = FIXERS.get(check_id)
    return check_id in LISTED_ONLY or check_id in UNSAFE or (fx is not None and not fx.safe)


__all__ = [
    "BY_SUGGESTION",
    "FIXERS",
    "LISTED_ONLY",
    "UNSAFE",
    "FixRule",
    "fixer_for",
    "is_unsafe",
]
