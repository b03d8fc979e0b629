"""Card effects: a closed set of data primitives, and the scratch board they act on.

The primitives are: change a track (`TrackChange`), the troop movements (`Mobilise`,
`Demobilise`, `Move`, `Casualties`), set or clear a flag, draw or discard cards, roll
against a chance (`Roll`), a condition (`If`), and the regime's answer to a Kremlin demand
(`Answer`). Decks are built only from these; nothing in a deck file is ever executed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from attrs import fields as attrs_fields
from attrs import frozen

from . import edition1
from .editions import edition
from .expr import Expr
from .rng import Pcg32
from .state import (
    Change,
    GameState,
    LogEntry,
    OpenDemand,
    Order,
    Piles,
    Ruleset,
)
from .tracks import (
    COUNTERS,
    DECK_OWNERS,
    FLAG_BY_NAME,
    LOCATIONS,
    ROLE_NAMES,
    TRACK_BY_NAME,
    TRACK_INDEX,
    TRACKS,
)

_PILES = ("deck", "hand", "play", "discard", "removed")
_OWNER_INDEX = {owner: i for i, owner in enumerate(DECK_OWNERS)}
_BOUNDS = tuple((t.lo, t.hi, "" if t.counter else t.name) for t in TRACKS)
"""Per track: its bounds, and its name for the log ('' for a per-turn counter, whose
changes are not logged)."""
_I_RESERVISTS = TRACK_INDEX["reservists"]
_I_REGULARS = TRACK_INDEX["regulars"]
_I_MINSK = TRACK_INDEX["troops_minsk"]
_I_MOBILISED = TRACK_INDEX["mobilised"]
_I_DEPLOYED = TRACK_INDEX["deployed"]
assert tuple(a.name for a in attrs_fields(LogEntry)) == (
    "turn", "phase", "kind", "text", "role", "card", "rule", "source", "changes", "roll",
    "visible", "redacted", "data", "hidden"), "LogEntry's fields changed: update note()"


class Scratch:
    """A mutable copy of the game used while one action is applied, then frozen into the
    next state. Effects and rules change it; nothing else ever sees it."""

    __slots__ = (
        "_base",
        "changes",
        "data_log",
        "demands",
        "end",
        "flags",
        "forced_rolls",
        "last_orders",
        "last_roll",
        "log",
        "orders",
        "phase",
        "piles",
        "rng",
        "ruleset",
        "seed",
        "tracks",
        "turn",
        "turns",
        "winners",
    )

    quiet = False
    """A quiet game's scratch (`quiet.QuietScratch`) keeps no log."""

    def __init__(self, state: GameState) -> None:
        self._base = state
        self.ruleset: Ruleset = state.ruleset
        self.seed = state.seed
        self.turns = state.turns
        self.turn = state.turn
        self.phase = state.phase
        self.tracks: list[int] = list(state.tracks)
        self.flags: set[str] = set(state.flags)
        # Piles are copied when first touched (most steps touch one or two of the four).
        self.piles: list[dict[str, list[str]] | None] = [None] * len(state.piles)
        self.orders: list[Order | None] = list(state.orders)
        self.last_orders = state.last_orders
        self.demands: list[OpenDemand] = list(state.demands)
        self.rng = Pcg32(*state.rng)
        self.log: list[LogEntry] = []
        self.changes: list[Change] = []
        self.winners = state.winners
        self.end = state.end
        self.forced_rolls: list[int] = list(state.forced_rolls)
        self.data_log: bool = edition(state.ruleset.edition).data_log
        """Edition 2 on: log entries hold data (and effects a trace), no English."""
        self.last_roll: tuple[int, int] = (0, 0)

    def freeze(self) -> GameState:
        base = self._base
        rng = self.rng
        # (positional: the order of GameState's fields, checked in machine.py)
        return GameState(
            self.ruleset, self.seed, self.turns, self.turn, self.phase, tuple(self.tracks),
            frozenset(self.flags),
            tuple([old if p is None else Piles(
                tuple(p["deck"]), tuple(p["hand"]), tuple(p["play"]), tuple(p["discard"]),
                tuple(p["removed"])) for old, p in zip(base.piles, self.piles, strict=True)]),
            tuple(self.orders), self.last_orders, tuple(self.demands), (rng.state, rng.inc),
            base.log + tuple(self.log) if self.log else base.log,
            self.winners, self.end, tuple(self.forced_rolls), base.quiet)

    # Tracks ------------------------------------------------------------------------

    def get(self, name: str) -> int:
        return self.tracks[TRACK_INDEX[name]]

    def set_index(self, index: int, value: int) -> int:
        """Set a track by index, clamped to its bounds; record the change. Returns the
        actual difference."""
        lo, hi, name = _BOUNDS[index]
        value = lo if value < lo else hi if value > hi else value
        before = self.tracks[index]
        if value != before:
            self.tracks[index] = value
            if name:
                self.changes.append(Change(name, before, value))
        return value - before

    def set(self, name: str, value: int) -> int:
        return self.set_index(TRACK_INDEX[name], value)

    def add(self, name: str, amount: int) -> int:
        index = TRACK_INDEX[name]
        return self.set_index(index, self.tracks[index] + amount)

    def set_flag(self, name: str, on: bool = True) -> None:
        if on and name not in self.flags:
            self.flags.add(name)
            self.changes.append(Change("flag:" + name, 0, 1))
        elif not on and name in self.flags:
            self.flags.discard(name)
            self.changes.append(Change("flag:" + name, 1, 0))

    def reset_counters(self) -> None:
        for i in COUNTERS:
            self.tracks[i] = 0

    def take_changes(self) -> tuple[Change, ...]:
        if not self.changes:
            return ()
        out = tuple(self.changes)
        self.changes.clear()
        return out

    # Log -----------------------------------------------------------------------------

    def note(self, kind: str, p: dict[str, Any] | None = None, *, role: str = "",
             card: str = "", rule: str = "", source: str = "",
             changes: tuple[Change, ...] = (), roll: tuple[int, int] | None = None,
             visible: tuple[str, ...] | None = None, hidden: tuple[str, ...] = ()) -> None:
        """Log an entry of `kind` with its data `p`: as data from edition 2 on (others
        than `visible` do not see the keys in `hidden`); in edition 1 as the frozen
        English of `edition1.words`."""
        if self.data_log:
            # (positional: LogEntry's fields in order, `redacted` None)
            self.log.append(LogEntry(self.turn, self.phase, kind, "", role, card, rule,
                                     source, changes, roll, visible, None,
                                     tuple(p.items()) if p else (),
                                     hidden if visible is not None else ()))
            return
        p = p or {}
        text, redacted, data = edition1.words(self, kind, {
            **p, "role": role, "card": card, "rule": rule, "changes": changes})
        self.log.append(LogEntry(self.turn, self.phase, kind, text, role=role, card=card,
                                 rule=rule, source=source, changes=changes, roll=roll,
                                 visible=visible, redacted=redacted, data=data))

    def roll(self, chance: int, role: str = "", rule: str = "", source: str = "",
             p: dict[str, Any] | None = None) -> bool:
        """Roll d100 against `chance` percent, log what it decided (with the data `p` of
        what was at stake), return success."""
        chance = 0 if chance < 0 else 100 if chance > 100 else chance
        # A fixed roll still takes its draw, so every later roll comes out as without it.
        rolled, forced = self.rng.d100(), False
        if self.forced_rolls:
            rolled, forced = self.forced_rolls.pop(0), True
        ok = rolled <= chance
        self.last_roll = (rolled, chance)
        data = {**(p or {}), "chance": chance, "rolled": rolled, "ok": ok}
        if forced:
            data["forced"] = True
        self.note("roll", data, role=role, rule=rule, source=source, roll=(rolled, chance))
        return ok

    # Cards -------------------------------------------------------------------------

    def pile(self, owner: str) -> dict[str, list[str]]:
        i = _OWNER_INDEX[owner]
        p = self.piles[i]
        if p is None:
            old = self._base.piles[i]
            p = self.piles[i] = {"deck": list(old.deck), "hand": list(old.hand),
                                 "play": list(old.play), "discard": list(old.discard),
                                 "removed": list(old.removed)}
        return p

    def shuffle_deck(self, owner: str, why: str) -> None:
        """Shuffle `owner`'s deck; `why` is 'start' (of the game) or 'reuse' (the discard
        pile became the deck)."""
        p = self.pile(owner)
        p["deck"] = self.rng.shuffled(p["deck"])
        self.note("shuffle", {"why": why, "cards": tuple(p["deck"]), "count": len(p["deck"])},
                  role=owner, visible=(), hidden=("cards",))

    def draw(self, owner: str, count: int) -> list[str]:
        """Draw up to `count` cards into the owner's hand, reshuffling the discard into
        the deck when the deck runs out. Returns the cards drawn."""
        p = self.pile(owner)
        deck = p["deck"]
        if 0 <= count <= len(deck):  # the usual case: no reshuffle
            drawn = deck[:count]
            del deck[:count]
        else:
            drawn = []
            for _ in range(count):
                if not p["deck"]:
                    if not p["discard"]:
                        break
                    p["deck"], p["discard"] = p["discard"], []
                    self.shuffle_deck(owner, "reuse")
                drawn.append(p["deck"].pop(0))
        if drawn and owner != "world":
            p["hand"].extend(drawn)
            self.note("draw", {"cards": tuple(drawn), "count": len(drawn)}, role=owner,
                      visible=(owner,), hidden=("cards",))
        return drawn

    def discard_random(self, owner: str, count: int) -> None:
        p = self.pile(owner)
        for _ in range(count):
            if not p["hand"]:
                return
            card = p["hand"].pop(self.rng.below(len(p["hand"])))
            p["discard"].append(card)
            self.note("discard", {"random": True}, role=owner, card=card)


