"""Relevance rules (POA501-POA503) and the evidence rule POA703.

A reviewer compares every letter with the reason in Amazon's notice. These rules ask three
things of that comparison:

* **POA501 reason-not-addressed** — is the letter about the stated reason at all? We score how
  much of the seller's own wording belongs to each reason of the taxonomy
  (``rules/reasons.yaml``: its ``names`` and ``vocabulary``) and fire when the stated reason is
  barely present, or absent from the root cause while another reason fills it. A vocabulary
  term shared by several reasons (``stock``: late shipment *and* cancellation) counts for each
  of them only in part, and reasons listed as ``related`` (late shipment ~ valid tracking,
  trademark ~ listing policy) never count as displacing each other: neighbouring problems
  overlap in real letters, and an error-level finding must not fire on a near miss.
* **POA502 irrelevant-content** — sentences a reviewer skips: years on Amazon, sales figures,
  self-praise, holidays as background, personal circumstances, references to other cases.
  They are found from the parse (who is the subject, what the verb is, which nouns modify
  which), not from phrase lists, because the same words are often relevant: "we have refunded
  12 orders" is an action, not sales volume; "quality control" is a process, not praise; a
  courier's holiday schedule *is* a root cause of late shipments.
* **POA503 metric-not-cited** — performance reasons: the letter must name the metric and its
  target, which shows the reviewer the seller knows what was measured and how far off it was.
* **POA703 evidence-not-referenced** — reasons that need documents: the letter must point at
  them (attachments, enclosed documents), or the reviewer has nothing to verify.

Quoted text is Amazon's voice. It never counts as the seller *addressing* a reason (POA501)
or *providing* evidence (POA703: a quoted "please provide invoices" is a request, not an
invoice), and POA502 ignores it. It does count for POA503: the rule wants the metric and its
target in front of the reviewer, and a quoted line of the notice puts them there.

Who gave the reason matters for POA501 only. The letter does not record it, so we infer it:
with a notice that names a reason, the reason came from the notice or an explicit option; if
not, and detection from the letter's own words would give the same reason, it may have been
detected — and then the letter names it more than any other reason, so it cannot be
"not addressed". POA501 stays silent in that case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..notice import find_reasons
from ..reasons import Reason, inline_name, load_taxonomy
from ..sections import structure_of
from ..texts import N_, Template, join, message
from ..time_expressions import in_time_expression
from .base import Hit, Options

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..letter import Letter

# --------------------------------------------------------------------------------------------
# Phrase matching on lemmas: one small matcher for every word list of this module.
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """A crude plural fold applied to both sides, so the name "A-to-z claims" matches "an
    A-to-z claim" (the lemmatiser only helps on the letter's side, and not for proper nouns)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def _word_keys(lower: str, lemma: str) -> frozenset[str]:
    """A word's folded keys: its lower-case form and its lemma."""
    return frozenset({_fold(lower), _fold(lemma)})


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the folded word sequence spaCy produces ("a-to-z" → a, to, z)."""
    return tuple(_fold(w) for w in re.findall(r"[a-z0-9]+", phrase.lower()))


# Tokens skipped between the words of a phrase: hyphens and slashes ("ship-by", "A-to-z").
_JOINERS = frozenset({"-", "–", "/"})


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found in the letter: the phrase's key, character span, first and last token."""

    key: tuple[str, ...]
    start: int
    end: int
    first: int
    last: int


@dataclass
class _Words:
    """The letter's word tokens (by index: no spaces, no joiners) and their folded keys, the
    lower-case form and the lemma of each."""

    doc: Doc
    indices: list[int]
    keys: list[frozenset[str]]
    # where each key occurs (positions in ``keys``): a word list's first words are looked
    # up here, instead of every word of the letter being tested against each list
    positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, letter: Letter) -> _Words:
        """The letter's words, built once and shared by POA501, POA502, POA503 and POA703."""
        return letter.shared("relevance.words", cls._build)

    @classmethod
    def _build(cls, letter: Letter) -> _Words:
        texts, offsets, envelope = letter.texts, letter.token_offsets, letter.envelope
        # the body is one stretch of the text (Envelope.in_body): its tokens, by bisection
        first = bisect_left(offsets, envelope.body_start)
        stop = bisect_left(offsets, max(envelope.body_end, envelope.body_start + 1), first)
        indices = [
            i for i in range(first, stop) if texts[i] not in _JOINERS and not texts[i].isspace()
        ]
        lowers, lemmas = letter.lowers, letter.lemmas
        keys = [_word_keys(lowers[i], lemmas[i]) for i in indices]
        positions: dict[str, list[int]] = {}
        for position, token_keys in enumerate(keys):
            for key in token_keys:
                positions.setdefault(key, []).append(position)
        return cls(letter.doc, indices, keys, positions)

    def find(self, phrases: Iterable[str]) -> list[PhraseHit]:
        return self._find(_phrase_index(frozenset(phrases)))

    def find_folded(self, phrases: Iterable[tuple[str, ...]]) -> list[PhraseHit]:
        """Every occurrence of the folded ``phrases`` (longest phrase first at each position;
        shorter phrases inside a longer one are reported too)."""
        return self._find(_index_words(phrases))

    def _find(self, index: Mapping[str, Sequence[tuple[str, ...]]]) -> list[PhraseHit]:
        keys, indices, doc, positions = self.keys, self.indices, self.doc, self.positions
        hits: list[PhraseHit] = []
        # only the words that can start a phrase of the list (most words start none)
        if len(index) < len(positions):
            where = {i for key in index if key in positions for i in positions[key]}
        else:
            where = {i for key in positions if key in index for i in positions[key]}
        for i in sorted(where):
            token_keys = keys[i]
            starts = [key for key in token_keys if key in index]
            candidates = {w for key in starts for w in index[key]}
            for words in sorted(candidates, key=len, reverse=True):
                n = len(words)
                if i + n <= len(keys) and all(words[j] in keys[i + j] for j in range(n)):
                    first, last = doc[indices[i]], doc[indices[i + n - 1]]
                    hits.append(
                        PhraseHit(words, first.idx, last.idx + len(last.text), first.i, last.i)
                    )
        return hits


