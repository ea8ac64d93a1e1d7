"""Configuration: ``copydesk.toml``, or ``[tool.copydesk]`` in ``pyproject.toml``.

```toml
[tool.copydesk]
select = ["sentence", "quote"]          # ids or family prefixes; empty = every check
ignore = ["sentence.stray-space"]
fail-on = "error"                       # lowest severity that fails a record and the gate
max-unreadable = 0                      # unreadable records allowed before the gate fails
min-records = 1                         # fewer checked records (an empty input) fail the gate
baseline = "copydesk-baseline.json"     # gate only on new findings (copydesk baseline)

[tool.copydesk.fields]                  # canonical name = your column name
body = "text"

[tool.copydesk.severity]                # per check id or family
"sentence.stray-space" = "warning"

[tool.copydesk.thresholds]              # per check id, family, or "default"
default = { max-records = 0 }
"sentence.stray-space" = { max-percent = 2.0 }

[tool.copydesk.params."date.dateline-mismatch"]
max_days_before = 3

[tool.copydesk.profile]                 # how the text was made, where you know better
wrap = "flowed"                         # "hard" (PDF, OCR) or "flowed" (web); script, ...
```
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from copydesk.findings import Severity
from copydesk.record import FieldMap


class ConfigError(ValueError):
    """A config file that cannot be read or holds a wrong value."""


@dataclass(frozen=True)
class Threshold:
    """Fail when more than ``max_records`` records, or more than ``max_percent`` % of them,
    have a finding at or above the fail-on severity. ``None`` means "no limit of this kind";
    with both ``None`` the check never fails the gate (it is reported only)."""

    max_records: int | None = 0
    max_percent: float | None = None

    def exceeded(self, count: int, total: int) -> bool:
        if self.max_records is not None and count > self.max_records:
            return True
        pct = 100.0 * count / total if total else 0.0
        return self.max_percent is not None and pct > self.max_percent

    def describe(self) -> str:
        parts = []
        if self.max_records is not None:
            parts.append(str(self.max_records))
        if self.max_percent is not None:
            parts.append(f"{self.max_percent:g}%")
        return " or ".join(parts) if parts else "no limit"


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    max_unreadable: int = 0
    min_records: int = 1
    fields: FieldMap = field(default_factory=FieldMap)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str | None = None
    baseline: str | None = None  # a baseline file, relative to the config file's folder
    #: text-profile values declared for every record (copydesk.validators.profile)
    profile: Mapping[str, Any] = field(default_factory=dict)

    def severity_for(self, check_id: str, default: Severity) -> Severity:
        family = check_id.split(".", 1)[0]
        return self.severity.get(check_id) or self.severity.get(family) or default

    def threshold_for(self, check_id: str) -> Threshold:
        family = check_id.split(".", 1)[0]
        for key in (check_id, family, "default"):
            if key in self.thresholds:
                return self.thresholds[key]
        return Threshold()

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        """The effective config, for reports."""
        return {
            "source": self.source,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "fail_on": str(self.fail_on),
            "max_unreadable": self.max_unreadable,
            "min_records": self.min_records,
            "fields": dict(self.fields.names),
            "severity": {k: str(v) for k, v in self.severity.items()},
            "thresholds": {
                k: {"max_records": t.max_records, "max_percent": t.max_percent}
                for k, t in self.thresholds.items()
            },
            "params": {k: dict(v) for k, v in self.params.items()},
            **({"baseline": self.baseline} if self.baseline else {}),
            "profile": dict(self.profile),
        }


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(s.strip() for s in value.split(",") if s.strip())
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return tuple(value)
    raise ConfigError(f"{where}: `{key}` must be a list of strings")


def _count(value: Any) -> bool:
    """An integer ≥ 0 (a boolean is not one)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _threshold(value: Any, key: str, where: str) -> Threshold:
    """A threshold fails closed: NaN, infinities, negatives and non-numbers are errors."""
    if not isinstance(value, Mapping):
        if not _count(value):
            raise ConfigError(
                f"{where}: [thresholds] {key!r} must be an integer ≥ 0 or a table, not {value!r}"
            )
        return Threshold(max_records=value)
    unknown = set(value) - {"max-records", "max-percent", "max_records", "max_percent"}
    if unknown:
        raise ConfigError(f"{where}: threshold {key!r} has unknown key(s) {sorted(unknown)}")
    records = value.get("max-records", value.get("max_records"))
    percent = value.get("max-percent", value.get("max_percent"))
    if records is not None and not _count(records):
        raise ConfigError(f"{where}: threshold {key!r}: max-records must be an integer ≥ 0")
    if percent is not None and (
        isinstance(percent, bool)
        or not isinstance(percent, (int, float))
        or not math.isfinite(percent)
        or percent < 0
    ):
        raise ConfigError(
            f"{where}: threshold {key!r}: max-percent must be a finite number ≥ 0, not {percent!r}"
        )
    return Threshold(records, None if percent is None else float(percent))


