"""quote.duplicate-record: exact and near duplicates across the corpus, in input order."""

from __future__ import annotations

import random
import re
import unicodedata
from typing import Any

import numpy as np
import pytest

from copydesk.config import Config
from copydesk.engine import check_records
from copydesk.record import ArticleRecord
from copydesk.testing.corpora import corpus_path, overproof, peoples_daily_2019
from copydesk.validators.duplicates import (
    band_keys,
    char_shingle_hashes,
    estimate_jaccard,
    fmix32,
    may_compose,
    minhash,
    nfkc_kind,
    normalize,
    normalized_bytes,
    normalized_code_points,
    permutation_arrays,
)
from copydesk.validators.registry import DOC_SECTIONS, get_check

CHECK = "quote.duplicate-record"
ONLY = Config(select=(CHECK,))
PD_ABSENT = corpus_path("zh", "peoples_daily_web_2019") is None
OP_ABSENT = corpus_path("en", "overproof") is None


def reference_normalize(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def dup_findings(records: list[dict[str, Any]], config: Config = ONLY, jobs: int = 1):
    _, findings = check_records(records, config, jobs=jobs)
    return [f for f in findings if f.check == CHECK]


def with_wraps(body: str, every: int = 17) -> str:
    """The body as a PDF extractor with column wraps gives it: a newline every few chars."""
    return "\n".join(body[i : i + every] for i in range(0, len(body), every))


# -- building blocks ---------------------------------------------------------------------
def test_registered_with_four_part_docstring_and_parameters() -> None:
    spec = get_check(CHECK)
    assert spec.corpus
    assert all(part in spec.doc for part in DOC_SECTIONS)
    assert {"threshold", "num_perm", "bands", "shingle", "word_shingle", "min_chars"} <= set(
        spec.params
    )


def test_minhash_equals_datasketch_affine32_on_the_same_shingles() -> None:
    from datasketch import MinHash

    text = "新华社北京11月8日电 11月8日上午，国家主席习近平向2023年世界互联网大会乌镇峰会"
    hashes = char_shingle_hashes(normalized_code_points(text), 5)
    ref = MinHash(num_perm=64, seed=1, hashfunc=int, scheme="affine32")
    ref.update_batch(hashes.tolist())
    assert np.array_equal(minhash(hashes, 64), ref.hashvalues)
    # more shingles than one numpy block
    big = np.arange(5000, dtype=np.uint32) * np.uint32(2654435761)
    ref = MinHash(num_perm=32, seed=7, hashfunc=int, scheme="affine32")
    ref.update_batch(big.tolist())
    assert np.array_equal(minhash(big, 32, seed=7), ref.hashvalues)


def test_permutations_equal_datasketch_affine32() -> None:
    from datasketch import MinHash

    from copydesk.validators.duplicates import permutations

    for num_perm, seed in ((64, 1), (128, 42), (8, 0)):
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        mine = permutations(num_perm, seed)
        assert mine[0].dtype == mine[1].dtype == np.uint32
        assert np.array_equal(mine[0], a) and np.array_equal(mine[1], b)


def test_permutations_are_randomstate_draws_without_numpy() -> None:
    """``permutation_arrays`` (the standard library's Mersenne Twister) draws what
    ``numpy.random.RandomState(seed)`` draws, for any seed and size."""
    for seed in (0, 1, 2, 7, 42, 2**31 + 5, 2**32 - 1):
        for num_perm in (1, 8, 64, 300):
            gen = np.random.RandomState(seed)
            a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
            b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
            mine = permutation_arrays(num_perm, seed)
            assert list(mine[0]) == a.tolist() and list(mine[1]) == b.tolist()


def test_band_keys_are_the_banded_fnv_hashes_mixed() -> None:
    rng = np.random.default_rng(3)
    for bands, rows in ((8, 8), (4, 16), (1, 64)):
        sig = rng.integers(0, 2**32, bands * rows, dtype=np.uint64).astype(np.uint32)
        m = sig.reshape(bands, rows)
        h = np.arange(1, bands + 1, dtype=np.uint32) * np.uint32(0x9E3779B1)
        for j in range(rows):
            h = (h ^ m[:, j]) * np.uint32(0x01000193)
        ref = fmix32(h)
        ref[ref == 0] = 1
        assert band_keys(sig, bands, rows) == band_keys(sig.tolist(), bands, rows) == ref.tolist()


def test_normalize_equals_nfkc_without_white_space() -> None:
    tricky = [
        "Ａ　ｂ\u00a0ﬁ ①  x\u2028y…",
        "e\u0301 cafe\u0301",  # combining mark: full NFKC path
        "\u1100\u1161 ﾡﾢ",  # jamo and half-width hangul compose
        "\u0b47\u0b3e",  # a second character that composes with a starter
        "国家主席习近平，（2023年）：“网络空间”……",
        "",
        " \t\n\u3000",
    ]
    rng = random.Random(5)
    alphabet = [chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x400), *range(0x2000, 0x2100)]]
    alphabet += [chr(c) for c in [*range(0x3000, 0x3200), *range(0xFF00, 0xFFF0), 0x4E00, 0xAC00]]
    tricky += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))) for _ in range(3000)
    ]
    for text in tricky:
        assert normalize(text) == reference_normalize(text), repr(text)


