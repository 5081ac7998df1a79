"""POA602 cause-without-preventive: a named cause that no preventive measure addresses.

It reads ``causes_of(letter)``, the cause → action matrix :mod:`poa_lint.coverage` built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..sections import structure_of
from ._several_causes import several_causes
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter


def cause_without_preventive(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA602: a named cause with no preventive measure that addresses it."""
    if not structure_of(letter).has_part("preventive"):
        return  # the whole part is missing: POA103 says so once
    for link in several_causes(letter):
        if not link.preventive:
            yield Hit(start=link.cause.start, end=link.cause.end, values={"cause": link.label})
