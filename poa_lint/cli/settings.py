"""A letter's settings as the cache recorded them, read without pydantic.

A second ``poa-lint check`` over unchanged letters is answered from the cache, and
importing pydantic to validate each folder's config would cost more than the rest of such a
run. So the run first asks the cache's settings snapshots
(:meth:`poa_lint.cache.ReportCache.put_settings`): for the exact bytes of a folder's config
file and the command-line flags, what the validated config said that asking the cache needs
(fingerprint, model, size limit, ``fail-on``, exclusions). A snapshot is written only from
a config that passed validation, so answering from it is answering from that config.

Anything these readers cannot tell exactly (no snapshot, a file that cannot be read, a
config that names another it ``extend``s for ``cache-dir``) is None: the run then resolves
and validates the config itself (:class:`~poa_lint.config.ConfigResolver`), which reports
any problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import ReportCache, cache_location
from ..config_files import (
    config_folder,
    config_table,
    find_config_file,
    read_config_file,
    settings_bytes,
)
from ..discovery import ExcludeRules
from ..errors import PoaLintError
from ..severity import Severity

#: What reading a snapshot or a config file may raise; each means "cannot tell".
_CANNOT_TELL = (PoaLintError, OSError, ValueError, KeyError, TypeError, AttributeError)


@dataclass(frozen=True)
class Snapshot:
    """The settings of one folder's letters, as their validated config said."""

    fingerprint: bytes
    model: str | None
    limit: int
    fail_on: Severity
    exclude_rules: ExcludeRules

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Snapshot:
        """A snapshot as :meth:`~poa_lint.cache.ReportCache.get_settings` read it."""
        return cls(
            fingerprint=data["fingerprint"].encode("utf-8"),
            model=data["model"],
            limit=int(data["limit"]),
            fail_on=Severity(data["fail_on"]),
            exclude_rules=ExcludeRules(
                patterns=tuple(
                    (anchor, tuple(patterns)) for anchor, patterns in data["exclusions"]
                ),
                respect_gitignore=bool(data["respect_gitignore"]),
                force_exclude=bool(data["force_exclude"]),
            ),
        )


class Snapshots:
    """Settings snapshots per config folder, as :class:`~poa_lint.config.ConfigResolver`
    would resolve them (same file, same bytes, same flags), read from the cache."""

    def __init__(self, cache: ReportCache, overrides: Mapping[str, Any]) -> None:
        self._cache = cache
        self._overrides = overrides
        self._by_folder: dict[Path, Snapshot | None] = {}

    def for_path(self, path: str) -> Snapshot | None:
        """The snapshot for the letter (or folder) at ``path``; None when there is none."""
        try:
            folder = config_folder(path)
        except _CANNOT_TELL:
            return None
        if folder not in self._by_folder:
            self._by_folder[folder] = self._read(folder)
        return self._by_folder[folder]

    def _read(self, folder: Path) -> Snapshot | None:
        try:
            found = find_config_file(folder)
            raw = settings_bytes(found, read_config_file(found)) if found else b""
            identity = self._cache.settings_identity(found, raw, self._overrides)
            data = self._cache.get_settings(identity)
            return None if data is None else Snapshot.from_data(data)
        except _CANNOT_TELL:
            return None


def cache_folder(option: str | None) -> Path | None:
    """Where the cache is, as :func:`poa_lint.cache.open_cache` would say for the config of
    the current folder: ``--cache-dir``, else ``cache-dir`` of that config's raw table, else
    the default. None when the raw table cannot tell (an invalid setting, a config that
    ``extend``s another, a folder the cache may not use): the validated config decides."""
    try:
        found = None if option else find_config_file(Path.cwd())
        value = None
        if found is not None:
            table = config_table(found, read_config_file(found))
            if not isinstance(table, dict) or "extend" in table:
                return None
            value = table.get("cache-dir", table.get("cache_dir"))
            if value is not None and not isinstance(value, str):
                return None
        directory, problem = cache_location(
            option, value, str(found.parent) if found else None, str(found) if found else None
        )
    except _CANNOT_TELL:
        return None
    return None if problem is not None else directory
