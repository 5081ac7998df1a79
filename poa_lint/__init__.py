"""poa-lint: check Amazon Plan of Action appeal letters before they are sent.

The public API is what this module exports; everything else is internal::

    from poa_lint import lint
    report = lint(text, reason="odr")
    for finding in report.findings:
        print(finding.line, finding.code, finding.message)

    from poa_lint import Linter             # a long-lived process: prepare once
    linter = Linter()
    report = linter.lint(text)              # then one text per call
    reports = linter.lint_many(texts)       # or many, parsed together

Importing this package is cheap: spaCy is loaded on the first ``lint()`` call, and even
pydantic only when a model or the config is first used (so ``poa-lint --version`` and
``--help`` start fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import CatalogError, ConfigError, InputError, ModelError, PoaLintError

if TYPE_CHECKING:
    from .api import lint, lint_file
    from .config import Config, load_config_file
    from .linter import Linter, lint_many
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

# Public names and the module that defines them, imported on first access (PEP 562).
_LAZY = {
    "lint": "api",
    "lint_file": "api",
    "Linter": "linter",
    "lint_many": "linter",
    "Config": "config",
    "load_config_file": "config",
    "Category": "models",
    "CoverageRow": "models",
    "Finding": "models",
    "LetterStats": "models",
    "ReasonInfo": "models",
    "Report": "models",
    "SectionInfo": "models",
    "Severity": "models",
}

__all__ = [
    "CatalogError",
    "Category",
    "Config",
    "ConfigError",
    "CoverageRow",
    "Finding",
    "InputError",
    "LetterStats",
    "Linter",
    "ModelError",
    "PoaLintError",
    "ReasonInfo",
    "Report",
    "SectionInfo",
    "Severity",
    "__version__",
    "lint",
    "lint_file",
    "lint_many",
    "load_config_file",
]


def __getattr__(name: str) -> Any:
    # lint/lint_file live in api.py, which pulls in the engine; the models and the config
    # pull in pydantic. Each is loaded on first use only.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'poa_lint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
