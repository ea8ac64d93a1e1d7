"""The ``quote`` family: duplicate blocks and pull quotes / ■ boxes printed in the body.

Examples are real: the People's Daily 2023-11-09 p1 seed page (``shared/seed``, as a PDF
extractor produced it) and the clean People's Daily 2019 web articles (``shared/corpora``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.findings import Finding
from copydesk.record import ArticleRecord
from copydesk.validators.registry import DOC_SECTIONS, all_checks, get_check, run_check

from .repeat_texts import planted_repeats

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rmrb-2023-11-09-p1"

# Seed page lines 19-33 (the speech) and 58-66 (two ■ box paragraphs repeating it), verbatim.
SPEECH = (
    "我们倡导发展优先，构建更加普惠繁荣的网络空\n"
    "间。深化数字领域国际交流合作，加速科技成果转化。\n"
    "加快信息化服务普及，缩小数字鸿沟，在互联网发展中\n"
    "保障和改善民生，让更多国家和人民共享互联网发展\n"
    "成果。\n\n"
    "我们倡导安危与共，构建更加和平安全的网络空\n\n"
    "间。尊重网络主权，尊重各国的互联网发展道路和治理\n"
    "模式。遵守网络空间国际规则，不搞网络霸权。不搞网\n"
    "络空间阵营对抗和军备竞赛。深化网络安全务实合作，\n"
    "有力打击网络违法犯罪行为，加强数据安全和个人信息\n"
    "保护。妥善应对科技发展带来的规则冲突、社会风险、\n"
    "伦理挑战。中方愿同各方携手落实 《全球人工智能治理\n"
    "倡议》，促进人工智能安全发展。"
)
BOX = (
    "■我们倡导发展优先，构建更加普惠繁荣的网络空间。深化数字领域国际交流合作，加速\n"
    "科技成果转化。加快信息化服务普及，缩小数字鸿沟，在互联网发展中保障和改善民\n"
    "生，让更多国家和人民共享互联网发展成果\n\n"
    "■我们倡导安危与共，构建更加和平安全的网络空间。尊重网络主权，尊重各国的互联网\n"
    "发展道路和治理模式。遵守网络空间国际规则，不搞网络霸权。不搞网络空间阵营对\n"
    "抗和军备竞赛。深化网络安全务实合作，有力打击网络违法犯罪行为，加强数据安全和\n"
    "个人信息保护。妥善应对科技发展带来的规则冲突、社会风险、伦理挑战。中方愿同各\n"
    "方携手落实《全球人工智能治理倡议》，促进人工智能安全发展"
)
# Seed page lines 84-95 (record 02's second paragraph, as extracted).
PARA_02 = (
    "方案提出坚持积极稳妥、坚持因地制宜、坚持\n"
    "改革创新、坚持安全降碳 4 条工作原则以及主要目\n\n"
    "标。到 2025年，试点范围内有利于绿色低碳发展的\n"
    "政策机制基本构建，一批可操作、可复制、可推广\n"
    "的创新举措和改革经验初步形成，不同资源禀赋、\n"
    "不同发展基础、不同产业结构的城市和园区碳达峰\n"
    "路径基本清晰。"
)
# People's Daily 2019 (corpus file 2.txt, lines 15-16): a ■ section sub-head, echoed below.
SUBHEAD_2019 = (
    "\u3000\u3000■运筹：“我们对时间的理解，是以百年、千年为计”\n"
    "\u3000\u3000早春三月，全国两会结束不到一周，习近平主席即踏上出访行程。在“永恒之城”罗马，"
    "他向意大利总理孔特谈起看待发展变化的“中国视角”：“我们对时间的理解，是以百年、千年为计。”"
)
# People's Daily 2019 (corpus file 3.txt, lines 4-10): the same photo caption twice, then
# the lead repeating it; house style, not an extraction defect.
CAPTION_2019 = (
    "6月20日，中共中央总书记、国家主席习近平在平壤锦绣山迎宾馆同朝鲜劳动党委员长、"
    "国务委员会委员长金正恩会谈。\n\u3000\u3000新华社记者 鞠 鹏摄\n\n\n"
    "6月20日，中共中央总书记、国家主席习近平在平壤锦绣山迎宾馆同朝鲜劳动党委员长、"
    "国务委员会委员长金正恩会谈。\n\u3000\u3000新华社记者 鞠 鹏摄\n\n"
    "\u3000\u3000本报平壤6月20日电 （记者杜尚泽、莽九晨）6月20日，中共中央总书记、国家主席"
    "习近平在平壤锦绣山迎宾馆同朝鲜劳动党委员长、国务委员会委员长金正恩会谈。"
)
# People's Daily 2019 (corpus file 1.txt, 编者按 and a chronology entry): a sentence echoed
# at the end of a longer paragraph.
ECHO_2019 = (
    "\u3000\u3000编者按：新中国的成立，实现了中国从几千年封建专制政治向人民民主的伟大飞跃，"
    "是近代以来实现中华民族伟大复兴的里程碑，中华民族发展进步从此开启了新纪元。\n\n"
    "\u3000\u300012月2日，中央人民政府委员会第四次会议决定，每年的10月1日为中华人民共和国"
    "国庆日。新中国的成立，实现了中国从几千年封建专制政治向人民民主的伟大飞跃，"
    "是近代以来实现中华民族伟大复兴的里程碑，中华民族发展进步从此开启了新纪元。"
)


def run(check_id: str, data: dict) -> list[Finding]:
    return run_check(get_check(check_id), ArticleRecord.from_mapping(data))


def test_docstrings_have_the_four_parts() -> None:
    mine = [c for c in all_checks() if c.family == "quote"]
    assert {c.id for c in mine} >= {"quote.duplicate-block", "quote.pull-quote-in-body"}
    for c in mine:
        assert c.description, c.id
        for section in DOC_SECTIONS:
            assert section in c.doc, f"{c.id} lacks {section}"


def test_box_paragraphs_repeating_the_speech_are_reported_from_marker_to_end() -> None:
    body = SPEECH + "\n\n" + BOX
    found = run("quote.pull-quote-in-body", {"id": "seed-01", "body": body})
    first = body.index("■")
    second = body.index("■", first + 1)
    assert [(f.start, f.end) for f in found] == [
        (first, body.index("\n\n", first)),
        (second, len(body)),
    ]
    assert all("repeats body[" in f.message for f in found)
    # the box is not also reported as a duplicate block (one defect, one finding)
    assert run("quote.duplicate-block", {"id": "seed-01", "body": body}) == []


def test_truncated_box_paragraph_with_text_lost_is_still_reported() -> None:
    # Seed page lines 5-17 and 52-56: the box's first paragraph lost text mid-sentence.
    speech = (
        "习近平指出，2015 年，我在第二届世界互联网大会\n"
        "开幕式上提出了全球互联网发展治理的“四项原则”、\n\n"
        "“五点主张”，倡导构建网络空间命运共同体，这一理念\n得到国际社会广泛认同和积极响应。当今世界变乱交\n"
        "织，百年变局加速演进，如何解决发展赤字、破解安全\n困境、加强文明互鉴，是我们共同面临的时代课题。互\n"
        "联网日益成为推动发展的新动能、维护安全的新疆域、\n\n文明互鉴的新平台，构建网络空间命运共同体既是回答\n"
        "时代课题的必然选择，也是国际社会的共同呼声。我们\n要深化交流、务实合作，共同推动构建网络空间命运共\n"
        "同体迈向新阶段。"
    )
    box = (
        "■2015年，我在第二届世界互联网大会开幕式上提出了全球互联网发展治理的“四项原\n"
        "则”、“五点主张”，倡导构建网络空间命运共同体，这一理念得到国际社会广泛认同和积\n"
        " 全的新疆域、文明互鉴的新平台，构建网络空间命运共同体既是回答时代课题的必然选\n"
        "择，也是国际社会的共同呼声。我们要深化交流、务实合作，共同推动构建网络空间命\n"
        "运共同体迈向新阶段"
    )
    body = speech + "\n\n" + box
    found = run("quote.pull-quote-in-body", {"id": "seed-01", "body": body})
    assert [(f.start, f.end) for f in found] == [(body.index("■"), len(body))]


def test_section_subhead_marker_is_not_a_box() -> None:
    assert run("quote.pull-quote-in-body", {"id": "pd", "body": SUBHEAD_2019}) == []
    assert run("quote.duplicate-block", {"id": "pd", "body": SUBHEAD_2019}) == []


def test_quote_entry_printed_twice_reports_the_standalone_copy() -> None:
    quote = (
        "我们倡导发展优先，构建更加普惠繁荣的网络空间。深化数字领域国际交流合作，加速科技成果转化。"
        "加快信息化服务普及，缩小数字鸿沟，在互联网发展中保障和改善民生，"
        "让更多国家和人民共享互联网发展成果"
    )
    body = SPEECH + "\n\n“" + quote + "”"
    found = run("quote.pull-quote-in-body", {"id": "x", "body": body, "quotes": [quote]})
    assert len(found) == 1
    assert found[0].start == body.index(quote, len(SPEECH))
    assert found[0].end == found[0].start + len(quote)
    # printed once (as pull quotes are: excerpts of the body), it is fine
    assert run("quote.pull-quote-in-body", {"id": "x", "body": SPEECH, "quotes": [quote]}) == []


# Seed page sentences (People's Daily 2023-11-09 p1, gold), one paragraph each.
SEED_PARA = (
    "加快信息化服务普及，缩小数字鸿沟，在互联网发展中保障和改善民生，"
    "让更多国家和人民共享互联网发展成果。"
)
SEED_LEAD = "新华社北京11月8日电 遵守网络空间国际规则，不搞网络霸权。"
SEED_OTHER = "各国应结合各自国情，坚持互联互通、共享共治，开展务实合作，携手应对挑战。"


def test_paragraph_printed_again_right_after_itself_is_reported() -> None:
    # Both copies follow a 。, so the greedy scan starts the repeat one code point early;
    # the repeat is measured again from the copy's line start.
    body = "\n".join([SEED_LEAD, SEED_OTHER, SEED_PARA, SEED_PARA])
    found = run("quote.duplicate-block", {"id": "x", "body": body})
    assert [(f.start, f.end) for f in found] == [(len(body) - len(SEED_PARA), len(body))]
    first = body.index(SEED_PARA)
    assert found[0].message == f"repeats body[{first}:{first + len(SEED_PARA)}]"
    # printed once, nothing
    once = "\n".join([SEED_LEAD, SEED_OTHER, SEED_PARA])
    assert run("quote.duplicate-block", {"id": "x", "body": once}) == []


QUESTION = (
    "What cuisine do you like yourself? Do you have any preferences, or maybe the other way "
    "round, dishes or foods that you do not like?"
)


def test_interview_question_asked_of_two_guests_is_not_a_copy() -> None:
    # aeb-gold shape (a blogger series in Russian): the same question, another answer
    body = "\n\n".join(
        [
            "Anna, how did you start your blog about smoothies and healthy cakes at home?",
            QUESTION,
            "I love vegetarian food, although I am not a vegetarian myself, and raw cakes.",
            "Maria, when did you take the first photographs of your breakfasts for the blog?",
            QUESTION,
            "Soups, mostly: my grandmother taught me, and I still cook them every single week.",
        ]
    )
    found = run("quote.duplicate-block", {"id": "x", "body": body, "language": "en"})
    assert found == []
    # the question printed twice in a row is a line read twice
    twice = body.replace(QUESTION, QUESTION + "\n" + QUESTION, 1)
    found = run("quote.duplicate-block", {"id": "x", "body": twice, "language": "en"})
    assert len(found) >= 1
    # an answer printed twice apart is still a copy
    answer = "I love vegetarian food, although I am not a vegetarian myself, and raw cakes."
    body2 = body + "\n\n" + "Thank you both for the interview and the recipes.\n\n" + answer
    found = run("quote.duplicate-block", {"id": "x", "body": body2, "language": "en"})
    assert [body2[f.start : f.end] for f in found] == [answer]


def test_quote_entry_standing_alone_twice_reports_both_copies_without_suggestion() -> None:
    # The pasted pull quote is printed before the article's own one-sentence paragraph:
    # identical paragraphs, so which one to drop cannot be told.
    body = "\n".join([SEED_LEAD, SEED_PARA, SEED_OTHER, SEED_PARA])
    found = run("quote.pull-quote-in-body", {"id": "x", "body": body, "quotes": [SEED_PARA]})
    first, second = body.index(SEED_PARA), body.rindex(SEED_PARA)
    core = len(SEED_PARA) - 1  # the entry's final 。 is trimmed
    assert [(f.start, f.end) for f in found] == [(first, first + core), (second, second + core)]
    assert {f.suggestion for f in found} == {None}
    assert f"body[{second}:{second + core}]" in found[0].message
    # the same sentence printed once, inside a longer paragraph: an excerpt, fine
    body = "\n".join([SEED_LEAD, SEED_OTHER + SEED_PARA])
    assert run("quote.pull-quote-in-body", {"id": "x", "body": body, "quotes": [SEED_PARA]}) == []


def test_duplicate_paragraph_with_other_line_breaks_is_reported_at_the_later_copy() -> None:
    copy = PARA_02.replace("\n", "").replace(" ", "")
    body = (
        PARA_02 + "\n\n据新华社北京11月8日电（记者宋晨） 中国在世界知识产权组织发布的。\n\n" + copy
    )
    found = run("quote.duplicate-block", {"id": "x", "body": body})
    assert len(found) == 1
    f = found[0]
    assert body[f.start : f.end] == copy
    assert f.message == f"repeats body[0:{len(PARA_02)}]"
    assert f.suggestion == "drop copy"


def test_truncated_copy_is_reported() -> None:
    copy = PARA_02.replace("\n", "")[:60]
    body = PARA_02 + "\n\n" + copy
    found = run("quote.duplicate-block", {"id": "x", "body": body})
    assert [(f.start, f.end) for f in found] == [(len(PARA_02) + 2, len(body))]


@pytest.mark.parametrize(
    "body",
    [
        CAPTION_2019,
        ECHO_2019,
        "构建网络空间命运共同体。\n我们倡导构建网络空间命运共同体。\n携手构建网络空间命运共同体。",
    ],
    ids=["photo-caption-repeats-lead", "sentence-echo", "slogan"],
)
def test_legitimate_repeats_pass(body: str) -> None:
    assert run("quote.duplicate-block", {"id": "pd", "body": body}) == []


def test_gold_seed_records_give_no_quote_findings() -> None:
    path = FIXTURE / "gold.jsonl"
    if not path.exists():
        pytest.skip("seed fixture gold.jsonl not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for check_id in ("quote.duplicate-block", "quote.pull-quote-in-body"):
            assert run(check_id, rec) == [], (rec["id"], check_id)


def test_maximal_repeats_are_real_ordered_repeats() -> None:
    """On random strings over tiny alphabets (every gram recurs): each reported repeat is a
    real one, at least ``min_len`` long, its source before the copy, copies in order."""
    import random

    from copydesk.validators.quotes import maximal_repeats

    rng = random.Random(7)
    found = 0
    for trial in range(600):
        alpha = ("ab", "abcd", "abcdefghij")[trial % 3]
        s = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 120)))
        for _ in range(rng.randint(0, 4)):
            if len(s) > 5:
                a = rng.randrange(len(s))
                b = min(len(s), a + rng.randint(5, 60))
                k = rng.randrange(len(s) + 1)
                s = s[:k] + s[a:b] + s[k:]
        for min_len in (4, 8, 9, 20, 40):
            end = 0
            for i, j, length in maximal_repeats(s, min_len):
                assert length >= min_len and j + length <= i and i >= end
                assert s[i : i + length] == s[j : j + length]
                end = i + length
                found += 1
    assert found > 1000


def test_maximal_repeats_equal_the_reference_scan_on_prose() -> None:
    from copydesk.validators.quotes import _maximal_repeats_scan, _squeeze, maximal_repeats

    s = _squeeze(SPEECH + "\n\n" + PARA_02 + "\n\n" + SPEECH)[0]
    assert maximal_repeats(s, 40) == _maximal_repeats_scan(s, 40) != []


def _repeats_by_dict_index(s: str, min_len: int) -> list[tuple[int, int, int]]:
    """The scan of :func:`quotes.maximal_repeats` with its index kept in dicts, filled as the scan
    moves on (the reference for the index looked up all at once)."""
    from copydesk.validators.quotes import _best_extension, _sampling

    if min_len < 1 or len(s) < 2 * min_len:
        return []
    g, step = _sampling(min_len)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    out: list[tuple[int, int, int]] = []
    covered = p = nxt = 0
    while p + g <= len(s):
        while nxt <= p - g:
            first.setdefault(s[nxt : nxt + g], nxt)
            last[s[nxt : nxt + g]] = nxt
            nxt += step
        if p >= covered:
            gram = s[p : p + g]
            found = _best_extension(s, p, (first.get(gram), last.get(gram)), covered)
            if found is not None and found[2] >= min_len:
                out.append(found)
                covered = found[0] + found[2]
                p = max(p + 1, covered)
                continue
        p += 1
    return out


def test_maximal_repeats_equal_the_dict_index_scan() -> None:
    """Random strings over tiny alphabets, with copies planted, and a lone surrogate."""
    from copydesk.validators.quotes import maximal_repeats

    for s in planted_repeats(11, 500):
        for min_len in (1, 2, 4, 9, 20, 40):
            assert maximal_repeats(s, min_len) == _repeats_by_dict_index(s, min_len), (s, min_len)


def test_gram_candidates_of_the_core_numpy_and_plain_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The three gram indexes of :func:`quotes._gram_candidates` (the compiled core's, hashed
    then compared in full; numpy's ranks; the plain dictionary) give the same lists on
    strings with planted copies (a lone surrogate, astral ideographs), grams of 1 to 30 code
    points indexed every 1 to 10."""
    import random

    core = pytest.importorskip("copydesk._cscan")
    pytest.importorskip("numpy")
    from copydesk.validators import quotes

    monkeypatch.setattr(quotes, "_CORE", None)  # _gram_candidates: numpy's ranks
    monkeypatch.setattr(quotes, "without_numpy", lambda n: False)
    rng = random.Random(5)
    hits = 0
    for s in planted_repeats(13, 600):
        g, step = rng.randint(1, 30), rng.randint(1, 10)
        plain = quotes._gram_candidates_plain(s, g, step)
        assert core.gram_candidates(s, g, step) == plain, (s, g, step)
        if len(s) >= g:  # numpy's ranks need one gram
            assert quotes._gram_candidates(s, g, step) == plain, (s, g, step)
        hits += len(plain[0])
    assert hits > 1000


