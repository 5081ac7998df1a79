"""Import textstat without executing NLTK, which it imports for formulas poa-lint never uses.

POA404 scores a letter with two of textstat's character-based formulas (Coleman-Liau and
the Automated Readability Index). textstat's package imports NLTK at its top, for the
syllable dictionary of the syllable-based formulas (Flesch-Kincaid and kin): executing NLTK
costs about 0.13 s, a tenth of checking one letter from the command line, for nothing.

So while textstat is imported, ``sys.modules["nltk"]`` holds a stand-in, and it is taken out
again at once: textstat's own module keeps a reference that imports the real NLTK the
moment anything is read from it (only the syllable formulas do), and every other
``import nltk`` in the process gets the real package as usual. (The standard library's
``importlib.util.LazyLoader`` cannot do this on Python 3.11: the import statement itself
reads the module's ``__spec__``, which executes it.)
"""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import Any

_NLTK = "nltk"


class _NltkOnDemand(types.ModuleType):
    """textstat's ``nltk``: the real package, imported when anything is read from it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(_NLTK), name)


@lru_cache(maxsize=1)
def import_textstat() -> types.ModuleType:
    """The textstat module, imported once, with NLTK left to be imported on demand."""
    if _NLTK in sys.modules or "textstat" in sys.modules:
        return importlib.import_module("textstat")
    sys.modules[_NLTK] = _NltkOnDemand(_NLTK)
    try:
        return importlib.import_module("textstat")
    finally:
        if isinstance(sys.modules.get(_NLTK), _NltkOnDemand):
            del sys.modules[_NLTK]
