"""Every regular expression poa-lint runs, and adversarial inputs to time each one on.

Issue 11, item 3: ``notice.POLICY_RE`` took 43 s on 100,000 characters of ``"A-"`` (each
start position scanned the rest of the text, then backtracked). This module finds *every*
pattern so that ``test_regex_linear.py`` can prove each one linear:

* compiled patterns held by any module of ``poa_lint`` (module globals, and tuples, lists,
  dicts and class attributes one level down);
* the ``REGEX`` token patterns of ``rules/*.yaml``;
* patterns built at run time from data (reason names, section cues, metric targets, a
  notice's policy labels), produced by the same functions the checks call;
* string literals passed to ``re.search``/``re.findall``/... inside functions.

A scan of the source (:func:`call_sites`) lists every ``re.*`` call; one whose pattern is
neither a literal nor a module-level compile must be listed in :data:`DYNAMIC`, so a new
regex cannot escape the audit.

Adversarial inputs are pumped strings: each character the pattern mentions (and a few
usual suspects), each ordered pair of them, and each literal word of the pattern, repeated
to the wanted length. Quadratic behaviour comes from a pattern that can run far from
every start position and then fail; repeating one or two of its own characters is what
makes it run far (``"A-"`` for ``[A-Z][\\w-]*\\s``).
"""

from __future__ import annotations

import ast
import gc
import importlib
import itertools
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

import poa_lint

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

PACKAGE = Path(poa_lint.__file__).resolve().parent
RULES = PACKAGE.parent / "rules"
RE_CALLS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
)


@dataclass(frozen=True)
class Audited:
    """One pattern under audit and where it comes from (for the failure message).

    ``anchored`` patterns are only ever used with ``.match``/``.fullmatch`` (one attempt at
    the start of a line or sentence), so they are timed that way; every other pattern is
    timed the costliest way, a full ``finditer`` scan (an attempt at every position)."""

    origin: str
    pattern: re.Pattern[str]
    anchored: bool = False


# ------------------------------------------------------------------------------------------
# collecting the patterns
# ------------------------------------------------------------------------------------------


def _modules() -> Iterator[Any]:
    yield poa_lint
    for info in pkgutil.walk_packages(poa_lint.__path__, "poa_lint."):
        yield importlib.import_module(info.name)


