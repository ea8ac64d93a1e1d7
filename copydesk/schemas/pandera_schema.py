"""The pandera schema of a correct article record, with copydesk's checks as pandera checks.

Importing this module registers one pandera check method per check family
(:data:`FAMILY_METHODS`), usable in any pandera schema::

    import pandera.pandas as pa
    import copydesk.schemas.pandera_schema  # registers the methods

    class MyArticles(pa.DataFrameModel):
        text: pa.typing.Series[str] = pa.Field(unbroken_sentences=True)

On a column (a Series) a method judges each value as that field of a record (a column that is
not a canonical text field is read as the ``body``). At the DataFrame level (``Config``) it
builds an :class:`~copydesk.record.ArticleRecord` from each row, so checks that need the whole
record (``figure.inconsistent`` reads the headline and the body, ``date.dateline-mismatch``
the dateline and ``published``) see it. The statistic ``checks`` is ``True`` (every
per-record check of the family) or one check id / a list of them. A row fails when a selected
check reports a finding at or above ``fail_on`` (default ``"error"``, as the engine's gate).

:class:`ArticleSchema` expands each family method into one pandera check per check id, so
``SchemaErrors.failure_cases`` names the check (``check`` column:
``unbroken_sentences(checks=sentence.line-break)``) and the record (``column == "id"``,
``failure_case`` the record's id). Checks of ``warning`` severity become pandera checks with
``raise_warning=True``: they warn (``SchemaWarning``) and do not fail validation.

Corpus checks (``schema.duplicate-id``, ``quote.duplicate-record``) are not per-row: the
``id`` column's ``unique=True`` states the first; the second has no pandera equivalent.
"""

from __future__ import annotations

import copy
import math
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.api.checks import Check
from pandera.extensions import register_check_method
from pandera.typing import Series

from copydesk.findings import Finding, Severity
from copydesk.record import TEXT_FIELDS, ArticleRecord
from copydesk.validators.registry import CheckSpec, run_check, select_checks

__all__ = [
    "FAMILY_METHODS",
    "ArticleSchema",
    "findings_for_frame",
    "records_from_frame",
    "to_json_schema",
    "to_yaml",
]

#: pandera check method name -> copydesk check family.
FAMILY_METHODS: dict[str, str] = {
    "unbroken_sentences": "sentence",
    "no_duplicated_quote_blocks": "quote",
    "valid_dates": "date",
    "valid_figures": "figure",
    "clean_encoding": "encoding",
    "one_article": "layout",
    "well_formed_record": "schema",
}
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


# -- rows to records -------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """A cell as JSON would hold it: ``None`` for missing, lists for arrays, Python scalars."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()  # numpy scalars and arrays (Parquet list columns)
    return value


def _row_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        pv = _plain(v)
        if k == "page" and isinstance(pv, float) and pv.is_integer():
            pv = int(pv)  # pandas stores an integer column with a gap (or a 1.5) as floats
        if pv is not None:
            out[str(k)] = pv
    return out


def records_from_frame(obj: pd.DataFrame | pd.Series) -> list[ArticleRecord]:
    """One record per row (DataFrame), or per value of a column (Series), in order.

    A Series named after a canonical text field (``headline``, ...) gives records holding
    that field; any other Series is read as the ``body``. ``line`` is the row's position
    (1-based), as the engine numbers rows.
    """
    if isinstance(obj, pd.DataFrame):
        rows: Iterable[dict[str, Any]] = (_row_dict(r) for r in obj.to_dict("records"))
    else:
        name = obj.name if obj.name in TEXT_FIELDS else "body"
        rows = ({name: v} if v is not None else {} for v in map(_plain, obj.tolist()))
    return [ArticleRecord.from_mapping(d, line=i + 1) for i, d in enumerate(rows)]


