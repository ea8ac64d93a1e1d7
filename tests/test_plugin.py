"""The pytest plugin, driven through pytester."""

from __future__ import annotations

import json

import pytest

from copydesk.testing.plugin import assert_valid_articles

from .conftest import SEED

pytest_plugins = ["pytester"]

# the plugin comes in through its pytest11 entry point (pip install -e .)
ARGS = ("-p", "no:cacheprovider", "-W", "ignore")


@pytest.mark.parametrize("columns", ["40", "200"])
def test_naive_fails_with_per_check_messages(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    # read the test reports themselves, not the terminal: pytest cuts its summary lines to
    # the terminal's width, so the same run must pass at COLUMNS=40 from a long path
    monkeypatch.setenv("COLUMNS", columns)
    rec = pytester.inline_run(*ARGS, "--copydesk", str(SEED / "naive.jsonl"))
    failed = {r.nodeid.rsplit("::", 1)[-1]: r.longreprtext for r in rec.getfailures()}
    assert len(failed) == 6
    assert len(rec.getreports("pytest_runtest_logreport")) > 6
    line_break = failed["sentence.line-break"]
    assert "sentence.line-break: 4 of 4 records (100.0%) fail, threshold 0" in line_break
    assert "rmrb-2023-11-09-p1-01 body[56:57]  …大会乌镇峰会开幕式发表视⏎频致辞。" in line_break
    assert "layout.multiple-articles: 2 of 4 records (50.0%)" in failed["layout.multiple-articles"]
    assert "layout.headline-in-body" not in failed


def test_gold_passes(pytester: pytest.Pytester) -> None:
    res = pytester.runpytest(*ARGS, "--copydesk", str(SEED / "gold.jsonl"))
    assert res.ret == 0
    assert res.parseoutcomes()["passed"] >= 30


def test_config_thresholds_and_selection(pytester: pytest.Pytester) -> None:
    cfg = pytester.makefile(
        ".toml",
        copydesk='select = ["sentence"]\n[thresholds]\n"sentence.stray-space" = 4\n'
        '"sentence.line-break" = { max-percent = 50.0 }\n',
    )
    res = pytester.runpytest(
        *ARGS, "--copydesk", str(SEED / "naive.jsonl"), "--copydesk-config", str(cfg)
    )
    out = res.stdout.str()
    assert "sentence.line-break: 4 of 4 records (100.0%) fail, threshold 50%" in out
    assert "::copydesk::sentence.stray-space - " not in out
    assert "copydesk::date.split" not in out
    res.assert_outcomes(failed=1, passed=res.parseoutcomes()["passed"])


def test_unreadable_records_fail_their_own_test(pytester: pytest.Pytester) -> None:
    good = (SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    p = pytester.makefile(".jsonl", data=good + "\n{broken\n")
    res = pytester.runpytest(*ARGS, "--copydesk", str(p))
    assert "::copydesk::unreadable - unreadable" in res.stdout.str()
    assert "unreadable: 1 records > 0" in res.stdout.str()


def test_fixture_and_helper_in_user_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from copydesk.testing.plugin import assert_valid_articles

        def test_report(copydesk_report):
            assert copydesk_report.result.summary.records == 4

        def test_helper():
            assert_valid_articles([{"id": "a", "body": "这是一篇完整的报道。"}])
        """
    )
    res = pytester.runpytest(*ARGS, "--copydesk", str(SEED / "gold.jsonl"))
    assert res.ret == 0
    res2 = pytester.runpytest(*ARGS, "-k", "report")
    res2.assert_outcomes(skipped=1)


def test_assert_valid_articles_names_the_reason() -> None:
    records = [json.loads(x) for x in (SEED / "naive.jsonl").read_text("utf-8").splitlines()]
    with pytest.raises(AssertionError, match=r"sentence\.line-break: 4 records \(100\.0%\) > 0"):
        assert_valid_articles(records)
    gold = [json.loads(x) for x in (SEED / "gold.jsonl").read_text("utf-8").splitlines()]
    assert_valid_articles(gold)
