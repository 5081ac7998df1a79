"""Typed errors. Findings are data; errors are for when poa-lint cannot do its job at all.

Every message names the file (where there is one) and says what to do, because the CLI
prints it as a single line and exits with code 2.
"""

from __future__ import annotations


class PoaLintError(Exception):
    """Base class for every error poa-lint raises on purpose."""


class InputError(PoaLintError):
    """A letter or notice could not be read (missing, binary, corrupt, too large, ...)."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class ConfigError(PoaLintError):
    """The configuration is invalid: bad TOML, unknown key or rule, wrong type, bad glob."""

    def __init__(self, source: str | None, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}" if source else problem)


class ModelError(PoaLintError):
    """No spaCy English pipeline could be loaded."""


class CatalogError(PoaLintError):
    """A rules/*.yaml file is invalid. This is a bug in poa-lint or in a user's rule pack."""
