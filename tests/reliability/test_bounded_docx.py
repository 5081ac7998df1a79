"""Issue 11, item 1: Word numbering cannot make poa-lint build text without bound.

A 36 KB .docx amplified without limit: a 4,000-digit ``w:start`` rendered in roman numerals
hung the run (memory past 1.5 GB); a letter start of 10**9 or an ``lvlText`` of 20,000
placeholders cost 0.4-0.7 GB before the length cap; a start of 10**30 in letters surfaced
as OverflowError. Every number and label Word can make us build is now bounded, the
extracted text is counted while it is extracted, and a .docx with more XML tags than lxml
should hold (seven million empty paragraphs zip to 98 KB and took 975 MB) is refused
before parsing.

The reproductions run in a fresh process next to a good letter; its peak memory is read
with ``wait4`` and must stay under 600 MB, and the good letter must still be reported. No
test asserts on seconds (a timeout only guards against a hang).
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from poa_lint import InputError
from poa_lint.readers import MAX_MARKER_CHARS, ReadLimits, docx_extract, numbering, read_path

from . import hostile
from .hostile import GOOD_LETTER, NUMBERING_CASES
from .support import run_measured

PEAK_MB = 600


def _json(result_stdout: str) -> dict[str, object]:
    data = json.loads(result_stdout)
    assert isinstance(data, dict)
    return data


# ------------------------------------------------------------------------------------------
# 1. Word numbering, XML tags, extraction
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(NUMBERING_CASES))
def test_numbering_markers_are_bounded(key: str, tmp_path: Path) -> None:
    fmt, start, lvl_text = NUMBERING_CASES[key]
    path = tmp_path / f"{key}.docx"
    path.write_bytes(hostile.numbering_docx(fmt, start, lvl_text))
    source = read_path(path)
    items = [p for p in source.paragraphs if p.kind == "list_item"]
    assert len(items) == 3
    assert all(p.marker is not None and 0 < len(p.marker) <= MAX_MARKER_CHARS for p in items)
    assert len(source.text) < 1_000


def test_numbers_render_like_word_within_bounds() -> None:
    fmt = numbering._format_number
    assert [fmt(n, "lowerRoman") for n in (1, 4, 9, 14, 40, 90, 400, 1994, 3999)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
        "xc",
        "cd",
        "mcmxciv",
        "mmmcmxcix",
    ]
    assert fmt(4000, "upperRoman") == "4000"  # no roman numeral past 3,999
    assert [fmt(n, "lowerLetter") for n in (1, 26, 27, 52, 53)] == ["a", "z", "aa", "zz", "aaa"]
    assert fmt(26 * 16, "upperLetter") == "Z" * 16
    assert fmt(26 * 16 + 1, "lowerLetter") == str(26 * 16 + 1)  # digits past 16 letters
    assert len(fmt(10**30, "lowerLetter")) <= numbering.MAX_LABEL_CHARS
    assert numbering.to_int("1" + "0" * 3999, 1) == 1  # not a number Word writes
    assert numbering.to_int("1000000", 1) == numbering.MAX_LIST_NUMBER
    assert numbering.to_int("-5", 1) == 0
    assert numbering.to_int(" 12 ", 1) == 12


def test_docx_text_is_counted_while_extracting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap stops extraction as soon as it is passed: of 200 paragraphs of 100
    characters with a 1,000-character cap, about ten are built, not 200."""
    document = docx.Document()
    for i in range(200):
        document.add_paragraph(f"{i:03d} " + "x" * 96)
    path = tmp_path / "long.docx"
    document.save(str(path))
    built: list[int] = []
    real = docx_extract.DocxExtractor._line

    def counting(self: object, *args: object) -> object:
        built.append(1)
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(docx_extract.DocxExtractor, "_line", counting)
    with pytest.raises(InputError) as info:
        read_path(path, limits=ReadLimits(max_chars=1_000))
    assert "is more than 1,000 characters long" in info.value.problem
    assert len(built) <= 11


def test_docx_with_millions_of_tags_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "tags.docx"
    path.write_bytes(hostile.body_docx("<w:p/>" * 1_100_000))  # about 60 KB
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as info:
        read_path(path)
    assert "XML tags, more than the 1,000,000 poa-lint reads" in info.value.problem


def test_hostile_docx_files_in_one_run(tmp_path: Path) -> None:
    """The attack run's .docx files, all in one run next to a good letter: each is
    reported (a normal report, or one line for the tag bomb), under 600 MB."""
    letters = tmp_path / "letters"
    letters.mkdir()
    for key, (fmt, start, lvl_text) in NUMBERING_CASES.items():
        (letters / f"{key}.docx").write_bytes(hostile.numbering_docx(fmt, start, lvl_text))
    (letters / "tag-bomb.docx").write_bytes(hostile.body_docx("<w:p/>" * 7_000_000))
    (letters / "good.txt").write_text(GOOD_LETTER, encoding="utf-8")
    result = run_measured(str(letters), "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.peak_mb < PEAK_MB, result.peak_mb
    assert result.code == 2, result.output
    assert "Traceback" not in result.output
    data = _json(result.stdout)
    checked = sorted(Path(f["path"]).name for f in data["files"])  # type: ignore[attr-defined]
    assert checked == sorted([*(f"{k}.docx" for k in NUMBERING_CASES), "good.txt"])
    errors = data["errors"]
    assert [Path(e["path"]).name for e in errors] == ["tag-bomb.docx"]  # type: ignore[attr-defined]
    assert "XML tags" in errors[0]["message"]  # type: ignore[index]
