"""Frozen readers of the corpora the held-out batches and ``fixtures/overproof-en`` come from.

The fixtures store edit scripts against the corpus text, so that text must come out of
``../shared/corpora`` exactly as it did when the batch was built. These are copies of
:mod:`copydesk.testing.corpora`'s People's Daily 2019 and OverProof readers and of
``clean_english`` as of the build: a later change there (a new field, another paragraph rule)
must not silently change a fixture. The files under ``shared/corpora`` are byte-for-byte copies
of their origin (MANIFEST.md), and the cases carry a SHA-256 of the text, so a mismatch is
reported, never scored.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from copydesk.testing.corpora import corpus_path

_PD_META = re.compile(r"^(?:作者：(?P<author>.*?)\s+)?时间：(?P<date>\d{4}-\d{2}-\d{2})\s*$")
_OP_HEADER = re.compile(
    r"^\*\$\*OVERPROOF\*\$\*\s+(\d+)\s+year\s+(\d+)\s+type\s+\S+\s+title\s+(.*)$"
)


def _title_start(lines: list[str], meta: int) -> int:
    start = meta
    while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("\u3000"):
        start -= 1
    return start


@cache
def pd2019() -> dict[str, dict[str, Any]]:
    """People's Daily 2019 web articles by id (``pd2019-<file>-<nn>``); empty when absent."""
    folder = corpus_path("zh", "peoples_daily_web_2019")
    if folder is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        metas = [i for i, ln in enumerate(lines) if _PD_META.match(ln)]
        starts = [_title_start(lines, i) for i in metas]
        for n, i in enumerate(metas):
            title = [ln.strip() for ln in lines[starts[n] : i]]
            subtitle = title.pop() if len(title) > 1 and title[-1].startswith("——") else None
            headline = title.pop() if title else ""
            end = starts[n + 1] if n + 1 < len(metas) else len(lines)
            m = _PD_META.match(lines[i])
            assert m is not None
            rec: dict[str, Any] = {
                "id": f"pd2019-{path.stem}-{n + 1:02d}",
                "headline": headline,
                "published": m["date"],
                "source": "人民日报",
                "language": "zh",
                "body": "\n".join(lines[i + 1 : end]).strip("\n"),
            }
            if m["author"]:
                rec["byline"] = m["author"]
            if subtitle:
                rec["subheadline"] = subtitle
            if title:
                rec["kicker"] = " ".join(title)
            out[rec["id"]] = rec
    return out


@cache
def overproof_articles(dataset: str) -> dict[tuple[int, int], tuple[str, list[str], list[str]]]:
    """OverProof articles by (number, year): (title, raw OCR lines, corrected lines).

    As ``copydesk.testing.corpora.overproof`` read them when batches 1 and 2 were built (the
    page URL is cut off the title); a key named twice keeps the later article. Empty when
    the corpus is absent.
    """
    path = corpus_path("en", "overproof", f"{dataset}_allArticles.txt")
    if path is None:
        return {}
    out: dict[tuple[int, int], tuple[str, list[str], list[str]]] = {}
    raw: list[str] = []
    gold: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = _OP_HEADER.match(line)
        if m:
            title = re.sub(r"\s+https?://\S+$", "", m[3]).strip()
            raw, gold = [], []
            out[(int(m[1]), int(m[2]))] = (title, raw, gold)
            continue
        if out and "||@@||" in line:
            parts = line.split("||@@||")
            raw.append(parts[0])
            gold.append(parts[1] if len(parts) > 1 else "")
    return out


@cache
def overproof_gold(dataset: str) -> dict[int, tuple[int, list[str]]]:
    """OverProof articles by number: (year, corrected lines); empty when absent."""
    path = corpus_path("en", "overproof", f"{dataset}_allArticles.txt")
    if path is None:
        return {}
    out: dict[int, tuple[int, list[str]]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = _OP_HEADER.match(line)
        if m:
            current = []
            out[int(m[1])] = (int(m[2]), current)
            continue
        if current is not None and "||@@||" in line:
            parts = line.split("||@@||")
            current.append(parts[1] if len(parts) > 1 else "")
    return out


def is_caps_line(line: str) -> bool:
    """A line mostly in capitals (a heading of an old newspaper)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip("”’\"')]")
    return bool(s) and s[-1] in ".!?"


def clean_english(gold_lines: list[str]) -> str:
    """Corrected lines joined into paragraphs, as ``copydesk.testing.corpora.clean_english``
    did when batch 3 was built (see its docstring for the rules)."""
    paras: list[str] = []
    cur = ""
    for k, raw in enumerate(gold_lines):
        line = raw.strip()
        nxt = gold_lines[k + 1].strip() if k + 1 < len(gold_lines) else ""
        if not line:
            if cur and not (_ends_sentence(cur) or cur.endswith(":")):
                continue
            if cur:
                paras.append(cur)
            cur = ""
            continue
        if cur.endswith("-") and line[:1].isalpha():
            cur = cur[:-1] + line
            continue
        if is_caps_line(line) and line[-1] not in "-," and not nxt[:1].islower():
            if cur:
                paras.append(cur)
            paras.append(line)
            cur = ""
            continue
        cur = f"{cur} {line}" if cur else line
    if cur:
        paras.append(cur)
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in paras)
