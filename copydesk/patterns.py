"""Regular expressions compiled on first use (start-up, issue 12).

A rule module holds a few hundred module-level patterns, and compiling one costs up to a few
milliseconds (a class of ideographs, ``[\\u4e00-\\u9fff]``, is a 65 536-entry bitmap built in
Python): about 0.1 s when every family is imported. A one-record check reads about half of
them, the others belong to scripts, layouts or lines the record does not have.
:func:`lazy_compile` stands for ``re.compile`` where a pattern is only read through its
methods and attributes (``_X.finditer(text)``, ``_X.pattern``): it compiles on the first
read, and the compiled pattern's attribute then sits on the object, so later reads cost what
they cost on the pattern itself.
"""

from __future__ import annotations

import re
from typing import Any, cast


class LazyPattern:
    """``re.compile(pattern, flags)``, done when an attribute of it is first read."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy, pickle and other protocol probes
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # the next read finds it here: no call through this method
        return value


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A :class:`LazyPattern`, typed as the pattern it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
