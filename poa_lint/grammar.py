"""The clause-level questions every check asks of the parse, answered once.

Who is the subject of a clause, and is it the seller? Is the clause negated? Is it done,
ongoing or promised (tense, modality)? Is it hypothetical, a purpose, or a belief a higher
clause disowns? Which clause does a token belong to? The rules in :mod:`poa_lint.checks`
ask these questions here rather than walking dependency trees themselves, so that a change
to how English is read is made once, and each answer has examples run against the real
model (``tests/test_grammar.py``).

Some questions have two answers on purpose, because rules that have been tuned on the corpus
ask them differently and their findings must not move: :func:`subject_of` follows relative
clauses, participles and shared subjects (the tone rules), :func:`nominal_subject` only
nominal subjects through conjuncts, complements and adverbial clauses (the relevance rules);
:func:`is_negated` reads only a negation of the token's own (not a "not" after a noun), while
:func:`has_negator_child` counts any "not", "never" or "n't" below it. Each says which.

Grammar words (pronouns, negators, modals) are part of English rather than of the rules, so
they are constants here; the rules' vocabularies live in ``rules/*.yaml``. This module sits
in the letter/grammar layer: it reads spaCy tokens and imports nothing from the checks, the
engine or the interfaces above them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


# --------------------------------------------------------------------------------------------
# Closed classes of English: grammar words, not tunable vocabulary (that lives in rules/*.yaml).
# --------------------------------------------------------------------------------------------

#: Pronouns that make a subject "the seller". spaCy lemmatises "us" to "we".
FIRST_PERSON = frozenset({"i", "we", "us", "me", "myself", "ourselves"})

#: Possessives that make a noun the seller's ("our company", "my team").
FIRST_POSSESSIVE = frozenset({"our", "my", "ours", "mine"})

#: Pronouns that address the reader, who is Amazon in a POA ("you", "your team").
SECOND_PERSON = frozenset({"you", "yourself", "yourselves"})
SECOND_POSSESSIVE = frozenset({"your", "yours"})

#: Nouns that stand for the seller when owned by "our"/"my" ("our company did not violate").
SELF_NOUNS = frozenset(
    {"company", "store", "shop", "team", "business", "staff", "brand", "account", "firm",
     "seller", "side", "employee", "warehouse", "management"}
)  # fmt: skip

#: Relative pronouns: in "customers who abuse returns" the subject of "abuse" is "customers".
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

#: Pronouns that repeat the noun before them ("the customer he opened a claim").
RESUMPTIVE_PRONOUNS = frozenset({"they", "he", "she"})

#: Auxiliaries that put a clause in the future or the conditional ("wo" is the "wo" of "won't").
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo", "must", "may", "might"})

#: Every modal auxiliary: with one the clause is possible, promised or owed, not done.
MODALS = frozenset({"will", "shall", "would", "could", "can", "may", "might", "must", "should"})

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

#: Verbs that report someone's words: "the buyer said it would not happen again".
SPEECH_VERBS = frozenset({"say", "tell", "claim", "write", "report", "complain", "answer"})

#: Heads of a purpose: "to ensure that we do not violate", "make sure we never …".
PURPOSE_HEADS = frozenset({"ensure", "guarantee", "sure", "certain", "assure", "prevent"})


# --------------------------------------------------------------------------------------------
# Words and their dependents.
# --------------------------------------------------------------------------------------------


def lemma_of(token: Token) -> str:
    """The token's lemma in lower case (the model keeps capitals on some lemmas)."""
    return token.lemma_.lower()


def is_one_of(token: Token, words: frozenset[str]) -> bool:
    """Lemma or surface form in ``words`` (the small model's lemmas are not always right:
    "media" becomes "medium", capitalised words keep their case)."""
    return lemma_of(token) in words or token.lower_ in words


def dependents(token: Token, *deps: str) -> list[Token]:
    """The token's children with one of the dependency labels ``deps``, in text order."""
    return [c for c in token.children if c.dep_ in deps]


def objects_of(verb: Token) -> list[Token]:
    """Nouns a predicate acts on or is: direct objects, attributes, prepositional objects."""
    result = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp", "dative"):
            result.append(child)
        elif child.dep_ in ("prep", "agent"):
            result.extend(dependents(child, "pobj"))
    return result


def modifiers_of(noun: Token) -> list[Token]:
    """Words that qualify a noun: "*false* claim", "*return* abuse", "*so-called* expert"."""
    return [c for c in noun.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]


def has_determiner(noun: Token, word: str) -> bool:
    """The noun is introduced by ``word`` ("*no* fault", "*this* claim")."""
    return any(c.dep_ == "det" and c.lower_ == word for c in noun.children)


# --------------------------------------------------------------------------------------------
# Which clause: the heads above a token, a predicate's chain, a clause's own tokens.
# --------------------------------------------------------------------------------------------


