"""POA702 non-english-text: text in another script in an English letter (a hygiene rule).

It works on characters and Unicode properties, not on spaCy tokens: the English tokenizer
glues a run of Chinese into one token, splits emoji sequences oddly and has no idea what a
script is, while ``unicodedata`` answers exactly the question asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..texts import N_, Template
from ._non_ascii import NON_ASCII
from .base import Hit, Options

if TYPE_CHECKING:
    from ..letter import Letter


# Writing systems a draft of an English letter should not contain, keyed by the first word
# of the Unicode character name. Scripts written with ideographs or syllables (a single
# character is a word) are marked True; for alphabets a lone letter is usually a symbol
# (μm, Ω, π) and a run of two is needed.
_SCRIPTS: dict[str, tuple[str, bool]] = {
    "CJK": ("Han", True),
    "IDEOGRAPHIC": ("Han", True),
    "HIRAGANA": ("Kana", True),
    "KATAKANA": ("Kana", True),
    "KATAKANA-HIRAGANA": ("Kana", True),
    "HANGUL": ("Hangul", True),
    "BOPOMOFO": ("Bopomofo", True),
    "YI": ("Yi", True),
    "CYRILLIC": ("Cyrillic", False),
    "GREEK": ("Greek", False),
    "ARABIC": ("Arabic", False),
    "HEBREW": ("Hebrew", False),
    "THAI": ("Thai", False),
    "LAO": ("Lao", False),
    "KHMER": ("Khmer", False),
    "MYANMAR": ("Myanmar", False),
    "DEVANAGARI": ("Devanagari", False),
    "BENGALI": ("Bengali", False),
    "GURMUKHI": ("Gurmukhi", False),
    "GUJARATI": ("Gujarati", False),
    "TAMIL": ("Tamil", False),
    "TELUGU": ("Telugu", False),
    "KANNADA": ("Kannada", False),
    "MALAYALAM": ("Malayalam", False),
    "SINHALA": ("Sinhala", False),
    "TIBETAN": ("Tibetan", False),
    "GEORGIAN": ("Georgian", False),
    "ARMENIAN": ("Armenian", False),
    "ETHIOPIC": ("Ethiopic", False),
    "MONGOLIAN": ("Mongolian", False),
}


# How to name what the seller wrote, from the set of scripts found in one stretch.
_LANGUAGE_NAMES = {
    "Han": N_("Chinese"),
    "Hangul": N_("Korean"),
    "Bopomofo": N_("Chinese"),
    "Yi": N_("Yi"),
    "Cyrillic": N_("Cyrillic-script (e.g. Russian)"),
    "Arabic": N_("Arabic-script"),
    "Devanagari": N_("Devanagari-script (e.g. Hindi)"),
    "Armenian": N_("Armenian"),
    "Bengali": N_("Bengali"),
    "Ethiopic": N_("Ethiopic"),
    "Georgian": N_("Georgian"),
    "Greek": N_("Greek"),
    "Gujarati": N_("Gujarati"),
    "Gurmukhi": N_("Gurmukhi"),
    "Hebrew": N_("Hebrew"),
    "Kannada": N_("Kannada"),
    "Khmer": N_("Khmer"),
    "Lao": N_("Lao"),
    "Malayalam": N_("Malayalam"),
    "Mongolian": N_("Mongolian"),
    "Myanmar": N_("Myanmar"),
    "Sinhala": N_("Sinhala"),
    "Tamil": N_("Tamil"),
    "Telugu": N_("Telugu"),
    "Thai": N_("Thai"),
    "Tibetan": N_("Tibetan"),
}


"""What POA702 calls the text of each script (a msgid: readers see it in their language)."""


# Latin words between two stretches of foreign text that still count as one stretch: model
# numbers, brands and units inside a Chinese sentence ('型号A1的LED灯').
_MAX_LATIN_WORDS_INSIDE = 2


_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")


def _script_of(ch: str) -> tuple[str, bool] | None:
    """The non-Latin script of a letter or combining mark, or None (Latin, digits, symbols,
    punctuation, fullwidth Latin from a Chinese keyboard)."""
    category = unicodedata.category(ch)
    if category[0] not in "LM":
        return None
    name = unicodedata.name(ch, "")
    first, _, rest = name.partition(" ")
    if first == "HALFWIDTH":
        first = rest.partition(" ")[0]
    return _SCRIPTS.get(first)


def _is_cjk_punctuation(ch: str) -> bool:
    """Fullwidth and ideographic punctuation (，。：「」) that ends or wraps foreign text."""
    cp = ord(ch)
    return unicodedata.category(ch)[0] == "P" and (0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF)


def _language(scripts: set[str]) -> Template:
    if "Kana" in scripts:
        return Template(N_("Japanese"))
    if len(scripts) == 1:
        (only,) = scripts
        return Template(_LANGUAGE_NAMES.get(only, N_("Non-English")))
    return Template(N_("Non-English"))


def _foreign_stretches(text: str) -> Iterator[tuple[int, int, set[str]]]:
    """Stretches of non-Latin text, one per line at most per uninterrupted passage.

    Runs of same-script characters are found first; alphabetic runs of a single letter are
    dropped (symbols such as μ or Ω). Runs on the same line are then merged unless more than
    two Latin words stand between them, so a Chinese sentence with a model number in it is
    one finding while an English sentence between two Chinese notes gives two.
    """
    runs: list[tuple[int, int, str]] = []
    n = len(text)
    resume = 0
    for candidate in NON_ASCII.finditer(text):  # ASCII is never a foreign script
        i = candidate.start()
        if i < resume:
            continue
        found = _script_of(text[i])
        if found is None:
            continue
        script, single_ok = found
        j = i + 1
        while j < n:
            nxt = _script_of(text[j])
            if nxt is None or nxt[0] != script:
                break
            j += 1
        if single_ok or j - i >= 2:
            runs.append((i, j, script))
        resume = j
    stretch: tuple[int, int, set[str]] | None = None
    for start, end, script in runs:
        if stretch is not None:
            gap = text[stretch[1] : start]
            if (
                "\n" not in gap
                and "\r" not in gap
                and len(_LATIN_WORD.findall(gap)) <= _MAX_LATIN_WORDS_INSIDE
            ):
                stretch = (stretch[0], end, stretch[2] | {script})
                continue
            yield stretch
        stretch = (start, end, {script})
    if stretch is not None:
        yield stretch


def non_english_text(letter: Letter, options: Options) -> Iterator[Hit]:
    """POA702: text in another script, most often a Chinese draft line left in.

    Detection is by Unicode script, not by language guessing: accented Latin words (café,
    Müller GmbH) are never flagged, nor are fullwidth punctuation, currency or emoji
    (emoji are POA802) on their own. Trailing fullwidth punctuation ('。') is included so
    deleting the finding leaves no stray mark.
    """
    text = letter.text
    for start, end, scripts in _foreign_stretches(text):
        while end < len(text) and _is_cjk_punctuation(text[end]):
            end += 1
        yield Hit(start=start, end=end, values={"script": _language(scripts)})
