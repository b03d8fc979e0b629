"""The bots' shortcuts for speed change nothing: the order-only path of the normal bot
chooses what `decide` chooses with the same draws, and the hard bot's memo of forecasts
gives the decisions it gives without one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.bots import make_bot, normal
from wargame.bots.hard import HardBot
from wargame.bots.normal import ForecastMemo, NormalBot
from wargame.engine import OVER, ROLES, apply, new_game, view
from wargame.engine.headless import advance
from wargame.engine.rng import derive_stream


@pytest.fixture
def no_openings(monkeypatch):
    """The normal bot without its process-wide memo of first-month forecasts."""
    monkeypatch.setattr(normal, "OPENINGS", ForecastMemo(limit=0))


def _states(ruleset, seed: int, edition: int | None = None):
    """Every state of a normal-bot game in which orders are owed."""
    players = {r: make_bot("normal", r, seed) for r in ROLES}
    state = new_game(ruleset, seed, edition=edition)
    while True:
        state = advance(state)
        if state.phase == OVER:
            return
        yield state
        for role in ROLES:
            state = apply(state, players[role].choose(view(state, role)).order)


@settings(max_examples=12)
@given(seed=st.integers(0, 2**32 - 1), edition=st.sampled_from([1, 2]),
       look_ahead=st.sampled_from([0, 2]))
def test_the_order_only_path_chooses_as_decide_does(ruleset, seed, edition, look_ahead):
    for state in _states(ruleset, seed, edition):
        for role in ROLES:
            v = view(state, role)
            legal = v.legal_orders()
            bot = NormalBot(role, seed, look_ahead=look_ahead)
            a, b = derive_stream(seed, f"t{v.turn}"), derive_stream(seed, f"t{v.turn}")
            assert bot.choose_order(v, legal, a) == bot.decide(v, legal, b).order
            assert a.snapshot() == b.snapshot()  # the same draws


@settings(max_examples=12)
@given(seed=st.integers(0, 2**32 - 1), edition=st.sampled_from([1, 2]))
def test_the_memo_gives_what_forecasting_afresh_gives(ruleset, seed, edition):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normal, "OPENINGS", ForecastMemo(limit=0))
        _memo_alike(ruleset, seed, edition)


def _memo_alike(ruleset, seed, edition):
    """Normal bots sharing a memo of the public board decide as bots without one, for
    every role, from views with that board and with others."""
    states = list(_states(ruleset, seed, edition))
    root = states[len(states) // 2]
    memo = ForecastMemo()
    memo.start(view(root, ROLES[0]))
    for state in (root, states[0], root, states[-1]):
        for role in ROLES:
            v = view(state, role)
            legal = v.legal_orders()
            for look_ahead in (2, 0, 2):
                plain = NormalBot(role, seed, look_ahead=look_ahead)
                shared = NormalBot(role, seed, look_ahead=look_ahead)
                shared.memo = memo
                a, b = derive_stream(seed, "x"), derive_stream(seed, "x")
                assert shared.decide(v, legal, a) == plain.decide(v, legal, b)
                assert a.snapshot() == b.snapshot()
    assert memo.found > 0


def test_the_hard_bot_decides_alike_with_and_without_its_memo(ruleset, no_openings):
    states = list(_states(ruleset, 4))
    for i, state in enumerate(states[:6:2]):
        role = ROLES[i % 3]
        v = view(state, role)
        with_memo = make_bot("hard", role, 7, playouts=24, horizon=2)
        without = make_bot("hard", role, 7, playouts=24, horizon=2)
        assert isinstance(without, HardBot)
        for bot in (*without._normal.values(), *without._light.values()):
            bot.memo = None
        assert with_memo.choose(v) == without.choose(v)


@pytest.mark.parametrize("edition", [1, 2])
def test_the_openings_memo_changes_no_game(ruleset, edition, monkeypatch):
    """Games played with the first-month forecasts remembered across games (and a memo
    so small that it starts afresh) are the games played without."""
    from wargame.simulate import parse_bots, simulate

    def tally():
        data = simulate(ruleset, 12, 3, parse_bots("normal"), jobs=1,
                        edition=edition).to_data(ruleset)
        for key in ("seconds", "games_per_second", "jobs"):
            data.pop(key, None)
        return data

    monkeypatch.setattr(normal, "OPENINGS", ForecastMemo(limit=0))
    without = tally()
    for limit in (8, 1):
        memo = ForecastMemo(limit=limit)
        monkeypatch.setattr(normal, "OPENINGS", memo)
        assert tally() == without
        assert memo.found > 0


@settings(max_examples=40)
@given(data=st.data(), edition=st.sampled_from([1, 2]))
def test_a_demands_pull_depends_only_on_what_its_memo_is_keyed_by(ruleset, data, edition):
    """`demand_pull` remembers the pull of a plain demand by involvement, sovereignty,
    the flags and the edition: boards that differ in every other track pull alike, and
    the remembered pull is the one computed afresh."""
    import attrs

    from wargame.bots import forecast as fc
    from wargame.engine.tracks import FLAG_BY_NAME, TRACKS

    rs = attrs.evolve(ruleset, edition=edition)
    demands = [c for c in rs.cards.values() if c.demand is not None]
    assert demands

    def value(t):
        return data.draw(st.one_of(st.integers(t.lo, t.hi),
                                   st.floats(t.lo, t.hi, allow_nan=False)))

    tracks = [value(t) for t in TRACKS]
    other = [value(t) for t in TRACKS]
    for name in ("involvement", "sovereignty"):
        i = fc.TRACK_INDEX[name]
        other[i] = tracks[i]
    flags = data.draw(st.sets(st.sampled_from(sorted(FLAG_BY_NAME))))
    one = fc.Board(rs, tracks, dict.fromkeys(flags, 1.0), (), 3, 12)
    two = fc.Board(rs, other, dict.fromkeys(flags, 1.0), (), 5, 12)
    for card in demands:
        fresh = fc._demand_pull(one, card)
        assert fc.demand_pull(one, card.id) == fresh
        assert fc.demand_pull(one, card.id) == fresh  # remembered
        if fc._PLAIN[id(card.demand)][1]:
            assert fc._demand_pull(two, card) == fresh
            assert fc.demand_pull(two, card.id) == fresh


def test_an_order_given_twice_is_weighed_once(ruleset, no_openings):
    """The normal bot's tables go by place in `legal`; an order listed twice (the engine
    lists each once) still counts once among a priority's candidates, and both paths
    agree."""
    from wargame.bots.normal import _first_of_each

    legal = view(next(_states(ruleset, 2)), "putin").legal_orders()
    twice = [*legal, legal[0], legal[-1]]
    assert _first_of_each(twice, list(range(len(twice)))) == list(range(len(legal)))
    for state in list(_states(ruleset, 2))[:6]:
        for role in ROLES:
            v = view(state, role)
            legal = v.legal_orders()
            twice = [*legal, *legal]
            bot = NormalBot(role, 2)
            a, b = derive_stream(2, "d"), derive_stream(2, "d")
            decision = bot.decide(v, twice, a)
            assert decision.order in legal
            assert bot.choose_order(v, twice, b) == decision.order
            assert a.snapshot() == b.snapshot()
