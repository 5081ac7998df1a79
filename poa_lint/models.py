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


class Report(_Frozen):
    """Everything poa-lint has to say about one letter."""

    path: str | None = None
    findings: tuple[Finding, ...] = ()
    sections: tuple[SectionInfo, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    reason: ReasonInfo | None = None
    stats: LetterStats | None = None

    def codes(self) -> list[str]:
        """The codes found, in order of position: handy in tests and scripts."""
        return [f.code for f in self.findings]
