"""The classroom around a game: the facilitator's settings, the players' forecasts and
how well calibrated they were (Brier scores), the votes of teams, and the orders timer.

Pure logic: no Textual, no files. None of it is an engine action: it lives in the save's
optional `sections`, as one section named "classroom" (see "Classroom" in
docs/design.md):

    "classroom": {"version": 1, "facilitator": true, "timer": 180, "teams": {"putin": 5},
                  "outcomes": [{"id": "regime_falls", "text": "...", "when": "regime_fallen",
                                "by": null}, ...],
                  "forecasts": [{"turn": 1, "role": "putin", "outcome": "regime_falls",
                                 "p": 30}, ...],
                  "votes": [{"turn": 1, "role": "putin", "card": "...", "option": null,
                             "for": 3, "of": 5}, ...]}

Saves come from other people: `check_section` checks every field of the section and
raises `SectionError` (where, what is wrong); `wargame.saves` turns it into a SaveError.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from attrs import evolve, field, frozen

from .engine.errors import ExpressionError
from .engine.expr import parse as parse_expr
from .engine.tracks import ROLE_NAMES, ROLES

SECTION = "classroom"
VERSION = 1

MAX_OUTCOMES = 6
MAX_FORECASTS = 60 * len(ROLES) * MAX_OUTCOMES
MAX_VOTES = 60 * len(ROLES)
MAX_TEAM = 99
MIN_TIMER, MAX_TIMER = 10, 60 * 60
MAX_TEXT = 200
MAX_CONDITION = 300
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CARD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class SectionError(ValueError):
    """A classroom section of a save that cannot be used: `where` is the place inside the
    section (".entries[3].p"), `problem` what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


# -- outcomes to forecast ---------------------------------------------------------------


@frozen
class Outcome:
    """Something the players forecast, settled by the game itself: a condition in the
    decks' condition language that holds at the end of some turn (up to turn `by`, or
    the end of the game), or a role winning."""

    id: str
    text: str
    when: str | None = None
    by: int | None = None
    winner: str | None = None

    def to_data(self) -> dict[str, Any]:
        if self.winner is not None:
            return {"id": self.id, "text": self.text, "winner": self.winner}
        return {"id": self.id, "text": self.text, "when": self.when, "by": self.by}

    def settle(self, game: Any) -> bool | None:
        """True or False once the game has decided it, None while it is open. `game` is a
        `wargame.debrief.Debrief` (its turn records, states and final state)."""
        final = game.final
        if self.winner is not None:
            return (self.winner in final.winners) if final.over else None
        condition = parse_expr(self.when or "false")
        for record in game.turns:
            if self.by is not None and record.turn > self.by:
                return False
            if condition.evaluate(game.states[record.last_action]):
                return True
        if final.over:
            return False
        finished = max((t.turn for t in game.turns), default=0)
        return False if self.by is not None and finished >= self.by else None


PRESETS: tuple[Outcome, ...] = (
    Outcome("regime_falls", "The regime falls before the game ends", "regime_fallen"),
    Outcome("combat", "Belarusian troops fight in Ukraine (involvement reaches 4)",
            "involvement >= 4"),
    Outcome("border", "Troops are massed at the border (involvement reaches 3)",
            "involvement >= 3"),
    Outcome("absorbed", "Minsk gives up its sovereignty (sovereignty 1 or less)",
            "sovereignty <= 1"),
    Outcome("unrest", "Unrest in Belarus reaches 6", "unrest >= 6"),
    *(Outcome(f"{role}_wins", f"{ROLE_NAMES[role]} wins", winner=role) for role in ROLES),
)
PRESET_BY_ID = {o.id: o for o in PRESETS}

_BY = re.compile(r"^(.*?)\s+by\s+(?:turn\s+)?(\d{1,2})$", re.IGNORECASE)


