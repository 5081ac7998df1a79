"""POA401 too-long: a reviewer spends minutes on a letter, so length itself is a defect."""

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

    Consultants advise 350-600 words. Only the letter's body counts, without tables of
    orders or tracking numbers (see :attr:`Letter.data_lines`).
    """
    # Quoted history, chatter and signature are not the letter; a table of orders is
    # scanned, not read.
    words = [w for w in letter.body_words if not letter.in_data_line(w.idx)]
    if len(words) <= options.max_words:
        return
    # a finding about the whole letter (scope: letter): the engine places it
    yield Hit(start=0, end=0, values={"words": len(words), "max_words": options.max_words})
