"""Character error rate to the clean text, before and after ``copydesk fix``, per source.

    PYTHONPATH=$PWD python benchmarks/fix_cer.py [--only seed,extracted,...]

CER = Levenshtein distance / length of the clean text, summed over a set's records. Both
sides are compared with each white-space run that holds a line break written as one ``\\n``
and other white-space runs as one space (paragraph-separator style is a convention, not an
error; a line break where the clean text runs on, a stray space, a missing space still count).

- ``seed``: fixtures/rmrb-2023-11-09-p1 naive.jsonl vs gold.jsonl (body, by id); again with
  ``--unsafe-fixes`` (records split off are not compared: gold has no record for them).
- ``extracted`` / ``extracted-b2``: the held-out PDF extractions (naive.jsonl) vs the text
  that was typeset: headline lines, byline, body paragraphs (the ■ box and the running head
  are not part of it). ``extracted-in-order`` / ``extracted-jumps``: both batches, split by
  whether the extractor kept the reading order (no label of the case notes a ``jump``);
  ``extracted-<extractor>``: both batches, one extractor. ``extracted-b3`` (and
  ``-in-order``): held-out batch 3 where the repository has it (another page generator; the
  reference is the typeset text the edit script copies from); skipped elsewhere.
- ``overproof-d3`` / ``overproof-d2`` and ``bl-snippets``: OCR with its column line breaks
  vs the human correction. Owned errors are measured against an *oracle*: the OCR lines joined
  by the same rule as the clean text (OCR letter errors kept) except after the lines that end
  a paragraph by the print's evidence (:func:`paragraph_ends`: short, ending a sentence), so
  ``owned`` counts only the wraps and hyphen splits (the BL OCR marks a line-end hyphen with
  ``-`` or, as its gold does, ``¬``: both joined without the mark); ``every paragraph end a
  wrap``: the same against the OCR with every line joined (the oracle before stop 21), and
  ``letters`` its distance to the gold, which copydesk must leave alone. ``inside
  sentences``: the same against the OCR with only the breaks inside a sentence joined (a
  break after a sentence end may end a paragraph; the checks never join it, by rule).
- ``icdar``: the ICDAR2017 English periodicals (held out: no rule was shaped on them), each
  page's raw OCR (one line, no line breaks) vs :func:`icdar_reference`: the gold with its
  holes filled by the OCR's own characters and its line-end ``con- fidently`` read
  ``con-fidently`` (the space is the page's line break, which the flattened OCR lacks).
- ``edits closer / further / neither``: each edit made alone on the input, judged by whether
  it brings the text closer to the clean text (the oracle for OCR sets): the edits' precision.
- ``web-extraction`` (and ``web-<extractor>``): the article-extraction benchmark, each
  extractor's output vs the page's human gold (boilerplate and missing text count as
  errors no fix owns).
- ``order-bound``: batches 1-2's fall, and the same with every box (run of lines between
  blank lines) of the ``pdfminer`` and ``pdftotext`` pages that jump first sorted into the
  typeset order by reading the clean text: an upper bound for any reordering of boxes.
- ``clean-<source>``: every gold source of the real-world set (People's Daily 2019, OverProof
  corrected, the BL gold, the web benchmark's gold, the magic-html references, L3S-GN1's
  full-text blocks): edits per 10,000 characters and *false repairs* per 10,000 characters
  (target <= 0.1: a gold may hold real damage, whose repair is a true one). Each edit's
  verdict is its hand verdict in ``fixtures/fix-verdicts.jsonl`` (:func:`load_verdicts`:
  record, span, check, short before/after excerpts, verdict, reason; a false repair that a
  guard has since removed is ``status: fixed``), else the hand verdict of the finding it
  repairs in ``fixtures/real-world/verdicts.jsonl`` (same record, check and span: a true
  finding's repair is a true repair), else it is unjudged. ``--list-edits`` prints each
  edit with its verdict, record, check and context.
- ``--learn``: each set fixed as one input file, as ``copydesk fix`` fixes a file:
  ``layout.boilerplate`` learned on the whole set first, then its lines removed. The edits
  on the golds that only this makes are judged in ``fixtures/fix-verdicts-learn.jsonl``
  (same rows), read on top of ``fixtures/fix-verdicts.jsonl``.

Needs ``rapidfuzz`` (``pip install rapidfuzz``) and ``../shared/corpora`` for every set but
the fixtures (sets whose data are absent are skipped).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from copydesk.fix import Edit, Fixer
from copydesk.fix.edits import apply
from copydesk.fix.learned import LearnedBoilerplate
from copydesk.record import ArticleRecord
from copydesk.testing import corpora
from copydesk.validators.text import EN_ABBREVIATIONS, word_alternation

ROOT = Path(__file__).resolve().parents[1]
BATCHES = ("extracted", "extracted-b2")
EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pypdf", "pymupdf")
_NL_RUN = re.compile(r"\s*\n\s*")
_SP_RUN = re.compile(r"[^\S\n]+")


def norm(text: str) -> str:
    """White space as compared: runs with a line break -> ``\\n``, other runs -> one space."""
    return _SP_RUN.sub(" ", _NL_RUN.sub("\n", text)).strip()


def distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(norm(a), norm(b)))


class Tally:
    """Distances summed over one set."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.chars = 0
        self.before = 0
        self.after = 0
        self.owned_before = 0
        self.owned_after = 0
        #: owned errors against the old oracle, which reads every paragraph end as a wrap
        self.all_breaks_before = 0
        self.all_breaks_after = 0
        self.letters = 0
        #: owned errors inside sentences: against the OCR joined except after a sentence end
        self.inside_before = 0
        self.inside_after = 0
        self.records = 0
        self.edits: Counter[str] = Counter()
        #: edits that, made alone, bring the text closer to the reference / further / neither
        self.closer = 0
        self.further = 0
        self.neutral = 0

    def row(self) -> str:
        cer_b = self.before / max(self.chars, 1)
        cer_a = self.after / max(self.chars, 1)
        fall = 1 - self.after / self.before if self.before else 0.0
        out = (
            f"| {self.name} | {self.records} | {self.chars:,} | {cer_b:.4f} | {cer_a:.4f} | "
            f"{fall:.1%} |"
        )
        if self.owned_before:
            owned_fall = 1 - self.owned_after / self.owned_before
            inside_fall = 1 - self.inside_after / max(self.inside_before, 1)
            all_fall = 1 - self.all_breaks_after / max(self.all_breaks_before, 1)
            out += (
                f" {self.owned_before:,} -> {self.owned_after:,} ({owned_fall:.1%} fixed);"
                f" every paragraph end a wrap {self.all_breaks_before:,} ->"
                f" {self.all_breaks_after:,} ({all_fall:.1%} fixed);"
                f" inside sentences {self.inside_before:,} -> {self.inside_after:,}"
                f" ({inside_fall:.1%} fixed); letters {self.letters:,} |"
            )
        else:
            out += " |"
        out += f" {self.closer:,} / {self.further:,} / {self.neutral:,} |"
        return out


