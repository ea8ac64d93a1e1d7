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
import heapq
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from copydesk.record import ArticleRecord
from copydesk.validators.duplicates import (
    char_shingle_hashes,
    fmix32,
    is_cjk_bytes,
    mixed_shingle_hashes,
    normalized_bytes,
)
from copydesk.validators.registry import Hit, corpus_check
from copydesk.validators.residue import find_residue
from copydesk.validators.scan import compiled_core, without_numpy
from copydesk.validators.text import DATELINE_AND_BYLINE_SOURCE, furniture

if TYPE_CHECKING:
    import numpy as np

_WS = " \t\r\f\v\u3000\u00a0\u200b\ufeff"
_NOT_WORD = re.compile(r"[\W_]+")
#: The ASCII characters :func:`line_key` drops (all but letters and digits), newline aside.
_ASCII_NOT_WORD = bytes(c for c in range(128) if not chr(c).isalnum() and c != 10)
#: Lines that recur in any prose and say nothing about a site.
_STOP = frozenset(
    "the and but for with from that this there what when which who why how not you your "
    "our his her its their was were are has have had said says yes no".split()
)
_SKETCH_K = 4
#: The compiled core (``copydesk._cscan``; ``None`` when not built or ``COPYDESK_PURE=1``)
_CORE = compiled_core()
#: An opening dateline on a line of its own: ``本报北京10月19日电``, ``新华社北京10月19日电
#: （记者王某）``, ``本报讯``. It names where and when a report was filed: one day's issue
#: prints the same one over several reports, and it is the article's text, not the site's.
_OPENING_DATELINE = re.compile(DATELINE_AND_BYLINE_SOURCE)
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
    return sketch_of(body, body.split("\n"), normalized_lines(body))


def normalized_lines(body: str) -> str | None:
    """NFKC of ``body``, white space removed, each newline kept as a NUL: the normalized lines
    of the body in one pass (NFKC never joins or splits across a newline). ``None`` for an
    ASCII body (nothing to normalize) and for a body holding a NUL."""
    if body.isascii() or "\0" in body:
        return None
    if unicodedata.is_normalized("NFKC", body):  # curly quotes, dashes: only white space to go
        return "".join(body.replace("\n", "\0").split())
    return normalized_bytes(body.replace("\n", "\0")).decode("utf-32-le", "surrogatepass")


@cache
def _word_table() -> np.ndarray:
    """Per code point of the BMP: kept by :func:`line_key` (``str.isalnum``); NUL too."""
    import numpy as np

    table = np.array([chr(c).isalnum() for c in range(0x10000)], dtype=bool)
    table[0] = True
    return table


def body_keys(body: str, lines: list[str], nfkc: str | None) -> list[str]:
    """:func:`line_key` of every line of ``lines`` (``body.split("\\n")``), computed over
    the whole body at once (``nfkc``: :func:`normalized_lines`)."""
    if body.isascii():  # NFKC keeps ASCII; lower() is its case folding
        keys = body.encode().translate(None, _ASCII_NOT_WORD).lower().decode().split("\n")
    elif nfkc is None:
        keys = [line_key(ln) for ln in lines]
    elif without_numpy(len(nfkc)):
        keys = [_NOT_WORD.sub("", k) for k in nfkc.casefold().split("\0")]
    else:
        import numpy as np

        folded = nfkc.casefold()
        cps = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), np.uint32)
        if cps.size and int(cps.max()) > 0xFFFF:
            keys = [_NOT_WORD.sub("", k) for k in folded.split("\0")]
        else:
            keys = cps[_word_table()[cps]].tobytes().decode("utf-32-le").split("\0")
    if len(keys) != len(lines):  # pragma: no cover - NFKC and case folding keep newlines
        keys = [line_key(ln) for ln in lines]
    return keys


