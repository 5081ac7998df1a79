"""Output formats. The core never imports this package; the CLI picks a reporter by name.

Each format lives in its own module and implements :class:`~poa_lint.reporters.base.Reporter`.
``REPORTERS`` is read-only so that importing code cannot register or replace a format at
run time behind the CLI's back. The format modules are imported on first use: the text
reporter must load without pydantic for a fully cached run (:mod:`poa_lint.cli.route`),
and the JSON and SARIF reporters import the pydantic models.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .base import Reporter

if TYPE_CHECKING:
    from .github import GithubReporter
    from .html import HtmlReporter
    from .json_format import JsonReporter
    from .sarif import SarifReporter
    from .text import TextReporter

#: --format name → (module, class name)
_FORMATS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "text": ("text", "TextReporter"),
        "json": ("json_format", "JsonReporter"),
        "sarif": ("sarif", "SarifReporter"),
        "github": ("github", "GithubReporter"),
        "html": ("html", "HtmlReporter"),
    }
)


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class for a ``--format`` name; ``ValueError`` names the valid choices."""
    try:
        module, cls = _FORMATS[name]
    except KeyError:
        valid = ", ".join(sorted(_FORMATS))
        raise ValueError(f"unknown output format {name!r}; choose one of: {valid}") from None
    reporter: type[Reporter] = getattr(import_module(f".{module}", __name__), cls)
    return reporter


def __getattr__(name: str) -> Any:
    """``REPORTERS`` and the reporter classes, imported when first asked for."""
    if name == "REPORTERS":
        return MappingProxyType({fmt: get_reporter(fmt) for fmt in _FORMATS})
    for module, cls in _FORMATS.values():
        if name == cls:
            return getattr(import_module(f".{module}", __name__), cls)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


REPORTERS: Mapping[str, type[Reporter]]

__all__ = [
    "REPORTERS",
    "GithubReporter",
    "HtmlReporter",
    "JsonReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
]
