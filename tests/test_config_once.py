"""Issue 12, point 3 (and the categories of point 4): one mistake is one error, named where
it came from, with the nearest valid name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint.cli import main

BAD = "Dear team,\nWe refunded order [ORDER ID] within 24 hours.\nSincerely, [Your Name]\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def two_teams(tmp_path: Path) -> Path:
    for team in ("north", "south"):
        folder = tmp_path / team
        folder.mkdir()
        for i in range(3):
            (folder / f"letter{i}.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_a_bad_flag_is_one_error_blamed_on_the_flag(two_teams: Path) -> None:
    (two_teams / "north" / ".poa-lint.toml").write_text('select = ["POA7"]\n', encoding="utf-8")
    code, out, err = run(str(two_teams), "--ignore", "POA2O1")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("poa-lint: error: --ignore: 'POA2O1' matches no rule")
    assert "(did you mean 'POA201'?)" in err
    assert ".poa-lint.toml" not in err  # not blamed on an unrelated config file


def test_a_bad_name_in_a_flag_gets_a_suggestion(two_teams: Path) -> None:
    _, _, err = run(str(two_teams), "--select", "blame-buyer")
    assert "--select: 'blame-buyer' matches no rule (did you mean 'blames-buyer'?)" in err


def test_a_broken_config_is_reported_once_and_other_letters_are_checked(
    two_teams: Path,
) -> None:
    config = two_teams / "north" / ".poa-lint.toml"
    config.write_text('ignore = ["POA7O1"]\n', encoding="utf-8")
    code, out, _ = run(str(two_teams), "--select", "POA701")
    assert code == 2
    lines = [line for line in out.splitlines() if "error:" in line]
    assert lines == [
        f"{config}: error: ignore: 'POA7O1' matches no rule (did you mean 'POA701'?); use a "
        "code (POA201), a prefix (POA2), a category (tone) or a name (blames-buyer). "
        "`poa-lint rules` lists them."
    ]
    assert "north/letter" not in out  # its letters are not checked (nor blamed)
    findings = [line for line in out.splitlines() if " POA701 [" in line]
    assert sum("south/letter" in line for line in findings) == 6  # two in each of three

    code, out, _ = run(str(two_teams), "-f", "json")
    document = json.loads(out)
    assert document["errors"] == [
        {"path": str(config), "message": document["errors"][0]["message"]}
    ]
    assert [Path(f["path"]).parent.name for f in document["files"]] == ["south"] * 3
