"""The command line: exit codes, the report JSON contract, the mixed-input counts, jobs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from copydesk.cli import main
from copydesk.schemas.report_schema import REPORT_SCHEMA

from .conftest import SEED

GOOD = {"id": "a", "body": "新华社北京11月8日电 这是一篇完整的报道。", "published": "2023-11-09"}


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write_mixed(path: Path) -> None:
    lines = [
        json.dumps({**GOOD, "id": "a"}, ensure_ascii=False),  # 1 good
        json.dumps({**GOOD, "id": "b"}, ensure_ascii=False),  # 2 good
        '{"id": "c", "body": ',  # 3 invalid JSON
        '["not", "an", "object"]',  # 4 not an object
        json.dumps({"id": "d", "published": "2023-11-09"}),  # 5 no body
        json.dumps({**GOOD, "id": "a"}, ensure_ascii=False),  # 6 duplicate id
        json.dumps({**GOOD, "id": "e", "published": "2023-13-01"}),  # 7 bad published
        json.dumps({**GOOD, "id": "f"}, ensure_ascii=False),  # 8 good
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_mixed_file_counts_errors_findings_exit_code(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    write_mixed(p)
    res = invoke("check", str(p), "--format", "json", "--select", "schema")
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    s = report["summary"]
    assert (s["records"], s["passed"], s["failed"], s["unreadable"]) == (8, 3, 3, 2)
    assert s["records"] == s["passed"] + s["failed"] + s["unreadable"]
    assert [(e["line"], e["message"].split(":")[0]) for e in report["errors"]] == [
        (3, "invalid JSON"),
        (4, "a JSON array, not an object"),
    ]
    assert [(f["line"], f["check"], f["field"]) for f in report["findings"]] == [
        (5, "schema.missing-field", "body"),
        (6, "schema.duplicate-id", "id"),
        (7, "schema.invalid-published", "published"),
    ]
    assert s["gate"]["passed"] is False
    assert "unreadable: 2 records > 0" in s["gate"]["reasons"]


def test_gold_fixture_passes_and_json_matches_contract() -> None:
    res = invoke("check", str(SEED / "gold.jsonl"), "--format", "json")
    assert res.exit_code == 0, res.stdout
    report = json.loads(res.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["summary"]["records"] == 4 and report["summary"]["passed"] == 4
    assert report["summary"]["gate"] == {"passed": True, "reasons": []}
    assert report["inputs"] == [str(SEED / "gold.jsonl")]


def test_missing_path_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["check", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2
    assert "nope.jsonl: no such file or directory" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check"],  # no path
        ["check", "-", "--select", "nosuch"],
        ["check", "-", "--fail-on", "fatal"],
        ["check", "-", "--field", "bodytext"],
        ["check", "-", "--jobs", "0"],
        ["checks", "--explain", "nosuch.check"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    res = CliRunner().invoke(main, args, input=b"")
    assert res.exit_code == 2, res.output


def test_bad_config_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "copydesk.toml"
    cfg.write_text('fail-on = "sometimes"\n')
    res = CliRunner().invoke(main, ["check", "-", "--config", str(cfg)], input=b"")
    assert res.exit_code == 2 and "unknown severity" in res.stderr
    cfg.write_text("colour = 1\n")
    res = CliRunner().invoke(main, ["check", "-", "--config", str(cfg)], input=b"")
    assert res.exit_code == 2 and "unknown key" in res.stderr


def test_stdin_and_json_file(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    data = (json.dumps(GOOD, ensure_ascii=False) + "\n").encode()
    res = invoke("check", "-", "--json", str(out), input=data)
    assert res.exit_code == 0
    assert "gate: PASSED" in res.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["inputs"] == ["-"]


def test_field_option_maps_names() -> None:
    data = json.dumps({"doc": "x1", "text": "完整的一句话。"}, ensure_ascii=False).encode()
    res = invoke("check", "-", "--field", "id=doc", "--field", "body=text", input=data)
    assert res.exit_code == 0, res.stdout
    res = invoke("check", "-", input=data)
    assert res.exit_code == 1 and "schema.missing-field" in res.stdout


def test_text_output_shows_counts_examples_and_verdict(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    write_mixed(p)
    res = invoke("check", str(p), "--select", "schema")
    assert res.exit_code == 1
    out = res.stdout
    assert "records 8: 3 passed, 3 failed, 2 unreadable" in out
    assert "schema.duplicate-id" in out and "id 'a' was already used at line 1" in out
    assert f"{p}:3: invalid JSON" in out
    assert "gate: FAILED" in out


def test_checks_lists_every_check_and_explains_one() -> None:
    from copydesk.validators.registry import all_checks

    res = invoke("checks")
    assert res.exit_code == 0
    listed = [line.split()[0] for line in res.stdout.splitlines()]
    assert listed == [c.id for c in all_checks()]
    res = invoke("checks", "--explain", "schema.duplicate-id")
    assert "Defect:" in res.stdout and "Limits:" in res.stdout


def test_schema_command_prints_json_schema_that_gold_satisfies() -> None:
    res = invoke("schema")
    schema = json.loads(res.stdout)
    for line in (SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x"}, schema)
    mapped = json.loads(invoke("schema", "--field", "body=text").stdout)
    assert "text" in mapped["properties"] and "body" not in mapped["properties"]


def test_console_script_runs_as_a_module(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    write_mixed(p)
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", "check", str(p), "--format", "json", "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["unreadable"] == 2


def test_jobs_2_and_jobs_1_give_identical_json_on_thousands_of_records(tmp_path: Path) -> None:
    """Every check, 3,000 records (the seed's naive and gold articles, cut into varied
    lengths), run with one and with two worker processes: byte-identical reports."""
    base = [
        json.loads(line)
        for name in ("naive.jsonl", "gold.jsonl")
        for line in (SEED / name).read_text(encoding="utf-8").splitlines()
    ]
    p = tmp_path / "many.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        for i in range(3000):
            rec = dict(base[i % len(base)])
            rec["id"] = f"r{i % 2900}"  # some duplicate ids too
            cut = 200 + (i * 37) % 900
            rec["body"] = rec["body"][:cut]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        res = invoke("check", str(p), "--jobs", jobs, "--json", str(out))
        assert res.exit_code in (0, 1)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    report = json.loads(outs[0])
    assert report["summary"]["records"] == 3000
    assert report["summary"]["findings"] > 0


def test_text_output_leads_with_segmentation_and_spreads_examples() -> None:
    """The naive page: the merged articles and the ■ box come before the wraps, and each
    check's examples come from different records."""
    res = invoke("check", str(SEED / "naive.jsonl"))
    assert res.exit_code == 1
    out = res.stdout
    table = out.split("\n\n")[1]
    rows = [line.split()[0] for line in table.splitlines()[1:]]
    assert rows.index("layout.multiple-articles") < rows.index("sentence.line-break")
    assert rows.index("quote.pull-quote-in-body") < rows.index("sentence.line-break")
    section = out.split("\nsentence.line-break:")[1].split("\n\n")[0]
    records = [line.split()[0] for line in section.splitlines() if line.startswith("  rmrb")]
    assert len(records) == 3 and len(set(records)) == 3