def test_may_compose_covers_every_character_that_composes_with_the_one_before() -> None:
    """The second character of every canonical pair decomposition (``ো`` = ``ে`` + ``া``)
    and every combining mark, in the running Python's Unicode data: the per-character
    classification never lets the compiled core splice a character NFKC would compose."""
    seconds = set()
    for c in range(0x30000):
        d = unicodedata.decomposition(chr(c))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(chr(int(d.split()[1], 16)))
    seconds |= {chr(c) for c in range(0x30000) if unicodedata.combining(chr(c))}
    assert len(seconds) > 500
    assert [ch for ch in seconds if not may_compose(ch)] == []


def test_nfkc_kind_keeps_or_maps_only_what_nfkc_keeps_or_maps_alone() -> None:
    kinds = {0: 0, 1: 0, 2: 0}
    for c in [*range(0xA0, 0xD800), *range(0xE000, 0x30000)]:
        ch = chr(c)
        kind, mapped = nfkc_kind(ch)
        kinds[kind] += 1
        nfkc = unicodedata.normalize("NFKC", ch)
        if kind == 0:
            assert nfkc == ch and mapped is None, hex(c)
        elif kind == 1:
            assert mapped == nfkc != ch, hex(c)
            assert not any(may_compose(x) for x in ch + nfkc), hex(c)
    assert min(kinds.values()) > 1000  # all three kinds occur
    text = "Ａ① 国家…ﬁ"
    assert normalized_bytes(text).decode("utf-32-le") == reference_normalize(text)


def test_estimate_jaccard_bounds() -> None:
    a = bytes(range(64))
    assert estimate_jaccard(a, a) == 1.0
    assert estimate_jaccard(a, bytes(64 - i for i in range(64))) < 0.1


# -- small, hand-made corpora ------------------------------------------------------------
ARTICLE = (
    "新华社北京11月8日电 国家主席习近平8日上午向2023年世界互联网大会乌镇峰会开幕式发表视频致辞。\n"
    "习近平指出，当今世界，新一轮科技革命和产业变革深入发展，互联网日益成为推动发展的新动能。\n"
    "习近平强调，中国愿同世界各国一道，携手走出一条数字资源共建共享、数字经济活力迸发的道路。\n"
    "2023年世界互联网大会乌镇峰会当日在浙江省桐乡市乌镇开幕，主题为“建设包容、普惠、有韧性的数字世界”。"
)


def test_exact_duplicate_names_the_earlier_record_and_survives_column_wraps() -> None:
    records = [
        {"id": "a", "body": ARTICLE},
        {
            "id": "b",
            "body": "另一篇完全不同的文章，讲的是农业生产和秋粮收购的进展情况，与上文无关。" * 2,
        },
        {"id": "c", "body": with_wraps(ARTICLE).replace("，", ",")},  # wraps + half-width comma
    ]
    found = dup_findings(records)
    assert [(f.record, f.line, f.field, f.start, f.end) for f in found] == [
        ("c", 3, "body", 0, len(records[2]["body"]))
    ]
    assert "exact duplicate of record 'a' (line 1)" in found[0].message
    assert found[0].suggestion == "remove"


def test_distinct_records_and_short_bodies_give_nothing(seed_gold: list[dict[str, Any]]) -> None:
    assert dup_findings(seed_gold) == []
    short = [{"id": "x", "body": "图为会场。"}, {"id": "y", "body": "图为会场。"}]
    assert dup_findings(short) == []


def test_same_id_same_text_is_left_to_duplicate_id() -> None:
    records = [{"id": "a", "body": ARTICLE}, {"id": "a", "body": ARTICLE}]
    assert dup_findings(records) == []
    _, findings = check_records(records, Config(select=(CHECK, "schema.duplicate-id")))
    assert [f.check for f in findings] == ["schema.duplicate-id"]


def test_threshold_parameter_from_config() -> None:
    changed = ARTICLE.replace("数字资源共建共享", "网络安全共同维护")
    records = [{"id": "a", "body": ARTICLE}, {"id": "b", "body": changed}]
    found = dup_findings(records)
    assert len(found) == 1 and "near duplicate of record 'a'" in found[0].message
    strict = Config(select=(CHECK,), params={CHECK: {"threshold": 1.0}})
    assert dup_findings(records, strict) == []


