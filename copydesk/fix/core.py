"""Fix one record: run the checks, turn findings into edits, apply, check again.

A pass runs every selected per-record check, asks :mod:`copydesk.fix.fixers` for the
repair of each finding, keeps the edits that do not overlap (higher-priority repairs first:
whole-line removals, then encoding, dates and figures, joins, spaces) and applies them.
Passes repeat until one makes no edit (at most ``max_passes``; joining one wrap can make the
next line's break read as a wrap, so OCR text takes up to 5 passes), so fixing is idempotent:
the output of :func:`fix_record` is a fixed point. The edits of every pass are composed into
edits of the input text (:func:`copydesk.fix.edits.compose`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.config import Config
from copydesk.engine import Plan
from copydesk.fix import edits as edits_mod
from copydesk.fix import guards, repairs
from copydesk.fix.edits import Edit
from copydesk.fix.fixers import LISTED_ONLY, fixer_for, is_unsafe
from copydesk.fix.learned import CHECK as LEARNED
from copydesk.fix.learned import LearnedBoilerplate
from copydesk.fix.unsafe import RECORD_FIXES, SPLIT, split_off_record
from copydesk.record import ArticleRecord
from copydesk.validators.analysis import analyse
from copydesk.validators.columns import blocks_of, read_all
from copydesk.validators.registry import Hit, field_text, get_check, reported_field
from copydesk.validators.schema import longest_text

MAX_PASSES = 32
#: Runs of :meth:`Fixer.fix`: a run whose edits change how its input was judged is followed
#: by a run on its output (one is enough on every held-out and real-world record but one).
MAX_RUNS = 3


@dataclass
class FixResult:
    """What fixing one record did. ``edits`` refer to the input's texts."""

    record: dict[str, Any]
    edits: list[Edit]
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    applied: Counter[str] = field(default_factory=Counter)
    unsafe: Counter[str] = field(default_factory=Counter)
    #: records cut off this one (``--unsafe-fixes``: another article at the body's end)
    split_off: list[FixResult] = field(default_factory=list)
    #: passes that made edits (a last pass that made none is not counted)
    passes: int = 0
    #: the record as given (the edits' offsets refer to its texts)
    original: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


