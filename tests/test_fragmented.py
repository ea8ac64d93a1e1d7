"""``layout.fragmented`` and ``sentence.line-break`` beside its fragments.

Unit examples are made up in the shape of the real ones (the 1901 Honolulu page read across
its columns, an OCR'd column, PyMuPDF cutting a justified column into words, a web menu); the
corpus tests read the real sources from ``shared/corpora`` at run time and skip without them.
"""

from __future__ import annotations

import pytest

from copydesk.findings import Finding
from copydesk.testing.corpora import real_world
from copydesk.validators.analysis import analyse
from copydesk.validators.fragments import FRAGMENT_CELLS, forms_column, printed
from copydesk.validators.registry import check_record
from copydesk.validators.sentence import classify_breaks

#: Pieces of cards, adverts and a story read across a page, with hyphenated wraps.
_CARDS = [
    "CARDS.", "Auction", "Sale", "Tel.", "st;", "M.D.-Off- lce", "to 16", "PAGES",
    "and PALMS of many", "Bid.;", "Hotel St,", "opp. T. M. c. A.;", "I", "8; Sundays, 12",
    "ill to 5. 7", "A Main 385; res. W. 2861.", "chief engi-", "Office", "p. m.,",
    "the Oregon sailed with", "Kahului", "Ore-", "AT 12 O'CLOCK NOON.", "thou-",
    "Queen St.", "hours, 8", "bldg. cor.", "UNITED STATES BATTLESHIP OREGON", "Sts.;",
]  # fmt: skip
#: An auction notice set in one column (hard-wrapped, one sentence over its lines).
_NOTICE = [
    "At my salesroom, 65 Queen street,",
    "Honolulu, I will sell at public auction",
    "by order of the Treasurer, the following",
    "certificates of stock in the Kihei Plan-",
    "tation Company, Limited, unless the",
    "assessments now delinquent are paid on",
    "or before the day and hour of sale.",
]


def _page() -> str:
    """Card fragments, the notice column, card fragments again: a page read across."""
    return "\n".join([*_CARDS, "", *_NOTICE, "", *_CARDS[::-1]])


def found(body: str) -> list[Finding]:
    return check_record({"id": "x", "body": body}, select=["layout.fragmented"])


def wraps(body: str) -> list[int]:
    return [j.brk.start for j in classify_breaks(body) if j.verdict == "wrap"]


def test_a_page_read_across_its_columns_is_found_and_spans_its_stretches() -> None:
    body = _page()
    hits = found(body)
    assert hits, "a page of card fragments with hyphenated wraps is fragmented"
    first = body.index(_CARDS[0])
    assert hits[0].start == first
    assert all(f.severity.name.lower() == "warning" and f.excerpt for f in hits)
    assert hits[-1].end == len(body.rstrip())


def test_the_column_inside_the_page_keeps_its_wraps() -> None:
    body = _page()
    cut = body.index("auction\nby order") + len("auction")
    assert cut in wraps(body), "a wrap between two full lines of a column is still a wrap"


def test_no_wrap_is_reported_beside_an_open_fragment() -> None:
    body = _page()
    frags = analyse(body).fragments
    assert frags.starts
    for start in wraps(body):
        assert not frags.holds(start)
    # read as wraps without the stretch: a comma ending a fragment, a lower-case next line
    # an abbreviation's stop closes no sentence: 'Queen St.' is as open as 'Hotel St,'
    for pair in ("Hotel St,\nopp.", "p. m.,\nthe Oregon", "sailed with\np. m.,", "St.\nhours"):
        assert body.index(pair) + pair.index("\n") not in wraps(body)


def test_the_same_fragments_without_hyphenated_wraps_are_not_a_printed_page() -> None:
    menu = [ln.rstrip("-") for ln in _CARDS]  # a web menu: short lines, no hyphen wraps
    body = "\n".join(menu * 2)
    assert not printed(body, analyse(body).scan)
    assert not found(body)


def test_a_narrow_ocr_column_is_not_fragmented() -> None:
    column = "\n".join(_NOTICE * 4)
    assert printed(column, analyse(column).scan)
    assert not found(column)


