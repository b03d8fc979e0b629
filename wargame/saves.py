"""Saved games: a versioned JSON format that replays exactly.

A save holds everything needed to play a game again, move by move: the seed, who sat in
each seat, the decks and scenario themselves (embedded, so the save still replays after
`decks/` changes), every action applied (`Advance` included) with who gave it and why,
and the digest of the state at the end of every turn. Loading a save replays it through
the engine and checks every digest, so a save that loads is a save that replays.

Saves come from other people: reading one never executes anything (no pickle), checks
every value against explicit bounds before use, and turns every problem into one
`SaveError` naming the file, the place in it and what is wrong. Writing goes to a
temporary file in the same folder, flushed, fsynced and renamed over the old save, so a
crash or a full disk never leaves a half-written save or loses the previous one.

See "Save format" in docs/design.md.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from attrs import evolve, field, frozen

from . import __version__
from .classroom import SectionError
from .classroom import check_section as check_section_data
from .decks import DeckError, ruleset_from_data
from .engine import (
    OVER,
    ROLE_NAMES,
    ROLES,
    Action,
    GameState,
    IllegalAction,
    Order,
    Ruleset,
    action_from_data,
    apply,
    digest,
    edition,
    new_game,
)
from .engine.editions import EDITIONS
from .engine.editions import label as edition_label
from .engine.rules import GRADES, grades
from .engine.tracks import TRACKS
from .untrusted import (
    JsonLimits,
    Untrusted,
    control_in,
    parse_json,
    printable,
    read_file,
    scan,
)

FORMAT = "wargame-save"
FORMAT_VERSION = 2
"""1: wargame 0.1 (rules edition 1, not named in the file); 2: names its rules edition."""
SUFFIX = ".json"

BOT_LEVELS: tuple[str, ...] = ("easy", "normal", "hard")
"""The bot levels a seat may name (the same as `wargame.bots.LEVELS`)."""
UMPIRE = "umpire"
"""`RecordedAction.by` for an action the teacher (umpire) took."""

# Bounds on untrusted files: every one is checked explicitly and has a test.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 48
"""JSON nesting; a save itself needs about 12 (decks with nested effects)."""
MAX_INT_DIGITS = 20
MAX_INT = 2**64
MAX_STRING = 20_000
MAX_NODES = 300_000
"""Values of every kind; a 60-turn game with every note and section full has fewer."""
MAX_ACTIONS = 10_000
MAX_NOTES = 1_000
MAX_NOTE = 2_000
MAX_REASON = 500
MAX_SECTIONS = 32
MAX_TRACKS = 200

_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_GAME_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_FILE_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,255}$")


class SaveError(Exception):
    """A save file that cannot be used. The message names the file, the place in it
    (when there is one) and what is wrong, in words a player can act on."""

    def __init__(self, path: str | os.PathLike[str], problem: str, where: str = "") -> None:
        self.path = printable(str(path))
        # One line, of a readable length, whatever text from the file it quotes, and
        # nothing a terminal would act on.
        problem = printable(" ".join(problem.split()))
        self.problem = problem if len(problem) <= 400 else problem[:399] + "…"
        self.where = printable(where)
        super().__init__(f"{self.path}{', ' + where if where else ''}: {self.problem}")


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


def _check_seat(instance: Seat, _attribute: Any, _value: Any) -> None:
    if instance.role not in ROLES:
        raise ValueError(f"unknown role {instance.role!r}")
    if instance.kind == "human":
        if instance.level is not None:
            raise ValueError("a human seat has no bot level")
    elif instance.kind == "bot":
        if instance.level not in BOT_LEVELS:
            raise ValueError(f"a bot's level is one of {', '.join(BOT_LEVELS)}, "
                             f"not {instance.level!r}")
    else:
        raise ValueError(f"a seat is 'human' or 'bot', not {instance.kind!r}")


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


# -- writing ------------------------------------------------------------------------------


def save_document(*, game_id: str, seed: int, turns: int, seats: Mapping[str, Seat],
                  ruleset: Ruleset, record: Sequence[RecordedAction],
                  checkpoints: Sequence[Checkpoint], final: Final,
                  notes: Sequence[Note] = (), parent: Parent | None = None,
                  sections: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The plain data of a save, in the current format, fields in file order."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "game_version": __version__,
        "game": game_id,
        "scenario": ruleset.scenario.id,
        "edition": {"number": ruleset.edition, "draft": edition(ruleset.edition).draft},
        "seed": seed,
        "turns": turns,
        "players": {role: seats[role].to_data() for role in ROLES},
        "parent": parent.to_data() if parent else None,
        "ruleset": {"digest": ruleset.digest, "data": ruleset.data},
        "actions": [r.to_data() for r in record],
        "digests": [c.to_data() for c in checkpoints],
        "final": final.to_data(),
        "notes": [n.to_data() for n in notes],
        "sections": dict(sections or {}),
    }


_ONE_PER_LINE = ("actions", "digests", "notes")


def encode(document: Mapping[str, Any]) -> bytes:
    """UTF-8 JSON: one header field per line, one action, digest or note per line, the
    embedded decks on one line. Same document, same bytes."""

    def dumps(value: Any, compact: bool = False) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":") if compact else (", ", ": "))

    lines = []
    for key, value in document.items():
        if key in _ONE_PER_LINE and isinstance(value, list) and value:
            items = ",\n".join(f"  {dumps(item)}" for item in value)
            lines.append(f" {dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f" {dumps(key)}: {dumps(value, compact=key == 'ruleset')}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int = 0o644) -> Path:
    """Write `data` to `path` so that the file is always either the old save or the new
    one: a temporary file in the same folder, flushed, fsynced, renamed over the old.
    On any failure the temporary file is removed and the old file is left as it was.
    The file gets `mode` (0o600: only this user may read it). Temporary files of the
    same target left by a process killed while writing are removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)
    clean_stale(target.parent, f".{target.name}.")
    return target


