"""Cached runs take the one route of every run (poa_lint/cli/route.py), answered by the cache.

A second run over unchanged letters must give exactly the output and exit code of a run
that checks them, stay light (no pydantic, PyYAML or spaCy imported: that is what makes it
fast), and check again whatever changed: a letter, a config file, the command-line
settings, or a file the cache cannot account for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint.cli import main
from poa_lint.cli.settings import cache_folder

from .conftest import CORPUS

HEAVY = ("pydantic", "yaml", "spacy")
HEAVY_MODULES = ("poa_lint.config", "poa_lint.models", "poa_lint.catalog", "poa_lint.engine")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def light_run(*args: str) -> tuple[int, str, list[str]]:
    """``poa-lint ARGS`` in a fresh interpreter: exit code, standard output, and the heavy
    modules it imported (none when the cache answered every letter)."""
    probe = textwrap.dedent(
        f"""
        import json
        import sys
        from poa_lint.cli import main
        try:
            main({list(args)!r})
        except SystemExit as exc:
            code = exc.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}
                       or m in {HEAVY_MODULES!r})
        print(json.dumps([code, heavy]), file=sys.stderr)
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    code, heavy = json.loads(result.stderr.splitlines()[-1])
    return code, result.stdout, heavy


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Three corpus letters: one good, two with findings."""
    target = tmp_path / "letters"
    target.mkdir()
    for name in (
        "odr-01-good-headings.txt",
        "odr-03-blames-buyer.txt",
        "late_shipment-02-vague.txt",
    ):
        (target / name).write_bytes((CORPUS / name).read_bytes())
    return target


def _answered_by_cache(*args: str) -> bool:
    """Whether ``poa-lint check ARGS`` was answered by the cache alone (nothing heavy)."""
    return light_run("check", *args)[2] == []


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--quiet"],
        ["--exit-zero"],
        ["--fail-on", "error"],
        ["--select", "POA2,POA7"],
        ["--ignore", "POA201"],
        ["--min-severity", "error"],
        ["--color"],
        ["--reason", "odr"],
        ["-f", "json"],
        ["-f", "github"],
        ["-f", "json", "--select", "POA2", "--exit-zero"],
    ],
    ids=lambda extra: " ".join(extra) or "default",
)
def test_second_run_matches_a_checking_run(folder: Path, tmp_path: Path, extra: list[str]) -> None:
    cache_dir = tmp_path / "c"
    args = ["check", str(folder), "--cache-dir", str(cache_dir), *extra]
    first = run(*args)
    uncached = run("check", str(folder), "--no-cache", *extra)
    assert first == uncached
    assert list((cache_dir / "settings").rglob("*.json")), "the first run wrote a snapshot"
    second = run(*args)
    assert second == first
    code, output, heavy = light_run(*args)
    assert heavy == [], "the second run was answered by the cache alone"
    assert (code, output) == first


def test_output_file_is_the_same(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    out1, out2 = tmp_path / "one.txt", tmp_path / "two.txt"
    run("check", str(folder), "--cache-dir", str(cache_dir), "-o", str(out1))
    assert _answered_by_cache(str(folder), "--cache-dir", str(cache_dir), "-o", str(out2))
    assert out1.read_bytes() == out2.read_bytes()


def test_a_changed_letter_is_checked_again(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    assert _answered_by_cache(str(folder), "--cache-dir", str(cache_dir))
    letter = sorted(folder.iterdir())[0]
    letter.write_text(letter.read_text(encoding="utf-8") + "\nSincerely, [Your Name]\n")
    changed = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert "POA701" in changed[1]
    assert changed == run("check", str(folder), "--no-cache")
    assert _answered_by_cache(str(folder), "--cache-dir", str(cache_dir))


def test_a_changed_config_is_validated_again(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    (folder / ".poa-lint.toml").write_text('ignore = ["POA2"]\n', encoding="utf-8")
    code, output, heavy = light_run("check", str(folder), "--cache-dir", str(cache_dir))
    assert "poa_lint.config" in heavy  # no snapshot for these config bytes yet
    after = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert (code, output) == after == run("check", str(folder), "--no-cache")
    assert "POA2" not in after[1]
    assert _answered_by_cache(str(folder), "--cache-dir", str(cache_dir))


def test_other_settings_are_other_snapshots(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    args = ["check", str(folder), "--cache-dir", str(cache_dir), "--fail-on", "warning"]
    code, output, heavy = light_run(*args)
    assert "poa_lint.config" in heavy
    assert (code, output) == run(*args)


def test_excluded_files_stay_excluded(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    (folder / ".poa-lint.toml").write_text('exclude = ["odr-*"]\n', encoding="utf-8")
    first = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert "odr-" not in first[1]
    assert _answered_by_cache(str(folder), "--cache-dir", str(cache_dir))
    assert run("check", str(folder), "--cache-dir", str(cache_dir)) == first


def test_a_problem_file_is_reported_again(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    (folder / "empty.txt").write_text("", encoding="utf-8")
    first = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert first[0] == 2
    assert run("check", str(folder), "--cache-dir", str(cache_dir)) == first


def test_cache_dir_from_the_config(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".poa-lint.toml").write_text('cache-dir = "build/poa"\n', encoding="utf-8")
    first = run("check", str(folder))
    assert (tmp_path / "build" / "poa" / "settings").is_dir()
    assert cache_folder(None) == tmp_path.resolve() / "build" / "poa"
    assert run("check", str(folder)) == first


def test_sarif_coverage_and_no_cache_give_the_same_output(folder: Path, tmp_path: Path) -> None:
    """Output that needs more of a report than the cache keeps without pydantic gets the
    full report from the cache (or none with --no-cache): the same bytes as checking."""
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    for extra in (["-f", "sarif"], ["--show-coverage"], ["--no-cache"]):
        cached = run("check", str(folder), "--cache-dir", str(cache_dir), *extra)
        assert cached == run("check", str(folder), "--no-cache", *extra), extra


def test_paired_notices_readmes_and_force_exclude(folder: Path, tmp_path: Path) -> None:
    """A letter's own notice is part of its key; excluded and notice files stay out, named
    or walked; --statistics is answered too."""
    cache_dir = tmp_path / "c"
    notice = CORPUS / "odr-01-good-headings.notice.txt"
    (folder / "odr-01-good-headings.notice.txt").write_bytes(notice.read_bytes())
    (folder / "README.md").write_text("# Letters\n", encoding="utf-8")
    (folder / "LATE.TXT").write_bytes((CORPUS / "late_shipment-02-vague.txt").read_bytes())
    named = [str(p) for p in sorted(folder.iterdir())]
    cache = ["--cache-dir", str(cache_dir)]
    for paths, extra in (
        ([str(folder)], []),
        (named, ["--force-exclude"]),
        ([str(folder)], ["--statistics"]),
    ):
        first = run("check", *paths, *extra, *cache)
        assert "README" not in first[1] and "notice.txt:" not in first[1]
        assert first == run("check", *paths, *extra, "--no-cache")
        code, output, heavy = light_run("check", *paths, *extra, *cache)
        assert heavy == [], extra
        assert (code, output) == first
        assert run("check", *paths, *extra, *cache) == first
    (folder / "odr-01-good-headings.notice.txt").write_text(
        notice.read_text(encoding="utf-8") + "\nASIN B0TESTTEST1\n", encoding="utf-8"
    )
    changed = light_run("check", str(folder), *cache)
    assert changed[2] != []  # a changed notice: its letter is checked again
    assert changed[:2] == run("check", str(folder), "--no-cache")


def test_a_folder_with_only_subfolders_of_its_own_config(tmp_path: Path) -> None:
    """The config of a folder that holds no letter (only subfolders with configs of their
    own) decides what the walk skips: it is snapshotted too, so the next run is light."""
    top = tmp_path / "top"
    team = top / "team"
    team.mkdir(parents=True)
    (top / ".poa-lint.toml").write_text('extend-exclude = ["old/"]\n', encoding="utf-8")
    (team / ".poa-lint.toml").write_text('select = ["POA7"]\n', encoding="utf-8")
    (team / "a.txt").write_bytes((CORPUS / "odr-03-blames-buyer.txt").read_bytes())
    (top / "old").mkdir()
    (top / "old" / "b.txt").write_bytes((CORPUS / "odr-03-blames-buyer.txt").read_bytes())
    cache_dir = tmp_path / "c"
    first = run("check", str(top), "--cache-dir", str(cache_dir))
    assert "b.txt" not in first[1] and "a.txt" in first[1]
    assert _answered_by_cache(str(top), "--cache-dir", str(cache_dir))
    assert run("check", str(top), "--cache-dir", str(cache_dir)) == first


def test_a_bad_flag_stops_a_run_before_it_prints(folder: Path, tmp_path: Path) -> None:
    """The up-front checks wait while the cache answers, but still come first: a letter
    that is not cached sends the run through them before anything is printed."""
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir), "--reason", "odr")
    (folder / "new.txt").write_bytes((CORPUS / "odr-03-blames-buyer.txt").read_bytes())
    args = ["check", str(folder), "--cache-dir", str(cache_dir), "--reason", "nonsense"]
    assert run(*args) == run("check", str(folder), "--no-cache", "--reason", "nonsense")
    assert run(*args)[0] == 2
