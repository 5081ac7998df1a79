"""Every question of :mod:`poa_lint.grammar`, asked of sentences the real model parses.

Each test reads like the docstring of the function it tests: a sentence where the answer is
yes and one where it is no. They pin what the model and the function answer together, so a
model upgrade that changes a parse the checks rely on fails here, by name, before it moves a
finding in the corpus.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
from typing import Any

import pytest

from poa_lint import grammar


@pytest.fixture(scope="module")
def parse(nlp: Any) -> Any:
    def _parse(text: str) -> Any:
        return nlp(text)

    return _parse


def word(doc: Any, text: str, nth: int = 0) -> Any:
    """The ``nth`` token spelled ``text`` (case-insensitive)."""
    return [t for t in doc if t.lower_ == text.lower()][nth]


def words(tokens: Any) -> list[str]:
    return [t.text for t in tokens]


# Words and their dependents ---------------------------------------------------------------


def test_lemma_of_is_lower_case(parse: Any) -> None:
    doc = parse("The buyers Returned the items.")
    assert grammar.lemma_of(word(doc, "buyers")) == "buyer"
    assert grammar.lemma_of(word(doc, "items")) == "item"


def test_is_one_of_reads_the_lemma_or_the_form(parse: Any) -> None:
    doc = parse("The customers lied about the damage.")
    assert grammar.is_one_of(word(doc, "customers"), frozenset({"customer"}))
    assert grammar.is_one_of(word(doc, "lied"), frozenset({"lie"}))
    assert not grammar.is_one_of(word(doc, "damage"), frozenset({"customer"}))


def test_dependents_by_label(parse: Any) -> None:
    doc = parse("The buyer opened a claim.")
    opened = word(doc, "opened")
    assert words(grammar.dependents(opened, "dobj")) == ["claim"]
    assert words(grammar.dependents(opened, "nsubj", "dobj")) == ["buyer", "claim"]


def test_objects_of_a_predicate(parse: Any) -> None:
    doc = parse("The buyer gave us a false review.")
    assert "review" in words(grammar.objects_of(word(doc, "gave")))
    doc = parse("The decision was unfair.")
    assert words(grammar.objects_of(word(doc, "was"))) == ["unfair"]


def test_modifiers_of_a_noun(parse: Any) -> None:
    doc = parse("The buyer filed a false claim.")
    assert words(grammar.modifiers_of(word(doc, "claim"))) == ["false"]
    assert grammar.modifiers_of(word(doc, "buyer")) == []


def test_has_determiner(parse: Any) -> None:
    doc = parse("This claim is not our fault.")
    assert grammar.has_determiner(word(doc, "claim"), "this")
    assert not grammar.has_determiner(word(doc, "claim"), "no")


# Which clause ------------------------------------------------------------------------------


def test_heads_above_climb_to_the_root(parse: Any) -> None:
    doc = parse("We think the buyer lied.")
    assert words(grammar.heads_above(word(doc, "buyer"))) == ["lied", "think"]
    assert list(grammar.heads_above(word(doc, "think"))) == []


def test_clause_verb_is_the_nearest_verb_above(parse: Any) -> None:
    doc = parse("We shipped the order late.")
    assert grammar.clause_verb(word(doc, "order")).text == "shipped"
    assert grammar.clause_verb(word(doc, "shipped")).text == "shipped"


def test_predicate_chain_follows_shared_subjects(parse: Any) -> None:
    doc = parse("The buyer is trying to get a free product.")
    assert words(grammar.predicate_chain(word(doc, "trying"))) == ["trying", "get"]
    doc = parse("The buyer returned it and we refunded the order.")
    assert words(grammar.predicate_chain(word(doc, "returned"))) == ["returned"]


def test_clause_tokens_leave_out_embedded_clauses(parse: Any) -> None:
    doc = parse("Amazon suspended us without investigation because we shipped late.")
    own = words(grammar.clause_tokens(word(doc, "suspended")))
    assert "investigation" in own
    assert "late" not in own


# Who --------------------------------------------------------------------------------------


def test_subject_of_follows_shared_subjects_and_relative_clauses(parse: Any) -> None:
    doc = parse("The buyer opened a claim and lied.")
    assert grammar.subject_of(word(doc, "lied")).text == "buyer"
    doc = parse("Customers who abuse returns cost us money.")
    assert grammar.subject_of(word(doc, "abuse")).text == "Customers"
    doc = parse("Please check the listing.")
    assert grammar.subject_of(word(doc, "check")) is None


def test_resumes_noun(parse: Any) -> None:
    doc = parse("The customer he opened a claim.")
    assert grammar.resumes_noun(word(doc, "he"), word(doc, "customer"))
    doc = parse("The customer opened a claim and he waited.")
    assert not grammar.resumes_noun(word(doc, "he"), word(doc, "customer"))


def test_governing_subject_is_the_nearest_subject_above(parse: Any) -> None:
    doc = parse("We are ready to sue.")
    assert grammar.governing_subject(word(doc, "sue")).text == "We"


def test_nominal_subject_climbs_out_of_adverbial_clauses(parse: Any) -> None:
    doc = parse("We checked the stock and sent the invoices.")
    assert grammar.nominal_subject(word(doc, "sent")).text == "We"
    doc = parse("Customers who abuse returns cost us money.")
    assert grammar.nominal_subject(word(doc, "abuse")).text == "who"  # not the noun


def test_subjects_of_reads_the_verbs_own_subjects(parse: Any) -> None:
    doc = parse("Our packer and I checked the stock and sent the invoices.")
    assert words(grammar.subjects_of(word(doc, "checked"))) == ["packer"]
    assert words(grammar.subjects_of(word(doc, "sent"))) == ["packer"]  # a verbal conjunct's
    doc = parse("The photo was taken by Anna Berg.")
    assert words(grammar.subjects_of(word(doc, "taken"))) == ["photo"]
    doc = parse("Customers who abuse returns cost us money.")
    assert words(grammar.subjects_of(word(doc, "abuse"))) == ["who"]  # not the noun
    assert grammar.subjects_of(word(parse("Check every order."), "check")) == []


def test_is_first_person(parse: Any) -> None:
    doc = parse("We shipped late and our team missed the cut-off.")
    assert grammar.is_first_person(word(doc, "we"))
    assert grammar.is_first_person(word(doc, "team"))
    doc = parse("The buyer and their team complained.")
    assert not grammar.is_first_person(word(doc, "team"))
    assert not grammar.is_first_person(None)


def test_is_seller_or_staff_counts_the_sellers_people(parse: Any) -> None:
    doc = parse("The packer checks every parcel.")
    assert grammar.is_seller_or_staff(word(doc, "packer"))
    assert not grammar.is_first_person(word(doc, "packer"))  # unowned: not first person
    doc = parse("Our manager and I checked the stock.")
    assert grammar.is_seller_or_staff(word(doc, "our"))
    assert grammar.is_seller_or_staff(word(doc, "manager"))
    doc = parse("The buyer's agent opened a claim.")
    assert not grammar.is_seller_or_staff(word(doc, "agent"))
    assert not grammar.is_seller_or_staff(word(doc, "buyer"))


def test_owned_by_first_and_by_other(parse: Any) -> None:
    doc = parse("It was our fault.")
    assert grammar.owned_by_first(word(doc, "fault"))
    assert not grammar.owned_by_other(word(doc, "fault"))
    doc = parse("It was the carrier's fault.")
    assert not grammar.owned_by_first(word(doc, "fault"))
    assert grammar.owned_by_other(word(doc, "fault"))


def test_cause_is_ours(parse: Any) -> None:
    doc = parse("The buyer left negative feedback because we shipped late.")
    assert grammar.cause_is_ours(word(doc, "left"))
    doc = parse("The buyer left negative feedback because the box was damaged.")
    assert not grammar.cause_is_ours(word(doc, "left"))


# Negation ---------------------------------------------------------------------------------


def test_is_negated_reads_the_tokens_own_negation(parse: Any) -> None:
    assert grammar.is_negated(word(parse("The buyer did not read the description."), "read"))
    assert grammar.is_negated(word(parse("The buyer never lied."), "lied"))
    assert not grammar.is_negated(word(parse("The buyer read the description."), "read"))


def test_negators_of_are_the_words_a_finding_quotes(parse: Any) -> None:
    doc = parse("The buyer did not read the description and never asked.")
    assert words(grammar.negators_of(word(doc, "read"))) == ["not"]
    assert words(grammar.negators_of(word(doc, "asked"))) == ["never"]
    assert grammar.negators_of(word(parse("The buyer read the description."), "read")) == []


def test_has_negator_child_is_looser_than_is_negated(parse: Any) -> None:
    doc = parse("We did not send the invoices.")
    assert grammar.has_negator_child(word(doc, "send"))
    assert grammar.is_negated(word(doc, "send"))
    assert not grammar.has_negator_child(word(parse("We sent the invoices."), "sent"))


# Done, ongoing or promised -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verb", "tense"),
    [
        ("We will check every order.", "check", "future"),
        ("We plan to check every order.", "plan", "future"),
        ("We have checked every order.", "checked", "perfect"),
        ("We are checking every order.", "checking", "progressive"),
        ("We have been selling on Amazon since 2016.", "selling", "present"),
        ("The packer checks every parcel.", "checks", "present"),
        ("We checked every order.", "checked", "past"),
        ("The photo was taken by Anna Berg.", "taken", "past"),
        ("Check every order before shipping.", "check", "imperative"),
        ("Removed the listing.", "removed", "past"),
        ("We would like to explain.", "explain", "none"),
    ],
)
def test_verb_tense(parse: Any, text: str, verb: str, tense: str) -> None:
    assert grammar.verb_tense(word(parse(text), verb)) == tense


def test_about_future(parse: Any) -> None:
    assert grammar.about_future(word(parse("We will always follow the rules."), "follow"))
    assert not grammar.about_future(word(parse("We always followed the rules."), "followed"))
    assert not grammar.about_future(word(parse("We would follow the rules."), "follow"))


def test_has_auxiliary_reads_the_verbs_own_auxiliaries(parse: Any) -> None:
    doc = parse("Amazon could not read the numbers.")
    assert grammar.has_auxiliary(word(doc, "read"), ("can", "could"))
    assert not grammar.has_auxiliary(word(doc, "read"), grammar.FUTURE_AUX)
    doc = parse("We will check and provide the invoices.")
    assert grammar.has_auxiliary(word(doc, "check"), grammar.WILL_AUX)
    assert not grammar.has_auxiliary(word(doc, "provide"), grammar.WILL_AUX)  # the head's


def test_has_modal(parse: Any) -> None:
    doc = parse("We will check and provide the invoices.")
    assert grammar.has_modal(word(doc, "check"))
    assert grammar.has_modal(word(doc, "provide"))  # conjoined to a modal verb
    assert not grammar.has_modal(word(parse("We checked the invoices."), "checked"))


def test_finite(parse: Any) -> None:
    assert grammar.finite(word(parse("We provide excellent service."), "provide"))
    assert grammar.finite(word(parse("We have provided the invoices."), "provided"))
    assert not grammar.finite(word(parse("We want to provide the invoices."), "provide"))


def test_is_tensed_differs_from_finite(parse: Any) -> None:
    doc = parse("We will check every order.")
    assert grammar.is_tensed(word(doc, "check"))  # a modal carries the tense
    assert not grammar.finite(word(doc, "check"))  # but it is no statement of fact
    doc = parse("To be checked, the items are sent.")
    assert not grammar.is_tensed(word(doc, "checked"))  # no tensed auxiliary
    assert grammar.finite(word(doc, "checked"))
    assert grammar.is_tensed(word(doc, "sent"))
    assert not grammar.is_tensed(word(parse("We want to check it."), "check"))


def test_should_have(parse: Any) -> None:
    assert grammar.should_have(word(parse("The customer should have read the manual."), "read"))
    assert not grammar.should_have(word(parse("The customer should read the manual."), "read"))


# What an item does ----------------------------------------------------------------------------


def test_main_verbs_are_the_roots_and_their_conjuncts(parse: Any) -> None:
    doc = parse("Our packer and I checked the stock and sent the invoices.")
    tokens = list(doc[:])
    heads = [t.head.i for t in doc]
    assert words(grammar.main_verbs(doc[:], tokens, heads)) == ["checked", "sent"]
    doc = parse("We would like to explain what happened.")
    assert words(grammar.main_verbs(doc[:], list(doc[:]), [t.head.i for t in doc])) == ["like"]


def test_lead_verb_of_prefers_a_tensed_verb_that_is_not_about_the_letter(parse: Any) -> None:
    doc = parse("Our manager checks the daily stock report in order to avoid errors.")
    avoid, checks = word(doc, "avoid"), word(doc, "checks")
    assert grammar.lead_verb_of([avoid, checks], frozenset()) is checks
    assert grammar.lead_verb_of([avoid, checks], frozenset({"check"})) is avoid
    assert grammar.lead_verb_of([checks], frozenset({"check"})) is None


def test_object_lemmas_read_objects_and_their_modifiers(parse: Any) -> None:
    doc = parse("Our manager checks the daily stock report.")
    assert grammar.object_lemmas(word(doc, "checks")) == {"report", "stock", "daily"}
    doc = parse("The photo was taken by Anna Berg.")
    assert grammar.object_lemmas(word(doc, "taken")) == {"photo"}  # the passive subject
    assert grammar.object_lemmas(word(parse("We apologise."), "apologise")) == set()


def test_is_passive(parse: Any) -> None:
    assert grammar.is_passive(word(parse("The photo was taken by Anna Berg."), "taken"))
    assert not grammar.is_passive(word(parse("We took the photo."), "took"))
    assert not grammar.is_passive(None)


def test_foreign_agent(parse: Any) -> None:
    assert grammar.foreign_agent(word(parse("The photo was taken by Anna Berg."), "taken"))
    assert not grammar.foreign_agent(word(parse("The photo was taken by our team."), "taken"))
    assert not grammar.foreign_agent(word(parse("We took the photo."), "took"))
    assert not grammar.foreign_agent(None)


# Hypothetical, purpose, reported or distanced ----------------------------------------------


def test_hypothetical(parse: Any) -> None:
    doc = parse("If the buyer misused it, we would replace it.")
    assert grammar.hypothetical(word(doc, "misused"))
    assert not grammar.hypothetical(word(doc, "replace"))


def test_states_purpose(parse: Any) -> None:
    doc = parse("We trained our staff to ensure that we do not violate any policy.")
    assert grammar.states_purpose(word(doc, "violate"))
    doc = parse("We did not violate any policy.")
    assert not grammar.states_purpose(word(doc, "violate"))


def test_purpose_infinitive(parse: Any) -> None:
    doc = parse("The buyer returned it to get a refund.")
    assert grammar.purpose_infinitive(word(doc, "get"))
    doc = parse("The buyer wanted to get a refund.")
    assert not grammar.purpose_infinitive(word(doc, "get"))


def test_in_purpose_clause(parse: Any) -> None:
    doc = parse("To end the cooperation thoroughly, we asked staff to delete the contacts.")
    assert grammar.in_purpose_clause(word(doc, "thoroughly"))
    assert not grammar.in_purpose_clause(word(doc, "asked"))


def test_distanced(parse: Any) -> None:
    doc = parse("We do not think the buyer lied.")
    assert grammar.distanced(word(doc, "lied"))
    doc = parse("We wrongly assumed the buyer had lied.")
    assert grammar.distanced(word(doc, "lied"))
    doc = parse("We think the buyer lied.")
    assert not grammar.distanced(word(doc, "lied"))


def test_reported_by_other(parse: Any) -> None:
    doc = parse("The buyer said it would not happen again.")
    assert grammar.reported_by_other(word(doc, "happen"))
    doc = parse("We said it would not happen again.")
    assert not grammar.reported_by_other(word(doc, "happen"))


def grammar_modules() -> list[Any]:
    """Every module of the grammar package."""
    return [
        importlib.import_module(f"{grammar.__name__}.{info.name}")
        for info in pkgutil.iter_modules(grammar.__path__)
    ]


def test_every_grammar_function_has_examples_here() -> None:
    source = inspect.getsource(sys.modules[__name__])
    functions = [
        name
        for module in grammar_modules()
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__
    ]
    assert len(functions) > 35
    untested = [name for name in functions if f"grammar.{name}(" not in source]
    assert untested == []


def test_every_grammar_name_is_importable_from_the_package() -> None:
    defined = [
        node
        for module in grammar_modules()
        for node in ast.parse(inspect.getsource(module)).body
        if isinstance(node, (ast.FunctionDef, ast.Assign))
    ]
    public = {
        name
        for node in defined
        for name in (
            [node.name]
            if isinstance(node, ast.FunctionDef)
            else [t.id for t in node.targets if isinstance(t, ast.Name)]
        )
        if not name.startswith("_")
    }
    assert public - set(grammar.__all__) == set()
    assert all(hasattr(grammar, name) for name in grammar.__all__)