def _index_words(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Folded phrases by their first word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in set(phrases):
        if words:
            index.setdefault(words[0], []).append(words)
    return index


@lru_cache(maxsize=64)
def _phrase_index(phrases: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """:func:`_index_words` of a word list from the options, folded once per list (the
    checks ask for the same lists for every letter)."""
    return _index_words(phrase_words(p) for p in phrases)


def _first_line(letter: Letter) -> tuple[int, int]:
    """Whole-letter findings point at the first line of text."""
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, len(text) if end == -1 else end


def reason_label(reason: Reason) -> Template:
    """A reason's name as it reads inside a sentence: "intellectual property (trademark)"
    (a msgid of its own, see :func:`poa_lint.reasons.inline_name`)."""
    return Template(inline_name(reason.name))


def _join(items: Sequence[str | Template]) -> str | Template:
    return join(items)


# --------------------------------------------------------------------------------------------
# POA501 reason-not-addressed
# --------------------------------------------------------------------------------------------


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
    words = _Words.of(letter)
    by_words, _ = _reason_terms()
    hits = [h for h in words.find_folded(by_words) if not letter.in_quotes(h.start, h.end)]
    whole = _supports(hits)
    own = whole.get(reason.id, _Support())
    threshold = options.min_support
    label = reason_label(reason)
    examples = _join([f'"{t}"' for t in _sample_terms(reason)])
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
    start, end = _first_line(letter)
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


# --------------------------------------------------------------------------------------------
# POA503 metric-not-cited
# --------------------------------------------------------------------------------------------


class MetricNotCitedOptions(Options):
    """``require-target``: also fire when the metric is named but its target is not."""

    require_target: bool = True


_NUMBER_WORDS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled(number: int) -> str | None:
    """English words for 0-100 (closed-class grammar, not tunable vocabulary)."""
    if 0 <= number < 20:
        return _NUMBER_WORDS[number]
    if number == 100:
        return "one hundred"
    if 20 <= number < 100:
        tens, unit = divmod(number, 10)
        word = _TENS_WORDS[tens - 2]
        return word if unit == 0 else f"{word}[\\s-]{_NUMBER_WORDS[unit]}"
    return None


def target_pattern(target: str) -> re.Pattern[str] | None:
    """A pattern for the target figure of a metric ("under 2.5%" → 2.5%, 2.5 percent, …)."""
    match = re.search(r"(?<!\d)(\d+(?:\.\d+)?)\s*%", target)  # (?<!\d): linear on digits
    if match is None:
        return None
    value = match.group(1)
    number = re.escape(value).replace(r"\.", r"[.,]")
    forms = [rf"(?<![\d.,]){number}(?:[.,]0+)?"]
    if "." not in value:
        spelled = _spelled(int(value))
        if spelled:
            forms.append(rf"\b{spelled}")
    unit = r"\s*(?:%|per[\s-]?cent\b)"
    return re.compile(r"(?:" + "|".join(forms) + r")" + unit, re.IGNORECASE)


# The lookbehind starts a match only where a number starts, and the possessive run never
# backtracks: a long run of digits costs linear time (tests/reliability/test_regex_linear.py).
_PERCENT = re.compile(r"(?<![\d.,])\d[\d.,]*+\s*+(?:%|per[\s-]?cent\b)", re.IGNORECASE)


def _sentences_with(letter: Letter, hits: Sequence[PhraseHit]) -> list[Span]:
    """The sentences in which the phrase hits stand."""
    return [letter.doc[h.first].sent for h in hits]


def metric_not_cited(letter: Letter, options: MetricNotCitedOptions) -> Iterator[Hit]:
    """POA503: a performance letter that never names its metric, or never states the target.

    Seed 002 and Amazon's own guidance open a performance POA with the metric and how it
    compares with the target ("our ODR is 2.3%, above the target of under 1%"): it shows the
    reviewer that the seller knows what was measured. The target counts when its figure
    appears anywhere as a percentage ("under 4%", "<4%", "four percent"); quoted text counts,
    because it is the figures being in front of the reviewer that matters.
    """
    reason = letter.reason
    if reason is None or reason.kind != "performance" or reason.metric is None:
        return
    metric = reason.metric
    found = _Words.of(letter).find(metric.names)
    start, end = _first_line(letter)
    name = metric.names[0]
    acronyms = [n for n in metric.names[1:] if n.isupper()]
    short = f" ({acronyms[0]})" if acronyms else ""
    if not found:
        yield Hit(
            start=start,
            end=end,
            message=message(
                N_(
                    "The letter never names the metric Amazon measured, the {metric}: say "
                    "what it is and how it compares with Amazon's target ({target})."
                ),
                metric=f"{name}{short}",
                target=metric.target,
            ),
            suggestion=message(
                N_(
                    "Open with the figures, e.g. 'Our {metric} is X%, above Amazon's target "
                    "of {target}.'"
                ),
                metric=name,
                target=metric.target,
            ),
            values={"metric": name, "target": metric.target},
        )
        return
    pattern = target_pattern(metric.target)
    if not options.require_target or pattern is None or pattern.search(letter.text):
        return
    text = letter.text
    if any(_PERCENT.search(text, s.start_char, s.end_char) for s in _sentences_with(letter, found)):
        # "our late dispatch rate was 6.1%": the seller's own figure shows they know what
        # was measured; demanding Amazon's target on top of it is noise
        return
    yield Hit(
        start=start,
        end=end,
        message=message(
            N_(
                "The letter names the {metric} but never states Amazon's target ({target}): "
                "give your figure and the target, so the reviewer sees you know how far off "
                "it was."
            ),
            metric=name,
            target=metric.target,
        ),
        suggestion=message(
            N_("Add the target, e.g. 'Our {metric} is X%, above the target of {target}.'"),
            metric=name,
            target=metric.target,
        ),
        values={"metric": name, "target": metric.target},
    )


# --------------------------------------------------------------------------------------------
# POA502 irrelevant-content
# --------------------------------------------------------------------------------------------

Topic = Literal["tenure", "sales", "praise", "holiday", "hardship", "case"]

_TOPIC_TEXT: dict[Topic, Template] = {
    "tenure": Template(N_("how long you have sold on Amazon")),
    "sales": Template(N_("your sales or order volume")),
    "praise": Template(N_("praise of your own products or company")),
    "holiday": Template(N_("a holiday as background")),
    "hardship": Template(N_("personal circumstances")),
    "case": Template(N_("other support cases or earlier appeals")),
}

#: Pronouns that make a subject "the seller" (spaCy lemmatises "us" to "we").
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})
_FIRST_POSSESSIVE = frozenset({"our", "my"})
_MODALS = frozenset({"will", "shall", "would", "could", "can", "may", "might", "must", "should"})
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


