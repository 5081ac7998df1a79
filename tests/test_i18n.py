"""Chinese (Simplified) everywhere a person reads (issue 13, part 3).

The catalogue test extracts every message from the sources afresh (Python, rules/*.yaml,
the web templates), so a new or reworded English message fails it, naming the msgid, until
it has a translation: run ``python -m poa_lint.translations update``, translate the new
entries in ``poa_lint/locale/zh/LC_MESSAGES/poa_lint.po``, then ``... compile``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner

from poa_lint import lint
from poa_lint.cache import config_fingerprint
from poa_lint.catalog import load_catalog
from poa_lint.cli import main
from poa_lint.config import Config
from poa_lint.i18n import from_accept_language, normalize, translator
from poa_lint.texts import N_, Template, counted, join, message, sentences
from poa_lint.translations import placeholders, problems

CJK = re.compile(r"[\u4e00-\u9fff]")
BAD = (
    "Dear team,\nThe buyer lied to get a refund. We refunded order [ORDER ID].\n"
    "Sincerely, [Your Name]\n"
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


# --- the catalogue ---------------------------------------------------------------------------


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    found = problems("zh")
    if found:
        pytest.fail(
            "\n".join(found)
            + "\n\nTo fix: python -m poa_lint.translations update, translate the entries above "
            "in poa_lint/locale/zh/LC_MESSAGES/poa_lint.po, then python -m "
            "poa_lint.translations compile",
            pytrace=False,
        )


def test_the_check_names_the_msgid_that_lacks_a_translation_or_breaks_a_placeholder() -> None:
    source = Catalog(locale="en")
    source.add("Blames the buyer ({match}).", locations=[("rules/tone.yaml", 9)])
    source.add("Delete this sentence.", locations=[("poa_lint/checks/relevance.py", 899)])
    source.add("New message {count}.", locations=[("poa_lint/x.py", 1)])
    translated = Catalog(locale="zh")
    translated.add("Blames the buyer ({match}).", "指责买家（{matched}）。")
    translated.add("Delete this sentence.", "请删除这句话。")
    found = problems("zh", source=source, translated=translated, compiled=False)
    assert len(found) == 2
    assert "'New message {count}.'" in found[1] and "no translation" in found[1]
    assert "'Blames the buyer ({match}).'" in found[0] and "['matched']" in found[0]
    assert "rules/tone.yaml:9" in found[0]


def test_placeholders() -> None:
    assert placeholders("The letter is {words} words long, over {max_words}.") == {
        "words",
        "max_words",
    }
    assert placeholders("{{literal}} and {x}") == {"x"}
    assert placeholders("broken {") == {"<unbalanced braces>"}


def test_every_rule_message_and_suggestion_has_words_in_the_catalogue() -> None:
    """The rules' own texts (not only those the extractor found) are all translated."""
    tr = translator("zh")
    for rule in load_catalog().rules:
        for text in (rule.message, rule.rationale, rule.suggestion):
            if text:
                assert CJK.search(tr.gettext(text)), (rule.code, text)


@pytest.mark.parametrize("rule", load_catalog().rules, ids=lambda r: r.code)
def test_each_rules_findings_read_in_chinese(rule) -> None:  # type: ignore[no-untyped-def]
    """Every finding of every rule's 'bad' examples, Python-built messages included, is
    worded in Chinese, with no placeholder left, and quotes the letter in English."""
    tr = translator("zh")
    for example in rule.examples.bad:
        config = Config.model_validate({"rules": {rule.code: example.options}})
        report = tr.localize(
            lint(example.text, reason=example.reason, notice=example.notice, config=config)
        )
        for finding in report.findings:
            assert CJK.search(finding.message), (finding.code, finding.message)
            worded = finding.message
            for value in _values(finding.message_template):
                worded = worded.replace(value, "")
            assert not re.search(r"\{[a-z_]+\}", worded), finding.message
            if finding.suggestion:
                assert finding.suggestion.strip()
        assert report.verdict is not None and CJK.search(report.verdict.reason)


def _values(template: Template | None) -> list[str]:
    """The verbatim values in a template (words from the letter), at any depth."""
    if template is None:
        return []
    found: list[str] = []
    for value in template.args.values():
        found.extend(_values(value) if isinstance(value, Template) else [value])
    return found


def test_a_quoted_excerpt_is_never_translated() -> None:
    report = translator("zh").localize(lint(BAD))
    blame = next(f for f in report.findings if f.code == "POA201")
    assert '"buyer lied"' in blame.message and "指责买家" in blame.message
    assert blame.excerpt == "buyer lied"
    placeholder = next(f for f in report.findings if f.code == "POA701")
    assert "[ORDER ID]" in placeholder.message


# --- the translator --------------------------------------------------------------------------


