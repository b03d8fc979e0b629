"""The hard bot: Monte Carlo search over games determinised from its view.

Every playout starts from a whole game sampled to be consistent with what the role has
seen (`determinise.py`): the other hands, the order of the decks and the dice are drawn
from the bot's own stream. The other roles give their sealed orders from their own views
of that sample, without seeing the bot's; the bot gives the order under test; then the
game runs on, everyone choosing like the normal bot, for `horizon` months or to the end.
A playout scores 1 for a win, 0 for a loss, or, where it stops, the normal bot's estimate
of the chance of winning.

The playouts are spent by sequential halving over the bot's orders (Karnin, Koren and
Somekh 2013, as in Gumbel MuZero's root search) with common random numbers: each round
plays every surviving order on the same sampled games and the same stream of choices, so
two orders are compared on the same hands and the same dice, and the worse half is
dropped. The normal bot's own choice is never dropped, and the search overrules it only
when the best order beat it on the same samples by more than a standard error (half of
one for the opposition, `ROLE_CONFIDENCE`): the hard bot is the normal bot, corrected
where its playouts say clearly that another order wins more. (An information-set MCTS
search came first and was removed: its choice was mostly noise, see docs/design.md "The
hard bot".)

The budget is counted in playouts, never in seconds, so the hard bot's choice is the
same on a fast machine and a slow one. The default (160 playouts, 4 months ahead) keeps
a decision under half a second on the machine the benchmarks ran on
(`python benchmarks/run.py`).
"""

from __future__ import annotations

import math

from wargame.engine import OVER, PASS, ROLES, GameState, Order, View, apply, view
from wargame.engine.headless import advance
from wargame.engine.rng import Pcg32

from .base import Bot, Decision, order_title, pick
from .determinise import determinise
from .forecast import Board, forecast, win_chance
from .normal import ForecastMemo, NormalBot

DEFAULT_PLAYOUTS = 160
DEFAULT_HORIZON = 4
"""Months a playout looks ahead before it scores the board (the game may end sooner)."""
MODELS = ("normal", "first", "quick")
"""How playouts have roles choose: like the normal bot every month; like it in the first
month and by the quick policy after; or by the quick policy throughout."""
PLAYOUT_LOOK_AHEAD = 0
"""For the other roles' later months, the normal bot in a playout judges each order by
this month's forecast alone (the playout itself looks ahead), which is a third cheaper."""
CONFIDENCE = 1.0
"""Standard errors by which an order must beat the normal bot's choice to replace it."""
ROLE_CONFIDENCE = {"opposition": 0.5}
"""Where a role's own differs. The opposition's orders differ by a few points of a chance
that one roll late in the game decides, so its hard bot acts on smaller evidence:
measured over 600 paired games (docs/design.md, "Measured"), half a standard error
beats the normal bot by +5.2 points (95% +0.8 to +9.5); one standard error gained +2.0
on the first 200 of those games, not told apart from nothing."""


def quick_order(v: View, rng: Pcg32, legal: list[Order] | None = None) -> Order:
    """A fast stand-in for the normal bot: the order whose own effects (no consequence
    rules, no look-ahead) do most for the role's chance of winning, with a little noise
    so that playouts differ."""
    legal = v.legal_orders() if legal is None else legal
    if rng.below(10) == 0:
        return pick(rng, legal)
    role = v.role
    assert role is not None
    best, best_value = legal[0], -1.0
    for order in legal:
        worth = win_chance(role, forecast(v, order, consequences=False))
        worth += rng.below(1000) * 1e-6
        if order.card != PASS and order.card in v.hand:
            worth += 0.01
        if worth > best_value:
            best, best_value = order, worth
    return best


