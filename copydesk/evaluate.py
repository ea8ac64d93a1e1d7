"""Precision and recall of findings against hand labels (a fixture's ``expected.json``).

A finding matches a label when both name the same record and field, the same family, and
their spans overlap (an empty span matches a label whose span contains its position). A label
is found when at least one finding matches it; a finding is correct when it matches at least
one label. Matching by overlap lets one finding cover a defect the labels split in two, and
the other way round, without counting either as wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copydesk.findings import Finding, Severity


@dataclass
class Score:
    """Counts for one family (or one check)."""

    labels: int = 0
    found: int = 0
    findings: int = 0
    correct: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.findings if self.findings else 1.0


def load_labels(path: str | Path) -> list[dict[str, Any]]:
    """The ``labels`` list of an ``expected.json``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data["labels"] if isinstance(data, Mapping) else data)


def _overlaps(f: Finding, lab: Mapping[str, Any]) -> bool:
    if f.start == f.end:
        return lab["start"] <= f.start <= lab["end"]
    if lab["start"] == lab["end"]:
        return f.start <= lab["start"] <= f.end
    return f.start < lab["end"] and lab["start"] < f.end


def _family(check_or_family: str) -> str:
    return check_or_family.split(".", 1)[0]


def score(
    findings: Iterable[Finding],
    labels: Iterable[Mapping[str, Any]],
    *,
    min_severity: Severity = Severity.WARNING,
    families: Iterable[str] | None = None,
) -> dict[str, Score]:
    """Per-family scores of ``findings`` (at or above ``min_severity``) against ``labels``."""
    fams = set(families) if families is not None else None
    flist = [
        f for f in findings if f.severity >= min_severity and (fams is None or f.family in fams)
    ]
    llist = [lab for lab in labels if fams is None or _family(lab["family"]) in fams]
    out: dict[str, Score] = {}
    for lab in llist:
        fam = _family(lab["family"])
        s = out.setdefault(fam, Score())
        s.labels += 1
        if any(
            f.family == fam
            and f.record == lab["record"]
            and f.field == lab["field"]
            and _overlaps(f, lab)
            for f in flist
        ):
            s.found += 1
        else:
            s.missed.append(dict(lab))
    for f in flist:
        s = out.setdefault(f.family, Score())
        s.findings += 1
        if any(
            _family(lab["family"]) == f.family
            and lab["record"] == f.record
            and lab["field"] == f.field
            and _overlaps(f, lab)
            for lab in llist
        ):
            s.correct += 1
        else:
            s.false_alarms.append(f)
    return out


def format_table(scores: Mapping[str, Score]) -> str:
    """A plain-text table: family, labels, found, findings, correct, recall, precision."""
    rows = [("family", "labels", "found", "findings", "correct", "recall", "precision")]
    for fam in sorted(scores):
        s = scores[fam]
        rows.append(
            (
                fam,
                str(s.labels),
                str(s.found),
                str(s.findings),
                str(s.correct),
                f"{s.recall:.3f}",
                f"{s.precision:.3f}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)
