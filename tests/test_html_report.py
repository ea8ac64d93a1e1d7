"""The HTML report: self-contained, escaped, counts equal the JSON, texts highlighted in place."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from copydesk.cli import main
from copydesk.engine import RecordResult
from copydesk.findings import Finding, Severity
from copydesk.report.html import (
    ExampleCollector,
    KeptRecord,
    duplicate_source,
    load_results,
    record_view,
    script_json,
)

from .conftest import SEED, read_jsonl

XSS = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '"><img src=x onerror="window.__pwned=2;alert(2)">',
    '<a href="javascript:window.__pwned=3">click</a>',
    "</script><script>window.__pwned=4</script>",
    "<div><b>unbalanced <i>html",
    "\u2028line separator</title></style>",
]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class _Doc(HTMLParser):
    """Collect scripts, external references and element ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, Any], str]] = []
        self.styles: list[str] = []
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.csp = ""
        self._in: str | None = None
        self._attrs: dict[str, Any] = {}
        self._buf: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"] or "")
        for k, v in a.items():
            if k in ("src", "href", "action", "srcset", "poster") and v and not v.startswith("#"):
                self.refs.append(v)
            if k.startswith("on"):
                self.handlers.append(k)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content") or ""
        if tag in ("script", "style"):
            self._in, self._attrs, self._buf = tag, a, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            text = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.styles.append(text)
            self._in = None


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def parse(path: Path) -> tuple[str, _Doc]:
    html = path.read_text(encoding="utf-8")
    doc = _Doc()
    doc.feed(html)
    return html, doc


def summary_of(doc: _Doc) -> dict[str, Any]:
    data = [t for a, t in doc.scripts if a.get("type") == "application/json"]
    assert len(data) == 1
    return json.loads(data[0])


def test_seed_naive_report_counts_csp_and_no_outside_reference(tmp_path: Path) -> None:
    out, js = tmp_path / "r.html", tmp_path / "r.json"
    res = invoke("check", str(SEED / "naive.jsonl"), "--html", str(out), "--json", str(js))
    assert res.exit_code == 1
    report = json.loads(js.read_text(encoding="utf-8"))
    html, doc = parse(out)
    s = summary_of(doc)
    for k in ("records", "passed", "failed", "unreadable", "findings"):
        assert s[k] == report["summary"][k]
        assert re.search(rf'id="t-{k}">{report["summary"][k]:,}<', html)
    assert s["by_check"] == report["summary"]["by_check"]
    assert s["gate"] == report["summary"]["gate"]
    # nothing from outside: no src/href but in-page anchors, and a CSP that forbids the rest
    assert doc.refs == []
    assert doc.handlers == []
    assert "default-src 'none'" in doc.csp and "unsafe-inline" not in doc.csp
    code = [t for a, t in doc.scripts if "type" not in a]
    assert len(code) == 1 and _sha(code[0]) in doc.csp
    assert len(doc.styles) == 1 and _sha(doc.styles[0]) in doc.csp
    # every finding of every kept record has its anchor in the text
    n = sum(len(r) for r in [report["findings"]])
    anchors = {i for i in doc.ids if re.fullmatch(r"f\d+-\d+", i)}
    assert len(anchors) == n  # 4 records, all kept: every finding is anchored
    for f in report["findings"]:
        if f["check"].startswith("quote."):
            assert "repeats body[" in f["message"]
    assert any(re.fullmatch(r"s\d+-\d+", i) for i in doc.ids)  # the originals of the copies


def test_highlight_holds_the_defect_text_with_visible_newlines() -> None:
    text = "构建更加和平安全的网络空\n\n间。尊重 网络主权"
    findings = [
        Finding("sentence.line-break", Severity.ERROR, "body", 12, 14, "", "line break"),
        Finding("sentence.stray-space", Severity.ERROR, "body", 18, 19, "", "stray space"),
    ]
    view = record_view(KeptRecord(0, "a", "x.jsonl", 1, findings, {"body": text}))
    ((name, html),) = view.fields
    assert name == "body"
    marks = re.findall(r"<mark [^>]*>(.*?)</mark>", str(html), re.S)
    nl = '<span class="nl">⏎</span>\n'
    assert marks == [nl + nl, '<span class="ws">␣</span>']
    assert 'id="f0-0"' in str(html) and 'id="f0-1"' in str(html)
    plain = re.sub(r"<[^>]+>", "", str(html)).replace("⏎", "").replace("␣", " ")
    assert plain == text


