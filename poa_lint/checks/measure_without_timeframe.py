"""POA302 measure-without-timeframe: an action item should say when.

A reviewer wants to know when a measure started or how often it runs. Items that answer
"when" without a date (immediate or event-driven wording) are not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._action_items import action_items, item_has_timeframe
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter
    from ..sections import Item


def measure_without_timeframe(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA302 (info): an action item without a time frame, date, deadline or frequency.

    Silent when the letter has no time frames at all: POA303 says that once, instead of one
    finding per item.
    """
    items = action_items(letter)
    if not any(item_has_timeframe(letter, i) for i in items):
        return
    for item in items:
        if not item_has_timeframe(letter, item) and not _timed_otherwise(letter, item):
            yield Hit(start=item.start, end=item.end)


#: When an action happens without a date: at once ("immediately", "in real time"), on an
#: event ("when goods arrive", "before we list", "whenever a return comes back"), or always.
_TIMED_OTHERWISE = re.compile(
    r"\b(?:immediately|at once|right away|straight away|instantly|without delay|promptly|"
    r"in real[\s-]time|automatically|always|at all times|every time|each time|any time|"
    r"whenever|as soon as|upon|on (?:arrival|receipt)|at (?:packing|pickup|dispatch|receipt))\b|"
    r"^\W*(?:\w+\W+){0,3}(?:if|when|before|after|once|until|unless)\b",
    re.IGNORECASE,
)


def _timed_otherwise(letter: Letter, item: Item) -> bool:
    """POA302 asks when; these items answer it without a date: immediate or event-driven
    actions, and standing prohibitions ("we will never buy from a liquidator again", "no
    listing goes live without …"), which hold at all times."""
    text = letter.text[item.start : item.end]
    if _TIMED_OTHERWISE.search(text):
        return True
    span = letter.span(item.start, item.end)
    if span is None:
        return False
    return any(
        (t.lower_ in ("never", "no") and t.head.dep_ in ("ROOT", "conj"))
        or (t.dep_ == "neg" and t.head.dep_ == "ROOT")
        for t in span
    )
