"""The model's rule lemmatizer, run over the Doc's arrays instead of token by token.

spaCy's rule ``lemmatizer`` walks the Doc in Python: for each token it builds a ``Token``,
looks its ``(orth, pos, morph)`` up in the lemmatizer's cache, and sets ``lemma_`` (one
string-store look-up each), about 2 ms of a letter's 25 ms parse. Here the same cache answers
from the Doc's ``ORTH``/``POS``/``MORPH``/``LEMMA`` arrays, the lemmatizer's own
``rule_lemmatize`` runs only for a form it has not seen (filling the same cache), and the
lemmas go back in one ``Doc.from_array``. Tokens whose lemma the attribute ruler set are
left alone, as spaCy leaves them. The results are the lemmatizer's own; only the walk is
faster. ``tests/test_lemmatizer.py`` compares every token of every corpus letter.

It replaces the component's ``pipe`` (what ``nlp.pipe`` calls, and so every parse
poa-lint makes); ``nlp(text)`` still calls the component itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


_MAX_BASE_FORMS = 100_000
"""Remembered base forms before the memo starts afresh (a long-lived process sees many)."""


def _pure_base_form(lemmatizer: Any) -> bool:
    """Whether the lemmatizer's ``is_base_form`` is spaCy's own (the base class's, or the
    English one, which reads only the part of speech and the morphology)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline.lemmatizer import Lemmatizer

    method = type(lemmatizer).is_base_form
    return method is Lemmatizer.is_base_form or method is EnglishLemmatizer.is_base_form


class FastLemmas:
    """``pipe`` for a rule lemmatizer: its cache and its rules, over the Doc's arrays."""

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatizer = lemmatizer
        # spaCy caches a form's lemmas only when its rules ran; a base form ("order" as a
        # singular noun, "check" as an infinitive: most words of a letter) and a space are
        # answered before the cache and recomputed on every occurrence. Their answer depends
        # on (word, part of speech, morphology) alone, so it is remembered here, for the
        # is_base_form implementations known to read nothing else.
        self._base_forms: dict[tuple[int, int, int], list[str]] | None = (
            {} if _pure_base_form(lemmatizer) else None
        )
        # The lemma's string-store key for each (word, part of speech, morphology) already
        # answered: both answers above never change once given, so the look-ups and the
        # hashing of the lemma are done once per form, not once per token.
        self._keys: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self._lemmatizer
        if not lemmatizer._validated or not len(doc):
            return lemmatizer(doc)  # type: ignore[no-any-return]  # its own checks, once
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache, strings, overwrite = lemmatizer.cache, doc.vocab.strings, lemmatizer.overwrite
        known = self._keys
        lemmas = [row[3] for row in rows]
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            lemma_key = known.get(key)
            if lemma_key is not None:
                lemmas[i] = lemma_key
                continue
            found = cache.get(key)
            if found is None and self._base_forms is not None:
                found = self._base_forms.get(key)
            if found is None:
                found = lemmatizer.lemmatize(doc[i])
                if self._base_forms is not None and pos and key not in cache:
                    if len(self._base_forms) >= _MAX_BASE_FORMS:
                        self._base_forms.clear()
                    self._base_forms[key] = found
            lemmas[i] = strings.add(found[0])
            if key in cache or (self._base_forms is not None and key in self._base_forms):
                if len(known) >= _MAX_BASE_FORMS:
                    known.clear()
                known[key] = lemmas[i]
        column: Any = numpy.array(lemmas, dtype="uint64").reshape(-1, 1)
        doc.from_array([LEMMA], column)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


def speed_up(nlp: Language, name: str = "lemmatizer") -> bool:
    """Give the pipeline's rule lemmatizer the array walk; False (nothing changed) when it
    has none, is not in rule mode, or is not spaCy's own ``__call__``/``rule_lemmatize``."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe(name)
    try:
        from spacy.pipeline.lemmatizer import Lemmatizer
    except ImportError:  # pragma: no cover - spaCy without the component
        return False
    if (
        not isinstance(lemmatizer, Lemmatizer)
        or lemmatizer.mode != "rule"
        or type(lemmatizer).__call__ is not Lemmatizer.__call__
        or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize
        or not isinstance(getattr(lemmatizer, "cache", None), dict)
    ):
        return False
    target: Any = lemmatizer  # the instance's pipe, not the class's
    target.pipe = FastLemmas(lemmatizer).pipe
    return True
