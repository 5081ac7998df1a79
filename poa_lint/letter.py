"""Letter: the one parsed view of a draft that every check reads.

Parse once: this is the only module that turns text into a spaCy ``Doc``. Checks receive a
:class:`Letter` and never call spaCy themselves, so adding a rule never adds a parse.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from .source import Paragraph, SourceText

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from .envelope import Envelope
    from .notice import Notice
    from .reasons import Reason

T = TypeVar("T")

# spaCy's Language objects are not documented as safe for concurrent calls; one lock keeps
# lint() deterministic when a host application calls it from several threads.
_parse_lock = threading.Lock()

# Double quotes of every common kind, matched within a single paragraph (a stray quote must
# not swallow the rest of the letter).
_QUOTE_PAIRS = re.compile(
    r"\"[^\"\n\r]{1,1500}\"|“[^”\n\r]{1,1500}”|«[^»\n\r]{1,1500}»|「[^」\n\r]{1,1500}」"
)
_BLOCKQUOTE_LINE = re.compile(r"^[ \t]*>[^\n\r]*", re.MULTILINE)

# A line of data rather than prose: a table row, tab- or space-aligned columns, or a line
# that carries an order ID, an ASIN or a tracking number. Capitals there are statuses and
# codes, not shouting; such a line is not a sentence to time-frame or to count words of.
_TABLE_ROW = re.compile(r"\|.*\||\t\S.*\t|\S {3,}\S.* {3,}\S")
_DATA_CODE = re.compile(
    r"\b\d{3}-\d{7}-\d{7}\b|\bB0[A-Z0-9]{8}\b|\b1Z[0-9A-Z]{16}\b|\b[A-Z]{2}\d{9}[A-Z]{2}\b|"
    r"\b[A-Z]{2,4}\d{8,22}\b"
)
_DATA_LINE_WORDS = 14


def find_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of quoted text: "…", “…”, «…» and markdown '>' block quotes.

    Quoted text is usually the seller citing Amazon's notice; rules about the seller's voice
    (blame, denial, tone) skip it.
    """
    spans = [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(text)]
    spans += [(m.start(), m.end()) for m in _BLOCKQUOTE_LINE.finditer(text)]
    return tuple(sorted(spans))


