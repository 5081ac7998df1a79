"""The local web page's server (issue 13, part 1), in process with Starlette's test client.
What the page does in a browser is tested in tests/browser."""

from __future__ import annotations

import base64
import logging
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from poa_lint.config import Config
from poa_lint.web import app as web_app
from poa_lint.web.app import Settings, create_app

from .conftest import CORPUS

LETTER = (
    "Dear Seller Performance Team,\n\nRoot cause\nThe buyer lied to get a refund.\n\n"
    "Corrective actions\nWe refunded order [ORDER ID] on 3 May.\n\n"
    "Preventive measures\nFrom 5 May a second packer checks every order.\n\n"
    "Sincerely, [Your Name]\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(config=Config())
    web_app.warm_up(settings)
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


def upload(client: TestClient, name: str, data: bytes, **extra: str) -> Any:
    payload = {"name": name, "data": base64.b64encode(data).decode("ascii"), **extra}
    return client.post("/api/upload", json=payload)


# --- the page --------------------------------------------------------------------------------


def test_the_page_is_plain_html_with_local_assets(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<link rel="stylesheet" href="/static/poa-lint.css">' in html
    assert '<script src="/static/app.js"></script>' in html
    assert "http://" not in html and "https://" not in html  # no CDN, works offline
    for asset in ("/static/poa-lint.css", "/static/app.js", "/static/findings.js"):
        assert client.get(asset).status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_the_page_speaks_the_browsers_language_unless_told(client: TestClient) -> None:
    zh = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert '<html lang="zh-CN">' in zh and "从大纲开始" in zh and "订单缺陷率（ODR）" in zh
    en = client.get("/?lang=en", headers={"Accept-Language": "zh-CN"}).text
    assert '<html lang="en">' in en and "Start from an outline" in en
    assert 'aria-current="true">English' in en


def test_the_server_answers_only_for_this_computer(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


# --- checking --------------------------------------------------------------------------------


def test_check_highlights_findings_in_place(client: TestClient) -> None:
    response = client.post("/api/check", json={"text": LETTER, "reason": "odr"})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "will be rejected"
    codes = {f["code"] for f in data["findings"]}
    assert {"POA201", "POA701"} <= codes
    assert 'data-codes="POA701"' in data["html"] and ">[ORDER ID]</mark>" in data["html"]
    assert 'data-codes="POA201"' in data["html"] and ">buyer lied</mark>" in data["html"]
    assert "POA201 [error] Blames the buyer" in data["report"]  # what "Copy report" copies
    assert data["said"] == "Checked: will be rejected."


def test_check_in_chinese(client: TestClient) -> None:
    data = client.post("/api/check?lang=zh", json={"text": LETTER, "reason": "odr"}).json()
    assert "指责买家" in data["html"] and data["verdict"] == "会被拒绝"
    assert "POA201 [错误] 指责买家" in data["report"]
    assert ">buyer lied</mark>" in data["html"]


def test_empty_text_is_not_an_error(client: TestClient) -> None:
    data = client.post("/api/check", json={"text": "   \n "}).json()
    assert data == {"empty": True, "html": "", "report": ""}


@pytest.mark.parametrize(
    "body", [b"not json", b'{"text": 3}', b"[]", b'{"no": "text"}', b"\xff\xfe"]
)
def test_a_request_the_page_would_not_send_gets_a_message(client: TestClient, body: bytes) -> None:
    response = client.post("/api/check", content=body)
    assert response.status_code == 400
    assert response.json() == {
        "error": "The page sent a request poa-lint does not understand; reload it."
    }


def test_an_unknown_reason_is_a_message(client: TestClient) -> None:
    response = client.post("/api/check?lang=zh", json={"text": LETTER, "reason": "nope"})
    assert response.status_code == 422
    assert response.json()["error"].startswith("未知的停用原因 'nope'")


def test_a_letter_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"text": "'
        raise AssertionError("the body was read")

    response = client.post(
        "/api/check",
        content=body(),
        headers={"Content-Length": str(web_app.MAX_REQUEST_BYTES + 1)},
    )
    assert response.status_code == 413
    assert "too large to check" in response.json()["error"]


def test_an_unexpected_failure_is_a_short_message_and_the_letter_is_not_logged(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the buyer lied SECRET-WORDS-OF-THE-LETTER")

    monkeypatch.setattr(web_app, "lint_source", broken)
    caplog.set_level(logging.DEBUG)
    response = client.post("/api/check", json={"text": "SECRET-WORDS-OF-THE-LETTER"})
    assert response.status_code == 500
    assert response.json()["error"].startswith("poa-lint could not check the letter.")
    assert "Traceback" not in response.text
    assert "SECRET-WORDS" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_a_check_logs_nothing_of_the_letter(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/api/check", json={"text": LETTER + "\nPRIVATE-LINE-9731"})
    upload(client, "letter.txt", b"PRIVATE-LINE-9731 we refunded the buyer.")
    assert "PRIVATE-LINE-9731" not in caplog.text


# --- uploads ---------------------------------------------------------------------------------


def test_upload_a_text_file(client: TestClient) -> None:
    response = upload(client, "letter.txt", LETTER.encode("utf-8"), reason="odr")
    assert response.status_code == 200
    data = response.json()
    assert data["text"] == LETTER and data["name"] == "letter.txt"
    assert ">[ORDER ID]</mark>" in data["html"]


def test_upload_a_docx_file(client: TestClient) -> None:
    content = (CORPUS / "safety-01-docx-hand-warmer.docx").read_bytes()
    data = upload(client, "hand warmer.docx", content).json()
    assert "error" not in data
    assert data["text"].startswith("Dear") and data["status"] in (
        "ready",
        "revise",
        "will be rejected",
    )
    assert "in Word" in data["html"]  # .docx findings name the paragraph


def test_upload_without_touching_the_disk(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload touched the disk")

    for name in ("SpooledTemporaryFile", "NamedTemporaryFile", "TemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.chdir(tmp_path)
    content = (CORPUS / "safety-01-docx-hand-warmer.docx").read_bytes()
    assert upload(client, "a.docx", content).status_code == 200
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_docx(client: TestClient) -> None:
    response = upload(client, "letter.docx", b"Dear team, this is plain text.")
    assert response.status_code == 422
    assert response.json()["error"] == (
        "letter.docx: is a plain-text file with a .docx name; rename it to .txt"
    )
    response = client.post(
        "/api/upload?lang=zh",
        json={"name": "letter.docx", "data": base64.b64encode(b"Dear team.").decode()},
    )
    assert response.json()["error"] == (
        "letter.docx：是改成 .docx 名字的纯文本文件；请把扩展名改为 .txt"
    )


def test_an_empty_file(client: TestClient) -> None:
    response = upload(client, "empty.txt", b"")
    assert response.status_code == 422
    assert "empty.txt: is empty; nothing to check" in response.json()["error"]


def test_a_file_type_the_page_does_not_read(client: TestClient) -> None:
    response = upload(client, "letter.pdf", b"%PDF-1.4")
    assert response.status_code == 415
    assert "letter.pdf: the page reads .txt, .md and .docx files" in response.json()["error"]


def test_an_oversized_upload_is_refused_before_it_is_read(client: TestClient) -> None:
    limit = Config().max_file_size

    def body() -> Iterator[bytes]:
        yield b'{"name": "big.txt", "data": "'
        raise AssertionError("the body was read")

    response = client.post(
        "/api/upload", content=body(), headers={"Content-Length": str(limit * 2)}
    )
    assert response.status_code == 413
    assert response.json()["error"] == (
        "The file is larger than 5 MB, too large for a letter: is it the right file?"
    )


def test_an_oversized_upload_without_a_length_is_cut_off(client: TestClient) -> None:
    big = b"We refunded the buyer. " * 300_000  # 6.9 MB
    response = upload(client, "big.txt", big)
    assert response.status_code == 413
    assert "larger than 5 MB" in response.json()["error"]


def test_the_upload_limit_follows_the_config() -> None:
    settings = Settings(config=Config(max_file_size=1000))
    with TestClient(create_app(settings), base_url="http://localhost") as small:
        response = upload(small, "a.txt", b"x" * 2000)
        assert response.status_code == 413
        assert "larger than 0.001 MB" in response.json()["error"]


# --- outline and download --------------------------------------------------------------------


def test_outline(client: TestClient) -> None:
    text = client.get("/api/outline?reason=odr").json()["text"]
    assert "\nRoot cause\n" in text and "under 1%" in text
    zh = client.get("/api/outline?reason=odr&lang=zh").json()["text"]
    assert "\nRoot cause\n" in zh and "[请说明您自己的流程中哪里出了问题" in zh
    response = client.get("/api/outline?reason=nope")
    assert response.status_code == 422 and "unknown reason 'nope'" in response.json()["error"]


def test_download_the_html_report(client: TestClient) -> None:
    response = client.post("/api/report", json={"text": LETTER, "reason": "odr"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="poa-lint-report.html"'
    assert response.text.startswith("<!DOCTYPE html>") and ">buyer lied</mark>" in response.text
    assert client.post("/api/report", json={"text": ""}).status_code == 422


def test_the_page_checks_on_the_warm_path(client: TestClient) -> None:
    """One Checker for the life of the server (issue 14's warm path): its rules are prepared
    once, not per request, and it answers what lint() answers."""
    from poa_lint import lint

    first = client.post("/api/check", json={"text": LETTER}).json()
    second = client.post("/api/check", json={"text": LETTER + "\nThank you."}).json()
    checker = web_app._checker()
    assert checker is web_app._checker()
    assert len(checker._ready) == 1
    for answer, text in ((first, LETTER), (second, LETTER + "\nThank you.")):
        assert [f["code"] for f in answer["findings"]] == [f.code for f in lint(text).findings]


def test_the_notice_is_checked_against(client: TestClient) -> None:
    notice = "We have deactivated your account. ASIN B07XJ8C8F5. Order Defect Rate: 2.3%."
    data = client.post("/api/check", json={"text": LETTER, "notice": notice}).json()
    assert "POA603" in {f["code"] for f in data["findings"]}
    assert "ASIN B07XJ8C8F5" in data["html"]


# --- poa-lint serve --------------------------------------------------------------------------


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from poa_lint.cli import main; main()", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_serve_warns_when_the_page_can_be_reached_from_other_computers() -> None:
    process = _serve("--host", "0.0.0.0", "--port", "0")
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
    finally:
        process.kill()
        process.communicate(timeout=10)
    assert warning.startswith("poa-lint: warning: listening on 0.0.0.0: anyone who can reach")


def test_serve_on_a_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        process = _serve("--port", str(port), "--lang", "zh")
        _, errors = process.communicate(timeout=60)
    assert process.returncode == 2
    assert errors.startswith(f"poa-lint：错误：无法监听 127.0.0.1:{port}")
    assert errors.count("\n") == 1
