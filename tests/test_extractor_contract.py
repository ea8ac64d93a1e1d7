"""The extractor contract against a reference segmenter (passes) and a naive one (fails)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from copydesk.testing.extractor_contract import (
    BOX,
    GUTTER,
    INDENT,
    ContractViolation,
    check_extractor,
    render_page,
    sentences,
)

_RUNNING_HEAD = re.compile(r"人民日报 \d{4}年\d{1,2}月\d{1,2}日 \S+ \d+")


def _columns(lines: list[str]) -> list[list[str]]:
    """Split interleaved lines at the gutter into one line list per column."""
    if not any(GUTTER in ln for ln in lines):
        return [lines]
    left, right = [], []
    for ln in lines:
        a, _, b = ln.partition(GUTTER)
        left.append(a.rstrip("\u3000"))
        right.append(b)
    return [left, right]


def reference_segmenter(page: str) -> list[dict[str, Any]]:
    """Knows the layout: drops running heads, splits columns, joins wraps, boxes to quotes."""
    lines = [ln for ln in page.split("\n") if not _RUNNING_HEAD.fullmatch(ln)]
    blocks, cur = [], []
    for ln in lines:
        if ln == "":
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(ln)
    if cur:
        blocks.append(cur)
    records = []
    for block in blocks:
        for col in _columns(block):
            col = [c for c in col if c]
            if not col:
                continue
            paras: list[str] = []
            quotes: list[str] = []
            target = paras
            for ln in col[1:]:
                if ln.startswith(INDENT):
                    paras.append(ln[len(INDENT) :])
                    target = paras
                elif ln.startswith(BOX):
                    quotes.append(ln[1:])
                    target = quotes
                else:
                    target[-1] += ln
            rec = {"id": f"p-{len(records) + 1}", "headline": col[0], "body": "\n".join(paras)}
            if quotes:
                rec["quotes"] = quotes
            records.append(rec)
    return records


def naive_segmenter(page: str) -> list[dict[str, Any]]:
    """One record per page, lines kept as the extractor gave them."""
    return [{"id": "page", "body": page}]


def test_reference_segmenter_keeps_the_contract() -> None:
    check_extractor(reference_segmenter, max_examples=25)


def test_naive_segmenter_breaks_it_with_a_readable_example() -> None:
    with pytest.raises(ContractViolation) as exc:
        check_extractor(naive_segmenter, max_examples=25, columns=(1,))
    msg = str(exc.value)
    assert "the extractor breaks the contract on this page:" in msg
    assert "sentence not kept whole" in msg or "sentence.line-break" in msg


def test_render_page_wraps_at_the_width_and_interleaves_columns() -> None:
    a = {
        "id": "a",
        "headline": "标题甲",
        "body": "第一句话很长很长很长。第二句。",
        "published": "2023-11-09",
    }
    b = {"id": "b", "headline": "标题乙", "body": "另一篇文章的句子。", "quotes": ["摘要"]}
    page = render_page([a, b], width=8, columns=2)
    lines = page.split("\n")
    assert lines[0] == "人民日报 2023年11月9日 要闻 1"
    assert lines[1].startswith("标题甲") and "标题乙" in lines[1]
    assert all(len(ln.partition(GUTTER)[0]) <= 8 for ln in lines[1:])
    assert reference_segmenter(page)[1]["quotes"] == ["摘要"]
    assert sentences(a["body"]) == ["第一句话很长很长很长。", "第二句。"]
