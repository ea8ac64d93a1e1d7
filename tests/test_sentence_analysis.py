"""sentence family on the shared analysis (issue 12, "parse once, judge many"): the break
verdicts are a memo table built once per text and profile, the rules read it, and the fast
paths (tail searches, one-pass candidates, whole-text passes) say what the slow ones said."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from copydesk.validators import analysis, sentence
from copydesk.validators.profile import profile_of
from copydesk.validators.registry import check_record
from copydesk.validators.sentence import (
    CODE_OPENS,
    FURNITURE_HINT,
    SPACE_NEIGHBOUR_OTHER,
    TAIL_SEARCHES,
    RareMarks,
    cells_at_least,
    cjk_pair,
    classify_breaks,
    display_cells,
)
from copydesk.validators.text import BREAK_RE, PAIRS, Break, breaks, lines, unbalanced_marks

# Seed page lines 25-27 (column wraps) and a quotation cut by a paragraph end.
CJK_BODY = (
    "我们倡导安危与共，构建更加和平安全的网络空\n\n间。尊重网络主权，尊重各国的互联网发展道路和治理\n"
    "模式。遵守网络空间国际规则，不搞网络霸权。\n\n他说：“我们要加强合作。\n\n各方应携手应对挑战。”\n\n"
    "会议闭幕。"
)
# The Cairo Daily, 1871 and The Washington Times, 1921 (OverProof): a hyphen split, wraps.
EN_BODY = (
    "the investigating of the affairs of the pen-\nitentiary and of the orphans.\n"
    "Commission act for a seven-montl\nperiod in the Senate.\n\nTHE PARK BILLS\n\nThe bills passed."
)
SENTENCE_CHECKS = ["sentence.line-break", "sentence.word-split", "sentence.unbalanced"]


@pytest.fixture
def verdict_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts :func:`sentence.break_verdicts` is built for, from a cold start."""
    built: list[str] = []
    real = sentence.break_verdicts

    def counting(an: analysis.TextAnalysis, prof: object) -> object:
        built.append(an.text)
        return real(an, prof)

    monkeypatch.setattr(sentence, "break_verdicts", counting)
    analysis.forget()
    yield built
    analysis.forget()


@pytest.mark.parametrize("body", [CJK_BODY, EN_BODY])
def test_break_verdicts_are_built_once_per_text(body: str, verdict_builds: list[str]) -> None:
    rec = {"id": "t", "body": body, "quotes": ["各方应携手\n应对挑战。"]}
    found = check_record(rec, select=SENTENCE_CHECKS)
    assert found  # the checks ran and read the table
    assert sorted(verdict_builds) == sorted([body, "各方应携手\n应对挑战。"])
    check_record(rec, select=SENTENCE_CHECKS)  # the same strings: the kept analyses answer
    assert len(verdict_builds) == 2


def test_a_profile_of_its_own_is_a_table_of_its_own(verdict_builds: list[str]) -> None:
    flowed = profile_of(CJK_BODY)
    hard = replace(flowed, wrap="hard")
    assert flowed.flowed and not hard.flowed
    judged = [classify_breaks(CJK_BODY, p) for p in (flowed, hard, flowed, hard)]
    assert len(verdict_builds) == 2 and judged[0] == judged[2] and judged[1] == judged[3]


def test_core_breaks_are_scanned_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[str] = []

    def counting(text: str) -> Iterator[Break]:
        scans.append(text)
        return breaks(text)

    monkeypatch.setattr(analysis, "breaks", counting)
    analysis.forget()
    check_record({"id": "t", "body": CJK_BODY}, select=SENTENCE_CHECKS)
    analysis.forget()
    assert scans == [CJK_BODY]


