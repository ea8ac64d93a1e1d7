"""The engine: counts, gate thresholds, severities, fail-on, unreadable records, jobs."""

from __future__ import annotations

from copydesk.config import Config, Threshold, from_mapping
from copydesk.engine import Plan, check_records, run
from copydesk.findings import Severity
from copydesk.io import RawItem

GOOD = {"id": "g", "body": "新华社北京11月8日电 这是一篇完整的报道。", "published": "2023-11-09"}


def _recs(n_good: int, n_bad_page: int) -> list[dict]:
    recs = [{**GOOD, "id": f"g{i}"} for i in range(n_good)]
    recs += [{**GOOD, "id": f"b{i}", "page": 0} for i in range(n_bad_page)]
    return recs


def test_counts_add_up_and_gate_reason_format() -> None:
    result, _ = check_records(_recs(4, 1))
    s = result.summary
    assert (s.records, s.passed, s.failed, s.unreadable) == (5, 4, 1, 0)
    assert s.records == s.passed + s.failed + s.unreadable
    assert s.gate_passed is False
    assert s.reasons == ["schema.invalid-page: 1 record (20.0%) > 0"]
    assert s.to_dict()["by_check"] == {
        "schema.invalid-page": {"severity": "error", "records": 1, "findings": 1}
    }


def test_threshold_by_records_percent_family_and_default() -> None:
    recs = _recs(8, 2)  # 2 of 10 records = 20%
    cases = [
        ({"default": {"max-records": 2}}, True),
        ({"default": {"max-records": 1}}, False),
        ({"schema": {"max-percent": 20}}, True),
        ({"schema": {"max-percent": 19.9}}, False),
        ({"schema.invalid-page": 2, "schema": 0}, True),  # the check's own entry wins
        ({"schema.invalid-page": {"max-records": 5, "max-percent": 10}}, False),  # either fails
    ]
    for table, passed in cases:
        cfg = from_mapping({"thresholds": table})
        result, _ = check_records(recs, cfg)
        assert result.summary.gate_passed is passed, table


def test_threshold_describe() -> None:
    assert Threshold(0).describe() == "0"
    assert Threshold(None, 2.5).describe() == "2.5%"
    assert Threshold(3, 1).describe() == "3 or 1%"


def test_severity_override_and_fail_on() -> None:
    recs = _recs(3, 1)
    cfg = from_mapping({"severity": {"schema.invalid-page": "warning"}})
    result, findings = check_records(recs, cfg)
    assert [str(f.severity) for f in findings] == ["warning"]
    assert result.summary.gate_passed and result.summary.failed == 0
    assert result.summary.passed == 4  # a warning does not fail a record under fail-on=error
    cfg = from_mapping({"severity": {"schema": "warning"}, "fail-on": "warning"})
    result, _ = check_records(recs, cfg)
    assert not result.summary.gate_passed and result.summary.failed == 1


def test_select_and_ignore() -> None:
    recs = _recs(1, 1)
    result, findings = check_records(recs, Config(ignore=("schema.invalid-page",)))
    assert findings == [] and result.summary.gate_passed
    result, findings = check_records(recs, Config(select=("schema.invalid-page",)))
    assert [f.check for f in findings] == ["schema.invalid-page"]


def test_unreadable_records_fail_the_gate_unless_allowed() -> None:
    items = [
        RawItem("a.jsonl", 1, data=GOOD),
        RawItem("a.jsonl", 2, error="invalid JSON: Expecting value at column 1"),
    ]
    result = run(items, Config())
    s = result.summary
    assert (s.records, s.passed, s.failed, s.unreadable) == (2, 1, 0, 1)
    assert s.reasons == ["unreadable: 1 record > 0"]
    assert result.errors == [
        {"input": "a.jsonl", "line": 2, "message": "invalid JSON: Expecting value at column 1"}
    ]
    assert run(items, Config(max_unreadable=1)).summary.gate_passed


def test_unknown_params_and_selectors_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="no parameter"):
        Plan.from_config(from_mapping({"params": {"schema.invalid-published": {"nope": 1}}}))
    with pytest.raises(ValueError, match="unknown check"):
        Plan.from_config(from_mapping({"params": {"schema.nope": {"x": 1}}}))
    with pytest.raises(ValueError, match="names no check"):
        Plan.from_config(Config(select=("nope",)))


def test_params_from_config_reach_the_check() -> None:
    recs = [{**GOOD, "published": "2030-01-01"}]
    cfg = from_mapping(
        {"select": ["schema"], "params": {"schema.invalid-published": {"today": "2029-01-01"}}}
    )
    _, findings = check_records(recs, cfg)
    assert [f.check for f in findings] == ["schema.invalid-published"]
    cfg = from_mapping(
        {"select": ["schema"], "params": {"schema.invalid-published": {"today": "2031-01-01"}}}
    )
    _, findings = check_records(recs, cfg)
    assert findings == []


