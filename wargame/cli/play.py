"""`wargame play`: open the game in the terminal. Without options it shows the title
screen; with any of --role / --bots / --seed / --turns / --hotseat / --watch it starts a
game at once:

    wargame play --role putin --bots hard --seed 7
"""

from __future__ import annotations

import argparse

from wargame.cli import UserError

ROLES = ("lukashenko", "putin", "opposition")
LEVELS = ("easy", "normal", "hard")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", action="append", choices=ROLES, metavar="ROLE",
                        help="the role you play (lukashenko, putin or opposition); give it "
                        "twice or three times for a hot-seat game; default: opposition")
    parser.add_argument("--bots", choices=LEVELS, metavar="LEVEL",
                        help="the level of the bots in the other seats: easy, normal "
                        "(default) or hard")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="the game's seed (default: a random one, shown in the game)")
    parser.add_argument("--turns", type=int, metavar="N",
                        help="number of turns (default: the scenario's, 12)")
    parser.add_argument("--scenario", metavar="ID", help="scenario id (default: october-2022)")
    parser.add_argument("--edition", type=int, metavar="N",
                        help="the rules edition to play under (default: the newest; 1 is the "
                             "rules of 0.1)")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--hotseat", action="store_true",
                     help="three people share the keyboard, one role each")
    who.add_argument("--watch", action="store_true", help="bots play every role; you watch")
    parser.add_argument("--decks", metavar="DIR", help="a deck folder (default: the shipped "
                        "decks)")
    parser.add_argument("--save-dir", metavar="DIR",
                        help="where games are autosaved (default: $WARGAME_SAVE_DIR or the "
                        "user data folder)")
    room = parser.add_argument_group("classroom (see the README's Classroom section)")
    room.add_argument("--facilitator", action="store_true",
                      help="facilitator controls: pause after each turn with the cards' "
                      "discussion questions; inject or hold back events, fix or override "
                      "rolls, show all hands (u opens the umpire's menu)")
    room.add_argument("--timer", metavar="TIME",
                      help="a time box for the orders, for example 3m or 90s; when it runs "
                      "out the facilitator waits longer or lets a bot order for the late role")
    room.add_argument("--team", action="append", metavar="ROLE=N",
                      help="a role played by a team of N (its vote on each order is asked "
                      "and kept), for example --team putin=5")
    room.add_argument("--forecast", action="append", metavar="OUTCOME",
                      help="before each resolution every human role says how likely this "
                      "is; the report scores them (Brier). An outcome (regime_falls, combat, "
                      "border, absorbed, unrest, lukashenko_wins, putin_wins, "
                      "opposition_wins) or a condition ('involvement >= 4'), optionally "
                      "followed by 'by N'")


def starts_a_game(args: argparse.Namespace) -> bool:
    return bool(args.role or args.bots or args.seed is not None or args.turns is not None
                or args.scenario or args.edition is not None or args.hotseat or args.watch
                or args.facilitator or args.timer or args.team or args.forecast)


def request_from(args: argparse.Namespace):
    from wargame.tui.app import NewGame, SeatChoice

    if args.seed is not None and not 0 <= args.seed < 2**64:
        raise UserError("--seed must be a whole number from 0 to 18446744073709551615")
    if args.turns is not None and not 1 <= args.turns <= 60:
        raise UserError("--turns must be from 1 to 60")
    if args.edition is not None:
        from wargame.engine import edition

        try:
            edition(args.edition)
        except ValueError as exc:
            raise UserError(f"--edition: {exc}") from None
    if args.watch and args.role:
        raise UserError("--watch and --role do not go together: --watch gives every role "
                        "to a bot")
    if args.hotseat and args.role:
        raise UserError("--hotseat and --role do not go together: --hotseat gives every "
                        "role to the people at the keyboard")
    if args.hotseat and args.bots:
        raise UserError("--hotseat leaves no seat for a bot: --bots is not needed")
    for role in set(args.role or ()):
        if args.role.count(role) > 1:
            raise UserError(f"--role {role} is given twice: give each role you play once "
                            "(two or three roles make a hot-seat game)")
    humans: set[str] = set(ROLES) if args.hotseat else set() if args.watch else set(
        args.role or ["opposition"])
    level = args.bots or "normal"
    seats = {r: SeatChoice("human") if r in humans else SeatChoice("bot", level)
             for r in ROLES}
    return NewGame(seats=seats, scenario=args.scenario, turns=args.turns, seed=args.seed,
                   edition=args.edition, classroom=classroom_from(args, humans))


def classroom_from(args: argparse.Namespace, humans: set[str]):
    """The classroom settings of --facilitator, --timer, --team and --forecast (None
    when none is given)."""
    from wargame.classroom import Settings, outcome_from_spec, parse_duration, parse_team

    if not (args.facilitator or args.timer or args.team or args.forecast):
        return None
    try:
        timer = parse_duration(args.timer) if args.timer else 0
    except ValueError as exc:
        raise UserError(f"--timer: {exc}") from None
    teams = {}
    for spec in args.team or []:
        try:
            role, size = parse_team(spec)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if role not in humans:
            raise UserError(f"--team {spec}: {role} is played by a bot; a team plays a "
                            "human seat (--role or --hotseat)")
        teams[role] = size
    outcomes = []
    for spec in args.forecast or []:
        try:
            outcome = outcome_from_spec(spec, args.turns)
        except ValueError as exc:
            raise UserError(f"--forecast: {exc}") from None
        if any(o.id == outcome.id for o in outcomes):
            raise UserError(f"--forecast {spec!r} is given twice")
        outcomes.append(outcome)
    from wargame.classroom import MAX_OUTCOMES

    if len(outcomes) > MAX_OUTCOMES:
        raise UserError(f"at most {MAX_OUTCOMES} outcomes can be forecast")
    return Settings(bool(args.facilitator), timer, teams, tuple(outcomes))


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    start = request_from(args) if starts_a_game(args) else None
    decks = Path(args.decks) if args.decks else None
    if decks is not None or args.scenario is not None:
        # Every option is checked here, in words, before a screen opens.
        from wargame.decks import DeckError, load_decks

        try:
            load_decks(decks).ruleset(args.scenario, args.edition)
        except DeckError as exc:
            raise UserError(str(exc)) from None
        except KeyError as exc:
            raise UserError(f"--scenario: {exc.args[0]}") from None
        except ValueError as exc:
            raise UserError(f"--edition: {exc}") from None
    if args.save_dir and Path(args.save_dir).exists() and not Path(args.save_dir).is_dir():
        raise UserError(f"--save-dir {args.save_dir} is a file, not a folder")
    from wargame.tui.app import SpringboardApp

    app = SpringboardApp(start, save_dir=Path(args.save_dir) if args.save_dir else None,
                         decks_dir=decks)
    app.run()
    return app.return_code or 0
