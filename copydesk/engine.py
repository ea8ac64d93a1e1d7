"""The engine: stream records through the selected checks, build the summary and the gate.

``read -> record -> checks -> findings -> summary``. Per-record checks run in worker
processes when ``jobs > 1`` and the input is longer than one chunk (chunks of records, at
most ``2 * jobs`` chunks in flight, so memory stays flat); results come back in input
order, and corpus checks (duplicate ids) then run in this process, so ``--jobs 2`` and
``--jobs 1`` give identical output.

No record is lost to a crash: a check that raises on a record becomes an *internal error*
naming the check and the record (:attr:`RecordResult.internal`); the record keeps its other
findings, the run goes on, and the gate fails with the reason (the CLI exits 3). A record
whose longest text is over the bound of ``schema.too-long`` is checked by the checks marked
linear only (see :mod:`copydesk.validators.registry`).

A corpus check may split its work: ``prepare(record) -> payload`` (pure, per record: the
duplicate-record sketch) runs in the workers next to the per-record checks and travels back
in :attr:`RecordResult.payloads`; the main process then calls only the cheap
``observe(record, payload)`` (index look-up and insert), in input order.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from copydesk.config import Config
from copydesk.findings import Finding, Severity
from copydesk.io import RawItem
from copydesk.record import ArticleRecord
from copydesk.spool import ErrorLog
from copydesk.validators.profile import record_profile
from copydesk.validators.registry import (
    CheckSpec,
    all_checks,
    finding_order,
    get_check,
    select_checks,
    to_findings,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

#: records per worker task; an input of at most this many records is checked in this
#: process (starting a pool costs more than it saves)
CHUNK = 64
#: the check whose ``max_chars`` parameter is the per-record size bound
SIZE_CHECK = "schema.too-long"
#: a ``prepare`` payload that could not be computed (the check crashed or was skipped)
_NO_PAYLOAD = ("copydesk.no-payload",)


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
    #: internal errors: ``{"check", "message"}`` for every check that crashed on this record
    internal: list[dict[str, str]] = field(default_factory=list)
    #: the error is a bug in copydesk (a reader or a worker crashed), not bad input
    error_internal: bool = False
    #: the body's inferred text profile as ``(wrap, script)`` (copydesk.validators.profile)
    profile: tuple[str, str] | None = None

    @property
    def readable(self) -> bool:
        return self.error is None

    def crashed(self, check_id: str, exc: BaseException) -> None:
        """Note that ``check_id`` raised ``exc`` on this record."""
        msg = f"check {check_id} crashed on {self.input} line {self.line}: {exc!r}"
        self.internal.append({"check": check_id, "message": msg[:2000]})


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
    #: checks (or readers, workers) that crashed; any makes the gate fail and the CLI exit 3
    internal_errors: int = 0
    #: per input: how many records were inferred hard/flowed and cjk/latin/mixed
    profiles: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, result: RecordResult) -> None:
        self.records += 1
        self.internal_errors += len(result.internal) + int(result.error_internal)
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
        checked = self.passed + self.failed
        if checked < config.min_records:
            reasons.append(
                f"records: {checked} checked < min-records {config.min_records} (empty input?)"
            )
        if self.internal_errors:
            reasons.append(
                f"internal error: {self.internal_errors} crash(es) of a check or reader "
                "(see internal_errors); the verdict is incomplete"
            )
        self.reasons = reasons
        self.gate_passed = not reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "passed": self.passed,
            "failed": self.failed,
            "unreadable": self.unreadable,
            "findings": self.findings,
            "internal_errors": self.internal_errors,
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
    #: per-record size bound: longer texts are read by the linear checks only
    max_chars: int = 200_000

    @classmethod
    def from_config(cls, config: Config) -> Plan:
        """The plan of ``config``; raises :class:`ValueError` (a usage error) naming the key
        for an unknown check id or family, or a parameter that is unknown or of the wrong
        type, anywhere in the config."""
        specs = select_checks(config.select, config.ignore)
        known = {s.id: s for s in all_checks()}
        validate_check_keys(config, known)

        def entry(s: CheckSpec) -> tuple[str, Severity, Mapping[str, Any]]:
            return (s.id, config.severity_for(s.id, s.severity), dict(config.params.get(s.id, {})))

        size = known.get(SIZE_CHECK)
        bound = {**size.params, **config.params.get(SIZE_CHECK, {})} if size else {}
        return cls(
            record_checks=tuple(entry(s) for s in specs if not s.corpus),
            corpus_checks=tuple(entry(s) for s in specs if s.corpus),
            config=config,
            max_chars=int(bound.get("max_chars", cls.max_chars)),
        )


def validate_check_keys(config: Config, known: Mapping[str, CheckSpec]) -> None:
    """Fail closed: every check id or family named under ``severity``, ``thresholds`` and
    ``params`` must exist in the registry (read at run time, so new checks count), and every
    parameter must be one the check takes, of its default's type."""
    families = {s.family for s in known.values()}
    for table, keys, extra in (
        ("severity", config.severity, ()),
        ("thresholds", config.thresholds, ("default",)),
    ):
        for key in keys:
            if key not in known and key not in families and key not in extra:
                raise ValueError(
                    f"[{table}] unknown check or family {key!r} (see `copydesk checks`)"
                )
    for check_id, params in config.params.items():
        spec = known.get(check_id)
        if spec is None:
            raise ValueError(f"[params] unknown check {check_id!r} (see `copydesk checks`)")
        for name, value in params.items():
            if name not in spec.params:
                raise ValueError(
                    f"[params.{check_id!r}] {check_id} has no parameter {name!r}; "
                    f"it takes {', '.join(sorted(spec.params)) or 'none'}"
                )
            why = param_type_error(value, spec.params[name])
            if why:
                raise ValueError(f"[params.{check_id!r}] {name} = {value!r}: {why}")


