"""What the five tone rules (POA201-POA205) share, and nothing else.

* :class:`WordListOptions`: their vocabularies, matched case-insensitively, with no defaults
  in Python so that ``rules/tone.yaml`` stays the one place the words live;
* :class:`Found` and :func:`to_hits` / :func:`per_sentence`: how a rule's findings become
  hits (overlapping findings merge; one sentence's problems are one finding);
* :func:`complaints_are_buyers`: whose complaint a letter answers, which decides between
  blame (POA201) and denial (POA205) when a letter calls the complaints false.

The grammar questions the rules ask live in :mod:`poa_lint.grammar`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import field_validator

from ..texts import Template, sentences
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


class WordListOptions(Options):
    """Options whose word lists are matched case-insensitively against lemmas or words.

    The lists have no defaults in Python on purpose: ``rules/tone.yaml`` is the single place
    where the vocabulary lives (and is documented), so it cannot drift from the code.
    """

    @field_validator("*", mode="after")
    @classmethod
    def _lowercase(cls, value: Any) -> Any:
        if isinstance(value, frozenset):
            return frozenset(str(v).strip().lower() for v in value)
        return value


def _span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    items = list(tokens)
    first = min(items, key=lambda t: t.i)
    last = max(items, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


@dataclass(frozen=True)
class Found:
    """A finding before it becomes a :class:`Hit`: the tokens it covers and its advice."""

    tokens: tuple[Token, ...]
    suggestion: str | Template


def to_hits(letter: Letter, found: Iterable[Found]) -> Iterator[Hit]:
    """One hit per offending span; overlapping findings of one rule merge into one.

    A sentence such as "the buyer lied and abused the return policy" should produce one
    finding, not one per word that happened to match. ``{match}`` in the rule's message is
    filled with the flagged words, so the message quotes the seller.
    """
    kept: list[tuple[int, int, str | Template]] = []
    for item in sorted(found, key=lambda f: _span_of(f.tokens)):
        start, end = _span_of(item.tokens)
        if kept and start < kept[-1][1]:
            # overlaps the previous finding (sorted by start): widen it to cover both
            first_start, last_end, suggestion = kept[-1]
            kept[-1] = (first_start, max(last_end, end), suggestion)
            continue
        kept.append((start, end, item.suggestion))
    for start, end, suggestion in kept:
        match = " ".join(letter.text[start:end].split())
        yield Hit(start=start, end=end, suggestion=suggestion, values={"match": match})


#: Whose complaint a letter answers, by reason: the buyers' (performance, condition,
#: authenticity, safety), so calling "these complaints" false blames buyers; for rights
#: owners' and Amazon's findings it is a denial (POA205).
_BUYER_COMPLAINT_REASONS = frozenset(
    {"odr", "late_shipment", "cancellation", "tracking", "condition", "inauthentic", "safety"}
)


def complaints_are_buyers(letter: Letter) -> bool:
    reason = letter.reason
    return reason is not None and reason.id in _BUYER_COMPLAINT_REASONS


def per_sentence(found: Iterable[Found]) -> list[Found]:
    """Merge one sentence's tone problems into one finding.

    "This is a VERY SERIOUS situation for us!!!" is one outburst; reporting the capitals and
    the exclamation marks separately would double the noise without telling the seller more.
    """
    groups: dict[int, list[Found]] = {}
    for item in found:
        groups.setdefault(item.tokens[0].sent.start, []).append(item)
    merged = []
    for items in groups.values():
        tokens = tuple(t for item in items for t in item.tokens)
        advice = dict.fromkeys(item.suggestion for item in items)
        merged.append(Found(tokens, sentences(list(advice))))
    return merged
