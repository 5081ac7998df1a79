"""Coleman-Liau and the Automated Readability Index, computed as textstat 0.7 computes them.

POA404 scores prose with these two character-based formulas. They used to come from
textstat, whose import pulls in NLTK for its syllable dictionary: about 0.13 s of every
cold start (a tenth of checking one letter from the command line), for two formulas of a
few counts each. The counts here are textstat's own, expression for expression (its
``list_words``, ``remove_punctuation``, ``count_sentences``), so the scores are the same
floats; ``tests/test_readability.py`` compares them with textstat itself (a development
dependency only) on every corpus letter and on awkward strings.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s")
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION_BUT_APOSTROPHES = re.compile(r"[^\w\s\']")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _remove_punctuation(text: str, *, rm_apostrophe: bool) -> str:
    if rm_apostrophe:
        return _PUNCTUATION.sub("", text)
    return _PUNCTUATION_BUT_APOSTROPHES.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _count_words(text: str, *, rm_punctuation: bool = True) -> int:
    if rm_punctuation:
        text = _remove_punctuation(text, rm_apostrophe=False)
    return len(text.split())


def _count_sentences(text: str) -> int:
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for sentence in sentences if _count_words(sentence) <= 2)
    return max(1, len(sentences) - ignored)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def coleman_liau_index(text: str) -> float:
    """0.058 × letters per 100 words − 0.296 × sentences per 100 words − 15.8."""
    words = _count_words(text)
    letters = _ratio(len(_remove_punctuation(_SPACE.sub("", text), rm_apostrophe=True)), words)
    sentences = _ratio(_count_sentences(text), words)
    letters, sentences = letters * 100, sentences * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def automated_readability_index(text: str) -> float:
    """4.71 × characters per word + 0.5 × words per sentence − 21.43."""
    chars_per_word = _ratio(len(_SPACE.sub("", text)), _count_words(text, rm_punctuation=False))
    words_per_sentence = _ratio(_count_words(text), _count_sentences(text))
    if chars_per_word == 0 or words_per_sentence == 0:
        return 0.0
    return (4.71 * chars_per_word) + (0.5 * words_per_sentence) - 21.43
