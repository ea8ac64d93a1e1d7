"""Precision and recall per check on the labelled date/figure defects, and false alarms on
clean corpora (People's Daily 2019, human-corrected OverProof).

The cases are built from ``../shared`` by ``fixtures/tools/date_figure_cases.py`` (real
extractor splits, real OCR confusions, real sentences altered; see its docstring) each run; the
repository keeps only their index ``fixtures/date-figure-defects/index.jsonl`` (ids, label spans,
hashes of the texts), and every built case must match it before it is scored. Without
``../shared`` these tests skip.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from copydesk.findings import Finding, Severity
from copydesk.testing.corpora import corpus_path, overproof, peoples_daily_2019
from copydesk.validators.registry import check_record

REPO = Path(__file__).resolve().parents[1]
INDEX = REPO / "fixtures" / "date-figure-defects" / "index.jsonl"
TOOL = REPO / "fixtures" / "tools" / "date_figure_cases.py"
FAMILIES = ["date", "figure"]


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("date_figure_cases", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _built() -> tuple[Any, list[dict[str, Any]]]:
    tool = _tool()
    try:
        return tool, tool.build()
    except FileNotFoundError:
        pytest.skip("../shared is absent: the labelled cases are built from it")


def _index() -> list[dict[str, Any]]:
    return [json.loads(line) for line in INDEX.read_text(encoding="utf-8").splitlines() if line]


def _load() -> list[dict[str, Any]]:
    """The built cases, after checking that they are the ones the index records."""
    tool, cases = _built()
    index = _index()
    assert [c["id"] for c in cases] == [e["id"] for e in index]
    for case, entry in zip(cases, index, strict=True):
        assert tool.index_entry(case) == entry, (
            f"{case['id']}: the built case is not the indexed one"
        )
    return cases


def test_index_holds_no_text() -> None:
    """The index keeps spans and hashes only: no record, no label text, no original."""
    for entry in _index():
        assert set(entry) == {
            "id",
            "language",
            "source",
            "alteration",
            "labels",
            "record",
            "original",
        }
        assert re.fullmatch(r"[0-9a-f]{16}", entry["record"])
        for lab in entry["labels"]:
            assert re.fullmatch(r"[0-9a-f]{16}", lab["text"])


def _findings(record: dict[str, Any]) -> list[Finding]:
    return [f for f in check_record(record, select=FAMILIES) if f.severity >= Severity.WARNING]


def _overlap(f: Finding, lab: dict[str, Any]) -> bool:
    return f.field == lab["field"] and f.start < lab["end"] and lab["start"] < f.end


def score_cases(cases: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per check: labels, found, findings, correct (a finding overlapping a same-check label)."""
    table: dict[str, dict[str, int]] = {}

    def row(check: str) -> dict[str, int]:
        return table.setdefault(check, {"labels": 0, "found": 0, "findings": 0, "correct": 0})

    for case in cases:
        found = _findings(case["record"])
        for lab in case["labels"]:
            r = row(lab["check"])
            r["labels"] += 1
            r["found"] += any(f.check == lab["check"] and _overlap(f, lab) for f in found)
        for f in found:
            r = row(f.check)
            r["findings"] += 1
            r["correct"] += any(
                f.check == lab["check"] and _overlap(f, lab) for lab in case["labels"]
            )
    return table


def format_scores(table: dict[str, dict[str, int]]) -> str:
    lines = [f"{'check':26} labels found findings correct recall precision"]
    for check in sorted(table):
        r = table[check]
        rec = r["found"] / r["labels"] if r["labels"] else 1.0
        prec = r["correct"] / r["findings"] if r["findings"] else 1.0
        lines.append(
            f"{check:26} {r['labels']:6} {r['found']:5} {r['findings']:8} {r['correct']:7} "
            f"{rec:6.3f} {prec:9.3f}"
        )
    return "\n".join(lines)


