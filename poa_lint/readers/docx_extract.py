"""Extracting a Word document's text: one line per visible paragraph, in document order.

The extractor walks the body as Word shows it (content controls, hyperlinks, tracked
insertions; not deleted or hidden text), reads tables row by row, takes headings from
styles and list markers from the numbering (:mod:`.numbering`), and applies the plain-text
heading rules (:mod:`.layout`) to paragraphs Word gives no style, so a letter is structured
the same whether it was saved as .txt or .docx. The text is counted as it is extracted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..source import Paragraph, ParagraphKind, SourceText
from .layout import list_match, looks_like_heading, zones
from .limits import DEFAULT_LIMITS
from .numbering import MAX_LIST_LEVEL, ListMarkers, to_int
from .wordml import (
    BLOCK_CONTAINERS,
    CELL,
    INLINE_CONTAINERS,
    PARAGRAPH,
    ROW,
    RUN,
    RUN_TEXT,
    TABLE,
    TEXT,
    WRAPPERS,
    on_off,
    on_off_attr,
    val,
    w,
)


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None


@dataclass
class _DocxLine:
    text: str
    kind: ParagraphKind
    prefix_len: int
    level: int
    marker: str | None
    emphasis: bool
    style: str | None
    source_index: int
    heading_candidate: bool = False


class TooLong(Exception):
    """The extracted text has passed the character limit (raised while extracting)."""


class DocxExtractor:
    """Walks the document body in order and produces one line per non-empty paragraph.

    The text is counted as it is extracted, run by run, and extraction stops with
    :class:`TooLong` as soon as it passes ``max_chars``: a small .docx can describe far
    more text than it holds (numbering, repeated runs), so the cap must hold *while*
    extracting, not only on the result."""

    def __init__(self, document: Any, max_chars: int = DEFAULT_LIMITS.max_chars) -> None:
        self._document = document
        self._max_chars = max_chars
        self._chars = 0
        self._styles = self._load_styles(document)
        self._default_style = self._find_default_style(document)
        self._markers = ListMarkers(self._numbering_root(document))
        self._source_index = 0

    # -- setup ---------------------------------------------------------------------------

    @staticmethod
    def _load_styles(document: Any) -> dict[str, _Style]:
        from docx.styles import BabelFish

        styles: dict[str, _Style] = {}
        root = document.styles.element
        for style in root.iterchildren(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            raw_name = val(style, "name") or str(style_id)
            ppr = style.find(w("pPr"))
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            ilvl = val(num_pr, "ilvl")
            styles[str(style_id)] = _Style(
                name=str(BabelFish.internal2ui(raw_name)),
                based_on=val(style, "basedOn"),
                num_id=val(num_pr, "numId"),
                ilvl=None if ilvl is None else to_int(ilvl, 0, high=MAX_LIST_LEVEL),
                bold=on_off(style.find(w("rPr")), "b"),
            )
        return styles

    @staticmethod
    def _find_default_style(document: Any) -> str | None:
        for style in document.styles.element.iterchildren(w("style")):
            if style.get(w("type")) == "paragraph" and on_off_attr(style.get(w("default"))):
                value = style.get(w("styleId"))
                return None if value is None else str(value)
        return None

    @staticmethod
    def _numbering_root(document: Any) -> Any:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            return document.part.part_related_by(RT.NUMBERING).element
        except (KeyError, NotImplementedError):
            return None

    # -- style chain -----------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def _inherited(self, style_id: str | None, pick: Callable[[_Style], Any]) -> Any:
        for style in self._chain(style_id):
            value = pick(style)
            if value is not None:
                return value
        return None

    # -- walking -----------------------------------------------------------------------------

    def _blocks(self, parent: Any, lines: list[_DocxLine]) -> None:
        """Paragraphs and tables in document order (content controls looked into)."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == PARAGRAPH:
                line = self._paragraph(child, in_table=False)
                if line is not None:
                    lines.append(line)
            elif tag == TABLE:
                self._table(child, lines)
            elif tag in BLOCK_CONTAINERS:
                self._blocks(child, lines)

    def _paragraph(self, p: Any, *, in_table: bool) -> _DocxLine | None:
        """One paragraph as a line (None when it has no visible text). Every paragraph,
        empty or not, counts for the 1-based paragraph numbers in findings."""
        self._source_index += 1
        runs_with_text = []
        for run in self._runs(p, []):
            run_text = self._run_text(run)
            self._count(len(run_text))
            runs_with_text.append((run, run_text))
        text = "".join(text for _, text in runs_with_text).strip()
        if not text:
            return None
        line = self._line(p, text, runs_with_text, in_table, self._source_index)
        self._count(line.prefix_len + 1)  # the marker and the line break
        return line

    # -- tables --------------------------------------------------------------------------

    def _table(self, table: Any, lines: list[_DocxLine]) -> None:
        """A table is read row by row, in order, each row one ``table_cell`` line of its
        cells joined by ' | ': "We refunded 14 buyers | Anna | 3 March" is one item of the
        letter, with its date. A header row ("Root cause | Corrective action | Preventive
        measure", or a row Word repeats as a header) is a heading that names no part, so
        it opens none and is no item. A table of one column is a layout box (a frame around
        text), read as ordinary paragraphs.
        """
        rows = [(row, list(_cells_of_row(row))) for row in _rows_of(table)]
        if all(len(cells) <= 1 for _, cells in rows):
            for _, cells in rows:
                for cell in cells:
                    self._blocks(cell, lines)
            return
        read: list[tuple[Any, list[str], int]] = []
        for row, cells in rows:
            texts: list[str] = []
            first_index: int | None = None
            for cell in cells:
                text, index = self._cell_text(cell)
                if text:
                    texts.append(text)
                    first_index = index if first_index is None else first_index
            if texts and first_index is not None:
                read.append((row, texts, first_index))
        for position, (row, texts, index) in enumerate(read):
            header = _is_header_row(row, texts, position, read)
            lines.append(
                _DocxLine(
                    text=" | ".join(texts),
                    kind="heading" if header else "table_cell",
                    prefix_len=0,
                    level=1 if header else 0,
                    marker=None,
                    emphasis=False,
                    style=None,
                    source_index=index,
                )
            )

    def _cell_text(self, cell: Any) -> tuple[str, int | None]:
        """The visible text of a cell (its paragraphs, list markers and nested tables, in
        order, on one line) and the number of its first paragraph with text."""
        parts: list[str] = []
        first: int | None = None
        for p in _paragraphs_of(cell):
            line = self._paragraph(p, in_table=True)
            if line is None:
                continue
            first = line.source_index if first is None else first
            parts.append(" ".join(line.text.split()))
        joined = ""
        for part in parts:
            if joined:
                joined += " " if joined.endswith(_CELL_SENTENCE_END) else "; "
            joined += part
        return joined, first

    def _runs(self, parent: Any, out: list[Any]) -> list[Any]:
        """Visible runs, including those in hyperlinks, tracked insertions and content
        controls; deleted text, field codes and hidden (``w:vanish``) text are left out."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == RUN:
                if not on_off(child.find(w("rPr")), "vanish"):
                    out.append(child)
            elif tag in INLINE_CONTAINERS:
                self._runs(child, out)
        return out

    @staticmethod
    def _run_text(run: Any) -> str:
        parts: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == TEXT:
                parts.append(child.text or "")
            else:
                parts.append(RUN_TEXT.get(tag, ""))
        return "".join(parts)

    def _all_bold(self, runs_with_text: list[tuple[Any, str]], style_id: str | None) -> bool:
        visible = [run for run, text in runs_with_text if text.strip()]
        if not visible:
            return False
        style_bold = self._inherited(style_id, lambda s: s.bold)
        for run in visible:
            rpr = run.find(w("rPr"))
            bold = on_off(rpr, "b")
            if bold is None:
                char_style = val(rpr, "rStyle")
                bold = self._inherited(char_style, lambda s: s.bold)
            if bold is None:
                bold = style_bold
            if not bold:
                return False
        return True

    # -- extraction ------------------------------------------------------------------------

    def extract(self) -> list[_DocxLine]:
        lines: list[_DocxLine] = []
        self._source_index = 0
        self._blocks(self._document.element.body, lines)
        self._guess_headings(lines)
        return lines

    def _count(self, chars: int) -> None:
        self._chars += chars
        if self._chars > self._max_chars:
            raise TooLong

    def _line(
        self,
        p: Any,
        text: str,
        runs_with_text: list[tuple[Any, str]],
        in_table: bool,
        source_index: int,
    ) -> _DocxLine:
        ppr = p.find(w("pPr"))
        style_id = val(ppr, "pStyle") or self._default_style
        style_name = self._styles[style_id].name if style_id in self._styles else None
        name = style_name or ""
        lowered = name.lower()
        emphasis = self._all_bold(runs_with_text, style_id)

        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = val(num_pr, "numId")
        if num_id is None:
            num_id = self._inherited(style_id, lambda s: s.num_id)
        numbered = num_id is not None and num_id != "0"
        # Two levels: ``ilvl`` indexes numbering.xml; ``depth`` is the nesting the reader sees.
        # They differ for 'List Number 2', whose own single-level list sits one level deeper.
        explicit = val(num_pr, "ilvl")
        inherited = self._inherited(style_id, lambda s: s.ilvl) if explicit is None else None
        trailing = re.search(r"(?<!\d)(\d{1,2})$", name) if lowered.startswith("list") else None
        if explicit is not None:
            depth = to_int(explicit, 0, high=MAX_LIST_LEVEL)
        elif inherited is not None:
            depth = int(inherited)
        else:
            depth = max(int(trailing.group(1)) - 1, 0) if trailing else 0
        depth = min(max(depth, 0), 8)
        known_level = explicit is not None or inherited is not None
        ilvl = depth if known_level or not numbered else 0
        list_style = lowered.startswith(("list bullet", "list number"))

        heading_level = None if in_table else self._heading_level(style_id)
        kind: ParagraphKind = "table_cell" if in_table else "body"
        level = 0
        marker: str | None = None
        if numbered or list_style:
            # Numbered headings ('1. Root cause' in Heading 1) keep their marker too.
            marker = self._markers.next(num_id if numbered else None, ilvl, name)
            level = depth
            if not in_table:
                kind = "list_item"
        elif lowered.startswith("list paragraph") and not in_table:
            kind = "list_item"  # Word shows no marker without numbering; we invent none
        if heading_level is not None:
            kind = "heading"
            level = heading_level
        prefix = f"{marker} " if marker else ""
        line = _DocxLine(
            text=prefix + text,
            kind=kind,
            prefix_len=len(prefix),
            level=level,
            marker=marker,
            emphasis=emphasis,
            style=style_name,
            source_index=source_index,
        )
        if kind == "body":
            typed = list_match(text)
            if typed is not None:  # a marker typed by hand: '1. ', '• '
                line.kind = "list_item"
                line.marker = typed.group("marker")
                line.prefix_len = typed.end()
            else:
                line.heading_candidate = True
        return line

    def _heading_level(self, style_id: str | None) -> int | None:
        """'Heading N' -> N (also for styles based on one); 'Title' -> 0, above Heading 1."""
        for style in self._chain(style_id):
            lowered = style.name.lower()
            if lowered == "title":
                return 0
            if lowered.startswith("heading"):
                digits = re.search(r"\d{1,2}", lowered)  # Heading 1-9; never a huge int()
                return int(digits.group(0)) if digits else 1
        return None

    @staticmethod
    def _guess_headings(lines: list[_DocxLine]) -> None:
        """Apply the plain-text heading rules to unstyled paragraphs, so a letter is
        structured the same whether it was saved as .txt or .docx."""
        line_zones = zones([line.text for line in lines])
        for index, line in enumerate(lines):
            if not line.heading_candidate or index == len(lines) - 1:
                continue
            zone = line_zones[index]
            if zone in ("body", "pre") and looks_like_heading(
                line.text, emphasis=line.emphasis, title_case_ok=zone == "body"
            ):
                line.kind = "heading"
                line.level = 1


_CELL_SENTENCE_END = (".", "!", "?", ":", ";", "。", "！", "？")
_TITLE_MAX_WORDS = 5


def _in_order(parent: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, also those wrapped in content controls (``w:sdt``)."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _in_order(child, tag)


def _rows_of(table: Any) -> Iterator[Any]:
    return _in_order(table, ROW)


def _cells_of_row(row: Any) -> Iterator[Any]:
    return _in_order(row, CELL)


def _paragraphs_of(cell: Any) -> Iterator[Any]:
    """A cell's paragraphs in order, those of nested tables included (read flat)."""
    for child in cell.iterchildren():
        if child.tag == PARAGRAPH:
            yield child
        elif child.tag in WRAPPERS or child.tag in (TABLE, ROW, CELL):
            yield from _paragraphs_of(child)


