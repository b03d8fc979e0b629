"""`wargame replay SAVE`: watch a saved game again in the replay viewer, check that it
replays exactly, or retell it as text.

    wargame replay SAVE            the replay viewer: step by step, the board as it was,
                                   charts, what-if branches, notes (--turn N, --as ROLE,
                                   --compare OTHER)
    wargame replay SAVE --verify   one line: OK (exit 0), the first turn that diverges
                                   (exit 1), or what is wrong with the file (exit 2)
    wargame replay SAVE --text     the game turn by turn: events, orders (with the bots'
                                   reasons), rolls, consequences and the end
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from wargame.session import Session

VIEWPOINTS = ("referee", "lukashenko", "putin", "opposition", "public")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a saved game (.json)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--verify", action="store_true",
                      help="replay headless and compare every turn's digest; exit 0 when "
                      "all match, 1 naming the first turn that diverges")
    mode.add_argument("--text", action="store_true",
                      help="print the game turn by turn as text instead of opening the "
                      "viewer")
    parser.add_argument("--turn", type=int, metavar="N",
                        help="open the viewer at the start of turn N")
    parser.add_argument("--as", dest="viewpoint", choices=VIEWPOINTS, metavar="ROLE",
                        help="open the viewer as ROLE saw the game (lukashenko, putin, "
                        "opposition), as the public saw it (public: no hand), or as the "
                        "referee, who sees everything (the default)")
    parser.add_argument("--compare", metavar="OTHER",
                        help="open the viewer on a comparison with another save of the same "
                        "scenario (see also `wargame compare A B`)")
    parser.add_argument("--save-dir", metavar="DIR",
                        help="where branches go when the save's own folder cannot be "
                        "written (default: $WARGAME_SAVE_DIR or the user data folder)")


def run(args: argparse.Namespace) -> int:
    from wargame.saves import Divergence, SaveError

    # Every option is checked here, in words, before a file is read or a screen opens.
    if args.turn is not None and args.turn < 1:
        raise UserError(f"--turn must be 1 or more (the first turn is 1), not {args.turn}")
    if args.verify or args.text:
        given = [name for name, value in (("--turn", args.turn), ("--as", args.viewpoint),
                                          ("--compare", args.compare)) if value is not None]
        if given:
            raise UserError(f"{' and '.join(given)} go{'es' if len(given) == 1 else ''} with "
                            f"the replay viewer, not with --{'verify' if args.verify else 'text'}")
    if args.verify:
        from wargame.saves import verify

        try:
            result = verify(args.save)
        except Divergence as exc:
            raise UserError(str(exc), 1) from None
        except SaveError as exc:
            raise UserError(str(exc), 2) from None
        print(result.summary())
        return 0

    from wargame.session import Session

    try:
        session = Session.load(args.save)
    except SaveError as exc:
        raise UserError(str(exc), 2) from None
    if args.text:
        from wargame.cli import console

        render(session, console(highlight=False))
        return 0
    return open_viewer(session, args)


def open_viewer(session: Session, args: argparse.Namespace) -> int:
    """The replay viewer in the terminal (the title screen is under it: Escape goes
    there, q quits)."""
    from pathlib import Path

    from wargame.saves import SaveError
    from wargame.session import Session

    turns = session.state.turn
    if args.turn is not None and not 1 <= args.turn <= turns:
        raise UserError(f"--turn must be from 1 to {turns} (the turns this game has played)")
    other = None
    if args.compare:
        try:
            other = Session.load(args.compare)
        except SaveError as exc:
            raise UserError(str(exc), 2) from None
        if other.ruleset.scenario.id != session.ruleset.scenario.id:
            raise UserError(f"{args.compare} is a game of another scenario "
                            f"({other.ruleset.scenario.id}, not "
                            f"{session.ruleset.scenario.id}): compare games of one scenario")
    from wargame.tui.app import Replay, SpringboardApp

    viewpoint = None if args.viewpoint in (None, "referee") else args.viewpoint
    app = SpringboardApp(Replay(session, turn=args.turn, viewpoint=viewpoint, compare=other),
                         save_dir=Path(args.save_dir) if args.save_dir else None)
    app.run()
    return app.return_code or 0


# -- the game as text ------------------------------------------------------------------

_HIDDEN_KINDS = {"setup", "shuffle", "draw", "phase"}
_SHOWN_TRACKS = ("stability", "support", "economy", "sovereignty", "involvement",
                 "leverage", "unrest", "defections", "network")


def clean(text: str) -> str:
    """Text from a save (other people's notes, decks) made safe for the terminal."""
    from wargame.untrusted import printable

    return printable(text)


def render(session: Session, console: Console) -> None:
    """Print the whole game: setup, each turn, the notes where they were made, the end."""
    import textwrap

    from rich.text import Text

    from wargame.engine import ROLE_NAMES, ROLES, margins, replay
    from wargame.engine.editions import edition_name
    from wargame.engine.tracks import ROLE_SYMBOLS, TRACK_BY_NAME
    from wargame.saves import FORMAT_VERSION, turn_label

    state, ruleset = session.state, session.ruleset

    def say(text: str, style: str = "", indent: int = 0) -> None:
        """One line of the retelling; a long one wraps under its own first letter."""
        pad = " " * indent
        lines = textwrap.wrap(text, width=max(20, console.width - 1), initial_indent=pad,
                              subsequent_indent=pad) or [pad]
        console.print(Text("\n".join(lines), style=style), no_wrap=True, overflow="ignore")

    scenario = ruleset.scenario
    from wargame.telling import line, result_line
    say(clean(scenario.title), "bold")
    say(f"{edition_name(ruleset.edition)} · seed {session.seed} · {session.turns} turns "
        f"from {scenario.month_label(1)} · game {session.game_id} · save format "
        f"{FORMAT_VERSION} · decks {ruleset.digest[:12]}", "dim")
    say("Players: " + "; ".join(f"{ROLE_NAMES[r]} {session.seats[r].label}" for r in ROLES))
    if session.parent is not None:
        p = session.parent
        say(f"A branch of {clean(p.file) or 'game ' + p.game}, from the start "
            f"of {turn_label(ruleset, p.turn)}", "italic")

    reasons: dict[tuple[int, str], str] = {}
    for index, recorded in enumerate(session.record):
        if recorded.reason:
            reasons[(session.turn_of_action(index), recorded.by)] = recorded.reason
    # The state at the end of every turn (for the margins line), and where in the log
    # each note was made.
    ends = {cp.after: cp for cp in session.checkpoints[1:]}
    turn_states = {}
    log_at: list[int] = []
    for index, s in enumerate(replay(ruleset, session.seed,
                                     [r.action for r in session.record], session.turns)):
        log_at.append(len(s.log))
        if index in ends:
            turn_states[ends[index].turn] = s
    pending = [(log_at[n.action_index], n.turn, n.text) for n in session.notes]

    def print_notes(upto: int, turn: int) -> None:
        """The notes of `turn` made before log entry `upto`, once each."""
        for item in [p for p in pending if p[0] <= upto and p[1] == turn]:
            pending.remove(item)
            say(f"✎ Note: {clean(item[2])}", "bold blue")

    for turn in range(1, state.turn + 1):
        console.rule(Text(f"Turn {turn}: {scenario.month_label(turn)}", style="bold"))
        for position, entry in enumerate(state.log):
            if entry.turn != turn:
                continue
            print_notes(position, turn)
            if entry.kind in _HIDDEN_KINDS:
                continue
            text = clean(line(entry, ruleset))
            if entry.kind == "event":
                say(text, "bold cyan")
            elif entry.kind == "reveal":
                say(f"{ROLE_SYMBOLS.get(entry.role, '·')} {text}", "bold")
                reason = reasons.get((turn, entry.role))
                if reason:
                    say(f"why: {clean(reason)}", "italic dim", 4)
            elif entry.kind == "roll" and entry.roll is not None:
                rolled, needed = entry.roll
                say(f"⚄ {text}", "green" if rolled <= needed else "red", 2)
            elif entry.kind == "consequence":
                source = f" ({clean(entry.source)})" if entry.source else ""
                say(f"▸ {text}{source}", "yellow", 2)
            elif entry.kind == "income":
                say(text, "dim", 2)
            elif entry.kind == "end":
                say(text, "bold magenta")
            else:
                say(text, "", 2)
        end = turn_states.get(turn)
        if end is not None or turn == state.turn:
            print_notes(len(end.log) if end is not None else len(state.log), turn)
        if end is not None:
            tracks = " · ".join(f"{TRACK_BY_NAME[n].label} {TRACK_BY_NAME[n].format(end.track(n))}"
                                for n in _SHOWN_TRACKS)
            m = margins(end.tracks, end.flags, end.ruleset.edition)
            say(f"End of {scenario.month_label(turn)}: {tracks}", "dim")
            say("Margins: " + ", ".join(f"{ROLE_NAMES[r]} {m[r]:+d}" for r in ROLES), "dim")
    if state.phase == "over":
        console.rule(Text("Results", style="bold"))
        for role in ROLES:
            say(f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}: "
                f"{result_line(role, state.tracks, state.flags, state.ruleset.edition)}",
                "bold magenta")
    if state.phase != "over":
        console.rule(Text("Not finished", style="bold"))
        say(f"The save stops in the {state.phase} phase of "
            f"{turn_label(ruleset, state.turn)}; `wargame resume` continues it.")
