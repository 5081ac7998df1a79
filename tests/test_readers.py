"""Tests for poa_lint.readers: decoding, file errors, plain-text structure and .docx extraction.

Every .docx is built here with python-docx (no binaries in the repository). No spaCy needed.
"""

from __future__ import annotations

import io
import os
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from poa_lint.errors import InputError
from poa_lint.readers import (
    SUPPORTED_SUFFIXES,
    ReadLimits,
    decode_bytes,
    parse_plain_text,
    read_path,
    read_stdin,
)
from poa_lint.readers import files as reader_files
from poa_lint.source import Paragraph, SourceText

from .reliability.hostile import rewrite_zip, zip_bomb_docx

# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------


def texts(source: SourceText) -> list[str]:
    return [source.text[p.start : p.end] for p in source.paragraphs]


def kinds(source: SourceText) -> list[tuple[str, str]]:
    return [(p.kind, source.text[p.start : p.end]) for p in source.paragraphs]


def by_text(source: SourceText, text: str) -> Paragraph:
    for p in source.paragraphs:
        if source.text[p.start : p.end] == text:
            return p
    raise AssertionError(f"no paragraph {text!r} in {texts(source)!r}")


def input_error(path: Path | str, call: Callable[[], Any]) -> InputError:
    """Run ``call``, assert it raises InputError naming ``path``, and return the error."""
    with pytest.raises(InputError) as info:
        call()
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    assert "Traceback" not in message
    return info.value


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def simple_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Dear Seller Performance Team,")
    document.add_paragraph("Our packaging was too thin.")
    return docx_bytes(document)


def set_num_pr(paragraph: Any, num_id: int, ilvl: int = 0) -> None:
    """Give a paragraph direct numbering (w:numPr), as Word does for pasted lists."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl_el = OxmlElement("w:ilvl")
    ilvl_el.set(qn("w:val"), str(ilvl))
    num_id_el = OxmlElement("w:numId")
    num_id_el.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl_el)
    num_pr.append(num_id_el)
    ppr.append(num_pr)


# ------------------------------------------------------------------------------------------
# decoding
# ------------------------------------------------------------------------------------------

LETTER = "Dear Seller Performance Team,\nWe refunded every customer.\n"


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".docx")


@pytest.mark.parametrize(
    "data",
    [
        LETTER.encode("utf-8"),
        b"\xef\xbb\xbf" + LETTER.encode("utf-8"),
        b"\xff\xfe" + LETTER.encode("utf-16-le"),
        b"\xfe\xff" + LETTER.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + LETTER.encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + LETTER.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom"],
)
def test_decode_unicode_encodings(data: bytes, tmp_path: Path) -> None:
    assert decode_bytes(data, path="x.txt") == LETTER
    source = read_path(write(tmp_path, "letter.txt", data))
    assert source.text == LETTER  # BOM removed
    assert texts(source) == ["Dear Seller Performance Team,", "We refunded every customer."]


def test_decode_utf8_non_ascii() -> None:
    text = "Café “quoted” — naïve ✓\n"
    assert decode_bytes(text.encode("utf-8"), path=None) == text


def test_decode_gb18030_chinese(tmp_path: Path) -> None:
    text = "尊敬的卖家绩效团队：\n我们的包装太薄了，导致商品破损。\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data, path="cn.txt") == text
    source = read_path(write(tmp_path, "cn.txt", data))
    assert texts(source)[1] == "我们的包装太薄了，导致商品破损。"


def test_windows_1252_is_detected(tmp_path: Path) -> None:
    """Word's "Save as text" on Windows writes Windows-1252: curly quotes, dashes, accents."""
    text = (
        "Dear Seller Performance Team,\r\n"
        "We didn\u2019t pack the caf\u00e9 mugs well \u2013 \u201cdouble boxed\u201d now.\r\n"
    )
    path = write(tmp_path, "letter.txt", text.encode("cp1252"))
    source = read_path(path)
    assert source.text == text
    assert source.encoding == "cp1252 (detected)"
    latin1 = write(tmp_path, "latin1.txt", "Our café sold a résumé holder.\n".encode("latin-1"))
    assert read_path(latin1).text == "Our café sold a résumé holder.\n"


