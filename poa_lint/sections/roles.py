"""The role an item plays in the letter: cause, corrective action, preventive measure, or
neither, read from its parse.

Completed first-person actions ("we refunded", "all listings have been corrected") are
corrective; commitments, routines and new processes ("we will", "every Monday", "we have
introduced a daily check") are preventive; causal language and past failures ("because",
"did not", "was too thin") are the root cause. Apologies, requests to the reader, the
notice told back and the appeal's own history are neutral. Word lists live in
``rules/sections.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..grammar import (
    WILL_AUX,
    Tense,
    foreign_agent,
    is_passive,
    is_seller_or_staff,
    lead_verb_of,
    main_verbs,
    negators_of,
    object_lemmas,
    subjects_of,
    verb_tense,
)
from ..section_cues import phrase_pattern, vocabulary
from ..timeframes import FREQUENCY_RE
from .headings import EMAIL_HEADER
from .model import Item, ItemRole

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter
    from ..source import Paragraph

# "We have attached the invoice" points at evidence; it is not an action on the problem.
EVIDENCE_POINTER = re.compile(r"\b(?:attach\w*|enclos\w*|please find)\b", re.IGNORECASE)
ATTACHMENT = re.compile(
    r"^\W*(?:attachment|attached|exhibit|enclosure|enclosed|appendix|annex|evidence)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns of the causal connectives, routine markers and forward markers."""
    vocab = vocabulary()
    return (
        phrase_pattern(vocab.cause_markers.connectives),
        phrase_pattern(vocab.routine_markers),
        phrase_pattern(vocab.forward_markers),
    )


def items_of(letter: Letter, paragraph: Paragraph, start: int) -> list[Item]:
    """Classify a paragraph's content from ``start``: one item per list item or sentence."""
    if start >= paragraph.end:
        return []
    spans: list[tuple[int, int]]
    if paragraph.kind == "list_item":
        spans = [(start, paragraph.end)]
    else:
        spans = [
            (max(s.start_char, start), min(s.end_char, paragraph.end))
            for s in letter.sentences_overlapping(start, paragraph.end)
        ]
    items = []
    for s_start, s_end in spans:
        span = letter.span(s_start, s_end)
        if span is None or not any(t.isalpha() for t in letter.texts[span.start : span.end]):
            continue
        tokens = list(letter.tokens[span.start : span.end])
        text = letter.text[s_start:s_end]
        quoted = (
            frozenset(t.i for t in tokens if letter.in_quotes(t.idx, t.idx + len(t.text)))
            if letter.quotes
            else frozenset()
        )
        words_in = [t for t in tokens if t.is_alpha] if quoted else []
        if words_in and all(t.i in quoted for t in words_in):
            # a sentence of someone else's words ("Leave a 5-star review …" on a card)
            items.append(
                Item(
                    start=span.start_char,
                    end=span.end_char,
                    role="neutral",
                    tense="none",
                    first_person=False,
                    is_list_item=paragraph.kind == "list_item",
                    paragraph_start=paragraph.start,
                )
            )
            continue
        if quoted:
            # Blank quoted text out of the regex checks too, keeping offsets.
            text = "".join(
                " " * len(t.text_with_ws) if t.i in quoted else t.text_with_ws for t in tokens
            )
        verbs = main_verbs(span, tokens, letter.heads)  # the role and remedial tests read them
        role, tense, first, establishes = _item_role(letter, span, tokens, text, verbs, quoted)
        deferred = role == "preventive" and _deferred(letter, span, tense)
        if deferred:
            role = "neutral"  # neither a fix already made nor a measure against a repeat
        items.append(
            Item(
                start=span.start_char,
                end=span.end_char,
                role=role,
                tense=tense,
                first_person=first,
                is_list_item=paragraph.kind == "list_item",
                establishes_process=establishes,
                paragraph_start=paragraph.start,
                explains=bool(_markers()[0].search(text)),
                remedial=_remedial(verbs),
                deferred=deferred,
                already="already" in letter.lowers[span.start : span.end],
                reports_fix=_reports_fix(letter, span),
            )
        )
    return items


