"""Parsing of dates and figures (copydesk.validators.numbers): spans and values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copydesk.validators.numbers import (
    date_spans,
    figure_spans,
    find_dates,
    find_figures,
    number_value,
    resolve,
    valid_day,
    zh_numeral_value,
)


def _texts(spans: list[tuple[int, int]], text: str) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed page (People's Daily 2023-11-09 p1), as the extractor produced it
        ("新华社北京11月8日电 11 月 8 日上午", ["11月8日", "11 月 8 日"]),
        ("乌镇峰会 11月 8日至 10日在", ["11月 8日至 10日"]),
        ("截至 2023 年 9 月，中国", ["2023 年 9 月"]),
        ("《专利转化运用专项行动方案 （2023—2025\n\n年）》", ["2023—2025\n\n年"]),
        ("吴沈括说，今年 10 月，中国提出", ["今年 10 月"]),
        ("在8日举行的国务院政策例行吹风会", ["8日"]),
        ("二〇二三年十一月八日", ["二〇二三年十一月八日"]),
        ("上月29日", ["上月29日"]),
        ("11月8日（星期三）", ["11月8日（星期三）"]),
        ("BEIJING, Nov. 8 (Xinhua) --", ["Nov. 8"]),
        ("on November 8, 2023 and", ["November 8, 2023"]),
        ("on 8 November 2023.", ["8 November 2023"]),
        ("Monday, June 21, 1871", ["Monday, June 21, 1871"]),
        ("published 2023-11-08.", ["2023-11-08"]),
    ],
)
def test_date_spans(text: str, expected: list[str]) -> None:
    assert _texts(date_spans(text), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "创设 10 年取得的丰硕成果",  # a duration, not a year
        "3个月后",
        "3号线",  # 号 counts only after a month
        "100日元",
        "360 集团创始人",
        "一年一度",
    ],
)
def test_not_dates(text: str) -> None:
    assert date_spans(text) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("分别达到 480.5 万件、", "480.5 万件", 4_805_000, "件"),
        ("4512.2 万\n件，2022年", "4512.2 万\n件", 45_122_000, "件"),
        ("坚持安全降碳 4 条工作原则", "4 条", 4, "条"),
        ("创设 10 年取得的", "10 年", 10, "年"),
        ("比重分别达到 12.44%、", "12.44%", 12.44, "%"),
        ("比重分别达到 12. 44%、", "12. 44%", 12.44, "%"),
        ("排名达到第12位，", "第12位", 12, "位"),
        ("提出了“四项原则”", "四项", 4, "项"),
        ("在第二届世界互联网大会", "第二届", 2, "届"),
        ("全球百强科技创新集群", "百强", 100, "强"),
        ("a fine of $5,000 was", "$5,000", 5000, ""),
        ("some 2.5 million people", "2.5 million", 2_500_000, ""),
        ("rose 20 per cent", "20 per cent", 20, "per cent"),
        ("增长３．５％", "３．５％", 3.5, "％"),
    ],
)
def test_figures(text: str, span: str, value: float, unit: str) -> None:
    figs = [f for f in find_figures(text) if f.text == span]
    assert figs, f"{span!r} not found in {find_figures(text)}"
    assert figs[0].value == pytest.approx(value)
    assert figs[0].unit == unit


def test_figure_spans_exclude_dates_and_names() -> None:
    text = "2023 年全球创新指数（GII 2023）排名，360 集团"
    spans = _texts(figure_spans(text), text)
    assert "2023 年" not in spans and "2023" in spans  # GII 2023 is a number, no unit
    assert "360" in spans and "360 集" not in spans


def test_values() -> None:
    assert zh_numeral_value("二〇一一") == 2011
    assert zh_numeral_value("百") == 100
    assert zh_numeral_value("十一") == 11
    assert zh_numeral_value("两百") == 200
    assert number_value("1,234.5") == 1234.5
    assert number_value("２０２３") == 2023


def test_resolve_and_valid_day() -> None:
    pub = dt.date(2023, 11, 9)
    (d,) = find_dates("8日")
    assert resolve(d, pub) == (2023, 11, 8)
    (d,) = find_dates("今年 10 月")
    assert resolve(d, pub) == (2023, 10, None)
    (d,) = find_dates("上月29日")
    assert resolve(d, pub) == (2023, 10, 29)
    (d,) = find_dates("12月31日")
    assert resolve(d, dt.date(2024, 1, 2)) == (2023, 12, 31)
    assert valid_day(None, 2, 29) and not valid_day(2023, 2, 29) and not valid_day(None, 13, 1)


SEED_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "rmrb-2023-11-09-p1" / "raw.txt"


def test_seed_page_every_date_and_figure() -> None:
    """Every date and figure of the seed page (the fixture's byte-identical raw.txt)."""
    raw = SEED_RAW.read_text(encoding="utf-8")
    dates = [
        (d.text, d.year, d.month, d.day, d.rel_year, d.end_year, d.end_day) for d in find_dates(raw)
    ]
    assert dates == [
        ("11月8日", None, 11, 8, None, None, None),
        ("11 月 8 日", None, 11, 8, None, None, None),
        ("2023年", 2023, None, None, None, None, None),
        ("2015 年", 2015, None, None, None, None, None),
        ("2023年", 2023, None, None, None, None, None),
        ("11月 8日至 10日", None, 11, 8, None, None, 10),
        ("2015年", 2015, None, None, None, None, None),
        ("11月8日", None, 11, 8, None, None, None),
        ("2025年", 2025, None, None, None, None, None),
        ("2030年", 2030, None, None, None, None, None),
        ("11月8日", None, 11, 8, None, None, None),
        ("2023 年", 2023, None, None, None, None, None),
        ("8日", None, None, 8, None, None, None),
        ("2023 年 9 月", 2023, 9, None, None, None, None),
        ("2022年", 2022, None, None, None, None, None),
        ("2023—2025\n年", 2023, None, None, None, 2025, None),
        ("11 月 8 日", None, 11, 8, None, None, None),
        ("2023 年", 2023, None, None, None, None, None),
        ("2015年", 2015, None, None, None, None, None),
        ("今年 10 月", None, 10, None, "今年", None, None),
        ("2023 年", 2023, None, None, None, None, None),
        ("11月8日", None, 11, 8, None, None, None),
        ("2023年", 2023, None, None, None, None, None),
    ]
    figs = [(f.text, f.value, f.unit) for f in find_figures(raw)]
    for expected in [
        ("第二届", 2, "届"),
        ("四项", 4, "项"),
        ("100个", 100, "个"),
        ("4 条", 4, "条"),
        ("第12位", 12, "位"),
        ("百强", 100, "强"),
        ("480.5 万件", 4_805_000, "件"),
        ("4512.2 万\n件", 45_122_000, "件"),
        ("635.3万件", 6_353_000, "件"),
        ("4年", 4, "年"),
        ("12.44%", 12.44, "%"),
        ("7.41%", 7.41, "%"),
        ("10 年", 10, "年"),
    ]:
        assert expected in figs, expected
    assert ("2023", 2023, "") in figs  # GII 2023
    assert ("360", 360, "") in figs  # 360 集团: a name, no unit