def test_utf8_is_not_guessed(tmp_path: Path) -> None:
    assert read_path(write(tmp_path, "a.txt", LETTER.encode())).encoding == "utf-8"
    bom = read_path(write(tmp_path, "b.txt", b"\xff\xfe" + LETTER.encode("utf-16-le")))
    assert bom.encoding == "utf-16"


def test_big5_is_detected(tmp_path: Path) -> None:
    text = (
        "親愛的賣家績效團隊：\n我們的包裝太薄，導致玻璃物品在運輸中破損。我們已經退款給所有買家。\n"
    )
    source = read_path(write(tmp_path, "tw.txt", text.encode("big5")))
    assert source.text == text
    assert source.encoding == "big5 (detected)"


def test_garbage_is_refused(tmp_path: Path) -> None:
    for name, data in (
        ("high.txt", b"ok " + bytes(range(0x80, 0x100)) * 3),
        ("controls.txt", bytes(range(1, 256)) * 4),
    ):
        path = write(tmp_path, name, data)
        error = input_error(path, lambda: read_path(path))  # noqa: B023 (called at once)
        assert "is not text in any encoding" in error.problem
        assert "save the letter as .txt (UTF-8)" in error.problem


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path, f"{codec}.txt", LETTER.encode(codec))
        source = read_path(path)
        assert source.text == LETTER
        assert source.encoding == f"{codec} (detected)"


def test_binary_with_nuls_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.txt", b"\x01\x02\x00\x00\x00\x07abc\x00\x00\x00\x00\x00\xff")
    error = input_error(path, lambda: read_path(path))
    assert "binary file" in error.problem


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "rename it to .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "old Word .doc"),
    ],
    ids=["pdf", "png", "jpeg", "gif", "zip", "ole"],
)
def test_renamed_binaries_are_recognised(data: bytes, expected: str, tmp_path: Path) -> None:
    path = write(tmp_path, "letter.txt", data)
    error = input_error(path, lambda: read_path(path))
    assert expected in error.problem


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", b"")
    assert "is empty" in input_error(empty, lambda: read_path(empty)).problem
    blank = write(tmp_path, "blank.txt", b" \r\n\t\n  \n")
    assert "only whitespace" in input_error(blank, lambda: read_path(blank)).problem
    rules = write(tmp_path, "rules.md", b"---\n***\n")
    assert "has no text" in input_error(rules, lambda: read_path(rules)).problem


# ------------------------------------------------------------------------------------------
# file system errors and limits
# ------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    error = input_error(path, lambda: read_path(path))
    assert "does not exist" in error.problem


def test_directory(tmp_path: Path) -> None:
    error = input_error(tmp_path, lambda: read_path(tmp_path))
    assert "is a directory" in error.problem


def test_permission_denied_real(tmp_path: Path) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("root can read every file")
    path = write(tmp_path, "secret.txt", LETTER.encode())
    path.chmod(0)
    try:
        error = input_error(path, lambda: read_path(path))
    finally:
        path.chmod(0o600)
    assert "permission denied" in error.problem


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs even as root: the module's single open() call raises PermissionError."""
    path = write(tmp_path, "secret.txt", LETTER.encode())

    def deny(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(reader_files, "open", deny, raising=False)
    error = input_error(path, lambda: read_path(path))
    assert "cannot be read: permission denied" in error.problem


def test_other_oserror_is_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "io.txt", LETTER.encode())

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(reader_files, "open", broken, raising=False)
    error = input_error(path, lambda: read_path(path))
    assert "Input/output error" in error.problem


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"We refunded the customer.\n" * 400)
    error = input_error(path, lambda: read_path(path, limits=ReadLimits(max_bytes=1_000)))
    assert "10.4 KB, larger than the 1 KB limit" in error.problem
    assert "max-file-size" in error.problem
    # the same file is fine under the default limit
    assert read_path(path).paragraphs


