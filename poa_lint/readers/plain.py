"""Plain text and markdown: map a letter's lines into paragraphs without changing a character.

Offsets are sacred: ``SourceText.text[p.start:p.end]`` is always exactly the paragraph, so
findings can point at a line and column of the file the seller edits. This reader therefore
never normalises the text (no newline or whitespace rewriting); it only records where each
heading, list item, table row and body paragraph starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..source import Paragraph, ParagraphKind, SourceText
from .layout import CLOSERS, list_match, looks_like_heading, zones
from .limits import LINE_BREAK

_ATX_RE = re.compile(r"(?P<hashes>#{1,6})[ \t]+(?=\S)")
_SENTENCE_END = ".!?:。！？：…"
_WRAP_MIN_CHARS = 40
"""A body line at least this long that lacks final punctuation is taken to be hard-wrapped.
Shorter unpunctuated lines followed by a capitalised line ('Root cause of the issue' /
'Our packaging ...') are kept apart: they are far more often headings or address lines."""


def _ends_sentence(content: str) -> bool:
    stripped = content.rstrip(CLOSERS)
    return stripped[-1:] in tuple(_SENTENCE_END) if stripped else False


def _bold_wrapped(content: str) -> tuple[int, int] | None:
    """Inner bounds of a line wrapped in markdown ``**...**``, or None."""
    if len(content) >= 5 and content.startswith("**") and content.endswith("**"):
        inner_start = 2 + (len(content[2:-2]) - len(content[2:-2].lstrip()))
        inner_end = len(content) - 2 - (len(content[2:-2]) - len(content[2:-2].rstrip()))
        if inner_start < inner_end:
            return inner_start, inner_end
    return None


def _is_rule(content: str) -> bool:
    """'---', '***', '= = =': decorative separators, not text."""
    if len(content) < 3:
        return False
    chars = set(content) - {" ", "\t"}
    return len(chars) == 1 and chars <= set("-=*_~")


def _is_table_separator(content: str) -> bool:
    return "-" in content and set(content) <= set("|-: \t")


def _indent_level(leading: str) -> int:
    """0 for no indentation, 1 for 2-4 columns, 2 for 5-8, ... (a tab counts as 4)."""
    width = sum(4 if ch == "\t" else 1 for ch in leading)
    return 0 if width < 2 else (width + 3) // 4


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    leading: str
    content: str
    after_blank: bool  # a blank line precedes it: a new block starts here


@dataclass
class _Draft:
    """A paragraph being built; may absorb hard-wrapped continuation lines."""

    start: int
    end: int
    kind: ParagraphKind
    last: str
    mergeable: bool
    content_start: int | None = None
    level: int = 0
    marker: str | None = None
    emphasis: bool = False
    # Set once a continuation line has been absorbed: the paragraph is hard-wrapped text.
    wrapped: bool = False

    def freeze(self) -> Paragraph:
        return Paragraph(
            start=self.start,
            end=self.end,
            kind=self.kind,
            content_start=self.content_start,
            level=self.level,
            marker=self.marker,
            emphasis=self.emphasis,
        )


def _content_lines(text: str) -> list[_Line]:
    """Non-blank lines with their stripped bounds (``\\r\\n``, ``\\r``, ``\\n`` all end a line)."""
    lines: list[_Line] = []
    pos = 0
    spans: list[tuple[int, int]] = []
    for match in LINE_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    after_blank = False
    for start, end in spans:
        raw = text[start:end]
        stripped_left = raw.lstrip()
        if not stripped_left:
            after_blank = True
            continue
        content = stripped_left.rstrip()
        first = start + (len(raw) - len(stripped_left))
        lines.append(_Line(first, first + len(content), raw[: first - start], content, after_blank))
        after_blank = False
    return lines


def parse_plain_text(
    text: str, *, path: str | None = None, fmt: Literal["txt", "md"] = "txt"
) -> SourceText:
    """Map a plain-text or markdown letter into paragraphs without changing a character.

    Rules, in order, for each non-blank line (blank lines and '---' rules separate blocks):

    1. ``# Heading`` (1-6 hashes and a space) is a heading with level = number of hashes,
       in .txt as well as .md, since sellers paste markdown into text files.
    2. In markdown, a line starting with ``|`` is a table row (``table_cell``); the
       ``|---|---|`` separator row is skipped.
    3. A line starting with a list marker (``-  *  •  ·  –  ‣  ◦``, ``1.``, ``1)``, ``(1)``,
       ``a.``, ``a)``, ``(a)``, ``i.``, ...) followed by a space is a ``list_item``;
       ``marker`` is the marker as written, ``level`` comes from the indentation.
    4. A line continues the previous body or list paragraph (hard-wrapped email text) when
       that paragraph's last line does not end in ``. ! ? :`` and either is at least
       ``_WRAP_MIN_CHARS`` long or the new line starts with a lowercase letter. Once a
       paragraph is known to be wrapped, a long line ending in a full stop continues it too.
    5. Otherwise a short line that looks like a heading (see :func:`.layout.looks_like_heading`) and
       is followed by more text is a heading (level 1); ``**bold**`` lines get
       ``emphasis=True``.
    6. Everything else starts a body paragraph.

    Salutation ('Dear ... ,'), letterhead lines before it, and the closing ('Sincerely,')
    with the signature after it are always separate body lines. Paragraph bounds exclude the
    line break and the line's leading/trailing whitespace.
    """
    lines = _content_lines(text)
    kept = [line for line in lines if not _is_rule(line.content)]
    kept = [
        line
        for line in kept
        if not (fmt == "md" and line.content.startswith("|") and _is_table_separator(line.content))
    ]
    line_zones = zones([line.content for line in kept])
    kept_index = {id(line): i for i, line in enumerate(kept)}
    last_kept = len(kept) - 1

    paragraphs: list[Paragraph] = []
    draft: _Draft | None = None

    def close() -> None:
        nonlocal draft
        if draft is not None:
            paragraphs.append(draft.freeze())
            draft = None

    for line in lines:
        index = kept_index.get(id(line))
        if index is None:
            continue  # a blank line or a rule: the next line decides whether a block ends
        zone = line_zones[index]
        content = line.content
        if line.after_blank and not (
            # Text copied from a web page often doubles its line breaks: a line that starts
            # in lower case after an unfinished one ("… the main reason that cause A-to-z
            # claims" / "and chargebacks is …") goes on with the same sentence.
            draft is not None
            and draft.mergeable
            and zone == "body"
            and not _ends_sentence(draft.last)
            and content[:1].islower()
            and list_match(content) is None
        ):
            close()  # blank lines and rules separate blocks
        level = _indent_level(line.leading)

        atx = _ATX_RE.match(content) if level <= 1 else None
        if atx is not None:
            close()
            paragraphs.append(
                Paragraph(
                    start=line.start,
                    end=line.end,
                    kind="heading",
                    content_start=line.start + atx.end(),
                    level=len(atx.group("hashes")),
                )
            )
            continue
        if fmt == "md" and content.startswith("|"):
            close()
            paragraphs.append(Paragraph(start=line.start, end=line.end, kind="table_cell"))
            continue
        listed = list_match(content)
        if listed is not None:
            close()
            draft = _Draft(
                start=line.start,
                end=line.end,
                kind="list_item",
                last=content,
                mergeable=zone == "body",
                content_start=line.start + listed.end(),
                level=level,
                marker=listed.group("marker"),
            )
            continue

        wrapped = _bold_wrapped(content)
        if (
            draft is not None
            and draft.mergeable
            and zone == "body"
            and wrapped is None
            and (
                (
                    not _ends_sentence(draft.last)
                    and (len(draft.last) >= _WRAP_MIN_CHARS or content[0].islower())
                )
                # In hard-wrapped text a full-width line may end on a full stop without
                # ending the paragraph ("…on the detail page." / "She kept the text …").
                or (draft.wrapped and len(draft.last) >= _WRAP_MIN_CHARS)
            )
        ):
            draft.end = line.end
            draft.last = content
            draft.wrapped = True
            continue

        close()
        inner = content if wrapped is None else content[wrapped[0] : wrapped[1]]
        content_start = None if wrapped is None else line.start + wrapped[0]
        if (
            zone in ("body", "pre")
            and index < last_kept
            and looks_like_heading(
                inner, emphasis=wrapped is not None, title_case_ok=zone == "body"
            )
        ):
            paragraphs.append(
                Paragraph(
                    start=line.start,
                    end=line.end,
                    kind="heading",
                    content_start=content_start,
                    level=1,
                    emphasis=wrapped is not None,
                )
            )
            continue
        draft = _Draft(
            start=line.start,
            end=line.end,
            kind="body",
            last=content,
            mergeable=zone == "body" and wrapped is None,
            content_start=content_start,
            emphasis=wrapped is not None,
        )
    close()
    return SourceText(text=text, paragraphs=tuple(paragraphs), path=path, format=fmt)
