"""copydesk's benchmark: one command, one input, every engine and anchor measured in one run.

``python benchmarks/run.py --size 20MB`` builds (or reuses) a corpus with
``benchmarks/build_corpus.py``, then measures on the same file:

- the floor: reading the file and decoding every JSON line, nothing else;
- ``copydesk check --jobs 1`` and ``--jobs 2`` (full check set, report JSON written), as
  child processes: wall time, records/s, MB/s, peak RSS of the process tree (psutil);
- anchors on the same records (``--anchor-records`` of them, the rates compared): Great
  Expectations running copydesk's suite (``copydesk.integrations.gx``: annotate + Checkpoint),
  pandera (``copydesk.schemas.ArticleSchema.validate(lazy=True)``), datatrove's
  ``C4QualityFilter``, ``GopherRepetitionFilter`` and ``FineWebQualityFilter``;
- the Spark engine in ``local[2]`` (``--spark``; session start-up reported apart).

It prints the ratios and writes ``benchmarks/results.md`` (machine described). The machine is
shared and noisy: compare ratios measured in one run, not absolute figures across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from build_corpus import build, parse_size  # noqa: E402


def machine() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "nproc": str(os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / (1 << 30):.1f} GiB",
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


#: CPU seconds that processes outside the measured tree used during the last run_child
#: (all cores' busy time minus the tree's own): how quiet the shared machine was.
OTHER_CPU: dict[str, float] = {"last": 0.0}


def _busy() -> float:
    t = psutil.cpu_times()
    return t.user + t.system + getattr(t, "nice", 0.0) + getattr(t, "irq", 0.0)


def run_child(cmd: list[str], stdout: Any = subprocess.DEVNULL) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (bytes, summed over the process tree), exit code."""
    import resource

    err = tempfile.TemporaryFile()
    busy0 = _busy()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=stdout, stderr=err, cwd=REPO)
    peak = 0
    while proc.poll() is None:
        rss = 0
        try:
            procs = [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            procs = []
        for p in procs:
            try:
                rss += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak = max(peak, rss)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    mine = sum(
        b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime
        for a, b in ((kids0, kids1), (self0, self1))
    )
    OTHER_CPU["last"] = max(0.0, _busy() - busy0 - mine)
    if proc.returncode not in (0, 1):
        err.seek(0)
        sys.stderr.write(err.read().decode(errors="replace")[-2000:])
    err.close()
    return wall, peak, proc.returncode


def floor(path: Path) -> float:
    t0 = time.perf_counter()
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            try:
                json.loads(line)
            except ValueError:
                pass
            n += 1
    return time.perf_counter() - t0


def sample(path: Path, n: int) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            out.append(rec)
            if len(out) >= n:
                break
    return out


def anchor_gx(records: list[dict[str, Any]]) -> tuple[float, str]:
    from copydesk.integrations import gx as cgx

    t0 = time.perf_counter()
    df = cgx.annotate(records)
    cgx.validate(df)
    return time.perf_counter() - t0, "copydesk.integrations.gx: annotate + Checkpoint"


def anchor_pandera(records: list[dict[str, Any]]) -> tuple[float, str]:
    import pandas as pd
    import pandera.errors

    from copydesk.schemas import ArticleSchema

    df = pd.DataFrame(records)
    t0 = time.perf_counter()
    try:
        ArticleSchema.validate(df, lazy=True)
    except pandera.errors.SchemaErrors:
        pass
    return time.perf_counter() - t0, "copydesk.schemas.ArticleSchema.validate(lazy=True)"


def anchor_datatrove(records: list[dict[str, Any]]) -> tuple[float, str]:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherRepetitionFilter,
    )

    filters = [C4QualityFilter(), GopherRepetitionFilter(), FineWebQualityFilter()]
    docs = [Document(text=str(r.get("body") or ""), id=str(r.get("id"))) for r in records]
    for d in docs[:5]:  # first-call set-up (tokenizer loading) is not per-record work
        for f in filters:
            f.filter(Document(text=d.text, id=d.id))
    t0 = time.perf_counter()
    for d in docs:
        for f in filters:
            f.filter(d)
    return time.perf_counter() - t0, "C4Quality + GopherRepetition + FineWebQuality .filter()"


