"""Shared fixtures. Rules that use tags and parses are tested with the real English model."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
#: A letter whose second cause no action answers: the coverage matrix shows a gap (the HTML
#: report and the web page both test it).
TWO_CAUSES = """Dear Seller Performance Team,

Root cause
1. Our packer used a box that was too small for the glass kettles.
2. Our listing showed the wrong plug type for the UK.

Corrective actions
- On 3 May we refunded the 14 buyers who received broken kettles.

Preventive measures
- From 5 May our packer wraps every kettle in two layers of bubble wrap.

Sincerely,
Ana Ferreira
"""


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from poa_lint.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _private_result_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own result cache (poa_lint/cache.py): nothing is written into the
    repository, and a report cached by one test (say, with a monkeypatched check) can never
    answer another. Tests of the default location unset the variable themselves."""
    monkeypatch.setenv("POA_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("poa-lint-cache")))