def _item_role(
    letter: Letter,
    span: Span,
    tokens: Sequence[Token],
    text: str,
    verbs: list[Token],
    quoted: frozenset[int] = frozenset(),
) -> tuple[ItemRole, Tense, bool, bool]:
    """Role, tense, first person, and whether the item sets up a lasting process.

    ``tokens`` are the span's (from ``Letter.tokens``), listed once by the caller: the tests
    below read the item's tokens several times, and re-iterating a span builds every token
    anew; the letter's string and head arrays answer the word tests without building tokens
    at all."""
    vocab = vocabulary()
    causal, routine, forward = _markers()
    lowers, all_lemmas, heads = letter.lowers, letter.lemmas, letter.heads
    indices = range(span.start, span.end)
    # Words the seller quotes (usually from Amazon's notice) are not the seller's account.
    lemmas = {all_lemmas[i] for i in indices if i not in quoted}
    # The routine and causal expressions are the costly tests (long alternations of cue
    # phrases): each is run only when a branch below asks, and then once.
    answers: dict[str, bool] = {}

    def routine_hit() -> bool:
        if "routine" not in answers:
            answers["routine"] = bool(routine.search(text) or FREQUENCY_RE.search(text))
        return answers["routine"]

    def causal_hit() -> bool:
        if "causal" not in answers:
            answers["causal"] = bool(causal.search(text))
        return answers["causal"]

    lead_verb = lead_verb_of(verbs, vocabulary().discourse_verbs)
    tense: Tense = "none"
    first_person = False
    negated = False
    if lead_verb is not None:
        tense = verb_tense(lead_verb)
        if (
            tense in ("present", "imperative")
            and _DATED_PAST.search(_text_of(letter, lead_verb.sent))
            and not routine_hit()
        ):
            # "On 2026-01-15 we delete the brand name", "yesterday we send the invoices": a
            # dated act is done, whatever tense a second-language writer gives it
            tense = "past"
        subjects = subjects_of(lead_verb)
        first_person = any(is_seller_or_staff(s) for s in subjects) or (
            not subjects and tense in ("past", "imperative", "perfect")
        )
        negated = (
            any(c.dep_ == "neg" for c in lead_verb.children)
            or any(lowers[i] in ("never", "neither") and heads[i] == lead_verb.i for i in indices)
            # "we had no rule that …": the object is negated
            or any(
                g.lower_ == "no"
                for c in lead_verb.children
                if c.dep_ in ("dobj", "attr")
                for g in c.children
                if g.dep_ == "det"
            )
        )
    # Tenses anywhere in the item: a future clause anywhere makes a commitment.
    any_future = any(
        lowers[i] in WILL_AUX or (all_lemmas[i] == "will" and letter.doc[i].tag_ == "MD")
        for i in indices
    )
    # A failure told in any main clause ("…, but our assistant did not update the page"), or
    # with a negative subject ("Nobody in our team knew …"), is still a failure.
    negated_elsewhere = any(
        _failure_told(v, vocab.denial_verbs, vocab.discourse_verbs) for v in verbs
    )
    failure_hit = bool(lemmas & vocab.cause_markers.failure_lemmas) or negated or negated_elsewhere
    lead_lemma = lead_verb.lemma_.lower() if lead_verb is not None else ""
    is_be = lead_lemma in ("be", "have") and (lead_verb is None or lead_verb.dep_ == "ROOT")
    action_verb = lead_verb is not None and lead_lemma not in vocab.discourse_verbs and not is_be
    establishes = (
        action_verb
        and lead_verb is not None
        and lead_lemma in vocab.establish_verbs
        and bool(object_lemmas(lead_verb) & vocab.process_nouns)
    )
    investigation = lead_lemma in vocab.cause_markers.investigation_verbs

    if _courtesy(letter, span) or ATTACHMENT.match(text) or EMAIL_HEADER.match(text.lstrip()):
        return "neutral", tense, first_person, False
    if _unaware(verbs):
        # "We did not know that …", "we didn't realise": not knowing is the cause
        return "cause", tense, True, False
    if _LEAD_IN.search(text) or text.rstrip().endswith((":", "：")):
        # "we have to declare the following rules", "What we did:": a lead-in to a list
        return "neutral", tense, first_person, False
    if _request(lead_verb, tense):
        # "Please reinstate our account", "Kindly review our plan": asked of the reader.
        return "neutral", tense, first_person, False
    if _mistagged_title(lead_verb, tokens, text):
        # "9. Designer handbook": a list item's title, not "handbook" as a past-tense verb
        return "neutral", "none", first_person, False
    if _restates_sanction(lead_verb):
        # "Our account was deactivated because too many orders shipped late": Amazon's
        # notice told back, not the seller's account of what went wrong.
        return "neutral", tense, first_person, False
    if (
        lead_verb is not None
        and tense in ("past", "perfect")
        and lead_lemma in ("read", "receive", "review", "get", "see", "study", "check")
        and object_lemmas(lead_verb) & vocab.acknowledged_objects
    ):
        return "neutral", tense, first_person, False
    if forward.search(text) and not (causal_hit() and tense == "past"):
        return "preventive", "future", first_person, establishes
    if tense == "future" or (any_future and action_verb and tense not in ("past", "perfect")):
        return "preventive", "future", first_person, establishes
    if tense in ("past", "perfect") and lemmas & vocab.appeal_words:
        return "neutral", tense, first_person, False  # the appeal's own history
    if tense == "perfect" and _since_long_ago(letter, span):
        return "neutral", tense, first_person, False  # "we have sold on Amazon since 2019"
    if action_verb and tense in ("past", "perfect") and not negated and not investigation:
        if causal_hit() and not first_person:
            return "cause", tense, first_person, False
        if causal_hit() and failure_hit and not establishes:
            # "We shipped late because our stock count was wrong": an account of the failure.
            return "cause", tense, first_person, False
        if not first_person and failure_hit and is_passive(lead_verb) is False:
            return "cause", tense, first_person, False
        if establishes or (routine_hit() and tense == "perfect"):
            return "preventive", tense, first_person, True
        if first_person or (
            is_passive(lead_verb)
            and not foreign_agent(lead_verb)
            # "All listings were corrected" is our fix; "the computer was used for another
            # client" or "the order was returned to us" is not
            and lead_lemma in vocab.remedial_verbs
        ):
            return "corrective", tense, first_person, False
    if (
        tense in ("present", "progressive")
        and routine_hit()
        and action_verb
        and lead_lemma not in vocab.state_verbs
    ):
        return "preventive", tense, first_person, establishes
    if tense in ("present", "none") and lead_verb is not None and _standing_rule(lead_verb):
        # "No one is allowed to contact an intermediary", "each photo must be approved"
        return "preventive", tense, first_person, establishes
    if tense == "progressive" and action_verb and first_person:
        return "preventive", tense, first_person, establishes
    if tense == "imperative" and action_verb:
        return "preventive", tense, first_person, establishes
    if negated and first_person and lead_lemma in vocab.denial_verbs:
        return "neutral", tense, first_person, False  # a denial, not an account of a failure
    if investigation and lead_verb is not None and not failure_hit and not causal_hit():
        # "We checked each order" is a lead-in; "we found that the box was thin" carries
        # its cause in the clause and has failure words.
        return "neutral", tense, first_person, False
    if (causal_hit() or failure_hit or investigation) and tense not in ("future", "imperative"):
        return "cause", tense, first_person, False
    return "neutral", tense, first_person, False


