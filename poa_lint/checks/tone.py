"""Tone rules (POA201-POA205): blame, criticism of Amazon, emotion, threats, denial.

Why these are parse-based and not phrase lists: the same words are fine or fatal depending on
*who does what to whom*. "The buyer lied" blames the buyer, "we do not blame the buyer" is
the opposite; "our attorney reviewed the trademark" is evidence, "our attorney will contact
you" is a threat; "we did not check the listing" owns a failure, "we did not violate any
policy" denies one. So every rule here finds a small set of *content words* (the vocabulary,
kept in ``rules/tone.yaml`` under ``options:`` and validated by the Options models below)
and then asks the dependency parse who the subject is (first person, buyer, Amazon), whether
the clause is negated, future or conditional, and whether a higher clause distances the
writer from it ("we do not think that ..."). Grammar words (pronouns, negators, modals) are
part of English rather than of the rules, so they are module constants here.

All checks read ``letter.doc`` only; none of them parses. The engine drops hits inside
quoted text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import field_validator

from ..texts import N_, Template, sentences
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter

# --------------------------------------------------------------------------------------------
# Grammar words: closed classes of English, not tunable vocabulary.
# --------------------------------------------------------------------------------------------

#: Pronouns that make a subject "the seller". spaCy lemmatises "us" to "we".
FIRST_PERSON = frozenset({"i", "we", "us", "me", "myself", "ourselves"})
FIRST_POSSESSIVE = frozenset({"our", "my", "ours", "mine"})
SECOND_PERSON = frozenset({"you", "yourself", "yourselves"})
SECOND_POSSESSIVE = frozenset({"your", "yours"})
#: "nobody at Amazon", "no human at Amazon": a faceless someone who stands for Amazon.
_FACELESS = frozenset({"nobody", "one", "human", "person"})
#: Lemmas :func:`_emotional` tests by name, besides its word lists.
_EMOTION_LEMMAS = frozenset(
    {
        "please", "chance", "opportunity", "help", "depend", "rely", "count", "lose", "only",
        "income", "livelihood",
    }
)  # fmt: skip
#: Complements that deny responsibility when negated ("we are not responsible").
_NOT_LIABLE = frozenset({"responsible", "guilty", "liable"})
#: Nouns that stand for the seller when owned by "our"/"my" ("our company did not violate").
SELF_NOUNS = frozenset(
    {"company", "store", "shop", "team", "business", "staff", "brand", "account", "firm",
     "seller", "side", "employee", "warehouse", "management"}
)  # fmt: skip
#: Relative pronouns: in "customers who abuse returns" the subject of "abuse" is "customers".
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
#: Auxiliaries that put a clause in the future or the conditional ("wo" is the "wo" of "won't").
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo", "must", "may", "might"})
#: Verbs of saying and thinking. Negated above a clause they distance the writer from it:
#: "we do not think the buyer lied", "we should not have assumed the decision was unfair".
REPORTING_VERBS = frozenset(
    {"think", "believe", "say", "claim", "suggest", "assume", "suspect", "mean", "imply",
     "accuse", "blame", "feel", "consider", "argue", "want", "intend", "state", "write", "try",
     "pretend", "insist", "hint"}
)  # fmt: skip
#: Adverbs with which a writer disowns a belief: "we wrongly assumed the buyer had lied".
DISOWNING_ADVERBS = frozenset({"wrongly", "mistakenly", "incorrectly", "falsely", "unfairly"})
#: Subordinators of a hypothetical clause: "if we violated any policy, it was unintended".
HYPOTHETICAL_MARKS = frozenset({"if", "whether", "unless"})
#: Subordinators of a reason clause: "... because our packaging was weak".
CAUSAL_MARKS = frozenset({"because", "since", "as"})


# --------------------------------------------------------------------------------------------
# Options: the vocabulary of each rule, loaded from rules/tone.yaml.
# --------------------------------------------------------------------------------------------


class _WordListOptions(Options):
    """Options whose word lists are matched case-insensitively against lemmas or words.

    The lists have no defaults in Python on purpose: ``rules/tone.yaml`` is the single place
    where the vocabulary lives (and is documented), so it cannot drift from the code.
    """

    @field_validator("*", mode="after")
    @classmethod
    def _lowercase(cls, value: Any) -> Any:
        if isinstance(value, frozenset):
            return frozenset(str(v).strip().lower() for v in value)
        return value


class BlamesBuyerOptions(_WordListOptions):
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


class CriticizesAmazonOptions(_WordListOptions):
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


class UnprofessionalToneOptions(_WordListOptions):
    """POA203 knobs and vocabulary.

    ``exclamation``: ``all`` flags every "!" (a POA is a business letter; Amazon asks for
    no emotive language, and even "Thank you!" reads as emotional to a reviewer),
    ``repeated`` flags only "!!" and longer runs, ``off`` ignores them.
    """

    exclamation: Literal["all", "repeated", "off"] = "all"
    caps_min_letters: int = 2
    heading_max_words: int = 10
    acronyms: frozenset[str]
    shouted_words: frozenset[str] = frozenset()
    status_words: frozenset[str] = frozenset()
    emotions: frozenset[str]
    emotive_adverbs: frozenset[str]
    pleading_verbs: frozenset[str]
    pleading_nouns: frozenset[str]
    dependents: frozenset[str]
    ruin_verbs: frozenset[str]
    livelihood_nouns: frozenset[str]
    lose_objects: frozenset[str]
    hardship_words: frozenset[str]
    distress_verbs: frozenset[str]
    informal_words: frozenset[str] = frozenset()
    informal_phrases: frozenset[str] = frozenset()

    @cached_property
    def informal_sequences(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The slang phrases as word sequences, indexed by their first word."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.informal_phrases:
            words = tuple(phrase.lower().split())
            if words:
                index.setdefault(words[0], []).append(words)
        return {first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in index.items()}

    @cached_property
    def emotion_triggers(self) -> frozenset[str]:
        """Every word one of :func:`_emotional`'s branches starts from: a token outside this
        set cannot be an emotion, a plea or a hardship story, so it is not examined."""
        return (
            self.emotions
            | self.emotive_adverbs
            | self.pleading_verbs
            | self.pleading_nouns
            | self.ruin_verbs
            | self.hardship_words
            | self.distress_verbs
            | _EMOTION_LEMMAS
        )


class ThreatensOptions(_WordListOptions):
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


class DeniesViolationOptions(_WordListOptions):
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


# --------------------------------------------------------------------------------------------
# Grammar helpers shared by the rules.
# --------------------------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is(token: Token, words: frozenset[str]) -> bool:
    """Lemma or surface form in ``words`` (the small model's lemmas are not always right:
    "media" becomes "medium", capitalised words keep their case)."""
    return _lemma(token) in words or token.lower_ in words


def _negated(token: Token) -> bool:
    """The token carries a negation of its own: "did not read", "never lied", "isn't".

    On a noun only a preceding "not" negates it ("not a lie"); a following one is a contrast
    ("the customer made the mistake, not us").
    """
    nominal = token.pos_ in ("NOUN", "PROPN", "PRON")
    return any(
        (c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "not")))
        and not (nominal and c.i > token.i)
        for c in token.children
    )


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _subject(verb: Token) -> Token | None:
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
                if current.dep_ == "relcl" and _resumes(child, current.head):
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


_RESUMPTIVE = frozenset({"they", "he", "she"})


def _resumes(pronoun: Token, noun: Token) -> bool:
    """A pronoun right after the noun it repeats, as non-native writers put it ("Some buyer
    they choose the wrong size", "the customer he opened a claim"): the parser reads a
    relative clause whose subject is the pronoun, but the doer is the noun."""
    return pronoun.lower_ in _RESUMPTIVE and pronoun.i == noun.i + 1 and noun.pos_ == "NOUN"


def _governing_subject(verb: Token) -> Token | None:
    """The nearest subject above a verb, however deeply it is embedded.

    "We are ready to sue", "we will have no choice but to go to court": the doer of "sue" and
    "go" is the subject of the clause that announces them.
    """
    for current in [verb, *_ancestors_in_clause(verb)]:
        subject = _subject(current)
        if subject is not None:
            return subject
    return None


def _is_first_person(token: Token | None) -> bool:
    """ "we", "I", "us", or a self noun owned by the writer ("our company", "my team")."""
    if token is None:
        return False
    if token.lower_ in FIRST_PERSON or _lemma(token) in FIRST_PERSON:
        return True
    return _lemma(token) in SELF_NOUNS and _owned_by_first(token)


def _owned_by_first(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSSESSIVE for c in noun.children)


def _ancestors_in_clause(token: Token) -> Iterator[Token]:
    """Heads above ``token`` up to the sentence root."""
    current = token
    for _ in range(30):
        if current.head.i == current.i:
            return
        current = current.head
        yield current


def _distanced(predicate: Token) -> bool:
    """True when a higher clause disowns this one.

    "We do not think the buyer lied", "we never said your decision was unfair", "we wrongly
    assumed the buyer had lied": the accusation is mentioned, not made.
    """
    for above in _ancestors_in_clause(predicate):
        if _lemma(above) in REPORTING_VERBS and (
            _negated(above) or any(c.lower_ in DISOWNING_ADVERBS for c in above.children)
        ):
            return True
        if _lemma(above) in ("instead", "rather"):
            return True
    # "instead of blaming the buyer, we ..." / "rather than saying ..."
    left = predicate.doc[max(predicate.sent.start, predicate.i - 3) : predicate.i]
    return any(t.lower_ in ("instead", "rather") for t in left)


def _hypothetical(predicate: Token) -> bool:
    """The clause (or one it hangs from) is a condition: "if the buyer misused it, ..."."""
    current: Token | None = predicate
    for _ in range(4):
        if current is None:
            break
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "conj", "ccomp"):
            break
        current = current.head
    return False


#: Heads of a purpose: "to ensure that we do not violate", "make sure we never …".
_PURPOSE_HEADS = frozenset({"ensure", "guarantee", "sure", "certain", "assure", "prevent"})


def _intended(predicate: Token) -> bool:
    """The clause states a purpose, not a fact: "(in order) to ensure that we do not violate
    any policy", "to make sure we do not break the rules again", "so that we never …"."""
    current = predicate
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in current.children) and any(
            t.lower_ == "so" for t in current.doc[max(0, current.i - 6) : current.i]
        ):
            return True
        if current.dep_ not in ("ccomp", "xcomp", "conj") or current.head.i == current.i:
            return False
        current = current.head
        if _lemma(current) in _PURPOSE_HEADS:
            return True
    return False


