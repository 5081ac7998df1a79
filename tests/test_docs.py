"""The generated docs must match the catalogue (run `python -m poa_lint.docgen` to refresh)."""

from __future__ import annotations

from poa_lint.catalog import load_catalog
from poa_lint.docgen import rules_markdown, updated_readme

from .conftest import ROOT


def test_rules_doc_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(load_catalog()), "run: python -m poa_lint.docgen"


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == updated_readme(readme, load_catalog()), "run: python -m poa_lint.docgen"
