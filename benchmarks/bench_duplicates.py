"""Memory and speed of the ``quote.duplicate-record`` index over N records (default 100k).

``python benchmarks/bench_duplicates.py --records 100000`` feeds records of a built corpus
(``build_corpus.py``; the file is cycled with fresh ids and a varied paragraph order when it
holds fewer records) through :class:`DuplicateRecord` and reports, per indexed record: the
bytes of the index's arrays (``index_bytes``), the tracemalloc growth, and the RSS growth;
then the same for ``datasketch.MinHashLSH`` (dict storage, band values hashed, integer keys)
over the first ``--lsh-records`` records, the library index this one replaces.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from build_corpus import build, parse_size  # noqa: E402

from copydesk.record import ArticleRecord  # noqa: E402
from copydesk.validators.duplicates import DuplicateRecord, minhash  # noqa: E402


def records(path: Path, n: int):
    k = 0
    while True:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if k >= n:
                    return
                if k and k % 1 == 0:
                    paras = str(rec.get("body") or "").split("\n")
                    rot = k % max(1, len(paras))
                    rec["body"] = "\n".join(paras[rot:] + paras[:rot]) + f"\n第{k}号"
                rec["id"] = f"r{k:08d}"
                yield ArticleRecord.from_mapping(rec, input=str(path), line=k + 1)
                k += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--lsh-records", type=int, default=20_000)
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    args = ap.parse_args()
    path = Path(tempfile.gettempdir()) / f"copydesk-bench-{args.size}.jsonl"
    if not path.exists():
        build(path, args.size)
    proc = psutil.Process()
    dup = DuplicateRecord()
    list(dup(next(records(path, 1))))  # tables built, imports done
    dup = DuplicateRecord()
    gc.collect()
    tracemalloc.start()
    base_t, base_rss = tracemalloc.get_traced_memory()[0], proc.memory_info().rss
    t0 = time.perf_counter()
    hits = 0
    for rec in records(path, args.records):
        hits += sum(1 for _ in dup(rec))
    sec = time.perf_counter() - t0
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0] - base_t
    tracemalloc.stop()
    rss = proc.memory_info().rss - base_rss
    n = dup.indexed
    parts = dup.index_bytes()
    index = parts["exact"] + parts["lsh"] + parts["signatures"]
    print(
        f"DuplicateRecord: {args.records} records, {n} indexed, {hits} duplicates, "
        f"{args.records / sec:.0f} records/s (tracemalloc on)"
    )
    print("  bytes/record by part: " + ", ".join(f"{k} {v / n:.1f}" for k, v in parts.items()))
    print(
        f"  index (exact + lsh + signatures): {index / n:.1f} B/record; "
        f"with positions and ids: {sum(parts.values()) / n:.1f} B/record"
    )
    print(f"  tracemalloc growth {traced / n:.1f} B/record; RSS growth {rss / n:.1f} B/record")

    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.8, num_perm=64, params=(8, 8), hashfunc=lambda b: hash(b))
    sketcher = DuplicateRecord()
    gc.collect()
    tracemalloc.start()
    base_t = tracemalloc.get_traced_memory()[0]
    m = 0
    for i, rec in enumerate(records(path, args.lsh_records)):
        sk = sketcher.sketch(rec)
        if sk is None:
            continue
        from copydesk.validators.duplicates import char_shingle_hashes, normalized_code_points

        sig = minhash(char_shingle_hashes(normalized_code_points(rec.body or ""), 5), 64)
        lsh.insert(
            i, MinHash(num_perm=64, hashvalues=sig, scheme="affine32"), check_duplication=False
        )
        m += 1
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0] - base_t
    tracemalloc.stop()
    print(
        f"datasketch MinHashLSH (dict storage, hashed bands, int keys): {m} records, "
        f"tracemalloc growth {traced / m:.1f} B/record (index only, no ids or positions)"
    )


if __name__ == "__main__":
    main()
