""".docx letters: safety checks on the zip, then extraction with python-docx.

Untrusted files are bounded before they are read: a .docx is a zip of XML, so its
structure, inflated size (from the zip directory, without inflating anything), XML entity
declarations and tag count are checked first, and only then is it handed to python-docx
(imported lazily: only .docx letters pay for it and lxml).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import InputError
from ..source import SourceText
from ..texts import N_, message
from .decode import OLE_MAGIC, decode_bytes, sniff_binary
from .docx_extract import DocxExtractor, TooLong, docx_source
from .limits import ReadLimits, human_size, require_length, too_long_problem

_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # encrypted zip entry
    NotImplementedError,  # unsupported compression method
)
_DAMAGED = N_("is not a valid .docx (the file is damaged or truncated); re-save it from Word")
_MAIN_PART_RE = re.compile(r"word/document\d*\.xml")
_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _not_a_zip_problem(data: bytes) -> str:
    if data.startswith(OLE_MAGIC):
        return N_(
            "is encrypted or password-protected (or an old .doc saved with a .docx name); "
            "remove the password or save a copy as .docx"
        )
    if not data.startswith(b"PK"):
        problem = sniff_binary(data)
        if problem is not None:
            return problem
        try:
            text = decode_bytes(data, path=None)
        except InputError:
            return _DAMAGED
        if text.strip():
            return N_("is a plain-text file with a .docx name; rename it to .txt")
    return _DAMAGED


def read_docx(data: bytes, name: str, limits: ReadLimits) -> SourceText:
    """Check the zip (structure, inflated size, no DTDs) and only then hand it to python-docx.

    The zip directory's ``file_size`` values bound what inflating can produce (``zipfile``
    stops at the declared size and fails the CRC if an entry lies), so summing them is a
    safe zip-bomb check that costs no decompression.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise InputError(name, _not_a_zip_problem(data)) from exc
    with archive:
        entries = archive.infolist()
        if not any(_MAIN_PART_RE.fullmatch(entry.filename) for entry in entries):
            raise InputError(
                name,
                N_(
                    "is a zip file but not a Word document (no word/document.xml); "
                    "open the letter in Word and save it as .docx"
                ),
            )
        total = sum(entry.file_size for entry in entries)
        if total > limits.max_docx_uncompressed:
            raise InputError(
                name,
                message(
                    N_(
                        "expands to {size}, over the {limit} limit (possible zip bomb); if it "
                        "really is your letter, remove large images or raise max-docx-size in "
                        "config"
                    ),
                    size=human_size(total),
                    limit=human_size(limits.max_docx_uncompressed),
                ),
            )
        tags = 0
        for entry in entries:
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(entry) as member:
                    raw = member.read(limits.max_docx_uncompressed + 1)
            except _ZIP_ERRORS as exc:
                raise InputError(name, _DAMAGED) from exc
            if any(marker in raw for marker in _DTD_MARKERS):
                raise InputError(
                    name,
                    message(
                        N_(
                            "contains XML entity declarations ({part}), which poa-lint "
                            "refuses for safety; re-save it from Word"
                        ),
                        part=entry.filename,
                    ),
                )
            tags += raw.count(b"<")
            del raw
        if tags > limits.max_xml_tags:
            raise InputError(
                name,
                f"has {tags:,} XML tags, more than the {limits.max_xml_tags:,} poa-lint reads "
                "in a .docx (a long letter has a few tens of thousands); is it the right "
                "file? If so, copy the text into a new document",
            )
    try:
        import docx  # lazy: only .docx letters pay for python-docx and lxml

        document = docx.Document(io.BytesIO(data))
        lines = DocxExtractor(document, limits.max_chars).extract()
    except InputError:
        raise
    except TooLong:
        raise InputError(name, too_long_problem(0, limits.max_chars, at_least=True)) from None
    except Exception as exc:
        raise InputError(
            name,
            message(
                N_(
                    "could not be read as a Word document ({reason}); re-save it from Word "
                    "as .docx"
                ),
                reason=_short_reason(exc),
            ),
        ) from exc
    source = docx_source(lines, name)
    require_length(source.text, name, limits)
    return source


def _short_reason(exc: BaseException) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return reason if len(reason) <= 120 else reason[:117] + "..."
