"""--jobs: worker processes give the same output, in the same order, as one process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from poa_lint import parallel
from poa_lint.cli import main
from poa_lint.config import Config
from poa_lint.errors import InputError
from poa_lint.models import Report
from poa_lint.outcomes import OrderedRun
from poa_lint.parallel import BATCH, MIN_PARALLEL, plan_chunks
from poa_lint.texts import Template

from .conftest import CORPUS


def _letters(target: Path, count: int) -> Path:
    letters = sorted(
        p for p in CORPUS.glob("*.txt") if not p.name.endswith((".notice.txt", ".docx.txt"))
    )
    assert len(letters) >= count
    for i, p in enumerate(letters[:count]):
        folder = target / ("a" if i % 3 else "b")  # two folders: discovery order is by walk
        folder.mkdir(parents=True, exist_ok=True)
        (folder / p.name).write_bytes(p.read_bytes())
    return target


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_jobs_2_output_is_identical_to_jobs_1(tmp_path: Path) -> None:
    folder = _letters(tmp_path / "letters", 20)
    assert MIN_PARALLEL <= 20  # big enough to really start workers
    (folder / "a" / "empty.txt").write_text("", encoding="utf-8")  # an error in the middle
    common = ("check", str(folder), "--no-cache", "-f", "json", "--reason", "odr")
    code1, one = _run(*common, "--jobs", "1")
    code2, two = _run(*common, "--jobs", "2")
    assert (code1, one) == (code2, two)
    assert one.count('"path"') >= 20


def test_plan_chunks() -> None:
    assert plan_chunks(0, 2) == []
    assert plan_chunks(10, 1) == [(0, 10)]
    assert plan_chunks(130, 1) == [(0, BATCH), (BATCH, 2 * BATCH), (2 * BATCH, 130)]
    chunks = plan_chunks(200, 2)
    assert chunks[0] == (0, 25) and chunks[-1][1] == 200 and len(chunks) == 8
    for n, workers in [(1, 4), (17, 2), (1000, 2), (999, 3)]:
        chunks = plan_chunks(n, workers)
        assert [a for a, _ in chunks[1:]] == [b for _, b in chunks[:-1]]
        assert chunks[0][0] == 0 and chunks[-1][1] == n
        assert all(0 < b - a <= BATCH for a, b in chunks)


def _english(message: str | Template) -> str:
    return message if isinstance(message, str) else message.english()


class _Job:
    def __init__(self, path: str) -> None:
        self.source = type("S", (), {"path": path})()
        self.config = Config()


def test_ordered_run_keeps_discovery_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached reports and errors recorded between jobs wait for the jobs before them."""

    def fake_chunks(
        jobs: Sequence[Any], **_: Any
    ) -> Iterator[tuple[int, int, list[Report] | Template]]:
        yield 0, 2, [Report(path=jobs[0].source.path), Report(path=jobs[1].source.path)]
        yield 2, 3, InputError(jobs[2].source.path, "no usable model").template

    monkeypatch.setattr(parallel, "lint_chunks", fake_chunks)
    seen: list[str] = []
    run = OrderedRun(
        lambda report, _config: seen.append(f"report {report.path}"),
        lambda path, message: seen.append(f"error {path}: {_english(message)}"),
    )
    run.error("missing.txt", "does not exist")
    run.job(_Job("j1"))  # type: ignore[arg-type]
    run.cached(Report(path="c1"), Config())
    run.job(_Job("j2"))  # type: ignore[arg-type]
    run.error("e1", "unreadable")
    run.job(_Job("j3"))  # type: ignore[arg-type]
    run.cached(Report(path="c2"), Config())
    assert seen == ["error missing.txt: does not exist"]  # streamed up to the first job
    run.run(reason=None, notice=None, workers=2)
    assert seen == [
        "error missing.txt: does not exist",
        "report j1",
        "report c1",
        "report j2",
        "error e1: unreadable",
        "error j3: no usable model",
        "report c2",
    ]
