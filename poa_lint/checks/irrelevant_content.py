"""POA502 irrelevant-content: sentences a reviewer skips.

Years on Amazon, sales figures, self-praise, holidays as background, personal
circumstances, references to other cases. They are found from the parse (who is the
subject, what the verb is, which nouns modify which, via :mod:`poa_lint.grammar`), not from
phrase lists, because the same words are often relevant: "we have refunded 12 orders" is an
action, not sales volume; "quality control" is a process, not praise; a courier's holiday
schedule *is* a root cause of late shipments. Quoted text is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..grammar import (
    clause_verb,
    dependents,
    finite,
    has_modal,
    has_negator_child,
    is_one_of,
    lemma_of,
    nominal_subject,
)
from ..sections import structure_of
from ..texts import N_, Template, join, message
from ..time_expressions import in_time_expression
from ._case_references import APPEAL_VERBS, case_reference
from ._relevance_common import (
    SELLER_POSSESSIVES,
    PhraseHit,
    Words,
    is_seller,
    mentions,
)
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter


Topic = Literal["tenure", "sales", "praise", "holiday", "hardship", "case"]


_TOPIC_TEXT: dict[Topic, Template] = {
    "tenure": Template(N_("how long you have sold on Amazon")),
    "sales": Template(N_("your sales or order volume")),
    "praise": Template(N_("praise of your own products or company")),
    "holiday": Template(N_("a holiday as background")),
    "hardship": Template(N_("personal circumstances")),
    "case": Template(N_("other support cases or earlier appeals")),
}


_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


class IrrelevantContentOptions(Options):
    """POA502 vocabulary (in ``rules/relevance.yaml``). Each list is used with a grammatical
    test, never on its own: a praise word counts only when predicated of the seller, a
    holiday only outside the root cause and the actions, and so on."""

    self_nouns: frozenset[str]
    tenure_verbs: frozenset[str]
    marketplace_words: frozenset[str]
    sales_nouns: frozenset[str]
    volume_nouns: frozenset[str]
    praise_phrases: frozenset[str]
    offer_verbs: frozenset[str]
    praise_verbs: frozenset[str]
    track_record_nouns: frozenset[str]
    positive_words: frozenset[str]
    holiday_phrases: frozenset[str]
    hardship_phrases: frozenset[str]
    family_nouns: frozenset[str]
    case_nouns: frozenset[str]
    case_modifiers: frozenset[str]
    appeal_nouns: frozenset[str]
    earlier_words: frozenset[str]
    saying_verbs: frozenset[str]
    support_names: frozenset[str]


_NUM_DEPS = frozenset({"nummod", "quantmod"})


_HISTORY = frozenset({"experience", "history"})


_FOUNDING_VERBS = frozenset({"found", "establish", "start", "begin", "open", "launch", "register"})


def _tenure(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """ "We have sold on Amazon for six years", "selling on Amazon since 2016", "founded in
    2010", "ten years of experience": the seller's history, told as a span of years."""
    for token in tokens:
        lemma = lemma_of(token)
        if lemma in ("year", "decade"):
            if any(lemma_of(p) in _HISTORY for c in token.children for p in c.children):
                return True  # "ten years of experience", "15 years of history"
            counted = any(c.dep_ in _NUM_DEPS or c.like_num for c in token.children) or any(
                c.lower_ in ("many", "several") for c in token.children
            )
            if not (counted and token.dep_ == "pobj" and token.head.lower_ in ("for", "over")):
                continue
            verbs = {"tenure"}
        elif token.like_num and _YEAR_RE.match(token.text) and token.dep_ == "pobj":
            if token.head.lower_ == "since":
                verbs = {"tenure"}
            elif token.head.lower_ == "in":
                verbs = {"founding"}
            else:
                continue
        else:
            continue
        verb = clause_verb(token.head)
        candidates = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        for candidate in candidates:
            wanted = options.tenure_verbs if "tenure" in verbs else _FOUNDING_VERBS
            if (
                not is_one_of(candidate, wanted)
                or has_negator_child(candidate)
                or has_modal(candidate)
            ):
                continue
            subject = nominal_subject(candidate)
            company = subject is not None and subject.pos_ == "PROPN" and "founding" in verbs
            if not (is_seller(subject, options.self_nouns) or company):
                continue  # "Hartwell & Daughters was founded in 1987": the seller's own firm
            objects = dependents(candidate, "dobj")
            if not objects or any(is_one_of(t, options.marketplace_words) for t in tokens):
                return True
    return False


