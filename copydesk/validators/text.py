"""Shared text helpers: script classes, sentence ends, paired marks, lines with offsets.

Pure functions over ``str``; every offset is a code-point offset into the text as given.
Other families import from here, so the public names below are stable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from copydesk.patterns import lazy_compile

if TYPE_CHECKING:
    from copydesk.record import ArticleRecord

#: Han ideographs (unified, extension A, compatibility) as a regex character-class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Han plus kana and hangul: the scripts written without spaces between words.
CJK = HAN + "\u3040-\u30ff\uac00-\ud7af"
#: Full-width / CJK punctuation and symbols (ideographic space excluded).
CJK_PUNCT = (
    "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2014\u2026\u00b7\u201c\u201d\u2018\u2019\u25a0"
)

CJK_RE = re.compile(f"[{CJK}]")
HAN_RE = lazy_compile(f"[{HAN}]")
CJK_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")

#: The agencies whose name then ``讯`` opens a report (``本报讯``, ``新华社讯``).
_XUN_AGENCY = "(?:本报|新华社|中新社|新华网|人民网)"
_DAY_DIGITS = "[ \u3000]*[0-9０-９]{1,2}[ \u3000]*"
#: An opening dateline at the start of a line, whole, one pattern read by profile, sentence,
#: boilerplate and layout. It accepts:
#:
#: - a place and a day then ``电``, ``電`` or ``讯``, followed by a space, a bracket or the
#:   line end: ``新华社北京2月1日电 ``, ``本报北京11月8日电（记者刘志强）``,
#:   ``据新华社北京11月8日电``, ``本报乌鲁木齐10月19日讯``, ``中央社台北10月19日電``; spaces
#:   around the digits and full-width digits as PDFs and OCR set them
#:   (``新华社北京 11 月 8 日电``, ``１１月８日电``);
#: - an agency then ``讯`` at once, with nothing asked after it (OCR drops the space:
#:   ``本报讯在伟大领袖…``, bha19), unless ``员`` follows;
#: - an agency, a place of one to four ideographs, then ``讯`` and a space, a bracket or the
#:   line end (``本报北京讯 ``, ``本报综合讯（记者…）``).
#:
#: It does not accept a day's ``电`` run on into a word (``双方2月1日电话…``), nor an agency's
#: name whose ``讯`` is part of another word: ``本报通讯员了解到``, ``新华社记者近日在通讯…``,
#: ``新华社发布快讯称``, ``本报今日收到读者来讯``; nor a dateline the OCR split across lines.
#: A line opening so starts a report: it continues no sentence. Shaped on the seed, the
#: Sogou/people.cn sets and bha19; review 19 gave back the spaced and ``讯``/``電`` forms the
#: old per-module patterns (layout, boilerplate) had read.
_OPENING_DATELINE_SOURCE = (
    rf"[ \u3000]*(?:据)?(?:[{HAN}、·]{{0,24}}?{_DAY_DIGITS}月{_DAY_DIGITS}日[ \u3000]*[电電讯]"
    r"(?=[ \u3000（(]|$)"
    rf"|{_XUN_AGENCY}(?:讯(?!员)|[{HAN}]{{1,4}}?讯(?=[ \u3000（(]|$)))"
)
OPENING_DATELINE = lazy_compile(_OPENING_DATELINE_SOURCE)
#: The news agencies and papers that sign an opening dateline (``新华社``, ``本报`` …).
AGENCY = r"(?:新华社|本报|中新社|人民日报|人民网|央视网?|中国日报|经济日报|光明日报)"
#: An opening dateline that names its agency (``据新华社北京11月8日电``, ``本报讯``), to be
#: found inside a line: the second pattern of a dateline, for a different question.
#: :data:`OPENING_DATELINE` reads a line's start, where a place and a day then ``电`` start
#: a report (``杭州11月8日电``); inside a paragraph (a headline glued to the dateline,
#: ``layout.headline-in-body``) only the agency's name tells where the words before end and
#: the dateline starts, and a day then ``电`` without one is no dateline (``双方2月1日电话``).
AGENCY_DATELINE_SOURCE = (
    rf"(?:据)?{AGENCY}[^，。\n（）()]{{0,14}}?[0-9０-９]{{1,2}}\s*月\s*[0-9０-９]{{1,2}}\s*日\s*[电讯]"
    rf"|{AGENCY}讯"
)
#: :data:`OPENING_DATELINE` and the byline in brackets that may follow it
#: (``本报北京11月8日电（记者刘志强）``): the dateline's whole span (a source, for patterns
#: that read it at every line start, ``^`` and ``re.MULTILINE``, or a whole line).
DATELINE_AND_BYLINE_SOURCE = (
    _OPENING_DATELINE_SOURCE + r"(?:[ \u3000]*[（(][^（）()\n]{0,30}[）)])?"
)

#: Marks that end a sentence (CJK and Latin).
SENTENCE_END = frozenset("。！？!?…．.")
#: Closing marks that may follow a sentence end (``。”``, ``！）``).
CLOSERS = frozenset("”’」』）》〉】)]\"'")
#: Marks after which a paragraph may legitimately end without a sentence end: a lead-in.
LEAD_IN_END = frozenset("：:")
#: Marks that cannot end a paragraph: the sentence goes on after them.
NON_FINAL = frozenset("，、；“‘《（〈【「『,(")

#: English words a line ends in when its sentence runs on into the next: articles,
#: prepositions, conjunctions (``…prepared only of⏎J. MACGREGOR``).
EN_RUN_ON_WORDS: tuple[str, ...] = (
    "the", "a", "an", "of", "and", "or", "nor", "to", "in", "on", "at", "by", "for", "from",
    "with", "into", "upon", "as", "than", "that",
)  # fmt: skip
#: English function words: a line ending in one has not ended its sentence
#: (:data:`EN_RUN_ON_WORDS` and conjunctions, pronouns, auxiliaries).
EN_FUNCTION_WORDS: tuple[str, ...] = (
    *EN_RUN_ON_WORDS,
    "but", "which", "who", "whose", "his", "her", "its", "their", "our", "this", "these",
    "those", "was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would",
    "shall", "should", "not", "very", "said",
)  # fmt: skip
#: English titles written abbreviated before a name (``Mr.``, ``Capt.``): their full stop
#: ends no sentence. Each rule adds the abbreviations it needs (ranks, months, firms).
EN_TITLES: tuple[str, ...] = (
    "Mr", "Mrs", "Messrs", "Dr", "Rev", "Capt", "Col", "Gen", "Lieut", "Prof", "Hon",
)  # fmt: skip


#: Abbreviations no English sentence ends on, which every abbreviation list of the rules
#: holds: :data:`EN_TITLES`, offices and ranks, places, firms, numbers and the short
#: months (``Gov.``, ``St.``, ``Co.``, ``No.``, ``Sept.``). Each rule adds its own
#: (``sentence.line-break``: ``vs.``; the quote family: initials and old given names;
#: ``sentence.glued``: streets, units, German and Russian ones).
EN_ABBREVIATIONS: tuple[str, ...] = (
    *EN_TITLES,
    "Gov", "Sen", "Rep", "Sgt", "Maj", "St", "Mt", "Ft", "No", "Nos", "Co", "Bros",
    "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip


def word_alternation(words: tuple[str, ...] | list[str]) -> str:
    """``words`` as a regular-expression alternation (``the|a|an``), each escaped."""
    return "|".join(re.escape(w) for w in words)


#: Marks that cannot begin a paragraph: they continue the text before them.
NON_INITIAL = frozenset("，。、；：？！）》〉】」』”’%,;.!?)]")

#: Paired marks: opening -> closing.
PAIRS: dict[str, str] = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "「": "」",
    "『": "』",
    "〈": "〉",
    "【": "】",
}
CLOSING_OF: dict[str, str] = {v: k for k, v in PAIRS.items()}

#: Horizontal whitespace (not newlines), ideographic space included.
HSPACE = " \t\u00a0\u3000"


def is_cjk(ch: str) -> bool:
    """True for a Han ideograph, kana or hangul syllable."""
    return bool(ch) and CJK_RE.match(ch) is not None


def is_han(ch: str) -> bool:
    """True for a Han ideograph (unified, extension A or compatibility block)."""
    return bool(ch) and HAN_RE.match(ch) is not None


def is_cjk_punct(ch: str) -> bool:
    """True for full-width punctuation and the CJK marks of :data:`CJK_PUNCT`."""
    return bool(ch) and CJK_PUNCT_RE.match(ch) is not None


_WIDE_RE = lazy_compile(f"[{CJK}{CJK_PUNCT}\u3000]")


def display_width(s: str) -> float:
    """Width in ideograph cells: CJK characters and full-width marks 1, others 1/2."""
    return 0.5 * len(s) + 0.5 * len(_WIDE_RE.findall(s))


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with a sentence end, closing marks after it allowed.

    >>> ends_sentence("共同创造人类更加美好的未来！”"), ends_sentence("网络空")
    (True, False)
    """
    s = line.rstrip(HSPACE)
    while s and s[-1] in CLOSERS:
        s = s[:-1].rstrip(HSPACE)
    return bool(s) and s[-1] in SENTENCE_END


