"""The standard-spelling reader of Chinese numerals agrees with cn2an wherever it answers."""

from __future__ import annotations

import itertools

import pytest

from copydesk.validators.numbers import zh_numeral_value
from copydesk.validators.numerals import standard_value

cn2an = pytest.importorskip("cn2an")

_ALPHABET = "〇零一二两三四五六七八九十百千万亿"
_DIGIT = "零一二三四五六七八九"


def _cn2an(s: str) -> float | None:
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _spell(v: int) -> str:
    """The standard spelling of ``1 <= v < 10000`` (``一千零五十``)."""
    out, skipped = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = v // unit % 10
        if d:
            out += ("零" if skipped and out else "") + _DIGIT[d] + name
        skipped = not d
    return out


def test_every_accepted_string_has_cn2an_value() -> None:
    accepted = 0
    for n in range(1, 5):
        for chars in itertools.product(_ALPHABET, repeat=n):
            s = "".join(chars)
            got = standard_value(s)
            if got is not None:
                accepted += 1
                assert float(got) == _cn2an(s), s
    assert accepted > 500  # the reader is not a no-op


@pytest.mark.parametrize("big", ["", "万", "亿"])
def test_standard_spellings_are_read_as_cn2an_reads_them(big: str) -> None:
    for v in range(1, 10_000):
        spellings = {_spell(v), _spell(v).replace("二", "两", 1)}
        if 10 <= v < 20:
            spellings.add(_spell(v)[1:])  # 十五
        for s in spellings:
            assert standard_value(s + big) == v * {"": 1, "万": 10_000, "亿": 10**8}[big], s
            assert float(standard_value(s + big) or 0) == _cn2an(s + big), s


@pytest.mark.parametrize("s", ["一万五", "一百五", "七八十", "十零", "一千百", "二十五万三"])
def test_colloquial_and_malformed_numerals_are_left_to_cn2an(s: str) -> None:
    assert standard_value(s) is None
    assert zh_numeral_value(s) == _cn2an(s)


@pytest.mark.parametrize(("s", "value"), [("零五", None), ("五五", None), ("〇", 0), ("", None)])
def test_not_standard(s: str, value: int | None) -> None:
    assert standard_value(s) == value
