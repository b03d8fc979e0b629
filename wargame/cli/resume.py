"""`wargame resume [SAVE]`: go on with the newest autosaved game, or with SAVE."""

from __future__ import annotations

import argparse

from wargame.cli import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", nargs="?", metavar="SAVE",
                        help="a saved game (.json); default: the newest autosave")
    parser.add_argument("--save-dir", metavar="DIR",
                        help="the folder to look in (default: $WARGAME_SAVE_DIR or the user "
                        "data folder)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from wargame.saves import SaveError
    from wargame.session import Session

    save_dir = Path(args.save_dir) if args.save_dir else None
    if args.save:
        path = Path(args.save)
    else:
        found = Session.latest(save_dir)
        if found is None:
            from wargame.saves import default_save_dir

            where = save_dir or default_save_dir()
            raise UserError(f"there is no saved game in {where}: start one with `wargame`")
        path = found
    try:  # read it here, so that a bad file is one clear line, not a screen
        Session.load(path)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    from wargame.tui.app import Resume, SpringboardApp

    app = SpringboardApp(Resume(path), save_dir=save_dir)
    app.run()
    return app.return_code or 0