# -- the primitives ----------------------------------------------------------------------


def _amount(expr: Expr, troops: bool = False) -> str:
    text = expr.text
    if text.lstrip("-").isdigit():
        value = int(text)
        return f"{value:,}" if troops else str(value)
    return f"({text})"


def _signed(expr: Expr, troops: bool = False) -> str:
    text = expr.text
    if text.lstrip("-").isdigit():
        value = int(text)
        shown = f"{abs(value):,}" if troops else str(abs(value))
        return ("−" if value < 0 else "+") + shown
    return f"+ ({text})"


class Effect:
    """Base of the closed set of effect primitives."""

    def apply(self, s: Scratch, role: str) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def children(self) -> tuple[Effect, ...]:
        return ()

    def walk(self) -> Iterator[Effect]:
        yield self
        for child in self.children():
            yield from child.walk()

    def sketch(self) -> dict[str, Any]:
        """What this effect is, as data: `do` names the primitive; an amount is a number,
        or the expression's text."""
        raise NotImplementedError

    def traced(self, s: Scratch, role: str) -> dict[str, Any]:
        """Apply it, and say as data what happened (the log of edition 2 on): the effect,
        the value its amount took with the inputs that decided it, and every track it
        changed, before and after (none when a bound capped it)."""
        out = self.sketch()
        amount = getattr(self, "amount", None)
        if isinstance(amount, Expr):
            out["value"] = amount.evaluate(s)
            if amount.literal is None:
                out["inputs"] = amount.inputs(s)
        changes = s.changes
        mark = len(changes)
        self.apply(s, role)
        out["changes"] = ([[c.name, c.before, c.after] for c in changes[mark:]]  # to_data
                          if len(changes) > mark else [])
        return out


