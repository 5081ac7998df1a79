"""Tone rules POA201-POA205 on sentences that are not in rules/tone.yaml.

The YAML examples document each rule; this table is wider on purpose: varied seller English
(including the non-native phrasing common in cross-border letters) and the traps that tell a
parse-based rule from a word list ("we do not blame the buyer", "our attorney reviewed the
trademark", "we did not check the listing").
"""

from __future__ import annotations

import pytest

from poa_lint import lint
from poa_lint.config import Config, RuleSettings
from poa_lint.models import Report

TONE = Config(select=("POA2",))


def _tone(text: str, config: Config = TONE) -> Report:
    return lint(text, config=config)


# (sentence, rule that must fire, words the finding's excerpt must contain)
BAD: list[tuple[str, str, str]] = [
    # POA201 blames-buyer
    ("We think this buyer is a scammer who wants to keep the item.", "POA201", "scammer"),
    (
        "The customer didn't follow the washing instructions, so the shirt shrink.",
        "POA201",
        "follow",
    ),
    ("Buyer was lying about the item not arrive, tracking show delivered.", "POA201", "lying"),
    ("The lamp was broken by the customer when he install it.", "POA201", "broken by the customer"),
    ("Many customers are abusing the A-to-z guarantee to get money back.", "POA201", "abusing"),
    ("The customer left a fake review to hurt our store.", "POA201", "fake review"),
    ("He chose the wrong size, so the customer made the mistake, not us.", "POA201", "mistake"),
    ("The buyer used the charger incorrectly and burned it.", "POA201", "incorrectly"),
    ("The client was not honest with us about the condition of the return.", "POA201", "honest"),
    ("Most of these returns are customer misuse.", "POA201", "customer misuse"),
    # POA202 criticizes-amazon
    ("Your investigation team obviously did not look at our invoices.", "POA202", "look"),
    ("The suspension was totally unjustified.", "POA202", "unjustified"),
    ("Amazon suspended us without any warning.", "POA202", "without any warning"),
    ("We sent five appeals and always got the same canned answer.", "POA202", "canned answer"),
    ("Your decision is wrong, we always sell original products.", "POA202", "wrong"),
    ("Seller Performance ignored all the documents we sent.", "POA202", "ignored"),
    ("It is clear that a bot made this decision, not a person.", "POA202", "bot"),
    ("Our listing was removed by mistake.", "POA202", "removed by mistake"),
    ("This is Amazon's mistake, not ours.", "POA202", "mistake"),
    # POA203 unprofessional-tone
    ("We are so sorry about this!!", "POA203", "!!"),
    ("We are totally devastated by this suspension.", "POA203", "devastated"),
    ("Please, please reinstate our account.", "POA203", "please"),
    ("We NEVER WANT this to happen again.", "POA203", "NEVER WANT"),
    ("Our 20 employees rely on this store to feed their families.", "POA203", "rely"),
    ("We are desperate, this account is our only source of income.", "POA203", "desperate"),
    ("I beg you to give us one more chance.", "POA203", "beg"),
    ("This suspension will ruin our company.", "POA203", "ruin our company"),
    ("We will go bankrupt if the account stays closed.", "POA203", "bankrupt"),
    # POA204 threatens
    ("Our legal team will take this matter to court if necessary.", "POA204", "court"),
    ("We are considering a lawsuit against Amazon for the lost sales.", "POA204", "lawsuit"),
    (
        "Unless our account is reactivated by Friday, we will contact the newspapers.",
        "POA204",
        "newspapers",
    ),
    (
        "If you do not answer this appeal within 7 days, we will escalate to Jeff Bezos.",
        "POA204",
        "we will escalate",
    ),
    ("We will hire a lawyer and sue Amazon for damages.", "POA204", "sue"),
    ("Our attorney is preparing a case against your company.", "POA204", "attorney"),
    # POA205 denies-violation
    ("We never sold any counterfeit item, all our goods come from the brand.", "POA205", "sold"),
    ("Our company has not infringed any trademark.", "POA205", "infringed"),
    ("We have done nothing against Amazon rules.", "POA205", "nothing against"),
    ("The infringement claim is false.", "POA205", "claim is false"),
    ("We are not responsible for the late deliveries, the carrier is.", "POA205", "responsible"),
    ("We have been wrongly accused of selling used items as new.", "POA205", "accused"),
    ("It was not our fault that the parcels were late.", "POA205", "not our fault"),
    ("We always respect Amazon policies and never break them.", "POA205", "break"),
    ("We strongly deny the allegation.", "POA205", "deny the allegation"),
    ("We don't think we did anything wrong.", "POA205", "did"),
    ("WE ARE NOT A COUNTERFEIT SELLER.", "POA203", "COUNTERFEIT SELLER"),
    ("We fixed every listing！！", "POA203", "！！"),
    ("Your associates keep sending us the same template email.", "POA202", "template email"),
    ("We have already contacted our attorney about this deactivation.", "POA204", "attorney"),
]

