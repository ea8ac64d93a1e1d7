"""Per-character cost of the compiled core against the pure-Python reference.

``python benchmarks/bench_scan.py [FILE.jsonl ...]`` reads the string fields of the records
(default: the seed page, ``fixtures/rmrb-2023-11-09-p1``) and times, per character:

- the scan (:func:`copydesk.validators.scan.scan_compiled` against
  :func:`~copydesk.validators.scan.scan_reference`),
- the profile on top of each (``profile_of`` in a process with and without
  ``COPYDESK_PURE=1``),
- the duplicate sketch (normalized code points and MinHash signature, compiled core against
  the numpy path).

Best of ``--repeat`` runs; the outputs of the two paths are compared too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from copydesk.validators import duplicates, scan  # noqa: E402

SEED = REPO / "fixtures" / "rmrb-2023-11-09-p1"


def texts_of(paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            out += [v for v in rec.values() if isinstance(v, str) and v]
    return out


def best(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for s in texts:
            fn(s)
        runs.append(time.perf_counter() - t)
    return min(runs)


def sketch(pure: bool) -> Callable[[str], object]:
    params = {"num_perm": 64, "seed": 1, "shingle": 5, "word_shingle": 3}

    def run(text: str) -> object:
        cps = duplicates.normalized_code_points(text, pure=pure)
        return duplicates.shingle_signature(text, cps, pure=pure, **params)

    return run


def profile_seconds(paths: list[Path], pure: bool, repeat: int) -> float:
    """``profile_of`` over the texts, in a fresh process (the core is chosen at import)."""
    code = (
        "import sys, time, json\n"
        "from copydesk.validators import profile\n"
        "from benchmarks.bench_scan import texts_of\n"
        "from pathlib import Path\n"
        "texts = texts_of([Path(p) for p in sys.argv[2:]])\n"
        "runs = []\n"
        "for _ in range(int(sys.argv[1])):\n"
        "    profile.forget_scans()\n"
        "    t = time.perf_counter()\n"
        "    for s in texts: profile.profile_of(s)\n"
        "    runs.append(time.perf_counter() - t)\n"
        "print(min(runs))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("COPYDESK_PURE", None)
    if pure:
        env["COPYDESK_PURE"] = "1"
    cmd = [sys.executable, "-c", code, str(repeat), *map(str, paths)]
    return float(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = args.files or [SEED / "naive.jsonl", SEED / "gold.jsonl"]
    texts = texts_of(paths)
    chars = sum(map(len, texts))
    if not scan.COMPILED:
        sys.exit("the compiled core is not built (python setup.py build_ext --inplace)")
    same = all(scan.scan_compiled(s) == scan.scan_reference(s) for s in texts)
    duplicates.normalized_code_points("é")  # the NFKC tables, built once per process
    rows = [
        (
            "scan",
            best(scan.scan_reference, texts, args.repeat),
            best(scan.scan_compiled, texts, args.repeat),
        ),
        (
            "profile_of",
            profile_seconds(paths, True, args.repeat),
            profile_seconds(paths, False, args.repeat),
        ),
        ("sketch", best(sketch(True), texts, args.repeat), best(sketch(False), texts, args.repeat)),
    ]
    print(f"{len(texts)} texts, {chars:,} characters; compiled scan == reference: {same}")
    print(f"{'':12s} {'pure ns/char':>13s} {'compiled ns/char':>17s} {'speed-up':>9s}")
    for name, pure, fast in rows:
        print(
            f"{name:12s} {1e9 * pure / chars:13.1f} {1e9 * fast / chars:17.1f} {pure / fast:8.1f}x"
        )


if __name__ == "__main__":
    main()
