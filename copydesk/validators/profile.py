"""The text profile: how a text was made, inferred once per text and used by every rule.

A check that reads a newline or a space has to know what kind of text it reads. In text a
PDF extractor or an OCR engine produced, lines are *hard-wrapped* at the column width, so a
newline inside a clause is a column wrap; in web-extracted text a line is a paragraph
(*flowed*), and a single newline after a sub-head, a caption or a byline ends a block. A
Chinese record that puts a space between every Chinese word and a number (``支持 15W 充电``)
follows a house style, and Korean spaces its words.

:func:`profile_of` infers a :class:`TextProfile` from the text alone, in one linear pass,
memoized per text. Where a user knows better, the config declares it
(``[tool.copydesk.profile] wrap = "flowed"``; :func:`declare`), and the declared values win.

The API below is stable: ``TextProfile``, ``profile_of``, ``record_profile``, ``declare``,
``declared``, ``check_declared``, ``WRAPS``, ``SCRIPTS``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from copydesk.patterns import lazy_compile
from copydesk.validators.scan import CLOSED, HANGUL, KANA, LATIN, LETTER_SPACED, PROSE, Scan, scan
from copydesk.validators.text import HAN, OPENING_DATELINE, normalise_ideographs

if TYPE_CHECKING:
    from copydesk.record import ArticleRecord

WRAPS: tuple[str, ...] = ("hard", "flowed")
SCRIPTS: tuple[str, ...] = ("cjk", "latin", "mixed")
#: Keys a config may declare: ``[tool.copydesk.profile]``.
DECLARABLE: tuple[str, ...] = ("wrap", "script", "spaced_words", "spaced_mixed")


@dataclass(frozen=True, slots=True)
class TextProfile:
    """How a text was made.

    ``wrap``: ``"hard"`` (lines cut at a column width: PDF, OCR) or ``"flowed"`` (a
    paragraph per line: web). ``script``: ``"cjk"``, ``"latin"`` or ``"mixed"`` (by the
    share of CJK among letters). ``column_width``: the typical width of a full line in
    ideograph cells (a Latin letter is half a cell) when hard-wrapped, else ``None``.
    ``lines``: non-blank lines. ``letter_spaced``: lines spaced out letter by letter
    (``人 民 会 议 常 任``, at least 4 characters). ``spaced_words``: CJK words separated
    by spaces as a norm (Korean). ``spaced_mixed``: the text puts a space
    between CJK and digits/Latin consistently (``支持 15W 充电``): a house style.
    ``declared``: the fields the config set rather than inferred. ``lang``: ``zh``, ``ja``
    or ``ko`` for text with CJK (by its share of kana and hangul), else ``None``.
    """

    wrap: str
    script: str
    column_width: int | None
    lines: int = 0
    letter_spaced: int = 0
    spaced_words: bool = False
    spaced_mixed: bool = False
    declared: tuple[str, ...] = ()
    lang: str | None = None

    @property
    def hard(self) -> bool:
        return self.wrap == "hard"

    @property
    def flowed(self) -> bool:
        return self.wrap == "flowed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "wrap": self.wrap,
            "script": self.script,
            "column_width": self.column_width,
            "lines": self.lines,
            "letter_spaced": self.letter_spaced,
            "spaced_words": self.spaced_words,
            "spaced_mixed": self.spaced_mixed,
            "lang": self.lang,
        }


# -- declared (config) ------------------------------------------------------------------------
_DECLARED: dict[str, Any] = {}


def check_declared(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` as a dict when every key and value is one a config may declare, else
    ``ValueError``."""
    vals = dict(values)
    unknown = set(vals) - set(DECLARABLE)
    if unknown:
        raise ValueError(f"profile: unknown key(s) {', '.join(sorted(unknown))}")
    if "wrap" in vals and vals["wrap"] not in WRAPS:
        raise ValueError(f"profile: wrap must be one of {', '.join(WRAPS)}")
    if "script" in vals and vals["script"] not in SCRIPTS:
        raise ValueError(f"profile: script must be one of {', '.join(SCRIPTS)}")
    for key in ("spaced_words", "spaced_mixed"):
        if key in vals and not isinstance(vals[key], bool):
            raise ValueError(f"profile: {key} must be true or false")
    return vals


