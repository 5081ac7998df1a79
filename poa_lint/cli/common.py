"""What every ``poa-lint`` command shares: the command group, exit codes, the reader's
language, and the one-line error that exits 2.

Start-up matters (the command runs on every save and commit): ``--version``, ``--help``,
``rules`` and ``explain`` must not import spaCy, and a fully cached ``check`` must not
import pydantic either, so everything heavy is imported inside the commands, when needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .._version import __version__
from ..errors import PoaLintError
from ..i18n import DEFAULT, ENV, Translator, normalize, translator
from ..texts import N_, Template, message

if TYPE_CHECKING:
    from ..catalog import Catalog

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "html")
# The values of models.Severity, spelled out so that `--help` need not import pydantic
# (tests/test_startup.py checks that they agree).
SEVERITIES = ("info", "warning", "error")


def fail(problem: str | Template, tr: Translator | None = None) -> None:
    """Print one line, ``poa-lint: error: …``, in the reader's language, and exit 2. A path
    or file name in it may hold control characters: they are printed as escapes."""
    from ..safe_text import safe

    tr = tr or translator(DEFAULT)
    click.echo(safe(tr(N_("poa-lint: error: {message}"), message=tr.text(problem))), err=True)
    sys.exit(EXIT_ERROR)


def lang_option(function: Any) -> Any:
    return click.option(
        "--lang",
        "lang",
        metavar="LANG",
        default=None,
        help=f"Language of the messages: en or zh [default: ${ENV}, then `lang` in the "
        "config, then en].",
    )(function)


def language(option: str | None) -> Translator:
    """The reader's language: ``--lang``, then ``POA_LINT_LANG``, then ``lang`` in the config
    of the current folder (read without pydantic, as a cached run reads ``cache-dir``), then
    English. An unknown language is an error (exit 2) that names where it was set."""
    if option is not None:
        return known(option, "--lang")
    env = os.environ.get(ENV)
    if env:
        return known(env, ENV)
    from ..config_files import config_table, find_config_file, read_config_file

    try:
        found = find_config_file(Path.cwd())
        table = config_table(found, read_config_file(found)) if found else None
    except (OSError, ValueError, PoaLintError):  # a broken config is reported where it matters
        table = None
    value = table.get("lang") if isinstance(table, dict) else None
    if isinstance(value, str) and found is not None:
        return known(value, f"{found}: lang")
    return translator(DEFAULT)


def known(value: str, where: str) -> Translator:
    lang = normalize(value)
    if lang is None:
        fail(
            message(
                N_("{where}: unknown language {value}; choose en or zh"),
                where=where,
                value=repr(value),
            )
        )
        raise AssertionError  # _fail exits
    return translator(lang)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="poa-lint")
def main() -> None:
    """Check Amazon Plan of Action (POA) appeal letters before you send them."""


def catalog() -> Catalog:
    """The rule catalogue, imported and read on first use: a fully cached run never parses
    the rule files."""
    from ..catalog import load_catalog

    return load_catalog()