class Fixer:
    """Fixes records with one plan (selected checks, parameters, field map)."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        unsafe: bool = False,
        max_passes: int = MAX_PASSES,
        learned: LearnedBoilerplate | None = None,
    ) -> None:
        self.config = config or Config()
        #: ``layout.boilerplate`` learned on the whole input (``copydesk fix`` on files)
        self.learned = learned
        plan = Plan.from_config(self.config)
        self.checks = [
            (get_check(cid), {**get_check(cid).params, **params})
            for cid, _sev, params in plan.record_checks
        ]
        #: texts longer than this are read by the linear checks only, as ``check`` reads them
        self.max_chars = plan.max_chars
        self.unsafe = unsafe
        self.max_passes = max_passes
        self._paragraphs: set[str] = set()
        #: the body of the record being fixed is flowed text, judged on the input
        self._flowed_body = False
        #: fields of flowed text (a paragraph per line: a web page's), judged on the input
        self._flowed: set[str] = set()
        #: fields cut at their inline elements (a web page's, whatever their profile)
        self._cut: set[str] = set()
        #: fields whose line breaks are the page's layout (flowed, not cut at inline elements)
        self._page_breaks: set[str] = set()
        #: the input text of each field in ``_cut``, and the edits made so far (against it)
        self._inputs: dict[str, str] = {}
        self._log: dict[str, list[Edit]] = {}
        #: per field, the log of the pass and its :class:`edits_mod.InputOffsets`
        self._offsets: dict[str, tuple[list[Edit], edits_mod.InputOffsets]] = {}

    def hits(self, record: ArticleRecord) -> list[tuple[str, Hit]]:
        """Every selected check's hits on ``record`` (canonical field names)."""
        out: list[tuple[str, Hit]] = []
        oversize = longest_text(record) > self.max_chars
        for spec, params in self.checks:
            if oversize and not spec.linear:
                continue  # as ``check`` does: its time may grow faster than the text
            out.extend((spec.id, h) for h in spec.func(record, **params))
        if self.learned is not None:
            learned = self.learned.hits(record, flowed=self._flowed_body)
            out.extend((LEARNED, h) for h in learned)
        return out

    def fix(self, obj: Mapping[str, Any], *, input: str | None = None) -> FixResult:
        """Fix one record given as a mapping (the user's field names); ``input``: the file
        it was read from (the source of a record without ``source``, for learned checks).

        A run judges the record's fields on its input (flowed or hard-wrapped, paragraph
        lines, read in turn) and makes passes until no edit is left; when its edits change
        that judgement, a fix of its output would edit again, so the fix runs again on its
        output, judged anew (at most :data:`MAX_RUNS` runs), and the runs' edits are
        composed: ``fix(fix(x)) == fix(x)`` wherever the runs settle."""
        result, originals, log = self._run(obj, input)
        for _ in range(MAX_RUNS - 1):
            if not log or result.split_off:
                break
            again, now, more = self._run(result.record, input)
            if not more:
                break
            for name, edits in more.items():
                if name in log:
                    log[name] = edits_mod.compose(originals[name], log[name], edits)
                else:
                    originals[name], log[name] = now[name], edits
            record = ArticleRecord.from_mapping(obj, self.config.fields, input=input)
            again.edits = _reported(record, log)
            again.before, again.original, again.unsafe = (
                result.before,
                result.original,
                result.unsafe,
            )
            again.applied += result.applied
            again.passes += result.passes
            result = again
        return result

    def _run(
        self, obj: Mapping[str, Any], input: str | None
    ) -> tuple[FixResult, dict[str, str], dict[str, list[Edit]]]:
        """One run of :meth:`fix`: the result, and per field (canonical name) the text it
        started from and its edits of that text."""
        fmap = self.config.fields
        record = ArticleRecord.from_mapping(obj, fmap, input=input)
        originals: dict[str, str] = {}
        texts: dict[str, str] = {}
        log: dict[str, list[Edit]] = {}
        result = FixResult(dict(obj), [], original=dict(obj))
        cut: list[str] = []
        # judged once on the input (joins make lines longer, not paragraphs), its columns
        # written side by side read apart (a line of two columns is no paragraph) and its
        # page-furniture lines gone, as they will be (fix run on its own output judges that)
        judged = _furniture_dropped(obj, _columns_read(obj, record, input), input)
        self._flowed_body = _flowed(judged, "body")
        hits = self.hits(record)
        names = {h.field for _, h in hits}
        self._paragraphs = {name for name in names if _paragraph_text(judged, name)}
        self._flowed = {name for name in names if _flowed(judged, name)}
        self._cut = {name for name in names if guards.cut_at_inline_elements(_text(judged, name))}
        self._page_breaks = self._flowed - self._cut
        self._inputs = {name: _text(record, name) for name in self._cut}
        self._log = log
        self._offsets = {}
        result.before = Counter(c for c, _ in hits)
        result.unsafe = Counter(
            c for c, _ in hits if is_unsafe(c) and (not self.unsafe or c in LISTED_ONLY)
        )
        for _ in range(self.max_passes):
            chosen = self._edits(record, hits, texts)
            if not chosen:
                break
            result.passes += 1
            for name in {e.field for e in chosen}:
                current = texts.get(name)
                if current is None:
                    current = field_text(record, name) or ""
                    originals[name] = current
                mine = [e for e in chosen if e.field == name]
                texts[name] = edits_mod.apply(current, mine)
                log[name] = edits_mod.compose(originals[name], log.get(name, []), mine)
            result.applied.update(e.check for e in chosen)
            cut.extend(e.before for e in chosen if e.check == SPLIT)
            record = ArticleRecord.from_mapping(_rebuilt(obj, record, texts), fmap, input=input)
            hits = self.hits(record)
        result.after = Counter(c for c, _ in hits)
        for n, text in enumerate(cut, 2):
            new = split_off_record(dict(obj), record, text, n)
            sub = self.fix(new, input=input)
            result.split_off += [sub, *sub.split_off]
            sub.split_off = []
        if log:
            result.record = _rebuilt(obj, ArticleRecord.from_mapping(obj, fmap), texts)
            result.edits = _reported(record, log)
        return result, originals, log

    def _edits(
        self, record: ArticleRecord, hits: list[tuple[str, Hit]], texts: dict[str, str]
    ) -> list[Edit]:
        """The edits of one pass: candidate groups by priority, a group taken whole or not
        at all when one of its edits overlaps an edit already taken."""
        groups: list[tuple[int, str, int, list[Edit]]] = []
        for check_id, hit in hits:
            if self.unsafe and check_id in RECORD_FIXES:
                group = RECORD_FIXES[check_id](record, hit)
                if group:
                    groups.append((-1, hit.field, hit.start, group))
                continue
            edit, priority = self._repair(record, check_id, hit)
            if edit is not None:
                groups.append((priority, hit.field, edit.start, [edit]))
        groups.sort(key=lambda g: (g[0], g[1], g[2]))
        occupied = edits_mod.Occupied()
        taken: list[Edit] = []
        for *_, group in groups:
            if all(occupied.free(e) for e in group) and not _self_overlapping(group):
                for e in group:
                    occupied.take(e)
                taken.extend(group)
        return sorted(taken, key=lambda e: (e.field, e.start, e.end))

    def _keeps_layout(self, text: str, hit: Hit) -> bool:
        """True when a join would undo the page's own layout (the field's kind judged on the
        input, the lines on the text as it is): in a text of paragraph lines, a break not
        plainly inside a sentence (:func:`guards.paragraph_break`); a heading in capitals
        under prose (:func:`guards.heading_below`); in a field whose breaks
        are the page's (flowed, not cut at inline elements), lines set one by one
        (:func:`guards.set_line_by_line`) or items opening alike
        (:func:`guards.parallel_items`); in a field cut at its inline elements, a block
        opening under the break (:func:`guards.block_below`); a break beside a line of
        columns joined by a space (:func:`guards.beside_column_joint`). A word a link cut in
        two is closed up instead (:meth:`_word_piece`)."""
        if hit.field in self._paragraphs and guards.paragraph_break(text, hit.start, hit.end):
            return True
        if guards.heading_below(text, hit.start, hit.end):
            return True
        if guards.beside_column_joint(text, hit.start, hit.end):
            return True
        if hit.field in self._cut and self._cut_block(hit):
            return True
        if hit.field not in self._page_breaks:
            return False
        return guards.set_line_by_line(text, hit.start, hit.end) or guards.parallel_items(
            text, hit.start, hit.end
        )

    def _on_input(self, hit: Hit) -> tuple[str, int, int] | None:
        """The input text of a field cut at its inline elements and the span of ``hit`` in
        it (``None`` where an earlier pass made the span), where the page's lines are as
        the extractor cut them (a join of an earlier pass makes a cut piece one with the
        line it goes on)."""
        log = self._log.get(hit.field, [])
        cached = self._offsets.get(hit.field)
        if cached is None or cached[0] is not log:
            cached = self._offsets[hit.field] = (log, edits_mod.InputOffsets(log))
        start, last = cached[1](hit.start), cached[1](hit.end - 1)
        if start is None or last is None:
            return None
        return self._inputs[hit.field], start, last + 1

    def _cut_block(self, hit: Hit) -> bool:
        """In a field cut at its inline elements: a block opening under the break
        (:func:`guards.block_below`), judged on the input (:meth:`_on_input`)."""
        span = self._on_input(hit)
        return span is not None and guards.block_below(*span)

    def _word_piece(self, hit: Hit) -> bool:
        """In a field cut at its inline elements: the break follows a word's first letter
        that a link cut off (:func:`guards.word_piece`), judged on the input."""
        span = self._on_input(hit)
        return span is not None and guards.word_piece(*span)

    def _repair(self, record: ArticleRecord, check_id: str, hit: Hit) -> tuple[Edit | None, int]:
        """One finding's edit and its priority, or ``(None, 0)``."""
        fx = fixer_for(check_id, hit.suggestion, unsafe=self.unsafe)
        if fx is None or not _editable(record, hit.field):
            return None, 0
        text = field_text(record, hit.field)
        if text is None:
            return None, 0
        if fx.name == "join" and self._keeps_layout(text, hit):
            return None, 0
        if fx.name not in _LINE_FIXES and guards.across_column_turns(text, hit.start, hit.end):
            return None, 0
        if fx.name == "remove space" and hit.field in self._flowed:
            if guards.set_off_by_spaces(text, hit.start, hit.end):
                return None, 0
        if fx.name == "remove control" and hit.field in self._flowed:
            if guards.hyphenation_point(text, hit.start, hit.end):
                return None, 0
        flowed_join = fx.name == "join" and hit.field in self._flowed
        repair = repairs.join_flowed if flowed_join else fx.repair
        if fx.name == "join" and hit.field in self._cut and self._word_piece(hit):
            repair = repairs.close_word
        rep = repair(text, hit.start, hit.end)
        if rep is None or text[rep.start : rep.end] == rep.after:
            return None, 0
        before = text[rep.start : rep.end]
        return Edit(hit.field, rep.start, rep.end, before, rep.after, check_id), fx.priority


