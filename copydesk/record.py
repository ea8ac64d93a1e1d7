"""The canonical article record (DESIGN.md §2) and the mapping from a user's column names.

A record is built from any mapping (a JSON object, a Parquet row). Values are kept exactly as
read, whatever their type, so that the ``schema`` checks can report a number where text
belongs; the typed accessors (:meth:`ArticleRecord.text`, :attr:`ArticleRecord.body`) return
``None`` for a value of the wrong type instead of guessing.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.patterns import lazy_compile

#: Canonical fields, in the order DESIGN.md §2 lists them.
CANONICAL_FIELDS: tuple[str, ...] = (
    "id",
    "body",
    "paragraphs",
    "headline",
    "subheadline",
    "dateline",
    "byline",
    "published",
    "source",
    "page",
    "section",
    "language",
    "quotes",
)

#: Fields holding one string of article text that checks may read.
TEXT_FIELDS: tuple[str, ...] = ("body", "headline", "subheadline", "dateline")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CJK = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def parse_iso_date(value: object) -> _dt.date | None:
    """``YYYY-MM-DD`` as a date, or ``None`` when ``value`` is not exactly that and valid."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def detect_language(text: str) -> str | None:
    """A cheap script-based guess: ``zh`` when CJK characters outnumber Latin letters.

    Only used when a record carries no ``language``. Japanese kana and Korean hangul are
    counted as CJK too, so this is a guess of *script*, good enough to pick rules.
    """
    sample = text[:4000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cjk == 0 and latin == 0:
        return None
    return "zh" if cjk >= latin else "en"


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Canonical name -> the user's name, e.g. ``FieldMap({"body": "text"})``."""

    names: Mapping[str, str] = field(default_factory=dict)

    def source(self, canonical: str) -> str:
        return self.names.get(canonical, canonical)

    @classmethod
    def parse(cls, pairs: Mapping[str, str] | list[str] | tuple[str, ...] | None) -> FieldMap:
        """From a mapping, or from ``["body=text", ...]`` as the command line gives it."""
        if not pairs:
            return cls({})
        if isinstance(pairs, Mapping):
            items = dict(pairs)
        else:
            items = {}
            for pair in pairs:
                canonical, sep, source = pair.partition("=")
                if not sep or not canonical.strip() or not source.strip():
                    raise ValueError(f"field mapping {pair!r} is not CANONICAL=SOURCE")
                items[canonical.strip()] = source.strip()
        unknown = sorted(set(items) - set(CANONICAL_FIELDS))
        if unknown:
            raise ValueError(
                f"unknown canonical field(s) {', '.join(unknown)}; "
                f"known: {', '.join(CANONICAL_FIELDS)}"
            )
        return cls(items)

    def merged(self, other: FieldMap) -> FieldMap:
        return FieldMap({**self.names, **other.names})


class ArticleRecord:
    """One article record as read, with canonical access.

    ``data`` holds the values under canonical names (mapped from the user's names); fields
    that are not canonical are carried through untouched in ``extra``.
    """

    __slots__ = ("_body", "data", "duplicate_keys", "extra", "field_map", "input", "line")

    def __init__(
        self,
        data: Mapping[str, Any],
        *,
        extra: Mapping[str, Any] | None = None,
        field_map: FieldMap | None = None,
        input: str | None = None,
        line: int | None = None,
        duplicate_keys: tuple[str, ...] = (),
    ) -> None:
        self.data: dict[str, Any] = dict(data)
        #: keys that appeared more than once in the record's JSON object, as the data
        #: spells them (the reader kept the last value)
        self.duplicate_keys = duplicate_keys
        self.extra: dict[str, Any] = dict(extra or {})
        self.field_map = field_map or FieldMap()
        self.input = input
        self.line = line
        self._body: str | bool | None = False  # False: not computed yet

    @classmethod
    def from_mapping(
        cls,
        obj: Mapping[str, Any],
        field_map: FieldMap | None = None,
        *,
        input: str | None = None,
        line: int | None = None,
        duplicate_keys: tuple[str, ...] = (),
    ) -> ArticleRecord:
        """Split ``obj`` into canonical fields (through ``field_map``) and extra fields."""
        fmap = field_map or FieldMap()
        data: dict[str, Any] = {}
        used: set[str] = set()
        for name in CANONICAL_FIELDS:
            src = fmap.source(name)
            if src in obj:
                data[name] = obj[src]
                used.add(src)
        extra = {k: v for k, v in obj.items() if k not in used}
        return cls(
            data,
            extra=extra,
            field_map=fmap,
            input=input,
            line=line,
            duplicate_keys=duplicate_keys,
        )

    # -- typed access -----------------------------------------------------------------
    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def display_id(self) -> str | None:
        """The id as text for reports (an integer id is still shown), else ``None``."""
        value = self.data.get("id")
        if value is None or isinstance(value, (dict, list)):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return str(value)
            except ValueError:  # more digits than int -> str converts
                return f"<integer of {value.bit_length()} bits>"
        return str(value)

    @property
    def body_field(self) -> str:
        """``"body"`` or ``"paragraphs"``: which one the body text came from."""
        if "body" not in self.data and "paragraphs" in self.data:
            return "paragraphs"
        return "body"

    @property
    def body(self) -> str | None:
        """The article text: ``body``, or ``paragraphs`` joined with ``\\n``."""
        if self._body is False:
            self._body = self._compute_body()
        return self._body  # type: ignore[return-value]

    def _compute_body(self) -> str | None:
        if "body" in self.data:
            value = self.data["body"]
            return value if isinstance(value, str) else None
        paras = self.data.get("paragraphs")
        if isinstance(paras, list) and all(isinstance(p, str) for p in paras):
            return "\n".join(paras)
        return None

    def text(self, name: str) -> str | None:
        """The string value of a canonical text field (``body`` included), or ``None``."""
        if name == "body":
            return self.body
        value = self.data.get(name)
        return value if isinstance(value, str) else None

    @property
    def quotes(self) -> list[str]:
        value = self.data.get("quotes")
        if isinstance(value, list):
            return [q for q in value if isinstance(q, str)]
        if isinstance(value, str) and value:
            return [value]
        return []

    @property
    def published(self) -> _dt.date | None:
        return parse_iso_date(self.data.get("published"))

    @property
    def language(self) -> str | None:
        value = self.data.get("language")
        if isinstance(value, str) and value.strip():
            return value.strip().split("-")[0].lower()
        body = self.body
        return detect_language(body) if body else None

    def canonical_name(self, source: str) -> str:
        """The canonical name of a field the user's data calls ``source`` (else ``source``)."""
        for canonical, mapped in self.field_map.names.items():
            if mapped == source:
                return canonical
        return source

    def source_name(self, canonical: str) -> str:
        """The field's name in the user's data (``text`` where ``body = "text"``)."""
        if canonical == "body":
            canonical = self.body_field
        return self.field_map.source(canonical)

    def to_dict(self) -> dict[str, Any]:
        """The record back under the user's own names, extra fields included."""
        out = dict(self.extra)
        for name, value in self.data.items():
            out[self.field_map.source(name)] = value
        return out

    def __repr__(self) -> str:
        return f"ArticleRecord(id={self.display_id!r}, input={self.input!r}, line={self.line})"
