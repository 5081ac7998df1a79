"""Which files of a run are letters: walking folders, ``exclude``, ``.gitignore``, notices.

A team keeps its letters in git, next to READMEs and Amazon's notices, and runs poa-lint from
pre-commit, which names every changed file. So, as ruff does for code:

* ``exclude`` and ``extend-exclude`` are gitignore-style patterns (matched with
  :mod:`pathspec`), each relative to the config file that declares it, and decide for every
  file found by walking a folder, whichever folder the walk started from;
* with ``force-exclude`` (the pre-commit hook turns it on) they also apply to files named
  on the command line;
* a walk skips what the repository's ``.gitignore`` files ignore (``respect-gitignore``);
* ``X.notice.txt`` (or ``.notice.md``/``.notice.docx``) is Amazon's notice for the letter
  ``X.txt`` beside it, never a letter itself (:class:`Notices`).

This module imports neither pydantic nor the catalogue: a run the cache answers
(:mod:`poa_lint.cli.route`) walks with it reading the exclusion settings from a settings
snapshot instead of a validated config, and finds exactly the same files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

from .texts import N_, Template, message

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

SUFFIXES = (".txt", ".md", ".markdown", ".docx")
"""What a letter file may be called (compared case-insensitively: ``Letter.TXT`` is one)."""
NOTICE_MARK = ".notice"
"""``X.notice.txt`` is the notice for ``X.txt``."""
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".poa-lint-cache", "__pycache__"}
)
GITIGNORE = ".gitignore"

BAD_NAME = N_("has a name that is not valid UTF-8; rename the file and check it again")
NOT_REGULAR = N_(
    "is not a regular file (a named pipe, socket or device); skipped it, "
    "pass a .txt, .md or .docx file"
)
#: What discovery says about a path it cannot hand on as a letter (None: a letter to read).
Problem = str | Template | None

Anchored = tuple[tuple[str | None, tuple[str, ...]], ...]
"""Exclusion patterns grouped by the folder they are relative to (None: the current one)."""


@dataclass(frozen=True)
class ExcludeRules:
    """What the config that governs a folder says about skipping files."""

    patterns: Anchored = ()
    respect_gitignore: bool = True
    force_exclude: bool = False


RulesFor = Callable[[str], "ExcludeRules | None"]
"""The rules for a file or folder path; None when its config cannot be read (the file is
then kept, so that the run reports the config problem)."""


def is_letter_name(name: str) -> bool:
    """A .txt/.md/.docx name in any case that is neither a notice nor an Office lock file."""
    lowered = name.lower()
    return (
        lowered.endswith(SUFFIXES) and not name.startswith(("~$", ".")) and not is_notice_name(name)
    )


def is_notice_name(name: str) -> bool:
    """``X.notice.txt``, ``X.NOTICE.md``, ``X.notice.docx``: Amazon's notice, not a letter."""
    stem, suffix = os.path.splitext(name.lower())
    return suffix in SUFFIXES and stem.endswith(NOTICE_MARK) and len(stem) > len(NOTICE_MARK)


# --- pattern matching ------------------------------------------------------------------------

class _Names:
    """Patterns that are plain names (``README*``, ``*.bak``, ``drafts/``), matched as
    gitignore matches them: against every folder and file name of the path (a folder's
    name excludes all inside it; a trailing ``/`` names folders only). The default
    ``exclude`` is such a list, so most runs never import pathspec (a cached run counts
    every millisecond)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._any = [p for p in patterns if not p.endswith("/")]
        self._folders = [p.rstrip("/") for p in patterns if p.endswith("/")]

    def match_file(self, rel: str) -> bool:
        is_dir = rel.endswith("/")
        parts = rel.rstrip("/").split("/")
        folders = parts if is_dir else parts[:-1]
        if any(fnmatchcase(part, p) for part in parts for p in self._any):
            return True
        return any(fnmatchcase(part, p) for part in folders for p in self._folders)


def _plain_name(pattern: str) -> bool:
    """A pattern _Names matches exactly as gitignore does."""
    body = pattern[:-1] if pattern.endswith("/") else pattern
    return (
        bool(body)
        and pattern == pattern.strip()
        and not body.startswith(("#", "!"))
        and not any(ch in body for ch in "/\\[")
    )


_SPECS: dict[tuple[str, ...], GitIgnoreSpec | _Names] = {}


def _spec(patterns: Sequence[str]) -> GitIgnoreSpec | _Names:
    key = tuple(patterns)
    spec = _SPECS.get(key)
    if spec is None:
        if all(_plain_name(p) for p in key):
            spec = _Names(key)
        else:
            from pathspec import GitIgnoreSpec  # lazy: only for patterns with paths

            spec = GitIgnoreSpec.from_lines(key)
        _SPECS[key] = spec
    return spec


def _relative_to(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` in posix form, or None when it lies outside."""
    for candidate in (os.path.abspath(path), os.path.realpath(path)):
        try:
            rel = os.path.relpath(candidate, folder)
        except ValueError:  # another drive on Windows
            continue
        if rel != os.curdir and not rel.startswith(os.pardir):
            return Path(rel).as_posix()
    return None


