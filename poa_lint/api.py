"""The Python API: ``lint()``, ``lint_file()`` and the batch entry point the CLI uses.

Everything the CLI can do goes through here, so an integrator importing poa-lint gets the
same results as a user at the terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .config import Config, ConfigResolver
from .engine import (
    ActiveRule,
    build_report,
    check_letter,
    needs_entities,
    pattern_matcher,
    prepare_rules,
)
from .errors import InputError, PoaLintError
from .letter import build_letters
from .models import ReasonInfo, Report
from .nlp import load_pipeline, skipped_components
from .notice import Notice, find_reasons, parse_notice
from .readers import DEFAULT_LIMITS, ReadLimits, parse_plain_text, read_path, too_long_problem
from .reasons import Reason, load_taxonomy, resolve_reason
from .source import SourceText
from .texts import N_, message


@dataclass(frozen=True)
class Job:
    """One letter to check, with the config that applies to it."""

    source: SourceText
    config: Config


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
    parsed_notice = parse_notice(notice) if notice else None
    prepared = []
    # Letters of one folder share one config object: validate it and prepare its rules once
    # (per set of enabled rules, which per-file-ignores can change), not once per letter.
    validated: set[int] = set()
    ready: dict[tuple[int, tuple[str, ...]], list[ActiveRule]] = {}
    for job in jobs:
        if id(job.config) not in validated:
            job.config.validate_against(catalog)
            validated.add(id(job.config))
        enabled = tuple(r.code for r in job.config.enabled_rules(catalog, job.source.path))
        rules = ready.get((id(job.config), enabled))
        if rules is None:
            rules = ready[(id(job.config), enabled)] = prepare_rules(
                catalog, job.config, job.source.path
            )
        chosen, info = _choose_reason(job.source.text, reason, job.config, parsed_notice)
        prepared.append((rules, chosen, info))
    models = {job.config.model for job in jobs}
    if len(models) > 1:
        raise PoaLintError(
            N_("letters in one run must use the same `model`; run them separately")
        )
    nlp = load_pipeline(models.pop())
    entities = needs_entities(active for p in prepared for active in p[0])
    letters = build_letters(
        [job.source for job in jobs],
        nlp,
        reasons=[p[1] for p in prepared],
        reason_sources=[p[2].source if p[2] else None for p in prepared],
        notices=[parsed_notice] * len(jobs),
        disable=skipped_components(nlp, entities=entities),
    )
    matcher = pattern_matcher(catalog, nlp)
    reports = []
    for job, letter, (rules, _, info) in zip(jobs, letters, prepared, strict=True):
        findings = check_letter(letter, rules, matcher)
        report = build_report(letter, findings, job.config)
        reports.append(report.model_copy(update={"reason": info}))
    return reports


def lint(
    text: str,
    *,
    reason: str | None = None,
    notice: str | None = None,
    config: Config | None = None,
    path: str | None = None,
) -> Report:
    """Check the text of a letter.

    ``reason`` is a reason id such as ``"odr"`` (see ``rules/reasons.yaml``); ``notice`` is
    the text of Amazon's message. ``config`` defaults to the built-in defaults (no file
    discovery: pass ``config=load_config_file(...)`` to use one).

    Any ``str`` is accepted. Lone surrogates (``"\\ud800"``, which no file can contain but a
    Python string can) are replaced by U+FFFD before checking, one for one, so offsets still
    point into ``text``; findings' excerpts show U+FFFD there. Text longer than
    1,000,000 characters raises :class:`InputError`.
    """
    source = text_source(text, path=path)
    notice = _without_surrogates(notice) if notice is not None else None
    return lint_jobs([Job(source, config or Config())], reason=reason, notice=notice)[0]


def text_source(text: str, *, path: str | None = None) -> SourceText:
    """A letter given as a string, ready to check: lone surrogates replaced (see
    :func:`lint`), and refused with :class:`InputError` when it is too long."""
    text = _without_surrogates(text)
    if len(text) > DEFAULT_LIMITS.max_chars:
        problem = too_long_problem(len(text), DEFAULT_LIMITS.max_chars)
        if path:
            raise InputError(path, problem)
        raise InputError(None, message(N_("the letter {problem}"), problem=problem))
    return parse_plain_text(text, path=path)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Replace each lone surrogate by U+FFFD (same length): spaCy cannot encode them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def lint_file(
    path: str | os.PathLike[str],
    *,
    reason: str | None = None,
    notice: str | None = None,
    config: Config | None = None,
) -> Report:
    """Check a .txt, .md or .docx letter. Without ``config``, the nearest config file applies."""
    resolved = config or ConfigResolver().for_path(str(path))
    source = read_path(Path(path), limits=limits_for(resolved))
    return lint_jobs([Job(source, resolved)], reason=reason, notice=notice)[0]


def limits_for(config: Config) -> ReadLimits:
    return ReadLimits(max_bytes=config.max_file_size, max_docx_uncompressed=config.max_docx_size)
