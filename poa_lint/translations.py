"""The message catalogue, for translators: extract, update, compile and check it with Babel.

    python -m poa_lint.translations extract   # poa_lint/locale/poa_lint.pot, from the sources
    python -m poa_lint.translations update    # merge the .pot into each language's .po
    python -m poa_lint.translations compile   # each .po into the .mo shipped in the wheel
    python -m poa_lint.translations check     # what is untranslated or wrong (also a test)

The message ids come from three kinds of source (``babel.cfg``): Python code (``N_()``,
``counted()`` and gettext-style calls), the rule catalogue and reason taxonomy
(``rules/*.yaml``, read by :func:`extract_rules`) and the web page's Jinja2 templates. It
is the standard gettext workflow, so ``pybabel`` works on the same files too (see
``docs/translating.md``). Babel is a development dependency: nothing poa-lint runs imports
this module.
"""

from __future__ import annotations

import gettext
import io
import string
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "poa_lint" / "locale"
TEMPLATE = LOCALE / "poa_lint.pot"
MAPPING = ROOT / "babel.cfg"
DOMAIN = "poa_lint"
#: Languages with a catalogue (English is the message ids themselves).
TRANSLATED = ("zh",)
#: Babel's default keywords plus ``counted(singular, plural, n)`` (poa_lint.texts).
EXTRA_KEYWORDS: dict[str, Any] = {"counted": (1, 2)}
#: Tags of the comments for translators that are copied into the catalogue.
COMMENT_TAGS = ("Translators:",)


# --------------------------------------------------------------------------------------------
# The Babel extractor for rules/*.yaml
# --------------------------------------------------------------------------------------------


def extract_rules(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method for the rule files and the reason taxonomy.

    Rule files give each rule's message, suggestion, rationale, the messages and suggestions
    of its pattern entries, and its name in words (the verdict names rules that way);
    ``reasons.yaml`` gives each reason's name, the same name as it reads inside a sentence,
    and its evidence note. Other data files (sections, synonyms, precision) hold vocabulary
    matched in English letters, which is never translated.
    """
    import yaml

    from .catalog import NON_RULE_FILES
    from .reasons import inline_name
    from .verdict import rule_title

    name = Path(getattr(fileobj, "name", "")).name
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if root is None:
        return
    if name == "reasons.yaml":
        for reason in _items(root, "reasons"):
            what = f"reason {_value(reason, 'id')}"
            title = _scalar(reason, "name")
            if title is not None:
                yield title[0], None, title[1], [f"{what}: its name, as in a list of reasons"]
                yield (
                    title[0],
                    None,
                    inline_name(title[1]),
                    [f"{what}: its name inside a sentence ('… the letter is about <name>')"],
                )
            evidence = _scalar(reason, "evidence_note")
            if evidence is not None:
                yield evidence[0], None, evidence[1], [f"{what}: the documents Amazon asks for"]
        return
    if name in NON_RULE_FILES:
        return
    for rule in _items(root, "rules"):
        code = _value(rule, "code")
        rule_name = _scalar(rule, "name")
        if rule_name is not None:
            yield (
                rule_name[0],
                None,
                rule_title(rule_name[1]),
                [f"{code}: the rule's name in words (the verdict lists rules by it)"],
            )
        for key, note in (
            ("message", "the finding's message; {placeholders} are filled in after translation"),
            ("suggestion", "the finding's suggestion"),
            ("rationale", "why the rule exists (poa-lint explain, the web page)"),
        ):
            found = _scalar(rule, key)
            if found is not None:
                yield found[0], None, found[1], [f"{code} {key}: {note}"]
        for entry in _items(rule, "patterns"):
            for key in ("message", "suggestion"):
                found = _scalar(entry, key)
                if found is not None:
                    yield (
                        found[0],
                        None,
                        found[1],
                        [
                            f"{code} {key} for one pattern; English words the letter should "
                            "use stay English"
                        ],
                    )


def _mapping_value(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == key:
            return value_node
    return None


def _items(node: Any, key: str) -> list[Any]:
    import yaml

    found = _mapping_value(node, key)
    return list(found.value) if isinstance(found, yaml.SequenceNode) else []


def _scalar(node: Any, key: str) -> tuple[int, str] | None:
    """(1-based line, text) of a string value, or None."""
    import yaml

    found = _mapping_value(node, key)
    if isinstance(found, yaml.ScalarNode) and isinstance(found.value, str) and found.value:
        return found.start_mark.line + 1, found.value
    return None


def _value(node: Any, key: str) -> str:
    found = _scalar(node, key)
    return found[1] if found else "?"


# --------------------------------------------------------------------------------------------
# Extract, update, compile, check
# --------------------------------------------------------------------------------------------


def extract() -> Catalog:
    """Every message id in the sources, as a Babel catalogue (the .pot)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    from ._version import __version__

    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))  # type: ignore[no-untyped-call]
    catalog = Catalog(
        project="poa-lint",
        version=__version__,
        msgid_bugs_address="https://github.com/poa-lint/poa-lint/issues",
        copyright_holder="poa-lint developers",
        charset="utf-8",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords={**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS},
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read_po(lang: str) -> Catalog:
    from babel.messages.pofile import read_po as babel_read_po

    with _po_path(lang).open("rb") as handle:
        return babel_read_po(handle, locale=lang, domain=DOMAIN)


def write_pot() -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, extract(), width=96, omit_header=False, sort_output=False)
    TEMPLATE.write_bytes(buffer.getvalue())