_NOBODY = frozenset({"nobody", "noone", "none"})


def _failure_told(
    verb: Token, denial_verbs: frozenset[str], discourse_verbs: frozenset[str]
) -> bool:
    """A main verb negated ("did not update"), unless it denies or speaks of the letter, or
    with a negative subject ("Nobody in our team knew"). Its children are read once, and
    its lemma only when one of them is a negation."""
    negated = False
    for child in verb.children:
        dep = child.dep_
        if dep == "neg":
            negated = True
        elif dep in ("nsubj", "nsubjpass") and child.lower_ in _NOBODY:
            return True
    if not negated:
        return False
    lemma = verb.lemma_.lower()
    return lemma not in denial_verbs and lemma not in discourse_verbs


_KNOWING = frozenset({"know", "understand", "realise", "realize", "notice", "aware", "learn"})


def _text_of(letter: Letter, span: Span) -> str:
    """The span's text, sliced from the letter (``Span.text`` joins its tokens anew)."""
    return letter.text[span.start_char : span.end_char]


def _unaware(verbs: Sequence[Token]) -> bool:
    """A main verb of knowing, negated, said of the seller: "we did not know the rule"."""
    for verb in verbs:
        if verb.lemma_.lower() not in _KNOWING:
            continue
        negated = bool(negators_of(verb))
        if negated and any(is_seller_or_staff(s) for s in subjects_of(verb)):
            return True
    return False


