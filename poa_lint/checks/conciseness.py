"""Conciseness checks: a reviewer reads many letters a day and judges each one fast.

POA402 (long sentences), POA404 (reading grade) and POA405 (too short) live here; POA401
(too long) is in :mod:`poa_lint.checks.length` and POA403 (wordy phrases) is pure data in
``rules/conciseness.yaml``.

All three count words the way :attr:`Letter.words` does (no punctuation, whitespace or
symbol tokens) so the numbers in the messages agree with ``--stats``. Words inside quotes
are left out of every count: text the seller quotes from Amazon's notice is not their prose,
and a long quoted notice must neither make a sentence "too long" nor pad a thin letter past
the "too short" limit.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from ..textstat_import import import_textstat
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter
    from ..source import Paragraph

# A line that ends in one of these ends its sentence; a line that does not, inside a body
# paragraph, was hard-wrapped (e-mail text) and the sentence goes on on the next line.
_SENTENCE_END = frozenset(".!?;:。！？；：…")
#: A wrapped line runs close to the wrap width; a shorter line without a full stop is a
#: heading, a caption or a list line, and ends there.
_WRAPPED_LINE = 40
#: A line that starts like a list item or a caption starts a new sentence.
_ITEM_START = re.compile(
    r"\s*(?:[-–•*●○▪■◦‣·\uf0b7\uf0a7]|\d{1,2}[.)]|[A-Za-z][.)]\s|\[|\(?[ivxIVX]{1,4}[.)]\s)"
)


@dataclass(frozen=True)
class _Sentence:
    """A sentence as a reader sees it: spaCy sentences re-joined across hard wraps.

    ``words`` are the word tokens outside quotes; ``start``/``end`` are the character bounds
    of the sentence without surrounding whitespace.
    """

    start: int
    end: int
    words: tuple[Token, ...]
    paragraph: Paragraph | None


def _sentences(letter: Letter) -> list[_Sentence]:
    """The letter's sentences, with hard-wrapped lines glued back together (computed once per
    letter: POA402 and POA404 both read them)."""
    return letter.shared("conciseness.sentences", _glued_sentences)


def _glued_sentences(letter: Letter) -> list[_Sentence]:
    """The letter's sentences, with hard-wrapped lines glued back together.

    ``nlp.py`` makes every line break a sentence boundary, which is right for headings,
    list items and signature lines but cuts a hard-wrapped e-mail paragraph into line-sized
    pieces. Two consecutive spaCy sentences in the same paragraph are joined when the first
    one stops at a line break without final punctuation: the reader sees one sentence, and so
    must the length rule.
    """
    in_quotes = letter.in_quotes
    paragraph_of = letter.paragraph_of
    text = letter.text
    texts, offsets = letter.texts, letter.token_offsets
    all_words, word_at = letter.words, letter.word_indices
    # [start, end, words, paragraph]; extended in place so a long hard-wrapped paragraph
    # costs linear time. Bounds and words (Letter.words: not punctuation, space or symbol)
    # come from the letter's arrays, without building the sentence's tokens.
    merged: list[tuple[list[int], list[Token], Paragraph | None]] = []
    for sent in letter.sentences:
        solid = [i for i in range(sent.start, sent.end) if not texts[i].isspace()]
        if not solid:
            continue
        start = offsets[solid[0]]
        end = offsets[solid[-1]] + len(texts[solid[-1]])
        paragraph = paragraph_of(start)
        words = list(all_words[bisect_left(word_at, sent.start) : bisect_left(word_at, sent.end)])
        if letter.quotes:
            words = [t for t in words if not in_quotes(t.idx, t.idx + len(t.text))]
        if merged:
            bounds, previous_words, previous_paragraph = merged[-1]
            gap = text[bounds[1] : start]
            line_start = text.rfind("\n", 0, bounds[1]) + 1
            if (
                paragraph is not None
                and paragraph is previous_paragraph
                and ("\n" in gap or "\r" in gap)
                and text[bounds[1] - 1] not in _SENTENCE_END
                and bounds[1] - line_start >= _WRAPPED_LINE
                and not _ITEM_START.match(text, start)
                and not letter.in_data_line(start)
                and not letter.in_data_line(bounds[0])
            ):
                bounds[1] = end
                previous_words.extend(words)
                continue
        merged.append(([start, end], words, paragraph))
    return [_Sentence(b[0], b[1], tuple(w), p) for b, w, p in merged]


def _unquoted_words(letter: Letter) -> list[Token]:
    in_quotes = letter.in_quotes
    return [t for t in letter.body_words if not in_quotes(t.idx, t.idx + len(t.text))]


# ---------------------------------------------------------------------------------------------
# POA402 long-sentence
# ---------------------------------------------------------------------------------------------


#: A caption in a list of evidence: "[Attachment 2: supplier invoice INV-2291 dated …]",
#: "Exhibit B – test report …". It describes a document in as many words as it takes; the
#: reviewer scans it like a table row, not reads it as prose, so its length is no fault.
_EVIDENCE_CAPTION = re.compile(
    # No \s* before the alternatives: \s* then \W* could split a run of spaces in n ways
    # (quadratic; 2.5 s for 10,000 spaces). \W* covers the spaces of the second branch.
    r"(?:\s*\[[^\]\n]*\][.\s]*$|\W*(?:attachment|exhibit|enclosure|appendix|annex|document)"
    r"\s*(?:no\.?\s*)?(?:\d{1,3}|[a-z])?\s*[:.)–—-])",
    re.IGNORECASE,
)


class LongSentenceOptions(Options):
    """``max-words``: the longest sentence (in words) that passes."""

    max_words: int = Field(default=35, gt=0)


def long_sentence(letter: Letter, options: LongSentenceOptions) -> Iterator[Hit]:
    """POA402: a sentence longer than ``max-words`` words.

    Plain-language guides put the comfortable limit around 20-25 words and treat 35+ as
    hard going, worse for a reviewer reading a second-language writer. The hit covers the
    whole sentence so an editor shows what to split. Headings and list items count as
    sentences too (line breaks end sentences), so a run-on bullet is caught as well.
    """
    for sentence in _sentences(letter):
        count = len(sentence.words)
        if (
            count > options.max_words
            and not _EVIDENCE_CAPTION.match(letter.text, sentence.start, sentence.end)
            and not letter.in_data_line(sentence.start)  # a table row is not prose
        ):
            yield Hit(
                start=sentence.start,
                end=sentence.end,
                values={"words": count, "max_words": options.max_words},
            )


# ---------------------------------------------------------------------------------------------
# POA404 hard-to-read
# ---------------------------------------------------------------------------------------------


class HardToReadOptions(Options):
    """``max-grade``: the highest US school grade that passes; ``min-words``: below this many
    prose words the letter is not scored (readability formulas are noise on short texts)."""

    max_grade: float = Field(default=13.0, gt=0)
    min_words: int = Field(default=100, ge=1)


# Readability formulas count characters per word, so a 19-character order ID, an ASIN or a
# URL would read as a monstrously hard word. Such tokens become this neutral short word.
_NEUTRAL_WORD = "item"
# Paragraphs shorter than this are not candidates for "the hardest paragraph": one long word
# in a six-word line would win.
_MIN_PARAGRAPH_WORDS = 20
# Sentences this short (salutations, sign-offs, names) are not prose; textstat also ignores
# sentences of two words or fewer when counting, which would skew words per sentence.
_MIN_SENTENCE_WORDS = 3


def _plain_word(token: Token) -> str:
    """The token as the readability formula should see it."""
    text = token.text
    if token.like_url or token.like_email or any(ch.isdigit() for ch in text):
        return _NEUTRAL_WORD
    # 'e.g.', 'Inc.', 'U.S.': inner periods would make textstat split the sentence.
    stripped = "".join(ch for ch in text if ch not in ".!?")
    return stripped or _NEUTRAL_WORD


def _formula_text(sentences: Sequence[_Sentence]) -> str:
    """One line per sentence, each ended by exactly one period: textstat's own sentence
    splitter (any '.', '!' or '?') then agrees with ours, which knows about line breaks,
    decimals ('2.3%') and abbreviations."""
    return " ".join(" ".join(_plain_word(t) for t in s.words) + "." for s in sentences)


def reading_grade(text: str) -> float | None:
    """US grade level of ``text``: the mean of Coleman-Liau and the Automated Readability
    Index, or None when it cannot be computed.

    Why these two and not Flesch-Kincaid: both are character-based, so they need no syllable
    dictionary. textstat's Flesch-Kincaid looks syllables up in NLTK's cmudict and, when it
    is missing, tries to *download* it on every call; a linter must not touch the network.
    Averaging two formulas damps the quirks of each (CLI overrates long words, ARI long
    sentences). Any failure inside textstat yields None: a readability score is advice and
    must never make ``lint()`` crash.
    """
    if not any(ch.isalpha() for ch in text):
        return None
    try:
        textstat = import_textstat()
        cli = float(textstat.coleman_liau_index(text))
        ari = float(textstat.automated_readability_index(text))
    except Exception:  # textstat is third-party advice; never let it break a lint run
        return None
    grade = (cli + ari) / 2
    return grade if math.isfinite(grade) else None


def _is_prose(sentence: _Sentence) -> bool:
    kind = sentence.paragraph.kind if sentence.paragraph is not None else "body"
    return kind in ("body", "list_item") and len(sentence.words) >= _MIN_SENTENCE_WORDS


def hard_to_read(letter: Letter, options: HardToReadOptions) -> Iterator[Hit]:
    """POA404: the letter's prose reads above ``max-grade``.

    Scored on body paragraphs and list items (headings and table cells are not prose;
    quotes are Amazon's words). The finding points at the hardest paragraph of at least 20
    words, where rewriting pays off most; when no paragraph is that long, at the first prose
    sentence.
    """
    prose = [s for s in _sentences(letter) if _is_prose(s)]
    if sum(len(s.words) for s in prose) < options.min_words:
        return
    grade = reading_grade(_formula_text(prose))
    if grade is None or grade <= options.max_grade:
        return
    start, end = prose[0].start, prose[0].end
    by_paragraph: dict[int, list[_Sentence]] = {}
    for sentence in prose:
        key = sentence.paragraph.start if sentence.paragraph is not None else sentence.start
        by_paragraph.setdefault(key, []).append(sentence)
    hardest: float | None = None
    for group in by_paragraph.values():
        if sum(len(s.words) for s in group) < _MIN_PARAGRAPH_WORDS:
            continue
        paragraph_grade = reading_grade(_formula_text(group))
        if paragraph_grade is not None and (hardest is None or paragraph_grade > hardest):
            hardest = paragraph_grade
            start, end = group[0].start, group[-1].end
    yield Hit(
        start=start,
        end=end,
        values={"grade": f"{grade:.1f}", "max_grade": f"{options.max_grade:g}"},
    )


# ---------------------------------------------------------------------------------------------
# POA405 too-short
# ---------------------------------------------------------------------------------------------


class TooShortOptions(Options):
    """``min-words``: the fewest words (outside quotes) a convincing letter needs."""

    min_words: int = Field(default=120, gt=0)


def too_short(letter: Letter, options: TooShortOptions) -> Iterator[Hit]:
    """POA405: fewer than ``min-words`` words.

    A root cause, the corrective actions already taken and the preventive measures, each
    concrete (who, what, when), do not fit in a few lines; a thin letter reads as a
    template or as not taking the problem seriously. The finding spans the first line so it
    has a place in the file; the problem is the whole letter.
    """
    count = len(_unquoted_words(letter))
    if count >= options.min_words:
        return
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = start
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    end = start + len(text[start:end].rstrip())
    yield Hit(start=start, end=end, values={"words": count, "min_words": options.min_words})
