"""Engine values: cards, scenarios, the game state, actions and log entries.

Everything here is immutable (attrs `frozen`). A change to the game is a new state made
by `apply` in `machine.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .editions import LATEST
from .expr import Expr
from .tracks import DECK_OWNERS, FLAG_BY_NAME, ROLES, TRACK_INDEX, TRACKS

if TYPE_CHECKING:
    from .effects import Effect

# -- phases ---------------------------------------------------------------------------

EVENT = "event"
ORDERS = "orders"
RESOLUTION = "resolution"
CONSEQUENCES = "consequences"
UPKEEP = "upkeep"
OVER = "over"
PHASES: tuple[str, ...] = (EVENT, ORDERS, RESOLUTION, CONSEQUENCES, UPKEEP, OVER)

SYSTEM = "system"
"""The actor that moves the automatic phases on (OpenSpiel's 'chance player')."""

UMPIRE = "umpire"
"""The facilitator of a classroom game, who may step in (see `Umpire`)."""
UMPIRE_KINDS = ("inject", "hold", "roll", "note")
MAX_REASON = 300

PASS = "pass"
COMPLY = "comply"
STALL = "stall"
FREE_ORDERS = (PASS, COMPLY, STALL)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# -- content ----------------------------------------------------------------------------


@frozen
class Option:
    """A choice a card asks for when it is ordered (a size, a target)."""

    id: str
    label: str
    cost: int
    effects: tuple[Effect, ...]


ASKS_AGAIN = "First refusal of the game: Moscow asks again"
"""What a demand that `insists` adds to its refusal, in the words a card shows."""


@frozen
class Demand:
    """What the regime's two free answers to an open Kremlin demand do."""

    comply: tuple[Effect, ...]
    stall: tuple[Effect, ...]
    insists: bool = False
    """Edition 2: the first time the regime refuses a demand that insists (in a game),
    Moscow asks again: the card goes back to the Kremlin's hand (¶14-15)."""

    @property
    def reads(self) -> tuple[str, ...]:
        """The flags an answer to it reads (besides its effects' conditions)."""
        return ("moscow_asked_again",) if self.insists else ()


_CITES: dict[tuple[int, ...], str] = {}
"""`Card.cites` by source paragraphs (asked for at every card played)."""


@frozen
class Card:
    id: str
    title: str
    role: str
    cost: int
    text: str
    source: tuple[int, ...]
    context: str
    question: str
    effects: tuple[Effect, ...]
    requires: Expr | None = None
    options: tuple[Option, ...] = ()
    demand: Demand | None = None
    once: bool = False
    """Removed from the game after it is played, instead of going to the discard."""

    @property
    def cites(self) -> str:
        cites = _CITES.get(self.source)
        if cites is None:
            if len(_CITES) >= 4096:  # a bounded memo
                _CITES.clear()
            cites = _CITES[self.source] = ", ".join(f"¶{n}" for n in self.source)
        return cites

    def option(self, option_id: str | None) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None


@frozen
class Scenario:
    id: str
    title: str
    description: str
    start_year: int
    start_month: int
    turns: int
    hand_size: int
    tracks: tuple[int, ...]
    flags: frozenset[str]
    demands: tuple[str, ...] = ()
    """Kremlin demands already on the table when the game starts (a crisis scenario)."""
    hands: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Cards each role is sure to hold in its opening hand: (role, card ids)."""

    def month_label(self, turn: int) -> str:
        index = self.start_month - 1 + turn - 1
        return f"{MONTHS[index % 12]} {self.start_year + index // 12}"


@frozen
class Ruleset:
    """A scenario and the decks it is played with: everything a game needs besides its
    seed and its players' choices."""

    scenario: Scenario
    cards: Mapping[str, Card]
    decks: Mapping[str, tuple[str, ...]]
    """Card ids per owner (the three roles and the world), in file order."""
    digest: str = ""
    """SHA-256 of the canonical deck data it was built from; part of every state digest."""
    data: Any = field(default=None, eq=False, repr=False)
    """The plain data (as read from TOML) it was built from, so a save can embed it."""
    tuning: Any = field(default=None, eq=False, repr=False)
    """The consequence rules' settings (`rules.Tuning`); None means the defaults. Part of
    `data` (the scenario's `tuning` table), so it is covered by the digest."""
    edition: int = LATEST
    """The rules edition (`editions.py`) games of this ruleset are played under; from
    edition 2 on, part of every state digest."""

    def card(self, card_id: str) -> Card:
        return self.cards[card_id]


# -- actions ----------------------------------------------------------------------------


@frozen
class Advance:
    """Move an automatic phase (event, resolution, consequences, upkeep) on by one step."""

    actor: str = SYSTEM

    def to_data(self) -> dict[str, Any]:
        return {"type": "advance"}


@frozen(cache_hash=True)  # bots key their estimates by order
class Order:
    """One role's sealed order: a card from its hand (and an option if the card asks for
    one), or one of the free orders `pass`, `comply` and `stall`."""

    role: str
    card: str
    option: str | None = None

    @property
    def actor(self) -> str:
        return self.role

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "order", "role": self.role, "card": self.card}
        if self.option is not None:
            data["option"] = self.option
        return data