def _held(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _held(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)


def _methods_used() -> dict[str, set[str]]:
    """For each name, the methods called on it anywhere in the package (``X.match(...)``,
    ``module.X.finditer(...)``), and ``"?"`` when it is used any other way (passed on,
    stored, aliased), which forces the strict, every-position timing."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
                if name is not None:
                    used.setdefault(name, set()).add(node.func.attr)
                    called.add(id(owner))
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.Attribute):
                name = node.attr
            if name is not None and id(node) not in called and isinstance(node.ctx, ast.Load):
                used.setdefault(name, set()).add("?")
    return used


def module_patterns() -> list[Audited]:
    used = _methods_used()
    found: list[Audited] = []
    for module in _modules():
        for name, value in vars(module).items():
            owner_ok = getattr(value, "__module__", module.__name__) == module.__name__
            if isinstance(value, type) and owner_ok:
                for attr, member in vars(value).items():
                    found += [Audited(f"{module.__name__}.{name}.{attr}", p) for p in _held(member)]
            elif isinstance(value, re.Pattern):
                anchored = bool(used.get(name)) and used[name] <= {"match", "fullmatch"}
                found += [Audited(f"{module.__name__}.{name}", p, anchored) for p in _held(value)]
            else:
                found += [Audited(f"{module.__name__}.{name}", p) for p in _held(value)]
    return found


def _yaml_regexes(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "REGEX" and isinstance(value, str):
                yield value
            else:
                yield from _yaml_regexes(value)
    elif isinstance(data, list):
        for item in data:
            yield from _yaml_regexes(item)


def yaml_patterns() -> list[Audited]:
    found = []
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in _yaml_regexes(data):
            found.append(Audited(f"rules/{path.name}: REGEX {source!r}", re.compile(source)))
    return found


class _Recorder:
    """Stands in for a module's ``re`` while one of its functions runs, and records every
    pattern the function compiles or searches with (built from data at run time)."""

    _FLAGS_AT: ClassVar[dict[str, int]] = {
        **dict.fromkeys(("search", "match", "fullmatch", "findall", "finditer"), 2),
        **{"split": 3, "sub": 4, "subn": 4, "compile": 1},
    }

    def __init__(self) -> None:
        self.seen: list[re.Pattern[str]] = []

    def __getattr__(self, name: str) -> Any:
        real = getattr(re, name)
        if name not in self._FLAGS_AT:
            return real

        def call(pattern: Any, *args: Any, **kwargs: Any) -> Any:
            at = self._FLAGS_AT[name] - 1
            flags = kwargs.get("flags", args[at] if len(args) > at else 0)
            self.seen.append(
                pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
            )
            return real(pattern, *args, **kwargs)

        return call


def _recorded(module: Any, run: Callable[[], object]) -> list[re.Pattern[str]]:
    recorder = _Recorder()
    saved = module.re
    module.re = recorder
    try:
        run()
    finally:
        module.re = saved
    return recorder.seen


SAMPLE_NOTICE = (
    "Your account has been deactivated. Order Defect Rate (60 days): 2.3% (target: under 1%). "
    "Late Shipment Rate: 6%. Pre-fulfillment Cancel Rate 3.1%. Valid Tracking Rate: 91%. "
    "You violated the Restricted Products Policy and the Amazon Seller Code of Conduct. "
    "ASIN B07XJ8C8F5, order 113-1234567-1234567. Intellectual Property Policy."
)


def _notice_patterns() -> Iterator[re.Pattern[str]]:
    from poa_lint import notice
    from poa_lint.reasons import load_taxonomy

    for reason in load_taxonomy().reasons:
        for name in (*reason.names, *(reason.metric.names if reason.metric else ())):
            yield notice._phrase_re.__wrapped__(name)
    yield from _recorded(notice, lambda: notice.parse_notice(SAMPLE_NOTICE))


def _section_patterns() -> Iterator[re.Pattern[str]]:
    from poa_lint import section_cues
    from poa_lint.sections import roles

    for _, strong, weak in section_cues.heading_cues.__wrapped__():
        yield strong  # per part kind: its strong cues and its weak ones
        if weak is not None:
            yield weak
    yield from roles._markers.__wrapped__()


def _metric_targets() -> Iterator[re.Pattern[str]]:
    from poa_lint.checks.metric_not_cited import target_pattern
    from poa_lint.reasons import load_taxonomy

    targets = ["under 2.5%", "below 4%", "less than 10 %", "95 percent", "above 99%"]
    targets += [r.metric.target for r in load_taxonomy().reasons if r.metric is not None]
    for target in targets:
        pattern = target_pattern(target)
        if pattern is not None:
            yield pattern


def _notice_item_checks() -> Iterator[re.Pattern[str]]:
    """The patterns POA603 builds from a notice's metric and policy labels."""
    from poa_lint import notice
    from poa_lint.checks import notice_item_not_addressed as check

    labels = [item.label for item in notice.parse_notice(SAMPLE_NOTICE).items]
    labels += ["Restricted Products Policy", "A-to-z Guarantee", "Order Defect Rate"]
    for label in labels:
        yield from _recorded(check, lambda label=label: check._mentions_phrase("", label))
        yield from _recorded(check, lambda label=label: check._mentions_policy("", label))


def _attribute_ruler_patterns() -> Iterator[re.Pattern[str]]:
    """The model's attribute-ruler REGEX patterns, as attribute_rules.py compiles them
    (spaCy's Matcher ran the same expressions on every token before)."""
    from poa_lint.nlp import load_pipeline

    ruler = load_pipeline().get_pipe("attribute_ruler")
    for token in (t for p in ruler.match._patterns for t in p[2]):
        for _, search in token.regexes:
            yield search.__self__


def _pattern_gates() -> Iterator[re.Pattern[str]]:
    """The first-token REGEX gates pattern_gate.py compiles from the catalogue's token
    patterns (run over a letter's distinct words to decide whether a pattern can match)."""
    from poa_lint.catalog import load_catalog
    from poa_lint.pattern_gate import gate_for

    for rule in load_catalog().rules:
        for entry in (*rule.patterns, *rule.exceptions):
            gate = gate_for(entry.pattern) if entry.pattern is not None else None
            if gate is not None and gate.search is not None:
                yield gate.search.__self__


def _amazon_name_words() -> Iterator[re.Pattern[str]]:
    """POA202's search for any word of Amazon's names inside a token (criticizes_amazon.py
    builds it from the rule's options: escaped literals joined by "|")."""
    from poa_lint.batch import Checker
    from poa_lint.checks.criticizes_amazon import _any_of
    from poa_lint.config import Config

    for active in Checker().rules_for(Config(), None):
        if active.rule.code == "POA202":
            search = _any_of.__wrapped__(active.options.name_words)  # type: ignore[union-attr]
            yield search.__self__  # type: ignore[attr-defined]


DYNAMIC: dict[tuple[str, str], Callable[[], Iterator[re.Pattern[str]]]] = {
    ("checks/criticizes_amazon.py", "_any_of"): _amazon_name_words,
    ("attribute_rules.py", "__init__"): _attribute_ruler_patterns,
    ("pattern_gate.py", "gate_for"): _pattern_gates,
    ("notice.py", "_phrase_re"): _notice_patterns,
    ("notice.py", "parse_notice"): _notice_patterns,
    ("section_cues.py", "phrase_pattern"): _section_patterns,
    ("checks/metric_not_cited.py", "target_pattern"): _metric_targets,
    ("checks/notice_item_not_addressed.py", "_mentions_phrase"): _notice_item_checks,
    ("checks/notice_item_not_addressed.py", "_mentions_policy"): _notice_item_checks,
}
"""Functions that build a pattern from data, keyed by (file, function), with what yields
every pattern they build for the shipped rules (and a sample notice): the real functions
run, with their module's ``re`` recording what they compile."""


def dynamic_patterns() -> list[Audited]:
    found: list[Audited] = []
    seen: set[Callable[[], Iterator[re.Pattern[str]]]] = set()
    for (file, function), build in DYNAMIC.items():
        if build in seen:
            continue
        seen.add(build)
        found += [Audited(f"{file}:{function} -> {p.pattern[:60]!r}", p) for p in build()]
    return found


@dataclass(frozen=True)
class CallSite:
    file: str
    line: int
    function: str | None
    """The enclosing function, or None at module level."""
    literal: str | None
    """The pattern when it is written as a string literal, else None."""
    flags: int
    method: str
    """``search``, ``match``, ``compile``, ..."""


def _flags(node: ast.Call) -> int:
    value = 0
    for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
        for sub in ast.walk(arg):
            if (
                isinstance(sub, ast.Attribute)
                and isinstance(sub.value, ast.Name)
                and sub.value.id == "re"
                and isinstance(getattr(re, sub.attr, None), re.RegexFlag)
            ):
                value |= int(getattr(re, sub.attr))
    return value


def call_sites() -> list[CallSite]:
    """Every ``re.<function>(...)`` call in the package's source."""
    sites: list[CallSite] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(PACKAGE).as_posix()

        def visit(node: ast.AST, function: str | None, rel: str = rel) -> None:
            for child in ast.iter_child_nodes(node):
                inner = function
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    inner = child.name
                if (
                    isinstance(child, ast.Call)
                    and isinstance(child.func, ast.Attribute)
                    and isinstance(child.func.value, ast.Name)
                    and child.func.value.id == "re"
                    and child.func.attr in RE_CALLS
                    and child.args
                ):
                    first = child.args[0]
                    literal = (
                        first.value
                        if isinstance(first, ast.Constant) and isinstance(first.value, str)
                        else None
                    )
                    sites.append(
                        CallSite(
                            rel, child.lineno, function, literal, _flags(child), child.func.attr
                        )
                    )
                visit(child, inner)

        visit(tree, None)
    return sites


def literal_patterns() -> list[Audited]:
    return [
        Audited(
            f"{s.file}:{s.line} {s.literal!r}",
            re.compile(s.literal, s.flags),
            anchored=s.method in ("match", "fullmatch"),
        )
        for s in call_sites()
        if s.literal is not None and s.function is not None
    ]


def unaudited_sites() -> list[CallSite]:
    """Calls inside functions whose pattern is built at run time and not in DYNAMIC."""
    return [
        s
        for s in call_sites()
        if s.literal is None and s.function is not None and (s.file, s.function) not in DYNAMIC
    ]


def all_patterns() -> list[Audited]:
    everything = module_patterns() + yaml_patterns() + dynamic_patterns() + literal_patterns()
    unique: dict[tuple[str, int], Audited] = {}
    for audited in everything:
        unique.setdefault((audited.pattern.pattern, audited.pattern.flags), audited)
    return list(unique.values())


# ------------------------------------------------------------------------------------------
# adversarial inputs
# ------------------------------------------------------------------------------------------

_USUAL = "aA0 -.\n"
_CATEGORY_SAMPLES = {
    "CATEGORY_WORD": "aA0_",
    "CATEGORY_NOT_WORD": " -",
    "CATEGORY_SPACE": " \n",
    "CATEGORY_NOT_SPACE": "a-",
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a ",
}


def _chars(parsed: Any, out: list[str]) -> None:
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "IN":
            for item_op, item in arg:
                item_name = str(item_op)
                if item_name == "LITERAL":
                    out.append(chr(item))
                elif item_name == "RANGE":
                    out += [chr(item[0]), chr(item[1])]
                elif item_name == "CATEGORY":
                    out += list(_CATEGORY_SAMPLES.get(str(item), ""))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars(arg[2], out)
        elif name == "SUBPATTERN":
            _chars(arg[-1], out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _chars(branch, out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _chars(arg[1], out)
        elif name == "ATOMIC_GROUP":
            _chars(arg, out)


def _words(parsed: Any, out: list[str]) -> None:
    """Runs of literal characters ('policy', 'please find') anywhere in the pattern."""
    run: list[str] = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if len(run) >= 2:
            out.append("".join(run))
        run = []
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _words(arg[2], out)
        elif name == "SUBPATTERN":
            _words(arg[-1], out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _words(branch, out)
        elif name == "ATOMIC_GROUP":
            _words(arg, out)
    if len(run) >= 2:
        out.append("".join(run))


def pumps(pattern: re.Pattern[str], max_chars: int = 14) -> list[str]:
    """The strings to repeat: single characters, ordered pairs, literal words."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    chars: list[str] = []
    _chars(parsed, chars)
    alphabet: list[str] = []
    for ch in [*chars, *_USUAL]:
        if ch not in alphabet:
            alphabet.append(ch)
    alphabet = alphabet[:max_chars]
    if pattern.flags & re.IGNORECASE:
        alphabet = list(dict.fromkeys([*alphabet, *(c.upper() for c in alphabet if c.isalpha())]))
    words: list[str] = []
    _words(parsed, words)
    found = [*alphabet, *("".join(p) for p in itertools.permutations(alphabet, 2))]
    for word in dict.fromkeys(words[:40]):
        found += [word, word + " ", word + "-", word.upper() + " "]
    return list(dict.fromkeys(found))


def pumped(pump: str, length: int) -> str:
    return (pump * (length // len(pump) + 1))[:length]


def run_time(audited: Audited, text: str, repeat: int) -> float:
    """Best of ``repeat`` timings: one ``match`` for an anchored pattern, else a full
    ``finditer`` scan (``search``, ``sub`` and ``split`` do no more). CPU time of this
    thread, not wall time: on a shared machine another process's burst is not ours."""
    pattern = audited.pattern
    best = float("inf")
    collecting = gc.isenabled()
    gc.disable()  # a collection during a scan of 100,000 matches is not the pattern's cost
    try:
        for _ in range(repeat):
            start = time.thread_time()
            if audited.anchored:
                pattern.match(text)
            else:
                for _match in pattern.finditer(text):
                    pass
            best = min(best, time.thread_time() - start)
    finally:
        if collecting:
            gc.enable()
    return best


SCREEN_LENGTH = 500


def worst_pumps(audited: Audited, count: int = 2) -> list[str]:
    """The pumps that cost most at a small length: a quadratic one stands out by far (at
    500 characters it does 250 times the work of a linear one)."""
    text_for = {p: pumped(p, SCREEN_LENGTH) for p in pumps(audited.pattern)}
    timed = sorted(((run_time(audited, t, 1), p) for p, t in text_for.items()), reverse=True)
    return [p for _, p in timed[:count]]


@dataclass(frozen=True)
class Growth:
    pump: str
    small: float
    large: float
    ratio: float
    sizes: tuple[int, int]


def growth(audited: Audited, pump: str, small: int = 10_000) -> Growth:
    """Time at ``small`` (10,000) and ten times as many characters (best of 3, or of 1 for
    a slow pattern). A pattern that already grows more than 8x from ``small`` to four times
    as many characters (quadratic: 16x) is reported then, without the slowest run (43 s at
    100,000 characters for the old POLICY_RE)."""
    t_small = run_time(audited, pumped(pump, small), 3)
    repeat = 3 if t_small < 0.005 else 1
    t_mid = run_time(audited, pumped(pump, 4 * small), repeat)
    if t_mid > 8 * max(t_small, 1e-7) and t_mid > 0.005:
        return Growth(pump, t_small, t_mid, t_mid / max(t_small, 1e-9), (small, 4 * small))
    t_large = run_time(audited, pumped(pump, 10 * small), repeat)
    return Growth(pump, t_small, t_large, t_large / max(t_small, 1e-9), (small, 10 * small))


MAX_RATIO = 20.0
"""Allowed growth from 10,000 to 100,000 characters: linear is 10x; quadratic 100x."""


def too_slow(g: Growth) -> bool:
    return g.ratio > (MAX_RATIO if g.sizes[1] == 10 * g.sizes[0] else 8.0)


def verdict(audited: Audited, attempts: int = 3, small: int = 10_000) -> Growth | None:
    """None when the pattern grows linearly on its worst pumps, else the worst growth seen.
    A ratio over the limit is measured again (up to ``attempts`` times, the lowest kept):
    on a shared machine one slow run of a linear pattern can look like 20x, a quadratic
    pattern looks like 100x every time."""
    for pump in worst_pumps(audited):
        best: Growth | None = None
        for _ in range(attempts):
            g = growth(audited, pump, small)
            if best is None or g.ratio < best.ratio:
                best = g
            if not too_slow(best):
                break
        if best is not None and too_slow(best):
            return best
    return None
