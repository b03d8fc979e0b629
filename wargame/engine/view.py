"""What one role may see: `view(state, role)`.

Bots and the TUI read views, never the full state (the referee and the debrief read the
state). A view holds the public board, the role's own hand and sealed order, the public
piles, and the log with other roles' secrets redacted. The generator's state is never
in a view: knowing it would tell the future rolls.
"""

from __future__ import annotations

from functools import cached_property

from attrs import define, field
from attrs import fields as attrs_fields

from .machine import order_options
from .rules import margins
from .state import (
    GameState,
    LogEntry,
    OpenDemand,
    Order,
    Ruleset,
)
from .tracks import DECK_OWNERS, ROLES, TRACK_INDEX, TRACKS


@define(frozen=True, slots=False)
class View:
    role: str | None
    """The role this view belongs to; None for an observer who sees only what is public."""
    ruleset: Ruleset = field(repr=False)
    seed: int
    turns: int
    turn: int
    phase: str
    tracks: tuple[int, ...]
    flags: frozenset[str]
    hand: tuple[str, ...]
    hand_sizes: dict[str, int]
    deck_sizes: dict[str, int]
    discards: dict[str, tuple[str, ...]]
    removed: dict[str, tuple[str, ...]]
    demands: tuple[OpenDemand, ...]
    my_order: Order | None
    ordered: tuple[str, ...]
    """Roles whose sealed order is in (not what it is)."""
    last_orders: tuple[Order | None, ...]
    winners: tuple[str, ...]
    end: str
    _log: tuple[LogEntry, ...] = field(repr=False, alias="raw_log")

    def track(self, name: str) -> int:
        return self.tracks[TRACK_INDEX[name]]

    def tracks_dict(self) -> dict[str, int]:
        return {t.name: v for t, v in zip(TRACKS, self.tracks, strict=True)}

    @property
    def month(self) -> str:
        return self.ruleset.scenario.month_label(self.turn)

    @property
    def over(self) -> bool:
        return self.phase == "over"

    @cached_property
    def log(self) -> tuple[LogEntry, ...]:
        """The log as this role saw it."""
        viewer = self.role or "observer"
        return tuple(seen for entry in self._log
                     if (seen := entry.seen_by(viewer)) is not None)

    def margins(self) -> dict[str, int]:
        return margins(self.tracks, self.flags, self.ruleset.edition)

    def legal_orders(self) -> list[Order]:
        """The orders this role may give now (empty when none is owed)."""
        if self.role is None or self.phase != "orders" or self.my_order is not None:
            return []
        return order_options(self.ruleset, self.role, self.hand, self)

    def unseen(self, owner: str) -> tuple[str, ...]:
        """Cards of `owner` whose place this role does not know: for another role, its
        hand and deck together; for this role, its deck; for the world, its deck."""
        known: set[str] = set(self.discards[owner]) | set(self.removed[owner])
        known.update(d.card for d in self.demands)
        if owner == self.role:
            known.update(self.hand)
        return tuple(c for c in self.ruleset.decks.get(owner, ()) if c not in known)


_ROLE_INDEX = {role: i for i, role in enumerate(ROLES)}
_L, _P, _O = ROLES
_W = DECK_OWNERS[3]
assert DECK_OWNERS == (_L, _P, _O, _W)  # the piles are read by position below


def view(state: GameState, role: str | None) -> View:
    """What `role` may see of `state`; None gives the public view of an observer."""
    if role is not None and role not in _ROLE_INDEX:
        raise ValueError(f"unknown role {role!r}")
    piles = state.piles  # in DECK_OWNERS order, the roles first
    pl, pp, po, pw = piles
    orders = state.orders
    ol, op, oo = orders
    if role is None:
        my_order, hand = None, ()
    else:
        my_order, hand = orders[_ROLE_INDEX[role]], piles[_ROLE_INDEX[role]].hand
    return View(  # positional, in the order of View's fields (checked below)
        role, state.ruleset, state.seed, state.turns, state.turn, state.phase,
        state.tracks, state.flags, hand,
        {_L: len(pl.hand), _P: len(pp.hand), _O: len(po.hand)},
        {_L: len(pl.deck), _P: len(pp.deck), _O: len(po.deck), _W: len(pw.deck)},
        {_L: pl.discard + pl.play if pl.play else pl.discard,
         _P: pp.discard + pp.play if pp.play else pp.discard,
         _O: po.discard + po.play if po.play else po.discard,
         _W: pw.discard + pw.play if pw.play else pw.discard},
        {_L: pl.removed, _P: pp.removed, _O: po.removed, _W: pw.removed},
        state.demands, my_order,
        (() if ol is None and op is None and oo is None else
         tuple(r for r, o in zip(ROLES, orders, strict=True) if o is not None)),
        state.last_orders, state.winners, state.end, state.log)


assert tuple(a.alias for a in attrs_fields(View)) == (
    "role", "ruleset", "seed", "turns", "turn", "phase", "tracks", "flags", "hand",
    "hand_sizes", "deck_sizes", "discards", "removed", "demands", "my_order", "ordered",
    "last_orders", "winners", "end", "raw_log"), "View's fields changed: update view()"
