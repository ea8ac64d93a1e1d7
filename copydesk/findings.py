"""Findings: one defect, one span in one field of one record (DESIGN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Severities, ordered so that ``Severity.ERROR > Severity.WARNING > Severity.INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r}: use one of error, warning, info"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


EXCERPT_CONTEXT = 12
NEWLINE_MARK = "⏎"


def make_excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """Return the span with ``context`` characters either side, newlines shown as ``⏎``.

    An ellipsis ``…`` marks where the excerpt was cut from a longer text. Spans longer than
    80 characters are shortened in the middle (``…``) so an excerpt stays one line.

    >>> make_excerpt("构建更加和平安全的网络空\\n\\n间。尊重网络主权", 12, 14, context=3)
    '…网络空⏎⏎间。尊…'
    """
    left = max(0, start - context)
    right = min(len(text), end + context)
    span = text[start:end]
    if len(span) > 80:
        span = span[:38] + "…" + span[-38:]
    out = text[left:start] + span + text[end:right]
    out = out.replace("\r\n", NEWLINE_MARK).replace("\n", NEWLINE_MARK).replace("\r", NEWLINE_MARK)
    if left > 0:
        out = "…" + out
    if right < len(text):
        out = out + "…"
    return out


@dataclass(slots=True)
class Finding:
    """One defect at ``[start, end)`` (code points) of ``field`` in one record."""

    check: str
    severity: Severity
    field: str
    start: int
    end: int
    excerpt: str
    message: str
    suggestion: str | None = None
    record: str | None = None
    input: str | None = None
    line: int | None = None

    @property
    def family(self) -> str:
        return self.check.split(".", 1)[0]

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as the call that makes it: the worker processes of ``--jobs N`` send
        findings back by the thousand, and a slotted dataclass's default (its state as a
        dict, set again field by field) costs twice as much to write and to read."""
        return (
            Finding,
            (
                self.check,
                self.severity,
                self.field,
                self.start,
                self.end,
                self.excerpt,
                self.message,
                self.suggestion,
                self.record,
                self.input,
                self.line,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as DESIGN.md §3 spells it (plus ``input`` where several files are read)."""
        return {
            "record": self.record,
            "input": self.input,
            "line": self.line,
            "check": self.check,
            "severity": str(self.severity),
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            check=d["check"],
            severity=Severity.parse(d["severity"]),
            field=d["field"],
            start=d["start"],
            end=d["end"],
            excerpt=d.get("excerpt", ""),
            message=d.get("message", ""),
            suggestion=d.get("suggestion"),
            record=d.get("record"),
            input=d.get("input"),
            line=d.get("line"),
        )
