"""``copydesk check --format github`` (issue 14): workflow-command annotations."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from copydesk.adopt.github import GithubAnnotations, annotation, escape_data, escape_property
from copydesk.engine import RecordResult, Summary
from copydesk.findings import Finding, Severity

from .conftest import REPO, SEED
from .test_baseline import run_cli

_CMD = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _props(text: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in text.split(","))


@pytest.fixture
def in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with the seed file under data/, as the current directory."""
    (tmp_path / "data").mkdir()
    shutil.copy(SEED / "naive.jsonl", tmp_path / "data" / "naive.jsonl")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_annotations_point_at_the_record_line_in_the_repository(in_repo: Path) -> None:
    out_json = in_repo / "r.json"
    code, out = run_cli(
        "check", "data/naive.jsonl", "-j", "1", "--format", "github", "--json", str(out_json)
    )
    assert code == 1
    report = json.loads(out_json.read_text(encoding="utf-8"))
    cmds = [m for m in map(_CMD.match, out.splitlines()) if m]
    findings = cmds[:-2]  # then the cap notice and the gate
    assert len(findings) == 200 < len(report["findings"])
    for m, f in zip(findings, report["findings"], strict=False):
        props = _props(m[2])
        assert m[1] == {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert props["file"] == "data/naive.jsonl"
        assert int(props["line"]) == f["line"]
        assert props["title"] == f"copydesk {f['check']}"
        assert f"{f['record']} {f['field']}[{f['start']}:{f['end']}]" in m[3]
    lines = (in_repo / "data" / "naive.jsonl").read_text(encoding="utf-8").splitlines()
    first = report["findings"][0]
    assert json.loads(lines[first["line"] - 1])["id"] == first["record"]
    assert cmds[-2][1] == "notice" and f"{len(report['findings']) - 200} more" in cmds[-2][3]
    assert cmds[-1][1] == "error" and "sentence.line-break" in cmds[-1][3]
    assert "gate: FAILED" in out  # the text summary is still printed for the log


def test_an_input_outside_the_checkout_gets_no_file(in_repo: Path, tmp_path: Path) -> None:
    code, out = run_cli("check", str(SEED / "gold.jsonl"), "-j", "1", "--format", "github")
    assert code == 0 and "::" not in out
    f = Finding("sentence.line-break", Severity.ERROR, "body", 1, 2, "a⏎b", "m", None, "r")
    f.input, f.line = str(SEED / "naive.jsonl"), 3
    assert "file=" not in annotation(f, in_repo)
    f.input = str(in_repo / "data" / "naive.jsonl")
    assert "file=data/naive.jsonl,line=3," in annotation(f, in_repo)


def test_escaping_keeps_one_command_per_line(in_repo: Path) -> None:
    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"
    f = Finding("figure.malformed", Severity.WARNING, "body", 0, 3, "l8%⏎", "x\ny", None, "r,1")
    f.input, f.line = "data/naive.jsonl", 2
    line = annotation(f, in_repo)
    assert "\n" not in line and line.startswith("::warning file=data/naive.jsonl,line=2,")
    assert "r,1 body[0:3]: x%0Ay: l8%25⏎" in line


def test_cap_and_verdict() -> None:
    import io

    buf = io.StringIO()
    gh = GithubAnnotations(buf, cap=1, root=".")
    fs = [
        Finding("date.split", Severity.INFO, "body", i, i + 1, "x", "m", None, "r") for i in (1, 2)
    ]
    gh.add(RecordResult("-", 1, "r", fs))
    s = Summary(fail_on=Severity.ERROR)
    gh.finish(s)
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("::notice title=copydesk date.split::")
    assert lines[1].startswith("::notice title=copydesk::1 more findings")
    assert len(lines) == 2  # the gate passed: no error line


# -- the CI files under docs/ci and the pre-commit hook --------------------------------------
def _commands(doc: object) -> list[str]:
    """Every `copydesk …` command in a workflow's `run` steps or a job's scripts."""
    out: list[str] = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("run", "script", "after_script") and isinstance(v, (str, list)):
                for text in [v] if isinstance(v, str) else v:
                    for part in re.split(r"\n|&&|\|\||;|>>|>(?= )", text):
                        m = re.search(r"\bcopydesk (.*)", part)
                        if m and not part.strip().startswith("pip"):
                            out.append(m[1].strip())
            else:
                out += _commands(v)
    elif isinstance(doc, list):
        for v in doc:
            out += _commands(v)
    return out


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_files_use_only_real_options(name: str) -> None:
    import shlex

    import click

    from copydesk.cli import main

    yaml = pytest.importorskip("yaml")
    doc = yaml.safe_load((REPO / "docs" / "ci" / name).read_text(encoding="utf-8"))
    cmds = _commands(doc)
    assert {c.split()[0] for c in cmds} >= {"check", "report", "compare"}
    for c in cmds:
        args = shlex.split(c)
        cmd = main.get_command(click.Context(main), args[0])
        assert cmd is not None, c
        cmd.make_context(args[0], args[1:])  # raises on an unknown option or a bad value


def test_the_documented_ci_flow_runs_on_the_seed(in_repo: Path) -> None:
    """The GitHub workflow's commands, in order, on a checkout whose data is the seed."""
    shutil.copy(in_repo / "data" / "naive.jsonl", in_repo / "data" / "articles.jsonl")
    assert run_cli("baseline", "data/articles.jsonl", "--out", "copydesk-baseline.json")[0] == 0
    code, out = run_cli(
        "check", "data/articles.jsonl", "--format", "github", "--baseline",
        "copydesk-baseline.json", "--group-by", "source", "--json", "copydesk.json",
        "--junit", "copydesk-junit.xml", "--html", "copydesk.html",
    )  # fmt: skip
    assert code == 0 and "::error" not in out
    for f in ("copydesk.json", "copydesk-junit.xml", "copydesk.html"):
        assert (in_repo / f).stat().st_size > 0
    code, md = run_cli("report", "copydesk.json", "--markdown", "-")
    assert code == 0 and md.startswith("### copydesk: gate ✅ passed")
    assert "findings baselined (not gating)" in md and "By `source`" in md
    shutil.copy(in_repo / "data" / "articles.jsonl", in_repo / "base-articles.jsonl")
    code, md = run_cli(
        "compare", "base-articles.jsonl", "data/articles.jsonl", "--format", "markdown",
        "--html", "copydesk-compare.html",
    )  # fmt: skip
    assert code == 0 and "**0 fixed**, **0 introduced**" in md


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "copydesk" and hook["entry"] == "copydesk check"
    assert hook["language"] == "python" and hook["require_serial"] is True
    files = re.compile(hook["files"])
    for name in ("out/a.jsonl", "b.jsonl.gz", "c.parquet", "d.csv", "e.ndjson"):
        assert files.search(name), name
    for name in ("package.json", "notes.md", "a.jsonl.bak"):
        assert not files.search(name), name


def test_with_a_baseline_only_new_findings_are_annotated(in_repo: Path) -> None:
    from .test_baseline import findings_of, inject_break, write_jsonl

    data = in_repo / "data" / "naive.jsonl"
    assert run_cli("baseline", "data/naive.jsonl", "--out", "bl.json", "-j", "1")[0] == 0
    records = [json.loads(x) for x in data.read_text(encoding="utf-8").splitlines()]
    rid, at = inject_break(records, findings_of(records))
    write_jsonl(data, records)
    code, out = run_cli(
        "check", "data/naive.jsonl", "-j", "1", "--format", "github", "--baseline", "bl.json"
    )
    assert code == 1
    cmds = [m for m in map(_CMD.match, out.splitlines()) if m]
    assert len(cmds) == 2  # the new finding, then the gate
    props = _props(cmds[0][2])
    line = 1 + next(i for i, r in enumerate(records) if r["id"] == rid)
    assert (props["file"], int(props["line"])) == ("data/naive.jsonl", line)
    assert f"{rid} body[{at}:" in cmds[0][3]


def test_the_readme_shows_the_ci_files_as_they_are() -> None:
    """Every line of the README's YAML excerpts in the adoption section is a line of
    docs/ci (the workflow or the GitLab job) or of the pre-commit example."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adopting copydesk on an existing corpus", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(blocks) == 3
    files = {
        name: (REPO / "docs" / "ci" / name).read_text(encoding="utf-8").splitlines()
        for name in ("github-actions.yml", "gitlab-ci.yml")
    }
    for block, name in zip(blocks[:2], files, strict=True):
        for line in block.splitlines():
            if line.strip():
                assert line in files[name], line
    hook = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: copydesk" in blocks[2] and "id: copydesk" in hook
