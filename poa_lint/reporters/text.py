"""Human-readable output, one line per finding, in the ``path:line:col:`` shape editors jump to.

The ``path:line:col: CODE`` prefix is the de-facto convention of compilers and linters, so
Vim's quickfix, Emacs' compilation mode and VS Code's problem matchers understand it
without configuration.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..i18n import FOUND_BY_WORDS, PART_WORDS, SEVERITY_WORDS, VERDICT_WORDS
from ..safe_text import safe
from ..severity import Severity
from ..texts import N_
from .base import Reporter, display_path

if TYPE_CHECKING:
    from ..i18n import Translator
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
_NONE = N_("— none")


_TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def _where(path: str, finding: Finding, tr: Translator) -> str:
    """``line:column:``, or `` paragraph N:`` for a Word letter: Word shows no line
    numbers, and its paragraphs are what a writer can find (the JSON keeps both)."""
    if finding.paragraph is not None and not path.lower().endswith(_TEXT_SUFFIXES):
        return " " + tr(N_("paragraph {number}:"), number=finding.paragraph)
    return f"{finding.line}:{finding.column}:"


class TextReporter(Reporter):
    """Prints findings as they arrive and a summary line at the end."""

    reads_stored = True

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
        report = self.localized(report)
        tr = self.tr
        path = safe(display_path(report.path))
        for finding in report.findings:
            self._write_finding(path, finding)
        verdict = report.verdict
        if verdict is not None and (report.findings or verdict.status != "ready"):
            # The line a consultant reads first: what to do with the letter, and why.
            status = self._style(
                tr.word(VERDICT_WORDS, verdict.status), _VERDICT_COLORS[verdict.status]
            )
            line = tr(N_("verdict: {status} — {reason}"), status=status, reason=verdict.reason)
            self._write(f"{self._style(path + ':', _BOLD)} {line}")
        if report.reason is not None and report.reason.source == "detected" and not self.quiet:
            # The reason shapes several rules (POA503, POA703): say when it was a guess.
            note = tr(
                N_(
                    "note: checked against the reason {id} ({name}), detected from the "
                    "letter; set it with --reason or --notice"
                ),
                id=repr(safe(report.reason.id)),
                name=safe(tr.gettext(report.reason.name)),
            )
            self._write(f"{path}: {note}")
        if self.show_coverage:
            self._write_sections(path, report.sections)
            self._write_coverage(path, report.coverage)

    def _write_finding(self, path: str, finding: Finding) -> None:
        # A finding about the whole letter has no line to jump to: "path:" alone says so.
        where = f"{path}:"
        if finding.scope != "letter":
            where += _where(path, finding, self.tr)
        location = self._style(where, _BOLD)
        code = self._style(safe(finding.code), _BOLD)
        word = self.tr.word(SEVERITY_WORDS, finding.severity.value)
        severity = self._style(f"[{word}]", _SEVERITY_COLORS[finding.severity])
        times = ""
        if finding.count > 1:
            times = " " + self.tr(
                N_("(×{count} in this paragraph or list)"), count=finding.count
            )
        self._write(f"{location} {code} {severity} {safe(finding.message)}{times}")
        if finding.suggestion:
            advice = self.tr(N_("suggestion: {suggestion}"), suggestion=finding.suggestion)
            self._write(f"    {safe(advice)}")

    def _write_sections(self, path: str, sections: tuple[SectionInfo, ...]) -> None:
        tr = self.tr
        title = tr.gettext("sections")
        self._write(self._style(f"{path}: {title}", _BOLD))
        if not sections:
            self._write(f"    {tr.gettext(_NONE)}")
            return
        # English shows the kinds as the JSON names them (root_cause); others in words
        kinds = {
            s.kind: s.kind if tr.lang == "en" else tr.word(PART_WORDS, s.kind) for s in sections
        }
        width = max(_width(k) for k in kinds.values())
        for section in sections:
            lines = (
                tr(N_("line {line}"), line=section.line)
                if section.line == section.end_line
                else tr(N_("lines {start}-{end}"), start=section.line, end=section.end_line)
            )
            found_by = tr.word(FOUND_BY_WORDS, section.found_by)
            how = (
                tr(N_('(found by {how} "{heading}")'), how=found_by, heading=section.heading)
                if section.heading
                else tr(N_("(found by {how})"), how=found_by)
            )
            kind = kinds[section.kind]
            self._write(f"    {kind}{' ' * (width - _width(kind))}  {lines}  {safe(how)}")

    def _write_coverage(self, path: str, rows: tuple[CoverageRow, ...]) -> None:
        tr = self.tr
        none = tr.gettext(_NONE)
        title = tr.gettext("coverage")
        self._write(self._style(f"{path}: {title}", _BOLD))
        if not rows:
            self._write(f"    {none}")
            return
        for row in rows:
            cause = tr(N_("line {line}: {cause}"), line=row.line, cause=row.cause)
            corrective = tr(N_("corrective: {actions}"), actions="; ".join(row.corrective) or none)
            preventive = tr(N_("preventive: {actions}"), actions="; ".join(row.preventive) or none)
            self._write(f"    {safe(cause)}")
            self._write(f"        {safe(corrective)}")
            self._write(f"        {safe(preventive)}")

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        # Same stream as findings: a reader of the output must see that a file was skipped.
        label = self._style(self.tr.gettext("error:"), _SEVERITY_COLORS[Severity.ERROR])
        self._write(f"{self._style(safe(path) + ':', _BOLD)} {label} {safe(message)}")

    def finish(self) -> None:
        if self.should_print_summary():
            self._write(self._style(self.summary(), _BOLD) if self.findings else self.summary())


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
