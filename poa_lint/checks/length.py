"""Length rules: a reviewer spends minutes on a letter, so length itself is a defect."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from .base import Hit, Options

if TYPE_CHECKING:
    from ..letter import Letter


class TooLongOptions(Options):
    max_words: int = Field(default=700, gt=0)


def too_long(letter: Letter, options: TooLongOptions) -> Iterator[Hit]:
    """POA401: the letter exceeds ``max-words``.

    Consultants advise 350-600 words. The finding points at the first word past the limit,
    so an editor jumps to where cutting should start.
    """
    words = letter.body_words  # quoted history, chatter and signature are not the letter
    if len(words) <= options.max_words:
        return
    first_extra = words[options.max_words]
    yield Hit(
        start=first_extra.idx,
        end=first_extra.idx + len(first_extra.text),
        values={"words": len(words), "max_words": options.max_words},
    )
