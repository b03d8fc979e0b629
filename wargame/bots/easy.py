"""The easy bot: a legal order at random. For tests, for beginners, and as the baseline
every other level must beat."""

from __future__ import annotations

from wargame.engine import Order, View
from wargame.engine.rng import Pcg32

from .base import Bot, Decision, order_title, pick


class EasyBot(Bot):
    level = "easy"
    tag = "easy bot"
    """What its reasons say it is."""

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        order = pick(rng, legal)
        return Decision(order, f"{order_title(view, order)}: picked at random from "
                               f"{len(legal)} legal orders ({self.tag})")