def update() -> None:
    """Merge the sources' message ids into each language's .po (new ids untranslated,
    changed ones marked fuzzy, vanished ones kept as obsolete)."""
    from babel.messages.pofile import write_po

    template = extract()
    for lang in TRANSLATED:
        catalog = read_po(lang)
        catalog.update(template, update_header_comment=False)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=96, sort_output=False, ignore_obsolete=True)
        _po_path(lang).write_bytes(buffer.getvalue())


def compile_catalogues() -> None:
    """Compile each .po into the .mo that poa_lint.i18n loads."""
    from babel.messages.mofile import write_mo

    for lang in TRANSLATED:
        catalog = read_po(lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        _mo_path(lang).write_bytes(buffer.getvalue())


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message fills in (``{{`` is a literal brace)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _ids(message: Any) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple) else (message.id,)


def _strings(message: Any) -> tuple[str, ...]:
    if isinstance(message.string, tuple | list):
        return tuple(message.string)
    return (message.string,)


def problems(
    lang: str,
    *,
    source: Catalog | None = None,
    translated: Catalog | None = None,
    compiled: bool = True,
) -> list[str]:
    """Everything wrong with a language's catalogue, one line each, naming the msgid:
    untranslated (missing, empty or fuzzy) messages, translations whose ``{placeholders}``
    differ from the English, and (``compiled``) a .mo that does not match the .po.
    ``source`` and ``translated`` default to the sources' messages and the language's .po."""
    source = source if source is not None else extract()
    translated = translated if translated is not None else read_po(lang)
    found: list[str] = []
    for message in source:
        if not message.id:
            continue
        key = _ids(message)
        entry = translated.get(message.id, context=message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
        strings = _strings(entry) if entry is not None else ()
        if entry is None or entry.fuzzy or not all(strings):
            state = "fuzzy" if entry is not None and entry.fuzzy else "no translation"
            found.append(f"{lang}: {state} for msgid {key[0]!r} ({where})")
            continue
        wanted = placeholders(key[0]) | (placeholders(key[1]) if len(key) > 1 else set())
        for text in strings:
            have = placeholders(text)
            if have != wanted:
                found.append(
                    f"{lang}: the translation of msgid {key[0]!r} ({where}) has the "
                    f"placeholders {sorted(have)}, the English {sorted(wanted)}: "
                    f"{text!r}"
                )
    if compiled:
        found.extend(_stale_mo(lang, read_po(lang)))
    return found


def _stale_mo(lang: str, catalog: Catalog) -> list[str]:
    """Whether the shipped .mo says what the .po says."""
    try:
        with _mo_path(lang).open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
    except OSError:
        missing = f"{lang}: {_mo_path(lang)} is missing"
        return [f"{missing}; run `python -m poa_lint.translations compile`"]
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = _ids(message)
        strings = _strings(message)
        if not all(strings):
            continue
        got: tuple[str, ...]
        want: tuple[str, ...]
        if len(key) > 1:
            got = tuple(compiled.ngettext(key[0], key[1], n) for n in (1, 2))
            want = (strings[0], strings[-1])
        else:
            got, want = (compiled.gettext(key[0]),), (strings[0],)
        if got != want:
            return [
                f"{lang}: {_mo_path(lang).name} is older than the .po (msgid {key[0]!r}); "
                "run `python -m poa_lint.translations compile`"
            ]
    return []


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "check"
    if command == "extract":
        write_pot()
    elif command == "update":
        write_pot()
        update()
    elif command == "compile":
        compile_catalogues()
    elif command == "check":
        found = [line for lang in TRANSLATED for line in problems(lang)]
        for line in found:
            print(line)
        print(f"{len(found)} problem(s)" if found else "every message is translated")
        return 1 if found else 0
    else:
        print(f"unknown command {command!r}; use extract, update, compile or check")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
