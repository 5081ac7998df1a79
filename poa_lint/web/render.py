"""A checked letter as the page and the HTML report show it, and the templates that show it.

:func:`letter_view` turns a :class:`~poa_lint.models.Report` and the letter's text into
plain data: the letter line by line, cut into segments where findings start and end (so
overlapping findings highlight the same words), the part of the letter each line belongs
to, every finding worded in the reader's language, the cause → action matrix and the
verdict. The Jinja2 templates in ``templates/`` render that data; ``_result.html`` is the
one source of a checked letter's HTML for both the page and ``--format html``.

Everything is escaped by Jinja2's autoescaping: the letter is the user's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..i18n import (
    CATEGORY_WORDS,
    LANGUAGES,
    PART_WORDS,
    SEVERITY_WORDS,
    VERDICT_WORDS,
    Translator,
    translator,
)
from ..texts import N_
from ..verdict import rule_title

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..models import Finding, Report, SectionInfo

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RANK = {"error": 2, "warning": 1, "info": 0}
#: The parts a letter must have, in the order Amazon asks for them.
MAIN_PARTS = ("root_cause", "corrective", "preventive")
#: Status → CSS class (no spaces in class names).
_STATUS_CLASS = {"ready": "ready", "revise": "revise", "will be rejected": "rejected"}


@dataclass(frozen=True)
class FindingView:
    key: str
    code: str
    name: str
    title: str
    severity: str
    severity_word: str
    category_word: str
    message: str
    suggestion: str | None
    excerpt: str
    where: str
    scope: str
    count: int
    link: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of one line's text covered by the same findings (none: plain text)."""

    text: str
    findings: tuple[FindingView, ...] = ()
    #: Findings that end with this segment: their code badge follows it.
    closes: tuple[FindingView, ...] = ()

    @property
    def severity(self) -> str:
        return max((f.severity for f in self.findings), key=_RANK.__getitem__, default="info")

    @property
    def keys(self) -> str:
        return " ".join(f.key for f in self.findings)

    @property
    def codes(self) -> str:
        return " ".join(dict.fromkeys(f.code for f in self.findings))

    @property
    def tooltip(self) -> str:
        """What a browser shows on hover without JavaScript (the HTML report in a mail app)."""
        return "\n".join(f"{f.code}: {f.message}" for f in self.findings)


@dataclass(frozen=True)
class LineView:
    number: int
    segments: tuple[Segment, ...]
    part: str | None
    #: The part's name on the first line of a part (the margin label), else None.
    part_label: str | None


@dataclass(frozen=True)
class PartView:
    kind: str
    word: str
    found: bool
    how: str


@dataclass(frozen=True)
class CoverageView:
    cause: str
    line: int
    corrective: tuple[str, ...]
    preventive: tuple[str, ...]


@dataclass(frozen=True)
class LetterView:
    key: str
    title: str
    status: str | None
    status_class: str
    status_word: str
    reason: str
    counts: str
    errors: int
    warnings: int
    infos: int
    lines: tuple[LineView, ...]
    letter_findings: tuple[FindingView, ...]
    span_findings: tuple[FindingView, ...]
    parts: tuple[PartView, ...]
    coverage: tuple[CoverageView, ...]
    checked_against: str | None
    words: int | None

    @property
    def findings(self) -> tuple[FindingView, ...]:
        return (*self.letter_findings, *self.span_findings)


