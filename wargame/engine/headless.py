"""Play whole games without a screen: from a seed and a list of actions, or with a
chooser per role. The saves, bots, simulator and TUI all drive the engine through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from .machine import advance_all, apply, new_game
from .state import OVER, Action, Advance, GameState, Order, Ruleset
from .tracks import ROLES
from .view import View, view

Chooser = Callable[[View], Order]
"""Anything that picks an order for a role from that role's view: a bot, a test script."""


def advance(state: GameState, record: list[Action] | None = None) -> GameState:
    """Move the automatic phases on until someone must give an order or the game ends.
    `record`, when given, receives one `Advance` per step taken."""
    state, steps = advance_all(state)
    if record is not None:
        record.extend(Advance() for _ in range(steps))
    return state


def replay(ruleset: Ruleset, seed: int, actions: Iterable[Action],
           turns: int | None = None) -> Iterator[GameState]:
    """Every state of a game, from the first to the one after the last action."""
    state = new_game(ruleset, seed, turns)
    yield state
    for action in actions:
        state = apply(state, action)
        yield state


def play(ruleset: Ruleset, seed: int, actions: Iterable[Action],
         turns: int | None = None) -> GameState:
    """The state after playing `actions` from a new game."""
    state = new_game(ruleset, seed, turns)
    for action in actions:
        state = apply(state, action)
    return state


def run(ruleset: Ruleset, seed: int, players: Mapping[str, Chooser],
        turns: int | None = None, record: list[Action] | None = None,
        state: GameState | None = None) -> GameState:
    """Play to the end, asking `players[role]` for each order from that role's view.
    `record`, when given, receives every action applied (Advance included)."""
    if state is None:
        state = new_game(ruleset, seed, turns)
    while state.phase != OVER:
        state = advance(state, record)
        if state.phase == OVER:
            break
        for role in ROLES:
            if state.orders[ROLES.index(role)] is None:
                order = players[role](view(state, role))
                state = apply(state, order)
                if record is not None:
                    record.append(order)
    return state
