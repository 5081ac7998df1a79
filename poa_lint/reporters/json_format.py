"""Machine-readable output: one JSON document for the whole run (wire format "schema 1").

The format is documented in ``docs/json-output.md`` and is a compatibility promise: within
schema 1 fields are only ever added; removing or renaming one bumps ``schema``. Field order
follows the pydantic models and nothing time- or machine-dependent is written, so identical
input gives byte-identical output (handy for golden-file tests and caching in CI).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .._version import __version__
from ..i18n import DEFAULT
from ..safe_text import safe_json
from ..severity import JSON_SCHEMA_VERSION
from .base import SEVERITY_ORDER, Reporter

if TYPE_CHECKING:
    from ..catalog import Rule
    from ..models import Report


class JsonReporter(Reporter):
    """Buffers every report and writes the document in :meth:`finish`.

    Buffering is required: a consumer must receive either a complete, parseable document or
    nothing, never a prefix of one.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        rules: Sequence[Rule],
        show_coverage: bool = False,
        quiet: bool = False,
        color: bool = False,
        lang: str = DEFAULT,
    ) -> None:
        super().__init__(
            stream, rules=rules, show_coverage=show_coverage, quiet=quiet, color=color, lang=lang
        )
        self._files: list[dict[str, Any]] = []
        self._errors: list[dict[str, str]] = []

    def handle(self, report: Report) -> None:
        self.count(report)
        # Codes, names and values stay English; messages are in the reader's language.
        self._files.append(file_entry(self.localized(report)))

    def handle_stored(self, report: Report, entry: dict[str, Any]) -> None:
        """A report read back from the cache, with its stored JSON: the stored JSON is the
        report's :func:`file_entry`, so it is written as it is (the fast path of a cached
        run hands reports over this way, without building pydantic models)."""
        self.count(report)
        self._files.append(entry)

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        self._errors.append({"path": path, "message": message})

    def finish(self) -> None:
        document = {
            "schema": JSON_SCHEMA_VERSION,
            "tool": {"name": "poa-lint", "version": __version__},
            "files": self._files,
            "errors": self._errors,
            "summary": {
                "files": self.files,
                "files_with_findings": self.files_with_findings,
                "findings": self.findings,
                "errors": self.errors,
                "by_severity": {s.value: self.by_severity[s] for s in SEVERITY_ORDER},
                "by_verdict": dict(self.verdicts),
            },
        }
        self.stream.write(safe_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")


#: The message templates a report carries for other languages (``poa_lint.texts``): internal,
#: not part of schema 1 (the words themselves are in ``message``, ``suggestion``, ``reason``).
TEMPLATE_FIELDS = frozenset({"message_template", "suggestion_template", "reason_template"})


def public_entry(stored: dict[str, Any]) -> dict[str, Any]:
    """A report as stored in the cache (all of its fields), as :func:`file_entry` writes it."""
    entry = dict(stored)
    verdict = entry.get("verdict")
    if isinstance(verdict, dict):
        entry["verdict"] = {k: v for k, v in verdict.items() if k not in TEMPLATE_FIELDS}
    entry["findings"] = [
        {k: v for k, v in finding.items() if k not in TEMPLATE_FIELDS}
        for finding in entry.get("findings", ())
    ]
    return entry


def file_entry(report: Report) -> dict[str, Any]:
    """One element of ``files``: the report's fields, in model order, as plain JSON values.

    ``Report.model_dump`` is not used wholesale so that the keys of a file entry stay an
    explicit, reviewed list: a new field on ``Report`` does not leak into schema 1 unnoticed.
    """
    internal = set(TEMPLATE_FIELDS)
    return {
        "path": report.path,
        "verdict": (
            report.verdict.model_dump(mode="json", exclude=internal)
            if report.verdict
            else None
        ),
        "findings": [f.model_dump(mode="json", exclude=internal) for f in report.findings],
        "sections": [s.model_dump(mode="json") for s in report.sections],
        "coverage": [c.model_dump(mode="json") for c in report.coverage],
        "reason": report.reason.model_dump(mode="json") if report.reason else None,
        "stats": report.stats.model_dump(mode="json") if report.stats else None,
    }
