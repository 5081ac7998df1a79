"""POA203 unprofessional-tone: shouting, exclamation marks, emotion, pleading and slang.

A POA is a business letter, and Amazon asks for no emotive language. Capitals and "!" are
found from the text; emotion, pleas and hardship stories from the parse, because "we feel
terrible" is emotion but "we felt the box was too thin" is a finding, and "please find the
invoices attached" is a courtesy but "please give us another chance" is a plea. The
vocabulary lives in ``rules/tone.yaml`` (validated by :class:`UnprofessionalToneOptions`).

The check reads ``letter.doc`` only; it never parses. The engine drops hits inside quoted
text (``quotes: skip``), because a seller quoting Amazon's notice is not their voice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ..grammar import (
    SECOND_PERSON,
    dependents,
    has_auxiliary,
    is_first_person,
    is_negated,
    is_one_of,
    lemma_of,
    owned_by_first,
    subject_of,
)
from ..texts import N_
from ._tone_common import Found, WordListOptions, per_sentence, to_hits
from .base import Hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..letter import Letter


#: Lemmas :func:`_emotional` tests by name, besides its word lists.
_EMOTION_LEMMAS = frozenset(
    {
        "please", "chance", "opportunity", "help", "depend", "rely", "count", "lose", "only",
        "income", "livelihood",
    }
)  # fmt: skip


class UnprofessionalToneOptions(WordListOptions):
    """POA203 knobs and vocabulary.

    ``exclamation``: ``all`` flags every "!" (a POA is a business letter; Amazon asks for
    no emotive language, and even "Thank you!" reads as emotional to a reviewer),
    ``repeated`` flags only "!!" and longer runs, ``off`` ignores them.
    """

    exclamation: Literal["all", "repeated", "off"] = "all"
    caps_min_letters: int = 2
    heading_max_words: int = 10
    acronyms: frozenset[str]
    shouted_words: frozenset[str] = frozenset()
    status_words: frozenset[str] = frozenset()
    emotions: frozenset[str]
    emotive_adverbs: frozenset[str]
    pleading_verbs: frozenset[str]
    pleading_nouns: frozenset[str]
    dependents: frozenset[str]
    ruin_verbs: frozenset[str]
    livelihood_nouns: frozenset[str]
    lose_objects: frozenset[str]
    hardship_words: frozenset[str]
    distress_verbs: frozenset[str]
    informal_words: frozenset[str] = frozenset()
    informal_phrases: frozenset[str] = frozenset()

    @cached_property
    def informal_sequences(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The slang phrases as word sequences, indexed by their first word."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.informal_phrases:
            words = tuple(phrase.lower().split())
            if words:
                index.setdefault(words[0], []).append(words)
        return {first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in index.items()}

    @cached_property
    def emotion_triggers(self) -> frozenset[str]:
        """Every word one of :func:`_emotional`'s branches starts from: a token outside this
        set cannot be an emotion, a plea or a hardship story, so it is not examined."""
        return (
            self.emotions
            | self.emotive_adverbs
            | self.pleading_verbs
            | self.pleading_nouns
            | self.ruin_verbs
            | self.hardship_words
            | self.distress_verbs
            | _EMOTION_LEMMAS
        )


_CAPS_SUGGESTION = N_(
    "Write the words in normal case; capitals read as shouting. Keep capitals for acronyms "
    "such as ASIN or ODR and for headings."
)


_EXCLAMATION_SUGGESTION = N_("End the sentence with a full stop; a POA is a calm business letter.")


_EMOTION_SUGGESTION = N_(
    "Leave out feelings and hardship; state facts and actions, e.g. 'We have corrected the "
    "listing and added a daily check.'"
)


_PLEADING_SUGGESTION = N_(
    "Do not plead. Ask once, politely, at the end: 'We respectfully request the reinstatement "
    "of our selling privileges.'"
)


def unprofessional_tone(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[Hit]:
    """POA203: shouting, exclamation marks, emotion, pleading and hardship stories.

    Amazon asks for a factual letter without emotive language; consultants list "PLEASE give
    us a second chance" and "my family depends on this" among the reasons letters fail. Each
    offending sentence gets one hit, covering all its offending words, so the seller rewrites
    sentence by sentence. Emotions count only when the seller feels them ("we are
    devastated"); "the buyer was upset" is empathy. Sarcasm is not attempted: it cannot be
    read reliably from a parse.
    """
    found: list[Found] = []
    found.extend(_shouting(letter, options))
    if options.exclamation != "off":
        found.extend(_exclamations(letter, options))
    for token in letter.tokens_with(options.emotion_triggers):
        found.extend(_emotional(token, options))
    found.extend(_informal(letter, options))
    yield from to_hits(letter, per_sentence(found))


_INFORMAL_SUGGESTION = N_(
    "Use plain business language instead of slang, e.g. 'We made a serious mistake' rather "
    "than 'we screwed up big time'."
)


def _informal(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[Found]:
    """Slang and swearing: a listed word, or a listed phrase whose words match in order by
    form or lemma ("screwed up" is "screw up"). Quoted words are the buyer's or Amazon's."""
    doc = letter.doc
    lowers, lemmas = letter.lowers, letter.lemmas
    sequences = options.informal_sequences
    # only a listed word, or the first word of a listed phrase, can start a finding
    starts = options.informal_words | frozenset(sequences)
    for i in letter.indices_with(starts):
        lower, lemma = lowers[i], lemmas[i]
        if lower in options.informal_words or lemma in options.informal_words:
            token = doc[i]
            if not letter.in_quotes(token.idx, token.idx + len(token.text)):
                yield Found((token,), _INFORMAL_SUGGESTION)
            continue
        candidates = sequences.get(lower, ())
        if lemma != lower:
            candidates += sequences.get(lemma, ())
        for words in candidates:
            end = i + len(words)
            if end <= len(lowers) and all(
                lowers[i + k] == w or lemmas[i + k] == w for k, w in enumerate(words)
            ):
                first, last = doc[i], doc[end - 1]
                if not letter.in_quotes(first.idx, last.idx + len(last.text)):
                    yield Found((first, last), _INFORMAL_SUGGESTION)
                break


def _line_bounds(letter: Letter) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) for every paragraph, or every line when there is no map."""
    if letter.paragraphs:
        return [(p.start, p.end, p.kind == "heading") for p in letter.paragraphs]
    bounds = []
    offset = 0
    for line in letter.text.splitlines(keepends=True):
        bounds.append((offset, offset + len(line.rstrip("\r\n")), False))
        offset += len(line)
    return bounds


def _is_caps_word(token: Token, options: UnprofessionalToneOptions) -> bool:
    return _is_caps_text(token.text, options)


def _is_caps_text(text: str, options: UnprofessionalToneOptions) -> bool:
    if options.caps_min_letters > 0 and not text.isupper():
        return False  # the common case, answered by one string method
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= options.caps_min_letters
        and all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in text)
    )