class HardBot(Bot):
    level = "hard"

    def __init__(self, role: str, seed: int, playouts: int = DEFAULT_PLAYOUTS,
                 horizon: int = DEFAULT_HORIZON, opponents: str = "normal",
                 rollout: str = "normal", confidence: float | None = None) -> None:
        super().__init__(role, seed)
        if playouts < 1:
            raise ValueError("the hard bot needs at least one playout")
        if horizon < 1:
            raise ValueError("a playout looks at least one month ahead")
        if opponents not in MODELS or rollout not in MODELS:
            raise ValueError(f"opponents and rollout are one of {', '.join(MODELS)}")
        self.playouts = playouts
        self.horizon = horizon
        self.opponents = opponents
        self.rollout = rollout
        self.confidence = ROLE_CONFIDENCE.get(role, CONFIDENCE) if confidence is None \
            else confidence
        self._normal = {r: NormalBot(r, seed) for r in ROLES}
        self._light = {r: NormalBot(r, seed, look_ahead=PLAYOUT_LOOK_AHEAD) for r in ROLES}
        self.memo = ForecastMemo()
        """The forecasts from the view's public board, shared by the playouts' normal bots
        within one decision (every sample starts from that board)."""
        for bot in (*self._normal.values(), *self._light.values()):
            bot.memo = self.memo

    def decide(self, view_: View, legal: list[Order], rng: Pcg32) -> Decision:
        if len(legal) == 1:
            return Decision(legal[0], f"{order_title(view_, legal[0])}: it is the only "
                                      "legal order")
        last_turn = min(view_.turns, view_.turn + self.horizon - 1)
        ahead = last_turn - view_.turn + 1
        lead = (f"over {{n}} playouts from sampled hands and dice, {ahead} "
                f"month{'s' if ahead != 1 else ''} ahead, its chance of winning came out "
                "at {mean}")
        anchor = NormalBot(self.role, self.seed).decide(view_, legal, rng).order
        self.memo.start(view_)
        try:
            best, results = self._halving(view_, legal, anchor, last_turn, rng)
        finally:
            self.memo.start(None)
        top = max((o for o in results if o != anchor), key=lambda o: _mean(results[o]))
        if best != anchor:
            n, mean = len(results[best]), _mean(results[best])
            return Decision(best, f"{order_title(view_, best)}: "
                            + lead.format(n=n, mean=_pct(mean))
                            + f", against {_pct(_mean(results[anchor]))} for "
                            f"{_short(order_title(view_, anchor))}")
        n, mean = len(results[anchor]), _mean(results[anchor])
        return Decision(anchor, f"{order_title(view_, anchor)}: "
                        + lead.format(n=n, mean=_pct(mean))
                        + f", and no other order did clearly better "
                        f"({_short(order_title(view_, top))}: {_pct(_mean(results[top]))})")

    # Sequential halving with common random numbers ---------------------------------

    def _halving(self, view_: View, legal: list[Order], anchor: Order, last_turn: int,
                 rng: Pcg32) -> tuple[Order, dict[Order, dict[int, float]]]:
        """Sequential halving over `legal`, every order of a round played on the same
        sampled games. The normal bot's choice (`anchor`) is never dropped, and the
        search only overrules it when the best order beat it on the same samples by
        more than `confidence` standard errors: a few hundred playouts are noisy, and a
        hard bot should not be worse than a normal one by chasing the noise."""
        alive = list(legal)
        results: dict[Order, dict[int, float]] = {o: {} for o in legal}
        rounds = max(1, math.ceil(math.log2(len(legal))))
        budget = self.playouts
        sample = 0
        for r in range(rounds):
            per_round = max(1, budget // (len(alive) * (rounds - r)))
            for _ in range(per_round):
                # The same game and the same stream of choices for every order. The
                # others' orders this month do not depend on the bot's (they are sealed),
                # so they are chosen once for all.
                state, then = self.sample(view_, rng)
                for order in alive:
                    results[order][sample] = self._play(state, order, last_turn,
                                                        Pcg32(*then))
                sample += 1
            budget -= per_round * len(alive)
            alive.sort(key=lambda o: _mean(results[o]), reverse=True)
            keep = alive[: max(1, (len(alive) + 1) // 2)]
            if anchor not in keep:
                keep.append(anchor)
            alive = keep
            if len(alive) == 1 or budget <= 0:
                break
        results = {o: v for o, v in results.items() if v}
        best = max(alive, key=lambda o: _mean(results[o]))
        if best == anchor:
            return anchor, results
        pairs = [results[best][k] - results[anchor][k] for k in results[best]
                 if k in results[anchor]]
        mean = sum(pairs) / len(pairs)
        spread = math.sqrt(sum((d - mean) ** 2 for d in pairs) / max(1, len(pairs) - 1))
        if mean > self.confidence * spread / math.sqrt(len(pairs)):
            return best, results
        return anchor, results

    def _play(self, state: GameState, first: Order, last_turn: int, rng: Pcg32) -> float:
        return self._score(self.play_on(state, first, last_turn, rng))

    def sample(self, view_: View, rng: Pcg32) -> tuple[GameState, tuple[int, int]]:
        """One sampled future of `view_` for common random numbers: a whole game
        consistent with the view (`determinise`), the other roles' sealed orders of this
        month already given, and the state of the stream the rest of the playout draws
        from (play every order under test from `Pcg32(*stream)`)."""
        choices = Pcg32(rng.next_u32(), rng.next_u32())
        state = self._others(determinise(view_, rng), choices, 0)
        return state, choices.snapshot()

    def play_on(self, state: GameState, first: Order, last_turn: int,
                rng: Pcg32) -> GameState:
        """Play `first` (the others have already ordered this month), then let everyone
        choose by the playout policies until `last_turn` is over or the game ends; the
        state where the playout stops."""
        role = self.role
        state = advance(apply(state, first))
        month = 1
        while state.phase != OVER and state.turn <= last_turn:
            v = view(state, role)
            order = self._policy(self.rollout, v, v.legal_orders(), rng, month)
            state = advance(apply(self._others(state, rng, month), order))
            month += 1
        return state

    def _others(self, state: GameState, rng: Pcg32, month: int) -> GameState:
        """The other roles' sealed orders, each from its own view (no one sees the
        bot's order: it is applied after theirs)."""
        for other in ROLES:
            if other != self.role and state.orders[ROLES.index(other)] is None:
                v = view(state, other)
                state = apply(state, self._policy(self.opponents, v, v.legal_orders(),
                                                  rng, month))
        return state

    # Shared ----------------------------------------------------------------------------

    def _policy(self, model: str, v: View, legal: list[Order], rng: Pcg32,
                month: int) -> Order:
        if len(legal) == 1:
            return legal[0]
        if model == "normal" or (model == "first" and month == 0):
            assert v.role is not None
            # The bot's own later months, and everyone's first (chosen once for every
            # order tried), as the normal bot plays them; the others' later months by its
            # lighter version.
            full = v.role == self.role or month == 0
            return (self._normal if full else self._light)[v.role].choose_order(v, legal,
                                                                                rng)
        return quick_order(v, rng, legal)

    def _score(self, state: GameState) -> float:
        if state.phase == OVER:
            return 1.0 if self.role in state.winners else 0.0
        return win_chance(self.role, Board.of(state))


def _mean(values: dict[int, float]) -> float:
    return sum(values.values()) / len(values) if values else 0.0


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _short(title: str) -> str:
    return title.removeprefix("played ")


__all__ = ["CONFIDENCE", "DEFAULT_HORIZON", "DEFAULT_PLAYOUTS", "MODELS", "ROLE_CONFIDENCE",
           "HardBot", "quick_order"]
