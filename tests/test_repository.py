"""Issue 12, points 1 and 4: a team's repository of letters, as pre-commit and CI see it.

pre-commit names every changed file: notices, READMEs and letters saved on Windows as
``Letter.TXT``. ``exclude`` applies to named files with ``--force-exclude``, notices are
paired with their letters, ``.gitignore`` is honoured when walking, and configs extend a
shared base, with patterns relative to the file that declares them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from poa_lint import Config, lint_file
from poa_lint.cli import main
from poa_lint.discovery import Notices, discover, is_letter_name, is_notice_name

from .conftest import CORPUS, ROOT

LETTER = (CORPUS / "odr-01-good-headings.txt").read_text(encoding="utf-8")
NOTICE = (CORPUS / "odr-01-good-headings.notice.txt").read_text(encoding="utf-8")
README = "# Letters\n\nThe agency's letters. Run poa-lint before sending.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args], input=input)
    return result.exit_code, result.output


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """letters/: a letter with its notice, an upper-case .TXT letter, a README."""
    root = tmp_path / "repo"
    letters = root / "letters"
    letters.mkdir(parents=True)
    (root / ".git").mkdir()
    (letters / "acme.txt").write_text(LETTER, encoding="utf-8")
    (letters / "acme.notice.txt").write_text(NOTICE, encoding="utf-8")
    (letters / "WINDOWS.TXT").write_text(
        "Dear team,\nWe refunded order [ORDER ID].\nSincerely, [Your Name]\n", encoding="utf-8"
    )
    (letters / "README.md").write_text(README, encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    return root


def names(found: list[tuple[str, str | None]]) -> list[str]:
    return [Path(path).name for path, _ in found]


# --- naming ----------------------------------------------------------------------------------


def test_letter_and_notice_names() -> None:
    assert is_letter_name("Letter.TXT") and is_letter_name("plan.DocX") and is_letter_name("a.md")
    assert not is_letter_name("acme.notice.txt") and not is_letter_name("~$draft.docx")
    assert is_notice_name("acme.NOTICE.md") and is_notice_name("acme.notice.docx")
    assert not is_notice_name(".notice.txt") and not is_notice_name("notice.txt")


def test_hook_files_pattern_is_case_insensitive() -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    pattern = re.compile(hook["files"])
    for name in ("a.txt", "Letter.TXT", "plan.DOCX", "x/README.md", "b.Markdown"):
        assert pattern.search(name), name
    for name in ("a.py", "txt", "a.txt.bak"):
        assert not pattern.search(name), name
    assert "--force-exclude" in hook["entry"].split()


# --- walking ---------------------------------------------------------------------------------


def test_walking_skips_notices_and_readmes_and_finds_upper_case(repo: Path) -> None:
    found = list(discover([str(repo)], lambda p: Config().exclude_rules()))
    assert names(found) == ["WINDOWS.TXT", "acme.txt"]


def test_named_files_are_checked_unless_force_excluded(repo: Path) -> None:
    letters = repo / "letters"
    named = [str(letters / n) for n in ("README.md", "acme.notice.txt", "acme.txt")]
    rules = Config().exclude_rules()
    # A notice is never a letter; without --force-exclude a named README is checked.
    assert names(list(discover(named, lambda p: rules))) == ["README.md", "acme.txt"]
    assert names(list(discover(named, lambda p: rules, force_exclude=True))) == ["acme.txt"]


def test_pre_commit_style_run_passes_on_notice_readme_and_upper_case(repo: Path) -> None:
    """What the hook runs: every file named, --force-exclude. Only letters are checked."""
    letters = repo / "letters"
    files = [str(p) for p in sorted(letters.iterdir())] + [str(repo / "README.md")]
    code, out = run("--force-exclude", "--select", "POA701", *files)
    assert code == 1, out  # WINDOWS.TXT has placeholders: it was checked
    assert "WINDOWS.TXT:2:" in out
    assert "README" not in out and "notice" not in out
    assert "in 1 of 2 files" in out


def test_exclude_is_relative_to_its_config_and_applies_from_a_parent(repo: Path) -> None:
    letters = repo / "letters"
    (letters / "drafts").mkdir()
    (letters / "drafts" / "d.txt").write_text(LETTER, encoding="utf-8")
    (letters / "old").mkdir()
    (letters / "old" / "drafts").mkdir()
    (letters / "old" / "drafts" / "o.txt").write_text(LETTER, encoding="utf-8")
    (letters / ".poa-lint.toml").write_text('extend-exclude = ["/drafts/"]\n', encoding="utf-8")
    code, out = run("--show-files", str(repo))  # walked from the parent folder
    assert code == 0
    listed = out.splitlines()
    assert not any("/letters/drafts/" in line for line in listed), out
    assert any(line.endswith("old/drafts/o.txt") for line in listed), out  # anchored


def test_gitignore_is_honoured_when_walking(repo: Path) -> None:
    letters = repo / "letters"
    (repo / ".gitignore").write_text("build/\n*.tmp.txt\n", encoding="utf-8")
    (letters / "build").mkdir()
    (letters / "build" / "x.txt").write_text(LETTER, encoding="utf-8")
    (letters / "scratch.tmp.txt").write_text(LETTER, encoding="utf-8")
    (letters / ".gitignore").write_text("!keep.tmp.txt\n", encoding="utf-8")
    (letters / "keep.tmp.txt").write_text(LETTER, encoding="utf-8")
    _, out = run("--show-files", str(letters))
    assert "build" not in out and "scratch" not in out
    assert "keep.tmp.txt" in out
    (letters / ".poa-lint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    _, out = run("--show-files", str(letters))
    assert "build/x.txt" in out and "scratch.tmp.txt" in out


# --- notices ---------------------------------------------------------------------------------


def test_notice_is_paired_with_its_letter(repo: Path) -> None:
    letters = repo / "letters"
    assert Notices().for_letter(str(letters / "acme.txt")) == str(letters / "acme.notice.txt")
    assert Notices().for_letter(str(letters / "WINDOWS.TXT")) is None
    _, out = run("--show-files", str(letters))
    assert f"{letters / 'acme.txt'}  (notice: {letters / 'acme.notice.txt'})" in out.splitlines()
    # The pairing gives what --notice gives.
    paired = run(str(letters / "acme.txt"), "-f", "json", "--no-cache")
    explicit = run(
        str(letters / "acme.txt"),
        "--notice",
        str(letters / "acme.notice.txt"),
        "-f",
        "json",
        "--no-cache",
    )
    assert paired == explicit
    assert json.loads(paired[1])["files"][0]["reason"]["source"] == "notice"


def test_a_changed_notice_is_a_cache_miss(repo: Path, tmp_path: Path) -> None:
    letters = repo / "letters"
    args = (str(letters), "--cache-dir", str(tmp_path / "cache"), "-f", "json")
    first = run(*args)
    assert run(*args) == first
    (letters / "acme.notice.txt").write_text(
        NOTICE + "\nASIN: B0TESTTEST and order 111-2223334-4445556.\n", encoding="utf-8"
    )
    after = run(*args)
    assert after != first and "notice-item-not-addressed" in after[1]
    assert after == run(str(letters), "--no-cache", "-f", "json")


def test_an_unreadable_notice_is_reported_and_its_letter_not_checked(repo: Path) -> None:
    letters = repo / "letters"
    (letters / "acme.notice.txt").write_bytes(b"%PDF-1.7\n")
    code, out = run(str(letters), "--select", "POA7")
    assert code == 2
    assert f"{letters / 'acme.notice.txt'}: error: is a PDF file" in out
    assert "acme.txt:" not in out


def test_api_pairs_notices_too(repo: Path) -> None:
    letters = repo / "letters"
    report = lint_file(letters / "acme.txt")
    assert report.reason is not None and report.reason.source == "notice"


# --- extend ----------------------------------------------------------------------------------


def test_an_edited_base_config_is_noticed_by_a_cached_run(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "base.toml").write_text('select = ["POA7"]\n', encoding="utf-8")
    (letters / ".poa-lint.toml").write_text('extend = "../base.toml"\n', encoding="utf-8")
    args = (str(letters), "--cache-dir", str(tmp_path / "cache"), "-f", "json")
    first = run(*args)
    assert run(*args) == first
    (tmp_path / "base.toml").write_text('select = ["POA1"]\n', encoding="utf-8")
    assert run(*args) == run(str(letters), "--no-cache", "-f", "json")


# --- what applies ------------------------------------------------------------------------------


def test_show_settings(repo: Path) -> None:
    letters = repo / "letters"
    (repo / ".poa-lint.toml").write_text('ignore = ["POA405"]\n', encoding="utf-8")
    (letters / ".poa-lint.toml").write_text(
        'extend = "../.poa-lint.toml"\nselect = ["tone"]\n', encoding="utf-8"
    )
    code, out = run("--show-settings", str(letters / "acme.txt"))
    assert code == 0
    assert f"# config file: {letters / '.poa-lint.toml'}" in out
    assert f"#   extends: {repo / '.poa-lint.toml'}" in out
    assert f"# notice: {letters / 'acme.notice.txt'}" in out
    assert 'select = ["tone"]' in out
    assert f'ignore = ["POA405"]  # from {repo / ".poa-lint.toml"}' in out
    assert "respect-gitignore = true" in out
    _, readme = run("--show-settings", str(letters / "README.md"))
    assert "# checked: no, excluded" in readme


def test_show_files_lists_what_would_be_checked(repo: Path) -> None:
    code, out = run("--show-files", str(repo))
    assert code == 0
    assert out.splitlines() == [
        str(repo / "letters" / "WINDOWS.TXT"),
        f"{repo / 'letters' / 'acme.txt'}  (notice: {repo / 'letters' / 'acme.notice.txt'})",
    ]


def test_pre_commit_try_repo_is_in_ci() -> None:
    """The hook is exercised end to end by .ci/run (pre-commit try-repo with a committed
    notice, a README.md and an upper-case .TXT); here, that the script still does it."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "try-repo" in script
    for fragment in (".notice.txt", "README.md", ".TXT"):
        assert fragment in script, fragment


