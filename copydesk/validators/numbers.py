"""Find every date expression and every figure in a text, with exact spans and values.

This is a helper module (no checks): the ``date`` and ``figure`` families build on it, and the
text families call :func:`date_spans` / :func:`figure_spans` to skip whitespace those two
families own (DESIGN.md §3). Spans are half-open code-point offsets into the text as given and
*include* any whitespace or line break that cuts the expression (``11 月 8 日`` is one span,
``4512.2 万⏎件`` is one span) but never leading or trailing whitespace.

Dates (:class:`DateExpr`): ``2023年11月8日``, ``11月8日``, ``8日``, ``2023年9月``, year ranges
``2023—2025年``, day ranges ``11月8日至10日``, ``二〇二三年十一月八日``, relative ``今年10月`` /
``上月29日``, also when whitespace cuts the word: ``明⏎年11月``), a weekday after a date
(``11月8日（星期三）``, ``2019年10月6日 星期日``), ISO ``2023-11-08``, English
``Nov. 8``, ``November 8, 2023``, ``8 November 2023``, ``Monday, June 21, 1871``.
A bare number before ``年`` is a year only when it has four digits (``2015年``); ``10年`` is a
duration and so a figure. ``号`` and Chinese-numeral days count only after a month.

Figures (:class:`Figure`): integers and decimals, ``,`` thousands separators, full-width
digits, multipliers ``万``/``亿``/``千万`` …, ``%``/``‰``/``个百分点`` and Chinese measure
words and units (``件``, ``条``, ``万元``, ``平方公里`` …), ordinals (``第12位``, ``第二届``),
Chinese numerals before a measure word (``四项``, ``百强``), English ``$5,000``,
``2.5 million``, ``20 per cent``. Numbers inside a date are not figures.

Chinese numerals are converted with ``cn2an`` (``smart`` mode), measured on the forms above:
it handles ``二〇一一``, ``十一``, ``两百``, ``一万二千``, ``零点五``. It does not handle a
numeral that starts with a bare ``十``/``百``/``千`` unit other than ``十`` (``百`` alone
raises), nor a numeral glued to a measure word (``四项``, ``百强`` raise): this module splits
the measure word off first and prefixes ``一`` to a leading ``百``/``千``/``万``/``亿``.
Numerals with ``○``/``Ｏ`` (circle or letter O used for zero) are mapped to ``〇`` first.

Radicals and compatibility ideographs a PDF extractor printed for ideographs (``9⽉9⽇``,
``20多公⾥``) are read as the ideographs they stand for
(:func:`copydesk.validators.text.normalise_ideographs`, one code point for one, so offsets
hold); the ``text`` of an expression is then the normalised text.

Parse once: the dates and the figures of a text are tables of its analysis
(:func:`dates_table`, :func:`figures_table`, read through
:meth:`copydesk.validators.analysis.TextAnalysis.memo`), built by whichever check asks first
and read by every date, figure and text rule. The patterns run only around cheap anchors
(a ``年月日号``, a month name, a run of digits or numerals: :data:`ANCHORED`,
:mod:`copydesk.validators.anchored`), with exactly the matches of a whole-text scan.
``cn2an`` is imported on the first numeral that needs it.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from copydesk.patterns import lazy_compile
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.anchored import Anchor
from copydesk.validators.numerals import standard_value
from copydesk.validators.text import furniture_span, normalise_ideographs

# --- building blocks -------------------------------------------------------------------

#: Whitespace allowed inside an expression (a glyph-positioning space, a column wrap).
_W = r"\s{0,8}"
_DIG = "0-9０-９"
_ZH_DIGITS = "〇零○Ｏ一二两三四五六七八九"
_ZH_NUM = _ZH_DIGITS + "十百千万亿"

_YEAR = rf"(?:[{_DIG}]{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})"
#: A month or day number: one or two digits, or a Chinese numeral up to 三十一.
MD_NUM = rf"(?:[{_DIG}]{{1,2}}|[一二三四五六七八九十]{{1,3}})"
_REL_YEAR_WORDS = ("今年", "去年", "明年", "前年", "上年", "当年", "同年", "次年", "翌年", "本年")
#: A relative year word; a space or a column wrap may cut it (``预计到明⏎年11月``).
_REL_YEAR = "|".join(rf"{w[0]}{_W}{w[1]}" for w in _REL_YEAR_WORDS)
_REL_MONTH = "本月|上月|下月|当月|同月|次月"
_RANGE = r"(?:至|到|—|–|－|-|~|～)"
_WEEKDAYS = "一二三四五六日天"

_YEAR_RE = re.compile(rf"(?P<y>{_YEAR}){_W}年")
_YEAR_RANGE_RE = re.compile(rf"(?P<y>{_YEAR}){_W}{_RANGE}{_W}(?P<y2>{_YEAR}){_W}年")
_REL_YEAR_RE = re.compile(rf"(?P<rel>{_REL_YEAR})")
_MONTH_RE = re.compile(rf"(?P<m>{MD_NUM}){_W}月")
_REL_MONTH_RE = re.compile(rf"(?P<rel>{_REL_MONTH})")
_DAY_RE = re.compile(rf"(?P<d>{MD_NUM}){_W}(?P<u>[日号])(?!元)")
_CONNECT_RE = re.compile(rf"{_W}{_RANGE}{_W}")
_WEEKDAY_RE = re.compile(
    rf"{_W}(?P<open>[（(])?{_W}(?:星期|礼拜|周)(?P<wd>[{_WEEKDAYS}])(?(open){_W}[）)])"
)

#: Where a Chinese date may start: a unit after a number, or a relative word. Gated
#: (:func:`copydesk.patterns.gated`: a lookahead for a digit, a numeral or a relative word's
#: first character fails at once where the alternatives would each be tried).
_ZH_ANCHOR = lazy_compile(
    rf"(?<![{_DIG}.．])[{_DIG}]{{1,4}}{_W}(?:[年月日号]|{_RANGE}{_W}[{_DIG}]{{4}}{_W}年)"
    rf"|(?<![{_ZH_NUM}])[〇零○Ｏ一二三四五六七八九十]{{1,4}}{_W}[年月]"
    rf"|{_REL_YEAR}|{_REL_MONTH}",
    gate=True,
)

#: English month names and abbreviations (lower case) and their numbers.
EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: An English month name or abbreviation, capitalised.
EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_EN_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_MDY = lazy_compile(
    rf"(?:(?P<wd>{_EN_WD}),?\s{{1,3}})?\b(?P<mon>{EN_MONTH})(?:\.|\b)\s{{1,3}}"
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s{{1,3}}(?P<y>1[5-9]\d\d|20\d\d)\b)?",
    gate=True,
)
_EN_DMY = lazy_compile(
    rf"(?:(?P<wd>{_EN_WD}),?\s{{1,3}})?(?<![\d.])(?<!\d:)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,3}}"
    rf"(?:of\s{{1,3}})?"
    rf"(?P<mon>{EN_MONTH})\b\.?(?:,?\s{{1,3}}(?P<y>1[5-9]\d\d|20\d\d)\b)?",
    gate=True,
)
_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])")

# Anchors (copydesk.validators.anchored): what every match of a pattern contains, and how
# far the match (with what its lookarounds read) reaches before and after it.
#: A Chinese date starts at most 34 characters before its unit (``2023 — 2025 年``, each
#: space up to 8) and ends on it: every ``_ZH_ANCHOR`` match holds a ``年月日号``.
ZH_DATE_ANCHOR = Anchor("[年月日号]", 40, 4)
#: An English date holds a month name: a weekday, day and ``of`` before it (at most 25
#: characters), a day, suffix and year after it (at most 17).
EN_DATE_ANCHOR = Anchor(EN_MONTH, 32, 24)
#: An ISO date holds ``-`` and a digit: the year before it, month, day after.
ISO_DATE_ANCHOR = Anchor(r"-\d", 8, 8)


# --- values ----------------------------------------------------------------------------

_WS = re.compile(r"\s")
_WS_RUN = re.compile(r"\s+")


def _digits_value(s: str) -> int:
    """``"2023"``, ``"２０２３"`` (full width) -> 2023."""
    return int(_WS.sub("", s))


@lru_cache(maxsize=4096)
def zh_numeral_value(s: str) -> float | None:
    """The value of a Chinese numeral (``二〇一一``, ``十一``, ``百``), else ``None``."""
    s = s.replace("○", "〇").replace("Ｏ", "〇")
    if not s:
        return None
    if s[0] in "百千万亿":
        s = "一" + s
    if all(c in "〇零一二两三四五六七八九" for c in s) and len(s) > 1:
        # digit by digit, as years are written (二〇二三)
        table = {c: i for i, c in enumerate("〇一二三四五六七八九")}
        table.update({"零": 0, "两": 2})
        return float(int("".join(str(table[c]) for c in s)))
    value = standard_value(s)
    if value is not None:
        return float(value)
    import cn2an  # lazily: it compiles many patterns at import, and most numerals never reach it

    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def number_value(s: str) -> float | None:
    """The value of digits (any width, ``,`` separators, ``.`` decimal) or a Chinese numeral."""
    t = _WS.sub("", s).replace("，", ",").replace("．", ".")
    if not t:
        return None
    if t[0] in _ZH_NUM:
        return zh_numeral_value(t)
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _md_value(s: str) -> int | None:
    v = number_value(s)
    return int(v) if v is not None else None


_CONSECUTIVE = re.compile(r"(?P<tens>[二三]?十)?(?P<units>[一二三四五六七八九]{2,3})")
_ZH_UNIT_DIGITS = "一二三四五六七八九"


def adjacent_numbers(s: str) -> tuple[int, int] | None:
    """``(first, last)`` when the Chinese numeral ``s`` names adjacent numbers, not one:
    ``三四`` (3 and 4), ``一二三`` (1 to 3), ``十一二`` (11 and 12), ``十五六`` (15 and 16).

    ``三四月份`` is March and April, ``七八月`` July and August: such a numeral has two or
    three unit digits in a row, each one more than the last, after an optional ``十``.
    """
    m = _CONSECUTIVE.fullmatch(s)
    if m is None:
        return None
    digits = [_ZH_UNIT_DIGITS.index(c) + 1 for c in m["units"]]
    if any(b != a + 1 for a, b in pairwise(digits)):
        return None
    tens = (
        0
        if not m["tens"]
        else (10 if len(m["tens"]) == 1 else 10 * (_ZH_UNIT_DIGITS.index(m["tens"][0]) + 1))
    )
    return tens + digits[0], tens + digits[-1]


def _md_field(out: dict[str, int | str | None], key: str, numeral: str) -> None:
    """Set ``out[key]`` (``month``/``day``) from ``numeral``; adjacent numbers (``三四月``)
    make a range: the first is ``key``, the last ``end_<key>``."""
    pair = adjacent_numbers(numeral)
    if pair is None:
        out[key] = _md_value(numeral)
    else:
        out[key], out[f"end_{key}"] = pair


# --- dates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression: span, components as written (``None`` where absent).

    ``rel_year`` / ``rel_month`` hold a relative word (``今年``, ``上月``); ``end_*`` the end of
    a range (``2023—2025年``, ``11月8日至10日``); ``weekday`` 0 = Monday … 6 = Sunday.
    """

    start: int
    end: int
    text: str
    lang: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel_year: str | None = None
    rel_month: str | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None

    @property
    def is_range(self) -> bool:
        return self.end_year is not None or self.end_month is not None or self.end_day is not None

    @property
    def has_space(self) -> bool:
        return any(c.isspace() for c in self.text)


