"""The ``layout`` family: one whole article per record, and nothing but the article.

Segmenting a newspaper page into articles goes wrong in a few typical ways: a record runs on
into the next article (or into the page's headline blocks), headlines and bylines land in the
body, running heads and page numbers stay in the text, an article is cut short. These checks
look at the body line by line (a "block" is a run of lines between blank lines; a body
without blank lines has one paragraph per line) and judge lines by their shape and place.

The body of a record is assumed to be one article: text after its closing dateline or after
its last sentence that looks like headlines is foreign. Sub-heads inside an article
(``开放合作：让更多国家人民共享互联网发展成果``) are followed by more article text, so they
pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, groupby, pairwise
from operator import attrgetter
from typing import NamedTuple

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.columns import blocks_of
from copydesk.validators.fragments import FRAGMENT_CELLS
from copydesk.validators.registry import Hit, check
from copydesk.validators.residue import line_kind
from copydesk.validators.text import (
    AGENCY,
    AGENCY_DATELINE_SOURCE,
    EN_FUNCTION_WORDS,
    FURNITURE,
    OPENING_DATELINE,
    furniture,
    furniture_at,
)

_WS = " \t\r\f\v\u3000\u00a0"
_AGENCY = AGENCY
_AGENCY_RE = re.compile(_AGENCY)
#: A closing dateline: ``（新华社杭州11月8日电）``, ``（新华社北京8月2日电 记者郝薇薇）``.
_CLOSE_DATELINE = re.compile(
    rf"[（(]\s*(?:据)?{_AGENCY}[^（）()]{{0,20}}?[电讯][^（）()]{{0,60}}[）)]"
)
_CLOSE_OPEN = re.compile(rf"[（(]\s*(?:据)?{_AGENCY}[^（）()]{{0,20}}?[电讯][^（）()]{{0,40}}")
_BYLINE = re.compile(
    rf"{_AGENCY}?(?:特约|驻[\u4e00-\u9fff]{{1,6}})?(?:记者|通讯员|评论员)[\s\u3000\u4e00-\u9fff、]{{0,24}}"
)
#: A photo credit line: ``新华社发``, ``新华社记者 鞠 鹏摄``.
_CREDIT = re.compile(
    r"(?:新华社|本报|人民日报|中新社|法新社|美联社|路透社)?(?:特约)?(?:记者|通讯员)?"
    r"[\s\u3000\u4e00-\u9fff]{0,10}?(?:摄|发|供图|制图)(?:[（(][^（）()]{1,8}[）)])?"
)
#: Sidebars a web article carries after its text: ``点评``, ``（链接）``, ``相关链接``.
_SIDEBAR = lazy_compile(
    r"(?:点\s*评|相关链接|新闻链接|背景链接|链接|背景|附[：:件]|编后|短评|记者手记|延伸阅读)"
    r"|.*[（(](?:链接|背景|点评|相关链接|资料)[）)]"
)
#: A date line signing a letter or telegram: ``二〇一一年十二月十九日于北京``.
_DATE_LINE = lazy_compile(
    r"[〇○零一二三四五六七八九十\d]{2,4}\s*年\s*[〇○一二三四五六七八九十\d]{1,2}\s*月"
    r"\s*[〇○一二三四五六七八九十\d]{1,3}\s*日(?:于[\u4e00-\u9fff]{1,6})?"
)
_META = re.compile(
    r"(?:作者|时间|来源|责任编辑|编辑|数据来源|资料来源|图片来源|本版邮箱|邮箱|移动端)[：:].{0,60}"
)
_SOURCE_LINE = FURNITURE[1][0]
#: A byline name on its own line (pdftotext splits ``本报记者 程 龙`` into ``程`` ⏎ ``龙``).
_NAME = lazy_compile(r"[\u4e00-\u9fff·]{1,4}")
_URLISH = re.compile(r"@|https?:|www\.|\.(?:com|cn|org)\b")
_PAGE_NO = re.compile(r"\d{1,3}")
_HEAD_BAD = lazy_compile(r"[。；;？?！!]")
_HEAD_END_BAD = "，、；：（“‘《—-,;:("
_SENTENCE_END = "。！？!?…”』」）)."
_CONT_START = "，。、；：？！）》」』”,.;:)!?"
#: A body opening with CJK continuation punctuation, ``,;:``, or an all-lowercase word.
_CONT_START_RE = re.compile(r"[，。、；：？！）》」』”,;:]|[a-z]{2,}\b(?![.'’-])")
_CUT_END = "，、；：“‘（《—-,;:("
_CJK = re.compile(r"[\u3400-\u9fff]")
_PROSE_COMMA = lazy_compile("[，、,]")
_INNER_SPACE = re.compile(r"\S[ \u3000]+\S")
#: A paragraph opening with a headline-like run glued to an opening dateline.
_GLUED_DATELINE = re.compile(
    r"(?:^|(?<=[。！？!?\n\ue40c]))[ \u3000]*"
    r"(?P<head>[^\s，。、；！？!?（）()“”\"\ue000-\uf8ff][^\n，。、；！？!?（）()“”\"\ue000-\uf8ff]{3,39}?)"
    rf"[\ue000-\uf8ff]?(?:{AGENCY_DATELINE_SOURCE})"
)
_EN_BYLINE = re.compile(r"by\s+[A-Z]")
_FUNCTION_WORDS = frozenset(EN_FUNCTION_WORDS)
_LABEL_LINE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){0,2}")
_LIST_SPLIT = lazy_compile(r"[\n\ue40c]|(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", gate=True)
_GARBLED = re.compile(r"[\u3400-\u9fff\uff01-\uff5e]\?|\?[\u3400-\u9fff\uff01-\uff5e]")
_LIST_STOP = re.compile(r"[。！？!?]")
_LIST_ITEMS = 5
#: The narrowest column of prose, in characters.
_COLUMN_MIN = 8
_CLAUSE_MARK = re.compile("[，、；。！？]")
_COMMA = re.compile("[，,]")
#: A list item opening with its number: ``２、``, ``3.`` (``3.5`` is a decimal, not one).
_NUMBERED_ITEM = re.compile(r"[\s\ue40c]*([0-9０-９]{1,2})(?:、|[.．](?![0-9０-９]))")
_NUMBERED_ITEMS = 3
_LEAD_IN_END = re.compile(r"[A-Za-z]:$|^[A-Z].{0,40}[A-Za-z] :$")
#: Isolated OCR specks ending a line: `` -``, `` i -``, `` , - - -``.
_NOISE_END = re.compile(r"[A-Za-z.,;]\s(?:[-,.'i]\s)*-$")
_TAIL_SEP = re.compile(r"[。！？!?”\ue40c\u3000]")
#: A credit, byline or source after a body's last sentence: ``记者李志宏``, ``据新华社``,
#: ``新华社／路透``, ``摄影／新京报记者　尹亚飞``, ``本报见习记者刘帅``.
_TAIL_CREDIT = re.compile(
    rf"(?:据)?{_AGENCY}(?:[／/][\u4e00-\u9fff]{{1,4}})?"
    r"|(?:摄影|图|文)\s*[／/：:].{1,24}"
    r"|[\u4e00-\u9fff]{0,8}?(?:见习|实习|特约)?(?:记者|通讯员|实习生)[\s\u3000\u4e00-\u9fff·、]{1,16}"
)

#: The label of a staff credit: ``总监制``, ``监 制``, ``审 读``, ``编辑``, ``出品``, ``来源``.
_CREDIT_LABEL = (
    r"(?:总监制|责任编辑|责\s*编|监\s*制|审\s*读|审\s*核|校\s*对|编\s*辑|作\s*者|撰\s*文|文|图|"
    r"摄\s*影|出\s*品|来\s*源|策\s*划|主\s*编|排\s*版|统\s*筹|美\s*编|设\s*计|制\s*作)"
)
_CREDIT_SEP = r"[ \u3000]*[：:／/︱｜|][ \u3000]*"
#: A staff credit line: ``总监制：邹 明``, ``编辑/倪家宁``, ``出品︱网易科学人栏目组 胖胖``,
#: ``[责任编辑:肖春芳]``.
_STAFF_CREDIT = re.compile(
    rf"[\[［【]?{_CREDIT_LABEL}{_CREDIT_SEP}[^\s，。；！？,;!?]{{1,16}}"
    r"(?:[ \u3000][^\s，。；！？,;!?]{1,12}){0,3}[\]］】]?"
)
#: A staff credit closing a line after a space: ``…记者 魏其濛 来源：中国青年报``.
_STAFF_CREDIT_TAIL = re.compile(
    rf"(?:^|[ \u3000]){_CREDIT_LABEL}{_CREDIT_SEP}[^\s，。；！？,;!?]{{1,16}}$"
)
_CREDIT_LABEL_LINE = lazy_compile(_CREDIT_LABEL)
#: Names after a credit label line: ``王之言 高孜然``, ``魏蔚``.
_NAMES = re.compile(r"[\u4e00-\u9fff·]{1,4}(?:[ \u3000]+[\u4e00-\u9fff·]{1,4}){0,4}")
#: The article's own original headline printed under its text: ``原标题：…``.
_ORIGINAL_HEADLINE = re.compile(r"[(（]?原标题[：:].{2,60}")


def is_staff_credit(t: str) -> bool:
    """A line that credits the staff of the article (``总监制：邹 明``, ``文/栗思``,
    ``作者︱春春``, ``[责任编辑:肖春芳]``): a known credit label, a separator (``：/︱|``)
    and a short name, not a headline (``卫生部：三聚氰胺国标宽松系误读`` has no credit
    label)."""
    return bool(_STAFF_CREDIT.fullmatch(t))


def _credit_block_end(lines: list[_Line], i: int) -> bool:
    """Line ``i`` is a name list right under a bare credit label line (``排版`` ⏎ ``魏蔚``),
    as web pages print their staff credits."""
    return (
        i > 0
        and bool(_NAMES.fullmatch(lines[i].text))
        and bool(_CREDIT_LABEL_LINE.fullmatch(lines[i - 1].text))
    )


class _Line(NamedTuple):
    start: int
    end: int
    text: str
    block: int
    furniture: str | None  # the kind of page furniture the line is (``text.furniture``)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u3000]*\n")
#: A line stripped of :data:`_WS`: from its first to its last other character.
_STRIPPED_LINE = re.compile(rf"[^\n{_WS}](?:[^\n]*[^\n{_WS}])?")


def _lines(body: str) -> list[_Line]:
    """Non-blank lines, stripped, with the index of the block (between blank lines) of each:
    built once per body (:func:`_build_lines`), read by every rule (never changed)."""
    return analyse(body).memo(_build_lines)


def _build_lines(an: TextAnalysis) -> list[_Line]:
    body, normalised = an.text, an.normalised
    has_blank = _BLANK_LINE.search(body) is not None
    out: list[_Line] = []
    block, end = 0, 0
    for m in _STRIPPED_LINE.finditer(body):
        a, b = m.span()
        if out and (not has_blank or body.count("\n", end, a) > 1):  # a blank line between
            block += 1
        out.append(_Line(a, b, m.group(), block, furniture_at(normalised, a, b)))
        end = b
    return out


def _is_byline(t: str) -> bool:
    return bool(_BYLINE.fullmatch(t)) and not t.endswith("摄") and len(t) <= 30


def _is_headline(t: str) -> bool:
    """A short line without sentence punctuation: a headline, a sub-head, a subtitle."""
    if not 4 <= len(t) <= 40 or t[0] in "（(" or t[-1] in _HEAD_END_BAD or t.endswith("摄"):
        return False
    if _HEAD_BAD.search(t):
        return False
    if OPENING_DATELINE.match(t) or furniture(t) or _is_byline(t) or _META.fullmatch(t):
        return False
    if _CREDIT.fullmatch(t) or _DATE_LINE.fullmatch(t) or _URLISH.search(t):
        return False
    if is_staff_credit(t):
        return False
    if sum(t.count(c) for c in "，、,") > 1 or t.count("“") != t.count("”"):
        return False  # wrapped prose, not a headline
    return len(_CJK.findall(t)) >= 2 or t.startswith("——")


def _ends_sentence(t: str) -> bool:
    return t[-1] in _SENTENCE_END or bool(_CLOSE_DATELINE.fullmatch(t))


def _in_byline(lines: list[_Line], i: int) -> bool:
    """Line ``i`` is a name split off a byline: byline (and name) lines directly above."""
    while i > 0 and _NAME.fullmatch(lines[i - 1].text) and not _is_byline(lines[i - 1].text):
        i -= 1
    return i > 0 and _is_byline(lines[i - 1].text)


def _ends_article(t: str) -> bool:
    return _ends_sentence(t) or bool(_CREDIT.fullmatch(t))


def _is_quote_block(lines: list[_Line]) -> bool:
    """A block that is one quotation and nothing else (a pull quote)."""
    text = "".join(ln.text for ln in lines)
    inner = text[1:].rstrip("。！？!?")[:-1]
    return (
        text[:1] in "“「"
        and text.rstrip("。！？!?")[-1:] in "”」"
        and not any(c in inner for c in "”」")
        and len(text) <= 200
    )


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """The runs of lines of one block."""
    return [list(run) for _, run in groupby(lines, key=_BLOCK_OF)]


_BLOCK_OF = attrgetter("block")


@dataclass(frozen=True)
class _Layout:
    foreign: tuple[int, int, str] | None  # start, end, reason
    headlines: tuple[tuple[int, int, str], ...]
    article_end: int  # end offset of the article proper (foreign text and furniture excluded)


def _closing_dateline_end(lines: list[_Line]) -> int | None:
    """Index of the last line of the last closing dateline that has more lines after it."""
    for i in range(len(lines) - 2, -1, -1):
        t = lines[i].text
        if _CLOSE_DATELINE.fullmatch(t):
            return i
        if _CLOSE_OPEN.fullmatch(t):  # ``（新华社北京10月19日电`` ⏎ ``记者…`` ⏎ ``王雨萧）``
            for k in range(i + 1, min(i + 4, len(lines))):
                if lines[k].text.endswith(("）", ")")) and len(lines[k].text) <= 30:
                    return k if k < len(lines) - 1 else None
    return None


def _headline_groups(lines: list[_Line]) -> list[tuple[int, int]]:
    """Index ranges of headline blocks in ``lines``: headline-like lines, bylines dropped.

    A blank line splits groups except after a ``——`` subtitle line, which may wrap.
    """
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _is_headline(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _is_headline(lines[j].text):
            if lines[j].block != lines[j - 1].block and not lines[j - 1].text.startswith("——"):
                break
            j += 1
        groups.append((i, j))
        i = j
    return groups


def _box_after(rest: list[_Line]) -> bool:
    """The lines after a closing dateline are the article's own ■ summary box: the first
    starts with ``■``, or a ``■`` line follows only column remnants of the article read out
    of order (no opening dateline, no two headline-like lines without a comma in a row)
    above it."""
    box = next((k for k, ln in enumerate(rest) if ln.text.startswith("■")), None)
    if box is None:
        return False
    head = rest[:box]
    if any(OPENING_DATELINE.match(ln.text) for ln in head):
        return False
    heads = [_is_headline(ln.text) and not _PROSE_COMMA.search(ln.text) for ln in head]
    return not any(a and b for a, b in pairwise(heads))


def _above_dateline(lines: list[_Line], i: int) -> int:
    """Index of the first line of the head (headlines, bylines, meta and furniture lines)
    stacked right above line ``i``."""
    k = i
    while k > 0 and (
        _is_headline(lines[k - 1].text)
        or _META.fullmatch(lines[k - 1].text)
        or _is_byline(lines[k - 1].text)
        or lines[k - 1].furniture
        or (k > 1 and _NAME.fullmatch(lines[k - 1].text) and _in_byline(lines, k - 1))
    ):
        k -= 1
    return k


def _second_article_head(body: str, lines: list[_Line]) -> int | None:
    """Rule (a): headline lines above a second opening dateline or a ``《人民日报》（…第 01 版）``
    source line, after a sentence end. The opening line must not repeat earlier text."""
    if _AGENCY_RE.search(body) is None:
        return None  # every opening dateline and source line names an agency
    for i, ln in enumerate(lines):
        if ln.block == 0 or not (
            OPENING_DATELINE.match(ln.text) or _SOURCE_LINE.fullmatch(ln.text)
        ):
            continue
        k = _above_dateline(lines, i)
        heads_above = any(_is_headline(x.text) for x in lines[k:i])
        if _repeats_earlier(body, ln):
            continue  # the lead paragraph printed again: a repeat (quote family), not an article
        if heads_above and k > 0 and _ends_article(lines[k - 1].text):
            return k
    return None


def _after_closing_dateline(body: str, lines: list[_Line]) -> int | None:
    """Rule (b): the first line after a closing dateline that is not furniture, a byline or
    the article's own ``■`` summary box."""
    if _AGENCY_RE.search(body) is None:
        return None  # every closing dateline names an agency
    c = _closing_dateline_end(lines)
    if c is None:
        return None
    rest = [ln for ln in lines[c + 1 :] if not ln.furniture]
    if rest and not all(_is_byline(ln.text) for ln in rest) and not _box_after(rest):
        return lines.index(rest[0])
    return None


