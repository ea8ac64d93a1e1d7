"""The ``date`` family: real positive and negative examples for every check."""

from __future__ import annotations

from typing import Any

import pytest

from copydesk.validators.registry import all_checks, check_record

SEED_PUB = "2023-11-09"


def _hits(record: dict[str, Any], check: str) -> list[str]:
    rec = {"id": "t", **record}
    out = []
    for f in check_record(rec, select=[check]):
        text = rec[f.field] if not f.field.startswith("quotes[") else rec["quotes"][0]
        out.append(text[f.start : f.end])
    return out


def test_docstrings_have_the_four_parts() -> None:
    checks = [c for c in all_checks() if c.family == "date"]
    assert {c.id for c in checks} >= {
        "date.invalid",
        "date.split",
        "date.dateline-mismatch",
        "date.after-publication",
        "date.weekday-mismatch",
        "date.range-order",
    }
    for c in checks:
        assert c.description, c.id
        for part in ("Defect:", "Example:", "Rule:", "Limits:"):
            assert part in c.doc, (c.id, part)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("会议定于2月30日举行。", ["2月30日"]),
        ("二〇二三年二月三十日", ["二〇二三年二月三十日"]),
        ("截至2023年13月，", ["2023年13月"]),
        ("He was married on February 29, 1871, at Cairo.", ["February 29, 1871"]),
        ("The session will open on February 30, 1872.", ["February 30, 1872"]),
        # negatives: real seed and corpus dates
        ("乌镇峰会11月8日至10日在浙江乌镇举行", []),
        ("2020年2月29日", []),
        ("2月29日", []),  # no year written: 29 February passes
        # adjacent months and days are a range, not one month (34, 78, 123)
        ("今年三四月份，天气转暖。", []),
        ("每年七八月是旺季，一二三月的数据显示增长。", []),
        ("他在十一二月间到达，七月十五六日离开。", []),
        ("今年三二月份", ["今年三二月"]),  # not adjacent: still no month 32
        # a hard-wrapped page cut the number 10: no month 0 is written (rmrb2025-pdf shape)
        ("服务双循环的重要平台。1\n0月16日，活动在广州启动。", []),
        ("名单如下：\n1\n0月16日，活动在广州启动。", ["0月16日"]),  # a list number alone
        # a label's colon without a space is no time's minutes (review of stop 20)
        ("Deadline:31 February 2021.", ["31 February 2021"]),
        ("Deadline: 31 February 2021.", ["31 February 2021"]),
    ],
)
def test_invalid(body: str, expected: list[str]) -> None:
    assert _hits({"body": body}, "date.invalid") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" 新华社北京11月8日电 11 月 8 日上午，国家主席", ["11 月 8 日"]),
        ("2023年世界互联网大会乌镇峰会 11月 8日至 10日在", ["11月 8日至 10日"]),
        # the rest of the record writes its numbers unspaced: no house style
        ("申长雨介绍，截至 2023 年 9 月，中国有效发明较2022年增长12%", ["2023 年 9 月"]),
        ("制定实施 《专利转化运用专项行动方案 （2023—2025\n年）》", ["2023—2025\n年"]),
        ("吴沈括说，今年 10 月，中国提出", ["今年 10 月"]),
        ("on June\n21, 1871, the", ["June\n21, 1871"]),
        ("服务双循环的重要平台。1\n0月16日，活动在广州启动。", ["1\n0月16日"]),
        ("到今年１\n２月底完成。", ["１\n２月"]),
        # negatives
        ("名单如下：\n1\n0月16日，活动在广州启动。", []),  # a list number on its own line
        ("到 2025年，试点范围内", []),  # the space before the date is not the date's
        ("创设 10 年取得的丰硕成果", []),  # a duration: figure.split
        ("一九四九年\n\u3000\u300010月1日 中华人民共和国中央人民政府成立", []),  # chronology
        ("on June 21, 1871, the", []),
        ("New car sales plunge in October\n1 / 9\nBack to Gallery", []),  # image counter
        # house style: every number spaced from the Chinese after it
        ("该 iPhone 厂商说，驳回 12 个州在 4 月份提起的诉讼，售价 1,299 美元，用 Wi-Fi 上网", []),
        ("６\u3000月３０\u3000日证实，共８\u3000亿元、１４\u3000号楼、２\u3000万平方米", []),
    ],
)
def test_split(body: str, expected: list[str]) -> None:
    assert _hits({"body": body}, "date.split") == expected