@frozen
class Umpire:
    """The facilitator steps in, with a reason that goes into the log and the save:

    - `inject`: in the event phase, this month's world event is `card` instead of the top
      of the world deck;
    - `hold`: in the event phase, no world event this month;
    - `roll`: the next roll comes out as `value` (1-100) instead of the dice;
    - `note`: a line in the log (a late order made by a bot, hands shown to the class).
    """

    kind: str
    reason: str
    card: str | None = None
    value: int | None = None

    @property
    def actor(self) -> str:
        return UMPIRE

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "umpire", "kind": self.kind, "reason": self.reason}
        if self.card is not None:
            data["card"] = self.card
        if self.value is not None:
            data["value"] = self.value
        return data


Action = Advance | Order | Umpire


def action_from_data(data: Any) -> Action:
    """The inverse of `Action.to_data`; raises ValueError on anything else."""
    if not isinstance(data, dict):
        raise ValueError("an action must be an object")
    kind = data.get("type")
    if kind == "advance" and set(data) == {"type"}:
        return Advance()
    if kind == "order":
        extra = set(data) - {"type", "role", "card", "option"}
        if extra:
            raise ValueError(f"unknown field {sorted(extra)[0]!r} in an order")
        role, card, option = data.get("role"), data.get("card"), data.get("option")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} in an order")
        if not isinstance(card, str) or len(card) > 200:
            raise ValueError("an order's card must be a short string")
        if option is not None and (not isinstance(option, str) or len(option) > 200):
            raise ValueError("an order's option must be a short string")
        return Order(role, card, option)
    if kind == "umpire":
        extra = set(data) - {"type", "kind", "reason", "card", "value"}
        if extra:
            raise ValueError(f"unknown field {sorted(extra)[0]!r} in an umpire action")
        what, reason = data.get("kind"), data.get("reason")
        card, value = data.get("card"), data.get("value")
        if what not in UMPIRE_KINDS:
            raise ValueError(f"unknown umpire action {str(what)[:40]!r}")
        if not isinstance(reason, str) or len(reason) > MAX_REASON:
            raise ValueError(f"an umpire's reason must be text of at most {MAX_REASON} "
                             "characters")
        if card is not None and (not isinstance(card, str) or len(card) > 200):
            raise ValueError("an umpire action's card must be a short string")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not 1 <= value <= 100):
            raise ValueError("an umpire's roll must be a whole number from 1 to 100")
        return Umpire(what, reason, card, value)
    raise ValueError(f"unknown action {str(kind)[:40]!r}")


# -- the log ----------------------------------------------------------------------------


@frozen(slots=False)  # (a log's values: attrs builds them twice as fast with a __dict__)
class Change:
    """One track or flag that moved: `name` is a track name or `flag:<name>`."""

    name: str
    before: int
    after: int

    def to_data(self) -> list[Any]:
        return [self.name, self.before, self.after]


