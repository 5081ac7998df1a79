"""The per-file result cache: a second run over unchanged letters skips spaCy entirely.

Like ruff's cache, it lives in ``.poa-lint-cache/`` in the current directory (``cache-dir``
in config, ``--cache-dir`` or ``POA_LINT_CACHE_DIR`` move it; ``--no-cache`` turns it off). It
is the only thing poa-lint writes besides the output the user asks for. The folder carries a
``CACHEDIR.TAG`` (backup tools skip it) and a ``.gitignore`` of ``*`` (git ignores it).

One entry per letter, path and settings: ``<dir>/v1/<ab>/<name>.json`` where ``name`` hashes
the path, the effective config, ``--reason`` and the notice text (the ``--notice`` text, or
the bytes of the letter's own ``X.notice.txt``). The entry's first line is
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
run needs (fingerprint, model, size limit, ``fail-on``, the exclusion settings). They let
a cached run (:mod:`poa_lint.cli.settings`) answer its letters without importing pydantic;
they are written only from a config that passed validation.

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
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .cache_folder import CACHE_DIR_NAME as CACHE_DIR_NAME
from .cache_folder import CACHEDIR_TAG as CACHEDIR_TAG
from .cache_folder import cache_location as cache_location
from .cache_folder import owns as owns
from .cache_folder import resolve_cache_dir as resolve_cache_dir
from .cache_folder import within
from .entries import rule_table, valid_entry
from .pipelines import DEFAULT_MODELS, is_path, package_folder, pipeline_problem
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .config import Config
    from .models import Report
    from .stored import StoredReport

ENV_CACHE_DIR = "POA_LINT_CACHE_DIR"  # read by click in poa_lint/cli (spelled out there: no import)
FORMAT = "v1"
GITIGNORE = "# Created by poa-lint automatically.\n*\n"


def _sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def rule_files() -> list[tuple[str, bytes]]:
    """Every shipped catalogue file (``rules/*.yaml``): name and bytes, by name."""
    root = resources.files("poa_lint.rules")
    return [
        (entry.name, entry.read_bytes())
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    ]


def rules_hash(files: list[tuple[str, bytes]] | None = None) -> str:
    """A hash of every shipped catalogue file, by name and content.

    Computed afresh by each :class:`ReportCache` (a millisecond or two), so even a
    long-lived process notices an edited rule file."""
    parts: list[bytes] = []
    for name, data in rule_files() if files is None else files:
        parts += [name.encode(), data]
    return _sha256(*parts)


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of poa-lint's own source. The version alone is not enough for a development
    (editable) install, whose code changes while the version number stays put.

    Computed once per process (a run asks for it for its reports and its settings
    snapshots): the code a process runs is the code it imported, whatever the files say
    later."""
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
    more exact. A name that is not a loadable pipeline (:mod:`poa_lint.pipelines`) is
    skipped, as the loader skips it; a dotted name is never looked up (that would import
    its parent package).
    """
    for name in (model,) if model else DEFAULT_MODELS:
        if pipeline_problem(name) is not None:
            continue
        folder = Path(name) if is_path(name) else package_folder(name)
        if folder is None:
            continue
        try:
            meta = _sha256((folder / "meta.json").read_bytes())
        except OSError:  # gone since it was checked: do not cache rather than guess
            return None
        return f"path:{folder.resolve()}:{meta}" if is_path(name) else f"{name}:{meta}"
    return None


def config_fingerprint(config: Config) -> str:
    """A stable JSON of the effective config: every setting with per-rule tables, which keys
    were set explicitly (a set top-level key overrides rule defaults), and the folder that
    ``per-file-ignores`` globs are relative to. ``cache-dir`` and ``lang`` (the language
    the report is read in) do not change results."""
    data = config.model_dump(mode="json", by_alias=True, exclude={"cache_dir", "lang"})
    data["__set__"] = sorted(
        config.model_fields_set - {"cache_dir", "lang", "root", "source", "origins", "anchors"}
    )
    data["__root__"] = config.root
    if config.ignore_roots:  # per-file-ignores of an extended base: relative to its folder
        data["__ignore_roots__"] = config.ignore_roots
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
    """Where an entry lives (``name``), what it must match (``full``), and the letter it is
    for (``path``: an entry that names another file is a miss; None: not checked)."""

    name: str
    full: str
    path: str | None = None


class ReportCache:
    """Reads and writes cached reports for one run (one reason, one notice)."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        reason: str | None,
        notice: str | None,
        warn: Callable[[Template], None] | None = None,
    ) -> None:
        self.directory = Path(directory)
        # how a warning reaches the user: the command line words it in the run's language
        self._warn = warn or _warn_in_english
        self._run = _sha256(
            (reason or "").encode(), b"\x01" if notice is None else notice.encode("utf-8")
        )
        self._contexts: dict[str | None, str | None] = {}
        # Configs are shared per folder, so their fingerprints are computed once each.
        self._fingerprints: dict[int, tuple[Config, bytes]] = {}
        self._prepared = False
        self._real = ""
        self._rules: list[tuple[str, bytes]] | None = None  # read once per run
        self._rule_table: dict[str, tuple[str, str]] | None = None
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
                    rules_hash(self._rule_files()).encode(),
                    identity.encode(),
                )
            )
        return self._contexts[model]

    def key(self, path: str, config: Config, notice: str | None = None) -> CacheKey | None:
        """The key of a letter file, or None when it cannot be cached (stdin, unreadable,
        too big, model unknown). ``notice`` is the path of the letter's own notice
        (``X.notice.txt``), if it has one."""
        return self.key_for(
            path, self._fingerprint(config), config.model, _size_limit(config), notice
        )

    def key_for(
        self,
        path: str,
        fingerprint: bytes,
        model: str | None,
        limit: int,
        notice: str | None = None,
    ) -> CacheKey | None:
        """:meth:`key` from the config's fingerprint, model and size limit (what a settings
        snapshot records), so that a run answered from snapshots computes the very same key."""
        if path == "-":
            return None
        notice_digest = b""
        if notice is not None:
            found = file_digest(notice, limit)
            if found is None:
                return None  # the notice cannot be read: the reader reports it
            notice_digest = found.encode()
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
            notice_digest,
        )
        full = _sha256(name.encode(), digest.encode(), context.encode())
        return CacheKey(name=name, full=full, path=path)

    def _fingerprint(self, config: Config) -> bytes:
        known = self._fingerprints.get(id(config))
        if known is None or known[0] is not config:
            known = (config, config_fingerprint(config).encode("utf-8"))
            self._fingerprints[id(config)] = known
        return known[1]

    def _entry(self, key: CacheKey) -> Path:
        return self.directory / FORMAT / key.name[:2] / f"{key.name}.json"

    def get(self, key: CacheKey) -> Report | None:
        """The cached report, or None (missing, stale, corrupt, tampered: all a miss)."""
        from .models import Report

        data = self._data(key)
        report = None
        if data is not None:
            with contextlib.suppress(ValueError):  # pydantic's ValidationError is a ValueError
                report = Report.model_validate(data)
        self._count(report is not None)
        return report

    def answer(self, key: CacheKey, *, stored: bool) -> Report | StoredReport | None:
        """The cached report for a letter, or None (a miss): as the pydantic
        :class:`~poa_lint.models.Report`, or with ``stored`` as the
        :class:`~poa_lint.stored.StoredReport` that output needing no more of it reads
        (no pydantic imported)."""
        if not stored:
            return self.get(key)
        from .stored import stored_report

        data = self.get_entry(key)
        return None if data is None else stored_report(data)

    def get_entry(self, key: CacheKey) -> dict[str, Any] | None:
        """The cached report as its JSON data (the JSON reporter's file entry) when the key
        matches and the entry passes :func:`poa_lint.entries.valid_entry`, else None."""
        data = self._data(key)
        self._count(data is not None)
        return data

    def _data(self, key: CacheKey) -> dict[str, Any] | None:
        """An entry is believed only when it is a report of the schema, for the letter of
        the key, whose findings name real rules: an entry edited below an intact key line
        (another file's path, an unknown code, escape sequences in a rule's place) is a
        miss, and the letter is checked again."""
        body = self._body(key)
        if body is None:
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if self._rule_table is None:
            self._rule_table = rule_table(self._rule_files())
        return data if valid_entry(data, key.path, self._rule_table) else None

    def _rule_files(self) -> list[tuple[str, bytes]]:
        if self._rules is None:
            self._rules = rule_files()
        return self._rules

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

    # --- settings snapshots (for poa_lint.cli.settings) ---------------------------------

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
            "exclusions": [[anchor, list(patterns)] for anchor, patterns in config.exclusions()],
            "respect_gitignore": config.respect_gitignore,
            "force_exclude": config.force_exclude,
            "cache_dir": config.cache_dir,
            "root": config.root,
        }
        try:
            self._prepare()
            self._make_folder(target.parent)
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
            self._make_folder(target.parent)
            _atomic_write(target, payload)
        except OSError as exc:
            self._writable = False
            self._warn(
                message(
                    N_(
                        "poa-lint: warning: cannot write the cache in {folder} ({reason}); "
                        "continuing without it (use --no-cache to silence)"
                    ),
                    folder=str(self.directory),
                    reason=str(exc.strerror or exc),
                )
            )

    def _prepare(self) -> None:
        """Make sure the cache folder is poa-lint's before the first write: create it with
        its markers in one step (a temporary folder renamed into place, so two runs racing
        to create it cannot see it half made), or adopt an empty folder; a folder with
        other content and no poa-lint ``CACHEDIR.TAG`` is never written to."""
        if self._prepared:
            return
        directory = self.directory
        if not os.path.lexists(directory):
            _create_owned(directory)
        if not owns(directory) and (not directory.is_dir() or any(directory.iterdir())):
            raise _NotOurs(directory)
        _write_markers(directory)  # those missing: ours, or empty (nobody else's)
        self._real = os.path.realpath(directory)
        self._prepared = True

    def _make_folder(self, folder: Path) -> None:
        """Create an entry's folder inside the cache, refusing one that a symbolic link
        leads out of the cache (a planted ``v1/ab -> /somewhere``)."""
        folder.mkdir(parents=True, exist_ok=True)
        if not within(os.path.realpath(folder), self._real):
            raise _NotOurs(folder)


class _NotOurs(OSError):
    """A folder poa-lint must not write its cache into (reported like any OSError)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} is not a poa-lint cache folder")
        self.strerror = f"{folder} is not a poa-lint cache folder"


def _write_markers(directory: Path) -> None:
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
        marker = directory / name
        if not marker.exists():
            _atomic_write(marker, text.encode("utf-8"))


def _create_owned(directory: Path) -> None:
    """Create ``directory`` already holding its markers: they are written into a hidden
    temporary folder beside it, which is then renamed. If another run made the folder
    first, the rename fails and that folder is used."""
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o777 & ~umask)  # mkdtemp's folder is private; a cache is not
        _write_markers(temporary)
        os.rename(temporary, directory)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        if not os.path.lexists(directory):
            raise


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


def _warn_in_english(warning: Template) -> None:
    print(warning.english(), file=sys.stderr)


def open_cache(
    option: str | None,
    config: Config | None,
    *,
    reason: str | None,
    notice: str | None,
    warn: Callable[[Template], None] | None = None,
) -> tuple[ReportCache | None, Template | None]:
    """The run's cache, or None and the one-line problem that keeps poa-lint from using
    it (the run then goes on without the cache)."""
    directory, problem = cache_location(
        option,
        config.cache_dir if config is not None else None,
        config.root if config is not None else None,
        config.source if config is not None else None,
    )
    if problem is not None:
        return None, problem
    return ReportCache(directory, reason=reason, notice=notice, warn=warn), None