def outcome_from_spec(spec: str, turns: int | None = None) -> Outcome:
    """An outcome from the command line: a preset's id (`regime_falls`), or a condition
    (`involvement >= 4`), either followed by `by N` (by the end of turn N). Raises
    ValueError with a message for the player."""
    text = " ".join(spec.split())
    by: int | None = None
    m = _BY.match(text)
    if m:
        text, by = m.group(1), int(m.group(2))
        if not 1 <= by <= (turns or 60):
            raise ValueError(f"'by {by}': the turn must be from 1 to {turns or 60}")
    preset = PRESET_BY_ID.get(text.lower())
    if preset is not None:
        if by is None:
            return preset
        if preset.winner is not None:
            raise ValueError(f"'{preset.id}' is decided at the end of the game, not by a turn")
        return evolve(preset, id=f"{preset.id}_by_{by}", text=f"{preset.text} by turn {by}",
                      by=by)
    try:
        parse_expr(text)
    except ExpressionError as exc:
        names = ", ".join(o.id for o in PRESETS)
        raise ValueError(f"{spec!r} is neither an outcome ({names}) nor a condition: "
                         f"{exc}") from None
    ident = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "outcome"
    if not ident[0].isalpha():
        ident = "c_" + ident
    if by is not None:
        ident += f"_by_{by}"
    words = f"{text} by turn {by}" if by is not None else f"{text} before the game ends"
    return Outcome(ident[:40], words, text, by)


# -- the settings of a classroom game ---------------------------------------------------


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

    def to_data(self) -> dict[str, Any]:
        return {"turn": self.turn, "role": self.role, "outcome": self.outcome, "p": self.p}


@frozen
class Vote:
    """A team's vote on the order it gave: `yes` of `of` members were for it."""

    turn: int
    role: str
    card: str
    option: str | None
    yes: int
    of: int

    def to_data(self) -> dict[str, Any]:
        return {"turn": self.turn, "role": self.role, "card": self.card,
                "option": self.option, "for": self.yes, "of": self.of}

    def text(self) -> str:
        return f"team vote {self.yes} of {self.of} for"


class Classroom:
    """The classroom parts of one game: its settings, the forecasts and the votes so far.
    Read from and written to a session's "classroom" section (`of`, `to_data`)."""

    def __init__(self, settings: Settings | None = None,
                 forecasts: Iterable[Forecast] = (), votes: Iterable[Vote] = ()) -> None:
        self.settings = settings or Settings()
        self.forecasts: list[Forecast] = list(forecasts)
        self.votes: list[Vote] = list(votes)

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
                            tuple(_outcome(o) for o in data["outcomes"]))
        forecasts = [Forecast(e["turn"], e["role"], e["outcome"], e["p"])
                     for e in data["forecasts"]]
        votes = [Vote(e["turn"], e["role"], e["card"], e["option"], e["for"], e["of"])
                 for e in data["votes"]]
        return cls(settings, forecasts, votes)

    def to_data(self) -> dict[str, Any]:
        """The "classroom" section."""
        return {"version": VERSION, **self.settings.to_data(),
                "forecasts": [f.to_data() for f in self.forecasts],
                "votes": [v.to_data() for v in self.votes]}

    # -- recording -----------------------------------------------------------------------

    def team(self, role: str) -> int:
        return self.settings.teams.get(role, 0)

    def record_forecast(self, turn: int, role: str, outcome: str, p: int) -> Forecast:
        """Record (or replace) `role`'s forecast for `outcome` in `turn`."""
        if outcome not in {o.id for o in self.settings.outcomes}:
            raise ValueError(f"no outcome {outcome!r} is being forecast")
        if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= 100:
            raise ValueError("a forecast is a whole percentage from 0 to 100")
        forecast = Forecast(turn, role, outcome, p)
        self.forecasts = [f for f in self.forecasts
                          if (f.turn, f.role, f.outcome) != (turn, role, outcome)]
        self.forecasts.append(forecast)
        return forecast

    def record_vote(self, turn: int, role: str, card: str, option: str | None, yes: int,
                    of: int) -> Vote:
        """Record (or replace) the vote of `role`'s team on its order of `turn`."""
        if not 1 <= of <= MAX_TEAM or not 0 <= yes <= of:
            raise ValueError(f"a vote is from 0 to {of} of {of} (a team of 1 to {MAX_TEAM})")
        vote = Vote(turn, role, card, option, yes, of)
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


