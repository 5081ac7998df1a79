"""Recognise time frames, dates, deadlines and frequencies in text.

Seed guidance praises "within 12 hours" and "within 24 hours", and Amazon asks for "a plan
to resolve them within a specified time frame". Sellers write these in many forms, so we
accept: durations ("within 24 hours", "in two business days", "48 hrs"), deadlines ("by
15 March", "no later than 5 p.m. PST", "before Friday"), dates ("on 3 May 2024", "since
2024-03-18"), and frequencies ("daily", "every Monday", "twice a week", "quarterly",
"before each shipment"). The time expressions of ``rules/timeframes.yaml``, found by token
patterns on the parsed letter, catch the rest ("in May", "their first week"); they replace
spaCy's DATE/TIME entities, so the pipeline runs without its entity recogniser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .time_expressions import time_frames_within

if TYPE_CHECKING:
    from spacy.tokens import Span

_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty-eight|seventy-two|a|an|a few|several)"
)
_UNIT = (
    r"(?:business\s+|working\s+|calendar\s+)?"
    r"(?:hours?|hrs?|h|minutes?|mins?|days?|weeks?|months?|years?|quarters?|weekdays?)"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend)s?"
_PERIOD_NOUN = (
    r"(?:day|week|month|quarter|year|morning|afternoon|evening|night|shift|hour|business day|"
    r"working day|order|shipment|parcel|package|batch|listing|delivery|dispatch|pickup|"
    r"new (?:listing|product|supplier|order|batch|shipment)|" + _WEEKDAY + r")"
)

TIMEFRAME_RE = re.compile(
    "|".join(
        [
            # durations: within 24 hours, in two business days, 48 hrs, 24-hour
            rf"\b(?:within|in|under|after|for|every|each)\s+(?:the\s+(?:next|first)\s+)?"
            rf"{_NUMBER}[\s-]*{_UNIT}\b",
            r"\b\d+(?:[.,]\d+)?[\s-]*(?:hours?|hrs?|h|days?|business days?|working days?|minutes?|"
            r"mins?|weeks?|months?)\b",
            # deadlines: by 15 March, by March 15, by Friday, by the end of the month
            r"\b(?:by|before|until|till|no later than|not later than|starting|from|since|on|as of|"
            r"effective)\s+"
            rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|"
            rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|{_WEEKDAY}|"
            r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
            r"end of|close of|noon|midnight|"
            rf"\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?))",
            # bare dates: 15 March 2024, March 15, 2024-03-15
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?\b",
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
            r"\b\d{4}-\d{2}-\d{2}\b",
            # clock times: 5 p.m., 14:00
            r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)",
            r"\b\d{1,2}:\d{2}\b",
            # frequencies
            r"\b(?:hourly|daily|nightly|weekly|biweekly|bi-weekly|fortnightly|monthly|quarterly|"
            r"yearly|annually|semi-annually|twice|once)\b",
            rf"\b(?:every|each|per)\s+(?:single\s+|new\s+|other\s+)?{_PERIOD_NOUN}\b",
            r"\b(?:once|twice|three times|\d+ times)\s+(?:a|per)\s+"
            r"(?:day|week|month|quarter|year|shift)\b",
            rf"\bevery\s+(?:\w+\s+)?{_PERIOD_NOUN}\b",
            r"\b(?:same|next)[\s-](?:business\s+|working\s+)?day\b",
            r"\b(?:today|tomorrow|tonight|yesterday)\b",
            rf"\b(?:this|next|last)\s+(?:week|month|quarter|year|{_WEEKDAY})\b",
            rf"\bon\s+{_WEEKDAY}\b",
            r"\b(?:before|after|prior to)\s+(?:every|each|any)\s+\w+",
        ]
    ),
    re.IGNORECASE,
)


FREQUENCY_RE = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|biweekly|bi-weekly|fortnightly|monthly|quarterly|yearly|"
    r"annually|semi-annually)\b|"
    rf"\b(?:every|each|per)\s+(?:single\s+|new\s+|other\s+)?{_PERIOD_NOUN}\b|"
    r"\b(?:once|twice|three times|\d+ times)\s+(?:a|per)\s+(?:day|week|month|quarter|year|shift)\b|"
    r"\b(?:before|after|prior to)\s+(?:every|each|any)\s+\w+",
    re.IGNORECASE,
)
"""Routines only ("every Monday", "before each shipment"): a present-tense action with one
is a standing practice, i.e. a preventive measure."""


def has_timeframe(text: str, span: Span | None = None) -> bool:
    """True when ``text`` states a time frame, date, deadline or frequency: the expressions
    above, or (given the parsed ``span`` of the text) a time expression of
    ``rules/timeframes.yaml`` inside it ("in May", "their first week", "on the day it
    arrives")."""
    if TIMEFRAME_RE.search(text):
        return True
    return span is not None and bool(time_frames_within(span))
