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
* the spaCy model's identity: a hash of the ``meta.json`` of the package (or folder) that
  :mod:`poa_lint.nlp` would load, following the same model chain, found with
  :func:`importlib.util.find_spec` (so this module never imports spaCy).

Settings snapshots (``<dir>/settings/v1/<identity>.json``) record, for the exact bytes of a
config file plus the command-line overrides, what the validated config says that a cached
run needs (fingerprint, model, size limit, ``fail-on``, ``exclude``). They let
:mod:`poa_lint.fastpath` answer a fully cached run without importing pydantic; they are
written only from a config that passed validation.

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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .nlp import DEFAULT_MODELS

if TYPE_CHECKING:
    from .config import Config
    from .models import Report

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
    """The spaCy pipeline :func:`poa_lint.nlp.load_pipeline` would load, identified without
    importing spaCy; None when it cannot be told (then nothing is cached).

    A pipeline folder, and an installed model package (found with ``find_spec``, which
    imports nothing), are identified by the hash of their ``meta.json`` (name, version,
    components, sources): cheaper than reading the installed distributions' metadata, and
    more exact.
    """
    for name in (model,) if model else DEFAULT_MODELS:
        folder = Path(name)
        if os.sep in name or "/" in name or name.startswith("."):
            meta = folder / "meta.json"
            if not meta.is_file():
                continue
            try:
                return f"path:{folder.resolve()}:{_sha256(meta.read_bytes())}"
            except OSError:
                return None
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):  # a dotted or malformed name
            spec = None
        if spec is None or not spec.submodule_search_locations:
            continue
        try:
            package = Path(next(iter(spec.submodule_search_locations)))
            return f"{name}:{_sha256((package / 'meta.json').read_bytes())}"
        except (OSError, StopIteration):  # no meta.json: do not cache rather than guess
            return None
    return None


def config_fingerprint(config: Config) -> str:
    """A stable JSON of the effective config: every setting with per-rule tables, which keys
    were set explicitly (a set top-level key overrides rule defaults), and the folder that
    ``per-file-ignores`` globs are relative to. ``cache-dir`` and ``lang`` (the language
    the report is read in) do not change results."""
    data = config.model_dump(mode="json", by_alias=True, exclude={"cache_dir", "lang"})
    data["__set__"] = sorted(config.model_fields_set - {"cache_dir", "lang", "root", "source"})
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
        return self.key_for(path, self._fingerprint(config), config.model, _size_limit(config))

    def key_for(
        self, path: str, fingerprint: bytes, model: str | None, limit: int
    ) -> CacheKey | None:
        """:meth:`key` from the config's fingerprint, model and size limit (what a settings
        snapshot records), so that the fast path computes the very same key."""
        if path == "-":
            return None
        context = self._context(model)
        if context is None:
            return None
        digest = file_digest(path, limit)
        if digest is None:
            return None
        name = _sha256(
            path.encode("utf-8", "surrogateescape"),
            os.path.abspath(path).encode("utf-8", "surrogateescape"),
            fingerprint,
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
        from .models import Report

        body = self._body(key)
        report = None
        if body is not None:
            with contextlib.suppress(ValueError):  # pydantic's ValidationError is a ValueError
                report = Report.model_validate_json(body)
        self._count(report is not None)
        return report

    def get_body(self, key: CacheKey) -> bytes | None:
        """The cached report as JSON bytes when the entry's key matches, else None."""
        body = self._body(key)
        self._count(body is not None)
        return body

    def _body(self, key: CacheKey) -> bytes | None:
        try:
            data = self._entry(key).read_bytes()
            head, _, body = data.partition(b"\n")
            return body if head.decode("ascii") == key.full else None
        except (OSError, ValueError):  # ValueError: a header that is not ASCII
            return None

    def _count(self, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    # --- settings snapshots (for poa_lint.fastpath) -------------------------------------

    def settings_identity(
        self, config_file: Path | None, raw: bytes, overrides: Mapping[str, Any]
    ) -> str:
        """Names a snapshot: the config file, its exact bytes, the command-line overrides
        and poa-lint's code (defaults and validation are code)."""
        return _sha256(
            __version__.encode(),
            code_hash().encode(),
            str(config_file or "").encode("utf-8", "surrogateescape"),
            raw,
            json.dumps(overrides, sort_keys=True, default=list).encode(),
        )

    def _snapshot(self, identity: str) -> Path:
        return self.directory / "settings" / FORMAT / f"{identity}.json"

    def put_settings(self, identity: str, config: Config) -> None:
        """Record what a validated config says that a cached run needs."""
        target = self._snapshot(identity)
        if not self._writable or target.exists():
            return
        snapshot = {
            "fingerprint": config_fingerprint(config),
            "model": config.model,
            "limit": _size_limit(config),
            "fail_on": config.fail_on.value,
            "exclude": list(config.exclude),
            "cache_dir": config.cache_dir,
            "root": config.root,
        }
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, json.dumps(snapshot, sort_keys=True).encode("utf-8"))
        except OSError:
            return  # a snapshot only speeds the next run up; put() warns about the cache

    def get_settings(self, identity: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._snapshot(identity).read_bytes())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

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


def _size_limit(config: Config) -> int:
    """The largest letter file the config lets poa-lint read (a bigger one is not hashed)."""
    return max(config.max_file_size, config.max_docx_size)


def resolve_cache_dir(option: str | None, config: Config | None) -> Path:
    """``--cache-dir`` (or ``POA_LINT_CACHE_DIR``), then ``cache-dir`` from the config (relative
    to the config file's folder), then ``.poa-lint-cache`` in the current directory."""
    if option:
        return Path(option)
    if config is not None and config.cache_dir:
        base = Path(config.root) if config.root else Path.cwd()
        return base / config.cache_dir
    return Path(CACHE_DIR_NAME)
