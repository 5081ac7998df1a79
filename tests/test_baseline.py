"""Issue 12, point 7: a baseline of accepted findings, matched by code, letter and excerpt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint import ConfigError
from poa_lint.baseline import load_baseline
from poa_lint.cli import main

LETTER = (
    "Dear team,\n"
    "The buyer lied about the item and we refunded order [ORDER ID] within 24 hours.\n"
    "Sincerely, [Your Name]\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.txt").write_text(LETTER, encoding="utf-8")
    (folder / "b.txt").write_text(LETTER, encoding="utf-8")
    return folder


def test_round_trip(letters: Path, tmp_path: Path) -> None:
    baseline = tmp_path / ".poa-lint-baseline.json"
    code, out, err = run("letters", "--select", "POA7,POA201", "--write-baseline", str(baseline))
    assert code == 0  # the findings are recorded, so accepted
    assert "POA701" in out  # and still shown, so the user sees what was recorded
    assert f"recorded 6 finding(s) in 2 letter(s) in {baseline}" in err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert {(e["path"], e["code"], e["excerpt"]) for e in data["findings"]} == {
        ("letters/a.txt", "POA201", "buyer lied"),
        ("letters/a.txt", "POA701", "[ORDER ID]"),
        ("letters/a.txt", "POA701", "[Your Name]"),
        ("letters/b.txt", "POA201", "buyer lied"),
        ("letters/b.txt", "POA701", "[ORDER ID]"),
        ("letters/b.txt", "POA701", "[Your Name]"),
    }

    code, out, err = run("letters", "--select", "POA7,POA201", "--baseline", str(baseline))
    assert (code, out.strip()) == (0, "All 2 files look good.")
    assert "6 finding(s) recorded" in err


def test_edits_elsewhere_keep_the_baseline_valid(letters: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("letters", "--select", "POA7", "--write-baseline", str(baseline))
    a = letters / "a.txt"
    a.write_text(
        "Dear team,\n\nWe are sorry for the trouble.\n"
        + LETTER.split("\n", 1)[1]
        + "Also, [Phone]\n",
        encoding="utf-8",
    )
    code, out, _ = run("letters", "--select", "POA7", "--baseline", str(baseline))
    assert code == 1
    # The recorded placeholders moved down two lines and are still accepted; only the
    # new one is reported.
    findings = [line for line in out.splitlines() if " POA701 [" in line]
    assert len(findings) == 1
    assert findings[0].startswith(f"{Path('letters') / 'a.txt'}:6:7: POA701 [error]")
    assert "[Phone]" in findings[0]


def test_each_recorded_finding_is_used_once(letters: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("letters/a.txt", "--select", "POA701", "--write-baseline", str(baseline))
    (letters / "a.txt").write_text(LETTER + "Call [Your Name] again.\n", encoding="utf-8")
    code, out, _ = run("letters/a.txt", "--select", "POA701", "--baseline", str(baseline))
    assert code == 1
    assert out.count(" POA701 [") == 1  # the second "[Your Name]" is new


def test_the_baseline_works_from_another_folder(
    letters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    run("letters", "--select", "POA7", "--write-baseline", str(baseline))
    monkeypatch.chdir(letters)
    code, out, _ = run(".", "--select", "POA7", "--baseline", str(baseline))
    assert code == 0, out


def test_a_bad_baseline_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a poa-lint baseline"):
        load_baseline(bad)
    code, out, err = run(str(tmp_path), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and out == ""
    assert "cannot read the baseline" in err and "--write-baseline" in err
