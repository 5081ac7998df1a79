"""Conciseness rules POA402-POA405, beyond the examples in rules/conciseness.yaml.

The YAML examples prove each rule fires and stays quiet on the obvious cases; these tables
pin down boundaries (exactly at a limit), options, offsets, quoting and the guards around
textstat, which must never make ``lint()`` crash.
"""

from __future__ import annotations

from typing import Any

import pytest

from poa_lint import lint
from poa_lint.config import Config, RuleSettings
from poa_lint.errors import ConfigError
from poa_lint.models import Finding, Report


def _run(text: str, code: str, **options: Any) -> Report:
    rules = {code: RuleSettings(**options)} if options else {}
    return lint(text, config=Config(select=(code,), rules=rules))


def _hits(text: str, code: str, **options: Any) -> list[Finding]:
    return [f for f in _run(text, code, **options).findings if f.code == code]


def _sentence(words: int) -> str:
    """A plain sentence of exactly ``words`` words (spaCy counts each of these as one)."""
    pool = ["we", "checked", "the", "box", "and", "the", "label", "again"]
    body = [pool[i % len(pool)] for i in range(words)]
    body[0] = "We"
    return " ".join(body) + "."


# ---------------------------------------------------------------------------------------------
# POA402 long-sentence
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "fires"),
    [(10, False), (35, False), (36, True), (60, True)],
)
def test_long_sentence_boundary_at_default(words: int, fires: bool) -> None:
    assert bool(_hits(_sentence(words), "POA402")) is fires


@pytest.mark.parametrize(
    ("text", "options", "fires"),
    [
        (_sentence(12), {"max-words": 12}, False),
        (_sentence(13), {"max-words": 12}, True),
        (_sentence(50), {"max-words": 60}, False),
    ],
)
def test_long_sentence_max_words_option(text: str, options: dict[str, Any], fires: bool) -> None:
    assert bool(_hits(text, "POA402", **options)) is fires


def test_long_sentence_points_at_the_sentence_with_its_count() -> None:
    short = "We refunded the buyer."
    long = _sentence(40)
    text = f"{short} {long} We fixed the label."
    (hit,) = _hits(text, "POA402")
    assert text[hit.start : hit.end] == long
    assert hit.excerpt.startswith(long[:100]) and hit.excerpt.endswith("…")
    assert "40 words" in hit.message and "35" in hit.message
    assert hit.suggestion and "Split" in hit.suggestion
    assert hit.line == 1 and hit.column == len(short) + 2


def test_long_sentence_list_items_and_headings_are_sentences() -> None:
    item = _sentence(40)
    text = f"Corrective actions:\n- {item}\n- We fixed the label.\n\nRoot cause\n{_sentence(8)}"
    (hit,) = _hits(text, "POA402")
    assert text[hit.start : hit.end] == item
    assert hit.line == 2


def test_line_breaks_split_short_lines_without_punctuation() -> None:
    # Headings and list items end at the line break even without a period.
    text = "Root Cause\n" + "\n".join(f"- {_sentence(20)[:-1]}" for _ in range(3))
    assert _hits(text, "POA402") == []


def test_hard_wrapped_sentence_is_counted_across_lines() -> None:
    first = "Our warehouse team did not check the bubble wrap on the glass jars before"
    second = "they were sent to buyers, because during the holiday season only two people"
    third = "worked in the warehouse and they had to pack more than four hundred orders."
    text = f"{first}\n{second}\n{third}"
    (hit,) = _hits(text, "POA402")
    assert (hit.start, hit.end) == (0, len(text))
    assert hit.end_line == 3


def test_long_sentence_skips_quoted_words() -> None:
    quote = _sentence(50)[:-1]
    text = f'Your notice said "{quote}" and we fixed it.'
    assert _hits(text, "POA402") == []
    assert _hits(f'"{_sentence(50)}"', "POA402") == []


def test_long_sentence_rejects_bad_option() -> None:
    with pytest.raises(ConfigError):
        _run("We refunded the buyer.", "POA402", **{"max-words": 0})


