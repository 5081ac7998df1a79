"""Configuration: one typed model, discovered from the letter's folder upwards.

Sources, lowest to highest priority: defaults, the config file (``.poa-lint.toml`` or
``[tool.poa-lint]`` in ``pyproject.toml``, the nearest one walking up from each letter,
laid over the file it names in ``extend``, as in ruff), then command-line flags. Unknown
keys, unknown rules and wrong types are errors that name the file and key, with the
nearest valid name: a silently ignored typo in ``ignore`` would hide real findings.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .pipelines import check_model_setting
from .severity import Severity
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .catalog import Catalog, Rule

from .config_files import (
    MAX_EXTEND_CHAIN,
    PYPROJECT,
    TOOL_TABLE,
    config_folder,
    config_table,
    extend_target,
    find_config_file,
    glob_match,
    read_config_file,
    resolved_path,
    settings_bytes,
    tomllib,
)
from .discovery import ExcludeRules

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
        from .i18n import normalize

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
            from .reasons import resolve_reason

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
        # the engine (slow to import) is not needed.
        if self.rules or self.model_fields_set & _SHARED_OPTIONS:
            from .engine import prepare_rules

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
                (_specificity(s, rule) for s in (*self.select, *self.extend_select)), default=-1
            )
            ignore_score = max(
                (_specificity(s, rule) for s in (*self.ignore, *extra_ignores)), default=-1
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


_HINTS = {
    "select": 'select = ["POA2", "placeholder-left"]',
    "extend-select": 'extend-select = ["POA8"]',
    "ignore": 'ignore = ["POA405", "wall-of-text"]',
    "per-file-ignores": '[per-file-ignores] "drafts/*.txt" = ["POA701"]',
    "exclude": 'exclude = ["drafts/", "old/*.docx"]',
    "extend-exclude": 'extend-exclude = ["drafts/", "*.bak.txt"]',
    "force-exclude": "force-exclude = true",
    "respect-gitignore": "respect-gitignore = false",
    "extend": 'extend = "../.poa-lint.toml"',
    "min-severity": 'min-severity = "warning"',
    "fail-on": 'fail-on = "error"',
    "model": 'model = "en_core_web_sm"',
    "reason": 'reason = "odr" (`poa-lint reasons` lists them)',
    "list-style": 'list-style = "prose"',
    "max-file-size": "max-file-size = 10000000 (bytes)",
    "max-docx-size": "max-docx-size = 100000000 (bytes)",
    "cache-dir": 'cache-dir = ".poa-lint-cache"',
    "lang": 'lang = "zh" (or "en")',
    "rules": '[rules.placeholder-left] severity = "warning"',
}


def _hint(loc: tuple[Any, ...]) -> str | None:
    """How a setting is written, so a type error says what a fix looks like."""
    return _HINTS.get(str(loc[0])) if loc else None


_CATEGORY_SPECIFICITY = 4
"""A category ("tone") names the same rules as its code prefix ("POA2"), and as precisely."""


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely a selector names a rule (-1: not at all). Names are exact; longer wins."""
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() == rule.name:
        return 100
    if s.lower() == rule.category.value:
        return _CATEGORY_SPECIFICITY
    if rule.code.startswith(s.upper()) and s.upper().startswith("POA"):
        return len(s)
    return -1


def _matching_rules(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if _specificity(selector, r) >= 0]


def did_you_mean(word: str, choices: Sequence[str]) -> str | Template:
    """' (did you mean 'select'?)' for the closest of ``choices``, or ''."""
    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.strip().lower(), list(by_lower), n=1, cutoff=0.6)
    if not close:
        return ""
    return message(N_(" (did you mean {choice}?)"), choice=repr(by_lower[close[0]]))


def selector_problem(selector: str, catalog: Catalog) -> Template | None:
    """Why a selector (``select``, ``ignore``, ``--ignore`` ...) names no rule, or None."""
    if _matching_rules(selector, catalog.rules):
        return None
    choices = sorted(
        {r.code for r in catalog.rules}
        | {r.name for r in catalog.rules}
        | {r.category.value for r in catalog.rules}
    )
    return message(
        N_(
            "{selector} matches no rule{hint}; use a code (POA201), a prefix (POA2), a "
            "category (tone) or a name (blames-buyer). `poa-lint rules` lists them."
        ),
        selector=repr(selector),
        hint=did_you_mean(selector, choices),
    )


def _key_path(loc: Sequence[Any]) -> str:
    """A dotted key path for a message; odd keys (newlines, control characters) are shown
    quoted so the error stays on one line."""
    return ".".join(str(p) if str(p).isprintable() else repr(p) for p in loc)


