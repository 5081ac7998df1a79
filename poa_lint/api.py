"""The Python API: ``lint()``, ``lint_file()`` and the batch entry point the CLI uses.

Everything the CLI can do goes through here, so an integrator importing poa-lint gets the
same results as a user at the terminal.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import ValidationError

from .catalog import Catalog, load_catalog
from .config import Config, ConfigResolver, parse_config
from .discovery import SUFFIXES, Notices
from .engine import (
    ActiveRule,
    build_report,
    check_letter,
    needs_entities,
    pattern_matcher,
    prepare_rules,
)
from .errors import ConfigError, InputError, PoaLintError
from .letter import build_letters
from .models import ReasonInfo, Report
from .nlp import load_pipeline, skipped_components
from .notice import Notice, find_reasons, parse_notice
from .readers import DEFAULT_LIMITS, ReadLimits, parse_plain_text, read_path, size_problem
from .reasons import Reason, load_taxonomy, resolve_reason
from .source import SourceText


@dataclass(frozen=True)
class Job:
    """One letter to check, with the config that applies to it and, when it has one of
    its own (``X.notice.txt`` beside ``X.txt``), the text of its notice."""

    source: SourceText
    config: Config
    notice: str | None = None


def _choose_reason(
    text: str, explicit: str | None, config: Config, notice: Notice | None
) -> tuple[Reason | None, ReasonInfo | None]:
    """Explicit option, then config, then the notice, then the letter's own words."""
    wanted = explicit or config.reason
    if wanted:
        reason = resolve_reason(wanted)
        return reason, ReasonInfo(id=reason.id, name=reason.name, source="option")
    if notice is not None and notice.reasons:
        reason = notice.reasons[0]
        return reason, ReasonInfo(id=reason.id, name=reason.name, source="notice")
    detected = find_reasons(text, load_taxonomy())
    if detected:
        reason = detected[0]
        return reason, ReasonInfo(id=reason.id, name=reason.name, source="detected")
    return None, None


