"""POA802 decorative-symbols: emoji and pictographic symbols in a business letter.

It works on characters and Unicode properties, not on spaCy tokens: the English tokenizer
glues a run of Chinese into one token, splits emoji sequences oddly and has no idea what a
script is, while ``unicodedata`` answers exactly the question asked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from ..texts import N_, counted
from ._non_ascii import NON_ASCII
from .base import Hit, Options

if TYPE_CHECKING:
    from ..letter import Letter
    from ..source import Paragraph


# Symbols (category So) with a job to do in a business letter: legal marks after a brand
# (Acme™, Acme®, © 2024), units and signs on packaging and test reports (°, ℃, ℉, ℮, №).
_LEGITIMATE_SYMBOLS = frozenset("©®™℠℗°℃℉℮№¦")


# Simple geometric shapes that word processors and e-mail clients use as list bullets. As the
# marker of a list item they are plain bullets; anywhere else ('●●● IMPORTANT ●●●') they are
# decoration.
_PLAIN_BULLET_SHAPES = frozenset("▪▫●○■□◆◇◦")


# Emoji that are not in category So.
_EMOJI_NOT_SO = frozenset("‼⁉〽〰")


# Invisible parts of emoji sequences: variation selectors, zero-width joiner, keycap,
# skin-tone modifiers and tag characters. They belong to the symbol before them.
_KEYCAP = "\u20e3"


def _is_emoji_part(ch: str) -> bool:
    cp = ord(ch)
    return (
        cp in (0xFE0E, 0xFE0F, 0x200D, 0x20E3)
        or 0x1F3FB <= cp <= 0x1F3FF
        or 0xE0020 <= cp <= 0xE007F
    )


def _is_decorative(ch: str) -> bool:
    """Emoji and pictographic symbols: Unicode category So, minus the legitimate marks above,
    box drawing (plain-text tables) and the CJK unit squares (㎜, ㎏) that Chinese input
    methods produce. Math (± × → ⇒ are Sm), currency (Sc) and punctuation bullets (• · are
    Po) are never decorative."""
    if ch in _EMOJI_NOT_SO:
        return True
    if unicodedata.category(ch) != "So" or ch in _LEGITIMATE_SYMBOLS:
        return False
    cp = ord(ch)
    return not (0x2500 <= cp <= 0x257F or 0x3200 <= cp <= 0x33FF)


_KEYCAP_BASES = "0123456789#*"


def _is_keycap_base(text: str, i: int) -> bool:
    """'1' in '1️⃣' (digit, optional variation selector, combining keycap)."""
    return text[i] in _KEYCAP_BASES and _KEYCAP in text[i + 1 : i + 3]


def _decorative_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each cluster of decorative symbols.

    A cluster is one or more symbols with their emoji joiners, separated by at most spaces
    ('★ ★ ★' is one finding, not three). A keycap digit ('1️⃣') counts as a symbol. Only
    non-ASCII characters can start a cluster, so the scan jumps between them with a regex
    and costs nothing on the plain English bulk of a letter.
    """
    n = len(text)
    resume = 0
    for candidate in NON_ASCII.finditer(text):
        i = candidate.start()
        if i < resume:
            continue
        if i > resume and _is_keycap_base(text, i - 1):
            i -= 1  # the keycap's digit is ASCII; the cluster starts there
        elif not _is_decorative(text[i]):
            continue
        start = end = i
        j = i
        while j < n:
            c = text[j]
            if _is_decorative(c) or _is_emoji_part(c) or _is_keycap_base(text, j):
                j += 1
                end = j
            elif c in " \t":
                j += 1
            else:
                break
        yield start, end
        resume = end


class DecorativeSymbolsOptions(Options):
    """``list-style``: ``bullets`` (default) accepts plain bullet and numbered lists;
    ``prose`` flags them too, for houses that follow the seed advising against symbols and
    numbering. Set it once at the top level (``list-style = "prose"``)."""

    list_style: Literal["bullets", "prose"] = "bullets"


def _marker_span(letter: Letter, paragraph: Paragraph) -> tuple[int, int]:
    """Where a list item's marker is in the text ('-', '1.', '•')."""
    if paragraph.content_start is not None and paragraph.content_start > paragraph.start:
        end = paragraph.content_start
        while end > paragraph.start and letter.text[end - 1] in " \t":
            end -= 1
        return paragraph.start, end
    return paragraph.start, paragraph.start


def _list_blocks(letter: Letter) -> list[list[Paragraph]]:
    """Runs of consecutive list items: one list, one finding in ``prose`` style."""
    blocks: list[list[Paragraph]] = []
    previous_was_item = False
    for paragraph in letter.paragraphs:
        if paragraph.kind == "list_item":
            if previous_was_item:
                blocks[-1].append(paragraph)
            else:
                blocks.append([paragraph])
            previous_was_item = True
        else:
            previous_was_item = False
    return blocks


def _at_line_start(text: str, start: int, end: int) -> bool:
    """True when a single symbol opens its line and text follows: it is used as a list marker
    even if the reader did not recognise the line as a list item ('✅ We refunded')."""
    if sum(1 for ch in text[start:end] if _is_decorative(ch)) > 1:
        return False  # '★★★ IMPORTANT': a banner, not a marker
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if text[line_start:start].strip():
        return False
    rest = text[end : end + 2]
    return rest[:1] in (" ", "\t") and bool(rest.strip())


_MARKER_MESSAGE = N_(
    "Decorative list marker {match}: a Plan of Action is a business letter; "
    'use a plain "-" or "•" (or numbers) for list items.'
)


def decorative_symbols(letter: Letter, options: DecorativeSymbolsOptions) -> Iterator[Hit]:
    """POA802: emoji and decorative symbols; under ``list-style = "prose"`` also list markers.

    A plain bullet shape (● ■ ▪ ◆ …) in a list item's marker position is a bullet, not
    decoration. Arrows in running text ('1.2 L → 1.0 L') are math symbols (Sm) and are not
    flagged; pictographic arrows used as markers (➤ ► ➢) are, because the guidance lists
    them as decoration and a hyphen or • does the same job. A decorative marker gets its own
    message and a plain "-" as the suggested replacement.
    """
    text = letter.text
    markers = {p.start: _marker_span(letter, p) for p in letter.paragraphs if p.kind == "list_item"}
    decorated_markers: set[int] = set()
    for start, end in _decorative_runs(text):
        span = markers.get(start)
        match = text[start:end]
        if (span is not None and start < span[1]) or _at_line_start(text, start, end):
            if match in _PLAIN_BULLET_SHAPES:
                continue  # '● item': a plain bullet in the marker position
            decorated_markers.add(start)
            yield Hit(
                start=start,
                end=end,
                message=_MARKER_MESSAGE,
                suggestion="-",
                values={"match": match},
            )
        else:
            yield Hit(start=start, end=end, values={"match": match})
    if options.list_style != "prose":
        return
    for block in _list_blocks(letter):
        first = block[0]
        if first.start in decorated_markers:
            continue  # already reported as decoration
        start, _ = _marker_span(letter, first)
        items = len(block)
        yield Hit(
            start=start,
            end=first.end,
            message=counted(
                'A list of {count} item: the house style (list-style = "prose") asks for '
                "paragraphs; rewrite the items as sentences.",
                'A list of {count} items: the house style (list-style = "prose") asks for '
                "paragraphs; rewrite the items as sentences.",
                items,
            ),
            suggestion=N_("Write the items as a short paragraph of full sentences."),
            values={"match": text[start : first.end]},
        )
