"""POA502's "other cases" topic: references to other support cases and earlier appeals.

"As I told your colleague in case 123456", "this is the third time we submit this plan",
"we already sent the invoices before": a reviewer reads each appeal on its own, so these
sentences are skipped. A case number alone is not enough (the notice's own reference is
fine to cite), so the parse decides whether the writer points at *another* exchange: said
or sent before, an ordinal appeal, a repeated submission, support asked and told.
Kept apart from :mod:`poa_lint.checks.irrelevant_content` only for size; that module owns
the rule, its options and its other topics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ..grammar import (
    dependents,
    is_one_of,
    lemma_of,
    nominal_subject,
)
from ._relevance_common import (
    PhraseHit,
    is_seller,
    mentions,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class CaseWords(Protocol):
    """The word lists of POA502's options (``rules/relevance.yaml``) this topic reads; the
    rule's :class:`~poa_lint.checks.irrelevant_content.IrrelevantContentOptions` has them."""

    @property
    def self_nouns(self) -> frozenset[str]: ...
    @property
    def case_nouns(self) -> frozenset[str]: ...
    @property
    def case_modifiers(self) -> frozenset[str]: ...
    @property
    def appeal_nouns(self) -> frozenset[str]: ...
    @property
    def earlier_words(self) -> frozenset[str]: ...
    @property
    def saying_verbs(self) -> frozenset[str]: ...


_BEFORE = frozenset({"before", "previously", "earlier"})


def case_reference(
    sent: Span,
    tokens: Sequence[Token],
    support: Sequence[PhraseHit],
    options: CaseWords,
) -> bool:
    """Other support cases and earlier appeals: "case ID 12345678", "in my previous appeal",
    "this is our second plan of action", "as I told you before", "Seller Support said".
    Amazon asks that each plan of action stand on its own. "In this case", "in case of
    damage" and a phone case are not support cases: a case needs an ID or a support or
    earlier-time modifier."""
    if _checked_with_support(tokens):
        return False
    if mentions(support, sent) and _told_before(tokens):
        return True
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN"):
            if _earlier_case(sent, token, options):
                return True
        elif token.pos_ == "VERB":
            if is_one_of(token, options.saying_verbs) and is_seller(
                nominal_subject(token), options.self_nouns
            ):
                if _said_before(token, options):
                    return True
            elif lemma_of(token) in APPEAL_VERBS and (
                _repeated(token) or _sent_before(token, options)
            ):
                return True
            elif lemma_of(token) == "appeal" and token.tag_ in ("VBD", "VBN"):
                return True  # "we appealed on 6 February and 19 February": earlier appeals
    return False


#: How a past contact with Seller Support is told: "I called Seller Support", "Seller
#: Support told us", "we opened a case". "Seller Support confirmed the documents were
#: readable" reports what Support checked, which is evidence, not history.
_CONTACT_VERBS = frozenset(
    {
        "call", "contact", "email", "e-mail", "write", "speak", "talk", "chat", "open",
        "reach", "ask", "tell", "say", "advise", "inform", "explain", "promise", "reply",
        "answer", "respond", "send", "submit",
    }
)  # fmt: skip


#: Why a seller asks Seller Support about a fix: to have it checked.
_VERIFYING = frozenset({"confirm", "verify", "check", "clarify", "ensure", "validate", "approve"})


def _checked_with_support(tokens: Sequence[Token]) -> bool:
    """ "We opened a case with Seller Support (case 17704419268) to confirm the new
    wording": a contact made to have the fix checked is a step of the plan and its
    evidence, not the history of the case."""
    return any(
        lemma_of(token) in _CONTACT_VERBS
        and token.pos_ == "VERB"
        and any(
            c.dep_ in ("advcl", "xcomp")
            and lemma_of(c) in _VERIFYING
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in token.children
        )
        for token in tokens
    )


