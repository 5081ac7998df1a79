"""Relevance rules (POA501-POA503) and the evidence rule POA703.

A reviewer compares every letter with the reason in Amazon's notice. These rules ask three
things of that comparison:

* **POA501 reason-not-addressed** — is the letter about the stated reason at all? We score how
  much of the seller's own wording belongs to each reason of the taxonomy
  (``rules/reasons.yaml``: its ``names`` and ``vocabulary``) and fire when the stated reason is
  barely present, or absent from the root cause while another reason fills it. A vocabulary
  term shared by several reasons (``stock``: late shipment *and* cancellation) counts for each
  of them only in part, so neighbouring reasons do not cancel each other out.
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..notice import find_reasons
from ..reasons import Reason, load_taxonomy
from .base import Hit, NoOptions, Options

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..letter import Letter

# --------------------------------------------------------------------------------------------
# Phrase matching on lemmas: one small matcher for every word list of this module.
# --------------------------------------------------------------------------------------------


def _fold(word: str) -> str:
    """A crude plural fold applied to both sides, so the name "A-to-z claims" matches "an
    A-to-z claim" (the lemmatiser only helps on the letter's side, and not for proper nouns)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the folded word sequence spaCy produces ("a-to-z" → a, to, z)."""
    return tuple(_fold(w) for w in re.findall(r"[a-z0-9]+", phrase.lower()))


def _token_keys(token: Token) -> frozenset[str]:
    return frozenset({_fold(token.lower_), _fold(token.lemma_.lower())})


# Tokens skipped between the words of a phrase: hyphens and slashes ("ship-by", "A-to-z").
_JOINERS = frozenset({"-", "–", "/"})


def _word_tokens(letter: Letter) -> list[Token]:
    return [t for t in letter.doc if not (t.is_space or t.text in _JOINERS)]


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found in the letter: the phrase's key, character span, first and last token."""

    key: tuple[str, ...]
    start: int
    end: int
    first: int
    last: int


def find_phrases(
    tokens: Sequence[Token], keys: Sequence[frozenset[str]], phrases: Iterable[tuple[str, ...]]
) -> list[PhraseHit]:
    """Every occurrence of the folded ``phrases`` in ``tokens`` (longest phrase first at each
    position; shorter phrases inside a longer one are reported too)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in set(phrases):
        if words:
            index.setdefault(words[0], []).append(words)
    hits: list[PhraseHit] = []
    for i, token_keys in enumerate(keys):
        candidates = {w for key in token_keys for w in index.get(key, ())}
        for words in sorted(candidates, key=len, reverse=True):
            n = len(words)
            if i + n <= len(tokens) and all(words[j] in keys[i + j] for j in range(n)):
                last = tokens[i + n - 1]
                hits.append(
                    PhraseHit(words, tokens[i].idx, last.idx + len(last.text), tokens[i].i, last.i)
                )
    return hits


@dataclass
class _Words:
    """The letter's word tokens and their folded keys, computed once per check call."""

    tokens: list[Token]
    keys: list[frozenset[str]]

    @classmethod
    def of(cls, letter: Letter) -> _Words:
        tokens = _word_tokens(letter)
        return cls(tokens, [_token_keys(t) for t in tokens])

    def find(self, phrases: Iterable[str]) -> list[PhraseHit]:
        return find_phrases(self.tokens, self.keys, (phrase_words(p) for p in phrases))


def _first_line(letter: Letter) -> tuple[int, int]:
    """Whole-letter findings point at the first line of text."""
    text = letter.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, len(text) if end == -1 else end


def reason_label(reason: Reason) -> str:
    """A reason's name as it reads inside a sentence: "intellectual property (trademark)"."""
    name = reason.name
    if " - " in name:
        head, tail = name.split(" - ", 1)
        name = f"{head} ({tail})"
    return name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    notice = letter.notice
    if notice is not None and notice.reasons:
        return reason
    detected = find_reasons(letter.text, load_taxonomy())
    if detected and detected[0].id == reason.id:
        return None
    return reason


