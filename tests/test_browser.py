"""The HTML report and GX Data Docs in a real browser (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from copydesk.cli import main

from .conftest import REPO, SEED

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

#: The text of ``n`` code points from a finding's anchor, as a person reads it on the page:
#: visible marks (⏎ ␣ □ ⇥) turned back into the characters they stand for, link labels
#: skipped; and whether every character of it sits inside a <mark>.
SPAN_TEXT = """([id, n]) => {
  const a = document.getElementById(id);
  const pre = a.closest('pre');
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  let node, started = false, out = '', marked = true;
  while ((node = walker.nextNode())) {
    if (!started) {
      if (a.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) started = true;
      else continue;
    }
    const el = node.parentElement;
    if (el.closest('.dup-link, .src-label')) continue;
    let t = node.textContent;
    if (el.classList.contains('nl')) t = '';
    else if (el.classList.contains('ws')) t = {'␣': ' ', '□': '\\u3000', '⇥': '\\t'}[t];
    for (const ch of t) {
      if ([...out].length >= n) break;
      out += ch;
      if (!el.closest('mark')) marked = false;
    }
    if ([...out].length >= n) break;
  }
  return [out, marked];
}"""


SCROLL_TO_BLOCKS = """() => {
  for (const pre of document.querySelectorAll('section.rec pre.text')) {
    const m = pre.querySelector('a.dup-link, mark.blk-layout');
    if (m) pre.scrollTop = Math.max(0, m.offsetTop - pre.offsetTop - 220);
  }
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, browser: Any, path: Path, height: int = 1400) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": height})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready='1']", timeout=10_000)


def visible_records(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "section.rec", "els => els.filter(e => !e.hidden).map(e => e.dataset.id)"
    )


@pytest.fixture(scope="module")
def naive_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    d = tmp_path_factory.mktemp("naive")
    html, js = d / "naive.html", d / "naive.json"
    CliRunner().invoke(
        main,
        ["check", str(SEED / "naive.jsonl"), "--html", str(html), "--json", str(js)],
        catch_exceptions=False,
    )
    return html, json.loads(js.read_text(encoding="utf-8"))


