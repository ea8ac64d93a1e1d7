"""What ``copydesk check`` does for ``--baseline``, ``--update-baseline``, ``--group-by`` and
``--format github``, in one object the command line drives (so cli.py stays thin).

The command line calls :attr:`Adoption.triage` before the summary counts a result (the
baseline filter), :meth:`Adoption.on_result` after it with the record's data (groups,
annotations), and after the run :meth:`extras` (new keys of the report JSON),
:meth:`text_sections`, :meth:`html_sections` and :meth:`finish`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from markupsafe import Markup

from copydesk.adopt import baseline as bl
from copydesk.adopt import groups as gr
from copydesk.adopt import html_views
from copydesk.adopt.github import GithubAnnotations
from copydesk.config import Config
from copydesk.engine import RecordResult, RunResult


def baseline_path(option: str | None, config: Config) -> str | None:
    """``--baseline`` or, failing that, the config's ``baseline`` key, which is relative to
    the folder of the config file that names it."""
    if option:
        return option
    if not config.baseline:
        return None
    p = Path(config.baseline)
    src = Path(config.source) if config.source else None
    if not p.is_absolute() and src is not None and src.is_file():
        p = src.parent / p
    return str(p)


class Adoption:
    """The adoption features of one ``check`` run; every part is optional."""

    def __init__(
        self,
        config: Config,
        selected: Iterable[str],
        *,
        baseline: str | None = None,
        update_baseline: bool = False,
        group_by: str | None = None,
        github_out: IO[str] | None = None,
    ) -> None:
        if update_baseline and baseline is None:
            raise ValueError("--update-baseline needs a baseline (--baseline FILE)")
        self.update = update_baseline
        self.filter = (
            bl.BaselineFilter(bl.Baseline.load(baseline), selected, baseline)
            if baseline is not None
            else None
        )
        spec = gr.GroupSpec.parse(group_by, config.fields) if group_by else None
        self.groups = gr.GroupTally(spec, config.fail_on) if spec is not None else None
        self.github = GithubAnnotations(github_out) if github_out is not None else None

    @property
    def triage(self) -> bl.BaselineFilter | None:
        return self.filter

    @property
    def needs_data(self) -> bool:
        """The record's data must reach :meth:`on_result` (for ``--group-by``)."""
        return self.groups is not None

    @property
    def active(self) -> bool:
        return any(x is not None for x in (self.filter, self.groups, self.github))

    def on_result(self, result: RecordResult, data: Mapping[str, Any] | None) -> None:
        if self.groups is not None:
            self.groups.add(result, data)
        if self.github is not None:
            self.github.add(result)

    def extras(self) -> dict[str, Any]:
        """Keys added to the report JSON's head, after ``summary``."""
        out: dict[str, Any] = {}
        if self.filter is not None:
            out["baseline"] = self.filter.to_dict()
        if self.groups is not None:
            out["groups"] = self.groups.to_dict()
        return out

    def text_sections(self, extras: Mapping[str, Any]) -> list[str]:
        out = []
        if "baseline" in extras:
            out.append(bl.text_section(extras["baseline"]))
        if "groups" in extras:
            out.append(gr.text_section(extras["groups"]))
        return out

    def html_sections(self, extras: Mapping[str, Any]) -> list[Markup]:
        return html_views.sections(extras)

    def finish(self, result: RunResult) -> list[str]:
        """After the run: annotate the verdict, rewrite the baseline; messages for stderr."""
        if self.github is not None:
            self.github.finish(result.summary)
        if self.filter is None or not self.update:
            return []
        tight = self.filter.tightened()
        dropped = self.filter.baseline.findings - tight.findings
        tight.save(self.filter.path)
        return [
            f"baseline {self.filter.path}: {dropped} gone findings dropped, {tight.findings} left"
        ]
