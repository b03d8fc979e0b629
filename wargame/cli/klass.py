"""`wargame class`: one facilitator, several tables (hosted games) of one scenario.

    wargame class create demo --tables 5 --scenario classroom --timer 3m
    wargame class run demo               # the dashboard: every table, the umpire's controls
    wargame class run demo --watch       # watch only (a projector, a class of bots)
    wargame class status demo --json     # where each table stands, as data
    wargame class summary demo --format html -o class.html

`create` prints, for each table and seat, the `wargame join` command and the browser
link that `wargame serve --class demo` opens.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from typing import TYPE_CHECKING

from wargame.cli import UserError, emit
from wargame.cli.host import ROLES, parse_bots, say

if TYPE_CHECKING:
    from wargame.klass import Facilitator, Klass

SERVE_URL = "http://127.0.0.1:8000"
"""The address `wargame serve --class` prints by default (its --host and --port)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="create a class: N hosted games (tables)",
                            description="Create a class: N hosted games (tables) of one "
                            "scenario, each with its own seed, and print how each team "
                            "joins its table.")
    create.add_argument("name", metavar="NAME", help="the class's name (its tables are "
                        "NAME-1, NAME-2...)")
    create.add_argument("--tables", type=int, required=True, metavar="N",
                        help="how many tables (groups of three teams), 1 to 12")
    create.add_argument("--scenario", metavar="ID", help="scenario id (default: "
                        "october-2022; classroom: six months for a 45-minute lesson)")
    create.add_argument("--edition", type=int, metavar="N",
                        help="the rules edition to play under (default: the newest)")
    create.add_argument("--seed", type=int, metavar="S", help="the class's seed: each "
                        "table's derives from it (default: a random one, printed)")
    create.add_argument("--turns", type=int, metavar="N",
                        help="number of turns (default: the scenario's)")
    create.add_argument("--bots", default="", metavar="ROLE=LEVEL,...",
                        help="seats played by bots at every table, e.g. 'putin=normal' "
                        "(all three: a class of bots, for a demonstration)")
    create.add_argument("--timer", metavar="TIME", help="time for each month's orders "
                        "(3m, 90s, 2:30): the dashboard counts it down per table")
    create.add_argument("--decks", metavar="DIR", help="a deck folder (default: the "
                        "shipped decks)")
    for name, text in (("run", "the facilitator's dashboard: every table and the "
                               "umpire's controls"),
                       ("status", "where each table stands (turn, phase, waiting, margins)"),
                       ("summary", "the class summary of every table, during or after play")):
        command = sub.add_parser(name, help=text, description=text)
        command.add_argument("name", metavar="NAME", help="the class's name")
        if name == "run":
            command.add_argument("--watch", action="store_true",
                                 help="only watch (and play the bots): the projector's "
                                 "dashboard, or a class of bots played to the end")
            command.add_argument("--plain", action="store_true",
                                 help="no screen: print what happens at every table until "
                                 "every game is over (implies --watch)")
            command.add_argument("--take-over", action="store_true",
                                 help="take the umpire's seat even if another dashboard "
                                 "seems to hold it")
        elif name == "status":
            command.add_argument("--json", action="store_true", help="print JSON data")
        else:
            command.add_argument("--format", choices=("md", "html", "json"), default="md",
                                 help="Markdown (default), a standalone HTML page, or JSON")
            command.add_argument("-o", "--output", metavar="FILE",
                                 help="write it here (default: print it)")
    for command in sub.choices.values():
        command.add_argument("--dir", metavar="DIR",
                             help="where hosted games (and classes) are kept (default: "
                             "$WARGAME_GAMES_DIR or games/ in the user data folder)")


def run(args: argparse.Namespace) -> int:
    return {"create": create, "run": run_class, "status": status,
            "summary": summary}[args.class_command](args)


def _load(args: argparse.Namespace) -> Klass:
    from wargame.klass import ClassError, load

    try:
        return load(args.name, args.dir)
    except ClassError as exc:
        raise UserError(str(exc)) from None


# -- create ----------------------------------------------------------------------------


def create(args: argparse.Namespace) -> int:
    import secrets

    from wargame.classroom import parse_duration
    from wargame.decks import DeckError, load_decks
    from wargame.klass import ClassError, create_class

    if args.seed is not None and not 0 <= args.seed < 2**64:
        raise UserError("--seed must be a whole number from 0 to 18446744073709551615")
    if args.turns is not None and not 1 <= args.turns <= 60:
        raise UserError("--turns must be from 1 to 60")
    timer = 0
    if args.timer:
        try:
            timer = parse_duration(args.timer)
        except ValueError as exc:
            raise UserError(f"--timer: {exc}") from None
    bots = parse_bots(args.bots, all_roles=True)
    try:
        ruleset = load_decks(args.decks).ruleset(args.scenario, args.edition)
    except DeckError as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"--edition: {exc}") from None
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    try:
        klass = create_class(args.name, args.tables, ruleset, seed, bots=bots,
                             turns=args.turns, timer=timer, games_dir=args.dir)
    except ClassError as exc:
        raise UserError(str(exc)) from None
    print(introduction(klass, ruleset.scenario.title, args.dir))
    return 0