def _first_error(exc: ValidationError) -> Template:
    err = exc.errors()[0]
    loc = _key_path(err["loc"]) or "(top level)"
    return message(_KEY_PROBLEM, key=loc, problem=err["msg"])


def parse_config(data: Mapping[str, Any], source: str | None, root: str | None) -> Config:
    """Validate a raw TOML table into a Config, turning pydantic's errors into one clear line."""
    keys = sorted(_kebab(n) for n in Config.model_fields if n not in _INTERNAL)
    valid = ", ".join(keys)
    for key in data:
        if key in _INTERNAL:  # set by poa-lint itself, never from a file
            raise ConfigError(source, _unknown_key(key, valid))
    try:
        config = _validated({**data, "root": root, "source": source})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _key_path(err["loc"])
        if err["type"] == "extra_forbidden":
            hint = did_you_mean(str(err["loc"][0]), keys) if err["loc"] else ""
            raise ConfigError(source, _unknown_key(loc, valid, hint)) from exc
        got = _short_repr(err.get("input"))
        problem = _plain(err["msg"])
        example = _hint(tuple(err["loc"]))
        if example:
            wrong = message(
                N_("{key}: {problem} (got {value}); write it like: {example}"),
                key=loc,
                problem=problem,
                value=got,
                example=example,
            )
        else:
            wrong = message(
                N_("{key}: {problem} (got {value})"), key=loc, problem=problem, value=got
            )
        raise ConfigError(source, wrong) from exc
    _check_globs(config)
    return config


def _unknown_key(key: str, valid: str, hint: str | Template = "") -> Template:
    return message(
        N_("unknown key {key}{hint}; valid keys are: {valid}"),
        key=repr(key),
        hint=hint,
        valid=valid,
    )


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


def _plain(message: str) -> str:
    """pydantic's words in TOML's terms: a tuple is a list, a dictionary a table."""
    return (
        message.replace("a valid tuple", "a list")
        .replace("a valid dictionary or instance of RuleSettings", "a table")
        .replace("a valid dictionary", "a table")
    )


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def load_config_file(path: str | Path) -> Config:
    """Read one config file (``.poa-lint.toml`` or a ``pyproject.toml``)."""
    p = Path(path)
    return config_from_bytes(p, read_config_bytes(p))


def read_config_bytes(p: Path) -> bytes:
    try:
        return read_config_file(p)  # bounded: MAX_CONFIG_BYTES
    except OSError as exc:
        raise ConfigError(
            str(p),
            message(
                N_("cannot read the config file ({reason}); check the path"),
                reason=exc.strerror or exc,
            ),
        ) from exc


def config_from_bytes(p: Path, raw: bytes, *, _seen: frozenset[Path] = frozenset()) -> Config:
    """Parse and validate a config file's bytes (``p`` names it and gives its folder),
    laid over the file it names in ``extend``, if any."""
    try:
        table = config_table(p, raw)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            str(p),
            message(
                N_("is not UTF-8 text (bad byte at offset {offset}); save it as UTF-8"),
                offset=exc.start,
            ),
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            str(p), message(N_("invalid TOML: {error}; fix the syntax"), error=exc)
        ) from exc
    source = f"{p} [tool.{TOOL_TABLE}]" if p.name == PYPROJECT else str(p)
    if not isinstance(table, dict):
        raise ConfigError(source, N_("expected a table of settings"))
    config = parse_config(table, source, str(p.parent))
    return config if config.extend is None else _extended(p, config, _seen)


def _extended(p: Path, own: Config, seen: frozenset[Path]) -> Config:
    """``own`` laid over the config it extends (ruff's ``extend``): keys set in ``own``
    win; ``rules`` and ``per-file-ignores`` are merged table by table; ``extend-exclude``
    patterns add up. Each exclusion and per-file-ignores pattern stays relative to the
    folder of the file that declares it."""
    assert own.extend is not None
    target = extend_target(p, own.extend)
    here = resolved_path(p)
    if target == here or target in seen:
        raise ConfigError(
            own.source,
            message(
                N_(
                    "extend: {value} leads back to {target}, a loop of `extend` keys; remove "
                    "one of them"
                ),
                value=repr(own.extend),
                target=str(target),
            ),
        )
    if len(seen) >= MAX_EXTEND_CHAIN:
        raise ConfigError(
            own.source,
            message(
                N_("extend: more than {count} files extend each other; use fewer levels"),
                count=MAX_EXTEND_CHAIN,
            ),
        )
    try:
        raw = read_config_file(target)
    except OSError as exc:
        raise ConfigError(
            own.source,
            message(
                N_(
                    "extend: cannot read {target} ({reason}); check the path (it is relative "
                    "to this file's folder)"
                ),
                target=str(target),
                reason=exc.strerror or exc,
            ),
        ) from exc
    base = config_from_bytes(target, raw, _seen=seen | {here})
    return _combined(base, own)


