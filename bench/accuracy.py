"""Precision and recall per rule over the annotated corpus.

    python bench/accuracy.py                 # corpus/ (tuned on) and the holdout sets
    python bench/accuracy.py --verbose       # also list every miss and false alarm

The holdout letters were written after the rules were done and are reported separately:
numbers on letters we tuned to say little.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from poa_lint.api import Job, limits_for, lint_jobs
from poa_lint.catalog import load_catalog
from poa_lint.config import Config
from poa_lint.evaluation import Comparison, CorpusLetter, compare, load_corpus, tally
from poa_lint.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
HOLDOUTS = (
    (
        "holdout",
        "Holdout 1 (corpus/holdout/, written after the first rules; it then informed fixes)",
    ),
    ("holdout2", "Holdout 2 (corpus/holdout2/, written after those fixes; it then informed fixes)"),
    (
        "holdout3",
        "Holdout 3 (corpus/holdout3/, measured once untuned; its weak spots then guided "
        "general fixes)",
    ),
    (
        "holdout4",
        "Holdout 4 (corpus/holdout4/, written blind in session 2; measured once, then one "
        "general fix)",
    ),
    (
        "holdout5",
        "Holdout 5 (corpus/holdout5/, written last in session 2; measured once, then one "
        "general fix)",
    ),
)


def evaluate(letters: list[CorpusLetter]) -> list[tuple[CorpusLetter, Comparison]]:
    codes = [r.code for r in load_catalog().rules]
    out = []
    for letter in letters:
        config = Config()
        notice = letter.notice_path.read_text(encoding="utf-8") if letter.notice_path else None
        source = read_path(letter.path, limits=limits_for(config))
        report = lint_jobs([Job(source, config)], reason=letter.expected.reason, notice=notice)[0]
        out.append((letter, compare(letter.expected.findings, report.findings, codes)))
    return out


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def print_table(title: str, results: list[tuple[CorpusLetter, Comparison]], verbose: bool) -> None:
    per_code = tally(c for _, c in results)
    exact = sum(1 for _, c in results if c.exact)
    print(f"\n{title}: {len(results)} letters, {exact} matched exactly")
    print(f"{'code':<8}{'name':<34}{'TP':>4}{'FP':>4}{'FN':>4}  precision  recall")
    names = {r.code: r.name for r in load_catalog().rules}
    totals = [0, 0, 0]
    for code, t in per_code.items():
        totals[0] += t.tp
        totals[1] += t.fp
        totals[2] += t.fn
        counts = f"{t.tp:>4}{t.fp:>4}{t.fn:>4}"
        scores = f"{_fmt(t.precision):>9}  {_fmt(t.recall):>6}"
        print(f"{code:<8}{names.get(code, '?'):<34}{counts}  {scores}")
    tp, fp, fn = totals
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    print(f"{'all':<42}{tp:>4}{fp:>4}{fn:>4}  {_fmt(p):>9}  {_fmt(r):>6}")
    if verbose:
        for letter, comp in results:
            for exp in comp.missed:
                print(f"  MISS  {letter.path.name}:{exp.line or '-'} {exp.code} {exp.text or ''}")
            for f in comp.unexpected:
                print(f"  FALSE {letter.path.name}:{f.line} {f.code} {f.excerpt[:80]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tuned = load_corpus(args.corpus)
    print_table("Tuning corpus (corpus/)", evaluate(tuned), args.verbose)
    for folder, title in HOLDOUTS:
        if (args.corpus / folder).is_dir():
            held = load_corpus(args.corpus / folder)
            print_table(title, evaluate(held), args.verbose)
    print(f"\n{time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