def test_templates_are_worded_in_each_language() -> None:
    items = join([Template(N_("root cause")), Template(N_("corrective actions")), "X"])
    worded = message(N_("{first} and {last}"), first=items, last="Y")
    assert worded.english() == "root cause, corrective actions and X and Y"
    assert translator("zh").render(worded) == "根本原因、纠正措施和X和Y"
    advice = sentences(
        [Template(N_("Delete this sentence.")), Template(N_("Translate it into English."))]
    )
    assert advice.english() == "Delete this sentence. Translate it into English."  # type: ignore[union-attr]
    assert translator("zh").render(advice) == "请删除这句话。请翻译成英文。"  # type: ignore[arg-type]
    two = counted("{count} error", "{count} errors", 2)
    assert two.english() == "2 errors" and translator("zh").render(two) == "2 个错误"
    assert counted("{count} error", "{count} errors", 1).english() == "1 error"


def test_a_missing_value_leaves_its_placeholder() -> None:
    assert Template("Hello {name}").english() == "Hello {name}"


def test_english_is_the_message_ids_themselves() -> None:
    tr = translator("en")
    assert tr.gettext("Delete this sentence.") == "Delete this sentence."
    report = lint(BAD)
    assert tr.localize(report) is report


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_Hans_CN", "zh"),
        ("ZH-tw", "zh"),
        ("en-GB", "en"),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize(tag: str | None, lang: str | None) -> None:
    assert normalize(tag) == lang


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr-FR,fr;q=0.9", "en"),
        ("fr-FR, zh;q=0.5", "zh"),
        ("en;q=0.2, zh;q=0.8", "zh"),
        (None, "en"),
        ("garbage;q=x", "en"),
    ],
)
def test_the_browsers_language(header: str | None, lang: str) -> None:
    assert from_accept_language(header) == lang


# --- the command line ------------------------------------------------------------------------


@pytest.fixture()
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_check_in_chinese(letter: Path) -> None:
    code, out = run("check", str(letter), "--reason", "odr", "--lang", "zh", "--no-cache")
    assert code == 1
    assert f"{letter}:2:5: POA201 [错误] 指责买家" in out
    assert "建议：" in out
    assert "结论：会被拒绝 — 按现在的样子，亚马逊会拒绝这封信" in out
    assert "共发现" in out and "个错误" in out


def test_english_output_does_not_change_with_lang_en(letter: Path) -> None:
    _, default = run("check", str(letter), "--no-cache")
    _, english = run("check", str(letter), "--no-cache", "--lang", "en")
    assert default == english and "Blames the buyer" in default