def _quantity(expr: Expr) -> int | str:
    literal = expr.literal
    return expr.text if literal is None else literal


def prevented(effect: Effect) -> dict[str, Any]:
    """An effect that a condition or a roll kept from happening, as data."""
    return {**effect.sketch(), "prevented": True}


def run_effects(s: Scratch, effects: Sequence[Effect], role: str) -> list[dict[str, Any]]:
    """Apply `effects` in order; from edition 2 on, return their trace (else [])."""
    if not s.data_log:
        for effect in effects:
            effect.apply(s, role)
        return []
    return [effect.traced(s, role) for effect in effects]


def _branches(s: Scratch, role: str, taken: tuple[Effect, ...],
              skipped: tuple[Effect, ...]) -> tuple[list[Any], list[Any]]:
    return [e.traced(s, role) for e in taken], [prevented(e) for e in skipped]


@frozen
class TrackChange(Effect):
    track: str
    mode: str
    """'add', 'set', 'at_least' or 'at_most'."""
    amount: Expr

    def apply(self, s: Scratch, role: str) -> None:
        index = TRACK_INDEX[self.track]
        value = self.amount.evaluate(s)
        current = s.tracks[index]
        if self.mode == "add":
            s.set_index(index, current + value)
        elif self.mode == "set":
            s.set_index(index, value)
        elif self.mode == "at_least":
            if current < value:
                s.set_index(index, value)
        elif current > value:
            s.set_index(index, value)

    def sketch(self) -> dict[str, Any]:
        return {"do": "track", "track": self.track, "mode": self.mode,
                "amount": _quantity(self.amount)}

    def describe(self) -> str:
        t = TRACK_BY_NAME[self.track]
        troops = t.unit in ("troops", "people")
        if self.mode == "add":
            unit = "%" if t.unit == "%" else ""
            return f"{t.label} {_signed(self.amount, troops)}{unit}"
        word = {"set": "set to", "at_least": "raised to at least",
                "at_most": "lowered to at most"}[self.mode]
        return f"{t.label} {word} {_amount(self.amount, troops)}"


