"""The config model: every setting poa-lint reads, as one typed, frozen pydantic model.

Sources, lowest to highest priority: defaults, the config file (``.poa-lint.toml`` or
``[tool.poa-lint]`` in ``pyproject.toml``, the nearest one walking up from each letter,
laid over the file it names in ``extend``, as in ruff), then command-line flags. Unknown
keys, unknown rules and wrong types are errors that name the file and key, with the
nearest valid name: a silently ignored typo in ``ignore`` would hide real findings.

This module holds the model and what it answers (which rules run for a file, what to
exclude, a copy with the command-line flags laid over it); reading a file into it is
:mod:`poa_lint.config.loading`, finding the file for each letter
:mod:`poa_lint.config.resolver`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..config_files import glob_match
from ..discovery import ExcludeRules
from ..errors import ConfigError
from ..severity import Severity
from ..texts import N_, Template, message
from .selectors import did_you_mean, selector_problem, specificity

if TYPE_CHECKING:
    from ..catalog import Catalog, Rule

DEFAULT_EXCLUDE: tuple[str, ...] = (
    *(f"{name}*" for name in ("README", "Readme", "readme", "CHANGELOG", "Changelog")),
    *(f"{name}*" for name in ("changelog", "CHANGES", "HISTORY", "CONTRIBUTING", "LICENSE")),
    *(f"{name}*" for name in ("LICENCE", "License", "COPYING", "CODE_OF_CONDUCT", "SECURITY")),
    "AUTHORS*",
)
"""A repository's own documents, which are not letters (``exclude`` replaces this list;
``extend-exclude`` adds to it)."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleSettings(BaseModel):
    """Per-rule settings: ``severity`` plus the rule's own options (checked by the rule)."""

    model_config = ConfigDict(
        extra="allow", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    severity: Severity | None = None
    enabled: bool | None = None

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


_INTERNAL_VALIDATION: ContextVar[bool] = ContextVar("poa_lint_config_validation", default=False)


class Config(BaseModel):
    """Every setting poa-lint reads. Field names are kebab-case in TOML."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Gitignore-style patterns, relative to the config file that declares them.
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    # A config file this one is laid over (relative to this file's folder).
    extend: str | None = None
    min_severity: Severity = Severity.INFO
    fail_on: Severity = Severity.ERROR
    model: str | None = None
    reason: str | None = None
    list_style: Literal["bullets", "prose"] = "bullets"
    max_file_size: int = Field(default=5_000_000, gt=0)
    max_docx_size: int = Field(default=50_000_000, gt=0)
    # Where results are cached (relative to the config file's folder); see poa_lint/cache.py.
    cache_dir: str | None = None
    # The language people read poa-lint in ("en", "zh"); read from the config of the current
    # folder, like cache-dir, below --lang and POA_LINT_LANG. It changes no result.
    lang: Literal["en", "zh"] | None = None
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    # Where the file-based settings came from; per-file-ignores globs are relative to it.
    root: str | None = Field(default=None, exclude=True)
    source: str | None = Field(default=None, exclude=True)
    # With `extend`: the file each setting came from (for messages), the folder each
    # exclusion and per-file-ignores pattern is relative to.
    origins: dict[str, str] = Field(default_factory=dict, exclude=True)
    anchors: tuple[tuple[str | None, tuple[str, ...]], ...] | None = Field(
        default=None, exclude=True
    )
    ignore_roots: dict[str, str | None] = Field(default_factory=dict, exclude=True)

    def __init__(self, **data: Any) -> None:
        # Built from Python (``Config(select=5)``), a mistake is a ConfigError like any
        # other: a pydantic ValidationError never escapes poa-lint. (pydantic calls this
        # for model_validate too; poa-lint's own validation, which words its errors for
        # the config file, goes through _validated and sees the ValidationError.)
        try:
            super().__init__(**data)
        except ValidationError as exc:
            if _INTERNAL_VALIDATION.get():
                raise
            raise ConfigError("Config(...)", _first_error(exc)) from None

    @field_validator("lang", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        from ..i18n import normalize

        # "zh-CN", "zh_Hans", "EN" are spellings of the two languages, not other languages
        return (normalize(value) or value) if isinstance(value, str) else value

    @field_validator("select", "extend_select", "ignore", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    def validate_against(self, catalog: Catalog) -> Config:
        """Check that every selector and rule table names a real rule; returns self."""
        where = self.source
        for key in ("select", "extend_select", "ignore"):
            for selector in getattr(self, key):
                problem = selector_problem(selector, catalog)
                if problem is not None:
                    raise ConfigError(
                        self.origins.get(_kebab(key), where),
                        message(_KEY_PROBLEM, key=_kebab(key), problem=problem),
                    )
        _check_globs(self)
        for pattern, selectors in self.per_file_ignores.items():
            for selector in selectors:
                problem = selector_problem(selector, catalog)
                if problem is not None:
                    raise ConfigError(
                        self.origins.get("per-file-ignores", where),
                        message(_KEY_PROBLEM, key=f"per-file-ignores.{pattern!r}", problem=problem),
                    )
        for key in self.rules:
            if catalog.find(key) is None:
                names = [r.name for r in catalog.rules] + [r.code for r in catalog.rules]
                raise ConfigError(
                    self.origins.get(f"rules.{key}", where),
                    message(
                        N_("{key}: no such rule{hint}; `poa-lint rules` lists codes and names"),
                        key=f"rules.{_key_path([key])}",
                        hint=did_you_mean(key, names),
                    ),
                )
        if self.reason:
            from ..reasons import resolve_reason

            try:
                resolve_reason(self.reason)
            except ConfigError as exc:
                raise ConfigError(
                    self.origins.get("reason", where),
                    message(_KEY_PROBLEM, key="reason", problem=exc.problem_template),
                ) from exc
        # Rule options are checked here too (not only when the letters are parsed), so that
        # a bad option fails the letters under this config alone, at the start of the run.
        # Without [rules.*] tables or shared settings the catalogue's defaults apply, and
        # the checks (slow to import) are not needed.
        if self.rules or self.model_fields_set & _SHARED_OPTIONS:
            from ..active_rules import prepare_rules

            prepare_rules(catalog, self)
        return self

    def settings_for(self, rule: Rule) -> RuleSettings:
        """The [rules.X] table for a rule, whether keyed by code or by name."""
        for key, settings in self.rules.items():
            if key.upper() == rule.code or key.lower() == rule.name:
                return settings
        return RuleSettings()

    def enabled_rules(self, catalog: Catalog, path: str | None = None) -> list[Rule]:
        """Rules that run for a file: select/extend-select/ignore, then per-file-ignores."""
        extra_ignores = self._per_file_ignores_for(path)
        chosen = []
        for rule in catalog.rules:
            settings = self.settings_for(rule)
            if settings.enabled is False:
                continue
            select_score = max(
                (specificity(s, rule) for s in (*self.select, *self.extend_select)), default=-1
            )
            ignore_score = max(
                (specificity(s, rule) for s in (*self.ignore, *extra_ignores)), default=-1
            )
            if rule.opt_in and not settings.enabled and select_score <= 0:
                continue  # "ALL" does not include an opt-in rule; naming it does
            if select_score > ignore_score or (settings.enabled and select_score >= 0):
                chosen.append(rule)
        return chosen

    def _per_file_ignores_for(self, path: str | None) -> list[str]:
        if not path or not self.per_file_ignores:
            return []
        forms: dict[str | None, list[str]] = {}
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            root = self.ignore_roots.get(pattern, self.root)
            candidates = forms.get(root)
            if candidates is None:
                candidates = forms[root] = _relative_forms(path, root)
            if any(glob_match(c, pattern) for c in candidates):
                found.extend(selectors)
        return found

    def exclude_rules(self) -> ExcludeRules:
        """What :mod:`poa_lint.discovery` needs: the exclusion patterns, each group with
        the folder it is relative to, and whether to honour ``.gitignore``."""
        return ExcludeRules(
            patterns=self.exclusions(),
            respect_gitignore=self.respect_gitignore,
            force_exclude=self.force_exclude,
        )

    def exclusions(self) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
        """``exclude`` and then each ``extend-exclude``, each with the folder its patterns
        are relative to: that of the config file that declares it (None: the current
        folder)."""
        if self.anchors is not None:
            return self.anchors
        return ((self.root, self.exclude), (self.root, self.extend_exclude))

    def merged(self, **overrides: Any) -> Config:
        """A copy with command-line overrides applied (None means 'not given')."""
        values = {k: v for k, v in overrides.items() if v is not None and v != ()}
        if not values:
            return self
        # exclude_unset keeps "which keys did the user set" intact for option inheritance.
        data = self.model_dump(by_alias=False, exclude_unset=True)
        data.update(values)
        for internal in _INTERNAL:
            data[internal] = getattr(self, internal)
        try:
            return _validated(data)
        except ValidationError as exc:
            raise ConfigError(Template(N_("command line")), _first_error(exc)) from exc


def _validated(data: Mapping[str, Any]) -> Config:
    """``Config.model_validate`` that lets pydantic's ValidationError through to the
    caller, which turns it into a ConfigError worded for the file and key."""
    token = _INTERNAL_VALIDATION.set(True)
    try:
        return Config.model_validate(data)
    finally:
        _INTERNAL_VALIDATION.reset(token)


def _relative_forms(path: str, root: str | None) -> list[str]:
    p = Path(path)
    forms = [p.as_posix(), p.name]
    if root:
        with contextlib.suppress(ValueError, OSError, RuntimeError):  # RuntimeError: a loop
            forms.append(p.resolve().relative_to(Path(root).resolve()).as_posix())
    return forms


#: A problem with one setting: ``exclude: the glob '[' has an unclosed '[' …``.
_KEY_PROBLEM = N_("{key}: {problem}")


def _glob_problem(pattern: str) -> str | Template | None:
    """Why ``pattern`` is not a usable glob, or None. fnmatch would silently read an
    unclosed '[' as a literal character, so a typo would quietly match nothing."""
    if not pattern.strip():
        return N_("an empty glob pattern is not allowed; write e.g. 'drafts/*.txt'")
    if "\x00" in pattern:
        return message(
            N_("the glob {pattern} contains a NUL character; remove it"), pattern=repr(pattern)
        )
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i] == "[":
            j = i + 1
            if j < n and pattern[j] == "!":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                return message(
                    N_(
                        "the glob {pattern} has an unclosed '['; close the set (e.g. "
                        "'draft[0-9].txt') or write a literal bracket as '[[]'"
                    ),
                    pattern=repr(pattern),
                )
            i = j
        i += 1
    return None


def _check_globs(config: Config) -> None:
    """Raise :class:`ConfigError` naming the key for the first unusable glob."""
    for key, patterns in (
        ("per-file-ignores", tuple(config.per_file_ignores)),
        ("exclude", config.exclude),
        ("extend-exclude", config.extend_exclude),
    ):
        for pattern in patterns:
            problem = _glob_problem(pattern)
            if problem is not None:
                raise ConfigError(
                    config.origins.get(key, config.source),
                    message(_KEY_PROBLEM, key=_key_path([key]), problem=problem),
                )


def _key_path(loc: Sequence[Any]) -> str:
    """A dotted key path for a message; odd keys (newlines, control characters) are shown
    quoted so the error stays on one line."""
    return ".".join(str(p) if str(p).isprintable() else repr(p) for p in loc)


def _first_error(exc: ValidationError) -> Template:
    err = exc.errors()[0]
    loc = _key_path(err["loc"]) or "(top level)"
    return message(_KEY_PROBLEM, key=loc, problem=err["msg"])


_INTERNAL = frozenset({"root", "source", "origins", "anchors", "ignore_roots"})
_SHARED_OPTIONS = (
    frozenset(Config.model_fields)
    - _INTERNAL
    - {
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "exclude",
        "extend_exclude",
        "force_exclude",
        "respect_gitignore",
        "extend",
        "min_severity",
        "fail_on",
        "model",
        "reason",
        "max_file_size",
        "max_docx_size",
        "cache_dir",
        "lang",
        "rules",
    }
)
"""Top-level settings that rules may read as options (e.g. ``list-style``)."""
