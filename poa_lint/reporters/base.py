"""The reporter contract shared by every output format.

poa-lint separates *finding* problems from *printing* them, the way flake8 separates checks
from formatters: the core produces :class:`~poa_lint.models.Report` objects and never imports
this package; the CLI picks a reporter by name and feeds it. A reporter therefore sees only
what it is handed, which is why it keeps its own counts for the run summary instead of asking
the core for them.

Findings arrive already filtered (by ``--select``, ``--ignore``, ``per-file-ignores``,
severity threshold, ``--baseline``). Reporters must not filter again: what they are handed
is what the user asked to see. The report's verdict was decided on every finding, before
any were hidden.

Reports arrive in English; a reporter made for another language (``lang``) words them in it
through :meth:`Reporter.localized` and :attr:`Reporter.tr` (:mod:`poa_lint.i18n`).
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO, cast

from ..i18n import DEFAULT, VERDICT_WORDS, Translator, translator
from ..severity import Severity
from ..texts import N_, Template, counted, listing, message, sentences

if TYPE_CHECKING:
    from ..catalog import Rule
    from ..models import Report
    from ..stored import StoredReport

STDIN_NAME = "<stdin>"
"""How a letter without a path (read from stdin or passed as a string) is named in text output."""


class Reporter(abc.ABC):
    """Lifecycle: start() once, handle(report) per letter, error(path, message) per
    unreadable file, finish() once.

    Streaming formats (text, github) write as they go so long runs show progress; document
    formats (json, sarif) buffer and write everything in :meth:`finish`, because a half
    written document is not valid JSON.
    """

    #: Whether the format lists the rule catalogue (SARIF's ``driver.rules``). The others
    #: are given no rules, so a fully cached run never reads the catalogue.
    needs_rules = False
    #: Whether the format shows the letter itself (HTML): the CLI then hands each letter's
    #: text to :meth:`letter_text` before its report.
    needs_text = False
    #: Whether the format writes all it shows from what a cached report keeps without
    #: pydantic (:class:`~poa_lint.stored.StoredReport`; in English, without coverage):
    #: the run then hands it cached reports through :meth:`handle_stored`.
    reads_stored = False

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
        self.stream = stream
        #: Words every message in the reader's language (English: the messages as they are).
        self.tr: Translator = translator(lang)
        # A tuple so that rule indexes (SARIF ``ruleIndex``) cannot shift under our feet.
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.show_coverage = show_coverage
        self.quiet = quiet
        self.color = color
        #: Letters handled (successfully read and checked).
        self.files = 0
        #: Letters that had at least one finding.
        self.files_with_findings = 0
        #: Files that could not be read.
        self.errors = 0
        #: Findings per severity, over the whole run.
        self.by_severity: dict[Severity, int] = {s: 0 for s in SEVERITY_ORDER}
        #: Letters per verdict ("ready", "revise", "will be rejected").
        self.verdicts: dict[str, int] = {v: 0 for v in VERDICT_ORDER}
        self._start()

    def _start(self) -> None:  # noqa: B027 - a hook: most formats keep no state of their own
        """Set up the format's own state (what a document format buffers until
        :meth:`finish`): called once the common settings above are in place, so a format
        does not repeat the constructor's signature to add a few fields."""

    @property
    def findings(self) -> int:
        """Total findings over the whole run."""
        return sum(self.by_severity.values())

    def letter_text(self, path: str | None, text: str) -> None:  # noqa: B027 - optional hook
        """The text of the letter at ``path``, for formats that show it (``needs_text``)."""

    def start(self) -> None:  # noqa: B027 - an optional hook, empty on purpose
        """Called once before the first letter. Most formats have nothing to do here."""

    @abc.abstractmethod
    def handle(self, report: Report) -> None:
        """Output (or buffer) one letter's report. Subclasses must call :meth:`count`."""

    def handle_stored(self, report: StoredReport) -> None:
        """Output one letter's report as the cache answered it (see :attr:`reads_stored`).
        A stored report carries, under the same names, every attribute of a Report that a
        format reading stored reports uses."""
        self.handle(cast("Report", report))

    def error(self, path: str, message: str) -> None:
        """Record a file that could not be read. Subclasses extend this to print it."""
        self.errors += 1

    def finish(self) -> None:  # noqa: B027 - an optional hook, empty on purpose
        """Called once after the last letter; document formats write their output here."""

    def localized(self, report: Report) -> Report:
        """The report in the reader's language (itself, in English)."""
        return report if self.tr.lang == DEFAULT else self.tr.localize(report)

    def count(self, report: Report) -> None:
        """Update the run totals with one report (kept here so every format counts alike)."""
        self.files += 1
        if report.findings:
            self.files_with_findings += 1
        for finding in report.findings:
            self.by_severity[finding.severity] += 1
        if report.verdict is not None:
            self.verdicts[report.verdict.status] += 1

    def summary(self) -> str:
        """The one-line, human-readable verdict on the run, shared by text and github output.

        Severity words are listed most severe first and only when non-zero; "info" is used as
        an uncountable noun ("3 info"), matching the severity's name.
        """
        return self.tr.render(self.summary_template())

    def summary_template(self) -> Template:
        """:meth:`summary` before it is worded."""
        problems = self.findings
        said: list[str | Template] = []
        if problems:
            parts: list[str | Template] = [
                _severity_count(s, self.by_severity[s])
                for s in SEVERITY_ORDER
                if self.by_severity[s]
            ]
            checked = counted(
                "{with_findings} of {count} file",
                "{with_findings} of {count} files",
                self.files,
                with_findings=self.files_with_findings,
            )
            said.append(
                counted(
                    "Found {count} problem ({severities}) in {checked}.",
                    "Found {count} problems ({severities}) in {checked}.",
                    problems,
                    severities=listing(parts),
                    checked=checked,
                )
            )
        elif self.files == 0:
            said.append(Template(N_("No files were checked.")))
        elif self.files == 1:
            said.append(Template(N_("1 file looks good.")))
        else:
            said.append(message(N_("All {count} files look good."), count=self.files))
        judged = [(v, n) for v, n in self.verdicts.items() if n]
        if [v for v, _ in judged] == ["ready"] and not problems:
            judged = []  # "All 2 files look good." says it already
        if len(judged) == 1 and judged[0][1] == 1:
            said.append(message(N_("Verdict: {verdict}."), verdict=_verdict(judged[0][0])))
        elif judged:
            each: list[str | Template] = [
                message(N_("{count} {verdict}"), count=n, verdict=_verdict(v)) for v, n in judged
            ]
            said.append(message(N_("Verdicts: {verdicts}."), verdicts=listing(each)))
        if self.errors:
            said.append(
                counted(
                    "{count} file could not be read.",
                    "{count} files could not be read.",
                    self.errors,
                )
            )
        worded = sentences(said)
        return worded if isinstance(worded, Template) else Template(worded)

    def should_print_summary(self) -> bool:
        """``quiet`` hides the summary only when there is nothing to report at all."""
        return not (self.quiet and self.findings == 0 and self.errors == 0)


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
VERDICT_ORDER = ("ready", "revise", "will be rejected")


def _severity_count(severity: Severity, count: int) -> Template:
    """``2 errors``, ``1 warning``, ``3 info`` ("info" is uncountable, like the severity)."""
    if severity is Severity.ERROR:
        return counted("{count} error", "{count} errors", count)
    if severity is Severity.WARNING:
        return counted("{count} warning", "{count} warnings", count)
    return counted("{count} info", "{count} info", count)


def _verdict(status: str) -> Template:
    return Template(VERDICT_WORDS.get(status, status))


def display_path(path: str | None) -> str:
    """The name a letter is shown under in human-facing output."""
    return STDIN_NAME if path is None else path
