"""Scripted strategies: yardsticks that show whether a role's decisions matter.

    make_scripted("cheapest", "putin", seed).choose(view) -> Decision

They play through the same interface as the bot levels (a role's `View` in, one of its
legal orders and a reason out) and draw only from their own seeded streams, so a game
with them is as reproducible as any other. None of them is offered to players: they are
what `benchmarks/balance.py` measures the normal bot against, on the same seeds.

- `pass`: always passes.
- `random`: a legal order, uniformly at random (like the easy bot, on its own stream).
- `cheapest`: the card order that costs least (ties: the first in hand, then the first
  option); passes when no card can be ordered.
- `comply` / `stall`: whenever a Kremlin demand is open, the regime complies (stalls);
  otherwise it plays exactly as the normal bot would (the same stream, so the same
  choices). Playing like the normal bot the rest of the time, rather than passing, is what
  makes the comparison fair: the difference from the normal bot is then the answer to
  Moscow alone, not a month of passing thrown in. For the other roles, which are never
  asked, these are the normal bot.

And two measuring instruments, which play as the normal bot does but see or count more:

- `oracle`: the normal bot, forecasting with the other roles' ACTUAL orders of this month
  instead of its usual assumption that they pass. The game loop must tell it those orders
  (`sees_orders` is True; the simulator sets `others` before asking it to choose).
- `purse`: the normal bot, which also asks itself, from turn 3 on, what it would have
  ordered with its resource track at the maximum (an unlimited purse), and counts the
  decisions in which that differs (`counts`). It plays the real choice, so its games are
  the normal bot's games.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from wargame.engine import COMPLY, INITIATIVE, PASS, STALL, Order, View
from wargame.engine.rng import Pcg32
from wargame.engine.state import FREE_ORDERS
from wargame.engine.tracks import RESOURCE_OF, TRACK_BY_NAME, TRACK_INDEX

from . import normal as _normal
from .base import Bot, Decision, order_title
from .easy import EasyBot
from .forecast import Board, expect, resolve, run_consequences
from .normal import NormalBot

PURSE_FROM_TURN = 3
"""The `purse` instrument counts decisions from this turn on (the opening purse is set by
the scenario, not by play)."""


class PassBot(Bot):
    """Always passes."""

    level = "pass"

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        order = next(o for o in legal if o.card == PASS)
        return Decision(order, "passed: this seat always passes (scripted)")


class RandomBot(EasyBot):
    """A legal order, uniformly at random, from its own seeded stream: the easy bot,
    named as a scripted strategy."""

    level = "random"
    tag = "scripted"


def order_cost(view: View, order: Order) -> int:
    """What a card order costs in the role's resource (its card and its option)."""
    card = view.ruleset.cards[order.card]
    option = card.option(order.option)
    return card.cost + (option.cost if option else 0)


class CheapestBot(Bot):
    """The card order that costs least; ties go to the first in hand (then the first
    option). Passes when no card can be ordered. Free answers to a demand are not cards."""

    level = "cheapest"

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        cards = [o for o in legal if o.card not in FREE_ORDERS]
        if not cards:
            order = next(o for o in legal if o.card == PASS)
            return Decision(order, "passed: no card can be ordered (scripted: cheapest)")
        order = min(cards, key=lambda o: order_cost(view, o))  # min keeps the first
        return Decision(order, f"{order_title(view, order)}: the cheapest card order "
                               f"({order_cost(view, order)}) (scripted)")


class _AnswerBot(Bot):
    """Answers every open demand the same way; otherwise the normal bot."""

    answer = ""

    def __init__(self, role: str, seed: int) -> None:
        super().__init__(role, seed)
        self.normal = NormalBot(role, seed)

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        order = next((o for o in legal if o.card == self.answer), None)
        if order is None:
            return self.normal.decide(view, legal, self.normal.stream(view))
        return Decision(order, f"{order_title(view, order)}: this regime always "
                               f"{'complies' if self.answer == COMPLY else 'stalls'} "
                               "(scripted)")


class ComplyBot(_AnswerBot):
    """Complies whenever a demand is open; otherwise plays as the normal bot."""

    level = "comply"
    answer = COMPLY


class StallBot(_AnswerBot):
    """Stalls whenever a demand is open; otherwise plays as the normal bot."""

    level = "stall"
    answer = STALL


# -- measuring instruments -----------------------------------------------------------