@dataclass
class Letter:
    """A parsed letter plus what the run knows about it (reason, notice)."""

    source: SourceText
    doc: Doc
    reason: Reason | None = None
    # Where the reason came from: "option" (the user), "notice" (Amazon) or "detected" (the
    # letter's own words). A detected reason cannot be "not addressed" (POA501).
    reason_source: str | None = None
    notice: Notice | None = None
    quotes: tuple[tuple[int, int], ...] = field(default=())
    _shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, name: str, compute: Callable[[Letter], T]) -> T:
        """An analysis several checks need (e.g. the glued sentences of POA402 and POA404),
        computed by ``compute`` on first use and then reused for this letter.

        Analyses of a higher layer keep their results here rather than as properties of
        the letter, so the letter imports none of them: the parts and items
        (:func:`poa_lint.sections.structure_of`) and the causes with their actions
        (:func:`poa_lint.coverage.causes_of`)."""
        if name not in self._shared:
            self._shared[name] = compute(self)
        result: T = self._shared[name]
        return result

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def path(self) -> str | None:
        return self.source.path

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.source.paragraphs

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentences that contain at least one word (blank-line 'sentences' dropped)."""
        texts = self.texts
        return tuple(
            s for s in self.doc.sents if any(not t.isspace() for t in texts[s.start : s.end])
        )

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sentences]

    def sentences_overlapping(self, start: int, end: int) -> tuple[Span, ...]:
        """Sentences that overlap [start, end), found by binary search: checks ask this per
        item, and scanning every sentence each time made long letters quadratic."""
        first = max(bisect_right(self._sentence_starts, start) - 1, 0)
        found = []
        for sentence in self.sentences[first:]:
            if sentence.start_char >= end:
                break
            if sentence.end_char > start:
                found.append(sentence)
        return tuple(found)

    @cached_property
    def data_lines(self) -> tuple[tuple[int, int], ...]:
        """Paragraphs that are data, not prose: table rows, aligned columns, and short lines
        carrying an order ID, ASIN or tracking number ("113-4402917-6620158  USPS
        DELIVERED"). Sellers paste these from Seller Central and carrier pages."""
        text = self.text
        spans = []
        for paragraph in self.paragraphs:
            line = text[paragraph.start : paragraph.end]
            if _TABLE_ROW.search(line) or (
                _DATA_CODE.search(line) and len(line.split()) <= _DATA_LINE_WORDS
            ):
                spans.append((paragraph.start, paragraph.end))
        return tuple(spans)

    @cached_property
    def _data_line_starts(self) -> list[int]:
        return [start for start, _ in self.data_lines]

    def in_data_line(self, offset: int) -> bool:
        """True when the offset lies in a line of data (see :attr:`data_lines`). Checks ask
        this per word: the line starts are listed once for the binary search."""
        lines = self.data_lines
        if not lines:
            return False
        index = bisect_right(self._data_line_starts, offset) - 1
        return index >= 0 and lines[index][0] <= offset <= lines[index][1]

    @cached_property
    def envelope(self) -> Envelope:
        """Where the letter itself is, inside e-mail headers, forum chatter, signature and
        quoted history (see :mod:`poa_lint.envelope`)."""
        from .envelope import find_envelope

        return find_envelope(self.source)

    def in_body(self, start: int, end: int | None = None) -> bool:
        """True when the span lies in the letter's body (not headers, chatter, signature
        or quoted history)."""
        return self.envelope.in_body(start, end)

    def in_foreign(self, start: int) -> bool:
        """True when the offset lies in text that is not the seller's writing at all: the
        e-mail header block or quoted history."""
        return self.envelope.in_foreign(start)

    @cached_property
    def body_words(self) -> tuple[Token, ...]:
        """:attr:`words` inside the body: what a reviewer reads as the letter.

        The body is one stretch of the text (see :meth:`Envelope.in_body`) and words come in
        text order, so the body's words are one slice, found by two binary searches."""
        envelope = self.envelope
        starts = [self._token_starts[i] for i in self.word_indices]
        first = bisect_left(starts, envelope.body_start)
        last = bisect_left(starts, max(envelope.body_end, envelope.body_start + 1))
        return self.words[first:last]

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """Tokens that count as words: not punctuation, not whitespace, not symbols."""
        tokens = self.tokens
        return tuple(tokens[i] for i in self.word_indices)

    @cached_property
    def word_indices(self) -> tuple[int, ...]:
        """The token index of each of :attr:`words`, in order (for binary search); read
        from the Doc's arrays, so no token is built to be tested."""
        import numpy
        from spacy.attrs import IS_PUNCT, IS_SPACE, POS
        from spacy.symbols import SYM

        doc = self.doc
        if not len(doc):
            return ()
        rows = doc.to_array([IS_PUNCT, IS_SPACE, POS])
        keep = (rows[:, 0] == 0) & (rows[:, 1] == 0) & (rows[:, 2] != SYM)
        return tuple(numpy.flatnonzero(keep).tolist())

    @property
    def token_offsets(self) -> tuple[int, ...]:
        """Each token's character offset, by token index."""
        return self._token_starts

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """Each token's text, by token index (see :attr:`lowers`)."""
        return self._token_strings("ORTH", lower=False)

    @cached_property
    def lowers(self) -> tuple[str, ...]:
        """Each token's lower-case form, by token index.

        Read once from the ``Doc``'s arrays: the per-token checks ask "is this word one of
        ours?" of every token, and answering from plain strings instead of building spaCy
        ``Token`` objects is what keeps the checks cheap next to the parse (issue 6)."""
        return self._token_strings("LOWER", lower=False)

    @cached_property
    def lemmas(self) -> tuple[str, ...]:
        """Each token's lemma in lower case, by token index (see :attr:`lowers`)."""
        return self._token_strings("LEMMA", lower=True)

    @cached_property
    def heads(self) -> tuple[int, ...]:
        """Each token's head, as a token index (see :attr:`lowers`)."""
        import numpy
        from spacy.attrs import HEAD

        if not len(self.doc):
            return ()
        # HEAD holds relative offsets in unsigned ints: read them back as signed.
        relative = self.doc.to_array(HEAD).astype(numpy.int64)
        return tuple((relative + numpy.arange(len(self.doc))).tolist())

    def _token_strings(self, attribute: str, *, lower: bool) -> tuple[str, ...]:
        """One string per token: each distinct value is looked up in the string store once,
        and the tuple is gathered by ``itemgetter`` rather than a Python loop per token."""
        import numpy
        from spacy import attrs

        if not len(self.doc):
            return ()
        strings = self.doc.vocab.strings
        distinct, where = numpy.unique(
            self.doc.to_array(getattr(attrs, attribute)), return_inverse=True
        )
        texts = [strings[value] for value in distinct.tolist()]
        if lower:
            texts = [text.lower() for text in texts]
        if len(where) == 1:
            return (texts[where[0]],)
        gathered: tuple[str, ...] = itemgetter(*where.tolist())(texts)
        return gathered

    def tokens_with(self, words: frozenset[str]) -> Iterator[Token]:
        """Tokens whose lower-case form or lemma is in ``words``, in order.

        A check whose every branch starts from a word list uses this to visit only the tokens
        that can fire instead of all of them; the result is the same, the cost is not."""
        doc = self.doc
        for i in self.indices_with(words):
            yield doc[i]

    def indices_with(self, words: frozenset[str]) -> tuple[int, ...]:
        """The indices of the tokens whose lower-case form or lemma is in ``words``, in
        order; remembered per word list, since the structure analysis asks the same lists of
        every item (the items' tokens then come by :meth:`tokens_between`)."""
        memo: dict[frozenset[str], tuple[int, ...]] = self._shared.setdefault(
            "letter.indices_with", {}
        )
        known = memo.get(words)
        if known is None:
            index = self._word_index
            found = words & index.keys() if len(words) > len(index) else index.keys() & words
            known = memo[words] = (
                tuple(sorted(set().union(*(index[word] for word in found)))) if found else ()
            )
        return known

    def tokens_between(self, words: frozenset[str], start: int, end: int) -> list[Token]:
        """The tokens of ``start``..``end`` (token indices) whose lower-case form or lemma
        is in ``words``, in order: two binary searches instead of a walk over the span."""
        indices = self.indices_with(words)
        tokens = self.tokens
        return [tokens[i] for i in indices[bisect_left(indices, start) : bisect_left(indices, end)]]

    @cached_property
    def _word_index(self) -> dict[str, list[int]]:
        """Each lower-case form and lemma of the letter, with the tokens that have it: checks
        ask :meth:`tokens_with` dozens of times a letter, and a look-up per word of their
        list beats a walk over every token each time."""
        index: dict[str, list[int]] = {}
        for i, (lower, lemma) in enumerate(zip(self.lowers, self.lemmas, strict=True)):
            index.setdefault(lower, []).append(i)
            if lemma != lower:
                index.setdefault(lemma, []).append(i)
        return index

    @cached_property
    def _quote_index(self) -> tuple[list[int], list[int]]:
        """Quote starts and, for each, the furthest end reached so far: a binary search then
        answers in_quotes in O(log n), so per-token checks stay linear in long letters."""
        starts: list[int] = []
        reach: list[int] = []
        for qs, qe in sorted(self.quotes):
            starts.append(qs)
            reach.append(max(qe, reach[-1]) if reach else qe)
        return starts, reach

    def in_quotes(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a quoted span."""
        starts, reach = self._quote_index
        index = bisect_right(starts, start) - 1
        return index >= 0 and reach[index] >= end

    def paragraph_of(self, offset: int) -> Paragraph | None:
        return self.source.paragraph_at(offset)

    def span(self, start: int, end: int) -> Span | None:
        """The tokens covering [start, end), expanded to token boundaries."""
        return self.doc.char_span(start, end, alignment_mode="expand")

    @cached_property
    def _token_starts(self) -> tuple[int, ...]:
        from spacy.attrs import IDX

        return tuple(self.doc.to_array(IDX).tolist()) if len(self.doc) else ()

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token of the Doc, built once. ``doc[i]`` and iterating a span build a new
        ``Token`` each time; checks that read the same tokens again and again (each item's,
        each line's) slice this instead."""
        return tuple(self.doc)

    def tokens_in(self, start: int, end: int) -> Iterator[Token]:
        """Tokens that begin in [start, end), in order (a binary search, not a doc walk:
        checks call this once per paragraph, and a walk from the top made that quadratic)."""
        starts = self._token_starts
        yield from self.tokens[bisect_left(starts, start) : bisect_left(starts, end)]


def _tokenized(nlp: Language, source: SourceText) -> Doc:
    """Tokenize and record where paragraphs start, so the pipeline can make each paragraph
    start a sentence start (and nothing else: a hard-wrapped line is not a new sentence)."""
    from .nlp import FULL_WIDTH_STOP_KEY, PARAGRAPH_STARTS_KEY, full_width_stop_in

    doc = nlp.make_doc(source.text)
    doc.user_data[PARAGRAPH_STARTS_KEY] = _first_tokens(doc, [p.start for p in source.paragraphs])
    doc.user_data[FULL_WIDTH_STOP_KEY] = full_width_stop_in(source.text)
    return doc


def _first_tokens(doc: Doc, offsets: Iterable[int]) -> frozenset[int]:
    """The index of the first token at or after each character offset."""
    from spacy.attrs import IDX

    idx = doc.to_array(IDX).tolist() if len(doc) else []
    out = set()
    for offset in offsets:
        k = bisect_right(idx, offset - 1)
        if k < len(idx):
            out.add(k)
    return frozenset(out)


def build_letters(
    sources: Sequence[SourceText],
    nlp: Language,
    *,
    reasons: Sequence[Reason | None] | None = None,
    reason_sources: Sequence[str | None] | None = None,
    notices: Sequence[Notice | None] | None = None,
    batch_size: int = 16,
    disable: Sequence[str] = (),
) -> list[Letter]:
    """Parse many sources in batched ``nlp.pipe`` calls (much faster than one call each).

    Batches are bounded by tokens, and a very long letter is parsed in pieces
    (:mod:`poa_lint.pieces`), so memory does not grow with the size of a batch or a letter.
    ``batch_size`` is kept for callers; the token bound decides. ``disable`` names
    pipeline components to skip for this batch (``ner`` when no enabled rule reads
    entities; see :func:`poa_lint.nlp.skipped_components`)."""
    from .nlp import PARAGRAPH_STARTS_KEY
    from .pieces import parse

    with _parse_lock:
        docs = parse(
            nlp,
            [_tokenized(nlp, s) for s in sources],
            starts_key=PARAGRAPH_STARTS_KEY,
            disable=disable,
        )
    letters = []
    for i, (source, doc) in enumerate(zip(sources, docs, strict=True)):
        letters.append(
            Letter(
                source=source,
                doc=doc,
                reason=reasons[i] if reasons else None,
                reason_source=reason_sources[i] if reason_sources else None,
                notice=notices[i] if notices else None,
                quotes=find_quotes(source.text),
            )
        )
    return letters
