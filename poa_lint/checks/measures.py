"""Measure rules: actions must be concrete and carry time frames; lists beat walls of text.

"We will strengthen management" tells a reviewer nothing; "a second packer checks every
glass order before pickup, from 18 March" tells them who does what and when. These checks
read the items that ``sections.py`` classified as corrective or preventive actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..sections import ATTACHMENT
from ..timeframes import has_timeframe
from .base import Hit, NoOptions, Options

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter
    from ..sections import Item

ACTION_ROLES = ("corrective", "preventive")


def action_items(letter: Letter) -> list[Item]:
    """Items that are actions: classified corrective/preventive, or any content item under a
    corrective or preventive heading (e.g. a bullet that starts with a noun)."""
    structure = letter.structure
    inside = {i.start for k in ACTION_ROLES for i in structure.items_in(k)}  # type: ignore[arg-type]
    story = [
        (s.start, s.end)
        for s in structure.sections
        if s.kind == "root_cause" and s.found_by != "content"
    ]
    return [
        i
        for i in structure.scope()
        if (i.role in ACTION_ROLES or (i.start in inside and i.is_list_item and i.role != "cause"))
        and not letter.in_quotes(i.start, i.end)
        and not any(a <= i.start < b for a, b in story)
        and not ATTACHMENT.match(letter.text[i.start : i.end])
    ]


def _item_has_timeframe(letter: Letter, item: Item) -> bool:
    return has_timeframe(letter.text[item.start : item.end], letter.span(item.start, item.end))


class VagueOptions(Options):
    """The vague words, as lemmas, so a consultancy can add its own pet phrases."""

    vague_words: tuple[str, ...] = Field(
        default=(
            "improve",
            "strengthen",
            "enhance",
            "optimize",
            "optimise",
            "better",
            "strive",
            "endeavor",
            "endeavour",
            "attention",
            "careful",
            "tighten",
            "intensify",
            "reinforce",
            "harder",
        )
    )


_MEANS = re.compile(
    r"\b(?:by\s+\w+ing|using|through|via|with\s+(?:a|an|the|our|new|two|double)\b|such as|"
    r"including|for example|e\.g\.|so that\s+\w+\s+(?:checks?|scans?|reviews?)|"
    r"which\s+(?:checks?|means))",
    re.IGNORECASE,
)
_DO_BETTER = re.compile(
    r"\b(?:do|work|perform)\s+(?:much\s+|even\s+)?(?:better|harder)\b|\btry\s+(?:our|my)\s+(?:very\s+)?best\b|"
    r"\bpay\s+(?:more\s+|much\s+more\s+|closer\s+|extra\s+)?attention\b|\bbe\s+(?:more\s+|extra\s+|very\s+)?careful\b|"
    r"\bmake\s+sure\s+(?:this|it|that this|that it)\s+(?:will\s+)?never\s+happens?\s+again\b|"
    r"\bdo\s+(?:our|my)\s+best\b",
    re.IGNORECASE,
)


def _sentences_of(letter: Letter, item: Item) -> list[Span]:
    return list(letter.sentences_overlapping(item.start, item.end))


def _concrete(sentence: Span, text: str) -> bool:
    """Something a reviewer could verify: a number, a time frame, a means ("by switching to
    double-wall boxes"), a list of specifics, or a named thing."""
    if any(t.like_num for t in sentence) or has_timeframe(text, sentence):
        return True
    return bool(_MEANS.search(text)) or ":" in text.rstrip(":")


def _vague_words(sentence: Span, options: VagueOptions) -> list[Token]:
    vague = set(options.vague_words)
    return [
        t
        for t in sentence
        if t.pos_ in ("VERB", "ADJ", "ADV", "NOUN") and t.lemma_.lower() in vague
    ]


def vague_measure(letter: Letter, options: VagueOptions) -> Iterator[Hit]:
    """POA301: an action with no concrete how or what."""
    for item in action_items(letter):
        if item.role == "cause":
            continue
        for sentence in _sentences_of(letter, item):
            # Clip to the item: an inline label ("Preventive measures: …") is not a detail.
            clip_start = max(sentence.start_char, item.start)
            clip_end = min(sentence.end_char, item.end)
            text = letter.text[clip_start:clip_end]
            # The list marker ("2.") is no detail either.
            sentence = letter.span(clip_start, clip_end) or sentence
            if any(t.dep_ == "neg" for t in sentence if t.head.dep_ == "ROOT"):
                continue  # a negated promise ("we will not just try harder") is no measure
            phrase = _DO_BETTER.search(text)
            predicates = _vague_words(sentence, options)
            if not phrase and not predicates:
                continue
            if _concrete(sentence, text):
                continue
            if phrase:
                start = clip_start + phrase.start()
                end = clip_start + phrase.end()
            else:
                token = predicates[0]
                phrase_tokens = [token, *(c for c in token.children if c.dep_ in ("dobj", "prt"))]
                last = max(phrase_tokens, key=lambda t: t.i)
                last = max(last.subtree, key=lambda t: t.i) if last != token else last
                start, end = token.idx, last.idx + len(last.text)
            yield Hit(
                start=start,
                end=end,
                values={"match": letter.text[start:end]},
                suggestion=(
                    "Say exactly what changes, who does it and when, e.g. 'a second packer "
                    "checks every glass order against the packing list before pickup'."
                ),
            )
            break


def measure_without_timeframe(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA302 (info): an action item without a time frame, date, deadline or frequency.

    Silent when the letter has no time frames at all: POA303 says that once, instead of one
    finding per item.
    """
    items = action_items(letter)
    if not any(_item_has_timeframe(letter, i) for i in items):
        return
    for item in items:
        if not _item_has_timeframe(letter, item):
            yield Hit(start=item.start, end=item.end)


def no_timeframes(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA303: no measure anywhere in the letter carries a time frame."""
    items = action_items(letter)
    if not items or any(_item_has_timeframe(letter, i) for i in items):
        return
    first = items[0]
    yield Hit(start=first.start, end=first.end)


class WallOptions(Options):
    min_actions: int = Field(default=4, ge=2)
    min_words: int = Field(default=80, ge=10)
    list_style: Literal["bullets", "prose"] = "bullets"


def wall_of_text(letter: Letter, options: WallOptions) -> Iterator[Hit]:
    """POA801 (info): several action items packed into one paragraph; a list reads faster.

    Off when the house style is prose (``list-style = "prose"``): then paragraphs are asked for.
    """
    if options.list_style == "prose":
        return
    actions = action_items(letter)
    for paragraph in letter.paragraphs:
        if paragraph.kind != "body":
            continue
        inside = [
            i
            for i in actions
            if paragraph.start <= i.start < paragraph.end and i.role in ACTION_ROLES
        ]
        words = len(letter.text[paragraph.start : paragraph.end].split())
        if len(inside) >= options.min_actions and words >= options.min_words:
            yield Hit(
                start=paragraph.start,
                end=paragraph.end,
                values={"count": len(inside)},
                suggestion="Put each action on its own bullet or numbered line.",
            )
