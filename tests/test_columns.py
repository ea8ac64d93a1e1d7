"""``layout.side-by-side-columns``: columns written beside each other on one line, and
``copydesk fix`` reading them column by column (:mod:`copydesk.validators.columns`)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.fix import fix_record
from copydesk.fix.edits import apply
from copydesk.testing.strategies import DEFECTS, Corrupted
from copydesk.validators.columns import MIN_ROWS, column_blocks, read_columns
from copydesk.validators.registry import check_record

CHECK = "layout.side-by-side-columns"


def _non_white(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def _read(text: str) -> str:
    for b in reversed(column_blocks(text)):
        text = text[: b.start] + read_columns(text, b) + text[b.end :]
    return text


def _found(body: str) -> list[tuple[int, int]]:
    rec = {"id": "x", "body": body}
    return [(f.start, f.end) for f in check_record(rec, select=[CHECK])]


# -- real negatives: tables laid out with spaces (pdftotext -layout 22.12 of PDFs Debian ships)
#: /usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf p. 11: a binary format's table
MIME_TABLE = """\
2   CARD16      MAJOR_VERSION 1
2   CARD16      MINOR_VERSION 2
4   CARD32      ALIAS_LIST_OFFSET
4   CARD32      PARENT_LIST_OFFSET
4   CARD32      LITERAL_LIST_OFFSET
4   CARD32      REVERSE_SUFFIX_TREE_OFFSET
4   CARD32      GLOB_LIST_OFFSET
4   CARD32      MAGIC_LIST_OFFSET
4   CARD32      NAMESPACE_LIST_OFFSET
4   CARD32      ICONS_LIST_OFFSET
4   CARD32      GENERIC_ICONS_LIST_OFFSET"""

#: /usr/share/doc/libtasn1-doc/libtasn1.pdf p. 36: an index set in two columns, dot leaders
INDEX = "\n".join(
    f"{a} {'. ' * n}{p}{' ' * (88 - len(a) - 2 * n - len(p))}{b} {'. ' * 24}"
    for a, n, p, b in [
        ("asn1_array2tree", 31, "9", "asn1_get_bit_der"),
        ("asn1_bit_der", 33, "17", "asn1_get_length_ber"),
        ("asn1_check_version", 28, "23", "asn1_get_length_der"),
        ("asn1_copy_node", 31, "11", "asn1_get_object_id_der"),
        ("asn1_create_element", 27, "10", "asn1_get_octet_der"),
        ("asn1_decode_simple_ber", 26, "22", "asn1_get_tag_der"),
        ("asn1_decode_simple_der", 26, "22", "asn1_length_der"),
        ("asn1_delete_element", 28, "9", "asn1_number_of_elements"),
        ("asn1_delete_structure", 27, "9", "asn1_object_id_der"),
    ]
)

#: a price list in columns (the kind OCR of an old page gives): short cells and figures
PRICES = "\n".join(
    f"{item:<28}{price:>8}      {item2:<28}{price2:>8}"
    for item, price, item2, price2 in [
        ("Flour, per barrel", "$5.00", "Rice, Hawaiian, per bag", "$4.25"),
        ("Sugar, granulated", "5.50", "Potatoes, per cwt", "1.75"),
        ("Coffee, Kona, per lb", ".18", "Onions, per cwt", "2.00"),
        ("Tea, per lb", ".45", "Butter, per lb", ".35"),
        ("Salt, per bag", ".60", "Eggs, per dozen", ".40"),
        ("Beans, per cwt", "3.00", "Cheese, per lb", ".20"),
        ("Oats, per ton", "28.00", "Lard, per lb", ".12"),
        ("Hay, per ton", "22.00", "Bacon, per lb", ".16"),
        ("Bran, per ton", "21.00", "Hams, per lb", ".17"),
    ]
)


@pytest.mark.parametrize("table", [MIME_TABLE, INDEX, PRICES], ids=["format", "index", "prices"])
def test_tables_laid_out_with_spaces_are_no_columns(table: str) -> None:
    assert _found(table) == []


def test_a_hard_wrapped_column_and_flowed_text_are_no_columns() -> None:
    column = "\n".join(
        [
            "Japanese may in many senses be",
            "compared to the people of this",
            "country Great Britain. To begin",
            "with they number 40,000,000 then",
            "they live in an island country of",
            "about the same area as Great",
            "Britain and they are becoming",
            "dependent upon foreign countries",
            "for a large proportion of their food.",
        ]
    )
    assert _found(column) == []
    assert _found(column.replace("\n", " ") + "\n\nA second paragraph.  Two spaces.") == []


# -- real positives: held-out batch 1, pdftotext -layout of a page printed by Chromium ------
def _layout_cases() -> list:
    from benchmarks import fix_cer

    return [
        c
        for c in fix_cer._cases(["extracted", "extracted-b2"])
        if c.extractor == "pdftotext-layout"
    ]


@pytest.fixture(scope="module")
def layout_cases() -> list:
    from copydesk.testing.corpora import shared_dir

    if shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    pytest.importorskip("rapidfuzz")
    return _layout_cases()


def test_pdftotext_layout_pages_are_read_column_by_column(layout_cases: list) -> None:
    """The Honolulu Independent of 22 June 1897 in three columns: one block of 21 lines, and
    the fix brings the text to within a few characters of the typeset text (1,747 -> 5)."""
    from benchmarks import fix_cer

    case = next(c for c in layout_cases if c.naive["id"] == "overproof-d3-11-1897")
    body = case.naive["body"]
    [(start, end)] = _found(body)
    assert body[start:end].count("\n") + 1 == 21
    fixed, edits = fix_record(case.naive)
    ref = fix_cer._typeset(case.source)
    assert fix_cer.distance(fixed["body"], ref) < 0.01 * fix_cer.distance(body, ref)
    mine = [e for e in edits if CHECK in e.check.split("+")]
    assert len(mine) == 1
    assert fix_record(fixed) == (fixed, [])


def test_every_block_on_the_layout_pages_keeps_its_characters(layout_cases: list) -> None:
    """24 of the 32 pdftotext -layout pages of batches 1-2 hold a block (the others set four
    CJK columns a space apart); reading them keeps every non-white character and halves the
    distance to the typeset text before any other fix."""
    from benchmarks import fix_cer

    with_block, before, after = 0, 0, 0
    for c in layout_cases:
        body = c.naive["body"]
        read = _read(body)
        assert _non_white(read) == _non_white(body)
        with_block += read != body
        ref = fix_cer._typeset(c.source)
        before += fix_cer.distance(body, ref)
        after += fix_cer.distance(read, ref)
    assert with_block >= 20
    assert after < 0.5 * before


def test_other_extractors_hold_no_block(layout_cases: list) -> None:
    from benchmarks import fix_cer

    others = [c for c in fix_cer._cases(["extracted", "extracted-b2"]) if c not in layout_cases]
    assert others
    assert not any(column_blocks(c.naive["body"]) for c in others)


# -- properties -----------------------------------------------------------------------------
_CELL = st.text(alphabet="ab cd中文，。", min_size=0, max_size=30)


@settings(max_examples=200)
@given(st.lists(st.tuples(_CELL, st.integers(0, 6), _CELL), min_size=0, max_size=30))
def test_reading_keeps_every_non_white_character(rows: list[tuple[str, int, str]]) -> None:
    """Whatever the text, each block read column by column holds the same non-white
    characters (a multiset)."""
    text = "\n".join(f"{a}{' ' * g}{b}" for a, g, b in rows)
    read = _read(text)
    assert _non_white(read) == _non_white(text)


@settings(max_examples=60, deadline=None)
@given(DEFECTS[CHECK])
def test_side_by_side_columns_are_found_and_fixed_idempotently(bad: Corrupted) -> None:
    body = bad.record["body"]
    assert _found(body) == [(0, len(body))]
    fixed, edits = fix_record(bad.record)
    assert _non_white(fixed["body"]) == _non_white(body)
    assert apply(body, [e for e in edits if e.field == "body"]) == fixed["body"]
    assert column_blocks(fixed["body"]) == []
    assert fix_record(fixed) == (fixed, [])
    # the lines come back in reading order: the text reads as the clean article's
    squeeze = "".join(body.split())
    assert "".join(fixed["body"].split()) != squeeze or len(body.split("\n")) < MIN_ROWS
    assert "".join(fixed["body"].split()) == "".join(bad.clean[-1]["body"].split())