def declare(values: Mapping[str, Any] | None = None) -> None:
    """Set the profile values the config declares for every text of this process (``None``
    or ``{}`` clears them). Raises ``ValueError`` on an unknown key or value."""
    vals = check_declared(values or {})
    if vals != _DECLARED:
        _DECLARED.clear()
        _DECLARED.update(vals)
        _inferred.cache_clear()


def declared() -> dict[str, Any]:
    """The values the config declared (a copy)."""
    return dict(_DECLARED)


# -- inference --------------------------------------------------------------------------------
_LATIN = lazy_compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def _script(sc: Scan) -> str:
    cjk = sc.cjk
    latin = sc.counts[LATIN]
    if cjk + latin == 0:
        return "latin"
    share = cjk / (cjk + latin)
    if share >= 0.7:
        return "cjk"
    # a Latin letter carries less text than an ideograph: three letters a word
    return "latin" if share <= 0.15 else "mixed"


def common_width(widths: list[int], *, min_lines: int = 5, min_share: float = 0.4) -> int | None:
    """The most common width of lines at least 6 cells wide, when ``min_lines`` lines and
    ``min_share`` of them lie within one cell of it (every wrapped line is full)."""
    ws = [w for w in widths if w >= 6]
    if not ws:
        return None
    counts: dict[int, int] = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    best = max(counts, key=lambda w: (counts[w], w))
    near = sum(counts.get(w, 0) for w in (best - 1, best, best + 1))
    if near < min_lines or near < min_share * len(ws):
        return None
    return best


def _hard_wrapped(norm: str, sc: Scan, widths: list[int], col: int | None) -> bool:
    """Hard-wrapped: line widths that look cut (:func:`_cut_widths`) and, among the line
    ends that close nothing, at least 12 % with evidence of a wrap (:func:`_wrap_evidence`):
    a list or a table has lines of one width too, but its lines do not run on. (Measured:
    OCR'd columns of OverProof 0.16 and up, PDF extractions of fixtures/extracted 0.36 and
    up; web text of the extraction benchmark and magic-html 0.10 and below, but for pages
    whose lines really are cut.)"""
    flags = sc.line_flags
    if not _cut_widths(flags, widths, col):
        return False
    pairs = [i for i in range(len(flags) - 1) if not flags[i] & CLOSED]
    need = 0.12 * len(pairs)
    starts, ends = sc.line_starts, sc.line_ends
    evidence = 0
    # the evidence only grows: the answer is known once it reaches the share, or once the
    # pairs left cannot bring it there
    for seen, i in enumerate(pairs, 1):
        prose = bool((flags[i] | flags[i + 1]) & PROSE)
        before, after = norm[starts[i] : ends[i]], norm[starts[i + 1] : ends[i + 1]]
        evidence += _wrap_evidence(before, after, prose)
        if evidence >= need:
            return True
        if evidence + len(pairs) - seen < need:
            return False
    return False


def _cut_at(norm: str, sc: Scan, widths: list[int], col: int) -> bool:
    """At least a third of the lines within one cell of the width ``col`` (the text's last
    line aside) end open: no sentence end, lead-in or closing mark, and no opening dateline
    (:data:`OPENING_DATELINE`) on the next line, which starts a report, so the line above
    it (a headline) ends a block. A column cuts its lines wherever it ends, mid-sentence
    mostly; lines of one width that end their sentences are paragraphs of one length: web
    briefs of a sentence a paragraph share a width by chance, a sub-head or two among them.
    (Measured on the real-world set: the lines at the column width end open in 0.57 and up
    of the OCR'd and PDF texts (OverProof, BL, rmrb2025), in 0.46 of a web page read as
    hard-wrapped by its table cells and cut by link markup; in 0.2 of a flowed record of
    one-sentence paragraphs with a sub-head and a run-on article that the property suite
    drew, read as a 20-cell column before.) ``norm``/``sc``: the text and its scan."""
    near = [i for i, w in enumerate(widths[:-1]) if abs(w - col) <= 1]
    return 3 * sum(1 for i in near if _ends_open(norm, sc, i)) >= len(near)