def letter_view(
    report: Report,
    text: str,
    tr: Translator,
    *,
    key: str = "l1",
    title: str | None = None,
    links: dict[str, str] | None = None,
) -> LetterView:
    """What the templates show of one checked letter. ``text`` is the text the report's
    offsets point into (what the reader extracted); ``links`` maps codes to rule docs."""
    report = tr.localize(report)
    findings = [
        _finding_view(f, f"{key}-f{i}", tr, (links or {}).get(f.code))
        for i, f in enumerate(report.findings, 1)
    ]
    spans = [
        (view, finding)
        for view, finding in zip(findings, report.findings, strict=True)
        if finding.scope != "letter"
    ]
    verdict = report.verdict
    status = verdict.status if verdict is not None else None
    errors = verdict.errors if verdict is not None else _count(report.findings, "error")
    warnings = verdict.warnings if verdict is not None else _count(report.findings, "warning")
    infos = verdict.infos if verdict is not None else _count(report.findings, "info")
    return LetterView(
        key=key,
        title=title or report.path or tr.gettext("Your letter"),
        status=status,
        status_class=_STATUS_CLASS.get(status or "", "unknown"),
        status_word=tr.word(VERDICT_WORDS, status) if status else "",
        reason=verdict.reason if verdict is not None else "",
        counts=_counts(errors, warnings, infos, tr),
        errors=errors,
        warnings=warnings,
        infos=infos,
        lines=_lines(text, spans, report.sections, tr),
        letter_findings=tuple(v for v in findings if v.scope == "letter"),
        span_findings=tuple(v for v, _ in spans),
        parts=_parts(report.sections, tr),
        coverage=tuple(
            CoverageView(
                cause=row.cause,
                line=row.line,
                corrective=row.corrective,
                preventive=row.preventive,
            )
            for row in report.coverage
        ),
        checked_against=tr.gettext(report.reason.name) if report.reason is not None else None,
        words=report.stats.words if report.stats is not None else None,
    )


def _count(findings: Sequence[Finding], severity: str) -> int:
    return sum(f.count if severity == "info" else 1 for f in findings if f.severity == severity)


def _counts(errors: int, warnings: int, infos: int, tr: Translator) -> str:
    return tr(
        N_("{errors} · {warnings} · {infos}"),
        errors=tr.counted("{count} error", "{count} errors", errors),
        warnings=tr.counted("{count} warning", "{count} warnings", warnings),
        infos=tr.counted("{count} info", "{count} info", infos),
    )


def _finding_view(finding: Finding, key: str, tr: Translator, link: str | None) -> FindingView:
    if finding.scope == "letter":
        where = tr.gettext("the whole letter")
    else:
        where = tr(N_("line {line}, column {column}"), line=finding.line, column=finding.column)
        if finding.paragraph is not None:
            where += " · " + tr(N_("paragraph {number} in Word"), number=finding.paragraph)
    if finding.count > 1:
        where += " · " + tr(N_("×{count} in this paragraph or list"), count=finding.count)
    return FindingView(
        key=key,
        code=finding.code,
        name=finding.name,
        title=tr.gettext(rule_title(finding.name)),
        severity=finding.severity.value,
        severity_word=tr.word(SEVERITY_WORDS, finding.severity.value),
        category_word=tr.word(CATEGORY_WORDS, finding.category.value),
        message=finding.message,
        suggestion=finding.suggestion,
        excerpt=finding.excerpt,
        where=where,
        scope=finding.scope,
        count=finding.count,
        link=link,
    )


