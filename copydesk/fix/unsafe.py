"""Unsafe fixes: they change a record's structure, so only ``--unsafe-fixes`` makes them.

Each takes the record and a finding (canonical field names) and returns edits of one or
more fields, or nothing when the finding is not the case the fix is sure of.
"""

from __future__ import annotations

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


#: check id -> unsafe fix over the whole record.
RECORD_FIXES = {CHECK: move_headline}

__all__ = ["RECORD_FIXES", "move_headline"]
