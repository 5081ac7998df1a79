"""Golden tests: every annotated letter in corpus/ gets exactly its expected findings.

The holdout letters (corpus/holdout/) are measured by bench/accuracy.py, not asserted here:
they exist to tell us how the rules do on letters we did not tune on.
"""

from __future__ import annotations

import pytest

from poa_lint import lint_file
from poa_lint.catalog import load_catalog
from poa_lint.evaluation import compare, load_corpus, measuring_config, validate_corpus

from .conftest import CORPUS

LETTERS = load_corpus(CORPUS)
CODES = [r.code for r in load_catalog().rules]


def test_corpus_is_not_empty() -> None:
    assert len(LETTERS) >= 40
    reasons = {letter.expected.reason for letter in LETTERS}
    assert len(reasons) >= 10


FOLDERS = [
    "",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
]


@pytest.mark.parametrize("folder", FOLDERS)
def test_annotations_are_consistent(folder: str) -> None:
    """Expected files match their letters (lines, texts, notices), in every corpus folder."""
    path = CORPUS / folder
    if not path.is_dir():
        pytest.skip(f"corpus/{folder} does not exist")
    assert validate_corpus(path) == []


@pytest.mark.parametrize("letter", LETTERS, ids=[letter.path.name for letter in LETTERS])
def test_letter_gets_expected_findings(letter) -> None:  # type: ignore[no-untyped-def]
    notice = letter.notice_path.read_text(encoding="utf-8") if letter.notice_path else None
    config = measuring_config()  # the opt-in rules too: the corpus annotates every rule
    report = lint_file(letter.path, reason=letter.expected.reason, notice=notice, config=config)
    result = compare(letter.expected.findings, report.findings, CODES)
    missed = [f"{e.code}:{e.line} {e.text or ''}" for e in result.missed]
    unexpected = [f"{f.code}:{f.line} {f.excerpt[:60]}" for f in result.unexpected]
    assert result.exact, f"missed {missed}; unexpected {unexpected}"