def learned_fixer(name: str, recs: Iterable[dict[str, Any]], fixer: Fixer) -> Fixer:
    """A fixer like ``fixer`` that has learned ``layout.boilerplate`` on ``recs``, read as
    one input file named ``name`` (what ``copydesk fix`` does on a file)."""
    learned = LearnedBoilerplate()
    for rec in recs:
        learned.learn(ArticleRecord.from_mapping(rec, input=name))
    return Fixer(fixer.config, unsafe=fixer.unsafe, learned=learned)


def run_pairs(
    name: str,
    pairs: Iterable[tuple[dict[str, Any], str, str | None] | tuple[dict[str, Any], str, str, str]],
    fixer: Fixer,
    *,
    learn: bool = False,
) -> Tally:
    """``pairs``: (raw record, clean text, oracle or None); ``learn``: fix the set as one
    file, ``layout.boilerplate`` learned on it first."""
    t = Tally(name)
    pairs = list(pairs)
    if learn:
        fixer = learned_fixer(name, (p[0] for p in pairs), fixer)
    for rec, clean, oracle, *every_break in pairs:
        res = fixer.fix(rec, input=name if learn else None)
        fixed = res.record.get("body", "")
        t.records += 1
        t.chars += len(norm(clean))
        t.before += distance(rec["body"], clean)
        t.after += distance(fixed, clean)
        t.edits.update(e.check for e in res.edits)
        reference = oracle if oracle is not None else clean
        judge_edits(t, rec["body"], [e for e in res.edits if e.field == "body"], reference)
        if oracle is not None:
            t.owned_before += distance(rec["body"], oracle)
            t.owned_after += distance(fixed, oracle)
            old = every_break[0] if every_break else oracle
            t.all_breaks_before += distance(rec["body"], old)
            t.all_breaks_after += distance(fixed, old)
            t.letters += distance(every_break[0] if every_break else oracle, clean)
            inside = join_inside_sentences(rec["body"])
            t.inside_before += distance(rec["body"], inside)
            t.inside_after += distance(fixed, inside)
    return t