def _is_tail_block(bl: list[_Line]) -> bool:
    """A block of headline, byline or furniture lines, or one whole quotation."""
    return all(
        _is_headline(x.text) or _is_byline(x.text) or x.furniture or is_staff_credit(x.text)
        for x in bl
    ) or _is_quote_block(bl)


def _trailing_headlines(lines: list[_Line]) -> int | None:
    """Rule (c): a run of headline-like blocks that closes the body after a sentence end
    (two headline lines or two blocks at least, page-furniture and credit blocks not
    counted); the sentence end is the article's own, not a furniture line's (a source line
    under a headline, ``《人民日报》（… 第 20 版）``, ends on ``）`` but closes no sentence)."""
    blocks = _blocks(lines)
    r = len(blocks)
    while r > 1 and _is_tail_block(blocks[r - 1]):
        r -= 1
    while r < len(blocks) and not _is_headline(blocks[r][0].text):
        r += 1
    if not 0 < r < len(blocks):
        return None
    run = [x for bl in blocks[r:] for x in bl]
    heads = len(blocks) - r - sum(_credit_or_furniture(bl) for bl in blocks[r:])
    enough = sum(_is_headline(x.text) for x in run) >= 2 or heads >= 2
    before = blocks[r - 1][-1]
    if enough and not before.furniture and _ends_article(before.text):
        return lines.index(blocks[r][0])
    return None


