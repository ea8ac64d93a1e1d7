"""The ``date`` family: dates that are impossible, cut, or disagree with the issue date.

Parsing is :mod:`copydesk.validators.numbers`; this module only judges. The family owns the
whitespace inside a date expression (DESIGN.md §3): ``11 月 8 日`` is ``date.split``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from itertools import islice

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.numbers import (
    EN_MONTH,
    EN_MONTHS,
    MD_NUM,
    DateExpr,
    dates_table,
    number_value,
    outside_furniture,
    resolve,
    spaced_numbers,
    valid_day,
)
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import iter_fields

_TEXT_FIELDS = ("body", "headline", "subheadline", "dateline")
_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_ZH_DATELINE = re.compile(
    rf"(?:据)?(?:[\u4e00-\u9fff]{{2,16}}?)(?P<m>{MD_NUM})\s{{0,3}}月\s{{0,3}}"
    rf"(?P<d>{MD_NUM})\s{{0,3}}日\s{{0,3}}电"
)
_ZH_DATELINE_START = lazy_compile(r"\s*" + _ZH_DATELINE.pattern)
_ZH_DATELINE_CLOSING = lazy_compile(
    rf"^[ \t\u3000]*[（(](?:据)?[\u4e00-\u9fff]{{2,16}}?(?P<m>{MD_NUM})\s{{0,3}}月"
    rf"\s{{0,3}}(?P<d>{MD_NUM})\s{{0,3}}日\s{{0,3}}电[）)][ \t\u3000]*$",
    re.MULTILINE,
)
_EN_DATELINE = lazy_compile(
    rf"\s*(?P<place>[A-Z][A-Za-z .'-]{{1,40}}?),\s+(?P<mon>{EN_MONTH})\.?\s+"
    rf"(?P<d>\d{{1,2}})(?:,\s*\d{{4}})?\s*(?:\([^)\n]{{1,30}}\))?\s*(?:--|—|–|-)"
)

_LINE = re.compile(r"[^\n]+")
_PAST_BEFORE = re.compile(r"(?:截至|截止到|截止)\s{0,2}$")
_PAST_AFTER = re.compile(
    r"\s{0,2}[^，。；！？\n]{0,15}?"
    r"(?:举行|召开|举办|开幕|闭幕|发布|公布|宣布|签署|通过|结束|落幕)(?:的|了)"
    r"|\s{0,2}以来"
)
_FUTURE_BEFORE = re.compile(r"将|拟|定于|计划|预计|即将|有望|预定")


def _texts(record: ArticleRecord) -> Iterator[tuple[str, str]]:
    """The text fields and the quote entries these checks read (``quotes[i]`` keeps its index)."""
    return iter_fields(record, (*_TEXT_FIELDS, "quotes"))


def _dates(text: str) -> tuple[DateExpr, ...]:
    """The dates of ``text`` outside page-furniture lines: the date of a running head
    (``人民日报 2015年2月1日 星期日 要闻 1``) belongs to ``layout.page-furniture``.
    Built once per text (every date check reads the same table)."""
    return analyse(text).memo(_dates_outside_furniture)


def _dates_outside_furniture(an: TextAnalysis) -> tuple[DateExpr, ...]:
    return outside_furniture(an, an.memo(dates_table))


def _fmt(d: DateExpr) -> str:
    return d.text.replace("\n", "⏎")


@check("date.invalid", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def invalid(record: ArticleRecord) -> Iterator[Hit]:
    """A calendar-impossible date: month 13, 2月30日, February 30.

    Defect: OCR misread a digit (``3`` as ``8``, ``1`` as ``7``) or a column cut glued two
    numbers, leaving a date that no calendar has.
    Example: ``2月30日``, ``二〇二三年二月三十日``, ``13月``, ``February 30`` (altered from
    People's Daily 2019 dates such as ``2月27日至28日``).
    Rule: every parsed date (Chinese, English, ISO, both ends of a range) must have a month in
    1–12 and a day that exists in that month; 29 February needs a leap year when the year is
    written, and passes when it is not. A Chinese numeral of adjacent numbers before ``月``
    or ``日`` (``三四月份``, ``七八月``, ``一二三月``, ``十五六日``) names several months or
    days: it is read as a range (March to April), not as month 34.
    A date whose first number goes on from digits that end the line above (``平台。1⏎0月16日``:
    a hard-wrapped PDF page cut the number ``10``) is not judged: the part after the wrap is
    not the number written (``date.split`` reports the cut date; held-out rmrb2025-pdf shaped
    this, making it a development source for this rule).
    Limits: a valid but wrong date (``11月9日`` for ``11月8日``) cannot be seen here; a year
    is never judged (``2203年`` passes); a date cut inside its number is not judged even
    when the whole number is impossible (``1⏎3月``).
    """
    for name, text in _texts(record):
        for d in _dates(text):
            if _wrapped_number_start(text, d) is not None:
                continue
            problem = _invalid_reason(d)
            if problem:
                yield Hit(name, d.start, d.end, f"impossible date {_fmt(d)!r}: {problem}")


def _invalid_reason(d: DateExpr) -> str | None:
    for y, m, day in ((d.year, d.month, d.day), (d.end_year or d.year, d.end_month, d.end_day)):
        if m is not None and not 1 <= m <= 12:
            return f"there is no month {m}"
        if day is not None:
            if m is None:
                if not 1 <= day <= 31:
                    return f"there is no day {day}"
                continue
            if not valid_day(y, m, day):
                return f"{m}/{day} does not exist" + (f" in {y}" if y else "")
    if d.end_day is not None and d.end_month is None and d.month is not None:
        if not valid_day(d.year, d.month, d.end_day):
            return f"{d.month}/{d.end_day} does not exist"
    return None


#: Digits ending a line of text, then the line break (and spaces) before a date: the number
#: of the date was cut by a wrap (``平台。1⏎0月16日``). A line of digits alone (a list or table
#: number, a page number) is no cut.
_DIGIT = re.compile("[0-9０-９]")
_WRAPPED_DIGITS = lazy_compile(r"(?<=[^\s0-9０-９])[0-9０-９]{1,3}[ \t\u3000]*\n[ \t\u3000]*$")


def _wrapped_number_start(text: str, d: DateExpr) -> int | None:
    """The start of the digits ``d``'s first number goes on from across a line break, or
    ``None`` when ``d`` starts no such cut number (a Chinese date opening with a digit)."""
    if d.lang != "zh" or _DIGIT.match(d.text) is None:
        return None
    m = _WRAPPED_DIGITS.search(text, max(0, d.start - 12), d.start)
    return m.start() if m else None


_BEFORE_WEEKDAY = lazy_compile(
    r"[ \u3000](?=[（(]?\s*(?:星期|礼拜|周)[一二三四五六日天]\s*[）)]?$)"
)


def _cut(d: DateExpr) -> bool:
    """``d`` has whitespace inside, the one space between a date and its weekday
    (``2019年10月6日 星期日``, a typographic space) not counted."""
    text = d.text
    if d.weekday is not None:
        m = _BEFORE_WEEKDAY.search(text)
        if m and not text[: m.start()][-1:].isspace():
            text = text[: m.start()] + text[m.end() :]
    return any(c.isspace() for c in text)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _line_layout(text: str, d: DateExpr) -> bool:
    """The line break in an English date is layout, not a cut: a blank line lies inside it
    (``Things to Do in August⏎⏎6 Things…``: a heading, then a paragraph), or its last part
    is a line of its own (``December 28th,⏎2007⏎7:51 pm``: a comment's date in a list)."""
    if _BLANK_LINE.search(d.text):
        return True
    tail_start = d.start + d.text.rindex("\n") + 1
    line_end = text.find("\n", d.end)
    rest = text[d.end : line_end if line_end >= 0 else len(text)]
    return not rest.strip() and not text[text.rfind("\n", 0, tail_start - 1) + 1 : d.start].strip()


def _house_spacing(text: str, d: DateExpr) -> bool:
    """The whitespace in ``d`` is the record's house style: no line break, and the record
    spaces its numbers from the Chinese after them (``在 3 月份``, ``５　万元``:
    :func:`numbers.spaced_numbers`)."""
    return "\n" not in d.text and spaced_numbers(text)


_COUNTER_AFTER = re.compile(r"[ \t\u00a0]*/[ \t\u00a0]*\d")


def _counter(text: str, d: DateExpr) -> bool:
    """The number after the line break is a counter, not a day: it is followed by
    ``/ N`` (``in October⏎1 / 9``: a gallery caption, then its image counter)."""
    return bool(_COUNTER_AFTER.match(text, d.end))


def _layout_break(text: str, d: DateExpr) -> bool:
    """The line break in an English date is layout (:func:`_line_layout`) or the number
    on the next line is a counter (:func:`_counter`)."""
    return _line_layout(text, d) or _counter(text, d)


@check("date.split", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def split(record: ArticleRecord) -> Iterator[Hit]:
    """A date cut by spaces or a line break.

    Defect: the PDF extractor kept glyph-positioning spaces or a column wrap inside a date,
    so search, parsing and display all break on it.
    Example: ``11 月 8 日上午``, ``截至 2023 年 9 月``, ``11月 8日至 10日``,
    ``（2023—2025⏎⏎年）``, ``今年 10 月`` (People's Daily 2023-11-09 p1, as extracted).
    Rule: a Chinese date expression (year, month, day, a relative ``今年``/``上月``, a range,
    a weekday after it) containing any whitespace, except one space between the date and
    its weekday (``2019年10月6日 星期日``: a typographic space); an English date containing a
    line break.
    The span is the whole expression; the fix is to remove the whitespace.
    A line break in an English date that is layout is not a cut: a blank line inside it (a
    heading, then a paragraph: ``in August⏎⏎6 Things to Do``), or a date whose lines hold
    nothing else (``December 28th,⏎2007`` in a comment list); a number after ``.`` is no
    day (``4.3.1⏎August 2014``, a version list), nor one after ``:`` (``7:4⏎November 25``,
    a time's minutes beside another column's date on the 1901 Honolulu page read across
    its columns), nor a number followed by ``/ N``
    (``in October⏎1 / 9``, an image counter). A record that spaces its numbers from the
    Chinese after them as a house style (most places, with enough evidence: ``在 3 月份``; or
    a typed ideographic space at every place, at least two: ``５　月３１　日证实``, SogouCA;
    :func:`numbers.spaced_numbers`) is not cut by those spaces; a record that spaces one of
    many (``２０１１　年`` beside ``２０１１年``) is.
    Limits: spaces inside an English date are normal and pass; a date in a page-furniture
    line (a running head) is ``layout.page-furniture``'s, and every date check skips it; a
    space before a date
    (``向 2023年``) is not part of it (``sentence.stray-space``); a four-digit number before
    ``年`` is taken for a year, a shorter one for a duration (``figure.split``).
    A Chinese date whose first number goes on from digits ending the line above
    (``平台。1⏎0月16日``: a wrap inside the number ``10``) is cut: the span starts at those
    digits (a line of digits alone, a list or page number, is no cut; held-out rmrb2025-pdf).
    """
    for name, text in _texts(record):
        for d in _dates(text):
            head = _wrapped_number_start(text, d)
            if head is not None:
                shown = text[head : d.end].replace("\n", "⏎")
                yield Hit(
                    name, head, d.end, f"date {shown!r} is cut by a line break", "remove space"
                )
            elif d.lang == "zh" and _cut(d) and not _house_spacing(text, d):
                yield Hit(
                    name, d.start, d.end, f"date {_fmt(d)!r} is cut by whitespace", "remove space"
                )
            elif d.lang != "zh" and "\n" in d.text and not _layout_break(text, d):
                yield Hit(name, d.start, d.end, f"date {_fmt(d)!r} is cut by a line break", "join")


def _dateline(record: ArticleRecord) -> tuple[str, int, int, int, int] | None:
    """(field, start, end, month, day) of the dateline, from ``dateline`` or the body."""
    dl = record.text("dateline")
    if dl:
        m = _ZH_DATELINE.search(dl)
        if m:
            mo, d = number_value(m["m"]), number_value(m["d"])
            if mo and d:
                return "dateline", m.start(), m.end(), int(mo), int(d)
        m = _EN_DATELINE.match(dl)
        if m:
            return "dateline", m.start("mon"), m.end("d"), EN_MONTHS[m["mon"].lower()], int(m["d"])
        return None
    body = record.body
    if not body:
        return None
    paras = ((mm.start(), mm.group()) for mm in _LINE.finditer(body) if mm.group().strip())
    for i, (off, para) in enumerate(islice(paras, 2)):
        m = _ZH_DATELINE_START.match(para)
        if m:
            mo, d = number_value(m["m"]), number_value(m["d"])
            if mo and d:
                s = off + len(para) - len(para.lstrip())
                return "body", s, off + m.end(), int(mo), int(d)
        m = _EN_DATELINE.match(para)
        if m:
            return (
                "body",
                off + m.start("place"),
                off + m.end("d"),
                EN_MONTHS[m["mon"].lower()],
                int(m["d"]),
            )
        if i == 0 and (len(para.strip()) > 40 or "。" in para):
            break  # the first paragraph is text, not a byline: no dateline
    closing = list(_ZH_DATELINE_CLOSING.finditer(body))
    if closing:
        m = closing[-1]
        mo, d = number_value(m["m"]), number_value(m["d"])
        if mo and d:
            s = m.start() + len(m.group()) - len(m.group().lstrip())
            return "body", s, m.end(), int(mo), int(d)
    return None


@check("date.dateline-mismatch", severity="error", fields=("dateline", "body", "published"))
def dateline_mismatch(record: ArticleRecord, *, max_days_before: int = 7) -> Iterator[Hit]:
    """The dateline's date is after ``published``, or too long before it.

    Defect: a record carries the wrong issue date (or the dateline of another article), so
    date-based queries and the archive put it on the wrong day.
    Example: ``新华社北京11月8日电`` with ``"published": "2023-10-09"`` (altered from the
    People's Daily 2023-11-09 p1 record).
    Rule: the dateline is the ``dateline`` field, else a ``…11月8日电`` at the start of the
    body's first paragraph (or the second, when the first is a short byline), else a closing
    ``（新华社杭州11月8日电）`` paragraph; English ``BEIJING, Nov. 8 (Xinhua) --``. Its year is
    ``published``'s, or the year before when that lies within ``max_days_before`` (a January
    paper, a December dateline). Reported when that date is after ``published`` or more
    than ``max_days_before`` days (default 7, for a daily) before it.
    Limits: needs ``published``; a weekly or a web archive that republishes old stories needs
    a larger ``max_days_before``; datelines in the middle of the body (quoted reports) are
    ignored.
    """
    pub = record.published
    if pub is None:
        return
    found = _dateline(record)
    if found is None:
        return
    field, start, end, month, day = found
    if not valid_day(None, month, day):
        return
    try:
        this_year = _dt.date(pub.year, month, day)
    except ValueError:
        this_year = (
            _dt.date(pub.year - 1, month, day) if valid_day(pub.year - 1, month, day) else None
        )
    if this_year is None:
        return
    if this_year <= pub:
        gap = (pub - this_year).days
        if gap > max_days_before:
            yield Hit(
                field,
                start,
                end,
                f"dateline {month}月{day}日 is {gap} days before published {pub.isoformat()} "
                f"(more than {max_days_before})",
            )
        return
    try:
        last_year = _dt.date(pub.year - 1, month, day)
    except ValueError:
        last_year = None
    if last_year is not None and (pub - last_year).days <= max_days_before:
        return
    yield Hit(field, start, end, f"dateline {month}月{day}日 is after published {pub.isoformat()}")


@check("date.after-publication", severity="warning", fields=("body",))
def after_publication(record: ArticleRecord) -> Iterator[Hit]:
    """An event stated as past is dated after the issue's ``published`` date.

    Defect: a misread digit (``截至2023年9月`` read as ``截至2028年9月``) or a wrong
    ``published`` puts a reported fact in the future.
    Example: ``这是国家知识产权局局长申长雨在18日举行的国务院政策例行吹风会上表示的`` with
    ``published`` 2023-11-09 (altered from ``在8日举行的``, People's Daily 2023-11-09 p1).
    Rule: a date after ``截至``/``截止``, or followed by ``举行的``/``召开的``/``发布的``/
    ``以来`` …, and not preceded by a future word (``将``, ``定于``, ``预计``), resolved
    against ``published`` (``今年``, a month without a year), must not be after it at the
    precision written (a year-only date after the issue's year, a month after its month).
    Future plans and targets (``到2030年``, ``2025年前``) carry no past marker and pass.
    Limits: only these markers are read; ``日前`` carries no date to compare; a bare day
    (``18日``) is read as this month or the last, so it can never be after ``published``.
    """
    pub = record.published
    body = record.body
    if pub is None or not body:
        return
    for d in _dates(body):
        before = body[max(0, d.start - 6) : d.start]
        after = body[d.end : d.end + 30]
        if _PAST_BEFORE.search(before):
            pass
        elif not _PAST_AFTER.match(after) or _FUTURE_BEFORE.search(
            body[max(0, d.start - 8) : d.start]
        ):
            continue
        y, m, day = resolve(d, pub)
        if y is None:
            continue
        if m is None:
            late = y > pub.year
        elif day is None:
            late = (y, m) > (pub.year, pub.month)
        else:
            late = valid_day(y, m, day) and _dt.date(y, m, day) > pub
        if late:
            yield Hit(
                "body",
                d.start,
                d.end,
                f"past event dated {_fmt(d)!r}, after published {pub.isoformat()}",
            )


def _nearest_year(month: int, day: int, ref: _dt.date) -> int:
    """The year that puts ``month``/``day`` nearest to ``ref``: a date announced with its
    weekday (``12月1日（星期日）`` in an October paper) is this year's, not last year's; a
    January paper's ``12月31日`` is last year's, a November paper's ``1月3日`` next year's."""
    best, year = None, ref.year
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if valid_day(y, month, day):
            gap = abs((_dt.date(y, month, day) - ref).days)
            if best is None or gap < best:
                best, year = gap, y
    return year


def _weekday_date(d: DateExpr, pub: _dt.date | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) a weekday is checked against: the year as written, else resolved
    from ``published`` (``今年``, ``上月``), else the year nearest ``published``."""
    if d.year is not None:
        return d.year, d.month, d.day
    y, m, day = resolve(d, pub)
    if pub is not None and d.rel_year is None and d.month is not None and day is not None:
        y = _nearest_year(d.month, day, pub)
    return y, m, day


@check("date.weekday-mismatch", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def weekday_mismatch(record: ArticleRecord) -> Iterator[Hit]:
    """A date's weekday is not the weekday that date falls on.

    Defect: a misread day or weekday digit (``8日（星期三）`` for ``9日（星期四）``), or a
    ``published`` year that is wrong.
    Example: ``11月8日（星期四）`` in a 2023 paper (2023-11-08 was a Wednesday; altered from
    ``11月8日（星期三）``); ``Monday, June 21, 1871`` (a Wednesday).
    Rule: a Chinese date with a following ``星期X``/``周X``, or an English date with a leading
    weekday, whose year is written or resolved from ``published``, must fall on that day. A
    month and day without a year take the year that puts them nearest ``published`` (an
    event announced for ``12月1日（星期日）`` in an October paper is this year's; a
    January paper's ``12月31日`` last year's).
    Limits: skipped when the year is neither written nor resolvable; a weekday not next to
    a date is not read.
    """
    pub = record.published
    for name, text in _texts(record):
        for d in _dates(text):
            if d.weekday is None:
                continue
            y, m, day = _weekday_date(d, pub)
            if y is None or m is None or day is None or not valid_day(y, m, day):
                continue
            actual = _dt.date(y, m, day).weekday()
            if actual != d.weekday:
                yield Hit(
                    name,
                    d.start,
                    d.end,
                    f"{y}-{m:02d}-{day:02d} is a {_WEEKDAY_NAMES[actual]}, "
                    f"not a {_WEEKDAY_NAMES[d.weekday]}",
                )


@check("date.range-order", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def range_order(record: ArticleRecord) -> Iterator[Hit]:
    """A date range whose end comes before its start.

    Defect: a misread digit or swapped columns produce ``2025—2023年`` or ``11月10日至8日``.
    Example: ``《专利转化运用专项行动方案（2025—2023年）》`` (altered from ``2023—2025年``,
    People's Daily 2023-11-09 p1).
    Rule: in a parsed range, the end (missing parts taken from the start) must not be before
    the start: years, months, days in that order.
    Limits: a range that crosses a year without naming it (``12月28日至1月3日``) is read as
    running into the next year and passes.
    """
    for name, text in _texts(record):
        for d in _dates(text):
            if not d.is_range:
                continue
            start = (d.year or 0, d.month or 0, d.day or 0)
            end_year = d.end_year if d.end_year is not None else d.year or 0
            end_month = d.end_month if d.end_month is not None else (d.month or 0)
            end = (end_year, end_month, d.end_day if d.end_day is not None else 0)
            if d.end_year is None and d.end_month is not None and d.month is not None:
                if d.end_month < d.month:
                    continue  # 12月28日至1月3日: into the next year
            if d.end_day is None and d.day is not None:
                end = (end[0], end[1], 99)
            if end < start:
                yield Hit(name, d.start, d.end, f"range {_fmt(d)!r} ends before it starts")
