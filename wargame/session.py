"""A game in progress: the engine state plus everything around it that a save keeps.

The TUI, `wargame resume`, the simulator's `--save-dir` and the debrief all hold a
`Session`. It knows who sits in each seat (a human, or a bot and its level), records
every action applied with who gave it and why, keeps the teacher's notes, and autosaves
after every action, so every completed phase is on disk::

    s = Session.new(ruleset, seed, {r: Seat(r, "bot", "normal") for r in ROLES},
                    save_dir=folder)
    s.run()                       # bots play until a human must choose or the game ends
    s = Session.load(Session.latest(folder))      # ...in another process, later
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import saves
from .engine import (
    AUTOMATIC,
    OVER,
    ROLES,
    SYSTEM,
    Action,
    Advance,
    GameState,
    Order,
    Ruleset,
    View,
    actors,
    apply,
    new_game,
    view,
)
from .engine.editions import edition as get_edition
from .saves import (
    UMPIRE,
    AutosaveError,
    Checkpoint,
    Note,
    Parent,
    RecordedAction,
    SaveError,
    Seat,
)

if TYPE_CHECKING:
    from .bots import Bot, Decision

__all__ = ["Hidden", "Note", "RecordedAction", "SaveError", "Seat", "Session"]


class Hidden(ValueError):
    """What was asked would show a hand (or a sealed order, or a bot's reasoning) that
    the people at this screen may not see while the game is being played."""

Chooser = Callable[[View], Any]
"""Picks an order from a role's view: returns an Order, or anything with `.order` (and
`.reason`), like a bot's Decision."""


