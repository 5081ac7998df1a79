"""The steps of a ``check`` run that are about one letter or one file: how a letter is
named, its notice, stdin's name, the ``--output`` file, the baseline, the settings
snapshots that let the next run answer from the cache."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

from ..discovery import Notices, is_notice_name
from ..errors import ConfigError, InputError, PoaLintError
from ..i18n import Translator
from ..texts import N_, Template, message
from .common import EXIT_ERROR, EXIT_OK, catalog, fail

if TYPE_CHECKING:
    from ..baseline import BaselineWriter
    from ..cache import ReportCache
    from ..config import Config, ConfigResolver
    from ..outcomes import OrderedRun
    from ..output import OutputFile, OutputGuard
    from ..reporters.base import Reporter


def cwd_config(resolver: ConfigResolver) -> Config | None:
    """The config that applies in the current folder (it says where the cache goes); a
    broken one is reported for the letters it governs, not here."""
    try:
        return resolver.for_path(None)
    except PoaLintError:
        return None


def source_name(path: str, stdin_filename: str | None) -> str:
    """How a letter is named in an error line: stdin by its ``--stdin-filename``."""
    if path == "-":
        return stdin_filename or "<stdin>"
    return path


def check_flags(overrides: dict[str, Any]) -> None:
    """A rule selector given on the command line that names no rule stops the run at once,
    blamed on its flag (it would otherwise fail every letter, and seem to come from each
    letter's config file)."""
    from ..config import selector_problem

    for key in ("select", "extend_select", "ignore"):
        for selector in overrides.get(key) or ():
            problem = selector_problem(selector, catalog())
            if problem is not None:
                flag = f"--{key.replace('_', '-')}"
                raise ConfigError(None, message(N_("{key}: {problem}"), key=flag, problem=problem))


def skip_stdin(name: str | None, config: Config, force_exclude: bool | None) -> bool:
    """A letter on stdin named as a notice, or as an excluded file under force-exclude,
    is not checked (pre-commit and editors pass every file through)."""
    from ..discovery import excluded

    if name is None:
        return False
    if is_notice_name(os.path.basename(name)):
        return True
    forced = force_exclude if force_exclude is not None else config.force_exclude
    return forced and excluded(name, config.exclude_rules())


def read_notice(path: str, config: Config, run: OrderedRun) -> str | None:
    """The text of a letter's own notice, or None after reporting why it cannot be read."""
    from ..api import limits_for
    from ..readers import read_path

    try:
        return read_path(path, limits=limits_for(config)).text
    except InputError as exc:
        run.error(
            path,
            message(
                N_("{problem} (it is the notice of a letter beside it)"),
                problem=exc.problem_template,
            ),
        )
        return None


def write_baseline(writer: BaselineWriter, tr: Translator) -> None:
    try:
        count = writer.write()
    except PoaLintError as exc:
        fail(exc.template, tr)
        return
    click.echo(
        f"poa-lint: recorded {count} finding(s) in {len(writer.letters)} letter(s) "
        f"in {writer.path}",
        err=True,
    )


def show_files(
    found: Iterator[tuple[str, str | Template | None]],
    notices: Notices,
    stdin_filename: str | None,
    explicit_notice: bool,
    tr: Translator,
) -> int:
    """``--show-files``: each letter that would be checked, with its notice; problems go to
    standard error (exit 2)."""
    from ..safe_text import safe  # file names may hold control characters

    status = EXIT_OK
    for path, problem in found:
        if problem:
            click.echo(f"poa-lint: error: {safe(path)}: {tr.text(problem)}", err=True)
            status = EXIT_ERROR
            continue
        name = source_name(path, stdin_filename)
        paired = None if explicit_notice else notices.for_letter(name)
        click.echo(safe(f"{name}  (notice: {paired})" if paired else name))
    return status


def output_file(
    output_path: str | None,
    paths: Sequence[str],
    notice: str | None,
    config: str | None,
    tr: Translator,
) -> tuple[OutputFile | None, OutputGuard | None]:
    """The ``--output`` file and its guard; fails at once when it is one of the letters
    named, the notice or the config file. Its temporary file is removed when the command
    ends without having written the report (an error, a refusal, an exception)."""
    if not output_path:
        return None, None
    from ..output import OutputFile, OutputGuard

    output = OutputFile(output_path)
    guard = OutputGuard(output)
    clash = guard.fixed(paths, notice, config)
    if clash is not None:
        fail(clash, tr)
    click.get_current_context().call_on_close(output.discard)
    return output, guard


def hand_text(reporter: Reporter, path: str, config: Config) -> None:
    """Give a reporter that shows letters the text of a cached one (unreadable: no text)."""
    from ..api import limits_for
    from ..readers import read_path

    try:
        reporter.letter_text(path, read_path(path, limits=limits_for(config)).text)
    except PoaLintError:
        return


def snapshot_settings(
    cache: ReportCache, resolver: ConfigResolver, path: str, config: Config, done: set[int]
) -> None:
    """Record a validated config's settings so that the next run can ask the cache
    without validating it (once per config; :mod:`poa_lint.cli.settings`)."""
    if id(config) in done:
        return
    done.add(id(config))
    source = resolver.source_for(path)
    if source is not None:
        found, raw = source
        cache.put_settings(cache.settings_identity(found, raw, resolver.overrides), config)
