"""What the structure analysis finds: items, the sections they make up, and the whole.

An :class:`Item` is one list item or one sentence of a body paragraph, with the role it
plays (cause, corrective, preventive, neutral) and its tense; a :class:`Section` is a part
of the letter found by a heading, a label or its content; the :class:`Structure` answers
the questions the structure, coverage and measure checks ask of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..grammar import Tense
from ..section_cues import PARTS, PartKind

ItemRole = Literal["cause", "corrective", "preventive", "neutral"]


@dataclass(frozen=True)
class Item:
    """A unit of content: one list item, or one sentence of a body paragraph."""

    start: int
    end: int
    role: ItemRole
    tense: Tense
    first_person: bool
    is_list_item: bool
    establishes_process: bool = False
    paragraph_start: int = 0
    #: The item gives a reason in so many words ("because", "due to", "caused").
    explains: bool = False
    #: Its verb changes the state of something ("refunded", "removed", "corrected").
    remedial: bool = False
    #: A fix put off until the account is reinstated ("once reactivated, we will fix …").
    deferred: bool = False
    #: Said to be done "already" ("we have already paused all listings").
    already: bool = False
    #: Reports a fix as done in one of its clauses, whatever else it promises ("we have
    #: changed our logistics company, and we will ensure every parcel arrives").
    reports_fix: bool = False

    @property
    def done(self) -> bool:
        """A completed action ("we refunded", "have been removed")."""
        return self.tense in ("past", "perfect")

    @property
    def promise(self) -> bool:
        return self.tense in ("future", "imperative", "progressive")


@dataclass(frozen=True)
class Section:
    kind: PartKind
    start: int
    end: int
    found_by: Literal["heading", "label", "content"]
    heading: str | None = None
    items: tuple[Item, ...] = ()
    # True when the heading named no particular part ("Plan of Action"), so the kind was
    # decided by the content under it.
    generic: bool = False


@dataclass(frozen=True)
class Structure:
    """Everything the structure, coverage and measure checks need to know about the parts."""

    sections: tuple[Section, ...]
    items: tuple[Item, ...]

    def parts(self, kind: PartKind) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    @property
    def headed(self) -> bool:
        """True when headings or labels name at least two of the three parts.

        Then the letter's own structure is trusted: an opening sentence such as "We
        cancelled 34 orders last week" states the problem, it is not a corrective action.
        """
        kinds = {s.kind for s in self.sections if s.found_by != "content" and s.kind in PARTS}
        return len(kinds) >= 2

    def scope(self) -> list[Item]:
        """Items that can make up a part: inside headed parts when the letter is headed,
        anywhere otherwise."""
        if not self.headed:
            return list(self.items)
        spans = [
            (s.start, s.end) for s in self.sections if s.found_by != "content" and s.kind in PARTS
        ]
        return [i for i in self.items if any(a <= i.start < b for a, b in spans)]

    def _headed_spans(self, kinds: Iterable[str]) -> list[tuple[int, int]]:
        wanted = set(kinds)
        return [
            (s.start, s.end) for s in self.sections if s.found_by != "content" and s.kind in wanted
        ]

    def has_part(self, kind: PartKind) -> bool:
        """True when a heading names the part (with content under it), or — when no heading
        names it — when an item anywhere plays that role.

        "Your letter has no preventive measures" must be certain, so a part written under
        another part's heading counts: sellers often put "From now on we check every
        order" under "Corrective actions", or explain the cause inside the actions. Only
        the story under a root-cause heading ("we bought 300 units from a wholesaler") is
        not a corrective action.
        """
        if self._headed_spans([kind]):
            return any(s.items for s in self.parts(kind) if s.found_by != "content")
        role: ItemRole = "cause" if kind == "root_cause" else kind  # type: ignore[assignment]
        story = self._headed_spans(["root_cause"]) if kind == "corrective" else []
        others = self._headed_spans(k for k in PARTS if k != kind)
        for item in self.items:
            if item.role != role or any(a <= item.start < b for a, b in story):
                continue
            # Under another part's heading, a cause must say "because" in so many words:
            # "None of the other products had an insert" there is a finding, not a cause.
            if (
                kind == "root_cause"
                and not item.explains
                and any(a <= item.start < b for a, b in others)
            ):
                continue
            return True
        return False

    def completed_actions(self) -> list[Item]:
        """Actions already done to fix what went wrong.

        With a corrective heading, only what stands under the action headings counts (an
        opening "we cancelled 34 orders last week" states the problem), and a process set up
        under the corrective heading counts too. Without one, a completed act that changes
        something counts ("we refunded", "we removed") except the story told under a
        root-cause heading ("we bought 300 units from a wholesaler"); a process set up ("we
        have introduced a review") prevents a repeat but fixes nothing affected.
        """
        corrective = self._headed_spans(["corrective"])
        if corrective:
            spans = self._headed_spans(["corrective", "preventive"])
            story = self._headed_spans(["root_cause"])
            # a process already set up counts as a fix where the author files it as one; an
            # opening "we have already paused all listings" is a fix told early
            return [
                i
                for i in self.items
                if (
                    any(a <= i.start < b for a, b in spans)
                    and (
                        i.role == "corrective"
                        or (i.reports_fix and any(a <= i.start < b for a, b in corrective))
                        or (
                            i.done
                            and i.role == "preventive"
                            and any(a <= i.start < b for a, b in corrective)
                        )
                    )
                )
                or (
                    i.already
                    and i.role == "corrective"
                    and not any(a <= i.start < b for a, b in story)
                )
            ]
        else:
            # No heading vouches for the fixes: only acts that change something count ("we
            # refunded"), not the story of the case ("we appealed", "our bookkeeper logged in").
            story = self._headed_spans(["root_cause"])
            pool = [
                i
                for i in self.items
                if not any(a <= i.start < b for a, b in story)
                and i.remedial
            ]
        # "We have set up a review process" prevents a repeat; it fixes nothing affected
        return [i for i in pool if i.role == "corrective"]

    def deferred_fixes(self) -> list[Item]:
        """Fixes put off until the account is reinstated: not actions taken."""
        return [i for i in self.items if i.deferred]

    def items_in(self, kind: PartKind) -> list[Item]:
        """Items inside sections of that kind (by heading, label or content)."""
        return [i for s in self.parts(kind) for i in s.items]

    def section_of(self, item: Item) -> Section | None:
        return next((s for s in self.sections if s.start <= item.start < s.end), None)