# Sentences no tone rule may flag.
GOOD: list[str] = [
    # buyer mentioned, not blamed
    "The buyer told us the lid was loose, and she was right.",
    "We apologised to the customer and sent a new unit by express.",
    "The buyer opened an A-to-z claim because the parcel was lost in transit.",
    "Our customer service team now answers every buyer message within 12 hours.",
    "The customer did not receive the tracking number because our system failed to upload it.",
    "The buyer returned the item and we issued a full refund the same day.",
    "Customers could not find the size chart because it was only in the images.",
    "We will not accuse buyers of anything; the complaints show real problems in our process.",
    "The buyer did not lie; our listing photo showed a different colour.",
    "Three buyers wrote that the colour was wrong, and they were right.",
    # Amazon mentioned, not criticised
    "Your notice said that ASIN B07XJ8C8F5 was listed in the wrong category.",
    "We have read your policy on used items carefully.",
    "We thank Seller Performance for the chance to explain.",
    "We made a mistake when we listed the charger as new.",
    "Amazon's customers deserve accurate listings, and ours were not.",
    "We were slow to answer buyer messages during the holiday.",
    "We understand why Amazon removed the listing: it broke the pesticide policy.",
    "Our automated repricing tool set a wrong price on two listings.",
    "Our team did not read the restricted products policy before listing.",
    "The decision to use a cheaper courier was ours, and it was wrong.",
    # calm, factual tone
    "ROOT CAUSE ANALYSIS\nOur packer used the old label template for 9 orders.",
    "Corrective actions:\n1. We refunded all 14 affected buyers.",
    "We checked our FBM and FBA orders and the LSR report for the last 30 days.",
    "The buyer was frustrated because the parcel arrived two weeks late.",
    "We understand the buyer's disappointment and apologise for it.",
    "We respectfully ask you to review our plan of action.",
    "Our warehouse manager, Mr. LI Wei, now checks every label.",
    "Please find the supplier invoices attached.",
    "We are sorry for the inconvenience this caused to our buyers.",
    # lawyers and deadlines that are not threats
    "Our lawyer helped us register the trademark with the USPTO in March.",
    "We have hired a compliance consultant and an attorney to check every new listing.",
    "The rights owner said they would take legal action if we sold the item again.",
    "If the account is reinstated, we will follow this plan strictly.",
    "We will send the court documents from our trademark case if you need them.",
    "In the future, our attorney will approve every brand we add.",
    "We will contact the buyer and the carrier within 24 hours.",
    # ownership, not denial
    "We did not inspect the returned units before reselling them.",
    "We did not update the listing after the supplier changed the material.",
    "We broke Amazon's policy by listing a used item as new.",
    "We did not intend to violate the policy, but we did, and we have fixed it.",
    "The claim was valid: the item was missing a part.",
    "We will always comply with the restricted products policy.",
    "The items were not damaged when they left our warehouse, but our box was too weak.",
    "We accept that the complaint was justified.",
    "Our staff now always follow the new packing rules.",
    "Our packaging, not the carrier, was at fault.",
    "The fault is ours.",
    "We will not sell used items as new again.",
    "Our legal representative will provide the ID documents within 24 hours.",
    "The customer wanted a free replacement, and we sent it the next day.",
    "The packaging must survive a one-meter drop test.",
    "- From 5 June, two people check every listing against the USPTO and WIPO databases.",
]


@pytest.mark.parametrize(("text", "code", "words"), BAD, ids=[f"{c}-{t[:30]}" for t, c, _ in BAD])
def test_bad_sentence_is_flagged(text: str, code: str, words: str) -> None:
    report = _tone(text)
    hits = [f for f in report.findings if f.code == code]
    assert hits, f"{code} did not fire on {text!r}; got {report.codes()}"
    assert any(words.lower() in f.excerpt.lower() for f in hits), (
        f"{code} fired but no excerpt covers {words!r}: {[f.excerpt for f in hits]}"
    )
    assert all(f.suggestion for f in hits), "every tone finding carries a suggestion"


@pytest.mark.parametrize("text", GOOD, ids=[t[:40] for t in GOOD])
def test_good_sentence_is_not_flagged(text: str) -> None:
    report = _tone(text)
    assert not report.findings, [(f.code, f.excerpt) for f in report.findings]


def test_quoted_notice_text_is_not_the_sellers_voice() -> None:
    text = (
        'Your notice says "the seller did not violate any policy knowingly" and "the buyer lied".'
    )
    assert not _tone(text).findings


def test_table_is_large_enough() -> None:
    assert len(BAD) >= 25 and len(GOOD) >= 40
    assert {code for _, code, _ in BAD} == {"POA201", "POA202", "POA203", "POA204", "POA205"}


def test_message_quotes_the_flagged_words() -> None:
    report = _tone("Honestly, the buyer lied to us.")
    (finding,) = [f for f in report.findings if f.code == "POA201"]
    assert "buyer lied" in finding.message
    assert finding.severity.value == "error"


def test_single_exclamation_can_be_allowed() -> None:
    relaxed = Config(select=("POA203",), rules={"POA203": RuleSettings(exclamation="repeated")})
    assert not _tone("Thank you for your time!", relaxed).findings
    assert _tone("Thank you for your time!!", relaxed).findings
    assert _tone("Thank you for your time!").findings


def test_vocabulary_can_be_extended_in_config() -> None:
    text = "The patron lied about the parcel."
    assert not _tone(text).findings
    nouns = ["buyer", "customer", "patron"]
    settings = RuleSettings(**{"buyer-nouns": nouns})  # the kebab-case key of the TOML table
    config = Config(select=("POA201",), rules={"blames-buyer": settings})
    assert _tone(text, config).codes() == ["POA201"]


def test_shouted_paragraph_is_one_finding() -> None:
    text = "WE HAVE ALWAYS BEEN A GOOD SELLER AND WE DO NOT UNDERSTAND WHY OUR ACCOUNT WAS CLOSED."
    hits = [f for f in _tone(text).findings if f.code == "POA203"]
    assert len(hits) == 1


def test_heading_in_capitals_is_not_shouting() -> None:
    text = "PREVENTIVE MEASURES\nFrom 1 May, a second person checks every label."
    assert not _tone(text).findings
