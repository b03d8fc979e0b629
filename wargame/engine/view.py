"""What one role may see: `view(state, role)`.

Bots and the TUI read views, never the full state (the referee and the debrief read the
state). A view holds the public board, the role's own hand and sealed order, the public
piles, and the log with other roles' secrets redacted. The generator's state is never
in a view: knowing it would tell the future rolls.
"""

from __future__ import annotations

from functools import cached_property

from attrs import define, field

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


_ROLE_SET = frozenset(ROLES)
_OWNER_INDEX = {owner: i for i, owner in enumerate(DECK_OWNERS)}


def view(state: GameState, role: str | None) -> View:
    """What `role` may see of `state`; None gives the public view of an observer."""
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    piles = state.piles  # in DECK_OWNERS order, the roles first
    orders = state.orders
    my_order = orders[ROLES.index(role)] if role is not None else None
    hand_sizes, deck_sizes, discards, removed = {}, {}, {}, {}
    for owner, pile in zip(DECK_OWNERS, piles, strict=True):
        if owner in _ROLE_SET:
            hand_sizes[owner] = len(pile.hand)
        deck_sizes[owner] = len(pile.deck)
        discards[owner] = pile.discard + pile.play if pile.play else pile.discard
        removed[owner] = pile.removed
    return View(
        role=role, ruleset=state.ruleset, seed=state.seed, turns=state.turns,
        turn=state.turn, phase=state.phase, tracks=state.tracks, flags=state.flags,
        hand=piles[_OWNER_INDEX[role]].hand if role is not None else (),
        hand_sizes=hand_sizes, deck_sizes=deck_sizes, discards=discards, removed=removed,
        demands=state.demands, my_order=my_order,
        ordered=tuple(r for r, o in zip(ROLES, orders, strict=True) if o is not None),
        last_orders=state.last_orders, winners=state.winners, end=state.end,
        raw_log=state.log)
