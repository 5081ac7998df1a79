"""POA105 section-order: the parts (root cause, corrective, preventive) are out of order.

It reads ``structure_of(letter)`` (the parts and items :mod:`poa_lint.sections` found) and
recomputes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..sections import structure_of
from ..texts import N_, Template
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter
    from ..sections import Section


_PART_NAMES = {
    "root_cause": Template(N_("root cause")),
    "corrective": Template(N_("corrective actions")),
    "preventive": Template(N_("preventive measures")),
}


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