def _specs(family: str, checks: bool | str | Iterable[str]) -> list[CheckSpec]:
    if checks is True:
        specs = select_checks([family])
    elif checks is False:
        return []
    else:
        ids = [checks] if isinstance(checks, str) else list(checks)
        wrong = [c for c in ids if not c.startswith(family + ".")]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} not in the {family} family")
        specs = select_checks(ids)
    return [s for s in specs if not s.corpus]


def findings_for_frame(
    obj: pd.DataFrame | pd.Series, select: Iterable[str] | None = None
) -> list[list[Finding]]:
    """Per row, the findings of the selected per-record checks (every one by default)."""
    specs = [s for s in select_checks(list(select or [])) if not s.corpus]
    return [[f for s in specs for f in run_check(s, rec)] for rec in records_from_frame(obj)]


def _passes(rec: ArticleRecord, specs: list[CheckSpec], fail_on: Severity) -> bool:
    return not any(f.severity >= fail_on for s in specs for f in run_check(s, rec))


def _family_check(
    family: str, obj: pd.DataFrame | pd.Series, checks: Any, fail_on: str | None
) -> pd.Series | pd.DataFrame:
    specs = _specs(family, checks)
    sev = Severity.parse(fail_on or "error")
    ok = [_passes(rec, specs, sev) for rec in records_from_frame(obj)]
    passed = pd.Series(ok, index=obj.index, dtype=bool)
    if isinstance(obj, pd.DataFrame) and "id" in obj.columns:
        # one failure case per failing row: its id (pandera reports the failing cells)
        out = pd.DataFrame(True, index=obj.index, columns=obj.columns)
        out["id"] = passed
        return out
    return passed


# -- strategies ------------------------------------------------------------------------------
def _strategy(family: str) -> Any:
    def strategy(pandera_dtype: Any, strategy: Any = None, *, checks: Any = True, **_: Any) -> Any:
        """Clean article text (bodies of :func:`copydesk.testing.strategies.articles`)."""
        from copydesk.testing.strategies import articles

        specs = _specs(family, checks)

        def ok(value: Any) -> bool:
            rec = ArticleRecord.from_mapping({"body": value})
            return _passes(rec, specs, Severity.ERROR)

        if strategy is None:
            return articles(None).map(lambda r: r["body"])
        return strategy.filter(ok)

    return strategy


def _register(method: str, family: str) -> None:
    if hasattr(Check, method):
        return  # registered already (module reloaded)

    def fn(obj: Any, *, checks: Any = True, fail_on: str | None = "error") -> Any:
        return _family_check(family, obj, checks, fail_on)

    fn.__name__ = method
    fn.__doc__ = f"copydesk's {family} checks on each row (``checks``: True or ids)."
    register_check_method(
        fn,
        statistics=["checks", "fail_on"],
        supported_types=(pd.DataFrame, pd.Series),
        strategy=_strategy(family),
    )


for _method, _family in FAMILY_METHODS.items():
    _register(_method, _family)


def _per_check(method: str, check: Check) -> list[Check]:
    """A family check with ``checks=True`` as one pandera check per check id."""
    family = FAMILY_METHODS[method]
    stats = check.statistics or {}
    if stats.get("checks", True) is not True:
        return [check]
    fail_on = Severity.parse(stats.get("fail_on") or "error")
    out = []
    for spec in _specs(family, True):
        out.append(
            getattr(Check, method)(
                checks=spec.id,
                # a warning-severity check reports its warnings, as a pandera warning
                fail_on=str(min(spec.severity, fail_on)),
                raise_warning=spec.severity < fail_on,
            )
        )
    return out


