"""Patterns compiled on first use: the same matches as ``re.compile``'s, and every one the
rule modules hold compiles."""

from __future__ import annotations

import importlib
import pkgutil
import re

import copydesk.validators
from copydesk.patterns import LazyPattern, lazy_compile


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