def _cause_is_ours(predicate: Token) -> bool:
    """The sentence itself names the seller as the cause.

    "The buyer left negative feedback because we shipped late", "... due to our unclear
    listing": reporting what the buyer did is fine when the reason given is the seller's.
    """
    for child in predicate.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CAUSAL_MARKS for c in child.children
        ):
            subject = _subject(child)
            if subject is not None and (_is_first_person(subject) or _owned_by_first(subject)):
                return True
        if child.dep_ == "prep" and child.lower_ in ("because", "due", "owing", "thanks"):
            for obj in child.subtree:
                if obj.dep_ == "pobj" and (_is_first_person(obj) or _owned_by_first(obj)):
                    return True
    return False


def _span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    items = list(tokens)
    first = min(items, key=lambda t: t.i)
    last = max(items, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


@dataclass(frozen=True)
class _Found:
    """A finding before it becomes a :class:`Hit`: the tokens it covers and its advice."""

    tokens: tuple[Token, ...]
    suggestion: str | Template


def _to_hits(letter: Letter, found: Iterable[_Found]) -> Iterator[Hit]:
    """One hit per offending span; overlapping findings of one rule merge into one.

    A sentence such as "the buyer lied and abused the return policy" should produce one
    finding, not one per word that happened to match. ``{match}`` in the rule's message is
    filled with the flagged words, so the message quotes the seller.
    """
    kept: list[tuple[int, int, str | Template]] = []
    for item in sorted(found, key=lambda f: _span_of(f.tokens)):
        start, end = _span_of(item.tokens)
        if kept and start < kept[-1][1]:
            # overlaps the previous finding (sorted by start): widen it to cover both
            first_start, last_end, suggestion = kept[-1]
            kept[-1] = (first_start, max(last_end, end), suggestion)
            continue
        kept.append((start, end, item.suggestion))
    for start, end, suggestion in kept:
        match = " ".join(letter.text[start:end].split())
        yield Hit(start=start, end=end, suggestion=suggestion, values={"match": match})


def _predicate_chain(verb: Token) -> list[Token]:
    """A predicate plus the predicates that share its subject.

    "The buyer is trying to get a free product": try → get (xcomp); "opened a claim and lied"
    (conj without its own subject). Clauses with their own subject are excluded, so "the
    buyer returned it and we refunded" does not make "refunded" the buyer's act.
    """
    chain = [verb]
    index = 0
    while index < len(chain) and len(chain) < 12:
        current = chain[index]
        index += 1
        for child in current.children:
            if child.dep_ == "xcomp" or (
                child.dep_ == "conj"
                and child.pos_ in ("VERB", "AUX")
                and not _children(child, "nsubj", "nsubjpass", "expl")
            ):
                chain.append(child)
    return chain


def _clause_tokens(verb: Token) -> Iterator[Token]:
    """Tokens of the verb's own clause: its subtree minus any embedded clause.

    The parser attaches "without investigation" or "about this deactivation" to whichever
    word is nearby; what matters is that no other verb stands between it and ``verb``.
    """
    for token in verb.subtree:
        if token.i == verb.i:
            continue
        above = token.head
        while above.i != verb.i and above.pos_ not in ("VERB", "AUX") and above.head.i != above.i:
            above = above.head
        if above.i == verb.i:
            yield token


def _objects(verb: Token) -> list[Token]:
    """Nouns a predicate acts on or is: direct objects, attributes, prepositional objects."""
    result = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp", "dative"):
            result.append(child)
        elif child.dep_ in ("prep", "agent"):
            result.extend(_children(child, "pobj"))
    return result


def _modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]


# --------------------------------------------------------------------------------------------
# POA201 blames-buyer
# --------------------------------------------------------------------------------------------

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
    found: list[_Found] = []
    buyer_sentences: set[int] = set()
    for token in letter.doc:
        if not _is(token, options.buyer_nouns) or token.pos_ not in ("NOUN", "PROPN"):
            continue
        buyer_sentences.add(token.sent.start)
        found.extend(_buyer_as_subject(token, options))
        found.extend(_buyer_as_owner(token, options))
        found.extend(_contradicted_complaint(token, options))
    found.extend(_their_fault(letter, buyer_sentences, options))
    found.extend(_complaints_after_delivery(letter, options))
    if _complaints_are_buyers(letter):
        found.extend(_false_complaints(letter, options))
    # One sentence that blames buyers twice ("they use it and then return it, so it is
    # their fault") is one finding.
    yield from _to_hits(letter, _per_sentence(found))


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


#: Whose complaint a letter answers, by reason: the buyers' (performance, condition,
#: authenticity, safety), so calling "these complaints" false blames buyers; for rights
#: owners' and Amazon's findings it is a denial (POA205).
_BUYER_COMPLAINT_REASONS = frozenset(
    {"odr", "late_shipment", "cancellation", "tracking", "condition", "inauthentic", "safety"}
)


def _complaints_after_delivery(letter: Letter, options: BlamesBuyerOptions) -> Iterator[_Found]:
    """ "The 4 chargebacks were all filed after the goods were delivered": a complaint told
    in the passive, with the delivery set against it, blames the buyers who filed it."""
    for noun in letter.tokens_with(options.complaint_nouns):
        if not _is(noun, options.complaint_nouns) or noun.dep_ != "nsubjpass":
            continue
        verb = noun.head
        if _lemma(verb) not in _COMPLAINT_VERBS or _negated(verb) or _hypothetical(verb):
            continue
        for clause in _children(verb, "advcl"):
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            if marks & {"after", "although", "though", "while"} and _disproves(clause, options):
                yield _Found((noun, verb, *clause.subtree), _BLAME_SUGGESTION)
                break


def _complaints_are_buyers(letter: Letter) -> bool:
    reason = letter.reason
    return reason is not None and reason.id in _BUYER_COMPLAINT_REASONS


def _false_complaints(letter: Letter, options: BlamesBuyerOptions) -> Iterator[_Found]:
    """ "These complaints are false", "the claims were not true": the buyers' complaints
    called lies, in a letter answering buyers' complaints."""
    for noun in letter.tokens_with(options.complaint_nouns):
        if not _is(noun, options.complaint_nouns) or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ == "poss" for c in noun.children) or _children(noun, "prep"):
            continue  # an owner is named: the owner branch (or POA205) decides
        predicate = noun.head
        if _hypothetical(predicate) or _distanced(predicate):
            continue
        negated = _negated(predicate)
        for comp in _children(predicate, "acomp", "attr"):
            if (not negated and _is(comp, options.false_modifiers)) or (
                negated and _is(comp, options.virtues)
            ):
                neg = [c for c in predicate.children if c.dep_ == "neg"]
                yield _Found((noun, predicate, *neg, comp), _BLAME_SUGGESTION)
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
    {"deliver", "receive", "use", "install", "wear", "open", "accept", "sign", "keep", "ship",
     "pack"}
)


def _disproves(clause: Token, options: BlamesBuyerOptions) -> bool:
    """A clause set against a complaint as proof: a record that shows or says otherwise ("the
    tracking shows it was delivered", "our chart said M"), or the act that makes the claim
    suspect ("after the goods were delivered"). "Although we listed it as new" concedes the
    buyer's point instead."""
    lemma = _lemma(clause)
    if lemma in _CONTRADICTING_ACTS:
        return True
    if lemma not in _EVIDENCE_VERBS and lemma not in ("say", "read"):
        return False
    subject = _subject(clause)
    # a record or a document, not a person: "the tracking", "our chart", "the photos"
    return (
        subject is not None and subject.pos_ == "NOUN" and not _is(subject, options.buyer_nouns)
    )


def _contradicted_complaint(buyer: Token, options: BlamesBuyerOptions) -> Iterator[_Found]:
    """The buyer's complaint, told with what is meant to disprove it: "the buyer claims they
    did not receive the package, while the tracking shows it was delivered", "used the
    toaster and then claimed it was used on arrival", "filed a chargeback after the goods
    were delivered", "changed their mind and filed a claim". Reporting a complaint is fine;
    setting the facts against it makes the buyer the cause."""
    slot = _subject_slot(buyer)
    acts: list[Token] = []
    if slot.dep_ in ("nsubj", "nsubjpass"):
        acts = _predicate_chain(slot.head)
    elif buyer.dep_ in ("compound", "poss") and _is(buyer.head, options.complaint_nouns):
        acts = [buyer.head]  # "that buyer claim they did not receive the package"
    complaints = [
        a for a in acts if _lemma(a) in _COMPLAINT_VERBS or _is(a, options.complaint_nouns)
    ]
    if not complaints or any(
        _distanced(a) or _hypothetical(a) or _cause_is_ours(a) for a in acts
    ):
        return
    remorse = any(
        _lemma(a) == "change" and any(o.lower_ == "mind" for o in _children(a, "dobj"))
        for a in acts
    )
    for complaint in complaints:
        if _negated(complaint):
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
            yield _Found((buyer, complaint), _BLAME_SUGGESTION)
            return


_THEIR = frozenset({"their", "they", "them", "theirs"})


