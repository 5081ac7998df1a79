"""Issue 11, item 3: every regular expression in ``poa_lint/`` and ``rules/`` runs in linear
time, so no letter, notice or config can make poa-lint hang on a pattern.

``notice.POLICY_RE`` took 43 s on 100,000 characters of ``"A-"`` and 226 s on 200,000. The
audit (``regex_audit.py``) collects every pattern the package holds, builds or writes
inline, pumps each with its own characters, and times the two costliest pumps at 10,000 and
100,000 characters: the time may grow about 10x (linear), never more than 20x. Ratios, not
seconds, so a slow or busy machine does not matter.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from poa_lint.notice import POLICY_RE, parse_notice

from . import regex_audit
from .hostile import GOOD_LETTER
from .support import run_cli

PATTERNS = regex_audit.all_patterns()


def test_every_regex_call_site_is_audited() -> None:
    """A pattern built at run time inside a function must be registered in
    ``regex_audit.DYNAMIC`` (with what produces the patterns it builds)."""
    assert regex_audit.unaudited_sites() == []


def test_the_audit_sees_every_kind_of_pattern() -> None:
    origins = [a.origin for a in PATTERNS]
    assert "poa_lint.notice.POLICY_RE" in origins
    assert "poa_lint.timeframes.TIMEFRAME_RE" in origins
    assert any(o.startswith("rules/hygiene.yaml: REGEX") for o in origins)
    assert any(o.startswith("notice.py:_phrase_re") for o in origins)  # reason names
    assert any(o.startswith("section_cues.py:phrase_pattern") for o in origins)  # heading cues
    assert any(o.startswith("checks/metric_not_cited.py:target_pattern") for o in origins)
    assert any(o.startswith("checks/notice_item_not_addressed.py:_mentions_p") for o in origins)
    assert any(o.startswith("checks/_relevance_common.py:") and "'" in o for o in origins)
    assert len(PATTERNS) > 120


@pytest.mark.parametrize("audited", PATTERNS, ids=[a.origin[:80] for a in PATTERNS])
def test_regex_is_linear(audited: regex_audit.Audited) -> None:
    found = regex_audit.verdict(audited)
    assert found is None, (
        f"{audited.origin}: {found.ratio:.0f}x slower on {found.sizes[1]:,} than on "
        f"{found.sizes[0]:,} characters of {found.pump!r} "
        f"({found.small * 1e3:.1f} ms -> {found.large * 1e3:.1f} ms)"
    )


OLD_POLICY_RE = re.compile(
    r"\b((?:[A-Z][\w-]*\s){0,4}(?:[Pp]olicy|[Pp]olicies|Guidelines|Agreement))\b"
)


def test_the_audit_catches_the_old_policy_pattern() -> None:
    """The pattern of the attack run, as it was: the audit must flag it. (From 2,000
    characters: at 10,000 the quadratic pattern alone would take ten seconds.)"""
    old = regex_audit.Audited("old POLICY_RE", OLD_POLICY_RE)
    found = regex_audit.verdict(old, attempts=1, small=2_000)
    assert found is not None and found.ratio > 8


def _parse_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse_notice(text)
        best = min(best, time.perf_counter() - start)
    return best


def test_notice_of_dashed_capitals_is_linear() -> None:
    """The reproduction: 100,000 characters of "A-" in a notice (43 s before)."""
    small, large = _parse_time("A-" * 5_000), _parse_time("A-" * 50_000)
    assert large / small < regex_audit.MAX_RATIO, (small, large)


def test_policy_names_unchanged_on_real_notices() -> None:
    """Bounding each word changes nothing for real notices (the corpus's, and names)."""
    root = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.notice.txt"))]
    texts.append(
        "We found a violation of the Restricted Products Policy and Amazon's Seller "
        "Code of Conduct. Review the Intellectual Property Policy and Guidelines."
    )
    assert len(texts) > 20
    for text in texts:
        assert [m.group(1) for m in POLICY_RE.finditer(text)] == [
            m.group(1) for m in OLD_POLICY_RE.finditer(text)
        ]


def test_cli_with_hostile_notice_reports_normally(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(GOOD_LETTER, encoding="utf-8")
    notice = tmp_path / "notice.txt"
    notice.write_text("A-" * 50_000, encoding="utf-8")
    result = run_cli(str(letter), "--notice", str(notice), "--no-cache")
    assert result.exception is None and result.code in (0, 1), result.output
    assert str(letter) in result.output
