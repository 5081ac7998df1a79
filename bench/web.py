"""How fast the web page answers once it is warm (issue 13: under 150 ms for a 500-word letter).

    python bench/web.py                 # 40 checks in English and 40 in Chinese
    python bench/web.py --requests 100  # more
    python bench/web.py --json out.json

Starts ``poa-lint serve`` on a free port of 127.0.0.1 as a user would (the model is loaded
once, at start), then times what the page does on every pause in typing: one ``POST
/api/check`` with a letter of about 500 words, answered with the rendered result (the letter
with its findings in place, the cards, the matrix) and the text report for "Copy". The time
is measured by the client, so it includes HTTP and JSON both ways. The first few requests
are not counted (Python and Jinja2 warm their caches). Each letter differs from the one
before (a changing reference number), as when a seller types.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "corpus" / "holdout3" / "odr-m01-good-why-what-how.txt"
#: A draft's last paragraph, so the letter has something to flag (a blame, a placeholder).
DRAFT = (
    "One buyer lied about the damage to get a second refund, and we think some customers "
    "abuse returns. We will keep improving our service. Our seller ID is [SELLER ID]."
)
TARGET_MS = 150.0
WARMUP = 5


def letter_of(words: int) -> str:
    """A real corpus letter (460 words) with a draft's paragraph added before its closing,
    repeated until the letter is about ``words`` words long."""
    text = LETTER.read_text(encoding="utf-8")
    body, _, closing = text.rpartition("\n\nThank you")
    extra = [DRAFT]
    while len(f"{body} {' '.join(extra)} {closing}".split()) < words:
        extra.append(DRAFT.replace("One buyer", "Another buyer"))
    return body + "\n\n" + "\n\n".join(extra) + "\n\nThank you" + closing


def start_server() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-c", "from poa_lint.cli import main; main()", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            return process, found.group(0)
    process.kill()
    raise SystemExit("poa-lint serve did not start")


def check(url: str, text: str, lang: str) -> tuple[float, dict[str, Any]]:
    body = json.dumps({"text": text, "reason": "odr", "notice": ""}).encode("utf-8")
    request = urllib.request.Request(
        f"{url}api/check?lang={lang}",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.loads(response.read())
    return (time.perf_counter() - started) * 1000, data


def measure(url: str, text: str, lang: str, count: int) -> dict[str, Any]:
    times = []
    data: dict[str, Any] = {}
    for i in range(WARMUP + count):
        varied = text.replace("113-4820571-6619034", f"113-4820571-{6619034 + i:07d}")
        elapsed, data = check(url, varied, lang)
        if i >= WARMUP:
            times.append(elapsed)
    times.sort()
    return {
        "lang": lang,
        "requests": count,
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(0.9 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
        "findings": len(data.get("findings", [])),
        "status": data.get("status"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    text = letter_of(args.words)
    words = len(text.split())
    process, url = start_server()
    try:
        results = [measure(url, text, lang, args.requests) for lang in ("en", "zh")]
    finally:
        process.terminate()
        process.wait(timeout=15)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"warm response of poa-lint serve, a {words}-word letter, {cpus} CPUs")
    for result in results:
        verdict = "under" if result["median_ms"] < TARGET_MS else "OVER"
        print(
            f"  POST /api/check ({result['lang']}): median {result['median_ms']} ms, "
            f"p90 {result['p90_ms']} ms, max {result['max_ms']} ms over {result['requests']} "
            f"requests ({result['findings']} findings, {result['status']}): {verdict} the "
            f"{TARGET_MS:.0f} ms target"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"words": words, "results": results}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
