"""The ``encoding`` family: characters that are not the text the page printed.

Compatibility ideographs and radicals standing in for ordinary ideographs, mojibake, the
replacement character, control and invisible characters.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import TextAnalysis, analyse
from copydesk.validators.anchored import Anchor, max_width, required_chars
from copydesk.validators.registry import Hit, check
from copydesk.validators.text import RADICAL_STANDS_FOR, is_cjk, is_cjk_punct, iter_fields

TEXT_FIELDS: tuple[str, ...] = ("body", "headline", "subheadline", "dateline", "quotes")

# Kangxi radicals, CJK radicals supplement, compatibility ideographs (+ supplement).
_COMPAT_RUN = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]+")


_C0_C1 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_C0_C1}{_INVISIBLE}]+|\r(?!\n)")
_CONTROL_CHARS = frozenset(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
_JOINER = re.compile("[\u200c\u200d\u200e\u200f]+")
#: Every match of ``_CONTROL`` or ``_JOINER`` holds one of these characters.
_ANY_CONTROL = re.compile(f"[{_C0_C1}{_INVISIBLE}\r\u200c-\u200f]")
_RTL = lazy_compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_EMOJI_OR_COMBINING = lazy_compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u0300-\u036f]")
_REPLACEMENT = re.compile("\ufffd+")
_WORD_AROUND = re.compile(r"\S*")
#: Characters a UTF-8 sequence decoded as Windows-1252 / Latin-1 turns into.
_MOJI_CHARS = frozenset([chr(c) for c in range(0x80, 0x100)] + list("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"))


_MOJI_RUN = re.compile("[" + "".join(sorted(re.escape(c) for c in _MOJI_CHARS)) + "]{3,}")


@cache
def badness() -> tuple[re.Pattern[str], Anchor | None]:
    """ftfy's badness pattern and its anchor: a class of characters every match of it holds,
    reaching as far as its widest match (``None`` if ftfy's pattern ever has none). ftfy
    is imported here, on the first text that is not pure ASCII (its import registers the
    ``sloppy-windows-1252`` codec :func:`_utf8_as_cp1252` uses)."""
    import ftfy  # noqa: F401
    from ftfy.badness import BADNESS_RE

    needed, width = required_chars(BADNESS_RE), max_width(BADNESS_RE)
    if needed is None or width is None:
        return BADNESS_RE, None
    return BADNESS_RE, Anchor(needed, width, width)


def _badness_matches(text: str) -> Iterator[re.Match[str]]:
    """``BADNESS_RE.finditer(text)``, run only around the characters every match holds."""
    rx, anchor = badness()
    if anchor is None:
        return rx.finditer(text)
    return anchor.windows(text).finditer(rx)


def _utf8_as_cp1252(run: str) -> list[tuple[int, int, str]]:
    """Spans of ``run`` that are CJK characters' UTF-8 bytes read as Windows-1252:
    ``(start, end, repaired text)``, each a sequence of 3-character groups that encode
    back (ftfy's ``sloppy-windows-1252``) to a valid 3-byte UTF-8 character of the CJK
    scripts or their punctuation (``æ–°èµ·`` -> ``新起``)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i + 3 <= len(run):
        try:
            ch = run[i : i + 3].encode("sloppy-windows-1252").decode("utf-8")
        except UnicodeError:
            ch = ""
        if len(ch) == 1 and (is_cjk(ch) or is_cjk_punct(ch)):
            if out and out[-1][1] == i:
                out[-1] = (out[-1][0], i + 3, out[-1][2] + ch)
            else:
                out.append((i, i + 3, ch))
            i += 3
        else:
            i += 1
    return out


def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _changes_under_nfkc(ch: str) -> bool:
    return unicodedata.normalize("NFKC", ch) != ch


@check("encoding.compat-char", severity="error", fields=TEXT_FIELDS)
def compat_char(record: ArticleRecord) -> Iterator[Hit]:
    """A Kangxi radical or compatibility ideograph where an ordinary ideograph belongs.

    Defect: a PDF font without a proper ToUnicode map makes pdfminer.six / pypdf emit the
    radical code points (U+2F00-U+2FDF, U+2E80-U+2EFF) or compatibility ideographs
    (U+F900-U+FAFF) for ordinary ideographs; they look right but break search and matching.
    Example: ``⼈⺠⽇报`` for ``人民日报`` (U+2F08 KANGXI RADICAL MAN, U+2EA0 CJK RADICAL
    CIVILIAN, U+2F47 KANGXI RADICAL SUN), from pdfminer.six output of People's Daily pages.
    Rule: one finding per run of such characters that NFKC changes, or that stand for a
    common ideograph (:data:`RADICAL_STANDS_FOR`); suggestion ``NFKC`` when NFKC repairs the
    whole run, else none (the message names the intended ideographs).
    Limits: the twelve compatibility-block characters that are real unified ideographs
    (U+FA0E, U+FA0F, ...) are left alone; Korean texts that use compatibility ideographs on
    purpose for hanja readings will be flagged; a text about radicals themselves will be too.
    """
    for name, text in iter_fields(record, TEXT_FIELDS):
        for m in _COMPAT_RUN.finditer(text):
            run = m.group()
            if not any(_changes_under_nfkc(c) or c in RADICAL_STANDS_FOR for c in run):
                continue
            fixed = "".join(
                RADICAL_STANDS_FOR.get(c, unicodedata.normalize("NFKC", c)) for c in run
            )
            nfkc_ok = all(_changes_under_nfkc(c) for c in run)
            codes = ", ".join(f"U+{ord(c):04X}" for c in run[:6]) + ("…" if len(run) > 6 else "")
            yield Hit(
                name,
                m.start(),
                m.end(),
                f"radical / compatibility code points ({codes}) where {fixed!r} belongs",
                suggestion="NFKC" if nfkc_ok else None,
            )


def _misdecoded_whole(an: TextAnalysis) -> bool:
    """ftfy's first plan repairs the whole text: all of it re-encodes (Windows-1252,
    Latin-1 …) to bytes that decode as UTF-8, so every non-ASCII character of it is part
    of a mojibake sequence (``ftfy.fix_encoding_and_explain``'s first step is ``encode``)."""
    from ftfy import fix_encoding_and_explain

    steps = fix_encoding_and_explain(an.text).explanation
    return bool(steps) and steps[0].action == "encode"


def _repaired_in_context(text: str, start: int, end: int) -> bool:
    """ftfy, fixing the whole text, repairs ``text[start:end]``: the text is mis-decoded as a
    whole (:func:`_misdecoded_whole`), or the sequence is bad on its own (``ftfy.badness.
    is_bad``), which is what ftfy's ``decode_inconsistent_utf8`` asks of a sequence embedded
    in otherwise good text. ``Â°``, ``Â`` + NBSP, ``â€™`` are bad on their own; ``Ä«``
    (``ī``) is bad only beside a letter, and in OCR text strewn with lone Latin-1 specks
    (``¡rATTE``, ``«Alio``) it is one more speck (OverProof)."""
    from ftfy.badness import is_bad

    return is_bad(text[start:end]) or analyse(text).memo(_misdecoded_whole)


def _badness_spans(text: str, max_gap: int) -> list[tuple[int, int, str]]:
    """ftfy's badness matches, merged when closer than ``max_gap``, widened over adjacent
    Latin-1 / Windows-1252 characters, kept when ``ftfy.fix_text`` repairs the word and
    ftfy would repair the span in the whole text (:func:`_repaired_in_context`)."""
    from ftfy import fix_text

    spans: list[list[int]] = []
    for m in _badness_matches(text):
        if spans and m.start() - spans[-1][1] <= max_gap:
            spans[-1][1] = max(spans[-1][1], m.end())
        else:
            spans.append([m.start(), m.end()])
    out = []
    for start, end in spans:
        while start > 0 and text[start - 1] in _MOJI_CHARS:
            start -= 1
        while end < len(text) and text[end] in _MOJI_CHARS:
            end += 1
        while start < end and text[start].isascii():
            start += 1  # ftfy's pattern may take the letter before (``fÃ©``)
        while end > start and text[end - 1].isascii():
            end -= 1
        if start == end:
            continue
        left = text.rfind(" ", 0, start) + 1
        right_m = _WORD_AROUND.match(text, end)
        right = right_m.end() if right_m else end
        chunk = text[left:right]
        if fix_text(chunk) != chunk and _repaired_in_context(text, start, end):
            out.append((start, end, f"mojibake {text[start:end]!r} (wrong-codec decoding)"))
    return out


def _cp1252_spans(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """CJK text read as Windows-1252 (``æ–°èµ·``), outside the ``found`` spans."""
    out = []
    for m in _MOJI_RUN.finditer(text):
        for a, b, fixed in _utf8_as_cp1252(m.group()):
            start, end = m.start() + a, m.start() + b
            if not any(x < end and start < y for x, y, _ in found):
                why = f"mojibake {text[start:end]!r} for {fixed!r} (UTF-8 read as Windows-1252)"
                out.append((start, end, why))
    return out


def _only_controls(text: str, start: int, end: int) -> bool:
    """The span is C0/C1 controls only: ``encoding.control-char``'s, not mojibake."""
    return all(c in _CONTROL_CHARS for c in text[start:end])


def _with_replacements(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened over U+FFFD right before or after it: ``â€\ufffd`` is one broken
    character (``”`` whose last byte was lost), reported once, as mojibake."""
    while start > 0 and text[start - 1] == "\ufffd":
        start -= 1
    while end < len(text) and text[end] == "\ufffd":
        end += 1
    return start, end


def mojibake_spans(text: str, max_gap: int = 3) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, message)`` of every mojibake span of ``text``, in order.

    Shared by the three checks that could see the same characters: a span made of control
    characters only is ``encoding.control-char``'s; U+FFFD touching a span is part of it,
    not ``encoding.replacement-char``; control characters inside a span are the mojibake's.
    Built once per text (kept in its analysis); a pure-ASCII text has none.
    """
    if text.isascii():
        return ()
    return analyse(text).memo(_mojibake_table, max_gap)


def _mojibake_table(an: TextAnalysis, max_gap: int) -> tuple[tuple[int, int, str], ...]:
    text = an.text
    found = _badness_spans(text, max_gap)
    found += _cp1252_spans(text, found)
    out = []
    for start, end, why in sorted(found):
        if _only_controls(text, start, end):
            continue
        start, end = _with_replacements(text, start, end)
        out.append((start, end, why))
    return tuple(out)


def _mojibake_index(an: TextAnalysis) -> tuple[list[int], list[int]]:
    """Starts of the mojibake spans, and the running maximum of their ends."""
    starts: list[int] = []
    reach: list[int] = []
    far = 0
    for a, b, _ in mojibake_spans(an.text):
        far = max(far, b)
        starts.append(a)
        reach.append(far)
    return starts, reach


def _in_mojibake(text: str, start: int, end: int) -> bool:
    """``[start, end)`` overlaps a mojibake span (O(log n): a span starting before ``end``
    reaches past ``start`` exactly when the farthest one does)."""
    if text.isascii():
        return False
    starts, reach = analyse(text).memo(_mojibake_index)
    k = bisect_left(starts, end) - 1
    return k >= 0 and reach[k] > start


@check("encoding.mojibake", severity="error", fields=TEXT_FIELDS)
def mojibake(record: ArticleRecord, *, max_gap: int = 3) -> Iterator[Hit]:
    """Mojibake: UTF-8 text decoded with the wrong codec (``â€™``, ``Ã©``, ``æ—¥æœ¬``).

    Defect: bytes were decoded as Windows-1252 / Latin-1 somewhere upstream, so each
    non-ASCII character became two or three Latin-1 symbols.
    Example: ``doesnâ€™t`` for ``doesn't``; ``æ—¥æœ¬`` for ``日本``; ``站在æ–°èµ·点上`` for
    ``站在新起点上`` (found by the property suite).
    Rule: ftfy's badness patterns (``ftfy.badness.BADNESS_RE``, the heuristic behind
    ``ftfy.badness.is_bad``) are matched, matches closer than ``max_gap`` characters are
    merged into one span and widened over the adjacent Latin-1 / Windows-1252 characters the
    sequence is made of; a span is reported only when ``ftfy.fix_text`` changes the
    whitespace-delimited text around it (the sequence is repairable, hence really mojibake)
    and ftfy, fixing the whole text, would repair it too: the whole text re-encodes to valid
    UTF-8 (every non-ASCII character in it is mojibake), or the sequence is bad on its own
    (``is_bad``: ftfy's test for mojibake embedded in good text, ``decode_inconsistent_utf8``).
    In OCR text strewn with lone Latin-1 specks (``¡rATTE``, ``«Alio``), ``Ä«l`` is bad
    only beside its letter and is one more speck (OverProof, shaped this; the true
    ``Â°``, ``Â`` + NBSP, ``Â¤`` of L3S-GN1 and magic_html are bad on their own).
    ftfy's badness scores CJK mojibake such as ``站在æ–°èµ·点上`` as 0 (``ftfy.badness`` and
    ``fix_and_explain`` leave it alone), so in addition every run of 3+ Latin-1 /
    Windows-1252 characters is split into 3-character groups; consecutive groups whose
    bytes (``sloppy-windows-1252``) decode as UTF-8 to a CJK character or CJK punctuation
    are reported, with the repaired text in the message. One defect, one finding: a span of
    C1 control characters alone (``\x85``) is ``encoding.control-char``'s; U+FFFD right
    after a sequence (``â€\ufffd``, a character whose last byte was lost) is part of this
    span, and neither the controls inside a span nor that U+FFFD is reported again.
    Limits: mojibake that ftfy cannot repair (bytes lost, double-encoded beyond repair) is
    not reported, nor a sequence that is bad only in context (``Å¡`` for ``š``, ``Ä«``)
    in a text that also holds good non-ASCII characters; legitimate Latin-1 text with odd
    symbol sequences may be flagged if ftfy would rewrite it.
    """
    for name, text in iter_fields(record, TEXT_FIELDS):
        for start, end, why in mojibake_spans(text, max_gap):
            yield Hit(name, start, end, why)


@check("encoding.replacement-char", severity="error", fields=TEXT_FIELDS)
def replacement_char(record: ArticleRecord) -> Iterator[Hit]:
    """The replacement character U+FFFD: a character was lost in decoding.

    Defect: bytes that did not decode (or a glyph the extractor could not map) became
    ``\\ufffd``; the original character is gone and cannot be recovered from the text.
    Example: ``中国\\ufffd\\ufffd发展`` from a GBK page read as UTF-8 with
    ``errors="replace"``.
    Rule: every run of U+FFFD is one finding; no suggestion (the lost text is unknown).
    Limits: a text that quotes the replacement character on purpose is flagged too.
    """
    for name, text in iter_fields(record, TEXT_FIELDS):
        for m in _REPLACEMENT.finditer(text):
            if _in_mojibake(text, m.start(), m.end()):
                continue  # part of a mojibake sequence: encoding.mojibake reports it
            yield Hit(name, m.start(), m.end(), f"{len(m.group())} replacement character(s) U+FFFD")


def _joiner_legit(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 1) : start] + text[end : end + 1]
    return bool(_RTL.search(text)) or bool(_EMOJI_OR_COMBINING.search(around))


@check("encoding.control-char", severity="error", fields=TEXT_FIELDS)
def control_char(record: ArticleRecord) -> Iterator[Hit]:
    """A control character or an invisible format character inside the text.

    Defect: C0/C1 controls (form feeds from page ends, NULs, ``\\x85``), a lone ``\\r``, a BOM,
    zero-width spaces, soft hyphens or bidi overrides left by the extractor: invisible, they
    split words for search and tokenizers and can reorder displayed text.
    Example: ``新华社北京\\x0c11月8日电`` (a page-break form feed from pdftotext);
    ``\\ufeff新华社`` (a BOM carried into the field).
    Rule: flag runs of C0 controls other than ``\\t`` and ``\\n`` (``\\r`` only when not
    followed by ``\\n``), C1 controls U+0080-U+009F, U+FEFF anywhere (also at offset 0:
    inside a field value it is never a file's byte-order mark), U+200B, U+2060, U+00AD and the
    bidi embeddings/isolates U+202A-U+202E, U+2066-U+2069. ZWJ/ZWNJ/LRM/RLM
    (U+200C-U+200F) are flagged only in texts without right-to-left script and not next to
    an emoji or combining mark, where they are legitimate. Suggestion ``remove``.
    Limits: a soft hyphen that a publisher put in on purpose for justification is flagged.
    """
    for name, text in iter_fields(record, TEXT_FIELDS):
        if _ANY_CONTROL.search(text) is None:
            continue  # no character either pattern below needs
        found = [(m.start(), m.end()) for m in _CONTROL.finditer(text)]
        found += [
            (m.start(), m.end())
            for m in _JOINER.finditer(text)
            if not _joiner_legit(text, m.start(), m.end())
        ]
        for start, end in sorted(found):
            if _in_mojibake(text, start, end):
                continue  # bytes of a mojibake sequence: encoding.mojibake reports them
            codes = ", ".join(f"U+{ord(c):04X}" for c in text[start:end][:4])
            yield Hit(name, start, end, f"control / invisible character(s) {codes}", "remove")