#: Word classes that are never names or acronyms. A caps word tagged otherwise (noun, proper
#: noun, or a preposition used as a name part, as the tagger reads "SUNLIGHT brand lamps") is
#: taken for an acronym or a brand.
_SHOUTABLE_POS = frozenset(
    {"VERB", "AUX", "ADV", "PRON", "DET", "PART", "INTJ", "ADJ", "CCONJ", "SCONJ", "ADP"}
)


def _shouted(token: Token, options: UnprofessionalToneOptions) -> bool:
    if token.lower_ in options.acronyms:
        return False
    if token.dep_ in ("compound", "nmod", "appos") and token.pos_ not in ("ADJ", "VERB", "ADV"):
        return False
    if token.pos_ == "ADP":
        return token.dep_ in ("prep", "agent", "mark", "dative")
    return token.pos_ in _SHOUTABLE_POS


def _plain_word(token: Token, options: UnprofessionalToneOptions) -> bool:
    """Is a lone capitalised word a raised voice, not an acronym or a status?

    The tagger guesses at unknown all-caps tokens ("WIPO" comes out as a verb), and one word
    in capitals is as often data ("IN TRANSIT", "A TO Z", "OR 97210") or mild emphasis ("ship
    ALL orders") as it is shouting. On its own it counts only when it is one of the
    ``shouted-words`` ("NOT", "NEVER", "PLEASE", "URGENT") or an emotion word.
    """
    return token.lower_ in options.shouted_words or lemma_of(token) in options.emotions


