"""Compare poa-lint's findings with a letter's expected findings.

Used by the golden tests and ``bench/accuracy.py``, and useful to a consultancy keeping its
own annotated letters: it is how we know a rule change helped rather than guessed.

An expected-findings file sits beside each letter (``NAME.expected.yaml``)::

    description: what the letter is and which traps it holds
    reason: odr                      # given to poa-lint as --reason (optional)
    notice: NAME.notice.txt          # Amazon's notice, same folder (optional)
    findings:
      - {code: POA201, line: 7, text: "the buyer lied"}
      - {code: POA103}               # whole-letter findings need no line
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .catalog import load_catalog
from .config import Config
from .labels import LetterClass, Truth, class_of, truth_from_codes, truth_from_schema
from .models import Finding

LETTER_SUFFIXES = (".txt", ".md", ".docx")
# Codes the corpus does not annotate: judgement calls too fine-grained to label by hand.
UNANNOTATED = frozenset({"POA302", "POA404"})


class ExpectedFinding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    line: int | None = None
    text: str | None = None


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    reason: str | None = None
    notice: str | None = None
    findings: tuple[ExpectedFinding, ...] = Field(default=())
    #: The draft stops mid-letter. Its labels describe the text as it stands (a draft cut
    #: off before its preventive part *is* missing one), unlike a JSONL letter's
    #: ``truncated``, which marks a public copy cut short of the letter that was sent.
    truncated: bool = False
    #: The annotator's verdict; by default derived from the labels.
    quality: LetterClass | None = None
    #: Document-level labels in the real-dev schema; by default derived from ``findings``.
    labels: dict[str, bool | list[str]] | None = None


@dataclass(frozen=True)
class CorpusLetter:
    path: Path
    expected: Expected

    @property
    def notice_path(self) -> Path | None:
        return self.path.parent / self.expected.notice if self.expected.notice else None

    @property
    def truth(self) -> Truth:
        """Document-level labels: the annotator's, else those its findings imply."""
        if self.expected.labels is not None:
            return truth_from_schema(self.expected.labels)
        return truth_from_codes(f.code for f in self.expected.findings)

    @property
    def letter_class(self) -> LetterClass:
        """The class the labels put the letter in (the annotator's own ``quality`` may be
        harsher or kinder; the labels are what the verdict is measured against)."""
        return class_of(self.truth)


@dataclass(frozen=True)
class LabelledText:
    """A letter judged as a whole (one line of a labelled JSONL file, as in
    ``../shared/real-dev/letters.jsonl``): its text, reason and document-level labels."""

    id: str
    text: str
    reason: str | None
    truncated: bool
    truth: Truth
    letter_class: LetterClass


def measuring_config() -> Config:
    """The defaults, with the opt-in rules selected too: the corpus annotates every rule, and
    an opt-in rule's precision must be measured like the others' to be reported."""
    opt_in = tuple(rule.code for rule in load_catalog().rules if rule.opt_in)
    return Config(extend_select=opt_in)


