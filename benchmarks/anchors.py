"""What copydesk is compared with: its own earlier code and other tools, on the same records.

Two kinds of anchor:

- **earlier commits** (:data:`COMMITS`): ``git archive <commit> | tar -x`` into a temporary
  directory, then that tree's CLI (``python -m copydesk check FILE -j1``) runs with
  ``PYTHONPATH`` set to it, from a neutral working directory (no ``copydesk.toml`` or
  ``pyproject.toml`` there: every variant, the current checkout too, runs with the defaults);
- **other tools, in process** (:data:`IN_PROCESS`): Great Expectations running copydesk's
  suite, pandera's ``ArticleSchema``, datatrove's ``C4QualityFilter``,
  ``GopherRepetitionFilter`` and ``FineWebQualityFilter``. Each returns the CPU seconds of
  its work on the records, set-up excluded.

datatrove is not a dependency of the main environment. Install it apart, for instance::

    pip install --no-deps --target /tmp/sp-bench-site datatrove spacy 'thinc>=8.3.12,<8.4' \\
        fsspec huggingface_hub httpx httpx2 httpcore2 h11 filelock truststore loguru humanize \\
        catalogue confection wasabi blis cymem preshed murmurhash srsly typer shellingham \\
        annotated_doc weasel

and give ``run.py --anchor-path /tmp/sp-bench-site`` (appended to ``sys.path``, so the
main environment's packages win); when it cannot be imported, the anchor is skipped with a
message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

#: commit -> what it is. 3e1be33 is the last commit before the work of issue 12 ("parse once,
#: judge many") started; 1760f11 is the code when the issue was filed.
COMMITS: dict[str, str] = {
    "3e1be33": "before issue 12",
    "1760f11": "issue 12 filed",
}


@dataclass(frozen=True)
class Variant:
    """A copydesk tree whose CLI is measured: the current checkout or an extracted commit."""

    name: str  #: ``current`` or the commit
    root: Path  #: the directory put on ``PYTHONPATH``
    label: str

    def env(self) -> dict[str, str]:
        """The environment of this variant's CLI: its tree first on ``PYTHONPATH``."""
        rest = os.environ.get("PYTHONPATH", "")
        return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(self.root), rest) if p)}


def current() -> Variant:
    return Variant("current", REPO, "current checkout")


def extract(commit: str, dest: Path) -> Variant:
    """``git archive <commit> | tar -x -C dest/<commit>``: the tree of ``commit``."""
    root = dest / commit
    root.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", "archive", commit], cwd=REPO, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(root)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise RuntimeError(f"git archive {commit} failed")
    return Variant(commit, root, COMMITS.get(commit, "earlier commit"))


def check_cmd(path: Path, jobs: int) -> list[str]:
    """The CLI command every variant runs: full check set, report JSON to stdout."""
    cmd = [sys.executable, "-m", "copydesk", "check", str(path), "-j", str(jobs)]
    return [*cmd, "--format", "json", "--no-progress"]


def add_paths(paths: Sequence[Path]) -> None:
    """Append ``paths`` (site directories of anchors installed apart) to ``sys.path``."""
    for p in paths:
        if str(p) not in sys.path:
            sys.path.append(str(p))


def _cpu_timer(work: Callable[[], Any]) -> float:
    t0 = time.process_time()
    work()
    return time.process_time() - t0


def copydesk_in_process(records: list[dict[str, Any]]) -> Callable[[], float]:
    """The reference of the in-process anchors: ``check_records`` on the same records."""
    from copydesk.engine import check_records

    check_records(records[:5], jobs=1)  # imports and tables, as the anchors' set-up
    return lambda: _cpu_timer(lambda: check_records(records, jobs=1))


def anchor_gx(records: list[dict[str, Any]]) -> Callable[[], float]:
    from copydesk.integrations import gx as cgx

    cgx.validate(cgx.annotate(records[:5]))
    return lambda: _cpu_timer(lambda: cgx.validate(cgx.annotate(records)))


def anchor_pandera(records: list[dict[str, Any]]) -> Callable[[], float]:
    import pandas as pd
    import pandera.errors

    from copydesk.schemas import ArticleSchema

    df = pd.DataFrame(records)

    def work() -> None:
        try:
            ArticleSchema.validate(df, lazy=True)
        except pandera.errors.SchemaErrors:
            pass

    return lambda: _cpu_timer(work)


def anchor_datatrove(records: list[dict[str, Any]]) -> Callable[[], float]:
    """Each of the three filters on every body (no early drop: copydesk runs every check on
    every record), each on a fresh ``Document`` (C4 rewrites the text it keeps)."""
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherRepetitionFilter,
    )

    filters = [C4QualityFilter(), GopherRepetitionFilter(), FineWebQualityFilter()]
    bodies = [(str(r.get("body") or ""), str(r.get("id"))) for r in records]
    for text, ident in bodies[:5]:  # first-call set-up (tokenizer loading) is not per record
        for f in filters:
            f.filter(Document(text=text, id=ident))

    def one_round() -> float:
        docs = [[Document(text=t, id=i) for t, i in bodies] for _ in filters]
        return _cpu_timer(
            lambda: [f.filter(d) for f, ds in zip(filters, docs, strict=True) for d in ds]
        )

    return one_round


#: name -> (what runs, set-up returning a timed round)
IN_PROCESS: dict[str, tuple[str, Callable[[list[dict[str, Any]]], Callable[[], float]]]] = {
    "GX": ("copydesk.integrations.gx: annotate + Checkpoint", anchor_gx),
    "pandera": ("copydesk.schemas.ArticleSchema.validate(lazy=True)", anchor_pandera),
    "datatrove": (
        "C4Quality + GopherRepetition + FineWebQuality .filter(), every body",
        anchor_datatrove,
    ),
}
