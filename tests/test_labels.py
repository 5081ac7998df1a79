"""Document-level labels: the bridge between whole-letter judgements and rule codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from poa_lint.catalog import load_catalog
from poa_lint.evaluation import load_jsonl
from poa_lint.labels import (
    LABEL_OF_CODE,
    class_of,
    predicted_labels,
    truth_from_codes,
    truth_from_schema,
)

GOOD = {
    "has_root_cause": True,
    "has_corrective": True,
    "has_preventive": True,
    "blames_buyer": False,
    "criticizes_amazon": False,
    "emotional_or_unprofessional": False,
    "vague_measures": False,
    "has_timeframes": True,
    "placeholders_left": False,
    "uncovered_causes": [],
}


def test_every_mapped_code_is_a_rule() -> None:
    codes = {r.code for r in load_catalog().rules}
    assert set(LABEL_OF_CODE) <= codes


def test_parts_present_become_missing_labels() -> None:
    truth = truth_from_schema({**GOOD, "has_corrective": False, "has_timeframes": False})
    assert truth["missing_corrective"] is True
    assert truth["no_timeframes"] is True
    assert truth["missing_root_cause"] is False
    assert class_of(truth) == "reject"


def test_a_clean_broader_label_settles_the_narrower_one() -> None:
    clean = truth_from_schema(GOOD)
    assert clean["threatens"] is False
    assert clean["denies_violation"] is False
    rude = truth_from_schema({**GOOD, "emotional_or_unprofessional": True})
    assert rude["threatens"] is None  # unprofessional, but not necessarily a threat


def test_truncated_copies_judge_only_what_the_visible_text_settles() -> None:
    cut = truth_from_schema(
        {**GOOD, "has_preventive": False, "uncovered_causes": ["x"], "too_long": False},
        truncated=True,
    )
    assert cut["missing_preventive"] is None
    assert cut["uncovered_causes"] is None
    assert cut["too_long"] is None
    whole = truth_from_schema({**GOOD, "has_preventive": True}, truncated=True)
    assert whole["missing_preventive"] is False  # present in the visible text: judged


@pytest.mark.parametrize(
    ("codes", "expected"),
    [([], "good"), (["POA301"], "revise"), (["POA301", "POA201"], "reject"), (["POA302"], "good")],
)
def test_class_follows_expected_codes(codes: list[str], expected: str) -> None:
    assert class_of(truth_from_codes(codes)) == expected


def test_predicted_labels_ignore_unlabelled_codes() -> None:
    assert predicted_labels(["POA201", "POA402", "POA601"]) == {"blames_buyer", "uncovered_causes"}


def test_load_jsonl(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "Dear team, ...", "reason": "odr", "labels": GOOD, "truncated": False},
        {"id": "b", "text": "Hi", "reason": None, "labels": {**GOOD, "blames_buyer": True}},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    letters = load_jsonl(path)
    assert [(x.id, x.letter_class) for x in letters] == [("a", "good"), ("b", "reject")]


def test_load_jsonl_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_jsonl(path)
