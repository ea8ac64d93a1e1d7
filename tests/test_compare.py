"""``copydesk compare OLD NEW`` (issue 14): findings fixed and introduced between two runs.

The changes are injected (one column wrap added in one record, one wrap joined in another)
and compare must name exactly those, over two report JSONs and over two inputs; then two
real extractors on the same web pages (Readability.js against trafilatura, same page ids).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from copydesk.adopt import fingerprint as fp
from copydesk.adopt.compare import Side, compare
from copydesk.adopt.markdown import code, comparison_markdown
from copydesk.cli import main
from copydesk.testing.corpora import corpus_path

from .conftest import SEED, read_jsonl
from .test_baseline import (
    _convert,
    findings_of,
    fix_one_break,
    inject_break,
    run_cli,
    write_jsonl,
)


@pytest.fixture
def pair(tmp_path: Path) -> dict[str, Any]:
    """OLD = the naive seed; NEW = it with one wrap injected and another joined."""
    records = read_jsonl(SEED / "naive.jsonl")
    old = write_jsonl(tmp_path / "old.jsonl", records)
    findings = findings_of(records)
    added_in, at = inject_break(records, findings)
    fixed = fix_one_break(records, findings, skip=added_in)
    new = write_jsonl(tmp_path / "new.jsonl", records)
    reports = []
    for p in (old, new):
        out = p.with_suffix(".report.json")
        run_cli("check", str(p), "-j", "1", "--json", str(out))
        reports.append(out)
    return {
        "old": old,
        "new": new,
        "old_json": reports[0],
        "new_json": reports[1],
        "added": (added_in, at),
        "fixed": fixed,
        "tmp": tmp_path,
    }


def _compare_json(*args: str) -> tuple[int, dict[str, Any]]:
    code_, out = run_cli("compare", *args, "--format", "json", "-j", "1")
    return code_, json.loads(out)


@pytest.mark.parametrize("kind", ["reports", "inputs"])
def test_compare_finds_exactly_the_injected_changes(pair: dict[str, Any], kind: str) -> None:
    a, b = (pair["old_json"], pair["new_json"]) if kind == "reports" else (pair["old"], pair["new"])
    code_, c = _compare_json(str(a), str(b))
    assert code_ == 1  # one introduced error > 0 allowed
    rid, at = pair["added"]
    intro = [(d["record"], d["check"], d["start"]) for d in c["introduced_findings"]]
    assert intro == [(rid, "sentence.line-break", at)]
    f = pair["fixed"]
    fixed = [(d["record"], d["check"], d["start"]) for d in c["fixed_findings"]]
    assert fixed == [(f.record, "sentence.line-break", f.start)]
    assert (c["introduced"], c["fixed"], c["regressions"]) == (1, 1, 1)
    old_n = json.loads(pair["old_json"].read_text(encoding="utf-8"))["summary"]["findings"]
    assert c["unchanged"] == old_n - 1
    assert c["by_check"]["sentence.line-break"]["fixed"] == 1
    assert c["by_check"]["sentence.line-break"]["introduced"] == 1
    assert sum(v["introduced"] + v["fixed"] for v in c["by_check"].values()) == 2
    recs = {r["record"]: (r["fixed"], r["introduced"]) for r in c["by_record"]}
    assert recs == {rid: (0, 1), f.record: (1, 0)}
    # within the threshold it passes
    code_, c = _compare_json(str(a), str(b), "--max-introduced", "1")
    assert code_ == 0 and c["passed"]


def test_a_run_against_itself_changes_nothing(pair: dict[str, Any]) -> None:
    code_, c = _compare_json(str(pair["old_json"]), str(pair["old_json"]))
    assert code_ == 0
    assert (c["fixed"], c["introduced"]) == (0, 0)
    assert c["unchanged"] == json.loads(pair["old_json"].read_text())["summary"]["findings"]


def test_records_on_one_side_only_are_not_fixed(pair: dict[str, Any]) -> None:
    """Inputs: a record the new extractor dropped is listed apart, its findings not 'fixed'."""
    records = read_jsonl(pair["old"])
    short = write_jsonl(pair["tmp"] / "short.jsonl", records[:-1])
    code_, c = _compare_json(str(pair["old"]), str(short))
    assert code_ == 0
    assert c["only_old_records"] == [records[-1]["id"]]
    assert (c["fixed"], c["introduced"]) == (0, 0)


def test_mixed_sides_and_bad_files_are_usage_errors(pair: dict[str, Any]) -> None:
    code_, out = run_cli("compare", str(pair["old_json"]), str(pair["new"]))
    assert code_ == 2 and "both" in out
    code_, out = run_cli("compare", str(pair["old"]), str(pair["tmp"] / "missing.jsonl"))
    assert code_ == 2


def test_markdown_is_fit_for_a_pull_request(pair: dict[str, Any]) -> None:
    md_file = pair["tmp"] / "cmp.md"
    code_, out = run_cli(
        "compare",
        str(pair["old_json"]),
        str(pair["new_json"]),
        "--format",
        "markdown",
        "--markdown",
        str(md_file),
    )
    assert code_ == 1
    assert out == md_file.read_text(encoding="utf-8")
    assert out.startswith("### copydesk compare: ❌ regression")
    assert "**1 fixed**, **1 introduced**" in out
    assert "| `sentence.line-break` | " in out
    row = next(x for x in out.splitlines() if x.startswith("| `sentence.line-break`"))
    assert row.endswith("| 1 | 1 | +0 |")
    # record text cannot break out of its code span or its table cell
    assert code("a`b|c\nd") == "`aˋb¦c d`"


def test_compare_html_shows_the_comparison_above_the_new_report(pair: dict[str, Any]) -> None:
    html = pair["tmp"] / "cmp.html"
    code_, _ = run_cli("compare", str(pair["old_json"]), str(pair["new_json"]), "--html", str(html))
    assert code_ == 1
    page = html.read_text(encoding="utf-8")
    assert page.index('id="comparison"') < page.index("<h2>checks</h2>")
    assert 'id="cmp-fixed">1<' in page and 'id="cmp-introduced">1<' in page
    assert f'data-record="{pair["added"][0]}" data-check="sentence.line-break"' in page


def test_fingerprints_ignore_offsets_and_cut_marks() -> None:
    a = {"record": "r", "check": "c.x", "field": "body", "excerpt": "…ab⏎⏎cd…", "start": 5}
    b = {"record": "r", "check": "c.x", "field": "body", "excerpt": "ab⏎cd", "start": 900}
    assert fp.of_dict(a) == fp.of_dict(b)
    assert fp.of_dict(a) != fp.of_dict({**a, "check": "c.y"})
    assert fp.of_dict(a) != fp.of_dict({**a, "excerpt": "…ab⏎⏎ce…"})
    c = compare(Side("o"), lambda: [a, a], Side("n"), [b])
    assert (c.unchanged, len(c.fixed), len(c.introduced)) == (1, 1, 0)


# -- real extractors on the same pages -------------------------------------------------------
@pytest.fixture(scope="module")
def two_extractors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    script = corpus_path("en", "article_extraction_benchmark", "to_jsonl.py")
    if script is None:
        pytest.skip("../shared/corpora/en/article_extraction_benchmark is absent")
    d = tmp_path_factory.mktemp("aeb")
    out = []
    for name in ("readability_js", "trafilatura"):
        recs = _convert(script, d / f"{name}.raw.jsonl", "--extractor", name)
        for r in recs:  # the same page under both extractors: one record id
            r["id"] = r["page_id"]
        out.append(write_jsonl(d / f"{name}.jsonl", recs))
    return out[0], out[1]


def test_two_real_extractors_compare_consistently(two_extractors: tuple[Path, Path]) -> None:
    """Readability.js -> trafilatura on the same 181 pages: every finding of each side is
    fixed, introduced or unchanged, and the per-check counts add up."""
    old, new = two_extractors
    code_, c = _compare_json(str(old), str(new))
    assert c["old"]["records"] == c["new"]["records"] == 181
    assert c["only_old_records"] == c["only_new_records"] == []
    assert c["unchanged"] + c["fixed"] == c["old"]["findings"]
    assert c["unchanged"] + c["introduced"] == c["new"]["findings"]
    for v in c["by_check"].values():
        assert v["old"] - v["fixed"] == v["new"] - v["introduced"] >= 0
    assert c["fixed"] > 0 and c["introduced"] > 0  # two extractors really differ
    assert code_ == (0 if c["regressions"] == 0 else 1)
    md = comparison_markdown(c)
    assert md.count("\n| `") >= 1


def test_a_report_made_with_a_baseline_is_flagged(pair: dict[str, Any]) -> None:
    """Its baselined findings are not in its findings: compare says they will count as fixed."""
    bl = pair["tmp"] / "bl.json"
    run_cli("baseline", str(pair["old"]), "--out", str(bl), "-j", "1")
    with_bl = pair["tmp"] / "with-bl.json"
    run_cli("check", str(pair["new"]), "-j", "1", "--baseline", str(bl), "--json", str(with_bl))
    res = CliRunner().invoke(main, ["compare", str(pair["old_json"]), str(with_bl)])
    assert "was checked with a baseline" in res.stderr
    assert "fixed" in res.stdout
