"""POA104 corrective-not-done: the corrective actions are promises, or wait for
reinstatement.

It reads ``structure_of(letter)`` (the parts and items :mod:`poa_lint.sections` found) and
recomputes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..sections import structure_of
from ..texts import N_
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter


_DEFERRED_MESSAGE = N_(
    "This fix waits for the reinstatement: Amazon reinstates an account whose problem is "
    "already fixed, so a correction promised for afterwards counts as not done. Do it now "
    "and write what you did, or say why it cannot be done before reinstatement."
)


def corrective_not_done(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA104: the corrective part is only promises ("we will refund"), or a fix is put off
    until the account is reinstated ("once the account is reactivated we will fix the
    titles"), wherever it stands."""
    structure = structure_of(letter)
    deferred = structure.deferred_fixes()
    for item in deferred:
        yield Hit(start=item.start, end=item.end, message=_DEFERRED_MESSAGE)
    flagged = {item.start for item in deferred}
    for section in structure.parts("corrective"):
        if section.found_by == "content":
            continue
        # the corrective part itself does nothing: every item in it is a promise (a fix told
        # early in the introduction does not make its promises any less so). Under a
        # corrective heading each promise is a fix the reviewer will look for as done, so
        # each is reported; under a heading for the whole plan ("What we will do:") most
        # promises are routines for the future, so only the first stands for the part.
        if any(i.role == "corrective" or i.reports_fix or i.done for i in section.items):
            continue
        plan = any(
            p.start < section.end and section.start < p.end and p.found_by != "content"
            for p in structure.parts("preventive")
        )
        promises = [i for i in section.items if i.promise and i.start not in flagged]
        for item in promises[:1] if plan else promises:
            yield Hit(start=item.start, end=item.end)
