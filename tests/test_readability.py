"""POA404's formulas give the floats textstat gives (textstat is a development dependency
only: importing it pulls in NLTK, about 0.13 s of every cold start)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import textstat

from poa_lint.checks.conciseness import _formula_text, _is_prose, _sentences
from poa_lint.readability import automated_readability_index, coleman_liau_index

from .conftest import CORPUS

AWKWARD = [
    "",
    " ",
    "...",
    "Hi.",
    "We don't, won't and can't. 'Quoted' words' ends. Rock 'n' roll.",
    "One two. Three four five six. Seven!! Eight?? Nine... ten",
    "Ünïcödé wörds, naïve café — “quotes” and ‘single’ ones; e.g. a.m. U.S.",
    "Numbers 1,234.56 and 50% and $1.2 million; 3/5/24 at 5 p.m.",
    "item. item. item. item item item item item item item item item.",
    "a\tb\nc\r\nd.  e   f  g.",
]


def _texts(nlp: object) -> list[str]:
    from poa_lint.letter import build_letters
    from poa_lint.readers import read_path

    letters = sorted(p for p in CORPUS.rglob("*.txt") if not p.name.endswith(".notice.txt"))
    built = build_letters([read_path(p) for p in letters], nlp)  # type: ignore[arg-type]
    prose = [_formula_text([s for s in _sentences(x) if _is_prose(s)]) for x in built]
    return [*prose, *(p.read_text(encoding="utf-8") for p in letters), *AWKWARD]


def test_the_same_floats_as_textstat(nlp: object) -> None:
    for text in _texts(nlp):
        assert coleman_liau_index(text) == textstat.coleman_liau_index(text), text[:60]
        assert automated_readability_index(text) == textstat.automated_readability_index(
            text
        ), text[:60]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_strings(text: str) -> None:
    assert coleman_liau_index(text) == textstat.coleman_liau_index(text)
    assert automated_readability_index(text) == textstat.automated_readability_index(text)


def test_checking_a_letter_imports_neither_textstat_nor_nltk() -> None:
    code = (
        "import sys\n"
        "from poa_lint import lint\n"
        f"lint(open({str(CORPUS / 'odr-04-long-no-metric.txt')!r}, encoding='utf-8').read())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textstat', 'nltk')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
