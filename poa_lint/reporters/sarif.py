"""SARIF 2.1.0 output, the format GitHub code scanning (and many IDEs) ingest.

Only the parts of SARIF that consumers actually read are produced, but what is produced is
spec-conformant: 1-based lines and columns, exclusive ``endColumn``, ``columnKind`` set to
``unicodeCodePoints`` because offsets are Python ``str`` indexes, and relative URIs anchored
on ``%SRCROOT%`` so that GitHub can map results onto files in the repository.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._version import __version__
from ..models import Finding, Report, Severity
from ..safe_text import safe_json
from ..texts import N_
from .base import Reporter

if TYPE_CHECKING:
    from ..catalog import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/poa-lint/poa-lint"
STDIN_URI = "stdin"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}
"""SARIF has no "info" level; "note" is its lowest level that is still shown to users."""

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)", re.DOTALL)
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
# RFC 3986 pchar characters and "/" stay as they are; everything else (spaces, non-ASCII,
# "%", "#", "?") is percent-encoded, because a SARIF uri must be a valid URI reference.
_URI_SAFE = "/-._~!$&'()*+,;=:@"


class SarifReporter(Reporter):
    """Buffers results and writes a single-run SARIF log in :meth:`finish`."""

    needs_rules = True

    def _start(self) -> None:
        self._descriptors: list[dict[str, Any]] = [rule_descriptor(r) for r in self.rules]
        self._rule_index: dict[str, int] = {r.code: i for i, r in enumerate(self.rules)}
        self._results: list[dict[str, Any]] = []
        self._notifications: list[dict[str, Any]] = []
        self._fingerprints: Counter[str] = Counter()
        self._verdicts: list[dict[str, Any]] = []

    def handle(self, report: Report) -> None:
        self.count(report)
        report = self.localized(report)  # messages in the reader's language; ids stay English
        if report.verdict is not None:
            self._verdicts.append(
                {
                    "artifactLocation": artifact_location(report.path),
                    "verdict": report.verdict.status,
                    "reason": report.verdict.reason,
                    "codes": list(report.verdict.codes),
                }
            )
        for finding in report.findings:
            self._results.append(self._result(report.path, finding))

    def _index_of(self, finding: Finding) -> int:
        """The finding's rule in ``driver.rules``, adding a minimal descriptor if missing.

        Every ``ruleId`` must resolve to a descriptor (GitHub rejects the upload otherwise),
        so a finding from a rule the caller did not pass in (e.g. a plugin rule) still gets
        one rather than producing an invalid log.
        """
        index = self._rule_index.get(finding.code)
        if index is None:
            index = len(self._descriptors)
            self._rule_index[finding.code] = index
            self._descriptors.append(
                {
                    "id": finding.code,
                    "name": finding.name,
                    "shortDescription": {"text": finding.name},
                    "defaultConfiguration": {"level": LEVELS[finding.severity]},
                    "properties": {
                        "category": finding.category.value,
                        "tags": [finding.category.value],
                    },
                }
            )
        return index

    def _result(self, path: str | None, finding: Finding) -> dict[str, Any]:
        location = artifact_location(path)
        text = finding.message
        if finding.suggestion:
            text += " " + self.tr(N_("Suggestion: {suggestion}"), suggestion=finding.suggestion)
        physical: dict[str, Any] = {"artifactLocation": location}
        if finding.scope != "letter":  # a whole-letter finding locates the file, no region
            physical["region"] = {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
                "charOffset": finding.start,
                "charLength": max(0, finding.end - finding.start),
            }
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": self._index_of(finding),
            "level": LEVELS[finding.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {
                "primaryLocationLineHash": self._fingerprint(
                    finding.code, location["uri"], finding.excerpt
                )
            },
        }
        properties: dict[str, Any] = {}
        if finding.paragraph is not None:
            # Lines of a .docx are lines of the *extracted* text; the paragraph number is
            # what a person opening the document in Word can actually find.
            properties["paragraph"] = finding.paragraph
        if finding.count > 1:
            properties["count"] = finding.count
        if properties:
            result["properties"] = properties
        return result

    def _fingerprint(self, code: str, uri: str, excerpt: str) -> str:
        """A hash that survives edits elsewhere in the letter, so alerts are not re-opened.

        It deliberately ignores line numbers (which shift when a paragraph is added above).
        The ``:n`` suffix, as in GitHub's own fingerprints, tells identical excerpts in the
        same file apart.
        """
        digest = hashlib.sha256("\0".join((code, uri, excerpt)).encode("utf-8")).hexdigest()[:16]
        self._fingerprints[digest] += 1
        return f"{digest}:{self._fingerprints[digest]}"

    def error(self, path: str, message: str) -> None:
        super().error(path, message)
        self._notifications.append(
            {
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
            }
        )

    def finish(self) -> None:
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "poa-lint",
                            "version": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": self._descriptors,
                        }
                    },
                    "results": self._results,
                    "invocations": [
                        {
                            "executionSuccessful": self.errors == 0,
                            "toolExecutionNotifications": self._notifications,
                        }
                    ],
                    "columnKind": "unicodeCodePoints",
                    # Each letter's verdict (ready / revise / will be rejected) and why.
                    "properties": {"verdicts": self._verdicts},
                }
            ],
        }
        self.stream.write(safe_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one catalogue rule.

    ``name`` is the rule's kebab-case name as written in the catalogue (the same name users
    type in ``--ignore`` and in config files), not a PascalCase rendering.
    """
    level = LEVELS[rule.severity]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first_sentence(rule.rationale) or rule.name},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nMore: {rule.link}",
            "markdown": f"{rule.rationale}\n\n[{rule.code} {rule.name}]({rule.link})",
        },
        "helpUri": rule.link,
        "defaultConfiguration": {"level": level},
        "properties": {"category": rule.category.value, "tags": [rule.category.value]},
    }


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (or all of it when it has no sentence end), stripped."""
    text = " ".join(text.split())
    match = _FIRST_SENTENCE.match(text)
    return match.group(1) if match else text


def artifact_location(path: str | None) -> dict[str, str]:
    """An ``artifactLocation`` for a letter path as the user gave it.

    Relative paths stay relative (GitHub resolves them against the repository root through
    ``%SRCROOT%``); backslashes become ``/`` so Windows runs produce the same URIs. An
    absolute path cannot be relative to ``%SRCROOT%``, so it becomes a ``file://`` URI with
    no base instead of an invalid combination.
    """
    if path is None:
        return {"uri": STDIN_URI, "uriBaseId": "%SRCROOT%"}
    posix = path.replace("\\", "/")
    if posix.startswith("/") or _WINDOWS_DRIVE.match(posix):
        absolute = posix if posix.startswith("/") else "/" + posix
        return {"uri": "file://" + quote(absolute, safe=_URI_SAFE)}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe=_URI_SAFE), "uriBaseId": "%SRCROOT%"}
