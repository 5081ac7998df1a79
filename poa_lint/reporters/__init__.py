"""Output formats. The core never imports this package; the CLI picks a reporter by name.

Each format lives in its own module and implements :class:`~poa_lint.reporters.base.Reporter`.
``REPORTERS`` is read-only so that importing code cannot register or replace a format at
run time behind the CLI's back.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .base import Reporter
from .github import GithubReporter
from .json_format import JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS: Mapping[str, type[Reporter]] = MappingProxyType(
    {
        "text": TextReporter,
        "json": JsonReporter,
        "sarif": SarifReporter,
        "github": GithubReporter,
    }
)


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class for a ``--format`` name; ``ValueError`` names the valid choices."""
    try:
        return REPORTERS[name]
    except KeyError:
        valid = ", ".join(sorted(REPORTERS))
        raise ValueError(f"unknown output format {name!r}; choose one of: {valid}") from None


__all__ = [
    "REPORTERS",
    "GithubReporter",
    "JsonReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
]
