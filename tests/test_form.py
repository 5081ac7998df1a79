"""POA802 decorative-symbols and POA702 non-english-text, beyond the YAML examples.

Both rules read characters, so the tables here are about Unicode: emoji sequences (skin
tones, joiners, keycaps, flags) must come out as one finding with exact offsets; legitimate
symbols (™ after a brand, units, currency, math, plain bullets) and accented Latin names
must never be flagged.
"""

from __future__ import annotations

from typing import Any

import pytest

from poa_lint import lint
from poa_lint.config import Config, RuleSettings
from poa_lint.errors import ConfigError
from poa_lint.models import Finding


def _hits(
    text: str, code: str, config: Config | None = None, options: dict[str, Any] | None = None
) -> list[Finding]:
    if config is None:
        rules = {code: RuleSettings(**options)} if options else {}
        config = Config(select=(code,), rules=rules)
    return [f for f in lint(text, config=config).findings if f.code == code]


def _spans(text: str, hits: list[Finding]) -> list[str]:
    return [text[h.start : h.end] for h in hits]


# ---------------------------------------------------------------------------------------------
# POA802 decorative-symbols
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you for your time 🙏", ["🙏"]),
        ("Thank you 🙏🏽 and sorry", ["🙏🏽"]),  # skin-tone modifier belongs to the emoji
        ("Our team 👨‍👩‍👧 checks it", ["👨‍👩‍👧"]),  # zero-width-joiner sequence
        ("Shipped from 🇨🇳 to 🇺🇸 on time.", ["🇨🇳", "🇺🇸"]),
        ("We fixed it ❤️ today.", ["❤️"]),  # with variation selector
        ("2️⃣ We fixed the label.", ["2️⃣"]),
        ("★ ★ ★ We fixed it.", ["★ ★ ★"]),
        ("Every label ✔ and every parcel ✓ is checked.", ["✔", "✓"]),
        ("Important ‼ we fixed it", ["‼"]),
        ("Note ●●● we fixed it", ["●●●"]),  # a shape mid-line is decoration, not a bullet
        ("Steps:\n► We refunded.\n► We fixed the label.", ["►", "►"]),
        ("Steps:\n✅ We refunded.\n✅ We fixed the label.", ["✅", "✅"]),
    ],
)
def test_decorative_symbols_found(text: str, expected: list[str]) -> None:
    assert _spans(text, _hits(text, "POA802")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our brand Acme™ is registered; Acme® in the EU; © 2024 Acme Ltd.",
        "The kettle holds 1.0 L (±0.05 L) and is rated to 100 °C (212 ℉).",
        "We changed the capacity from 1.2 L → 1.0 L and the size from 20 × 30 cm.",
        "We refunded €20, ¥150 and $12.50 & paid 20% of the return costs.",
        "Thank you!!! We are sorry!!!",  # tone (POA2xx), not symbols
        "Steps:\n- We refunded.\n- We fixed the label.",
        "Steps:\n* We refunded.\n* We fixed the label.",
        "Steps:\n• We refunded.\n• We fixed the label.",
        "Steps:\n· We refunded.\n· We fixed the label.",
        "Steps:\n1. We refunded.\n2. We fixed the label.",
        "Steps:\n1) We refunded.\n2) We fixed the label.",
        "Steps:\n● We refunded.\n● We fixed the label.",
        "Steps:\n■ We refunded.\n▪ We fixed the label.",
        "Steps:\n◆ We refunded.\n◇ We fixed the label.",  # shapes the reader does not know
        "The package is 50㎜ wide and weighs 2㎏.",
        "Box drawing in a plain-text table: ─── │ ───",
        "The order number is № 113-1234567-1234567.",
        'Your notice says "★ Top seller ★" and we removed that text.',  # quoted: not the seller's
    ],
)
def test_not_decorative(text: str) -> None:
    assert _hits(text, "POA802") == []


def test_decorative_offsets_and_message() -> None:
    text = "Dear team,\nWe refunded every buyer within 24 hours ✅ and apologised 🙏."
    first, second = _hits(text, "POA802")
    assert text[first.start : first.end] == "✅"
    assert (first.line, first.column) == (2, text.index("✅") - text.index("\n"))
    assert "✅" in first.message and "delete" in first.message
    assert second.excerpt == "🙏"
    assert first.severity.value == "warning"


def test_decorative_marker_gets_plain_bullet_suggestion() -> None:
    text = "Corrective actions:\n➤ We refunded the buyer.\n➤ We fixed the label."
    hits = _hits(text, "POA802")
    assert len(hits) == 2
    assert all(h.suggestion == "-" and "list marker" in h.message for h in hits)
    assert [h.line for h in hits] == [2, 3]


