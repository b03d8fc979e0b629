"""Invariants of the rules engine, checked on random legal games."""

from __future__ import annotations

import itertools

import pytest
from helpers import all_cards_in_one_place, random_game
from hypothesis import given
from hypothesis import strategies as st

from wargame.engine import (
    OVER,
    PASS,
    ROLES,
    SYSTEM,
    TRACKS,
    Advance,
    IllegalAction,
    Order,
    advance,
    apply,
    digest,
    legal_actions,
    new_game,
    state_data,
    view,
)
from wargame.engine.tracks import LOCATIONS
from wargame.telling import line

seeds = st.integers(0, 2**64 - 1)
picks = st.lists(st.integers(0, 1000), min_size=1, max_size=40)


@given(seeds, picks)
def test_random_legal_play_reaches_the_end_within_bounds(ruleset, seed, choices):
    states, _ = random_game(ruleset, seed, choices)
    assert states[-1].phase == OVER
    for state in states:
        for t, value in zip(TRACKS, state.tracks, strict=True):
            assert t.lo <= value <= t.hi, (t.name, value)
        assert all_cards_in_one_place(state)
        placed = sum(state.track(loc) for loc in LOCATIONS.values())
        assert placed == state.track("regulars") + state.track("reservists")
        assert 1 <= state.turn <= state.turns


@given(seeds, picks)
def test_same_seed_and_actions_give_the_same_digests(ruleset, seed, choices):
    states, actions = random_game(ruleset, seed, choices)
    again = [new_game(ruleset, seed)]
    for action in actions:
        again.append(apply(again[-1], action))
    assert [digest(s) for s in states] == [digest(s) for s in again]


@given(seeds, picks, st.integers(0, 200))
def test_an_illegal_action_raises_and_changes_nothing(ruleset, seed, choices, cut):
    states, _ = random_game(ruleset, seed, choices)
    state = states[min(cut, len(states) - 1)]
    before = digest(state)
    candidates = [Advance(), *(Order(r, c) for r in ROLES
                               for c in (PASS, "comply", "hold_back", "no_such_card"))]
    legal = {a for who in (*ROLES, SYSTEM) for a in legal_actions(state, who)}
    for action in candidates:
        if action in legal:
            continue
        with pytest.raises(IllegalAction) as info:
            apply(state, action)
        assert str(info.value)
    assert digest(state) == before


