"""The `wargame` command: a thin shell over the engine, decks, saves, bots and TUI.

Each subcommand lives in its own module in this package, with `add_arguments(parser)`
and `run(args) -> int`. Modules import what they need inside `run`, so `wargame --help`
and the title screen start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wargame import __version__
from wargame.untrusted import printable

if TYPE_CHECKING:
    from rich.console import Console

BROKEN_PIPE = 141
"""The exit status of a command whose reader went away (128 + SIGPIPE), as a shell's."""
INTERRUPTED = 130
"""The exit status after Ctrl+C (128 + SIGINT)."""

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "decks": ("wargame.cli.decks", "check the card decks and list them"),
    "replay": ("wargame.cli.replay", "watch a saved game step by step, verify it, or print it"),
    "play": ("wargame.cli.play", "play in the terminal (the default command)"),
    "resume": ("wargame.cli.resume", "go on with the last autosaved game"),
    "debrief": ("wargame.cli.debrief", "write the after-action report of saved games"),
    "compare": ("wargame.cli.compare", "two saved games side by side: where they differ"),
    "simulate": ("wargame.cli.simulate", "play many games between bots and report balance"),
    "review": ("wargame.cli.review", "which decisions mattered: every order against its "
               "alternatives, from playouts"),
    "host": ("wargame.cli.host", "host a game that several screens play, one role each"),
    "join": ("wargame.cli.join", "play one role of a hosted game, or watch it (--observer)"),
    "serve": ("wargame.cli.serve", "serve the game to web browsers (textual-serve)"),
    "class": ("wargame.cli.klass", "one facilitator, several tables: create, run, status, "
              "summary"),
}
"""name -> (module, one-line help). A module registers itself here."""


class UserError(Exception):
    """A problem the user can fix (a bad file, a bad option): printed without a traceback,
    exit status 2 unless `status` says otherwise."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def emit(text: str, output: str | None) -> None:
    """Write a command's text to OUTPUT (atomically: an old file survives a failed write)
    or, without one, to standard output; either way with no control character from a
    file in it (`wargame.untrusted.printable`)."""
    text = printable(text)
    if not output:
        sys.stdout.write(text)
        return
    from wargame.files import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"{output}: cannot be written ({exc.strerror or exc})") from None
    print(f"Wrote {output}", file=sys.stderr)


def console(**options: Any) -> Console:
    """A Rich console for a command's output (Rich's options). A reader that goes away
    (`| head`) ends the command as `main` ends any: quietly, with status 141 (Rich on its
    own would exit with 1, as if the command had failed)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(**options)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wargame",
        description="Springboard: will Belarus be drawn into the war, and would that break "
        "the regime? A card wargame for three roles. Run without a command to open the "
        "title screen.")
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = getattr(args, "_module", None)
    if module is None:
        if "play" in SUBCOMMANDS:
            module = importlib.import_module(SUBCOMMANDS["play"][0])
            args = parser.parse_args(["play", *(argv or [])])
            module = args._module
        else:
            parser.print_help()
            return 0
    try:
        code = int(module.run(args) or 0)
        sys.stdout.flush()
        return code
    except UserError as exc:
        print(f"wargame: {printable(str(exc))}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, as a shell tool
        # does, and let nothing more be written to the closed pipe at exit.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE

