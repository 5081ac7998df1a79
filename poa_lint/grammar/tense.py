"""Done, ongoing or promised: the tense and modality of a clause.

:func:`verb_tense` names the tense of one verb (the structure analysis reads an item's role
from it); :func:`about_future`, :func:`has_modal` and :func:`should_have` ask the narrower
questions the tone rules ask; :func:`finite` and :func:`is_tensed` tell a statement from an
infinitive, each as the rules that ask it were tuned.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Literal

from .subjects import subjects_of
from .words import MODALS, PLAN_VERBS, WILL_AUX, lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The tenses :func:`verb_tense` tells apart.
Tense = Literal["past", "perfect", "present", "future", "progressive", "imperative", "none"]


def verb_tense(verb: Token) -> Tense:
    """Whether a verb reports a step done, ongoing or promised, read from its form and its
    auxiliaries (or, for a bare conjunct, those of the verb it is conjoined to): "we will
    check" is future, "we plan to check" too, "we have checked" perfect, "we are checking"
    progressive, "we have been selling since 2016" present (ongoing, no new step), "we
    checked" past, "check every order" imperative, and a list item "Removed the listing"
    past. The structure analysis reads an item's role from it.
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxes and verb.head.pos_ in ("VERB", "AUX"):
        head_aux = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ in ("VB", "VBN", "VBG") and head_aux:
            auxes = head_aux
    lowers = {a.lower_ for a in auxes}
    lemmas = {a.lemma_.lower() for a in auxes}
    if lowers & WILL_AUX or lemmas & {"will", "shall"}:
        return "future"
    if verb.lemma_.lower() in PLAN_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
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


def about_future(verb: Token) -> bool:
    """The clause is about the future: "we will not", "we will always follow" (a will/shall
    auxiliary (:data:`WILL_AUX`) on it or on the clause it shares a subject with; unlike
    :data:`FUTURE_AUX`, not the conditional "would" or the modals of obligation).

    Unlike :func:`verb_tense`, which reads one verb's own form for the structure analysis,
    this climbs xcomps and conjuncts for the tone rules."""
    current = verb
    for _ in range(4):
        if has_auxiliary(current, WILL_AUX):
            return True
        if current.dep_ not in ("xcomp", "conj"):
            return False
        current = current.head
    return False


def has_auxiliary(verb: Token, lemmas: Collection[str]) -> bool:
    """One of ``lemmas`` is an auxiliary (``aux``) of the verb itself: "we *will* sue",
    "Amazon *could* not read the numbers".

    The verb's own auxiliaries only, read by lemma: unlike :func:`about_future` and
    :func:`has_modal` it does not look at the verb a conjunct or complement hangs from.
    """
    return any(c.dep_ == "aux" and lemma_of(c) in lemmas for c in verb.children)


def has_modal(verb: Token) -> bool:
    """A modal on the verb, or on the verb it is conjoined to ("we will check and provide")."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.head != verb and has_modal(verb.head)


def finite(verb: Token) -> bool:
    """A statement of fact: a finite verb, a participle with its own auxiliary, or a bare
    verb conjoined to a finite one ("we always put customers first and provide …")."""
    if verb.tag_ in ("VBZ", "VBP", "VBD"):
        return True
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return verb.tag_ in ("VBN", "VBG")
    return verb.dep_ == "conj" and verb.head != verb and finite(verb.head)


def is_tensed(verb: Token) -> bool:
    """The verb carries tense itself ("checks", "checked") or through a tensed or modal
    auxiliary ("will check", "has checked", "is checking").

    Not the same as :func:`finite` (a statement of fact, for the tone rules): a modal makes a
    verb tensed here ("will check") but not a statement there, a participle needs a tensed
    auxiliary here (not "to be checked"), and a bare conjunct is not tensed by its head. The
    structure analysis uses it to prefer "our manager checks" over "in order to avoid".
    """
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in verb.children
    )


def should_have(verb: Token) -> bool:
    """ "The customer should have read the manual": a reproach, like "did not read"."""
    auxes = [lemma_of(c) for c in verb.children if c.dep_ == "aux"]
    return ("should" in auxes or "ought" in auxes) and "have" in auxes
