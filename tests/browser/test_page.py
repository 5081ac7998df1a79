"""The page in a real browser (issue 13, part 4): headless Chromium against ``poa-lint
serve`` on 127.0.0.1. Each test saves screenshots in its temporary folder; set
``POA_LINT_README_SCREENSHOT=1`` to refresh the README's (docs/images/web-page.png)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture says what is missing (and fails in CI)
    expect = None

from poa_lint.cli import main

from ..conftest import CORPUS, ROOT, TWO_CAUSES
from .conftest import Watched

pytestmark = pytest.mark.browser

LETTER = """Dear Seller Performance Team,

Root cause
The buyer lied to get a refund, and our listing did not state the size clearly.

Corrective actions
On 3 May we refunded order 113-1234567-1234567 and corrected the size chart.

Preventive measures
From 5 May a second packer checks every order against the packing list.

Sincerely,
[Your Name]
"""


def checked(page: Any) -> None:
    """Wait until the result of the latest check is on the page. (Playwright's expect()
    polls from outside the page: the page's Content-Security-Policy forbids eval.)"""
    page.wait_for_selector("#result .result")
    expect(page.locator("#status")).not_to_have_text(re.compile("…$"))


def pasted(page: Any, server: str, text: str = LETTER) -> None:
    """Open the page, paste ``text`` into it and wait for its result."""
    page.goto(server)
    page.fill("#letter", text)
    checked(page)


def test_pasted_letter_shows_the_placeholder_and_the_blame_in_place(
    watched: Watched, server: str, shots: Path
) -> None:
    page = watched.page
    pasted(page, server)
    placeholder = page.locator('mark[data-codes~="POA701"]')
    assert placeholder.inner_text() == "[Your Name]"
    blame = page.locator('mark[data-codes~="POA201"]')
    assert "buyer lied" in blame.inner_text()
    for code in ("POA701", "POA201"):
        badge = page.locator(f'a.badge:text-is("{code}")').first
        assert badge.is_visible()
    assert page.locator(".verdict-status").inner_text() == "will be rejected"
    assert page.locator(".part-label.part-root_cause").inner_text().lower() == "root cause"
    assert "will be rejected" in page.locator("#status").inner_text()
    page.screenshot(path=str(shots / "pasted.png"), full_page=True)


def test_hover_and_keyboard_show_the_message_and_the_suggestion(
    watched: Watched, server: str, shots: Path
) -> None:
    page = watched.page
    pasted(page, server)
    page.hover('mark[data-codes~="POA201"]')
    popover = page.locator(".popover")
    assert "Blames the buyer" in popover.inner_text()
    assert "Suggestion:" in popover.inner_text()
    page.screenshot(path=str(shots / "hover.png"))
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0
    # keyboard: the code badge after a highlight is a link; focusing it shows the popover,
    # Enter goes to the finding's card
    page.mouse.move(0, 0)
    badge = page.locator('a.badge:text-is("POA701")').first
    badge.focus()
    assert page.evaluate("document.activeElement.classList.contains('badge')")
    assert "Unfilled template placeholder" in page.locator(".popover").inner_text()
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert re.fullmatch(r"#l1-f\d+", target)
    assert page.locator(f"{target}.card").is_visible()
    page.screenshot(path=str(shots / "keyboard.png"))


def test_upload_a_docx(watched: Watched, server: str, shots: Path) -> None:
    page = watched.page
    page.goto(server)
    page.set_input_files("#upload", str(CORPUS / "safety-01-docx-hand-warmer.docx"))
    checked(page)
    text = page.input_value("#letter")
    assert text.startswith("Dear") and len(text) > 500
    assert page.locator("#result .verdict-status").inner_text() in (
        "ready",
        "revise",
        "will be rejected",
    )
    assert page.locator(".card .where", has_text="in Word").count() > 0
    page.screenshot(path=str(shots / "docx.png"), full_page=True)


def test_switch_to_chinese_keeps_the_letter(watched: Watched, server: str, shots: Path) -> None:
    page = watched.page
    pasted(page, server)
    page.click('.langs a[data-lang="zh"]')
    page.wait_for_url(re.compile(r"lang=zh"))
    checked(page)
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.input_value("#letter") == LETTER  # the letter came along
    messages = page.locator(".card .message").all_inner_texts()
    assert any(m.startswith("指责买家") for m in messages)
    assert any("未填写的模板占位符 [Your Name]" in m for m in messages)
    assert page.locator(".verdict-status").inner_text() == "会被拒绝"
    assert page.locator("#outline").inner_text() == "从大纲开始"
    assert page.locator('mark[data-codes~="POA201"]').inner_text() == "buyer lied"  # English
    page.screenshot(path=str(shots / "chinese.png"), full_page=True)


def test_the_page_follows_the_browsers_language(browser: Any, server: str, shots: Path) -> None:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(server)
    assert page.locator("#outline").inner_text() == "从大纲开始"
    page.screenshot(path=str(shots / "browser-language.png"))
    context.close()


def test_an_oversized_upload_gets_a_clear_message(
    watched: Watched, server: str, shots: Path, tmp_path: Path
) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(b"We refunded the buyer. " * 300_000)  # 6.9 MB, over the 5 MB limit
    page = watched.page
    pasted(page, server)
    page.set_input_files("#upload", str(big))
    page.wait_for_selector("#status.problem")
    assert page.locator("#status").inner_text() == (
        "The file is larger than 5 MB, too large for a letter: is it the right file?"
    )
    assert page.input_value("#letter") == LETTER  # nothing lost
    assert page.locator("mark.hl").count() > 0  # the last result stays
    page.screenshot(path=str(shots / "oversized.png"))


def test_the_coverage_matrix_shows_an_uncovered_cause(
    watched: Watched, server: str, shots: Path
) -> None:
    page = watched.page
    pasted(page, server, TWO_CAUSES)
    row = page.locator("table.matrix tbody tr", has_text="wrong plug type")
    assert row.locator("td.unanswered").count() >= 1
    assert "nothing in the letter answers this cause" in row.inner_text()
    other = page.locator("table.matrix tbody tr", has_text="too small for the glass kettles")
    assert other.locator("td.unanswered").count() == 0
    page.locator("table.matrix").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "coverage.png"), full_page=True)


