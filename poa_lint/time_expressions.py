"""Time expressions found by token patterns (``rules/timeframes.yaml``), not by a model.

The time-frame rules (POA301–303) and POA502's amount test used to read spaCy's ``DATE`` /
``TIME`` / ``ORDINAL`` entities, and so the entity recogniser ran on every letter: about
half of the parse, for a handful of expressions that letters write in a few fixed ways
("in May", "their first week", "a two-hour training", "on the day it arrives"). Those ways
are data here, with examples that run as tests, and one spaCy ``Matcher`` finds them on the
tagged and parsed Doc; the pipeline loads without ``ner``.

The matcher is compiled once per vocabulary and then only read (safe to share between
threads); each Doc's expressions are found on first use and kept in its ``user_data``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import TokenPattern, load_data_file
from .errors import CatalogError

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

DATA_FILE = "timeframes.yaml"
Label = Literal["DATE", "TIME", "DURATION", "DEADLINE", "FREQUENCY", "YEAR", "ORDINAL"]
TIME_FRAME_LABELS = frozenset({"DATE", "TIME", "DURATION", "DEADLINE", "FREQUENCY"})
"""Labels that say when something happens. A year ("since 2016") or an ordinal ("the
first step") is no amount of money or goods, but on its own it times no action."""
_USER_DATA_KEY = "poa_time_expressions"


class Expression(BaseModel):
    """One kind of time expression: its patterns and the sentences that show it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    label: Label
    patterns: tuple[TokenPattern, ...] = Field(min_length=1)
    examples: tuple[str, ...] = Field(min_length=1)
    not_: tuple[str, ...] = Field(default=(), alias="not")


class TimeFile(BaseModel):
    """``rules/timeframes.yaml``: word lists (YAML anchors the patterns share) and entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lists: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    expressions: tuple[Expression, ...] = Field(min_length=1)


def load_expressions() -> tuple[Expression, ...]:
    """The entries of ``rules/timeframes.yaml``, validated."""
    from pydantic import ValidationError

    try:
        return TimeFile.model_validate(load_data_file(DATA_FILE)).expressions
    except ValidationError as exc:
        raise CatalogError(f"rules/{DATA_FILE}: {exc.errors()[0]['msg']}") from exc


@dataclass(frozen=True)
class TimeExpression:
    """A time expression in a Doc: token range, character range, label and entry id."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str
    id: str

    @property
    def is_time_frame(self) -> bool:
        return self.label in TIME_FRAME_LABELS


_LINE_BREAK: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}


def _across_line_breaks(pattern: TokenPattern) -> list[dict[str, Any]]:
    """The pattern with any whitespace tokens allowed between its tokens: a hard-wrapped
    letter breaks "their first" / "week" over two lines, and spaCy keeps the line break
    as a token of its own."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append(_LINE_BREAK)
        out.append(dict(token))
    return out


_WORD_ATTRS = ("LOWER", "ORTH", "LEMMA")
#: Words too common to anchor a search: a pattern is anchored on another of its tokens.
_COMMON = frozenset({"the", "a", "an", "that", "this", "of", "in", "on", "at", "by", "for", "-"})
_DIGIT: frozenset[str] = frozenset()
"""The anchor of a token that must hold a digit (a REGEX with ``\\d``)."""


def _token_anchor(token: dict[str, Any]) -> frozenset[str] | None:
    """The words (lower case) this pattern token can only be, :data:`_DIGIT` when it must
    hold a digit, or None when it can be anything else."""
    if token.get("OP") not in (None, "1"):
        return None  # optional: a match need not contain it
    for attr in _WORD_ATTRS:
        value = token.get(attr)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return frozenset(str(v).lower() for v in value["IN"])
    for attr in (*_WORD_ATTRS, "TEXT"):
        value = token.get(attr)
        if isinstance(value, dict) and "\\d" in str(value.get("REGEX", "")):
            return _DIGIT
    return None


def _anchor(pattern: TokenPattern) -> tuple[int, frozenset[str]] | None:
    """The token a match of ``pattern`` is searched around, and its words: the last token
    that must be there and is not a common word, else the last that must be there."""
    anchors = [(i, a) for i, t in enumerate(pattern) if (a := _token_anchor(t)) is not None]
    if not anchors:
        return None
    rare = [(i, a) for i, a in anchors if not a & _COMMON]
    return (rare or anchors)[-1]


class TimeMatcher:
    """Every entry of ``rules/timeframes.yaml`` in one spaCy ``Matcher`` (read-only once
    built)."""

    def __init__(self, vocab: Vocab, expressions: tuple[Expression, ...]) -> None:
        from spacy.matcher import Matcher

        self._matcher: Matcher = Matcher(vocab, validate=True)
        self._entries: dict[int, Expression] = {}
        words: set[str] = set()
        before = after = 0
        for entry in expressions:
            for pattern in entry.patterns:
                if any(t.get("OP") in ("+", "*") for t in pattern):
                    raise CatalogError(
                        f"rules/{DATA_FILE}: {entry.id}: OP '+' and '*' are not allowed (a "
                        "match must have a bounded length); write the tokens out, with '?'"
                    )
                anchor = _anchor(pattern)
                if anchor is None:
                    raise CatalogError(
                        f"rules/{DATA_FILE}: {entry.id}: every pattern needs a token that "
                        "must be there and names its words (LOWER, ORTH or LEMMA, a value or "
                        "IN) or asks for a digit (a REGEX with \\d)"
                    )
                position, anchor_words = anchor
                words |= anchor_words
                # at most one line-break token between two tokens of a match
                before = max(before, 2 * position)
                after = max(after, 2 * (len(pattern) - 1 - position))
            try:
                self._matcher.add(entry.id, [_across_line_breaks(p) for p in entry.patterns])
            except (ValueError, KeyError) as exc:
                raise CatalogError(
                    f"rules/{DATA_FILE}: {entry.id}: invalid token pattern: {exc}"
                ) from exc
            self._entries[vocab.strings[entry.id]] = entry
        self._anchors = frozenset(vocab.strings[w] for w in words)
        self._before, self._after = before, after
        self._has_digit: dict[int, bool] = {}

    @property
    def reach(self) -> int:
        """The most tokens a match can have, less one."""
        return self._before + self._after

    def _windows(self, doc: Doc, begin: int, stop: int) -> list[tuple[int, int]]:
        """The stretches of ``doc`` that can hold a match: around each token that is an
        anchor word or has a digit, as far as a pattern reaches before and after its
        anchor. Every pattern has an anchor token that must be there, so a match found in
        the whole Doc is found in a window, and the Matcher (whose extended predicates are
        Python calls per token) runs over a fraction of the letter."""
        from spacy.attrs import LEMMA, LOWER, SHAPE

        if begin >= stop:
            return []
        anchors, digits, strings = self._anchors, self._has_digit, doc.vocab.strings
        windows: list[tuple[int, int]] = []
        before, after = self._before, self._after
        rows = doc.to_array([LOWER, LEMMA, SHAPE])[begin:stop].tolist()
        for i, (lower, lemma, shape) in enumerate(rows, begin):
            digit = digits.get(shape)
            if digit is None:
                digit = digits[shape] = "d" in strings[shape]
            if not (digit or lower in anchors or lemma in anchors):
                continue
            start, end = max(begin, i - before), min(stop, i + after + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    def find(self, doc: Doc, begin: int = 0, stop: int | None = None) -> list[TimeExpression]:
        """Every match wholly inside tokens ``begin``..``stop`` (the whole Doc by default),
        overlapping ones too (a use asks whether a token or a span holds one), in order."""
        stop = len(doc) if stop is None else min(stop, len(doc))
        found = set()
        for start, end in self._windows(doc, max(0, begin), stop):
            for match_id, first, last in self._matcher(doc[start:end]):
                found.add((match_id, start + first, start + last))
        return self._expressions(doc, found)

    def _expressions(self, doc: Doc, found: set[tuple[int, int, int]]) -> list[TimeExpression]:
        out = []
        for match_id, start, end in found:
            entry = self._entries[match_id]
            span = doc[start:end]
            out.append(
                TimeExpression(
                    start=span.start,
                    end=span.end,
                    start_char=span.start_char,
                    end_char=span.end_char,
                    label=entry.label,
                    id=entry.id,
                )
            )
        return sorted(out, key=lambda e: (e.start, -e.end, e.id))


_lock = threading.Lock()
_matchers: dict[int, TimeMatcher] = {}
_expressions: list[tuple[Expression, ...]] = []


def time_matcher(vocab: Vocab) -> TimeMatcher:
    """The compiled matcher for this vocabulary (compiled once, then shared)."""
    with _lock:
        matcher = _matchers.get(id(vocab))
        if matcher is None:
            if not _expressions:
                _expressions.append(load_expressions())
            matcher = _matchers[id(vocab)] = TimeMatcher(vocab, _expressions[0])
        return matcher


def _found(doc: Doc, begin: int, stop: int) -> tuple[TimeExpression, ...]:
    """The expressions wholly inside tokens ``begin``..``stop``, found once per stretch and
    kept with the Doc. Checks ask about a few action items and sentences, mostly those
    the regular expressions of timeframes.py did not settle, so the matcher runs there
    only, not over the whole letter."""
    memo: dict[tuple[int, int], tuple[TimeExpression, ...]] = doc.user_data.setdefault(
        _USER_DATA_KEY, {}
    )
    known = memo.get((begin, stop))
    if known is None:
        whole = memo.get((0, len(doc)))
        if whole is not None:
            known = tuple(e for e in whole if begin <= e.start and e.end <= stop)
        else:
            known = tuple(time_matcher(doc.vocab).find(doc, begin, stop))
        memo[(begin, stop)] = known
    return known


def time_expressions(doc: Doc) -> tuple[TimeExpression, ...]:
    """Every time expression of ``doc``."""
    return _found(doc, 0, len(doc))


def time_frames_within(span: Span) -> list[TimeExpression]:
    """Time frames (dates, times, durations, deadlines, frequencies) wholly inside
    ``span``, as ``Span.ents`` gave the entities wholly inside a span."""
    return [e for e in _found(span.doc, span.start, span.end) if e.is_time_frame]


def in_time_expression(token: Token) -> bool:
    """Whether the token is part of a date, time, duration, year or ordinal: a figure
    there ("on 4 September", "within 24 hours", "since 2016") counts no money or goods."""
    doc, i = token.doc, token.i
    reach = time_matcher(doc.vocab).reach
    found = _found(doc, max(0, i - reach), min(len(doc), i + reach + 1))
    return any(e.start <= i < e.end for e in found)
