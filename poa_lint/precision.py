"""How often each rule is right on letters it was not tuned on (``rules/precision.yaml``).

A severity is a promise: an ``error`` says Amazon would very likely reject the letter, so
it must be right at least 9 times in 10; a ``warning`` at least 3 times in 4; anything less
is ``info``, a suggestion. The figures come from ``python bench/accuracy.py
--write-precision`` over the holdout letters and the real letters of the development set,
and are shipped so that ``poa-lint explain``, the rule docs and a test can show and enforce
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .catalog import load_data_file
from .errors import CatalogError
from .severity import Severity
from .texts import N_, Template, message

#: The least measured precision each severity needs.
EARNED: dict[Severity, float] = {Severity.ERROR: 0.9, Severity.WARNING: 0.75, Severity.INFO: 0.0}


@dataclass(frozen=True)
class Measured:
    """One rule's record: findings judged right and wrong, and their ratio (None: none)."""

    right: int
    wrong: int

    @property
    def precision(self) -> float | None:
        total = self.right + self.wrong
        return self.right / total if total else None

    def describe(self) -> str:
        """ "0.95 (38 of 40 findings right)", or a note that there is no measurement."""
        return self.template().english()

    def template(self) -> Template:
        """:meth:`describe` for any language."""
        if self.precision is None:
            return Template(N_("not measured (no finding on the evaluation letters)"))
        return message(
            N_("{precision} ({right} of {total} findings right)"),
            precision=f"{self.precision:.2f}",
            right=self.right,
            total=self.right + self.wrong,
        )


@dataclass(frozen=True)
class PrecisionTable:
    measured_on: tuple[str, ...]
    rules: dict[str, Measured]

    def get(self, code: str) -> Measured | None:
        return self.rules.get(code)


@lru_cache(maxsize=1)
def measured_precision() -> PrecisionTable:
    data = load_data_file("precision.yaml")
    try:
        rules = {
            str(code): Measured(right=int(entry["right"]), wrong=int(entry["wrong"]))
            for code, entry in (data.get("rules") or {}).items()
        }
        return PrecisionTable(tuple(str(s) for s in data.get("measured_on", ())), rules)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"rules/precision.yaml: {exc}") from exc


def earned(severity: Severity, measured: Measured | None) -> bool:
    """Whether a rule's measured precision earns the severity (info is always earned)."""
    if severity is Severity.INFO:
        return True
    return measured is not None and measured.precision is not None and (
        measured.precision >= EARNED[severity]
    )
