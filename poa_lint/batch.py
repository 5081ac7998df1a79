"""Check a batch of letters: one parse for all of them, then every enabled rule on each.

A :class:`Checker` keeps what does not change from one batch to the next: the catalogue,
each config validated once, the rules prepared per config and per set of enabled rules,
the pipeline and the compiled matchers. ``api.lint_jobs`` (the CLI's road) uses a fresh
one per call, as before; :class:`poa_lint.linter.Linter` keeps one for as long as it lives,
which is what makes a long-lived process (the web page, an editor) fast on each text.
It is safe to share between threads: its caches are filled under a lock, and the parse
itself is serialised (``letter.build_letters``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .catalog import Catalog, load_catalog
from .config import Config
from .engine import (
    ActiveRule,
    PatternMatcher,
    build_report,
    check_letter,
    needs_entities,
    pattern_matcher,
    prepare_rules,
)
from .errors import PoaLintError
from .letter import build_letters
from .models import ReasonInfo, Report
from .nlp import load_pipeline, skipped_components
from .notice import Notice, find_reasons, parse_notice
from .reasons import Reason, load_taxonomy, resolve_reason
from .source import SourceText
from .texts import N_

if TYPE_CHECKING:
    from spacy.language import Language


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


_MAX_NOTICES = 64
_MAX_ENABLED = 10_000


class Checker:
    """Checks batches of jobs, keeping validated configs and prepared rules between them."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self._lock = threading.Lock()
        # Keyed by id(config); the config itself is kept so that its id is never reused.
        self._validated: dict[int, Config] = {}
        self._ready: dict[tuple[int, tuple[str, ...]], list[ActiveRule]] = {}
        self._enabled: dict[tuple[int, str | None], tuple[str, ...]] = {}
        self._notices: dict[str, Notice] = {}
        # id(rules) -> (the list itself, so its id is never reused; whether it reads entities)
        self._entities: dict[int, tuple[list[ActiveRule], bool]] = {}

    def rules_for(self, config: Config, path: str | None) -> list[ActiveRule]:
        """The prepared rules of ``config`` for a letter at ``path``: letters of one folder
        share one config object, validated and prepared once (per set of enabled rules,
        which per-file-ignores can change), not once per letter."""
        with self._lock:
            if id(config) not in self._validated:
                config.validate_against(self.catalog)
                self._validated[id(config)] = config
            # Config is frozen: which rules it enables depends on the path only through
            # per-file-ignores, so a warm Linter asks once, not on every call.
            where = path if config.per_file_ignores else None
            enabled = self._enabled.get((id(config), where))
            if enabled is None:
                if len(self._enabled) >= _MAX_ENABLED:  # one entry per file of a large run
                    self._enabled.clear()
                enabled = tuple(r.code for r in config.enabled_rules(self.catalog, path))
                self._enabled[(id(config), where)] = enabled
            rules = self._ready.get((id(config), enabled))
            if rules is None:
                rules = self._ready[(id(config), enabled)] = prepare_rules(
                    self.catalog, config, path
                )
            return rules

    def _needs_entities(self, rules: list[ActiveRule]) -> bool:
        with self._lock:
            known = self._entities.get(id(rules))
            if known is None or known[0] is not rules:
                known = self._entities[id(rules)] = (rules, needs_entities(rules))
            return known[1]

    def _notice(self, text: str | None) -> Notice | None:
        if not text:
            return None
        with self._lock:
            parsed = self._notices.get(text)
            if parsed is None:
                if len(self._notices) >= _MAX_NOTICES:  # a long-lived Linter sees many
                    self._notices.clear()
                parsed = self._notices[text] = parse_notice(text)
            return parsed

    def pipeline(self, model: str | None, entities: bool) -> tuple[Language, PatternMatcher]:
        """The loaded pipeline and the catalogue's compiled matcher for it."""
        nlp = load_pipeline(model, entities=entities)
        return nlp, pattern_matcher(self.catalog, nlp)

    def check(
        self, jobs: Sequence[Job], *, reason: str | None = None, notice: str | None = None
    ) -> list[Report]:
        """Check many letters with one batched parse. Order of reports follows ``jobs``."""
        if not jobs:
            return []
        notices = [self._notice(job.notice if job.notice is not None else notice) for job in jobs]
        prepared = []
        for job, job_notice in zip(jobs, notices, strict=True):
            rules = self.rules_for(job.config, job.source.path)
            chosen, info = _choose_reason(job.source.text, reason, job.config, job_notice)
            prepared.append((rules, chosen, info))
        models = {job.config.model for job in jobs}
        if len(models) > 1:
            raise PoaLintError(
                N_("letters in one run must use the same `model`; run them separately")
            )
        # letters of one config share one list of rules: ask each list once, and remember
        # the answer with the list (a warm Linter asks on every call)
        distinct = {id(p[0]): p[0] for p in prepared}.values()
        entities = any(self._needs_entities(rules) for rules in distinct)
        nlp, matcher = self.pipeline(models.pop(), entities)
        letters = build_letters(
            [job.source for job in jobs],
            nlp,
            reasons=[p[1] for p in prepared],
            reason_sources=[p[2].source if p[2] else None for p in prepared],
            notices=notices,
            disable=skipped_components(nlp, entities=entities),
        )
        reports = []
        for job, letter, (rules, _, info) in zip(jobs, letters, prepared, strict=True):
            findings = check_letter(letter, rules, matcher)
            report = build_report(letter, findings, job.config)
            reports.append(report.model_copy(update={"reason": info}))
        return reports
