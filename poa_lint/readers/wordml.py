"""Reading WordprocessingML (the XML inside a .docx): tag names and the values of toggles.

python-docx's object model is convenient but slow and incomplete for what a reader needs
(content controls, tracked insertions, hidden text), so the .docx reader walks the lxml
elements directly; these helpers name the tags and read ``w:val`` the way Word does.
"""

from __future__ import annotations

from typing import Any

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def w(tag: str) -> str:
    """The qualified name lxml gives a WordprocessingML tag ('p' -> '{...main}p')."""
    return _W_NS + tag


PARAGRAPH, TABLE, ROW, CELL = w("p"), w("tbl"), w("tr"), w("tc")
RUN, TEXT = w("r"), w("t")
WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml")})
"""Content controls and custom XML: containers to look into, not content of their own."""
BLOCK_CONTAINERS = WRAPPERS
INLINE_CONTAINERS = frozenset(
    w(tag)
    for tag in (
        "hyperlink",
        "ins",
        "smartTag",
        "customXml",
        "sdt",
        "sdtContent",
        "fldSimple",
        "moveTo",
        "dir",
        "bdo",
    )
)
"""Inline containers whose runs are visible text (hyperlinks, tracked insertions, fields)."""
RUN_TEXT = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "-",
}


def _child(element: Any, child: str) -> Any:
    """A direct child ``w:<child>`` of ``element`` (either may be absent: then None)."""
    return None if element is None else element.find(w(child))


def val(element: Any, child: str) -> str | None:
    """``w:val`` of a direct child, or None when the child is absent."""
    found = _child(element, child)
    value = None if found is None else found.get(w("val"))
    return None if value is None else str(value)


def on_off(element: Any, child: str) -> bool | None:
    """A WordprocessingML toggle such as ``<w:b/>`` / ``<w:b w:val="0"/>``; None if unset."""
    found = _child(element, child)
    if found is None:
        return None
    value = found.get(w("val"))
    return value is None or str(value).lower() not in ("0", "false", "off")


def on_off_attr(value: Any) -> bool:
    """An attribute toggle such as ``w:default="1"``."""
    return value is not None and str(value).lower() in ("1", "true", "on")
