"""Score copydesk on a held-out PDF batch: recall / precision per family, per extractor and
per labelled check, and false alarms on the clean source articles.

    PYTHONPATH=$PWD python benchmarks/heldout/measure.py --batch 3 [--json]

Every batch is rebuilt from ``../shared/corpora`` by ``b3_store`` (the fixtures hold edit
scripts, no article text; exits with a message when the corpora are absent).
``tests/test_heldout.py`` uses the same functions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.heldout import b3_store  # noqa: E402
from copydesk.engine import check_records  # noqa: E402
from copydesk.evaluate import Score, format_table, score  # noqa: E402
from copydesk.findings import Finding, Severity  # noqa: E402

FOLDERS = {1: "extracted", 2: "extracted-b2", 3: "extracted-b3"}
# labelled checks whose recall is reported on its own (any finding of the family counts)
KEY_CHECKS = ("sentence.stray-space", "sentence.line-break", "quote.pull-quote-in-body")
# checks of a defect the labeller has no label of its own for, scored apart: a finding is
# correct where it overlaps a label whose note starts with this (any family). Side-by-side
# columns: the labeller marks the gutters it crosses (``jump: columns joined``, between
# ideographs) and the line breaks where the text jumps (``jump: reading order``). Columns
# read in turn: the labeller marks each break where the text jumps to another column.
APART = {"layout.side-by-side-columns": "jump", "layout.columns-in-turn": "jump"}


@dataclass
class HeldoutCase:
    """One extraction of one article, with its clean record and labels."""

    name: str
    extractor: str
    naive: list[dict[str, Any]]
    source: list[dict[str, Any]]
    labels: list[dict[str, Any]]


def batch_folder(batch: int) -> Path:
    """The fixture folder of a batch."""
    return REPO / "fixtures" / FOLDERS[batch]


def load_batch(batch: int) -> list[HeldoutCase] | None:
    """The cases of a batch, rebuilt from the corpora; None when they are absent."""
    out = []
    for path in b3_store.case_files(batch_folder(batch)):
        c = b3_store.load_case(path)
        if c is None:
            return None
        out.append(HeldoutCase(c.name, c.extractor, [c.naive], [c.source], c.labels))
    return out


def merge(into: Score, s: Score) -> None:
    """Add the counts of ``s`` to ``into``."""
    into.labels += s.labels
    into.found += s.found
    into.findings += s.findings
    into.correct += s.correct
    into.missed += s.missed
    into.false_alarms += s.false_alarms


def total(scores: dict[str, Score]) -> Score:
    """All families of a score table together."""
    t = Score()
    for s in scores.values():
        merge(t, s)
    return t


@dataclass
class Result:
    """A batch's scores."""

    by_family: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_extractor: dict[str, dict[str, Score]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Score))
    )
    by_check: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    #: the checks of :data:`APART`: findings, and correct ones (over a label of the note)
    apart: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    clean_findings: list[Finding] = field(default_factory=list)
    clean_info: int = 0  # findings below warning on the clean sources
    clean_chars: int = 0

    @property
    def clean_per_10k(self) -> float:
        """Findings (>= warning) per 10,000 body characters of the clean sources."""
        return 1e4 * len(self.clean_findings) / max(1, self.clean_chars)