def param_type_error(value: Any, default: Any) -> str | None:
    """Why ``value`` cannot replace a parameter whose default is ``default``, or ``None``."""
    if default is None:
        return None
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "expected true or false"
    if isinstance(value, bool):
        return f"expected {type(default).__name__}, not a boolean"
    if isinstance(default, int):
        return None if isinstance(value, int) else "expected an integer"
    if isinstance(default, float):
        if not isinstance(value, (int, float)):
            return "expected a number"
        return None if math.isfinite(value) else "expected a finite number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "expected a string"
    if isinstance(default, (list, tuple)):
        return None if isinstance(value, (list, tuple)) else "expected a list"
    return None


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

        declare(plan.config.profile)
        self.fields = plan.config.fields
        self.max_chars = plan.max_chars
        self.checks = []
        for check_id, sev, params in plan.record_checks:
            spec = get_check(check_id)
            self.checks.append((spec, sev, {**spec.params, **params}))
        self.preparers: list[tuple[CheckSpec, Callable[[ArticleRecord], Any] | None]] = []
        if prepare:
            for spec, _sev, state in _corpus_states(plan):
                self.preparers.append((spec, getattr(state, "prepare", None)))

    def run(self, item: RawItem) -> RecordResult:
        if item.data is None:
            res = RecordResult(item.input, item.line, None, [], item.error or "unreadable")
            res.error_internal = item.internal
            return res
        record = ArticleRecord.from_mapping(
            item.data,
            self.fields,
            input=item.input,
            line=item.line,
            duplicate_keys=item.duplicate_keys,
        )
        res = RecordResult(item.input, item.line, record.display_id, [])
        oversize = _longest_text(record) > self.max_chars
        for spec, sev, params in self.checks:
            if oversize and not spec.linear:
                continue
            try:
                res.findings.extend(to_findings(spec, record, spec.func(record, **params), sev))
            except Exception as exc:  # a bug in a check must not hide the record
                res.crashed(spec.id, exc)
        res.findings.sort(key=finding_order)
        if self.preparers:
            res.payloads = tuple(
                self._prepare(spec, p, record, res, oversize) for spec, p in self.preparers
            )
        try:
            prof = record_profile(record)
            res.profile = (prof.wrap, prof.script)
        except Exception as exc:  # the profile is shown, never worth losing the record
            res.crashed("profile", exc)
        return res

    @staticmethod
    def _prepare(
        spec: CheckSpec,
        prepare: Callable[[ArticleRecord], Any] | None,
        record: ArticleRecord,
        res: RecordResult,
        oversize: bool,
    ) -> Any:
        if prepare is None:
            return None
        if oversize and not spec.linear:
            return _NO_PAYLOAD
        try:
            return prepare(record)
        except Exception as exc:
            res.crashed(spec.id, exc)
            return _NO_PAYLOAD


