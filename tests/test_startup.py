"""Start-up: `poa-lint --version` and `--help` run on every save; they import as little as
possible (no spaCy, no pydantic, no PyYAML). See docs/performance.md."""

from __future__ import annotations

import subprocess
import sys

from poa_lint.cli import SEVERITIES
from poa_lint.models import Severity


def test_severity_choices_match_the_model() -> None:
    assert tuple(s.value for s in Severity) == SEVERITIES


def test_version_and_help_import_neither_pydantic_nor_yaml() -> None:
    code = (
        "import sys\nfrom poa_lint.cli import main\n"
        "for args in (['--version'], ['--help'], ['check', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'thinc', 'pydantic', 'yaml', 'docx'))\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_public_names_load_lazily() -> None:
    code = (
        "import sys, poa_lint\n"
        "assert 'pydantic' not in sys.modules\n"
        "from poa_lint import Config, Report, Severity, load_config_file\n"
        "assert Report.__module__ == 'poa_lint.models' and Severity.INFO.value == 'info'\n"
        "assert 'spacy' not in sys.modules\n"
        "assert set(poa_lint.__all__) <= set(dir(poa_lint))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
