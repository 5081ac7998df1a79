"""Which clause a token belongs to: the heads above it, a predicate's chain, a clause's own
tokens.

The parser hangs words on whichever head is nearby; these functions find the clause a word
really belongs to, so that a check asks "is this word in that clause" rather than walking
the tree itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .words import dependents

if TYPE_CHECKING:
    from spacy.tokens import Token


def heads_above(token: Token) -> Iterator[Token]:
    """Heads above ``token`` up to the sentence root."""
    current = token
    for _ in range(30):
        if current.head.i == current.i:
            return
        current = current.head
        yield current


def clause_verb(token: Token) -> Token:
    """The nearest verb (or the root) above a token."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head


def predicate_chain(verb: Token) -> list[Token]:
    """A predicate plus the predicates that share its subject.

    "The buyer is trying to get a free product": try → get (xcomp); "opened a claim and lied"
    (conj without its own subject). Clauses with their own subject are excluded, so "the
    buyer returned it and we refunded" does not make "refunded" the buyer's act.
    """
    chain = [verb]
    index = 0
    while index < len(chain) and len(chain) < 12:
        current = chain[index]
        index += 1
        for child in current.children:
            if child.dep_ == "xcomp" or (
                child.dep_ == "conj"
                and child.pos_ in ("VERB", "AUX")
                and not dependents(child, "nsubj", "nsubjpass", "expl")
            ):
                chain.append(child)
    return chain


def clause_tokens(verb: Token) -> Iterator[Token]:
    """Tokens of the verb's own clause: its subtree minus any embedded clause.

    The parser attaches "without investigation" or "about this deactivation" to whichever
    word is nearby; what matters is that no other verb stands between it and ``verb``.
    """
    for token in verb.subtree:
        if token.i == verb.i:
            continue
        above = token.head
        while above.i != verb.i and above.pos_ not in ("VERB", "AUX") and above.head.i != above.i:
            above = above.head
        if above.i == verb.i:
            yield token
