"""The batch-3 page generator: reportlab and a line breaker of its own (no HTML, no browser).

Different from ``make_cases.py`` (CSS columns printed by Chromium) on purpose: narrow columns
of 6-10 CJK characters (English: 95-125 pt), justified by character spacing (``Tc``) or set
ragged, lines pushed out by kinsoku rules and so spread wider, subheads spread over the whole
column, a lead paragraph letter-spaced; one-sentence boxed quotes mid-column and in a sidebar;
TrueType CJK fonts from Debian (AR PL UMing, WenQuanYi Zen Hei, AR PL UKai); a section flag
above the headline and a folio at the foot of each page instead of a running head.

Needs ``reportlab`` (PyPI) and ``fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
fonts-liberation2`` (Debian). Used by ``batch3.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_FILES = {
    "uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "wqy": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "lserif": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", None),
    "lserif-b": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", None),
    "lsans-i": ("/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf", None),
    "dvcond": ("/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf", None),
}
NO_START = set("，。、；：？！”’）》」』〉…—%％·,.;:?!)]")  # never at a line start
NO_END = set("“‘（《「『〈([")  # never at a line end
WEEKDAYS_ZH = "一二三四五六日"
PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 30.0, 36.0, 52.0


def register_fonts() -> None:
    """Register the TrueType fonts with reportlab (once)."""
    for name, (path, index) in FONT_FILES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        kw = {} if index is None else {"subfontIndex": index}
        pdfmetrics.registerFont(TTFont(name, path, **kw))


def layout_for(n: int, lang: str) -> dict[str, Any]:
    """The n-th page's layout: every knob cycles with a different period."""
    if lang == "zh":
        return {
            "chars": (6, 8, 10, 7, 9)[n % 5],
            "font_pt": (10.0, 9.0, 8.0, 9.5, 8.5)[n % 5],
            "leading": (1.45, 1.3, 1.55)[n % 3],
            "justify": ("justify", "ragged")[n % 2],
            "font": ("uming", "wqy")[(n // 2) % 2],
            "box": ("mid", "sidebar", "both")[n % 3],
            "lead_tracking": (0.25, 0.0, 0.15, 0.0)[n % 4],
            "gutter_pt": (7.0, 9.0, 6.0)[n % 3],
        }
    return {
        "width_pt": (95.0, 110.0, 125.0, 100.0)[n % 4],
        "font_pt": (8.5, 8.0, 9.0, 8.0)[n % 4],
        "leading": (1.25, 1.35, 1.2)[n % 3],
        "justify": ("justify", "ragged")[(n + 1) % 2],
        "font": ("lserif", "dvcond")[n % 2],
        "box": ("sidebar", "mid", "both")[n % 3],
        "lead_tracking": 0.0,  # tracked English leads come out of pdfminer as "f i r s t"
        "gutter_pt": (8.0, 10.0, 7.0)[n % 3],
    }


# ---------------------------------------------------------------------------------------
# lines


@dataclass
class Line:
    """One set line: chunks at x offsets (from the column's left), one font, one Tc."""

    chunks: list[tuple[float, str]]
    font: str
    size: float
    char_space: float = 0.0


def _w(text: str, font: str, size: float, track: float = 0.0) -> float:
    return pdfmetrics.stringWidth(text, font, size) + track * size * len(text)


def _cjk_breaks(text: str, width: float, font: str, size: float, track: float) -> list[str]:
    """Greedy character breaking with kinsoku: push a character down rather than start a
    line with a closing mark or end one with an opening mark."""
    lines: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and _w(text[i : j + 1], font, size, track) <= width + 0.01:
            j += 1
        j = max(j, i + 1)
        while j < len(text) and j - i > 2 and (text[j] in NO_START or text[j - 1] in NO_END):
            j -= 1
        lines.append(text[i:j])
        i = j
    return lines


def set_cjk(
    text: str, width: float, font: str, size: float, justify: str, track: float = 0.0,
    indent: float = 0.0, spread: bool = False,
) -> list[Line]:  # fmt: skip
    """Set a CJK paragraph; justified lines get the slack as character spacing (``Tc``)."""
    out: list[Line] = []
    first = True
    rest = text
    while rest:
        w = width - (indent if first else 0.0)
        line = _cjk_breaks(rest, w, font, size, track)[0]
        rest = rest[len(line) :]
        x = indent if first else 0.0
        cs = track * size
        last = not rest
        if (justify == "justify" and not last) or (spread and len(line) > 1):
            cs = (w - pdfmetrics.stringWidth(line, font, size)) / max(1, len(line) - 1)
        out.append(Line([(x, line)], font, size, cs))
        first = False
    return out


def _hyphenate(word: str, room: float, font: str, size: float) -> tuple[str, str] | None:
    """Split a long word so that its head plus ``-`` fits in ``room`` (3+ letters each side)."""
    if len(word) < 7 or not word.isalpha():
        return None
    for k in range(len(word) - 3, 2, -1):
        if _w(word[:k] + "-", font, size) <= room:
            return word[:k] + "-", word[k:]
    return None


def set_latin(
    text: str, width: float, font: str, size: float, justify: str, track: float = 0.0,
    indent: float = 0.0,
) -> list[Line]:  # fmt: skip
    """Set an English paragraph word by word; justified lines spread the word gaps."""
    words = text.split()
    space = _w(" ", font, size, track)
    rows: list[list[str]] = []
    cur: list[str] = []
    used = indent
    k = 0
    while k < len(words):
        wd = words[k]
        need = _w(wd, font, size, track) + (space if cur else 0.0)
        if used + need <= width or not cur:
            cur.append(wd)
            used += need
            k += 1
            continue
        room = width - used - space
        split = _hyphenate(wd, room, font, size) if used < 0.8 * width else None
        if split:
            cur.append(split[0])
            words[k] = split[1]
        rows.append(cur)
        cur, used = [], 0.0
    if cur:
        rows.append(cur)
    out: list[Line] = []
    for r, row in enumerate(rows):
        x0 = indent if r == 0 else 0.0
        widths = [_w(wd, font, size, track) for wd in row]
        gap = space
        if justify == "justify" and r < len(rows) - 1 and len(row) > 1:
            gap = (width - x0 - sum(widths)) / (len(row) - 1)
        if justify != "justify" or len(row) == 1:
            out.append(Line([(x0, " ".join(row))], font, size, track * size))
            continue
        chunks, x = [], x0
        for wd, wdw in zip(row, widths, strict=True):
            chunks.append((x, wd))
            x += wdw + gap
        out.append(Line(chunks, font, size, track * size))
    return out


# ---------------------------------------------------------------------------------------
# blocks and pages


@dataclass
class Block:
    kind: str  # body | subhead | box
    piece: int  # index into pieces
    lines: list[Line]
    line_h: float
    pad: float = 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_h + 2 * self.pad


@dataclass
class Sheet:
    """A typeset article: its pieces in reading order and the PDF drawing steps."""

    case: str
    lang: str
    layout: dict[str, Any]
    furniture: str
    pieces: list[tuple[str, str]] = field(default_factory=list)


def _split_sentences(text: str, lang: str) -> list[str]:
    if lang == "zh":
        return [s for s in re.findall(r"[^。！？]*[。！？][”’」]?", text) if s.strip()]
    return [s.strip() for s in re.findall(r".+?[.!?][\"”’]?(?=\s+[A-Z“\"]|\s*$)", text)]


def quote_sentences(paras: list[str], lang: str) -> list[tuple[int, str]]:
    """Two one-sentence quotes for the boxes: (paragraph index, sentence), from two halves."""
    lo, hi = (14, 60) if lang == "zh" else (50, 180)
    found: list[tuple[int, str]] = []
    halves = [range(0, len(paras) // 2), range(len(paras) // 2, len(paras))]
    for half in halves:
        cands = [
            (i, s)
            for i in half
            for s in _split_sentences(paras[i], lang)
            if lo <= len(s) <= hi and s not in {t for _, t in found}
        ]
        quoted = [c for c in cands if "“" in c[1] or '"' in c[1]]
        pick = (quoted or cands)[:1]
        found += pick
    return found


def _zh_paras(body: str) -> list[str]:
    return [p.strip(" \u3000") for p in body.split("\n") if p.strip(" \u3000")]


def _is_subhead(p: str, lang: str) -> bool:
    if lang == "zh":
        return len(p) <= 30 and p[-1] not in "。！？”…"
    letters = [c for c in p if c.isalpha()]
    return (
        len(p) <= 80
        and len(letters) >= 2
        and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    )


def furniture_for(rec: dict[str, Any], lang: str) -> str:
    """The folio printed at the foot of every page (the page number follows it)."""
    if lang == "zh":
        d = dt.date.fromisoformat(rec["published"])
        day = f"{d.year}年{d.month}月{d.day}日"
        return f"国际周刊\u3000{day}\u3000星期{WEEKDAYS_ZH[d.weekday()]}\u3000"
    year = rec["id"].rsplit("-", 1)[-1]
    return f"The Sydney Morning Herald \u00b7 {year} \u00b7 "


@dataclass
class Style:
    """The fonts and measures of one page, derived from its layout."""

    zh: bool
    size: float
    line_h: float
    col_w: float
    gutter: float
    body_font: str
    box_font: str
    head_font: str

    @classmethod
    def of(cls, lay: dict[str, Any], lang: str) -> Style:
        zh = lang == "zh"
        size = lay["font_pt"]
        return cls(
            zh,
            size,
            size * lay["leading"],
            lay["chars"] * size if zh else lay["width_pt"],
            lay["gutter_pt"],
            lay["font"],
            "ukai" if zh else "lsans-i",
            "wqy" if zh else "lserif-b",
        )

    def set(self, text: str, width: float, font: str, size: float, justify: str) -> list[Line]:
        """Set a ragged or justified paragraph in this page's script."""
        return (set_cjk if self.zh else set_latin)(text, width, font, size, justify)


class Press:
    """Draws lines and boxes on a reportlab canvas."""

    def __init__(self, pdf: Path, title: str) -> None:
        self.canvas = Canvas(str(pdf), pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)

    def lines(self, lines: list[Line], x: float, y: float, lh: float) -> float:
        """Draw lines downwards from ``y``; return the last baseline."""
        for ln in lines:
            y -= lh
            for dx, s in ln.chunks:
                t = self.canvas.beginText(x + dx, y)
                t.setFont(ln.font, ln.size)
                t.setCharSpace(ln.char_space)
                t.textOut(s)
                self.canvas.drawText(t)
        return y

    def box(self, b: Block, x: float, y: float, width: float) -> float:
        """A shaded, ruled box with its lines; return its bottom."""
        c = self.canvas
        c.setFillGray(0.9)
        c.setLineWidth(0.8)
        c.rect(x, y - b.height, width, b.height, stroke=1, fill=1)
        c.setFillGray(0.0)
        return self.lines(b.lines, x + 4, y - b.pad, b.line_h) - b.pad

    def flag(self, text: str, font: str, y: float) -> None:
        """The section flag: white on a black bar."""
        c = self.canvas
        c.setFillGray(0.0)
        c.rect(MARGIN_X, y - 16, _w(text, font, 10) + 12, 16, stroke=0, fill=1)
        c.setFillGray(1.0)
        c.setFont(font, 10)
        c.drawString(MARGIN_X + 6, y - 12, text)
        c.setFillGray(0.0)


def _top_matter(press: Press, rec: dict[str, Any], st: Style, pieces: list) -> float:
    """Section flag, kicker, headline, subheadline, byline and a rule; return the y below."""
    full_w = PAGE_W - 2 * MARGIN_X
    y = PAGE_H - MARGIN_TOP
    flag = "国际视野" if st.zh else "NEWS OF THE COLONY"
    pieces.append(("headline", flag))
    press.flag(flag, st.head_font, y)
    y -= 24
    heads = [
        (rec.get("kicker"), 11.0, st.body_font),
        (rec.get("headline"), 20.0 if st.zh else 16.0, st.head_font),
        (rec.get("subheadline"), 12.0, st.body_font),
    ]
    for text, hs, font in heads:
        if not text:
            continue
        pieces.append(("headline", text))
        y = press.lines(st.set(text, full_w * 0.8, font, hs, "ragged"), MARGIN_X, y, hs * 1.3)
        y -= 3
    if rec.get("byline"):
        by = "记者\u3000" + "、".join(rec["byline"].split(";")) if st.zh else rec["byline"]
        pieces.append(("byline", by))
        y = press.lines(st.set(by, full_w, st.body_font, 9.0, "ragged"), MARGIN_X, y, 12.0)
    y -= 6
    press.canvas.setLineWidth(0.6)
    press.canvas.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
    return y - 6


def _boxes(paras: list[str], lang: str, box: str) -> tuple[str | None, str | None]:
    """(mid-column quote, sidebar quote) for the layout's ``box`` setting."""
    quotes = quote_sentences(paras, lang)
    side_q = quotes[-1][1] if box in ("sidebar", "both") and quotes else None
    mid = quotes[0] if box in ("mid", "both") and quotes else None
    if box == "mid" and len(quotes) > 1:
        mid = quotes[1]
    return (mid[1] if mid else None), side_q


def _body_blocks(
    paras: list[str], lay: dict[str, Any], st: Style, mid_q: str | None, pieces: list
) -> list[Block]:
    """Set the paragraphs (subheads spread, the lead tracked) and the mid-column box."""
    blocks: list[Block] = []
    box_size = st.size * 1.1
    indent = 2 * st.size if st.zh else st.size
    for i, p in enumerate(paras):
        if mid_q is not None and i == min(len(paras) - 1, max(1, (len(paras) * 2) // 3)):
            pieces.append(("box", mid_q))
            lines = st.set(mid_q, st.col_w - 8, st.box_font, box_size, "ragged")
            blocks.append(Block("box", len(pieces) - 1, lines, box_size * 1.35, pad=4.0))
        pieces.append(("body", p))
        if _is_subhead(p, "zh" if st.zh else "en"):
            if st.zh:
                lines = set_cjk(p, st.col_w, st.head_font, st.size, "ragged", spread=len(p) < 9)
            else:
                lines = set_latin(p, st.col_w, st.head_font, st.size, "ragged")
            blocks.append(Block("subhead", len(pieces) - 1, lines, st.line_h))
            continue
        track = lay["lead_tracking"] if i == 0 else 0.0
        setp = set_cjk if st.zh else set_latin
        lines = setp(p, st.col_w, st.body_font, st.size, lay["justify"], track, indent)
        blocks.append(Block("body", len(pieces) - 1, lines, st.line_h))
    return blocks


class Flow:
    """Places blocks line by line into columns, page after page, with folios and rules."""

    def __init__(self, press: Press, st: Style, furniture: str, top1: float, side_w: float):
        self.press, self.st, self.furniture, self.side_w = press, st, furniture, side_w
        self.page, self.col, self.top = 1, 0, top1
        self.cols = self.columns(1)
        self.cy = top1

    def columns(self, page: int) -> list[tuple[float, float]]:
        """Column x positions: page 1 leaves room for the sidebar."""
        st = self.st
        full_w = PAGE_W - 2 * MARGIN_X
        avail = full_w - (self.side_w + st.gutter if page == 1 and self.side_w else 0.0)
        k = max(1, int((avail + st.gutter) // (st.col_w + st.gutter)))
        return [(MARGIN_X + c * (st.col_w + st.gutter), st.col_w) for c in range(k)]

    def finish_page(self) -> None:
        """The foot rule, the folio (outer side) and the column rules."""
        c, st = self.press.canvas, self.st
        c.setLineWidth(0.4)
        c.line(MARGIN_X, MARGIN_BOTTOM - 10, PAGE_W - MARGIN_X, MARGIN_BOTTOM - 10)
        folio = self.furniture + str(self.page)
        c.setFont(st.body_font, 8)
        fw = _w(folio, st.body_font, 8)
        x = MARGIN_X if self.page % 2 == 0 else PAGE_W - MARGIN_X - fw
        c.drawString(x, MARGIN_BOTTOM - 22, folio)
        c.setLineWidth(0.25)
        for cx, _ in self.cols[1:]:
            c.line(cx - st.gutter / 2, MARGIN_BOTTOM, cx - st.gutter / 2, self.top)

    def next_column(self) -> None:
        self.col += 1
        self.cy = self.top
        if self.col >= len(self.cols):
            self.finish_page()
            self.press.canvas.showPage()
            self.page += 1
            self.cols = self.columns(self.page)
            self.col = 0
            self.top = PAGE_H - MARGIN_TOP
            self.cy = self.top

    def place(self, b: Block) -> None:
        """A box moves whole to the next column; a paragraph breaks between lines."""
        yb = MARGIN_BOTTOM
        if b.kind == "box":
            if self.cy - b.height - 6 < yb:
                self.next_column()
            self.cy = self.press.box(b, self.cols[self.col][0], self.cy - 3, self.st.col_w) - 3
            return
        if b.kind == "subhead" and self.cy - 2 * b.line_h < yb:
            self.next_column()
        for ln in b.lines:
            if self.cy - b.line_h < yb:
                self.next_column()
            self.cy = self.press.lines([ln], self.cols[self.col][0], self.cy, b.line_h)


def typeset(rec: dict[str, Any], lang: str, n: int, pdf: Path) -> Sheet:
    """Typeset one article into ``pdf``; return the pieces in reading order."""
    register_fonts()
    lay = layout_for(n, lang)
    sheet = Sheet(rec["id"], lang, lay, furniture_for(rec, lang))
    pieces = sheet.pieces
    st = Style.of(lay, lang)
    press = Press(pdf, rec["id"])
    top1 = _top_matter(press, rec, st, pieces)
    paras = _zh_paras(rec["body"]) if st.zh else [p for p in rec["body"].split("\n\n") if p]
    mid_q, side_q = _boxes(paras, lang, lay["box"])
    blocks = _body_blocks(paras, lay, st, mid_q, pieces)
    side_w = st.col_w * 1.5 + 8 if side_q else 0.0
    flow = Flow(press, st, sheet.furniture, top1, side_w)
    if side_q:  # beside the columns of page 1, at their top
        size = st.size * 1.1 * 1.15
        lines = st.set(side_q, side_w - 10, st.box_font, size, "ragged")
        press.box(
            Block("box", -1, lines, size * 1.4, pad=6.0), PAGE_W - MARGIN_X - side_w, top1, side_w
        )
    last_on_page1 = len(pieces) - 1
    for b in blocks:
        flow.place(b)
        if flow.page == 1:
            last_on_page1 = b.piece
    flow.finish_page()
    press.canvas.showPage()
    press.canvas.save()
    if side_q:
        pieces.insert(last_on_page1 + 1, ("box", side_q))
    sheet.layout = {**lay, "pages": flow.page, "columns_page1": len(flow.columns(1))}
    return sheet
