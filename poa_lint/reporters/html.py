"""A self-contained HTML report: one file to open in a browser or send to a client.

It shows what the local web page shows, from the same templates (``poa_lint/web``): a
summary table (file, verdict, counts), then each letter with its findings highlighted in
place, the parts found, the cause → action matrix and the verdict. The stylesheet and the
small script are inlined, so the file makes no request to anything when it is opened.

The report needs each letter's text, which a :class:`~poa_lint.models.Report` does not
carry: the CLI hands it over with :meth:`HtmlReporter.letter_text` (``needs_text``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Reporter, display_path

if TYPE_CHECKING:
    from ..models import Report
    from ..web.render import LetterView


class HtmlReporter(Reporter):
    """Buffers every letter and writes one HTML document in :meth:`finish`."""

    needs_rules = True  # for the links to each rule's documentation
    needs_text = True

    def _start(self) -> None:
        self._links = {rule.code: rule.link for rule in self.rules}
        self._texts: dict[str | None, str] = {}
        self._views: list[LetterView] = []
        self._errors: list[tuple[str, str]] = []

    def letter_text(self, path: str | None, text: str) -> None:
        """The text a report's offsets point into (what the reader extracted)."""
        self._texts[path] = text

    def handle(self, report: Report) -> None:
        from ..web.render import letter_view

        self.count(report)
        self._views.append(
            letter_view(
                report,
                self._texts.pop(report.path, ""),
                self.tr,
                key=f"l{len(self._views) + 1}",
                title=display_path(report.path),
                links=self._links,
            )
        )

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        self._errors.append((path, message))

    def finish(self) -> None:
        from ..web.render import render_document

        self.stream.write(render_document(self._views, self.tr.lang, errors=self._errors))
