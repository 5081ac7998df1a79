"""Readers: turn a .txt, .md or .docx letter (or stdin) into a :class:`SourceText`.

Everything that can go wrong with *input* is decided here, before any NLP runs, so that a
seller who passes a PDF, a password-protected Word file or a 2 GB log gets one clear line
(:class:`InputError`: what is wrong and what to do) instead of a traceback or a hang.

Design choices, and why:

* No spaCy here. Readers must be fast and testable without a language model.
* Offsets are sacred. ``SourceText.text[p.start:p.end]`` is always exactly the paragraph, so
  findings can point at a line and column of the file the seller edits. The plain-text
  reader therefore never normalises the text (no newline or whitespace rewriting).
* Untrusted files are bounded before they are read: sizes come from ``os.stat`` and from the
  zip directory, so a zip bomb is refused without inflating it, and XML with entity
  declarations is refused outright.
* All work is linear in the input size (one pass over lines, anchored regexes with bounded
  repetition), so a 200,000-character line without spaces costs no more than its length.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, Literal

from .encoding import OLE_MAGIC, ZIP_MAGIC, decode, sniff_binary
from .errors import InputError
from .source import Paragraph, ParagraphKind, SourceText
from .texts import N_, Template, message

__all__ = [
    "DEFAULT_LIMITS",
    "STDIN_NAME",
    "SUPPORTED_SUFFIXES",
    "ReadLimits",
    "count_lines",
    "count_words",
    "decode_bytes",
    "parse_plain_text",
    "read_path",
    "read_stdin",
    "size_problem",
    "too_long_problem",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class ReadLimits:
    """Size limits for untrusted input.

    A POA letter is a few kilobytes; anything near these limits is almost certainly the wrong
    file, and refusing early keeps memory bounded.
    """

    max_bytes: int = 5_000_000
    """Text files and stdin larger than this are refused (checked from ``os.stat`` first)."""
    max_docx_uncompressed: int = 50_000_000
    """A .docx whose entries add up to more than this when inflated is refused, judged from
    the zip directory before anything is decompressed (zip bomb guard). It also caps the size
    of the .docx file itself."""
    max_chars: int = 1_000_000
    """Extracted text longer than this many characters is refused. It is spaCy's own
    ``max_length``: longer text makes the parser fail, and takes minutes and gigabytes."""
    max_lines: int = 20_000
    """Text with more lines than this is refused (a Plan of Action has a few hundred). Each
    line is a paragraph to structure and match; 200,000 two-letter lines, well inside
    ``max_chars``, took 5.9 GB before letters were parsed in bounded pieces."""
    max_words: int = 50_000
    """Text with more words and punctuation marks than this (spaCy's tokens, counted
    without spaCy) is refused: parsing and checking cost time and memory per token, about
    ten seconds and 300 MB at this cap. A long letter has 2,000-5,000."""
    max_xml_tags: int = 1_000_000
    """A .docx whose XML parts hold more tags than this (counted as ``<`` bytes, before
    parsing) is refused: lxml keeps about 120 bytes per element, so the 98 KB zip of seven
    million empty paragraphs took 975 MB. A long letter has a few tens of thousands."""


DEFAULT_LIMITS = ReadLimits()

# --------------------------------------------------------------------------------------------
# Small helpers shared by every reader
# --------------------------------------------------------------------------------------------


def _size(n: int) -> str | Template:
    """Human size for messages: '5 MB', '6.2 MB', '120 KB', '900 bytes'."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g} MB"
    if n >= 1_000:
        return f"{n / 1_000:.3g} KB"
    return message(N_("{count} bytes"), count=n)


