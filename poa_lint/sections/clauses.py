"""The clause-level questions the item analysis asks of the parse.

Who is the subject (and is it the seller: "we", "our packer"), what tense the main verb is
in (done, ongoing, promised), which verbs carry an item's action, what they act on, and
whether they are passive. Each answer reads the dependency parse of one clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..section_cues import vocabulary
from .model import Tense

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_FIRST_PERSON = frozenset({"we", "i", "us", "our", "my"})
# In a plan of action, "the team", "our packer" and "the inspector" are the seller's people.
_OUR_PEOPLE = frozenset(
    {
        "team",
        "staff",
        "company",
        "store",
        "warehouse",
        "employee",
        "manager",
        "department",
        "packer",
        "operator",
        "operations",
        "shop",
        "lead",
        "leader",
        "supervisor",
        "inspector",
        "clerk",
        "agent",
        "specialist",
        "officer",
        "worker",
        "owner",
        "member",
        "person",
        "colleague",
        "assistant",
        "coordinator",
        "designer",
        "lister",
        "writer",
        "editor",
        "bookkeeper",
        "accountant",
        "picker",
    }
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PLAN_VERBS = frozenset({"plan", "intend", "aim", "commit", "promise", "going"})


def is_first_person(subject: Token) -> bool:
    lower = subject.lower_
    if lower in _FIRST_PERSON:
        return True
    if subject.lemma_.lower() in _OUR_PEOPLE:
        owners = [c.lower_ for c in subject.children if c.dep_ == "poss"]
        return not owners or owners[0] in ("our", "my")
    return False


def subjects_of(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects_of(verb.head)
    return subs


def verb_tense(verb: Token) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxes and verb.head.pos_ in ("VERB", "AUX"):
        head_aux = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ in ("VB", "VBN", "VBG") and head_aux:
            auxes = head_aux
    lowers = {a.lower_ for a in auxes}
    lemmas = {a.lemma_.lower() for a in auxes}
    if lowers & FUTURE_AUX or lemmas & {"will", "shall"}:
        return "future"
    if verb.lemma_.lower() in _PLAN_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if "have" in lemmas and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ == "VBG" and "be" in lemmas:
        if "have" in lemmas:
            # "We have been selling on Amazon since 2016": ongoing since then, no new step
            return "present"
        past_be = any(a.tag_ == "VBD" for a in auxes)
        return "past" if past_be else "progressive"
    if verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBP", "VBZ") or verb.pos_ == "NOUN":
        return "present"
    if verb.tag_ == "VB" and not subjects_of(verb) and not auxes:
        return "imperative"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # a list item such as "Refunded all 12 buyers" or "Removed the listing"
    return "none"


def main_verbs(span: Span, tokens: Sequence[Token], heads: Sequence[int]) -> list[Token]:
    """The clause heads that carry the item's action: the root and verbs conjoined to it."""
    # The item's own roots: tokens whose head lies outside it. Usually the sentence root, but
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


def lead_verb_of(verbs: Sequence[Token]) -> Token | None:
    """The verb that carries an item's action: a finite verb ("our manager checks …")
    before an infinitive ("in order to avoid"), and not a verb about the letter itself."""
    discourse = vocabulary().discourse_verbs
    for verb in sorted(verbs, key=lambda v: 0 if is_finite(v) else 1):
        if verb.lemma_.lower() not in discourse or verb.lemma_.lower() == "be":
            return verb
    return None


def is_finite(verb: Token) -> bool:
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in verb.children
    )


def object_lemmas(verb: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object (or passive subject) and their modifiers."""
    out: set[str] = set()

    def add(head: Token) -> None:
        out.add(head.lemma_.lower())
        out.update(c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod"))

    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            add(child)
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                add(pobj)
    return out


def foreign_agent(verb: Token | None) -> bool:
    """ "The photo was taken by Anna Berg": a passive done by someone else is no action of ours."""
    if verb is None:
        return False
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in agent.children:
            if obj.dep_ == "pobj" and not is_first_person(obj):
                return True
    return False


def is_passive(verb: Token | None) -> bool:
    return verb is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
