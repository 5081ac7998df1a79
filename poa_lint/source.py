"""What a reader hands on: the letter's extracted text and a map of its paragraphs.

Readers (``poa_lint/readers/``) turn .txt/.md/.docx/stdin into a :class:`SourceText`;
``letter.py`` parses it once with spaCy. Keeping this contract tiny and spaCy-free lets the
readers be tested (and fail on bad input) without loading a model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["body", "heading", "list_item", "table_cell"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the extracted text.

    ``start``/``end`` are offsets into :attr:`SourceText.text` covering the whole paragraph
    (including a list marker, excluding the line break). ``content_start`` is where the
    words begin, after any list marker or markdown ``#``.
    """

    start: int
    end: int
    kind: ParagraphKind = "body"
    content_start: int | None = None
    level: int = 0
    marker: str | None = None
    emphasis: bool = False
    style: str | None = None
    source_index: int | None = None

    @property
    def body_start(self) -> int:
        return self.start if self.content_start is None else self.content_start


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceText:
    """A letter's text as extracted, with its paragraph map and where it came from."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    path: str | None = None
    format: Literal["txt", "md", "docx"] = "txt"
    #: The encoding the bytes were decoded with ("utf-8", "cp1252", ...); None for .docx
    #: and for text handed over as a string.
    encoding: str | None = None
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _starts_cache: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def _paragraph_starts(self) -> tuple[int, ...]:
        if len(self._starts_cache) != len(self.paragraphs):
            object.__setattr__(self, "_starts_cache", tuple(p.start for p in self.paragraphs))
        return self._starts_cache

    def line_starts(self) -> tuple[int, ...]:
        """Offsets at which each line begins (\\n, \\r\\n and lone \\r all end a line)."""
        if self._line_starts:
            return self._line_starts
        # One regex pass (C speed) instead of a Python loop over every character.
        starts = (0, *(m.end() for m in _LINE_BREAK.finditer(self.text)))
        object.__setattr__(self, "_line_starts", starts)
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the end of text is a valid offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts()
        line_index = bisect_right(starts, offset) - 1
        return line_index + 1, offset - starts[line_index] + 1

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing a character offset, if any (binary search)."""
        starts = self._paragraph_starts()
        index = bisect_right(starts, offset) - 1
        if index >= 0 and self.paragraphs[index].start <= offset <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    def block_start(self, offset: int) -> int:
        """Where the block holding ``offset`` starts: its paragraph, or for a list item the
        first item of its list (consecutive list items read as one block), or -1."""
        starts = self._paragraph_starts()
        index = bisect_right(starts, offset) - 1
        if index < 0 or offset > self.paragraphs[index].end:
            return -1
        while (
            index > 0
            and self.paragraphs[index].kind == "list_item"
            and self.paragraphs[index - 1].kind == "list_item"
        ):
            index -= 1
        return self.paragraphs[index].start
