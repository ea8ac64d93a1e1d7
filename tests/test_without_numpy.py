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
    return out


def _findings(records: list[dict[str, Any]]) -> list[str]:
    fresh = json.loads(json.dumps(records))  # new strings: no analysis kept from a run before
    _, found = check_records(fresh)
    return sorted(json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in found)


def test_plain_paths_give_the_numpy_findings(monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert {"quote.duplicate-block", "layout.boilerplate"} <= checks


@pytest.mark.parametrize("n", [0, 1, 4, 5, 6, 9, 300])
def test_mixed_shingle_hashes_equal_numpy(n: int) -> None:
    rng = np.random.default_rng(n)
    cps = rng.integers(0, 0x30000, n, dtype=np.uint64).astype(np.uint32)
    for k in (5, 8):
        assert mixed_shingle_hashes(cps.tolist(), k) == fmix32(char_shingle_hashes(cps, k)).tolist()