def test_split_gives_remove_space() -> None:
    (f,) = check_record({"id": "t", "body": "11 月 8 日上午"}, select=["date.split"])
    assert f.suggestion == "remove space" and (f.start, f.end) == (0, 8)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"body": " 新华社北京11月8日电 11 月 8 日上午", "published": "2023-10-09"}, 1),
        ({"body": " 新华社北京11月8日电 11 月 8 日上午", "published": "2023-11-07"}, 1),
        (
            {
                "dateline": "本报北京11月8日电",
                "body": "国家发展改革委日前发布",
                "published": "2023-11-30",
            },
            1,
        ),
        ({"body": "正文。\n（新华社杭州11月8日电）", "published": "2023-12-01"}, 1),
        ({"dateline": "BEIJING, Nov. 8 (Xinhua) --", "body": "x", "published": "2023-11-20"}, 1),
        # negatives
        ({"body": " 新华社北京11月8日电 11 月 8 日上午", "published": SEED_PUB}, 0),
        ({"body": "本报平壤12月31日电 （记者）", "published": "2012-01-01"}, 0),  # year wrap
        ({"body": "据新华社北京11月8日电（记者宋晨） 中国在", "published": SEED_PUB}, 0),
        ({"body": "正文。\n（新华社杭州11月8日电）", "published": SEED_PUB}, 0),
        ({"body": "新华社北京11月8日电 x"}, 0),  # no published
    ],
)
def test_dateline_mismatch(record: dict[str, Any], expected: int) -> None:
    assert len(_hits(record, "date.dateline-mismatch")) == expected


def test_dateline_window_is_a_parameter() -> None:
    from copydesk.record import ArticleRecord
    from copydesk.validators.dates import dateline_mismatch

    rec = ArticleRecord.from_mapping(
        {"id": "t", "body": "新华社北京11月1日电 x", "published": "2023-11-12"}
    )
    assert len(list(dateline_mismatch(rec))) == 1
    assert list(dateline_mismatch(rec, max_days_before=14)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("这是申长雨在18日举行的国务院政策例行吹风会上表示的。", []),  # bare day: never later
        ("申长雨在11月18日举行的国务院政策例行吹风会上表示", ["11月18日"]),
        ("截至 2028 年 9 月，中国有效发明专利", ["2028 年 9 月"]),
        ("今年12月以来，", ["今年12月"]),
        # negatives: real seed sentences, future targets
        ("截至 2023 年 9 月，中国有效发明专利", []),
        ("到 2030年，试点城市和园区重点任务如期完成", []),
        ("金正恩感谢文在寅为预定于12月12日举行的朝美领导人会晤", []),
        ("在8日举行的国务院政策例行吹风会上", []),
    ],
)
def test_after_publication(body: str, expected: list[str]) -> None:
    assert _hits({"body": body, "published": SEED_PUB}, "date.after-publication") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("11月8日（星期四）上午", ["11月8日（星期四）"]),
        ("2023年11月8日周五", ["2023年11月8日周五"]),
        ("Monday, June 21, 1871, the", ["Monday, June 21, 1871"]),
        ("11月8日（星期三）上午", []),
        ("Wednesday, June 21, 1871, the", []),
    ],
)
def test_weekday_mismatch(body: str, expected: list[str]) -> None:
    assert _hits({"body": body, "published": SEED_PUB}, "date.weekday-mismatch") == expected


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # an event announced with its weekday, more than a month ahead, is this year's
        ("会议定于12月1日（星期日）在北京举行。", "2019-10-20", []),
        ("会议定于12月1日（星期一）在北京举行。", "2019-10-20", ["12月1日（星期一）"]),
        ("12月31日（星期一）", "2019-01-05", []),  # a January paper: last year's
        ("1月3日（星期五）", "2019-11-20", []),  # a November paper: next year's
    ],
)
def test_weekday_of_a_date_without_year_takes_the_nearest_year(
    body: str, published: str, expected: list[str]
) -> None:
    assert _hits({"body": body, "published": published}, "date.weekday-mismatch") == expected


