"""POA205 denies-violation: denial instead of ownership.

"We did not check the listing" owns a failure, "we did not violate any policy" denies one:
the same negated first-person clause is right or wrong depending on its verb and object, so
the rule asks :mod:`poa_lint.grammar` who the subject is, whether the clause is negated,
future, hypothetical or a purpose, and reads the vocabulary from ``rules/tone.yaml``
(validated by :class:`DeniesViolationOptions`).

The check reads ``letter.doc`` only; it never parses. The engine drops hits inside quoted
text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from ..grammar import (
    FIRST_PERSON,
    FIRST_POSSESSIVE,
    about_future,
    clause_tokens,
    dependents,
    distanced,
    has_determiner,
    hypothetical,
    is_first_person,
    is_negated,
    is_one_of,
    lemma_of,
    modifiers_of,
    negators_of,
    owned_by_first,
    owned_by_other,
    states_purpose,
    subject_of,
)
from ..texts import N_
from ._tone_common import Found, WordListOptions, complaints_are_buyers, per_sentence, to_hits
from .base import Hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


#: Complements that deny responsibility when negated ("we are not responsible").
_NOT_LIABLE = frozenset({"responsible", "guilty", "liable"})


class DeniesViolationOptions(WordListOptions):
    """POA205 vocabulary: what a first-person denial and a rejected complaint look like."""

    violation_verbs: frozenset[str]
    wrongdoing_objects: frozenset[str]
    bad_goods: frozenset[str]
    sell_verbs: frozenset[str]
    innocence_words: frozenset[str]
    blame_nouns: frozenset[str]
    compliance_verbs: frozenset[str]
    rule_nouns: frozenset[str]
    complaint_nouns: frozenset[str]
    qualified_complaint_nouns: frozenset[str]
    rejection_words: frozenset[str]
    validity_words: frozenset[str]
    accusation_verbs: frozenset[str]
    rejecting_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    buyer_nouns: frozenset[str]
    complainant_nouns: frozenset[str] = frozenset()
    granted_objects: frozenset[str] = frozenset()
    refusing_verbs: frozenset[str] = frozenset()
    verdict_nouns: frozenset[str] = frozenset()
    copying_verbs: frozenset[str] = frozenset()
    copied_works: frozenset[str] = frozenset()

    @cached_property
    def verb_triggers(self) -> frozenset[str]:
        """Verbs a first-person denial is built on ("violate", "do", "sell", "follow" …)."""
        return (
            self.violation_verbs
            | self.sell_verbs
            | self.accusation_verbs
            | self.rejecting_verbs
            | self.compliance_verbs
            | self.refusing_verbs
            | self.copying_verbs
            | frozenset({"do", "commit"})
        )

    @cached_property
    def noun_triggers(self) -> frozenset[str]:
        """Complaint and blame nouns, which start a denial of their own ("the claim is
        baseless", "not our fault")."""
        return (
            self.complaint_nouns
            | self.qualified_complaint_nouns
            | self.blame_nouns
            | self.complainant_nouns
        )

    @cached_property
    def complement_triggers(self) -> frozenset[str]:
        """Words that make their governing verb a denial ("we are innocent", "not at
        fault"), whatever the verb."""
        return self.innocence_words | self.blame_nouns | _NOT_LIABLE


_DENIAL_SUGGESTION = N_(
    "Own the problem instead of denying it: say what went wrong on your side and why, e.g. "
    "'We listed the product without checking the brand's trademark registration.'"
)


def denies_violation(letter: Letter, options: DeniesViolationOptions) -> Iterator[Hit]:
    """POA205: denial instead of ownership.

    "We did not violate any policy", "we are innocent", "this is not our fault", "we have
    always followed the rules", "the complaint is baseless". Amazon reads denial as a seller
    who has not understood the problem, so the appeal fails. The parse decides:

    * a first-person subject with a negated violation verb ("we never infringed"), with
      "nothing wrong", or with a negated "sell" of bad goods ("we did not sell counterfeits");
    * a first-person subject that is innocent / not at fault / not responsible; a negated
      "our fault"; "no fault of ours";
    * "always" + compliance verb + rules, said of the past or present (a future "we will
      always follow" is a preventive promise, not a denial);
    * a complaint noun called false/baseless, or not true/valid ("the claim is not valid").

    Not denial: admitting a failure with a negated verb ("we did not check the listing"),
    hedged intent ("we did not knowingly violate", an excuse rather than a denial), or a
    statement about goods ("the items were not damaged when they left our warehouse"), which
    may be true and is left to the seller's evidence.
    """
    found: list[Found] = []
    buyers_complained = complaints_are_buyers(letter)
    for token in _denial_candidates(letter, options):
        found.extend(_denial(token, options, buyers_complained))
    yield from to_hits(letter, per_sentence(found))  # one finding per sentence


def _denial_candidates(letter: Letter, options: DeniesViolationOptions) -> list[Token]:
    """Tokens :func:`_denial` can fire on, in document order: denial verbs, complaint and
    blame nouns, and the verbs that govern an innocence or blame complement (the verb of
    "we are innocent", two levels up for "we are not at fault")."""
    chosen: dict[int, Token] = {}
    for token in letter.tokens_with(options.verb_triggers | options.noun_triggers):
        chosen[token.i] = token
    for token in letter.tokens_with(options.complement_triggers):
        chosen[token.head.i] = token.head
        chosen[token.head.head.i] = token.head.head
    return [chosen[i] for i in sorted(chosen)]


def _denial(
    token: Token, options: DeniesViolationOptions, buyers_complained: bool = False
) -> Iterator[Found]:
    if token.pos_ in ("VERB", "AUX"):
        yield from _denying_verb(token, options)
    if token.dep_ in ("nsubj", "nsubjpass") and (
        is_one_of(token, options.complaint_nouns)
        or (is_one_of(token, options.qualified_complaint_nouns) and _qualified(token))
    ):
        if buyers_complained and not any(c.dep_ == "poss" for c in token.children):
            return  # buyers' complaints called false: POA201 reports the blame
        yield from _rejected_complaint(token, options)
    if is_one_of(token, options.blame_nouns) and token.pos_ == "NOUN":
        yield from _not_our_fault(token, options)
    if is_one_of(token, options.complainant_nouns) and token.dep_ == "nsubj":
        yield from _complainant_wrong(token, options)


def _complainant_wrong(noun: Token, options: DeniesViolationOptions) -> Iterator[Found]:
    """ "The rights owner is mistaken", "the brand is wrong about our designs": the one who
    complained called wrong is the violation denied."""
    predicate = noun.head
    if is_negated(predicate) or hypothetical(predicate) or distanced(predicate):
        return
    for comp in dependents(predicate, "acomp", "attr"):
        if is_one_of(comp, options.rejection_words) and not is_negated(comp):
            yield Found((noun, predicate, comp), _DENIAL_SUGGESTION)
            return


def _denying_verb(verb: Token, options: DeniesViolationOptions) -> Iterator[Found]:
    subject = subject_of(verb)
    if (
        not is_first_person(subject)
        or hypothetical(verb)
        or about_future(verb)
        or states_purpose(verb)
    ):
        # "we will not sell used items as new again" is a promise, and "to ensure that we do
        # not violate any policy" a purpose, not a denial
        return
    assert subject is not None
    if distanced(verb):
        # "we don't think we did anything wrong": the negation is raised to "think", and
        # "anything" shows the claim below it is still a denial
        if lemma_of(verb) == "do" and any(
            o.lower_ == "anything"
            and any(is_one_of(c, options.wrongdoing_objects) for c in [*o.children, *verb.children])
            for o in dependents(verb, "dobj")
        ):
            yield Found((subject, verb), _DENIAL_SUGGESTION)
        return
    # Quote the subject only when it belongs to this verb: in "we respect the rules and never
    # break them" the finding for "break" should not swallow the first clause.
    subject = subject if subject.head.i == verb.i else verb
    negated = is_negated(verb)
    neg = negators_of(verb)
    hedged = any(
        c.lower_ in options.hedge_adverbs
        or (c.dep_ == "prep" and any(o.lower_ in options.hedge_adverbs for o in c.children))
        for c in verb.children
    )  # "we did not knowingly violate", "did not violate it on purpose": excuses, not denials
    objects = dependents(verb, "dobj")
    if negated and _rescoped(verb):
        # "we were not selling counterfeits, but we did not have permission to sell them as
        # new": the seller narrows the violation and admits what it was
        return
    # "we did not violate any policy", "we have never infringed", "our account has broken
    # no rule", "we infringed nothing"
    none = [o for o in objects if o.lower_ == "nothing" or has_determiner(o, "no")]
    if is_one_of(verb, options.violation_verbs) and (negated or none) and not hedged:
        yield Found((subject, *neg, verb, *objects), _DENIAL_SUGGESTION)
        return
    # "we have never copied anyone's photographs", "we did not copy any of her designs"
    if is_one_of(verb, options.copying_verbs) and negated and not hedged:
        works = [
            o
            for o in objects
            if is_one_of(o, options.copied_works)
            and (
                any(c.lower_ not in FIRST_POSSESSIVE for c in dependents(o, "poss"))
                or has_determiner(o, "any")
            )
        ]
        if works:
            yield Found((subject, *neg, verb, *works), _DENIAL_SUGGESTION)
            return
    # "we do not accept that we infringed anything", "we do not accept the finding that we
    # violated the policy": refusing the finding is denying the violation
    if is_one_of(verb, options.refusing_verbs) and negated and _refuses_finding(verb, options):
        yield Found((subject, *neg, verb), _DENIAL_SUGGESTION)
        return
    # "we did nothing wrong", "we have done nothing against the rules"
    if lemma_of(verb) in ("do", "commit") and not negated:
        for obj in objects:
            nothing = obj.lower_ in ("nothing", "no") or any(c.lower_ == "no" for c in obj.children)
            wrong = any(
                is_one_of(t, options.wrongdoing_objects)
                for t in [obj, *obj.children, *verb.children]
            )
            if nothing and wrong:
                yield Found((subject, verb, *obj.subtree), _DENIAL_SUGGESTION)
                return
    # "we did not do anything wrong"
    if lemma_of(verb) == "do" and negated:
        for obj in objects:
            if obj.lower_ == "anything" and (
                any(
                    is_one_of(c, options.wrongdoing_objects)
                    for c in [*obj.children, *verb.children]
                )
            ):
                yield Found((subject, *neg, verb, *obj.subtree), _DENIAL_SUGGESTION)
                return
    # "we never sold counterfeit products"
    if is_one_of(verb, options.sell_verbs) and negated and not hedged:
        for obj in objects:
            if is_one_of(obj, options.bad_goods) or any(
                is_one_of(m, options.bad_goods) for m in modifiers_of(obj)
            ):
                yield Found((subject, *neg, verb, obj), _DENIAL_SUGGESTION)
                return
    # "we are innocent", "we are not responsible", "we have been falsely accused"
    for comp in dependents(verb, "acomp", "attr"):
        if is_one_of(comp, options.innocence_words) and not negated:
            yield Found((subject, verb, comp), _DENIAL_SUGGESTION)
            return
        blame = is_one_of(comp, options.blame_nouns) or lemma_of(comp) in _NOT_LIABLE
        if blame and negated and not owned_by_other(comp):
            yield Found((subject, verb, *neg, comp), _DENIAL_SUGGESTION)
            return
    for prep in dependents(verb, "prep"):
        for pobj in dependents(prep, "pobj"):
            if prep.lower_ == "at" and is_one_of(pobj, options.blame_nouns) and negated:
                yield Found((subject, verb, *neg, pobj), _DENIAL_SUGGESTION)  # "not at fault"
                return
    if is_one_of(verb, options.accusation_verbs) and any(
        c.lower_ in ("falsely", "wrongly", "unfairly", "wrongfully", "unjustly")
        for c in verb.children
    ):
        yield Found((subject, verb), _DENIAL_SUGGESTION)
        return
    # "we deny the allegation", "we reject this claim", "we categorically deny copying any
    # artwork", "we dispute that we sold fakes" (not "we denied the buyer's refund request")
    if is_one_of(verb, options.rejecting_verbs) and not negated:
        for obj in objects:
            if is_one_of(obj, options.complaint_nouns) or is_one_of(
                obj, options.qualified_complaint_nouns
            ):
                yield Found((subject, verb, obj), _DENIAL_SUGGESTION)
                return
        clauses = dependents(verb, "xcomp", "ccomp", "pcomp")
        gerunds = [o for o in objects if o.tag_ == "VBG" or o.pos_ == "VERB"]
        granted = any(
            is_one_of(t, options.granted_objects) or is_one_of(t, options.buyer_nouns)
            for t in clause_tokens(verb)
        )
        if (clauses or gerunds) and not granted:
            yield Found((subject, verb, *(clauses or gerunds)[:1]), _DENIAL_SUGGESTION)
            return
    # "we have always followed the rules" (not "we will always follow")
    if is_one_of(verb, options.compliance_verbs) and not negated:
        always = [c for c in verb.children if c.lower_ in ("always", "ever")]
        fresh = any(c.lower_ in ("now", "today", "forward") for c in clause_tokens(verb))
        rules = [t for t in verb.subtree if is_one_of(t, options.rule_nouns) and t.pos_ == "NOUN"]
        if always and not fresh and rules and verb.tag_ != "VB":
            yield Found((subject, *always, verb, rules[0]), _DENIAL_SUGGESTION)


def _rescoped(verb: Token) -> bool:
    """ "Not X, but Y": a denial followed, in the same sentence, by "but" and a first-person
    admission (a negated failure or an admitted mistake)."""
    for but in verb.sent:
        if but.i <= verb.i or but.dep_ != "cc" or but.lower_ != "but":
            continue
        for conj in dependents(but.head, "conj"):
            if conj.i < but.i:
                continue
            subject = subject_of(conj)
            admits = is_negated(conj) or lemma_of(conj) in ("make", "admit")
            if is_first_person(subject) and admits:
                return True
    return False


def _qualified(noun: Token) -> bool:
    """A "claim" is a complaint against the seller only when marked as one: "the infringement
    claim", "this A-to-z claim", "the claim against us", someone else's claim ("Ms Lee's
    claim"), a claim about us ("the claim that we copied her photos"). A bare "the claims
    were wrong" is as likely the seller's own marketing claims, and admitting those is good."""
    return (
        any(
            c.dep_ in ("compound", "nmod") or (c.dep_ == "det" and c.lower_ in ("this", "that"))
            for c in noun.children
        )
        or any(p.lower_ == "against" for p in dependents(noun, "prep"))
        or any(c.lower_ not in FIRST_POSSESSIVE for c in dependents(noun, "poss"))
        or any(is_first_person(subject_of(clause)) for clause in dependents(noun, "acl", "relcl"))
    )


def _refuses_finding(verb: Token, options: DeniesViolationOptions) -> bool:
    """ "(we do not accept) that we infringed anything" or "the finding that we violated
    the policy": what is refused is a violation by the seller, in a clause of its own or
    in a finding. "We do not accept returns of opened items" refuses nothing of the kind."""

    def violation_by_us(clause: Token) -> bool:
        return is_one_of(clause, options.violation_verbs) and is_first_person(subject_of(clause))

    if any(violation_by_us(c) for c in dependents(verb, "ccomp")):
        return True
    for obj in dependents(verb, "dobj"):
        if not (is_one_of(obj, options.verdict_nouns) or is_one_of(obj, options.complaint_nouns)):
            continue
        if is_one_of(obj, options.verdict_nouns) and not dependents(obj, "acl", "relcl"):
            continue  # "we did not accept the decision" alone may be about anything
        if any(violation_by_us(c) for c in dependents(obj, "acl", "relcl")):
            return True
    return False


def _rejected_complaint(noun: Token, options: DeniesViolationOptions) -> Iterator[Found]:
    """ "The complaint is baseless", "the claim was not valid"."""
    predicate = noun.head
    if hypothetical(predicate) or distanced(predicate):
        return
    buyer_owned = any(
        c.dep_ == "poss" and is_one_of(c, options.buyer_nouns) for c in noun.children
    ) or any(
        p.lower_ in ("by", "from") and any(is_one_of(o, options.buyer_nouns) for o in p.children)
        for p in dependents(noun, "prep")
    )
    if buyer_owned:
        return  # "the buyer's claim was false" is blame: POA201 reports it
    negated = is_negated(predicate)
    for comp in dependents(predicate, "acomp", "attr"):
        if (not negated and is_one_of(comp, options.rejection_words)) or (
            negated and is_one_of(comp, options.validity_words)
        ):
            yield Found((noun, predicate, comp), _DENIAL_SUGGESTION)
            return


def _not_our_fault(noun: Token, options: DeniesViolationOptions) -> Iterator[Found]:
    """ "This is not our fault", "through no fault of our own"."""
    ours = owned_by_first(noun) or any(
        p.lower_ == "of" and any(o.lower_ in FIRST_POSSESSIVE | FIRST_PERSON for o in p.subtree)
        for p in dependents(noun, "prep")
    )
    if not ours:
        return
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        yield Found((noun, *noun.children), _DENIAL_SUGGESTION)
        return
    clause = noun.head
    if noun.dep_ in ("attr", "nsubj") and is_negated(clause) and not distanced(clause):
        neg = dependents(clause, "neg")
        yield Found((clause, *neg, noun), _DENIAL_SUGGESTION)