def _ends_open(norm: str, sc: Scan, i: int) -> bool:
    """Line ``i`` (not the last) ends open, and the next line opens no report."""
    if sc.line_flags[i] & CLOSED:
        return False
    return OPENING_DATELINE.match(norm, sc.line_starts[i + 1], sc.line_ends[i + 1]) is None


def _cut_widths(flags: tuple[int, ...], widths: list[int], col: int | None) -> bool:
    """A column width (a common width whose lines end open: :func:`_cut_at`), or at least
    3 lines, most ending open (no sentence end, lead-in or closing mark), and nine in ten no
    wider than three times the median (a paragraph per line is as long as its paragraph; a
    column line is never longer than the column).
    ``flags``: the lines' :attr:`Scan.line_flags`."""
    if col is not None:
        return True
    if len(flags) < 3:
        return False
    ordered = sorted(widths)
    median = ordered[len(ordered) // 2]
    if median < 8 or ordered[(len(ordered) - 1) * 9 // 10] > 3 * max(median, 20):
        return False
    open_ends = sum(1 for f in flags[:-1] if not f & CLOSED)
    return open_ends >= 0.5 * (len(flags) - 1)


_FUNCTION_END = lazy_compile(
    r"\b(?:the|a|an|of|and|or|to|in|on|at|by|for|from|with|that|which|was|were|is|are|be|"
    r"has|have|had|his|her|its|their|this|not)$",
    re.IGNORECASE,
)
#: A shell line continued with a backslash, or chained with ``&&``: a code block.
_CODE = re.compile(r"\s\\$|&&")
#: A URL, an e-mail address or a handle ending a line or starting the next: a list of links.
_LINK = re.compile(r"(?:https?://|www\.|@)\S*$|^(?:https?://|www\.|\S*@\S)")
#: A CJK character or clause mark that may end a line a wrap cut (one character).
_CJK_SIDE = lazy_compile(f"[{HAN}\u3040-\u30ff\uac00-\ud7af，、；“‘《（〈【「『]")
#: A CJK character or mark that may start the line after a wrap (one character).
_CJK_START = lazy_compile(f"[{HAN}\u3040-\u30ff\uac00-\ud7af，。、；：？！）》〉】」』”’%]")


def _wrap_evidence(before: str, after: str, prose: bool) -> bool:
    """Two lines that run on: Latin, a line of three words or more (a menu item is shorter)
    with the next line in lower case or the line ending in ``,``, a hyphen or a function
    word; CJK, a clause mark ending the line or starting the
    next, or prose punctuation (``，。；！？``) in one of the two lines (``prose``, from the
    scan), unless the next line opens with a dateline (:data:`OPENING_DATELINE`: a report
    starts there, as a run-on record's second article does under its headline). A link, an
    address or a handle on either side, or a line of shell code, is no evidence."""
    last, first = before[-1], after[0]
    if _link_or_code(before, after):
        return False
    if _LATIN.match(last) or last in ",;-" or last.isdigit():
        if not (_LATIN.match(first) or first.isdigit()) or len(before.split()) < 3:
            return False
        # the longest function word has 5 letters: the tail holds it and the character before
        return first.islower() or last in ",;-" or _FUNCTION_END.search(before[-6:]) is not None
    if _CJK_SIDE.match(last) and _CJK_START.match(first):
        if last in "，、“‘《（〈【「『" or first in "，。、；：？！）》〉】」』”’%":
            return True
        return prose and OPENING_DATELINE.match(after) is None
    return False


def _link_or_code(before: str, after: str) -> bool:
    """A link, an address or a handle ending ``before`` or starting ``after``, or shell code
    in ``before`` (``_LINK``, ``_CODE``; a match holds ``://``, ``www.``, ``@``, a backslash
    or ``&&``, so lines without them skip the regular expressions)."""
    if _may_link(before) and _LINK.search(before):
        return True
    if _may_link(after) and _LINK.match(after):
        return True
    return ("\\" in before or "&&" in before) and _CODE.search(before) is not None


def _may_link(line: str) -> bool:
    return "@" in line or "://" in line or "www." in line


def _lang(sc: Scan) -> str | None:
    """``ko`` (hangul at least 30 % of the CJK characters), ``ja`` (kana at least 10 %),
    ``zh`` (other CJK text), ``None`` (no CJK)."""
    cjk = sc.cjk
    if not cjk:
        return None
    if sc.counts[HANGUL] >= 0.3 * cjk:
        return "ko"
    if sc.counts[KANA] >= 0.1 * cjk:
        return "ja"
    return "zh"


def _spaced_mixed(sc: Scan) -> bool:
    """A space between CJK and digits/Latin in at least 80 % of the places they meet, at
    least 4 times: the record's own convention (``支持 15W 充电``)."""
    spaced, bare = sc.mixed_spaced, sc.mixed_bare
    return spaced >= 4 and spaced >= 0.8 * (spaced + bare)


@lru_cache(maxsize=32)
def _inferred(text: str) -> TextProfile:
    norm = normalise_ideographs(text)  # radicals (⼈ ⺠) count as the ideographs they stand for
    return _declared_over(_from_scan(norm, scan_of(norm)))


#: Texts longer than this are scanned again rather than kept (:func:`scan_of`): a scan holds
#: about 45 bytes a character, and 32 kept scans of 2 MB texts took 1 GB (review of stop 21).
SCAN_KEPT_CHARS = 20_000


def scan_of(norm: str) -> Scan:
    """:func:`~copydesk.validators.scan.scan` of ``norm`` (a text as
    :func:`~copydesk.validators.text.normalise_ideographs` gives it), kept for the 32 texts
    asked last of at most :data:`SCAN_KEPT_CHARS` characters: a text's profile and its
    analysis (:attr:`TextAnalysis.scan`) read one walk."""
    if len(norm) > SCAN_KEPT_CHARS:
        return scan(norm)
    return _kept_scan(norm)


@lru_cache(maxsize=32)
def _kept_scan(norm: str) -> Scan:
    return scan(norm)


def forget_scans() -> None:
    """Drop the kept scans and inferred profiles (a cold start, for tests and benchmarks)."""
    _kept_scan.cache_clear()
    _inferred.cache_clear()


def _from_scan(norm: str, sc: Scan) -> TextProfile:
    """The inferred profile (no declared values) of the text whose radicals
    :func:`~copydesk.validators.text.normalise_ideographs` read as ideographs, ``norm``,
    from its :class:`~copydesk.validators.scan.Scan` ``sc``."""
    widths = [round(cells / 2) for cells in sc.line_cells]  # ideograph cells
    col = common_width(widths)
    if col is not None and not _cut_at(norm, sc, widths, col):
        col = None  # lines of one width that end their sentences: paragraphs, not a column
    hard = _hard_wrapped(norm, sc, widths, col)
    lang = _lang(sc)
    return TextProfile(
        wrap="hard" if hard else "flowed",
        script=_script(sc),
        column_width=col if hard else None,
        lines=len(widths),
        letter_spaced=sum(1 for f in sc.line_flags if f & LETTER_SPACED),
        spaced_words=lang == "ko",
        spaced_mixed=_spaced_mixed(sc),
        lang=lang,
    )


def _declared_over(prof: TextProfile) -> TextProfile:
    if not _DECLARED:
        return prof
    prof = replace(prof, **_DECLARED, declared=tuple(sorted(_DECLARED)))
    return replace(prof, column_width=None) if prof.flowed else prof


def profile_of(text: str) -> TextProfile:
    """The profile of ``text``: inferred (linear in its length, memoized per text), with the
    values the config declared put over it."""
    return _inferred(text)


def record_profile(record: ArticleRecord) -> TextProfile:
    """The profile of a record's body (the text the wrap of its other fields follows)."""
    return profile_of(record.text("body") or "")


def field_profile(body: TextProfile, own: TextProfile) -> TextProfile:
    """The profile a field other than the body is judged by (``own``: its own): a headline or
    a quote box is wrapped (or not) as the body it was cut from is (``body``: the body's
    profile), so it takes the body's ``wrap`` and column width; its own where the body is
    empty or agrees. Read by ``sentence.line-break`` and by ``copydesk fix``'s guards."""
    if body.lines == 0 or own.wrap == body.wrap:
        return own
    return replace(own, wrap=body.wrap, column_width=body.column_width)


__all__ = [
    "DECLARABLE",
    "SCRIPTS",
    "WRAPS",
    "TextProfile",
    "check_declared",
    "declare",
    "declared",
    "field_profile",
    "profile_of",
    "record_profile",
    "scan_of",
]