# ---------------------------------------------------------------------------------------------
# POA403 wordy-phrase
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "match", "suggestion"),
    [
        ("In order to stop this, we now check every label.", "In order to", "to"),
        ("IN ORDER TO stop this, we check every label.", "IN ORDER TO", "to"),
        (
            "We were late due to the fact that our packer was ill.",
            "due to the fact that",
            "because",
        ),
        ("At this point in time all orders have shipped.", "At this point in time", "now"),
        ("In the event that a label fails, we reprint it.", "In the event that", "if"),
        ("We wrote to the buyer with regard to the refund.", "with regard to", "about"),
        ("A large number of buyers got the old label.", "A large number of", "many"),
        ("We took into consideration all 6 complaints.", "took into consideration", "consider"),
        (
            "We are taking into consideration all complaints.",
            "taking into consideration",
            "consider",
        ),
        ("Prior to pickup, a second person checks each label.", "Prior to", "before"),
        ("First and foremost, we apologise to the buyers.", "First and foremost", "first"),
        ("We check the stock on a daily basis.", "on a daily basis", "daily"),
        (
            "We will fix the listing in the near future.",
            "in the near future",
            "soon (better: a date)",
        ),
    ],
)
def test_wordy_phrase_with_suggestion(text: str, match: str, suggestion: str) -> None:
    (hit,) = _hits(text, "POA403")
    assert text[hit.start : hit.end] == match
    assert hit.suggestion == suggestion
    assert hit.severity.value == "info"


@pytest.mark.parametrize(
    "text",
    [
        "Please be advised that we refunded every buyer.",
        "We would like to take this opportunity to apologise to the buyers.",
        "It is important to note that the label was wrong.",
        "We are in the process of updating the listing.",
    ],
)
def test_padding_phrases_say_delete(text: str) -> None:
    (hit,) = _hits(text, "POA403")
    assert "padding" in hit.message
    assert hit.suggestion is None


@pytest.mark.parametrize(
    "text",
    [
        "Every order is checked before it ships.",
        "We are switching to a sturdier box in order. To be safe, we checked every box.",
        "We pack orders in order of arrival.",
        "Our prior supplier is no longer used.",
        "Each of our listings was checked, and every label was reprinted.",
        "We took the complaints seriously and considered each one.",
        "The near future of our store depends on fixing this.",  # 'near future' without 'in the'
        'Your notice says "in order to reinstate your account, send a plan".',
    ],
)
def test_wordy_phrase_not_flagged(text: str) -> None:
    assert _hits(text, "POA403") == []


def test_wordy_phrase_reports_each_pattern_once_per_paragraph_with_a_count() -> None:
    text = "In order to fix it we acted prior to pickup, in order to be safe."
    hits = _hits(text, "POA403")
    assert [(text[h.start : h.end], h.count) for h in hits] == [("In order to", 2), ("prior to", 1)]
    two = "In order to fix it we acted.\n\nWe called, in order to be safe."
    assert [h.count for h in _hits(two, "POA403")] == [1, 1]  # one per paragraph


# ---------------------------------------------------------------------------------------------
# POA404 hard-to-read
# ---------------------------------------------------------------------------------------------

PLAIN = (
    "Dear Seller Performance Team,\n\n"
    "Our label template still had our old return address after we moved in March. Two "
    "parcels went back to the old address, and the buyers never received them.\n\n"
    "We refunded both buyers in full within 12 hours. We deleted the old address from the "
    "template and reprinted every label in stock.\n\n"
    "From 18 March a second staff member checks each shipping label against the order "
    "address before pickup, every working day. Every Monday our product manager compares the "
    "listing data of all our products with the factory sheet. Any difference is fixed within "
    "24 hours.\n\n"
    "We also read the Account Health page every day. If the defect rate goes up, the team "
    "leader looks at each new order defect on the same day and writes to the buyer.\n\n"
    "Sincerely,\nLi Wei"
)

HARD_PARAGRAPH = (
    "Furthermore, our organization has implemented a systematic quarterly auditing "
    "procedure, designated a dedicated compliance administrator with responsibility for "
    "supplier qualification, and instituted mandatory educational programmes concerning "
    "intellectual property regulations and authenticity requirements for all personnel."
)


def test_plain_letter_is_not_hard_to_read() -> None:
    assert _hits(PLAIN, "POA404") == []


def test_hard_letter_points_at_hardest_paragraph() -> None:
    text = PLAIN.replace("Sincerely,", HARD_PARAGRAPH + "\n\nSincerely,")
    (hit,) = _hits(text, "POA404", **{"max-grade": 8})
    assert text[hit.start : hit.end] == HARD_PARAGRAPH
    assert "above the limit of 8" in hit.message
    assert hit.severity.value == "info"


