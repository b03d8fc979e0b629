"""The normal bot: each role's priorities, in the spirit of the COIN series' bot
flowcharts, that a player could follow on paper.

A role first strikes out the orders its red lines forbid (Lukashenko never lets
involvement pass 3; he never thins the Minsk garrison while unrest runs high...). Then it
walks down its list of priorities. The first priority whose situation holds, and that
some order serves, decides: the bot plays the order that serves it best. When no
priority applies, the bot plays the order that does most for its victory overall, or
passes to gather its resource when nothing is worth the cost.

Cards are never known by their ids. What an order "does" is its forecast: the card's
own effect primitives and the month's consequence rules run on the board the role can
see, everyone else passing, rolls counted by their chance (see `forecast.py`). So the
bot keeps working, and keeps explaining itself, when the decks change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from wargame.engine import PASS, ROLE_NAMES, Order, View
from wargame.engine.rng import Pcg32
from wargame.engine.rules import thin_below, tuning_of, war_aim
from wargame.engine.tracks import RESOURCE_OF, TRACK_BY_NAME

from .base import Bot, Decision, order_title
from .forecast import Board, demand_pull, forecast, project, soft_max, win_chance

Measure = Callable[[Board], float]
Situation = Callable[[View, Board], str | None]
"""Says in words why a priority applies now (or returns None when it does not)."""


@frozen
class Priority:
    """One line of a role's flowchart: when `situation` holds, play the order that
    raises `measure` most (by at least `least`)."""

    name: str
    situation: Situation
    measure: Measure
    aim: str
    """What the chosen order does, for the reason: 'raises stability most'."""
    lacks: str
    """What the reason says when no order serves it: 'nothing in hand raises stability'."""
    shows: tuple[str, ...] = ()
    """Tracks whose expected change the reason quotes."""
    least: float = 0.25


@frozen
class RedLine:
    """An order the role will not give: `crossed(view, before, after)` says why, or None."""

    name: str
    crossed: Callable[[View, Board, Board], str | None]


# -- words --------------------------------------------------------------------------


def num(x: float) -> str:
    """A forecast number for a reason: whole when it is (nearly) whole."""
    if abs(x - round(x)) < 0.05:
        return f"{round(x):,}"
    return f"{x:.1f}"


def signed(x: float) -> str:
    text = num(abs(x))
    return ("+" if x >= 0 else "−") + text


def change_words(before: Board, after: Board, names: tuple[str, ...]) -> str:
    parts = []
    for name in names:
        if name == "fall":
            d = after.fall - before.fall
            if abs(d) >= 0.005:
                parts.append(f"{round(100 * after.fall)}% chance the regime falls")
            continue
        d = after.track(name) - before.track(name)
        if abs(d) >= 0.05:
            label = TRACK_BY_NAME[name].label.lower()
            chance = "" if abs(d - round(d)) < 0.05 else " on average"
            parts.append(f"{label} {signed(d)}{chance}")
    return ", ".join(parts)


def _t(view: View | Board, name: str) -> float:
    return view.track(name)


# -- measures -------------------------------------------------------------------------


def stability_kept(b: Board) -> float:
    return b.track("stability") - 10.0 * b.fall


def uprising_safety(b: Board) -> float:
    thin = 2.0 if b.garrison() < thin_below(b.ruleset) else 0.0
    return -(b.track("unrest") + b.track("defections") + thin) - 10.0 * b.fall


def sovereignty_kept(b: Board) -> float:
    return b.track("sovereignty") - 0.6 * len(b.demands)


def kremlin_goal(b: Board) -> float:
    """How near Putin is to his aim: involvement 4, or sovereignty 1. An open demand
    counts for half of what complying with it would bring."""
    best = soft_max(war_aim(b.track("involvement"), b.flags, b.ruleset.edition),
                    1 - b.track("sovereignty"))
    return best + 0.5 * sum(demand_pull(b, d.card) for d in b.demands)


def regime_standing(b: Board) -> float:
    return b.track("stability") - 0.4 * b.track("unrest") - 10.0 * b.fall


def fall_chance(b: Board) -> float:
    return b.fall


def opposition_score(b: Board) -> float:
    return b.track("defections") + b.track("network")


def uprising_pressure(b: Board) -> float:
    return b.track("unrest") + b.track("defections") - 0.5 * b.track("stability")


def economy_kept(b: Board) -> float:
    return b.track("economy")


# -- the flowcharts --------------------------------------------------------------------


def _low_stability(view: View, base: Board) -> str | None:
    s = view.track("stability")
    if s <= 3 or base.track("stability") < 3:
        return f"stability is {s} (the regime needs 3 or more, and collapses at 0)"
    return None


def _uprising_near(view: View, base: Board) -> str | None:
    unrest, defections = view.track("unrest"), view.track("defections")
    thin = "garrison_thin" in view.flags
    t = tuning_of(view.ruleset)
    if (unrest >= t.UPRISING_UNREST - 2 and defections >= t.UPRISING_DEFECTIONS - 1) \
            or (thin and unrest >= t.UPRISING_UNREST - 2):
        garrison = "the garrison is thin" if thin else "the streets are restless"
        return f"unrest is {unrest} and defections {defections}, and {garrison}"
    return None


def _demand_squeeze(view: View, base: Board) -> str | None:
    if not view.demands or view.track("sovereignty") > 4:
        return None
    if view.ruleset.edition >= 2 and not _costs_sovereignty(view, view.demands[0].card):
        return None  # edition 2: a demand for troops is weighed on its worth, not stalled
    title = view.ruleset.cards[view.demands[0].card].title
    return f"Moscow's demand '{title}' is open and sovereignty is only {view.track('sovereignty')}"


def _costs_sovereignty(view: View, card_id: str) -> bool:
    """Whether complying with this demand would cost sovereignty (read from its effects)."""
    demand = view.ruleset.cards[card_id].demand
    return demand is not None and any(
        getattr(e, "track", "") == "sovereignty" and getattr(e, "mode", "") == "add"
        for e in demand.comply)


def _low_sovereignty(view: View, base: Board) -> str | None:
    s = view.track("sovereignty")
    return f"sovereignty is down to {s} (the regime needs 3 or more)" if s <= 3 else None


def _weak_economy(view: View, base: Board) -> str | None:
    e = view.track("economy")
    if e <= tuning_of(view.ruleset).WEAK_ECONOMY + 1:
        return f"the economy is at {e}, and a weak economy drains stability"
    return None


def _minsk_shaky(view: View, base: Board) -> str | None:
    s = view.track("stability")
    if s <= 3 or base.track("stability") < 3 or base.fall > 0.05:
        return f"Minsk is shaky (stability {s}), and a fallen regime is a Kremlin defeat"
    return None


def _short_of_goal(view: View, base: Board) -> str | None:
    i, s = view.track("involvement"), view.track("sovereignty")
    if i >= 4 or s <= 1:
        return None
    if view.ruleset.edition >= 2 and i >= 3:  # a marginal win already: combat wins more
        return f"involvement is {i} and sovereignty {s}; troops massed are a start, " \
               "combat or sovereignty 1 would win more"
    return f"involvement is {i} and sovereignty {s}; the Kremlin needs involvement " \
           f"{3 if view.ruleset.edition >= 2 else 4} or sovereignty 1"


def _regime_brittle(view: View, base: Board) -> str | None:
    s, u = view.track("stability"), view.track("unrest")
    thin = "garrison_thin" in view.flags
    if s <= 2 or thin or u >= tuning_of(view.ruleset).UPRISING_UNREST - 1:
        return f"the regime is brittle (stability {s}, unrest {u}" + \
            (", a thin garrison)" if thin else ")")
    return None


def _margin_in_reach(view: View, base: Board) -> str | None:
    total = view.track("defections") + view.track("network")
    return f"defections and network stand at {total} of the 12 needed"


def _garrison_gone(view: View, base: Board) -> str | None:
    if "garrison_thin" in view.flags or view.track("troops_border") + \
            view.track("troops_ukraine") > 0:
        return "troops have left Minsk"
    return None


# Red lines


def _no_deeper_war(view: View, before: Board, after: Board) -> str | None:
    if after.track("involvement") > 3.5 and view.track("involvement") <= 3:
        return "it would push involvement past 3, which loses the regime the game"
    return None


def _no_thin_garrison(view: View, before: Board, after: Board) -> str | None:
    unrest = view.track("unrest")
    if unrest >= 5 and after.garrison() < thin_below(view.ruleset) <= \
            before.garrison():
        return f"it would thin the Minsk garrison while unrest is {unrest}"
    return None


def _no_collapse(view: View, before: Board, after: Board) -> str | None:
    if after.fall > before.fall + 0.15:
        return f"it would give the regime a {round(100 * after.fall)}% chance of falling"
    return None


FLOWCHARTS: dict[str, tuple[tuple[RedLine, ...], tuple[Priority, ...]]] = {
    "lukashenko": (
        (RedLine("stay out of the war", _no_deeper_war),
         RedLine("keep Minsk guarded", _no_thin_garrison),
         RedLine("do not fall", _no_collapse)),
        (Priority("survive", _low_stability, stability_kept, "raises stability most",
                  "nothing in hand raises stability",
                  ("stability", "fall")),
         Priority("head off an uprising", _uprising_near, uprising_safety,
                  "calms the streets most",
                  "nothing in hand calms the streets", ("unrest", "defections", "troops_minsk")),
         Priority("stall on Moscow", _demand_squeeze, sovereignty_kept,
                  "keeps the most sovereignty",
                  "nothing in hand keeps Moscow at bay", ("sovereignty", "stability")),
         Priority("win back sovereignty", _low_sovereignty, sovereignty_kept,
                  "raises sovereignty most",
                  "nothing in hand raises sovereignty", ("sovereignty",)),
         Priority("mend the economy", _weak_economy, economy_kept,
                  "helps the economy most",
                  "nothing in hand helps the economy", ("economy", "stability"), least=0.5)),
    ),
    "putin": (
        (RedLine("keep the ally standing", _no_collapse),),
        (Priority("prop up Minsk", _minsk_shaky, regime_standing,
                  "props the regime up most",
                  "nothing in hand props the regime up", ("stability", "unrest", "fall")),
         Priority("draw Belarus in", _short_of_goal, kremlin_goal,
                  "draws Belarus furthest in, to the war or the union",
                  "nothing in hand draws Belarus in", ("involvement", "sovereignty"),
                  least=0.2)),
    ),
    "opposition": (
        (),
        (Priority("bring the regime down", _regime_brittle, fall_chance,
                  "gives the best chance the regime falls",
                  "nothing in hand can topple it yet", ("fall",), least=0.15),
         Priority("exploit the empty barracks", _garrison_gone, uprising_pressure,
                  "stokes the streets most",
                  "nothing in hand stirs the streets", ("unrest", "defections", "stability"),
                  least=0.9),
         Priority("build the movement", _margin_in_reach, opposition_score,
                  "grows defections and the network most",
                  "nothing in hand grows the movement", ("defections", "network"),
                  least=0.9)),
    ),
}

# Edition 2 weighs the risk of an uprising in every forecast (the garrison enters the
# chance), so the regime needs no separate red line against thinning it; and combat is a
# marginal loss, not the end, so it is weighed against what refusing Moscow costs.
# The Kremlin has no red line either: a regime that falls loses Putin his ally (a loss
# in the forecast), which is weighed against drawing Belarus in, not refused outright.
FLOWCHARTS_2: dict[str, tuple[tuple[RedLine, ...], tuple[Priority, ...]]] = {
    **FLOWCHARTS,
    "lukashenko": (
        tuple(line for line in FLOWCHARTS["lukashenko"][0]
              if line.name not in ("keep Minsk guarded", "stay out of the war")),
        FLOWCHARTS["lukashenko"][1]),
    "putin": ((), FLOWCHARTS["putin"][1]),
}

VICTORY_WORDS = {
    "lukashenko": "the regime's margin",
    "putin": "the Kremlin's margin",
    "opposition": "the opposition's chances",
}


LOOK_AHEAD = 2
"""Months a forecast is carried on with nobody playing, so that running drains count."""
TOLERANCE = 0.04
"""A priority may pick an order whose overall worth is at most this far below the best."""


def value(role: str, b: Board, look_ahead: int = LOOK_AHEAD) -> float:
    """Overall worth of a board to `role`: its rough chance of winning a couple of months
    on, and a little for the resource in hand while there are months left to spend it."""
    resource = b.track(RESOURCE_OF[role])
    left = b.turns - b.turn
    later = project(b, look_ahead)
    return win_chance(role, later) + (0.01 * min(resource, 6.0) if left > 0 else 0.0)


FRESH_CARD = 0.01
"""What a card played is worth beyond its effects: it makes room for a fresh card at
upkeep, where a pass keeps a stale hand."""
FRESH = {"putin": 0.03, "opposition": 0.03}
"""Edition 2 (measured, docs/design.md step 11): the Kremlin and the opposition gain more
from a fresh card than the regime does: their cards are their only levers, and a bot that
passed four months in twelve to hoard a capped purse let a cheapest-card player beat it."""
HARMLESS = 0.01
"""A card that costs the role less than this is fine to play just to draw a new one."""


class NormalBot(Bot):
    level = "normal"

    def __init__(self, role: str, seed: int, look_ahead: int = LOOK_AHEAD) -> None:
        super().__init__(role, seed)
        self.look_ahead = look_ahead
        self.memo: ForecastMemo | None = None
        """Forecasts shared between decisions (the hard bot's playouts); None: none."""

    def decide(self, view: View, legal: list[Order], rng: Pcg32) -> Decision:
        decision = self._decide(view, legal, rng, True)
        assert isinstance(decision, Decision)
        return decision

    def choose_order(self, view: View, legal: list[Order], rng: Pcg32) -> Order:
        """`decide(view, legal, rng).order`, drawing the same from `rng`, without the
        words of the reason (a playout only needs the order)."""
        order = self._decide(view, legal, rng, False)
        assert isinstance(order, Order)
        return order

    def _decide(self, view: View, legal: list[Order], rng: Pcg32,
                explain: bool) -> Decision | Order:
        role = self.role
        red_lines, priorities = (FLOWCHARTS_2 if view.ruleset.edition >= 2
                                 else FLOWCHARTS)[role]
        found = None if self.memo is None else self.memo.forecasts(view, legal)
        if found is None and view.turn == 1:
            OPENINGS.remember(view)
            found = OPENINGS.forecasts(view, legal)
        values: dict[tuple[Order, str, int], float] | None = None
        # Every table below is by position in `legal` (an order's hash is dear); an order
        # given twice has equal forecasts and worth at both places.
        if found is None:
            boards = [forecast(view, order) for order in legal]
        else:
            known, values = found
            boards = [known[order] for order in legal]
        p = next(i for i, o in enumerate(legal) if o.card == PASS)
        passing, base = legal[p], boards[p]
        allowed: list[int] = []
        refused: list[str] = []
        for i, order in enumerate(legal):
            after = boards[i]
            why = next((w for line in red_lines
                        if (w := line.crossed(view, base, after)) is not None), None)
            if why is None or order.card == PASS:
                allowed.append(i)
            else:
                refused.append(why)
        fresh = 0.0 if view.turn >= view.turns else \
            FRESH.get(role, FRESH_CARD) if view.ruleset.edition >= 2 else FRESH_CARD
        hand, look_ahead = view.hand, self.look_ahead
        worth = [0.0] * len(legal)
        for i in allowed:
            o = legal[i]
            worth[i] = (value(role, boards[i], look_ahead) if values is None
                        else _value_in(values, o, role, boards[i], look_ahead)) \
                + (fresh if o.card in hand else 0.0)
        unique = allowed if len(set(legal)) == len(legal) else _first_of_each(legal, allowed)
        unserved = ""
        floor = max([worth[i] for i in allowed]) - TOLERANCE
        for priority in priorities:
            situation = priority.situation(view, base)
            if situation is None:
                continue
            measure = priority.measure
            start = measure(base)
            near = [i for i in unique if worth[i] >= floor]
            gains = [measure(boards[i]) - start for i in near]
            best = max(gains)
            if best < priority.least:
                if explain:
                    unserved = unserved or f"{situation}, but {priority.lacks}"
                continue
            order, at = _best([i for i, g in zip(near, gains, strict=True)
                               if g >= best - 0.05], worth, legal, rng)
            if not explain:
                return order
            detail = change_words(base, boards[at], priority.shows)
            return Decision(order, _one_line(
                f"{order_title(view, order)}: {situation}, and it {priority.aim}"
                + (f" ({detail})" if detail else "")))
        best_worth = max([worth[i] for i in allowed])
        order, at = _best([i for i in allowed if worth[i] >= best_worth - 0.002], worth, legal,
                          rng)
        if not explain:
            return passing if order.card == PASS else order
        return self._explain(view, order, passing, base, boards[at], worth[at], worth[p],
                             fresh, refused, len(allowed), unserved)

    def _explain(self, view: View, order: Order, passing: Order, base: Board,
                 after: Board, worth: float, passing_worth: float, fresh: float,
                 refused: list[str], allowed: int, unserved: str) -> Decision:
        """The decision and its reason when no priority decided."""
        role = self.role
        gain = worth - passing_worth - (fresh if order.card in view.hand else 0.0)
        if order.card == PASS:
            resource = TRACK_BY_NAME[RESOURCE_OF[role]].label.lower()
            why = (f"nothing in hand is worth its cost now, so {ROLE_NAMES[role]} gathers "
                   f"{resource}")
            if refused and allowed == 1:
                why = f"every card crosses a red line ({refused[0]})"
            elif unserved:
                why = f"{unserved}, and nothing else is worth its cost"
            return Decision(passing, _one_line(f"passed: {why}"))
        if gain < HARMLESS:
            why = unserved or "nothing in hand does much good now"
            if order.card in view.hand:
                return Decision(order, _one_line(
                    f"{order_title(view, order)} to draw a fresh card: {why}"))
            return Decision(order, _one_line(
                f"{order_title(view, order)}: {why}, and this costs the least"))
        detail = change_words(base, after, _SHOWN[role])
        lead = f"{unserved}; instead" if unserved else "no pressing danger, and"
        return Decision(order, _one_line(
            f"{order_title(view, order)}: {lead} it does most for "
            f"{VICTORY_WORDS[role]}" + (f" ({detail})" if detail else "")))



def _best(top: list[int], worth: list[float], legal: list[Order],
          rng: Pcg32) -> tuple[Order, int]:
    """The order at one of the places `top` in `legal` (drawn from those worth the most,
    within 1e-9, when there are several), and its place."""
    if len(top) == 1:
        return legal[top[0]], top[0]
    high = max([worth[i] for i in top])
    best = [i for i in top if worth[i] >= high - 1e-9]
    at = best[rng.below(len(best))] if len(best) > 1 else best[0]
    return legal[at], at


def _first_of_each(legal: list[Order], places: list[int]) -> list[int]:
    """`places` without those of an order given again (the first place of each)."""
    seen: set[Order] = set()
    out = []
    for i in places:
        if legal[i] not in seen:
            seen.add(legal[i])
            out.append(i)
    return out


class ForecastMemo:
    """Forecasts and their values remembered by the public board they start from: the
    edition rules, tracks, flags, open demands, turn and turns of a view. A forecast
    reads nothing else (see `forecast.py`), so a remembered one is the one `forecast`
    would compute, whatever the hand of the view that asks. Only the boards given to
    `remember` are kept, at most `limit` of them (then it starts afresh): boards met
    again, not every board (a later month of a game rarely meets one twice, measured:
    3% of the hard bot's playouts' forecasts, which is not worth keeping them). A board
    handed out is never changed afterwards (`project` and `demand_pull` copy first)."""

    def __init__(self, limit: int = 1) -> None:
        self.limit = limit
        self._tables: dict[tuple[Any, ...], _Table] = {}
        self.asked = 0
        self.found = 0

    def start(self, view: View | None) -> None:
        """Forget everything, then remember the public board of `view` (if given)."""
        self._tables.clear()
        if view is not None:
            self.remember(view)

    def remember(self, view: View) -> None:
        """Keep the forecasts from the public board of `view` from now on (a memo of
        limit 0 keeps none)."""
        if self.limit <= 0:
            return
        key = _public(view)
        table = self._tables.get(key)
        if table is None or not table.serves(view.ruleset):
            if len(self._tables) >= self.limit:
                self._tables.clear()
            self._tables[key] = _Table(view.ruleset)

    def forecasts(self, view: View, legal: list[Order]
                  ) -> tuple[dict[Order, Board], dict[tuple[Order, str, int], float]] | None:
        """Each legal order's forecast, and the values known of them, if the public board
        of `view` is remembered (None otherwise)."""
        table = self._tables.get(_public(view)) if self._tables else None
        if table is None or not table.serves(view.ruleset):
            return None
        known = table.boards
        boards = {}
        self.asked += len(legal)
        for order in legal:
            board = known.get(order)
            if board is None:
                board = known[order] = forecast(view, order)
            else:
                self.found += 1
            boards[order] = board
        return boards, table.values


class _Table:
    """The forecasts from one public board under one ruleset."""

    __slots__ = ("boards", "ruleset", "same", "values")

    def __init__(self, ruleset: Any) -> None:
        self.ruleset = ruleset
        self.same = ruleset
        """The last ruleset found equal to `ruleset` (a game played under another
        edition than its decks' has a copy of its own, `new_game`)."""
        self.boards: dict[Order, Board] = {}
        self.values: dict[tuple[Order, str, int], float] = {}

    def serves(self, ruleset: Any) -> bool:
        """Whether these forecasts are those under `ruleset`: it is this table's ruleset
        or equal to it in every field."""
        if ruleset is self.same or ruleset is self.ruleset:
            return True
        if ruleset == self.ruleset:
            self.same = ruleset
            return True
        return False


def _value_in(values: dict[tuple[Order, str, int], float], order: Order, role: str,
              board: Board, look_ahead: int) -> float:
    """`value(role, board, look_ahead)`, remembered in `values` (a memo's, beside the
    forecast `board` of `order`)."""
    key = (order, role, look_ahead)
    worth = values.get(key)
    if worth is None:
        worth = values[key] = value(role, board, look_ahead)
    return worth


def _public(view: View) -> tuple[Any, ...]:
    return (view.ruleset.edition, view.tracks, view.flags, view.demands, view.turn,
            view.turns)


OPENINGS = ForecastMemo(limit=8)
"""Every game of a scenario opens on the same public board, so a process that plays many
games (`wargame simulate`, the hard bot's playouts) forecasts the same first-month orders
again and again: measured over 200 normal-bot games, 71% of first-month forecasts were
met before. The normal bot remembers the forecasts from first-month boards here."""


_SHOWN = {
    "lukashenko": ("stability", "sovereignty", "involvement", "economy", "unrest"),
    "putin": ("involvement", "sovereignty", "stability", "leverage"),
    "opposition": ("fall", "defections", "network", "unrest"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["FLOWCHARTS", "ForecastMemo", "NormalBot", "Priority", "RedLine", "value"]
