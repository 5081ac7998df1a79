"""``--statistics``: how often each rule fired over the run, instead of every finding.

As ruff's ``--statistics``: one line per rule with at least one finding, most frequent
first, so an agency sees at a glance what its writers get wrong most. With ``--format json``
the same table is a JSON list. Files that could not be read are still listed, and the text
form ends with the usual summary line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..i18n import DEFAULT
from ..severity import Severity
from .base import Reporter

if TYPE_CHECKING:
    from ..catalog import Rule
    from ..models import Report


class StatisticsReporter(Reporter):
    """Counts findings per rule and prints the table in :meth:`finish`."""

    reads_stored = True

    def __init__(
        self,
        stream: TextIO,
        *,
        rules: Sequence[Rule],
        show_coverage: bool = False,
        quiet: bool = False,
        color: bool = False,
        as_json: bool = False,
        lang: str = DEFAULT,
    ) -> None:
        super().__init__(
            stream, rules=rules, show_coverage=show_coverage, quiet=quiet, color=color, lang=lang
        )
        self.as_json = as_json
        self._counts: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._severity: dict[str, Severity] = {}
        self._errors: list[tuple[str, str]] = []

    def handle(self, report: Report) -> None:
        self.count(report)
        for finding in report.findings:
            code = finding.code
            self._counts[code] = self._counts.get(code, 0) + 1
            self._names[code] = finding.name
            known = self._severity.get(code)
            self._severity[code] = (
                finding.severity if known is None else max(known, finding.severity)
            )

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        self._errors.append((path, message))

    def rows(self) -> list[tuple[int, str, str, Severity]]:
        """(count, code, name, most severe severity seen), most frequent first."""
        return sorted(
            (
                (n, code, self._names[code], self._severity[code])
                for code, n in self._counts.items()
            ),
            key=lambda row: (-row[0], row[1]),
        )

    def finish(self) -> None:
        rows = self.rows()
        if self.as_json:
            data = {
                "rules": [
                    {"code": code, "name": name, "severity": severity.value, "count": count}
                    for count, code, name, severity in rows
                ],
                "errors": [{"path": path, "message": message} for path, message in self._errors],
            }
            self.stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            return
        width = max((len(str(row[0])) for row in rows), default=1)
        name_width = max((len(row[2]) for row in rows), default=1)
        for count, code, name, severity in rows:
            self.stream.write(
                f"{count:>{width}}  {code}  {name:<{name_width}}  [{severity.value}]\n"
            )
        for path, message in self._errors:
            self.stream.write(f"{path}: error: {message}\n")
        if self.should_print_summary():
            self.stream.write(self.summary() + "\n")
