"""Audit by group: ``--group-by FIELD`` splits the run's summary by a field of the records.

Each group keeps its own :class:`~copydesk.engine.Summary`, fed the same results in the same
way as the run's, so the groups' records, passed, failed, unreadable and findings add up to
the run's totals, check by check. Groups are listed worst first: highest failing-record
rate, then most failing records, then most findings.

``FIELD`` is a canonical field (mapped to your name by ``[tool.copydesk.fields]``) or any
other field of the records; ``FIELD:year`` and ``FIELD:month`` keep the first 4 or 7
characters of an ISO date (``published:month`` → ``2023-11``). A record without the field is
in the group ``(none)``, an unreadable line in ``(unreadable)``; a missing ``language`` is
detected from the script, as the checks do.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from copydesk.engine import RecordResult, Summary
from copydesk.findings import Severity
from copydesk.record import CANONICAL_FIELDS, ArticleRecord, FieldMap

NONE = "(none)"
UNREADABLE = "(unreadable)"
OTHER = "(other groups)"
MAX_GROUPS = 1000
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?")
_PARTS = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True)
class GroupSpec:
    """``FIELD`` or ``FIELD:year|month|day``, with the field map to find the field."""

    name: str
    part: str | None
    fields: FieldMap

    @classmethod
    def parse(cls, text: str, fields: FieldMap | None = None) -> GroupSpec:
        name, _, part = text.strip().partition(":")
        if not name:
            raise ValueError(f"--group-by {text!r}: name a field, e.g. source or published:month")
        if part and part not in _PARTS:
            raise ValueError(f"--group-by {text!r}: after ':' use one of {', '.join(_PARTS)}")
        return cls(name, part or None, fields or FieldMap())

    @property
    def label(self) -> str:
        return f"{self.name}:{self.part}" if self.part else self.name

    def value(self, data: Mapping[str, Any] | None) -> str:
        """The group of one record's data (``None`` for an unreadable line)."""
        if data is None:
            return UNREADABLE
        key = self.fields.source(self.name) if self.name in CANONICAL_FIELDS else self.name
        raw = data.get(key)
        if raw is None and self.name == "language":
            raw = ArticleRecord.from_mapping(data, self.fields).language
        if raw is None or raw == "" or raw == []:
            return NONE
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
        if self.part is not None:
            return text[: _PARTS[self.part]] if _DATE.match(text) else text
        return text


class GroupTally:
    """One :class:`Summary` per group; feed it every result with its record's data."""

    def __init__(self, spec: GroupSpec, fail_on: Severity, max_groups: int = MAX_GROUPS) -> None:
        self.spec = spec
        self.fail_on = fail_on
        self.max_groups = max_groups
        self.groups: dict[str, Summary] = {}

    def add(self, result: RecordResult, data: Mapping[str, Any] | None) -> None:
        name = self.spec.value(data if result.readable else None)
        summary = self.groups.get(name)
        if summary is None:
            if len(self.groups) >= self.max_groups:
                name = OTHER
                summary = self.groups.get(name)
            if summary is None:
                summary = self.groups[name] = Summary(fail_on=self.fail_on)
        summary.add(result)

    def ordered(self) -> list[tuple[str, Summary]]:
        """Worst first: failing rate, failing records, findings; then the name."""
        return sorted(self.groups.items(), key=lambda kv: (*badness(kv[1]), kv[0]))

    def to_dict(self) -> dict[str, Any]:
        """The ``groups`` section of the report JSON."""
        return {
            "by": self.spec.label,
            "groups": [group_row(name, s) for name, s in self.ordered()],
        }


def badness(s: Summary) -> tuple[float, int, int]:
    """Sort key, smallest worst: the failing rate, failing records, findings, negated."""
    return (-failing_rate(s), -s.failed, -s.findings)


def failing_rate(s: Summary) -> float:
    """Failing records as a percentage of the group's records (unreadable ones count as
    failing: the gate fails closed on them)."""
    return 100.0 * (s.failed + s.unreadable) / s.records if s.records else 0.0


def group_row(name: str, s: Summary) -> dict[str, Any]:
    return {
        "group": name,
        "records": s.records,
        "passed": s.passed,
        "failed": s.failed,
        "unreadable": s.unreadable,
        "findings": s.findings,
        "failing_rate": round(failing_rate(s), 4),
        "by_check": {
            c: {"records": v.records, "failing_records": v.failing_records, "findings": v.findings}
            for c, v in sorted(s.by_check.items())
        },
    }


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters (CJK) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def text_section(section: Mapping[str, Any], shown: int = 30) -> str:
    """The group block of the text summary: one line per group, worst first."""
    groups = section["groups"]
    lines = [f"by {section['by']} ({len(groups)} groups, worst first):"]
    width = max([display_width(g["group"]) for g in groups[:shown]] + [5])
    lines.append(
        f"  {pad('group', width)}  records   failed  failing  findings  top checks (findings)"
    )
    for g in groups[:shown]:
        top = sorted(g["by_check"].items(), key=lambda kv: (-kv[1]["findings"], kv[0]))[:3]
        tops = ", ".join(f"{c} {v['findings']}" for c, v in top)
        failing = g["failed"] + g["unreadable"]
        lines.append(
            f"  {pad(g['group'], width)}  {g['records']:7}  {failing:7}  "
            f"{g['failing_rate']:6.1f}%  {g['findings']:8}  {tops}"
        )
    if len(groups) > shown:
        lines.append(f"  … and {len(groups) - shown} more groups (see the report JSON)")
    return "\n".join(lines) + "\n"
