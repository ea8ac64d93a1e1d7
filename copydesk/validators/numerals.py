"""Chinese numerals in their standard spelling, read without cn2an (start-up, issue 12).

``cn2an`` compiles a few hundred patterns when imported (about 0.1 s of CPU), and the
numerals news text holds are nearly all plain ones: ``一``, ``两``, ``十一``, ``三十五``,
``一百``, ``一千零五十``, ``两万``. :func:`standard_value` reads those and returns ``None``
for everything else (a colloquial ``一万五``, ``七八十``, a malformed numeral), which the
caller hands to cn2an. ``tests/test_numerals.py`` checks that every numeral this module
accepts, among all strings of up to four numeral characters and the standard spelling of
every number below 10 000 (alone and before ``万`` or ``亿``), has the value
``cn2an.cn2an(s, "smart")`` gives it.
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}


def standard_value(s: str) -> int | None:
    """The value of ``s`` when it is a numeral in the standard spelling: a digit (``七``),
    a number below 10 000 written with ``十百千`` and ``零`` (``十二``, ``三百零五``,
    ``一千零五十``), or such a number before ``万`` or ``亿`` (``两万``, ``三亿``); else
    ``None``."""
    if len(s) == 1 and s in DIGITS:
        return DIGITS[s]
    scale = BIG_UNITS.get(s[-1:])
    if scale is not None:
        s = s[:-1]
    value = section_value(s)
    if value is None or value == 0:
        return None
    return value * (scale or 1)


def section_value(s: str) -> int | None:
    """The value of a standard numeral from 1 to 9 999 (``十``, ``十五``, ``二十``,
    ``一百一十``, ``三千零二``), else ``None``: each unit after a non-zero digit, units
    falling, one ``零`` for the skipped units before a last digit or digit and unit."""
    if s.startswith("十"):  # 十, 十五: the leading 一 left out
        s = "一" + s
    total, i, last_unit, n = 0, 0, 10_000, len(s)
    while i < n:
        zero = s[i] == "零"
        if zero:
            i += 1
        digit = DIGITS.get(s[i]) if i < n else None
        if not digit:  # None, or a 0 digit where a non-zero one belongs
            return None
        unit = UNITS.get(s[i + 1], 0) if i + 1 < n else 1
        if unit == 0 or unit >= last_unit or (zero and not 10 * unit < last_unit < 10_000):
            return None
        if unit == 1 and not zero and 10 < last_unit < 10_000:  # 一百五: colloquial 150
            return None
        total += digit * unit
        last_unit = unit
        i += 2 if unit > 1 else 1
    return total if n else None
