"""Read Amazon's notice: the reason(s) it states and the items a letter must address.

The notice is Amazon's text, pasted by the seller (``--notice FILE`` or ``notice=``). We pull
out what a reviewer will check the letter against: ASINs, order IDs, metric values and the
policies or reasons it names. Plain regular expressions suffice: notices are formulaic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .reasons import Reason, Taxonomy, load_taxonomy
from .texts import N_, Template, message

ASIN_RE = re.compile(r"\b(?:B0[0-9A-Z]{8}|\d{9}[\dX])\b")
ORDER_ID_RE = re.compile(r"\b\d{3}-\d{7}-\d{7}\b")
PERCENT_RE = r"(\d{1,3}(?:[.,]\d+)?)\s?%"
# Each word of a policy's name is bounded ({0,40}): with a bare [\w-]* every capital letter
# of "A-A-A-…" started a scan to the end of the text, so 100,000 characters took 43 s.
POLICY_RE = re.compile(
    r"\b((?:[A-Z][\w-]{0,40}\s){0,4}(?:[Pp]olicy|[Pp]olicies|Guidelines|Agreement))\b"
)
_POLICY_NOISE = frozenset(
    {"policy", "policies", "guidelines", "agreement", "our policy", "this policy"}
)

ItemKind = Literal["asin", "order", "metric", "policy"]


@dataclass(frozen=True)
class NoticeItem:
    """One thing the notice names that the letter should address."""

    kind: ItemKind
    value: str
    label: str

    def describe(self) -> str:
        """The item as a message names it, in English: ``ASIN B07XJ8C8F5``, ``order 113-…``."""
        phrase = self.phrase()
        return phrase if isinstance(phrase, str) else phrase.english()

    def phrase(self) -> str | Template:
        """The item as a message names it, for any language: an ASIN or order in a template;
        a metric or policy in the notice's own (English) words."""
        if self.kind == "asin":
            return message(N_("ASIN {asin}"), asin=self.value)
        if self.kind == "order":
            return message(N_("order {order}"), order=self.value)
        if self.kind == "metric":
            return f"{self.label} ({self.value})"
        return self.label


@dataclass(frozen=True)
class Notice:
    text: str
    reasons: tuple[Reason, ...]
    items: tuple[NoticeItem, ...]


@cache
def _phrase_re(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])", re.IGNORECASE)


#: A run of letters and digits: what a name's words and a text are both cut into.
_RUN = re.compile(r"[^\W_]+")


@cache
def _runs_of(phrase: str) -> frozenset[str]:
    return frozenset(_RUN.findall(phrase.lower()))


def find_reasons(text: str, taxonomy: Taxonomy) -> list[Reason]:
    """Reasons whose names occur in ``text``, most mentioned first (ties: taxonomy order).

    Every letter checked without a stated reason goes through here, against every name of
    every reason; a name one of whose runs of letters and digits is not a run of the text
    cannot match (the name's expression puts a non-word character or a joiner around each
    of its words), so its expression is not run (most are not: issues 6 and 14; "order"
    and "late" are in most letters, "order defect rate" in few). The text's runs are a set
    built once, where a substring search per word walked the text 200 times."""
    runs = frozenset(_RUN.findall(text.lower()))
    scored = []
    for order, reason in enumerate(taxonomy.reasons):
        count = sum(
            len(_phrase_re(name).findall(text)) for name in reason.names if _runs_of(name) <= runs
        )
        if count:
            scored.append((-count, order, reason))
    return [r for _, _, r in sorted(scored, key=lambda t: (t[0], t[1]))]


def parse_notice(text: str) -> Notice:
    taxonomy = load_taxonomy()
    items: list[NoticeItem] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: ItemKind, value: str, label: str) -> None:
        key = (kind, value.lower())
        if key not in seen:
            seen.add(key)
            items.append(NoticeItem(kind=kind, value=value, label=label))

    for match in ASIN_RE.finditer(text):
        add("asin", match.group(0), "ASIN")
    for match in ORDER_ID_RE.finditer(text):
        add("order", match.group(0), "order")
    for reason in taxonomy.reasons:
        if reason.metric is None:
            continue
        for name in reason.metric.names:
            # "Order Defect Rate (60 days): 2.3%" — skip a parenthesis, then a short gap.
            pattern = re.compile(
                _phrase_re(name).pattern + r"(?:\s*\([^)\n]{0,30}\))?[^\d%\n]{0,30}?" + PERCENT_RE,
                re.IGNORECASE,
            )
            for match in pattern.finditer(text):
                add("metric", match.group(1) + "%", reason.metric.names[0])
    for match in POLICY_RE.finditer(text):
        label = match.group(1).strip()
        if label.lower() not in _POLICY_NOISE and not label.lower().startswith(
            ("our ", "this ", "the ")
        ):
            add("policy", label, label)
    return Notice(text=text, reasons=tuple(find_reasons(text, taxonomy)), items=tuple(items))
