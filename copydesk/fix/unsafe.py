"""Unsafe fixes: they change a record's structure, so only ``--unsafe-fixes`` makes them.

Each takes the record and a finding (canonical field names) and returns edits of one or
more fields, or nothing when the finding is not the case the fix is sure of.
"""

from __future__ import annotations

from typing import Any

from copydesk.fix.edits import Edit
from copydesk.fix.repairs import remove_lines
from copydesk.record import ArticleRecord
from copydesk.validators.registry import Hit

CHECK = "layout.headline-in-body"


def move_headline(record: ArticleRecord, hit: Hit) -> list[Edit]:
    """Take the record's own headline block out of the body.

    ``…发展。⏎中国全球百强科技创新集群数量世界第一⏎PCT国际专利申请量连续4年居首`` where
    ``headline``/``subheadline`` hold those lines: the lines are removed (the fields already
    hold them). Another article's headline block is left alone: it belongs to a record of its
    own (``layout.multiple-articles``, listed only), and the check does not report a block
    that opens the body of a record without ``headline``, so nothing is moved into an empty
    field.
    """
    body = record.body
    if hit.field != "body" or not body or record.body_field != "body":
        return []
    if "the record's" not in hit.message:
        return []
    rep = remove_lines(body, hit.start, hit.end)
    if rep is None:
        return []
    return [Edit("body", rep.start, rep.end, body[rep.start : rep.end], "", CHECK)]


SPLIT = "layout.multiple-articles"
#: fields of the page, not of the article: a record split off keeps them
PAGE_FIELDS = ("published", "source", "page", "section", "language")


def split_articles(record: ArticleRecord, hit: Hit) -> list[Edit]:
    """Cut the other article off the end of the body; it becomes a record of its own.

    ``…苏伯民说。⏎⏎（新华社杭州11月8日电）⏎⏎共同推动构建网络空间命运共同体迈向新阶段⏎——…``:
    the lines from the foreign text's first line to the end of the body are removed (one
    edit); :class:`copydesk.fix.core.Fixer` makes them a new record with a derived id
    (``<id>~2``) and the page's fields. Only a foreign text that runs to the end of the body
    and starts a line is cut.
    """
    body = record.body
    if hit.field != "body" or not body or record.body_field != "body":
        return []
    if body[hit.end :].strip() or not body[hit.start : hit.end].strip():
        return []
    rep = remove_lines(body, hit.start, len(body.rstrip()))
    if rep is None or rep.end < len(body.rstrip()):
        return []
    return [Edit("body", rep.start, rep.end, body[rep.start : rep.end], "", SPLIT)]


def split_off_record(
    original: dict[str, Any], record: ArticleRecord, text: str, n: int
) -> dict[str, Any]:
    """The record made of a text cut off ``original``: derived id, the page's fields."""
    fmap = record.field_map
    out = {
        fmap.source(k): original[fmap.source(k)] for k in PAGE_FIELDS if fmap.source(k) in original
    }
    rid = record.display_id or "record"
    return {fmap.source("id"): f"{rid}~{n}", fmap.source("body"): text.strip(), **out}


#: check id -> unsafe fix over the whole record.
RECORD_FIXES = {CHECK: move_headline, SPLIT: split_articles}

__all__ = ["PAGE_FIELDS", "RECORD_FIXES", "SPLIT", "move_headline", "split_articles"]
