"""The warm path: a :class:`Linter` that a long-lived process creates once and calls often.

``lint()`` prepares everything for each call: it validates the config, prepares every rule
(each rule's options are a pydantic model), looks up the pipeline and matchers. That is
right for a script that checks one letter; a web page, an editor integration or a tool
that embeds poa-lint checks text after text with the same settings, and should pay for
that once. A ``Linter`` holds the pipeline, the catalogue, the validated config and the
prepared rules for as long as it lives, so each call costs the parse and the checks only.

It goes the same road as ``lint()`` and the command line (``batch.Checker``, one parse per
batch) and gives the same reports. One ``Linter`` may be called from many threads at once:
its caches fill under a lock, and parses are serialised, as for ``lint()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from .api import config_from, notice_text, text_source, typed_errors, without_surrogates
from .batch import Checker, Job
from .config import Config
from .models import Report

BATCH = 64
"""Texts parsed together by :meth:`Linter.lint_many` (one ``nlp.pipe``): enough to gain
from batching, few enough that the Docs held at once stay small (as in the CLI)."""

_WARM_UP = (
    "Dear Seller Performance team,\n\nRoot cause\nOur packer used thin boxes.\n\n"
    "Corrective actions\n- We refunded all 12 buyers within 24 hours.\n\n"
    "Preventive measures\n- A second packer checks every order before pickup.\n"
)


class Linter:
    """Check letters with one set of settings, keeping everything prepared between calls.

    ``config`` is a :class:`~poa_lint.Config` or a mapping of settings (as in the TOML
    file); the default is the built-in defaults. Creating a ``Linter`` loads the pipeline
    and prepares the rules (about a second the first time in a process); each call then
    checks one text (:meth:`lint`) or many with one parse (:meth:`lint_many`).
    """

    @typed_errors
    def __init__(self, config: Config | Mapping[str, Any] | None = None) -> None:
        self.config: Config = config_from(config) or Config()
        self._checker = Checker()
        self._checker.rules_for(self.config, None)  # validates the config: errors now
        # the first check compiles the matchers and reads the data files that checks use
        self._checker.check([Job(text_source(_WARM_UP), self.config)])

    @typed_errors
    def lint(
        self,
        text: str,
        *,
        reason: str | None = None,
        notice: str | None = None,
        notice_file: str | os.PathLike[str] | None = None,
        path: str | None = None,
    ) -> Report:
        """Check one text; the arguments mean what they mean for :func:`poa_lint.lint`
        (``path`` names the letter in the report and selects per-file-ignores)."""
        source = text_source(text, path)
        notice = _notice(notice, notice_file)
        return self._checker.check([Job(source, self.config)], reason=reason, notice=notice)[0]

    @typed_errors
    def lint_many(
        self,
        texts: Iterable[str],
        *,
        reason: str | None = None,
        notice: str | None = None,
        notice_file: str | os.PathLike[str] | None = None,
    ) -> list[Report]:
        """Check many texts, parsed together (one ``nlp.pipe`` per :data:`BATCH` texts);
        the reports come in the order of ``texts``."""
        notice = _notice(notice, notice_file)
        reports: list[Report] = []
        jobs: list[Job] = []
        for text in texts:
            jobs.append(Job(text_source(text), self.config))
            if len(jobs) == BATCH:
                reports += self._checker.check(jobs, reason=reason, notice=notice)
                jobs = []
        if jobs:
            reports += self._checker.check(jobs, reason=reason, notice=notice)
        return reports


def _notice(notice: str | None, notice_file: str | os.PathLike[str] | None) -> str | None:
    text = notice_text(notice, notice_file)
    return without_surrogates(text) if text is not None else None


def lint_many(
    texts: Iterable[str],
    *,
    reason: str | None = None,
    notice: str | None = None,
    notice_file: str | os.PathLike[str] | None = None,
    config: Config | Mapping[str, Any] | None = None,
) -> list[Report]:
    """Check many letters given as strings, parsed in batches; one report per text, in
    order. For repeated calls with the same settings, keep a :class:`Linter` instead."""
    return Linter(config).lint_many(texts, reason=reason, notice=notice, notice_file=notice_file)
