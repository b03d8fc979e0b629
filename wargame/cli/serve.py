"""`wargame serve`: the game in a web browser, for a class without terminals.

    wargame serve                        # http://127.0.0.1:8000, this machine only
    wargame serve --game class1          # each tab joins the hosted game class1
    wargame serve --host 0.0.0.0         # the whole network (read the warning it prints)

Every browser tab that opens the page starts its own `wargame` on this machine, run by
this user, shown in the tab through textual-serve (a terminal in the page).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys

from wargame.cli import UserError

WARNING = """\
WARNING: the game is served on {host}, not only to this machine.
Anyone who can reach {url} can open it, with no password: every tab runs
`wargame` on this machine as {user}, can start games, write saves and reports in your
folders and read the saved games there. Use it only on a network you trust (a
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


def command(game_path: str | None) -> str:
    """The command each tab runs: this Python's wargame (the title screen, or joining a
    hosted game with the seats to choose from)."""
    words = [sys.executable, "-m", "wargame"]
    if game_path is not None:
        words += ["join", game_path]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    import getpass

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
        from textual_serve.server import Server
    except ImportError:
        raise UserError("`wargame serve` needs textual-serve: python -m pip install "
                        "textual-serve") from None
    title = "Springboard" + (f" — game {args.game}" if game else "")
    server = Server(command(game), host=args.host, port=args.port, title=title,
                    public_url=url)
    print(f"Springboard is served on {url} (Ctrl+C stops it)."
          + (" Each tab chooses a role of the hosted game, or to watch." if game else ""),
          flush=True)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}): "
                        "is the port in use? Choose another with --port") from None
    return 0
