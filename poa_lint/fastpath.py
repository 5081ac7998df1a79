"""A fully cached run, answered without pydantic, the catalogue or spaCy.

A second ``poa-lint check`` over unchanged letters should cost what starting Python costs
(issue 6: under 0.3 s for 200 letters). Importing pydantic and building the config and
report models alone takes longer than the rest of such a run, so this module answers it
from plain data: the settings snapshots and the report entries of :mod:`poa_lint.cache`.

It handles the common case only (text, JSON or GitHub output, letters given as files or
folders, no ``--config``, ``--notice`` or ``--show-coverage``) and *bails out* (returns
None, having printed nothing) at the first thing it cannot answer exactly as the full path
would: a missing or stale snapshot or entry, a file that cannot be read or hashed, a
discovery problem, anything unexpected. The full path then runs as if this module did not
exist. Keys are computed by the same :class:`~poa_lint.cache.ReportCache` code from the
same inputs, and the reporters render lightweight views of the cached reports (the JSON
reporter writes the stored JSON itself), so output and exit code are byte for byte those of
the full path (``tests/test_fastpath.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from .cache import ReportCache, cache_location
from .config_files import (
    config_folder,
    config_table,
    find_config_file,
    read_config_file,
    settings_bytes,
)
from .discovery import ExcludeRules, Notices, discover
from .errors import PoaLintError
from .output import OutputFile, OutputGuard
from .reporters.json_format import public_entry
from .severity import Severity, fails
from .terminal import use_color

if TYPE_CHECKING:
    from .models import Report


@dataclass(frozen=True)
class _FindingView:
    """What the text and GitHub reporters read of a :class:`~poa_lint.models.Finding`."""

    code: str
    name: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: Severity
    message: str
    suggestion: str | None
    scope: str
    count: int
    excerpt: str
    paragraph: int | None


@dataclass(frozen=True)
class _VerdictView:
    """What the reporters and the exit code read of a :class:`~poa_lint.models.Verdict`."""

    status: str
    reason: str
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class _ReasonView:
    id: str
    name: str
    source: str


@dataclass(frozen=True)
class _ReportView:
    """What the text and GitHub reporters read of a :class:`~poa_lint.models.Report`, and
    the stored JSON, which is the JSON reporter's entry for it."""

    path: str | None
    verdict: _VerdictView
    findings: tuple[_FindingView, ...]
    reason: _ReasonView | None
    entry: dict[str, Any]
    sections: tuple[()] = ()
    coverage: tuple[()] = ()


def _view(data: dict[str, Any]) -> _ReportView:
    """A checked cache entry (:meth:`~poa_lint.cache.ReportCache.get_entry`) as a view."""
    reason = data.get("reason")
    verdict = data["verdict"]
    return _ReportView(
        path=data["path"],
        verdict=_VerdictView(
            status=verdict["status"],
            reason=verdict["reason"],
            errors=verdict["errors"],
            warnings=verdict["warnings"],
            infos=verdict["infos"],
        ),
        findings=tuple(
            _FindingView(
                code=f["code"],
                name=f["name"],
                line=f["line"],
                column=f["column"],
                end_line=f["end_line"],
                end_column=f["end_column"],
                severity=Severity(f["severity"]),
                message=f["message"],
                suggestion=f.get("suggestion"),
                scope=f["scope"],
                count=f["count"],
                excerpt=f["excerpt"],
                paragraph=f.get("paragraph"),
            )
            for f in data["findings"]
        ),
        reason=None
        if reason is None
        else _ReasonView(reason["id"], reason["name"], reason["source"]),
        entry=public_entry(data),
    )


class _Bail(Exception):
    """Something the fast path cannot answer exactly: the full path takes over."""


def _cache_dir(option: str | None) -> Path:
    """Where the cache is, as :func:`poa_lint.cache.open_cache` would say: the option, else
    ``cache-dir`` of the config in the current folder, else the default; a folder the cache
    may not use (:func:`poa_lint.cache.cache_location`) sends the run to the full path,
    which reports it."""
    found = None if option else find_config_file(Path.cwd())
    value = None
    if found is not None:
        table = config_table(found, read_config_file(found))
        if not isinstance(table, dict):
            raise _Bail
        value = table.get("cache-dir", table.get("cache_dir"))
        if value is not None and not isinstance(value, str):
            raise _Bail  # an invalid setting: the full path reports it
    directory, problem = cache_location(
        option, value, str(found.parent) if found else None, str(found) if found else None
    )
    if problem is not None:
        raise _Bail
    return directory


