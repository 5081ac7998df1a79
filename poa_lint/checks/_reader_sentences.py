"""The sentences a reader sees, which POA402 (long-sentence) and POA404 (hard-to-read) read.

spaCy's sentences are re-joined across hard-wrapped lines, computed once per letter and
shared through :meth:`Letter.shared`. Words are counted the way :attr:`Letter.words` does
(no punctuation, whitespace or symbol tokens) so the numbers in the messages agree with
``--stats``; words inside quotes are left out, because text the seller quotes from Amazon's
notice is not their prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
class Sentence:
    """A sentence as a reader sees it: spaCy sentences re-joined across hard wraps.

    ``words`` are the word tokens outside quotes; ``start``/``end`` are the character bounds
    of the sentence without surrounding whitespace.
    """

    start: int
    end: int
    words: tuple[Token, ...]
    paragraph: Paragraph | None


def reader_sentences(letter: Letter) -> list[Sentence]:
    """The letter's sentences, with hard-wrapped lines glued back together (computed once per
    letter: POA402 and POA404 both read them)."""
    return letter.shared("conciseness.sentences", _glued_sentences)


def _glued_sentences(letter: Letter) -> list[Sentence]:
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
    return [Sentence(b[0], b[1], tuple(w), p) for b, w, p in merged]
