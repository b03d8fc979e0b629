"""The hard bot: information-set Monte Carlo tree search (Cowling, Powley and Whitehouse,
"Information Set Monte Carlo Tree Search", 2012), over games determinised from its view.

Each playout samples a whole game consistent with what the role has seen
(`determinise.py`): the other hands, the deck order and the dice. The tree holds only the
bot's own orders, month after month (an "open-loop" tree: the same node stands for the
same orders whatever the dice did), chosen by UCB1 among the orders available in that
playout's sample. The other roles give their sealed orders from their own views of the
sample, through a fast version of the normal bot, without seeing the bot's order. A
playout runs `horizon` months ahead, or to the end, and scores 1 for a win, 0 for a loss,
or the normal bot's estimate of the chance of winning where it stops.

The budget is counted in playouts, never in seconds, so the hard bot's choice is the
same on a fast machine and a slow one.
"""

from __future__ import annotations

import math

from wargame.engine import OVER, PASS, ROLES, GameState, Order, View, apply, view
from wargame.engine.headless import advance
from wargame.engine.rng import Pcg32

from .base import Bot, Decision, order_title, pick
from .determinise import determinise
from .forecast import Board, forecast, win_chance
from .normal import NormalBot

DEFAULT_PLAYOUTS = 300
DEFAULT_HORIZON = 4
"""Months a playout looks ahead before it scores the board (the game may end sooner)."""
EXPLORATION = 0.7


class _Node:
    __slots__ = ("available", "children", "total", "visits")

    def __init__(self) -> None:
        self.children: dict[Order, _Node] = {}
        self.visits = 0
        self.total = 0.0
        self.available = 0

    def mean(self) -> float:
        return self.total / self.visits if self.visits else 0.0


def quick_order(v: View, rng: Pcg32, legal: list[Order] | None = None) -> Order:
    """A fast stand-in for the normal bot inside playouts: the order whose own effects
    (no consequence rules, no look-ahead) do most for the role's chance of winning, with
    a little noise so that playouts differ."""
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
                 horizon: int = DEFAULT_HORIZON, opponents: str = "normal") -> None:
        super().__init__(role, seed)
        if playouts < 1:
            raise ValueError("the hard bot needs at least one playout")
        if opponents not in ("normal", "quick"):
            raise ValueError("opponents must be modelled as 'normal' or 'quick'")
        self.playouts = playouts
        self.horizon = horizon
        self.opponents = opponents
        self._normal = {r: NormalBot(r, seed) for r in ROLES}

    def decide(self, view_: View, legal: list[Order], rng: Pcg32) -> Decision:
        if len(legal) == 1:
            return Decision(legal[0], f"{order_title(view_, legal[0])}: it is the only "
                                      "legal order")
        root = _Node()
        last_turn = min(view_.turns, view_.turn + self.horizon - 1)
        for _ in range(self.playouts):
            state = determinise(view_, rng)
            self._playout(state, root, last_turn, rng)
        ranked = sorted(legal, key=lambda o: (root.children[o].visits if o in root.children
                                              else 0, root.children[o].mean()
                                              if o in root.children else 0.0), reverse=True)
        best = ranked[0]
        node = root.children[best]
        runner = ranked[1]
        other = root.children.get(runner)
        text = (f"{order_title(view_, best)}: in {self.playouts} playouts of sampled hands "
                f"and dice it scored {_pct(node.mean())} to win")
        if other is not None and other.visits:
            text += (f", against {_pct(other.mean())} for "
                     f"{_short(order_title(view_, runner))}")
        return Decision(best, text)

    # One playout ---------------------------------------------------------------------

    def _playout(self, state: GameState, root: _Node, last_turn: int, rng: Pcg32) -> None:
        role = self.role
        path = [root]
        node: _Node | None = root
        first = True
        while state.phase != OVER and state.turn <= last_turn:
            own_view = view(state, role)
            legal = own_view.legal_orders()
            if node is not None:
                order, node = self._select(node, legal, rng)
                path.append(node)
                if node.visits == 0:
                    node_after = None  # a new leaf: the rest of this playout is a rollout
                else:
                    node_after = node
            else:
                order = quick_order(own_view, rng, legal)
                node_after = None
            state = apply(state, order)
            for other in ROLES:
                if other != role and state.orders[ROLES.index(other)] is None:
                    state = apply(state, self._opponent(state, other, rng, first))
            first = False
            state = advance(state)
            node = node_after
        value = self._score(state)
        for n in path:
            n.visits += 1
            n.total += value

    def _select(self, node: _Node, legal: list[Order], rng: Pcg32) -> tuple[Order, _Node]:
        fresh = [o for o in legal if o not in node.children]
        for order in legal:
            child = node.children.get(order)
            if child is not None:
                child.available += 1
        if fresh:
            order = pick(rng, fresh)
            child = _Node()
            child.available = 1
            node.children[order] = child
            return order, child
        best, best_score = legal[0], -math.inf
        for order in legal:
            child = node.children[order]
            score = child.mean() + EXPLORATION * math.sqrt(
                math.log(max(child.available, 1)) / child.visits)
            if score > best_score:
                best, best_score = order, score
        return best, node.children[best]

    def _opponent(self, state: GameState, role: str, rng: Pcg32, first: bool) -> Order:
        v = view(state, role)
        if first and self.opponents == "normal":
            legal = v.legal_orders()
            return self._normal[role].decide(v, legal, rng).order
        return quick_order(v, rng)

    def _score(self, state: GameState) -> float:
        if state.phase == OVER:
            return 1.0 if self.role in state.winners else 0.0
        return win_chance(self.role, Board.of(state))


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _short(title: str) -> str:
    return title.removeprefix("played ")


__all__ = ["DEFAULT_HORIZON", "DEFAULT_PLAYOUTS", "HardBot", "quick_order"]
