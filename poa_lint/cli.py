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
from .i18n import DEFAULT, ENV, Translator, normalize, translator
from .texts import N_, Template, message

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
FORMATS = ("text", "json", "sarif", "github", "html")
# The values of models.Severity, spelled out so that `--help` need not import pydantic
# (tests/test_startup.py checks that they agree).
SEVERITIES = ("info", "warning", "error")


def _fail(problem: str | Template, tr: Translator | None = None) -> None:
    """Print one line, ``poa-lint: error: …``, in the reader's language, and exit 2. A path
    or file name in it may hold control characters: they are printed as escapes."""
    from .safe_text import safe

    tr = tr or translator(DEFAULT)
    click.echo(safe(tr(N_("poa-lint: error: {message}"), message=tr.text(problem))), err=True)
    sys.exit(EXIT_ERROR)


def _lang_option(function: Any) -> Any:
    return click.option(
        "--lang",
        "lang",
        metavar="LANG",
        default=None,
        help=f"Language of the messages: en or zh [default: ${ENV}, then `lang` in the "
        "config, then en].",
    )(function)


def _language(option: str | None) -> Translator:
    """The reader's language: ``--lang``, then ``POA_LINT_LANG``, then ``lang`` in the config
    of the current folder (read without pydantic, as the fast path reads ``cache-dir``), then
    English. An unknown language is an error (exit 2) that names where it was set."""
    if option is not None:
        return _known(option, "--lang")
    env = os.environ.get(ENV)
    if env:
        return _known(env, ENV)
    from .config_files import config_table, find_config_file, read_config_file

    try:
        found = find_config_file(Path.cwd())
        table = config_table(found, read_config_file(found)) if found else None
    except (OSError, ValueError, PoaLintError):  # a broken config is reported where it matters
        table = None
    value = table.get("lang") if isinstance(table, dict) else None
    if isinstance(value, str) and found is not None:
        return _known(value, f"{found}: lang")
    return translator(DEFAULT)


