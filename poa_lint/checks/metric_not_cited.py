"""POA503 metric-not-cited: performance reasons must name the metric and its target.

Naming what was measured and how far off it was shows the reviewer the seller knows the
problem. Quoted text counts here (unlike POA501 and POA703): the rule wants the metric and
its target in front of the reviewer, and a quoted line of the notice puts them there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..texts import N_, message
from ._relevance_common import (
    PhraseHit,
    Words,
)
from .base import Hit, Options, first_line

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..letter import Letter


class MetricNotCitedOptions(Options):
    """``require-target``: also fire when the metric is named but its target is not."""

    require_target: bool = True


_NUMBER_WORDS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]


_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled(number: int) -> str | None:
    """English words for 0-100 (closed-class grammar, not tunable vocabulary)."""
    if 0 <= number < 20:
        return _NUMBER_WORDS[number]
    if number == 100:
        return "one hundred"
    if 20 <= number < 100:
        tens, unit = divmod(number, 10)
        word = _TENS_WORDS[tens - 2]
        return word if unit == 0 else f"{word}[\\s-]{_NUMBER_WORDS[unit]}"
    return None


def target_pattern(target: str) -> re.Pattern[str] | None:
    """A pattern for the target figure of a metric ("under 2.5%" → 2.5%, 2.5 percent, …)."""
    match = re.search(r"(?<!\d)(\d+(?:\.\d+)?)\s*%", target)  # (?<!\d): linear on digits
    if match is None:
        return None
    value = match.group(1)
    number = re.escape(value).replace(r"\.", r"[.,]")
    forms = [rf"(?<![\d.,]){number}(?:[.,]0+)?"]
    if "." not in value:
        spelled = _spelled(int(value))
        if spelled:
            forms.append(rf"\b{spelled}")
    unit = r"\s*(?:%|per[\s-]?cent\b)"
    return re.compile(r"(?:" + "|".join(forms) + r")" + unit, re.IGNORECASE)


# The lookbehind starts a match only where a number starts, and the possessive run never
# backtracks: a long run of digits costs linear time (tests/reliability/test_regex_linear.py).
_PERCENT = re.compile(r"(?<![\d.,])\d[\d.,]*+\s*+(?:%|per[\s-]?cent\b)", re.IGNORECASE)


def _sentences_with(letter: Letter, hits: Sequence[PhraseHit]) -> list[Span]:
    """The sentences in which the phrase hits stand."""
    return [letter.doc[h.first].sent for h in hits]


def metric_not_cited(letter: Letter, options: MetricNotCitedOptions) -> Iterator[Hit]:
    """POA503: a performance letter that never names its metric, or never states the target.

    Seed 002 and Amazon's own guidance open a performance POA with the metric and how it
    compares with the target ("our ODR is 2.3%, above the target of under 1%"): it shows the
    reviewer that the seller knows what was measured. The target counts when its figure
    appears anywhere as a percentage ("under 4%", "<4%", "four percent"); quoted text counts,
    because it is the figures being in front of the reviewer that matters.
    """
    reason = letter.reason
    if reason is None or reason.kind != "performance" or reason.metric is None:
        return
    metric = reason.metric
    found = Words.of(letter).find(metric.names)
    start, end = first_line(letter)
    name = metric.names[0]
    acronyms = [n for n in metric.names[1:] if n.isupper()]
    short = f" ({acronyms[0]})" if acronyms else ""
    if not found:
        yield Hit(
            start=start,
            end=end,
            message=message(
                N_(
                    "The letter never names the metric Amazon measured, the {metric}: say "
                    "what it is and how it compares with Amazon's target ({target})."
                ),
                metric=f"{name}{short}",
                target=metric.target,
            ),
            suggestion=message(
                N_(
                    "Open with the figures, e.g. 'Our {metric} is X%, above Amazon's target "
                    "of {target}.'"
                ),
                metric=name,
                target=metric.target,
            ),
            values={"metric": name, "target": metric.target},
        )
        return
    pattern = target_pattern(metric.target)
    if not options.require_target or pattern is None or pattern.search(letter.text):
        return
    text = letter.text
    if any(_PERCENT.search(text, s.start_char, s.end_char) for s in _sentences_with(letter, found)):
        # "our late dispatch rate was 6.1%": the seller's own figure shows they know what
        # was measured; demanding Amazon's target on top of it is noise
        return
    yield Hit(
        start=start,
        end=end,
        message=message(
            N_(
                "The letter names the {metric} but never states Amazon's target ({target}): "
                "give your figure and the target, so the reviewer sees you know how far off "
                "it was."
            ),
            metric=name,
            target=metric.target,
        ),
        suggestion=message(
            N_("Add the target, e.g. 'Our {metric} is X%, above the target of {target}.'"),
            metric=name,
            target=metric.target,
        ),
        values={"metric": name, "target": metric.target},
    )
