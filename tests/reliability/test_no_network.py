"""Issue 5, item 4: poa-lint never touches the network.

Sockets are disabled the way a sandbox does it: ``socket.socket``, ``socket.create_connection``
and ``socket.getaddrinfo`` raise ``OSError`` ("network is unreachable"), and every call is
recorded. The CLI and the API still work, including on a .docx whose external entity points
at a URL, and no connection or name lookup is ever attempted. The subprocess test loads
spaCy from scratch with sockets disabled, so model loading is covered too. (urllib3, pulled
in by spaCy's dependencies, creates an unconnected IPv6 socket at import time to probe for
IPv6 support; that probe fails quietly and is not a network access.)
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from poa_lint import InputError, lint, lint_file

from . import hostile
from .hostile import GOOD_LETTER
from .support import run_cli, sample_letters


class NetworkDisabled(OSError):
    pass


@pytest.fixture()
def network_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Disable sockets for the test; returns the list of attempted network calls."""
    calls: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def call(*args: object, **kwargs: object) -> None:
            calls.append(f"{name}{args!r}")
            raise NetworkDisabled(101, "Network is unreachable (disabled by the test)")

        return call

    class NoSocket(socket.socket):  # a class, so that modules may still subclass it
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse("socket")(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return calls


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_LETTER, encoding="utf-8")
    (folder / "letter.docx").write_bytes(hostile.docx_bytes(sample_letters(3)[2]))
    (folder / "xxe.docx").write_bytes(hostile.external_entity_docx())
    return folder


def test_cli_and_api_work_without_network(tmp_path: Path, network_calls: list[str]) -> None:
    with pytest.raises(NetworkDisabled):  # the guard is really in place
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkDisabled):
        socket.socket()
    network_calls.clear()

    folder = _folder(tmp_path)
    result = run_cli(str(folder), "--format", "json", "--notice", str(folder / "good.txt"))
    assert result.exception is None, result.exception
    data = json.loads(result.stdout)
    assert len(data["files"]) == 2
    assert [e["path"] for e in data["errors"]] == [str(folder / "xxe.docx")]
    assert lint(GOOD_LETTER, reason="odr").path is None
    assert lint_file(folder / "letter.docx").path == str(folder / "letter.docx")
    with pytest.raises(InputError, match="entity declarations"):
        lint_file(folder / "xxe.docx")
    probes = [c for c in network_calls if c.startswith("socket(<AddressFamily.AF_INET6")]
    assert len(probes) <= 1  # urllib3's import-time IPv6 probe, if first imported here
    assert [c for c in network_calls if c not in probes] == []


def test_fresh_process_without_network(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    script = (
        "import atexit, socket, sys\n"
        "calls = []\n"
        "def refuse(name):\n"
        "    def call(*a, **k):\n"
        "        calls.append((name, repr(a)))\n"
        "        raise OSError(101, 'Network is unreachable (disabled by the test)')\n"
        "    return call\n"
        "class NoSocket(socket.socket):\n"
        "    def __init__(self, *a, **k):\n"
        "        refuse('socket')(*a)\n"
        "socket.socket = NoSocket\n"
        "socket.create_connection = refuse('create_connection')\n"
        "socket.getaddrinfo = refuse('getaddrinfo')\n"
        "atexit.register(lambda: print('NETWORK-CALLS', calls, file=sys.stderr))\n"
        "from poa_lint import lint\n"
        "assert lint('Dear team, we refunded [ORDER ID].').findings\n"
        "from poa_lint.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, "check", str(folder), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["files"]) == 2 and len(data["errors"]) == 1
    report = next(line for line in proc.stderr.splitlines() if line.startswith("NETWORK-CALLS"))
    assert "create_connection" not in report and "getaddrinfo" not in report, report
    # the only socket ever created is urllib3's IPv6 probe (AF_INET6, never connected)
    assert report.count("'socket'") <= 1 and ("'socket'" not in report or "AF_INET6" in report)
