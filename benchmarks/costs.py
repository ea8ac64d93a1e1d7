"""Where the checking time goes: CPU seconds per family and per check over a corpus.

``python benchmarks/costs.py CORPUS.jsonl [--limit N] [--checks 15]`` reads the records as the
engine does (``json.loads``, ``ArticleRecord.from_mapping`` with the default config's fields),
then runs on each record, in registry order, every per-record check of the default plan
(``copydesk.validators.registry.run_check``, the plan's parameters and severities), the
record's profile (shown in every report), and both halves of every corpus check: ``prepare``
(in the worker processes under ``--jobs N``) and ``observe`` (in input order, in the main
process). Each call is timed with ``time.process_time``.

A family's cost includes the shared analysis (:mod:`copydesk.validators.analysis`) its checks
build first: the analysis of a text is made by whichever check asks first, so the checks run
in the engine's order to charge it as a real run does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from copydesk.config import Config  # noqa: E402
from copydesk.engine import Plan  # noqa: E402
from copydesk.findings import Severity  # noqa: E402
from copydesk.record import ArticleRecord  # noqa: E402
from copydesk.validators.profile import declare, record_profile  # noqa: E402
from copydesk.validators.registry import CheckSpec, get_check, run_check, to_findings  # noqa: E402
from copydesk.validators.schema import longest_text  # noqa: E402


@dataclass
class Costs:
    """CPU seconds spent over ``records`` records, per step."""

    records: int = 0
    read: float = 0.0  #: ``json.loads`` + ``ArticleRecord.from_mapping``
    checks: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    #: corpus check id -> {"prepare": s, "observe": s, "finish": s}
    corpus: dict[str, dict[str, float]] = field(default_factory=dict)
    profile: float = 0.0  #: ``record_profile`` (the report's wrap and script)

    def families(self) -> dict[str, float]:
        """CPU seconds per family: its per-record checks and both halves of its corpus checks."""
        out: dict[str, float] = defaultdict(float)
        for check_id, sec in self.checks.items():
            out[check_id.split(".", 1)[0]] += sec
        for check_id, parts in self.corpus.items():
            out[check_id.split(".", 1)[0]] += sum(parts.values())
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def total(self) -> float:
        """Every step but reading: what the checks of a run cost."""
        return sum(self.families().values()) + self.profile

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "read": self.read,
            "profile": self.profile,
            "total": self.total(),
            "families": self.families(),
            "checks": dict(self.checks),
            "corpus": self.corpus,
        }


def read_records(path: Path, config: Config, limit: int | None, costs: Costs) -> list[Any]:
    """The readable records of ``path`` (at most ``limit``), reading time added to ``costs``."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if limit is not None and len(out) >= limit:
                break
            t0 = time.process_time()
            try:
                data = json.loads(line)
                rec = ArticleRecord.from_mapping(data, config.fields, input=str(path), line=n)
            except Exception:  # an unreadable line: the engine reports it, no check runs
                rec = None
            costs.read += time.process_time() - t0
            if rec is not None:
                out.append(rec)
    return out


@dataclass
class _Corpus:
    """One corpus check's state, with its two halves and the cost table they fill."""

    spec: CheckSpec
    severity: Severity
    state: Any
    cost: dict[str, float]

    def run(self, record: ArticleRecord) -> None:
        prepare = getattr(self.state, "prepare", None)
        if prepare is None:
            self._timed("observe", lambda: list(self.state(record)), record)
            return
        payload = self._timed("prepare", lambda: prepare(record), None)
        self._timed("observe", lambda: list(self.state.observe(record, payload)), record)

    def _timed(self, part: str, work: Callable[[], Any], record: ArticleRecord | None) -> Any:
        t0 = time.process_time()
        try:
            out = work()
            if record is not None:
                out = list(to_findings(self.spec, record, out, self.severity))
        except Exception:  # a crash is the engine's business, not the benchmark's
            out = None
        self.cost[part] = self.cost.get(part, 0.0) + time.process_time() - t0
        return out


