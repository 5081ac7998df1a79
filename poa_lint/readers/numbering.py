"""Word list numbering: the marker Word displays ('•', '2.', 'b)', 'iv.') for a list paragraph.

Word does not store "2." in the text; it computes it from numbering.xml (abstract lists,
their levels, number formats and start values) and counters that run through the document.
Everything a file can set here is bounded: numbers are clamped, rendered labels and markers
are cut short, so a hostile numbering part costs no more than a normal one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .wordml import val, w

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


def to_int(value: str | None, default: int, low: int = 0, high: int = MAX_LIST_NUMBER) -> int:
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


def _parse_level(lvl: Any) -> _Level:
    return _Level(
        fmt=val(lvl, "numFmt") or "decimal",
        text=val(lvl, "lvlText"),
        start=to_int(val(lvl, "start"), 1),  # clamped to MAX_LIST_NUMBER
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
        for abstract in root.iterchildren(w("abstractNum")):
            abstract_id = str(abstract.get(w("abstractNumId")))
            self._abstract[abstract_id] = {
                to_int(lvl.get(w("ilvl")), 0, high=MAX_LIST_LEVEL): _parse_level(lvl)
                for lvl in abstract.iterchildren(w("lvl"))
            }
            link = val(abstract, "numStyleLink")
            if link is not None:
                self._abstract_link[abstract_id] = link
            style_link = val(abstract, "styleLink")
            if style_link is not None:
                self._style_link[style_link] = abstract_id
        for num in root.iterchildren(w("num")):
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterchildren(w("lvlOverride")):
                ilvl = to_int(override.get(w("ilvl")), 0, high=MAX_LIST_LEVEL)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
                start = val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = to_int(start, 1)
            abstract_ref = val(num, "abstractNumId") or ""
            self._num[str(num.get(w("numId")))] = (abstract_ref, overrides, starts)

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


class ListMarkers:
    """The markers of a document's list paragraphs, in document order.

    Counters are kept per numId (per style name for style-only lists) and level, so a
    different list starts from its own start value; a deeper level restarts whenever a
    shallower item appears.
    """

    def __init__(self, numbering_root: Any) -> None:
        self._numbering = _Numbering(numbering_root)
        self._counters: dict[str, dict[int, int]] = {}

    def next(self, num_id: str | None, ilvl: int, style_name: str) -> str | None:
        """The marker Word displays ('•', '2.', 'b)'), advancing the list's counters.

        The format comes from numbering.xml when the paragraph (or its style) has numbering,
        else from the style name ('List Number...' is numbered, anything else a bullet).
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
