"""Determinisation: a whole game state that one role's view could have come from.

A search bot cannot play forward from a view: the other hands, the order of the decks
and the generator are hidden. `determinise(view, rng)` fills them in by sampling, with
the bot's own stream, everything the view does not show, and only that:

- the role's own hand, every public track and flag, the discard and removed piles, the
  open demands, the turn and the phase are the view's;
- every other role's hand is drawn from the cards of that role the viewer has not seen
  (`view.unseen(owner)`), as many as `view.hand_sizes` says; what is left of them, and
  the viewer's own unseen cards and the world deck, are shuffled into the decks;
- the generator state is a fresh sample from the bot's stream (the view never holds the
  game's, which would tell the future rolls).

The log is left empty, and the state is quiet (`GameState.quiet`: the games played on
from it keep no log either): no rule reads it, and a playout has no one to show it to. Orders
other roles have already sealed this month are not in the view, so they are not in the
state either: the search has those roles choose again, without seeing the bot's order.
"""

from __future__ import annotations

from wargame.engine import GameState, View
from wargame.engine.rng import MASK64, Pcg32
from wargame.engine.state import Piles
from wargame.engine.tracks import DECK_OWNERS, ROLES


def determinise(view: View, rng: Pcg32) -> GameState:
    """A state consistent with `view`, its hidden parts sampled from `rng`."""
    if view.role is None:
        raise ValueError("an observer's view has no hand to build a game around")
    piles = []
    for owner in DECK_OWNERS:
        unseen = rng.shuffled(view.unseen(owner))
        if owner == view.role:
            hand = view.hand
            deck = tuple(unseen)
        elif owner in view.hand_sizes:
            size = view.hand_sizes[owner]
            hand, deck = tuple(unseen[:size]), tuple(unseen[size:])
        else:
            hand, deck = (), tuple(unseen)
        piles.append(Piles(deck=deck, hand=hand, discard=view.discards[owner],
                           removed=view.removed[owner]))
    state_bits = (rng.next_u32() << 32 | rng.next_u32()) & MASK64
    inc = (rng.next_u32() << 32 | rng.next_u32() | 1) & MASK64
    orders = tuple(view.my_order if r == view.role else None for r in ROLES)
    return GameState(
        ruleset=view.ruleset, seed=view.seed, turns=view.turns, turn=view.turn,
        phase=view.phase, tracks=view.tracks, flags=view.flags, piles=tuple(piles),
        orders=orders, last_orders=view.last_orders, demands=view.demands,
        rng=(state_bits, inc), log=(), winners=view.winners, end=view.end, quiet=True)


__all__ = ["determinise"]