def _resolve_paid(b: Board, order: Order) -> None:
    """Resolve another role's order on a forecast board as the engine would: a card its
    owner can no longer pay for fizzles."""
    if order.card not in FREE_ORDERS:
        card = b.ruleset.cards[order.card]
        option = card.option(order.option)
        cost = card.cost + (option.cost if option else 0)
        if b.get(RESOURCE_OF[order.role]) < cost:
            return
    resolve(b, order)


def forecast_with(others: Mapping[str, Order]) -> Callable[..., Board]:
    """A `forecast` (see `forecast.py`) that resolves the other roles' actual orders of
    this month with the order weighed, in the initiative order, instead of assuming that
    they pass."""

    def forecast(env: Any, order: Order, consequences: bool = True) -> Board:
        orders = {**others, order.role: order}

        def step(b: Board) -> None:
            for role in INITIATIVE:
                given = orders.get(role)
                if given is None:
                    continue
                if role == order.role:
                    resolve(b, given)
                else:
                    _resolve_paid(b, given)

        board = expect(Board.of(env), step)
        return run_consequences(board) if consequences else board

    return forecast


class OracleBot(NormalBot):
    """The normal bot, told the other roles' sealed orders of this month (`others`) and
    forecasting with them. Its stream is the normal bot's, so where the orders change
    nothing it chooses exactly as the normal bot does."""

    sees_orders = True

    def __init__(self, role: str, seed: int, **options: Any) -> None:
        super().__init__(role, seed, **options)
        self.others: dict[str, Order] = {}

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        others = {r: o for r, o in self.others.items() if r != self.role}
        saved = _normal.forecast
        # NormalBot.decide reads `forecast` from its module when it runs: swap it for the
        # length of this decision only (a bot decides in one thread).
        _normal.forecast = forecast_with(others)
        try:
            return super().decide(view, legal, rng)
        finally:
            _normal.forecast = saved


class PurseBot(NormalBot):
    """The normal bot, counting (from turn 3) the decisions it would have made otherwise
    with an unlimited purse: `counts["decisions"]` and `counts["different"]`."""

    def __init__(self, role: str, seed: int, **options: Any) -> None:
        super().__init__(role, seed, **options)
        self.counts: dict[str, int] = {"decisions": 0, "different": 0}

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        decision = super().decide(view, legal, rng)
        if view.turn >= PURSE_FROM_TURN:
            rich = unlimited_purse(view)
            other = super().decide(rich, rich.legal_orders(), self.stream(view))
            self.counts["decisions"] += 1
            self.counts["different"] += other.order != decision.order
        return decision


def unlimited_purse(view: View) -> View:
    """The same view with the role's resource track at its maximum."""
    assert view.role is not None
    name = RESOURCE_OF[view.role]
    tracks = list(view.tracks)
    tracks[TRACK_INDEX[name]] = TRACK_BY_NAME[name].hi
    return attrs.evolve(view, tracks=tuple(tracks))


SCRIPTED: dict[str, type[Bot]] = {
    "pass": PassBot,
    "random": RandomBot,
    "cheapest": CheapestBot,
    "comply": ComplyBot,
    "stall": StallBot,
}
"""The scripted strategies, by name."""
INSTRUMENTS: dict[str, type[Bot]] = {"oracle": OracleBot, "purse": PurseBot}
"""The measuring variants of the normal bot, by name."""
STRATEGIES: tuple[str, ...] = (*SCRIPTED, *INSTRUMENTS)


def make_scripted(name: str, role: str, seed: int, **options: Any) -> Bot:
    """A scripted strategy (`SCRIPTED`) or measuring instrument (`INSTRUMENTS`) for
    `role` in the game of `seed`."""
    if name in SCRIPTED:
        return SCRIPTED[name](role, seed)
    if name in INSTRUMENTS:
        return INSTRUMENTS[name](role, seed, **options)
    raise ValueError(f"unknown strategy {name!r}; the strategies are "
                     f"{', '.join(STRATEGIES)}")


__all__ = [
    "INSTRUMENTS",
    "SCRIPTED",
    "STRATEGIES",
    "CheapestBot",
    "ComplyBot",
    "OracleBot",
    "PassBot",
    "PurseBot",
    "RandomBot",
    "StallBot",
    "forecast_with",
    "make_scripted",
    "order_cost",
    "unlimited_purse",
]
