"""Baselines (issue 14): accept today's findings, gate only on new ones, ratchet down.

On the seed page (naive records) and on real corpora from ../shared (a web extractor's
English output, raw Chinese crawler text): a baseline passes the file it was made on, fails
on exactly one injected defect, survives an unrelated edit, and shrinks when a defect is
fixed and ``--update-baseline`` runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from copydesk.adopt import fingerprint as fp
from copydesk.adopt.baseline import Baseline, BaselineError, BaselineFilter
from copydesk.cli import main
from copydesk.config import Config
from copydesk.engine import RecordResult, check_records
from copydesk.findings import Finding, Severity
from copydesk.schemas.report_schema import REPORT_SCHEMA
from copydesk.testing.corpora import corpus_path

from .conftest import SEED, read_jsonl

MARGIN = 13  # an excerpt holds 12 characters either side: edits this far away leave it alone
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PAIRED = set("“”‘’\"'「」『』（）()《》〈〉【】[]")


# -- helpers (test_compare.py uses them too) -----------------------------------------------
def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def findings_of(records: list[dict[str, Any]], config: Config | None = None) -> list[Finding]:
    return check_records(records, config or Config(), jobs=1)[1]


def _clear(findings: list[Finding], record: str, start: int, end: int) -> bool:
    """No finding of ``record``'s body within MARGIN characters of ``[start, end)``."""
    return all(
        f.record != record
        or f.field != "body"
        or f.end + MARGIN <= start
        or f.start >= end + MARGIN
        for f in findings
    )


def quiet_spots(record: dict[str, Any], findings: list[Finding]) -> Iterator[int]:
    """Offsets in the body between two Han characters (or on a space between two Latin
    letters) with no finding within MARGIN characters, no paired mark near it (a break there
    would also unbalance it) and no line break within 6 characters."""
    body = record["body"]
    for at in range(MARGIN, len(body) - MARGIN):
        window = body[at - MARGIN : at + MARGIN]
        if "\n" in body[at - 6 : at + 6] or _PAIRED & set(window):
            continue
        if not _clear(findings, record["id"], at, at + 1):
            continue
        if _HAN.match(body[at - 1]) and _HAN.match(body[at]):
            yield at
        elif body[at] == " " and body[at - 1].isalpha() and body[at + 1].isalpha():
            yield at


def _with_break(body: str, at: int) -> str:
    return body[:at] + "\n" + body[at + 1 if body[at] == " " else at :]


def inject_break(records: list[dict[str, Any]], findings: list[Finding]) -> tuple[str, int]:
    """Put one newline inside a sentence (a column wrap, as extraction makes it) at the first
    quiet spot where the checks find exactly one more finding; returns the record id and the
    offset. The record is changed in place."""
    for r in records:
        if not isinstance(r.get("body"), str):
            continue
        before = len(findings_of([r]))
        for n, at in enumerate(quiet_spots(r, findings)):
            if n >= 20:
                break
            trial = {**r, "body": _with_break(r["body"], at)}
            after = findings_of([trial])
            breaks = [f for f in after if f.check == "sentence.line-break" and f.start == at]
            if len(after) == before + 1 and breaks:
                r["body"] = trial["body"]
                return r["id"], at
    raise AssertionError("no quiet spot to inject a defect")


def fix_one_break(
    records: list[dict[str, Any]], findings: list[Finding], skip: str | None = None
) -> Finding:
    """Join one ``sentence.line-break`` between two Han characters with no other finding
    near it (in a record other than ``skip``); returns the finding it fixed."""
    by_id = {r["id"]: r for r in records}
    for f in findings:
        if f.check != "sentence.line-break" or f.field != "body" or f.record == skip:
            continue
        body = by_id[f.record]["body"]
        span = body[f.start : f.end]
        if span.strip() or f.start < 1 or f.end >= len(body):
            continue
        if not (_HAN.match(body[f.start - 1]) and _HAN.match(body[f.end])):
            continue
        others = [g for g in findings if g is not f]
        if not _clear(others, f.record, f.start, f.end):
            continue
        by_id[f.record]["body"] = body[: f.start] + body[f.end :]
        return f
    raise AssertionError("no isolated line break to fix")


def insert_clean_text(records: list[dict[str, Any]], findings: list[Finding]) -> str:
    """An unrelated edit: a clean clause inserted at a quiet spot (every later offset moves)."""
    for r in records:
        at = next(quiet_spots(r, findings), None) if isinstance(r.get("body"), str) else None
        if at is None:
            continue
        zh = bool(_HAN.match(r["body"][at]))
        add = "（编者按：本段有改动）" if zh else " (editor's note: amended)"
        r["body"] = r["body"][:at] + add + r["body"][at:]
        return r["id"]
    raise AssertionError("no quiet spot for an edit")


def run_cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def check_json(path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    out = path.with_suffix(".report.json")
    code, _ = run_cli("check", str(path), "-j", "1", "--json", str(out), *args)
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, REPORT_SCHEMA)
    return code, report