LIST_LETTER = (
    "We took these steps:\n"
    "- We refunded the buyer.\n"
    "- We fixed the label.\n"
    "\n"
    "From now on:\n"
    "1. A second person checks each label.\n"
    "2. The manager reads the metrics daily.\n"
    "3. We audit the listings every Monday.\n"
)


def test_default_list_style_accepts_plain_lists() -> None:
    assert _hits(LIST_LETTER, "POA802") == []


@pytest.mark.parametrize(
    "config",
    [
        Config(list_style="prose", select=("POA802",)),
        Config(select=("POA802",), rules={"POA802": RuleSettings(**{"list-style": "prose"})}),
    ],
    ids=["top-level", "rule-table"],
)
def test_prose_list_style_flags_each_list_once(config: Config) -> None:
    hits = _hits(LIST_LETTER, "POA802", config=config)
    assert _spans(LIST_LETTER, hits) == [
        "- We refunded the buyer.",
        "1. A second person checks each label.",
    ]
    assert "2 items" in hits[0].message and "3 items" in hits[1].message
    assert all("paragraphs" in h.message for h in hits)


def test_prose_list_style_does_not_double_report_decorative_markers() -> None:
    text = "Steps:\n➤ We refunded the buyer.\n➤ We fixed the label."
    hits = _hits(text, "POA802", config=Config(list_style="prose", select=("POA802",)))
    assert _spans(text, hits) == ["➤", "➤"]


def test_prose_list_style_leaves_paragraphs_alone() -> None:
    text = "We refunded the buyer. We fixed the label. From now on we check every label."
    assert _hits(text, "POA802", config=Config(list_style="prose", select=("POA802",))) == []


def test_list_style_rejects_unknown_value() -> None:
    with pytest.raises(ConfigError):
        _hits("We fixed it.", "POA802", options={"list-style": "numbers"})


# ---------------------------------------------------------------------------------------------
# POA702 non-english-text
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "script"),
    [
        ("We refunded the buyer. 我们已经退款。", ["我们已经退款。"], "Chinese"),
        (
            "我们已经退款，并且更换了包装。We fixed it.",
            ["我们已经退款，并且更换了包装。"],
            "Chinese",
        ),
        ("型号A1的LED灯已下架。", ["型号A1的LED灯已下架。"], "Chinese"),  # Latin model inside
        ("返品はすべて検品します。", ["返品はすべて検品します。"], "Japanese"),
        ("우리는 환불했습니다.", ["우리는 환불했습니다"], "Korean"),
        ("Мы вернули деньги.", ["Мы вернули деньги"], "Cyrillic"),
        ("لقد أعدنا المبلغ", ["لقد أعدنا المبلغ"], "Arabic"),
        ("เราคืนเงินแล้ว", ["เราคืนเงินแล้ว"], "Thai"),
        ("हमने पैसे लौटा दिए", ["हमने पैसे लौटा दिए"], "Devanagari"),
        ('Your notice said "请提供发票".', ["请提供发票"], "Chinese"),  # quotes are checked too
    ],
)
def test_non_english_found(text: str, expected: list[str], script: str) -> None:
    hits = _hits(text, "POA702")
    assert _spans(text, hits) == expected
    assert all(h.message.startswith(script) for h in hits)
    assert all(h.suggestion == "Translate it into English." for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "We refunded Mr. Müller of Müller GmbH and the Café Lumière in São Paulo.",
        "Ærø Ltd, Łódź, Ñandú S.A. and Šťastný s.r.o. are our suppliers.",
        "The filter is 5 μm, the resistor 10 Ω and the angle 30°.",
        "We refunded ¥200, €15 and £9.",
        "We refunded the buyer（order 113-1234567-1234567），and apologised。",
        "ＡＢＣ Trading is our company name on the invoice.",  # fullwidth Latin
        "Thank you for your time 🙏 ✅",
        "Delta (Δ) of 2 mm was found.",
    ],
)
def test_non_english_not_flagged(text: str) -> None:
    assert _hits(text, "POA702") == []


def test_non_english_one_hit_per_line_and_stretch() -> None:
    text = (
        "Corrective actions:\n"
        "- 我们已经删除了文字。\n"
        "- On 11 May we wrote a new description and uploaded it to the listing 今天 done.\n"
        "中文 and then a long English stretch follows here 中文\n"
    )
    hits = _hits(text, "POA702")
    assert _spans(text, hits) == ["我们已经删除了文字。", "今天", "中文", "中文"]
    assert [h.line for h in hits] == [2, 3, 4, 4]


def test_non_english_runs_across_lines_are_separate() -> None:
    text = "我们已经退款\n我们已经更换包装"
    hits = _hits(text, "POA702")
    assert [(h.line, h.excerpt) for h in hits] == [(1, "我们已经退款"), (2, "我们已经更换包装")]


def test_mixed_scripts_in_one_stretch() -> None:
    (hit,) = _hits("Привет 你好", "POA702")
    assert hit.message.startswith("Non-English text")
