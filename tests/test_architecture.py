"""The shape of the code (issue 15): layers, no import cycles, small modules.

The import graph of ``poa_lint/`` is read with :mod:`ast`: every ``import`` and
``from … import`` of a poa_lint module, at module level and inside functions alike (an
import inside a function is still a dependency, only a later one); imports under
``if TYPE_CHECKING:`` are left out, as they only name types for annotations.

Data flows one way (docs/architecture.md)::

    foundation → readers → letter/grammar → structure → checks → engine → api → interface

and a module may import only modules of its own layer or of layers below it. Every module
of the package has a layer (:data:`PACKAGES`, :data:`MODULES`); a new module must be given
one here, or the test says so.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "poa_lint"
MAX_LINES = 600

LAYERS = (
    "foundation",
    "readers",
    "letter",
    "structure",
    "checks",
    "engine",
    "api",
    "interface",
)
"""Lowest first. ``foundation``: what every layer shares (messages and errors, the models,
the rule catalogue and the reason taxonomy, config files found without pydantic, file
discovery, the cache's schema); ``letter`` is the letter and the grammar questions asked of
it; ``interface`` is the command line, the reporters, the web page and the tools."""

PACKAGES: dict[str, str] = {
    # A package (or module) and everything below it.
    "poa_lint.readers": "readers",
    "poa_lint.grammar": "letter",
    "poa_lint.sections": "structure",
    "poa_lint.structure": "structure",
    "poa_lint.checks": "checks",
    "poa_lint.config": "engine",
    "poa_lint.cli": "interface",
    "poa_lint.reporters": "interface",
    "poa_lint.web": "interface",
}

MODULES: dict[str, str] = {
    # foundation
    "poa_lint._version": "foundation",
    "poa_lint.texts": "foundation",
    "poa_lint.errors": "foundation",
    "poa_lint.severity": "foundation",
    "poa_lint.safe_text": "foundation",
    "poa_lint.i18n": "foundation",
    "poa_lint.models": "foundation",
    "poa_lint.verdict": "foundation",
    "poa_lint.catalog": "foundation",
    "poa_lint.reasons": "foundation",
    "poa_lint.precision": "foundation",
    "poa_lint.labels": "foundation",
    "poa_lint.config_files": "foundation",
    "poa_lint.pipelines": "foundation",
    "poa_lint.discovery": "foundation",
    "poa_lint.entries": "foundation",
    "poa_lint.cache_folder": "foundation",
    "poa_lint.stored": "foundation",
    "poa_lint.spacy_import": "foundation",
    "poa_lint.textstat_import": "foundation",
    "poa_lint.terminal": "foundation",
    # readers (the package is in PACKAGES)
    "poa_lint.encoding": "readers",
    "poa_lint.source": "readers",
    # letter and grammar
    "poa_lint.nlp": "letter",
    "poa_lint.attribute_rules": "letter",
    "poa_lint.lemmatizer": "letter",
    "poa_lint.letter": "letter",
    "poa_lint.pieces": "letter",
    "poa_lint.notice": "letter",
    "poa_lint.time_expressions": "letter",
    "poa_lint.timeframes": "letter",
    "poa_lint.envelope": "letter",  # the letter's envelope: headers, quoted history, body
    "poa_lint.section_cues": "letter",  # heading words, which the envelope asks too
    # structure
    "poa_lint.coverage": "structure",
    # engine
    "poa_lint.active_rules": "engine",
    "poa_lint.engine": "engine",
    "poa_lint.batch": "engine",
    "poa_lint.pattern_gate": "engine",
    # api
    "poa_lint": "api",
    "poa_lint.api": "api",
    "poa_lint.linter": "api",
    "poa_lint.parallel": "api",
    "poa_lint.outcomes": "api",
    "poa_lint.cache": "api",
    "poa_lint.baseline": "api",
    "poa_lint.evaluation": "api",
    # interface
    "poa_lint.show": "interface",
    "poa_lint.output": "interface",
    "poa_lint.outline": "interface",
    "poa_lint.docgen": "interface",
    "poa_lint.translations": "interface",
}

# --- Allowances ----------------------------------------------------------------------------
# Known violations being worked on elsewhere would be listed here (and a test fails on an
# entry that is no longer needed). Parts A, B and C of issue 15 have landed: none remain.
PENDING_EDGES: frozenset[tuple[str, str]] = frozenset()
PENDING_CYCLES: frozenset[frozenset[str]] = frozenset()
PENDING_SIZES: frozenset[str] = frozenset()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The poa_lint modules ``name`` imports (``from pkg import module`` names the module;
    ``from module import name`` the module), TYPE_CHECKING blocks left out."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def walk(node: ast.AST) -> Iterator[ast.AST]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    yield other
                    yield from walk(other)
                continue
            yield child
            yield from walk(child)

    for node in walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imported(name, path, known) for name, path in modules.items()}


def layer_of(module: str) -> str | None:
    """The layer of a module: its own entry, else that of the longest package it is in."""
    if module in MODULES:
        return MODULES[module]
    for package in sorted(PACKAGES, key=len, reverse=True):
        if module == package or module.startswith(package + "."):
            return PACKAGES[package]
    return None


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _upward_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = set()
    for module, targets in graph.items():
        own = layer_of(module)
        for target in targets:
            theirs = layer_of(target)
            if own is not None and theirs is not None and rank[theirs] > rank[own]:
                upward.add((module, target))
    return upward


def _oversized() -> set[str]:
    return {
        name
        for name, path in _modules().items()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }


def test_every_module_has_a_layer() -> None:
    missing = sorted(m for m in _modules() if layer_of(m) is None)
    assert not missing, (
        f"{missing}: assign each new module to a layer in tests/test_architecture.py "
        f"(MODULES, or PACKAGES for a package); the layers are {LAYERS}"
    )
    assert all(layer in LAYERS for layer in (*MODULES.values(), *PACKAGES.values()))


def test_no_import_cycle() -> None:
    cycles = [sorted(c) for c in _cycles(_graph()) if c not in PENDING_CYCLES]
    assert not cycles, f"import cycles (in-function imports count too): {cycles}"


def test_imports_follow_the_layers() -> None:
    upward = sorted(_upward_edges(_graph()) - PENDING_EDGES)
    described = [
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module, target in upward
    ]
    assert not described, (
        "a lower layer imports a higher one (even inside a function; only TYPE_CHECKING "
        f"imports are exempt); the order is {' → '.join(LAYERS)}: {described}"
    )


def test_no_module_over_the_size_limit() -> None:
    over = sorted(_oversized() - PENDING_SIZES)
    assert not over, f"modules over {MAX_LINES} lines (split them, one job each): {over}"


def test_pending_allowances_are_still_needed() -> None:
    """Once the other parts are merged, their allowances above must go."""
    graph = _graph()
    stale = [
        *sorted(PENDING_EDGES - _upward_edges(graph)),
        *sorted(sorted(c) for c in PENDING_CYCLES - set(_cycles(graph))),
        *sorted(PENDING_SIZES - _oversized()),
    ]
    assert not stale, f"remove these from the PENDING sets in tests/test_architecture.py: {stale}"


@pytest.mark.parametrize(
    ("module", "imports"),
    [
        ("poa_lint.config.model", "poa_lint.active_rules"),
        ("poa_lint.cli.route", "poa_lint.cache"),
    ],
)
def test_the_graph_sees_in_function_imports(module: str, imports: str) -> None:
    """The reader of the graph itself: imports inside functions count."""
    assert imports in _graph()[module]


def test_the_graph_leaves_type_checking_imports_out() -> None:
    # poa_lint.cache names the config's type for annotations only
    assert "poa_lint.config" not in _graph()["poa_lint.cache"]


def test_every_package_ships_in_the_wheel() -> None:
    """pyproject.toml lists the packages the wheel holds: a new package under poa_lint/
    left out of it installs a poa-lint that cannot import itself (the CI's wheel check
    finds it too, but only after the whole test suite)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    packages = {_module_name(p) for p in PACKAGE.rglob("__init__.py")}
    assert packages <= listed, f"add to [tool.setuptools] packages: {sorted(packages - listed)}"