def _cause_spans(letter: Letter) -> list[tuple[int, int]]:
    """The root-cause part: sections so labelled plus items classified as causes."""
    structure = letter.structure
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
    hits = [
        h
        for h in find_phrases(words.tokens, words.keys, by_words)
        if not letter.in_quotes(h.start, h.end)
    ]
    whole = _supports(hits)
    own = whole.get(reason.id, _Support())
    threshold = options.min_support
    rival = _rival(whole, reason, threshold)
    problem: str | None = None
    if not own.named and own.vocabulary < threshold:
        problem = "it never names it and hardly uses its vocabulary"
    else:
        spans = _cause_spans(letter)
        cause_hits = [h for h in hits if any(s <= h.start < e for s, e in spans)]
        in_cause = _supports(cause_hits)
        cause_rival = _rival(in_cause, reason, threshold)
        if spans and reason.id not in in_cause and cause_rival is not None:
            rival = cause_rival
            problem = "its root cause does not mention it at all"
    if problem is None:
        return
    source = (
        "Amazon's notice is about"
        if letter.notice is not None and letter.notice.reasons
        else "The stated suspension reason is"
    )
    label = reason_label(reason)
    about = f"; it reads like a letter about {reason_label(rival)}" if rival is not None else ""
    start, end = _first_line(letter)
    examples = _join([f'"{n}"' for n in (reason.names or reason.vocabulary)[:3]])
    yield Hit(
        start=start,
        end=end,
        message=(
            f"{source} {label}, but the letter does not talk about it: {problem}{about}. "
            "A plan of action must answer the reason in the notice."
        ),
        suggestion=(
            f"Rewrite the root cause around the {label} complaint (e.g. {examples}): what in "
            "your own process led to it, what you fixed, how you prevent it. If the reason "
            "given to poa-lint is wrong, run it with the right --reason or notice."
        ),
        values={"reason": label},
    )


def _rival(supports: dict[str, _Support], reason: Reason, min_support: float) -> Reason | None:
    """The reason that clearly dominates ``reason`` in ``supports``, if any: named or with at
    least ``min_support`` of vocabulary, and at least twice as strong."""
    own = supports.get(reason.id, _Support()).score(min_support)
    best: tuple[float, str] | None = None
    for rid, support in supports.items():
        score = support.score(min_support)
        if rid in (reason.id, "other") or score < min_support or score < 2 * own:
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


_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


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
    match = re.search(r"(\d+(?:\.\d+)?)\s*%", target)
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
    short = f" ({metric.names[1]})" if len(metric.names) > 1 else ""
    if not found:
        yield Hit(
            start=start,
            end=end,
            message=(
                f"The letter never names the metric Amazon measured, the {name}{short}: say "
                f"what it is and how it compares with Amazon's target ({metric.target})."
            ),
            suggestion=(
                f"Open with the figures, e.g. 'Our {name} is X%, above Amazon's target of "
                f"{metric.target}.'"
            ),
            values={"metric": name, "target": metric.target},
        )
        return
    pattern = target_pattern(metric.target)
    if not options.require_target or pattern is None or pattern.search(letter.text):
        return
    yield Hit(
        start=start,
        end=end,
        message=(
            f"The letter names the {name} but never states Amazon's target ({metric.target}): "
            "give your figure and the target, so the reviewer sees you know how far off it was."
        ),
        suggestion=f"Add the target, e.g. 'Our {name} is X%, above the target of {metric.target}.'",
        values={"metric": name, "target": metric.target},
    )


# --------------------------------------------------------------------------------------------
# POA502 irrelevant-content
# --------------------------------------------------------------------------------------------

Topic = Literal["tenure", "sales", "praise", "holiday", "hardship", "case"]

_TOPIC_TEXT: dict[Topic, str] = {
    "tenure": "how long you have sold on Amazon",
    "sales": "your sales or order volume",
    "praise": "praise of your own products or company",
    "holiday": "a holiday as background",
    "hardship": "personal circumstances",
    "case": "other support cases or earlier appeals",
}

#: Pronouns that make a subject "the seller" (spaCy lemmatises "us" to "we").
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})
_FIRST_POSSESSIVE = frozenset({"our", "my"})
_MODALS = frozenset({"will", "shall", "would", "could", "can", "may", "might", "must", "should"})
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


