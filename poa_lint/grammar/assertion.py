"""Whether the writer asserts a clause: negated, hypothetical, a purpose, distanced by a
higher clause, or someone else's reported words.

:func:`is_negated` reads only a negation of the token's own (not a "not" after a noun),
while :func:`has_negator_child` counts any "not", "never" or "n't" below it: the rules
that ask each were tuned on that reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clauses import heads_above
from .words import (
    DISOWNING_ADVERBS,
    HYPOTHETICAL_MARKS,
    PURPOSE_HEADS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    lemma_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_negated(token: Token) -> bool:
    """The token carries a negation of its own: "did not read", "never lied", "isn't".

    On a noun only a preceding "not" negates it ("not a lie"); a following one is a contrast
    ("the customer made the mistake, not us").
    """
    nominal = token.pos_ in ("NOUN", "PROPN", "PRON")
    return any(
        (c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "not")))
        and not (nominal and c.i > token.i)
        for c in token.children
    )


def negators_of(token: Token) -> list[Token]:
    """The words that negate a token, in text order: a ``neg`` ("not", "n't") or "never"
    among its children, which a finding quotes with the verb ("did *not* read").

    Unlike :func:`is_negated` it keeps a "not" after a noun, and unlike
    :func:`has_negator_child` it does not take a "not" the parser did not label ``neg``.
    """
    return [c for c in token.children if c.dep_ == "neg" or c.lower_ == "never"]


def has_negator_child(token: Token) -> bool:
    """Any "not", "never" or "n't" (or ``neg``) below the token, before or after it.

    Looser than :func:`is_negated`, which ignores a "not" after a noun ("the customer, not
    us"): the relevance rules (POA502, POA703) were tuned on this reading.
    """
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in token.children)


def hypothetical(predicate: Token) -> bool:
    """The clause (or one it hangs from) is a condition: "if the buyer misused it, ..."."""
    current: Token | None = predicate
    for _ in range(4):
        if current is None:
            break
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "conj", "ccomp"):
            break
        current = current.head
    return False


def states_purpose(predicate: Token) -> bool:
    """The clause states a purpose, not a fact: "(in order) to ensure that we do not violate
    any policy", "to make sure we do not break the rules again", "so that we never …"."""
    current = predicate
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in current.children) and any(
            t.lower_ == "so" for t in current.doc[max(0, current.i - 6) : current.i]
        ):
            return True
        if current.dep_ not in ("ccomp", "xcomp", "conj") or current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in PURPOSE_HEADS:
            return True
    return False


def purpose_infinitive(verb: Token) -> bool:
    """ "(reported us) only to get", "(returned it) to get": an infinitive of purpose."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and lemma_of(verb.head) not in ("want", "need", "have", "ask", "like", "try")
    )


def in_purpose_clause(token: Token) -> bool:
    """The token stands in an adverbial or adjectival *to*-infinitive ("in order to end the
    cooperation thoroughly, we asked ..."), below it up to the sentence root: it qualifies
    an aim, not the act the sentence reports."""
    for above in [token, *token.ancestors]:
        if above.dep_ in ("advcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in above.children
        ):
            return True
        if above.dep_ == "ROOT":
            return False
    return False


def distanced(predicate: Token) -> bool:
    """True when a higher clause disowns this one.

    "We do not think the buyer lied", "we never said your decision was unfair", "we wrongly
    assumed the buyer had lied": the accusation is mentioned, not made.
    """
    for above in heads_above(predicate):
        if lemma_of(above) in REPORTING_VERBS and (
            is_negated(above) or any(c.lower_ in DISOWNING_ADVERBS for c in above.children)
        ):
            return True
        if lemma_of(above) in ("instead", "rather"):
            return True
    # "instead of blaming the buyer, we ..." / "rather than saying ..."
    left = predicate.doc[max(predicate.sent.start, predicate.i - 3) : predicate.i]
    return any(t.lower_ in ("instead", "rather") for t in left)


def reported_by_other(token: Token) -> bool:
    """The token stands in words someone else is reported to have said: "the buyer said it
    would not happen again" (the nearest verb of saying above it has a subject other than
    "we" or "I"). "We told the team to check every order" is the seller's own voice."""
    for above in token.ancestors:
        if above.lemma_.lower() in SPEECH_VERBS:
            subjects = [c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")]
            return bool(subjects) and subjects[0].lower_ not in ("we", "i")
    return False
