"""Typed errors. Findings are data; errors are for when poa-lint cannot do its job at all.

Every message names the file (where there is one) and says what to do, because the CLI
prints it as a single line and exits with code 2. The message is English (``str(exc)``,
``exc.problem``); ``exc.template`` keeps it as a :class:`~poa_lint.texts.Template`, so the
CLI and the web page can show it in the reader's language (:mod:`poa_lint.i18n`).
"""

from __future__ import annotations

from .texts import N_, Template, as_template

#: How an error names its file: ``letter.docx: is not a valid .docx …``.
LOCATED = N_("{path}: {problem}")


class PoaLintError(Exception):
    """Base class for every error poa-lint raises on purpose."""

    def __init__(self, message: str | Template) -> None:
        self.template = as_template(message)
        super().__init__(self.template.english())


class InputError(PoaLintError):
    """A letter or notice could not be read (missing, binary, corrupt, too large, ...)."""

    def __init__(self, path: str | None, problem: str | Template) -> None:
        self.path = path
        self.problem_template = as_template(problem)
        self.problem = self.problem_template.english()
        super().__init__(_located(path, self.problem_template))


class ConfigError(PoaLintError):
    """The configuration is invalid: bad TOML, unknown key or rule, wrong type, bad glob."""

    def __init__(self, source: str | Template | None, problem: str | Template) -> None:
        #: The config file (or "command line") the problem is in, in English.
        self.source = source.english() if isinstance(source, Template) else source
        self.problem_template = as_template(problem)
        self.problem = self.problem_template.english()
        super().__init__(_located(source, self.problem_template))


class ModelError(PoaLintError):
    """No spaCy English pipeline could be loaded."""


class CatalogError(PoaLintError):
    """A rules/*.yaml file is invalid. This is a bug in poa-lint or in a user's rule pack."""


def _located(where: str | Template | None, problem: Template) -> Template:
    return Template(LOCATED, {"path": where, "problem": problem}) if where else problem


def without_path(template: Template, path: str | None) -> Template:
    """The problem alone when ``template`` names ``path`` (a report lists it under the path)."""
    if template.id == LOCATED and path is not None and template.args.get("path") == path:
        problem = template.args["problem"]
        return problem if isinstance(problem, Template) else Template(problem)
    return template
