"""POA801 wall-of-text: several action items packed into one paragraph.

A list reads faster than a paragraph of measures; a house style of prose turns this off.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..texts import N_
from ._action_items import ACTION_ROLES, action_items
from .base import Hit, Options

if TYPE_CHECKING:
    from ..letter import Letter


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
                suggestion=N_("Put each action on its own bullet or numbered line."),
            )