def judge_edits(t: Tally, body: str, edits: list[Edit], reference: str) -> None:
    """Count each edit, made alone, as bringing ``body`` closer to ``reference`` or not."""
    d0 = distance(body, reference)
    for e in edits:
        d1 = distance(apply(body, [e]), reference)
        if d1 < d0:
            t.closer += 1
        elif d1 > d0:
            t.further += 1
        else:
            t.neutral += 1


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def seed_pairs() -> Iterable[tuple[dict[str, Any], str, None]]:
    case = ROOT / "fixtures" / "rmrb-2023-11-09-p1"
    gold = {r["id"]: r for r in _jsonl(case / "gold.jsonl")}
    for rec in _jsonl(case / "naive.jsonl"):
        yield rec, gold[rec["id"]]["body"], None


def _typeset(src: dict[str, Any]) -> str:
    lang = src.get("language", "zh")
    lines = [src.get(k) for k in ("kicker", "headline", "subheadline")]
    if src.get("byline"):
        by = src["byline"]
        lines.append("本报记者 " + " ".join(by.split(";")) if lang == "zh" else by)
    if lang == "zh":
        paras = [p.strip(" \u3000") for p in src["body"].split("\n") if p.strip()]
    else:
        paras = src["body"].split("\n\n")
    return "\n".join(x for x in [*lines, *paras] if x)


def _store() -> Any:
    """``benchmarks.heldout.b3_store``, which rebuilds the held-out batches from ../shared."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.heldout import b3_store  # type: ignore[attr-defined]

    return b3_store


def _cases(folders: Iterable[str]) -> Iterable[Any]:
    """The rebuilt cases of the held-out batches (none where ../shared is absent)."""
    b3_store = _store()
    for folder in folders:
        for path in b3_store.case_files(ROOT / "fixtures" / folder):
            case = b3_store.load_case(path)
            if case is not None:
                yield case


def _in_order(case: Any) -> bool:
    """True when the extractor kept the reading order (no label notes a ``jump``)."""
    return _no_jump(case.labels)


def extracted_pairs(*folders: str, keep: Any = None) -> Iterable[tuple[dict[str, Any], str, None]]:
    """(naive record, typeset text) per case of batches 1/2; ``keep(case)`` filters them."""
    for case in _cases(folders):
        if keep is None or keep(case):
            yield case.naive, _typeset(case.source), None


def b3_pairs(keep: Any = None) -> Iterable[tuple[dict[str, Any], str, None]]:
    """Held-out batch 3 (fixtures/extracted-b3, rebuilt from ../shared), where present:
    (naive record, typeset text); ``keep(labels)`` filters the cases."""
    b3_store = _store()
    for case in _cases(["extracted-b3"]):
        if keep is None or keep(case.labels):
            yield case.naive, b3_store.source_text(case.source), None


def _no_jump(labels: list[dict[str, Any]]) -> bool:
    return not any("jump" in (lab.get("note") or "") for lab in labels)


def _extractor_is(name: str) -> Any:
    return lambda case: case.extractor == name


def overproof_pairs(dataset: str) -> Iterable[tuple[dict[str, Any], str, str]]:
    for art in corpora.overproof(dataset):
        raw = "\n".join(art.raw_lines)
        rec = {"id": f"op-{art.number}", "body": raw, "language": "en"}
        oracle = corpora.clean_english(_blank_after(art.raw_lines, paragraph_ends(art.raw_lines)))
        yield (
            rec,
            corpora.clean_english(art.gold_lines),
            oracle,
            corpora.clean_english(art.raw_lines),
        )


#: A line at most this share of the text's full-line width (:func:`paragraph_ends`).
SHORT_LINE = 0.65
#: The full-line width of a text: this quantile of its non-blank lines' lengths.
FULL_LINE_QUANTILE = 0.8


#: A stop after a title, an abbreviation or an initial (``Rev.``, ``No.``, ``H.``) ends no
#: sentence: a short line ending in one is a wrap before a name or a figure.
_ABBREVIATION_END = re.compile(
    rf"(?:\b(?:{word_alternation(EN_ABBREVIATIONS)})|(?<![A-Za-z])[A-Z])\.\s*$"
)


def full_line_width(lines: list[str]) -> int | None:
    """The text's full-line width: the :data:`FULL_LINE_QUANTILE` quantile of its non-blank
    lines' lengths, or ``None`` for a text of fewer than 3 such lines."""
    sized = sorted(len(x.strip()) for x in lines if x.strip())
    return sized[int(len(sized) * FULL_LINE_QUANTILE)] if len(sized) >= 3 else None


