"""Match each cause in the root-cause part to the actions that answer it.

Amazon asks for an answer to *every* issue; the commonest structural defect after a missing
part is a cause that the letter names and then forgets. A cause and an action match when
they share a content word after folding synonyms (``rules/synonyms.yaml``: box ~ packaging ~
bubble wrap), or an order ID / ASIN. Words every letter uses (order, customer, ensure) are
ignored, so "customer" alone never makes a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .catalog import load_data_file
from .sections import Item

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .letter import Letter

_ID_RE = re.compile(r"\b(?:\d{3}-\d{7}-\d{7}|B0[0-9A-Z]{8})\b")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_LEAD_IN = re.compile(
    r"(?:\b(?:following|below)\b|\b(?:two|three|four|five|several|main|these|some)\s+(?:\w+\s+)?"
    r"(?:causes?|reasons?|issues?|problems?|factors?)\b)",
    re.IGNORECASE,
)
_SUMMARY_SUBJECT = re.compile(
    r"^\s*(?:both|these|this|all|each|the)\s+(?:\w+\s+)?(?:problems?|issues?|causes?|mistakes?|failures?|errors?)\b",
    re.IGNORECASE,
)


class Synonyms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    groups: tuple[tuple[str, ...], ...]
    generic: frozenset[str]


@lru_cache(maxsize=1)
def synonyms() -> tuple[dict[str, str], frozenset[str], tuple[tuple[str, str], ...]]:
    """(word → canonical word, generic words, multi-word phrases → canonical)."""
    data = Synonyms.model_validate(load_data_file("synonyms.yaml"))
    canonical: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for group in data.groups:
        head = group[0]
        for word in group:
            if " " in word:
                phrases.append((word, head))
            else:
                canonical.setdefault(word, head)
    return canonical, data.generic, tuple(sorted(phrases, key=lambda p: -len(p[0])))


def item_keys(letter: Letter, item: Item) -> frozenset[str]:
    """The words (canonical lemmas) and IDs that say what an item is about."""
    canonical, generic, phrases = synonyms()
    span = letter.span(item.start, item.end)
    text = letter.text[item.start : item.end]
    keys: set[str] = set(_ID_RE.findall(text))
    lowered = text.lower()
    for phrase, head in phrases:
        if phrase in lowered:
            keys.add(head)
    if span is not None:
        keys.update(_lemma_keys(span, canonical, generic))
    return frozenset(k for k in keys if k not in generic)


def _lemma_keys(span: Span, canonical: dict[str, str], generic: frozenset[str]) -> set[str]:
    keys = set()
    for token in span:
        if token.pos_ not in _CONTENT_POS or token.is_stop or len(token.text) < 3:
            continue
        if token.like_num or not token.is_alpha:
            continue
        lemma = token.lemma_.lower()
        if lemma in generic or token.lower_ in generic:
            continue
        keys.add(canonical.get(lemma, canonical.get(token.lower_, lemma)))
    return keys


@dataclass(frozen=True)
class CauseLink:
    """A cause and the corrective and preventive items that answer it."""

    cause: Item
    label: str
    corrective: tuple[Item, ...]
    preventive: tuple[Item, ...]


def cause_items(letter: Letter) -> list[Item]:
    """The causes a letter names: items of its root-cause part, minus lead-ins and summaries."""
    structure = letter.structure
    parts = structure.parts("root_cause")
    if parts:
        candidates = [i for s in parts for i in s.items]
        labelled = any(s.found_by != "content" for s in parts)
        if labelled:
            # Under a heading every content item counts, but plain statements of fact in
            # prose ("The buyer's complaint was valid") are context, not separate causes.
            candidates = [i for i in candidates if i.role == "cause" or i.is_list_item]
        else:
            candidates = [i for i in candidates if i.role == "cause"]
    else:
        candidates = [i for i in structure.items if i.role == "cause"]
    out = []
    for item in candidates:
        text = letter.text[item.start : item.end].strip()
        if text.endswith(":") or (_LEAD_IN.search(text) and len(text.split()) <= 20):
            continue
        if _SUMMARY_SUBJECT.match(text):
            continue
        if not item_keys(letter, item):
            continue
        out.append(item)
    return out


def _action_items(letter: Letter, part: str) -> list[Item]:
    structure = letter.structure
    role = "corrective" if part == "corrective" else "preventive"
    inside = [i for s in structure.parts(part) for i in s.items]  # type: ignore[arg-type]
    anywhere = [i for i in structure.items if i.role == role]
    seen: dict[int, Item] = {i.start: i for i in inside}
    for item in anywhere:
        seen.setdefault(item.start, item)
    return sorted(seen.values(), key=lambda i: i.start)


def _label(letter: Letter, item: Item, limit: int = 90) -> str:
    text = " ".join(letter.text[item.start : item.end].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link_causes(letter: Letter) -> list[CauseLink]:
    """The cause → corrective → preventive matrix."""
    causes = cause_items(letter)
    if not causes:
        return []
    corrective = [(i, item_keys(letter, i)) for i in _action_items(letter, "corrective")]
    preventive = [(i, item_keys(letter, i)) for i in _action_items(letter, "preventive")]
    links = []
    for cause in causes:
        keys = item_keys(letter, cause)
        links.append(
            CauseLink(
                cause=cause,
                label=_label(letter, cause),
                corrective=tuple(i for i, k in corrective if k & keys and i.start != cause.start),
                preventive=tuple(i for i, k in preventive if k & keys and i.start != cause.start),
            )
        )
    return links
