"""Issue 5, item 3: letters are never modified, and poa-lint writes only what was asked.

A folder of letters (txt, md, docx, CRLF, hostile files) is checked through the CLI in
every format, with ``--output``, and through the API; afterwards every file's bytes and
mtime are unchanged and no file has appeared next to the letters.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from poa_lint import lint_file

from . import hostile
from .hostile import GOOD_LETTER
from .support import run_cli, sample_letters


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            info = path.stat()
            out[str(path)] = (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return out


@pytest.fixture()
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    (folder / "sub").mkdir(parents=True)
    for i, text in enumerate(sample_letters(6)):
        (folder / f"letter{i}.txt").write_bytes(text.encode("utf-8"))
    (folder / "sub" / "letter.md").write_text("# Root cause\n\n" + GOOD_LETTER, encoding="utf-8")
    (folder / "sub" / "letter.docx").write_bytes(hostile.docx_bytes(sample_letters(2)[1]))
    (folder / "sub" / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD_LETTER.encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "letter-pdf.txt").write_bytes(hostile.PDF_BYTES)
    (folder / "truncated.docx").write_bytes(hostile.truncated_docx())
    # old timestamps, so a rewrite within the same second would still show
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return folder


def test_checking_never_touches_the_letters(letters: Path, tmp_path: Path) -> None:
    before = _snapshot(letters)
    report = tmp_path / "report.json"
    for args in (
        [str(letters)],
        [str(letters), "--format", "json"],
        [str(letters), "--format", "sarif"],
        [str(letters), "--format", "github"],
        [str(letters), "--show-coverage"],
        [str(letters), "--format", "json", "--output", str(report)],
        [str(letters / "letter0.txt"), str(letters / "sub" / "letter.docx")],
    ):
        result = run_cli(*args)
        assert result.code in (1, 2), result.output  # findings, and errors for hostile files
        assert result.exception is None
    assert report.is_file()  # asked for: written
    for path in letters.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".md", ".docx"):
            try:
                lint_file(path)
            except Exception as exc:  # only typed errors, for the hostile files
                assert type(exc).__name__ == "InputError"
    assert _snapshot(letters) == before


def test_output_cannot_overwrite_a_letter(letters: Path) -> None:
    """--output naming one of the letters is refused before anything is written."""
    target = letters / "letter0.txt"
    before = _snapshot(letters)
    result = run_cli(str(letters), "--output", str(target))
    assert result.code == 2
    assert "is one of the letters" in result.output
    assert _snapshot(letters) == before


def test_report_inside_the_folder_is_not_checked_as_a_letter(letters: Path) -> None:
    target = letters / "report.txt"
    result = run_cli(str(letters), "--output", str(target))
    assert result.code == 2  # the hostile files
    assert target.is_file()
    assert "report.txt" not in target.read_text(encoding="utf-8")


def test_without_cache_nothing_is_written_even_in_the_letters_folder(
    letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from inside the letters folder with --no-cache: not a single file appears. (With
    the cache on, poa-lint keeps .poa-lint-cache in the current folder, like ruff does.)"""
    monkeypatch.chdir(letters)
    before = _snapshot(letters)
    entries = sorted(p.name for p in letters.iterdir())
    assert run_cli(".", "--no-cache").code == 2
    assert run_cli("letter0.txt", "--no-cache", "--format", "json").code in (0, 1)
    assert _snapshot(letters) == before
    assert sorted(p.name for p in letters.iterdir()) == entries
