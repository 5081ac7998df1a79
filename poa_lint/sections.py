"""Find a letter's parts — root cause, corrective actions, preventive measures — and its items.

Real letters rarely use tidy headings, so we work in two layers:

1. **Headings and labels.** A heading ("Why this happened", "2) Corrective actions taken",
   a .docx Heading style) or an inline label ("Root cause: our boxes were too thin.")
   starts a part that runs to the next one. Cue words live in ``rules/sections.yaml``.
2. **Content.** Every item (a list item, or a sentence of a body paragraph) is classified
   from its parse: completed first-person actions ("we refunded", "all listings have been
   corrected") are corrective; commitments, routines and new processes ("we will", "every
   Monday", "we have introduced a daily check") are preventive; causal language and past
   failures ("because", "did not", "was too thin") are the root cause. Where there are no
   headings, runs of classified items become the parts.

The result is computed once per letter (``Letter.structure``) and read by the structure,
coverage and measure checks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from .catalog import load_data_file
from .timeframes import FREQUENCY_RE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .letter import Letter
    from .source import Paragraph

PartKind = Literal["introduction", "root_cause", "corrective", "preventive", "closing", "plan"]
ItemRole = Literal["cause", "corrective", "preventive", "neutral"]
Tense = Literal["past", "perfect", "present", "future", "progressive", "imperative", "none"]
PARTS: tuple[PartKind, ...] = ("root_cause", "corrective", "preventive")


class HeadingCue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: PartKind
    cues: tuple[str, ...]


class CauseMarkers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    connectives: tuple[str, ...]
    failure_lemmas: frozenset[str]
    investigation_verbs: frozenset[str]


class SectionVocabulary(BaseModel):
    """rules/sections.yaml, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading_cues: tuple[HeadingCue, ...]
    weak_cues: tuple[str, ...]
    cause_markers: CauseMarkers
    establish_verbs: frozenset[str]
    process_nouns: frozenset[str]
    routine_markers: tuple[str, ...]
    forward_markers: tuple[str, ...]
    discourse_verbs: frozenset[str]
    remedial_verbs: frozenset[str]
    rule_verbs: frozenset[str]
    appeal_words: frozenset[str]
    state_verbs: frozenset[str]
    courtesy_words: frozenset[str]
    denial_verbs: frozenset[str]
    acknowledged_objects: frozenset[str]
    sanction_verbs: frozenset[str]
    sanctioned_nouns: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> SectionVocabulary:
    return SectionVocabulary.model_validate(load_data_file("sections.yaml"))


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternatives; a trailing ``*`` allows any word ending."""

    def one(phrase: str) -> str:
        stem = phrase.endswith("*")
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"[\s-]+")
        return body + (r"\w*" if stem else "")

    alternatives = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _compiled() -> tuple[
    list[tuple[PartKind, re.Pattern[str], re.Pattern[str] | None]],
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
]:
    """Per part kind, a pattern of its strong cues and one of its weak cues (or None)."""
    vocab = vocabulary()
    weak = set(vocab.weak_cues)
    cues: list[tuple[PartKind, re.Pattern[str], re.Pattern[str] | None]] = []
    for cue in vocab.heading_cues:
        strong = [c for c in cue.cues if c not in weak] or ["\x00"]
        weakened = [c for c in cue.cues if c in weak]
        cues.append(
            (cue.kind, _phrase_pattern(strong), _phrase_pattern(weakened) if weakened else None)
        )
    return (
        cues,
        _phrase_pattern(vocab.cause_markers.connectives),
        _phrase_pattern(vocab.routine_markers),
        _phrase_pattern(vocab.forward_markers),
    )


_LEADING_NUMBER = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:(?:step|part|section|question)\s+\w+\s*[:.)—–-]?\s*|"
    r"\(?(?:\d{1,2}|[a-hA-H]|[ivxIVX]{1,4}|[qQ]\d{1,2})[.):]\s*)?"
)
_LABEL = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z /&',-]{2,70}?)\s*(?:\*\*|__)?\s*[:：]"
    r"\s*(?:\*\*|__)?\s*(?P<rest>\S)"
)
# "We have attached the invoice" points at evidence; it is not an action on the problem.
EVIDENCE_POINTER = re.compile(r"\b(?:attach\w*|enclos\w*|please find)\b", re.IGNORECASE)
ATTACHMENT = re.compile(
    r"^\W*(?:attachment|attached|exhibit|enclosure|enclosed|appendix|annex|evidence)\b",
    re.IGNORECASE,
)
# "To fix the listing, we …" / "To stop this from happening again, …": an opening purpose
# clause labels the paragraph the way "Corrective actions:" would.
_PURPOSE = re.compile(r"^(?P<label>To\s+[^,.;:]{3,60}),\s+(?P<rest>\S)")
_EMAIL_HEADER = re.compile(r"^(?:subject|re|fwd?|title|from|to|date|cc)\s*:", re.IGNORECASE)
_FINAL_PUNCT = (".", "!", "?", ",", ";")
_SIGN_OFF = re.compile(
    r"^(?:sincerely|best regards|kind regards|regards|yours (?:truly|faithfully|sincerely)|"
    r"thank you|thanks|respectfully|best wishes|dear\b)",
    re.IGNORECASE,
)


_CAUSE_NUMBER = r"(?:\d{1,2}|[a-h]\b|[ivx]{1,4}\b)"
CAUSE_REFERENCE = (
    r"\b(?:root\s+)?(?:causes?|reasons?)\s+(?:no\.?\s*)?"
    rf"({_CAUSE_NUMBER}(?:\s*(?:,|and|&|to|-)\s*{_CAUSE_NUMBER})*)"
)
"""Causes referred to by number ("causes 1 and 3", "reason 2", "cause ii"); group 1 holds
the numbers. Shared with :mod:`poa_lint.coverage`, which links actions to the causes they
name."""
# "Actions for causes 1 and 3", "For reason 1 and 2 we have done these things": a
# cross-reference names causes, but the heading is about the actions that answer them.
_CROSS_REFERENCE = re.compile(rf"\b(?:for|to|of|on)\s+(?:the\s+)?{CAUSE_REFERENCE}", re.IGNORECASE)


def classify_heading(text: str, limit: int | None = None) -> PartKind | None:
    """The part a heading or label names, or None when it names none of them.

    The first kind (in the catalogue's order) with a strong cue wins; only when no kind has
    one does the first kind with a weak cue ("did", "steps") win. ``limit`` is the most
    words a heading may have (default: 9, or 14 for a question).
    """
    cleaned = _LEADING_NUMBER.sub("", text).strip().strip("*_#:：-–— ").strip()
    # Amazon's own three questions make long headings ("What will you do to prevent it from
    # happening again?"), so a question may run longer than a plain heading.
    if limit is None:
        limit = 14 if cleaned.endswith("?") else 9
    if not cleaned or len(cleaned.split()) > limit:
        return None
    cleaned = _CROSS_REFERENCE.sub(" ", cleaned)
    cues, _, _, _ = _compiled()
    for kind, strong, _ in cues:
        if strong.search(cleaned):
            return kind
    for kind, _, weak in cues:
        if weak is not None and weak.search(cleaned):
            return kind
    return None


@dataclass(frozen=True)
class Item:
    """A unit of content: one list item, or one sentence of a body paragraph."""

    start: int
    end: int
    role: ItemRole
    tense: Tense
    first_person: bool
    is_list_item: bool
    establishes_process: bool = False
    paragraph_start: int = 0
    #: The item gives a reason in so many words ("because", "due to", "caused").
    explains: bool = False
    #: Its verb changes the state of something ("refunded", "removed", "corrected").
    remedial: bool = False
    #: A fix put off until the account is reinstated ("once reactivated, we will fix …").
    deferred: bool = False
    #: Said to be done "already" ("we have already paused all listings").
    already: bool = False
    #: Reports a fix as done in one of its clauses, whatever else it promises ("we have
    #: changed our logistics company, and we will ensure every parcel arrives").
    reports_fix: bool = False

    @property
    def done(self) -> bool:
        """A completed action ("we refunded", "have been removed")."""
        return self.tense in ("past", "perfect")

    @property
    def promise(self) -> bool:
        return self.tense in ("future", "imperative", "progressive")


@dataclass(frozen=True)
class Section:
    kind: PartKind
    start: int
    end: int
    found_by: Literal["heading", "label", "content"]
    heading: str | None = None
    items: tuple[Item, ...] = ()
    # True when the heading named no particular part ("Plan of Action"), so the kind was
    # decided by the content under it.
    generic: bool = False


@dataclass(frozen=True)
class Structure:
    """Everything the structure, coverage and measure checks need to know about the parts."""

    sections: tuple[Section, ...]
    items: tuple[Item, ...]

    def parts(self, kind: PartKind) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    @property
    def headed(self) -> bool:
        """True when headings or labels name at least two of the three parts.

        Then the letter's own structure is trusted: an opening sentence such as "We
        cancelled 34 orders last week" states the problem, it is not a corrective action.
        """
        kinds = {s.kind for s in self.sections if s.found_by != "content" and s.kind in PARTS}
        return len(kinds) >= 2

    def scope(self) -> list[Item]:
        """Items that can make up a part: inside headed parts when the letter is headed,
        anywhere otherwise."""
        if not self.headed:
            return list(self.items)
        spans = [
            (s.start, s.end) for s in self.sections if s.found_by != "content" and s.kind in PARTS
        ]
        return [i for i in self.items if any(a <= i.start < b for a, b in spans)]

    def _headed_spans(self, kinds: Iterable[str]) -> list[tuple[int, int]]:
        wanted = set(kinds)
        return [
            (s.start, s.end) for s in self.sections if s.found_by != "content" and s.kind in wanted
        ]

    def has_part(self, kind: PartKind) -> bool:
        """True when a heading names the part (with content under it), or — when no heading
        names it — when an item anywhere plays that role.

        "Your letter has no preventive measures" must be certain, so a part written under
        another part's heading counts: sellers often put "From now on we check every
        order" under "Corrective actions", or explain the cause inside the actions. Only
        the story under a root-cause heading ("we bought 300 units from a wholesaler") is
        not a corrective action.
        """
        if self._headed_spans([kind]):
            return any(s.items for s in self.parts(kind) if s.found_by != "content")
        role: ItemRole = "cause" if kind == "root_cause" else kind  # type: ignore[assignment]
        story = self._headed_spans(["root_cause"]) if kind == "corrective" else []
        others = self._headed_spans(k for k in PARTS if k != kind)
        for item in self.items:
            if item.role != role or any(a <= item.start < b for a, b in story):
                continue
            # Under another part's heading, a cause must say "because" in so many words:
            # "None of the other products had an insert" there is a finding, not a cause.
            if (
                kind == "root_cause"
                and not item.explains
                and any(a <= item.start < b for a, b in others)
            ):
                continue
            return True
        return False

    def completed_actions(self) -> list[Item]:
        """Actions already done to fix what went wrong.

        With a corrective heading, only what stands under the action headings counts (an
        opening "we cancelled 34 orders last week" states the problem), and a process set up
        under the corrective heading counts too. Without one, a completed act that changes
        something counts ("we refunded", "we removed") except the story told under a
        root-cause heading ("we bought 300 units from a wholesaler"); a process set up ("we
        have introduced a review") prevents a repeat but fixes nothing affected.
        """
        corrective = self._headed_spans(["corrective"])
        if corrective:
            spans = self._headed_spans(["corrective", "preventive"])
            story = self._headed_spans(["root_cause"])
            # a process already set up counts as a fix where the author files it as one; an
            # opening "we have already paused all listings" is a fix told early
            return [
                i
                for i in self.items
                if (
                    any(a <= i.start < b for a, b in spans)
                    and (
                        i.role == "corrective"
                        or (i.reports_fix and any(a <= i.start < b for a, b in corrective))
                        or (
                            i.done
                            and i.role == "preventive"
                            and any(a <= i.start < b for a, b in corrective)
                        )
                    )
                )
                or (
                    i.already
                    and i.role == "corrective"
                    and not any(a <= i.start < b for a, b in story)
                )
            ]
        else:
            # No heading vouches for the fixes: only acts that change something count ("we
            # refunded"), not the story of the case ("we appealed", "our bookkeeper logged in").
            story = self._headed_spans(["root_cause"])
            pool = [
                i
                for i in self.items
                if not any(a <= i.start < b for a, b in story)
                and i.remedial
            ]
        # "We have set up a review process" prevents a repeat; it fixes nothing affected
        return [i for i in pool if i.role == "corrective"]

    def deferred_fixes(self) -> list[Item]:
        """Fixes put off until the account is reinstated: not actions taken."""
        return [i for i in self.items if i.deferred]

    def items_in(self, kind: PartKind) -> list[Item]:
        """Items inside sections of that kind (by heading, label or content)."""
        return [i for s in self.parts(kind) for i in s.items]

    def section_of(self, item: Item) -> Section | None:
        return next((s for s in self.sections if s.start <= item.start < s.end), None)


# --- the parse of one item -------------------------------------------------------------

_FIRST_PERSON = frozenset({"we", "i", "us", "our", "my"})
# In a plan of action, "the team", "our packer" and "the inspector" are the seller's people.
_OUR_PEOPLE = frozenset(
    {
        "team",
        "staff",
        "company",
        "store",
        "warehouse",
        "employee",
        "manager",
        "department",
        "packer",
        "operator",
        "operations",
        "shop",
        "lead",
        "leader",
        "supervisor",
        "inspector",
        "clerk",
        "agent",
        "specialist",
        "officer",
        "worker",
        "owner",
        "member",
        "person",
        "colleague",
        "assistant",
        "coordinator",
        "designer",
        "lister",
        "writer",
        "editor",
        "bookkeeper",
        "accountant",
        "picker",
    }
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PLAN_VERBS = frozenset({"plan", "intend", "aim", "commit", "promise", "going"})


def _is_first_person(subject: Token) -> bool:
    lower = subject.lower_
    if lower in _FIRST_PERSON:
        return True
    if subject.lemma_.lower() in _OUR_PEOPLE:
        owners = [c.lower_ for c in subject.children if c.dep_ == "poss"]
        return not owners or owners[0] in ("our", "my")
    return False


def _subjects(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head)
    return subs


def _tense(verb: Token) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxes and verb.head.pos_ in ("VERB", "AUX"):
        head_aux = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ in ("VB", "VBN", "VBG") and head_aux:
            auxes = head_aux
    lowers = {a.lower_ for a in auxes}
    lemmas = {a.lemma_.lower() for a in auxes}
    if lowers & _FUTURE_AUX or lemmas & {"will", "shall"}:
        return "future"
    if verb.lemma_.lower() in _PLAN_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if "have" in lemmas and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ == "VBG" and "be" in lemmas:
        if "have" in lemmas:
            # "We have been selling on Amazon since 2016": ongoing since then, no new step
            return "present"
        past_be = any(a.tag_ == "VBD" for a in auxes)
        return "past" if past_be else "progressive"
    if verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBP", "VBZ") or verb.pos_ == "NOUN":
        return "present"
    if verb.tag_ == "VB" and not _subjects(verb) and not auxes:
        return "imperative"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # a list item such as "Refunded all 12 buyers" or "Removed the listing"
    return "none"


def _main_verbs(span: Span, tokens: Sequence[Token], heads: Sequence[int]) -> list[Token]:
    """The clause heads that carry the item's action: the root and verbs conjoined to it."""
    # The item's own roots: tokens whose head lies outside it. Usually the sentence root, but
    # after an inline label ("Prevention: …") the parser may hang the clause off the label.
    roots = [t for t in tokens if heads[t.i] == t.i or not span.start <= heads[t.i] < span.end]
    roots = [t for t in roots if not t.is_punct and not t.is_space]
    verbs: list[Token] = []
    for root in roots:
        head = root
        if head.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in head.children):
            verbs.append(
                head
            )  # the small model sometimes tags "a packer scans every parcel" as NNS
            continue
        if head.pos_ not in ("VERB", "AUX"):
            # "For order 123, refund issued." or a fragment: look for a verb below the root.
            below = [
                t
                for t in head.subtree
                if t.pos_ == "VERB" and t.dep_ in ("acl", "relcl", "ccomp", "advcl", "xcomp")
            ]
            if head.tag_ in ("NNP", "NN") and head.i == span.start and head.lower_.endswith("ed"):
                verbs.append(head)
            verbs.extend(below[:1])
            continue
        verbs.append(head)
        verbs.extend(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return verbs


def _item_role(
    letter: Letter,
    span: Span,
    tokens: Sequence[Token],
    text: str,
    quoted: frozenset[int] = frozenset(),
) -> tuple[ItemRole, Tense, bool, bool]:
    """Role, tense, first person, and whether the item sets up a lasting process.

    ``tokens`` is ``list(span)``, made once by the caller: the tests below read the item's
    tokens several times, and re-iterating a span builds every token anew; the letter's
    string and head arrays answer the word tests without building tokens at all."""
    vocab = vocabulary()
    _, causal, routine, forward = _compiled()
    lowers, all_lemmas, heads = letter.lowers, letter.lemmas, letter.heads
    indices = range(span.start, span.end)
    verbs = _main_verbs(span, tokens, heads)
    # Words the seller quotes (usually from Amazon's notice) are not the seller's account.
    lemmas = {all_lemmas[i] for i in indices if i not in quoted}
    lead_verb = _lead_verb(verbs)
    tense: Tense = "none"
    first_person = False
    negated = False
    if lead_verb is not None:
        tense = _tense(lead_verb)
        if (
            tense in ("present", "imperative")
            and _DATED_PAST.search(lead_verb.sent.text)
            and not (routine.search(text) or FREQUENCY_RE.search(text))
        ):
            # "On 2026-01-15 we delete the brand name", "yesterday we send the invoices": a
            # dated act is done, whatever tense a second-language writer gives it
            tense = "past"
        subjects = _subjects(lead_verb)
        first_person = any(_is_first_person(s) for s in subjects) or (
            not subjects and tense in ("past", "imperative", "perfect")
        )
        negated = (
            any(c.dep_ == "neg" for c in lead_verb.children)
            or any(lowers[i] in ("never", "neither") and heads[i] == lead_verb.i for i in indices)
            # "we had no rule that …": the object is negated
            or any(
                g.lower_ == "no"
                for c in lead_verb.children
                if c.dep_ in ("dobj", "attr")
                for g in c.children
                if g.dep_ == "det"
            )
        )
    # Tenses anywhere in the item: a future clause anywhere makes a commitment.
    any_future = any(
        lowers[i] in _FUTURE_AUX or (all_lemmas[i] == "will" and letter.doc[i].tag_ == "MD")
        for i in indices
    )
    routine_hit = bool(routine.search(text) or FREQUENCY_RE.search(text))
    causal_hit = bool(causal.search(text))
    # A failure told in any main clause ("…, but our assistant did not update the page"), or
    # with a negative subject ("Nobody in our team knew …"), is still a failure.
    negated_elsewhere = any(
        (
            v.lemma_.lower() not in vocab.denial_verbs
            and v.lemma_.lower() not in vocab.discourse_verbs
            and any(c.dep_ == "neg" for c in v.children)
        )
        or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("nobody", "noone", "none")
            for c in v.children
        )
        for v in verbs
    )
    failure_hit = bool(lemmas & vocab.cause_markers.failure_lemmas) or negated or negated_elsewhere
    lead_lemma = lead_verb.lemma_.lower() if lead_verb is not None else ""
    is_be = lead_lemma in ("be", "have") and (lead_verb is None or lead_verb.dep_ == "ROOT")
    action_verb = lead_verb is not None and lead_lemma not in vocab.discourse_verbs and not is_be
    establishes = (
        action_verb
        and lead_verb is not None
        and lead_lemma in vocab.establish_verbs
        and bool(_object_lemmas(lead_verb) & vocab.process_nouns)
    )
    investigation = lead_lemma in vocab.cause_markers.investigation_verbs

    if _courtesy(tokens) or ATTACHMENT.match(text) or _EMAIL_HEADER.match(text.lstrip()):
        return "neutral", tense, first_person, False
    if _unaware(verbs):
        # "We did not know that …", "we didn't realise": not knowing is the cause
        return "cause", tense, True, False
    if _LEAD_IN.search(text) or text.rstrip().endswith((":", "：")):
        # "we have to declare the following rules", "What we did:": a lead-in to a list
        return "neutral", tense, first_person, False
    if _request(lead_verb, tense):
        # "Please reinstate our account", "Kindly review our plan": asked of the reader.
        return "neutral", tense, first_person, False
    if _mistagged_title(lead_verb, tokens, text):
        # "9. Designer handbook": a list item's title, not "handbook" as a past-tense verb
        return "neutral", "none", first_person, False
    if _restates_sanction(lead_verb):
        # "Our account was deactivated because too many orders shipped late": Amazon's
        # notice told back, not the seller's account of what went wrong.
        return "neutral", tense, first_person, False
    if (
        lead_verb is not None
        and tense in ("past", "perfect")
        and lead_lemma in ("read", "receive", "review", "get", "see", "study", "check")
        and _object_lemmas(lead_verb) & vocab.acknowledged_objects
    ):
        return "neutral", tense, first_person, False
    if forward.search(text) and not (causal_hit and tense == "past"):
        return "preventive", "future", first_person, establishes
    if tense == "future" or (any_future and action_verb and tense not in ("past", "perfect")):
        return "preventive", "future", first_person, establishes
    if tense in ("past", "perfect") and lemmas & vocab.appeal_words:
        return "neutral", tense, first_person, False  # the appeal's own history
    if tense == "perfect" and _since_long_ago(tokens):
        return "neutral", tense, first_person, False  # "we have sold on Amazon since 2019"
    if action_verb and tense in ("past", "perfect") and not negated and not investigation:
        if causal_hit and not first_person:
            return "cause", tense, first_person, False
        if causal_hit and failure_hit and not establishes:
            # "We shipped late because our stock count was wrong": an account of the failure.
            return "cause", tense, first_person, False
        if not first_person and failure_hit and _passive(lead_verb) is False:
            return "cause", tense, first_person, False
        if establishes or (routine_hit and tense == "perfect"):
            return "preventive", tense, first_person, True
        if first_person or (
            _passive(lead_verb)
            and not _foreign_agent(lead_verb)
            # "All listings were corrected" is our fix; "the computer was used for another
            # client" or "the order was returned to us" is not
            and lead_lemma in vocab.remedial_verbs
        ):
            return "corrective", tense, first_person, False
    if (
        tense in ("present", "progressive")
        and routine_hit
        and action_verb
        and lead_lemma not in vocab.state_verbs
    ):
        return "preventive", tense, first_person, establishes
    if tense in ("present", "none") and lead_verb is not None and _standing_rule(lead_verb):
        # "No one is allowed to contact an intermediary", "each photo must be approved"
        return "preventive", tense, first_person, establishes
    if tense == "progressive" and action_verb and first_person:
        return "preventive", tense, first_person, establishes
    if tense == "imperative" and action_verb:
        return "preventive", tense, first_person, establishes
    if negated and first_person and lead_lemma in vocab.denial_verbs:
        return "neutral", tense, first_person, False  # a denial, not an account of a failure
    if investigation and lead_verb is not None and not failure_hit and not causal_hit:
        # "We checked each order" is a lead-in; "we found that the box was thin" carries
        # its cause in the clause and has failure words.
        return "neutral", tense, first_person, False
    if (causal_hit or failure_hit or investigation) and tense not in ("future", "imperative"):
        return "cause", tense, first_person, False
    return "neutral", tense, first_person, False


_KNOWING = frozenset({"know", "understand", "realise", "realize", "notice", "aware", "learn"})


def _unaware(verbs: Sequence[Token]) -> bool:
    """A main verb of knowing, negated, said of the seller: "we did not know the rule"."""
    for verb in verbs:
        if verb.lemma_.lower() not in _KNOWING:
            continue
        negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
        if negated and any(_is_first_person(s) for s in _subjects(verb)):
            return True
    return False


_LEAD_IN = re.compile(r"\b(?:the\s+following|as\s+follows|listed\s+below)\b", re.IGNORECASE)
_REQUEST_WORDS = frozenset({"please", "kindly", "pls", "plz"})


def _request(verb: Token | None, tense: Tense) -> bool:
    """A request to the reader: an imperative (or "can you …") softened by "please"."""
    if verb is None:
        return False
    marked = any(c.lower_ in _REQUEST_WORDS for c in verb.children) or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ in _REQUEST_WORDS
    )
    return marked and (tense in ("imperative", "present", "none") or verb.tag_ == "VB")


