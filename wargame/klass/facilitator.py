"""The facilitator of a class: every table open at once, the umpire's seat taken at each,
and the umpire's actions applied to one table or to all.

    f = Facilitator.open(load("demo"))      # takes each table's umpire lease
    f.refresh()                             # read what the teams did, every table
    f.pause(f.numbers, "discuss the draft")  # every table stops before next month's event
    f.inject(f.numbers, "kherson", "what if Kherson falls now?", seen=f.seen())
    f.resume(f.numbers)
    f.play_bots()                           # the bot seats of every table (as `host` does)
    f.close()

Each action goes into every affected table's own record (an `Umpire` action with the
reason, or a note), through that table's hosted database in one transaction, exactly as
on one keyboard: `wargame replay --verify` replays it, the debrief shows it. An action
meant for the place where the teacher saw a table (`seen`: its turn and phase) is
recorded only if the table is still there (compare-and-set), so a click never lands on
a later month nor twice. Every action returns one `Outcome` a table: done or why not.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from attrs import frozen

from ..bots import make_bot
from ..classroom import MAX_OUTCOMES, SECTION, Ask, Classroom, Settings
from ..classroom import Outcome as Question
from ..engine import EVENT, ORDERS, PASS, ROLE_NAMES, ROLES, IllegalAction, Order, Umpire
from ..hosting import HostedError, HostedSession, SeatTaken, Stale, find_game
from ..saves import AutosaveError
from .manifest import Klass
from .status import Played, TableStatus, status_of

LATE_BOT = "normal"
"""The level of the bot that orders for a team whose time ran out (as on one keyboard)."""
EXTRA_TIME = 60
"""Seconds 'one more minute' gives the late teams (as on one keyboard)."""


def wall() -> float:
    """The clock of the orders timer: seconds since the epoch, shared by the dashboard and
    the teams' screens of this machine (tests replace it with one they move by hand)."""
    return time.time()


@frozen
class Outcome:
    """What a facilitator's action did at one table."""

    table: int
    done: bool
    text: str


