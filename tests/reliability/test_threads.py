"""Issue 5, item 6: ``lint()`` from 8 threads at once gives the same results as calling it
sequentially (16 different letters, each checked twice, so every thread overlaps others)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from poa_lint import lint

from .support import sample_letters

THREADS = 8


def test_lint_from_eight_threads_matches_sequential() -> None:
    letters = sample_letters(16)
    expected = [lint(text).model_dump_json() for text in letters]
    assert len(set(expected)) > 1  # the letters really differ in what they get
    work = letters * 2
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        got = list(pool.map(lambda text: lint(text).model_dump_json(), work))
    assert got == expected * 2


def test_lint_with_reason_and_notice_from_threads() -> None:
    """The shared pieces (pipeline, matcher, taxonomy) also hold up with options set."""
    letters = sample_letters(16)
    notice = "Your account was deactivated for a late shipment rate of 9% (target under 4%)."
    expected = [lint(t, notice=notice).model_dump_json() for t in letters]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        got = list(pool.map(lambda t: lint(t, notice=notice).model_dump_json(), letters))
    assert got == expected
