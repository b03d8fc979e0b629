"""Edition 1 is frozen: 200 games recorded with wargame 0.1.0 (before editions existed)
replay under edition 1 to the same digest at the end of every turn.

The corpus (tests/golden/edition1-games.json) mixes random and normal-bot players on both
shipped scenarios, with umpire actions (injected and held events, fixed rolls, notes) in a
quarter of the games; between them they order 52 different cards and fire every
consequence rule. The digests cover the whole state, the log's text included, so a change
to any edition-1 rule, effect or log sentence fails here, naming the game and the turn.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.decks import ruleset_from_data
from wargame.engine import Advance, Order, Umpire, apply, digest, new_game

GOLDEN = Path(__file__).parent / "golden" / "edition1-games.json"
DECKS = Path(__file__).parent / "golden" / "edition1-decks.json"
"""The decks and scenarios of 0.1 (with its rule settings resolved), as a save embeds
them: the games were played with these, whatever `decks/` holds now."""


def decode(token: str):
    kind, _, rest = token.partition(":")
    if kind == "a":
        return Advance()
    if kind == "o":
        role, card, option = rest.split(":", 2)
        return Order(role, card, option or None)
    what, card, value, reason = rest.split(":", 3)
    return Umpire(what, reason, card or None, int(value) if value else None)


GAMES = json.loads(GOLDEN.read_text())["games"]


@pytest.mark.parametrize("scenario", ["october-2022", "classroom"])
def test_edition1_games_replay_to_the_recorded_digests(scenario):
    ruleset = ruleset_from_data(json.loads(DECKS.read_text())[scenario], str(DECKS))
    games = [g for g in GAMES if g["scenario"] == scenario]
    assert len(games) == 100
    for game in games:
        state = new_game(ruleset, game["seed"], edition=1)
        marks = {after: d for after, d in game["turn_digests"]}
        for index, token in enumerate(game["actions"], start=1):
            state = apply(state, decode(token))
            if index in marks:
                assert digest(state) == marks[index], (
                    f"{scenario} seed {game['seed']}: turn {state.turn} diverges")
        assert digest(state) == game["final"], f"{scenario} seed {game['seed']}"
        assert (state.end, list(state.winners)) == (game["end"], game["winners"])
