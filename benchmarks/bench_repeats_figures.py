"""Time against text length for the repeat finder and the figure/date finders (issue 11).

``quotes._maximal_repeats`` on repetitive text and ``numbers.figures_outside`` comparing each
figure with every date were super-linear; both now grow linearly. This script times them on
repetitive, date-dense, random CJK and random Latin texts of 10k to 1M code points and prints
each time with its ratio to the 10k time (linear growth: about 10x per step), then the quote
checks on bodies whose every line is printed again in a ■ box.

    python benchmarks/bench_repeats_figures.py [--max 1000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from copydesk.validators import numbers, quotes  # noqa: E402


def _texts(n: int) -> dict[str, str]:
    rng = random.Random(n)
    cjk = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(n))
    latin = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz     .,") for _ in range(n))
    out = {"cjk-random": cjk, "latin-random": latin}
    for unit in ("。", "1 ", "年", "12月3日，"):
        out[f"{unit!r}*"] = (unit * (n // len(unit) + 1))[:n]
    return out


def _timed(fn, arg) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t0


def _figures(text: str) -> None:
    numbers.figures_outside(text, numbers.zh_dates(text) + numbers.en_dates(text))


def _repeats(text: str) -> None:
    quotes._maximal_repeats(quotes._squeeze(text)[0], 40)


def _boxes(lines: int) -> str:
    """A body of numbered lines followed by the same lines in ■ boxes (every box a copy)."""
    text = "".join(
        f"第{i}条我们倡导发展优先，构建更加普惠繁荣的网络空间和世界。\n" for i in range(lines)
    )
    return text + "".join("■" + line + "\n" for line in text.splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max", type=int, default=1_000_000)
    args = ap.parse_args()
    sizes = [n for n in (10_000, 100_000, 1_000_000, 4_000_000) if n <= args.max]
    base: dict[tuple[str, str], float] = {}
    print(f"{'text':16} {'n':>9} {'figures s':>10} {'x10k':>6} {'repeats s':>10} {'x10k':>6}")
    for n in sizes:
        for name, text in _texts(n).items():
            row = []
            for what, fn in (("figures", _figures), ("repeats", _repeats)):
                t = _timed(fn, text)
                base.setdefault((name, what), max(t, 1e-6))
                row += [f"{t:10.3f}", f"{t / base[(name, what)]:6.0f}"]
            print(f"{name:16} {n:9} " + " ".join(row), flush=True)
    print(f"\n{'boxed lines':16} {'n':>9} {'quote checks s':>15}")
    for lines in (500, 5000, 50000):
        body = _boxes(lines)
        t = _timed(lambda b: quotes._analyse(b, (), 40, 30, 0.8, 100), body)
        print(f"{lines:16} {len(body):9} {t:15.3f}", flush=True)


if __name__ == "__main__":
    main()