def test_unknown_suffix_is_text(tmp_path: Path) -> None:
    source = read_path(write(tmp_path, "letter.poa", LETTER.encode()))
    assert source.format == "txt"
    assert read_path(write(tmp_path, "letter.MD", b"# Title\nText.\n")).format == "md"
    assert read_path(write(tmp_path, "letter.markdown", b"# Title\nText.\n")).format == "md"


def test_pathlike_and_str_paths(tmp_path: Path) -> None:
    path = write(tmp_path, "letter.txt", LETTER.encode())
    assert read_path(path).path == str(path)
    assert read_path(str(path)).text == LETTER


def test_very_long_line_is_linear(tmp_path: Path) -> None:
    line = "x" * 200_000
    path = write(tmp_path, "long.txt", (line + "\n\n" + "(" * 200_000 + "\n").encode())
    started = time.perf_counter()
    source = read_path(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert [p.end - p.start for p in source.paragraphs] == [200_000, 200_000]


def test_many_lines_are_fast() -> None:
    text = "We retrained our staff on packing and shipping procedures today\n" * 40_000
    started = time.perf_counter()
    source = parse_plain_text(text)
    assert time.perf_counter() - started < 5.0
    assert len(source.paragraphs) == 1  # hard-wrapped continuation, merged


# ------------------------------------------------------------------------------------------
# stdin
# ------------------------------------------------------------------------------------------


def test_read_stdin_text() -> None:
    source = read_stdin(io.BytesIO(b"\xef\xbb\xbf" + LETTER.encode()))
    assert source.path == "<stdin>"
    assert source.text == LETTER
    assert source.format == "txt"


def test_read_stdin_errors() -> None:
    error = input_error("<stdin>", lambda: read_stdin(io.BytesIO(b"")))
    assert "is empty" in error.problem
    error = input_error("<stdin>", lambda: read_stdin(io.BytesIO(b"%PDF-1.4 ...")))
    assert "PDF" in error.problem
    error = input_error(
        "<stdin>", lambda: read_stdin(io.BytesIO(b"a" * 50), limits=ReadLimits(max_bytes=10))
    )
    assert "larger than the limit" in error.problem


def test_read_stdin_docx() -> None:
    source = read_stdin(io.BytesIO(simple_docx()))
    assert source.format == "docx"
    assert source.path == "<stdin>"
    assert texts(source) == ["Dear Seller Performance Team,", "Our packaging was too thin."]


# ------------------------------------------------------------------------------------------
# plain text structure
# ------------------------------------------------------------------------------------------


def test_offsets_crlf_and_lone_cr() -> None:
    for newline in ("\r\n", "\r", "\n"):
        text = newline.join(
            [
                "Dear Seller Performance Team,",
                "",
                "ROOT CAUSE",
                "Our packaging was too thin.",
                "  - We now double-box glass.",
                "",
            ]
        )
        source = parse_plain_text(text)
        assert kinds(source) == [
            ("body", "Dear Seller Performance Team,"),
            ("heading", "ROOT CAUSE"),
            ("body", "Our packaging was too thin."),
            ("list_item", "- We now double-box glass."),
        ]
        bullet = source.paragraphs[-1]
        assert source.position(bullet.start) == (5, 3)
        assert text[bullet.body_start : bullet.end] == "We now double-box glass."
        assert bullet.level == 1


def test_hard_wrapped_lines_are_merged() -> None:
    text = (
        "Our packaging was too thin for glass items and several\n"
        "orders arrived broken. We did not inspect outgoing boxes\n"
        "before they left the warehouse.\n"
        "We have fixed this.\n"
    )
    source = parse_plain_text(text)
    assert texts(source) == [
        "Our packaging was too thin for glass items and several\n"
        "orders arrived broken. We did not inspect outgoing boxes\n"
        "before they left the warehouse.",
        "We have fixed this.",
    ]


def test_short_unpunctuated_line_is_not_merged_with_next_sentence() -> None:
    source = parse_plain_text("Root cause of the issue\nOur packaging was too thin.\n")
    assert texts(source) == ["Root cause of the issue", "Our packaging was too thin."]
    merged = parse_plain_text("We shipped the item on\nmonday morning.\n")
    assert texts(merged) == ["We shipped the item on\nmonday morning."]


def test_list_markers() -> None:
    lines = [
        ("- Refunded all customers.", "-"),
        ("* Sent replacements.", "*"),
        ("• Retrained staff.", "•"),
        ("· Added checks.", "·"),
        ("– Audited stock.", "–"),
        ("‣ Updated listings.", "‣"),
        ("◦ Changed courier.", "◦"),
        ("1. Added inspection.", "1."),
        ("2) Double-boxed glass.", "2)"),
        ("(3) Trained packers.", "(3)"),
        ("a. Photographed packages.", "a."),
        ("b) Logged defects.", "b)"),
        ("(c) Reviewed returns.", "(c)"),
        ("i. Weekly audits.", "i."),
        ("iv. Monthly review.", "iv."),
        ("10.Hired a QA lead.", "10."),
    ]
    text = "\n".join(line for line, _ in lines) + "\n"
    source = parse_plain_text(text)
    assert [p.kind for p in source.paragraphs] == ["list_item"] * len(lines)
    assert [p.marker for p in source.paragraphs] == [marker for _, marker in lines]
    for paragraph, (line, marker) in zip(source.paragraphs, lines, strict=True):
        assert text[paragraph.start : paragraph.end] == line
        assert text[paragraph.body_start : paragraph.end] == line[len(marker) :].lstrip()
        assert paragraph.level == 0


def test_not_list_markers() -> None:
    text = "Step 1: we checked stock.\n1.5 units were lost.\ne.g. the box broke.\n-5% returns.\n"
    source = parse_plain_text(text)
    assert all(p.kind == "body" for p in source.paragraphs)


def test_list_indentation_levels() -> None:
    text = "- top\n  - two spaces\n    - four spaces\n      - six spaces\n\t- tab\n"
    source = parse_plain_text(text)
    assert [p.level for p in source.paragraphs] == [0, 1, 1, 2, 1]


def test_markdown_headings() -> None:
    text = "# Plan of Action\n## Root cause\nOur box broke.\n###### Deep\nText.\n#hashtag\n"
    source = parse_plain_text(text, fmt="md")
    assert kinds(source)[:4] == [
        ("heading", "# Plan of Action"),
        ("heading", "## Root cause"),
        ("body", "Our box broke."),
        ("heading", "###### Deep"),
    ]
    assert [p.level for p in source.paragraphs[:4]] == [1, 2, 0, 6]
    first = source.paragraphs[0]
    assert text[first.body_start : first.end] == "Plan of Action"
    assert by_text(source, "#hashtag").kind == "body"


def test_plain_text_headings() -> None:
    text = "\n".join(
        [
            "Dear Seller Performance Team,",
            "PLAN OF ACTION",
            "Root Cause Analysis",
            "Our packaging was too thin.",
            "Root cause:",
            "The box was too thin.",
            "Root cause: our packaging was too thin.",
            "**Preventive measures**",
            "We now double-box glass.",
            "What Went Wrong?",
            "A courier error.",
            "Thank You!",
            "ASIN: B07XYZ1234",
            "Final Summary",
        ]
    )
    source = parse_plain_text(text)
    assert kinds(source) == [
        ("body", "Dear Seller Performance Team,"),
        ("heading", "PLAN OF ACTION"),
        ("heading", "Root Cause Analysis"),
        ("body", "Our packaging was too thin."),
        ("heading", "Root cause:"),
        ("body", "The box was too thin."),
        ("body", "Root cause: our packaging was too thin."),
        ("heading", "**Preventive measures**"),
        ("body", "We now double-box glass."),
        ("heading", "What Went Wrong?"),
        ("body", "A courier error."),
        ("body", "Thank You!"),
        ("body", "ASIN: B07XYZ1234"),
        ("body", "Final Summary"),  # nothing follows it
    ]
    bold = by_text(source, "**Preventive measures**")
    assert bold.emphasis
    assert text[bold.body_start : bold.body_start + 10] == "Preventive"


def test_long_bold_line_is_emphasised_body() -> None:
    source = parse_plain_text("**We have permanently fixed the packaging problem.**\nMore.\n")
    paragraph = source.paragraphs[0]
    assert paragraph.kind == "body"
    assert paragraph.emphasis


def test_salutation_letterhead_and_signature_are_body() -> None:
    text = "\n".join(
        [
            "ABC Trading LLC",
            "Merchant Token A1B2C3D4",
            "",
            "Dear Seller Performance Team,",
            "We are writing about our account and the concerns you raised in",
            "your notice.",
            "",
            "Sincerely,",
            "John Smith",
            "Owner, ABC Trading LLC",
        ]
    )
    source = parse_plain_text(text)
    assert kinds(source) == [
        ("body", "ABC Trading LLC"),
        ("body", "Merchant Token A1B2C3D4"),
        ("body", "Dear Seller Performance Team,"),
        (
            "body",
            "We are writing about our account and the concerns you raised in\nyour notice.",
        ),
        ("body", "Sincerely,"),
        ("body", "John Smith"),
        ("body", "Owner, ABC Trading LLC"),
    ]


def test_salutation_is_not_merged_into_first_sentence() -> None:
    text = "Dear Amazon Seller Performance and Account Health Teams,\nWe apologise.\n"
    assert texts(parse_plain_text(text)) == [
        "Dear Amazon Seller Performance and Account Health Teams,",
        "We apologise.",
    ]


def test_markdown_table_rows() -> None:
    text = "| Order | Action |\n|---|:---:|\n| 111-222 | Refunded |\n\nDone.\n"
    source = parse_plain_text(text, fmt="md")
    assert kinds(source) == [
        ("table_cell", "| Order | Action |"),
        ("table_cell", "| 111-222 | Refunded |"),
        ("body", "Done."),
    ]


def test_source_text_metadata() -> None:
    source = parse_plain_text("Hello there.", path="a.md", fmt="md")
    assert source.path == "a.md"
    assert source.format == "md"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.:#-*•1()\t \r\n|é中")), max_size=200))
def test_plain_text_offsets_property(text: str) -> None:
    for fmt in ("txt", "md"):
        source = parse_plain_text(text, fmt="md" if fmt == "md" else "txt")
        previous_end = -1
        for paragraph in source.paragraphs:
            chunk = text[paragraph.start : paragraph.end]
            assert chunk and chunk == chunk.strip()
            assert paragraph.start > previous_end
            assert paragraph.start <= paragraph.body_start <= paragraph.end
            previous_end = paragraph.end


# ------------------------------------------------------------------------------------------
# .docx extraction
# ------------------------------------------------------------------------------------------


def build_letter_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Plan of Action", style="Title")  # p1
    document.add_paragraph("Dear Seller Performance Team,")  # p2
    document.add_heading("Root cause", 1)  # p3
    document.add_paragraph("Our packaging was too thin.")  # p4
    document.add_heading("What we changed", 2)  # p5
    document.add_paragraph("")  # p6 (empty, skipped but counted)
    document.add_paragraph("Refunded every customer", style="List Bullet")  # p7
    document.add_paragraph("Sent replacements", style="List Bullet")  # p8
    document.add_paragraph("Retrained staff", style="List Number")  # p9
    document.add_paragraph("Added inspection", style="List Number")  # p10
    bold = document.add_paragraph()  # p11
    bold.add_run("Preventive measures").bold = True
    document.add_paragraph("We now double-box glass.")  # p12
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "Orders affected"  # p13 (merged cell: once)
    table.cell(1, 0).text = "111-222"  # p14
    # cell (1, 1) left empty: p15, skipped
    document.add_paragraph("Sincerely,")  # p16
    document.add_paragraph("John Smith")  # p17
    return docx_bytes(document)


def test_docx_extraction(tmp_path: Path) -> None:
    path = write(tmp_path, "letter.docx", build_letter_docx())
    source = read_path(path)
    assert source.format == "docx"
    assert source.path == str(path)
    expected = [
        ("heading", "Plan of Action", 1),
        ("body", "Dear Seller Performance Team,", 2),
        ("heading", "Root cause", 3),
        ("body", "Our packaging was too thin.", 4),
        ("heading", "What we changed", 5),
        ("list_item", "• Refunded every customer", 7),
        ("list_item", "• Sent replacements", 8),
        ("list_item", "1. Retrained staff", 9),
        ("list_item", "2. Added inspection", 10),
        ("heading", "Preventive measures", 11),
        ("body", "We now double-box glass.", 12),
        ("table_cell", "Orders affected", 13),
        ("table_cell", "111-222", 14),
        ("body", "Sincerely,", 16),
        ("body", "John Smith", 17),
    ]
    assert [(p.kind, source.text[p.start : p.end], p.source_index) for p in source.paragraphs] == (
        expected
    )
    assert source.text == "\n".join(text for _, text, _ in expected)
    assert "1. Retrained staff\n2. Added inspection" in source.text

    title = by_text(source, "Plan of Action")
    assert (title.level, title.style) == (0, "Title")
    assert by_text(source, "Root cause").level == 1
    assert by_text(source, "Root cause").style == "Heading 1"
    assert by_text(source, "What we changed").level == 2

    bullet = by_text(source, "• Refunded every customer")
    assert bullet.marker == "•"
    assert bullet.style == "List Bullet"
    assert source.text[bullet.body_start : bullet.end] == "Refunded every customer"
    assert [by_text(source, t).marker for t in ("1. Retrained staff", "2. Added inspection")] == [
        "1.",
        "2.",
    ]
    assert source.text[by_text(source, "2. Added inspection").body_start :].startswith("Added")

    bold = by_text(source, "Preventive measures")
    assert bold.emphasis
    assert not by_text(source, "We now double-box glass.").emphasis
    assert by_text(source, "Our packaging was too thin.").style == "Normal"


def test_docx_numbering_from_numbering_xml(tmp_path: Path) -> None:
    """Direct w:numPr on Normal paragraphs: bullet vs number must come from numbering.xml,
    since the style name says nothing. In python-docx's template numId 1 is a bullet list
    and numId 5 a decimal list."""
    document = docx.Document()
    document.add_paragraph("Intro sentence here.")
    for text in ("first", "second", "third"):
        set_num_pr(document.add_paragraph(text), num_id=5)
    set_num_pr(document.add_paragraph("a bullet"), num_id=1)
    set_num_pr(document.add_paragraph("numbering removed"), num_id=0)
    source = read_path(write(tmp_path, "numbered.docx", docx_bytes(document)))
    assert texts(source) == [
        "Intro sentence here.",
        "1. first",
        "2. second",
        "3. third",
        "• a bullet",
        "numbering removed",
    ]
    assert [p.kind for p in source.paragraphs] == ["body"] + ["list_item"] * 4 + ["body"]


def test_docx_list_levels_and_separate_lists(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Retrained staff", style="List Number")
    document.add_paragraph("Packing course", style="List Number 2")
    document.add_paragraph("Shipping course", style="List Number 2")
    document.add_paragraph("Added inspection", style="List Number")
    document.add_paragraph("Indented text", style="List Paragraph")
    document.add_paragraph("1. Typed by hand")
    source = read_path(write(tmp_path, "levels.docx", docx_bytes(document)))
    assert [(p.marker, p.level, source.text[p.start : p.end]) for p in source.paragraphs] == [
        ("1.", 0, "1. Retrained staff"),
        ("1.", 1, "1. Packing course"),
        ("2.", 1, "2. Shipping course"),
        ("2.", 0, "2. Added inspection"),
        (None, 0, "Indented text"),
        ("1.", 0, "1. Typed by hand"),
    ]
    assert all(p.kind == "list_item" for p in source.paragraphs)


def test_docx_tracked_insertions_hyperlinks_and_hidden_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("We ")
    ins = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "now "
    run.append(t)
    ins.append(run)
    paragraph._p.append(ins)
    paragraph.add_run("double-box")
    hidden = paragraph.add_run(" SECRET")
    hidden.font.hidden = True
    paragraph.add_run(" glass.")
    source = read_path(write(tmp_path, "tracked.docx", docx_bytes(document)))
    assert source.text == "We now double-box glass."


def test_docx_without_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    path = write(tmp_path, "blank.docx", docx_bytes(document))
    assert "has no text" in input_error(path, lambda: read_path(path)).problem


def test_docx_truncated(tmp_path: Path) -> None:
    data = build_letter_docx()
    path = write(tmp_path, "truncated.docx", data[: len(data) // 2])
    error = input_error(path, lambda: read_path(path))
    assert "damaged or truncated" in error.problem


def test_docx_zip_without_document_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    path = write(tmp_path, "notword.docx", buffer.getvalue())
    error = input_error(path, lambda: read_path(path))
    assert "not a Word document (no word/document.xml)" in error.problem


def test_docx_ole_magic_is_encrypted(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    error = input_error(path, lambda: read_path(path))
    assert "encrypted or password-protected" in error.problem


def test_docx_that_is_really_text_or_pdf(tmp_path: Path) -> None:
    text = write(tmp_path, "text.docx", LETTER.encode())
    assert "rename it to .txt" in input_error(text, lambda: read_path(text)).problem
    pdf = write(tmp_path, "pdf.docx", b"%PDF-1.7 ...")
    assert "PDF" in input_error(pdf, lambda: read_path(pdf)).problem


def test_docx_zip_bomb_refused_before_inflating(tmp_path: Path) -> None:
    data = zip_bomb_docx(60_000_000)
    assert len(data) < 1_000_000  # 60 MB of zeros compresses to almost nothing
    path = write(tmp_path, "bomb.docx", data)
    limits = ReadLimits(max_docx_uncompressed=10_000_000)
    tracemalloc.start()
    try:
        error = input_error(path, lambda: read_path(path, limits=limits))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "possible zip bomb" in error.problem
    assert "over the 10 MB limit" in error.problem
    assert peak < 8_000_000


def test_docx_with_entity_declaration_refused(tmp_path: Path) -> None:
    def add_entity(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        head, sep, rest = data.partition(b"?>")
        return head + sep + b'\n<!DOCTYPE w:document [<!ENTITY boom "boom">]>' + rest

    path = write(tmp_path, "entity.docx", rewrite_zip(simple_docx(), add_entity))
    error = input_error(path, lambda: read_path(path))
    assert "XML entity declarations" in error.problem


def test_docx_broken_xml_is_friendly(tmp_path: Path) -> None:
    def break_xml(name: str, data: bytes) -> bytes:
        return b"<w:document><unclosed>" if name == "word/document.xml" else data

    path = write(tmp_path, "broken.docx", rewrite_zip(simple_docx(), break_xml))
    error = input_error(path, lambda: read_path(path))
    assert "re-save it from Word" in error.problem


def test_docx_file_over_limit_by_stat(tmp_path: Path) -> None:
    path = write(tmp_path, "big.docx", build_letter_docx())
    error = input_error(path, lambda: read_path(path, limits=ReadLimits(max_docx_uncompressed=100)))
    assert "limit for a .docx letter" in error.problem
