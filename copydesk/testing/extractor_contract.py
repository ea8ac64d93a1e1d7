"""A contract test for a user's segmenter: page text in, article records out.

:func:`render_page` lays generated articles out as a PDF text extractor returns a page:
a running head, each article's headline, its paragraphs wrapped at a fixed column width
(paragraph starts indented with two ideographic spaces, as People's Daily prints them), a
■ pull-quote box after the article, and with ``columns=2`` two articles side by side, their
lines interleaved (left column, a gutter, right column on each line).

:func:`check_extractor` draws pages with hypothesis, runs the user's function on the page
text and demands that its records pass copydesk's gate (no finding at or above ``error``)
and keep every sentence of every source article whole in one paragraph of one record.
Failures shrink to a small page and name the broken sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.engine import check_records
from copydesk.findings import Severity
from copydesk.testing.strategies import corpora

__all__ = ["ContractViolation", "Page", "check_extractor", "pages", "render_page", "sentences"]

INDENT = "\u3000\u3000"
GUTTER = " | "
BOX = "■"
_SENTENCE = re.compile(r"[^。！？\n]+(?:[。！？]+[”’」）]*|$)")


@dataclass(frozen=True)
class Page:
    """A rendered page and the articles it was rendered from."""

    text: str
    articles: tuple[dict[str, Any], ...]
    width: int
    columns: int


class ContractViolation(AssertionError):
    """The function's records break the contract."""


def sentences(body: str) -> list[str]:
    """The sentences of a body, paragraph by paragraph (a subhead is one sentence)."""
    return [m.group().strip() for m in _SENTENCE.finditer(body) if m.group().strip()]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _column(article: Mapping[str, Any], width: int) -> list[str]:
    lines = [article.get("headline", "")]
    for para in str(article["body"]).split("\n"):
        lines += _wrap(INDENT + para, width)
    for q in article.get("quotes") or []:
        lines += _wrap(BOX + q, width)
    return lines


def render_page(articles: Iterable[Mapping[str, Any]], width: int = 22, columns: int = 1) -> str:
    """The page text an extractor returns for ``articles`` (see the module docstring)."""
    arts = list(articles)
    head = ""
    if arts and arts[0].get("published"):
        y, m, d = str(arts[0]["published"]).split("-")
        head = f"人民日报 {int(y)}年{int(m)}月{int(d)}日 要闻 {arts[0].get('page', 1)}"
    out = [head] if head else []
    if columns == 1:
        for a in arts:
            out += [*_column(a, width), ""]
        return "\n".join(out).rstrip("\n")
    for i in range(0, len(arts), columns):
        cols = [_column(a, width) for a in arts[i : i + columns]]
        n = max(len(c) for c in cols)
        for row in range(n):
            cells = [(c[row] if row < len(c) else "").ljust(width, "\u3000") for c in cols]
            out.append(GUTTER.join(cells).rstrip("\u3000 |"))
        out.append("")
    return "\n".join(out).rstrip("\n")


def pages(
    widths: st.SearchStrategy[int] | None = None, columns: tuple[int, ...] = (1, 2)
) -> st.SearchStrategy[Page]:
    """Pages of one or two generated Chinese articles, wrapped at 12-30 characters."""

    @st.composite
    def draw_page(draw: Any) -> Page:
        n = draw(st.integers(1, 2))
        arts = [a for a in draw(corpora(4)) if a["language"] == "zh"][:n]
        width = draw(widths or st.integers(12, 30))
        cols = draw(st.sampled_from([c for c in columns if c <= len(arts)] or [1]))
        return Page(render_page(arts, width, cols), tuple(arts), width, cols)

    return draw_page()


def _squash(text: str) -> str:
    return "".join(text.split())


def _violations(page: Page, records: list[Mapping[str, Any]]) -> list[str]:
    problems = []
    if not records:
        return ["no records returned"]
    _, found = check_records(records)
    for f in found:
        if f.severity >= Severity.ERROR:
            problems.append(f"{f.check} in {f.record} {f.field}[{f.start}:{f.end}]: {f.excerpt}")
    # Whitespace is compared loosely: a column that wraps at a space (the one after a
    # dateline) drops it, as real typesetting does; stray or lost spaces inside a line are
    # the checks' business above, not this containment test's.
    paragraphs = [
        _squash(p) for r in records if isinstance(r.get("body"), str) for p in r["body"].split("\n")
    ]
    for a in page.articles:
        for s in sentences(a["body"]):
            if not any(_squash(s) in p for p in paragraphs):
                problems.append(f"sentence not kept whole: {s!r}")
    return problems


def check_extractor(
    extract: Callable[[str], list[dict[str, Any]]],
    *,
    max_examples: int | None = None,
    columns: tuple[int, ...] = (1, 2),
) -> None:
    """Run ``extract`` on generated pages; raise :class:`ContractViolation` on the shrunk
    failing page, with the page text and every problem found."""
    kwargs: dict[str, Any] = {"deadline": None, "suppress_health_check": list(HealthCheck)}
    if max_examples is not None:
        kwargs["max_examples"] = max_examples

    @settings(**kwargs)
    @given(pages(columns=columns))
    def contract(page: Page) -> None:
        records = extract(page.text)
        problems = _violations(page, records)
        if problems:
            raise ContractViolation(
                "the extractor breaks the contract on this page:\n"
                + page.text
                + "\n\nproblems:\n  "
                + "\n  ".join(problems[:10])
            )

    contract()
