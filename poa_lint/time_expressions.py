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


_WORD_ATTRS = ("LOWER", "ORTH", "LEMMA", "TEXT")


def _anchor_words(pattern: TokenPattern) -> set[str] | None:
    """The words (lower case) one of which a match of ``pattern`` must contain, or an empty
    set when it must contain a digit instead; None when neither is required."""
    for token in pattern:
        if token.get("OP") not in (None, "+", "1"):
            continue
        for attr in _WORD_ATTRS:
            value = token.get(attr)
            if isinstance(value, str) and attr != "TEXT":
                return {value.lower()}
            if isinstance(value, dict) and isinstance(value.get("IN"), list) and attr != "TEXT":
                return {str(v).lower() for v in value["IN"]}
            if isinstance(value, dict) and "\\d" in str(value.get("REGEX", "")):
                return set()
    return None


class TimeMatcher:
    """Every entry of ``rules/timeframes.yaml`` in one spaCy ``Matcher`` (read-only once
    built)."""

    def __init__(self, vocab: Vocab, expressions: tuple[Expression, ...]) -> None:
        from spacy.matcher import Matcher

        self._matcher: Matcher = Matcher(vocab, validate=True)
        self._entries: dict[int, Expression] = {}
        words: set[str] = set()
        longest = 1
        for entry in expressions:
            for pattern in entry.patterns:
                anchors = _anchor_words(pattern)
                if anchors is None:
                    raise CatalogError(
                        f"rules/{DATA_FILE}: {entry.id}: every pattern needs a token that "
                        "must be there and names its words (LOWER, ORTH or LEMMA, a value or "
                        "IN) or asks for a digit (a REGEX with \\d)"
                    )
                words |= anchors
                longest = max(longest, len(pattern))
            try:
                self._matcher.add(entry.id, [_across_line_breaks(p) for p in entry.patterns])
            except (ValueError, KeyError) as exc:
                raise CatalogError(
                    f"rules/{DATA_FILE}: {entry.id}: invalid token pattern: {exc}"
                ) from exc
            self._entries[vocab.strings[entry.id]] = entry
        self._anchors = frozenset(vocab.strings[w] for w in words)
        # a match has at most `longest` tokens and one line break between two of them
        self._reach = 2 * longest - 1
        self._has_digit: dict[int, bool] = {}

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches of ``doc`` that can hold a match: around each token that is an
        anchor word or has a digit, as far as the longest pattern reaches. Every pattern has
        a token that must be such a token, so a match found in the whole Doc is found in a
        window, and the Matcher (whose extended predicates are Python calls per token) runs
        over a fraction of the letter."""
        from spacy.attrs import LEMMA, LOWER, SHAPE

        if not len(doc):
            return []
        anchors, digits, strings = self._anchors, self._has_digit, doc.vocab.strings
        windows: list[tuple[int, int]] = []
        reach = self._reach
        for i, (lower, lemma, shape) in enumerate(doc.to_array([LOWER, LEMMA, SHAPE]).tolist()):
            digit = digits.get(shape)
            if digit is None:
                digit = digits[shape] = "d" in strings[shape]
            if not (digit or lower in anchors or lemma in anchors):
                continue
            start, end = max(0, i - reach), min(len(doc), i + reach + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    def find(self, doc: Doc) -> list[TimeExpression]:
        """Every match (overlapping ones too: a use asks whether a token or a span holds
        one), in document order."""
        found = set()
        for begin, stop in self._windows(doc):
            for match_id, start, end in self._matcher(doc[begin:stop]):
                found.add((match_id, begin + start, begin + end))
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


def time_expressions(doc: Doc) -> tuple[TimeExpression, ...]:
    """The time expressions of ``doc``, found on first use and then kept with it."""
    cached: Any = doc.user_data.get(_USER_DATA_KEY)
    if cached is None:
        cached = tuple(time_matcher(doc.vocab).find(doc))
        doc.user_data[_USER_DATA_KEY] = cached
    result: tuple[TimeExpression, ...] = cached
    return result


def time_frames_within(span: Span) -> list[TimeExpression]:
    """Time frames (dates, times, durations, deadlines, frequencies) wholly inside
    ``span``, as ``Span.ents`` gave the entities wholly inside a span."""
    return [
        e
        for e in time_expressions(span.doc)
        if e.is_time_frame and span.start <= e.start and e.end <= span.end
    ]


def in_time_expression(token: Token) -> bool:
    """Whether the token is part of a date, time, duration, year or ordinal: a figure
    there ("on 4 September", "within 24 hours", "since 2016") counts no money or goods."""
    i = token.i
    return any(e.start <= i < e.end for e in time_expressions(token.doc))