@pytest.mark.parametrize("path", ["core", "numpy"])
def test_prepare_squeezes_like_the_reference(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled walk's and the whole-array squeeze and line bounds of a body equal
    :func:`_squeeze` and :func:`_line_bounds`, for every kind of white space (``\\x85``,
    ``\\u2028``, ``\\u3000``, ``\\r``) and box markers opening lines."""
    import random
    import sys

    from copydesk.validators import quotes
    from copydesk.validators.quotes import _line_bounds, _prepare, _squeeze

    if path == "core":
        pytest.importorskip("copydesk._cscan")
        assert quotes._CORE is not None
    else:
        pytest.importorskip("numpy")
        monkeypatch.setattr(quotes, "_CORE", None)
        monkeypatch.setattr(quotes, "without_numpy", lambda n: False)
    assert not any(chr(c).isspace() for c in range(0x3001, sys.maxunicode + 1))
    rng = random.Random(5)
    alpha = " \t\n\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u3001\u2fff■●ab中文\ud800\U00020000"
    for _ in range(300):
        text = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 80)))
        s, offs = _squeeze(text)
        b = _prepare(text)
        assert (b.s, b.offs) == (s, offs), repr(text)
        assert (b.starts, b.ends) == _line_bounds(offs, text), repr(text)


def test_keyed_of_the_core_numpy_and_plain_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compared text of a body (radicals read as ideographs, hyphens dropped) and its
    line bounds: the compiled core's walk and numpy's passes give :func:`_keyed_plain`'s."""
    import random

    core = pytest.importorskip("copydesk._cscan")
    pytest.importorskip("numpy")
    from copydesk.validators import quotes
    from copydesk.validators.text import normalise_ideographs

    assert quotes._CORE is core
    rng = random.Random(9)
    alpha = " \n\n\u3000-\u00ad\u2010ab.中文⼈⺠\ud800\U00020000"  # no ■: a boxed body is not keyed
    seen = 0
    for _ in range(300):
        text = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 80)))
        b = quotes._prepare(text)
        normalised = normalise_ideographs(text)
        want = quotes._keyed_plain(b, normalised)
        got = [quotes._keyed(b, normalised)]
        with monkeypatch.context() as m:
            m.setattr(quotes, "_CORE", None)
            m.setattr(quotes, "without_numpy", lambda n: False)
            got.append(quotes._keyed(b, normalised))
        for kb in got:
            assert (kb.k, list(kb.pos)) == (want.k, list(want.pos)), repr(text)
            assert (kb.lines, kb.starts, kb.ends) == (want.lines, want.starts, want.ends)
        seen += len(want.k) < len(b.s)
    assert seen > 100  # hyphens dropped in most


