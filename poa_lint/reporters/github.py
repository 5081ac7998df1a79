"""GitHub Actions workflow commands: findings become annotations on the pull request diff.

See "Workflow commands for GitHub Actions" in the GitHub docs. The runner parses each line
of stdout that starts with ``::``; values must be escaped or a ``,`` in a path, or a newline
in a message, silently truncates the annotation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..safe_text import safe as _safe
from ..severity import Severity
from ..texts import N_
from .base import Reporter

if TYPE_CHECKING:
    from ..models import Finding, Report

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    """Escape the message part of a workflow command (after the second ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=...``), where ``:`` and ``,`` are also delimiters."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    """Render ``::name key=value,...::message`` with everything escaped. Property values
    (a path, a rule's name) have their control characters made visible first (see
    :func:`safe`); callers do the same for the message."""
    props = ",".join(
        f"{key}={escape_property(safe(str(value)))}" for key, value in properties.items()
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def safe(text: str) -> str:
    """Control characters from a letter or the cache made visible
    (:func:`poa_lint.safe_text.safe`), except line breaks, which the workflow command
    encodes as ``%0D``/``%0A``."""
    return _safe(text, keep_line_breaks=True)


class GithubReporter(Reporter):
    """Prints one annotation per finding and the plain summary line at the end."""

    reads_stored = True

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")

    def handle(self, report: Report) -> None:
        self.count(report)
        report = self.localized(report)
        for finding in report.findings:
            self._write(self._annotation(report.path, finding))

    def _annotation(self, path: str | None, finding: Finding) -> str:
        properties: dict[str, str | int] = {}
        if path is not None:
            # A letter from stdin has no file to attach to; GitHub then shows the
            # annotation on the workflow run instead of on a file.
            properties["file"] = path.replace("\\", "/")
        if finding.scope != "letter":  # a whole-letter finding annotates the file itself
            properties.update(
                line=finding.line,
                col=finding.column,
                endLine=finding.end_line,
                endColumn=finding.end_column,
            )
        properties["title"] = f"{finding.code} {finding.name}"
        message = safe(finding.message)
        if finding.suggestion:
            message += "\n" + safe(
                self.tr(N_("Suggestion: {suggestion}"), suggestion=finding.suggestion)
            )
        return command(COMMANDS[finding.severity], properties, message)

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        self._write(command("error", {"file": path.replace("\\", "/")}, safe(message)))

    def finish(self) -> None:
        if self.should_print_summary():
            self._write(self.summary())
