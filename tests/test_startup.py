"""Start-up of ``copydesk check`` (issue 12): a one-record check imports only what it uses.

Not a timed test: it names the heavy modules a plain check must not import (the optional
integrations, the other commands, the reporters nobody asked for, the process pool) and
looks at ``sys.modules`` after a real run in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, SEED

#: never imported by ``copydesk check one-record.jsonl`` (text report on stdout)
NOT_FOR_CHECK = (
    # optional integrations and test tools
    "pandas",
    "pyarrow",
    "great_expectations",
    "pandera",
    "pyspark",
    "hypothesis",
    "jsonschema",
    "xmlschema",
    # the other commands and the reports not asked for
    "copydesk.fix",
    "copydesk.adopt.commands",
    "copydesk.integrations",
    "copydesk.schemas",
    "copydesk.report.html",
    "copydesk.report.junit",
    "copydesk.report.json_report",
    "jinja2",
    "tqdm",
    # one record fits in one chunk: no process pool
    "multiprocessing",
    "concurrent.futures",
    # a small input takes the plain-Python stand-ins of the numpy passes
    # (copydesk.validators.scan.without_numpy) and the compiled core's MinHash
    "numpy",
    # the record's Chinese numerals are standard ones (copydesk.validators.numerals)
    "cn2an",
)

_PROBE = """
import json, sys
from copydesk.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
with open(sys.argv[2], "w") as fh:
    json.dump(sorted(sys.modules), fh)
"""


def _modules_after(args: list[str], tmp_path: Path) -> tuple[set[str], str]:
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert out.exists(), proc.stderr
    return set(json.loads(out.read_text())), proc.stdout


def test_a_one_record_check_imports_no_heavy_module(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    first = (SEED / "naive.jsonl").read_text(encoding="utf-8").splitlines()[0]
    one.write_text(first + "\n", encoding="utf-8")
    modules, stdout = _modules_after([str(one)], tmp_path)
    assert "records 1:" in stdout  # the check ran and reported
    assert "copydesk.engine" in modules and "copydesk.validators.registry" in modules
    loaded = [
        name
        for name in NOT_FOR_CHECK
        if name in modules or any(m.startswith(name + ".") for m in modules)
    ]
    assert loaded == []


def test_a_hard_wrapped_record_with_a_box_imports_no_numpy(tmp_path: Path) -> None:
    """A hard-wrapped column without ■ marks runs the unmarked-box rule of
    ``quote.pull-quote-in-body``, whose sentence index has a plain-Python path too."""
    from .test_without_numpy import boxed_column

    one = tmp_path / "box.jsonl"
    rec = {"id": "box", "language": "en", "body": boxed_column()}
    one.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    modules, stdout = _modules_after([str(one)], tmp_path)
    assert "quote.pull-quote-in-body" in stdout  # the rule ran and found the box
    assert "numpy" not in modules