def heads_above(token: Token) -> Iterator[Token]:
    """Heads above ``token`` up to the sentence root."""
    current = token
    for _ in range(30):
        if current.head.i == current.i:
            return
        current = current.head
        yield current


def clause_verb(token: Token) -> Token:
    """The nearest verb (or the root) above a token."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head


def predicate_chain(verb: Token) -> list[Token]:
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
                and not dependents(child, "nsubj", "nsubjpass", "expl")
            ):
                chain.append(child)
    return chain


def clause_tokens(verb: Token) -> Iterator[Token]:
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


# --------------------------------------------------------------------------------------------
# Who: the subject of a clause, and whether it is the seller.
# --------------------------------------------------------------------------------------------


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


def is_first_person(token: Token | None) -> bool:
    """ "we", "I", "us", or a self noun owned by the writer ("our company", "my team")."""
    if token is None:
        return False
    if token.lower_ in FIRST_PERSON or lemma_of(token) in FIRST_PERSON:
        return True
    return lemma_of(token) in SELF_NOUNS and owned_by_first(token)


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


# --------------------------------------------------------------------------------------------
# Negation.
# --------------------------------------------------------------------------------------------


def is_negated(token: Token) -> bool:
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


def has_negator_child(token: Token) -> bool:
    """Any "not", "never" or "n't" (or ``neg``) below the token, before or after it.

    Looser than :func:`is_negated`, which ignores a "not" after a noun ("the customer, not
    us"): the relevance rules (POA502, POA703) were tuned on this reading.
    """
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in token.children)


# --------------------------------------------------------------------------------------------
# Done, ongoing or promised: tense and modality.
# --------------------------------------------------------------------------------------------


def about_future(verb: Token) -> bool:
    """The clause is about the future: "we will not", "we will always follow" (a will/shall
    auxiliary on it or on the clause it shares a subject with; unlike :data:`FUTURE_AUX`, not
    the conditional "would" or the modals of obligation)."""
    current = verb
    for _ in range(4):
        if any(
            c.dep_ == "aux" and lemma_of(c) in ("will", "shall", "'ll", "wo")
            for c in current.children
        ):
            return True
        if current.dep_ not in ("xcomp", "conj"):
            return False
        current = current.head
    return False


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


def should_have(verb: Token) -> bool:
    """ "The customer should have read the manual": a reproach, like "did not read"."""
    auxes = [lemma_of(c) for c in verb.children if c.dep_ == "aux"]
    return ("should" in auxes or "ought" in auxes) and "have" in auxes


# --------------------------------------------------------------------------------------------
# Hypothetical, purpose, reported or distanced: clauses the writer does not assert.
# --------------------------------------------------------------------------------------------


def hypothetical(predicate: Token) -> bool:
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


def states_purpose(predicate: Token) -> bool:
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
        if lemma_of(current) in PURPOSE_HEADS:
            return True
    return False


def purpose_infinitive(verb: Token) -> bool:
    """ "(reported us) only to get", "(returned it) to get": an infinitive of purpose."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and lemma_of(verb.head) not in ("want", "need", "have", "ask", "like", "try")
    )


def in_purpose_clause(token: Token) -> bool:
    """The token stands in an adverbial or adjectival *to*-infinitive ("in order to end the
    cooperation thoroughly, we asked ..."), below it up to the sentence root: it qualifies
    an aim, not the act the sentence reports."""
    for above in [token, *token.ancestors]:
        if above.dep_ in ("advcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in above.children
        ):
            return True
        if above.dep_ == "ROOT":
            return False
    return False


def distanced(predicate: Token) -> bool:
    """True when a higher clause disowns this one.

    "We do not think the buyer lied", "we never said your decision was unfair", "we wrongly
    assumed the buyer had lied": the accusation is mentioned, not made.
    """
    for above in heads_above(predicate):
        if lemma_of(above) in REPORTING_VERBS and (
            is_negated(above) or any(c.lower_ in DISOWNING_ADVERBS for c in above.children)
        ):
            return True
        if lemma_of(above) in ("instead", "rather"):
            return True
    # "instead of blaming the buyer, we ..." / "rather than saying ..."
    left = predicate.doc[max(predicate.sent.start, predicate.i - 3) : predicate.i]
    return any(t.lower_ in ("instead", "rather") for t in left)


def reported_by_other(token: Token) -> bool:
    """The token stands in words someone else is reported to have said: "the buyer said it
    would not happen again" (the nearest verb of saying above it has a subject other than
    "we" or "I"). "We told the team to check every order" is the seller's own voice."""
    for above in token.ancestors:
        if above.lemma_.lower() in SPEECH_VERBS:
            subjects = [c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")]
            return bool(subjects) and subjects[0].lower_ not in ("we", "i")
    return False