_KNOWN_KEYS = {
    "select",
    "ignore",
    "fail-on",
    "max-unreadable",
    "min-records",
    "fields",
    "severity",
    "thresholds",
    "params",
    "baseline",
    "profile",
}


def from_mapping(table: Mapping[str, Any], where: str = "config") -> Config:
    """Build a :class:`Config` from the ``[tool.copydesk]`` table."""
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for name in ("severity", "thresholds", "fields"):
        if not isinstance(table.get(name, {}), Mapping):
            raise ConfigError(f"{where}: `{name}` must be a table")
    try:
        fail_on = Severity.parse(table.get("fail-on", "error"))
        fields = FieldMap.parse(dict(table.get("fields", {})))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    severity = {}
    for key, value in dict(table.get("severity", {})).items():
        try:
            severity[key] = Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: [severity] {key!r}: {exc}") from None
    max_unreadable = table.get("max-unreadable", 0)
    if not _count(max_unreadable):
        raise ConfigError(f"{where}: `max-unreadable` must be an integer ≥ 0")
    min_records = table.get("min-records", 1)
    if not _count(min_records):
        raise ConfigError(f"{where}: `min-records` must be an integer ≥ 0")
    thresholds = {k: _threshold(v, k, where) for k, v in dict(table.get("thresholds", {})).items()}
    params = table.get("params", {})
    if not isinstance(params, Mapping) or not all(isinstance(v, Mapping) for v in params.values()):
        raise ConfigError(f"{where}: `params` must be a table of tables")
    baseline = table.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline.strip()):
        raise ConfigError(f"{where}: `baseline` must be a file name")
    profile = _profile(table.get("profile", {}), where)
    return Config(
        select=_str_list(table.get("select", []), "select", where),
        ignore=_str_list(table.get("ignore", []), "ignore", where),
        fail_on=fail_on,
        max_unreadable=max_unreadable,
        min_records=min_records,
        fields=fields,
        severity=severity,
        thresholds=thresholds,
        params={k: dict(v) for k, v in params.items()},
        source=where,
        baseline=baseline,
        profile=profile,
    )


def _profile(value: Any, where: str) -> dict[str, Any]:
    from copydesk.validators.profile import check_declared

    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: `profile` must be a table")
    try:
        return check_declared({k.replace("-", "_"): v for k, v in value.items()})
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def load(path: str | Path | None = None, cwd: str | Path | None = None) -> Config:
    """Read ``path``, or find ``copydesk.toml`` / ``pyproject.toml`` (``[tool.copydesk]``)
    in ``cwd``; no file means the defaults."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"config file {p} does not exist")
        return _load_file(p, explicit=True)
    base = Path(cwd or Path.cwd())
    for name in ("copydesk.toml", "pyproject.toml"):
        p = base / name
        if p.is_file():
            cfg = _load_file(p, explicit=False)
            if cfg is not None:
                return cfg
    return Config()


def _load_file(p: Path, explicit: bool) -> Config:
    import tomllib  # here: a run without a config file does without it (start-up, issue 12)

    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read config: {exc}") from None
    if p.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("copydesk")
        if table is None:
            if explicit:
                raise ConfigError(f"{p}: no [tool.copydesk] table")
            return None  # type: ignore[return-value]
    else:
        table = data
    return from_mapping(table, str(p))
