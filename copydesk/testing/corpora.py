"""Loaders for the public corpora copydesk is measured on (``shared/corpora``, see MANIFEST.md).

The corpora are not shipped with copydesk. :func:`shared_dir` finds them: the
``COPYDESK_SHARED`` environment variable, else a ``shared`` folder beside the repository.
Callers (tests, benchmarks) skip cleanly when it returns ``None``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    """The ``shared`` folder holding ``corpora/``, or ``None`` where it is absent."""
    candidates = []
    if os.environ.get("COPYDESK_SHARED"):
        candidates.append(Path(os.environ["COPYDESK_SHARED"]))
    candidates += [_REPO.parent / "shared", _REPO / "shared", Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "corpora").is_dir():
            return c
    return None


def corpus_path(*parts: str) -> Path | None:
    """A path under ``shared/corpora``, or ``None`` when the corpus or the file is absent."""
    base = shared_dir()
    if base is None:
        return None
    p = base.joinpath("corpora", *parts)
    return p if p.exists() else None


_PD_META = re.compile(r"^(?:作者：(?P<author>.*?)\s+)?时间：(?P<date>\d{4}-\d{2}-\d{2})\s*$")


def _title_block(lines: list[str], meta: int) -> int:
    """Index of the first line of the title block that ends just above line ``meta``."""
    start = meta
    while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("\u3000"):
        start -= 1
    return start


def peoples_daily_2019() -> list[dict[str, Any]]:
    """The clean People's Daily web articles of 2019 as article records.

    Each file holds articles as: a title block (an optional kicker line, the title, an
    optional ``——`` subtitle), a ``[作者：…] 时间：YYYY-MM-DD`` line, then full-width-indented
    paragraphs separated by blank lines. The body keeps the text exactly (indents and blank
    lines included), stripped of the blank lines around it. The kicker goes to ``kicker``.
    """
    folder = corpus_path("zh", "peoples_daily_web_2019")
    if folder is None:
        return []
    records: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        metas = [i for i, ln in enumerate(lines) if _PD_META.match(ln)]
        starts = [_title_block(lines, i) for i in metas]
        for n, i in enumerate(metas):
            title = [ln.strip() for ln in lines[starts[n] : i]]
            subtitle = title.pop() if len(title) > 1 and title[-1].startswith("——") else None
            headline = title.pop() if title else ""
            end = starts[n + 1] if n + 1 < len(metas) else len(lines)
            body = "\n".join(lines[i + 1 : end]).strip("\n")
            m = _PD_META.match(lines[i])
            assert m is not None
            rec: dict[str, Any] = {
                "id": f"pd2019-{path.stem}-{n + 1:02d}",
                "headline": headline,
                "published": m["date"],
                "source": "人民日报",
                "language": "zh",
                "body": body,
            }
            if m["author"]:
                rec["byline"] = m["author"]
            if subtitle:
                rec["subheadline"] = subtitle
            if title:
                rec["kicker"] = " ".join(title)
            records.append(rec)
    return records


@dataclass
class OverProofArticle:
    """One OverProof article: the raw OCR lines and the human-corrected lines, aligned."""

    dataset: str
    number: int
    year: int | None
    title: str
    raw_lines: list[str] = field(default_factory=list)
    gold_lines: list[str] = field(default_factory=list)


_OP_HEADER = re.compile(
    r"^\*\$\*OVERPROOF\*\$\*\s+(\d+)\s+year\s+(\d+)\s+type\s+\S+\s+title\s+(.*)$"
)


def overproof(dataset: str = "dataset3_chroniclingamerica") -> list[OverProofArticle]:
    """Articles of an OverProof evaluation file (``raw ||@@|| gold ||@@|| overproof`` lines)."""
    path = corpus_path("en", "overproof", f"{dataset}_allArticles.txt")
    if path is None:
        return []
    articles: list[OverProofArticle] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = _OP_HEADER.match(line)
        if m:
            title = re.sub(r"\s+https?://\S+$", "", m[3]).strip()
            articles.append(OverProofArticle(dataset, int(m[1]), int(m[2]), title))
            continue
        if not articles or "||@@||" not in line:
            continue
        parts = line.split("||@@||")
        articles[-1].raw_lines.append(parts[0])
        articles[-1].gold_lines.append(parts[1] if len(parts) > 1 else "")
    return articles


def is_caps_line(line: str) -> bool:
    """A line mostly in capitals (a heading of an old newspaper)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip("”’\"')]")
    return bool(s) and s[-1] in ".!?"


def clean_english(gold_lines: list[str]) -> str:
    """An OverProof article's corrected lines joined into paragraphs (``\\n\\n`` between).

    The corrected side keeps the page's column wraps and hyphenation, so: a blank corrected
    line ends a paragraph only after a sentence end or ``:`` (elsewhere it is an artefact and
    is skipped); a line in capitals that does not end in ``-`` or ``,`` and is not followed by
    a lower-case line is a heading paragraph of its own; a line ending in ``-`` is joined to a
    next line that starts with a letter, without the hyphen; other lines are joined with one
    space; runs of spaces become one. The held-out fixtures and the clean-corpus test use it.
    """
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