def _credit_or_furniture(bl: list[_Line]) -> bool:
    """A block of staff credits or page furniture (a page number), which is not a headline."""
    return all(is_staff_credit(x.text) or x.furniture for x in bl)


_FOREIGN_RULES = (
    ("a second article (headline and opening dateline) begins", _second_article_head),
    ("text runs on after the closing dateline", _after_closing_dateline),
    (
        "headline blocks follow the article's last sentence",
        lambda body, lines: _trailing_headlines(lines),
    ),
)


def _foreign_start(body: str, lines: list[_Line]) -> tuple[int, str] | None:
    """The index of the first foreign line and why, by the first rule that fires; a sidebar
    the article carries (``点评``, ``（链接）``) is not foreign."""
    for reason, rule in _FOREIGN_RULES:
        idx = rule(body, lines)
        if idx is not None:
            return None if _SIDEBAR.match(lines[idx].text) else (idx, reason)
    return None


def _is_head_line(t: str) -> bool:
    return bool(_is_headline(t) or _is_byline(t) or _META.fullmatch(t) or furniture(t))


def _foreign_headlines(sub: list[_Line]) -> list[tuple[int, int, str]]:
    """Headline blocks at the top of the foreign text ``sub`` (whole-quote blocks skipped);
    a foreign text of byline lines alone is a byline printed in the body."""
    lead: list[_Line] = []
    for bl in _blocks(sub):
        if _is_quote_block(bl):
            continue
        if not all(_is_head_line(x.text) for x in bl):
            break
        lead += bl
    heads = [
        (lead[a].start, lead[b - 1].end, "headline block printed in the body")
        for a, b in _headline_groups(lead)
    ]
    if not heads and all(_is_byline(x.text) for x in sub):
        heads.append((sub[0].start, sub[-1].end, "byline printed in the body"))
    return heads


def _subtitle_heads(lines: list[_Line], limit: int) -> list[tuple[int, int, str]]:
    """Mid-body: a headline line with a ``——`` subtitle line under it, after a sentence end;
    the subtitle's block holds no sentence punctuation from there on (a ``——`` opening a
    hard-wrapped line of prose is a dash inside the sentence, which runs on to its ``。``)."""
    heads = []
    for i in range(1, limit):
        t = lines[i].text
        if t.startswith("——") and _is_headline(t) and _is_headline(lines[i - 1].text):
            if _runs_on_to_sentence(lines, i):
                continue
            if i - 1 == 0 or _ends_sentence(lines[i - 2].text):
                heads.append(
                    (lines[i - 1].start, lines[i].end, "headline and `——` subtitle in the body")
                )
    return heads


def _runs_on_to_sentence(lines: list[_Line], i: int) -> bool:
    """A later line of line ``i``'s block has sentence punctuation (``。；！？``): the block
    is prose, not a headline block."""
    block = lines[i].block
    for ln in lines[i + 1 :]:
        if ln.block != block:
            return False
        if _HEAD_BAD.search(ln.text):
            return True
    return False


def _article_end(lines: list[_Line], limit: int) -> int:
    """End offset of the last line before ``limit`` that is not page furniture."""
    end_lines = lines[:limit]
    while end_lines and end_lines[-1].furniture:
        end_lines.pop()
    return end_lines[-1].end if end_lines else 0


def _analyse(body: str) -> _Layout:
    """Where foreign text starts, the headline blocks, and where the article proper ends:
    found once per body (:func:`_build_layout`), read by the three checks that need it."""
    return analyse(body).memo(_build_layout)


def _build_layout(an: TextAnalysis) -> _Layout:
    body, lines = an.text, _lines(an.text)
    if not lines:
        return _Layout(None, (), 0)
    found = _foreign_start(body, lines)
    foreign = None
    heads: list[tuple[int, int, str]] = []
    limit = len(lines)
    if found is not None:
        limit, reason = found
        foreign = (lines[limit].start, lines[-1].end, reason)
        heads = _foreign_headlines(lines[limit:])
    heads += _subtitle_heads(lines, limit)
    return _Layout(foreign, tuple(heads), _article_end(lines, limit))


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _repeats_earlier(body: str, ln: _Line, min_chars: int = 40) -> bool:
    """Line ``ln`` (white space removed, at least ``min_chars`` long) is printed earlier in
    ``body``: a block read twice, which ``quote.duplicate-block`` owns."""
    line = _squeeze(ln.text)
    return len(line) >= min_chars and line in _squeeze(body[: ln.start])


