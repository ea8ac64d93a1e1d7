"""``sentence.glued``: two sentences run together with no space, a block boundary lost.

One job: find a sentence stop directly followed by the opening of the next sentence in
text whose script spaces its sentences (Latin, Cyrillic, Greek, Hangul). The text profile
(:attr:`~copydesk.validators.analysis.TextAnalysis.profile`) says which texts those are: a
Chinese or Japanese text puts no space between its sentences by design and is never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import analyse
from copydesk.validators.profile import TextProfile
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import EN_ABBREVIATIONS, iter_fields

GLUE_FIELDS: tuple[str, ...] = ("body", "subheadline", "quotes")

#: A word of two letters or more (apostrophes inside: ``didn’t``) not preceded by a word
#: character, a dot or a slash (``U.S.``, ``www.x``, ``a/b``), nor by a letter and an
#: apostrophe (a word starts once, not again after each of its apostrophes: ``a'a'a'…`` stays
#: linear), a stop ``.!?``, closing marks, an opening mark, and the first two letters after them.
_CANDIDATE = lazy_compile(
    r"(?<![\w./\\])(?<!\w['’])(?P<word>[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))+)(?P<stop>[.!?])"
    r"(?P<close>[\"”’'»)]*)(?P<open>[“\"‘«(]?)(?P<start>[^\W\d_])"
)
_HANGUL = ("\uac00", "\ud7af")

#: Abbreviations whose stop ends no sentence (titles, firms, streets, months, days, ...),
#: as written: ``Mr.Hodson``, ``St.Louis``, ``Inc.Shares`` are a name or a lost space.
ABBREVIATIONS: frozenset[str] = frozenset(
    (
        *EN_ABBREVIATIONS,
        *("Ms", "Sr", "Jr", "Esq", "Lt", "Adm", "Cmdr", "Supt", "Insp", "Det", "Pres", "Sec"),
        *("Ste", "Ave", "Rd", "Blvd", "Corp", "Inc", "Ltd", "Dept", "Univ", "Assn", "Vol"),
        *("Chap", "Ch", "Fig", "Figs", "Art", "Pp", "vs", "cf", "al", "approx", "ca"),
        *("Mar", "Apr", "Jun", "Jul", "Sep"),
        *("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"),
        *("st", "rd", "ave", "sq"),  # streets in lower case: ``Albert-rd.``
        *("Mme", "Mmes", "Mlle", "Mlles", "Sra", "Srta", "Dra", "Op"),  # French, Spanish, op. cit.
        *("Nr", "Str", "Hr", "Fr", "Abs", "Bd", "Hrsg"),  # German
        *("ул", "им", "св", "пр", "ст", "гг", "тов", "проф", "акад"),  # Russian
    )
)
#: Words no sentence ends on: articles and possessive determiners (``My.Future``: a name).
_NEVER_FINAL: frozenset[str] = frozenset(
    ("a", "an", "the", "my", "your", "our", "their", "its", "der", "die", "das", "le", "la")
)
#: Top-level domains read as a glued word (``DearAbby.Com``, ``Example.Net``).
_DOMAINS: frozenset[str] = frozenset(("Com", "Net", "Org", "Gov", "Edu", "Info", "Io", "Js"))
#: How far back a URL's token is read from the stop (a longer run of non-spaces is no URL).
_TOKEN_MAX = 200
#: Names spelled with ``!`` (``Yahoo!News``).
_BANG_NAMES: frozenset[str] = frozenset(("Yahoo", "Jeopardy"))
#: A ``?`` standing for a lost character (``don?t``, ``DVD??on``): the text's ``?`` are no stops.
_LOST_CHAR = lazy_compile(r"\?\?|[a-z]\?[a-z]")


def _reads_text(prof: TextProfile) -> bool:
    """A text whose sentences are spaced: not Chinese or Japanese (no space between
    sentences by design), and not hard-wrapped (OCR and PDF: a stop glued to a capital there
    is a misread mark or a space the OCR lost, and a block ends at a line end)."""
    if prof.lang in ("zh", "ja") and prof.script != "latin":
        return False
    return not prof.hard


def _opens_sentence(text: str, i: int) -> bool:
    """``text[i]`` opens a sentence: a capital then a lower-case letter, or a Hangul
    syllable."""
    ch = text[i]
    if _HANGUL[0] <= ch <= _HANGUL[1]:
        return True
    return ch.isupper() and i + 1 < len(text) and text[i + 1].islower()


def _name_like(word: str) -> bool:
    """``word`` cannot end a sentence: an abbreviation, an article or a determiner, or a
    brand spelled with an inner capital (``PanARMENIAN.Net``, ``HoraceM.Albright``)."""
    if word in ABBREVIATIONS or word.lower() in _NEVER_FINAL:
        return True
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def _caps_run(text: str, word: str, word_start: int) -> bool:
    """``word`` and the word before it are in capitals (``FIRST - CLASS STAIH.Ha``): a line
    of capitals is a heading or an advert, whose stops mark abbreviations, not sentence
    ends (a capitalised acronym in lower-case prose, ``told the BBC.Twitter``, is read)."""
    if not word.isupper():
        return False
    before = text[max(0, word_start - 40) : word_start].split()
    prev = before[-1] if before else ""
    return any(c.isalpha() for c in prev) and prev.isupper()


def _right_word(text: str, i: int) -> tuple[str, str]:
    """The letters from ``i`` and the character after them ("" at the end)."""
    j = i
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i:j], text[j : j + 1]


def _dotted_name(text: str, start: int, end: int) -> bool:
    """The glued word goes on as a name: an e-mail address (``Sarah.Needleman@``), a dotted
    chain or an abbreviation (``Glowworm.The``, ``Thur.``), a call (``Math.Max(``), a domain
    (``DearAbby.Com``); or the token holds a URL (``://``, ``www.``)."""
    word, after = _right_word(text, start)
    if after in ("@", ".", "(", "_") or word in _DOMAINS:
        return True
    floor = max(0, end - _TOKEN_MAX)
    token_start = max(text.rfind(" ", floor, end), text.rfind("\n", floor, end), floor - 1) + 1
    token = text[token_start:end]
    return "://" in token or "www." in token


def _alone_on_line(text: str, word_start: int) -> bool:
    """The left word opens its line: a one-word "sentence" is a name (``Mixi.Media``)."""
    i = word_start - 1
    while i >= 0 and text[i] in " \t\u00a0\u3000":
        i -= 1
    return i < 0 or text[i] in "\r\n"


def glued_spans(text: str, prof: TextProfile) -> Iterator[tuple[int, int, str]]:
    """``(start, end, shown)`` of every glued sentence boundary in ``text``: the span runs
    from the stop to the first letter of the next sentence (``.T``, ``.”시``)."""
    if not _reads_text(prof):
        return
    lost_char = "?" in text and _LOST_CHAR.search(text) is not None
    for m in _CANDIDATE.finditer(text):
        word, stop = m["word"], m["stop"]
        start = m.start("start")
        if not _opens_sentence(text, start) or _name_like(word):
            continue
        if (stop == "?" and lost_char) or (stop == "!" and word in _BANG_NAMES):
            continue
        if _dotted_name(text, start, m.start("stop")) or _alone_on_line(text, m.start()):
            continue
        if _caps_run(text, word, m.start()):
            continue
        yield m.start("stop"), start + 1, text[m.start("word") : start + 1]


@check("sentence.glued", severity="warning", fields=GLUE_FIELDS)
def glued(record: ArticleRecord) -> Iterator[Hit]:
    """Two sentences run together with no space: a paragraph or line boundary lost.

    Defect: the extractor dropped a block boundary (``<p>``, ``<br>``, a caption's box)
    without leaving a space or a newline: ``…said on Tuesday.The company…``,
    ``…in Queens.CreditChang W. Lee…``, Korean ``…전문가다.“시험인증…``.
    Example: goose's expected text of a Donga article: ``국제적으로 인정받는
    전문가다.“시험인증 분야는`` (11 glued paragraphs in one record); Readability.js 0.6.0
    on the article-extraction benchmark: ``Raab told the BBC.Twitter pledged``.
    Rule: in a text that spaces its sentences (not Chinese or Japanese by the text profile;
    not hard-wrapped: OCR and PDF lines end their blocks, and a stop glued to a capital
    there is a misread mark or a lost space), a stop ``.!?`` after a word of two letters or
    more (not after a dot or a slash: ``U.S.``, ``J.R.R.``, ``www.``), closing marks, then
    directly an opening mark or the next sentence: a capital and a lower-case letter, or a
    Hangul syllable. Not reported, each a rule: an abbreviation before the stop (titles,
    firms, streets, months, days: ``Mr.Hodson``, ``St.Louis``, German ``Nr.``, Russian
    ``ул.``); an article or a determiner before it (``My.Future``: a name); a word with an
    inner capital (``PanARMENIAN.Net``); a glued word that goes on as a name (``@``:
    e-mail, ``.``: a dotted chain or an abbreviation, ``(``: a call, a domain ``Com``,
    ``Net``); a token holding ``://`` or ``www.``; a word alone at its line start
    (``Mixi.Media``); ``Yahoo!``; a ``?`` in a text whose ``?`` stand for lost characters
    (``??``, ``don?t``). Decimals, versions and lower-case file names (``Node.js``,
    ``example.com``) and ellipses never match. Span: the stop to the next sentence's first
    letter; suggestion ``insert a space``. Shaped on the article-extraction benchmark's
    extractors and gold, L3S, magic-html, Readability's tests, newspaper3k's tests, the OCR
    sources (OverProof, ICDAR2017, BL) and goose (held-out round 7, whose Korean miss
    asked for the check: a development source for it since). Measured: 907 findings on
    13 sources, 833 of them Readability.js's; 154 judged by hand (every one elsewhere, 80
    of Readability.js's), 151 true (0.98); no false alarm on a gold.
    Limits: a sentence ending in one letter or an initial (``the U.S.The``), an abbreviation
    of the lists above or an inner-capital word (``iPhone.The``), and a glue after an
    ellipsis (``Credit...Doug``) are not reported; a glue at a stop OCR lost is not seen;
    a lower-case opening (``said.the``) is not reported (dotted names look so); hard-wrapped
    text is not read; in OCR text flattened to one line (ICDAR2017 pages) a misread name
    or advert line can read as a glue (``uioi.As Harris``, ``Mean.CramerandCoJe``: 3 false
    alarms there). A one-word sentence opening its line is taken for a name and not reported
    (``Mixi.Media``, but also ``Thanks.We`` and a body opening ``전문가다.“시험``); a word
    written with combining marks (NFD, ``Cafe\u0301.The``) is not read.
    """
    for name, text in iter_fields(record, GLUE_FIELDS):
        prof = analyse(text).profile
        for start, end, shown in glued_spans(text, prof):
            message = f"sentences glued with no space: {shown!r}"
            yield Hit(name, start, end, message, "insert a space")


__all__ = ["ABBREVIATIONS", "GLUE_FIELDS", "glued", "glued_spans"]
