"""The warm path's shortcuts give exactly what the plain computation gives (issue 14).

Each shortcut answers a question the checks ask often from something remembered or sliced
(a word index, a folded set of attributes, the set of words an expression was run on); here
each is compared with the walk it replaced, on every corpus letter and on texts made to sit
on its edges.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from poa_lint import pattern_gate
from poa_lint.batch import Checker
from poa_lint.config import Config
from poa_lint.letter import build_letters
from poa_lint.nlp import FULL_WIDTH_STOP_KEY, has_full_width_stop
from poa_lint.notice import _phrase_re, find_reasons
from poa_lint.readers import parse_plain_text
from poa_lint.reasons import load_taxonomy

from .conftest import CORPUS

EDGES = (
    "Our A-to-z claims rose. An A-to-Z Guarantee claim and a drop-shipping complaint came in.\n"
    "ORDER DEFECT RATE: 2%. order-defect rate, late-shipment rate; Late Shipment Rate.\n"
    "Quoted: \u201cyour account was deactivated\u201d. 本店铺。This store is ours！We fix it。\n"
    "| 113-4402917-6620158 | USPS | DELIVERED |\n"
    "Sent from my phone\n\n-----Original Message-----\nFrom: Seller Performance"
)


def _texts() -> list[str]:
    return [*(p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))), EDGES]


@pytest.fixture(scope="module")
def letters(nlp: Any) -> list[Any]:
    return build_letters([parse_plain_text(t) for t in _texts()], nlp)


def test_words_and_body_words_are_the_token_walk(letters: list[Any]) -> None:
    for letter in letters:
        walked = tuple(t for t in letter.doc if not (t.is_punct or t.is_space or t.pos_ == "SYM"))
        assert [t.i for t in letter.words] == [t.i for t in walked]
        in_body = [t.i for t in walked if letter.envelope.in_body(t.idx)]
        assert [t.i for t in letter.body_words] == in_body, letter.text[:60]


def test_token_strings_are_each_token_s_own(letters: list[Any]) -> None:
    for letter in letters:
        assert letter.texts == tuple(t.text for t in letter.doc)
        assert letter.lowers == tuple(t.lower_ for t in letter.doc)
        assert letter.lemmas == tuple(t.lemma_.lower() for t in letter.doc)


def test_data_lines_are_found_by_offset(letters: list[Any]) -> None:
    letter = letters[-1]
    assert letter.data_lines, "the edge text has a table row"
    for offset in range(len(letter.text)):
        inside = any(start <= offset <= end for start, end in letter.data_lines)
        assert letter.in_data_line(offset) == inside


@pytest.mark.parametrize(
    "words",
    [
        frozenset({"we", "refund"}),
        frozenset({"since", "for"}),
        frozenset({"reinstate", "reactivated", "unblock"}),
        frozenset({"no-such-word"}),
        frozenset(),
    ],
)
def test_tokens_between_is_the_span_walk(letters: list[Any], words: frozenset[str]) -> None:
    for letter in letters:
        for sentence in letter.sentences:
            walked = [t.i for t in sentence if t.lower_ in words or t.lemma_.lower() in words]
            between = letter.tokens_between(words, sentence.start, sentence.end)
            assert [t.i for t in between] == walked
        assert [t.i for t in letter.tokens_with(words)] == list(letter.indices_with(words))


def test_the_full_width_flag_agrees_with_the_text(nlp: Any) -> None:
    for text, expected in (("We fix it。Then we ship.", True), ("We fix it. Then.", False)):
        doc = build_letters([parse_plain_text(text)], nlp)[0].doc
        assert doc.user_data[FULL_WIDTH_STOP_KEY] is expected
        assert has_full_width_stop(doc) is expected
        bare = nlp.make_doc(text)  # no flag: read from the text
        assert has_full_width_stop(bare) is expected
    letter = build_letters([parse_plain_text("We fix it。Then we ship.")], nlp)[0]
    assert [s.text for s in letter.sentences] == ["We fix it。", "Then we ship."]


def _reasons_by_expression_alone(text: str) -> list[str]:
    """find_reasons without its pre-filter: every name's expression on the whole text."""
    taxonomy = load_taxonomy()
    scored = []
    for order, reason in enumerate(taxonomy.reasons):
        count = sum(len(_phrase_re(name).findall(text)) for name in reason.names)
        if count:
            scored.append((-count, order, reason.id))
    return [r for _, _, r in sorted(scored)]


