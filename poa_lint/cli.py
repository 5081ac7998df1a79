"""The ``poa-lint`` command. Thin: it parses flags and calls the API, never the other way round.

Start-up matters (it runs on every save and commit): ``--version``, ``--help``, ``rules``
and ``explain`` must not import spaCy, so the engine is imported inside ``check`` only (and
there only when a letter misses the cache). The catalogue, config and models (pydantic,
PyYAML) are imported inside the commands too, so ``--version`` and ``--help`` skip them.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._version import __version__
from .discovery import ExcludeRules, Notices, discover, is_notice_name
from .errors import ConfigError, InputError, PoaLintError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .baseline import BaselineWriter
    from .cache import ReportCache
    from .catalog import Catalog, Rule
    from .config import Config, ConfigResolver
    from .models import Report
    from .output import OutputFile, OutputGuard
    from .parallel import OrderedRun
    from .reporters.base import Reporter
    from .terminal import Progress

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github")
# The values of models.Severity, spelled out so that `--help` need not import pydantic
# (tests/test_startup.py checks that they agree).
SEVERITIES = ("info", "warning", "error")


def _fail(message: str) -> None:
    from .safe_text import safe  # a path or file name may hold control characters

    click.echo(f"poa-lint: error: {safe(message)}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="poa-lint")
def main() -> None:
    """Check Amazon Plan of Action (POA) appeal letters before you send them."""


def _cwd_config(resolver: ConfigResolver) -> Config | None:
    """The config that applies in the current folder (it says where the cache goes); a
    broken one is reported for the letters it governs, not here."""
    try:
        return resolver.for_path(None)
    except PoaLintError:
        return None


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
    help="Output format [default: text; github under GitHub Actions].",
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
) -> None:
    """Check letters (.txt, .md, .docx; folders recursively; - for stdin)."""
    # spaCy, the engine and the API are imported only when a letter misses the cache, and
    # the catalogue is read only when something needs it (a config to validate, SARIF's
    # rule table, a letter to check): a fully cached run never parses the rule files.
    from .config_files import as_selector_tuple
    from .terminal import use_color

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
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    # --output must be none of the run's files (compared by inode too; the letters and
    # configs found in folders are checked as they are found) and is written atomically.
    output, guard = _output_file(output_path, paths, notice_path, config_path)
    if (
        not no_cache
        and fmt in ("text", "json", "github")
        and not (config_path or notice_path or show_coverage or show_files or debug)
        and not (baseline_path or write_baseline_path)
    ):
        # Unchanged letters: answer from the cache before importing pydantic (fastpath.py).
        from .fastpath import cached_run

        code = cached_run(
            paths,
            output_format=fmt,
            reason=reason,
            overrides=overrides,
            cache_dir=cache_dir,
            output_path=output_path,
            quiet=quiet,
            color=color,
            exit_zero=exit_zero,
            force_exclude=force_exclude,
            statistics=statistics,
        )
        if code is not None:
            sys.exit(code)

    from .config import ConfigResolver
    from .parallel import OrderedRun, choose_workers
    from .reporters import get_reporter
    from .severity import fails

    try:
        if model:
            from .pipelines import pipeline_problem

            problem = pipeline_problem(model)
            if problem is not None:
                raise PoaLintError(f"--model {model}: {problem}")
        resolver = ConfigResolver(config_path, overrides)
        _check_flags(overrides)
        if config_path:  # one config for every letter: report a problem once, up front
            resolver.for_path(None).validate_against(_catalog())
        if reason:
            from .reasons import resolve_reason

            resolve_reason(reason)
        notice_text = None
        if notice_path:
            from .readers import read_path

            notice_text = read_path(notice_path).text
        baseline = None
        if baseline_path:
            from .baseline import load_baseline

            baseline = load_baseline(baseline_path)
    except PoaLintError as exc:
        if debug:
            traceback.print_exc()
        _fail(str(exc))
        return

    consulted: dict[int, tuple[str, Config]] = {}

    def rules_for(path: str) -> ExcludeRules | None:
        try:
            config = resolver.for_path(path)
        except PoaLintError:
            return None  # a broken config: the run reports it with the letters it governs
        consulted.setdefault(id(config), (path, config))
        return config.exclude_rules()

    found = discover(paths, rules_for, force_exclude=force_exclude)
    notices = Notices()
    if show_files:
        sys.exit(_show_files(found, notices, stdin_filename, notice_path is not None))

    try:
        stream = output.open() if output is not None else sys.stdout
    except PoaLintError as exc:
        _fail(str(exc))
        return
    use_colour = use_color(color, output_format=fmt, output_path=output_path, stdout=sys.stdout)
    reporter: Reporter
    if statistics:
        from .reporters.statistics import StatisticsReporter

        reporter = StatisticsReporter(
            stream, rules=(), quiet=quiet, color=use_colour, as_json=fmt == "json"
        )
    else:
        reporter_class = get_reporter(fmt)
        reporter = reporter_class(
            stream,
            rules=_catalog().rules if reporter_class.needs_rules else (),
            show_coverage=show_coverage,
            quiet=quiet,
            color=use_colour,
        )
    writer = None
    if write_baseline_path:
        from .baseline import BaselineWriter

        writer = BaselineWriter(Path(write_baseline_path))
    reporter.start()
    had_error = False
    failing = False
    progress: Progress | None = None

    def on_report(report: Report, config: Config) -> None:
        nonlocal failing
        if writer is not None:
            writer.add(report)
        if baseline is not None:
            report = baseline.apply(report)
        if progress is not None:
            progress.clear()
        reporter.handle(report)
        verdict = report.verdict
        if verdict is not None and fails(
            verdict.errors, verdict.warnings, verdict.infos, config.fail_on
        ):
            failing = True

    def on_error(path: str, message: str) -> None:
        nonlocal had_error
        if progress is not None:
            progress.clear()
        reporter.error(path, message)
        had_error = True

    # Every outcome goes through `run`, which hands them on in discovery order.
    run = OrderedRun(on_report, on_error)
    validated: dict[int, Config] = {}
    snapshots: set[int] = set()
    broken: set[str] = set()
    notice_texts: dict[str, str | None] = {}
    try:
        cache = None
        if not no_cache:
            from .cache import open_cache
            from .safe_text import safe

            # A cache folder that is not poa-lint's (or a config's cache-dir outside its
            # folder) is an error, but the letters are still checked, without the cache.
            cache, unusable = open_cache(
                cache_dir, _cwd_config(resolver), reason=reason, notice=notice_text
            )
            if unusable is not None:
                click.echo(
                    f"poa-lint: error: {safe(unusable)}; checked without the cache", err=True
                )
                had_error = True
    except PoaLintError as exc:
        _fail(str(exc))
        return
    for path, problem in found:
        clash = guard.found(path) if guard is not None else None
        if clash is not None:
            _fail(clash)  # nothing written: the report's temporary file is removed on close
        if problem:
            run.error(path, problem)
            continue
        name = stdin_filename if path == "-" and stdin_filename else path
        try:
            config = resolver.for_path(None if name == "-" else name)
            if path == "-" and _skip_stdin(stdin_filename, config, force_exclude):
                continue
            paired = None if notice_path else notices.for_letter(name)
            key = cache.key(path, config, paired) if cache is not None else None
            cached = cache.get(key) if cache is not None and key is not None and not debug else None
            if cached is not None:
                # A hit means this very config passed validation in the run that stored it
                # (same settings, code and rules), so the engine need not even be imported.
                assert cache is not None
                _snapshot_settings(cache, resolver, path, config, snapshots)
                run.cached(cached, config)
                continue
            if id(config) not in validated:  # configs are shared per folder: validate once
                validated[id(config)] = config.validate_against(_catalog())
            if cache is not None:
                _snapshot_settings(cache, resolver, path, config, snapshots)
            from .api import Job, limits_for
            from .readers import read_path, read_stdin

            source = (
                read_stdin(limits=limits_for(config), name=stdin_filename)
                if path == "-"
                else read_path(path, limits=limits_for(config))
            )
            if debug:
                click.echo(
                    f"poa-lint: debug: {source.path}: read as {source.encoding or source.format}",
                    err=True,
                )
        except ConfigError as exc:
            if debug:
                traceback.print_exc()
            if str(exc) not in broken:  # once per config, not once per letter under it
                broken.add(str(exc))
                run.error(exc.source or "configuration", exc.problem)
            continue
        except PoaLintError as exc:
            if debug:
                traceback.print_exc()
            message = exc.problem if isinstance(exc, InputError) else str(exc)
            run.error(source_name(path, stdin_filename), message)
            continue
        own_notice = None
        if paired is not None:
            if paired not in notice_texts:
                notice_texts[paired] = _read_notice(paired, config, run)
            own_notice = notice_texts[paired]
            if own_notice is None:
                continue  # the notice could not be read (reported): not checked without it
        run.job(Job(source, config, own_notice), key)
    if cache is not None:
        # Configs read only to decide what to skip (a folder holding no letter of its own)
        # get a snapshot too, or the next run's fast path could not walk past them.
        for path, config in consulted.values():
            if id(config) in snapshots:
                continue
            try:
                if id(config) not in validated:
                    validated[id(config)] = config.validate_against(_catalog())
            except PoaLintError:
                continue  # reported with the letters it governs, if any
            _snapshot_settings(cache, resolver, path, config, snapshots)
    from .parallel import BATCH
    from .terminal import PROGRESS_BATCH, Progress, show_progress

    if show_progress(
        run.pending, quiet=quiet, output_path=output_path, stdout=sys.stdout, stderr=sys.stderr
    ):
        progress = Progress(run.pending, sys.stderr)
    run.run(
        reason=reason,
        notice=notice_text,
        workers=choose_workers(jobs, run.pending),
        cache=cache,
        debug=debug,
        progress=progress.advance if progress is not None else None,
        batch=PROGRESS_BATCH if progress is not None else BATCH,
    )
    if progress is not None:
        progress.close()
    reporter.finish()
    if output is not None:
        try:
            output.commit()
        except PoaLintError as exc:
            _fail(str(exc))
    if writer is not None:
        _write_baseline(writer)
    elif baseline is not None and baseline.matched and not quiet:
        click.echo(
            f"poa-lint: {baseline.matched} finding(s) recorded in {baseline_path} not shown",
            err=True,
        )
    if had_error:
        sys.exit(EXIT_ERROR)
    if failing and not exit_zero and writer is None:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def source_name(path: str, stdin_filename: str | None) -> str:
    """How a letter is named in an error line: stdin by its ``--stdin-filename``."""
    if path == "-":
        return stdin_filename or "<stdin>"
    return path


def _check_flags(overrides: dict[str, Any]) -> None:
    """A rule selector given on the command line that names no rule stops the run at once,
    blamed on its flag (it would otherwise fail every letter, and seem to come from each
    letter's config file)."""
    from .config import selector_problem

    for key in ("select", "extend_select", "ignore"):
        for selector in overrides.get(key) or ():
            problem = selector_problem(selector, _catalog())
            if problem is not None:
                raise ConfigError(None, f"--{key.replace('_', '-')}: {problem}")


def _skip_stdin(name: str | None, config: Config, force_exclude: bool | None) -> bool:
    """A letter on stdin named as a notice, or as an excluded file under force-exclude,
    is not checked (pre-commit and editors pass every file through)."""
    from .discovery import excluded

    if name is None:
        return False
    if is_notice_name(os.path.basename(name)):
        return True
    forced = force_exclude if force_exclude is not None else config.force_exclude
    return forced and excluded(name, config.exclude_rules())


def _read_notice(path: str, config: Config, run: OrderedRun) -> str | None:
    """The text of a letter's own notice, or None after reporting why it cannot be read."""
    from .api import limits_for
    from .readers import read_path

    try:
        return read_path(path, limits=limits_for(config)).text
    except InputError as exc:
        run.error(path, f"{exc.problem} (it is the notice of a letter beside it)")
        return None


def _write_baseline(writer: BaselineWriter) -> None:
    try:
        count = writer.write()
    except PoaLintError as exc:
        _fail(str(exc))
        return
    click.echo(
        f"poa-lint: recorded {count} finding(s) in {len(writer.letters)} letter(s) "
        f"in {writer.path}",
        err=True,
    )


def _show_files(
    found: Iterator[tuple[str, str | None]],
    notices: Notices,
    stdin_filename: str | None,
    explicit_notice: bool,
) -> int:
    """``--show-files``: each letter that would be checked, with its notice; problems go to
    standard error (exit 2)."""
    from .safe_text import safe  # file names may hold control characters

    status = EXIT_OK
    for path, problem in found:
        if problem:
            click.echo(f"poa-lint: error: {safe(path)}: {problem}", err=True)
            status = EXIT_ERROR
            continue
        name = source_name(path, stdin_filename)
        paired = None if explicit_notice else notices.for_letter(name)
        click.echo(safe(f"{name}  (notice: {paired})" if paired else name))
    return status


def _show_settings(path: str | None, config_path: str | None, overrides: dict[str, Any]) -> None:
    """``--show-settings``: what applies to a letter, and where it came from."""
    from .config import ConfigResolver
    from .show import settings_text

    try:
        resolver = ConfigResolver(config_path, overrides)
        target = None if path in (None, "-") else path
        config = resolver.for_path(target)
    except PoaLintError as exc:
        _fail(str(exc))
        return
    click.echo(settings_text(target, config, explicit=config_path is not None), nl=False)


def _output_file(
    output_path: str | None, paths: Sequence[str], notice: str | None, config: str | None
) -> tuple[OutputFile | None, OutputGuard | None]:
    """The ``--output`` file and its guard; fails at once when it is one of the letters
    named, the notice or the config file. Its temporary file is removed when the command
    ends without having written the report (an error, a refusal, an exception)."""
    if not output_path:
        return None, None
    from .output import OutputFile, OutputGuard

    output = OutputFile(output_path)
    guard = OutputGuard(output)
    clash = guard.fixed(paths, notice, config)
    if clash is not None:
        _fail(clash)
    click.get_current_context().call_on_close(output.discard)
    return output, guard


def _snapshot_settings(
    cache: ReportCache, resolver: ConfigResolver, path: str, config: Config, done: set[int]
) -> None:
    """Record a validated config's settings for the next run's fast path (once per config)."""
    if id(config) in done:
        return
    done.add(id(config))
    source = resolver.source_for(path)
    if source is not None:
        found, raw = source
        cache.put_settings(cache.settings_identity(found, raw, resolver.overrides), config)


def _catalog() -> Catalog:
    """The rule catalogue, imported and read on first use (see :func:`check`)."""
    from .catalog import load_catalog

    return load_catalog()


def _summary(rule: Rule) -> str:
    text = " ".join(rule.rationale.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


@main.command("rules")
@click.option(
    "--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text"
)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, default severity."""
    from .catalog import load_catalog

    catalog = load_catalog()
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.value,
                "summary": _summary(r),
                "link": r.link,
            }
            for r in catalog.rules
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max((len(r.name) for r in catalog.rules), default=10)
    click.echo(f"{'CODE':<7} {'NAME':<{width}} {'CATEGORY':<12} {'SEVERITY':<8}")
    for r in catalog.rules:
        click.echo(f"{r.code:<7} {r.name:<{width}} {r.category.value:<12} {r.severity.value:<8}")


@main.command()
@click.argument("code_or_name")
def explain(code_or_name: str) -> None:
    """Explain a rule: why it exists, how to fix it, examples."""
    from .catalog import load_catalog

    rule = load_catalog().find(code_or_name)
    if rule is None:
        _fail(f"no rule called {code_or_name!r}; `poa-lint rules` lists them")
        return
    from .precision import measured_precision

    click.echo(
        f"{rule.code} {rule.name} ({rule.category.value}, default severity {rule.severity.value})"
    )
    measured = measured_precision().get(rule.code)
    click.echo(
        "Measured precision on letters it was not tuned on: "
        + (measured.describe() if measured else "not measured")
    )
    click.echo("")
    click.echo(click.wrap_text(" ".join(rule.rationale.split()), width=88))
    if rule.options:
        click.echo("")
        click.echo("Options (set under [tool.poa-lint.rules." + rule.name + "]):")
        for key, value in rule.options.items():
            click.echo(f"  {key} = {json.dumps(value)}")
    click.echo("")
    click.echo("Flagged:")
    for example in rule.examples.bad:
        click.echo(
            click.wrap_text(
                " ".join(example.text.split()),
                width=88,
                initial_indent="  ✗ ",
                subsequent_indent="    ",
            )
        )
    click.echo("Fine:")
    for example in rule.examples.good:
        click.echo(
            click.wrap_text(
                " ".join(example.text.split()),
                width=88,
                initial_indent="  ✓ ",
                subsequent_indent="    ",
            )
        )
    click.echo("")
    click.echo(f"More: {rule.link}")


@main.command()
def reasons() -> None:
    """List the suspension reasons that --reason accepts."""
    from .reasons import load_taxonomy

    for reason in load_taxonomy().reasons:
        metric = f" — {reason.metric.names[0]} {reason.metric.target}" if reason.metric else ""
        click.echo(f"{reason.id:<17} {reason.name}{metric}")
