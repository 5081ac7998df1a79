"""Checking a cached report before it is believed, without pydantic or the catalogue.

A cache entry's first line is its full key; an entry edited below an intact key line used to
be printed as it was: another file's path, a code no rule has, raw ANSI escapes (issue 11,
item 8). Every entry read back is now checked against the report schema (the fields of
:mod:`poa_lint.models`, with their types) and against the rule catalogue (each finding's
code must be a rule's, with that rule's name and category), and its path must be the letter
the key was made for. Anything else is a miss, so the letter is checked again and the entry
rewritten. Control characters that do get through (a letter may contain them) are escaped
by the reporters.

A run the cache answers (:mod:`poa_lint.cli.route`) must not import pydantic or read
the catalogue's YAML, so the schema is spelled out here (``tests/reliability`` checks it
against the models) and the code table is read from the rule files with a line scanner
(checked against :func:`poa_lint.catalog.load_catalog`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .severity import Category, Severity

REPORT_FIELDS = ("path", "verdict", "findings", "sections", "coverage", "reason", "stats")
VERDICT_FIELDS = ("status", "reason", "codes", "errors", "warnings", "infos", "reason_template")
FINDING_FIELDS = (
    *("code", "name", "category", "severity", "message", "start", "end", "line", "column"),
    *("end_line", "end_column", "excerpt", "suggestion", "paragraph", "scope", "count"),
    *("message_template", "suggestion_template"),
)
TEMPLATE_FIELDS = ("id", "args", "plural", "count")
#: Templates nest (a topic inside a message inside a verdict); deeper is not poa-lint's.
_MAX_TEMPLATE_DEPTH = 8
SECTION_FIELDS = ("kind", "start", "end", "line", "end_line", "found_by", "heading")
COVERAGE_FIELDS = ("cause", "start", "end", "line", "corrective", "preventive")
REASON_FIELDS = ("id", "name", "source")
STATS_FIELDS = ("words", "sentences", "paragraphs")

_SEVERITIES = frozenset(s.value for s in Severity)
_CATEGORIES = frozenset(c.value for c in Category)
_SECTION_KINDS = frozenset({"introduction", "root_cause", "corrective", "preventive", "closing"})
_FOUND_BY = frozenset({"heading", "label", "content"})
_REASON_SOURCES = frozenset({"option", "notice", "detected"})
_VERDICT_STATUSES = frozenset({"ready", "revise", "will be rejected"})
_SCOPES = frozenset({"span", "letter"})

RuleTable = Mapping[str, tuple[str, str]]
"""Rule code -> (name, category)."""

_CODE_LINE = re.compile(r"^\s*-\s+code:\s*[\"']?(POA\d{3})[\"']?\s*$")
_FIELD_LINE = re.compile(r"^\s+(name|category):\s*[\"']?([a-z0-9-]+)[\"']?\s*$")


def rule_table(files: Iterable[tuple[str, bytes]]) -> dict[str, tuple[str, str]]:
    """The code, name and category of every rule in the catalogue's YAML files, by a line
    scan (a ``- code:`` line, then the first ``name:`` and ``category:`` lines after it)."""
    table: dict[str, tuple[str, str]] = {}
    for _, data in files:
        code: str | None = None
        fields: dict[str, str] = {}
        for line in data.decode("utf-8", "replace").splitlines():
            found = _CODE_LINE.match(line)
            if found:
                code, fields = found.group(1), {}
                continue
            field = _FIELD_LINE.match(line) if code else None
            if code and field and field.group(1) not in fields:
                fields[field.group(1)] = field.group(2)
                if len(fields) == 2:
                    table[code] = (fields["name"], fields["category"])
                    code = None
    return table


def _int(value: Any, low: int = 0) -> bool:
    return type(value) is int and value >= low


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _record(value: Any, fields: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and tuple(value) == fields


def _template(value: Any, depth: int = 0) -> bool:
    """A message template as the models store it (:class:`poa_lint.texts.Template`): an id,
    values that are text or templates, an optional plural form and count."""
    if value is None:
        return depth == 0
    return (
        depth < _MAX_TEMPLATE_DEPTH
        and _record(value, TEMPLATE_FIELDS)
        and _text(value["id"])
        and isinstance(value["args"], dict)
        and all(
            _text(k) and (_text(v) or (v is not None and _template(v, depth + 1)))
            for k, v in value["args"].items()
        )
        and _optional_text(value["plural"])
        and (value["count"] is None or type(value["count"]) is int)
    )


def _finding(value: Any, rules: RuleTable) -> bool:
    if not _record(value, FINDING_FIELDS):
        return False
    rule = rules.get(value["code"]) if _text(value["code"]) else None
    return (
        rule is not None
        and (value["name"], value["category"]) == rule
        and value["category"] in _CATEGORIES
        and value["severity"] in _SEVERITIES
        and _text(value["message"])
        and _text(value["excerpt"])
        and _optional_text(value["suggestion"])
        and _int(value["start"])
        and _int(value["end"])
        and value["start"] <= value["end"]
        and all(_int(value[k], 1) for k in ("line", "column", "end_line", "end_column"))
        and (value["paragraph"] is None or _int(value["paragraph"]))
        and value["scope"] in _SCOPES
        and _int(value["count"], 1)
        and _template(value["message_template"])
        and _template(value["suggestion_template"])
    )


def _verdict(value: Any, rules: RuleTable) -> bool:
    return (
        _record(value, VERDICT_FIELDS)
        and value["status"] in _VERDICT_STATUSES
        and _text(value["reason"])
        and isinstance(value["codes"], list)
        and all(_text(code) and code in rules for code in value["codes"])
        and all(_int(value[k]) for k in ("errors", "warnings", "infos"))
        and _template(value["reason_template"])
    )


def _section(value: Any) -> bool:
    return (
        _record(value, SECTION_FIELDS)
        and value["kind"] in _SECTION_KINDS
        and value["found_by"] in _FOUND_BY
        and all(_int(value[k]) for k in ("start", "end", "line", "end_line"))
        and _optional_text(value["heading"])
    )


def _coverage(value: Any) -> bool:
    return (
        _record(value, COVERAGE_FIELDS)
        and _text(value["cause"])
        and all(_int(value[k]) for k in ("start", "end", "line"))
        and all(
            isinstance(value[k], list) and all(_text(v) for v in value[k])
            for k in ("corrective", "preventive")
        )
    )


def valid_entry(data: Any, path: str | None, rules: RuleTable) -> bool:
    """True when ``data`` (a cache entry's JSON) is a report of the schema, for ``path``
    (None: not checked), whose findings all name rules of ``rules`` correctly."""
    if not _record(data, REPORT_FIELDS) or not _optional_text(data["path"]):
        return False
    if path is not None and data["path"] != path:
        return False
    reason, stats, verdict = data["reason"], data["stats"], data["verdict"]
    return (
        (verdict is None or _verdict(verdict, rules))
        and isinstance(data["findings"], list)
        and all(_finding(f, rules) for f in data["findings"])
        and isinstance(data["sections"], list)
        and all(_section(s) for s in data["sections"])
        and isinstance(data["coverage"], list)
        and all(_coverage(c) for c in data["coverage"])
        and (
            reason is None
            or (
                _record(reason, REASON_FIELDS)
                and _text(reason["id"])
                and _text(reason["name"])
                and reason["source"] in _REASON_SOURCES
            )
        )
        and (stats is None or (_record(stats, STATS_FIELDS) and all(map(_int, stats.values()))))
    )
