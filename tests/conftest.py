from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SEED = FIXTURES / "rmrb-2023-11-09-p1"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def seed_gold() -> list[dict[str, Any]]:
    return read_jsonl(SEED / "gold.jsonl")


@pytest.fixture
def seed_naive() -> list[dict[str, Any]]:
    return read_jsonl(SEED / "naive.jsonl")