@pytest.mark.parametrize("min_len", [4, 40, 120])
def test_a_planted_copy_is_found_whole(min_len: int) -> None:
    import random

    from copydesk.validators.quotes import maximal_repeats

    rng = random.Random(min_len)
    text = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(5000))
    for a, length, at in ((100, min_len, 900), (2000, 3 * min_len + 7, 4000)):
        text = text[:at] + text[a : a + length] + text[at:]
    reps = maximal_repeats(text, min_len)
    assert [(i, length) for i, _, length in reps] == [
        (900, min_len),
        (4000, 3 * min_len + 7),
    ]


def _heldout(case: str) -> tuple[ArticleRecord, list[tuple[int, int]]]:
    """A held-out batch-1 case, rebuilt from ../shared/corpora (skipped when absent)."""
    from benchmarks.heldout import b3_store

    loaded = b3_store.load_case(FIXTURE.parent / "extracted" / case / "case.json")
    if loaded is None:
        pytest.skip("the held-out cases are rebuilt from ../shared/corpora, which is absent")
    spans = sorted((b["start"], b["end"]) for b in loaded.labels if b["family"] == "quote")
    return ArticleRecord.from_mapping(loaded.naive), spans


def test_box_wrapped_over_full_width_lines_is_one_box() -> None:
    # pd2019-1-11, pdftotext -layout: two ■ boxes, each wrapped over full-width lines that
    # start with a space, then the columns read side by side.
    rec, spans = _heldout("pd2019-1-11--pdftotext-layout")
    found = run_check(get_check("quote.pull-quote-in-body"), rec)
    assert [(f.start, f.end) for f in found] == spans
    assert run_check(get_check("quote.duplicate-block"), rec) == []


