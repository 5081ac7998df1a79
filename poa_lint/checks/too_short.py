"""POA405 too-short: fewer words than a convincing letter needs.

Words are counted the way :attr:`Letter.words` does, so the number agrees with ``--stats``,
and words inside quotes are left out: a long quoted notice must not pad a thin letter past
the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


def _unquoted_words(letter: Letter) -> list[Token]:
    in_quotes = letter.in_quotes
    return [t for t in letter.body_words if not in_quotes(t.idx, t.idx + len(t.text))]


class TooShortOptions(Options):
    """``min-words``: the fewest words (outside quotes) a convincing letter needs."""

    min_words: int = Field(default=120, gt=0)


def too_short(letter: Letter, options: TooShortOptions) -> Iterator[Hit]:
    """POA405: fewer than ``min-words`` words.

    A root cause, the corrective actions already taken and the preventive measures, each
    concrete (who, what, when), do not fit in a few lines; a thin letter reads as a
    template or as not taking the problem seriously. The finding spans the first line so it
    has a place in the file; the problem is the whole letter.
    """
    count = len(_unquoted_words(letter))
    if count >= options.min_words:
        return
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = start
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    end = start + len(text[start:end].rstrip())
    yield Hit(start=start, end=end, values={"words": count, "min_words": options.min_words})
