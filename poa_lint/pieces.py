"""Parse letters in bounded pieces, so what spaCy holds at once is bounded by tokens.

spaCy's pipeline keeps about 18 KB of arrays per token of a batch while it runs (the
``tok2vec`` layer alone about 16 KB), whatever the letter looks like: 200,000 two-letter
lines (400,000 tokens) asked for 5.9 GB and died in numpy; sixteen long letters in one
``nlp.pipe`` batch add up the same way. So:

* a letter longer than :data:`PIECE_TOKENS` tokens is cut into pieces at paragraph starts
  (inside a paragraph only when one paragraph alone is longer, after a sentence-ending
  punctuation mark when there is one), each piece parsed as a document of its own and the
  parsed pieces joined back into one ``Doc`` (``Doc.from_docs``; the text is unchanged);
* pieces and whole letters go to the pipeline in batches of at most :data:`BATCH_TOKENS`
  tokens (and :data:`BATCH_DOCS` documents, the batch size poa-lint always used).

A letter shorter than :data:`PIECE_TOKENS` (every real one: a long letter has about 2,000
tokens) is parsed whole, exactly as before; batching does not change a parse (spaCy pads
between the documents of a batch), so reports are the same byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIECE_TOKENS = 5_000
"""A letter with more tokens than this is parsed in pieces of at most this many."""
BATCH_TOKENS = 10_000
"""At most this many tokens go to the pipeline at once (about 180 MB of its arrays)."""
BATCH_DOCS = 16
"""And at most this many documents, as before (``nlp.pipe``'s ``batch_size``): larger
batches of ordinary letters parse no faster (rather slower)."""
_SENTENCE_END = frozenset({".", "!", "?", "。", "！", "？"})


def cut_points(doc: Doc, starts: frozenset[int], size: int = PIECE_TOKENS) -> list[int]:
    """Token indices where pieces begin (the first is 0), each piece at most ``size``
    tokens: the last paragraph start that fits, else the token after the last sentence
    end in the second half of the window, else simply ``size`` tokens on."""
    n = len(doc)
    if n <= size:
        return [0]
    ordered = sorted(i for i in starts if 0 < i < n)
    cuts = [0]
    k = 0  # index into ordered
    while n - cuts[-1] > size:
        begin = cuts[-1]
        limit = begin + size
        while k < len(ordered) and ordered[k] <= begin:
            k += 1
        best = None
        while k < len(ordered) and ordered[k] <= limit:
            best = ordered[k]
            k += 1
        if best is None:
            best = limit
            for i in range(limit - 1, begin + size // 2, -1):
                if doc[i].text in _SENTENCE_END or doc[i].is_space:
                    best = i + 1
                    break
        cuts.append(best)
    return cuts


def parse(
    nlp: Language,
    docs: Sequence[Doc],
    *,
    starts_key: str,
    disable: Sequence[str] = (),
) -> list[Doc]:
    """Run the pipeline over tokenized ``docs`` (each with its paragraph-start token
    indices in ``doc.user_data[starts_key]``) in bounded pieces and batches; returns the
    parsed documents in order."""
    from spacy.tokens import Doc

    pieces: list[tuple[int, Doc]] = []  # (letter index, piece)
    for index, doc in enumerate(docs):
        starts: frozenset[int] = doc.user_data.get(starts_key, frozenset())
        cuts = cut_points(doc, starts)
        if len(cuts) == 1:
            pieces.append((index, doc))
            continue
        for begin, end in zip(cuts, [*cuts[1:], len(doc)], strict=True):
            piece = doc[begin:end].as_doc()
            piece.user_data[starts_key] = frozenset(i - begin for i in starts if begin <= i < end)
            pieces.append((index, piece))

    parsed: list[list[Doc]] = [[] for _ in docs]
    batch: list[tuple[int, Doc]] = []
    tokens = 0

    def flush() -> None:
        nonlocal tokens
        if batch:
            done = nlp.pipe((d for _, d in batch), batch_size=len(batch), disable=list(disable))
            for (index, _), doc in zip(batch, done, strict=True):
                if doc is not docs[index]:  # a piece: its starts are not merged back
                    doc.user_data.pop(starts_key, None)
                parsed[index].append(doc)
        batch.clear()
        tokens = 0

    for index, piece in pieces:
        if batch and (tokens + len(piece) > BATCH_TOKENS or len(batch) == BATCH_DOCS):
            flush()
        batch.append((index, piece))
        tokens += len(piece)
    flush()
    return [
        parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        for parts in parsed
    ]