class _Settings:
    """Settings snapshots per config folder, as :class:`~poa_lint.config.ConfigResolver`
    would resolve them, read from the cache instead of validated with pydantic."""

    def __init__(self, cache: ReportCache, overrides: Mapping[str, Any]) -> None:
        self._cache = cache
        self._overrides = overrides
        self._by_folder: dict[Path, dict[str, Any]] = {}
        self._rules: dict[int, ExcludeRules] = {}

    def for_path(self, path: str) -> dict[str, Any]:
        folder = config_folder(path)
        known = self._by_folder.get(folder)
        if known is None:
            found = find_config_file(folder)
            raw = settings_bytes(found, read_config_file(found)) if found else b""
            identity = self._cache.settings_identity(found, raw, self._overrides)
            known = self._cache.get_settings(identity)
            if known is None:
                raise _Bail
            self._by_folder[folder] = known
        return known

    def exclude_rules(self, path: str) -> ExcludeRules:
        """What discovery needs, as :meth:`poa_lint.config.Config.exclude_rules` says."""
        known = self.for_path(path)
        rules = self._rules.get(id(known))
        if rules is None:
            rules = self._rules[id(known)] = ExcludeRules(
                patterns=tuple(
                    (anchor, tuple(patterns)) for anchor, patterns in known["exclusions"]
                ),
                respect_gitignore=bool(known["respect_gitignore"]),
                force_exclude=bool(known["force_exclude"]),
            )
        return rules


FORMATS = ("text", "json", "github")
"""The output formats the fast path writes (SARIF lists the rule catalogue: full path)."""


def cached_run(
    paths: Sequence[str],
    *,
    output_format: str,
    reason: str | None,
    overrides: Mapping[str, Any],
    cache_dir: str | None,
    output_path: str | None,
    quiet: bool,
    color: bool | None,
    exit_zero: bool,
    force_exclude: bool | None = None,
    statistics: bool = False,
) -> int | None:
    """The exit code of a run answered entirely from the cache, or None (nothing printed)
    when the full path must run."""
    from .cli import EXIT_FINDINGS, EXIT_OK

    try:
        if output_format not in FORMATS or any(p == "-" for p in paths):
            raise _Bail
        cache = ReportCache(_cache_dir(cache_dir), reason=reason, notice=None)
        settings = _Settings(cache, overrides)
        notices = Notices()
        guard = OutputGuard(OutputFile(output_path)) if output_path else None
        views: list[_ReportView] = []
        failing = False
        for path, problem in discover(paths, settings.exclude_rules, force_exclude=force_exclude):
            if guard is not None and guard.found(path) is not None:
                raise _Bail  # the output is one of the run's files: the full path refuses it
            if problem:
                raise _Bail
            found = settings.for_path(path)
            key = cache.key_for(
                path,
                found["fingerprint"].encode("utf-8"),
                found["model"],
                found["limit"],
                notices.for_letter(path),
            )
            entry = cache.get_entry(key) if key is not None else None
            if entry is None:
                raise _Bail
            view = _view(entry)
            v = view.verdict
            failing = failing or fails(v.errors, v.warnings, v.infos, Severity(found["fail_on"]))
            views.append(view)
        output = OutputFile(output_path) if output_path else None
        stream = output.open() if output is not None else sys.stdout
    except (_Bail, PoaLintError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # the full path answers (and reports a bad config as an error)
    try:
        _print(
            views,
            output_format,
            stream,
            output_path=output_path,
            quiet=quiet,
            color=color,
            statistics=statistics,
        )
        if output is not None:
            output.commit()  # atomically, as the full path does (poa_lint/output.py)
    except PoaLintError:
        return None  # only --output can fail here, and nothing was printed: full path
    finally:
        if output is not None:
            output.discard()
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK


def _print(
    views: Sequence[_ReportView],
    output_format: str,
    stream: TextIO,
    *,
    output_path: str | None,
    quiet: bool,
    color: bool | None,
    statistics: bool,
) -> None:
    from .reporters import get_reporter
    from .reporters.base import Reporter
    from .reporters.json_format import JsonReporter

    colour = use_color(
        color, output_format=output_format, output_path=output_path, stdout=sys.stdout
    )
    reporter: Reporter
    if statistics:
        from .reporters.statistics import StatisticsReporter

        reporter = StatisticsReporter(
            stream, rules=(), quiet=quiet, color=colour, as_json=output_format == "json"
        )
    else:
        reporter = get_reporter(output_format)(stream, rules=(), quiet=quiet, color=colour)
    reporter.start()
    for view in views:
        # The views carry every attribute the text and GitHub reporters read of a Report.
        report = cast("Report", view)
        if isinstance(reporter, JsonReporter):
            reporter.handle_stored(report, view.entry)
        else:
            reporter.handle(report)
    reporter.finish()