def test_hard_to_read_max_grade_option() -> None:
    assert _hits(PLAIN, "POA404", **{"max-grade": 3})
    assert not _hits(PLAIN, "POA404", **{"max-grade": 30})


def test_hard_to_read_ignores_short_letters() -> None:
    assert _hits(HARD_PARAGRAPH, "POA404") == []
    assert _hits(HARD_PARAGRAPH, "POA404", **{"min-words": 10})


def test_hard_to_read_ignores_headings_and_quotes() -> None:
    heading = "# Comprehensive Organizational Remediation Methodology Documentation"
    quoted = f'Your notice said: "{HARD_PARAGRAPH}"'
    text = PLAIN.replace("Dear Seller Performance Team,", f"{heading}\n\n{quoted}")
    assert _hits(text, "POA404") == []


def test_ids_and_numbers_do_not_make_a_letter_hard() -> None:
    ids = " ".join(f"Order 113-{1234567 + i}-{7654321 - i} was refunded." for i in range(20))
    assert _hits(f"{PLAIN}\n\n{ids}", "POA404") == []


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "★★★ ✅ 🙏", "!!! ??? ...", "12345 678 90", "—— •• ——", "我们已经退款。"],
)
def test_readability_edge_cases_do_not_crash(text: str) -> None:
    report = lint(text, config=Config(select=("POA404", "POA405", "POA402", "POA403")))
    assert "POA404" not in report.codes()


def test_reading_grade_guards() -> None:
    from poa_lint.checks.hard_to_read import reading_grade

    assert reading_grade("") is None
    assert reading_grade("★★★ !!! 123.") is None
    grade = reading_grade("We refunded the buyer. We fixed the label.")
    assert grade is not None and grade < 8


def test_textstat_failure_does_not_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import textstat

    def boom(text: str) -> float:
        raise ZeroDivisionError("textstat bug")

    monkeypatch.setattr(textstat, "coleman_liau_index", boom)
    assert _hits(PLAIN, "POA404", **{"max-grade": 1}) == []


def test_readability_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat's Flesch-Kincaid downloads NLTK's cmudict when missing; we must not."""
    import nltk  # type: ignore[import-untyped]

    def no_download(*args: Any, **kwargs: Any) -> bool:
        raise AssertionError("poa-lint tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_download)
    assert _hits(PLAIN, "POA404", **{"max-grade": 1})


# ---------------------------------------------------------------------------------------------
# POA405 too-short
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("words", "fires"), [(5, True), (119, True), (120, False), (300, False)])
def test_too_short_boundary(words: int, fires: bool) -> None:
    text = " ".join(_sentence(10) for _ in range(words // 10)) + " " + _sentence(words % 10 or 10)
    text = text if words % 10 else " ".join(_sentence(10) for _ in range(words // 10))
    assert sum(1 for w in text.split() if w.strip(".")) == words
    assert bool(_hits(text, "POA405")) is fires


def test_too_short_is_about_the_whole_letter_and_counts_words() -> None:
    text = "\n  Dear Seller Performance Team,  \nWe are sorry. We fixed it.\n"
    (hit,) = _hits(text, "POA405")
    assert hit.scope == "letter" and hit.excerpt == ""
    assert (hit.start, hit.end, hit.line, hit.column) == (0, 0, 1, 1)
    assert "only 10 words" in hit.message and "120" in hit.message


def test_too_short_min_words_option() -> None:
    assert _hits("We refunded all eight buyers in full.", "POA405", **{"min-words": 7}) == []
    assert _hits("We refunded all eight buyers in full.", "POA405", **{"min-words": 8})


def test_too_short_does_not_count_quoted_notice() -> None:
    notice = " ".join(_sentence(10) for _ in range(15))
    text = f'Dear team,\nYour notice said: "{notice}"\nWe fixed it.'
    (hit,) = _hits(text, "POA405")
    assert "only 8 words" in hit.message


@pytest.mark.parametrize("text", ["", "   \n", "★★★"])
def test_too_short_on_empty_letters(text: str) -> None:
    (hit,) = _hits(text, "POA405")
    assert "words (minimum 120)" in hit.message
    assert 0 <= hit.start <= hit.end <= len(text)
