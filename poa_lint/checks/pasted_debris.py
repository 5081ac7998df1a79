"""POA701's second half: debris pasted into a letter along with it.

Token patterns (``rules/hygiene.yaml``) find template blanks such as "[Your Name]" or
"XXXX". What they cannot see is a *line* that does not belong in a letter: a file name on a
line of its own ("POA_final_v3.docx"), a word-count line left by an editor, a mail client's
"Sent from Outlook for Android" or "-----Original Message-----" in the middle of the letter,
a chatbot's citation marker (":contentReference[oaicite:1]") or preface ("Sure! Here is a
revised version"). A reviewer who sees one knows the letter was pasted together without a
final read. A tagline after the signature is how mail is sent and is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..envelope import FORWARD_MARKER
from ..texts import N_
from .base import Hit, NoOptions

if TYPE_CHECKING:
    from ..letter import Letter

_FILE_NAME = re.compile(
    r"^[\w\-. ()\[\]]{1,80}\.(?:docx?|pdf|txt|rtf|odt|pages|xlsx?|csv|md|png|jpe?g)$",
    re.IGNORECASE,
)
_TOOL_OUTPUT = re.compile(
    r"^(?:(?:word|character|char)s?\s+count|words|characters|reading\s+time|"
    r"readability\s+score|page\s+\d+\s+of)\s*[:：]?\s*\d[\d,.]*\s*(?:words|min(?:utes)?)?\s*$",
    re.IGNORECASE,
)
_MAIL_CLIENT = re.compile(
    r"^(?:sent\s+from\s+(?:my\s+)?(?:iphone|ipad|android|samsung|galaxy|huawei|xiaomi|mobile|"
    r"smartphone|phone)|sent\s+from\s+(?:outlook|mail|yahoo\s+mail|gmail)\b.*|get\s+outlook\s+for\s+\w+|"
    rf"(?:{FORWARD_MARKER}):?)\s*$",
    re.IGNORECASE,
)
_CHATBOT = re.compile(
    r":?contentReference\[oaicite:\d+\](?:\{index=\d+\})?|\boaicite:\d+|【\d+(?::\d+)?†[^】]{0,40}】|"
    r"\bciteturn\d+\w*|\bas an ai(?: language)? model\b|"
    r"^(?:certainly|sure|absolutely|of course)[!,.]?\s+here(?:'s| is)\b[^\n]{0,80}",
    re.IGNORECASE | re.MULTILINE,
)

# A date left as the template's stand-in: "XX/XX/2025", "DD/MM/YYYY", "2025-XX-XX",
# "XX.XX.XXXX". Letters tokenize these in too many ways for a token pattern. Capitals only:
# "xx" is rare in a template, and a real date never holds letters in these places.
_BLANK_DATE = re.compile(
    r"(?<![\w/.-])(?:(?:XX|DD|MM|\d{1,2})[/.-](?:XX|MM|DD)|(?:XX|DD|MM)[/.-](?:XX|MM|DD|\d{1,2}))"
    r"[/.-](?:\d{2}|\d{4}|XX|XXXX|YY|YYYY)(?![\w/])|"
    r"(?<![\w/.-])(?:\d{4}|XXXX|YYYY)-(?:XX|MM|\d{2})-(?:XX|DD)(?![\w/])"
)

_MESSAGES = {
    "date": N_(
        "Unfilled template placeholder {match}: replace it with the real date before sending."
    ),
    "file": N_(
        "A file name stands in the letter ({match}): it was pasted along with the text; "
        "delete it."
    ),
    "tool": N_("Editor or tool output left in the letter ({match}): delete it before sending."),
    "mail": N_(
        "E-mail client text in the middle of the letter ({match}): it was pasted along with "
        "the letter; delete it and anything it brought with it."
    ),
    "chatbot": N_(
        "Text left by a writing assistant ({match}): delete it, and read the letter once more "
        "as the reviewer will."
    ),
}


def pasted_debris(letter: Letter, options: NoOptions) -> Iterator[Hit]:
    """POA701 (with its token patterns): file names, tool output, mail-client lines inside
    the body, dates left as the template's "XX/XX/2025" and chatbot markers."""
    text = letter.text
    for paragraph in letter.paragraphs:
        start = paragraph.body_start
        line = text[start : paragraph.end].strip()
        if not line or letter.in_foreign(start):
            continue
        offset = start + text[start : paragraph.end].index(line)
        kind = None
        if _FILE_NAME.match(line) and " " not in line.strip("[]() "):
            kind = "file"
        elif _TOOL_OUTPUT.match(line):
            kind = "tool"
        elif _MAIL_CLIENT.match(line) and letter.in_body(offset):
            kind = "mail"
        if kind is not None:
            yield _hit(kind, offset, offset + len(line), line)
    for match in _BLANK_DATE.finditer(text):
        if not letter.in_foreign(match.start()):
            yield _hit("date", match.start(), match.end(), match.group(0))
    for match in _CHATBOT.finditer(text):
        if not letter.in_foreign(match.start()):
            found = match.group(0).strip()
            start = match.start() + match.group(0).index(found)
            yield _hit("chatbot", start, start + len(found), found)


def _hit(kind: str, start: int, end: int, match: str) -> Hit:
    shown = match if len(match) <= 60 else match[:59] + "…"
    return Hit(start=start, end=end, message=_MESSAGES[kind], values={"match": shown}, kind=kind)
