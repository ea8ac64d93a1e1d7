"""Patterns compiled on first use: the same matches as ``re.compile``'s, and every one the
rule modules hold compiles."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk.validators
from copydesk.patterns import LazyPattern, gated, lazy_compile, opening_chars


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_compiled() -> None:
    rx = lazy_compile(r"(?P<n>\d+)\s*元", re.I)
    assert isinstance(rx, LazyPattern) and "finditer" not in vars(rx)
    ref = re.compile(r"(?P<n>\d+)\s*元", re.I)
    text = "票价 120元，学生 60 元"
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in ref.finditer(text)]
    assert (rx.compiled().pattern, rx.compiled().flags) == (ref.pattern, ref.flags)
    assert rx.sub("#", text) == ref.sub("#", text)
    assert (rx.pattern, rx.flags, rx.groupindex) == (ref.pattern, ref.flags, ref.groupindex)
    assert "finditer" in vars(rx)  # kept on the object after the first read


def test_every_lazy_pattern_of_the_checks_compiles() -> None:
    modules = [copydesk.validators, importlib.import_module("copydesk.record")]
    for info in pkgutil.iter_modules(copydesk.validators.__path__):
        modules.append(importlib.import_module(f"copydesk.validators.{info.name}"))
    lazy = [v for m in modules for v in vars(m).values() if isinstance(v, LazyPattern)]
    assert len(lazy) > 20
    assert all(isinstance(rx.compiled(), re.Pattern) for rx in lazy)


@pytest.mark.parametrize(
    ("pattern", "opens"),
    [
        (r"(?P<ord>第\s{0,8})?(?P<cur>[$£]\s?)?(?<![\d])(?P<num>\d+)", r"[第\$£\d]"),
        (r"abc|d(e)|[x-z]f", "[adx-z]"),
        (r"x{0,2}y", "[xy]"),
        (r"\bfoo|(?=b)bar", "[fb]"),
        (r"a?b*", None),  # may match empty
        (r".x", None),
        (r"[^a]b", None),
        (r"(?i:a)b", None),  # an inline flag group
        (r"(?:^|(?<=x))[ ]*[^\s]", None),
    ],
)
def test_opening_chars_of_a_pattern(pattern: str, opens: str | None) -> None:
    assert opening_chars(pattern) == opens


_ALPHABET = st.text(alphabet="ab xyz第$£1２\n.（“", max_size=40)
_SHAPES = [
    r"(?P<o>第\s?)?(?P<c>[$£]\s?)?(?<![\d.])(?P<n>\d+)",
    r"(?:^|(?<=[.\n]))\s*(?:ab|x(?P<y>y)?z)",
    r"(?<=a)b|(?<![ab])x+|“[^”]*",
    r"\b(?:ab|ba)\b|(?i:A)",
    r"(?:a|b?)(?:x|y)",
]


@settings(max_examples=200, deadline=None)
@given(_ALPHABET)
def test_a_gated_pattern_finds_what_the_pattern_finds(text: str) -> None:
    for pattern in _SHAPES:
        for flags in (0, re.I | re.M):
            plain, gate = re.compile(pattern, flags), re.compile(gated(pattern, flags), flags)
            want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in gate.finditer(text)] == want, pattern


def test_a_lazy_gated_pattern_compiles_the_gated_pattern() -> None:
    rx = lazy_compile(r"(?<![\d.])\d+元", gate=True)
    assert "finditer" not in vars(rx)  # not compiled (nor parsed) before its first use
    assert rx.pattern == gated(r"(?<![\d.])\d+元") == r"(?=[\d])(?:(?<![\d.])\d+元)"
    assert [m.span() for m in rx.finditer("1.5元，20元")] == [(5, 8)]  # 5 follows a point
