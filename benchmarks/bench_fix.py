"""Speed of ``copydesk fix`` against ``copydesk check``, and how it grows with record size.

    PYTHONPATH=$PWD python benchmarks/bench_fix.py

Input: the held-out PDF extractions (fixtures/extracted, -b2; real extractor output full of
wraps, stray spaces and radicals). (1) every record once: fix and check times; (2) one body
made of 1, 4 and 16 extractions joined: fix time per character should stay flat (linear).
Ratios carry over between machines; absolute times do not.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from copydesk.fix import Fixer
from copydesk.validators.registry import check_record

ROOT = Path(__file__).resolve().parents[1]


def records() -> list[dict[str, Any]]:
    out = []
    for folder in ("extracted", "extracted-b2"):
        for case in sorted((ROOT / "fixtures" / folder).iterdir()):
            path = case / "naive.jsonl"
            if path.exists():
                out.append(json.loads(path.read_text(encoding="utf-8").splitlines()[0]))
    return out


def timed(fn: Any, *args: Any) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main() -> None:
    recs = records()
    fixer = Fixer()
    chars = sum(len(r["body"]) for r in recs)
    t_check = timed(lambda: [check_record(r) for r in recs])
    t_fix = timed(lambda: [fixer.fix(r) for r in recs])
    edits = sum(len(fixer.fix(r).edits) for r in recs[:20])
    print(f"{len(recs)} records, {chars:,} chars ({edits} edits in the first 20)")
    print(f"check: {t_check:.2f} s ({chars / t_check:,.0f} chars/s)")
    print(f"fix:   {t_fix:.2f} s ({chars / t_fix:,.0f} chars/s, {t_fix / t_check:.1f}x check)")
    print("\n| bodies joined | chars | fix s | µs per char |\n|---|---|---|---|")
    zh = [r for r in recs if r.get("language") == "zh"]
    for n in (1, 4, 16):
        body = "\n\n".join(r["body"] for r in zh[:n])
        rec = {"id": f"joined-{n}", "body": body, "language": "zh"}
        t = timed(fixer.fix, rec)
        print(f"| {n} | {len(body):,} | {t:.2f} | {t / len(body) * 1e6:.1f} |")


if __name__ == "__main__":
    main()