def _os_problem(exc: OSError) -> str | Template:
    """Translate an OSError into a one-line problem that says what to do."""
    if isinstance(exc, FileNotFoundError):
        return N_("does not exist (it may have been moved or deleted); check the path")
    if isinstance(exc, PermissionError):
        return N_("cannot be read: permission denied; check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return _DIRECTORY_PROBLEM
    if isinstance(exc, NotADirectoryError):
        return N_("does not exist (part of the path is a file, not a folder); check the path")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return message(N_("cannot be read ({reason}); check the path and try again"), reason=reason)


_DIRECTORY_PROBLEM = N_("is a directory, not a letter; pass a .txt, .md or .docx file")


def _read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so the caller can tell 'too big' without reading it all.

    Works for pipes and devices too, where ``os.stat`` reports no useful size.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _require_text(text: str, path: str) -> None:
    """Refuse input with nothing to lint, so the CLI does not report a clean pass on it."""
    if text == "":
        raise InputError(path, N_("is empty; nothing to check (is it the right file?)"))
    if text.strip() == "":
        raise InputError(
            path, N_("contains only whitespace; nothing to check (is it the right file?)")
        )


def too_long_problem(chars: int, cap: int, *, at_least: bool = False) -> Template:
    """The problem for text over the character limit (shared with ``api.lint``);
    ``at_least`` when counting stopped at the limit (a .docx is not extracted further)."""
    if at_least:
        return message(
            N_(
                "is more than {limit} characters long, the most poa-lint can check "
                "(a Plan of Action is usually under 20,000); is it the right file?"
            ),
            limit=f"{cap:,}",
        )
    return message(
        N_(
            "is {chars} characters long, more than the {limit} poa-lint can check "
            "(a Plan of Action is usually under 20,000); is it the right file?"
        ),
        chars=f"{chars:,}",
        limit=f"{cap:,}",
    )


_WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")
_LONG_RUN = re.compile(r"\S{201,}")  # nlp.LONG_RUN + 1: such a run is one token


def count_lines(text: str) -> int:
    """Lines as an editor counts them (``\r\n``, ``\r`` and ``\n`` end one; a final
    line break starts no new line)."""
    return _LINE_BREAK.subn("", text)[1] + (0 if text.endswith(("\n", "\r")) else 1)


def count_words(text: str) -> int:
    """About how many tokens spaCy will make of ``text``, without spaCy: each run of word
    characters and each other non-space character, plus each line break, with a run of
    more than 200 non-space characters counted once (``poa_lint.nlp`` keeps it whole).
    Counted with ``subn`` (no match objects, no list), linear in the text."""
    count = _WORD_OR_MARK.subn("", text)[1] + text.count("\n") + text.count("\r")
    for run in _LONG_RUN.finditer(text):
        count -= _WORD_OR_MARK.subn("", run.group())[1] - 1
    return count


def size_problem(text: str, limits: ReadLimits = DEFAULT_LIMITS) -> Template | None:
    """Why ``text`` is too big to check (characters, lines, words), or None. Shared by the
    readers and ``api.lint``, so a file and a string meet the same caps."""
    if len(text) > limits.max_chars:
        return too_long_problem(len(text), limits.max_chars)
    lines = count_lines(text)
    if lines > limits.max_lines:
        return message(
            N_(
                "has {lines} lines, more than the {limit} poa-lint can check (a Plan of "
                "Action usually has under 300); is it the right file?"
            ),
            lines=f"{lines:,}",
            limit=f"{limits.max_lines:,}",
        )
    words = count_words(text)
    if words > limits.max_words:
        return message(
            N_(
                "has about {words} words and punctuation marks, more than the {limit} "
                "poa-lint can check (a Plan of Action usually has under 5,000); is it the "
                "right file?"
            ),
            words=f"{words:,}",
            limit=f"{limits.max_words:,}",
        )
    return None


def _require_length(text: str, path: str, limits: ReadLimits) -> None:
    problem = size_problem(text, limits)
    if problem is not None:
        raise InputError(path, problem)


def _require_paragraphs(source: SourceText, path: str) -> SourceText:
    if not source.paragraphs:
        raise InputError(path, N_("has no text; nothing to check (is it the right file?)"))
    return source


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

# How bytes become text (byte-order marks, binary formats, UTF-8, then detection with
# charset-normalizer) lives in encoding.py; the readers record the encoding it chose.
_OLE_MAGIC = OLE_MAGIC
_ZIP_MAGIC = ZIP_MAGIC
_sniff_binary = sniff_binary


def decode_bytes(data: bytes, *, path: str | None) -> str:
    """Decode a letter's bytes to text, or raise :class:`InputError` saying why not (see
    :func:`poa_lint.encoding.decode`)."""
    return decode(data, path=path).text


# --------------------------------------------------------------------------------------------
# Plain text and markdown
# --------------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_BULLETS = "-*•·–‣◦▪●○■➢➤\uf0b7\uf0a7"
_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{0,3}))"
_ROMAN_UP = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
# A list marker at the start of a line, followed by spaces and then some text. Roman numerals
# are guarded by a lookahead so the (optional-everything) numeral cannot match empty.
_LIST_RE = re.compile(
    r"(?P<marker>"
    rf"[{re.escape(_BULLETS)}]"
    r"|\d{1,3}[.)]|\(\d{1,3}\)"
    r"|[A-Za-z][.)]|\([A-Za-z]\)"
    rf"|(?=[ivx]){_ROMAN}[.)]|\((?=[ivx]){_ROMAN}\)"
    rf"|(?=[IVX]){_ROMAN_UP}[.)]|\((?=[IVX]){_ROMAN_UP}\)"
    r")(?P<space>[ \t]+)(?=\S)"
)
# '1.Root cause' (no space) is common in hastily typed letters; digits only, so '1.5' and
# 'e.g.' stay prose.
_TIGHT_NUMBER_RE = re.compile(r"(?P<marker>\d{1,3}[.)])(?P<space>)(?=[A-Za-z])")
_ATX_RE = re.compile(r"(?P<hashes>#{1,6})[ \t]+(?=\S)")

_CLOSERS = "\"'”’)]*_»」』"
_SENTENCE_END = ".!?:。！？：…"
_NOT_HEADING_END = ".,;!。，；！"
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "to", "in", "on", "at", "by"}
    | {"with", "from", "as", "per", "vs", "vs.", "via", "into", "onto", "&"}
)
_HEADING_MAX_WORDS = 8
_HEADING_MAX_CHARS = 120
_WRAP_MIN_CHARS = 40
"""A body line at least this long that lacks final punctuation is taken to be hard-wrapped.
Shorter unpunctuated lines followed by a capitalised line ('Root cause of the issue' /
'Our packaging ...') are kept apart: they are far more often headings or address lines."""

_SALUTATION_RE = re.compile(
    r"(?:dear|hello|hi|greetings|to whom it may concern|good (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_VALEDICTION_RE = re.compile(
    r"(?:(?:best|kind|warm|warmest|with)\s+)?(?:regards|wishes)"
    r"|sincerely|respectfully|cordially|faithfully|gratefully|warmly|best"
    r"|yours\s+(?:sincerely|truly|faithfully|respectfully)"
    r"|(?:sincerely|respectfully|very\s+truly)\s+yours"
    r"|thanks|thank\s+you|many\s+thanks|with\s+(?:gratitude|thanks|appreciation)",
    re.IGNORECASE,
)
_THANKS_PREFIX_RE = re.compile(r"(?:thank\s+you|thanks|many\s+thanks)\b", re.IGNORECASE)

