"""A finding's fingerprint: which defect it is, independent of where the record's text moved.

Raw offsets change with every edit earlier in the field, so they cannot say "this is the
finding we accepted last month". The fingerprint is a hash of the record id, the check, the
field and the finding's excerpt (the span and up to 12 characters either side) after
normalisation: an edit elsewhere in the record leaves it unchanged, an edit next to the
defect changes it (the defect may be a different one now).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from copydesk.findings import Finding

#: Bumped when the recipe changes; a baseline made with another version is refused.
VERSION = 1

_SPACE_RUN = re.compile(r"[\s⏎]+")


def normalise_excerpt(excerpt: str) -> str:
    """The excerpt as the fingerprint reads it: NFKC, the cut marks ``…`` at either end
    dropped, every run of white space or ``⏎`` as one space, no space at either end.

    >>> normalise_excerpt("…网络空⏎⏎间。尊重…")
    '网络空 间。尊重'
    """
    text = unicodedata.normalize("NFKC", excerpt.removeprefix("…").removesuffix("…"))
    return _SPACE_RUN.sub(" ", text).strip()


def digest(record: str | None, check: str, field: str, excerpt: str) -> bytes:
    """The 16-byte hash of the record id, check, field and normalised excerpt."""
    key = "\x1f".join((record or "", check, field, normalise_excerpt(excerpt)))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()


def fingerprint(record: str | None, check: str, field: str, excerpt: str) -> str:
    """:func:`digest` in hex, as baseline files and reports spell it."""
    return digest(record, check, field, excerpt).hex()


def record_key(record: str | None, input: str | None, line: int | None) -> str:
    """The record id; for a record without one, ``input:line`` (stable only while the
    input's lines stay where they are)."""
    return record if record is not None else f"{input or ''}:{line or 0}"


def of_finding(f: Finding) -> str:
    """The fingerprint of a :class:`Finding`."""
    return fingerprint(record_key(f.record, f.input, f.line), f.check, f.field, f.excerpt)


def of_dict(d: Mapping[str, Any]) -> str:
    """The fingerprint of a finding as the report JSON spells it."""
    rec = record_key(d.get("record"), d.get("input"), d.get("line"))
    return fingerprint(rec, d["check"], d["field"], d.get("excerpt", ""))
