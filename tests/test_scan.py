"""The compiled core (``copydesk._cscan``) computes what the pure-Python reference computes.

Where the package is installed normally the extension is built, so its absence fails the
suite; ``COPYDESK_PURE=1`` (the pure-Python path on purpose) skips the comparisons.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from copydesk.validators import duplicates, scan
from copydesk.validators.profile import profile_of
from copydesk.validators.text import HAN, display_width

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PURE = os.environ.get("COPYDESK_PURE") == "1"
needs_core = pytest.mark.skipif(PURE, reason="COPYDESK_PURE=1: the pure-Python path on purpose")

#: Characters the scan treats specially, mixed into generated text.
SPECIAL = (
    list("人民日报中文かなカナ한국어abcXYZé×0123456789 \t\n\r\u00a0\u3000\u2028\u0085\x0c")
    + list("。！？!?…．.：:；;”’」』）》)\"']，、“‘《（〈【「『%-,")
    + ["\r\n", "\u0301", "\u0308", "\U0001d518", "\U00020000", "⼈", "⺠", "ｆｕｌｌ", "①"]
    + ["https://", "@x", " && ", "the", " 5 ", "中 5", "5 中", "ﾃｽﾄ", "\u1100\u1161"]
)
TEXT = st.lists(
    st.one_of(
        st.sampled_from(SPECIAL),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=80,
).map("".join)
#: Lines that make the profile's hard-wrap branch run (several lines of one width).
WRAPPED = st.lists(
    st.text(alphabet="人民日报中文，。ab ", min_size=8, max_size=12),
    min_size=3,
    max_size=12,
).map("\n".join)


def fixture_texts() -> list[str]:
    texts = [
        "",
        "\n\n",
        "人 民 会 议 常 任",
        "支持 15W 充电，价格 299 元",
        "a\r\nb\u2028c\x1cd\x85e",
        "\u3000\u00a0 indented \t\u3000",
        "⼈⺠⽇报 2019年10⽉6⽇",
    ]
    for name in ("naive.jsonl", "gold.jsonl"):
        path = FIXTURES / "rmrb-2023-11-09-p1" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                texts += [v for v in rec.values() if isinstance(v, str)]
    return texts


@needs_core
def test_the_compiled_core_is_built() -> None:
    """A normal install builds the extension: its absence is a failure, not a skip."""
    core = importlib.import_module("copydesk._cscan")
    assert all(callable(getattr(core, name, None)) for name in scan.CORE_FUNCTIONS)
    assert scan.COMPILED
    assert duplicates.COMPILED


@needs_core
def test_compiled_scan_equals_the_reference_on_fixtures() -> None:
    texts = fixture_texts()
    assert len(texts) > 10
    for text in texts:
        assert scan.scan_compiled(text) == scan.scan_reference(text), text[:60]


@needs_core
@given(TEXT)
def test_compiled_scan_equals_the_reference(text: str) -> None:
    assert scan.scan_compiled(text) == scan.scan_reference(text)


@needs_core
@given(st.one_of(TEXT, WRAPPED))
def test_compiled_sketch_equals_numpy(text: str) -> None:
    fast = duplicates.normalized_code_points(text)
    ref = duplicates.normalized_code_points(text, pure=True)
    assert np.array_equal(fast, ref)
    params = {"num_perm": 16, "seed": 1, "shingle": 3, "word_shingle": 2}
    a = duplicates.shingle_signature(text, ref, **params)
    b = duplicates.shingle_signature(text, ref, pure=True, **params)
    assert (a is None and b is None) or np.array_equal(a, b)


def test_the_reference_reads_the_text() -> None:
    """The reference itself (the specification): classes, lines, flags, mixed spacing."""
    sc = scan.scan_reference("\u3000人 民 会 议 常 任\r\n支持 15W，充电5元。 \nx")
    assert sc.counts[scan.HAN] == 11 and sc.counts[scan.NEWLINE] == 3
    assert sc.line_starts == (1, 14, 28) and sc.line_ends == (12, 26, 29)
    assert sc.line_flags[0] & scan.LETTER_SPACED and not sc.line_flags[1] & scan.LETTER_SPACED
    assert sc.line_flags[1] & scan.CLOSED and sc.line_flags[1] & scan.PROSE
    assert sc.line_cells[0] == 17  # half cells: six ideographs of 2, five spaces of 1
    assert (sc.mixed_spaced, sc.mixed_bare) == (1, 2)
    assert sc.classes[0] == scan.SPACE and sc.runs[scan.NEWLINE] == 2


@given(st.one_of(TEXT, WRAPPED))
def test_the_lines_are_the_stripped_non_blank_lines(text: str) -> None:
    sc = scan.scan(text)
    lines = [s.strip(scan.HSPACE) for s in text.splitlines()]
    got = [text[a:b] for a, b in zip(sc.line_starts, sc.line_ends, strict=True)]
    assert got == [s for s in lines if s]
    assert sum(sc.counts) == len(text) == len(sc.classes)


#: The regular expressions the profile asked before it read the scan: the reference agrees.
LINE_CLOSED = re.compile("[。！？!?…．.：:；;”’」』）》)\"'\\]]\\s*$")
LETTER_SPACED_RE = re.compile("^(?:[^ ] ){3,}[^ ]$")
KANJI_KANA = f"{HAN}\u3040-\u30ff"
MIXED_EDGE = re.compile(
    f"(?:(?<=[{KANJI_KANA}])( ?)(?=[0-9A-Za-z]))|(?:(?<=[0-9A-Za-z%])( ?)(?=[{KANJI_KANA}]))"
)


@given(st.one_of(TEXT, WRAPPED))
def test_the_reference_answers_what_the_regular_expressions_answered(text: str) -> None:
    sc = scan.scan_reference(text)
    lines = [text[a:b] for a, b in zip(sc.line_starts, sc.line_ends, strict=True)]
    for line, cells, flags in zip(lines, sc.line_cells, sc.line_flags, strict=True):
        assert bool(flags & scan.CLOSED) == bool(LINE_CLOSED.search(line))
        spaced = len(line) > 6 and LETTER_SPACED_RE.match(line) is not None
        assert bool(flags & scan.LETTER_SPACED) == spaced
        assert cells / 2 == display_width(line)
    edges = [m.group(1) or m.group(2) or "" for m in MIXED_EDGE.finditer(text)]
    assert (sc.mixed_spaced, sc.mixed_bare) == (edges.count(" "), edges.count(""))


def test_the_profile_reads_the_scan() -> None:
    text = "\n".join(["构建更加和平安全的网络空间，共同推动全球治理"] * 6)
    assert profile_of(text).script == "cjk"
    assert profile_of(unicodedata.normalize("NFKC", "支持 15W 充电 ok 5 个 9 元 1 块")).spaced_mixed