_Zone = Literal["pre", "salutation", "body", "closing"]


def _is_salutation(content: str) -> bool:
    return (
        len(content) <= _HEADING_MAX_CHARS
        and _SALUTATION_RE.match(content) is not None
        and len(content.split()) <= 12
    )


def _is_valediction(content: str) -> bool:
    """'Sincerely,', 'Best regards', 'Thank you for your time,' ... (the letter's closing)."""
    if len(content) > _HEADING_MAX_CHARS:
        return False
    bare = content.rstrip(" \t,.!")
    if _VALEDICTION_RE.fullmatch(bare):
        return True
    return (
        _THANKS_PREFIX_RE.match(content) is not None
        and content[-1:] in ",.!"
        and len(content.split()) <= 10
    )


def _zones(contents: Sequence[str]) -> list[_Zone]:
    """Where each non-blank line sits in the letter: before the salutation, the salutation
    itself, the body, or the closing (valediction and signature).

    Headings and hard-wrap merging are only guessed in the body: letterhead and signature
    lines ('ABC Trading LLC', 'John Smith') are short, capitalised and unpunctuated, exactly
    like headings, and must stay separate body lines.
    """
    n = len(contents)
    zones: list[_Zone] = ["body"] * n
    for i in range(min(n, 15)):
        if _is_salutation(contents[i]):
            for j in range(i):
                zones[j] = "pre"
            zones[i] = "salutation"
            break
    for i in range(max(0, n - 12), n):
        if zones[i] == "body" and _is_valediction(contents[i]):
            for j in range(i, n):
                zones[j] = "closing"
            break
    return zones


def _ends_sentence(content: str) -> bool:
    stripped = content.rstrip(_CLOSERS)
    return stripped[-1:] in tuple(_SENTENCE_END) if stripped else False


def _is_title_case(words: Sequence[str]) -> bool:
    capitalised = 0
    for index, raw in enumerate(words):
        word = raw.lstrip("\"'“‘([")
        if not word or not word[0].isalpha():
            continue
        if word[0].isupper():
            capitalised += 1
        elif index == 0 or word.lower().rstrip(",:;") not in _SMALL_WORDS:
            return False
    return capitalised > 0


def _looks_like_heading(content: str, *, emphasis: bool, title_case_ok: bool) -> bool:
    """The txt/md heading rules (also used for unstyled .docx paragraphs).

    A heading is short (at most 8 words), has no final period/comma/semicolon/exclamation,
    carries no inline label with text after it ('Root cause: our packaging...' is a body line),
    and is ALL CAPS, Title Case, bold, or ends with a bare colon ('Root cause:').
    The caller checks that other text follows.
    """
    if len(content) > _HEADING_MAX_CHARS:
        return False
    words = content.split()
    if not words or len(words) > _HEADING_MAX_WORDS:
        return False
    tail = content.rstrip(_CLOSERS)
    if not tail or tail[-1] in _NOT_HEADING_END:
        return False
    body = tail[:-1] if tail[-1] in ":：" else tail
    if ":" in body or "：" in body:
        return False  # an inline label followed by text
    if tail[-1] in ":：" or emphasis:
        return True
    letters = [ch for ch in body if ch.isalpha()]
    if len(letters) >= 2 and any(ch.isupper() for ch in letters) and body == body.upper():
        return True
    return title_case_ok and _is_title_case(words)


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
    for match in _LINE_BREAK.finditer(text):
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


def _list_match(content: str) -> re.Match[str] | None:
    return _LIST_RE.match(content) or _TIGHT_NUMBER_RE.match(content)


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
    5. Otherwise a short line that looks like a heading (see :func:`_looks_like_heading`) and
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
    zones = _zones([line.content for line in kept])
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
        zone = zones[index]
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
            and _list_match(content) is None
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
        listed = _list_match(content)
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
            and _looks_like_heading(
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


# --------------------------------------------------------------------------------------------
# Paths and stdin
# --------------------------------------------------------------------------------------------

_FORMATS: dict[str, Literal["txt", "md", "docx"]] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
}


def _format_for(name: str) -> Literal["txt", "md", "docx"]:
    """The suffix decides the format; unknown suffixes are read as text (and sniffed)."""
    return _FORMATS.get(os.path.splitext(name)[1].lower(), "txt")


def read_path(path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """Read one letter file. Raises :class:`InputError` (never a raw ``OSError``).

    The size is checked with ``os.stat`` before reading so a huge file is refused without
    loading it, and the file is then read with a single bounded ``open()`` (a file that grows
    in between, or a device, is still capped). ``"-"`` reads stdin.
    """
    name = os.fspath(path)
    if name == "-":
        return read_stdin(limits=limits)
    fmt = _format_for(name)
    if "\x00" in name:
        raise InputError(
            name, N_("is not a valid file name (it contains a NUL byte); check the path")
        )
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, _DIRECTORY_PROBLEM)
    cap = limits.max_docx_uncompressed if fmt == "docx" else limits.max_bytes
    if info.st_size > cap:
        raise InputError(name, _too_big(info.st_size, cap, fmt))
    try:
        if stat.S_ISFIFO(info.st_mode):
            data = _read_fifo(name, cap)
        else:
            with open(name, "rb") as handle:
                data = _read_bounded(handle, cap)
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from exc
    if len(data) > cap:
        raise InputError(name, _too_big(len(data), cap, fmt, at_least=True))
    return _from_bytes(data, name, fmt, limits)


