"""One walk over the characters of a text: the classes, the lines, the spacing of mixed text.

:func:`scan` returns a :class:`Scan`: the class of every code point (:data:`CLASSES`) with
counts and runs per class, the non-blank lines (offsets after stripping horizontal space,
width in half cells, flags), and how CJK meets digits and Latin letters (with or without a
space). :mod:`copydesk.validators.profile` reads these tables instead of walking the text with
a regular expression per question.

Two implementations compute the same :class:`Scan`: the compiled core
(``copydesk._cscan``, Cython, built with the package) and :func:`scan_reference`, plain
Python, the specification (``tests/test_scan.py`` checks they agree on fixtures and on
generated text). :func:`scan` uses the compiled core when it is importable and the
environment does not set ``COPYDESK_PURE=1``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

#: Class codes, one byte per code point in :attr:`Scan.classes`.
OTHER, HAN, KANA, HANGUL, LATIN, DIGIT, SPACE, NEWLINE, PUNCT = range(9)
#: Class names by code.
CLASSES: tuple[str, ...] = (
    "other",
    "han",
    "kana",
    "hangul",
    "latin",
    "digit",
    "space",
    "newline",
    "punct",
)
#: Line flags (:attr:`Scan.line_flags`): the line closes (its last non-space character ends a
#: sentence, a lead-in or a quotation), is letter-spaced (``人 民 会 议``, at least 7
#: characters), holds CJK prose punctuation (``，。；！？``).
CLOSED, LETTER_SPACED, PROSE = 1, 2, 4

#: The characters :meth:`str.splitlines` breaks at.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: Horizontal space stripped from both ends of a line.
HSPACE = " \t\u00a0\u3000"
#: Marks that close a line (the profile's ``_LINE_CLOSED``).
CLOSERS = "。！？!?…．.：:；;”’」』）》)\"']"
#: CJK prose punctuation.
PROSE_MARKS = "，。；！？"
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_CJK_PUNCT_SINGLES = "\u2014\u2026\u00b7\u201c\u201d\u2018\u2019\u25a0"


def char_class(c: str) -> int:
    """The class code of the one-character string ``c``."""
    o = ord(c)
    if c in LINE_BREAKS:
        return NEWLINE
    if c.isspace():
        return SPACE
    if 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return HAN
    if 0x3040 <= o <= 0x30FF:
        return KANA
    if 0xAC00 <= o <= 0xD7AF:
        return HANGUL
    if (
        0x41 <= o <= 0x5A
        or 0x61 <= o <= 0x7A
        or 0xC0 <= o <= 0x24F
        or 0x370 <= o <= 0x3FF
        or 0x400 <= o <= 0x4FF
    ):
        return LATIN
    if c.isdecimal():
        return DIGIT
    if is_punct(o):
        return PUNCT
    return OTHER


def is_punct(o: int) -> bool:
    """ASCII punctuation and symbols, general punctuation (U+2010-U+205E), and the CJK
    punctuation of :data:`copydesk.validators.text.CJK_PUNCT`."""
    return (
        (o < 0x80 and chr(o) in _ASCII_PUNCT)
        or 0x2010 <= o <= 0x205E
        or 0x3001 <= o <= 0x303F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or chr(o) in _CJK_PUNCT_SINGLES
    )


def is_wide(o: int) -> bool:
    """A character one ideograph cell wide (:func:`copydesk.validators.text.display_width`):
    CJK, CJK punctuation, the ideographic space."""
    return (
        0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0x3000 <= o <= 0x303F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or chr(o) in _CJK_PUNCT_SINGLES
    )


@dataclass(frozen=True, slots=True)
class Scan:
    """The tables of one walk over a text.

    ``classes``: one class code (:data:`CLASSES`) per code point. ``counts`` and ``runs``:
    code points and maximal runs per class. ``line_starts``/``line_ends``: every non-blank
    line (as :meth:`str.splitlines` cuts it) with :data:`HSPACE` stripped from both ends;
    ``line_cells``: its width in half cells (a wide character 2, any other 1);
    ``line_flags``: :data:`CLOSED`, :data:`LETTER_SPACED`, :data:`PROSE`. ``mixed_spaced``
    and ``mixed_bare``: the places where a kanji or kana meets an ASCII letter or digit
    (or a digit, letter or ``%`` meets a kanji or kana) with one space between, and with
    none.
    """

    classes: bytes
    counts: tuple[int, ...]
    runs: tuple[int, ...]
    line_starts: tuple[int, ...]
    line_ends: tuple[int, ...]
    line_cells: tuple[int, ...]
    line_flags: tuple[int, ...]
    mixed_spaced: int
    mixed_bare: int

    def count(self, *classes: int) -> int:
        """Code points in any of ``classes``."""
        return sum(self.counts[c] for c in classes)

    @property
    def cjk(self) -> int:
        """Han, kana and hangul code points."""
        return self.counts[HAN] + self.counts[KANA] + self.counts[HANGUL]


def _line_flags(line: str) -> int:
    flags = 0
    tail = line.rstrip()
    if tail and tail[-1] in CLOSERS:
        flags |= CLOSED
    n = len(line)
    if n > 6 and n % 2 and " " not in line[::2] and line[1::2] == " " * (n // 2):
        flags |= LETTER_SPACED
    if any(c in PROSE_MARKS for c in line):
        flags |= PROSE
    return flags


def _mixed_edges(text: str) -> tuple[int, int]:
    """Count the CJK/ASCII meeting places, walking the text once (``_MIXED_EDGE``)."""
    spaced = bare = 0
    n = len(text)
    for i in range(1, n):
        before, here = text[i - 1], text[i]
        after = text[i + 1] if i + 1 < n else ""
        if _kanji_kana(before):
            if here == " " and after and _ascii_alnum(after):
                spaced += 1
            elif _ascii_alnum(here):
                bare += 1
        elif _ascii_alnum(before) or before == "%":
            if here == " " and after and _kanji_kana(after):
                spaced += 1
            elif _kanji_kana(here):
                bare += 1
    return spaced, bare


def _kanji_kana(c: str) -> bool:
    o = ord(c)
    return (
        0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
    ) or 0x3040 <= o <= 0x30FF


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def scan_reference(text: str) -> Scan:
    """The :class:`Scan` of ``text`` in plain Python: the specification of the compiled core."""
    classes = bytearray(len(text))
    counts = [0] * len(CLASSES)
    runs = [0] * len(CLASSES)
    prev = -1
    for i, c in enumerate(text):
        k = char_class(c)
        classes[i] = k
        counts[k] += 1
        if k != prev:
            runs[k] += 1
            prev = k
    starts, ends, cells, flags = [], [], [], []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.splitlines()[0] if raw.splitlines() else ""
        line = body.strip(HSPACE)
        if line:
            start = pos + len(body) - len(body.lstrip(HSPACE))
            starts.append(start)
            ends.append(start + len(line))
            cells.append(sum(2 if is_wide(ord(c)) else 1 for c in line))
            flags.append(_line_flags(line))
        pos += len(raw)
    spaced, bare = _mixed_edges(text)
    return Scan(
        bytes(classes),
        tuple(counts),
        tuple(runs),
        tuple(starts),
        tuple(ends),
        tuple(cells),
        tuple(flags),
        spaced,
        bare,
    )


def compiled_core():  # type: ignore[no-untyped-def]
    """The compiled core (the module ``copydesk._cscan``), or ``None`` when it is not built or
    ``COPYDESK_PURE=1`` asks for the pure-Python references: the one place that decides, for
    the scan here and the duplicate sketch of :mod:`copydesk.validators.duplicates`."""
    if os.environ.get("COPYDESK_PURE") == "1":
        return None
    try:
        from copydesk import _cscan
    except ImportError:
        return None
    if not all(hasattr(_cscan, name) for name in CORE_FUNCTIONS):
        return None  # built from an older _cscan.pyx: rebuild (``pip install -e .``)
    return _cscan


#: The functions of the compiled core the Python code calls: a build without one of them
#: (an extension left from an older ``_cscan.pyx``) is not used, and ``tests/test_scan.py``
#: fails on it.
CORE_FUNCTIONS = (
    "scan",
    "word_hashes",
    "minhash_shingles",
    "nfkc_fast",
    "strip_space",
    "gram_candidates",
    "squeeze_lines",
    "keyed",
    "smallest_mixed_shingles",
)


#: Code points this process may still hand to the plain-Python stand-ins of numpy passes
#: before numpy is worth importing (see :func:`without_numpy`).
_PLAIN_BUDGET = [60_000]


def without_numpy(n: int) -> bool:
    """True when a pass over ``n`` code points should take its plain-Python path rather than
    numpy's: numpy is not imported yet (its import costs about 0.1 s of CPU, more than a
    one-record check's own work) and this process has spent less than its budget of code
    points on plain Python (``n`` is charged to it). A large input, or many small ones,
    imports numpy once and takes the vectorised path from then on. Both paths give the same
    values (each module's tests compare them), so the choice changes time only."""
    if "numpy" in sys.modules or n > _PLAIN_BUDGET[0]:
        return False
    _PLAIN_BUDGET[0] -= n
    return True


_CORE = compiled_core()
_COMPILED = None if _CORE is None else _CORE.scan
#: True when :func:`scan` runs the compiled core.
COMPILED: bool = _COMPILED is not None


def scan_compiled(text: str) -> Scan:
    """The :class:`Scan` of ``text`` by the compiled core (``ImportError`` when not built)."""
    from copydesk import _cscan

    return Scan(*_cscan.scan(text))


def scan(text: str) -> Scan:
    """The :class:`Scan` of ``text``: the compiled core when available, else
    :func:`scan_reference`."""
    if _COMPILED is not None:
        return Scan(*_COMPILED(text))
    return scan_reference(text)


__all__ = [
    "CLASSES",
    "CLOSED",
    "CLOSERS",
    "COMPILED",
    "CORE_FUNCTIONS",
    "HSPACE",
    "LETTER_SPACED",
    "LINE_BREAKS",
    "PROSE",
    "PROSE_MARKS",
    "Scan",
    "char_class",
    "compiled_core",
    "is_punct",
    "is_wide",
    "scan",
    "scan_compiled",
    "scan_reference",
]