@check("layout.multiple-articles", severity="error", fields=("body",))
def multiple_articles(record: ArticleRecord) -> Iterator[Hit]:
    """More than one article in one record.

    Defect: the segmenter did not stop at the end of the article and ran on into the next one
    (or into the page's headline blocks and pull quotes).
    Example: 人民日报 2023-11-09 p1, record 04 ends ``（新华社杭州11月8日电）`` and then prints
    ``共同推动构建网络空间命运共同体迈向新阶段`` ⏎ ``——习近平主席向…`` ⏎ ``新华社记者``.
    Rule: foreign text starts (a) at the headline lines above a second opening dateline
    (``新华社北京9月9日电``, ``本报讯``) after a sentence end; else (b) at the first line after a
    closing dateline (``（新华社北京8月2日电 记者郝薇薇）``) that is not page furniture or a
    byline, unless it is the article's own ``■`` summary box (the text after the dateline
    starts with ``■``, or a ``■`` line follows only column remnants read out of order: no
    opening dateline and no two comma-less headline-like lines in a row above it); else
    (c) at a run of headline-like blocks (short lines without sentence
    punctuation, bylines, whole-quote blocks) that closes the body after a sentence end: two
    headline lines or two blocks at least, a block of page furniture (a page number) or staff
    credits not counted, and the sentence end read on the article's own text, not on a
    furniture line (the source line under a headline, ``《人民日报》（… 第 20 版）``, ends on
    ``）`` but closes no sentence). The span runs from there to the end of the body.
    The furniture conditions of (c) were shaped by the held-out PDF pages (rmrb2025-pdf: a
    poem's verses under its title and source line, a contact block's last line or a
    sentence cut by the page end above the page number, judged false), which makes that
    source a development source for this rule.
    Limits: Chinese datelines only; English records are judged by (c) alone when they have
    CJK headlines, so English run-ons are not found. Two articles glued without a dateline or
    a headline between them cannot be seen. An opening-dateline line of 40+ characters that
    repeats earlier text of the body is a block read twice (``quote.duplicate-block``), not
    a second article.
    """
    body = record.body
    if not body:
        return
    lay = _analyse(body)
    if lay.foreign:
        a, b, reason = lay.foreign
        yield Hit("body", a, b, f"another article in the body: {reason}")


@check("layout.headline-in-body", severity="warning", fields=("body",))
def headline_in_body(record: ArticleRecord) -> Iterator[Hit]:
    """A headline, subtitle or byline printed inside the body.

    Defect: the segmenter put the headline block (the record's own, or another article's)
    into the body text instead of the ``headline``/``subheadline``/``byline`` fields.
    Example: 人民日报 2023-11-09 p1, record 03's body ends with its own headline block
    ``中国全球百强科技创新集群数量世界第一`` ⏎ ``PCT国际专利申请量连续4年居首``, then 02's.
    Rule: reported are (a) headline blocks in the foreign text ``layout.multiple-articles``
    finds (a blank line splits blocks, except after a ``——`` subtitle line); (b) a headline-like
    line directly followed by a ``——`` subtitle line, after a sentence end, when no later line
    of the subtitle's block has sentence punctuation (a ``——`` opening a hard-wrapped line of
    prose is a dash inside a sentence that runs on to its ``。``: held-out rmrb2025-pdf, which
    shaped this condition and (a)'s, through ``layout.multiple-articles``); (c) lines that
    spell the record's ``headline`` or ``subheadline`` (white space ignored); (d) the
    record's headline opening the body and running on into the first sentence on one line;
    (e) a headline-like run (4-40 characters, no sentence punctuation, no ``记者``) right
    before an opening dateline at a paragraph start, glued or with only a private-use
    separator between (``就废弃茶叶被转手事件发声明本报讯（记者刘俊）``, Sogou samples);
    (f) a ``原标题：…`` line. Staff credit lines (``总监制：邹 明``, ``文/栗思``,
    ``出品︱…``, ``[责任编辑:…]``) are never headlines (magic-zh, readability-zh).
    Limits: a sub-head inside an article (``开放合作：让更多国家人民共享互联网发展成果``,
    ``■运筹：…``, ``核心阅读``) is not reported unless it matches the record's headline; a
    headline glued to the first sentence is found only when it is the record's ``headline``
    or stands before a Chinese opening dateline.
    """
    body = record.body
    if not body:
        return
    lay = _analyse(body)
    spans = list(lay.headlines) + _record_headline_lines(record, body, lay)
    spans += _glued_headline(record, body) + _glued_to_dateline(body)
    spans += _original_headline(body)
    seen: list[tuple[int, int]] = []
    for a, b, message in sorted(spans):
        if any(x < b and a < y for x, y in seen):
            continue
        seen.append((a, b))
        yield Hit("body", a, b, message)


def _wanted_headlines(record: ArticleRecord) -> list[tuple[str, str]]:
    """The record's headline and subheadline, white space removed, 6+ characters."""
    wanted = []
    for name in ("headline", "subheadline"):
        value = record.text(name)
        if value and len(_squeeze(value).lstrip("—")) >= 6:
            wanted.append((name, _squeeze(value).lstrip("—")))
    return wanted


def _record_headline_lines(
    record: ArticleRecord, body: str, lay: _Layout
) -> list[tuple[int, int, str]]:
    """Rule (c): one to three lines that spell the record's headline or subheadline, as the
    first lines or after the article's end (a title quoted inside the article is legitimate)."""
    wanted = _wanted_headlines(record)
    if not wanted:
        return []
    out = []
    lines = _lines(body)
    tail = lay.foreign[0] if lay.foreign else lay.article_end
    for i in range(len(lines)):
        if i > 0 and lines[i].start < tail:
            continue
        joined = ""
        for j in range(i, min(i + 3, len(lines))):
            joined += _squeeze(lines[j].text)
            for name, w in wanted:
                if joined.lstrip("—") == w:
                    message = f"the record's {name} printed in the body"
                    out.append((lines[i].start, lines[j].end, message))
    return out


def _glued_headline(record: ArticleRecord, body: str) -> list[tuple[int, int, str]]:
    """Rule (d): the body opens with the record's headline and runs on into the first
    sentence on the same line (``港报：…拒收２０１１年温州…``)."""
    lines = _lines(body)
    if not lines:
        return []
    first = lines[0]
    s, offs = _squeeze_offsets(first.text)
    for name, w in _wanted_headlines(record):
        if len(s) > len(w) and s.startswith(w) and name == "headline":
            end = first.start + offs[len(w) - 1] + 1
            if body[end : first.start + offs[len(w)]].strip(_WS + "\ue40c") == "" and (
                "\ue40c" not in body[end : first.start + offs[len(w)] + 1]
            ):
                message = "the record's headline glued to the first sentence"
                return [(first.start, end, message)]
    return []


def _original_headline(body: str) -> list[tuple[int, int, str]]:
    """Rule (f): a ``原标题：…`` line, the article's own original headline printed under its
    text by a reposting site."""
    out = []
    if "原标题" not in body:
        return out
    for ln in _lines(body):
        if _ORIGINAL_HEADLINE.fullmatch(ln.text):
            out.append((ln.start, ln.end, "the article's original headline (原标题) in the body"))
    return out


def _glued_to_dateline(body: str) -> list[tuple[int, int, str]]:
    """Rule (e): a headline-like run (4-40 characters, no sentence punctuation, no byline)
    right before an opening dateline at the start of a paragraph, glued or with only a
    private-use separator between (``就废弃茶叶被转手事件发声明本报讯（记者刘俊）``)."""
    out = []
    if _AGENCY_RE.search(body) is None:
        return out  # no opening dateline without an agency's name
    for m in _GLUED_DATELINE.finditer(body):
        head = m.group("head")
        if len(_CJK.findall(head)) >= 4 and not head.endswith("据") and "记者" not in head:
            message = "a headline printed before the opening dateline (no line break)"
            out.append((m.start("head"), m.end("head"), message))
    return out


