"""Canonical serialization and the SHA-256 digest of a state.

Canonical means: JSON with sorted keys, no spaces, ASCII only, and only integers, strings,
booleans, lists and objects (no floats, which could print differently). Two processes
that reached the same state produce the same bytes, whatever PYTHONHASHSEED is.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .state import GameState
from .tracks import DECK_OWNERS, ROLES, TRACKS


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False).encode("ascii")


def sha256(data: Any) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def state_data(state: GameState) -> dict[str, Any]:
    """The whole state as plain data (the ruleset by its digest). A quiet state (a
    playout's, `GameState.quiet`) has no log, so it has no such data: ValueError."""
    if state.quiet:
        raise ValueError("a quiet state has no log, so it cannot be saved, digested or "
                         "verified (quiet states are for bots' playouts)")
    data = {
        "ruleset": state.ruleset.digest,
        "seed": state.seed,
        "turns": state.turns,
        "turn": state.turn,
        "phase": state.phase,
        "tracks": {t.name: v for t, v in zip(TRACKS, state.tracks, strict=True)},
        "flags": sorted(state.flags),
        "piles": {o: p.to_data() for o, p in zip(DECK_OWNERS, state.piles, strict=True)},
        "orders": {r: o.to_data() if o else None
                   for r, o in zip(ROLES, state.orders, strict=True)},
        "last_orders": {r: o.to_data() if o else None
                        for r, o in zip(ROLES, state.last_orders, strict=True)},
        "demands": [[d.card, d.turn] for d in state.demands],
        "rng": list(state.rng),
        "log": [e.to_data() for e in state.log],
        "winners": list(state.winners),
        "end": state.end,
    }
    if state.forced_rolls:  # only while the umpire has fixed a roll; absent otherwise
        data["forced_rolls"] = list(state.forced_rolls)
    if state.ruleset.edition >= 2:  # edition 1 states digest as 0.1 digested them
        data["edition"] = state.ruleset.edition
    return data


def digest(state: GameState) -> str:
    """SHA-256 (hex) of the canonical serialization of `state`."""
    return sha256(state_data(state))