def _no_payload(payload: Any) -> bool:
    """Is ``payload`` the marker of a ``prepare`` that crashed or was skipped (after pickling)?"""
    return (
        isinstance(payload, tuple)
        and len(payload) == 1
        and isinstance(payload[0], str)
        and payload[0] == _NO_PAYLOAD[0]
    )


def _longest_text(record: ArticleRecord) -> int:
    from copydesk.validators.schema import longest_text

    return longest_text(record)


_WORKER: _Runner | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER
    _WORKER = _Runner(plan, prepare=True)


def _run_chunk(chunk: list[RawItem]) -> list[RecordResult]:
    assert _WORKER is not None
    return [_WORKER.run(item) for item in chunk]


def _warm() -> None:
    """Build here, before the workers fork, what every worker would otherwise build for itself
    on its first records (a forked process inherits it): numpy (the sketches of
    ``layout.boilerplate`` and ``quote.duplicate-record``) and ftfy's badness pattern (any
    text that is not ASCII). A run without a pool never calls this: start-up stays lean."""
    from copydesk.validators.encoding import badness

    try:
        import numpy  # noqa: F401
    except ImportError:  # the pure path: nothing to share
        pass
    badness()


def _lost_chunk(chunk: list[RawItem], exc: BaseException) -> list[RecordResult]:
    """Results for a chunk whose worker process died: each item an internal error."""
    out = []
    for item in chunk:
        msg = f"internal error: the worker process checking this record failed: {exc!r}"
        res = RecordResult(item.input, item.line, None, [], msg[:2000])
        res.error_internal = True
        out.append(res)
    return out


def _chunk_results(
    fut: Future[list[RecordResult]] | list[RecordResult], chunk: list[RawItem]
) -> list[RecordResult]:
    if isinstance(fut, list):  # a lost chunk's results, made when it was not taken
        return fut
    try:
        return fut.result()
    except Exception as exc:  # BrokenProcessPool, a result that cannot be pickled, ...
        return _lost_chunk(chunk, exc)


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
    items: Iterable[RawItem], plan: Plan, jobs: int = 1, chunk_size: int | None = None
) -> Iterator[RecordResult]:
    """Results for every item, in input order, corpus checks applied.

    With ``jobs > 1`` the first ``chunk_size + 1`` items (default :data:`CHUNK`) are read
    ahead: an input that fits in one chunk is checked in this process, without a pool.
    """
    size = CHUNK if chunk_size is None else chunk_size
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
                    item.data,
                    fields,
                    input=item.input,
                    line=item.line,
                    duplicate_keys=item.duplicate_keys,
                )
                oversize = _longest_text(record) > plan.max_chars
                extra = _corpus_findings(steps, record, payloads, res, oversize)
                if extra:
                    res.findings = sorted(res.findings + extra, key=finding_order)
            yield res

    if jobs > 1:
        iterator = iter(items)
        head = list(itertools.islice(iterator, size + 1))
        items = itertools.chain(head, iterator)
        if len(head) <= size:
            jobs = 1
    if jobs <= 1:
        runner = _Runner(plan, prepare=True)
        for item in items:
            yield from with_corpus([runner.run(item)], [item])
        return
    for results, raw in _pooled(items, plan, jobs, size):
        yield from with_corpus(results, raw)


