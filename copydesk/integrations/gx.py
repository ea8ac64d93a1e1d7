"""Great Expectations (GX 1.x): copydesk's checks inside a GX suite, Checkpoint and Data Docs.

GX 1.x does not support fully custom expectations, so the checks run in copydesk and GX sees
their outcome through documented, built-in expectations only:

1. :func:`annotate` (or :class:`FrameBuilder`, while the CLI streams) runs the selected
   checks and makes one row per record: ``id``, ``published``, and per check family a count
   column ``cd_<family>_findings`` (findings at or above ``fail-on``) and a text column
   ``cd_<family>_first`` (the first such finding: check, span and excerpt). A check with a
   threshold of its own in the config gets its own pair of columns
   (``cd_<family>_<name>_findings``), so its threshold maps exactly.
2. :func:`article_suite` expresses them with built-in expectations:
   ``ExpectColumnValuesToBeBetween(max_value=0, mostly=…)`` on each count column, with
   ``mostly`` from copydesk's threshold (``max-records``/``max-percent``), plus the
   structural ``id`` not null and unique, and ``published`` matching ``YYYY-MM-DD``.
3. :func:`validate` runs them through a Checkpoint on a pandas DataFrame in an ephemeral
   context, with ``result_format=COMPLETE`` and ``unexpected_index_column_names=["id"]``
   so every failing record is named by its id, and builds Data Docs into a folder on request.

Nothing here reaches the network (the context is ephemeral, analytics off); GX's own Data Docs
pages reference CDN stylesheets, which is GX's design, not copydesk's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from copydesk.config import Config, Threshold
from copydesk.engine import Plan, RecordResult, run_records
from copydesk.io import RawItem
from copydesk.validators.registry import FAMILIES

SUITE = "copydesk_articles"
SITE = "copydesk"
DATE_REGEX = r"^\d{4}-\d{2}-\d{2}$"
_EPS = 1e-9


def _col(group: str) -> str:
    return "cd_" + re.sub(r"[^a-z0-9]+", "_", group.lower()).strip("_")


def count_column(group: str) -> str:
    """``cd_sentence_findings`` for the family ``sentence``; checks map likewise."""
    return _col(group) + "_findings"


def first_column(group: str) -> str:
    return _col(group) + "_first"


def groups_for(config: Config) -> dict[str, str]:
    """Check id -> the column group it counts in: its family, or itself when the config
    gives that check a threshold of its own."""
    plan = Plan.from_config(config)
    ids = [c[0] for c in (*plan.record_checks, *plan.corpus_checks)]
    return {cid: cid if cid in config.thresholds else cid.split(".", 1)[0] for cid in ids}


def group_threshold(config: Config, group: str) -> Threshold:
    if "." in group:
        return config.threshold_for(group)
    for key in (group, "default"):
        if key in config.thresholds:
            return config.thresholds[key]
    return Threshold()


def mostly_for(threshold: Threshold, rows: int) -> float:
    """GX ``mostly`` equivalent to a copydesk threshold over ``rows`` records.

    copydesk fails when failing records > ``max_records`` or their share > ``max_percent``;
    GX fails when the share of unexpected rows > ``1 - mostly``.
    """
    allowed = []
    if threshold.max_records is not None:
        allowed.append(threshold.max_records / rows if rows else 0.0)
    if threshold.max_percent is not None:
        allowed.append(threshold.max_percent / 100.0)
    if not allowed:
        return 0.0
    return max(0.0, min(1.0, 1.0 - min(allowed) - _EPS))


class FrameBuilder:
    """Build the annotated DataFrame from engine results as they stream (flat per record)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.groups = groups_for(config)
        self.columns = sorted(set(self.groups.values()), key=_group_order)
        self.rows: list[dict[str, Any]] = []
        self.unreadable = 0

    def add(self, result: RecordResult, data: Mapping[str, Any] | None) -> None:
        if not result.readable:
            self.unreadable += 1
            return
        published = None
        if data is not None:
            value = data.get(self.config.fields.source("published"))
            published = value if isinstance(value, str) else None
        row: dict[str, Any] = {
            "id": result.record_id,
            "published": published,
            "cd_input": result.input,
            "cd_line": result.line,
        }
        for g in self.columns:
            row[count_column(g)] = 0
            row[first_column(g)] = None
        for f in result.findings:
            if f.severity < self.config.fail_on:
                continue
            g = self.groups.get(f.check)
            if g is None:
                continue
            row[count_column(g)] += 1
            if row[first_column(g)] is None:
                row[first_column(g)] = f"{f.check} {f.field}[{f.start}:{f.end}] {f.excerpt}"
        self.rows.append(row)

    def frame(self) -> pd.DataFrame:
        cols = ["id", "published", "cd_input", "cd_line"]
        for g in self.columns:
            cols += [count_column(g), first_column(g)]
        df = pd.DataFrame(self.rows, columns=cols)
        df.attrs["copydesk_groups"] = list(self.columns)
        return df


