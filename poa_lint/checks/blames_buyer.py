"""POA201 blames-buyer: the buyer is made the cause of the problem.

Why this rule is parse-based and not a phrase list: the same words are fine or fatal
depending on *who does what to whom*. "The buyer lied" blames the buyer, "we do not blame
the buyer" is the opposite. So the check finds buyer nouns and a small set of content words
(the vocabulary, kept in ``rules/tone.yaml`` under ``options:`` and validated by
:class:`BlamesBuyerOptions`) and asks :mod:`poa_lint.grammar` who the subject is, whether the
clause is negated or hypothetical, and whether a higher clause distances the writer from it
("we do not think that ...").

The check reads ``letter.doc`` only; it never parses. The engine drops hits inside quoted
text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..grammar import (
    RELATIVE_PRONOUNS,
    cause_is_ours,
    dependents,
    distanced,
    has_auxiliary,
    hypothetical,
    is_negated,
    is_one_of,
    lemma_of,
    modifiers_of,
    negators_of,
    objects_of,
    predicate_chain,
    purpose_infinitive,
    resumes_noun,
    should_have,
    subject_of,
)
from ..texts import N_
from ._tone_common import Found, WordListOptions, complaints_are_buyers, per_sentence, to_hits
from .base import Hit

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter


class BlamesBuyerOptions(WordListOptions):
    """POA201 vocabulary. Each list is used in one grammatical slot (see ``blames_buyer``)."""

    buyer_nouns: frozenset[str]
    accusation_verbs: frozenset[str]
    careless_verbs: frozenset[str]
    accusation_nouns: frozenset[str]
    accusation_traits: frozenset[str]
    virtues: frozenset[str]
    false_modifiers: frozenset[str]
    complaint_nouns: frozenset[str]
    misuse_adverbs: frozenset[str]
    wanting_verbs: frozenset[str]
    greed_objects: frozenset[str]
    choice_verbs: frozenset[str]


_BLAME_SUGGESTION = N_(
    "Describe what you got wrong instead, e.g. 'Our listing did not state the size clearly, "
    "so the buyer received a size that did not fit.' Reviewers reject letters that make the "
    "buyer the cause."
)


def blames_buyer(letter: Letter, options: BlamesBuyerOptions) -> Iterator[Hit]:
    """POA201: the buyer is made the cause of the problem.

    Consultants and Amazon agree that blaming the buyer gets a POA rejected ("there is always a
    rationale behind the complaint"). A buyer-noun is checked in each role it can play:

    * subject of an accusing predicate ("the buyer lied", "customers abuse returns", "the
      customer damaged it", "the buyer was dishonest", "is trying to get a free product");
    * subject of a *negated* care verb ("the buyer did not read the description"), or of a
      negated virtue ("the customer was not honest");
    * owner or agent of an accusing noun ("the customer's fault", "buyer's remorse", "misuse
      by the customer", "a false claim by the buyer", "damaged by the customer").

    Not blame: the buyer as object ("we do not blame the buyer"), neutral reports ("the
    customer reported that the item was damaged"), negated accusations ("the buyer did not
    lie"), accusations a higher clause disowns ("we do not think the buyer lied"), and
    sentences whose own reason clause names the seller ("... because we shipped late").
    """
    found: list[Found] = []
    buyer_sentences: set[int] = set()
    # only the buyer nouns, in order (Letter.tokens_with answers is_one_of from its index)
    for token in letter.tokens_with(options.buyer_nouns):
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        buyer_sentences.add(token.sent.start)
        found.extend(_buyer_as_subject(token, options))
        found.extend(_buyer_as_owner(token, options))
        found.extend(_contradicted_complaint(token, options))
    found.extend(_their_fault(letter, buyer_sentences, options))
    found.extend(_complaints_after_delivery(letter, options))
    if complaints_are_buyers(letter):
        found.extend(_false_complaints(letter, options))
    # One sentence that blames buyers twice ("they use it and then return it, so it is
    # their fault") is one finding.
    yield from to_hits(letter, per_sentence(found))


#: Quantities that carry their noun as "of" + noun: "a number of buyers abuse returns".
_QUANTIFIERS = frozenset(
    {
        "number", "lot", "lots", "some", "many", "most", "few", "one", "several", "majority",
        "couple", "half", "all", "each", "any", "dozen", "dozens", "handful", "part", "plenty",
    }
)  # fmt: skip


def _subject_slot(buyer: Token) -> Token:
    """The token that stands in the subject slot for a buyer noun: the buyer itself, or a
    quantity word it hangs from ("a number of buyers", "some of the customers")."""
    if (
        buyer.dep_ == "pobj"
        and buyer.head.lower_ == "of"
        and buyer.head.head.lower_ in _QUANTIFIERS
        and buyer.head.head.dep_ in ("nsubj", "nsubjpass")
    ):
        return buyer.head.head
    return buyer


def _complaints_after_delivery(letter: Letter, options: BlamesBuyerOptions) -> Iterator[Found]:
    """ "The 4 chargebacks were all filed after the goods were delivered": a complaint told
    in the passive, with the delivery set against it, blames the buyers who filed it."""
    for noun in letter.tokens_with(options.complaint_nouns):
        if not is_one_of(noun, options.complaint_nouns) or noun.dep_ != "nsubjpass":
            continue
        verb = noun.head
        if lemma_of(verb) not in _COMPLAINT_VERBS or is_negated(verb) or hypothetical(verb):
            continue
        for clause in dependents(verb, "advcl"):
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            if marks & {"after", "although", "though", "while"} and _disproves(clause, options):
                yield Found((noun, verb, *clause.subtree), _BLAME_SUGGESTION)
                break


def _false_complaints(letter: Letter, options: BlamesBuyerOptions) -> Iterator[Found]:
    """ "These complaints are false", "the claims were not true": the buyers' complaints
    called lies, in a letter answering buyers' complaints."""
    for noun in letter.tokens_with(options.complaint_nouns):
        if not is_one_of(noun, options.complaint_nouns) or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ == "poss" for c in noun.children) or dependents(noun, "prep"):
            continue  # an owner is named: the owner branch (or POA205) decides
        predicate = noun.head
        if hypothetical(predicate) or distanced(predicate):
            continue
        negated = is_negated(predicate)
        for comp in dependents(predicate, "acomp", "attr"):
            if (not negated and is_one_of(comp, options.false_modifiers)) or (
                negated and is_one_of(comp, options.virtues)
            ):
                neg = dependents(predicate, "neg")
                yield Found((noun, predicate, *neg, comp), _BLAME_SUGGESTION)
                break


#: Words that set a buyer's complaint against the facts in the same sentence: "claimed it
#: was never delivered, while the tracking shows it was", "used it and then claimed".
_CONCESSIVE_MARKS = frozenset({"while", "although", "though", "whereas", "despite"})


#: "… but the tracking shows it was delivered": the facts the seller sets against the buyer.
_EVIDENCE_VERBS = frozenset({"show", "prove", "confirm", "indicate", "state", "record"})


_CONTRAST_ADVERBS = frozenset({"then", "still", "later", "afterwards", "even", "nevertheless"})


_COMPLAINT_VERBS = frozenset(
    {
        "claim", "say", "state", "report", "complain", "allege", "insist", "file", "open",
        "leave", "request", "dispute", "demand", "ask", "return",
    }
)  # fmt: skip


#: "... after the goods were delivered": the act that came before makes the claim suspect.
_CONTRADICTING_ACTS = frozenset(
    {
        "deliver",
        "receive",
        "use",
        "install",
        "wear",
        "open",
        "accept",
        "sign",
        "keep",
        "ship",
        "pack",
    }
)


def _disproves(clause: Token, options: BlamesBuyerOptions) -> bool:
    """A clause set against a complaint as proof: a record that shows or says otherwise ("the
    tracking shows it was delivered", "our chart said M"), or the act that makes the claim
    suspect ("after the goods were delivered"). "Although we listed it as new" concedes the
    buyer's point instead."""
    lemma = lemma_of(clause)
    if lemma in _CONTRADICTING_ACTS:
        return True
    if lemma not in _EVIDENCE_VERBS and lemma not in ("say", "read"):
        return False
    subject = subject_of(clause)
    # a record or a document, not a person: "the tracking", "our chart", "the photos"
    return (
        subject is not None
        and subject.pos_ == "NOUN"
        and not is_one_of(subject, options.buyer_nouns)
    )


def _contradicted_complaint(buyer: Token, options: BlamesBuyerOptions) -> Iterator[Found]:
    """The buyer's complaint, told with what is meant to disprove it: "the buyer claims they
    did not receive the package, while the tracking shows it was delivered", "used the
    toaster and then claimed it was used on arrival", "filed a chargeback after the goods
    were delivered", "changed their mind and filed a claim". Reporting a complaint is fine;
    setting the facts against it makes the buyer the cause."""
    slot = _subject_slot(buyer)
    acts: list[Token] = []
    if slot.dep_ in ("nsubj", "nsubjpass"):
        acts = predicate_chain(slot.head)
    elif buyer.dep_ in ("compound", "poss") and is_one_of(buyer.head, options.complaint_nouns):
        acts = [buyer.head]  # "that buyer claim they did not receive the package"
    complaints = [
        a for a in acts if lemma_of(a) in _COMPLAINT_VERBS or is_one_of(a, options.complaint_nouns)
    ]
    if not complaints or any(distanced(a) or hypothetical(a) or cause_is_ours(a) for a in acts):
        return
    remorse = any(
        lemma_of(a) == "change" and any(o.lower_ == "mind" for o in dependents(a, "dobj"))
        for a in acts
    )
    for complaint in complaints:
        if is_negated(complaint):
            continue
        contradiction = remorse or any(c.lower_ in _CONTRAST_ADVERBS for c in complaint.children)
        for mark in complaint.sent:
            if mark.dep_ not in ("mark", "cc") or mark.i < complaint.i:
                continue  # the facts set against the complaint come after it
            if mark.lower_ not in (*_CONCESSIVE_MARKS, "but", "yet", "after"):
                continue
            # "mark" hangs from its own clause's verb, "cc" from the clause before it
            clauses = (
                [mark.head]
                if mark.dep_ == "mark"
                else [c for c in mark.head.children if c.dep_ == "conj" and c.i > mark.i]
            )
            if any(_disproves(clause, options) for clause in clauses):
                contradiction = True
        if contradiction:
            yield Found((buyer, complaint), _BLAME_SUGGESTION)
            return


_THEIR = frozenset({"their", "they", "them", "theirs"})


def _their_fault(
    letter: Letter, buyer_sentences: set[int], options: BlamesBuyerOptions
) -> Iterator[Found]:
    """ "… so it is really their fault", "they are to blame": a pronoun for buyers named in
    the same or the previous sentence, owning a fault or accused."""
    if not buyer_sentences:
        return
    starts = sorted(buyer_sentences)
    for pronoun in letter.tokens_with(_THEIR):
        if pronoun.lower_ not in _THEIR:
            continue
        sent = pronoun.sent
        previous = [s for s in starts if s <= sent.start]
        if not previous or not (
            previous[-1] == sent.start or _previous_sentence_start(letter, sent) == previous[-1]
        ):
            continue
        noun = pronoun.head if pronoun.dep_ == "poss" else None
        if noun is not None and is_one_of(noun, options.accusation_nouns):
            clause = noun.head
            excused = is_negated(clause) or is_negated(noun) or distanced(noun)
            if not (excused or hypothetical(clause)):
                yield Found((pronoun, noun), _BLAME_SUGGESTION)
        elif pronoun.dep_ == "nsubj":
            for predicate in predicate_chain(pronoun.head):
                if (
                    is_one_of(predicate, options.accusation_verbs)
                    and not is_negated(predicate)
                    and not distanced(predicate)
                    and not hypothetical(predicate)
                ):
                    yield Found((pronoun, predicate), _BLAME_SUGGESTION)
                    break


def _previous_sentence_start(letter: Letter, sent: Span) -> int | None:
    if sent.start == 0:
        return None
    return letter.doc[sent.start - 1].sent.start


def _buyer_as_subject(buyer: Token, options: BlamesBuyerOptions) -> Iterator[Found]:
    slot = _subject_slot(buyer)
    if slot.dep_ == "nsubj" or (slot.dep_ == "conj" and slot.head.dep_ == "nsubj"):
        head = slot.head if slot.dep_ == "nsubj" else slot.head.head
        if head.dep_ in ("relcl", "acl") and not is_one_of(head.head, options.buyer_nouns):
            # "returns that another buyer had used": the clause identifies the units; the
            # sentence is about them, not an accusation of the complaining buyer
            return
    else:
        # "customers who abuse returns", "customers abusing the return policy"
        heads = [c for c in buyer.children if c.dep_ in ("relcl", "acl") and c.tag_ != "VBN"]
        if not heads:
            return
        head = heads[0]
        if head.dep_ == "relcl" and not any(
            c.dep_ == "nsubj" and (c.lower_ in RELATIVE_PRONOUNS or resumes_noun(c, buyer))
            for c in head.children
        ):
            return
    chain = predicate_chain(head)
    if distanced(head) or hypothetical(head) or cause_is_ours(head):
        return
    # What the buyer wanted, or did something for: "tried to get", "reported us (only) to
    # get a free refund" (a purpose infinitive states the motive too)
    wants = any(is_one_of(p, options.wanting_verbs) or purpose_infinitive(p) for p in chain)
    if wants and _refund_and_keep(chain, options):
        # "was trying to get a refund and keep the item": return fraud, told as a motive
        yield Found((buyer, *chain), _BLAME_SUGGESTION)
        return
    for predicate in chain:
        negated = (
            is_negated(predicate)
            or _nothing_object(predicate)
            or (predicate.dep_ == "xcomp" and lemma_of(predicate.head) in ("fail", "neglect"))
            or should_have(predicate)
        )
        if predicate.dep_ == "xcomp" and is_negated(predicate.head):
            # "the buyer did not try to cheat": the negation covers the whole chain
            negated = not negated
        yield from _accusing_predicate(buyer, predicate, negated, wants, options)


def _refund_and_keep(chain: list[Token], options: BlamesBuyerOptions) -> bool:
    """Getting the money back *and* keeping the goods, both in what the buyer wanted."""
    lemmas = {lemma_of(p): p for p in chain if not is_negated(p)}
    keep = lemmas.get("keep")
    gets = [lemmas[v] for v in ("get", "receive", "claim") if v in lemmas]
    return (
        keep is not None
        and any(is_one_of(o, options.greed_objects) for o in dependents(keep, "dobj"))
        and any(lemma_of(o) in ("refund", "money") for g in gets for o in dependents(g, "dobj"))
    )


def _nothing_object(verb: Token) -> bool:
    """ "The buyer damaged nothing", "did no harm": a negative object negates the act."""
    return any(
        c.dep_ == "dobj"
        and (c.lower_ in ("nothing", "none") or any(d.lower_ == "no" for d in c.children))
        for c in verb.children
    )


def _accusing_predicate(
    buyer: Token,
    predicate: Token,
    negated: bool,
    wants: bool,
    options: BlamesBuyerOptions,
) -> Iterator[Found]:
    """Does this predicate, said of the buyer, accuse them?"""
    neg = negators_of(predicate)
    if not negated and is_one_of(predicate, options.accusation_verbs):
        yield Found((buyer, predicate), _BLAME_SUGGESTION)
        return
    if negated and is_one_of(predicate, options.careless_verbs):
        if has_auxiliary(predicate, ("can", "could")):
            return  # "buyers could not follow their parcels": our failure left them unable
        yield Found((buyer, predicate, *neg, *dependents(predicate, "dobj")), _BLAME_SUGGESTION)
        return
    if not negated and any(c.lower_ in options.misuse_adverbs for c in predicate.children):
        adverb = next(c for c in predicate.children if c.lower_ in options.misuse_adverbs)
        yield Found((buyer, predicate, adverb), _BLAME_SUGGESTION)
        return
    for obj in objects_of(predicate):
        own_neg = negated or is_negated(obj)
        if obj.dep_ in ("acomp", "attr", "oprd") or obj.head.lower_ in ("at",):
            # the buyer *is* something: "was dishonest", "is a scammer", "was at fault"
            if not own_neg and (
                is_one_of(obj, options.accusation_traits)
                or is_one_of(obj, options.accusation_nouns)
            ):
                yield Found((buyer, predicate, obj), _BLAME_SUGGESTION)
                return
            if own_neg and is_one_of(obj, options.virtues):
                yield Found((buyer, predicate, *neg, obj), _BLAME_SUGGESTION)
                return
        if own_neg:
            continue
        if obj.dep_ == "dobj" and is_one_of(obj, options.accusation_nouns):
            # "the buyer told a lie", "committed fraud", "made a mistake"
            yield Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        mods = modifiers_of(obj)
        if any(m.lower_ in options.false_modifiers for m in mods):
            # "opened a false claim", "left a fake review"
            yield Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        if wants and (
            (is_one_of(obj, options.greed_objects) and any(m.lower_ == "free" for m in mods))
            or any(t.lower_ == "free" and t.head.lower_ == "for" for t in obj.subtree)
        ):
            # "is trying to get a free product", "wants free stuff"
            yield Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        if (
            obj.dep_ == "dobj"
            and is_one_of(predicate, options.choice_verbs)
            and any(m.lower_ == "wrong" for m in mods)
        ):
            # "the customer ordered the wrong size"
            yield Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return


def _buyer_as_owner(buyer: Token, options: BlamesBuyerOptions) -> Iterator[Found]:
    """The buyer owns or performs an accusing noun, or is the agent of a damaging verb."""
    head = buyer.head
    noun: Token | None = None
    if buyer.dep_ in ("poss", "compound"):
        noun = head
    elif buyer.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        governor = head.head
        if head.dep_ == "agent" or (
            head.lower_ in ("by", "from") and governor.pos_ in ("VERB", "AUX")
        ):
            # "the item was damaged by the customer"
            if (
                is_one_of(governor, options.accusation_verbs)
                and not is_negated(governor)
                and not distanced(governor)
            ):
                yield Found((governor, head, buyer), _BLAME_SUGGESTION)
            return
        if head.lower_ in ("by", "of", "from", "on") and governor.pos_ in ("NOUN", "PROPN"):
            noun = governor  # "fault of the buyer", "a false claim by the customer"
        elif head.lower_ in ("with", "on") and governor.pos_ in ("VERB", "AUX"):
            # "the fault lies with the buyer", "the blame is on the customer"
            subject = subject_of(governor)
            if (
                subject is not None
                and is_one_of(subject, options.accusation_nouns)
                and not is_negated(governor)
            ):
                yield Found((subject, governor, buyer), _BLAME_SUGGESTION)
            return
    if noun is None or noun.i == buyer.i:
        return
    clause = noun.head
    if is_negated(clause) or is_negated(noun) or distanced(noun) or hypothetical(clause):
        return  # "it was not the customer's fault"
    if is_one_of(noun, options.accusation_nouns):
        yield Found((buyer, noun), _BLAME_SUGGESTION)
        return
    if not is_one_of(noun, options.complaint_nouns):
        return
    if any(m.lower_ in options.false_modifiers for m in modifiers_of(noun)):
        yield Found((buyer, noun), _BLAME_SUGGESTION)  # "the buyer's fake review"
        return
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "the buyer's claim was false", "the customer's complaint is not true"
        predicate = noun.head
        negated = is_negated(predicate)
        for obj in dependents(predicate, "acomp", "attr"):
            if (not negated and is_one_of(obj, options.false_modifiers)) or (
                negated and is_one_of(obj, options.virtues)
            ):
                yield Found((buyer, noun, predicate, obj), _BLAME_SUGGESTION)
                return