# -- the seed page ---------------------------------------------------------------------------
@pytest.fixture
def seed_files(tmp_path: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    records = read_jsonl(SEED / "naive.jsonl")
    data = write_jsonl(tmp_path / "naive.jsonl", records)
    bl = tmp_path / "copydesk-baseline.json"
    code, out = run_cli("baseline", str(data), "--out", str(bl), "-j", "1")
    assert code == 0, out
    return data, bl, records


def test_baseline_on_the_naive_seed_passes_the_same_file(seed_files: Any) -> None:
    data, bl, records = seed_files
    plain, report0 = check_json(data)
    assert plain == 1  # without the baseline the naive page fails
    head = json.loads(bl.read_text(encoding="utf-8"))
    assert head["findings"] == report0["summary"]["findings"] > 100
    assert len(head["entries"]) == len({(e["record"], e["fingerprint"]) for e in head["entries"]})

    code, report = check_json(data, "--baseline", str(bl))
    assert code == 0
    s, b = report["summary"], report["baseline"]
    assert s["findings"] == 0 and report["findings"] == []
    assert s["passed"] == len(records) and s["gate"]["passed"]
    assert b["baselined"] == report0["summary"]["findings"]
    assert (b["new"], b["gone"], b["gone_findings"]) == (0, 0, [])
    per_check = {c: v["findings"] for c, v in report0["summary"]["by_check"].items()}
    assert {c: v["baselined"] for c, v in b["by_check"].items()} == per_check


def test_one_injected_defect_fails_the_gate_and_is_the_only_new_finding(seed_files: Any) -> None:
    data, bl, records = seed_files
    rid, at = inject_break(records, findings_of(records))
    write_jsonl(data, records)
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 1
    assert len(report["findings"]) == 1, report["findings"]
    f = report["findings"][0]
    assert (f["record"], f["check"], f["start"]) == (rid, "sentence.line-break", at)
    assert report["baseline"]["new"] == 1 and report["baseline"]["gone"] == 0
    assert report["summary"]["gate"]["reasons"][0].startswith("sentence.line-break: 1 record")


def test_an_unrelated_edit_moves_every_offset_but_no_fingerprint(seed_files: Any) -> None:
    data, bl, records = seed_files
    before = findings_of(records)
    rid = insert_clean_text(records, before)
    after = findings_of(records)
    moved = [(a.start, b.start) for a, b in zip(before, after, strict=True) if a.record == rid]
    assert any(x != y for x, y in moved)  # the edit really shifted spans
    write_jsonl(data, records)
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 0, report["findings"]
    assert report["baseline"]["new"] == 0 and report["baseline"]["gone"] == 0


def test_a_fixed_defect_is_gone_and_update_baseline_drops_only_it(seed_files: Any) -> None:
    data, bl, records = seed_files
    entries0 = json.loads(bl.read_text(encoding="utf-8"))["findings"]
    fixed = fix_one_break(records, findings_of(records))
    write_jsonl(data, records)
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 0
    gone = report["baseline"]["gone_findings"]
    assert [(g["record"], g["check"], g["count"]) for g in gone] == [
        (fixed.record, "sentence.line-break", 1)
    ]
    assert gone[0]["fingerprint"] == fp.of_finding(fixed)

    code, out = run_cli("check", str(data), "-j", "1", "--baseline", str(bl), "--update-baseline")
    assert code == 0
    assert "1 gone findings dropped" in out
    head = json.loads(bl.read_text(encoding="utf-8"))
    assert head["findings"] == entries0 - 1
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 0 and report["baseline"]["gone"] == 0
    # the ratchet: putting the defect back is now a new finding
    write_jsonl(data, read_jsonl(SEED / "naive.jsonl"))
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 1 and len(report["findings"]) == 1


def test_records_not_checked_are_not_gone(seed_files: Any, tmp_path: Path) -> None:
    """pre-commit passes only changed files: the other records' entries stay."""
    _data, bl, records = seed_files
    one = write_jsonl(tmp_path / "one.jsonl", records[1:2])
    code, report = check_json(one, "--baseline", str(bl))
    assert code == 0
    assert report["baseline"]["gone"] == 0
    assert report["baseline"]["baselined"] == len(findings_of(records[1:2]))


def test_unselected_checks_are_not_gone(seed_files: Any) -> None:
    data, bl, _records = seed_files
    code, report = check_json(data, "--baseline", str(bl), "--select", "date")
    assert code == 0
    assert report["baseline"]["gone"] == 0
    assert set(report["baseline"]["by_check"]) == {"date.split"}


def test_a_repeated_defect_is_counted(tmp_path: Path) -> None:
    """Two identical findings in one record: a baseline of one accepts one, not both."""
    err, brk = Severity.ERROR, "sentence.line-break"
    f = Finding(brk, err, "body", 3, 4, "…网络空⏎间。…", "m", None, "r1")
    twin = Finding(brk, err, "body", 40, 41, "网络空⏎间。", "m", None, "r1")
    assert fp.of_finding(f) == fp.of_finding(twin)  # only the cut marks differ
    base = Baseline.from_findings([f])
    filt = BaselineFilter(base, ["sentence.line-break"])
    res = RecordResult("x.jsonl", 1, "r1", [f, twin])
    filt(res)
    assert res.findings == [twin]
    assert filt.to_dict()["baselined"] == 1 and filt.to_dict()["new"] == 1


def test_config_key_baseline_is_relative_to_the_config_file(
    seed_files: Any, tmp_path: Path
) -> None:
    data, bl, _records = seed_files
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    bl.rename(conf_dir / "bl.json")
    (conf_dir / "copydesk.toml").write_text('baseline = "bl.json"\n', encoding="utf-8")
    code, report = check_json(data, "--config", str(conf_dir / "copydesk.toml"))
    assert code == 0 and report["baseline"]["baselined"] > 100
    assert report["config"]["baseline"] == "bl.json"


def test_bad_baselines_are_usage_errors(seed_files: Any, tmp_path: Path) -> None:
    data, _bl, _records = seed_files
    code, out = run_cli("check", str(data), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in out
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"copydesk": "0.1.0", "summary": {}}', encoding="utf-8")
    code, out = run_cli("check", str(data), "--baseline", str(wrong))
    assert code == 2 and "not a copydesk baseline" in out
    code, out = run_cli("check", str(data), "--update-baseline")
    assert code == 2 and "needs a baseline" in out
    with pytest.raises(BaselineError):
        Baseline.load(wrong)


def test_baseline_file_is_sorted_one_entry_per_line(seed_files: Any) -> None:
    _data, bl, _records = seed_files
    lines = bl.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(x.rstrip(",")) for x in lines[2:-1]]
    keys = [(e["record"], e["check"], e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)
    assert sum(e["count"] for e in entries) == json.loads(lines[0][:-1] + "}")["findings"]


# -- real corpora ------------------------------------------------------------------------------
def _convert(script: Path, out: Path, *args: str) -> list[dict[str, Any]]:
    subprocess.run([sys.executable, str(script), *args, "-o", str(out)], check=True)
    return read_jsonl(out)


@pytest.fixture(
    scope="module",
    params=[
        ("en", "article_extraction_benchmark", ("--extractor", "readability_js")),
        ("zh", "sogou_news_smarty", ()),
    ],
    ids=["web-en-readability", "sogou-zh-crawl"],
)
def real_corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    lang, name, args = request.param
    script = corpus_path(lang, name, "to_jsonl.py")
    if script is None:
        pytest.skip(f"../shared/corpora/{lang}/{name} is absent")
    out = tmp_path_factory.mktemp(name) / "records.jsonl"
    return _convert(script, out, *args)


def test_real_corpus_baseline_passes_itself_and_catches_one_injected_defect(
    real_corpus: list[dict[str, Any]], tmp_path: Path
) -> None:
    records = [dict(r) for r in real_corpus]
    data = write_jsonl(tmp_path / "records.jsonl", records)
    bl = tmp_path / "bl.json"
    assert run_cli("baseline", str(data), "--out", str(bl), "-j", "1")[0] == 0
    plain, report0 = check_json(data)
    assert plain == 1 and report0["summary"]["findings"] > 0  # a corpus with defects
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 0 and report["summary"]["findings"] == 0
    assert report["baseline"]["baselined"] == report0["summary"]["findings"]

    rid, at = inject_break(records, findings_of(records))
    write_jsonl(data, records)
    code, report = check_json(data, "--baseline", str(bl))
    assert code == 1
    new = [(f["record"], f["check"], f["start"]) for f in report["findings"]]
    assert new == [(rid, "sentence.line-break", at)]
    assert report["baseline"]["gone"] == 0


def test_jobs_do_not_change_what_is_baselined(seed_files: Any) -> None:
    data, bl, records = seed_files
    inject_break(records, findings_of(records))
    write_jsonl(data, records)
    one = check_json(data, "--baseline", str(bl))[1]
    two = check_json(data, "--baseline", str(bl), "-j", "2")[1]
    assert one["findings"] == two["findings"] and len(one["findings"]) == 1
    assert one["baseline"] == two["baseline"]


def test_a_reformatted_baseline_file_reads_the_same(seed_files: Any, tmp_path: Path) -> None:
    _data, bl, _records = seed_files
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(bl.read_text("utf-8")), indent=2), "utf-8")
    a, b = Baseline.load(bl), Baseline.load(pretty)
    assert a.findings == b.findings > 100
    assert [e.to_dict() for e in a.iter_entries()] == [e.to_dict() for e in b.iter_entries()]
    assert a.dumps() == bl.read_text("utf-8")  # the file is exactly what dumps writes
