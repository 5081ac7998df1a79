"""Reading a letter from a path, from bytes in memory, or from stdin.

Everything that can go wrong with getting the bytes is decided here, so that a seller who
passes a directory, an unreadable file, a stale named pipe or a 2 GB log gets one clear
line (:class:`InputError`: what is wrong and what to do) instead of a traceback or a hang.
Sizes come from ``os.stat`` first and every read is bounded, so a huge input is refused
without loading it. The suffix (or the bytes, for stdin) picks the reader: plain text and
markdown (:mod:`.plain`) or Word (:mod:`.docx_archive`).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import replace
from typing import BinaryIO, Literal

from ..errors import InputError
from ..source import SourceText
from ..texts import N_, Template, message
from .decode import ZIP_MAGIC, decode
from .docx_archive import read_docx
from .limits import DEFAULT_LIMITS, ReadLimits, human_size, require_length
from .plain import parse_plain_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
STDIN_NAME = "<stdin>"


def _os_problem(exc: OSError) -> str | Template:
    """Translate an OSError into a one-line problem that says what to do."""
    if isinstance(exc, FileNotFoundError):
        return N_("does not exist (it may have been moved or deleted); check the path")
    if isinstance(exc, PermissionError):
        return N_("cannot be read: permission denied; check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return _DIRECTORY_PROBLEM
    if isinstance(exc, NotADirectoryError):
        return N_("does not exist (part of the path is a file, not a folder); check the path")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return message(N_("cannot be read ({reason}); check the path and try again"), reason=reason)


_DIRECTORY_PROBLEM = N_("is a directory, not a letter; pass a .txt, .md or .docx file")


def _read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so the caller can tell 'too big' without reading it all.

    Works for pipes and devices too, where ``os.stat`` reports no useful size.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _require_text(text: str, path: str) -> None:
    """Refuse input with nothing to lint, so the CLI does not report a clean pass on it."""
    if text == "":
        raise InputError(path, N_("is empty; nothing to check (is it the right file?)"))
    if text.strip() == "":
        raise InputError(
            path, N_("contains only whitespace; nothing to check (is it the right file?)")
        )


def _require_paragraphs(source: SourceText, path: str) -> SourceText:
    if not source.paragraphs:
        raise InputError(path, N_("has no text; nothing to check (is it the right file?)"))
    return source


_FORMATS: dict[str, Literal["txt", "md", "docx"]] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
}


def _format_for(name: str) -> Literal["txt", "md", "docx"]:
    """The suffix decides the format; unknown suffixes are read as text (and sniffed)."""
    return _FORMATS.get(os.path.splitext(name)[1].lower(), "txt")


def read_path(path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """Read one letter file. Raises :class:`InputError` (never a raw ``OSError``).

    The size is checked with ``os.stat`` before reading so a huge file is refused without
    loading it, and the file is then read with a single bounded ``open()`` (a file that grows
    in between, or a device, is still capped). ``"-"`` reads stdin.
    """
    name = os.fspath(path)
    if name == "-":
        return read_stdin(limits=limits)
    fmt = _format_for(name)
    if "\x00" in name:
        raise InputError(
            name, N_("is not a valid file name (it contains a NUL byte); check the path")
        )
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, _DIRECTORY_PROBLEM)
    cap = limits.max_docx_uncompressed if fmt == "docx" else limits.max_bytes
    if info.st_size > cap:
        raise InputError(name, _too_big(info.st_size, cap, fmt))
    try:
        if stat.S_ISFIFO(info.st_mode):
            data = _read_fifo(name, cap)
        else:
            with open(name, "rb") as handle:
                data = _read_bounded(handle, cap)
    except OSError as exc:
        raise InputError(name, _os_problem(exc)) from exc
    if len(data) > cap:
        raise InputError(name, _too_big(len(data), cap, fmt, at_least=True))
    return _from_bytes(data, name, fmt, limits)


def read_bytes(data: bytes, name: str, *, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """A letter that is already in memory, such as a file uploaded to the web page: its
    name's suffix says the format, as for a file, and nothing is written to disk."""
    fmt = _format_for(name)
    cap = limits.max_docx_uncompressed if fmt == "docx" else limits.max_bytes
    if len(data) > cap:
        raise InputError(name, _too_big(len(data), cap, fmt))
    return _from_bytes(data, name, fmt, limits)


def _from_bytes(
    data: bytes, name: str, fmt: Literal["txt", "md", "docx"], limits: ReadLimits
) -> SourceText:
    if fmt == "docx":
        return read_docx(data, name, limits)
    return _read_text(data, name, fmt, limits)


def _read_text(data: bytes, name: str, fmt: Literal["txt", "md"], limits: ReadLimits) -> SourceText:
    decoded = decode(data, path=name)
    text = decoded.text
    _require_text(text, name)
    require_length(text, name, limits)
    source = parse_plain_text(text, path=name, fmt=fmt)
    return _require_paragraphs(replace(source, encoding=decoded.label), name)


def _read_fifo(name: str, cap: int) -> bytes:
    """Read a named pipe (``poa-lint check <(pbpaste)``) without hanging on a stale one.

    A plain ``open()`` of a FIFO blocks until some process opens it for writing, possibly
    forever. Opening it non-blocking returns at once; blocking reads are then restored, so a
    live writer's text is read in full, and a pipe without a writer reads as empty.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(name, os.O_RDONLY | nonblock)
    if nonblock:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        return _read_bounded(handle, cap)


def _too_big(size: int, cap: int, fmt: str, *, at_least: bool = False) -> Template:
    amount = message(N_("more than {size}"), size=human_size(cap)) if at_least else human_size(size)
    if fmt == "docx":
        return message(
            N_(
                "is {size}, larger than the {limit} limit for a .docx letter; is it the "
                "right file? (raise it with max-docx-size in config)"
            ),
            size=amount,
            limit=human_size(cap),
        )
    return message(
        N_(
            "is {size}, larger than the {limit} limit for a letter; is it the right file? "
            "(raise it with max-file-size in config)"
        ),
        size=amount,
        limit=human_size(cap),
    )


def read_stdin(
    stream: BinaryIO | None = None,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    name: str | None = None,
) -> SourceText:
    """Read a letter from stdin (or ``stream``); errors and ``SourceText.path`` say '<stdin>',
    or ``name`` (``--stdin-filename``), whose suffix then also picks the format.

    Bytes that start like a zip file are read as .docx, so ``poa-lint - < letter.docx`` works.
    """
    label = name or STDIN_NAME
    if stream is None:
        if sys.stdin is None:
            raise InputError(
                label, N_("is not available; pass the letter's file path instead")
            )
        stream = sys.stdin.buffer
    try:
        data = _read_bounded(stream, limits.max_bytes)
    except (OSError, ValueError) as exc:
        raise InputError(
            label,
            message(
                N_("cannot be read ({reason}); pass the letter's file path instead"), reason=exc
            ),
        ) from exc
    if len(data) > limits.max_bytes:
        raise InputError(
            label,
            message(
                N_(
                    "is more than {limit}, larger than the limit for a letter; is it the right "
                    "input? (raise it with max-file-size in config)"
                ),
                limit=human_size(limits.max_bytes),
            ),
        )
    fmt = _format_for(name) if name else "txt"
    if data.startswith(ZIP_MAGIC) or fmt == "docx":
        return read_docx(data, label, limits)
    return _read_text(data, label, "md" if fmt == "md" else "txt", limits)


# --------------------------------------------------------------------------------------------
# .docx: safety checks on the zip, then extraction with python-docx
# --------------------------------------------------------------------------------------------