def lint_jobs(
    jobs: Sequence[Job],
    *,
    reason: str | None = None,
    notice: str | None = None,
    catalog: Catalog | None = None,
) -> list[Report]:
    """Check many letters with one batched parse. Order of reports follows ``jobs``."""
    if not jobs:
        return []
    catalog = catalog or load_catalog()
    parsed: dict[str, Notice] = {}

    def notice_of(job: Job) -> Notice | None:
        text = job.notice if job.notice is not None else notice
        if not text:
            return None
        if text not in parsed:
            parsed[text] = parse_notice(text)
        return parsed[text]

    notices = [notice_of(job) for job in jobs]
    prepared = []
    # Letters of one folder share one config object: validate it and prepare its rules once
    # (per set of enabled rules, which per-file-ignores can change), not once per letter.
    validated: set[int] = set()
    ready: dict[tuple[int, tuple[str, ...]], list[ActiveRule]] = {}
    for job, job_notice in zip(jobs, notices, strict=True):
        if id(job.config) not in validated:
            job.config.validate_against(catalog)
            validated.add(id(job.config))
        enabled = tuple(r.code for r in job.config.enabled_rules(catalog, job.source.path))
        rules = ready.get((id(job.config), enabled))
        if rules is None:
            rules = ready[(id(job.config), enabled)] = prepare_rules(
                catalog, job.config, job.source.path
            )
        chosen, info = _choose_reason(job.source.text, reason, job.config, job_notice)
        prepared.append((rules, chosen, info))
    models = {job.config.model for job in jobs}
    if len(models) > 1:
        raise PoaLintError("letters in one run must use the same `model`; run them separately")
    entities = needs_entities(active for p in prepared for active in p[0])
    nlp = load_pipeline(models.pop(), entities=entities)
    letters = build_letters(
        [job.source for job in jobs],
        nlp,
        reasons=[p[1] for p in prepared],
        reason_sources=[p[2].source if p[2] else None for p in prepared],
        notices=notices,
        disable=skipped_components(nlp, entities=entities),
    )
    matcher = pattern_matcher(catalog, nlp)
    reports = []
    for job, letter, (rules, _, info) in zip(jobs, letters, prepared, strict=True):
        findings = check_letter(letter, rules, matcher)
        report = build_report(letter, findings, job.config)
        reports.append(report.model_copy(update={"reason": info}))
    return reports


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _typed_errors(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Only :class:`PoaLintError` leaves the API: a pydantic ``ValidationError`` (a model
    built from a bad value somewhere inside) becomes a :class:`ConfigError`."""

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or exc.title
            raise ConfigError(
                None, f"{where}: {err['msg']}; check the value passed to {function.__name__}()"
            ) from None

    return wrapper


def _config(config: Config | Mapping[str, Any] | None) -> Config | None:
    """A Config, or the settings of a TOML table as a mapping (``{"select": ["POA7"]}``),
    validated like a config file's."""
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return parse_config(config, "config=", None)
    raise ConfigError(
        None,
        f"config= takes a Config or a mapping of settings, not {type(config).__name__}; "
        "pass load_config_file(path) to use a file",
    )


_MAX_NOTICE_NAME = 1024


def _notice_text(notice: str | None, notice_file: str | os.PathLike[str] | None) -> str | None:
    """The notice's text from ``notice=`` (text) or ``notice_file=`` (a path to read).

    A path given as ``notice=`` used to be checked as if it were the notice's words; now it
    is refused with a hint, since a one-line name of an existing file or of a .txt/.md/.docx
    is never a notice."""
    if notice is not None and notice_file is not None:
        raise ConfigError(None, "pass either notice= (the text) or notice_file= (a path), not both")
    if notice_file is not None:
        return read_path(notice_file).text
    if notice is None:
        return None
    if isinstance(notice, os.PathLike) or not isinstance(notice, str):
        raise ConfigError(
            None, "notice= takes the notice's text; pass a path as notice_file= instead"
        )
    candidate = notice.strip()
    if (
        candidate
        and "\n" not in candidate
        and len(candidate) <= _MAX_NOTICE_NAME
        and (candidate.lower().endswith(SUFFIXES) or _is_file(candidate))
    ):
        raise ConfigError(
            None,
            f"notice= takes the notice's text, but {candidate!r} looks like a file name; "
            "pass it as notice_file= instead",
        )
    return notice


def _is_file(name: str) -> bool:
    try:
        return os.path.isfile(name)
    except (OSError, ValueError):
        return False


@_typed_errors
def lint(
    text: str,
    *,
    reason: str | None = None,
    notice: str | None = None,
    notice_file: str | os.PathLike[str] | None = None,
    config: Config | Mapping[str, Any] | None = None,
    path: str | None = None,
) -> Report:
    """Check the text of a letter.

    ``reason`` is a reason id such as ``"odr"`` (see ``rules/reasons.yaml``); ``notice`` is
    the text of Amazon's message, ``notice_file`` a file holding it (not both). ``config``
    defaults to the built-in defaults (no file discovery: pass
    ``config=load_config_file(...)`` to use one, or a mapping of settings).

    Any ``str`` is accepted. Lone surrogates (``"\\ud800"``, which no file can contain but a
    Python string can) are replaced by U+FFFD before checking, one for one, so offsets still
    point into ``text``; findings' excerpts show U+FFFD there. Text over the size caps
    (1,000,000 characters, 20,000 lines, 50,000 words and punctuation marks; see
    :class:`~poa_lint.readers.ReadLimits`) raises :class:`InputError`.
    """
    chosen = _config(config)
    notice = _notice_text(notice, notice_file)
    text = _without_surrogates(text)
    problem = size_problem(text, DEFAULT_LIMITS)
    if problem is not None:
        raise InputError(path, problem if path else f"the letter {problem}")
    source = parse_plain_text(text, path=path)
    notice = _without_surrogates(notice) if notice is not None else None
    return lint_jobs([Job(source, chosen or Config())], reason=reason, notice=notice)[0]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Replace each lone surrogate by U+FFFD (same length): spaCy cannot encode them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@_typed_errors
def lint_file(
    path: str | os.PathLike[str],
    *,
    reason: str | None = None,
    notice: str | None = None,
    notice_file: str | os.PathLike[str] | None = None,
    config: Config | Mapping[str, Any] | None = None,
) -> Report:
    """Check a .txt, .md or .docx letter. Without ``config``, the nearest config file applies.

    ``notice`` is the text of Amazon's notice, ``notice_file`` a file holding it; with
    neither, a notice beside the letter (``X.notice.txt`` for ``X.txt``) is used, as the
    command line does."""
    resolved = _config(config) or ConfigResolver().for_path(str(path))
    text = _notice_text(notice, notice_file)
    if text is None and notice is None:
        paired = Notices().for_letter(os.fspath(path))
        text = read_path(paired, limits=limits_for(resolved)).text if paired else None
    source = read_path(Path(path), limits=limits_for(resolved))
    return lint_jobs([Job(source, resolved)], reason=reason, notice=text)[0]


def limits_for(config: Config) -> ReadLimits:
    return ReadLimits(max_bytes=config.max_file_size, max_docx_uncompressed=config.max_docx_size)
