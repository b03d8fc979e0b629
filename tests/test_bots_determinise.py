"""Determinisation: the states a search bot imagines are consistent with its view, and
its forecasts agree with the engine."""

from __future__ import annotations

from helpers import all_cards_in_one_place
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bots import orders_states

from wargame.bots.determinise import determinise
from wargame.bots.forecast import Board, expect, forecast, resolve, run_consequences
from wargame.engine import PASS, ROLES, Advance, Order, apply, view
from wargame.engine.rng import derive_stream
from wargame.engine.rules import rules_of
from wargame.engine.tracks import DECK_OWNERS, RESOURCE_OF, TRACK_INDEX


def public(v):
    return (v.role, v.seed, v.turns, v.turn, v.phase, v.tracks, v.flags, v.hand,
            v.hand_sizes, v.deck_sizes, v.discards, v.removed, v.demands, v.my_order,
            v.last_orders, v.winners, v.end, v.legal_orders())


@settings(max_examples=20)
@given(seed=st.integers(0, 2**32), pick=st.integers(0, 1000), sample=st.integers(0, 2**32))
def test_a_determinised_state_is_consistent_with_the_view(ruleset, seed, pick, sample):
    states = orders_states(ruleset, seed)
    state = states[pick % len(states)]
    for role in ROLES:
        v = view(state, role)
        imagined = determinise(v, derive_stream(sample, role))
        # Everything the role can see is the same...
        assert public(view(imagined, role)) == public(v)
        # ...every card is somewhere, exactly once...
        assert all_cards_in_one_place(imagined)
        # ...and hidden cards come only from what the role has not seen.
        for owner in DECK_OWNERS:
            pile = imagined.pile(owner)
            assert set(pile.deck) | (set(pile.hand) if owner != role else set()) == \
                set(v.unseen(owner))
        # It is a real game: the engine plays on from it.
        for r in ROLES:
            imagined = apply(imagined, Order(r, PASS))
        assert imagined.phase == "resolution"


def test_determinisations_vary_the_hidden_parts_only(ruleset):
    state = orders_states(ruleset, 5)[2]
    v = view(state, "putin")
    rng = derive_stream(1, "samples")
    samples = [determinise(v, rng) for _ in range(12)]
    assert len({s.hand("lukashenko") for s in samples}) > 1
    assert len({s.pile("world").deck for s in samples}) > 1
    assert len({s.rng for s in samples}) == 12
    assert {s.hand("putin") for s in samples} == {state.hand("putin")}
    assert all(s.rng != state.rng for s in samples)


def _engine_after(state, order):
    """The state after `order` with every other role passing, resolved, with the
    consequences run."""
    for role in ROLES:
        state = apply(state, order if role == order.role else Order(role, PASS))
    state = apply(state, Advance())
    consequences = state if state.over else apply(state, Advance())
    return state, consequences


def test_a_forecast_without_dice_is_what_the_engine_does(ruleset):
    """Where no roll decides, the forecast's board (the card's own effect primitives and
    the consequence rules, run on expected values) is exactly the engine's result."""
    checked = 0
    for seed in range(6):
        for state in orders_states(ruleset, seed, ("normal",) * 3)[::2]:
            checked += _compare_forecasts(state)
    assert checked >= 50


def _compare_forecasts(state) -> int:
    checked = 0
    for role in ROLES:
        v = view(state, role)
        for order in v.legal_orders():
            _resolved, after = _engine_after(state, order)
            if any(e.kind == "roll" for e in after.log[len(state.log):]):
                continue
            board = forecast(v, order)
            others = {TRACK_INDEX[RESOURCE_OF[r]] for r in ROLES if r != role}
            for i, (mine, real) in enumerate(zip(board.tracks, after.tracks, strict=True)):
                if i not in others:
                    assert mine == real, (order, i, mine, real)
            assert board.fall == (1.0 if "regime_fallen" in after.flags else 0.0)
            checked += 1
    return checked


def test_a_forecast_weighs_rolls_by_their_chance(ruleset):
    """A roll in the middle of a card is played both ways and mixed by its chance."""
    from wargame.engine.effects import Roll

    found = 0
    for _card_id, card in ruleset.cards.items():
        if card.role == "world" or card.requires is not None or card.options:
            continue
        rolls = [e for e in card.effects if isinstance(e, Roll)]
        if not rolls or not rolls[0].chance.text.isdigit():
            continue
        state = orders_states(ruleset, 3)[0]
        v = view(state, card.role)
        board = Board.of(v)
        yes, no = board.copy(), board.copy()
        for effect in rolls[0].then:
            effect.apply(yes, card.role)
        for effect in rolls[0].otherwise:
            effect.apply(no, card.role)
        p = int(rolls[0].chance.text) / 100
        mixed = expect(board, lambda b, r=rolls[0], c=card: r.apply(b, c.role))
        for i, value in enumerate(mixed.tracks):
            assert abs(value - (p * yes.tracks[i] + (1 - p) * no.tracks[i])) < 1e-9
        found += 1
    assert found, "the decks should have a card with a plain roll"


def test_running_rules_in_place_matches_copying(ruleset):
    """The fast path (rules run on the board itself, undone when they roll) gives the
    same boards as playing every rule on a copy."""
    for seed in (1, 2, 3):
        for state in orders_states(ruleset, seed):
            for role in ROLES:
                v = view(state, role)
                for order in v.legal_orders():
                    start = expect(Board.of(v), lambda b, o=order: resolve(b, o))
                    slow = start.copy()
                    for rule in rules_of(ruleset):
                        if slow.fall >= 1.0:
                            break
                        slow = expect(slow, rule.fire)
                    fast = run_consequences(start.copy())
                    assert fast.tracks == slow.tracks
                    assert {k: p for k, p in fast.flag_p.items() if p} == \
                        {k: p for k, p in slow.flag_p.items() if p}
