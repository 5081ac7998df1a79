"""The model's attribute-ruler patterns, matched by table look-ups instead of spaCy's Matcher.

``en_core_web_sm``'s ``attribute_ruler`` maps fine tags to parts of speech and fixes a few
dozen words ("n't" → PART, "gon na" → "go to"). It runs its 179 patterns through a spaCy
``Matcher`` whose ``IN`` / ``NOT_IN`` / ``REGEX`` predicates are Python calls for every token:
once the entity recogniser stopped running it was about 30 % of the whole parse, as much as
the parser. Its patterns are data that tell exactly what to look for, so this module reads
them from the loaded component and finds the same matches by looking each token's tag, word
and dependency up in tables built once.

Only how the matches are *found* changes, and how the token is reached: the matches are
applied in the component's order, from the same list of ``(pattern, key, start, end)``
that its ``match`` returns, by spaCy's own ``set_token_attrs`` (without building a ``Span``
per match, which cost more than the setting). A pattern that uses anything but plain
values, ``IN``, ``NOT_IN`` and ``REGEX`` on ``LOWER``, ``TAG``, ``DEP`` and ``IS_SPACE``
leaves the component as it is. ``tests/test_attribute_rules.py`` compares both on every
corpus letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_SPACE = 3
Match = tuple[int, int, int, int]
_MAX_ROWS = 200_000
"""Remembered token rows (word, tag, dependency, space) before the memo starts afresh."""


class _Unsupported(Exception):
    """A pattern this module cannot match exactly: the component is left unchanged."""


class _Token:
    """One token of a pattern, as the checks spaCy's Matcher makes: every one must hold.

    ``equal``, ``among`` and ``not_among`` compare an attribute's hash (0/1 for IS_SPACE);
    ``regexes`` search the attribute's text. ``keys`` are, per attribute, the only values
    the token can have (from an equality or an ``IN``), which index the pattern.
    """

    def __init__(self, strings: Any, spec: dict[str, Any]) -> None:
        if not spec or any(k not in _ATTRS for k in spec):
            raise _Unsupported(spec)
        self.equal: list[tuple[int, int]] = []
        self.among: list[tuple[int, frozenset[int]]] = []
        self.not_among: list[tuple[int, frozenset[int]]] = []
        self.regexes: list[tuple[int, Callable[[str], Any]]] = []
        self.keys: dict[int, frozenset[int]] = {}
        for attr, value in spec.items():
            a = _ATTRS.index(attr)
            if a == _SPACE:
                if not isinstance(value, bool):
                    raise _Unsupported(spec)
                self.equal.append((a, int(value)))
                self.keys[a] = frozenset({int(value)})
            elif isinstance(value, str):
                self.equal.append((a, strings[value]))
                self.keys[a] = frozenset({strings[value]})
            elif isinstance(value, dict) and len(value) == 1:
                ((op, operand),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(operand, list):
                    keys = frozenset(strings[s] for s in operand)
                    if op == "IN":
                        self.among.append((a, keys))
                        self.keys[a] = keys
                    else:
                        self.not_among.append((a, keys))
                elif op == "REGEX" and isinstance(operand, str):
                    self.regexes.append((a, re.compile(operand).search))
                else:
                    raise _Unsupported(spec)
            else:
                raise _Unsupported(spec)


#: Which attribute files a pattern, most selective first: a word, then a dependency, then a
#: tag (dozens of patterns share a tag).
_INDEX_ORDER = (0, 2, 1, 3)


class FastAttributeMatch:
    """A drop-in for ``AttributeRuler.match``: the same sorted matches, found by look-ups.

    Each pattern is filed under the values its first token can only have (its word, else
    its dependency, else its tag), or under "every token" when there are none; a token
    tests only the patterns filed under its own values.
    """

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self._strings = strings
        # (pattern index, match key, tokens); the index orders the matches as spaCy does
        self._patterns: list[tuple[int, int, list[_Token]]] = []
        self._by_value: list[dict[int, list[int]]] = [{} for _ in _ATTRS]
        self._everywhere: list[int] = []
        self._texts: dict[int, str] = {}
        self._rows: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}
        for index, entry in enumerate(ruler.patterns):
            key = strings[str(index)]
            for pattern in entry["patterns"]:
                tokens = [_Token(strings, spec) for spec in pattern]
                slot = len(self._patterns)
                self._patterns.append((index, key, tokens))
                first = tokens[0]
                attr = next((a for a in _INDEX_ORDER if a in first.keys), None)
                if attr is None:
                    self._everywhere.append(slot)
                    continue
                for value in first.keys[attr]:
                    self._by_value[attr].setdefault(value, []).append(slot)

    def _text(self, value: int) -> str:
        text = self._texts.get(value)
        if text is None:
            text = self._texts[value] = self._strings[value]
        return text

    def _holds(self, token: _Token, row: Sequence[int]) -> bool:
        for a, value in token.equal:
            if row[a] != value:
                return False
        for a, keys in token.among:
            if row[a] not in keys:
                return False
        for a, keys in token.not_among:
            if row[a] in keys:
                return False
        return all(search(self._text(row[a])) for a, search in token.regexes)

    def _candidates(self, row: Sequence[int]) -> list[int]:
        """The patterns filed under this token's word, dependency, tag or space flag."""
        by_value = self._by_value
        return [
            *by_value[0].get(row[0], ()),
            *by_value[2].get(row[2], ()),
            *by_value[1].get(row[1], ()),
            *by_value[3].get(row[3], ()),
            *self._everywhere,
        ]

    def _at(self, row: tuple[int, ...]) -> tuple[list[int], list[int]]:
        """For a token with these attributes: the one-token patterns that match it, and the
        longer patterns whose first token does (to be checked on the tokens after it).
        Tokens repeat (every "the" is the same row), so this is remembered per row."""
        known = self._rows.get(row)
        if known is None:
            single: list[int] = []
            longer: list[int] = []
            for slot in self._candidates(row):
                tokens = self._patterns[slot][2]
                if self._holds(tokens[0], row):
                    (single if len(tokens) == 1 else longer).append(slot)
            if len(self._rows) > _MAX_ROWS:
                self._rows.clear()
            known = self._rows[row] = (single, longer)
        return known

    def __call__(self, doc: Doc) -> list[Match]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist() if len(doc) else []
        patterns = self._patterns
        found: set[Match] = set()
        n = len(rows)
        for i, row in enumerate(rows):
            single, longer = self._at(tuple(row))
            for slot in single:
                index, key, _ = patterns[slot]
                found.add((index, key, i, i + 1))
            for slot in longer:
                index, key, tokens = patterns[slot]
                end = i + len(tokens)
                if end <= n and all(
                    self._holds(t, rows[i + k]) for k, t in enumerate(tokens[1:], 1)
                ):
                    found.add((index, key, i, end))
        return sorted(found)


