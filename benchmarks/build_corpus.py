"""Build a benchmark corpus of article records (JSONL) of a given size from real material.

Sources: the seed page (naive and gold records), the People's Daily 2019 web articles and the
OverProof newspaper articles (raw OCR and gold) from ``shared/corpora`` when present. Records
are written in rounds; after the first round every record is a *new* article made from real
paragraphs (paragraphs of two articles of the same language, mixed and re-ordered), with
realistic extraction defects injected at these rates:

- column wraps kept as line breaks inside sentences (``sentence.line-break``), 20 %
- a space inside a date or between CJK characters, 10 %
- a paragraph printed twice (``quote.duplicate-block``), 3 %
- mojibake or a replacement character, 2 %
- an exact repeat of an earlier record (new id), 1 %; a near repeat (one paragraph changed,
  column wraps), 1 %
- an unreadable line (truncated JSON), 0.05 %

Usage: ``python benchmarks/build_corpus.py OUT.jsonl --size 200MB [--seed 1]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from copydesk.testing.corpora import overproof, peoples_daily_2019  # noqa: E402

SEED = REPO / "fixtures" / "rmrb-2023-11-09-p1"


def parse_size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r} is not like 200MB or 1GB")
    return int(float(m[1]) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m[2]])


def base_records() -> list[dict[str, Any]]:
    """The real records, seed page first."""
    out: list[dict[str, Any]] = []
    for name in ("gold.jsonl", "naive.jsonl"):
        for line in (SEED / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                rec["id"] = f"{name[:-6]}-{rec['id']}"
                out.append(rec)
    out.extend(peoples_daily_2019())
    for ds in ("dataset3_chroniclingamerica", "dataset2_sydney_morning_herald"):
        for a in overproof(ds):
            for kind, lines in (("gold", a.gold_lines), ("raw", a.raw_lines)):
                body = "\n".join(ln for ln in lines if ln.strip())
                if body:
                    out.append(
                        {
                            "id": f"op-{ds[:8]}-{a.number}-{kind}",
                            "headline": a.title,
                            "published": f"{a.year}-01-01" if a.year else None,
                            "language": "en",
                            "body": body,
                        }
                    )
    return out


def paragraphs(rec: dict[str, Any]) -> list[str]:
    return [p for p in str(rec.get("body", "")).split("\n") if p.strip()]


def wrap(text: str, rng: random.Random, width: int) -> str:
    """Column wraps: a line break every ``width`` characters inside paragraphs."""
    out = []
    for para in text.split("\n"):
        out.append("\n".join(para[i : i + width] for i in range(0, len(para), width)))
    return "\n\n".join(out)


def mutate(rec: dict[str, Any], other: dict[str, Any], rng: random.Random, n: int) -> dict:
    """A new article from real paragraphs of ``rec`` and ``other``, with defects."""
    paras = paragraphs(rec)
    extra = paragraphs(other)
    k = max(1, len(paras) // 2)
    mixed = paras[:k] + rng.sample(extra, min(len(extra), max(1, len(paras) - k)))
    zh = rec.get("language") == "zh" or rec.get("source") == "人民日报"
    r = rng.random()
    if r < 0.03 and len(mixed) > 2:
        mixed.insert(rng.randint(1, len(mixed)), mixed[0])  # a block printed twice
    body = "\n".join(mixed)
    r = rng.random()
    if r < 0.20:
        body = wrap(body, rng, rng.randint(14, 30) if zh else rng.randint(40, 70))
    elif r < 0.30:
        body = body.replace("月", " 月 ", 1) if zh else body.replace(" ", "  ", 3)
    elif r < 0.32:
        body = body.replace("的", "çš„", 2) if zh else body.replace("'", "â€™", 2)
    elif r < 0.33:
        body = body[: len(body) // 2] + "\ufffd" + body[len(body) // 2 :]
    out = {k2: v for k2, v in rec.items() if k2 not in ("body", "id")}
    out["id"] = f"gen-{n:09d}"
    out["body"] = body
    return out


def build(out_path: Path, size: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    base = base_records()
    zh = [r for r in base if r.get("language") != "en"] or base  # without shared/corpora:
    en = [r for r in base if r.get("language") == "en"] or base  # the seed page alone
    written = records = bad = 0
    recent: list[dict[str, Any]] = []
    with open(out_path, "w", encoding="utf-8") as fh:
        for rec in base:
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode())
            records += 1
        n = 0
        while written < size:
            n += 1
            pool = zh if rng.random() < 0.7 else en
            rec = mutate(rng.choice(pool), rng.choice(pool), rng, n)
            r = rng.random()
            if r < 0.01 and recent:
                rec = {**rng.choice(recent), "id": f"gen-{n:09d}"}  # exact repeat
            elif r < 0.02 and recent:
                src = rng.choice(recent)
                paras = paragraphs(src)
                if len(paras) > 6:
                    paras[len(paras) // 2] = paragraphs(rng.choice(pool))[0]
                rec = {**src, "id": f"gen-{n:09d}", "body": wrap("\n".join(paras), rng, 25)}
            if rng.random() < 0.0005:
                line = json.dumps(rec, ensure_ascii=False)[:40] + "\n"  # truncated line
                bad += 1
            else:
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode())
            records += 1
            if len(recent) < 2000:
                recent.append(rec)
            elif rng.random() < 0.01:
                recent[rng.randrange(len(recent))] = rec
    return {"bytes": written, "records": records, "unreadable": bad}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    stats = build(args.out, args.size, args.seed)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