#: Nouns a number names rather than counts: "batch 2601", "order 114", "lot 7".
_LABEL_NOUNS = frozenset(
    {
        "batch",
        "lot",
        "order",
        "invoice",
        "case",
        "model",
        "ticket",
        "ref",
        "reference",
        "no",
        "no.",
        "number",
        "#",
        "sku",
        "asin",
        "version",
    }
)


def _is_label(token: Token) -> bool:
    """A number that names something ("batch 2601"), not an amount of money or goods."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].lower_ in _LABEL_NOUNS


def _amounts(tokens: Iterable[Token]) -> bool:
    """A figure that is not a date, a time or a label: "$1.2 million", "20,000", "50%".

    Dates and times are found by the time-expression patterns (rules/timeframes.yaml), not
    by the entity recogniser, which the pipeline no longer runs."""
    return any(
        (t.like_num or t.tag_ == "$") and not in_time_expression(t) and not _is_label(t)
        for t in tokens
    )


def _revenue(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """Sales figures: "our sales last year were over $1.2 million", "annual revenue of $2M".
    The figure must belong to the sales noun (its own phrase, or the predicate it is the
    subject of): in "we stopped sales of the batch on 4 April" there is none."""
    seller_speaks = any(
        is_seller(t, options.self_nouns) or t.lower_ in SELLER_POSSESSIVES for t in tokens
    )
    for token in tokens:
        if token.lower_ not in options.sales_nouns or token.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = clause_verb(token)
        scope = [t for t in token.subtree if t != token]
        if verb != token:
            scope += [
                t
                for c in verb.children
                if c.dep_ in _CLAUSE_ARGUMENTS
                for t in c.subtree
                if t != token
            ]
        if seller_speaks and _amounts(scope):
            return True
    return False


#: The arguments of a clause (not its conjoined or subordinate clauses): a figure counts for
#: "sales" only when it belongs to the same statement.
_CLAUSE_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "attr", "dobj", "prep", "acomp", "npadvmod", "oprd"}
)


_RATE_UNITS = frozenset({"day", "week", "month", "year"})


_RATE_DETERMINERS = frozenset({"a", "an", "per", "every", "each"})


_RATE_ADVERBS = frozenset({"daily", "weekly", "monthly", "annually", "yearly"})


def _volume(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """Order volume as a rate: "over 10,000 orders a month", "500 units per day". A count of
    orders acted on ("we refunded 12 orders", "34 orders in the past week") has no rate."""
    doc = sent.doc
    for token in tokens:
        if not is_one_of(token, options.volume_nouns):
            continue
        if not any(c.dep_ in _NUM_DEPS or c.like_num for c in token.children):
            continue
        following = doc[token.i + 1 : min(sent.end, token.i + 4)]
        for i, nxt in enumerate(following):
            if nxt.lower_ in _RATE_ADVERBS:
                return True
            if (
                nxt.lower_ in _RATE_DETERMINERS
                and i + 1 < len(following)
                and lemma_of(following[i + 1]) in _RATE_UNITS
            ):
                return True
    return False


def _predicate_of(token: Token) -> tuple[Token, str] | None:
    """The verb a praise word is predicated through, and how: ("be", attribute), ("offer",
    object). "our products are the best quality" → (are, be); "we provide excellent service"
    → (provide, offer). A praise word inside a plain noun phrase ("our best-selling lamp",
    "Best regards") has none."""
    word = token
    if word.dep_ in ("amod", "compound", "advmod", "nmod") and word.head != word:
        word = word.head
    while word.dep_ == "conj" and word.head != word:
        word = word.head
    if word.dep_ == "pobj" and word.head.dep_ == "prep":
        word = word.head  # "our products are of the highest quality"
    if word.dep_ in ("attr", "acomp", "oprd", "prep"):
        return word.head, "be"
    if word.dep_ == "dobj":
        return word.head, "offer"
    return None


def _praise(
    sent: Span,
    tokens: Sequence[Token],
    praise: Sequence[PhraseHit],
    options: IrrelevantContentOptions,
) -> bool:
    """The seller praising itself: "our products are the best quality", "we are a reputable
    brand", "we provide excellent service", "customers love our products", "20,000 positive
    ratings". The praise word must describe the seller in a statement of fact. "Quality
    control" (a process), "our products meet the UL 1642 standard" (evidence), "we will
    provide better service" (a commitment) and "Best regards" are not praise."""
    doc = sent.doc
    for hit in mentions(praise, sent):
        found = _predicate_of(doc[hit.last])
        if found is None:
            continue
        verb, how = found
        if has_negator_child(verb) or has_modal(verb) or not finite(verb):
            continue
        if not is_seller(nominal_subject(verb), options.self_nouns):
            continue
        if how == "be" and lemma_of(verb) in ("be", "become", "remain"):
            return True
        if how == "offer" and is_one_of(verb, options.offer_verbs):
            return True
    for token in tokens:
        # Cheapest test first: walking every token's subtree made this quadratic per sentence.
        if (
            is_one_of(token, options.track_record_nouns)
            and any(is_one_of(c, options.positive_words) for c in token.children)
            and _amounts(t for t in token.subtree if t != token)
        ):
            return True
        if (
            is_one_of(token, options.praise_verbs)
            and token.pos_ == "VERB"
            and not has_negator_child(token)
        ):
            # "customers love our products"; "please trust us" is a plea (POA203), not praise
            subject = nominal_subject(token)
            if subject is None or is_seller(subject, options.self_nouns) or has_modal(token):
                continue
            admitted = any(
                has_negator_child(v) and is_seller(nominal_subject(v), options.self_nouns)
                for v in tokens
                if v.pos_ in ("VERB", "AUX") and v.i != token.i
            )
            if admitted:
                continue  # "they trusted us, and we did not check the items": an admission
            if any(is_seller(o, options.self_nouns) for o in dependents(token, "dobj")):
                return True
    return False


