"""The report JSON's findings: written field by field, the same text as the general encoder."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.findings import Finding, Severity
from copydesk.report.json_report import finding_json
from copydesk.spool import json_text

_ODD = ["\ud800", "\udfff", "\udc00", "\u2028", "\x00", "\x1f", "\x7f", '"', "\\", "\n", "é", "報"]
_TEXT = st.text(alphabet=st.characters() | st.sampled_from(_ODD), max_size=30)
_OPT = st.none() | _TEXT


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(list(Severity)),
    _TEXT,
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    _TEXT,
    _TEXT,
    _OPT,
    _OPT,
    _OPT,
    st.none() | st.integers(1, 10**9),
)
def test_finding_json_is_json_text_of_the_dict(
    sev: Severity,
    field: str,
    start: int,
    end: int,
    excerpt: str,
    message: str,
    suggestion: str | None,
    record: str | None,
    input_: str | None,
    line: int | None,
) -> None:
    """Any strings (lone surrogates, control characters, quotes, U+2028) and offsets."""
    f = Finding("x.y", sev, field, start, end, excerpt, message, suggestion, record, input_, line)
    assert finding_json(f) == json_text(f.to_dict())
    assert json.loads(finding_json(f))["excerpt"] is not None


def test_other_types_take_the_general_encoder() -> None:
    """A value of another type (a bool offset, a float line, an int id) is written as
    ``json`` writes it."""
    for f in (
        Finding("x.y", Severity.ERROR, "body", True, 1, "", "", None, "r", "i", 3),
        Finding("x.y", Severity.ERROR, "body", 0, 1, "", "", None, 5, "i", 3.0),  # type: ignore[arg-type]
    ):
        assert finding_json(f) == json_text(f.to_dict())
    assert '"start": true' in finding_json(
        Finding("x.y", Severity.ERROR, "body", True, 1, "", "", None, "r", "i", 3)
    )


def test_the_report_writes_each_finding_as_json_text(tmp_path: object) -> None:
    """The findings array of the report is each finding's ``json_text``, one a line, a record
    with a lone surrogate in its text included (escaped, so the file is UTF-8)."""
    import io

    from copydesk.config import Config
    from copydesk.engine import run
    from copydesk.io import RawItem
    from copydesk.report.json_report import JsonReportWriter

    bodies = ["abc\udc00 文本。 文本", "第一段\n\n\n第二段 ，错 误。", "plain text, no finding"]
    items = [RawItem("<t>", i + 1, data={"id": f"r{i}", "body": b}) for i, b in enumerate(bodies)]
    writer = JsonReportWriter()
    findings: list[Finding] = []

    def on_result(res: object) -> None:
        writer.add(res)  # type: ignore[arg-type]
        findings.extend(res.findings)  # type: ignore[attr-defined]

    result = run(items, Config(), on_result=on_result)
    out = io.StringIO()
    writer.write(out, ["<t>"], Config(), result)
    writer.close()
    text = out.getvalue()
    assert len(findings) >= 2
    expected = ",".join(json_text(f.to_dict()) + "\n" for f in findings)
    assert '"findings": [\n' + expected + "]" in text
    assert "\\udc00" in text
    text.encode("utf-8")  # no lone surrogate left
    assert json.loads(text)["findings"] == [f.to_dict() for f in findings]
