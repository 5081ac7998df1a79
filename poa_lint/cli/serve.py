"""``poa-lint serve``: the local web page, over the same API as the command line."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..errors import PoaLintError
from ..i18n import ENV, Translator, normalize
from ..texts import N_, message
from .common import catalog, fail, lang_option, language, main


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this computer's own (127.0.0.1, localhost) "
    "lets others on the network open the page.",
)
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--config", "config_path", metavar="FILE", help="Use this config file (no discovery)."
)
@lang_option
def serve(
    host: str, port: int, open_browser: bool, config_path: str | None, lang: str | None
) -> None:
    """Run the local web page: paste or upload a letter, see the findings in place."""
    tr = language(lang)
    try:
        import uvicorn

        from ..web.app import LOOPBACK_HOSTS, Settings, create_app, warm_up
    except ImportError:
        fail(N_("the web page needs the web extra: pip install 'poa-lint[web]'"), tr)
        return
    from ..config import ConfigResolver

    try:
        config = ConfigResolver(config_path).for_path(None)
        config.validate_against(catalog())
    except PoaLintError as exc:
        fail(exc.template, tr)
        return
    chosen = lang or os.environ.get(ENV) or config.lang  # else: each visitor's browser decides
    sock, address = _listen(host, port, tr)
    loopback = _is_loopback(address[0])
    if not loopback:
        click.echo(
            tr(
                N_(
                    "poa-lint: warning: listening on {host}: anyone who can reach this "
                    "computer can open the page and read the letters checked on it"
                ),
                host=host,
            ),
            err=True,
        )
    click.echo(tr.gettext("Loading the English model…"), err=True)
    settings = Settings(config=config, lang=normalize(chosen) if chosen else None)
    try:
        warm_up(settings)
    except PoaLintError as exc:
        sock.close()
        fail(exc.template, tr)
        return
    shown = "127.0.0.1" if address[0] in ("0.0.0.0", "::") else address[0]
    url = f"http://[{shown}]:{address[1]}/" if ":" in shown else f"http://{shown}:{address[1]}/"
    click.echo(tr(N_("poa-lint is running at {url} (press Ctrl+C to stop)"), url=url))
    sys.stdout.flush()
    # beyond loopback (or on an IPv6 address, which Starlette's host check cannot parse) the
    # page answers whatever host name it is reached by
    guarded = loopback and ":" not in address[0]
    app = create_app(settings, hosts=list(LOOPBACK_HOSTS) if guarded else ["*"])
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _listen(host: str, port: int, tr: Translator) -> tuple[Any, tuple[str, int]]:
    """A listening socket on ``host:port`` (port 0: a free one) and the address it got."""
    import socket

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        # "localhost" may list ::1 first; 127.0.0.1 is what browsers and the host check expect
        found.sort(key=lambda info: info[0] != socket.AF_INET)
        family, kind, proto, _, where = found[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(128)
        sock.set_inheritable(True)
    except OSError as exc:
        fail(
            message(
                N_("cannot listen on {host}:{port} ({reason}); choose another port with --port"),
                host=host,
                port=port,
                reason=exc.strerror or exc,
            ),
            tr,
        )
        raise AssertionError from exc  # _fail exits
    bound = sock.getsockname()
    return sock, (str(bound[0]), int(bound[1]))


def _is_loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
