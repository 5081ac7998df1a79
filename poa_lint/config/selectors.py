"""Rule selectors (``select``, ``ignore``, ``--ignore`` …): which rules a code, a code
prefix, a category or a name picks, and how precisely, so that the longest match wins
(as in ruff and flake8); and the hint that names the nearest real one."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..texts import N_, Template, message

if TYPE_CHECKING:
    from ..catalog import Catalog, Rule


_CATEGORY_SPECIFICITY = 4
"""A category ("tone") names the same rules as its code prefix ("POA2"), and as precisely."""


def specificity(selector: str, rule: Rule) -> int:
    """How precisely a selector names a rule (-1: not at all). Names are exact; longer wins."""
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() == rule.name:
        return 100
    if s.lower() == rule.category.value:
        return _CATEGORY_SPECIFICITY
    if rule.code.startswith(s.upper()) and s.upper().startswith("POA"):
        return len(s)
    return -1


def _matching_rules(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if specificity(selector, r) >= 0]


def did_you_mean(word: str, choices: Sequence[str]) -> str | Template:
    """' (did you mean 'select'?)' for the closest of ``choices``, or ''."""
    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.strip().lower(), list(by_lower), n=1, cutoff=0.6)
    if not close:
        return ""
    return message(N_(" (did you mean {choice}?)"), choice=repr(by_lower[close[0]]))


def selector_problem(selector: str, catalog: Catalog) -> Template | None:
    """Why a selector (``select``, ``ignore``, ``--ignore`` ...) names no rule, or None."""
    if _matching_rules(selector, catalog.rules):
        return None
    choices = sorted(
        {r.code for r in catalog.rules}
        | {r.name for r in catalog.rules}
        | {r.category.value for r in catalog.rules}
    )
    return message(
        N_(
            "{selector} matches no rule{hint}; use a code (POA201), a prefix (POA2), a "
            "category (tone) or a name (blames-buyer). `poa-lint rules` lists them."
        ),
        selector=repr(selector),
        hint=did_you_mean(selector, choices),
    )
