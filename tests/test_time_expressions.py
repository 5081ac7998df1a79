"""Time expressions are data (rules/timeframes.yaml), found by token patterns on the parse.

Every example of the file runs here with the real model, and the forms issue 14 names (the
ways letters write dates, deadlines, durations and frequencies) are time frames, in an
action's text, without the entity recogniser.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from poa_lint.time_expressions import load_expressions, time_expressions
from poa_lint.timeframes import has_timeframe

EXPRESSIONS = load_expressions()
_MARKED = re.compile(r"\[\[(.+?)\]\]")


def _found(nlp: Any, text: str, entry_id: str) -> list[str]:
    doc = nlp(text)
    return [doc[e.start : e.end].text for e in time_expressions(doc) if e.id == entry_id]


@pytest.mark.parametrize(
    ("entry_id", "example"),
    [(e.id, x) for e in EXPRESSIONS for x in e.examples],
)
def test_every_example_is_found(nlp: Any, entry_id: str, example: str) -> None:
    marked = _MARKED.findall(example)
    assert marked, f"{entry_id}: mark the expected words with [[...]] in {example!r}"
    found = _found(nlp, example.replace("[[", "").replace("]]", ""), entry_id)
    for words in marked:
        assert words in found, f"{entry_id} should find {words!r} in {example!r}: {found}"


@pytest.mark.parametrize(
    ("entry_id", "sentence"),
    [(e.id, x) for e in EXPRESSIONS for x in e.not_],
)
def test_counter_examples_are_not_found(nlp: Any, entry_id: str, sentence: str) -> None:
    assert _found(nlp, sentence, entry_id) == []


def test_every_entry_has_examples_and_a_unique_id() -> None:
    ids = [e.id for e in EXPRESSIONS]
    assert len(ids) == len(set(ids))
    assert all(e.examples for e in EXPRESSIONS)


@pytest.mark.parametrize(
    "phrase",
    [
        "within 24 hours",
        "by 15 March",
        "every Monday",
        "no later than 5 p.m. PST",
        "quarterly",
        "on 2024-03-05",
        "on 3/5/24",
        "on 5th March",
        "in Q2",
        "at the end of each month",
        "since January",
        "before 3 days",
        "each week one time",
        "in their first week",
        "on the day it arrives",
        "in a two-hour session",
    ],
)
def test_the_forms_letters_write_are_time_frames(nlp: Any, phrase: str) -> None:
    text = f"Our packer checks the labels {phrase}."
    doc = nlp(text)
    assert "ner" not in nlp.pipe_names
    assert has_timeframe(text, doc[:])


@pytest.mark.parametrize(
    "phrase",
    [
        "as soon as possible",
        "in the future",
        "with care",
        "for the quarter turn of the valve",
    ],
)
def test_no_time_frame_is_invented(nlp: Any, phrase: str) -> None:
    text = f"Our packer checks the labels {phrase}."
    assert not has_timeframe(text, nlp(text)[:])


def test_may_the_verb_is_no_month(nlp: Any) -> None:
    text = "May we ask you to review the plan? We may change the labels."
    assert not has_timeframe(text, nlp(text)[:])
    text = "We changed the labels in May."
    assert has_timeframe(text, nlp(text)[:])


def test_a_date_a_year_or_a_label_is_not_an_amount(nlp: Any) -> None:
    from poa_lint.checks.irrelevant_content import _amounts

    def amounts(text: str) -> bool:
        return _amounts(list(nlp(text)))

    assert not amounts("On 4 September we stopped all sales.")
    assert not amounts("We reply within 24 hours.")
    assert not amounts("We have sold on Amazon since 2016.")
    assert not amounts("We stopped all sales of batch 2601.")
    assert not amounts("Our first step was a refund.")
    assert amounts("Our sales last year were over $1.2 million.")
    assert amounts("We have received more than 20,000 positive ratings.")


def test_the_windows_find_what_the_whole_letter_holds(nlp: Any) -> None:
    """The matcher runs only around anchor words and digits; on every corpus letter that
    finds exactly what running it over the whole letter finds."""
    from poa_lint.time_expressions import time_matcher

    from .conftest import CORPUS

    matcher = time_matcher(nlp.vocab)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    for doc in nlp.pipe(texts):
        whole = {(m, s, e) for m, s, e in matcher._matcher(doc)}
        assert matcher.find(doc) == matcher._expressions(doc, whole)


def test_a_pattern_without_an_anchor_is_refused(nlp: Any) -> None:
    from poa_lint.errors import CatalogError
    from poa_lint.time_expressions import Expression, TimeMatcher

    loose = Expression.model_validate(
        {"id": "loose", "label": "DATE", "patterns": [[{"LIKE_NUM": True}]], "examples": ["x"]}
    )
    with pytest.raises(CatalogError, match="loose"):
        TimeMatcher(nlp.vocab, (loose,))
