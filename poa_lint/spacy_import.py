"""Import spaCy without its own command line, in poa-lint's command-line processes.

``import spacy`` runs ``from .cli.info import info``, which imports spaCy's whole command
line: typer, weasel, requests, httpx and every ``spacy`` subcommand, about 0.12 s of the
0.45 s that importing spaCy takes here, a tenth of checking one letter from the command
line. poa-lint never uses any of it. So before the command line (or a worker process)
first imports spaCy, :func:`import_without_cli` puts two stand-ins in ``sys.modules``:
``spacy.cli``, a package that imports the real one the moment anything reads from it, and
``spacy.cli.info``, whose ``info`` does the same when called. Nothing else changes: the
pipeline, its components and every parse are spaCy's own.

The library API never does this (a program that embeds poa-lint may use spaCy's command
line itself), and it is skipped when spaCy is already imported. Should spaCy's import ever
fail with the stand-ins, they are removed and spaCy is imported as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def _real_cli() -> types.ModuleType:
    """Drop the stand-ins and import spaCy's real command-line package."""
    for name in (_INFO, _CLI):
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
    real = importlib.import_module(_CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
    return real


class _StandIn(types.ModuleType):
    """``spacy.cli``: the real package is imported when anything is read from it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(_real_cli(), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported on first call."""
    _real_cli()
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_without_cli() -> bool:
    """Import spaCy without its command line; False (and spaCy imported, or not, as usual)
    when spaCy is already imported, not installed, or did not import this way."""
    if "spacy" in sys.modules:
        return False
    spec = find_spec("spacy")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:
        return False
    cli = _StandIn(_CLI)
    cli.__path__ = [str(Path(locations[0]) / "cli")]
    info = _StandIn(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[_CLI] = cli
    sys.modules[_INFO] = info
    try:
        import spacy  # noqa: F401
    except Exception:
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        return False
    return True
