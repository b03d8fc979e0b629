"""A classroom game's own values: the teacher's settings, the forecasts and the team
votes so far (`Classroom`), read from and written to the save's "classroom" section."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from ..engine.tracks import ROLE_NAMES, ROLES
from .clock import duration_text
from .outcomes import Outcome
from .section import MAX_TEAM, SECTION, VERSION, check_section, outcome_of


@frozen
class Settings:
    """How a teacher set a game up: facilitator controls, the orders timer (seconds, 0
    for none), roles played by teams (role -> members) and the outcomes to forecast."""

    facilitator: bool = False
    timer: int = 0
    teams: Mapping[str, int] = field(factory=dict)
    outcomes: tuple[Outcome, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.facilitator or self.timer or self.teams or self.outcomes)

    def to_data(self) -> dict[str, Any]:
        return {"facilitator": self.facilitator, "timer": self.timer,
                "teams": {r: self.teams[r] for r in ROLES if r in self.teams},
                "outcomes": [o.to_data() for o in self.outcomes]}

    def describe(self) -> str:
        """One line for the new-game screen and the report."""
        parts = []
        if self.facilitator:
            parts.append("facilitator controls")
        if self.timer:
            parts.append(f"{duration_text(self.timer)} for orders")
        for role in ROLES:
            if role in self.teams:
                parts.append(f"{ROLE_NAMES[role]}: a team of {self.teams[role]}")
        if self.outcomes:
            n = len(self.outcomes)
            parts.append(f"{n} forecast{'s' if n > 1 else ''}")
        return ", ".join(parts) if parts else "off"


@frozen
class Forecast:
    turn: int
    role: str
    outcome: str
    p: int
    """Percent, 0 to 100."""
    why: str | None = None
    """The team's reason (a class's table, asked from the dashboard)."""

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"turn": self.turn, "role": self.role,
                                "outcome": self.outcome, "p": self.p}
        return data if self.why is None else {**data, "why": self.why}


@frozen
class Vote:
    """A team's vote on the order it gave: `yes` of `of` members were for it."""

    turn: int
    role: str
    card: str
    option: str | None
    yes: int
    of: int
    why: str | None = None
    """The team's reason (a class's table, asked from the dashboard)."""

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"turn": self.turn, "role": self.role, "card": self.card,
                                "option": self.option, "for": self.yes, "of": self.of}
        return data if self.why is None else {**data, "why": self.why}

    def text(self) -> str:
        return f"team vote {self.yes} of {self.of} for"


@frozen
class Ask:
    """A class's facilitator asks every team of a table, in `turn`, for a forecast of
    `outcome` or for the team's vote on its order (`outcome` None), saying `why`."""

    turn: int
    kind: str
    outcome: str | None
    why: str

    def to_data(self) -> dict[str, Any]:
        return {"turn": self.turn, "kind": self.kind, "outcome": self.outcome,
                "why": self.why}


