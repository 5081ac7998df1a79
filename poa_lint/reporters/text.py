"""Human-readable output, one line per finding, in the ``path:line:col:`` shape editors jump to.

The ``path:line:col: CODE`` prefix is the de-facto convention of compilers and linters, so
Vim's quickfix, Emacs' compilation mode and VS Code's problem matchers understand it
without configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..safe_text import safe
from ..severity import Severity
from .base import Reporter, display_path

if TYPE_CHECKING:
    from ..models import CoverageRow, Finding, Report, SectionInfo

_RESET = "\033[0m"
_BOLD = "\033[1m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\033[31m",  # red
    Severity.WARNING: "\033[33m",  # yellow
    Severity.INFO: "\033[36m",  # cyan
}
_VERDICT_COLORS = {
    "ready": "\033[32m",  # green
    "revise": _SEVERITY_COLORS[Severity.WARNING],
    "will be rejected": _SEVERITY_COLORS[Severity.ERROR],
}
_NONE = "— none"


_TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def _where(path: str, finding: Finding) -> str:
    """``line:column:``, or `` paragraph N:`` for a Word letter: Word shows no line
    numbers, and its paragraphs are what a writer can find (the JSON keeps both)."""
    if finding.paragraph is not None and not path.lower().endswith(_TEXT_SUFFIXES):
        return f" paragraph {finding.paragraph}:"
    return f"{finding.line}:{finding.column}:"


class TextReporter(Reporter):
    """Prints findings as they arrive and a summary line at the end."""

    def _style(self, text: str, code: str) -> str:
        # Colour is opt-in (the CLI decides from --color and isatty) so that piped output
        # and tests never contain escape codes.
        return f"{code}{text}{_RESET}" if self.color else text

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")

    def handle(self, report: Report) -> None:
        # Everything that comes from a letter, a file name or the cache goes through
        # safe(): control characters are printed as escapes, never sent to the terminal.
        self.count(report)
        path = safe(display_path(report.path))
        for finding in report.findings:
            self._write_finding(path, finding)
        verdict = report.verdict
        if verdict is not None and (report.findings or verdict.status != "ready"):
            # The line a consultant reads first: what to do with the letter, and why.
            status = self._style(verdict.status, _VERDICT_COLORS[verdict.status])
            self._write(f"{self._style(path + ':', _BOLD)} verdict: {status} — {verdict.reason}")
        if report.reason is not None and report.reason.source == "detected" and not self.quiet:
            # The reason shapes several rules (POA503, POA703): say when it was a guess.
            self._write(
                f"{path}: note: checked against the reason {safe(report.reason.id)!r} "
                f"({safe(report.reason.name)}), detected from the letter; set it with --reason "
                "or --notice"
            )
        if self.show_coverage:
            self._write_sections(path, report.sections)
            self._write_coverage(path, report.coverage)

    def _write_finding(self, path: str, finding: Finding) -> None:
        # A finding about the whole letter has no line to jump to: "path:" alone says so.
        where = "" if finding.scope == "letter" else _where(path, finding)
        location = self._style(f"{path}:{where}", _BOLD)
        code = self._style(safe(finding.code), _BOLD)
        severity = self._style(f"[{finding.severity.value}]", _SEVERITY_COLORS[finding.severity])
        times = f" (×{finding.count} in this paragraph or list)" if finding.count > 1 else ""
        self._write(f"{location} {code} {severity} {safe(finding.message)}{times}")
        if finding.suggestion:
            self._write(f"    suggestion: {safe(finding.suggestion)}")

    def _write_sections(self, path: str, sections: tuple[SectionInfo, ...]) -> None:
        self._write(self._style(f"{path}: sections", _BOLD))
        if not sections:
            self._write(f"    {_NONE}")
            return
        width = max(len(s.kind) for s in sections)
        for section in sections:
            lines = (
                f"line {section.line}"
                if section.line == section.end_line
                else f"lines {section.line}-{section.end_line}"
            )
            how = f"found by {section.found_by}"
            if section.heading:
                how += f' "{safe(section.heading)}"'
            self._write(f"    {section.kind:<{width}}  {lines}  ({how})")

    def _write_coverage(self, path: str, rows: tuple[CoverageRow, ...]) -> None:
        self._write(self._style(f"{path}: coverage", _BOLD))
        if not rows:
            self._write(f"    {_NONE}")
            return
        for row in rows:
            self._write(f"    line {row.line}: {safe(row.cause)}")
            self._write(f"        corrective: {safe('; '.join(row.corrective)) or _NONE}")
            self._write(f"        preventive: {safe('; '.join(row.preventive)) or _NONE}")

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        # Same stream as findings: a reader of the output must see that a file was skipped.
        label = self._style("error:", _SEVERITY_COLORS[Severity.ERROR])
        self._write(f"{self._style(safe(path) + ':', _BOLD)} {label} {safe(message)}")

    def finish(self) -> None:
        if self.should_print_summary():
            self._write(self._style(self.summary(), _BOLD) if self.findings else self.summary())