def excluded(path: str, rules: ExcludeRules, *, is_dir: bool = False) -> bool:
    """Whether ``exclude``/``extend-exclude`` skip ``path``.

    Each pattern is matched against the path relative to the folder of the config file that
    declares it, with gitignore's rules (``drafts/`` is a folder anywhere, ``/drafts`` only
    at the top, ``*.bak`` a name anywhere). A path outside that folder is matched by its
    name alone, so bare-name patterns still apply to it.
    """
    for anchor, patterns in rules.patterns:
        if not patterns:
            continue
        rel = _relative_to(path, anchor or os.getcwd())
        if rel is None:
            rel = os.path.basename(os.path.normpath(path))
        if is_dir:
            rel += "/"
        if _spec(patterns).match_file(rel):
            return True
    return False


# --- .gitignore --------------------------------------------------------------------------------


class _GitIgnores:
    """The ``.gitignore`` files that apply while walking one folder: those of the folders
    above it up to the repository's top (the folder with ``.git``), and those found on the
    way down. As in git, a deeper file's verdict overrides a shallower one's, and a later
    pattern (``!keep.txt``) overrides an earlier one in the same file."""

    def __init__(self, top: str) -> None:
        self._specs: dict[str, GitIgnoreSpec | None] = {}
        # Lexical paths, as os.walk gives them (a linked folder stays "inside" the walk).
        self._top = os.path.abspath(top)
        self._parents: list[str] = []
        folder = self._top
        while True:
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
                break
            folder = parent
            self._parents.append(folder)
        if not os.path.exists(os.path.join(folder, ".git")):
            self._parents = []  # not in a repository: only .gitignore files inside the walk

    def _load(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            spec = None
            try:
                with open(os.path.join(folder, GITIGNORE), encoding="utf-8-sig") as handle:
                    lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError, ValueError):
                lines = []
            if any(line.strip() and not line.startswith("#") for line in lines):
                from pathspec import GitIgnoreSpec

                spec = GitIgnoreSpec.from_lines(lines)
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: str, *, is_dir: bool = False) -> bool:
        real = os.path.abspath(path)
        folders = [*reversed(self._parents)]
        here = os.path.dirname(real)
        chain: list[str] = []
        while is_within(self._top, here):
            chain.append(here)
            parent = os.path.dirname(here)
            if parent == here:
                break
            here = parent
        folders += reversed(chain)
        verdict = False
        for folder in folders:
            spec = self._load(folder)
            if spec is None:
                continue
            rel = Path(os.path.relpath(real, folder)).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = result.include
        return verdict


# --- walking -----------------------------------------------------------------------------------


def printable(path: str) -> bool:
    """False for names with undecodable bytes (surrogate escapes): they cannot be printed
    or written to a report, so they are reported instead of crashing the output."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def display_name(path: str) -> str:
    """A printable form of a name with undecodable bytes: ``bad\\xffname.txt``."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def is_within(folder: str, path: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _no_rules(_path: str) -> ExcludeRules | None:
    return ExcludeRules()


def discover(
    paths: Sequence[str],
    rules_for: RulesFor = _no_rules,
    *,
    force_exclude: bool | None = None,
) -> Iterator[tuple[str, Problem]]:
    """Yield (path, problem) for every letter under ``paths``; problem is None when readable.

    Folders are walked recursively for .txt/.md/.docx in any case, following symlinked
    folders; what ``exclude`` or ``.gitignore`` skip, notices and Office lock files are left
    out. A folder reached twice through links is walked once; a link that leads back into a
    folder being walked (a loop) is reported once and not followed. Folders that cannot be
    listed, letters that are not regular files (a named pipe would block forever) and names
    that are not valid UTF-8 are reported, one line each.

    Files named on the command line are checked as named, except notices and, with
    ``force_exclude`` (or ``force-exclude`` in their config), excluded files.
    """
    for given in paths:
        if given == "-":
            yield given, None
            continue
        if not printable(given):
            yield display_name(given), BAD_NAME
            continue
        p = Path(given)
        is_dir = p.is_dir()
        if not is_dir and is_notice_name(p.name):
            continue  # Amazon's notice: read with its letter, never checked as one
        if force_exclude is not False:
            # A folder's own config (the one governing what is inside it) says whether it
            # is excluded; a file's is that of its folder.
            rules = rules_for(os.path.join(given, "x") if is_dir else given)
            forced = force_exclude or bool(rules and rules.force_exclude)
            if forced and rules is not None and excluded(given, rules, is_dir=is_dir):
                continue
        if is_dir:
            yield from _walk(p, rules_for)
        elif p.exists() or p.is_symlink():
            yield given, None
        else:
            yield given, N_("does not exist")


