"""Gated pattern matching (poa_lint/pattern_gate.py) finds exactly what one Matcher holding
every pattern finds, in the same order, on every corpus letter and rule example."""

from __future__ import annotations

from typing import Any

import pytest

from poa_lint.catalog import load_catalog
from poa_lint.engine import pattern_matcher
from poa_lint.letter import build_letters
from poa_lint.pattern_gate import gate_for
from poa_lint.readers import parse_plain_text

from .conftest import CORPUS

AWKWARD = (
    "We refunded order XXX-XXXXXXX-XXXXXXX within 24 hours. Signed: ____________\n"
    "Dear [Name], on the XXth we sent {order} to <buyer> … ..... …… [a] [a b] [a b c] XXXX("
)


def test_gated_matches_are_those_of_one_matcher(nlp: Any) -> None:
    from spacy.matcher import Matcher

    catalog = load_catalog()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    for rule in catalog.rules:
        texts += [e.text for e in (*rule.examples.bad, *rule.examples.good)]
    texts.append(AWKWARD)
    every = Matcher(nlp.vocab, validate=True)
    for rule in catalog.rules:
        for i, entry in enumerate(rule.patterns):
            if entry.pattern is not None:
                every.add(f"{rule.code}#{i}", [list(entry.pattern)])
        for entry in rule.exceptions:
            if entry.pattern is not None:
                every.add(f"{rule.code}#except", [list(entry.pattern)])
    gated = pattern_matcher(catalog, nlp)
    assert gated._gated, "the catalogue's placeholder patterns are gated"
    letters = build_letters([parse_plain_text(t) for t in texts], nlp)
    matched = 0
    for letter in letters:
        expected = [*every(letter.doc), *gated._phrases(letter.doc)]
        assert gated._matches(letter) == expected, letter.text[:80]
        matched += len(expected)
    assert matched > 100


@pytest.mark.parametrize(
    ("pattern", "words", "opens", "closes"),
    [
        ([{"ORTH": "["}, {"IS_ALPHA": True}], "texts", {"["}, {"(", "[a"}),
        ([{"LOWER": {"IN": ["xxx", "tbd"]}}], "lowers", {"tbd"}, {"xxxx"}),
        ([{"LEMMA": "Take"}], "lemmas", {"take"}, {"took"}),
        ([{"TEXT": {"REGEX": "^X{3,}$"}}], "texts", {"XXXX"}, {"XX", "xXXX"}),
        ([{"ORTH": "…", "OP": "{3,}"}], "texts", {"…"}, {"."}),
        ([{"ORTH": "[", "OP": "+"}], "texts", {"["}, {"]"}),
    ],
)
def test_a_gate_opens_only_for_the_first_word(
    pattern: list[dict[str, Any]], words: str, opens: set[str], closes: set[str]
) -> None:
    gate = gate_for(pattern)
    assert gate is not None and gate.words == words
    assert gate.open({words: frozenset(opens)})
    assert not gate.open({words: frozenset(closes)})


@pytest.mark.parametrize(
    "pattern",
    [
        [{"ORTH": "[", "OP": "?"}, {"ORTH": "]"}],  # the first token may be skipped
        [{"ORTH": "x", "OP": "*"}],
        [{"ORTH": "x", "OP": "!"}],  # any token but "x"
        [{"ORTH": "x", "OP": "{,2}"}, {"ORTH": "y"}],
        [{"ORTH": "x", "OP": "{0,3}"}, {"ORTH": "y"}],
        [{"ORTH": "[", "IS_PUNCT": True}],  # two tests on the first token
        [{"POS": "NOUN"}],  # not a word: always run
        [{"LEMMA": {"REGEX": "^take"}}],  # lemmas are compared lower-cased: no regex gate
        [],
    ],
)
def test_patterns_that_are_always_run(pattern: list[dict[str, Any]]) -> None:
    assert gate_for(pattern) is None
