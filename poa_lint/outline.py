"""A letter to start from: the three parts Amazon asks for, headed, with prompts to replace.

``poa-lint new --reason odr`` prints it and the web page's "Start from an outline" inserts
it. The headings and the closing are English, because the letter is; the prompts are in
the reader's language and stand in square brackets, each opening with an instruction
("[Describe …]"), so poa-lint flags every one that is left (POA701; POA702 too for prompts
in Chinese) and the letter "will be rejected" until the seller has replaced them all. What a
prompt asks for comes from the reason (``rules/reasons.yaml``): the metric and its target
to name for a performance reason, the documents reviewers ask for as evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .reasons import inline_name
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .i18n import Translator
    from .reasons import Reason


def outline(reason: Reason | None, tr: Translator) -> str:
    """The outline for ``reason`` (None: any reason), prompts worded by ``tr``."""

    def prompt(text: str | Template) -> str:
        return f"[{tr.text(text)}]"

    about = Template(inline_name(reason.name)) if reason is not None else None
    lines = ["Dear Seller Performance Team,", ""]
    lines.append(
        prompt(
            message(
                N_(
                    "Write who you are (your store name), and that this plan answers Amazon's "
                    "notice about {reason}."
                ),
                reason=about,
            )
            if about is not None
            else N_(
                "Write who you are (your store name), and which of Amazon's notices this plan "
                "answers."
            )
        )
    )
    lines += ["", "Root cause"]
    lines.append(
        prompt(
            N_(
                "Explain what went wrong in your own process, and why. Put each cause on its "
                "own line. Do not blame the buyer or Amazon."
            )
        )
    )
    if reason is not None and reason.metric is not None:
        lines.append(
            prompt(
                message(
                    N_(
                        "State the metric and its target: 'Our {metric} is X%, above Amazon's "
                        "target of {target}.'"
                    ),
                    metric=reason.metric.names[0],
                    target=reason.metric.target,
                )
            )
        )
    lines.append(
        "1. "
        + prompt(
            N_(
                "Describe the first cause: the step that failed, what happened, and how many "
                "orders or listings it affected."
            )
        )
    )
    lines.append("2. " + prompt(N_("Describe the second cause, if there is one.")))
    lines += ["", "Corrective actions already taken"]
    lines.append(
        "- "
        + prompt(
            N_(
                "Write what you have already done, in the past tense, with the date: for "
                "example, refunded the buyers, removed the listing, corrected the title."
            )
        )
    )
    lines.append("- " + prompt(N_("Add another action already taken, with its date.")))
    lines += ["", "Preventive measures"]
    lines.append(
        "- "
        + prompt(
            N_(
                "Describe what will stop it happening again: the change to your process, who "
                "does it and how often."
            )
        )
    )
    lines.append("- " + prompt(N_("Add another measure: who checks what, and when.")))
    if reason is not None and (reason.evidence_note or reason.evidence):
        evidence: str | Template = (
            Template(reason.evidence_note) if reason.evidence_note else ", ".join(reason.evidence)
        )
        lines += ["", "Supporting documents"]
        lines.append(
            "- Attachment 1: "
            + prompt(
                message(
                    N_("Attach the documents reviewers ask for ({evidence}) and name each one."),
                    evidence=evidence,
                )
            )
        )
    lines += [
        "",
        "We respectfully request the reinstatement of our selling privileges.",
        "",
        "Sincerely,",
        prompt(N_("Write your name, store name and seller ID")),
        "",
    ]
    return "\n".join(lines)