def test_git_is_not_needed(repo: Path) -> None:
    """A folder that is not a repository still honours its own .gitignore files."""
    (repo / ".git").rmdir()
    (repo / "letters" / ".gitignore").write_text("acme.txt\n", encoding="utf-8")
    _, out = run("--show-files", str(repo / "letters"))
    assert "acme.txt" not in out and "WINDOWS.TXT" in out


@pytest.mark.parametrize(
    "patterns",
    [
        ["README*", "*.bak", "drafts/", "LICENSE*"],
        ["*.notice.txt", "old"],
        ["a?c.txt", "tmp*/"],
    ],
)
def test_plain_name_patterns_match_as_pathspec_does(patterns: list[str]) -> None:
    """The default exclude list is matched without importing pathspec: same verdicts."""
    from pathspec import GitIgnoreSpec

    from poa_lint.discovery import _Names, _plain_name

    assert all(_plain_name(p) for p in patterns)
    names, spec = _Names(patterns), GitIgnoreSpec.from_lines(patterns)
    paths = [
        "README.md",
        "docs/README.md",
        "README/x.txt",
        "a.bak",
        "x/a.bak/y.txt",
        "drafts/a.txt",
        "x/drafts/",
        "drafts",
        "drafts/",
        "LICENSE",
        "a.notice.txt",
        "old/a.txt",
        "x/old",
        "abc.txt",
        "x/abc.txt",
        "tmp1/a.txt",
        "tmp1",
        "letter.txt",
    ]
    for path in paths:
        assert names.match_file(path) == spec.match_file(path), path
    assert not _plain_name("/drafts") and not _plain_name("a/b") and not _plain_name("!x")