def _plan_steps(plan: Plan, costs: Costs) -> tuple[list[tuple[CheckSpec, Any, Any]], list[_Corpus]]:
    checks = [(get_check(cid), sev, params) for cid, sev, params in plan.record_checks]
    corpus = []
    for cid, sev, params in plan.corpus_checks:
        spec = get_check(cid)
        costs.corpus[cid] = {}
        state = spec.func(**{**spec.params, **params})
        corpus.append(_Corpus(spec, sev, state, costs.corpus[cid]))
    return checks, corpus


def _one_record(
    rec: ArticleRecord, plan: Plan, checks: list[tuple[CheckSpec, Any, Any]], costs: Costs
) -> None:
    oversize = longest_text(rec) > plan.max_chars
    for spec, sev, params in checks:
        if oversize and not spec.linear:
            continue
        t0 = time.process_time()
        try:
            run_check(spec, rec, params, sev)
        except Exception:  # a crashing check is the engine's business, not the benchmark's
            pass
        costs.checks[spec.id] += time.process_time() - t0
    t0 = time.process_time()
    record_profile(rec)
    costs.profile += time.process_time() - t0


def _finish(corpus: list[_Corpus]) -> None:
    for c in corpus:
        finish = getattr(c.state, "finish", None)
        if callable(finish):
            t0 = time.process_time()
            finish()
            c.cost["finish"] = time.process_time() - t0


def measure(path: Path, limit: int | None = None, config: Config | None = None) -> Costs:
    """Cost of every step of a ``--jobs 1`` run of ``config`` (default: the defaults) over the
    first ``limit`` readable records of ``path``."""
    cfg = config or Config()
    plan = Plan.from_config(cfg)
    declare(cfg.profile)
    costs = Costs()
    records = read_records(path, cfg, limit, costs)
    costs.records = len(records)
    checks, corpus = _plan_steps(plan, costs)
    for rec in records:
        _one_record(rec, plan, checks, costs)
        for c in corpus:
            c.run(rec)
    _finish(corpus)
    return costs


def _rate(n: int, sec: float) -> str:
    return f"{n / sec:,.0f}" if sec > 0 else "∞"


def family_table(costs: Costs) -> list[str]:
    """Markdown: one row per family (and profile, reading), CPU seconds, share, records/s."""
    total = costs.total()
    rows = [*costs.families().items(), ("profile (report)", costs.profile)]
    lines = ["| family | CPU s | share | records/s |", "|---|---|---|---|"]
    for name, sec in rows:
        share = f"{100 * sec / total:.1f} %" if total else ""
        lines.append(f"| {name} | {sec:.2f} | {share} | {_rate(costs.records, sec)} |")
    lines.append(f"| **all checks** | {total:.2f} | 100 % | {_rate(costs.records, total)} |")
    lines.append(
        f"| reading (json + record) | {costs.read:.2f} | | {_rate(costs.records, costs.read)} |"
    )
    return lines


def _check_rows(costs: Costs) -> Iterator[tuple[str, float]]:
    yield from costs.checks.items()
    for cid, parts in costs.corpus.items():
        for part, sec in parts.items():
            yield f"{cid} ({part})", sec


def check_table(costs: Costs, top: int | None = None) -> list[str]:
    """Markdown: the ``top`` costliest checks (every check by default), corpus halves apart."""
    total = costs.total()
    rows = sorted(_check_rows(costs), key=lambda kv: -kv[1])[:top]
    lines = ["| check | CPU s | share | records/s |", "|---|---|---|---|"]
    for name, sec in rows:
        share = f"{100 * sec / total:.1f} %" if total else ""
        lines.append(f"| {name} | {sec:.3f} | {share} | {_rate(costs.records, sec)} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, help="the first N readable records only")
    ap.add_argument("--checks", type=int, help="show the N costliest checks only")
    ap.add_argument("--json", action="store_true", help="print the costs as JSON")
    args = ap.parse_args(argv)
    costs = measure(args.corpus, args.limit)
    if args.json:
        print(json.dumps(costs.to_dict(), indent=1))
        return
    print(f"{costs.records} records of {args.corpus}\n")
    print("\n".join(family_table(costs)))
    print()
    print("\n".join(check_table(costs, args.checks)))


if __name__ == "__main__":
    main()
