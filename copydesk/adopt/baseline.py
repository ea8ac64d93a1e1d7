"""Baselines: accept today's findings, gate only on new ones, and ratchet down.

``copydesk baseline PATH... --out copydesk-baseline.json`` records every finding of a run by
its :mod:`fingerprint <copydesk.adopt.fingerprint>`. ``copydesk check --baseline FILE`` then
takes each record's findings that the baseline holds out of the run (:class:`BaselineFilter`,
before the summary counts them), so the gate, the reports and the exit code see only new
findings; the baselined ones are counted apart, and entries of records that were checked but
no longer have their finding are listed as *gone*. ``--update-baseline`` rewrites the file
without the gone entries (never adding new findings), so the baseline only shrinks.

A fingerprint is counted: a record that held the same defect twice (same check, same text
around it) has an entry with ``count`` 2, and a third copy is new.

Entries of records this run did not see (another file, ``pre-commit`` on changed files only)
or of checks it did not select are neither matched nor gone; an update keeps them.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from copydesk import __version__
from copydesk.adopt import fingerprint as fp
from copydesk.adopt.files import write_atomic
from copydesk.engine import RecordResult
from copydesk.findings import Finding

FORMAT = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read, or one made with another fingerprint recipe."""


@dataclass(slots=True)
class Entry:
    """One accepted finding (or ``count`` identical ones) of one record."""

    record: str
    check: str
    field: str
    excerpt: str
    fingerprint: str
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "check": self.check,
            "field": self.field,
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
            "count": self.count,
        }


@dataclass
class Baseline:
    """Accepted findings by record key, then by fingerprint."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(e.count for by_fp in self.entries.values() for e in by_fp.values())

    def add(self, f: Finding) -> None:
        key = fp.record_key(f.record, f.input, f.line)
        digest = fp.of_finding(f)
        by_fp = self.entries.setdefault(key, {})
        entry = by_fp.get(digest)
        if entry is None:
            by_fp[digest] = Entry(key, f.check, f.field, f.excerpt, digest)
        else:
            entry.count += 1

    def iter_entries(self) -> Iterator[Entry]:
        for key in sorted(self.entries):
            yield from sorted(self.entries[key].values(), key=lambda e: (e.check, e.fingerprint))

    def dumps(self) -> str:
        """The file: a head line, then one entry per line (small diffs under version control)."""
        head = {
            "copydesk_baseline": FORMAT,
            "fingerprint": fp.VERSION,
            "copydesk": __version__,
            "inputs": self.inputs,
            "findings": self.findings,
            "records": len(self.entries),
        }
        lines = [json.dumps(e.to_dict(), ensure_ascii=False) for e in self.iter_entries()]
        text = json.dumps(head, ensure_ascii=False)[:-1] + ',\n"entries": [\n'
        return text + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"

    def save(self, path: str | Path) -> None:
        write_atomic(path, self.dumps())

    @classmethod
    def from_findings(cls, findings: Iterable[Finding], inputs: Iterable[str] = ()) -> Baseline:
        b = cls(inputs=list(inputs))
        for f in findings:
            b.add(f)
        return b

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; :class:`BaselineError` when it is not one.

        The layout :meth:`dumps` writes is read one entry at a time; any other JSON layout
        of the same object is read whole.
        """
        try:
            with Path(path).open(encoding="utf-8") as fh:
                head, entries = _read(fh)
                _check_head(head, path)
                b = cls(inputs=list(head.get("inputs") or []))
                for d in entries:
                    e = Entry(  # ids, checks and fields repeat: one copy of each
                        sys.intern(str(d["record"])),
                        sys.intern(str(d["check"])),
                        sys.intern(str(d["field"])),
                        str(d.get("excerpt", "")),
                        str(d["fingerprint"]),
                        int(d.get("count", 1)),
                    )
                    b.entries.setdefault(e.record, {})[e.fingerprint] = e
        except FileNotFoundError:
            raise BaselineError(f"baseline {path}: no such file") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"baseline {path}: cannot read it: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BaselineError(f"baseline {path}: malformed entry: {exc!r}") from None
        return b


def _check_head(head: Any, path: str | Path) -> None:
    if not isinstance(head, dict) or head.get("copydesk_baseline") != FORMAT:
        raise BaselineError(f"baseline {path}: not a copydesk baseline file")
    if head.get("fingerprint") != fp.VERSION:
        raise BaselineError(
            f"baseline {path}: made with fingerprint version {head.get('fingerprint')}, "
            f"this copydesk uses {fp.VERSION}; make it again with `copydesk baseline`"
        )