@frozen(slots=False)  # (~150 a game: attrs builds them twice as fast with a __dict__)
class LogEntry:
    """One entry of the structured log. `visible` is None for public entries, or the
    roles that may read all of it; others read `redacted` (or nothing, when it is None).

    Edition 1 entries carry English `text` (frozen: it is part of the digests). From
    edition 2 on `text` is empty and `data` says everything: the words come from
    `wargame.telling`, outside the engine. There, others than `visible` see the entry
    without the `data` keys named in `hidden` (or nothing, when `hidden` is empty)."""

    turn: int
    phase: str
    kind: str
    text: str
    role: str = ""
    card: str = ""
    rule: str = ""
    source: str = ""
    changes: tuple[Change, ...] = ()
    roll: tuple[int, int] | None = None
    """(rolled, needed): a d100 roll succeeds when rolled <= needed."""
    visible: tuple[str, ...] | None = None
    redacted: str | None = None
    data: tuple[tuple[str, Any], ...] = ()
    hidden: tuple[str, ...] = ()

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"turn": self.turn, "phase": self.phase, "kind": self.kind}
        if self.text:  # edition 1 always has text; edition 2 never does
            out["text"] = self.text
        if self.role:
            out["role"] = self.role
        if self.card:
            out["card"] = self.card
        if self.rule:
            out["rule"] = self.rule
        if self.source:
            out["source"] = self.source
        if self.changes:
            out["changes"] = [c.to_data() for c in self.changes]
        if self.roll is not None:
            out["roll"] = list(self.roll)
        if self.visible is not None:
            out["visible"] = list(self.visible)
            if self.redacted is not None:
                out["redacted"] = self.redacted
        if self.data:
            out["data"] = {k: v for k, v in self.data}
        if self.hidden:
            out["hidden"] = list(self.hidden)
        return out

    def get(self, key: str, default: Any = None) -> Any:
        """One value of `data`."""
        for k, v in self.data:
            if k == key:
                return v
        return default

    def seen_by(self, role: str | None) -> LogEntry | None:
        """This entry as `role` sees it (None is the referee, who sees everything)."""
        if self.visible is None or role is None or role in self.visible:
            return self
        if self.hidden:
            return LogEntry(self.turn, self.phase, self.kind, "", role=self.role,
                            rule=self.rule, source=self.source,
                            data=tuple((k, v) for k, v in self.data if k not in self.hidden))
        if self.redacted is None:
            return None
        return LogEntry(self.turn, self.phase, self.kind, self.redacted, role=self.role,
                        rule=self.rule, source=self.source)


# -- the state ------------------------------------------------------------------------


@frozen
class Piles:
    """Where one owner's cards are. Every card is in exactly one pile (or on the table
    as an open demand)."""

    deck: tuple[str, ...] = ()
    hand: tuple[str, ...] = ()
    play: tuple[str, ...] = ()
    discard: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def to_data(self) -> dict[str, list[str]]:
        return {"deck": list(self.deck), "hand": list(self.hand), "play": list(self.play),
                "discard": list(self.discard), "removed": list(self.removed)}


@frozen
class OpenDemand:
    card: str
    turn: int
    """The turn it was made; it erodes stability from the next turn on."""


@frozen
class GameState:
    ruleset: Ruleset = field(repr=False)
    seed: int
    turns: int
    turn: int
    phase: str
    tracks: tuple[int, ...]
    flags: frozenset[str]
    piles: tuple[Piles, ...]
    """One per owner, in the order of DECK_OWNERS."""
    orders: tuple[Order | None, ...]
    """Sealed orders of this turn, one slot per role in ROLES order."""
    last_orders: tuple[Order | None, ...]
    """The orders revealed at the last resolution."""
    demands: tuple[OpenDemand, ...]
    rng: tuple[int, int]
    log: tuple[LogEntry, ...]
    winners: tuple[str, ...] = ()
    end: str = ""
    """Why the game ended, once phase is OVER."""
    forced_rolls: tuple[int, ...] = ()
    """Rolls the umpire has fixed in advance; the next rolls take them first."""
    quiet: bool = field(default=False, repr=False)
    """A quiet game keeps no log (a bot's playout: no rule reads the log, and no one
    reads it after): every track, flag, pile, roll and result comes out as in the logged
    game, but `log` stays empty, so it can never be saved or digested."""

    # Reading -------------------------------------------------------------------------

    def track(self, name: str) -> int:
        return self.tracks[TRACK_INDEX[name]]

    def tracks_dict(self) -> dict[str, int]:
        return {t.name: v for t, v in zip(TRACKS, self.tracks, strict=True)}

    def pile(self, owner: str) -> Piles:
        return self.piles[DECK_OWNERS.index(owner)]

    def hand(self, role: str) -> tuple[str, ...]:
        return self.pile(role).hand

    def order_of(self, role: str) -> Order | None:
        return self.orders[ROLES.index(role)]

    @property
    def month(self) -> str:
        return self.ruleset.scenario.month_label(self.turn)

    @property
    def over(self) -> bool:
        return self.phase == OVER

    def flag(self, name: str) -> bool:
        if name not in FLAG_BY_NAME:
            raise KeyError(name)
        return name in self.flags
