"""Every reliability test runs in its own empty working folder.

poa-lint may write a result cache in the current folder; running from a fresh folder keeps
the repository clean and keeps the letter folders the tests build free of anything but the
letters, so "nothing was written next to the letters" can be asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _fresh_working_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    cwd = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(cwd)
    return cwd