def _read(fh: IO[str]) -> tuple[Any, Iterator[dict[str, Any]]]:
    """The head and the entries of an open baseline file: streamed in the layout of
    :meth:`Baseline.dumps`, else the whole JSON."""
    first, second = fh.readline(), fh.readline()
    if first.rstrip().endswith(",") and second.strip() == '"entries": [':
        head = json.loads(first.rstrip()[:-1] + "}")

        def entries() -> Iterator[dict[str, Any]]:
            for line in fh:
                text = line.strip().removesuffix(",")
                if text.startswith("{"):
                    yield json.loads(text)

        return head, entries()
    whole = json.loads(first + second + fh.read())
    entries = whole.get("entries", []) if isinstance(whole, dict) else []
    return whole, iter(entries)


class BaselineFilter:
    """Takes baselined findings out of each result before the summary counts it.

    Call it on every :class:`RecordResult` in input order (the engine's ``triage`` hook).
    ``selected`` are the check ids of the run: entries of other checks are never gone.
    """

    def __init__(self, baseline: Baseline, selected: Iterable[str], path: str = "") -> None:
        self.baseline = baseline
        self.path = path
        self.selected = set(selected)
        self.remaining: dict[str, Counter[str]] = {}  # records seen: fingerprint -> left
        self.matched: Counter[str] = Counter()  # check -> findings baselined
        self.new: Counter[str] = Counter()  # check -> findings not in the baseline

    def __call__(self, result: RecordResult) -> None:
        if not result.findings:
            if result.readable:
                key = fp.record_key(result.record_id, result.input, result.line)
                if key in self.baseline.entries:
                    self._left(key)  # checked, and every baselined finding is gone
            return
        kept: list[Finding] = []
        for f in result.findings:
            key = fp.record_key(f.record, f.input, f.line)
            left = self._left(key) if key in self.baseline.entries else None
            digest = fp.of_finding(f) if left is not None else ""
            if left is not None and left[digest] > 0:
                left[digest] -= 1
                self.matched[f.check] += 1
            else:
                self.new[f.check] += 1
                kept.append(f)
        result.findings = kept

    def _left(self, key: str) -> Counter[str]:
        left = self.remaining.get(key)
        if left is None:
            left = self.remaining[key] = Counter(
                {d: e.count for d, e in self.baseline.entries[key].items()}
            )
        return left

    def gone(self) -> list[Entry]:
        """Entries of checked records and selected checks whose findings did not come back."""
        out = []
        for key in sorted(self.remaining):
            for digest, n in sorted(self.remaining[key].items()):
                e = self.baseline.entries[key][digest]
                if n > 0 and e.check in self.selected:
                    out.append(Entry(e.record, e.check, e.field, e.excerpt, digest, n))
        return out

    def tightened(self) -> Baseline:
        """The baseline without the gone entries; nothing new is added."""
        gone = {(e.record, e.fingerprint): e.count for e in self.gone()}
        out = Baseline(inputs=list(self.baseline.inputs))
        for key, by_fp in self.baseline.entries.items():
            for digest, e in by_fp.items():
                n = e.count - gone.get((key, digest), 0)
                if n > 0:
                    out.entries.setdefault(key, {})[digest] = Entry(
                        e.record, e.check, e.field, e.excerpt, digest, n
                    )
        return out

    def to_dict(self) -> dict[str, Any]:
        """The ``baseline`` section of the report JSON."""
        gone = self.gone()
        gone_by_check: Counter[str] = Counter()
        for e in gone:
            gone_by_check[e.check] += e.count
        checks = sorted(set(self.matched) | set(gone_by_check) | set(self.new))
        return {
            "file": self.path,
            "entries": self.baseline.findings,
            "baselined": sum(self.matched.values()),
            "new": sum(self.new.values()),
            "gone": sum(gone_by_check.values()),
            "by_check": {
                c: {
                    "baselined": self.matched.get(c, 0),
                    "new": self.new.get(c, 0),
                    "gone": gone_by_check.get(c, 0),
                }
                for c in checks
            },
            "gone_findings": [e.to_dict() for e in gone],
        }


def text_section(section: Mapping[str, Any], shown: int = 10) -> str:
    """The baseline block of the text summary."""
    lines = [
        f"baseline {section['file']}: {section['baselined']} findings baselined (not gating), "
        f"{section['new']} new, {section['gone']} baselined findings gone"
    ]
    rows = section["by_check"]
    if rows:
        width = max(len(c) for c in rows)
        lines.append(f"  {'check'.ljust(width)}  baselined      new     gone")
        for c, v in rows.items():
            lines.append(f"  {c.ljust(width)}  {v['baselined']:9}  {v['new']:7}  {v['gone']:7}")
    gone = section["gone_findings"]
    if gone:
        lines.append("gone from the baseline (fixed; --update-baseline drops them):")
        for e in gone[:shown]:
            times = f" ×{e['count']}" if e["count"] > 1 else ""
            lines.append(f"  {e['record']} {e['check']} {e['field']}{times}  {e['excerpt']}")
        if len(gone) > shown:
            lines.append(f"  … and {len(gone) - shown} more (see the report JSON)")
    return "\n".join(lines) + "\n"
