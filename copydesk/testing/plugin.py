"""The pytest plugin: gate a pipeline's extraction output with plain pytest.

``pytest --copydesk PATH [--copydesk-config FILE]`` checks the records in PATH (any input
``copydesk check`` reads) once and adds one test per check id, named
``copydesk::<check id>``. A test fails when its check is over the configured threshold,
with the count, the rate against the threshold and the first examples with excerpts.
Unreadable records are one more test, ``copydesk::unreadable``.

For users' own tests: the ``copydesk_report`` fixture (the :class:`CopydeskReport` of the
``--copydesk`` input) and :func:`assert_valid_articles` for records built in a test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from copydesk import config as config_mod
from copydesk.config import Config
from copydesk.engine import RecordResult, check_records, run
from copydesk.findings import Finding
from copydesk.io import read, resolve
from copydesk.validators.registry import select_checks

EXAMPLES = 3


@dataclass
class CopydeskReport:
    """One run of copydesk over the ``--copydesk`` input: summary, config, examples."""

    inputs: list[str]
    config: Config
    result: Any  # copydesk.engine.RunResult
    examples: dict[str, list[Finding]] = field(default_factory=dict)

    def failure(self, check_id: str) -> str | None:
        """Why ``check_id`` fails the gate, or ``None`` when it passes."""
        s = self.result.summary
        cc = s.by_check.get(check_id)
        if cc is None or cc.failing_records == 0:
            return None
        th = self.config.threshold_for(check_id)
        if not th.exceeded(cc.failing_records, s.records):
            return None
        rate = 100.0 * cc.failing_records / s.records if s.records else 0.0
        lines = [
            f"{check_id}: {cc.failing_records} of {s.records} records ({rate:.1f}%) fail, "
            f"threshold {th.describe()}; {cc.findings} findings",
        ]
        for f in self.examples.get(check_id, []):
            where = f.record or f"line {f.line}"
            lines.append(f"  {where} {f.field}[{f.start}:{f.end}]  {f.excerpt}")
            lines.append(f"      {f.message}")
        return "\n".join(lines)


def _run(paths: list[str], config_path: str | None) -> CopydeskReport:
    cfg = config_mod.load(config_path)
    sources = resolve(paths)
    examples: dict[str, list[Finding]] = {}

    def keep(res: RecordResult) -> None:
        for f in res.findings:
            kept = examples.setdefault(f.check, [])
            if len(kept) < EXAMPLES:
                kept.append(f)

    result = run(read(sources), cfg, jobs=1, on_result=keep)
    return CopydeskReport([s.name for s in sources], cfg, result, examples)


def assert_valid_articles(
    records: Iterable[Mapping[str, Any]], config: Config | None = None
) -> None:
    """Fail (``AssertionError``) when ``records`` do not pass copydesk's gate, with every
    reason and the first findings with excerpts."""
    result, found = check_records(records, config)
    if result.summary.gate_passed:
        return
    lines = ["copydesk: records do not pass the gate:"]
    lines += [f"  - {r}" for r in result.summary.reasons]
    for f in found[:10]:
        lines.append(f"  {f.record or f.line} {f.check} {f.field}[{f.start}:{f.end}] {f.excerpt}")
    raise AssertionError("\n".join(lines))


# -- pytest hooks --------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("copydesk", "check extracted article records")
    group.addoption(
        "--copydesk",
        action="append",
        default=[],
        metavar="PATH",
        help="records to check: one test per copydesk check id (repeatable)",
    )
    group.addoption(
        "--copydesk-config",
        default=None,
        metavar="FILE",
        help="copydesk.toml or pyproject.toml with [tool.copydesk] (thresholds, select)",
    )


class CopydeskItem(pytest.Item):
    def __init__(self, *, check_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check_id = check_id

    def runtest(self) -> None:
        report = _report(self.config)
        if self.check_id == "unreadable":
            s = report.result.summary
            if s.unreadable > report.config.max_unreadable:
                errs = report.result.errors[:EXAMPLES]
                raise CopydeskFailure(
                    f"unreadable: {s.unreadable} records > {report.config.max_unreadable}\n"
                    + "\n".join(f"  {e['input']}:{e['line']}: {e['message']}" for e in errs)
                )
            return
        why = report.failure(self.check_id)
        if why:
            raise CopydeskFailure(why)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:  # type: ignore[override]
        if isinstance(excinfo.value, CopydeskFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"copydesk::{self.check_id}"


class CopydeskFailure(Exception):
    """A check over its threshold."""


class CopydeskCollector(pytest.Collector):
    def collect(self) -> list[pytest.Item]:
        cfg = config_mod.load(self.config.getoption("copydesk_config"))
        ids = [s.id for s in select_checks(cfg.select, cfg.ignore)]
        items: list[pytest.Item] = [
            CopydeskItem.from_parent(self, name=i, check_id=i) for i in [*ids, "unreadable"]
        ]
        return items


_KEY = pytest.StashKey[CopydeskReport]()


def _report(config: pytest.Config) -> CopydeskReport:
    if _KEY not in config.stash:
        config.stash[_KEY] = _run(config.getoption("copydesk"), config.getoption("copydesk_config"))
    return config.stash[_KEY]


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not config.getoption("copydesk"):
        return
    try:
        _report(config)
    except (config_mod.ConfigError, Exception) as exc:
        raise pytest.UsageError(f"--copydesk: {exc}") from None
    collector = CopydeskCollector.from_parent(session, name="copydesk")
    items.extend(collector.collect())


@pytest.fixture
def copydesk_report(request: pytest.FixtureRequest) -> CopydeskReport:
    """The copydesk run over the ``--copydesk`` input (skips when none was given)."""
    if not request.config.getoption("copydesk"):
        pytest.skip("no --copydesk input given")
    return _report(request.config)