def test_counts_filters_and_highlights_as_a_person_sees_them(
    browser: Any, naive_report: tuple[Path, dict[str, Any]]
) -> None:
    html, report = naive_report
    o = Opened(browser, html)
    page, s = o.page, report["summary"]
    for k in ("records", "passed", "failed", "unreadable", "findings"):
        assert page.inner_text(f"#t-{k}").replace(",", "") == str(s[k])
    assert page.inner_text("#gate") == "Gate FAILED"
    assert page.locator("#reasons li").all_inner_texts() == s["gate"]["reasons"]
    rows = page.locator("tr.check")
    assert rows.count() == len(s["by_check"])
    for i in range(rows.count()):
        cid = rows.nth(i).get_attribute("data-check")
        shown = rows.nth(i).locator("td.findings").inner_text().replace(",", "")
        assert int(shown) == s["by_check"][cid]["findings"]
    ids = [f"rmrb-2023-11-09-p1-0{i}" for i in (1, 2, 3, 4)]
    assert visible_records(page) == ids

    # a row opens its examples
    row = page.locator("tr.check[data-check='quote.pull-quote-in-body']")
    assert not page.locator("tr.check[data-check='quote.pull-quote-in-body'] + tr").is_visible()
    row.click()
    assert page.locator("tr.check[data-check='quote.pull-quote-in-body'] + tr").is_visible()

    # filters: a check, a family, a severity, an id
    page.select_option("#f-check", "quote.pull-quote-in-body")
    assert visible_records(page) == ["rmrb-2023-11-09-p1-01"]
    assert page.inner_text("#shown") == "1"
    page.click("#f-reset")
    page.uncheck("input[name=family][value=sentence]")
    assert page.locator("tr.check[data-check='sentence.line-break']").is_hidden()
    off = page.eval_on_selector_all(
        "mark[data-c='sentence.line-break']", "ms => ms.every(m => m.classList.contains('off'))"
    )
    assert off
    page.click("#f-reset")
    page.uncheck("input[name=severity][value=error]")
    left = page.eval_on_selector_all("tr.check", "rs => rs.filter(r => !r.hidden).length")
    warnings = [c for c, v in s["by_check"].items() if v["severity"] == "warning"]
    assert left == len(warnings)
    page.click("#f-reset")
    page.fill("#f-search", "p1-03")
    assert visible_records(page) == ["rmrb-2023-11-09-p1-03"]
    page.click("#f-reset")

    # every highlighted span holds the defect's exact text, inside a mark
    body = {
        json.loads(line)["id"]: json.loads(line)["body"]
        for line in (SEED / "naive.jsonl").read_text(encoding="utf-8").splitlines()
    }
    keys = {rid: i for i, rid in enumerate(ids)}
    per_record: dict[str, int] = {}
    checked = set()
    for f in report["findings"]:
        i = per_record.get(f["record"], 0)
        per_record[f["record"]] = i + 1
        if f["check"] in checked and f["check"] != "quote.pull-quote-in-body":
            continue
        checked.add(f["check"])
        want = body[f["record"]][f["start"] : f["end"]]
        got, marked = page.evaluate(SPAN_TEXT, [f"f{keys[f['record']]}-{i}", len(want)])
        assert got == want, f
        assert marked, f
    # the copy links to its original, and the original is the same text
    link = page.locator("#rec-0 a.dup-link").first
    target = link.get_attribute("href")
    assert target and page.locator(target).count() == 1
    assert o.dialogs == []
    assert o.requests == [html.as_uri()]  # nothing but the file itself

    # screenshots for people: the top as opened; then the whole page with each record's
    # text scrolled to its first block defect (a copy, a second article)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seed-naive-report.png"))
    page.evaluate(SCROLL_TO_BLOCKS)
    page.screenshot(
        path=str(ARTIFACTS / "seed-naive-docs.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1400, "height": 2750},
    )
    page.close()


def test_no_script_from_the_data_runs(browser: Any, tmp_path: Path) -> None:
    payloads = [
        "<script>window.__pwned=1;alert(1)</script>",
        '"><img src=x onerror="window.__pwned=2;alert(2)">',
        '<a href="javascript:window.__pwned=3;alert(3)">x</a>',
        "</script><script>window.__pwned=4;alert(4)</script>",
        '<svg onload="window.__pwned=5"><div><b>unbalanced',
        '<iframe src="https://example.com/x"></iframe><link rel=stylesheet href=//e.x/a.css>',
    ]
    src = tmp_path / "xss.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"id": p, "body": f"一句{p}话，\n被截断。", "headline": p}, ensure_ascii=False
            )
            + "\n"
            for p in payloads
        ),
        encoding="utf-8",
    )
    out = tmp_path / "xss.html"
    CliRunner().invoke(main, ["check", str(src), "--html", str(out)], catch_exceptions=False)
    o = Opened(browser, out)
    page = o.page
    for link in page.locator("section.rec a[href^='#']").all()[:3]:
        link.click()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert o.dialogs == []
    assert o.requests == [out.as_uri()]
    assert sorted(visible_records(page)) == sorted(payloads)
    shown = page.locator("section.rec .id").all_inner_texts()
    assert sorted(shown) == sorted(payloads)  # shown as text, exactly
    assert page.locator("section.rec img, section.rec iframe, section.rec svg").count() == 0
    page.close()


def test_gx_data_docs_name_the_failing_records(browser: Any, tmp_path: Path) -> None:
    pytest.importorskip("great_expectations", reason="the [gx] extra is not installed")
    docs = tmp_path / "docs"
    res = CliRunner().invoke(
        main, ["check", str(SEED / "naive.jsonl"), "--gx-docs", str(docs)], catch_exceptions=False
    )
    assert res.exit_code == 1
    page = browser.new_page()
    outside: list[str] = []

    def block(route: Any) -> None:  # GX's pages link CDN styles; never fetch them
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    page.goto((docs / "index.html").as_uri())
    # the index table is drawn by bootstrap-table from a CDN; offline, read its row links
    links = re.findall(r"'_table_row_link_path': '(validations/[^']+)'", page.content())
    assert len(links) == 1
    page.goto((docs / links[0]).as_uri())
    text = page.inner_text("body")
    for i in (1, 2, 3, 4):
        assert f"rmrb-2023-11-09-p1-0{i}" in text
    assert "cd_quote_findings" in text
    page.close()


