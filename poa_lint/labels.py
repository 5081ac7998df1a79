"""Document-level labels: what a consultant says about a whole letter, and how rules map to it.

The corpus annotates findings line by line; real letters (``../shared/real-dev`` and anything a
consultancy labels by hand) are judged a letter at a time: "it blames the buyer", "it has no
corrective action". This module is the bridge, so that one benchmark can score poa-lint on
both: each rule code answers one label, and a letter's expected *class* — ``good`` (send it),
``revise`` (sendable after fixes) or ``reject`` (Amazon would reject it as it stands) — follows
from its labels unless the annotator stated it.

The label schema is that of ``../shared/real-dev/letters.jsonl``:
``has_root_cause, has_corrective, has_preventive`` (parts present), defect flags, and
``has_timeframes`` and ``uncovered_causes``. Our own letters may add ``threatens``,
``denies_violation``, ``too_short``, ``decorative_symbols``, ``metric_not_cited``,
``evidence_missing`` and ``notice_item_missing``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

#: The label each rule code answers. A code missing here (POA105 order, POA302/POA402/POA403/
#: POA404/POA801 style) has no document-level label: it is judged line by line in corpus
#: folders only.
LABEL_OF_CODE: Mapping[str, str] = {
    "POA101": "missing_root_cause",
    "POA102": "missing_corrective",
    "POA104": "missing_corrective",
    "POA103": "missing_preventive",
    "POA201": "blames_buyer",
    "POA202": "criticizes_amazon",
    "POA203": "emotional_or_unprofessional",
    "POA204": "threatens",
    "POA205": "denies_violation",
    "POA301": "vague_measures",
    "POA303": "no_timeframes",
    "POA401": "too_long",
    "POA405": "too_short",
    "POA501": "off_reason",
    "POA502": "irrelevant_content",
    "POA503": "metric_not_cited",
    "POA601": "uncovered_causes",
    "POA602": "uncovered_causes",
    "POA603": "notice_item_missing",
    "POA701": "placeholders_left",
    "POA702": "non_english",
    "POA703": "evidence_missing",
    "POA802": "decorative_symbols",
}

#: Labels in the order tables print them.
LABELS: tuple[str, ...] = tuple(dict.fromkeys(LABEL_OF_CODE.values()))

#: Where a set's schema lacks a label, the broader label its annotators folded it into: the
#: real-dev schema has no threat, denial or symbol label, and judges those as unprofessional
#: tone or criticism of Amazon ("Amazon is in error"). Only a clean broader label settles
#: the narrower one (no unprofessional tone, so no threat); a flagged one leaves it unknown.
FALLBACK: Mapping[str, str] = {
    "threatens": "emotional_or_unprofessional",
    "denies_violation": "criticizes_amazon",
    "decorative_symbols": "emotional_or_unprofessional",
}

#: Defects that get a letter rejected as it stands (the issue's must-fail list, plus denial,
#: which the guidance names with blame). A letter with one of these is in class ``reject``.
REJECT_LABELS: frozenset[str] = frozenset(
    {
        "missing_root_cause",
        "missing_corrective",
        "missing_preventive",
        "blames_buyer",
        "criticizes_amazon",
        "threatens",
        "denies_violation",
        "placeholders_left",
        "non_english",
    }
)

#: Labels a truncated letter can only confirm, never deny: the cut-off text may hold the
#: missing part, the answer to a cause, or the words that make it too long. ``True`` on a
#: truncated letter stays judged; ``False`` becomes unknown.
_TRUNCATION_UNKNOWN_IF_TRUE = frozenset({"missing_preventive", "uncovered_causes"})
_TRUNCATION_UNKNOWN_IF_FALSE = frozenset({"too_long"})
_TRUNCATION_UNKNOWN = frozenset({"too_short"})

LetterClass = Literal["good", "revise", "reject"]
Truth = dict[str, bool | None]


def truth_from_schema(raw: Mapping[str, object], *, truncated: bool = False) -> Truth:
    """Normalise labels in the real-dev schema into ``label -> True/False/None`` (None:
    not judged on this letter), applying the truncation caveats and the fallbacks."""
    truth: Truth = {}
    for part, label in (
        ("has_root_cause", "missing_root_cause"),
        ("has_corrective", "missing_corrective"),
        ("has_preventive", "missing_preventive"),
        ("has_timeframes", "no_timeframes"),
    ):
        if part in raw:
            truth[label] = not bool(raw[part])
    for label in LABELS:
        if label in truth or label not in raw:
            continue
        value = raw[label]
        truth[label] = bool(value) if not isinstance(value, list) else len(value) > 0
    for label, fallback in FALLBACK.items():
        if label not in truth and fallback in truth:
            truth[label] = False if truth[fallback] is False else None
    if truncated:
        for label, value in truth.items():
            if (
                (label in _TRUNCATION_UNKNOWN_IF_TRUE and value)
                or (label in _TRUNCATION_UNKNOWN_IF_FALSE and not value)
                or label in _TRUNCATION_UNKNOWN
            ):
                truth[label] = None
    return truth


def truth_from_codes(codes: Iterable[str]) -> Truth:
    """Labels implied by a letter's expected findings (corpus folders): every label is
    judged, true exactly when one of its codes is expected."""
    present = {LABEL_OF_CODE[c] for c in codes if c in LABEL_OF_CODE}
    return {label: label in present for label in LABELS}


def class_of(truth: Mapping[str, bool | None]) -> LetterClass:
    """``reject`` if a rejecting defect is present, ``revise`` if any other defect is,
    else ``good`` (labels not judged count as absent)."""
    present = {label for label, value in truth.items() if value}
    if present & REJECT_LABELS:
        return "reject"
    return "revise" if present else "good"


def predicted_labels(codes: Iterable[str]) -> set[str]:
    """The labels a set of reported codes claims."""
    return {LABEL_OF_CODE[c] for c in codes if c in LABEL_OF_CODE}
