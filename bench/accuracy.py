"""How right poa-lint is: per rule, per label, per severity, and the verdict per letter.

    python bench/accuracy.py                        # corpus/ (tuned on) and every holdout
    python bench/accuracy.py ../shared/real-dev/letters.jsonl corpus/holdout6
    python bench/accuracy.py -v                     # also list every miss and false alarm
    python bench/accuracy.py --write-precision      # refresh rules/precision.yaml

A set is a corpus folder (letters with ``.expected.yaml`` files, judged line by line and as
whole letters) or a labelled JSONL file in the schema of ``../shared/real-dev`` (judged as
whole letters only). For each set it prints:

- per rule (corpus folders): findings matched, false alarms, misses, precision, recall;
- per label: letters flagged and truly defective, precision, recall, F1. Each rule code
  answers one label (``poa_lint/labels.py``: POA201 -> blames_buyer, POA101 ->
  missing_root_cause, POA601/602 -> uncovered_causes, ...);
- precision at each severity: of the error (warning) findings poa-lint reports with default
  settings, how many are right. In corpus folders a finding is right when it matches an
  annotation; in JSONL sets a (letter, code) pair is right when the letter has the label;
- the verdict table: good letters that pass, and defective letters that fail, at the default
  ``fail-on`` and at ``error``;
- findings per letter (median, max).

The holdout letters were written after the rules, blind to the code, and are reported
separately: numbers on letters we tuned to say little.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from poa_lint.api import Job, limits_for, lint_jobs
from poa_lint.catalog import load_catalog
from poa_lint.config import Config
from poa_lint.evaluation import (
    Comparison,
    compare,
    load_corpus,
    load_jsonl,
    measuring_config,
    tally,
)
from poa_lint.labels import LABEL_OF_CODE, LABELS, LetterClass, Truth
from poa_lint.models import Report, Severity
from poa_lint.readers import parse_plain_text, read_path
from poa_lint.reasons import load_taxonomy
from poa_lint.severity import fails

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT_NOTES = {
    "holdout": "written after the first rules; it then informed fixes",
    "holdout2": "written after those fixes; it then informed fixes",
    "holdout3": "measured once untuned in session 1; then guided general fixes",
    "holdout4": "written blind in session 2; measured once, then one general fix",
    "holdout5": "written last in session 2; measured once, then one general fix",
    "holdout6": "real-world forms, written blind in session 3 before any rule change",
    "holdout7": "real-world forms, written blind in session 3 after the holdout 6 fixes",
    "holdout8": "real-world forms, written blind in session 3 after the holdout 7 fixes",
}
PRECISION_FILE = ROOT / "rules" / "precision.yaml"


@dataclass(frozen=True)
class Outcome:
    """One letter's report beside what its annotator says."""

    name: str
    letter_class: LetterClass
    truth: Truth
    report: Report
    comparison: Comparison | None  # line-level, corpus folders only


def _known_reason(reason: str | None) -> str | None:
    """The reason if poa-lint knows it; otherwise the letter's own words decide."""
    return reason if reason and load_taxonomy().get(reason) is not None else None


def evaluate_folder(folder: Path) -> list[Outcome]:
    codes = [r.code for r in load_catalog().rules]
    out = []
    for letter in load_corpus(folder):
        config = measuring_config()
        notice = letter.notice_path.read_text(encoding="utf-8") if letter.notice_path else None
        source = read_path(letter.path, limits=limits_for(config))
        report = lint_jobs(
            [Job(source, config)], reason=_known_reason(letter.expected.reason), notice=notice
        )[0]
        out.append(
            Outcome(
                name=letter.path.name,
                letter_class=letter.letter_class,
                truth=letter.truth,
                report=report,
                comparison=compare(letter.expected.findings, report.findings, codes),
            )
        )
    return out


def evaluate_jsonl(path: Path) -> list[Outcome]:
    out = []
    for letter in load_jsonl(path):
        source = parse_plain_text(letter.text, path=letter.id)
        job = Job(source, measuring_config())
        report = lint_jobs([job], reason=_known_reason(letter.reason))[0]
        out.append(
            Outcome(
                name=letter.id,
                letter_class=letter.letter_class,
                truth=letter.truth,
                report=report,
                comparison=None,
            )
        )
    return out


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


