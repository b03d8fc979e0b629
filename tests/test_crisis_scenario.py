"""A scenario can start inside the crisis: Kremlin demands already on the table, and the
key cards sure to be in each role's opening hand (the classroom scenario does both)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wargame.decks import DeckError, load_decks
from wargame.engine import ORDERS, Advance, Order, apply, new_game
from wargame.engine.headless import advance

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def classroom():
    return load_decks(ROOT / "decks").ruleset("classroom")


def test_the_classroom_starts_with_demands_on_the_table_and_key_cards_in_hand(classroom):
    scenario = classroom.scenario
    assert scenario.demands and dict(scenario.hands)
    for seed in range(1, 30):
        state = new_game(classroom, seed)
        assert [d.card for d in state.demands] == list(scenario.demands)
        assert all(d.turn == 0 for d in state.demands)  # made before the game
        for role, sure in scenario.hands:
            assert set(sure) <= set(state.hand(role)), (seed, role)
            assert len(state.hand(role)) == scenario.hand_size
        putin = state.pile("putin")
        assert not set(scenario.demands) & {*putin.deck, *putin.hand}
        # the rest of the hand is still dealt by the seed
    hands = {new_game(classroom, seed).hand("putin") for seed in range(1, 30)}
    assert len(hands) > 5


def test_a_demand_on_the_table_weighs_from_the_first_month(classroom):
    """Made before the game, an opening demand left unanswered erodes stability in the
    first month's consequences already."""
    state = advance(new_game(classroom, 3))
    assert state.phase == ORDERS
    before = state.track("stability")
    for role in ("putin", "lukashenko", "opposition"):
        state = apply(state, Order(role, "pass"))
    state = apply(apply(state, Advance()), Advance())
    fired = [e.rule for e in state.log if e.kind == "consequence"]
    assert "open_demands" in fired
    assert state.track("stability") < before


@pytest.fixture
def deck_copy(tmp_path):
    target = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", target)
    return target


@pytest.mark.parametrize(("line", "problem"), [
    ('demands = ["ultimatum"]', "'ultimatum' is not a Kremlin demand card"),
    ('demands = "demand_troops"', "must be a list of the Kremlin's demand cards"),
    ('[hands]\nputin = ["loyal_units"]', "'loyal_units' is not a card of the putin deck"),
    ('[hands]\nworld = ["the_poll"]', "unknown role 'world'"),
    ('[hands]\nputin = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]', "do not fit a hand"),
])
def test_a_bad_crisis_is_one_clear_problem(deck_copy, line, problem):
    path = deck_copy / "scenarios" / "october-2022.toml"
    text = path.read_text()  # a table goes at the end, a plain key before any table
    path.write_text(text + "\n" + line + "\n" if line.startswith("[") else line + "\n" + text)
    with pytest.raises(DeckError) as caught:
        load_decks(deck_copy)
    assert problem in str(caught.value)
    assert "october-2022" in str(caught.value)
