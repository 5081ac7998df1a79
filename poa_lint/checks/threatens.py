"""POA204 threatens: legal threats, public pressure and ultimatums.

"Our attorney reviewed the trademark" is evidence, "our attorney will contact you" is a
threat: the rule needs the writer's side as the doer, an act announced rather than reported
(future, intended, "ready to"), and Amazon as its aim. The vocabulary lives in
``rules/tone.yaml`` (validated by :class:`ThreatensOptions`); the clause questions come from
:mod:`poa_lint.grammar`.

The check reads ``letter.doc`` only; it never parses. The engine drops hits inside quoted
text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from ..grammar import (
    FUTURE_AUX,
    SECOND_PERSON,
    SECOND_POSSESSIVE,
    clause_tokens,
    dependents,
    governing_subject,
    has_auxiliary,
    heads_above,
    hypothetical,
    is_first_person,
    is_negated,
    is_one_of,
    lemma_of,
    modifiers_of,
    owned_by_first,
    subject_of,
)
from ..texts import N_
from ._tone_common import Found, WordListOptions, per_sentence, to_hits
from .base import Hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


class ThreatensOptions(WordListOptions):
    """POA204 vocabulary: legal and public-pressure words, and the verbs that aim them."""

    legal_people: frozenset[str]
    legal_bodies: frozenset[str]
    lawyer_verbs: frozenset[str]
    legal_terms: frozenset[str]
    legal_nouns: frozenset[str]
    pressure_targets: frozenset[str]
    threat_verbs: frozenset[str]
    intent_words: frozenset[str]
    reinstate_verbs: frozenset[str]
    sanctioned_nouns: frozenset[str] = frozenset()
    demand_verbs: frozenset[str] = frozenset()
    answer_nouns: frozenset[str] = frozenset()

    @cached_property
    def triggers(self) -> frozenset[str]:
        """The words a legal threat or an ultimatum starts from (see :func:`threatens`)."""
        return (
            self.legal_terms
            | self.legal_nouns
            | self.legal_people
            | self.legal_bodies
            | self.pressure_targets
            | self.reinstate_verbs
        )


_THREAT_SUGGESTION = N_(
    "Remove the threat. A POA is a request to Amazon; legal or public pressure gets it "
    "rejected. Keep to the root cause, the actions taken and the prevention plan."
)


_ULTIMATUM_SUGGESTION = N_(
    "Remove the ultimatum and the deadline you set for Amazon. End with a polite request, e.g. "
    "'We respectfully request the reinstatement of our account.'"
)


def _future_or_intended(verb: Token, options: ThreatensOptions) -> bool:
    """The act is announced, not reported: "we will sue", "we are ready to take legal
    action", "we reserve the right to ...", "we have no choice but to go to court"."""
    for current in [verb, *heads_above(verb)]:
        if has_auxiliary(current, FUTURE_AUX):
            return True
        if is_one_of(current, options.intent_words):
            return True
        if any(is_one_of(c, options.intent_words) for c in current.children if c.dep_ == "acomp"):
            return True
        if current.dep_ in ("ROOT",):
            break
    return False


def _writer_side(token: Token | None, options: ThreatensOptions) -> bool:
    """The seller, or the seller's lawyer: "we", "our company", "our attorney"."""
    if token is None:
        return False
    if is_first_person(token):
        return True
    return is_one_of(token, options.legal_people) and owned_by_first(token)


def _aimed_at_amazon(verb: Token) -> bool:
    """The verb's object is Amazon: "contact you", "sue Amazon", "against your company"."""
    for obj in clause_tokens(verb):
        # "against the rights owner and Amazon": a conjoined object is an object too.
        head = obj
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ not in ("dobj", "pobj", "dative"):
            continue
        yours = any(c.dep_ == "poss" and c.lower_ in SECOND_POSSESSIVE for c in obj.children)
        if yours or obj.lower_ in SECOND_PERSON or obj.lower_ == "amazon":
            return True
    return False


def threatens(letter: Letter, options: ThreatensOptions) -> Iterator[Hit]:
    """POA204: legal threats, public-pressure threats and ultimatums.

    A lawyer in a POA is not a threat in itself: "our attorney reviewed the trademark" and
    "we consulted an IP attorney to audit our listings" are evidence and prevention. A threat
    is an announced act (future, intended, or conditional on Amazon's answer) whose doer is
    the seller or the seller's lawyer and that points at Amazon or at a court, the press or a
    regulator: "we will take legal action", "our lawyer will contact you", "we will report
    this to the FTC". An ultimatum is "if you do not reinstate us (within 48 hours), we will
    ..." whatever follows.
    """
    found: list[Found] = []
    for token in letter.tokens_with(options.triggers):  # the rest cannot start a threat
        found.extend(_legal_threat(token, options))
        found.extend(_ultimatum(token, options))
    for token in letter.tokens_with(options.demand_verbs):
        found.extend(_deadline_demand(token, options))
    yield from to_hits(letter, per_sentence(found))  # one finding per sentence


