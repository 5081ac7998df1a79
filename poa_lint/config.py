"""Configuration: one typed model, discovered from the letter's folder upwards.

Sources, lowest to highest priority: defaults, the config file (``.poa-lint.toml`` or
``[tool.poa-lint]`` in ``pyproject.toml``, the nearest one walking up from each letter),
then command-line flags. Unknown keys, unknown rules and wrong types are errors that name
the file and key: a silently ignored typo in ``ignore`` would hide real findings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .severity import Severity
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .catalog import Catalog, Rule

from .config_files import (
    PYPROJECT,
    TOOL_TABLE,
    config_folder,
    config_table,
    find_config_file,
    glob_match,
    tomllib,
)


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


class Config(BaseModel):
    """Every setting poa-lint reads. Field names are kebab-case in TOML."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    exclude: tuple[str, ...] = ()
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
                if not _matching_rules(selector, catalog.rules):
                    raise ConfigError(
                        where,
                        message(
                            N_(
                                "{key}: {selector} matches no rule; use a code (POA201), a "
                                "prefix (POA2) or a name (blames-buyer). `poa-lint rules` "
                                "lists them."
                            ),
                            key=_kebab(key),
                            selector=repr(selector),
                        ),
                    )
        _check_globs(self)
        for pattern, selectors in self.per_file_ignores.items():
            for selector in selectors:
                if not _matching_rules(selector, catalog.rules):
                    raise ConfigError(
                        where,
                        message(
                            N_(
                                "{key}: {selector} matches no rule; use a code (POA701), a "
                                "prefix (POA7) or a name. `poa-lint rules` lists them."
                            ),
                            key=f"per-file-ignores.{pattern!r}",
                            selector=repr(selector),
                        ),
                    )
        for key in self.rules:
            if catalog.find(key) is None:
                raise ConfigError(
                    where,
                    message(
                        N_("{key}: no such rule; `poa-lint rules` lists codes and names"),
                        key=f"rules.{_key_path([key])}",
                    ),
                )
        if self.reason:
            from .reasons import resolve_reason

            try:
                resolve_reason(self.reason)
            except ConfigError as exc:
                raise ConfigError(
                    where, message(_KEY_PROBLEM, key="reason", problem=exc.problem_template)
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
            if select_score > ignore_score or (settings.enabled and select_score >= 0):
                chosen.append(rule)
        return chosen

    def _per_file_ignores_for(self, path: str | None) -> list[str]:
        if not path or not self.per_file_ignores:
            return []
        candidates = _relative_forms(path, self.root)
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if any(glob_match(c, pattern) for c in candidates):
                found.extend(selectors)
        return found

    def merged(self, **overrides: Any) -> Config:
        """A copy with command-line overrides applied (None means 'not given')."""
        values = {k: v for k, v in overrides.items() if v is not None and v != ()}
        if not values:
            return self
        # exclude_unset keeps "which keys did the user set" intact for option inheritance.
        data = self.model_dump(by_alias=False, exclude_unset=True)
        data.update(values)
        data["root"] = self.root
        data["source"] = self.source
        try:
            return Config.model_validate(data)
        except ValidationError as exc:
            raise ConfigError(Template(N_("command line")), _first_error(exc)) from exc


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
    ):
        for pattern in patterns:
            problem = _glob_problem(pattern)
            if problem is not None:
                raise ConfigError(
                    config.source, message(_KEY_PROBLEM, key=_key_path([key]), problem=problem)
                )


_HINTS = {
    "select": 'select = ["POA2", "placeholder-left"]',
    "extend-select": 'extend-select = ["POA8"]',
    "ignore": 'ignore = ["POA405", "wall-of-text"]',
    "per-file-ignores": '[per-file-ignores] "drafts/*.txt" = ["POA701"]',
    "exclude": 'exclude = ["drafts/**", "old/*.docx"]',
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


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely a selector names a rule (-1: not at all). Names are exact; longer wins."""
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() == rule.name:
        return 100
    if rule.code.startswith(s.upper()) and s.upper().startswith("POA"):
        return len(s)
    return -1


def _matching_rules(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if _specificity(selector, r) >= 0]


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
    valid = ", ".join(sorted(_kebab(n) for n in Config.model_fields if n not in _INTERNAL))
    for key in data:
        if key in _INTERNAL:  # set by poa-lint itself, never from a file
            raise ConfigError(source, _unknown_key(key, valid))
    try:
        config = Config.model_validate({**data, "root": root, "source": source})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _key_path(err["loc"])
        if err["type"] == "extra_forbidden":
            raise ConfigError(source, _unknown_key(loc, valid)) from exc
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


def _unknown_key(key: str, valid: str) -> Template:
    return message(N_("unknown key {key}; valid keys are: {valid}"), key=repr(key), valid=valid)


_INTERNAL = frozenset({"root", "source"})
_SHARED_OPTIONS = frozenset(Config.model_fields) - {
    "select",
    "extend_select",
    "ignore",
    "per_file_ignores",
    "exclude",
    "min_severity",
    "fail_on",
    "model",
    "reason",
    "max_file_size",
    "max_docx_size",
    "cache_dir",
    "lang",
    "rules",
    "root",
    "source",
}
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
        return p.read_bytes()
    except OSError as exc:
        raise ConfigError(
            str(p),
            message(
                N_("cannot read the config file ({reason}); check the path"),
                reason=exc.strerror or exc,
            ),
        ) from exc


def config_from_bytes(p: Path, raw: bytes) -> Config:
    """Parse and validate a config file's bytes (``p`` names it and gives its folder)."""
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
    return parse_config(table, source, str(p.parent))


class ConfigResolver:
    """Finds and caches the config for each letter's folder (one lookup per folder)."""

    def __init__(
        self, explicit: str | Path | None = None, overrides: Mapping[str, Any] | None = None
    ) -> None:
        self._explicit = load_config_file(explicit) if explicit else None
        self._overrides = dict(overrides or {})
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
            cached = base.merged(**self._overrides)
            self._cache[folder] = cached
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
