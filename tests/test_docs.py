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


def test_readme_shows_each_letter_repository_feature() -> None:
    """Issue 12: each feature in one line of the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fragment in (
        "pip install .",
        ". .venv/bin/activate",
        "re-upload of the official spaCy `en_core_web_sm` 3.8.0",
        "repo: local",
        "rev: v0.1.0",
        "--force-exclude",
        "X.notice.txt",
        "--stdin-filename",
        "--statistics",
        "--write-baseline",
        "--baseline",
        "--show-settings",
        "--show-files",
        'extend = "../.poa-lint.toml"',
        "extend-exclude",
        "respect-gitignore",
        "categories (tone)",
        "NO_COLOR",
        "FORCE_COLOR",
        "charset-normalizer",
        "notice_file=",
        "_POA_LINT_COMPLETE=bash_source",
    ):
        assert fragment in readme, fragment


def test_readme_local_hook_matches_the_published_hook() -> None:
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "repo: local" in b)
    local = yaml.safe_load(block)["repos"][0]["hooks"][0]
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert local["entry"] == published["entry"]
    assert local["files"] == published["files"]


def test_shell_completion_works_as_documented() -> None:
    from click.testing import CliRunner

    from poa_lint.cli import main

    shells = (("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete"))
    for shell, marker in shells:
        result = CliRunner().invoke(
            main, [], prog_name="poa-lint", env={"_POA_LINT_COMPLETE": f"{shell}_source"}
        )
        assert result.exit_code == 0 and marker in result.output, shell


def _documented_fields(doc: str, heading: str) -> list[str]:
    import re

    section = doc.split(heading + "\n", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([a-z_]+)`", section, re.M)


def test_json_doc_matches_the_output() -> None:
    """docs/json-output.md: stdin's path, no inline suppressions, every field documented."""
    import json
    import re

    from click.testing import CliRunner

    from poa_lint.cli import main

    doc = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    assert "suppression" not in doc
    assert '`"<stdin>"`' in doc and "--stdin-filename" in doc
    result = CliRunner().invoke(
        main, ["check", "-", "-f", "json", "--no-cache"], input="Dear team, [Your Name]\n"
    )
    actual = json.loads(result.output)
    assert actual["files"][0]["path"] == "<stdin>"
    entry = actual["files"][0]
    for heading, keys in (
        ("## The document", actual),
        ("### file", entry),
        ("### finding", entry["findings"][0]),
        ("### summary", actual["summary"]),
    ):
        assert set(_documented_fields(doc, heading)) == set(keys), heading
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))  # type: ignore[union-attr]
    assert set(example["files"][0]) <= set(entry)
    assert set(example["files"][0]["findings"][0]) <= set(entry["findings"][0])
