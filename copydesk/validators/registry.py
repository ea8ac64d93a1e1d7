"""The check registry: ``@check("family.name", ...)`` and lookup by id or family prefix.

A check is a plain function over one :class:`~copydesk.record.ArticleRecord` that yields
:class:`Hit` objects (field, span, message, suggestion). The registry turns hits into
:class:`~copydesk.findings.Finding` objects with the check id, the severity and an excerpt, so
a check never formats output itself. Keyword-only parameters with defaults are the check's
parameters; the config overrides them (``[tool.copydesk.params."date.dateline-mismatch"]``).

Corpus checks (``@corpus_check``) see every record in input order, in one process: they are
classes whose instances are called once per record (duplicate ids, duplicate records).

Every check's docstring has four parts, as ruff's rule pages do: ``Defect:``, ``Example:``,
``Rule:`` and ``Limits:``.

A check marked ``linear=True`` takes time linear in the length of the text it reads, on any
text (``benchmarks/bench_scaling.py`` measures it). A record whose text is over the engine's
size bound (``schema.too-long``) is checked by the linear checks only.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from copydesk.findings import Finding, Severity, make_excerpt
from copydesk.record import ArticleRecord

FAMILIES: tuple[str, ...] = ("schema", "sentence", "quote", "date", "figure", "layout", "encoding")
DOC_SECTIONS: tuple[str, ...] = ("Defect:", "Example:", "Rule:", "Limits:")
_ID = re.compile(r"(?P<family>[a-z]+)\.(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: a span of one field, before the registry makes it a Finding.

    ``field`` is the canonical field name (``body``, ``headline``, ``quotes[2]``, ...);
    ``start``/``end`` are half-open code-point offsets into that field's text.
    """

    field: str
    start: int
    end: int
    message: str
    suggestion: str | None = None


CheckFunc = Callable[..., Iterable[Hit]]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check."""

    id: str
    severity: Severity
    fields: tuple[str, ...]
    description: str
    func: Callable[..., Any]
    corpus: bool = False
    params: Mapping[str, Any] = field(default_factory=dict)
    #: time linear in the text's length on any text: runs on records over the size bound
    linear: bool = False

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def doc_sections(self) -> dict[str, str]:
        """The docstring's ``Defect:``/``Example:``/``Rule:``/``Limits:`` parts, one line each."""
        return doc_sections(self.doc)


_REGISTRY: dict[str, CheckSpec] = {}

#: Checks of modules that do not mark themselves yet, measured linear on every body kind of
#: ``benchmarks/bench_scaling.py`` (growth exponent <= 1.2 from 100k to 4M characters, no
#: timeout; the README's Reliability section has the table). A module that marks its checks
#: ``linear=True`` itself makes its entries here redundant.
MEASURED_LINEAR: frozenset[str] = frozenset(
    {
        "date.after-publication",
        "date.dateline-mismatch",
        "date.invalid",
        "date.range-order",
        "date.split",
        "date.weekday-mismatch",
        "encoding.compat-char",
        "encoding.control-char",
        "encoding.mojibake",
        "encoding.replacement-char",
    }
)
_SECTION = re.compile(r"^(Defect|Example|Rule|Limits):", re.M)


def doc_sections(doc: str) -> dict[str, str]:
    """Split a check docstring into its four parts, each folded onto one line."""
    parts: dict[str, str] = {}
    matches = list(_SECTION.finditer(doc))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
        parts[m.group(1)] = " ".join(doc[m.end() : end].split())
    return parts


def _register(
    check_id: str,
    func: Callable[..., Any],
    severity: str | Severity,
    fields: Sequence[str],
    description: str | None,
    corpus: bool,
    linear: bool = False,
) -> None:
    m = _ID.fullmatch(check_id)
    if not m or m["family"] not in FAMILIES:
        raise ValueError(f"check id {check_id!r} is not family.name with a known family")
    if check_id in _REGISTRY and _REGISTRY[check_id].func is not func:
        raise ValueError(f"check {check_id!r} is registered twice")
    target = func.__init__ if corpus and inspect.isclass(func) else func
    params = {
        name: p.default
        for name, p in inspect.signature(target).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is not inspect.Parameter.empty
    }
    doc = inspect.cleandoc(func.__doc__ or "")
    desc = description or (doc.splitlines()[0].replace("``", "`") if doc else "")
    _REGISTRY[check_id] = CheckSpec(
        id=check_id,
        severity=Severity.parse(severity),
        fields=tuple(fields),
        description=desc,
        func=func,
        corpus=corpus,
        params=params,
        linear=linear or check_id in MEASURED_LINEAR,
    )


def check(
    check_id: str,
    *,
    severity: str | Severity = "error",
    fields: Sequence[str] = ("body",),
    description: str | None = None,
    linear: bool = False,
) -> Callable[[CheckFunc], CheckFunc]:
    """Register a per-record check ``func(record, *, param=default, ...) -> Iterable[Hit]``.

    ``linear=True`` promises time linear in the text's length (see the module docstring).
    """

    def deco(func: CheckFunc) -> CheckFunc:
        _register(check_id, func, severity, fields, description, corpus=False, linear=linear)
        return func

    return deco


