"""`wargame debrief SAVE [SAVE ...] --format md|html|json -o FILE`: the after-action
report of one game, or the summary of several games of one scenario."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wargame.cli import UserError, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("saves", nargs="+", metavar="SAVE", help="saved game(s) to report on")
    parser.add_argument("--format", choices=("md", "html", "json"), default="md",
                        help="Markdown (default), a standalone HTML page, or JSON data")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report here (default: print it)")
    parser.add_argument("--review", action="store_true",
                        help="review every order first (`wargame review`, cached beside "
                        "each save) for the 'Decisions that mattered' section; without it, "
                        "a review already cached is used")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="J",
                        help="processes for --review (default: 1)")


def run(args: argparse.Namespace) -> int:
    from wargame.debrief import of_save
    from wargame.report import render, render_many
    from wargame.saves import SaveError, read

    debriefs = []
    reviews = []
    for path in args.saves:
        try:
            debriefs.append(of_save(read(path)))
            reviews.append(_review(path, args))
        except SaveError as exc:
            raise UserError(str(exc)) from None
    if len(debriefs) == 1:
        text = render(debriefs[0], args.format, reviews[0])
    else:
        scenarios = {d.ruleset.scenario.id for d in debriefs}
        if len(scenarios) > 1:
            raise UserError("these saves are of different scenarios "
                            f"({', '.join(sorted(scenarios))}); a class summary compares "
                            "games of one scenario")
        known = [r for r in reviews if r is not None]
        text = render_many(debriefs, args.format, [Path(p).name for p in args.saves],
                           known if len(known) == len(reviews) else ())
    emit(text, args.output)
    return 0


def _review(path: str, args: argparse.Namespace) -> Any:
    """The game's review: computed with --review (or read from its cache), else the
    cached one if there is one."""
    from wargame.review import cached_review, review_file

    if not 1 <= args.jobs <= 256:
        raise UserError("--jobs must be from 1 to 256")
    if args.review:
        return review_file(path, jobs=args.jobs)
    try:
        return cached_review(path)
    except OSError:
        return None
