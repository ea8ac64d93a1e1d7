"""``sentence.glued``: two sentences run together with no space (a block boundary lost).

The strings are made up in the shape of the real ones (Readability.js and trafilatura on the
article-extraction benchmark, goose's Korean expected text, ICDAR2017 OCR); the real-world
precision is measured by ``copydesk.testing.real_world`` (fixtures/real-world/verdicts.jsonl).
"""

from __future__ import annotations

import pytest

from copydesk.findings import Severity
from copydesk.fix import Fixer
from copydesk.fix.repairs import Repair, insert_space
from copydesk.validators.registry import check_record, get_check


def glued(body: str, **fields: str) -> list[tuple[int, int]]:
    found = check_record({"id": "x", "body": body, **fields}, select=["sentence.glued"])
    return [(f.start, f.end) for f in found]


def at(body: str, piece: str) -> tuple[int, int]:
    """The span a glue inside ``piece`` should have: its stop to the next letter."""
    i = body.index(piece)
    stop = next(k for k in range(i, i + len(piece)) if body[k] in ".!?")
    end = stop + 1
    while not body[end].isalpha():
        end += 1
    return stop, end + 1


@pytest.mark.parametrize(
    ("body", "piece"),
    [
        ("The minister resigned, Kan reported on Wednesday.The stabbing occurred at noon.", "y.T"),
        ("Voters were asked twice.“Governor Smith has done a great job,” he said.", "e.“G"),
        ("The film is a classic, like “Bambi.”There were other titles too.", "i.”T"),
        ("Is it worth the money?Absolutely, says the reviewer.", "y?A"),
        ("Das führt zum Verlust der Daten.Weder die Kasse noch die Firma wusste davon.", "n.W"),
        ("Посыпьте зеленым луком.Проголосовать можно на последней странице.", "м.П"),
        ("국제적으로 인정받는 전문가다.“시험인증 분야는 준비 없이는 아무것도 못 한다.", "다.“시"),
        ("회사는 서비스를 제공하고 있다.창립 15주년을 준비한다.", "다.창"),
        ("The flood hit Bushwick, Brooklyn.CreditFred Conrad for the paper", "n.C"),
        ("Follow us on Twitter @deals.We bring you the best deals.", "s.W"),
        ("He was born in 57-year-old.Police arrested him later.", "d.P"),
    ],
)
def test_a_glued_sentence_is_found_at_its_stop(body: str, piece: str) -> None:
    assert glued(body) == [at(body, piece)]


@pytest.mark.parametrize(
    "body",
    [
        "Officials in the U.S.Treasury declined to comment on the matter.",  # initials
        "He wrote it as J.R.R.Tolkien once did, in longhand, every morning.",
        "Mr.Hodson and Dr.Watson spoke, then we went to St.Louis for the night.",  # titles
        "Shares of Acme Inc.Today rose sharply in early trading on Monday.",
        "The park is on Albert-rd.Middleton lies to the north of the town.",
        "Write to Sarah.Needleman@example.com for the full report.",  # e-mail
        "Contact Dear Abby at www.DearAbby.Com or by post.",  # URL, domain
        "See https://Example.Org/Page for more, or PanARMENIAN.Net for news.",
        "The runtime is built on Node.js and the site is example.com today.",  # lower case
        "Call System.Collections.Generic or Math.Max(a, b) in the code.",  # code
        "Version 3.5 was released, then 3.6.And that was all, sadly.",  # a decimal, a version
        "It ended... Then nothing happened for a while.",  # an ellipsis
        "Wait...Then the lights went out across the whole city.",
        "It is the home of BGCP's My.Future technology initiative.",  # a determiner
        "Trends: Evo Morales news\nMixi.Media News\nPodcasts",  # a name alone on its line
        "I read it on Yahoo!News this morning, as always.",
        "Can people simply touch?Watch a DVD??on the screen and don?t look.",  # lost characters
        "FIRST - CLASS STAIH.Ha, OL SING KINO, and every accommodation.",  # a caps advert
        "He said: it was good.the next one was worse.",  # lower-case opening
        "Marie Curie, called Mme.Curie, met Mlle.Dupont; see Op.Cit and the Vue.Js site.",
        # CJK text: no space between sentences by design
        "新华社北京电 会议指出。Apple公司表示。他说.Google也一样。中国经济持续恢复向好。",
        "日本の経済は回復している.Tokyo でも同じだ。株価は上がった。",
    ],
)
def test_names_abbreviations_code_and_cjk_text_are_not_glued_sentences(body: str) -> None:
    assert glued(body) == []


def test_hard_wrapped_text_is_not_read() -> None:
    # OCR column lines: a stop glued to a capital there is a misread mark or a lost space
    lines = [
        "The meeting of the council was held on",
        "Tuesday last, when the Mayor presided and",
        "a large number of members were present.The",
        "report of the committee was read and it was",
        "resolved that the works be carried out at",
        "once, and that the clerk write to the board",
    ]
    assert glued("\n".join(lines)) == []
    flowed = " ".join(lines)  # the same words as one paragraph: read
    assert glued(flowed) == [at(flowed, "t.T")]


def test_quotes_and_subheadline_are_read_too() -> None:
    sub = "The company said so.Shares fell at once."
    assert glued("A body with no glue.", subheadline=sub) == [at(sub, "o.S")]


def test_the_finding_is_a_warning_with_a_suggestion() -> None:
    spec = get_check("sentence.glued")
    assert spec.severity == Severity.WARNING
    body = "It was over, he said.The rest is history."
    (f,) = check_record({"id": "x", "body": body}, select=["sentence.glued"])
    assert f.suggestion == "insert a space" and "d.T" in f.message


# -- the safe repair: ``copydesk fix`` inserts a space ------------------------------------
@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        ("It was over, he said.The rest is history.", "It was over, he said. The rest is history."),
        (
            "The film is like “Bambi.”There were others.",
            "The film is like “Bambi.” There were others.",
        ),
        (
            "인정받는 전문가다.“시험인증 분야는 어렵다.",
            "인정받는 전문가다. “시험인증 분야는 어렵다.",
        ),
        ("The agency said.(Oleg Urusov/AP photo)", "The agency said. (Oleg Urusov/AP photo)"),
    ],
)
def test_fix_inserts_a_space_after_the_stop_and_its_closing_marks(body: str, fixed: str) -> None:
    result = Fixer().fix({"id": "x", "body": body})
    assert result.record["body"] == fixed
    assert glued(fixed) == []


def test_fix_leaves_a_straight_quote_alone() -> None:
    # ``band."We``: the quote may close the sentence or open the next one
    body = 'He played in a local band."We are paid to be nosy," Dempsey said.'
    assert glued(body) != []
    assert Fixer().fix({"id": "x", "body": body}).record["body"] == body


def test_insert_space_needs_a_stop_then_a_letter() -> None:
    assert insert_space("said.The", 4, 6) == Repair(5, 5, " ")
    assert insert_space("said. The", 4, 7) is None  # white space in the span
    assert insert_space("said,The", 4, 6) is None  # no stop
