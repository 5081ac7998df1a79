"""The lemmatizer run over the Doc's arrays gives every token the lemma spaCy's own walk
gives (poa_lint/lemmatizer.py)."""

from __future__ import annotations

from typing import Any

import spacy

from poa_lint.catalog import load_catalog
from poa_lint.lemmatizer import FastLemmas, speed_up

from .conftest import CORPUS


def test_every_token_gets_the_lemma_spacy_gives(nlp: Any) -> None:
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert getattr(lemmatizer.pipe, "__self__", None).__class__ is FastLemmas
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    for rule in load_catalog().rules:
        texts += [e.text for e in (*rule.examples.bad, *rule.examples.good)]
    texts += ["Y'all gon na love it, ain't it? I gets it and got it.", "", "\n\n"]
    fast = FastLemmas(lemmatizer)
    spacys_own = type(lemmatizer).__call__
    before = list(nlp.pipe(texts, disable=["lemmatizer"]))
    again = list(nlp.pipe(texts, disable=["lemmatizer"]))
    for ours, theirs in zip(before, again, strict=True):
        fast(ours)
        spacys_own(lemmatizer, theirs)
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs], ours.text[:80]
    assert fast._base_forms, "base forms (answered before spaCy's cache) are remembered"
    # and through nlp.pipe, as every parse of poa-lint goes
    for piped, theirs in zip(nlp.pipe(texts), again, strict=True):
        assert [t.lemma_ for t in piped] == [t.lemma_ for t in theirs]


def test_a_lemmatizer_it_does_not_know_is_left_alone() -> None:
    blank = spacy.blank("en")
    assert not speed_up(blank)
    lookup = blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    original = lookup.pipe
    assert not speed_up(blank)
    assert lookup.pipe == original