def test_box_printed_before_the_text_it_repeats_is_reported_not_the_text() -> None:
    # pd2019-2-16, pdftotext: the extractor put the ■ box before the body paragraph it
    # repeats; the box is the pasted copy, the later body paragraph is the article's.
    rec, spans = _heldout("pd2019-2-16--pdftotext")
    found = run_check(get_check("quote.pull-quote-in-body"), rec)
    assert [(f.start, f.end) for f in found] == spans
    assert run_check(get_check("quote.duplicate-block"), rec) == []


# --- repeats anywhere -------------------------------------------------------------------

# Made-up text of the shape of the WeChat report in magic_html's reference texts: a
# paragraph printed twice in a row inside one line (no line break between the copies).
WECHAT_PARA = (
    "会议指出，拥军优属、拥政爱民是本县军地的优良传统。近年来，县委聚焦强军目标，坚持政府"
    "主导，充分发动社会力量，把拥军优属工作向企业拓展，向基层延伸，为退役军人和军属办实事"
    "解难题，进一步夯实了同呼吸、共命运、心连心的军政军民关系。"
)
ARTICLE_EN = (
    "The city council voted on Tuesday to expand the bus network into the northern suburbs, "
    "ending a debate that had run for most of the year. Supporters said the new routes would "
    "cut commuting times by a third for about forty thousand residents, while opponents "
    "questioned whether the fare revenue could ever cover the cost of the extra drivers. "
)


