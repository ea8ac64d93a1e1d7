"""The benchmark scripts run end to end on a tiny corpus and produce their tables.

No timing is asserted (speed is measured by the benchmarks, not by tests): these tests check
the structure of the output and that every ratio the run can compute is computed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import run as bench_run
from copydesk.config import Config
from copydesk.engine import Plan

from .conftest import REPO, SEED

costs = bench_run.costs_mod
results = bench_run.results
FAMILIES = {"schema", "sentence", "quote", "date", "figure", "layout", "encoding"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seed page's records (gold and naive) and one unreadable line."""
    lines = [
        line
        for name in ("gold.jsonl", "naive.jsonl")
        for line in (SEED / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join([*lines, '{"id": "cut', ""]), encoding="utf-8")
    return path


def run_py(tmp_path: Path, corpus: Path, *flags: str) -> tuple[str, str]:
    out = tmp_path / "results.md"
    out.write_text("# old run\n\n## Earlier runs\n\nkept line\n", encoding="utf-8")
    cmd = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--corpus", str(corpus)]
    cmd += ["--repeat", "1", "--startup-repeat", "1", "--no-spark", "--out", str(out), *flags]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout, out.read_text(encoding="utf-8")


def target_row(md: str, start: str) -> list[str]:
    rows = [ln for ln in md.splitlines() if ln.startswith(f"| {start}")]
    assert len(rows) == 1, (start, rows)
    return [c.strip() for c in rows[0].strip("|").split("|")]


def test_costs_cover_every_check_and_both_halves_of_the_corpus_checks(corpus: Path) -> None:
    c = costs.measure(corpus)
    plan = Plan.from_config(Config())
    assert c.records == 8  # the unreadable line is read, not checked
    assert set(c.checks) == {cid for cid, _sev, _p in plan.record_checks}
    assert set(c.corpus) == {cid for cid, _sev, _p in plan.corpus_checks}
    assert set(c.corpus["layout.boilerplate"]) == {"prepare", "observe"}
    assert set(c.corpus["schema.duplicate-id"]) == {"observe"}
    assert set(c.families()) == FAMILIES
    assert c.total() == pytest.approx(sum(c.families().values()) + c.profile)
    table = costs.family_table(c)
    assert table[0] == "| family | CPU s | share | records/s |"
    assert {row.split("|")[1].strip() for row in table[2:]} >= FAMILIES
    assert len(costs.check_table(c, 5)) == 2 + 5


def test_costs_cli_prints_both_tables(corpus: Path) -> None:
    cmd = [sys.executable, str(REPO / "benchmarks" / "costs.py"), str(corpus), "--checks", "3"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=60).stdout
    assert out.startswith("8 records of ")
    assert "| family | CPU s | share | records/s |" in out
    assert "| check | CPU s | share | records/s |" in out
    assert "| **all checks** |" in out


def test_no_anchors_means_no_commit_no_tool_no_spark() -> None:
    args = bench_run.parse_args(["--no-anchors", "--commits", "1760f11", "--tools", "GX"])
    assert (args.commits, args.tools, args.spark) == ([], [], False)
    args = bench_run.parse_args(["--commits", "1760f11", "--tools", "", "--no-spark"])
    assert (args.commits, args.tools, args.spark) == (["1760f11"], [], False)


def test_targets_not_measured_are_said_so_and_earlier_runs_are_kept(tmp_path: Path) -> None:
    res = results.Results(tmp_path / "c.jsonl", records=10, size=1000, floor=0.01)
    res.in_process_what["datatrove"] = "not installed (No module named 'datatrove'); see …"
    md = results.render(res, bench_run.machine())
    for head in ("## Targets (issue 12)", "## Runs", "| floor: read + json.loads, in process |"):
        assert head in md
    met = [target_row(md, start)[1:] for start in ("records/s per core", "--jobs 2", "peak RSS")]
    assert met == [["not measured", "—"]] * 3
    assert target_row(md, "≥ 3× datatrove")[1].startswith("not installed")
    out = tmp_path / "results.md"
    out.write_text("# old run\n\n## Earlier runs\n\nkept line\n", encoding="utf-8")
    results.write(out, md)
    assert out.read_text(encoding="utf-8") == md + "\n## Earlier runs\n\nkept line\n"


def _has_commit(commit: str) -> bool:
    git = ["git", "cat-file", "-e", f"{commit}^{{commit}}"]
    try:
        return subprocess.run(git, cwd=REPO, capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.mark.skipif(not _has_commit("3e1be33"), reason="no git history (3e1be33)")
def test_run_reports_targets_runs_costs_and_the_ratios(tmp_path: Path, corpus: Path) -> None:
    stdout, md = run_py(tmp_path, corpus, "--commits", "3e1be33", "--tools", "datatrove")
    assert "targets:" in stdout
    for head in ("## Targets (issue 12)", "## Runs", "## Where the time goes (8 records"):
        assert head in md
    assert md.rstrip().endswith("kept line"), "the earlier runs of the results file are kept"
    _name, measured, met = target_row(md, "records/s per core ≥ 10× 3e1be33 (before issue 12)")
    assert re.fullmatch(r"\d+\.\d\d× \(\d+ vs \d+ records per CPU-s; wall \d+\.\d\d×\)", measured)
    assert met in ("yes", "**no**")
    _name, measured, met = target_row(md, "--jobs 2 ≥ 1.7× --jobs 1")
    assert re.fullmatch(
        r"\d+\.\d\d× \(\d+\.\d s / \d+\.\d s; other processes used \d+ / \d+ CPU-s meanwhile\)",
        measured,
    )
    assert met in ("yes", "**no**")
    assert re.fullmatch(r"-j1 \d+ MB, -j2 \d+ MB \(3e1be33 -j1 \d+ MB\)", target_row(md, "peak")[1])
    assert re.search(r"\(3e1be33: \d+\.\d\d s CPU", target_row(md, "one-record check starts")[1])
    for run in ("current -j1", "current -j2", "3e1be33 -j1 (before issue 12)"):
        assert target_row(md, run)[-1].startswith("exit 1; 9 records, "), run
    _name, measured, met = target_row(md, "≥ 3× datatrove's")
    installed = met != "—"
    assert re.fullmatch(r"\d+\.\d\d× .*", measured) if installed else "not installed" in measured
    assert "| copydesk | " in md and "| GX |" not in md
    assert "| records/s per core, current / 3e1be33, start-up CPU taken off both |" in md