def _sources(cases: list[HeldoutCase]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for c in cases:
        for rec in c.source:
            if rec["id"] not in seen:
                seen.add(rec["id"])
                yield rec


def measure(cases: list[HeldoutCase]) -> Result:
    """Run copydesk on every extraction and on every clean source (each record alone, once);
    score by family."""
    res = Result()
    for case in cases:
        _, findings = check_records(case.naive, jobs=1)
        labels, covered = _left_to_apart(res, findings, case.labels, _turns_of(case))
        findings = _score_apart(res, findings, case.labels)
        for fam, s in score(findings, labels, min_severity=Severity.WARNING).items():
            merge(res.by_family[fam], s)
            merge(res.by_extractor[case.extractor][fam], s)
        for lab in covered:  # reported by the block: found, and a correct report
            merge(res.by_family[lab["family"]], Score(1, 1, 1, 1))
            merge(res.by_extractor[case.extractor][lab["family"]], Score(1, 1, 1, 1))
        for check in KEY_CHECKS:
            labs = [lab for lab in labels if lab["check"] == check]
            fam = check.split(".", 1)[0]
            s = score(findings, labs, min_severity=Severity.WARNING, families=[fam]).get(fam)
            n = sum(lab["check"] == check for lab in covered)
            res.by_check[check].labels += n + (s.labels if s else 0)
            res.by_check[check].found += n + (s.found if s else 0)
    sources = list(_sources(cases))
    for rec in sources:  # one at a time, as each extraction is checked
        _, findings = check_records([rec], jobs=1)
        warn = [f for f in findings if f.severity >= Severity.WARNING]
        res.clean_findings += warn
        res.clean_info += len(findings) - len(warn)
    res.clean_chars = sum(len(r["body"]) for r in sources)
    return res


#: the labels an :data:`APART` check reports instead of their own check, by the start of
#: their note: the gutter spaces of a found block (``sentence.stray-space`` leaves them to
#: ``layout.side-by-side-columns``: one defect, one finding); the jumps inside a body read in
#: turn (``sentence.line-break`` judges no turn a wrap: ``layout.columns-in-turn`` reports the
#: jumps, and ``fix`` joins none)
COVERED_NOTE = {
    "layout.side-by-side-columns": "jump: columns joined",
    "layout.columns-in-turn": "jump: reading order",
}


def _turns_of(case: HeldoutCase) -> dict[tuple[Any, str], tuple[int, ...]]:
    """The turn offsets of each body read in turn (``layout.columns-in-turn``'s rule), by
    (record id, field), as the labels name them."""
    from copydesk.validators.analysis import analyse

    out = {}
    for rec in case.naive:
        turns = analyse(str(rec.get("body") or "")).turns
        if turns is not None:
            out[(rec.get("id"), "body")] = turns.at
    return out


def _at_turn(lab: dict[str, Any], turns: dict[tuple[Any, str], tuple[int, ...]]) -> bool:
    """The label sits on the break at a turn (from the full line's end to the next line)."""
    at = turns.get((lab["record"], lab["field"]), ())
    return any(t <= lab["end"] and lab["start"] <= t + 3 for t in at)


def _left_to_apart(
    res: Result,
    findings: list[Finding],
    labels: list[dict[str, Any]],
    turns: dict[tuple[Any, str], tuple[int, ...]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``labels`` without the labels (:data:`COVERED_NOTE`) inside a finding of an
    :data:`APART` check that reports them, and those: found by that check (counted in
    ``res.apart``; the caller counts each as found and correctly reported in its family, as
    when ``sentence.stray-space`` reported each gutter). A label its own check still
    reports stays its check's; a jump inside a body read in turn is the check's only at a
    turn (``sentence.line-break`` keeps those breaks; ``turns``: :func:`_turns_of`)."""
    blocks = [f for f in findings if f.check in APART]
    out, covered = [], []
    for lab in labels:
        note = lab.get("note") or ""
        own = any(
            f.check == lab["check"]
            and (f.record, f.field) == (lab["record"], lab["field"])
            and f.start < lab["end"]
            and lab["start"] < f.end
            for f in findings
        )
        inside = not own and next(
            (
                f
                for f in blocks
                if note.startswith(COVERED_NOTE[f.check])
                and (f.record, f.field) == (lab["record"], lab["field"])
                and f.start <= lab["start"]
                and lab["end"] <= f.end
                and (f.check != "layout.columns-in-turn" or _at_turn(lab, turns))
            ),
            None,
        )
        if inside:
            res.apart[inside.check].labels += 1
            res.apart[inside.check].found += 1
            covered.append(lab)
        else:
            out.append(lab)
    return out, covered


def _score_apart(res: Result, findings: list[Finding], labels: list[dict[str, Any]]) -> list:
    """Score the findings of :data:`APART` checks apart; the other findings."""
    rest = []
    for f in findings:
        note = APART.get(f.check)
        if note is None:
            rest.append(f)
            continue
        s = res.apart[f.check]
        s.findings += 1
        if any(
            (lab.get("note") or "").startswith(note)
            and lab["record"] == f.record
            and lab["field"] == f.field
            and lab["start"] < f.end
            and f.start < lab["end"]
            for lab in labels
        ):
            s.correct += 1
        else:
            s.false_alarms.append(f)
    return rest


def report(res: Result) -> str:
    """The figures as text."""
    out = ["all extractors", format_table(res.by_family), ""]
    for name in sorted(res.by_extractor):
        t = total(res.by_extractor[name])
        out.append(f"{name}: recall {t.recall:.3f} precision {t.precision:.3f}")
    out.append("")
    for check, s in sorted(res.by_check.items()):
        out.append(f"recall of {check}: {s.found}/{s.labels} = {s.recall:.3f}")
    for check, s in sorted(res.apart.items()):
        out.append(
            f"{check} (scored apart): {s.correct}/{s.findings} over {APART[check]!r}; "
            f"{s.found} labels it reports inside its findings (counted found in their family)"
        )
    by_check: dict[str, int] = defaultdict(int)
    for f in res.clean_findings:
        by_check[f.check] += 1
    out.append(
        f"clean sources: {len(res.clean_findings)} findings >= warning in {res.clean_chars} "
        f"body chars = {res.clean_per_10k:.2f} per 10k ({dict(sorted(by_check.items()))}); "
        f"{res.clean_info} below warning"
    )
    return "\n".join(out)


def as_json(res: Result) -> dict[str, Any]:
    """The figures as a JSON-able dict (no case content)."""

    def rp(s: Score) -> dict[str, Any]:
        return {
            "labels": s.labels,
            "recall": round(s.recall, 3),
            "precision": round(s.precision, 3),
        }

    return {
        "families": {k: rp(v) for k, v in sorted(res.by_family.items())},
        "extractors": {k: rp(total(v)) for k, v in sorted(res.by_extractor.items())},
        "checks": {k: {"labels": v.labels, "recall": round(v.recall, 3)}
                   for k, v in sorted(res.by_check.items())},
        "clean_per_10k": round(res.clean_per_10k, 2),
        "clean_chars": res.clean_chars,
        "clean_findings": len(res.clean_findings),
        "clean_below_warning": res.clean_info,
    }  # fmt: skip


# ---------------------------------------------------------------------------------------
# a naive baseline, for scale: what two regular expressions find on the same pages

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d"
_NAIVE_SPACE = re.compile(
    f"(?<=[{_CJK}0-9])[ \t\u00a0\u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t]+(?=[0-9])"
)
_SENTENCE = re.compile(r"[^。！？.!?]+[。！？.!?]")


def naive_stray_spaces(text: str) -> list[tuple[int, int]]:
    """Every run of spaces (no line break) between two CJK characters, or CJK and a digit."""
    return [m.span() for m in _NAIVE_SPACE.finditer(text)]


def naive_repeats(text: str, min_chars: int = 12) -> list[tuple[int, int]]:
    """Every sentence (white space ignored, ``min_chars`` or more) that occurs twice or more:
    the spans of all its occurrences in ``text``."""
    idx = [i for i, c in enumerate(text) if not c.isspace()]
    flat = "".join(text[i] for i in idx)
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _SENTENCE.finditer(flat):
        sent = m.group().lstrip("”’\"')")
        if len(sent) >= min_chars:
            seen[sent].append((idx[m.end() - len(sent)], idx[m.end() - 1] + 1))
    return [span for spans in seen.values() if len(spans) > 1 for span in spans]


def _span_score(spans: list[tuple[int, int]], labels: list[dict[str, Any]]) -> tuple[int, int]:
    """(labels overlapped by a span, spans overlapping a label)."""

    def hit(s: int, e: int, lab: dict[str, Any]) -> bool:
        return s < lab["end"] and lab["start"] < e

    found = sum(any(hit(s, e, lab) for s, e in spans) for lab in labels)
    correct = sum(any(hit(s, e, lab) for lab in labels) for s, e in spans)
    return found, correct


def naive_baseline(cases: list[HeldoutCase]) -> dict[str, dict[str, float]]:
    """Recall and precision of the two regular expressions on stray spaces and box copies."""
    out = {}
    for name, fn, check in (
        ("stray-space regex", naive_stray_spaces, "sentence.stray-space"),
        ("repeated-sentence", naive_repeats, "quote.pull-quote-in-body"),
    ):
        labels = found = spans = correct = 0
        for case in cases:
            text = case.naive[0]["body"]
            labs = [lab for lab in case.labels if lab["check"] == check]
            fam = check.split(".", 1)[0]
            fam_labs = [lab for lab in case.labels if lab["family"] == fam]
            hits = fn(text)
            labels += len(labs)
            found += _span_score(hits, labs)[0]
            spans += len(hits)
            correct += _span_score(hits, fam_labs)[1]
        out[name] = {
            "labels": labels,
            "recall": round(found / max(1, labels), 3),
            "precision": round(correct / max(1, spans), 3),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--batch", type=int, choices=(1, 2, 3), default=3)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--baseline", action="store_true", help="also score two naive regexes")
    args = ap.parse_args()
    cases = load_batch(args.batch)
    if cases is None:
        sys.exit("the held-out batches need ../shared/corpora (set COPYDESK_SHARED)")
    res = measure(cases)
    print(json.dumps(as_json(res), indent=1) if args.json else report(res))
    if args.baseline:
        print(json.dumps({"naive baseline": naive_baseline(cases)}, indent=1))


if __name__ == "__main__":
    main()
