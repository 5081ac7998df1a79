"""The entity recogniser runs only when an enabled rule reads entities (engine.ENTITY_CHECKS).

Skipping ``ner`` saves about half of the parse; these tests make sure it never changes a
finding: a new check that reads entities must be listed in ``ENTITY_CHECKS``. Since issue 14
no shipped check does (time expressions are patterns, rules/timeframes.yaml), so the
pipeline is loaded without ``ner`` unless a pattern rule asks for entities.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path
from typing import Any

from poa_lint.api import limits_for
from poa_lint.catalog import load_catalog
from poa_lint.config import Config
from poa_lint.engine import (
    ENTITY_CHECKS,
    build_report,
    check_letter,
    needs_entities,
    pattern_matcher,
    prepare_rules,
)
from poa_lint.letter import build_letters
from poa_lint.nlp import load_pipeline, skipped_components
from poa_lint.readers import read_path

from .conftest import CORPUS, ROOT

ENTITY_NAMES = {"ents", "ent_type", "ent_type_", "ent_iob", "ent_iob_", "ent_id_", "ent_kb_id_"}
# Modules allowed to read entities, and the modules that use them (whose checks must be in
# ENTITY_CHECKS when they call into them).
# None since issue 14: timeframes.py and the relevance checks read poa_lint/time_expressions.py.
ENTITY_MODULES: set[str] = set()
ENTITY_USERS: set[str] = set()
# The public helpers of ENTITY_MODULES that read entities.
ENTITY_HELPERS: set[str] = set()


def _names(path: Path) -> set[str]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return {t.string for t in tokens if t.type == tokenize.NAME}


def test_only_known_modules_read_entities() -> None:
    package = ROOT / "poa_lint"
    readers = {
        p.relative_to(package).as_posix() for p in package.rglob("*.py") if _names(p) & ENTITY_NAMES
    }
    assert readers <= ENTITY_MODULES, (
        f"{sorted(readers - ENTITY_MODULES)} read named entities: add the checks that use "
        "them to poa_lint.engine.ENTITY_CHECKS and the module to ENTITY_MODULES here"
    )
    users = {
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if _names(p) & ENTITY_HELPERS and p.relative_to(package).as_posix() not in ENTITY_MODULES
    }
    assert users <= ENTITY_USERS, (
        f"{sorted(users - ENTITY_USERS)} use an entity-reading helper: list their checks in "
        "poa_lint.engine.ENTITY_CHECKS and the module in ENTITY_USERS here"
    )


def test_needs_entities_follows_the_selection(nlp: Any) -> None:
    catalog = load_catalog()
    assert not needs_entities(prepare_rules(catalog, Config()))
    assert not needs_entities(prepare_rules(catalog, Config(select=("POA701", "POA401"))))
    assert "ner" not in nlp.pipe_names  # the default pipeline does not even load it
    assert skipped_components(nlp, entities=False) == ()
    with_ner = load_pipeline(entities=True)
    assert "ner" in with_ner.pipe_names
    assert skipped_components(with_ner, entities=False) == ("ner",)
    assert skipped_components(with_ner, entities=True) == ()
    assert {r.check for r in catalog.rules if r.check} >= ENTITY_CHECKS


def test_a_pattern_on_entities_asks_for_the_entity_recogniser() -> None:
    """The entity recogniser stays available: a rule on ``ENT_TYPE`` gets a pipeline with
    it, and its matches."""
    from poa_lint.api import Job, lint_jobs
    from poa_lint.catalog import Catalog, Rule
    from poa_lint.engine import ActiveRule
    from poa_lint.models import Severity
    from poa_lint.readers import parse_plain_text

    rule = Rule.model_validate(
        {
            "code": "POA999",
            "name": "names-a-person",
            "category": "tone",
            "severity": "info",
            "message": "A person is named.",
            "rationale": "test",
            "link": "https://example.invalid/",
            "patterns": [[{"ENT_TYPE": "PERSON"}]],
            "examples": {"bad": ["Tom Becker packs."], "good": ["We pack."]},
        }
    )
    assert needs_entities([ActiveRule(rule=rule, severity=Severity.INFO, options=None)])
    catalog = Catalog(rules=(*load_catalog().rules, rule))
    source = parse_plain_text("Dear team,\nTom Becker packs every order since 3 May.\n")
    report = lint_jobs([Job(source, Config())], catalog=catalog)[0]
    assert "POA999" in report.codes()


def test_skipping_ner_changes_no_finding(nlp: Any) -> None:
    letters = sorted(
        p for p in CORPUS.glob("*.txt") if not p.name.endswith((".notice.txt", ".docx.txt"))
    )[::4]
    config = Config()
    sources = [read_path(p, limits=limits_for(config)) for p in letters]
    catalog = load_catalog()
    rules = [a for a in prepare_rules(catalog, config) if a.rule.check not in ENTITY_CHECKS]
    assert not needs_entities(rules)
    matcher = pattern_matcher(catalog, nlp)
    with_ner = load_pipeline(entities=True)
    full = build_letters(sources, with_ner)
    lean = build_letters(sources, nlp)
    assert all(len(letter.doc.ents) == 0 for letter in lean)
    assert any(len(letter.doc.ents) for letter in full)
    full_matcher = pattern_matcher(catalog, with_ner)
    for a, b in zip(full, lean, strict=True):
        assert check_letter(a, rules, full_matcher) == check_letter(b, rules, matcher), a.path
        assert build_report(a, [], config) == build_report(b, [], config), a.path