def test_reason_detection_skips_only_names_that_cannot_match() -> None:
    taxonomy = load_taxonomy()
    texts = [*_texts(), "odr", "A-to-z", "drop shipping", "drop-shipping!", "x_order defect rate"]
    names = [name for reason in taxonomy.reasons for name in reason.names]
    texts += names + [name.upper() for name in names] + [f"({name})." for name in names]
    for text in texts:
        found = [r.id for r in find_reasons(text, taxonomy)]
        assert found == _reasons_by_expression_alone(text), text[:60]


def test_a_regular_expression_gate_remembers_only_what_it_searched() -> None:
    gate = pattern_gate.Gate("texts", search=re.compile(r"^X{3,}$").search)
    asked = [
        frozenset({"We", "XXX"}),
        frozenset({"We", "order"}),
        frozenset({"XXXX", "order"}),
        frozenset({"XX"}),
        frozenset({"XXX"}),
    ]
    for strings in asked * 2:
        assert gate.open({"texts": strings}) == any(gate.search(s) for s in strings)  # type: ignore[misc]
    # equal gates stay equal (they share one Matcher) whatever each has searched
    assert gate == pattern_gate.Gate("texts", search=re.compile(r"^X{3,}$").search)


def test_a_full_gate_memory_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_gate, "_MAX_SEEN", 2)
    gate = pattern_gate.Gate("texts", search=re.compile("^a").search)
    assert gate.open({"texts": frozenset({"ab", "b", "c"})})
    assert not gate.open({"texts": frozenset({"b", "d"})})
    assert gate.open({"texts": frozenset({"ab"})})


def test_enabled_rules_are_asked_once_per_config_and_per_ignored_path() -> None:
    checker = Checker()
    plain = Config()
    first = checker.rules_for(plain, "a.txt")
    assert checker.rules_for(plain, "b.txt") is first  # no per-file-ignores: one answer
    ignoring = Config.model_validate({"per-file-ignores": {"drafts/*.txt": ["POA405"]}})
    in_drafts = {r.rule.code for r in checker.rules_for(ignoring, "drafts/x.txt")}
    elsewhere = {r.rule.code for r in checker.rules_for(ignoring, "final/x.txt")}
    assert "POA405" in elsewhere and "POA405" not in in_drafts
    assert {r.rule.code for r in checker.rules_for(ignoring, "drafts/x.txt")} == in_drafts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "\n\n\n",
        "\r\n" * 7,
        "a.b,c!" * 5,
        "x" * 300 + " y",
        "Root cause\r\nWe ship.\r",
        "。" * 9,
    ],
)
@pytest.mark.parametrize("cap", [1, 2, 3, 5, 8, 12, 20, 40, 700])
def test_the_size_caps_skip_counting_only_what_cannot_exceed_them(text: str, cap: int) -> None:
    """size_problem answers a short text without counting; the answer is the count's."""
    from poa_lint.readers.limits import ReadLimits, count_lines, count_words, size_problem

    limits = ReadLimits(max_chars=10_000, max_lines=cap, max_words=cap)
    exceeds = count_lines(text) > cap or count_words(text) > cap
    assert (size_problem(text, limits) is not None) == exceeds


def test_roots_and_negated_roots_are_those_of_the_token_walk(letters: list[Any]) -> None:
    from poa_lint.checks.vague_measure import _negated_roots
    from poa_lint.coverage import _roots

    for letter in letters:
        doc = letter.doc
        assert _roots(letter) == [t.i for t in doc if t.dep_ == "ROOT"]
        walked = [t.i for t in doc if t.dep_ == "neg" and t.head.dep_ == "ROOT"]
        assert _negated_roots(letter) == walked


@pytest.mark.parametrize(
    "text", ["amazon", "seller-performance", "xperformancex", "amaz", "", "sell", "a+b"]
)
def test_a_search_for_any_of_some_words_is_the_substring_test(text: str) -> None:
    from poa_lint.checks.criticizes_amazon import _any_of

    words = ("amazon", "performance", "seller", "a+b")
    assert bool(_any_of(words)(text)) == any(word in text for word in words)
    assert not _any_of(())(text)
