"""Severity, category and the JSON schema version, in a module of their own: a run the cache
answers, the reporters and the rule catalogue need them without building the report models
(or, for a cached run, importing pydantic at all; see :mod:`poa_lint.cli.route`)."""

from __future__ import annotations

from enum import Enum

#: Version of the ``--format json`` document (docs/json-output.md).
JSON_SCHEMA_VERSION = 1


class Severity(str, Enum):
    """How much a finding matters. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def fails(errors: int, warnings: int, infos: int, fail_on: Severity) -> bool:
    """Whether a letter with these counts (its verdict's) makes the exit code 1.

    ``fail-on error`` fails a letter that will be rejected, ``warning`` also one to revise,
    ``info`` any letter with a finding. Kept here, free of pydantic, because a cached run
    decides exit codes from stored verdicts too.
    """
    if fail_on is Severity.ERROR:
        return errors > 0
    if fail_on is Severity.WARNING:
        return errors + warnings > 0
    return errors + warnings + infos > 0


class Category(str, Enum):
    """The families of the rule catalogue; the first digit of a code names the family."""

    STRUCTURE = "structure"  # POA1xx
    TONE = "tone"  # POA2xx
    MEASURES = "measures"  # POA3xx
    CONCISENESS = "conciseness"  # POA4xx
    RELEVANCE = "relevance"  # POA5xx
    COVERAGE = "coverage"  # POA6xx
    HYGIENE = "hygiene"  # POA7xx
    FORM = "form"  # POA8xx


__all__ = ["JSON_SCHEMA_VERSION", "Category", "Severity", "fails"]
