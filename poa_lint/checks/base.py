"""The contract between the engine and a check function.

A check is a plain function ``(letter, options) -> Iterable[Hit]``. It reads the parsed
:class:`~poa_lint.letter.Letter`, never re-parses, never mutates shared state, and reports
character spans; the engine turns them into located, severity-tagged findings. A finding
about the whole letter (a missing part, an unanswered reason) points at :func:`first_line`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..texts import Template

if TYPE_CHECKING:
    from ..letter import Letter


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Options(BaseModel):
    """Base for each rule's options: kebab-case keys in TOML, unknown keys rejected."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )


class NoOptions(Options):
    """For checks that take no options."""


@dataclass(frozen=True)
class Hit:
    """A span the check objects to. ``message`` overrides the rule's message when given;
    ``values`` fill ``{placeholders}`` in the rule's message (or in ``message``). A message
    or suggestion written in Python is a msgid (marked with :func:`~poa_lint.texts.N_`) or
    a :class:`~poa_lint.texts.Template`, and a value that readers of other languages need
    in their words (a part's name, a reason) is a template too (see :mod:`poa_lint.texts`).
    ``kind`` tells hits of different patterns apart (the pattern entry that matched), so
    that repeated info-level hits are reported once per kind and paragraph; by default the
    message is the kind."""

    start: int
    end: int
    message: str | Template | None = None
    suggestion: str | Template | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    kind: str | None = None


CheckFunction = Callable[["Letter", Any], Iterable[Hit]]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: the function and the pydantic model of its options."""

    function: CheckFunction
    options: type[Options] = NoOptions


def first_line(letter: Letter) -> tuple[int, int]:
    """Whole-letter findings point at the first line of text."""
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, len(text) if end == -1 else end