def _told_before(tokens: Sequence[Token]) -> bool:
    """A mention of Seller Support that tells a past contact ("I called Seller Support",
    "Seller Support told us", "case ID 1234567890"), not a step of the plan ("before we
    list a new brand, we ask Seller Support"; "we will contact Seller Support")."""
    if any(sum(ch.isdigit() for ch in t.text) >= 5 for t in tokens):
        return True  # a case ID ("like_num" would take "first" for a number)
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        if lemma_of(token) not in _CONTACT_VERBS:
            continue
        auxes = dependents(token, "aux", "auxpass")
        if any(lemma_of(a) in ("will", "shall", "would", "can", "may", "must") for a in auxes):
            return False
        if token.tag_ == "VBD" or (
            token.tag_ == "VBN" and any(lemma_of(a) == "have" for a in auxes)
        ):
            return True
    return False


def _earlier_case(sent: Span, token: Token, options: CaseWords) -> bool:
    """A noun naming another case or an earlier appeal: "case 1234567890", "Seller Support
    case", "my previous appeal", "the second time we submit this plan"."""
    lemma = lemma_of(token)
    mods = dependents(token, *_MODIFIER_DEPS)
    if lemma in options.case_nouns:
        following = sent.doc[token.i + 1] if token.i + 1 < sent.end else None
        ids = [m for m in [*mods, following] if m is not None and m.like_num]
        if any(sum(ch.isdigit() for ch in m.text) >= 5 for m in ids):
            return True  # "case 1234567890" ("three cases" is no case ID)
        # "the last case of damage" is an instance, not a support case
        instance = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        return not instance and any(is_one_of(m, options.case_modifiers) for m in mods)
    if lemma in options.appeal_nouns:
        return any(is_one_of(m, options.earlier_words) for m in mods)
    if lemma == "time":
        return _again(token, mods, options)
    return False


APPEAL_VERBS = frozenset({"appeal", "submit", "resubmit", "send", "write"})


_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "npadvmod", "appos"})


def _again(time: Token, mods: Sequence[Token], options: CaseWords) -> bool:
    """ "This is the second time we submit this plan": an ordinal time of appealing."""
    ordinal = any(is_one_of(m, options.earlier_words) for m in mods)
    return ordinal and any(c.dep_ == "relcl" and lemma_of(c) in APPEAL_VERBS for c in time.children)


def _said_before(verb: Token, options: CaseWords) -> bool:
    """ "(as) I told you before", "as we explained in our previous appeal"."""
    if any(c.lower_ in _BEFORE and c.dep_ == "advmod" for c in verb.children):
        return True  # not "before we wrote the title", where "before" is a conjunction
    earlier = options.earlier_words | options.case_modifiers
    return any(
        lemma_of(obj) in options.case_nouns | options.appeal_nouns
        and any(is_one_of(m, earlier) for m in obj.children)
        for prep in dependents(verb, "prep")
        for obj in dependents(prep, "pobj")
    )


_EARLIER_APPEALS = frozenset({"appeal", "poa", "submission"})


def _sent_before(verb: Token, options: CaseWords) -> bool:
    """ "We sent a shorter appeal on 5 March, which was not accepted": an appeal the seller
    sent in the past is an earlier appeal ("this appeal" is the letter itself)."""
    if verb.tag_ != "VBD" or not is_seller(nominal_subject(verb), options.self_nouns):
        return False
    return any(
        lemma_of(obj) in _EARLIER_APPEALS
        and not any(c.lower_ in ("this", "these") for c in obj.children)
        for obj in dependents(verb, "dobj")
    )


def _repeated(verb: Token) -> bool:
    """ "We have appealed twice", "we submitted our plan again", "appealed three times"."""
    if any(c.lower_ in ("again", "twice") for c in verb.children):
        return True
    return any(
        lemma_of(c) == "time" and any(n.like_num or n.dep_ == "nummod" for n in c.children)
        for c in verb.children
    )
