"""Which config governs each letter: the nearest config file walking up from the
letter's folder (or the one ``--config`` names), with the command-line flags laid over it,
resolved once per folder."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..config_files import config_folder, find_config_file, settings_bytes, tomllib
from ..pipelines import check_model_setting
from .loading import config_from_bytes, load_config_file, read_config_bytes
from .model import Config


class ConfigResolver:
    """Finds and caches the config for each letter's folder (one lookup per folder)."""

    def __init__(
        self, explicit: str | Path | None = None, overrides: Mapping[str, Any] | None = None
    ) -> None:
        self._explicit = load_config_file(explicit) if explicit else None
        self._overrides = dict(overrides or {})
        if self._explicit is not None:
            check_model_setting(self._explicit, discovered=False, overrides=self._overrides)
        self._cache: dict[Path, Config] = {}
        self._sources: dict[Path, tuple[Path | None, bytes]] = {}
        self._merged_explicit: Config | None = None

    @property
    def overrides(self) -> Mapping[str, Any]:
        """The command-line settings laid over every config file."""
        return self._overrides

    @property
    def explicit(self) -> bool:
        """True when one config file (``--config``) governs every letter."""
        return self._explicit is not None

    def for_path(self, path: str | None) -> Config:
        if self._explicit is not None:
            # One merged config for every letter: validated, fingerprinted and its rules
            # prepared once per run, not once per letter.
            if self._merged_explicit is None:
                self._merged_explicit = self._explicit.merged(**self._overrides)
            return self._merged_explicit
        folder = config_folder(path)
        cached = self._cache.get(folder)
        if cached is None:
            found = find_config_file(folder)
            # The bytes parsed are the bytes recorded (see source_for), read once.
            raw = read_config_bytes(found) if found else b""
            base = config_from_bytes(found, raw) if found else Config()
            check_model_setting(base, discovered=True, overrides=self._overrides)
            cached = base.merged(**self._overrides)
            self._cache[folder] = cached
            if found is not None and base.extend is not None:
                # A base file's bytes count too (a cached run reads them the same way).
                with contextlib.suppress(OSError, ValueError, tomllib.TOMLDecodeError):
                    raw = settings_bytes(found, raw)
            self._sources[folder] = (found, raw)
        return cached

    def source_for(self, path: str | None) -> tuple[Path | None, bytes] | None:
        """The config file (or None) and the exact bytes that :meth:`for_path` parsed for
        this letter's folder; None before :meth:`for_path` has resolved it, or with
        ``--config``. The cache keys its settings snapshots on these (see
        :mod:`poa_lint.cli.settings`)."""
        if self._explicit is not None:
            return None
        return self._sources.get(config_folder(path))
