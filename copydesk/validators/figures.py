"""The ``figure`` family: numbers that are cut, misread, impossible or inconsistent.

Parsing is :mod:`copydesk.validators.numbers`; this module only judges. The family owns the
whitespace inside a number and between a number and its unit (DESIGN.md §3), except inside
a date (``date.split``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.anchored import Anchor
from copydesk.validators.numbers import (
    ZH_UNITS,
    Figure,
    figures_table,
    outside_furniture,
    spaced_numbers,
)
from copydesk.validators.profile import profile_of
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import display_width, iter_fields

_TEXT_FIELDS = ("body", "headline", "subheadline", "dateline")
_MIN_COLUMN = 4  # ideograph cells: the narrowest column line a wrap can end
_EN_UNITS = {"", "per cent", "percent", "%"}
_EN_MULTS = {"million", "billion", "thousand", "trillion"}

# OCR confusions: letters read for digits (O/o for 0, l/I/i/| for 1, S for 5/8, B for 8).
_CONFUSABLE = "OolIiSB"
_TOKEN = lazy_compile(
    rf"(?<![A-Za-z0-9０-９])[0-9{_CONFUSABLE}](?:[0-9{_CONFUSABLE}]|[,.](?=[0-9{_CONFUSABLE}]))*"
    r"(?![A-Za-z0-9０-９])"
)
_CONFUSABLE_CHAR = re.compile(f"[{_CONFUSABLE}]")
_TWO_POINTS = lazy_compile(
    r"(?<![\d.])\d+\.\d+\.\d+(?=\s?(?:%|％|‰|万|亿|元|美元|per cent|percent|million|billion))",
    gate=True,
)
_BAD_GROUPS = lazy_compile(
    r"(?<![\d,.])\d{1,3}(?:,\d{3})+,(?:\d{4,}|\d{1,2})(?![\d])"
    r"|[$£€]\s?\d{1,3}(?:,\d{3})*,(?:\d{4,}|\d{1,2})(?![\d])"
    r"|(?<![\d,.])\d{5,}(?:,\d{3})+(?![\d,])",
    gate=True,
)
_MIXED_WIDTH = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
#: A token is a confusion only when it holds a digit and a confusable letter, so somewhere
#: a digit and a letter stand side by side (a ``,``/``.`` at most between them): the anchor
#: is the whole run of token characters around such a pair (a token starts and ends at most
#: one character away: the lookbehind and lookahead). Written to open with the run's first
#: character (the one before it is no token character: the lookbehind), so the regex engine
#: skips every other character at once and tries each run once: the same matches as
#: ``[T]*(?:pair)[T]*`` (``T`` the token characters), which it tried at every position of
#: every run, from every letter ``o``, ``l``, ``i`` of English text.
_T = f"[0-9{_CONFUSABLE},.]"
_PAIR = f"(?:[0-9][,.]?[{_CONFUSABLE}]|[{_CONFUSABLE}][,.]?[0-9])"
TOKEN_ANCHOR = Anchor(
    rf"{_T}(?<!{_T}{_T})"  # the first character of a run
    rf"(?:(?<=[0-9])[,.]?[{_CONFUSABLE}]|(?<=[{_CONFUSABLE}])[,.]?[0-9]|{_T}*?{_PAIR})"
    rf"{_T}*",
    1,
    1,
)
#: A digit beside a confusable letter (a ``,``/``.`` at most between them), found from its
#: digit: every match of :data:`TOKEN_ANCHOR` holds one. A pattern that opens with a digit is
#: tried at the digits only, so the texts without such a pair (most) are passed over at once.
_PAIR_AT_DIGIT = re.compile(
    rf"[0-9](?:[,.]?[{_CONFUSABLE}]|(?<=[{_CONFUSABLE}][0-9])|(?<=[{_CONFUSABLE}][,.][0-9]))"
)
#: ``_TWO_POINTS`` and ``_BAD_GROUPS`` match inside a run of digits, ``.`` and ``,``, with a
#: currency sign and a space before it and a unit word (lookahead) after it.
_DIGIT_RUN = Anchor(r"\d[\d,.]*", 4, 10)
#: Every pattern this module runs anchored, with its anchor (tests check each against the
#: whole-text scan).
ANCHORED: tuple[tuple[Anchor, re.Pattern[str]], ...] = (
    (_DIGIT_RUN, _TWO_POINTS),
    (_DIGIT_RUN, _BAD_GROUPS),
)
_SHARE = re.compile(r"占|比重|占比|份额|share of|proportion of")
_GROWTH = re.compile(
    r"增长|增加|增幅|增速|提高|提升|上升|下降|同比|环比|growth|increase|rose|grew|up"
)
_CLAUSE_END = re.compile(r"[。；！？\n]")
#: Prose punctuation: a line without any is a heading (or a list item, a label).
_PROSE_MARK = re.compile("[，。；！？,;!?…]")
_HEADING_MAX = 40  # characters: a longer line is prose


def _texts(record: ArticleRecord) -> Iterator[tuple[str, str]]:
    """The text fields and the quote entries these checks read (``quotes[i]`` keeps its index)."""
    return iter_fields(record, (*_TEXT_FIELDS, "quotes"))


def _show(s: str) -> str:
    return s.replace("\n", "⏎")


def _figures(text: str) -> tuple[Figure, ...]:
    """The figures of ``text`` that touch no page-furniture line: the page number of a
    running head (``要闻 1``, ``第 1 版``) belongs to ``layout.page-furniture``.
    Built once per text (every figure check reads the same table)."""
    return analyse(text).memo(_figures_outside_furniture)


def _figures_outside_furniture(an: TextAnalysis) -> tuple[Figure, ...]:
    return outside_furniture(an, an.memo(figures_table))


@check("figure.split", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def split(record: ArticleRecord) -> Iterator[Hit]:
    """A number cut by spaces or a line break, inside its digits or before its unit.

    Defect: the PDF extractor kept glyph-positioning spaces or a column wrap inside a figure,
    so ``480.5 万件`` no longer reads (or parses) as one quantity.
    Example: ``480.5 万件``, ``4512.2 万⏎件``, ``4 条工作原则``, ``创设 10 年``
    (People's Daily 2023-11-09 p1, as extracted); ``12. 44%`` (altered).
    Rule: a figure (digits with an optional decimal part, multiplier ``万``/``亿``… and a
    Chinese unit or measure word, or ``第`` before it: ``第⏎一委员长``; a Chinese numeral and
    its measure word cut by a line break, ``一⏎个``, or by a space in a letter-spaced run,
    ``⼏ ⼗ 年``) with whitespace inside; for English units (``million``,
    ``per cent``) only a line break counts. The span is the whole figure with its unit; the
    fix is to remove the whitespace.
    A line break counts only where it ends a wrapped column line: the line is at most 80
    ideograph cells (a longer line is a flowed web paragraph) and, when the number opens
    it, at least four fifths as wide as the non-blank line before it: a number on a short
    line of its own (a table cell, a chapter number over a paragraph: ``103⏎周铭迈步…``) is
    not joined to the next line.
    Limits: a figure touching a page-furniture line (``要闻 1`` of a running head) is
    ``layout.page-furniture``'s, and every figure check skips it; only the unit words in
    ``numbers._ZH_UNITS`` join a number (``360 集团`` is a
    name and passes); a number after a Latin word (``GII 2023``) is never joined; a space
    inside an English number (``5, 000``) is not read as one number; an ordinal at a line
    end is never joined to the next line (``第一⏎本报…``), nor a numeral to a unit word
    after one space outside a letter-spaced run (``百 年变局`` is ``sentence.stray-space``).
    A record that spaces its numbers from the Chinese after them as a house style (most
    places, with enough evidence: ``和 15 个州在 3 月份``; or a typed ideographic space at
    every place, at least two: :func:`numbers.spaced_numbers`) is not cut by those spaces;
    a record that spaces one number of many (``２１８　次`` beside ``２１次``) is.
    A headline's parts: one run of ideographic spaces right after the number, in a flowed
    line of at most 40 characters without prose punctuation (a headline, a subhead), is
    the separator a Chinese headline puts where a sentence has a comma (``温暖２０１２　张元
    执导５部公益微电影``), not a cut; so ``涨价３００　元`` in such a headline passes too.
    (House style and headline parts shaped on SogouCS/CA; the true cuts kept are in
    magic_html zh, SogouCS, SogouCA and OverProof.)
    """
    for name, text in _texts(record):
        for f in _figures(text):
            if not f.has_space:
                continue
            english = f.unit in _EN_UNITS and (f.multiplier in _EN_MULTS or not f.multiplier)
            if english and not f.chinese:
                ns, ne = f.number
                inner = text[ns:ne]
                if "\n" not in f.text and not any(c.isspace() for c in inner):
                    continue
                if f.unit == "" and not f.multiplier and not any(c.isspace() for c in inner):
                    continue
            if not english and _latin_before(text, f.start):
                continue
            if "\n" in f.text and not _cut_by_wrap(text, f):
                continue  # a paragraph or table cell ends at the number
            if _house_spacing(text, f.text) or _heading_separator(text, f):
                continue
            yield Hit(
                name,
                f.start,
                f.end,
                f"figure {_show(f.text)!r} is cut by whitespace",
                "remove space",
            )


def _house_spacing(text: str, span: str) -> bool:
    """The whitespace in ``span`` is the record's house style: no line break, and the
    record spaces its numbers from the Chinese after them (``15 个``, ``1,599 美元``,
    ``５　万元`` throughout: :func:`numbers.spaced_numbers`)."""
    return "\n" not in span and spaced_numbers(text)


def _heading_separator(text: str, f: Figure) -> bool:
    """The whitespace in ``f`` is a headline's separator between its parts: one run of
    ideographic spaces right after the number, in a flowed line that reads as a heading (at
    most 40 characters, no prose punctuation). A Chinese headline sets its parts apart
    with a typed full-width space where a sentence puts a comma (``温暖２０１２　张元执导５部
    公益微电影``, SogouCS), so the word after the space opens the next part; a PDF
    extractor writes a glyph gap as an ASCII space, and a hard-wrapped column line is no
    heading."""
    gap = text[f.number[1] : f.end]
    run = gap[: len(gap) - len(gap.lstrip("\u3000"))]
    if not run or any(c.isspace() for c in text[f.start : f.number[1]] + gap[len(run) :]):
        return False
    a = text.rfind("\n", 0, f.start) + 1
    b = text.find("\n", f.end)
    line = text[a : b if b >= 0 else len(text)].strip(" \t\u3000")
    if len(line) > _HEADING_MAX or _PROSE_MARK.search(line):
        return False
    return profile_of(text).flowed


def _previous_line_width(text: str, start: int) -> float:
    """Display width of the last non-blank line ending before offset ``start`` (0 if none)."""
    end = start
    while end > 0:
        a = text.rfind("\n", 0, end - 1) + 1
        line = text[a : end - 1].strip() if text[end - 1] == "\n" else text[a:end].strip()
        if line:
            return display_width(line)
        end = a
    return 0.0


def _wrapped_line(text: str, nl: int, start: int, *, max_width: int = 80) -> bool:
    """The line break at ``nl``, inside a figure starting at ``start``, ends a wrapped line
    of a column: the line is at most ``max_width`` ideograph cells wide (80 CJK or 160
    Latin characters: a longer line is a flowed web paragraph, where a line break ends the
    paragraph), and when the figure opens the line, the line is full (at least four fifths
    of the non-blank line before it, and at least ``_MIN_COLUMN`` cells: no column is
    narrower than four ideographs, so ``1199`` alone on a line after ``4.46`` is a cell).

    ``102⏎人`` in a table (after ``3.47``), ``103⏎周铭迈步走入…`` (a chapter number after
    a paragraph) and a web paragraph ending in a figure are not cut figures.
    """
    a = text.rfind("\n", 0, nl) + 1
    width = display_width(text[a:nl].strip())
    if width > max_width:
        return False
    if text[a:start].strip():
        return True  # text before the figure on its line: the line runs on into it
    return width >= _MIN_COLUMN and 5 * width >= 4 * _previous_line_width(text, a)


def _cut_by_wrap(text: str, f: Figure) -> bool:
    """Every line break inside ``f`` that ends a non-blank line ends a wrapped column line
    (see :func:`_wrapped_line`); the blank lines an extractor adds after it do not count."""
    breaks = [f.start + i for i, c in enumerate(f.text) if c == "\n"]
    return all(
        _wrapped_line(text, nl, f.start)
        for nl in breaks
        if text[text.rfind("\n", 0, nl) + 1 : nl].strip()
    )


def _latin_before(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and i < pos - 1 and text[i].isascii() and text[i].isalpha()


def _bare(token: str) -> str:
    """``token`` without its group and decimal marks (``1O,O0O`` -> ``1OO0O``)."""
    return token.replace(",", "").replace(".", "")


def _confusion(token: str) -> bool:
    if _CONFUSABLE_CHAR.search(token) is None:
        return False  # digits and marks only (most tokens)
    digits = sum(c.isdigit() for c in token)
    letters = [i for i, c in enumerate(token) if c in _CONFUSABLE]
    if not digits or not letters:
        return False
    core = _bare(token)
    if len(core) == 2 and digits == 1 and (core[1] == "i" or "S" in core):
        return True  # 2i, 7i, 8S, S3: OCR for 24, 71, 88, 83
    if core[0] == "l" and core[1:2].isdigit():
        return True  # l8, l9l0: a lower-case l never starts a number
    for i, c in enumerate(core):
        if c not in _CONFUSABLE:
            continue
        left = core[:i]
        right = core[i + 1 :]
        if digits >= 2 and any(ch.isdigit() for ch in left) and any(ch.isdigit() for ch in right):
            return True  # 1S43, 2O23, 3i0,000
        if digits >= 2 and not right and left.isdigit() and c in "Ool":
            return True  # 100O, 188o
    return False


def confusion_tokens(text: str) -> list[re.Match[str]]:
    """The tokens of digits and confusable letters in ``text`` that read as OCR confusions
    (``1S43``, ``100O``, ``l8``), before the named rules that read some as codes; looked
    for only around a digit next to a confusable letter (:data:`TOKEN_ANCHOR`), in a text
    that holds one (:data:`_PAIR_AT_DIGIT`)."""
    if _PAIR_AT_DIGIT.search(text) is None:
        return []
    return [m for m in TOKEN_ANCHOR.windows(text).finditer(_TOKEN) if _confusion(m[0])]


#: A Chinese unit, multiplier or date character after a number: ``2O25年``, ``3i0万``.
_ZH_QUANTITY_AFTER = lazy_compile(r"\s?(?:[年月日号万亿元%％‰]|" + "|".join(ZH_UNITS) + ")")
_JOINED_CODE = re.compile(r"[-/][A-Za-z0-9]|[A-Za-z0-9][-/]")
_CAPITALISED_WORD = re.compile(r"(?:[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)\s{1,3}$")
_HEX_GROUP = re.compile(r"[0-9A-F]{2,8}")


def _pounds(text: str, start: int, end: int) -> bool:
    """``106,715l.``, ``10l. 2s. 6d.``: digits, then ``l.``, is pounds sterling (*libra*) in
    19th-century English, not ``1`` read as ``l``."""
    token = text[start:end]
    return (
        token.endswith("l") and token[:-1].replace(",", "").isdigit() and text[end : end + 1] == "."
    )


def _joined_code(text: str, start: int, end: int) -> bool:
    """The token is glued by a hyphen or slash to more letters or digits (``S5-HVS1``,
    ``X-2B056``): a part or model number."""
    return bool(
        _JOINED_CODE.match(text, end) or _JOINED_CODE.fullmatch(text, max(0, start - 2), start)
    )


def _before_chinese_word(text: str, start: int, end: int) -> bool:
    """The token is glued to a Chinese character that is no unit, multiplier or date
    character (``4S店``, ``2B056的产品``): a name or model code in Chinese text. ``2O25年``
    and ``l949年`` stay confusions."""
    nxt = text[end : end + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and not _ZH_QUANTITY_AFTER.match(text, end)


def _after_product_name(text: str, start: int, end: int) -> bool:
    """A digit and an ``S`` after a capitalised word (``MX Master 2S``, ``iPhone 5S``,
    ``Galaxy S3``): a model name, not a one-digit OCR confusion (``About l8`` still is)."""
    core = _bare(text[start:end])
    return (
        len(core) == 2
        and "S" in core
        and bool(_CAPITALISED_WORD.search(text, max(0, start - 30), start))
    )


def _hex_group(text: str, start: int, end: int) -> bool:
    """The token is one of several space-separated hexadecimal groups (a key fingerprint
    ``91CF B387 7B38 148C``): a neighbouring group holds a hex letter no OCR confuses."""
    if not _HEX_GROUP.fullmatch(text, start, end):
        return False
    left = text[max(0, start - 10) : start].split()
    right = text[end : end + 10].split()
    near = left[-1:] + right[:1]
    return any(_HEX_GROUP.fullmatch(w) and any(c in "ACDEF" for c in w) for w in near)


_LIST_BULLET = re.compile(r"(?:^|\n)[ \t]*[-•*·][ \t]+$")


def _list_item_code(text: str, start: int, end: int) -> bool:
    """A capital letter and digits opening a bulleted list item (``- S3 with dual-core
    processor`` in a spec list): a part or chip name. In running OCR text the same token
    follows a word (``metal S2 axles``, ``was S3 , years``) and stays a confusion."""
    return text[start].isupper() and bool(_LIST_BULLET.search(text, max(0, start - 8), start))


#: ``k389``, ``h216``, ``m28``: a lower-case letter no OCR reads for a digit and two to four
#: digits, a word of its own (a classified advert's reference code).
_CODE_WORD = re.compile(r"(?<![\w])[a-hj-km-np-z]\d{2,4}(?![\w])")
_L_CODE = re.compile(r"l\d{2,4}")
_MIN_CODES = 4  # distinct codes that make a page's series
_LOWER_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))[a-z]+\s{1,3}$")
_WORD_AFTER = re.compile(r"\s{1,3}([a-z]+)(?![A-Za-z])(\s+\S+)?")
#: words after a number that are counts or units without a plural ``s``
_COUNT_WORDS = frozenset({"per", "feet", "ft", "foot", "men", "people", "head", "lb", "cwt", "oz"})


def _word_read_as_digits(text: str, start: int, end: int) -> bool:
    """Three or more confusable letters other than ``O``, in two or more places
    (``1I2I1I``, ``S0II11.3``): a word whose ``l``/``i``/``s`` glyphs an OCR engine read as
    digits and letters by turns. A misread number has its bad letters in one place (``100O``)
    or two (``l30B``); ``O`` for ``0`` is the commonest misreading of a number and may recur
    through it (``1O,O0O``, ``l0O0O``), so it does not count."""
    core = _bare(text[start:end]).replace("O", "0").replace("o", "0")
    letters = sum(c in _CONFUSABLE for c in core)
    places = len(re.findall(f"[{_CONFUSABLE}]+", core))
    return letters >= 3 and places >= 2


def _zero_pair(text: str, start: int, end: int) -> bool:
    """A digit and a letter opening with ``0`` (``0i``, ``0S``): no number in running text
    opens with a zero before another digit, so the pair is noise, not ``01``/``05``."""
    core = _bare(text[start:end])
    return len(core) == 2 and core[0] == "0"


def _short_word(text: str, start: int, end: int) -> bool:
    """``l`` and one digit between two lower-case words, the word after it no count: the
    image of the word ``is`` (``i`` read ``l``, ``s`` read ``8``: ``the following l8 a
    list``), not of ``18``. A number there counts something: the word after is a plural
    (``for l8 months``, ``to l8 dollars``), a unit without ``s`` (``per``, ``feet``), or a
    number follows within two words (``l8 to 21``)."""
    token = text[start:end]
    if len(token) != 2 or token[0] != "l" or not token[1].isdigit():
        return False
    if not _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start):
        return False
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    word, rest = m[1], m[2] or ""
    counted = word.endswith("s") or word in _COUNT_WORDS
    return not counted and not any(c.isdigit() for c in rest)


def _code_series(an: TextAnalysis) -> int:
    """How many distinct reference codes (:data:`_CODE_WORD`) the text holds."""
    return len({m[0] for m in _CODE_WORD.finditer(an.text)})


def _series_code(text: str, start: int, end: int) -> bool:
    """``l245`` on a page of classified adverts whose reference codes (``k389``, ``h216``,
    ``m28``: a letter and two to four digits at an advert's end) number four or more: a
    code of the same series whose letter is ``l``, not ``1245`` misread."""
    return bool(_L_CODE.fullmatch(text, start, end)) and (
        analyse(text).memo(_code_series) >= _MIN_CODES
    )


#: Named rules that read a token of digits and confusable letters as a code or a word,
#: not a number.
_NOT_CONFUSION = (
    _pounds,
    _joined_code,
    _before_chinese_word,
    _after_product_name,
    _hex_group,
    _list_item_code,
    _word_read_as_digits,
    _zero_pair,
    _short_word,
    _series_code,
)


@check("figure.malformed", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def malformed(record: ArticleRecord) -> Iterator[Hit]:
    """A number that cannot be right as written: OCR letters for digits, two decimal points.

    Defect: OCR read ``0`` as ``O``, ``1`` as ``l``/``I``, ``5``/``8`` as ``S``; or a column
    cut and a stray mark left ``1.2.5%``, ``1,0000``, or half-width and full-width digits in
    one number (``2０23``).
    Example: ``in 1S43,`` (for 1843), ``more than 100O years``, ``about l8 months ago``,
    ``for tho year 18S8`` (OverProof, Chronicling America / Sydney Morning Herald raw OCR).
    Rule: a token of digits and the letters ``O o l I i S B`` with a letter between two
    digits (and two digits in all), an ``l`` before a digit, or ``O``/``o``/``l`` after two
    digits; ``\\d+.\\d+.\\d+`` before a unit; a thousands separator with a group of one, two or
    four digits; ASCII and full-width digits in one number.
    Named rules read such a token as a code, not a confusion: ``l.`` after digits is pounds
    sterling (``106,715l.``, ``10l. 2s. 6d.``); a token glued by ``-``/``/`` to more letters
    or digits (``S5-HVS1``); one glued to a Chinese character that is no unit, multiplier or
    date character (``4S店``, ``2B056的``); a digit and ``S`` after a capitalised word
    (``MX Master 2S``, ``iPhone 5S``); one of several hexadecimal groups (``91CF B387 7B38``);
    a capital and digits opening a bulleted list item (``- S3 with dual-core processor``).
    Named rules read other tokens as a word read as digits: three or more letters in two or
    more places (``1I2I1I``, ``S0II11.3``: a misread number has one bad place, ``100O``, or
    two, ``l30B``); a pair opening with ``0`` (``0i``: no number opens with a zero); ``l``
    and one digit between two lower-case words when the word after is no count (``the
    following l8 a list``: ``is`` with ``l`` for ``i`` and ``8`` for ``s``; ``for l8
    months``, ``to l8 dollars``, ``l8 per``, ``l8 to 21`` stay numbers). And one as a code:
    ``l`` and two to four digits on a page with four or more distinct reference codes of a
    letter no OCR reads for a digit and two to four digits (``k389``, ``h216``, ``m28``:
    classified adverts), so ``l245`` is of that series, not ``1245``. (These four shaped on
    ICDAR2017 and OverProof raw OCR and the 1901 Honolulu page; each judged true finding
    there kept.)
    Limits: a leading capital with digits (``S400``, ``B52``, model names) is not read as a
    confusion, except ``S`` and one digit (``metal S2 axles``); a model name after
    a lower-case word (``the S3 chip``) is still reported in OCR-free text; a confusion that yields
    a plausible number (``1843`` read as ``1848``) cannot be seen. A word read as digits
    with one or two letters in it stays a finding (``Trumpet 80I0`` for *Solo*, ``l600`` in
    garbled words): its shape is a misread number's. ``is`` read ``l8`` before a word
    ending in ``s`` (``it l8 always``) and ``18`` read ``l8`` before a word that is no
    count (``l8 killed``) are read the wrong way. A page of fewer than four codes keeps its
    ``l``-codes as findings; on a page with a series, ``l000`` for ``1000`` is taken for a
    code (``l,000`` is not: a code has no separator).
    """
    for name, text in _texts(record):
        hits: list[tuple[int, int, str]] = []
        for m in confusion_tokens(text):
            if not any(rule(text, m.start(), m.end()) for rule in _NOT_CONFUSION):
                hits.append((m.start(), m.end(), "letters read for digits"))
        hits += _separator_hits(text)
        hits += _mixed_width_hits(text)
        hits.sort()
        last = -1
        for s, e, why in hits:
            if s < last:
                continue
            last = e
            yield Hit(name, s, e, f"malformed number {text[s:e]!r}: {why}")


def _separator_hits(text: str) -> list[tuple[int, int, str]]:
    """Two decimal points, misplaced thousands separators: looked for around digit runs
    only (:mod:`copydesk.validators.anchored`)."""
    windows = _DIGIT_RUN.windows(text)
    hits = []
    for rx, why in (
        (_TWO_POINTS, "two decimal points"),
        (_BAD_GROUPS, "misplaced thousands separator"),
    ):
        for m in windows.finditer(rx):
            hits.append((m.start(), m.end(), why))
    return hits


def _mixed_width_hits(text: str) -> list[tuple[int, int, str]]:
    """Numbers with half-width and full-width digits (none without a full-width digit)."""
    if _FULL_WIDTH_DIGIT.search(text) is None:
        return []
    hits = []
    for m in _MIXED_WIDTH.finditer(text):
        t = m[0]
        if any("0" <= c <= "9" for c in t) and any("０" <= c <= "９" for c in t):
            hits.append((m.start(), m.end(), "half-width and full-width digits mixed"))
    return hits


@check("figure.percent-range", severity="error", fields=(*_TEXT_FIELDS, "quotes"))
def percent_range(record: ArticleRecord) -> Iterator[Hit]:
    """A share or proportion above 100%.

    Defect: a misread or merged digit (``12.44%`` read as ``124.4%``, ``74.1%`` as
    ``741%``) makes a part larger than its whole.
    Example: ``增加值占GDP的比重分别达到124.4%`` (altered from ``12.44%``, People's Daily
    2023-11-09 p1).
    Rule: a percentage above 100 whose clause (back to ``。；！？`` or a line break, at most
    40 characters) names a share (``占``, ``比重``, ``占比``, ``份额``, ``share of``) with no
    growth word (``增长``, ``提高``, ``同比``, ``rose`` …) between the share word and the figure.
    Limits: growth rates may exceed 100% and are never judged; a share stated without one of
    these words passes.
    """
    for name, text in _texts(record):
        for f in _figures(text):
            if f.unit not in ("%", "％", "per cent", "percent") or f.value is None:
                continue
            if f.value <= 100:
                continue
            lo = max(0, f.start - 40)
            window = text[lo : f.start]
            cut = list(_CLAUSE_END.finditer(window))
            if cut:
                window = window[cut[-1].end() :]
            shares = list(_SHARE.finditer(window))
            if not shares:
                continue
            if _GROWTH.search(window[shares[-1].end() :]):
                continue
            yield Hit(name, f.start, f.end, f"share {_show(f.text)!r} is above 100%")


def _one_digit_apart(a: str, b: str) -> bool:
    """Digits ``a`` and ``b`` differ by one misread, added or dropped digit (17/12, 2/12)."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )


def _key(f: Figure) -> tuple[str, bool]:
    return (f.unit, f.ordinal)


_CLAUSE_MARK = re.compile(r"[，。；：！？、,;:!?\s（）()“”\"]")
_HAN_PAIR = lazy_compile(r"(?=([\u4e00-\u9fff]{2}))")


def _clause_words(text: str, f: Figure, reach: int = 30) -> set[str]:
    """The two-ideograph sequences of the clause around ``f`` (up to ``reach`` characters
    either side, cut at clause marks and spaces), the figure itself left out."""
    left = text[max(0, f.start - reach) : f.start]
    cut = list(_CLAUSE_MARK.finditer(left))
    left = left[cut[-1].end() :] if cut else left
    right = text[f.end : f.end + reach]
    stop = _CLAUSE_MARK.search(right)
    right = right[: stop.start()] if stop else right
    return {m[1] for part in (left, right) for m in _HAN_PAIR.finditer(part)}


def _misread_of(text: str, f: Figure, body: str, same_unit: list[Figure]) -> Figure | None:
    """The body's only figure with ``f``'s unit, when its digits are one misread, added or
    dropped digit away from ``f``'s and its clause shares a two-ideograph word with
    ``f``'s (``排名升至第17位`` / ``排名达到第12位``): the two speak of the same thing.
    ``１７岁女生`` in a headline and ``一位６７岁的老人`` in a photo caption share no word:
    two people, not a misread (SogouCA). The word test needs ideographs on both sides: a
    clause without two ideographs in a row (English) is not tested."""
    if len({b.value for b in same_unit}) != 1:
        return None
    only = same_unit[0]
    if only.chinese or not _one_digit_apart(text[slice(*f.number)], body[slice(*only.number)]):
        return None
    here, there = _clause_words(text, f), _clause_words(body, only)
    if here and there and here.isdisjoint(there):
        return None
    return only


@check("figure.inconsistent", severity="error", fields=("headline", "subheadline", "quotes"))
def inconsistent(record: ArticleRecord, *, context_chars: int = 2) -> Iterator[Hit]:
    """A figure in the headline, subheadline or a pull quote that the body states otherwise.

    Defect: a misread digit in the headline or the body, or a headline taken from another
    article, so the record contradicts itself.
    Example: subheadline ``PCT国际专利申请量连续4年居首`` with body ``连续5年位居世界第一``
    (altered from ``连续4年``, People's Daily 2023-11-09 p1).
    Rule: for each figure with a unit in the headline, subheadline or a ``quotes`` entry:
    passes when the body has a figure with the same unit and value (``4``/``四``,
    ``100``/``百``, ``480.5万`` and ``4805000`` are equal); otherwise reported when the body
    has the same ``context_chars`` characters before a figure with the same unit and another
    value (``连续4年`` / ``连续5年``), or when the body's only figure with that unit is one
    misread, added or dropped digit away (``第17位`` / ``第12位``) and the two clauses
    around the figures share a two-ideograph word (``排名升至第17位`` / ``排名达到第12位``),
    or, for a pull quote (quoted verbatim), when the body has no such figure at all.
    Limits: a headline figure the body does not mention is not reported (headlines round and
    summarise); figures without a unit and dates are not compared; two figures one digit
    apart whose clauses share no word (``１７岁女生`` / ``一位６７岁的老人``, SogouCA: two
    people) are not compared; two that share a word but count different things are still
    reported.
    """
    body = record.body
    if not body:
        return
    body_figs = [f for f in _figures(body) if f.unit and f.value is not None]
    fields: list[tuple[str, str]] = []
    for name in ("headline", "subheadline"):
        t = record.text(name)
        if t:
            fields.append((name, t))
    fields += [(f"quotes[{i}]", q) for i, q in enumerate(record.quotes)]
    for name, text in fields:
        for f in _figures(text):
            if not f.unit or f.value is None:
                continue
            same_unit = [b for b in body_figs if _key(b) == _key(f)]
            if any(abs(b.value - f.value) < 1e-9 * max(1.0, abs(f.value)) for b in same_unit):  # type: ignore[operator]
                continue
            ctx = text[max(0, f.start - context_chars) : f.start]
            clash = None
            if len(ctx) == context_chars and not any(c.isspace() for c in ctx):
                for b in same_unit:
                    if body[max(0, b.start - context_chars) : b.start] == ctx:
                        clash = b
                        break
            if clash is None and not f.chinese:
                clash = _misread_of(text, f, body, same_unit)
                ctx = "" if clash is not None else ctx
            if clash is not None:
                yield Hit(
                    name,
                    f.start,
                    f.end,
                    f"{name} says {ctx}{_show(f.text)!r}, the body says {ctx}{_show(clash.text)!r}",
                )
            elif name.startswith("quotes[") and not f.chinese:
                yield Hit(name, f.start, f.end, f"figure {_show(f.text)!r} is not in the body")
