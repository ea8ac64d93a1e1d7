"""Build the held-out extraction fixtures in ``fixtures/extracted/``.

Clean articles (People's Daily 2019 web text, OverProof corrected English) are typeset as
multi-column newspaper pages in HTML, printed to PDF by headless Chromium and read back by
four real PDF text extractors. The labels come from aligning each extraction to the text that
was typeset (never from running copydesk): every whitespace run of the extraction that the
source does not have is a defect, owned by one family (see ``fixtures/extracted/README.md``).
Each case is stored as ``case.json`` by ``b3_store`` (an edit script against the corpus text,
labels without text, SHA-256 hashes), so no article text enters the repository.

Needs: ``chromium``, ``fonts-noto-cjk``, ``poppler-utils`` (Debian) and the Python packages
``pdfminer.six``, ``pypdf``, ``pymupdf`` (the ``bench`` extra). Run from the repository root:

    python benchmarks/heldout/make_cases.py [--keep-pdf DIR] [--only ID]
    python benchmarks/heldout/make_cases.py --batch 2 --out fixtures/extracted-b2

``--batch 2`` builds a second, fresh batch: articles disjoint from batch 1 (by id and by body
text), drawn by a fixed seed from strata (see ``b2_zh_ids``/``b2_en_keys``); same layouts,
printing and extractors. Batch 1 (the default) is built exactly as before.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import itertools
import json
import logging
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks.heldout import b3_store  # noqa: E402
from copydesk.testing.corpora import is_caps_line, overproof, peoples_daily_2019  # noqa: E402
from copydesk.validators.numbers import date_spans, figure_spans  # noqa: E402

OUT = REPO / "fixtures" / "extracted"

ZH_IDS = [
    "pd2019-1-06",  # byline line in the body, 一是/二是/三是 list, figures
    "pd2019-1-11",  # subheads, figures
    "pd2019-2-09",  # quoted headline, subheads, several dates
    "pd2019-2-16",  # quotations, a figure
    "pd2019-11-11",  # subheads, quotations (第一现场)
    "pd2019-4-10",  # phone call report, no byline
    "pd2019-8-07",  # quotations, dates
    "pd2019-8-11",  # subheads, many dates
    "pd2019-8-12",  # subheads, a figure
    "pd2019-9-19",  # many quotation marks
    "pd2019-10-13",  # subheads, dates
    "pd2019-11-07",  # quotations, dates, a figure
]
EN_KEYS = [(3, 1871), (7, 1871), (9, 1872), (3, 1895), (11, 1897), (8, 1922)]

# Batch 2 (fresh articles, drawn once by a fixed seed; nobody tuned a check on them)
B2_SEED = 20192
B2_ZH_COUNT = 10
B2_EN_COUNT = 4
B2_ZH_LEN = (650, 1500)  # body characters: like batch 1, and keeps the batch small


def _zh_features(body: str) -> dict[str, bool]:
    paras = _zh_paragraphs(body)
    return {
        "subheads": sum(_is_subhead(p, "zh") for p in paras) >= 2,
        "list": bool(re.search(r"一是|二是|首先|其次|第一，|（一）", body)),
        "quotes": body.count("\u201c") >= 5,
        "dateline": bool(re.search(r"电[\u3000 ]", body[:40])),
    }


def b2_zh_ids() -> list[str]:
    """10 People's Daily ids, none in batch 1 nor with a batch-1 (or each other's) body.

    Strata (subheads, list, quotes, dateline) are visited in turn; each turn draws one
    article of that stratum (seeded), so every kind is represented.
    """
    recs = peoples_daily_2019()
    taken = {r["body"] for r in recs if r["id"] in ZH_IDS}
    lo, hi = B2_ZH_LEN
    cands = [r for r in recs if r["id"] not in ZH_IDS and lo <= len(r["body"]) <= hi]
    rng = random.Random(B2_SEED)
    picked: list[str] = []
    for kind in itertools.cycle(("subheads", "list", "quotes", "dateline")):
        if len(picked) >= B2_ZH_COUNT:
            break
        pool = [r for r in cands if r["body"] not in taken and _zh_features(r["body"])[kind]]
        if not pool:
            continue
        rec = rng.choice(pool)
        taken.add(rec["body"])
        picked.append(rec["id"])
    return picked


def b2_en_keys() -> list[tuple[int, int]]:
    """4 OverProof articles not in batch 1: one per paper of batch 1, then one more (seeded).

    Only years with a known issue date (``EN_DATES``) and (number, year) keys naming one
    article; 25-110 gold lines.
    """
    arts = overproof()
    count: dict[tuple[int, int], int] = {}
    for a in arts:
        count[(a.number, a.year)] = count.get((a.number, a.year), 0) + 1
    cands = sorted(
        {
            (a.number, a.year)
            for a in arts
            if count[(a.number, a.year)] == 1
            and (a.number, a.year) not in EN_KEYS
            and a.year in EN_DATES
            and 25 <= len(a.gold_lines) <= 110
        }
    )
    paper = {(a.number, a.year): a.title for a in arts}
    rng = random.Random(B2_SEED)
    picked: list[tuple[int, int]] = []
    for title in sorted({paper[k] for k in cands}):
        picked.append(rng.choice([k for k in cands if paper[k] == title]))
    rest = [k for k in cands if k not in picked]
    while len(picked) < B2_EN_COUNT and rest:
        picked.append(rest.pop(rng.randrange(len(rest))))
    return picked


EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pypdf", "pymupdf")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--no-pdf-header-footer",
]
WEEKDAYS_ZH = "一二三四五六日"

# ---------------------------------------------------------------------------------------
# clean English text: copydesk.testing.corpora.clean_english, shared with
# tests/test_clean_corpora.py


# ---------------------------------------------------------------------------------------
# articles -> pages


@dataclass
class Page:
    """One typeset page: the clean record, the HTML, and the typeset text in reading order."""

    case: str
    lang: str
    record: dict[str, Any]
    layout: dict[str, Any]
    furniture: str  # the running head (without the page number)
    pieces: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    html: str = ""
    ref: dict[str, Any] = field(default_factory=dict)  # the record in the corpora (b3_store)


def _zh_paragraphs(body: str) -> list[str]:
    return [p.strip(" \u3000") for p in re.split(r"\n+", body) if p.strip(" \u3000")]


def _is_subhead(p: str, lang: str) -> bool:
    if lang == "zh":
        return len(p) <= 30 and p[-1] not in "。！？”…"
    return is_caps_line(p) and len(p) <= 80


def _box_paras(paras: list[str], lang: str) -> list[int]:
    lo, hi = (30, 160) if lang == "zh" else (80, 420)
    cand = [i for i, p in enumerate(paras) if lo <= len(p) <= hi and not _is_subhead(p, lang)]
    if len(cand) < 2:
        cand = [i for i, p in enumerate(paras) if not _is_subhead(p, lang)]
    return [cand[0], cand[len(cand) // 2 if len(cand) > 2 else 1]][:2]


def _layout(n: int) -> dict[str, Any]:
    cols = (2, 3, 4)[n % 3]
    return {
        "columns": cols,
        "font_pt": (9.5, 9.0, 8.5)[n % 3],
        "gap_mm": (6, 5, 4)[n % 3],
        "box": ("end", "middle")[n % 2],
        "line_height": (1.5, 1.45, 1.4)[(n // 3) % 3],
    }


CSS = """
@page {{ size: A4; margin: 20mm 14mm 16mm 14mm;
  @top-center {{ content: "{furniture}" counter(page); font-size: 8.5pt;
                 border-bottom: 0.5pt solid #000; }} }}
html {{ font-family: {fonts}; font-size: {font_pt}pt; line-height: {line_height}; }}
body {{ margin: 0; }}
.kicker {{ font-size: 11pt; text-align: center; margin: 0 0 1mm 0; }}
h1 {{ font-size: {h1_pt}pt; text-align: center; margin: 0 0 1mm 0; line-height: 1.25; }}
.sub {{ font-size: 12pt; text-align: center; margin: 0 0 1mm 0; }}
.byline {{ text-align: center; font-size: 10pt; margin: 0 0 3mm 0; }}
.cols {{ column-count: {columns}; column-gap: {gap_mm}mm; column-rule: 0.3pt solid #888;
  text-align: justify; hyphens: auto; }}
.cols p {{ text-indent: 2em; margin: 0; }}
.cols p.subhead {{ text-indent: 0; font-weight: bold; text-align: left; margin: 1mm 0; }}
.box {{ column-span: all; border: 0.8pt solid #000; padding: 2mm 3mm; margin: 3mm 0;
  background: #eee; font-family: {box_fonts}; }}
.box p {{ margin: 0 0 1mm 0; text-indent: 0; }}
"""


def _h1_size(text: str, lang: str) -> float:
    width_pt = (210 - 28) / 25.4 * 72
    per_char = 1.0 if lang == "zh" else 0.55
    return round(max(12.0, min(24.0, width_pt / max(1, len(text)) / per_char * 0.95)), 1)


def build_page(rec: dict[str, Any], lang: str, n: int, furniture: str) -> Page:
    lay = _layout(n)
    page = Page(rec["id"], lang, rec, lay, furniture)
    pieces = page.pieces
    parts: list[str] = []
    esc = html.escape
    if rec.get("kicker"):
        pieces.append(("headline", rec["kicker"]))
        parts.append(f'<p class="kicker">{esc(rec["kicker"])}</p>')
    if rec.get("headline"):
        pieces.append(("headline", rec["headline"]))
        h1 = _h1_size(rec["headline"], lang)
        parts.append(f'<h1 style="font-size:{h1}pt">{esc(rec["headline"])}</h1>')
    if rec.get("subheadline"):
        pieces.append(("headline", rec["subheadline"]))
        parts.append(f'<p class="sub">{esc(rec["subheadline"])}</p>')
    if rec.get("byline"):
        by = "本报记者 " + " ".join(rec["byline"].split(";")) if lang == "zh" else rec["byline"]
        pieces.append(("byline", by))
        parts.append(f'<p class="byline">{esc(by)}</p>')
    paras = _zh_paragraphs(rec["body"]) if lang == "zh" else rec["body"].split("\n\n")
    mark = "■" if lang == "zh" else "■ "
    if len(paras) >= 2:
        box_texts = [mark + paras[i] for i in _box_paras(paras, lang)]
    else:  # one long paragraph: its first two sentences
        sents = re.findall(r".+?[.!?](?:\s|$)", paras[0])
        box_texts = [mark + sents[0].strip(), mark + sents[1].strip()]
    box_html = '<div class="box">' + "".join(f"<p>{esc(t)}</p>" for t in box_texts) + "</div>"
    middle = len(paras) // 2 if lay["box"] == "middle" else None
    parts.append('<div class="cols">')
    for i, p in enumerate(paras):
        if i == middle:
            parts.append(box_html)
            pieces += [("box", t) for t in box_texts]
        cls = ' class="subhead"' if _is_subhead(p, lang) else ""
        parts.append(f"<p{cls}>{esc(p)}</p>")
        pieces.append(("body", p))
    parts.append("</div>")
    if middle is None:
        parts.append(box_html)
        pieces += [("box", t) for t in box_texts]
    if lang == "zh":
        fonts = '"Noto Serif CJK SC", serif'
        box_fonts = '"Noto Sans CJK SC", sans-serif'
    else:
        fonts = '"DejaVu Serif", "Liberation Serif", serif'
        box_fonts = '"DejaVu Sans", sans-serif'
    css = CSS.format(
        furniture=furniture.replace('"', '\\"'),
        fonts=fonts,
        box_fonts=box_fonts,
        h1_pt=18,
        **lay,
    )
    hl = "zh-CN" if lang == "zh" else "en"
    page.html = (
        f'<!DOCTYPE html><html lang="{hl}"><head><meta charset="utf-8">'
        f"<title>{esc(rec['id'])}</title><style>{css}</style></head><body>"
        + "".join(parts)
        + "</body></html>"
    )
    return page


def zh_pages(ids: list[str] | None = None) -> list[Page]:
    pages = []
    for n, rid in enumerate(ZH_IDS if ids is None else ids):
        ref = {"corpus": "peoples_daily_2019", "id": rid}
        rec = b3_store.source_record(ref)
        assert rec is not None, "../shared/corpora is absent"
        d = dt.date.fromisoformat(rec["published"])
        furniture = f"人民日报 {d.year}年{d.month}月{d.day}日 星期{WEEKDAYS_ZH[d.weekday()]} 要闻 "
        pages.append(build_page(rec, "zh", n, furniture))
        pages[-1].ref = ref
    return pages


# issue dates for the running heads (1922: from the page URL)
EN_DATES = {1871: (9, 4), 1872: (4, 3), 1895: (11, 12), 1897: (6, 22), 1922: (3, 8)}


def en_pages(keys: list[tuple[int, int]] | None = None, offset: int | None = None) -> list[Page]:
    pages = []
    for n, (number, year) in enumerate(EN_KEYS if keys is None else keys):
        ref = {"corpus": f"overproof/{b3_store.D3_DATASET}", "number": number, "year": year}
        rec = b3_store.source_record(ref)
        assert rec is not None, "../shared/corpora is absent"
        month, day = EN_DATES[year]
        d = dt.date(year, month, day)
        paper = re.sub(r"CARIRO", "CAIRO", b3_store.d3_title(number, year))
        furniture = (
            f"{paper}, {calendar.day_name[d.weekday()].upper()}, "
            f"{calendar.month_name[d.month].upper()} {d.day}, {d.year}. PAGE "
        )
        base = len(ZH_IDS) if offset is None else offset
        pages.append(build_page(rec, "en", n + base, furniture))
        pages[-1].ref = ref
    return pages


# ---------------------------------------------------------------------------------------
# PDF and extraction


def print_pdf(page: Page, workdir: Path) -> Path:
    src = workdir / f"{page.case}.html"
    src.write_text(page.html, encoding="utf-8")
    pdf = workdir / f"{page.case}.pdf"
    cmd = ["chromium", *CHROMIUM_FLAGS, f"--print-to-pdf={pdf}", src.as_uri()]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    return pdf


def extract(pdf: Path, name: str) -> str:
    if name == "pdftotext":
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    if name == "pdftotext-layout":
        return subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
    if name == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    if name == "pypdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    if name == "pymupdf":
        import pymupdf

        with pymupdf.open(str(pdf)) as doc:
            return "".join(p.get_text() for p in doc)
    raise ValueError(name)


def versions() -> dict[str, str]:
    import pdfminer
    import pymupdf
    import pypdf

    def first_line(cmd: list[str]) -> str:
        r = subprocess.run(cmd, capture_output=True, text=True)
        return (r.stdout or r.stderr).strip().splitlines()[0]

    return {
        "chromium": first_line(["chromium", "--version"]),
        "pdftotext": first_line(["pdftotext", "-v"]),
        "pdfminer.six": pdfminer.__version__,
        "pypdf": pypdf.__version__,
        "pymupdf": pymupdf.VersionBind,
        "fonts-noto-cjk": first_line(["dpkg-query", "-W", "-f=${Version}", "fonts-noto-cjk"]),
    }


# ---------------------------------------------------------------------------------------
# alignment and labels

_BREAK = re.compile(r"[^ \t\u00a0\u3000]")  # a whitespace char that breaks a line
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf]")
_ZH_PUNCT = set("，。、；：？！“”‘’《》（）【】「」『』—…·■〈〉％")
_COMPAT = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_CLOSERS = "”’」』）》)]\"'"
_EN_ABBR = {
    "mr", "mrs", "dr", "st", "gen", "col", "capt", "lieut", "gov", "sen", "rep", "hon", "rev",
    "messrs", "jr", "sr", "co", "no", "vs", "prof", "maj", "sergt", "supt", "ft", "mt", "esq",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inst", "ult",
}  # fmt: skip


def _zhlike(ch: str) -> bool:
    return bool(_HAN.match(ch)) or ch in _ZH_PUNCT or "\uff01" <= ch <= "\uff5e"


@dataclass
class Ref:
    """The typeset text without whitespace: one entry per non-white character."""

    chars: str
    piece: list[int]  # index into pieces
    gap: list[str]  # whitespace after char i inside its piece; "\n" at a piece end
    owner: list[tuple[str, int, int] | None]  # (family, span id, ...) of the gap after char i
    span_chars: dict[int, list[int]]  # span id -> ref char indices


def build_ref(pieces: list[tuple[str, str]]) -> Ref:
    chars: list[str] = []
    piece: list[int] = []
    gap: list[str] = []
    owner: list[tuple[str, int, int] | None] = []
    span_chars: dict[int, list[int]] = {}
    sid = 0
    for k, (_kind, text) in enumerate(pieces):
        idx: dict[int, int] = {}
        for i, ch in enumerate(text):
            if ch.isspace():
                if gap:
                    gap[-1] += ch
                continue
            idx[i] = len(chars)
            chars.append(unicodedata.normalize("NFKC", ch)[:1] or ch)
            piece.append(k)
            gap.append("")
            owner.append(None)
        if gap:
            gap[-1] = "\n"
        spans = [("date", s, e) for s, e in date_spans(text)]
        dated = [(s, e) for _, s, e in spans]
        spans += [
            ("figure", s, e)
            for s, e in figure_spans(text)
            if not any(s < de and ds < e for ds, de in dated)
        ]
        for fam, s, e in spans:
            members = [idx[i] for i in range(s, e) if i in idx]
            span_chars[sid] = members
            for a, b in itertools.pairwise(members):
                owner[a] = (fam, sid, b)
            sid += 1
    return Ref("".join(chars), piece, gap, owner, span_chars)


def _sentence_end(ref: Ref, i: int, lang: str) -> bool:
    """True when ref char ``i`` ends a sentence (closers after the mark allowed)."""
    j = i
    while j >= 0 and ref.chars[j] in _CLOSERS and ref.piece[j] == ref.piece[i]:
        j -= 1
    if j < 0:
        return False
    if ref.chars[j] in "。！？!?…":
        return True
    if ref.chars[j] != ".":
        return False
    if lang == "zh":
        return False
    # English: not after an abbreviation or an initial, and a capital (or quote) follows
    k = j - 1
    while k >= 0 and ref.chars[k].isalpha() and ref.gap[k] == "" and ref.piece[k] == ref.piece[j]:
        k -= 1
    word = ref.chars[k + 1 : j]
    if word.lower() in _EN_ABBR or (len(word) == 1 and word.isupper()):
        return False
    nxt = ref.chars[i + 1] if i + 1 < len(ref.chars) else "A"
    return nxt.isupper() or nxt.isdigit() or nxt in "“\"'‘"


def align(ext: str, ref: Ref, skip: set[int]) -> dict[int, int]:
    """Map extraction indices of non-white characters to ref indices, segment by segment.

    A segment is a stretch of the extraction between line breaks or runs of 2+ spaces; it is
    looked up (without its spaces, NFKC per character) in the ref, preferring the place where
    the previous segment ended, then an unused place nearest after it.
    """
    segs: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+|\s+", ext):
        tok = m.group()
        if tok.isspace():
            if _BREAK.search(tok) or len(tok) >= 2:
                if cur:
                    segs.append(cur)
                cur = []
            continue
        for k, ch in enumerate(tok):
            i = m.start() + k
            if i in skip:
                if cur:
                    segs.append(cur)
                cur = []
                continue
            for nch in unicodedata.normalize("NFKC", ch) or ch:
                cur.append((i, nch))
    if cur:
        segs.append(cur)
    mapping: dict[int, int] = {}
    used = [False] * len(ref.chars)
    cursor = 0
    for seg in segs:
        s = "".join(c for _, c in seg)
        trimmed = 0
        pos = _find(ref.chars, s, cursor, used)
        if pos is None and s.endswith("-") and len(s) > 1:
            trimmed = 1
            pos = _find(ref.chars, s[:-1], cursor, used)
        if pos is None:
            pos = _fuzzy(ref.chars, seg, cursor, mapping, used)
            if pos is not None:
                cursor = pos
            continue
        for k, (i, _) in enumerate(seg[: len(seg) - trimmed]):
            if i not in mapping:
                mapping[i] = pos + k
                used[pos + k] = True
        cursor = pos + len(s) - trimmed
    return mapping


_RADICAL = re.compile(r"[\u2e80-\u2eff]")  # CJK radicals supplement: no NFKC mapping
_WILD = "[\u3400-\u4dbf\u4e00-\u9fff]"


def _find(hay: str, s: str, cursor: int, used: list[bool]) -> int | None:
    if not s:
        return None
    if _RADICAL.search(s):  # a radical stands for some ideograph: match it as a wildcard
        pat = re.compile("".join(_WILD if _RADICAL.match(c) else re.escape(c) for c in s))
        m = pat.match(hay, cursor)
        if m and not used[cursor]:
            return cursor
        occ = [m.start() for m in pat.finditer(hay)]
    else:
        if hay.startswith(s, cursor) and not used[cursor]:
            return cursor
        occ = []
        p = hay.find(s)
        while p >= 0:
            occ.append(p)
            p = hay.find(s, p + 1)
    if not occ:
        return None
    free = [p for p in occ if not any(used[p : p + len(s)])]
    pool = free or occ
    after = [p for p in pool if p >= cursor]
    if len(s) < 3 and not after:
        return None
    return min(after) if after else min(pool, key=lambda p: abs(p - cursor))


def _fuzzy(
    hay: str, seg: list[tuple[int, str]], cursor: int, mapping: dict[int, int], used: list[bool]
) -> int | None:
    """Map a segment that is not found whole: its longest exact pieces (>= 2 chars)."""
    s = "".join(c for _, c in seg)
    k = 0
    last = None
    while k < len(s):
        best = None
        for n in range(len(s) - k, 1, -1):
            pos = _find(hay, s[k : k + n], cursor if last is None else last, used)
            if pos is not None:
                best = (n, pos)
                break
        if best is None:
            k += 1
            continue
        n, pos = best
        for j in range(n):
            i = seg[k + j][0]
            if i not in mapping:
                mapping[i] = pos + j
                used[pos + j] = True
        last = pos + n
        k += n
    return last


def find_furniture(ext: str, furniture: str) -> list[tuple[int, int]]:
    """Spans of the running head (with its page number) in the extraction."""
    nw = [(i, unicodedata.normalize("NFKC", c)[:1]) for i, c in enumerate(ext) if not c.isspace()]
    s = "".join(c for _, c in nw)
    pat = "".join(
        f"(?:{re.escape(c)}|[\u2e80-\u2eff])" if _HAN.match(c) else re.escape(c)
        for c in "".join(furniture.split())
    )
    return [(nw[m.start()][0], nw[m.end() - 1][0] + 1) for m in re.finditer(pat + r"\d{1,2}", s)]


def label(ext: str, page: Page, ref: Ref, rid: str) -> tuple[list[dict], list[dict], dict]:
    """Labels (with their text) and the unlabelled differences (for the record)."""
    labels: list[dict] = []
    other: list[dict] = []
    stats: dict[str, int] = {}

    def add(fam: str, check: str, s: int, e: int, note: str) -> None:
        labels.append(
            {
                "record": rid,
                "family": fam,
                "check": check,
                "field": "body",
                "start": s,
                "end": e,
                "text": ext[s:e],
                "note": note,
            }
        )

    def unowned(kind: str, s: int, e: int) -> None:
        other.append({"kind": kind, "start": s, "end": e, "text": ext[s:e]})
        stats[kind] = stats.get(kind, 0) + 1

    furn = find_furniture(ext, page.furniture)
    skip: set[int] = set()
    for s, e in furn:
        skip.update(range(s, e))
        add("layout", "layout.page-furniture", s, e, "running head")
    mapping = align(ext, ref, skip)

    # box copies: ■ to the last character of each box paragraph
    for k, (kind, _t) in enumerate(page.pieces):
        if kind != "box":
            continue
        idx = sorted(i for i, r in mapping.items() if ref.piece[r] == k)
        if idx:
            add("quote", "quote.pull-quote-in-body", idx[0], idx[-1] + 1, "box copy")
    # compatibility characters
    for m in re.finditer(f"{_COMPAT.pattern}+", ext):
        codes = " ".join(f"{ord(c):04X}" for c in m.group())
        fixed = unicodedata.normalize("NFKC", m.group())
        add("encoding", "encoding.compat-char", *m.span(), f"{codes}={fixed}")
    # characters of the ref never found (lost) or extraction characters not placed
    nonwhite = [i for i, c in enumerate(ext) if not c.isspace() and i not in skip]
    for i in nonwhite:
        if i not in mapping and ext[i] != "-":
            unowned("unaligned-char", i, i + 1)
    mapped_refs = set(mapping.values())
    stats["ref-chars-lost"] = sum(1 for r in range(len(ref.chars)) if r not in mapped_refs)

    date_done: set[int] = set()
    for m in re.finditer(r"\s+", ext):
        a, b = m.span()
        ws = m.group()
        if a in skip or (a > 0 and a - 1 in skip and b in skip):
            continue
        # the character before (skipping an inserted hyphen) and after (skipping furniture)
        p = a - 1
        hyphen = False
        if p >= 0 and ext[p] == "-" and p not in mapping:
            hyphen = True
            p -= 1
        n = b
        while n < len(ext) and (n in skip or ext[n].isspace()):
            n += 1
        if p < 0 or n >= len(ext) or p not in mapping or n not in mapping:
            continue
        r1, r2 = mapping[p], mapping[n]
        brk = bool(_BREAK.search(ws))
        contiguous = r2 == r1 + 1 and ref.piece[r1] == ref.piece[r2]
        src_gap = ref.gap[r1] if contiguous else None
        if contiguous and src_gap and "\n" not in src_gap and not brk:
            continue  # spaces where the source has spaces
        if contiguous and src_gap and "\n" in src_gap:
            continue  # a paragraph break in the source
        own = ref.owner[r1] if contiguous else None
        if own is not None and (not src_gap or brk):
            fam, sid, _ = own
            if sid in date_done:
                continue
            date_done.add(sid)
            members = ref.span_chars[sid]
            inv = {r: i for i, r in mapping.items()}
            es = [inv[r] for r in members if r in inv]
            s, e = min(es), max(es) + 1
            check = f"{fam}.split"
            add(fam, check, s, e, "wrap" if brk else "space")
            continue
        if hyphen and brk and contiguous:
            add("sentence", "sentence.word-split", a - 1, b, "hyphenated wrap")
            continue
        if brk:
            if _sentence_end(ref, r1, page.lang):
                if contiguous and not src_gap:
                    stats["break-after-sentence"] = stats.get("break-after-sentence", 0) + 1
                continue
            if contiguous and ref.gap[r1] == "\n":
                continue
            if contiguous:
                note = "wrap"
                if page.pieces[ref.piece[r1]][0] == "headline":
                    note = "wrap in headline"
                elif page.pieces[ref.piece[r1]][0] == "box":
                    note = "wrap in box"
                elif page.lang == "en" and ext[p] == "-":
                    note = "wrap after hyphen"
                add("sentence", "sentence.line-break", a, b, note)
            elif ref.gap[r1] != "\n":
                add(
                    "sentence",
                    "sentence.line-break",
                    a,
                    b,
                    "jump: reading order",
                )
            continue
        # spaces only, none in the source here (or the text jumps here)
        left, right = ext[p], ext[n]
        zh_pair = (_zhlike(left) and (_zhlike(right) or right.isdigit())) or (
            left.isdigit() and _zhlike(right)
        )
        if zh_pair and not hyphen:
            note = "space" if contiguous else "jump: columns joined"
            add("sentence", "sentence.stray-space", a, b, note)
        elif contiguous:
            unowned("space-inside-word" if left.isalnum() and right.isalnum() else "space", a, b)
        else:
            unowned("column-join-spaces", a, b)
    labels.sort(key=lambda lab: (lab["start"], lab["family"]))
    return labels, other, stats


# ---------------------------------------------------------------------------------------


def write_case(page: Page, name: str, text: str, ref: Ref, vers: dict[str, str]) -> dict:
    """Label one extraction and store it as an edit script against the corpus text
    (``b3_store``: no article text in the repository); check the round trip."""
    rec = page.record
    body = text.rstrip()
    case = f"{page.case}--{name}"
    folder = OUT / case
    labels, _other, stats = label(body, page, ref, rec["id"])
    src = b3_store.source_text(rec)
    data = {
        "case": case,
        "extractor": name,
        "source": page.ref,
        "source_sha256": b3_store.sha(src),
        "body_sha256": b3_store.sha(body),
        "layout": page.layout,
        "stats": dict(sorted(stats.items())),
        "labels": [
            {k: lab[k] for k in ("family", "check", "start", "end", "note")} for lab in labels
        ],
        "edits": b3_store.encode(body, src),
    }
    loaded = b3_store.load_case(b3_store.dump_case(folder, data))
    assert loaded is not None and loaded.naive["body"] == body
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab["check"]] = counts.get(lab["check"], 0) + 1
    lay = page.layout
    cmd = {
        "pdftotext": "pdftotext -enc UTF-8 page.pdf -",
        "pdftotext-layout": "pdftotext -layout -enc UTF-8 page.pdf -",
        "pdfminer": "pdfminer.high_level.extract_text('page.pdf')",
        "pypdf": "'\\n'.join(p.extract_text() for p in pypdf.PdfReader('page.pdf').pages)",
        "pymupdf": "''.join(p.get_text() for p in pymupdf.open('page.pdf'))",
    }[name]
    (folder / "README.md").write_text(
        f"`{rec['id']}` typeset in {lay['columns']} justified columns ({lay['font_pt']}pt, gap "
        f"{lay['gap_mm']}mm, ■ box at the {lay['box']}), printed by Chromium, extracted with "
        f"`{cmd}`. Labels by alignment with the typeset text: "
        f"{', '.join(f'{k} {v}' for k, v in sorted(counts.items())) or 'none'}. "
        "How, rules and versions: ../README.md.\n",
        "utf-8",
    )
    return {"case": case, "labels": len(labels), "counts": counts, "stats": stats}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep-pdf", type=Path, help="also keep the HTML and PDFs here")
    ap.add_argument("--only", help="build only the article with this id")
    ap.add_argument("--batch", type=int, choices=(1, 2), default=1, help="article batch")
    ap.add_argument("--out", type=Path, help="output folder (default: fixtures/extracted[-b2])")
    args = ap.parse_args()
    global OUT
    if args.out is not None:
        OUT = args.out.resolve()
    elif args.batch == 2:
        OUT = REPO / "fixtures" / "extracted-b2"
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    vers = versions()
    if args.batch == 2:
        zh_ids = b2_zh_ids()
        pages = zh_pages(zh_ids) + en_pages(b2_en_keys(), offset=len(zh_ids))
    else:
        pages = zh_pages() + en_pages()
    if args.only:
        pages = [p for p in pages if p.case == args.only]
    else:
        shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep_pdf or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for page in pages:
            pdf = print_pdf(page, work)
            ref = build_ref(page.pieces)
            for name in EXTRACTORS:
                info = write_case(page, name, extract(pdf, name), ref, vers)
                print(info["case"], info["labels"], info["counts"], info["stats"])
    (OUT / "versions.json").write_text(json.dumps(vers, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