# -- issue 14: the group and comparison views ---------------------------------------------
GROUP_ROWS = """() => [...document.querySelectorAll('#group-table tbody tr')].map(
  tr => [...tr.children].map(td => td.textContent))"""
BAR_RATES = """() => [...document.querySelectorAll('#group-chart g.gbar')].map(g => [
  g.dataset.group, parseFloat(g.dataset.rate),
  g.querySelector('rect.bar-error').getBoundingClientRect().width])"""


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_group_and_comparison_views_as_a_person_sees_them(browser: Any, tmp_path: Path) -> None:
    """OLD = the naive seed with the gold page as another section; NEW = the same with one
    record's column wraps joined. The NEW report shows the comparison and the groups."""
    naive = [json.loads(x) for x in (SEED / "naive.jsonl").read_text("utf-8").splitlines()]
    gold = [json.loads(x) for x in (SEED / "gold.jsonl").read_text("utf-8").splitlines()]
    for r in naive:
        r["section"] = "naive <b>page</b>"  # record text in the view stays text
    for r in gold:
        r["id"], r["section"] = r["id"] + "-gold", "gold"
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    _write_jsonl(old, naive + gold)
    fixed = [dict(r) for r in naive]
    fixed[1]["body"] = gold[1]["body"]  # the second article, as corrected by hand
    _write_jsonl(new, fixed + gold)
    args = ["-j", "1", "--ignore", "quote.duplicate-record", "--group-by", "section"]
    reports = []
    for p in (old, new):
        out = p.with_suffix(".json")
        CliRunner().invoke(main, ["check", str(p), "--json", str(out), *args])
        reports.append(out)
    html = tmp_path / "cmp.html"
    res = CliRunner().invoke(
        main,
        ["compare", str(reports[0]), str(reports[1]), "--html", str(html), "--format", "json"],
    )
    cmp = json.loads(res.output)
    report = json.loads(reports[1].read_text(encoding="utf-8"))

    o = Opened(browser, html)
    page = o.page
    assert page.inner_text("#cmp-fixed").replace(",", "") == str(cmp["fixed"])
    assert page.inner_text("#cmp-introduced").replace(",", "") == str(cmp["introduced"])
    assert cmp["fixed"] > 0 and {d["record"] for d in cmp["fixed_findings"]} == {naive[1]["id"]}
    for check_id, v in cmp["by_check"].items():
        cells = page.locator(f"#comparison-table tr[data-check='{check_id}'] td").all_inner_texts()
        assert [int(c.replace(",", "")) for c in cells[1:]] == [
            v["old"], v["new"], v["fixed"], v["introduced"]
        ]  # fmt: skip
    shown = page.locator("#cmp-list-fixed li").all_inner_texts()
    assert len(shown) == cmp["fixed"] and all(naive[1]["id"] in t for t in shown)
    assert page.locator("#cmp-list-introduced").count() == (1 if cmp["introduced"] else 0)

    rows = page.evaluate(GROUP_ROWS)
    groups = report["groups"]["groups"]
    assert [r[0] for r in rows] == [g["group"] for g in groups]
    assert rows[0][0] == "naive <b>page</b>"  # escaped, shown as typed
    assert page.locator("#group-table b").count() == 0
    assert sum(int(r[1].replace(",", "")) for r in rows) == report["summary"]["records"]
    assert sum(int(r[4].replace(",", "")) for r in rows) == report["summary"]["findings"]
    bars = page.evaluate(BAR_RATES)
    assert [b[0] for b in bars] == [g["group"] for g in groups]
    assert [b[1] for b in bars] == sorted((b[1] for b in bars), reverse=True)  # worst first
    assert bars[0][2] > bars[-1][2]  # the worst group's bar is the longest
    assert page.locator("#group-chart").is_visible()
    assert o.dialogs == []
    assert o.requests == [html.as_uri()]
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#comparison").screenshot(path=str(ARTIFACTS / "compare-view.png"))
    page.locator("#groups").screenshot(path=str(ARTIFACTS / "group-view.png"))
    page.close()