def _hardship(sent: Span, hits: Sequence[PhraseHit], options: IrrelevantContentOptions) -> bool:
    """The writer's own or their family's circumstances: "I have been sick", "my father was in
    hospital". Staff illness is an operational fact, not personal hardship, and pleas that a
    family *depends* on the account are POA203's (pleading), so they are not repeated here."""
    for hit in mentions(hits, sent):
        verb = clause_verb(sent.doc[hit.first])
        subject = nominal_subject(verb)
        if subject is None:
            continue
        if subject.lower_ in ("i", "me"):
            return True
        owned = any(c.lower_ in SELLER_POSSESSIVES for c in subject.children)
        if owned and is_one_of(subject, options.family_nouns):
            return True
    return False


_DELETE = N_("Delete this sentence.")


_RULE_OPENERS = frozenset({"if", "when", "whenever", "before", "unless", "once", "each", "every"})


def _measure(letter: Letter, sent: Span) -> bool:
    """A preventive measure, or a rule of process ("If …, we …", "Before we list …, we …")."""
    if sent and letter.lowers[sent.start] in _RULE_OPENERS:
        return True
    return any(
        item.role == "preventive" and item.start < sent.end_char and sent.start_char < item.end
        for item in structure_of(letter).items
    )


def _context(letter: Letter, sent: Span) -> Literal["cause", "action", "other"]:
    """Where a sentence sits: in the root cause, in the actions, or elsewhere (introduction,
    closing)."""
    structure = structure_of(letter)
    kinds = set()
    for item in structure.items:
        if item.start < sent.end_char and sent.start_char < item.end:
            section = structure.section_of(item)
            kinds.add(section.kind if section is not None else item.role)
            kinds.add(item.role)
    if kinds & {"cause", "root_cause"}:
        return "cause"
    if kinds & {"corrective", "preventive", "plan"}:
        return "action"
    return "other"


@dataclass(frozen=True)
class _Triggers:
    """For each POA502 test, the words (lower-case forms or lemmas) without one of which in a
    sentence the test cannot succeed; checked first so the grammar is read only where it
    can matter."""

    tenure: frozenset[str]
    revenue: frozenset[str]
    volume: frozenset[str]
    praise: frozenset[str]
    case: frozenset[str]

    @classmethod
    def of(cls, options: IrrelevantContentOptions) -> _Triggers:
        return cls(
            tenure=frozenset({"year", "decade"}),
            revenue=options.sales_nouns,
            volume=options.volume_nouns,
            praise=options.track_record_nouns | options.praise_verbs,
            case=options.case_nouns
            | options.appeal_nouns
            | options.saying_verbs
            | APPEAL_VERBS
            | frozenset({"time"}),
        )