def test_duplicate_copy_links_to_its_original() -> None:
    body = "第一段文字在这里。\n■第一段文字在这里。"
    f = Finding("quote.pull-quote-in-body", Severity.ERROR, "body", 10, 20, "", "repeats body[0:9]")
    assert duplicate_source(f, {"body": body}) == ("body", 0, 9)
    assert duplicate_source(
        Finding("quote.duplicate-block", Severity.ERROR, "body", 0, 1, "", "repeats quotes[1]"),
        {"quotes[1]": "abc"},
    ) == ("quotes[1]", 0, 3)
    assert (
        duplicate_source(
            Finding("sentence.line-break", Severity.ERROR, "body", 0, 1, "", "repeats body[0:9]"),
            {"body": body},
        )
        is None
    )
    html = str(record_view(KeptRecord(3, "a", "x", 1, [f], {"body": body})).fields[0][1])
    # the original is marked and anchored, the copy links to it, and the original links back
    assert '<a class="src-label" id="s3-0" href="#f3-0">' in html
    assert '<a class="dup-link" href="#s3-0"' in html
    src = re.search(r'<mark class="[^"]*\bsrc\b[^"]*"[^>]*>(.*?)</mark>', html)
    assert src and src.group(1) == "第一段文字在这里。"


def test_every_payload_is_text_and_the_embedded_json_cannot_close_its_script(
    tmp_path: Path,
) -> None:
    recs = [
        {"id": p, "body": f"这是一句{p}话，\n被截断了。", "published": "2023-11-09"} for p in XSS
    ]
    src = tmp_path / "xss.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    out = tmp_path / "xss.html"
    invoke("check", str(src), "--html", str(out))
    html, doc = parse(out)
    assert len(doc.scripts) == 2  # the summary JSON and the page's own script, nothing else
    assert doc.handlers == [] and doc.refs == []
    for raw in ("<script>window", "<img", '<a href="javascript'):
        assert raw not in html
    assert "&lt;script&gt;window.__pwned = 1" in html
    data = summary_of(doc)
    assert sorted(data["kept_ids"]) == sorted(XSS)
    assert script_json({"x": "</script><!--"}) == '{"x":"\\u003c/script\\u003e\\u003c!--"}'


def test_report_command_rereads_inputs_and_degrades_to_excerpts(tmp_path: Path) -> None:
    src = tmp_path / "naive.jsonl"
    shutil.copy(SEED / "naive.jsonl", src)
    js, live, again = tmp_path / "r.json", tmp_path / "live.html", tmp_path / "again.html"
    invoke("check", str(src), "--json", str(js), "--html", str(live))
    res = invoke("report", str(js), "--html", str(again))
    assert res.exit_code == 0
    _, d_live = parse(live)
    _, d_again = parse(again)
    s_live, s_again = summary_of(d_live), summary_of(d_again)
    for k in ("records", "passed", "failed", "findings", "by_check", "gate", "kept_ids"):
        assert s_live[k] == s_again[k]
    html = again.read_text(encoding="utf-8")
    assert html.count('<pre class="text"') == 4
    src.unlink()
    gone = tmp_path / "gone.html"
    res = invoke("report", str(js), "--html", str(gone))
    assert res.exit_code == 0 and "excerpts only" in res.stderr
    html = gone.read_text(encoding="utf-8")
    assert '<pre class="text"' not in html and 'id="degraded-note"' in html
    excerpt = json.loads(js.read_text(encoding="utf-8"))["findings"][0]["excerpt"]
    assert excerpt in html
    assert summary_of(parse(gone)[1])["findings"] == s_live["findings"]


