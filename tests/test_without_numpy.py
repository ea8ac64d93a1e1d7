"""The plain-Python stand-ins of the numpy passes (taken while numpy is not worth importing,
:func:`copydesk.validators.scan.without_numpy`) give the numpy paths' values and findings."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from copydesk.engine import check_records
from copydesk.validators import boilerplate, quotes
from copydesk.validators.duplicates import char_shingle_hashes, fmix32, mixed_shingle_hashes

from .conftest import SEED
from .repeat_texts import planted_repeats


def _records() -> list[dict[str, Any]]:
    """The seed records, and records built from them that the passes have work on: a body
    with a block repeated, a source whose pages share site lines, an English article."""
    seed = [
        json.loads(line)
        for name in ("naive.jsonl", "gold.jsonl")
        for line in (SEED / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    body = seed[-1]["body"]
    out = [*seed, {"id": "rep", "language": "zh", "body": body + "\n" + body[:400]}]
    for i, rec in enumerate(seed[4:7]):
        site = "相关阅读\n返回首页\nPrivacy Policy\n"
        out.append({"id": f"site-{i}", "source": "s", "body": rec["body"] + "\n" + site})
    para = "The council met on Tuesday and voted to extend the library hours, the mayor said."
    out.append({"id": "en", "language": "en", "body": f"{para} " * 6 + "\n\n" + para * 2})
    out.append({"id": "box", "language": "en", "body": boxed_column()})
    return out


def boxed_column() -> str:
    """A hard-wrapped English column with its second sentence set again alone, as a box on
    narrower lines (the unmarked-box rule of ``quote.pull-quote-in-body``)."""
    import textwrap

    sents = [
        "The council met on Tuesday night to discuss the state of the harbour works.",
        "Members heard that the new breakwater would cost far more than the estimate of last year.",
        "The engineer said the stone from the northern quarry had proved too soft for the purpose.",
        "A motion to seek a loan from the colonial government was carried after a long debate.",
        "Several ratepayers objected to the increase in the harbour dues proposed by the board.",
    ]
    column = [textwrap.wrap(" ".join(sents[:3]), 38), textwrap.wrap(sents[1], 30)]
    column.append(textwrap.wrap(" ".join(sents[3:]), 38))
    return "\n".join(line for part in column for line in part)


def _findings(records: list[dict[str, Any]]) -> list[str]:
    fresh = json.loads(json.dumps(records))  # new strings: no analysis kept from a run before
    _, found = check_records(fresh)
    return sorted(json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in found)


def test_plain_paths_give_the_numpy_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (quotes, boilerplate):  # the numpy and plain passes, not the core's
        monkeypatch.setattr(module, "_CORE", None)
    records = _records()
    with_numpy = _findings(records)
    asked: list[int] = []

    def plain(n: int) -> bool:
        asked.append(n)
        return True

    for module in (quotes, boilerplate):
        monkeypatch.setattr(module, "without_numpy", plain)
    assert _findings(records) == with_numpy
    assert len(asked) > 2 * len(records)  # every body took the plain paths
    checks = {json.loads(f)["check"] for f in with_numpy}
    assert {"quote.duplicate-block", "layout.boilerplate", "quote.pull-quote-in-body"} <= checks


@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 9, 300])
def test_mixed_shingle_hashes_equal_numpy(n: int) -> None:
    rng = np.random.default_rng(n)
    cps = rng.integers(0, 0x30000, n, dtype=np.uint64).astype(np.uint32)
    for k in (5, 8):
        assert mixed_shingle_hashes(cps.tolist(), k) == fmix32(char_shingle_hashes(cps, k)).tolist()


def test_repeats_found_without_numpy_equal_the_numpy_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random strings over tiny alphabets with copies planted (as ``test_quotes`` draws
    them): the plain gram index finds the repeats the numpy one finds."""
    monkeypatch.setattr(quotes, "_CORE", None)  # the numpy and plain gram indexes, not the core's
    cases = [(s, n) for s in planted_repeats(12, 300) for n in (1, 2, 4, 9, 20, 40)]
    with_numpy = [quotes.maximal_repeats(s, n) for s, n in cases]
    monkeypatch.setattr(quotes, "without_numpy", lambda n: True)
    assert [quotes.maximal_repeats(s, n) for s, n in cases] == with_numpy
    assert sum(map(len, with_numpy)) > 100
