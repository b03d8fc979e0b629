"""The turn as a state machine: `new_game`, `legal_actions` and `apply`.

Phases, each moved on by one action::

    event --Advance--> orders --3 sealed Orders--> resolution --Advance-->
    consequences --Advance--> upkeep --Advance--> event (next month) ... --> over

The automatic phases are moved on by the SYSTEM actor's `Advance`; the orders phase waits
for one `Order` per role, in any sequence, and does not reveal them until all are in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import evolve as attrs_evolve
from attrs import fields as attrs_fields

from .editions import edition as edition_of
from .effects import Scratch, answer_demand, open_demand, run_effects
from .errors import IllegalAction
from .quiet import scratch_of
from .rng import Pcg32
from .rules import income, margins, rules_of, run_consequences, tuning_of
from .state import (
    COMPLY,
    CONSEQUENCES,
    EVENT,
    FREE_ORDERS,
    MAX_REASON,
    ORDERS,
    OVER,
    PASS,
    RESOLUTION,
    STALL,
    SYSTEM,
    UMPIRE,
    UMPIRE_KINDS,
    UPKEEP,
    Action,
    Advance,
    GameState,
    LogEntry,
    OpenDemand,
    Order,
    Piles,
    Ruleset,
    Umpire,
)
from .tracks import (
    DECK_OWNERS,
    INITIATIVE,
    RESOURCE_OF,
    ROLE_NAMES,
    ROLES,
    TRACK_BY_NAME,
    TRACK_INDEX,
    WORLD,
)

AUTOMATIC = frozenset({EVENT, RESOLUTION, CONSEQUENCES, UPKEEP})


def new_game(ruleset: Ruleset, seed: int, turns: int | None = None,
             edition: int | None = None, *, quiet: bool = False) -> GameState:
    """A game at the start of its first event phase: decks shuffled by the seed, hands
    dealt. It is played under the ruleset's rules edition, or `edition` when given.
    A `quiet` game keeps no log (`GameState.quiet`), and plays out the same."""
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**64:
        raise ValueError("the seed must be an integer from 0 to 2**64 - 1")
    if edition is not None and edition != ruleset.edition:
        edition_of(edition)  # ValueError for an edition this game does not know
        ruleset = attrs_evolve(ruleset, edition=edition)
    scenario = ruleset.scenario
    turns = scenario.turns if turns is None else turns
    if not 1 <= turns <= 60:
        raise ValueError("a game lasts from 1 to 60 turns")
    empty = GameState(
        ruleset=ruleset, seed=seed, turns=turns, turn=1, phase=EVENT,
        tracks=scenario.tracks, flags=scenario.flags,
        piles=tuple(Piles(deck=ruleset.decks.get(owner, ())) for owner in DECK_OWNERS),
        orders=(None, None, None), last_orders=(None, None, None), demands=(),
        rng=Pcg32.seeded(seed).snapshot(), log=(), quiet=quiet)
    s = scratch_of(empty)
    s.note("setup", {"scenario": scenario.id, "seed": seed, "turns": turns,
                     "edition": ruleset.edition})
    for owner in DECK_OWNERS:
        s.shuffle_deck(owner, "start")
    for card_id in scenario.demands:  # a crisis scenario: demands already on the table
        s.pile("putin")["deck"].remove(card_id)
        s.demands.append(OpenDemand(card_id, 0))  # made before the game: it bites at once
    for role, sure in scenario.hands:  # key cards dealt first, the rest as shuffled
        deck = s.pile(role)["deck"]
        deck[:] = [c for c in sure if c in deck] + [c for c in deck if c not in sure]
    for role in ROLES:
        s.draw(role, scenario.hand_size)
    return s.freeze()


# -- what may be done --------------------------------------------------------------------


def actors(state: GameState) -> tuple[str, ...]:
    """Who is to act now: roles that still owe an order, or SYSTEM, or nobody."""
    if state.phase == OVER:
        return ()
    if state.phase == ORDERS:
        return tuple(r for r, o in zip(ROLES, state.orders, strict=True) if o is None)
    return (SYSTEM,)


def order_options(ruleset: Ruleset, role: str, hand: Sequence[str], env: Any) -> list[Order]:
    """Every order `role` may give with this hand, judged on what it can see (`env` is a
    state or that role's view). Shared by `legal_actions` and the views bots read."""
    resource = env.tracks[_RESOURCE_INDEX[role]]
    cards = ruleset.cards
    out: list[Order] = []
    known = _ORDERS
    for card_id in hand:
        card = cards[card_id]
        cost = card.cost
        if cost > resource:
            continue
        requires = card.requires
        if requires is not None and not requires.evaluate(env):
            continue
        if card.options:
            for opt in card.options:
                if cost + opt.cost <= resource:
                    out.append(_order(role, card_id, opt.id))
        else:
            order = known.get((role, card_id, None))
            out.append(_order(role, card_id) if order is None else order)
    out.append(_PASSES[role])
    if role == "lukashenko" and env.demands:
        out += _ANSWERS
    return out


_RESOURCE_INDEX = {role: TRACK_INDEX[RESOURCE_OF[role]] for role in ROLES}
_ROLE_INDEX = {role: i for i, role in enumerate(ROLES)}
_PASSES = {role: Order(role, PASS) for role in ROLES}
_ANSWERS = (Order("lukashenko", COMPLY), Order("lukashenko", STALL))
assert DECK_OWNERS[: len(ROLES)] == ROLES  # a role's index is its pile's too
_ORDERS: dict[tuple[str, str, str | None], Order] = {}
"""Orders are values: the same order is built once (`order_options` is asked for every
order a bot gives)."""


def _order(role: str, card: str, option: str | None = None) -> Order:
    key = (role, card, option)
    order = _ORDERS.get(key)
    if order is None:
        if len(_ORDERS) >= 4096:  # a bounded memo (decks of other rulesets may differ)
            _ORDERS.clear()
        order = _ORDERS[key] = Order(role, card, option)
    return order


def legal_actions(state: GameState, actor: str) -> list[Action]:
    """The actions `actor` (a role, or SYSTEM) may take now. Empty when it is not their
    move."""
    if state.phase == OVER:
        return []
    if actor == UMPIRE:
        return list(umpire_actions(state))
    if state.phase == ORDERS:
        if actor not in ROLES or state.orders[ROLES.index(actor)] is not None:
            return []
        return list(order_options(state.ruleset, actor, state.hand(actor), state))
    return [Advance()] if actor == SYSTEM else []


def _check_order(state: GameState, order: Order) -> None:
    i = _ROLE_INDEX.get(order.role)
    if i is None:
        raise IllegalAction(f"{order.role!r} is not a role")
    name = ROLE_NAMES[order.role]
    if state.phase != ORDERS:
        raise IllegalAction(f"{name} cannot give an order in the {state.phase} phase")
    if state.orders[i] is not None:
        raise IllegalAction(f"{name} has already given an order this turn")
    if order.card in FREE_ORDERS:
        if order.option is not None:
            raise IllegalAction(f"'{order.card}' takes no option")
        if order.card != PASS:
            if order.role != "lukashenko":
                raise IllegalAction(f"only Lukashenko can {order.card} on a demand")
            if not state.demands:
                raise IllegalAction(f"there is no Kremlin demand to {order.card} on")
        return
    if order.card not in state.piles[i].hand:  # (the roles' piles come first)
        raise IllegalAction(f"{order.card!r} is not in {name}'s hand")
    card = state.ruleset.cards[order.card]
    resource = RESOURCE_OF[order.role]
    have = state.tracks[_RESOURCE_INDEX[order.role]]
    cost = card.cost
    if card.options:
        opt = card.option(order.option)
        if opt is None:
            choices = ", ".join(o.id for o in card.options)
            raise IllegalAction(f"'{card.title}' needs one of these options: {choices}")
        cost += opt.cost
    elif order.option is not None:
        raise IllegalAction(f"'{card.title}' takes no option")
    if cost > have:
        label = TRACK_BY_NAME[resource].label.lower()
        raise IllegalAction(f"{name} cannot pay {cost} {label} for '{card.title}' "
                            f"(has {have})")
    if card.requires is not None and not card.requires.evaluate(state):
        raise IllegalAction(f"'{card.title}' can only be played when {card.requires.text}")


# -- moving the game on ------------------------------------------------------------------


def apply(state: GameState, action: Action) -> GameState:
    """The state after `action`. Raises IllegalAction, and changes nothing, when the
    rules do not allow it."""
    if state.phase == OVER:
        raise IllegalAction("the game is over")
    if isinstance(action, Order):
        _check_order(state, action)
        orders = list(state.orders)
        orders[_ROLE_INDEX[action.role]] = action
        a, b, c = orders
        phase = ORDERS if a is None or b is None or c is None else RESOLUTION
        return _evolve_orders(state, (a, b, c), phase)
    if isinstance(action, Umpire):
        return _umpire(state, action)
    if isinstance(action, Advance):
        if state.phase not in AUTOMATIC:
            waiting = ", ".join(ROLE_NAMES[r] for r in actors(state))
            raise IllegalAction(f"the game is waiting for orders from {waiting}")
        s = scratch_of(state)
        _STEPS[state.phase](s)
        if state.phase != UPKEEP and "regime_fallen" in s.flags and s.phase != OVER:
            _finish(s, "fallen")
        return s.freeze()
    raise IllegalAction(f"not an action: {action!r}")


def advance_all(state: GameState) -> tuple[GameState, int]:
    """Apply `Advance` until a role must give an order or the game is over; returns the
    state and how many steps that took. The same state as applying `Advance` step by
    step, built once instead of once per step (the simulator and the bots' playouts
    spend much of their time here)."""
    if state.phase not in AUTOMATIC:
        return state, 0
    s = scratch_of(state)
    steps = 0
    while s.phase in AUTOMATIC:
        phase = s.phase
        _STEPS[phase](s)
        steps += 1
        if phase != UPKEEP and "regime_fallen" in s.flags and s.phase != OVER:
            _finish(s, "fallen")
        s.changes.clear()  # as a fresh scratch for the next step would start
    return s.freeze(), steps


def _evolve_orders(state: GameState, orders: tuple[Order | None, ...],
                   phase: str) -> GameState:
    # Sealed orders are stored without a log line, so the state after all three are in
    # does not depend on the sequence in which they arrived. attrs.evolve, without its
    # per-call look-ups: every field is a positional init argument (checked below).
    return GameState(state.ruleset, state.seed, state.turns, state.turn, phase,
                     state.tracks, state.flags, state.piles, orders, state.last_orders,
                     state.demands, state.rng, state.log, state.winners, state.end,
                     state.forced_rolls, state.quiet)


_STATE_FIELDS = tuple(a.name for a in attrs_fields(GameState)
                      if a.init and not a.kw_only and not a.name.startswith("_"))
assert _STATE_FIELDS == (
    "ruleset", "seed", "turns", "turn", "phase", "tracks", "flags", "piles", "orders",
    "last_orders", "demands", "rng", "log", "winners", "end", "forced_rolls", "quiet"), \
    "GameState's fields changed: update _evolve_orders"


def _event(s: Scratch) -> None:
    _month_header(s)
    drawn = s.draw(WORLD, 1)
    if not drawn:
        s.note("event", {"quiet": True}, role=WORLD)
        s.phase = ORDERS
    else:
        _world_event(s, drawn[0])


def _month_header(s: Scratch) -> None:
    s.note("phase", {"turns": s.turns})


def _world_event(s: Scratch, card_id: str, injected: bool = False) -> None:
    card = s.ruleset.cards[card_id]
    if s.quiet:
        run_effects(s, card.effects, WORLD)
    else:
        s.note("event", {"injected": True} if injected else {}, role=WORLD, card=card.id,
               source=card.cites)
        s.take_changes()
        trace = run_effects(s, card.effects, WORLD)
        changes = s.take_changes()
        if changes or s.data_log:
            s.note("effect", {"trace": trace}, role=WORLD, card=card.id, source=card.cites,
                   changes=changes)
    s.pile(WORLD)["removed" if card.once else "discard"].append(card.id)
    s.phase = ORDERS


# -- the umpire ------------------------------------------------------------------------


def umpire_actions(state: GameState) -> list[Umpire]:
    """What the umpire may do now (with an empty reason, for the caller to fill in)."""
    if state.phase == OVER:
        return []
    out = [Umpire("note", ""), Umpire("roll", "", value=1)]
    if state.phase == EVENT:
        out.append(Umpire("hold", ""))
        world = state.pile(WORLD)
        out += [Umpire("inject", "", card=c) for c in (*world.deck, *world.discard)]
    return out


def _umpire(state: GameState, action: Umpire) -> GameState:
    if action.kind not in UMPIRE_KINDS:
        raise IllegalAction(f"the umpire cannot {action.kind!r}")
    if len(action.reason) > MAX_REASON:
        raise IllegalAction(f"an umpire's reason is at most {MAX_REASON} characters")
    s = scratch_of(state)
    said = {"kind": action.kind, "reason": action.reason}
    if action.kind == "note":
        s.note("umpire", said, role=UMPIRE)
        return s.freeze()
    if action.kind == "roll":
        if action.value is None or not 1 <= action.value <= 100:
            raise IllegalAction("the umpire's roll must be from 1 to 100")
        s.forced_rolls.append(action.value)
        s.note("umpire", {**said, "value": action.value}, role=UMPIRE)
        return s.freeze()
    if state.phase != EVENT:
        raise IllegalAction(f"the umpire can only {action.kind} a world event in the event "
                            f"phase, not the {state.phase} phase")
    if action.kind == "hold":
        _month_header(s)
        s.note("umpire", said, role=UMPIRE)
        s.phase = ORDERS
        return s.freeze()
    world = s.pile(WORLD)
    if action.card not in world["deck"] and action.card not in world["discard"]:
        raise IllegalAction(f"{action.card!r} is not a world event that can still happen")
    _month_header(s)
    s.note("umpire", said, role=UMPIRE, card=action.card)
    for name in ("deck", "discard"):
        if action.card in world[name]:
            world[name].remove(action.card)
    _world_event(s, action.card, injected=True)
    if "regime_fallen" in s.flags:
        _finish(s, "fallen")
    return s.freeze()


def _resolution(s: Scratch) -> None:
    orders = {o.role: o for o in s.orders if o is not None}
    cards, quiet = s.ruleset.cards, s.quiet
    for role in INITIATIVE:
        order = orders[role]
        if order.card in FREE_ORDERS:
            if not quiet:
                s.note("reveal", role=role, card=order.card)
            continue
        card = cards[order.card]
        pile = s.pile(role)
        pile["hand"].remove(card.id)
        pile["play"].append(card.id)
        if not quiet:
            option = card.option(order.option)
            s.note("reveal", {"option": order.option} if option else {}, role=role,
                   card=card.id, source=card.cites)
    for role in INITIATIVE:
        _resolve_order(s, orders[role])
    s.last_orders = tuple(s.orders)
    s.orders = [None, None, None]
    s.phase = CONSEQUENCES


def _resolve_order(s: Scratch, order: Order) -> None:
    role = order.role
    s.take_changes()
    if order.card == PASS:
        s.add(RESOURCE_OF[role], 1)
        if not s.quiet:
            s.note("pass", role=role, card=PASS, changes=s.take_changes())
        return
    if order.card in (COMPLY, STALL):
        answer_demand(s, order.card)
        return
    card = s.ruleset.cards[order.card]
    option = card.option(order.option) if card.options else None
    cost = card.cost + (option.cost if option else 0)
    resource = RESOURCE_OF[role]
    pile = s.pile(role)
    pile["play"].remove(card.id)
    if s.get(resource) < cost:
        pile["discard"].append(card.id)
        if not s.quiet:
            s.note("fizzle", {"cost": cost, "has": s.get(resource), "resource": resource},
                   role=role, card=card.id, source=card.cites)
        return
    s.add(resource, -cost)
    trace = run_effects(s, card.effects, role)
    if option:
        trace += run_effects(s, option.effects, role)
    if card.demand is not None:
        open_demand(s, card.id)
    else:  # (effects may have replaced the pile's lists, never the pile)
        pile["removed" if card.once else "discard"].append(card.id)
    if s.quiet:
        return
    said: dict[str, Any] = {"trace": trace, "paid": cost} if s.data_log else {}
    if card.demand is not None:
        said["demand"] = True
    s.note("effect", said, role=role, card=card.id, source=card.cites,
           changes=s.take_changes())


def _consequences(s: Scratch) -> None:
    run_consequences(s, rules_of(s.ruleset))
    s.phase = UPKEEP


def _upkeep(s: Scratch) -> None:
    s.take_changes()
    ruleset, tracks = s.ruleset, s.tracks
    tuning, edition = tuning_of(ruleset), ruleset.edition
    for resource, amount in income(tracks, tuning, edition).items():
        index = TRACK_INDEX[resource]
        s.set_index(index, tracks[index] + amount)
        if edition >= 2 and tracks[index] > tuning.PURSE_CAP:
            s.set_index(index, tuning.PURSE_CAP)  # edition 2: scarce money
    s.reset_counters()
    if not s.quiet:
        s.note("income", changes=s.take_changes())
    hand_size = ruleset.scenario.hand_size
    for role in ROLES:
        missing = hand_size - len(s.pile(role)["hand"])
        if missing > 0:
            s.draw(role, missing)
    if "regime_fallen" in s.flags:
        _finish(s, "fallen")
    elif s.turn >= s.turns:
        _finish(s, "time")
    else:
        s.turn += 1
        s.phase = EVENT


def _finish(s: Scratch, why: str) -> None:
    m = margins(s.tracks, s.flags, s.ruleset.edition)
    s.winners = tuple(r for r in ROLES if m[r] >= 0)
    s.end = why
    s.phase = OVER
    s.note("end", {"winners": s.winners, "reason": why, "margins": m})


_STEPS = {EVENT: _event, RESOLUTION: _resolution, CONSEQUENCES: _consequences,
          UPKEEP: _upkeep}


__all__ = [
    "AUTOMATIC",
    "LogEntry",
    "OpenDemand",
    "actors",
    "advance_all",
    "apply",
    "legal_actions",
    "new_game",
    "order_options",
]
