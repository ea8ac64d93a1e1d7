"""Loaders for the public corpora copydesk is measured on (``shared/corpora``, see MANIFEST.md).

The corpora are not shipped with copydesk. :func:`shared_dir` finds them: the
``COPYDESK_SHARED`` environment variable, else a ``shared`` folder beside the repository.
Callers (tests, benchmarks) skip cleanly when it returns ``None``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    """The ``shared`` folder holding ``corpora/``, or ``None`` where it is absent."""
    candidates = []
    if os.environ.get("COPYDESK_SHARED"):
        candidates.append(Path(os.environ["COPYDESK_SHARED"]))
    candidates += [_REPO.parent / "shared", _REPO / "shared", Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "corpora").is_dir():
            return c
    return None


def extra_dir() -> Path | None:
    """The folder of extra third-party texts fetched by hand (``COPYDESK_EXTRA``, else an
    ``extra`` folder beside the ``shared`` one), or ``None`` where it is absent."""
    if os.environ.get("COPYDESK_EXTRA"):
        p = Path(os.environ["COPYDESK_EXTRA"])
        return p if p.is_dir() else None
    base = shared_dir()
    if base is None or not (base.parent / "extra").is_dir():
        return None
    return base.parent / "extra"


# the hand-fetched sources and their folders under extra_dir()
EXTRA_FOLDERS = {
    "np3k": "newspaper3k",
    "np3k-b": "newspaper3k-b",
    "goose": "goose",
    "cwced-gold": "cwced",
    "np4k": "newspaper4k",
    "wceb-go": "wceb-go",
}


def extra_complete() -> bool:
    """Whether every hand-fetched source's folder is present (figures measured over all the
    sources, such as the precision floors, hold only then)."""
    base = extra_dir()
    return base is not None and all((base / f).is_dir() for f in EXTRA_FOLDERS.values())


def corpus_path(*parts: str) -> Path | None:
    """A path under ``shared/corpora``, or ``None`` when the corpus or the file is absent."""
    base = shared_dir()
    if base is None:
        return None
    p = base.joinpath("corpora", *parts)
    return p if p.exists() else None


_PD_META = re.compile(r"^(?:作者：(?P<author>.*?)\s+)?时间：(?P<date>\d{4}-\d{2}-\d{2})\s*$")


def _title_block(lines: list[str], meta: int) -> int:
    """Index of the first line of the title block that ends just above line ``meta``."""
    start = meta
    while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("\u3000"):
        start -= 1
    return start


def peoples_daily_2019() -> list[dict[str, Any]]:
    """The clean People's Daily web articles of 2019 as article records.

    Each file holds articles as: a title block (an optional kicker line, the title, an
    optional ``——`` subtitle), a ``[作者：…] 时间：YYYY-MM-DD`` line, then full-width-indented
    paragraphs separated by blank lines. The body keeps the text exactly (indents and blank
    lines included), stripped of the blank lines around it. The kicker goes to ``kicker``.
    """
    folder = corpus_path("zh", "peoples_daily_web_2019")
    if folder is None:
        return []
    records: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        metas = [i for i, ln in enumerate(lines) if _PD_META.match(ln)]
        starts = [_title_block(lines, i) for i in metas]
        for n, i in enumerate(metas):
            title = [ln.strip() for ln in lines[starts[n] : i]]
            subtitle = title.pop() if len(title) > 1 and title[-1].startswith("——") else None
            headline = title.pop() if title else ""
            end = starts[n + 1] if n + 1 < len(metas) else len(lines)
            body = "\n".join(lines[i + 1 : end]).strip("\n")
            m = _PD_META.match(lines[i])
            assert m is not None
            rec: dict[str, Any] = {
                "id": f"pd2019-{path.stem}-{n + 1:02d}",
                "headline": headline,
                "published": m["date"],
                "source": "人民日报",
                "language": "zh",
                "body": body,
            }
            if m["author"]:
                rec["byline"] = m["author"]
            if subtitle:
                rec["subheadline"] = subtitle
            if title:
                rec["kicker"] = " ".join(title)
            records.append(rec)
    return records


@dataclass
class OverProofArticle:
    """One OverProof article: the raw OCR lines and the human-corrected lines, aligned."""

    dataset: str
    number: int
    year: int | None
    title: str
    raw_lines: list[str] = field(default_factory=list)
    gold_lines: list[str] = field(default_factory=list)


_OP_HEADER = re.compile(
    r"^\*\$\*OVERPROOF\*\$\*\s+(\d+)\s+year\s+(\d+)\s+type\s+\S+\s+title\s+(.*)$"
)


def overproof(dataset: str = "dataset3_chroniclingamerica") -> list[OverProofArticle]:
    """Articles of an OverProof evaluation file (``raw ||@@|| gold ||@@|| overproof`` lines)."""
    path = corpus_path("en", "overproof", f"{dataset}_allArticles.txt")
    if path is None:
        return []
    articles: list[OverProofArticle] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = _OP_HEADER.match(line)
        if m:
            title = re.sub(r"\s+https?://\S+$", "", m[3]).strip()
            articles.append(OverProofArticle(dataset, int(m[1]), int(m[2]), title))
            continue
        if not articles or "||@@||" not in line:
            continue
        parts = line.split("||@@||")
        articles[-1].raw_lines.append(parts[0])
        articles[-1].gold_lines.append(parts[1] if len(parts) > 1 else "")
    return articles


def is_caps_line(line: str) -> bool:
    """A line mostly in capitals (a heading of an old newspaper)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip("”’\"')]")
    return bool(s) and s[-1] in ".!?"