def _reports_fix(tokens: Sequence[Token]) -> bool:
    """A clause of the item says, in the first person and a completed tense, that a fix was
    made ("we have changed our logistics company", "removed the product")."""
    remedial = vocabulary().remedial_verbs
    for verb in tokens:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in remedial:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _passive(verb):
            continue
        if _tense(verb) not in ("past", "perfect"):
            continue
        subjects = _subjects(verb)
        if any(_is_first_person(s) for s in subjects):
            return True
    return False


def _remedial(letter: Letter, span: Span, tokens: Sequence[Token]) -> bool:
    """Whether the item's action verb changes the state of something (see
    ``remedial_verbs`` in rules/sections.yaml)."""
    verb = _lead_verb(_main_verbs(span, tokens, letter.heads))
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    # "I went through the policies", "we looked into every order": phrasal reading
    phrasal = lemma in ("go", "look") and any(
        c.lower_ in ("through", "into", "over") for c in verb.children
    )
    return phrasal or lemma in vocabulary().remedial_verbs


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A date an act happened on: "on 15 January", "On 2026-01-15", "yesterday", "last week",
#: "three days ago". "From 1 June" starts a routine and is not one of them.
_DATED_PAST = re.compile(
    r"\bon\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"|" + _MONTHS
    + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b|"
    r"^\W*(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?)\W|"
    r"\b(?:yesterday|last\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|\w+\s+days?\s+ago)\b",
    re.IGNORECASE,
)
_DURATION_UNITS = frozenset({"year", "years", "decade", "decades", "month", "months"})


