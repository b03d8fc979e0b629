"""Quiet games (`GameState.quiet`, the bots' playouts): no log, and otherwise the very
same game as the logged one, step by step, in every edition and scenario."""

from __future__ import annotations

import pytest
from attrs import evolve, fields
from hypothesis import given
from hypothesis import strategies as st

from wargame.bots.determinise import determinise
from wargame.engine import (
    ROLES,
    SYSTEM,
    UMPIRE,
    Advance,
    Umpire,
    apply,
    digest,
    legal_actions,
    new_game,
    view,
)
from wargame.engine.digest import state_data
from wargame.engine.headless import advance
from wargame.engine.machine import actors, advance_all
from wargame.engine.rng import Pcg32

seeds = st.integers(0, 2**64 - 1)
picks = st.lists(st.integers(0, 1000), min_size=1, max_size=80)
SCENARIOS = ("october-2022", "classroom")


def _fields(state):
    return {f.name: getattr(state, f.name) for f in fields(type(state))
            if f.name not in ("log", "quiet")}


def _same_but_log(logged, quiet):
    assert quiet.quiet and not logged.quiet
    assert quiet.log == ()
    assert _fields(quiet) == _fields(logged)


def _ruleset(deckset, scenario, edition):
    rs = deckset.ruleset(scenario)
    return evolve(rs, edition=edition)


def _umpire_action(state, pick):
    """Now and then an umpire steps in: a fixed roll, a note, an injected or held event."""
    options = legal_actions(state, UMPIRE)
    if not options or pick % 5:
        return None
    chosen = options[(pick // 5) % len(options)]
    return evolve(chosen, reason="a test", value=1 + pick % 100 if chosen.kind == "roll"
                  else chosen.value)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("edition", (1, 2))
@given(seed=seeds, choices=picks)
def test_a_quiet_game_is_the_logged_game_without_its_log(deckset, scenario, edition, seed,
                                                         choices):
    rs = _ruleset(deckset, scenario, edition)
    logged, quiet = new_game(rs, seed), new_game(rs, seed, quiet=True)
    _same_but_log(logged, quiet)
    for pick in choices * 4:
        if logged.over:
            break
        action = _umpire_action(logged, pick)
        if action is None:
            who = actors(logged)[0]
            options = legal_actions(logged, who)
            action = options[pick % len(options)] if who != SYSTEM else Advance()
        logged, quiet = apply(logged, action), apply(quiet, action)
        _same_but_log(logged, quiet)
    assert logged.log  # the logged game did keep one


@pytest.mark.parametrize("edition", (1, 2))
@given(seed=seeds, choices=picks)
def test_advance_all_keeps_a_game_quiet(deckset, edition, seed, choices):
    rs = _ruleset(deckset, "october-2022", edition)
    logged, quiet = new_game(rs, seed), new_game(rs, seed, quiet=True)
    for pick in choices:
        logged, quiet = advance(logged), advance(quiet)
        _same_but_log(logged, quiet)
        if logged.over:
            break
        for role in ROLES:
            options = view(logged, role).legal_orders()
            assert options == view(quiet, role).legal_orders()
            order = options[pick % len(options)]
            logged, quiet = apply(logged, order), apply(quiet, order)
    assert advance_all(quiet)[1] == advance_all(logged)[1]


def test_a_quiet_state_cannot_be_digested_or_saved(ruleset):
    quiet = new_game(ruleset, 7, quiet=True)
    with pytest.raises(ValueError, match="quiet state has no log"):
        digest(quiet)
    with pytest.raises(ValueError, match="quiet state has no log"):
        state_data(quiet)
    assert digest(new_game(ruleset, 7))  # a logged one can


def test_quiet_is_not_shown_and_off_by_default(ruleset):
    state = new_game(ruleset, 7)
    assert state.quiet is False
    assert "quiet" not in repr(new_game(ruleset, 7, quiet=True))


def test_an_umpire_keeps_a_quiet_game_quiet(ruleset):
    quiet = new_game(ruleset, 3, quiet=True)
    for action in (Umpire("note", "hello"), Umpire("roll", "fixed", value=1),
                   Umpire("hold", "no event")):
        quiet = apply(quiet, action)
        assert quiet.quiet and quiet.log == ()
    assert quiet.forced_rolls == (1,)


def test_determinise_gives_quiet_states(ruleset):
    state = advance(new_game(ruleset, 11))
    sample = determinise(view(state, "putin"), Pcg32(5, 7))
    assert sample.quiet and sample.log == ()
    for role in ROLES:
        if sample.order_of(role) is None:
            sample = apply(sample, view(sample, role).legal_orders()[0])
    after = advance(sample)
    assert after.quiet and after.log == ()
