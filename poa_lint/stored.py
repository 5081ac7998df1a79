"""A cached report read back without pydantic: what the cache answers a run with.

A second ``poa-lint check`` over unchanged letters should cost what starting Python costs
(issue 6: 200 letters well under half a second). Importing pydantic and building the
report models alone takes longer than the rest of such a run, so the cache answers a
letter with its stored JSON (checked by :func:`poa_lint.entries.valid_entry`) wrapped in
these frozen dataclasses. They carry, under the same names, every attribute of a
:class:`~poa_lint.models.Report` that the streaming reporters (text, GitHub, statistics)
and the exit code read, and the JSON reporter writes the stored JSON itself
(:func:`public_entry`), so the output is byte for byte that of a freshly checked letter.
Output that needs more of a report (SARIF, HTML, coverage, another language, a baseline)
asks the cache for the pydantic :class:`~poa_lint.models.Report` instead
(:meth:`poa_lint.cache.ReportCache.answer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .severity import Severity

#: The message templates a report carries for other languages (``poa_lint.texts``): internal,
#: not part of the JSON output's schema 1 (the words themselves are in ``message``,
#: ``suggestion``, ``reason``).
TEMPLATE_FIELDS = frozenset({"message_template", "suggestion_template", "reason_template"})


def public_entry(stored: dict[str, Any]) -> dict[str, Any]:
    """A report as stored in the cache (all of its fields), as the JSON reporter's
    :func:`~poa_lint.reporters.json_format.file_entry` writes it."""
    entry = dict(stored)
    verdict = entry.get("verdict")
    if isinstance(verdict, dict):
        entry["verdict"] = {k: v for k, v in verdict.items() if k not in TEMPLATE_FIELDS}
    entry["findings"] = [
        {k: v for k, v in finding.items() if k not in TEMPLATE_FIELDS}
        for finding in entry.get("findings", ())
    ]
    return entry


@dataclass(frozen=True)
class StoredFinding:
    """What the reporters read of a :class:`~poa_lint.models.Finding`."""

    code: str
    name: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: Severity
    message: str
    suggestion: str | None
    scope: str
    count: int
    excerpt: str
    paragraph: int | None


@dataclass(frozen=True)
class StoredVerdict:
    """What the reporters and the exit code read of a :class:`~poa_lint.models.Verdict`."""

    status: str
    reason: str
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class StoredReason:
    """What the text reporter reads of a :class:`~poa_lint.models.ReasonInfo`."""

    id: str
    name: str
    source: str


@dataclass(frozen=True)
class StoredReport:
    """What the reporters read of a :class:`~poa_lint.models.Report`, and the stored JSON,
    which is the JSON reporter's entry for it. ``sections`` and ``coverage`` are empty:
    output that shows them asks the cache for the full report."""

    path: str | None
    verdict: StoredVerdict | None
    findings: tuple[StoredFinding, ...]
    reason: StoredReason | None
    entry: dict[str, Any]
    sections: tuple[()] = ()
    coverage: tuple[()] = ()


def stored_report(data: dict[str, Any]) -> StoredReport:
    """A checked cache entry (:meth:`~poa_lint.cache.ReportCache.get_entry`) as a report."""
    reason = data.get("reason")
    verdict = data["verdict"]
    return StoredReport(
        path=data["path"],
        verdict=None
        if verdict is None
        else StoredVerdict(
            status=verdict["status"],
            reason=verdict["reason"],
            errors=verdict["errors"],
            warnings=verdict["warnings"],
            infos=verdict["infos"],
        ),
        findings=tuple(
            StoredFinding(
                code=f["code"],
                name=f["name"],
                line=f["line"],
                column=f["column"],
                end_line=f["end_line"],
                end_column=f["end_column"],
                severity=Severity(f["severity"]),
                message=f["message"],
                suggestion=f.get("suggestion"),
                scope=f["scope"],
                count=f["count"],
                excerpt=f["excerpt"],
                paragraph=f.get("paragraph"),
            )
            for f in data["findings"]
        ),
        reason=None
        if reason is None
        else StoredReason(reason["id"], reason["name"], reason["source"]),
        entry=public_entry(data),
    )
