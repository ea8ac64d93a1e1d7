"""The README's generated parts stay true."""

from __future__ import annotations

import re

from copydesk.cli import catalogue_markdown
from copydesk.validators.registry import all_checks

from .conftest import REPO


def test_readme_check_catalogue_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- catalogue:start[^>]*-->\n(.*?)<!-- catalogue:end -->", readme, re.S)
    assert m, "README lacks the catalogue markers"
    assert m.group(1).strip() == catalogue_markdown(all_checks()).strip(), (
        "README check catalogue is stale: paste `copydesk checks --markdown` between the markers"
    )


def test_readme_names_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -e . && copydesk check fixtures/rmrb-2023-11-09-p1/naive.jsonl" in readme
    assert 'pip install -e ".[all]" && python -m pytest' in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install --quiet -e ".[all]"' in ci and "-m pytest" in ci