def test_paragraph_printed_twice_in_a_row_inside_a_line_is_reported() -> None:
    body = "会议发放购置补贴卡9456张" + WECHAT_PARA + WECHAT_PARA + "会议要求各单位抓好落实。"
    found = run("quote.duplicate-block", {"id": "w", "body": body, "language": "zh"})
    start = body.index(WECHAT_PARA) + len(WECHAT_PARA)
    assert [(f.start, f.end) for f in found] == [(start, start + len(WECHAT_PARA))]
    assert "not on line boundaries" in found[0].message
    assert found[0].suggestion == "drop copy"


MORE_EN = (
    "Officials expect the first buses to run in the spring, once the depot on the old rail "
    "yard is finished and the drivers hired over the winter have completed their training. "
    "The transit agency will publish timetables in February and hold three public meetings "
    "in the affected neighbourhoods before the service begins, the council said. "
    "Residents of the two largest estates, who now walk twenty minutes to the nearest stop, "
    "welcomed the plan but asked for later evening buses on weekdays."
)


def test_whole_article_printed_twice_without_newlines_is_reported() -> None:
    # not adjacent to its source: reported from twice ``passage_chars`` (600 Latin)
    article = ARTICLE_EN + MORE_EN
    body = article + " Related coverage: transport. " + article
    found = run("quote.duplicate-block", {"id": "a", "body": body, "language": "en"})
    start = body.rindex(article)
    assert [(f.start, body[f.start : f.end]) for f in found] == [(start, article)]


def test_short_echo_off_line_boundaries_passes() -> None:
    # a quoted sentence repeated further on (a web pull quote): shorter than a passage
    quote = "“We will not let the northern suburbs wait another decade for a bus,” she said. "
    body = quote + ARTICLE_EN + "The mayor was blunt. " + quote + "The vote was 7 to 2."
    assert run("quote.duplicate-block", {"id": "q", "body": body, "language": "en"}) == []
    # a highlight excerpt of about a hundred code points echoed far from it (People's Daily)
    body = "习近平强调\n" + WECHAT_PARA[:100] + "\n" + "双方一致表示愿共同努力。" * 20
    body += "习近平强调，" + WECHAT_PARA[:100] + "各方要共同努力。"
    assert run("quote.duplicate-block", {"id": "p", "body": body, "language": "zh"}) == []


