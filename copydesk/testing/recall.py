"""Recall of the checks on raw text aligned to its gold (OverProof, British Library, the
article-extraction benchmark).

Three simple alignments, each a defect the checks own:

* **Column wraps** (OverProof, BL snippets: raw OCR and gold are aligned line by line). Gold
  line *i* continues into line *i+1* when it does not end a sentence (``. ! ? :`` and closing
  marks after them), line *i+1* is not blank, and the pair is not a heading in capitals
  followed by another capitals line; a BL gold line ending in ``¬`` (a hyphenated word) always
  continues. The same wrap exists after raw line *i*; it is found when a finding of
  ``sentence.line-break``, ``sentence.word-split``, ``date.split`` or ``figure.split`` (the
  family that owns a wrap inside a date or figure) covers the newline after raw line *i*.
* **Duplicated paragraphs** (extraction benchmark): a line of an extractor's output (40+
  characters, stripped) printed more often than the human gold prints it. Every surplus copy
  is one defect; it is found when a finding whose check id contains ``duplicate`` or
  ``repeat`` overlaps that copy.
* **Boilerplate lines** (extraction benchmark): a line of an extractor's output with a letter
  in it whose whitespace-folded text occurs nowhere in the (non-empty) gold of the page:
  menus, share prompts, credits, ``Advertisement``. It is found when a finding of the
  ``layout`` family, or of a check whose id contains ``boilerplate``, overlaps the line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from copydesk.findings import Finding
from copydesk.testing.corpora import overproof, real_world, run_converter
from copydesk.validators.text import ends_sentence

WRAP_CHECKS = ("sentence.line-break", "sentence.word-split", "date.split", "figure.split")
MIN_DUPLICATE_LINE = 40
_WS = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Recall:
    """Defects found of defects present."""

    found: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.found += hit
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.found / self.total if self.total else None

    def __str__(self) -> str:
        v = self.value
        return f"{'-' if v is None else f'{v:.3f}'} ({self.found}/{self.total})"


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def continuing_lines(gold: Sequence[str]) -> list[int]:
    """Indexes *i* whose break to gold line *i+1* lies inside a sentence (module doc)."""
    out = []
    for i in range(len(gold) - 1):
        line, nxt = gold[i].strip(), gold[i + 1].strip()
        if not line or not nxt:
            continue
        if line.endswith("¬"):
            out.append(i)
            continue
        if ends_sentence(line) or line.endswith(":"):
            continue
        if _caps(line) and not nxt[0].islower():
            continue
        out.append(i)
    return out


def newline_offsets(lines: Sequence[str]) -> list[int]:
    """Offset of the newline after each line of ``"\\n".join(lines)``."""
    ends, pos = [], 0
    for line in lines:
        pos += len(line)
        ends.append(pos)
        pos += 1
    return ends


def wrap_recall(pairs: Iterable[tuple[list[str], list[str]]]) -> Recall:
    """Recall of wraps inside sentences over (raw lines, gold lines) pairs (module doc)."""
    from copydesk.validators.registry import check_record

    rec = Recall()
    for raw, gold in pairs:
        if len(raw) != len(gold):
            continue  # not aligned: skipped, never guessed
        text = "\n".join(raw)
        ends = newline_offsets(raw)
        spans = [
            (f.start, f.end)
            for f in check_record({"id": "x", "body": text, "language": "en"}, select=WRAP_CHECKS)
        ]
        for i in continuing_lines(gold):
            rec.add(any(s <= ends[i] < e for s, e in spans))
    return rec


def overproof_pairs(dataset: str) -> list[tuple[list[str], list[str]]]:
    """(raw lines, gold lines) of every article of an OverProof file."""
    return [(a.raw_lines, a.gold_lines) for a in overproof(dataset)]


def bl_pairs() -> list[tuple[list[str], list[str]]]:
    """(raw OCR lines, gold lines) of every British Library snippet that has a gold."""
    recs = run_converter(("en", "hipe_ocrepair_bl_snippets"))
    return [(r["body"].split("\n"), r["gold"].split("\n")) for r in recs if r.get("gold")]


def _fold(s: str) -> str:
    return _WS.sub(" ", s).strip()


def line_spans(body: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of every non-blank line of ``body``."""
    out, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip()), line.strip()))
        pos += len(line) + 1
    return out


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < max(e, s + 1) for s, e in spans)


def duplicate_recall(
    body: str, gold: str, findings: Iterable[Finding], rec: Recall | None = None
) -> Recall:
    """Surplus copies of 40+ character lines (more copies than the gold has) found."""
    rec = rec or Recall()
    spans = [
        (f.start, f.end)
        for f in findings
        if f.field in ("body", "text") and ("duplicate" in f.check or "repeat" in f.check)
    ]
    gold_counts = Counter(_fold(x) for x in gold.split("\n") if x.strip())
    seen: Counter[str] = Counter()
    for start, end, text in line_spans(body):
        key = _fold(text)
        if len(key) < MIN_DUPLICATE_LINE:
            continue
        seen[key] += 1
        if seen[key] > max(1, gold_counts[key]):
            rec.add(_overlaps(spans, start, end))
    return rec


def boilerplate_recall(
    body: str, gold: str, findings: Iterable[Finding], rec: Recall | None = None
) -> Recall:
    """Lines absent from a non-empty gold (boilerplate) that a layout finding overlaps."""
    rec = rec or Recall()
    folded_gold = _fold(gold)
    if not folded_gold:
        return rec
    spans = [
        (f.start, f.end)
        for f in findings
        if f.field in ("body", "text") and (f.family == "layout" or "boilerplate" in f.check)
    ]
    for start, end, text in line_spans(body):
        if _LETTER.search(text) and _fold(text) not in folded_gold:
            rec.add(_overlaps(spans, start, end))
    return rec


def extraction_recall(extractor: str) -> dict[str, Recall]:
    """Duplicate and boilerplate recall of every check on one extractor's output."""
    from copydesk.engine import check_records

    gold = {r["id"].split("/")[0]: r["body"] for r in real_world("aeb-gold")}
    recs: list[dict[str, Any]] = real_world(f"aeb-{extractor}")
    _, findings = check_records(recs)
    by_record: dict[str, list[Finding]] = {}
    for f in findings:
        by_record.setdefault(str(f.record), []).append(f)
    dup, boiler = Recall(), Recall()
    for r in recs:
        fs = by_record.get(r["id"], [])
        page = gold.get(r["id"].split("/")[0], "")
        duplicate_recall(r["body"], page, fs, dup)
        boilerplate_recall(r["body"], page, fs, boiler)
    return {"duplicate": dup, "boilerplate": boiler}
