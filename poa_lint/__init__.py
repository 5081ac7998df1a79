"""poa-lint: check Amazon Plan of Action appeal letters before they are sent.

The public API is what this module exports; everything else is internal::

    from poa_lint import lint
    report = lint(text, reason="odr")
    for finding in report.findings:
        print(finding.line, finding.code, finding.message)

Importing this package is cheap: spaCy is loaded on the first ``lint()`` call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Config, load_config_file
from .errors import CatalogError, ConfigError, InputError, ModelError, PoaLintError
from .models import (
    Category,
    CoverageRow,
    Finding,
    LetterStats,
    ReasonInfo,
    Report,
    SectionInfo,
    Severity,
)

if TYPE_CHECKING:
    from .api import lint, lint_file

__all__ = [
    "CatalogError",
    "Category",
    "Config",
    "ConfigError",
    "CoverageRow",
    "Finding",
    "InputError",
    "LetterStats",
    "ModelError",
    "PoaLintError",
    "ReasonInfo",
    "Report",
    "SectionInfo",
    "Severity",
    "__version__",
    "lint",
    "lint_file",
    "load_config_file",
]


def __getattr__(name: str) -> Any:
    # lint/lint_file live in api.py, which pulls in the engine; load it on first use only.
    if name in {"lint", "lint_file"}:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'poa_lint' has no attribute {name!r}")