def _columns_read(
    obj: Mapping[str, Any], record: ArticleRecord, input: str | None
) -> ArticleRecord:
    """``record`` with the body's blocks of side-by-side columns read column by column
    (:func:`copydesk.validators.columns.read_all`), or ``record`` itself when it has none."""
    body = record.body
    if not body or not analyse(body).memo(blocks_of):
        return record
    return _with_body(obj, record, read_all(body), input)


def _furniture_dropped(
    obj: Mapping[str, Any], record: ArticleRecord, input: str | None
) -> ArticleRecord:
    """``record`` with the body's page-furniture lines removed (``layout.page-furniture``'s
    repair), or ``record`` itself when it has none: the body as ``fix`` will leave it and as
    ``fix`` run again on its output reads it, so both judge one text (idempotence: a body
    opening ``1⏎1⏎、⏎…`` was judged with its page numbers the first time, without them the
    second, and joined only then; review of stop 21)."""
    body = record.body
    if not body:
        return record
    spec = get_check(_FURNITURE)
    found = [h for h in spec.func(record, **spec.params) if h.field == "body"]
    cuts = [r for h in found if (r := repairs.remove_lines(body, h.start, h.end)) is not None]
    if not cuts:
        return record
    return _with_body(obj, record, edits_mod.apply(body, _disjoint_edits(body, cuts)), input)


