"""Issue 5, item 7: config errors (bad TOML, unknown rule, wrong type, bad glob, ...) point
at the file, the key and the fix, as one line, from the API and from the CLI (exit code 2,
no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from poa_lint import ConfigError, load_config_file
from poa_lint.catalog import load_catalog

from .hostile import GOOD_LETTER
from .support import run_cli

CATALOG = load_catalog()

# (name, .poa-lint.toml content, the key as reported, a fragment of the fix)
CASES = [
    ("bad-toml", 'select = ["POA7"]\nfail-on = \n', "(at line 2, column 11)", "fix the syntax"),
    ("not-utf8", b"select = ['POA7']\n\xff\xfe\n", "offset 18", "save it as UTF-8"),
    ("unknown-key", 'selct = ["POA7"]\n', "unknown key 'selct'", "valid keys are: cache-dir"),
    (
        "unknown-rule-in-select",
        'select = ["POA999"]\n',
        "select: 'POA999' matches no rule",
        "`poa-lint rules` lists them",
    ),
    (
        "unknown-rule-table",
        '[rules.no-such-rule]\nseverity = "error"\n',
        "rules.no-such-rule: no such rule",
        "`poa-lint rules` lists codes and names",
    ),
    (
        "unknown-rule-in-per-file-ignores",
        '[per-file-ignores]\n"drafts/*.txt" = ["POA999"]\n',
        "per-file-ignores.'drafts/*.txt': 'POA999' matches no rule",
        "`poa-lint rules` lists them",
    ),
    (
        "wrong-type-int",
        'max-file-size = "big"\n',
        "max-file-size: Input should be a valid integer",
        "write it like: max-file-size = 10000000 (bytes)",
    ),
    (
        "wrong-type-list",
        "select = 5\n",
        "select: Input should be a list (got 5)",
        'write it like: select = ["POA2", "placeholder-left"]',
    ),
    (
        "wrong-severity",
        'fail-on = "loud"\n',
        "fail-on: Input should be 'info', 'warning' or 'error' (got 'loud')",
        'write it like: fail-on = "error"',
    ),
    (
        "wrong-rule-severity",
        '[rules.placeholder-left]\nseverity = "loud"\n',
        "rules.placeholder-left.severity: Input should be 'info', 'warning' or 'error'",
        "write it like: [rules.placeholder-left]",
    ),
    (
        "wrong-option-type",
        '[rules.long-sentence]\nmax-words = "many"\n',
        "rules.long-sentence.max-words",
        "got 'many'",
    ),
    (
        "bad-glob-per-file-ignores",
        '[per-file-ignores]\n"[" = ["POA701"]\n',
        "per-file-ignores: the glob '[' has an unclosed '['",
        "write a literal bracket as '[[]'",
    ),
    (
        "bad-glob-exclude",
        'exclude = ["drafts/[0-9"]\n',
        "exclude: the glob 'drafts/[0-9' has an unclosed '['",
        "close the set",
    ),
    (
        "empty-glob",
        'exclude = [""]\n',
        "exclude: an empty glob pattern is not allowed",
        "write e.g. 'drafts/*.txt'",
    ),
    (
        "unknown-reason",
        'reason = "nonsense"\n',
        "reason: unknown reason 'nonsense'",
        "valid reasons: odr",
    ),
    ("internal-key", 'root = "/"\n', "unknown key 'root'", "valid keys are"),
    # Issue 11, item 4: tomllib's recursive parser raised RecursionError (a traceback that
    # stopped the run) on deeply nested arrays; and a config is read with a size bound.
    (
        "deeply-nested",
        "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "invalid TOML: arrays or tables are nested too deeply",
        "fix the syntax",
    ),
    (
        "deeply-nested-inline-table",
        "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
        "invalid TOML",
        "fix the syntax",
    ),
    (
        "too-big",
        "# padding\n" * 110_000,
        "is larger than the 1 MB a config file may be",
        "is it the right file?",
    ),
]
IDS = [case[0] for case in CASES]


def _write(folder: Path, content: str | bytes) -> Path:
    path = folder / ".poa-lint.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "content", "key", "fix"), CASES, ids=IDS)
def test_api_config_error_names_file_key_and_fix(
    name: str, content: str | bytes, key: str, fix: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(ConfigError) as info:
        load_config_file(path).validate_against(CATALOG)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert key in message, message
    assert fix in message, message
    assert "\n" not in message


@pytest.mark.parametrize(("name", "content", "key", "fix"), CASES, ids=IDS)
def test_cli_config_error_is_one_line(
    name: str, content: str | bytes, key: str, fix: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, content)
    letter = tmp_path / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")

    explicit = run_cli(str(letter), "--config", str(path))
    assert explicit.code == 2
    assert "Traceback" not in explicit.output and explicit.exception is None
    assert explicit.stdout == ""
    assert explicit.stderr.count("\n") == 1, explicit.stderr
    assert explicit.stderr.startswith(f"poa-lint: error: {path}: ")
    assert key in explicit.stderr and fix in explicit.stderr

    discovered = run_cli(str(letter))  # the same file, found next to the letter
    assert discovered.code == 2
    assert "Traceback" not in discovered.output and discovered.exception is None
    lines = [line for line in discovered.output.splitlines() if str(path) in line]
    assert len(lines) == 1 and key in lines[0] and fix in lines[0], discovered.output


def test_pyproject_table_is_named(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.poa-lint]\nselect = 5\n[tool.other]\nx = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(info.value).startswith(f"{path} [tool.poa-lint]: select: ")


def test_pyproject_with_odd_tool_value(tmp_path: Path) -> None:
    """`tool = "x"` is not a table: no settings, no crash."""
    path = tmp_path / "pyproject.toml"
    path.write_text('tool = "x"\n', encoding="utf-8")
    assert load_config_file(path).select == ("ALL",)


def test_missing_config_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run_cli(str(tmp_path), "--config", str(missing))
    assert result.code == 2
    assert result.stderr.startswith(f"poa-lint: error: {missing}: cannot read the config file")
    assert "check the path" in result.stderr


def test_deeply_nested_pyproject_is_skipped_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pyproject.toml that cannot be parsed is not poa-lint's (as before for bad TOML):
    the letter next to it is checked with the defaults, on a cached run too."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.poa-lint]\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    letter = tmp_path / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second run is answered by the cache
        result = run_cli(str(letter))
        assert result.exception is None and "Traceback" not in result.output
        assert result.code in (0, 1), result.output


def test_deeply_nested_config_in_current_folder_with_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached run reads the current folder's raw config first (for ``cache-dir``): a
    config it cannot parse is validated after all, which reports it as one line."""
    path = _write(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    letter = tmp_path / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("letter.txt")
    assert result.code == 2 and result.exception is None, result.output
    lines = [line for line in result.output.splitlines() if str(path) in line]
    assert len(lines) == 1 and "nested too deeply" in lines[0], result.output


@pytest.mark.parametrize(
    "content",
    ["x = " + "[" * 5000 + "]" * 5000 + "\n", "select = [\n", 'model = "pip"\n'],
    ids=["deeply-nested", "bad-toml", "model"],
)
def test_broken_config_in_a_folder_stops_nothing_else(content: str, tmp_path: Path) -> None:
    """A folder given on the command line whose config is broken: each of its letters
    reports the config (one line), and the run's other letters are still checked. (The
    folder's excludes could not be read, which used to stop the whole run.)"""
    folder = tmp_path / "client"
    folder.mkdir()
    path = _write(folder, content)
    (folder / "a.txt").write_text(GOOD_LETTER, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(GOOD_LETTER, encoding="utf-8")
    for _ in range(2):  # and again, when the other letter is in the cache
        result = run_cli(str(folder), str(other))
        assert result.code == 2 and result.exception is None, result.output
        naming = [line for line in result.output.splitlines() if str(path) in line]
        assert len(naming) == 1 and naming[0].startswith(f"{path}: error: ")  # once, naming it
        assert f"{other}: POA405" in result.stdout