class Classroom:
    """The classroom parts of one game: its settings, the forecasts and the votes so far.
    Read from and written to a session's "classroom" section (`of`, `to_data`). A class's
    table also keeps what its facilitator asked (`asks`) and its orders clock (`clock`:
    the turn and when its time ends, in seconds since the epoch, None once stopped)."""

    def __init__(self, settings: Settings | None = None,
                 forecasts: Iterable[Forecast] = (), votes: Iterable[Vote] = (),
                 asks: Iterable[Ask] = (), clock: tuple[int, int | None] | None = None
                 ) -> None:
        self.settings = settings or Settings()
        self.forecasts: list[Forecast] = list(forecasts)
        self.votes: list[Vote] = list(votes)
        self.asks: list[Ask] = list(asks)
        self.clock = clock

    @classmethod
    def of(cls, sections: Mapping[str, Any]) -> Classroom | None:
        """The classroom of a save's sections, or None when it has none. (The section was
        checked when the save was read; it is checked again here, so a bad value raises
        SectionError.)"""
        data = sections.get(SECTION)
        if data is None:
            return None
        check_section(SECTION, data)
        settings = Settings(data["facilitator"], data["timer"], dict(data["teams"]),
                            tuple(outcome_of(o) for o in data["outcomes"]))
        forecasts = [Forecast(e["turn"], e["role"], e["outcome"], e["p"], e.get("why"))
                     for e in data["forecasts"]]
        votes = [Vote(e["turn"], e["role"], e["card"], e["option"], e["for"], e["of"],
                      e.get("why")) for e in data["votes"]]
        asks = [Ask(e["turn"], e["kind"], e["outcome"], e["why"])
                for e in data.get("asks", [])]
        clock = data.get("clock")
        return cls(settings, forecasts, votes, asks,
                   None if clock is None else (clock["turn"], clock["ends"]))

    def to_data(self) -> dict[str, Any]:
        """The "classroom" section (a class's asks and clock only when it has them)."""
        data = {"version": VERSION, **self.settings.to_data(),
                "forecasts": [f.to_data() for f in self.forecasts],
                "votes": [v.to_data() for v in self.votes]}
        if self.asks:
            data["asks"] = [a.to_data() for a in self.asks]
        if self.clock is not None:
            data["clock"] = {"turn": self.clock[0], "ends": self.clock[1]}
        return data

    def time_left(self, turn: int, now: float) -> int | None:
        """Whole seconds left on a class's orders clock in `turn` at `now` (seconds since
        the epoch; 0 once the time is up), or None when no clock runs for that turn."""
        if self.clock is None or self.clock[0] != turn or self.clock[1] is None:
            return None
        return max(0, math.ceil(self.clock[1] - now))

    # -- recording -----------------------------------------------------------------------

    def team(self, role: str) -> int:
        return self.settings.teams.get(role, 0)

    def record_forecast(self, turn: int, role: str, outcome: str, p: int,
                        why: str | None = None) -> Forecast:
        """Record (or replace) `role`'s forecast for `outcome` in `turn`."""
        if outcome not in {o.id for o in self.settings.outcomes}:
            raise ValueError(f"no outcome {outcome!r} is being forecast")
        if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= 100:
            raise ValueError("a forecast is a whole percentage from 0 to 100")
        forecast = Forecast(turn, role, outcome, p, why)
        self.forecasts = [f for f in self.forecasts
                          if (f.turn, f.role, f.outcome) != (turn, role, outcome)]
        self.forecasts.append(forecast)
        return forecast

    def record_vote(self, turn: int, role: str, card: str, option: str | None, yes: int,
                    of: int, why: str | None = None) -> Vote:
        """Record (or replace) the vote of `role`'s team on its order of `turn`."""
        if not 1 <= of <= MAX_TEAM or not 0 <= yes <= of:
            raise ValueError(f"a vote is from 0 to {of} of {of} (a team of 1 to {MAX_TEAM})")
        vote = Vote(turn, role, card, option, yes, of, why)
        self.votes = [v for v in self.votes if (v.turn, v.role) != (turn, role)]
        self.votes.append(vote)
        return vote

    def last_forecast(self, role: str, outcome: str, before: int) -> int | None:
        """`role`'s latest forecast for `outcome` before turn `before`."""
        earlier = [f for f in self.forecasts
                   if f.role == role and f.outcome == outcome and f.turn < before]
        return max(earlier, key=lambda f: f.turn).p if earlier else None

    def vote_of(self, turn: int, role: str) -> Vote | None:
        return next((v for v in self.votes if (v.turn, v.role) == (turn, role)), None)

    def forecasts_of(self, turn: int, role: str) -> list[Forecast]:
        return [f for f in self.forecasts if (f.turn, f.role) == (turn, role)]


def section_before(data: Mapping[str, Any], turn: int) -> dict[str, Any]:
    """The "classroom" section a branch from the start of `turn` keeps: the settings,
    and the forecasts and votes of the turns before it (the branch plays the rest
    again)."""
    out = {**data, "forecasts": [f for f in data.get("forecasts", []) if f["turn"] < turn],
           "votes": [v for v in data.get("votes", []) if v["turn"] < turn]}
    if "asks" in out:
        out["asks"] = [a for a in out["asks"] if a["turn"] < turn]
    out.pop("clock", None)
    return out