def test_jobs_give_identical_results_in_input_order() -> None:
    recs = []
    for i in range(700):
        rec = {**GOOD, "id": f"r{i % 650}"}  # 50 duplicate ids across chunk boundaries
        if i % 7 == 0:
            rec["page"] = -i
        recs.append(rec)
    r1, f1 = check_records(recs, jobs=1)
    r2, f2 = check_records(recs, jobs=2)
    assert [f.to_dict() for f in f1] == [f.to_dict() for f in f2]
    assert r1.summary.to_dict() == r2.summary.to_dict()
    assert [f.line for f in f2] == sorted(f.line for f in f2)
    assert sum(f.check == "schema.duplicate-id" for f in f2) == 50


def test_severity_parse() -> None:
    import pytest

    assert Severity.parse("Warning") is Severity.WARNING
    with pytest.raises(ValueError, match="unknown severity"):
        Severity.parse("fatal")


def test_corpus_check_prepare_runs_in_the_workers_and_observe_in_order(monkeypatch) -> None:
    """quote.duplicate-record: the sketch (prepare) is made in the worker processes; the
    main process only observes; findings equal those of --jobs 1."""
    import os

    from copydesk.engine import run_records
    from copydesk.validators.duplicates import DuplicateRecord

    body = "新华社北京11月8日电 11月8日上午，国家主席习近平向2023年世界互联网大会乌镇峰会开幕。"
    recs = [{"id": f"r{i}", "body": body * 2 if i % 3 else body + str(i) * 60} for i in range(40)]
    items = [RawItem("<t>", i + 1, data=r) for i, r in enumerate(recs)]
    plan = Plan.from_config(Config())
    main_pid = os.getpid()
    sketch = DuplicateRecord.sketch
    in_main: list[int] = []

    def counting(self, record):  # type: ignore[no-untyped-def]
        if os.getpid() == main_pid:
            in_main.append(1)
        return sketch(self, record)

    monkeypatch.setattr(DuplicateRecord, "sketch", counting)
    one = [(r.line, [f.to_dict() for f in r.findings]) for r in run_records(items, plan, 1)]
    assert in_main  # --jobs 1: everything in this process
    in_main.clear()
    results = list(run_records(items, plan, 2, chunk_size=4))
    two = [(r.line, [f.to_dict() for f in r.findings]) for r in results]
    assert in_main == []  # --jobs 2: no sketch made in the main process
    assert all(r.payloads is None for r in results)  # consumed, not kept
    assert one == two
    exact = [
        f["record"] for _, fs in two for f in fs if "exact duplicate of record 'r1'" in f["message"]
    ]
    assert len(exact) == 25  # r2, r4, r5, r7, ... repeat r1
    # an input that fits in one chunk is checked in this process: no pool to start
    in_main.clear()
    small = [(r.line, [f.to_dict() for f in r.findings]) for r in run_records(items[:4], plan, 2)]
    assert len(in_main) == 4
    assert small == one[:4]
    in_main.clear()
    assert len(list(run_records(items[:5], plan, 2, chunk_size=4))) == 5
    assert in_main == []  # five records, chunks of four: the pool


def test_a_chunk_the_pool_refuses_is_lost_in_its_input_place(monkeypatch) -> None:
    """A chunk the pool does not take (it broke) is an internal error for each of its records,
    reported where the chunk stands in the input, after the chunks submitted before it."""
    from concurrent.futures import ProcessPoolExecutor

    from copydesk.engine import run_records

    submit = ProcessPoolExecutor.submit
    calls: list[int] = []

    def refusing_the_second(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("cannot schedule new futures after shutdown")
        return submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", refusing_the_second)
    items = [RawItem("<t>", i + 1, data={**GOOD, "id": f"r{i}"}) for i in range(20)]
    results = list(run_records(items, Plan.from_config(Config()), 2, chunk_size=4))
    assert [r.line for r in results] == list(range(1, 21))
    assert [r.line for r in results if not r.readable] == [5, 6, 7, 8]
    assert all(r.error_internal for r in results if not r.readable)


def test_a_finding_pickles_with_every_field() -> None:
    """Findings travel back from the worker processes pickled (``Finding.__reduce__``): every
    field, one added later included, comes back as it was."""
    import dataclasses
    import pickle

    from copydesk.findings import Finding

    values = {
        f.name: Severity.WARNING
        if f.name == "severity"
        else (7 + i if f.type == "int" else f"v{i}")
        for i, f in enumerate(dataclasses.fields(Finding))
    }
    finding = Finding(**values)
    back = pickle.loads(pickle.dumps(finding))
    assert dataclasses.asdict(back) == dataclasses.asdict(finding) == values