def _is_header_row(
    row: Any, texts: Sequence[str], position: int, rows: Sequence[tuple[Any, list[str], int]]
) -> bool:
    """The first row of a table is its header when Word repeats it as one (``w:tblHeader``)
    or when its cells are all short titles and some later row holds real text."""
    if position != 0 or len(texts) < 2:
        return False
    if on_off(row.find(w("trPr")), "tblHeader"):
        return True
    return all(_is_title(text) for text in texts) and any(
        not _is_title(text) for _, later, _ in rows[1:] for text in later
    )


def _is_title(text: str) -> bool:
    return len(text.split()) <= _TITLE_MAX_WORDS and text.rstrip()[-1:] not in _CELL_SENTENCE_END


def docx_source(lines: list[_DocxLine], name: str) -> SourceText:
    """Join the extracted lines with '\\n' and record each one's offsets."""
    paragraphs: list[Paragraph] = []
    chunks: list[str] = []
    offset = 0
    for line in lines:
        if chunks:
            chunks.append("\n")
            offset += 1
        chunks.append(line.text)
        paragraphs.append(
            Paragraph(
                start=offset,
                end=offset + len(line.text),
                kind=line.kind,
                content_start=offset + line.prefix_len if line.prefix_len else None,
                level=line.level,
                marker=line.marker,
                emphasis=line.emphasis,
                style=line.style,
                source_index=line.source_index,
            )
        )
        offset += len(line.text)
    if not paragraphs:
        raise InputError(name, "has no text; nothing to check (is it the right file?)")
    return SourceText(text="".join(chunks), paragraphs=tuple(paragraphs), path=name, format="docx")
