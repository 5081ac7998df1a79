"""The registry of check functions, built in one place (no decorators, no global mutation).

A rule in ``rules/*.yaml`` with ``check: NAME`` runs ``CHECKS[NAME]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import hygiene, length, measures, structure
from .base import CheckSpec, Hit, NoOptions, Options
from .conciseness import (
    HardToReadOptions,
    LongSentenceOptions,
    TooShortOptions,
    hard_to_read,
    long_sentence,
    too_short,
)
from .form import DecorativeSymbolsOptions, decorative_symbols, non_english_text
from .relevance import (
    EvidenceNotReferencedOptions,
    IrrelevantContentOptions,
    MetricNotCitedOptions,
    ReasonNotAddressedOptions,
    evidence_not_referenced,
    irrelevant_content,
    metric_not_cited,
    reason_not_addressed,
)
from .tone import (
    BlamesBuyerOptions,
    CriticizesAmazonOptions,
    DeniesViolationOptions,
    ThreatensOptions,
    UnprofessionalToneOptions,
    blames_buyer,
    criticizes_amazon,
    denies_violation,
    threatens,
    unprofessional_tone,
)

CHECKS: Mapping[str, CheckSpec] = MappingProxyType(
    {
        "too_long": CheckSpec(length.too_long, length.TooLongOptions),
        "vague_measure": CheckSpec(measures.vague_measure, measures.VagueOptions),
        "measure_without_timeframe": CheckSpec(measures.measure_without_timeframe),
        "no_timeframes": CheckSpec(measures.no_timeframes),
        "wall_of_text": CheckSpec(measures.wall_of_text, measures.WallOptions),
        "long_sentence": CheckSpec(long_sentence, LongSentenceOptions),
        "hard_to_read": CheckSpec(hard_to_read, HardToReadOptions),
        "too_short": CheckSpec(too_short, TooShortOptions),
        "non_english_text": CheckSpec(non_english_text),
        "pasted_debris": CheckSpec(hygiene.pasted_debris),
        "decorative_symbols": CheckSpec(decorative_symbols, DecorativeSymbolsOptions),
        "blames_buyer": CheckSpec(blames_buyer, BlamesBuyerOptions),
        "criticizes_amazon": CheckSpec(criticizes_amazon, CriticizesAmazonOptions),
        "unprofessional_tone": CheckSpec(unprofessional_tone, UnprofessionalToneOptions),
        "threatens": CheckSpec(threatens, ThreatensOptions),
        "denies_violation": CheckSpec(denies_violation, DeniesViolationOptions),
        "missing_root_cause": CheckSpec(structure.missing_root_cause),
        "missing_corrective": CheckSpec(structure.missing_corrective),
        "missing_preventive": CheckSpec(structure.missing_preventive),
        "corrective_not_done": CheckSpec(structure.corrective_not_done),
        "section_order": CheckSpec(structure.section_order),
        "cause_without_corrective": CheckSpec(structure.cause_without_corrective),
        "cause_without_preventive": CheckSpec(structure.cause_without_preventive),
        "notice_item_not_addressed": CheckSpec(structure.notice_item_not_addressed),
        "reason_not_addressed": CheckSpec(reason_not_addressed, ReasonNotAddressedOptions),
        "irrelevant_content": CheckSpec(irrelevant_content, IrrelevantContentOptions),
        "metric_not_cited": CheckSpec(metric_not_cited, MetricNotCitedOptions),
        "evidence_not_referenced": CheckSpec(evidence_not_referenced, EvidenceNotReferencedOptions),
    }
)

__all__ = ["CHECKS", "CheckSpec", "Hit", "NoOptions", "Options"]
