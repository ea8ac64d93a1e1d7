"""Before/after of the hot-spot fixes proposed for the check modules (monkeypatched here).

The profile of the full check set (cProfile, ``--jobs 1``) on a built corpus shows
``text.display_width`` (a Python loop calling two regexes per character) and the date and
figure finders (``numbers.find_dates``/``find_figures`` run again on the same text by every
date, figure and sentence check) as the top costs. This script runs the full check set on the
same records with the current code, then with (a) ``display_width`` as one regex count and
(b) the finders memoized per text, checks the findings are identical, and prints the times.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from copydesk.config import Config  # noqa: E402
from copydesk.engine import run  # noqa: E402
from copydesk.io import read_paths  # noqa: E402


def timed(items: list) -> tuple[float, list]:
    found: list = []
    t0 = time.perf_counter()
    run(iter(items), Config(), on_result=lambda r: found.extend(f.to_dict() for f in r.findings))
    return time.perf_counter() - t0, found


def patch() -> None:
    from copydesk.validators import dates, figures, numbers, sentence, text

    wide = re.compile(f"[{text.CJK}{text.CJK_PUNCT}\u3000]")

    def display_width(s: str) -> float:
        return 0.5 * len(s) + 0.5 * len(wide.findall(s))

    text.display_width = display_width
    sentence.display_width = display_width

    orig_dates, orig_figs = numbers.find_dates, numbers.find_figures
    cached_dates = lru_cache(maxsize=16)(lambda t: tuple(orig_dates(t)))
    cached_figs = lru_cache(maxsize=16)(lambda t: tuple(orig_figs(t)))

    def find_dates(t: str) -> list:
        return list(cached_dates(t))

    def find_figures(t: str, dates_: list | None = None) -> list:
        return list(cached_figs(t)) if dates_ is None else orig_figs(t, dates_)

    for mod in (numbers, dates, figures):
        if hasattr(mod, "find_dates"):
            mod.find_dates = find_dates
        if hasattr(mod, "find_figures"):
            mod.find_figures = find_figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--records", type=int, default=400)
    args = ap.parse_args()
    items = list(itertools.islice(read_paths([str(args.corpus)]), args.records))
    timed(items[:20])  # imports, tables
    before, f1 = timed(items)
    patch()
    after, f2 = timed(items)
    print(
        f"{len(items)} records: before {before:.2f}s, after {after:.2f}s, "
        f"speed-up {before / after:.2f}x; findings identical: {f1 == f2}"
    )


if __name__ == "__main__":
    main()
