"""Issue 11, item 8: a cache entry is checked before it is believed, and nothing from a
letter, a notice or the cache reaches a terminal as a control character.

An entry edited below its intact key line used to be printed as it was: another file's
path, a code no rule has, raw ANSI escapes. Now an entry must be a report of the schema,
for the letter its key was made for, whose findings name real rules (code, name, category);
anything else is a miss and the letter is checked again. Control characters (an edited
message, a letter's own text, a file name) are printed as visible escapes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from poa_lint import lint
from poa_lint.catalog import load_catalog
from poa_lint.entries import (
    COVERAGE_FIELDS,
    FINDING_FIELDS,
    REASON_FIELDS,
    REPORT_FIELDS,
    SECTION_FIELDS,
    STATS_FIELDS,
    VERDICT_FIELDS,
    rule_table,
    valid_entry,
)
from poa_lint.models import (
    CoverageRow,
    Finding,
    LetterStats,
    ReasonInfo,
    Report,
    SectionInfo,
    Verdict,
)
from poa_lint.safe_text import safe

from .hostile import GOOD_LETTER
from .support import run_cli

ESCAPES = "\x1b[2J\x1b[31mYOUR ACCOUNT IS SAFE\x1b[0m\x9b\u202e"


@pytest.fixture()
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """A letter checked once (its entry in the cache) and the run's text output."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("POA_LINT_CACHE_DIR", str(cache))
    letter = tmp_path / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    first = run_cli(str(letter))
    assert first.code == 0 and " POA" in first.stdout  # a warning: revise, not rejected
    (entry,) = cache.glob("v1/*/*.json")
    return letter, entry, first.stdout


def _tamper(entry: Path, change: object) -> None:
    head, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    change(data)  # type: ignore[operator]
    entry.write_bytes(head + b"\n" + json.dumps(data).encode("utf-8"))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(path="/etc/passwd"),
        lambda d: d["findings"][0].update(code="POA999"),
        lambda d: d["findings"][0].update(name="blames-buyer"),  # real name, wrong code
        lambda d: d["findings"][0].update(category="tone"),
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["findings"][0].update(line=0),
        lambda d: d["findings"][0].pop("excerpt"),
        lambda d: d["findings"][0].update(extra="field"),
        lambda d: d.update(findings="POA405"),
        lambda d: d.update(reason={"id": "odr", "name": "x", "source": "rumour"}),
        lambda d: d.update(stats={"words": -1, "sentences": 1, "paragraphs": 1}),
        lambda d: d.update(verdict="send it"),  # a field the schema does not have
    ],
    ids=[
        "other-path",
        "unknown-code",
        "wrong-name",
        "wrong-category",
        "bad-severity",
        "line-zero",
        "missing-field",
        "extra-finding-field",
        "findings-not-a-list",
        "bad-reason",
        "bad-stats",
        "extra-report-field",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_tampered_entry_is_a_miss(cached: tuple[Path, Path, str], change: object, fmt: str) -> None:
    """Stored and full answers of the cache both refuse it: the letter is checked again and the
    output is that of the first run; the entry is rewritten."""
    letter, entry, first = cached
    expected = run_cli(str(letter), "--format", fmt, "--no-cache").stdout
    _tamper(entry, change)
    result = run_cli(str(letter), "--format", fmt)
    assert result.code == 0 and result.stdout == expected, result.output
    assert run_cli(str(letter), "--format", fmt).stdout == expected  # rewritten: a hit
    if fmt == "text":
        assert result.stdout == first


def test_escape_sequences_in_a_cached_message_are_printed_escaped(
    cached: tuple[Path, Path, str],
) -> None:
    """A message is free text, so an edited one still passes; it cannot reach the
    terminal as control characters, and JSON carries it escaped."""
    letter, entry, _ = cached
    _tamper(entry, lambda d: d["findings"][0].update(message=ESCAPES, suggestion=ESCAPES))
    for fmt in ("text", "github", "json"):
        out = run_cli(str(letter), "--format", fmt).stdout
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out, fmt
        assert "YOUR ACCOUNT IS SAFE" in out
    text = run_cli(str(letter)).stdout
    assert "\\x1b[2J\\x1b[31mYOUR ACCOUNT IS SAFE\\x1b[0m\\x9b\\u202e" in text
    data = json.loads(run_cli(str(letter), "--format", "json").stdout)
    assert data["files"][0]["findings"][0]["message"] == ESCAPES


def test_control_characters_from_a_letter_and_its_name(tmp_path: Path) -> None:
    """A letter's own text (a placeholder quoted in a message) and a file name with an
    escape sequence: visible escapes in text output, also in the error line."""
    letter = tmp_path / "evil\x1b]0;pwned\x07.txt"
    letter.write_text(GOOD_LETTER.replace("Jane Doe", "[Your \x1b[8mName]"), encoding="utf-8")
    empty = tmp_path / "empty\x1b[2J.txt"
    empty.write_text("", encoding="utf-8")
    for cache in ((), ("--no-cache",)):
        result = run_cli(str(letter), str(empty), *cache)
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "evil\\x1b]0;pwned\\x07.txt:" in result.stdout
        assert "[Your \\x1b[8mName]" in result.stdout  # POA701 quotes the placeholder
        assert "empty\\x1b[2J.txt: error: is empty" in result.stdout


def test_safe() -> None:
    assert safe("plain text, tabs\tand all") == "plain text, tabs\\tand all"
    assert safe("a\r\nb\x00c\x7fd\u2028e\u2066f") == "a\\r\\nb\\x00c\\x7fd\\u2028e\\u2066f"
    assert safe("Ünïcödé — “quotes” 中文 😀") == "Ünïcödé — “quotes” 中文 😀"


def test_schema_tables_match_the_models() -> None:
    """entries.py spells out the report schema for cached runs (no pydantic there): it
    must be the models' own, in their order."""
    assert tuple(Report.model_fields) == REPORT_FIELDS
    assert tuple(Finding.model_fields) == FINDING_FIELDS
    assert tuple(SectionInfo.model_fields) == SECTION_FIELDS
    assert tuple(CoverageRow.model_fields) == COVERAGE_FIELDS
    assert tuple(ReasonInfo.model_fields) == REASON_FIELDS
    assert tuple(LetterStats.model_fields) == STATS_FIELDS
    assert tuple(Verdict.model_fields) == VERDICT_FIELDS


def test_rule_table_matches_the_catalogue() -> None:
    from poa_lint.cache import rule_files

    expected = {r.code: (r.name, r.category.value) for r in load_catalog().rules}
    assert rule_table(rule_files()) == expected


def test_real_reports_are_valid_entries() -> None:
    from poa_lint.cache import rule_files

    table = rule_table(rule_files())
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    for path in sorted(corpus.glob("*.txt"))[:12]:
        report = lint(path.read_text(encoding="utf-8"), path=str(path))
        data = json.loads(report.model_dump_json())
        assert valid_entry(data, str(path), table), path
        assert not valid_entry(data, str(path) + "x", table)