def _parse_zh_part(
    text: str, pos: int, allow_bare_day: bool
) -> tuple[int, dict[str, int | str | None]] | None:
    """Year? month? day? at ``pos``; returns (end, fields) or None."""
    out: dict[str, int | str | None] = {}
    end = pos
    m = _YEAR_RANGE_RE.match(text, pos)
    if m:
        out["year"], out["end_year"] = _md_value(m["y"]), _md_value(m["y2"])
        return m.end(), out
    m = _YEAR_RE.match(text, pos) or _REL_YEAR_RE.match(text, pos)
    if m:
        if "rel" in m.groupdict() and m.groupdict().get("rel"):
            out["rel_year"] = _WS.sub("", m["rel"])
        else:
            out["year"] = _md_value(m["y"])
        end = m.end()
    nxt = _next_part(text, pos, end)
    m = _MONTH_RE.match(text, nxt) or _REL_MONTH_RE.match(text, nxt)
    if m and not (end > pos and "rel" in m.groupdict() and m.groupdict().get("rel")):
        if m.groupdict().get("rel"):
            out["rel_month"] = m["rel"]
        else:
            _md_field(out, "month", m["m"])
        end = m.end()
    elif end == pos and "rel_year" not in out:
        pass
    has_month = "month" in out or "rel_month" in out
    nxt = _next_part(text, pos, end)
    m = _DAY_RE.match(text, nxt)
    if m:
        zh_day = m["d"][0] in "一二三四五六七八九十"
        ok = has_month or (allow_bare_day and not zh_day and m["u"] == "日")
        if ok and (has_month or end == pos):
            _md_field(out, "day", m["d"])
            end = m.end()
    if end == pos:
        return None
    if "rel_year" in out and len(out) == 1 and end > pos:
        # 今年 alone is a date word, not a date expression worth a span
        return None
    if "rel_month" in out and len(out) == 1:
        return None
    return end, out


