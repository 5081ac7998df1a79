"""The local web page: paste or upload a letter and see what poa-lint finds, in place.

``poa-lint serve`` runs this Starlette app with uvicorn on 127.0.0.1. The spaCy pipeline
and the rule catalogue are loaded once, when the server starts, and stay loaded, so a
check answers in a tenth of a second. The page is plain HTML, CSS and a little
JavaScript shipped in the wheel (``static/``): it works offline and asks nothing of the
network.

What the page sends is the seller's letter, so:

* nothing is written to disk (uploads are read into memory, and only up to the size
  limit: a larger body is refused before it is read) and nothing is cached;
* the letter is never logged (uvicorn's access log is off; an unexpected error is logged
  by its type only);
* the server answers only requests addressed to the host it was started for (a page on
  another site cannot reach it through DNS rebinding), and the page allows no script or
  style from anywhere else (Content-Security-Policy);
* every problem is a short message in the reader's language, never a stack trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..config import Config
from ..errors import PoaLintError
from ..i18n import LANGUAGES, Translator, from_accept_language, normalize, translator
from ..texts import N_
from .render import environment, letter_view, render, render_document, render_result

if TYPE_CHECKING:
    from ..batch import Checker
    from ..models import Report
    from ..source import SourceText

log = logging.getLogger("poa_lint.web")

#: The most a check request (a letter and a notice, as JSON) may carry.
MAX_REQUEST_BYTES = 4_000_000
#: Room for Amazon's notice in an upload request.
MAX_NOTICE_BYTES = 1_000_000
#: The file types the page accepts (the same readers as the command line).
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
#: The Host headers the page answers by default: this computer only.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Settings:
    """What ``poa-lint serve`` was started with."""

    config: Config
    #: The page's language when the visitor has not chosen one (None: the browser's).
    lang: str | None = None

    @property
    def upload_limit(self) -> int:
        """Uploads are refused above ``max-file-size`` (5 MB unless configured)."""
        return self.config.max_file_size


class Refused(Exception):
    """A request the page cannot answer with a report: a short message and a status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------------------------------
# Checking: the one call into the API
# --------------------------------------------------------------------------------------------


def lint_source(
    source: SourceText, *, reason: str | None, notice: str | None, config: Config
) -> Report:
    """Check one letter on the warm path. The page's only call into the API: one
    :class:`~poa_lint.batch.Checker` for the life of the server keeps the config validated
    and the rules prepared, as :class:`poa_lint.Linter` does, so each request pays for the
    parse and the checks only."""
    from ..batch import Job

    return _checker().check([Job(source, config)], reason=reason, notice=notice)[0]


@lru_cache(maxsize=1)
def _checker() -> Checker:
    from ..batch import Checker

    return Checker()


def warm_up(settings: Settings) -> None:
    """Load the spaCy pipeline, the catalogue and the templates before the first visitor."""
    from ..api import text_source

    letter = "Dear team,\nWe refunded the buyer on 3 May.\nFrom now on we check every order."
    lint_source(text_source(letter), reason="odr", notice=None, config=settings.config)
    for lang in LANGUAGES:
        translator(lang)
        for template in ("page.html", "result.html", "report.html"):
            environment(lang).get_template(template)


@dataclass(frozen=True)
class Checked:
    report: Report
    source: SourceText
    title: str


def _check(
    source: SourceText, reason: str | None, notice: str | None, settings: Settings, title: str
) -> Checked:
    report = lint_source(
        source, reason=reason or None, notice=notice or None, config=settings.config
    )
    return Checked(report, source, title)


def _answer(checked: Checked, tr: Translator, **extra: Any) -> dict[str, Any]:
    """What the page needs from a check: the result's HTML and a plain-text report to copy."""
    view = letter_view(checked.report, checked.source.text, tr, title=checked.title)
    verdict = checked.report.verdict
    return {
        **extra,
        "html": render_result(view, tr.lang),
        "report": _text_report(checked, tr),
        "status": verdict.status if verdict is not None else None,
        "said": tr(N_("Checked: {verdict}."), verdict=view.status_word),
        "verdict": view.status_word,
        "reason": view.reason,
        "counts": {"errors": view.errors, "warnings": view.warnings, "infos": view.infos},
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message, "key": f.key}
            for f in view.findings
        ],
    }


