"""Whether a letter can match a token pattern at all, decided from the pattern's first token.

spaCy's ``Matcher`` walks every token of a letter for every pattern it holds, and a first
token with a ``REGEX`` predicate is a Python call per token: the catalogue's pattern rules
(placeholders such as "XXX", "[ORDER ID]", "____" for POA701, wordy phrases for POA403) cost
about as much as all the other checks of a letter together, while most letters contain none
of the words those patterns start with. A :class:`Gate` reads what the first token must be
(its exact text, lower-case form, lemma, or a regular expression on one of them) and asks
the letter's set of distinct words instead; only patterns whose gate is open are run, in
their own ``Matcher``. A pattern whose first token can be skipped (``OP`` ``?`` or ``*``) or
that tests anything else is always run. A closed gate is certain: the first token of any
match must have the value the gate looks for, so no match is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .letter import Letter

#: Which distinct strings of the letter a first-token attribute is tested against. Letter
#: lemmas are lower-cased, so a lemma is looked up in lower case (a superset: never closes
#: a gate that spaCy's exact comparison would pass).
_ATTRIBUTES = {"ORTH": "texts", "TEXT": "texts", "LOWER": "lowers", "LEMMA": "lemmas"}
#: Quantifiers ("{3,}", "{2,4}") whose least count is one or more; spaCy's others ("?",
#: "*", "{,2}", "{0,3}") let the first token be skipped, and "!" matches a token that is
#: NOT the one the gate would look for.
_AT_LEAST_ONE = re.compile(r"\{[1-9]\d*(?:,\d*)?\}")


def _must_match(operator: str) -> bool:
    """Whether a token with this ``OP`` is always in the match, as itself."""
    return operator in ("", "+") or bool(_AT_LEAST_ONE.fullmatch(operator))


_MAX_SEEN = 20_000
"""Strings a regular-expression gate remembers before it starts afresh: more than the
distinct words of thousands of letters, and a few megabytes at most for a web page that runs
for months."""


class _Searched:
    """The strings a gate's expression was already run on, and those it found something
    in: letters repeat most of their words, so a warm process runs the expression on each
    word once, and a letter's test becomes two set operations."""

    def __init__(self) -> None:
        # (seen, found), replaced as a pair when full: a thread still holding the old pair
        # keeps both consistent. A string is added to ``found`` before ``seen``, so one that
        # another thread sees as seen is already decided.
        self._sets: tuple[set[str], set[str]] = (set(), set())

    def any_found(self, search: Callable[[str], Any], strings: frozenset[str]) -> bool:
        seen, found = self._sets
        if len(seen) > _MAX_SEEN:
            seen, found = self._sets = (set(), set())
        for string in strings - seen:
            if search(string):
                found.add(string)
            seen.add(string)
        return not found.isdisjoint(strings)


@dataclass(frozen=True)
class Gate:
    """One test on the letter's distinct strings of one attribute (``texts``, ``lowers`` or
    ``lemmas``): some string equals one of ``values``, or ``search`` finds something in one."""

    words: str
    values: frozenset[str] = frozenset()
    search: Callable[[str], Any] | None = None
    _searched: _Searched = field(default_factory=_Searched, compare=False, repr=False)

    def open(self, vocabulary: Mapping[str, frozenset[str]]) -> bool:
        """Whether a letter with these distinct strings per attribute can match."""
        strings = vocabulary[self.words]
        if self.search is not None:
            return self._searched.any_found(self.search, strings)
        return not self.values.isdisjoint(strings)


def gate_for(pattern: Sequence[Mapping[str, Any]]) -> Gate | None:
    """The gate of a token pattern, or None when it must always run."""
    if not pattern:
        return None
    first = pattern[0]
    if not _must_match(str(first.get("OP", ""))):
        return None
    tests = [(k, v) for k, v in first.items() if k != "OP"]
    if len(tests) != 1:
        return None  # several attributes: one could be gated, but these are rare; run it
    attribute, value = tests[0]
    words = _ATTRIBUTES.get(str(attribute).upper())
    if words is None:
        return None
    lower = words == "lemmas"
    if isinstance(value, str):
        return Gate(words, values=frozenset({value.lower() if lower else value}))
    if isinstance(value, Mapping) and len(value) == 1:
        ((operator, operand),) = value.items()
        if operator == "IN" and isinstance(operand, list) and all(
            isinstance(v, str) for v in operand
        ):
            return Gate(words, values=frozenset(v.lower() if lower else v for v in operand))
        if operator == "REGEX" and isinstance(operand, str) and not lower:
            return Gate(words, search=re.compile(operand).search)
    return None


def vocabulary(letter: Letter, attributes: Iterable[str]) -> dict[str, frozenset[str]]:
    """The letter's distinct token strings for each attribute the gates read (``texts``,
    ``lowers``, ``lemmas``: the Letter's arrays, read once per letter)."""
    return {name: frozenset(getattr(letter, name)) for name in attributes}
