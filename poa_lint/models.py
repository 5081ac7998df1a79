"""The public data model: everything poa-lint returns is one of these frozen pydantic models.

Findings are data, never exceptions, so that other tools can filter, serialise and compare
them. Positions are character offsets into the *extracted* text (what the reader produced),
plus 1-based line/column, plus the .docx paragraph number when the letter came from Word.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .severity import JSON_SCHEMA_VERSION as JSON_SCHEMA_VERSION
from .severity import Category as Category
from .severity import Severity as Severity
from .texts import Template


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Finding(_Frozen):
    """One problem in a letter, located precisely enough for an editor to jump to it."""

    code: str = Field(description="Rule code, e.g. POA701.")
    name: str = Field(description="Rule name, e.g. placeholder-left.")
    category: Category
    severity: Severity
    message: str
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    excerpt: str = Field(description="The text at start:end (shortened if very long).")
    suggestion: str | None = Field(default=None, description="A better wording, when one exists.")
    paragraph: int | None = Field(
        default=None, description="1-based paragraph number in the source .docx, if any."
    )
    scope: Literal["span", "letter"] = Field(
        default="span",
        description=(
            "letter: about the whole letter (a missing part, the length, the reason); the "
            "position is then the start of the letter and the excerpt is empty."
        ),
    )
    count: int = Field(
        default=1,
        ge=1,
        description="How many occurrences this finding stands for: repeated info-level "
        "findings of one pattern in one paragraph are reported once, with their count.",
    )
    message_template: Template | None = Field(
        default=None,
        description="The message before it was worded: its English template (the gettext "
        "msgid) and the values of its placeholders, so that poa_lint.i18n can word it in "
        "another language. Not part of the JSON output.",
    )
    suggestion_template: Template | None = Field(
        default=None, description="The suggestion before it was worded (see message_template)."
    )


SectionKind = Literal["introduction", "root_cause", "corrective", "preventive", "closing"]
FoundBy = Literal["heading", "label", "content"]


class SectionInfo(_Frozen):
    """One part of the letter as poa-lint understood it."""

    kind: SectionKind
    start: int
    end: int
    line: int
    end_line: int
    found_by: FoundBy
    heading: str | None = None


class CoverageRow(_Frozen):
    """One cause named in the root-cause part and the actions that answer it."""

    cause: str
    start: int
    end: int
    line: int
    corrective: tuple[str, ...] = ()
    preventive: tuple[str, ...] = ()


ReasonSource = Literal["option", "notice", "detected"]


class ReasonInfo(_Frozen):
    """The suspension reason the letter was checked against, and where it came from."""

    id: str
    name: str
    source: ReasonSource


class LetterStats(_Frozen):
    words: int
    sentences: int
    paragraphs: int


VerdictStatus = Literal["ready", "revise", "will be rejected"]


class Verdict(_Frozen):
    """What to do with the letter, decided by the most severe findings.

    ``will be rejected``: an error-level finding (rules whose precision earned ``error``:
    a missing part, blame, a threat, a placeholder …); ``revise``: a warning; ``ready``:
    neither. Counted before ``min-severity`` hides anything, so the verdict and the exit
    code do not change with what is shown.
    """

    status: VerdictStatus
    reason: str = Field(description="One line naming the findings that decide the verdict.")
    codes: tuple[str, ...] = Field(default=(), description="The deciding rule codes.")
    errors: int = Field(default=0, ge=0)
    warnings: int = Field(default=0, ge=0)
    infos: int = Field(default=0, ge=0)
    reason_template: Template | None = Field(
        default=None,
        description="The reason before it was worded, for other languages (poa_lint.i18n). "
        "Not part of the JSON output.",
    )


class Report(_Frozen):
    """Everything poa-lint has to say about one letter."""

    path: str | None = None
    verdict: Verdict | None = None
    findings: tuple[Finding, ...] = ()
    sections: tuple[SectionInfo, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    reason: ReasonInfo | None = None
    stats: LetterStats | None = None

    def codes(self) -> list[str]:
        """The codes found, in order of position: handy in tests and scripts."""
        return [f.code for f in self.findings]