def _since_long_ago(tokens: Sequence[Token]) -> bool:
    """ "… since 2019", "… for eight years": a perfect tense telling a history."""
    for token in tokens:
        if token.lower_ == "since" and any(
            t.like_num and len(t.text) == 4 for t in token.subtree
        ):
            return True
        if token.lower_ == "for" and any(t.lower_ in _DURATION_UNITS for t in token.subtree):
            return True
    return False


#: "Once the account is reactivated, we will …", "after reinstatement we will …".
_DEFERRING_MARKS = frozenset({"once", "after", "when", "upon", "until", "soon"})
_REINSTATEMENT = frozenset(
    {"reinstate", "reinstatement", "reactivate", "reactivation", "restore", "restoration",
     "reopen", "unblock", "unsuspend", "reinstated", "reactivated"}
)  # fmt: skip


def _deferred(tokens: Sequence[Token], tense: Tense) -> bool:
    """A promise that waits for reinstatement: "once the account is reactivated, we will
    upload the invoices", "after reinstatement we will fix the titles"."""
    if tense not in ("future", "present", "none"):
        return False
    for token in tokens:
        if token.lemma_.lower() in _REINSTATEMENT or token.lower_ in _REINSTATEMENT:
            above = [token, *token.children, token.head]
            if any(t.lower_ in _DEFERRING_MARKS for a in above for t in a.children) or any(
                t.lower_ in _DEFERRING_MARKS for t in above
            ):
                return True
    return False


