"""`wargame serve`: the game in a web browser, for a class without terminals.

    wargame serve                        # http://127.0.0.1:8000, this machine only
    wargame serve --game class1          # each tab joins the hosted game class1
    wargame serve --host 0.0.0.0         # the whole network (read the warning it prints)

Every browser tab that opens the page starts its own `wargame` on this machine, run by
this user, shown in the tab through textual-serve (a terminal in the page).

Only the address the command prints opens the game: it carries a secret made for this
run (like Jupyter's token), without which the page is refused, and the page's
WebSocket, which drives the game, is accepted only from the page itself (its Origin and
Host are checked), so that neither another user of this machine nor another web page
open in the browser can start or drive a game (see docs/security.md).
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import secrets
import shlex
import socket
import sys
from typing import Any
from urllib.parse import urlsplit

from wargame.cli import UserError

WARNING = """\
WARNING: the game is served on {host}, not only to this machine.
Anyone who can reach {url} and has the address printed below (its token is
the only password, and it travels unencrypted over plain http) can open it: every tab
runs `wargame` on this machine as {user}, can start games, write saves and reports in
your folders and read the saved games there. Use it only on a network you trust (a
classroom's own network), never on the open internet; to reach a distant machine
safely keep the default host and use an SSH tunnel (ssh -L {port}:127.0.0.1:{port}).
Each tab is a process (about 60 MB): a class of 30 needs about 2 GB of memory.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                        help="the address to listen on (default: 127.0.0.1, this machine "
                        "only; 0.0.0.0 for every network, read the warning)")
    parser.add_argument("--port", type=int, default=8000, metavar="N",
                        help="the port (default: 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address the students' browsers use, when it is not "
                        "http://HOST:PORT (behind a proxy or a tunnel)")
    parser.add_argument("--game", metavar="GAME",
                        help="serve a hosted game (`wargame host`): each tab chooses a "
                        "role, or to watch; without it each tab opens the title screen")
    parser.add_argument("--class", dest="klass", metavar="NAME",
                        help="serve a class (`wargame class create`): each of its links "
                        "opens one seat, a projector, or the facilitator's dashboard")
    parser.add_argument("--dir", metavar="DIR",
                        help="where hosted games are kept (default: $WARGAME_GAMES_DIR or "
                        "games/ in the user data folder)")


def is_local(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The address to give the students: the machine's own address when listening on
    every network (0.0.0.0 or ::) rather than that wildcard, which a browser cannot use."""
    address = host
    if host in ("0.0.0.0", "::", ""):
        address = _own_address()
    if ":" in address and not address.startswith("["):
        address = f"[{address}]"
    return f"http://{address}:{port}"


def _own_address() -> str:
    # A UDP "connection" sends nothing; it only asks the kernel which interface it would use.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def token() -> str:
    """A new secret for one run of the server: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


def page_url(url: str, secret: str) -> str:
    """The address to open: the server's URL with the run's secret."""
    return f"{url.rstrip('/')}/?token={secret}"


def known_host(name: str, bound: str, public: str) -> bool:
    """Whether a request's Host names this server: an address (which no one else's DNS
    can point here, unlike a name: DNS rebinding), this machine's own names, the bound
    host or the public URL's."""
    name = name.strip("[]").lower()
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    names = {"localhost", bound.lower(), (urlsplit(public).hostname or "").lower(),
             socket.gethostname().lower(), socket.getfqdn().lower()}
    return name in names


def same_origin(origin: str | None, host: str, public: str) -> bool:
    """Whether a WebSocket's Origin is the game's own page: the address the request came
    to (its Host), or the public URL (behind a proxy). A missing Origin (no browser sent
    it) is refused too."""
    if not origin:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    mine = urlsplit(public)
    if (parts.scheme, parts.netloc.lower()) == (mine.scheme, mine.netloc.lower()):
        return True
    return parts.netloc.lower() == host.lower()


def guarded_server(command_line: str, *, host: str, port: int, title: str, public: str,
                   secret: str) -> Any:
    """textual-serve's server, guarded: every request must name this server in its Host;
    the page opens only with `?token=SECRET`; the WebSocket lives at /SECRET/ws and is
    accepted only from the game's own page (Origin). Anything else is refused (403)."""
    from aiohttp import web
    from textual_serve.server import Server

    socket_path = f"/{secret}/ws"

    def refuse(why: str) -> web.Response:
        return web.Response(status=403, text=f"Springboard: {why}\n")

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
        name = urlsplit(f"//{request.host}").hostname or ""
        if not known_host(name, host, public):
            return refuse("this server does not answer to that name")
        if request.path == "/" and not hmac.compare_digest(
                request.query.get("token", "").encode(), secret.encode()):
            return refuse("open the address `wargame serve` printed, with its token")
        if request.path == socket_path and not same_origin(
                request.headers.get("Origin"), request.host, public):
            return refuse("the game accepts its own page only")
        return await handler(request)

    class Guarded(Server):
        async def _make_app(self) -> web.Application:
            import aiohttp_jinja2
            import jinja2

            app = web.Application(middlewares=[guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get(socket_path, self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: the command has printed the address, with its token."""

    return Guarded(command_line, host=host, port=port, title=title, public_url=public)


def command(game_path: str | None) -> str:
    """The command each tab runs: this Python's wargame (the title screen, or joining a
    hosted game with the seats to choose from)."""
    words = [sys.executable, "-m", "wargame"]
    if game_path is not None:
        words += ["join", game_path]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    import getpass

    if getattr(args, "klass", None):
        if args.game is not None:
            raise UserError("--class and --game: serve one or the other")
        from wargame.cli.serve_class import run as run_class

        return run_class(args)
    if not 1 <= args.port <= 65535:
        raise UserError("--port must be from 1 to 65535")
    game = None
    if args.game is not None:
        from wargame.hosting import HostedError, find_game

        try:
            game = str(find_game(args.game, args.dir).resolve())
        except HostedError as exc:
            raise UserError(str(exc)) from None
    url = args.public_url or public_url(args.host, args.port)
    if not is_local(args.host):
        print(WARNING.format(host=args.host, url=url, user=getpass.getuser(),
                             port=args.port), file=sys.stderr, flush=True)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise UserError("`wargame serve` needs textual-serve: python -m pip install "
                        "textual-serve") from None
    title = "Springboard" + (f" — game {args.game}" if game else "")
    secret = token()
    server = guarded_server(command(game), host=args.host, port=args.port, title=title,
                            public=url, secret=secret)
    print(f"Springboard is served on {page_url(url, secret)} (Ctrl+C stops it)."
          + (" Each tab chooses a role of the hosted game, or to watch." if game else "")
          + "\nOnly that address opens it: its token is new each time.", flush=True)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}): "
                        "is the port in use? Choose another with --port") from None
    return 0
