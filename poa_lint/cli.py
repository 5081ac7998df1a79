"""The ``poa-lint`` command. Thin: it parses flags and calls the API, never the other way round.

Start-up matters (it runs on every save and commit): ``--version``, ``--help``, ``rules``
and ``explain`` must not import spaCy, so the engine is imported inside ``check`` only (and
there only when a letter misses the cache). The catalogue, config and models (pydantic,
PyYAML) are imported inside the commands too, so ``--version`` and ``--help`` skip them.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ._version import __version__
from .errors import InputError, PoaLintError
from .i18n import DEFAULT, ENV, Translator, normalize, translator
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .cache import ReportCache
    from .catalog import Catalog, Rule
    from .config import Config, ConfigResolver
    from .models import Report
    from .reporters.base import Reporter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUFFIXES = (".txt", ".md", ".markdown", ".docx")
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".poa-lint-cache", "__pycache__"}
)
FORMATS = ("text", "json", "sarif", "github", "html")
# The values of models.Severity, spelled out so that `--help` need not import pydantic
# (tests/test_startup.py checks that they agree).
SEVERITIES = ("info", "warning", "error")


def _fail(problem: str | Template, tr: Translator | None = None) -> None:
    """Print one line, ``poa-lint: error: …``, in the reader's language, and exit 2."""
    tr = tr or translator(DEFAULT)
    click.echo(tr(N_("poa-lint: error: {message}"), message=tr.text(problem)), err=True)
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
    from .config_files import config_table, find_config_file

    try:
        found = find_config_file(Path.cwd())
        table = config_table(found, found.read_bytes()) if found else None
    except (OSError, ValueError):  # a broken config is reported where it matters
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


def discover(
    paths: Sequence[str], excluded: Sequence[str] = ()
) -> Iterator[tuple[str, str | Template | None]]:
    """Yield (path, problem) for every letter under ``paths``; problem is None when readable.

    Directories are walked recursively for .txt/.md/.docx, following symlinked folders. A
    folder reached twice through links is walked once; a link that leads back into a folder
    being walked (a loop) is reported once and not followed. Folders that cannot be listed,
    letters that are not regular files (a named pipe would block forever) and names that are
    not valid UTF-8 are reported, one line each. Files named explicitly are always checked.
    """
    for given in paths:
        if given == "-":
            yield given, None
            continue
        if not _printable(given):
            yield _display_name(given), _BAD_NAME
            continue
        p = Path(given)
        if p.is_dir():
            yield from _walk(p, excluded)
        elif p.exists() or p.is_symlink():
            yield given, None
        else:
            yield given, N_("does not exist")


_BAD_NAME = N_("has a name that is not valid UTF-8; rename the file and check it again")
_NOT_REGULAR = N_(
    "is not a regular file (a named pipe, socket or device); skipped it, "
    "pass a .txt, .md or .docx file"
)


def _printable(path: str) -> bool:
    """False for names with undecodable bytes (surrogate escapes): they cannot be printed
    or written to a report, so they are reported instead of crashing the output."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _display_name(path: str) -> str:
    """A printable form of a name with undecodable bytes: ``bad\\xffname.txt``."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def _is_within(folder: str, path: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk(top: Path, excluded: Sequence[str]) -> Iterator[tuple[str, str | Template | None]]:
    from .config_files import glob_match

    unlistable: list[OSError] = []

    def report_unlistable() -> Iterator[tuple[str, str | Template | None]]:
        for exc in unlistable:
            reason: str | Template = (
                Template(N_("permission denied"))
                if isinstance(exc, PermissionError)
                else exc.strerror or type(exc).__name__
            )
            yield (
                _display_name(str(exc.filename or top)),
                message(
                    N_("is a folder that cannot be listed ({reason}); check its permissions"),
                    reason=reason,
                ),
            )
        unlistable.clear()

    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, followlinks=True, onerror=unlistable.append):
        yield from report_unlistable()
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirs[:] = []
            target = os.path.realpath(root)
            if os.path.islink(root) and _is_within(target, os.path.realpath(os.path.dirname(root))):
                yield (
                    _display_name(root),
                    message(
                        N_(
                            "is a symbolic link loop (it leads back to {target}, which is "
                            "already being checked); skipped it, remove the link"
                        ),
                        target=_display_name(target),
                    ),
                )
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            full = os.path.join(root, name)
            if not name.lower().endswith(SUFFIXES) or name.startswith(("~$", ".")):
                continue
            rel = Path(full).relative_to(top).as_posix()
            if any(glob_match(rel, pat) or glob_match(name, pat) for pat in excluded):
                continue
            if not _printable(full):
                yield _display_name(full), _BAD_NAME
                continue
            try:
                mode = os.stat(full).st_mode
            except OSError:
                yield full, None  # a dangling link: the reader says what is wrong
                continue
            yield full, None if stat.S_ISREG(mode) else _NOT_REGULAR
    yield from report_unlistable()


def _would_overwrite_a_letter(output_path: str, paths: Sequence[str]) -> bool:
    """True when ``--output`` names a letter of this run: one named on the command line, or
    an existing .txt/.md/.docx inside a folder being checked. Opening it for writing would
    destroy the letter, so the run stops before anything is written."""
    target = os.path.realpath(output_path)
    existing_letter = os.path.isfile(target) and target.lower().endswith(SUFFIXES)
    for given in paths:
        if given == "-":
            continue
        real = os.path.realpath(given)
        if real == target:
            return True
        if existing_letter and os.path.isdir(real) and _is_within(real, target):
            return True
    return False