def test_report_command_reads_any_json_layout_and_rejects_other_files(tmp_path: Path) -> None:
    js = tmp_path / "r.json"
    invoke("check", str(SEED / "naive.jsonl"), "--json", str(js))
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(js.read_text("utf-8")), indent=2), "utf-8")
    a, b = load_results(js), load_results(pretty)
    assert [(r.id, r.findings, r.failing_records, r.over) for r in a.checks] == [
        (r.id, r.findings, r.failing_records, r.over) for r in b.checks
    ]
    assert len(a.kept) == len(b.kept) == 4 and all(k.texts for k in a.kept)
    bad = tmp_path / "bad.json"
    bad.write_text('{"x": 1}', "utf-8")
    assert invoke("report", str(bad), "--html", str(tmp_path / "x.html")).exit_code == 2
    assert invoke("report", str(tmp_path / "none.json"), "--html", "x.html").exit_code == 2
    assert invoke("report", str(js)).exit_code == 2  # nothing to write


def test_caps_keep_counts_and_say_so(tmp_path: Path) -> None:
    c = ExampleCollector(per_check=2, max_records=3)
    for i in range(10):
        f = Finding("sentence.line-break", Severity.ERROR, "body", 0, 1, "x", "m", None, str(i))
        g = Finding("date.split", Severity.ERROR, "body", 1, 2, "x", "m", None, str(i))
        c.add(RecordResult("a", i + 1, str(i), [f] if i < 5 else [f, g]), {"body": "ab"})
    assert [k.record for k in c.kept] == ["0", "1", "5"]
    assert c.not_kept == 7 and c.kept_per_check["date.split"] == 1
    # through the CLI: 160 records; every check keeps its 50 examples, not every record
    base = read_jsonl(SEED / "naive.jsonl")
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(160):
            fh.write(json.dumps({**base[i % 4], "id": f"r{i}"}, ensure_ascii=False) + "\n")
    out, js = tmp_path / "r.html", tmp_path / "r.json"
    invoke("check", str(src), "--html", str(out), "--json", str(js))
    html, doc = parse(out)
    s = summary_of(doc)
    assert s["records"] == 160 and 50 <= s["kept_records"] < 160
    assert 'id="cap-note"' in html and str(js) in html
    assert s["findings"] == json.loads(js.read_text("utf-8"))["summary"]["findings"]
    data = load_results(js)
    assert [k.record for k in data.kept] == s["kept_ids"]
    for row in data.checks:
        assert row.kept >= min(row.records, 50), row.id


# -- issue 14: baseline, group and comparison sections ---------------------------------------
def test_adoption_sections_are_escaped_self_contained_and_survive_the_json(
    tmp_path: Path,
) -> None:
    """Baseline and group views from a live run and from `copydesk report` on its JSON; data
    from the records (group names, excerpts) is text; no inline style (the CSP forbids it)."""
    records = read_jsonl(SEED / "naive.jsonl")
    for r, p in zip(records, XSS, strict=False):
        r["source"] = p
    src = tmp_path / "x.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    bl = tmp_path / "bl.json"
    invoke("baseline", str(src), "--out", str(bl), "-j", "1")
    records[0]["body"] = records[0]["body"].replace("间。", "间。\n\n间。", 1)  # any change
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    out, js = tmp_path / "r.html", tmp_path / "r.json"
    invoke("check", str(src), "-j", "1", "--baseline", str(bl), "--group-by", "source",
           "--html", str(out), "--json", str(js))  # fmt: skip
    report = json.loads(js.read_text(encoding="utf-8"))
    again = tmp_path / "again.html"
    assert invoke("report", str(js), "--html", str(again)).exit_code == 0
    for page in (out, again):
        html, doc = parse(page)
        assert {"baseline", "baseline-table", "groups", "group-table", "group-chart"} <= doc.ids
        assert doc.refs == [] and doc.handlers == []
        assert " style=" not in html.split("<style>", 1)[0] + html.split("</style>", 1)[1]
        for p in XSS[:4]:
            assert p not in html  # only ever escaped
        assert f'id="bl-baselined">{report["baseline"]["baselined"]:,}<' in html
        rows = re.findall(r'<tr class="group" data-group="([^"]*)"', html)
        assert len(rows) == len(report["groups"]["groups"]) == 4
