"""Messages before they are put into words, so that each reader gets them in their language.

A check says what is wrong as a :class:`Template`: an English sentence with ``{placeholders}``
(its gettext *msgid*) and the values that fill them. A value is either text shown as it is
(words quoted from the letter, numbers, codes, file names) or another template (the name of
a part of the letter, a suspension reason, a list of topics), which is translated as well.
The engine words every template in English for ``Finding.message``, so the API's output is
English; :mod:`poa_lint.i18n` words the same template in another language for a reader who
asked for one, from the report or from the cache, without checking the letter again.

Nothing here imports pydantic or gettext: the checks, the errors and a cached run all
use it. Strings that are message ids are wrapped in :func:`N_` so that ``pybabel
extract`` finds them (see ``babel.cfg`` and ``docs/translating.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


def N_(message: str) -> str:
    """Mark ``message`` as a message id for extraction; returns it unchanged (gettext_noop)."""
    return message


@dataclass(frozen=True)
class Template:
    """An English message with ``{placeholders}`` and the values that fill them.

    ``plural`` is the English plural form, chosen when ``count`` is not 1 (gettext's
    ``msgid_plural``; other languages have their own rules). Templates are immutable and
    hashable, so findings that carry them can still be compared and put in sets.
    """

    id: str
    args: Mapping[str, str | Template] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.args.items())), self.plural, self.count))

    def english(self) -> str:
        """The message worded in English (the msgids themselves)."""
        return render(self, None)


#: Looks up the pattern to use for a message: (msgid, msgid_plural, count) → pattern.
Lookup = Callable[[str, "str | None", "int | None"], str]


class _Keep(dict[str, str]):
    """Format values where a placeholder without a value stays as it is written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: Template, lookup: Lookup | None) -> str:
    """Word ``template``: look its pattern up (``None``: English), word the values that are
    templates themselves, then fill the placeholders. A placeholder with no value is left as
    ``{name}``, so a message never fails to print."""
    if lookup is not None:
        pattern = lookup(template.id, template.plural, template.count)
    elif template.plural is not None and template.count != 1:
        pattern = template.plural
    else:
        pattern = template.id
    values = _Keep(
        {
            name: value if isinstance(value, str) else render(value, lookup)
            for name, value in template.args.items()
        }
    )
    return pattern.format_map(values)


def as_template(message: str | Template, values: Mapping[str, object] | None = None) -> Template:
    """A template for a check's message: a string is its own msgid; ``values`` that are not
    templates are shown as they are (numbers in their ``str`` form)."""
    if isinstance(message, Template):
        return message
    return Template(message, _arguments(values or {}))


def _arguments(values: Mapping[str, object]) -> dict[str, str | Template]:
    return {
        name: value if isinstance(value, str | Template) else str(value)
        for name, value in values.items()
    }


def message(msgid: str, **values: object) -> Template:
    """``message(N_("is {size}, over the limit"), size="6 MB")``: a template in one call."""
    return Template(msgid, _arguments(values))


def counted(singular: str, plural: str, count: int, **values: object) -> Template:
    """A message with an English singular and plural form, chosen by ``count`` (which also
    fills ``{count}``). Not wrapped in :func:`N_`: ``pybabel extract -k counted:1,2`` reads
    both forms into one plural entry (see ``poa_lint/translations.py``)."""
    return Template(singular, _arguments({"count": count, **values}), plural=plural, count=count)


def join(items: Sequence[str | Template]) -> str | Template:
    """``a``, ``a and b``, ``a, b and c``, as templates, so each language joins its own way
    (Chinese: ``a、b和c``)."""
    if len(items) < 2:
        return items[0] if items else ""
    return Template(N_("{first} and {last}"), {"first": listing(items[:-1]), "last": items[-1]})


def listing(items: Sequence[str | Template]) -> str | Template:
    """``a, b, c``: a list without a final "and" (the verdict's list of rules)."""
    return _chained(items, N_("{first}, {second}"))


def sentences(items: Sequence[str | Template]) -> str | Template:
    """Several sentences of advice in a row (English puts a space between them, Chinese
    does not)."""
    return _chained(items, N_("{first} {second}"))


def _chained(items: Sequence[str | Template], pair: str) -> str | Template:
    """The items joined two by two with the message ``pair`` (``{first}``, ``{second}``)."""
    if not items:
        return ""
    head = items[0]
    for item in items[1:]:
        head = Template(pair, {"first": head, "second": item})
    return head


__all__ = [
    "N_",
    "Lookup",
    "Template",
    "as_template",
    "counted",
    "join",
    "listing",
    "message",
    "render",
    "sentences",
]