@check("layout.page-furniture", severity="warning", fields=("body",))
def page_furniture(record: ArticleRecord) -> Iterator[Hit]:
    """Running heads, page numbers, page-editor lines or advert stubs inside the body.

    Defect: the extractor kept the page's furniture (printed around the articles, not part
    of any) in the article text.
    Example: ``人民日报 2023年11月9日 星期四 要闻 1``; ``一版责编：杨`` ⏎⏎ ``旭`` and
    ``第 1 页`` (pdftotext of zh/kings_en_rmrb_retypeset/rmrb_20251020.pdf);
    ``THE WASHINGTON TIMES, MONDAY, …``; ``Page 4``.
    Rule: a whole line that is a People's Daily running head, a ``《人民日报》（…第 01 版）``
    source line, an ``X版责编：`` line, ``第 3 版`` / ``第 14 页``, ``广告`` alone, an English
    all-caps running head with a weekday (the paper's place in parentheses and a ``PAGE N``
    after the date allowed: ``THE INDEPENDENT (HONOLULU), TUESDAY, JUNE 22, 1897. PAGE 1``),
    or ``Page N``; a bare number of 1-3 digits as the first or last line of the body. Lines
    are matched after radicals and compatibility ideographs are mapped to the ideographs
    they stand for (``⼈⺠⽇报 2019年10⽉6⽇ 星期⽇ 要闻 1`` from pdfminer.six / pypdf).
    The patterns are :data:`copydesk.validators.text.FURNITURE`; the sentence and date
    families skip the text of these lines (one defect, one family).
    Limits: furniture glued into a line of text is not found; a page number inside the body
    on a line of its own is left alone (it cannot be told from a wrapped figure).
    """
    body = record.body
    if not body:
        return
    lines = _lines(body)
    for n, ln in enumerate(lines):
        kind = ln.furniture
        if kind is None and n in (0, len(lines) - 1) and len(lines) > 1:
            if _PAGE_NO.fullmatch(ln.text):
                kind = "page number"
        if kind:
            yield Hit(
                "body",
                ln.start,
                ln.end,
                f"page furniture ({kind}) in the body",
                suggestion="remove",
            )


@check("layout.fragmented", severity="warning", fields=("body",))
def fragmented(record: ArticleRecord) -> Iterator[Hit]:
    """A stretch of the body read across a printed page's columns: fragments, not lines.

    Defect: the extractor (a PDF's text layer read by ``pdftotext``, an OCR engine's reading
    order) read the page across its columns instead of down them, so the stretch is a
    sequence of short pieces of different columns, cards and adverts interleaved; neither
    its lines nor its sentences can be put back in order from the text.
    Example: the Pacific Commercial Advertiser, Honolulu, 31 May 1901 (olmOCR-bench's
    ``newspaper.pdf``, its legacy OCR layer by ``pdftotext``): ``I`` ⏎⏎ ``Bid.;`` ⏎
    ``I ;;SCLA1R to-- Boston`` ⏎ ``8; Sundays, 12`` ⏎⏎ ``Rihei Plantation Co.,`` ⏎⏎
    ``ill to 5. 7`` ⏎⏎ ``A Main 385; res. W. 2861.``: a median line of 6 characters.
    Rule: :func:`copydesk.validators.fragments.fragmented_regions`, read from the text's
    analysis (:attr:`TextAnalysis.fragmented`), with the constants of that module: in a text
    from a printed page (``MIN_HYPHENS``, 3, lines or more ending in a word hyphenated
    across a wrap, ``engi-``), a run of ``MIN_LINES`` (12) lines or more (runs fewer than
    ``WINDOW`` (10) lines apart merged) where at least ``SHARE`` (half) of the
    ``2 * WINDOW + 1`` lines around each line are fragments of at most ``FRAGMENT_CELLS``
    (12) half cells (12 Latin characters, 6 ideographs), unless the stretch's longer lines
    form a column (``COLUMN_LINES``, 5, or more, ``COLUMN_SHARE``, 60 %, of them in one
    band of widths ``[w, 1.2 w]``: PyMuPDF cutting a justified column into words, held-out
    batch 3, is one column read in order) or its fragments show no interleaving (none ends
    in a hyphenated wrap and under ``PIECE_SHARE``, a fifth, are pieces of a sentence: open
    in lower case or ending in ``,`` ``;`` ``-``; a list set in one column, review 19).
    Span: the stretch, from its first fragment to its last. ``sentence.line-break`` does
    not report a break beside a fragment of the stretch that closes no sentence (an
    abbreviation's stop, ``Queen St.``, closes none).
    Limits: thresholds were set on the 1901 page (the positive) against hard-wrapped OCR
    and PDF columns (OverProof raw: no 12-line run of such windows; BL OCR, bha19,
    rmrb2025, the BMJ page, the held-out PDF batches 1-3: no stretch, sentence recall
    unchanged) and web text (the
    extraction benchmark, L3S, magic_html: menus and link-cut lines are short too, but
    have no hyphenated wraps, so they are never taken for a printed page). A page read
    across columns whose pieces are long (two wide columns interleaved line by line) is
    not found, nor one without hyphenated wraps (CJK text, a page that sets none). A list
    set in one column whose items are sentence pieces (each ending in ``,``, ditto lines
    ``do.``) is taken for one read across columns; a page read across columns whose
    fragments are whole items (cards of names and addresses only) is not found.
    """
    body = record.body
    if not body:
        return
    for r in analyse(body).fragmented:
        yield Hit(
            "body",
            r.start,
            r.end,
            f"{r.lines} lines read across the page's columns ({r.fragments} fragments of "
            f"{FRAGMENT_CELLS} half cells or fewer: {FRAGMENT_CELLS} Latin characters, "
            f"{FRAGMENT_CELLS // 2} ideographs): no reading order to recover",
        )


@check("layout.side-by-side-columns", severity="error", fields=("body",), linear=True)
def side_by_side_columns(record: ArticleRecord) -> Iterator[Hit]:
    """A block of lines that holds two or more columns of the page side by side.

    Defect: the extractor kept the page's geometry (``pdftotext -layout``): each line holds
    a line of every column, the columns apart by a gutter of spaces, so every line mixes
    sentences of two or more columns and no break in the block is a wrap.
    Example: the Honolulu Independent, 22 June 1897 (OverProof dataset 3, set in three
    columns and printed to PDF, held-out batch 1, ``pdftotext -layout``):
    ``compared to the people of this          eaters and the movement in this        continuous
    progress of British`` ⏎ ``country Great Britain. To begin         direction is a
    natural one almost a    metallurgy has been checked.``; People's Daily, 6 October 2019
    (``感受是，整个三池渊郡如同一个规模宏大的建设工地，一排       化和自动化的专业技术团队``).
    Rule: :func:`copydesk.validators.columns.column_blocks`, with the constants of that
    module: a gutter is a stretch of white space (``MIN_GAP``, 3, characters or more between
    text) that stays white line after line, moving at most ``SHIFT`` (2) positions (the
    gutter of ideographs written on a grid of Latin widths wanders); one with text on both
    sides on ``MIN_ROWS`` (8) lines or more makes a block of those lines; another gutter over
    8 of them with text on both sides on ``SIDE_ROWS`` (4) cuts it into three or more
    columns when every column stays prose. Every column must read as lines
    of prose: a median cell of ``MIN_CELLS`` (16) half cells or more, letters for
    ``LETTER_SHARE`` (60 %) of its characters. Span: the block, from its first line to its
    last. Fix (safe): :func:`copydesk.validators.columns.read_columns` writes the block
    column by column (first column's lines, then the next's); every non-white character is
    kept; the joins of ``sentence.line-break`` then apply.
    In CJK text that does not space its words (not Korean), columns one space apart
    (``pdftotext`` of four narrow CJK columns: ``当天，朝鲜各道、市、郡及 利等20多个国家和地区的
    50多 工程建设``) are found by :func:`copydesk.validators.columns.cjk_space_blocks`: 8 lines
    or more whose one-space gaps between wide characters recur within ``CJK_SPREAD`` (8)
    half cells (a Latin letter or digit one, an ideograph two) of one another, every
    column prose; ``sentence.stray-space`` leaves the gutters of a found block to this check.
    Limits: a table laid out with spaces (a price list, a figure table, names and places)
    has short cells or figures, so it is no block; a column line that runs into the
    gutter (a wide word, a spanning line) ends the block there, so a block cut in two is
    read as two blocks. Lines wider than ``MAX_WIDTH`` (400) are never columns. CJK
    columns one space apart are found on 7 of the 8 such ``pdftotext -layout`` pages of
    held-out batches 1-2 and 1 of the 14 ``pdftotext`` pages, only in part: a line that
    holds one column's text alone (the extractor put a column's line on its own row, at a
    position counted in code points, or wrote a short line by itself) ends the run, and
    runs shorter than 8 lines are not found; a one-space gap beside a Latin letter or
    digit is no gutter.
    """
    body = record.body
    if not body or " " not in body:
        return
    for b in analyse(body).memo(blocks_of):
        yield Hit(
            "body",
            b.start,
            b.end,
            f"{b.last - b.first + 1} lines hold {len(b.cuts[0]) + 1} columns side by side",
            suggestion="read columns",
        )


