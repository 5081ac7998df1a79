"""POA703 evidence-not-referenced: reasons that need documents must point at them.

Attachments, enclosed documents: without them the reviewer has nothing to verify. Quoted
text is Amazon's voice and never counts as *providing* evidence (a quoted "please provide
invoices" is a request, not an invoice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..grammar import (
    dependents,
    has_modal,
    has_negator_child,
    is_one_of,
    lemma_of,
    nominal_subject,
)
from ..reasons import Reason
from ..texts import N_, Template, join, message
from ._relevance_common import (
    JOINERS,
    SELLER_POSSESSIVES,
    SELLER_PRONOUNS,
    PhraseHit,
    Words,
    fold,
    reason_label,
)
from .base import Hit, Options, first_line

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


class EvidenceNotReferencedOptions(Options):
    """POA703 vocabulary: how letters point at documents."""

    attachment_nouns: frozenset[str]
    attachment_verbs: frozenset[str]
    document_nouns: frozenset[str]
    image_nouns: frozenset[str]
    provide_verbs: frozenset[str]
    evidence_headings: frozenset[str]


def _evidence_heading(letter: Letter, options: EvidenceNotReferencedOptions) -> bool:
    """A short line such as "Supporting documents:" or "EVIDENCE" that introduces a list."""
    for paragraph in letter.paragraphs:
        text = letter.text[paragraph.body_start : paragraph.end]
        words = re.findall(r"[a-z]+", text.lower())
        if any(w in ("no", "without", "missing") for w in words):
            continue
        if 0 < len(words) <= 4 and any(fold(w) in options.evidence_headings for w in words):
            return True
    return False


def _offered_or_denied(verb: Token) -> bool:
    """Not a reference: negated ("we cannot attach"), a promise or offer ("we will send", "we
    can provide on request"), or a condition ("if you need the invoices")."""
    if has_negator_child(verb) or has_modal(verb):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return True
    head = verb
    while head.dep_ in ("xcomp", "conj", "ccomp") and head.head != head:
        head = head.head
        if has_negator_child(head) or has_modal(head):
            return True
    return any(t.lower_ == "request" and t.head.lower_ in ("on", "upon") for t in verb.subtree)


_MESSAGE_NOUNS = frozenset(
    {"letter", "email", "e-mail", "mail", "message", "appeal", "plan", "poa"}
)


def _physical(verb: Token) -> bool:
    """ "We attached a warning label to every heater": attaching a thing to a product is a
    corrective action, not a document for the reviewer."""
    return any(
        lemma_of(obj) not in _MESSAGE_NOUNS
        for prep in dependents(verb, "prep")
        if prep.lower_ in ("to", "onto", "on")
        for obj in dependents(prep, "pobj")
    )


def _document_head(letter: Letter, hit: PhraseHit) -> Token:
    """The head noun of a document phrase: "letter" in "letter of authorisation", else the
    last word ("supplier invoice" → invoice)."""
    tokens = [t for t in letter.doc[hit.first : hit.last + 1] if t.text not in JOINERS]
    for i, token in enumerate(tokens):
        if token.lower_ == "of" and i > 0:
            return tokens[i - 1]
    return tokens[-1]


def _provided(token: Token, options: EvidenceNotReferencedOptions) -> bool:
    """A document the seller says they handed over: "we uploaded a new electricity bill",
    "we have sent the supplier invoices", "the photos are included", "here is the licence".
    Images uploaded *to a listing* are listing content, not evidence."""
    word = token
    while word.dep_ in ("conj", "appos") and word.head != word:
        word = word.head
    if word.dep_ in ("nsubj", "attr") and any(c.lower_ == "here" for c in word.head.children):
        return True
    if word.dep_ not in ("dobj", "nsubjpass", "pobj", "dative"):
        return False
    verb = word.head
    if word.dep_ == "pobj":
        verb = verb.head  # "we sent copies of the invoices"
        if verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not _verb_in(verb, options.provide_verbs):
        return False
    if word.dep_ != "nsubjpass" and not _seller_subject(verb):
        return False  # "three buyers sent us photos" is not the seller's evidence
    if is_one_of(token, options.image_nouns) and _to_listing(verb):
        return False
    return not _offered_or_denied(verb)


def _verb_in(verb: Token, verbs: frozenset[str]) -> bool:
    """Lemma or surface form in ``verbs``, also for re- verbs ("resubmitted", "re-sent"),
    which the small model's lemmatiser often mangles ("resubmitte")."""
    if is_one_of(verb, verbs):
        return True
    lemma = lemma_of(verb)
    return lemma.startswith("re") and any(lemma[2:].lstrip("-").startswith(v) for v in verbs)


_LISTING_NOUNS = frozenset({"listing", "page", "asin", "store", "gallery", "website", "shop"})


def _to_listing(verb: Token) -> bool:
    """ "We uploaded new photos to the listing / on the detail page"."""
    return any(
        lemma_of(obj) in _LISTING_NOUNS or obj.text.upper().startswith("B0")
        for prep in dependents(verb, "prep")
        if prep.lower_ in ("to", "on", "onto", "in", "for")
        for obj in dependents(prep, "pobj")
    )


def _seller_subject(verb: Token) -> bool:
    """No subject (a list item: "Sent the invoices on 3 May") or the seller as subject."""
    subject = nominal_subject(verb)
    if subject is None:
        return True
    return subject.lower_ in SELLER_PRONOUNS or any(
        c.lower_ in SELLER_POSSESSIVES for c in subject.children
    )


def _references_evidence(
    letter: Letter, reason: Reason, options: EvidenceNotReferencedOptions
) -> bool:
    """True when the seller's own text points the reviewer at a document."""
    if _evidence_heading(letter, options):
        return True
    words = Words.of(letter)
    for token in letter.doc:
        if letter.in_quotes(token.idx, token.idx + len(token.text)):
            continue
        # "Attached are…", "the enclosed invoice", "[Attachment 1: …]", "please find"
        if is_one_of(token, options.attachment_nouns) and token.pos_ in ("NOUN", "PROPN"):
            if not any(c.lower_ in ("no", "without") for c in token.children):
                return True
            continue
        if is_one_of(token, options.attachment_verbs):
            verb = token if token.dep_ not in ("amod", "acomp") else token.head
            if token.dep_ == "amod" or (not _offered_or_denied(verb) and not _physical(token)):
                return True
            continue
        if lemma_of(token) == "find" and any(c.lower_ == "please" for c in token.children):
            return True
    documents = [*options.document_nouns, *reason.evidence]
    for hit in words.find(documents):
        if letter.in_quotes(hit.start, hit.end):
            continue
        if _provided(_document_head(letter, hit), options):
            return True
    return False


def evidence_not_referenced(letter: Letter, options: EvidenceNotReferencedOptions) -> Iterator[Hit]:
    """POA703: the reason calls for documents and the letter points at none.

    Amazon verifies claims about sourcing, rights and safety against documents; a letter
    that references none gives the reviewer nothing to check. A reference is attachment
    language ("attached", "enclosed", "[Attachment 1: …]", "please find", a "Supporting
    documents" list) or a document the seller says they provided ("we uploaded the utility
    bill"). Promises, offers and negations ("we will send", "we can provide on request", "we
    do not have an invoice") do not count: the reviewer still has nothing in hand.
    """
    reason = letter.reason
    if reason is None or not reason.evidence:
        return
    if _references_evidence(letter, reason, options):
        return
    start, end = first_line(letter)
    wanted: str | Template = (
        Template(reason.evidence_note) if reason.evidence_note else join(list(reason.evidence[:4]))
    )
    yield Hit(
        start=start,
        end=end,
        message=message(
            N_(
                "The letter references no evidence. For {reason} Amazon typically asks for "
                "{evidence}. Attach them and say so in the letter."
            ),
            reason=reason_label(reason),
            evidence=wanted,
        ),
        suggestion=N_(
            "End with a 'Supporting documents' list that names each attachment, e.g. "
            "'Attachment 1: supplier invoice, 12 March 2024, 500 units', with the relevant "
            "lines highlighted."
        ),
        values={"evidence": wanted},
    )
