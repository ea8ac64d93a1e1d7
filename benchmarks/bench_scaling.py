"""Time and peak memory of each check family against body length (issue 11, item 2).

One record, one body of ``n`` characters, one family of checks (``--select FAMILY``, the
corpus checks included, through :func:`copydesk.engine.run`), in a fresh child process per
case, so every case has its own peak RSS and its own timeout. Bodies:

- ``stop``   ``'。' * n``           (repetitive CJK punctuation)
- ``digit``  ``'1 ' * n/2``         (repetitive figures and spaces)
- ``cjk``    ``'年' * n``           (repetitive date unit)
- ``apos``   ``"a'" * n/2``         (one endless word of apostrophes: a regex that restarts
  inside a word, as ``sentence.glued``'s did before stop 20, is quadratic on it)
- ``residue`` ``"a line\nand " + "newsletter " * n/11`` (a wrap, then one endless line of a
  residue word: a search per match back to its line's start, as ``residue.candidate_starts``
  made before stop 21's review, is quadratic on it)
- ``random`` seeded random CJK, Latin words, digits, punctuation and newlines
- ``wrapped``  Chinese sentences with dates and figures, hard-wrapped at 14 characters (a
  newspaper column as a PDF extractor gives it), a paragraph break every few sentences
- ``wrapped-en`` English sentences wrapped at 60 characters, some words hyphenated at the wrap

For each family and body kind the growth exponent ``k`` (time ~ n^k) is the least-squares
slope of log(time) against log(n) over the sizes from 100k characters up (smaller sizes are
dominated by constant costs); ``k`` near 1 is linear, near 2 quadratic. A case that exceeds
the timeout stops the larger sizes of that family and kind (shown as ``>timeout``).

By default the engine's per-record size limit is lifted (``--limit`` keeps it), so the
checks themselves are measured. The plot is a PNG when matplotlib is installed, else an SVG
written here.

    PYTHONPATH=$PWD nice -n 10 python benchmarks/bench_scaling.py --out benchmarks/out
    PYTHONPATH=$PWD nice -n 10 python benchmarks/bench_scaling.py \\
        --sizes 10000,100000,1000000,4000000 --timeout 120
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAMILIES = ("schema", "sentence", "quote", "date", "figure", "layout", "encoding")
KINDS = ("stop", "digit", "cjk", "apos", "residue", "random", "wrapped", "wrapped-en")
SIZES = (10_000, 40_000, 160_000, 640_000, 1_000_000)
FIT_FROM = 100_000
#: the size-limit check whose parameter the benchmark lifts (see copydesk.engine)
LIMIT_CHECK = "schema.too-long"

_CJK_WORDS = (
    "发展 经济 合作 国家 人民 建设 推进 社会 改革 开放 创新 全面 坚持 加强 重要 会议 "
    "代表 政府 地区 国际 世界 和平 安全 网络 主权 共同 未来 文化 企业 市场 服务 项目 "
    "农村 城市 教育 科技 环境 保护 生态 质量 增长 提高 实现 目标 领导 同志 记者 报道"
).split()
_EN_WORDS = (
    "the government said on Tuesday that its economy grew faster than expected in the third "
    "quarter while officials warned about rising prices across several provinces and cities "
    "exports investment consumption reporters according statement agreement international"
).split()


def _sentence_zh(rng: random.Random) -> str:
    words = [rng.choice(_CJK_WORDS) for _ in range(rng.randint(6, 14))]
    roll = rng.random()
    if roll < 0.2:
        words.insert(
            rng.randint(0, len(words)),
            f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        )
    elif roll < 0.4:
        words.insert(rng.randint(0, len(words)), f"{rng.randint(1, 999)}.{rng.randint(0, 9)}亿元")
    elif roll < 0.5:
        words.insert(rng.randint(0, len(words)), f"{rng.randint(1, 99)}%")
    return "".join(words) + rng.choice("。。。，；")


def _sentence_en(rng: random.Random) -> str:
    words = [rng.choice(_EN_WORDS) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.3:
        words.insert(
            rng.randint(0, len(words)), f"{rng.randint(1, 999)}.{rng.randint(0, 9)} percent"
        )
    if rng.random() < 0.2:
        words.insert(
            rng.randint(0, len(words)), f"Nov. {rng.randint(1, 28)}, {rng.randint(1990, 2030)}"
        )
    return " ".join(words).capitalize() + "."


def _wrap(paragraph: str, width: int, rng: random.Random, hyphen: bool) -> str:
    out = []
    for i in range(0, len(paragraph), width):
        piece = paragraph[i : i + width]
        cut_in_word = hyphen and piece[-1:].isalpha() and rng.random() < 0.5
        out.append(piece + ("-" if cut_in_word else ""))
    return "\n".join(out)


def _wrapped(n: int, lang: str) -> str:
    rng = random.Random(n)
    parts: list[str] = []
    total = 0
    while total < n:
        sents = [
            _sentence_zh(rng) if lang == "zh" else _sentence_en(rng)
            for _ in range(rng.randint(2, 6))
        ]
        para = ("" if lang == "zh" else " ").join(sents)
        para = _wrap(para, 14, rng, False) if lang == "zh" else _wrap(para, 60, rng, True)
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)[:n]


def _random(n: int) -> str:
    rng = random.Random(n)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    pieces: list[str] = []
    total = 0
    while total < n:
        roll = rng.random()
        if roll < 0.6:
            s = "".join(rng.choices(alphabet, k=rng.randint(1, 8)))
        elif roll < 0.75:
            s = " " + "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) + " "
        elif roll < 0.85:
            s = str(rng.randint(0, 10**6))
        elif roll < 0.97:
            s = rng.choice("，。、；：！？“”（）")
        else:
            s = "\n"
        pieces.append(s)
        total += len(s)
    return "".join(pieces)[:n]


def make_body(kind: str, n: int) -> str:
    """The body of ``kind`` with exactly ``n`` characters."""
    if kind == "stop":
        return "。" * n
    if kind == "digit":
        return ("1 " * (n // 2 + 1))[:n]
    if kind == "cjk":
        return "年" * n
    if kind == "apos":
        return ("a'" * (n // 2 + 1))[:n]
    if kind == "residue":
        return ("a line\nand " + "newsletter " * (n // 11 + 1))[:n]
    if kind == "random":
        return _random(n)
    if kind == "wrapped":
        return _wrapped(n, "zh")
    if kind == "wrapped-en":
        return _wrapped(n, "en")
    raise ValueError(f"unknown kind {kind!r}")


def run_case(family: str, kind: str, n: int, limit: bool) -> dict[str, float]:
    """In this process: check one record of ``n`` characters with one family."""
    sys.path.insert(0, str(REPO))
    from copydesk.config import Config
    from copydesk.engine import run
    from copydesk.io import RawItem
    from copydesk.validators.registry import all_checks

    params = {}
    if not limit and any(c.id == LIMIT_CHECK for c in all_checks()):
        params = {LIMIT_CHECK: {"max_chars": 10**12}}
    cfg = Config(select=(family,), params=params)
    body = make_body(kind, n)
    record = {"id": f"{kind}-{n}", "body": body, "published": "2023-11-09", "language": "zh"}
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = 0

    def count(res: object) -> None:
        nonlocal found
        found += len(res.findings)  # type: ignore[attr-defined]

    t0 = time.perf_counter()
    run(iter([RawItem("bench", 1, data=record)]), cfg, jobs=1, on_result=count)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "extra_mb": max(0, peak - base) / 1024,
        "findings": found,
    }


def measure(family: str, kind: str, n: int, timeout: float, limit: bool) -> dict[str, object]:
    """One case in a child process, killed after ``timeout`` seconds."""
    cmd = [sys.executable, __file__, "--case", family, kind, str(n)]
    if limit:
        cmd.append("--limit")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"family": family, "kind": kind, "n": n, "timeout": timeout}
    if proc.returncode != 0:
        return {"family": family, "kind": kind, "n": n, "error": proc.stderr.strip()[-300:]}
    return {"family": family, "kind": kind, "n": n, **json.loads(proc.stdout)}


def exponent(rows: list[dict[str, object]]) -> float | None:
    """Least-squares slope of log(seconds) against log(n) over sizes >= FIT_FROM."""
    pts = [
        (math.log(r["n"]), math.log(max(r["seconds"], 1e-4)))  # type: ignore[arg-type]
        for r in rows
        if "seconds" in r and r["n"] >= FIT_FROM  # type: ignore[operator]
    ]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def _cell(r: dict[str, object]) -> str:
    if "timeout" in r:
        return f">{r['timeout']:.0f}s"
    if "error" in r:
        return "error"
    return f"{r['seconds']:.2f}s/{r['peak_mb']:.0f}MB"


def table(results: list[dict[str, object]], sizes: list[int]) -> str:
    """A Markdown table: family, kind, time/peak per size, exponent."""
    head = "| family | kind | " + " | ".join(f"{n:,}" for n in sizes) + " | k |"
    lines = [head, "|" + "---|" * (len(sizes) + 3)]
    for fam in FAMILIES:
        for kind in KINDS:
            rows = [r for r in results if r["family"] == fam and r["kind"] == kind]
            if not rows:
                continue
            by_n = {r["n"]: r for r in rows}
            cells = [_cell(by_n[n]) if n in by_n else "-" for n in sizes]
            k = exponent(rows)
            timed_out = any("timeout" in r for r in rows)
            ks = "super-linear (timeout)" if timed_out else ("-" if k is None else f"{k:.2f}")
            lines.append(f"| {fam} | {kind} | " + " | ".join(cells) + f" | {ks} |")
    return "\n".join(lines)


_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")


def plot(results: list[dict[str, object]], out: Path) -> Path:
    """One log-log panel per body kind, one line per family: PNG with matplotlib, else SVG."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return _svg(results, out.with_suffix(".svg"))
    fig, axes = plt.subplots(2, 4, figsize=(17, 8), sharex=True, sharey=True)
    for ax, kind in zip(axes.flat, KINDS, strict=False):
        for fam, colour in zip(FAMILIES, _COLOURS, strict=True):
            rows = [
                r for r in results if r["family"] == fam and r["kind"] == kind and "seconds" in r
            ]
            if rows:
                ax.loglog(
                    [r["n"] for r in rows],
                    [r["seconds"] for r in rows],
                    "o-",
                    color=colour,
                    label=fam,
                )
        ax.set_title(kind)
        ax.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    fig.supxlabel("body length (characters)")
    fig.supylabel("seconds")
    png = out.with_suffix(".png")
    fig.savefig(png, dpi=90)
    return png