class Facilitator:
    """Every table of a class, open in this process (see the module's docstring)."""

    def __init__(self, klass: Klass, sessions: Mapping[int, HostedSession],
                 umpire: bool) -> None:
        self.klass = klass
        self.sessions = dict(sessions)
        self.umpire = umpire
        """Whether this process holds the umpire's seat of every table (False: it only
        watches, as a second dashboard on the projector does)."""
        self.problems: dict[int, str] = {}
        """The tables that could not be read at the last refresh, and why."""
        self.lock = threading.RLock()
        """Held by whoever reads or changes the tables (the dashboard's screen and its
        bots' worker take turns)."""

    @classmethod
    def open(cls, klass: Klass, games_dir: str | os.PathLike[str] | None = None, *,
             umpire: bool = True, take_over: bool = False) -> Facilitator:
        """Open every table of `klass` (in `games_dir`, else the folder it was read
        from); with `umpire`, take each table's umpire lease
        (SeatTaken when another live dashboard holds one, unless `take_over`: a
        dashboard that was killed frees its leases at once, its process being gone)."""
        sessions: dict[int, HostedSession] = {}
        if games_dir is None:
            games_dir = klass.games
        try:
            for table in klass.tables:
                session = HostedSession.join(find_game(table.game, games_dir), None)
                sessions[table.number] = session
                if umpire:
                    session.take_umpire(take_over)
        except SeatTaken as exc:
            for session in sessions.values():
                session.close()
            raise SeatTaken(exc.path, "another dashboard runs this class now (process "
                            f"{exc.problem.split('process ', 1)[-1]}") from None
        except BaseException:
            for session in sessions.values():
                session.close()
            raise
        return cls(klass, sessions, umpire)

    def close(self) -> None:
        with self.lock:
            for session in self.sessions.values():
                session.close()

    def __enter__(self) -> Facilitator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def numbers(self) -> list[int]:
        return sorted(self.sessions)

    @property
    def over(self) -> bool:
        return all(s.over for s in self.sessions.values())

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> bool:
        """Read what every table's screens did; True when anything changed. A table
        that cannot be read is named in `problems` (the others go on)."""
        changed = False
        with self.lock:
            for number, session in self.sessions.items():
                try:
                    changed |= session.refresh()
                    self.problems.pop(number, None)
                    if self.umpire:
                        changed |= self._start_clock(session)
                except HostedError as exc:
                    self.problems[number] = str(exc)
                except AutosaveError as exc:
                    self.problems[number] = str(exc)
        return changed

    def _start_clock(self, session: HostedSession) -> bool:
        """Start the orders clock of a table whose orders have begun (once a month): its
        end goes into the table's save, where every team's screen reads it."""
        state = session.state
        room = Classroom.of(session.sections)
        if room is None or not room.settings.timer or state.phase != ORDERS or (
                room.clock is not None and room.clock[0] == state.turn) or not any(
                state.order_of(r) is None for r in session.human_roles):
            return False
        ends = int(wall()) + room.settings.timer

        def change(data: Any) -> Any:
            now = Classroom.of({SECTION: data}) if data is not None else None
            if now is None or (now.clock is not None and now.clock[0] == state.turn):
                return data  # another dashboard was quicker
            now.clock = (state.turn, ends)
            return now.to_data()
        session.update_section(SECTION, change)
        return True

    def statuses(self) -> list[TableStatus]:
        with self.lock:
            return [status_of(n, self.sessions[n]) for n in self.numbers]

    def seen(self) -> dict[int, tuple[int, str]]:
        """Where every table stands now: what a dashboard shows, and what its actions
        compare against (`seen=`)."""
        with self.lock:
            return {n: (s.state.turn, s.state.phase) for n, s in self.sessions.items()}

    def time_left(self, number: int) -> int | None:
        """Seconds left for the orders at table `number` (0 once the time is up), or None
        without a clock running for its orders (no timer, stopped, another phase)."""
        session = self.sessions[number]
        room = Classroom.of(session.sections)
        if room is None or session.state.phase != ORDERS:
            return None
        return room.time_left(session.state.turn, wall())

    def timed_out(self) -> dict[int, list[str]]:
        """The tables whose orders clock has run out, with the teams that have not
        ordered (what the dashboard asks the teacher about, as on one keyboard)."""
        out = {}
        with self.lock:
            for n in self.numbers:
                s = self.sessions[n]
                late = [r for r in s.human_roles if s.state.phase == ORDERS
                        and s.state.order_of(r) is None]
                if late and self.time_left(n) == 0:
                    out[n] = late
        return out

    def asked(self) -> list[tuple[int, Ask, dict[str, str]]]:
        """What the facilitator asked each table this month or last, with each team's
        answer so far (role -> its words; a role that has not answered is missing)."""
        out = []
        with self.lock:
            for n in self.numbers:
                s = self.sessions[n]
                room = Classroom.of(s.sections)
                if room is None:
                    continue
                cards = s.ruleset.cards
                for ask in room.asks:
                    if ask.turn < s.state.turn - 1:
                        continue
                    answers = {}
                    for role in s.human_roles:
                        if ask.kind == "vote":
                            v = room.vote_of(ask.turn, role)
                            if v is not None:
                                title = cards[v.card].title if v.card in cards else v.card
                                answers[role] = f"{v.yes} of {v.of} for {title}" + (
                                    f": {v.why}" if v.why else "")
                            continue
                        f = next((f for f in room.forecasts_of(ask.turn, role)
                                  if f.outcome == ask.outcome), None)
                        if f is not None:
                            answers[role] = f"{f.p}%" + (f": {f.why}" if f.why else "")
                    out.append((n, ask, answers))
        return out

    def timer(self) -> int:
        """The orders timer of the class (seconds; 0: none), as the tables' saves hold it."""
        for number in self.numbers:
            room = Classroom.of(self.sessions[number].sections)
            if room is not None:
                return room.settings.timer
        return 0

    def questions(self) -> list[tuple[int, Played]]:
        """The cards revealed last month at every table, with their discussion
        questions: (table, card), table by table."""
        return [(s.number, p) for s in self.statuses() for p in s.played]

    # -- the bots ------------------------------------------------------------------------

    def play_bots(self, steps: int = 50) -> bool:
        """Play the bot seats and the automatic phases of every table whose bots this
        process plays (it takes their lease when no live screen holds it), at most
        `steps` actions a table; True when anything was played."""
        played = False
        for number in self.numbers:
            session = self.sessions[number]
            with self.lock:
                try:
                    if session.over or not session.runs_bots:
                        continue
                    for _ in range(steps):
                        if not session.step():
                            break
                        played = True
                    if self.umpire:
                        self._start_clock(session)
                except AutosaveError as exc:
                    self.problems[number] = str(exc)
                except HostedError as exc:
                    self.problems[number] = str(exc)
        return played

    # -- the umpire's actions --------------------------------------------------------------

    def _each(self, targets: Iterable[int],
              act: Callable[[int, HostedSession], str]) -> list[Outcome]:
        out = []
        with self.lock:
            for number in sorted(set(targets)):
                session = self.sessions.get(number)
                if session is None:
                    out.append(Outcome(number, False, "no such table"))
                    continue
                try:
                    said = act(number, session)
                    out.append(Outcome(number, not said.startswith("-"), said.lstrip("-")))
                except (IllegalAction, HostedError, ValueError) as exc:
                    problem = exc.problem if isinstance(exc, HostedError) else str(exc)
                    out.append(Outcome(number, False, problem))
                except AutosaveError as exc:  # recorded in the game; only its save lags
                    out.append(Outcome(number, True, f"done, but {exc}"))
        return out

    def _check(self) -> None:
        if not self.umpire:
            raise HostedError("", "this dashboard only watches: the umpire's controls are "
                              "on the dashboard that runs the class")

    def pause(self, targets: Iterable[int], reason: str) -> list[Outcome]:
        """Stop each table before its next month's world event (a table in the middle of
        a month finishes it first), with the reason in its log."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            if s.over:
                return "-the game is over"
            return (f"paused in {s.state.month}" if s.set_pause(reason)
                    else "-paused already")
        return self._each(targets, act)

    def resume(self, targets: Iterable[int], reason: str | None = None) -> list[Outcome]:
        """Lift the pause: each table goes on (its screens draw the world event)."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            return "goes on" if s.set_pause(None) else "-was not paused"
        return self._each(targets, act)

    def inject(self, targets: Iterable[int], card: str, reason: str,
               seen: Mapping[int, tuple[int, str]] | None = None) -> list[Outcome]:
        """This month's world event is `card` at each table waiting for its event."""
        self._check()

        def act(n: int, s: HostedSession) -> str:
            where = (seen or {}).get(n)
            if (where[1] if where else s.state.phase) != EVENT:
                return f"-not before a world event ({s.state.month}, {s.state.phase})"
            s.umpire(Umpire("inject", reason, card=card), expect=where)
            return f"{s.ruleset.cards[card].title} in {s.state.month}"
        return self._each(targets, act)

    def hold(self, targets: Iterable[int], reason: str,
             seen: Mapping[int, tuple[int, str]] | None = None) -> list[Outcome]:
        """No world event this month at each table waiting for its event."""
        self._check()

        def act(n: int, s: HostedSession) -> str:
            where = (seen or {}).get(n)
            if (where[1] if where else s.state.phase) != EVENT:
                return f"-not before a world event ({s.state.month}, {s.state.phase})"
            month = s.state.month
            s.umpire(Umpire("hold", reason), expect=where)
            return f"no world event in {month}"
        return self._each(targets, act)

    def fix_roll(self, targets: Iterable[int], value: int, reason: str) -> list[Outcome]:
        """The next d100 roll at each table comes out as `value`."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            if s.over:
                return "-the game is over"
            s.umpire(Umpire("roll", reason, value=value))
            return f"the next roll will be {value}"
        return self._each(targets, act)

    def note(self, targets: Iterable[int], text: str) -> list[Outcome]:
        """A teacher's note at the current point of each table (for the debrief)."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            s.add_note(text)
            return "noted"
        return self._each(targets, act)

    def late_bots(self, targets: Iterable[int], reason: str = "time ran out",
                  seen: Mapping[int, tuple[int, str]] | None = None) -> list[Outcome]:
        """A normal bot orders for every team that has not ordered yet, as the umpire's
        order after a note in the log (as on one keyboard when the time runs out)."""
        self._check()

        def act(n: int, s: HostedSession) -> str:
            state = s.state
            late = [r for r in ROLES if state.phase == ORDERS and state.order_of(r) is None
                    and s.seats[r].kind == "human"]
            if not late:
                return "-no team is late"
            where = (seen or {}).get(n)
            for role in late:
                try:
                    decision = make_bot(LATE_BOT, role, s.seed).choose(s.view(role))
                    order, why = decision.order, decision.reason
                except Exception as exc:  # a bot's bug must not stop the class
                    order, why = Order(role, PASS), f"the bot failed ({type(exc).__name__})"
                s.umpire(Umpire("note", f"{reason}: a {LATE_BOT} bot ordered for "
                                f"{ROLE_NAMES[role]}"), expect=where)
                where = None if where is None else (s.state.turn, s.state.phase)
                s.umpire(order, f"{reason}; a {LATE_BOT} bot chose: {why}", expect=where)
            return "a bot ordered for " + ", ".join(ROLE_NAMES[r] for r in late)
        return self._each(targets, act)

    def set_timer(self, targets: Iterable[int], seconds: int) -> list[Outcome]:
        """The orders timer of each table (0: none), in its save's classroom section
        (changed in one transaction: the teams' votes and forecasts there stay). A
        month's orders under way get the new time from when they began (0 stops it)."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            turn = s.state.turn

            def change(room: Classroom) -> None:
                old = room.settings
                room.settings = Settings(old.facilitator, seconds, old.teams, old.outcomes)
                if room.clock is not None and room.clock[0] == turn \
                        and room.clock[1] is not None:
                    room.clock = (turn, room.clock[1] - old.timer + seconds
                                  if seconds else None)
            _change_room(s, change)
            return f"{seconds} s for orders" if seconds else "no timer"
        return self._each(targets, act)

    def more_time(self, targets: Iterable[int], seconds: int = EXTRA_TIME) -> list[Outcome]:
        """More time for this month's orders at each table (from now, if it was up)."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            turn, now = s.state.turn, int(wall())
            if s.state.phase != ORDERS:
                return "-not giving its orders"

            def change(room: Classroom) -> None:
                ends = room.clock[1] if room.clock and room.clock[0] == turn else None
                room.clock = (turn, max(ends or now, now) + seconds)
            _change_room(s, change)
            return f"{seconds} s more"
        return self._each(targets, act)

    def stop_clock(self, targets: Iterable[int]) -> list[Outcome]:
        """No timer for this month's orders at each table (the next month's runs)."""
        self._check()

        def act(_n: int, s: HostedSession) -> str:
            turn = s.state.turn

            def change(room: Classroom) -> None:
                room.clock = (turn, None)
            _change_room(s, change)
            return "no timer this month"
        return self._each(targets, act)

    def ask(self, targets: Iterable[int], reason: str,
            outcome: Question | None = None) -> list[Outcome]:
        """Ask every team of each table for its forecast of `outcome`, or (None) for its
        team's vote on this month's order, saying why: a note in each table's log, the
        question in its save, which every team's screen shows and answers into."""
        self._check()
        kind = "vote" if outcome is None else "forecast"

        def act(_n: int, s: HostedSession) -> str:
            if s.over:
                return "-the game is over"
            turn = s.state.turn
            ask = Ask(turn, kind, None if outcome is None else outcome.id, reason)
            fresh: list[bool] = []

            def change(room: Classroom) -> None:
                fresh.clear()
                if any((a.turn, a.kind, a.outcome) == (turn, kind, ask.outcome)
                       for a in room.asks):
                    fresh.append(False)
                    return
                if outcome is not None and outcome.id not in {
                        o.id for o in room.settings.outcomes}:
                    old = room.settings
                    if len(old.outcomes) >= MAX_OUTCOMES:
                        raise ValueError(f"at most {MAX_OUTCOMES} outcomes a game")
                    room.settings = Settings(old.facilitator, old.timer, old.teams,
                                             (*old.outcomes, outcome))
                room.asks.append(ask)
                fresh.append(True)
            _change_room(s, change)
            if not fresh or not fresh[0]:
                return "-asked already"
            what = "its team's vote" if outcome is None else f"a forecast: {outcome.text}"
            s.umpire(Umpire("note", f"the facilitator asks every team for {what} "
                            f"({reason})"[:500]))
            return "asked"
        return self._each(targets, act)


def _change_room(s: HostedSession, change: Callable[[Classroom], None]) -> None:
    """Change a table's classroom section as its database holds it, in one transaction."""

    def apply(data: Any) -> Any:
        room = Classroom.of({SECTION: data}) if data is not None else None
        room = room or Classroom(Settings(facilitator=True))
        change(room)
        return room.to_data()
    s.update_section(SECTION, apply)


def outcomes_text(outcomes: list[Outcome]) -> str:
    """'table 1: paused in March 2023; table 2: paused already'."""
    return "; ".join(f"table {o.table}: {o.text}" for o in outcomes)


__all__ = ["EXTRA_TIME", "LATE_BOT", "Facilitator", "Outcome", "Stale", "outcomes_text",
           "wall"]
