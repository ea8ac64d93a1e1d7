"""``fixtures/overproof-en`` stored without the article's text.

The fixture is one OverProof dataset3 article (raw OCR lines next to their human correction).
``case.json`` names the article, and holds the fixture's three text files as edit scripts
(``b3_store.encode``) against the article's raw lines and corrected lines joined by ``\\n``:
``raw`` (``raw.txt``), and ``naive`` / ``gold`` (the records of ``naive.jsonl`` /
``gold.jsonl``: each text field an edit script, the other fields as they are). ``sha256``
holds the SHA-256 of each file as it was stored before, so the rebuild is proved byte-exact.
``expected.json`` (labels, offsets, short reasons; label text is white space only) stays as is.

Standard library and the frozen corpus readers only: the tests import it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.heldout import b3_store
from benchmarks.heldout.b3_corpora import overproof_articles

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "overproof-en"
TEXT_FIELDS = b3_store.SOURCE_FIELDS


@dataclass
class SeedFixture:
    """The rebuilt files of the fixture."""

    raw: str
    naive: list[dict[str, Any]]
    gold: list[dict[str, Any]]


def article_text(ref: dict[str, Any]) -> str | None:
    """The raw OCR lines, then the corrected lines, of an OverProof dataset3 article, joined by
    ``\\n``; None when the corpus is absent."""
    if ref["corpus"] != f"overproof/{b3_store.D3_DATASET}":
        raise ValueError(ref["corpus"])
    art = overproof_articles(b3_store.D3_DATASET).get((int(ref["number"]), int(ref["year"])))
    if art is None:
        return None
    _title, raw, gold = art
    return "\n".join(raw + gold)


def jsonl(records: list[dict[str, Any]]) -> str:
    """Records as the fixture's JSONL files hold them."""
    return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)


def _encode_record(rec: dict[str, Any], source: str) -> dict[str, Any]:
    return {k: b3_store.encode(v, source) if k in TEXT_FIELDS else v for k, v in rec.items()}


def _decode_record(rec: dict[str, Any], source: str) -> dict[str, Any]:
    return {k: b3_store.decode(v, source) if k in TEXT_FIELDS else v for k, v in rec.items()}


def encode(
    ref: dict[str, Any], raw: str, naive: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> dict[str, Any]:
    """The ``case.json`` content for the given files; raises ValueError without the corpus."""
    source = article_text(ref)
    if source is None:
        raise ValueError("../shared/corpora is absent")
    return {
        "case": "overproof-en",
        "source": ref,
        "source_sha256": b3_store.sha(source),
        "sha256": {
            "raw.txt": b3_store.sha(raw),
            "naive.jsonl": b3_store.sha(jsonl(naive)),
            "gold.jsonl": b3_store.sha(jsonl(gold)),
        },
        "raw": b3_store.encode(raw, source),
        "naive": [_encode_record(r, source) for r in naive],
        "gold": [_encode_record(r, source) for r in gold],
    }


def load(folder: Path = FOLDER) -> SeedFixture | None:
    """Rebuild the fixture's files from ``case.json`` and the corpus; None when the corpus
    is absent. Raises ValueError when the corpus text or a rebuilt file differs (SHA-256)."""
    data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    source = article_text(data["source"])
    if source is None:
        return None
    if b3_store.sha(source) != data["source_sha256"]:
        raise ValueError(f"{folder.name}: the corpus text differs from the one stored")
    out = SeedFixture(
        b3_store.decode(data["raw"], source),
        [_decode_record(r, source) for r in data["naive"]],
        [_decode_record(r, source) for r in data["gold"]],
    )
    rebuilt = {"raw.txt": out.raw, "naive.jsonl": jsonl(out.naive), "gold.jsonl": jsonl(out.gold)}
    for name, text in rebuilt.items():
        if b3_store.sha(text) != data["sha256"][name]:
            raise ValueError(f"{folder.name}: the rebuilt {name} differs")
    return out


def records(folder: Path, kind: str) -> list[dict[str, Any]] | None:
    """The ``naive`` or ``gold`` records of a fixture folder: rebuilt when it holds a
    ``case.json`` (None when the corpus is absent), else read from ``<kind>.jsonl``."""
    if (folder / "case.json").exists():
        fixture = load(folder)
        return None if fixture is None else getattr(fixture, kind)
    text = (folder / f"{kind}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]
