"""Reading a config file into a :class:`~poa_lint.config.model.Config`: TOML bytes,
``extend`` chains (ruff's), and pydantic's errors worded as one line that names the file,
the key and what a fix looks like."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..config_files import (
    MAX_EXTEND_CHAIN,
    PYPROJECT,
    TOOL_TABLE,
    config_table,
    extend_target,
    read_config_file,
    resolved_path,
    tomllib,
)
from ..errors import ConfigError
from ..texts import N_, Template, message
from .model import _INTERNAL, Config, _check_globs, _first_error, _kebab, _key_path, _validated
from .selectors import did_you_mean

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
