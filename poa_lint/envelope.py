"""The letter inside what a seller pastes: e-mail headers, forum chatter, signature, history.

Real drafts rarely arrive as a bare letter. A seller pastes the e-mail reply they are about
to send (``From:``/``Subject:`` lines above, a signature and Amazon's quoted message below),
a forum post ("Hi all, got suspended … here is my POA, any feedback?" then the letter between
dashed lines, then "EDIT: …"), or a form with "Store name: …" fields above the salutation.
Those parts are not the letter a reviewer judges: forum slang is not the letter's tone,
Amazon's quoted "you violated our policy" is not the seller's denial, a signature is not a
root cause, and quoted history does not make the letter too long.

This module finds the **body** — from the salutation (or the first line of letter text) to
the sign-off (or to where quoted history begins) — from the paragraph map alone, with no
parse, so that sections, tone, length and relevance rules read the letter and nothing else.
Hygiene rules (placeholders, non-English text) still read everything: "[Your Name]" in a
signature is exactly what they are for.

It errs on the side of the letter: text is only left out when it has the marks of an
envelope (header lines, a greeting to a forum, a separator line, a short sign-off, an
"On … wrote:" line). A long opening without such marks stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Paragraph, SourceText

_HEADER = re.compile(
    r"^\s*(?:from|sent|to|cc|bcc|date|subject|re|fwd?|reply-to|importance)\s*:", re.IGNORECASE
)
_SALUTATION = re.compile(
    r"^\s*(?:dear|hello|hi|hey|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"to\s+whom\s+it\s+may\s+concern|attn|attention)\b",
    re.IGNORECASE,
)
# A greeting to a forum or a group of peers, not to Amazon ("Hi all", "Hello everyone").
_FORUM_AUDIENCE = re.compile(
    r"\b(?:all|everyone|everybody|guys|folks|friends|fellow|community|y'all|sellers|forum)\b",
    re.IGNORECASE,
)
_TO_AMAZON = re.compile(
    r"\b(?:amazon|seller\s+performance|performance\s+team|seller\s+support|account\s+health|"
    r"team|sir|madam|reviewer|executive|verification|notifications?)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*+(?:(?:with\s++)?(?:kind|best|warm|warmest|many|sincere)?\s*+(?:regards|wishes|thanks)|"
    r"sincerely(?:\s+yours)?|yours\s+(?:sincerely|faithfully|truly|respectfully)|"
    r"respectfully(?:\s+yours)?|thank\s+you(?:\s+(?:very\s+much|again|kindly))?|"
    r"best|cheers|cordially|thanks(?:\s+again)?|此致敬礼|此致)\s*+[,.!，。]?\s*$",
    re.IGNORECASE,
)
#: A mail client's forwarded/original-message marker; shared with the pasted-debris check.
FORWARD_MARKER = r"-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}|begin\s+forwarded\s+message"
# Where quoted history begins: Gmail's "On … wrote:", Outlook's separator lines.
_HISTORY = re.compile(
    rf"^\s*(?:on\s.{{4,200}}\bwrote:\s*$|{FORWARD_MARKER}|_{{5,}}\s*$)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^\s*(?:[-=_*~#]\s*){3,}$")
_CHATTER = re.compile(
    r"\b(?:(?:any\s+(?:feedback|advice|thoughts|help|tips|suggestions)|here\s+is\s+my|"
    r"here's\s+my|here\s+it\s+is|below\s+is\s+my|thanks\s+in\s+advance|tia|lurker|"
    r"first\s+post|posted\s+by|be\s+(?:brutal|honest))\b|thoughts\?|(?:edit|update)\s*\d*\s*:)",
    re.IGNORECASE,
)
_EDIT = re.compile(r"^\s*(?:edit|update|ps|p\.s\.)\s*\d*\s*[:：]", re.IGNORECASE)
#: An opening this short is a title or a form ("Store name: …") rather than letter text.
_SHORT_PREAMBLE_WORDS = 60
#: A sign-off needs this much letter before it ("Thanks," can open a two-line note).
_MIN_BODY_WORDS = 30


@dataclass(frozen=True)
class Envelope:
    """The letter's body, and the spans around it that are not the letter.

    ``outside`` is everything that is not the body; ``foreign`` the part of it that is not
    the seller's writing at all: the e-mail header block and quoted history (Amazon's
    message), where even hygiene rules have nothing to say.
    """

    body_start: int
    body_end: int
    outside: tuple[tuple[int, int], ...]
    foreign: tuple[tuple[int, int], ...] = ()

    def in_foreign(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.foreign)

    def in_body(self, start: int, end: int | None = None) -> bool:
        """True when ``start`` (and ``end``, if given) fall inside the body."""
        last = start if end is None else max(start, end - 1)
        return self.body_start <= start and last < max(self.body_end, self.body_start + 1)


def _text(source: SourceText, paragraph: Paragraph) -> str:
    return source.text[paragraph.start : paragraph.end]


def _words(text: str) -> int:
    return len(text.split())


def _quoted(text: str) -> bool:
    return text.lstrip().startswith(">")


def find_envelope(source: SourceText) -> Envelope:
    """The body of the letter in ``source``, from its paragraph map."""
    text = source.text
    paragraphs: list[Paragraph] = []
    #: separated[i]: a separator line ("-----") stands just before paragraphs[i]. Readers
    #: may keep such a line as a paragraph or drop it as a markdown rule: look at both.
    separated: list[bool] = []
    gap_start = 0
    pending = False
    for paragraph in source.paragraphs:
        body = text[paragraph.start : paragraph.end]
        gap = text[gap_start : paragraph.start]
        gap_start = paragraph.end
        pending = pending or any(_SEPARATOR.match(line) for line in gap.splitlines())
        if _SEPARATOR.match(body):
            pending = True
            continue
        if body.strip():
            paragraphs.append(paragraph)
            separated.append(pending)
            pending = False
    trailing_separator = pending or any(
        _SEPARATOR.match(line) for line in text[gap_start:].splitlines()
    )
    end_of_text = len(text)
    if not paragraphs:
        return Envelope(0, end_of_text, ())
    texts = [_text(source, p) for p in paragraphs]

    first = 0
    while first < len(paragraphs) and _HEADER.match(texts[first]):
        first += 1
    if first == len(paragraphs):
        return Envelope(0, end_of_text, ())
    start = _body_start(texts, separated, first)
    end = _body_end(texts, separated, start, trailing_separator)
    foreign = []
    if first > 0:
        foreign.append((0, paragraphs[first].start))
    history = _history_start(texts, max(start, end - 1))
    if history is not None:
        foreign.append((paragraphs[history].start, end_of_text))
    if end <= start:
        return Envelope(0, end_of_text, (), tuple(foreign))

    body_start = paragraphs[start].start
    body_end = paragraphs[end - 1].end
    outside = []
    if body_start > 0:
        outside.append((0, body_start))
    if body_end < end_of_text:
        outside.append((body_end, end_of_text))
    return Envelope(body_start, body_end, tuple(outside), tuple(foreign))


def _history_start(texts: list[str], after: int) -> int | None:
    """The first paragraph of quoted history after the body: a history marker, or the
    first of the quoted ('> ') lines that run to the end."""
    for i in range(after + 1, len(texts)):
        if _HISTORY.match(texts[i]):
            return i
    i = len(texts)
    while i - 1 > after and _quoted(texts[i - 1]):
        i -= 1
    return i if i < len(texts) else None


def _body_start(texts: list[str], separated: list[bool], first: int) -> int:
    """The salutation, when what comes before it is a title, a form, forum chatter or a
    separator; otherwise the first paragraph after the e-mail headers."""
    greetings = [
        i
        for i in range(first, len(texts))
        if _SALUTATION.match(texts[i])
        and _words(texts[i]) <= 15
        and not _FORUM_AUDIENCE.search(texts[i])
        and not _quoted(texts[i])
    ]
    # A consultant's cover note ("Hi Sam, here is the final POA …") comes before the letter:
    # the letter is the one greeting Amazon, when there is one.
    to_amazon = [i for i in greetings if _TO_AMAZON.search(texts[i])]
    chosen = to_amazon or greetings
    salutation = chosen[0] if chosen else None
    if salutation is not None:
        preamble = texts[first:salutation]
        if (
            sum(_words(t) for t in preamble) <= _SHORT_PREAMBLE_WORDS
            or any(_CHATTER.search(t) for t in preamble)
            or separated[salutation]
            or all(_HEADER.match(t) for t in preamble)
        ):
            return salutation
        return first
    # A forum post with no salutation in the letter: chatter, a separator, the letter.
    for i in range(first + 1, len(texts)):
        if separated[i]:
            return i if any(_CHATTER.search(t) for t in texts[first:i]) else first
    return first


def _body_end(texts: list[str], separated: list[bool], start: int, trailing: bool) -> int:
    """One past the body's last paragraph: the sign-off or the start of quoted history,
    else the end less any trailing notes, chatter and signature."""
    body_words = 0
    for i in range(start, len(texts)):
        text = texts[i]
        if i > start and _HISTORY.match(text) and not _letter_continues(texts[i + 1 :]):
            # Quoted history; a "-----Original Message-----" with the letter's own parts
            # after it is debris pasted into the letter, which POA701 reports.
            return _without_signature(texts, start, i)
        if body_words >= _MIN_BODY_WORDS and _SIGN_OFF.match(text) and not _quoted(text):
            return i
        body_words += _words(text)
    end = len(texts)
    while end - 1 > start and (_EDIT.match(texts[end - 1]) or _quoted(texts[end - 1])):
        end -= 1
    for i in range(end - 1, start, -1):
        if separated[i] and any(_CHATTER.search(t) for t in texts[i:end]):
            end = i
            break
    return _without_signature(texts, start, end)


def _without_signature(texts: list[str], start: int, end: int) -> int:
    """``end`` less a signature block with no sign-off word before it: short lines without
    a full stop (name, title, phone, address, "Sent from my iPhone") after the letter's
    closing sentence."""
    signature = end
    while (
        signature - 1 > start
        and _words(texts[signature - 1]) <= 8
        and not texts[signature - 1].rstrip().endswith((".", "!", "?", ":", ";", "。"))
    ):
        signature -= 1
    if signature < end and texts[signature - 1].rstrip().endswith((".", "!", "。")):
        return signature
    return end


_FROM_AMAZON = re.compile(r"^\s*from\s*:.*\bamazon\.", re.IGNORECASE)


def _letter_continues(texts: list[str]) -> bool:
    """Whether the letter goes on after a pasted "-----Original Message-----": a heading of
    its own parts ("B) Corrective actions") follows, and the pasted message is not Amazon's
    (whose text asks for "the actions you have taken" in a sentence of its own)."""
    from .section_cues import classify_heading

    if any(_FROM_AMAZON.match(t) for t in texts[:4]):
        return False
    return any(
        _words(t) <= 10
        and not t.rstrip().endswith(".")
        and classify_heading(t.strip()) is not None
        for t in texts
        if not _quoted(t)
    )
