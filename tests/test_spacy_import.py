"""The command line imports spaCy without spaCy's own command line (issue 14, start-up),
and anything that reads from ``spacy.cli`` afterwards still gets the real one."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import CORPUS

LETTER = CORPUS / "odr-01-good-headings.txt"
HEAVY = ("typer", "weasel", "httpx", "spacy.cli.download", "spacy.cli.train")


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_check_from_the_command_line_skips_spacys_command_line() -> None:
    code = (
        "import sys, json\n"
        "from poa_lint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(LETTER)!r}, '--no-cache', '-f', 'json', '-o', '/dev/null'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(['spacy' in sys.modules, [m for m in {HEAVY!r} if m in sys.modules]]))\n"
    )
    spacy_loaded, heavy = json.loads(_run(code))
    assert spacy_loaded and heavy == []


def test_the_real_command_line_is_there_when_asked_for() -> None:
    code = (
        "from poa_lint.spacy_import import import_without_cli\n"
        "assert import_without_cli()\n"
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "from spacy.cli import download\n"  # reading from spacy.cli imports the real one
        "import sys\n"
        "assert callable(download) and callable(sys.modules['spacy.cli.info'].info)\n"
        "assert type(sys.modules['spacy.cli']).__name__ == 'module'\n"
        "assert isinstance(spacy.info(), dict)\n"
        "print('ok')\n"
    )
    assert _run(code) == "ok"


def test_the_library_imports_spacy_as_usual() -> None:
    code = (
        "import sys\n"
        "from poa_lint import lint\n"
        "lint('Dear team, we refunded the buyer.')\n"
        "print(type(sys.modules['spacy.cli']).__name__)\n"
    )
    assert _run(code) == "module"
