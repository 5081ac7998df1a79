"""The warm path (issue 14): a Linter prepares once and gives the reports lint() gives."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import poa_lint.batch
from poa_lint import ConfigError, Linter, lint, lint_many

from .conftest import CORPUS
from .reliability.support import sample_letters

THREADS = 8


def _corpus_texts() -> list[str]:
    return [
        p.read_text(encoding="utf-8")
        for p in sorted(CORPUS.glob("*.txt"))
        if not p.name.endswith(".notice.txt")
    ]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_the_linter_gives_what_lint_gives(linter: Linter) -> None:
    texts = _corpus_texts()
    expected = [lint(t).model_dump_json() for t in texts]
    assert [linter.lint(t).model_dump_json() for t in texts] == expected
    assert [r.model_dump_json() for r in linter.lint_many(texts)] == expected
    notice = "Your account was deactivated for a late shipment rate of 9% (target under 4%)."
    assert linter.lint(texts[0], notice=notice, reason="late_shipment") == lint(
        texts[0], notice=notice, reason="late_shipment"
    )


def test_eight_threads_give_the_reports_of_one(linter: Linter) -> None:
    letters = sample_letters(16) + _corpus_texts()[:16]
    expected = [linter.lint(text).model_dump_json() for text in letters]
    assert len(set(expected)) > 1  # the letters really differ in what they get
    work = letters * 2
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        got = list(pool.map(lambda text: linter.lint(text).model_dump_json(), work))
        batches = list(pool.map(linter.lint_many, [letters[:8], letters[8:16]] * 4))
    assert got == expected * 2
    assert [[r.model_dump_json() for r in b] for b in batches] == [
        expected[:8],
        expected[8:16],
    ] * 4


def test_rules_are_prepared_once_not_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = poa_lint.batch.prepare_rules

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(poa_lint.batch, "prepare_rules", counting)
    warm = Linter({"select": ["POA3", "POA701"]})
    assert len(calls) == 1
    for text in sample_letters(4):
        warm.lint(text)
    warm.lint_many(sample_letters(4))
    assert len(calls) == 1
    assert {f.code[:4] for r in warm.lint_many(sample_letters(4)) for f in r.findings} <= {
        "POA3",
        "POA7",
    }


def test_per_file_ignores_follow_the_path() -> None:
    warm = Linter({"per-file-ignores": {"drafts/*": ["POA701"]}})
    text = "Dear team, [Your Name]"
    assert "POA701" in warm.lint(text, path="final/a.txt").codes()
    assert "POA701" not in warm.lint(text, path="drafts/a.txt").codes()


def test_lint_many_and_bad_settings() -> None:
    assert lint_many([]) == []
    reports = lint_many(["Dear team, [Your Name]"], config={"select": ["POA701"]})
    assert reports[0].codes() == ["POA701"]
    with pytest.raises(ConfigError):
        Linter({"select": ["POA999"]})
    with pytest.raises(ConfigError):
        Linter({"max-file-size": "big"})
