"""Which causes POA601 and POA602 check one by one: only when the letter names two or more.

It reads ``causes_of(letter)``, the cause → action matrix :mod:`poa_lint.coverage` built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..coverage import causes_of

if TYPE_CHECKING:
    from ..coverage import CauseLink
    from ..letter import Letter


def several_causes(letter: Letter) -> tuple[CauseLink, ...]:
    """Causes worth checking one by one: only when the letter names two or more.

    With a single cause, the actions present are by construction the answer to it, and
    whether they suffice is POA102/POA103's question; matching one cause to its actions by
    shared words would only add noise ("orders waited" ~ "we shipped all late orders").
    """
    causes = causes_of(letter)
    return causes if len(causes) >= 2 else ()
