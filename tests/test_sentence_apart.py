"""``sentence.line-break``: lines that stand apart by what they say or by their width (issue 10).

Short made-up strings of the shapes the real-world set showed (no corpus text): each rule
once where it makes a break a paragraph end, once where the break is still a wrap.
"""

from __future__ import annotations

import pytest

from copydesk.validators.profile import TextProfile
from copydesk.validators.registry import check_record
from copydesk.validators.residue import teaser_link
from copydesk.validators.sentence import classify_breaks

FLOWED = TextProfile(wrap="flowed", script="latin", column_width=None)
HARD = TextProfile(wrap="hard", script="latin", column_width=None)


def _verdict(text: str, before_end: str, profile: TextProfile) -> str:
    """The verdict on the break right after the first ``before_end`` in ``text``."""
    at = text.index(before_end) + len(before_end)
    (j,) = [j for j in classify_breaks(text, profile) if j.brk.start == at]
    return j.verdict


# -- lines that say they stand apart -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "before_end", "profile", "verdict"),
    [
        # a residue line (a related-links stub) after a headline line of a link list
        (
            "Prairie dogs pose a danger to the tourists of the park\nsee also",
            "park",
            FLOWED,
            "para",
        ),
        (
            "Prairie dogs pose a danger to the tourists of the park\nsee the ranger",
            "park",
            FLOWED,
            "wrap",
        ),
        # a button under a quotation's attribution
        ("The tide turned against the old harbour board and its\nRead More", "its", HARD, "para"),
        (
            "The tide turned against the old harbour board and its\nReaders wrote",
            "its",
            HARD,
            "wrap",
        ),
        # a credit label under a caption
        (
            "The supply ship for the small research submersible\nPhoto\n:\nJane Roe",
            "submersible",
            HARD,
            "para",
        ),
        (
            "The supply ship for the small research submersible\nImage: Wire Agency",
            "submersible",
            HARD,
            "para",
        ),
        (
            "The supply ship for the small research submersible\nPhotographers waited",
            "submersible",
            HARD,
            "wrap",
        ),
        # a byline's By cut from the name by link markup
        ("By\nJane Roe, Staff Writer\nThe council met.", "By", HARD, "para"),
        ("The treaty of the two towns was signed by\nPresident Grant today.", "by", HARD, "wrap"),
        # a sentence end and a dash: the attribution follows
        ("the boat was designed from the start to fail. -\nJane Roe", "fail. -", HARD, "para"),
        (
            "the boat and the whole crew of the ship -\nCaptain Roe and four men",
            "ship -",
            HARD,
            "wrap",
        ),
    ],
)
def test_a_line_that_says_it_stands_apart(
    text: str, before_end: str, profile: TextProfile, verdict: str
) -> None:
    assert _verdict(text, before_end, profile) == verdict


def test_a_copyright_sign_read_by_ocr_is_no_residue_line() -> None:
    # OCR reads a speck as © at the start of a column line: the column still wraps
    text = "and there was a laugh in the voice of the\n©; the busy little river beyond"
    assert _verdict(text, "of the", HARD) == "wrap"


@pytest.mark.parametrize(
    ("after", "verdict"),
    [
        ("deutsch |\nenglish", "para"),  # a menu item closed by its separator
        ("site: media | arena: sport | page: story", "para"),  # page metadata
        ("deutsch and english lessons for the staff", "wrap"),
    ],
)
def test_web_navigation_items_do_not_run_on(after: str, verdict: str) -> None:
    text = f"terms and conditions of the service desk\n{after}"
    assert _verdict(text, "desk", FLOWED) == verdict


@pytest.mark.parametrize(
    ("before_end", "verdict"),
    [("time. “", "para"), ("said: “", "wrap")],
)
def test_a_quote_mark_detached_after_a_sentence_end_closes(before_end: str, verdict: str) -> None:
    text = f"Customers ask questions in real {before_end}\n\nThis is true of small shops.”"
    text = text.replace("real said", "real time and one said")
    assert _verdict(text, before_end, FLOWED) == verdict


