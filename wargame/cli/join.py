"""`wargame join GAME --role ROLE | --observer`: play one role of a hosted game from this
terminal (only that role's hand is ever shown here), or watch its public board.

    wargame join class1 --role putin
    wargame join class1 --observer          # the projector
    wargame join class1                     # choose the role on screen

Closing the terminal loses nothing: join again to go on.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from wargame.cli import UserError

ROLES = ("lukashenko", "putin", "opposition")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("game", metavar="GAME",
                        help="the game's name (as `wargame host` printed it) or its file")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--role", choices=ROLES, metavar="ROLE",
                     help="the role this screen plays: lukashenko, putin or opposition "
                     "(without --role or --observer, choose on screen)")
    who.add_argument("--observer", action="store_true",
                     help="watch the public board (for the projector): no hand is shown")
    parser.add_argument("--take-over", action="store_true",
                        help="take the role even if another screen seems to play it")
    parser.add_argument("--dir", metavar="DIR",
                        help="where hosted games are kept (default: $WARGAME_GAMES_DIR or "
                        "games/ in the user data folder)")
    # A scripted player without a screen, for tests and demonstrations: FILE holds
    # {"<turn>": <order as in a save's actions>}; a turn missing from it waits forever.
    parser.add_argument("--script", metavar="FILE", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from wargame.hosting import HostedError, HostedSession, find_game

    try:
        path = find_game(args.game, args.dir)
    except HostedError as exc:
        raise UserError(str(exc)) from None
    if args.script is not None:
        if args.role is None:
            raise UserError("--script plays a role: give --role too")
        return scripted(path, args.role, Path(args.script), args.take_over)
    pick = args.role is None and not args.observer
    try:  # a seat that is taken or a bad file is one clear line, not a screen
        session = HostedSession.join(path, args.role, take_over=args.take_over,
                                     watch=not pick)
    except HostedError as exc:
        raise UserError(str(exc)) from None
    if pick:  # the tab chooses its seat on screen
        session.close()
        session = None
    from wargame.tui.app import SpringboardApp
    from wargame.tui.hosted import Join, leave

    app = SpringboardApp(Join(path, args.role, pick=pick, take_over=args.take_over,
                              session=session))
    try:
        app.run()
    finally:
        leave(app)
    return app.return_code or 0


def scripted(path: Path, role: str, script: Path, take_over: bool) -> int:
    """Play `role` from a script of orders, without a screen, as a joined player does:
    refresh, play the bots when this process holds their lease, advance, order."""
    from wargame.engine import AUTOMATIC, ORDERS, ROLES, Order, action_from_data
    from wargame.hosting import HostedError, HostedSession
    from wargame.untrusted import JsonLimits, Untrusted, parse_json, read_file

    limits = JsonLimits(max_bytes=1 << 20, max_depth=4, what="script of orders")
    try:
        raw = parse_json(read_file(script, limits.max_bytes, limits.what), limits)
        if not isinstance(raw, dict):
            raise Untrusted("not a table of orders by turn")
        orders = {int(turn): action_from_data(data) for turn, data in raw.items()}
    except FileNotFoundError:
        raise UserError(f"{script}: no such file") from None
    except Untrusted as exc:
        raise UserError(f"{script}: {exc}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise UserError(f"{script}: not a script of orders ({exc})") from None
    if not all(isinstance(o, Order) and o.role == role for o in orders.values()):
        raise UserError(f"{script}: every order must be {role}'s")
    try:
        session = HostedSession.join(path, role, take_over=take_over)
    except HostedError as exc:
        raise UserError(str(exc)) from None
    index = ROLES.index(role)
    with session:
        while not session.over:
            session.refresh()
            if session.runs_bots:
                while session.step():
                    pass
            state = session.state
            if state.phase in AUTOMATIC and not session.held:
                session.advance()
            elif state.phase == ORDERS and state.orders[index] is None \
                    and state.turn in orders:
                session.apply(orders[state.turn])
            else:
                time.sleep(0.05)
    return 0
