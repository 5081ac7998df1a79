"""Shared fixtures. Rules that use tags and parses are tested with the real English model."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from poa_lint.nlp import load_pipeline

    return load_pipeline()
