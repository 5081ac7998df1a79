"""Size limits for untrusted input, and the counts they are judged by.

A POA letter is a few kilobytes. Text far beyond that is almost certainly the wrong file,
and refusing it before any NLP runs keeps memory and time bounded. The counts here
(characters, lines, spaCy-like tokens) are made without spaCy, in one linear pass, and are
shared by every reader and by ``api.lint``, so a file and a string meet the same caps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..texts import N_, Template, message

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What ends a line: ``\\r\\n``, ``\\r`` or ``\\n`` (as an editor counts them)."""


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


def human_size(n: int) -> str | Template:
    """Human size for messages: '5 MB', '6.2 MB', '120 KB', '900 bytes'."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g} MB"
    if n >= 1_000:
        return f"{n / 1_000:.3g} KB"
    return message(N_("{count} bytes"), count=n)


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
    return LINE_BREAK.subn("", text)[1] + (0 if text.endswith(("\n", "\r")) else 1)


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
    # Every line but the last ends in a character and every word or mark takes one (a line
    # break counts once more): a text this short cannot exceed either cap, so an ordinary
    # letter is not walked twice before its parse.
    if len(text) + 1 <= limits.max_lines and 2 * len(text) <= limits.max_words:
        return None
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


def require_length(text: str, path: str, limits: ReadLimits) -> None:
    """Raise :class:`InputError` when ``text`` is over a cap (see :func:`size_problem`)."""
    problem = size_problem(text, limits)
    if problem is not None:
        raise InputError(path, problem)