@pytest.mark.parametrize("body", [CJK_BODY, EN_BODY])
def test_rules_report_what_the_table_says(body: str) -> None:
    found = check_record({"id": "t", "body": body}, select=SENTENCE_CHECKS)
    table = classify_breaks(body, profile_of(body))
    by_check = {c: [(f.start, f.end) for f in found if f.check == c] for c in SENTENCE_CHECKS}
    wraps = [(j.brk.start, j.brk.end) for j in table if j.verdict == "wrap"]
    hyphens = [
        (body.rfind("-", 0, j.brk.start + 1), j.brk.end) for j in table if j.verdict == "hyphen"
    ]
    paras = {(j.brk.start, j.brk.end) for j in table if j.verdict == "para"}
    assert by_check["sentence.line-break"] == wraps
    assert by_check["sentence.word-split"] == hyphens
    assert set(by_check["sentence.unbalanced"]) <= paras
    assert wraps and (hyphens or by_check["sentence.unbalanced"])


def _reference_breaks(text: str) -> list[tuple[int, int, str, str, int]]:
    """:func:`breaks` as first written: one :data:`BREAK_RE` match at a time."""
    out = []
    line_start = 0
    for m in BREAK_RE.finditer(text):
        run = m.group()
        last_nl = max(run.rfind("\n"), run.rfind("\r"))
        if m.start() and m.end() != len(text):
            nxt = re.compile(r"\r\n|\r|\n").search(text, m.end())
            after = text[m.end() : nxt.start() if nxt else len(text)]
            count = run.count("\n") + run.count("\r") - run.count("\r\n")
            out.append((m.start(), m.end(), text[line_start : m.start()], after, count))
        line_start = m.start() + last_nl + 1
    return out


def _reference_unbalanced(text: str) -> tuple[list[int], list[int]]:
    stacks: dict[str, list[int]] = {}
    unmatched = []
    closing = {v: k for k, v in PAIRS.items()}
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stacks.setdefault(ch, []).append(i)
        elif ch in closing:
            if stacks.get(closing[ch]):
                stacks[closing[ch]].pop()
            else:
                unmatched.append(i)
    return sorted(i for st in stacks.values() for i in st), unmatched


