"""POA303 no-timeframes: no measure anywhere in the letter carries a time frame.

Said once for the letter, so that POA302 need not repeat it for every item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._action_items import action_items, item_has_timeframe
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter


def no_timeframes(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA303: no measure anywhere in the letter carries a time frame."""
    items = action_items(letter)
    if not items or any(item_has_timeframe(letter, i) for i in items):
        return
    first = items[0]
    yield Hit(start=first.start, end=first.end)
