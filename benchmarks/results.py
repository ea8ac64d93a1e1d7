"""The results of ``run.py`` and their markdown: the issue's targets, the CLI runs, the
in-process anchors, the costs per family and per check, and the ratios, with the machine
described."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import costs as costs_mod
from proc import Run

#: the anchor commit of the per-core target: the code before issue 12
BEFORE = "3e1be33"
#: issue 12's targets
PER_CORE_TARGET = 10.0  #: records/s per core, current / the code before the issue
DATATROVE_TARGET = 3.0  #: datatrove's CPU time / copydesk's, same records
JOBS_TARGET = 1.7  #: --jobs 1 wall / --jobs 2 wall
RSS_TARGET_MB = 400.0  #: peak RSS of --jobs 2 (flat memory: 1 GB corpus under it too)
KEEP_FROM = "## Earlier runs"  #: the part of an existing results file kept below a new run


@dataclass
class Results:
    """Everything one ``run.py`` run measured."""

    path: Path
    records: int
    size: int  #: bytes
    floor: float = 0.0
    cli: dict[tuple[str, int], Run] = field(default_factory=dict)  # (variant, jobs) -> best
    cli_runs: dict[tuple[str, int], list[Run]] = field(default_factory=dict)
    summaries: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    startup: dict[str, Run] = field(default_factory=dict)  # variant -> best
    startup_repeat: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # variant -> label
    in_process: dict[str, float] = field(default_factory=dict)  # name -> best CPU s
    in_process_what: dict[str, str] = field(default_factory=dict)
    in_process_records: int = 0
    costs: costs_mod.Costs | None = None
    spark: dict[str, float] | None = None
    load_before: str = ""
    command: str = ""  #: the command line of the run


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool | None  #: None: not measured in this run, or shown for information


def _mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def _yes(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "—"}[met]


def per_core(res: Results, commit: str, target: float | None = PER_CORE_TARGET) -> Target:
    """Records/s per core of the current ``-j1`` over ``commit``'s, same corpus, same run
    (``target`` None: for information)."""
    goal = f"≥ {target:g}×" if target else "vs"
    name = f"records/s per core {goal} {commit} ({res.labels.get(commit, '')})"
    cur, old = res.cli.get(("current", 1)), res.cli.get((commit, 1))
    if cur is None or old is None:
        return Target(name, "not measured", None)
    ratio = old.cpu / cur.cpu
    got = f"{ratio:.2f}× ({res.records / cur.cpu:.0f} vs {res.records / old.cpu:.0f} records "
    got += f"per CPU-s; wall {old.wall / cur.wall:.2f}×)"
    return Target(name, got, ratio >= target if target else None)


def datatrove(res: Results) -> Target:
    name = f"≥ {DATATROVE_TARGET:g}× datatrove's C4 + Gopher repetition + FineWeb filters"
    cd, dt = res.in_process.get("copydesk"), res.in_process.get("datatrove")
    if cd is None or dt is None:
        why = res.in_process_what.get("datatrove", "not asked (--tools)")
        return Target(name, why.replace("|", "/"), None)
    n = res.in_process_records
    got = f"{dt / cd:.2f}× ({n / cd:.0f} vs {n / dt:.0f} records per CPU-s, same {n} records)"
    return Target(name, got, dt / cd >= DATATROVE_TARGET)


def jobs(res: Results) -> Target:
    name = f"--jobs 2 ≥ {JOBS_TARGET:g}× --jobs 1 (wall)"
    j1, j2 = res.cli.get(("current", 1)), res.cli.get(("current", 2))
    if j1 is None or j2 is None:
        return Target(name, "not measured", None)
    got = f"{j1.wall / j2.wall:.2f}× ({j1.wall:.1f} s / {j2.wall:.1f} s; other processes "
    got += f"used {j1.other:.0f} / {j2.other:.0f} CPU-s meanwhile)"
    return Target(name, got, j1.wall / j2.wall >= JOBS_TARGET)


def memory(res: Results) -> Target:
    name = f"peak RSS --jobs 2 < {RSS_TARGET_MB:g} MB (memory flat)"
    j1, j2 = res.cli.get(("current", 1)), res.cli.get(("current", 2))
    if j1 is None or j2 is None:
        return Target(name, "not measured", None)
    got = f"-j1 {_mb(j1.peak)}, -j2 {_mb(j2.peak)}"
    if (BEFORE, 1) in res.cli:
        got += f" ({BEFORE} -j1 {_mb(res.cli[(BEFORE, 1)].peak)})"
    return Target(name, got, j2.peak / 1e6 < RSS_TARGET_MB)


#: issue 12: "a one-record check starts in <= 0.3 s" (CPU seconds of the whole process)
STARTUP_TARGET = 0.3


def startup(res: Results) -> Target:
    name = (
        f"one-record check starts in ≤ {STARTUP_TARGET} s "
        f"(best of {res.startup_repeat}, CPU, bytecode cached)"
    )
    cur, old = res.startup.get("current"), res.startup.get(BEFORE)
    if cur is None:
        return Target(name, "not measured", None)
    got = f"{cur.cpu:.2f} s CPU, {cur.wall:.2f} s wall"
    if old is not None:
        got += f" ({BEFORE}: {old.cpu:.2f} s CPU, {old.wall:.2f} s wall)"
    return Target(name, got, cur.cpu <= STARTUP_TARGET)


def targets(res: Results) -> list[Target]:
    """The issue's targets, in the order of the issue; other commits for information."""
    out = [per_core(res, BEFORE)]
    for commit in res.labels:
        if commit not in ("current", BEFORE):
            out.append(per_core(res, commit, None))
    return [*out, datatrove(res), jobs(res), memory(res), startup(res)]