def test_a_justified_column_cut_into_words_forms_a_column() -> None:
    # PyMuPDF on a justified column: full lines of one width, the rest a word a line
    lines = []
    for k in range(8):
        lines += ["May Davis, in June last, at", "Mundarrah Towers, Little"]
        lines += ["the", "Paddington", "Police", "Court", "yesterday,", "before Mr"]
        lines += ["Aubrey", "Mowle,", "Cham-" if k % 2 else "was again"]
    body = "\n".join(lines)
    cells = [len(ln) for ln in lines]
    assert forms_column(cells)
    assert not found(body)


def test_forms_column_needs_enough_lines_in_one_width_band() -> None:
    assert not forms_column([20, 30, 40, 60, 90, 130])  # scattered widths
    assert forms_column([36, 38, 37, 39, 36, 5, 3])
    assert not forms_column([36, 38, 37, 3, 4])  # too few full lines to be a column
    assert not forms_column([FRAGMENT_CELLS] * 10)


# review 19: a shipping paragraph in one column, hyphenated wraps, then a passenger list
_LIST_COLUMN = [
    "The steamer Mariposa arrived yesterday",
    "from San Francisco with a large number",
    "of passengers and a full cargo of gen-",
    "eral merchandise. The voyage was a plea-",
    "sant one and the weather fine through-",
    "out. The following passengers arrived:",
    *"Mr. J. Smith|Mrs. Smith|Miss Brown|H. Jones|Mrs. Jones|A. Lewis|W. Cooper".split("|"),
    *"C. Bishop|Mrs. Bishop|J. Walker|R. Scott|F. Dillon|T. Harris|Capt. Ross".split("|"),
    "The steamer will leave again for the",
    "Colonies on Saturday next at noon.",
]


def test_a_list_set_in_one_column_is_not_fragmented() -> None:
    body = "\n".join(_LIST_COLUMN)
    assert printed(body, analyse(body).scan)
    assert not found(body)
    # the same stretch with pieces of sentences among its lines is read across columns
    items = _LIST_COLUMN[6:-2]
    pieces = [ln + "," if k % 3 else ln.lower() for k, ln in enumerate(items)]
    assert found("\n".join([*_LIST_COLUMN[:6], *pieces, *_LIST_COLUMN[-2:]]))


def test_the_message_names_the_fragment_width() -> None:
    (hit, *_) = found(_page())
    assert f"fragments of {FRAGMENT_CELLS} half cells or fewer" in hit.message


# -- real sources, from shared/corpora ------------------------------------------------------
def _bodies(source: str) -> list[str]:
    return [r.get("body") or "" for r in real_world(source)]


def test_real_1901_page_is_fragmented_and_keeps_its_notice_wraps() -> None:
    bodies = _bodies("olmocr-newspaper")
    if not bodies:
        pytest.skip("shared/corpora olmocr newspaper (or pdftotext) not available")
    body = bodies[0]
    regions = analyse(body).fragmented
    assert len(regions) >= 3
    assert sum(r.lines for r in regions) >= 0.5 * len(analyse(body).scan.line_cells)
    cut = body.index("public auction\nby order")
    assert cut + len("public auction") in wraps(body)


@pytest.mark.parametrize(
    "source",
    ["overproof-raw", "bl-ocr", "bha19-ocr", "rmrb2025-pdf", "olmocr-bmj-pdf", "icdar-ocr"],
)
def test_real_hard_wrapped_columns_are_not_fragmented(source: str) -> None:
    bodies = [b for b in _bodies(source) if b]
    if not bodies:
        pytest.skip(f"shared/corpora source {source} not available")
    assert not [b[:40] for b in bodies if analyse(b).fragmented]


@pytest.mark.parametrize("source", ["l3s-body", "aeb-html-text", "magic-en", "overproof-gold"])
def test_real_web_menus_and_golds_are_not_fragmented(source: str) -> None:
    bodies = [b for b in _bodies(source) if b]
    if not bodies:
        pytest.skip(f"shared/corpora source {source} not available")
    assert not [b[:40] for b in bodies if analyse(b).fragmented]