def _group_order(g: str) -> tuple[int, str]:
    fam = g.split(".", 1)[0]
    return (FAMILIES.index(fam) if fam in FAMILIES else len(FAMILIES), g)


def annotate(records: Iterable[Mapping[str, Any]], config: Config | None = None) -> pd.DataFrame:
    """Run copydesk's checks over in-memory records; one annotated row per record."""
    cfg = config or Config()
    items = [RawItem("<records>", i + 1, data=dict(r)) for i, r in enumerate(records)]
    builder = FrameBuilder(cfg)
    for res, item in zip(run_records(items, Plan.from_config(cfg)), items, strict=True):
        builder.add(res, item.data)
    return builder.frame()


def article_suite(df: pd.DataFrame, config: Config | None = None) -> gx.ExpectationSuite:
    """The expectation suite over an annotated frame (see the module docstring)."""
    cfg = config or Config()
    suite = gx.ExpectationSuite(name=SUITE)
    suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="id", meta={"copydesk": "id"}))
    suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column="id", meta={"copydesk": "id"}))
    if df["published"].notna().any():
        suite.add_expectation(
            gxe.ExpectColumnValuesToMatchRegex(
                column="published", regex=DATE_REGEX, meta={"copydesk": "published"}
            )
        )
    for g in df.attrs.get("copydesk_groups", []):
        th = group_threshold(cfg, g)
        suite.add_expectation(
            gxe.ExpectColumnValuesToBeBetween(
                column=count_column(g),
                min_value=0,
                max_value=0,
                mostly=mostly_for(th, len(df)),
                meta={"copydesk": g, "threshold": th.describe()},
            )
        )
    return suite


@dataclass
class ExpectationOutcome:
    type: str
    column: str | None
    group: str | None  # the copydesk family / check, or None for structural expectations
    success: bool
    unexpected_count: int
    unexpected_ids: list[Any]


@dataclass
class GxOutcome:
    """What a GX run said: overall, per expectation, and the docs it built."""

    success: bool
    expectations: list[ExpectationOutcome]
    docs_index: Path | None = None
    raw: Any = field(default=None, repr=False)

    def failing_ids(self, copydesk_only: bool = True) -> set[Any]:
        """Record ids GX found unexpected (in copydesk's finding columns by default)."""
        out: set[Any] = set()
        for e in self.expectations:
            if copydesk_only and (e.group is None or e.group in ("id", "published")):
                continue
            out.update(e.unexpected_ids)
        return out


def _context(docs_dir: Path | None) -> Any:
    cfg = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    ctx = gx.get_context(mode="ephemeral", project_config=cfg)
    if docs_dir is not None:
        ctx.add_data_docs_site(
            SITE,
            {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return ctx


def validate(
    df: pd.DataFrame, config: Config | None = None, docs_dir: str | Path | None = None
) -> GxOutcome:
    """Run the article suite through a GX Checkpoint; build Data Docs into ``docs_dir``."""
    cfg = config or Config()
    docs = Path(docs_dir).resolve() if docs_dir is not None else None
    if docs is not None:
        docs.mkdir(parents=True, exist_ok=True)
    ctx = _context(docs)
    asset = ctx.data_sources.add_pandas("copydesk").add_dataframe_asset("articles")
    batch = asset.add_batch_definition_whole_dataframe("all records")
    suite = ctx.suites.add(article_suite(df, cfg))
    vd = ctx.validation_definitions.add(
        gx.ValidationDefinition(data=batch, suite=suite, name="copydesk articles")
    )
    actions = [UpdateDataDocsAction(name="data docs", site_names=[SITE])] if docs else []
    checkpoint = ctx.checkpoints.add(
        gx.Checkpoint(
            name="copydesk",
            validation_definitions=[vd],
            actions=actions,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]},
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": df})
    outcomes = []
    for vr in result.run_results.values():
        for er in vr.results:
            cfg_e = er.expectation_config
            meta = cfg_e.meta or {}
            res = er.result or {}
            ids = [d.get("id") for d in res.get("unexpected_index_list") or []]
            outcomes.append(
                ExpectationOutcome(
                    type=cfg_e.type,
                    column=cfg_e.kwargs.get("column"),
                    group=meta.get("copydesk"),
                    success=bool(er.success),
                    unexpected_count=int(res.get("unexpected_count") or 0),
                    unexpected_ids=ids,
                )
            )
    index = docs / "index.html" if docs is not None else None
    return GxOutcome(bool(result.success), outcomes, index, result)
