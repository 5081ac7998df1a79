"""Configuration: one typed model, discovered from the letter's folder upwards.

The package keeps one job per module: the model and what it answers
(:mod:`~poa_lint.config.model`), rule selectors (:mod:`~poa_lint.config.selectors`),
reading a file into the model (:mod:`~poa_lint.config.loading`) and finding the config
of each letter (:mod:`~poa_lint.config.resolver`). Finding and reading config files
without pydantic, for a cached run, is :mod:`poa_lint.config_files`.
"""

from __future__ import annotations

from ..config_files import find_config_file
from .loading import config_from_bytes, load_config_file, parse_config, read_config_bytes
from .model import DEFAULT_EXCLUDE, Config, RuleSettings
from .resolver import ConfigResolver
from .selectors import did_you_mean, selector_problem

__all__ = [
    "DEFAULT_EXCLUDE",
    "Config",
    "ConfigResolver",
    "RuleSettings",
    "config_from_bytes",
    "did_you_mean",
    "find_config_file",
    "load_config_file",
    "parse_config",
    "read_config_bytes",
    "selector_problem",
]