def _next_part(text: str, pos: int, end: int) -> int:
    """Where the next component may start after ``text[pos:end]``.

    Whitespace is skipped, except a line break after a component that fills its whole line:
    ``一九四九年⏎10月1日`` in a chronology is a heading and a paragraph, not a cut date.
    """
    if end == pos:
        return pos
    nxt = _skip_ws(text, end)
    if "\n" in text[end:nxt]:
        line_start = text.rfind("\n", 0, pos) + 1
        if not text[line_start:pos].strip():
            return end
    return nxt


def _skip_ws(text: str, pos: int) -> int:
    n = len(text)
    i = pos
    while i < n and i - pos < 8 and text[i].isspace():
        i += 1
    return i


def zh_dates(text: str) -> list[DateExpr]:
    """Every Chinese date expression of ``text`` (ideographs already normalised), in order,
    before overlaps with English and ISO dates are resolved (:func:`find_dates` does that)."""
    out: list[DateExpr] = []
    pos = 0
    windows = ZH_DATE_ANCHOR.windows(text)
    while True:
        a = windows.search(_ZH_ANCHOR, pos)
        if a is None:
            break
        parsed = _parse_zh_part(text, a.start(), allow_bare_day=True)
        if parsed is None:
            pos = a.end()
            continue
        end, f = parsed
        # a range: 11月8日至10日, 8日至10日, 2023年至2025年
        c = _CONNECT_RE.match(text, end)
        if c and "end_year" not in f:
            p2 = _parse_zh_part(text, c.end(), allow_bare_day=True)
            if p2 is not None:
                e2, g = p2
                if "rel_year" not in g and "rel_month" not in g:
                    kinds_ok = (
                        ("day" in g and "day" in f)
                        or ("month" in g and "month" in f)
                        or ("year" in g and "year" in f)
                    )
                    if kinds_ok:
                        f["end_year"] = g.get("year")
                        f["end_month"] = g.get("month")
                        f["end_day"] = g.get("day")
                        end = e2
        w = _WEEKDAY_RE.match(text, end)
        if w and ("day" in f):
            f["weekday"] = _WEEKDAYS.index(w["wd"]) if w["wd"] not in "日天" else 6
            end = w.end()
        start = a.start()
        out.append(
            DateExpr(start, end, text[start:end], "zh", **{k: v for k, v in f.items()})  # type: ignore[arg-type]
        )
        pos = end
    return out