def last_mark(line: str) -> str:
    """The last character of ``line`` that is not horizontal whitespace ('' if none)."""
    s = line.rstrip(HSPACE)
    return s[-1] if s else ""


class Line(NamedTuple):
    """One line of a text: ``text[start:end]``, without its newline."""

    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets (``\\r\\n`` and ``\\r`` count as newlines)."""
    if "\r" in text:
        bounds = [(m.start(), m.end()) for m in _NEWLINE.finditer(text)]
        starts = [0, *(b for _, b in bounds)]
        ends = [*(a for a, _ in bounds), len(text)]
        return [Line(a, b, text[a:b]) for a, b in zip(starts, ends, strict=True)]
    out: list[Line] = []
    pos = 0
    for part in text.split("\n"):
        end = pos + len(part)
        out.append(Line(pos, end, part))
        pos = end + 1
    return out


_NEWLINE = re.compile(r"\r\n|\r|\n")
#: A break between two lines: horizontal space, one or more newlines (blank lines), space.
BREAK_RE = re.compile(r"[ \t\u00a0]*(?:\r\n|\r|\n)(?:[ \t\u00a0]*(?:\r\n|\r|\n))*[ \t\u00a0]*")
#: From a newline to the end of its :data:`BREAK_RE` run: found without trying every position
#: of the text for leading spaces (the run's spaces before its newline are added after).
_NEWLINE_RUN = re.compile(r"[\r\n][ \t\u00a0\r\n]*")


class Break(NamedTuple):
    """A newline run between two non-blank lines, with the lines either side."""

    start: int  # start of the run (trailing spaces of the line before included)
    end: int  # end of the run (leading ASCII spaces of the line after included)
    before: str  # the line before, up to the run
    after: str  # the line after, from the end of the run
    newlines: int  # how many newlines the run holds (2 or more: blank lines)


def breaks(text: str) -> Iterator[Break]:
    """Every newline run of ``text`` that has text on both sides.

    The run takes the spaces around it (not the full-width indent ``\\u3000``, which is the
    next paragraph's own); ``before``/``after`` are the neighbouring lines. One pass over the
    text: the line after a run ends where the next run's first newline is.
    """
    runs = [m.span() for m in _NEWLINE_RUN.finditer(text)]
    n = len(text)
    cr = "\r" in text
    line_start = 0  # where the line before the next run starts: after the last run's newline
    for k, (nl, e) in enumerate(runs):
        s = nl
        while s and text[s - 1] in " \t\u00a0":
            s -= 1
        if s and e != n:
            after_end = runs[k + 1][0] if k + 1 < len(runs) else n
            count = text.count("\n", nl, e)
            if cr:
                count += text.count("\r", nl, e) - text.count("\r\n", nl, e)
            yield Break(s, e, text[line_start:s], text[e:after_end], count)
        last = (
            max(text.rfind("\n", nl, e), text.rfind("\r", nl, e)) if cr else text.rfind("\n", nl, e)
        )
        line_start = last + 1


def unbalanced_marks(text: str) -> tuple[list[int], list[int]]:
    """Positions of paired marks in ``text`` left open, and closing marks never opened.

    Nesting is tracked per pair type with a stack; a closing mark with no opener of its own
    type is reported as unmatched. One regex pass visits the marks only.
    """
    stacks: dict[str, list[int]] = {}
    unmatched: list[int] = []
    for m in _PAIR_MARK.finditer(text):
        ch = m.group()
        if ch in PAIRS:
            stacks.setdefault(ch, []).append(m.start())
        else:
            st = stacks.get(CLOSING_OF[ch])
            if st:
                st.pop()
            else:
                unmatched.append(m.start())
    opened = sorted(i for st in stacks.values() for i in st)
    return opened, unmatched


#: Any mark of :data:`PAIRS`, opening or closing.
_PAIR_MARK = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSING_OF)) + "]")


def iter_fields(record: ArticleRecord, names: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """``(field name, text)`` for each named text field the record has.

    ``quotes`` expands to ``quotes[0]``, ``quotes[1]``, ...; ``body`` is the body text
    (``paragraphs`` joined with ``\\n``).
    """
    for name in names:
        if name == "quotes":
            value = record.data.get("quotes")
            items = value if isinstance(value, list) else [value]
            for i, q in enumerate(items):
                if isinstance(q, str) and q:
                    yield f"quotes[{i}]", q
            continue
        text = record.text(name)
        if text:
            yield name, text


# -- page furniture ----------------------------------------------------------------------
#: Page furniture as whole lines: running heads, page source lines, page-editor and credit
#: lines, page numbers, advert stubs. ``layout.page-furniture`` reports them; the other
#: families leave the text of a furniture line alone (DESIGN.md §3: one defect, one family).
FURNITURE: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"人民日报\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期[一二三四五六日天]"
            r"(?:\s*[\u4e00-\u9fff]{1,6})?(?:\s*\d{1,2})?"
        ),
        "running head",
    ),
    (
        re.compile(
            r"《人民日报》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*第\s*\d{1,3}\s*版\s*[）)]"
        ),
        "page source line",
    ),
    (
        re.compile(r"(?:[一二三四五六七八九十\d]{1,3}|本)\s*版\s*责\s*编\s*[：:].{0,12}"),
        "page editor line",
    ),
    (re.compile(r"第\s*[\d一二三四五六七八九十]{1,3}\s*[版页]"), "page number"),
    (
        re.compile(r"(?:本版统筹|版式设计|美术编辑|图片编辑|本版制图)\s*[：:].{0,20}"),
        "page credit line",
    ),
    (re.compile(r"广\s*告"), "advert stub"),
    (
        re.compile(
            r"(?:THE\s+)?[A-Z][A-Z.&'()\- ]{3,40},?\s+(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|"
            r"FRIDAY|SATURDAY|SUNDAY),?\s+(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|"
            r"AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b[A-Z0-9 ,.\-]{0,30}"
        ),
        "running head",
    ),
    (re.compile(r"(?:Page|PAGE)\s+\d{1,3}"), "page number"),
]
_FURNITURE_STRIP = " \t\r\f\v\u3000\u00a0"
#: :data:`FURNITURE` as one pattern, an alternative (a named group) per kind, in order: a
#: whole line is matched once, and the first kind that fits is the named group that matched.
_FURNITURE_ANY = lazy_compile(
    "|".join(f"(?P<f{i}>{p.pattern})" for i, (p, _) in enumerate(FURNITURE)), gate=True
)
_FURNITURE_KIND = {f"f{i}": kind for i, (_, kind) in enumerate(FURNITURE)}


#: Radicals-supplement forms with no NFKC mapping that extractors emit for a common
#: ideograph (the unified ideograph each one stands for). ``encoding.compat-char`` reports
#: them; :func:`normalise_ideographs` maps them.
RADICAL_STANDS_FOR: dict[str, str] = {
    "\u2ea0": "民",
    "\u2ebc": "月",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed7": "雨",
    "\u2ed8": "青",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2edd": "食",
    "\u2ee2": "马",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eea": "黾",
    "\u2eec": "齐",
    "\u2eed": "齿",
    "\u2ef0": "龙",
    "\u2ef3": "龟",
}
_RADICAL_RUN = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


def _one_ideograph(m: re.Match[str]) -> str:
    c = m.group()
    if c in RADICAL_STANDS_FOR:
        return RADICAL_STANDS_FOR[c]
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def normalise_ideographs(text: str) -> str:
    """``text`` with Kangxi radicals, CJK radicals and compatibility ideographs replaced by
    the ideographs they stand for (NFKC, then :data:`RADICAL_STANDS_FOR`), one code point
    for one, so every offset stays valid: ``⼈⺠⽇报`` -> ``人民日报``."""
    if _RADICAL_RUN.search(text) is None:
        return text
    return _RADICAL_RUN.sub(_one_ideograph, text)


def furniture(line: str) -> str | None:
    """What kind of page furniture the stripped line ``line`` is, or ``None``.

    Matched on :func:`normalise_ideographs` of the line, so a running head a PDF extractor
    printed with radicals (``⼈⺠⽇报 2019年10⽉6⽇ 星期⽇ 要闻 1``) is furniture too.
    """
    return furniture_at(normalise_ideographs(line), 0, len(line))


def furniture_at(normalised: str, start: int, end: int) -> str | None:
    """:func:`furniture` of ``normalised[start:end]``, a stripped line of a text already
    through :func:`normalise_ideographs` (``TextAnalysis.normalised``), without copying it."""
    m = _FURNITURE_ANY.fullmatch(normalised, start, end)
    return None if m is None else _FURNITURE_KIND[m.lastgroup]  # type: ignore[index]


def furniture_span(normalised: str, ln: Line) -> tuple[int, int] | None:
    """``(start, end)`` of the line ``ln`` when it is page furniture, white space around it
    excluded; ``normalised`` is :func:`normalise_ideographs` of the text ``ln`` is a line of."""
    a = ln.start + len(ln.text) - len(ln.text.lstrip(_FURNITURE_STRIP))
    b = ln.start + len(ln.text.rstrip(_FURNITURE_STRIP))
    return (a, b) if a < b and furniture_at(normalised, a, b) else None


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` that is page furniture, white space around
    it excluded: the spans ``layout.page-furniture`` owns."""
    normalised = normalise_ideographs(text)
    return [span for ln in lines(text) if (span := furniture_span(normalised, ln)) is not None]
