"""The one route of ``poa-lint check``: discover the letters, ask the cache for each, check
the rest, hand every outcome to the reporter in discovery order, and say the exit code.

Cached and uncached letters take this same route; the cache answers inside it. What makes
a cached re-run cheap is what the route does *not* do while the cache answers:

* a letter's settings are first asked of the cache's settings snapshots
  (:mod:`poa_lint.cli.settings`), so no config is validated and pydantic is not imported;
* the cache answers with the report in the form the output needs: a
  :class:`~poa_lint.stored.StoredReport` read without pydantic when the reporter writes
  all it shows from one (text, JSON, GitHub, statistics, in English), else the pydantic
  :class:`~poa_lint.models.Report` (:meth:`poa_lint.cache.ReportCache.answer`);
* the up-front checks that need the catalogue (``--select`` names real rules,
  ``--reason`` is known…) wait until something other than the cache must answer: a
  snapshot or report that is not there, a file that cannot be read, a problem to report.
  Until then the run's output is held (:class:`~poa_lint.parallel.OrderedRun`), so a check
  that fails still stops the run before it has printed anything, as it always did. Every
  snapshot and report was written by a run that passed those checks with the same flags,
  code and rules, so a run the cache answers entirely would have passed them too.

Options whose output needs more than the cache keeps, or that need the up-front checks in
any case (``--config``, ``--notice``, ``--show-coverage``, ``--show-files``, ``--debug``,
a baseline, SARIF or HTML, another language, ``--no-cache``), run the checks first. spaCy,
the engine and the API are imported only when a letter must be checked.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..discovery import ExcludeRules, Notices, discover
from ..errors import ConfigError, InputError, PoaLintError
from ..i18n import DEFAULT, Translator
from ..severity import fails
from ..stored import StoredReport
from ..texts import N_, Template, message
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, catalog, fail
from .letters import (
    check_flags,
    cwd_config,
    hand_text,
    output_file,
    read_notice,
    show_files,
    skip_stdin,
    snapshot_settings,
    source_name,
    write_baseline,
)
from .settings import Snapshots, cache_folder

if TYPE_CHECKING:
    from ..baseline import Baseline, BaselineWriter
    from ..cache import ReportCache
    from ..config import Config, ConfigResolver
    from ..models import Report
    from ..outcomes import LetterSettings, OrderedRun
    from ..output import OutputFile, OutputGuard
    from ..reporters.base import Reporter
    from ..terminal import Progress


@dataclass(frozen=True)
class CheckRequest:
    """What ``poa-lint check`` was asked to do (its flags, parsed)."""

    paths: tuple[str, ...]
    reason: str | None
    notice_path: str | None
    output_format: str
    output_path: str | None
    overrides: dict[str, Any]
    config_path: str | None
    exit_zero: bool
    quiet: bool
    show_coverage: bool
    color: bool | None
    debug: bool
    jobs: int | None
    model: str | None
    no_cache: bool
    cache_dir: str | None
    force_exclude: bool | None
    stdin_filename: str | None
    statistics: bool
    baseline_path: str | None
    write_baseline_path: str | None
    show_files: bool
    tr: Translator

    @property
    def checks_first(self) -> bool:
        """Whether the up-front checks run before anything else (see the module's text)."""
        return not (
            self.tr.lang == DEFAULT
            and not self.no_cache
            and self.output_format in ("text", "json", "github")
            and not (self.config_path or self.notice_path or self.show_coverage)
            and not (self.show_files or self.debug)
            and not (self.baseline_path or self.write_baseline_path)
        )


def check_letters(request: CheckRequest) -> NoReturn:
    """Run ``poa-lint check`` and exit with its code."""
    output, guard = output_file(
        request.output_path, request.paths, request.notice_path, request.config_path, request.tr
    )
    sys.exit(CheckRun(request, output, guard).run())


class CheckRun:
    """One ``check`` run: its settings, cache, reporter and outcomes (see the module)."""

    def __init__(
        self, request: CheckRequest, output: OutputFile | None, guard: OutputGuard | None
    ) -> None:
        self.request = request
        self.output = output
        self.guard = guard
        self.settled = False
        self.resolver: ConfigResolver | None = None
        self.notice_text: str | None = None
        self.baseline: Baseline | None = None
        self.writer: BaselineWriter | None = None
        self.cache: ReportCache | None = None
        self.snapshots: Snapshots | None = None
        self.outcomes: OrderedRun | None = None
        self.reporter: Reporter | None = None
        self.stored = False
        self.had_error = False
        self.failing = False
        self.progress: Progress | None = None
        self.notices = Notices()
        # Configs met by discovery (a folder's exclusions), validated configs, snapshots
        # written, config problems reported, notices read.
        self.consulted: dict[int, tuple[str, Config]] = {}
        self.validated: dict[int, Config] = {}
        self.snapshotted: set[int] = set()
        self.broken: set[str] = set()
        self.notice_texts: dict[str, str | None] = {}

    # --- the route ----------------------------------------------------------------------

    def run(self) -> int:
        request = self.request
        if request.checks_first:
            self.settle()
        found = discover(request.paths, self.exclude_rules, force_exclude=request.force_exclude)
        if request.show_files:
            self.settle()
            return show_files(
                found,
                self.notices,
                request.stdin_filename,
                request.notice_path is not None,
                request.tr,
            )
        reporter = self.reporter = self.start_reporter()
        self.stored = (
            reporter.reads_stored
            and request.tr.lang == DEFAULT
            and not request.show_coverage
            and self.baseline is None
            and not request.write_baseline_path
        )
        if request.write_baseline_path:
            from ..baseline import BaselineWriter

            self.writer = BaselineWriter(Path(request.write_baseline_path))
        reporter.start()
        from ..outcomes import OrderedRun

        self.outcomes = OrderedRun(self.on_report, self.on_error, held=not self.settled)
        self.cache = self.open_cache()
        for path, problem in found:
            self.letter(path, problem)
        self.snapshot_consulted()
        self.outcomes.release()  # answered by the cache alone: nothing can stop it now
        self.check_jobs()
        reporter.finish()
        if self.output is not None:
            try:
                self.output.commit()
            except PoaLintError as exc:
                self.stop(exc.template)
        return self.finish()

    def settle(self) -> None:
        """Run the up-front checks (once), then pass on the output held until now. From
        here on every letter's config is resolved and validated (pydantic)."""
        if self.settled:
            return
        self.settled = True
        request = self.request
        try:
            if request.model:
                from ..pipelines import pipeline_problem

                refused = pipeline_problem(request.model)
                if refused is not None:
                    raise PoaLintError(
                        message(
                            N_("--model {model}: {problem}"), model=request.model, problem=refused
                        )
                    )
            from ..config import ConfigResolver

            resolver = self.resolver = ConfigResolver(request.config_path, request.overrides)
            check_flags(request.overrides)
            if request.config_path:  # one config for every letter: report a problem once
                resolver.for_path(None).validate_against(catalog())
            if request.reason:
                from ..reasons import resolve_reason

                resolve_reason(request.reason)
            if request.notice_path:
                from ..readers import read_path

                self.notice_text = read_path(request.notice_path).text
            if request.baseline_path:
                from ..baseline import load_baseline

                self.baseline = load_baseline(request.baseline_path)
        except PoaLintError as exc:
            if request.debug:
                _print_traceback()
            fail(exc.template, request.tr)
        if self.cache is not None:  # opened from the raw config: open it as the config says
            self.cache = self.open_cache()
        if self.outcomes is not None:
            self.outcomes.release()

    def warn(self, warning: Template) -> None:
        """A warning on standard error, in the run's language (the run goes on)."""
        from ..safe_text import safe

        click.echo(safe(self.request.tr.render(warning)), err=True)

    def stop(self, problem: str | Template) -> NoReturn:
        """Stop the run with one line (exit 2), after the up-front checks, whose problem
        comes first."""
        self.settle()
        fail(problem, self.request.tr)
        raise AssertionError  # fail exits

    def config_resolver(self) -> ConfigResolver:
        self.settle()
        assert self.resolver is not None
        return self.resolver

    # --- steps --------------------------------------------------------------------------

    def exclude_rules(self, path: str) -> ExcludeRules | None:
        """What discovery skips under ``path``'s config (None: a broken config, reported
        with the letters it governs)."""
        if not self.settled and self.snapshots is not None:
            snapshot = self.snapshots.for_path(path)
            if snapshot is not None:
                return snapshot.exclude_rules
        resolver = self.config_resolver()
        try:
            config = resolver.for_path(path)
        except PoaLintError:
            return None
        self.consulted.setdefault(id(config), (path, config))
        return config.exclude_rules()

    def start_reporter(self) -> Reporter:
        from ..reporters import get_reporter
        from ..terminal import use_color

        request = self.request
        try:
            stream = self.output.open() if self.output is not None else sys.stdout
        except PoaLintError as exc:
            self.stop(exc.template)
        fmt = request.output_format
        colour = use_color(
            request.color, output_format=fmt, output_path=request.output_path, stdout=sys.stdout
        )
        if request.statistics:
            from ..reporters.statistics import StatisticsReporter

            return StatisticsReporter(
                stream,
                rules=(),
                quiet=request.quiet,
                color=colour,
                as_json=fmt == "json",
                lang=request.tr.lang,
            )
        reporter_class = get_reporter(fmt)
        return reporter_class(
            stream,
            rules=catalog().rules if reporter_class.needs_rules else (),
            show_coverage=request.show_coverage,
            quiet=request.quiet,
            color=colour,
            lang=request.tr.lang,
        )

    def open_cache(self) -> ReportCache | None:
        """The run's cache. Before the up-front checks its folder is read from the raw
        config of the current folder; after them, from the validated one. A folder that is
        not poa-lint's is an error, but the letters are still checked, without the cache."""
        request = self.request
        if request.no_cache:
            return None
        from ..cache import ReportCache, open_cache

        if not self.settled:
            folder = cache_folder(request.cache_dir)
            if folder is not None:
                lazy = ReportCache(folder, reason=request.reason, notice=None, warn=self.warn)
                self.snapshots = Snapshots(lazy, request.overrides)
                return lazy
            self.settle()
        from ..safe_text import safe

        try:
            cache, unusable = open_cache(
                request.cache_dir,
                cwd_config(self.config_resolver()),
                reason=request.reason,
                notice=self.notice_text,
                warn=self.warn,
            )
        except PoaLintError as exc:
            self.stop(exc.template)
        if unusable is not None:
            line = message(
                N_("poa-lint: error: {problem}; checked without the cache"), problem=unusable
            )
            click.echo(safe(request.tr.render(line)), err=True)
            self.had_error = True
        return cache

    def letter(self, path: str, problem: str | Template | None) -> None:
        """Record one discovered file's outcome: a cached report, a job, or a problem."""
        request = self.request
        outcomes = self.outcomes
        assert outcomes is not None
        clash = self.guard.found(path) if self.guard is not None else None
        if clash is not None:
            self.stop(clash)  # nothing written: the report's temporary file is removed
        if problem:
            self.settle()
            outcomes.error(path, problem)
            return
        name = request.stdin_filename if path == "-" and request.stdin_filename else path
        if not self.settled and self.answer_from_snapshot(path, name):
            return
        cache = self.cache if not request.debug else None
        try:
            config = self.config_resolver().for_path(None if name == "-" else name)
            if path == "-" and skip_stdin(request.stdin_filename, config, request.force_exclude):
                return
            paired = None if request.notice_path else self.notices.for_letter(name)
            key = self.cache.key(path, config, paired) if self.cache is not None else None
            cached = (
                cache.answer(key, stored=self.stored)
                if cache is not None and key is not None
                else None
            )
            if cached is not None:
                # A hit means this very config passed validation in the run that stored it
                # (same settings, code and rules), so the engine need not even be imported.
                assert self.cache is not None
                self.snapshot(path, config)
                if self.reporter is not None and self.reporter.needs_text:
                    hand_text(self.reporter, path, config)  # the HTML report shows the letter
                outcomes.cached(cached, config)
                return
            if id(config) not in self.validated:  # configs are shared per folder
                self.validated[id(config)] = config.validate_against(catalog())
            if self.cache is not None:
                self.snapshot(path, config)
            from ..api import Job, limits_for
            from ..readers import read_path, read_stdin

            source = (
                read_stdin(limits=limits_for(config), name=request.stdin_filename)
                if path == "-"
                else read_path(path, limits=limits_for(config))
            )
            if request.debug:
                click.echo(
                    f"poa-lint: debug: {source.path}: read as {source.encoding or source.format}",
                    err=True,
                )
            if self.reporter is not None and self.reporter.needs_text:
                self.reporter.letter_text(source.path, source.text)
        except ConfigError as exc:
            if request.debug:
                _print_traceback()
            if str(exc) not in self.broken:  # once per config, not once per letter under it
                self.broken.add(str(exc))
                outcomes.error(exc.source or "configuration", exc.problem_template)
            return
        except PoaLintError as exc:
            if request.debug:
                _print_traceback()
            failure = exc.problem_template if isinstance(exc, InputError) else exc.template
            outcomes.error(source_name(path, request.stdin_filename), failure)
            return
        own_notice = None
        if paired is not None:
            if paired not in self.notice_texts:
                self.notice_texts[paired] = read_notice(paired, config, outcomes)
            own_notice = self.notice_texts[paired]
            if own_notice is None:
                return  # the notice could not be read (reported): not checked without it
        outcomes.job(Job(source, config, own_notice), key)

    def answer_from_snapshot(self, path: str, name: str) -> bool:
        """Whether the cache answered for this letter from its settings snapshot alone."""
        if path == "-" or self.cache is None or self.snapshots is None:
            return False
        snapshot = self.snapshots.for_path(name)
        if snapshot is None:
            return False
        key = self.cache.key_for(
            path,
            snapshot.fingerprint,
            snapshot.model,
            snapshot.limit,
            self.notices.for_letter(name),
        )
        report = self.cache.answer(key, stored=self.stored) if key is not None else None
        if report is None:
            return False
        assert self.outcomes is not None
        self.outcomes.cached(report, snapshot)
        return True

    def snapshot(self, path: str, config: Config) -> None:
        assert self.cache is not None and self.resolver is not None
        snapshot_settings(self.cache, self.resolver, path, config, self.snapshotted)

    def snapshot_consulted(self) -> None:
        """Configs read only to decide what to skip (a folder holding no letter of its own)
        get a snapshot too, or the next run could not walk past them from the cache."""
        if self.cache is None:
            return
        for path, config in self.consulted.values():
            if id(config) in self.snapshotted:
                continue
            try:
                if id(config) not in self.validated:
                    self.validated[id(config)] = config.validate_against(catalog())
            except PoaLintError:
                continue  # reported with the letters it governs, if any
            self.snapshot(path, config)

    def check_jobs(self) -> None:
        """Check the letters the cache could not answer (in workers for a large run)."""
        outcomes = self.outcomes
        assert outcomes is not None
        if not outcomes.pending:
            return
        from ..parallel import BATCH, choose_workers
        from ..terminal import PROGRESS_BATCH, Progress, show_progress

        request = self.request
        if show_progress(
            outcomes.pending,
            quiet=request.quiet,
            output_path=request.output_path,
            stdout=sys.stdout,
            stderr=sys.stderr,
        ):
            self.progress = Progress(outcomes.pending, sys.stderr)
        outcomes.run(
            reason=request.reason,
            notice=self.notice_text,
            workers=choose_workers(request.jobs, outcomes.pending),
            cache=self.cache,
            debug=request.debug,
            progress=self.progress.advance if self.progress is not None else None,
            batch=PROGRESS_BATCH if self.progress is not None else BATCH,
        )
        if self.progress is not None:
            self.progress.close()

    # --- outcomes -----------------------------------------------------------------------

    def on_report(self, report: Report | StoredReport, settings: LetterSettings) -> None:
        reporter = self.reporter
        assert reporter is not None
        if self.progress is not None:
            self.progress.clear()
        if isinstance(report, StoredReport):
            reporter.handle_stored(report)
        else:
            if self.writer is not None:
                self.writer.add(report)
            if self.baseline is not None:
                report = self.baseline.apply(report)
            reporter.handle(report)
        verdict = report.verdict
        if verdict is not None and fails(
            verdict.errors, verdict.warnings, verdict.infos, settings.fail_on
        ):
            self.failing = True

    def on_error(self, path: str, problem: str | Template) -> None:
        assert self.reporter is not None
        if self.progress is not None:
            self.progress.clear()
        self.reporter.error(path, self.request.tr.text(problem))
        self.had_error = True

    def finish(self) -> int:
        """After the report is written: the baseline's line, and the exit code."""
        request = self.request
        if self.writer is not None:
            write_baseline(self.writer, request.tr)
        elif self.baseline is not None and self.baseline.matched and not request.quiet:
            click.echo(
                f"poa-lint: {self.baseline.matched} finding(s) recorded in "
                f"{request.baseline_path} not shown",
                err=True,
            )
        if self.had_error:
            return EXIT_ERROR
        if self.failing and not request.exit_zero and self.writer is None:
            return EXIT_FINDINGS
        return EXIT_OK


def _print_traceback() -> None:
    """``--debug``: the traceback of the error being handled (imported only then)."""
    import traceback

    traceback.print_exc()
