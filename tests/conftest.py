from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy  # noqa: F401  (see below)
import pytest

from copydesk.validators.scan import compiled_core

# Extension modules are loaded before any test runs: pytester's inline runs (test_plugin.py)
# restore ``sys.modules`` afterwards, and an extension module first imported inside one
# (copydesk imports numpy and its compiled core on first need) cannot be loaded a second time
# in the same process ("cannot load module more than once per process").
compiled_core()

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


# Hypothesis profiles: `ci` (derandomized, more examples, no deadline) is selected by
# HYPOTHESIS_PROFILE=ci in .ci/run; `dev` is the default for local runs.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "dev"))
