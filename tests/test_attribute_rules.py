"""The attribute ruler's patterns matched by look-ups give exactly spaCy's matches.

poa_lint/attribute_rules.py replaces how ``attribute_ruler`` finds its matches (spaCy's
``Matcher`` was about 30 % of the parse); its own ``set_annotations`` still applies them.
Here both ways are run on the same parsed text: every corpus letter, every rule example and
the colloquial forms the ruler's patterns are about.
"""

from __future__ import annotations

from typing import Any

import spacy

from poa_lint.attribute_rules import FastAttributeMatch, speed_up
from poa_lint.catalog import load_catalog

from .conftest import CORPUS

COLLOQUIAL = (
    "Y'all gon na love it, ain't it? C'm on, let's go. Nuthin' I gotta say. There is one.\n\n"
    "  It was them that did it, which is why we do. I gets it and got it. w/out any doubt."
)


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    for rule in load_catalog().rules:
        texts += [e.text for e in (*rule.examples.bad, *rule.examples.good)]
    return [*texts, COLLOQUIAL, "", " ", "\n\n"]


def test_the_look_ups_find_exactly_what_the_matcher_finds(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, FastAttributeMatch)  # the loaded pipeline uses it
    spacy_match = type(ruler).match.__get__(ruler)  # the component's own method
    fast = FastAttributeMatch(ruler)
    docs = nlp.pipe(_texts(), disable=["attribute_ruler", "lemmatizer"])
    for doc in docs:
        assert fast(doc) == spacy_match(doc), doc.text[:80]


def test_a_pattern_it_cannot_match_exactly_leaves_the_ruler_alone() -> None:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ok", "OP": "+"}]], {"LEMMA": "okay"})
    original = ruler.match
    assert not speed_up(blank)
    assert ruler.match == original
    assert not speed_up(spacy.blank("en"))  # no attribute ruler at all


def test_the_parse_annotates_as_spacy_s_own_ruler_does(nlp: Any) -> None:
    """Matches applied without a Span per match, folded per token and set from arrays:
    every token's part of speech, tag, morphology, lemma and dependency are those the
    component gives when it runs as spaCy wrote it (its own ``pipe``, ``match`` and
    ``set_annotations``), and so is the per-token path ``nlp(text)`` takes."""
    texts = _texts()

    def annotations(run: Any) -> list[list[tuple[str, str, str, str, str]]]:
        return [
            [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in run(texts)
        ]

    ruler = nlp.get_pipe("attribute_ruler")
    fast = (ruler.pipe, ruler.match, ruler.set_annotations)
    assert not hasattr(fast[2], "__self__")  # poa-lint's, not the component's bound method
    ours = annotations(nlp.pipe)
    one_by_one = annotations(lambda texts: [nlp(text) for text in texts])
    component = type(ruler)
    ruler.pipe, ruler.match, ruler.set_annotations = (
        component.pipe.__get__(ruler),
        component.match.__get__(ruler),
        component.set_annotations.__get__(ruler),
    )
    try:
        spacy_s = annotations(nlp.pipe)
    finally:
        ruler.pipe, ruler.match, ruler.set_annotations = fast
    assert ours == spacy_s
    assert one_by_one == spacy_s


def test_a_user_pattern_that_sets_a_tag_or_an_extension_is_applied_too() -> None:
    """Attributes other than part of speech, morphology and lemma go through spaCy's own
    setter, in the same fold: later patterns win, as in the component."""
    from spacy.tokens import Token

    if not Token.has_extension("poa_test_flag"):
        Token.set_extension("poa_test_flag", default=None)
    texts = ["We ship it today.", "We will ship it today and we ship it again."]

    def pipeline() -> Any:
        blank = spacy.blank("en")
        ruler = blank.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "ship"}]], {"TAG": "VB", "POS": "VERB", "LEMMA": "send"})
        ruler.add([[{"LOWER": "ship"}]], {"LEMMA": "dispatch", "_": {"poa_test_flag": "yes"}})
        ruler.add([[{"LOWER": "we"}, {"LOWER": "will"}]], {"MORPH": "Tense=Fut"}, index=1)
        return blank

    def annotations(nlp: Any) -> list[list[tuple[str, str, str, str, Any]]]:
        return [
            [(t.pos_, t.tag_, str(t.morph), t.lemma_, t._.poa_test_flag) for t in doc]
            for doc in nlp.pipe(texts)
        ]

    faster = pipeline()
    assert speed_up(faster)
    expected = annotations(pipeline())
    assert expected[0][1] == ("VERB", "VB", "", "dispatch", "yes")
    assert expected[1][1] == ("", "", "Tense=Fut", "", None)
    assert annotations(faster) == expected
