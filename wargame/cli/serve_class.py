"""`wargame serve --class NAME`: a class in web browsers. Each link of the class's
manifest opens one thing only: a table's seat (`wargame join TABLE --role ROLE`), its
projector (`--observer`), or the facilitator's dashboard (`wargame class run NAME`).

The link's secret (made when the class was created, kept in its 0600 manifest) is both
the page's token and the path of its WebSocket, and it chooses the command the tab
runs: a team's link cannot open another seat, nor the dashboard. Every other guard of
`wargame serve` holds (the Host names this server, the WebSocket comes from the page).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import hmac
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wargame.cli import UserError
from wargame.cli.serve import WARNING, is_local, known_host, public_url, same_origin


def commands(name: str, games_dir: str | None) -> tuple[Any, dict[str, tuple[str, str]]]:
    """The class, and each link's secret -> (what it opens, the command its tab runs)."""
    from wargame.hosting import default_games_dir
    from wargame.klass import OBSERVER, ClassError, load

    try:
        klass = load(name, games_dir)
    except ClassError as exc:
        raise UserError(str(exc)) from None
    folder = Path(games_dir) if games_dir else (klass.games or default_games_dir())
    folder = folder.resolve()
    python = [sys.executable, "-m", "wargame"]
    links = {klass.dashboard: ("the dashboard", shlex.join(
        [*python, "class", "run", klass.name, "--dir", str(folder)]))}
    for table in klass.tables:
        game = str(folder / f"{table.game}.sqlite")
        for seat, secret in table.tokens.items():
            who = ["--observer"] if seat == OBSERVER else ["--role", seat]
            what = f"table {table.number}, " + ("the projector" if seat == OBSERVER
                                                 else seat)
            links[secret] = (what, shlex.join([*python, "join", game, *who]))
    return klass, links


def class_server(links: dict[str, tuple[str, str]], *, host: str, port: int, title: str,
                 public: str) -> Any:
    """textual-serve's server, one command per link (see the module's docstring)."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    def refuse(why: str) -> web.Response:
        return web.Response(status=403, text=f"Springboard: {why}\n")

    def link_of(secret: str) -> str | None:
        for known in links:
            if hmac.compare_digest(secret.encode(), known.encode()):
                return known
        return None

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
        name = urlsplit(f"//{request.host}").hostname or ""
        if not known_host(name, host, public):
            return refuse("this server does not answer to that name")
        if request.path == "/" and link_of(request.query.get("token", "")) is None:
            return refuse("open a link that `wargame class create` or `wargame serve "
                          "--class` printed, with its token")
        if request.path.endswith("/ws") and (
                link_of(request.match_info.get("secret", "")) is None
                or not same_origin(request.headers.get("Origin"), request.host, public)):
            return refuse("the game accepts its own page only")
        return await handler(request)

    class ClassServer(Server):
        async def _make_app(self) -> web.Application:
            import jinja2

            app = web.Application(middlewares=[guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.index, name="index"),
                web.get("/{secret}/ws", self.socket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: the command has printed the links."""

        async def index(self, request: web.Request) -> web.StreamResponse:
            secret = link_of(request.query.get("token", "")) or ""
            url = f"{self.public_url}/{secret}/ws"
            socket = ("wss:" if url.startswith("https") else "ws:") + url.split(":", 1)[1]
            context = {"font_size": 16, "app_websocket_url": socket,
                       "config": {"static": {"url": f"{self.public_url}/static/"}},
                       "application": {"name": f"{title} — {links[secret][0]}"}}
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def socket(self, request: web.Request) -> web.WebSocketResponse:
            secret = link_of(request.match_info["secret"]) or ""
            command = links[secret][1]
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _size(request.query.get("width"), 80)
            height = _size(request.query.get("height"), 24)
            service = None

            async def close() -> None:
                await websocket.close()

            try:
                await websocket.prepare(request)
                service = AppService(command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=close,
                                     download_manager=self.download_manager,
                                     debug=self.debug)
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            finally:
                if service is not None:
                    await service.stop()
            return websocket

    return ClassServer(next(iter(links.values()))[1], host=host, port=port, title=title,
                       public_url=public)


def _size(text: str | None, default: int) -> int:
    try:
        return max(10, min(int(text or default), 1000))
    except ValueError:
        return default


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise UserError("--port must be from 1 to 65535")
    klass, links = commands(args.klass, args.dir)
    url = (args.public_url or public_url(args.host, args.port)).rstrip("/")
    if not is_local(args.host):
        print(WARNING.format(host=args.host, url=url, user=getpass.getuser(),
                             port=args.port), file=sys.stderr, flush=True)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise UserError("`wargame serve` needs textual-serve: python -m pip install "
                        "textual-serve") from None
    server = class_server(links, host=args.host, port=args.port,
                          title=f"Springboard — class {klass.name}", public=url)
    lines = [f"Class {klass.name} is served (Ctrl+C stops it). Each link opens one seat "
             "only: give each team its own."]
    for secret, (what, _command) in links.items():
        lines.append(f"  {what:<28} {url}/?token={secret}")
    print("\n".join(lines), flush=True)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}): "
                        "is the port in use? Choose another with --port") from None
    return 0