def _exclusions(resolver: ConfigResolver, paths: Sequence[str]) -> list[str]:
    excluded: list[str] = []
    for given in paths:
        if given != "-" and Path(given).is_dir():
            excluded.extend(resolver.for_path(str(Path(given) / "x")).exclude)
    return excluded


def _cwd_config(resolver: ConfigResolver) -> Config | None:
    """The config that applies in the current folder (it says where the cache goes); a
    broken one is reported for the letters it governs, not here."""
    try:
        return resolver.for_path(None)
    except PoaLintError:
        return None


@main.command()
@click.argument("paths", nargs=-1, required=True)
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
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--jobs",
    "-j",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for large runs [default: number of CPUs].",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    envvar="POA_LINT_CACHE_DIR",
    help="Where to cache results [default: .poa-lint-cache in the current folder].",
)
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
    no_cache: bool,
    cache_dir: str | None,
    lang: str | None,
) -> None:
    """Check letters (.txt, .md, .docx; folders recursively; - for stdin)."""
    # spaCy, the engine and the API are imported only when a letter misses the cache, and
    # the catalogue is read only when something needs it (a config to validate, SARIF's
    # rule table, a letter to check): a fully cached run never parses the rule files.
    from .config_files import as_selector_tuple

    overrides: dict[str, Any] = {
        "select": as_selector_tuple(select),
        "extend_select": as_selector_tuple(extend_select),
        "ignore": as_selector_tuple(ignore),
        "min_severity": min_severity,
        "fail_on": fail_on,
    }
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    tr = _language(lang)
    if (
        tr.lang == DEFAULT  # another language takes the full path (which reads the cache too)
        and not no_cache
        and fmt in ("text", "json", "github")
        and not (config_path or notice_path or show_coverage)
        and not (output_path and _would_overwrite_a_letter(output_path, paths))
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
        )
        if code is not None:
            sys.exit(code)

    from .config import ConfigResolver
    from .parallel import OrderedRun, default_jobs
    from .reporters import get_reporter
    from .severity import fails

    try:
        resolver = ConfigResolver(config_path, overrides)
        if config_path:  # one config for every letter: report a problem once, up front
            resolver.for_path(None).validate_against(_catalog())
        if reason:
            from .reasons import resolve_reason

            resolve_reason(reason)
        notice_text = None
        if notice_path:
            from .readers import read_path

            notice_text = read_path(notice_path).text
    except PoaLintError as exc:
        if debug:
            traceback.print_exc()
        _fail(exc.template, tr)
        return

    report_file = os.path.realpath(output_path) if output_path else None
    if output_path and _would_overwrite_a_letter(output_path, paths):
        _fail(
            message(
                N_(
                    "--output {path} is one of the letters being checked; write the report "
                    "to another file"
                ),
                path=output_path,
            ),
            tr,
        )
        return
    stream: IO[str]
    stream = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout  # noqa: SIM115
    use_color = (
        color if color is not None else (fmt == "text" and not output_path and sys.stdout.isatty())
    )
    reporter_class = get_reporter(fmt)
    reporter: Reporter = reporter_class(
        stream,
        rules=_catalog().rules if reporter_class.needs_rules else (),
        show_coverage=show_coverage,
        quiet=quiet,
        color=use_color,
        lang=tr.lang,
    )
    reporter.start()
    had_error = False
    failing = False

    def on_report(report: Report, config: Config) -> None:
        nonlocal failing
        reporter.handle(report)
        verdict = report.verdict
        if verdict is not None and fails(
            verdict.errors, verdict.warnings, verdict.infos, config.fail_on
        ):
            failing = True

    def on_error(path: str, problem: str | Template) -> None:
        nonlocal had_error
        reporter.error(path, tr.text(problem))
        had_error = True

    # Every outcome goes through `run`, which hands them on in discovery order.
    run = OrderedRun(on_report, on_error)
    validated: dict[int, Config] = {}
    snapshots: set[int] = set()
    try:
        excluded = _exclusions(resolver, paths)
        cache = None
        if not no_cache:
            from .cache import ReportCache, resolve_cache_dir

            cache = ReportCache(
                resolve_cache_dir(cache_dir, _cwd_config(resolver)),
                reason=reason,
                notice=notice_text,
            )
    except PoaLintError as exc:
        _fail(exc.template, tr)
        return
    for path, problem in discover(paths, excluded):
        if report_file is not None and os.path.realpath(path) == report_file:
            continue  # the report being written, found in a folder: not a letter
        if problem:
            run.error(path, problem)
            continue
        try:
            config = resolver.for_path(None if path == "-" else path)
            key = cache.key(path, config) if cache is not None else None
            cached = cache.get(key) if cache is not None and key is not None else None
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
                read_stdin(limits=limits_for(config))
                if path == "-"
                else read_path(path, limits=limits_for(config))
            )
            if reporter.needs_text:
                reporter.letter_text(source.path, source.text)
        except PoaLintError as exc:
            if debug:
                traceback.print_exc()
            problem_text = exc.problem_template if isinstance(exc, InputError) else exc.template
            run.error(path if path != "-" else "<stdin>", problem_text)
            continue
        run.job(Job(source, config), key)
    run.run(
        reason=reason,
        notice=notice_text,
        workers=jobs or default_jobs(),
        cache=cache,
        debug=debug,
    )
    reporter.finish()
    if output_path:
        stream.close()
    if had_error:
        sys.exit(EXIT_ERROR)
    if failing and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


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
