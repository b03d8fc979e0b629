"""The playouts of a review: for one decision of a saved game, every legal order played
on the same sampled futures (common random numbers).

A decision is the state just before a role's order was applied, replayed from the save.
Playout k of that decision draws everything from one stream derived from (the save's
digest, the turn, the role, k) with the game's own generator (`derive_stream`): the
hidden hands and decks sampled from what the role could see then (`determinise`), the
other roles' sealed orders of that month, the dice and every later choice. Every
alternative is played from that same sample and the same stream, so two orders are
compared on the same hands and the same dice; the alternative's index never feeds the
stream (that is what makes the comparison fair). Nothing here reads `random`, `hash()`,
set order or the clock: a playout's result is a pure function of the save and k,
whichever process, machine or order computes it.

A unit of work is one decision and a range of playout indices: plain data, so it can be
sent to another process or a Dask worker, which rebuilds the game from the save's bytes.
"""

from __future__ import annotations

from attrs import frozen

from ..bots.hard import HardBot
from ..engine import ORDERS, OVER, GameState, Order, view
from ..engine.rng import Pcg32, derive_stream
from ..engine.rules import GRADES, grades
from ..saves import SaveData, decode

MODEL = ("normal", "first")
"""How everyone chooses in a playout (`hard.MODELS`: the other roles', the reviewed
role's): the other roles like the normal bot (in later months its one-month version),
the reviewed role like the normal bot in the decision's month and by the quick policy
after it (the normal bot's one-month judgement of its own effects, with a little noise).
A third of the time of the normal bot with its look-ahead for the reviewed role, and it
still sees a blunder the others punish (docs/design.md, "The game review")."""

CHUNK = 16
"""Playouts of one decision in one unit of work: small enough to spread a review over
every job, large enough that rebuilding the game does not dominate."""


@frozen
class Decision:
    """One order of a saved game under review: the action's index in the save (from 1),
    the turn, the role, the order given, and every legal order then (the given one
    among them), in the engine's order."""

    index: int
    turn: int
    role: str
    given: Order
    legal: tuple[Order, ...]
    by: str = ""
    reason: str | None = None


@frozen
class Unit:
    """Playouts `first..stop-1` of decision `decision` (a position in the review's
    list of decisions) of the save whose bytes are `raw`."""

    raw: bytes
    digest: str
    decision: int
    first: int
    stop: int


def decisions(save: SaveData) -> tuple[list[Decision], list[GameState]]:
    """Every order of the save that had an alternative, and the state before each (the
    save is replayed; it must replay, see `saves.replay`)."""
    from ..engine import apply, new_game

    state = new_game(save.ruleset, save.seed, save.turns)
    found: list[Decision] = []
    before: list[GameState] = []
    for index, recorded in enumerate(save.record, start=1):
        action = recorded.action
        if isinstance(action, Order) and state.phase == ORDERS:
            legal = tuple(view(state, action.role).legal_orders())
            if len(legal) > 1 and action in legal:
                found.append(Decision(index, state.turn, action.role, action, legal,
                                      recorded.by, recorded.reason))
                before.append(state)
        state = apply(state, action)
    return found, before


def seed_of(digest: str) -> int:
    """The review's base seed: the first 64 bits of the save's digest."""
    return int(digest[:16], 16)


def stream(digest: str, turn: int, role: str, playout: int) -> Pcg32:
    """Playout `playout`'s stream for the decision of `role` in `turn`."""
    return derive_stream(seed_of(digest), f"review:{turn}:{role}:{playout}")


def outcome(state: GameState, role: str) -> int:
    """A playout's end for `role`, as one integer: its result level (an index of
    `GRADES`, worst first) times two, plus one if it won."""
    level = GRADES.index(grades(state.tracks, state.flags, state.ruleset.edition)[role])
    won = state.phase == OVER and role in state.winners
    return level * 2 + (1 if won else 0)


def play_decision(save: SaveData, decision: Decision, state: GameState,
                  first: int, stop: int, digest: str) -> list[tuple[int, ...]]:
    """Playouts first..stop-1 of `decision`: for each, one outcome per legal order."""
    bot = HardBot(decision.role, save.seed, opponents=MODEL[0], rollout=MODEL[1])
    v = view(state, decision.role)
    out: list[tuple[int, ...]] = []
    for k in range(first, stop):
        sample, then = bot.sample(v, stream(digest, decision.turn, decision.role, k))
        out.append(tuple(outcome(bot.play_on(sample, order, save.turns, Pcg32(*then)),
                                 decision.role) for order in decision.legal))
    return out


_GAMES: dict[str, tuple[SaveData, list[Decision], list[GameState]]] = {}


def game_of(raw: bytes, digest: str) -> tuple[SaveData, list[Decision], list[GameState]]:
    """The save of these bytes, its decisions and the states before them (remembered
    for the save this process saw last)."""
    known = _GAMES.get(digest)
    if known is None:
        save = decode(raw, "the reviewed save")
        found, before = decisions(save)
        known = (save, found, before)
        _GAMES.clear()
        _GAMES[digest] = known
    return known


def run_unit(unit: Unit) -> list[tuple[int, ...]]:
    """What a worker does with a unit (a module-level function, so it can be sent)."""
    save, found, before = game_of(unit.raw, unit.digest)
    return play_decision(save, found[unit.decision], before[unit.decision], unit.first,
                         unit.stop, unit.digest)


def units(raw: bytes, digest: str, count: int, budget: int,
          chunk: int = CHUNK) -> list[Unit]:
    """The review's work: every decision's playouts, in chunks, in a fixed order."""
    return [Unit(raw, digest, d, first, min(budget, first + chunk))
            for d in range(count) for first in range(0, budget, chunk)]


__all__ = ["CHUNK", "Decision", "Unit", "decisions", "game_of", "outcome",
           "play_decision", "run_unit", "seed_of", "stream", "units"]
