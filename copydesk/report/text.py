"""The terminal summary: per-check counts, the gate verdict, and a few examples per check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from copydesk.engine import RecordResult, RunResult
from copydesk.findings import Finding
from copydesk.validators.registry import get_check

#: The order a copy editor reads a broken page in: records that are not records, then
#: articles cut wrong or printed twice, then broken sentences, then dates and figures.
FAMILY_ORDER = ("schema", "layout", "quote", "sentence", "date", "figure", "encoding")


def _family_rank(check_id: str) -> int:
    family = check_id.split(".", 1)[0]
    return FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)


def describe_profiles(counts: dict[str, int]) -> str:
    """``12 hard-wrapped, 3 flowed; 10 cjk, 5 latin``: how the records of an input were made
    (copydesk.validators.profile), zero counts left out."""
    wraps = [
        f"{counts[k]} {n}"
        for k, n in (("hard", "hard-wrapped"), ("flowed", "flowed"))
        if counts.get(k)
    ]
    scripts = [f"{counts[k]} {k}" for k in ("cjk", "latin", "mixed") if counts.get(k)]
    return "; ".join(p for p in (", ".join(wraps), ", ".join(scripts)) if p)


class TextReport:
    """Keeps a few examples of each check while the engine runs: the first finding of each
    of the first ``examples`` records, so the examples show different records."""

    def __init__(self, examples: int = 3) -> None:
        self.examples = examples
        self.kept: dict[str, list[Finding]] = {}

    def add(self, result: RecordResult) -> None:
        seen: set[str] = set()
        for f in result.findings:
            if f.check in seen:
                continue
            seen.add(f.check)
            kept = self.kept.setdefault(f.check, [])
            if len(kept) < self.examples:
                kept.append(f)

    def write(
        self,
        out: IO[str],
        inputs: Sequence[str],
        result: RunResult,
        sections: Sequence[str] = (),
    ) -> None:
        """The summary; ``sections`` (baseline, groups) go just before the gate verdict."""
        s = result.summary
        w = out.write
        w(f"copydesk: {', '.join(inputs)}\n")
        w(
            f"records {s.records}: {s.passed} passed, {s.failed} failed, "
            f"{s.unreadable} unreadable; {s.findings} findings\n"
        )
        for name, counts in list(s.profiles.items())[:10]:
            w(f"profile {name}: {describe_profiles(counts)}\n")
        if len(s.profiles) > 10:
            w(f"profile: … and {len(s.profiles) - 10} more inputs (see --json)\n")
        if s.by_check:
            w("\n")
            width = max(len(k) for k in s.by_check)
            w(f"  {'check'.ljust(width)}  severity  records  findings\n")
            order = sorted(
                s.by_check.items(),
                key=lambda kv: (-kv[1].severity, _family_rank(kv[0]), -kv[1].records, kv[0]),
            )
            for check_id, cc in order:
                w(
                    f"  {check_id.ljust(width)}  {cc.severity!s:8}  "
                    f"{cc.records:7}  {cc.findings:8}\n"
                )
            for check_id, _cc in order:
                try:
                    desc = get_check(check_id).description
                except KeyError:
                    desc = ""
                w(f"\n{check_id}: {desc}\n")
                for f in self.kept.get(check_id, []):
                    where = f.record or f"line {f.line}"
                    w(f"  {where} {f.field}[{f.start}:{f.end}]  {f.excerpt}\n")
                    w(f"      {f.message}")
                    w(f" (suggestion: {f.suggestion})\n" if f.suggestion else "\n")
        if result.errors:
            w(f"\nunreadable ({len(result.errors)}):\n")
            for e in result.errors[:10]:
                w(f"  {e['input']}:{e['line']}: {e['message']}\n")
            if len(result.errors) > 10:
                w(f"  … and {len(result.errors) - 10} more (see --json)\n")
        if result.internal:
            w(f"\ninternal errors ({len(result.internal)}; a bug in copydesk, please report):\n")
            for e in result.internal[:10]:
                w(f"  {e['input']}:{e['line']}: {e['message']}\n")
            if len(result.internal) > 10:
                w(f"  … and {len(result.internal) - 10} more (see --json)\n")
        for section in sections:
            w("\n" + section)
        w("\n")
        if s.gate_passed:
            w("gate: PASSED\n")
        else:
            w("gate: FAILED\n")
            for r in s.reasons:
                w(f"  - {r}\n")
