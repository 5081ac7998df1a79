"""Which rules run for a letter, at which severity, with which options.

The catalogue says what each rule is; the config says which of them run (``select``,
``ignore``, ``per-file-ignores``), at which severity, and with which options; the check
behind a rule says which options it takes (its pydantic ``Options`` model). This module
puts the three together and validates the options, so that a bad option is a
:class:`~poa_lint.errors.ConfigError` naming the key. Both the engine (per run) and
:meth:`poa_lint.config.Config.validate_against` (up front) ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .checks import CHECKS, Options
from .errors import CatalogError, ConfigError
from .severity import Severity
from .texts import N_, message

if TYPE_CHECKING:
    from .catalog import Catalog, Rule
    from .config import Config


@dataclass(frozen=True)
class ActiveRule:
    """A rule as configured for one run: its effective severity and validated options."""

    rule: Rule
    severity: Severity
    options: Options | None


def _option_values(
    rule: Rule, config: Config, options_model: type[Options] | None
) -> dict[str, Any]:
    """Rule defaults, then top-level settings a check shares (e.g. ``list-style``), then the
    rule's own table. A top-level key counts only when the user set it."""
    values = dict(rule.options)
    if options_model is not None:
        for name, field in options_model.model_fields.items():
            if name in type(config).model_fields and name in config.model_fields_set:
                values[field.alias or name] = getattr(config, name)
    values.update(config.settings_for(rule).options())
    # Accept max_words as well as max-words: the models' aliases are kebab-case.
    return {key.replace("_", "-"): value for key, value in values.items()}


def prepare_rules(catalog: Catalog, config: Config, path: str | None = None) -> list[ActiveRule]:
    """Resolve which rules run for ``path`` and validate their options against the check."""
    active = []
    for rule in config.enabled_rules(catalog, path):
        settings = config.settings_for(rule)
        severity = settings.severity or rule.severity
        options: Options | None = None
        spec = CHECKS.get(rule.check) if rule.check is not None else None
        if rule.check is not None and spec is None:
            raise CatalogError(f"{rule.code}: check function {rule.check!r} is not registered")
        values = _option_values(rule, config, spec.options if spec else None)
        if spec is not None:
            try:
                options = spec.options.model_validate(values)
            except ValidationError as exc:
                err = exc.errors()[0]
                key = ".".join(str(p) if str(p).isprintable() else repr(p) for p in err["loc"])
                raise ConfigError(
                    config.source,
                    message(
                        N_("{key}: {problem} (got {value})"),
                        key=f"rules.{rule.name}.{key}",
                        problem=err["msg"],
                        value=repr(err.get("input")),
                    ),
                ) from exc
        elif values:
            raise ConfigError(
                config.source,
                message(N_("{key}: this rule takes no options"), key=f"rules.{rule.name}"),
            )
        active.append(ActiveRule(rule=rule, severity=severity, options=options))
    return active
