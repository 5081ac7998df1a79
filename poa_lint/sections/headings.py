"""Headings and labels: which part of the letter a paragraph starts, if any.

A heading line ("Why this happened", "2) Corrective actions taken", a .docx Heading style)
names a part and carries nothing else; an inline label ("Root cause: our boxes were too
thin.") names a part and is followed by its content; a sentence ending in a colon that
introduces a list ("This is what we changed:") heads that list. Which part a heading
names is :func:`poa_lint.section_cues.classify_heading`'s answer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..section_cues import LEADING_NUMBER, PartKind, classify_heading

if TYPE_CHECKING:
    from ..letter import Letter
    from ..source import Paragraph

_LABEL = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z /&',-]{2,70}?)\s*(?:\*\*|__)?\s*[:：]"
    r"\s*(?:\*\*|__)?\s*(?P<rest>\S)"
)
# "To fix the listing, we …" / "To stop this from happening again, …": an opening purpose
# clause labels the paragraph the way "Corrective actions:" would.
_PURPOSE = re.compile(r"^(?P<label>To\s+[^,.;:]{3,60}),\s+(?P<rest>\S)")
EMAIL_HEADER = re.compile(r"^(?:subject|re|fwd?|title|from|to|date|cc)\s*:", re.IGNORECASE)
"""An e-mail header line ("Subject: …", "From: …"): neither a part nor an item of one."""
_FINAL_PUNCT = (".", "!", "?", ",", ";")
SIGN_OFF = re.compile(
    r"^(?:sincerely|best regards|kind regards|regards|yours (?:truly|faithfully|sincerely)|"
    r"thank you|thanks|respectfully|best wishes|dear\b)",
    re.IGNORECASE,
)
"""A salutation or sign-off ("Sincerely", "Dear team"): no heading, and no part's content."""

#: A sentence ending in a colon may introduce the list of a part ("This is how we will keep
#: our late dispatch rate under 4% from now on:"), up to this many words; so may one that
#: counts the causes ("There were two reasons for this.").
_INTRO_WORDS = 25
_COUNTED_CAUSES = re.compile(
    r"\b(?:two|three|four|five|six|several|main|these|2|3|4|5)\s+(?:\w+\s+)?"
    r"(?:causes?|reasons?|mistakes?|errors?|failures?|problems?|issues?|factors?)\b",
    re.IGNORECASE,
)


def heading_of(
    letter: Letter, paragraph: Paragraph, next_paragraph: Paragraph | None = None
) -> tuple[PartKind | None, bool, int]:
    """(kind, is_heading_line, label_end) for a paragraph.

    A heading line names a part and carries nothing else; an inline label ("Root cause: …")
    names a part and is followed by content starting at ``label_end``. A sentence that ends
    in a colon and introduces a list heads that list like a heading.
    """
    text = letter.text[paragraph.body_start : paragraph.end]
    stripped = text.strip()
    if not stripped:
        return None, False, -1
    if "|" in stripped or EMAIL_HEADER.match(stripped):
        # A table row ("Issue | What we did | Date") is content; "Subject: Plan of Action
        # for ASIN …" is the e-mail's title, not a part of the letter.
        return None, False, -1
    words = stripped.split()
    # A question is a fine heading ("Q1. What caused the issue?"); a statement is not.
    looks_like_heading = paragraph.kind == "heading" or (
        len(words) <= (14 if stripped.endswith("?") else 9)
        and not stripped.rstrip("?").endswith(_FINAL_PUNCT)
        and not SIGN_OFF.match(stripped)
    )
    if looks_like_heading:
        kind = classify_heading(stripped)
        if kind is not None:
            return kind, True, -1
    if (
        (stripped.endswith((":", "：")) or _COUNTED_CAUSES.search(stripped))
        and next_paragraph is not None
        and next_paragraph.kind == "list_item"
        and len(words) <= _INTRO_WORDS
    ):
        kind = classify_heading(stripped, limit=_INTRO_WORDS)
        if kind is not None:
            # Like a label whose content is the sentence itself: "I solved the problems by
            # submitting the following:" also says what was done.
            return kind, False, paragraph.body_start
    unnumbered = LEADING_NUMBER.sub("", stripped)
    match = _LABEL.match(unnumbered)
    purpose = None if match else _PURPOSE.match(unnumbered)
    match = match or purpose
    if match:
        kind = classify_heading(match.group("label"))
        if purpose is not None and kind not in ("corrective", "preventive"):
            # "To address the issues raised, we …" is about actions: it names no cause.
            kind = None
        if kind is not None:
            offset = text.index(stripped) + (len(stripped) - len(LEADING_NUMBER.sub("", stripped)))
            return kind, False, paragraph.body_start + offset + match.start("rest")
    return None, False, -1
