"""The clause-level questions every check asks of the parse, answered once.

Who is the subject of a clause, and is it the seller? Is the clause negated? Is it done,
ongoing or promised (tense, modality)? Is it hypothetical, a purpose, or a belief a higher
clause disowns? Which clause does a token belong to, and which verbs carry an item's action?
The rules in :mod:`poa_lint.checks` and the structure analysis in :mod:`poa_lint.sections`
ask these questions here rather than walking dependency trees themselves, so that a change
to how English is read is made once, and each answer has examples run against the real
model (``tests/test_grammar.py``).

One module per kind of question: :mod:`.words` (the closed classes of English and a
token's dependents), :mod:`.clauses` (which clause), :mod:`.subjects` (who),
:mod:`.tense` (done, ongoing or promised), :mod:`.assertion` (negated, hypothetical,
purpose, distanced, reported) and :mod:`.actions` (the verbs that carry an item's action).
Every name is importable from here: ``from poa_lint.grammar import subject_of``.

Some questions have two answers on purpose, because callers that have been tuned on the
corpus ask them differently and their findings must not move: :func:`subject_of`,
:func:`nominal_subject` and :func:`subjects_of`; :func:`is_first_person` and
:func:`is_seller_or_staff`; :func:`is_negated` and :func:`has_negator_child`;
:func:`finite` and :func:`is_tensed`; :func:`objects_of` and :func:`object_lemmas`;
:data:`FUTURE_AUX` and :data:`WILL_AUX`. Each says which callers want it.

Grammar words (pronouns, negators, modals) are part of English rather than of the rules, so
they are constants here; the rules' vocabularies live in ``rules/*.yaml`` (a caller passes
one in where a question needs it, as :func:`lead_verb_of` takes the discourse verbs). This
package sits in the letter/grammar layer: it reads spaCy tokens and imports nothing from
the letter, the structure analysis, the checks, the engine or the interfaces above them.
"""

from __future__ import annotations

from .actions import (
    foreign_agent,
    is_passive,
    lead_verb_of,
    main_verbs,
)
from .assertion import (
    distanced,
    has_negator_child,
    hypothetical,
    in_purpose_clause,
    is_negated,
    negators_of,
    purpose_infinitive,
    reported_by_other,
    states_purpose,
)
from .clauses import (
    clause_tokens,
    clause_verb,
    heads_above,
    predicate_chain,
)
from .subjects import (
    cause_is_ours,
    governing_subject,
    is_first_person,
    is_seller_or_staff,
    nominal_subject,
    owned_by_first,
    owned_by_other,
    resumes_noun,
    subject_of,
    subjects_of,
)
from .tense import (
    Tense,
    about_future,
    finite,
    has_auxiliary,
    has_modal,
    is_tensed,
    should_have,
    verb_tense,
)
from .words import (
    CAUSAL_MARKS,
    DISOWNING_ADVERBS,
    FIRST_PERSON,
    FIRST_POSSESSIVE,
    FUTURE_AUX,
    HYPOTHETICAL_MARKS,
    MODALS,
    PLAN_VERBS,
    PURPOSE_HEADS,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    RESUMPTIVE_PRONOUNS,
    SECOND_PERSON,
    SECOND_POSSESSIVE,
    SELF_NOUNS,
    SELLER_WORDS,
    SPEECH_VERBS,
    STAFF_NOUNS,
    WILL_AUX,
    dependents,
    has_determiner,
    is_one_of,
    lemma_of,
    modifiers_of,
    object_lemmas,
    objects_of,
)

__all__ = [
    "CAUSAL_MARKS",
    "DISOWNING_ADVERBS",
    "FIRST_PERSON",
    "FIRST_POSSESSIVE",
    "FUTURE_AUX",
    "HYPOTHETICAL_MARKS",
    "MODALS",
    "PLAN_VERBS",
    "PURPOSE_HEADS",
    "RELATIVE_PRONOUNS",
    "REPORTING_VERBS",
    "RESUMPTIVE_PRONOUNS",
    "SECOND_PERSON",
    "SECOND_POSSESSIVE",
    "SELF_NOUNS",
    "SELLER_WORDS",
    "SPEECH_VERBS",
    "STAFF_NOUNS",
    "WILL_AUX",
    "Tense",
    "about_future",
    "cause_is_ours",
    "clause_tokens",
    "clause_verb",
    "dependents",
    "distanced",
    "finite",
    "foreign_agent",
    "governing_subject",
    "has_auxiliary",
    "has_determiner",
    "has_modal",
    "has_negator_child",
    "heads_above",
    "hypothetical",
    "in_purpose_clause",
    "is_first_person",
    "is_negated",
    "is_one_of",
    "is_passive",
    "is_seller_or_staff",
    "is_tensed",
    "lead_verb_of",
    "lemma_of",
    "main_verbs",
    "modifiers_of",
    "negators_of",
    "nominal_subject",
    "object_lemmas",
    "objects_of",
    "owned_by_first",
    "owned_by_other",
    "predicate_chain",
    "purpose_infinitive",
    "reported_by_other",
    "resumes_noun",
    "should_have",
    "states_purpose",
    "subject_of",
    "subjects_of",
    "verb_tense",
]
