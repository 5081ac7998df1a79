"""Issue 5, item 1: every bad file gives one line naming it and the problem, exit code 2,
no traceback, and the other letters of the run are still checked and reported.

Each hostile file (see ``hostile.py``) is checked next to a good letter, once with the text
format (exactly one line names the bad file) and once with ``--format json`` (the bad file is
in ``errors``, the good one in ``files``). One subprocess run checks all of them together and
proves that no traceback reaches the terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from poa_lint.cli import route
from poa_lint.readers import files as reader_files

from . import hostile
from .hostile import BY_KEY, CASES, GOOD_LETTER, Hostile
from .support import run_cli

FOLDER_CASES = {"symlink-loop", "fifo", "deleted"}
"""Cases found by walking a folder rather than named on the command line."""


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _arrange(case: Hostile, bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases that need more than bytes on disk."""
    if case.key == "deleted":
        real = route.discover

        def racing(*args: Any, **kwargs: Any) -> Iterator[tuple[str, str | None]]:
            for path, problem in real(*args, **kwargs):
                if Path(path) == bad and bad.exists():
                    bad.unlink()  # gone between discovery and reading
                yield path, problem

        monkeypatch.setattr(route, "discover", racing)
    if case.key == "unreadable" and os.access(bad, os.R_OK):
        # root reads anything: simulate what every other user gets from open()
        real_open = open

        def denied(file: object, *args: object, **kwargs: object) -> object:
            if Path(str(file)) == bad:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(reader_files, "open", denied, raising=False)


def _setup(
    case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, list[str]]:
    letters = tmp_path / "letters"
    letters.mkdir()
    good = letters / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    bad = case.build(letters)
    _arrange(case, bad, monkeypatch)
    args = [str(letters)] if case.key in FOLDER_CASES else [str(bad), str(good)]
    return bad, good, args


@pytest.mark.parametrize("key", [case.key for case in CASES])
def test_bad_input_is_one_line_and_others_are_checked(
    key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = BY_KEY[key]
    bad, good, args = _setup(case, tmp_path, monkeypatch)

    text = run_cli(*args)
    assert text.exception is None, text.exception
    assert text.code == 2, text.output
    assert "Traceback" not in text.output
    naming = [line for line in text.output.splitlines() if str(bad) in line]
    assert len(naming) == 1, text.output
    assert naming[0] == f"{bad}: error: {naming[0].split(': error: ', 1)[1]}"
    assert case.expect in naming[0], naming[0]
    assert "could not be read" in text.stdout.splitlines()[-1]

    if case.key == "deleted":  # it is gone now; the JSON run would not see it at all
        return
    result = run_cli(*args, "--format", "json")
    assert result.code == 2, result.output
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    assert case.expect in data["errors"][0]["message"]
    assert str(good) in [f["path"] for f in data["files"]]
    assert data["summary"]["errors"] == 1


def test_long_line_without_spaces_is_checked_quickly(tmp_path: Path) -> None:
    """200,000 characters without a space are valid text: checked, not refused, in linear
    time (spaCy's tokenizer alone took minutes on 30,000 '(' before the long-run guard)."""
    long = tmp_path / "long.txt"
    long.write_text(hostile.long_line_text(), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    started = time.perf_counter()
    result = run_cli(str(long), str(good), "--format", "json")
    elapsed = time.perf_counter() - started
    assert result.exception is None
    assert result.code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert sorted(f["path"] for f in data["files"]) == sorted([str(long), str(good)])
    assert data["errors"] == []
    assert elapsed < 30, elapsed


def test_over_the_character_limit_is_one_line(tmp_path: Path) -> None:
    """Under the byte limit but over spaCy's 1,000,000 characters: refused, not a crash."""
    path = tmp_path / "long-log.txt"
    path.write_text("We shipped it. " * 70_000, encoding="utf-8")  # 1.05 M characters
    good = tmp_path / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    result = run_cli(str(path), str(good), "--format", "json")
    assert result.code == 2
    data = json.loads(result.stdout)
    assert data["errors"] == [
        {
            "path": str(path),
            "message": "is 1,050,000 characters long, more than the 1,000,000 poa-lint can "
            "check (a Plan of Action is usually under 20,000); is it the right file?",
        }
    ]
    assert [f["path"] for f in data["files"]] == [str(good)]


def test_configured_limits_are_used(tmp_path: Path) -> None:
    """max-file-size and max-docx-size come from the config file."""
    (tmp_path / ".poa-lint.toml").write_text(
        "max-file-size = 1000\nmax-docx-size = 2000000\n", encoding="utf-8"
    )
    text = tmp_path / "letter.txt"
    text.write_text(GOOD_LETTER * 3, encoding="utf-8")
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(hostile.zip_bomb_docx(inflated=3_000_000))
    result = run_cli(str(text), str(bomb), "--format", "json")
    assert result.code == 2
    messages = {e["path"]: e["message"] for e in json.loads(result.stdout)["errors"]}
    assert "larger than the 1 KB limit" in messages[str(text)]
    assert "over the 2 MB limit (possible zip bomb)" in messages[str(bomb)]


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (b"", "is empty"),
        (hostile.PDF_BYTES, "is a PDF file"),
        (bytes(range(1, 256)) * 4, "is not text in any encoding"),
        (b"\x01\x02\x00\x00\x00\x07abc\x00\x00\x00\xff", "is a binary file"),
    ],
)
def test_bad_stdin_is_one_line(data: bytes, expect: str) -> None:
    result = run_cli("-", input=data)
    assert result.code == 2
    lines = [line for line in result.output.splitlines() if "<stdin>" in line]
    assert len(lines) == 1 and expect in lines[0], result.output