def test_jobs_2_gives_the_same_findings_as_jobs_1() -> None:
    records = []
    for i in range(300):  # several chunks of 64 records
        body = ARTICLE if i % 97 == 5 else f"第{i}篇稿件。" + ARTICLE[(i % 40) :][:30] * (i % 3 + 1)
        body += f"本文编号{i * 7919}，内容各不相同，以免被当作重复。" * 3
        records.append({"id": f"r{i}", "body": body})
    one = [f.to_dict() for f in dup_findings(records, jobs=1)]
    two = [f.to_dict() for f in dup_findings(records, jobs=2)]
    assert one == two
    assert len(one) >= 2


# -- real corpora ------------------------------------------------------------------------
@pytest.mark.corpus
@pytest.mark.skipif(PD_ABSENT, reason="shared/corpora People's Daily 2019 is absent")
def test_peoples_daily_2019_repeats_found_exactly_and_nothing_else() -> None:
    records = peoples_daily_2019()
    found = dup_findings(records)
    by_id = {r["id"]: r for r in records}
    pairs = []
    for f in found:
        earlier = re.search(r"record '([^']+)'", f.message)
        assert earlier is not None
        pairs.append((earlier[1], f.record, f.message.split(" of record")[0]))
    # read by eye: each pair is one article (same headline) printed in 2.txt/3.txt and 3.txt
    assert pairs == [
        ("pd2019-2-17", "pd2019-3-04", "exact duplicate"),
        ("pd2019-2-16", "pd2019-3-05", "exact duplicate"),
        ("pd2019-3-01", "pd2019-3-06", "exact duplicate"),
        ("pd2019-3-02", "pd2019-3-07", "exact duplicate"),
    ]
    for a, b, _ in pairs:
        assert by_id[a]["headline"] == by_id[b]["headline"]
    # the earlier record's line in the input is named
    line_of = {r["id"]: i + 1 for i, r in enumerate(records)}
    assert f"(line {line_of['pd2019-2-17']})" in found[0].message


@pytest.mark.corpus
@pytest.mark.skipif(PD_ABSENT, reason="shared/corpora People's Daily 2019 is absent")
def test_real_article_with_a_changed_paragraph_and_column_wraps_is_a_near_duplicate() -> None:
    records = peoples_daily_2019()
    src = next(r for r in records if r["id"] == "pd2019-3-09")
    other = next(r for r in records if r["id"] == "pd2019-1-06")
    paras = src["body"].split("\n")
    filled = [i for i, p in enumerate(paras) if p.strip()]
    paras[filled[5]] = other["body"].split("\n")[-1]  # one paragraph of 17 replaced
    copy = {**src, "id": "copy", "body": with_wraps("\n".join(paras), 23)}
    corpus = [*records, copy]
    found = dup_findings(corpus)
    near = [f for f in found if f.record == "copy"]
    assert len(near) == 1
    m = re.search(
        r"near duplicate of record 'pd2019-3-09' \(line (\d+)\), estimated similarity "
        r"(0\.\d\d)",
        near[0].message,
    )
    assert m is not None, near[0].message
    assert int(m[1]) == corpus.index(src) + 1
    assert 0.8 <= float(m[2]) < 1.0
    # the half-rewritten article is not a duplicate
    half = "\n".join(paras[: len(paras) // 2]) + "\n" + other["body"]
    assert not [f for f in dup_findings([src, {"id": "half", "body": half}])]


@pytest.mark.corpus
@pytest.mark.skipif(OP_ABSENT, reason="shared/corpora OverProof is absent")
def test_english_word_shingles_find_an_edited_copy_but_not_other_articles() -> None:
    articles = [a for a in overproof() if len(a.gold_lines) >= 25][:12]
    records = [
        {"id": f"op-{i}", "body": "\n".join(a.gold_lines), "language": "en"}
        for i, a in enumerate(articles)
    ]
    lines = list(articles[2].gold_lines)
    lines[3] = "A sentence the editor added to this one copy of the story."
    records.append({"id": "edited", "body": " ".join(lines), "language": "en"})
    found = dup_findings(records)
    assert [(f.record, "record 'op-2'" in f.message) for f in found] == [("edited", True)]
    assert ArticleRecord.from_mapping(records[-1]).language == "en"


def test_lone_surrogate_is_sketched_not_a_crash() -> None:
    """JSON may hold a lone surrogate (``"\\udc00"``) that UTF-8 cannot encode; the sketch
    keeps it as a code point, so the copy is found and no internal error is raised."""
    body = "abc \udc00 " + "这是一个完整的句子，没有断行，而且足够长，可以计算重复记录的指纹。" * 3
    result, findings = check_records([{"id": "a", "body": body}, {"id": "b", "body": body}], ONLY)
    assert result.summary.internal_errors == 0
    assert [(f.record, f.check) for f in findings if f.check == CHECK] == [("b", CHECK)]
