"""The Python API: ``lint()``, ``lint_file()`` and the batch entry point the CLI uses.

Everything the CLI can do goes through here, so an integrator importing poa-lint gets the
same results as a user at the terminal.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import ValidationError

from .batch import Checker
from .batch import Job as Job
from .catalog import Catalog
from .config import Config, ConfigResolver, parse_config
from .discovery import SUFFIXES, Notices
from .errors import ConfigError, InputError
from .models import Report
from .readers import DEFAULT_LIMITS, ReadLimits, parse_plain_text, read_path, size_problem
from .source import SourceText
from .texts import N_, message


def lint_jobs(
    jobs: Sequence[Job],
    *,
    reason: str | None = None,
    notice: str | None = None,
    catalog: Catalog | None = None,
) -> list[Report]:
    """Check many letters with one batched parse. Order of reports follows ``jobs``."""
    return Checker(catalog).check(jobs, reason=reason, notice=notice)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def typed_errors(function: Callable[_P, _R]) -> Callable[_P, _R]:
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


def config_from(config: Config | Mapping[str, Any] | None) -> Config | None:
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


def notice_text(notice: str | None, notice_file: str | os.PathLike[str] | None) -> str | None:
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


@typed_errors
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
    chosen = config_from(config)
    notice = notice_text(notice, notice_file)
    source = text_source(text, path)
    notice = without_surrogates(notice) if notice is not None else None
    return lint_jobs([Job(source, chosen or Config())], reason=reason, notice=notice)[0]


def text_source(text: str, path: str | None = None) -> SourceText:
    """A letter given as a string, ready to check: lone surrogates replaced (see
    :func:`lint`), and refused with :class:`InputError` when it is over the size caps."""
    text = without_surrogates(text)
    problem = size_problem(text, DEFAULT_LIMITS)
    if problem is not None:
        if path:
            raise InputError(path, problem)
        raise InputError(None, message(N_("the letter {problem}"), problem=problem))
    return parse_plain_text(text, path=path)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Replace each lone surrogate by U+FFFD (same length): spaCy cannot encode them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@typed_errors
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
    resolved = config_from(config) or ConfigResolver().for_path(str(path))
    text = notice_text(notice, notice_file)
    if text is None and notice is None:
        paired = Notices().for_letter(os.fspath(path))
        text = read_path(paired, limits=limits_for(resolved)).text if paired else None
    source = read_path(Path(path), limits=limits_for(resolved))
    return lint_jobs([Job(source, resolved)], reason=reason, notice=text)[0]


def limits_for(config: Config) -> ReadLimits:
    return ReadLimits(max_bytes=config.max_file_size, max_docx_uncompressed=config.max_docx_size)
