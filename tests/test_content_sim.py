"""The decks exercise the whole argument of the article, in simulated play.

Every consequence rule of GAME.md fires in games between `normal` bots, every card of the
three roles is played, and every world event comes up. Cards that a normal bot's red
lines forbid on purpose (Lukashenko never sends troops into Ukraine of his own accord: the
article's point) are played in a second, smaller run where one seat at a time is taken by
the easy bot, which plays any legal order.

The balance figures themselves are checked over 10,000 games with `wargame simulate`
(see "Balance" in docs/design.md); here a looser guard over 1,500 games catches a change
that would break the game's fairness outright.
"""

from __future__ import annotations

import pytest

from wargame.engine import ROLES, RULES
from wargame.simulate import play_game, simulate

NORMAL_GAMES = 1_500
MIXED_GAMES = 60
"""Per seat taken by the easy bot."""
SEED = 2022


@pytest.fixture(scope="module")
def normal(ruleset):
    return simulate(ruleset, games=NORMAL_GAMES, seed=SEED,
                    bots=dict.fromkeys(ROLES, "normal")).tally


@pytest.fixture(scope="module")
def mixed(ruleset):
    tallies = []
    for i, seat in enumerate(ROLES):
        bots = dict.fromkeys(ROLES, "normal") | {seat: "easy"}
        tallies.append(simulate(ruleset, games=MIXED_GAMES, seed=SEED + 1 + i, bots=bots).tally)
    return tallies


def test_every_consequence_rule_fires_in_normal_play(normal):
    silent = [rule.name for rule in RULES if not normal.rules.get(rule.name)]
    assert not silent, f"rules that never fired in {NORMAL_GAMES} games: {silent}"


def test_every_card_is_played(ruleset, normal, mixed):
    played = {card for card, count in normal.cards.items() if count.played}
    for tally in mixed:
        played |= {card for card, count in tally.cards.items() if count.played}
    never = [card for role in ROLES for card in ruleset.decks[role] if card not in played]
    assert not never, f"cards never played: {never}"


def test_normal_bots_play_nearly_every_card(ruleset, normal):
    """Only the cards that cross the normal regime's red line may stay in hand."""
    never = {card for role in ROLES for card in ruleset.decks[role]
             if not normal.cards.get(card) or not normal.cards[card].played}
    assert never <= {"send_troops"}, never


def test_every_world_event_comes_up(ruleset):
    seen: set[str] = set()
    for seed in range(8):
        state = play_game(ruleset, seed, dict.fromkeys(ROLES, "easy"))
        seen |= {e.card for e in state.log if e.kind == "event" and e.card}
    assert seen == set(ruleset.decks["world"])


def test_the_game_stays_roughly_fair(normal):
    """A loose guard; the real figures (25-50% each, over 10,000 games) are in the design
    notes and come from `wargame simulate --games 10000 --bots normal --json`."""
    for role in ROLES:
        assert 0.20 <= normal.win_rate(role) <= 0.55, (role, normal.win_rate(role))
    assert normal.nobody_won / normal.games <= 0.15
    assert normal.short_games / normal.games < 0.10


def test_no_card_decides_the_game(ruleset, normal):
    """Playing a card may not lift its player's win rate far above that role's rate
    (the 15-point limit is checked over 10,000 games; here 20, for a smaller sample)."""
    for card_id, count in normal.cards.items():
        if card_id not in ruleset.cards or count.games < 50:
            continue
        role = ruleset.cards[card_id].role
        lift = count.wins / count.games - normal.win_rate(role)
        assert lift <= 0.20, (card_id, round(100 * lift, 1))
