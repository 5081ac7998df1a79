"""``poa-lint check``: its flags, parsed into a :class:`~poa_lint.cli.route.CheckRequest`
for the one route every run takes (:mod:`poa_lint.cli.route`)."""

from __future__ import annotations

import os
from typing import Any

import click

from ..errors import PoaLintError
from .common import FORMATS, SEVERITIES, fail, lang_option, language, main


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--reason", "-r", metavar="ID", help="Suspension reason id (see `poa-lint reasons`).")
@click.option(
    "--notice", "-n", "notice_path", metavar="FILE", help="A file with Amazon's notice text."
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: text; github under GitHub Actions]. html: a report to open "
    "in a browser.",
)
@click.option("--output", "-o", "output_path", metavar="FILE", help="Write the report to FILE.")
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rules (codes, prefixes, names)."
)
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules.")
@click.option(
    "--config", "config_path", metavar="FILE", help="Use this config file (no discovery)."
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Report only findings at or above this severity.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help=(
        "Exit 1 when a letter has a finding at or above this severity "
        "[default: error: when its verdict is 'will be rejected']."
    ),
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary when clean.")
@click.option("--show-coverage", is_flag=True, help="Print the sections and cause coverage found.")
@click.option("--color/--no-color", default=None, help="Colour the text output.")
@click.option(
    "--debug", is_flag=True, help="Show tracebacks for errors and the encoding of each letter."
)
@click.option(
    "--jobs",
    "-j",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes [default: one per CPU for runs with enough letters to pay off].",
)
@click.option(
    "--model",
    metavar="NAME",
    help="spaCy pipeline to use (package name or folder); confirms a `model` set in a "
    "config file next to the letters.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    envvar="POA_LINT_CACHE_DIR",
    help="Where to cache results [default: .poa-lint-cache in the current folder].",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply exclude to files named on the command line too (the pre-commit hook does).",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="Check standard input as the letter PATH (its config, ignores and notice apply).",
)
@click.option("--statistics", is_flag=True, help="Count the findings per rule instead.")
@click.option(
    "--baseline",
    "baseline_path",
    metavar="FILE",
    help="Report only findings that FILE (see --write-baseline) does not record.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    metavar="FILE",
    help="Record the current findings in FILE as accepted; exit 0.",
)
@click.option(
    "--show-settings", is_flag=True, help="Print the settings for the first PATH and exit."
)
@click.option("--show-files", is_flag=True, help="List the letters that would be checked and exit.")
@lang_option
def check(
    paths: tuple[str, ...],
    reason: str | None,
    notice_path: str | None,
    output_format: str | None,
    output_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    min_severity: str | None,
    fail_on: str | None,
    exit_zero: bool,
    quiet: bool,
    show_coverage: bool,
    color: bool | None,
    debug: bool,
    jobs: int | None,
    model: str | None,
    no_cache: bool,
    cache_dir: str | None,
    force_exclude: bool | None,
    stdin_filename: str | None,
    statistics: bool,
    baseline_path: str | None,
    write_baseline_path: str | None,
    show_settings: bool,
    show_files: bool,
    lang: str | None,
) -> None:
    """Check letters (.txt, .md, .docx; folders recursively; - for stdin)."""
    # Nothing heavy here: a run answered by the cache imports neither pydantic nor spaCy.
    from ..config_files import as_selector_tuple

    if not paths and not stdin_filename:
        raise click.UsageError("Missing argument 'PATHS...'.")
    if stdin_filename and "-" not in paths:
        paths = (*paths, "-")
    overrides: dict[str, Any] = {
        "select": as_selector_tuple(select),
        "extend_select": as_selector_tuple(extend_select),
        "ignore": as_selector_tuple(ignore),
        "min_severity": min_severity,
        "fail_on": fail_on,
    }
    if model:  # only when given: the settings snapshots of other runs keep their names
        overrides["model"] = model
    if show_settings:
        _show_settings(paths[0] if paths[0] != "-" else stdin_filename, config_path, overrides)
        return
    from .route import CheckRequest, check_letters

    check_letters(
        CheckRequest(
            paths=paths,
            reason=reason,
            notice_path=notice_path,
            output_format=output_format
            or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"),
            output_path=output_path,
            overrides=overrides,
            config_path=config_path,
            exit_zero=exit_zero,
            quiet=quiet,
            show_coverage=show_coverage,
            color=color,
            debug=debug,
            jobs=jobs,
            model=model,
            no_cache=no_cache,
            cache_dir=cache_dir,
            force_exclude=force_exclude,
            stdin_filename=stdin_filename,
            statistics=statistics,
            baseline_path=baseline_path,
            write_baseline_path=write_baseline_path,
            show_files=show_files,
            tr=language(lang),
        )
    )


def _show_settings(path: str | None, config_path: str | None, overrides: dict[str, Any]) -> None:
    """``--show-settings``: what applies to a letter, and where it came from."""
    from ..config import ConfigResolver
    from ..show import settings_text

    try:
        resolver = ConfigResolver(config_path, overrides)
        target = None if path in (None, "-") else path
        config = resolver.for_path(target)
    except PoaLintError as exc:
        fail(exc.template)
        return
    click.echo(settings_text(target, config, explicit=config_path is not None), nl=False)
