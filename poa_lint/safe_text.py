"""Text from letters, notices and the cache, made safe to write to a terminal.

A letter (or its file name, or an edited cache entry) may hold control characters: ANSI
escape sequences can clear the screen, recolour or rewrite what was printed before, or set
the window title; a lone ``\\r`` or a line break splits one finding's line in two;
Unicode's direction overrides ("Trojan Source") reorder what is shown. Every such character
is written as a visible escape instead (``\\x1b``, ``\\n``, ``\\u202e``) by the text and
GitHub reporters and by the CLI's error lines; the JSON and SARIF documents escape them
the JSON way (issue 11, item 8). Text without them (nearly all) is returned unchanged.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw; U+0000-U+001F it escapes itself (and the
# line breaks of an indented document must stay line breaks).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with every control, line-separator and direction-override character
    written as a visible backslash escape; ``keep_line_breaks`` leaves ``\n`` and ``\r``
    to a format that encodes them itself (GitHub's workflow commands write ``%0A``)."""
    if not _UNSAFE.search(text):
        return text
    if keep_line_breaks:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in "\r\n" else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def safe_json(document: str) -> str:
    """A JSON text with the characters :func:`json.dumps` leaves raw under
    ``ensure_ascii=False`` (DEL, C1 controls, line separators, direction overrides)
    written as ``\\uXXXX``: the same JSON value, harmless on a terminal. (``json.dumps``
    already escapes U+0000-U+001F.)"""
    if not _UNSAFE_IN_JSON.search(document):
        return document
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