def test_start_from_an_outline(watched: Watched, server: str, shots: Path) -> None:
    page = watched.page
    page.goto(server)
    page.select_option("#reason", "odr")
    page.click("#outline")
    checked(page)
    text = page.input_value("#letter")
    assert "\nRoot cause\n" in text and "under 1%" in text
    assert page.locator(".verdict-status").inner_text() == "will be rejected"
    assert page.locator('mark[data-codes~="POA701"]').count() >= 8
    page.screenshot(path=str(shots / "outline.png"), full_page=True)


def test_an_error_keeps_the_text_and_the_last_result(
    watched: Watched, server: str, shots: Path
) -> None:
    page = watched.page
    pasted(page, server)
    page.route(
        "**/api/check*",
        lambda route: route.fulfill(
            status=500,
            content_type="application/json",
            body='{"error": "poa-lint could not check the letter."}',
        ),
    )
    page.type("#letter", " More text.")
    page.wait_for_selector("#status.problem")
    assert page.input_value("#letter") == LETTER + " More text."
    assert page.locator('mark[data-codes~="POA201"]').count() == 1
    page.screenshot(path=str(shots / "error.png"))


def test_copy_and_download_the_report(watched: Watched, server: str, tmp_path: Path) -> None:
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    pasted(page, server)
    page.click("#copy")
    expect(page.locator("#status")).to_contain_text("copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "POA201 [error] Blames the buyer" in copied and "verdict: will be rejected" in copied
    with page.expect_download() as download:
        page.click("#download")
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and ">buyer lied</mark>" in html


def test_the_html_report_opens_without_a_request(browser: Any, tmp_path: Path, shots: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "bad.txt").write_text(LETTER, encoding="utf-8")
    (letters / "two.txt").write_text(TWO_CAUSES, encoding="utf-8")
    report = tmp_path / "report.html"
    CliRunner().invoke(main, ["check", str(letters), "-f", "html", "-o", str(report), "--no-cache"])
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    seen = Watched(page)
    page.goto(report.as_uri())
    page.hover('mark[data-codes~="POA201"]')
    assert "Blames the buyer" in page.locator(".popover").inner_text()  # the inline script
    assert page.locator("table.summary tbody tr").count() == 2
    page.screenshot(path=str(shots / "report.png"), full_page=True)
    context.close()
    assert seen.requests == [report.as_uri()]
    assert seen.errors == []


def test_screenshot_for_the_readme(watched: Watched, server: str, shots: Path) -> None:
    """The README's picture of the page, made here so it shows what the page really does."""
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 1060})
    page.goto(server)
    page.select_option("#reason", "odr")
    page.fill("#letter", (CORPUS / "odr-03-blames-buyer.txt").read_text(encoding="utf-8"))
    checked(page)
    page.evaluate("document.querySelector('#letter').scrollTop = 0")
    page.hover('mark[data-codes~="POA201"]')
    path = shots / "web-page.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    if os.environ.get("POA_LINT_README_SCREENSHOT"):
        target = ROOT / "docs" / "images" / "web-page.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
