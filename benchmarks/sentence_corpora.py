"""Findings of the ``sentence`` family per 10,000 characters on the third-party corpora, and the
inferred text profile of their records (wrap and script counts).

    PYTHONPATH=$PWD COPYDESK_SHARED=/work/shared python benchmarks/sentence_corpora.py [--show N]

Gold and clean texts (every finding there is a false alarm, except line-breaks on the BL gold,
which keeps the page's column wraps): People's Daily 2019, OverProof corrected, the extraction
benchmark's gold, the BL snippets' gold, the L3S full-text blocks, the magic-html references,
the Readability expected outputs. Raw texts: the extraction benchmark's extractors, the BL OCR,
the Sogou samples. The converters of ``../shared/corpora`` are run on the fly; no text is
stored. ``--show N`` prints N findings per set with their excerpts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from copydesk.testing.corpora import clean_english, corpus_path, overproof, peoples_daily_2019
from copydesk.validators.profile import profile_of
from copydesk.validators.registry import check_record

CHECKS = ["sentence"]


def _convert(*parts: str, args: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    folder = corpus_path(*parts)
    if folder is None:
        return []
    out = subprocess.run(
        [sys.executable, str(Path(folder) / "to_jsonl.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _with_body(records: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], "body": r[key], "language": r.get("language") or "und"}
        for r in records
        if isinstance(r.get(key), str) and r[key].strip()
    ]


def sets() -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """``(name, kind, records)``: kind ``gold`` or ``raw``."""
    yield "pd2019", "gold", peoples_daily_2019()
    op = [
        {"id": f"{a.dataset[:8]}-{a.number}", "body": clean_english(a.gold_lines)}
        for ds in ("dataset3_chroniclingamerica", "dataset2_sydney_morning_herald")
        for a in overproof(ds)
    ]
    yield "overproof-gold", "gold", op
    aeb = _convert("en", "article_extraction_benchmark")
    yield (
        "aeb-gold",
        "gold",
        _with_body(_convert("en", "article_extraction_benchmark", args=("--mode", "gold")), "body"),
    )
    for ext in sorted({r.get("extractor") for r in aeb if r.get("extractor")}):
        yield f"aeb-{ext}", "raw", _with_body([r for r in aeb if r.get("extractor") == ext], "body")
    bl = _convert("en", "hipe_ocrepair_bl_snippets")
    yield "bl-gold", "gold", _with_body(bl, "gold")
    yield "bl-ocr", "raw", _with_body(bl, "body")
    l3s = _convert("en", "l3s_gn1_sample")
    yield "l3s-gold", "gold", _with_body(l3s, "gold")
    yield "l3s-all", "raw", _with_body(l3s, "body")
    yield "readability-en", "gold", _with_body(_convert("en", "readability_test_pages"), "body")
    yield "readability-zh", "gold", _with_body(_convert("zh", "readability_test_pages_zh"), "body")
    magic = _with_body(_convert("zh", "magic_html_benchmark"), "body")
    yield "magic-html", "gold", magic
    yield "sogou", "raw", _with_body(_convert("zh", "sogou_news_smarty"), "body")


def measure(records: list[dict[str, Any]], show: int = 0) -> dict[str, Any]:
    chars = 0
    counts: Counter[str] = Counter()
    profiles: Counter[str] = Counter()
    shown = 0
    for rec in records:
        chars += len(rec["body"])
        prof = profile_of(rec["body"])
        profiles[f"{prof.wrap}/{prof.script}"] += 1
        for f in check_record(rec, select=CHECKS):
            counts[f.check] += 1
            if shown < show:
                shown += 1
                print(f"    {f.check} {rec['id'][:20]} {f.excerpt!r} {f.message}")
    return {"records": len(records), "chars": chars, "counts": counts, "profiles": profiles}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", default="")
    opts = ap.parse_args()
    if corpus_path() is None:
        print("shared corpora absent")
        return
    for name, kind, records in sets():
        if opts.only and opts.only not in name:
            continue
        m = measure(records, opts.show)
        per = {k: round(v / max(m["chars"], 1) * 1e4, 3) for k, v in sorted(m["counts"].items())}
        prof = ", ".join(f"{k} {v}" for k, v in sorted(m["profiles"].items()))
        print(f"{name:16s} {kind:4s} {m['records']:4d} rec {m['chars']:8d} chars  {per}  [{prof}]")


if __name__ == "__main__":
    main()
