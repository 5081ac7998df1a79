#!/usr/bin/env python3
"""Consistency check for the poa-lint HOLDOUT corpus (run with /work/venv/bin/python: needs PyYAML, python-docx).

Checks: every expected file parses and has the right keys; every letter has an expected file and
vice versa; each line + text pair occurs on that line (a .docx is extracted one line per paragraph,
list items prefixed '• ' or 'N. '); whole-letter codes carry no line/text; POA603 items occur in the
notice but not in the letter; prints counts per code and per reason. Exit 1 on any problem.
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
WHOLE = {"POA101", "POA102", "POA103", "POA303", "POA401", "POA405", "POA501", "POA503", "POA703"}


def docx_text(path: Path) -> str:
    import docx

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


def letter_text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")


def main() -> int:
    problems: list[str] = []
    letters = {p.name[: -len(p.suffix)]: p for p in sorted(HERE.iterdir())
               if p.suffix in {".txt", ".docx"} and not p.name.endswith((".notice.txt", ".docx.txt"))}
    expected = {p.name[: -len(".expected.yaml")]: p for p in sorted(HERE.glob("*.expected.yaml"))}
    for stem in sorted(set(letters) - set(expected)):
        problems.append(f"{stem}: letter has no expected file")
    for stem in sorted(set(expected) - set(letters)):
        problems.append(f"{stem}: expected file has no letter")
    for stray in HERE.glob("*.docx.txt"):
        problems.append(f"{stray.name}: stray .docx source text")

    per_code: Counter[str] = Counter()
    per_reason: dict[str, Counter[str]] = defaultdict(Counter)
    letters_per_reason: Counter[str] = Counter()
    for stem, ypath in expected.items():
        try:
            data = yaml.safe_load(ypath.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{ypath.name}: YAML error {exc}")
            continue
        if set(data) - {"description", "reason", "notice", "findings"} or not {"description", "reason", "findings"} <= set(data):
            problems.append(f"{ypath.name}: bad keys {sorted(data)}")
            continue
        reason = data["reason"]
        if reason not in REASONS or not stem.startswith(reason + "-h"):
            problems.append(f"{ypath.name}: reason {reason!r} does not match the stem")
        letters_per_reason[reason] += 1
        if stem not in letters:
            continue
        lines = letter_text(letters[stem]).split("\n")
        notice_text = ""
        if data.get("notice"):
            npath = HERE / data["notice"]
            if not npath.exists():
                problems.append(f"{ypath.name}: notice {data['notice']} missing")
            else:
                notice_text = npath.read_text(encoding="utf-8")
        whole_text = "\n".join(lines)
        for f in data["findings"] or []:
            code = f.get("code")
            if code not in CODES:
                problems.append(f"{ypath.name}: unknown code {code}")
                continue
            per_code[code] += 1
            per_reason[reason][code] += 1
            if code in WHOLE:
                if "line" in f or "text" in f:
                    problems.append(f"{ypath.name}: {code} is whole-letter but has line/text")
            elif code == "POA603":
                t = f.get("text")
                if "line" in f or not t:
                    problems.append(f"{ypath.name}: POA603 needs text and no line")
                elif t not in notice_text:
                    problems.append(f"{ypath.name}: POA603 item {t!r} not in the notice")
                elif t.lower() in whole_text.lower():
                    problems.append(f"{ypath.name}: POA603 item {t!r} occurs in the letter")
            else:
                line, t = f.get("line"), f.get("text")
                if not isinstance(line, int) or not t:
                    problems.append(f"{ypath.name}: {code} needs line and text")
                elif not (1 <= line <= len(lines)) or t not in lines[line - 1]:
                    problems.append(f"{ypath.name}: {code} text {t!r} not on line {line}")
    print(f"{len(letters)} letters, {len(expected)} expected files")
    print("\nfindings per code:")
    for code in sorted(CODES):
        print(f"  {code}: {per_code[code]}")
    print("\nletters and findings per reason:")
    for reason in sorted(letters_per_reason):
        codes = ", ".join(f"{c}x{n}" if n > 1 else c for c, n in sorted(per_reason[reason].items()))
        print(f"  {reason}: {letters_per_reason[reason]} letter(s); {codes or 'none (good)'}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
