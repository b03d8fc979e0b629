"""Shared helpers for the tests: play random legal games."""

from __future__ import annotations

from collections.abc import Sequence

from wargame.engine import (
    OVER,
    ROLES,
    SYSTEM,
    Action,
    GameState,
    Ruleset,
    actors,
    apply,
    legal_actions,
    new_game,
)


def random_game(ruleset: Ruleset, seed: int, picks: Sequence[int],
                turns: int | None = None, max_steps: int = 10_000,
                ) -> tuple[list[GameState], list[Action]]:
    """Play a game in which `picks` choose among the legal actions (cycled), so
    hypothesis can shrink it. Returns every state and every action."""
    state = new_game(ruleset, seed, turns)
    states, actions = [state], []
    i = 0
    while state.phase != OVER and len(actions) < max_steps:
        who = actors(state)
        actor = who[picks[i % len(picks)] % len(who)] if picks else who[0]
        options = legal_actions(state, actor)
        action = options[(picks[(i + 1) % len(picks)] if picks else 0) % len(options)]
        i += 2
        state = apply(state, action)
        states.append(state)
        actions.append(action)
    return states, actions


def all_cards_in_one_place(state: GameState) -> bool:
    placed: list[str] = []
    for pile in state.piles:
        placed += [*pile.deck, *pile.hand, *pile.play, *pile.discard, *pile.removed]
    placed += [d.card for d in state.demands]
    every = [c for owner in (*ROLES, "world") for c in state.ruleset.decks[owner]]
    return sorted(placed) == sorted(every)


__all__ = ["SYSTEM", "all_cards_in_one_place", "random_game"]