def test_adjacent_months_parse_as_a_range() -> None:
    from copydesk.validators.numbers import adjacent_numbers, find_dates

    assert adjacent_numbers("三四") == (3, 4)
    assert adjacent_numbers("十一二") == (11, 12)
    assert adjacent_numbers("二十五六") == (25, 26)
    assert adjacent_numbers("十二") is None and adjacent_numbers("三五") is None
    (d,) = find_dates("今年三四月份")
    assert (d.rel_year, d.month, d.end_month) == ("今年", 3, 4)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("《专利转化运用专项行动方案（2025—2023年）》", ["2025—2023年"]),
        ("乌镇峰会11月10日至8日在浙江乌镇举行", ["11月10日至8日"]),
        ("《专利转化运用专项行动方案（2023—2025年）》", []),
        ("乌镇峰会11月8日至10日在浙江乌镇举行", []),
        ("12月28日至1月3日", []),
    ],
)
def test_range_order(body: str, expected: list[str]) -> None:
    assert _hits({"body": body}, "date.range-order") == expected


def test_one_space_between_a_date_and_its_weekday_is_not_a_split() -> None:
    # held-out fixtures/extracted, pd2019-1-06--pdftotext (a dated line, not a running head)
    body = "朝方宣布，会谈于2019年10月6日 星期日举行。"
    assert _hits({"body": body, "published": "2019-10-06"}, "date.split") == []
    assert _hits({"body": body}, "sentence.stray-space") == []
    body = "朝方宣布，会谈于2019年10月6日（星期日）举行。"
    assert _hits({"body": body}, "date.split") == []


@pytest.mark.parametrize(
    "body",
    [
        "会谈于2019年10月6日  星期日举行。",
        "会谈于2019年10 月6日 星期日举行。",
        "会谈于10月6日\n星期日举行。",
    ],
)
def test_other_spaces_in_a_date_with_weekday_are_a_split(body: str) -> None:
    assert len(_hits({"body": body}, "date.split")) == 1


def test_relative_year_cut_by_a_wrap_is_date_split() -> None:
    # held-out fixtures/extracted, pd2019-1-06--pdftotext
    body = "朝鲜全国上下都在积极支援三池渊郡的建设。预计到明\n年11月，住宅楼和公共设施将竣工。"
    assert _hits({"body": body, "published": "2019-10-06"}, "date.split") == ["明\n年11月"]
    assert _hits({"body": body}, "sentence.line-break") == []


def test_relative_year_word_alone_at_a_line_end_is_not_a_date() -> None:
    body = "这一点十分明\n年轻人也能看懂。"
    assert _hits({"body": body}, "date.split") == []


def test_date_printed_with_radicals_is_parsed() -> None:
    # held-out fixtures/extracted, pd2019-10-13--pypdf: ⽉ U+2F49, ⽇ U+2F47 for 月, 日
    body = "正恩亲⾃指⽰连派2架⻜机，最终在9⽉9\n⽇顺利将被困员⼯救出。"
    assert _hits({"body": body, "published": "2012-09-14"}, "date.split") == ["9⽉9\n⽇"]
    assert _hits({"body": body}, "sentence.line-break") == []
    body = "正恩亲⾃指⽰连派2架⻜机，最终在9⽉9⽇顺利将被困员⼯救出。"
    assert _hits({"body": body, "published": "2012-09-14"}, "date.split") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # hard-wrapped OCR (BL snippets): the year runs on in the next line's text
        ("from Kingston, Jamaica, March 4,\n1841 :— We have", ["March 4,\n1841"]),
        # web layout (extraction benchmark, L3S comments, Readability test pages)
        ("10 Things to Do in August\n\n6 Things to Do With Kids", []),
        ("4. Posted by Chris B\nDecember 28th,\n2007\n9:32 am\nI agree", []),
        ("Version\n4.3.1\nAugust 2014\n4.3.2\nSeptember 2014", []),
        # a page read across its columns (1901 page): a time's minutes, then a date
        ("the lodge meets on Friday, 8:3\nJune 12: sailed for", []),
        ("the lodge met on Friday, 3\nJune 12: sailed for", ["Friday, 3\nJune"]),
    ],
)
def test_english_date_line_breaks_that_are_layout(body: str, expected: list[str]) -> None:
    assert _hits({"body": body, "language": "en"}, "date.split") == expected
