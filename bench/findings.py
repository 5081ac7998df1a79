"""Every finding of every letter, one line each, to compare two versions of poa-lint.

    python bench/findings.py corpus corpus/holdout ../shared/real-dev/letters.jsonl > a.txt
    python bench/findings.py --bench 200 > b.txt     # the 200 letters bench/run.py checks
    diff a.txt b.txt

``bench/accuracy.py`` says how right poa-lint is; this says whether a change moved any
finding at all (code, position, severity, message, verdict), which is what a change meant
to be behaviour-preserving (a speed-up) must show. Letters are checked as accuracy.py
checks them (the same reason and notice), the bench letters as ``bench/run.py`` makes
them, with default settings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import Outcome, evaluate

from poa_lint.models import Report


def report_lines(name: str, report: Report) -> Iterable[str]:
    yield f"{name}\tverdict\t{report.verdict.status}\t{report.verdict.reason}"
    for f in report.findings:
        count = f" ×{f.count}" if f.count and f.count > 1 else ""
        yield f"{name}\t{f.code}\t{f.start}-{f.end}\t{f.severity.value}{count}\t{f.message}"


def bench_letters(count: int) -> list[tuple[str, Report]]:
    from run import make_letters

    from poa_lint.api import Job, limits_for, lint_jobs
    from poa_lint.config import Config
    from poa_lint.readers import read_path

    with tempfile.TemporaryDirectory(prefix="poa-findings-") as tmp:
        folder = make_letters(Path(tmp), count)
        config = Config()
        paths = sorted(folder.glob("*.txt"))
        sources = [read_path(p, limits=limits_for(config)) for p in paths]
        reports = lint_jobs([Job(s, config) for s in sources])
        return [(p.name, r) for p, r in zip(paths, reports, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="corpus folders or .jsonl files")
    parser.add_argument("--bench", type=int, metavar="N", help="also the N bench letters")
    args = parser.parse_args(argv)
    for path in args.sets:
        outcomes: list[Outcome] = evaluate(path)
        for outcome in outcomes:
            for line in report_lines(f"{path}/{outcome.name}", outcome.report):
                print(line)
    if args.bench:
        for name, report in bench_letters(args.bench):
            for line in report_lines(f"bench/{name}", report):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
