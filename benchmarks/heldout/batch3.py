"""Build held-out batch 3 (``fixtures/extracted-b3/``) with a different page generator.

Articles: 10 People's Daily 2019 articles not in batches 1 and 2 (by id and by body) and 4
Sydney Morning Herald articles of OverProof dataset2 (batches 1 and 2 used dataset3), drawn
once by a fixed seed (``b3_store``). Pages: ``b3_typeset`` (reportlab, its own line breaker,
narrow columns, boxed one-sentence quotes mid-column and in a sidebar, other fonts, a folio at
the foot). Extraction and labels: ``make_cases.extract`` / ``build_ref`` / ``label`` (the same
five extractors and the same alignment as batches 1 and 2). Stored as edit scripts against
the corpus text (``b3_store``): no article text enters the repository.

Run from the repository root (needs the ``bench`` extra, ``reportlab``, poppler-utils and the
fonts listed in ``b3_typeset``):

    python benchmarks/heldout/batch3.py [--keep-pdf DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks.heldout import b3_store, make_cases  # noqa: E402
from benchmarks.heldout.b3_corpora import pd2019  # noqa: E402
from benchmarks.heldout.b3_typeset import Sheet, typeset  # noqa: E402


def articles() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(clean record, its ``source`` reference) for every batch-3 article."""
    b12 = set(make_cases.ZH_IDS) | set(make_cases.b2_zh_ids())
    bodies = {r["body"] for r in pd2019().values() if r["id"] in b12}
    out = []
    for rid in b3_store.b3_zh_ids(b12, bodies):
        ref = {"corpus": "peoples_daily_2019", "id": rid}
        rec = b3_store.source_record(ref)
        assert rec is not None
        out.append((rec, ref))
    for number in b3_store.b3_en_keys():
        ref = {"corpus": f"overproof/{b3_store.EN_DATASET}", "number": number}
        rec = b3_store.source_record(ref)
        assert rec is not None
        out.append((rec, ref))
    return out


def write_case(
    out: Path, sheet: Sheet, rec: dict[str, Any], ref_src: dict[str, Any], name: str, text: str
) -> dict[str, Any]:
    """Label one extraction and store it as an edit script; check the round trip."""
    body = text.rstrip()
    page = make_cases.Page(sheet.case, sheet.lang, rec, sheet.layout, sheet.furniture)
    page.pieces = sheet.pieces
    ref = make_cases.build_ref(sheet.pieces)
    labels, _other, stats = make_cases.label(body, page, ref, rec["id"])
    boxes, stats["box-unlabelled"] = box_labels(body, page, ref, rec["id"])
    labels = [lab for lab in labels if lab["check"] != "quote.pull-quote-in-body"] + boxes
    labels.sort(key=lambda lab: (lab["start"], lab["family"]))
    src = b3_store.source_text(rec)
    edits = b3_store.encode(body, src)
    assert b3_store.decode(edits, src) == body
    case = f"{sheet.case}--{name}"
    stats["literal-chars"] = b3_store.literal_chars(edits)
    data = {
        "case": case,
        "extractor": name,
        "source": ref_src,
        "source_sha256": b3_store.sha(src),
        "body_sha256": b3_store.sha(body),
        "layout": sheet.layout,
        "stats": dict(sorted(stats.items())),
        "labels": [
            {k: lab[k] for k in ("family", "check", "start", "end", "note")} for lab in labels
        ],
        "edits": edits,
    }
    path = b3_store.dump_case(out / case, data)
    loaded = b3_store.load_case(path)
    assert loaded is not None and loaded.naive["body"] == body
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab["check"]] = counts.get(lab["check"], 0) + 1
    return {"case": case, "counts": counts, "stats": stats}


def versions() -> dict[str, str]:
    """Versions of the typesetter, the fonts and the extractors."""
    import subprocess

    import pdfminer
    import pymupdf
    import pypdf
    import reportlab

    def dpkg(pkg: str) -> str:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True)
        return r.stdout.decode() or "?"

    pdftotext = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    return {
        "reportlab": reportlab.Version,
        "pdftotext": (pdftotext.stdout or pdftotext.stderr).splitlines()[0],
        "pdfminer.six": pdfminer.__version__,
        "pypdf": pypdf.__version__,
        "pymupdf": pymupdf.VersionBind,
        **{
            pkg: dpkg(pkg)
            for pkg in ("fonts-arphic-uming", "fonts-arphic-ukai", "fonts-wqy-zenhei")
        },
        "fonts-liberation2": dpkg("fonts-liberation2"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep-pdf", type=Path, help="also keep the PDFs here")
    ap.add_argument("--out", type=Path, default=b3_store.FOLDER, help="output folder")
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*/case.json"):  # README.md and first_measurement.json stay
        shutil.rmtree(old.parent)
    vers = versions()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep_pdf or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n, (rec, ref_src) in enumerate(articles()):
            pdf = work / f"{rec['id']}.pdf"
            sheet = typeset(rec, rec["language"], n, pdf)
            for name in make_cases.EXTRACTORS:
                info = write_case(out, sheet, rec, ref_src, name, make_cases.extract(pdf, name))
                print(info["case"], info["counts"], info["stats"], flush=True)
    (out / "versions.json").write_text(json.dumps(vers, indent=1) + "\n", "utf-8")


def box_labels(body: str, page: Any, ref: Any, rid: str) -> tuple[list[dict], int]:
    """Box-copy labels from the largest compact cluster of each box's aligned characters.

    ``make_cases.label`` spans a box copy from its first to its last aligned character; in
    narrow interleaved columns a few characters of a short quote align to the body's copy,
    and the span would swallow the page. Here a gap of more than 2x the box's length starts
    a new cluster; the label is the cluster with most characters, kept when it holds at
    least half of the box. Returns the labels and the number of boxes left unlabelled.
    """
    skip = {i for s, e in make_cases.find_furniture(body, page.furniture) for i in range(s, e)}
    mapping = make_cases.align(body, ref, skip)
    out, dropped = [], 0
    for k, (kind, text) in enumerate(page.pieces):
        if kind != "box":
            continue
        size = len("".join(text.split()))
        idx = sorted(i for i, r in mapping.items() if ref.piece[r] == k)
        clusters: list[list[int]] = []
        for i in idx:
            if clusters and i - clusters[-1][-1] <= 2 * size:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        best = max(clusters, key=len, default=[])
        if len(best) * 2 < size:
            dropped += 1
            continue
        out.append(
            {"record": rid, "family": "quote", "check": "quote.pull-quote-in-body",
             "field": "body", "start": best[0], "end": best[-1] + 1,
             "text": body[best[0] : best[-1] + 1], "note": "box copy"}
        )  # fmt: skip
    return out, dropped


if __name__ == "__main__":
    main()
