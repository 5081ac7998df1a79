"""Decoding a letter's bytes: what it says, and which encoding that assumed.

Sellers draft in Word and "Save as text" on Windows, which writes Windows-1252 (Western
Europe and America), UTF-16 (the "Unicode" choice, with or without a byte-order mark),
GB18030 or Big5 (Chinese Windows) and others; many paste from e-mail. Refusing everything
that is not UTF-8 turned those letters away, and hand-written guessing did not scale past
one or two encodings. So:

1. A byte-order mark is trusted (UTF-8, UTF-16, UTF-32).
2. Known binary formats (PDF, images, zip, old .doc) are recognised by their first bytes
   and refused with a message that says what the file is.
3. NUL bytes mean UTF-16 without a mark when every other byte is NUL (ASCII letters in
   UTF-16), else a binary file.
4. Strict UTF-8, by far the most common, is taken as is.
5. Anything else is measured by ``charset-normalizer``, which scores each candidate
   encoding by how much the decoded text looks like language (and not like noise). Between
   single-byte Western code pages that read the bytes equally well, Windows-1252 is chosen,
   since that is what Word writes for an English letter.
6. What still decodes to noise (control characters where text would be) is refused: it
   is truly not text.

Nothing is decoded with ``errors="replace"``: silently mangled text would give confusing
findings. ``--debug`` prints the encoding used for each letter.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..errors import InputError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: the UTF-32-LE BOM begins with the UTF-16-LE BOM.
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"%PDF",
        "is a PDF file, not text; copy the letter's text into a .txt file or save it as .docx",
    ),
    (
        b"\x89PNG",
        "is a PNG image, not text; type or paste the letter's text into a .txt file",
    ),
    (
        b"\xff\xd8\xff",
        "is a JPEG image, not text; type or paste the letter's text into a .txt file",
    ),
    (b"GIF87a", "is a GIF image, not text; type or paste the letter's text into a .txt file"),
    (b"GIF89a", "is a GIF image, not text; type or paste the letter's text into a .txt file"),
    (
        ZIP_MAGIC,
        "is a zip/Office file, not plain text; rename it to .docx if it is a Word document",
    ),
    (
        OLE_MAGIC,
        "is an old Word .doc or encrypted Office file; save it as .docx or .txt",
    ),
)

BINARY = "is a binary file, not text; save the letter as .txt (UTF-8) or .docx"
NOT_TEXT = (
    "is not text in any encoding poa-lint recognises (it reads as noise); "
    "save the letter as .txt (UTF-8) or .docx"
)

# Encodings charset-normalizer may propose that no letter is written in: UTF-16/32 without a
# mark are recognised by their NUL bytes above (a short text otherwise "decodes" as UTF-16
# into nonsense), and EBCDIC code pages belong to mainframes.
_NEVER = [
    "utf_16",
    "utf_16_be",
    "utf_16_le",
    "utf_32",
    "utf_32_be",
    "utf_32_le",
    "utf_7",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
]
WESTERN = "cp1252"
"""The code page Word writes for an English letter on Windows."""
_NOISE_SHARE = 0.01
"""Text whose control characters exceed this share of its characters is noise, not text."""
_NOISE_MIN = 3


@dataclass(frozen=True)
class Decoded:
    """A letter's text and the encoding it was read with (Python's codec name)."""

    text: str
    encoding: str
    detected: bool = False
    """True when the encoding was inferred from the bytes (no mark, not UTF-8)."""

    @property
    def label(self) -> str:
        """'utf-8', 'cp1252 (detected)': how ``--debug`` names it."""
        return f"{self.encoding} (detected)" if self.detected else self.encoding


def sniff_binary(data: bytes) -> str | None:
    """Problem text for a known binary format, or None. Checked before any decoding."""
    for magic, problem in _BINARY_MAGIC:
        if data.startswith(magic):
            return problem
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs fill every other byte (ASCII text in UTF-16)."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= 0.3 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.3 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def _is_noise(text: str) -> bool:
    """Control characters (other than tabs, line and page breaks) where text would be."""
    controls = sum(
        1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs")
    )
    return controls >= _NOISE_MIN and controls > _NOISE_SHARE * len(text)


def decode(data: bytes, *, path: str | None) -> Decoded:
    """Decode a letter's bytes, or raise :class:`InputError` saying why they are not text."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(bad data at offset {exc.start}); save the file as UTF-8",
                ) from exc
    problem = sniff_binary(data)
    if problem is not None:
        raise InputError(path, problem)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(path, BINARY)
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(path, BINARY) from exc
        if _is_noise(text):
            raise InputError(path, BINARY)
        return Decoded(text, utf16, detected=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def decode_bytes(data: bytes, *, path: str | None) -> str:
    """Decode a letter's bytes to text, or raise :class:`InputError` saying why not (see
    :func:`decode`)."""
    return decode(data, path=path).text


def _detect(data: bytes, path: str | None) -> Decoded:
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    best = from_bytes(data, cp_exclusion=_NEVER).best()
    western = from_bytes(data, cp_isolation=[WESTERN]).best()
    if western is not None and (
        best is None or (not is_multi_byte_encoding(best.encoding) and western.chaos <= best.chaos)
    ):
        best = western
    if best is None:
        raise InputError(path, NOT_TEXT)
    text = str(best)
    if _is_noise(text):
        raise InputError(path, NOT_TEXT)
    return Decoded(text, best.encoding.replace("_", "-"), detected=True)


__all__ = ["BINARY", "NOT_TEXT", "OLE_MAGIC", "ZIP_MAGIC", "Decoded", "decode", "sniff_binary"]
