"""``layout.side-by-side-columns``: columns written beside each other on one line, and
``copydesk fix`` reading them column by column (:mod:`copydesk.validators.columns`)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copydesk.fix import fix_record
from copydesk.fix.edits import apply
from copydesk.testing.strategies import DEFECTS, Corrupted
from copydesk.validators import columns
from copydesk.validators.columns import MIN_ROWS, column_blocks, read_columns
from copydesk.validators.registry import all_checks, check_record

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

#: entries and their results in two columns, both prose-length (review of stop 21): read
#: column by column, which result is whose would be lost
RESULTS = "\n".join(
    name.ljust(34) + result
    for name, result in [
        ("Mr. J. Smith's Bold Venture", "won the Maiden Plate by two lengths"),
        ("Mrs. Brown's Northern Light", "second in the Hurdle Race after a fall"),
        ("Captain Grey's Silver Arrow", "ran third in the Flying Handicap"),
        ("The Hon. W. Long's Merrylegs", "fell at the last fence and was hurt"),
        ("Mr. A. Ward's Kentish Maid", "won the Ladies Bracelet easily"),
        ("Dr. Stone's Autumn Leaves", "was scratched before the start"),
        ("Mr. P. Hill's Southern Cross", "finished fourth in the Steeplechase"),
        ("Miss Kelly's Wandering Star", "won the Selling Race by a neck"),
        ("Mr. T. Reid's Golden Fleece", "was unplaced in the Town Plate"),
    ]
)


@pytest.mark.parametrize(
    "table", [MIME_TABLE, INDEX, PRICES, RESULTS], ids=["format", "index", "prices", "results"]
)
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
    """31 of the 32 pdftotext -layout pages of batches 1-2 hold a block (7 of them CJK
    columns one space apart); reading them keeps every non-white character and halves the
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
    assert with_block >= 30
    assert after < 0.5 * before


def test_other_extractors_hold_no_block_but_cjk_columns_joined_by_one_space(
    layout_cases: list,
) -> None:
    """pdfminer, pypdf and PyMuPDF read the columns one after the other: no block. Plain
    pdftotext joins the lines of CJK columns with one space; where it does so on 8 lines
    or more (one page of 14) the block is found and reading it brings the page closer."""
    from benchmarks import fix_cer

    others = [c for c in fix_cer._cases(["extracted", "extracted-b2"]) if c not in layout_cases]
    assert others
    assert not any(column_blocks(c.naive["body"]) for c in others if c.extractor != "pdftotext")
    joined = [c for c in others if c.extractor == "pdftotext" and column_blocks(c.naive["body"])]
    assert joined
    for c in joined:
        body, ref = c.naive["body"], fix_cer._typeset(c.source)
        assert c.naive["id"].startswith("pd2019")  # People's Daily: Chinese
        assert fix_cer.distance(_read(body), ref) < fix_cer.distance(body, ref)


# -- CJK columns joined by one space (cjk_space_blocks) --------------------------------------
def _label_gutters(case) -> set[int]:
    """Offsets of the one-character spaces the held-out labeller marks as not in the typeset
    text (``sentence.stray-space``: ``jump: columns joined`` mostly; its own alignment with
    the typeset text, an independent judge: a cut there never splits a line of a column)."""
    return {
        lab["start"]
        for lab in case.labels
        if lab["check"] == "sentence.stray-space" and lab["end"] - lab["start"] == 1
    }


def test_cjk_columns_one_space_apart_are_found_and_read(layout_cases: list) -> None:
    """People's Daily of 15 April 2012 (held-out batch 1), four columns one space apart in
    ``pdftotext -layout``: a block of 4 columns whose one-space cuts are all spaces the
    labeller found the typeset text lacks, read closer to the typeset text, and no
    ``sentence.stray-space`` finding on its gutters (one defect, one finding)."""
    from benchmarks import fix_cer

    case = next(c for c in layout_cases if c.naive["id"] == "pd2019-11-07")
    body = case.naive["body"]
    [block] = column_blocks(body)
    assert len(block.cuts[0]) + 1 == 4 and block.last - block.first + 1 >= MIN_ROWS
    cuts = columns.gutter_offsets(body, [block])
    one_space = {c for c in cuts if body[c] == " " and body[c + 1] != " "}
    assert one_space and one_space <= _label_gutters(case)
    ref = fix_cer._typeset(case.source)
    assert fix_cer.distance(_read(body), ref) < fix_cer.distance(body, ref)
    rec = {"id": "x", "body": body}
    stray = [f for f in check_record(rec, select=["sentence.stray-space"])]
    assert not any(block.start <= f.start < block.end and f.start in cuts for f in stray)
    assert _found(body) == [(block.start, block.end)]