def paragraph_ends(lines: list[str]) -> set[int]:
    """Indices of the OCR lines that end a paragraph by the print's evidence: the line ends a
    sentence (not a title's, an abbreviation's or an initial's stop: :data:`_ABBREVIATION_END`),
    the next line does not open in lower case, and the line is short (at most
    :data:`SHORT_LINE` of the text's full-line width, the :data:`FULL_LINE_QUANTILE`
    quantile of its line lengths).

    The golds (OverProof, BL) keep the OCR's line breaks but mark no paragraphs, so an oracle
    that joins every line reads each paragraph end as a wrap the checks failed to join; the
    checks never join after a sentence end, by rule (it may end a paragraph). A justified
    column fills every line but a paragraph's last: of the breaks inside a sentence (lower
    case or ``,;`` before, lower case after: wraps) 1.0-1.5 % follow a line this short in
    OverProof d2/d3 and BL, of the breaks after a sentence end 43-57 % do. A full line that
    ends a sentence may end a paragraph or wrap: the oracle still joins it (counted owned).
    """
    full = full_line_width(lines)
    if full is None:
        return set()
    return {
        k
        for k, line in enumerate(lines[:-1])
        if line.strip()
        and lines[k + 1].strip()
        and not lines[k + 1].lstrip()[:1].islower()
        and _ENDS_SENTENCE.search(line)
        and not _ABBREVIATION_END.search(line)
        and len(line.strip()) <= SHORT_LINE * full
    }


def _blank_after(lines: list[str], ends: set[int]) -> list[str]:
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        if k in ends:
            out.append("")
    return out


_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def join_inside_sentences(ocr: str) -> str:
    """The OCR with every line break inside a sentence joined (a hyphen, ``-`` or ``¬``,
    between letters dropped, else one space) and the breaks after a sentence end or a blank
    line kept: what the checks own by their rules (a break after a sentence end may end a
    paragraph)."""
    lines = ocr.split("\n")
    out = lines[0]
    for prev, line in itertools.pairwise(lines):
        if not prev.strip() or not line.strip() or _ENDS_SENTENCE.search(prev):
            out += "\n" + line
        elif re.search(r"[A-Za-z][-¬]\s*$", prev) and line.lstrip()[:1].isalpha():
            out = out.rstrip()[:-1] + line.lstrip()
        else:
            out = out.rstrip() + " " + line.lstrip()
    return out


def _join_lines(text: str, hyphens: str) -> str:
    """``text`` as one line: a line break after one of ``hyphens`` between two letters
    dropped with it, other line-break runs one space."""
    text = re.sub(rf"(?<=[A-Za-z])[{re.escape(hyphens)}]\n(?=[A-Za-z])", "", text)
    return re.sub(r"\s*\n\s*", " ", text)


def bl_pairs() -> Iterable[tuple[dict[str, Any], str, str]]:
    folder = corpora.corpus_path("en", "hipe_ocrepair_bl_snippets")
    if folder is None:
        return
    out = subprocess.run(
        [sys.executable, str(folder / "to_jsonl.py")], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        r = json.loads(line)
        if not r.get("gold") or not r.get("body"):
            continue
        rec = {"id": r["id"], "body": r["body"], "language": "en"}
        # the OCR marks a line-end hyphen with ``-`` or, as the gold does, ``¬`` (87 times)
        lines = r["body"].split("\n")
        paras = "\n".join(_blank_after(lines, paragraph_ends(lines))).split("\n\n")
        oracle = "\n".join(_join_lines(p, "-¬") for p in paras)
        yield rec, _join_lines(r["gold"], "¬"), oracle, _join_lines(r["body"], "-¬")


_LINE_END_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?=[a-z])")


