"""What the relevance rules (POA501-POA503) and the evidence rule POA703 share.

A reviewer compares every letter with the reason in Amazon's notice, so these rules look
for phrases on lemmas (:class:`Words`, one small matcher for every word list, with a crude
plural fold applied to both sides), point whole-letter findings at the first line, and name
reasons the way a sentence reads them. The seller's pronouns here are the plain ones ("we",
"I", "our", "my"); the tone rules use the wider sets of :mod:`poa_lint.grammar`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..grammar import is_one_of, lemma_of
from ..reasons import Reason, inline_name
from ..texts import Template

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..letter import Letter


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """A crude plural fold applied to both sides, so the name "A-to-z claims" matches "an
    A-to-z claim" (the lemmatiser only helps on the letter's side, and not for proper nouns)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def _word_keys(lower: str, lemma: str) -> frozenset[str]:
    """A word's folded keys: its lower-case form and its lemma."""
    return frozenset({fold(lower), fold(lemma)})


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the folded word sequence spaCy produces ("a-to-z" → a, to, z)."""
    return tuple(fold(w) for w in re.findall(r"[a-z0-9]+", phrase.lower()))


# Tokens skipped between the words of a phrase: hyphens and slashes ("ship-by", "A-to-z").
JOINERS = frozenset({"-", "–", "/"})


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found in the letter: the phrase's key, character span, first and last token."""

    key: tuple[str, ...]
    start: int
    end: int
    first: int
    last: int


@dataclass
class Words:
    """The letter's word tokens (by index: no spaces, no joiners) and their folded keys, the
    lower-case form and the lemma of each."""

    doc: Doc
    indices: list[int]
    keys: list[frozenset[str]]
    # where each key occurs (positions in ``keys``): a word list's first words are looked
    # up here, instead of every word of the letter being tested against each list
    positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, letter: Letter) -> Words:
        """The letter's words, built once and shared by POA501, POA502, POA503 and POA703."""
        return letter.shared("relevance.words", cls._build)

    @classmethod
    def _build(cls, letter: Letter) -> Words:
        texts, offsets, envelope = letter.texts, letter.token_offsets, letter.envelope
        # the body is one stretch of the text (Envelope.in_body): its tokens, by bisection
        first = bisect_left(offsets, envelope.body_start)
        stop = bisect_left(offsets, max(envelope.body_end, envelope.body_start + 1), first)
        indices = [
            i for i in range(first, stop) if texts[i] not in JOINERS and not texts[i].isspace()
        ]
        lowers, lemmas = letter.lowers, letter.lemmas
        keys = [_word_keys(lowers[i], lemmas[i]) for i in indices]
        positions: dict[str, list[int]] = {}
        for position, token_keys in enumerate(keys):
            for key in token_keys:
                positions.setdefault(key, []).append(position)
        return cls(letter.doc, indices, keys, positions)

    def find(self, phrases: Iterable[str]) -> list[PhraseHit]:
        return self._find(_phrase_index(frozenset(phrases)))

    def find_folded(self, phrases: Iterable[tuple[str, ...]]) -> list[PhraseHit]:
        """Every occurrence of the folded ``phrases`` (longest phrase first at each position;
        shorter phrases inside a longer one are reported too)."""
        return self._find(_index_words(phrases))

    def _find(self, index: Mapping[str, Sequence[tuple[str, ...]]]) -> list[PhraseHit]:
        keys, indices, doc, positions = self.keys, self.indices, self.doc, self.positions
        hits: list[PhraseHit] = []
        # only the words that can start a phrase of the list (most words start none)
        if len(index) < len(positions):
            where = {i for key in index if key in positions for i in positions[key]}
        else:
            where = {i for key in positions if key in index for i in positions[key]}
        for i in sorted(where):
            token_keys = keys[i]
            starts = [key for key in token_keys if key in index]
            candidates = {w for key in starts for w in index[key]}
            for words in sorted(candidates, key=len, reverse=True):
                n = len(words)
                if i + n <= len(keys) and all(words[j] in keys[i + j] for j in range(n)):
                    first, last = doc[indices[i]], doc[indices[i + n - 1]]
                    hits.append(
                        PhraseHit(words, first.idx, last.idx + len(last.text), first.i, last.i)
                    )
        return hits


def _index_words(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Folded phrases by their first word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in set(phrases):
        if words:
            index.setdefault(words[0], []).append(words)
    return index


@lru_cache(maxsize=64)
def _phrase_index(phrases: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """:func:`_index_words` of a word list from the options, folded once per list (the
    checks ask for the same lists for every letter)."""
    return _index_words(phrase_words(p) for p in phrases)


def reason_label(reason: Reason) -> Template:
    """A reason's name as it reads inside a sentence: "intellectual property (trademark)"
    (a msgid of its own, see :func:`poa_lint.reasons.inline_name`)."""
    return Template(inline_name(reason.name))


#: Pronouns that make a subject "the seller" (spaCy lemmatises "us" to "we").
SELLER_PRONOUNS = frozenset({"i", "we", "us", "me"})


SELLER_POSSESSIVES = frozenset({"our", "my"})


def is_seller(token: Token | None, self_nouns: frozenset[str]) -> bool:
    """The seller: "we", "I", or "our company/store/brand/products" (``self_nouns``, from
    ``rules/relevance.yaml``)."""
    if token is None:
        return False
    if token.lower_ in SELLER_PRONOUNS or lemma_of(token) in SELLER_PRONOUNS:
        return True
    owned = any(c.lower_ in SELLER_POSSESSIVES for c in token.children)
    return owned and is_one_of(token, self_nouns)


def mentions(hits: Sequence[PhraseHit], sent: Span) -> list[PhraseHit]:
    """The phrase hits that start inside ``sent``."""
    return [h for h in hits if sent.start <= h.first < sent.end]