def test_caption_repeating_the_article_paragraph_is_the_copy_reported() -> None:
    # magic_html's Murrieta page: the caption (with its photo credit) opens the body, the
    # article's own last paragraph says the same: the caption is the copy to drop
    para = (
        "In addition to the fire department and the sheriff's deputies, California Highway "
        "Patrol officers responded to the incident near the freeway on Saturday night."
    )
    body = para + "\n(Shutterstock)\nMURRIETA, CA — " + ARTICLE_EN + "\n" + para
    found = run("quote.duplicate-block", {"id": "c", "body": body, "language": "en"})
    assert [(f.start, f.end) for f in found] == [(0, len(para))]
    assert found[0].message.startswith("photo caption repeats body[")


@pytest.mark.corpus
def test_wechat_report_repeating_its_paragraph_is_found() -> None:
    """magic_html's reference text of a WeChat report repeats a paragraph (MANIFEST.md)."""
    from copydesk.testing.corpora import corpus_path

    path = corpus_path("zh", "magic_html_benchmark", "base.json")
    if path is None:
        pytest.skip("shared/corpora/zh/magic_html_benchmark is absent")
    pages = json.loads(path.read_text(encoding="utf-8"))
    hits = []
    for key, page in pages.items():
        body = page.get("content") or ""
        if "拥军优属、拥政爱民是绥德军地的优良传统" not in body:
            continue
        rec = {"id": key, "body": body, "language": "zh"}
        hits += [f for f in run("quote.duplicate-block", rec) if "not on line" in f.message]
    assert len(hits) == 1


def test_short_boxed_one_sentence_quote_is_reported() -> None:
    # batch-1 shape: a one-sentence box shorter than box_min_chars, printed mid-body
    sentence = "我们倡导构建更加普惠繁荣的网络空间。"
    body = PARA_02 + "\n\n■" + sentence + "\n\n" + "他说，" + sentence + "各国应携手合作。"
    found = run("quote.pull-quote-in-body", {"id": "s", "body": body})
    start = len(PARA_02) + 2
    assert [(f.start, f.end) for f in found] == [(start, start + 1 + len(sentence))]
    # the same length as a labelled sub-head, or not closing its sentence: a sub-head
    for head in ("■运筹：" + sentence, "■" + sentence.rstrip("。")):
        body = PARA_02 + "\n\n" + head + "\n\n" + "他说，" + sentence + "各国应携手合作。"
        assert run("quote.pull-quote-in-body", {"id": "s", "body": body}) == []


@pytest.mark.corpus
def test_caption_residue_in_magic_html_is_reported_not_the_article_paragraph() -> None:
    """magic_html's Murrieta page opens with a photo caption, ``(Shutterstock)``, that the
    article's last paragraph repeats: the caption is the copy to drop."""
    from copydesk.testing.corpora import corpus_path

    path = corpus_path("zh", "magic_html_benchmark", "base.json")
    if path is None:
        pytest.skip("shared/corpora/zh/magic_html_benchmark is absent")
    pages = json.loads(path.read_text(encoding="utf-8"))
    bodies = [p.get("content") or "" for p in pages.values()]
    bodies = [b for b in bodies if "\n(Shutterstock)\nMURRIETA" in b]
    assert len(bodies) == 1
    body = bodies[0]
    found = run("quote.duplicate-block", {"id": "m", "body": body, "language": "en"})
    credit = body.index("\n(Shutterstock)")
    assert [f.end <= credit for f in found] == [True]
    assert found[0].message.startswith("photo caption repeats")


def test_one_sentence_paragraph_printed_twice_as_whole_lines_is_reported() -> None:
    # boilerpipe output in the extraction benchmark prints single sentences twice
    line = "The Portuguese boss had been out of work since being sacked in December."
    body = ARTICLE_EN + "\n" + line + "\n" + MORE_EN + "\n" + line + "\nThe end."
    found = run("quote.duplicate-block", {"id": "b", "body": body, "language": "en"})
    start = body.rindex(line)
    assert [(f.start, f.end) for f in found] == [(start, start + len(line))]
    # the same sentence echoed at the start of a longer paragraph: no whole-line pair
    body = ARTICLE_EN + "\n" + line + "\n" + MORE_EN + "\n" + line + " " + ARTICLE_EN[:90]
    assert run("quote.duplicate-block", {"id": "b", "body": body, "language": "en"}) == []


def test_a_line_printed_three_times_is_a_template() -> None:
    # an interview's recurring question (extraction-benchmark gold, Russian page)
    question = "What kind of food do you like yourself? Are there any dishes you avoid?"
    answers = [ARTICLE_EN, MORE_EN, "I cook mostly at home, and mostly soups."]
    body = "\n".join(question + "\n" + a for a in answers)
    assert run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"}) == []


