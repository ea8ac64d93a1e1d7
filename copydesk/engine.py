"""The engine: stream records through the selected checks, build the summary and the gate.

``read -> record -> checks -> findings -> summary``. Per-record checks run in worker
processes when ``jobs > 1`` (chunks of records, at most ``2 * jobs`` chunks in flight, so
memory stays flat); results come back in input order, and corpus checks (duplicate ids) then
run in this process, so ``--jobs 2`` and ``--jobs 1`` give identical output.

A corpus check may split its work: ``prepare(record) -> payload`` (pure, per record: the
duplicate-record sketch) runs in the workers next to the per-record checks and travels back
in :attr:`RecordResult.payloads`; the main process then calls only the cheap
``observe(record, payload)`` (index look-up and insert), in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from copydesk.config import Config
from copydesk.findings import Finding, Severity
from copydesk.io import RawItem
from copydesk.record import ArticleRecord
from copydesk.validators.profile import record_profile
from copydesk.validators.registry import (
    CheckSpec,
    finding_order,
    select_checks,
    to_findings,
)

CHUNK = 64


@dataclass(slots=True)
class RecordResult:
    """The outcome for one input item: its findings, or the error that made it unreadable."""

    input: str
    line: int
    record_id: str | None
    findings: list[Finding]
    error: str | None = None
    #: one ``prepare`` payload per corpus check of the plan (``None`` for a check without
    #: ``prepare``); consumed by the engine, ``None`` once the corpus checks have run
    payloads: tuple[Any, ...] | None = None
    #: the body's inferred text profile as ``(wrap, script)`` (copydesk.validators.profile)
    profile: tuple[str, str] | None = None

    @property
    def readable(self) -> bool:
        return self.error is None


@dataclass
class CheckCount:
    severity: Severity
    records: int = 0
    findings: int = 0
    failing_records: int = 0  # records with a finding at or above fail-on


@dataclass
class Summary:
    """Totals of one run; ``records == passed + failed + unreadable`` always."""

    fail_on: Severity
    records: int = 0
    passed: int = 0
    failed: int = 0
    unreadable: int = 0
    findings: int = 0
    by_check: dict[str, CheckCount] = field(default_factory=dict)
    gate_passed: bool = True
    reasons: list[str] = field(default_factory=list)
    #: per input: how many records were inferred hard/flowed and cjk/latin/mixed
    profiles: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, result: RecordResult) -> None:
        self.records += 1
        if not result.readable:
            self.unreadable += 1
            return
        if result.profile is not None:
            counts = self.profiles.setdefault(result.input, {})
            for key in result.profile:
                counts[key] = counts.get(key, 0) + 1
        self.findings += len(result.findings)
        seen: dict[str, bool] = {}
        for f in result.findings:
            cc = self.by_check.get(f.check)
            if cc is None:
                cc = self.by_check[f.check] = CheckCount(f.severity)
            cc.findings += 1
            cc.severity = max(cc.severity, f.severity)
            seen[f.check] = seen.get(f.check, False) or f.severity >= self.fail_on
        failed = False
        for check_id, failing in seen.items():
            cc = self.by_check[check_id]
            cc.records += 1
            if failing:
                cc.failing_records += 1
                failed = True
        if failed:
            self.failed += 1
        else:
            self.passed += 1

    def decide(self, config: Config) -> None:
        """Set the gate verdict and the reasons from the thresholds in ``config``."""
        reasons = []
        total = self.records
        for check_id in sorted(self.by_check):
            cc = self.by_check[check_id]
            if cc.failing_records == 0:
                continue
            th = config.threshold_for(check_id)
            if th.exceeded(cc.failing_records, total):
                pct = 100.0 * cc.failing_records / total if total else 0.0
                noun = "record" if cc.failing_records == 1 else "records"
                reasons.append(
                    f"{check_id}: {cc.failing_records} {noun} ({pct:.1f}%) > {th.describe()}"
                )
        if self.unreadable > config.max_unreadable:
            noun = "record" if self.unreadable == 1 else "records"
            reasons.append(f"unreadable: {self.unreadable} {noun} > {config.max_unreadable}")
        self.reasons = reasons
        self.gate_passed = not reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "passed": self.passed,
            "failed": self.failed,
            "unreadable": self.unreadable,
            "findings": self.findings,
            "by_check": {
                k: {"severity": str(v.severity), "records": v.records, "findings": v.findings}
                for k, v in sorted(self.by_check.items())
            },
            "gate": {"passed": self.gate_passed, "reasons": list(self.reasons)},
            "profiles": {k: dict(sorted(v.items())) for k, v in self.profiles.items()},
        }


@dataclass(frozen=True)
class Plan:
    """The checks of one run with their severities and parameters, picklable for workers."""

    record_checks: tuple[tuple[str, Severity, Mapping[str, Any]], ...]
    corpus_checks: tuple[tuple[str, Severity, Mapping[str, Any]], ...]
    config: Config

    @classmethod
    def from_config(cls, config: Config) -> Plan:
        specs = select_checks(config.select, config.ignore)
        for check_id in config.params:
            if not any(s.id == check_id for s in specs) and check_id not in {
                s.id for s in select_checks()
            }:
                raise ValueError(f"params given for unknown check {check_id!r}")

        def entry(s: CheckSpec) -> tuple[str, Severity, Mapping[str, Any]]:
            params = dict(config.params.get(s.id, {}))
            unknown = set(params) - set(s.params)
            if unknown:
                raise ValueError(
                    f"{s.id} has no parameter(s) {', '.join(sorted(unknown))}; "
                    f"it takes {', '.join(sorted(s.params)) or 'none'}"
                )
            return (s.id, config.severity_for(s.id, s.severity), params)

        return cls(
            record_checks=tuple(entry(s) for s in specs if not s.corpus),
            corpus_checks=tuple(entry(s) for s in specs if s.corpus),
            config=config,
        )


def _corpus_states(plan: Plan) -> list[tuple[CheckSpec, Severity, Any]]:
    """One instance of every corpus check of ``plan``, with its spec and severity."""
    from copydesk.validators.registry import get_check

    out = []
    for check_id, sev, params in plan.corpus_checks:
        spec = get_check(check_id)
        out.append((spec, sev, spec.func(**{**spec.params, **params})))
    return out


class _Runner:
    """Per-record checks bound to their functions, built once per process.

    With ``prepare=True`` it also runs the ``prepare`` half of every corpus check that has
    one and returns the payloads in :attr:`RecordResult.payloads`.
    """

    def __init__(self, plan: Plan, *, prepare: bool = False) -> None:
        from copydesk.validators.profile import declare
        from copydesk.validators.registry import get_check

        declare(plan.config.profile)
        self.fields = plan.config.fields
        self.checks = []
        for check_id, sev, params in plan.record_checks:
            spec = get_check(check_id)
            self.checks.append((spec, sev, {**spec.params, **params}))
        self.preparers: list[Callable[[ArticleRecord], Any] | None] = []
        if prepare:
            for _spec, _sev, state in _corpus_states(plan):
                self.preparers.append(getattr(state, "prepare", None))

    def run(self, item: RawItem) -> RecordResult:
        if item.data is None:
            return RecordResult(item.input, item.line, None, [], item.error or "unreadable")
        record = ArticleRecord.from_mapping(
            item.data, self.fields, input=item.input, line=item.line
        )
        findings: list[Finding] = []
        for spec, sev, params in self.checks:
            try:
                hits = spec.func(record, **params)
                findings.extend(to_findings(spec, record, hits, sev))
            except Exception as exc:  # a bug in a check must not hide the record
                raise RuntimeError(
                    f"check {spec.id} crashed on {item.input} line {item.line}: {exc!r}"
                ) from exc
        findings.sort(key=finding_order)
        payloads = None
        if self.preparers:
            payloads = tuple(p(record) if p is not None else None for p in self.preparers)
        prof = record_profile(record)
        return RecordResult(
            item.input,
            item.line,
            record.display_id,
            findings,
            None,
            payloads,
            (prof.wrap, prof.script),
        )


_WORKER: _Runner | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER
    _WORKER = _Runner(plan, prepare=True)


def _run_chunk(chunk: list[RawItem]) -> list[RecordResult]:
    assert _WORKER is not None
    return [_WORKER.run(item) for item in chunk]


def _chunks(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    chunk: list[RawItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_records(
    items: Iterable[RawItem], plan: Plan, jobs: int = 1, chunk_size: int = CHUNK
) -> Iterator[RecordResult]:
    """Results for every item, in input order, corpus checks applied."""
    corpus = _corpus_states(plan)
    # (spec, severity, observe(record, payload) when the check has a prepare half, state)
    steps = [
        (spec, sev, state.observe if hasattr(state, "prepare") else None, state)
        for spec, sev, state in corpus
    ]
    fields = plan.config.fields

    def with_corpus(
        results: Iterable[RecordResult], raw: Iterable[RawItem]
    ) -> Iterator[RecordResult]:
        for res, item in zip(results, raw, strict=True):
            payloads, res.payloads = res.payloads, None
            if steps and res.readable and item.data is not None:
                record = ArticleRecord.from_mapping(
                    item.data, fields, input=item.input, line=item.line
                )
                extra: list[Finding] = []
                for n, (spec, sev, observe, state) in enumerate(steps):
                    if observe is not None and payloads is not None:
                        hits = observe(record, payloads[n])
                    else:
                        hits = state(record)
                    extra.extend(to_findings(spec, record, hits, sev))
                if extra:
                    res.findings = sorted(res.findings + extra, key=finding_order)
            yield res

    if jobs <= 1:
        runner = _Runner(plan, prepare=True)
        for item in items:
            yield from with_corpus([runner.run(item)], [item])
        return

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(plan,)
    ) as pool:
        pending: deque[tuple[Future[list[RecordResult]], list[RawItem]]] = deque()
        for chunk in _chunks(items, chunk_size):
            pending.append((pool.submit(_run_chunk, chunk), chunk))
            while len(pending) >= 2 * jobs:
                fut, raw = pending.popleft()
                yield from with_corpus(fut.result(), raw)
        while pending:
            fut, raw = pending.popleft()
            yield from with_corpus(fut.result(), raw)


@dataclass
class RunResult:
    """A finished run: the summary, and the errors of unreadable items."""

    summary: Summary
    errors: list[dict[str, Any]]


def run(
    items: Iterable[RawItem],
    config: Config,
    jobs: int = 1,
    on_result: Callable[[RecordResult], None] | None = None,
) -> RunResult:
    """Run the checks of ``config`` over ``items``; ``on_result`` sees every result in order."""
    from copydesk.validators.profile import declare, declared

    plan = Plan.from_config(config)
    summary = Summary(fail_on=config.fail_on)
    errors: list[dict[str, Any]] = []
    before = declared()  # the run declares the config's profile; put the caller's back after
    try:
        for res in run_records(items, plan, jobs):
            summary.add(res)
            if not res.readable:
                errors.append({"input": res.input, "line": res.line, "message": res.error})
            if on_result is not None:
                on_result(res)
    finally:
        declare(before)
    summary.decide(config)
    return RunResult(summary, errors)


def check_records(
    records: Iterable[Mapping[str, Any]], config: Config | None = None, jobs: int = 1
) -> tuple[RunResult, list[Finding]]:
    """Python API: check in-memory records (dicts); returns the run result and all findings."""
    cfg = config or Config()
    items = (RawItem("<records>", i + 1, data=dict(r)) for i, r in enumerate(records))
    findings: list[Finding] = []
    result = run(items, cfg, jobs, on_result=lambda r: findings.extend(r.findings))
    return result, findings
