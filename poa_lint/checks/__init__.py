"""The registry of check functions, built in one place (no decorators, no global mutation).

A rule in ``rules/*.yaml`` with ``check: NAME`` runs ``CHECKS[NAME]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import (
    blames_buyer,
    conciseness,
    criticizes_amazon,
    denies_violation,
    evidence_not_referenced,
    form,
    hygiene,
    irrelevant_content,
    length,
    measures,
    metric_not_cited,
    reason_not_addressed,
    structure,
    threatens,
    unprofessional_tone,
)
from .base import CheckSpec, Hit, NoOptions, Options

# Keyed by the ``check:`` name in rules/*.yaml; a rule's module bears its name where the rule
# has one of its own (blames_buyer.py …), and small rules of a category share their category's.
CHECKS: Mapping[str, CheckSpec] = MappingProxyType(
    {
        "too_long": CheckSpec(length.too_long, length.TooLongOptions),
        "vague_measure": CheckSpec(measures.vague_measure, measures.VagueOptions),
        "measure_without_timeframe": CheckSpec(measures.measure_without_timeframe),
        "no_timeframes": CheckSpec(measures.no_timeframes),
        "wall_of_text": CheckSpec(measures.wall_of_text, measures.WallOptions),
        "long_sentence": CheckSpec(conciseness.long_sentence, conciseness.LongSentenceOptions),
        "hard_to_read": CheckSpec(conciseness.hard_to_read, conciseness.HardToReadOptions),
        "too_short": CheckSpec(conciseness.too_short, conciseness.TooShortOptions),
        "non_english_text": CheckSpec(form.non_english_text),
        "pasted_debris": CheckSpec(hygiene.pasted_debris),
        "decorative_symbols": CheckSpec(form.decorative_symbols, form.DecorativeSymbolsOptions),
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
        "missing_root_cause": CheckSpec(structure.missing_root_cause),
        "missing_corrective": CheckSpec(structure.missing_corrective),
        "missing_preventive": CheckSpec(structure.missing_preventive),
        "corrective_not_done": CheckSpec(structure.corrective_not_done),
        "section_order": CheckSpec(structure.section_order),
        "cause_without_corrective": CheckSpec(structure.cause_without_corrective),
        "cause_without_preventive": CheckSpec(structure.cause_without_preventive),
        "notice_item_not_addressed": CheckSpec(structure.notice_item_not_addressed),
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