def _text_report(checked: Checked, tr: Translator) -> str:
    """The report as ``poa-lint check`` prints it, in the page's language (for "Copy")."""
    import io

    from ..reporters.text import TextReporter

    stream = io.StringIO()
    reporter = TextReporter(stream, rules=(), show_coverage=True, lang=tr.lang)
    reporter.handle(checked.report.model_copy(update={"path": checked.title}))
    reporter.finish()
    return stream.getvalue()


# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------


def _language(request: Request, settings: Settings) -> Translator:
    """``?lang=``, then the language the server was started with, then the browser's."""
    chosen = normalize(request.query_params.get("lang"))
    if chosen is None and settings.lang is not None:
        chosen = settings.lang
    if chosen is None:
        chosen = from_accept_language(request.headers.get("accept-language"))
    return translator(chosen)


async def _body(request: Request, limit: int, too_big: str) -> bytes:
    """The request's body, refused (413) past ``limit`` bytes before any more is read."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refused(413, too_big)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, too_big)
        chunks.append(chunk)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


async def page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    tr = _language(request, settings)
    from ..reasons import load_taxonomy

    reasons = [(r.id, tr.gettext(r.name)) for r in load_taxonomy().reasons]
    strings = {
        "checking": tr.gettext("Checking…"),
        "empty": tr.gettext("Paste or upload a letter to see what a reviewer would object to."),
        "copied": tr.gettext("The report is copied."),
        "copyFailed": tr.gettext("The report could not be copied: select it and copy it yourself."),
        "failed": tr.gettext(
            "poa-lint could not check the letter. Your text is still in the box; try again."
        ),
        "replace": tr.gettext("Replace the text in the box with the outline?"),
        "uploading": tr.gettext("Reading the file…"),
        "tooBig": tr(
            N_("The file is larger than {limit}, too large for a letter: is it the right file?"),
            limit=_megabytes(settings.upload_limit),
        ),
    }
    html = render(
        "page.html",
        tr.lang,
        reasons=reasons,
        languages=list(LANGUAGES.items()),
        strings=strings,
        upload_limit=settings.upload_limit,
        accept=",".join(UPLOAD_SUFFIXES),
    )
    return HTMLResponse(html)


async def check(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    tr = _language(request, settings)
    body = await _body(
        request,
        MAX_REQUEST_BYTES,
        tr(
            N_("The letter is larger than {limit}, too large to check."),
            limit=_megabytes(MAX_REQUEST_BYTES),
        ),
    )
    data = _fields(body, tr)
    text = data["text"]
    if not text.strip():
        return JSONResponse({"empty": True, "html": "", "report": ""})
    from ..api import text_source

    def work() -> dict[str, Any]:
        source = text_source(text)
        return _answer(
            _check(source, data["reason"], data["notice"], settings, tr.gettext("your letter")), tr
        )

    return JSONResponse(await _run(work, tr))


async def report_document(request: Request) -> Response:
    """The checked letter as a self-contained HTML file (the page's "Download" button)."""
    settings: Settings = request.app.state.settings
    tr = _language(request, settings)
    body = await _body(request, MAX_REQUEST_BYTES, tr.gettext("The letter is too large to check."))
    data = _fields(body, tr)
    if not data["text"].strip():
        raise Refused(
            422, tr.gettext("There is no letter to report on: paste or upload one first.")
        )
    from ..api import text_source

    def work() -> str:
        checked = _check(
            text_source(data["text"]),
            data["reason"],
            data["notice"],
            settings,
            data["title"] or tr.gettext("your letter"),
        )
        view = letter_view(checked.report, checked.source.text, tr, title=checked.title)
        return render_document([view], tr.lang)

    html = await _run(work, tr)
    return HTMLResponse(
        html,
        headers={"Content-Disposition": 'attachment; filename="poa-lint-report.html"'},
    )


async def upload(request: Request) -> Response:
    """A .txt, .md or .docx file, sent as JSON (``name``, ``data`` in base64, ``reason``,
    ``notice``): refused past the size limit before it is read, decoded in memory, checked,
    and its text returned for the box."""
    import base64
    import binascii

    settings: Settings = request.app.state.settings
    tr = _language(request, settings)
    limit = settings.upload_limit
    too_big = tr(
        N_("The file is larger than {limit}, too large for a letter: is it the right file?"),
        limit=_megabytes(limit),
    )
    # base64 takes 4 bytes for 3, plus room for the notice and the other fields
    body = await _body(request, limit * 4 // 3 + MAX_NOTICE_BYTES, too_big)
    try:
        data = json.loads(body.decode("utf-8"))
        name = str(data["name"]).replace("\\", "/").rsplit("/", 1)[-1][:200] or "letter.txt"
        content = base64.b64decode(str(data["data"]), validate=True)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error):
        raise Refused(400, _not_understood(tr)) from None
    if len(content) > limit:
        raise Refused(413, too_big)
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise Refused(
            415,
            tr(
                N_(
                    "{name}: the page reads .txt, .md and .docx files; for a PDF or an image, "
                    "copy the letter's text into the box instead"
                ),
                name=name,
            ),
        )
    reason = data.get("reason") if isinstance(data.get("reason"), str) else None
    notice = data.get("notice") if isinstance(data.get("notice"), str) else None
    from ..api import limits_for
    from ..readers import read_bytes

    def work() -> dict[str, Any]:
        source = read_bytes(content, name, limits=limits_for(settings.config))
        checked = _check(source, reason, notice, settings, name)
        return _answer(checked, tr, text=source.text, name=name)

    return JSONResponse(await _run(work, tr))


async def outline_text(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    tr = _language(request, settings)
    from ..outline import outline
    from ..reasons import resolve_reason

    wanted = request.query_params.get("reason") or None
    try:
        reason = resolve_reason(wanted) if wanted else None
    except PoaLintError as exc:
        raise Refused(422, tr.error(exc)) from exc
    return JSONResponse({"text": outline(reason, tr)})


def _fields(body: bytes, tr: Translator) -> dict[str, str]:
    """The page's JSON: ``text`` (required), ``reason``, ``notice`` and ``title`` (strings)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise Refused(400, _not_understood(tr))
    fields = {"text": data["text"]}
    for key in ("reason", "notice", "title"):
        value = data.get(key)
        fields[key] = value if isinstance(value, str) else ""
    return fields


def _not_understood(tr: Translator) -> str:
    return tr.gettext("The page sent a request poa-lint does not understand; reload it.")


async def _run(work: Callable[[], Any], tr: Translator) -> Any:
    """Do the work in a thread; its problems become short messages, never a stack trace."""
    try:
        return await run_in_threadpool(work)
    except PoaLintError as exc:
        raise Refused(422, tr.error(exc)) from exc
    except Exception as exc:
        # the type only: the message or a traceback could quote the letter
        log.error("poa-lint could not check a letter: %s", type(exc).__name__)
        raise Refused(
            500,
            tr.gettext(
                "poa-lint could not check the letter. Your text is still in the box; try again."
            ),
        ) from None


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return JSONResponse({"error": exc.message}, status_code=exc.status)


class SecurityHeaders:
    """Content-Security-Policy and friends on every response (pure ASGI middleware)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(event: Any) -> None:
            if event["type"] == "http.response.start":
                headers = list(event.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                event = {**event, "headers": headers}
            await send(event)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None, *, hosts: list[str] | None = None) -> Starlette:
    """The page's app. ``hosts``: the Host headers it answers (default: this computer's
    loopback names; ``["*"]`` when serving beyond it)."""
    settings = settings or Settings(config=Config())
    static = StaticFiles(packages=[("poa_lint.web", "static")])
    app = Starlette(
        routes=[
            Route("/", page),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/upload", upload, methods=["POST"]),
            Route("/api/report", report_document, methods=["POST"]),
            Route("/api/outline", outline_text),
            Mount("/static", app=static, name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                TrustedHostMiddleware,
                allowed_hosts=hosts or list(LOOPBACK_HOSTS),
            ),
        ],
        exception_handlers={Refused: _refused},
    )
    app.state.settings = settings
    return app


__all__ = ["Settings", "create_app", "lint_source", "warm_up"]
