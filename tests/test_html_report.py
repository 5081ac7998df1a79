"""--format html: a self-contained report, from the templates the web page uses (issue 13,
part 2). That Chromium opens it without a single request is checked in tests/browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from poa_lint.cli import main

from .conftest import CORPUS, TWO_CAUSES

BAD = (
    "Dear team,\n<script>alert('x')</script> The buyer lied to get a refund.\n"
    "We refunded order [ORDER ID].\nSincerely, [Your Name]\n"
)


class _Tags(HTMLParser):
    """Every tag with its attributes, and the text of <style> and <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.inline.append(data)


def html_report(tmp_path: Path, *args: str, letters: dict[str, str] | None = None) -> str:
    for name, text in (letters or {"bad.txt": BAD}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["check", str(tmp_path), "-f", "html", "-o", str(out), "--no-cache", *args]
    )
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8")


def test_self_contained(tmp_path: Path) -> None:
    """No stylesheet, script, image or font from anywhere: everything is inline."""
    html = html_report(tmp_path)
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert "src" not in attrs, (tag, attrs)
        if tag == "link":
            assert attrs.get("rel") == "icon" and attrs.get("href") == "data:,", attrs
        href = attrs.get("href")
        if tag == "a" and href and not href.startswith("#"):
            # links to the rule docs load nothing until clicked
            assert href.startswith("https://github.com/poa-lint/") and "rule-link" in (
                attrs.get("class") or ""
            )
    inline = "\n".join(parser.inline)
    assert "@import" not in inline and not re.search(r"url\((?!data:)", inline)
    assert "fetch(" not in inline and "XMLHttpRequest" not in inline
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html


def test_summary_table_then_each_letter(tmp_path: Path) -> None:
    html = html_report(tmp_path, letters={"bad.txt": BAD, "two.txt": TWO_CAUSES})
    summary = html.split('<table class="summary">', 1)[1].split("</table>", 1)[0]
    assert summary.count('<tr class="verdict-') == 2
    assert f"{tmp_path / 'bad.txt'}" in summary and "will be rejected" in summary
    assert html.count('<section class="result"') == 2


def test_findings_are_highlighted_in_place_with_their_codes(tmp_path: Path) -> None:
    html = html_report(tmp_path)
    assert re.search(
        r'<mark class="hl sev-error"[^>]*data-codes="POA701"[^>]*>\[ORDER ID\]</mark>', html
    )
    assert re.search(r'data-codes="POA201"[^>]*>buyer lied</mark><a class="badge sev-error"', html)
    assert 'href="#l1-f' in html and 'id="l1-f1"' in html


def test_the_letter_is_escaped(tmp_path: Path) -> None:
    html = html_report(tmp_path)
    assert "<script>alert" not in html
    assert "&lt;/script&gt;" in html


def test_the_coverage_matrix_shows_an_unanswered_cause(tmp_path: Path) -> None:
    html = html_report(tmp_path, letters={"two.txt": TWO_CAUSES})
    matrix = html.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]
    assert "wrong plug type" in matrix
    assert 'class="unanswered"' in matrix
    assert "nothing in the letter answers this cause" in matrix


def test_the_parts_found_are_marked_in_the_margin(tmp_path: Path) -> None:
    html = html_report(tmp_path, letters={"two.txt": TWO_CAUSES})
    for kind, word in (
        ("root_cause", "Root cause"),
        ("corrective", "Corrective actions"),
        ("preventive", "Preventive measures"),
    ):
        assert f'<span class="part-label part-{kind}" lang="en">{word}</span>' in html
        assert f'class="line in-{kind}"' in html


def test_chinese(tmp_path: Path) -> None:
    html = html_report(tmp_path, "--lang", "zh")
    assert '<html lang="zh-CN">' in html
    assert "会被拒绝" in html and "指责买家" in html and "已检查的信件" in html
    assert '<div class="letter" lang="en"' in html  # the letter itself stays English
    assert ">buyer lied</mark>" in html


def test_unreadable_files_are_listed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "empty.txt"), "-f", "html", "-o", str(out)]
    )
    assert result.exit_code == 2
    html = out.read_text(encoding="utf-8")
    assert '<tr class="unreadable">' in html and "is empty; nothing to check" in html


def test_a_cached_letter_is_shown_too(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    cache = str(tmp_path / "cache")
    outputs = []
    for _ in range(2):
        out = tmp_path / "report.html"
        CliRunner().invoke(
            main,
            [
                "check",
                str(tmp_path / "bad.txt"),
                "-f",
                "html",
                "-o",
                str(out),
                "--cache-dir",
                cache,
            ],
        )
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and ">[ORDER ID]</mark>" in outputs[1]


def test_a_docx_letter_names_its_paragraphs(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    CliRunner().invoke(
        main,
        [
            "check",
            str(CORPUS / "safety-01-docx-hand-warmer.docx"),
            "-f",
            "html",
            "-o",
            str(out),
            "--no-cache",
        ],
    )
    html = out.read_text(encoding="utf-8")
    assert 'class="letter"' in html and re.search(r"paragraph \d+ in Word", html)


def test_stdin() -> None:
    result = CliRunner().invoke(main, ["check", "-", "-f", "html", "--no-cache"], input=BAD)
    assert result.exit_code == 1
    assert ">[Your Name]</mark>" in result.output and "&lt;stdin&gt;" in result.output
