"""Anchored scanning (copydesk.validators.anchored) finds exactly what the whole-text scan
finds: every pattern the date, figure and encoding families run anchored, on generated text
made of the pieces those patterns read."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copydesk.validators import analysis, encoding, figures, numbers
from copydesk.validators.anchored import Anchor, max_width, required_chars
from copydesk.validators.text import furniture_spans

_PIECES = [
    *"0123456789０１２３",
    *"〇零○一二两三四五六七八九十百千万亿",
    *"年月日号第元件个项倍%％‰",
    "今年", "明\n年", "上月", "星期三", "（星期日）", "周五",
    "January", "Nov", "Nov.", "Sept", "May", "Monday, ", "of ", "th", "st",
    *" \n\t\u3000", "\n\n", "  ",
    *",.，．:-—~至到", "$", "£", "¥",
    "million", " per cent", "percent", "billion",
    *"abcSOolIiB", *"的在上下", "1S43", "l8", "100O", "2O,0o0", ".5",
    *"Ã©â€™œ“”•░│™", "\ufffd", "æ–°èµ·",
]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)

_PAIRS = [*numbers.ANCHORED, *figures.ANCHORED]


def _badness_pair() -> tuple[Anchor, re.Pattern[str]]:
    rx, anchor = encoding.badness()
    assert anchor is not None
    return anchor, rx


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_anchored_finditer_is_the_whole_text_scan(text: str) -> None:
    for anchor, rx in [*_PAIRS, _badness_pair()]:
        assert _found(anchor.windows(text).finditer(rx)) == _found(rx.finditer(text)), rx.pattern


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=200))
def test_anchored_search_is_the_whole_text_search(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    for anchor, rx in _PAIRS:
        got = anchor.windows(text).search(rx, pos)
        want = rx.search(text, pos)
        assert (got and got.span()) == (want and want.span()), rx.pattern


_GATE_TEXT = st.lists(st.sampled_from([*_PIECES, "€", "￥", "第 ", "$ "]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_GATE_TEXT)
@example("价¥5元，$ 3，£4，€2 million，￥8，第 5位，第二届，三十个，2.5亿")
@example("今年 去年 明 年 前年 上年 当年 同年 次年 翌年 本年 本月 上月 下月 当月 同月 次月")
@example("12月3日，二〇二三年，十一月，３号，2023至2025年")
def test_a_pattern_finds_what_it_finds_without_its_opening_gate(text: str) -> None:
    gated = [rx for _, rx in numbers.ANCHORED if rx.pattern.startswith("(?=[")]
    assert len(gated) == 5  # the Chinese date, both English date and both figure patterns
    for rx in gated:
        ungated = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)
        assert _found(rx.finditer(text)) == _found(ungated.finditer(text)), rx.pattern


_EVERYWHERE = Anchor("(?s:.)", 0, 0)  # one window over the whole text: the whole-text scan
_ANCHOR_NAMES = (
    "ZH_DATE_ANCHOR",
    "EN_DATE_ANCHOR",
    "ISO_DATE_ANCHOR",
    "FIGURE_ANCHOR",
    "ZH_FIGURE_ANCHOR",
)


def _dates_and_figures(text: str) -> tuple[list[numbers.DateExpr], list[numbers.Figure]]:
    dates = numbers.zh_dates(text) + numbers.en_dates(text)
    return dates, numbers.figures_outside(text, dates)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_dates_and_figures_as_the_whole_text_scan(text: str) -> None:
    anchored = _dates_and_figures(text)
    with pytest.MonkeyPatch.context() as mp:
        for name in _ANCHOR_NAMES:
            mp.setattr(numbers, name, _EVERYWHERE)
        assert _dates_and_figures(text) == anchored


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_confusion_tokens_as_the_whole_text_scan(text: str) -> None:
    """Digit-only and letter-only tokens are left out by the anchor; they are never
    confusions, so the confusions are the same."""
    anchored = [m.span() for m in figures.confusion_tokens(text)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(figures, "TOKEN_ANCHOR", _EVERYWHERE)
        assert [m.span() for m in figures.confusion_tokens(text)] == anchored


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_token_anchor_matches_as_its_plain_form(text: str) -> None:
    """TOKEN_ANCHOR, written to open with a run's first character, finds what the plain
    ``[T]*(?:pair)[T]*`` finds (``T`` the token characters)."""
    c = figures._CONFUSABLE
    plain = re.compile(rf"[0-9{c},.]*(?:[0-9][,.]?[{c}]|[{c}][,.]?[0-9])[0-9{c},.]*")
    got = [m.span() for m in figures.TOKEN_ANCHOR.rx.finditer(text)]
    assert got == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_text_without_a_pair_at_a_digit_has_no_token_anchor(text: str) -> None:
    """confusion_tokens looks for no token in a text where _PAIR_AT_DIGIT finds no pair:
    TOKEN_ANCHOR finds none there either, and finds one wherever the pair is."""
    pair = figures._PAIR_AT_DIGIT.search(text) is not None
    assert pair == (figures.TOKEN_ANCHOR.rx.search(text) is not None)


@pytest.mark.parametrize(("text", "pair"), [("1S43", True), ("O.5", True), ("B 12", False)])
def test_a_pair_at_a_digit(text: str, pair: bool) -> None:
    assert (figures._PAIR_AT_DIGIT.search(text) is not None) == pair


def test_a_dishonest_anchor_misses_matches() -> None:
    """The property above can fail: an anchor whose reach is too short loses a match."""
    rx = re.compile(r"ab+c")
    short = Anchor("c", 1, 0)
    assert _found(short.windows("abbbc").finditer(rx)) != _found(rx.finditer("abbbc"))
    assert _found(Anchor("c", 4, 0).windows("abbbc").finditer(rx)) == _found(rx.finditer("abbbc"))


def test_required_chars_and_width() -> None:
    anchor = required_chars(re.compile("Ã[©®]|[€™]x"))
    assert anchor is not None
    assert re.fullmatch(anchor, "Ã") and re.fullmatch(anchor, "€")
    assert not re.search(anchor, "x©")  # © is a choice after Ã, not required
    assert required_chars(re.compile(r"a|Ã")) is None  # the first alternative is ASCII
    assert max_width(re.compile(r"ab{1,3}")) == 4
    assert max_width(re.compile(r"ab+")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年11月8日 on November 8, 2023 and 2023-11-08", 3),
        ("没有日期的文字" * 50 + "11月8日", 1),
        ("", 0),
    ],
)
def test_find_dates_far_from_start(text: str, expected: int) -> None:
    assert len(numbers.find_dates(text)) == expected


_HEAD = "人民日报 2015年2月1日 星期日 要闻 1"
_LINES = st.lists(st.sampled_from([_HEAD, "  " + _HEAD + " ", "第 3 版", "4", ""]), max_size=4)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _LINES, _TEXT)
def test_outside_furniture_reads_only_touched_lines(a: str, heads: list[str], b: str) -> None:
    """Dates and figures outside page furniture, read line by line, are those outside
    every span of the whole-text furniture table."""
    text = a + "\n" + "\n".join(heads) + "\n" + b
    an = analysis.TextAnalysis(text)
    spans = furniture_spans(text)
    for items in (an.memo(numbers.dates_table), an.memo(numbers.figures_table)):
        want = tuple(x for x in items if not any(s < x.end and x.start < e for s, e in spans))
        assert numbers.outside_furniture(an, items) == want


def test_outside_furniture_drops_a_running_head_date() -> None:
    an = analysis.TextAnalysis("正文11月8日\n" + _HEAD + "\n下文")
    dates = an.memo(numbers.dates_table)
    assert [d.text for d in numbers.outside_furniture(an, dates)] == ["11月8日"]
