"""Hand verdicts on the edits ``copydesk fix`` makes on gold text (fixtures/fix-verdicts.jsonl).

Fails when:

* a row is malformed (a field too many or missing, an excerpt longer than the file keeps, a
  ``false`` row without ``status``);
* an edit judged a false repair and marked ``fixed`` is made again on today's code;
* the false repairs ``benchmarks/fix_cer.py`` reports for a gold differ from those counted
  here straight from the stored rows against today's edits;
* with ``--learn`` (each gold fixed as one file, ``layout.boilerplate`` learned on it
  first; verdicts in fixtures/fix-verdicts-learn.jsonl on top of the others): the same, and
  a learned-boilerplate removal is made that no row judges.

Needs ``../shared/corpora`` (skipped without it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import fix_cer
from copydesk.fix import Fixer


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


ROWS = _rows(fix_cer.VERDICTS)
#: verdicts on the edits only ``--learn`` makes (the set fixed as one file)
LEARN_ROWS = _rows(fix_cer.LEARN_VERDICTS)
FIELDS = {"set", "record", "field", "start", "end", "check", "before", "after", "verdict"}


@pytest.mark.parametrize("rows", [ROWS, LEARN_ROWS], ids=["per-record", "learn"])
def test_rows_are_well_formed(rows: list[dict[str, Any]]) -> None:
    assert rows
    for r in rows:
        assert FIELDS | {"reason"} <= set(r) <= FIELDS | {"reason", "status"}, r
        assert r["verdict"] in ("true", "false"), r
        assert (r["verdict"] == "false") == ("status" in r), r
        assert r.get("status", "open") in ("open", "fixed"), r
        assert r["reason"].strip(), r
        assert len(r["before"]) <= fix_cer.EXCERPT + 1 and len(r["after"]) <= fix_cer.EXCERPT + 1
        assert 0 <= r["start"] <= r["end"], r
    keys = [
        tuple(r[k] for k in ("set", "record", "field", "start", "end", "check", "before", "after"))
        for r in rows
    ]
    assert len(keys) == len(set(keys)), "one verdict per edit"


@pytest.fixture(scope="module")
def today() -> dict[str, tuple[list[dict[str, Any]], dict[fix_cer.EditKey, Any]]]:
    """Per gold set holding a verdict row: the set's records and today's edits on the
    records that hold one, by edit key."""
    sets = fix_cer.clean_texts()
    if not sets:
        pytest.skip("../shared/corpora is absent")
    fixer = Fixer()
    out = {}
    for name in sorted({r["set"] for r in ROWS}):
        recs = sets.get(name, [])
        judged = {r["record"] for r in ROWS if r["set"] == name}
        edits = {}
        for rec in recs:
            if rec["id"] in judged:
                for e in fixer.fix(rec).edits:
                    edits[fix_cer.edit_key(name, rec["id"], e)] = e
        out[name] = (recs, edits)
    return out


def _row_key(r: dict[str, Any]) -> fix_cer.EditKey:
    return (r["set"], r["record"], r["field"], r["start"], r["end"], r["check"])


def _made(r: dict[str, Any], edits: dict[fix_cer.EditKey, Any]) -> bool:
    e = edits.get(_row_key(r))
    return e is not None and (fix_cer.excerpt(e.before), fix_cer.excerpt(e.after)) == (
        r["before"],
        r["after"],
    )


def _made_again(rows: list[dict], made: dict) -> list[str]:
    """The rows judged false repairs and marked fixed whose edit is made again today."""
    return [
        f"{r['set']} {r['record']} {r['start']} {r['check']}: {r['reason']}"
        for r in rows
        if r["verdict"] == "false"
        and r["status"] == "fixed"
        and _made(r, made.get(r["set"], ([], {}))[1])
    ]


def test_false_repairs_once_fixed_stay_fixed(today: dict) -> None:
    back = _made_again(ROWS, today)
    assert not back, "edits judged false repairs and since fixed are made again:\n" + "\n".join(
        back
    )


def test_reported_false_repairs_match_the_stored_verdicts(today: dict) -> None:
    """fix_cer's false-repair count per gold equals the judged-false rows whose edit is
    made today, counted here from the rows alone."""
    fixer = Fixer()
    for name, (recs, edits) in today.items():
        expected = sum(
            1 for r in ROWS if r["set"] == name and r["verdict"] == "false" and _made(r, edits)
        )
        judged = [
            rec for rec in recs if rec["id"] in {r["record"] for r in ROWS if r["set"] == name}
        ]
        t = fix_cer.tally_clean(name, judged, fixer)
        assert t.verdicts["false"] == expected, name


@pytest.fixture(scope="module")
def learned() -> dict[str, tuple[list[dict[str, Any]], dict[fix_cer.EditKey, Any]]]:
    """Per gold set holding a ``--learn`` verdict row: the set's records and the edits made
    when the whole set is fixed as one file, by edit key."""
    sets = fix_cer.clean_texts()
    if not sets:
        pytest.skip("../shared/corpora is absent")
    out = {}
    for name in sorted({r["set"] for r in LEARN_ROWS}):
        recs = sets.get(name, [])
        fixer = fix_cer.learned_fixer(name, recs, Fixer())
        edits = {}
        for rec in recs:
            for e in fixer.fix(rec, input=name).edits:
                edits[fix_cer.edit_key(name, rec["id"], e)] = e
        out[name] = (recs, edits)
    return out


def _learn_verdicts(name: str) -> list[dict[str, Any]]:
    """The rows that judge ``--learn`` edits of set ``name``: the learn rows over the others
    (as fix_cer reads them)."""
    rows = {(*_row_key(r), r["before"], r["after"]): r for r in ROWS if r["set"] == name}
    rows.update(
        {(*_row_key(r), r["before"], r["after"]): r for r in LEARN_ROWS if r["set"] == name}
    )
    return list(rows.values())


def test_learned_false_repairs_match_the_stored_verdicts(learned: dict) -> None:
    """fix_cer --learn's false-repair count per gold equals the judged-false rows whose
    edit is made today, and every learned-boilerplate removal has a row."""
    fixer = Fixer()
    for name, (recs, edits) in learned.items():
        rows = _learn_verdicts(name)
        expected = sum(1 for r in rows if r["verdict"] == "false" and _made(r, edits))
        t = fix_cer.tally_clean(name, recs, fixer, learn=True)
        assert t.verdicts["false"] == expected, name
        judged = {_row_key(r) for r in rows if _made(r, edits)}
        unjudged = [k for k in edits if "layout.boilerplate" in k[5] and k not in judged]
        assert not unjudged, f"learned-boilerplate removals without a verdict: {unjudged}"


def test_learned_false_repairs_once_fixed_stay_fixed(learned: dict) -> None:
    back = _made_again(LEARN_ROWS, learned)
    assert not back, "--learn edits judged false and since fixed are made again:\n" + "\n".join(
        back
    )
