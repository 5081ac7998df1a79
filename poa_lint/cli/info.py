"""The commands that explain poa-lint itself: ``rules``, ``explain``, ``reasons`` and
``new`` (an outline to start a letter from). None of them imports spaCy."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from ..errors import PoaLintError
from ..i18n import DEFAULT, Translator
from ..texts import N_, message
from .common import fail, lang_option, language, main

if TYPE_CHECKING:
    from ..catalog import Rule


def _summary(rule: Rule, tr: Translator) -> str:
    """The first sentence of a rule's rationale, in the reader's language."""
    text = " ".join(tr.gettext(rule.rationale).split())
    ends = [i for i in (text.find(". "), text.find("。")) if i != -1]
    return text[: min(ends) + 1] if ends else text


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def _wrap(text: str, tr: Translator, width: int = 88) -> str:
    """Wrap a paragraph at ``width`` terminal columns. Chinese has no spaces to break at: it
    breaks between any two characters (an English word stays whole), and never puts
    closing punctuation at the start of a line."""
    if tr.lang == DEFAULT:
        return click.wrap_text(text, width=width)
    import re
    import unicodedata

    def columns(piece: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in piece)

    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[A-Za-z0-9'`\-.,:;/_%]+\s*|\S\s*|\s+", text):
        closing = piece[0] in "，。、；：！？）」』”’》…"
        if line and columns(line + piece.rstrip()) > width and not closing:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


@main.command("rules")
@click.option(
    "--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text"
)
@lang_option
def rules_command(output_format: str, lang: str | None) -> None:
    """List every rule: code, name, category, default severity."""
    from ..catalog import load_catalog
    from ..i18n import CATEGORY_WORDS, SEVERITY_WORDS
    from ..verdict import rule_title

    tr = language(lang)
    catalog = load_catalog()
    if output_format == "json":
        # codes, names and values stay English (they are identifiers); the summary is prose
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.value,
                "summary": _summary(r, tr),
                "link": r.link,
            }
            for r in catalog.rules
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max((len(r.name) for r in catalog.rules), default=10)
    if tr.lang == DEFAULT:
        click.echo(f"{'CODE':<7} {'NAME':<{width}} {'CATEGORY':<12} {'SEVERITY':<8}")
        for r in catalog.rules:
            click.echo(
                f"{r.code:<7} {r.name:<{width}} {r.category.value:<12} {r.severity.value:<8}"
            )
        return
    heads = [
        tr.gettext(h)
        for h in (N_("CODE"), N_("NAME"), N_("CATEGORY"), N_("SEVERITY"), N_("WHAT IT FINDS"))
    ]
    click.echo(
        f"{_pad(heads[0], 7)} {_pad(heads[1], width)} {_pad(heads[2], 12)} "
        f"{_pad(heads[3], 8)} {heads[4]}"
    )
    for r in catalog.rules:
        click.echo(
            f"{r.code:<7} {r.name:<{width}} "
            f"{_pad(tr.word(CATEGORY_WORDS, r.category.value), 12)} "
            f"{_pad(tr.word(SEVERITY_WORDS, r.severity.value), 8)} "
            f"{tr.gettext(rule_title(r.name))}"
        )


@main.command()
@click.argument("code_or_name")
@lang_option
def explain(code_or_name: str, lang: str | None) -> None:
    """Explain a rule: why it exists, how to fix it, examples."""
    from ..catalog import load_catalog
    from ..i18n import CATEGORY_WORDS, SEVERITY_WORDS

    tr = language(lang)
    rule = load_catalog().find(code_or_name)
    if rule is None:
        fail(
            message(
                N_("no rule called {name}; `poa-lint rules` lists them"), name=repr(code_or_name)
            ),
            tr,
        )
        return
    from ..precision import measured_precision

    click.echo(
        tr(
            N_("{code} {name} ({category}, default severity {severity})"),
            code=rule.code,
            name=rule.name,
            category=tr.word(CATEGORY_WORDS, rule.category.value),
            severity=tr.word(SEVERITY_WORDS, rule.severity.value),
        )
    )
    measured = measured_precision().get(rule.code)
    click.echo(
        tr(
            N_("Measured precision on letters it was not tuned on: {precision}"),
            precision=tr.render(measured.template()) if measured else tr.gettext("not measured"),
        )
    )
    click.echo("")
    click.echo(_wrap(" ".join(tr.gettext(rule.rationale).split()), tr))
    if rule.options:
        click.echo("")
        click.echo(tr(N_("Options (set under [tool.poa-lint.rules.{name}]):"), name=rule.name))
        for key, value in rule.options.items():
            click.echo(f"  {key} = {json.dumps(value)}")
    click.echo("")
    # The examples are letters, and letters are written in English: never translated.
    for heading, mark, examples in (
        (tr.gettext("Flagged:"), "✗", rule.examples.bad),
        (tr.gettext("Fine:"), "✓", rule.examples.good),
    ):
        click.echo(heading)
        for example in examples:
            text = " ".join(example.text.split())
            indent = f"  {mark} "
            click.echo(click.wrap_text(text, 88, initial_indent=indent, subsequent_indent="    "))
    click.echo("")
    click.echo(tr(N_("More: {link}"), link=rule.link))


@main.command()
@lang_option
def reasons(lang: str | None) -> None:
    """List the suspension reasons that --reason accepts."""
    from ..reasons import load_taxonomy

    tr = language(lang)
    for reason in load_taxonomy().reasons:
        # metric names and targets stay English: the letter must name them in English
        metric = f" — {reason.metric.names[0]} {reason.metric.target}" if reason.metric else ""
        click.echo(f"{_pad(reason.id, 17)} {tr.gettext(reason.name)}{metric}")


@main.command()
@click.option("--reason", "-r", metavar="ID", help="Suspension reason id (see `poa-lint reasons`).")
@lang_option
def new(reason: str | None, lang: str | None) -> None:
    """Print an outline to start a letter from: the three parts, with prompts for the reason."""
    from ..outline import outline

    tr = language(lang)
    chosen = None
    if reason:
        from ..reasons import resolve_reason

        try:
            chosen = resolve_reason(reason)
        except PoaLintError as exc:
            fail(exc.template, tr)
            return
    click.echo(outline(chosen, tr), nl=False)