def icdar_reference(ocr_aligned: str, gs_aligned: str) -> str:
    """The clean text of an ICDAR2017 page, from its character-aligned OCR and gold lines:
    the gold where it was transcribed, the OCR's own characters where the gold has ``#`` (a
    hole: text nobody transcribed, which no fix is asked to change), ``@`` (a gap) dropped on
    either side; and the gold's line-end hyphen + space (``con- fidently``, the trace of the
    page's line break, which the flattened OCR does not have) without the space."""
    out = []
    for o, g in zip(ocr_aligned, gs_aligned, strict=True):
        if g == "#":
            out.append("" if o == "@" else o)
        elif g != "@":
            out.append(g)
    return _LINE_END_HYPHEN.sub("-", "".join(out))


def icdar_pairs() -> Iterable[tuple[dict[str, Any], str, None]]:
    """ICDAR2017 English periodicals (held out): each page's raw OCR (``[OCR_toInput]``, one
    line) vs :func:`icdar_reference`."""
    folder = corpora.corpus_path("en", "icdar2017_eng_periodical")
    if folder is None:
        return
    for path in sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem)):
        parts = corpora.icdar2017_sections(path.read_text(encoding="utf-8"))
        rec = {"id": f"icdar-{path.stem}", "body": parts["OCR_toInput"], "language": "en"}
        yield rec, icdar_reference(parts["OCR_aligned"], parts["GS_aligned"]), None


def _converted(*parts: str, args: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The records a corpus's own ``to_jsonl.py`` prints (empty where it is absent)."""
    return corpora.run_converter(parts, *args)


def web_pairs(extractor: str | None = None) -> Iterable[tuple[dict[str, Any], str, None]]:
    """Article-extraction benchmark: each extractor's output vs the page's human gold."""
    for r in _converted("en", "article_extraction_benchmark"):
        if r.get("body") and r.get("gold") and extractor in (None, r["extractor"]):
            rec = {"id": r["id"], "body": r["body"]}
            if r.get("language") in ("en", "zh", "ja", "ko", "ru"):
                rec["language"] = r["language"]
            yield rec, r["gold"], None


def clean_texts() -> dict[str, list[dict[str, Any]]]:
    """Every gold source of the real-world set (``corpora.SOURCES``: People's Daily 2019,
    OverProof corrected, the BL gold, the web benchmark's gold, the magic-html references,
    L3S-GN1's full-text blocks), as ``clean-<source>``."""
    sets: dict[str, list[dict[str, Any]]] = {}
    for key, src in corpora.SOURCES.items():
        if src.gold:
            recs = [r for r in corpora.real_world(key) if r.get("body")]
            if recs:
                sets[f"clean-{key}"] = recs
    return sets


VERDICTS = ROOT / "fixtures" / "fix-verdicts.jsonl"
#: verdicts on the edits made only when a gold set is fixed as one file (``--learn``: the
#: lines ``layout.boilerplate`` learned on it, and the joins its removals change)
LEARN_VERDICTS = ROOT / "fixtures" / "fix-verdicts-learn.jsonl"
FINDING_VERDICTS = ROOT / "fixtures" / "real-world" / "verdicts.jsonl"
#: characters of an edit's before/after text a verdict row keeps (no corpus text beyond)
EXCERPT = 30
EditKey = tuple[str, str, str, int, int, str]


def excerpt(text: str) -> str:
    """The short excerpt of an edit's before or after text a verdict row keeps."""
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def edit_key(set_name: str, record_id: str, e: Edit) -> EditKey:
    """What identifies an edit on a gold: set, record, field, span and its checks (a
    composed edit's checks in sorted order: passes may compose them either way)."""
    return (set_name, record_id, e.field, e.start, e.end, "+".join(sorted(e.check.split("+"))))


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[EditKey, str, str], dict[str, Any]]:
    """The hand verdicts on edits made on gold text, by :func:`edit_key` and the edit's
    before/after excerpts (:func:`excerpt`: a repair rewritten in place is another edit)."""
    if not path.exists():
        return {}
    out = {}
    for r in _jsonl(path):
        key = (r["set"], r["record"], r["field"], r["start"], r["end"], r["check"])
        out[key, r["before"], r["after"]] = r
    return out


