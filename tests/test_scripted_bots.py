"""Scripted strategies and the normal bot's measuring instruments (bots/scripted.py): legal,
reproducible, doing what their names say, and usable by the simulator."""

from __future__ import annotations

import pytest

from wargame.bots import make_bot
from wargame.bots.forecast import forecast
from wargame.bots.scripted import (
    SCRIPTED,
    STRATEGIES,
    forecast_with,
    make_scripted,
    order_cost,
    unlimited_purse,
)
from wargame.engine import COMPLY, OVER, PASS, ROLES, STALL, Order, apply, new_game, view
from wargame.engine.headless import advance
from wargame.engine.state import FREE_ORDERS
from wargame.engine.tracks import RESOURCE_OF, TRACK_INDEX
from wargame.simulate import game_seed, make_player, play_game, play_out, simulate


def views_of_a_game(ruleset, seed, bots="normal", turns=6):
    """Every (view, role) in which an order was owed in one game between bots."""
    players = {r: make_bot(bots, r, seed) for r in ROLES}
    state = new_game(ruleset, seed, turns)
    out = []
    while True:
        state = advance(state)
        if state.phase == OVER:
            return out
        for role in ROLES:
            v = view(state, role)
            out.append(v)
            state = apply(state, players[role].choose(v).order)


@pytest.mark.parametrize("name", STRATEGIES)
def test_every_strategy_gives_legal_orders_and_the_same_ones_again(ruleset, name):
    for i in range(2):
        seed = game_seed(4, i)
        for v in views_of_a_game(ruleset, seed):
            bot = make_scripted(name, v.role, seed)
            again = make_scripted(name, v.role, seed)
            d = bot.choose(v)
            assert d.order in v.legal_orders() and d.reason
            assert again.choose(v) == d


def test_what_each_strategy_does(ruleset):
    seen_demand = False
    views = [(seed, v) for seed in (game_seed(4, i) for i in range(3))
             for v in views_of_a_game(ruleset, seed, turns=12)]
    for seed, v in views:
        legal = v.legal_orders()
        role = v.role
        assert make_scripted("pass", role, seed).choose(v).order.card == PASS
        cheap = make_scripted("cheapest", role, seed).choose(v).order
        cards = [o for o in legal if o.card not in FREE_ORDERS]
        if cards:
            assert cheap == min(cards, key=lambda o: order_cost(v, o))
        else:
            assert cheap.card == PASS
        normal = make_bot("normal", role, seed).choose(v).order
        comply = make_scripted("comply", role, seed).choose(v).order
        stall = make_scripted("stall", role, seed).choose(v).order
        if role == "lukashenko" and v.demands:
            seen_demand = True
            assert comply.card == COMPLY and stall.card == STALL
        else:
            assert comply == normal == stall  # the normal bot when nothing is asked
    assert seen_demand


def test_random_is_spread_over_the_legal_orders(ruleset):
    v = views_of_a_game(ruleset, game_seed(4, 0))[0]
    picks = {make_scripted("random", v.role, s).choose(v).order for s in range(60)}
    assert len(picks) >= min(3, len(v.legal_orders()))


def test_the_oracle_told_nothing_is_the_normal_bot(ruleset):
    """With no orders to see, its forecast is the normal bot's: the same choices."""
    seed = game_seed(6, 1)
    for v in views_of_a_game(ruleset, seed):
        oracle = make_scripted("oracle", v.role, seed)
        assert oracle.choose(v) == make_bot("normal", v.role, seed).choose(v)


def test_the_oracle_forecasts_with_the_orders_it_is_told(ruleset):
    seed = game_seed(6, 1)
    v = views_of_a_game(ruleset, seed)[0]  # the regime's first view
    pass_ = next(o for o in v.legal_orders() if o.card == PASS)
    alone = forecast(v, pass_)
    assert forecast_with({})(v, pass_).tracks == alone.tracks
    putin = Order("putin", PASS)
    told = forecast_with({"putin": putin})(v, pass_)
    i = TRACK_INDEX[RESOURCE_OF["putin"]]
    assert told.tracks[i] == pytest.approx(alone.tracks[i] + 1)  # Putin's pass pays him


def test_an_oracle_in_the_simulator_is_told_the_others_orders(ruleset):
    seed = game_seed(2, 0)
    players = {r: make_player("normal", r, seed) for r in ROLES}
    oracle = players["putin"] = make_player("oracle", "putin", seed)
    told = []
    choose = oracle.choose

    def spy(v):
        told.append(dict(oracle.others))
        return choose(v)

    oracle.choose = spy  # type: ignore[method-assign]
    play_out(new_game(ruleset, seed, 4), players)
    assert told and all(set(t) == {"lukashenko", "opposition"} for t in told)


def test_the_purse_instrument_plays_the_normal_bots_games(ruleset):
    normal = simulate(ruleset, 12, 5, dict.fromkeys(ROLES, "normal"))
    purse = simulate(ruleset, 12, 5, dict.fromkeys(ROLES, "purse"))
    assert purse.tally.win_bits == normal.tally.win_bits
    assert purse.tally.dilemma == normal.tally.dilemma
    for role in ROLES:
        decisions = purse.tally.extra[f"purse:{role}:decisions"]
        assert 0 < decisions <= 10 * normal.tally.games  # turns 3 to 12, or to a fall
        assert 0 <= purse.tally.extra[f"purse:{role}:different"] <= decisions
    assert not any(k.startswith("purse:") for k in normal.tally.extra)


def test_an_unlimited_purse_opens_every_card(ruleset):
    v = views_of_a_game(ruleset, game_seed(4, 0))[0]
    rich = unlimited_purse(v)
    assert rich.track(RESOURCE_OF[v.role]) == 20
    assert set(v.legal_orders()) <= set(rich.legal_orders())
    assert rich.hand == v.hand and rich.tracks != v.tracks


def test_the_simulator_plays_scripted_seats_the_same_for_any_jobs(ruleset):
    bots = dict.fromkeys(ROLES, "normal") | {"lukashenko": "stall", "putin": "cheapest"}
    one = simulate(ruleset, 16, 3, bots, jobs=1)
    two = simulate(ruleset, 16, 3, bots, jobs=2)
    assert one.tally == two.tally
    state = play_game(ruleset, game_seed(3, 0), bots)
    assert not any(e.kind == "reveal" and e.card == COMPLY for e in state.log)
    passing = simulate(ruleset, 8, 3, dict.fromkeys(ROLES, "normal") | {"putin": "pass"})
    assert passing.tally.free_orders["putin"]["pass"] == passing.tally.turns_total


def test_the_simulator_refuses_unknown_strategies_and_saving_scripted_games(ruleset,
                                                                           tmp_path):
    with pytest.raises(ValueError, match="unknown bot level"):
        simulate(ruleset, 1, 1, dict.fromkeys(ROLES, "psychic"))
    with pytest.raises(ValueError, match="cannot be saved"):
        simulate(ruleset, 1, 1, dict.fromkeys(ROLES, "pass"), save_dir=tmp_path)
    assert set(SCRIPTED) == {"pass", "random", "cheapest", "comply", "stall"}
