"""The per-file result cache: a second run over unchanged letters skips spaCy entirely.

Like ruff's cache, it lives in ``.poa-lint-cache/`` in the current directory (``cache-dir``
in config, ``--cache-dir`` or ``POA_LINT_CACHE_DIR`` move it; ``--no-cache`` turns it off). It
is the only thing poa-lint writes besides the output the user asks for. The folder carries a
``CACHEDIR.TAG`` (backup tools skip it) and a ``.gitignore`` of ``*`` (git ignores it).

One entry per letter, path and settings: ``<dir>/v1/<ab>/<name>.json`` where ``name`` hashes
the path, the effective config, ``--reason`` and the notice text. The entry's first line is
the full key, which adds everything else the report depends on:

* the letter's bytes (sha256),
* the poa-lint version and a hash of its own source files (so an editable install that is
  being worked on never serves a report made by older code),
* a hash of every shipped ``rules/*.yaml`` file (rules, reasons, sections, synonyms),
* the spaCy model's name and version, read from the installed package's metadata with
  :mod:`importlib.metadata`, following the same model chain as :mod:`poa_lint.nlp` (so this
  module never imports spaCy).

An entry whose key does not match, or that cannot be read or parsed, is a miss and gets
rewritten. Writes go to a temporary file in the same folder and are moved into place with
``os.replace``, so a reader (or a second poa-lint writing the same entry) sees either the old
or the new entry, never half of one. Only successful reports are stored, never errors. Stale
entries are never deleted: remove the folder to reclaim the space.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from ._version import __version__
from .config import Config
from .models import Report
from .nlp import DEFAULT_MODELS

CACHE_DIR_NAME = ".poa-lint-cache"
ENV_CACHE_DIR = "POA_LINT_CACHE_DIR"  # read by click in cli.py (spelled out there: no import)
FORMAT = "v1"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by poa-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by poa-lint automatically.\n*\n"


def _sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def rules_hash() -> str:
    """A hash of every shipped catalogue file (``rules/*.yaml``), by name and content.

    Computed afresh by each :class:`ReportCache` (a millisecond or two), so even a
    long-lived process notices an edited rule file."""
    root = resources.files("poa_lint.rules")
    parts: list[bytes] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            parts += [entry.name.encode(), entry.read_bytes()]
    return _sha256(*parts)


def code_hash() -> str:
    """A hash of poa-lint's own source. The version alone is not enough for a development
    (editable) install, whose code changes while the version number stays put."""
    package = Path(__file__).resolve().parent
    parts: list[bytes] = []
    for path in sorted(package.rglob("*.py")):
        parts += [path.relative_to(package).as_posix().encode(), path.read_bytes()]
    return _sha256(*parts)


@lru_cache(maxsize=8)
def model_identity(model: str | None) -> str | None:
    """Name and version of the spaCy pipeline :func:`poa_lint.nlp.load_pipeline` would load,
    found without importing spaCy; None when it cannot be told (then nothing is cached).

    A package name is looked up in the installed distributions' metadata; a path to a
    pipeline folder is identified by its ``meta.json``.
    """
    for name in (model,) if model else DEFAULT_MODELS:
        folder = Path(name)
        meta = folder / "meta.json"
        if (os.sep in name or "/" in name or name.startswith(".")) and meta.is_file():
            try:
                return f"path:{folder.resolve()}:{_sha256(meta.read_bytes())}"
            except OSError:
                return None
        try:
            return f"{name}=={metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
        except Exception:  # broken metadata: do not cache rather than guess
            return None
    return None


def config_fingerprint(config: Config) -> str:
    """A stable JSON of the effective config: every setting with per-rule tables, which keys
    were set explicitly (a set top-level key overrides rule defaults), and the folder that
    ``per-file-ignores`` globs are relative to. ``cache-dir`` does not change results."""
    data = config.model_dump(mode="json", by_alias=True, exclude={"cache_dir"})
    data["__set__"] = sorted(config.model_fields_set - {"cache_dir", "root", "source"})
    data["__root__"] = config.root
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def file_digest(path: str, limit: int) -> str | None:
    """sha256 of a regular file of at most ``limit`` bytes; None otherwise (not cacheable).

    Anything else (a FIFO, a device, a folder, a file that cannot be opened) is left to the
    reader, which reports it. The file is opened non-blocking, so a named pipe with no writer
    cannot hang the run, and checked with ``fstat`` on the open descriptor, so it cannot be
    swapped for something else between the check and the read.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = handle.read(limit + 1)
    except (OSError, ValueError):  # ValueError: a NUL byte in the name; the reader reports it
        return None
    if len(data) > limit:
        return None
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class CacheKey:
    """Where an entry lives (``name``) and what it must match (``full``)."""

    name: str
    full: str


class ReportCache:
    """Reads and writes cached reports for one run (one reason, one notice)."""

    def __init__(
        self, directory: str | os.PathLike[str], *, reason: str | None, notice: str | None
    ) -> None:
        self.directory = Path(directory)
        self._run = _sha256(
            (reason or "").encode(), b"\x01" if notice is None else notice.encode("utf-8")
        )
        self._contexts: dict[str | None, str | None] = {}
        # Configs are shared per folder, so their fingerprints are computed once each.
        self._fingerprints: dict[int, tuple[Config, bytes]] = {}
        self._prepared = False
        self._writable = True
        self.hits = 0
        self.misses = 0

    def _context(self, model: str | None) -> str | None:
        if model not in self._contexts:
            identity = model_identity(model)
            self._contexts[model] = (
                None
                if identity is None
                else _sha256(
                    FORMAT.encode(),
                    __version__.encode(),
                    code_hash().encode(),
                    rules_hash().encode(),
                    identity.encode(),
                )
            )
        return self._contexts[model]

    def key(self, path: str, config: Config) -> CacheKey | None:
        """The key of a letter file, or None when it cannot be cached (stdin, unreadable,
        too big, model unknown)."""
        if path == "-":
            return None
        context = self._context(config.model)
        if context is None:
            return None
        limit = max(config.max_file_size, config.max_docx_size)
        digest = file_digest(path, limit)
        if digest is None:
            return None
        name = _sha256(
            path.encode("utf-8", "surrogateescape"),
            os.path.abspath(path).encode("utf-8", "surrogateescape"),
            self._fingerprint(config),
            self._run.encode(),
        )
        return CacheKey(name=name, full=_sha256(name.encode(), digest.encode(), context.encode()))

    def _fingerprint(self, config: Config) -> bytes:
        known = self._fingerprints.get(id(config))
        if known is None or known[0] is not config:
            known = (config, config_fingerprint(config).encode("utf-8"))
            self._fingerprints[id(config)] = known
        return known[1]

    def _entry(self, key: CacheKey) -> Path:
        return self.directory / FORMAT / key.name[:2] / f"{key.name}.json"

    def get(self, key: CacheKey) -> Report | None:
        """The cached report, or None (missing, stale, corrupt: all just a miss)."""
        try:
            data = self._entry(key).read_bytes()
            head, _, body = data.partition(b"\n")
            if head.decode("ascii") != key.full:
                self.misses += 1
                return None
            report = Report.model_validate_json(body)
        except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: CacheKey, report: Report) -> None:
        """Store a report atomically. A cache that cannot be written is not an error: poa-lint
        warns once and goes on without it."""
        if not self._writable:
            return
        target = self._entry(key)
        payload = key.full.encode("ascii") + b"\n" + report.model_dump_json().encode("utf-8")
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, payload)
        except OSError as exc:
            self._writable = False
            print(
                f"poa-lint: warning: cannot write the cache in {self.directory} "
                f"({exc.strerror or exc}); continuing without it (use --no-cache to silence)",
                file=sys.stderr,
            )

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
            marker = self.directory / name
            if not marker.exists():
                _atomic_write(marker, text.encode("utf-8"))
        self._prepared = True


def _atomic_write(target: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a cache is as readable as its folder
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def resolve_cache_dir(option: str | None, config: Config | None) -> Path:
    """``--cache-dir`` (or ``POA_LINT_CACHE_DIR``), then ``cache-dir`` from the config (relative
    to the config file's folder), then ``.poa-lint-cache`` in the current directory."""
    if option:
        return Path(option)
    if config is not None and config.cache_dir:
        base = Path(config.root) if config.root else Path.cwd()
        return base / config.cache_dir
    return Path(CACHE_DIR_NAME)
