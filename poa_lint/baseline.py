"""A baseline: the findings an agency has accepted, so that a run reports only new ones.

A letter cannot carry suppression comments (it goes to Amazon), so this is the escape
hatch for a single finding: ``--write-baseline FILE`` records the current findings and
``--baseline FILE`` leaves out those recorded. A finding is matched by its rule code, its
letter and the text it points at (the excerpt), not by line or offset: editing another part
of the letter keeps the entry valid, while changing the flagged words ends it. Each entry
counts, so a phrase recorded once and written twice is reported once.

Paths are stored relative to the baseline file's folder in posix form, so the file can be
committed and used from any folder and on any system.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from .models import Report

BASELINE_SCHEMA = 1

Key = tuple[str, str, str]
"""(path relative to the baseline's folder, code, excerpt)"""


def _letter_key(report_path: str | None, folder: Path) -> str:
    """How a letter is named in a baseline kept in ``folder``."""
    if report_path is None:
        return "<stdin>"
    absolute = os.path.abspath(report_path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


@dataclass
class Baseline:
    """The accepted findings of a baseline file, consumed as a run's findings match them."""

    folder: Path
    counts: Counter[Key] = field(default_factory=Counter)
    matched: int = 0

    def apply(self, report: Report) -> Report:
        """The report without the findings the baseline records (each entry used once)."""
        if not report.findings or not self.counts:
            return report
        letter = _letter_key(report.path, self.folder)
        kept = []
        for finding in report.findings:
            key = (letter, finding.code, finding.excerpt)
            if self.counts[key] > 0:
                self.counts[key] -= 1
                self.matched += 1
            else:
                kept.append(finding)
        if len(kept) == len(report.findings):
            return report
        removed = [f for f in report.findings if f not in kept]
        update: dict[str, object] = {"findings": tuple(kept)}
        if report.verdict is not None:
            from .verdict import without

            update["verdict"] = without(report.verdict, removed, kept)
        return report.model_copy(update=update)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; :class:`ConfigError` names it when it cannot be used."""
    p = Path(path)
    try:
        data = json.loads(p.read_bytes())
    except OSError as exc:
        raise ConfigError(
            str(p),
            f"cannot read the baseline ({exc.strerror or exc}); check the path, or write "
            "one with --write-baseline",
        ) from exc
    except ValueError as exc:
        raise ConfigError(
            str(p), f"is not a poa-lint baseline (not JSON: {exc}); write it with --write-baseline"
        ) from exc
    entries = data.get("findings") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("schema") != BASELINE_SCHEMA
        or not isinstance(entries, list)
    ):
        raise ConfigError(
            str(p),
            f"is not a poa-lint baseline (schema {BASELINE_SCHEMA} with a list of findings); "
            "write it with --write-baseline",
        )
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        try:
            key = (str(entry["path"]), str(entry["code"]), str(entry["excerpt"]))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(
                str(p),
                f"findings[{index}] needs path, code and excerpt ({exc}); "
                "write the file again with --write-baseline",
            ) from exc
        counts[key] += max(count, 0)
    return Baseline(folder=p.parent, counts=counts)


@dataclass
class BaselineWriter:
    """Collects a run's findings and writes them as a baseline file."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    letters: set[str] = field(default_factory=set)

    def add(self, report: Report) -> None:
        letter = _letter_key(report.path, self.path.parent)
        for finding in report.findings:
            self.counts[(letter, finding.code, finding.excerpt)] += 1
            self.names[finding.code] = finding.name
            self.letters.add(letter)

    def write(self) -> int:
        """Write the file (sorted, so that it diffs well); returns the findings recorded."""
        findings = [
            {
                "path": letter,
                "code": code,
                "name": self.names.get(code, ""),
                "excerpt": excerpt,
                "count": count,
            }
            for (letter, code, excerpt), count in sorted(self.counts.items())
        ]
        document = {"schema": BASELINE_SCHEMA, "tool": "poa-lint", "findings": findings}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                str(self.path),
                f"cannot write the baseline ({exc.strerror or exc}); check the folder exists "
                "and is writable",
            ) from exc
        return sum(self.counts.values())
