"""What a save holds, as values: who sat where, every action with who gave it, the
teacher's notes, the digest at the end of every turn, where the game stands, and where
a branch came from; and `SaveError`, the one error for a save that cannot be used."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from ..engine import OVER, ROLES, Action, GameState, Ruleset, digest
from ..engine.editions import EDITIONS
from ..engine.editions import label as edition_label
from ..engine.rules import grades
from ..engine.tracks import TRACKS
from ..untrusted import printable

BOT_LEVELS: tuple[str, ...] = ("easy", "normal", "hard")
"""The bot levels a seat may name (the same as `wargame.bots.LEVELS`)."""
UMPIRE = "umpire"
"""`RecordedAction.by` for an action the teacher (umpire) took."""


class SaveError(Exception):
    """A save file that cannot be used. The message names the file, the place in it
    (when there is one) and what is wrong, in words a player can act on."""

    def __init__(self, path: str | os.PathLike[str], problem: str, where: str = "") -> None:
        self.path = printable(str(path))
        # One line, of a readable length, whatever text from the file it quotes, and
        # nothing a terminal would act on.
        problem = printable(" ".join(problem.split()))
        self.problem = problem if len(problem) <= 400 else problem[:399] + "…"
        where = printable(where.replace("\n", "\\n").replace("\t", "\\t"))
        self.where = where if len(where) <= 200 else where[:199] + "…"
        super().__init__(f"{self.path}{', ' + self.where if self.where else ''}: {self.problem}")


class Divergence(SaveError):
    """The save does not replay: a turn's digest differs, or a recorded action is no
    longer legal. `turn` is the first turn that diverges (0 is the setup) and
    `action_index` the action (counted from 1) at which it was found."""

    def __init__(self, path: str | os.PathLike[str], problem: str, turn: int,
                 action_index: int) -> None:
        super().__init__(path, problem)
        self.turn = turn
        self.action_index = action_index


class AutosaveError(SaveError):
    """The game moved on but could not be written to disk (a full disk, a folder that
    went away). The game in memory is intact; the next autosave tries again."""


# -- values ------------------------------------------------------------------------------


def seat_problem(kind: Any, level: Any) -> tuple[str, str] | None:
    """What is wrong with a seat of this kind and bot level: (the field, the problem),
    or None. The one rule, for a Seat made in code and for a seat read from a file."""
    if kind not in ("human", "bot"):
        return "kind", f"must be 'human' or 'bot', not {str(kind)[:40]!r}"
    if kind == "bot" and level not in BOT_LEVELS:
        return "level", (f"a bot's level is one of {', '.join(BOT_LEVELS)}, not "
                         f"{str(level)[:40]!r}")
    if kind == "human" and level is not None:
        return "level", "a human seat has no bot level"
    return None


def _check_seat(instance: Seat, _attribute: Any, _value: Any) -> None:
    if instance.role not in ROLES:
        raise ValueError(f"unknown role {instance.role!r}")
    problem = seat_problem(instance.kind, instance.level)
    if problem is not None:
        raise ValueError(f"the seat's {problem[0]}: {problem[1]}")


@frozen
class Seat:
    """Who plays a role: a human at the keyboard, or a bot and its level."""

    role: str
    kind: str = "human"
    level: str | None = field(default=None, validator=_check_seat)

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind} if self.level is None else {"kind": self.kind,
                                                               "level": self.level}

    @property
    def label(self) -> str:
        return "human" if self.kind == "human" else f"bot ({self.level})"


@frozen
class RecordedAction:
    """One action of the game as it was applied: `by` is the role that gave it,
    "system" for the automatic phases, or "umpire"; `reason` is the bot's one-line
    explanation (None for people and the system)."""

    action: Action
    by: str
    reason: str | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action.to_data(), "by": self.by}
        if self.reason is not None:
            data["reason"] = self.reason
        return data


@frozen
class Note:
    """A teacher's bookmark: made during `turn`, after `action_index` actions."""

    turn: int
    action_index: int
    text: str

    def to_data(self) -> dict[str, Any]:
        return {"turn": self.turn, "action": self.action_index, "text": self.text}


