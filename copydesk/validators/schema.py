"""The ``schema`` family: is this a well-formed article record at all (DESIGN.md §2)?

These checks read field values as they came, whatever their type. A record that breaks the
schema is still read and checked; it fails on these findings rather than being dropped.
Record-level findings (a missing field) have an empty span ``[0, 0)`` on the field named.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Any

from copydesk.record import TEXT_FIELDS, ArticleRecord, parse_iso_date
from copydesk.validators.registry import Hit, check, corpus_check

#: ISO 639-1 codes (the two-letter language codes), plus ``und`` for "undetermined".
ISO_639_1: frozenset[str] = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    und""".split()
)

_STRING_FIELDS = ("headline", "subheadline", "dateline", "source", "section", "language")


def _type_name(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "list",
        dict: "object",
    }.get(type(value), type(value).__name__)


def _short_repr(value: Any) -> str:
    """``repr`` for a message: an integer too long to print is named by its size."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an integer of {value.bit_length()} bits"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _span(record: ArticleRecord, name: str) -> tuple[int, int]:
    text = record.data.get(name)
    return (0, len(text)) if isinstance(text, str) else (0, 0)


@check("schema.missing-field", fields=("id", "body", "paragraphs"), linear=True)
def missing_field(record: ArticleRecord) -> Iterator[Hit]:
    """A required field is absent: ``id``, and one of ``body`` or ``paragraphs``.

    Defect: the extractor or the field mapping lost a required field, so the record cannot
    be identified or has no text to check.
    Example: ``{"id": "rmrb-2023-11-09-p1-01", "text": "…"}`` read without ``--field body=text``.
    Rule: ``id`` must be present and not null; ``body`` or ``paragraphs`` must be present and
    not null. The finding names the canonical field (or both body fields).
    Limits: a present but empty field is ``schema.empty-field``; a wrong type is
    ``schema.wrong-type``.
    """
    if record.data.get("id") is None:
        yield Hit("id", 0, 0, "required field `id` is missing")
    if record.data.get("body") is None and record.data.get("paragraphs") is None:
        yield Hit("body", 0, 0, _missing_body_message(record))


def _missing_body_message(record: ArticleRecord) -> str:
    """Say whether the body fields are absent or present as ``null``."""
    nulls = [name for name in ("body", "paragraphs") if name in record.data]
    if nulls:
        names = " and ".join(f"`{record.field_map.source(n)}`" for n in nulls)
        return f"{names} {'is' if len(nulls) == 1 else 'are'} null"
    return "neither `body` nor `paragraphs` is present"


@check("schema.empty-field", fields=("id", "body", "paragraphs"), linear=True)
def empty_field(record: ArticleRecord) -> Iterator[Hit]:
    """A required field is present but holds no text.

    Defect: an empty article (an extraction that found no text, a failed OCR page) or an
    empty id.
    Example: ``{"id": "p1-03", "body": "  \\n "}``.
    Rule: ``id`` and the body text (``body``, or ``paragraphs`` joined) must contain
    something other than white space; ``paragraphs`` must not be an empty list.
    Limits: a body of one stray character passes here; the text checks judge its content.
    """
    rid = record.data.get("id")
    if isinstance(rid, str) and not rid.strip():
        yield Hit("id", 0, len(rid), "`id` is empty")
    if "body" in record.data or "paragraphs" in record.data:
        body = record.body
        if body is not None and not body.strip():
            field = record.body_field
            yield Hit("body", 0, len(body), f"`{field}` holds no text")


def _wrong_types(record: ArticleRecord) -> Iterator[tuple[str, str]]:
    data = record.data
    rid = data.get("id")
    if rid is not None and not isinstance(rid, str):
        yield "id", f"`id` is {_type_name(rid)}, expected string"
    if "body" in data and data["body"] is not None and not isinstance(data["body"], str):
        yield "body", f"`body` is {_type_name(data['body'])}, expected string"
    paras = data.get("paragraphs")
    if paras is not None and "body" not in data:
        if not isinstance(paras, list):
            yield "paragraphs", f"`paragraphs` is {_type_name(paras)}, expected list of strings"
        elif not all(isinstance(p, str) for p in paras):
            bad = next(i for i, p in enumerate(paras) if not isinstance(p, str))
            yield "paragraphs", f"`paragraphs[{bad}]` is {_type_name(paras[bad])}, expected string"
    for name in _STRING_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            yield name, f"`{name}` is {_type_name(value)}, expected string"
    byline = data.get("byline")
    if byline is not None and not (
        isinstance(byline, str)
        or (isinstance(byline, list) and all(isinstance(b, str) for b in byline))
    ):
        yield "byline", f"`byline` is {_type_name(byline)}, expected string or list of strings"
    quotes = data.get("quotes")
    if quotes is not None and not (
        isinstance(quotes, list) and all(isinstance(q, str) for q in quotes)
    ):
        yield "quotes", f"`quotes` is {_type_name(quotes)}, expected list of strings"
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        yield "published", f"`published` is {_type_name(published)}, expected YYYY-MM-DD string"


@check("schema.wrong-type", fields=("id", "body", "paragraphs", "headline", "quotes"), linear=True)
def wrong_type(record: ArticleRecord) -> Iterator[Hit]:
    """A field holds a value of the wrong type: a number where text belongs, and so on.

    Defect: a broken export (ids written as integers, a body that is a list, quotes as one
    string) that downstream code will trip over.
    Example: ``{"id": 17, "body": ["第一段", "第二段"]}``.
    Rule: ``id``, ``body``, ``headline``, ``subheadline``, ``dateline``, ``source``,
    ``section``, ``language`` and ``published`` are strings; ``paragraphs`` and ``quotes``
    lists of strings; ``byline`` a string or a list of strings; ``page`` is judged by
    ``schema.invalid-page``.
    Limits: extra (non-canonical) fields are carried through and never type-checked.
    """
    for name, message in _wrong_types(record):
        yield Hit(name, 0, 0, message)


@check("schema.invalid-published", fields=("published",), linear=True)
def invalid_published(record: ArticleRecord, *, today: str | None = None) -> Iterator[Hit]:
    """``published`` is not a calendar-valid ISO date, or lies in the future.

    Defect: the issue date every date check is measured against is wrong or unusable.
    Example: ``"published": "2023-11-31"``, ``"published": "9 Nov 2023"``, a date next year.
    Rule: ``published`` must be ``YYYY-MM-DD``, a real calendar day, and not after today
    (``today`` parameter, default the machine's date).
    Limits: a plausible but wrong date (the day before) cannot be seen here;
    ``date.dateline-mismatch`` compares it with the dateline.
    """
    value = record.data.get("published")
    if not isinstance(value, str):
        return
    day = parse_iso_date(value)
    if day is None:
        yield Hit("published", 0, len(value), f"`published` {value!r} is not a valid YYYY-MM-DD")
        return
    limit = _dt.date.fromisoformat(today) if today else _dt.date.today()
    if day > limit:
        yield Hit("published", 0, len(value), f"`published` {value} is in the future")


@check("schema.unknown-language", fields=("language",), linear=True)
def unknown_language(record: ArticleRecord) -> Iterator[Hit]:
    """``language`` is not an ISO 639-1 code (an optional region or script subtag may follow).

    Defect: a language tag the checks cannot pick rules for, often a mapping mistake.
    Example: ``"language": "chinese"``, ``"language": "cn"``.
    Rule: the primary subtag (before ``-`` or ``_``) must be a two-letter ISO 639-1 code or
    ``und``; ``zh-Hans`` and ``en_US`` pass.
    Limits: three-letter ISO 639-3 codes are not accepted.
    """
    value = record.data.get("language")
    if not isinstance(value, str):
        return
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    if primary not in ISO_639_1:
        yield Hit("language", 0, len(value), f"`language` {value!r} is not an ISO 639-1 code")


@check("schema.invalid-page", fields=("page",), linear=True)
def invalid_page(record: ArticleRecord) -> Iterator[Hit]:
    """``page`` is not a positive integer.

    Defect: page numbers that are zero, negative, fractional or text break page-level audits.
    Example: ``"page": 0``, ``"page": "A1"``, ``"page": 1.5``.
    Rule: when present, ``page`` is an integer ≥ 1 (a boolean is not an integer).
    Limits: section-lettered pages (``A1``) are flagged: carry them in ``section``.
    """
    if "page" not in record.data or record.data["page"] is None:
        return
    value = record.data["page"]
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if not ok:
        start, end = _span(record, "page")
        yield Hit(
            "page", start, end, f"`page` is {_short_repr(value)}, expected a positive integer"
        )


@corpus_check("schema.duplicate-id", fields=("id",), linear=True)
class DuplicateId:
    """Two records share one ``id``.

    Defect: ids must be unique in a corpus; a duplicate usually means a page was extracted
    twice or two segmenters wrote into one file.
    Example: line 7 and line 912 both have ``"id": "rmrb-2023-11-09-p1-01"``.
    Rule: every record whose id was already seen earlier in the input gets a finding naming
    the first occurrence (input and line).
    Limits: memory grows with the number of distinct ids (one hash per id).
    """

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str | None, int | None]] = {}

    def __call__(self, record: ArticleRecord) -> Iterator[Hit]:
        rid = record.data.get("id")
        if not isinstance(rid, (str, int)) or isinstance(rid, bool):
            return
        key = rid if isinstance(rid, str) else _short_repr(rid)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = (record.input, record.line)
            return
        where = f"line {first[1]}" + (f" of {first[0]}" if first[0] != record.input else "")
        length = len(rid) if isinstance(rid, str) else 0
        yield Hit("id", 0, length, f"id {key!r} was already used at {where}")


@check("schema.duplicate-key", fields=("id", "body"), linear=True)
def duplicate_key(record: ArticleRecord) -> Iterator[Hit]:
    """A key appears twice in one JSON object (or a column name twice in a CSV header).

    Defect: JSON parsers keep one of the values (Python the last, others the first), so the
    text that was checked may not be the text another tool reads; a first ``body`` with
    defects would never be seen.
    Example: ``{"id": "p1-01", "body": "第一稿…", "body": "第二稿…"}``.
    Rule: every key the reader saw more than once gets a finding on that field (span of the
    kept value when it is text, else ``[0, 0)``); the last value is the one checked.
    Limits: duplicates inside nested objects are reported by the nested key's name only.
    """
    for key in record.duplicate_keys:
        name = record.canonical_name(key) if key else '""'
        text = record.text(name) if name in TEXT_FIELDS else None
        end = len(text) if text is not None else 0
        yield Hit(name, 0, end, f"key `{key}` appears more than once; the last value was kept")


#: Default bound of ``schema.too-long``: far above any real article (long reports run to
#: 50,000 characters), far below what a super-linear check could take (see
#: ``benchmarks/bench_scaling.py``).
MAX_CHARS = 200_000


@check("schema.too-long", fields=(*TEXT_FIELDS, "quotes"), linear=True)
def too_long(record: ArticleRecord, *, max_chars: int = MAX_CHARS) -> Iterator[Hit]:
    """A text field is longer than the per-record size bound; only linear checks read it.

    Defect: a whole issue, a whole book or a runaway extraction in one record; no article is
    that long, and checks that are not linear in the text's length would stall on it.
    Example: a 50 MB ``body`` made of one page concatenated a thousand times.
    Rule: a text field (``body``, ``headline``, ``subheadline``, ``dateline``, a ``quotes``
    entry) longer than ``max_chars`` code points gets a finding spanning the part beyond the
    bound; the engine then runs only the checks marked linear on that record.
    Limits: the bound is on code points, not bytes; raise ``max_chars`` in
    ``[params."schema.too-long"]`` for corpora of very long documents.
    """
    for name in (*TEXT_FIELDS, "quotes"):
        texts = [(name, record.text(name))] if name != "quotes" else _quote_texts(record)
        for field, text in texts:
            if text is not None and len(text) > max_chars:
                yield Hit(
                    field,
                    max_chars,
                    len(text),
                    f"`{field}` has {len(text):,} characters, over the bound of {max_chars:,}; "
                    "only the linear checks read it",
                )


def _quote_texts(record: ArticleRecord) -> list[tuple[str, str | None]]:
    value = record.data.get("quotes")
    if isinstance(value, str):
        return [("quotes[0]", value)]
    if isinstance(value, list):
        return [(f"quotes[{i}]", q) for i, q in enumerate(value) if isinstance(q, str)]
    return []


def longest_text(record: ArticleRecord) -> int:
    """The length of the record's longest text field (what ``schema.too-long`` bounds)."""
    lengths = [len(t) for name in TEXT_FIELDS if (t := record.text(name)) is not None]
    lengths += [len(q) for _, q in _quote_texts(record) if q is not None]
    return max(lengths, default=0)