def _combined(base: Config, own: Config) -> Config:
    merged = base.model_dump(exclude_unset=True)
    origins = {_kebab(key): base.origins.get(_kebab(key), base.source or "") for key in merged}
    for name in base.rules:
        origins[f"rules.{name}"] = base.origins.get(f"rules.{name}", base.source or "")
    ignore_roots = {
        pattern: base.ignore_roots.get(pattern, base.root) for pattern in base.per_file_ignores
    }
    for key, value in own.model_dump(exclude_unset=True).items():
        if key in _INTERNAL:
            continue
        if key == "rules":
            rules = dict(merged.get("rules", {}))
            for name, settings in value.items():
                rules[name] = {**rules.get(name, {}), **settings}
                origins[f"rules.{name}"] = own.source or ""
            merged["rules"] = rules
        elif key == "per_file_ignores":
            merged[key] = {**merged.get(key, {}), **value}
            ignore_roots.update(dict.fromkeys(value, own.root))
        elif key == "extend_exclude":
            merged[key] = (*merged.get(key, ()), *value)
        else:
            merged[key] = value
        origins[_kebab(key)] = own.source or ""
    inherited = base.exclusions()
    exclude_group = (own.root, own.exclude) if "exclude" in own.model_fields_set else inherited[0]
    anchors = (exclude_group, *inherited[1:], (own.root, own.extend_exclude))
    for internal in _INTERNAL:
        merged.pop(internal, None)
    try:
        return _validated(
            {
                **merged,
                "root": own.root,
                "source": own.source,
                "origins": origins,
                "anchors": anchors,
                "ignore_roots": ignore_roots,
            }
        )
    except ValidationError as exc:
        raise ConfigError(own.source, _first_error(exc)) from exc


class ConfigResolver:
    """Finds and caches the config for each letter's folder (one lookup per folder)."""

    def __init__(
        self, explicit: str | Path | None = None, overrides: Mapping[str, Any] | None = None
    ) -> None:
        self._explicit = load_config_file(explicit) if explicit else None
        self._overrides = dict(overrides or {})
        if self._explicit is not None:
            check_model_setting(self._explicit, discovered=False, overrides=self._overrides)
        self._cache: dict[Path, Config] = {}
        self._sources: dict[Path, tuple[Path | None, bytes]] = {}
        self._merged_explicit: Config | None = None

    @property
    def overrides(self) -> Mapping[str, Any]:
        """The command-line settings laid over every config file."""
        return self._overrides

    @property
    def explicit(self) -> bool:
        """True when one config file (``--config``) governs every letter."""
        return self._explicit is not None

    def for_path(self, path: str | None) -> Config:
        if self._explicit is not None:
            # One merged config for every letter: validated, fingerprinted and its rules
            # prepared once per run, not once per letter.
            if self._merged_explicit is None:
                self._merged_explicit = self._explicit.merged(**self._overrides)
            return self._merged_explicit
        folder = config_folder(path)
        cached = self._cache.get(folder)
        if cached is None:
            found = find_config_file(folder)
            # The bytes parsed are the bytes recorded (see source_for), read once.
            raw = read_config_bytes(found) if found else b""
            base = config_from_bytes(found, raw) if found else Config()
            check_model_setting(base, discovered=True, overrides=self._overrides)
            cached = base.merged(**self._overrides)
            self._cache[folder] = cached
            if found is not None and base.extend is not None:
                # A base file's bytes count too (the fast path reads them the same way).
                with contextlib.suppress(OSError, ValueError, tomllib.TOMLDecodeError):
                    raw = settings_bytes(found, raw)
            self._sources[folder] = (found, raw)
        return cached

    def source_for(self, path: str | None) -> tuple[Path | None, bytes] | None:
        """The config file (or None) and the exact bytes that :meth:`for_path` parsed for
        this letter's folder; None before :meth:`for_path` has resolved it, or with
        ``--config``. The cache keys its settings snapshots on these (see
        :mod:`poa_lint.fastpath`)."""
        if self._explicit is not None:
            return None
        return self._sources.get(config_folder(path))