def _walk(top: Path, rules_for: RulesFor) -> Iterator[tuple[str, Problem]]:
    unlistable: list[OSError] = []
    gitignores: _GitIgnores | None = None

    def report_unlistable() -> Iterator[tuple[str, Problem]]:
        for exc in unlistable:
            reason: str | Template = (
                Template(N_("permission denied"))
                if isinstance(exc, PermissionError)
                else exc.strerror or type(exc).__name__
            )
            yield (
                display_name(str(exc.filename or top)),
                message(
                    N_("is a folder that cannot be listed ({reason}); check its permissions"),
                    reason=reason,
                ),
            )
        unlistable.clear()

    def skipped(path: str, *, is_dir: bool) -> bool:
        nonlocal gitignores
        rules = rules_for(path)
        if rules is None:
            return False
        if excluded(path, rules, is_dir=is_dir):
            return True
        if rules.respect_gitignore:
            if gitignores is None:
                gitignores = _GitIgnores(str(top))
            return gitignores.ignored(path, is_dir=is_dir)
        return False

    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, followlinks=True, onerror=unlistable.append):
        yield from report_unlistable()
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirs[:] = []
            target = os.path.realpath(root)
            if os.path.islink(root) and is_within(target, os.path.realpath(os.path.dirname(root))):
                yield (
                    display_name(root),
                    message(
                        N_(
                            "is a symbolic link loop (it leads back to {target}, which is "
                            "already being checked); skipped it, remove the link"
                        ),
                        target=display_name(target),
                    ),
                )
            continue
        seen.add(key)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS
            and not d.startswith(".")
            and not (printable(d) and skipped(os.path.join(root, d), is_dir=True))
        )
        for name in sorted(files):
            if not is_letter_name(name):
                continue
            full = os.path.join(root, name)
            if not printable(full):
                yield display_name(full), BAD_NAME
                continue
            if skipped(full, is_dir=False):
                continue
            try:
                mode = os.stat(full).st_mode
            except OSError:
                yield full, None  # a dangling link: the reader says what is wrong
                continue
            yield full, None if stat.S_ISREG(mode) else NOT_REGULAR
    yield from report_unlistable()


# --- notices -------------------------------------------------------------------------------------


@dataclass
class Notices:
    """Finds the notice paired with a letter: ``X.notice.txt``, ``.notice.md`` or
    ``.notice.docx`` in the letter's folder, for ``X.txt``/``X.md``/``X.docx`` (the same
    ``X``; suffixes in any case). Each folder is listed once per run."""

    _listings: dict[str, dict[str, str]] = field(default_factory=dict)

    def _listing(self, folder: str) -> dict[str, str]:
        found = self._listings.get(folder)
        if found is None:
            found = {}
            try:
                names = sorted(os.listdir(folder or os.curdir))
            except OSError:
                names = []
            for name in names:
                if is_notice_name(name):
                    stem = os.path.splitext(name)[0][: -len(NOTICE_MARK)]
                    found.setdefault(stem, name)
            self._listings[folder] = found
        return found

    def for_letter(self, path: str) -> str | None:
        """The path of the letter's notice, or None."""
        if path == "-":
            return None
        folder, name = os.path.split(path)
        stem, suffix = os.path.splitext(name)
        if suffix.lower() not in SUFFIXES:
            return None
        notice = self._listing(folder).get(stem)
        return os.path.join(folder, notice) if notice else None


__all__ = [
    "BAD_NAME",
    "NOT_REGULAR",
    "SKIP_DIRS",
    "SUFFIXES",
    "ExcludeRules",
    "Notices",
    "discover",
    "display_name",
    "excluded",
    "is_letter_name",
    "is_notice_name",
    "is_within",
    "printable",
]
