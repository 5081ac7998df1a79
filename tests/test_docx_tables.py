"""Issue 12, point 2: Word tables are read as rows of items, in order, and text output
names .docx findings by paragraph (Word has no lines)."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner
from docx.oxml import OxmlElement

from poa_lint import lint_file
from poa_lint.cli import main
from poa_lint.readers import read_path

INTRO = (
    "We are writing about the suspension of our account for a high order defect rate. We "
    "have reviewed every complaint and every order of the last sixty days."
)


def _save(document: Any, path: Path) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _fill(table: Any, rows: list[tuple[str, ...]]) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def part_columns_docx(path: Path) -> Path:
    """A letter whose plan is one table: a header row naming the parts, a row per cause."""
    document = docx.Document()
    document.add_paragraph("Dear Seller Performance Team,")  # p1
    document.add_paragraph(INTRO)  # p2
    table = document.add_table(rows=3, cols=3)
    _fill(
        table,
        [
            ("Root cause", "Corrective action", "Preventive measure"),  # p3-p5
            (
                "Our packaging was too thin, so glass items broke in transit.",  # p6
                "We refunded all 14 affected buyers on 3 March 2024.",
                "We will try to be more careful with packaging.",
            ),
            (
                "Our listing did not state the size of the vase.",  # p9
                "We added the size to the title on 4 March 2024.",
                "A second person reviews every new listing before it goes live.",
            ),
        ],
    )
    document.add_paragraph("Thank you for reviewing our plan.")  # p12
    document.add_paragraph("Sincerely,")  # p13
    document.add_paragraph("John Smith")  # p14
    return _save(document, path)


def test_rows_are_read_in_order_as_one_line_each(tmp_path: Path) -> None:
    source = read_path(part_columns_docx(tmp_path / "plan.docx"))
    rows = [
        (p.kind, source.text[p.start : p.end], p.source_index)
        for p in source.paragraphs
        if "|" in source.text[p.start : p.end]
    ]
    assert rows == [
        ("heading", "Root cause | Corrective action | Preventive measure", 3),
        (
            "table_cell",
            "Our packaging was too thin, so glass items broke in transit. | We refunded all "
            "14 affected buyers on 3 March 2024. | We will try to be more careful with "
            "packaging.",
            6,
        ),
        (
            "table_cell",
            "Our listing did not state the size of the vase. | We added the size to the title "
            "on 4 March 2024. | A second person reviews every new listing before it goes live.",
            9,
        ),
    ]
    # The paragraphs after the table keep their numbers in the document.
    closing = [p for p in source.paragraphs if source.text[p.start : p.end] == "Sincerely,"]
    assert closing[0].source_index == 13


def test_a_header_row_opens_no_part_and_a_vague_measure_in_a_row_is_flagged(
    tmp_path: Path,
) -> None:
    report = lint_file(part_columns_docx(tmp_path / "plan.docx"), reason="odr")
    codes = report.codes()
    assert "POA101" not in codes  # the causes in the rows are found
    assert "POA301" in codes  # "be more careful" in the second column
    vague = next(f for f in report.findings if f.code == "POA301")
    assert vague.paragraph == 6 and vague.excerpt == "be more careful"
    # No part opened by the header row: no empty or overlapping parts.
    sections = [(s.kind, s.start, s.end) for s in report.sections]
    assert all(start < end for _, start, end in sections)
    assert all(a[2] <= b[1] for a, b in itertools.pairwise(sections))
    assert not any(s.heading and "|" in s.heading for s in report.sections)


def test_dates_in_another_column_belong_to_the_action(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear Seller Performance Team,")
    document.add_paragraph(INTRO)
    document.add_heading("Root cause", 1)
    document.add_paragraph("Our packaging was too thin, so glass items broke in transit.")
    document.add_heading("Actions we have taken", 1)
    _fill(
        document.add_table(rows=3, cols=3),
        [
            ("Action", "Owner", "Date"),
            ("We refunded all 14 affected buyers", "Anna", "3 March 2024"),
            ("We replaced the boxes with double-wall cartons", "Ben", "5 March 2024"),
        ],
    )
    document.add_heading("Preventive measures", 1)
    document.add_paragraph("Every packer completes a drop-test course on the first of each month.")
    document.add_paragraph("Sincerely,")
    document.add_paragraph("John Smith")
    report = lint_file(_save(document, tmp_path / "dated.docx"), reason="odr")
    assert "POA302" not in report.codes(), report.findings  # the date is in the row


def test_a_one_column_table_is_a_frame_around_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear Seller Performance Team,")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Root Cause"
    cell.add_paragraph("Our packaging was too thin, so glass items broke in transit.")
    document.add_paragraph("Sincerely,")
    source = read_path(_save(document, tmp_path / "boxed.docx"))
    kinds = [(p.kind, source.text[p.start : p.end]) for p in source.paragraphs]
    assert ("heading", "Root Cause") in kinds
    assert ("body", "Our packaging was too thin, so glass items broke in transit.") in kinds


def test_a_row_word_repeats_as_header_is_a_heading(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear Seller Performance Team,")
    table = document.add_table(rows=2, cols=2)
    _fill(table, [("What went wrong in March", "What we did"), ("Late pickups", "New carrier")])
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    document.add_paragraph("Sincerely,")
    source = read_path(_save(document, tmp_path / "header.docx"))
    first = next(p for p in source.paragraphs if "|" in source.text[p.start : p.end])
    assert first.kind == "heading"


def test_text_output_names_docx_paragraphs(tmp_path: Path) -> None:
    path = part_columns_docx(tmp_path / "plan.docx")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "POA301", "--reason", "odr"])
    assert f"{path}: paragraph 6: POA301 [warning]" in result.output
    json_out = CliRunner().invoke(
        main, ["check", str(path), "--select", "POA301", "--reason", "odr", "-f", "json"]
    )
    assert '"paragraph": 6' in json_out.output and '"line": ' in json_out.output
