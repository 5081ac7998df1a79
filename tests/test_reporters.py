"""Tests for the output formats, on hand-built reports (no spaCy needed)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from poa_lint import __version__
from poa_lint.catalog import Rule
from poa_lint.models import (
    JSON_SCHEMA_VERSION,
    CoverageRow,
    Finding,
    LetterStats,
    ReasonInfo,
    Report,
    SectionInfo,
    Severity,
)
from poa_lint.reporters import REPORTERS, Reporter, get_reporter
from poa_lint.reporters.github import GithubReporter, escape_data, escape_property
from poa_lint.reporters.json_format import TEMPLATE_FIELDS, JsonReporter
from poa_lint.reporters.sarif import SarifReporter, artifact_location, first_sentence
from poa_lint.reporters.text import TextReporter


def make_rule(code: str, name: str, category: str, severity: str) -> Rule:
    return Rule.model_validate(
        {
            "code": code,
            "name": name,
            "category": category,
            "severity": severity,
            "message": f"{name} message",
            "rationale": f"Why {name} matters. Amazon reads it that way.",
            "link": f"https://example.com/rules/{code}",
            "check": "x",
            "examples": {"bad": ["bad letter"], "good": ["good letter"]},
        }
    )


RULES = (
    make_rule("POA101", "missing-root-cause", "structure", "error"),
    make_rule("POA201", "blames-amazon", "tone", "warning"),
    make_rule("POA701", "placeholder-left", "hygiene", "info"),
)


def make_finding(
    code: str = "POA701",
    severity: Severity = Severity.WARNING,
    *,
    message: str = "Placeholder left in the letter.",
    line: int = 3,
    column: int = 5,
    suggestion: str | None = None,
    excerpt: str = "[NAME]",
    paragraph: int | None = None,
) -> Finding:
    names = {r.code: (r.name, r.category) for r in RULES}
    name, category = names.get(code, ("unknown-rule", RULES[0].category))
    start = 40 + column
    return Finding(
        code=code,
        name=name,
        category=category,
        severity=severity,
        message=message,
        start=start,
        end=start + len(excerpt),
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(excerpt),
        excerpt=excerpt,
        suggestion=suggestion,
        paragraph=paragraph,
    )


def full_report() -> Report:
    """A letter with findings of every severity, sections, coverage, reason and stats."""
    return Report(
        path="letters/ünïcode letter.txt",
        findings=(
            make_finding("POA101", Severity.ERROR, message="No root cause.", line=1, column=1),
            make_finding(
                "POA201",
                Severity.WARNING,
                message="Blames Amazon.",
                line=4,
                column=10,
                suggestion="Take responsibility.",
                excerpt="Amazon's fault",
            ),
            make_finding("POA701", Severity.INFO, line=9, column=2, paragraph=7),
        ),
        sections=(
            SectionInfo(
                kind="root_cause",
                start=0,
                end=80,
                line=1,
                end_line=3,
                found_by="heading",
                heading="Root cause",
            ),
            SectionInfo(kind="corrective", start=81, end=120, line=4, end_line=4, found_by="label"),
        ),
        coverage=(
            CoverageRow(
                cause="We did not inspect returns.",
                start=10,
                end=37,
                line=2,
                corrective=("Inspected all returns.", "Refunded buyers."),
                preventive=(),
            ),
        ),
        reason=ReasonInfo(id="inauthentic", name="Inauthentic items", source="notice"),
        stats=LetterStats(words=120, sentences=9, paragraphs=6),
    )


def clean_report(path: str | None = "good.txt") -> Report:
    return Report(path=path)


def run(
    reporter_cls: type[Reporter],
    reports: Sequence[Report] = (),
    errors: Sequence[tuple[str, str]] = (),
    rules: Sequence[Rule] = RULES,
    **options: bool,
) -> str:
    stream = io.StringIO()
    reporter = reporter_cls(stream, rules=rules, **options)
    reporter.start()
    for report in reports:
        reporter.handle(report)
    for path, message in errors:
        reporter.error(path, message)
    reporter.finish()
    return stream.getvalue()


# --- registry ---------------------------------------------------------------------------


def test_registry_names_and_lookup() -> None:
    assert set(REPORTERS) == {"text", "json", "sarif", "github", "html"}
    assert get_reporter("sarif") is SarifReporter
    for cls in REPORTERS.values():
        assert issubclass(cls, Reporter)


def test_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        REPORTERS["xml"] = TextReporter  # type: ignore[index]


def test_unknown_format_lists_valid_names() -> None:
    with pytest.raises(ValueError, match="github, html, json, sarif, text"):
        get_reporter("xml")


# --- text -------------------------------------------------------------------------------


def test_text_lines_exact() -> None:
    out = run(TextReporter, [full_report(), clean_report()])
    path = "letters/ünïcode letter.txt"
    assert out.splitlines() == [
        f"{path}:1:1: POA101 [error] No root cause.",
        f"{path}:4:10: POA201 [warning] Blames Amazon.",
        "    suggestion: Take responsibility.",
        f"{path}:9:2: POA701 [info] Placeholder left in the letter.",
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 of 2 files.",
    ]


def test_text_stdin_path_and_singular_summary() -> None:
    report = Report(path=None, findings=(make_finding(),))
    assert run(TextReporter, [report]) == (
        "<stdin>:3:5: POA701 [warning] Placeholder left in the letter.\n"
        "Found 1 problem (1 warning) in 1 of 1 file.\n"
    )


@pytest.mark.parametrize(
    ("files", "errors", "expected"),
    [
        (1, 0, "1 file looks good."),
        (5, 0, "All 5 files look good."),
        (5, 1, "All 5 files look good. 1 file could not be read."),
        (2, 3, "All 2 files look good. 3 files could not be read."),
        (0, 1, "No files were checked. 1 file could not be read."),
        (0, 0, "No files were checked."),
    ],
)
def test_text_clean_summary_wording(files: int, errors: int, expected: str) -> None:
    out = run(
        TextReporter,
        [clean_report(f"f{i}.txt") for i in range(files)],
        [(f"bad{i}.docx", "not a Word file") for i in range(errors)],
    )
    assert out.splitlines()[-1] == expected


def test_text_plural_severity_words() -> None:
    report = Report(
        path="a.txt",
        findings=(
            make_finding(severity=Severity.ERROR),
            make_finding(severity=Severity.ERROR),
            make_finding(severity=Severity.WARNING),
            make_finding(severity=Severity.WARNING),
            make_finding(severity=Severity.INFO),
            make_finding(severity=Severity.INFO),
        ),
    )
    out = run(TextReporter, [report, clean_report("b.txt"), Report(path="c.txt")])
    assert out.splitlines()[-1] == (
        "Found 6 problems (2 errors, 2 warnings, 2 info) in 1 of 3 files."
    )


def test_text_error_line() -> None:
    out = run(TextReporter, [clean_report()], [("missing.txt", "no such file")])
    assert out.splitlines() == [
        "missing.txt: error: no such file",
        "1 file looks good. 1 file could not be read.",
    ]


def test_text_quiet_hides_summary_only_when_clean() -> None:
    assert run(TextReporter, [clean_report(), clean_report()], quiet=True) == ""
    noisy = run(TextReporter, [Report(path="a.txt", findings=(make_finding(),))], quiet=True)
    assert noisy.splitlines() == [
        "a.txt:3:5: POA701 [warning] Placeholder left in the letter.",
        "Found 1 problem (1 warning) in 1 of 1 file.",
    ]
    errors = run(TextReporter, [clean_report()], [("x.txt", "unreadable")], quiet=True)
    assert errors.splitlines()[-1] == "1 file looks good. 1 file could not be read."


def test_text_show_coverage() -> None:
    out = run(TextReporter, [full_report()], show_coverage=True)
    path = "letters/ünïcode letter.txt"
    lines = out.splitlines()
    start = lines.index(f"{path}: sections")
    assert lines[start:-1] == [
        f"{path}: sections",
        '    root_cause  lines 1-3  (found by heading "Root cause")',
        "    corrective  line 4  (found by label)",
        f"{path}: coverage",
        "    line 2: We did not inspect returns.",
        "        corrective: Inspected all returns.; Refunded buyers.",
        "        preventive: — none",
    ]


def test_text_show_coverage_without_sections() -> None:
    out = run(TextReporter, [clean_report("a.txt")], show_coverage=True)
    assert out.splitlines() == [
        "a.txt: sections",
        "    — none",
        "a.txt: coverage",
        "    — none",
        "1 file looks good.",
    ]


def test_text_no_color_by_default_and_color_on_request() -> None:
    reports = [full_report()]
    assert "\033[" not in run(TextReporter, reports)
    colored = run(TextReporter, reports, color=True)
    assert "\033[31m[error]\033[0m" in colored
    assert "\033[33m[warning]\033[0m" in colored


# --- json -------------------------------------------------------------------------------


def test_json_document_shape() -> None:
    out = run(
        JsonReporter,
        [full_report(), clean_report(None)],
        [("broken.docx", "not a Word file")],
    )
    assert out.endswith("}\n")
    doc = json.loads(out)
    assert list(doc) == ["schema", "tool", "files", "errors", "summary"]
    assert doc["schema"] == JSON_SCHEMA_VERSION == 1
    assert doc["tool"] == {"name": "poa-lint", "version": __version__}
    assert [f["path"] for f in doc["files"]] == ["letters/ünïcode letter.txt", None]
    first = doc["files"][0]
    assert list(first) == [
        "path",
        "verdict",
        "findings",
        "sections",
        "coverage",
        "reason",
        "stats",
    ]
    assert first["reason"] == {"id": "inauthentic", "name": "Inauthentic items", "source": "notice"}
    assert first["stats"] == {"words": 120, "sentences": 9, "paragraphs": 6}
    assert first["sections"][0]["kind"] == "root_cause"
    assert first["coverage"][0]["corrective"] == ["Inspected all returns.", "Refunded buyers."]
    assert doc["files"][1]["reason"] is None
    assert doc["errors"] == [{"path": "broken.docx", "message": "not a Word file"}]
    assert doc["summary"] == {
        "files": 2,
        "files_with_findings": 1,
        "findings": 3,
        "errors": 1,
        "by_severity": {"error": 1, "warning": 1, "info": 1},
        "by_verdict": {"ready": 0, "revise": 0, "will be rejected": 0},
    }
    # Not escaped: letters are often not in ASCII.
    assert "ünïcode" in out


def test_json_findings_round_trip() -> None:
    report = full_report()
    doc = json.loads(run(JsonReporter, [report]))
    findings = tuple(Finding.model_validate(f) for f in doc["files"][0]["findings"])
    assert findings == report.findings
    assert tuple(SectionInfo.model_validate(s) for s in doc["files"][0]["sections"]) == (
        report.sections
    )
    assert tuple(CoverageRow.model_validate(c) for c in doc["files"][0]["coverage"]) == (
        report.coverage
    )


def test_json_is_byte_identical_across_runs() -> None:
    reports = [full_report(), clean_report()]
    errors = [("x.docx", "bad")]
    assert run(JsonReporter, reports, errors) == run(JsonReporter, reports, errors)


def test_json_empty_run_and_ignores_quiet() -> None:
    doc = json.loads(run(JsonReporter, quiet=True))
    assert doc["files"] == [] and doc["errors"] == []
    assert doc["summary"]["files"] == 0


# --- sarif ------------------------------------------------------------------------------


def _check(obj: Any, shape: dict[str, type | tuple[type, ...]], where: str) -> None:
    """Minimal structural check: required keys exist with the right JSON types."""
    assert isinstance(obj, dict), where
    for key, kind in shape.items():
        assert key in obj, f"{where}: missing {key}"
        assert isinstance(obj[key], kind), f"{where}.{key}: {type(obj[key]).__name__}"


def validate_sarif(log: Any) -> None:
    """Hand-written subset of the SARIF 2.1.0 schema (no network in tests)."""
    _check(log, {"$schema": str, "version": str, "runs": list}, "log")
    assert log["version"] == "2.1.0"
    for run_ in log["runs"]:
        _check(run_, {"tool": dict, "results": list, "invocations": list}, "run")
        assert run_.get("columnKind") in ("utf16CodeUnits", "unicodeCodePoints")
        driver = run_["tool"]["driver"]
        _check(
            driver, {"name": str, "version": str, "informationUri": str, "rules": list}, "driver"
        )
        ids = [r["id"] for r in driver["rules"]]
        assert len(ids) == len(set(ids)), "rule ids must be unique"
        for rule in driver["rules"]:
            _check(rule, {"id": str, "name": str, "shortDescription": dict}, "rule")
            _check(rule["shortDescription"], {"text": str}, "shortDescription")
            level = rule.get("defaultConfiguration", {}).get("level", "warning")
            assert level in ("none", "note", "warning", "error")
        for result in run_["results"]:
            _check(result, {"ruleId": str, "ruleIndex": int, "level": str, "message": dict}, "res")
            assert result["level"] in ("none", "note", "warning", "error")
            assert ids[result["ruleIndex"]] == result["ruleId"]
            _check(result["message"], {"text": str}, "message")
            for location in result["locations"]:
                physical = location["physicalLocation"]
                _check(physical["artifactLocation"], {"uri": str}, "artifactLocation")
                region = physical["region"]
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    assert isinstance(region[key], int) and region[key] >= 1, key
                for key in ("charOffset", "charLength"):
                    assert isinstance(region[key], int) and region[key] >= 0, key
            for value in result.get("partialFingerprints", {}).values():
                assert isinstance(value, str)
        for invocation in run_["invocations"]:
            _check(invocation, {"executionSuccessful": bool}, "invocation")
            for note in invocation.get("toolExecutionNotifications", []):
                _check(note, {"message": dict}, "notification")


def sarif(*args: Any, **kwargs: Any) -> Any:
    log = json.loads(run(SarifReporter, *args, **kwargs))
    validate_sarif(log)
    return log


def test_sarif_log_structure() -> None:
    log = sarif([full_report(), clean_report()])
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "poa-lint"
    assert driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == ["POA101", "POA201", "POA701"]
    assert run_["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_rule_descriptor() -> None:
    rule = sarif()["runs"][0]["tool"]["driver"]["rules"][1]
    assert rule == {
        "id": "POA201",
        "name": "blames-amazon",
        "shortDescription": {"text": "Why blames-amazon matters."},
        "fullDescription": {"text": "Why blames-amazon matters. Amazon reads it that way."},
        "help": {
            "text": "Why blames-amazon matters. Amazon reads it that way.\n\n"
            "More: https://example.com/rules/POA201",
            "markdown": "Why blames-amazon matters. Amazon reads it that way.\n\n"
            "[POA201 blames-amazon](https://example.com/rules/POA201)",
        },
        "helpUri": "https://example.com/rules/POA201",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "tone", "tags": ["tone"]},
    }


def test_sarif_results() -> None:
    results = sarif([full_report()])["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["POA101", "POA201", "POA701"]
    assert [r["ruleIndex"] for r in results] == [0, 1, 2]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert results[1]["message"]["text"] == "Blames Amazon. Suggestion: Take responsibility."
    physical = results[1]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "letters/%C3%BCn%C3%AFcode%20letter.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {
        "startLine": 4,
        "startColumn": 10,
        "endLine": 4,
        "endColumn": 24,
        "charOffset": 50,
        "charLength": 14,
    }
    assert results[2]["properties"] == {"paragraph": 7}
    assert "properties" not in results[0]


def test_sarif_rule_index_follows_given_rule_order() -> None:
    reversed_rules = tuple(reversed(RULES))
    log = sarif([full_report()], rules=reversed_rules)
    assert [r["ruleIndex"] for r in log["runs"][0]["results"]] == [2, 1, 0]


def test_sarif_unknown_rule_gets_a_descriptor() -> None:
    report = Report(path="a.txt", findings=(make_finding("POA999"), make_finding("POA999")))
    log = sarif([report], rules=RULES[:1])
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == ["POA101", "POA999"]
    assert [r["ruleIndex"] for r in log["runs"][0]["results"]] == [1, 1]


def test_sarif_fingerprints_stable_and_distinct() -> None:
    report = Report(
        path="a.txt",
        findings=(
            make_finding(line=1),
            make_finding(line=8),  # same code and excerpt: told apart by the counter
            make_finding(excerpt="[DATE]"),
        ),
    )
    moved = Report(path="a.txt", findings=(make_finding(line=20, column=1),))

    def prints(r: Report) -> list[str]:
        return [
            x["partialFingerprints"]["primaryLocationLineHash"]
            for x in sarif([r])["runs"][0]["results"]
        ]

    first = prints(report)
    assert first == prints(report)
    assert len(set(first)) == 3
    assert first[0].endswith(":1") and first[1].endswith(":2")
    # Line numbers do not enter the hash: moving the text keeps the alert.
    assert prints(moved)[0] == first[0]


def test_sarif_errors_make_execution_unsuccessful() -> None:
    log = sarif([clean_report()], [("dir\\bad.docx", "not a Word file")])
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "not a Word file"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "dir/bad.docx", "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
        }
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (None, {"uri": "stdin", "uriBaseId": "%SRCROOT%"}),
        ("letters\\poa.txt", {"uri": "letters/poa.txt", "uriBaseId": "%SRCROOT%"}),
        ("./poa.md", {"uri": "poa.md", "uriBaseId": "%SRCROOT%"}),
        ("a b#1.txt", {"uri": "a%20b%231.txt", "uriBaseId": "%SRCROOT%"}),
        ("/home/me/poa.txt", {"uri": "file:///home/me/poa.txt"}),
        ("C:\\Users\\me\\poa.docx", {"uri": "file:///C:/Users/me/poa.docx"}),
    ],
)
def test_sarif_artifact_location(path: str | None, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected


def test_sarif_first_sentence() -> None:
    assert first_sentence("One thing. Another.") == "One thing."
    assert first_sentence("No full stop") == "No full stop"
    assert first_sentence("Version 1.2 is out. Yes.") == "Version 1.2 is out."


def test_sarif_is_byte_identical_across_runs() -> None:
    reports = [full_report(), clean_report()]
    assert run(SarifReporter, reports) == run(SarifReporter, reports)


# --- github -----------------------------------------------------------------------------


def test_github_escaping_helpers() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_annotations() -> None:
    out = run(GithubReporter, [full_report()])
    path = "letters/ünïcode letter.txt"
    assert out.splitlines() == [
        f"::error file={path},line=1,col=1,endLine=1,endColumn=7,"
        "title=POA101 missing-root-cause::No root cause.",
        f"::warning file={path},line=4,col=10,endLine=4,endColumn=24,"
        "title=POA201 blames-amazon::Blames Amazon.%0ASuggestion: Take responsibility.",
        f"::notice file={path},line=9,col=2,endLine=9,endColumn=8,"
        "title=POA701 placeholder-left::Placeholder left in the letter.",
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 of 1 file.",
    ]


def test_github_escapes_paths_and_messages() -> None:
    finding = make_finding(message="50% done: a,b\nnext line")
    out = run(GithubReporter, [Report(path="dir\\a,b:c%.txt", findings=(finding,))])
    first = out.splitlines()[0]
    assert first.startswith("::warning file=dir/a%2Cb%3Ac%25.txt,line=3,")
    # In the data part only %, CR and LF are escaped; ":" and "," stay readable.
    assert first.endswith("::50%25 done: a,b%0Anext line")
    assert len(out.splitlines()) == 2


def test_github_stdin_has_no_file_property() -> None:
    out = run(GithubReporter, [Report(path=None, findings=(make_finding(),))])
    assert out.splitlines()[0].startswith("::warning line=3,col=5,")


def test_github_errors_and_quiet() -> None:
    out = run(GithubReporter, [], [("x,y.docx", "bad\nfile")], quiet=True)
    assert out.splitlines() == [
        "::error file=x%2Cy.docx::bad%0Afile",
        "No files were checked. 1 file could not be read.",
    ]
    assert run(GithubReporter, [clean_report()], quiet=True) == ""
    assert run(GithubReporter, [clean_report()]) == "1 file looks good.\n"


# --- shared -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_reporter_counts_and_does_not_filter(name: str) -> None:
    stream = io.StringIO()
    reporter = get_reporter(name)(stream, rules=RULES)
    reporter.start()
    reporter.handle(full_report())
    reporter.handle(clean_report())
    reporter.error("x.txt", "unreadable")
    reporter.finish()
    assert (reporter.files, reporter.files_with_findings, reporter.errors) == (2, 1, 1)
    assert reporter.findings == 3
    assert reporter.by_severity == {Severity.ERROR: 1, Severity.WARNING: 1, Severity.INFO: 1}


def test_docs_example_matches_the_wire_format() -> None:
    """docs/json-output.md's example must stay a valid schema-1 document."""

    doc_path = Path(__file__).resolve().parent.parent / "docs" / "json-output.md"
    text = doc_path.read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    reference = json.loads(run(JsonReporter, [full_report()], [("x", "y")]))
    assert list(example) == list(reference)
    assert example["schema"] == JSON_SCHEMA_VERSION
    assert list(example["summary"]) == list(reference["summary"])
    assert list(example["errors"][0]) == list(reference["errors"][0])
    for file in example["files"]:
        assert list(file) == list(reference["files"][0])
        for finding in file["findings"]:
            parsed = Finding.model_validate(finding)
            assert parsed.model_dump(mode="json", exclude=TEMPLATE_FIELDS) == finding
        for section in file["sections"]:
            SectionInfo.model_validate(section)
        for row in file["coverage"]:
            CoverageRow.model_validate(row)
        ReasonInfo.model_validate(file["reason"])
        LetterStats.model_validate(file["stats"])