def clean_english(gold_lines: list[str]) -> str:
    """An OverProof article's corrected lines joined into paragraphs (``\\n\\n`` between).

    The corrected side keeps the page's column wraps and hyphenation, so: a blank corrected
    line ends a paragraph only after a sentence end or ``:`` (elsewhere it is an artefact and
    is skipped); a line in capitals that does not end in ``-`` or ``,`` and is not followed by
    a lower-case line is a heading paragraph of its own; a line ending in ``-`` is joined to a
    next line that starts with a letter, without the hyphen; other lines are joined with one
    space; runs of spaces become one. The held-out fixtures and the clean-corpus test use it.
    """
    paras: list[str] = []
    cur = ""
    for k, raw in enumerate(gold_lines):
        line = raw.strip()
        nxt = gold_lines[k + 1].strip() if k + 1 < len(gold_lines) else ""
        if not line:
            if cur and not (_ends_sentence(cur) or cur.endswith(":")):
                continue
            if cur:
                paras.append(cur)
            cur = ""
            continue
        if cur.endswith("-") and line[:1].isalpha():
            cur = cur[:-1] + line
            continue
        if is_caps_line(line) and line[-1] not in "-," and not nxt[:1].islower():
            if cur:
                paras.append(cur)
            paras.append(line)
            cur = ""
            continue
        cur = f"{cur} {line}" if cur else line
    if cur:
        paras.append(cur)
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in paras)


# --- The real-world development set (fixtures/real-world/): one loader per source ----------
#
# Each third-party source in shared/corpora ships a ``to_jsonl.py`` converter (standard library
# only). The loaders below run it (``python to_jsonl.py [args]``, stdout parsed as JSONL) so
# that records are made exactly as MANIFEST.md describes, then keep the canonical fields only.
# Record ids are the source's own ids (page hashes, UUIDs, docnos, document ids), prefixed by
# nothing: ``source`` + ``id`` identify a record.


