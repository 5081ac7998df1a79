"""POA202 criticizes-amazon: the letter criticises Amazon, its decision or its staff.

A criticism needs a target that is Amazon (a name, "you", "your team", a faceless "nobody
at Amazon") and a word that criticises it, in a clause the writer asserts: "your decision
was unfair" is criticism, "we do not think the decision was unfair" and "if the decision
was unfair" are not. The vocabulary lives in ``rules/tone.yaml`` (validated by
:class:`CriticizesAmazonOptions`); who the subject is, negation and hypotheticals come from
:mod:`poa_lint.grammar`.

The check reads ``letter.doc`` only; it never parses. The engine drops hits inside quoted
text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ..grammar import (
    FIRST_PERSON,
    FIRST_POSSESSIVE,
    SECOND_PERSON,
    SECOND_POSSESSIVE,
    clause_tokens,
    dependents,
    distanced,
    has_auxiliary,
    hypothetical,
    is_first_person,
    is_negated,
    is_one_of,
    is_passive,
    lemma_of,
    modifiers_of,
    objects_of,
    owned_by_first,
    predicate_chain,
    should_have,
    subject_of,
)
from ..texts import N_
from ._tone_common import Found, WordListOptions, per_sentence, to_hits
from .base import Hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


#: "nobody at Amazon", "no human at Amazon": a faceless someone who stands for Amazon.
_FACELESS = frozenset({"nobody", "one", "human", "person"})


class CriticizesAmazonOptions(WordListOptions):
    """POA202 vocabulary: who counts as Amazon, and which words criticise."""

    amazon_names: frozenset[str]
    amazon_nouns: frozenset[str]
    response_nouns: frozenset[str]
    pejorative_nouns: frozenset[str]
    criticism_words: frozenset[str]
    fault_nouns: frozenset[str]
    criticism_verbs: frozenset[str]
    diligence_verbs: frozenset[str]
    sanction_verbs: frozenset[str]
    criticism_adverbs: frozenset[str]
    missing_grounds: frozenset[str]
    sanction_adverbs: frozenset[str] = frozenset()
    escalation_verbs: frozenset[str] = frozenset()
    superior_nouns: frozenset[str] = frozenset()
    executive_names: frozenset[str] = frozenset()
    executive_mailboxes: frozenset[str] = frozenset()
    template_modifiers: frozenset[str] = frozenset()
    victim_verbs: frozenset[str] = frozenset()
    institution_nouns: frozenset[str] = frozenset()
    seller_nouns: frozenset[str] = frozenset()

    @cached_property
    def seeds(self) -> frozenset[str]:
        """Words one of which every criticism of Amazon contains: the token the check
        starts from is one of these or governs one (see :func:`criticizes_amazon`)."""
        return (
            SECOND_PERSON
            | SECOND_POSSESSIVE
            | self.amazon_nouns
            | self.response_nouns
            | self.sanction_verbs
            | _FACELESS
        )

    @cached_property
    def name_words(self) -> tuple[str, ...]:
        """The words of Amazon's names ("seller", "performance" …), matched inside tokens."""
        return tuple(sorted({w for name in self.amazon_names for w in name.split()}))


_CRITICISM_SUGGESTION = N_(
    "Leave Amazon's process, staff and decision out of the letter. State facts about your own "
    "account instead, e.g. 'We understand why our listing was removed: it did not meet the "
    "policy.'"
)


def _compound_phrase(token: Token) -> str:
    """ "seller performance team" for "team" in "Seller Performance team"."""
    parts = [token]
    frontier = [token]
    while frontier:
        current = frontier.pop()
        for child in current.lefts:
            if child.dep_ == "compound":
                parts.append(child)
                frontier.append(child)
    return " ".join(t.lower_ for t in sorted(parts, key=lambda t: t.i))


def _names_amazon(token: Token, options: CriticizesAmazonOptions) -> bool:
    phrase = _compound_phrase(token)
    return any(name in phrase for name in options.amazon_names) or token.lower_ in (
        options.amazon_names
    )