def test_named_pipe_given_by_name_does_not_hang(tmp_path: Path) -> None:
    """A FIFO nobody writes to reads as empty instead of blocking forever."""
    pipe = tmp_path / "stale.txt"
    os.mkfifo(pipe)
    result = run_cli(str(pipe), "--no-cache")
    assert result.code == 2
    assert f"{pipe}: error: is empty" in result.stdout


def test_named_pipe_does_not_hang_with_the_cache(tmp_path: Path) -> None:
    pipe = tmp_path / "stale.txt"
    os.mkfifo(pipe)
    code = "import sys; from poa_lint.cli import main; main(sys.argv[1:])"
    child = subprocess.Popen(
        [sys.executable, "-c", code, "check", str(pipe)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        out, _ = child.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail("poa-lint blocked on a named pipe")
    assert child.returncode == 2 and "is empty" in out


def test_everything_at_once_in_a_subprocess(tmp_path: Path) -> None:
    """All hostile files in one folder, checked by a real ``poa-lint`` process: one line per
    bad file, the good letters still reported, exit code 2, no traceback on either stream."""
    letters = tmp_path / "letters"
    letters.mkdir()
    bad = hostile.build_all(letters)
    bad["symlink-loop"] = BY_KEY["symlink-loop"].build(letters)
    bad["fifo"] = BY_KEY["fifo"].build(letters)
    if not _is_root():
        bad["unreadable"] = BY_KEY["unreadable"].build(letters)
    good = letters / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    code = "import sys; from poa_lint.cli import main; main(sys.argv[1:])"
    proc = subprocess.run(
        [sys.executable, "-c", code, "check", str(letters)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    for key, path in bad.items():
        naming = [line for line in lines if line.startswith(f"{path}: error: ")]
        assert len(naming) == 1, (key, proc.stdout)
        assert BY_KEY[key].expect in naming[0]
    assert lines[-1].endswith(f"{len(bad)} files could not be read."), lines[-1]
    assert "files look good" in lines[-1] or "Found" in lines[-1]


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A name with undecodable bytes cannot be printed or put in a report: it is reported
    (escaped) instead of crashing the output or the cache."""
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "good.txt").write_text(GOOD_LETTER, encoding="utf-8")
    raw = os.path.join(os.fsencode(letters), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(GOOD_LETTER.encode("utf-8"))
    shown = f"{letters}/caf\\xe9.txt"
    for fmt in ("text", "json"):
        result = run_cli(str(letters), "--format", fmt)
        assert result.exception is None, result.exception
        assert result.code == 2
        if fmt == "json":
            data = json.loads(result.stdout)
            assert data["errors"] == [
                {
                    "path": shown,
                    "message": "has a name that is not valid UTF-8; rename the file and "
                    "check it again",
                }
            ]
            assert [f["path"] for f in data["files"]] == [str(letters / "good.txt")]
        else:
            assert [line for line in result.stdout.splitlines() if "caf" in line] == [
                f"{shown}: error: has a name that is not valid UTF-8; rename the file and "
                "check it again"
            ]


def test_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sub-folder without permission is one line; the rest of the tree is still checked.
    (Simulated through os.scandir, since root may list any folder.)"""
    letters = tmp_path / "letters"
    locked = letters / "locked"
    locked.mkdir(parents=True)
    (letters / "good.txt").write_text(GOOD_LETTER, encoding="utf-8")
    (locked / "secret.txt").write_text(GOOD_LETTER, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli(str(letters), "--format", "json")
    assert result.code == 2
    data = json.loads(result.stdout)
    assert data["errors"] == [
        {
            "path": str(locked),
            "message": "is a folder that cannot be listed (permission denied); "
            "check its permissions",
        }
    ]
    assert [f["path"] for f in data["files"]] == [str(letters / "good.txt")]


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """--debug is the one way to see a traceback; the one-line error is still printed."""
    bad = BY_KEY["pdf"].build(tmp_path)
    plain = run_cli(str(bad))
    debug = run_cli(str(bad), "--debug")
    assert "Traceback" not in plain.output
    assert debug.code == 2 and "Traceback" in debug.stderr and "InputError" in debug.stderr
    assert f"{bad}: error: is a PDF file" in debug.stdout
