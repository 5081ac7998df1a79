"""The action items the measure rules (POA301-POA303, POA801) read.

The items come from ``structure_of(letter)`` (``poa_lint.sections`` classified them as corrective or
preventive actions); this module only decides which of them count as actions a reviewer
will check, and whether one carries a time frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..sections import ATTACHMENT, structure_of
from ..timeframes import has_timeframe

if TYPE_CHECKING:
    from ..letter import Letter
    from ..sections import Item


ACTION_ROLES = ("corrective", "preventive")


def action_items(letter: Letter) -> list[Item]:
    """Items that are actions: classified corrective/preventive, or any content item under a
    corrective or preventive heading (e.g. a bullet that starts with a noun)."""
    structure = structure_of(letter)
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


def item_has_timeframe(letter: Letter, item: Item) -> bool:
    """Whether the item says when (a date, a deadline, a frequency). POA302 and POA303 ask
    it of the same items (POA302 twice), and the time-expression patterns are the costly
    part: each item is answered once per letter."""
    known = letter.shared("action_items.timeframes", _no_answers)
    key = (item.start, item.end)
    answer = known.get(key)
    if answer is None:
        span = letter.span(item.start, item.end)
        answer = known[key] = has_timeframe(letter.text[item.start : item.end], span)
    return answer


def _no_answers(letter: Letter) -> dict[tuple[int, int], bool]:
    return {}
