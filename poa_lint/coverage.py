"""Match each cause in the root-cause part to the actions that answer it.

Amazon asks for an answer to *every* issue; the commonest structural defect after a missing
part is a cause that the letter names and then forgets. A cause and an action match when
they share a content word after folding synonyms (``rules/synonyms.yaml``: box ~ packaging ~
bubble wrap), or an order ID / ASIN. Words every letter uses (order, customer, ensure) are
ignored, so "customer" alone never makes a match.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .catalog import load_data_file
from .sections import CAUSE_REFERENCE, EVIDENCE_POINTER, Item, structure_of

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .letter import Letter

_ID_RE = re.compile(r"\b(?:\d{3}-\d{7}-\d{7}|B0[0-9A-Z]{8})\b")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_LEAD_IN = re.compile(
    r"(?:\b(?:following|below)\b|\b(?:two|three|four|five|several|main|these|some)\s+(?:\w+\s+)?"
    r"(?:causes?|reasons?|issues?|problems?|factors?|things?|mistakes?|errors?|failures?|"
    r"gaps?|faults?|weaknesses)\b)",
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
    """The words (canonical lemmas) and IDs that say what an item is about (computed once
    per item: matching compares every cause with every action)."""
    known: dict[tuple[int, int], frozenset[str]] = letter.shared("coverage.item_keys", _new_dict)
    keys = known.get((item.start, item.end))
    if keys is None:
        keys = known[(item.start, item.end)] = _item_keys(letter, item)
    return keys


def _new_dict(letter: Letter) -> dict[tuple[int, int], frozenset[str]]:
    return {}


def _item_keys(letter: Letter, item: Item) -> frozenset[str]:
    canonical, generic, phrases = synonyms()
    span = letter.span(item.start, item.end)
    text = letter.text[item.start : item.end]
    keys: set[str] = set(_ID_RE.findall(text))
    lowered = text.lower()
    for phrase, head in phrases:
        if phrase in lowered:
            keys.add(head)
    if span is not None:
        keys.update(_lemma_keys(letter, span, canonical, generic))
    return frozenset(k for k in keys if k not in generic)


def _lemma_keys(
    letter: Letter, span: Span, canonical: dict[str, str], generic: frozenset[str]
) -> set[str]:
    """The canonical lemmas of the span's content words (nouns, names, verbs, adjectives of
    three letters or more, not stop words, not numbers), read from the letter's arrays."""
    content = letter.shared("coverage.content_words", _content_words)
    texts, lowers, lemmas = letter.texts, letter.lowers, letter.lemmas
    keys = set()
    for i in range(span.start, span.end):
        if not content[i] or len(texts[i]) < 3:
            continue
        lemma, lower = lemmas[i], lowers[i]
        if lemma in generic or lower in generic:
            continue
        keys.add(canonical.get(lemma, canonical.get(lower, lemma)))
    return keys


def _content_words(letter: Letter) -> list[bool]:
    """Per token: a content part of speech, not a stop word, not like a number, alphabetic
    (the Doc's arrays, read once per letter; every item of the letter asks)."""
    from spacy.attrs import IS_ALPHA, IS_STOP, LIKE_NUM, POS

    doc = letter.doc
    if not len(doc):
        return []
    strings = doc.vocab.strings
    content_pos = {strings[pos] for pos in _CONTENT_POS}
    return [
        pos in content_pos and not stop and not num and bool(alpha)
        for pos, stop, num, alpha in doc.to_array([POS, IS_STOP, LIKE_NUM, IS_ALPHA]).tolist()
    ]


@dataclass(frozen=True)
class CauseLink:
    """A cause and the corrective and preventive items that answer it."""

    cause: Item
    label: str
    corrective: tuple[Item, ...]
    preventive: tuple[Item, ...]


_ENUMERATOR = re.compile(
    r"^\s*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|finally|lastly|also|in addition|"
    r"another|"
    r"the (?:first|second|third|other|last) (?:cause|reason|problem|issue))\b",
    re.IGNORECASE,
)
_CONSEQUENCE = re.compile(
    r"^\s*(?:as a (?:result|consequence)|this (?:led|caused|resulted)|because of this|"
    r"therefore|so\b)",
    re.IGNORECASE,
)
_AFFECTED = frozenset(
    {"buyer", "customer", "client", "shopper", "complaint", "claim", "rate", "odr"}
)


@dataclass(frozen=True)
class CauseGroup:
    """One cause: a list item of the root-cause part, or a run of its sentences."""

    items: tuple[Item, ...]

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


def _is_context(letter: Letter, item: Item) -> bool:
    """Lead-ins ("We found three causes:") and summaries ("Both problems came from…")."""
    text = letter.text[item.start : item.end].strip()
    if text.endswith(":") or (_LEAD_IN.search(text) and len(text.split()) <= 20):
        return True
    return bool(_SUMMARY_SUBJECT.match(text))


