"""The words that name a Plan of Action's parts, and which part a heading names.

``rules/sections.yaml`` holds the vocabulary of the structure analysis: the cue words of
headings ("Root cause", "What we did", "Preventive measures") and the word lists that
classify an item's role. It is read and validated here, and :func:`classify_heading`
answers from a line's words alone, with no parse.

This sits below :mod:`poa_lint.letter` (it reads text and data only) because the envelope,
which finds where the letter is inside pasted e-mail, asks whether a line names a part of
the letter; the structure analysis (:mod:`poa_lint.sections`) builds on the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .catalog import load_data_file

PartKind = Literal["introduction", "root_cause", "corrective", "preventive", "closing", "plan"]
PARTS: tuple[PartKind, ...] = ("root_cause", "corrective", "preventive")


class HeadingCue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: PartKind
    cues: tuple[str, ...]


class CauseMarkers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    connectives: tuple[str, ...]
    failure_lemmas: frozenset[str]
    investigation_verbs: frozenset[str]


class SectionVocabulary(BaseModel):
    """rules/sections.yaml, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading_cues: tuple[HeadingCue, ...]
    weak_cues: tuple[str, ...]
    cause_markers: CauseMarkers
    establish_verbs: frozenset[str]
    process_nouns: frozenset[str]
    routine_markers: tuple[str, ...]
    forward_markers: tuple[str, ...]
    discourse_verbs: frozenset[str]
    remedial_verbs: frozenset[str]
    rule_verbs: frozenset[str]
    appeal_words: frozenset[str]
    state_verbs: frozenset[str]
    courtesy_words: frozenset[str]
    denial_verbs: frozenset[str]
    acknowledged_objects: frozenset[str]
    sanction_verbs: frozenset[str]
    sanctioned_nouns: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> SectionVocabulary:
    return SectionVocabulary.model_validate(load_data_file("sections.yaml"))


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternatives; a trailing ``*`` allows any word ending."""

    def one(phrase: str) -> str:
        stem = phrase.endswith("*")
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"[\s-]+")
        return body + (r"\w*" if stem else "")

    alternatives = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def heading_cues() -> list[tuple[PartKind, re.Pattern[str], re.Pattern[str] | None]]:
    """Per part kind, a pattern of its strong cues and one of its weak cues (or None)."""
    vocab = vocabulary()
    weak = set(vocab.weak_cues)
    cues: list[tuple[PartKind, re.Pattern[str], re.Pattern[str] | None]] = []
    for cue in vocab.heading_cues:
        strong = [c for c in cue.cues if c not in weak] or ["\x00"]
        weakened = [c for c in cue.cues if c in weak]
        cues.append(
            (cue.kind, phrase_pattern(strong), phrase_pattern(weakened) if weakened else None)
        )
    return cues


LEADING_NUMBER = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:(?:step|part|section|question)\s+\w+\s*[:.)—–-]?\s*|"
    r"\(?(?:\d{1,2}|[a-hA-H]|[ivxIVX]{1,4}|[qQ]\d{1,2})[.):]\s*)?"
)
"""A heading's number or prefix ("2)", "Q1.", "Step 3:", "## **"), to strip before reading it."""


_CAUSE_NUMBER = r"(?:\d{1,2}|[a-h]\b|[ivx]{1,4}\b)"
CAUSE_REFERENCE = (
    r"\b(?:root\s+)?(?:causes?|reasons?)\s+(?:no\.?\s*)?"
    rf"({_CAUSE_NUMBER}(?:\s*(?:,|and|&|to|-)\s*{_CAUSE_NUMBER})*)"
)
"""Causes referred to by number ("causes 1 and 3", "reason 2", "cause ii"); group 1 holds
the numbers. Shared with :mod:`poa_lint.coverage`, which links actions to the causes they
name."""
# "Actions for causes 1 and 3", "For reason 1 and 2 we have done these things": a
# cross-reference names causes, but the heading is about the actions that answer them.
_CROSS_REFERENCE = re.compile(rf"\b(?:for|to|of|on)\s+(?:the\s+)?{CAUSE_REFERENCE}", re.IGNORECASE)


def classify_heading(text: str, limit: int | None = None) -> PartKind | None:
    """The part a heading or label names, or None when it names none of them.

    The first kind (in the catalogue's order) with a strong cue wins; only when no kind has
    one does the first kind with a weak cue ("did", "steps") win. ``limit`` is the most
    words a heading may have (default: 9, or 14 for a question).
    """
    cleaned = LEADING_NUMBER.sub("", text).strip().strip("*_#:：-–— ").strip()
    # Amazon's own three questions make long headings ("What will you do to prevent it from
    # happening again?"), so a question may run longer than a plain heading.
    if limit is None:
        limit = 14 if cleaned.endswith("?") else 9
    if not cleaned or len(cleaned.split()) > limit:
        return None
    cleaned = _CROSS_REFERENCE.sub(" ", cleaned)
    cues = heading_cues()
    for kind, strong, _ in cues:
        if strong.search(cleaned):
            return kind
    for kind, _, weak in cues:
        if weak is not None and weak.search(cleaned):
            return kind
    return None
