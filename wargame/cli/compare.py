"""`wargame compare A B`: two saved games of one scenario side by side: where they first
differ (the turn, the action, the orders) and how every track and victory margin drifted
apart turn by turn. Markdown (the default, readable in a terminal) or JSON.

    wargame compare saves/twelve-months.json saves/twelve-months-branch-t6.json
    wargame compare A B --format json -o comparison.json

`wargame replay A --compare B` shows the same in the replay viewer, with charts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wargame.cli import UserError, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="a saved game (.json)")
    parser.add_argument("b", metavar="B", help="another save of the same scenario")
    parser.add_argument("--format", choices=("md", "json"), default="md",
                        help="Markdown (default) or JSON data")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the comparison here (default: print it)")


def run(args: argparse.Namespace) -> int:
    from wargame.debrief import compare, of_save
    from wargame.report import render_comparison
    from wargame.saves import SaveError, read

    debriefs = []
    for path in (args.a, args.b):
        try:
            debriefs.append(of_save(read(path)))
        except SaveError as exc:
            raise UserError(str(exc)) from None
    try:
        comparison = compare(*debriefs)
    except ValueError as exc:
        raise UserError(f"{args.a} and {args.b}: {exc}") from None
    text = render_comparison(comparison, args.format, (Path(args.a).name, Path(args.b).name))
    emit(text, args.output)
    return 0
