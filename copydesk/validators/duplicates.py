"""Corpus-wide duplicate records: ``quote.duplicate-record`` (exact and near duplicates).

The check streams: it sees every record once, in input order, and keeps a compact index of
the records seen so far, never their text. Per indexed record it stores

- the 64-bit hash of the normalized body (NFKC, white space removed) in an open-addressing
  table (exact duplicates);
- the record's MinHash signature cut into ``bands`` bands, each band hashed to 32 bits, in one
  open-addressing multimap (locality-sensitive hashing: a record sharing a band with an
  earlier one is a candidate);
- the low byte of each MinHash value (a b-bit signature, Li & König 2010) to estimate the
  Jaccard similarity of a candidate pair without the earlier text;
- where the earlier record is (id, input, line), packed in arrays.

With the defaults (64 permutations, 8 bands of 8 rows) that is about 200 bytes per record
for the index, plus the id's bytes (``benchmarks/bench_duplicates.py`` measures it). The
MinHash values are datasketch's ``affine32`` scheme (``datasketch.MinHash`` permutations,
MurmurHash3 pre-mix), computed for all shingles of a record at once with numpy; a test checks
they equal ``datasketch.MinHash.update_batch`` on the same shingle hashes. datasketch's own
``MinHashLSH`` keeps a dict of sets per band and a list of band keys per record: several KB per
record, too much for a corpus of millions of records in one process.

The work is split so that the engine runs :meth:`DuplicateRecord.prepare` (the sketch: pure,
per record) in its worker processes and only :meth:`DuplicateRecord.observe` (index look-up
and insert) in the main process.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from copydesk.patterns import lazy_compile
from copydesk.record import ArticleRecord
from copydesk.validators.registry import Hit, corpus_check
from copydesk.validators.scan import compiled_core

if TYPE_CHECKING:
    import numpy as np

# numpy is imported where the numpy path runs (the pure path, and the arrays of the public
# helpers): a record sketched by the compiled core needs none of it (start-up, issue 12).

_WORD = re.compile(r"\w+")
_FNV = 0x01000193
_M32 = 0xFFFFFFFF
#: the runs of what is not CJK (kana, hangul, ideographs): removed, the CJK characters are
#: left to count (one string made, not a list of one string per character)
_NOT_CJK = lazy_compile("[^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


@cache
def _ws_table() -> np.ndarray:
    """Code points below U+3002 that are white space (``str.isspace``), as a lookup table."""
    import numpy as np

    return np.array([chr(i).isspace() for i in range(0x3002)], dtype=bool)


_TABLE_END = 0x30000  # code points at or above this take the full NFKC path
_KEEP, _MAP, _FULL = 0, 1, 2


@lru_cache(maxsize=1)
def _nfkc_tables() -> tuple[np.ndarray, dict[int, str]]:
    """Per code point: keep as is, map (NFKC of the single character, safe to splice), or
    needs the full NFKC pass (combining marks, characters that compose with the one before,
    Hangul jamo), for every code point at once: the numpy path's tables, built on its first
    use (about 0.05 s; the compiled core's grow per character, :func:`nfkc_kind`)."""
    import numpy as np

    decomposed: list[int] = []  # characters with a decomposition (Hangul syllables too)
    second: set[int] = set()  # characters that can compose with a preceding starter
    for c in range(_TABLE_END):
        d = unicodedata.decomposition(chr(c))
        if d:
            decomposed.append(c)
            if not d.startswith("<"):
                parts = d.split()
                if len(parts) == 2:
                    second.add(int(parts[1], 16))
    kind = np.zeros(_TABLE_END, dtype=np.uint8)
    # a character without a decomposition is its own NFKD and NFKC: only itself to look at
    for c in range(_TABLE_END):
        if unicodedata.combining(chr(c)) or c in second or 0x1100 <= c <= 0x11FF:
            kind[c] = _FULL
    kind[0xD800:0xE000] = _KEEP
    mapping: dict[int, str] = {}
    for c in [*decomposed, *range(0xAC00, 0xD7A4)]:
        _decomposed_kind(c, second, kind, mapping)
    return kind, mapping


def _decomposed_kind(c: int, second: set[int], kind: np.ndarray, mapping: dict[int, str]) -> None:
    ch = chr(c)
    if any(
        unicodedata.combining(x) or ord(x) in second or 0x1100 <= ord(x) <= 0x11FF
        for x in ch + unicodedata.normalize("NFKD", ch)
    ):
        kind[c] = _FULL
        return
    nfkc = unicodedata.normalize("NFKC", ch)
    if nfkc != ch:
        kind[c] = _MAP
        mapping[c] = nfkc


def may_compose(ch: str) -> bool:
    """``ch`` may change or move under NFKC next to another character: a combining mark
    (a non-zero combining class), any other mark (the vowel signs that compose with the
    consonant before them, ``ো`` = ``ে`` + ``া``, are marks of class 0), or a Hangul jamo.
    A superset of what :func:`_nfkc_tables` finds by scanning every decomposition (a test
    checks it on the running Python's Unicode data)."""
    return (
        bool(unicodedata.combining(ch))
        or unicodedata.category(ch)[0] == "M"
        or ("\u1100" <= ch <= "\u11ff")
    )


def nfkc_kind(ch: str) -> tuple[int, str | None]:
    """How the compiled core treats ``ch``: kept (``0``), replaced by its NFKC form alone
    (``1``, with that form), or the whole text needs the full NFKC pass (``2``: ``ch`` or
    a character of its NFKD may compose or reorder). One code point's answer, so the
    tables grow with the characters a process sees (:func:`_core_tables`)."""
    if may_compose(ch) or any(may_compose(x) for x in unicodedata.normalize("NFKD", ch)):
        return _FULL, None
    nfkc = unicodedata.normalize("NFKC", ch)
    return (_MAP, nfkc) if nfkc != ch else (_KEEP, None)


@dataclass(frozen=True)
class _CoreTables:
    """The compiled core's NFKC tables for the characters classified so far: ``kind`` per
    code point (unclassified ones read as ``2``, so the core hands the text back), every
    mapping as ``flat[start[c]:start[c + 1]]``. Never changed once built: a new character
    makes new tables (:func:`_grown`), so a reader always sees consistent ones."""

    kind: bytearray
    mapping: dict[int, str]
    start: array
    flat: array


def _empty_tables() -> _CoreTables:
    kind = bytearray(0xA0) + bytearray([_FULL]) * (_TABLE_END - 0xA0)  # the core reads ASCII
    return _CoreTables(kind, {}, array("I", bytes(4 * (_TABLE_END + 1))), array("I"))


#: The characters the tables classify (only grows). A character joins it before the tables
#: holding it are published: a reader seeing it unclassified takes the full pass, never a
#: wrong one.
_known: set[str] = {chr(c) for c in range(0xA0)}


def _grown(tables: _CoreTables, text: str) -> _CoreTables | None:
    """``tables`` with the characters of ``text`` not classified yet (``None`` when there
    are none: the text needs the full NFKC pass)."""
    new = {ch for ch in set(text) - _known if ord(ch) < _TABLE_END}
    if not new:
        return None
    _known.update(new)
    kind, mapping = bytearray(tables.kind), dict(tables.mapping)
    for ch in new:
        k, m = nfkc_kind(ch)
        kind[ord(ch)] = k
        if m is not None:
            mapping[ord(ch)] = m
    start, flat = tables.start, tables.flat
    if len(mapping) > len(tables.mapping):
        start, flat = array("I", bytes(4 * (_TABLE_END + 1))), array("I")
        for c in sorted(mapping):  # in order: start[c + 1] is where c's mapping ends
            start[c] = len(flat)
            flat.extend(ord(x) for x in mapping[c])
            start[c + 1] = len(flat)
    return _CoreTables(kind, mapping, start, flat)


_CORE = compiled_core()
#: True when the sketch runs in the compiled core.
COMPILED: bool = _CORE is not None
_NO_TABLE = (b"", array("I", [0]), array("I"))
_core_tables = _empty_tables() if _CORE is not None else None


def _nfkc_core(text: str) -> bytes | None:
    """The core's fast pass over ``text`` (``None``: it needs the full pass), the tables
    grown first when ``text`` holds characters they do not know yet."""
    global _core_tables
    if text.isascii():
        return _CORE.nfkc_fast(text, *_NO_TABLE)
    tables = _core_tables
    out = _CORE.nfkc_fast(text, tables.kind, tables.start, tables.flat)
    if out is None and (grown := _grown(tables, text)) is not None:
        _core_tables = grown
        out = _CORE.nfkc_fast(text, grown.kind, grown.start, grown.flat)
    return out


def normalized_bytes(text: str) -> bytes:
    """:func:`normalized_code_points` as bytes of ``uint32`` (native order)."""
    if _CORE is None:
        return normalized_code_points(text).tobytes()
    out = _nfkc_core(text)
    if out is None:
        out = _CORE.strip_space(unicodedata.normalize("NFKC", text))
    return out


def normalized_code_points(text: str, *, pure: bool = False) -> np.ndarray:
    """The code points (``uint32``) of ``text`` after NFKC, white space removed.

    Equal to ``re.sub(r"\\s+", "", unicodedata.normalize("NFKC", text))``, but ordinary text
    needs no full NFKC pass: characters whose NFKC form is their own are kept, and the few
    that map alone (full-width ASCII, ``…``, ``①``) are replaced one by one; the full pass is
    taken only for text holding combining marks or characters that compose. The compiled
    core (``copydesk._cscan.nfkc_fast``) walks the text once with tables of the characters
    seen so far (:func:`nfkc_kind`, classified on first sight: no start-up cost); ``pure``
    takes the numpy path even where the core is built (the tests compare the two).
    """
    import numpy as np

    if _CORE is not None and not pure:
        return np.frombuffer(normalized_bytes(text), dtype=np.uint32)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if cps.size and int(cps.max()) >= 0xA0:
        kind, mapping = _nfkc_tables()
        k = kind[np.minimum(cps, _TABLE_END - 1)]
        k[cps >= _TABLE_END] = _FULL
        if (k == _FULL).any():
            nfkc = unicodedata.normalize("NFKC", text)
            cps = np.frombuffer(nfkc.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        else:
            where = np.flatnonzero(k == _MAP)
            if where.size:
                pieces, pos = [], 0
                for i in where.tolist():
                    pieces.append(text[pos:i])
                    pieces.append(mapping[int(cps[i])])
                    pos = i + 1
                pieces.append(text[pos:])
                cps = np.frombuffer(
                    "".join(pieces).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
                )
    return cps[~_ws_table()[np.minimum(cps, 0x3001)]]


def normalize(text: str) -> str:
    """NFKC, then every white-space character removed: the text an exact duplicate shares."""
    return normalized_code_points(text).tobytes().decode("utf-32-le")


def is_cjk_text(cps: np.ndarray) -> bool:
    """True when CJK characters (kana, hangul, ideographs) are at least a third of the first
    2000 code points."""
    return is_cjk_bytes(cps[:2000].tobytes())


def is_cjk_bytes(cps: bytes) -> bool:
    """:func:`is_cjk_text` of code points given as bytes of ``uint32`` (no numpy)."""
    codec = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    sample = cps[:8000].decode(codec, "surrogatepass")
    return len(sample) > 0 and 3 * len(_NOT_CJK.sub("", sample)) >= len(sample)


def fmix32_int(h: int) -> int:
    """:func:`fmix32` of one 32-bit integer."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


def fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes input hashes (uint32 arrays)."""
    import numpy as np

    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def char_shingle_hashes(cps: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of every ``k``-code-point substring (repeats kept: MinHash ignores them)."""
    import numpy as np

    if len(cps) == 0:
        return cps
    n = max(1, len(cps) - k + 1)
    h = np.full(n, 0x811C9DC5, dtype=np.uint32)
    for j in range(min(k, len(cps))):
        h = (h ^ cps[j : j + n]) * np.uint32(_FNV)
    return h


def mixed_shingle_hashes(cps: Sequence[int], k: int) -> list[int]:
    """``fmix32(char_shingle_hashes(cps, k))`` in plain Python, for a short ``cps``: the
    same values, without numpy."""
    n, width = max(1, len(cps) - k + 1), min(k, len(cps))
    out = []
    for i in range(n if len(cps) else 0):
        h = 0x811C9DC5
        for c in cps[i : i + width]:
            h = ((h ^ c) * _FNV) & _M32
        out.append(fmix32_int(h))
    return out


def word_shingle_hashes(text: str, k: int) -> np.ndarray:
    """32-bit hashes of every run of ``k`` consecutive words (NFKC, case-folded)."""
    import numpy as np

    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, dtype=np.uint32)
    wh = np.fromiter(
        (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words),
        dtype=np.uint32,
        count=len(words),
    )
    n = max(1, len(wh) - k + 1)
    h = np.full(n, 0x811C9DC5, dtype=np.uint32)
    for j in range(min(k, len(wh))):
        h = (h ^ wh[j : j + n]) * np.uint32(_FNV)
    return h


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutation parameters ``(a, b)`` for ``num_perm``/``seed``.

    Drawn as ``datasketch.MinHash._init_permutations`` draws them (``RandomState(seed)``: an
    odd ``a``, then ``b``, 32 bits each), without importing datasketch (0.6-0.8 s per
    process); a test checks they equal datasketch's.
    """
    import numpy as np

    a, b = permutation_arrays(num_perm, seed)
    return np.array(a, dtype=np.uint32), np.array(b, dtype=np.uint32)


@lru_cache(maxsize=8)
def permutation_arrays(num_perm: int, seed: int = 1) -> tuple[array, array]:
    """:func:`permutations` as ``array("I")``, drawn without numpy: ``RandomState(seed)`` is
    MT19937 seeded by ``init_genrand(seed)``, and its 32-bit ``randint`` draws below
    ``2**31`` and ``2**32`` are one generator word each (masked, never rejected); the
    standard library's Mersenne Twister, given that state, yields the same words."""
    mt = [seed & _M32]
    for i in range(1, 624):
        mt.append((1812433253 * (mt[-1] ^ (mt[-1] >> 30)) + i) & _M32)
    gen = random.Random()
    gen.setstate((3, (*mt, 624), None))
    a = array("I", [((gen.getrandbits(32) & 0x7FFFFFFF) * 2 + 1) & _M32 for _ in range(num_perm)])
    b = array("I", [gen.getrandbits(32) for _ in range(num_perm)])
    return a, b


_BLOCK = 1024  # shingles per numpy block: bounds the temporary (block x num_perm) matrix


def minhash(hashes: np.ndarray, num_perm: int, seed: int = 1) -> np.ndarray:
    """The MinHash signature (uint32) of a set of 32-bit shingle hashes.

    Equal to ``datasketch.MinHash(num_perm, seed, hashfunc=int).update_batch(hashes)``.
    """
    import numpy as np

    a, b = permutations(num_perm, seed)
    sig = np.full(num_perm, _M32, dtype=np.uint32)
    for i in range(0, len(hashes), _BLOCK):
        hv = fmix32(hashes[i : i + _BLOCK].astype(np.uint32))[:, None]
        np.minimum(sig, (hv * a + b).min(axis=0), out=sig)
    return sig


def shingle_signature(
    body: str,
    cps: np.ndarray,
    *,
    num_perm: int,
    seed: int,
    shingle: int,
    word_shingle: int,
    pure: bool = False,
) -> np.ndarray | None:
    """The MinHash signature of a body's shingles: ``shingle``-code-point shingles of its
    normalized code points ``cps`` for CJK text, ``word_shingle``-word shingles otherwise;
    ``None`` when there is no shingle. Computed in the compiled core when built (unless
    ``pure``, :func:`core_signature`), else in numpy: the same values."""
    import numpy as np

    if _CORE is None or pure:
        if is_cjk_text(cps):
            hashes = char_shingle_hashes(cps, shingle)
        else:
            hashes = word_shingle_hashes(body, word_shingle)
        return minhash(hashes, num_perm, seed) if len(hashes) else None
    params = {"num_perm": num_perm, "seed": seed, "shingle": shingle, "word_shingle": word_shingle}
    sig = core_signature(body, cps.tobytes(), **params)
    return None if sig is None else np.frombuffer(sig, dtype=np.uint32)


def core_signature(
    body: str, cps: bytes, *, num_perm: int, seed: int, shingle: int, word_shingle: int
) -> bytes | None:
    """:func:`shingle_signature` in the compiled core, without numpy: ``cps`` are the
    normalized code points as bytes of ``uint32`` (:func:`normalized_bytes`), the signature
    comes back as bytes of ``uint32``."""
    if is_cjk_bytes(cps):
        items, k = cps, shingle
    else:
        items = _CORE.word_hashes(unicodedata.normalize("NFKC", body).casefold())
        k = word_shingle
    a, b = permutation_arrays(num_perm, seed)
    return _CORE.minhash_shingles(memoryview(items).cast("I"), k, a, b)


def band_keys(sig: Sequence[int], bands: int, rows: int) -> list[int]:
    """One well-mixed, non-zero 32-bit key per band (the band's number is mixed in)."""
    keys = []
    for band in range(bands):
        h = ((band + 1) * 0x9E3779B1) & _M32
        for v in sig[band * rows : (band + 1) * rows]:
            h = ((h ^ int(v)) * _FNV) & _M32
        keys.append(fmix32_int(h) or 1)
    return keys


def estimate_jaccard(low_bytes_a: bytes, low_bytes_b: bytes) -> float:
    """Jaccard similarity estimated from two b-bit (8-bit) MinHash signatures."""
    match = sum(x == y for x, y in zip(low_bytes_a, low_bytes_b, strict=True)) / len(low_bytes_a)
    return max(0.0, (match - 1 / 256) / (1 - 1 / 256))


class _MultiMap:
    """Open addressing (linear probing) from a well-mixed non-zero integer key to ``uint32``
    values; a key may hold several values. ``array`` storage: ``itemsize(key) + 4`` bytes per
    slot, load factor kept at or under 3/4."""

    __slots__ = ("_code", "_keys", "_mask", "_size", "_vals")

    def __init__(self, code: str = "I", capacity: int = 1024) -> None:
        self._code = code
        self._alloc(capacity)
        self._size = 0

    def _alloc(self, capacity: int) -> None:
        self._keys = array(self._code, bytes(capacity * array(self._code).itemsize))
        self._vals = array("I", bytes(capacity * 4))
        self._mask = capacity - 1

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        return len(self._keys) * self._keys.itemsize + len(self._vals) * 4

    def values(self, key: int) -> list[int]:
        keys, mask = self._keys, self._mask
        i = key & mask
        out = []
        while True:
            k = keys[i]
            if k == 0:
                return out
            if k == key:
                out.append(self._vals[i])
            i = (i + 1) & mask

    def first(self, key: int) -> int | None:
        found = self.values(key)
        return found[0] if found else None

    def add(self, key: int, value: int, cap: int = 8) -> None:
        """Add ``value`` under ``key`` unless the key already holds ``cap`` values (the
        earliest are kept: enough to name an earlier record, and probe runs stay short)."""
        if 4 * (self._size + 1) > 3 * (self._mask + 1):
            self._grow()
        keys, mask = self._keys, self._mask
        i = key & mask
        held = 0
        while (k := keys[i]) != 0:
            if k == key:
                held += 1
                if held >= cap:
                    return
            i = (i + 1) & mask
        keys[i] = key
        self._vals[i] = value
        self._size += 1

    def _grow(self) -> None:
        old_keys, old_vals = self._keys, self._vals
        self._alloc(2 * (self._mask + 1))
        keys, vals, mask = self._keys, self._vals, self._mask
        for k, v in zip(old_keys, old_vals, strict=True):  # insertion order kept per key
            if k:
                i = k & mask
                while keys[i] != 0:
                    i = (i + 1) & mask
                keys[i] = k
                vals[i] = v


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the index needs of one record: computed per record, picklable, text-free."""

    exact: int  # 64-bit hash of the normalized body, never 0
    bands: tuple[int, ...]  # one 32-bit key per band (empty: too short for near duplicates)
    low_bytes: bytes  # the low byte of every MinHash value


@corpus_check("quote.duplicate-record", fields=("body",))
class DuplicateRecord:
    """A record whose article text repeats an earlier record's, exactly or nearly.

    Defect: the same article extracted twice (two runs of the extractor, a page in two
    editions or two files of one scrape, a jump page), so the corpus counts it twice.
    Example: the People's Daily 2019 web corpus prints 「朝鲜半岛」 articles in both
    ``2.txt`` and ``3.txt``: ``pd2019-3-05`` repeats ``pd2019-2-15`` word for word.
    Rule: the body is normalized (NFKC, every white-space character removed); a record whose
    normalized body equals an earlier one's is an exact duplicate. Otherwise its MinHash
    (``num_perm`` permutations over ``shingle``-character shingles for CJK text, or
    ``word_shingle``-word shingles for Latin text) is looked up in a ``bands``-band LSH
    index; an earlier record sharing a band whose estimated Jaccard similarity is at least
    ``threshold`` is a near duplicate. The finding spans the whole body and names the
    earliest such record (id, input, line) and the estimated similarity.
    Limits: bodies shorter than ``min_chars`` normalized characters are not compared. With
    the default 8 bands of 8 rows a pair at similarity 0.8 is found with probability 0.77,
    at 0.85 0.93, at 0.9 0.99; the similarity is estimated from 8-bit signatures (about
    ±0.05 at 0.8). A repeat of an earlier record with the same id and the same text is left
    to ``schema.duplicate-id``. Memory grows by about 200 bytes per record plus its id.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 64,
        bands: int = 8,
        shingle: int = 5,
        word_shingle: int = 3,
        min_chars: int = 50,
        seed: int = 1,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if bands < 1 or num_perm < bands or num_perm % bands:
            raise ValueError("bands must divide num_perm")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.shingle = shingle
        self.word_shingle = word_shingle
        self.min_chars = min_chars
        self.seed = seed
        self._exact = _MultiMap("Q")
        self._lsh = _MultiMap("I")
        self._low = bytearray()
        self._lines = array("I")
        self._inputs = array("H")
        self._input_names: dict[str | None, int] = {}
        self._id_ends = array("I")
        self._ids = bytearray()
        self._count = 0

    # -- per record, pure -------------------------------------------------------------
    def sketch(self, record: ArticleRecord) -> Sketch | None:
        """The record's sketch, or ``None`` when it has no body worth comparing."""
        body = record.body
        if not body:
            return None
        cps = normalized_bytes(body)
        if len(cps) < 4 * self.min_chars:
            return None
        digest = hashlib.blake2b(cps, digest_size=8).digest()
        exact = int.from_bytes(digest, "little")
        sig = self._signature(body, cps)
        if sig is None:
            return Sketch(exact or 1, (), b"")
        return Sketch(
            exact or 1,
            tuple(band_keys(sig, self.bands, self.rows)),
            bytes(v & 0xFF for v in sig),
        )

    def _signature(self, body: str, cps: bytes) -> Sequence[int] | None:
        """The MinHash values of the body (normalized code points ``cps``), in the compiled
        core (no numpy) when it is built."""
        params = {"num_perm": self.num_perm, "seed": self.seed, "shingle": self.shingle}
        params["word_shingle"] = self.word_shingle
        if _CORE is not None:
            sig = core_signature(body, cps, **params)
            return None if sig is None else array("I", sig)
        import numpy as np

        values = shingle_signature(body, np.frombuffer(cps, dtype=np.uint32), **params)
        return None if values is None else values.tolist()

    def prepare(self, record: ArticleRecord) -> Sketch | None:
        """The engine's per-record half (run in the worker processes): :meth:`sketch`."""
        return self.sketch(record)

    # -- the index, in input order ----------------------------------------------------
    def __call__(self, record: ArticleRecord) -> Iterator[Hit]:
        return self.observe(record, self.sketch(record))

    def observe(self, record: ArticleRecord, sketch: Sketch | None) -> Iterator[Hit]:
        """Look ``record`` up in the index, then add it; yields at most one hit."""
        if sketch is None:
            return iter(())
        hit = self._lookup(record, sketch)
        if hit is None or hit[1] < 1.0:
            self._insert(record, sketch)
        if hit is None:
            return iter(())
        ordinal, similarity = hit
        rid = record.display_id
        earlier_id = self._id(ordinal)
        if similarity >= 1.0 and rid is not None and rid == earlier_id:
            return iter(())  # the same record again: schema.duplicate-id reports it
        where = self._where(ordinal, record.input)
        body = record.body or ""
        if similarity >= 1.0:
            message = f"exact duplicate of record {earlier_id!r} ({where})"
            suggestion: str | None = "remove"
        else:
            message = (
                f"near duplicate of record {earlier_id!r} ({where}), "
                f"estimated similarity {similarity:.2f}"
            )
            suggestion = None
        return iter((Hit("body", 0, len(body), message, suggestion),))

    def _lookup(self, record: ArticleRecord, sketch: Sketch) -> tuple[int, float] | None:
        first = self._exact.first(sketch.exact)
        if first is not None:
            return first, 1.0
        if not sketch.bands:
            return None
        candidates: set[int] = set()
        for key in sketch.bands:
            candidates.update(self._lsh.values(key))
        best: tuple[int, float] | None = None
        n = self.num_perm
        for ordinal in sorted(candidates):
            earlier = bytes(self._low[ordinal * n : (ordinal + 1) * n])
            sim = estimate_jaccard(sketch.low_bytes, earlier)
            sim = min(sim, 0.99)  # not an exact duplicate: never report 1.00
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (ordinal, sim)
        return best

    def _insert(self, record: ArticleRecord, sketch: Sketch) -> None:
        ordinal = self._count
        self._count += 1
        self._exact.add(sketch.exact, ordinal)
        if sketch.bands:
            for key in sketch.bands:
                self._lsh.add(key, ordinal)
            self._low += sketch.low_bytes
        else:
            self._low += bytes(self.num_perm)
        self._lines.append(min(record.line or 0, _M32))
        idx = self._input_names.setdefault(record.input, len(self._input_names))
        self._inputs.append(min(idx, 0xFFFF))
        self._ids += (record.display_id or "").encode("utf-8", "surrogatepass")
        self._id_ends.append(len(self._ids))

    def _id(self, ordinal: int) -> str:
        start = self._id_ends[ordinal - 1] if ordinal else 0
        return self._ids[start : self._id_ends[ordinal]].decode()

    def _where(self, ordinal: int, current_input: str | None) -> str:
        line = self._lines[ordinal]
        names = list(self._input_names)
        name = names[self._inputs[ordinal]] if self._inputs[ordinal] < len(names) else None
        return f"line {line}" + (f" of {name}" if name != current_input else "")

    # -- measurement ------------------------------------------------------------------
    @property
    def indexed(self) -> int:
        """Records in the index."""
        return self._count

    def index_bytes(self) -> dict[str, int]:
        """Bytes held by each part of the index (array and buffer sizes, not Python objects)."""
        return {
            "exact": self._exact.nbytes,
            "lsh": self._lsh.nbytes,
            "signatures": len(self._low),
            "positions": len(self._lines) * 4 + len(self._inputs) * 2 + len(self._id_ends) * 4,
            "ids": len(self._ids),
        }