# -- scoring ---------------------------------------------------------------------------


@frozen
class RoleScore:
    """How well one role forecast: its Brier score over the settled forecasts (None when
    none is settled yet), how many that is, and its mean forecast against what happened."""

    role: str
    brier: float | None
    settled: int
    open: int
    mean_forecast: float | None
    happened: float | None
    """The share of its settled forecasts whose outcome happened."""


def brier(forecasts: Sequence[tuple[int, bool]]) -> float | None:
    """The mean of (p − outcome)², p as a probability (percent / 100), outcome 1 if it
    happened and 0 if not. 0 is perfect; always 50% scores 0.25."""
    if not forecasts:
        return None
    return sum((p / 100 - (1 if happened else 0)) ** 2 for p, happened in forecasts) \
        / len(forecasts)


def settle_all(outcomes: Iterable[Outcome], game: Any) -> dict[str, bool | None]:
    return {o.id: o.settle(game) for o in outcomes}


def scores(classroom: Classroom, game: Any) -> list[RoleScore]:
    """Each role that forecast, with its Brier score over the outcomes settled in `game`
    (a Debrief). Forecasts for turns the game never reached are left out."""
    settled = settle_all(classroom.settings.outcomes, game)
    played = max((t.turn for t in game.turns), default=0)
    out = []
    for role in ROLES:
        mine = [f for f in classroom.forecasts if f.role == role and f.outcome in settled
                and f.turn <= max(played, 1)]
        if not mine:
            continue
        done = [(f.p, bool(settled[f.outcome])) for f in mine
                if settled.get(f.outcome) is not None]
        out.append(RoleScore(
            role, brier(done), len(done), len(mine) - len(done),
            sum(p for p, _ in done) / len(done) if done else None,
            sum(1 for _, h in done if h) / len(done) if done else None))
    return out


def judgement(score: float) -> str:
    """Plain words for a Brier score."""
    if score <= 0.05:
        return "excellent: sure and right"
    if score <= 0.15:
        return "good: clearly better than guessing 50%"
    if score < 0.25:
        return "a little better than guessing 50%"
    if score == 0.25:
        return "the same as guessing 50% every time"
    return "worse than guessing 50%: confident and wrong"


BRIER_EXPLAINED = (
    "Each forecast was a chance from 0% to 100% that the outcome would happen. The Brier "
    "score is the average of (forecast − result)², with the forecast as a fraction (30% is "
    "0.3) and the result 1 if the outcome happened and 0 if not. Lower is better: 0 is a "
    "perfect forecaster, saying 50% every time scores 0.25, and being sure and wrong "
    "scores 1.")


# -- the orders timer --------------------------------------------------------------------