def cause_groups(letter: Letter) -> list[CauseGroup]:
    """The causes a letter names, each as the items that state it.

    List items of the root-cause part are one cause each (a consultant's "1. Weak battery
    batch. …"); in prose, a paragraph is one cause unless it enumerates ("First, … Second, …").
    Lead-ins and summaries are context, not causes.
    """
    structure = structure_of(letter)
    parts = structure.parts("root_cause")
    headed = [s for s in parts if s.found_by != "content"]
    sections = headed or parts
    candidates = [
        i
        for s in sections
        for i in s.items
        # a line of data ("B0CR5TQ1LM ceramic flower vase, white") lists what was affected
        if not _is_context(letter, i) and not letter.in_data_line(i.start)
    ]
    groups: list[list[Item]] = []
    for item in candidates:
        starts_new = (
            not groups
            or item.is_list_item
            or groups[-1][-1].is_list_item
            or item.paragraph_start != groups[-1][-1].paragraph_start
            or bool(_ENUMERATOR.match(letter.text[item.start : item.end]))
        )
        if starts_new:
            groups.append([item])
        else:
            groups[-1].append(item)
    out = []
    for group in groups:
        # Under a heading a list item is a cause even if it reads as plain fact ("Missing
        # bin labels."); a prose run must contain at least one sentence that states a cause.
        states_cause = any(i.role == "cause" for i in group) or (headed and group[0].is_list_item)
        if not states_cause:
            continue
        # "We are sorry for the trouble. Our packer used the old chart." is quoted from the
        # sentence that states the cause, not from the apology before it
        first = next((k for k, i in enumerate(group) if i.role == "cause"), 0)
        kept = CauseGroup(tuple(group[first:]))
        if group_keys(letter, kept):
            out.append(kept)
    return out


def group_keys(letter: Letter, group: CauseGroup) -> frozenset[str]:
    """What the cause is about, from its sentences that state the failure — not from the
    consequences ("Eleven buyers returned it"), which every cause of a letter shares."""
    keys: set[str] = set()
    fallback: set[str] = set()
    for item in group.items:
        for sentence in letter.sentences_overlapping(item.start, item.end):
            start, end = max(sentence.start_char, item.start), min(sentence.end_char, item.end)
            sentence_keys = item_keys(letter, Item(start, end, item.role, item.tense, False, False))
            fallback |= sentence_keys
            if not _is_consequence(letter, sentence):
                keys |= sentence_keys
    return frozenset(keys or fallback)


def _is_consequence(letter: Letter, sentence: Span) -> bool:
    if _CONSEQUENCE.match(letter.text[sentence.start_char : sentence.end_char]):
        return True
    roots = letter.shared("coverage.roots", _roots)
    first = bisect_left(roots, sentence.start)
    if first == len(roots) or roots[first] >= sentence.end:
        return False
    root = letter.tokens[roots[first]]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        sub.lemma_.lower() in _AFFECTED or sub.head.lemma_.lower() in _AFFECTED for sub in subjects
    ) or any(
        sub.like_num or any(c.lemma_.lower() in _AFFECTED for c in sub.subtree) for sub in subjects
    )


def _roots(letter: Letter) -> list[int]:
    """The indices of the clause roots (``ROOT``), read from the Doc's arrays once."""
    from spacy.attrs import DEP

    doc = letter.doc
    if not len(doc):
        return []
    root = doc.vocab.strings["ROOT"]
    return [i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == root]


def _action_items(letter: Letter, part: str) -> list[Item]:
    structure = structure_of(letter)
    role = "corrective" if part == "corrective" else "preventive"
    inside = [
        i
        for s in structure.parts(part)  # type: ignore[arg-type]
        for i in s.items
        if i.role != "neutral" or (i.is_list_item and not _points_at_evidence(letter, i))
    ]
    # In a headed letter the headings say what is corrective and what is preventive ("we
    # hired a second agent" under "Preventive measures" is prevention); otherwise, roles do.
    anywhere = [] if structure.headed else [i for i in structure.scope() if i.role == role]
    seen: dict[int, Item] = {i.start: i for i in inside}
    for item in anywhere:
        seen.setdefault(item.start, item)
    return sorted(seen.values(), key=lambda i: i.start)


_CONTAINMENT = re.compile(
    r"\b(?:remov|stop|clos|paus|recall|withdr|delist|suspend|pull|quarantin|block|halt)\w*\b"
    r"[^.;]{0,60}?\b(?:listings?|sales?|selling|units?|inventory|stock|products?|asins?|"
    r"batch(?:es)?|offers?|items?)\b",
    re.IGNORECASE,
)


def _contains_product(letter: Letter, item: Item) -> bool:
    """Containment — taking the product off sale, recalling a batch — answers the causes of
    the corrective part that concern that product at once: no more buyers receive it."""
    return bool(_CONTAINMENT.search(letter.text[item.start : item.end]))


