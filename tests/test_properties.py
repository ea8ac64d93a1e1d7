"""Properties of every check against generated records (copydesk.testing.strategies).

- a clean generated record has no finding of severity >= warning;
- a corrupted record has a finding of the right family over every injected span, and no
  new finding >= warning of another family;
- findings are deterministic, their spans lie inside the field, their excerpts are
  ``make_excerpt`` of the text at those spans;
- the verdict is the same through the CLI, ``check_records`` and ``ArticleSchema``.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copydesk.cli import main
from copydesk.engine import check_records
from copydesk.findings import Finding, Severity, make_excerpt
from copydesk.record import ArticleRecord
from copydesk.schemas import ArticleSchema
from copydesk.testing.strategies import DEFECTS, Corrupted, Span, articles, corpora
from copydesk.validators.registry import all_checks, check_record, field_text, get_check

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Checks whose defect property fails today: the shrunk examples are in the reasons (bugs
#: for the checks' owners). Remove an entry when its check is fixed (strict xfail says so).
KNOWN_BUGS: dict[str, str] = {}

#: Families a defect also breaks, inside its own spans: a block of columns written side by
#: side cuts every sentence of its lines, and a date or figure a line cuts (its wraps and
#: gutters are their findings, which ``copydesk fix`` joins once the columns are read apart).
ALSO_INSIDE: dict[str, set[str]] = {
    "layout.side-by-side-columns": {"sentence", "date", "figure"},
    "layout.columns-in-turn": {"sentence", "date", "figure"},
}


def _pinned(check: str, clean: dict[str, Any], body: str, start: int, end: int) -> Corrupted:
    return Corrupted(check, ({**clean, "body": body},), (Span("body", start, end),), (clean,))


_PIN_RECORD: dict[str, Any] = {
    "id": "xinhua-2015-02-01-01-000000",
    "headline": "共同推动构建网络空间命运共同体迈向新阶段",
    "dateline": "新华社北京2月1日电",
    "byline": "记者刘志强",
    "published": "2015-02-01",
    "source": "人民日报",
    "page": 1,
    "section": "要闻",
    "language": "zh",
}
_PIN_FIGURE_CLEAN = (
    "新华社北京2月1日电 2月1日，遵守网络空间国际规则，不搞网络霸权。\n"
    "共享共治：推动网络空间更加和平安全\n"
    "中国有效发明专利和商标拥有量分别达到100.1万件、1000.1万件。"
)
_PIN_MOJIBAKE_CLEAN = (
    "新华社北京2月1日电 2月1日，站在新起点上，我们将立足职责使命，积极推进全球数字基础设施"
    "建设普及，促进数字技术赋能产业。"
)
_PIN_MOJIBAKE_BAD = "新起".encode().decode("cp1252")  # 'æ–°èµ·'

#: A flowed record whose paragraphs happen to share one width, and the run-on article after
#: it: the headline line above the second dateline was read as a wrap of a hard-wrapped text.
_PIN_RUN_ON_CLEAN = (
    "新华社北京2月1日电 2月1日，遵守网络空间国际规则，不搞网络霸权。\n"
    "此前，相关会议1月1日至2日在乌镇举行。\n"
    "PCT国际专利申请量连续4年位居世界第一。\n"
    "同时，中国知识产权转化运用也持续加强。"
)
_PIN_RUN_ON = (
    "\n中国全球百强科技创新集群数量世界第一\n"
    "新华社北京2月1日电 我们要深化交流、务实合作，共同推动构建网络空间命运共同体迈向新阶段。\n"
    "信息革命时代潮流浩荡前行，网络空间承载着人类对美好未来的无限憧憬。\n"
    "此前，相关会议1月3日至4日在乌镇举行。"
)

#: One-sentence paragraphs, several 19-20 cells wide like the sub-head among them, and a
#: run-on article: the profile read them as a 20-cell column, and the sub-head line as a full
#: column line cut before its paragraph (a ``sentence.line-break``; the lines of one width
#: end their sentences, so they are no column: ``profile._cut_at``).
_PIN_ONE_WIDTH_CLEAN = (
    "新华社北京2月1日电 2月1日，各国应结合各自国情，坚持互联互通、共享共治，开展务实合作，"
    "携手应对挑战。\n"
    "专利开放许可等制度加快落地，有力促进了经济高质量发展。\n"
    "开放合作：让更多国家人民共享互联网发展成果\n"
    "人工智能是人类发展的新领域，带来重大机遇，也伴随着难以预知的风险挑战。\n"
    "同时，中国知识产权转化运用也持续加强。\n"
    "此前，相关会议1月12日至13日在北京举行。\n"
    "中国有效发明专利和商标拥有量分别达到100.1万件、1000.1万件。\n"
    "PCT国际专利申请量连续2年位居世界第一。"
)
_PIN_ONE_WIDTH_RUN_ON = (
    "\n共同推动构建网络空间命运共同体迈向新阶段\n"
    "新华社北京2月1日电 当今世界变乱交织，百年变局加速演进，如何解决发展赤字、破解安全困境、"
    "加强文明互鉴，是我们共同面临的时代课题。"
)

#: Shrunk examples of fixed bugs that the random ``dev`` profile finds only now and then:
#: tested on every run, whatever the profile draws.
PINNED: dict[str, list[Corrupted]] = {
    # CJK mojibake that ftfy's badness scores 0
    "encoding.mojibake": [
        _pinned(
            "encoding.mojibake",
            {**_PIN_RECORD, "body": _PIN_MOJIBAKE_CLEAN},
            _PIN_MOJIBAKE_CLEAN.replace("新起", _PIN_MOJIBAKE_BAD),
            _PIN_MOJIBAKE_CLEAN.index("新起"),
            _PIN_MOJIBAKE_CLEAN.index("新起") + len(_PIN_MOJIBAKE_BAD),
        )
    ],
    # a second article's headline line, then its dateline (hand-built from the generator's
    # parts: a random run drew the same shape)
    "layout.multiple-articles": [
        _pinned(
            "layout.multiple-articles",
            {**_PIN_RECORD, "body": _PIN_RUN_ON_CLEAN},
            _PIN_RUN_ON_CLEAN + _PIN_RUN_ON,
            len(_PIN_RUN_ON_CLEAN) + 1,
            len(_PIN_RUN_ON_CLEAN) + len(_PIN_RUN_ON),
        ),
        _pinned(
            "layout.multiple-articles",
            {
                **_PIN_RECORD,
                "headline": "《国家碳达峰试点建设方案》发布",
                "body": _PIN_ONE_WIDTH_CLEAN,
            },
            _PIN_ONE_WIDTH_CLEAN + _PIN_ONE_WIDTH_RUN_ON,
            len(_PIN_ONE_WIDTH_CLEAN) + 1,
            len(_PIN_ONE_WIDTH_CLEAN) + len(_PIN_ONE_WIDTH_RUN_ON),
        ),
    ],
    # a subhead line, then a figure wrapped before its unit
    "figure.split": [
        _pinned(
            "figure.split",
            {**_PIN_RECORD, "body": _PIN_FIGURE_CLEAN},
            _PIN_FIGURE_CLEAN.replace("100.1万件", "100.1\n万件"),
            _PIN_FIGURE_CLEAN.index("100.1万件"),
            _PIN_FIGURE_CLEAN.index("100.1万件") + len("100.1\n万件"),
        )
    ],
}


def findings_of(c: Corrupted) -> list[list[Finding]]:
    """Per record of ``c``, its findings (corpus checks included)."""
    if any(get_check(c.check).corpus for _ in [0]):
        _, found = check_records(c.records)
        return [[f for f in found if f.line == i + 1] for i in range(len(c.records))]
    return [check_record(r) for r in c.records]


def serious(fs: list[Finding]) -> list[Finding]:
    return [f for f in fs if f.severity >= Severity.WARNING]


#: Checks of what a record dict cannot hold (a key twice in one JSON object) or of a size no
#: property test should draw (a text over 200,000 characters); their real positive and
#: negative examples are in tests/test_schema_checks.py and tests/test_hardening.py.
NO_STRATEGY = {"schema.duplicate-key", "schema.too-long"}


def test_every_check_has_a_defect_strategy_and_every_strategy_a_check() -> None:
    ids = {c.id for c in all_checks()}
    assert sorted(ids - set(DEFECTS) - NO_STRATEGY) == [], "checks without a defect strategy"
    assert sorted(set(DEFECTS) - ids) == [], "defect strategies without a check"


@SLOW
@given(articles(None))
def test_clean_record_has_no_finding(record: dict[str, Any]) -> None:
    found = serious(check_record(record))
    assert found == [], [(f.check, f.excerpt, f.message) for f in found]


@SLOW
@given(corpora(3))
def test_clean_corpus_has_no_finding(records: list[dict[str, Any]]) -> None:
    result, found = check_records(records)
    assert serious(found) == [], [(f.check, f.record, f.excerpt) for f in serious(found)]
    assert result.summary.gate_passed


def _params() -> list[Any]:
    out = []
    for cid in sorted(DEFECTS):
        marks = (
            [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[cid])] if cid in KNOWN_BUGS else []
        )
        out.append(pytest.param(cid, marks=marks, id=cid))
    return out


@pytest.mark.parametrize("check_id", _params())
def test_defect_is_found_by_its_family_and_only_there(check_id: str) -> None:
    family = check_id.split(".", 1)[0]

    def prop(c: Corrupted) -> None:
        found = findings_of(c)
        for sp in c.spans:
            fs = found[sp.record]
            assert any(f.family == family and sp.overlaps(f.field, f.start, f.end) for f in fs), (
                f"{check_id}: no {family} finding over {sp} in {c.records[sp.record]!r}; "
                f"found {[(f.check, f.field, f.start, f.end) for f in fs]}"
            )
        before = {(f.check, f.excerpt) for r in c.clean for f in check_record(r)}
        for fs in found:
            extra = [
                f
                for f in serious(fs)
                if f.family != family
                and (f.check, f.excerpt) not in before
                and not (
                    f.family in ALSO_INSIDE.get(check_id, ())
                    and any(sp.overlaps(f.field, f.start, f.end) for sp in c.spans)
                )
            ]
            assert extra == [], [(f.check, f.excerpt, f.message) for f in extra]

    for c in PINNED.get(check_id, []):
        prop = example(c)(prop)
    SLOW(given(DEFECTS[check_id])(prop))()


#: A cut the line-break strategy once drew (shrunk): a numeral and its measure word cut
#: apart (``百⏎年变局``) is a figure's, so the strategy cuts after no Chinese numeral.
_PIN_NUMERAL_CUT = (
    "新华社北京2月1日电 2月1日，古老的敦煌文化正在‘走’出洞窟，登上世界舞台、飞入寻常百姓家。\n"
    "当今世界变乱交织，百\n年变局加速演进，如何解决发展赤字、破解安全困境、加强文明互鉴，"
    "是我们共同面临的时代课题。"
)


def test_a_numeral_cut_from_its_measure_word_is_a_figure_split() -> None:
    found = check_record({**_PIN_RECORD, "body": _PIN_NUMERAL_CUT})
    cut = _PIN_NUMERAL_CUT.index("百\n年")
    assert [(f.check, f.start) for f in found if f.family in ("figure", "sentence")] == [
        ("figure.split", cut)
    ]


@SLOW
@given(DEFECTS["sentence.line-break"])
def test_the_line_break_strategy_cuts_after_no_numeral(c: Corrupted) -> None:
    start = c.spans[0].start
    assert c.record["body"][start - 1] not in "零〇一二三四五六七八九十百千万亿两"


@SLOW
@given(st.sampled_from(sorted(DEFECTS)).flatmap(lambda cid: DEFECTS[cid]))
def test_findings_are_deterministic_inside_their_field_with_true_excerpts(c: Corrupted) -> None:
    for rec in c.records:
        first, second = check_record(rec), check_record(rec)
        assert [f.to_dict() for f in first] == [f.to_dict() for f in second]
        record = ArticleRecord.from_mapping(rec)
        for f in first:
            text = field_text(record, f.field)
            if text is None:
                assert f.excerpt == ""
                continue
            assert 0 <= f.start <= f.end <= len(text), f
            assert f.excerpt == make_excerpt(text, f.start, f.end)


def _cli_failed(records: list[dict[str, Any]]) -> tuple[bool, set[int]]:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "in.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        res = CliRunner().invoke(main, ["check", str(p), "--format", "json", "-j", "1"])
    report = json.loads(res.stdout)
    failed = {f["line"] for f in report["findings"] if f["severity"] == "error"}
    assert res.exit_code == (0 if report["summary"]["gate"]["passed"] else 1)
    return report["summary"]["gate"]["passed"], failed


def _pandera_failed(records: list[dict[str, Any]]) -> set[int]:
    df = pd.DataFrame(records)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ArticleSchema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        return {int(i) + 1 for i in fc["index"].dropna()}
    return set()


PANDERA_SAFE = sorted(c for c in DEFECTS if not get_check(c).corpus and c != "schema.wrong-type")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    corpora(2),
    st.none() | st.sampled_from(PANDERA_SAFE).flatmap(lambda cid: DEFECTS[cid]),
)
def test_verdict_is_the_same_through_cli_api_and_pandera(
    clean: list[dict[str, Any]], bad: Corrupted | None
) -> None:
    records = [*clean, *(bad.records if bad else [])]
    records = [{**r, "id": f"{r.get('id')}-{i}"} if isinstance(r.get("id"), str) else r
               for i, r in enumerate(records)]  # fmt: skip
    result, found = check_records(records)
    api_failed = {f.line for f in found if f.severity == Severity.ERROR}
    cli_passed, cli_failed = _cli_failed(records)
    assert cli_passed == result.summary.gate_passed
    assert cli_failed == api_failed
    if all(isinstance(r.get("id"), str) and "body" in r for r in records):
        assert _pandera_failed(records) == api_failed