def print_rules(results: Sequence[Outcome], verbose: bool) -> None:
    comparisons = [o.comparison for o in results if o.comparison is not None]
    if not comparisons:
        return
    exact = sum(1 for c in comparisons if c.exact)
    print(f"  per rule (line by line; {exact} of {len(comparisons)} letters matched exactly)")
    print(f"  {'code':<8}{'name':<34}{'TP':>4}{'FP':>4}{'FN':>4}  precision  recall")
    names = {r.code: r.name for r in load_catalog().rules}
    totals = [0, 0, 0]
    for code, t in tally(comparisons).items():
        totals = [totals[0] + t.tp, totals[1] + t.fp, totals[2] + t.fn]
        scores = f"{_fmt(t.precision):>9}  {_fmt(t.recall):>6}"
        print(f"  {code:<8}{names.get(code, '?'):<34}{t.tp:>4}{t.fp:>4}{t.fn:>4}  {scores}")
    tp, fp, fn = totals
    scores = f"{_fmt(_ratio(tp, tp + fp)):>9}  {_fmt(_ratio(tp, tp + fn)):>6}"
    print(f"  {'all':<42}{tp:>4}{fp:>4}{fn:>4}  {scores}")
    if verbose:
        for o in results:
            assert o.comparison is not None
            for exp in o.comparison.missed:
                print(f"    MISS  {o.name}:{exp.line or '-'} {exp.code} {exp.text or ''}")
            for f in o.comparison.unexpected:
                print(f"    FALSE {o.name}:{f.line} {f.code} {f.excerpt[:80]}")


def label_counts(results: Sequence[Outcome]) -> dict[str, tuple[int, int, int]]:
    """Per label: letters flagged and defective (TP), flagged but clean (FP), missed (FN).
    A letter whose label is not judged (None or absent) does not count."""
    counts: dict[str, tuple[int, int, int]] = {}
    for label in LABELS:
        tp = fp = fn = 0
        for o in results:
            truth = o.truth.get(label)
            if truth is None:
                continue
            flagged = any(LABEL_OF_CODE.get(f.code) == label for f in o.report.findings)
            tp += flagged and truth
            fp += flagged and not truth
            fn += truth and not flagged
        if tp or fp or fn:
            counts[label] = (tp, fp, fn)
    return counts


def print_labels(results: Sequence[Outcome], verbose: bool) -> None:
    codes_of: dict[str, list[str]] = {}
    for code, label in LABEL_OF_CODE.items():
        codes_of.setdefault(label, []).append(code)
    print("  per label (whole letters; any severity)")
    print(f"  {'label':<28}{'codes':<16}{'TP':>4}{'FP':>4}{'FN':>4}  precision  recall     F1")
    for label, (tp, fp, fn) in label_counts(results).items():
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        codes = ",".join(c[3:] for c in codes_of[label])
        print(
            f"  {label:<28}{codes:<16}{tp:>4}{fp:>4}{fn:>4}  {_fmt(p):>9}  {_fmt(r):>6}"
            f"  {_fmt(_f1(p, r))}"
        )
    if verbose:
        for o in results:
            flagged = {LABEL_OF_CODE[f.code] for f in o.report.findings if f.code in LABEL_OF_CODE}
            for label, truth in o.truth.items():
                if truth is None or label not in LABELS:
                    continue
                if truth and label not in flagged:
                    print(f"    MISS  {o.name} {label}")
                elif not truth and label in flagged:
                    print(f"    FALSE {o.name} {label}")


def severity_precision(results: Sequence[Outcome], severity: Severity) -> tuple[int, int, int]:
    """(right, wrong, not judged) among the findings reported at ``severity``."""
    right = wrong = unjudged = 0
    for o in results:
        at = [f for f in o.report.findings if f.severity == severity]
        if o.comparison is not None:
            matched = {id(f) for _, f in o.comparison.matched}
            false = {id(f) for f in o.comparison.unexpected}
            for f in at:
                right += id(f) in matched
                wrong += id(f) in false
                unjudged += id(f) not in matched and id(f) not in false
        else:
            for code in sorted({f.code for f in at}):
                truth = o.truth.get(LABEL_OF_CODE.get(code, ""))
                right += truth is True
                wrong += truth is False
                unjudged += truth is None
    return right, wrong, unjudged


def _fails(report: Report, level: Severity) -> bool:
    """Whether the letter exits 1 at ``--fail-on level`` (the exit code follows the verdict)."""
    v = report.verdict
    assert v is not None
    return fails(v.errors, v.warnings, v.infos, level)


