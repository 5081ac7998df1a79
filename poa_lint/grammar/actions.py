"""What an item does: the verbs that carry its action, whether they are passive, and whether
someone other than the seller did it.

The structure analysis asks these of each list item or sentence to tell a fix the seller
made ("we refunded all buyers") from a promise, a cause or a report of what others did ("the
photo was taken by Anna Berg").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from .subjects import is_seller_or_staff
from .tense import is_tensed

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def main_verbs(span: Span, tokens: Sequence[Token], heads: Sequence[int]) -> list[Token]:
    """The clause heads that carry the span's action: its roots and verbs conjoined to them.

    ``tokens`` is ``list(span)`` and ``heads`` the document's head array (each token's head
    index), which callers that ask several questions of one span make once.
    """
    # The span's own roots: tokens whose head lies outside it. Usually the sentence root, but
    # after an inline label ("Prevention: …") the parser may hang the clause off the label.
    start, end = span.start, span.end
    # by index into the head array: ``tokens`` is ``list(span)`` (the callers make it once)
    roots = [
        tokens[i - start] for i in range(start, end) if heads[i] == i or not start <= heads[i] < end
    ]
    roots = [t for t in roots if not t.is_punct and not t.is_space]
    verbs: list[Token] = []
    for root in roots:
        head = root
        if head.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in head.children):
            verbs.append(
                head
            )  # the small model sometimes tags "a packer scans every parcel" as NNS
            continue
        if head.pos_ not in ("VERB", "AUX"):
            # "For order 123, refund issued." or a fragment: look for a verb below the root.
            below = [
                t
                for t in head.subtree
                if t.pos_ == "VERB" and t.dep_ in ("acl", "relcl", "ccomp", "advcl", "xcomp")
            ]
            if head.tag_ in ("NNP", "NN") and head.i == span.start and head.lower_.endswith("ed"):
                verbs.append(head)
            verbs.extend(below[:1])
            continue
        verbs.append(head)
        verbs.extend(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return verbs


def lead_verb_of(verbs: Sequence[Token], discourse_verbs: Collection[str]) -> Token | None:
    """The verb that carries an item's action: a tensed verb ("our manager checks …")
    before an infinitive ("in order to avoid"), and not a verb about the letter itself
    (one of ``discourse_verbs``, the structure vocabulary's "we would like to *explain*")."""
    for verb in sorted(verbs, key=lambda v: 0 if is_tensed(v) else 1):
        if verb.lemma_.lower() not in discourse_verbs or verb.lemma_.lower() == "be":
            return verb
    return None


def is_passive(verb: Token | None) -> bool:
    """The verb is in the passive voice: "all listings *were corrected*"."""
    return verb is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def foreign_agent(verb: Token | None) -> bool:
    """ "The photo was taken by Anna Berg": a passive done by someone else is no action of ours."""
    if verb is None:
        return False
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in agent.children:
            if obj.dep_ == "pobj" and not is_seller_or_staff(obj):
                return True
    return False
