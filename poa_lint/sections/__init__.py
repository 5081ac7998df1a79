"""Find a letter's parts — root cause, corrective actions, preventive measures — and its items.

Real letters rarely use tidy headings, so we work in two layers:

1. **Headings and labels.** A heading ("Why this happened", "2) Corrective actions taken",
   a .docx Heading style) or an inline label ("Root cause: our boxes were too thin.")
   starts a part that runs to the next one. Cue words live in ``rules/sections.yaml``.
2. **Content.** Every item (a list item, or a sentence of a body paragraph) is classified
   from its parse: completed first-person actions ("we refunded", "all listings have been
   corrected") are corrective; commitments, routines and new processes ("we will", "every
   Monday", "we have introduced a daily check") are preventive; causal language and past
   failures ("because", "did not", "was too thin") are the root cause. Where there are no
   headings, runs of classified items become the parts.

The result is computed once per letter (:func:`structure_of`) and read by the structure,
coverage and measure checks.

One module per job: :mod:`.model` (items, sections, the structure), :mod:`.headings`
(which paragraph starts a part), :mod:`.roles` (the role each item plays) and
:mod:`.assemble` (the parts put together). Which part a heading's words name is
:mod:`poa_lint.section_cues`, one layer down, since the letter's envelope asks it too; the
subject, tense and verbs of a clause are :mod:`poa_lint.grammar`'s, which the checks ask too.
"""

from ..grammar import Tense
from ..section_cues import (
    CAUSE_REFERENCE,
    PARTS,
    PartKind,
    SectionVocabulary,
    classify_heading,
    vocabulary,
)
from .assemble import analyse, structure_of
from .model import Item, ItemRole, Section, Structure
from .roles import ATTACHMENT, EVIDENCE_POINTER

__all__ = [
    "ATTACHMENT",
    "CAUSE_REFERENCE",
    "EVIDENCE_POINTER",
    "PARTS",
    "Item",
    "ItemRole",
    "PartKind",
    "Section",
    "SectionVocabulary",
    "Structure",
    "Tense",
    "analyse",
    "classify_heading",
    "structure_of",
    "vocabulary",
]
