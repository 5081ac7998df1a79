"""Structure rules: the three parts Amazon asks for, their order, and an answer for every cause.

All of them read ``structure_of(letter)`` (parts and items) and ``causes_of(letter)`` (the cause →
action matrix); neither is recomputed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..coverage import causes_of
from ..sections import structure_of
from ..texts import N_, Template
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..coverage import CauseLink
    from ..letter import Letter
    from ..sections import Section

_PART_NAMES = {
    "root_cause": Template(N_("root cause")),
    "corrective": Template(N_("corrective actions")),
    "preventive": Template(N_("preventive measures")),
}


def _letter_start(letter: Letter) -> Hit:
    """Whole-letter findings point at the first line of text."""
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    return Hit(start=start, end=max(start, end))


def missing_root_cause(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA101: nothing explains what went wrong and why."""
    if not structure_of(letter).has_part("root_cause"):
        yield _letter_start(letter)


def missing_corrective(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA102: no completed action anywhere. A corrective part written only as promises
    ("we will refund the buyers") or put off until reinstatement has taken no action either:
    POA104 points at those promises, this finding says what the letter as a whole lacks."""
    if not structure_of(letter).completed_actions():
        yield _letter_start(letter)


_DEFERRED_MESSAGE = N_(
    "This fix waits for the reinstatement: Amazon reinstates an account whose problem is "
    "already fixed, so a correction promised for afterwards counts as not done. Do it now "
    "and write what you did, or say why it cannot be done before reinstatement."
)


def corrective_not_done(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA104: the corrective part is only promises ("we will refund"), or a fix is put off
    until the account is reinstated ("once the account is reactivated we will fix the
    titles"), wherever it stands."""
    structure = structure_of(letter)
    deferred = structure.deferred_fixes()
    for item in deferred:
        yield Hit(start=item.start, end=item.end, message=_DEFERRED_MESSAGE)
    flagged = {item.start for item in deferred}
    for section in structure.parts("corrective"):
        if section.found_by == "content":
            continue
        # the corrective part itself does nothing: every item in it is a promise (a fix told
        # early in the introduction does not make its promises any less so). Under a
        # corrective heading each promise is a fix the reviewer will look for as done, so
        # each is reported; under a heading for the whole plan ("What we will do:") most
        # promises are routines for the future, so only the first stands for the part.
        if any(i.role == "corrective" or i.reports_fix or i.done for i in section.items):
            continue
        plan = any(
            p.start < section.end and section.start < p.end and p.found_by != "content"
            for p in structure.parts("preventive")
        )
        promises = [i for i in section.items if i.promise and i.start not in flagged]
        for item in promises[:1] if plan else promises:
            yield Hit(start=item.start, end=item.end)


def missing_preventive(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA103: nothing says what will stop it happening again."""
    if not structure_of(letter).has_part("preventive"):
        yield _letter_start(letter)


_ORDER = {"root_cause": 0, "corrective": 1, "preventive": 2}


def section_order(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA105: parts named by headings or labels appear out of the expected order.

    Only parts with their own heading count (not content-found parts, which interleave
    naturally in prose, nor a generic "Plan of Action" title), and only where each kind
    *first* appears: a letter that answers problem by problem (cause, fix, prevention, then
    the next cause) is in order.
    """
    headed = [
        s
        for s in structure_of(letter).sections
        if s.found_by != "content" and not s.generic and s.kind in _ORDER
    ]
    firsts: dict[str, Section] = {}
    for section in headed:
        firsts.setdefault(section.kind, section)
    seen_rank = -1
    for section in sorted(firsts.values(), key=lambda s: s.start):
        rank = _ORDER[section.kind]
        if rank < seen_rank:
            end = letter.text.find("\n", section.start)
            yield Hit(
                start=section.start,
                end=len(letter.text) if end == -1 else end,
                values={"part": _PART_NAMES[section.kind]},
            )
            return
        seen_rank = max(seen_rank, rank)


def cause_without_corrective(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA601: a named cause with no corrective action that addresses it."""
    structure = structure_of(letter)
    headed_corrective = any(
        s.items for s in structure.parts("corrective") if s.found_by != "content"
    )
    if not (structure.completed_actions() or headed_corrective):
        return  # the whole part is missing: POA102/POA104 say so once
    for link in _several_causes(letter):
        if not link.corrective:
            yield Hit(start=link.cause.start, end=link.cause.end, values={"cause": link.label})


def cause_without_preventive(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA602: a named cause with no preventive measure that addresses it."""
    if not structure_of(letter).has_part("preventive"):
        return  # the whole part is missing: POA103 says so once
    for link in _several_causes(letter):
        if not link.preventive:
            yield Hit(start=link.cause.start, end=link.cause.end, values={"cause": link.label})


def _several_causes(letter: Letter) -> tuple[CauseLink, ...]:
    """Causes worth checking one by one: only when the letter names two or more.

    With a single cause, the actions present are by construction the answer to it, and
    whether they suffice is POA102/POA103's question; matching one cause to its actions by
    shared words would only add noise ("orders waited" ~ "we shipped all late orders").
    """
    causes = causes_of(letter)
    return causes if len(causes) >= 2 else ()


def notice_item_not_addressed(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA603: an ASIN, order ID, metric or policy named in Amazon's notice never appears."""
    notice = letter.notice
    if notice is None:
        return
    text = letter.text
    lowered = text.lower()
    for item in notice.items:
        if item.kind in ("asin", "order"):
            if item.value.lower() in lowered:
                continue
        elif item.kind == "metric":
            if _mentions_phrase(lowered, item.label) or item.value in text:
                continue
        elif _mentions_policy(lowered, item.label):
            continue
        hit = _letter_start(letter)
        yield Hit(start=hit.start, end=hit.end, values={"item": item.phrase()})


def _mentions_phrase(lowered: str, phrase: str) -> bool:
    words = [re.escape(w) for w in phrase.lower().split()]
    return re.search(r"\b" + r"[\s-]+".join(words) + r"\b", lowered) is not None


_POLICY_FILLER = frozenset(
    {
        "policy",
        "policies",
        "amazon",
        "amazon's",
        "guidelines",
        "agreement",
        "the",
        "and",
        "of",
        "on",
        "for",
    }
)


def _mentions_policy(lowered: str, label: str) -> bool:
    """A policy counts as addressed when its distinctive words appear ("Restricted Products
    policy" is addressed by "restricted product")."""
    words = [w for w in re.findall(r"[a-z]+", label.lower()) if w not in _POLICY_FILLER]
    if not words:
        return True
    return all(re.search(r"\b" + re.escape(w.rstrip("s")), lowered) for w in words)