def _with_body(
    obj: Mapping[str, Any], record: ArticleRecord, body: str, input: str | None
) -> ArticleRecord:
    """``record`` with its body replaced by ``body`` (the fields other than the text kept)."""
    rebuilt = _rebuilt(obj, record, {"body": body})
    return ArticleRecord.from_mapping(rebuilt, record.field_map, input=input)


_FURNITURE = "layout.page-furniture"


def _disjoint_edits(body: str, cuts: list[repairs.Repair]) -> list[Edit]:
    """The removals as edits in text order, each dropped where it overlaps the one before."""
    out: list[Edit] = []
    for r in sorted(cuts, key=lambda r: (r.start, r.end)):
        if out and r.start < out[-1].end:
            continue
        out.append(Edit("body", r.start, r.end, body[r.start : r.end], r.after, _FURNITURE))
    return out


def _paragraph_text(record: ArticleRecord, name: str) -> bool:
    text = field_text(record, name)
    return text is not None and guards.lines_are_paragraphs(text)


def _text(record: ArticleRecord, name: str) -> str:
    return field_text(record, name) or ""


def _flowed(record: ArticleRecord, name: str) -> bool:
    """True when a field is flowed text, judged as ``sentence.line-break`` judges it (a
    headline or a quote box by the body's wrap)."""
    text = field_text(record, name)
    return text is not None and guards.flowed(text, field_text(record, "body"))


def _self_overlapping(group: list[Edit]) -> bool:
    return any(edits_mod.overlaps(a, b) for i, a in enumerate(group) for b in group[i + 1 :])


def _editable(record: ArticleRecord, name: str) -> bool:
    """A field whose text can be written back: a string field, or ``paragraphs`` whose
    entries hold no line break (they are split again on ``\\n``)."""
    if name == "body" and record.body_field == "paragraphs":
        paras = record.data.get("paragraphs")
        return isinstance(paras, list) and not any("\n" in p or "\r" in p for p in paras)
    return name in ("body", "headline", "subheadline", "dateline") or name.startswith("quotes[")


#: Fixes that remove or rewrite whole lines (not a line break between two lines).
_LINE_FIXES = frozenset({"remove lines", "drop copy", "read columns"})


def _reported(record: ArticleRecord, log: Mapping[str, list[Edit]]) -> list[Edit]:
    """The edits of ``log`` (by canonical field name) with the fields named as the user's
    data names them, fields in name order."""
    return [
        Edit(reported_field(record, e.field), e.start, e.end, e.before, e.after, e.check)
        for name in sorted(log)
        for e in log[name]
    ]


def _rebuilt(obj: Mapping[str, Any], record: ArticleRecord, texts: Mapping[str, str]) -> dict:
    """``obj`` with the fields of ``texts`` replaced, keys in their order."""
    out = dict(obj)
    for name, text in texts.items():
        if name.startswith("quotes["):
            key = record.field_map.source("quotes")
            value = out.get(key)
            idx = int(name[7:-1])
            if isinstance(value, list):
                value = list(value)
                value[idx] = text
                out[key] = value
            else:
                out[key] = text
        elif name == "body" and record.body_field == "paragraphs":
            out[record.field_map.source("paragraphs")] = text.split("\n")
        else:
            out[record.field_map.source(name)] = text
    return out


def fix_record(
    record: Mapping[str, Any],
    *,
    config: Config | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    unsafe: bool = False,
) -> tuple[dict[str, Any], list[Edit]]:
    """Repair one record: ``(fixed record, edits)``; the edits' offsets refer to ``record``.

    A column wrap ``…网络空\\n\\n间。…`` in the body comes back as ``…网络空间。…`` with one
    edit ``Edit("body", start, end, "\\n\\n", "", "sentence.line-break")``.
    A record without findings comes back equal to the input, with no edits.
    """
    cfg = (config or Config()).with_overrides(select=select, ignore=ignore)
    res = Fixer(cfg, unsafe=unsafe).fix(record)
    return res.record, res.edits


__all__ = ["MAX_PASSES", "MAX_RUNS", "FixResult", "Fixer", "fix_record"]