def targets_table(res: Results) -> list[str]:
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t.name} | {t.measured} | {_yes(t.met)} |" for t in targets(res)]
    return lines


def targets_text(res: Results) -> str:
    """The targets as printed on the console."""
    return "targets:\n" + "\n".join(
        f"  [{_yes(t.met).strip('*')}] {t.name}: {t.measured}" for t in targets(res)
    )


def _cli_note(res: Results, key: tuple[str, int], run: Run) -> str:
    s = res.summaries.get(key, {})
    note = f"exit {run.rc}; {s.get('records', '?')} records, {s.get('findings', '?')} findings; "
    note += f"other processes {run.other:.1f} CPU-s"
    walls = res.cli_runs.get(key, [])
    if len(walls) > 1:
        note += "; rounds " + ", ".join(f"{r.wall:.1f}" for r in walls) + " s"
    return note


def cli_table(res: Results) -> list[str]:
    mb = res.size / 1e6
    lines = [
        "| run | wall s | CPU s | records/s | records/s per core | MB/s | peak RSS | note |",
        "|---|---|---|---|---|---|---|---|",
        f"| floor: read + json.loads, in process | | {res.floor:.2f} | | "
        f"{res.records / res.floor:.0f} | {mb / res.floor:.1f} (per core) | | |",
    ]
    for key, run in sorted(res.cli.items(), key=lambda kv: (kv[0][0] != "current", kv[0])):
        name = f"{key[0]} -j{key[1]}" + (f" ({res.labels[key[0]]})" if key[0] != "current" else "")
        lines.append(
            f"| {name} | {run.wall:.2f} | {run.cpu:.2f} | {res.records / run.wall:.0f} | "
            f"{res.records / run.cpu:.0f} | {mb / run.wall:.2f} | {_mb(run.peak)} | "
            f"{_cli_note(res, key, run)} |"
        )
    for name, run in res.startup.items():
        lines.append(
            f"| start-up {name} (1-record file, best of {res.startup_repeat}) | {run.wall:.2f} | "
            f"{run.cpu:.2f} | | | | {_mb(run.peak)} | exit {run.rc} |"
        )
    return lines