def _lines(
    text: str,
    spans: Sequence[tuple[FindingView, Finding]],
    sections: Sequence[SectionInfo],
    tr: Translator,
) -> tuple[LineView, ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    if start < len(text) or not bounds:  # no empty line after a final line break
        bounds.append((start, len(text)))
    # A finding that marks a point (start == end) highlights the rest of its line.
    ranges: list[tuple[int, int, FindingView]] = []
    for view, finding in spans:
        begin, end = finding.start, finding.end
        if end <= begin:
            end = next((e for s, e in bounds if s <= begin <= e), begin)
            if end <= begin:
                begin = next((s for s, e in bounds if s <= begin <= e), begin)
        if end > begin:
            ranges.append((begin, end, view))
    cut: list[list[tuple[str, tuple[FindingView, ...]]]] = []
    last_segment: dict[str, tuple[int, int]] = {}
    for line_index, (first, last) in enumerate(bounds):
        here = [(b, e, v) for b, e, v in ranges if b < last and first < e]
        cuts = sorted(
            {first, last} | {max(first, b) for b, _, _ in here} | {min(last, e) for _, e, _ in here}
        )
        row: list[tuple[str, tuple[FindingView, ...]]] = []
        for a, b in pairwise(cuts):
            covering = tuple(v for s, e, v in here if s < b and a < e)
            for view in covering:
                last_segment[view.key] = (line_index, len(row))
            row.append((text[a:b], covering))
        cut.append(row)
    # each finding's code follows the last words it highlights
    closing: dict[tuple[int, int], list[FindingView]] = {}
    for _, _, view in ranges:
        if view.key in last_segment:
            closing.setdefault(last_segment[view.key], []).append(view)
    seen_sections: set[int] = set()
    lines = []
    for line_index, ((first, last), row) in enumerate(zip(bounds, cut, strict=True)):
        segments = tuple(
            Segment(piece, covering, tuple(closing.get((line_index, i), ())))
            for i, (piece, covering) in enumerate(row)
        )
        section_index, section = _section_at(sections, first, last)
        label = None
        if section is not None and section_index not in seen_sections:
            seen_sections.add(section_index)
            label = tr.word(PART_WORDS, section.kind)
        lines.append(
            LineView(
                number=line_index + 1,
                segments=segments,
                part=section.kind if section is not None else None,
                part_label=label,
            )
        )
    return tuple(lines)


def _section_at(
    sections: Sequence[SectionInfo], first: int, last: int
) -> tuple[int, SectionInfo | None]:
    for index, section in enumerate(sections):
        if section.start <= first < section.end or (first <= section.start < max(last, first + 1)):
            return index, section
    return -1, None


def _parts(sections: Sequence[SectionInfo], tr: Translator) -> tuple[PartView, ...]:
    views = []
    for kind in MAIN_PARTS:
        found = [s for s in sections if s.kind == kind]
        if not found:
            views.append(PartView(kind, tr.word(PART_WORDS, kind), False, tr.gettext("not found")))
            continue
        first = found[0]
        if first.heading:
            how = tr(
                N_("line {line}, under the heading “{heading}”"),
                line=first.line,
                heading=first.heading,
            )
        else:
            how = tr(N_("line {line}, found by what it says"), line=first.line)
        views.append(PartView(kind, tr.word(PART_WORDS, kind), True, how))
    return tuple(views)


# --------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str) -> Environment:
    """The Jinja2 environment for one language (gettext installed, autoescaping on)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("poa_lint.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    tr = translator(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        tr.gettext, tr.ngettext, newstyle=True
    )
    env.globals.update(version=__version__, lang=lang, html_lang=_HTML_LANG.get(lang, lang))
    return env


_HTML_LANG = {"en": "en", "zh": "zh-CN"}


@lru_cache(maxsize=4)
def static_text(name: str) -> str:
    """A file of ``static/`` (the stylesheet and script the HTML report inlines)."""
    return (resources.files("poa_lint.web") / "static" / name).read_text(encoding="utf-8")


def render(template: str, lang: str, **context: Any) -> str:
    return environment(lang).get_template(template).render(**context)


def render_result(view: LetterView, lang: str) -> str:
    """The checked letter's HTML, as the page shows it under the text box."""
    return render("result.html", lang, view=view)


def render_document(
    views: Sequence[LetterView], lang: str, *, errors: Sequence[tuple[str, str]] = ()
) -> str:
    """A self-contained HTML report: inline CSS and script, no request to anything."""
    return render(
        "report.html",
        lang,
        letters=views,
        errors=errors,
        css=static_text("poa-lint.css"),
        script=static_text("findings.js"),
    )


__all__ = [
    "LetterView",
    "environment",
    "letter_view",
    "render_document",
    "render_result",
]