def read_bytes(data: bytes, name: str, *, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """A letter that is already in memory, such as a file uploaded to the web page: its
    name's suffix says the format, as for a file, and nothing is written to disk."""
    fmt = _format_for(name)
    cap = limits.max_docx_uncompressed if fmt == "docx" else limits.max_bytes
    if len(data) > cap:
        raise InputError(name, _too_big(len(data), cap, fmt))
    return _from_bytes(data, name, fmt, limits)


def _from_bytes(
    data: bytes, name: str, fmt: Literal["txt", "md", "docx"], limits: ReadLimits
) -> SourceText:
    if fmt == "docx":
        return _read_docx(data, name, limits)
    return _read_text(data, name, fmt, limits)


def _read_text(data: bytes, name: str, fmt: Literal["txt", "md"], limits: ReadLimits) -> SourceText:
    decoded = decode(data, path=name)
    text = decoded.text
    _require_text(text, name)
    _require_length(text, name, limits)
    source = parse_plain_text(text, path=name, fmt=fmt)
    return _require_paragraphs(replace(source, encoding=decoded.label), name)


def _read_fifo(name: str, cap: int) -> bytes:
    """Read a named pipe (``poa-lint check <(pbpaste)``) without hanging on a stale one.

    A plain ``open()`` of a FIFO blocks until some process opens it for writing, possibly
    forever. Opening it non-blocking returns at once; blocking reads are then restored, so a
    live writer's text is read in full, and a pipe without a writer reads as empty.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(name, os.O_RDONLY | nonblock)
    if nonblock:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        return _read_bounded(handle, cap)


def _too_big(size: int, cap: int, fmt: str, *, at_least: bool = False) -> Template:
    amount = message(N_("more than {size}"), size=_size(cap)) if at_least else _size(size)
    if fmt == "docx":
        return message(
            N_(
                "is {size}, larger than the {limit} limit for a .docx letter; is it the "
                "right file? (raise it with max-docx-size in config)"
            ),
            size=amount,
            limit=_size(cap),
        )
    return message(
        N_(
            "is {size}, larger than the {limit} limit for a letter; is it the right file? "
            "(raise it with max-file-size in config)"
        ),
        size=amount,
        limit=_size(cap),
    )


def read_stdin(
    stream: BinaryIO | None = None,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    name: str | None = None,
) -> SourceText:
    """Read a letter from stdin (or ``stream``); errors and ``SourceText.path`` say '<stdin>',
    or ``name`` (``--stdin-filename``), whose suffix then also picks the format.

    Bytes that start like a zip file are read as .docx, so ``poa-lint - < letter.docx`` works.
    """
    label = name or STDIN_NAME
    if stream is None:
        if sys.stdin is None:
            raise InputError(
                label, N_("is not available; pass the letter's file path instead")
            )
        stream = sys.stdin.buffer
    try:
        data = _read_bounded(stream, limits.max_bytes)
    except (OSError, ValueError) as exc:
        raise InputError(
            label,
            message(
                N_("cannot be read ({reason}); pass the letter's file path instead"), reason=exc
            ),
        ) from exc
    if len(data) > limits.max_bytes:
        raise InputError(
            label,
            message(
                N_(
                    "is more than {limit}, larger than the limit for a letter; is it the right "
                    "input? (raise it with max-file-size in config)"
                ),
                limit=_size(limits.max_bytes),
            ),
        )
    fmt = _format_for(name) if name else "txt"
    if data.startswith(_ZIP_MAGIC) or fmt == "docx":
        return _read_docx(data, label, limits)
    return _read_text(data, label, "md" if fmt == "md" else "txt", limits)


# --------------------------------------------------------------------------------------------
# .docx: safety checks on the zip, then extraction with python-docx
# --------------------------------------------------------------------------------------------

_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # encrypted zip entry
    NotImplementedError,  # unsupported compression method
)
_DAMAGED = N_("is not a valid .docx (the file is damaged or truncated); re-save it from Word")
_MAIN_PART_RE = re.compile(r"word/document\d*\.xml")
_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _not_a_zip_problem(data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        return N_(
            "is encrypted or password-protected (or an old .doc saved with a .docx name); "
            "remove the password or save a copy as .docx"
        )
    if not data.startswith(b"PK"):
        problem = _sniff_binary(data)
        if problem is not None:
            return problem
        try:
            text = decode_bytes(data, path=None)
        except InputError:
            return _DAMAGED
        if text.strip():
            return N_("is a plain-text file with a .docx name; rename it to .txt")
    return _DAMAGED


def _read_docx(data: bytes, name: str, limits: ReadLimits) -> SourceText:
    """Check the zip (structure, inflated size, no DTDs) and only then hand it to python-docx.

    The zip directory's ``file_size`` values bound what inflating can produce (``zipfile``
    stops at the declared size and fails the CRC if an entry lies), so summing them is a
    safe zip-bomb check that costs no decompression.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise InputError(name, _not_a_zip_problem(data)) from exc
    with archive:
        entries = archive.infolist()
        if not any(_MAIN_PART_RE.fullmatch(entry.filename) for entry in entries):
            raise InputError(
                name,
                N_(
                    "is a zip file but not a Word document (no word/document.xml); "
                    "open the letter in Word and save it as .docx"
                ),
            )
        total = sum(entry.file_size for entry in entries)
        if total > limits.max_docx_uncompressed:
            raise InputError(
                name,
                message(
                    N_(
                        "expands to {size}, over the {limit} limit (possible zip bomb); if it "
                        "really is your letter, remove large images or raise max-docx-size in "
                        "config"
                    ),
                    size=_size(total),
                    limit=_size(limits.max_docx_uncompressed),
                ),
            )
        tags = 0
        for entry in entries:
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(entry) as member:
                    raw = member.read(limits.max_docx_uncompressed + 1)
            except _ZIP_ERRORS as exc:
                raise InputError(name, _DAMAGED) from exc
            if any(marker in raw for marker in _DTD_MARKERS):
                raise InputError(
                    name,
                    message(
                        N_(
                            "contains XML entity declarations ({part}), which poa-lint "
                            "refuses for safety; re-save it from Word"
                        ),
                        part=entry.filename,
                    ),
                )
            tags += raw.count(b"<")
            del raw
        if tags > limits.max_xml_tags:
            raise InputError(
                name,
                f"has {tags:,} XML tags, more than the {limits.max_xml_tags:,} poa-lint reads "
                "in a .docx (a long letter has a few tens of thousands); is it the right "
                "file? If so, copy the text into a new document",
            )
    try:
        import docx  # lazy: only .docx letters pay for python-docx and lxml

        document = docx.Document(io.BytesIO(data))
        lines = _DocxExtractor(document, limits.max_chars).extract()
    except InputError:
        raise
    except _TooLong:
        raise InputError(name, too_long_problem(0, limits.max_chars, at_least=True)) from None
    except Exception as exc:
        raise InputError(
            name,
            message(
                N_(
                    "could not be read as a Word document ({reason}); re-save it from Word "
                    "as .docx"
                ),
                reason=_short_reason(exc),
            ),
        ) from exc
    source = _docx_source(lines, name)
    _require_length(source.text, name, limits)
    return source