def print_verdicts(results: Sequence[Outcome], verbose: bool) -> dict[str, float | None]:
    default = Config().fail_on
    print(
        f"  verdicts (exit 1 at the default --fail-on {default.value}, and at --fail-on "
        "warning); class: reject = a missing part, blame, criticism, denial, threat, "
        "placeholder or non-English text; revise = any other defect; good = none"
    )
    print(f"  {'class':<9}{'letters':>8}  {'fail@default':>13}  {'fail@warning':>13}  verdicts")
    summary: dict[str, float | None] = {}
    for klass in ("good", "revise", "reject"):
        group = [o for o in results if o.letter_class == klass]
        if not group:
            continue
        at_default = sum(_fails(o.report, default) for o in group)
        at_error = sum(_fails(o.report, Severity.WARNING) for o in group)
        verdicts = Counter(_verdict(o.report) for o in group)
        shown = ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items()))
        print(
            f"  {klass:<9}{len(group):>8}  {at_default:>6} ({at_default / len(group):4.0%})"
            f"  {at_error:>6} ({at_error / len(group):4.0%})  {shown}"
        )
        summary[f"{klass}_pass_default"] = 1 - at_default / len(group)
        summary[f"{klass}_fail_default"] = at_default / len(group)
        if verbose:
            for o in group:
                reason = o.report.verdict.reason if o.report.verdict else ""
                print(f"    {klass:<7} {o.name}: {_verdict(o.report)} — {reason}")
    return summary


def _verdict(report: Report) -> str:
    return report.verdict.status if report.verdict else "none"


def print_counts(results: Sequence[Outcome]) -> None:
    every = [len(o.report.findings) for o in results]
    serious = [sum(f.severity >= Severity.WARNING for f in o.report.findings) for o in results]
    print(
        f"  findings per letter: median {statistics.median(every):g}, max {max(every)}; "
        f"warnings and errors: median {statistics.median(serious):g}, max {max(serious)}"
    )


def print_set(title: str, results: Sequence[Outcome], verbose: bool) -> None:
    opt_in = ", ".join(r.code for r in load_catalog().rules if r.opt_in)
    print(f"\n{title}: {len(results)} letters (opt-in rules measured too: {opt_in})")
    if not results:
        return
    print_rules(results, verbose)
    print_labels(results, verbose)
    print_counts(results)
    for severity in (Severity.ERROR, Severity.WARNING):
        right, wrong, unjudged = severity_precision(results, severity)
        note = f", {unjudged} not judged" if unjudged else ""
        print(
            f"  {severity.value}-level precision: {_fmt(_ratio(right, right + wrong)).strip()}"
            f" ({right} right, {wrong} wrong{note})"
        )
    # last, so that the tail of the output is the verdict a consultant reads first
    print_verdicts(results, verbose)


def default_sets(corpus: Path) -> list[tuple[str, Path]]:
    sets = [("Tuning corpus (corpus/)", corpus)]
    for folder, note in HOLDOUT_NOTES.items():
        if (corpus / folder).is_dir():
            sets.append((f"{folder.capitalize()} (corpus/{folder}/, {note})", corpus / folder))
    return sets


def evaluate(path: Path) -> list[Outcome]:
    return evaluate_jsonl(path) if path.suffix == ".jsonl" else evaluate_folder(path)


def write_precision(pooled: Sequence[Outcome], sources: Sequence[str]) -> None:
    """Record each rule's precision on letters it was not tuned on, for the docs and
    ``poa-lint explain`` (rules/precision.yaml)."""
    rules: dict[str, dict[str, object]] = {}
    for rule in load_catalog().rules:
        right = wrong = 0
        for o in pooled:
            if o.comparison is not None:
                right += sum(1 for _, f in o.comparison.matched if f.code == rule.code)
                wrong += sum(1 for f in o.comparison.unexpected if f.code == rule.code)
            elif any(f.code == rule.code for f in o.report.findings):
                truth = o.truth.get(LABEL_OF_CODE.get(rule.code, ""))
                right += truth is True
                wrong += truth is False
        precision = _ratio(right, right + wrong)
        rules[rule.code] = {
            "right": right,
            "wrong": wrong,
            "precision": None if precision is None else round(precision, 2),
        }
    data = {"measured_on": list(sources), "rules": rules}
    header = (
        "# Measured precision of each rule on letters it was not tuned on, written by\n"
        "# `python bench/accuracy.py --write-precision`; do not edit by hand. A rule's default\n"
        "# severity must be earned here: error needs >= 0.9, warning >= 0.75, else info.\n"
    )
    PRECISION_FILE.write_text(header + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    print(f"wrote {PRECISION_FILE.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "sets", nargs="*", type=Path, help="corpus folders or labelled .jsonl files"
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--write-precision",
        action="store_true",
        help="pool the given sets (default: every holdout) into rules/precision.yaml",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sets = [(str(p), p) for p in args.sets] if args.sets else default_sets(args.corpus)
    pooled: list[Outcome] = []
    for title, path in sets:
        if not path.exists():
            print(f"accuracy: {path} does not exist", file=sys.stderr)
            return 2
        results = evaluate(path)
        print_set(title, results, args.verbose)
        if path.resolve() != args.corpus.resolve():
            pooled.extend(results)
    if args.write_precision:
        write_precision(pooled, [str(p) for _, p in sets if p.resolve() != args.corpus.resolve()])
    print(f"\n{time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
