"""Edition 2: every track and flag on the board is read by something that happens in play
(a consequence rule that fires, a card whose condition or amount is evaluated when it is
played, or the victory margins), so no part of the board is decoration. Edition 1 left
nine flags, the support staff and the volunteers read by nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from wargame.decks import load_decks
from wargame.engine import ROLES
from wargame.engine.effects import If, Roll
from wargame.engine.rules import READS_2, RULES_2
from wargame.engine.tracks import FLAGS, RESOURCE_OF, TRACKS
from wargame.simulate import game_seed, play_game

ROOT = Path(__file__).resolve().parent.parent
GAMES = 150

VICTORY_READS = ("stability", "sovereignty", "involvement", "defections", "network",
                 "regime_fallen")
"""`rules.margins`: read at the end of every game."""


def card_reads(card) -> set[str]:
    """The names a card's conditions and amounts read when it is played."""
    exprs = [card.requires] if card.requires else []
    names: set[str] = set()
    effects = [*card.effects, *(e for o in card.options for e in o.effects)]
    if card.demand is not None:
        effects += [*card.demand.comply, *card.demand.stall]
        names.update(card.demand.reads)  # whether Moscow has asked again already
    for effect in effects:
        for e in effect.walk():
            if isinstance(e, If):
                exprs.append(e.condition)
            elif isinstance(e, Roll):
                exprs.append(e.chance)
            amount = getattr(e, "amount", None)
            if amount is not None:
                exprs.append(amount)
    return names | {name for x in exprs for name in x.names}


@pytest.fixture(scope="module")
def firings():
    """How often each reader fired over normal-bot games of both scenarios."""
    decks = load_decks(ROOT / "decks")
    fired: Counter[str] = Counter()
    for scenario in ("october-2022", "classroom"):
        rs = decks.ruleset(scenario)
        for i in range(GAMES):
            state = play_game(rs, game_seed(11, i), dict.fromkeys(ROLES, "normal"))
            fired["victory"] += 1
            for e in state.log:
                if e.kind == "consequence":
                    fired[f"rule:{e.rule}"] += 1
                elif e.kind in ("reveal", "event", "answer") and e.card in rs.cards:
                    fired[f"card:{e.card}"] += 1
    return decks, fired


def test_every_edition_2_rule_says_what_it_reads():
    assert set(READS_2) == {r.name for r in RULES_2}


def test_every_track_and_flag_is_read_by_something_that_fires(firings):
    decks, fired = firings
    readers: dict[str, Counter[str]] = {}

    def read(name: str, reader: str) -> None:
        readers.setdefault(name, Counter())[reader] += fired[reader]

    for name in VICTORY_READS:
        read(name, "victory")
    for rule, names in READS_2.items():
        for name in names:
            read(name, f"rule:{rule}")
    for card in decks.cards.values():
        for name in card_reads(card):
            read(name, f"card:{card.id}")
        if card.cost:  # a card's cost is read from its role's purse whenever it is played
            read(RESOURCE_OF[card.role], f"card:{card.id}")
    board = [t.name for t in TRACKS if not t.counter] + [f.name for f in FLAGS]
    unread = [n for n in board if n not in readers]
    silent = [n for n in board if n in readers and not sum(readers[n].values())]
    assert not unread, f"read by nothing: {unread}"
    assert not silent, f"read only by things that never fired in {GAMES} games a " \
        f"scenario: {silent}"
    # And the count of firings is real: the busiest readers fire many times.
    assert sum(readers["support"].values()) > GAMES
    assert sum(readers["volunteers"].values()) > 10
