"""Words and their dependents: the closed classes of English and a token's children.

Grammar words (pronouns, negators, modals, subordinators) are part of English rather than of
the rules, so they are constants here; the rules' tunable vocabularies live in
``rules/*.yaml``. The functions read a token's lemma and the dependents that qualify it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


# Closed classes of English: grammar words, not tunable vocabulary (that lives in rules/*.yaml).

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

#: Possessives and pronouns that make a subject the seller's in the structure analysis
#: (:func:`~poa_lint.grammar.subjects.is_seller_or_staff`), read on the surface form.
SELLER_WORDS = frozenset({"we", "i", "us", "our", "my"})

#: In a plan of action, "the team", "our packer" and "the inspector" are the seller's people.
STAFF_NOUNS = frozenset(
    {"team", "staff", "company", "store", "warehouse", "employee", "manager", "department",
     "packer", "operator", "operations", "shop", "lead", "leader", "supervisor", "inspector",
     "clerk", "agent", "specialist", "officer", "worker", "owner", "member", "person",
     "colleague", "assistant", "coordinator", "designer", "lister", "writer", "editor",
     "bookkeeper", "accountant", "picker"}
)  # fmt: skip

#: Relative pronouns: in "customers who abuse returns" the subject of "abuse" is "customers".
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

#: Pronouns that repeat the noun before them ("the customer he opened a claim").
RESUMPTIVE_PRONOUNS = frozenset({"they", "he", "she"})

#: Auxiliaries that put a clause in the future or the conditional ("wo" is the "wo" of "won't").
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo", "must", "may", "might"})

#: The auxiliaries of a promise: "we will", "we shall", "we'll", "we won't". Narrower than
#: :data:`FUTURE_AUX`: not the conditional "would" or the modals of obligation and chance.
WILL_AUX = frozenset({"will", "shall", "'ll", "wo"})

#: Verbs that promise what their complement says: "we plan to", "we are going to".
PLAN_VERBS = frozenset({"plan", "intend", "aim", "commit", "promise", "going"})

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


# Words and their dependents.


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


def object_lemmas(verb: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object (or passive subject) and their modifiers.

    Unlike :func:`objects_of`, which returns the nouns a predicate acts on or is (attributes,
    adjectival complements, the object of its agent) for the tone rules, this reads the
    passive subject as the thing acted on and adds the object's compounds and adjectives
    ("daily *stock* check"): the structure analysis matches these lemmas against its word
    lists ("process nouns", "acknowledged objects") to tell a new process from a fix.
    """
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
