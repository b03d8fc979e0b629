"""`wargame simulate`: many games between bots, for balance.

    wargame simulate --games 2000 --seed 7 --bots normal --jobs 2
    wargame simulate --bots normal,putin=hard --games 200 --json
    wargame simulate --decks my-decks --scenario october-2022 --save-dir runs/
    wargame simulate --edition 1 --json

Without --json it shows a progress bar, then tables: win rate per role with a 95%
confidence interval, game length, how games ended, every card's plays and the win rate
of its player when it was played, the consequence rules that fired, and the figures of
the article's dilemma (did Belarus enter the war, did the regime fall, and how).
With --json the same as one object, with a "dilemma" object of counts of games and the
regime's "compliance_rate" (see "Measuring the dilemma" in docs/design.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from wargame.cli import UserError

MAX_GAMES = 10_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--games", "-n", type=int, default=1000, metavar="N",
                        help="number of games (default: 1000)")
    parser.add_argument("--seed", "-s", type=int, default=1, metavar="S",
                        help="seed of the whole run; game i plays with a seed derived "
                        "from S and i (default: 1)")
    parser.add_argument("--bots", "-b", default="normal", metavar="LEVELS",
                        help="easy, normal or hard for every role, or per role: "
                        "'lukashenko=hard,putin=normal,opposition=easy', or a level with "
                        "exceptions: 'normal,putin=hard' (default: normal)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="J",
                        help="processes to spread the games over; the results are the "
                        "same for any J (default: 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="play the games on this Dask distributed scheduler "
                        "(tcp://host:8786; needs pip install 'wargame[cluster]'); the "
                        "results are the same as with one job")
    parser.add_argument("--turns", type=int, default=None, metavar="N",
                        help="months per game (default: the scenario's)")
    parser.add_argument("--decks", default=None, metavar="DIR",
                        help="deck folder (default: the shipped decks)")
    parser.add_argument("--scenario", default=None, metavar="ID",
                        help="scenario id in the deck folder (default: october-2022)")
    parser.add_argument("--edition", type=int, default=None, metavar="N",
                        help="rules edition to play (default: the newest)")
    parser.add_argument("--playouts", type=int, default=None, metavar="P",
                        help="the hard bot's budget per decision, in playouts")
    parser.add_argument("--save-dir", default=None, metavar="DIR",
                        help="keep every game as a save in DIR (slower)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object on stdout instead of tables")


def run(args: argparse.Namespace) -> int:
    from wargame.cluster import ClusterError
    from wargame.decks import DeckError, load_decks
    from wargame.saves import SaveError
    from wargame.simulate import check_edition, parse_bots, simulate

    if not 1 <= args.games <= MAX_GAMES:
        raise UserError(f"--games must be from 1 to {MAX_GAMES:,}")
    if not 0 <= args.seed < 2**64:
        raise UserError("--seed must be from 0 to 2**64 - 1")
    if not 1 <= args.jobs <= 256:
        raise UserError("--jobs must be from 1 to 256")
    if args.turns is not None and not 1 <= args.turns <= 60:
        raise UserError("--turns must be from 1 to 60")
    if args.playouts is not None and not 1 <= args.playouts <= 1_000_000:
        raise UserError("--playouts must be from 1 to 1,000,000")
    try:
        check_edition(args.edition)
    except ValueError as exc:
        raise UserError(f"--edition: {exc}") from None
    try:
        bots = parse_bots(args.bots)
    except ValueError as exc:
        raise UserError(f"--bots: {exc}") from None
    try:
        ruleset = load_decks(args.decks).ruleset(args.scenario)
    except DeckError as exc:
        raise UserError(str(exc), status=1) from None
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    except OSError as exc:
        raise UserError(f"cannot read the decks: {exc}") from None
    options = {"playouts": args.playouts} if args.playouts else {}
    if args.save_dir is not None:
        from pathlib import Path

        folder = Path(args.save_dir)
        if folder.exists() and not folder.is_dir():
            raise UserError(f"--save-dir {folder} is a file, not a folder")

    try:
        if args.json:
            result = simulate(ruleset, args.games, args.seed, bots, turns=args.turns,
                              jobs=args.jobs, save_dir=args.save_dir, bot_options=options,
                              edition=args.edition, scheduler=args.scheduler)
        else:
            result = _with_progress(ruleset, args, bots, options)
    except ClusterError as exc:
        raise UserError(str(exc)) from None
    except (OSError, SaveError) as exc:
        raise UserError(f"cannot write the saves in {args.save_dir}: {exc}") from None
    data = result.to_data(ruleset)
    if args.save_dir:
        data["save_dir"] = str(args.save_dir)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_tables(data, ruleset)
    return 0


def _with_progress(ruleset: Any, args: argparse.Namespace, bots: dict[str, str],
                   options: dict[str, Any]) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from wargame.cli import console as cli_console
    from wargame.simulate import simulate

    console = cli_console(stderr=True)
    # No refresh thread: the simulator may fork worker processes, and a fork must not
    # happen while another thread holds a lock. The bar redraws when games finish.
    with Progress(TextColumn("[bold]Simulating[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("games"), TimeElapsedColumn(), TextColumn("left"),
                  TimeRemainingColumn(), console=console, auto_refresh=False,
                  transient=True) as progress:
        task = progress.add_task("games", total=args.games)
        progress.refresh()

        def advance(n: int) -> None:
            progress.update(task, advance=n, refresh=True)

        result = simulate(ruleset, args.games, args.seed, bots, turns=args.turns,
                          jobs=args.jobs, save_dir=args.save_dir, bot_options=options,
                          progress=advance, edition=args.edition, scheduler=args.scheduler)
    return result


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _print_tables(data: dict[str, Any], ruleset: Any) -> None:
    from rich.table import Table

    from wargame.cli import console as cli_console
    from wargame.engine.rules import RULE_BY_NAME
    from wargame.engine.tracks import ROLE_NAMES, ROLES

    console = cli_console()
    games = data["games"]
    levels = ", ".join(f"{r}={lvl}" for r, lvl in data["bots"].items())
    jobs = data["jobs"]
    console.print(f"{games:,} games ({levels}), seed {data['seed']}: {data['seconds']:.1f} s "
                  f"on {jobs} process{'es' if jobs != 1 else ''}", highlight=False)

    wins = Table(title=f"Who wins: {games:,} games of {data['turns']} turns "
                 f"({data['scenario']})", title_justify="left")
    wins.add_column("Role")
    wins.add_column("Bot")
    wins.add_column("Wins", justify="right")
    wins.add_column("Win rate", justify="right")
    wins.add_column("95% interval", justify="right")
    for role in ROLES:
        lo, hi = data["win_rate_95"][role]
        wins.add_row(ROLE_NAMES[role], data["bots"][role], f"{data['wins'][role]:,}",
                     _pct(data["win_rates"][role]), f"{_pct(lo)} – {_pct(hi)}")
    wins.add_row("Nobody", "", f"{data['nobody_won']:,}", _pct(data["nobody_won"] / games),
                 "")
    console.print(wins)

    length = Table(title=f"Game length: {data['turns_mean']:.2f} turns on average, "
                   f"{data['short_games']:,} ended before turn 4", title_justify="left")
    length.add_column("Ended in turn", justify="right")
    length.add_column("Games", justify="right")
    length.add_column("Share", justify="right")
    length.add_column("")
    most = max(data["lengths"].values(), default=1)
    for turn, n in data["lengths"].items():
        length.add_row(turn, f"{n:,}", _pct(n / games), "█" * max(1, round(30 * n / most)))
    console.print(length)

    ends = Table(title="How the games ended", title_justify="left")
    ends.add_column("End")
    ends.add_column("Winners")
    ends.add_column("Games", justify="right")
    ends.add_column("Share", justify="right")
    words = {"fallen": "the regime fell", "time": "time ran out"}
    outcomes: dict[str, int] = data["outcomes"]  # 'time: putin+opposition' -> games
    for key, n in outcomes.items():
        end, _, winners = key.partition(": ")
        names = " and ".join(ROLE_NAMES.get(w, w) for w in winners.split("+")) \
            if winners != "nobody" else "nobody"
        ends.add_row(words.get(end, end), names, f"{n:,}", _pct(n / games))
    console.print(ends)

    for role in ROLES:
        base = data["win_rates"][role]
        cards = Table(title=f"{ROLE_NAMES[role]}'s cards: how often each was ordered, and "
                      f"how often {ROLE_NAMES[role]} won when it was (all games: "
                      f"{_pct(base)})", title_justify="left")
        cards.add_column("Card", no_wrap=True, overflow="ellipsis", max_width=30)
        cards.add_column("Played", justify="right")
        cards.add_column("Per game", justify="right")
        cards.add_column("Won", justify="right")
        cards.add_column("vs all", justify="right")
        cards.add_column("Fizzled", justify="right", min_width=7)
        for card_id, c in data["cards"].items():
            if c.get("role") != role:
                continue
            played = c["games"] > 0
            cards.add_row(c.get("title", card_id), f"{c['played']:,}",
                          f"{c['played_per_game']:.2f}",
                          _pct(c["win_rate"]) if played else "–",
                          f"{100 * (c['win_rate'] - base):+.1f}" if played else "",
                          f"{c['fizzled']:,}" if c["fizzled"] else "")
        for kind, n in data["free_orders"][role].items():
            if n:
                cards.add_row(f"[italic]({kind})[/]", f"{n:,}", f"{n / games:.2f}", "", "",
                              "")
        console.print(cards)

    rules = Table(title="Consequence rules that fired", title_justify="left")
    rules.add_column("Rule")
    rules.add_column("¶")
    rules.add_column("Fired", justify="right")
    rules.add_column("Per game", justify="right")
    for name, n in sorted(data["consequences"].items(), key=lambda kv: -kv[1]):
        rule = RULE_BY_NAME.get(name)
        rules.add_row(rule.title if rule else name, rule.source if rule else "", f"{n:,}",
                      f"{n / games:.2f}")
    console.print(rules)
    _print_dilemma(console, data)
    if data.get("save_dir"):
        console.print(f"Every game is saved in {data['save_dir']}")


DILEMMA_ROWS = (
    ("entered_war", "Belarusian troops entered the war (5,000 or more in Ukraine)", ""),
    ("entries_late", "… first in the last two turns", "entered_war"),
    ("massed_at_border", "10,000 or more troops massed at the border", ""),
    ("regime_fell", "The regime fell", ""),
    ("fell_by_uprising", "… by an uprising (the rule or the opposition's call)", "regime_fell"),
    ("fell_by_collapse", "… by collapse (stability ran out)", "regime_fell"),
    ("absorbed", "Absorbed: sovereignty 1 or less, the regime standing", ""),
    ("putin_military_wins", "Putin won by involvement (4 or more)", ""),
    ("putin_absorption_wins", "Putin won by absorption (sovereignty 1 or less)", ""),
    ("uprising_calls", "Uprisings called (calls, not games)", ""),
    ("uprising_calls_won", "… that toppled the regime", "uprising_calls"),
    ("uprising_calls_full_garrison", "… with the whole garrison in Minsk", "uprising_calls"),
    ("uprising_calls_late", "… in the last two turns", "uprising_calls"),
    ("ladder_down", "Involvement went down at some point", ""),
)


def _print_dilemma(console: Any, data: dict[str, Any]) -> None:
    from rich.table import Table

    d = data.get("dilemma")
    if not d:
        return
    games = data["games"]
    table = Table(title="The article's question: was Belarus drawn in, did the regime "
                  "break?", title_justify="left")
    table.add_column("Figure")
    table.add_column("Count", justify="right")
    table.add_column("Share", justify="right")
    for key, label, of in DILEMMA_ROWS:
        n, whole = d[key], d[of] if of else games
        if key == "uprising_calls":
            share = f"{n / games:.2f} a game"
        else:
            share = (_pct(n / whole) if whole else "–") + (f" of {whole:,}" if of else "")
        table.add_row(label, f"{n:,}", share)
    for rung, n in enumerate(d["rungs_reached"]):
        table.add_row(f"Involvement stood at {rung} at some point", f"{n:,}",
                      _pct(n / games))
    rate = data.get("compliance_rate")
    table.add_row("The regime complied with Moscow's demands",
                  f"{d['complies']:,} of {d['answers']:,}",
                  _pct(rate) if rate is not None else "–")
    console.print(table)
