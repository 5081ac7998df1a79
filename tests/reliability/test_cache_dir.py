"""Issue 11, item 7: the cache is written only into a folder poa-lint owns.

``cache-dir = "/etc/x"`` created files under /etc, and ``cache-dir = "."`` wrote a
``.gitignore`` of ``*`` into a repository's root, so git ignored every letter. Now:

* a ``cache-dir`` from a config file must resolve (links followed) to a folder below that
  config file's folder;
* the cache folder must be poa-lint's: created fresh (with its markers, in one rename), an
  empty folder, or one carrying poa-lint's ``CACHEDIR.TAG``; markers are never written into
  a folder with other content;
* an entry's folder that a symbolic link leads out of the cache is not written to.

An unusable cache folder is one line (``poa-lint: error: …; checked without the cache``),
every letter is still checked, and the exit code is 2.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from poa_lint.cache import CACHEDIR_TAG, ReportCache, owns
from poa_lint.config import Config
from poa_lint.models import Report

from .hostile import GOOD_LETTER
from .support import run_cli


@pytest.fixture(autouse=True)
def _no_cache_dir_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about where the cache goes: no POA_LINT_CACHE_DIR (tests/conftest.py
    sets one for every other test)."""
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "letter.txt").write_text(GOOD_LETTER, encoding="utf-8")
    return folder


def _refused(repo: Path, args: list[str], expect: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for _ in range(2):  # the second run starts answered by the cache, which must step aside
        result = run_cli("letter.txt", *args)
        assert result.code == 2, result.output
        assert "letter.txt: POA405" in result.stdout  # the letter is still checked
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("poa-lint: error: ") and expect in result.stderr
        assert result.stderr.endswith("; checked without the cache\n")


@pytest.mark.parametrize("value", ["/etc/poa-lint-must-not-write", "..", "../elsewhere"])
def test_config_cache_dir_outside_its_folder(
    value: str, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".poa-lint.toml").write_text(f'cache-dir = "{value}"\n', encoding="utf-8")
    before = _tree(tmp_path)
    _refused(repo, [], f"{repo / '.poa-lint.toml'}: cache-dir {value!r} is not below", monkeypatch)
    assert _tree(tmp_path) == before
    assert not Path("/etc/poa-lint-must-not-write").exists()


def test_config_cache_dir_through_a_link_outside(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (repo / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (repo / ".poa-lint.toml").write_text('cache-dir = "out/cache"\n', encoding="utf-8")
    _refused(repo, [], "cache-dir 'out/cache' is not below", monkeypatch)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_cache_dir_dot_in_a_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reproduction: no .gitignore of '*' (or anything else) lands in the repository."""
    (repo / ".poa-lint.toml").write_text('cache-dir = "."\n', encoding="utf-8")
    git = shutil.which("git")
    if git:
        subprocess.run([git, "init", "-q", str(repo)], check=True)
    before = _tree(repo)
    _refused(repo, [], "cache-dir '.' is not below", monkeypatch)
    assert _tree(repo) == before
    if git:
        status = subprocess.run(
            [git, "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout
        assert "letter.txt" in status  # git still sees the letter


def test_option_naming_a_folder_with_other_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "notes").mkdir()
    (repo / "notes" / "todo.txt").write_text("call the supplier\n", encoding="utf-8")
    before = _tree(repo)
    _refused(
        repo,
        ["--cache-dir", "notes"],
        "--cache-dir notes is a folder with other files and no poa-lint CACHEDIR.TAG",
        monkeypatch,
    )
    assert _tree(repo) == before
    _refused(repo, ["--cache-dir", "letter.txt"], "is not a folder", monkeypatch)


def test_default_folder_taken_by_something_else(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".poa-lint-cache").mkdir()
    (repo / ".poa-lint-cache" / "mine.txt").write_text("not a cache\n", encoding="utf-8")
    _refused(repo, [], "is a folder with other files and no poa-lint CACHEDIR.TAG", monkeypatch)
    assert _tree(repo / ".poa-lint-cache") == {"mine.txt"}


@pytest.mark.parametrize("state", ["missing", "empty", "owned", "nested"])
def test_folders_poa_lint_may_use(state: str, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = repo / ("build/cache" if state == "nested" else "cache")
    if state == "empty":
        cache.mkdir()
    if state == "owned":
        cache.mkdir()
        (cache / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
    (repo / ".poa-lint.toml").write_text(
        f'cache-dir = "{cache.relative_to(repo).as_posix()}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    first, second = run_cli("letter.txt"), run_cli("letter.txt")
    assert first.code == second.code == 0 and first.stderr == second.stderr == ""
    assert first.stdout == second.stdout
    assert owns(cache) and (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert list(cache.glob("v1/*/*.json"))
    assert not [p for p in cache.parent.iterdir() if p.name.endswith(".tmp")]


def test_entry_folder_linked_out_of_the_cache_is_not_written(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache shipped inside a letters folder could hold ``v1/ab -> /somewhere``."""
    cache = ReportCache(tmp_path / "cache", reason=None, notice=None)
    key = cache.key(str(repo / "letter.txt"), Config())
    assert key is not None
    outside = tmp_path / "outside"
    outside.mkdir()
    cache.put_settings("x" * 64, Config())  # creates the cache folder, owned
    (tmp_path / "cache" / "v1").mkdir()
    (tmp_path / "cache" / "v1" / key.name[:2]).symlink_to(outside, target_is_directory=True)
    cache.put(key, Report(path=str(repo / "letter.txt")))
    assert list(outside.iterdir()) == []
    assert "is not a poa-lint cache folder" in capsys.readouterr().err


_CREATOR = """
import sys
from poa_lint.cache import ReportCache, CacheKey
from poa_lint.models import Report
cache = ReportCache(sys.argv[1], reason=None, notice=None)
for i in range(20):
    name = f"{sys.argv[2]}{i:02d}".ljust(64, "0")
    cache.put(CacheKey(name=name, full=name), Report(path=f"{sys.argv[2]}-{i}.txt"))
"""


def test_runs_racing_to_create_the_cache(tmp_path: Path) -> None:
    """Eight processes create the same new cache at once: one folder, owned, every entry
    written, no warning, no temporary folder left."""
    target = tmp_path / "fresh" / "cache"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _CREATOR, str(target), f"{n:x}"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert all(w.returncode == 0 for w in writers) and errors == [""] * 8, errors
    assert owns(target)
    assert len(list(target.glob("v1/*/*.json"))) == 160
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == ["cache"]
