"""Corpus checks made per record for ``copydesk fix``: learn on the whole input, then fix.

``copydesk fix`` goes one record at a time, so a check that needs the corpus first makes no
edit there. ``layout.boilerplate`` is one: a line is the site's when it recurs in several
different articles of a source, which no single record shows. For file inputs ``fix`` reads
the input twice: :meth:`LearnedBoilerplate.learn` streams every record through the check,
as ``copydesk check`` does, and keeps the hashes of the lines it reports as recurring; then
:meth:`LearnedBoilerplate.hits` gives, for each record, every line with a learned hash that
stands in a run of such lines (site furniture comes in blocks), and the residue lines the
lexicon names, as findings with the suggestion ``remove``. So the first occurrences of a
recurring line are removed too, which the streaming check only names in its message.
Recurrence is used in flowed (web) text only; see :meth:`LearnedBoilerplate.hits`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from copydesk.record import ArticleRecord
from copydesk.validators.boilerplate import Boilerplate, Prepared, in_run
from copydesk.validators.registry import Hit
from copydesk.validators.text import furniture

CHECK = "layout.boilerplate"


class LearnedBoilerplate:
    """``layout.boilerplate`` in two passes: :meth:`learn` on every record, then :meth:`hits`."""

    def __init__(self, params: Mapping[str, Any] | None = None) -> None:
        self.check = Boilerplate(**dict(params or {}))
        #: hashes (per source) of the lines the check reported as recurring
        self.recurring: set[int] = set()

    def learn(self, record: ArticleRecord) -> None:
        """Count the record's lines; keep the hashes of those reported as recurring."""
        prepared = self.check.prepare(record)
        if prepared is None:
            return
        residue = {(a, b) for a, b, _k in prepared.residue}
        spans = _spans(prepared)
        for hit in self.check.observe(record, prepared):
            n = spans.get((hit.start, hit.end))
            if n is not None and (hit.start, hit.end) not in residue:
                self.recurring.add(prepared.hashes[n])

    def hits(self, record: ArticleRecord, *, flowed: bool) -> list[Hit]:
        """The record's boilerplate lines: residue lines, and in flowed text (a web page's:
        a site prints its furniture around every article) the learned recurring lines that
        stand in a run of such lines. In hard-wrapped text (PDF, OCR) the lines that recur
        across pages are running heads (``layout.page-furniture``'s) and bylines
        (``本报记者 莽九晨`` in the held-out extractions): not removed. ``flowed``: the body
        is flowed text, judged on the input (joining wraps makes lines paragraphs)."""
        prepared = self.check.prepare(record)
        if prepared is None:
            return []
        body = record.body or ""
        # in hard-wrapped text the lines pages share are running heads and bylines: not learned
        hashes = prepared.hashes if flowed else []
        learned = [n for n, h in enumerate(hashes) if h in self.recurring]
        rows = {prepared.spans[3 * n + 2] for n in learned} | prepared.residue_rows
        out = [Hit("body", a, b, f"boilerplate ({k})", "remove") for a, b, k in prepared.residue]
        taken = {(h.start, h.end) for h in out}
        for n in learned:
            start, end, row = prepared.spans[3 * n : 3 * n + 3]
            if (start, end) in taken or not in_run(row, rows) or furniture(body[start:end]):
                continue
            out.append(Hit("body", start, end, "boilerplate line (recurs in the input)", "remove"))
        return sorted(out, key=lambda h: (h.start, h.end))


def _spans(prepared: Prepared) -> dict[tuple[int, int], int]:
    """Each counted line's ``(start, end)`` -> its index in ``prepared.hashes``."""
    s = prepared.spans
    return {(s[3 * n], s[3 * n + 1]): n for n in range(len(prepared.hashes))}


__all__ = ["CHECK", "LearnedBoilerplate"]
