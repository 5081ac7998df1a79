"""Load and validate the rule catalogue (``rules/*.yaml``) into :class:`Rule` objects.

The catalogue is the single source of truth: the engine, ``poa-lint rules``, ``poa-lint
explain``, the generated docs and the example tests all read it. Validation is strict
(``extra="forbid"``) so a typo in a rule file fails loudly instead of silently disabling a
check. Loading is pure and cheap (no spaCy import), so ``poa-lint rules`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import CatalogError
from .severity import Category, Severity

CODE_RE = re.compile(r"^POA[1-9]\d\d$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

TokenPattern = list[dict[str, Any]]


class PatternEntry(BaseModel):
    """A token pattern (spaCy ``Matcher`` syntax) or a literal phrase, with optional wording.

    In YAML a bare list is shorthand for ``{pattern: [...]}``. ``phrase`` is matched
    case-insensitively on whole tokens (spaCy ``PhraseMatcher`` on ``LOWER``).
    ``suggestion`` and ``message`` override the rule's for matches of this entry.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: TokenPattern | None = None
    phrase: str | None = None
    suggestion: str | None = None
    message: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: Any) -> Any:
        return {"pattern": value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _one_kind(self) -> PatternEntry:
        if (self.pattern is None) == (self.phrase is None):
            raise ValueError("a pattern entry needs exactly one of `pattern` or `phrase`")
        if self.phrase is not None and not self.phrase.strip():
            raise ValueError("`phrase` must not be empty")
        return self


class Example(BaseModel):
    """One example letter or fragment. A bare string in YAML is shorthand for ``text``.

    ``options``, ``reason`` and ``notice`` let an example exercise a rule that depends on
    them (e.g. a 60-word letter is "too long" when ``max-words`` is 40).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    options: dict[str, Any] = Field(default_factory=dict)
    reason: str | None = None
    notice: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Examples(BaseModel):
    """Letters (or fragments) that must and must not trigger the rule; run as tests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bad: tuple[Example, ...] = Field(min_length=1)
    good: tuple[Example, ...] = Field(min_length=1)


class Rule(BaseModel):
    """One rule of the catalogue.

    A rule carries ``patterns`` (token patterns or phrases, compiled once into spaCy
    matchers), names a ``check`` function in :mod:`poa_lint.checks`, or both (the check then
    adds what patterns cannot see, such as a line that is only a file name). ``exceptions`` are
    patterns too: a match that overlaps an exception match is dropped (e.g.
    ``[Attachment 1]`` is not a placeholder).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    category: Category
    severity: Severity
    message: str = Field(description="May use {match} for the matched text.")
    rationale: str
    link: str
    examples: Examples
    patterns: tuple[PatternEntry, ...] = ()
    exceptions: tuple[PatternEntry, ...] = ()
    check: str | None = None
    quotes: Literal["skip", "check"] = Field(
        default="skip",
        description="skip: text the seller quotes (e.g. from Amazon's notice) is not their voice.",
    )
    suggestion: str | None = None
    options: dict[str, Any] = Field(
        default_factory=dict, description="Default options, validated by the check's Options model."
    )
    envelope: Literal["skip", "check"] = Field(
        default="skip",
        description=(
            "skip: only the letter's body counts, not e-mail headers, forum chatter, the "
            "signature or quoted history; check: everything (placeholders in a signature)."
        ),
    )
    scope: Literal["span", "letter"] = Field(
        default="span",
        description=(
            "letter: the finding is about the whole letter (a part missing, too long), so it "
            "points at the letter, not at whatever word the check happened to look at."
        ),
    )
    opt_in: bool = Field(
        default=False,
        alias="opt-in",
        description=(
            "true: not run by `select = [\"ALL\"]`, only when named (code, prefix, name or "
            "category) or enabled in its [rules.X] table. For rules whose measured precision "
            "is too low to show every seller by default."
        ),
    )

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError(f"code {value!r} must look like POA123")
        return value

    @field_validator("name")
    @classmethod
    def _name_shape(cls, value: str) -> str:
        if not NAME_RE.match(value):
            raise ValueError(f"name {value!r} must be kebab-case, e.g. placeholder-left")
        return value

    @model_validator(mode="after")
    def _one_path(self) -> Rule:
        if not self.patterns and not self.check:
            raise ValueError(f"{self.code}: give `patterns`, a `check`, or both")
        if self.exceptions and not self.patterns:
            raise ValueError(f"{self.code}: `exceptions` only make sense with `patterns`")
        return self


class Catalog(BaseModel):
    """All rules, in code order, with lookup by code and by name."""

    model_config = ConfigDict(frozen=True)

    rules: tuple[Rule, ...]

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def find(self, code_or_name: str) -> Rule | None:
        """Look a rule up by code (case-insensitive) or by name."""
        key = code_or_name.strip()
        for rule in self.rules:
            if rule.code.lower() == key.lower() or rule.name == key.lower():
                return rule
        return None


def parse_yaml(name: str, text: str) -> Any:
    """Parse one catalogue file (safe YAML), or raise :class:`CatalogError` naming it.

    PyYAML is imported here, not at the top, so ``--version`` and ``--help`` do without it,
    and libyaml's loader is used when PyYAML has it: about ten times faster than the
    pure-Python one, which made parsing the catalogue the largest part of `poa-lint rules` and
    of a fully cached `poa-lint check`. Same safe subset of YAML, same results.
    """
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CatalogError(f"rules/{name}: invalid YAML: {exc}") from exc


def _load_file(name: str, text: str) -> list[Rule]:
    data = parse_yaml(name, text)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogError(f"rules/{name}: expected a mapping with a `rules:` list")
    rules = []
    for entry in data["rules"]:
        try:
            rules.append(Rule.model_validate(entry))
        except ValidationError as exc:
            code = entry.get("code", "?") if isinstance(entry, dict) else "?"
            raise CatalogError(f"rules/{name}: rule {code}: {exc}") from exc
    return rules


def rule_files() -> Iterable[tuple[str, str]]:
    """(file name, text) of every catalogue file that holds rules, shipped with the package."""
    root = resources.files("poa_lint.rules")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name not in NON_RULE_FILES:
            yield entry.name, entry.read_text(encoding="utf-8")


NON_RULE_FILES = frozenset(
    {"reasons.yaml", "sections.yaml", "synonyms.yaml", "precision.yaml", "timeframes.yaml"}
)


def build_catalog(files: Iterable[tuple[str, str]]) -> Catalog:
    """Validate a set of rule files into a catalogue; duplicate codes or names are errors."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for name, text in files:
        for rule in _load_file(name, text):
            for key in (rule.code, rule.name):
                if key in seen:
                    raise CatalogError(f"rules/{name}: {key} is already defined in {seen[key]}")
                seen[key] = f"rules/{name}"
            rules.append(rule)
    rules.sort(key=lambda r: r.code)
    return Catalog(rules=tuple(rules))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The shipped catalogue, validated once per process (it is immutable)."""
    return build_catalog(rule_files())


def load_data_file(name: str) -> Any:
    """A non-rule data file of the catalogue (reasons.yaml, synonyms.yaml), parsed."""
    try:
        text = resources.files("poa_lint.rules").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogError(f"rules/{name} is missing from the installation") from exc
    return parse_yaml(name, text)
