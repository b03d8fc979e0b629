"""The session of a hosted game: a `Session` whose record lives in the game's database,
shared by every screen that joined it (see the package's docstring)."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .. import saves
from ..engine import (
    AUTOMATIC,
    EVENT,
    ORDERS,
    ROLES,
    SYSTEM,
    Action,
    Advance,
    GameState,
    IllegalAction,
    Order,
    Umpire,
)
from ..engine.digest import sha256
from ..saves import UMPIRE, AutosaveError, Note, SaveError, Seat
from ..session import Hidden, Session
from .database import (
    HEARTBEAT_SECONDS,
    LEASE_SECONDS,
    UMPIRE_LEASE,
    HostedError,
    SeatTaken,
    alive,
    autosave_of,
    connect,
    database_error,
    default_games_dir,
    read_meta,
)
from .rows import action_of, check_action_row, notes_of, pause_of, sections_of


class Stale(HostedError):
    """The facilitator acted on a table that has moved on since the dashboard showed it:
    nothing was recorded."""


class HostedSession(Session):
    """A `Session` whose record lives in a hosted game's database.

    `local` is the roles played from this process: one role for a player, none for an
    observer or the host. `refresh()` reads the others' actions; `apply` records an
    action only if it is still legal once they are read (for an `Advance`: only if no
    one else has moved the game on since this process last read it), so every process
    sees the same game and no action is ever recorded twice."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.db_path: Path = Path()
        self.local: tuple[str, ...] = ()
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.first_join = False
        """True when this process is the first ever to take its seat (its player has
        not seen the game's start yet)."""
        self.setup_log = 0
        """How many log entries the setup wrote (what a first join has not been told)."""
        self.setup_tracks: tuple[int, ...] = self.state.tracks
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._held: dict[str, float] = {}  # lease name -> when this process last renewed it
        self._bots_tried = 0.0
        self._sections_text = "{}"
        self._chain = ""
        """The chain of the last action read or written (`_link`)."""
        self._takers: dict[str, set[str]] = {}
        self._taken: set[str] = set()
        """The leases this process has taken: what it may write."""
        self._pending_save_error: SaveError | None = None
        self._notes_seen = 0
        self.facilitated = False
        """Whether this game is a class's table, with an umpire (`create(facilitated=)`)."""
        self.pause: dict[str, Any] | None = None
        """The facilitator's pause ({"turn", "reason"}), or None: while it is on, the
        game stops before each month's world event, on every screen (`held`)."""
        self._pause_text: str | None = None
        self.file_mode = 0o600  # the save next to the database holds every hand, as it does

    # -- joining and leaving ------------------------------------------------------------

    @classmethod
    def join(cls, path: str | os.PathLike[str], role: str | None = None, *,
             take_over: bool = False, watch: bool = True) -> HostedSession:
        """Open the hosted game in `path` to play `role` (None: to watch or to host),
        replayed to where it stands. Raises SeatTaken when another live process plays
        `role` (unless `take_over`), HostedError for a file that is not a sound game."""
        db_path = Path(path)
        if role is not None and role not in ROLES:
            raise HostedError(db_path, f"unknown role {role!r}; the roles are "
                              f"{', '.join(ROLES)}")
        db = connect(db_path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', "
                                   "'schema', 'game_version', 'game', 'document', "
                                   "'sections', 'facilitated')").fetchall())
        except sqlite3.DatabaseError:
            db.close()
            raise HostedError(db_path, "not a hosted game (not a wargame game database)") \
                from None
        try:
            save = read_meta(db_path, meta)
        except HostedError:
            db.close()
            raise
        session = cls(ruleset=save.ruleset, seed=save.seed, seats=save.seats,
                      turns=save.turns, path=autosave_of(db_path),
                      game_id=save.game_id)
        session.db_path = db_path
        session.facilitated = meta.get("facilitated") == "1"
        session._db = db
        session._chain = save.game_id
        session.setup_log = len(session.state.log)
        session.setup_tracks = session.state.tracks
        if role is not None and save.seats[role].kind != "human":
            session.close()
            raise HostedError(db_path, f"{role} is played by a bot in this game; the "
                              f"people's roles are {', '.join(session.human_roles) or 'none'}")
        try:
            session.refresh()
            if role is not None:
                session.first_join = session._take(f"seat:{role}", take_over) == 1
                session.local = (role,)
            elif watch:
                session._take(f"watch:{session.holder}", False)
        except BaseException:
            session.close()
            raise
        return session

    def close(self) -> None:
        """Leave the game: give up this process's leases (the game itself is kept)."""
        with self._lock:
            if self._db is None:
                return
            with contextlib.suppress(sqlite3.Error):  # a seat remembers it was taken
                self._db.execute("UPDATE leases SET expires = 0 WHERE holder = ? AND name "
                                 "LIKE 'seat:%'", (self.holder,))
                self._db.execute("DELETE FROM leases WHERE holder = ? AND name NOT LIKE "
                                 "'seat:%'", (self.holder,))
            self._db.close()
            self._db = None
            self._held.clear()

    def __enter__(self) -> HostedSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who may see what ------------------------------------------------------------------

    @property
    def players_here(self) -> tuple[str, ...]:
        """The role this process plays (none for an observer or the host): a hosted game
        never shows another role's hand, whatever this screen asks."""
        return self.local

    def play_here(self, roles: Iterable[str]) -> None:
        roles = tuple(roles)
        if roles and roles != self.local:
            raise Hidden(f"this screen plays {', '.join(self.local) or 'no role'} of the hosted "
                         f"game, not {', '.join(roles)}")

    def branch(self, turn: int, seats: Mapping[str, Seat] | None = None,
               save_dir: str | os.PathLike[str] | None = None) -> Session:
        """A hosted game in play is never branched from one of its screens (the branch would
        start with every role's hand); once it is over, its save branches as any other."""
        if not self.over:
            raise Hidden("a hosted game cannot be branched while it is being played: once "
                         f"it is over, open its save ({self.path}) and branch it there")
        return super().branch(turn, seats, save_dir)

    @property
    def human_roles(self) -> tuple[str, ...]:
        return tuple(r for r in ROLES if self.seats[r].kind == "human")

    @property
    def game_name(self) -> str:
        """How `wargame join` names this game: its name when it is in the default
        folder, else the database's path."""
        with contextlib.suppress(OSError):
            if self.db_path.parent.resolve() == default_games_dir().resolve():
                return self.db_path.stem
        return str(self.db_path)

    def join_command(self, role: str | None) -> str:
        """The command that joins this game as `role` (None: as an observer)."""
        import shlex

        who = f"--role {role}" if role is not None else "--observer"
        return f"wargame join {shlex.quote(self.game_name)} {who}"

    @property
    def rejoin(self) -> str:
        """What a player leaving this screen should know (the quit dialog shows it)."""
        role = self.local[0] if self.local else None
        return (f"The game goes on without this screen and is kept in {self.db_path}. "
                f"Come back to it at any time with `{self.join_command(role)}`.")

    # -- reading what the others did ------------------------------------------------------

    def refresh(self) -> bool:
        """Read the actions, notes and sections the other processes added, and renew
        this process's leases when due. True when the game changed."""
        with self._lock:
            before = (len(self.record), len(self.notes), self._pause_text,
                      self._sections_text)
            db = self._connection()
            try:
                self._pull(db)
                self._heartbeat(db)
            except sqlite3.Error as exc:
                raise self._busy(exc) from None
            return (len(self.record), len(self.notes), self._pause_text,
                    self._sections_text) != before

    def _link(self, text: str, by: str, reason: str | None, writer: str | None) -> str:
        """The chain after a row: what makes a changed or inserted row stand out."""
        return sha256("\n".join((self._chain, text, by, reason or "", writer or "")))

    def _took(self, writer: str, lease: str, db: sqlite3.Connection) -> bool:
        """Whether the process `writer` has ever taken `lease` in this game."""
        if writer not in self._takers or lease not in self._takers[writer]:
            self._takers[writer] = {n for (n,) in db.execute(
                "SELECT name FROM takers WHERE holder = ?", (writer,)).fetchall()}
        return lease in self._takers[writer]

    def _may_write(self, action: Action, by: str, writer: str | None,
                   db: sqlite3.Connection) -> str:
        """'' when `writer` may have recorded `action` by `by`; else why not. An order is
        its role's: written by a process that took that role's seat (a bot's: the
        bots'); the game moves on from any screen; only a class's table has an umpire,
        whose actions (and the orders it gives for a late team) are written by the
        process that took the umpire's lease."""
        if by == UMPIRE or isinstance(action, Umpire):
            if not self.facilitated:
                return "is an umpire's, and a hosted game has no umpire"
            if by != UMPIRE:
                return f"is by {by[:20]!r}, not the umpire"
            if writer is None:
                return "names no screen that wrote it"
            if not self._took(writer, UMPIRE_LEASE, db):
                return "is an umpire's written by a screen that never held the umpire's seat"
            return ""
        if isinstance(action, Advance):
            return "" if by == SYSTEM else f"is by {by[:20]!r}, not the system"
        if by != action.role:
            return f"is by {by[:20]!r}, not {action.role!r}"
        lease = "bots" if self.seats[action.role].kind == "bot" else f"seat:{action.role}"
        if writer is None:
            return "names no screen that wrote it"
        if not self._took(writer, lease, db):
            return (f"is an order of {action.role} written by a screen that never played "
                    f"{'the bots' if lease == 'bots' else action.role}")
        return ""

    def _pull(self, db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT idx, action, by, reason, digest, writer, chain FROM actions "
                          "WHERE idx >= ? ORDER BY idx", (len(self.record),)).fetchall()
        for idx, text, by, reason, recorded, writer, chain in rows:
            where = f"action {idx + 1}"
            if idx != len(self.record):
                raise HostedError(self.db_path, f"{where} is out of order (the game's "
                                  "record has a gap)")
            if idx >= saves.MAX_ACTIONS:
                raise HostedError(self.db_path, f"more than {saves.MAX_ACTIONS:,} actions")
            check_action_row(self.db_path, where, text, by, reason, writer)
            if chain != self._link(text, by, reason, writer):
                raise HostedError(self.db_path, f"{where} was not recorded by a screen of "
                                  "this game, or was changed since: the game's file has "
                                  "been edited or damaged and cannot be played on (its "
                                  "save, next to it, holds the game up to its last "
                                  "autosave)")
            action = action_of(self.db_path, where, text)
            wrong = self._may_write(action, by, writer, db)
            if wrong:
                raise HostedError(self.db_path, f"{where} {wrong}: refused")
            self._chain = chain
            turns = len(self.checkpoints)
            try:
                Session.apply(self, action, reason, by=by)
            except IllegalAction as exc:
                raise HostedError(self.db_path, f"{where} cannot be applied here: {exc}") \
                    from None
            if len(self.checkpoints) > turns and recorded is not None \
                    and self.checkpoints[-1].digest != recorded:
                raise HostedError(self.db_path, f"{where} ends turn {self.checkpoints[-1].turn}"
                                  " in another state here than where it was played: is "
                                  "every screen running the same version of wargame?")
        count = db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
        if count != self._notes_seen:  # in the order of the game, as Session keeps them
            if count > saves.MAX_NOTES:
                raise HostedError(self.db_path, f"more than {saves.MAX_NOTES:,} notes")
            self.notes = notes_of(self.db_path, db.execute(
                "SELECT turn, action, text FROM notes ORDER BY action, idx").fetchall(),
                len(self.record))
            self._notes_seen = count
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('sections', "
                               "'pause')").fetchall())
        sections = meta.get("sections")
        if sections is not None and sections != self._sections_text:
            self.sections = sections_of(self.db_path, sections)
            self._sections_text = sections
        pause = meta.get("pause")
        if pause != self._pause_text:
            self.pause = pause_of(self.db_path, pause) if self.facilitated else None
            self._pause_text = pause

    # -- playing ---------------------------------------------------------------------------

    def apply(self, action: Action, reason: str | None = None, *,
              by: str | None = None, expect: tuple[int, str] | None = None) -> GameState:
        """Record `action` if it is legal in the latest state of the game (read first,
        inside the transaction). An `Advance` is recorded only if nobody has recorded
        anything since this process last read the game (else the game has already moved
        on: nothing is done); an order the role has already given, the same, is not
        recorded twice. `expect` (turn, phase): record it only if the game is still
        there (else Stale, a HostedError: a compare-and-set on the game's place).
        Raises IllegalAction, HostedError, or AutosaveError (after the action is
        recorded) when the save file cannot be written."""
        with self._lock:
            known = len(self.record)
            mark = None
            try:
                with self._transaction() as db:
                    self._pull(db)
                    if isinstance(action, Advance) and (len(self.record) != known
                                                        or self.held):
                        return self.state
                    if expect is not None and (self.state.turn, self.state.phase) != expect:
                        raise Stale(self.db_path, f"the table has moved on to "
                                    f"{self.state.month} ({self.state.phase}) since you "
                                    "looked: nothing was done there")
                    if isinstance(action, Order) and self.state.phase == ORDERS \
                            and self.state.orders[ROLES.index(action.role)] == action:
                        return self.state
                    # What every other screen will check when it reads the row.
                    wrong = self._may_write(action, by or action.actor, self.holder, db)
                    if wrong:
                        raise HostedError(self.db_path, f"this screen cannot record that: "
                                          f"it {wrong}")
                    mark = self._mark()
                    state = self._record(db, action, reason, by, mark[2])
                    self._write_save(db)
            except AutosaveError:
                raise
            except BaseException:
                if mark is not None:  # not recorded: this process forgets it too
                    self._restore(mark)
                raise
            return state

    def _record(self, db: sqlite3.Connection, action: Action, reason: str | None,
                by: str | None, turns: int) -> GameState:
        """Apply `action` here and write its row (inside the caller's transaction, which
        has checked that this process may write it); `turns`: the checkpoints before."""
        state = Session.apply(self, action, reason, by=by)
        recorded, ended = self.record[-1], None
        if len(self.checkpoints) > turns:
            ended = self.checkpoints[-1].digest
        text = json.dumps(recorded.action.to_data())
        chain = self._link(text, recorded.by, recorded.reason, self.holder)
        db.execute("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (len(self.record) - 1, text, recorded.by, recorded.reason,
                    ended, self.holder, chain))
        self._chain = chain
        return state

    # -- a class's table: the umpire, the pause, sections shared by every screen ---------

    @property
    def held(self) -> bool:
        """Whether the facilitator's pause holds the game now: it is paused and the next
        step is a month's world event. No screen moves it on (`apply` records no
        `Advance`, `advance` and `step` stop) until the pause is lifted, or the umpire
        injects or holds back the event."""
        return self.pause is not None and self.state.phase == EVENT

    @property
    def umpire_here(self) -> bool:
        """Whether this process holds the umpire's lease (`take_umpire`)."""
        return UMPIRE_LEASE in self._taken

    def take_umpire(self, take_over: bool = False) -> int:
        """Take the umpire's seat of a class's table for this process (the facilitator's
        dashboard). Raises HostedError for a game without an umpire, SeatTaken when
        another live dashboard holds it (unless `take_over`)."""
        if not self.facilitated:
            raise HostedError(self.db_path, "this hosted game is not a class's table: it "
                              "has no umpire")
        joins = self._take(UMPIRE_LEASE, take_over)
        self._taken.add(UMPIRE_LEASE)
        return joins

    def umpire(self, action: Action, reason: str | None = None, *,
               expect: tuple[int, str] | None = None) -> GameState:
        """Record an umpire's action (an `Umpire`, or an order given for a late team),
        checked against the latest state like any action. `expect`: the (turn, phase)
        the facilitator saw; when the table has moved on since, nothing is recorded
        and HostedError says so (the same click never lands on another month)."""
        if not self.umpire_here:
            raise HostedError(self.db_path, "this screen does not hold the umpire's seat")
        return self.apply(action, reason, by=UMPIRE, expect=expect)

    def set_pause(self, reason: str | None) -> bool:
        """Pause the game (`reason`: why) or lift the pause (None), with an umpire's note
        of it in the log and the save, in one transaction. False when it was already so
        (nothing is written: a second click, or another dashboard was quicker)."""
        if not self.umpire_here:
            raise HostedError(self.db_path, "this screen does not hold the umpire's seat")
        with self._lock:
            mark = None
            before = (self.pause, self._pause_text)
            try:
                with self._transaction() as db:
                    self._pull(db)
                    before = (self.pause, self._pause_text)
                    if (self.pause is None) == (reason is None):
                        return False
                    mark = self._mark()
                    text = None
                    if reason is not None:
                        text = json.dumps({"turn": self.state.turn, "reason": reason})
                        db.execute("INSERT OR REPLACE INTO meta VALUES ('pause', ?)", (text,))
                    else:
                        db.execute("DELETE FROM meta WHERE key = 'pause'")
                    if not self.over:
                        said = (f"the facilitator pauses the class: {reason}" if reason
                                else "the facilitator lets the class go on")
                        self._record(db, Umpire("note", said), None, UMPIRE, mark[2])
                    self.pause = pause_of(self.db_path, text)
                    self._pause_text = text
                    self._write_save(db)
            except AutosaveError:
                raise
            except BaseException:
                if mark is not None:
                    self._restore(mark)
                    self.pause, self._pause_text = before
                raise
            return True

    def update_section(self, name: str, change: Callable[[Any], Any]) -> Any:
        """Change one optional part of the save as every screen sees it: `change` gets
        the section as the database holds it now (a copy, or None) and returns the new
        one (None removes it), inside one transaction, so that two screens changing the
        same section never lose each other's change. Returns the new value."""
        with self._lock:
            sections, text = dict(self.sections), self._sections_text
            try:
                with self._transaction() as db:
                    self._pull(db)
                    sections, text = dict(self.sections), self._sections_text
                    data = change(copy.deepcopy(self.sections.get(name)))
                    Session.set_section(self, name, data)
                    self._write_save(db)
            except AutosaveError:
                raise
            except BaseException:
                self.sections, self._sections_text = sections, text
                raise
            return data

    def set_section(self, name: str, data: Any) -> None:
        """Put (or remove) one section in one transaction: the other sections stay as
        the other screens left them (`update_section`)."""
        self.update_section(name, lambda _old: data)

    def advance(self) -> GameState:
        """The automatic phases, until a role must order, the game is over, or the
        facilitator's pause holds it (`held`)."""
        while self.state.phase in AUTOMATIC and not self.held:
            before = len(self.record)
            self.apply(Advance())
            if len(self.record) == before:
                break
        return self.state

    def step(self, choosers: Any = None) -> bool:
        """As `Session.step`; False while the facilitator's pause holds the game."""
        if self.held:
            return False
        return super().step(choosers)

    def _mark(self) -> tuple[GameState, int, int, list[Note], int, str]:
        return (self.state, len(self.record), len(self.checkpoints), list(self.notes),
                self._notes_seen, self._chain)

    def _restore(self, mark: tuple[GameState, int, int, list[Note], int, str]) -> None:
        self.state = mark[0]
        del self.record[mark[1]:]
        del self.checkpoints[mark[2]:]
        self.notes, self._notes_seen = mark[3], mark[4]
        self._chain = mark[5]

    def add_note(self, text: str, **where: Any) -> Note:
        """A teacher's bookmark (see `Session.add_note`), recorded for every screen and
        in the save."""
        with self._lock:
            mark = None
            try:
                with self._transaction() as db:
                    self._pull(db)
                    mark = self._mark()
                    note = Session.add_note(self, text, **where)
                    db.execute("INSERT INTO notes VALUES ((SELECT COALESCE(MAX(idx) + 1, 0) "
                               "FROM notes), ?, ?, ?)", (note.turn, note.action_index,
                                                          note.text))
                    self._notes_seen += 1
                    self._write_save(db)
            except AutosaveError:
                raise
            except BaseException:
                if mark is not None:
                    self._restore(mark)
                raise
            return note

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """A copy of the game to `path`, or the autosave file brought up to date."""
        if path is None:
            with self._lock, self._transaction() as db:
                self._pull(db)
                self._write_save(db)
            assert self.path is not None
            return self.path
        return super().save(path)

    def _write_save(self, db: sqlite3.Connection) -> None:
        # Inside the transaction, so the file always follows the database in order.
        text = json.dumps(self.sections, ensure_ascii=False, sort_keys=True)
        if text != self._sections_text:
            db.execute("UPDATE meta SET value = ? WHERE key = 'sections'", (text,))
            self._sections_text = text
        try:
            super().save()
        except SaveError as exc:
            self._pending_save_error = exc

    def _autosave(self) -> None:
        """Saving happens inside each transaction (`_write_save`), not here."""

    @property
    def runs_bots(self) -> bool:
        """Whether this process plays the bots' seats now: it holds the bots' lease,
        taking it when it is free or its holder has gone (checked every few seconds)."""
        if not any(self.seats[r].kind == "bot" for r in ROLES):
            return False
        with self._lock:
            if "bots" in self._held:
                return True
            now = time.monotonic()
            if now - self._bots_tried < HEARTBEAT_SECONDS and self._bots_tried:
                return False
            self._bots_tried = now
            return self._take("bots", False, quiet=True) > 0

    def bots_owing(self) -> list[str]:
        """The bot seats that owe an order now."""
        if self.state.phase != ORDERS:
            return []
        return [r for r, o in zip(ROLES, self.state.orders, strict=True)
                if o is None and self.seats[r].kind == "bot"]

    def presence(self) -> dict[str, str]:
        """Who is here: for each people's role 'here' (a live process holds its seat),
        'away' (it was joined before, nobody holds it now) or 'free' (never joined); and
        'watching': the number of observers, as text."""
        with self._lock:
            try:
                rows = self._connection().execute(
                    "SELECT name, holder, host, pid, expires FROM leases").fetchall()
            except sqlite3.Error as exc:
                raise self._busy(exc) from None
        now = time.time()
        out = {r: "free" for r in self.human_roles}
        watching = 0
        for name, _holder, host, pid, expires in rows:
            live = expires > now and (host != socket.gethostname() or alive(pid))
            if name.startswith("seat:") and name[5:] in out:
                out[name[5:]] = "here" if live else "away"
            elif name.startswith("watch:") and live:
                watching += 1
        out["watching"] = str(watching)
        return out

    # -- the database ------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise HostedError(self.db_path, "this game has been left (closed)")
        return self._db

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection()
        self._pending_save_error = None
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._busy(exc) from None
        try:
            yield db
        except sqlite3.Error as exc:  # a damaged page, a full disk: one clear error
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise self._busy(exc) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise HostedError(self.db_path, f"the game could not be written ({exc})") from None
        error = self._pending_save_error
        if error is not None:
            self._pending_save_error = None
            raise AutosaveError(error.path, error.problem)

    def _busy(self, exc: sqlite3.Error) -> HostedError:
        return database_error(self.db_path, exc)

    def _take(self, name: str, take_over: bool, *, quiet: bool = False) -> int:
        """Take the lease `name` for this process: the number of times it has been taken
        (1 the first time ever), or 0 when a live process holds it (SeatTaken unless
        `quiet`)."""
        host, pid, now = socket.gethostname(), os.getpid(), time.time()
        with self._transaction() as db:
            row = db.execute("SELECT holder, host, pid, expires, joins FROM leases "
                             "WHERE name = ?", (name,)).fetchone()
            if row is None:
                joins = 1
            elif row[0] == self.holder:
                joins = row[4]
            else:
                live = row[3] > now and (row[1] != host or alive(row[2]))
                if live and not take_over:
                    if quiet:
                        return 0
                    role = name.split(":", 1)[-1]
                    where = (f"process {row[2]} of this machine" if row[1] == host
                             else f"process {row[2]} on {row[1]}")
                    raise SeatTaken(self.db_path, f"{role} is already played from another "
                                    f"screen ({where}); if that screen is gone, join again "
                                    f"in {LEASE_SECONDS:.0f} seconds or use --take-over")
                joins = row[4] + 1
            db.execute("INSERT OR REPLACE INTO leases VALUES (?, ?, ?, ?, ?, ?)",
                       (name, self.holder, host, pid, now + LEASE_SECONDS, joins))
            db.execute("INSERT OR IGNORE INTO takers VALUES (?, ?)", (self.holder, name))
        self._held[name] = time.monotonic()
        return joins

    def _heartbeat(self, db: sqlite3.Connection) -> None:
        now = time.monotonic()
        due = [n for n, at in self._held.items() if now - at >= HEARTBEAT_SECONDS]
        if not due:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            for name in due:
                cur = db.execute("UPDATE leases SET expires = ? WHERE name = ? AND holder = ?",
                                 (time.time() + LEASE_SECONDS, name, self.holder))
                if cur.rowcount:
                    self._held[name] = now
                else:  # taken over by another process (--take-over, or it had lapsed)
                    del self._held[name]
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise

    def __repr__(self) -> str:
        who = ",".join(self.local) or "watching"
        return (f"<HostedSession {self.db_path.name} as {who} turn={self.state.turn} "
                f"phase={self.state.phase} actions={len(self.record)}>")