@pytest.mark.parametrize(
    ("after", "verdict"),
    [("web search", "para"), ("next post", "para"), ("that is hissing for more", "wrap")],
)
def test_a_block_of_one_or_two_words_after_a_blank_line_is_a_label(
    after: str, verdict: str
) -> None:
    text = f"tortured before an English crowd in the square\n\n{after}\n\nThe end came."
    assert _verdict(text, "square", FLOWED) == verdict


@pytest.mark.parametrize(
    ("before", "verdict"),
    [("JAS. P. ROE,", "para"), ("the auctioneer, Mr. Roe,", "wrap")],
)
def test_a_capitals_line_of_flowed_text_does_not_run_on(before: str, verdict: str) -> None:
    text = f"{before}\nwill sell the furniture at noon; open daily"
    assert _verdict(text, before, FLOWED) == verdict


# -- hard-wrapped text: dates, widths ----------------------------------------------------
_COLUMN = [
    "stakeholders has occurred in other nations with",
    "groups and individuals refusing to risk being",
    "seen as partners of the industry in any way at",
    "all while others in the field have taken a more",
    "open view of the talks that the firms propose",
    "to hold with them over the coming months and",
]


def test_a_date_alone_on_its_line_ends_its_block() -> None:
    text = "\n".join([*_COLUMN, "Received", "13 November 2003", "Accepted 15 July 2004"])
    assert _verdict(text, "2003", HARD) == "para"
    text = "\n".join([*_COLUMN, "13 November 2003 the two sides", "Agreed to meet again."])
    assert _verdict(text, "two sides", HARD) == "wrap"


def test_a_line_far_wider_than_the_full_lines_is_no_column_line() -> None:
    head = "Downloaded from the journal site on 12 July 2017 and published by the group site"
    text = "\n".join([head, "Advocacy in Action", *_COLUMN])
    assert _verdict(text, "group site", HARD) == "para"
    # a wide caption wrapped at its own width: both lines wide, the wrap holds
    cap = "The supply ship of the expedition is being repaired in the dock at the harbour of"
    cap2 = "Woolwich this week, and the engineer points to the weak spots of the keel plates."
    text = "\n".join([cap, cap2, *_COLUMN])
    assert _verdict(text, "harbour of", HARD) == "wrap"


# -- CJK: credits, numbered items ---------------------------------------------------------
def _cjk(lines: list[str]) -> str:
    """A hard-wrapped CJK text: five lines of one width, then ``lines``."""
    prose = "各国应结合各自国情坚持互联互通共享共治开展务实合作携手应对挑"
    return "\n".join([*[prose[i : i + 16] + "，" for i in range(0, 15, 3)], *lines])


def test_a_source_credit_closed_by_its_date_stands_alone() -> None:
    text = _cjk(
        ["青年团支部组织学习活动的情况汇报###", "《某地日报》（1970年10月30日）", "#####的#个记"]
    )
    prof = TextProfile(wrap="hard", script="cjk", column_width=16)
    assert _verdict(text, "汇报###", prof) == "para"
    assert _verdict(text, "30日）", prof) == "para"
    # a date in passing inside prose (a clause mark before it) is no credit
    text = _cjk(["会议决定召开大会，时间是（1970年10月30日）", "在北京举行各项活动安排"])
    assert _verdict(text, "30日）", prof) == "wrap"


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        ("用思想统帅工作。若干", "二，实行教师多面手要根据教师的具体情况，逐步推广", "para"),
        ("用思想统帅工作。若干", "二、实行教师多面手要根据教师的具体情况，逐步推广", "para"),
        # a numeral opening a word (二十多名) is no item
        (
            "学校先后组织了全校各个学科的骨干",
            "二十多名教师参加培训，逐步推广经验做法和体会",
            "wrap",
        ),
    ],
)
def test_a_numbered_item_after_the_first_opens_its_line(
    before: str, after: str, verdict: str
) -> None:
    text = _cjk([before, after])
    prof = TextProfile(wrap="hard", script="cjk", column_width=16)
    assert _verdict(text, before, prof) == verdict