def test_every_cjk_block_cut_is_a_labelled_gutter(layout_cases: list) -> None:
    """Over batches 1-2 (both pdftotext modes), every one-space cut of a CJK block is a
    space the labeller found the typeset text lacks: no space of the text is cut."""
    from benchmarks import fix_cer

    n = 0
    for c in fix_cer._cases(["extracted", "extracted-b2"]):
        if c.extractor not in ("pdftotext", "pdftotext-layout"):
            continue
        body = c.naive["body"]
        lines = body.split("\n")
        spans = {(a, b) for a, b, _ in columns.cjk_space_blocks(lines)}
        blocks = [b for b in column_blocks(body) if (b.first, b.last) in spans]
        cuts = columns.gutter_offsets(body, blocks)
        one_space = {x for x in cuts if body[x] == " " and body[x + 1] != " "}
        assert one_space <= _label_gutters(c), c.name
        n += len(one_space)
    assert n >= 100


def _zh_sources() -> list[str]:
    """Real Chinese texts with legitimate spaces between CJK characters: People's Daily 2019
    web (``本报记者 刘 歌``), magic_html zh (14 of 52 with such spaces), Sogou news, the
    retypeset People's Daily 2025 PDF read by pdftotext (when installed), the cwced gold."""
    from copydesk.testing import corpora

    if corpora.shared_dir() is None:
        pytest.skip("../shared/corpora is absent")
    out = []
    for src in ("pd2019", "magic-zh", "sogou-sohu", "sogou-ten", "rmrb2025-pdf", "cwced-gold"):
        for rec in corpora.real_world(src):
            out.extend(v for k, v in rec.items() if k in ("body", "headline") and v)
    return out


def test_real_chinese_text_with_spaces_holds_no_block() -> None:
    texts = _zh_sources()
    spaced = [t for t in texts if columns._cjk_gaps(t.split("\n")[0]) or "刘 歌" in t]
    assert len(texts) > 400 and spaced
    assert [t[:40] for t in texts if column_blocks(t)] == []


def test_the_seed_page_holds_no_block() -> None:
    """fixtures/rmrb-2023-11-09-p1/naive.jsonl, a real PDF extraction of People's Daily's
    page 1: its columns were read one after the other (a space left after a dateline,
    ``（记者刘志强） 国家发展``, is a stray space, not a gutter): no block, as its gold says."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures/rmrb-2023-11-09-p1/naive.jsonl"
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 4
    assert not any(column_blocks(r["body"]) for r in recs)


def test_korean_and_latin_single_spaces_are_no_gutter() -> None:
    """Korean spaces its words, so rows of Korean prose aligned by chance are no columns;
    a one-space gap beside a Latin letter or digit is no gutter."""
    ko = "\n".join(["한국의 경제는 빠르게 성장하고 있다 정부는 새로운 정책을 발표했다"] * 10)
    assert column_blocks(ko) == []
    assert columns._cjk_gaps("朝鲜从1945年摆脱 日本殖民 2019年 3月") is None
    assert columns._cjk_gaps("当天，朝鲜各道 利等20多个") == [(7, 14, 15, True)]


def test_the_check_and_the_rule_document_their_parts() -> None:
    [check] = [c for c in all_checks() if c.id == CHECK]
    for part in ("Defect:", "Example:", "Rule:", "Limits:"):
        assert part in check.doc, part
        assert part in (columns.cjk_space_blocks.__doc__ or ""), part


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


_WORDS = (
    "the quick brown fox jumps over lazy dogs while people of this country watch and wait "
    "中文字符测试 一二三"
).split()


@st.composite
def _column_rows(draw: st.DrawFn) -> str:
    """One to four columns of word cells set side by side, gaps of 1-6 spaces, tabs or
    U+3000 that wander by one, blank and wide lines among them, ``\n`` or ``\r\n``: blocks
    of every shape (the review of stop 21 found an empty block this way)."""
    ncol = draw(st.integers(1, 4))
    widths = [draw(st.integers(8, 40)) for _ in range(ncol)]
    gaps = [draw(st.integers(1, 6)) for _ in range(ncol)]
    lines = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 19))
        if kind == 0:
            lines.append("")
            continue
        parts = []
        for k in range(ncol):
            words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
            cell = " ".join(words)[: widths[k]].ljust(widths[k]) if kind != 1 else " " * widths[k]
            gap = draw(st.sampled_from((" ", "\u3000", "\t"))) * max(
                1, gaps[k] + draw(st.integers(-1, 1))
            )
            parts.append(cell + gap)
        lines.append("".join(parts).rstrip(" "))
    return draw(st.sampled_from(("\n", "\r\n"))).join(lines)


@settings(max_examples=300, deadline=None)
@given(_column_rows())
def test_blocks_of_any_shape_keep_their_characters(text: str) -> None:
    """Every block found has lines and cuts for each of them and lies inside the text;
    reading keeps every non-white character and the text's line ends."""
    for b in column_blocks(text):
        assert b.cuts and len(b.cuts) == b.last - b.first + 1
        assert 0 <= b.start <= b.end <= len(text)
    read = _read(text)
    assert _non_white(read) == _non_white(text)
    if "\r\n" in text:
        assert "\n" not in read.replace("\r\n", "")