def _their_fault(
    letter: Letter, buyer_sentences: set[int], options: BlamesBuyerOptions
) -> Iterator[_Found]:
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
        if noun is not None and _is(noun, options.accusation_nouns):
            clause = noun.head
            excused = _negated(clause) or _negated(noun) or _distanced(noun)
            if not (excused or _hypothetical(clause)):
                yield _Found((pronoun, noun), _BLAME_SUGGESTION)
        elif pronoun.dep_ == "nsubj":
            for predicate in _predicate_chain(pronoun.head):
                if (
                    _is(predicate, options.accusation_verbs)
                    and not _negated(predicate)
                    and not _distanced(predicate)
                    and not _hypothetical(predicate)
                ):
                    yield _Found((pronoun, predicate), _BLAME_SUGGESTION)
                    break


def _previous_sentence_start(letter: Letter, sent: Span) -> int | None:
    if sent.start == 0:
        return None
    return letter.doc[sent.start - 1].sent.start


def _buyer_as_subject(buyer: Token, options: BlamesBuyerOptions) -> Iterator[_Found]:
    slot = _subject_slot(buyer)
    if slot.dep_ == "nsubj" or (slot.dep_ == "conj" and slot.head.dep_ == "nsubj"):
        head = slot.head if slot.dep_ == "nsubj" else slot.head.head
        if head.dep_ in ("relcl", "acl") and not _is(head.head, options.buyer_nouns):
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
            c.dep_ == "nsubj" and (c.lower_ in RELATIVE_PRONOUNS or _resumes(c, buyer))
            for c in head.children
        ):
            return
    chain = _predicate_chain(head)
    if _distanced(head) or _hypothetical(head) or _cause_is_ours(head):
        return
    # What the buyer wanted, or did something for: "tried to get", "reported us (only) to
    # get a free refund" (a purpose infinitive states the motive too)
    wants = any(_is(p, options.wanting_verbs) or _purpose_infinitive(p) for p in chain)
    if wants and _refund_and_keep(chain, options):
        # "was trying to get a refund and keep the item": return fraud, told as a motive
        yield _Found((buyer, *chain), _BLAME_SUGGESTION)
        return
    for predicate in chain:
        negated = (
            _negated(predicate)
            or _nothing_object(predicate)
            or (predicate.dep_ == "xcomp" and _lemma(predicate.head) in ("fail", "neglect"))
            or _should_have(predicate)
        )
        if predicate.dep_ == "xcomp" and _negated(predicate.head):
            # "the buyer did not try to cheat": the negation covers the whole chain
            negated = not negated
        yield from _accusing_predicate(buyer, predicate, negated, wants, options)


