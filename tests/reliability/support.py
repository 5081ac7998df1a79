"""Helpers shared by the reliability tests: running the CLI (in this process, or in a fresh one
with its peak memory measured), sample letters, positions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from poa_lint.cli import main


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str, input: str | bytes | None = None) -> CliResult:
    """``poa-lint check ARGS`` in this process (click's CliRunner), stdout/stderr apart."""
    result = CliRunner().invoke(main, ["check", *args], input=input)
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return CliResult(result.exit_code, result.stdout, result.stderr, exception)


_OPENINGS = (
    "Dear Seller Performance Team,",
    "Dear Amazon Seller Performance,",
    "Hello Seller Performance Team,",
    "To whom it may concern,",
)
_CAUSES = (
    "Our warehouse packed glass items in thin envelopes, so 14 orders arrived broken.",
    "The buyer lied about the item and Amazon unfairly suspended us.",
    "We did not update our inventory feed, so we sold 30 units we did not have.",
    "Our carrier missed the pickup on 2 May and [ORDER ID] shipped four days late.",
)
_ACTIONS = (
    "- We refunded all 14 buyers on 3 May 2024.\n- We replaced every broken item.",
    "We will try to do better and hopefully this will not happen again.",
    "- On 4 May we cancelled the 30 orders and refunded the buyers within 24 hours.",
    "- We moved to a second carrier with daily pickups from 6 May.",
)
_PREVENTIONS = (
    "- Every glass item now ships in a double-walled box, checked daily by our lead.",
    "- Our inventory feed now syncs every 15 minutes and an alert fires on any failure.",
    "We promise it will never happen again!!!",
    "- A second person checks every parcel before pickup, every day, from 6 May.",
)


def sample_letters(count: int = 16) -> list[str]:
    """``count`` different letters: good ones, angry ones, thin ones, with CRLF and emoji."""
    letters = []
    for i in range(count):
        text = (
            f"{_OPENINGS[i % 4]}\n\n"
            f"Root cause\n{_CAUSES[i % 4]}\n\n"
            f"Corrective actions\n{_ACTIONS[(i // 4) % 4]}\n\n"
            f"Preventive measures\n{_PREVENTIONS[(i + i // 4) % 4]}\n\n"
            f"Sincerely,\nSeller {i}\n"
        )
        if i % 5 == 1:
            text = text.replace("\n", "\r\n")
        if i % 7 == 3:
            text = text.replace("Sincerely,", "Sincerely 🙏,")
        letters.append(text)
    assert len(set(letters)) == count
    return letters


_BREAK = re.compile(r"\r\n|\r|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, computed independently of poa-lint: the line is one more
    than the number of line breaks (``\\r\\n``, ``\\r``, ``\\n``) that end at or before
    ``offset``; the column counts from the end of the last of them."""
    line, line_start = 1, 0
    for match in _BREAK.finditer(text, 0, len(text)):
        if match.end() > offset:
            break
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def assert_positions(text: str, findings: Any) -> None:
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert (finding.line, finding.column) == expected_position(text, finding.start), finding
        assert (finding.end_line, finding.end_column) == expected_position(text, finding.end), (
            finding
        )


@dataclass(frozen=True)
class Measured:
    code: int
    stdout: str
    stderr: str
    peak_mb: float
    """The peak resident memory of the poa-lint process (``wait4``'s ``ru_maxrss``)."""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_measured(*args: str, cwd: Path, timeout: float = 300) -> Measured:
    """``poa-lint check ARGS`` in a fresh process; its exit code, output and peak memory.

    The peak comes from ``os.wait4`` on that very process, so nothing else the test run
    started counts. ``timeout`` only guards against a hang (the process is killed and the
    test fails); no test asserts on seconds.
    """
    code = "import sys; from poa_lint.cli import main; main(sys.argv[1:])"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-c", code, "check", *args], stdout=out, stderr=err, cwd=cwd
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8")
    if process.returncode < 0:
        raise AssertionError(f"poa-lint was killed after {timeout:.0f} s (a hang?)\n{stderr}")
    return Measured(process.returncode, stdout, stderr, usage.ru_maxrss / 1024)