def corpus_check(
    check_id: str,
    *,
    severity: str | Severity = "error",
    fields: Sequence[str] = ("id",),
    description: str | None = None,
    linear: bool = False,
) -> Callable[[type], type]:
    """Register a corpus check: a class, one instance per run, called per record in order."""

    def deco(cls: type) -> type:
        _register(check_id, cls, severity, fields, description, corpus=True, linear=linear)
        return cls

    return deco


def _load_builtin_checks() -> None:
    # Importing the package imports every family module, which registers its checks.
    import copydesk.validators  # noqa: F401


def all_checks() -> list[CheckSpec]:
    """Every registered check, sorted by id."""
    _load_builtin_checks()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get_check(check_id: str) -> CheckSpec:
    _load_builtin_checks()
    try:
        return _REGISTRY[check_id]
    except KeyError:
        raise KeyError(f"no check {check_id!r}") from None


def _matches(selector: str, check_id: str) -> bool:
    return selector in ("ALL", check_id) or check_id.startswith(selector + ".")


def select_checks(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[CheckSpec]:
    """Checks chosen by id or family prefix; the most specific selector wins (as in ruff).

    ``select_checks(["sentence"], ["sentence.stray-space"])`` is every sentence check but
    stray-space; ``select_checks(["sentence.stray-space"], ["sentence"])`` is stray-space
    alone. An empty ``select`` means every check. A selector that names nothing raises.
    """
    checks = all_checks()
    sel = [s.strip() for s in (select or []) if s.strip()] or ["ALL"]
    ign = [s.strip() for s in (ignore or []) if s.strip()]
    for s in (*sel, *ign):
        if not any(_matches(s, c.id) for c in checks):
            raise ValueError(f"selector {s!r} names no check (see `copydesk checks`)")
    chosen = []
    for c in checks:
        best_sel = max((len(s) if s != "ALL" else 0 for s in sel if _matches(s, c.id)), default=-1)
        best_ign = max((len(s) if s != "ALL" else 0 for s in ign if _matches(s, c.id)), default=-1)
        if best_sel > best_ign:
            chosen.append(c)
    return chosen


def field_text(record: ArticleRecord, name: str) -> str | None:
    """The text a hit's field name points at: ``body``, ``headline``, ``quotes[2]``, ..."""
    if name.startswith("quotes[") and name.endswith("]"):
        value = record.data.get("quotes")
        try:
            idx = int(name[7:-1])
        except ValueError:
            return None
        if isinstance(value, list) and 0 <= idx < len(value) and isinstance(value[idx], str):
            return value[idx]
        if isinstance(value, str) and idx == 0:
            return value
        return None
    return record.text(name)


def reported_field(record: ArticleRecord, name: str) -> str:
    """The field's name as the user's data spells it (``text`` for a mapped ``body``)."""
    base, bracket, rest = name.partition("[")
    return record.source_name(base) + bracket + rest


def to_findings(
    spec: CheckSpec,
    record: ArticleRecord,
    hits: Iterable[Hit],
    severity: Severity | None = None,
) -> Iterator[Finding]:
    """Turn a check's hits into findings with id, severity, excerpt and record position."""
    sev = severity or spec.severity
    fields: dict[str, tuple[str | None, str]] = {}  # a field's text and reported name
    for hit in hits:
        known = fields.get(hit.field)
        if known is None:
            known = fields[hit.field] = (
                field_text(record, hit.field),
                reported_field(record, hit.field),
            )
        text, field = known
        if text is not None:
            if not (0 <= hit.start <= hit.end <= len(text)):
                raise ValueError(
                    f"{spec.id} returned span [{hit.start}, {hit.end}) outside "
                    f"{hit.field} of length {len(text)}"
                )
            excerpt = make_excerpt(text, hit.start, hit.end)
        else:
            excerpt = ""
        yield Finding(
            check=spec.id,
            severity=sev,
            field=field,
            start=hit.start,
            end=hit.end,
            excerpt=excerpt,
            message=hit.message,
            suggestion=hit.suggestion,
            record=record.display_id,
            input=record.input,
            line=record.line,
        )


def run_check(
    spec: CheckSpec,
    record: ArticleRecord,
    params: Mapping[str, Any] | None = None,
    severity: Severity | None = None,
) -> list[Finding]:
    """Run one per-record check on one record (the pandera, GX and pytest adapters use this)."""
    kwargs = {**spec.params, **(params or {})}
    return list(to_findings(spec, record, spec.func(record, **kwargs), severity))


def check_record(
    record: ArticleRecord | Mapping[str, Any],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Finding]:
    """Every selected per-record check on one record, findings sorted by field and span."""
    rec = record if isinstance(record, ArticleRecord) else ArticleRecord.from_mapping(record)
    out: list[Finding] = []
    for spec in select_checks(select, ignore):
        if not spec.corpus:
            out.extend(run_check(spec, rec))
    out.sort(key=finding_order)
    return out


def finding_order(f: Finding) -> tuple[Any, ...]:
    return (f.field, f.start, f.end, f.check)