def in_process_table(res: Results) -> list[str]:
    n = res.in_process_records
    lines = [
        f"| in process, first {n} records | CPU s | records per CPU-s | × copydesk's time | what |",
        "|---|---|---|---|---|",
    ]
    ref = res.in_process.get("copydesk")
    for name, what in res.in_process_what.items():
        sec = res.in_process.get(name)
        if sec is None:
            lines.append(f"| {name} | | | | {what} |")
            continue
        times = f"{sec / ref:.2f}" if ref else ""
        lines.append(f"| {name} | {sec:.2f} | {n / sec:.0f} | {times} | {what} |")
    return lines


def ratios(res: Results) -> dict[str, float]:
    """Further ratios of this run (information, no target)."""
    out: dict[str, float] = {}
    j1, j2 = res.cli.get(("current", 1)), res.cli.get(("current", 2))
    if j1:
        out["copydesk -j1 CPU / floor"] = j1.cpu / res.floor
        if "current" in res.startup:
            out["copydesk -j1 CPU without start-up / floor"] = (
                j1.cpu - res.startup["current"].cpu
            ) / res.floor
    old = res.cli.get((BEFORE, 1))
    if j1 and old and {"current", BEFORE} <= res.startup.keys():
        net = [r.cpu - res.startup[v].cpu for r, v in ((old, BEFORE), (j1, "current"))]
        name = f"records/s per core, current / {BEFORE}, start-up CPU taken off both"
        out[name] = net[0] / net[1] if min(net) > 0 else float("nan")  # nan: corpus too small
    if j2 and res.spark:
        out["Spark local[2] time / copydesk -j2 time"] = res.spark["run"] / j2.wall
    return out


def spark_lines(res: Results) -> list[str]:
    if not res.spark:
        return []
    sec = res.spark["run"]
    return [
        "",
        f"Spark `local[2]`: {sec:.1f} s ({res.records / sec:.0f} records/s), peak RSS "
        f"{_mb(res.spark['peak'])}; session start-up {res.spark['startup']:.1f} s not included.",
    ]


def costs_lines(c: costs_mod.Costs | None) -> list[str]:
    if c is None:
        return []
    head = f"## Where the time goes ({c.records} records, `benchmarks/costs.py`, CPU seconds)"
    return [
        "",
        head,
        "",
        *costs_mod.family_table(c),
        "",
        *costs_mod.check_table(c, 15),
    ]


def header(res: Results, m: dict[str, str]) -> list[str]:
    return [
        "# copydesk benchmark results",
        "",
        f"Machine: {m['nproc']} cores, {m['ram']} RAM, {m['cpu']}; Python {m['python']}; "
        f"{m['platform']}. Load average (1, 5, 15 min) at the start: {res.load_before}; at the "
        f"end: {m['load']}.",
        f"Input: {res.path.name}, {res.size / 1e6:.1f} MB, {res.records} records "
        "(`benchmarks/build_corpus.py`). Every CLI variant ran from a neutral directory (default "
        "config), in interleaved rounds; best round kept. records/s per core = records / CPU "
        "seconds of the process tree.",
        *([f"Command: `{res.command}`."] if res.command else []),
    ]


def render(res: Results, m: dict[str, str]) -> str:
    """The whole results file."""
    lines = [*header(res, m), "", "## Targets (issue 12)", "", *targets_table(res)]
    lines += ["", "## Runs", "", *cli_table(res), *spark_lines(res)]
    if res.in_process:
        lines += ["", *in_process_table(res)]
    lines += costs_lines(res.costs)
    extra = ratios(res)
    if extra:
        lines += ["", "| ratio | value |", "|---|---|"]
        lines += [f"| {k} | {v:.2f} |" if v == v else f"| {k} | n/a |" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def write(out: Path, text: str) -> None:
    """Write ``text`` to ``out``, keeping the part of the old file from :data:`KEEP_FROM` on."""
    kept = ""
    if out.exists():
        old = out.read_text(encoding="utf-8")
        at = old.find(KEEP_FROM)
        kept = old[at:] if at >= 0 else ""
    out.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