@dataclass(frozen=True)
class Source:
    """One source of the real-world set: its key, how it was made, and whether it is gold."""

    key: str
    kind: str  # "web", "ocr" or "pdf": how the text was made
    gold: bool  # human-corrected or published clean text (false alarms are measured on it)
    language: str
    note: str
    held_out: bool = False  # never used to shape a rule: its precision is a held-out figure


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source("aeb-gold", "web", True, "en", "article-extraction-benchmark human ground truth"),
        Source("aeb-trafilatura", "web", False, "en", "trafilatura 2.0.0 on the same pages"),
        Source("aeb-readability_js", "web", False, "en", "Readability.js 0.6.0"),
        Source("aeb-boilerpipe", "web", False, "en", "boilerpipe"),
        Source("aeb-justext", "web", False, "en", "jusText 3.0.2"),
        Source("aeb-html-text", "web", False, "en", "html-text 0.7.0 (no boilerplate removal)"),
        Source("l3s-body", "web", False, "en", "L3S-GN1: every visible line of the page"),
        Source("l3s-gold", "web", True, "en", "L3S-GN1: the blocks labelled full text"),
        Source("readability-en", "web", False, "en", "Readability.js reviewed test output"),
        Source("readability-zh", "web", False, "zh", "Readability.js test output, qq and gmw"),
        Source("bl-ocr", "ocr", False, "en", "British Library snippets, raw OCR"),
        Source("bl-gold", "ocr", True, "en", "British Library snippets, human transcription"),
        Source("magic-zh", "web", True, "zh", "magic_html human reference, Chinese pages"),
        Source("magic-en", "web", True, "en", "magic_html human reference, Latin-script pages"),
        Source("sogou-sohu", "web", False, "zh", "SogouCS crawler extraction (sohu.com)"),
        Source("sogou-ten", "web", False, "zh", "SogouCA crawler extraction (many sites)"),
        Source("overproof-raw", "ocr", False, "en", "OverProof raw OCR, column lines kept"),
        Source("overproof-gold", "ocr", True, "en", "OverProof human correction, rejoined"),
        Source("pd2019", "web", True, "zh", "People's Daily web edition 2019"),
        # held out in round 3 (0.79 before tuning); rules were shaped on them since
        Source("icdar-ocr", "ocr", False, "en", "ICDAR2017 periodicals, raw OCR"),
        Source("icdar-gold", "ocr", True, "en", "ICDAR2017 periodicals, gold (holes)"),
        Source("rmrb2025-pdf", "pdf", False, "zh", "retypeset 人民日报 PDF, pdftotext"),
        # round 4, judged before any tuning; line-break rules were shaped on these three since
        Source("olmocr-bmj-pdf", "pdf", False, "en", "two-column BMJ page, pdftotext"),
        Source("bha19-ocr", "ocr", False, "zh", "mimeographed 本报讯, PaddleOCR lines"),
        Source("bha19-parsed", "ocr", False, "zh", "the archive's paragraph merge of it"),
        # round 4; layout.fragmented (and line-break beside its fragments) was shaped on it since
        Source("olmocr-newspaper", "ocr", False, "en", "1901 Honolulu page, OCR layer"),
        # held out (round 4): judged once the rules were written, never used to shape one
        Source("olmocr-bmj-vlm", "ocr", False, "en", "same page, olmOCR markdown (flowed)", True),
        Source("hipe-icdar-ocr", "ocr", False, "en", "ICDAR2017 train chunk, raw OCR", True),
        Source("hipe-icdar-gold", "ocr", True, "en", "ICDAR2017 train chunk, ground truth", True),
        # round 5: judged once before tuning (0.95); layout.boilerplate's residue lexicon and
        # layout.not-article's notices and cut-teaser lists were shaped on it since (issue 10)
        Source("np3k", "web", False, "en", "newspaper3k's expected extractions (tests)"),
        # held out (issue 10): the rest of the same folder, fetched after np3k shaped the rules
        Source("np3k-b", "web", False, "en", "newspaper3k's other expected extractions", True),
        # held out (round 7): goose's full expected extractions; the hand-copied Chinese set
        # was held out too until its false alarms shaped sentence.stray-space and
        # quote.duplicate-block (a development source since)
        Source(
            "goose", "web", False, "en", "goose3 / python-goose full expected extractions", True
        ),
        Source("cwced-gold", "web", True, "zh", "hand-copied Chinese web content (CWCED)"),
        # held out (round 8): newspaper4k's expected extractions of pages newspaper3k lacks
        Source("np4k", "web", False, "en", "newspaper4k's expected extractions, new pages", True),
        Source("wceb-go", "web", False, "en", "go-trafilatura on 2025 pages (flowed)", True),
    )
}
_CANONICAL = ("id", "headline", "body", "language", "published", "byline", "subheadline")


def run_converter(folder: tuple[str, ...], *args: str) -> list[dict[str, Any]]:
    """The records a source's own ``to_jsonl.py`` writes, or ``[]`` when the source is absent."""
    import json
    import sys

    script = corpus_path(*folder, "to_jsonl.py")
    if script is None:
        return []
    out = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, check=True, text=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _canonical(rec: dict[str, Any], **override: Any) -> dict[str, Any]:
    """Only the canonical fields that hold a value; a ``und`` language is dropped (detected)."""
    out = {k: rec[k] for k in _CANONICAL if rec.get(k) not in (None, "")}
    out["body"] = rec.get("body") or ""
    if out.get("language") == "und":
        del out["language"]
    out.update(override)
    return out


