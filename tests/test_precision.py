"""Severities are earned: a rule's default severity must match its measured precision.

The figures are in ``rules/precision.yaml`` (written by ``python bench/accuracy.py
--write-precision`` over letters the rules were not tuned on). An ``error`` needs at least
0.90, a ``warning`` 0.75; a rule that does not reach them must be demoted, not hoped for.
"""

from __future__ import annotations

import pytest

from poa_lint.catalog import load_catalog
from poa_lint.precision import EARNED, Measured, earned, measured_precision
from poa_lint.severity import Severity

RULES = load_catalog().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_default_severity_is_earned(rule) -> None:  # type: ignore[no-untyped-def]
    measured = measured_precision().get(rule.code)
    assert earned(rule.severity, measured), (
        f"{rule.code} is {rule.severity.value} but its measured precision is "
        f"{measured.describe() if measured else 'missing'}; it needs {EARNED[rule.severity]}"
    )


def test_every_rule_is_in_the_table() -> None:
    table = measured_precision()
    assert {r.code for r in RULES} <= set(table.rules)
    assert table.measured_on


def test_earned_thresholds() -> None:
    assert earned(Severity.ERROR, Measured(right=9, wrong=1))
    assert not earned(Severity.ERROR, Measured(right=8, wrong=2))
    assert earned(Severity.WARNING, Measured(right=3, wrong=1))
    assert not earned(Severity.WARNING, Measured(right=0, wrong=0))  # never measured
    assert earned(Severity.INFO, None)
    assert Measured(right=3, wrong=1).describe() == "0.75 (3 of 4 findings right)"
