"""Finding the config file that applies to a letter, without pydantic.

Discovery (which ``.poa-lint.toml`` or ``pyproject.toml`` governs a folder) and glob
matching live here, apart from the pydantic models in :mod:`poa_lint.config`, because the
CLI's fast path for fully cached runs (:mod:`poa_lint.fastpath`) needs them and must not
pay for importing pydantic.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".poa-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "poa-lint"


def glob_match(candidate: str, pattern: str) -> bool:
    """Glob match where ``**`` spans folders and a bare name matches in any folder."""
    pure = PurePosixPath(candidate)
    if pure.match(pattern):
        return True
    return fnmatch.fnmatchcase(candidate, pattern.replace("**/", "*"))


def resolved_path(path: Path) -> Path:
    """``path.resolve()``, or the absolute path when it cannot be resolved: Python raises
    RuntimeError for a symlink loop and ValueError for a NUL byte. The reader then reports
    the letter itself; finding its config must not crash first."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def config_folder(path: str | None) -> Path:
    """The folder whose config applies to a letter: its own (links resolved), or the
    current folder for standard input."""
    return resolved_path(Path(path)).parent if path and path != "-" else Path.cwd()


def find_config_file(start: str | Path) -> Path | None:
    """The nearest ``.poa-lint.toml`` or ``pyproject.toml`` with a [tool.poa-lint] table."""
    here = resolved_path(Path(start))
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and TOOL_TABLE in data["tool"]


def config_table(path: Path, raw: bytes) -> object:
    """The poa-lint settings table of a config file's bytes: the whole ``.poa-lint.toml``,
    or ``[tool.poa-lint]`` of a ``pyproject.toml``; raises what tomllib and decoding raise."""
    data = tomllib.loads(raw.decode("utf-8-sig"))
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        return tool.get(TOOL_TABLE, {}) if isinstance(tool, dict) else {}
    return data


def extend_target(path: Path, value: str) -> Path:
    """The file a config's ``extend = "..."`` names: ``~`` and environment variables
    expanded, relative to the folder of the config file that says it."""
    return resolved_path(path.parent / os.path.expandvars(os.path.expanduser(value)))


MAX_EXTEND_CHAIN = 16
"""Longer chains of ``extend`` are surely a mistake (a loop is reported as one)."""


def settings_bytes(path: Path, raw: bytes) -> bytes:
    """The bytes a config file's settings depend on: its own, then each file it extends
    (named and read in turn). A settings snapshot is keyed on them, so that editing the
    shared base config of an agency is noticed. Raises what reading and tomllib raise."""
    parts = [raw]
    seen = {resolved_path(path)}
    current, data = path, raw
    for _ in range(MAX_EXTEND_CHAIN):
        table = config_table(current, data)
        value = table.get("extend") if isinstance(table, dict) else None
        if not isinstance(value, str):
            break
        target = extend_target(current, value)
        if target in seen:
            break
        seen.add(target)
        data = target.read_bytes()
        parts += [b"\0extend\0", os.fsencode(target), b"\0", data]
        current = target
    return b"".join(parts)


def as_selector_tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """Flatten repeated/comma-separated CLI values; None when not given."""
    if not values:
        return None
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


__all__ = [
    "CONFIG_FILE",
    "MAX_EXTEND_CHAIN",
    "PYPROJECT",
    "TOOL_TABLE",
    "as_selector_tuple",
    "config_folder",
    "config_table",
    "extend_target",
    "find_config_file",
    "glob_match",
    "resolved_path",
    "settings_bytes",
    "tomllib",
]
