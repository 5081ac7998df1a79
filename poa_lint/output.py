"""Writing the report to ``--output``: never onto an input, and always atomically.

``ln letter.txt out.txt; poa-lint check letter.txt -o out.txt`` truncated the letter to 0
bytes (opening ``out.txt`` for writing emptied the file both names share), and ``-o`` also
overwrote the ``--notice`` and ``--config`` files. Two rules now hold (issue 11, item 6):

* **An output that is an input is refused.** The output is compared with every letter, the
  notice and every config file of the run by path *and* by device and inode (``os.stat``
  follows symbolic links), so a hard link or a symlink to an input is caught too. Nothing is
  written then.
* **The report is written atomically**: into a hidden temporary file in the output's folder,
  moved over the output with ``os.replace`` only when the report is complete. A run that
  stops half-way leaves the old file as it was; even a missed clash could only replace a
  name, never empty a letter's bytes. A symbolic link given as the output is written
  through (its target is replaced), as ``open()`` did.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from typing import TextIO

from .errors import PoaLintError
from .texts import N_, Template, message


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


class OutputFile:
    """The ``--output`` file of one run: what it must not be, and how it is written."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.real = os.path.realpath(path)
        self._identity = _identity(path)
        self._temp: str | None = None
        self._stream: TextIO | None = None

    def is_file(self, other: str) -> bool:
        """True when ``other`` (a letter, the notice or a config file) is this output: the
        same path once links are resolved, or the same file under another name."""
        if os.path.realpath(other) == self.real:
            return True
        return self._identity is not None and _identity(other) == self._identity

    def open(self) -> TextIO:
        """A text stream into a hidden temporary file next to the output (its name starts
        with a dot and ends in ``.tmp``, so a folder walk never takes it for a letter)."""
        folder, name = os.path.split(self.real)
        try:
            fd, self._temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
        except OSError as exc:
            raise self._error(exc) from exc
        self._stream = os.fdopen(fd, "w", encoding="utf-8")
        return self._stream

    def commit(self) -> None:
        """Move the finished report over the output (keeping an old file's permissions)."""
        assert self._stream is not None and self._temp is not None
        try:
            self._stream.close()
            try:
                mode = stat.S_IMODE(os.stat(self.real).st_mode)
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self._temp, mode)
            os.replace(self._temp, self.real)
        except OSError as exc:
            self.discard()
            raise self._error(exc) from exc
        self._temp = None

    def _error(self, exc: OSError) -> PoaLintError:
        reason = exc.strerror or type(exc).__name__
        return PoaLintError(
            message(
                N_("--output {path}: cannot be written ({reason}); check the path"),
                path=self.path,
                reason=reason,
            )
        )

    def discard(self) -> None:
        """Remove the temporary file (the run stopped, or the output was refused)."""
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def clash_problem(output: str, what: str, other: str) -> Template:
    """The one-line refusal: ``--output X is the notice file (N); write ... elsewhere``
    (``what`` is one of the message ids below, worded in the reader's language)."""
    if other == output:
        return message(
            N_("--output {output} is {what}; write the report to another file"),
            output=output,
            what=Template(what),
        )
    return message(
        N_("--output {output} is {what} ({other}); write the report to another file"),
        output=output,
        what=Template(what),
        other=other,
    )


class OutputGuard:
    """Checks, as a run finds its files, that none of them is the ``--output`` file: the
    letters named or found, the notice, ``--config``, and the config file that governs each
    letter's folder (looked up once per folder, whether or not it is valid)."""

    def __init__(self, output: OutputFile) -> None:
        self.output = output
        self._folders: set[str] = set()

    def fixed(
        self, paths: Sequence[str], notice: str | None, config: str | None
    ) -> Template | None:
        """The problem with what is known before the run: letters named on the command
        line, the notice, the config file given with ``--config`` and the one of the
        current folder (it says where the cache goes)."""
        from .config_files import find_config_file

        if notice and self.output.is_file(notice):
            return clash_problem(self.output.path, _NOTICE, notice)
        here = find_config_file(os.getcwd())
        for candidate in (config, str(here) if here else None):
            if candidate and self.output.is_file(candidate):
                return clash_problem(self.output.path, _CONFIG, candidate)
        for given in paths:
            if given != "-" and not os.path.isdir(given) and self.output.is_file(given):
                return clash_problem(self.output.path, _LETTER, given)
        return None

    def found(self, path: str) -> Template | None:
        """The problem with a letter found by the run (or the config of its folder)."""
        if path == "-":
            return None
        if self.output.is_file(path):
            return clash_problem(self.output.path, _LETTER, path)
        from .config_files import config_folder, find_config_file

        folder = str(config_folder(path))
        if folder not in self._folders:
            self._folders.add(folder)
            config = find_config_file(folder)
            if config is not None and self.output.is_file(str(config)):
                return clash_problem(self.output.path, _CONFIG, str(config))
        return None


_LETTER = N_("one of the letters being checked")
_NOTICE = N_("the notice file")
_CONFIG = N_("the config file")
