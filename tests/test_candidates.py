"""The word-triggered short cuts change the cost of a check, never its findings.

For speed (issue 6), the per-token checks visit only the tokens that can fire: those whose
word is in a trigger set (:meth:`Letter.tokens_with`), the tokens that govern one (POA202,
POA205), and, in POA502, only the sentences that contain a test's words. This file runs
every such check on the corpus twice, once with the short cuts and once with them turned
off (every token, every sentence), and requires identical hits. A new branch keyed on a
word that is missing from its trigger set fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from poa_lint.catalog import load_catalog
from poa_lint.checks import CHECKS, criticizes_amazon, denies_violation, irrelevant_content
from poa_lint.config import Config
from poa_lint.engine import prepare_rules
from poa_lint.letter import Letter, build_letters
from poa_lint.readers import parse_plain_text, read_path

from .test_relevance import CASES as RELEVANCE_CASES
from .test_tone import BAD as TONE_BAD
from .test_tone import GOOD as TONE_GOOD

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SHORT_CUT_CHECKS = (
    "POA202",
    "POA203",
    "POA204",
    "POA205",
    "POA502",
)


class _Everything(frozenset):  # type: ignore[type-arg]
    """A set that contains every word: the trigger tests all pass."""

    def __contains__(self, item: object) -> bool:
        return True

    def isdisjoint(self, other: Any) -> bool:
        return False


def _every_token(letter: Letter, words: frozenset[str]) -> Iterator[Any]:
    return iter(letter.doc)


def _letters(nlp: Any) -> list[Letter]:
    """The corpus letters, every rule's good and bad examples, and the sentences of the tone
    and relevance tests, which exercise the checks' branches one by one."""
    paths = sorted(
        p for p in CORPUS.rglob("*.txt") if "notice" not in p.name and p.name != "README.md"
    )
    sources = [read_path(p) for p in paths]
    texts = [
        ex.text for rule in load_catalog().rules for ex in (*rule.examples.bad, *rule.examples.good)
    ]
    texts += [text for text, _, _ in TONE_BAD] + list(TONE_GOOD)
    texts += [case.text for case in RELEVANCE_CASES]
    sources += [parse_plain_text(text) for text in texts]
    return build_letters(sources, nlp)


@pytest.fixture(scope="module")
def letters(nlp: Any) -> list[Letter]:
    return _letters(nlp)


def _hits(letters: list[Letter]) -> dict[str, list[list[tuple[int, int, str | None]]]]:
    rules = {a.rule.code: a for a in prepare_rules(load_catalog(), Config())}
    out = {}
    for code in SHORT_CUT_CHECKS:
        active = rules[code]
        assert active.rule.check is not None
        function = CHECKS[active.rule.check].function
        out[code] = [
            [(h.start, h.end, h.message) for h in function(letter, active.options)]
            for letter in letters
        ]
    return out


def test_short_cuts_do_not_change_findings(
    letters: list[Letter], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _hits(letters)
    assert any(any(per_letter) for per_letter in fast.values())  # the corpus exercises them
    monkeypatch.setattr(Letter, "tokens_with", _every_token)
    every_token = lambda letter, options: list(letter.doc)  # noqa: E731
    monkeypatch.setattr(criticizes_amazon, "_amazon_candidates", every_token)
    monkeypatch.setattr(denies_violation, "_denial_candidates", every_token)
    everything = _Everything()
    monkeypatch.setattr(
        irrelevant_content._Triggers,
        "of",
        classmethod(lambda cls, options: cls(*[everything] * 5)),
    )
    slow = _hits(letters)
    for code in SHORT_CUT_CHECKS:
        assert fast[code] == slow[code], code


def test_token_strings_match_the_tokens(letters: list[Letter]) -> None:
    for letter in letters[:5]:
        assert letter.texts == tuple(t.text for t in letter.doc)
        assert letter.lowers == tuple(t.lower_ for t in letter.doc)
        assert letter.lemmas == tuple(t.lemma_.lower() for t in letter.doc)