class OrdersClock:
    """A countdown for the orders phase. `now` is a monotonic clock in seconds: the game
    uses `time.monotonic`, tests pass their own and move it on by hand."""

    def __init__(self, seconds: int, now: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.now = now
        self._deadline: float | None = None
        self._left_when_paused: float | None = None

    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def paused(self) -> bool:
        return self._left_when_paused is not None

    def start(self, seconds: int | None = None) -> None:
        self._left_when_paused = None
        self._deadline = self.now() + (self.seconds if seconds is None else seconds)

    def stop(self) -> None:
        self._deadline = None
        self._left_when_paused = None

    def pause(self) -> None:
        if self._deadline is not None and self._left_when_paused is None:
            self._left_when_paused = max(0.0, self._deadline - self.now())

    def resume(self) -> None:
        if self._left_when_paused is not None:
            self._deadline = self.now() + self._left_when_paused
            self._left_when_paused = None

    def extend(self, seconds: int) -> None:
        """More time: from now if the time was up, else added to what is left."""
        if self._deadline is None:
            self.start(seconds)
            return
        self.resume()
        self._deadline = max(self._deadline, self.now()) + seconds

    def remaining(self) -> int:
        """Whole seconds left (rounded up), 0 when the time is up."""
        if self._deadline is None:
            return 0
        left = self._left_when_paused if self._left_when_paused is not None \
            else self._deadline - self.now()
        return max(0, math.ceil(left))

    @property
    def expired(self) -> bool:
        return self.running and not self.paused and self.remaining() == 0

    def label(self) -> str:
        if not self.running:
            return ""
        left = self.remaining()
        return "time is up" if left == 0 else f"{left // 60}:{left % 60:02d}"


_DURATION = re.compile(r"^(?:(\d+)m)?(?:(\d+)s)?$")


def parse_duration(text: str) -> int:
    """Seconds in "3m", "90s", "1m30s", "2:30" or "3" (minutes); "0" or "off" is no
    timer. Raises ValueError with a message for the player."""
    t = text.strip().lower().replace(" ", "")
    if t in ("", "0", "off", "none"):
        return 0
    seconds: int | None = None
    if t.isdigit():
        seconds = int(t) * 60
    elif re.fullmatch(r"\d+:\d\d", t):
        minutes, secs = t.split(":")
        seconds = int(minutes) * 60 + int(secs)
    else:
        m = _DURATION.match(t)
        if m and (m.group(1) or m.group(2)):
            seconds = int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if seconds is None:
        raise ValueError(f"{text!r} is not a time: write 3m, 90s, 1m30s or 2:30")
    if not MIN_TIMER <= seconds <= MAX_TIMER:
        raise ValueError(f"the orders timer is from {MIN_TIMER} seconds to "
                         f"{MAX_TIMER // 60} minutes, not {duration_text(seconds)}")
    return seconds


def duration_text(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min" + (f" {secs} s" if secs else "")


def parse_team(spec: str) -> tuple[str, int]:
    """'putin=5' -> ('putin', 5). Raises ValueError with a message for the player."""
    role, _, size = spec.partition("=")
    role = role.strip().lower()
    if role not in ROLES:
        raise ValueError(f"--team {spec!r}: the role is one of {', '.join(ROLES)}")
    try:
        members = int(size)
    except ValueError:
        raise ValueError(f"--team {spec!r}: write ROLE=N, for example putin=5") from None
    if not 2 <= members <= MAX_TEAM:
        raise ValueError(f"--team {spec!r}: a team has 2 to {MAX_TEAM} members")
    return role, members


def section_before(data: Mapping[str, Any], turn: int) -> dict[str, Any]:
    """The "classroom" section a branch from the start of `turn` keeps: the settings,
    and the forecasts and votes of the turns before it (the branch plays the rest
    again)."""
    return {**data, "forecasts": [f for f in data.get("forecasts", []) if f["turn"] < turn],
            "votes": [v for v in data.get("votes", []) if v["turn"] < turn]}


# -- checking untrusted sections ------------------------------------------------------


def check_section(name: str, value: Any) -> None:
    """Check the "classroom" section of a save (any other name passes). Raises
    SectionError naming the place inside the section."""
    if name != SECTION:
        return
    _obj(value, "", ("version", "facilitator", "timer", "teams", "outcomes", "forecasts",
                     "votes"))
    _int(value["version"], ".version", VERSION, VERSION)
    if not isinstance(value["facilitator"], bool):
        raise SectionError(".facilitator", "must be true or false")
    timer = _int(value["timer"], ".timer", 0, MAX_TIMER)
    if 0 < timer < MIN_TIMER:
        raise SectionError(".timer", f"must be 0 (no timer) or at least {MIN_TIMER} "
                           "seconds")
    teams = value["teams"]
    if not isinstance(teams, dict):
        raise SectionError(".teams", "must be an object")
    for role, size in teams.items():
        if role not in ROLES:
            raise SectionError(".teams", f"{str(role)[:40]!r} is not a role")
        _int(size, f".teams.{role}", 2, MAX_TEAM)
    outcomes = set()
    for i, item in enumerate(_list(value["outcomes"], ".outcomes", MAX_OUTCOMES)):
        outcome = _outcome(item, f".outcomes[{i}]")
        if outcome.id in outcomes:
            raise SectionError(f".outcomes[{i}].id", f"{outcome.id!r} appears twice")
        outcomes.add(outcome.id)
    keys: set[tuple[Any, ...]] = set()
    for i, item in enumerate(_list(value["forecasts"], ".forecasts", MAX_FORECASTS)):
        where = f".forecasts[{i}]"
        _obj(item, where, ("turn", "role", "outcome", "p"))
        key = (_int(item["turn"], f"{where}.turn", 1, 60), _role(item["role"], f"{where}.role"),
               _text(item["outcome"], f"{where}.outcome", 40, _ID))
        if key[2] not in outcomes:
            raise SectionError(f"{where}.outcome", f"{key[2]!r} is not one of the outcomes")
        _int(item["p"], f"{where}.p", 0, 100)
        if key in keys:
            raise SectionError(where, "this forecast appears twice")
        keys.add(key)
    keys.clear()
    for i, item in enumerate(_list(value["votes"], ".votes", MAX_VOTES)):
        where = f".votes[{i}]"
        _obj(item, where, ("turn", "role", "card", "option", "for", "of"))
        key = (_int(item["turn"], f"{where}.turn", 1, 60), _role(item["role"], f"{where}.role"))
        _text(item["card"], f"{where}.card", 64, _CARD)
        if item["option"] is not None:
            _text(item["option"], f"{where}.option", 64, _CARD)
        of = _int(item["of"], f"{where}.of", 1, MAX_TEAM)
        _int(item["for"], f"{where}.for", 0, of)
        if key in keys:
            raise SectionError(where, "a vote of this team in this turn appears twice")
        keys.add(key)


def _outcome(item: Any, where: str = "") -> Outcome:
    if not isinstance(item, dict):
        raise SectionError(where, "must be an object")
    if "winner" in item:
        _obj(item, where, ("id", "text", "winner"))
        return Outcome(_text(item["id"], f"{where}.id", 40, _ID),
                       _text(item["text"], f"{where}.text", MAX_TEXT),
                       winner=_role(item["winner"], f"{where}.winner"))
    _obj(item, where, ("id", "text", "when", "by"))
    when = _text(item["when"], f"{where}.when", MAX_CONDITION)
    try:
        parse_expr(when)
    except ExpressionError as exc:
        raise SectionError(f"{where}.when", str(exc)) from None
    by = item["by"]
    if by is not None:
        _int(by, f"{where}.by", 1, 60)
    return Outcome(_text(item["id"], f"{where}.id", 40, _ID),
                   _text(item["text"], f"{where}.text", MAX_TEXT), when, by)


def _obj(value: Any, where: str, keys: Sequence[str]) -> None:
    if not isinstance(value, dict):
        raise SectionError(where or ".", "must be an object")
    for key in keys:
        if key not in value:
            raise SectionError(where or ".", f"the field {key!r} is missing")
    for key in value:
        if key not in keys:
            raise SectionError(where or ".", f"unknown field {str(key)[:40]!r}")


def _int(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SectionError(where, "must be a whole number")
    if not lo <= value <= hi:
        raise SectionError(where, f"must be from {lo} to {hi}, not {value}")
    return value


def _text(value: Any, where: str, limit: int, pattern: re.Pattern[str] | None = None) -> str:
    if not isinstance(value, str):
        raise SectionError(where, "must be text")
    if len(value) > limit:
        raise SectionError(where, f"is longer than {limit} characters")
    if pattern is not None and not pattern.match(value):
        raise SectionError(where, f"is not a valid name: {value[:40]!r}")
    return value


def _role(value: Any, where: str) -> str:
    if value not in ROLES:
        raise SectionError(where, f"{str(value)[:40]!r} is not a role")
    return value


def _list(value: Any, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise SectionError(where, "must be a list")
    if len(value) > limit:
        raise SectionError(where, f"has {len(value)} entries (at most {limit})")
    return value


__all__ = [
    "BRIER_EXPLAINED",
    "PRESETS",
    "SECTION",
    "Classroom",
    "Forecast",
    "OrdersClock",
    "Outcome",
    "RoleScore",
    "SectionError",
    "Settings",
    "Vote",
    "brier",
    "check_section",
    "duration_text",
    "judgement",
    "outcome_from_spec",
    "parse_duration",
    "parse_team",
    "scores",
    "section_before",
    "settle_all",
]