def test_language_from_the_environment_and_the_config(
    letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(letter.parent)
    _, out = run("check", str(letter), "--no-cache", env={"POA_LINT_LANG": "zh-CN"})
    assert "指责买家" in out
    _, out = run("check", str(letter), "--no-cache", "--lang", "en", env={"POA_LINT_LANG": "zh"})
    assert "Blames the buyer" in out  # the option wins
    (letter.parent / ".poa-lint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    _, out = run("check", str(letter), "--no-cache", env={"POA_LINT_LANG": ""})
    assert "指责买家" in out
    _, out = run("check", str(letter), "--no-cache", env={"POA_LINT_LANG": "en"})
    assert "Blames the buyer" in out  # the environment wins over the config


def test_an_unknown_language_is_an_error_that_names_where_it_was_set(
    letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run("check", str(letter), "--lang", "fr")
    assert code == 2 and "--lang: unknown language 'fr'; choose en or zh" in out
    code, out = run("rules", env={"POA_LINT_LANG": "klingon"})
    assert code == 2 and "POA_LINT_LANG: unknown language 'klingon'" in out
    monkeypatch.chdir(letter.parent)
    (letter.parent / ".poa-lint.toml").write_text('lang = "de"\n', encoding="utf-8")
    code, out = run("explain", "POA201", env={"POA_LINT_LANG": ""})
    assert code == 2 and ".poa-lint.toml: lang: unknown language 'de'" in out


def test_lang_changes_no_result_so_no_cache_entry(letter: Path) -> None:
    assert config_fingerprint(Config(lang="zh")) == config_fingerprint(Config())
    assert Config.model_validate({"lang": "zh-CN"}).lang == "zh"


def test_a_cached_report_is_shown_in_chinese(letter: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    _, fresh = run("check", str(letter), "--lang", "zh", "--cache-dir", cache)
    _, cached = run("check", str(letter), "--lang", "zh", "--cache-dir", cache)
    _, english = run("check", str(letter), "--cache-dir", cache)  # answered by the cache, English
    assert fresh == cached and "指责买家" in cached
    assert "Blames the buyer" in english


def test_cli_errors_in_chinese(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "missing.txt"), "--lang", "zh")
    assert code == 2 and "missing.txt: 错误： 不存在" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out = run("check", str(empty), "--lang", "zh")
    assert code == 2 and "是空的，没有可检查的内容" in out
    code, out = run("check", str(empty), "--reason", "nope", "--lang", "zh")
    assert code == 2 and "poa-lint：错误：未知的停用原因 'nope'" in out
    code, out = run("explain", "POA999", "--lang", "zh")
    assert code == 2 and "没有名为 'POA999' 的规则" in out


def test_the_run_s_guards_speak_chinese(letter: Path, tmp_path: Path) -> None:
    """The refusals and warnings of issue 11 (model, --output, cache folder) are worded in
    the reader's language too, with the names and paths they carry left as they are."""
    code, out = run("check", str(letter), "--model", "no_such_pipeline_x", "--lang", "zh")
    assert code == 2 and "--model no_such_pipeline_x：未安装" in out
    code, out = run("check", str(letter), "--output", str(letter), "--lang", "zh", "--no-cache")
    assert code == 2 and f"--output {letter} 是正在检查的信件之一" in out
    assert "请把报告写到另一个文件" in out
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    (crowded / "notes.txt").write_text("mine", encoding="utf-8")
    code, out = run("check", str(letter), "--cache-dir", str(crowded), "--lang", "zh")
    assert code == 2 and "poa-lint：错误：--cache-dir" in out
    assert "已在不使用缓存的情况下检查" in out and "指责买家" in out  # still checked
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    code, out = run("check", str(letter), "--cache-dir", str(blocked / "cache"), "--lang", "zh")
    assert "poa-lint：警告：无法写入缓存文件夹" in out and "指责买家" in out
    _, english = run("check", str(letter), "--cache-dir", str(blocked / "cache"))
    assert "poa-lint: warning: cannot write the cache in" in english


def test_json_keeps_codes_and_names_and_carries_the_chinese_message(letter: Path) -> None:
    _, english = run("check", str(letter), "-f", "json", "--no-cache")
    _, chinese = run("check", str(letter), "-f", "json", "--no-cache", "--lang", "zh")
    en, zh = json.loads(english), json.loads(chinese)
    assert list(en) == list(zh) and list(en["files"][0]) == list(zh["files"][0])
    for a, b in zip(en["files"][0]["findings"], zh["files"][0]["findings"], strict=True):
        assert (a["code"], a["name"], a["severity"], a["start"]) == (
            b["code"],
            b["name"],
            b["severity"],
            b["start"],
        )
        assert a["excerpt"] == b["excerpt"]
        assert CJK.search(b["message"]) and not CJK.search(a["message"])
        assert "message_template" not in b
    assert zh["files"][0]["verdict"]["status"] == "will be rejected"
    assert CJK.search(zh["files"][0]["verdict"]["reason"])


def test_sarif_keeps_rule_ids_and_carries_the_chinese_message(letter: Path) -> None:
    _, out = run("check", str(letter), "-f", "sarif", "--no-cache", "--lang", "zh")
    run_ = json.loads(out)["runs"][0]
    assert {r["ruleId"] for r in run_["results"]} >= {"POA201", "POA701"}
    assert all(CJK.search(r["message"]["text"]) for r in run_["results"])
    assert run_["tool"]["driver"]["rules"][0]["name"] == "missing-root-cause"


def test_explain_rules_and_reasons_in_chinese() -> None:
    code, out = run("explain", "blames-buyer", "--lang", "zh")
    assert code == 0
    assert out.startswith("POA201 blames-buyer（语气，默认级别：错误）")
    assert "永远不要指责买家" in out
    assert "The buyer did not read the description before ordering." in out  # examples: English
    code, out = run("rules", "--lang", "zh")
    assert code == 0 and "代码" in out and "POA201  blames-buyer" in out and "指责买家" in out
    code, out = run("rules", "--lang", "zh", "-f", "json")
    rules = json.loads(out)
    assert rules[0]["code"] == "POA101" and rules[0]["category"] == "structure"
    assert CJK.search(rules[0]["summary"])
    code, out = run("reasons", "--lang", "zh")
    assert "odr               订单缺陷率（ODR） — order defect rate under 1%" in out


def test_the_text_summary_in_chinese(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Dear team,\nWe refunded order 113-1234567-1234567 on 3 May.\n", "utf-8")
    code, out = run("check", str(good), "--select", "POA701", "--lang", "zh", "--no-cache")
    assert code == 0 and out.strip().endswith("1 个文件没有问题。")  # all ready: no verdict count


# --- an outline to start from ----------------------------------------------------------------


def test_new_prints_an_outline_for_the_reason() -> None:
    code, out = run("new", "--reason", "odr")
    assert code == 0
    for heading in ("Root cause", "Corrective actions already taken", "Preventive measures"):
        assert f"\n{heading}\n" in out
    assert "order defect rate is X%, above Amazon's target of under 1%" in out
    report = lint(out, reason="odr")
    assert {s.kind for s in report.sections} >= {"root_cause", "corrective", "preventive"}
    assert report.verdict is not None and report.verdict.status == "will be rejected"
    assert report.codes().count("POA701") >= 8  # every prompt is a placeholder to replace


def test_new_names_the_evidence_reviewers_ask_for_and_prompts_in_chinese() -> None:
    _, out = run("new", "--reason", "trademark", "--lang", "zh")
    assert "\nRoot cause\n" in out and "\nSupporting documents\n" in out  # the letter: English
    assert "[请说明您自己的流程中哪里出了问题" in out
    assert "授权书" in out  # the evidence note, translated
    code, out = run("new", "--reason", "nope")
    assert code == 2 and "unknown reason 'nope'" in out