_LEAD_IN = re.compile(r"\b(?:the\s+following|as\s+follows|listed\s+below)\b", re.IGNORECASE)
_REQUEST_WORDS = frozenset({"please", "kindly", "pls", "plz"})


def _request(verb: Token | None, tense: Tense) -> bool:
    """A request to the reader: an imperative (or "can you …") softened by "please"."""
    if verb is None:
        return False
    marked = any(c.lower_ in _REQUEST_WORDS for c in verb.children) or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ in _REQUEST_WORDS
    )
    return marked and (tense in ("imperative", "present", "none") or verb.tag_ == "VB")


def _reports_fix(letter: Letter, span: Span) -> bool:
    """A clause of the item says, in the first person and a completed tense, that a fix was
    made ("we have changed our logistics company", "removed the product")."""
    remedial = vocabulary().remedial_verbs
    for verb in letter.tokens_between(remedial, span.start, span.end):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in remedial:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or is_passive(verb):
            continue
        if verb_tense(verb) not in ("past", "perfect"):
            continue
        subjects = subjects_of(verb)
        if any(is_seller_or_staff(s) for s in subjects):
            return True
    return False


def _remedial(verbs: Sequence[Token]) -> bool:
    """Whether the item's action verb (``verbs``: its :func:`main_verbs`) changes the state
    of something (see ``remedial_verbs`` in rules/sections.yaml)."""
    verb = lead_verb_of(verbs, vocabulary().discourse_verbs)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    # "I went through the policies", "we looked into every order": phrasal reading
    phrasal = lemma in ("go", "look") and any(
        c.lower_ in ("through", "into", "over") for c in verb.children
    )
    return phrasal or lemma in vocabulary().remedial_verbs


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A date an act happened on: "on 15 January", "On 2026-01-15", "yesterday", "last week",
#: "three days ago". "From 1 June" starts a routine and is not one of them.
_DATED_PAST = re.compile(
    r"\bon\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"|" + _MONTHS
    + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b|"
    r"^\W*(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?)\W|"
    r"\b(?:yesterday|last\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|\w+\s+days?\s+ago)\b",
    re.IGNORECASE,
)
_DURATION_UNITS = frozenset({"year", "years", "decade", "decades", "month", "months"})
_HISTORY_MARKS = frozenset({"since", "for"})


def _since_long_ago(letter: Letter, span: Span) -> bool:
    """ "… since 2019", "… for eight years": a perfect tense telling a history."""
    for token in letter.tokens_between(_HISTORY_MARKS, span.start, span.end):
        if token.lower_ == "since" and any(
            t.like_num and len(t.text) == 4 for t in token.subtree
        ):
            return True
        if token.lower_ == "for" and any(t.lower_ in _DURATION_UNITS for t in token.subtree):
            return True
    return False


