# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The compiled core of copydesk: one walk over a text's code points, MinHash sketching.

``scan(text)`` returns the fields of :class:`copydesk.validators.scan.Scan`, computed as
:func:`copydesk.validators.scan.scan_reference` computes them (the reference is the
specification; ``tests/test_scan.py`` checks the two agree). The MinHash helpers compute what
the numpy code of :mod:`copydesk.validators.duplicates` computes, in one loop.
"""

from cpython.unicode cimport Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE, Py_UNICODE_ISALNUM


cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int, void*, Py_ssize_t) nogil
from libc.stdint cimport int64_t, uint8_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcmp

cdef uint64_t GRAM_BASE = 0x100000001B3  # the rolling hash of ``gram_candidates``

cdef enum:
    N_CLASSES = 9
    OTHER = 0
    HAN = 1
    KANA = 2
    HANGUL = 3
    LATIN = 4
    DIGIT = 5
    SPACE = 6
    NEWLINE = 7
    PUNCT = 8
    CLOSED = 1
    LETTER_SPACED = 2
    PROSE = 4


cdef inline bint is_break(Py_UCS4 c) noexcept nogil:
    return (
        c == 0x0A or c == 0x0D or c == 0x0B or c == 0x0C or c == 0x1C or c == 0x1D
        or c == 0x1E or c == 0x85 or c == 0x2028 or c == 0x2029
    )


cdef inline bint is_hspace(Py_UCS4 c) noexcept nogil:
    return c == 0x20 or c == 0x09 or c == 0xA0 or c == 0x3000


cdef inline bint is_han(Py_UCS4 c) noexcept nogil:
    return (0x3400 <= c <= 0x4DBF) or (0x4E00 <= c <= 0x9FFF) or (0xF900 <= c <= 0xFAFF)


cdef inline bint is_kana(Py_UCS4 c) noexcept nogil:
    return 0x3040 <= c <= 0x30FF


cdef inline bint is_ascii_alnum(Py_UCS4 c) noexcept nogil:
    return (0x30 <= c <= 0x39) or (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)


cdef inline bint is_cjk_punct_single(Py_UCS4 c) noexcept nogil:
    return (
        c == 0x2014 or c == 0x2026 or c == 0xB7 or c == 0x201C or c == 0x201D
        or c == 0x2018 or c == 0x2019 or c == 0x25A0
    )


cdef inline bint is_fullwidth_punct(Py_UCS4 c) noexcept nogil:
    return (
        (0xFF01 <= c <= 0xFF0F) or (0xFF1A <= c <= 0xFF20) or (0xFF3B <= c <= 0xFF40)
        or (0xFF5B <= c <= 0xFF65)
    )


cdef inline bint is_ascii_punct(Py_UCS4 c) noexcept nogil:
    return (0x21 <= c <= 0x2F) or (0x3A <= c <= 0x40) or (0x5B <= c <= 0x60) or (0x7B <= c <= 0x7E)


cdef inline bint is_wide(Py_UCS4 c) noexcept nogil:
    return (
        is_han(c) or is_kana(c) or (0xAC00 <= c <= 0xD7AF) or (0x3000 <= c <= 0x303F)
        or is_fullwidth_punct(c) or is_cjk_punct_single(c)
    )


cdef inline bint is_closer(Py_UCS4 c) noexcept nogil:
    # 。！？!?…．.：:；;”’」』）》)"']
    return (
        c == 0x3002 or c == 0xFF01 or c == 0xFF1F or c == 0x21 or c == 0x3F or c == 0x2026
        or c == 0xFF0E or c == 0x2E or c == 0xFF1A or c == 0x3A or c == 0xFF1B or c == 0x3B
        or c == 0x201D or c == 0x2019 or c == 0x300D or c == 0x300F or c == 0xFF09
        or c == 0x300B or c == 0x29 or c == 0x22 or c == 0x27 or c == 0x5D
    )


cdef inline bint is_prose(Py_UCS4 c) noexcept nogil:
    # ，。；！？
    return c == 0xFF0C or c == 0x3002 or c == 0xFF1B or c == 0xFF01 or c == 0xFF1F


cdef inline int char_class(Py_UCS4 c) noexcept:
    if is_break(c):
        return NEWLINE
    if Py_UNICODE_ISSPACE(c):
        return SPACE
    if is_han(c):
        return HAN
    if is_kana(c):
        return KANA
    if 0xAC00 <= c <= 0xD7AF:
        return HANGUL
    if (
        (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A) or (0xC0 <= c <= 0x24F)
        or (0x370 <= c <= 0x4FF)
    ):
        return LATIN
    if Py_UNICODE_ISDECIMAL(c):
        return DIGIT
    if (
        (c < 0x80 and is_ascii_punct(c)) or (0x2010 <= c <= 0x205E) or (0x3001 <= c <= 0x303F)
        or is_fullwidth_punct(c) or is_cjk_punct_single(c)
    ):
        return PUNCT
    return OTHER


cdef int line_flags(unicode text, Py_ssize_t start, Py_ssize_t end):
    """The flags of the stripped line ``text[start:end]`` (non-empty)."""
    cdef int flags = 0
    cdef Py_ssize_t i, n = end - start, last = end - 1
    cdef Py_UCS4 c
    cdef bint spaced
    while last >= start and Py_UNICODE_ISSPACE(text[last]):
        last -= 1
    if last >= start and is_closer(text[last]):
        flags |= CLOSED
    if n > 6 and n % 2 == 1:
        spaced = True
        for i in range(n):
            c = text[start + i]
            if (i % 2 == 1) != (c == 0x20):
                spaced = False
                break
        if spaced:
            flags |= LETTER_SPACED
    for i in range(start, end):
        if is_prose(text[i]):
            flags |= PROSE
            break
    return flags


def scan(unicode text):
    """``(classes, counts, runs, line_starts, line_ends, line_cells, line_flags,
    mixed_spaced, mixed_bare)`` of ``text``: the fields of ``Scan``, in order."""
    cdef Py_ssize_t n = len(text), i
    cdef Py_ssize_t counts[N_CLASSES]
    cdef Py_ssize_t runs[N_CLASSES]
    cdef Py_ssize_t spaced = 0, bare = 0
    cdef int k, prev = -1
    cdef Py_UCS4 c, before = 0, here, after
    cdef bytearray classes = bytearray(n)
    cdef unsigned char* cls = classes
    cdef list starts = [], ends = [], widths = [], flags = []
    cdef Py_ssize_t line_start = 0
    for k in range(N_CLASSES):
        counts[k] = 0
        runs[k] = 0
    for i in range(n):
        c = text[i]
        k = char_class(c)
        cls[i] = <unsigned char>k
        counts[k] += 1
        if k != prev:
            runs[k] += 1
            prev = k
        if i > 0:
            if is_han(before) or is_kana(before):
                if c == 0x20 and i + 1 < n and is_ascii_alnum(text[i + 1]):
                    spaced += 1
                elif is_ascii_alnum(c):
                    bare += 1
            elif is_ascii_alnum(before) or before == 0x25:
                if c == 0x20 and i + 1 < n and (is_han(text[i + 1]) or is_kana(text[i + 1])):
                    spaced += 1
                elif is_han(c) or is_kana(c):
                    bare += 1
        before = c
        if k == NEWLINE:
            add_line(text, line_start, i, starts, ends, widths, flags)
            line_start = i + 1
    add_line(text, line_start, n, starts, ends, widths, flags)
    return (
        bytes(classes),
        tuple([counts[k] for k in range(N_CLASSES)]),
        tuple([runs[k] for k in range(N_CLASSES)]),
        tuple(starts),
        tuple(ends),
        tuple(widths),
        tuple(flags),
        spaced,
        bare,
    )


cdef int add_line(
    unicode text, Py_ssize_t start, Py_ssize_t end, list starts, list ends, list widths,
    list flags
) except -1:
    cdef Py_ssize_t i, cells = 0
    while start < end and is_hspace(text[start]):
        start += 1
    while end > start and is_hspace(text[end - 1]):
        end -= 1
    if start == end:
        return 0
    for i in range(start, end):
        cells += 2 if is_wide(text[i]) else 1
    starts.append(start)
    ends.append(end)
    widths.append(cells)
    flags.append(line_flags(text, start, end))
    return 0


# -- MinHash sketching (copydesk.validators.duplicates) -----------------------------------

cdef uint32_t CRC_TABLE[256]


cdef void init_crc() noexcept:
    cdef uint32_t c
    cdef int n, k
    for n in range(256):
        c = <uint32_t>n
        for k in range(8):
            c = (0xEDB88320U ^ (c >> 1)) if (c & 1) else (c >> 1)
        CRC_TABLE[n] = c


init_crc()


cdef inline uint32_t crc_byte(uint32_t crc, uint32_t byte) noexcept nogil:
    return CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)


cdef inline uint32_t crc_code_point(uint32_t crc, uint32_t c) noexcept nogil:
    """``crc`` (pre-inverted) continued over the UTF-8 bytes of ``c`` (surrogates too)."""
    if c < 0x80:
        return crc_byte(crc, c)
    if c < 0x800:
        crc = crc_byte(crc, 0xC0 | (c >> 6))
        return crc_byte(crc, 0x80 | (c & 0x3F))
    if c < 0x10000:
        crc = crc_byte(crc, 0xE0 | (c >> 12))
        crc = crc_byte(crc, 0x80 | ((c >> 6) & 0x3F))
        return crc_byte(crc, 0x80 | (c & 0x3F))
    crc = crc_byte(crc, 0xF0 | (c >> 18))
    crc = crc_byte(crc, 0x80 | ((c >> 12) & 0x3F))
    crc = crc_byte(crc, 0x80 | ((c >> 6) & 0x3F))
    return crc_byte(crc, 0x80 | (c & 0x3F))


cdef inline uint32_t fmix32(uint32_t h) noexcept nogil:
    h ^= h >> 16
    h *= 0x85EBCA6BU
    h ^= h >> 13
    h *= 0xC2B2AE35U
    return h ^ (h >> 16)


cdef inline bint is_word(Py_UCS4 c) noexcept:
    return Py_UNICODE_ISALNUM(c) or c == 0x5F


def word_hashes(unicode text):
    """``zlib.crc32`` of the UTF-8 bytes of every ``\\w+`` run of ``text``, as bytes of
    ``uint32`` (little-endian, native order)."""
    cdef Py_ssize_t n = len(text), i = 0, count = 0
    cdef uint32_t crc
    cdef bytearray out = bytearray(4 * (n // 2 + 1))
    cdef uint32_t* words = <uint32_t*><char*>out
    while i < n:
        if not is_word(text[i]):
            i += 1
            continue
        crc = 0xFFFFFFFFU
        while i < n and is_word(text[i]):
            crc = crc_code_point(crc, <uint32_t>text[i])
            i += 1
        words[count] = crc ^ 0xFFFFFFFFU
        count += 1
    return bytes(out[: 4 * count])


def minhash_shingles(
    const uint32_t[::1] items, Py_ssize_t k, const uint32_t[::1] a, const uint32_t[::1] b
):
    """The MinHash signature (bytes of ``uint32``) over the FNV-1a hashes of every run of
    ``k`` consecutive ``items`` (all of them when fewer than ``k``): what
    ``minhash(char_shingle_hashes(items, k), ...)`` computes, without the arrays between.
    ``None`` when ``items`` is empty."""
    cdef Py_ssize_t n = items.shape[0], m, i, j, p, num_perm = a.shape[0]
    cdef uint32_t h, hv
    if n == 0:
        return None
    # local copies: no aliasing between the signature and the parameters, so the loop over
    # the permutations vectorizes
    cdef uint32_t* buf = <uint32_t*>malloc(3 * num_perm * sizeof(uint32_t))
    if buf == NULL:
        raise MemoryError()
    cdef uint32_t* sig = buf
    cdef uint32_t* pa = buf + num_perm
    cdef uint32_t* pb = buf + 2 * num_perm
    for p in range(num_perm):
        sig[p] = 0xFFFFFFFFU
        pa[p] = a[p]
        pb[p] = b[p]
    m = n - k + 1 if n > k else 1
    with nogil:
        for i in range(m):
            h = 0x811C9DC5U
            for j in range(k if k < n else n):
                h = (h ^ items[i + j]) * 0x01000193
            hv = fmix32(h)
            min_update(sig, pa, pb, hv, num_perm)
    out = (<char*>sig)[: 4 * num_perm]
    free(buf)
    return out


cdef inline void min_update(
    uint32_t* sig, const uint32_t* a, const uint32_t* b, uint32_t hv, Py_ssize_t num_perm
) noexcept nogil:
    cdef Py_ssize_t p
    cdef uint32_t v
    for p in range(num_perm):
        v = hv * a[p] + b[p]
        sig[p] = v if v < sig[p] else sig[p]


def nfkc_fast(unicode text, const uint8_t[::1] kind, const uint32_t[::1] map_start,
              const uint32_t[::1] map_cps):
    """The code points (bytes of ``uint32``) of ``text`` with every character that maps
    alone under NFKC replaced by its mapping (``kind`` 1: ``map_cps[map_start[c]:
    map_start[c + 1]]``) and white space (``str.isspace``, below U+3002) removed; ``None``
    when a character needs the full NFKC pass (``kind`` 2, or at or above the table's end).
    Text entirely below U+00A0 is not looked up."""
    cdef Py_ssize_t n = len(text), i, t_end = kind.shape[0], count = 0, cap = n + 16
    cdef uint32_t c, j, x
    cdef bint look = False
    for i in range(n):
        if text[i] >= 0xA0:
            look = True
            break
    if look:
        for i in range(n):
            c = <uint32_t>text[i]
            if c >= t_end or kind[c] == 2:
                return None
    cdef bytearray out = bytearray(4 * cap)
    cdef uint32_t* cps = <uint32_t*><char*>out
    for i in range(n):
        c = <uint32_t>text[i]
        if look and kind[c] == 1:
            for j in range(map_start[c], map_start[c + 1]):
                x = map_cps[j]
                if x < 0x3002 and Py_UNICODE_ISSPACE(x):
                    continue
                if count == cap:
                    cap *= 2
                    out.extend(bytes(4 * (cap - count)))
                    cps = <uint32_t*><char*>out
                cps[count] = x
                count += 1
            continue
        if c < 0x3002 and Py_UNICODE_ISSPACE(c):
            continue
        if count == cap:
            cap *= 2
            out.extend(bytes(4 * (cap - count)))
            cps = <uint32_t*><char*>out
        cps[count] = c
        count += 1
    return bytes(out[: 4 * count])


def strip_space(unicode text):
    """The code points (bytes of ``uint32``) of ``text`` without white space (below U+3002)."""
    cdef Py_ssize_t n = len(text), i, count = 0
    cdef Py_UCS4 c
    cdef bytearray out = bytearray(4 * n)
    cdef uint32_t* cps = <uint32_t*><char*>out
    for i in range(n):
        c = text[i]
        if c < 0x3002 and Py_UNICODE_ISSPACE(c):
            continue
        cps[count] = c
        count += 1
    return bytes(out[: 4 * count])


cdef inline uint64_t gram_hash(const uint32_t* c, Py_ssize_t g) noexcept nogil:
    cdef uint64_t h = 0
    cdef Py_ssize_t i
    for i in range(g):
        h = h * GRAM_BASE + c[i]
    return h


cdef inline Py_ssize_t find_group(
    const uint32_t* c, Py_ssize_t g, Py_ssize_t p, uint64_t h, const uint64_t* slot_hash,
    const Py_ssize_t* slot_rep, Py_ssize_t mask,
) noexcept nogil:
    """The slot of the group whose gram equals ``c[p:p+g]`` (hash ``h``), or the empty slot
    where it would go (``slot_rep`` -1): open addressing, grams compared in full."""
    cdef Py_ssize_t k = <Py_ssize_t>((h ^ (h >> 29)) & <uint64_t>mask)
    while slot_rep[k] >= 0:
        if slot_hash[k] == h and memcmp(c + slot_rep[k], c + p, 4 * g) == 0:
            return k
        k = (k + 1) & mask
    return k


def gram_candidates(unicode s, Py_ssize_t g, Py_ssize_t step):
    """What ``copydesk.validators.quotes._gram_candidates_plain(s, g, step)`` returns: the
    positions ``p`` whose gram ``s[p:p+g]`` is also at an indexed place (a multiple of
    ``step``) ending before ``p``, with the first and the latest such place (three lists).
    Grams are hashed (a polynomial rolling hash) and compared in full on a hash match, so
    equal grams, and only they, share a group."""
    cdef bytes buf = s.encode("utf-32-le", "surrogatepass")
    cdef const uint32_t* c = <const uint32_t*><const char*>buf
    cdef Py_ssize_t n = len(s), m = n - g + 1, nidx, size, mask, i, p, k, q, lo, hi, first
    cdef uint64_t h, top = 1
    cdef list places = [], firsts = [], lasts = []
    if m <= 0 or g < 1 or step < 1:
        return places, firsts, lasts
    nidx = (m + step - 1) // step
    size = 4
    while size < 2 * nidx:
        size *= 2
    mask = size - 1
    # hashes of every gram, slots (hash, first member) and the members of each group
    cdef uint64_t* hashes = <uint64_t*>malloc(m * sizeof(uint64_t))
    cdef uint64_t* slot_hash = <uint64_t*>malloc(size * sizeof(uint64_t))
    cdef Py_ssize_t* slot_rep = <Py_ssize_t*>malloc(size * sizeof(Py_ssize_t))
    cdef Py_ssize_t* slot_count = <Py_ssize_t*>malloc(size * sizeof(Py_ssize_t))
    cdef Py_ssize_t* slot_at = <Py_ssize_t*>malloc(size * sizeof(Py_ssize_t))
    cdef Py_ssize_t* member = <Py_ssize_t*>malloc(nidx * sizeof(Py_ssize_t))
    cdef Py_ssize_t* slot_of = <Py_ssize_t*>malloc(nidx * sizeof(Py_ssize_t))
    if not (hashes and slot_hash and slot_rep and slot_count and slot_at and member and slot_of):
        free(hashes); free(slot_hash); free(slot_rep); free(slot_count); free(slot_at)
        free(member); free(slot_of)
        raise MemoryError()
    try:
        for i in range(g - 1):
            top *= GRAM_BASE
        h = gram_hash(c, g)
        hashes[0] = h
        for p in range(1, m):
            h = (h - c[p - 1] * top) * GRAM_BASE + c[p + g - 1]
            hashes[p] = h
        for k in range(size):
            slot_rep[k] = -1
            slot_count[k] = 0
        for i in range(nidx):  # group the indexed places by gram
            q = i * step
            k = find_group(c, g, q, hashes[q], slot_hash, slot_rep, mask)
            if slot_rep[k] < 0:
                slot_rep[k] = q
                slot_hash[k] = hashes[q]
            slot_of[i] = k
            slot_count[k] += 1
        q = 0
        for k in range(size):  # each group's members: a run of ``member``, ascending
            slot_at[k] = q
            q += slot_count[k]
            slot_count[k] = 0
        for i in range(nidx):
            k = slot_of[i]
            member[slot_at[k] + slot_count[k]] = i * step
            slot_count[k] += 1
        for p in range(m):
            k = find_group(c, g, p, hashes[p], slot_hash, slot_rep, mask)
            if slot_rep[k] < 0:
                continue
            first = member[slot_at[k]]
            if first > p - g:
                continue
            lo, hi = slot_at[k], slot_at[k] + slot_count[k]  # the last member <= p - g
            while hi - lo > 1:
                q = (lo + hi) // 2
                if member[q] <= p - g:
                    lo = q
                else:
                    hi = q
            places.append(p)
            firsts.append(first)
            lasts.append(member[lo])
    finally:
        free(hashes); free(slot_hash); free(slot_rep); free(slot_count); free(slot_at)
        free(member); free(slot_of)
    return places, firsts, lasts


def squeeze_lines(unicode text):
    """``(s, offs, firsts, ends)``: ``text`` without white space (``str.isspace``), the offset
    in ``text`` of each code point kept, and for every line (split at ``\\n``) holding one,
    the index in ``s`` of its first code point and the index just past its last: what
    ``copydesk.validators.quotes._squeeze`` and ``_line_bounds`` compute (before a box
    marker is skipped), in one walk."""
    cdef Py_ssize_t n = len(text), i, count = 0, a = 0
    cdef Py_UCS4 c
    cdef bytearray out = bytearray(4 * n)
    cdef uint32_t* cps = <uint32_t*><char*>out
    cdef bytearray kept = bytearray(8 * n)
    cdef int64_t* at = <int64_t*><char*>kept
    cdef list firsts = [], ends = []
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c == 10:
            if a < count:
                firsts.append(a)
                ends.append(count)
            a = count
        elif not Py_UNICODE_ISSPACE(c):
            cps[count] = c
            at[count] = i
            count += 1
    if a < count:
        firsts.append(a)
        ends.append(count)
    s = bytes(out[: 4 * count]).decode("utf-32-le", "surrogatepass")
    return s, memoryview(kept)[: 8 * count].cast("q").tolist(), firsts, ends


def keyed(unicode text, list offs, unicode drop):
    """``(k, pos)``: the code points ``text[o]`` for ``o`` in ``offs`` except those in
    ``drop``, as a string, and the index in ``offs`` of each one kept (bytes of ``int64``):
    ``copydesk.validators.quotes._keyed_plain``'s ``k`` and ``pos``, in one walk."""
    cdef Py_ssize_t n = len(offs), i, j, count = 0, nd = len(drop), o
    cdef Py_UCS4 c
    cdef bint dropped
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t size = len(text)
    cdef bytearray out = bytearray(4 * n)
    cdef uint32_t* cps = <uint32_t*><char*>out
    cdef bytearray kept = bytearray(8 * n)
    cdef int64_t* at = <int64_t*><char*>kept
    for i in range(n):
        o = offs[i]
        if o < 0 or o >= size:
            raise IndexError("string index out of range")
        c = PyUnicode_READ(kind, data, o)
        dropped = False
        for j in range(nd):
            if c == drop[j]:
                dropped = True
                break
        if not dropped:
            cps[count] = c
            at[count] = i
            count += 1
    k = bytes(out[: 4 * count]).decode("utf-32-le", "surrogatepass")
    return k, bytes(kept[: 8 * count])


def smallest_mixed_shingles(const uint32_t[::1] items, Py_ssize_t k, Py_ssize_t count):
    """The ``count`` smallest (repeats kept, ascending) of the mixed hashes (``fmix32`` of
    the FNV-1a hash) of every run of ``k`` consecutive ``items`` (all of them when fewer):
    ``sorted(fmix32(char_shingle_hashes(items, k)))[:count]`` of
    ``copydesk.validators.duplicates``, in one loop and a sorted buffer of ``count``."""
    cdef Py_ssize_t n = items.shape[0], m, i, j, width, filled = 0
    cdef uint32_t h
    if n == 0 or count <= 0:
        return []
    cdef uint32_t* low = <uint32_t*>malloc(count * sizeof(uint32_t))
    if low == NULL:
        raise MemoryError()
    m = n - k + 1 if n > k else 1
    width = k if k < n else n
    for i in range(m):
        h = 0x811C9DC5U
        for j in range(width):
            h = (h ^ items[i + j]) * 0x01000193
        h = fmix32(h)
        if filled == count:
            if h >= low[count - 1]:
                continue
            j = count - 1  # the largest kept drops out
        else:
            j = filled
            filled += 1
        while j > 0 and low[j - 1] > h:  # insertion: the buffer stays ascending
            low[j] = low[j - 1]
            j -= 1
        low[j] = h
    out = [low[i] for i in range(filled)]
    free(low)
    return out
