"""The command line: exit codes, formats, selection, errors that name the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint.cli import main

BAD = "Dear team,\nWe refunded order [ORDER ID] within 24 hours.\nSincerely, [Your Name]\n"
GOOD_SNIPPET = "Dear team,\nWe refunded order 113-1234567-1234567 within 24 hours.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.output


@pytest.fixture()
def letters(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD_SNIPPET, encoding="utf-8")
    return tmp_path


def test_version_and_help_do_not_import_spacy() -> None:
    code = (
        "import sys; from poa_lint.cli import main\n"
        "for args in (['--version'], ['--help'], ['rules'], ['explain', 'POA701']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "assert 'spacy' not in sys.modules, 'spaCy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_version() -> None:
    code, out = run("--version")
    assert code == 0 and "poa-lint" in out


def test_bad_letter_exits_1_with_located_findings(letters: Path) -> None:
    code, out = run("check", str(letters / "bad.txt"), "--select", "POA701")
    assert code == 1
    assert f"{letters / 'bad.txt'}:2:19: POA701 [error]" in out
    assert f"{letters / 'bad.txt'}:3:12: POA701 [error]" in out


def test_clean_letter_exits_0(letters: Path) -> None:
    code, out = run("check", str(letters / "good.txt"), "--select", "POA701")
    assert code == 0, out


def test_exit_zero(letters: Path) -> None:
    code, _ = run("check", str(letters / "bad.txt"), "--select", "POA701", "--exit-zero")
    assert code == 0


def test_ignore_by_name(letters: Path) -> None:
    code, _ = run(
        "check", str(letters / "bad.txt"), "--select", "POA7", "--ignore", "placeholder-left"
    )
    assert code == 0


def test_fail_on_error_only(letters: Path) -> None:
    (letters / "long.txt").write_text("word " * 800, encoding="utf-8")
    code, out = run("check", str(letters / "long.txt"), "--select", "POA401", "--fail-on", "error")
    assert code == 0 and "POA401" in out


def test_min_severity_hides_lower(letters: Path) -> None:
    """A hidden finding still counts for the verdict, and the exit code follows the verdict:
    what is shown changes, what the letter needs does not."""
    (letters / "long.txt").write_text("word " * 800, encoding="utf-8")
    args = ("check", str(letters / "long.txt"), "--select", "POA401", "--min-severity", "error")
    code, out = run(*args, "--fail-on", "warning")
    assert code == 1
    assert "[warning]" not in out
    assert "verdict: revise — Fix before sending: too long (POA401)." in out
    code, out = run(*args, "--fail-on", "error")
    assert code == 0


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_parse(letters: Path, fmt: str) -> None:
    code, out = run("check", str(letters / "bad.txt"), "--select", "POA701", "--format", fmt)
    assert code == 1
    data = json.loads(out)
    if fmt == "json":
        assert data["schema"] == 1
        findings = data["files"][0]["findings"]
        assert [f["code"] for f in findings] == ["POA701", "POA701"]
        assert findings[0]["line"] == 2 and findings[0]["column"] == 19
        assert BAD[findings[0]["start"] : findings[0]["end"]] == "[ORDER ID]"
    else:
        assert data["version"] == "2.1.0"
        assert data["runs"][0]["results"][0]["ruleId"] == "POA701"


def test_github_format(letters: Path) -> None:
    code, out = run("check", str(letters / "bad.txt"), "--select", "POA701", "--format", "github")
    assert code == 1 and out.startswith("::error file=")


def test_github_is_default_under_actions(letters: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out = run("check", str(letters / "bad.txt"), "--select", "POA701")
    assert "::error" in out


def test_stdin() -> None:
    code, out = run("check", "-", "--select", "POA701", input=BAD)
    assert code == 1 and "<stdin>:2:19: POA701" in out


def test_directory_is_walked(letters: Path) -> None:
    code, out = run("check", str(letters), "--select", "POA701", "--format", "json")
    data = json.loads(out)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["bad.txt", "good.txt"]
    assert code == 1


def test_missing_file_is_exit_2_and_others_still_checked(letters: Path) -> None:
    code, out = run(
        "check", str(letters / "nope.txt"), str(letters / "bad.txt"), "--select", "POA701"
    )
    assert code == 2
    assert "nope.txt" in out and "POA701" in out


def test_unknown_reason_is_usage_error(letters: Path) -> None:
    code, out = run("check", str(letters / "bad.txt"), "--reason", "nonsense")
    assert code == 2 and "unknown reason" in out


def test_unknown_select_is_config_error(letters: Path) -> None:
    code, out = run("check", str(letters / "bad.txt"), "--select", "POA999")
    assert code == 2 and "POA999" in out


def test_rules_lists_every_rule() -> None:
    from poa_lint.catalog import load_catalog

    code, out = run("rules")
    assert code == 0
    for rule in load_catalog().rules:
        assert rule.code in out and rule.name in out


def test_explain_by_code_and_name() -> None:
    for key in ("POA701", "placeholder-left"):
        code, out = run("explain", key)
        assert code == 0 and "POA701 placeholder-left" in out and "Flagged" in out


def test_explain_unknown() -> None:
    code, _ = run("explain", "nothing-like-this")
    assert code == 2


def test_output_file(letters: Path) -> None:
    target = letters / "report.json"
    run(
        "check",
        str(letters / "bad.txt"),
        "--select",
        "POA701",
        "--format",
        "json",
        "--output",
        str(target),
    )
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 1


def test_letters_are_not_modified(letters: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in letters.iterdir()}
    run("check", str(letters))
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}
    assert before == after


def test_detected_reason_is_announced(tmp_path: Path) -> None:
    letter = tmp_path / "late.txt"
    letter.write_text(
        "Our late shipment rate rose because our carrier missed pickups.\n", encoding="utf-8"
    )
    _, out = run("check", str(letter), "--select", "POA701")
    assert "detected from the letter" in out and "'late_shipment'" in out
    _, out = run("check", str(letter), "--select", "POA701", "--reason", "late_shipment")
    assert "detected from the letter" not in out
