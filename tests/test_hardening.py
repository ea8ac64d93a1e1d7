"""Issue 11: never crash, never lose data, never pass silently.

Every case the issue measured goes through the command line here: the counts always add up
(``records = passed + failed + unreadable``), a report is written, no traceback reaches the
user, and the exit code tells a verdict (0/1) from a usage error (2) and a crash (3).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk import engine
from copydesk.cli import main
from copydesk.schemas.report_schema import REPORT_SCHEMA
from copydesk.spool import ErrorLog
from copydesk.validators import registry

from .conftest import REPO, SEED

GOOD = {"id": "a", "body": "新华社北京11月8日电 这是一篇完整的报道。", "published": "2023-11-09"}


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--jobs", "1"] if args[0] == "check" else list(args))


def report_of(res: Result) -> dict[str, Any]:
    report = json.loads(res.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    s = report["summary"]
    assert s["records"] == s["passed"] + s["failed"] + s["unreadable"]
    return report


def line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


# -- item 1 and 4: what a reader cannot or must not accept --------------------------------

UNREADABLE_LINES = {
    "deep nesting": "[" * 100_000,
    "integer id of 5000 digits": '{"id": ' + "9" * 5000 + ', "body": "x"}',
    "page of 5000 digits": '{"id": "p", "body": "x", "page": ' + "9" * 5000 + "}",
    "NaN": '{"id": "n", "body": "x", "v": NaN}',
    "Infinity": '{"id": "i", "body": "x", "v": -Infinity}',
    "1e999": '{"id": "e", "body": "x", "v": 1e999}',
}


@pytest.mark.parametrize("name", sorted(UNREADABLE_LINES))
def test_unreadable_lines_are_counted_not_crashes(tmp_path: Path, name: str) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(line(GOOD) + "\n" + UNREADABLE_LINES[name] + "\n" + line(GOOD) + "\n")
    res = cli("check", str(p), "--format", "json", "--select", "schema.missing-field")
    assert res.exit_code == 1, res.output
    report = report_of(res)
    s = report["summary"]
    assert (s["records"], s["passed"], s["unreadable"]) == (3, 2, 1)
    (err,) = report["errors"]
    assert err["line"] == 2 and err["message"].startswith("invalid JSON")
    assert report["internal_errors"] == []


def test_json_array_reader_is_as_strict(tmp_path: Path) -> None:
    p = tmp_path / "in.json"
    p.write_text("[" + line(GOOD) + ', {"id": "n", "body": "x", "v": NaN}]')
    report = report_of(cli("check", str(p), "--format", "json", "--select", "schema"))
    assert (report["summary"]["passed"], report["summary"]["unreadable"]) == (1, 1)
    assert "NaN is not JSON" in report["errors"][0]["message"]


def test_error_message_names_the_column_once(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "body": "unterminated\n')
    (err,) = report_of(cli("check", str(p), "--format", "json"))["errors"]
    assert "at at" not in err["message"]
    assert err["message"] == "invalid JSON: Unterminated string starting at (column 21)"


def test_duplicate_keys_fail_the_record_with_their_own_finding(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "d", "body": "第一稿有缺陷的网络空\\n\\n间。", "body": "第二稿。"}\n')
    res = cli("check", str(p), "--format", "json", "--select", "schema")
    assert res.exit_code == 1
    report = report_of(res)
    (f,) = report["findings"]
    assert (f["check"], f["field"], f["start"], f["end"]) == ("schema.duplicate-key", "body", 0, 4)
    assert report["summary"]["failed"] == 1


def test_duplicate_csv_columns_are_reported(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text("id,body,body\na,第一稿。,第二稿。\n", encoding="utf-8")
    report = report_of(cli("check", str(p), "--format", "json", "--select", "schema"))
    assert [f["check"] for f in report["findings"]] == ["schema.duplicate-key"]


def test_null_body_is_named_as_null(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(line({"id": "z", "body": None}) + "\n" + line({"id": "y"}) + "\n")
    report = report_of(cli("check", str(p), "--format", "json", "--select", "schema"))
    messages = [f["message"] for f in report["findings"] if f["check"] == "schema.missing-field"]
    assert messages == ["`body` is null", "neither `body` nor `paragraphs` is present"]


@pytest.mark.parametrize("content", ["", "\n\n   \n"])
def test_an_input_with_no_records_fails_by_default(tmp_path: Path, content: str) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(content)
    res = cli("check", str(p), "--format", "json")
    assert res.exit_code == 1
    (reason,) = report_of(res)["summary"]["gate"]["reasons"]
    assert "min-records 1" in reason
    cfg = tmp_path / "copydesk.toml"
    cfg.write_text("min-records = 0\n")
    assert cli("check", str(p), "--config", str(cfg)).exit_code == 0


# -- item 1: a crashing check is an internal error, the record keeps its other findings -----


def _crash(record: Any, **_: Any) -> Any:
    raise RuntimeError("boom")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_check_is_an_internal_error(monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    monkeypatch.setattr(engine, "CHUNK", 2)  # 4 records: two chunks, so --jobs 2 uses a pool
    spec = registry.get_check("sentence.stray-space")
    monkeypatch.setitem(registry._REGISTRY, spec.id, dataclasses.replace(spec, func=_crash))
    res = CliRunner().invoke(
        main, ["check", str(SEED / "naive.jsonl"), "--format", "json", "--jobs", jobs]
    )
    assert res.exit_code == 3, res.output
    report = report_of(res)
    s = report["summary"]
    assert (s["records"], s["internal_errors"]) == (4, 4)
    assert {e["check"] for e in report["internal_errors"]} == {"sentence.stray-space"}
    assert report["internal_errors"][0]["record"] == "rmrb-2023-11-09-p1-01"
    assert "RuntimeError('boom')" in report["internal_errors"][0]["message"]
    # the other checks' findings on those records are all there
    assert s["by_check"]["sentence.line-break"]["records"] == 4
    assert any(r.startswith("internal error") for r in s["gate"]["reasons"])


def test_a_crashing_corpus_check_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = registry.get_check("schema.duplicate-id")

    class Crash:
        def __call__(self, record: Any) -> Any:
            raise ValueError("corpus boom")

    monkeypatch.setitem(registry._REGISTRY, spec.id, dataclasses.replace(spec, func=Crash))
    res = cli("check", str(SEED / "gold.jsonl"), "--format", "json")
    assert res.exit_code == 3
    report = report_of(res)
    assert report["summary"]["passed"] == 4
    assert len(report["internal_errors"]) == 4


def test_a_crashing_reader_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk import io

    real = io._read_jsonl

    def reader(name: str, stdin: Any) -> Any:
        for n, item in enumerate(real(name, stdin)):
            if n == 2:
                raise MemoryError("reader boom")
            yield item

    monkeypatch.setattr(io, "_read_jsonl", reader)
    res = cli("check", str(SEED / "gold.jsonl"), "--format", "json")
    assert res.exit_code == 3
    report = report_of(res)
    s = report["summary"]
    assert (s["records"], s["passed"], s["unreadable"], s["internal_errors"]) == (3, 2, 1, 1)
    (err,) = report["errors"]
    assert err["line"] == 3 and "internal error in the jsonl reader" in err["message"]
    assert report["internal_errors"][0]["message"] == err["message"]


def _die(record: Any, **_: Any) -> Any:
    os._exit(7)  # a worker process killed outright (the OOM killer, a segfault)


def test_a_dead_worker_loses_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CHUNK", 2)  # 4 records: two chunks, so --jobs 2 uses a pool
    spec = registry.get_check("sentence.stray-space")
    monkeypatch.setitem(registry._REGISTRY, spec.id, dataclasses.replace(spec, func=_die))
    res = CliRunner().invoke(
        main, ["check", str(SEED / "naive.jsonl"), "--format", "json", "--jobs", "2"]
    )
    assert res.exit_code == 3, res.output
    s = report_of(res)["summary"]
    assert (s["records"], s["unreadable"], s["internal_errors"]) == (4, 4, 4)


def test_no_traceback_for_the_issues_cases(tmp_path: Path) -> None:
    """The whole list of issue 11, in one subprocess run: a message, a report, an exit code."""
    d = tmp_path / "data"
    d.mkdir()
    lines = [line(GOOD), *UNREADABLE_LINES.values(), '{"id": "s", "body": "abc\\udc00 文本。"}']
    lines += ['{"id": "d", "body": "一。", "body": "二。"}', line({"id": "z", "body": None})]
    (d / "in.jsonl").write_text("\n".join(lines) + "\n")
    (d / "bytes.jsonl").write_bytes(b'{"id": "b", "body": "\xed\xb0\x80"}\n')
    os.symlink(tmp_path / "gone.jsonl", d / "dangling.jsonl")
    os.mkfifo(d / "fifo.jsonl")
    out = d / "report.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "copydesk", "check", str(d), "--json", str(out), "-j", "2"]
    for _ in range(2):  # the second run must not read the first run's report
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert "Traceback" not in proc.stderr
        assert proc.returncode in (1, 3), proc.stderr
        report = json.loads(out.read_text(encoding="utf-8"))
        jsonschema.validate(report, REPORT_SCHEMA)
        s = report["summary"]
        assert (s["records"], s["unreadable"]) == (11, 7)
        assert s["records"] == s["passed"] + s["failed"] + s["unreadable"]
        assert (proc.returncode == 3) == bool(report["internal_errors"])
        assert "dangling.jsonl: skipped" in proc.stderr
        assert "fifo.jsonl: skipped: not a regular file" in proc.stderr
    assert f"{out}: skipped" in proc.stderr


# -- item 1: hypothesis, arbitrary JSON values and Unicode through the CLI -----------------

_text = st.text(st.characters(exclude_categories=()), max_size=30)  # surrogates included
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_text, kids, max_size=4),
    max_leaves=12,
)
_record = st.fixed_dictionaries(
    {},
    optional={
        "id": _json | _text,
        "body": _text | _json,
        "paragraphs": st.lists(_text, max_size=3) | _json,
        "headline": _text,
        "quotes": st.lists(_text, max_size=2) | _json,
        "page": _json,
        "published": _text,
        "language": _text,
    },
)
_line = st.one_of(
    _record.map(json.dumps),
    _json.map(json.dumps),
    _text.map(lambda t: t.replace("\n", " ")),
    st.integers(4000, 6000).map(lambda n: '{"id": ' + "7" * n + "}"),
    st.sampled_from(["NaN", '{"x": Infinity}', "[" * 5000, '{"a": 1, "a": 2}', "1e999"]),
)


def _expected_records(data: bytes) -> int:
    """Records as the JSONL reader counts them: every line but blank ones."""
    n = 0
    for i, raw in enumerate(data.split(b"\n")):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            n += 1
            continue
        if i == 0:
            text = text.removeprefix("\ufeff")
        n += bool(text.strip())
    return n


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=0, max_size=6))
def test_arbitrary_input_never_crashes_and_counts_add_up(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")  # lone surrogates: bad bytes
    res = CliRunner().invoke(main, ["check", "-", "--format", "json", "-j", "1"], input=data)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code in (0, 1, 3)
    report = report_of(res)
    assert report["summary"]["records"] == _expected_records(data)
    assert (res.exit_code == 3) == bool(report["internal_errors"])


# -- item 2: the size bound -----------------------------------------------------------------


def test_a_body_over_the_bound_is_reported_and_checked_by_linear_checks_only(
    tmp_path: Path,
) -> None:
    body = "构建更加和平安全的网络空\n\n间。" * 100 + "新华社北京11月8日电"
    p = tmp_path / "in.jsonl"
    p.write_text(line({"id": "big", "body": body}) + "\n")
    cfg = tmp_path / "copydesk.toml"
    cfg.write_text('[params."schema.too-long"]\nmax_chars = 1000\n')
    report = report_of(cli("check", str(p), "--format", "json", "--config", str(cfg)))
    checks = {f["check"] for f in report["findings"]}
    big = [f for f in report["findings"] if f["check"] == "schema.too-long"]
    assert [(f["start"], f["end"]) for f in big] == [(1000, len(body))]
    assert all(registry.get_check(c).linear for c in checks)
    # without the bound the same record has the (non-linear) sentence findings
    report = report_of(cli("check", str(p), "--format", "json"))
    assert "sentence.line-break" in {f["check"] for f in report["findings"]}


# -- item 3: outputs --------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--json", "--html", "--junit"])
def test_an_output_equal_to_an_input_is_refused(tmp_path: Path, option: str) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(line(GOOD) + "\n")
    res = cli("check", str(p), option, str(tmp_path / "." / "in.jsonl"))
    assert res.exit_code == 2
    assert "is an input of this run" in res.stderr
    assert p.read_text() == line(GOOD) + "\n"


def test_an_output_that_is_a_link_to_an_input_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(line(GOOD) + "\n")
    os.link(p, tmp_path / "hard.json")
    os.symlink(p, tmp_path / "soft.json")
    for name in ("hard.json", "soft.json"):
        res = cli("check", str(p), "--json", str(tmp_path / name))
        assert res.exit_code == 2 and "is an input of this run" in res.stderr
    assert p.read_text() == line(GOOD) + "\n"


def test_an_output_in_a_missing_directory_is_refused_before_reading(tmp_path: Path) -> None:
    res = cli("check", str(SEED / "naive.jsonl"), "--json", str(tmp_path / "no" / "r.json"))
    assert res.exit_code == 2
    assert "does not exist" in res.stderr and "records" not in res.stdout


def test_two_outputs_on_one_file_are_refused(tmp_path: Path) -> None:
    out = str(tmp_path / "r")
    res = cli("check", str(SEED / "gold.jsonl"), "--html", out, "--junit", out)
    assert res.exit_code == 2 and "also the file of --html" in res.stderr


def test_an_interrupted_report_leaves_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.json"
    assert cli("check", str(SEED / "gold.jsonl"), "--json", str(out)).exit_code == 0
    before = out.read_bytes()
    from copydesk.report import json_report

    def half(self: Any, fh: Any, *args: Any) -> None:
        fh.write('{"copydesk": ')
        raise KeyboardInterrupt

    monkeypatch.setattr(json_report.JsonReportWriter, "write", half)
    res = cli("check", str(SEED / "naive.jsonl"), "--json", str(out))
    assert res.exit_code == 130
    assert "interrupted" in res.stderr
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["r.json"]  # no temporary file left behind


# -- item 6: FIFOs and pipes as explicit inputs --------------------------------------------


def _feed(path: str, data: bytes) -> threading.Thread:
    def write() -> None:
        with open(path, "wb") as fh:
            fh.write(data)

    t = threading.Thread(target=write, daemon=True)
    t.start()
    return t


def test_an_explicit_fifo_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    t = _feed(str(fifo), (SEED / "gold.jsonl").read_bytes())
    res = cli("check", str(fifo), "--format", "json")
    t.join(5)
    assert res.exit_code == 0
    assert report_of(res)["summary"]["passed"] == 4


def test_a_dev_fd_pipe_is_read() -> None:
    """``copydesk check <(cat f.jsonl)``: the shell passes ``/dev/fd/N``, a pipe."""
    r, w = os.pipe()
    data = (SEED / "naive.jsonl").read_bytes()

    def write() -> None:
        with os.fdopen(w, "wb") as fh:
            fh.write(data)

    t = threading.Thread(target=write, daemon=True)
    t.start()
    try:
        res = cli("check", f"/dev/fd/{r}", "--format", "json")
    finally:
        t.join(5)
        os.close(r)
    assert res.exit_code == 1
    assert report_of(res)["summary"]["records"] == 4


# -- item 4: config fails closed -------------------------------------------------------------

BAD_CONFIGS = {
    "[thresholds]\ndefault = { max-percent = nan }\n": "max-percent",
    "[thresholds]\ndefault = { max-percent = inf }\n": "max-percent",
    "[thresholds]\ndefault = -1\n": "'default'",
    '[thresholds]\ndefault = "high"\n': "'default'",
    "[thresholds]\ndefault = true\n": "'default'",
    '[thresholds]\n"sentence.line-brake" = 0\n': "'sentence.line-brake'",
    '[severity]\n"sentense" = "warning"\n': "'sentense'",
    '[params."quote.duplicate-recrd"]\nthreshold = 0.5\n': "'quote.duplicate-recrd'",
    '[params."quote.duplicate-record"]\nthreshold = "high"\n': "threshold",
    '[params."quote.duplicate-record"]\nnum_perm = 1.5\n': "num_perm",
    '[params."quote.duplicate-record"]\nthreshold = nan\n': "threshold",
    'select = ["sentence.nope"]\n': "'sentence.nope'",
    'ignore = ["nofamily"]\n': "'nofamily'",
    "min-records = -1\n": "min-records",
    "max-unreadable = 1.5\n": "max-unreadable",
    'severity = "warning"\n': "severity",
}


@pytest.mark.parametrize("toml", sorted(BAD_CONFIGS))
def test_bad_config_is_a_usage_error_naming_the_key(tmp_path: Path, toml: str) -> None:
    cfg = tmp_path / "copydesk.toml"
    cfg.write_text(toml)
    res = cli("check", str(SEED / "naive.jsonl"), "--config", str(cfg))
    assert res.exit_code == 2, res.output
    assert BAD_CONFIGS[toml] in res.stderr
    assert "Traceback" not in res.stderr


def test_a_nan_threshold_cannot_pass_a_failing_gate(tmp_path: Path) -> None:
    cfg = tmp_path / "copydesk.toml"
    cfg.write_text("[thresholds]\ndefault = { max-percent = 25.0 }\n")
    assert cli("check", str(SEED / "naive.jsonl"), "--config", str(cfg)).exit_code == 1


# -- item 5: errors spooled ------------------------------------------------------------------


def test_error_log_keeps_order_and_flat_memory() -> None:
    log = ErrorLog(head=10)
    tracemalloc.start()
    try:
        for i in range(20_000):
            log.append({"input": "x.jsonl", "line": i + 1, "message": f"bad \udc00 line {i}"})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # 20,000 entries held in memory would take ~6 MB
    assert len(log) == 20_000
    assert [e["line"] for e in log][:3] == [1, 2, 3]
    assert log[-1]["line"] == 20_000 and log[10]["line"] == 11
    assert [e["line"] for e in log[8:12]] == [9, 10, 11, 12]
    assert log[20]["message"] == "bad \udc00 line 20"
    log.close()


def test_many_unreadable_lines_stream_into_the_report(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text("not json\n" * 3000)
    out = tmp_path / "r.json"
    res = cli("check", str(p), "--json", str(out))
    assert res.exit_code == 1
    assert "… and 2990 more" in res.stdout
    report = json.loads(out.read_text())
    assert len(report["errors"]) == 3000 and report["errors"][-1]["line"] == 3000


def test_junit_names_the_reasons_no_check_owns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xml.etree.ElementTree as ET

    import xmlschema

    schema = xmlschema.XMLSchema(str(REPO / "tests" / "data" / "junit-10.xsd"))
    empty, out = tmp_path / "in.jsonl", tmp_path / "junit.xml"
    empty.write_text("")
    assert cli("check", str(empty), "--junit", str(out)).exit_code == 1
    schema.validate(str(out))
    gate = [c for c in ET.parse(out).getroot().iter("testcase") if c.get("name") == "gate"]
    assert [c.find("failure").get("message") for c in gate] == [
        "records: 0 checked < min-records 1 (empty input?)"
    ]
    spec = registry.get_check("sentence.stray-space")
    monkeypatch.setitem(registry._REGISTRY, spec.id, dataclasses.replace(spec, func=_crash))
    assert cli("check", str(SEED / "gold.jsonl"), "--junit", str(out)).exit_code == 3
    schema.validate(str(out))
    root = ET.parse(out).getroot()
    assert root.get("errors") == "1" and root.get("failures") == "0"
    (gate,) = [c for c in root.iter("testcase") if c.get("name") == "gate"]
    assert gate.find("error").get("message").startswith("internal error: 4 crash(es)")