@frozen
class Mobilise(Effect):
    """Call up reservists; they gather in Minsk."""

    amount: Expr

    def apply(self, s: Scratch, role: str) -> None:
        n = max(0, self.amount.evaluate(s))
        n = min(n, TRACKS[_I_RESERVISTS].hi - s.tracks[_I_RESERVISTS])
        if n:
            s.set_index(_I_RESERVISTS, s.tracks[_I_RESERVISTS] + n)
            s.set_index(_I_MINSK, s.tracks[_I_MINSK] + n)
            s.set_index(_I_MOBILISED, s.tracks[_I_MOBILISED] + n)

    def sketch(self) -> dict[str, Any]:
        return {"do": "mobilise", "amount": _quantity(self.amount)}

    def describe(self) -> str:
        return f"Mobilise {_amount(self.amount, True)} reservists (they gather in Minsk)"


@frozen
class Demobilise(Effect):
    amount: Expr

    def apply(self, s: Scratch, role: str) -> None:
        n = max(0, self.amount.evaluate(s))
        n = min(n, s.tracks[_I_RESERVISTS], s.tracks[_I_MINSK])
        if n:
            s.set_index(_I_RESERVISTS, s.tracks[_I_RESERVISTS] - n)
            s.set_index(_I_MINSK, s.tracks[_I_MINSK] - n)

    def sketch(self) -> dict[str, Any]:
        return {"do": "demobilise", "amount": _quantity(self.amount)}

    def describe(self) -> str:
        return f"Send {_amount(self.amount, True)} reservists home from Minsk"


_PLACE = {"minsk": "Minsk", "border": "the border", "ukraine": "Ukraine"}


@frozen
class Move(Effect):
    amount: Expr
    src: str
    dst: str

    def apply(self, s: Scratch, role: str) -> None:
        i_src, i_dst = TRACK_INDEX[LOCATIONS[self.src]], TRACK_INDEX[LOCATIONS[self.dst]]
        n = min(max(0, self.amount.evaluate(s)), s.tracks[i_src])
        if n:
            s.set_index(i_src, s.tracks[i_src] - n)
            s.set_index(i_dst, s.tracks[i_dst] + n)
            if self.dst != "minsk":
                s.set_index(_I_DEPLOYED, s.tracks[_I_DEPLOYED] + n)

    def sketch(self) -> dict[str, Any]:
        return {"do": "move", "amount": _quantity(self.amount), "from": self.src,
                "to": self.dst}

    def describe(self) -> str:
        return (f"Move {_amount(self.amount, True)} troops from {_PLACE[self.src]} "
                f"to {_PLACE[self.dst]}")