def _aeb(extractor: str | None) -> list[dict[str, Any]]:
    folder = ("en", "article_extraction_benchmark")
    if extractor is None:
        return [_canonical(r) for r in run_converter(folder, "--mode", "gold")]
    return [_canonical(r) for r in run_converter(folder, "--extractor", extractor)]


def _l3s(gold: bool) -> list[dict[str, Any]]:
    recs = run_converter(("en", "l3s_gn1_sample"))
    return [_canonical(r, body=r["gold"] if gold else r["body"]) for r in recs]


def _readability(lang: str) -> list[dict[str, Any]]:
    folder = "readability_test_pages" if lang == "en" else "readability_test_pages_zh"
    return [_canonical(r) for r in run_converter((lang, folder))]


def bl_gold_text(gold: str) -> str:
    """A British Library transcription as running text: ``¬⏎`` joins a hyphenated word, other
    line breaks (column wraps) become one space, runs of spaces become one."""
    text = re.sub(r"¬[ \t]*\n[ \t]*", "", gold)
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()


def _bl(gold: bool) -> list[dict[str, Any]]:
    recs = run_converter(("en", "hipe_ocrepair_bl_snippets"))
    if gold:
        return [_canonical(r, body=bl_gold_text(r["gold"] or "")) for r in recs if r.get("gold")]
    return [_canonical(r) for r in recs]


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.8 * len(letters)


def _magic(lang: str) -> list[dict[str, Any]]:
    recs = run_converter(("zh", "magic_html_benchmark"))
    if lang == "zh":
        return [_canonical(r) for r in recs if r["language"] == "zh"]
    return [
        _canonical(r, language="en")
        for r in recs
        if r["language"] == "und" and _is_latin(r.get("body") or "")
    ]


def _sogou(file_prefix: str) -> list[dict[str, Any]]:
    recs = run_converter(("zh", "sogou_news_smarty"))
    return [_canonical(r) for r in recs if str(r.get("source", "")).startswith(file_prefix)]


def _overproof(gold: bool) -> list[dict[str, Any]]:
    out = []
    for ds in ("dataset3_chroniclingamerica", "dataset2_sydney_morning_herald"):
        for i, a in enumerate(overproof(ds)):
            body = clean_english(a.gold_lines) if gold else "\n".join(a.raw_lines)
            out.append({"id": f"op{ds[7]}-{i:03d}-{a.number}", "body": body, "language": "en"})
    return out


# The sources added after the first round ship no converter: they are read here directly.
_ICDAR_LINE = re.compile(r"^\[ ?(OCR_toInput|OCR_aligned|GS_aligned)\] ", re.M)
_ICDAR_HOLE = re.compile(r"( ?)#+(?: +#+)*( ?)")


