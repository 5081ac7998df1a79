"""A cold check loads only what it needs (issue 14): the infix expression with full-width
marks is compiled only for a text that has one, and gives the tokens the eager one gives."""

from __future__ import annotations

from typing import Any

from spacy.util import compile_infix_regex

from poa_lint.nlp import FULL_WIDTH_PUNCTUATION, _LazyInfixes

from .conftest import CORPUS

FULL_WIDTH = [
    "We contacted the distributor，and we will check every order。This store is ours.",
    "Root cause：the label（size）was wrong！Why？We fixed it、all of it；「done」",
    "No marks here, only (ASCII) punctuation: a-b, c/d, 5,000 and 3.5%.",
]


def test_lazy_infixes_give_the_tokens_of_the_eager_expression(nlp: Any) -> None:
    lazy = nlp.tokenizer.infix_finditer
    assert isinstance(lazy, _LazyInfixes)
    eager = compile_infix_regex(
        [*nlp.Defaults.infixes, rf"[{FULL_WIDTH_PUNCTUATION}]"]
    ).finditer
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    for text in [*texts, *FULL_WIDTH]:
        for word in text.split():
            assert [m.span() for m in lazy(word)] == [m.span() for m in eager(word)], word
    words = [t.text for t in nlp(FULL_WIDTH[0])]
    assert "，" in words and "。" in words and "distributor" in words


def test_the_tokenizer_is_set_up_as_before(nlp: Any) -> None:
    """Settings applied with the special cases set aside, and the infix expression made
    lazy, tokenize exactly as the tokenizer set up one setting at a time, eagerly."""
    import spacy
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    from poa_lint.nlp import LONG_RUN

    reference = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["ner"])
    tokenizer: Any = reference.tokenizer
    marks = rf"[{FULL_WIDTH_PUNCTUATION}]"
    defaults: Any = reference.Defaults
    tokenizer.infix_finditer = compile_infix_regex([*defaults.infixes, marks]).finditer
    tokenizer.prefix_search = compile_prefix_regex([*defaults.prefixes, marks]).search
    tokenizer.suffix_search = compile_suffix_regex([*defaults.suffixes, marks]).search
    original = tokenizer.token_match
    tokenizer.token_match = lambda text: len(text) > LONG_RUN or bool(
        original is not None and original(text)
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    specials = "Don't won't U.S. e.g. :) (a)b 5p.m. Mr. it's ain't gonna " + "(" * 300
    for text in [*texts, *FULL_WIDTH, specials]:
        assert [t.text for t in nlp.make_doc(text)] == [t.text for t in tokenizer(text)]


def _imports_textstat(code: str) -> bool:
    import subprocess
    import sys

    probe = code + "\nimport sys\nprint('textstat' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_textstat_loads_only_when_the_readability_rule_reaches_a_letter() -> None:
    """textstat pulls in NLTK (a tenth of a cold check): it is imported by POA404 when that
    rule is enabled and a letter is long enough to score, and not otherwise."""
    letter = str(CORPUS / "odr-04-long-no-metric.txt")
    read = f"text = open({letter!r}, encoding='utf-8').read()\nfrom poa_lint import lint\n"
    assert _imports_textstat(read + "lint(text)")
    assert not _imports_textstat(read + "lint(text, config={'ignore': ['POA404']})")
    assert not _imports_textstat(read + "lint('We refunded the buyer on 3 May.')")


def test_textstat_comes_without_nltk_and_nltk_still_works() -> None:
    """textstat imports NLTK for formulas POA404 does not use: after a check NLTK is not
    imported, and a program that uses NLTK itself still gets the whole package."""
    import subprocess
    import sys

    letter = str(CORPUS / "odr-04-long-no-metric.txt")
    code = (
        "import sys, types\n"
        "from poa_lint import lint\n"
        f"lint(open({letter!r}, encoding='utf-8').read())\n"
        "assert 'textstat' in sys.modules\n"
        "print('nltk' in sys.modules)\n"
        "import nltk\n"
        "print(bool(nltk.word_tokenize), type(nltk) is types.ModuleType)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]
