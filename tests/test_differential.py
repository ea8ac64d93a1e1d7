"""The CLI reports the same bytes with the compiled core and with ``COPYDESK_PURE=1``.

Each run is a subprocess (the core is chosen at import), on the bundled seed page, on records
made here to reach the paths the core takes (near and exact duplicates, full-width and
combining characters, hard-wrapped and letter-spaced lines, mixed-script spacing), on a
hypothesis corpus (one corrupted record for every check's defect strategy, clean articles
and arbitrary Unicode bodies) and, where
``shared/corpora`` is present, on a small benchmark corpus built by
``benchmarks/build_corpus.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.testing.corpora import shared_dir
from copydesk.testing.strategies import DEFECTS, corpora

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "fixtures" / "rmrb-2023-11-09-p1"

PARAGRAPH_EN = (
    "The council met on Tuesday to discuss the new budget for the harbour, and the mayor "
    "said that the works would begin in the spring if the state agreed to pay its share."
)
PARAGRAPH_ZH = "构建更加和平安全的网络空间，共同推动全球治理体系改革，支持15W充电，价格299元。"


def made_records() -> list[dict[str, str]]:
    """Records that exercise the scan and the sketch."""
    en = " ".join([PARAGRAPH_EN] * 3)
    zh = PARAGRAPH_ZH * 4
    wrapped = "\n".join(zh[i : i + 18] for i in range(0, len(zh), 18))
    return [
        {"id": "en-1", "headline": "Harbour budget", "body": en},
        {"id": "en-2", "headline": "Harbour budget", "body": en.replace("spring", "summer")},
        {"id": "zh-1", "headline": "网络空间", "body": zh},
        {"id": "zh-2", "headline": "网络空间", "body": zh.replace("，", "\uff0c ") + "\u3000"},
        {"id": "zh-wrap", "headline": "人 民 会 议 常 任", "body": wrapped},
        {"id": "zh-3", "headline": "⼈⺠⽇报", "body": zh.replace("全", "全\u0301", 1)},
        {
            "id": "mixed",
            "headline": "支持 15W 充电",
            "body": "支持 15W 充电，价格 299 元。\r\n" * 5,
        },
        {"id": "astral", "headline": "𝔘nicode", "body": "𝔘nicode ｆｕｌｌ ① " + en},
    ]


def report(paths: list[Path], out: Path, *, pure: bool) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"}
    env.pop("COPYDESK_PURE", None)
    if pure:
        env["COPYDESK_PURE"] = "1"
    cmd = [sys.executable, "-m", "copydesk", "check", *map(str, paths), "-j1"]
    cmd += ["--json", str(out), "--format", "json", "--no-progress"]
    subprocess.run(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, check=False)
    return out.read_bytes()


def assert_same_reports(paths: list[Path], tmp_path: Path) -> None:
    compiled = report(paths, tmp_path / "compiled.json", pure=False)
    pure = report(paths, tmp_path / "pure.json", pure=True)
    assert json.loads(compiled)["summary"]["records"] > 0
    assert compiled == pure


def test_same_report_on_the_fixtures(tmp_path: Path) -> None:
    made = tmp_path / "made.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in made_records()]
    made.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_same_reports([SEED / "naive.jsonl", SEED / "gold.jsonl", made], tmp_path)
    findings = json.loads((tmp_path / "pure.json").read_text(encoding="utf-8"))["findings"]
    assert any("near duplicate" in f["message"] for f in findings)


@pytest.mark.corpus
def test_same_report_on_a_benchmark_slice(tmp_path: Path) -> None:
    if shared_dir() is None:
        pytest.skip("shared/corpora absent: the benchmark corpus cannot be built")
    sys.path.insert(0, str(REPO))
    from benchmarks.build_corpus import build

    corpus = tmp_path / "corpus.jsonl"
    build(corpus, 400_000, seed=1)
    assert_same_reports([corpus], tmp_path)


#: one corrupted record per check's defect strategy, four clean articles, and bodies of
#: arbitrary Unicode (combining marks, astral characters, controls; no lone surrogates, which
#: the JSONL writer below could not encode)
HYPOTHESIS_CORPUS = st.tuples(
    st.tuples(*(DEFECTS[check] for check in sorted(DEFECTS))),
    corpora(size=4),
    st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=400), max_size=8),
)


@settings(
    max_examples=2,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(HYPOTHESIS_CORPUS)
def test_same_report_on_a_hypothesis_corpus(tmp_path_factory, drawn) -> None:  # type: ignore[no-untyped-def]
    corrupted, clean, texts = drawn
    records = [r for c in corrupted for r in c.records] + clean
    records += [{"id": f"text-{i}", "headline": "h", "body": t} for i, t in enumerate(texts)]
    records = [{**r, "id": f"{i}-{r.get('id')}"} for i, r in enumerate(records)]
    tmp_path = tmp_path_factory.mktemp("hypothesis")
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_same_reports([corpus], tmp_path)
    summary = json.loads((tmp_path / "pure.json").read_text(encoding="utf-8"))["summary"]
    assert summary["records"] == len(records)