class Session:
    """A game in progress. Make one with `Session.new`, `Session.load` or `branch`."""

    def __init__(self, *, ruleset: Ruleset, seed: int, seats: Mapping[str, Seat],
                 turns: int | None = None, path: Path | None = None,
                 game_id: str | None = None, parent: Parent | None = None) -> None:
        missing = [r for r in ROLES if r not in seats]
        if missing:
            raise ValueError(f"no seat for {', '.join(missing)}")
        for role, seat in seats.items():
            if not isinstance(seat, Seat) or seat.role != role:
                raise ValueError(f"the seat for {role!r} must be Seat({role!r}, ...)")
        self.ruleset = ruleset
        self.seed = seed
        self.seats: dict[str, Seat] = {r: seats[r] for r in ROLES}
        self.state: GameState = new_game(ruleset, seed, turns)
        self.turns = self.state.turns
        self.path = path
        """The autosave file, or None when this game is not being saved."""
        self.game_id = game_id or uuid.uuid4().hex[:12]
        self.parent = parent
        """Where this game branched from, or None."""
        self.record: list[RecordedAction] = []
        self.notes: list[Note] = []
        self.checkpoints: list[Checkpoint] = [saves.checkpoint(self.state, 0, 0)]
        """The digest at the end of each turn so far (turn 0: the setup)."""
        self.sections: dict[str, Any] = {}
        """Optional parts of the save for later features (votes, forecasts...), by name:
        kept as they are, each a plain JSON value with its own `version`."""
        self._bots: dict[str, Bot] = {}
        self._before: list[GameState] = []
        """The state before each of the trailing system Advances (for `retract_last`)."""
        self._players_here: tuple[str, ...] | None = None
        self.file_mode = 0o644
        """The permissions of the save file it writes (0o600: this user only)."""

    # -- making one ------------------------------------------------------------------

    @classmethod
    def new(cls, ruleset: Ruleset, seed: int, seats: Mapping[str, Seat],
            turns: int | None = None, save_dir: str | os.PathLike[str] | None = None,
            *, autosave: bool = True, edition: int | None = None) -> Session:
        """A new game, under the ruleset's rules edition (or `edition`). It autosaves into
        `save_dir` (default: `default_save_dir()`) under a new file name, unless
        `autosave` is False."""
        if edition is not None and edition != ruleset.edition:
            get_edition(edition)  # ValueError for an edition this game does not have
            ruleset = attrs.evolve(ruleset, edition=edition)
        session = cls(ruleset=ruleset, seed=seed, seats=seats, turns=turns)
        session.play_here(r for r in ROLES if seats[r].kind == "human")
        if autosave:
            folder = Path(save_dir) if save_dir is not None else saves.default_save_dir()
            stem = f"{time.strftime('%Y-%m-%d-%H%M%S')}-seed{seed}"
            session.path = _reserve(folder, stem)
            try:
                session._autosave()
            except SaveError:
                _unreserve(session.path)  # no empty file hides the saves before it
                raise
        return session

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Session:
        """The game saved in `path`, replayed to where it stopped; it goes on autosaving
        to the same file. Raises SaveError with a clear message (the file is never
        changed by loading)."""
        save, state = saves.load(path)
        session = cls(ruleset=save.ruleset, seed=save.seed, seats=save.seats,
                      turns=save.turns, path=Path(path), game_id=save.game_id,
                      parent=save.parent)
        session.state = state
        session.record = list(save.record)
        session.checkpoints = list(save.checkpoints)
        session.notes = list(save.notes)
        session.sections = dict(save.sections)
        return session

    @staticmethod
    def latest(save_dir: str | os.PathLike[str] | None = None) -> Path | None:
        """The newest save in `save_dir` (default: `default_save_dir()`), or None."""
        folder = Path(save_dir) if save_dir is not None else saves.default_save_dir()
        found = saves.save_files(folder)
        return found[0] if found else None

    # -- who may see what ------------------------------------------------------------

    @property
    def players_here(self) -> tuple[str, ...] | None:
        """The roles played at this screen while the game is in play: each sees its own
        hand here (after a hand-off when they share the keyboard), and nothing else is
        shown. None: nobody plays this copy of the game here (a save opened to replay or
        to report on, a referee's copy), and everything may be shown."""
        return self._players_here

    def play_here(self, roles: Iterable[str]) -> None:
        """Declare that `roles` are played at this screen from now on (`players_here`)."""
        roles = tuple(roles)
        if any(r not in ROLES for r in roles):
            raise ValueError(f"unknown role in {roles!r}")
        self._players_here = roles

    @property
    def sight(self) -> tuple[str, ...] | None:
        """Whose hands a screen that everyone here sees (the replay viewer, the report,
        the story of a month) may show: None, everything (the game is over, or nobody
        plays it here); else the one role played here, or () when several roles share
        this screen, or none does (the projector): only what was public."""
        players = self.players_here
        if players is None or self.over:
            return None
        return players if len(players) == 1 else ()

    def may_see(self, role: str) -> bool:
        """Whether `role`'s hand, sealed order and reasons may be shown on a shared
        screen now."""
        sight = self.sight
        return sight is None or role in sight

    def own_view(self, role: str | None) -> View:
        """What `role` sees, for the player of `role` at this screen (None: what anyone
        sees). Raises Hidden for a role not played here while the game is in play (the
        bots read `view`)."""
        players = self.players_here
        if role is not None and players is not None and not self.over and \
                role not in players:
            raise Hidden(f"{role}'s hand is not shown here: this screen plays "
                         f"{', '.join(players) or 'no role'}")
        return view(self.state, role)

    def record_seen(self) -> list[RecordedAction]:
        """The record as this screen may tell it (`sight`): while the game is in play,
        without the bots' reasons of the roles not seen here, and without the orders
        those roles have sealed and nobody has seen revealed yet (the orders since the
        last automatic step: the reveal is one). The whole record otherwise; either way
        a record that replays."""
        sight = self.sight
        if sight is None:
            return list(self.record)
        sealed = len(self.record)
        while sealed and not isinstance(self.record[sealed - 1].action, Advance):
            sealed -= 1
        return [r if r.reason is None or r.by in sight else attrs.evolve(r, reason=None)
                for i, r in enumerate(self.record)
                if i < sealed or not isinstance(r.action, Order) or r.action.role in sight]

    # -- reading ---------------------------------------------------------------------

    def view(self, role: str | None) -> View:
        return view(self.state, role)

    @property
    def over(self) -> bool:
        return self.state.phase == OVER

    def turn_of_action(self, index: int) -> int:
        """The turn in which action `index` (counted from 0) was applied."""
        for cp in self.checkpoints[1:]:
            if index < cp.after:
                return cp.turn
        return self.state.turn

    # -- playing ---------------------------------------------------------------------

    def apply(self, action: Action, reason: str | None = None, *,
              by: str | None = None) -> GameState:
        """Apply an action, record it (with the bot's `reason`) and autosave. Raises
        IllegalAction, changing nothing, when the rules do not allow it; raises
        AutosaveError, after the game has moved on, when the save cannot be written."""
        if by is not None and by not in (action.actor, UMPIRE):
            raise ValueError(f"an action by {action.actor!r} cannot be recorded as by {by!r}")
        if reason is not None:
            reason = " ".join(reason.split())
            if len(reason) > saves.MAX_REASON:
                reason = reason[: saves.MAX_REASON - 1] + "…"
        before = self.state
        state = apply(before, action)
        self.record.append(RecordedAction(action, by or action.actor, reason))
        if isinstance(action, Advance) and self.record[-1].by == SYSTEM:
            self._before.append(before)
        else:
            self._before.clear()
        self.state = state
        if saves.turn_ended(before, state):
            self.checkpoints.append(saves.checkpoint(state, before.turn, len(self.record)))
        self._autosave()
        return state

    def advance(self) -> GameState:
        """Run the automatic phases (event, resolution, consequences, upkeep) until a
        role must give an order or the game is over, autosaving after each."""
        while self.state.phase in AUTOMATIC:
            self.apply(Advance())
        return self.state

    def bot_decision(self, role: str) -> Decision:
        """Ask the bot in `role`'s seat for its order and reason; the game does not
        change."""
        seat = self.seats[role]
        if seat.kind != "bot" or seat.level is None:  # a bot's seat always has a level
            raise ValueError(f"{role} is played by a human, not a bot")
        bot = self._bots.get(role)
        if bot is None:
            from wargame.bots import make_bot

            bot = self._bots[role] = make_bot(seat.level, role, self.seed)
        return bot.choose(self.view(role))

    def step(self, choosers: Mapping[str, Chooser] | None = None) -> bool:
        """Apply one action that needs nobody human: an automatic phase, or the order of
        one bot seat (or of `choosers[role]`). False, changing nothing, when a human
        seat owes the next order or the game is over."""
        if self.over:
            return False
        if self.state.phase in AUTOMATIC:
            self.apply(Advance())
            return True
        choosers = choosers or {}
        for role in actors(self.state):
            chooser = choosers.get(role)
            if chooser is None and self.seats[role].kind != "bot":
                continue
            choice = chooser(self.view(role)) if chooser else self.bot_decision(role)
            order = choice if isinstance(choice, Order) else choice.order
            self.apply(order, getattr(choice, "reason", None))
            return True
        return False

    def run(self, choosers: Mapping[str, Chooser] | None = None,
            until: Callable[[GameState], bool] | None = None) -> GameState:
        """Play on while nobody human is needed (see `step`) until a human seat owes an
        order, the game is over, or `until(state)` holds."""
        while not (until is not None and until(self.state)) and self.step(choosers):
            pass
        return self.state

    # -- the umpire: taking an automatic step back, sections ----------------------------

    def retractable(self) -> int:
        """How many of the last recorded actions `retract_last` may take back: the
        automatic steps (system Advances) since the last order or umpire's action."""
        n = 0
        for recorded in reversed(self.record):
            if not (isinstance(recorded.action, Advance) and recorded.by == SYSTEM):
                break
            n += 1
        return n

    def retractable_from(self) -> int:
        """The first entry of the log that `retract_until` can still take back (the log's
        length when nothing can be)."""
        count = self.retractable()
        return len(self._states_before(count)[0].log) if count else len(self.state.log)

    def retract_last(self) -> GameState:
        """Take back the last action, when it was an automatic step (a system Advance):
        the umpire then fixes a roll the class has just seen and lets the step resolve
        again. An order, an umpire's action and everything before them stay; the turn's
        digest and notes made after the step follow it back; the autosave is rewritten.
        Raises ValueError, changing nothing, when the last action was not automatic."""
        if not self.retractable():
            raise ValueError("only an automatic step can be taken back, and only until "
                             "the last order or umpire's action")
        return self._retract(self._states_before(1), 1)

    def retract_until(self, log_length: int) -> GameState:
        """Take back the last automatic steps until the log is at most `log_length`
        entries long: the step that wrote entry `log_length` of the log is undone with
        every step after it. All or nothing: raises ValueError, changing nothing, when
        that would take back an order or an umpire's action."""
        limit = self.retractable()
        states = self._states_before(limit)
        count = next((k for k in range(1, limit + 1)
                      if len(states[-k].log) <= log_length), None)
        if count is None:
            raise ValueError("that step cannot be taken back: an order or an umpire's "
                             "action came after it")
        return self._retract(states, count)

    def _retract(self, states: list[GameState], count: int) -> GameState:
        self.state = states[-count]
        del self.record[-count:]
        del self._before[-count:]  # the cache holds the last steps' states, or fewer
        after = len(self.record)
        while self.checkpoints and self.checkpoints[-1].after > after:
            self.checkpoints.pop()
        self.notes = [n if n.action_index <= after else
                      Note(min(n.turn, self.state.turn), after, n.text) for n in self.notes]
        self._autosave()
        return self.state

    def _states_before(self, count: int) -> list[GameState]:
        """The states before each of the last `count` actions, oldest first (kept in
        memory since the last order; replayed from the start after a load)."""
        if count <= len(self._before):
            return self._before[len(self._before) - count:]
        state = new_game(self.ruleset, self.seed, self.turns)
        for recorded in self.record[: len(self.record) - count]:
            state = apply(state, recorded.action)
        out = [state]
        for recorded in self.record[len(self.record) - count: -1]:
            out.append(apply(out[-1], recorded.action))
        return out

    def section(self, name: str) -> Any:
        """An optional part of the save (votes, forecasts...), or None."""
        return self.sections.get(name)

    def set_section(self, name: str, data: Any) -> None:
        """Put (or, with None, remove) an optional part of the save and autosave. Raises
        SectionError (a ValueError), changing nothing, for a bad name or value."""
        if data is None:
            self.sections.pop(name, None)
        else:
            saves.check_section(name, data)
            if name not in self.sections and len(self.sections) >= saves.MAX_SECTIONS:
                raise saves.SectionError("", f"a save holds at most {saves.MAX_SECTIONS} "
                                         "sections")
            self.sections[name] = data
        self._autosave()

    # -- notes and branches ------------------------------------------------------------

    def add_note(self, text: str, *, at: int | None = None) -> Note:
        """A teacher's bookmark at the current point of the game, or after the first
        `at` actions (a moment of a replay), autosaved."""
        if at is not None and (isinstance(at, bool) or not isinstance(at, int)
                               or not 0 <= at <= len(self.record)):
            raise ValueError(f"a note belongs after 0 to {len(self.record)} actions, "
                             f"not {at!r}")
        clean = "".join(c for c in text if c.isprintable() or c in "\n\t").strip()
        if not clean:
            raise ValueError("a note needs some text")
        if len(clean) > saves.MAX_NOTE:
            raise ValueError(f"a note is at most {saves.MAX_NOTE:,} characters")
        if len(self.notes) >= saves.MAX_NOTES:
            raise ValueError(f"a game holds at most {saves.MAX_NOTES:,} notes")
        if at is None or at == len(self.record):
            note = Note(self.state.turn, len(self.record), clean)
        else:
            note = Note(self.turn_of_action(at), at, clean)
        place = len(self.notes)  # notes stay in the order of the game
        while place and self.notes[place - 1].action_index > note.action_index:
            place -= 1
        self.notes.insert(place, note)
        self._autosave()
        return note

    def branch(self, turn: int, seats: Mapping[str, Seat] | None = None,
               save_dir: str | os.PathLike[str] | None = None) -> Session:
        """A new game with the same seed and decks and this game's history up to the
        start of `turn` (its event not yet drawn); the parent and turn are recorded.
        Seats default to this game's. It autosaves into `save_dir`, else next to this
        game's save (or not at all when this game is not saved)."""
        last = self.state.turn
        if isinstance(turn, bool) or not isinstance(turn, int) or not 1 <= turn <= last:
            raise ValueError(f"a branch starts at a turn from 1 to {last}, not {turn!r}")
        players = self.players_here
        if players is not None and not self.over:
            # The branch starts with this game's hands: no new seat for the people here.
            given = [r for r in ROLES if (seats or self.seats)[r].kind == "human"
                     and r not in players]
            if given:
                raise Hidden(f"while this game is being played, a branch of it cannot give "
                             f"this screen a role it does not play here ({', '.join(given)}): "
                             "its hand is still secret; make that seat a bot, or branch "
                             "once the game is over")
        start = self.checkpoints[turn - 1]
        parent = Parent(self.path.name if self.path else "", self.game_id, turn,
                        start.after, start.digest)
        child = Session(ruleset=self.ruleset, seed=self.seed, seats=seats or self.seats,
                        turns=self.turns, parent=parent)
        child.play_here(r for r in ROLES if child.seats[r].kind == "human")
        for recorded in self.record[: start.after]:
            before = child.state
            child.state = apply(before, recorded.action)
            child.record.append(recorded)
            if saves.turn_ended(before, child.state):
                child.checkpoints.append(saves.checkpoint(child.state, before.turn,
                                                          len(child.record)))
        assert child.checkpoints[-1].digest == start.digest, "a branch must replay exactly"
        child.notes = [n for n in self.notes if n.action_index <= start.after]
        child.sections = saves.sections_before(self.sections, turn)
        folder = Path(save_dir) if save_dir is not None else (
            self.path.parent if self.path else None)
        if folder is not None:
            stem = (self.path.stem if self.path else f"seed{self.seed}") + f"-branch-t{turn}"
            child.path = _reserve(folder, stem)
            try:
                child._autosave()
            except SaveError:
                _unreserve(child.path)
                raise
        return child

    # -- saving ------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The save's plain data (what `save` writes)."""
        return saves.save_document(
            game_id=self.game_id, seed=self.seed, turns=self.turns, seats=self.seats,
            ruleset=self.ruleset, record=self.record, checkpoints=self.checkpoints,
            final=saves.final_of(self.state, len(self.record)), notes=self.notes,
            parent=self.parent, sections=self.sections)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the game to `path` (a copy; the autosave file stays as it is), or to the
        autosave file. Atomic: the old file survives any failure."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("this game is not being saved: give a path")
        try:
            return saves.write_atomic(target, saves.encode(self.document()), self.file_mode)
        except OSError as exc:
            raise SaveError(target, f"could not be saved ({exc.strerror or exc})") from None

    def _autosave(self) -> None:
        if self.path is None:
            return
        try:
            self.save()
        except SaveError as exc:
            raise AutosaveError(exc.path, exc.problem) from None

    def __repr__(self) -> str:
        return (f"<Session {self.game_id} seed={self.seed} turn={self.state.turn} "
                f"phase={self.state.phase} actions={len(self.record)} path={self.path}>")


def _unreserve(path: Path) -> None:
    """Remove a file name reserved for a save that could not be written (still empty)."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()


def _reserve(folder: Path, stem: str) -> Path:
    try:
        return saves.reserve_path(folder, stem)
    except OSError as exc:
        raise SaveError(folder, f"cannot create a save here ({exc.strerror or exc})") from None