def test_one_pass_lines_breaks_and_marks_match_the_reference() -> None:
    rng = random.Random(12)
    alphabet = ["a", "中", " ", "\t", "\u00a0", "\u3000", "\n", "\r", "\r\n", "“", "”", "《", "》"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert [tuple(b) for b in breaks(text)] == _reference_breaks(text), repr(text)
        assert unbalanced_marks(text) == _reference_unbalanced(text), repr(text)
        parts = re.split(r"\r\n|\r|\n", text)
        assert [ln.text for ln in lines(text)] == parts
        assert all(text[ln.start : ln.end] == ln.text for ln in lines(text))


LINE_ENDS = [
    "You smile, Mr.",
    "said the Messrs.",
    "Mr.",
    "to succeed Mr. B. H.",
    "on Saturday of Mrs. Emily M.",
    "The Rev. O. H. Fisher, Messrs. J.",
    "Miss E.",
    "in Washington, D. C.",
    "taken by Mr. A. B. C. D. E. F. G. H. I. J. K. L. M. N. O.",  # review 19: more initials
    "Present: Alderman Wolfeschlegelsteinhausenbergerdorff J. K.",  # and a long name
    "Present: Alderman.  Wolfeschlegelsteinhau  J.  K.  L.",  # the longest match: 45
    "the dog of Mr. Smith and Class A.",
    "the pen-",
    "to surren\u00ac",
    "a \u00ac",
    "a-",
    "-",
    "Your obedient servant,",
    "yours truly,",
    "CORRESPONDENT,",
    "the house of the",
    "and",
    "it was said",
    "write to a@b.org",
    "see https://example.com/x",
    "www.example.com is",
    "  --restart=no",
    "make && make install",
    "  }",
    ")",
    "echo \\",
    "$ ls",
    "plain prose without an end",
    "",
]


@pytest.mark.parametrize("line", LINE_ENDS)
def test_tail_searches_agree_with_the_whole_line(line: str) -> None:
    assert len(TAIL_SEARCHES) == 7
    for fast, pattern in TAIL_SEARCHES:
        assert fast(line) == (pattern.search(line) is not None), (fast.__name__, line)


def test_space_candidates_skip_only_runs_no_rule_reports() -> None:
    neighbour_other = re.compile(f"[{SPACE_NEIGHBOUR_OTHER}]")
    for code in range(0x0600):
        ch = chr(code)
        if neighbour_other.match(ch):
            assert not cjk_pair(ch, "中") and not cjk_pair("中", ch), ch


def test_code_line_openers_are_white_space_and_closing_brackets() -> None:
    # the hard-wrapped judgement skips the code-line pattern for a line without a code hint
    # unless it opens with one of these: every character str.isspace() holds, and ] )
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert CODE_OPENS == frozenset(spaces | {"]", ")"})


FURNITURE_LINES = [
    "人民日报 2023年11月9日 星期四 要闻 1",
    "《人民日报》（2025年10月20日 第 01 版）",
    "一版责编：杨",
    "第 14 页",
    "广 告",
    "版式设计：沈亦伶",
    "THE WASHINGTON TIMES, MONDAY, JULY 1, 1918",
    "Page 4",
    "PAGE 12",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_every_furniture_line_holds_a_furniture_hint(line: str) -> None:
    from copydesk.validators.text import furniture

    assert furniture(line) is not None
    assert FURNITURE_HINT.search(line) is not None


def _hard_texts() -> Iterator[str]:
    """Hard-wrapped texts with the rare signs of the break judgement on some lines: page
    furniture (and a heading under it), code, links, a table, bracketed labels, dates."""
    en = [
        "The council met on Tuesday to discuss the new budget for",
        "the harbour, and the mayor said that the works would begin",
        "in the spring if the state agreed to pay its share of the",
    ]
    zh = [
        "构建更加和平安全的网络空间，共同推动全球治理体系改",
        "革，支持充电，价格元。中方愿同各方携手落实全球人工",
    ]
    extras = [
        "THE WASHINGTON TIMES, MONDAY, JULY 1, 1918",
        "Page 4",
        "  --restart=no and more words here",
        "make && make install of the things",
        ") closing the bracket of the line",
        "\u3000indented with an ideographic space",
        "write to a@b.org for the details of",
        "see https://example.com/x for more of",
        "3.",
        "12+3",
        "[",
        "编辑",
        "]",
        "on 12 January",
        "1918 the council met",
        "人民日报 2023年11月9日 星期四 要闻 1",
        "第 14 页",
        "要闻速览",
    ]
    rng = random.Random(12)
    for _ in range(60):
        rows = [rng.choice(en + zh) for _ in range(8)]
        for _ in range(rng.randint(1, 4)):
            rows.insert(rng.randrange(len(rows) + 1), rng.choice(extras))
        yield "".join(row + rng.choice(["\n", "\n", " \n", "\n\n"]) for row in rows)


@pytest.mark.parametrize("text", list(_hard_texts()))
def test_rare_break_pruning_keeps_every_verdict(text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the rare verdicts (furniture, labels, tables, code) are asked only of the breaks whose
    # lines hold a sign of them: asking them of every break gives the same verdicts
    prof = replace(profile_of(text), wrap="hard", column_width=None)
    fast = classify_breaks(text, prof)
    analysis.forget()
    monkeypatch.setattr(RareMarks, "rare_breaks", lambda self, j, u: range(len(j)))
    assert classify_breaks(text, prof) == fast
    analysis.forget()


@pytest.mark.parametrize(
    "s", ["", "abc", "abcdefghijk", "中文中文中", "中文 ab", "中文中文 ab", "ab  中"]
)
def test_cells_at_least_is_the_display_width_test(s: str) -> None:
    from copydesk.validators.text import display_width

    for cells in (0, 2.5, 5.5, 6, 11):
        assert cells_at_least(s, cells) == (display_width(s) >= cells), (s, cells)


def test_cells_is_display_width() -> None:
    from copydesk.validators.text import display_width

    rng = random.Random(3)
    pool = "中文，。 abc\u3000·—“”é1２ア한\u25a0\t"
    for _ in range(5000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert display_cells(s) == display_width(s), s
