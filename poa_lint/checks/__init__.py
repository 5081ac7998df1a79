"""The registry of check functions, built in one place (no decorators, no global mutation).

A rule in ``rules/*.yaml`` with ``check: NAME`` runs ``CHECKS[NAME]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import (
    blames_buyer,
    cause_without_corrective,
    cause_without_preventive,
    corrective_not_done,
    criticizes_amazon,
    decorative_symbols,
    denies_violation,
    evidence_not_referenced,
    hard_to_read,
    irrelevant_content,
    long_sentence,
    measure_without_timeframe,
    metric_not_cited,
    missing_corrective,
    missing_preventive,
    missing_root_cause,
    no_timeframes,
    non_english_text,
    notice_item_not_addressed,
    pasted_debris,
    reason_not_addressed,
    section_order,
    threatens,
    too_long,
    too_short,
    unprofessional_tone,
    vague_measure,
    wall_of_text,
)
from .base import CheckSpec, Hit, NoOptions, Options

# Keyed by the ``check:`` name in rules/*.yaml; each rule's module bears that name and holds
# its options model and its check function.
CHECKS: Mapping[str, CheckSpec] = MappingProxyType(
    {
        "too_long": CheckSpec(too_long.too_long, too_long.TooLongOptions),
        "vague_measure": CheckSpec(vague_measure.vague_measure, vague_measure.VagueOptions),
        "measure_without_timeframe": CheckSpec(measure_without_timeframe.measure_without_timeframe),
        "no_timeframes": CheckSpec(no_timeframes.no_timeframes),
        "wall_of_text": CheckSpec(wall_of_text.wall_of_text, wall_of_text.WallOptions),
        "long_sentence": CheckSpec(long_sentence.long_sentence, long_sentence.LongSentenceOptions),
        "hard_to_read": CheckSpec(hard_to_read.hard_to_read, hard_to_read.HardToReadOptions),
        "too_short": CheckSpec(too_short.too_short, too_short.TooShortOptions),
        "non_english_text": CheckSpec(non_english_text.non_english_text),
        "pasted_debris": CheckSpec(pasted_debris.pasted_debris),
        "decorative_symbols": CheckSpec(
            decorative_symbols.decorative_symbols, decorative_symbols.DecorativeSymbolsOptions
        ),
        "blames_buyer": CheckSpec(blames_buyer.blames_buyer, blames_buyer.BlamesBuyerOptions),
        "criticizes_amazon": CheckSpec(
            criticizes_amazon.criticizes_amazon, criticizes_amazon.CriticizesAmazonOptions
        ),
        "unprofessional_tone": CheckSpec(
            unprofessional_tone.unprofessional_tone, unprofessional_tone.UnprofessionalToneOptions
        ),
        "threatens": CheckSpec(threatens.threatens, threatens.ThreatensOptions),
        "denies_violation": CheckSpec(
            denies_violation.denies_violation, denies_violation.DeniesViolationOptions
        ),
        "missing_root_cause": CheckSpec(missing_root_cause.missing_root_cause),
        "missing_corrective": CheckSpec(missing_corrective.missing_corrective),
        "missing_preventive": CheckSpec(missing_preventive.missing_preventive),
        "corrective_not_done": CheckSpec(corrective_not_done.corrective_not_done),
        "section_order": CheckSpec(section_order.section_order),
        "cause_without_corrective": CheckSpec(cause_without_corrective.cause_without_corrective),
        "cause_without_preventive": CheckSpec(cause_without_preventive.cause_without_preventive),
        "notice_item_not_addressed": CheckSpec(notice_item_not_addressed.notice_item_not_addressed),
        "reason_not_addressed": CheckSpec(
            reason_not_addressed.reason_not_addressed,
            reason_not_addressed.ReasonNotAddressedOptions,
        ),
        "irrelevant_content": CheckSpec(
            irrelevant_content.irrelevant_content, irrelevant_content.IrrelevantContentOptions
        ),
        "metric_not_cited": CheckSpec(
            metric_not_cited.metric_not_cited, metric_not_cited.MetricNotCitedOptions
        ),
        "evidence_not_referenced": CheckSpec(
            evidence_not_referenced.evidence_not_referenced,
            evidence_not_referenced.EvidenceNotReferencedOptions,
        ),
    }
)

__all__ = ["CHECKS", "CheckSpec", "Hit", "NoOptions", "Options"]
