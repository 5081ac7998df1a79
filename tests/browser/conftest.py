"""Headless Chromium for the end-to-end tests: the system's browser (Debian's ``chromium``)
driven by Playwright's Python client. No browser is ever downloaded (``playwright install``
is never run).

Without a Chromium (or without Playwright) the tests are skipped on a developer's machine,
but fail in CI (``CI`` set): ``.ci/run`` installs the browser, and a CI that cannot is
broken, not green.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Flags for a root user in a container, and no connection attempts of Chromium's own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


def chromium() -> str | None:
    """The system's Chromium: ``POA_LINT_CHROMIUM``, else the usual names."""
    wanted = os.environ.get("POA_LINT_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(
            f"{reason}. The browser tests must run in CI: .ci/run installs Chromium with "
            "`apt-get install -y chromium fonts-noto-cjk` and Playwright with the dev extra.",
            pytrace=False,
        )
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright's Python client is not installed (pip install -e '.[dev]')")
    executable = chromium()
    if executable is None:
        unavailable("No Chromium found (apt-get install chromium, or set POA_LINT_CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``poa-lint serve`` on a free port of 127.0.0.1, as a user would start it."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from poa_lint.cli import main; main()", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    url = None
    for line in process.stdout:  # the first line says where the page is
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            url = found.group(0)
            break
    if url is None:
        process.kill()
        _, errors = process.communicate(timeout=10)
        pytest.fail(f"poa-lint serve did not start: {errors}", pytrace=False)
    yield url
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    """Where a test saves its screenshots (the test's temporary folder)."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


class Watched:
    """A page with every request it made and every script error it raised."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))


@pytest.fixture()
def watched(browser: Any, server: str) -> Iterator[Watched]:
    """A fresh English page; afterwards, no request may have left this computer and no
    script may have failed."""
    context = browser.new_context(locale="en-US", viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    seen = Watched(page)
    yield seen
    context.close()
    assert seen.errors == []
    outside = [u for u in seen.requests if not u.startswith((server, "data:", "blob:"))]
    assert outside == []
