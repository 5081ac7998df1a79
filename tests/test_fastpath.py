"""The fast path for fully cached runs (poa_lint/fastpath.py).

It must give exactly the output and exit code of the full path, never import pydantic when
it answers, and step aside (printing nothing) whenever anything changed: a letter, a config
file, the command-line settings, or a file it cannot account for.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint import fastpath
from poa_lint.cli import main

from .conftest import CORPUS

OVERRIDES = {"select": None, "extend_select": None, "ignore": None, "min_severity": None}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


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


def _fast(folder: Path, cache_dir: Path, **options: object) -> int | None:
    """Call the fast path directly: its exit code, or None when it steps aside."""
    settings = {
        "output_format": "text",
        "reason": None,
        "overrides": {**OVERRIDES, "fail_on": None},
        "cache_dir": str(cache_dir),
        "output_path": None,
        "quiet": False,
        "color": None,
        "exit_zero": False,
        **options,
    }
    return fastpath.cached_run([str(folder)], **settings)  # type: ignore[arg-type]


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
def test_second_run_matches_the_full_path(
    folder: Path, tmp_path: Path, extra: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    args = ["check", str(folder), "--cache-dir", str(cache_dir), *extra]
    first = run(*args)
    uncached = run("check", str(folder), "--no-cache", *extra)
    assert first == uncached
    assert list((cache_dir / "settings").rglob("*.json")), "the full path wrote a snapshot"
    answered: list[int | None] = []
    real = fastpath.cached_run
    monkeypatch.setattr(
        fastpath, "cached_run", lambda *a, **k: answered.append(real(*a, **k)) or answered[-1]
    )
    second = run(*args)
    assert second == first
    assert answered == [first[0]], "the second run was answered by the fast path"


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_the_fast_path_answers_without_pydantic(
    folder: Path, tmp_path: Path, output_format: str
) -> None:
    cache_dir = tmp_path / "c"
    args = ["check", str(folder), "--cache-dir", str(cache_dir), "-f", output_format]
    code, first = run(*args)
    probe = textwrap.dedent(
        f"""
        import sys
        from poa_lint.cli import main
        try:
            main({args!r})
        except SystemExit as exc:
            print("exit", exc.code)
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "yaml",
                       "spacy") or m in ("poa_lint.config", "poa_lint.models",
                       "poa_lint.catalog"))
        assert not heavy, heavy
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == first + f"exit {code}\n"


def test_output_file_is_the_same(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    out1, out2 = tmp_path / "one.txt", tmp_path / "two.txt"
    run("check", str(folder), "--cache-dir", str(cache_dir), "-o", str(out1))
    assert _fast(folder, cache_dir, output_path=str(out2)) is not None
    assert out1.read_bytes() == out2.read_bytes()


def test_a_changed_letter_sends_the_run_to_the_full_path(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    assert _fast(folder, cache_dir) is not None
    letter = sorted(folder.iterdir())[0]
    letter.write_text(letter.read_text(encoding="utf-8") + "\nSincerely, [Your Name]\n")
    assert _fast(folder, cache_dir) is None
    changed = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert "POA701" in changed[1]
    assert changed == run("check", str(folder), "--no-cache")


def test_a_changed_config_sends_the_run_to_the_full_path(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    assert _fast(folder, cache_dir) is not None
    (folder / ".poa-lint.toml").write_text('ignore = ["POA2"]\n', encoding="utf-8")
    assert _fast(folder, cache_dir) is None  # no snapshot for these config bytes yet
    after = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert after == run("check", str(folder), "--no-cache")
    assert "POA2" not in after[1]
    assert run("check", str(folder), "--cache-dir", str(cache_dir)) == after


def test_other_settings_are_other_snapshots(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    fail_on_error = {**OVERRIDES, "fail_on": "error"}
    assert _fast(folder, cache_dir, overrides=fail_on_error) is None


def test_excluded_files_stay_excluded(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    (folder / ".poa-lint.toml").write_text('exclude = ["odr-*"]\n', encoding="utf-8")
    first = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert "odr-" not in first[1]
    assert _fast(folder, cache_dir) is not None
    assert run("check", str(folder), "--cache-dir", str(cache_dir)) == first


def test_a_problem_file_sends_the_run_to_the_full_path(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    (folder / "empty.txt").write_text("", encoding="utf-8")
    first = run("check", str(folder), "--cache-dir", str(cache_dir))
    assert first[0] == 2
    assert _fast(folder, cache_dir) is None
    assert run("check", str(folder), "--cache-dir", str(cache_dir)) == first


def test_cache_dir_from_the_config(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".poa-lint.toml").write_text('cache-dir = "build/poa"\n', encoding="utf-8")
    first = run("check", str(folder))
    assert (tmp_path / "build" / "poa" / "settings").is_dir()
    assert fastpath._cache_dir(None) == tmp_path.resolve() / "build" / "poa"
    assert run("check", str(folder)) == first


def test_sarif_coverage_and_no_cache_never_take_the_fast_path(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    run("check", str(folder), "--cache-dir", str(cache_dir))
    calls: list[object] = []
    monkeypatch.setattr(fastpath, "cached_run", lambda *a, **k: calls.append(a))
    for extra in (["-f", "sarif"], ["--show-coverage"], ["--no-cache"]):
        run("check", str(folder), "--cache-dir", str(cache_dir), *extra)
    assert calls == []


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
    for paths, extra, options in (
        ([str(folder)], [], {}),
        (named, ["--force-exclude"], {"force_exclude": True}),
        ([str(folder)], ["--statistics"], {"statistics": True}),
    ):
        first = run("check", *paths, *extra, *cache)
        assert "README" not in first[1] and "notice.txt:" not in first[1]
        assert first == run("check", *paths, *extra, "--no-cache")
        assert (
            fastpath.cached_run(
                paths,
                output_format="text",
                reason=None,
                overrides={**OVERRIDES, "fail_on": None},
                cache_dir=str(cache_dir),
                output_path=None,
                quiet=False,
                color=None,
                exit_zero=False,
                **options,  # type: ignore[arg-type]
            )
            is not None
        ), extra
        assert run("check", *paths, *extra, *cache) == first
    (folder / "odr-01-good-headings.notice.txt").write_text(
        notice.read_text(encoding="utf-8") + "\nASIN B0TESTTEST1\n", encoding="utf-8"
    )
    assert _fast(folder, cache_dir) is None  # a changed notice: a miss


def test_a_folder_with_only_subfolders_of_its_own_config(tmp_path: Path) -> None:
    """The config of a folder that holds no letter (only subfolders with configs of their
    own) decides what the walk skips: it is snapshotted too, so the next run is fast."""
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
    assert _fast(top, cache_dir) is not None
    assert run("check", str(top), "--cache-dir", str(cache_dir)) == first