class IrrelevantContentOptions(Options):
    """POA502 vocabulary (in ``rules/relevance.yaml``), each used with a grammatical test."""

    self_nouns: frozenset[str]
    tenure_verbs: frozenset[str]
    marketplace_words: frozenset[str]
    sales_nouns: frozenset[str]
    volume_nouns: frozenset[str]
    frequency_words: frozenset[str]
    praise_words: frozenset[str]
    praise_verbs: frozenset[str]
    offer_verbs: frozenset[str]
    track_record_nouns: frozenset[str]
    holiday_phrases: frozenset[str]
    hardship_phrases: frozenset[str]
    family_nouns: frozenset[str]
    case_nouns: frozenset[str]
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
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    return head


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
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
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def _finite(verb: Token) -> bool:
    """A statement of fact: a finite verb, or a participle with its own auxiliary."""
    if verb.tag_ in ("VBZ", "VBP", "VBD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children) and verb.tag_ in ("VBN", "VBG")


def _tenure(sent: Span, options: IrrelevantContentOptions) -> bool:
    """ "We have sold on Amazon for six years", "selling on Amazon since 2016", "ten years of
    experience": a first-person selling verb with a span of years."""
    for token in sent:
        duration = False
        if _lemma(token) in ("year", "decade") and token.dep_ in ("pobj", "npadvmod", "dobj"):
            duration = token.head.lower_ in ("for", "over") or any(
                c.dep_ in ("nummod", "amod") for c in token.children
            )
        elif token.like_num and _YEAR_RE.match(token.text) and token.head.lower_ == "since":
            duration = True
        if not duration:
            continue
        anchor = token.head if token.dep_ == "pobj" else token
        if _lemma(anchor.head) == "experience" or _lemma(token.head) == "experience":
            return True
        verb = _clause_verb(anchor)
        if verb.lower_ == "experience" or (
            token.dep_ == "pobj" and _lemma(token.head.head) == "experience"
        ):
            return True
        if not _is(verb, options.tenure_verbs) or _negated(verb) or _modal(verb):
            continue
        if not _is_self(_subject(verb), options):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        about_market = any(_is(t, options.marketplace_words) for t in sent)
        if about_market or not objects:
            return True
    return False


def _has_amount(tokens: Iterable[Token]) -> bool:
    return any(
        t.like_num or t.ent_type_ in ("MONEY", "CARDINAL", "PERCENT") or t.tag_ == "$"
        for t in tokens
    )


def _sales(sent: Span, options: IrrelevantContentOptions) -> bool:
    """Revenue ("our sales last year were over $1.2 million") or volume boasts ("over 10,000
    orders a month"). A count of orders acted on ("we refunded 12 orders") is neither: volume
    needs a rate (a month, per day)."""
    for token in sent:
        if token.lower_ in options.sales_nouns and token.pos_ in ("NOUN", "PROPN"):
            clause = _clause_verb(token)
            scope = list(clause.subtree) if clause is not token else list(token.subtree)
            if _has_amount(scope) and (
                any(_is_self(t, options) for t in scope)
                or any(c.lower_ in _FIRST_POSSESSIVE for c in token.children)
            ):
                return True
        if _is(token, options.volume_nouns) and any(
            c.dep_ == "nummod" or c.like_num for c in token.children
        ):
            rate = [
                t
                for t in sent[max(0, token.i - sent.start) :]
                if _is(t, options.frequency_words) and t.i - token.i <= 4
            ]
            if rate:
                return True
    return False


def _praise(sent: Span, options: IrrelevantContentOptions) -> bool:
    """The seller praising itself: "our products are the best quality", "we are a reputable
    brand", "we provide excellent service", "customers love our products", "20,000 positive
    ratings". A praise word must describe the seller in a statement of fact; "quality control"
    (a process) and "our products meet the UL 1642 standard" (evidence) are not praise."""
    for token in sent:
        if _is(token, options.track_record_nouns) and any(
            _lemma(c) == "positive" for c in token.children
        ):
            if any(c.dep_ == "nummod" or c.like_num for c in token.subtree):
                return True
        if not _is(token, options.praise_words) or token.pos_ not in ("ADJ", "NOUN", "ADV"):
            continue
        described = token.head if token.dep_ in ("amod", "compound", "advmod") else token
        verb = described.head if described.dep_ not in ("ROOT",) else described
        if described.dep_ in ("attr", "acomp", "dobj", "oprd") or token.dep_ in ("acomp", "attr"):
            verb = described.head if described is not token else token.head
        else:
            continue
        if _negated(verb) or _modal(verb) or not _finite(verb):
            continue
        lemma = _lemma(verb)
        subject = _subject(verb)
        if lemma in ("be", "become", "remain") and _is_self(subject, options):
            return True
        if lemma in options.offer_verbs and _is_self(subject, options):
            return True
    for token in sent:
        if _is(token, options.praise_verbs) and token.pos_ == "VERB" and not _negated(token):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if any(_is_self(o, options) for o in objects):
                return True
    return False


def _mentions(hits: Sequence[PhraseHit], sent: Span) -> list[PhraseHit]:
    return [h for h in hits if sent.start <= h.first <= sent.end - 1]


def _hardship(sent: Span, hits: Sequence[PhraseHit], options: IrrelevantContentOptions) -> bool:
    """The writer's own or their family's circumstances: "I have been sick", "my father was in
    hospital". Staff illness is an operational fact, not personal hardship, and pleas that a
    family *depends* on the account are POA203's (pleading), so they are not repeated here."""
    for hit in _mentions(hits, sent):
        token = sent.doc[hit.first]
        verb = _clause_verb(token)
        subject = _subject(verb)
        if subject is None:
            continue
        if subject.lower_ in ("i", "me") or _lemma(subject) == "i":
            return True
        owned = any(c.lower_ in _FIRST_POSSESSIVE for c in subject.children)
        if owned and _is(subject, options.family_nouns):
            return True
    return False


def _case_reference(sent: Span, options: IrrelevantContentOptions) -> bool:
    """Other support cases and earlier appeals: "case ID 12345678", "in my previous appeal",
    "this is our second plan of action", "as I told you before", "Seller Support said"."""
    text = sent.text
    for token in sent:
        if _is(token, options.case_nouns) and token.pos_ in ("NOUN", "PROPN"):
            mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nummod", "nmod")]
            if any(_is(m, options.earlier_words) or m.tag_ == "JJ" and m.lower_.endswith(("nd", "rd", "th")) for m in mods):
                if _lemma(token) != "case" or not any(t.lower_ == "in" for t in token.lefts):
                    return True
            if _lemma(token) in ("case", "ticket") and (
                any(m.like_num or m.lower_ in ("id", "number", "#", "no") for m in mods)
                or re.search(r"\b(?:case|ticket)\s*(?:id|number|no\.?|#)?\s*[:#]?\s*\d{5,}", text, re.I)
            ):
                return True
        if _is(token, options.saying_verbs) and token.pos_ == "VERB":
            if any(c.lower_ in ("before", "previously", "already", "earlier") for c in token.children):
                subject = _subject(token)
                if _is_self(subject, options) and any(
                    t.lower_ in ("as",) for t in token.lefts
                ):
                    return True
    words = " ".join(t.lower_ for t in sent)
    return any(name in words for name in options.support_names)


_DELETE = "Delete this sentence."


def _context(letter: Letter, sent: Span) -> Literal["cause", "action", "other"]:
    """Where a sentence sits: in the root cause, in the actions, or elsewhere (introduction,
    closing)."""
    structure = letter.structure
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
    holidays = words.find(options.holiday_phrases)
    hardships = words.find(options.hardship_phrases)
    for sent in letter.sentences:
        if letter.in_quotes(sent.start_char, sent.end_char):
            continue
        topics: list[Topic] = []
        if _tenure(sent, options):
            topics.append("tenure")
        if _sales(sent, options):
            topics.append("sales")
        if _praise(sent, options):
            topics.append("praise")
        if _case_reference(sent, options):
            topics.append("case")
        circumstances: list[Topic] = []
        if _mentions(holidays, sent):
            circumstances.append("holiday")
        if _hardship(sent, hardships, options):
            circumstances.append("hardship")
        if circumstances:
            where = _context(letter, sent)
            if where == "other" or (where == "cause" and not operational):
                topics.extend(circumstances)
        if not topics:
            continue
        described = _join([_TOPIC_TEXT[t] for t in topics])
        yield Hit(
            start=sent.start_char,
            end=sent.end_char,
            message=(
                f"Not relevant to the suspension ({described}): reviewers skip it, and it makes "
                "the letter longer. Keep to the root cause, the actions taken and the prevention."
            ),
            suggestion=_DELETE if "holiday" not in topics else (
                "Delete this sentence; if the holiday really caused the problem, say in the root "
                "cause what failed in your own process during it."
            ),
            values={"topics": described},
        )


# --------------------------------------------------------------------------------------------
# POA703 evidence-not-referenced
# --------------------------------------------------------------------------------------------


class EvidenceNotReferencedOptions(Options):
    """POA703 vocabulary: how letters point at documents."""

    attachment_words: frozenset[str]
    document_nouns: frozenset[str]
    image_nouns: frozenset[str]
    provide_verbs: frozenset[str]
    evidence_headings: frozenset[str]


def _evidence_heading(letter: Letter, options: EvidenceNotReferencedOptions) -> bool:
    """A short line such as "Supporting documents:" or "EVIDENCE" that introduces a list."""
    for paragraph in letter.paragraphs:
        text = letter.text[paragraph.body_start : paragraph.end]
        words = re.findall(r"[a-z]+", text.lower())
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
    while head.dep_ in ("xcomp", "conj", "ccomp") and head.head is not head:
        head = head.head
        if _negated(head) or _modal(head):
            return True
    return any(t.lower_ == "request" and t.head.lower_ in ("on", "upon") for t in verb.subtree)


def _references_evidence(
    letter: Letter, reason: Reason, options: EvidenceNotReferencedOptions
) -> bool:
    if _evidence_heading(letter, options):
        return True
    documents = options.document_nouns | {w for e in reason.evidence for w in phrase_words(e)}
    for token in letter.doc:
        if letter.in_quotes(token.idx, token.idx + len(token.text)):
            continue
        lemma = _lemma(token)
        # "Attached are…", "the enclosed invoice", "[Attachment 1: …]", "please find"
        if lemma in options.attachment_words or token.lower_ in options.attachment_words:
            verb = token if token.pos_ in ("VERB", "AUX") else token.head
            if token.pos_ in ("NOUN", "PROPN") or not _offered_or_denied(verb):
                return True
            continue
        if lemma == "find" and any(c.lower_ == "please" for c in token.children):
            return True
        # "we uploaded a new electricity bill", "we have provided the supplier invoices"
        if _fold(token.lower_) in documents or _fold(lemma) in documents:
            verb = token.head
            if token.dep_ == "compound":
                verb = token.head.head
            if token.dep_ in ("dobj", "nsubjpass", "conj") or token.head.dep_ in ("dobj", "nsubjpass"):
                while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
                    verb = verb.head
                allowed = options.provide_verbs
                if _is(token, options.image_nouns):
                    allowed = allowed - {"upload", "include"}
                if _is(verb, allowed) and not _offered_or_denied(verb):
                    return True
            if token.dep_ in ("nsubj", "attr") and any(
                c.lower_ == "here" for c in token.head.children
            ):
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
    wanted = reason.evidence_note or _join(list(reason.evidence[:4]))
    yield Hit(
        start=start,
        end=end,
        message=(
            f"The letter references no evidence. For {reason_label(reason)} Amazon typically "
            f"asks for {wanted}. Attach them and say so in the letter."
        ),
        suggestion=(
            "End with a 'Supporting documents' list that names each attachment, e.g. "
            "'Attachment 1: supplier invoice from <supplier>, <date>', with the relevant lines "
            "highlighted."
        ),
        values={"evidence": wanted},
    )


__all__ = [
    "EvidenceNotReferencedOptions",
    "IrrelevantContentOptions",
    "MetricNotCitedOptions",
    "NoOptions",
    "ReasonNotAddressedOptions",
    "evidence_not_referenced",
    "irrelevant_content",
    "metric_not_cited",
    "reason_not_addressed",
]
