"""Issue 11, item 6: ``--output`` can neither destroy an input nor leave half a report.

``ln letter.txt out.txt; poa-lint check letter.txt -o out.txt`` truncated the letter to 0
bytes, and ``-o`` overwrote the ``--notice`` and ``--config`` files. The output is now
compared with every letter, the notice and every config file by path and by device and
inode (so hard and symbolic links are caught) and refused with one line before anything is
written; the report goes to a hidden temporary file that replaces the output only when it
is complete.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from .hostile import GOOD_LETTER
from .support import run_cli


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".poa-lint-cache" not in p.parts
    }


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    (tmp_path / "letter.txt").write_text(GOOD_LETTER, encoding="utf-8")
    (tmp_path / "notice.txt").write_text("Your Order Defect Rate is 2.3%.\n", encoding="utf-8")
    (tmp_path / "settings.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.txt").write_text(GOOD_LETTER, encoding="utf-8")
    (letters / ".poa-lint.toml").write_text('min-severity = "info"\n', encoding="utf-8")
    return tmp_path


def _refused(work: Path, args: list[str], expect: str, cached: bool = False) -> None:
    if cached:  # fill the cache first, so that the refused run starts answered by the cache
        assert run_cli(*args[: args.index("-o")]).code in (0, 1)
    before = _files(work)
    result = run_cli(*args)
    assert result.code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and expect in result.stderr, result.stderr
    assert _files(work) == before  # nothing written, not even a temporary file


def test_hard_link_to_the_letter(work: Path) -> None:
    """The reproduction: the letter was truncated to 0 bytes."""
    os.link(work / "letter.txt", work / "out.txt")
    _refused(
        work,
        [str(work / "letter.txt"), "-o", str(work / "out.txt")],
        f"--output {work / 'out.txt'} is one of the letters being checked "
        f"({work / 'letter.txt'}); write the report to another file",
    )
    assert (work / "letter.txt").read_text(encoding="utf-8") == GOOD_LETTER


def test_symbolic_link_to_the_letter(work: Path) -> None:
    (work / "out.txt").symlink_to(work / "letter.txt")
    _refused(work, [str(work / "letter.txt"), "-o", str(work / "out.txt")], "one of the letters")


def test_the_notice(work: Path) -> None:
    args = [str(work / "letter.txt"), "--notice", str(work / "notice.txt")]
    _refused(work, [*args, "-o", str(work / "notice.txt")], "is the notice file")
    os.link(work / "notice.txt", work / "n2.txt")
    _refused(work, [*args, "-o", str(work / "n2.txt")], "is the notice file")


def test_the_config_given(work: Path) -> None:
    args = [str(work / "letter.txt"), "--config", str(work / "settings.toml")]
    _refused(work, [*args, "-o", str(work / "settings.toml")], "is the config file")


def test_a_config_found_next_to_the_letters(work: Path) -> None:
    os.link(work / "letters" / ".poa-lint.toml", work / "cfg.txt")
    _refused(
        work,
        [str(work / "letters"), "-o", str(work / "cfg.txt")],
        f"is the config file ({work / 'letters' / '.poa-lint.toml'})",
        cached=True,
    )


def test_a_letter_found_in_a_folder(work: Path) -> None:
    """A hard link elsewhere to a letter found by walking the folder: found during the
    run, with and without the cache (a run the cache answers sees it too)."""
    os.link(work / "letters" / "a.txt", work / "report.txt")
    _refused(
        work,
        [str(work / "letters"), "-o", str(work / "report.txt")],
        f"one of the letters being checked ({work / 'letters' / 'a.txt'})",
        cached=True,
    )


@pytest.mark.parametrize("cached", [False, True])
def test_report_replaces_the_output_atomically(work: Path, cached: bool) -> None:
    """The report is a new file moved into place: a hard link to the old output keeps the
    old bytes (an in-place write would have changed both), the old permissions are kept,
    and no temporary file is left."""
    out = work / "report.txt"
    out.write_text("old report\n", encoding="utf-8")
    out.chmod(0o600)
    os.link(out, work / "keep.txt")
    if cached:
        run_cli(str(work / "letter.txt"), "-o", str(work / "first.txt"))  # fills the cache
    result = run_cli(str(work / "letter.txt"), "-o", str(out))
    assert result.code == 0, result.output  # a warning only
    assert "POA405" in out.read_text(encoding="utf-8")
    assert (work / "keep.txt").read_text(encoding="utf-8") == "old report\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_output_is_one_line(work: Path) -> None:
    result = run_cli(str(work / "letter.txt"), "-o", str(work / "missing" / "report.txt"))
    assert result.code == 2
    assert result.stderr == (
        f"poa-lint: error: --output {work / 'missing' / 'report.txt'}: cannot be written "
        "(No such file or directory); check the path\n"
    )


def test_the_config_of_the_current_folder(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It says where the cache goes, so it is an input of the run too."""
    (work / ".poa-lint.toml").write_text('cache-dir = ".poa-lint-cache"\n', encoding="utf-8")
    monkeypatch.chdir(work)
    _refused(work, ["letter.txt", "-o", ".poa-lint.toml"], "is the config file")
