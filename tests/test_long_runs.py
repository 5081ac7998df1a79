"""Issue 12, point 6: long runs. A progress bar only for a person at a terminal,
``--statistics``, ``NO_COLOR``/``FORCE_COLOR``, and a default ``--jobs`` that does not make
small runs slower than one process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from poa_lint import parallel, terminal
from poa_lint.cli import main
from poa_lint.parallel import CROSSOVER, choose_workers
from poa_lint.terminal import PROGRESS_MIN, Progress, show_progress, use_color

from .conftest import CORPUS

TTY_ENV = {"TERM": "xterm-256color"}
# For click's CliRunner, which adds to the real environment: a person's terminal, with the
# CI markers of the machine running the tests taken away (None unsets a variable).
TTY_RUN_ENV = {**TTY_ENV, "CI": None, "GITHUB_ACTIONS": None, "PRE_COMMIT": None}


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args], env=env)
    return result.exit_code, result.output


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "letters"
    target.mkdir()
    for name in (
        "odr-01-good-headings.txt",
        "odr-03-blames-buyer.txt",
        "late_shipment-02-vague.txt",
    ):
        (target / name).write_bytes((CORPUS / name).read_bytes())
    return target


# --- progress bar ----------------------------------------------------------------------------


def test_progress_only_for_a_person_watching_a_long_run() -> None:
    tty, pipe = FakeTerminal(), io.StringIO()
    common = {"quiet": False, "output_path": None}
    assert show_progress(PROGRESS_MIN, stdout=tty, stderr=tty, environ=TTY_ENV, **common)
    assert not show_progress(PROGRESS_MIN - 1, stdout=tty, stderr=tty, environ=TTY_ENV, **common)
    # Piped output, or stderr not a terminal: no bar.
    assert not show_progress(100, stdout=pipe, stderr=tty, environ=TTY_ENV, **common)
    assert not show_progress(100, stdout=tty, stderr=pipe, environ=TTY_ENV, **common)
    # Writing to --output from a terminal: the bar shows.
    assert show_progress(
        100, stdout=pipe, stderr=tty, environ=TTY_ENV, quiet=False, output_path="out.json"
    )
    # --quiet, CI, GitHub Actions, pre-commit, a dumb terminal: no bar.
    assert not show_progress(
        100, stdout=tty, stderr=tty, environ=TTY_ENV, quiet=True, output_path=None
    )
    for env in ({"CI": "true"}, {"GITHUB_ACTIONS": "true"}, {"PRE_COMMIT": "1"}, {"TERM": "dumb"}):
        assert not show_progress(100, stdout=tty, stderr=tty, environ=env, **common), env
    assert show_progress(100, stdout=tty, stderr=tty, environ={"CI": "0"}, **common)


def test_progress_bar_draws_on_stderr_and_clears_itself() -> None:
    stream = FakeTerminal()
    bar = Progress(40, stream)
    bar.advance(16)
    bar.clear()
    bar.advance(24)
    bar.close()
    drawn = stream.getvalue()
    assert "Checking 40 letters" in drawn and "16/40" in drawn and "40/40" in drawn
    assert drawn.endswith("\r\033[K\033[?25h")  # nothing left on the line; cursor shown


def test_the_bar_stays_out_of_the_report(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the threshold lowered, a run draws the bar on stderr; stdout is the same."""
    import click._termui_impl

    monkeypatch.setattr(terminal, "PROGRESS_MIN", 1)
    monkeypatch.setattr(terminal, "_isatty", lambda stream: True)
    monkeypatch.setattr(click._termui_impl, "isatty", lambda stream: True)  # click's own test
    result = CliRunner().invoke(main, ["check", str(folder), "--no-cache"], env=TTY_RUN_ENV)
    plain = CliRunner().invoke(main, ["check", str(folder), "--no-cache"], env={"CI": "true"})
    assert "Checking 3 letters" in result.stderr and "3/3" in result.stderr
    assert result.stdout == plain.stdout and plain.stderr == ""


# --- statistics ------------------------------------------------------------------------------


def test_statistics_count_findings_per_rule(folder: Path, tmp_path: Path) -> None:
    code, listed = run(str(folder), "--no-cache", "-f", "json")
    counts: dict[str, int] = {}
    for entry in json.loads(listed)["files"]:
        for finding in entry["findings"]:
            counts[finding["code"]] = counts.get(finding["code"], 0) + 1
    stats_code, text = run(str(folder), "--no-cache", "--statistics")
    assert stats_code == code
    rows = [line.split() for line in text.splitlines()[:-1]]
    assert {row[1]: int(row[0]) for row in rows} == counts
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert text.splitlines()[-1].startswith("Found ")
    _, as_json = run(str(folder), "--no-cache", "--statistics", "-f", "json")
    assert {r["code"]: r["count"] for r in json.loads(as_json)["rules"]} == counts
    # A cached run gives the same table (stored reports give it too).
    cache = ("--cache-dir", str(tmp_path / "cache"))
    first = run(str(folder), *cache, "--statistics")
    assert first == run(str(folder), *cache, "--statistics") == (stats_code, text)


# --- colour ------------------------------------------------------------------------------------


def test_no_color_and_force_color() -> None:
    tty, pipe = FakeTerminal(), io.StringIO()

    def colour(option: bool | None, stdout: io.StringIO, env: dict[str, str], **kw: str) -> bool:
        return use_color(
            option,
            output_format=kw.get("fmt", "text"),
            output_path=kw.get("out"),
            stdout=stdout,
            environ=env,
        )

    assert colour(None, tty, {}) and not colour(None, pipe, {})
    assert not colour(None, tty, {"NO_COLOR": "1"})
    assert colour(None, pipe, {"FORCE_COLOR": "1"})
    assert not colour(None, pipe, {"FORCE_COLOR": "0"})
    assert not colour(None, tty, {"NO_COLOR": "1", "FORCE_COLOR": "1"})  # NO_COLOR wins
    assert colour(True, pipe, {"NO_COLOR": "1"})  # the flag wins over both
    assert not colour(False, tty, {"FORCE_COLOR": "1"})
    assert not colour(None, pipe, {"FORCE_COLOR": "1"}, fmt="json")
    assert not colour(None, pipe, {"FORCE_COLOR": "1"}, out="report.txt")


def test_force_color_reaches_the_output(folder: Path) -> None:
    _, forced = run(str(folder), "--no-cache", env={"FORCE_COLOR": "1"})
    _, plain = run(str(folder), "--no-cache", env={"FORCE_COLOR": "", "NO_COLOR": "1"})
    assert "\033[" in forced and "\033[" not in plain


# --- default --jobs ------------------------------------------------------------------------


def test_default_jobs_keep_small_runs_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert choose_workers(None, CROSSOVER - 1) == 1
    assert choose_workers(None, 46) == 1  # the run: 46 letters, two cores
    assert choose_workers(None, CROSSOVER) == 2
    assert choose_workers(3, 5) == 3  # --jobs is obeyed


def test_default_jobs_leave_busy_cpus_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (1.4, 1.0, 1.0))
    assert choose_workers(None, 500) == 1  # one CPU busy elsewhere: a second worker only shares
    monkeypatch.setattr(parallel, "default_jobs", lambda: 8)
    assert choose_workers(None, 500) == 7
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (20.0, 20.0, 20.0))
    assert choose_workers(None, 500) == 1
    assert choose_workers(4, 500) == 4
