"""POA103 missing-preventive: nothing says what will stop it happening again.

It reads ``structure_of(letter)`` (the parts and items :mod:`poa_lint.sections` found) and
recomputes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..sections import structure_of
from .base import Hit, NoOptions, first_line

if TYPE_CHECKING:
    from ..letter import Letter


def missing_preventive(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA103: nothing says what will stop it happening again."""
    if not structure_of(letter).has_part("preventive"):
        yield Hit(*first_line(letter))