def test_a_side_gutter_that_narrows_a_block_to_nothing_makes_no_block() -> None:
    """Three columns on rows 2-11 and 25-39, two elsewhere: the second side gutter shares
    no line with the block the first one narrowed (an empty block crashed check and fix)."""
    prose = "the people of this country watch and wait for the news of the day"
    lines = []
    for i in range(40):
        a, b = prose[i % 9 : i % 9 + 28].ljust(28), prose[i % 7 : i % 7 + 28].ljust(28)
        three = 2 <= i < 12 or i >= 25
        lines.append(
            (a + "     " + b + "     " + a if three else a + "     " + prose[:61]).rstrip()
        )
    text = "\n".join(lines)
    for b in column_blocks(text):
        assert b.last - b.first + 1 >= MIN_ROWS and b.cuts
    fixed, _ = fix_record({"id": "x", "body": text, "language": "en"})
    assert _non_white(fixed["body"]) == _non_white(text)


#: a cell of two ideographs or more and a few marks or digits after them (rows of marks
#: alone are no column text; on those ``fix`` is not idempotent: see below)
_CJK_CELL = st.builds(
    str.__add__,
    st.text(alphabet="中文朝鲜经济", min_size=2, max_size=12),
    st.text(alphabet="，。、1 ", max_size=4),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_CJK_CELL, min_size=1, max_size=4), min_size=0, max_size=14))
def test_cjk_rows_joined_by_one_space_keep_characters_and_fix_idempotently(
    rows: list[list[str]],
) -> None:
    """Rows of CJK cells joined by one space (columns or not): reading keeps every
    non-white character, and fixing the record twice changes nothing the second time."""
    body = "\n".join(" ".join(cells) for cells in rows)
    assert _non_white(_read(body)) == _non_white(body)
    fixed, _ = fix_record({"id": "x", "body": body, "language": "zh"})
    assert fix_record(fixed) == (fixed, [])


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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["中", "文", "，", "“", " ", "  ", "\n", "a", "1", "\u3000"]), max_size=80
    )
)
@example(list("， 中\n“ 文\n中 ，\n文 文\n"))
def test_the_whole_text_count_of_one_space_gaps_changes_no_answer(pieces: list[str]) -> None:
    # the gaps are counted over the whole text first; the answer is the count of lines
    text = "".join(pieces)
    lines = sum(1 for _ in columns._ONE_SPACE_LINE.finditer(text))
    assert columns._may_hold_cjk_columns(text) == (lines >= columns.MIN_ROWS // 2)


def test_fix_judges_the_body_without_its_page_furniture() -> None:
    """Page numbers opening a body (``1⏎1⏎``) go in the first pass; the text is judged
    without them, as ``fix`` run on its output judges it, so the second run makes no edit
    (it joined ``、⏎、、。`` only then; review of stop 21)."""
    body = "1\n1\n、\n、、。 、、、中\n1、、、、、、、"
    fixed, edits = fix_record({"id": "x", "body": body, "language": "zh"})
    assert any(e.check == "layout.page-furniture" for e in edits)
    assert fix_record(fixed) == (fixed, [])


def test_fix_is_idempotent_on_lines_of_marks_alone() -> None:
    """On lines of CJK marks alone the input is judged flowed (lines set one by one stay),
    and its first join makes it hard-wrapped: a second fix judged its output anew and
    joined the others (a strict xfail at stop 21). ``fix`` now runs again on its output
    when its edits change that judgement, and composes the runs' edits."""
    body = "、、中、 11、\n\n、\n、\n1 1、、、、、、"
    fixed, edits = fix_record({"id": "x", "body": body, "language": "zh"})
    assert fix_record(fixed) == (fixed, [])
    # the runs' edits are composed: they refer to the input and give the output
    assert len(edits) == 3 and apply(body, edits) == fixed["body"]
    assert all(a.end <= b.start for a, b in pairwise(edits))