class IrrelevantContentOptions(Options):
    """POA502 vocabulary (in ``rules/relevance.yaml``). Each list is used with a grammatical
    test, never on its own: a praise word counts only when predicated of the seller, a
    holiday only outside the root cause and the actions, and so on."""

    self_nouns: frozenset[str]
    tenure_verbs: frozenset[str]
    marketplace_words: frozenset[str]
    sales_nouns: frozenset[str]
    volume_nouns: frozenset[str]
    praise_phrases: frozenset[str]
    offer_verbs: frozenset[str]
    praise_verbs: frozenset[str]
    track_record_nouns: frozenset[str]
    positive_words: frozenset[str]
    holiday_phrases: frozenset[str]
    hardship_phrases: frozenset[str]
    family_nouns: frozenset[str]
    case_nouns: frozenset[str]
    case_modifiers: frozenset[str]
    appeal_nouns: frozenset[str]
    earlier_words: frozenset[str]
    saying_verbs: frozenset[str]
    support_names: frozenset[str]


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _is(token: Token, words: frozenset[str]) -> bool:
    return _lemma(token) in words or token.lower_ in words


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in token.children)


def _clause_verb(token: Token) -> Token:
    """The nearest verb (or the root) above a token."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        return _subject(verb.head)
    return None


def _is_self(token: Token | None, options: IrrelevantContentOptions) -> bool:
    """The seller: "we", "I", or "our company/store/brand/products"."""
    if token is None:
        return False
    if token.lower_ in _FIRST_PERSON or _lemma(token) in _FIRST_PERSON:
        return True
    owned = any(c.lower_ in _FIRST_POSSESSIVE for c in token.children)
    return owned and _is(token, options.self_nouns)


def _modal(verb: Token) -> bool:
    """A modal on the verb, or on the verb it is conjoined to ("we will check and provide")."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.head != verb and _modal(verb.head)


def _finite(verb: Token) -> bool:
    """A statement of fact: a finite verb, a participle with its own auxiliary, or a bare
    verb conjoined to a finite one ("we always put customers first and provide …")."""
    if verb.tag_ in ("VBZ", "VBP", "VBD"):
        return True
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return verb.tag_ in ("VBN", "VBG")
    return verb.dep_ == "conj" and verb.head != verb and _finite(verb.head)


