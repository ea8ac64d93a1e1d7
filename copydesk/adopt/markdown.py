"""Markdown and plain-text views of a comparison and of a report, for a pull-request comment,
``$GITHUB_STEP_SUMMARY`` or a terminal.

Record text reaches Markdown only inside code spans, with backticks and ``|`` replaced, so an
excerpt cannot open a link, an image or a table cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SHOWN = 20


def code(text: Any) -> str:
    """``text`` as an inline code span that survives a table cell."""
    s = str(text).replace("`", "ˋ").replace("|", "¦").replace("\n", " ").replace("\r", " ")
    return f"`{s}`" if s else ""


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def comparison_markdown(c: Mapping[str, Any], shown: int = SHOWN) -> str:
    """The comparison as a pull-request comment."""
    verdict = "✅ no regression" if c["passed"] else "❌ regression"
    lines = [
        f"### copydesk compare: {verdict}",
        "",
        f"{code(c['old']['name'])} → {code(c['new']['name'])}: "
        f"**{c['fixed']} fixed**, **{c['introduced']} introduced**, {c['unchanged']} unchanged "
        f"({c['regressions']} introduced at {c['fail_on']} or above; allowed "
        f"{c['max_introduced']}).",
        "",
    ]
    rows = [
        (code(k), v["old"], v["new"], v["fixed"], v["introduced"], f"{v['new'] - v['old']:+d}")
        for k, v in c["by_check"].items()
        if v["fixed"] or v["introduced"] or v["old"] != v["new"]
    ]
    if rows:
        lines += [*_table(["check", "old", "new", "fixed", "introduced", "net"], rows), ""]
    recs = c["by_record"][:shown]
    if recs:
        lines += ["<details><summary>records with changes</summary>", ""]
        lines += _table(
            ["record", "fixed", "introduced"],
            [(code(r["record"]), r["fixed"], r["introduced"]) for r in recs],
        )
        if len(c["by_record"]) > shown:
            lines.append(f"\n… and {len(c['by_record']) - shown} more records.")
        lines += ["", "</details>", ""]
    lines += _finding_list("introduced", c["introduced_findings"], shown)
    lines += _finding_list("fixed", c["fixed_findings"], shown)
    for side in ("old", "new"):
        only = c[f"only_{side}_records"]
        if only:
            lines.append(
                f"{len(only)} records only in {side}: "
                + ", ".join(map(code, only[:10]))
                + (" …" if len(only) > 10 else "")
            )
    return "\n".join(lines).rstrip() + "\n"


def _finding_list(title: str, findings: Sequence[Mapping[str, Any]], shown: int) -> list[str]:
    if not findings:
        return []
    out = [f"<details><summary>{len(findings)} {title}</summary>", ""]
    for d in findings[:shown]:
        out.append(
            f"- {code(d['record'])} {code(d['check'])} {code(d['field'])}: {code(d['excerpt'])}"
        )
    if len(findings) > shown:
        out.append(f"- … and {len(findings) - shown} more (`compare --format json`)")
    return [*out, "", "</details>", ""]


def comparison_text(c: Mapping[str, Any], shown: int = SHOWN) -> str:
    """The comparison for a terminal."""
    lines = [
        f"copydesk compare: {c['old']['name']} -> {c['new']['name']}",
        f"findings {c['old']['findings']} -> {c['new']['findings']}: {c['fixed']} fixed, "
        f"{c['introduced']} introduced, {c['unchanged']} unchanged",
    ]
    rows = {k: v for k, v in c["by_check"].items() if v["fixed"] or v["introduced"]}
    if rows:
        width = max(len(k) for k in rows)
        lines.append(f"\n  {'check'.ljust(width)}      old      new    fixed  introduced")
        for k, v in rows.items():
            lines.append(
                f"  {k.ljust(width)}  {v['old']:7}  {v['new']:7}  {v['fixed']:7}  "
                f"{v['introduced']:10}"
            )
    for title in ("introduced", "fixed"):
        items = c[f"{title}_findings"]
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            for d in items[:shown]:
                lines.append(f"  {d['record']} {d['check']} {d['field']}  {d['excerpt']}")
            if len(items) > shown:
                lines.append(f"  … and {len(items) - shown} more (--format json)")
    for side in ("old", "new"):
        only = c[f"only_{side}_records"]
        if only:
            lines.append(
                f"\n{len(only)} records only in {side} (not compared): "
                + ", ".join(only[:10])
                + (" …" if len(only) > 10 else "")
            )
    verdict = "PASSED" if c["passed"] else "FAILED"
    lines.append(
        f"\ncompare: {verdict} ({c['regressions']} introduced at {c['fail_on']} or above, "
        f"allowed {c['max_introduced']})"
    )
    return "\n".join(lines) + "\n"


def report_markdown(head: Mapping[str, Any], shown: int = SHOWN) -> str:
    """A report JSON's head (summary, baseline, groups) as a step summary."""
    s = head["summary"]
    gate = s.get("gate", {})
    verdict = "✅ passed" if gate.get("passed") else "❌ failed"
    lines = [
        f"### copydesk: gate {verdict}",
        "",
        f"{s['records']} records: {s['passed']} passed, {s['failed']} failed, "
        f"{s['unreadable']} unreadable; {s['findings']} findings.",
        "",
    ]
    lines += [f"- {code(r)}" for r in gate.get("reasons", [])]
    if gate.get("reasons"):
        lines.append("")
    rows = [(code(k), v["severity"], v["records"], v["findings"]) for k, v in s["by_check"].items()]
    if rows:
        lines += [*_table(["check", "severity", "records", "findings"], rows), ""]
    b = head.get("baseline")
    if b:
        lines.append(
            f"Baseline {code(b['file'])}: {b['baselined']} findings baselined (not gating), "
            f"{b['new']} new, {b['gone']} gone (run `--update-baseline` to drop them)."
        )
        lines.append("")
    g = head.get("groups")
    if g:
        lines.append(f"By {code(g['by'])}, worst first:")
        lines.append("")
        lines += _table(
            ["group", "records", "failed", "failing %", "findings"],
            [
                (
                    code(r["group"]),
                    r["records"],
                    r["failed"] + r["unreadable"],
                    f"{r['failing_rate']:.1f}",
                    r["findings"],
                )
                for r in g["groups"][:shown]
            ],
        )
    return "\n".join(lines).rstrip() + "\n"