def spark_run(path: Path) -> dict[str, float]:
    code = (
        "import time,sys,json;t=time.perf_counter();"
        "from copydesk.integrations.spark import spark_session, run_spark;"
        "from copydesk.config import Config;"
        "s=spark_session('local[2]');t1=time.perf_counter();"
        f"r,w=run_spark([{str(path)!r}],Config(),spark=s);w.close();"
        "print(json.dumps({'startup':t1-t,'run':time.perf_counter()-t1,"
        "'records':r.summary.records}))"
    )
    out = tempfile.TemporaryFile()
    _wall, peak, _rc = run_child([sys.executable, "-c", code], stdout=out)
    out.seek(0)
    lines = [ln for ln in out.read().decode().splitlines() if ln.startswith("{")]
    res = json.loads(lines[-1]) if lines else {"startup": float("nan"), "run": float("nan")}
    res["peak"] = peak
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="copydesk benchmark")
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    ap.add_argument("--corpus", type=Path, help="use this JSONL instead of building one")
    ap.add_argument("--anchor-records", type=int, default=1500)
    ap.add_argument("--spark", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument(
        "--repeat", type=int, default=1, help="run each copydesk CLI row N times, keep the fastest"
    )
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    args = ap.parse_args(argv)

    path = args.corpus
    if path is None:
        path = Path(tempfile.gettempdir()) / f"copydesk-bench-{args.size}.jsonl"
        if not path.exists():
            print(f"building {path} ...", flush=True)
            print(build(path, args.size))
    size = path.stat().st_size
    mb = size / 1e6
    with open(path, "rb") as fh:
        n_records = sum(1 for line in fh if line.strip())
    rows: list[tuple[str, float, float, float | None, str]] = []  # name, sec, rec/s, peak

    t_floor = floor(path)
    rows.append(("floor: read + json.loads", t_floor, n_records / t_floor, None, ""))
    print(f"floor {t_floor:.2f}s", flush=True)

    load_before = machine()["load"]
    results: dict[str, tuple[float, int]] = {}
    # The fixed cost of a run (interpreter start, imports, report): one record, --jobs 1.
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        with open(path, "rb") as fh:
            one.write_bytes(fh.readline())
        cmd = [sys.executable, "-m", "copydesk", "check", str(one), "--jobs", "1"]
        t_start, _peak, _rc = run_child([*cmd, "--format", "json", "--no-progress"])
    print(f"start-up (1 record) {t_start:.2f}s", flush=True)
    for jobs in (1, 2):
        runs = []
        for _ in range(max(1, args.repeat)):
            with tempfile.NamedTemporaryFile(suffix=".json") as rep, open(rep.name, "w") as out:
                cmd = [sys.executable, "-m", "copydesk", "check", str(path), "--jobs", str(jobs)]
                cmd += ["--format", "json", "--no-progress"]
                runs.append((*run_child(cmd, stdout=out), OTHER_CPU["last"]))
        wall, peak, rc, other = min(runs)
        peak = max(r[1] for r in runs)
        results[f"jobs{jobs}"] = (wall, peak)
        note = f"exit {rc}; {1000 * wall / n_records:.2f} ms/record; "
        note += f"other processes used {other:.1f} CPU-s meanwhile"
        if len(runs) > 1:
            note += "; fastest of " + ", ".join(f"{r[0]:.1f}" for r in runs) + " s"
        rows.append((f"copydesk --jobs {jobs}", wall, n_records / wall, peak, note))
        print(f"copydesk --jobs {jobs}: {wall:.1f}s peak {peak / 1e6:.0f} MB", flush=True)
    rows.append(
        ("copydesk start-up (1-record file)", t_start, float("nan"), None, "in the rows above")
    )

    recs = sample(path, args.anchor_records)
    anchors: dict[str, float] = {}
    # copydesk itself on the anchor records, in process: the anchors' rates are compared
    # with this one (the same records), not with the whole file's.
    from copydesk.engine import check_records

    check_records(recs[:5], jobs=1)  # imports and tables, as the anchors' set-up
    t0 = time.perf_counter()
    check_records(recs, jobs=1)
    sec = time.perf_counter() - t0
    same_rate = len(recs) / sec
    what = "copydesk.engine.check_records(jobs=1), full check set"
    rows.append((f"copydesk in-process ({len(recs)} records)", sec, same_rate, None, what))
    print(f"copydesk in-process on the anchor records: {same_rate:.0f} rec/s", flush=True)
    for name, fn in (
        ("GX", anchor_gx),
        ("pandera", anchor_pandera),
        ("datatrove", anchor_datatrove),
    ):
        try:
            sec, what = fn(recs)
            anchors[name] = len(recs) / sec
            rows.append((f"{name} ({len(recs)} records)", sec, len(recs) / sec, None, what))
            print(f"{name}: {len(recs) / sec:.0f} rec/s", flush=True)
        except Exception as exc:  # an anchor that is not installed is reported, not fatal
            rows.append((name, float("nan"), float("nan"), None, f"not run: {exc!r}"[:120]))
            print(f"{name}: not run ({exc!r})", flush=True)

    spark: dict[str, float] | None = None
    if args.spark:
        spark = spark_run(path)
        note = f"session start-up {spark['startup']:.1f}s not included"
        sec = spark["run"]
        rows.append(("Spark local[2]", sec, n_records / sec, spark["peak"], note))
        print(f"spark: {sec:.1f}s ({note})", flush=True)

    j1, j2 = results["jobs1"][0], results["jobs2"][0]
    ratios = {
        "copydesk --jobs 1 / floor (target <= 5, aim 3)": j1 / t_floor,
        "copydesk --jobs 1 without start-up / floor": (j1 - t_start) / t_floor,
        "copydesk --jobs 2 / floor": j2 / t_floor,
        "jobs-2 speed-up (target >= 1.7)": j1 / j2,
    }
    for name, rate in anchors.items():
        ratios[f"{name} time / copydesk time, same {len(recs)} records, in process"] = (
            same_rate / rate
        )
    if spark:
        ratios["Spark local[2] time / copydesk --jobs 2 time"] = spark["run"] / j2
    ratios["peak RSS --jobs 2, MB (target < 400 on 1 GB)"] = results["jobs2"][1] / 1e6

    print("\nratios:")
    for k, v in ratios.items():
        print(f"  {k}: {v:.2f}")

    m = machine()
    lines = [
        "# copydesk benchmark results",
        "",
        f"Machine: {m['nproc']} cores, {m['ram']} RAM, {m['cpu']}; Python {m['python']}; "
        f"{m['platform']}. Load average (1, 5, 15 min) before the copydesk runs: {load_before}; "
        f"at the end: {m['load']}.",
        f"Input: {path.name}, {mb:.1f} MB, {n_records} records (`benchmarks/build_corpus.py`). "
        "Anchors ran on the first records of the same file, as did copydesk in process (the "
        "reference of the anchor ratios: the same records).",
        "",
        "| run | seconds | records/s | MB/s | peak RSS | note |",
        "|---|---|---|---|---|---|",
    ]
    for name, sec, rate, peak, note in rows:
        skip = ("GX", "pandera", "datatrove", "copydesk start-up", "copydesk in-process")
        mbs = f"{mb / sec:.2f}" if not name.startswith(skip) else ""
        pk = f"{peak / 1e6:.0f} MB" if peak else ""
        rt = f"{rate:.0f}" if rate == rate else ""
        lines.append(f"| {name} | {sec:.2f} | {rt} | {mbs} | {pk} | {note} |")
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {k} | {v:.2f} |" for k, v in ratios.items()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
