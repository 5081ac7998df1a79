"""Issue 12, points 3 and 4 (the config model): `extend`, categories as selectors, the
nearest valid name for a mistyped rule or key, and ConfigError for a Config built in Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from poa_lint import ConfigError, load_config_file
from poa_lint.catalog import load_catalog
from poa_lint.config import Config


def test_extend_lays_a_config_over_a_shared_base(tmp_path: Path) -> None:
    (tmp_path / ".poa-lint.toml").write_text(
        'ignore = ["POA405"]\nextend-exclude = ["archive/"]\n'
        '[rules.too-long]\nmax-words = 900\nseverity = "error"\n',
        encoding="utf-8",
    )
    team = tmp_path / "team"
    team.mkdir()
    (team / ".poa-lint.toml").write_text(
        'extend = "../.poa-lint.toml"\nselect = ["tone", "POA4"]\n'
        "extend-exclude = ['drafts/']\n[rules.too-long]\nmax-words = 700\n",
        encoding="utf-8",
    )
    config = load_config_file(team / ".poa-lint.toml")
    assert config.ignore == ("POA405",) and config.select == ("tone", "POA4")
    too_long = config.rules["too-long"]
    assert too_long.severity is not None and too_long.severity.value == "error"
    assert too_long.options() == {"max-words": 700}
    assert config.exclusions()[1:] == (
        (str(tmp_path), ("archive/",)),
        (str(team), ("drafts/",)),
    )
    from poa_lint.catalog import load_catalog

    enabled = {
        r.code for r in config.validate_against(load_catalog()).enabled_rules(load_catalog())
    }
    assert "POA201" in enabled and "POA401" in enabled and "POA405" not in enabled
    assert "POA701" not in enabled


def test_extend_errors_name_the_file(tmp_path: Path) -> None:
    child = tmp_path / ".poa-lint.toml"
    child.write_text('extend = "missing.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"extend: cannot read .*missing.toml .*check the path"):
        load_config_file(child)
    child.write_text('extend = ".poa-lint.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="a loop of `extend` keys"):
        load_config_file(child)
    base = tmp_path / "base.toml"
    base.write_text('ignore = ["POA2O1"]\n', encoding="utf-8")
    child.write_text('extend = "base.toml"\n', encoding="utf-8")
    from poa_lint.catalog import load_catalog

    with pytest.raises(ConfigError) as info:
        load_config_file(child).validate_against(load_catalog())
    assert str(info.value).startswith(f"{base}: ignore: 'POA2O1' matches no rule")
    assert "did you mean 'POA201'?" in str(info.value)


def test_unknown_keys_and_rule_tables_get_suggestions(tmp_path: Path) -> None:
    path = tmp_path / ".poa-lint.toml"
    path.write_text('selct = ["POA7"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'selct' \(did you mean 'select'\?\)"):
        load_config_file(path)
    path.write_text("[rules.blame-buyer]\nenabled = false\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"rules.blame-buyer: no such rule \(did you mean 'blames-buyer'\?\)"
    ):
        load_config_file(path).validate_against(load_catalog())


def test_categories_are_selectors() -> None:
    catalog = load_catalog()
    tone = Config(select=("tone",)).validate_against(catalog).enabled_rules(catalog)
    assert {r.code[:4] for r in tone} == {"POA2"}
    config = Config(select=("ALL",), ignore=("hygiene", "form"))
    assert not any(r.code.startswith(("POA7", "POA8")) for r in config.enabled_rules(catalog))
    # A rule named exactly wins over its category, as over its prefix.
    picked = Config(select=("blames-buyer",), ignore=("tone",)).enabled_rules(catalog)
    assert [r.code for r in picked] == ["POA201"]


def test_config_built_in_python_raises_config_error() -> None:
    with pytest.raises(ConfigError, match="select"):
        Config(select=5)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="fail_on"):
        Config(fail_on="loud")  # type: ignore[arg-type]
