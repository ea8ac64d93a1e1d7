"""Memory and speed of ``layout.boilerplate``'s line table over N records (default 50k).

``python benchmarks/bench_boilerplate.py --records 50000`` feeds synthetic web records through
:class:`Boilerplate`: each has 20 lines of its own (unique prose, as most lines are) and one
of 20 sites' menu blocks (8 lines, the boilerplate). It reports the time per record (prepare
and observe together, one process, no tracemalloc), the lines held in the table at the
end and the sweeps that emptied it of lines seen once, the tracemalloc peak, and
how many records had their menu reported: the table is bounded (``--max-lines``), so the
lines seen in one article only are dropped when it fills, and the menus must still be found.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from copydesk.record import ArticleRecord  # noqa: E402
from copydesk.validators.boilerplate import Boilerplate  # noqa: E402

WORDS = (
    "harbour council report winter season village engineers battery library volunteers "
    "farmers valley harvest frost blossom minister budget school hospital railway river "
    "market museum festival election court police weather bridge tunnel airport factory"
).split()


def record(k: int, rng: random.Random) -> ArticleRecord:
    site = k % 20
    menu = [f"Site {site} section {j}" for j in range(8)]
    prose = [" ".join(rng.choice(WORDS) for _ in range(18)) + f" {k}-{i}." for i in range(20)]
    body = "\n".join(menu + prose)
    return ArticleRecord.from_mapping(
        {"id": f"r{k}", "source": f"site{site}.example", "body": body}, line=k + 1
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--max-lines", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(1)
    timed = Boilerplate(max_lines=args.max_lines)
    sample = [record(k, rng) for k in range(min(args.records, 5000))]
    t0 = time.perf_counter()
    for rec in sample:
        list(timed(rec))
    per_record = (time.perf_counter() - t0) / len(sample)
    rng = random.Random(1)
    check = Boilerplate(max_lines=args.max_lines)
    tracemalloc.start()
    reported = 0
    for k in range(args.records):
        hits = list(check(record(k, rng)))
        reported += any(h.message.startswith("boilerplate line") for h in hits)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"records            {args.records}")
    print(f"time per record    {per_record * 1e6:.0f} µs (first {len(sample)}, no tracemalloc)")
    print(f"lines in the table {check.lines_held} (max {args.max_lines}, {check.sweeps} sweeps)")
    print(f"tracemalloc peak   {peak / 2**20:.1f} MiB")
    print(f"records with their menu reported {reported} of {args.records - 40}")


if __name__ == "__main__":
    main()
