"""Configuration: discovery, selection by code/prefix/name, options, errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from poa_lint import lint, lint_file
from poa_lint.catalog import load_catalog
from poa_lint.config import Config, ConfigResolver, RuleSettings, find_config_file, load_config_file
from poa_lint.errors import ConfigError

CATALOG = load_catalog()
LONG = "We refunded the buyer. " * 40  # 160 words


def codes(config: Config, path: str | None = None) -> list[str]:
    return [r.code for r in config.enabled_rules(CATALOG, path)]


def test_default_selects_everything_but_opt_in_rules() -> None:
    assert codes(Config()) == [r.code for r in CATALOG.rules if not r.opt_in]
    assert {r.code for r in CATALOG.rules if r.opt_in} == {"POA601", "POA602"}


@pytest.mark.parametrize(
    "config",
    [
        Config(extend_select=("POA601",)),
        Config(extend_select=("coverage",)),
        Config(extend_select=("POA6",)),
        Config(select=("cause-without-corrective-action",)),
        Config(rules={"POA601": RuleSettings(enabled=True)}),
    ],
    ids=["code", "category", "prefix", "name", "enabled"],
)
def test_an_opt_in_rule_runs_when_named(config: Config) -> None:
    assert "POA601" in codes(config)


def test_an_opt_in_rule_stays_off_when_named_and_ignored() -> None:
    assert "POA601" not in codes(Config(extend_select=("POA6",), ignore=("POA601",)))


def test_select_prefix_ignore_name() -> None:
    config = Config(select=("POA7", "POA4"), ignore=("placeholder-left",))
    assert "POA701" not in codes(config)
    assert "POA401" in codes(config)


def test_more_specific_select_wins_over_prefix_ignore() -> None:
    config = Config(ignore=("POA4",), extend_select=("POA401",))
    assert "POA401" in codes(config)


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(ConfigError, match="POA999"):
        Config(select=("POA999",)).validate_against(CATALOG)


def test_unknown_rule_table_is_an_error() -> None:
    with pytest.raises(ConfigError, match="no-such-rule"):
        Config(rules={"no-such-rule": RuleSettings()}).validate_against(CATALOG)


def test_rule_option_changes_behaviour() -> None:
    config = Config(select=("POA401",), rules={"too-long": RuleSettings(**{"max-words": 100})})
    assert lint(LONG, config=config).codes() == ["POA401"]
    assert lint(LONG, config=Config(select=("POA401",))).codes() == []


def test_rule_severity_override() -> None:
    config = Config(
        select=("POA401",), rules={"POA401": RuleSettings(severity="error", **{"max-words": 10})}
    )
    assert lint(LONG, config=config).findings[0].severity.value == "error"


def test_bad_option_type_names_the_key() -> None:
    config = Config(select=("POA401",), rules={"too-long": RuleSettings(**{"max-words": "many"})})
    with pytest.raises(ConfigError, match="max-words"):
        lint(LONG, config=config)


def test_unknown_option_names_the_key() -> None:
    config = Config(select=("POA401",), rules={"too-long": RuleSettings(colour="red")})
    with pytest.raises(ConfigError, match="colour"):
        lint(LONG, config=config)


def test_pyproject_discovery_walks_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.poa-lint]\nignore = ["POA401"]\n', encoding="utf-8"
    )
    sub = tmp_path / "letters" / "2024"
    sub.mkdir(parents=True)
    letter = sub / "a.txt"
    letter.write_text(LONG * 5, encoding="utf-8")
    assert find_config_file(letter) == tmp_path / "pyproject.toml"
    assert "POA401" not in lint_file(letter).codes()


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(tmp_path / "a.txt") is None


def test_dot_file_wins_in_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.poa-lint]\nignore = ["POA401"]\n', encoding="utf-8"
    )
    (tmp_path / ".poa-lint.toml").write_text('ignore = ["POA701"]\n', encoding="utf-8")
    assert find_config_file(tmp_path / "a.txt") == tmp_path / ".poa-lint.toml"


def test_per_file_ignores_glob(tmp_path: Path) -> None:
    (tmp_path / ".poa-lint.toml").write_text(
        '[per-file-ignores]\n"drafts/**" = ["POA401"]\n', encoding="utf-8"
    )
    config = ConfigResolver().for_path(str(tmp_path / "drafts" / "x.txt"))
    assert "POA401" not in codes(config, str(tmp_path / "drafts" / "x.txt"))
    assert "POA401" in codes(config, str(tmp_path / "final" / "x.txt"))


def test_cli_overrides_file(tmp_path: Path) -> None:
    (tmp_path / ".poa-lint.toml").write_text('select = ["POA401"]\n', encoding="utf-8")
    config = ConfigResolver(overrides={"select": ("POA701",)}).for_path(str(tmp_path / "a.txt"))
    assert codes(config) == ["POA701"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("select = [", "invalid TOML"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("min-severity = 'loud'", "min-severity"),
        ("max-file-size = 'big'", "max-file-size"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / ".poa-lint.toml"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


def test_list_style_reaches_rule_options() -> None:
    from poa_lint.engine import prepare_rules

    config = Config(list_style="prose")
    for active in prepare_rules(CATALOG, config):
        if active.options is not None and hasattr(active.options, "list_style"):
            assert active.options.list_style == "prose"