@frozen
class Checkpoint:
    """The state's digest at the end of a turn (turn 0: the setup, before turn 1), after
    `after` actions, with the tracks then (so a divergence can say what differs)."""

    turn: int
    after: int
    digest: str
    tracks: Mapping[str, int] = field(eq=False)

    def to_data(self) -> dict[str, Any]:
        return {"turn": self.turn, "after": self.after, "digest": self.digest,
                "tracks": dict(self.tracks)}


@frozen
class Final:
    """Where the recorded game stands: the digest after the last action, and (for a
    quick look without a replay) the turn, phase and result: the winners, how it ended
    and, once it is over, each role's result level (`rules.GRADES`)."""

    turn: int
    phase: str
    after: int
    digest: str
    winners: tuple[str, ...] = ()
    end: str = ""
    grades: Mapping[str, str] = field(factory=dict, hash=False)
    """role -> result level, for a finished game (empty for one in progress, and in the
    saves written before there were levels). Not part of any digest."""

    def to_data(self) -> dict[str, Any]:
        data = {"turn": self.turn, "phase": self.phase, "after": self.after,
                "digest": self.digest, "winners": list(self.winners), "end": self.end}
        if self.grades:
            data["grades"] = {role: self.grades[role] for role in ROLES
                              if role in self.grades}
        return data


@frozen
class Parent:
    """Where a branch came from: the parent's file and game id, the turn at whose start
    it branched, how many of the parent's actions it kept, and the digest there."""

    file: str
    game: str
    turn: int
    after: int
    digest: str

    def to_data(self) -> dict[str, Any]:
        return {"file": self.file, "game": self.game, "turn": self.turn,
                "after": self.after, "digest": self.digest}


@frozen
class SaveData:
    """A save as read from disk and checked, before (or without) its replay."""

    path: str
    version: int
    """The format version the file was written in (it has been migrated since)."""
    game_version: str
    game_id: str
    seed: int
    turns: int
    seats: Mapping[str, Seat]
    ruleset: Ruleset
    record: tuple[RecordedAction, ...]
    checkpoints: tuple[Checkpoint, ...]
    final: Final
    notes: tuple[Note, ...] = ()
    parent: Parent | None = None
    sections: Mapping[str, Any] = field(factory=dict)
    draft: int | None = None
    """The draft revision of its rules edition it was played under (None: frozen)."""

    @property
    def actions(self) -> list[Action]:
        return [r.action for r in self.record]

    @property
    def edition(self) -> int:
        """The rules edition it was played under (`ruleset.edition`)."""
        return self.ruleset.edition

    @property
    def edition_name(self) -> str:
        """'rules edition 1', 'rules edition 2 (draft 1)': as it was played."""
        return edition_label(self.edition, self.draft)

    @property
    def stale_draft(self) -> str:
        """Why this game may no longer replay because it was played under a draft of its
        edition that has changed since; '' when it was not."""
        if self.draft is None:
            return ""
        now = EDITIONS[self.edition]
        current = now.draft if now.draft is not None else now.last_draft
        if current == self.draft:
            return ""
        later = (f"this game has draft {now.draft}" if now.draft is not None else
                 f"this game has the released edition (wargame {now.released})")
        return (f"it was played under draft {self.draft} of rules edition {self.edition} "
                f"and {later}: a draft's rules may change until it is released, so a game "
                "played under an older draft may no longer replay")


# -- checkpoints ---------------------------------------------------------------------


def checkpoint(state: GameState, turn: int, after: int) -> Checkpoint:
    tracks = {t.name: v for t, v in zip(TRACKS, state.tracks, strict=True) if not t.counter}
    return Checkpoint(turn, after, digest(state), tracks)


def final_of(state: GameState, after: int) -> Final:
    return Final(state.turn, state.phase, after, digest(state), tuple(state.winners),
                 state.end, grades(state.tracks, state.flags, state.ruleset.edition)
                 if state.phase == OVER else {})


def turn_ended(before: GameState, after: GameState) -> bool:
    """Whether the action from `before` to `after` finished a turn (upkeep moved on to
    the next month, or the game ended)."""
    return after.turn != before.turn or (after.phase == OVER and before.phase != OVER)


def turn_label(ruleset: Ruleset, turn: int) -> str:
    if turn == 0:
        return "the setup (before turn 1)"
    return f"turn {turn} ({ruleset.scenario.month_label(turn)})"