def _owner(noun: Token, options: CriticizesAmazonOptions) -> str | None:
    """Who a noun belongs to: "seller" (our/my), "amazon" (your, Amazon's, of your team)."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in FIRST_POSSESSIVE:
                return "seller"
            if child.lower_ in SECOND_POSSESSIVE or _names_amazon(child, options):
                return "amazon"
        if child.dep_ == "compound" and _names_amazon(child, options):
            return "amazon"
    for prep in dependents(noun, "prep"):
        for pobj in dependents(prep, "pobj"):
            if prep.lower_ in ("of", "from", "by"):
                if pobj.lower_ in SECOND_PERSON or _names_amazon(pobj, options):
                    return "amazon"
                if pobj.lower_ in FIRST_PERSON:
                    return "seller"
            if prep.lower_ in ("in", "on", "for") and owned_by_first(pobj):
                return "seller"  # "the return policy in our listing"
            if prep.lower_ == "on" and lemma_of(pobj) in ("part", "side"):
                # "a wrong decision on our part", "an error on your side"
                if owned_by_first(pobj):
                    return "seller"
                if any(c.lower_ in SECOND_POSSESSIVE for c in pobj.children):
                    return "amazon"
    if noun.dep_ == "attr" or (noun.dep_ == "dobj" and lemma_of(noun.head) in ("make", "take")):
        # "choosing that courier was a wrong decision", "we made a wrong decision"
        subject = subject_of(noun.head)
        if subject is not None and (subject.dep_ == "csubj" or is_first_person(subject)):
            return "seller"
    return None


def _is_amazon(token: Token, options: CriticizesAmazonOptions) -> bool:
    """Does this word refer to Amazon, its staff, its process or its decision?

    In a POA, "you"/"your" is Amazon. "Amazon", "Seller Performance" and "your team" are
    Amazon. Words that only Amazon has in a POA ("suspension", "decision", "bot") count
    unless the seller owns them ("our decision to switch suppliers"); generic ones ("team",
    "system", "response") only when Amazon owns them ("your team", "Amazon's system").
    """
    if token.lower_ in SECOND_PERSON:
        return lemma_of(token.head) != "thank"
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    owner = _owner(token, options)
    if owner == "seller":
        return False
    if owner == "amazon" or _names_amazon(token, options):
        return True
    if lemma_of(token) in _FACELESS and any(
        c.dep_ == "prep" and any(_names_amazon(o, options) for o in c.children)
        for c in token.children
    ):
        return True  # "nobody at Amazon reads these appeals"
    if is_one_of(token, options.amazon_nouns):
        # "a wrong decision to use that supplier" is the seller's own decision; "the decision
        # to suspend us" is Amazon's
        return not any(
            c.dep_ in ("acl", "relcl") and not is_one_of(c, options.sanction_verbs)
            for c in token.children
        )
    if is_one_of(token, options.response_nouns):
        # "we keep getting template responses", "your team keeps sending the same email":
        # what the seller receives, or what Amazon sends, is Amazon's
        verb = token.head
        subject = subject_of(verb)
        if lemma_of(verb) in ("get", "receive") and is_first_person(subject):
            return True
        if subject is not None and subject.i != token.i and _is_amazon(subject, options):
            return True
    return False


def criticizes_amazon(letter: Letter, options: CriticizesAmazonOptions) -> Iterator[Hit]:
    """POA202: criticism of Amazon, its process, its staff, its tools or its decision.

    Amazon's own page and the seeds say it plainly: no comments on Amazon's process, the
    review or the team's speed. The check finds an Amazon referent (see :func:`_is_amazon`)
    and a negative evaluation attached to it by the grammar: a modifier ("unfair decision",
    "your slow support", "template responses"), a predicate ("this suspension is ridiculous",
    "Amazon is in error"), a verb ("your team ignored", "did not read our appeal", "Amazon
    made a mistake"), a possessed fault ("Amazon's mistake"), or an adverb on a sanction
    ("our account was wrongly suspended", "removed by mistake", "without any reason").
    Neutral mentions ("Amazon's policy", "thank you for your time") carry no evaluation.
    """
    found: list[Found] = []
    for token in letter.tokens_with(options.response_nouns):
        found.extend(_no_answer(token, options))
        found.extend(_template_reply(token, options))
    for token in letter.tokens_with(options.victim_verbs):
        found.extend(_punishes_sellers(token, options))
    for token in letter.tokens_with(options.escalation_verbs):
        found.extend(_over_their_heads(token, options))
    found.extend(_to_executives(letter, options))
    for token in _amazon_candidates(letter, options):
        if is_one_of(token, options.sanction_verbs) and token.pos_ == "VERB":
            found.extend(_criticised_sanction(token, options))
        if not _is_amazon(token, options):
            continue
        if lemma_of(token) in _FACELESS:
            verb = token.head  # "nobody at Amazon reads these appeals"
            if token.dep_ == "nsubj" and is_one_of(verb, options.diligence_verbs):
                found.append(Found((token, verb), _CRITICISM_SUGGESTION))
            continue
        found.extend(_criticised_referent(token, options))
    yield from to_hits(letter, per_sentence(found))  # one finding per sentence


def _no_answer(noun: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """ "We still have had no reply", "we have not received any response in five weeks": a
    complaint about how the appeal was handled. An answer awaited from someone else (a
    buyer, a supplier) is not about Amazon."""
    verb = noun.head
    if not is_one_of(noun, options.response_nouns) or noun.dep_ != "dobj":
        return
    if lemma_of(verb) not in ("have", "receive", "get", "hear", "see"):
        return
    if not is_first_person(subject_of(verb)) or hypothetical(verb):
        return
    nothing = any(c.lower_ == "no" for c in noun.children) or (
        is_negated(verb) and any(c.lower_ in ("any", "a") for c in noun.children)
    )
    if not nothing:
        return
    for prep in [*dependents(noun, "prep"), *dependents(verb, "prep")]:
        if prep.lower_ == "from" and not any(
            _is_amazon(o, options) for o in dependents(prep, "pobj")
        ):
            return  # "no reply from the buyer"
    if _wrote_to_someone_else(noun, options):
        return  # "We wrote to the rights owner on 6 April. We have had no reply."
    yield Found((subject_of(verb) or verb, verb, *noun.subtree), _CRITICISM_SUGGESTION)


def _template_reply(noun: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """ "Every answer was the same pasted paragraph", "each reply is the same form text": the
    answers the seller got called boilerplate. The seller's own or a buyer's message ("our
    reply", "the buyer's message") is not Amazon's."""
    verb = noun.head
    if (
        not is_one_of(noun, options.response_nouns)
        or noun.dep_ != "nsubj"
        or lemma_of(verb) != "be"
    ):
        return
    if is_negated(verb) or hypothetical(verb):
        return
    if any(c.dep_ == "poss" for c in noun.children):
        return  # "our reply", "the buyer's message", "Amazon's answer" (the referent path)
    if any(is_first_person(subject_of(c)) for c in dependents(noun, "relcl", "acl")):
        return  # "every answer we sent to buyers": the seller's own answers
    for attr in dependents(verb, "attr"):
        marks = [c for c in attr.children if c.dep_ in ("amod", "compound")]
        if any(is_one_of(m, options.template_modifiers) for m in marks):
            yield Found((noun, verb, *marks, attr), _CRITICISM_SUGGESTION)
            return


_APPROVING = frozenset({"rightly", "correctly", "fairly", "justly", "understandably", "properly"})


def _punishes_sellers(verb: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """ "The valid tracking rate punishes small sellers", "this policy discriminates against
    sellers like us": Amazon's metric, policy or system said to victimise sellers. Not when
    people do it ("some buyers target small sellers" is POA201's question)."""
    if not is_one_of(verb, options.victim_verbs) or verb.pos_ != "VERB":
        return
    if is_negated(verb) or hypothetical(verb):
        return
    if any(c.lower_ in _APPROVING for c in verb.children):
        return  # "Amazon rightly punishes sellers who ship late": agreement, not complaint
    subject = subject_of(verb)
    if subject is None or is_first_person(subject):
        return
    if not (is_one_of(subject, options.institution_nouns) or _is_amazon(subject, options)):
        return
    victims = [
        o
        for c in verb.children
        for o in ([c] if c.dep_ == "dobj" else dependents(c, "pobj") if c.dep_ == "prep" else [])
        if is_one_of(o, options.seller_nouns) or is_first_person(o)
    ]
    if not victims:
        return
    # Said of sellers who break a rule it is a description ("the policy punishes sellers who
    # list used goods as new"); a complaint puts the seller among the victims ("punishes us",
    # "sellers like us") or calls it unfair in the same sentence.
    ours = any(is_first_person(t) for v in victims for t in v.subtree)
    unfair = any(
        is_one_of(t, options.criticism_words)
        or (lemma_of(t) in ("fair", "just") and is_negated(t.head))
        for t in verb.sent
    )
    if ours or unfair:
        yield Found((subject, verb, victims[0]), _CRITICISM_SUGGESTION)


_WRITING = frozenset({"write", "email", "e-mail", "contact", "ask", "call", "message", "send"})


def _wrote_to_someone_else(noun: Token, options: CriticizesAmazonOptions) -> bool:
    """The sentence before tells of writing to someone who is not Amazon: the reply still
    awaited is theirs."""
    sent = noun.sent
    if sent.start == 0:
        return False
    before = noun.doc[sent.start - 1].sent
    for verb in before:
        if lemma_of(verb) not in _WRITING or verb.pos_ != "VERB":
            continue
        if not is_first_person(subject_of(verb)):
            continue
        targets = [
            o
            for c in verb.children
            for o in ([c] if c.dep_ in ("dobj", "dative") else dependents(c, "pobj"))
            if c.dep_ in ("dobj", "dative", "prep")
        ]
        if targets and not any(_is_amazon(t, options) for t in targets):
            return True
    return False


_EXECUTIVE_SUGGESTION = N_(
    "Send the plan of action through the appeal channel in Seller Central: letters to "
    "Amazon's executives go back to the same team, and going over its head reads as a "
    "complaint about it."
)


def _to_executives(letter: Letter, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """A letter addressed to (or copied to) Amazon's executives by name or address ("Dear
    Mr. Bezos", "jeff@amazon.com"): an escalation over the reviewers' heads."""
    lowers = letter.lowers
    # a name is a listed word; an address has an "@": each distinct form is tested once
    addressed = {lower for lower in set(lowers) if "@" in lower}
    for i, lower in enumerate(lowers):
        if lower not in options.executive_names and lower not in addressed:
            continue
        mailbox, _, domain = lower.partition("@")
        if lower in options.executive_names or (
            domain.startswith("amazon.") and mailbox in options.executive_mailboxes
        ):
            yield Found((letter.doc[i],), _EXECUTIVE_SUGGESTION)


def _over_their_heads(verb: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """ "Please pass this to a manager who will actually read it", "escalate our case to a
    supervisor": asking to go over the reviewer's head says the reviewer failed."""
    if not is_one_of(verb, options.escalation_verbs) or verb.pos_ != "VERB":
        return
    if is_negated(verb) or hypothetical(verb):
        return
    for prep in dependents(verb, "prep", "dative"):
        targets = [prep] if prep.dep_ == "dative" else dependents(prep, "pobj")
        for target in targets:
            if is_one_of(target, options.superior_nouns) and (
                prep.dep_ == "dative" or prep.lower_ in ("to", "with")
            ):
                yield Found((verb, *prep.subtree), _CRITICISM_SUGGESTION)
                return


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...]) -> Callable[[str], object]:
    """A search for any of ``words`` inside a string (one expression, not a test per word)."""
    if not words:
        return lambda text: False
    return re.compile("|".join(re.escape(word) for word in words)).search


def _amazon_candidates(letter: Letter, options: CriticizesAmazonOptions) -> list[Token]:
    """The tokens that can be Amazon or a sanction, in document order.

    A token is Amazon (:func:`_is_amazon`) only if it, a child, a grandchild or a compound
    part is one of ``options.seeds`` or contains a word of Amazon's names; a sanction verb
    is a seed itself. So the seeds and every token that governs one are enough, and the
    rest of the letter is not examined.
    """
    words = options.name_words
    doc = letter.doc
    lowers = letter.lowers
    # each distinct form is tested once (a letter repeats its words)
    contains_a_name = _any_of(words)
    named = {lower for lower in set(lowers) if contains_a_name(lower)}
    seeds = [doc[i] for i, lower in enumerate(lowers) if lower in named] if named else []
    seeds.extend(letter.tokens_with(options.seeds))
    return _with_ancestors(seeds)


def _with_ancestors(tokens: Iterable[Token]) -> list[Token]:
    """The tokens and every token that governs one, in document order, each once."""
    seen: dict[int, Token] = {}
    for token in tokens:
        current = token
        while current.i not in seen:
            seen[current.i] = current
            if current.head.i == current.i:
                break
            current = current.head
    return [seen[i] for i in sorted(seen)]


def _criticised_referent(target: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    # 1. a pejorative noun used of Amazon: "your bots", "a robot suspended us"
    if is_one_of(target, options.pejorative_nouns):
        verb = target.head
        if not is_first_person(subject_of(verb)) and not is_negated(verb):
            yield Found((target,), _CRITICISM_SUGGESTION)
            return
    # 2. a criticising modifier: "unfair decision", "your slow support", "template responses"
    for mod in modifiers_of(target):
        if is_one_of(mod, options.criticism_words) and not is_negated(mod):
            yield Found((mod, target), _CRITICISM_SUGGESTION)
            return
    if distanced(target.head) or hypothetical(target.head):
        return
    # 3. a possessed fault: "Amazon's mistake", "your error"
    if target.dep_ == "poss" and is_one_of(target.head, options.fault_nouns):
        if not is_negated(target.head.head):
            yield Found((target, target.head), _CRITICISM_SUGGESTION)
        return
    if target.dep_ == "pobj" and target.head.head.pos_ == "NOUN":
        fault = target.head.head
        if is_one_of(fault, options.fault_nouns) and not is_negated(fault.head):
            yield Found((fault, target), _CRITICISM_SUGGESTION)  # "an error by your team"
        return
    if target.dep_ not in ("nsubj", "nsubjpass"):
        return
    predicate = target.head
    negated = is_negated(predicate)
    # 4. a criticising predicate: "this suspension is ridiculous", "Amazon is in error"
    if lemma_of(predicate) in ("be", "seem", "look", "become", "appear", "sound"):
        for obj in objects_of(predicate):
            predicative = obj.dep_ in ("acomp", "attr", "oprd") or obj.head.dep_ == "prep"
            criticising = is_one_of(obj, options.criticism_words) or is_one_of(
                obj, options.fault_nouns
            )
            if predicative and criticising and not (negated or is_negated(obj)):
                yield Found((target, predicate, obj), _CRITICISM_SUGGESTION)
                return
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in predicate.children):
        return  # "higher than Amazon target 2.5%": a comparison, not a verb of Amazon's
    for verb in predicate_chain(predicate):
        verb_negated = is_negated(verb)
        # 5. a criticising verb: "your team ignored our emails", "Amazon made a mistake"
        approved = any(c.lower_ in _APPROVING for c in verb.children)
        if not verb_negated and is_one_of(verb, options.criticism_verbs) and not approved:
            yield Found((target, verb), _CRITICISM_SUGGESTION)
            return
        if not verb_negated and lemma_of(verb) in ("make", "commit"):
            for obj in dependents(verb, "dobj"):
                if is_one_of(obj, options.fault_nouns):
                    yield Found((target, verb, obj), _CRITICISM_SUGGESTION)
                    return
        # 6. diligence denied: "your team did not read our appeal", "you never replied"
        if verb_negated and is_one_of(verb, options.diligence_verbs) and not _inability(verb):
            yield Found((target, verb), _CRITICISM_SUGGESTION)
            return
        adverbs = [c for c in verb.children if is_one_of(c, options.criticism_adverbs)]
        if not is_one_of(verb, options.sanction_verbs):
            # "Amazon automatically asks buyers for a review" is how Amazon works; only a
            # sanction done "automatically" is a complaint
            adverbs = [a for a in adverbs if not is_one_of(a, options.sanction_adverbs)]
        if adverbs and not verb_negated:
            yield Found((target, verb, *adverbs), _CRITICISM_SUGGESTION)
            return
        # 7. telling Amazon what it should have done: "Amazon should not suspend sellers for
        # one complaint", "you should have checked our invoices"
        modal = [c for c in verb.children if c.dep_ == "aux" and lemma_of(c) in ("should", "ought")]
        if modal and (
            (verb_negated and is_one_of(verb, options.sanction_verbs))
            or (should_have(verb) and is_one_of(verb, options.diligence_verbs))
        ):
            yield Found((target, *modal, verb), _CRITICISM_SUGGESTION)
            return
        # 8. acting without grounds: "takes the buyer's side without checking the facts"
        missing = _without_grounds(verb, options)
        if missing:
            yield Found((target, verb, *missing), _CRITICISM_SUGGESTION)
            return


def _criticised_sanction(verb: Token, options: CriticizesAmazonOptions) -> Iterator[Found]:
    """ "our account was wrongly suspended", "removed by mistake", "without any warning".

    The doer of a sanction is Amazon unless the seller is its active subject ("we incorrectly
    flagged the order" is the seller's own act).
    """
    subject = subject_of(verb)
    passive = is_passive(verb)
    if not passive and (subject is None or not _is_amazon(subject, options)):
        return
    if is_negated(verb) or distanced(verb) or hypothetical(verb):
        return
    adverbs = [c for c in verb.children if is_one_of(c, options.criticism_adverbs)]
    if adverbs:
        yield Found((verb, *adverbs), _CRITICISM_SUGGESTION)
        return
    for prep in dependents(verb, "prep", "agent"):
        for pobj in dependents(prep, "pobj"):
            if prep.lower_ in ("by", "in") and is_one_of(pobj, options.fault_nouns):
                yield Found((verb, prep, pobj), _CRITICISM_SUGGESTION)
                return
    missing = _without_grounds(verb, options)
    if missing:
        yield Found((verb, *missing), _CRITICISM_SUGGESTION)


def _without_grounds(verb: Token, options: CriticizesAmazonOptions) -> list[Token]:
    """ "without any warning", "without investigation", "without checking the facts"."""
    for prep in clause_tokens(verb):
        if prep.lower_ != "without":
            continue
        for obj in prep.children:
            if (obj.dep_ == "pobj" and is_one_of(obj, options.missing_grounds)) or (
                obj.dep_ == "pcomp" and is_one_of(obj, options.diligence_verbs)
            ):
                return [prep, obj]
    return []


def _inability(verb: Token) -> bool:
    """ "… so Amazon could not read those numbers": a consequence of the seller's error, told
    with "can/could", is a technical fact, not a charge of negligence."""
    can = has_auxiliary(verb, ("can", "could"))
    consequence = any(
        c.lower_ == "so" and c.dep_ in ("mark", "advmod", "cc") for c in verb.children
    )
    return can or consequence