def _repeated_caps_words(letter: Letter, caps: Sequence[int]) -> frozenset[str]:
    """Caps words (``caps``: their token indices) that are not function words and occur
    more than once: brand names.

    A trademark letter writes the brand the same way every time ("FROSTLYNE"); a seller who
    shouts rarely repeats the same unusual word.
    """
    counts: dict[str, int] = {}
    doc, texts = letter.doc, letter.texts
    for i in caps:
        if not doc[i].is_stop:
            counts[texts[i]] = counts.get(texts[i], 0) + 1
    return frozenset(word for word, n in counts.items() if n > 1)


def _data_words(letter: Letter, caps: Sequence[int]) -> frozenset[str]:
    """Caps words (``caps``: their token indices) that stand in a data line (a status
    column, a carrier): the same word in a sentence ("the tracking stopped at IN TRANSIT")
    is that data quoted, not shouting."""
    texts, offsets = letter.texts, letter.token_offsets
    return frozenset(texts[i] for i in caps if letter.in_data_line(offsets[i]))


def _name_like(token: Token, brands: frozenset[str]) -> bool:
    """Part of a name: a repeated caps brand, or next to a capitalised name word."""
    if token.text in brands:
        return True
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(n.is_title and n.pos_ == "PROPN" and not n.is_sent_start for n in neighbours)