def _short_reason(exc: BaseException) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return reason if len(reason) <= 120 else reason[:117] + "..."


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w(tag: str) -> str:
    return _W_NS + tag


_P, _TBL, _TR, _TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
_R, _T = _w("r"), _w("t")
_WRAPPERS = frozenset({_w("sdt"), _w("sdtContent"), _w("customXml")})
_BLOCK_CONTAINERS = _WRAPPERS
_INLINE_CONTAINERS = frozenset(
    _w(tag)
    for tag in (
        "hyperlink",
        "ins",
        "smartTag",
        "customXml",
        "sdt",
        "sdtContent",
        "fldSimple",
        "moveTo",
        "dir",
        "bdo",
    )
)
_RUN_TEXT = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("br"): "\n",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "-",
}


def _val(element: Any, child: str) -> str | None:
    """``w:val`` of a direct child, or None when the child is absent."""
    if element is None:
        return None
    found = element.find(_w(child))
    if found is None:
        return None
    value = found.get(_w("val"))
    return None if value is None else str(value)


def _on_off(element: Any, child: str) -> bool | None:
    """A WordprocessingML toggle such as ``<w:b/>`` / ``<w:b w:val="0"/>``; None if unset."""
    if element is None:
        return None
    found = element.find(_w(child))
    if found is None:
        return None
    value = found.get(_w("val"))
    return value is None or str(value).lower() not in ("0", "false", "off")


MAX_LIST_NUMBER = 32_767
"""The largest list number Word lets you start at. A ``w:start`` or ``w:startOverride``
beyond it is clamped: a 4,000-digit start rendered as roman numerals took minutes and
gigabytes, and a letter number of 10**9 was a 115-million-character marker."""
MAX_LIST_LEVEL = 8
"""Word has nine list levels, 0-8; ``w:ilvl`` is clamped to them."""
MAX_LABEL_CHARS = 16
"""The longest rendered number (``xxvii``, ``aaa``); a longer one falls back to digits."""
MAX_MARKER_CHARS = 64
"""``lvlText`` is cut to this many characters before its placeholders are filled, and the
marker after: ``"%1"`` repeated 20,000 times otherwise built a 20,000-number marker."""

_SMALL_INT_RE = re.compile(r"[+-]?\d{1,9}")


def _to_int(value: str | None, default: int, low: int = 0, high: int = MAX_LIST_NUMBER) -> int:
    """An integer attribute of Word's XML, clamped to ``[low, high]``; ``default`` when
    absent or not a number of at most nine digits (``int()`` of a huge digit string is
    slow, and nothing in a letter's numbering needs one)."""
    if value is None:
        return default
    text = value.strip()
    if not _SMALL_INT_RE.fullmatch(text):
        return default
    return min(max(int(text), low), high)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str | None
    start: int


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None


def _parse_level(lvl: Any) -> _Level:
    return _Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText"),
        start=_to_int(_val(lvl, "start"), 1),  # clamped to MAX_LIST_NUMBER
    )