def sketch_of(body: str, lines: list[str], nfkc: str | None) -> tuple[int, ...]:
    """:func:`article_sketch` of ``body`` (``lines``: its lines, ``nfkc``: its
    :func:`normalized_lines`)."""
    long = [
        i for i, ln in enumerate(lines) if len(ln) >= _LONG_LINE and len(ln.strip()) >= _LONG_LINE
    ]
    cps = _sketch_code_points(body, lines, nfkc, long)
    if not cps:
        return ()
    if _CORE is not None:  # the compiled core: one loop, the numpy path's values
        k = 5 if is_cjk_bytes(cps) else 8
        low = _CORE.smallest_mixed_shingles(memoryview(cps).cast("I"), k, 4 * _SKETCH_K)
        return tuple(sorted(set(low))[:_SKETCH_K])
    if without_numpy(len(cps) // 4):
        plain = mixed_shingle_hashes(array("I", cps), 5 if is_cjk_bytes(cps) else 8)
        return tuple(sorted(set(heapq.nsmallest(4 * _SKETCH_K, plain)))[:_SKETCH_K])
    import numpy as np

    arr = np.frombuffer(cps, np.uint32)
    mixed = fmix32(char_shingle_hashes(arr, 5 if is_cjk(arr) else 8))
    return tuple(sorted(set(smallest(mixed, 4 * _SKETCH_K)))[:_SKETCH_K])


def _sketch_code_points(body: str, lines: list[str], nfkc: str | None, long: list[int]) -> bytes:
    """:func:`normalized_code_points` of the ``long`` lines (the body when there are none)."""
    if nfkc is not None:
        parts = nfkc.split("\0")
        text = "".join(parts[i] for i in long) if long else "".join(parts)
    else:
        text = "\n".join(lines[i] for i in long) if long else body
        if not text.isascii():
            return normalized_bytes(text)
        text = "".join(text.split())  # NFKC keeps ASCII: only white space to remove
    return text.encode("utf-32-le", "surrogatepass")


@cache
def _cjk_table() -> np.ndarray:
    """Per code point of the BMP: kana, hangul or an ideograph (the ranges of
    :func:`copydesk.validators.duplicates.is_cjk_text`)."""
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)
    for first, last in ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF)):
        table[first : last + 1] = True
    return table


def is_cjk(cps: np.ndarray) -> bool:
    """:func:`copydesk.validators.duplicates.is_cjk_text` through one table look-up: CJK
    characters are at least a third of the first 2000 code points."""
    import numpy as np

    sample = cps[:2000]
    cjk = int(np.count_nonzero(_cjk_table()[np.minimum(sample, 0xFFFF)]))
    return len(sample) > 0 and 3 * cjk >= len(sample)


