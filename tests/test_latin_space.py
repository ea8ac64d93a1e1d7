"""``sentence.stray-space`` in flowed Latin-script text (:mod:`copydesk.validators.latin_space`)."""

from __future__ import annotations

import pytest

from copydesk.fix import Fixer
from copydesk.validators.registry import check_record

#: Made-up prose that writes its commas and full stops closed up (a house style to read).
CLOSED = (
    "The council met on Monday, and the mayor spoke first. She said the budget was tight, "
    "that the roads needed work, and that the schools came first. Members asked questions, "
    "took notes, and voted. The motion passed. The next meeting is in March, the clerk said. "
    "Residents may write in, call, or visit. The minutes will be published. "
    "Nobody objected, and the session closed early. Coffee was served.\n"
)


def _found(body: str, **extra: object) -> list[tuple[str, str]]:
    rec = {"id": "t", "body": body, **extra}
    found = check_record(rec, select=["sentence.stray-space"])
    return [(body[f.start : f.end], body[f.start - 8 : f.end + 2]) for f in found]


@pytest.mark.parametrize(
    ("tail", "near"),
    [
        ("Shares of Acme (NASDAQ: ACME ) rose.\n", "ACME )"),
        ("She cooks at Scratch Culinary , a bistro.\n", "Culinary ,"),
        ("He wrote for Forbes , “Why it matters.”\n", "Forbes ,"),
        ("The report was published in Nature .\n", "Nature ."),
        ("The firm ( founded in 1990) grew.\n", "firm ( f"),
        ("He bought the Smart Keyboard Folio . iPadOS 13 came later.\n", "Folio ."),
    ],
)
def test_stray_space_before_a_closed_up_mark(tail: str, near: str) -> None:
    body = CLOSED + tail
    found = _found(body, language="en")
    assert len(found) == 1
    span, context = found[0]
    assert span == " "
    assert near in context


@pytest.mark.parametrize(
    "tail",
    [
        "He paused ... and went on.\n",  # an ellipsis
        "Don't Miss . . .\n",  # a dotted leader
        "He owned a .45 and the index .DJI fell.\n",  # a calibre, a ticker
        "It cost 1 ,000 dollars.\n",  # a split figure (figure.split)
        "Tags: sport , tennis , golf , cricket\n",  # a list set apart by spaced commas
        "Great news :( sadly ;) or not.\n",  # emoticons
        "Crown Holdings, Inc. . will pay.\n",  # a doubled mark, no word before
        "and now as it is . ascertained by the board.\n",  # an OCR speck: lower case after
    ],
)
def test_set_apart_marks_pass(tail: str) -> None:
    assert _found(CLOSED + tail, language="en") == []


def test_text_without_a_closed_up_style_passes() -> None:
    """A short text (too few marks to show a style) or one that spaces its marks throughout."""
    assert _found("Logitech , the maker , grew .\n", language="en") == []
    spaced = "One , two , three .\nFour , five .\nSix , seven , eight .\n" * 4
    assert _found(spaced, language="en") == []


def test_french_typography_passes() -> None:
    body = (
        "Le conseil s’est réuni lundi ; le maire a parlé le premier. Elle a dit : « le budget "
        "est serré », et les routes attendent. Pourquoi ? Parce que les écoles passent avant ! "
        "Les membres ont posé des questions, pris des notes, et voté. La motion est passée. "
        "La prochaine réunion aura lieu en mars, a dit le greffier. Les habitants peuvent "
        "écrire, appeler, ou venir. Le compte rendu sera publié, et la séance a été levée.\n"
    )
    assert _found(body, language="fr") == []
    assert _found(body) == []  # the typography alone tells
    # a comma is closed up in French too: a stray space before one is still reported
    assert [s for s, _ in _found(body + "Il écrit pour Le Monde , un quotidien.\n")] == [" "]


def test_hard_wrapped_text_passes() -> None:
    """OCR and PDF lines space marks by glyph position: no house style to read."""
    words = CLOSED.replace("\n", " ").split(" ")
    lines = [" ".join(words[i : i + 8]) for i in range(0, len(words), 8)]
    body = "\n".join(lines) + "\nreported by the Times , and\nothers on Monday.\n"
    assert _found(body, language="en") == []


def test_cjk_text_is_left_to_the_cjk_rules() -> None:
    body = CLOSED + "他说 , 好的。\n"
    assert all(span.strip() == "" for span, _ in _found(body))
    assert not any("他说 ," in context for _, context in _found(body))


def test_fix_removes_the_space() -> None:
    body = CLOSED + "She cooks at Scratch Culinary , a bistro.\n"
    rec = {"id": "t", "body": body, "language": "en"}
    found = check_record(rec, select=["sentence.stray-space"])
    assert [f.suggestion for f in found] == ["remove space"]


@pytest.mark.parametrize(
    "tail",
    [
        # OverProof's Sydney Morning Herald OCR (op-14489000, op-13438000, op-16992000,
        # op-13012000, op-17603000): the gold reads Co., I. S. N. Co., M. P., grs., A.A.P.
        "The firm of Lazarus, Rosenfeld, and Co , of Kent street, sued.\n",
        "Cargo came in the steerage I S N Co , agents.\n",
        "Guests were John Sandeman Allen, M P , and Lady Sandeman.\n",
        "The yield was 19,209 ozs. 15 dwts. 6 grs , to which may be added more.\n",
        "SOFIA, Aug. 25. (A.A.P )\n",
    ],
)
def test_a_lost_stop_is_reported_without_a_repair(tail: str) -> None:
    """A space after an abbreviation or an initial is where OCR lost a stop: still a
    finding, but closing it up (``Co,``) would not give the stop back, so no repair."""
    rec = {"id": "t", "body": CLOSED + tail, "language": "en"}
    found = check_record(rec, select=["sentence.stray-space"])
    assert len(found) == 1
    assert found[0].suggestion is None
    assert "stop was lost" in found[0].message
    assert Fixer().fix(rec).edits == []


@pytest.mark.parametrize(
    "tail",
    [
        "He wrote for the Courier , a weekly.\n",
        # the stop is there (review of stop 21): a stray space before it, closed up
        "The letter was signed by Mr . Smith of Leeds.\n",
        "The letter was signed by J . Smith of Leeds.\n",
        # one capital, and an abbreviation that is also a word, are words here
        "And I , for one, agree with her.\n",
        "No , he said, not today.\n",
    ],
)
def test_a_word_before_the_space_keeps_its_repair(tail: str) -> None:
    rec = {"id": "t", "body": CLOSED + tail, "language": "en"}
    (f,) = check_record(rec, select=["sentence.stray-space"])
    assert f.suggestion == "remove space"
    assert [e.after for e in Fixer().fix(rec).edits] == [""]
