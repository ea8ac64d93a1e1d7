"""JUnit XML: one case per selected check, failing exactly where the gate fails; schema-valid."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from copydesk.cli import main
from copydesk.validators.registry import select_checks

from .conftest import SEED

XSD = Path(__file__).parent / "data" / "junit-10.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {tc.get("name", ""): tc for tc in root.iter("testcase")}


def test_schema_rejects_what_reporters_reject(schema: xmlschema.XMLSchema) -> None:
    assert not schema.is_valid(ET.fromstring('<testsuites><testsuite name="x"/></testsuites>'))
    assert not schema.is_valid(
        ET.fromstring(
            '<testsuites><testsuite name="x" tests="1" failures="0" errors="0">'
            "<testcase/></testsuite></testsuites>"
        )
    )


def test_naive_seed_fails_the_checks_the_gate_names(
    tmp_path: Path, schema: xmlschema.XMLSchema
) -> None:
    xml, js = tmp_path / "r.xml", tmp_path / "r.json"
    res = invoke("check", str(SEED / "naive.jsonl"), "--junit", str(xml), "--json", str(js))
    assert res.exit_code == 1
    schema.validate(str(xml))
    report = json.loads(js.read_text(encoding="utf-8"))
    root = ET.parse(xml).getroot()
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "copydesk"
    by_name = cases(root)
    selected = {c.id for c in select_checks()}
    assert set(by_name) == selected | {"input.unreadable"}
    assert suite.get("tests") == str(len(selected) + 1)
    failed = {n for n, tc in by_name.items() if tc.find("failure") is not None}
    reasons = report["summary"]["gate"]["reasons"]
    assert failed == {r.split(":", 1)[0] for r in reasons}
    assert suite.get("failures") == str(len(reasons))
    # the failure names the count and the first example
    first = next(f for f in report["findings"] if f["check"] == "sentence.line-break")
    text = by_name["sentence.line-break"].find("failure").text or ""
    n = report["summary"]["by_check"]["sentence.line-break"]["findings"]
    assert f"{n} finding(s)" in text and first["excerpt"] in text
    assert by_name["sentence.line-break"].get("classname") == "copydesk.sentence"
    # a warning-only check with findings passes and shows its counts
    warn = [c for c, v in report["summary"]["by_check"].items() if v["severity"] == "warning"]
    for c in warn:
        assert by_name[c].find("failure") is None
        assert by_name[c].find("system-out") is not None


def test_gold_seed_passes_every_case(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    xml = tmp_path / "g.xml"
    assert invoke("check", str(SEED / "gold.jsonl"), "--junit", str(xml)).exit_code == 0
    schema.validate(str(xml))
    root = ET.parse(xml).getroot()
    assert root.get("failures") == "0"
    assert all(tc.find("failure") is None for tc in root.iter("testcase"))


def test_selection_unreadable_and_control_characters(
    tmp_path: Path, schema: xmlschema.XMLSchema
) -> None:
    src = tmp_path / "m.jsonl"
    lines = [
        json.dumps({"id": "a", "body": "一句话\x00被控制字符\x1b截断了。"}, ensure_ascii=False),
        "{not json",
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    xml = tmp_path / "m.xml"
    res = invoke("check", str(src), "--select", "encoding,schema", "--junit", str(xml))
    assert res.exit_code == 1
    schema.validate(str(xml))
    by_name = cases(ET.parse(xml).getroot())
    assert {n.split(".")[0] for n in by_name} == {"encoding", "schema", "input"}
    assert by_name["input.unreadable"].find("failure") is not None
    assert "invalid JSON" in (by_name["input.unreadable"].find("failure").text or "")
    assert by_name["encoding.control-char"].find("failure") is not None


def test_report_command_writes_the_same_cases(tmp_path: Path) -> None:
    js, live, again = tmp_path / "r.json", tmp_path / "live.xml", tmp_path / "again.xml"
    invoke("check", str(SEED / "naive.jsonl"), "--json", str(js), "--junit", str(live))
    assert invoke("report", str(js), "--junit", str(again)).exit_code == 0

    def outcome(p: Path) -> dict[str, str | None]:
        return {
            n: (tc.find("failure").get("message") if tc.find("failure") is not None else None)
            for n, tc in cases(ET.parse(p).getroot()).items()
        }

    assert outcome(live) == outcome(again)
