"""Assembling a letter's structure: headings and labels first, then content.

Real letters rarely use tidy headings. A heading or label starts a part that runs to the
next one; where there are none, runs of items with the same role become the parts. The
result is computed once per letter (:func:`structure_of`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Literal

from ..section_cues import PARTS, PartKind
from .headings import SIGN_OFF, heading_of
from .model import Item, ItemRole, Section, Structure
from .roles import items_of

if TYPE_CHECKING:
    from ..letter import Letter


def structure_of(letter: Letter) -> Structure:
    """The letter's parts and items, computed on first use and then kept with the letter
    (the structure, coverage and measure checks all read it)."""
    return letter.shared("sections.structure", analyse)


def analyse(letter: Letter) -> Structure:
    """Headings and labels first, then content for what they leave unlabelled."""
    marks: list[tuple[int, PartKind, Literal["heading", "label"], str, int]] = []
    items: list[Item] = []
    paragraphs = letter.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if not letter.in_body(paragraph.start):
            continue  # e-mail headers, forum chatter, signature, quoted history
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        kind, is_heading, label_end = heading_of(letter, paragraph, following)
        if kind is not None and is_heading:
            heading_text = letter.text[paragraph.body_start : paragraph.end].strip()
            marks.append((paragraph.start, kind, "heading", heading_text, paragraph.end))
            continue
        if kind is not None:
            # an introducing sentence labels its list with its own words
            label_stop = paragraph.end if label_end == paragraph.body_start else label_end
            label_text = (
                letter.text[paragraph.body_start : label_stop].strip().rstrip(":：*_ ").strip()
            )
            marks.append((paragraph.start, kind, "label", label_text, label_end))
            items.extend(items_of(letter, paragraph, label_end))
            continue
        if paragraph.kind == "heading":
            continue
        items.extend(items_of(letter, paragraph, paragraph.body_start))
    if items and _cut_off(letter, items[-1]):
        # A draft that stops mid-sentence ("…, we have"): the fragment is no content of
        # any part, and a heading over nothing else is an empty part
        items.pop()
    sections = _labelled_sections(letter, marks, items)
    sections += _content_sections(letter, items, sections)
    sections.sort(key=lambda s: s.start)
    return Structure(sections=tuple(sections), items=tuple(items))


#: Word classes a finished sentence does not end on: "we have", "to the", "and our".
_UNFINISHED_POS = frozenset({"AUX", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART"})


def _cut_off(letter: Letter, item: Item) -> bool:
    """The letter stops inside this item: it is the body's last, and it ends on a word no
    sentence ends on, or on a comma."""
    if item.end < letter.envelope.body_end - 1:
        return False
    span = letter.span(item.start, item.end)
    words = [t for t in span if not t.is_space] if span is not None else []
    if not words:
        return False
    last = words[-1]
    if last.text in (",", "，", "-", "–"):
        return True
    if last.lemma_.lower() in ("have", "be", "do", "will", "can", "would", "should", "must"):
        return True  # "we have", "it will": an auxiliary with its verb missing
    return last.pos_ in _UNFINISHED_POS and last.lower_ not in ("it", "them", "us", "this", "that")


def _labelled_sections(
    letter: Letter,
    marks: Sequence[tuple[int, PartKind, Literal["heading", "label"], str, int]],
    items: Sequence[Item],
) -> list[Section]:
    """A heading or label starts a part that runs to the next heading or label."""
    sections = []
    text_end = len(letter.text)
    for index, (start, kind, how, heading, _) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else text_end
        inside = tuple(i for i in items if start <= i.start < end and not _is_sign_off(letter, i))
        if kind in ("root_cause", "corrective", "preventive", "plan") and inside:
            end = max(i.end for i in inside)
        elif kind in ("root_cause", "corrective", "preventive", "plan"):
            end = marks[index][4]
        if kind == "plan":
            # "Plan of action" covers both kinds of action: split it by content.
            corrective_elsewhere = any(mark[1] == "corrective" for mark in marks)
            sections.extend(_split_plan(inside, how, heading, start, end, corrective_elsewhere))
            continue
        sections.append(
            Section(kind=kind, start=start, end=end, found_by=how, heading=heading, items=inside)
        )
    return sections


def _split_plan(
    items: Sequence[Item],
    how: Literal["heading", "label"],
    heading: str,
    start: int,
    end: int,
    corrective_elsewhere: bool = False,
) -> list[Section]:
    def part(kind: PartKind, part_start: int, part_items: Sequence[Item]) -> Section:
        return Section(
            kind=kind,
            start=part_start,
            end=end,
            found_by=how,
            heading=heading,
            generic=True,
            items=tuple(part_items),
        )

    if not any(i.role != "neutral" or i.promise for i in items):
        # A "Plan of Action" title over a greeting and the notice told back: no action is
        # written under it, so it is the introduction, not a corrective part (else a letter
        # without a single fix would escape POA102).
        return [part("introduction", start, items)]
    corrective = tuple(
        i for i in items if i.role in ("corrective", "neutral", "cause") and not i.promise
    )
    preventive = tuple(i for i in items if i not in corrective)
    if not any(i.role in ("corrective", "cause") for i in corrective) and not corrective_elsewhere:
        # Nothing done yet: the whole plan stands as the corrective part, written as promises
        # (POA104's finding), and its promises still count as preventive measures. After a
        # heading of its own for the fixes, a plan of promises ("What we will do") is the
        # prevention.
        corrective = tuple(items)
    out = []
    if corrective or not preventive:
        out.append(part("corrective", start, corrective or items))
    if preventive:
        out.append(part("preventive", min(i.start for i in preventive), preventive))
    return out


def _is_sign_off(letter: Letter, item: Item) -> bool:
    return bool(SIGN_OFF.match(letter.text[item.start : item.end]))


def _content_sections(
    letter: Letter, items: Sequence[Item], labelled: Sequence[Section]
) -> list[Section]:
    """Parts found by content, for the text no heading or label covers.

    Prose letters give each part a paragraph, so a paragraph whose items mostly play one
    role is that part as a whole: "First, in March we changed to a new factory" is part of
    the story of the root cause, not a corrective action. A paragraph without a clear
    majority is split into runs of items with the same role.
    """
    covered = [(s.start, s.end) for s in labelled]
    free = [i for i in items if not any(a <= i.start < b for a, b in covered)]
    if labelled and any(s.kind in PARTS for s in labelled):
        # With headings present, unlabelled text is introduction or closing; still count
        # clear actions there so a part is never reported missing when it is written.
        free = [i for i in free if i.role != "neutral"]
    runs: list[tuple[ItemRole, list[Item]]] = []
    for _, group in groupby(free, key=lambda i: i.paragraph_start):
        paragraph = list(group)
        roles = [i.role for i in paragraph if i.role != "neutral"]
        if not roles:
            continue
        top, count = Counter(roles).most_common(1)[0]
        if count * 2 > len(roles) and len(roles) >= 2:
            pieces: list[tuple[ItemRole, list[Item]]] = [(top, paragraph)]
        else:
            pieces = [
                (role, list(run))
                for role, run in groupby(
                    (i for i in paragraph if i.role != "neutral"), key=lambda i: i.role
                )
            ]
        for role, members in pieces:
            if runs and runs[-1][0] == role:
                runs[-1][1].extend(members)
            else:
                runs.append((role, list(members)))
    return [_section_from_run(role, run) for role, run in runs]


_ROLE_TO_PART: dict[ItemRole, PartKind] = {
    "cause": "root_cause",
    "corrective": "corrective",
    "preventive": "preventive",
    "neutral": "introduction",
}


def _section_from_run(role: ItemRole, run: Sequence[Item]) -> Section:
    return Section(
        kind=_ROLE_TO_PART[role],
        start=run[0].start,
        end=run[-1].end,
        found_by="content",
        items=tuple(run),
    )