def test_cases_are_well_formed() -> None:
    cases = _load()
    assert len(cases) >= 300
    labelled = [c for c in cases if c["labels"]]
    assert sum(len(c["labels"]) for c in labelled) >= 150
    assert {c["language"] for c in labelled} == {"zh", "en"}
    for c in cases:
        assert c["source"] and c["id"] == c["record"]["id"]
        for lab in c["labels"]:
            field = lab["field"]
            text = c["record"]["quotes"][0] if field.startswith("quotes[") else c["record"][field]
            assert text[lab["start"] : lab["end"]] == lab["text"], (c["id"], lab)
        if c["source"] == "pd2019":
            assert c["original"] and c["alteration"]


def test_precision_and_recall_per_check() -> None:
    table = score_cases(_load())
    print("\n" + format_scores(table))
    for check, r in table.items():
        recall = r["found"] / r["labels"] if r["labels"] else 1.0
        precision = r["correct"] / r["findings"] if r["findings"] else 1.0
        assert recall >= 0.95, f"{check}: recall {recall:.3f}\n{format_scores(table)}"
        assert precision >= 0.97, f"{check}: precision {precision:.3f}\n{format_scores(table)}"


def test_scorer_can_fail() -> None:
    """A label nothing finds and a finding nothing labels both count."""
    case = {
        "record": {"id": "x", "body": "截至 2023 年 9 月，共 4 条", "published": "2023-11-09"},
        "labels": [{"check": "date.invalid", "field": "body", "start": 0, "end": 2}],
    }
    table = score_cases([case])
    assert table["date.invalid"]["found"] == 0
    assert table["date.split"]["findings"] == 1 and table["date.split"]["correct"] == 0


# --- false alarms on clean text ---------------------------------------------------------

_MAX_PER_10K = 0.2


def _rate(records: list[dict[str, Any]]) -> tuple[float, Counter[str], int]:
    chars = 0
    by_check: Counter[str] = Counter()
    for r in records:
        chars += sum(len(r.get(k) or "") for k in ("body", "headline", "subheadline"))
        for f in _findings(r):
            by_check[f.check] += 1
    return sum(by_check.values()) / chars * 10_000, by_check, chars


@pytest.mark.corpus
def test_false_alarms_peoples_daily_2019() -> None:
    if corpus_path("zh", "peoples_daily_web_2019") is None:
        pytest.skip("shared/corpora/zh/peoples_daily_web_2019 is absent")
    rate, by_check, chars = _rate(peoples_daily_2019())
    print(f"\nPeople's Daily 2019: {chars} chars, {rate:.3f} findings/10k, {dict(by_check)}")
    assert rate <= _MAX_PER_10K, by_check


_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_LOWER_START = re.compile(r"[a-z]+")


def join_gold_lines(lines: list[str], vocabulary: Counter[str]) -> str:
    """One article's gold lines joined with spaces; a line-end hyphen is dropped only when the
    joined word occurs elsewhere in the corpus unhyphenated (``dem-`` + ``ocrats``)."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        m = _HYPHEN_END.search(out)
        n = _LOWER_START.match(line)
        if m and n and vocabulary[(m[1] + n[0]).lower()] > 0:
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def test_join_gold_lines() -> None:
    vocab = Counter({"democrats": 2})
    assert join_gold_lines(["the dem-", "ocrats and the bran-", "new"], vocab) == (
        "the democrats and the bran- new"
    )


@pytest.mark.corpus
def test_false_alarms_overproof_gold() -> None:
    arts = overproof("dataset3_chroniclingamerica") + overproof("dataset2_sydney_morning_herald")
    if not arts:
        pytest.skip("shared/corpora/en/overproof is absent")
    vocab: Counter[str] = Counter()
    for a in arts:
        for line in a.gold_lines:
            vocab.update(w.lower() for w in re.findall(r"[A-Za-z]+", line))
    records = [
        {
            "id": f"{a.dataset}-{a.number}",
            "language": "en",
            "body": join_gold_lines(a.gold_lines, vocab),
        }
        for a in arts
    ]
    rate, by_check, chars = _rate(records)
    print(f"\nOverProof gold: {chars} chars, {rate:.3f} findings/10k, {dict(by_check)}")
    assert rate <= _MAX_PER_10K, by_check
