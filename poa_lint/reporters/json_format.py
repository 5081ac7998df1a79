"""Machine-readable output: one JSON document for the whole run (wire format "schema 1").

The format is documented in ``docs/json-output.md`` and is a compatibility promise: within
schema 1 fields are only ever added; removing or renaming one bumps ``schema``. Field order
follows the pydantic models and nothing time- or machine-dependent is written, so identical
input gives byte-identical output (handy for golden-file tests and caching in CI).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..safe_text import safe_json
from ..severity import JSON_SCHEMA_VERSION
from ..stored import TEMPLATE_FIELDS, public_entry
from .base import SEVERITY_ORDER, Reporter

if TYPE_CHECKING:
    from ..models import Report
    from ..stored import StoredReport

__all__ = ["TEMPLATE_FIELDS", "JsonReporter", "file_entry", "public_entry"]


class JsonReporter(Reporter):
    """Buffers every report and writes the document in :meth:`finish`.

    Buffering is required: a consumer must receive either a complete, parseable document or
    nothing, never a prefix of one.
    """

    reads_stored = True

    def _start(self) -> None:
        self._files: list[dict[str, Any]] = []
        self._errors: list[dict[str, str]] = []

    def handle(self, report: Report) -> None:
        self.count(report)
        # Codes, names and values stay English; messages are in the reader's language.
        self._files.append(file_entry(self.localized(report)))

    def handle_stored(self, report: StoredReport) -> None:
        """A report the cache answered with: its stored JSON is the report's
        :func:`file_entry`, so it is written as it is."""
        self.count(report)  # type: ignore[arg-type]  # it has what count() reads
        self._files.append(report.entry)

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