@frozen
class Casualties(Effect):
    """Troops lost where they stand: reservists first, then regulars."""

    amount: Expr
    at: str

    def apply(self, s: Scratch, role: str) -> None:
        lose(s, LOCATIONS[self.at], self.amount.evaluate(s))

    def sketch(self) -> dict[str, Any]:
        return {"do": "casualties", "amount": _quantity(self.amount), "at": self.at}

    def describe(self) -> str:
        return f"Lose {_amount(self.amount, True)} troops in {_PLACE[self.at]}"


def lose(s: Scratch, location_track: str, amount: int) -> int:
    """Remove troops at a location, reservists first; returns how many were lost."""
    i_at = TRACK_INDEX[location_track]
    n = min(max(0, amount), s.tracks[i_at])
    if n:
        s.set_index(i_at, s.tracks[i_at] - n)
        from_reserve = min(n, s.tracks[_I_RESERVISTS])
        s.set_index(_I_RESERVISTS, s.tracks[_I_RESERVISTS] - from_reserve)
        s.set_index(_I_REGULARS, s.tracks[_I_REGULARS] - (n - from_reserve))
    return n


@frozen
class SetFlag(Effect):
    flag: str
    on: bool = True

    def apply(self, s: Scratch, role: str) -> None:
        s.set_flag(self.flag, self.on)

    def sketch(self) -> dict[str, Any]:
        return {"do": "flag", "flag": self.flag, "on": self.on}

    def describe(self) -> str:
        label = FLAG_BY_NAME[self.flag].label if self.flag in FLAG_BY_NAME else self.flag
        return label if self.on else f"No longer: {label.lower()}"


def _whose(target: str, role: str) -> str:
    return role if target == "self" else target


@frozen
class Draw(Effect):
    count: int
    target: str = "self"

    def apply(self, s: Scratch, role: str) -> None:
        s.draw(_whose(self.target, role), self.count)

    def sketch(self) -> dict[str, Any]:
        return {"do": "draw", "count": self.count, "target": self.target}

    def describe(self) -> str:
        who = "" if self.target == "self" else f"{ROLE_NAMES[self.target]} "
        return f"{who}Draw {self.count} card{'s' if self.count != 1 else ''}".strip()


@frozen
class Discard(Effect):
    count: int
    target: str

    def apply(self, s: Scratch, role: str) -> None:
        s.discard_random(_whose(self.target, role), self.count)

    def sketch(self) -> dict[str, Any]:
        return {"do": "discard", "count": self.count, "target": self.target}

    def describe(self) -> str:
        who = "you" if self.target == "self" else ROLE_NAMES[self.target]
        return f"{who} discard{'s' if who != 'you' else ''} {self.count} card(s) at random"


@frozen
class Roll(Effect):
    chance: Expr
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...] = ()
    label: str = ""

    def apply(self, s: Scratch, role: str) -> None:
        ok = s.roll(self.chance.evaluate(s), role=role, p={"label": self.label})
        for effect in self.then if ok else self.otherwise:
            effect.apply(s, role)

    def children(self) -> tuple[Effect, ...]:
        return self.then + self.otherwise

    def sketch(self) -> dict[str, Any]:
        return {"do": "roll", "chance": _quantity(self.chance), "label": self.label,
                "then": [e.sketch() for e in self.then],
                "otherwise": [e.sketch() for e in self.otherwise]}

    def traced(self, s: Scratch, role: str) -> dict[str, Any]:
        out = {"do": "roll", "chance": _quantity(self.chance), "label": self.label}
        if self.chance.literal is None:
            out["inputs"] = self.chance.inputs(s)
        ok = s.roll(self.chance.evaluate(s), role=role, p={"label": self.label})
        out["rolled"], out["value"] = s.last_roll
        out["ok"] = ok
        taken, skipped = (self.then, self.otherwise) if ok else (self.otherwise, self.then)
        done, kept_back = _branches(s, role, taken, skipped)
        out["then"], out["otherwise"] = (done, kept_back) if ok else (kept_back, done)
        return out

    def describe(self) -> str:
        what = f" ({self.label})" if self.label else ""
        text = f"{_amount(self.chance)}% chance{what}: " + "; ".join(
            e.describe() for e in self.then)
        if self.otherwise:
            text += " — otherwise: " + "; ".join(e.describe() for e in self.otherwise)
        return text


