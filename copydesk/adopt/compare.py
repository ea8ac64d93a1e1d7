"""``copydesk compare OLD NEW``: which findings a change fixed and which it introduced.

Both sides are report JSONs (``copydesk check --json``), or inputs checked here with the same
config (extractor v1 and v2 on the same documents, with the same record ids). A finding of
NEW is *unchanged* when OLD has a finding with the same fingerprint (record, check, field,
normalised text around the span: :mod:`copydesk.adopt.fingerprint`), else *introduced*; a
finding of OLD that NEW does not match is *fixed*. Fingerprints are counted, so a third copy
of a defect that OLD had twice is one introduced finding.

When inputs are compared, records present on one side only are listed apart and their
findings are neither fixed nor introduced (a record the new extractor dropped did not get
fixed). A report JSON lists only records with findings, so between two reports a record
without findings on one side cannot be told from a missing one.

Memory holds one 16-byte digest per finding of OLD (about 100 bytes with the counter) and
the changed findings; NEW is streamed, OLD read twice. Time is linear in both sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.adopt import fingerprint as fp
from copydesk.findings import Severity

_KEEP = (
    "record",
    "input",
    "line",
    "check",
    "severity",
    "field",
    "start",
    "end",
    "excerpt",
    "message",
)


@dataclass
class Side:
    """What is known of one side: its name, findings count, and (for inputs) record ids."""

    name: str
    findings: int = 0
    records: int | None = None
    record_ids: set[str] | None = None


@dataclass
class Comparison:
    """Findings fixed and introduced, per check and per record."""

    old: Side
    new: Side
    fail_on: Severity = Severity.ERROR
    max_introduced: int = 0
    unchanged: int = 0
    fixed: list[dict[str, Any]] = field(default_factory=list)
    introduced: list[dict[str, Any]] = field(default_factory=list)
    only_old: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    old_by_check: Counter[str] = field(default_factory=Counter)
    new_by_check: Counter[str] = field(default_factory=Counter)

    @property
    def regressions(self) -> int:
        """Introduced findings at or above ``fail_on``: what the threshold is about."""
        return sum(1 for d in self.introduced if Severity.parse(d["severity"]) >= self.fail_on)

    @property
    def passed(self) -> bool:
        return self.regressions <= self.max_introduced

    def by_check(self) -> dict[str, dict[str, int]]:
        fixed = Counter(d["check"] for d in self.fixed)
        intro = Counter(d["check"] for d in self.introduced)
        checks = sorted(set(self.old_by_check) | set(self.new_by_check))
        return {
            c: {
                "old": self.old_by_check[c],
                "new": self.new_by_check[c],
                "fixed": fixed[c],
                "introduced": intro[c],
            }
            for c in checks
        }

    def by_record(self) -> list[dict[str, Any]]:
        """Records with a change, most introduced findings first."""
        fixed = Counter(d["record"] for d in self.fixed)
        intro = Counter(d["record"] for d in self.introduced)
        rows = [
            {"record": r, "fixed": fixed[r], "introduced": intro[r]}
            for r in set(fixed) | set(intro)
        ]
        rows.sort(key=lambda d: (-d["introduced"], -d["fixed"], d["record"]))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON (``compare --format json``; the HTML section reads it)."""
        return {
            "old": {
                "name": self.old.name,
                "findings": self.old.findings,
                "records": self.old.records,
            },
            "new": {
                "name": self.new.name,
                "findings": self.new.findings,
                "records": self.new.records,
            },
            "fail_on": str(self.fail_on),
            "max_introduced": self.max_introduced,
            "passed": self.passed,
            "unchanged": self.unchanged,
            "fixed": len(self.fixed),
            "introduced": len(self.introduced),
            "regressions": self.regressions,
            "by_check": self.by_check(),
            "by_record": self.by_record(),
            "only_old_records": self.only_old,
            "only_new_records": self.only_new,
            "fixed_findings": self.fixed,
            "introduced_findings": self.introduced,
        }


def _key(d: Mapping[str, Any]) -> tuple[str, bytes]:
    """The record key and the finding's digest (which already holds the record key)."""
    rec = fp.record_key(d.get("record"), d.get("input"), d.get("line"))
    return rec, fp.digest(rec, d["check"], d["field"], d.get("excerpt", ""))


def _slim(d: Mapping[str, Any], rec: str) -> dict[str, Any]:
    out = {k: d.get(k) for k in _KEEP}
    out["record"] = rec
    return out


def compare(
    old: Side,
    old_findings: Callable[[], Iterable[Mapping[str, Any]]],
    new: Side,
    new_findings: Iterable[Mapping[str, Any]],
    *,
    fail_on: Severity = Severity.ERROR,
    max_introduced: int = 0,
) -> Comparison:
    """Match NEW's findings against OLD's by fingerprint (both as report-JSON dicts).

    ``old_findings`` is called twice (OLD is read twice): first to count its digests, then,
    after NEW has been matched, to fetch the details of the fixed ones. Memory holds one
    digest per OLD finding, not the finding.
    """
    out = Comparison(old, new, fail_on=fail_on, max_introduced=max_introduced)
    both = (
        old.record_ids & new.record_ids
        if old.record_ids is not None and new.record_ids is not None
        else None
    )
    if both is not None:
        out.only_old = sorted(old.record_ids - both)  # type: ignore[operator]
        out.only_new = sorted(new.record_ids - both)  # type: ignore[operator]
    left: Counter[bytes] = Counter()
    for d in old_findings():
        old.findings += 1
        out.old_by_check[d["check"]] += 1
        rec, key = _key(d)
        if both is None or rec in both:
            left[key] += 1
    for d in new_findings:
        new.findings += 1
        out.new_by_check[d["check"]] += 1
        rec, key = _key(d)
        if both is not None and rec not in both:
            continue
        if left[key] > 0:
            left[key] -= 1
            out.unchanged += 1
        else:
            out.introduced.append(_slim(d, rec))
    for d in old_findings():
        rec, key = _key(d)
        if left[key] > 0:
            left[key] -= 1
            out.fixed.append(_slim(d, rec))
    return out