def load_finding_verdicts(path: Path = FINDING_VERDICTS) -> dict[tuple, str]:
    """The real-world set's hand verdicts on findings, by (source, record, check, field,
    start, end)."""
    if not path.exists():
        return {}
    return {
        (r["source"], r["record"], r["check"], r["field"], r["start"], r["end"]): r["verdict"]
        for r in _jsonl(path)
    }


def verdict_of(
    set_name: str,
    record_id: str,
    e: Edit,
    mine: dict[tuple[EditKey, str, str], dict[str, Any]],
    findings: dict[tuple, str],
) -> str | None:
    """``true``/``false`` for an edit on gold text, or ``None`` (unjudged): its own verdict
    (a row with its span, checks and before/after excerpts), else its finding's."""
    row = mine.get((edit_key(set_name, record_id, e), excerpt(e.before), excerpt(e.after)))
    if row is not None:
        return str(row["verdict"])
    source = set_name.removeprefix("clean-")
    for check in e.check.split("+"):
        v = findings.get((source, record_id, check, e.field, e.start, e.end))
        if v in ("true", "false"):
            return v
    return None


class CleanTally:
    """Edits on one gold set and their verdicts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.records = 0
        self.chars = 0
        self.verdicts: Counter[str | None] = Counter()
        self.by: Counter[str] = Counter()

    @property
    def edits(self) -> int:
        return sum(self.verdicts.values())

    def per_10k(self, n: int) -> float:
        return n / max(self.chars, 1) * 1e4

    def row(self) -> str:
        false, true, unjudged = self.verdicts["false"], self.verdicts["true"], self.verdicts[None]
        return (
            f"| {self.name} | {self.records} | {self.chars:,} | {self.edits} | "
            f"{self.per_10k(self.edits):.2f} | {false} | {self.per_10k(false):.2f} | {true} | "
            f"{unjudged} |"
        )


def tally_clean(
    name: str,
    recs: list[dict[str, Any]],
    fixer: Fixer,
    *,
    learn: bool = False,
    show: bool = False,
) -> CleanTally:
    """Fix every record of gold set ``name`` and count its edits by verdict (``show``: each
    edit with its verdict and context, on stderr)."""
    mine, findings = load_verdicts(), load_finding_verdicts()
    t = CleanTally(name)
    if learn:
        mine.update(load_verdicts(LEARN_VERDICTS))
        fixer = learned_fixer(name, recs, fixer)
    for rec in recs:
        t.records += 1
        t.chars += len(rec["body"])
        for e in fixer.fix(rec, input=name if learn else None).edits:
            v = verdict_of(name, rec["id"], e, mine, findings)
            t.verdicts[v] += 1
            t.by[e.check] += 1
            if show:
                text = rec.get(e.field) or rec["body"]
                shown = f"[{v or '?'}] {name} {rec['id']} {e.check}: {_context(text, e)}"
                print(f"  {shown}", file=sys.stderr)
    return t


def _context(text: str, e: Edit, width: int = 60) -> str:
    """One edit in its context, line breaks shown as ``⏎``."""
    shown = f"{text[max(0, e.start - width) : e.start]}[-{e.before}-]{{+{e.after}+}}"
    return (shown + text[e.end : e.end + width]).replace("\n", "⏎")


def run_clean(only: set[str], list_edits: bool, learn: bool = False) -> None:
    """Edits and false repairs per 10,000 characters on every clean set (``--list-edits``:
    each edit with its verdict, record, check and context, on stderr)."""
    print()
    print(
        "| clean set | records | chars | edits | per 10k chars | false repairs | per 10k chars "
        "| true repairs | unjudged |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    fixer = Fixer()
    for name, recs in clean_texts().items():
        if only and name not in only and "clean" not in only:
            continue
        t = tally_clean(name, recs, fixer, learn=learn, show=list_edits)
        print(t.row())
        print(f"  edits: {dict(t.by.most_common())}", file=sys.stderr)


def _typeset_order(body: str, clean: str, placed: Counter[str] | None = None) -> str:
    """``body`` with its boxes (runs of lines between blank lines) sorted by where their
    first characters stand in ``clean`` (white space and radicals aside) and written one
    under the other, as lines of one column; a box not found there stays after the box
    before it. An oracle: it reads the answer. ``placed`` counts the boxes ``found`` once,
    ``ambiguous`` (their opening found more than once: the first is taken) and ``lost``."""
    from copydesk.validators.text import normalise_ideographs

    def squeeze(s: str) -> str:
        return "".join(normalise_ideographs(s).split())

    target = squeeze(clean)
    boxes = [b for b in re.split(r"(?:\r?\n)[^\S\r\n]*(?:\r?\n)\s*", body) if b.strip()]
    keyed: list[tuple[float, int, str]] = []
    last = -1.0
    for i, box in enumerate(boxes):
        key = squeeze(box)[:10]
        at = target.find(key)
        if placed is not None:
            kind = "lost" if at < 0 else ("ambiguous" if target.count(key) > 1 else "found")
            placed[kind] += 1
        last = float(at) if at >= 0 else last + 0.5
        keyed.append((last, i, box))
    return "\n".join(box for *_, box in sorted(keyed))  # in order: a box goes on the next


def order_bound(fixer: Fixer) -> str:
    """The fall of batches 1-2 if every box of the ``pdfminer`` and ``pdftotext`` pages
    whose labels note a jump were first put in the typeset order (:func:`_typeset_order`):
    an estimate of the most a reordering of boxes could give, before its own errors (a
    box whose opening is not found, or found twice, may be misplaced: counted)."""
    before = after = bound = 0
    placed: Counter[str] = Counter()
    for case in _cases(BATCHES):
        rec, clean = case.naive, _typeset(case.source)
        d = distance(fixer.fix(rec).record.get("body", ""), clean)
        before += distance(rec["body"], clean)
        after += d
        if case.extractor in ("pdfminer", "pdftotext") and not _in_order(case):
            ordered = {**rec, "body": _typeset_order(rec["body"], clean, placed)}
            d = distance(fixer.fix(ordered).record.get("body", ""), clean)
        bound += d
    if not before:
        return ""
    return (
        f"batches 1-2: {1 - after / before:.1%} fall; with the boxes of the pdfminer and "
        f"pdftotext pages that jump in typeset order (oracle, an estimate): "
        f"{1 - bound / before:.1%}; boxes {dict(placed)}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--only", default="", help="comma-separated set names (default: all; clean: every clean-*)"
    )
    ap.add_argument(
        "--list-edits", action="store_true", help="each edit on the clean sets, on stderr"
    )
    ap.add_argument(
        "--learn",
        action="store_true",
        help="fix each set as one file: layout.boilerplate learned on it first",
    )
    args = ap.parse_args(argv)
    only = {s for s in args.only.split(",") if s}
    fixer = Fixer()
    sets = {
        "seed": seed_pairs,
        "extracted": lambda: extracted_pairs("extracted"),
        "extracted-b2": lambda: extracted_pairs("extracted-b2"),
        "extracted-in-order": lambda: extracted_pairs(*BATCHES, keep=_in_order),
        "extracted-jumps": lambda: extracted_pairs(*BATCHES, keep=lambda c: not _in_order(c)),
        **{
            f"extracted-{x}": (lambda x=x: extracted_pairs(*BATCHES, keep=_extractor_is(x)))
            for x in EXTRACTORS
        },
        "extracted-b3": b3_pairs,
        "extracted-b3-in-order": lambda: b3_pairs(keep=_no_jump),
        "overproof-d3": lambda: overproof_pairs("dataset3_chroniclingamerica"),
        "overproof-d2": lambda: overproof_pairs("dataset2_sydney_morning_herald"),
        "bl-snippets": bl_pairs,
        "icdar": icdar_pairs,
        "web-extraction": web_pairs,
        **{
            f"web-{x}": (lambda x=x: web_pairs(x))
            for x in ("trafilatura", "readability_js", "boilerpipe", "justext", "html-text")
        },
    }
    print(
        "| set | records | clean chars | CER before | CER after | fall | owned errors "
        "| edits closer / further / neither |"
    )
    print("|---|---|---|---|---|---|---|---|")
    sets["seed --unsafe-fixes"] = seed_pairs
    for name, make in sets.items():
        if only and name.split()[0] not in only:
            continue
        t = run_pairs(
            name, make(), Fixer(unsafe=True) if "unsafe" in name else fixer, learn=args.learn
        )
        if t.records:
            print(t.row(), flush=True)
            print(f"  edits: {dict(t.edits.most_common())}", file=sys.stderr)
    if "order-bound" in only:
        print(order_bound(fixer))
    if only and not any(s.startswith("clean") for s in only):
        return
    run_clean(only, args.list_edits, args.learn)


if __name__ == "__main__":
    main()