def _pooled(
    items: Iterable[RawItem], plan: Plan, jobs: int, size: int
) -> Iterator[tuple[list[RecordResult], list[RawItem]]]:
    """``(results, items)`` per chunk of ``size`` items, checked in ``jobs`` worker
    processes (at most ``2 * jobs`` chunks in flight), in input order."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    if ctx is not None:
        _warm()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(plan,)
    ) as pool:
        # a submitted chunk, or the results of a chunk the broken pool did not take: queued
        # with the others, so that results still come out in input order
        pending: deque[tuple[Future[list[RecordResult]] | list[RecordResult], list[RawItem]]]
        pending = deque()
        for chunk in _chunks(items, size):
            try:
                pending.append((pool.submit(_run_chunk, chunk), chunk))
            except Exception as exc:  # the pool broke: account for the chunk all the same
                pending.append((_lost_chunk(chunk, exc), chunk))
            while len(pending) >= 2 * jobs:
                fut, raw = pending.popleft()
                yield _chunk_results(fut, raw), raw
        while pending:
            fut, raw = pending.popleft()
            yield _chunk_results(fut, raw), raw


def _corpus_findings(
    steps: list[tuple[CheckSpec, Severity, Any, Any]],
    record: ArticleRecord,
    payloads: tuple[Any, ...] | None,
    res: RecordResult,
    oversize: bool,
) -> list[Finding]:
    """The corpus checks' findings on one record, in input order; a crash is noted, not raised."""
    extra: list[Finding] = []
    for n, (spec, sev, observe, state) in enumerate(steps):
        if oversize and not spec.linear:
            continue
        try:
            if observe is not None and payloads is not None:
                if _no_payload(payloads[n]):
                    continue
                hits = observe(record, payloads[n])
            else:
                hits = state(record)
            extra.extend(to_findings(spec, record, hits, sev))
        except Exception as exc:
            res.crashed(spec.id, exc)
    return extra


@dataclass
class RunResult:
    """A finished run: the summary, the errors of unreadable items, and the internal errors
    (``{"input", "line", "record", "check", "message"}``: a check or reader that crashed).

    Both logs keep flat memory (:class:`~copydesk.spool.ErrorLog`); a plain list works too.
    """

    summary: Summary
    errors: Sequence[dict[str, Any]]
    internal: Sequence[dict[str, Any]] = field(default_factory=list)


def run(
    items: Iterable[RawItem],
    config: Config,
    jobs: int = 1,
    on_result: Callable[[RecordResult], None] | None = None,
    triage: Callable[[RecordResult], None] | None = None,
) -> RunResult:
    """Run the checks of ``config`` over ``items``; ``on_result`` sees every result in order.

    ``triage`` (a baseline filter) sees each result first and may drop findings from it
    before the summary counts them.
    """
    from copydesk.validators.profile import declare, declared

    plan = Plan.from_config(config)
    summary = Summary(fail_on=config.fail_on)
    errors, internal = ErrorLog(), ErrorLog()
    before = declared()  # the run declares the config's profile; put the caller's back after
    try:
        for res in run_records(items, plan, jobs):
            if triage is not None:
                triage(res)
            log_result(res, summary, errors, internal)
            if on_result is not None:
                on_result(res)
    finally:
        declare(before)
    summary.decide(config)
    return RunResult(summary, errors, internal)


def log_result(res: RecordResult, summary: Summary, errors: ErrorLog, internal: ErrorLog) -> None:
    """Count one result and log its errors (the Spark engine shares this)."""
    summary.add(res)
    if not res.readable:
        errors.append({"input": res.input, "line": res.line, "message": res.error})
        if res.error_internal:
            internal.append(
                {
                    "input": res.input,
                    "line": res.line,
                    "record": None,
                    "check": None,
                    "message": res.error,
                }
            )
    for entry in res.internal:
        internal.append({"input": res.input, "line": res.line, "record": res.record_id, **entry})


def check_records(
    records: Iterable[Mapping[str, Any]], config: Config | None = None, jobs: int = 1
) -> tuple[RunResult, list[Finding]]:
    """Python API: check in-memory records (dicts); returns the run result and all findings."""
    cfg = config or Config()
    items = (RawItem("<records>", i + 1, data=dict(r)) for i, r in enumerate(records))
    findings: list[Finding] = []
    result = run(items, cfg, jobs, on_result=lambda r: findings.extend(r.findings))
    return result, findings
