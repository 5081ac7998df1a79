"""POA601 cause-without-corrective: a named cause that no corrective action addresses.

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


def cause_without_corrective(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA601: a named cause with no corrective action that addresses it."""
    structure = structure_of(letter)
    headed_corrective = any(
        s.items for s in structure.parts("corrective") if s.found_by != "content"
    )
    if not (structure.completed_actions() or headed_corrective):
        return  # the whole part is missing: POA102/POA104 say so once
    for link in several_causes(letter):
        if not link.corrective:
            yield Hit(start=link.cause.start, end=link.cause.end, values={"cause": link.label})