class _Numbering:
    """Just enough of numbering.xml to tell bullets from numbers and render '1.' / 'a)'."""

    def __init__(self, root: Any) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._abstract_link: dict[str, str] = {}  # abstractNumId -> numStyleLink
        self._style_link: dict[str, str] = {}  # styleLink -> abstractNumId
        self._num: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(_w("abstractNum")):
            abstract_id = str(abstract.get(_w("abstractNumId")))
            self._abstract[abstract_id] = {
                _to_int(lvl.get(_w("ilvl")), 0, high=MAX_LIST_LEVEL): _parse_level(lvl)
                for lvl in abstract.iterchildren(_w("lvl"))
            }
            link = _val(abstract, "numStyleLink")
            if link is not None:
                self._abstract_link[abstract_id] = link
            style_link = _val(abstract, "styleLink")
            if style_link is not None:
                self._style_link[style_link] = abstract_id
        for num in root.iterchildren(_w("num")):
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterchildren(_w("lvlOverride")):
                ilvl = _to_int(override.get(_w("ilvl")), 0, high=MAX_LIST_LEVEL)
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _to_int(start, 1)
            abstract_ref = _val(num, "abstractNumId") or ""
            self._num[str(num.get(_w("numId")))] = (abstract_ref, overrides, starts)

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        entry = self._num.get(num_id)
        if entry is None:
            return None
        abstract_id, overrides, starts = entry
        found = overrides.get(ilvl)
        if found is None:
            link = self._abstract_link.get(abstract_id)
            if link is not None:
                abstract_id = self._style_link.get(link, abstract_id)
            found = self._abstract.get(abstract_id, {}).get(ilvl)
        if found is not None and ilvl in starts:
            found = _Level(found.fmt, found.text, starts[ilvl])
        return found


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word's lowerLetter); digits beyond MAX_LABEL_CHARS
    repeats (Word would write the letter hundreds of times)."""
    n = max(n, 1)
    repeat = (n - 1) // 26 + 1
    if repeat > MAX_LABEL_CHARS:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * repeat


def _roman(n: int) -> str:
    """Roman numerals up to 3,999 (mmmcmxcix); digits outside that range."""
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    """A list number as Word shows it, at most MAX_LABEL_CHARS characters."""
    n = min(max(n, 0), 10 * MAX_LIST_NUMBER)  # counters grow by one per paragraph
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and a readable fallback for exotic formats


_PLACEHOLDER_RE = re.compile(r"%([1-9])")


@dataclass
class _DocxLine:
    text: str
    kind: ParagraphKind
    prefix_len: int
    level: int
    marker: str | None
    emphasis: bool
    style: str | None
    source_index: int
    heading_candidate: bool = False


class _TooLong(Exception):
    """The extracted text has passed the character limit (raised while extracting)."""


class _DocxExtractor:
    """Walks the document body in order and produces one line per non-empty paragraph.

    The text is counted as it is extracted, run by run, and extraction stops with
    :class:`_TooLong` as soon as it passes ``max_chars``: a small .docx can describe far
    more text than it holds (numbering, repeated runs), so the cap must hold *while*
    extracting, not only on the result."""

    def __init__(self, document: Any, max_chars: int = DEFAULT_LIMITS.max_chars) -> None:
        self._document = document
        self._max_chars = max_chars
        self._chars = 0
        self._styles = self._load_styles(document)
        self._default_style = self._find_default_style(document)
        self._numbering = _Numbering(self._numbering_root(document))
        self._counters: dict[str, dict[int, int]] = {}
        self._source_index = 0

    # -- setup ---------------------------------------------------------------------------

    @staticmethod
    def _load_styles(document: Any) -> dict[str, _Style]:
        from docx.styles import BabelFish

        styles: dict[str, _Style] = {}
        root = document.styles.element
        for style in root.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            raw_name = _val(style, "name") or str(style_id)
            ppr = style.find(_w("pPr"))
            num_pr = ppr.find(_w("numPr")) if ppr is not None else None
            ilvl = _val(num_pr, "ilvl")
            styles[str(style_id)] = _Style(
                name=str(BabelFish.internal2ui(raw_name)),
                based_on=_val(style, "basedOn"),
                num_id=_val(num_pr, "numId"),
                ilvl=None if ilvl is None else _to_int(ilvl, 0, high=MAX_LIST_LEVEL),
                bold=_on_off(style.find(_w("rPr")), "b"),
            )
        return styles

    @staticmethod
    def _find_default_style(document: Any) -> str | None:
        for style in document.styles.element.iterchildren(_w("style")):
            if style.get(_w("type")) == "paragraph" and _on_off_attr(style.get(_w("default"))):
                value = style.get(_w("styleId"))
                return None if value is None else str(value)
        return None

    @staticmethod
    def _numbering_root(document: Any) -> Any:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            return document.part.part_related_by(RT.NUMBERING).element
        except (KeyError, NotImplementedError):
            return None

    # -- style chain -----------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def _inherited(self, style_id: str | None, pick: Callable[[_Style], Any]) -> Any:
        for style in self._chain(style_id):
            value = pick(style)
            if value is not None:
                return value
        return None

    # -- walking -----------------------------------------------------------------------------

    def _blocks(self, parent: Any, lines: list[_DocxLine]) -> None:
        """Paragraphs and tables in document order (content controls looked into)."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                line = self._paragraph(child, in_table=False)
                if line is not None:
                    lines.append(line)
            elif tag == _TBL:
                self._table(child, lines)
            elif tag in _BLOCK_CONTAINERS:
                self._blocks(child, lines)

    def _paragraph(self, p: Any, *, in_table: bool) -> _DocxLine | None:
        """One paragraph as a line (None when it has no visible text). Every paragraph,
        empty or not, counts for the 1-based paragraph numbers in findings."""
        self._source_index += 1
        runs_with_text = []
        for run in self._runs(p, []):
            run_text = self._run_text(run)
            self._count(len(run_text))
            runs_with_text.append((run, run_text))
        text = "".join(text for _, text in runs_with_text).strip()
        if not text:
            return None
        line = self._line(p, text, runs_with_text, in_table, self._source_index)
        self._count(line.prefix_len + 1)  # the marker and the line break
        return line

    # -- tables --------------------------------------------------------------------------

    def _table(self, table: Any, lines: list[_DocxLine]) -> None:
        """A table is read row by row, in order, each row one ``table_cell`` line of its
        cells joined by ' | ': "We refunded 14 buyers | Anna | 3 March" is one item of the
        letter, with its date. A header row ("Root cause | Corrective action | Preventive
        measure", or a row Word repeats as a header) is a heading that names no part, so
        it opens none and is no item. A table of one column is a layout box (a frame around
        text), read as ordinary paragraphs.
        """
        rows = [(row, list(_cells_of_row(row))) for row in _rows_of(table)]
        if all(len(cells) <= 1 for _, cells in rows):
            for _, cells in rows:
                for cell in cells:
                    self._blocks(cell, lines)
            return
        read: list[tuple[Any, list[str], int]] = []
        for row, cells in rows:
            texts: list[str] = []
            first_index: int | None = None
            for cell in cells:
                text, index = self._cell_text(cell)
                if text:
                    texts.append(text)
                    first_index = index if first_index is None else first_index
            if texts and first_index is not None:
                read.append((row, texts, first_index))
        for position, (row, texts, index) in enumerate(read):
            header = _is_header_row(row, texts, position, read)
            lines.append(
                _DocxLine(
                    text=" | ".join(texts),
                    kind="heading" if header else "table_cell",
                    prefix_len=0,
                    level=1 if header else 0,
                    marker=None,
                    emphasis=False,
                    style=None,
                    source_index=index,
                )
            )

    def _cell_text(self, cell: Any) -> tuple[str, int | None]:
        """The visible text of a cell (its paragraphs, list markers and nested tables, in
        order, on one line) and the number of its first paragraph with text."""
        parts: list[str] = []
        first: int | None = None
        for p in _paragraphs_of(cell):
            line = self._paragraph(p, in_table=True)
            if line is None:
                continue
            first = line.source_index if first is None else first
            parts.append(" ".join(line.text.split()))
        joined = ""
        for part in parts:
            if joined:
                joined += " " if joined.endswith(_CELL_SENTENCE_END) else "; "
            joined += part
        return joined, first

    def _runs(self, parent: Any, out: list[Any]) -> list[Any]:
        """Visible runs, including those in hyperlinks, tracked insertions and content
        controls; deleted text, field codes and hidden (``w:vanish``) text are left out."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _R:
                if not _on_off(child.find(_w("rPr")), "vanish"):
                    out.append(child)
            elif tag in _INLINE_CONTAINERS:
                self._runs(child, out)
        return out

    @staticmethod
    def _run_text(run: Any) -> str:
        parts: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            else:
                parts.append(_RUN_TEXT.get(tag, ""))
        return "".join(parts)

    def _all_bold(self, runs_with_text: list[tuple[Any, str]], style_id: str | None) -> bool:
        visible = [run for run, text in runs_with_text if text.strip()]
        if not visible:
            return False
        style_bold = self._inherited(style_id, lambda s: s.bold)
        for run in visible:
            rpr = run.find(_w("rPr"))
            bold = _on_off(rpr, "b")
            if bold is None:
                char_style = _val(rpr, "rStyle")
                bold = self._inherited(char_style, lambda s: s.bold)
            if bold is None:
                bold = style_bold
            if not bold:
                return False
        return True

    # -- numbering -------------------------------------------------------------------------

    def _list_marker(self, num_id: str | None, ilvl: int, style_name: str) -> str | None:
        """The marker Word displays ('•', '2.', 'b)'), advancing the list's counters.

        The format comes from numbering.xml when the paragraph (or its style) has numbering,
        else from the style name ('List Number...' is numbered, anything else a bullet).
        Counters are kept per numId (per style name for style-only lists) and level, so a
        different list starts from its own start value; a deeper level restarts whenever a
        shallower item appears.
        """
        level = self._numbering.level(num_id, ilvl) if num_id is not None else None
        key = f"num:{num_id}"
        if level is None:
            numbered = "number" in style_name.lower()
            level = _Level("decimal" if numbered else "bullet", None, 1)
            if num_id is None:
                key = f"style:{style_name}"
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "•"
        if level.fmt == "none":
            return None

        def render(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            at_level = (
                self._numbering.level(num_id, at) if num_id is not None and at != ilvl else None
            )
            at_level = at_level or level
            return _format_number(counters.get(at, at_level.start), at_level.fmt)

        template = level.text[:MAX_MARKER_CHARS] if level.text else f"%{ilvl + 1}."
        marker = _PLACEHOLDER_RE.sub(render, template).strip()[:MAX_MARKER_CHARS]
        return marker or None

    # -- extraction ------------------------------------------------------------------------

    def extract(self) -> list[_DocxLine]:
        lines: list[_DocxLine] = []
        self._source_index = 0
        self._blocks(self._document.element.body, lines)
        self._guess_headings(lines)
        return lines

    def _count(self, chars: int) -> None:
        self._chars += chars
        if self._chars > self._max_chars:
            raise _TooLong

    def _line(
        self,
        p: Any,
        text: str,
        runs_with_text: list[tuple[Any, str]],
        in_table: bool,
        source_index: int,
    ) -> _DocxLine:
        ppr = p.find(_w("pPr"))
        style_id = _val(ppr, "pStyle") or self._default_style
        style_name = self._styles[style_id].name if style_id in self._styles else None
        name = style_name or ""
        lowered = name.lower()
        emphasis = self._all_bold(runs_with_text, style_id)

        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(num_pr, "numId")
        if num_id is None:
            num_id = self._inherited(style_id, lambda s: s.num_id)
        numbered = num_id is not None and num_id != "0"
        # Two levels: ``ilvl`` indexes numbering.xml; ``depth`` is the nesting the reader sees.
        # They differ for 'List Number 2', whose own single-level list sits one level deeper.
        explicit = _val(num_pr, "ilvl")
        inherited = self._inherited(style_id, lambda s: s.ilvl) if explicit is None else None
        trailing = re.search(r"(?<!\d)(\d{1,2})$", name) if lowered.startswith("list") else None
        if explicit is not None:
            depth = _to_int(explicit, 0, high=MAX_LIST_LEVEL)
        elif inherited is not None:
            depth = int(inherited)
        else:
            depth = max(int(trailing.group(1)) - 1, 0) if trailing else 0
        depth = min(max(depth, 0), 8)
        known_level = explicit is not None or inherited is not None
        ilvl = depth if known_level or not numbered else 0
        list_style = lowered.startswith(("list bullet", "list number"))

        heading_level = None if in_table else self._heading_level(style_id)
        kind: ParagraphKind = "table_cell" if in_table else "body"
        level = 0
        marker: str | None = None
        if numbered or list_style:
            # Numbered headings ('1. Root cause' in Heading 1) keep their marker too.
            marker = self._list_marker(num_id if numbered else None, ilvl, name)
            level = depth
            if not in_table:
                kind = "list_item"
        elif lowered.startswith("list paragraph") and not in_table:
            kind = "list_item"  # Word shows no marker without numbering; we invent none
        if heading_level is not None:
            kind = "heading"
            level = heading_level
        prefix = f"{marker} " if marker else ""
        line = _DocxLine(
            text=prefix + text,
            kind=kind,
            prefix_len=len(prefix),
            level=level,
            marker=marker,
            emphasis=emphasis,
            style=style_name,
            source_index=source_index,
        )
        if kind == "body":
            typed = _list_match(text)
            if typed is not None:  # a marker typed by hand: '1. ', '• '
                line.kind = "list_item"
                line.marker = typed.group("marker")
                line.prefix_len = typed.end()
            else:
                line.heading_candidate = True
        return line

    def _heading_level(self, style_id: str | None) -> int | None:
        """'Heading N' -> N (also for styles based on one); 'Title' -> 0, above Heading 1."""
        for style in self._chain(style_id):
            lowered = style.name.lower()
            if lowered == "title":
                return 0
            if lowered.startswith("heading"):
                digits = re.search(r"\d{1,2}", lowered)  # Heading 1-9; never a huge int()
                return int(digits.group(0)) if digits else 1
        return None

    @staticmethod
    def _guess_headings(lines: list[_DocxLine]) -> None:
        """Apply the plain-text heading rules to unstyled paragraphs, so a letter is
        structured the same whether it was saved as .txt or .docx."""
        zones = _zones([line.text for line in lines])
        for index, line in enumerate(lines):
            if not line.heading_candidate or index == len(lines) - 1:
                continue
            zone = zones[index]
            if zone in ("body", "pre") and _looks_like_heading(
                line.text, emphasis=line.emphasis, title_case_ok=zone == "body"
            ):
                line.kind = "heading"
                line.level = 1


_CELL_SENTENCE_END = (".", "!", "?", ":", ";", "。", "！", "？")
_TITLE_MAX_WORDS = 5


def _in_order(parent: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, also those wrapped in content controls (``w:sdt``)."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _in_order(child, tag)


def _rows_of(table: Any) -> Iterator[Any]:
    return _in_order(table, _TR)


def _cells_of_row(row: Any) -> Iterator[Any]:
    return _in_order(row, _TC)


def _paragraphs_of(cell: Any) -> Iterator[Any]:
    """A cell's paragraphs in order, those of nested tables included (read flat)."""
    for child in cell.iterchildren():
        if child.tag == _P:
            yield child
        elif child.tag in _WRAPPERS or child.tag in (_TBL, _TR, _TC):
            yield from _paragraphs_of(child)


