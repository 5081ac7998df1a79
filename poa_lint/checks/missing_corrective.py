"""POA102 missing-corrective: no completed action anywhere in the letter.

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


def missing_corrective(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA102: no completed action anywhere. A corrective part written only as promises
    ("we will refund the buyers") or put off until reinstatement has taken no action either:
    POA104 points at those promises, this finding says what the letter as a whole lacks."""
    if not structure_of(letter).completed_actions():
        yield Hit(*first_line(letter))
