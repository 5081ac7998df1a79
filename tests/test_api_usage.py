"""Issue 12, points 5 and 8: the API's notice arguments and typed errors, --stdin-filename,
and --debug naming the encoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from poa_lint import Config, ConfigError, PoaLintError, lint, lint_file
from poa_lint.cli import main

from .conftest import CORPUS

LETTER_PATH = CORPUS / "odr-01-good-headings.txt"
NOTICE_PATH = CORPUS / "odr-01-good-headings.notice.txt"
LETTER = LETTER_PATH.read_text(encoding="utf-8")
NOTICE = NOTICE_PATH.read_text(encoding="utf-8")


# --- notice= is text, notice_file= is a path --------------------------------------------------


def test_notice_text_and_notice_file_agree() -> None:
    by_text = lint(LETTER, notice=NOTICE)
    by_file = lint(LETTER, notice_file=NOTICE_PATH)
    assert by_text == by_file
    assert by_text.reason is not None and by_text.reason.source == "notice"


def test_a_path_passed_as_notice_text_is_refused() -> None:
    for wrong in (str(NOTICE_PATH), "notice.txt", NOTICE_PATH):
        with pytest.raises(ConfigError, match="notice_file="):
            lint(LETTER, notice=wrong)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="not both"):
        lint(LETTER, notice=NOTICE, notice_file=NOTICE_PATH)


def test_lint_file_pairs_or_takes_the_notice(tmp_path: Path) -> None:
    letter = tmp_path / "draft.txt"
    letter.write_text(LETTER, encoding="utf-8")
    assert lint_file(letter).reason.source == "detected"  # type: ignore[union-attr]
    assert lint_file(letter, notice_file=NOTICE_PATH).reason.source == "notice"  # type: ignore[union-attr]
    (tmp_path / "draft.notice.txt").write_text(NOTICE, encoding="utf-8")
    assert lint_file(letter).reason.source == "notice"  # type: ignore[union-attr]


# --- only PoaLintError leaves the API ------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        {"select": 5},
        {"fail-on": "loud"},
        {"rules": {"too-long": {"max-words": "many"}}},
        {"rules": {"too-long": {"severity": "loud"}}},
        {"colour": "red"},
        "select = ['POA7']",
    ],
    ids=["type", "enum", "option", "rule-severity", "unknown-key", "not-a-mapping"],
)
def test_bad_settings_raise_config_error_never_validation_error(config: Any) -> None:
    with pytest.raises(PoaLintError) as info:
        lint(LETTER, config=config)
    assert isinstance(info.value, ConfigError)
    assert "\n" not in str(info.value)


def test_settings_as_a_mapping() -> None:
    report = lint("Dear team, [Your Name]", config={"select": ["POA701"]})
    assert report.codes() == ["POA701"]
    assert isinstance(Config(select=("POA7",)), Config)


# --- --stdin-filename -----------------------------------------------------------------------------


def test_stdin_filename_applies_config_and_per_file_ignores(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (tmp_path / ".poa-lint.toml").write_text(
        'select = ["POA7"]\n[per-file-ignores]\n"drafts/*" = ["POA701"]\n', encoding="utf-8"
    )
    bad = "Dear team,\nWe refunded order [ORDER ID].\nSincerely, [Your Name]\n"
    runner = CliRunner()
    name = str(tmp_path / "letter.txt")
    result = runner.invoke(main, ["check", "--stdin-filename", name, "--no-cache"], input=bad)
    assert result.exit_code == 1
    assert f"{name}:2:19: POA701" in result.output
    ignored = str(drafts / "letter.txt")
    result = runner.invoke(main, ["check", "-", "--stdin-filename", ignored], input=bad)
    assert result.exit_code == 0, result.output
    as_json = runner.invoke(main, ["check", "--stdin-filename", name, "-f", "json"], input=bad)
    assert f'"path": "{name}"' in as_json.output


def test_stdin_filename_skips_notices_and_forced_excludes(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("x.notice.txt", "README.md"):
        result = runner.invoke(
            main,
            ["check", "--force-exclude", "--stdin-filename", str(tmp_path / name)],
            input="# Not a letter\n",
        )
        assert result.exit_code == 0 and "No files were checked." in result.output, name


def test_paths_or_stdin_filename_are_required() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "Missing argument 'PATHS...'" in result.output


# --- --debug says which encoding was assumed ------------------------------------------------------


def test_debug_names_the_encoding(tmp_path: Path) -> None:
    letter = tmp_path / "windows.txt"
    letter.write_bytes("Dear team,\nWe didn\u2019t ship on time \u2013 sorry.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["check", str(letter), "--debug", "--select", "POA7"])
    assert result.exit_code == 0, result.output
    assert f"poa-lint: debug: {letter}: read as cp1252 (detected)" in result.stderr