def _shouting(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[Found]:
    """ALL-CAPS words in running text.

    Acronyms (ASIN, ODR, FBA, USPS …) are not shouting: the tagger reads them as proper nouns
    or nouns, and ``acronyms`` lists the ones it may misread. A caps noun counts only inside
    a run that also has a caps word of another kind ("SELL ONLY GENUINE PRODUCTS"), which
    keeps brand names in capitals quiet. A line entirely in capitals is a heading ("ROOT
    CAUSE") when it is short or has no verb; a long all-caps sentence is flagged as a whole.
    """
    texts, offsets = letter.texts, letter.token_offsets
    # each distinct word is tested once (a letter repeats its words)
    caps_words = {text for text in set(texts) if _is_caps_text(text, options)}
    if not caps_words:
        return  # no word in capitals anywhere: nothing can shout
    caps = [i for i, text in enumerate(texts) if text in caps_words]
    caps_at = [offsets[i] for i in caps]
    data = _data_words(letter, caps)
    brands = _repeated_caps_words(letter, caps) | data
    for start, end, heading in _line_bounds(letter):
        if heading or end <= start or letter.in_data_line(start):
            continue
        first = bisect_left(caps_at, start)
        if first == len(caps_at) or caps_at[first] >= end:
            continue  # no word in capitals in this line
        tokens = [t for t in letter.tokens_in(start, end) if not t.is_space]
        words = [t for t in tokens if any(ch.isalpha() for ch in t.text)]
        if not words:
            continue
        letters = [ch for t in words for ch in t.text if ch.isalpha()]
        if all(ch.isupper() for ch in letters) and len(letters) >= options.caps_min_letters:
            # A heading ("ROOT CAUSE", "WHY DID THIS HAPPEN?") has no verb, or is short and
            # does not end like a statement; "WE ARE NOT A COUNTERFEIT SELLER." is shouting.
            has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
            statement = tokens[-1].text in (".", "!") or "!" in tokens[-1].text
            # Amazon's own questions, copied in capitals, are headings however long.
            question = tokens[-1].text in ("?", "？", ":", "：")
            long_line = len(words) > options.heading_max_words and not question
            if has_verb and (statement or long_line):
                yield Found((words[0], words[-1]), _CAPS_SUGGESTION)
            continue
        run: list[Token] = []
        for token in [*tokens, None]:
            if token is not None and _is_caps_word(token, options):
                run.append(token)
                continue
            if token is not None and run and (token.is_punct and token.text not in ".!?;:"):
                continue
            shouted = [t for t in run if _shouted(t, options)]
            if all(t.text in data or t.lower_ in options.status_words for t in run):
                shouted = []  # a status ("IN TRANSIT", "DELIVERED"), as the system shows it
            if len(run) == 1 and shouted and not _plain_word(run[0], options):
                shouted = []  # a lone "WIPO" the tagger reads as a verb is an acronym
            if len(run) == 1 and shouted and _name_like(run[0], brands):
                shouted = []  # "FROSTLYNE" (a brand), "Halden Outdoor Supply AS" (a company)
            if shouted:
                yield Found((run[0], run[-1]), _CAPS_SUGGESTION)
            run = []


#: "!" and the full-width "！" that Chinese keyboards produce; "?" joins a run ("?!").
_BANGS = frozenset("!！")


_MARKS = frozenset("!！?？")


def _exclamations(letter: Letter, options: UnprofessionalToneOptions) -> Iterator[Found]:
    """Runs of exclamation marks ("!", "!!!", "?!"), one finding per run."""
    if not any(bang in letter.text for bang in _BANGS):
        return  # a run of marks is reported only when it holds a "!"
    run: list[Token] = []
    for token in [*letter.doc, None]:
        if token is not None and token.text and set(token.text) <= _MARKS:
            run.append(token)
            continue
        if run:
            bangs = sum(ch in _BANGS for t in run for ch in t.text)
            if bangs and (options.exclamation == "all" or bangs > 1):
                yield Found(tuple(run), _EXCLAMATION_SUGGESTION)
        run = []


def _feeler(token: Token) -> Token | None:
    """Who feels an emotion word: the subject of its clause ("we are devastated", "we feel
    so ashamed", "our team was shocked")."""
    head = token if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" else token.head
    if token.dep_ in ("acomp", "attr", "oprd", "xcomp", "conj", "ROOT", "advcl", "ccomp"):
        return subject_of(head)
    return None


def _asked_again(chance: Token) -> bool:
    """ "(We) ask for another chance / one more opportunity": the seller pleading for a new
    chance in so many words."""
    prep = chance.head
    if chance.dep_ != "pobj" or prep.lower_ != "for":
        return False
    verb = prep.head
    again = any(c.lower_ in ("another", "second", "last", "more", "new") for c in chance.subtree)
    subject = subject_of(verb)
    asked = lemma_of(verb) in ("ask", "beg", "plead", "pray", "hope", "wish", "request")
    return asked and again and (subject is None or is_first_person(subject))


def _is_request(verb: Token) -> bool:
    """An imperative or a "could you" request addressed to the reader ("give us a chance"),
    as opposed to a report ("Amazon did not give us a chance")."""
    if verb.pos_ != "VERB":
        return False
    subject = subject_of(verb)
    if subject is None:
        return verb.tag_ == "VB" and not any(c.dep_ == "aux" for c in verb.children)
    return subject.lower_ in SECOND_PERSON and has_auxiliary(
        verb, ("can", "could", "would", "will")
    )


def _emotional(token: Token, options: UnprofessionalToneOptions) -> Iterator[Found]:
    lemma = lemma_of(token)
    # emotion the writer feels: "we are devastated", "I feel so ashamed"
    if is_one_of(token, options.emotions) and token.pos_ in ("ADJ", "VERB", "NOUN"):
        feeler = _feeler(token)
        ours = feeler is not None and (
            is_first_person(feeler)
            or (is_one_of(feeler, options.dependents) and owned_by_first(feeler))
        )  # "we", "our team", "my family" feel; "our sales were hurt" is not a feeling
        if ours and not is_negated(token.head) and not is_negated(token):
            yield Found((token,), _EMOTION_SUGGESTION)
            return
    if token.lower_ in options.emotive_adverbs:
        yield Found((token,), _EMOTION_SUGGESTION)
        return
    # pleading: "we beg you", "begging for another chance", "have mercy"
    if is_one_of(token, options.pleading_verbs) and token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is None or is_first_person(subject):
            yield Found((token,), _PLEADING_SUGGESTION)
            return
    if is_one_of(token, options.pleading_nouns):
        yield Found((token,), _PLEADING_SUGGESTION)
        return
    if lemma == "please":
        # "please, please reinstate us": one "please" is politeness, a repeated one pleads
        repeats = [t for t in token.doc[token.i + 1 : token.i + 3] if t.lower_ == "please"]
        if repeats:
            yield Found((token, *repeats), _PLEADING_SUGGESTION)
            return
    chance = lemma in ("chance", "opportunity")
    if chance and _asked_again(token):
        # "we repeatedly ask for another opportunity", "we beg for one more chance"
        yield Found((token.head.head, token.head, token), _PLEADING_SUGGESTION)
        return
    if (chance or lemma == "help") and _is_request(token.head if chance else token):
        # "please give us one more chance", "please help us"
        verb = token.head if chance else token
        asks = lemma == "help" or (token.dep_ == "dobj" and lemma_of(verb) == "give")
        for_us = any(c.dep_ in ("dative", "dobj") and is_first_person(c) for c in verb.children)
        if asks and for_us:
            yield Found((verb, token), _PLEADING_SUGGESTION)
            return
    # hardship: "my family depends on this", "our employees rely on this account"
    counts_on = lemma == "count" and any(c.lower_ == "on" for c in token.children)
    if (lemma in ("depend", "rely") or counts_on) and token.pos_ == "VERB":
        # ("our staff only counted the quantity" is no hardship: only "count on" is)
        subject = subject_of(token)
        if subject is not None and is_one_of(subject, options.dependents):
            yield Found((subject, token), _EMOTION_SUGGESTION)
            return
    # "this is killing our business", "it will ruin my life"
    if is_one_of(token, options.ruin_verbs) and token.pos_ == "VERB" and not is_negated(token):
        for obj in dependents(token, "dobj"):
            if is_one_of(obj, options.livelihood_nouns):
                yield Found((token, obj), _EMOTION_SUGGESTION)
                return
    # "we will lose everything", "our staff will lose their jobs"
    if lemma == "lose" and token.pos_ == "VERB" and not is_negated(token):
        subject = subject_of(token)
        if is_first_person(subject) or (
            subject is not None and is_one_of(subject, options.dependents)
        ):
            for obj in dependents(token, "dobj"):
                if is_one_of(obj, options.lose_objects):
                    yield Found((token, obj), _EMOTION_SUGGESTION)
                    return
    if is_one_of(token, options.hardship_words):
        # "we will go bankrupt", "sleepless nights", "our only source of income"
        yield Found((token,), _EMOTION_SUGGESTION)
        return
    if lemma == "only" and token.dep_ == "amod" and lemma_of(token.head) in ("source", "income"):
        yield Found((token, token.head), _EMOTION_SUGGESTION)  # "our only source of income"
        return
    if lemma in ("income", "livelihood") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    ):
        yield Found((token,), _EMOTION_SUGGESTION)  # "we have no other income"
        return
    # "I can't sleep", "we cried", "I have not eaten"
    if is_one_of(token, options.distress_verbs) and token.pos_ == "VERB":
        subject = subject_of(token)
        negated = is_negated(token)
        if is_first_person(subject) and (negated or lemma in ("cry", "weep")):
            yield Found((token,), _EMOTION_SUGGESTION)