def speed_up(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the look-up matcher; False (and nothing changed)
    when it has none or uses a pattern the look-ups cannot match exactly."""
    if name not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe(name)
    if not hasattr(ruler, "patterns") or not hasattr(ruler, "match"):
        return False
    try:
        fast = FastAttributeMatch(ruler)
    except _Unsupported:
        return False
    ruler.match = fast
    ruler.set_annotations = _annotator(ruler)
    ruler.pipe = _Annotate(ruler, fast).pipe
    return True


def _annotator(ruler: Any) -> Callable[[Doc, list[Match]], None]:
    """The component's ``set_annotations`` without a ``Span`` per match: the same attributes
    set on the same token (the pattern's ``index`` into its match), in the same order, by
    spaCy's own ``set_token_attrs``. A match whose index falls outside it goes to spaCy's
    method, which raises its error for it."""
    from spacy.tokens._retokenize import set_token_attrs

    original = ruler.set_annotations
    attrs, indices = ruler.attrs, ruler.indices

    def set_annotations(doc: Doc, matches: list[Match]) -> None:
        for match in matches:
            attr_id, _, start, end = match
            index = indices[attr_id]
            i = start + index if index >= 0 else end + index
            if start <= i < end:
                set_token_attrs(doc[i], attrs[attr_id])
            else:
                original(doc, [match])

    return set_annotations


class _Annotate:
    """The component as ``nlp.pipe`` runs it: the same matches, applied token by token.

    Applying a match sets attributes on one token, and the attributes a token ends with are
    those of its matches in the order spaCy applies them (by pattern), the last one winning
    for each attribute: so each token's matches are folded into one set of attributes (the
    fold remembered per list of patterns), and the parts of speech, morphologies and lemmas
    of all tokens go back in one ``Doc.from_array`` instead of one call per match. Anything
    else a pattern sets (a tag, a dependency, an extension) still goes through spaCy's
    ``set_token_attrs``; a match that points outside itself goes to the component's own
    method, which raises its error for it.
    """

    def __init__(self, ruler: Any, match: FastAttributeMatch) -> None:
        from spacy.attrs import LEMMA, MORPH, POS

        self._ruler = ruler
        self._match = match
        self._columns = (POS, MORPH, LEMMA)
        self._folds: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], dict[Any, Any]]]
        self._folds = {}

    def _fold(
        self, patterns: tuple[int, ...]
    ) -> tuple[tuple[tuple[int, int], ...], dict[Any, Any]]:
        """For a token matched by these patterns (in order): the (column, value) pairs of
        the array attributes it ends with, and the rest of its attributes."""
        known = self._folds.get(patterns)
        if known is None:
            merged: dict[Any, Any] = {}
            for index in patterns:
                merged.update(self._ruler.attrs[index])
            columns = tuple(
                (c, int(merged.pop(attr))) for c, attr in enumerate(self._columns) if attr in merged
            )
            if len(self._folds) > _MAX_ROWS:
                self._folds.clear()
            known = self._folds[patterns] = (columns, merged)
        return known

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self._ruler
        matches = self._match(doc)
        indices = ruler.indices
        by_token: dict[int, list[int]] = {}
        for index, _, start, end in matches:  # sorted by pattern: spaCy's order
            offset = indices[index]
            i = start + offset if offset >= 0 else end + offset
            if not start <= i < end:
                ruler.set_annotations(doc, matches)  # raises the component's error
                return doc
            by_token.setdefault(i, []).append(index)
        if not by_token:
            return doc
        table: Any = doc.to_array(list(self._columns))
        changed = False
        for i, patterns in by_token.items():
            columns, rest = self._fold(tuple(patterns))
            for column, value in columns:
                table[i, column] = value
                changed = True
            if rest:
                set_token_attrs(doc[i], rest)
        if changed:
            doc.from_array(list(self._columns), table)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)
