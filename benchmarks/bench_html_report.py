"""HTML report at scale: 100,000 records and 1,000,000 findings.

Generates a synthetic corpus (JSONL) and its report JSON in the layout ``copydesk check
--json`` writes, then measures ``copydesk report RESULTS.json --html``: time to read the
findings and render, the size of the HTML beside the JSON, and the time Chromium takes to
open it from disk (Playwright, Debian's /usr/bin/chromium) until the page's script is ready.

    python benchmarks/bench_html_report.py [--records 100000] [--per-record 10] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from copydesk import __version__
from copydesk.config import Config
from copydesk.report.html import load_results, write_html
from copydesk.validators.registry import all_checks

SYLLABLES = "国家发展改革委近日印发试点建设方案明确选择个具有典型代表性的城市和园区开展碳达峰"


def generate(out: Path, records: int, per_record: int, seed: int = 7) -> tuple[Path, Path]:
    rnd = random.Random(seed)
    checks = [c for c in all_checks() if not c.corpus]
    corpus, report = out / "corpus.jsonl", out / "report.json"
    by_check: dict[str, dict[str, object]] = {}
    failing: set[str] = set()
    n_findings = 0
    with corpus.open("w", encoding="utf-8") as cf, report.open("w", encoding="utf-8") as rf:
        head = {
            "copydesk": __version__,
            "inputs": [str(corpus)],
            "config": Config().to_dict(),
            "summary": {},
        }
        rf.write("{PLACEHOLDER}\n")  # rewritten below once the summary is known
        first = True
        for i in range(records):
            body = "".join(rnd.choice(SYLLABLES) for _ in range(300))
            body = body[:100] + "\n" + body[100:200] + "\n\n" + body[200:]
            rid = f"r{i:06d}"
            cf.write(json.dumps({"id": rid, "body": body}, ensure_ascii=False) + "\n")
            seen: set[str] = set()
            for _ in range(per_record):
                spec = rnd.choice(checks)
                start = rnd.randrange(0, len(body) - 40)
                end = start + rnd.choice((1, 2, 4, 30))
                msg = "repeats body[0:30]" if spec.id.startswith("quote.") else "synthetic"
                f = {
                    "record": rid,
                    "input": str(corpus),
                    "line": i + 1,
                    "check": spec.id,
                    "severity": str(spec.severity),
                    "field": "body",
                    "start": start,
                    "end": end,
                    "excerpt": body[max(0, start - 12) : end + 12].replace("\n", "⏎"),
                    "message": msg,
                    "suggestion": None,
                }
                rf.write(("" if first else ",") + json.dumps(f, ensure_ascii=False) + "\n")
                first = False
                n_findings += 1
                bc = by_check.setdefault(
                    spec.id, {"severity": str(spec.severity), "records": 0, "findings": 0}
                )
                bc["findings"] = int(bc["findings"]) + 1  # type: ignore[arg-type]
                if spec.id not in seen:
                    bc["records"] = int(bc["records"]) + 1  # type: ignore[arg-type]
                    seen.add(spec.id)
                if str(spec.severity) == "error":
                    failing.add(rid)
        rf.write('],\n"errors": []}\n')
    head["summary"] = {
        "records": records,
        "passed": records - len(failing),
        "failed": len(failing),
        "unreadable": 0,
        "findings": n_findings,
        "by_check": dict(sorted(by_check.items())),
        "gate": {"passed": False, "reasons": [f"{c}: over" for c in sorted(by_check)]},
    }
    text = json.dumps(head, ensure_ascii=False)
    first_line = text[:-1] + ',\n"findings": ['
    tmp = out / "report.tmp"
    with report.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
        src.readline()
        dst.write(first_line + "\n")
        for line in src:
            dst.write(line)
    tmp.replace(report)
    return corpus, report


def browser_load_seconds(html: Path) -> float | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        t = time.perf_counter()
        page.goto(html.as_uri(), timeout=120_000)
        page.wait_for_selector("html[data-ready='1']", timeout=120_000)
        took = time.perf_counter() - t
        # a filter over every kept record, as a person would use it
        t = time.perf_counter()
        page.select_option("#f-check", "sentence.line-break")
        filt = time.perf_counter() - t
        b.close()
    print(f"  filter by check in the browser: {filt:.2f} s")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--per-record", type=int, default=10)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="copydesk-bench-html-"))
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    corpus, report = generate(out, a.records, a.per_record)
    gen = time.perf_counter() - t
    t = time.perf_counter()
    data = load_results(report)
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    html = out / "report.html"
    write_html(data, html)
    render_s = time.perf_counter() - t
    mb = 1024 * 1024
    print(f"records {a.records:,}, findings {data.findings:,} (generated in {gen:.1f} s)")
    c_mb, r_mb = corpus.stat().st_size / mb, report.stat().st_size / mb
    print(f"  corpus {c_mb:.1f} MiB, report JSON {r_mb:.1f} MiB")
    print(f"  read findings + re-read kept texts: {read_s:.1f} s; render: {render_s:.1f} s")
    print(
        f"  HTML {html.stat().st_size / mb:.2f} MiB "
        f"({html.stat().st_size / report.stat().st_size:.3f} of the JSON), "
        f"{len(data.kept):,} records shown, {data.kept_findings:,} findings highlighted"
    )
    load = browser_load_seconds(html)
    if load is None:
        print("  browser load: skipped (no playwright or /usr/bin/chromium)")
    else:
        print(f"  browser load (file:// to script ready): {load:.2f} s")
    print(f"  files in {out}")


if __name__ == "__main__":
    main()