def _deadline_demand(verb: Token, options: ThreatensOptions) -> Iterator[Found]:
    """ "We expect a written reply within 48 hours", "we demand reinstatement by Friday": a
    deadline set for Amazon's answer is an ultimatum even without a stated consequence."""
    if not is_one_of(verb, options.demand_verbs) or verb.pos_ not in ("VERB", "AUX"):
        return
    if is_negated(verb) or hypothetical(verb) or not is_first_person(subject_of(verb)):
        return
    wanted = [o for o in dependents(verb, "dobj") if is_one_of(o, options.answer_nouns)]
    if not wanted:
        return
    deadline = [
        t
        for t in verb.subtree
        if t.lower_ in ("within", "by", "before") and any(c.like_num for c in t.subtree)
    ]
    if deadline:
        yield Found((verb, *wanted, *deadline[0].subtree), _ULTIMATUM_SUGGESTION)


def _legal_threat(token: Token, options: ThreatensOptions) -> Iterator[Found]:
    hard = is_one_of(token, options.legal_terms) or (
        is_one_of(token, options.legal_nouns)
        and any(c.lower_ in ("legal", "judicial", "court") for c in modifiers_of(token))
    )
    person = token.pos_ in ("NOUN", "PROPN") and (
        is_one_of(token, options.legal_people)
        or (
            is_one_of(token, options.legal_bodies)
            and any(c.lower_ == "legal" for c in token.children)
        )
    )
    pressure = is_one_of(token, options.pressure_targets) and token.pos_ in ("NOUN", "PROPN")
    if not (hard or person or pressure) or token.dep_ == "compound":
        return  # "the court documents", "a lawyer letter" name things, not acts
    # The verb that governs the word: "take [legal action]", "go to [court]", "[sue]".
    verb = token if token.pos_ == "VERB" else token.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or is_negated(verb):
        return
    subject = governing_subject(verb)
    announced = _future_or_intended(verb, options) or _in_ultimatum(verb)
    if person and token.dep_ in ("nsubj",) and owned_by_first(token):
        # "our lawyer will contact you", "our attorneys are reviewing your decision", "our
        # lawyers are ready to defend our rights"
        acts = [verb, *(x for a in dependents(verb, "acomp") for x in dependents(a, "xcomp"))]
        if (announced or verb.tag_ == "VBG") and any(
            is_one_of(act, options.lawyer_verbs)
            and (_aimed_at_amazon(act) or lemma_of(act) == "defend")
            for act in acts
        ):
            yield Found((token, *acts), _THREAT_SUGGESTION)
        return
    if person and token.dep_ == "dobj" and is_first_person(subject) and _about_amazon(verb):
        # "we have contacted our attorney about this deactivation"
        yield Found((verb, token), _THREAT_SUGGESTION)
        return
    if hard and announced and _aimed_at_amazon(verb):
        # "he will take legal action against the rights owner and Amazon": whoever the
        # pronoun stands for, legal action announced against Amazon is a threat.
        yield Found((verb, token), _THREAT_SUGGESTION)
        return
    if not _writer_side(subject, options) or not announced:
        return
    if hard:
        yield Found((verb, token), _THREAT_SUGGESTION)
    elif is_one_of(verb, options.threat_verbs) and (pressure or _aimed_at_amazon(verb) or person):
        # "we will contact the media", "we will have our lawyer contact you"
        if person and not (_aimed_at_amazon(verb) or lemma_of(verb) == "involve"):
            return
        yield Found((verb, token), _THREAT_SUGGESTION)


#: What makes a lawyer's involvement about Amazon rather than about a trademark or a supplier.
_AMAZON_DECISIONS = frozenset({"suspension", "deactivation", "decision", "ban", "removal"})


def _about_amazon(verb: Token) -> bool:
    """ "... about this deactivation", "... regarding your decision", "... against Amazon"."""
    for prep in clause_tokens(verb):
        for obj in dependents(prep, "pobj"):
            if (
                obj.lower_ in SECOND_PERSON
                or obj.lower_ == "amazon"
                or lemma_of(obj) in _AMAZON_DECISIONS
                or any(c.dep_ == "poss" and c.lower_ in SECOND_POSSESSIVE for c in obj.children)
            ):
                return True
    return False


def _in_ultimatum(verb: Token) -> bool:
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )


def _ultimatum(token: Token, options: ThreatensOptions) -> Iterator[Found]:
    """ "If you do not reinstate our account within 48 hours, we will ..."."""
    if token.dep_ != "advcl" or not is_one_of(token, options.reinstate_verbs):
        return
    marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in ("if", "unless")]
    if not marks:
        return
    if marks[0].lower_ == "if" and not is_negated(token):
        return
    subject = subject_of(token)
    amazon_subject = subject is not None and (
        subject.lower_ in SECOND_PERSON
        or subject.lower_ == "amazon"
        # "unless our account is reactivated", "if we are not reinstated", "if the listings
        # are not reinstated": Amazon is the doer
        or (
            subject.dep_ == "nsubjpass"
            and (is_first_person(subject) or is_one_of(subject, options.sanctioned_nouns))
        )
    )
    if not amazon_subject:
        return
    main = token.head
    main_subject = subject_of(main)
    future = has_auxiliary(main, FUTURE_AUX)
    # "… he will file a claim": the seller's lawyer (or whoever) acting on the outcome
    legal_step = is_one_of(main, options.lawyer_verbs) and main_subject is not None
    if future and (is_first_person(main_subject) or legal_step):
        yield Found((marks[0], main), _ULTIMATUM_SUGGESTION)
