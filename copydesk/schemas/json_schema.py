"""The JSON Schema (draft 2020-12) of an article record, as ``copydesk schema`` prints it.

It states the structure only (types, required fields, formats); the text checks (unbroken
sentences, duplicated blocks, dates, figures) are copydesk's own and cannot be said in JSON
Schema.
"""

from __future__ import annotations

from typing import Any

from copydesk import __version__
from copydesk.record import FieldMap

_TEXT = {"type": "string"}


def record_json_schema(fields: FieldMap | None = None) -> dict[str, Any]:
    """The schema, with property names mapped through ``fields`` (the user's names)."""
    fmap = fields or FieldMap()
    n = fmap.source
    props: dict[str, Any] = {
        n("id"): {"type": "string", "minLength": 1, "description": "unique within the corpus"},
        n("body"): {
            "type": "string",
            "pattern": r"\S",
            "description": "article text; paragraphs separated by one or more newlines",
        },
        n("paragraphs"): {
            "type": "array",
            "items": _TEXT,
            "minItems": 1,
            "description": "alternative to body",
        },
        n("headline"): _TEXT,
        n("subheadline"): _TEXT,
        n("dateline"): {
            **_TEXT,
            "examples": ["新华社北京11月8日电", "BEIJING, Nov. 8 (Xinhua) --"],
        },
        n("byline"): {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]},
        n("published"): {
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "description": "publication date of the issue, YYYY-MM-DD",
        },
        n("source"): _TEXT,
        n("page"): {"type": "integer", "minimum": 1},
        n("section"): _TEXT,
        n("language"): {
            "type": "string",
            "pattern": r"^[a-zA-Z]{2,3}([-_][A-Za-z0-9]+)*$",
            "description": "ISO 639-1 code; detected when absent",
        },
        n("quotes"): {
            "type": "array",
            "items": _TEXT,
            "description": "pull quotes / summary boxes extracted apart from the body",
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://copydesk.invalid/schemas/article-record-{__version__}.json",
        "title": "copydesk article record",
        "type": "object",
        "required": [n("id")],
        "anyOf": [{"required": [n("body")]}, {"required": [n("paragraphs")]}],
        "properties": props,
        "additionalProperties": True,
    }