def icdar2017_sections(text: str) -> dict[str, str]:
    """The labelled lines of an ICDAR2017 post-OCR file (``OCR_toInput``, ``OCR_aligned``,
    ``GS_aligned``; the gold's label is written ``[ GS_aligned]``), each without its label."""
    marks = list(_ICDAR_LINE.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return {m[1]: text[m.end() : e].rstrip("\n") for m, e in zip(marks, ends, strict=True)}


def icdar2017_gold_text(gs_aligned: str) -> str:
    """The gold text of an ICDAR2017 ``[GS_aligned]`` line: ``@`` (an alignment gap) is
    dropped; ``#`` marks OCR characters that have no gold (words or whole headings and adverts
    the annotators did not transcribe), so each run of them (with the spaces between runs) is
    dropped and leaves one space where a space stood after it, or before it when a word
    follows (``AT ### FANCY`` and ``cooler### so`` keep a space, ``exists ###,`` none). The
    gold keeps the page's line-end hyphens as ``hyphen-`` + space (``con- fidently``): they are
    left as is."""
    text = gs_aligned.replace("@", "")

    def fill(m: re.Match[str]) -> str:
        word_next = m.end() < len(text) and text[m.end()].isalnum()
        return " " if m[2] or (m[1] and word_next) else ""

    return _ICDAR_HOLE.sub(fill, text).strip()


def _icdar(gold: bool) -> list[dict[str, Any]]:
    """ICDAR2017 English periodicals, one record per file (``icdar-<n>``). A file is a whole
    page (articles, adverts, headings) flattened to one line with no break between articles,
    so no finer unit can be cut reliably."""
    folder = corpus_path("en", "icdar2017_eng_periodical")
    if folder is None:
        return []
    out = []
    for path in sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem)):
        parts = icdar2017_sections(path.read_text(encoding="utf-8"))
        body = icdar2017_gold_text(parts["GS_aligned"]) if gold else parts["OCR_toInput"]
        out.append({"id": f"icdar-{path.stem}", "body": body.strip(), "language": "en"})
    return out


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF by ``pdftotext`` (poppler, default reading order, no
    ``-layout``); ``[]`` when the tool is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return []
    out = subprocess.run(
        [tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _rmrb2025() -> list[dict[str, Any]]:
    """The retypeset People's Daily of 2025-10-20, one record per PDF page (``rmrb2025-pNNN``),
    the page's text with the blank lines around it stripped."""
    pdf = corpus_path("zh", "kings_en_rmrb_retypeset", "rmrb_20251020.pdf")
    return _page_records(pdf, "rmrb2025-p{:03d}", "zh")


def _page_records(pdf: Path | None, id_format: str, language: str) -> list[dict[str, Any]]:
    """One record per page of ``pdf`` (:func:`pdf_pages`), id ``id_format`` of the page
    number (from 1), the page's text with the blank lines around it stripped; ``[]`` when
    the file is absent."""
    if pdf is None:
        return []
    return [
        {"id": id_format.format(n), "body": text.strip("\n"), "language": language}
        for n, text in enumerate(pdf_pages(pdf), 1)
    ]


def _olmocr_newspaper() -> list[dict[str, Any]]:
    """The Pacific Commercial Advertiser of 31 May 1901 (olmOCR's ``newspaper.pdf``): its
    legacy OCR text layer by ``pdftotext``, the whole page as one record. pdftotext reads the
    page's many columns, adverts and headings interleaved, and neither its blank-line blocks
    nor its lines follow articles, so (as for ICDAR2017) no finer unit can be cut reliably."""
    return _page_records(corpus_path("en", "olmocr", "newspaper.pdf"), "olmocr-newspaper-p{}", "en")


def _olmocr_bmj(vlm: bool) -> list[dict[str, Any]]:
    """The two-column BMJ page of olmOCR-bench (``multi_column_miss``): by ``pdftotext``
    (hard-wrapped column lines, the running header and footer kept), or as olmOCR's markdown
    output of the same page image (flowed paragraphs, blank lines between). One record each."""
    name = "multi_column_miss_pg1_repeat1.olmocr_output.md" if vlm else "multi_column_miss.pdf"
    path = corpus_path("en", "olmocr", name)
    if path is None:
        return []
    if vlm:
        body = path.read_text(encoding="utf-8").strip()
        return [{"id": "multi_column_miss_pg1_repeat1", "body": body, "language": "en"}]
    return _page_records(path, "multi_column_miss-p{}", "en")


def _bha19_title(folder: Path) -> str:
    import json

    return str(json.loads((folder / "auto_parsed_article.json").read_text("utf-8"))["title"])


def _ocr_lines(page: Path) -> list[str]:
    """The text lines of a PaddleOCR page, top to bottom (a box's top edge, then its left)."""
    import json

    rows = json.loads(page.read_text(encoding="utf-8"))["ocr_results"]
    keyed = [(min(y for _, y in r["box"]), min(x for x, _ in r["box"]), r["text"]) for r in rows]
    return [t for _, _, t in sorted(keyed)]


def _bha19(parsed: bool) -> list[dict[str, Any]]:
    """The mimeographed 本报讯 report of banned-historical-archives19 (one column, four
    photos): the PaddleOCR lines of every page in reading order joined by line breaks (a
    hard-wrapped record, page numbers and the bleed of another clipping kept), or the archive's
    own paragraph merge (``auto_parsed_article.json``: one paragraph a line). The headline is
    the archive's title (its catalogue entry), as an exporter would fill it."""
    import json

    folder = corpus_path("zh", "bha19_yanan_clipping")
    if folder is None:
        return []
    rid = "2a5a5a1a-7203-43f2-bf13-2881453e9777"
    if parsed:
        art = json.loads((folder / "auto_parsed_article.json").read_text(encoding="utf-8"))
        body = "\n".join(p["text"] for p in art["parts"])
    else:
        pages = sorted(folder.glob("ocr_raw_page*.json"), key=lambda p: int(p.stem[12:]))
        body = "\n".join(line for page in pages for line in _ocr_lines(page))
    return [{"id": rid, "headline": _bha19_title(folder), "body": body, "language": "zh"}]


_JSON_GAP = re.compile(r"\s*(?=\S)")


def json_objects(text: str) -> list[Any]:
    """The JSON values written one after another in ``text`` (JSON Lines, or pretty-printed
    objects in a row, as HIPE-OCRepair's ``.jsonl`` sample is)."""
    import json

    dec, out, pos = json.JSONDecoder(), [], 0
    while m := _JSON_GAP.match(text, pos):
        obj, pos = dec.raw_decode(text, m.end())
        out.append(obj)
    return out


def _hipe_icdar(gold: bool) -> list[dict[str, Any]]:
    """The ICDAR2017-train chunks of HIPE-OCRepair's sample (one record a chunk, id from the
    chunk's file name): ``ocr_hypothesis`` (raw OCR, one flowed paragraph) or
    ``ground_truth`` (its human transcription; line-end hyphens kept as ``elec-tion``)."""
    folder = corpus_path("en", "hipe_ocrepair_sample")
    if folder is None:
        return []
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for obj in json_objects(path.read_text(encoding="utf-8")):
            name = Path(obj["document_metadata"]["primary_dataset_filename"]).stem
            unit = obj["ground_truth" if gold else "ocr_hypothesis"]["transcription_unit"]
            out.append({"id": name.removesuffix("__GT"), "body": unit.strip(), "language": "en"})
    return out


# newspaper3k's test expectations are in English unless the file is named for its language
_NP3K_LANGUAGE = {
    "arabic": "ar",
    "bengali": "bn",
    "burmese": "my",
    "chinese": "zh",
    "japanese": "ja",
    "japanese2": "ja",
    "latvian": "lv",
    "spanish": "es",
    "thai": "th",
    "huffingtonpost.de1": "de",
    "huffingtonpost.de2": "de",
    "vogue.de1": "de",
    "vogue.de2": "de",
}


def _extra_texts(
    folder_name: str, default: str, languages: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The ``*.txt`` files of ``extra/<folder_name>`` (fetched file by file; ``SOURCES.tsv``
    names each file's repository, path and commit) as records: one a file, id = the file's
    stem, the text as stored, no headline, language from ``languages`` by stem else
    ``default``; ``[]`` when the extra folder or this folder is absent."""
    base = extra_dir()
    folder = base / folder_name if base is not None else None
    if folder is None or not folder.is_dir():
        return []
    names = languages or {}
    return [
        {
            "id": p.stem,
            "body": p.read_text(encoding="utf-8"),
            "language": names.get(p.stem, default),
        }
        for p in sorted(folder.glob("*.txt"))
    ]


def _np3k(folder_name: str) -> list[dict[str, Any]]:
    """newspaper3k's expected article texts (``codelucas/newspaper``, ``tests/data/text``), the
    output of its extractor as its tests pin it, fetched into ``extra/<folder_name>``:
    ``newspaper3k`` for np3k, ``newspaper3k-b`` for np3k-b (the files fetched later, held
    out). Blank lines between blocks, as stored."""
    return _extra_texts(folder_name, "en", _NP3K_LANGUAGE)


# goose's expected texts are in English unless the file is named for its language
_GOOSE_LANGUAGE = {"donga_korean": "ko", "wiwo": "de"}


def _goose() -> list[dict[str, Any]]:
    """goose's full expected extractions (``extra/goose``): the ``expected.cleaned_text`` of the
    content tests of goose3 (``goose3/goose3``, ``tests/data/content``) and python-goose (a fork
    of ``grangier/python-goose``, ``tests/data/extractors/content``) whose text is the whole
    extraction. Most of those tests pin only the first words (the harness compares a prefix),
    so only texts of 1,000+ characters were fetched; one text per page."""
    return _extra_texts(EXTRA_FOLDERS["goose"], "en", _GOOSE_LANGUAGE)


def _cwced() -> list[dict[str, Any]]:
    """Chinese-Web-Content-Extraction-Dataset (``immortal-autumn/...``, ``cleaned/*.txt``,
    ``extra/cwced``): a student's hand copy of each page's content area (no header, date or
    author), one record a page, id = the page UUID. Human-made, so it is measured as a gold;
    it keeps what the pages had (a hard-wrapped essay, ad links, GBK mojibake)."""
    return _extra_texts(EXTRA_FOLDERS["cwced-gold"], "zh")


# newspaper4k's expected texts are in English unless the file is named for its language
_NP4K_LANGUAGE = {
    "chinese_article_001": "zh",
    "chinese_article_002": "zh",
    "hindi_article": "hi",
    "korean_article": "ko",
    "nepali_article": "ne",
}


def _np4k() -> list[dict[str, Any]]:
    """newspaper4k's expected article texts (``AndyTheFactory/newspaper4k``, ``tests/data/txt``
    and, for two sites found only there, ``tests/data/text``), fetched into
    ``extra/newspaper4k``: only the pages that codelucas/newspaper's tests lack (np3k and
    np3k-b hold those), so new sites and 2019-2024 pages (CNN, TIME, WIRED, Yonhap) and
    Chinese, Korean, Hindi and Nepali pages. The output of newspaper4k's extractor as its
    tests pin it; blank lines between blocks, as stored."""
    return _extra_texts(EXTRA_FOLDERS["np4k"], "en", _NP4K_LANGUAGE)


def _wceb_go() -> list[dict[str, Any]]:
    """go-trafilatura's output on 2025 English web pages, as committed by the Modern Content
    Extractor Benchmark (``tiptopjaw/web-content-extraction-benchmark``,
    ``benchmark-results/go/0001..0006.txt``), fetched into ``extra/wceb-go``: each page flowed
    into one line (sub-heads, list items and link labels run into the sentences), one record
    a file (id = the file number). The benchmark's ground truth is an LLM's, so no gold."""
    return _extra_texts(EXTRA_FOLDERS["wceb-go"], "en")


_LOADERS: dict[str, Any] = {
    "aeb-gold": lambda: _aeb(None),
    **{
        f"aeb-{x}": (lambda x=x: _aeb(x))
        for x in ("trafilatura", "readability_js", "boilerpipe", "justext", "html-text")
    },
    "l3s-body": lambda: _l3s(False),
    "l3s-gold": lambda: _l3s(True),
    "readability-en": lambda: _readability("en"),
    "readability-zh": lambda: _readability("zh"),
    "bl-ocr": lambda: _bl(False),
    "bl-gold": lambda: _bl(True),
    "magic-zh": lambda: _magic("zh"),
    "magic-en": lambda: _magic("en"),
    "sogou-sohu": lambda: _sogou("news_sohusite"),
    "sogou-ten": lambda: _sogou("news_tensite"),
    "overproof-raw": lambda: _overproof(False),
    "overproof-gold": lambda: _overproof(True),
    "pd2019": lambda: [_canonical(r) for r in peoples_daily_2019()],
    "icdar-ocr": lambda: _icdar(False),
    "icdar-gold": lambda: _icdar(True),
    "rmrb2025-pdf": _rmrb2025,
    "olmocr-newspaper": _olmocr_newspaper,
    "olmocr-bmj-pdf": lambda: _olmocr_bmj(False),
    "olmocr-bmj-vlm": lambda: _olmocr_bmj(True),
    "bha19-ocr": lambda: _bha19(False),
    "bha19-parsed": lambda: _bha19(True),
    "hipe-icdar-ocr": lambda: _hipe_icdar(False),
    "hipe-icdar-gold": lambda: _hipe_icdar(True),
    "np3k": lambda: _np3k(EXTRA_FOLDERS["np3k"]),
    "np3k-b": lambda: _np3k(EXTRA_FOLDERS["np3k-b"]),
    "goose": _goose,
    "cwced-gold": _cwced,
    "np4k": _np4k,
    "wceb-go": _wceb_go,
}


def real_world(source: str) -> list[dict[str, Any]]:
    """The records of one real-world source (a key of :data:`SOURCES`); ``[]`` when absent."""
    if source not in SOURCES:
        raise KeyError(f"no real-world source {source!r}; known: {', '.join(SOURCES)}")
    return _LOADERS[source]()