def load_jsonl(path: Path) -> list[LabelledText]:
    """Letters from a labelled JSONL file: ``id, text, reason, truncated, labels`` per line
    (other keys, such as ``source`` and ``notes``, are ignored)."""
    letters = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            truncated = bool(data.get("truncated", False))
            truth = truth_from_schema(data["labels"], truncated=truncated)
            letters.append(
                LabelledText(
                    id=str(data.get("id", f"line {number}")),
                    text=str(data["text"]),
                    reason=data.get("reason"),
                    truncated=truncated,
                    truth=truth,
                    letter_class=class_of(truth),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a labelled letter: {exc}") from exc
    return letters


def expected_path(letter: Path) -> Path:
    return letter.with_name(letter.name.rsplit(".", 1)[0] + ".expected.yaml")


def load_corpus(folder: Path) -> list[CorpusLetter]:
    """Every letter in ``folder`` (not recursive) that has an expected-findings file."""
    letters = []
    for path in sorted(folder.iterdir()):
        if (
            path.suffix not in LETTER_SUFFIXES
            or ".notice." in path.name
            or path.name == "README.md"
        ):
            continue
        exp = expected_path(path)
        if not exp.exists():
            continue
        data = yaml.safe_load(exp.read_text(encoding="utf-8")) or {}
        letters.append(CorpusLetter(path=path, expected=Expected.model_validate(data)))
    return letters


@dataclass
class Tally:
    """True positives, false positives and misses for one rule code."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Comparison:
    """The result of comparing one letter's findings with its expectations."""

    matched: list[tuple[ExpectedFinding, Finding]] = field(default_factory=list)
    missed: list[ExpectedFinding] = field(default_factory=list)
    unexpected: list[Finding] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not self.missed and not self.unexpected


def compare(
    expected: Sequence[ExpectedFinding], actual: Iterable[Finding], codes: Iterable[str]
) -> Comparison:
    """Match expected and actual findings of the given codes.

    An expected finding with a line matches an actual finding of the same code whose lines
    include it; one without a line matches any finding of its code. Each actual finding
    matches at most one expectation.
    """
    measured = set(codes) - UNANNOTATED
    pool = [f for f in actual if f.code in measured]
    result = Comparison()
    for exp in sorted(expected, key=lambda e: e.line is None):
        if exp.code not in measured:
            continue
        found = next(
            (
                f
                for f in pool
                if f.code == exp.code and (exp.line is None or f.line <= exp.line <= f.end_line)
            ),
            None,
        )
        if found is None:
            result.missed.append(exp)
        else:
            pool.remove(found)
            result.matched.append((exp, found))
    result.unexpected = pool
    return result


def tally(comparisons: Iterable[Comparison]) -> dict[str, Tally]:
    per_code: dict[str, Tally] = {}
    for comp in comparisons:
        for exp, _ in comp.matched:
            per_code.setdefault(exp.code, Tally()).tp += 1
        for exp in comp.missed:
            per_code.setdefault(exp.code, Tally()).fn += 1
        for f in comp.unexpected:
            per_code.setdefault(f.code, Tally()).fp += 1
    return dict(sorted(per_code.items()))


def validate_corpus(folder: Path) -> list[str]:
    """Problems with a corpus folder's annotations, as messages naming the file.

    Every letter needs an expected file and every expected file a letter; a finding's
    ``text`` must stand on its ``line`` of the extracted text (for .docx, the reader's text);
    a notice must exist; a POA603 item must be in the notice and absent from the letter.
    """
    from .readers import read_path

    problems: list[str] = []
    letters = {p.name.rsplit(".", 1)[0]: p for p in folder.iterdir() if _is_letter(p)}
    for exp in sorted(folder.glob("*.expected.yaml")):
        stem = exp.name[: -len(".expected.yaml")]
        if stem not in letters:
            problems.append(f"{exp.name}: no letter {stem}.txt/.md/.docx beside it")
    for path in sorted(letters.values()):
        exp = expected_path(path)
        if not exp.exists():
            problems.append(f"{path.name}: no expected-findings file {exp.name}")
            continue
        try:
            expected = Expected.model_validate(
                yaml.safe_load(exp.read_text(encoding="utf-8")) or {}
            )
        except (yaml.YAMLError, ValueError) as exc:
            problems.append(f"{exp.name}: invalid: {exc}")
            continue
        text = read_path(path).text
        lines = text.splitlines()
        notice = ""
        if expected.notice:
            notice_path = folder / expected.notice
            if not notice_path.exists():
                problems.append(f"{exp.name}: notice {expected.notice} does not exist")
            else:
                notice = notice_path.read_text(encoding="utf-8")
        for finding in expected.findings:
            if finding.code == "POA603" and finding.text:
                if finding.text.lower() not in notice.lower():
                    problems.append(f"{exp.name}: POA603 item {finding.text!r} not in the notice")
                if finding.text.lower() in text.lower():
                    problems.append(f"{exp.name}: POA603 item {finding.text!r} is in the letter")
            elif finding.line is not None and finding.text is not None:
                line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
                if finding.text not in line:
                    where = f"{exp.name}: {finding.code}"
                    problems.append(f"{where} text {finding.text!r} not on line {finding.line}")
    return problems


def _is_letter(path: Path) -> bool:
    return (
        path.suffix in LETTER_SUFFIXES and ".notice." not in path.name and path.name != "README.md"
    )


def code_counts(letters: Iterable[CorpusLetter]) -> Counter[str]:
    return Counter(f.code for letter in letters for f in letter.expected.findings)
