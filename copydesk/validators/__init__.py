"""The checks, one family per module. Importing this package registers every check.

Each module here (but ``registry`` and the helper modules listed in ``_HELPERS``) holds the
checks of one family and is imported on first use of the registry, so adding a family is
adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil

_HELPERS = {"registry", "text", "numbers", "numerals", "residue", "profile", "fragments", "columns"}

for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _mod not in _HELPERS and not _mod.startswith("_"):
        importlib.import_module(f"{__name__}.{_mod}")