def en_dates(text: str) -> list[DateExpr]:
    """Every English (``Nov. 8``, ``8 November 2023``) and ISO (``2023-11-08``) date of
    ``text``, English month-day first, then day-month, then ISO; overlaps not resolved."""
    found: list[DateExpr] = []
    months = EN_DATE_ANCHOR.windows(text)
    for rx in (_EN_MDY, _EN_DMY):
        for m in months.finditer(rx):
            wd = _EN_WEEKDAYS.index(m["wd"].lower()) if m["wd"] else None
            found.append(
                DateExpr(
                    m.start(),
                    m.end(),
                    m[0],
                    "en",
                    year=int(m["y"]) if m["y"] else None,
                    month=EN_MONTHS[m["mon"].lower()],
                    day=int(m["d"]),
                    weekday=wd,
                )
            )
    for m in ISO_DATE_ANCHOR.windows(text).finditer(_ISO):
        found.append(
            DateExpr(
                m.start(),
                m.end(),
                m[0],
                "iso",
                year=int(m["y"]),
                month=int(m["m"]),
                day=int(m["d"]),
            )
        )
    return found


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, in order, without overlaps (longest first).

    Built once per text (:func:`dates_table`, kept in the text's analysis: a dozen checks
    ask for the same body's dates); the expressions are frozen, and each call gets its own
    list.
    """
    return list(analyse(text).memo(dates_table))


def dates_table(an: TextAnalysis) -> tuple[DateExpr, ...]:
    """The date expressions of the analysed text (read through :meth:`TextAnalysis.memo`):
    Chinese, English and ISO candidates on the normalised text (``⽉``/``⽇`` radicals from
    pdfminer.six read as ``月``/``日``), the earliest and then the longest kept where they
    overlap."""
    text = an.normalised
    cands = zh_dates(text) + en_dates(text)
    cands.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateExpr] = []
    last = -1
    for d in cands:
        if d.start >= last:
            out.append(d)
            last = d.end
    return tuple(out)


def date_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of every date expression, inner whitespace and line breaks included."""
    return [(d.start, d.end) for d in find_dates(text)]


# --- figures ---------------------------------------------------------------------------

_ZH_UNITS = sorted(
    """个百分点 百分点 平方公里 平方千米 平方米 立方米 千瓦时 千瓦 兆瓦 公里 千米 公斤 千克 公顷
    毫米 厘米 美元 欧元 日元 英镑 港元 卢布 韩元 人民币 元 人次 小时 分钟 个月 周年 周岁 年 天 岁 倍
    件 个 条 项 名 人 位 家 所 座 台 辆 吨 克 米 亩 次 届 期 批 种 类 篇 部 本 张 户 处 场 轮 度
    只 头 艘 架 枚 份 笔 例 组 段 层 栋 套 间 颗 株 棵 升 秒 强 册 幅 款 起 宗 列 趟 班 年度
    季度 周 点""".split(),
    key=len,
    reverse=True,
)
#: The Chinese units and measure words a number takes (longest first).
ZH_UNITS: tuple[str, ...] = tuple(_ZH_UNITS)
_ZH_UNIT = "|".join(map(re.escape, _ZH_UNITS)) + r"|%|％|‰|℃"
_MULT = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百"
_APPROX = r"多|余|来"
_EN_UNIT = r"million|billion|thousand|trillion|per\s?cent|percent|%"
_NUM = (
    rf"(?:[{_DIG}]{{1,3}}(?:,[{_DIG}]{{3}})+|[{_DIG}]+)"
    rf"(?:[.．][{_DIG}]+|\s{{0,3}}[.．]\s{{0,3}}[{_DIG}]+(?=\s{{0,3}}(?:[%％‰]|[\u4e00-\u9fff])))?"
)
#: The figure patterns are gated (:func:`copydesk.patterns.gated`): a lookahead for ``第``,
#: a currency sign or a digit (``第`` or a numeral) fails at once where no figure starts (the
#: engine tries every position of a window, most hold an ideograph, and the optional ``第``
#: and currency groups are slower to fail).
_FIGURE_RE = lazy_compile(
    rf"(?P<ord>第{_W})?(?P<cur>[$£€¥￥]\s?)?"
    rf"(?<![{_DIG}A-Za-z.．,:])(?P<num>{_NUM})(?![{_DIG}])"
    rf"(?:(?P<w1>{_W})(?P<mult>{_MULT}))?"
    rf"(?:{_W}(?P<approx>{_APPROX}))?"
    rf"(?:(?P<w2>{_W})(?P<unit>{_ZH_UNIT}))?"
    rf"(?:(?P<w3>\s{{1,3}})(?P<enunit>{_EN_UNIT})\b)?",
    gate=True,
)
_ZH_FIGURE_RE = lazy_compile(
    rf"(?P<ord>第{_W})?(?<![{_ZH_NUM}])(?P<num>[{_ZH_NUM}]{{1,8}})"
    r"(?P<wrap>[ \t]*\n(?:[ \t]*\n)?[ \t]*| )?"
    rf"(?P<unit>{'|'.join(map(re.escape, _ZH_UNITS))})",
    gate=True,
)
_ZH_ORD_RE = re.compile(rf"第{_W}(?P<num>[{_ZH_NUM}]{{1,6}})")
#: A figure holds a run of digits (with its group and decimal marks and the spaces a cut
#: left): ``第`` and a currency sign before it (at most 11 characters), a multiplier,
#: ``多``, a unit, an English unit after it (at most 43, the lookahead and ``\b`` included).
FIGURE_ANCHOR = Anchor(rf"[{_DIG}][{_DIG},.．\s]*", 16, 52)
#: A Chinese-numeral figure holds a run of numerals (and the line break that may cut it
#: from its unit): ``第`` before it, the unit after it (at most 4 characters).
ZH_FIGURE_ANCHOR = Anchor(rf"[{_ZH_NUM}][{_ZH_NUM} \t\n]*", 12, 8)
#: Every pattern this module runs anchored, with its anchor (tests check each against the
#: whole-text scan).
ANCHORED: tuple[tuple[Anchor, re.Pattern[str]], ...] = (
    (ZH_DATE_ANCHOR, _ZH_ANCHOR),
    (EN_DATE_ANCHOR, _EN_MDY),
    (EN_DATE_ANCHOR, _EN_DMY),
    (ISO_DATE_ANCHOR, _ISO),
    (FIGURE_ANCHOR, _FIGURE_RE),
    (ZH_FIGURE_ANCHOR, _ZH_FIGURE_RE),
)
_MULTIPLIERS = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "千万": 1e7, "百万": 1e6,
    "十万": 1e5, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2,
    "million": 1e6, "billion": 1e9, "thousand": 1e3, "trillion": 1e12,
}  # fmt: skip
# Chinese words whose first character is a numeral but which are not quantities.
_ZH_NOT_FIGURE = re.compile(
    r"一些|一点|一下|一般|一致|一直|一起|一道|一定|一切|一同|一再|一向|一度|一味|一体|一批|"
    r"一年一度|统一|唯一|万一|一次性|一国两制|三农|十分|百分之|千方百计|万众|一带一路"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: the number with multiplier and unit, and its value.

    ``value`` is the number as written times the multiplier (``4512.2万`` -> 45122000);
    ``unit`` the unit or measure word (``件``, ``%``, ``per cent``), ``""`` when none.
    ``number`` is the span of the digits (or Chinese numeral) alone.
    """

    start: int
    end: int
    text: str
    value: float | None
    unit: str
    ordinal: bool
    chinese: bool
    number: tuple[int, int]
    multiplier: str = ""

    @property
    def has_space(self) -> bool:
        return any(c.isspace() for c in self.text)


def find_figures(text: str, dates: list[DateExpr] | None = None) -> list[Figure]:
    """Every figure in ``text`` that is not part of a date expression, in order.

    Built once per text when ``dates`` is not given (the dates are then ``find_dates(text)``;
    :func:`figures_table`, kept in the text's analysis).
    """
    if dates is None:
        return list(analyse(text).memo(figures_table))
    return figures_outside(text, dates)


def figures_table(an: TextAnalysis) -> tuple[Figure, ...]:
    """The figures of the analysed text outside its date expressions (read through
    :meth:`TextAnalysis.memo`)."""
    return tuple(figures_outside(an.text, list(an.memo(dates_table))))


class _Spans:
    """Sorted half-open spans that do not overlap one another, asked whether a span
    overlaps any of them in O(log n) (a figure is never compared with every date)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def overlaps(self, start: int, end: int) -> bool:
        # the last span starting before ``end`` is the only one that may reach past ``start``
        # (spans are disjoint and sorted, so their ends are sorted too)
        k = bisect_left(self._starts, end) - 1
        return k >= 0 and self._ends[k] > start


def figures_outside(text: str, dates: list[DateExpr]) -> list[Figure]:
    """Every figure of ``text`` (ideographs normalised first) whose digits lie outside
    ``dates``, in order, without overlaps."""
    text = normalise_ideographs(text)
    taken = _Spans(sorted((d.start, d.end) for d in dates))
    out: list[Figure] = []
    inside_date = taken.overlaps

    for m in FIGURE_ANCHOR.windows(text).finditer(_FIGURE_RE):
        ns, ne = m.span("num")
        if inside_date(ns, ne):
            continue
        start = m.start("ord") if m["ord"] else (m.start("cur") if m["cur"] else ns)
        end = m.end()
        # do not swallow trailing whitespace; do not end inside a date
        while end > ne and text[end - 1].isspace():
            end -= 1
        if inside_date(start, end):
            end = ne
            while end > ns and inside_date(start, end):
                end -= 1
            if end <= ns:
                continue
        val = number_value(text[ns:ne])
        mult = m["mult"] or ""
        unit = m["unit"] or (_WS_RUN.sub(" ", m["enunit"]) if m["enunit"] else "")
        if m["enunit"] and m["enunit"].lower() in _MULTIPLIERS:
            mult, unit = m["enunit"].lower(), ""
        if val is not None and mult:
            val *= _MULTIPLIERS[mult]
        out.append(
            Figure(start, end, text[start:end], val, unit, bool(m["ord"]), False, (ns, ne), mult)
        )
    zh_windows = ZH_FIGURE_ANCHOR.windows(text)
    for rx in (_ZH_FIGURE_RE, _ZH_ORD_RE):
        earlier = _Spans(sorted((f.start, f.end) for f in out))
        for m in zh_windows.finditer(rx) if rx is _ZH_FIGURE_RE else rx.finditer(text):
            ns, ne = m.span("num")
            if inside_date(m.start(), m.end()) or earlier.overlaps(m.start(), m.end()):
                continue
            if _ZH_NOT_FIGURE.match(text, m.start("num")) or _ZH_NOT_FIGURE.match(
                text, max(0, m.start() - 1)
            ):
                continue
            wrap = m.groupdict().get("wrap")
            if wrap and m["ord"]:
                continue  # 第一⏎本报…: an ordinal is whole without a unit; not cut
            if wrap == " " and not (ns > 0 and text[ns - 1] == " "):
                continue  # 百 年变局: a space is a cut only in a letter-spaced run (⼏ ⼗ 年)
            val = zh_numeral_value(m["num"])
            if val is None:
                continue
            unit = m.groupdict().get("unit") or ""
            ordinal = m[0].startswith("第")
            out.append(Figure(m.start(), m.end(), m[0], val, unit, ordinal, True, (ns, ne)))
    out.sort(key=lambda f: (f.start, f.end))
    dedup: list[Figure] = []
    for f in out:
        if dedup and f.start < dedup[-1].end:
            continue
        dedup.append(f)
    return dedup


class _LineFurniture:
    """The page-furniture spans of a text (:func:`copydesk.validators.text.furniture_spans`),
    computed line by line (:func:`copydesk.validators.text.furniture_span`) when a date or
    figure on that line asks."""

    __slots__ = ("_lines", "_normalised", "_spans", "_starts")

    def __init__(self, an: TextAnalysis) -> None:
        self._lines = an.lines
        self._normalised = an.normalised
        self._starts = [ln.start for ln in self._lines]
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def _of_line(self, k: int) -> list[tuple[int, int]]:
        spans = self._spans.get(k)
        if spans is None:
            span = furniture_span(self._normalised, self._lines[k])
            spans = self._spans[k] = [] if span is None else [span]
        return spans

    def touches(self, start: int, end: int) -> bool:
        """``[start, end)`` overlaps a page-furniture span."""
        first = max(0, bisect_right(self._starts, start) - 1)
        last = bisect_left(self._starts, end)  # the lines starting before ``end``
        return any(a < end and start < b for k in range(first, last) for a, b in self._of_line(k))


def _line_furniture(an: TextAnalysis) -> _LineFurniture:
    return _LineFurniture(an)


_Spanned = TypeVar("_Spanned", DateExpr, Figure)


def outside_furniture(an: TextAnalysis, items: tuple[_Spanned, ...]) -> tuple[_Spanned, ...]:
    """The ``items`` (dates or figures of the analysed text) that touch no page-furniture
    line (``layout.page-furniture``'s spans); only the lines an item touches are read."""
    if not items:
        return items
    furniture = an.memo(_line_furniture)
    return tuple(x for x in items if not furniture.touches(x.start, x.end))


def figure_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of every figure (number with its unit), inner whitespace included."""
    return [(f.start, f.end) for f in find_figures(text)]


# --- resolution ------------------------------------------------------------------------

_REL_YEAR_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_REL_MONTH_OFFSET = {"本月": 0, "当月": 0, "上月": -1, "下月": 1}


def resolve(d: DateExpr, ref: _dt.date | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of the start of ``d``, filling what is missing from ``ref``.

    ``今年``/``去年``/``上月`` are taken relative to ``ref``; a month and day without a year
    take ``ref``'s year, or the year before when that puts them after ``ref`` by more than a
    month (a January paper writing of 12月31日); a bare day takes ``ref``'s month, or the
    month before when the day is after ``ref``'s day. Components that cannot be resolved
    (``当年``, no ``ref``) stay ``None``.
    """
    year, month, day = d.year, d.month, d.day
    if ref is None:
        return year, month, day
    if d.rel_year is not None:
        off = _REL_YEAR_OFFSET.get(d.rel_year)
        if off is None:
            return None, month, day
        year = ref.year + off
    if d.rel_month is not None:
        off = _REL_MONTH_OFFSET.get(d.rel_month)
        if off is None:
            return year, None, day
        idx = ref.year * 12 + ref.month - 1 + off
        year, month = idx // 12, idx % 12 + 1
    if year is None and month is not None:
        year = ref.year
        if d.rel_year is None and (month - ref.month) > 1:
            year -= 1
    if month is None and day is not None:
        year, month = ref.year, ref.month
        if day > ref.day:
            idx = ref.year * 12 + ref.month - 2
            year, month = idx // 12, idx % 12 + 1
    return year, month, day


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Is ``day`` a day of ``month`` (of ``year``; any year when ``None``: 2月29日 passes)?"""
    if not 1 <= month <= 12 or day < 1:
        return False
    try:
        _dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


#: A number (ASCII or full-width digits, with decimal or group marks) and what separates it
#: from the Chinese character after it: nothing, or one space (ASCII or ideographic).
_NUMBER_BEFORE_HAN = re.compile(
    rf"(?<![{_DIG}])(?<![{_DIG}][.,．，])[{_DIG}]+(?:[.,．，][{_DIG}]+)*"
    r"([ \u3000]?)(?=[\u4e00-\u9fff])"
)
#: A place where Chinese meets digits or Latin letters, either way round, and the one space
#: (or none) between them.
_HAN_LATIN_EDGE = re.compile(
    r"(?<=[\u4e00-\u9fff])([ \u3000]?)(?=[0-9A-Za-z])"
    r"|(?<=[0-9A-Za-z%])([ \u3000]?)(?=[\u4e00-\u9fff])"
)


def _share(rx: re.Pattern[str], text: str) -> tuple[int, int, int]:
    """(spaced, typed, all): how many matches of ``rx`` hold a space, how many of those an
    ideographic space (U+3000), of how many."""
    spaced = typed = total = 0
    for m in rx.finditer(text):
        total += 1
        gap = "".join(g for g in m.groups() if g)
        spaced += bool(gap)
        typed += gap == "\u3000"
    return spaced, typed, total


def spaced_numbers(text: str) -> bool:
    """The text spaces its numbers from the Chinese around them as a house style.

    ``和 15 个州在 3 月份 … 该 iPhone 制造商``, ``５　万元 … ９　亿元 … １４　号楼``: either
    at least 5 of the places where a number meets the Chinese after it hold one space and
    they are at least 70 % of those places, or every such place, at least two, holds an
    ideographic space (``５　月３１　日证实``, SogouCA: a typed full-width space, set the
    same way each time, where a PDF extractor writes a glyph gap as an ASCII space), or at
    least 8 of the places where Chinese meets digits or Latin letters (either way round)
    hold one space and they are at least 80 % of them. A space there is then the record's
    convention, not a stray glyph-positioning space.
    A PDF extraction spaces some numbers and not others (``11 月 8 日`` beside ``11月8日``:
    below both shares), and a record that writes ``26平方公里`` hundreds of times and
    ``4.9 平方公里`` once (or ``２１次`` and ``２１８　次``) is not spaced; a short snippet
    with ASCII spaces is too little evidence.
    Linear in the text; built once per text (kept in its analysis).
    """
    return analyse(text).memo(_spaced_numbers)


def _spaced_numbers(an: TextAnalysis) -> bool:
    text = an.text
    spaced, typed, total = _share(_NUMBER_BEFORE_HAN, text)
    if spaced >= 5 and spaced >= 0.7 * total:
        return True
    if typed >= 2 and typed == total:
        return True
    spaced, _, total = _share(_HAN_LATIN_EDGE, text)
    return spaced >= 8 and spaced >= 0.8 * total
