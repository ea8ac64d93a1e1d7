"""Edits: ``(start, end, before, after)`` against one field's text, and their algebra.

An :class:`Edit` replaces ``text[start:end]`` (``before``) by ``after``. A list of edits of
one text is applied at once, so every offset refers to the text before any of them; edits
never overlap (two may touch). :func:`compose` folds the edits of a second pass (offsets
into the first pass's output) into the first pass's, so the log always refers to the input.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``before`` = ``text[start:end]`` of ``field`` by ``after``; made by ``check``."""

    field: str
    start: int
    end: int
    before: str
    after: str
    check: str

    def to_dict(self) -> dict[str, object]:
        return {
            "check": self.check,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }


def overlaps(a: Edit, b: Edit) -> bool:
    """True when two edits of one field share a character (or insert inside one another)."""
    if a.field != b.field:
        return False
    if a.start == a.end and b.start == b.end:
        return a.start == b.start  # two insertions at one place: their order is unknown
    return a.start < b.end and b.start < a.end


class Occupied:
    """The spans of the edits taken so far, per field, for overlap tests in log time."""

    def __init__(self) -> None:
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def free(self, e: Edit) -> bool:
        """True when ``e`` overlaps no edit taken."""
        spans = self._spans.get(e.field, [])
        i = bisect.bisect_left(spans, (e.start, e.end))
        for j in (i - 1, i, i + 1):
            if 0 <= j < len(spans):
                s, t = spans[j]
                if overlaps(e, Edit(e.field, s, t, "", "", "")):
                    return False
        return True

    def take(self, e: Edit) -> None:
        bisect.insort(self._spans.setdefault(e.field, []), (e.start, e.end))


def input_offset(log: Sequence[Edit], pos: int) -> int | None:
    """Where the character at ``pos`` of the text that ``log`` (edits against the input,
    sorted, not overlapping: :func:`compose`'s) gives stood in the input; ``None`` when an
    edit wrote it."""
    shift = 0
    for e in log:
        out_start = e.start + shift
        if pos < out_start:
            break
        if pos < out_start + len(e.after):
            return None
        shift += len(e.after) - (e.end - e.start)
    return pos - shift


class InputOffsets:
    """:func:`input_offset` for many positions of one log, each by bisection: built once per
    pass, so mapping every finding of a long page back costs ``O(log n)`` each, not a walk
    through the log (review of stop 20: ``O(hits × edits)`` on a page of 10⁴ joins)."""

    def __init__(self, log: Sequence[Edit]) -> None:
        self._starts: list[int] = []  # where each edit's text starts in the output
        self._ends: list[int] = []  # where it ends
        self._shifts: list[int] = []  # output minus input offset after the edit
        shift = 0
        for e in log:
            out_start = e.start + shift
            self._starts.append(out_start)
            self._ends.append(out_start + len(e.after))
            shift += len(e.after) - (e.end - e.start)
            self._shifts.append(shift)

    def __call__(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._starts, pos) - 1  # the last edit starting at or before
        if i < 0:
            return pos
        if pos < self._ends[i]:
            return None
        return pos - self._shifts[i]


def non_overlapping(candidates: Iterable[Edit]) -> list[Edit]:
    """The edits to apply, in text order: candidates are taken in the order given (the
    caller's priority) and one that overlaps an edit already taken is dropped."""
    occupied = Occupied()
    taken: list[Edit] = []
    for cand in candidates:
        if occupied.free(cand):
            occupied.take(cand)
            taken.append(cand)
    return sorted(taken, key=lambda e: (e.field, e.start, e.end))


def apply(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with the (non-overlapping) edits applied; offsets refer to ``text``."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or text[e.start : e.end] != e.before:
            raise ValueError(f"edit {e} overlaps another or does not match the text")
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _merge_checks(names: Iterable[str]) -> str:
    seen: list[str] = []
    for n in names:
        for part in n.split("+"):
            if part not in seen:
                seen.append(part)
    return "+".join(seen)


def compose(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Edits of ``original`` equal to applying ``first`` and then ``second``.

    ``second``'s offsets refer to ``apply(original, first)``. An edit of the second pass
    that touches the output of a first-pass edit is merged with it into one edit (its check
    names joined with ``+``); the others are moved back to offsets of ``original``.
    """
    first = sorted(first, key=lambda e: (e.start, e.end))
    second = sorted(second, key=lambda e: (e.start, e.end))
    middle = apply(original, first)
    # output ranges of the first pass's edits, in middle's coordinates
    outs: list[tuple[int, int, Edit]] = []
    delta = 0
    for e in first:
        s = e.start + delta
        outs.append((s, s + len(e.after), e))
        delta += len(e.after) - (e.end - e.start)
    # intervals in middle's coordinates: (start, end, kind, edit); touching ones are grouped
    items = [(s, t, 1, e) for s, t, e in outs] + [(e.start, e.end, 2, e) for e in second]
    items.sort(key=lambda x: (x[0], x[1]))
    groups: list[list[tuple[int, int, int, Edit]]] = []
    group_end = -1
    for it in items:
        if groups and it[0] <= group_end:
            groups[-1].append(it)
            group_end = max(group_end, it[1])
        else:
            groups.append([it])
            group_end = it[1]
    result: list[Edit] = []
    shift = 0  # length change of the first-pass edits before the current group
    for g in groups:
        firsts = [x for x in g if x[2] == 1]
        if len(firsts) == len(g):
            result.extend(e for _, _, _, e in g)
            shift += sum(len(e.after) - (e.end - e.start) for _, _, _, e in g)
            continue
        result.append(_merged(original, middle, g, shift))
        shift += sum(len(e.after) - (e.end - e.start) for _, _, _, e in firsts)
    return sorted(result, key=lambda e: (e.start, e.end))


def _merged(
    original: str, middle: str, group: list[tuple[int, int, int, Edit]], shift: int
) -> Edit:
    """One edit of ``original`` for a group of touching first- and second-pass edits;
    ``shift`` is the length change of the first-pass edits before the group."""
    gs = min(x[0] for x in group)
    ge = max(x[1] for x in group)
    firsts = [x for x in group if x[2] == 1]
    seconds = [e for _, _, kind, e in group if kind == 2]
    at_start = [e.start for s, _, _, e in firsts if s == gs]
    os_ = min(at_start) if at_start else gs - shift
    at_end = [e.end for _, t, _, e in firsts if t == ge]
    inner = sum(len(e.after) - (e.end - e.start) for _, _, _, e in firsts)
    oe = max(at_end) if at_end else ge - shift - inner
    local = [Edit(e.field, e.start - gs, e.end - gs, e.before, e.after, e.check) for e in seconds]
    after = apply(middle[gs:ge], local)
    checks = _merge_checks([*(x[3].check for x in firsts), *(e.check for e in seconds)])
    field = group[0][3].field
    return Edit(field, os_, oe, original[os_:oe], after, checks)


__all__ = ["Edit", "Occupied", "apply", "compose", "non_overlapping", "overlaps"]