@frozen
class If(Effect):
    condition: Expr
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...] = ()

    def apply(self, s: Scratch, role: str) -> None:
        for effect in self.then if self.condition.evaluate(s) else self.otherwise:
            effect.apply(s, role)

    def children(self) -> tuple[Effect, ...]:
        return self.then + self.otherwise

    def sketch(self) -> dict[str, Any]:
        return {"do": "if", "when": self.condition.text,
                "then": [e.sketch() for e in self.then],
                "otherwise": [e.sketch() for e in self.otherwise]}

    def traced(self, s: Scratch, role: str) -> dict[str, Any]:
        holds = bool(self.condition.evaluate(s))
        out: dict[str, Any] = {"do": "if", "when": self.condition.text,
                               "inputs": self.condition.inputs(s), "holds": holds}
        taken, skipped = (self.then, self.otherwise) if holds else (self.otherwise, self.then)
        done, kept_back = _branches(s, role, taken, skipped)
        out["then"], out["otherwise"] = (done, kept_back) if holds else (kept_back, done)
        return out

    def describe(self) -> str:
        text = f"If {self.condition.text}: " + "; ".join(e.describe() for e in self.then)
        if self.otherwise:
            text += " — otherwise: " + "; ".join(e.describe() for e in self.otherwise)
        return text


@frozen
class Answer(Effect):
    """Answer an open Kremlin demand by complying or stalling: the oldest, or with
    `which="newest"` the one made last."""

    mode: str
    which: str = "oldest"

    def apply(self, s: Scratch, role: str) -> None:
        answer_demand(s, self.mode, by=role, newest=self.which == "newest")

    def sketch(self) -> dict[str, Any]:
        out = {"do": "answer", "mode": self.mode}
        if self.which != "oldest":
            out["which"] = self.which
        return out

    def describe(self) -> str:
        return ("Comply with" if self.mode == "comply" else "Stall on") + \
            f" the {self.which} Kremlin demand"


def answer_demand(s: Scratch, mode: str, by: str = "lukashenko",
                  newest: bool = False) -> None:
    """Answer the oldest open demand (the newest, when asked); `by` the Kremlin forces
    compliance (an ultimatum, edition 2's coercion without consent)."""
    if not s.demands:
        s.note("answer", {"none": True}, role="lukashenko")
        return
    demand = s.demands.pop(-1 if newest else 0)
    card = s.ruleset.cards[demand.card]
    assert card.demand is not None
    # Edition 2: refused, a demand that insists comes back to the Kremlin's hand, once a
    # game (¶14-15: Moscow presses the regime it saved in 2020).
    again = (mode == "stall" and by == "lukashenko" and card.demand.insists
             and s.ruleset.edition >= 2 and "moscow_asked_again" not in s.flags)
    s.pile(card.role)["hand" if again else "removed" if card.once else "discard"].append(
        demand.card)
    # Edition 1 logs what the answering card did before the answer after it (frozen);
    # from edition 2 on the answer's entry carries those changes first, so the log's
    # changes stay in the order they happened.
    earlier = () if getattr(s, "data_log", False) else s.take_changes()
    for effect in card.demand.comply if mode == "comply" else card.demand.stall:
        effect.apply(s, card.role)
    said: dict[str, Any] = {"answer": mode, "made": demand.turn}
    if again:
        s.set_flag("moscow_asked_again")
        said["again"] = True
    if by != "lukashenko":
        said["forced"] = True
    s.note("answer", said, role=by if by in ("lukashenko", "putin") else "lukashenko",
           card=card.id, source=card.cites, changes=s.take_changes())
    s.changes.extend(earlier)


def open_demand(s: Scratch, card_id: str) -> None:
    s.demands.append(OpenDemand(card_id, s.turn))
