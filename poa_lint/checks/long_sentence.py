"""POA402 long-sentence: a reviewer reads many letters a day and judges each one fast.

A sentence over the word limit is hard to follow at that pace. Words are counted as in
:mod:`poa_lint.checks._reader_sentences` (outside quotes: a long quoted notice must not
make a sentence "too long"), and a caption in a list of evidence is scanned like a table
row, not read as prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ._reader_sentences import reader_sentences
from .base import Hit, Options

if TYPE_CHECKING:
    from ..letter import Letter


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
    for sentence in reader_sentences(letter):
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
