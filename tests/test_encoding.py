"""encoding family: compatibility characters, mojibake, replacement and control characters."""

from __future__ import annotations

import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from copydesk.validators.registry import check_record


def _hits(body: str, check: str) -> list[tuple[int, int, str, str | None]]:
    rec = {"id": "t", "body": body}
    return [
        (f.start, f.end, body[f.start : f.end], f.suggestion)
        for f in check_record(rec, select=[check])
    ]


def test_kangxi_and_radicals_for_ordinary_ideographs() -> None:
    # pdfminer.six output of a People's Daily masthead without a ToUnicode map.
    body = "⼈⺠⽇报评论员文章"
    hits = _hits(body, "encoding.compat-char")
    assert hits == [(0, 3, "⼈⺠⽇", None)]  # ⺠ has no NFKC mapping: no suggestion


def test_nfkc_repairable_run_suggests_nfkc() -> None:
    body = "新华社北京电 ⼈⼒资源和社会保障部"
    hits = _hits(body, "encoding.compat-char")
    assert hits == [(7, 9, "⼈⼒", "NFKC")]


def test_compat_char_negatives() -> None:
    # Seed gold text and a real unified ideograph in the compatibility block (U+FA11 﨑).
    assert (
        _hits("习近平向2023年世界互联网大会乌镇峰会开幕式发表视频致辞。", "encoding.compat-char")
        == []
    )
    assert _hits("山﨑さん", "encoding.compat-char") == []


def test_mojibake_span() -> None:
    body = "The Mona Lisa doesnâ€™t have eyebrows."
    hits = _hits(body, "encoding.mojibake")
    assert len(hits) == 1 and hits[0][2].startswith("â€")
    cjk = "中国 æ—¥æœ¬ 新闻"
    assert [h[2] for h in _hits(cjk, "encoding.mojibake")] == ["æ—¥æœ¬"]


def test_mojibake_inside_cjk_text_that_ftfy_scores_zero() -> None:
    # Seed page (People's Daily 2023-11-09 p1, gold): 新起 as UTF-8 read as Windows-1252.
    body = "站在æ–°èµ·点上，我们将立足职责使命，积极推进全球数字基础设施建设普及。"
    hits = _hits(body, "encoding.mojibake")
    assert [(h[0], h[1], h[2]) for h in hits] == [(2, 8, "æ–°èµ·")]
    # one ideograph, next to its own punctuation (“全” read as cp1252)
    body2 = "加速科技成果转化。" + "“全”".encode().decode("sloppy-windows-1252") + "球"
    assert [h[2] for h in _hits(body2, "encoding.mojibake")] == [body2[9:-1]]


@pytest.mark.parametrize(
    "body",
    [
        "Café au lait, naïve résumé, São Paulo, Zürich.",
        # Latin-1 letters and marks next to CJK text that decode to nothing CJK
        "他在巴黎的Café “Noël”工作，写了résumé。",
        "气温30°C（约86°F）……“引号”‘单引号’—— 《书名》",
        "新华社北京11月8日电 11月8日上午，国家主席习近平向大会发表视频致辞。",
        "Temperatures of 30°C — about 86°F — were recorded; “quotes” and ‘single’ too.",
    ],
)
def test_mojibake_negatives(body: str) -> None:
    assert _hits(body, "encoding.mojibake") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # OCR text strewn with lone Latin-1 specks: ``Ä«`` (ī) is one more speck (OverProof)
        ("¡rATTE-T-S -.BPTiORABT,E\nTh. caso «Alio is\n-»..ríiid Ä«l Mundnrr.il. Towers", []),
        # the same two characters where every non-ASCII character is mojibake: ftfy's
        # first plan repairs the whole text, so they are reported
        ("The hearing of Ä«l Mundnrr.il. Towers, Little Coogee.", ["Ä«"]),
        # a sequence bad on its own is mojibake beside good non-ASCII text too
        ("Café, 20Â°C and São Paulo.", ["Â°"]),
        ("naïve résumé, it doesnâ€™t matter", ["â€™"]),
        # Czech mojibake in a mis-decoded text
        ("Praha: Å¡kola a Å¾ivot", ["Å¡", "Å¾"]),
    ],
)
def test_mojibake_judged_in_the_whole_text(body: str, expected: list[str]) -> None:
    assert [h[2] for h in _hits(body, "encoding.mojibake")] == expected


