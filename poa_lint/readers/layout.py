"""The look of a line: list markers, headings, and where the salutation and closing are.

Shared by the plain-text reader and the .docx reader (for paragraphs Word gives no style),
so a letter is structured the same whether it was saved as .txt or .docx. Every test here
is an anchored regex or a bounded scan of one short line: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

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

CLOSERS = "\"'”’)]*_»」』"
"""What may close a line after its last word (quotes, brackets, markdown emphasis)."""
_NOT_HEADING_END = ".,;!。，；！"
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "to", "in", "on", "at", "by"}
    | {"with", "from", "as", "per", "vs", "vs.", "via", "into", "onto", "&"}
)
_HEADING_MAX_WORDS = 8
_HEADING_MAX_CHARS = 120

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


Zone = Literal["pre", "salutation", "body", "closing"]
"""Where a line sits in the letter (see :func:`zones`)."""


def list_match(content: str) -> re.Match[str] | None:
    """A list marker at the start of a line ('- ', '2. ', '(b) ', '1.Root cause'), or None."""
    return _LIST_RE.match(content) or _TIGHT_NUMBER_RE.match(content)


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


def zones(contents: Sequence[str]) -> list[Zone]:
    """Where each non-blank line sits in the letter: before the salutation, the salutation
    itself, the body, or the closing (valediction and signature).

    Headings and hard-wrap merging are only guessed in the body: letterhead and signature
    lines ('ABC Trading LLC', 'John Smith') are short, capitalised and unpunctuated, exactly
    like headings, and must stay separate body lines.
    """
    n = len(contents)
    where: list[Zone] = ["body"] * n
    for i in range(min(n, 15)):
        if _is_salutation(contents[i]):
            for j in range(i):
                where[j] = "pre"
            where[i] = "salutation"
            break
    for i in range(max(0, n - 12), n):
        if where[i] == "body" and _is_valediction(contents[i]):
            for j in range(i, n):
                where[j] = "closing"
            break
    return where


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


def looks_like_heading(content: str, *, emphasis: bool, title_case_ok: bool) -> bool:
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
    tail = content.rstrip(CLOSERS)
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
