"""POA101 missing-root-cause: nothing explains what went wrong and why.

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


def missing_root_cause(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA101: nothing explains what went wrong and why."""
    if not structure_of(letter).has_part("root_cause"):
        yield Hit(*first_line(letter))
