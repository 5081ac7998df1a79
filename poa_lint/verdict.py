"""The verdict on one letter: ready, revise, or will be rejected, and the findings that decide it.

A consultant reads the verdict first and the findings second, so it must follow from the
findings in a way anyone can check: severities are earned by measured precision (an
``error`` is right at least 9 times in 10 on letters the rule was not tuned on, a
``warning`` 3 times in 4), so an error means Amazon would very likely reject the letter as
it stands, a warning means it should be revised, and info-level findings are suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Finding, Severity, Verdict
from .texts import N_, Template, counted, listing, message

#: How many deciding rules the one-line reason names before "and N more".
_NAMED = 4


def decide(findings: Sequence[Finding]) -> Verdict:
    """The verdict for a letter with these findings (all of them, before any are hidden)."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    infos = sum(f.count for f in findings if f.severity is Severity.INFO)
    counts = {"errors": len(errors), "warnings": len(warnings), "infos": infos}
    if errors:
        codes, named = _named(errors)
        why = message(N_("Amazon would reject it as it stands: {findings}."), findings=named)
        return Verdict(status="will be rejected", codes=codes, **_worded(why), **counts)
    if warnings:
        codes, named = _named(warnings)
        why = message(N_("Fix before sending: {findings}."), findings=named)
        return Verdict(status="revise", codes=codes, **_worded(why), **counts)
    if infos:
        why = counted(
            "No errors or warnings; {count} optional suggestion.",
            "No errors or warnings; {count} optional suggestions.",
            infos,
        )
    else:
        why = message(N_("No errors or warnings."))
    return Verdict(status="ready", **_worded(why), **counts)


def _worded(why: Template) -> dict[str, str | Template]:
    return {"reason": why.english(), "reason_template": why}


def rule_title(name: str) -> str:
    """A rule's name as words, ``blames buyer`` (a msgid: each rule's title is translated)."""
    return name.replace("-", " ")


def _named(findings: Sequence[Finding]) -> tuple[tuple[str, ...], str | Template]:
    """The deciding codes in order of first appearance, and a phrase naming them:
    ``blames buyer (POA201), placeholder left (POA701 ×3)``."""
    order: dict[str, list[Finding]] = {}
    for finding in findings:
        order.setdefault(finding.code, []).append(finding)
    parts: list[str | Template] = []
    for code, group in order.items():
        title = Template(rule_title(group[0].name))
        if len(group) > 1:
            parts.append(
                message(N_("{rule} ({code} ×{count})"), rule=title, code=code, count=len(group))
            )
        else:
            parts.append(message(N_("{rule} ({code})"), rule=title, code=code))
    shown = listing(parts[:_NAMED])
    if len(parts) > _NAMED:
        shown = message(
            N_("{findings} and {count} more"), findings=shown, count=len(parts) - _NAMED
        )
    return tuple(order), shown


def without(verdict: Verdict, removed: Sequence[Finding], kept: Sequence[Finding]) -> Verdict:
    """The verdict once ``removed`` findings are accepted (a baseline records them): they
    no longer count, so a letter whose only error is accepted is not "will be rejected".
    Findings hidden by ``min-severity`` still count, as they did in the first verdict."""
    gone = {s: sum(f.count if s is Severity.INFO else 1 for f in removed if f.severity is s)
            for s in Severity}  # fmt: skip
    errors = max(0, verdict.errors - gone[Severity.ERROR])
    warnings = max(0, verdict.warnings - gone[Severity.WARNING])
    infos = max(0, verdict.infos - gone[Severity.INFO])
    fresh = decide(kept)
    if (errors, warnings) == (fresh.errors, fresh.warnings):
        return fresh.model_copy(update={"infos": infos})
    if errors == verdict.errors and warnings == verdict.warnings:
        return verdict.model_copy(update={"infos": infos})
    # some deciding findings are hidden by min-severity: keep their wording, new counts
    status = "will be rejected" if errors else "revise" if warnings else "ready"
    return verdict.model_copy(
        update={"status": status, "errors": errors, "warnings": warnings, "infos": infos}
    )
