"""Measuring a child process on a shared machine: wall time, CPU time, peak RSS, and the CPU
other processes used meanwhile (how quiet the machine was).

``run_child`` polls the process tree's RSS every 50 ms (psutil) and reads the tree's CPU time
from ``getrusage(RUSAGE_CHILDREN)``: the worker processes of ``--jobs 2`` are joined by their
parent before it exits, so their time is counted.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    wall: float  #: seconds
    cpu: float  #: user + system seconds of the process tree
    peak: int  #: peak RSS of the process tree, bytes (sampled every 50 ms)
    rc: int  #: exit code
    other: float  #: CPU seconds used by processes outside the tree meanwhile


def best(runs: Sequence[Run]) -> Run:
    """The fastest wall and CPU times of ``runs`` (each may come from another run), the
    highest peak RSS, and the quietness of the fastest-wall run."""
    fast = min(runs, key=lambda r: r.wall)
    return Run(
        wall=fast.wall,
        cpu=min(r.cpu for r in runs),
        peak=max(r.peak for r in runs),
        rc=fast.rc,
        other=fast.other,
    )


def machine() -> dict[str, str]:
    """The machine, for the results' header: cores, RAM, CPU model, Python, load."""
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


def _busy() -> float:
    t = psutil.cpu_times()
    return t.user + t.system + getattr(t, "nice", 0.0) + getattr(t, "irq", 0.0)


def _cpu(usage: Any) -> float:
    return float(usage.ru_utime + usage.ru_stime)


def _tree_rss(proc: psutil.Popen) -> int:
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    rss = 0
    for p in procs:
        try:
            rss += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return rss


def _wait_peak(proc: psutil.Popen) -> int:
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc))
        time.sleep(0.05)
    return peak


def run_child(
    cmd: Sequence[str],
    stdout: Any = subprocess.DEVNULL,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run ``cmd`` to its end and measure it; the tail of its stderr is shown when it fails
    (exit codes 0 and 1, findings or none, are success)."""
    err = tempfile.TemporaryFile()
    busy0 = _busy()
    kids0 = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    self0 = _cpu(resource.getrusage(resource.RUSAGE_SELF))
    t0 = time.perf_counter()
    proc = psutil.Popen(list(cmd), stdout=stdout, stderr=err, cwd=cwd or REPO, env=env)
    peak = _wait_peak(proc)
    wall = time.perf_counter() - t0
    tree = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - kids0
    mine = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - self0
    other = max(0.0, _busy() - busy0 - tree - mine)
    if proc.returncode not in (0, 1):
        err.seek(0)
        sys.stderr.write(err.read().decode(errors="replace")[-2000:])
    err.close()
    return Run(wall, tree, peak, int(proc.returncode), other)
