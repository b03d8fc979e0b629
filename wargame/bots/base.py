"""What every bot shares: the `Decision` it returns, its own random stream per decision,
and the words it uses to name an order.

A bot reads one role's `View` (never the full state) and returns one of
`view.legal_orders()`. Its chance comes from a stream derived from the game's seed, the
role, the level and the turn, so a bot's choice is a pure function of (view, seed, role,
level): thinking longer never moves the game's dice, and a game resumed from a save makes
the same choices as an uninterrupted one.
"""

from __future__ import annotations

from attrs import frozen

from wargame.engine import COMPLY, ORDERS, PASS, ROLE_NAMES, ROLES, STALL, Order, View
from wargame.engine.rng import Pcg32, derive_stream

LEVELS: tuple[str, ...] = ("easy", "normal", "hard")


@frozen
class Decision:
    """A bot's order and, in one line a player can read, why it gave it."""

    order: Order
    reason: str


class Bot:
    """Base of the three levels. Subclasses implement `decide(view, legal, rng)`."""

    level: str = ""

    def __init__(self, role: str, seed: int) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        self.role = role
        self.seed = seed

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.role!r}, seed={self.seed})"

    def stream(self, view: View) -> Pcg32:
        """This decision's own random stream: the same for the same turn, whatever came
        before it in this process."""
        return derive_stream(self.seed, f"bot:{self.role}:{self.level}:{view.turn}")

    def choose(self, view: View) -> Decision:
        """The order this bot gives from `view` (which must be its role's, in the orders
        phase, with the order still owed), and why."""
        if view.role != self.role:
            raise ValueError(f"a {self.role} bot was shown the view of {view.role}")
        if view.phase != ORDERS or view.my_order is not None:
            raise ValueError(f"{ROLE_NAMES[self.role]} owes no order now "
                             f"(phase {view.phase})")
        legal = view.legal_orders()
        decision = self.decide(view, legal, self.stream(view))
        assert decision.order in legal, f"{self} chose an illegal order {decision.order}"
        return decision

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        raise NotImplementedError


def order_title(view: View, order: Order) -> str:
    """What an order does, as the reason's first words: 'played Covert mobilisation',
    'passed', 'stalled on Moscow's demand "Demand a joint military command"'."""
    if order.card == PASS:
        return "passed"
    if order.card in (COMPLY, STALL):
        demand = view.ruleset.cards[view.demands[0].card].title if view.demands else "a demand"
        verb = "complied with" if order.card == COMPLY else "stalled on"
        return f"{verb} Moscow's demand '{demand}'"
    card = view.ruleset.cards[order.card]
    option = card.option(order.option)
    return f"played {card.title}" + (f" ({option.label})" if option else "")


def pick(rng: Pcg32, items: list[Order]) -> Order:
    return items[rng.below(len(items))] if len(items) > 1 else items[0]
