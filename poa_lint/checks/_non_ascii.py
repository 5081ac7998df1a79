"""Where a character-level scan can start: at a non-ASCII character.

POA802 (decorative symbols) and POA702 (text in another script) look for characters that
plain English text never contains, so both jump between non-ASCII characters with this one
pattern and cost nothing on the plain English bulk of a letter.
"""

from __future__ import annotations

import re

NON_ASCII = re.compile(r"[^\x00-\x7F]")