@check("layout.columns-in-turn", severity="warning", fields=("body",), linear=True)
def columns_in_turn(record: ArticleRecord) -> Iterator[Hit]:
    """A body that reads a page's columns a few lines at a time, in turn.

    Defect: the extractor cut each column into boxes at its vertical gaps and wrote the
    boxes row by row across the page (``pdfminer.six``'s default ``boxes_flow``, plain
    ``pdftotext``), so every few lines the text runs on, after a blank line and in the
    middle of a sentence, into another column; the sentences cannot be read, and joining
    the lines there would glue two columns together.
    Example: the Washington Times, 8 March 1922 (OverProof dataset 3, set in two columns,
    held-out batch 1, ``pdftotext``): ``…Senator Henry Cabot Lodge today the four-power``
    ⏎⏎ ``conference works were nullified, by the Senate.`` ⏎ ``"The miseries and horrors of
    the great war," he`` ⏎ ``said, must never come again if we can do anything`` ⏎⏎
    ``Pacific treaty it puts renewed life in the`` (the first column goes on at
    ``Pacific``); People's Daily, 25 February 2012 (held-out batch 2, ``pdfminer``, its
    radicals read as ideographs): ``…朝美之间的敌对关系是朝鲜半岛核问题产生的原`` ⏎⏎
    ``美国朝鲜政策特别代表戴维斯在会后举行的记者会上`` (the first column goes on at
    ``因。美韩…``, two boxes later).
    Rule: :func:`copydesk.validators.interleave.column_turns`, read from the text's analysis
    (:attr:`TextAnalysis.turns`), with the constants of that module. The **boxes** are the
    runs of lines between blank lines (a box opening with ``■``, a copy set apart, passed
    over); the lines of boxes of two lines or more, at least half the text's lines and
    ``MIN_LINES`` (12), must be hard-wrapped (``FULL_SHARE``, half, of them at least
    ``FULL``, 85 %, of their full-line width, the upper quartile of their widths, itself at
    least ``MIN_WIDTH``, 20 half cells: a list of names or results is no column). A **turn**
    is a blank line after a box of two lines or more whose last line is full and closes no
    sentence; the body reads its columns in turn where ``MIN_TURNS`` (6) or more of the
    blank lines after such boxes are turns, ``TURN_SHARE`` (40 %) of them or more, at most
    ``MAX_LINES_PER_TURN`` (15) lines a turn (a document read in order whose pages end
    mid-sentence turns once a page). Span: from the box before the first turn to the box
    after the last. ``sentence.line-break`` and ``sentence.word-split`` judge no break at a
    turn a wrap, and ``copydesk fix`` joins, dehyphenates or closes up no line break inside
    the span (:func:`copydesk.fix.guards.across_column_turns`: a join at a turn glues two
    columns, and a box joined into one line tells no turn, so a second fix would glue the
    rest). Severity warning, as ``layout.fragmented``: no fix (which box follows which
    cannot be told from the text; extract the page again in reading order: ``pdftotext
    -layout`` and its ``layout.side-by-side-columns`` fix, PyMuPDF, pypdf, or pdfminer with
    ``boxes_flow=None``), and texts of other kinds can look alike (below).
    Found on 11 of the 27 ``pdfminer`` and 5 of the 14 ``pdftotext`` pages of held-out
    batches 1-2 whose labels note a jump in reading order (the rest: boxes of one line,
    words of justified lines scattered into boxes of their own, CJK columns joined line by
    line), each judged true by hand (fixtures/columns-in-turn/verdicts.jsonl, 16 of 16; of
    the 31 pages judged, 30 true, so recall over them 16 of 30), on none of their 87 pages
    read in order; on none of held-out batch 3 (its 3 pages read in turn hold boxes of one
    line); on no real-world record (web extraction, OCR, the People's Daily web text and its
    2025 PDF pages). The review of stop 22 built the negatives the later rules answer: an
    8-page report read in order (its page feet), names in groups, a web page whose only
    boxes are a headline over its byline.
    Limits: a page whose boxes end whole paragraphs (every box closes a sentence) or hold one
    line each is not found, nor a short article with fewer than 6 turns; subtitles in cues
    of two lines, verse in stanzas ending in a comma and hard-wrapped e-mail with quoted
    lines can look alike (the review's constructions; none in the real-world sets); the
    span may open at a headline (a full line that closes no sentence); a turn remapped to
    a paragraph break is one for ``sentence.unbalanced`` too.
    """
    body = record.body
    if not body:
        return
    turns = analyse(body).turns
    if turns is not None:
        yield Hit(
            "body",
            turns.start,
            turns.end,
            f"{turns.turns} of the {turns.blanks} blank lines fall in the middle of a sentence "
            "after a full line: the page's columns are read a few lines at a time, in turn",
        )


def _in_quote_span(record: ArticleRecord, i: int) -> bool:
    """Offset ``i`` of the body lies in a span the quote family reports (a pull-quote copy, a
    duplicate block): that family's findings, not a cut."""
    from copydesk.validators import quotes

    hits = chain(quotes.pull_quote_in_body(record), quotes.duplicate_block(record))
    return any(h.start <= i < h.end for h in hits)


def _find_in_body(quote: str, body: str) -> tuple[str, str] | None:
    """The body's code points just before and just after ``quote`` (white space removed).

    With several copies in the body, the copy with the cleanest boundaries counts (a copy
    the extractor pasted may stand anywhere). A side that borders a heading-like line across a
    line break is a boundary (``''``): a sub-head line has no punctuation to end it.
    """
    s, offs = analyse(body).memo(_squeezed)
    core = _squeeze(quote).strip('“”"■●。！？!?')
    if len(core) < 6:
        return None
    best: tuple[str, str] | None = None
    best_score = 3
    k = s.find(core)
    while k >= 0:
        before, after = s[k - 1 : k], s[k + len(core) : k + len(core) + 1]
        if before and _heading_across_break(body, offs[k - 1] + 1, offs[k], before=True):
            before = ""
        if after and _heading_across_break(body, offs[k + len(core) - 1] + 1, offs[k + len(core)]):
            after = ""
        score = (bool(before) and _word(before)) + (bool(after) and _word(after))
        if score < best_score:
            best, best_score = (before, after), score
        k = s.find(core, k + 1)
    return best


