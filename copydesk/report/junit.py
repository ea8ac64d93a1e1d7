"""JUnit XML: one test case per selected check, so CI test reporters show the gate natively.

``<testsuites><testsuite name="copydesk">``, one ``<testcase classname="copydesk.<family>"
name="<check id>">`` per selected check (and one for unreadable input). A case fails exactly
when the gate names it in its reasons: its ``<failure>`` gives the count, the threshold and
the first examples. Checks with findings under their threshold (or below ``fail-on``) pass,
their counts in ``<system-out>``. The layout validates against the JUnit schema Jenkins,
GitLab and GitHub reporters accept (``tests/data/junit-10.xsd``).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from copydesk.atomic import write_text
from copydesk.report.html import CheckRow, ReportData

MAX_EXAMPLES = 5


def _clean(text: str) -> str:
    """Text XML 1.0 can hold: control characters (corpus defects, too) become ``\\xNN``."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or cp > 0xFFFF:
            out.append(ch)
        else:
            out.append(f"\\x{cp:02x}")
    return "".join(out)


def _examples(data: ReportData, row: CheckRow) -> list[str]:
    lines = []
    for key, _i, f in row.examples[:MAX_EXAMPLES]:
        k = data.kept[key]
        where = k.record if k.record is not None else f"line {k.line}"
        lines.append(
            f"{k.input}:{k.line} {where} {f.field}[{f.start}:{f.end}] {f.excerpt} — {f.message}"
        )
    return lines


def build(data: ReportData) -> ET.Element:
    """The ``<testsuites>`` element of a report."""
    cases: list[ET.Element] = []
    failures = 0
    for row in sorted(data.checks, key=lambda r: r.id):
        tc = ET.Element(
            "testcase", {"classname": f"copydesk.{row.family}", "name": row.id, "time": "0"}
        )
        summary = (
            f"{row.id}: {row.failing_records} failing record(s) of {data.records} "
            f"({row.rate:.1f}%), {row.findings} finding(s) in {row.records} record(s); "
            f"threshold > {row.threshold}"
        )
        if row.over:
            failures += 1
            fail = ET.SubElement(tc, "failure", {"type": row.severity, "message": _clean(summary)})
            body = [row.description, summary, *_examples(data, row)]
            if row.records > len(row.examples):
                body.append("every finding: " + (data.json_path or "the JSON report (--json FILE)"))
            fail.text = _clean("\n".join(b for b in body if b))
        elif row.findings:
            out = ET.SubElement(tc, "system-out")
            out.text = _clean("\n".join([summary, *_examples(data, row)]))
        cases.append(tc)
    unread = ET.Element(
        "testcase", {"classname": "copydesk.input", "name": "input.unreadable", "time": "0"}
    )
    if data.unreadable > data.max_unreadable:
        failures += 1
        msg = f"unreadable: {data.unreadable} record(s) > {data.max_unreadable}"
        fail = ET.SubElement(unread, "failure", {"type": "error", "message": msg})
        fail.text = _clean(
            "\n".join(
                [msg] + [f"{e['input']}:{e['line']}: {e['message']}" for e in data.errors[:10]]
            )
        )
    cases.append(unread)
    gate_case, errors = _gate_case(data)
    if gate_case is not None:
        cases.append(gate_case)
        failures += 1 - errors

    suites = ET.Element(
        "testsuites",
        {
            "name": "copydesk",
            "tests": str(len(cases)),
            "failures": str(failures),
            "errors": str(errors),
        },
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        {
            "name": "copydesk",
            "tests": str(len(cases)),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": "0",
            "time": "0",
        },
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("copydesk.version", data.version),
        ("copydesk.inputs", " ".join(data.inputs)),
        ("copydesk.records", str(data.records)),
        ("copydesk.passed", str(data.passed)),
        ("copydesk.failed", str(data.failed)),
        ("copydesk.unreadable", str(data.unreadable)),
        ("copydesk.findings", str(data.findings)),
        ("copydesk.gate", "passed" if data.gate_passed else "failed"),
    ):
        ET.SubElement(props, "property", {"name": name, "value": _clean(value)})
    suite.extend(cases)
    return suites


def _gate_case(data: ReportData) -> tuple[ET.Element | None, int]:
    """A ``gate`` test case for the reasons no check owns: an ``<error>`` for an internal
    error (a check or reader crashed), a ``<failure>`` for too few records; ``None`` if none."""
    owned = (*(f"{row.id}:" for row in data.checks), "unreadable:")
    other = [r for r in data.reasons if not r.startswith(owned)]
    if not other:
        return None, 0
    internal = any(r.startswith("internal error") for r in other)
    tc = ET.Element("testcase", {"classname": "copydesk.gate", "name": "gate", "time": "0"})
    kind = "error" if internal else "failure"
    el = ET.SubElement(tc, kind, {"type": kind, "message": _clean(other[0])})
    el.text = _clean("\n".join(other))
    return tc, int(internal)


def to_string(data: ReportData) -> str:
    root = build(data)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(data: ReportData, path: str | os.PathLike[str]) -> None:
    """Write the JUnit XML of ``data`` to ``path`` (atomically: a temporary file, renamed)."""
    write_text(path, to_string(data))
