"""Structure analysis: parts by heading, label and content; item roles; cause coverage."""

from __future__ import annotations

import pytest

from poa_lint import lint
from poa_lint.config import Config
from poa_lint.sections import classify_heading

STRUCTURE = Config(select=("POA1", "POA6"))


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Root Cause", "root_cause"),
        ("1. What caused the issue", "root_cause"),
        ("Why this happened", "root_cause"),
        ("ROOT CAUSE ANALYSIS", "root_cause"),
        ("## Corrective actions", "corrective"),
        ("What we have fixed", "corrective"),
        ("Actions already taken:", "corrective"),
        ("How we will prevent it", "preventive"),
        ("Steps taken to prevent recurrence", "preventive"),
        ("**Preventive Measures**", "preventive"),
        ("Going forward", "preventive"),
        ("Plan of Action:", "plan"),
        ("What we will do:", "plan"),
        ("What we are going to do", "plan"),
        ("What we will do to fix it", "corrective"),
        ("Dear Seller Performance Team,", None),
        ("Sincerely,", None),
    ],
)
def test_heading_wordings(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.found_by) for s in lint(text, config=STRUCTURE).sections]


def test_sections_by_heading() -> None:
    text = (
        "Why this happened\nOur label template had the old return address.\n\n"
        "What we have fixed\nWe reprinted all labels on 3 May.\n\n"
        "How we will prevent it\nA second person will check every label each morning.\n"
    )
    assert kinds(text) == [
        ("root_cause", "heading"),
        ("corrective", "heading"),
        ("preventive", "heading"),
    ]


def test_sections_by_inline_label() -> None:
    text = (
        "Root cause: our label template had the old return address.\n"
        "Corrective action: we reprinted all labels on 3 May.\n"
        "Prevention: a second person checks every label each morning.\n"
    )
    assert [k for k, _ in kinds(text)] == ["root_cause", "corrective", "preventive"]
    assert {f for _, f in kinds(text)} == {"label"}


def test_sections_by_content_without_headings() -> None:
    text = (
        "Dear team,\n\nOur late shipments happened because our only packer was on leave and "
        "nobody covered his work.\n\nWe have shipped all open orders and refunded the shipping "
        "fee to every affected buyer.\n\nFrom now on two packers will share each shift, and our "
        "manager will check the late shipment rate every Monday.\n"
    )
    assert kinds(text) == [
        ("root_cause", "content"),
        ("corrective", "content"),
        ("preventive", "content"),
    ]
    assert lint(text, config=STRUCTURE).codes() == []


def test_present_perfect_then_future_is_corrective_then_preventive() -> None:
    text = (
        "Our listing showed the wrong size because we copied an old chart.\n"
        "We have corrected the size chart and refunded the three buyers.\n"
        "We will compare every new chart with the factory sample before publishing.\n"
    )
    assert [k for k, _ in kinds(text)] == ["root_cause", "corrective", "preventive"]


def test_no_blame_trap_is_not_a_cause_by_itself() -> None:
    text = (
        "We do not blame anyone but ourselves.\n"
        "We have refunded all buyers within 24 hours.\n"
        "We will check each parcel daily.\n"
    )
    assert "POA101" in lint(text, config=STRUCTURE).codes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We apologise. We will refund the buyers and we will check parcels daily.",
            {"POA101", "POA102"},
        ),
        ("Our boxes were too thin. We refunded all buyers on 3 May.", {"POA103"}),
        (
            "Root cause\nOur boxes were too thin.\nCorrective actions\nWe will refund all buyers.\n"
            "Preventive measures\nA packer will check every box daily.",
            # nothing done yet: the letter lacks corrective actions (POA102), and the part
            # meant for them is written as promises (POA104 points at them)
            {"POA102", "POA104"},
        ),
    ],
)
def test_missing_and_not_done_parts(text: str, expected: set[str]) -> None:
    assert set(lint(text, config=STRUCTURE).codes()) == expected


def test_plan_of_action_heading_with_only_promises_is_not_done() -> None:
    text = (
        "Our stock count was wrong because the warehouse software did not sync.\n\n"
        "Plan of Action:\n1. Review all products to make sure stock matches.\n"
        "2. We will respond to buyers within 12 hours.\n"
    )
    assert "POA104" in lint(text, config=STRUCTURE).codes()


def test_quoted_notice_does_not_make_a_root_cause() -> None:
    text = (
        'Your notice says: "Your account was deactivated because of a high order defect rate."\n'
        "We have refunded all affected buyers on 3 May.\nWe will check every parcel daily.\n"
    )
    report = lint(text, config=STRUCTURE)
    assert "POA101" in report.codes()


def test_coverage_names_the_uncovered_cause() -> None:
    text = (
        "Root cause\n- Our packaging was too thin for glass jars.\n"
        "- Our customer service replies were slow because our agent left.\n"
        "Corrective actions\n- We switched to double-wall boxes for all glass jars on 3 May.\n"
        "Preventive measures\n- A packer checks the packaging of each glass order daily.\n"
        "- We hired a second customer service agent who answers messages within 12 hours.\n"
    )
    report = lint(text, config=STRUCTURE)
    findings = [f for f in report.findings if f.code == "POA601"]
    assert len(findings) == 1
    assert "replies were slow" in findings[0].message
    assert findings[0].line == 3
    rows = {row.cause[:20]: row for row in report.coverage}
    assert rows["Our packaging was to"].corrective and rows["Our packaging was to"].preventive