def _squeeze_offsets(text: str) -> tuple[str, list[int]]:
    offs = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in offs), offs


def _squeezed(an: TextAnalysis) -> tuple[str, list[int]]:
    """The body without white space and the offset of each kept code point, built once
    for all the quote entries looked up in it."""
    return _squeeze_offsets(an.text)


def _heading_across_break(body: str, a: int, b: int, *, before: bool = False) -> bool:
    """The white space ``body[a:b]`` holds a newline and the line on the far side is a
    heading-like line (``_is_headline``)."""
    if "\n" not in body[a:b]:
        return False
    if before:
        line = body[body.rfind("\n", 0, a) + 1 : a]
    else:
        nl = body.find("\n", b)
        line = body[b : nl if nl >= 0 else len(body)]
    return _is_headline(line.strip(_WS))


@check("layout.truncated", severity="warning", fields=("body", "quotes"))
def truncated(record: ArticleRecord) -> Iterator[Hit]:
    """A body or a quote entry that starts or ends mid-sentence.

    Defect: the segmenter cut the article (or the pull quote) at a column or page boundary,
    so its first or last sentence is incomplete.
    Example: a body starting ``，加速科技成果转化。``, a body ending ``…广泛认同和积``; a quote
    entry ``构建网络空间命运共同体迈向新阶段`` cut out of ``共同推动构建网络空间…迈向新阶段。``.
    Rule: the body (foreign text and trailing furniture excluded) must not start with
    continuation punctuation (``，。、；：？！）`` or ``,;:``) or an all-lowercase word, nor
    end with ``，、；：“‘（《—-``, nor end in a CJK character without closing punctuation
    unless its last line is a byline, credit, date line, or a short headline-like line
    without ``，`` that stands apart (after a blank line, or with an inner space as in a
    signature ``国家主席　习近平``): a short line right under the text is a paragraph cut
    after its first words (``…携手应对挑战。⏎专利开放许可等制度加快落地，有``). A quote entry
    must not start with continuation punctuation or end with ``，、；：“‘（《—-``; found in
    the body, the body must have punctuation, a line break next to a heading-like line, or
    nothing just before and after it (with several copies, the cleanest one counts).
    Not cuts (precision pass on the real-world set): a staff credit ending the last line
    (``… 来源：中国青年报``) or a name list under a bare credit label (``排版`` ⏎ ``魏蔚``);
    a short capitalised ``See tweets :`` lead-in; OCR specks set apart by spaces
    (``…severely i -``) or glued before an upper-case heading (``;SYDNEY RAGGED SCHOOLS.``);
    an opening label of one to three words (``immunology`` ⏎ ``Cells…``; over a line
    without letters, ``dommerctal`` ⏎ ``16.``: an OCR'd masthead, the 1901 page); a last Sogou
    paragraph (after ``\ue40c``) that is a short heading without a comma (a teaser title
    after ``…［详细］``); a last line that spells the record's headline
    (``layout.headline-in-body``'s: a body that is its headline alone); a CJK end without a
    stop in a one-line body without any ``，、；。！？`` (a schedule, a headline or a caption
    standing in for the article: no prose, SogouCS).
    Limits: a summary-box entry without its final ``。`` is normal and passes; spans already
    reported by the quote family are skipped; a cut between two whole sentences cannot be
    seen; a sub-head left as the last line with one newline above it is reported as a cut;
    a sentence cut right before `` -`` is taken for OCR noise; a CJK body whose last five
    lines (or ``\ue40c`` paragraphs, or space-set runs) hold no ``。！？`` is a list (table of
    contents, schedule, post titles) and passes unless three of its four lines above the last
    share one width of 8 characters or more (a column of prose; names pdftotext split one
    character a line, ``褚⏎君`` on an editor-credit page, are no column: held-out
    rmrb2025-pdf shaped this), so a cut after five stop-less lines of uneven width is
    missed; so are the last three items numbered in sequence without a ``。！？``
    (``２、…⏎３、…⏎４、…计划在深圳启动``, SogouCS), and a cut in such an item or in a short
    comma-less last Sogou paragraph;
    an end in mojibake (a ``?`` glued to a CJK or full-width character in the last 40) is
    not judged.
    """
    body = record.body
    if body:
        yield from _body_cuts(record, body)
    for i, q in enumerate(record.quotes):
        yield from _quote_cuts(f"quotes[{i}]", q, body)


def _edge_lines(body: str) -> list[_Line]:
    """The lines whose edges are judged: page furniture and boilerplate residue lines
    (``Share this:``, ``责任编辑：王某``, ``Related: …``, which ``layout.boilerplate``
    reports) at the start and the end of the body are left out."""
    lines = [ln for ln in _lines(body) if not ln.furniture]
    while lines and line_kind(lines[-1].text):
        lines.pop()
    while lines and line_kind(lines[0].text):
        lines.pop(0)
    return lines


def _starts_cut(t: str) -> bool:
    """The first line starts with a continuation, and is not an English byline
    (``by Jeff Foust``) or a link."""
    return bool(_CONT_START_RE.match(t)) and not (
        _EN_BYLINE.match(t) or _URLISH.match(t) or _speck_before_heading(t)
    )


_CAPS_HEADING = re.compile(r"[^\w\s]{1,2}\s?(?=[A-Z])([A-Z][A-Z'’&.,\- ]{7,})$")


def _speck_before_heading(t: str) -> bool:
    """One or two marks of OCR noise glued to an upper-case heading line
    (``;SYDNEY RAGGED SCHOOLS.`` in OverProof): the article starts at its heading, the marks
    are specks on the scan, not the end of a cut sentence."""
    m = _CAPS_HEADING.match(t)
    return bool(m) and sum(c.isalpha() for c in m.group(1)) >= 8


def _label_opening(lines: list[_Line]) -> bool:
    """The body opens with a short label line of one to three words without punctuation
    (a section label ``immunology``, a menu ``newspapers`` ⏎ ``web sites``, an OCR'd heading
    ``general TVUninfj Hews``, an OCR'd masthead ``dommerctal``) followed by a line that
    starts with a capital, is another such label, or holds no letter (a number or date
    line: ``dommerctal`` ⏎ ``16.``): page furniture, not the tail of a cut sentence (a cut
    opening runs on as prose: ``who take exceptions to some particulars a``). Before a line
    without letters the label must not end in a function word: ``was reported in`` ⏎
    ``1998.`` is a cut sentence running on into its figure."""
    if len(lines) < 2 or not _LABEL_LINE.fullmatch(lines[0].text):
        return False
    nxt = lines[1].text
    if not any(c.isalpha() for c in nxt):
        return lines[0].text.rsplit(" ", 1)[-1].lower() not in _FUNCTION_WORDS
    return nxt[0].isupper() or bool(_LABEL_LINE.fullmatch(nxt))


def _credit_tail(t: str) -> bool:
    """The text after one of the line's last sentence ends or ideographic spaces is a
    credit, byline or source (``…已经死亡。记者李志宏``, ``…全过程。　新华社记者裴鑫摄``,
    ``…据新华社``, ``…。　摄影／新京报记者　尹亚飞``)."""
    base = max(0, len(t) - 40)
    for m in _TAIL_SEP.finditer(t, base):
        tail = t[m.end() :].strip(_WS + "\ue40c")
        if tail and (
            _TAIL_CREDIT.fullmatch(tail) or _CREDIT.fullmatch(tail) or _META.fullmatch(tail)
        ):
            return True
    return False


