"""The suspension-reason taxonomy (``rules/reasons.yaml``): names, vocabulary, metric, evidence.

Reasons are data so that a consultant can add a reason or a synonym without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .catalog import load_data_file
from .errors import CatalogError, ConfigError
from .texts import N_, message


class Metric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    names: tuple[str, ...]
    target: str


class Reason(BaseModel):
    """One kind of suspension, as the notice and the letter talk about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    kind: Literal["performance", "policy"]
    #: Other spellings users type for ``--reason`` ("late-dispatch", "section 3").
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    vocabulary: tuple[str, ...] = ()
    metric: Metric | None = None
    evidence: tuple[str, ...] = ()
    #: What Amazon typically asks for, in words a seller understands (used in messages).
    evidence_note: str = ""
    #: Neighbouring reasons whose letters naturally overlap (late shipment ~ valid tracking):
    #: relevance checks do not treat one as displacing the other.
    related: tuple[str, ...] = ()


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reasons: tuple[Reason, ...]

    def get(self, reason_id: str) -> Reason | None:
        """The reason for an id or one of its aliases, ignoring case, spaces, hyphens and
        underscores ("Late-Dispatch", "section 3", "price gouging")."""
        key = _key(reason_id)
        return next(
            (r for r in self.reasons if key == _key(r.id) or key in {_key(a) for a in r.aliases}),
            None,
        )

    def ids(self) -> list[str]:
        return [r.id for r in self.reasons]


def inline_name(name: str) -> str:
    """A reason's name as it reads inside a sentence: "Intellectual property - trademark"
    becomes "intellectual property (trademark)", "Order defect rate" "order defect rate"
    (acronyms keep their capitals). Both forms are message ids (see docs/translating.md)."""
    if " - " in name:
        head, tail = name.split(" - ", 1)
        name = f"{head} ({tail})"
    return name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, validated once per process."""
    try:
        return Taxonomy.model_validate(load_data_file("reasons.yaml"))
    except ValidationError as exc:
        raise CatalogError(f"rules/reasons.yaml: {exc}") from exc


def resolve_reason(reason_id: str) -> Reason:
    """The reason for an id given by the user, or a ConfigError listing the valid ids."""
    taxonomy = load_taxonomy()
    reason = taxonomy.get(reason_id)
    if reason is None:
        raise ConfigError(
            None,
            message(
                N_("unknown reason {reason}; valid reasons: {reasons}"),
                reason=repr(reason_id),
                reasons=", ".join(taxonomy.ids()),
            ),
        )
    return reason
