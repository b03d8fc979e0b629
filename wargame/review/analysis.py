"""From playout outcomes to a review: each alternative's chances with 95% intervals,
the gap to the best order, and a verdict that names a mistake only when the gap is
larger than its uncertainty.

Everything here is arithmetic on integers counted in a fixed order, rounded at the end,
so the same outcomes give the same review, byte for byte, on any machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import Any

from attrs import field, frozen

from ..engine import ROLE_NAMES, Order, Ruleset
from ..engine.rules import GRADES
from ..stats import Z95, wilson
from ..telling import order_title
from .playouts import Decision

INACCURACY = 0.05
MISTAKE = 0.10
BLUNDER = 0.25
"""A significant gap (in chance of winning) of at least this much is an inaccuracy, a
mistake, a blunder (lichess's names; smaller significant gaps are inaccuracies too)."""
VERDICTS = ("best", "as good", "inaccuracy", "mistake", "blunder")
"""'best': the order given did best; 'as good': another did better on these playouts,
but by less than the uncertainty; the rest: by more, ranked by the size of the gap."""
MISTAKES = ("mistake", "blunder")


def paired(a: Sequence[int], b: Sequence[int], z: float = Z95) -> tuple[float, float, float]:
    """The mean of a - b over the same playouts, and its interval (normal approximation
    of the paired differences: the common random numbers make it narrow)."""
    n = len(a)
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    mean = sum(diffs) / n
    if n < 2:
        return mean, -1.0, 1.0
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1)
    half = z * math.sqrt(var / n)
    return mean, mean - half, mean + half


def _r(x: float) -> float:
    return round(x, 4)


@frozen
class Estimate:
    """One order's estimates at one decision."""

    order: Order
    title: str
    cites: str
    playouts: int
    wins: int
    levels: tuple[int, ...]
    """How many playouts ended at each result level (GRADES, worst first)."""

    @property
    def win(self) -> float:
        return self.wins / self.playouts

    @property
    def win_interval(self) -> tuple[float, float]:
        return wilson(self.wins, self.playouts)

    @property
    def score(self) -> float:
        """The mean result level (0: decisive loss .. 3: decisive win): the tiebreak."""
        return sum(i * n for i, n in enumerate(self.levels)) / self.playouts

    def to_data(self) -> dict[str, Any]:
        lo, hi = self.win_interval
        return {
            "order": self.order.to_data(), "title": self.title, "cites": self.cites,
            "playouts": self.playouts,
            "win": {"p": _r(self.win), "lo": _r(lo), "hi": _r(hi)},
            "levels": {GRADES[i]: {"p": _r(n / self.playouts),
                                   "lo": _r(wilson(n, self.playouts)[0]),
                                   "hi": _r(wilson(n, self.playouts)[1])}
                       for i in reversed(range(len(GRADES))) for n in [self.levels[i]]},
        }


@frozen
class Reviewed:
    """One decision reviewed: every legal order's estimates, the best one, the gap
    between it and the order given (with its 95% interval) and the verdict."""

    decision: Decision
    month: str
    estimates: tuple[Estimate, ...]
    given: int
    best: int
    gap: float
    gap_lo: float
    gap_hi: float
    verdict: str
    outcomes: tuple[tuple[int, ...], ...] = field(default=(), eq=False, repr=False)
    """The playouts' outcomes it was computed from (what the cache keeps)."""

    @property
    def is_mistake(self) -> bool:
        return self.verdict in MISTAKES

    def to_data(self) -> dict[str, Any]:
        d = self.decision
        return {
            "action": d.index, "turn": d.turn, "month": self.month, "role": d.role,
            "by": d.by, "given": self.given, "best": self.best, "verdict": self.verdict,
            "gap": {"p": _r(self.gap), "lo": _r(self.gap_lo), "hi": _r(self.gap_hi)},
            "alternatives": [e.to_data() for e in self.estimates],
        }


def cites_of(ruleset: Ruleset, order: Order) -> str:
    card = ruleset.cards.get(order.card)
    return card.cites if card is not None else ""