def _is_header_row(
    row: Any, texts: Sequence[str], position: int, rows: Sequence[tuple[Any, list[str], int]]
) -> bool:
    """The first row of a table is its header when Word repeats it as one (``w:tblHeader``)
    or when its cells are all short titles and some later row holds real text."""
    if position != 0 or len(texts) < 2:
        return False
    if _on_off(row.find(_w("trPr")), "tblHeader"):
        return True
    return all(_is_title(text) for text in texts) and any(
        not _is_title(text) for _, later, _ in rows[1:] for text in later
    )


def _is_title(text: str) -> bool:
    return len(text.split()) <= _TITLE_MAX_WORDS and text.rstrip()[-1:] not in _CELL_SENTENCE_END


def _on_off_attr(value: Any) -> bool:
    return value is not None and str(value).lower() in ("1", "true", "on")


def _docx_source(lines: list[_DocxLine], name: str) -> SourceText:
    """Join the extracted lines with '\\n' and record each one's offsets."""
    paragraphs: list[Paragraph] = []
    chunks: list[str] = []
    offset = 0
    for line in lines:
        if chunks:
            chunks.append("\n")
            offset += 1
        chunks.append(line.text)
        paragraphs.append(
            Paragraph(
                start=offset,
                end=offset + len(line.text),
                kind=line.kind,
                content_start=offset + line.prefix_len if line.prefix_len else None,
                level=line.level,
                marker=line.marker,
                emphasis=line.emphasis,
                style=line.style,
                source_index=line.source_index,
            )
        )
        offset += len(line.text)
    if not paragraphs:
        raise InputError(name, "has no text; nothing to check (is it the right file?)")
    return SourceText(text="".join(chunks), paragraphs=tuple(paragraphs), path=name, format="docx")