def irrelevant_content(letter: Letter, options: IrrelevantContentOptions) -> Iterator[Hit]:
    """POA502: one hit per sentence that tells the reviewer something they will skip.

    Holidays, personal illness and order volume are circumstances, and circumstances can be
    causes: "our courier's holiday schedule delayed pickups" explains late shipments, and "we
    will hire temporary packers before each holiday" is a preventive measure. They are
    flagged only as background — outside the root cause and the actions — or, for policy
    reasons, in the root cause too, because the date does not explain a trademark or safety
    problem. Years on Amazon, revenue, self-praise and references to other cases are never
    relevant, wherever they stand.
    """
    reason = letter.reason
    operational = reason is None or reason.kind == "performance"
    words = Words.of(letter)

    def unquoted(phrases: frozenset[str]) -> list[PhraseHit]:
        return [h for h in words.find(phrases) if not letter.in_quotes(h.start, h.end)]

    praise = unquoted(options.praise_phrases)
    holidays = unquoted(options.holiday_phrases)
    hardships = unquoted(options.hardship_phrases)
    support = unquoted(options.support_names)
    triggers = _Triggers.of(options)
    texts = letter.texts
    # the letter's words that look like a year, tested once each, not once per sentence
    years = frozenset(text for text in set(texts) if _YEAR_RE.match(text))
    for sent in letter.sentences:
        # Each test needs one of its words in the sentence; most sentences have none, and
        # are passed over without building tokens (issue 6).
        present = {*letter.lowers[sent.start : sent.end], *letter.lemmas[sent.start : sent.end]}
        tenure = not triggers.tenure.isdisjoint(present) or not years.isdisjoint(
            texts[sent.start : sent.end]
        )
        revenue = not triggers.revenue.isdisjoint(present)
        volume = not triggers.volume.isdisjoint(present)
        praised = bool(mentions(praise, sent)) or not triggers.praise.isdisjoint(present)
        case = bool(mentions(support, sent)) or not triggers.case.isdisjoint(present)
        holiday = bool(mentions(holidays, sent))
        hardship = bool(mentions(hardships, sent))
        if not (tenure or revenue or volume or praised or case or holiday or hardship):
            continue
        # Quoted words are Amazon's (or a buyer's): only the seller's own words are judged.
        tokens = list(letter.tokens[sent.start : sent.end])
        if letter.quotes:
            tokens = [t for t in tokens if not letter.in_quotes(t.idx, t.idx + len(t.text))]
        if not tokens:
            continue
        topics: list[Topic] = []
        if tenure and _tenure(sent, tokens, options):
            topics.append("tenure")
        if revenue and _revenue(sent, tokens, options):
            topics.append("sales")
        if praised and _praise(sent, tokens, praise, options):
            topics.append("praise")
        if case and case_reference(sent, tokens, support, options):
            topics.append("case")
        if _measure(letter, sent):
            # A step of the plan ("if stock covers less than 1.5 times the expected sales,
            # we reorder") names sales as its means, not as background.
            topics = [t for t in topics if t != "sales"]
            volume = holiday = False
        # Circumstances: relevant when they explain or plan, background otherwise.
        circumstances: list[Topic] = []
        if volume and _volume(sent, tokens, options) and "sales" not in topics:
            circumstances.append("sales")
        if holiday:
            circumstances.append("holiday")
        hard_times = hardship and _hardship(sent, hardships, options)
        if circumstances or hard_times:
            where = _context(letter, sent)
            if circumstances and where == "other":
                topics.extend(circumstances)
            elif "sales" in circumstances and where == "cause" and not operational:
                # order volume does not explain a trademark problem; a holiday can (a cause
                # "during the holiday sale" tells when it went wrong)
                topics.append("sales")
            # Illness can explain a one-person shop's late orders, but it is never a plan.
            if hard_times and (where != "cause" or not operational):
                topics.append("hardship")
        if not topics:
            continue
        described = join([_TOPIC_TEXT[t] for t in topics])
        suggestion = _DELETE
        if "holiday" in topics or "hardship" in topics:
            suggestion = N_(
                "Delete this sentence. If it names a real cause, say instead what failed in "
                "your own process (e.g. 'nobody covered the packing while our packer was away')."
            )
        yield Hit(
            start=sent.start_char,
            end=sent.end_char,
            message=message(
                N_(
                    "Not relevant to the suspension ({topics}): reviewers skip it, and it makes "
                    "the letter longer. Keep to the root cause, the actions taken and the "
                    "prevention."
                ),
                topics=described,
            ),
            suggestion=suggestion,
            values={"topics": described},
        )
