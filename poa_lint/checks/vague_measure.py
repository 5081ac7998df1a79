"""POA301 vague-measure: actions must be concrete.

"We will strengthen management" tells a reviewer nothing; "a second packer checks every
glass order before pickup, from 18 March" tells them who does what and when. The check reads
the action items (:func:`~poa_lint.checks._action_items.action_items`) and asks
:mod:`poa_lint.grammar` whether a vague word qualifies an aim or words someone else said.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ..grammar import in_purpose_clause, reported_by_other
from ..texts import N_
from ..timeframes import has_timeframe
from ._action_items import action_items
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter
    from ..sections import Item


class VagueOptions(Options):
    """The vague words, as lemmas, so a consultancy can add its own pet phrases."""

    vague_words: tuple[str, ...] = Field(
        default=(
            "improve",
            "strengthen",
            "enhance",
            "optimize",
            "optimise",
            "better",
            "strive",
            "endeavor",
            "endeavour",
            "attention",
            "careful",
            "tighten",
            "intensify",
            "reinforce",
            "harder",
            # effort and manner words with nothing checkable after them: "thoroughly review
            # all policies", "strictly abide by", "constantly monitor", "update accordingly"
            "thorough",
            "thoroughly",
            "strictly",
            "constantly",
            "accordingly",
            "significantly",
            "proactive",
            "proactively",
            "upgrade",
            "revamp",
            "abide",
            "regularly",
            "closely",
        )
    )


_MEANS = re.compile(
    r"\b(?:by\s+\w+ing|using|through|via|with\s+(?:a|an|the|our|new|two|double)\b|such as|"
    r"including|for example|e\.g\.|so that\s+\w+\s+(?:checks?|scans?|reviews?)|"
    r"which\s+(?:checks?|means))",
    re.IGNORECASE,
)


_DO_BETTER = re.compile(
    r"\b(?:do|work|perform)\s+(?:much\s+|even\s+)?(?:better|harder)\b|\btry\s+(?:our|my)\s+(?:very\s+)?best\b|"
    r"\bpay\s+(?:more\s+|much\s+more\s+|closer\s+|extra\s+)?attention\b|\bbe\s+(?:more\s+|extra\s+|very\s+)?careful\b|"
    r"\bmake\s+sure\s+(?:this|it|that this|that it)\s+(?:will\s+)?never\s+happens?\s+again\b|"
    r"\bdo\s+(?:our|my)\s+best\b|"
    r"\bkeep\s+(?:a\s+)?(?:much\s+)?(?:closer|close|better|careful)\s+eye\b|"
    r"\btake\s+(?:more|better|extra|greater)\s+care\b|\bbe\s+(?:more\s+|extra\s+)?(?:vigilant|cautious)\b",
    re.IGNORECASE,
)


# Promises with no measure in them at all: an outcome ("this will not happen again"), more of
# the same ("we will keep doing the same"), or a bargain ("if you give us a chance, we will
# …"). They are vague wherever they stand, even in a closing paragraph.
_EMPTY_PROMISE = re.compile(
    r"\b(?:this|it|that|such\s+(?:a\s+)?(?:thing|mistake|problem|issue)s?|the\s+same\s+"
    r"(?:mistake|problem|issue)|(?:this|the)\s+(?:mistake|problem|issue|situation))\s+"
    r"(?:will|would|shall|is\s+going\s+to)\s+(?:not|never)\s+(?:\w+\s+)?(?:happen|occur|"
    r"repeat|be\s+repeated)\b|\b(?:this|it)\s+won['’]t\s+happen\b|"
    r"\b(?:keep|continue)\s+(?:doing|to\s+do)\s+(?:the\s+same|(?:our|my)\s+best|well)\b|"
    r"\bif\s+you\s+(?:could\s+|can\s+|will\s+|would\s+)?give\s+(?:us|me)\s+"
    r"(?:a|another|one\s+more|the)\s+(?:\w+\s+)?chance\b[^.!?\n]*|"
    # "we will make sure this does not happen again": the outcome promised, no measure
    r"\b(?:make\s+sure|ensure)\s+(?:that\s+)?(?:this|it|the\s+same\s+\w+)\s+"
    r"(?:does\s+not|doesn['’]t|will\s+not|won['’]t|never|cannot|can['’]t)\s+"
    r"(?:\w+\s+)?(?:happen|occur|repeat)\w*(?:\s+again)?\b|"
    # "in future we will be more careful", "we will pay more attention": effort, no step
    r"\b(?:we|i)\s+(?:will|shall|promise\s+to|are\s+going\s+to)\s+"
    r"(?:be\s+(?:much\s+|even\s+|extra\s+)?more\s+careful|pay\s+(?:more|closer|extra)\s+"
    r"attention|try\s+(?:our|my)\s+best|do\s+(?:our|my)\s+best|do\s+better|work\s+harder)\b",
    re.IGNORECASE,
)


def _negates_a_root(letter: Letter, start: int, end: int) -> bool:
    """A negation hangs on a clause root among tokens ``start``..``end``."""
    found = letter.shared("vague_measure.negated_roots", _negated_roots)
    first = bisect_left(found, start)
    return first < len(found) and found[first] < end


def _negated_roots(letter: Letter) -> list[int]:
    """The negations whose head is a root, by index (read from the Doc's arrays once: every
    sentence of every action item asks)."""
    from spacy.attrs import DEP

    doc = letter.doc
    if not len(doc):
        return []
    strings = doc.vocab.strings
    neg, root = strings["neg"], strings["ROOT"]
    deps = doc.to_array(DEP).tolist()
    heads = letter.heads
    return [i for i, dep in enumerate(deps) if dep == neg and deps[heads[i]] == root]


def _sentences_of(letter: Letter, item: Item) -> list[Span]:
    return list(letter.sentences_overlapping(item.start, item.end))


def _concrete(sentence: Span, text: str) -> bool:
    """Something a reviewer could verify: a number, a time frame, a means ("by switching to
    double-wall boxes"), a list of specifics, or a named thing."""
    if any(t.like_num for t in sentence) or has_timeframe(text, sentence):
        return True
    return bool(_MEANS.search(text)) or ":" in text.rstrip(":")


def _vague_words(sentence: Span, options: VagueOptions) -> list[Token]:
    """Vague words of the sentence's own action; one inside a purpose ("in order to end the
    cooperation thoroughly, we asked staff to delete the contacts") qualifies the aim, not
    the measure."""
    vague = set(options.vague_words)
    return [
        t
        for t in sentence
        if t.pos_ in ("VERB", "ADJ", "ADV", "NOUN")
        and t.lemma_.lower() in vague
        and not in_purpose_clause(t)
    ]


def _vague_phrase(token: Token) -> tuple[int, int]:
    """The words to quote for a vague word: a verb with its object ("strengthen the
    management"), an adjective with its noun ("thorough review process"), an adverb with its
    verb ("constantly monitor")."""
    head_pos = {"ADJ": ("NOUN",), "ADV": ("VERB", "AUX")}.get(token.pos_, ())
    if token.head.pos_ in head_pos:
        first, last = min(token.i, token.head.i), max(token.i, token.head.i)
    else:
        phrase = [token, *(c for c in token.children if c.dep_ in ("dobj", "prt"))]
        end = max(phrase, key=lambda t: t.i)
        end = max(end.subtree, key=lambda t: t.i) if end != token else end
        first, last = token.i, end.i
    doc = token.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _reported(letter: Letter, offset: int) -> bool:
    """The words are someone else's, reported: "the buyer said it would not happen again"."""
    span = letter.span(offset, offset + 1)
    return span is not None and reported_by_other(span[0])


_VAGUE_SUGGESTION = N_(
    "Say exactly what changes, who does it and when, e.g. 'a second packer checks every "
    "glass order against the packing list before pickup'."
)


def vague_measure(letter: Letter, options: VagueOptions) -> Iterator[Hit]:
    """POA301: an action with no concrete how or what, or a promise with no action in it.

    Each vague phrase of a sentence is reported ("we will pay more attention to sourcing and
    strengthen the management"): the seller has to replace each with a concrete step.
    """
    spans: list[tuple[int, int]] = []
    for item in action_items(letter):
        if item.role == "cause":
            continue
        for sentence in _sentences_of(letter, item):
            # Clip to the item: an inline label ("Preventive measures: …") is not a detail.
            clip_start = max(sentence.start_char, item.start)
            clip_end = min(sentence.end_char, item.end)
            text = letter.text[clip_start:clip_end]
            # The list marker ("2.") is no detail either.
            sentence = letter.span(clip_start, clip_end) or sentence
            if _negates_a_root(letter, sentence.start, sentence.end):
                continue  # a negated promise ("we will not just try harder") is no measure
            if _concrete(sentence, text):
                continue
            for match in _DO_BETTER.finditer(text):
                spans.append((clip_start + match.start(), clip_start + match.end()))
            for token in _vague_words(sentence, options):
                spans.append(_vague_phrase(token))
    for match in _EMPTY_PROMISE.finditer(letter.text):
        if not letter.in_body(match.start()) or letter.in_quotes(match.start(), match.end()):
            continue
        if not _reported(letter, match.start()):
            spans.append((match.start(), match.end()))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue  # "pay more attention" matched as a phrase and through "attention"
        kept.append((start, end))
    for start, end in kept:
        yield Hit(
            start=start,
            end=end,
            values={"match": letter.text[start:end]},
            suggestion=_VAGUE_SUGGESTION,
        )