# -- the schema ------------------------------------------------------------------------------
class ArticleSchema(pa.DataFrameModel):
    """A correct article record (DESIGN.md §2) as a pandera DataFrame model."""

    id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    body: Series[str] | None = pa.Field(nullable=True)
    paragraphs: Series[object] | None = pa.Field(nullable=True, coerce=True)
    headline: Series[str] | None = pa.Field(nullable=True)
    subheadline: Series[str] | None = pa.Field(nullable=True)
    dateline: Series[str] | None = pa.Field(nullable=True)
    byline: Series[object] | None = pa.Field(nullable=True, coerce=True)
    published: Series[str] | None = pa.Field(nullable=True, str_matches=ISO_DATE)
    source: Series[str] | None = pa.Field(nullable=True)
    page: Series[object] | None = pa.Field(nullable=True, coerce=True)
    section: Series[str] | None = pa.Field(nullable=True)
    language: Series[str] | None = pa.Field(nullable=True)
    quotes: Series[object] | None = pa.Field(nullable=True, coerce=True)

    class Config:
        name = "ArticleSchema"
        strict = False  # other fields are carried through untouched
        well_formed_record = True
        unbroken_sentences = True
        no_duplicated_quote_blocks = True
        valid_dates = True
        valid_figures = True
        clean_encoding = True
        one_article = True

    @pa.check("page", element_wise=True, name="page_is_positive_integer")
    def _page_is_positive_integer(cls, value: Any) -> bool:
        """A page is a whole number >= 1 (or absent); checked per row, so one bad page
        (``1.5``, ``"x"``) fails its own record, not the column."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return True
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return float(value).is_integer() and value >= 1

    @classmethod
    def build_schema_(cls, **kwargs: Any) -> pa.DataFrameSchema:
        schema = super().build_schema_(**kwargs)
        checks: list[Check] = []
        for c in schema.checks:
            checks.extend(_per_check(c.name, c) if c.name in FAMILY_METHODS else [c])
        schema = copy.copy(schema)
        schema.checks = checks
        return schema

    @classmethod
    def strategy(cls, *, size: int | None = None, language: str | None = "zh", **_: Any) -> Any:
        """DataFrames of correct records (``size`` rows, 1-4; default 1-4 rows).

        Built from :func:`copydesk.testing.strategies.corpora` (distinct articles, unique
        ids) rather than pandera's column-wise generator: a correct record's fields depend on
        one another (dateline and ``published``, headline figures and body figures).
        """
        from hypothesis import strategies as st

        from copydesk.testing.strategies import corpora

        sizes = st.just(size) if size is not None else st.integers(1, 4)
        columns = list(cls.to_schema().columns)

        def frame(records: list[dict[str, Any]]) -> pd.DataFrame:
            df = pd.DataFrame(records)
            extra = [c for c in df.columns if c not in columns]
            df = df[[c for c in columns if c in df.columns] + extra]
            if "page" in df.columns:
                df["page"] = df["page"].astype("Int64")
            return df

        del language
        return sizes.flatmap(lambda n: corpora(n)).map(frame)

    @classmethod
    def example(cls, *, size: int | None = None, **kwargs: Any) -> pd.DataFrame:  # type: ignore[override]
        """One DataFrame drawn from :meth:`strategy` (for exploring, not for tests)."""
        from hypothesis import HealthCheck, given, settings

        out: list[pd.DataFrame] = []

        @settings(
            max_examples=1,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(cls.strategy(size=size, **kwargs))
        def draw(df: pd.DataFrame) -> None:
            out.append(df)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            draw()
        return out[-1]


def to_yaml() -> str:
    """``ArticleSchema`` as pandera YAML: columns, and each registered check by name with its
    statistics (``checks: sentence.line-break``). Loading it back needs this module imported
    (the check methods must be registered); ``raise_warning`` is not serialised, so a
    warning-severity check loaded back fails validation instead of warning."""
    return ArticleSchema.to_yaml()


def to_json_schema() -> dict[str, Any]:
    """pandera's JSON Schema of ``ArticleSchema``: column names and types only. Lost: the
    custom checks, ``unique``, nullability (see :func:`copydesk.schemas.record_json_schema`
    for the record-level JSON Schema that keeps types, required fields and formats)."""
    return ArticleSchema.to_json_schema()
