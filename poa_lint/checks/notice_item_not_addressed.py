"""POA603 notice-item-not-addressed: something Amazon's notice names never appears.

An ASIN, an order ID, a metric or a policy the notice names should be answered in the
letter; the notice is read by :mod:`poa_lint.notice`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import Hit, NoOptions, first_line

if TYPE_CHECKING:
    from ..letter import Letter


def notice_item_not_addressed(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA603: an ASIN, order ID, metric or policy named in Amazon's notice never appears."""
    notice = letter.notice
    if notice is None:
        return
    text = letter.text
    lowered = text.lower()
    for item in notice.items:
        if item.kind in ("asin", "order"):
            if item.value.lower() in lowered:
                continue
        elif item.kind == "metric":
            if _mentions_phrase(lowered, item.label) or item.value in text:
                continue
        elif _mentions_policy(lowered, item.label):
            continue
        start, end = first_line(letter)
        yield Hit(start=start, end=end, values={"item": item.phrase()})


def _mentions_phrase(lowered: str, phrase: str) -> bool:
    words = [re.escape(w) for w in phrase.lower().split()]
    return re.search(r"\b" + r"[\s-]+".join(words) + r"\b", lowered) is not None


_POLICY_FILLER = frozenset(
    {
        "policy",
        "policies",
        "amazon",
        "amazon's",
        "guidelines",
        "agreement",
        "the",
        "and",
        "of",
        "on",
        "for",
    }
)


def _mentions_policy(lowered: str, label: str) -> bool:
    """A policy counts as addressed when its distinctive words appear ("Restricted Products
    policy" is addressed by "restricted product")."""
    words = [w for w in re.findall(r"[a-z]+", label.lower()) if w not in _POLICY_FILLER]
    if not words:
        return True
    return all(re.search(r"\b" + re.escape(w.rstrip("s")), lowered) for w in words)
