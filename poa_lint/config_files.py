"""Finding the config file that applies to a letter, without pydantic.

Discovery (which ``.poa-lint.toml`` or ``pyproject.toml`` governs a folder) and glob
matching live here, apart from the pydantic models in :mod:`poa_lint.config`, because the
run the cache answers (:mod:`poa_lint.cli.settings`) needs them and must not pay for
importing pydantic.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".poa-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "poa-lint"
MAX_CONFIG_BYTES = 1_000_000
"""A config file larger than this is refused unread: a real one is a few hundred bytes, and
reading a 2 GB file (or a link to one) named ``.poa-lint.toml`` would exhaust memory."""


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
    """Whether a ``pyproject.toml`` has a [tool.poa-lint] table. One that cannot be read or
    parsed (too big, not UTF-8, bad or too deeply nested TOML) is not poa-lint's: skipped."""
    try:
        data = _parse_toml(pyproject, read_config_file(pyproject).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError):
        return False
    return isinstance(data.get("tool"), dict) and TOOL_TABLE in data["tool"]


def read_config_file(path: Path) -> bytes:
    """A config file's bytes, refused with :class:`ConfigError` above
    :data:`MAX_CONFIG_BYTES` (read with a bound, so a file that grows meanwhile is capped
    too); an ``OSError`` is the caller's to word."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_CONFIG_BYTES + 1)
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            str(path),
            f"is larger than the {MAX_CONFIG_BYTES // 1_000_000} MB a config file may be; "
            "is it the right file?",
        )
    return raw


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    """``tomllib.loads``, with nesting too deep for its recursive parser turned into a
    :class:`ConfigError` naming the file: ``x = [[[[...]]]]`` 5,000 levels deep raised
    RecursionError, a traceback that stopped the whole run."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(
            str(path),
            "invalid TOML: arrays or tables are nested too deeply to read; fix the syntax",
        ) from None
    return data


def config_table(path: Path, raw: bytes) -> object:
    """The poa-lint settings table of a config file's bytes: the whole ``.poa-lint.toml``,
    or ``[tool.poa-lint]`` of a ``pyproject.toml``; raises what tomllib and decoding raise,
    and :class:`ConfigError` for nesting too deep to parse."""
    data = _parse_toml(path, raw.decode("utf-8-sig"))
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
        data = read_config_file(target)
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
    "MAX_CONFIG_BYTES",
    "MAX_EXTEND_CHAIN",
    "PYPROJECT",
    "TOOL_TABLE",
    "as_selector_tuple",
    "config_folder",
    "config_table",
    "extend_target",
    "find_config_file",
    "glob_match",
    "read_config_file",
    "resolved_path",
    "settings_bytes",
    "tomllib",
]
