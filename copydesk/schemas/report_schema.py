"""The JSON Schema of the report JSON (DESIGN.md §4), for consumers and for our own tests."""

from __future__ import annotations

from typing import Any

_SEVERITY = {"enum": ["error", "warning", "info"]}
_COUNT = {"type": "integer", "minimum": 0}

FINDING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "record",
        "line",
        "check",
        "severity",
        "field",
        "start",
        "end",
        "excerpt",
        "message",
        "suggestion",
    ],
    "properties": {
        "record": {"type": ["string", "null"]},
        "input": {"type": ["string", "null"]},
        "line": {"type": ["integer", "null"], "minimum": 0},
        "check": {"type": "string", "pattern": r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$"},
        "severity": _SEVERITY,
        "field": {"type": "string", "minLength": 1},
        "start": _COUNT,
        "end": _COUNT,
        "excerpt": {"type": "string"},
        "message": {"type": "string", "minLength": 1},
        "suggestion": {"type": ["string", "null"]},
    },
}

#: ``check --baseline FILE``: findings held out of the gate, and baselined ones gone.
BASELINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["file", "entries", "baselined", "new", "gone", "by_check", "gone_findings"],
    "properties": {
        "file": {"type": "string"},
        "entries": _COUNT,
        "baselined": _COUNT,
        "new": _COUNT,
        "gone": _COUNT,
        "by_check": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["baselined", "new", "gone"],
                "properties": {"baselined": _COUNT, "new": _COUNT, "gone": _COUNT},
            },
        },
        "gone_findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["record", "check", "field", "excerpt", "fingerprint", "count"],
                "properties": {"count": {"type": "integer", "minimum": 1}},
            },
        },
    },
}

#: ``check --group-by FIELD``: one summary per group, worst first.
GROUPS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["by", "groups"],
    "properties": {
        "by": {"type": "string"},
        "groups": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "group",
                    "records",
                    "passed",
                    "failed",
                    "unreadable",
                    "findings",
                    "failing_rate",
                    "by_check",
                ],
                "properties": {
                    "group": {"type": "string"},
                    "records": _COUNT,
                    "passed": _COUNT,
                    "failed": _COUNT,
                    "unreadable": _COUNT,
                    "findings": _COUNT,
                    "failing_rate": {"type": "number", "minimum": 0, "maximum": 100},
                    "by_check": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["records", "failing_records", "findings"],
                            "properties": {
                                "records": _COUNT,
                                "failing_records": _COUNT,
                                "findings": _COUNT,
                            },
                        },
                    },
                },
            },
        },
    },
}

REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "copydesk report",
    "type": "object",
    "required": ["copydesk", "inputs", "summary", "findings", "errors"],
    "properties": {
        "copydesk": {"type": "string"},
        "inputs": {"type": "array", "items": {"type": "string"}},
        "config": {"type": "object"},
        "summary": {
            "type": "object",
            "required": [
                "records",
                "passed",
                "failed",
                "unreadable",
                "findings",
                "by_check",
                "gate",
            ],
            "properties": {
                "records": _COUNT,
                "passed": _COUNT,
                "failed": _COUNT,
                "unreadable": _COUNT,
                "findings": _COUNT,
                "by_check": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "required": ["severity", "records", "findings"],
                        "properties": {
                            "severity": _SEVERITY,
                            "records": _COUNT,
                            "findings": _COUNT,
                        },
                    },
                },
                "profiles": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": _COUNT,
                    },
                },
                "gate": {
                    "type": "object",
                    "required": ["passed", "reasons"],
                    "properties": {
                        "passed": {"type": "boolean"},
                        "reasons": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
        "baseline": BASELINE_SCHEMA,
        "groups": GROUPS_SCHEMA,
        "findings": {"type": "array", "items": FINDING_SCHEMA},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["input", "line", "message"],
                "properties": {
                    "input": {"type": "string"},
                    "line": _COUNT,
                    "message": {"type": "string"},
                },
            },
        },
    },
}
