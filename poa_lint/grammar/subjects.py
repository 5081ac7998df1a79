"""Who: the subject of a clause, and whether it is the seller.

Some questions have two answers on purpose, because rules that have been tuned on the corpus
ask them differently and their findings must not move: :func:`subject_of` follows relative
clauses, participles and shared subjects (the tone rules), :func:`nominal_subject` only
nominal subjects through conjuncts, complements and adverbial clauses (the relevance rules),
:func:`subjects_of` every subject of a verb or its verbal head (the structure analysis);
:func:`is_first_person` wants a first-person pronoun or a self noun the writer owns (the
tone rules), :func:`is_seller_or_staff` also counts the seller's unowned people ("the
packer", the structure analysis). Each says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clauses import heads_above
from .words import (
    CAUSAL_MARKS,
    FIRST_PERSON,
    FIRST_POSSESSIVE,
    RELATIVE_PRONOUNS,
    RESUMPTIVE_PRONOUNS,
    SELF_NOUNS,
    SELLER_WORDS,
    STAFF_NOUNS,
    lemma_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def subject_of(verb: Token) -> Token | None:
    """The subject of a predicate, following shared subjects.

    "The buyer tried to get ..." (xcomp) and "the buyer opened a claim and lied" (conj) share
    the subject of their head; a relative clause's "who" stands for the noun it modifies;
    a participle ("customers abusing returns") is predicated of its head noun.
    """
    current = verb
    for _ in range(8):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                if current.dep_ == "relcl" and child.lower_ in RELATIVE_PRONOUNS:
                    return current.head
                if current.dep_ == "relcl" and resumes_noun(child, current.head):
                    return current.head  # "Some buyer they choose the wrong size"
                return child
        participle = current.dep_ == "acl" and current.tag_ in ("VBG", "VBN")
        if (current.dep_ == "relcl" or participle) and current.head.pos_ in (
            "NOUN",
            "PROPN",
            "PRON",
        ):
            return current.head  # not "the right to take": an infinitive has its own doer
        if current.dep_ in ("xcomp", "conj") and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


def resumes_noun(pronoun: Token, noun: Token) -> bool:
    """A pronoun right after the noun it repeats, as non-native writers put it ("Some buyer
    they choose the wrong size", "the customer he opened a claim"): the parser reads a
    relative clause whose subject is the pronoun, but the doer is the noun."""
    return pronoun.lower_ in RESUMPTIVE_PRONOUNS and pronoun.i == noun.i + 1 and noun.pos_ == "NOUN"


def governing_subject(verb: Token) -> Token | None:
    """The nearest subject above a verb, however deeply it is embedded.

    "We are ready to sue", "we will have no choice but to go to court": the doer of "sue" and
    "go" is the subject of the clause that announces them.
    """
    for current in [verb, *heads_above(verb)]:
        subject = subject_of(current)
        if subject is not None:
            return subject
    return None


def nominal_subject(verb: Token) -> Token | None:
    """The nominal subject (``nsubj``/``nsubjpass``) of a verb, or of the verb it is conjoined
    to, is the complement of, or is an adverbial clause of ("we checked and sent", "to keep
    the invoices, we asked ...").

    Unlike :func:`subject_of` it does not read relative clauses, participles or clausal
    subjects, and it does climb out of adverbial clauses: the relevance rules (POA502,
    POA703) were tuned on this reading.
    """
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        return nominal_subject(verb.head)
    return None


def subjects_of(verb: Token) -> list[Token]:
    """Every subject of a verb (``nsubj``, ``nsubjpass`` and the expletive "there"/"it"), or
    of the verb it is conjoined to when it has none ("we checked the stock and sent ...").

    Unlike :func:`subject_of` and :func:`nominal_subject`, which return one subject, this
    returns every subject the verb has itself (an expletive too; a conjoined subject, "our
    packer and I", hangs off the first), reads only the verb's own children (not a relative
    clause's noun, an xcomp's or an adverbial clause's head) and follows a conjunct only to
    a verbal head: the structure analysis (an item's role, whether it is the seller's own
    act) was tuned on this reading.
    """
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects_of(verb.head)
    return subs


def is_first_person(token: Token | None) -> bool:
    """ "we", "I", "us", or a self noun owned by the writer ("our company", "my team")."""
    if token is None:
        return False
    if token.lower_ in FIRST_PERSON or lemma_of(token) in FIRST_PERSON:
        return True
    return lemma_of(token) in SELF_NOUNS and owned_by_first(token)


def is_seller_or_staff(subject: Token) -> bool:
    """ "we", "I", "our", or one of the seller's people ("the team", "our packer", "the
    inspector") not owned by anyone else.

    Looser than :func:`is_first_person`, which wants a first-person pronoun or a self noun
    ("company", "team") owned by the writer: in a plan of action an unowned "the packer" or
    "the team" is the seller's. The structure analysis (is an item the seller's own act)
    asks this; the tone rules ask :func:`is_first_person`. It reads the surface form only.
    """
    if subject.lower_ in SELLER_WORDS:
        return True
    if subject.lemma_.lower() in STAFF_NOUNS:
        owners = [c.lower_ for c in subject.children if c.dep_ == "poss"]
        return not owners or owners[0] in ("our", "my")
    return False


def owned_by_first(noun: Token) -> bool:
    """The writer owns the noun: "*our* fault", "*my* team"."""
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSSESSIVE for c in noun.children)


def owned_by_other(noun: Token) -> bool:
    """ "not our fault but the carrier's" is still denial; "not the buyer's fault" is not."""
    return any(c.dep_ == "poss" and c.lower_ not in FIRST_POSSESSIVE for c in noun.children)


def cause_is_ours(predicate: Token) -> bool:
    """The sentence itself names the seller as the cause.

    "The buyer left negative feedback because we shipped late", "... due to our unclear
    listing": reporting what the buyer did is fine when the reason given is the seller's.
    """
    for child in predicate.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CAUSAL_MARKS for c in child.children
        ):
            subject = subject_of(child)
            if subject is not None and (is_first_person(subject) or owned_by_first(subject)):
                return True
        if child.dep_ == "prep" and child.lower_ in ("because", "due", "owing", "thanks"):
            for obj in child.subtree:
                if obj.dep_ == "pobj" and (is_first_person(obj) or owned_by_first(obj)):
                    return True
    return False