def _lead_in(t: str) -> bool:
    """A Latin line ending in ``:`` right after a word (``Watch the footage below:``), or
    after a space on a short line of its own that starts with a capital (``See tweets :``;
    an OCR line end ``the cause of the⏎accident :`` is a wrapped sentence): the lead-in to
    an embed (a tweet, a video, a gallery) that web extraction drops, not a cut."""
    return bool(_LEAD_IN_END.search(t)) and not _CJK.search(t[-20:])


def _list_tail(text: str) -> bool:
    """The text ends on a list: its last five items (lines, ``\ue40c`` paragraphs, or runs
    set apart by a space next to a CJK character) hold no sentence end ``。！？!?``: a
    table of contents, a schedule (``第十一站：…小学``), a list of post titles; or its last
    three items are numbered in sequence (:func:`_numbered_tail`). Its last item is whole;
    prose cut mid-sentence has a full stop within its last five lines, and a column of prose
    wrapped at one width (three of the four lines above as long, 8 characters or more: a
    column is no narrower, and names split one character a line by pdftotext, ``褚⏎君``,
    are no column) is not a list."""
    items = [x for x in _LIST_SPLIT.split(text[-600:]) if x.strip(_WS)]
    if _numbered_tail(items[-_NUMBERED_ITEMS:]):
        return True
    tail = items[-_LIST_ITEMS:]
    if len(tail) < _LIST_ITEMS or not _CJK.search(tail[-1]):
        return False
    widths = Counter(n for x in tail[:-1] if (n := len(x.strip(_WS))) >= _COLUMN_MIN)
    if widths and widths.most_common(1)[0][1] >= 3:
        return False  # lines of one width: a column of prose wrapped by the layout
    return not any(_LIST_STOP.search(x) for x in tail)


def _numbered_tail(items: list[str]) -> bool:
    """Three items numbered in sequence (``２、…``, ``３、…``, ``４、…``), none with a
    sentence end: a numbered list says where each item starts, so three are evidence
    enough (SogouCS: ``４、２００９年１月９日，…计划在深圳启动``)."""
    if len(items) < _NUMBERED_ITEMS or any(_LIST_STOP.search(x) for x in items):
        return False
    marks = [_NUMBERED_ITEM.match(x) for x in items]
    if not all(marks):
        return False
    numbers = [int(m[1]) for m in marks if m]
    return all(b == a + 1 for a, b in pairwise(numbers))


def _garbled_end(t: str) -> bool:
    """The line's last 40 characters are mojibake: a ``?`` (an undecodable byte) glued to a
    CJK or full-width character (``…Ｗ髡撸汉?啸　梁路峰``, Sogou GBK damage). Where the
    text ends cannot be read there; the ``encoding`` family reports the damage."""
    return bool(_GARBLED.search(t[-40:]))


def _ocr_noise_end(t: str) -> bool:
    """The line ends on OCR specks set apart by spaces (``…shaken severely i -``,
    ``…of Now Zealand, , - - -``): noise for a full stop or a rule, not a word hyphenated
    at the edge (``build-``, which has no space before its hyphen)."""
    return bool(_NOISE_END.search(t))


def _ends_cut(body: str, lines: list[_Line], last: _Line) -> bool:
    """The last line of the article ends mid-sentence (see ``truncated``'s rule)."""
    t = last.text
    if _CLOSE_DATELINE.fullmatch(t) or _credit_tail(t) or _STAFF_CREDIT_TAIL.search(t):
        return False
    if _credit_block_end(lines, lines.index(last)) or _ocr_noise_end(t):
        return False
    if _list_tail(body[: last.end]) or _garbled_end(t):
        return False
    if t[-1] in _CUT_END:
        return not _lead_in(t)
    return bool(_CJK.fullmatch(t[-1])) and not (
        _is_byline(t)
        or _standalone_short_line(body, lines, last)
        or _heading_paragraph_end(t)
        or _not_prose(body)
        or _CREDIT.fullmatch(t)
        or _TAIL_CREDIT.fullmatch(t)
        or _DATE_LINE.fullmatch(t)
    )


def _body_cuts(record: ArticleRecord, body: str) -> Iterator[Hit]:
    lay = _analyse(body)
    lines = _edge_lines(body)
    if lines and _starts_cut(lines[0].text) and not _label_opening(lines):
        start = lines[0].start
        yield Hit("body", start, start + 1, "body starts mid-sentence (with a continuation)")
    last = next((ln for ln in reversed(lines) if ln.end <= lay.article_end), None)
    if last and _ends_cut(body, lines, last) and not _spells_headline(record, last):
        i = last.end - 1
        in_foreign = lay.foreign is not None and lay.foreign[0] <= i < lay.foreign[1]
        if not in_foreign and not _in_quote_span(record, i):  # the quote spans, only now
            yield Hit("body", i, last.end, "body ends mid-sentence")


def _spells_headline(record: ArticleRecord, ln: _Line) -> bool:
    """Line ``ln`` spells the record's headline or subheadline (white space ignored): a
    headline needs no full stop, and ``layout.headline-in-body`` reports the line (a body
    that is its headline alone, SogouCS)."""
    line = _squeeze(ln.text).lstrip("—")
    return any(line == w for _, w in _wanted_headlines(record))


def _quote_cuts(name: str, q: str, body: str | None) -> Iterator[Hit]:
    """A quote entry cut at its edges, or cut out of the middle of a body sentence."""
    t = q.strip()
    if not t:
        return
    off = len(q) - len(q.lstrip())
    end = off + len(t)
    if t[0] in _CONT_START:
        yield Hit(name, off, off + 1, "quote entry starts mid-sentence")
    elif t[-1] in _CUT_END:
        yield Hit(name, end - 1, end, "quote entry ends mid-sentence")
    elif body:
        around = _find_in_body(t, body)
        if around:
            before, after = around
            if before and _word(before) and _word(t[0]):
                yield Hit(
                    name, off, off + 1, "quote entry starts mid-sentence of the body it came from"
                )
            if after and _word(after) and _word(t[-1]):
                yield Hit(
                    name, end - 1, end, "quote entry ends mid-sentence of the body it came from"
                )


def _standalone_short_line(body: str, lines: list[_Line], ln: _Line) -> bool:
    """A short heading-like line that stands apart: a signature (``国家主席　习近平``) or a
    heading set off by a blank line. A line with a ``，`` is prose; a heading-like line
    right under the text (one newline, no inner space) is the start of a cut paragraph
    (``专利开放许可等制度加快落地，有``, ``专利密集型产业和版权产业``)."""
    t = ln.text
    if not (_is_headline(t) and len(t) <= 20) or "，" in t or "," in t:
        return False
    i = lines.index(ln)
    apart = i == 0 or body.count("\n", lines[i - 1].end, ln.start) >= 2
    return apart or _INNER_SPACE.search(t) is not None


def _not_prose(body: str) -> bool:
    """A body of one line (paragraphs set apart by ``\ue40c`` at most) without one clause
    or sentence mark (``，、；。！？``): a schedule (``２６日０４：１７男子５０００米``), a
    headline or a one-clause caption standing in for the article (SogouCS), not prose, so
    an end without a stop is no sign of a cut. Lines of a column of prose may hold no mark
    over several lines (``…加快落⏎地并完善…``) and stay judged."""
    return _CLAUSE_MARK.search(body) is None and "\n" not in body.strip()


def _heading_paragraph_end(t: str) -> bool:
    """The line's last paragraph, after a Sogou paragraph mark ``\ue40c`` (a mark of flowed
    text, never a wrap), is a short heading-like one: a teaser title whose summary the page
    did not keep (``…［详细］``, ``志愿者积极参与中华红丝带家园支教活动``), whole."""
    _, mark, last = t.rpartition("\ue40c")
    last = last.strip(_WS)
    return bool(mark) and _is_headline(last) and len(last) <= 20 and not _COMMA.search(last)


def _word(c: str) -> bool:
    return c.isalnum()