def _svg(results: list[dict[str, object]], path: Path) -> Path:
    w, h, cols = 300, 220, 4
    x0, x1, y0, y1 = 4.0, 6.7, -3.0, 2.5  # log10 ranges: 10k..5M chars, 1 ms..300 s
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w * cols}" height="{h * 2 + 40}" '
        'font-family="sans-serif" font-size="10">'
    ]
    for i, kind in enumerate(KINDS):
        ox, oy = (i % cols) * w, (i // cols) * h

        def px(n: float, s: float, ox: int = ox, oy: int = oy) -> tuple[float, float]:
            fx = (math.log10(n) - x0) / (x1 - x0)
            fy = (math.log10(max(s, 1e-3)) - y0) / (y1 - y0)
            return ox + 40 + fx * (w - 55), oy + h - 25 - fy * (h - 45)

        parts.append(f'<text x="{ox + w / 2}" y="{oy + 14}" text-anchor="middle">{kind}</text>')
        parts.append(
            f'<rect x="{ox + 40}" y="{oy + 20}" width="{w - 55}" height="{h - 45}" '
            'fill="none" stroke="#999"/>'
        )
        for e in range(int(y0), int(y1) + 1):
            _, y = px(10**x0, 10**e)
            parts.append(f'<text x="{ox + 36}" y="{y + 3}" text-anchor="end">1e{e}s</text>')
        for e in range(int(x0), int(x1) + 1):
            x, _ = px(10**e, 10**y0)
            parts.append(f'<text x="{x}" y="{oy + h - 12}" text-anchor="middle">1e{e}</text>')
        (ax, ay), (bx, by) = px(10**x0, 1e-2), px(10 ** (x0 + 2.5), 10 ** (-2 + 2.5))
        parts.append(
            f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
            'stroke="#bbb" stroke-dasharray="4 3"/>'
        )
        for fam, colour in zip(FAMILIES, _COLOURS, strict=True):
            rows = [
                r for r in results if r["family"] == fam and r["kind"] == kind and "seconds" in r
            ]
            if len(rows) > 1:
                pts = " ".join(
                    f"{x:.1f},{y:.1f}" for x, y in (px(r["n"], r["seconds"]) for r in rows)
                )
                parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}"/>')
    for j, (fam, colour) in enumerate(zip(FAMILIES, _COLOURS, strict=True)):
        parts.append(f'<text x="{10 + j * 90}" y="{2 * h + 30}" fill="{colour}">■ {fam}</text>')
    parts.append(f'<text x="{10 + 7 * 90}" y="{2 * h + 30}" fill="#999">- - time ∝ n</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", nargs=3, metavar=("FAMILY", "KIND", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    ap.add_argument("--limit", action="store_true", help="keep the engine's size limit")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    args = ap.parse_args()
    if args.case:
        fam, kind, n = args.case
        print(json.dumps(run_case(fam, kind, int(n), args.limit)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    results: list[dict[str, object]] = []
    for fam in args.families.split(","):
        for kind in args.kinds.split(","):
            for n in sizes:
                r = measure(fam, kind, n, args.timeout, args.limit)
                results.append(r)
                print(f"{fam:9} {kind:10} {n:>9,}  {_cell(r)}", file=sys.stderr, flush=True)
                if "timeout" in r or "error" in r:
                    break
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    md = table(results, sizes)
    (args.out / "scaling.md").write_text(md + "\n", encoding="utf-8")
    print(md)
    print(f"\nplot: {plot(results, args.out / 'scaling')}")


if __name__ == "__main__":
    main()