def _known(value: str, where: str) -> Translator:
    lang = normalize(value)
    if lang is None:
        _fail(
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
@_lang_option
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
    tr = _language(lang)
    # --output must be none of the run's files (compared by inode too; the letters and
    # configs found in folders are checked as they are found) and is written atomically.
    output, guard = _output_file(output_path, paths, notice_path, config_path, tr)
    if (
        tr.lang == DEFAULT  # another language takes the full path (which reads the cache too)
        and not no_cache
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

            refused = pipeline_problem(model)
            if refused is not None:
                raise PoaLintError(f"--model {model}: {refused}")
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
        _fail(exc.template, tr)
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
        sys.exit(_show_files(found, notices, stdin_filename, notice_path is not None, tr))

    try:
        stream = output.open() if output is not None else sys.stdout
    except PoaLintError as exc:
        _fail(exc.template, tr)
        return
    use_colour = use_color(color, output_format=fmt, output_path=output_path, stdout=sys.stdout)
    reporter: Reporter
    if statistics:
        from .reporters.statistics import StatisticsReporter

        reporter = StatisticsReporter(
            stream, rules=(), quiet=quiet, color=use_colour, as_json=fmt == "json", lang=tr.lang
        )
    else:
        reporter_class = get_reporter(fmt)
        reporter = reporter_class(
            stream,
            rules=_catalog().rules if reporter_class.needs_rules else (),
            show_coverage=show_coverage,
            quiet=quiet,
            color=use_colour,
            lang=tr.lang,
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

    def on_error(path: str, problem: str | Template) -> None:
        nonlocal had_error
        if progress is not None:
            progress.clear()
        reporter.error(path, tr.text(problem))
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
        _fail(exc.template, tr)
        return
    for path, problem in found:
        clash = guard.found(path) if guard is not None else None
        if clash is not None:
            _fail(clash, tr)  # nothing written: the report's temporary file is removed on close
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
                if reporter.needs_text:  # the HTML report shows the letter: read it after all
                    _hand_text(reporter, path, config)
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
            if reporter.needs_text:
                reporter.letter_text(source.path, source.text)
        except ConfigError as exc:
            if debug:
                traceback.print_exc()
            if str(exc) not in broken:  # once per config, not once per letter under it
                broken.add(str(exc))
                run.error(exc.source or "configuration", exc.problem_template)
            continue
        except PoaLintError as exc:
            if debug:
                traceback.print_exc()
            failure = exc.problem_template if isinstance(exc, InputError) else exc.template
            run.error(source_name(path, stdin_filename), failure)
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
            _fail(exc.template, tr)
    if writer is not None:
        _write_baseline(writer, tr)
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
                flag = f"--{key.replace('_', '-')}"
                raise ConfigError(None, message(N_("{key}: {problem}"), key=flag, problem=problem))


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
        run.error(
            path,
            message(
                N_("{problem} (it is the notice of a letter beside it)"),
                problem=exc.problem_template,
            ),
        )
        return None


def _write_baseline(writer: BaselineWriter, tr: Translator) -> None:
    try:
        count = writer.write()
    except PoaLintError as exc:
        _fail(exc.template, tr)
        return
    click.echo(
        f"poa-lint: recorded {count} finding(s) in {len(writer.letters)} letter(s) "
        f"in {writer.path}",
        err=True,
    )


def _show_files(
    found: Iterator[tuple[str, str | Template | None]],
    notices: Notices,
    stdin_filename: str | None,
    explicit_notice: bool,
    tr: Translator,
) -> int:
    """``--show-files``: each letter that would be checked, with its notice; problems go to
    standard error (exit 2)."""
    from .safe_text import safe  # file names may hold control characters

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


def _show_settings(path: str | None, config_path: str | None, overrides: dict[str, Any]) -> None:
    """``--show-settings``: what applies to a letter, and where it came from."""
    from .config import ConfigResolver
    from .show import settings_text

    try:
        resolver = ConfigResolver(config_path, overrides)
        target = None if path in (None, "-") else path
        config = resolver.for_path(target)
    except PoaLintError as exc:
        _fail(exc.template)
        return
    click.echo(settings_text(target, config, explicit=config_path is not None), nl=False)


def _output_file(
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
    from .output import OutputFile, OutputGuard

    output = OutputFile(output_path)
    guard = OutputGuard(output)
    clash = guard.fixed(paths, notice, config)
    if clash is not None:
        _fail(clash, tr)
    click.get_current_context().call_on_close(output.discard)
    return output, guard


def _hand_text(reporter: Reporter, path: str, config: Config) -> None:
    """Give a reporter that shows letters the text of a cached one (unreadable: no text)."""
    from .api import limits_for
    from .readers import read_path

    try:
        reporter.letter_text(path, read_path(path, limits=limits_for(config)).text)
    except PoaLintError:
        return


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


def _summary(rule: Rule, tr: Translator) -> str:
    """The first sentence of a rule's rationale, in the reader's language."""
    text = " ".join(tr.gettext(rule.rationale).split())
    ends = [i for i in (text.find(". "), text.find("。")) if i != -1]
    return text[: min(ends) + 1] if ends else text


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def _wrap(text: str, tr: Translator, width: int = 88) -> str:
    """Wrap a paragraph at ``width`` terminal columns. Chinese has no spaces to break at: it
    breaks between any two characters (an English word stays whole), and never puts
    closing punctuation at the start of a line."""
    if tr.lang == DEFAULT:
        return click.wrap_text(text, width=width)
    import re
    import unicodedata

    def columns(piece: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in piece)

    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[A-Za-z0-9'`\-.,:;/_%]+\s*|\S\s*|\s+", text):
        closing = piece[0] in "，。、；：！？）」』”’》…"
        if line and columns(line + piece.rstrip()) > width and not closing:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


@main.command("rules")
@click.option(
    "--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text"
)
@_lang_option
def rules_command(output_format: str, lang: str | None) -> None:
    """List every rule: code, name, category, default severity."""
    from .catalog import load_catalog
    from .i18n import CATEGORY_WORDS, SEVERITY_WORDS
    from .verdict import rule_title

    tr = _language(lang)
    catalog = load_catalog()
    if output_format == "json":
        # codes, names and values stay English (they are identifiers); the summary is prose
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.value,
                "summary": _summary(r, tr),
                "link": r.link,
            }
            for r in catalog.rules
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max((len(r.name) for r in catalog.rules), default=10)
    if tr.lang == DEFAULT:
        click.echo(f"{'CODE':<7} {'NAME':<{width}} {'CATEGORY':<12} {'SEVERITY':<8}")
        for r in catalog.rules:
            click.echo(
                f"{r.code:<7} {r.name:<{width}} {r.category.value:<12} {r.severity.value:<8}"
            )
        return
    heads = [
        tr.gettext(h)
        for h in (N_("CODE"), N_("NAME"), N_("CATEGORY"), N_("SEVERITY"), N_("WHAT IT FINDS"))
    ]
    click.echo(
        f"{_pad(heads[0], 7)} {_pad(heads[1], width)} {_pad(heads[2], 12)} "
        f"{_pad(heads[3], 8)} {heads[4]}"
    )
    for r in catalog.rules:
        click.echo(
            f"{r.code:<7} {r.name:<{width}} "
            f"{_pad(tr.word(CATEGORY_WORDS, r.category.value), 12)} "
            f"{_pad(tr.word(SEVERITY_WORDS, r.severity.value), 8)} "
            f"{tr.gettext(rule_title(r.name))}"
        )


@main.command()
@click.argument("code_or_name")
@_lang_option
def explain(code_or_name: str, lang: str | None) -> None:
    """Explain a rule: why it exists, how to fix it, examples."""
    from .catalog import load_catalog
    from .i18n import CATEGORY_WORDS, SEVERITY_WORDS

    tr = _language(lang)
    rule = load_catalog().find(code_or_name)
    if rule is None:
        _fail(
            message(
                N_("no rule called {name}; `poa-lint rules` lists them"), name=repr(code_or_name)
            ),
            tr,
        )
        return
    from .precision import measured_precision

    click.echo(
        tr(
            N_("{code} {name} ({category}, default severity {severity})"),
            code=rule.code,
            name=rule.name,
            category=tr.word(CATEGORY_WORDS, rule.category.value),
            severity=tr.word(SEVERITY_WORDS, rule.severity.value),
        )
    )
    measured = measured_precision().get(rule.code)
    click.echo(
        tr(
            N_("Measured precision on letters it was not tuned on: {precision}"),
            precision=tr.render(measured.template()) if measured else tr.gettext("not measured"),
        )
    )
    click.echo("")
    click.echo(_wrap(" ".join(tr.gettext(rule.rationale).split()), tr))
    if rule.options:
        click.echo("")
        click.echo(tr(N_("Options (set under [tool.poa-lint.rules.{name}]):"), name=rule.name))
        for key, value in rule.options.items():
            click.echo(f"  {key} = {json.dumps(value)}")
    click.echo("")
    # The examples are letters, and letters are written in English: never translated.
    click.echo(tr.gettext("Flagged:"))
    for example in rule.examples.bad:
        click.echo(
            click.wrap_text(
                " ".join(example.text.split()),
                width=88,
                initial_indent="  ✗ ",
                subsequent_indent="    ",
            )
        )
    click.echo(tr.gettext("Fine:"))
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
    click.echo(tr(N_("More: {link}"), link=rule.link))


@main.command()
@_lang_option
def reasons(lang: str | None) -> None:
    """List the suspension reasons that --reason accepts."""
    from .reasons import load_taxonomy

    tr = _language(lang)
    for reason in load_taxonomy().reasons:
        # metric names and targets stay English: the letter must name them in English
        metric = f" — {reason.metric.names[0]} {reason.metric.target}" if reason.metric else ""
        click.echo(f"{_pad(reason.id, 17)} {tr.gettext(reason.name)}{metric}")


@main.command()
@click.option("--reason", "-r", metavar="ID", help="Suspension reason id (see `poa-lint reasons`).")
@_lang_option
def new(reason: str | None, lang: str | None) -> None:
    """Print an outline to start a letter from: the three parts, with prompts for the reason."""
    from .outline import outline

    tr = _language(lang)
    chosen = None
    if reason:
        from .reasons import resolve_reason

        try:
            chosen = resolve_reason(reason)
        except PoaLintError as exc:
            _fail(exc.template, tr)
            return
    click.echo(outline(chosen, tr), nl=False)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this computer's own (127.0.0.1, localhost) "
    "lets others on the network open the page.",
)
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--config", "config_path", metavar="FILE", help="Use this config file (no discovery)."
)
@_lang_option
def serve(
    host: str, port: int, open_browser: bool, config_path: str | None, lang: str | None
) -> None:
    """Run the local web page: paste or upload a letter, see the findings in place."""
    tr = _language(lang)
    try:
        import uvicorn

        from .web.app import LOOPBACK_HOSTS, Settings, create_app, warm_up
    except ImportError:
        _fail(N_("the web page needs the web extra: pip install 'poa-lint[web]'"), tr)
        return
    from .config import ConfigResolver

    try:
        config = ConfigResolver(config_path).for_path(None)
        config.validate_against(_catalog())
    except PoaLintError as exc:
        _fail(exc.template, tr)
        return
    chosen = lang or os.environ.get(ENV) or config.lang  # else: each visitor's browser decides
    sock, address = _listen(host, port, tr)
    loopback = _is_loopback(address[0])
    if not loopback:
        click.echo(
            tr(
                N_(
                    "poa-lint: warning: listening on {host}: anyone who can reach this "
                    "computer can open the page and read the letters checked on it"
                ),
                host=host,
            ),
            err=True,
        )
    click.echo(tr.gettext("Loading the English model…"), err=True)
    settings = Settings(config=config, lang=normalize(chosen) if chosen else None)
    try:
        warm_up(settings)
    except PoaLintError as exc:
        sock.close()
        _fail(exc.template, tr)
        return
    shown = "127.0.0.1" if address[0] in ("0.0.0.0", "::") else address[0]
    url = f"http://[{shown}]:{address[1]}/" if ":" in shown else f"http://{shown}:{address[1]}/"
    click.echo(tr(N_("poa-lint is running at {url} (press Ctrl+C to stop)"), url=url))
    sys.stdout.flush()
    # beyond loopback (or on an IPv6 address, which Starlette's host check cannot parse) the
    # page answers whatever host name it is reached by
    guarded = loopback and ":" not in address[0]
    app = create_app(settings, hosts=list(LOOPBACK_HOSTS) if guarded else ["*"])
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _listen(host: str, port: int, tr: Translator) -> tuple[Any, tuple[str, int]]:
    """A listening socket on ``host:port`` (port 0: a free one) and the address it got."""
    import socket

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        # "localhost" may list ::1 first; 127.0.0.1 is what browsers and the host check expect
        found.sort(key=lambda info: info[0] != socket.AF_INET)
        family, kind, proto, _, where = found[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(128)
        sock.set_inheritable(True)
    except OSError as exc:
        _fail(
            message(
                N_("cannot listen on {host}:{port} ({reason}); choose another port with --port"),
                host=host,
                port=port,
                reason=exc.strerror or exc,
            ),
            tr,
        )
        raise AssertionError from exc  # _fail exits
    bound = sock.getsockname()
    return sock, (str(bound[0]), int(bound[1]))


def _is_loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
