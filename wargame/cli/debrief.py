"""`wargame debrief SAVE [SAVE ...] --format md|html|json -o FILE`: the after-action
report of one game, or the summary of several games of one scenario."""

from __future__ import annotations

import argparse
from pathlib import Path

from wargame.cli import UserError, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("saves", nargs="+", metavar="SAVE", help="saved game(s) to report on")
    parser.add_argument("--format", choices=("md", "html", "json"), default="md",
                        help="Markdown (default), a standalone HTML page, or JSON data")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report here (default: print it)")


def run(args: argparse.Namespace) -> int:
    from wargame.debrief import of_save
    from wargame.report import render, render_many
    from wargame.saves import SaveError, read

    debriefs = []
    for path in args.saves:
        try:
            debriefs.append(of_save(read(path)))
        except SaveError as exc:
            raise UserError(str(exc)) from None
    if len(debriefs) == 1:
        text = render(debriefs[0], args.format)
    else:
        scenarios = {d.ruleset.scenario.id for d in debriefs}
        if len(scenarios) > 1:
            raise UserError("these saves are of different scenarios "
                            f"({', '.join(sorted(scenarios))}); a class summary compares "
                            "games of one scenario")
        text = render_many(debriefs, args.format, [Path(p).name for p in args.saves])
    emit(text, args.output)
    return 0
