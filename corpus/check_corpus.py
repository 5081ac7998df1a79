#!/usr/bin/env python3
"""Consistency check for the poa-lint test corpus (run with the project venv: needs PyYAML, python-docx).

Checks that every expected file parses and is well formed, that every letter has an expected
file (and vice versa), that each `line` + `text` pair really matches the letter, that POA603
items occur in the notice but not in the letter, and prints counts per code and per reason.
Exit status 1 on any problem.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REASONS = {"odr", "late_shipment", "cancellation", "tracking", "ip_trademark", "ip_copyright",
           "ip_patent", "inauthentic", "condition", "safety", "restricted", "listing_policy",
           "reviews", "related_accounts", "verification", "other"}
CODES = {"POA101", "POA102", "POA103", "POA104", "POA105", "POA201", "POA202", "POA203", "POA204",
         "POA205", "POA301", "POA303", "POA401", "POA402", "POA403", "POA405", "POA501", "POA502",
         "POA503", "POA601", "POA602", "POA603", "POA701", "POA702", "POA703", "POA801", "POA802"}
NOT_ANNOTATED = {"POA302", "POA404"}  # deliberately never listed in expected files
WHOLE_LETTER = {"POA101", "POA102", "POA103", "POA303", "POA401", "POA405", "POA501", "POA503",
                "POA703"}
INFO = {"POA105", "POA801"}


def docx_text(path: Path) -> str:
    """Extracted text of a .docx: one line per paragraph, list items prefixed '• ' or 'N. '."""
    import docx  # python-docx

    lines, number = [], 0
    for p in docx.Document(str(path)).paragraphs:
        style = p.style.name if p.style is not None else ""
        if style.startswith("List Number"):
            number += 1
            lines.append(f"{number}. {p.text}")
        elif style.startswith("List Bullet"):
            lines.append("• " + p.text)
        else:
            lines.append(p.text)
    return "\n".join(lines) + "\n"


def letters() -> dict[str, Path]:
    out = {}
    for p in sorted(HERE.iterdir()):
        if p.name.endswith(".notice.txt") or p.name == "README.md":
            continue
        if p.suffix in {".txt", ".docx"}:
            out[p.name[: -len(p.suffix)]] = p
    return out


def main() -> int:
    problems: list[str] = []
    found = letters()
    expected = {p.name[: -len(".expected.yaml")]: p for p in sorted(HERE.glob("*.expected.yaml"))}
    for stem in sorted(set(found) - set(expected)):
        problems.append(f"{stem}: letter without expected file")
    for stem in sorted(set(expected) - set(found)):
        problems.append(f"{stem}: expected file without letter")

    per_code: Counter[str] = Counter()
    letters_per_code: dict[str, set[str]] = defaultdict(set)
    per_reason: dict[str, Counter[str]] = defaultdict(Counter)
    for stem, ypath in expected.items():
        try:
            data = yaml.safe_load(ypath.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{ypath.name}: YAML error {exc}")
            continue
        if not isinstance(data, dict) or set(data) - {"description", "reason", "notice", "findings"}:
            problems.append(f"{ypath.name}: unexpected structure/keys")
            continue
        for key in ("description", "reason", "findings"):
            if key not in data:
                problems.append(f"{ypath.name}: missing {key}")
        reason = data.get("reason")
        if reason not in REASONS:
            problems.append(f"{ypath.name}: unknown reason {reason!r}")
        if stem not in found:
            continue
        letter = found[stem]
        text = docx_text(letter) if letter.suffix == ".docx" else letter.read_text(encoding="utf-8")
        lines = text.split("\n")
        notice_text = None
        if data.get("notice"):
            npath = HERE / data["notice"]
            if not npath.exists():
                problems.append(f"{ypath.name}: notice {data['notice']} missing")
            else:
                notice_text = npath.read_text(encoding="utf-8")
        findings = data.get("findings") or []
        per_reason[reason]["letters"] += 1
        if not [f for f in findings if f.get("code") not in INFO]:
            per_reason[reason]["good"] += 1
        for f in findings:
            code, line, ftext = f.get("code"), f.get("line"), f.get("text")
            where = f"{ypath.name} {code}"
            if code in NOT_ANNOTATED or code not in CODES:
                problems.append(f"{where}: code not allowed here")
                continue
            if set(f) - {"code", "line", "text"}:
                problems.append(f"{where}: unexpected keys {sorted(set(f) - {'code', 'line', 'text'})}")
            per_code[code] += 1
            letters_per_code[code].add(stem)
            per_reason[reason]["findings"] += 1
            if code in WHOLE_LETTER:
                if line is not None or ftext is not None:
                    problems.append(f"{where}: whole-letter finding must have no line/text")
            elif code == "POA603":
                if line is not None or not ftext:
                    problems.append(f"{where}: POA603 needs text (the notice item) and no line")
                elif notice_text is None or ftext not in notice_text:
                    problems.append(f"{where}: item {ftext!r} not in notice")
                elif ftext in text:
                    problems.append(f"{where}: item {ftext!r} does occur in the letter")
            else:
                if not isinstance(line, int) or not ftext:
                    problems.append(f"{where}: needs integer line and text")
                elif not 1 <= line <= len(lines) or ftext not in lines[line - 1]:
                    problems.append(f"{where}: text {ftext!r} not on line {line}")

    print(f"{'code':8} {'findings':>8} {'letters':>8}")
    for code in sorted(CODES):
        print(f"{code:8} {per_code[code]:8d} {len(letters_per_code[code]):8d}")
    print(f"{'total':8} {sum(per_code.values()):8d}")
    print()
    print(f"{'reason':18} {'letters':>7} {'good':>5} {'findings':>8}")
    for reason in sorted(per_reason):
        c = per_reason[reason]
        print(f"{reason:18} {c['letters']:7d} {c['good']:5d} {c['findings']:8d}")
    tot = Counter()
    for c in per_reason.values():
        tot.update(c)
    print(f"{'total':18} {tot['letters']:7d} {tot['good']:5d} {tot['findings']:8d}")
    print("(good = no findings above info level)")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK: all expected files parse and every line/text pair matches.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
