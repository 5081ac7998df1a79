"""POA501 reason-not-addressed: is the letter about the stated reason at all?

We score how much of the seller's own wording belongs to each reason of the taxonomy
(``rules/reasons.yaml``: its ``names`` and ``vocabulary``) and fire when the stated reason is
barely present, or absent from the root cause while another reason fills it. A vocabulary
term shared by several reasons (``stock``: late shipment *and* cancellation) counts for each
of them only in part, and reasons listed as ``related`` (late shipment ~ valid tracking,
trademark ~ listing policy) never count as displacing each other: neighbouring problems
overlap in real letters, and an error-level finding must not fire on a near miss.

Quoted text is Amazon's voice: it never counts as the seller *addressing* a reason.

Who gave the reason matters here. The letter does not record it, so we infer it: with a
notice that names a reason, the reason came from the notice or an explicit option; if not,
and detection from the letter's own words would give the same reason, it may have been
detected — and then the letter names it more than any other reason, so it cannot be "not
addressed". POA501 stays silent in that case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..notice import find_reasons
from ..reasons import Reason, load_taxonomy
from ..sections import structure_of
from ..texts import N_, Template, join, message
from ._relevance_common import (
    PhraseHit,
    Words,
    phrase_words,
    reason_label,
)
from .base import Hit, Options, first_line

if TYPE_CHECKING:
    from ..letter import Letter


class ReasonNotAddressedOptions(Options):
    """POA501 thresholds.

    ``min-support``: how much of a reason's vocabulary a letter must use (without naming the
    reason) to count as talking about it. A term unique to the reason counts 1, a term shared
    by *k* reasons counts 1/k; naming the reason counts ``min-support`` at once.
    """

    min_support: float = 1.5


@dataclass(frozen=True)
class _Term:
    reason: str
    words: tuple[str, ...]
    is_name: bool


@lru_cache(maxsize=1)
def _reason_terms() -> tuple[dict[tuple[str, ...], list[_Term]], dict[tuple[str, ...], int]]:
    """(folded phrase → the reasons' terms it stands for, folded phrase → how many reasons use
    it). Built once: the taxonomy is immutable."""
    by_words: dict[tuple[str, ...], list[_Term]] = {}
    share: dict[tuple[str, ...], set[str]] = {}
    for reason in load_taxonomy().reasons:
        for phrase, is_name in [(n, True) for n in reason.names] + [
            (v, False) for v in reason.vocabulary
        ]:
            words = phrase_words(phrase)
            if not words:
                continue
            by_words.setdefault(words, []).append(_Term(reason.id, words, is_name))
            share.setdefault(words, set()).add(reason.id)
    return by_words, {w: len(ids) for w, ids in share.items()}


@dataclass
class _Support:
    """How strongly a stretch of text is about one reason."""

    named: bool = False
    vocabulary: float = 0.0
    terms: tuple[str, ...] = ()

    def score(self, min_support: float) -> float:
        return self.vocabulary + (min_support if self.named else 0.0)


def _supports(hits: Iterable[PhraseHit]) -> dict[str, _Support]:
    """Support per reason id from the phrase hits of a stretch of text (each distinct term
    counted once: repetition shows emphasis, not breadth)."""
    by_words, share = _reason_terms()
    seen: dict[str, set[tuple[str, ...]]] = {}
    result: dict[str, _Support] = {}
    for hit in hits:
        for term in by_words.get(hit.key, ()):
            support = result.setdefault(term.reason, _Support())
            if term.is_name:
                support.named = True
            if hit.key in seen.setdefault(term.reason, set()):
                continue
            seen[term.reason].add(hit.key)
            support.vocabulary += 1.0 / share[hit.key]
            support.terms = (*support.terms, " ".join(hit.key))
    return result


def stated_reason(letter: Letter) -> Reason | None:
    """The reason the seller or the notice stated, or None when it may have been detected
    from the letter itself (see the module docstring) or is the catch-all ``other``."""
    reason = letter.reason
    if reason is None or reason.id == "other" or not (reason.names or reason.vocabulary):
        return None
    # The run records where the reason came from; trust that over inference.
    if letter.reason_source is not None:
        return None if letter.reason_source == "detected" else reason
    notice = letter.notice
    if notice is not None and notice.reasons:
        return reason
    detected = find_reasons(letter.text, load_taxonomy())
    if detected and detected[0].id == reason.id:
        return None
    return reason


def _cause_spans(letter: Letter) -> list[tuple[int, int]]:
    """The root-cause part: sections so labelled plus items classified as causes."""
    structure = structure_of(letter)
    spans = [(s.start, s.end) for s in structure.parts("root_cause")]
    spans += [(i.start, i.end) for i in structure.items if i.role == "cause"]
    return spans


def reason_not_addressed(letter: Letter, options: ReasonNotAddressedOptions) -> Iterator[Hit]:
    """POA501: the letter is about something other than the reason Amazon stated.

    Two tests, both on the seller's own words (quotes excluded):

    1. *Barely mentioned*: the letter never names the reason and uses less than
       ``min-support`` of its vocabulary.
    2. *Displaced*: the root cause uses none of the reason's names or vocabulary while
       another reason's fill it ("we shipped late because…" for a trademark notice).
    """
    reason = stated_reason(letter)
    if reason is None:
        return
    words = Words.of(letter)
    by_words, _ = _reason_terms()
    hits = [h for h in words.find_folded(by_words) if not letter.in_quotes(h.start, h.end)]
    whole = _supports(hits)
    own = whole.get(reason.id, _Support())
    threshold = options.min_support
    label = reason_label(reason)
    examples = join([f'"{t}"' for t in _sample_terms(reason)])
    problem: Template | None = None
    if not own.named and own.vocabulary < threshold:
        rival = _rival(whole, reason, threshold)
        if rival is not None:
            problem = message(
                N_(
                    "it never mentions it or the words that go with it ({examples}); it "
                    "reads like a letter about {rival}"
                ),
                examples=examples,
                rival=reason_label(rival),
            )
        else:
            problem = message(
                N_("it never mentions it or the words that go with it ({examples})"),
                examples=examples,
            )
    else:
        spans = _cause_spans(letter)
        cause_hits = [h for h in hits if any(s <= h.start < e for s, e in spans)]
        in_cause = _supports(cause_hits)
        rival = _rival(in_cause, reason, threshold, _neighbours(reason))
        if spans and reason.id not in in_cause and rival is not None:
            problem = message(
                N_("the root cause never mentions it and explains {rival} instead"),
                rival=reason_label(rival),
            )
    if problem is None:
        return
    notice = letter.notice
    from_notice = notice is not None and bool(notice.reasons) and notice.reasons[0].id == reason.id
    if from_notice:
        text = N_(
            "Amazon's notice is about {reason}, but the letter does not talk about it: "
            "{problem}. A plan of action must answer the reason in the notice."
        )
    else:
        text = N_(
            "The stated suspension reason is {reason}, but the letter does not talk about it: "
            "{problem}. A plan of action must answer the reason in the notice."
        )
    start, end = first_line(letter)
    yield Hit(
        start=start,
        end=end,
        message=message(text, reason=label, problem=problem),
        suggestion=message(
            N_(
                "Rewrite the root cause around the {reason} problem: what in your own process "
                "led to it, what you have fixed, how you will prevent it. If poa-lint was given "
                "the wrong reason, run it with the right --reason or notice."
            ),
            reason=label,
        ),
        values={"reason": label},
    )


def _sample_terms(reason: Reason, count: int = 3) -> list[str]:
    """A few of the reason's words for a message, no two sharing a word ("trademark",
    "brand", "logo" rather than three phrases with "trademark" in them)."""
    picked: list[str] = []
    used: set[str] = set()
    for term in (*reason.names, *reason.vocabulary):
        words = set(phrase_words(term))
        if words & used:
            continue
        picked.append(term)
        used |= words
        if len(picked) == count:
            break
    return picked


def _neighbours(reason: Reason) -> frozenset[str]:
    """Reasons related to ``reason`` in either direction (``related:`` in reasons.yaml)."""
    taxonomy = load_taxonomy()
    back = {r.id for r in taxonomy.reasons if reason.id in r.related}
    return frozenset({*reason.related, *back, reason.id, "other"})


def _rival(
    supports: dict[str, _Support],
    reason: Reason,
    min_support: float,
    exclude: frozenset[str] = frozenset(),
) -> Reason | None:
    """The reason that clearly dominates ``reason`` in ``supports``, if any: named or with at
    least ``min_support`` of vocabulary, and at least twice as strong. ``exclude`` keeps
    neighbours out (a trademark root cause about listing titles is not "displaced" by the
    listing policy)."""
    own = supports.get(reason.id, _Support()).score(min_support)
    best: tuple[float, str] | None = None
    for rid, support in supports.items():
        score = support.score(min_support)
        if rid in exclude or rid in (reason.id, "other") or score < min_support:
            continue
        if score < 2 * own:
            continue
        if best is None or score > best[0]:
            best = (score, rid)
    if best is None:
        return None
    return load_taxonomy().get(best[1])
