"""Time of the ``sentence`` checks against input size on inputs that once took quadratic time
(issue 11): one long line of ``。``, of ``1 ``, of ``年``, of ``年 `` (a space after every
ideograph), the same with a newline after every unit, and a column-wrapped body (a People's
Daily style paragraph wrapped at 20 cells, repeated). Time should grow linearly: the ratio
column stays near the size ratio.

    PYTHONPATH=$PWD python benchmarks/bench_sentence_linear.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from copydesk.validators.registry import check_record

PARA = (
    "新华社北京11月8日电 国家主席习近平8日在人民大会堂会见来华进行国事访问的某国总统。"
    "两国元首一致同意，继续深化各领域务实合作，推动双边关系不断向前发展，共同维护地区"
    "和平稳定，为构建人类命运共同体作出新的贡献。"
)


def wrapped(n: int) -> str:
    """A body of about ``n`` characters wrapped at 20 characters, paragraphs every 5 lines."""
    out: list[str] = []
    size = 0
    k = 0
    while size < n:
        text = PARA
        for i in range(0, len(text), 20):
            out.append(text[i : i + 20])
            size += 21
        out.append("")
        k += 1
    return "\n".join(out)[:n]


INPUTS: dict[str, Callable[[int], str]] = {
    "。 x n": lambda n: "。" * n,
    "'1 ' x n/2": lambda n: "1 " * (n // 2),
    "年 x n": lambda n: "年" * n,
    "'年 ' x n/2": lambda n: "年 " * (n // 2),
    "'。\\n' x n/2": lambda n: "。\n" * (n // 2),
    "'1 \\n' x n/3": lambda n: "1 \n" * (n // 3),
    "'年\\n' x n/2": lambda n: "年\n" * (n // 2),
    "column-wrapped": wrapped,
}


def time_one(text: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    found = check_record({"id": "x", "body": text}, select=["sentence"])
    return time.perf_counter() - t0, len(found)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--only", default="")
    opts = ap.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    for name, make in INPUTS.items():
        if opts.only and opts.only not in name:
            continue
        base = None
        for n in sizes:
            secs, found = time_one(make(n))
            base = base or max(secs, 1e-6)
            print(f"{name:16s} n={n:>8d}  {secs:7.2f} s  x{secs / base:6.1f}  {found} findings")


if __name__ == "__main__":
    main()