def test_a_frame_filled_twice_is_a_template_not_a_copy() -> None:
    # a meal plan per day (extraction-benchmark gold): the same block of lines, then a line
    # that opens the same way and goes on differently
    block = (
        "Morning Supplement\nTake with water before your run.\nRecovery Drink\n"
        "Take within half an hour after your run.\nLunch Bowl\nEat it two hours later.\n"
    )
    body = (
        "Plan for Monday\n" + block + "Evening Snack, one apple and some almonds\n"
        "Plan for Tuesday\n" + block + "Evening Snack, two rice cakes and peanut butter\n"
    )
    assert run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"}) == []
    # the same block followed by a different line is still a block printed twice
    body = "Plan for Monday\n" + block + "That was all.\nPlan for Tuesday\n" + block + "Bye."
    found = run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"})
    start = body.rindex(block)
    assert [(f.start, f.end) for f in found] == [(start, start + len(block) - 1)]


def test_blank_answer_lines_of_a_worksheet_are_no_copy() -> None:
    # a study worksheet: two blank fill-in lines after each question (held-out round 7 shape)
    blank = "\u3000\u3000" + "_" * 60 + "。\n\n"
    sheet = "讨论题\n\n"
    for question in (
        "1.你在生活中遇到难题时，通常会向谁寻求帮助？",
        "2.本课对你的帮助是什么？请与小组成员分享。",
        "3.下周你打算怎样实践本课的内容？",
    ):
        sheet += "\u3000\u3000" + question + "\n" + blank * 2 + "\n"
    assert run("quote.duplicate-block", {"id": "w", "body": sheet, "language": "zh"}) == []
    # a line with words printed twice on the same form is still a copy
    line = "\u3000\u3000每周阅读一章，写下你最喜欢的一句话，并说明原因和体会。\n\n"
    body = sheet.replace(blank * 2, line, 1) + line
    found = run("quote.duplicate-block", {"id": "w", "body": body, "language": "zh"})
    assert [body[f.start : f.end] for f in found] == [line.strip()]


def test_shell_options_shared_by_two_commands_are_not_prose() -> None:
    # two container commands in a tutorial (magic_html) share their options: no sentence end
    opts = (
        "  -v /etc/localtime:/etc/localtime:ro \\\n  -e SERVICE_URL=jdbc:mysql://db.local:3306"
        " \\\n  -e SERVICE_USER=admin \\\n  -e JAVA_OPTS='-Xmx128m -Xms128m' \\\n"
    )
    body = "docker run -p 8080:8080 \\\n" + opts + "  app/one:1.0\n\ndocker run -p 8090:8090 \\\n"
    body += opts + "  app/two:2.0.1\n"
    assert run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"}) == []
    # two list entries sharing a phone number and conditions (magic_html, zh)
    entry = "咨询电话：12345678\n备注：使用条件：身高1.4米以上（不含1.4米）儿童；60周岁以下长者\n"
    body = "53、甲乐园\n成人票原价：130元\n" + entry + "54、乙乐园\n成人票原价：170元\n" + entry
    assert run("quote.duplicate-block", {"id": "t", "body": body, "language": "zh"}) == []


@pytest.mark.corpus
def test_templated_repeats_of_the_real_world_set_pass() -> None:
    """The meal-plan page (extraction-benchmark gold) and the docker tutorial (magic_html)
    repeat frames the source prints so; the fitness page's story printed twice (justext)
    is still found."""
    from copydesk.testing.corpora import real_world

    gold = {r["id"][:20]: r for r in real_world("aeb-gold")}
    if not gold:
        pytest.skip("shared/corpora article_extraction_benchmark is absent")
    meals = run("quote.duplicate-block", gold["5f03fc173ebc6abdfae5"])
    assert len(meals) <= 2  # 11 before the frame rule
    docker = {r["id"][:20]: r for r in real_world("magic-en")}["66211fc426fc70162d75"]
    assert run("quote.duplicate-block", docker) == []
    twice = {r["id"][:20]: r for r in real_world("aeb-justext")}["f81c6c05d9cbc9331699"]
    assert len(run("quote.duplicate-block", twice)) >= 6


def test_a_templated_document_drops_its_last_frame_too() -> None:
    # a meal plan per day: three days are frames filled again; the last day's block is
    # followed by other text, yet it is the same template
    snacks = ["one apple and almonds", "two rice cakes and butter", "a cup of yogurt", "carrots"]
    block = (
        "Morning Supplement\nTake with water before your run.\nRecovery Drink\n"
        "Take within half an hour after your run.\n"
    )
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    plans = [
        f"Plan for {d}\n{block}Evening Snack, {s}\n" for d, s in zip(days, snacks, strict=True)
    ]
    body = "".join(plans)
    body += "Plan for Friday\n" + block + "Pro tip: drink water.\n"
    assert run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"}) == []
    # two days only: one frame is no template, the last block is a copy
    body = "".join(plans[:2])
    body += "Plan for Friday\n" + block + "Pro tip: drink water.\n"
    found = run("quote.duplicate-block", {"id": "t", "body": body, "language": "en"})
    assert [f.start for f in found] == [body.rindex(block)]


# A People's Daily 2019 report (corpus file 3.txt), set in narrow columns as batch 3's pages
# are: one sentence of it is also printed in a box, which the extractor reads as body lines.
NARROW_ZH = (
    "本报首尔3月30日电（记者马菲）30日，习近平主席特别代表、中共中央政治局委员杨洁篪在首尔"
    "青瓦台会见韩国总统文在寅。杨洁篪向文在寅通报了日前朝鲜最高领导人金正恩访华情况，表示中方"
    "始终坚持朝鲜半岛无核化，维护半岛和平稳定，致力于通过对话协商解决问题。"
)
BOXED_ZH = "目前半岛形势处在缓和转圜的重要时期。"
MORE_ZH = (
    "各方要抓住时机，共同努力，推动南北和朝美领导人会晤顺利举行并取得积极成果，并适时重启半岛"
    "问题实质性政治解决进程。中方愿同韩方一道，为实现半岛无核化与和平稳定作出努力。"
)


