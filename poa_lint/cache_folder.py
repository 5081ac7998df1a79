"""Where the report cache lives, and whether a folder is poa-lint's to write into.

Issue 11's rules for the cache folder, kept apart from the cache itself
(:mod:`poa_lint.cache`) because the command line asks them before it knows whether it will
check anything: ``--cache-dir`` or ``POA_LINT_CACHE_DIR``, else ``cache-dir`` of the
current folder's config file (inside that file's folder tree), else ``.poa-lint-cache``;
and a folder that is not poa-lint's (it has other files and no poa-lint ``CACHEDIR.TAG``)
is never written to. Only the standard library and the message templates are imported: a
cached run loads this module.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .texts import N_, Template, message

if TYPE_CHECKING:
    from .config import Config

CACHE_DIR_NAME = ".poa-lint-cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by poa-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def owns(directory: Path) -> bool:
    """True when ``directory`` carries poa-lint's ``CACHEDIR.TAG`` (any poa-lint version's:
    the signature line and "created by poa-lint")."""
    try:
        with (directory / "CACHEDIR.TAG").open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return head.startswith(CACHEDIR_TAG.split("\n", 1)[0].encode()) and b"poa-lint" in head


def within(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or lies below it (both already resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def resolve_cache_dir(option: str | None, config: Config | None) -> Path:
    """``--cache-dir`` (or ``POA_LINT_CACHE_DIR``), then ``cache-dir`` from the config (relative
    to the config file's folder), then ``.poa-lint-cache`` in the current directory."""
    return cache_location(
        option,
        config.cache_dir if config is not None else None,
        config.root if config is not None else None,
        config.source if config is not None else None,
    )[0]


def cache_location(
    option: str | None, value: str | None, root: str | None, source: str | None
) -> tuple[Path, Template | None]:
    """Where the cache is, and why poa-lint must not use it (None when it may).

    ``option`` is ``--cache-dir``/``POA_LINT_CACHE_DIR``; ``value``, ``root`` and
    ``source`` are ``cache-dir``, the folder and the name of the config file in the current
    folder (read from the validated config, or from the raw table while a run is answered
    from the cache: both decide here). The rules (issue 11, item 7):

    * a ``cache-dir`` from a config file must resolve (links followed) inside that config
      file's folder tree: a config cannot send writes to ``/etc`` or another project;
    * the folder must be poa-lint's: missing (it will be created with its markers), empty,
      or carrying poa-lint's ``CACHEDIR.TAG``. A folder with other content is never
      written to (``cache-dir = "."`` wrote a ``.gitignore`` of ``*`` into a repository, so
      git ignored every letter).
    """
    if option:
        directory, where = Path(option), f"--cache-dir {option}"
    elif value:
        base = Path(root) if root else Path.cwd()
        directory, where = base / value, f"{source}: cache-dir {value!r}"
        real, top = os.path.realpath(directory), os.path.realpath(base)
        if not within(real, top) or real == top:
            return directory, message(
                N_(
                    "{where} is not below this config file's folder ({top}); a config file "
                    "may keep its cache only in a folder of its own below it, e.g. "
                    'cache-dir = ".poa-lint-cache"'
                ),
                where=where,
                top=top,
            )
    else:
        directory, where = Path(CACHE_DIR_NAME), str(Path(CACHE_DIR_NAME).absolute())
    if not os.path.lexists(directory) or owns(directory):
        return directory, None
    if not directory.is_dir():
        return directory, message(
            N_("{where} is not a folder; name a folder for the cache"), where=where
        )
    try:
        empty = not any(directory.iterdir())
    except OSError:
        return directory, None  # unreadable: writing fails later, with a warning
    if empty:
        return directory, None
    return directory, message(
        N_(
            "{where} is a folder with other files and no poa-lint CACHEDIR.TAG; poa-lint "
            "keeps its cache only in a folder of its own: name a new folder, or use --no-cache"
        ),
        where=where,
    )