def _points_at_evidence(letter: Letter, item: Item) -> bool:
    """A bullet that opens by pointing at evidence ("We have attached the notice …"); one
    that opens with an action and then mentions an attachment is still an action."""
    first = next(iter(letter.sentences_overlapping(item.start, item.end)), None)
    end = min(item.end, first.end_char) if first is not None else item.end
    return bool(EVIDENCE_POINTER.search(letter.text[item.start : end]))


def _label(letter: Letter, item: Item, limit: int = 90) -> str:
    text = " ".join(letter.text[item.start : item.end].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


MAX_CAUSES = 100
MAX_ACTIONS = 200
"""The matrix is causes x actions, in time and in the report (a label per link): 1,600
causes and 3,200 actions (a 370 KB text) took 1.8 GB. A letter names a handful of each;
past these counts the rest are not matched (issue 11)."""


_CROSS_REFERENCE = re.compile(CAUSE_REFERENCE, re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}


def _numbers(listed: str) -> set[int]:
    """ "1 and 3" → {1, 3}; "2-4" → {2, 3, 4}; "a, c" → {1, 3}; "ii" → {2}."""
    values: list[int] = []
    ranges: list[int] = []
    for part in re.findall(r"\d{1,2}|[ivx]{1,4}|[a-h]|-|to", listed.lower()):
        if part in ("-", "to"):
            ranges.append(len(values))
            continue
        if part.isdigit():
            values.append(int(part))
        elif part in _ROMAN:
            values.append(_ROMAN[part])
        else:
            values.append(ord(part) - ord("a") + 1)
    found = set(values)
    for at in ranges:
        if 0 < at < len(values):
            found.update(range(values[at - 1], values[at] + 1))
    return found


def _cross_references(letter: Letter, item: Item) -> set[int]:
    """The causes an action says it answers, by number, in its own words or in the heading
    it stands under: "Actions for causes 1 and 3:", "(cause 2)"."""
    texts = [letter.text[item.start : item.end]]
    section = structure_of(letter).section_of(item)
    if section is not None and section.heading:
        texts.append(section.heading)
    return {
        n for text in texts for m in _CROSS_REFERENCE.finditer(text) for n in _numbers(m.group(1))
    }


def link_causes(letter: Letter) -> list[CauseLink]:
    """The cause → corrective → preventive matrix.

    An action answers a cause when they share a distinctive word, or when the action (or
    its heading) refers to the cause by number ("Actions for causes 1 and 3: …"). At most
    MAX_CAUSES x MAX_ACTIONS are matched."""
    groups = cause_groups(letter)[:MAX_CAUSES]
    if not groups:
        return []
    corrective = [
        (i, item_keys(letter, i)) for i in _action_items(letter, "corrective")[:MAX_ACTIONS]
    ]
    preventive = [
        (i, item_keys(letter, i)) for i in _action_items(letter, "preventive")[:MAX_ACTIONS]
    ]
    all_keys = [group_keys(letter, g) for g in groups]
    containment = {i.start for i, _ in corrective if _contains_product(letter, i)}
    referenced = {i.start: _cross_references(letter, i) for i, _ in [*corrective, *preventive]}
    links = []
    for index, group in enumerate(groups):
        keys = all_keys[index]
        number = index + 1
        # What sets this cause apart from the letter's other causes: an action that shares
        # only words every cause has ("message", "listing") does not answer this one.
        rest = [k for j, k in enumerate(all_keys) if j != index]
        common = frozenset.intersection(*rest) if rest else frozenset()
        distinctive = (keys - common) or keys
        first = group.items[0]

        def answers(
            action: Item,
            action_keys: frozenset[str],
            distinctive: frozenset[str] = distinctive,
            number: int = number,
        ) -> bool:
            named = referenced.get(action.start, set())
            return number in named if named else bool(distinctive & action_keys)

        links.append(
            CauseLink(
                cause=Item(group.start, group.end, "cause", first.tense, False, first.is_list_item),
                label=_label(letter, first),
                corrective=tuple(
                    i
                    for i, k in corrective
                    # Containment answers any cause it touches at all, even through words
                    # the letter's causes share ("batch", "tile").
                    if (answers(i, k) or (i.start in containment and bool(k & keys)))
                    and not group.start <= i.start < group.end
                ),
                preventive=tuple(
                    i
                    for i, k in preventive
                    if answers(i, k) and not group.start <= i.start < group.end
                ),
            )
        )
    return links


def causes_of(letter: Letter) -> tuple[CauseLink, ...]:
    """Each cause of the root-cause part with the actions that answer it, computed on first
    use and then kept with the letter (the coverage checks and the report's table read it)."""
    return letter.shared("coverage.causes", _linked_causes)


def _linked_causes(letter: Letter) -> tuple[CauseLink, ...]:
    return tuple(link_causes(letter))
