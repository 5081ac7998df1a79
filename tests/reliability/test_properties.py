"""Issue 5, item 5: property-based tests (hypothesis).

* ``lint()`` on arbitrary Unicode text returns; every finding's offsets lie within the
  text; line/column agree with the offsets (recomputed here, independently); and the same
  input gives byte-identical JSON. 200 examples (spaCy parses each in ~5-20 ms).
* Arbitrary config tables either load (``parse_config`` and ``validate_against``) or raise
  ``ConfigError``, never another exception. 500 examples.
* Arbitrary bytes in a config file either load or raise ``ConfigError``. 300 examples.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from poa_lint import ConfigError, lint
from poa_lint.catalog import load_catalog
from poa_lint.config import Config, load_config_file, parse_config
from poa_lint.engine import prepare_rules

from .support import assert_positions

LINT_EXAMPLES = 200
CONFIG_EXAMPLES = 500
CONFIG_FILE_EXAMPLES = 300

# ------------------------------------------------------------------------------------------
# arbitrary letters
# ------------------------------------------------------------------------------------------

FRAGMENTS = [
    "Dear Seller Performance Team,",
    "Root cause",
    "Corrective actions",
    "Preventive measures",
    "Our warehouse packed glass in thin envelopes.",
    "The buyer lied and Amazon unfairly suspended us!!!",
    "We refunded order [ORDER ID] within 24 hours.",
    "- We retrained staff on 3 May.",
    "1. ",
    "# ",
    "**Root cause**",
    "“quoted notice text”",
    '"',
    "> ",
    "Sincerely,",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "   ",
    "\x00",
    "\ufeff",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "مرحبا بكم في متجرنا",
    "שלום עולם",
    "😀",
    "👨\u200d👩\u200d👧",
    "🇺🇸",
    "e\u0301\u0302\u0303",
    "\u0301",
    "\u2028",
    "\x85",
    "\ud800",
    "\udfff",
    "(((((",
    "....",
]

letter_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(max_size=20),
        st.text(st.characters(categories=["Cs", "Mn", "Cc", "Cf", "Zl", "Zp"]), max_size=5),
    ),
    max_size=25,
).map("".join)


@settings(
    max_examples=LINT_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=letter_text)
def test_lint_any_text(text: str) -> None:
    """200 examples: lint() returns, positions are right, output is deterministic."""
    first = lint(text)
    assert_positions(text, first.findings)
    second = lint(text)
    assert first.model_dump_json() == second.model_dump_json()


# ------------------------------------------------------------------------------------------
# arbitrary config tables
# ------------------------------------------------------------------------------------------

CATALOG = load_catalog()
CONFIG_KEYS = sorted(
    {name.replace("_", "-") for name in Config.model_fields}
    | set(Config.model_fields)
    | {"per-file-ignores", "rules", "root", "source"}
)
RULE_KEYS = sorted({r.code for r in CATALOG.rules} | {r.name for r in CATALOG.rules})
OPTION_KEYS = sorted(
    {key for r in CATALOG.rules for key in r.options} | {"severity", "enabled", "max-words"}
)
WORDS = [
    "ALL",
    "POA",
    "POA7",
    "POA701",
    "POA999",
    "placeholder-left",
    "info",
    "warning",
    "error",
    "bullets",
    "prose",
    "odr",
    "late_shipment",
    "nonsense",
    "*.txt",
    "**/drafts/*.md",
    "[",
    "[!]",
    "a[]]b",
    "",
    " ",
    "\x00",
    "en_core_web_sm",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-10, max_value=10_000_000),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(WORDS),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.just(datetime.timezone.utc)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=12,
)
rules_table = st.dictionaries(
    st.one_of(st.sampled_from(RULE_KEYS), st.text(max_size=8)),
    st.one_of(values, st.dictionaries(st.sampled_from(OPTION_KEYS), values, max_size=3)),
    max_size=3,
)
arbitrary_table = st.dictionaries(
    st.one_of(st.sampled_from(CONFIG_KEYS), st.text(max_size=12)),
    values,
    max_size=6,
).flatmap(lambda table: st.one_of(st.just(table), rules_table.map(lambda r: {**table, "rules": r})))

# Mostly well-typed tables, so that loading succeeds often enough to exercise what follows
# (validation against the catalogue, per-file globs, rule options).
SELECTORS = ["ALL", "POA", "POA2", "POA701", "placeholder-left", "wall-of-text", "POA999"]
GLOBS = ["*.txt", "drafts/**", "**/*.md", "c.docx", "draft[0-9].txt", "[", "a[]]b", "", "x/"]
selector_list = st.one_of(
    st.lists(st.sampled_from(SELECTORS), max_size=3),
    st.sampled_from(["POA7, POA2", "ALL", ""]),
)


def _option_values(rule_key: str) -> st.SearchStrategy[dict[str, Any]]:
    rule = CATALOG.find(rule_key)
    defaults = dict(rule.options) if rule is not None else {}
    option = st.sampled_from(sorted(defaults)) if defaults else st.just("max-words")
    return st.dictionaries(
        st.one_of(option, st.sampled_from(["severity", "enabled"])),
        st.one_of(
            st.sampled_from([*defaults.values(), "warning", "error", True, False]),
            st.integers(min_value=-3, max_value=500),
            scalars,
        ),
        max_size=2,
    )


typed_rules = st.lists(st.sampled_from(RULE_KEYS), max_size=2, unique=True).flatmap(
    lambda keys: st.fixed_dictionaries({key: _option_values(key) for key in keys})
)
typed_table = st.fixed_dictionaries(
    {},
    optional={
        "select": selector_list,
        "extend-select": selector_list,
        "ignore": selector_list,
        "per-file-ignores": st.dictionaries(st.sampled_from(GLOBS), selector_list, max_size=2),
        "exclude": st.lists(st.sampled_from(GLOBS), max_size=2),
        "min-severity": st.sampled_from(["info", "warning", "error", "loud"]),
        "fail-on": st.sampled_from(["info", "warning", "error"]),
        "reason": st.sampled_from(["odr", "late_shipment", "nonsense", ""]),
        "list-style": st.sampled_from(["bullets", "prose", "numbers"]),
        "max-file-size": st.integers(min_value=-1, max_value=10**12),
        "max-docx-size": st.one_of(st.integers(min_value=1, max_value=10**9), scalars),
        "rules": typed_rules,
    },
)
config_table = st.one_of(typed_table, typed_table, arbitrary_table)


@settings(max_examples=CONFIG_EXAMPLES, deadline=None)
@given(table=config_table)
def test_any_config_table_loads_or_is_config_error(table: dict[str, Any]) -> None:
    """500 examples: a table either loads and validates, or raises ConfigError."""
    try:
        config = parse_config(table, "/letters/.poa-lint.toml", "/letters")
        config.validate_against(CATALOG)
    except ConfigError as exc:
        event("ConfigError")
        message = str(exc)
        assert message.startswith("/letters/.poa-lint.toml: ")
        assert "\n" not in message.rstrip()
        return
    event("loaded")
    for path in ("/letters/a.txt", "drafts/b.md", "c.docx"):
        config.enabled_rules(CATALOG, path)
        prepare_rules(CATALOG, config, path)


@settings(
    max_examples=CONFIG_FILE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        st.lists(
            st.sampled_from(
                [
                    'select = ["POA7"]\n',
                    "ignore = POA701\n",
                    "[per-file-ignores]\n",
                    '"[" = ["POA701"]\n',
                    "[rules.placeholder-left]\n",
                    'severity = "loud"\n',
                    "max-file-size = 12\n",
                    "max-file-size = -1\n",
                    "exclude = [1, 2]\n",
                    "[[rules]]\n",
                    "= x\n",
                    "\ufeff",
                    "\x00",
                ]
            ),
            max_size=6,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)
def test_any_config_file_loads_or_is_config_error(data: bytes, tmp_path: Path) -> None:
    """300 examples: any bytes in .poa-lint.toml load or raise ConfigError naming the file."""
    path = tmp_path / ".poa-lint.toml"
    path.write_bytes(data)
    try:
        load_config_file(path).validate_against(CATALOG)
    except ConfigError as exc:
        assert str(exc).startswith(str(path))


@pytest.mark.parametrize("text", ["a\r\nb\rc\nd", "\r\n\r\n[ORDER ID]", "x\r\r\n\n[ORDER ID]"])
def test_position_helper_agrees_on_mixed_line_endings(text: str) -> None:
    """The independent line/column computation itself, on a placeholder finding."""
    report = lint(text + " [ORDER ID]")
    assert_positions(text + " [ORDER ID]", report.findings)
    assert any(f.code == "POA701" for f in report.findings)


def test_cli_json_is_byte_identical_across_runs(tmp_path: Path) -> None:
    """The json reporter, run twice on the same letters (no cache), writes the same bytes."""
    from .support import run_cli, sample_letters

    for i, text in enumerate(sample_letters(6)):
        (tmp_path / f"letter{i}.txt").write_text(text, encoding="utf-8", newline="")
    first = run_cli(str(tmp_path), "--format", "json", "--no-cache").stdout
    second = run_cli(str(tmp_path), "--format", "json", "--no-cache").stdout
    assert first == second and first.count('"path"') == 6