STALE_SECONDS = 600
"""A temporary file of the game this old was left by a process that was killed: writing
one takes milliseconds."""
_TEMPORARY = re.compile(r"^\.(?:.+\.[A-Za-z0-9_]{6,}|report-[A-Za-z0-9_]+|"
                        r"new-game\.[A-Za-z0-9_]+|settings-[A-Za-z0-9_]+)\.tmp$")


def clean_stale(folder: str | os.PathLike[str], prefix: str = ".") -> int:
    """Remove the game's own temporary files in `folder` (names starting with `prefix`)
    older than STALE_SECONDS; returns how many. Never fails: a file that cannot be
    removed stays."""
    import time

    removed = 0
    now = time.time()
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and _TEMPORARY.match(n)]
    except OSError:
        return 0
    for name in names:
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(path)
                removed += 1
    return removed


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- migration --------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]

def _name_the_edition(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 (wargame 0.1) to 2: every game of 0.1 was played under rules edition 1."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "scenario":
            out["edition"] = {"number": 1, "draft": None}
    out.setdefault("edition", {"number": 1, "draft": None})
    out["version"] = 2
    return out


MIGRATIONS: dict[int, Migration] = {1: _name_the_edition}
"""`MIGRATIONS[n]` upgrades the plain data of a version-n save to version n + 1 (and
sets `version`). Add one whenever FORMAT_VERSION goes up; the example saves in `saves/`
are the golden files that every version must still load and verify."""


def migrate(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Upgrade plain save data to the current format, one version at a time."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(path, "the format version must be a whole number", "version")
    if version > FORMAT_VERSION:
        raise SaveError(path, f"written by a newer version of the game (save format "
                        f"{version}; this game reads formats up to {FORMAT_VERSION}): "
                        "update the game to open it")
    if version < 1:
        raise SaveError(path, f"unknown save format version {version}", "version")
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SaveError(path, f"save format {version} can no longer be upgraded by "
                            "this version of the game")
        try:
            data = step(data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise SaveError(path, f"cannot upgrade from save format {version}: "
                            f"{type(exc).__name__}: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != version + 1:
            raise SaveError(path, f"the upgrade from save format {version} went wrong")
        version += 1
    return data


# -- reading ---------------------------------------------------------------------------


def limits() -> JsonLimits:
    """The bounds a save is read with (the module's values at the time of the call)."""
    return JsonLimits(max_bytes=MAX_FILE_BYTES, max_depth=MAX_DEPTH, max_values=MAX_NODES,
                      max_string=MAX_STRING, max_int_digits=MAX_INT_DIGITS, max_int=MAX_INT,
                      what="save")


def nesting_depth(text: str) -> int:
    """How deeply the JSON in `text` nests, found without parsing it."""
    return scan(text).depth


def parse(raw: bytes, path: str) -> Any:
    """Bytes to plain JSON data, with the bounds on size, nesting, numbers and text,
    checked before the document is built (see `wargame.untrusted`)."""
    try:
        return parse_json(raw, limits())
    except Untrusted as exc:
        raise SaveError(path, exc.problem, exc.where) from None


class _Reader:
    """Checks the shape of plain save data; the first problem raises a SaveError."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> NoReturn:
        raise SaveError(self.path, problem, where)

    def obj(self, value: Any, where: str, required: Iterable[str],
            optional: Iterable[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"must be an object, not {_kind(value)}")
        required = tuple(required)
        for key in required:
            if key not in value:
                self.fail(where, f"the field {key!r} is missing")
        allowed = {*required, *optional}
        for key in value:
            if key not in allowed:
                self.fail(where, f"unknown field {key[:40]!r}")
        return value

    def integer(self, value: Any, where: str, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"must be a whole number, not {_kind(value)}")
        if not lo <= value <= hi:
            self.fail(where, f"must be from {lo:,} to {hi:,}, not {value:,}")
        return value

    def text(self, value: Any, where: str, limit: int,
             pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        if not isinstance(value, str):
            self.fail(where, f"must be text, not {_kind(value)}")
        if len(value) > limit:
            self.fail(where, f"is longer than {limit:,} characters")
        if pattern is not None and not pattern.match(value):
            self.fail(where, f"is not {what or 'valid'}: {value[:40]!r}")
        bad = control_in(value)
        if bad:
            self.fail(where, f"holds {bad}: text in a save may hold no control character")
        return value

    def array(self, value: Any, where: str, limit: int) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"must be a list, not {_kind(value)}")
        if len(value) > limit:
            self.fail(where, f"has {len(value):,} entries (at most {limit:,})")
        return value

    def digest(self, value: Any, where: str) -> str:
        return self.text(value, where, 64, _DIGEST, "a SHA-256 digest (64 hex digits)")


def _kind(value: Any) -> str:
    """What a value is, in plain words (never a Python type's name)."""
    if value is None:
        return "null"
    for kind, words in ((bool, "true/false"), (int, "a number"), (float, "a decimal number"),
                        (str, "text"), (list, "a list"), (dict, "an object")):
        if isinstance(value, kind):
            return words
    return "something else"


HEADER = ("format", "version", "game_version", "game", "scenario", "edition", "seed", "turns",
          "players", "parent", "ruleset", "actions", "digests", "final", "notes",
          "sections")


def decode(raw: bytes, path: str | os.PathLike[str]) -> SaveData:
    """Bytes of a save file to checked SaveData (decks rebuilt, nothing replayed yet).
    Raises SaveError."""
    path = str(path)
    data = parse(raw, path)
    if not isinstance(data, dict):
        raise SaveError(path, f"not a save: the file holds {_kind(data)}, not an object")
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise SaveError(path, "not a wargame save" + (
            f" (its format is {found[:40]!r})" if isinstance(found, str) else
            " (it has no 'format': \"wargame-save\" field)"))
    written_in = data.get("version")
    data = migrate(data, path)
    return _read_document(data, path, version=written_in)


def _read_document(data: dict[str, Any], path: str, version: int) -> SaveData:
    r = _Reader(path)
    r.obj(data, "", HEADER)
    r.integer(data["version"], "version", FORMAT_VERSION, FORMAT_VERSION)
    game_version = r.text(data["game_version"], "game_version", 40, _VERSION,
                          "a version number")
    game_id = r.text(data["game"], "game", 64, _GAME_ID, "a game id")
    seed = r.integer(data["seed"], "seed", 0, 2**64 - 1)
    turns = r.integer(data["turns"], "turns", 1, 60)

    players = r.obj(data["players"], "players", ROLES)
    seats: dict[str, Seat] = {}
    for role in ROLES:
        where = f"players.{role}"
        entry = r.obj(players[role], where, ("kind",), ("level",))
        kind, level = entry["kind"], entry.get("level")
        if kind not in ("human", "bot"):
            r.fail(f"{where}.kind", f"must be 'human' or 'bot', not {str(kind)[:40]!r}")
        if kind == "bot" and level not in BOT_LEVELS:
            r.fail(f"{where}.level", f"a bot's level is one of {', '.join(BOT_LEVELS)}, "
                   f"not {str(level)[:40]!r}")
        if kind == "human" and level is not None:
            r.fail(f"{where}.level", "a human seat has no bot level")
        seats[role] = Seat(role, kind, level)

    rs = r.obj(data["ruleset"], "ruleset", ("digest", "data"))
    recorded_digest = r.digest(rs["digest"], "ruleset.digest")
    try:
        ruleset = ruleset_from_data(rs["data"], "ruleset.data")
    except DeckError as exc:
        first = exc.problems[0] if exc.problems else "invalid"
        more = len(exc.problems) - 1
        raise SaveError(path, f"the embedded decks are invalid: {first}"
                        + (f" (and {more} more problem{'s' if more > 1 else ''})"
                           if more > 0 else "")) from None
    if ruleset.digest != recorded_digest:
        r.fail("ruleset.digest", "does not match the embedded decks (they were edited)")
    ed = r.obj(data["edition"], "edition", ("number", "draft"))
    number = r.integer(ed["number"], "edition.number", 1, 999)
    if number not in EDITIONS:
        r.fail("edition.number", f"the game was played under rules edition {number}, which "
               f"this version of the game (wargame {__version__}) does not have: update "
               "the game to open it")
    draft = None if ed["draft"] is None else r.integer(ed["draft"], "edition.draft", 1, 9999)
    ruleset = evolve(ruleset, edition=number)
    if data["scenario"] != ruleset.scenario.id:
        r.fail("scenario", f"is {str(data['scenario'])[:40]!r} but the embedded scenario is "
               f"{ruleset.scenario.id!r}")

    raw_actions = r.array(data["actions"], "actions", MAX_ACTIONS)
    record: list[RecordedAction] = []
    for i, item in enumerate(raw_actions):
        where = f"actions[{i}]"
        entry = r.obj(item, where, ("action", "by"), ("reason",))
        try:
            action = action_from_data(entry["action"])
        except ValueError as exc:
            r.fail(f"{where}.action", str(exc))
        by = entry["by"]
        if by != action.actor and by != UMPIRE:
            r.fail(f"{where}.by", f"must be {action.actor!r} (or {UMPIRE!r}), not "
                   f"{str(by)[:40]!r}")
        reason = entry.get("reason")
        if reason is not None:
            r.text(reason, f"{where}.reason", MAX_REASON)
        record.append(RecordedAction(action, by, reason))

    raw_checkpoints = r.array(data["digests"], "digests", 61)
    checkpoints: list[Checkpoint] = []
    for i, item in enumerate(raw_checkpoints):
        where = f"digests[{i}]"
        entry = r.obj(item, where, ("turn", "after", "digest", "tracks"))
        turn = r.integer(entry["turn"], f"{where}.turn", 0, turns)
        after = r.integer(entry["after"], f"{where}.after", 0, len(record))
        if turn != i:
            r.fail(f"{where}.turn", f"the digests must follow the turns in order ({i} here, "
                   f"not {turn})")
        if checkpoints and after <= checkpoints[-1].after:
            r.fail(f"{where}.after", "the digests must follow the actions in order")
        checkpoints.append(Checkpoint(turn, after, r.digest(entry["digest"],
                                      f"{where}.digest"),
                                      _tracks(r, entry["tracks"], f"{where}.tracks")))
    if not checkpoints or checkpoints[0].after != 0:
        r.fail("digests", "the first digest must be of the setup (turn 0, after 0 actions)")

    fin = r.obj(data["final"], "final", ("turn", "phase", "after", "digest", "winners", "end"),
                ("grades",))
    winners = r.array(fin["winners"], "final.winners", len(ROLES))
    for i, role in enumerate(winners):
        if role not in ROLES:
            r.fail(f"final.winners[{i}]", f"unknown role {str(role)[:40]!r}")
    phase = r.text(fin["phase"], "final.phase", 20)
    levels: dict[str, str] = {}
    if "grades" in fin:  # optional: saves written before result levels have none
        if phase != OVER:
            r.fail("final.grades", "a game in progress has no result levels yet")
        given = r.obj(fin["grades"], "final.grades", ROLES)
        for role in ROLES:
            level = given[role]
            if level not in GRADES:
                r.fail(f"final.grades.{role}", f"must be one of {', '.join(GRADES)}, not "
                       f"{str(level)[:40]!r}")
            levels[role] = level
    final = Final(r.integer(fin["turn"], "final.turn", 1, turns), phase,
                  r.integer(fin["after"], "final.after", len(record), len(record)),
                  r.digest(fin["digest"], "final.digest"), tuple(winners),
                  r.text(fin["end"], "final.end", 40), levels)

    notes: list[Note] = []
    for i, item in enumerate(r.array(data["notes"], "notes", MAX_NOTES)):
        where = f"notes[{i}]"
        entry = r.obj(item, where, ("turn", "action", "text"))
        notes.append(Note(r.integer(entry["turn"], f"{where}.turn", 1, turns),
                          r.integer(entry["action"], f"{where}.action", 0, len(record)),
                          r.text(entry["text"], f"{where}.text", MAX_NOTE)))

    parent = None
    if data["parent"] is not None:
        p = r.obj(data["parent"], "parent", ("file", "game", "turn", "after", "digest"))
        parent = Parent(r.text(p["file"], "parent.file", 255),
                        r.text(p["game"], "parent.game", 64, _GAME_ID, "a game id"),
                        r.integer(p["turn"], "parent.turn", 1, turns),
                        r.integer(p["after"], "parent.after", 0, len(record)),
                        r.digest(p["digest"], "parent.digest"))
        if parent.file and not _FILE_NAME.match(parent.file):
            r.fail("parent.file", "must be a file name")
        start = checkpoints[parent.turn - 1] if parent.turn <= len(checkpoints) else None
        if start is None or (start.after, start.digest) != (parent.after, parent.digest):
            r.fail("parent", f"the branch point (the start of turn {parent.turn}) does not "
                   "match this game's own history")

    sections = data["sections"]
    if not isinstance(sections, dict):
        r.fail("sections", f"must be an object, not {_kind(sections)}")
    if len(sections) > MAX_SECTIONS:
        r.fail("sections", f"has {len(sections)} sections (at most {MAX_SECTIONS})")
    for name in sections:
        if not _NAME.match(name):
            r.fail("sections", f"{name[:40]!r} is not a section name")
        _no_control(r, sections[name], f"sections.{name}")
        try:
            check_section_data(name, sections[name])
        except SectionError as exc:
            r.fail(f"sections.{name}{exc.where}", exc.problem)

    return SaveData(path, version, game_version, game_id, seed, turns, seats, ruleset,
                    tuple(record), tuple(checkpoints), final, tuple(notes), parent,
                    dict(sections), draft)


def check_section(name: str, value: Any) -> None:
    """Check a section before it goes into a save: a section name, plain JSON data
    (whole numbers, text, true/false, null, lists, objects; no decimals, which a save may
    not hold), and the fields of the sections the game knows (the classroom's). Raises
    SectionError (a ValueError) naming the place."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise SectionError("", f"{str(name)[:40]!r} is not a section name")
    stack: list[tuple[Any, str]] = [(value, "")]
    nodes = 0
    while stack:
        item, where = stack.pop()
        nodes += 1
        if nodes > MAX_NODES // 10:
            raise SectionError(where, "too large for a save")
        if isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise SectionError(where, f"the key {key!r} is not text")
                stack.append((inner, f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((inner, f"{where}[{i}]") for i, inner in enumerate(item))
        elif isinstance(item, str):
            if len(item) > MAX_STRING:
                raise SectionError(where, f"a text of {len(item):,} characters")
        elif isinstance(item, int) and not isinstance(item, bool):
            if not -MAX_INT <= item <= MAX_INT:
                raise SectionError(where, "a number too large for a save")
        elif item is not None and not isinstance(item, bool):
            raise SectionError(where, f"{_kind(item)} cannot go into a save")
    check_section_data(name, value)


def sections_before(sections: Mapping[str, Any], turn: int) -> dict[str, Any]:
    """The sections a branch from the start of `turn` keeps: the classroom's forecasts
    and votes of the earlier turns only; any other section as it is."""
    from .classroom import SECTION, section_before

    out = dict(sections)
    if isinstance(out.get(SECTION), dict):
        out[SECTION] = section_before(out[SECTION], turn)
    return out


def _no_control(r: _Reader, value: Any, where: str) -> None:
    """Every text inside `value` (already bounded in size) free of control characters."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, dict):
            stack.extend((v, f"{at}.{k}") for k, v in item.items())
            stack.extend((k, at) for k in item)
        elif isinstance(item, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(item))
        elif isinstance(item, str) and control_in(item):
            r.fail(at, f"holds {control_in(item)}: text in a save may hold no control "
                   "character")


def _tracks(r: _Reader, value: Any, where: str) -> dict[str, int]:
    if not isinstance(value, dict):
        r.fail(where, f"must be an object, not {_kind(value)}")
    if len(value) > MAX_TRACKS:
        r.fail(where, f"has more than {MAX_TRACKS} tracks")
    out = {}
    for name, number in value.items():
        if not _NAME.match(name):
            r.fail(where, f"{name[:40]!r} is not a track name")
        out[name] = r.integer(number, f"{where}.{name}", -MAX_INT, MAX_INT)
    return out


def read(path: str | os.PathLike[str]) -> SaveData:
    """Read and check a save file without replaying it. Never writes to the file."""
    name = str(path)
    try:
        raw = read_file(path, MAX_FILE_BYTES, "save")
    except FileNotFoundError:
        raise SaveError(name, "no such file") from None
    except Untrusted as exc:
        raise SaveError(name, exc.problem) from None
    return decode(raw, name)


# -- replaying -----------------------------------------------------------------------


def _describe_action(ruleset: Ruleset, action: Action) -> str:
    if isinstance(action, Order):
        card = ruleset.cards.get(action.card)
        what = card.title if card else action.card
        if action.option:
            what += f" ({action.option})"
        return f"{ROLE_NAMES[action.role]} orders {what!r}"
    return "the system moves the game on"


def _difference(ruleset: Ruleset, recorded: Checkpoint, replayed: Checkpoint) -> str:
    labels = {t.name: t for t in TRACKS}
    diffs = []
    for name, value in recorded.tracks.items():
        now = replayed.tracks.get(name)
        if now is not None and now != value:
            label = labels[name].label.lower() if name in labels else name
            diffs.append(f"{label} {value:,} in the save, {now:,} on replay")
    if recorded.after != replayed.after:
        diffs.insert(0, f"the save ends it after action {recorded.after}, the replay after "
                     f"action {replayed.after}")
    if not diffs:
        diffs.append(f"digest {recorded.digest[:12]}… in the save, {replayed.digest[:12]}… "
                     "on replay")
    shown = "; ".join(diffs[:3])
    if len(diffs) > 3:
        shown += f" (and {len(diffs) - 3} more)"
    return shown


def replay(save: SaveData) -> tuple[GameState, list[Checkpoint]]:
    """Play the save's actions from a new game, checking every turn's digest as it is
    reached. Returns the final state and the checkpoints the replay produced. Raises
    Divergence at the first turn that differs or the first action that is no longer
    legal (saying so when another version of the game wrote the save)."""
    try:
        return _replay(save)
    except Divergence as exc:
        if save.stale_draft:
            raise Divergence(exc.path, f"does not replay: {save.stale_draft} (first "
                             f"difference: {exc.problem})", exc.turn,
                             exc.action_index) from None
        if save.game_version == __version__:
            raise
        hint = (f" (the save was written by wargame {save.game_version}, this is "
                f"{__version__}: the rules may have changed since)")
        raise Divergence(exc.path, exc.problem + hint, exc.turn,
                         exc.action_index) from None


def _replay(save: SaveData) -> tuple[GameState, list[Checkpoint]]:
    ruleset, path, expected = save.ruleset, save.path, save.checkpoints

    def diverge(turn: int, index: int, detail: str) -> NoReturn:
        raise Divergence(path, f"{turn_label(ruleset, turn)} diverges: {detail}", turn,
                         index)

    try:
        state = new_game(ruleset, save.seed, save.turns)
    except ValueError as exc:
        raise SaveError(path, str(exc)) from None
    except (ArithmeticError, LookupError, TypeError, RecursionError) as exc:
        raise SaveError(path, f"the game cannot be set up from this save's data "
                        f"({type(exc).__name__})") from None
    produced = [checkpoint(state, 0, 0)]
    if produced[0].digest != expected[0].digest:
        diverge(0, 0, "the decks or the shuffle differ (" +
                _difference(ruleset, expected[0], produced[0]) + ")")
    for index, recorded in enumerate(save.record, start=1):
        before = state
        try:
            state = apply(state, recorded.action)
        except IllegalAction as exc:
            raise Divergence(path, f"action {index} of {len(save.record)} ("
                             f"{turn_label(ruleset, before.turn)}: "
                             f"{_describe_action(ruleset, recorded.action)}) cannot be "
                             f"replayed: {exc}", before.turn, index) from None
        except (ArithmeticError, ValueError, LookupError, TypeError,
                RecursionError) as exc:
            # The checks let through something the rules cannot work with: the file is
            # not to be trusted (exit 2), which is not the same as a game that diverges.
            raise SaveError(path, f"action {index} of {len(save.record)} ("
                            f"{turn_label(ruleset, before.turn)}) cannot be replayed: the "
                            f"rules stop on this save's data ({type(exc).__name__})") \
                from None
        theirs = expected[len(produced)] if len(produced) < len(expected) else None
        if turn_ended(before, state):
            # Turns end in order (0 is the setup), so this is turn len(produced).
            mine = checkpoint(state, before.turn, index)
            if theirs is None:
                diverge(mine.turn, index, f"the replay ends it after action {index}, the "
                        "save does not")
            if theirs.after != index or theirs.digest != mine.digest:
                diverge(mine.turn, index, _difference(ruleset, theirs, mine))
            produced.append(mine)
        elif theirs is not None and theirs.after == index:
            diverge(theirs.turn, index, f"the save ends it after action {index}, the "
                    f"replay does not (it is in the {state.phase} phase of turn "
                    f"{state.turn})")
    if len(produced) < len(expected):
        missing = expected[len(produced)]
        diverge(missing.turn, len(save.record), "the save ends it, the replay never does")
    mine_final = final_of(state, len(save.record))
    if mine_final.digest != save.final.digest:
        raise Divergence(path, f"the final state ({turn_label(ruleset, state.turn)}, "
                         f"{state.phase} phase) diverges: digest "
                         f"{save.final.digest[:12]}… in the save, "
                         f"{mine_final.digest[:12]}… on replay", state.turn,
                         len(save.record))
    return state, produced


def load(path: str | os.PathLike[str]) -> tuple[SaveData, GameState]:
    """Read, check and replay a save. Raises SaveError (Divergence when it does not
    replay). Never writes to the file."""
    save = read(path)
    state, _ = replay(save)
    return save, state


@frozen
class Verified:
    """A save that replayed with every digest matching."""

    save: SaveData
    state: GameState
    digests: int

    def summary(self) -> str:
        s, save = self.state, self.save
        turns = s.turn if s.phase == OVER else s.turn - 1
        if s.phase == OVER:
            won = " and ".join(ROLE_NAMES[r] for r in s.winners) or "nobody"
            end = ("the regime fell" if s.end == "fallen" else "the game ran its course")
            where = f"game over, {end}: {won} {'win' if len(s.winners) > 1 else 'wins'}"
        else:
            where = f"in progress: turn {s.turn} ({s.month}), {s.phase} phase"
        return (f"{save.path}: OK, {len(save.record)} actions replayed over {turns} "
                f"turn{'s' if turns != 1 else ''}, all {self.digests} digests match "
                f"({where}; {save.edition_name})")


def verify(path: str | os.PathLike[str]) -> Verified:
    """Replay a save headless and compare every turn's digest. Raises Divergence at the
    first turn that differs, SaveError when the file cannot be read at all."""
    save, state = load(path)
    return Verified(save, state, len(save.checkpoints) + 1)


# -- where saves live ------------------------------------------------------------------


def default_save_dir() -> Path:
    """`$WARGAME_SAVE_DIR` when set, else the user's data folder (platformdirs)."""
    override = os.environ.get("WARGAME_SAVE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("wargame")) / "saves"


def save_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The save files in `folder`, newest first. Temporary files are skipped (and those
    a killed process left behind are removed), and so are empty files: a save being
    created, or one whose creation failed, never hides the saves before it."""
    base = Path(folder)
    if not base.is_dir():
        return []
    clean_stale(base)
    found = []
    for path in base.glob(f"*{SUFFIX}"):
        if path.name.startswith("."):
            continue
        try:
            info = path.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                found.append((info.st_mtime_ns, path.name, path))
        except OSError:
            continue
    found.sort(reverse=True)
    return [path for _, _, path in found]


def reserve_path(folder: str | os.PathLike[str], stem: str) -> Path:
    """A new file name `stem.json` (or `stem-2.json`...) in `folder`, created empty so
    that two games started at once never share it."""
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    for n in itertools.count(1):
        path = base / (f"{stem}{SUFFIX}" if n == 1 else f"{stem}-{n}{SUFFIX}")
        try:
            with open(path, "x"):
                return path
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


__all__ = [
    "BOT_LEVELS",
    "FORMAT",
    "FORMAT_VERSION",
    "MIGRATIONS",
    "UMPIRE",
    "AutosaveError",
    "Checkpoint",
    "Divergence",
    "Final",
    "Note",
    "Parent",
    "RecordedAction",
    "SaveData",
    "SaveError",
    "Seat",
    "SectionError",
    "Verified",
    "check_section",
    "checkpoint",
    "decode",
    "default_save_dir",
    "encode",
    "final_of",
    "load",
    "migrate",
    "parse",
    "read",
    "replay",
    "reserve_path",
    "save_document",
    "save_files",
    "sections_before",
    "turn_ended",
    "turn_label",
    "verify",
    "write_atomic",
]
