"""Run the enabled rules over parsed letters and turn their hits into a Report.

The engine knows nothing of click or output formats. Per run it builds a small registry from
the catalogue and the config (which rules, which severity, which options); the compiled
spaCy ``Matcher`` for pattern rules is built once per pipeline and then only read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .active_rules import ActiveRule, prepare_rules
from .catalog import Catalog, PatternEntry, Rule
from .checks import CHECKS, Hit
from .config import Config
from .coverage import causes_of
from .errors import CatalogError
from .models import CoverageRow, Finding, LetterStats, Report, SectionInfo, Severity
from .pattern_gate import Gate, gate_for, vocabulary
from .sections import structure_of
from .texts import as_template

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher

    from .letter import Letter

__all__ = [
    "EXCERPT_LIMIT",
    "ActiveRule",
    "PatternMatcher",
    "build_report",
    "check_letter",
    "make_finding",
    "needs_entities",
    "pattern_matcher",
    "prepare_rules",
]

EXCERPT_LIMIT = 160
_EXCEPTION_SUFFIX = "#except"


# Checks that read spaCy's named entities (doc.ents / ent_type_), directly or through a
# helper. None does since issue 14: the time-frame rules and POA502's amount test read the
# time expressions of rules/timeframes.yaml (poa_lint/time_expressions.py) instead. When no
# check listed here and no pattern on an entity attribute is enabled, the pipeline is loaded
# without its entity recogniser. tests/test_entities.py fails when a module starts reading
# entities without being accounted for here.
ENTITY_CHECKS: frozenset[str] = frozenset()
_ENTITY_ATTRS = frozenset({"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})


def _mentions_entities(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            str(k).upper() in _ENTITY_ATTRS or _mentions_entities(v) for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return any(_mentions_entities(v) for v in value)
    return False


def needs_entities(rules: Iterable[ActiveRule]) -> bool:
    """Whether any of these rules reads named entities (so the parse must run ``ner``)."""
    for active in rules:
        rule = active.rule
        if rule.check in ENTITY_CHECKS:
            return True
        if any(_mentions_entities(e.pattern) for e in (*rule.patterns, *rule.exceptions)):
            return True
    return False


class PatternMatcher:
    """All pattern rules of a catalogue compiled into one spaCy ``Matcher`` and one
    ``PhraseMatcher`` (read-only after build, so safe to share between runs and threads).

    Each entry is added under its own key (``CODE#i``, exceptions ``CODE#except``) so a
    match knows which entry produced it and can carry that entry's suggestion.
    """

    def __init__(self, catalog: Catalog, nlp: Language) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        # Patterns that must always run share one Matcher; the others are grouped by their
        # gate (pattern_gate.py) and run only on letters that contain their first word.
        self._matcher: Matcher = Matcher(nlp.vocab, validate=True)
        self._gated: dict[Gate, Matcher] = {}
        self._phrases: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, tuple[Rule, PatternEntry | None]] = {}
        self._order: dict[int, int] = {}  # match key -> the order the entry was added in
        tokenizer = nlp.tokenizer
        for rule in catalog.rules:
            groups = [(f"{rule.code}#{i}", e) for i, e in enumerate(rule.patterns)]
            groups += [(f"{rule.code}{_EXCEPTION_SUFFIX}", e) for e in rule.exceptions]
            for key, entry in groups:
                self._entries[key] = (rule, None if key.endswith(_EXCEPTION_SUFFIX) else entry)
                self._order.setdefault(nlp.vocab.strings.add(key), len(self._order))
                try:
                    if entry.pattern is not None:
                        gate = gate_for(entry.pattern)
                        if gate is None:
                            matcher = self._matcher
                        else:
                            matcher = self._gated.get(gate) or Matcher(nlp.vocab, validate=True)
                            self._gated[gate] = matcher
                        matcher.add(key, [list(entry.pattern)])
                    else:
                        assert entry.phrase is not None
                        self._phrases.add(key, [tokenizer(entry.phrase.lower())])
                except (ValueError, KeyError) as exc:
                    raise CatalogError(f"{rule.code}: invalid token pattern: {exc}") from exc
        self._gate_words = frozenset(gate.words for gate in self._gated)

    def _matches(self, letter: Letter) -> list[tuple[int, int, int]]:
        """Every match of every pattern and phrase, in the order one Matcher holding all the
        patterns gives them (by end, then start, then the order the entries were added)."""
        doc = letter.doc
        found = list(self._matcher(doc)) if len(self._matcher) else []
        if self._gated:
            words = vocabulary(letter, self._gate_words)
            for gate, matcher in self._gated.items():
                if gate.open(words):
                    found += matcher(doc)
            order = self._order
            found.sort(key=lambda m: (m[2], m[1], order[m[0]]))
        return [*found, *self._phrases(doc)]

    def hits(self, letter: Letter) -> dict[str, list[Hit]]:
        """Matches per rule code, longest first, minus those overlapping an exception."""
        doc = letter.doc
        strings = doc.vocab.strings
        by_rule: dict[str, list[tuple[int, int, PatternEntry, str]]] = {}
        excepted: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self._matches(letter):
            key = strings[match_id]
            rule, entry = self._entries[key]
            if entry is None:
                excepted.setdefault(rule.code, []).append((start, end))
            else:
                by_rule.setdefault(rule.code, []).append((start, end, entry, key))
        result: dict[str, list[Hit]] = {}
        for code, spans in by_rule.items():
            blocked = excepted.get(code, [])
            kept: list[tuple[int, int, PatternEntry, str]] = []
            for start, end, entry, key in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
                if any(s < end and start < e for s, e in blocked):
                    continue
                if any(s < end and start < e for s, e, _, _ in kept):
                    continue
                kept.append((start, end, entry, key))
            result[code] = [
                Hit(
                    start=doc[s].idx,
                    end=doc[e - 1].idx + len(doc[e - 1].text),
                    message=entry.message,
                    suggestion=entry.suggestion,
                    values={"match": doc[s:e].text},
                    kind=key,
                )
                for s, e, entry, key in sorted(kept, key=lambda k: (k[0], k[1]))
            ]
        return result


_matcher_lock = threading.Lock()
_matchers: dict[tuple[int, int], PatternMatcher] = {}


def pattern_matcher(catalog: Catalog, nlp: Language) -> PatternMatcher:
    """The compiled matcher for this catalogue and pipeline (compiled once, then shared)."""
    key = (id(catalog), id(nlp.vocab))
    with _matcher_lock:
        matcher = _matchers.get(key)
        if matcher is None:
            matcher = PatternMatcher(catalog, nlp)
            _matchers[key] = matcher
        return matcher


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LIMIT else text[: EXCERPT_LIMIT - 1] + "…"


def make_finding(letter: Letter, active: ActiveRule, hit: Hit) -> Finding:
    """Locate a hit in the letter and dress it with the rule's metadata.

    A rule about the whole letter (``scope: letter``: a part missing, the length, the
    reason) points at the start of the letter with an empty excerpt, whatever span its
    check used to find the problem: pointing at a word would say that word is the problem.
    """
    source = letter.source
    length = len(source.text)
    whole = active.rule.scope == "letter"
    start = 0 if whole else max(0, min(hit.start, length))
    end = start if whole else max(start, min(hit.end, length))
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    rule = active.rule
    # Worded in English here; the templates go with the finding for other languages.
    message = as_template(hit.message or rule.message, hit.values)
    advice = hit.suggestion if hit.suggestion is not None else rule.suggestion
    suggestion = as_template(advice, hit.values) if advice is not None else None
    paragraph = source.paragraph_at(start) if source.format == "docx" else None
    return Finding(
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=active.severity,
        message=message.english(),
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt=_excerpt(source.text[start:end]),
        suggestion=suggestion.english() if suggestion is not None else None,
        paragraph=paragraph.source_index if paragraph else None,
        scope=active.rule.scope,
        message_template=message,
        suggestion_template=suggestion,
    )


def check_letter(
    letter: Letter, rules: Sequence[ActiveRule], matcher: PatternMatcher
) -> list[Finding]:
    """Every finding of the given rules on one letter, sorted by position then code.

    Info-level findings are suggestions, and ten of one kind in one paragraph bury the
    findings that matter: each pattern (the rule's message, or its pattern entry's) is
    reported once per paragraph (a list counts as one), at its first occurrence, with
    ``count`` saying how many.
    """
    pattern_hits = matcher.hits(letter) if any(a.rule.patterns for a in rules) else {}
    findings: set[Finding] = set()
    repeated: dict[tuple[str, int, str], dict[Finding, None]] = {}
    for active in rules:
        rule = active.rule
        hits: list[Hit] = list(pattern_hits.get(rule.code, ())) if rule.patterns else []
        if rule.check is not None:
            hits.extend(CHECKS[rule.check].function(letter, active.options))
        body_only = rule.envelope == "skip" and rule.scope == "span"
        for hit in hits:
            if rule.quotes == "skip" and letter.in_quotes(hit.start, hit.end):
                continue
            if body_only and not letter.in_body(hit.start):
                continue
            if rule.scope == "span" and letter.in_foreign(hit.start):
                continue  # e-mail headers and quoted history are not the seller's writing
            finding = make_finding(letter, active, hit)
            if active.severity is Severity.INFO and rule.scope == "span":
                # the pattern that matched, else the message as worded: POA302's one sentence
                # repeats; POA602's names a different cause each time
                kind = hit.kind or finding.message
                key = (rule.code, letter.source.block_start(finding.start), kind)
                repeated.setdefault(key, {})[finding] = None
            else:
                findings.add(finding)
    for group in repeated.values():
        first = min(group, key=lambda f: (f.start, f.end, f.message))
        findings.add(first.model_copy(update={"count": len(group)}) if len(group) > 1 else first)
    return sorted(findings, key=lambda f: (f.start, f.code, f.end, f.message))


def _sections(letter: Letter) -> tuple[SectionInfo, ...]:
    out = []
    for section in structure_of(letter).sections:
        if section.kind == "plan":
            continue
        line, _ = letter.source.position(section.start)
        end_line, _ = letter.source.position(max(section.start, section.end - 1))
        out.append(
            SectionInfo(
                kind=section.kind,
                start=section.start,
                end=section.end,
                line=line,
                end_line=end_line,
                found_by=section.found_by,
                heading=section.heading,
            )
        )
    return tuple(out)


def _coverage(letter: Letter) -> tuple[CoverageRow, ...]:
    def label(start: int, end: int) -> str:
        text = " ".join(letter.text[start:end].split())
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    return tuple(
        CoverageRow(
            cause=link.label,
            start=link.cause.start,
            end=link.cause.end,
            line=letter.source.position(link.cause.start)[0],
            corrective=tuple(label(i.start, i.end) for i in link.corrective),
            preventive=tuple(label(i.start, i.end) for i in link.preventive),
        )
        for link in causes_of(letter)
    )


def build_report(letter: Letter, findings: Sequence[Finding], config: Config) -> Report:
    """Decide the verdict on every finding, then filter by ``min-severity`` and assemble
    the report with what poa-lint understood."""
    from .verdict import decide

    kept = tuple(f for f in findings if f.severity >= config.min_severity)
    return Report(
        path=letter.path,
        verdict=decide(findings),
        findings=kept,
        sections=_sections(letter),
        coverage=_coverage(letter),
        stats=LetterStats(
            words=letter.word_count,
            sentences=letter.sentence_count,
            paragraphs=len(letter.paragraphs),
        ),
    )