@pytest.mark.corpus
def test_mojibake_of_the_real_world_set() -> None:
    """OverProof raw OCR ``Ä«l Mundnrr.il.`` (specks ``¡rATTE``, ``«Alio`` around it) has
    no mojibake finding; the L3S-GN1 pages keep their ``Â`` + NBSP and magic_html its
    ``Â°``."""
    from copydesk.testing.corpora import real_world

    ocr = {r["id"]: r for r in real_world("overproof-raw")}
    web = {r["id"][:8]: r for r in real_world("l3s-body")}
    magic = {r["id"][:8]: r for r in real_world("magic-en")}
    if not ocr or not web or not magic:
        pytest.skip("shared/corpora OverProof, L3S-GN1 or magic_html is absent")
    assert not check_record(ocr["op2-068-15270000"], ["encoding.mojibake"])
    for rec, seq in (
        (web["092d37f3"], "Â\xa0"),
        (web["10abe0fd"], "Â\xa0"),
        (magic["e870e9de"], "Â°"),
    ):
        found = {rec["body"][f.start : f.end] for f in check_record(rec, ["encoding.mojibake"])}
        assert seq in found


def test_replacement_char() -> None:
    body = "中国\ufffd\ufffd发展"
    assert _hits(body, "encoding.replacement-char") == [(2, 4, "\ufffd\ufffd", None)]
    assert _hits("中国发展", "encoding.replacement-char") == []


def test_control_chars() -> None:
    body = "新华社北京\x0c11月8日电\u200b国家主席"
    hits = _hits(body, "encoding.control-char")
    assert [(h[2], h[3]) for h in hits] == [("\x0c", "remove"), ("\u200b", "remove")]
    assert [h[2] for h in _hits("\ufeff新华社", "encoding.control-char")] == ["\ufeff"]


def test_control_char_negatives() -> None:
    # Tabs, newlines, CRLF, an emoji ZWJ sequence and Persian ZWNJ are legitimate.
    for body in ("a\tb\nc\r\nd", "family 👨\u200d👩\u200d👧 photo", "می\u200cخواهم"):
        assert _hits(body, "encoding.control-char") == [], repr(body)


def test_normalise_ideographs_keeps_offsets() -> None:
    from copydesk.validators.text import normalise_ideographs

    # held-out fixtures/extracted, pd2019-1-06--pdfminer
    s = "⼈⺠⽇报 2019年10⽉6⽇ 星期⽇"
    assert normalise_ideographs(s) == "人民日报 2019年10月6日 星期日"
    assert len(normalise_ideographs(s)) == len(s)
    assert normalise_ideographs("人民日报") == "人民日报"


def _family(body: str) -> list[tuple[str, int, int]]:
    rec = {"id": "t", "body": body, "language": "en"}
    return [(f.check, f.start, f.end) for f in check_record(rec, select=["encoding"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # UTF-8 of ’ (E2 80 99) read as Latin-1: the C1 bytes are the mojibake's
        ("it doesn\u00e2\u0080\u0099t work", [("encoding.mojibake", 8, 11)]),
        # a lone C1 control (NEL from a Windows-1252 ellipsis) is a control character
        ("wait for it\x85 then", [("encoding.control-char", 11, 12)]),
        # ” (E2 80 9D): 9D is undefined in Windows-1252, so it became U+FFFD
        ("he said \u00e2\u20ac\ufffd and left", [("encoding.mojibake", 8, 11)]),
        # U+FFFD alone is the replacement character's
        ("中国\ufffd\ufffd发展", [("encoding.replacement-char", 2, 4)]),
        (
            "The caf\ufffd is open, caf\u00c3\u00a9 too",
            [
                ("encoding.replacement-char", 7, 8),
                ("encoding.mojibake", 21, 23),
            ],
        ),
    ],
)
def test_one_defect_one_finding(body: str, expected: list[tuple[str, int, int]]) -> None:
    assert sorted(_family(body), key=lambda x: x[1]) == expected
