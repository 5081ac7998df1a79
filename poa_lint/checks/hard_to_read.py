"""POA404 hard-to-read: the letter's reading grade is above the limit.

Readability formulas (textstat, imported only when this rule scores a letter) run on the
letter's prose: the sentences of :mod:`poa_lint.checks._reader_sentences`, words outside
quotes, order IDs and URLs replaced by a neutral short word.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from ..textstat_import import import_textstat
from ._reader_sentences import Sentence, reader_sentences
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


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
    """The token as the readability formula should see it. It depends on the word alone
    (its text and the lexical flags of its text), and letters repeat words: each word is
    worked out once per process (remembered for up to :data:`_MAX_PLAIN` words)."""
    text = token.text
    plain = _PLAIN.get(text)
    if plain is None:
        if token.like_url or token.like_email or any(ch.isdigit() for ch in text):
            plain = _NEUTRAL_WORD
        else:
            # 'e.g.', 'Inc.', 'U.S.': inner periods would make textstat split the sentence.
            plain = "".join(ch for ch in text if ch not in ".!?") or _NEUTRAL_WORD
        if len(_PLAIN) >= _MAX_PLAIN:
            _PLAIN.clear()
        _PLAIN[text] = plain
    return plain


_PLAIN: dict[str, str] = {}
_MAX_PLAIN = 50_000


def _formula_text(sentences: Sequence[Sentence]) -> str:
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


def _is_prose(sentence: Sentence) -> bool:
    kind = sentence.paragraph.kind if sentence.paragraph is not None else "body"
    return kind in ("body", "list_item") and len(sentence.words) >= _MIN_SENTENCE_WORDS


def hard_to_read(letter: Letter, options: HardToReadOptions) -> Iterator[Hit]:
    """POA404: the letter's prose reads above ``max-grade``.

    Scored on body paragraphs and list items (headings and table cells are not prose;
    quotes are Amazon's words). The finding points at the hardest paragraph of at least 20
    words, where rewriting pays off most; when no paragraph is that long, at the first prose
    sentence.
    """
    prose = [s for s in reader_sentences(letter) if _is_prose(s)]
    if sum(len(s.words) for s in prose) < options.min_words:
        return
    grade = reading_grade(_formula_text(prose))
    if grade is None or grade <= options.max_grade:
        return
    start, end = prose[0].start, prose[0].end
    by_paragraph: dict[int, list[Sentence]] = {}
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