def smallest(values: np.ndarray, k: int) -> list[int]:
    """The ``k`` smallest of the 32-bit ``values`` (repeats kept), ascending. Mixed hashes
    are spread evenly: the values under a cut expected to hold ``4k`` of them are sorted
    alone, unless fewer than ``k`` are (then the whole array is partitioned)."""
    n = len(values)
    if n > 16 * k:
        low = values[values < (k << 34) // n]
        if len(low) >= k:
            return sorted(low.tolist())[:k]
    if n > k:
        import numpy as np

        values = np.partition(values, k)[:k]
    return sorted(values.tolist())


@dataclass(frozen=True, slots=True)
class Prepared:
    """What :meth:`Boilerplate.observe` needs of one record (picklable, text-free, compact:
    arrays of numbers, not one object per line)."""

    hashes: array  # "Q": the 64-bit hash of each counted line's key within its source
    spans: array  # "I": start, end and row (index among the non-blank lines) of each
    residue: tuple[tuple[int, int, str], ...]
    sketch: tuple[int, ...]
    residue_rows: frozenset[int] = frozenset()


def counted_lines(
    lines: list[str], keys: list[str], source: str, max_line: int, marked: set[int]
) -> tuple[array, array, frozenset[int]]:
    """The countable lines (of ``lines``, keyed by ``keys``) up to ``max_line`` characters,
    each line once per record (page furniture is dropped when a line is reported:
    ``layout.page-furniture`` owns it): their hashes and ``(start, end, row)`` spans; and the
    rows of the lines starting at an offset of ``marked`` (the residue)."""
    digests: list[bytes] = []
    spans = array("I")
    rows: list[int] = []
    seen: set[bytes] = set()
    prefix = f"{source}\0"
    blake2b = hashlib.blake2b
    pos = row = 0
    for line, key in zip(lines, keys, strict=True):
        start = pos
        pos += len(line) + 1
        t = line.strip(_WS)
        if not t:
            continue
        a = start if line[0] not in _WS else start + len(line) - len(line.lstrip(_WS))
        if marked and a in marked:
            rows.append(row)
        row += 1
        if len(t) > max_line:
            continue
        if len(key) > 2:  # countable(), without the call for the common case
            if key in _STOP or key.isdigit():
                continue
        elif not countable(key, t):
            continue
        digest = blake2b((prefix + key).encode(), digest_size=8).digest()
        if digest not in seen:
            seen.add(digest)
            digests.append(digest)
            spans.extend((a, a + len(t), row - 1))
    hashes = array("Q", b"".join(digests))  # int.from_bytes(digest, "little") each
    if sys.byteorder != "little":  # pragma: no cover
        hashes.byteswap()
    return hashes, spans, frozenset(rows)


def _own_text(line: str) -> bool:
    """A recurring line that is not the site's: page furniture (``layout.page-furniture``
    owns it) or an opening dateline (the report's own first words)."""
    return bool(furniture(line)) or _OPENING_DATELINE.fullmatch(line) is not None


def in_run(row: int, rows: set[int] | frozenset[int]) -> bool:
    """Line ``row`` has a furniture neighbour: the non-blank line above or below it is in
    ``rows`` (recurring or residue lines). Site furniture comes in blocks (menus, link
    lists, share bars); a recurring line alone between paragraphs is a standing heading
    (``TO THE EDITOR OF THE HERALD.``, ``日本——``) or a byline."""
    return row - 1 in rows or row + 1 in rows


class _Entry:
    """Recurrence of a line seen in two articles or more: distinct articles so far, their
    sketches and first ids. A line seen in one article only is held as the pair
    ``(sketch, id)`` (most lines are: a pair is cheaper to make and to keep)."""

    __slots__ = ("count", "ids", "sketches")

    def __init__(self, count: int, sketches: list[tuple[int, ...]], ids: list[str]) -> None:
        self.count = count
        self.sketches = sketches
        self.ids = ids


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
    related-links stubs, share or comment links, newsletter or follow prompts, syndication
    credits, pagination lines, widget labels, browser or script notices, advertisement stubs,
    editor credit lines, photo credit lines, copyright notices; a number alone beside a share
    bar, its counter) or residue glued inside a line (a photo credit
    ``…text.CreditName/Agency``, a forum's ``Last edited by name : date at time`` stamp, a
    ``[MUSIC]`` cue, a teaser's link label after its sentence end: ``…拉开帷幕。［详细］``,
    ``…狼狈。详情`` at a line end; shaped on the Sogou samples' teaser pages and cwced-gold: 101
    such labels, every one read and residue, the 7 of the sample judged true); (b) a line of at
    most ``max_line`` characters whose normalized form (NFKC, case folded, letters, digits and
    ideographs only; 3+ letters or 2+ ideographs, not a lone function word) recurs in
    ``min_records`` or more different articles of the same source (the record's ``source``
    field, else its input file). Records count as one article when their sketches (the 4
    smallest shingle hashes of their long lines) share a value, so one page through several
    extractors counts once. The message gives the recurrence count and the earlier records.
    Limits: recurrence is reported from the ``min_records``-th article on: the earlier
    occurrences are named in the message, not reported (the check streams). The table holds
    ``max_lines`` line hashes; when it fills, the lines seen in one article only are
    forgotten (lossy counting), so a line whose second article comes after a sweep starts
    counting again; when the recurring lines alone fill 90 % of it, new lines are not
    counted. Page-furniture lines
    are ``layout.page-furniture``'s. An opening dateline on a line of its own
    (``本报北京10月19日电``) is the report's text, not the site's, however often one day's
    issue prints it (held-out rmrb2025-pdf shaped this, making it a development source for
    this rule). The lexicon's issue-10 kinds (``Like us on Facebook``, ``This article
    originally appeared on …``, ``Next Page >> 1 2``, ``Loading Photo Gallery``, ``JavaScript
    is currently disabled in this browser.``, ``Tweet`` ⏎ ``4419111``) were shaped on np3k,
    a development source for this rule since. A short line every article of a source prints on
    purpose (a recurring column name) is reported too; ``--ignore layout.boilerplate`` or a
    per-source config is the way out. Residue glued inside a paragraph other than a photo
    credit, a dated forum edit stamp, a ``[MUSIC]`` cue or a teaser's link label is not
    found, nor a bare label inside a line (``。详情请见…`` is a sentence) or a bracketed one
    without a link word (``［主办方官方网站］``).
    """

    def __init__(
        self, *, min_records: int = 3, max_line: int = 200, max_lines: int = 100_000
    ) -> None:
        if min_records < 2:
            raise ValueError("min_records must be at least 2")
        self.min_records = min_records
        self.max_line = max_line
        self.max_lines = max_lines
        self._table: dict[int, _Entry | tuple[tuple[int, ...], str]] = {}
        self.sweeps = 0

    def prepare(self, record: ArticleRecord) -> Prepared | None:
        """The per-record half (run in the workers): lines, residue spans and the sketch."""
        body = record.body
        if not body:
            return None
        source = record.text("source") or record.input or ""
        residue = tuple((r.start, r.end, r.kind) for r in find_residue(body))
        marked = {a for a, _b, _k in residue}
        lines = body.split("\n")
        nfkc = normalized_lines(body)
        keys = body_keys(body, lines, nfkc)
        hashes, spans, rows = counted_lines(lines, keys, source, self.max_line, marked)
        sketch = sketch_of(body, lines, nfkc) if hashes else ()
        return Prepared(hashes, spans, residue, sketch, rows)

    def __call__(self, record: ArticleRecord) -> Iterator[Hit]:
        return self.observe(record, self.prepare(record))

    def observe(self, record: ArticleRecord, prepared: Prepared | None) -> Iterator[Hit]:
        """Count the record's lines, then report its residue and its recurring lines."""
        if prepared is None:
            return iter(())
        counted = self._count(record, prepared)
        hits = [
            Hit("body", start, end, f"boilerplate ({kind})", "remove")
            for start, end, kind in prepared.residue
        ]
        if counted:
            hits = self._recurring(record, prepared, counted)
        hits.sort(key=lambda h: (h.start, h.end))
        return iter(hits)

    def _recurring(
        self,
        record: ArticleRecord,
        prepared: Prepared,
        counted: dict[tuple[int, int], tuple[int, list[str], int]],
    ) -> list[Hit]:
        """The hits of a record with lines seen in ``min_records`` or more articles."""
        rows = {row for _count, _ids, row in counted.values()} | prepared.residue_rows
        body = record.body or ""
        recurring = {
            k: (count, ids)
            for k, (count, ids, row) in counted.items()
            if in_run(row, rows) and not _own_text(body[k[0] : k[1]])
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
        return hits

    def _count(
        self, record: ArticleRecord, prepared: Prepared
    ) -> dict[tuple[int, int], tuple[int, list[str], int]]:
        """Add the record to the table; the spans of its lines now seen in ``min_records``
        or more articles, with the count, the ids of the first records and the row."""
        out: dict[tuple[int, int], tuple[int, list[str], int]] = {}
        sketch = set(prepared.sketch)
        rid = record.display_id or f"line {record.line}"
        spans = prepared.spans
        table = self._table
        for n, h in enumerate(prepared.hashes):
            entry = table.get(h)
            if entry is None:  # first seen: one article
                if len(table) >= self.max_lines:
                    if not self._sweep():
                        continue
                    table = self._table
                table[h] = (prepared.sketch, rid)
                continue
            if isinstance(entry, tuple):  # seen in one article so far
                if not sketch.isdisjoint(entry[0]):
                    continue  # the same article again (another extractor, a re-crawl)
                entry = table[h] = _Entry(1, [entry[0]], [entry[1]])
            if entry.count < self.min_records:
                if any(not sketch.isdisjoint(s) for s in entry.sketches):
                    continue  # the same article again
                entry.sketches.append(prepared.sketch)
                entry.ids.append(rid)
            entry.count += 1
            if entry.count >= self.min_records:
                ids = [i for i in entry.ids if i != rid]
                out[(spans[3 * n], spans[3 * n + 1])] = (entry.count, ids, spans[3 * n + 2])
        return out

    def _sweep(self) -> bool:
        """The table is full: forget the lines seen in one article only (lossy counting,
        Manku and Motwani 2002: the lines that recur stay). True when room was made."""
        self._table = {h: e for h, e in self._table.items() if isinstance(e, _Entry)}
        self.sweeps += 1
        return len(self._table) < self.max_lines * 9 // 10

    @property
    def lines_held(self) -> int:
        """Line hashes in the table."""
        return len(self._table)


def _recurrence(count: int, source: str, ids: list[str]) -> str:
    earlier = ", ".join(repr(i) for i in ids[:3])
    return f"recurs in {count} articles of source {source!r} (first in {earlier})"
