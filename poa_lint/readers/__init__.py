"""Readers: turn a .txt, .md or .docx letter (or stdin) into a :class:`SourceText`.

Everything that can go wrong with *input* is decided here, before any NLP runs, so that a
seller who passes a PDF, a password-protected Word file or a 2 GB log gets one clear line
(:class:`InputError`: what is wrong and what to do) instead of a traceback or a hang.

Design choices, and why:

* No spaCy here. Readers must be fast and testable without a language model.
* Offsets are sacred. ``SourceText.text[p.start:p.end]`` is always exactly the paragraph, so
  findings can point at a line and column of the file the seller edits. The plain-text
  reader therefore never normalises the text (no newline or whitespace rewriting).
* Untrusted files are bounded before they are read: sizes come from ``os.stat`` and from the
  zip directory, so a zip bomb is refused without inflating it, and XML with entity
  declarations is refused outright.
* All work is linear in the input size (one pass over lines, anchored regexes with bounded
  repetition), so a 200,000-character line without spaces costs no more than its length.

One module per job, behind this one entry:

* :mod:`.files` reads a path, bytes in memory or stdin, and picks the reader by suffix;
* :mod:`.limits` holds the size caps and the counts they are judged by;
* :mod:`.decode` turns bytes into text (byte-order marks, binary formats, detection);
* :mod:`.plain` maps plain text and markdown into paragraphs, with the line heuristics of
  :mod:`.layout` (list markers, headings, salutation and closing);
* :mod:`.docx_archive` checks a .docx zip and hands it to :mod:`.docx_extract`, which
  reads Word's paragraphs, tables and styles (:mod:`.wordml`) and list numbering
  (:mod:`.numbering`).
"""

from .decode import decode_bytes
from .files import STDIN_NAME, SUPPORTED_SUFFIXES, read_bytes, read_path, read_stdin
from .limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    count_lines,
    count_words,
    size_problem,
    too_long_problem,
)
from .numbering import MAX_LABEL_CHARS, MAX_LIST_LEVEL, MAX_LIST_NUMBER, MAX_MARKER_CHARS
from .plain import parse_plain_text

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_LABEL_CHARS",
    "MAX_LIST_LEVEL",
    "MAX_LIST_NUMBER",
    "MAX_MARKER_CHARS",
    "STDIN_NAME",
    "SUPPORTED_SUFFIXES",
    "ReadLimits",
    "count_lines",
    "count_words",
    "decode_bytes",
    "parse_plain_text",
    "read_bytes",
    "read_path",
    "read_stdin",
    "size_problem",
    "too_long_problem",
]