def introduction(klass: Klass, title: str, games_dir: str | None) -> str:
    from wargame.classroom import duration_text
    from wargame.engine.editions import edition_name
    from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS
    from wargame.klass import OBSERVER, class_dir

    where = f" --dir {shlex.quote(games_dir)}" if games_dir else ""
    timer = f", {duration_text(klass.timer)} for orders" if klass.timer else ""
    lines = [f"Class {klass.name!r}: {len(klass.tables)} tables of {title}, {klass.turns} "
             f"turns, {edition_name(klass.edition)}, class seed {klass.seed}{timer}.",
             f"  the class:  {class_dir(klass.name, games_dir)}", ""]
    for table in klass.tables:
        lines.append(f"Table {table.number} ({table.game}, seed {table.seed}):")
        for role in ROLES:
            label = f"  {ROLE_SYMBOLS[role]} {ROLE_NAMES[role]:<12}"
            if role in klass.bots:
                lines.append(f"{label} a bot ({klass.bots[role]})")
                continue
            lines.append(f"{label} wargame join {table.game} --role {role}{where}")
            lines.append(f"  {'':<14} {SERVE_URL}/?token={table.tokens[role]}")
        lines.append(f"  ○ {'projector':<12} wargame join {table.game} --observer{where}")
        lines.append(f"  {'':<14} {SERVE_URL}/?token={table.tokens[OBSERVER]}")
    lines += ["", "The facilitator's dashboard: wargame class run "
              f"{klass.name}{where}  (in a browser: {SERVE_URL}/?token={klass.dashboard})",
              f"The browser links open once `wargame serve --class {klass.name}{where}` runs "
              "(with --host or --port, use the address it prints); each opens that seat only.",
              "The links are secrets: give each team its own."]
    return "\n".join(lines)


# -- status and summary ------------------------------------------------------------------


def _open(klass: Klass, games_dir: str | None, *, umpire: bool,
          take_over: bool = False) -> Facilitator:
    from wargame.hosting import HostedError
    from wargame.klass import Facilitator

    try:
        return Facilitator.open(klass, games_dir, umpire=umpire, take_over=take_over)
    except HostedError as exc:
        raise UserError(str(exc)) from None


def status(args: argparse.Namespace) -> int:
    from wargame.engine.tracks import ROLE_SYMBOLS
    from wargame.klass import class_data

    klass = _load(args)
    with _open(klass, args.dir, umpire=False) as f:
        statuses = f.statuses()
    if args.json:
        emit(json.dumps(class_data(klass.name, statuses), indent=2, ensure_ascii=False)
             + "\n", None)
        return 0
    lines = [f"Class {klass.name}: {sum(s.over for s in statuses)} of {len(statuses)} "
             "tables finished."]
    for s in statuses:
        margins = " ".join(f"{ROLE_SYMBOLS[r]}{s.margins[r]:+d}" for r in ROLES)
        d = s.dilemma
        lines.append(f"  table {s.number} ({s.game}): {s.month}, turn {s.turn}/{s.turns}, "
                     f"{s.state_text()}; margins {margins}; involvement "
                     f"{d['involvement']}, border {d['troops_border']:,}, Ukraine "
                     f"{d['troops_ukraine']:,}, unrest {d['unrest']}, sovereignty "
                     f"{d['sovereignty']}" + (f"; paused: {s.paused}" if s.paused else ""))
    emit("\n".join(lines) + "\n", None)
    return 0


def summary(args: argparse.Namespace) -> int:
    from wargame.klass import render, table_games
    from wargame.saves import SaveError

    klass = _load(args)
    try:
        games = table_games(klass, args.dir)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    emit(render(klass, games, args.format), args.output)
    return 0


# -- run -----------------------------------------------------------------------------------


def run_class(args: argparse.Namespace) -> int:
    klass = _load(args)
    watch = args.watch or args.plain
    f = _open(klass, args.dir, umpire=not watch, take_over=args.take_over)
    try:
        if args.plain:
            return plain(f)
        from wargame.tui.dashboard import DashboardApp

        app = DashboardApp(f)
        app.run()
        return app.return_code or 0
    finally:
        f.close()


def plain(f: Facilitator, poll: float = 0.2) -> int:
    """Print each table's months as they are resolved, play the bots, until every game
    is over (or Ctrl+C)."""
    from wargame.engine.tracks import ROLE_NAMES

    months: dict[int, int] = {n: len(s.checkpoints) for n, s in f.sessions.items()}
    done: set[int] = set()
    try:
        while True:
            f.refresh()
            f.play_bots()
            for s in f.statuses():
                session = f.sessions[s.number]
                for cp in session.checkpoints[months[s.number]:]:
                    say(f"table {s.number}: {session.ruleset.scenario.month_label(cp.turn)} "
                        f"resolved (turn {cp.turn}, digest {cp.digest[:12]})")
                months[s.number] = len(session.checkpoints)
                if s.over and s.number not in done:
                    done.add(s.number)
                    won = " and ".join(ROLE_NAMES[r] for r in s.winners) or "nobody"
                    say(f"table {s.number}: game over in {s.month}; {won} "
                        f"{'win' if len(s.winners) > 1 else 'wins'}; save {session.path}")
            for number, problem in sorted(f.problems.items()):
                say(f"table {number}: {problem} (trying again)")
            if f.over:
                say(f"Class {f.klass.name}: every table is over. The summary: wargame class "
                    f"summary {f.klass.name}")
                return 0
            time.sleep(poll)
    except KeyboardInterrupt:
        print("\nStopped; the class is kept: wargame class run "
              f"{f.klass.name}", file=sys.stderr)
        return 130

