"""Records of the shared web corpora, converted at test time by each source's ``to_jsonl.py``.

The texts are never copied into the repository: the converters in ``shared/corpora`` (standard
library only) are run on the fly, and a test skips when the corpus is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from typing import Any

import pytest

from copydesk.testing.corpora import corpus_path


@lru_cache(maxsize=16)
def _converted(folder: tuple[str, ...], args: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    path = corpus_path(*folder)
    if path is None or not (path / "to_jsonl.py").exists():
        return ()
    out = subprocess.run(
        [sys.executable, str(path / "to_jsonl.py"), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return tuple(json.loads(line) for line in out.splitlines() if line.strip())


def records(*folder: str, args: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Fresh copies of the records of ``shared/corpora/<folder>``; skips the test if absent."""
    recs = _converted(folder, args)
    if not recs:
        pytest.skip(f"shared/corpora/{'/'.join(folder)} absent")
    return [dict(r) for r in recs]


def as_gold(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their ``gold`` text as the body (records without gold dropped)."""
    out = []
    for r in recs:
        if r.get("gold"):
            g = {k: v for k, v in r.items() if k not in ("gold", "lines")}
            g["body"] = r["gold"]
            out.append(g)
    return out


def raw(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records without their ``gold`` and ``lines`` fields (what an extractor emits)."""
    return [{k: v for k, v in r.items() if k not in ("gold", "lines")} for r in recs]
