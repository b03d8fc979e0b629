"""Where each table of a class stands, as plain data: the dashboard draws it, and
`wargame class status --json` prints it. Only what the class may see: the public board
(the observer's view), who has ordered (never what), the cards revealed last month."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from ..classroom import Classroom
from ..engine import EVENT, OVER, ROLE_NAMES, ROLES, UMPIRE, GameState, Umpire, view
from ..engine.rules import grades
from ..hosting import HostedSession

DILEMMA = ("involvement", "troops_border", "troops_ukraine", "unrest", "sovereignty",
           "stability")
"""The tracks of the article's question a teacher follows across the class."""

PHASE_WORDS = {"event": "world event", "orders": "orders", "resolution": "resolution",
               "consequences": "consequences", "upkeep": "upkeep", OVER: "over"}


@frozen
class Played:
    """A card revealed at a table last month, with its discussion question."""

    role: str
    card: str
    title: str
    cites: str
    question: str

    def to_data(self) -> dict[str, Any]:
        return {"role": self.role, "card": self.card, "title": self.title,
                "cites": self.cites, "question": self.question}


@frozen
class TableStatus:
    number: int
    game: str
    turn: int
    turns: int
    month: str
    phase: str
    waiting: tuple[str, ...]
    """The roles that owe an order now (empty outside the orders phase)."""
    margins: Mapping[str, int]
    dilemma: Mapping[str, int]
    over: bool
    winners: tuple[str, ...]
    end: str
    grades: Mapping[str, str]
    paused: str | None
    """The facilitator's reason while the table is paused, else None."""
    held: bool
    """Whether the pause holds the table now (it waits before its world event)."""
    umpire_actions: int
    """How many umpire's actions its record holds (the facilitator's, for this table)."""
    actions: int
    """The length of its record: what a facilitator's action compares against."""
    played: tuple[Played, ...]
    presence: Mapping[str, str]
    votes: int
    forecasts: int

    @property
    def where(self) -> tuple[int, str]:
        """(turn, phase): the place a facilitator's action is meant for."""
        return (self.turn, self.phase)

    def state_text(self) -> str:
        """One word or two: over (and who won), paused, waiting for whom, or the phase."""
        if self.over:
            won = ", ".join(ROLE_NAMES[r] for r in self.winners) or "nobody"
            return f"over: {won}"
        if self.held:
            return "paused"
        if self.waiting:
            return "waiting: " + ", ".join(ROLE_NAMES[r] for r in self.waiting)
        return PHASE_WORDS.get(self.phase, self.phase)

    def to_data(self) -> dict[str, Any]:
        return {"table": self.number, "game": self.game, "turn": self.turn,
                "turns": self.turns, "month": self.month, "phase": self.phase,
                "waiting": list(self.waiting), "margins": dict(self.margins),
                "dilemma": dict(self.dilemma), "over": self.over,
                "winners": list(self.winners), "end": self.end, "grades": dict(self.grades),
                "paused": self.paused, "held": self.held,
                "umpire_actions": self.umpire_actions, "actions": self.actions,
                "played": [p.to_data() for p in self.played],
                "presence": dict(self.presence), "votes": self.votes,
                "forecasts": self.forecasts}


def played_last(state: GameState) -> tuple[Played, ...]:
    """The cards revealed at the last resolution, in the order of the roles."""
    out = []
    for role, order in zip(ROLES, state.last_orders, strict=True):
        if order is None or order.card not in state.ruleset.cards:
            continue
        card = state.ruleset.cards[order.card]
        out.append(Played(role, card.id, card.title, card.cites, card.question))
    return tuple(out)


def status_of(number: int, session: HostedSession) -> TableStatus:
    """Where the table `number`, played in `session`, stands now (as last refreshed)."""
    state = session.state
    public = view(state, None)
    waiting = tuple(r for r in ROLES if r not in public.ordered) \
        if state.phase == "orders" else ()
    room = Classroom.of(session.sections)
    turn_votes = [v for v in room.votes if v.turn == state.turn] if room else []
    turn_forecasts = [f for f in room.forecasts if f.turn == state.turn] if room else []
    try:
        presence = session.presence()
    except Exception:  # a busy database: the rest of the picture still stands
        presence = {}
    return TableStatus(
        number=number, game=session.db_path.stem, turn=state.turn, turns=state.turns,
        month=state.month, phase=state.phase, waiting=waiting,
        margins=public.margins(), dilemma={t: state.track(t) for t in DILEMMA},
        over=state.phase == OVER, winners=state.winners, end=state.end,
        grades=grades(state.tracks, state.flags, state.ruleset.edition)
        if state.phase == OVER else {},
        paused=(session.pause or {}).get("reason"),
        held=session.pause is not None and state.phase == EVENT,
        umpire_actions=sum(1 for r in session.record
                           if r.by == UMPIRE or isinstance(r.action, Umpire)),
        actions=len(session.record), played=played_last(state), presence=presence,
        votes=len(turn_votes), forecasts=len(turn_forecasts))


def class_data(name: str, statuses: list[TableStatus],
               extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`wargame class status --json`: the class and a table per game."""
    return {"class": name, "tables": [s.to_data() for s in statuses],
            "finished": sum(1 for s in statuses if s.over),
            "paused": sum(1 for s in statuses if s.paused is not None),
            **(extra or {})}