def _dependents(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


_NUM_DEPS = frozenset({"nummod", "quantmod"})
_HISTORY = frozenset({"experience", "history"})
_FOUNDING_VERBS = frozenset(
    {"found", "establish", "start", "begin", "open", "launch", "register"}
)


def _tenure(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """ "We have sold on Amazon for six years", "selling on Amazon since 2016", "founded in
    2010", "ten years of experience": the seller's history, told as a span of years."""
    for token in tokens:
        lemma = _lemma(token)
        if lemma in ("year", "decade"):
            if any(_lemma(p) in _HISTORY for c in token.children for p in c.children):
                return True  # "ten years of experience", "15 years of history"
            counted = any(c.dep_ in _NUM_DEPS or c.like_num for c in token.children) or any(
                c.lower_ in ("many", "several") for c in token.children
            )
            if not (counted and token.dep_ == "pobj" and token.head.lower_ in ("for", "over")):
                continue
            verbs = {"tenure"}
        elif token.like_num and _YEAR_RE.match(token.text) and token.dep_ == "pobj":
            if token.head.lower_ == "since":
                verbs = {"tenure"}
            elif token.head.lower_ == "in":
                verbs = {"founding"}
            else:
                continue
        else:
            continue
        verb = _clause_verb(token.head)
        candidates = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        for candidate in candidates:
            wanted = options.tenure_verbs if "tenure" in verbs else _FOUNDING_VERBS
            if not _is(candidate, wanted) or _negated(candidate) or _modal(candidate):
                continue
            subject = _subject(candidate)
            company = subject is not None and subject.pos_ == "PROPN" and "founding" in verbs
            if not (_is_self(subject, options) or company):
                continue  # "Hartwell & Daughters was founded in 1987": the seller's own firm
            objects = _dependents(candidate, frozenset({"dobj"}))
            if not objects or any(_is(t, options.marketplace_words) for t in tokens):
                return True
    return False


#: Nouns a number names rather than counts: "batch 2601", "order 114", "lot 7".
_LABEL_NOUNS = frozenset(
    {"batch", "lot", "order", "invoice", "case", "model", "ticket", "ref", "reference", "no",
     "no.", "number", "#", "sku", "asin", "version"}
)


def _is_label(token: Token) -> bool:
    """A number that names something ("batch 2601"), not an amount of money or goods."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].lower_ in _LABEL_NOUNS


def _amounts(tokens: Iterable[Token]) -> bool:
    """A figure that is not a date, a time or a label: "$1.2 million", "20,000", "50%".

    Dates and times are found by the time-expression patterns (rules/timeframes.yaml), not
    by the entity recogniser, which the pipeline no longer runs."""
    return any(
        (t.like_num or t.tag_ == "$") and not in_time_expression(t) and not _is_label(t)
        for t in tokens
    )


def _revenue(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """Sales figures: "our sales last year were over $1.2 million", "annual revenue of $2M".
    The figure must belong to the sales noun (its own phrase, or the predicate it is the
    subject of): in "we stopped sales of the batch on 4 April" there is none."""
    seller_speaks = any(_is_self(t, options) or t.lower_ in _FIRST_POSSESSIVE for t in tokens)
    for token in tokens:
        if token.lower_ not in options.sales_nouns or token.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = _clause_verb(token)
        scope = [t for t in token.subtree if t != token]
        if verb != token:
            scope += [
                t
                for c in verb.children
                if c.dep_ in _CLAUSE_ARGUMENTS
                for t in c.subtree
                if t != token
            ]
        if seller_speaks and _amounts(scope):
            return True
    return False


#: The arguments of a clause (not its conjoined or subordinate clauses): a figure counts for
#: "sales" only when it belongs to the same statement.
_CLAUSE_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "attr", "dobj", "prep", "acomp", "npadvmod", "oprd"}
)


_RATE_UNITS = frozenset({"day", "week", "month", "year"})
_RATE_DETERMINERS = frozenset({"a", "an", "per", "every", "each"})
_RATE_ADVERBS = frozenset({"daily", "weekly", "monthly", "annually", "yearly"})


def _volume(sent: Span, tokens: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """Order volume as a rate: "over 10,000 orders a month", "500 units per day". A count of
    orders acted on ("we refunded 12 orders", "34 orders in the past week") has no rate."""
    doc = sent.doc
    for token in tokens:
        if not _is(token, options.volume_nouns):
            continue
        if not any(c.dep_ in _NUM_DEPS or c.like_num for c in token.children):
            continue
        following = doc[token.i + 1 : min(sent.end, token.i + 4)]
        for i, nxt in enumerate(following):
            if nxt.lower_ in _RATE_ADVERBS:
                return True
            if (
                nxt.lower_ in _RATE_DETERMINERS
                and i + 1 < len(following)
                and _lemma(following[i + 1]) in _RATE_UNITS
            ):
                return True
    return False


def _predicate_of(token: Token) -> tuple[Token, str] | None:
    """The verb a praise word is predicated through, and how: ("be", attribute), ("offer",
    object). "our products are the best quality" → (are, be); "we provide excellent service"
    → (provide, offer). A praise word inside a plain noun phrase ("our best-selling lamp",
    "Best regards") has none."""
    word = token
    if word.dep_ in ("amod", "compound", "advmod", "nmod") and word.head != word:
        word = word.head
    while word.dep_ == "conj" and word.head != word:
        word = word.head
    if word.dep_ == "pobj" and word.head.dep_ == "prep":
        word = word.head  # "our products are of the highest quality"
    if word.dep_ in ("attr", "acomp", "oprd", "prep"):
        return word.head, "be"
    if word.dep_ == "dobj":
        return word.head, "offer"
    return None


def _praise(
    sent: Span,
    tokens: Sequence[Token],
    praise: Sequence[PhraseHit],
    options: IrrelevantContentOptions,
) -> bool:
    """The seller praising itself: "our products are the best quality", "we are a reputable
    brand", "we provide excellent service", "customers love our products", "20,000 positive
    ratings". The praise word must describe the seller in a statement of fact. "Quality
    control" (a process), "our products meet the UL 1642 standard" (evidence), "we will
    provide better service" (a commitment) and "Best regards" are not praise."""
    doc = sent.doc
    for hit in _mentions(praise, sent):
        found = _predicate_of(doc[hit.last])
        if found is None:
            continue
        verb, how = found
        if _negated(verb) or _modal(verb) or not _finite(verb):
            continue
        if not _is_self(_subject(verb), options):
            continue
        if how == "be" and _lemma(verb) in ("be", "become", "remain"):
            return True
        if how == "offer" and _is(verb, options.offer_verbs):
            return True
    for token in tokens:
        # Cheapest test first: walking every token's subtree made this quadratic per sentence.
        if (
            _is(token, options.track_record_nouns)
            and any(_is(c, options.positive_words) for c in token.children)
            and _amounts(t for t in token.subtree if t != token)
        ):
            return True
        if _is(token, options.praise_verbs) and token.pos_ == "VERB" and not _negated(token):
            # "customers love our products"; "please trust us" is a plea (POA203), not praise
            subject = _subject(token)
            if subject is None or _is_self(subject, options) or _modal(token):
                continue
            admitted = any(
                _negated(v) and _is_self(_subject(v), options)
                for v in tokens
                if v.pos_ in ("VERB", "AUX") and v.i != token.i
            )
            if admitted:
                continue  # "they trusted us, and we did not check the items": an admission
            if any(_is_self(o, options) for o in _dependents(token, frozenset({"dobj"}))):
                return True
    return False


def _mentions(hits: Sequence[PhraseHit], sent: Span) -> list[PhraseHit]:
    return [h for h in hits if sent.start <= h.first < sent.end]


def _hardship(sent: Span, hits: Sequence[PhraseHit], options: IrrelevantContentOptions) -> bool:
    """The writer's own or their family's circumstances: "I have been sick", "my father was in
    hospital". Staff illness is an operational fact, not personal hardship, and pleas that a
    family *depends* on the account are POA203's (pleading), so they are not repeated here."""
    for hit in _mentions(hits, sent):
        verb = _clause_verb(sent.doc[hit.first])
        subject = _subject(verb)
        if subject is None:
            continue
        if subject.lower_ in ("i", "me"):
            return True
        owned = any(c.lower_ in _FIRST_POSSESSIVE for c in subject.children)
        if owned and _is(subject, options.family_nouns):
            return True
    return False


_BEFORE = frozenset({"before", "previously", "earlier"})


def _case_reference(
    sent: Span,
    tokens: Sequence[Token],
    support: Sequence[PhraseHit],
    options: IrrelevantContentOptions,
) -> bool:
    """Other support cases and earlier appeals: "case ID 12345678", "in my previous appeal",
    "this is our second plan of action", "as I told you before", "Seller Support said".
    Amazon asks that each plan of action stand on its own. "In this case", "in case of
    damage" and a phone case are not support cases: a case needs an ID or a support or
    earlier-time modifier."""
    if _checked_with_support(tokens):
        return False
    if _mentions(support, sent) and _told_before(tokens):
        return True
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN"):
            if _earlier_case(sent, token, options):
                return True
        elif token.pos_ == "VERB":
            if _is(token, options.saying_verbs) and _is_self(_subject(token), options):
                if _said_before(token, options):
                    return True
            elif _lemma(token) in _APPEAL_VERBS and (
                _repeated(token) or _sent_before(token, options)
            ):
                return True
            elif _lemma(token) == "appeal" and token.tag_ in ("VBD", "VBN"):
                return True  # "we appealed on 6 February and 19 February": earlier appeals
    return False


#: How a past contact with Seller Support is told: "I called Seller Support", "Seller
#: Support told us", "we opened a case". "Seller Support confirmed the documents were
#: readable" reports what Support checked, which is evidence, not history.
_CONTACT_VERBS = frozenset(
    {
        "call", "contact", "email", "e-mail", "write", "speak", "talk", "chat", "open",
        "reach", "ask", "tell", "say", "advise", "inform", "explain", "promise", "reply",
        "answer", "respond", "send", "submit",
    }
)  # fmt: skip


#: Why a seller asks Seller Support about a fix: to have it checked.
_VERIFYING = frozenset({"confirm", "verify", "check", "clarify", "ensure", "validate", "approve"})


def _checked_with_support(tokens: Sequence[Token]) -> bool:
    """ "We opened a case with Seller Support (case 17704419268) to confirm the new
    wording": a contact made to have the fix checked is a step of the plan and its
    evidence, not the history of the case."""
    return any(
        _lemma(token) in _CONTACT_VERBS
        and token.pos_ == "VERB"
        and any(
            c.dep_ in ("advcl", "xcomp")
            and _lemma(c) in _VERIFYING
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in token.children
        )
        for token in tokens
    )


def _told_before(tokens: Sequence[Token]) -> bool:
    """A mention of Seller Support that tells a past contact ("I called Seller Support",
    "Seller Support told us", "case ID 1234567890"), not a step of the plan ("before we
    list a new brand, we ask Seller Support"; "we will contact Seller Support")."""
    if any(sum(ch.isdigit() for ch in t.text) >= 5 for t in tokens):
        return True  # a case ID ("like_num" would take "first" for a number)
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        if _lemma(token) not in _CONTACT_VERBS:
            continue
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(_lemma(a) in ("will", "shall", "would", "can", "may", "must") for a in auxes):
            return False
        if token.tag_ == "VBD" or (token.tag_ == "VBN" and any(_lemma(a) == "have" for a in auxes)):
            return True
    return False


def _earlier_case(sent: Span, token: Token, options: IrrelevantContentOptions) -> bool:
    """A noun naming another case or an earlier appeal: "case 1234567890", "Seller Support
    case", "my previous appeal", "the second time we submit this plan"."""
    lemma = _lemma(token)
    mods = _dependents(token, _MODIFIER_DEPS)
    if lemma in options.case_nouns:
        following = sent.doc[token.i + 1] if token.i + 1 < sent.end else None
        ids = [m for m in [*mods, following] if m is not None and m.like_num]
        if any(sum(ch.isdigit() for ch in m.text) >= 5 for m in ids):
            return True  # "case 1234567890" ("three cases" is no case ID)
        # "the last case of damage" is an instance, not a support case
        instance = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        return not instance and any(_is(m, options.case_modifiers) for m in mods)
    if lemma in options.appeal_nouns:
        return any(_is(m, options.earlier_words) for m in mods)
    if lemma == "time":
        return _again(token, mods, options)
    return False


_APPEAL_VERBS = frozenset({"appeal", "submit", "resubmit", "send", "write"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "npadvmod", "appos"})


def _again(time: Token, mods: Sequence[Token], options: IrrelevantContentOptions) -> bool:
    """ "This is the second time we submit this plan": an ordinal time of appealing."""
    ordinal = any(_is(m, options.earlier_words) for m in mods)
    return ordinal and any(c.dep_ == "relcl" and _lemma(c) in _APPEAL_VERBS for c in time.children)


def _said_before(verb: Token, options: IrrelevantContentOptions) -> bool:
    """ "(as) I told you before", "as we explained in our previous appeal"."""
    if any(c.lower_ in _BEFORE and c.dep_ == "advmod" for c in verb.children):
        return True  # not "before we wrote the title", where "before" is a conjunction
    earlier = options.earlier_words | options.case_modifiers
    return any(
        _lemma(obj) in options.case_nouns | options.appeal_nouns
        and any(_is(m, earlier) for m in obj.children)
        for prep in _dependents(verb, frozenset({"prep"}))
        for obj in _dependents(prep, frozenset({"pobj"}))
    )


_EARLIER_APPEALS = frozenset({"appeal", "poa", "submission"})


def _sent_before(verb: Token, options: IrrelevantContentOptions) -> bool:
    """ "We sent a shorter appeal on 5 March, which was not accepted": an appeal the seller
    sent in the past is an earlier appeal ("this appeal" is the letter itself)."""
    if verb.tag_ != "VBD" or not _is_self(_subject(verb), options):
        return False
    return any(
        _lemma(obj) in _EARLIER_APPEALS
        and not any(c.lower_ in ("this", "these") for c in obj.children)
        for obj in _dependents(verb, frozenset({"dobj"}))
    )


def _repeated(verb: Token) -> bool:
    """ "We have appealed twice", "we submitted our plan again", "appealed three times"."""
    if any(c.lower_ in ("again", "twice") for c in verb.children):
        return True
    return any(
        _lemma(c) == "time" and any(n.like_num or n.dep_ == "nummod" for n in c.children)
        for c in verb.children
    )


_DELETE = N_("Delete this sentence.")


_RULE_OPENERS = frozenset({"if", "when", "whenever", "before", "unless", "once", "each", "every"})


def _measure(letter: Letter, sent: Span) -> bool:
    """A preventive measure, or a rule of process ("If …, we …", "Before we list …, we …")."""
    if sent and letter.lowers[sent.start] in _RULE_OPENERS:
        return True
    return any(
        item.role == "preventive" and item.start < sent.end_char and sent.start_char < item.end
        for item in structure_of(letter).items
    )


def _context(letter: Letter, sent: Span) -> Literal["cause", "action", "other"]:
    """Where a sentence sits: in the root cause, in the actions, or elsewhere (introduction,
    closing)."""
    structure = structure_of(letter)
    kinds = set()
    for item in structure.items:
        if item.start < sent.end_char and sent.start_char < item.end:
            section = structure.section_of(item)
            kinds.add(section.kind if section is not None else item.role)
            kinds.add(item.role)
    if kinds & {"cause", "root_cause"}:
        return "cause"
    if kinds & {"corrective", "preventive", "plan"}:
        return "action"
    return "other"


@dataclass(frozen=True)
class _Triggers:
    """For each POA502 test, the words (lower-case forms or lemmas) without one of which in a
    sentence the test cannot succeed; checked first so the grammar is read only where it
    can matter."""

    tenure: frozenset[str]
    revenue: frozenset[str]
    volume: frozenset[str]
    praise: frozenset[str]
    case: frozenset[str]

    @classmethod
    def of(cls, options: IrrelevantContentOptions) -> _Triggers:
        return cls(
            tenure=frozenset({"year", "decade"}),
            revenue=options.sales_nouns,
            volume=options.volume_nouns,
            praise=options.track_record_nouns | options.praise_verbs,
            case=options.case_nouns
            | options.appeal_nouns
            | options.saying_verbs
            | _APPEAL_VERBS
            | frozenset({"time"}),
        )


def irrelevant_content(letter: Letter, options: IrrelevantContentOptions) -> Iterator[Hit]:
    """POA502: one hit per sentence that tells the reviewer something they will skip.

    Holidays, personal illness and order volume are circumstances, and circumstances can be
    causes: "our courier's holiday schedule delayed pickups" explains late shipments, and "we
    will hire temporary packers before each holiday" is a preventive measure. They are
    flagged only as background — outside the root cause and the actions — or, for policy
    reasons, in the root cause too, because the date does not explain a trademark or safety
    problem. Years on Amazon, revenue, self-praise and references to other cases are never
    relevant, wherever they stand.
    """
    reason = letter.reason
    operational = reason is None or reason.kind == "performance"
    words = _Words.of(letter)

    def unquoted(phrases: frozenset[str]) -> list[PhraseHit]:
        return [h for h in words.find(phrases) if not letter.in_quotes(h.start, h.end)]

    praise = unquoted(options.praise_phrases)
    holidays = unquoted(options.holiday_phrases)
    hardships = unquoted(options.hardship_phrases)
    support = unquoted(options.support_names)
    triggers = _Triggers.of(options)
    for sent in letter.sentences:
        # Each test needs one of its words in the sentence; most sentences have none, and
        # are passed over without building tokens (issue 6).
        present = {*letter.lowers[sent.start : sent.end], *letter.lemmas[sent.start : sent.end]}
        tenure = not triggers.tenure.isdisjoint(present) or any(
            _YEAR_RE.match(text) for text in letter.texts[sent.start : sent.end]
        )
        revenue = not triggers.revenue.isdisjoint(present)
        volume = not triggers.volume.isdisjoint(present)
        praised = bool(_mentions(praise, sent)) or not triggers.praise.isdisjoint(present)
        case = bool(_mentions(support, sent)) or not triggers.case.isdisjoint(present)
        holiday = bool(_mentions(holidays, sent))
        hardship = bool(_mentions(hardships, sent))
        if not (tenure or revenue or volume or praised or case or holiday or hardship):
            continue
        # Quoted words are Amazon's (or a buyer's): only the seller's own words are judged.
        tokens = [t for t in sent if not letter.in_quotes(t.idx, t.idx + len(t.text))]
        if not tokens:
            continue
        topics: list[Topic] = []
        if tenure and _tenure(sent, tokens, options):
            topics.append("tenure")
        if revenue and _revenue(sent, tokens, options):
            topics.append("sales")
        if praised and _praise(sent, tokens, praise, options):
            topics.append("praise")
        if case and _case_reference(sent, tokens, support, options):
            topics.append("case")
        if _measure(letter, sent):
            # A step of the plan ("if stock covers less than 1.5 times the expected sales,
            # we reorder") names sales as its means, not as background.
            topics = [t for t in topics if t != "sales"]
            volume = holiday = False
        # Circumstances: relevant when they explain or plan, background otherwise.
        circumstances: list[Topic] = []
        if volume and _volume(sent, tokens, options) and "sales" not in topics:
            circumstances.append("sales")
        if holiday:
            circumstances.append("holiday")
        hard_times = hardship and _hardship(sent, hardships, options)
        if circumstances or hard_times:
            where = _context(letter, sent)
            if circumstances and where == "other":
                topics.extend(circumstances)
            elif "sales" in circumstances and where == "cause" and not operational:
                # order volume does not explain a trademark problem; a holiday can (a cause
                # "during the holiday sale" tells when it went wrong)
                topics.append("sales")
            # Illness can explain a one-person shop's late orders, but it is never a plan.
            if hard_times and (where != "cause" or not operational):
                topics.append("hardship")
        if not topics:
            continue
        described = _join([_TOPIC_TEXT[t] for t in topics])
        suggestion = _DELETE
        if "holiday" in topics or "hardship" in topics:
            suggestion = N_(
                "Delete this sentence. If it names a real cause, say instead what failed in "
                "your own process (e.g. 'nobody covered the packing while our packer was away')."
            )
        yield Hit(
            start=sent.start_char,
            end=sent.end_char,
            message=message(
                N_(
                    "Not relevant to the suspension ({topics}): reviewers skip it, and it makes "
                    "the letter longer. Keep to the root cause, the actions taken and the "
                    "prevention."
                ),
                topics=described,
            ),
            suggestion=suggestion,
            values={"topics": described},
        )


# --------------------------------------------------------------------------------------------
# POA703 evidence-not-referenced
# --------------------------------------------------------------------------------------------


class EvidenceNotReferencedOptions(Options):
    """POA703 vocabulary: how letters point at documents."""

    attachment_nouns: frozenset[str]
    attachment_verbs: frozenset[str]
    document_nouns: frozenset[str]
    image_nouns: frozenset[str]
    provide_verbs: frozenset[str]
    evidence_headings: frozenset[str]


def _evidence_heading(letter: Letter, options: EvidenceNotReferencedOptions) -> bool:
    """A short line such as "Supporting documents:" or "EVIDENCE" that introduces a list."""
    for paragraph in letter.paragraphs:
        text = letter.text[paragraph.body_start : paragraph.end]
        words = re.findall(r"[a-z]+", text.lower())
        if any(w in ("no", "without", "missing") for w in words):
            continue
        if 0 < len(words) <= 4 and any(_fold(w) in options.evidence_headings for w in words):
            return True
    return False


def _offered_or_denied(verb: Token) -> bool:
    """Not a reference: negated ("we cannot attach"), a promise or offer ("we will send", "we
    can provide on request"), or a condition ("if you need the invoices")."""
    if _negated(verb) or _modal(verb):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return True
    head = verb
    while head.dep_ in ("xcomp", "conj", "ccomp") and head.head != head:
        head = head.head
        if _negated(head) or _modal(head):
            return True
    return any(t.lower_ == "request" and t.head.lower_ in ("on", "upon") for t in verb.subtree)


_MESSAGE_NOUNS = frozenset(
    {"letter", "email", "e-mail", "mail", "message", "appeal", "plan", "poa"}
)


def _physical(verb: Token) -> bool:
    """ "We attached a warning label to every heater": attaching a thing to a product is a
    corrective action, not a document for the reviewer."""
    return any(
        _lemma(obj) not in _MESSAGE_NOUNS
        for prep in _dependents(verb, frozenset({"prep"}))
        if prep.lower_ in ("to", "onto", "on")
        for obj in _dependents(prep, frozenset({"pobj"}))
    )


def _document_head(letter: Letter, hit: PhraseHit) -> Token:
    """The head noun of a document phrase: "letter" in "letter of authorisation", else the
    last word ("supplier invoice" → invoice)."""
    tokens = [t for t in letter.doc[hit.first : hit.last + 1] if t.text not in _JOINERS]
    for i, token in enumerate(tokens):
        if token.lower_ == "of" and i > 0:
            return tokens[i - 1]
    return tokens[-1]


def _provided(token: Token, options: EvidenceNotReferencedOptions) -> bool:
    """A document the seller says they handed over: "we uploaded a new electricity bill",
    "we have sent the supplier invoices", "the photos are included", "here is the licence".
    Images uploaded *to a listing* are listing content, not evidence."""
    word = token
    while word.dep_ in ("conj", "appos") and word.head != word:
        word = word.head
    if word.dep_ in ("nsubj", "attr") and any(c.lower_ == "here" for c in word.head.children):
        return True
    if word.dep_ not in ("dobj", "nsubjpass", "pobj", "dative"):
        return False
    verb = word.head
    if word.dep_ == "pobj":
        verb = verb.head  # "we sent copies of the invoices"
        if verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not _verb_in(verb, options.provide_verbs):
        return False
    if word.dep_ != "nsubjpass" and not _seller_subject(verb):
        return False  # "three buyers sent us photos" is not the seller's evidence
    if _is(token, options.image_nouns) and _to_listing(verb):
        return False
    return not _offered_or_denied(verb)


def _verb_in(verb: Token, verbs: frozenset[str]) -> bool:
    """Lemma or surface form in ``verbs``, also for re- verbs ("resubmitted", "re-sent"),
    which the small model's lemmatiser often mangles ("resubmitte")."""
    if _is(verb, verbs):
        return True
    lemma = _lemma(verb)
    return lemma.startswith("re") and any(lemma[2:].lstrip("-").startswith(v) for v in verbs)


_LISTING_NOUNS = frozenset({"listing", "page", "asin", "store", "gallery", "website", "shop"})


def _to_listing(verb: Token) -> bool:
    """ "We uploaded new photos to the listing / on the detail page"."""
    return any(
        _lemma(obj) in _LISTING_NOUNS or obj.text.upper().startswith("B0")
        for prep in _dependents(verb, frozenset({"prep"}))
        if prep.lower_ in ("to", "on", "onto", "in", "for")
        for obj in _dependents(prep, frozenset({"pobj"}))
    )


def _seller_subject(verb: Token) -> bool:
    """No subject (a list item: "Sent the invoices on 3 May") or the seller as subject."""
    subject = _subject(verb)
    if subject is None:
        return True
    return subject.lower_ in _FIRST_PERSON or any(
        c.lower_ in _FIRST_POSSESSIVE for c in subject.children
    )


def _references_evidence(
    letter: Letter, reason: Reason, options: EvidenceNotReferencedOptions
) -> bool:
    """True when the seller's own text points the reviewer at a document."""
    if _evidence_heading(letter, options):
        return True
    words = _Words.of(letter)
    for token in letter.doc:
        if letter.in_quotes(token.idx, token.idx + len(token.text)):
            continue
        # "Attached are…", "the enclosed invoice", "[Attachment 1: …]", "please find"
        if _is(token, options.attachment_nouns) and token.pos_ in ("NOUN", "PROPN"):
            if not any(c.lower_ in ("no", "without") for c in token.children):
                return True
            continue
        if _is(token, options.attachment_verbs):
            verb = token if token.dep_ not in ("amod", "acomp") else token.head
            if token.dep_ == "amod" or (not _offered_or_denied(verb) and not _physical(token)):
                return True
            continue
        if _lemma(token) == "find" and any(c.lower_ == "please" for c in token.children):
            return True
    documents = [*options.document_nouns, *reason.evidence]
    for hit in words.find(documents):
        if letter.in_quotes(hit.start, hit.end):
            continue
        if _provided(_document_head(letter, hit), options):
            return True
    return False


def evidence_not_referenced(letter: Letter, options: EvidenceNotReferencedOptions) -> Iterator[Hit]:
    """POA703: the reason calls for documents and the letter points at none.

    Amazon verifies claims about sourcing, rights and safety against documents; a letter
    that references none gives the reviewer nothing to check. A reference is attachment
    language ("attached", "enclosed", "[Attachment 1: …]", "please find", a "Supporting
    documents" list) or a document the seller says they provided ("we uploaded the utility
    bill"). Promises, offers and negations ("we will send", "we can provide on request", "we
    do not have an invoice") do not count: the reviewer still has nothing in hand.
    """
    reason = letter.reason
    if reason is None or not reason.evidence:
        return
    if _references_evidence(letter, reason, options):
        return
    start, end = _first_line(letter)
    wanted: str | Template = (
        Template(reason.evidence_note)
        if reason.evidence_note
        else _join(list(reason.evidence[:4]))
    )
    yield Hit(
        start=start,
        end=end,
        message=message(
            N_(
                "The letter references no evidence. For {reason} Amazon typically asks for "
                "{evidence}. Attach them and say so in the letter."
            ),
            reason=reason_label(reason),
            evidence=wanted,
        ),
        suggestion=N_(
            "End with a 'Supporting documents' list that names each attachment, e.g. "
            "'Attachment 1: supplier invoice, 12 March 2024, 500 units', with the relevant "
            "lines highlighted."
        ),
        values={"evidence": wanted},
    )


__all__ = [
    "EvidenceNotReferencedOptions",
    "IrrelevantContentOptions",
    "MetricNotCitedOptions",
    "ReasonNotAddressedOptions",
    "evidence_not_referenced",
    "irrelevant_content",
    "metric_not_cited",
    "reason_not_addressed",
]
