"""`wargame review SAVE... [--jobs N] [--budget PLAYOUTS] [--format md|html|json]
[-o FILE] [--scheduler ADDRESS]`: which decisions mattered, for every order of every
role, from determinised playouts (see `wargame.review`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wargame.cli import UserError, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from wargame.review import DEFAULT_BUDGET

    parser.add_argument("saves", nargs="+", metavar="SAVE", help="saved game(s) to review")
    parser.add_argument("--budget", type=int, default=DEFAULT_BUDGET, metavar="PLAYOUTS",
                        help="sampled futures per decision, each played for every legal "
                        f"order: more is slower and more precise (default: {DEFAULT_BUDGET})")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="J",
                        help="processes to spread the playouts over; the review is the "
                        "same for any J (default: 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="run the playouts on this Dask distributed scheduler "
                        "(tcp://host:8786; needs pip install 'wargame[cluster]'); the "
                        "review is the same as with one job")
    parser.add_argument("--format", choices=("md", "html", "json"), default="md",
                        help="Markdown (default), a standalone HTML page, or JSON data")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the review here (default: print it)")
    parser.add_argument("--no-cache", action="store_true",
                        help="compute again, neither reading nor writing the cache kept "
                        "beside each save")


def run(args: argparse.Namespace) -> int:
    from wargame.cluster import ClusterError
    from wargame.review import MAX_BUDGET, review_file
    from wargame.review.render import render_many
    from wargame.saves import SaveError

    if not 2 <= args.budget <= MAX_BUDGET:
        raise UserError(f"--budget must be from 2 to {MAX_BUDGET}")
    if not 1 <= args.jobs <= 256:
        raise UserError("--jobs must be from 1 to 256")
    reviews = []
    for path in args.saves:
        try:
            with _progress(path) as advance:
                reviews.append(review_file(path, args.budget, args.jobs, args.scheduler,
                                           advance, use_cache=not args.no_cache))
        except SaveError as exc:
            raise UserError(str(exc)) from None
        except ClusterError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    emit(render_many(reviews, args.format), args.output)
    return 0


class _progress:
    """A progress bar on standard error while one save is reviewed (none when standard
    error is not a terminal). No refresh thread: the review may fork worker processes,
    and a fork must not happen while another thread holds a lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from wargame.cli import console

        self.bar = Progress(TextColumn("[bold]Reviewing[/]"), BarColumn(),
                            MofNCompleteColumn(), TextColumn("playouts"),
                            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                            console=console(stderr=True), auto_refresh=False,
                            transient=True)
        self.bar.__enter__()
        task = self.bar.add_task("playouts", total=None)

        def advance(done: int, total: int) -> None:
            self.bar.update(task, completed=done, total=total, refresh=True)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
