"""The lowest layers import nothing above them (issue 15).

Readers turn files into text and know nothing of spaCy or letters. The letter, with its
envelope and the heading cues the envelope asks, knows nothing of the structure analysis
(``poa_lint.sections``, ``poa_lint.coverage``), the checks or anything over them: not at
import time, not inside a function, not for type checking. The structure analysis keeps its
results with the letter through ``Letter.shared`` instead. The grammar (``poa_lint.grammar``)
reads spaCy tokens and imports neither the letter nor anything above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import poa_lint

PACKAGE = Path(poa_lint.__file__).resolve().parent

ABOVE_THE_LETTER = frozenset(
    {
        "sections",
        "coverage",
        "checks",
        "engine",
        "config",
        "batch",
        "linter",
        "api",
        "fastpath",
        "cli",
        "reporters",
        "web",
    }
)
READERS_MAY_IMPORT = frozenset({"readers", "errors", "source", "texts"})
#: The grammar reads spaCy tokens: it needs nothing of the letter or of anything above it.
ABOVE_THE_GRAMMAR = ABOVE_THE_LETTER | {"letter", "envelope", "section_cues"}


def poa_lint_imports(path: Path) -> set[str]:
    """The ``poa_lint`` modules a file imports anywhere (top level, functions,
    ``TYPE_CHECKING``), each by its first name under ``poa_lint``."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            if node.module is None:
                names = [".".join([*module, alias.name]) for alias in node.names]
            else:
                names = [".".join(module)]
        for name in names:
            parts = name.split(".")
            if parts[0] == "poa_lint" and len(parts) > 1:
                found.add(parts[1])
    return found


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


READER_FILES = sorted((PACKAGE / "readers").glob("*.py"))
LETTER_FILES = [PACKAGE / name for name in ("letter.py", "envelope.py", "section_cues.py")]
GRAMMAR_FILES = sorted((PACKAGE / "grammar").glob("*.py"))


@pytest.mark.parametrize("path", READER_FILES, ids=relative)
def test_readers_import_only_what_is_below_them(path: Path) -> None:
    assert poa_lint_imports(path) <= READERS_MAY_IMPORT


@pytest.mark.parametrize("path", LETTER_FILES, ids=relative)
def test_the_letter_imports_nothing_above_it(path: Path) -> None:
    assert poa_lint_imports(path) & ABOVE_THE_LETTER == set()


@pytest.mark.parametrize("path", GRAMMAR_FILES, ids=relative)
def test_the_grammar_imports_nothing_of_the_letter_or_above(path: Path) -> None:
    assert poa_lint_imports(path) & ABOVE_THE_GRAMMAR == set()
