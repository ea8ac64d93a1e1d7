"""copydesk's benchmark: one command, one input, every engine and anchor measured in one run.

``python benchmarks/run.py --size 20MB --anchor-path /tmp/sp-bench-site`` builds (or reuses) a
corpus with ``benchmarks/build_corpus.py``, then measures on the same file:

- the floor: reading the file and decoding every JSON line, nothing else;
- ``copydesk check -j1`` and ``-j2`` (full check set, report JSON written) as child
  processes, and ``-j1`` of the code before issue 12 (commit 3e1be33) and when it was filed
  (1760f11), extracted with ``git archive`` (``benchmarks/anchors.py``): in interleaved rounds
  (current, 3e1be33, current -j2, 1760f11, then again: ``--repeat``) so load on the shared
  machine hits every variant; wall time, CPU time of the process tree, records/s per core
  (records per CPU second), peak RSS of the process tree;
- the start-up: a one-record file, best of ``--startup-repeat`` runs, wall and CPU (every
  child runs with a bytecode cache of its variant's own, as an installed package has its
  ``.pyc`` files; one unmeasured start-up per variant writes it);
- in process, on the first ``--anchor-records`` records, in interleaved rounds: copydesk
  (``check_records``), Great Expectations running copydesk's suite, pandera's
  ``ArticleSchema``, datatrove's C4, Gopher-repetition and FineWeb filters (CPU time);
- where the time goes: CPU seconds per family and per check (``benchmarks/costs.py``);
- the Spark engine in ``local[2]`` (``--spark``; session start-up reported apart).

It prints the issue's targets (met or not) and writes them with every table to
``benchmarks/results.md`` (machine described; a part of that file from ``## Earlier runs`` on
is kept). The machine is shared and noisy: compare ratios measured in one run, not absolute
figures across runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import anchors  # noqa: E402
import costs as costs_mod  # noqa: E402
import results  # noqa: E402
from build_corpus import build, parse_size  # noqa: E402
from proc import Run, best, machine, run_child  # noqa: E402
from results import Results  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="copydesk benchmark")
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    ap.add_argument("--corpus", type=Path, help="use this JSONL instead of building one")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved rounds (best kept)")
    ap.add_argument("--startup-repeat", type=int, default=5)
    ap.add_argument("--commits", default=",".join(anchors.COMMITS), help="'' for none")
    ap.add_argument("--tools", default=",".join(anchors.IN_PROCESS), help="'' for none")
    ap.add_argument("--anchor-records", type=int, default=1500)
    ap.add_argument("--anchor-path", type=Path, action="append", default=[])
    ap.add_argument("--no-anchors", action="store_true", help="no commit, tool or Spark")
    ap.add_argument("--spark", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    args = ap.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    args.commits = [c for c in args.commits.split(",") if c] if not args.no_anchors else []
    args.tools = [t for t in args.tools.split(",") if t] if not args.no_anchors else []
    args.spark = args.spark and not args.no_anchors
    return args


def corpus_path(args: argparse.Namespace) -> Path:
    if args.corpus is not None:
        return Path(args.corpus)
    path = Path(tempfile.gettempdir()) / f"copydesk-bench-{args.size}.jsonl"
    if not path.exists():
        print(f"building {path} ...", flush=True)
        print(build(path, args.size))
    return path


def floor(path: Path) -> float:
    """CPU seconds to read the file and decode every line, nothing else."""
    t0 = time.process_time()
    with open(path, "rb") as fh:
        for line in fh:
            try:
                json.loads(line)
            except ValueError:
                pass
    return time.process_time() - t0


def sample(path: Path, n: int) -> list[dict[str, Any]]:
    """The first ``n`` readable records of ``path``."""
    out: list[dict[str, Any]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if len(out) >= n:
                break
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict):
                out.append(rec)
    return out


def cli_run(
    v: anchors.Variant, path: Path, jobs: int, cwd: Path, env: dict[str, str] | None = None
) -> tuple[Run, dict[str, Any]]:
    """One ``check`` run of variant ``v`` (in ``env``, else the variant's own): the measure
    and the report's summary."""
    with tempfile.TemporaryFile() as out:
        run = run_child(anchors.check_cmd(path, jobs), stdout=out, cwd=cwd, env=env or v.env())
        out.seek(0)
        try:
            summary = json.loads(out.read()).get("summary", {})
        except ValueError:
            summary = {}
    return run, summary


def cli_rounds(
    res: Results,
    variants: list[anchors.Variant],
    repeat: int,
    cwd: Path,
    envs: dict[str, dict[str, str]],
) -> None:
    """Interleaved rounds: current -j1, first anchor, current -j2, other anchors; again."""
    order = [(variants[0], 1), *((v, 1) for v in variants[1:2]), (variants[0], 2)]
    order += [(v, 1) for v in variants[2:]]
    for r in range(max(1, repeat)):
        for v, jobs in order:
            run, summary = cli_run(v, res.path, jobs, cwd, envs[v.name])
            res.cli_runs.setdefault((v.name, jobs), []).append(run)
            res.summaries.setdefault((v.name, jobs), summary)
            print(f"round {r + 1}: {v.name} -j{jobs}: {run.wall:.1f}s wall {run.cpu:.1f}s CPU")
    res.cli = {key: best(runs) for key, runs in res.cli_runs.items()}


def bytecode_cached(env: dict[str, str], cache: Path) -> dict[str, str]:
    """``env`` with Python's bytecode cache in ``cache`` (``PYTHONPYCACHEPREFIX``) and
    ``PYTHONDONTWRITEBYTECODE`` dropped: an installed package has its ``.pyc`` files, and a
    start-up measured without them times the compilation of every module at every start."""
    out = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


def startup_rounds(
    res: Results,
    variants: list[anchors.Variant],
    repeat: int,
    cwd: Path,
    envs: dict[str, dict[str, str]],
) -> None:
    """Best of ``repeat`` runs of ``check one.jsonl -j1`` per variant, interleaved, after one
    unmeasured run per variant that writes its bytecode cache."""
    one = cwd / "one.jsonl"
    with open(res.path, "rb") as fh:
        one.write_bytes(fh.readline())
    for v in variants:
        cli_run(v, one, 1, cwd, envs[v.name])
    runs: dict[str, list[Run]] = {}
    for _ in range(max(1, repeat)):
        for v in variants:
            runs.setdefault(v.name, []).append(cli_run(v, one, 1, cwd, envs[v.name])[0])
    res.startup = {name: best(rs) for name, rs in runs.items()}
    res.startup_repeat = max(1, repeat)
    for name, run in res.startup.items():
        print(f"start-up {name}: {run.wall:.2f}s wall {run.cpu:.2f}s CPU")


def in_process(res: Results, tools: list[str], records: list[dict[str, Any]], repeat: int) -> None:
    """copydesk and each importable tool on the same records, in interleaved rounds."""
    rounds = {"copydesk": anchors.copydesk_in_process(records)}
    res.in_process_what["copydesk"] = "copydesk.engine.check_records(jobs=1), full check set"
    for name in tools:
        what, setup = anchors.IN_PROCESS[name]
        try:
            rounds[name] = setup(records)
            res.in_process_what[name] = what
        except ImportError as exc:  # an anchor that is not installed is skipped
            res.in_process_what[name] = f"not installed ({exc}); see benchmarks/anchors.py"
            print(f"{name}: skipped, not importable: {exc} (see benchmarks/anchors.py)")
        except Exception as exc:  # nor is an anchor that fails fatal
            res.in_process_what[name] = f"not run: {exc!r}"[:160]
            print(f"{name}: not run ({exc!r})", flush=True)
    for _ in range(max(1, repeat)):
        for name, one_round in rounds.items():
            sec = one_round()
            res.in_process[name] = min(sec, res.in_process.get(name, sec))
    res.in_process_records = len(records)
    for name, sec in res.in_process.items():
        print(f"in process {name}: {len(records) / sec:.0f} records per CPU-s", flush=True)


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
    with tempfile.TemporaryFile() as out:
        run = run_child([sys.executable, "-c", code], stdout=out)
        out.seek(0)
        lines = [ln for ln in out.read().decode().splitlines() if ln.startswith("{")]
    nan = float("nan")
    got = json.loads(lines[-1]) if lines else {"startup": nan, "run": nan}
    return {**got, "peak": float(run.peak)}


def variants_of(commits: list[str], tmp: Path) -> list[anchors.Variant]:
    out = [anchors.current()]
    for commit in commits:
        try:
            out.append(anchors.extract(commit, tmp))
        except Exception as exc:  # no git, a shallow clone: the anchor is skipped
            print(f"commit {commit}: not run ({exc!r})", flush=True)
    return out


def measure(args: argparse.Namespace, path: Path) -> Results:
    with open(path, "rb") as fh:
        n_records = sum(1 for line in fh if line.strip())
    res = Results(path, n_records, path.stat().st_size, load_before=machine()["load"])
    res.command = " ".join(["python benchmarks/run.py", *(args.argv or [])])
    res.floor = floor(path)
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        cwd = Path(tmp) / "cwd"
        cwd.mkdir()
        variants = variants_of(args.commits, Path(tmp))
        res.labels = {v.name: v.label for v in variants}
        cache = Path(tmp) / "pycache"
        envs = {v.name: bytecode_cached(v.env(), cache / v.name) for v in variants}
        startup_rounds(res, variants, args.startup_repeat, cwd, envs)
        cli_rounds(res, variants, args.repeat, cwd, envs)
    anchors.add_paths(args.anchor_path)
    recs = sample(path, args.anchor_records)
    in_process(res, args.tools, recs, args.repeat)
    res.costs = costs_mod.measure(path, limit=args.anchor_records)
    if args.spark:
        res.spark = spark_run(path)
    return res


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    path = corpus_path(args)
    res = measure(args, path)
    text = results.render(res, machine())
    print("\n" + results.targets_text(res))
    results.write(args.out, text)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