def test_whole_part_missing_reports_once_not_per_cause() -> None:
    text = (
        "Root cause\n- Our packaging was too thin for glass jars.\n"
        "- Our listing showed the wrong capacity.\n"
        "Corrective actions\n- We switched to double-wall boxes on 3 May.\n"
        "- We corrected the capacity on the listing on 4 May.\n"
    )
    assert lint(text, config=STRUCTURE).codes() == ["POA103"]


def test_section_order_info() -> None:
    text = (
        "Preventive measures\nA packer will check each glass order daily.\n"
        "Root cause\nOur packaging was too thin for glass jars.\n"
        "Corrective actions\nWe have refunded every affected buyer.\n"
    )
    report = lint(text, config=Config(select=("POA105",)))
    assert report.codes() == ["POA105"] and report.findings[0].line == 3


NOTICE = (
    "We have deactivated your selling account.\n"
    "Order Defect Rate (60 days): 2.3% (target: under 1%)\n"
    "Orders with A-to-z Guarantee claims:\n113-1234567-1234567\n112-4409182-7736120\n"
    "Listings: ASIN B07XJ8C8F5. Please review our Restricted Products Policy.\n"
)


def test_notice_parsing() -> None:
    from poa_lint.notice import parse_notice

    notice = parse_notice(NOTICE)
    described = {item.describe() for item in notice.items}
    assert "order 113-1234567-1234567" in described
    assert "ASIN B07XJ8C8F5" in described
    assert "order defect rate (2.3%)" in described
    assert any("Restricted Products" in d for d in described)
    assert notice.reasons[0].id == "odr"


def test_notice_items_not_addressed() -> None:
    letter = (
        "Our order defect rate of 2.3% came from orders 113-1234567-1234567 and ASIN B07XJ8C8F5, "
        "whose boxes were too thin. We refunded the buyer on 3 May. We will check boxes daily."
    )
    report = lint(letter, notice=NOTICE, config=Config(select=("POA603",)))
    messages = " ".join(f.message for f in report.findings)
    assert "112-4409182-7736120" in messages
    assert "Restricted Products" in messages
    assert "113-1234567-1234567" not in messages


def test_reason_from_notice_and_detected() -> None:
    assert lint("We refunded the buyer.", notice=NOTICE).reason.source == "notice"  # type: ignore[union-attr]
    detected = lint("Our late shipment rate rose because our carrier missed pickups.")
    assert detected.reason is not None and detected.reason.id == "late_shipment"
    assert detected.reason.source == "detected"


@pytest.mark.parametrize(
    "text",
    [
        "within 24 hours",
        "in two business days",
        "by 15 March",
        "no later than 5 p.m. PST",
        "daily",
        "every Monday",
        "quarterly",
        "48 hrs",
        "twice a week",
        "on 3 May 2024",
        "before each shipment",
        "by the end of the month",
    ],
)
def test_timeframes_recognised(text: str) -> None:
    from poa_lint.timeframes import has_timeframe

    assert has_timeframe(f"We check the labels {text}.")


@pytest.mark.parametrize(
    "text", ["as soon as possible", "in the future", "a shipment", "an A-to-z claim"]
)
def test_not_timeframes(text: str) -> None:
    from poa_lint.timeframes import has_timeframe

    assert not has_timeframe(f"We check the labels {text}.")


FIXES_ONLY = """To: Seller Performance
Re: Appeal for the Brightmoor Kitchen account (late shipments)

Hello,

Our account was deactivated because too many of our orders shipped after the expected ship date.

What we have done

1. We shipped all 23 open orders by 4 June and sent each buyer the tracking number.
2. We refunded the shipping cost to the 9 buyers whose orders arrived late.

What we will do from now on

- From 10 June our warehouse lead checks the open orders at 10:00 and 15:00 every day.
- Every Monday our manager reviews the late shipment rate in Account Health.

Kind regards,
Ola Brandt
"""


def test_a_restated_suspension_and_an_email_header_are_not_a_root_cause() -> None:
    report = lint(FIXES_ONLY, config=STRUCTURE)
    assert "POA101" in report.codes()
    assert not {"POA601", "POA602"} & set(report.codes())


def test_own_act_in_the_reason_is_still_a_cause() -> None:
    text = FIXES_ONLY.replace(
        "because too many of our orders shipped after the expected ship date",
        "because we set a handling time of one day that our two packers could not meet",
    )
    assert "POA101" not in lint(text, config=STRUCTURE).codes()


def test_a_plan_title_over_no_actions_is_no_corrective_part() -> None:
    text = """Dear Seller Performance Team,

PLAN OF ACTION - LISTING REMOVAL

We received your notice that our lamp listing was removed. We want to explain the situation.

ROOT CAUSE

Our assistant copied the product photos from the maker's website without asking for permission.

PREVENTIVE MEASURES

1. Photo register
From 1 July we will record where every product photo comes from and who allowed its use.

2. Designer handbook
By 15 July we will add a chapter on image rights to our designer handbook.
"""
    report = lint(text, config=STRUCTURE)
    assert "POA102" in report.codes()
    kinds = [s.kind for s in report.sections]
    assert kinds[0] == "introduction" and "corrective" not in kinds


def test_a_future_heading_announces_the_plan() -> None:
    text = """Why it happened:
Our stock script ran only once a night, so sold-out covers still showed as in stock.

What we have done:
- On 2 June we cancelled the 12 open orders for sold-out covers and refunded the buyers.

What we will do:
- Within 7 days we will replace the nightly script with a live stock connection.
- Every Friday our stock manager will compare Amazon quantities with the shelf count.
"""
    report = lint(text, config=STRUCTURE)
    assert [s.kind for s in report.sections] == ["root_cause", "corrective", "preventive"]
    assert not {"POA101", "POA102", "POA103"} & set(report.codes())