@given(seeds, picks)
def test_every_legal_action_is_accepted(ruleset, seed, choices):
    states, _ = random_game(ruleset, seed, choices)
    for state in states[:: max(1, len(states) // 8)]:
        for who in (*ROLES, SYSTEM):
            for action in legal_actions(state, who):
                apply(state, action)


@given(seeds, st.lists(st.integers(0, 50), min_size=3, max_size=3))
def test_sealed_orders_do_not_depend_on_submission_order(ruleset, seed, picks3):
    state = advance(new_game(ruleset, seed))
    orders = []
    for role, pick in zip(ROLES, picks3, strict=True):
        options = legal_actions(state, role)
        orders.append(options[pick % len(options)])
    results = set()
    for perm in itertools.permutations(orders):
        s = state
        for order in perm:
            s = apply(s, order)
        results.add(digest(s))
        results.add(digest(apply(s, Advance())))
    assert len(results) == 2


@given(seeds, picks)
def test_state_data_holds_no_floats(ruleset, seed, choices):
    states, _ = random_game(ruleset, seed, choices)

    def walk(value):
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(state_data(states[-1]))


def test_a_sealed_order_is_hidden_from_the_other_roles(ruleset):
    state = advance(new_game(ruleset, 3))
    order = next(a for a in legal_actions(state, "putin") if a.card != PASS)
    state = apply(state, order)
    assert view(state, "putin").my_order == order
    for role in ("lukashenko", "opposition"):
        seen = view(state, role)
        assert seen.my_order is None
        assert seen.ordered == ("putin",)
        assert order.card not in repr(seen.log)


def test_a_view_shows_its_own_hand_and_not_the_others(ruleset):
    state = new_game(ruleset, 11)
    for role in ROLES:
        seen = view(state, role)
        assert seen.hand == state.hand(role)
        text = " ".join(line(e, ruleset) for e in seen.log)
        for other in ROLES:
            if other != role:
                for card in state.hand(other):
                    title = ruleset.cards[card].title
                    assert title not in text, (role, other, title)
        assert "shuffled" in text  # shuffles are public, their results are not
        for card in state.pile(role).deck:
            assert card not in text


def test_views_never_expose_the_generator(ruleset):
    seen = view(new_game(ruleset, 11), "putin")
    assert not hasattr(seen, "rng")


def test_orders_resolve_in_initiative_order_kremlin_regime_opposition(ruleset):
    state = advance(new_game(ruleset, 4))
    for role in ("opposition", "lukashenko", "putin"):
        state = apply(state, Order(role, PASS))
    state = apply(state, Advance())
    passes = [e.role for e in state.log if e.kind == "pass"]
    assert passes == ["putin", "lukashenko", "opposition"]


def test_a_card_whose_cost_cannot_be_paid_fizzles(ruleset):
    from wargame.engine.effects import Scratch

    state = advance(new_game(ruleset, 8))
    costly = [c for c in state.hand("opposition") if ruleset.cards[c].cost >= 1
              and not ruleset.cards[c].options and ruleset.cards[c].requires is None]
    assert costly, "seed 8 should deal the opposition a card that costs something"
    state = apply(state, Order("opposition", costly[0]))
    state = apply(state, Order("putin", PASS))
    state = apply(state, Order("lukashenko", PASS))
    s = Scratch(state)  # the referee drains the purse between orders and resolution
    s.set("reach", 0)
    state = apply(s.freeze(), Advance())
    fizzled = [e for e in state.log if e.kind == "fizzle"]
    assert len(fizzled) == 1 and fizzled[0].card == costly[0]
    assert "can no longer pay" in line(fizzled[0], ruleset)
    assert costly[0] in state.pile("opposition").discard


def test_new_game_validates_its_arguments(ruleset):
    with pytest.raises(ValueError):
        new_game(ruleset, -1)
    with pytest.raises(ValueError):
        new_game(ruleset, 1, turns=0)


def test_the_game_ends_after_the_scenario_turns_or_a_fall(ruleset):
    states, _ = random_game(ruleset, 99, [0])
    last = states[-1]
    assert last.over
    assert last.end in ("time", "fallen")
    if last.end == "time":
        assert last.turn == last.turns
    else:
        assert last.winners == ("opposition",)
    assert last.log[-1].kind == "end"


# -- the umpire ---------------------------------------------------------------------------


def test_the_umpire_injects_an_event_and_says_why(ruleset):
    from wargame.engine import UMPIRE, Umpire

    state = new_game(ruleset, 6)
    world = state.pile("world")
    chosen = world.deck[-1]
    state = apply(state, Umpire("inject", "the class wants to see a strike warning",
                                card=chosen))
    assert state.phase == "orders"
    texts = [line(e, ruleset) for e in state.log]
    assert any("Umpire injects the event" in t and "strike warning" in t for t in texts)
    event = [e for e in state.log if e.kind == "event"][-1]
    assert event.card == chosen and "chosen by the umpire" in line(event, ruleset)
    assert chosen in state.pile("world").discard + state.pile("world").removed
    assert all_cards_in_one_place(state)
    assert Umpire("hold", "") in legal_actions(new_game(ruleset, 6), UMPIRE)


def test_the_umpire_holds_back_an_event(ruleset):
    from wargame.engine import Umpire

    state = new_game(ruleset, 6)
    deck = state.pile("world").deck
    state = apply(state, Umpire("hold", "no news this month"))
    assert state.phase == "orders"
    assert state.pile("world").deck == deck
    assert "Umpire holds back this month's world event: no news this month" in \
        [line(e, ruleset) for e in state.log]


def test_the_umpire_fixes_the_next_roll_and_it_is_logged(ruleset):
    from wargame.engine import Umpire

    state = new_game(ruleset, 6)
    state = apply(state, Umpire("roll", "let the gamble succeed", value=1))
    assert state.forced_rolls == (1,)
    assert "forced_rolls" in state_data(state)
    s = state
    while s.forced_rolls and not s.over:
        for who in (*ROLES, SYSTEM):
            options = [a for a in legal_actions(s, who) if getattr(a, "card", "") != PASS]
            options = options or legal_actions(s, who)
            if options:
                s = apply(s, options[0])
                break
    rolls = [e for e in s.log if e.kind == "roll"]
    assert rolls and "(set by the umpire)" in line(rolls[0], ruleset) and \
        rolls[0].roll[0] == 1
    assert "forced_rolls" not in state_data(s)


def test_umpire_actions_outside_their_phase_are_illegal(ruleset):
    from wargame.engine import Umpire

    state = advance(new_game(ruleset, 6))
    with pytest.raises(IllegalAction):
        apply(state, Umpire("hold", "too late"))
    with pytest.raises(IllegalAction):
        apply(state, Umpire("inject", "too late", card=state.pile("world").discard[0]))
    note = apply(state, Umpire("note", "hands shown to the class"))
    assert note.log[-1].kind == "umpire" and "hands shown" in line(note.log[-1], ruleset)


def test_umpire_actions_round_trip_as_data():
    from wargame.engine import Umpire, action_from_data

    for action in (Umpire("inject", "why", card="x"), Umpire("roll", "r", value=7),
                   Umpire("hold", ""), Umpire("note", "n")):
        assert action_from_data(action.to_data()) == action
    with pytest.raises(ValueError):
        action_from_data({"type": "umpire", "kind": "roll", "reason": "r", "value": 101})
