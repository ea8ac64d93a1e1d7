"""A self-contained HTML page of the repairs: sampled records before and after, edits marked.

Every piece of record text is escaped; the page loads nothing and runs no script (its
Content-Security-Policy allows only its own style, by hash). Each record is shown once, as
the input text with every edit in place: the removed text struck through (``<del>``), the
inserted text underlined (``<ins>``), newlines as ``⏎`` and spaces inside an edit as ``␣``,
the check on hover.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from dataclasses import dataclass

from copydesk.fix.edits import Edit

STYLE = (
    "body{font:15px/1.7 system-ui,'Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:60em}"
    "pre{white-space:pre-wrap;word-break:break-all;background:#fafafa;padding:.8em}"
    "del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:underline}"
    "h2{font-size:1em;margin-top:2em}small{color:#666}"
)
MAX_RECORDS = 50


@dataclass
class Sample:
    """One changed record: its id, the field's input text and the edits of that field."""

    record: str
    field: str
    text: str
    edits: list[Edit]


def _visible(s: str) -> str:
    return html.escape(s.replace("\n", "⏎").replace(" ", "␣"))


def marked(text: str, edits: Iterable[Edit]) -> str:
    """``text`` as escaped HTML with every edit shown in place (``<del>``/``<ins>``)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(html.escape(text[pos : e.start]))
        title = html.escape(e.check, quote=True)
        if e.before:
            out.append(f'<del title="{title}">{_visible(e.before)}</del>')
        if e.after:
            out.append(f'<ins title="{title}">{_visible(e.after)}</ins>')
        pos = e.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def page(samples: Iterable[Sample], summary: str) -> str:
    """The whole page: the summary, then up to :data:`MAX_RECORDS` records."""
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{digest}'"
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        f"<title>copydesk fix</title><style>{STYLE}</style></head><body>",
        "<h1>copydesk fix: before and after</h1>",
        f"<pre>{html.escape(summary)}</pre>",
    ]
    shown = 0
    for s in samples:
        if shown >= MAX_RECORDS:
            parts.append(f"<p>Only the first {MAX_RECORDS} changed records are shown.</p>")
            break
        shown += 1
        parts.append(
            f"<h2>{html.escape(s.record)} <small>{html.escape(s.field)}, "
            f"{len(s.edits)} edit(s)</small></h2><pre>{marked(s.text, s.edits)}</pre>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


__all__ = ["MAX_RECORDS", "Sample", "marked", "page"]
