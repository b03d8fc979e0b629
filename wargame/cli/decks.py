"""`wargame decks check [DIR]`: load a deck folder, print its cards or its problems."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="decks_command", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="check a deck folder and print its cards per role")
    check.add_argument("folder", nargs="?", help="deck folder (default: the shipped decks)")


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from wargame.cli import console as cli_console
    from wargame.decks import DeckError, load_decks
    from wargame.engine.tracks import DECK_OWNERS, ROLE_TITLES
    from wargame.untrusted import printable

    try:
        deckset = load_decks(args.folder)
    except DeckError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    console = cli_console(highlight=False)
    for owner in DECK_OWNERS:
        table = Table(title=f"{ROLE_TITLES[owner]}: {len(deckset.decks[owner])} cards",
                      title_justify="left", expand=False)
        table.add_column("Card")
        table.add_column("Title")
        if owner != "world":
            table.add_column("Cost", justify="right")
        table.add_column("¶", justify="right")
        table.add_column("Kind")
        for card_id in deckset.decks[owner]:
            card = deckset.cards[card_id]
            kind = ("demand" if card.demand else "options" if card.options else "")
            if card.once:
                kind = (kind + ", once").lstrip(", ")
            # Text, not markup: a title is shown as written, whatever brackets it holds.
            row = [Text(card.id), Text(printable(card.title))]
            if owner != "world":
                row.append(Text(str(card.cost)))
            row += [Text(", ".join(map(str, card.source))), Text(kind)]
            table.add_row(*row)
        console.print(table)
    summary = Table(title="Summary", title_justify="left")
    summary.add_column("Role")
    summary.add_column("Cards", justify="right")
    for owner in DECK_OWNERS:
        summary.add_row(ROLE_TITLES[owner], str(len(deckset.decks[owner])))
    summary.add_row("Scenarios", Text(", ".join(sorted(deckset.scenarios))))
    console.print(summary)
    console.print(Text.assemble(("OK", "bold"), f": {len(deckset.cards)} cards and "
                                f"{len(deckset.scenarios)} scenario(s) in "
                                f"{printable(deckset.folder)}"))
    return 0
