"""The ``figure`` family: numbers that are cut, misread, impossible or inconsistent.

Parsing is :mod:`copydesk.validators.numbers`; this module only judges. The family owns the
whitespace inside a number and between a number and its unit (DESIGN.md §3), except inside
a date (``date.split``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.record import ArticleRecord
from copydesk.validators.numbers import Figure, find_figures
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import furniture_spans, iter_fields

_TEXT_FIELDS = ("body", "headline", "subheadline", "dateline")
_EN_UNITS = {"", "per cent", "percent", "%"}
_EN_MULTS = {"million", "billion", "thousand", "trillion"}

# OCR confusions: letters read for digits (O/o for 0, l/I/i/| for 1, S for 5/8, B for 8).
_CONFUSABLE = "OolIiSB"
_TOKEN = re.compile(
    rf"(?<![A-Za-z0-9０-９])[0-9{_CONFUSABLE}](?:[0-9{_CONFUSABLE}]|[,.](?=[0-9{_CONFUSABLE}]))*"
    r"(?![A-Za-z0-9０-９])"
)
_TWO_POINTS = re.compile(
    r"(?<![\d.])\d+\.\d+\.\d+(?=\s?(?:%|％|‰|万|亿|元|美元|per cent|percent|million|billion))"
)
_BAD_GROUPS = re.compile(
    r"(?<![\d,.])\d{1,3}(?:,\d{3})+,(?:\d{4,}|\d{1,2})(?![\d])"
    r"|[$£€]\s?\d{1,3}(?:,\d{3})*,(?:\d{4,}|\d{1,2})(?![\d])"
    r"|(?<![\d,.])\d{5,}(?:,\d{3})+(?![\d,])"
)
_MIXED_WIDTH = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_SHARE = re.compile(r"占|比重|占比|份额|share of|proportion of")
_GROWTH = re.compile(
    r"增长|增加|增幅|增速|提高|提升|上升|下降|同比|环比|growth|increase|rose|grew|up"
)
_CLAUSE_END = re.compile(r"[。；！？\n]")


def _texts(record: ArticleRecord) -> Iterator[tuple[str, str]]:
    """The text fields and the quote entries these checks read (``quotes[i]`` keeps its index)."""
    return iter_fields(record, (*_TEXT_FIELDS, "quotes"))


def _show(s: str) -> str:
    return s.replace("\n", "⏎")


def _figures(text: str) -> list[Figure]:
    """The figures of ``text`` that touch no page-furniture line: the page number of a
    running head (``要闻 1``, ``第 1 版``) belongs to ``layout.page-furniture``."""
    spans = furniture_spans(text)
    return [f for f in find_figures(text) if not any(a < f.end and f.start < b for a, b in spans)]


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
    Limits: a figure touching a page-furniture line (``要闻 1`` of a running head) is
    ``layout.page-furniture``'s, and every figure check skips it; only the unit words in
    ``numbers._ZH_UNITS`` join a number (``360 集团`` is a
    name and passes); a number after a Latin word (``GII 2023``) is never joined; a space
    inside an English number (``5, 000``) is not read as one number; an ordinal at a line
    end is never joined to the next line (``第一⏎本报…``), nor a numeral to a unit word
    after one space outside a letter-spaced run (``百 年变局`` is ``sentence.stray-space``).
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
            yield Hit(
                name,
                f.start,
                f.end,
                f"figure {_show(f.text)!r} is cut by whitespace",
                "remove space",
            )


def _latin_before(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and i < pos - 1 and text[i].isascii() and text[i].isalpha()


def _confusion(token: str) -> bool:
    digits = sum(c.isdigit() for c in token)
    letters = [i for i, c in enumerate(token) if c in _CONFUSABLE]
    if not digits or not letters:
        return False
    core = token.replace(",", "").replace(".", "")
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
    Limits: a leading capital with digits (``S400``, ``B52``, model names) and tokens with a
    single digit (``S3``, ``2i``) are not read as confusions; a confusion that yields a
    plausible number (``1843`` read as ``1848``) cannot be seen.
    """
    for name, text in _texts(record):
        hits: list[tuple[int, int, str]] = []
        for m in _TOKEN.finditer(text):
            if _confusion(m[0]):
                hits.append((m.start(), m.end(), "letters read for digits"))
        for rx, why in (
            (_TWO_POINTS, "two decimal points"),
            (_BAD_GROUPS, "misplaced thousands separator"),
        ):
            for m in rx.finditer(text):
                hits.append((m.start(), m.end(), why))
        for m in _MIXED_WIDTH.finditer(text):
            t = m[0]
            if any("0" <= c <= "9" for c in t) and any("０" <= c <= "９" for c in t):
                hits.append((m.start(), m.end(), "half-width and full-width digits mixed"))
        hits.sort()
        last = -1
        for s, e, why in hits:
            if s < last:
                continue
            last = e
            yield Hit(name, s, e, f"malformed number {text[s:e]!r}: {why}")


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
    value (``连续4年`` / ``连续5年``), or, for a pull quote (quoted verbatim), when the body
    has no such figure at all.
    Limits: a headline figure the body does not mention is not reported (headlines round and
    summarise); figures without a unit and dates are not compared.
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
            values = {b.value for b in same_unit}
            if clash is None and len(values) == 1 and not f.chinese:
                only = same_unit[0]
                if not only.chinese and _one_digit_apart(
                    text[slice(*f.number)], body[slice(*only.number)]
                ):
                    clash = only
                    ctx = ""
            if clash is not None:
                yield Hit(
                    name,
                    f.start,
                    f.end,
                    f"{name} says {ctx}{_show(f.text)!r}, the body says {ctx}{_show(clash.text)!r}",
                )
            elif name.startswith("quotes[") and not f.chinese:
                yield Hit(name, f.start, f.end, f"figure {_show(f.text)!r} is not in the body")