def _purpose_infinitive(verb: Token) -> bool:
    """ "(reported us) only to get", "(returned it) to get": an infinitive of purpose."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and _lemma(verb.head) not in ("want", "need", "have", "ask", "like", "try")
    )


def _refund_and_keep(chain: list[Token], options: BlamesBuyerOptions) -> bool:
    """Getting the money back *and* keeping the goods, both in what the buyer wanted."""
    lemmas = {_lemma(p): p for p in chain if not _negated(p)}
    keep = lemmas.get("keep")
    gets = [lemmas[v] for v in ("get", "receive", "claim") if v in lemmas]
    return (
        keep is not None
        and any(_is(o, options.greed_objects) for o in _children(keep, "dobj"))
        and any(_lemma(o) in ("refund", "money") for g in gets for o in _children(g, "dobj"))
    )


def _nothing_object(verb: Token) -> bool:
    """ "The buyer damaged nothing", "did no harm": a negative object negates the act."""
    return any(
        c.dep_ == "dobj"
        and (c.lower_ in ("nothing", "none") or any(d.lower_ == "no" for d in c.children))
        for c in verb.children
    )


def _should_have(verb: Token) -> bool:
    """ "The customer should have read the manual": a reproach, like "did not read"."""
    auxes = [_lemma(c) for c in verb.children if c.dep_ == "aux"]
    return ("should" in auxes or "ought" in auxes) and "have" in auxes


def _accusing_predicate(
    buyer: Token,
    predicate: Token,
    negated: bool,
    wants: bool,
    options: BlamesBuyerOptions,
) -> Iterator[_Found]:
    """Does this predicate, said of the buyer, accuse them?"""
    neg = [c for c in predicate.children if c.dep_ == "neg" or c.lower_ == "never"]
    if not negated and _is(predicate, options.accusation_verbs):
        yield _Found((buyer, predicate), _BLAME_SUGGESTION)
        return
    if negated and _is(predicate, options.careless_verbs):
        if any(c.dep_ == "aux" and _lemma(c) in ("can", "could") for c in predicate.children):
            return  # "buyers could not follow their parcels": our failure left them unable
        yield _Found((buyer, predicate, *neg, *_children(predicate, "dobj")), _BLAME_SUGGESTION)
        return
    if not negated and any(c.lower_ in options.misuse_adverbs for c in predicate.children):
        adverb = next(c for c in predicate.children if c.lower_ in options.misuse_adverbs)
        yield _Found((buyer, predicate, adverb), _BLAME_SUGGESTION)
        return
    for obj in _objects(predicate):
        own_neg = negated or _negated(obj)
        if obj.dep_ in ("acomp", "attr", "oprd") or obj.head.lower_ in ("at",):
            # the buyer *is* something: "was dishonest", "is a scammer", "was at fault"
            if not own_neg and (
                _is(obj, options.accusation_traits) or _is(obj, options.accusation_nouns)
            ):
                yield _Found((buyer, predicate, obj), _BLAME_SUGGESTION)
                return
            if own_neg and _is(obj, options.virtues):
                yield _Found((buyer, predicate, *neg, obj), _BLAME_SUGGESTION)
                return
        if own_neg:
            continue
        if obj.dep_ == "dobj" and _is(obj, options.accusation_nouns):
            # "the buyer told a lie", "committed fraud", "made a mistake"
            yield _Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        mods = _modifiers(obj)
        if any(m.lower_ in options.false_modifiers for m in mods):
            # "opened a false claim", "left a fake review"
            yield _Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        if wants and (
            (_is(obj, options.greed_objects) and any(m.lower_ == "free" for m in mods))
            or any(t.lower_ == "free" and t.head.lower_ == "for" for t in obj.subtree)
        ):
            # "is trying to get a free product", "wants free stuff"
            yield _Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return
        if (
            obj.dep_ == "dobj"
            and _is(predicate, options.choice_verbs)
            and any(m.lower_ == "wrong" for m in mods)
        ):
            # "the customer ordered the wrong size"
            yield _Found((buyer, predicate, obj), _BLAME_SUGGESTION)
            return


def _buyer_as_owner(buyer: Token, options: BlamesBuyerOptions) -> Iterator[_Found]:
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
                _is(governor, options.accusation_verbs)
                and not _negated(governor)
                and not _distanced(governor)
            ):
                yield _Found((governor, head, buyer), _BLAME_SUGGESTION)
            return
        if head.lower_ in ("by", "of", "from", "on") and governor.pos_ in ("NOUN", "PROPN"):
            noun = governor  # "fault of the buyer", "a false claim by the customer"
        elif head.lower_ in ("with", "on") and governor.pos_ in ("VERB", "AUX"):
            # "the fault lies with the buyer", "the blame is on the customer"
            subject = _subject(governor)
            if (
                subject is not None
                and _is(subject, options.accusation_nouns)
                and not _negated(governor)
            ):
                yield _Found((subject, governor, buyer), _BLAME_SUGGESTION)
            return
    if noun is None or noun.i == buyer.i:
        return
    clause = noun.head
    if _negated(clause) or _negated(noun) or _distanced(noun) or _hypothetical(clause):
        return  # "it was not the customer's fault"
    if _is(noun, options.accusation_nouns):
        yield _Found((buyer, noun), _BLAME_SUGGESTION)
        return
    if not _is(noun, options.complaint_nouns):
        return
    if any(m.lower_ in options.false_modifiers for m in _modifiers(noun)):
        yield _Found((buyer, noun), _BLAME_SUGGESTION)  # "the buyer's fake review"
        return
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "the buyer's claim was false", "the customer's complaint is not true"
        predicate = noun.head
        negated = _negated(predicate)
        for obj in _children(predicate, "acomp", "attr"):
            if (not negated and _is(obj, options.false_modifiers)) or (
                negated and _is(obj, options.virtues)
            ):
                yield _Found((buyer, noun, predicate, obj), _BLAME_SUGGESTION)
                return


# --------------------------------------------------------------------------------------------
# POA202 criticizes-amazon
# --------------------------------------------------------------------------------------------

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
    for prep in _children(noun, "prep"):
        for pobj in _children(prep, "pobj"):
            if prep.lower_ in ("of", "from", "by"):
                if pobj.lower_ in SECOND_PERSON or _names_amazon(pobj, options):
                    return "amazon"
                if pobj.lower_ in FIRST_PERSON:
                    return "seller"
            if prep.lower_ in ("in", "on", "for") and _owned_by_first(pobj):
                return "seller"  # "the return policy in our listing"
            if prep.lower_ == "on" and _lemma(pobj) in ("part", "side"):
                # "a wrong decision on our part", "an error on your side"
                if _owned_by_first(pobj):
                    return "seller"
                if any(c.lower_ in SECOND_POSSESSIVE for c in pobj.children):
                    return "amazon"
    if noun.dep_ == "attr" or (noun.dep_ == "dobj" and _lemma(noun.head) in ("make", "take")):
        # "choosing that courier was a wrong decision", "we made a wrong decision"
        subject = _subject(noun.head)
        if subject is not None and (subject.dep_ == "csubj" or _is_first_person(subject)):
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
        return _lemma(token.head) != "thank"
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    owner = _owner(token, options)
    if owner == "seller":
        return False
    if owner == "amazon" or _names_amazon(token, options):
        return True
    if _lemma(token) in _FACELESS and any(
        c.dep_ == "prep" and any(_names_amazon(o, options) for o in c.children)
        for c in token.children
    ):
        return True  # "nobody at Amazon reads these appeals"
    if _is(token, options.amazon_nouns):
        # "a wrong decision to use that supplier" is the seller's own decision; "the decision
        # to suspend us" is Amazon's
        return not any(
            c.dep_ in ("acl", "relcl") and not _is(c, options.sanction_verbs)
            for c in token.children
        )
    if _is(token, options.response_nouns):
        # "we keep getting template responses", "your team keeps sending the same email":
        # what the seller receives, or what Amazon sends, is Amazon's
        verb = token.head
        subject = _subject(verb)
        if _lemma(verb) in ("get", "receive") and _is_first_person(subject):
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
    found: list[_Found] = []
    for token in letter.tokens_with(options.response_nouns):
        found.extend(_no_answer(token, options))
        found.extend(_template_reply(token, options))
    for token in letter.tokens_with(options.victim_verbs):
        found.extend(_punishes_sellers(token, options))
    for token in letter.tokens_with(options.escalation_verbs):
        found.extend(_over_their_heads(token, options))
    found.extend(_to_executives(letter, options))
    for token in _amazon_candidates(letter, options):
        if _is(token, options.sanction_verbs) and token.pos_ == "VERB":
            found.extend(_criticised_sanction(token, options))
        if not _is_amazon(token, options):
            continue
        if _lemma(token) in _FACELESS:
            verb = token.head  # "nobody at Amazon reads these appeals"
            if token.dep_ == "nsubj" and _is(verb, options.diligence_verbs):
                found.append(_Found((token, verb), _CRITICISM_SUGGESTION))
            continue
        found.extend(_criticised_referent(token, options))
    yield from _to_hits(letter, _per_sentence(found))  # one finding per sentence


def _no_answer(noun: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """ "We still have had no reply", "we have not received any response in five weeks": a
    complaint about how the appeal was handled. An answer awaited from someone else (a
    buyer, a supplier) is not about Amazon."""
    verb = noun.head
    if not _is(noun, options.response_nouns) or noun.dep_ != "dobj":
        return
    if _lemma(verb) not in ("have", "receive", "get", "hear", "see"):
        return
    if not _is_first_person(_subject(verb)) or _hypothetical(verb):
        return
    nothing = any(c.lower_ == "no" for c in noun.children) or (
        _negated(verb) and any(c.lower_ in ("any", "a") for c in noun.children)
    )
    if not nothing:
        return
    for prep in [*_children(noun, "prep"), *_children(verb, "prep")]:
        if prep.lower_ == "from" and not any(
            _is_amazon(o, options) for o in _children(prep, "pobj")
        ):
            return  # "no reply from the buyer"
    if _wrote_to_someone_else(noun, options):
        return  # "We wrote to the rights owner on 6 April. We have had no reply."
    yield _Found((_subject(verb) or verb, verb, *noun.subtree), _CRITICISM_SUGGESTION)


def _template_reply(noun: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """ "Every answer was the same pasted paragraph", "each reply is the same form text": the
    answers the seller got called boilerplate. The seller's own or a buyer's message ("our
    reply", "the buyer's message") is not Amazon's."""
    verb = noun.head
    if not _is(noun, options.response_nouns) or noun.dep_ != "nsubj" or _lemma(verb) != "be":
        return
    if _negated(verb) or _hypothetical(verb):
        return
    if any(c.dep_ == "poss" for c in noun.children):
        return  # "our reply", "the buyer's message", "Amazon's answer" (the referent path)
    if any(_is_first_person(_subject(c)) for c in _children(noun, "relcl", "acl")):
        return  # "every answer we sent to buyers": the seller's own answers
    for attr in _children(verb, "attr"):
        marks = [c for c in attr.children if c.dep_ in ("amod", "compound")]
        if any(_is(m, options.template_modifiers) for m in marks):
            yield _Found((noun, verb, *marks, attr), _CRITICISM_SUGGESTION)
            return


_APPROVING = frozenset({"rightly", "correctly", "fairly", "justly", "understandably", "properly"})


def _punishes_sellers(verb: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """ "The valid tracking rate punishes small sellers", "this policy discriminates against
    sellers like us": Amazon's metric, policy or system said to victimise sellers. Not when
    people do it ("some buyers target small sellers" is POA201's question)."""
    if not _is(verb, options.victim_verbs) or verb.pos_ != "VERB":
        return
    if _negated(verb) or _hypothetical(verb):
        return
    if any(c.lower_ in _APPROVING for c in verb.children):
        return  # "Amazon rightly punishes sellers who ship late": agreement, not complaint
    subject = _subject(verb)
    if subject is None or _is_first_person(subject):
        return
    if not (_is(subject, options.institution_nouns) or _is_amazon(subject, options)):
        return
    victims = [
        o
        for c in verb.children
        for o in ([c] if c.dep_ == "dobj" else _children(c, "pobj") if c.dep_ == "prep" else [])
        if _is(o, options.seller_nouns) or _is_first_person(o)
    ]
    if not victims:
        return
    # Said of sellers who break a rule it is a description ("the policy punishes sellers who
    # list used goods as new"); a complaint puts the seller among the victims ("punishes us",
    # "sellers like us") or calls it unfair in the same sentence.
    ours = any(_is_first_person(t) for v in victims for t in v.subtree)
    unfair = any(
        _is(t, options.criticism_words) or (_lemma(t) in ("fair", "just") and _negated(t.head))
        for t in verb.sent
    )
    if ours or unfair:
        yield _Found((subject, verb, victims[0]), _CRITICISM_SUGGESTION)


_WRITING = frozenset({"write", "email", "e-mail", "contact", "ask", "call", "message", "send"})


def _wrote_to_someone_else(noun: Token, options: CriticizesAmazonOptions) -> bool:
    """The sentence before tells of writing to someone who is not Amazon: the reply still
    awaited is theirs."""
    sent = noun.sent
    if sent.start == 0:
        return False
    before = noun.doc[sent.start - 1].sent
    for verb in before:
        if _lemma(verb) not in _WRITING or verb.pos_ != "VERB":
            continue
        if not _is_first_person(_subject(verb)):
            continue
        targets = [
            o
            for c in verb.children
            for o in ([c] if c.dep_ in ("dobj", "dative") else _children(c, "pobj"))
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


def _to_executives(letter: Letter, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """A letter addressed to (or copied to) Amazon's executives by name or address ("Dear
    Mr. Bezos", "jeff@amazon.com"): an escalation over the reviewers' heads."""
    for i, lower in enumerate(letter.lowers):
        mailbox, _, domain = lower.partition("@")
        if lower in options.executive_names or (
            domain.startswith("amazon.") and mailbox in options.executive_mailboxes
        ):
            yield _Found((letter.doc[i],), _EXECUTIVE_SUGGESTION)


def _over_their_heads(verb: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """ "Please pass this to a manager who will actually read it", "escalate our case to a
    supervisor": asking to go over the reviewer's head says the reviewer failed."""
    if not _is(verb, options.escalation_verbs) or verb.pos_ != "VERB":
        return
    if _negated(verb) or _hypothetical(verb):
        return
    for prep in _children(verb, "prep", "dative"):
        targets = [prep] if prep.dep_ == "dative" else _children(prep, "pobj")
        for target in targets:
            if _is(target, options.superior_nouns) and (
                prep.dep_ == "dative" or prep.lower_ in ("to", "with")
            ):
                yield _Found((verb, *prep.subtree), _CRITICISM_SUGGESTION)
                return


def _amazon_candidates(letter: Letter, options: CriticizesAmazonOptions) -> list[Token]:
    """The tokens that can be Amazon or a sanction, in document order.

    A token is Amazon (:func:`_is_amazon`) only if it, a child, a grandchild or a compound
    part is one of ``options.seeds`` or contains a word of Amazon's names; a sanction verb
    is a seed itself. So the seeds and every token that governs one are enough, and the
    rest of the letter is not examined.
    """
    words = options.name_words
    doc = letter.doc
    seeds = [
        doc[i] for i, lower in enumerate(letter.lowers) if any(word in lower for word in words)
    ]
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


def _criticised_referent(target: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    # 1. a pejorative noun used of Amazon: "your bots", "a robot suspended us"
    if _is(target, options.pejorative_nouns):
        verb = target.head
        if not _is_first_person(_subject(verb)) and not _negated(verb):
            yield _Found((target,), _CRITICISM_SUGGESTION)
            return
    # 2. a criticising modifier: "unfair decision", "your slow support", "template responses"
    for mod in _modifiers(target):
        if _is(mod, options.criticism_words) and not _negated(mod):
            yield _Found((mod, target), _CRITICISM_SUGGESTION)
            return
    if _distanced(target.head) or _hypothetical(target.head):
        return
    # 3. a possessed fault: "Amazon's mistake", "your error"
    if target.dep_ == "poss" and _is(target.head, options.fault_nouns):
        if not _negated(target.head.head):
            yield _Found((target, target.head), _CRITICISM_SUGGESTION)
        return
    if target.dep_ == "pobj" and target.head.head.pos_ == "NOUN":
        fault = target.head.head
        if _is(fault, options.fault_nouns) and not _negated(fault.head):
            yield _Found((fault, target), _CRITICISM_SUGGESTION)  # "an error by your team"
        return
    if target.dep_ not in ("nsubj", "nsubjpass"):
        return
    predicate = target.head
    negated = _negated(predicate)
    # 4. a criticising predicate: "this suspension is ridiculous", "Amazon is in error"
    if _lemma(predicate) in ("be", "seem", "look", "become", "appear", "sound"):
        for obj in _objects(predicate):
            predicative = obj.dep_ in ("acomp", "attr", "oprd") or obj.head.dep_ == "prep"
            criticising = _is(obj, options.criticism_words) or _is(obj, options.fault_nouns)
            if predicative and criticising and not (negated or _negated(obj)):
                yield _Found((target, predicate, obj), _CRITICISM_SUGGESTION)
                return
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in predicate.children):
        return  # "higher than Amazon target 2.5%": a comparison, not a verb of Amazon's
    for verb in _predicate_chain(predicate):
        verb_negated = _negated(verb)
        # 5. a criticising verb: "your team ignored our emails", "Amazon made a mistake"
        approved = any(c.lower_ in _APPROVING for c in verb.children)
        if not verb_negated and _is(verb, options.criticism_verbs) and not approved:
            yield _Found((target, verb), _CRITICISM_SUGGESTION)
            return
        if not verb_negated and _lemma(verb) in ("make", "commit"):
            for obj in _children(verb, "dobj"):
                if _is(obj, options.fault_nouns):
                    yield _Found((target, verb, obj), _CRITICISM_SUGGESTION)
                    return
        # 6. diligence denied: "your team did not read our appeal", "you never replied"
        if verb_negated and _is(verb, options.diligence_verbs) and not _inability(verb):
            yield _Found((target, verb), _CRITICISM_SUGGESTION)
            return
        adverbs = [c for c in verb.children if _is(c, options.criticism_adverbs)]
        if not _is(verb, options.sanction_verbs):
            # "Amazon automatically asks buyers for a review" is how Amazon works; only a
            # sanction done "automatically" is a complaint
            adverbs = [a for a in adverbs if not _is(a, options.sanction_adverbs)]
        if adverbs and not verb_negated:
            yield _Found((target, verb, *adverbs), _CRITICISM_SUGGESTION)
            return
        # 7. telling Amazon what it should have done: "Amazon should not suspend sellers for
        # one complaint", "you should have checked our invoices"
        modal = [c for c in verb.children if c.dep_ == "aux" and _lemma(c) in ("should", "ought")]
        if modal and (
            (verb_negated and _is(verb, options.sanction_verbs))
            or (_should_have(verb) and _is(verb, options.diligence_verbs))
        ):
            yield _Found((target, *modal, verb), _CRITICISM_SUGGESTION)
            return
        # 8. acting without grounds: "takes the buyer's side without checking the facts"
        missing = _without_grounds(verb, options)
        if missing:
            yield _Found((target, verb, *missing), _CRITICISM_SUGGESTION)
            return


def _criticised_sanction(verb: Token, options: CriticizesAmazonOptions) -> Iterator[_Found]:
    """ "our account was wrongly suspended", "removed by mistake", "without any warning".

    The doer of a sanction is Amazon unless the seller is its active subject ("we incorrectly
    flagged the order" is the seller's own act).
    """
    subject = _subject(verb)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not passive and (subject is None or not _is_amazon(subject, options)):
        return
    if _negated(verb) or _distanced(verb) or _hypothetical(verb):
        return
    adverbs = [c for c in verb.children if _is(c, options.criticism_adverbs)]
    if adverbs:
        yield _Found((verb, *adverbs), _CRITICISM_SUGGESTION)
        return
    for prep in _children(verb, "prep", "agent"):
        for pobj in _children(prep, "pobj"):
            if prep.lower_ in ("by", "in") and _is(pobj, options.fault_nouns):
                yield _Found((verb, prep, pobj), _CRITICISM_SUGGESTION)
                return
    missing = _without_grounds(verb, options)
    if missing:
        yield _Found((verb, *missing), _CRITICISM_SUGGESTION)


def _without_grounds(verb: Token, options: CriticizesAmazonOptions) -> list[Token]:
    """ "without any warning", "without investigation", "without checking the facts"."""
    for prep in _clause_tokens(verb):
        if prep.lower_ != "without":
            continue
        for obj in prep.children:
            if (obj.dep_ == "pobj" and _is(obj, options.missing_grounds)) or (
                obj.dep_ == "pcomp" and _is(obj, options.diligence_verbs)
            ):
                return [prep, obj]
    return []


# --------------------------------------------------------------------------------------------
# POA203 unprofessional-tone
# --------------------------------------------------------------------------------------------

_CAPS_SUGGESTION = N_(
    "Write the words in normal case; capitals read as shouting. Keep capitals for acronyms "
    "such as ASIN or ODR and for headings."
)
_EXCLAMATION_SUGGESTION = N_(
    "End the sentence with a full stop; a POA is a calm business letter."
)
_EMOTION_SUGGESTION = N_(
    "Leave out feelings and hardship; state facts and actions, e.g. 'We have corrected the "
    "listing and added a daily check.'"
)
_PLEADING_SUGGESTION = N_(
    "Do not plead. Ask once, politely, at the end: 'We respectfully request the reinstatement "
    "of our selling privileges.'"
)


def unprofessional_tone(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[Hit]:
    """POA203: shouting, exclamation marks, emotion, pleading and hardship stories.

    Amazon asks for a factual letter without emotive language; consultants list "PLEASE give
    us a second chance" and "my family depends on this" among the reasons letters fail. Each
    offending sentence gets one hit, covering all its offending words, so the seller rewrites
    sentence by sentence. Emotions count only when the seller feels them ("we are
    devastated"); "the buyer was upset" is empathy. Sarcasm is not attempted: it cannot be
    read reliably from a parse.
    """
    found: list[_Found] = []
    found.extend(_shouting(letter, options))
    if options.exclamation != "off":
        found.extend(_exclamations(letter, options))
    for token in letter.tokens_with(options.emotion_triggers):
        found.extend(_emotional(token, options))
    found.extend(_informal(letter, options))
    yield from _to_hits(letter, _per_sentence(found))


_INFORMAL_SUGGESTION = N_(
    "Use plain business language instead of slang, e.g. 'We made a serious mistake' rather "
    "than 'we screwed up big time'."
)


def _informal(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[_Found]:
    """Slang and swearing: a listed word, or a listed phrase whose words match in order by
    form or lemma ("screwed up" is "screw up"). Quoted words are the buyer's or Amazon's."""
    doc = letter.doc
    lowers, lemmas = letter.lowers, letter.lemmas
    sequences = options.informal_sequences
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True)):
        if lower in options.informal_words or lemma in options.informal_words:
            token = doc[i]
            if not letter.in_quotes(token.idx, token.idx + len(token.text)):
                yield _Found((token,), _INFORMAL_SUGGESTION)
            continue
        candidates = sequences.get(lower, ())
        if lemma != lower:
            candidates += sequences.get(lemma, ())
        for words in candidates:
            end = i + len(words)
            if end <= len(lowers) and all(
                lowers[i + k] == w or lemmas[i + k] == w for k, w in enumerate(words)
            ):
                first, last = doc[i], doc[end - 1]
                if not letter.in_quotes(first.idx, last.idx + len(last.text)):
                    yield _Found((first, last), _INFORMAL_SUGGESTION)
                break


def _per_sentence(found: Iterable[_Found]) -> list[_Found]:
    """Merge one sentence's tone problems into one finding.

    "This is a VERY SERIOUS situation for us!!!" is one outburst; reporting the capitals and
    the exclamation marks separately would double the noise without telling the seller more.
    """
    groups: dict[int, list[_Found]] = {}
    for item in found:
        groups.setdefault(item.tokens[0].sent.start, []).append(item)
    merged = []
    for items in groups.values():
        tokens = tuple(t for item in items for t in item.tokens)
        advice = dict.fromkeys(item.suggestion for item in items)
        merged.append(_Found(tokens, sentences(list(advice))))
    return merged


def _line_bounds(letter: Letter) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) for every paragraph, or every line when there is no map."""
    if letter.paragraphs:
        return [(p.start, p.end, p.kind == "heading") for p in letter.paragraphs]
    bounds = []
    offset = 0
    for line in letter.text.splitlines(keepends=True):
        bounds.append((offset, offset + len(line.rstrip("\r\n")), False))
        offset += len(line)
    return bounds


def _is_caps_word(token: Token, options: UnprofessionalToneOptions) -> bool:
    return _is_caps_text(token.text, options)


def _is_caps_text(text: str, options: UnprofessionalToneOptions) -> bool:
    if options.caps_min_letters > 0 and not text.isupper():
        return False  # the common case, answered by one string method
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= options.caps_min_letters
        and all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in text)
    )


#: Word classes that are never names or acronyms. A caps word tagged otherwise (noun, proper
#: noun, or a preposition used as a name part, as the tagger reads "SUNLIGHT brand lamps") is
#: taken for an acronym or a brand.
_SHOUTABLE_POS = frozenset(
    {"VERB", "AUX", "ADV", "PRON", "DET", "PART", "INTJ", "ADJ", "CCONJ", "SCONJ", "ADP"}
)


def _shouted(token: Token, options: UnprofessionalToneOptions) -> bool:
    if token.lower_ in options.acronyms:
        return False
    if token.dep_ in ("compound", "nmod", "appos") and token.pos_ not in ("ADJ", "VERB", "ADV"):
        return False
    if token.pos_ == "ADP":
        return token.dep_ in ("prep", "agent", "mark", "dative")
    return token.pos_ in _SHOUTABLE_POS


def _plain_word(token: Token, options: UnprofessionalToneOptions) -> bool:
    """Is a lone capitalised word a raised voice, not an acronym or a status?

    The tagger guesses at unknown all-caps tokens ("WIPO" comes out as a verb), and one word
    in capitals is as often data ("IN TRANSIT", "A TO Z", "OR 97210") or mild emphasis ("ship
    ALL orders") as it is shouting. On its own it counts only when it is one of the
    ``shouted-words`` ("NOT", "NEVER", "PLEASE", "URGENT") or an emotion word.
    """
    return token.lower_ in options.shouted_words or _lemma(token) in options.emotions


def _repeated_caps_words(letter: Letter, options: UnprofessionalToneOptions) -> frozenset[str]:
    """Caps words that are not function words and occur more than once: brand names.

    A trademark letter writes the brand the same way every time ("FROSTLYNE"); a seller who
    shouts rarely repeats the same unusual word.
    """
    counts: dict[str, int] = {}
    doc = letter.doc
    for i, text in enumerate(letter.texts):
        if _is_caps_text(text, options) and not doc[i].is_stop:
            counts[text] = counts.get(text, 0) + 1
    return frozenset(word for word, n in counts.items() if n > 1)


def _data_words(letter: Letter, options: UnprofessionalToneOptions) -> frozenset[str]:
    """Caps words that stand in a data line (a status column, a carrier): the same word in
    a sentence ("the tracking stopped at IN TRANSIT") is that data quoted, not shouting."""
    doc = letter.doc
    return frozenset(
        text
        for i, text in enumerate(letter.texts)
        if _is_caps_text(text, options) and letter.in_data_line(doc[i].idx)
    )


def _name_like(token: Token, brands: frozenset[str]) -> bool:
    """Part of a name: a repeated caps brand, or next to a capitalised name word."""
    if token.text in brands:
        return True
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(n.is_title and n.pos_ == "PROPN" and not n.is_sent_start for n in neighbours)


def _shouting(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[_Found]:
    """ALL-CAPS words in running text.

    Acronyms (ASIN, ODR, FBA, USPS …) are not shouting: the tagger reads them as proper nouns
    or nouns, and ``acronyms`` lists the ones it may misread. A caps noun counts only inside
    a run that also has a caps word of another kind ("SELL ONLY GENUINE PRODUCTS"), which
    keeps brand names in capitals quiet. A line entirely in capitals is a heading ("ROOT
    CAUSE") when it is short or has no verb; a long all-caps sentence is flagged as a whole.
    """
    caps_at = [
        letter.doc[i].idx for i, text in enumerate(letter.texts) if _is_caps_text(text, options)
    ]
    if not caps_at:
        return  # no word in capitals anywhere: nothing can shout
    data = _data_words(letter, options)
    brands = _repeated_caps_words(letter, options) | data
    for start, end, heading in _line_bounds(letter):
        if heading or end <= start or letter.in_data_line(start):
            continue
        first = bisect_left(caps_at, start)
        if first == len(caps_at) or caps_at[first] >= end:
            continue  # no word in capitals in this line
        tokens = [t for t in letter.tokens_in(start, end) if not t.is_space]
        words = [t for t in tokens if any(ch.isalpha() for ch in t.text)]
        if not words:
            continue
        letters = [ch for t in words for ch in t.text if ch.isalpha()]
        if all(ch.isupper() for ch in letters) and len(letters) >= options.caps_min_letters:
            # A heading ("ROOT CAUSE", "WHY DID THIS HAPPEN?") has no verb, or is short and
            # does not end like a statement; "WE ARE NOT A COUNTERFEIT SELLER." is shouting.
            has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
            statement = tokens[-1].text in (".", "!") or "!" in tokens[-1].text
            # Amazon's own questions, copied in capitals, are headings however long.
            question = tokens[-1].text in ("?", "？", ":", "：")
            long_line = len(words) > options.heading_max_words and not question
            if has_verb and (statement or long_line):
                yield _Found((words[0], words[-1]), _CAPS_SUGGESTION)
            continue
        run: list[Token] = []
        for token in [*tokens, None]:
            if token is not None and _is_caps_word(token, options):
                run.append(token)
                continue
            if token is not None and run and (token.is_punct and token.text not in ".!?;:"):
                continue
            shouted = [t for t in run if _shouted(t, options)]
            if all(t.text in data or t.lower_ in options.status_words for t in run):
                shouted = []  # a status ("IN TRANSIT", "DELIVERED"), as the system shows it
            if len(run) == 1 and shouted and not _plain_word(run[0], options):
                shouted = []  # a lone "WIPO" the tagger reads as a verb is an acronym
            if len(run) == 1 and shouted and _name_like(run[0], brands):
                shouted = []  # "FROSTLYNE" (a brand), "Halden Outdoor Supply AS" (a company)
            if shouted:
                yield _Found((run[0], run[-1]), _CAPS_SUGGESTION)
            run = []


#: "!" and the full-width "！" that Chinese keyboards produce; "?" joins a run ("?!").
_BANGS = frozenset("!！")
_MARKS = frozenset("!！?？")


def _exclamations(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[_Found]:
    """Runs of exclamation marks ("!", "!!!", "?!"), one finding per run."""
    if not any(bang in letter.text for bang in _BANGS):
        return  # a run of marks is reported only when it holds a "!"
    run: list[Token] = []
    for token in [*letter.doc, None]:
        if token is not None and token.text and set(token.text) <= _MARKS:
            run.append(token)
            continue
        if run:
            bangs = sum(ch in _BANGS for t in run for ch in t.text)
            if bangs and (options.exclamation == "all" or bangs > 1):
                yield _Found(tuple(run), _EXCLAMATION_SUGGESTION)
        run = []


def _feeler(token: Token) -> Token | None:
    """Who feels an emotion word: the subject of its clause ("we are devastated", "we feel
    so ashamed", "our team was shocked")."""
    head = token if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" else token.head
    if token.dep_ in ("acomp", "attr", "oprd", "xcomp", "conj", "ROOT", "advcl", "ccomp"):
        return _subject(head)
    return None


def _asked_again(chance: Token) -> bool:
    """ "(We) ask for another chance / one more opportunity": the seller pleading for a new
    chance in so many words."""
    prep = chance.head
    if chance.dep_ != "pobj" or prep.lower_ != "for":
        return False
    verb = prep.head
    again = any(c.lower_ in ("another", "second", "last", "more", "new") for c in chance.subtree)
    subject = _subject(verb)
    asked = _lemma(verb) in ("ask", "beg", "plead", "pray", "hope", "wish", "request")
    return asked and again and (subject is None or _is_first_person(subject))


def _is_request(verb: Token) -> bool:
    """An imperative or a "could you" request addressed to the reader ("give us a chance"),
    as opposed to a report ("Amazon did not give us a chance")."""
    if verb.pos_ != "VERB":
        return False
    subject = _subject(verb)
    if subject is None:
        return verb.tag_ == "VB" and not any(c.dep_ == "aux" for c in verb.children)
    return subject.lower_ in SECOND_PERSON and any(
        c.dep_ == "aux" and _lemma(c) in ("can", "could", "would", "will") for c in verb.children
    )


def _emotional(token: Token, options: UnprofessionalToneOptions) -> Iterator[_Found]:
    lemma = _lemma(token)
    # emotion the writer feels: "we are devastated", "I feel so ashamed"
    if _is(token, options.emotions) and token.pos_ in ("ADJ", "VERB", "NOUN"):
        feeler = _feeler(token)
        ours = feeler is not None and (
            _is_first_person(feeler)
            or (_is(feeler, options.dependents) and _owned_by_first(feeler))
        )  # "we", "our team", "my family" feel; "our sales were hurt" is not a feeling
        if ours and not _negated(token.head) and not _negated(token):
            yield _Found((token,), _EMOTION_SUGGESTION)
            return
    if token.lower_ in options.emotive_adverbs:
        yield _Found((token,), _EMOTION_SUGGESTION)
        return
    # pleading: "we beg you", "begging for another chance", "have mercy"
    if _is(token, options.pleading_verbs) and token.pos_ == "VERB":
        subject = _subject(token)
        if subject is None or _is_first_person(subject):
            yield _Found((token,), _PLEADING_SUGGESTION)
            return
    if _is(token, options.pleading_nouns):
        yield _Found((token,), _PLEADING_SUGGESTION)
        return
    if lemma == "please":
        # "please, please reinstate us": one "please" is politeness, a repeated one pleads
        repeats = [t for t in token.doc[token.i + 1 : token.i + 3] if t.lower_ == "please"]
        if repeats:
            yield _Found((token, *repeats), _PLEADING_SUGGESTION)
            return
    chance = lemma in ("chance", "opportunity")
    if chance and _asked_again(token):
        # "we repeatedly ask for another opportunity", "we beg for one more chance"
        yield _Found((token.head.head, token.head, token), _PLEADING_SUGGESTION)
        return
    if (chance or lemma == "help") and _is_request(token.head if chance else token):
        # "please give us one more chance", "please help us"
        verb = token.head if chance else token
        asks = lemma == "help" or (token.dep_ == "dobj" and _lemma(verb) == "give")
        for_us = any(c.dep_ in ("dative", "dobj") and _is_first_person(c) for c in verb.children)
        if asks and for_us:
            yield _Found((verb, token), _PLEADING_SUGGESTION)
            return
    # hardship: "my family depends on this", "our employees rely on this account"
    counts_on = lemma == "count" and any(c.lower_ == "on" for c in token.children)
    if (lemma in ("depend", "rely") or counts_on) and token.pos_ == "VERB":
        # ("our staff only counted the quantity" is no hardship: only "count on" is)
        subject = _subject(token)
        if subject is not None and _is(subject, options.dependents):
            yield _Found((subject, token), _EMOTION_SUGGESTION)
            return
    # "this is killing our business", "it will ruin my life"
    if _is(token, options.ruin_verbs) and token.pos_ == "VERB" and not _negated(token):
        for obj in _children(token, "dobj"):
            if _is(obj, options.livelihood_nouns):
                yield _Found((token, obj), _EMOTION_SUGGESTION)
                return
    # "we will lose everything", "our staff will lose their jobs"
    if lemma == "lose" and token.pos_ == "VERB" and not _negated(token):
        subject = _subject(token)
        if _is_first_person(subject) or (subject is not None and _is(subject, options.dependents)):
            for obj in _children(token, "dobj"):
                if _is(obj, options.lose_objects):
                    yield _Found((token, obj), _EMOTION_SUGGESTION)
                    return
    if _is(token, options.hardship_words):
        # "we will go bankrupt", "sleepless nights", "our only source of income"
        yield _Found((token,), _EMOTION_SUGGESTION)
        return
    if lemma == "only" and token.dep_ == "amod" and _lemma(token.head) in ("source", "income"):
        yield _Found((token, token.head), _EMOTION_SUGGESTION)  # "our only source of income"
        return
    if lemma in ("income", "livelihood") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    ):
        yield _Found((token,), _EMOTION_SUGGESTION)  # "we have no other income"
        return
    # "I can't sleep", "we cried", "I have not eaten"
    if _is(token, options.distress_verbs) and token.pos_ == "VERB":
        subject = _subject(token)
        negated = _negated(token)
        if _is_first_person(subject) and (negated or lemma in ("cry", "weep")):
            yield _Found((token,), _EMOTION_SUGGESTION)


# --------------------------------------------------------------------------------------------
# POA204 threatens
# --------------------------------------------------------------------------------------------

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
    for current in [verb, *_ancestors_in_clause(verb)]:
        if any(c.dep_ == "aux" and _lemma(c) in FUTURE_AUX for c in current.children):
            return True
        if _is(current, options.intent_words):
            return True
        if any(_is(c, options.intent_words) for c in current.children if c.dep_ == "acomp"):
            return True
        if current.dep_ in ("ROOT",):
            break
    return False


def _writer_side(token: Token | None, options: ThreatensOptions) -> bool:
    """The seller, or the seller's lawyer: "we", "our company", "our attorney"."""
    if token is None:
        return False
    if _is_first_person(token):
        return True
    return _is(token, options.legal_people) and _owned_by_first(token)


def _inability(verb: Token) -> bool:
    """ "… so Amazon could not read those numbers": a consequence of the seller's error, told
    with "can/could", is a technical fact, not a charge of negligence."""
    can = any(c.dep_ == "aux" and _lemma(c) in ("can", "could") for c in verb.children)
    consequence = any(
        c.lower_ == "so" and c.dep_ in ("mark", "advmod", "cc") for c in verb.children
    )
    return can or consequence


def _aimed_at_amazon(verb: Token) -> bool:
    """The verb's object is Amazon: "contact you", "sue Amazon", "against your company"."""
    for obj in _clause_tokens(verb):
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
    found: list[_Found] = []
    for token in letter.tokens_with(options.triggers):  # the rest cannot start a threat
        found.extend(_legal_threat(token, options))
        found.extend(_ultimatum(token, options))
    for token in letter.tokens_with(options.demand_verbs):
        found.extend(_deadline_demand(token, options))
    yield from _to_hits(letter, _per_sentence(found))  # one finding per sentence


def _deadline_demand(verb: Token, options: ThreatensOptions) -> Iterator[_Found]:
    """ "We expect a written reply within 48 hours", "we demand reinstatement by Friday": a
    deadline set for Amazon's answer is an ultimatum even without a stated consequence."""
    if not _is(verb, options.demand_verbs) or verb.pos_ not in ("VERB", "AUX"):
        return
    if _negated(verb) or _hypothetical(verb) or not _is_first_person(_subject(verb)):
        return
    wanted = [o for o in _children(verb, "dobj") if _is(o, options.answer_nouns)]
    if not wanted:
        return
    deadline = [
        t
        for t in verb.subtree
        if t.lower_ in ("within", "by", "before") and any(c.like_num for c in t.subtree)
    ]
    if deadline:
        yield _Found((verb, *wanted, *deadline[0].subtree), _ULTIMATUM_SUGGESTION)


def _legal_threat(token: Token, options: ThreatensOptions) -> Iterator[_Found]:
    hard = _is(token, options.legal_terms) or (
        _is(token, options.legal_nouns)
        and any(c.lower_ in ("legal", "judicial", "court") for c in _modifiers(token))
    )
    person = token.pos_ in ("NOUN", "PROPN") and (
        _is(token, options.legal_people)
        or (_is(token, options.legal_bodies) and any(c.lower_ == "legal" for c in token.children))
    )
    pressure = _is(token, options.pressure_targets) and token.pos_ in ("NOUN", "PROPN")
    if not (hard or person or pressure) or token.dep_ == "compound":
        return  # "the court documents", "a lawyer letter" name things, not acts
    # The verb that governs the word: "take [legal action]", "go to [court]", "[sue]".
    verb = token if token.pos_ == "VERB" else token.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or _negated(verb):
        return
    subject = _governing_subject(verb)
    announced = _future_or_intended(verb, options) or _in_ultimatum(verb)
    if person and token.dep_ in ("nsubj",) and _owned_by_first(token):
        # "our lawyer will contact you", "our attorneys are reviewing your decision", "our
        # lawyers are ready to defend our rights"
        acts = [verb, *(x for a in _children(verb, "acomp") for x in _children(a, "xcomp"))]
        if (announced or verb.tag_ == "VBG") and any(
            _is(act, options.lawyer_verbs) and (_aimed_at_amazon(act) or _lemma(act) == "defend")
            for act in acts
        ):
            yield _Found((token, *acts), _THREAT_SUGGESTION)
        return
    if person and token.dep_ == "dobj" and _is_first_person(subject) and _about_amazon(verb):
        # "we have contacted our attorney about this deactivation"
        yield _Found((verb, token), _THREAT_SUGGESTION)
        return
    if hard and announced and _aimed_at_amazon(verb):
        # "he will take legal action against the rights owner and Amazon": whoever the
        # pronoun stands for, legal action announced against Amazon is a threat.
        yield _Found((verb, token), _THREAT_SUGGESTION)
        return
    if not _writer_side(subject, options) or not announced:
        return
    if hard:
        yield _Found((verb, token), _THREAT_SUGGESTION)
    elif _is(verb, options.threat_verbs) and (pressure or _aimed_at_amazon(verb) or person):
        # "we will contact the media", "we will have our lawyer contact you"
        if person and not (_aimed_at_amazon(verb) or _lemma(verb) == "involve"):
            return
        yield _Found((verb, token), _THREAT_SUGGESTION)


#: What makes a lawyer's involvement about Amazon rather than about a trademark or a supplier.
_AMAZON_DECISIONS = frozenset({"suspension", "deactivation", "decision", "ban", "removal"})


def _about_amazon(verb: Token) -> bool:
    """ "... about this deactivation", "... regarding your decision", "... against Amazon"."""
    for prep in _clause_tokens(verb):
        for obj in _children(prep, "pobj"):
            if (
                obj.lower_ in SECOND_PERSON
                or obj.lower_ == "amazon"
                or _lemma(obj) in _AMAZON_DECISIONS
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


def _ultimatum(token: Token, options: ThreatensOptions) -> Iterator[_Found]:
    """ "If you do not reinstate our account within 48 hours, we will ..."."""
    if token.dep_ != "advcl" or not _is(token, options.reinstate_verbs):
        return
    marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in ("if", "unless")]
    if not marks:
        return
    if marks[0].lower_ == "if" and not _negated(token):
        return
    subject = _subject(token)
    amazon_subject = subject is not None and (
        subject.lower_ in SECOND_PERSON
        or subject.lower_ == "amazon"
        # "unless our account is reactivated", "if we are not reinstated", "if the listings
        # are not reinstated": Amazon is the doer
        or (
            subject.dep_ == "nsubjpass"
            and (_is_first_person(subject) or _is(subject, options.sanctioned_nouns))
        )
    )
    if not amazon_subject:
        return
    main = token.head
    main_subject = _subject(main)
    future = any(c.dep_ == "aux" and _lemma(c) in FUTURE_AUX for c in main.children)
    # "… he will file a claim": the seller's lawyer (or whoever) acting on the outcome
    legal_step = _is(main, options.lawyer_verbs) and main_subject is not None
    if future and (_is_first_person(main_subject) or legal_step):
        yield _Found((marks[0], main), _ULTIMATUM_SUGGESTION)


# --------------------------------------------------------------------------------------------
# POA205 denies-violation
# --------------------------------------------------------------------------------------------

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
    found: list[_Found] = []
    buyers_complained = _complaints_are_buyers(letter)
    for token in _denial_candidates(letter, options):
        found.extend(_denial(token, options, buyers_complained))
    yield from _to_hits(letter, _per_sentence(found))  # one finding per sentence


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
) -> Iterator[_Found]:
    if token.pos_ in ("VERB", "AUX"):
        yield from _denying_verb(token, options)
    if token.dep_ in ("nsubj", "nsubjpass") and (
        _is(token, options.complaint_nouns)
        or (_is(token, options.qualified_complaint_nouns) and _qualified(token))
    ):
        if buyers_complained and not any(c.dep_ == "poss" for c in token.children):
            return  # buyers' complaints called false: POA201 reports the blame
        yield from _rejected_complaint(token, options)
    if _is(token, options.blame_nouns) and token.pos_ == "NOUN":
        yield from _not_our_fault(token, options)
    if _is(token, options.complainant_nouns) and token.dep_ == "nsubj":
        yield from _complainant_wrong(token, options)


def _complainant_wrong(noun: Token, options: DeniesViolationOptions) -> Iterator[_Found]:
    """ "The rights owner is mistaken", "the brand is wrong about our designs": the one who
    complained called wrong is the violation denied."""
    predicate = noun.head
    if _negated(predicate) or _hypothetical(predicate) or _distanced(predicate):
        return
    for comp in _children(predicate, "acomp", "attr"):
        if _is(comp, options.rejection_words) and not _negated(comp):
            yield _Found((noun, predicate, comp), _DENIAL_SUGGESTION)
            return


def _denying_verb(verb: Token, options: DeniesViolationOptions) -> Iterator[_Found]:
    subject = _subject(verb)
    if not _is_first_person(subject) or _hypothetical(verb) or _future(verb) or _intended(verb):
        # "we will not sell used items as new again" is a promise, and "to ensure that we do
        # not violate any policy" a purpose, not a denial
        return
    assert subject is not None
    if _distanced(verb):
        # "we don't think we did anything wrong": the negation is raised to "think", and
        # "anything" shows the claim below it is still a denial
        if _lemma(verb) == "do" and any(
            o.lower_ == "anything"
            and any(_is(c, options.wrongdoing_objects) for c in [*o.children, *verb.children])
            for o in _children(verb, "dobj")
        ):
            yield _Found((subject, verb), _DENIAL_SUGGESTION)
        return
    # Quote the subject only when it belongs to this verb: in "we respect the rules and never
    # break them" the finding for "break" should not swallow the first clause.
    subject = subject if subject.head.i == verb.i else verb
    negated = _negated(verb)
    neg = [c for c in verb.children if c.dep_ == "neg" or c.lower_ == "never"]
    hedged = any(
        c.lower_ in options.hedge_adverbs
        or (c.dep_ == "prep" and any(o.lower_ in options.hedge_adverbs for o in c.children))
        for c in verb.children
    )  # "we did not knowingly violate", "did not violate it on purpose": excuses, not denials
    objects = _children(verb, "dobj")
    if negated and _rescoped(verb):
        # "we were not selling counterfeits, but we did not have permission to sell them as
        # new": the seller narrows the violation and admits what it was
        return
    # "we did not violate any policy", "we have never infringed", "our account has broken
    # no rule", "we infringed nothing"
    none = [o for o in objects if o.lower_ == "nothing" or _has_det(o, "no")]
    if _is(verb, options.violation_verbs) and (negated or none) and not hedged:
        yield _Found((subject, *neg, verb, *objects), _DENIAL_SUGGESTION)
        return
    # "we have never copied anyone's photographs", "we did not copy any of her designs"
    if _is(verb, options.copying_verbs) and negated and not hedged:
        works = [
            o
            for o in objects
            if _is(o, options.copied_works)
            and (
                any(c.lower_ not in FIRST_POSSESSIVE for c in _children(o, "poss"))
                or _has_det(o, "any")
            )
        ]
        if works:
            yield _Found((subject, *neg, verb, *works), _DENIAL_SUGGESTION)
            return
    # "we do not accept that we infringed anything", "we do not accept the finding that we
    # violated the policy": refusing the finding is denying the violation
    if _is(verb, options.refusing_verbs) and negated and _refuses_finding(verb, options):
        yield _Found((subject, *neg, verb), _DENIAL_SUGGESTION)
        return
    # "we did nothing wrong", "we have done nothing against the rules"
    if _lemma(verb) in ("do", "commit") and not negated:
        for obj in objects:
            nothing = obj.lower_ in ("nothing", "no") or any(c.lower_ == "no" for c in obj.children)
            wrong = any(
                _is(t, options.wrongdoing_objects) for t in [obj, *obj.children, *verb.children]
            )
            if nothing and wrong:
                yield _Found((subject, verb, *obj.subtree), _DENIAL_SUGGESTION)
                return
    # "we did not do anything wrong"
    if _lemma(verb) == "do" and negated:
        for obj in objects:
            if obj.lower_ == "anything" and (
                any(_is(c, options.wrongdoing_objects) for c in [*obj.children, *verb.children])
            ):
                yield _Found((subject, *neg, verb, *obj.subtree), _DENIAL_SUGGESTION)
                return
    # "we never sold counterfeit products"
    if _is(verb, options.sell_verbs) and negated and not hedged:
        for obj in objects:
            if _is(obj, options.bad_goods) or any(
                _is(m, options.bad_goods) for m in _modifiers(obj)
            ):
                yield _Found((subject, *neg, verb, obj), _DENIAL_SUGGESTION)
                return
    # "we are innocent", "we are not responsible", "we have been falsely accused"
    for comp in _children(verb, "acomp", "attr"):
        if _is(comp, options.innocence_words) and not negated:
            yield _Found((subject, verb, comp), _DENIAL_SUGGESTION)
            return
        blame = _is(comp, options.blame_nouns) or _lemma(comp) in _NOT_LIABLE
        if blame and negated and not _owned_by_other(comp):
            yield _Found((subject, verb, *neg, comp), _DENIAL_SUGGESTION)
            return
    for prep in _children(verb, "prep"):
        for pobj in _children(prep, "pobj"):
            if prep.lower_ == "at" and _is(pobj, options.blame_nouns) and negated:
                yield _Found((subject, verb, *neg, pobj), _DENIAL_SUGGESTION)  # "not at fault"
                return
    if _is(verb, options.accusation_verbs) and any(
        c.lower_ in ("falsely", "wrongly", "unfairly", "wrongfully", "unjustly")
        for c in verb.children
    ):
        yield _Found((subject, verb), _DENIAL_SUGGESTION)
        return
    # "we deny the allegation", "we reject this claim", "we categorically deny copying any
    # artwork", "we dispute that we sold fakes" (not "we denied the buyer's refund request")
    if _is(verb, options.rejecting_verbs) and not negated:
        for obj in objects:
            if _is(obj, options.complaint_nouns) or _is(obj, options.qualified_complaint_nouns):
                yield _Found((subject, verb, obj), _DENIAL_SUGGESTION)
                return
        clauses = _children(verb, "xcomp", "ccomp", "pcomp")
        gerunds = [o for o in objects if o.tag_ == "VBG" or o.pos_ == "VERB"]
        granted = any(
            _is(t, options.granted_objects) or _is(t, options.buyer_nouns)
            for t in _clause_tokens(verb)
        )
        if (clauses or gerunds) and not granted:
            yield _Found((subject, verb, *(clauses or gerunds)[:1]), _DENIAL_SUGGESTION)
            return
    # "we have always followed the rules" (not "we will always follow")
    if _is(verb, options.compliance_verbs) and not negated:
        always = [c for c in verb.children if c.lower_ in ("always", "ever")]
        fresh = any(c.lower_ in ("now", "today", "forward") for c in _clause_tokens(verb))
        rules = [t for t in verb.subtree if _is(t, options.rule_nouns) and t.pos_ == "NOUN"]
        if always and not fresh and rules and verb.tag_ != "VB":
            yield _Found((subject, *always, verb, rules[0]), _DENIAL_SUGGESTION)


def _rescoped(verb: Token) -> bool:
    """ "Not X, but Y": a denial followed, in the same sentence, by "but" and a first-person
    admission (a negated failure or an admitted mistake)."""
    for but in verb.sent:
        if but.i <= verb.i or but.dep_ != "cc" or but.lower_ != "but":
            continue
        for conj in _children(but.head, "conj"):
            if conj.i < but.i:
                continue
            subject = _subject(conj)
            admits = _negated(conj) or _lemma(conj) in ("make", "admit")
            if _is_first_person(subject) and admits:
                return True
    return False


def _future(verb: Token) -> bool:
    """The clause is about the future: "we will not", "we will always follow"."""
    current = verb
    for _ in range(4):
        if any(
            c.dep_ == "aux" and _lemma(c) in ("will", "shall", "'ll", "wo")
            for c in current.children
        ):
            return True
        if current.dep_ not in ("xcomp", "conj"):
            return False
        current = current.head
    return False


def _owned_by_other(noun: Token) -> bool:
    """ "not our fault but the carrier's" is still denial; "not the buyer's fault" is not."""
    return any(c.dep_ == "poss" and c.lower_ not in FIRST_POSSESSIVE for c in noun.children)


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
        or any(p.lower_ == "against" for p in _children(noun, "prep"))
        or any(c.lower_ not in FIRST_POSSESSIVE for c in _children(noun, "poss"))
        or any(
            _is_first_person(_subject(clause)) for clause in _children(noun, "acl", "relcl")
        )
    )


def _has_det(noun: Token, word: str) -> bool:
    return any(c.dep_ == "det" and c.lower_ == word for c in noun.children)


def _refuses_finding(verb: Token, options: DeniesViolationOptions) -> bool:
    """ "(we do not accept) that we infringed anything" or "the finding that we violated
    the policy": what is refused is a violation by the seller, in a clause of its own or
    in a finding. "We do not accept returns of opened items" refuses nothing of the kind."""

    def violation_by_us(clause: Token) -> bool:
        return _is(clause, options.violation_verbs) and _is_first_person(_subject(clause))

    if any(violation_by_us(c) for c in _children(verb, "ccomp")):
        return True
    for obj in _children(verb, "dobj"):
        if not (_is(obj, options.verdict_nouns) or _is(obj, options.complaint_nouns)):
            continue
        if _is(obj, options.verdict_nouns) and not _children(obj, "acl", "relcl"):
            continue  # "we did not accept the decision" alone may be about anything
        if any(violation_by_us(c) for c in _children(obj, "acl", "relcl")):
            return True
    return False


def _rejected_complaint(noun: Token, options: DeniesViolationOptions) -> Iterator[_Found]:
    """ "The complaint is baseless", "the claim was not valid"."""
    predicate = noun.head
    if _hypothetical(predicate) or _distanced(predicate):
        return
    buyer_owned = any(
        c.dep_ == "poss" and _is(c, options.buyer_nouns) for c in noun.children
    ) or any(
        p.lower_ in ("by", "from") and any(_is(o, options.buyer_nouns) for o in p.children)
        for p in _children(noun, "prep")
    )
    if buyer_owned:
        return  # "the buyer's claim was false" is blame: POA201 reports it
    negated = _negated(predicate)
    for comp in _children(predicate, "acomp", "attr"):
        if (not negated and _is(comp, options.rejection_words)) or (
            negated and _is(comp, options.validity_words)
        ):
            yield _Found((noun, predicate, comp), _DENIAL_SUGGESTION)
            return


def _not_our_fault(noun: Token, options: DeniesViolationOptions) -> Iterator[_Found]:
    """ "This is not our fault", "through no fault of our own"."""
    ours = _owned_by_first(noun) or any(
        p.lower_ == "of" and any(o.lower_ in FIRST_POSSESSIVE | FIRST_PERSON for o in p.subtree)
        for p in _children(noun, "prep")
    )
    if not ours:
        return
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        yield _Found((noun, *noun.children), _DENIAL_SUGGESTION)
        return
    clause = noun.head
    if noun.dep_ in ("attr", "nsubj") and _negated(clause) and not _distanced(clause):
        neg = [c for c in clause.children if c.dep_ == "neg"]
        yield _Found((clause, *neg, noun), _DENIAL_SUGGESTION)


__all__ = [
    "BlamesBuyerOptions",
    "CriticizesAmazonOptions",
    "DeniesViolationOptions",
    "ThreatensOptions",
    "UnprofessionalToneOptions",
    "blames_buyer",
    "criticizes_amazon",
    "denies_violation",
    "threatens",
    "unprofessional_tone",
]