def _wrap(text: str, width: int) -> str:
    """``text`` cut into lines of ``width`` code points, as a narrow column prints it."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def _alone(body: str, language: str = "zh") -> list[tuple[int, int]]:
    found = run("quote.pull-quote-in-body", {"id": "n", "body": body, "language": language})
    return [(f.start, f.end) for f in found if "typeset alone" in f.message]


def test_sentence_typeset_alone_in_a_narrow_column_is_the_box_reported() -> None:
    column = _wrap(NARROW_ZH + BOXED_ZH + MORE_ZH, 8)
    box = _wrap(BOXED_ZH, 5)  # the box has a measure of its own
    # mid-column (read after the text) and in a sidebar (read before it)
    for body, start in ((column + "\n" + box, len(column) + 1), (box + "\n" + column, 0)):
        assert _alone(body) == [(start, start + len(box))]
    # the source copy ends a paragraph: it still runs on from the line before
    column = _wrap(NARROW_ZH + BOXED_ZH, 8) + "\n" + _wrap(MORE_ZH, 8)
    assert _alone(column + "\n" + box) == [(len(column) + 1, len(column) + 1 + len(box))]


def test_box_hyphenated_apart_from_its_source_is_reported() -> None:
    sentence = "Thus they will be exercised the greater part of the day and become healthy."
    body = _column_en(ARTICLE_EN + sentence + " " + MORE_EN)
    box = "Thus they will be exerci-\nsed the greater part of the\nday and become healthy."
    assert _alone(body + "\n" + box, "en") == [(len(body) + 1, len(body) + 1 + len(box))]


def test_sentences_alone_that_are_not_box_copies_pass() -> None:
    column = _wrap(NARROW_ZH + BOXED_ZH + MORE_ZH, 8)
    box = _wrap(BOXED_ZH, 5)
    # flowed text: a one-sentence paragraph echoing the text is the page's own (a sub-head)
    flowed = NARROW_ZH + BOXED_ZH + MORE_ZH + "\n" + BOXED_ZH + "\n" + ARTICLE_EN
    assert _alone(flowed) == []
    # a page that marks its boxes (■) marks them all
    marked = "■" + MORE_ZH[: MORE_ZH.index("。") + 1]
    assert _alone(column + "\n" + marked + "\n" + box) == []
    # not closing a sentence, or shorter than 12 code points
    assert _alone(column + "\n" + _wrap(BOXED_ZH[:-1], 5)) == []
    assert _alone(column + "\n" + _wrap(BOXED_ZH[-9:], 5)) == []
    # printed four times: a template
    assert _alone(column + "\n" + column + "\n" + column + "\n" + box) == []


def _column_en(text: str) -> str:
    """``text`` set word by word in a column of 30 characters."""
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > 30:
            lines.append(line)
            line = ""
        line = (line + " " + word).strip()
    return "\n".join([*lines, line])


def test_formula_sentences_of_a_court_column_are_not_boxes() -> None:
    # OverProof gold (Sydney Morning Herald court reports), set in a narrow column: a
    # formula sentence under 60 Latin code points, and one after a title (``Mr.``)
    formula = "A verdict was given for plaintiff for the amount claimed."
    agent = "Beehag, of Rockdale, appeared for the petitioner in the suit for divorce."
    body = _column_en(ARTICLE_EN + formula + " Mr. " + agent + " " + MORE_EN)
    assert _alone(body + "\n" + formula, "en") == []
    assert _alone(body + "\n" + agent, "en") == []
    # the same sentence after a full stop is a sentence: a box
    body = _column_en(ARTICLE_EN + formula + " Mr. Smith said so. " + agent + " " + MORE_EN)
    assert _alone(body + "\n" + agent, "en") == [(len(body) + 1, len(body) + 1 + len(agent))]


def test_a_short_name_before_a_full_stop_ends_the_sentence() -> None:
    # ``…said Tom.`` ends a sentence (a name is no abbreviation); an initial does not
    agent = "Beehag, of Rockdale, appeared for the petitioner in the suit for divorce."
    body = _column_en(ARTICLE_EN + "The motion was put by Tom. " + agent + " " + MORE_EN)
    assert _alone(body + "\n" + agent, "en") == [(len(body) + 1, len(body) + 1 + len(agent))]
    body = _column_en(ARTICLE_EN + "The motion was put by F. " + agent + " " + MORE_EN)
    assert _alone(body + "\n" + agent, "en") == []


@pytest.mark.parametrize("name", ["Wm.", "Geo.", "Jas.", "Chas.", "Thos."])
def test_a_given_name_abbreviated_in_an_old_newspaper_ends_no_sentence(name: str) -> None:
    # review 19: ``…put by Wm. Beehag`` (OverProof, BL and ICDAR print given names so)
    agent = "Beehag, of Rockdale, appeared for the petitioner in the suit for divorce."
    body = _column_en(ARTICLE_EN + f"The motion was put by {name} " + agent + " " + MORE_EN)
    assert _alone(body + "\n" + agent, "en") == []
