"""`wargame host`: create a game that several screens play, one role each.

    wargame host --game class1 --scenario classroom --bots putin=normal

It prints the `wargame join` command of every role and of the projector, then stays
open: it reports who joined and when each month is resolved (never what anyone ordered),
and plays the bots' seats. Ctrl+C closes it; the game is kept and goes on (any joined
screen then plays the bots). `--no-wait` creates the game and exits at once.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time

from wargame.cli import UserError
from wargame.engine.editions import edition_name

ROLES = ("lukashenko", "putin", "opposition")
LEVELS = ("easy", "normal", "hard")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--game", metavar="NAME",
                        help="the game's name, for `wargame join NAME` (default: game1, "
                        "game2... the first free one)")
    parser.add_argument("--scenario", metavar="ID", help="scenario id (default: october-2022; "
                        "classroom: six months for a 45-minute lesson)")
    parser.add_argument("--edition", type=int, metavar="N",
                        help="the rules edition to play under (default: the newest)")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="the game's seed (default: a random one, printed)")
    parser.add_argument("--turns", type=int, metavar="N",
                        help="number of turns (default: the scenario's)")
    parser.add_argument("--bots", default="", metavar="ROLE=LEVEL,...",
                        help="roles played by bots, e.g. 'putin=normal' or "
                        "'lukashenko=easy,putin=hard' (default: people play every role)")
    parser.add_argument("--decks", metavar="DIR", help="a deck folder (default: the shipped "
                        "decks)")
    parser.add_argument("--dir", metavar="DIR",
                        help="where hosted games are kept (default: $WARGAME_GAMES_DIR or "
                        "games/ in the user data folder)")
    parser.add_argument("--no-wait", action="store_true",
                        help="create the game, print the commands and exit (the joined "
                        "screens play the bots)")


def parse_bots(text: str, all_roles: bool = False) -> dict[str, str]:
    """'putin=normal,lukashenko=easy' -> {role: level}; bots in every seat only when
    `all_roles` (a class of bots). Raises UserError."""
    bots: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        role, eq, level = (x.strip().lower() for x in part.partition("="))
        if not eq or role not in ROLES:
            raise UserError(f"--bots: {part!r} is not ROLE=LEVEL (roles: {', '.join(ROLES)})")
        if level not in LEVELS:
            raise UserError(f"--bots: unknown level {level!r} (use {', '.join(LEVELS)})")
        if role in bots:
            raise UserError(f"--bots: {role} is given twice")
        bots[role] = level
    if len(bots) == len(ROLES) and not all_roles:
        raise UserError("--bots: at least one role must be played by people (`wargame play "
                        "--watch` shows a game of bots)")
    return bots


def run(args: argparse.Namespace) -> int:
    import secrets

    from wargame.decks import DeckError, load_decks
    from wargame.hosting import HostedError, HostedSession, create
    from wargame.saves import Seat

    if args.seed is not None and not 0 <= args.seed < 2**64:
        raise UserError("--seed must be a whole number from 0 to 18446744073709551615")
    if args.turns is not None and not 1 <= args.turns <= 60:
        raise UserError("--turns must be from 1 to 60")
    bots = parse_bots(args.bots)
    try:
        ruleset = load_decks(args.decks).ruleset(args.scenario, args.edition)
    except DeckError as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"--edition: {exc}") from None
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    seats = {r: Seat(r, "bot", bots[r]) if r in bots else Seat(r) for r in ROLES}
    try:
        path = create(ruleset, seed, seats, turns=args.turns, name=args.game,
                      games_dir=args.dir)
        session = HostedSession.join(path, None)
    except HostedError as exc:
        raise UserError(str(exc)) from None
    try:
        print(introduction(session, waits=not args.no_wait), flush=True)
        if args.no_wait:
            return 0
        return watch(session)
    finally:
        session.close()


def introduction(session, waits: bool) -> str:
    from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS

    state = session.state
    scenario = session.ruleset.scenario
    lines = [f"Hosted game {session.db_path.stem!r}: {scenario.title}, {state.turns} turns "
             f"from {scenario.month_label(1)}, seed {session.seed}, "
             f"{edition_name(session.ruleset.edition)}.",
             f"  the game:  {session.db_path}",
             f"  its save:  {session.path}  (for `wargame debrief` and `wargame replay`)",
             "", "Each team joins from its own terminal on this machine (at the keyboard or "
             "over SSH):"]
    for role in session.seats:
        label = f"  {ROLE_SYMBOLS[role]} {ROLE_NAMES[role]:<16}"
        seat = session.seats[role]
        if seat.kind == "bot":
            lines.append(f"{label} a bot ({seat.level})")
        else:
            lines.append(f"{label} {session.join_command(role)}")
    lines.append(f"  ○ {'the projector':<16} {session.join_command(None)}")
    lines += ["", "Or in a browser (each tab chooses its role): wargame serve --game "
              f"{shlex.quote(session.game_name)}"]
    if waits:
        lines += ["", "This window reports who joins and when each month is resolved "
                  "(never what anyone ordered)" + (" and plays the bots" if any(
                      s.kind == "bot" for s in session.seats.values()) else "")
                  + ". Ctrl+C closes it: the game is kept and goes on.", ""]
    return "\n".join(lines)


def watch(session, poll: float = 0.3) -> int:
    """Report the game as it goes and play the bots until it is over (or Ctrl+C)."""
    from wargame.engine import Order
    from wargame.engine.tracks import ROLE_NAMES
    from wargame.hosting import HostedError

    seen_actions = len(session.record)
    presence = {}
    try:
        while True:
            try:
                session.refresh()
                now = session.presence()
                for role in session.human_roles:
                    if now.get(role) != presence.get(role, "free"):
                        what = {"here": "joined", "away": "left (the seat is free to rejoin)",
                                "free": "is free"}[now[role]]
                        say(f"{ROLE_NAMES[role]} {what}")
                presence = now
                if session.runs_bots:
                    while session.step():  # the automatic phases and the bots' orders
                        pass
            except HostedError as exc:
                say(f"{exc} (trying again)")
                time.sleep(2)
                continue
            for recorded in session.record[seen_actions:]:
                if isinstance(recorded.action, Order):
                    say(f"{ROLE_NAMES[recorded.action.role]} has given its order")
            for cp in session.checkpoints:
                if cp.after > seen_actions and cp.turn > 0:
                    month = session.ruleset.scenario.month_label(cp.turn)
                    say(f"{month} resolved (turn {cp.turn}, digest {cp.digest[:12]})")
            seen_actions = len(session.record)
            if session.over:
                state = session.state
                won = " and ".join(ROLE_NAMES[r] for r in state.winners) or "nobody"
                end = "the regime fell" if state.end == "fallen" else "the months ran out"
                say(f"Game over in {state.month}: {end}; {won} "
                    f"{'win' if len(state.winners) > 1 else 'wins'}.")
                print(f"Debrief: wargame debrief {session.path}", flush=True)
                return 0
            time.sleep(poll)
    except KeyboardInterrupt:
        print("\nThis window is closed; the game is kept: "
              f"{session.join_command(None)}", file=sys.stderr)
        return 130


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)