def _standing_rule(verb: Token) -> bool:
    """A rule of the house, in the present: a passive rule verb ("is not allowed", "are
    required") or an obligation ("must", "has to", "need to")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "must" in auxes:
        return True
    if verb.lemma_.lower() in vocabulary().rule_verbs and _passive(verb):
        return True
    return verb.lemma_.lower() in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
    ) and verb.tag_ in ("VBZ", "VBP")


def _lead_verb(verbs: Sequence[Token]) -> Token | None:
    """The verb that carries an item's action: a finite verb ("our manager checks …")
    before an infinitive ("in order to avoid"), and not a verb about the letter itself."""
    discourse = vocabulary().discourse_verbs
    for verb in sorted(verbs, key=lambda v: 0 if _finite(v) else 1):
        if verb.lemma_.lower() not in discourse or verb.lemma_.lower() == "be":
            return verb
    return None


def _finite(verb: Token) -> bool:
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in verb.children
    )


def _object_lemmas(verb: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object (or passive subject) and their modifiers."""
    out: set[str] = set()

    def add(head: Token) -> None:
        out.add(head.lemma_.lower())
        out.update(c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod"))

    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            add(child)
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                add(pobj)
    return out


def _courtesy(tokens: Sequence[Token]) -> bool:
    """Apologies and thanks: "We are sorry for the delays", "We take this very seriously"."""
    words = vocabulary().courtesy_words
    for token in tokens:
        if token.lemma_.lower() not in words:
            continue
        if token.dep_ == "ROOT" or (
            token.dep_ in ("acomp", "attr", "advmod") and token.head.pos_ in ("AUX", "VERB")
        ):
            return True
    return False


#: Verbs whose past tense is their base form: "put", "set" … can be past without "-ed".
_SAME_PAST = frozenset(
    {
        "put",
        "set",
        "cut",
        "let",
        "hit",
        "shut",
        "cost",
        "spread",
        "quit",
        "read",
        "upset",
        "bet",
        "cast",
        "hurt",
        "split",
        "burst",
        "broadcast",
        "forecast",
        "reset",
        "input",
        "fit",
    }
)


def _mistagged_title(verb: Token | None, tokens: Sequence[Token], text: str) -> bool:
    """A short title ("Designer handbook", "Licence register") whose noun the tagger read as
    a past-tense verb: the "verb" is neither an "-ed" form, nor a different word from its
    lemma (took → take), nor one of the few verbs whose past is their base form."""
    if verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    words = [t for t in tokens if t.is_alpha]
    if len(words) > 4 or text.rstrip().endswith((".", "!", "?", ";")):
        return False
    lower = verb.lower_
    return verb.lemma_.lower() == lower and not lower.endswith("ed") and lower not in _SAME_PAST


def _restates_sanction(verb: Token | None) -> bool:
    """The sentence tells what Amazon did to the account or listing ("our account was
    deactivated because too many orders shipped late"). It restates the notice; it is a
    root cause only when its reason names the seller's own act ("... because we used the
    brand name"), which the caller then reads as a cause anyway."""
    vocab = vocabulary()
    if verb is None or verb.lemma_.lower() not in vocab.sanction_verbs:
        return False
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not passive or passive[0].lemma_.lower() not in vocab.sanctioned_nouns:
        return False
    reasons = [c for c in verb.children if c.dep_ in ("advcl", "prep")]
    return not any(t.dep_ == "nsubj" and _is_first_person(t) for r in reasons for t in r.subtree)


def _foreign_agent(verb: Token | None) -> bool:
    """ "The photo was taken by Anna Berg": a passive done by someone else is no action of ours."""
    if verb is None:
        return False
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in agent.children:
            if obj.dep_ == "pobj" and not _is_first_person(obj):
                return True
    return False


def _passive(verb: Token | None) -> bool:
    return verb is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


# --- assembling items and sections ---------------------------------------------------------


#: A sentence ending in a colon may introduce the list of a part ("This is how we will keep
#: our late dispatch rate under 4% from now on:"), up to this many words; so may one that
#: counts the causes ("There were two reasons for this.").
_INTRO_WORDS = 25
_COUNTED_CAUSES = re.compile(
    r"\b(?:two|three|four|five|six|several|main|these|2|3|4|5)\s+(?:\w+\s+)?"
    r"(?:causes?|reasons?|mistakes?|errors?|failures?|problems?|issues?|factors?)\b",
    re.IGNORECASE,
)


def _heading_of(
    letter: Letter, paragraph: Paragraph, next_paragraph: Paragraph | None = None
) -> tuple[PartKind | None, bool, int]:
    """(kind, is_heading_line, label_end) for a paragraph.

    A heading line names a part and carries nothing else; an inline label ("Root cause: …")
    names a part and is followed by content starting at ``label_end``. A sentence that ends
    in a colon and introduces a list heads that list like a heading.
    """
    text = letter.text[paragraph.body_start : paragraph.end]
    stripped = text.strip()
    if not stripped:
        return None, False, -1
    if "|" in stripped or _EMAIL_HEADER.match(stripped):
        # A table row ("Issue | What we did | Date") is content; "Subject: Plan of Action
        # for ASIN …" is the e-mail's title, not a part of the letter.
        return None, False, -1
    words = stripped.split()
    # A question is a fine heading ("Q1. What caused the issue?"); a statement is not.
    looks_like_heading = paragraph.kind == "heading" or (
        len(words) <= (14 if stripped.endswith("?") else 9)
        and not stripped.rstrip("?").endswith(_FINAL_PUNCT)
        and not _SIGN_OFF.match(stripped)
    )
    if looks_like_heading:
        kind = classify_heading(stripped)
        if kind is not None:
            return kind, True, -1
    if (
        (stripped.endswith((":", "：")) or _COUNTED_CAUSES.search(stripped))
        and next_paragraph is not None
        and next_paragraph.kind == "list_item"
        and len(words) <= _INTRO_WORDS
    ):
        kind = classify_heading(stripped, limit=_INTRO_WORDS)
        if kind is not None:
            # Like a label whose content is the sentence itself: "I solved the problems by
            # submitting the following:" also says what was done.
            return kind, False, paragraph.body_start
    unnumbered = _LEADING_NUMBER.sub("", stripped)
    match = _LABEL.match(unnumbered)
    purpose = None if match else _PURPOSE.match(unnumbered)
    match = match or purpose
    if match:
        kind = classify_heading(match.group("label"))
        if purpose is not None and kind not in ("corrective", "preventive"):
            # "To address the issues raised, we …" is about actions: it names no cause.
            kind = None
        if kind is not None:
            offset = text.index(stripped) + (len(stripped) - len(_LEADING_NUMBER.sub("", stripped)))
            return kind, False, paragraph.body_start + offset + match.start("rest")
    return None, False, -1


def _items_of(letter: Letter, paragraph: Paragraph, start: int) -> list[Item]:
    """Classify a paragraph's content from ``start``: one item per list item or sentence."""
    if start >= paragraph.end:
        return []
    spans: list[tuple[int, int]]
    if paragraph.kind == "list_item":
        spans = [(start, paragraph.end)]
    else:
        spans = [
            (max(s.start_char, start), min(s.end_char, paragraph.end))
            for s in letter.sentences_overlapping(start, paragraph.end)
        ]
    items = []
    for s_start, s_end in spans:
        span = letter.span(s_start, s_end)
        if span is None or not any(t.isalpha() for t in letter.texts[span.start : span.end]):
            continue
        tokens = list(span)
        text = letter.text[s_start:s_end]
        quoted = (
            frozenset(t.i for t in tokens if letter.in_quotes(t.idx, t.idx + len(t.text)))
            if letter.quotes
            else frozenset()
        )
        words_in = [t for t in tokens if t.is_alpha] if quoted else []
        if words_in and all(t.i in quoted for t in words_in):
            # a sentence of someone else's words ("Leave a 5-star review …" on a card)
            items.append(
                Item(
                    start=span.start_char,
                    end=span.end_char,
                    role="neutral",
                    tense="none",
                    first_person=False,
                    is_list_item=paragraph.kind == "list_item",
                    paragraph_start=paragraph.start,
                )
            )
            continue
        if quoted:
            # Blank quoted text out of the regex checks too, keeping offsets.
            text = "".join(
                " " * len(t.text_with_ws) if t.i in quoted else t.text_with_ws for t in tokens
            )
        role, tense, first, establishes = _item_role(letter, span, tokens, text, quoted)
        deferred = role == "preventive" and _deferred(tokens, tense)
        if deferred:
            role = "neutral"  # neither a fix already made nor a measure against a repeat
        items.append(
            Item(
                start=span.start_char,
                end=span.end_char,
                role=role,
                tense=tense,
                first_person=first,
                is_list_item=paragraph.kind == "list_item",
                establishes_process=establishes,
                paragraph_start=paragraph.start,
                explains=bool(_compiled()[1].search(text)),
                remedial=_remedial(letter, span, tokens),
                deferred=deferred,
                already=any(t.lower_ == "already" for t in tokens),
                reports_fix=_reports_fix(tokens),
            )
        )
    return items


def analyse(letter: Letter) -> Structure:
    """Headings and labels first, then content for what they leave unlabelled."""
    marks: list[tuple[int, PartKind, Literal["heading", "label"], str, int]] = []
    items: list[Item] = []
    paragraphs = letter.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if not letter.in_body(paragraph.start):
            continue  # e-mail headers, forum chatter, signature, quoted history
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        kind, is_heading, label_end = _heading_of(letter, paragraph, following)
        if kind is not None and is_heading:
            heading_text = letter.text[paragraph.body_start : paragraph.end].strip()
            marks.append((paragraph.start, kind, "heading", heading_text, paragraph.end))
            continue
        if kind is not None:
            # an introducing sentence labels its list with its own words
            label_stop = paragraph.end if label_end == paragraph.body_start else label_end
            label_text = (
                letter.text[paragraph.body_start : label_stop].strip().rstrip(":：*_ ").strip()
            )
            marks.append((paragraph.start, kind, "label", label_text, label_end))
            items.extend(_items_of(letter, paragraph, label_end))
            continue
        if paragraph.kind == "heading":
            continue
        items.extend(_items_of(letter, paragraph, paragraph.body_start))
    if items and _cut_off(letter, items[-1]):
        # A draft that stops mid-sentence ("…, we have"): the fragment is no content of
        # any part, and a heading over nothing else is an empty part
        items.pop()
    sections = _labelled_sections(letter, marks, items)
    sections += _content_sections(letter, items, sections)
    sections.sort(key=lambda s: s.start)
    return Structure(sections=tuple(sections), items=tuple(items))


#: Word classes a finished sentence does not end on: "we have", "to the", "and our".
_UNFINISHED_POS = frozenset({"AUX", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART"})


def _cut_off(letter: Letter, item: Item) -> bool:
    """The letter stops inside this item: it is the body's last, and it ends on a word no
    sentence ends on, or on a comma."""
    if item.end < letter.envelope.body_end - 1:
        return False
    span = letter.span(item.start, item.end)
    words = [t for t in span if not t.is_space] if span is not None else []
    if not words:
        return False
    last = words[-1]
    if last.text in (",", "，", "-", "–"):
        return True
    if last.lemma_.lower() in ("have", "be", "do", "will", "can", "would", "should", "must"):
        return True  # "we have", "it will": an auxiliary with its verb missing
    return last.pos_ in _UNFINISHED_POS and last.lower_ not in ("it", "them", "us", "this", "that")


def _labelled_sections(
    letter: Letter,
    marks: Sequence[tuple[int, PartKind, Literal["heading", "label"], str, int]],
    items: Sequence[Item],
) -> list[Section]:
    """A heading or label starts a part that runs to the next heading or label."""
    sections = []
    text_end = len(letter.text)
    for index, (start, kind, how, heading, _) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else text_end
        inside = tuple(i for i in items if start <= i.start < end and not _is_sign_off(letter, i))
        if kind in ("root_cause", "corrective", "preventive", "plan") and inside:
            end = max(i.end for i in inside)
        elif kind in ("root_cause", "corrective", "preventive", "plan"):
            end = marks[index][4]
        if kind == "plan":
            # "Plan of action" covers both kinds of action: split it by content.
            corrective_elsewhere = any(mark[1] == "corrective" for mark in marks)
            sections.extend(_split_plan(inside, how, heading, start, end, corrective_elsewhere))
            continue
        sections.append(
            Section(kind=kind, start=start, end=end, found_by=how, heading=heading, items=inside)
        )
    return sections


def _split_plan(
    items: Sequence[Item],
    how: Literal["heading", "label"],
    heading: str,
    start: int,
    end: int,
    corrective_elsewhere: bool = False,
) -> list[Section]:
    def part(kind: PartKind, part_start: int, part_items: Sequence[Item]) -> Section:
        return Section(
            kind=kind,
            start=part_start,
            end=end,
            found_by=how,
            heading=heading,
            generic=True,
            items=tuple(part_items),
        )

    if not any(i.role != "neutral" or i.promise for i in items):
        # A "Plan of Action" title over a greeting and the notice told back: no action is
        # written under it, so it is the introduction, not a corrective part (else a letter
        # without a single fix would escape POA102).
        return [part("introduction", start, items)]
    corrective = tuple(
        i for i in items if i.role in ("corrective", "neutral", "cause") and not i.promise
    )
    preventive = tuple(i for i in items if i not in corrective)
    if not any(i.role in ("corrective", "cause") for i in corrective) and not corrective_elsewhere:
        # Nothing done yet: the whole plan stands as the corrective part, written as promises
        # (POA104's finding), and its promises still count as preventive measures. After a
        # heading of its own for the fixes, a plan of promises ("What we will do") is the
        # prevention.
        corrective = tuple(items)
    out = []
    if corrective or not preventive:
        out.append(part("corrective", start, corrective or items))
    if preventive:
        out.append(part("preventive", min(i.start for i in preventive), preventive))
    return out


def _is_sign_off(letter: Letter, item: Item) -> bool:
    return bool(_SIGN_OFF.match(letter.text[item.start : item.end]))


def _content_sections(
    letter: Letter, items: Sequence[Item], labelled: Sequence[Section]
) -> list[Section]:
    """Parts found by content, for the text no heading or label covers.

    Prose letters give each part a paragraph, so a paragraph whose items mostly play one
    role is that part as a whole: "First, in March we changed to a new factory" is part of
    the story of the root cause, not a corrective action. A paragraph without a clear
    majority is split into runs of items with the same role.
    """
    covered = [(s.start, s.end) for s in labelled]
    free = [i for i in items if not any(a <= i.start < b for a, b in covered)]
    if labelled and any(s.kind in PARTS for s in labelled):
        # With headings present, unlabelled text is introduction or closing; still count
        # clear actions there so a part is never reported missing when it is written.
        free = [i for i in free if i.role != "neutral"]
    runs: list[tuple[ItemRole, list[Item]]] = []
    for _, group in groupby(free, key=lambda i: i.paragraph_start):
        paragraph = list(group)
        roles = [i.role for i in paragraph if i.role != "neutral"]
        if not roles:
            continue
        top, count = Counter(roles).most_common(1)[0]
        if count * 2 > len(roles) and len(roles) >= 2:
            pieces: list[tuple[ItemRole, list[Item]]] = [(top, paragraph)]
        else:
            pieces = [
                (role, list(run))
                for role, run in groupby(
                    (i for i in paragraph if i.role != "neutral"), key=lambda i: i.role
                )
            ]
        for role, members in pieces:
            if runs and runs[-1][0] == role:
                runs[-1][1].extend(members)
            else:
                runs.append((role, list(members)))
    return [_section_from_run(role, run) for role, run in runs]


_ROLE_TO_PART: dict[ItemRole, PartKind] = {
    "cause": "root_cause",
    "corrective": "corrective",
    "preventive": "preventive",
    "neutral": "introduction",
}


def _section_from_run(role: ItemRole, run: Sequence[Item]) -> Section:
    return Section(
        kind=_ROLE_TO_PART[role],
        start=run[0].start,
        end=run[-1].end,
        found_by="content",
        items=tuple(run),
    )
