"""Every rule's `bad` examples must trigger it and its `good` examples must not.

The examples live in rules/*.yaml next to the rule, so documentation (`poa-lint explain`)
and tests can never drift apart. A rule without both kinds of example fails here.
"""

from __future__ import annotations

import pytest

from poa_lint import lint
from poa_lint.catalog import Example, Rule, load_catalog
from poa_lint.config import Config, RuleSettings

CATALOG = load_catalog()


def _config_for(rule: Rule, example: Example) -> Config:
    rules = {rule.code: RuleSettings(**example.options)} if example.options else {}
    # Only the rule under test runs, so an example is judged on that rule alone.
    return Config(select=(rule.code,), rules=rules)


def _cases(kind: str) -> list[tuple[Rule, Example]]:
    return [(rule, ex) for rule in CATALOG.rules for ex in getattr(rule.examples, kind)]


def _id(case: tuple[Rule, Example]) -> str:
    rule, example = case
    return f"{rule.code}-{example.text[:40]}"


@pytest.mark.parametrize("case", _cases("bad"), ids=[_id(c) for c in _cases("bad")])
def test_bad_example_triggers_rule(case: tuple[Rule, Example]) -> None:
    rule, example = case
    report = lint(
        example.text,
        reason=example.reason,
        notice=example.notice,
        config=_config_for(rule, example),
    )
    assert rule.code in report.codes(), f"{rule.code} did not fire on: {example.text!r}"


@pytest.mark.parametrize("case", _cases("good"), ids=[_id(c) for c in _cases("good")])
def test_good_example_passes_rule(case: tuple[Rule, Example]) -> None:
    rule, example = case
    report = lint(
        example.text,
        reason=example.reason,
        notice=example.notice,
        config=_config_for(rule, example),
    )
    hits = [f for f in report.findings if f.code == rule.code]
    assert not hits, f"{rule.code} fired on a good example: {[h.excerpt for h in hits]}"


def test_every_rule_has_good_and_bad_examples() -> None:
    for rule in CATALOG.rules:
        assert rule.examples.bad and rule.examples.good, rule.code


def test_every_check_rule_names_a_registered_function() -> None:
    from poa_lint.checks import CHECKS

    for rule in CATALOG.rules:
        if rule.check is not None:
            assert rule.check in CHECKS, f"{rule.code} names unknown check {rule.check!r}"


def test_catalog_rejects_rule_without_examples() -> None:
    from poa_lint.catalog import build_catalog
    from poa_lint.errors import CatalogError

    bad = (
        "rules:\n  - {code: POA999, name: x-rule, category: form, severity: info, message: m,"
        " rationale: r, link: l, check: too_long, examples: {bad: [a], good: []}}\n"
    )
    with pytest.raises(CatalogError, match="POA999"):
        build_catalog([("x.yaml", bad)])


def test_catalog_rejects_unknown_keys() -> None:
    from poa_lint.catalog import build_catalog
    from poa_lint.errors import CatalogError

    bad = (
        "rules:\n  - {code: POA998, name: y-rule, category: form, severity: info, message: m,"
        " rationale: r, link: l, check: too_long, colour: red, examples: {bad: [a], good: [b]}}\n"
    )
    with pytest.raises(CatalogError, match="colour"):
        build_catalog([("x.yaml", bad)])