#: "Once the account is reactivated, we will …", "after reinstatement we will …".
_DEFERRING_MARKS = frozenset({"once", "after", "when", "upon", "until", "soon"})
_REINSTATEMENT = frozenset(
    {"reinstate", "reinstatement", "reactivate", "reactivation", "restore", "restoration",
     "reopen", "unblock", "unsuspend", "reinstated", "reactivated"}
)  # fmt: skip


def _deferred(letter: Letter, span: Span, tense: Tense) -> bool:
    """A promise that waits for reinstatement: "once the account is reactivated, we will
    upload the invoices", "after reinstatement we will fix the titles"."""
    if tense not in ("future", "present", "none"):
        return False
    for token in letter.tokens_between(_REINSTATEMENT, span.start, span.end):
        if token.lemma_.lower() in _REINSTATEMENT or token.lower_ in _REINSTATEMENT:
            above = [token, *token.children, token.head]
            if any(t.lower_ in _DEFERRING_MARKS for a in above for t in a.children) or any(
                t.lower_ in _DEFERRING_MARKS for t in above
            ):
                return True
    return False


def _standing_rule(verb: Token) -> bool:
    """A rule of the house, in the present: a passive rule verb ("is not allowed", "are
    required") or an obligation ("must", "has to", "need to")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "must" in auxes:
        return True
    if verb.lemma_.lower() in vocabulary().rule_verbs and is_passive(verb):
        return True
    return verb.lemma_.lower() in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
    ) and verb.tag_ in ("VBZ", "VBP")


def _courtesy(letter: Letter, span: Span) -> bool:
    """Apologies and thanks: "We are sorry for the delays", "We take this very seriously"."""
    words = vocabulary().courtesy_words
    for token in letter.tokens_between(words, span.start, span.end):
        if token.lemma_.lower() not in words:
            continue
        if token.dep_ == "ROOT" or (
            token.dep_ in ("acomp", "attr", "advmod") and token.head.pos_ in ("AUX", "VERB")
        ):
            return True
    return False


#: Verbs whose past tense is their base form: "put", "set" … can be past without "-ed".
_SAME_PAST = frozenset(
    {
        "put",
        "set",
        "cut",
        "let",
        "hit",
        "shut",
        "cost",
        "spread",
        "quit",
        "read",
        "upset",
        "bet",
        "cast",
        "hurt",
        "split",
        "burst",
        "broadcast",
        "forecast",
        "reset",
        "input",
        "fit",
    }
)


def _mistagged_title(verb: Token | None, tokens: Sequence[Token], text: str) -> bool:
    """A short title ("Designer handbook", "Licence register") whose noun the tagger read as
    a past-tense verb: the "verb" is neither an "-ed" form, nor a different word from its
    lemma (took → take), nor one of the few verbs whose past is their base form."""
    if verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    words = [t for t in tokens if t.is_alpha]
    if len(words) > 4 or text.rstrip().endswith((".", "!", "?", ";")):
        return False
    lower = verb.lower_
    return verb.lemma_.lower() == lower and not lower.endswith("ed") and lower not in _SAME_PAST


def _restates_sanction(verb: Token | None) -> bool:
    """The sentence tells what Amazon did to the account or listing ("our account was
    deactivated because too many orders shipped late"). It restates the notice; it is a
    root cause only when its reason names the seller's own act ("... because we used the
    brand name"), which the caller then reads as a cause anyway."""
    vocab = vocabulary()
    if verb is None or verb.lemma_.lower() not in vocab.sanction_verbs:
        return False
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not passive or passive[0].lemma_.lower() not in vocab.sanctioned_nouns:
        return False
    reasons = [c for c in verb.children if c.dep_ in ("advcl", "prep")]
    return not any(t.dep_ == "nsubj" and is_seller_or_staff(t) for r in reasons for t in r.subtree)