def review_decision(ruleset: Ruleset, decision: Decision,
                    outcomes: Sequence[Sequence[int]]) -> Reviewed:
    """The review of one decision from its playouts' outcomes (one tuple per playout,
    one outcome per legal order: level * 2 + won)."""
    n = len(outcomes)
    estimates = []
    columns = [[o[j] for o in outcomes] for j in range(len(decision.legal))]
    for order, column in zip(decision.legal, columns, strict=True):
        levels = tuple(sum(1 for o in column if o // 2 == i) for i in range(len(GRADES)))
        estimates.append(Estimate(order, order_title(ruleset.cards, order),
                                  cites_of(ruleset, order), n,
                                  sum(o & 1 for o in column), levels))
    given = decision.legal.index(decision.given)
    # The best on these playouts: most wins, then the better mean level; the order given
    # wins a tie (a tie is no reason to call it worse), then the engine's order.
    best = max(range(len(estimates)),
               key=lambda j: (estimates[j].wins, j == given, estimates[j].score, -j))
    wins = [[o & 1 for o in column] for column in columns]
    gap, lo, hi = paired(wins[best], wins[given])
    verdict = "best" if best == given else "as good"
    if best != given:
        # Against the best of several orders picked on the same playouts, one 95% test
        # would flag too often: the gap must clear a Bonferroni interval over the
        # comparisons the best was picked from.
        m = max(1, len(estimates) - 1)
        z = NormalDist().inv_cdf(1 - 0.025 / m)
        _, strict_lo, _ = paired(wins[best], wins[given], z)
        if strict_lo > 0 and gap >= INACCURACY:
            verdict = ("blunder" if gap >= BLUNDER else "mistake" if gap >= MISTAKE
                       else "inaccuracy")
    return Reviewed(decision, ruleset.scenario.month_label(decision.turn),
                    tuple(estimates), given, best, gap, lo, hi, verdict,
                    tuple(tuple(o) for o in outcomes))


def pct(x: float) -> str:
    return f"{round(100 * x)}%"


def points(x: float) -> str:
    return f"{round(100 * x)}"


def interval(lo: float, hi: float) -> str:
    return f"{round(100 * lo)}–{round(100 * hi)}%"


def mattered(reviews: Sequence[Reviewed], role: str, count: int = 3) -> list[Reviewed]:
    """The decisions of `role` that mattered most: the largest significant gaps between
    the order given and the best, largest first (at most `count`)."""
    mine = [r for r in reviews if r.decision.role == role and r.verdict not in
            ("best", "as good")]
    mine.sort(key=lambda r: (-r.gap, r.decision.index))
    return mine[:count]


def in_words(r: Reviewed, playouts: int) -> str:
    """One decision in words a student understands: what was ordered, its chance of
    winning, the best order on the table, the gap and whether it is clear."""
    d, given, best = r.decision, r.estimates[r.given], r.estimates[r.best]
    who = ROLE_NAMES[d.role]
    g_cites = f" ({given.cites})" if given.cites else ""
    b_cites = f" ({best.cites})" if best.cites else ""
    head = (f"In {r.month} (turn {d.turn}) {who} ordered ‘{given.title}’{g_cites}: over "
            f"{playouts} sampled futures the chance of winning came out at "
            f"{pct(given.win)} ({interval(*given.win_interval)})")
    if r.best == r.given:
        return head + "; no order on the table did better."
    tail = (f"; ‘{best.title}’{b_cites} would have given {pct(best.win)} "
            f"({interval(*best.win_interval)}): {points(r.gap)} points more "
            f"(95%: {points(r.gap_lo)} to {points(r.gap_hi)})")
    if r.verdict == "as good":
        return head + tail + ", within the uncertainty: no clear mistake."
    return head + tail + f", a {r.verdict}."


__all__ = ["BLUNDER", "INACCURACY", "MISTAKE", "MISTAKES", "VERDICTS", "Estimate",
           "Reviewed", "in_words", "interval", "mattered", "paired", "pct",
           "review_decision", "wilson"]
