"""The adoption sections of the HTML report: groups, baseline, comparison.

Each is a :class:`~markupsafe.Markup` fragment built with :func:`markupsafe.escape` on every
value from the data (group names and excerpts are record text), using only the report's own
CSS classes and SVG presentation attributes (the page's Content-Security-Policy allows no
inline ``style``). :func:`sections` picks them from a report JSON's head.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

CHART_GROUPS = 30
ROWS_SHOWN = 200
_BAR_W = 320
_LABEL_W = 220


def sections(head: Mapping[str, Any]) -> list[Markup]:
    """The sections a report JSON's head (or a live run's extras) calls for."""
    out = []
    if head.get("comparison"):
        out.append(comparison_section(head["comparison"]))
    if head.get("baseline"):
        out.append(baseline_section(head["baseline"]))
    if head.get("groups"):
        out.append(groups_section(head["groups"]))
    return out


def _cells(values: Sequence[Any], numeric: Sequence[bool]) -> str:
    return "".join(
        f'<td class="n">{escape(_num(v))}</td>' if n else f"<td>{escape(v)}</td>"
        for v, n in zip(values, numeric, strict=True)
    )


def _num(v: Any) -> str:
    return f"{v:,}" if isinstance(v, int) else f"{v:.1f}%" if isinstance(v, float) else str(v)


def rate_chart(groups: Sequence[Mapping[str, Any]]) -> Markup:
    """Horizontal bars of the failing-record rate per group (worst first, 0–100 %)."""
    shown = groups[:CHART_GROUPS]
    height = 16 + 22 * len(shown)
    width = _LABEL_W + _BAR_W + 90
    parts = [
        f'<svg id="group-chart" role="img" aria-label="failing records per group" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for i, g in enumerate(shown):
        y = 8 + 22 * i
        w = max(2.0, _BAR_W * g["failing_rate"] / 100.0) if g["failing_rate"] else 0.0
        label = str(g["group"])
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<g class="gbar" data-group="{escape(label)}" data-rate="{g["failing_rate"]}">'
            f"<title>{escape(label)}: {g['failed'] + g['unreadable']:,} of {g['records']:,} "
            f"records fail ({g['failing_rate']:.1f}%), {g['findings']:,} findings</title>"
            f'<text x="{_LABEL_W - 6}" y="{y + 12}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{_LABEL_W}" y="{y}" width="{_BAR_W}" height="16" rx="2" fill="#eef0f3">'
            f"</rect>"
            f'<rect class="bar-error" x="{_LABEL_W}" y="{y}" width="{w:.1f}" height="16" rx="2">'
            f"</rect>"
            f'<text class="cnt" x="{_LABEL_W + _BAR_W + 5}" y="{y + 12}">'
            f"{g['failing_rate']:.1f}%</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def groups_section(section: Mapping[str, Any]) -> Markup:
    """Table (records, failing rate, findings per check) and chart, worst groups first."""
    groups = section["groups"]
    checks = sorted({c for g in groups for c in g["by_check"]})
    head = ["group", "records", "failing", "failing %", "findings", *checks]
    numeric = [False, *([True] * (len(head) - 1))]
    rows = []
    for g in groups[:ROWS_SHOWN]:
        values = [
            g["group"],
            g["records"],
            g["failed"] + g["unreadable"],
            float(g["failing_rate"]),
            g["findings"],
            *(g["by_check"].get(c, {}).get("findings", 0) for c in checks),
        ]
        rows.append(
            f'<tr class="group" data-group="{escape(g["group"])}">{_cells(values, numeric)}</tr>'
        )
    more = (
        f'<p class="note">… and {len(groups) - ROWS_SHOWN:,} more groups in the report JSON.</p>'
        if len(groups) > ROWS_SHOWN
        else ""
    )
    ths = "".join(
        f'<th class="n">{escape(h)}</th>' if n else f"<th>{escape(h)}</th>"
        for h, n in zip(head, numeric, strict=True)
    )
    return Markup(
        f'<section class="card" id="groups"><h2>by {escape(section["by"])}: failing records '
        f"per group, worst first</h2>{rate_chart(groups)}"
        f'<div class="scroll"><table id="group-table"><thead><tr>{ths}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{more}</section>"
    )


def baseline_section(b: Mapping[str, Any]) -> Markup:
    """Counts of baselined, new and gone findings per check, and the gone ones."""
    rows = "".join(
        f'<tr class="bl" data-check="{escape(c)}"><td><code>{escape(c)}</code></td>'
        f"{_cells([v['baselined'], v['new'], v['gone']], [True] * 3)}</tr>"
        for c, v in b["by_check"].items()
    )
    gone = "".join(
        f"<li><code>{escape(e['record'])}</code> <code>{escape(e['check'])}</code> "
        f'<span class="exc">{escape(e["excerpt"])}</span></li>'
        for e in b["gone_findings"][:ROWS_SHOWN]
    )
    return Markup(
        f'<section class="card" id="baseline"><h2>baseline <code>{escape(b["file"])}</code>'
        f'</h2><p><b id="bl-baselined">{b["baselined"]:,}</b> findings baselined (not '
        f'gating), <b id="bl-new">{b["new"]:,}</b> new, <b id="bl-gone">{b["gone"]:,}</b> '
        f"gone (fixed: <code>--update-baseline</code> drops them).</p>"
        f'<table id="baseline-table"><thead><tr><th>check</th><th class="n">baselined</th>'
        f'<th class="n">new</th><th class="n">gone</th></tr></thead><tbody>{rows}</tbody>'
        f"</table>{'<h3>gone</h3><ol>' + gone + '</ol>' if gone else ''}</section>"
    )


def comparison_section(c: Mapping[str, Any]) -> Markup:
    """Per check old/new/fixed/introduced, and the introduced and fixed findings."""
    rows = "".join(
        f'<tr class="cmp" data-check="{escape(k)}"><td><code>{escape(k)}</code></td>'
        f"{_cells([v['old'], v['new'], v['fixed'], v['introduced']], [True] * 4)}</tr>"
        for k, v in c["by_check"].items()
    )
    verdict = "no regression" if c["passed"] else "regression"
    return Markup(
        f'<section class="card verdict {"pass" if c["passed"] else "fail"}" id="comparison">'
        f"<h2>compared with <code>{escape(c['old']['name'])}</code>: "
        f'<span id="cmp-verdict">{verdict}</span></h2>'
        f'<p><b id="cmp-fixed">{c["fixed"]:,}</b> fixed, <b id="cmp-introduced">'
        f"{c['introduced']:,}</b> introduced, {c['unchanged']:,} unchanged "
        f"({c['regressions']:,} introduced at {escape(c['fail_on'])} or above, allowed "
        f"{c['max_introduced']:,}).</p>"
        f'<table id="comparison-table"><thead><tr><th>check</th><th class="n">old</th>'
        f'<th class="n">new</th><th class="n">fixed</th><th class="n">introduced</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        f"{_finding_list('introduced', c['introduced_findings'])}"
        f"{_finding_list('fixed', c['fixed_findings'])}</section>"
    )


def _finding_list(kind: str, findings: Sequence[Mapping[str, Any]]) -> str:
    if not findings:
        return ""
    items = "".join(
        f'<li data-record="{escape(d["record"])}" data-check="{escape(d["check"])}">'
        f"<code>{escape(d['record'])}</code> <code>{escape(d['check'])}</code> "
        f'<code>{escape(d["field"])}</code> <span class="exc">{escape(d["excerpt"])}</span>'
        f"</li>"
        for d in findings[:ROWS_SHOWN]
    )
    more = (
        f"<li>… and {len(findings) - ROWS_SHOWN:,} more</li>" if len(findings) > ROWS_SHOWN else ""
    )
    return (
        f'<details class="cmp-list" id="cmp-list-{kind}" open><summary>{len(findings):,} {kind}'
        f"</summary><ol>{items}{more}</ol></details>"
    )