# -- CJK flowed text: a speaker's turn, a teaser's link label ------------------------------
FLOWED_CJK = TextProfile(wrap="flowed", script="cjk", column_width=None)
_BIO = "王某同志现任某某农机公司党委书记，曾获得全国劳动奖章、青年科技新星等光荣称号"


@pytest.mark.parametrize(
    ("after", "verdict"),
    [
        ("记者：首先欢迎你来到本网接受采访，请问你怎样看待补贴问题？", "para"),
        ("问：你怎样看待补贴问题，能否谈谈？", "para"),
        # no label: the bio line runs on (a prose line cut between two ideographs)
        ("首先欢迎你来到本网接受采访，请问你怎样看待补贴问题？", "wrap"),
        # a colon after a verb opening the line, not a label: still a cut
        ("强调：要坚持系统观念，扎实推进各项工作。", "wrap"),
    ],
)
def test_a_speakers_label_opens_a_turn(after: str, verdict: str) -> None:
    text = f"{_BIO}\n\n{after}"
    assert _verdict(text, "称号", FLOWED_CJK) == verdict


def test_a_label_that_recurs_is_a_speakers_turn() -> None:
    turns = (
        "\n\n张某：谢谢，我们今年的销售额达到了几千万。\n\n李四：那么明年呢？\n\n张某：还会更高。"
    )
    assert (
        _verdict(f"{_BIO}\n\n张某：谢谢，我们的市场在县城附近。{turns}", "称号", FLOWED_CJK)
        == "para"
    )
    # the same label once only: a name opening a cut sentence's second line is no turn
    assert _verdict(f"{_BIO}\n\n张某：谢谢，我们的市场在县城附近。", "称号", FLOWED_CJK) == "wrap"


@pytest.mark.parametrize(
    ("before", "verdict"),
    [
        ("据悉，他的头部缝了多针，送到医院时衣着不整，神情十分狼狈。详情", "para"),
        ("据悉，他的头部缝了多针，送到医院时衣着不整，神情十分狼狈。阅读全文", "para"),
        # 详情 ending a sentence's words (no stop before it) is no label: the line runs on
        ("据悉，他的头部缝了多针，随后赶到的警方向在场人员了解详情", "wrap"),
    ],
)
def test_a_teasers_link_label_after_its_sentence_end_ends_the_line(
    before: str, verdict: str
) -> None:
    text = f"{before}\n\n整容手术后，露面说案情"
    assert _verdict(text, before, FLOWED_CJK) == verdict


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("主题活动拉开帷幕。［详细］", "［详细］"),
        ("首次现场解答疑问…［\u3000详细\u3000］［现场视频］", "［\u3000详细\u3000］［现场视频］"),
        ("活动圆满结束。全文>>", "全文>>"),
        ("神情十分狼狈。详情 ", "详情 "),
        ("向在场人员了解详情", None),  # no sentence end before it
        ("他说：“好。”更多的人来了", None),  # 更多 opening a sentence
        ("见下文。［注1］", None),  # a note mark, no link word
    ],
)
def test_teaser_link_labels(line: str, label: str | None) -> None:
    at = teaser_link(line)
    assert (None if at is None else line[at:]) == label


def test_the_check_reports_none_of_them_end_to_end() -> None:
    body = (
        "The council met on Monday to hear the plans of the new harbour board.\n"
        "By\nJane Roe, Staff Writer\n"
        "The supply ship for the small research submersible\nPhoto\n:\nJane Roe\n"
        "It said the plans were good, and\nthat work would start in spring."
    )
    found = [
        body[f.start - 3 : f.start] + "⏎" + body[f.end : f.end + 3]
        for f in check_record({"id": "t", "body": body}, select=["sentence.line-break"])
    ]
    assert found == ["and⏎tha"]
