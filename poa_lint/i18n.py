"""The reader's language: which one, and every message worded in it.

poa-lint speaks English and Simplified Chinese. Everything a person reads — findings,
suggestions, the verdict, rule rationales, summaries, errors, the web page and the HTML
report — is an English message id with a Chinese translation in a gettext catalogue
(``poa_lint/locale/zh/LC_MESSAGES/poa_lint.mo``), compiled with Babel from the ``.po`` file
translators edit (``docs/translating.md``). The core words everything in English; the
edges (reporters, the CLI, the web page) ask a :class:`Translator` for the reader's words,
and word a finding's :class:`~poa_lint.texts.Template` afresh, so a cached report can be
shown in either language. The letter itself stays English: words quoted from it are values
of the templates and are never translated. Codes and names (``POA201``,
``blames-buyer``) are the same in every language.

Only the standard library is imported (gettext): a cached run may load this module.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .texts import N_, Template, render

if TYPE_CHECKING:
    from .errors import PoaLintError
    from .models import Report

#: Words for the values people see in reports (the values themselves stay English in JSON).
SEVERITY_WORDS: Mapping[str, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}
CATEGORY_WORDS: Mapping[str, str] = {
    "structure": N_("structure"),
    "tone": N_("tone"),
    "measures": N_("measures"),
    "conciseness": N_("conciseness"),
    "relevance": N_("relevance"),
    "coverage": N_("coverage"),
    "hygiene": N_("hygiene"),
    "form": N_("form"),
}
VERDICT_WORDS: Mapping[str, str] = {
    "ready": N_("ready"),
    "revise": N_("revise"),
    "will be rejected": N_("will be rejected"),
}
#: The parts of a letter (``SectionInfo.kind``), as headings name them.
PART_WORDS: Mapping[str, str] = {
    "introduction": N_("Introduction"),
    "root_cause": N_("Root cause"),
    "corrective": N_("Corrective actions"),
    "preventive": N_("Preventive measures"),
    "closing": N_("Closing"),
}
#: How a part was found (``SectionInfo.found_by``).
FOUND_BY_WORDS: Mapping[str, str] = {
    "heading": N_("heading"),
    "label": N_("label"),
    "content": N_("content"),
}

#: The languages poa-lint speaks, by code, with their names in their own language.
LANGUAGES: Mapping[str, str] = {"en": "English", "zh": "中文"}
DEFAULT = "en"
#: The environment variable that chooses the language (below --lang, above the config).
ENV = "POA_LINT_LANG"
DOMAIN = "poa_lint"


def normalize(value: str | None) -> str | None:
    """The language a tag asks for, or None: ``zh``, ``zh-CN``, ``zh_Hans``, ``ZH`` → ``zh``;
    ``en-GB`` → ``en``. Traditional Chinese (``zh-TW``, ``zh-Hant``) is read as ``zh`` too:
    a Simplified page is more use to its reader than an English one."""
    if not value:
        return None
    base = value.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def from_accept_language(header: str | None) -> str:
    """The best language for a browser's ``Accept-Language`` header (by weight, then order)."""
    if not header:
        return DEFAULT
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        lang = normalize(tag)
        if lang is not None and weight > 0:
            weighted.append((-weight, position, lang))
    return min(weighted)[2] if weighted else DEFAULT


class Translator:
    """Messages in one language. English is the message ids themselves."""

    def __init__(self, lang: str, catalogue: gettext.NullTranslations) -> None:
        self.lang = lang
        self._catalogue = catalogue

    def gettext(self, msgid: str) -> str:
        """The translation of ``msgid`` (``msgid`` itself when there is none)."""
        return self._catalogue.gettext(msgid) if msgid else msgid

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalogue.ngettext(singular, plural, count)

    def __call__(self, msgid: str, **values: object) -> str:
        """``tr("{count} files", count=3)``: translate, then fill the placeholders."""
        return self.render(Template(msgid, {k: str(v) for k, v in values.items()}))

    def counted(self, singular: str, plural: str, count: int, **values: object) -> str:
        """A message with a singular and a plural form, chosen by ``count``."""
        args = {k: str(v) for k, v in {"count": count, **values}.items()}
        return self.render(Template(singular, args, plural=plural, count=count))

    def render(self, template: Template) -> str:
        """Word a template in this language (its values that are templates too)."""
        return render(template, self._lookup)

    def word(self, words: Mapping[str, str], value: str) -> str:
        """A value's word from one of the tables above (``tr.word(SEVERITY_WORDS, "error")``)."""
        return self.gettext(words.get(value, value))

    def text(self, value: str | Template) -> str:
        """A template worded, or a string that may be a message id, translated."""
        return self.render(value) if isinstance(value, Template) else self.gettext(value)

    def _lookup(self, msgid: str, plural: str | None, count: int | None) -> str:
        if plural is not None:
            return self.ngettext(msgid, plural, 1 if count is None else count)
        return self.gettext(msgid)

    def error(self, exc: PoaLintError) -> str:
        """An error's message in this language (``path: problem``)."""
        return self.render(exc.template)

    def localize(self, report: Report) -> Report:
        """The report with its messages, suggestions and verdict reason in this language.

        Everything else (codes, names, positions, excerpts, the letter's own words) is kept.
        English reports are returned as they are, so English output never changes.
        """
        if self.lang == DEFAULT:
            return report
        findings = tuple(
            finding.model_copy(
                update={
                    "message": self.text(finding.message_template or finding.message),
                    "suggestion": (
                        self.text(finding.suggestion_template or finding.suggestion)
                        if finding.suggestion is not None
                        else None
                    ),
                }
            )
            for finding in report.findings
        )
        verdict = report.verdict
        if verdict is not None:
            reason = self.text(verdict.reason_template or verdict.reason)
            verdict = verdict.model_copy(update={"reason": reason})
        return report.model_copy(update={"findings": findings, "verdict": verdict})


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: str = DEFAULT) -> Translator:
    """The translator for a language code of :data:`LANGUAGES` (loaded once per process)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    if lang == DEFAULT:
        return Translator(lang, gettext.NullTranslations())
    path = resources.files("poa_lint") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as handle:
        return Translator(lang, gettext.GNUTranslations(handle))


__all__ = [
    "CATEGORY_WORDS",
    "DEFAULT",
    "ENV",
    "FOUND_BY_WORDS",
    "LANGUAGES",
    "PART_WORDS",
    "SEVERITY_WORDS",
    "VERDICT_WORDS",
    "Translator",
    "from_accept_language",
    "normalize",
    "translator",
]
