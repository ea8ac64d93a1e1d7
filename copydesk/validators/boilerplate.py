"""``layout.boilerplate``: site furniture left in the body, by lexicon and by recurrence.

Two sources of evidence, as web-corpus cleaning uses them:

- the residue lexicon (:mod:`copydesk.validators.residue`): ``Related:``, ``相关阅读``,
  ``分享到``, ``Advertisement``, ``责任编辑：…``, newsletter prompts, photo credits;
- line recurrence, as CCNet deduplicates lines (Wenzek et al. 2020) and datatrove's
  ``LineDedupFilter`` does: a line (normalized: NFKC, case folded, digits kept,
  everything but letters, digits and ideographs removed) that recurs in several *different
  articles* of one source is the site's, not the article's. "Source" is the record's
  ``source`` field, else its input file.

Two records count as the same article (one extractor run against another, a page crawled
twice) when their article sketches share a value: the 4 smallest shingle hashes of their
long lines (:func:`article_sketch`). So the same page through five extractors counts once,
and a menu line shared by the pages of a site counts once per page.

The work is split like ``quote.duplicate-record``'s: :meth:`Boilerplate.prepare` (pure, per
record: line hashes, residue spans, the sketch) runs in the engine's workers, and
:meth:`Boilerplate.observe` (the table look-up) in the main process, in input order.
Memory is bounded: the table holds at most ``max_lines`` line hashes (when it fills, the
lines seen in one article only are dropped: lossy counting), and per hash at most
``min_records`` sketches and record ids. ``benchmarks/bench_boilerplate.py`` measures it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from copydesk.record import ArticleRecord
from copydesk.validators.duplicates import (
    char_shingle_hashes,
    fmix32,
    is_cjk_text,
    normalized_code_points,
)
from copydesk.validators.registry import Hit, corpus_check
from copydesk.validators.residue import find_residue
from copydesk.validators.text import furniture

_WS = " \t\r\f\v\u3000\u00a0\u200b\ufeff"
_NOT_WORD = re.compile(r"[\W_]+")
#: Lines that recur in any prose and say nothing about a site.
_STOP = frozenset(
    "the and but for with from that this there what when which who why how not you your "
    "our his her its their was were are has have had said says yes no".split()
)
_SKETCH_K = 4
_LONG_LINE = 80


def line_key(line: str) -> str:
    """A line as recurrence compares it: NFKC, case folded, only letters,
    digits and ideographs kept (``Share this:`` and ``SHARE THIS`` are one line)."""
    t = unicodedata.normalize("NFKC", line).casefold()
    return _NOT_WORD.sub("", t)


def countable(key: str, line: str) -> bool:
    """A line worth counting: 3+ letters (2 ideographs), not a lone function word, not a
    bare number."""
    if len(key) < 2 or key.isdigit():
        return False
    if len(key) == 2 and not all("\u3400" <= c <= "\u9fff" for c in key):
        return False
    return key not in _STOP


def article_sketch(body: str) -> tuple[int, ...]:
    """The ``4`` smallest mixed hashes of the character shingles (5 code points for CJK text,
    8 for other text; NFKC, white space removed) of the body's long lines (80+ characters;
    the whole body when it has none): records of one article share a value, records of
    different articles almost never do."""
    long_text = "\n".join(ln for ln in body.split("\n") if len(ln.strip()) >= _LONG_LINE)
    text = long_text or body
    cps = normalized_code_points(text)
    if len(cps) == 0:
        return ()
    hashes = char_shingle_hashes(cps, 5 if is_cjk_text(cps) else 8)
    mixed = fmix32(hashes.astype(np.uint32))
    if len(mixed) > 4 * _SKETCH_K:
        mixed = np.partition(mixed, 4 * _SKETCH_K)[: 4 * _SKETCH_K]
    return tuple(int(x) for x in np.unique(mixed)[:_SKETCH_K])


@dataclass(frozen=True, slots=True)
class LineInfo:
    """One line of a record: its span and the 64-bit hash of its key within its source."""

    start: int
    end: int
    hash: int
    row: int  # index among the body's non-blank lines


@dataclass(frozen=True, slots=True)
class Prepared:
    """What :meth:`Boilerplate.observe` needs of one record (picklable, text-free)."""

    lines: tuple[LineInfo, ...]
    residue: tuple[tuple[int, int, str], ...]
    sketch: tuple[int, ...]
    residue_rows: frozenset[int] = frozenset()


def record_lines(body: str, source: str, max_line: int) -> list[LineInfo]:
    """The body's countable lines up to ``max_line`` characters, each line once per record
    (page furniture is dropped when a line is reported: ``layout.page-furniture`` owns it)."""
    out: list[LineInfo] = []
    seen: set[int] = set()
    for row, (a, b) in enumerate(line_spans(body)):
        if b - a > max_line:
            continue
        key = line_key(body[a:b])
        if not countable(key, body[a:b]):
            continue
        digest = hashlib.blake2b(f"{source}\0{key}".encode(), digest_size=8).digest()
        h = int.from_bytes(digest, "little")
        if h not in seen:
            seen.add(h)
            out.append(LineInfo(a, b, h, row))
    return out


def line_spans(body: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-blank line of ``body``, white space around it excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in body.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        while a < b and body[a] in _WS:
            a += 1
        while b > a and body[b - 1] in _WS:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def in_run(row: int, rows: set[int] | frozenset[int]) -> bool:
    """Line ``row`` has a furniture neighbour: the non-blank line above or below it is in
    ``rows`` (recurring or residue lines). Site furniture comes in blocks (menus, link
    lists, share bars); a recurring line alone between paragraphs is a standing heading
    (``TO THE EDITOR OF THE HERALD.``, ``日本——``) or a byline."""
    return row - 1 in rows or row + 1 in rows


class _Entry:
    """Recurrence of one line: distinct articles so far, their sketches and first ids."""

    __slots__ = ("count", "ids", "sketches")

    def __init__(self) -> None:
        self.count = 0
        self.sketches: list[tuple[int, ...]] = []
        self.ids: list[str] = []


@corpus_check("layout.boilerplate", severity="warning", fields=("body",))
class Boilerplate:
    """Site furniture in the body: link lists, share links, prompts, credits, recurring lines.

    Defect: the extractor kept what the site prints around every article (``Related: …``,
    ``相关阅读``, ``分享到``, ``Share this:``, ``SIGN UP FOR OUR NEWSLETTER``, ``Advertisement``,
    ``责任编辑：王某``, ``Credit: Getty Images``, navigation menus) in the article text.
    Example: a Readability.js extraction printing ``…seeped underground.CreditCreditChang W.
    Lee/The New York Times``; a boilerpipe body closing with ``Share this:``; a Chinese web
    body closing with ``责任编辑：刘光博``; the menu line ``Privacy Policy`` in 3 pages of a site.
    Rule: (a) a whole line the residue lexicon names (:mod:`copydesk.validators.residue`:
    related-links stubs, share or comment links, newsletter or follow prompts, advertisement
    stubs, editor credit lines, photo credit lines, copyright notices) or a photo credit
    glued to a sentence (``…text.CreditName/Agency``); (b) a line of at most ``max_line``
    characters whose normalized form (NFKC, case folded, letters, digits and ideographs
    only; 3+ letters or 2+ ideographs, not a lone function word) recurs in ``min_records``
    or more different articles of the same source (the record's ``source`` field, else its
    input file). Records count as one article when their sketches (the 4 smallest shingle
    hashes of their long lines) share a value, so one page through several extractors
    counts once. The message gives the recurrence count and the earlier records.
    Limits: recurrence is reported from the ``min_records``-th article on: the earlier
    occurrences are named in the message, not reported (the check streams). The table holds
    ``max_lines`` line hashes; when it fills, the lines seen in one article only are
    forgotten (lossy counting), so a line whose second article comes after a sweep starts
    counting again; when the recurring lines alone fill 90 % of it, new lines are not
    counted. Page-furniture lines
    are ``layout.page-furniture``'s. A short line every article of a source prints on
    purpose (a recurring column name) is reported too; ``--ignore layout.boilerplate`` or a
    per-source config is the way out. Residue glued inside a paragraph other than a photo
    credit is not found.
    """

    def __init__(
        self, *, min_records: int = 3, max_line: int = 200, max_lines: int = 100_000
    ) -> None:
        if min_records < 2:
            raise ValueError("min_records must be at least 2")
        self.min_records = min_records
        self.max_line = max_line
        self.max_lines = max_lines
        self._table: dict[int, _Entry] = {}
        self.sweeps = 0

    def prepare(self, record: ArticleRecord) -> Prepared | None:
        """The per-record half (run in the workers): lines, residue spans and the sketch."""
        body = record.body
        if not body:
            return None
        source = record.text("source") or record.input or ""
        residue = tuple((r.start, r.end, r.kind) for r in find_residue(body))
        lines = tuple(record_lines(body, source, self.max_line))
        spans = line_spans(body)
        starts = {a: row for row, (a, _b) in enumerate(spans)}
        rows = frozenset(starts[a] for a, _b, _k in residue if a in starts)
        return Prepared(lines, residue, article_sketch(body) if lines else (), rows)

    def __call__(self, record: ArticleRecord) -> Iterator[Hit]:
        return self.observe(record, self.prepare(record))

    def observe(self, record: ArticleRecord, prepared: Prepared | None) -> Iterator[Hit]:
        """Count the record's lines, then report its residue and its recurring lines."""
        if prepared is None:
            return iter(())
        counted = self._count(record, prepared)
        rows = {ln.row for ln in prepared.lines if (ln.start, ln.end) in counted}
        rows |= prepared.residue_rows
        row_of = {(ln.start, ln.end): ln.row for ln in prepared.lines}
        body = record.body or ""
        recurring = {
            k: v
            for k, v in counted.items()
            if in_run(row_of[k], rows) and not furniture(body[k[0] : k[1]])
        }
        source = record.text("source") or record.input or "the input"
        hits: list[Hit] = []
        done: list[tuple[int, int]] = []
        for start, end, kind in prepared.residue:
            extra = ""
            if (start, end) in recurring:
                count, ids = recurring.pop((start, end))
                extra = f"; {_recurrence(count, source, ids)}"
            hits.append(Hit("body", start, end, f"boilerplate ({kind}){extra}", "remove"))
            done.append((start, end))
        for (start, end), (count, ids) in recurring.items():
            if not any(a < end and start < b for a, b in done):
                message = f"boilerplate line: {_recurrence(count, source, ids)}"
                hits.append(Hit("body", start, end, message, "remove"))
        hits.sort(key=lambda h: (h.start, h.end))
        return iter(hits)

    def _count(
        self, record: ArticleRecord, prepared: Prepared
    ) -> dict[tuple[int, int], tuple[int, list[str]]]:
        """Add the record to the table; the spans of its lines now seen in ``min_records``
        or more articles, with the count and the ids of the first records."""
        out: dict[tuple[int, int], tuple[int, list[str]]] = {}
        sketch = set(prepared.sketch)
        rid = record.display_id or f"line {record.line}"
        for ln in prepared.lines:
            entry = self._table.get(ln.hash)
            if entry is None:
                if len(self._table) >= self.max_lines and not self._sweep():
                    continue
                entry = self._table[ln.hash] = _Entry()
            if entry.count < self.min_records:
                if any(sketch.intersection(s) for s in entry.sketches):
                    continue  # the same article again (another extractor, a re-crawl)
                entry.sketches.append(prepared.sketch)
                entry.ids.append(rid)
            entry.count += 1
            if entry.count >= self.min_records:
                out[(ln.start, ln.end)] = (entry.count, [i for i in entry.ids if i != rid])
        return out

    def _sweep(self) -> bool:
        """The table is full: forget the lines seen in one article only (lossy counting,
        Manku and Motwani 2002: the lines that recur stay). True when room was made."""
        self._table = {h: e for h, e in self._table.items() if e.count > 1}
        self.sweeps += 1
        return len(self._table) < self.max_lines * 9 // 10

    @property
    def lines_held(self) -> int:
        """Line hashes in the table."""
        return len(self._table)


def _recurrence(count: int, source: str, ids: list[str]) -> str:
    earlier = ", ".join(repr(i) for i in ids[:3])
    return f"recurs in {count} articles of source {source!r} (first in {earlier})"
