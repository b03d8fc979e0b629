"""A hosted game's file: one SQLite database (its schema, its meta rows, how it is
created, found, opened and named in errors), and whether the process holding a seat
still runs."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
from collections.abc import Mapping
from pathlib import Path

from .. import __version__, locations, saves
from ..engine import Ruleset
from ..files import write_atomic
from ..saves import SaveError, Seat
from ..session import Session
from ..untrusted import JsonLimits

FORMAT = "wargame-hosted"
SCHEMA_VERSION = 2
"""1: wargame 0.1; 2: each action names the process that wrote it and chains the one
before it (a changed or injected row is found), and the processes keep the seats they
took."""
SUFFIX = ".sqlite"
LEASE_SECONDS = 15.0
"""A seat or the bots' lease lapses this long after its holder's last heartbeat."""
HEARTBEAT_SECONDS = 3.0
"""How often a process renews its leases (while it refreshes)."""
BUSY_SECONDS = 10.0
"""How long a process waits for another's transaction before giving up."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
MAX_DATABASE_BYTES = 256 * 2**20
"""A hosted game's database (a 60-turn game with every note takes a few MB)."""
MAX_ACTION_TEXT = 4_096
MAX_SECTIONS_TEXT = 4 * 2**20
MAX_PAUSE_TEXT = 1_024
UMPIRE_LEASE = "umpire"
"""The lease of a class's facilitator (`wargame class run`): only its holder may record
an umpire's action or pause a facilitated game."""
ACTION_LIMITS = JsonLimits(max_bytes=MAX_ACTION_TEXT, max_depth=4, max_values=64,
                           max_string=200, what="recorded action")
PAUSE_LIMITS = JsonLimits(max_bytes=MAX_PAUSE_TEXT, max_depth=2, max_values=8,
                         max_string=saves.MAX_REASON, what="pause")
SECTIONS_LIMITS = JsonLimits(max_bytes=MAX_SECTIONS_TEXT, max_depth=saves.MAX_DEPTH,
                             max_values=saves.MAX_NODES, max_string=saves.MAX_STRING,
                             what="game")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE actions (
    idx INTEGER PRIMARY KEY,          -- 0, 1, 2... the order in which they were applied
    action TEXT NOT NULL,             -- Action.to_data() as JSON
    by TEXT NOT NULL,                 -- a role, "system" or "umpire"
    reason TEXT,                      -- a bot's one-line reason
    digest TEXT,                      -- the state's digest when this action ended a turn
    writer TEXT,                      -- the holder (process) that recorded it
    chain TEXT                        -- sha256 of the chain before it and this row
);
CREATE TABLE takers (                 -- every lease a process has ever taken
    holder TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (holder, name)
);
CREATE TABLE notes (idx INTEGER PRIMARY KEY, turn INTEGER NOT NULL,
                    action INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE leases (
    name TEXT PRIMARY KEY,            -- "seat:<role>", "bots" or "watch:<holder>"
    holder TEXT NOT NULL,             -- host:pid:random of the process holding it
    host TEXT NOT NULL, pid INTEGER NOT NULL,
    expires REAL NOT NULL,            -- time.time() after which another may take it
    joins INTEGER NOT NULL DEFAULT 1  -- how many times a process has taken this seat
);
"""


class HostedError(Exception):
    """A hosted game that cannot be created, joined or played on: the message names the
    file and what is wrong."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class SeatTaken(HostedError):
    """Another live process plays this role now."""


# -- where hosted games live ------------------------------------------------------------


def autosave_of(path: Path) -> Path:
    """The save beside a hosted game's database, kept up to date at every action."""
    return path.with_suffix(saves.SUFFIX)


def default_games_dir() -> Path:
    """`$WARGAME_GAMES_DIR` when set, else `games/` in the user's data folder."""
    return locations.games_dir()


def game_names(games_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """The hosted games in a folder, by name."""
    folder = Path(games_dir) if games_dir is not None else default_games_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))


def find_game(game: str, games_dir: str | os.PathLike[str] | None = None) -> Path:
    """The database of `game`: a path to it, or a name in `games_dir` (default:
    `default_games_dir()`). Raises HostedError naming what there is instead."""
    candidate = Path(game).expanduser()
    if candidate.suffix == SUFFIX or os.sep in game or candidate.is_file():
        if not candidate.is_file():
            raise HostedError(candidate, "is not a regular file: not a hosted game"
                              if candidate.exists() else "no such hosted game")
        return candidate
    folder = Path(games_dir) if games_dir is not None else default_games_dir()
    path = folder / f"{game}{SUFFIX}"
    if not path.is_file():
        names = game_names(folder)
        there = (f"the games there: {', '.join(names)}" if names else
                 "there is none: start one with `wargame host`")
        raise HostedError(folder, f"no hosted game named {game!r} ({there})")
    return path


# -- creating a game -----------------------------------------------------------------------


def create(ruleset: Ruleset, seed: int, seats: Mapping[str, Seat], *, turns: int | None = None,
           name: str | None = None, games_dir: str | os.PathLike[str] | None = None,
           facilitated: bool = False) -> Path:
    """A new hosted game in `games_dir`, named `name` (default: game1, game2... the first
    free one). Returns the database's path; the autosave file is next to it, under the
    same name with `.json`. Never replaces an existing game. A `facilitated` game (a
    table of a class, `wargame.klass`) has an umpire: the process holding its "umpire"
    lease may record umpire's actions and pause it."""
    folder = Path(games_dir) if games_dir is not None else default_games_dir()
    if name is not None and not _NAME.match(name):
        raise HostedError(folder, f"{name[:40]!r} is not a game name: use letters, digits, "
                          "'-' and '_' (at most 40, starting with a letter or digit)")
    session = Session(ruleset=ruleset, seed=seed, seats=seats, turns=turns)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HostedError(folder, f"cannot create a game here ({exc.strerror or exc})") from None
    path = _claim(folder, name, _new_database(session.game_id, session.document(),
                                              facilitated))
    session.path = autosave_of(path)
    session.file_mode = 0o600  # as private as the database: it holds every hand
    try:
        session.save()
    except SaveError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise HostedError(path, f"its autosave cannot be written: {exc}") from None
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
    finally:
        db.close()
    return path


def _new_database(game_id: str, document: Mapping[str, object],
                  facilitated: bool = False) -> bytes:
    """The bytes of a new game's database, built in memory (written by `_claim`)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format", FORMAT), ("schema", str(SCHEMA_VERSION)),
            ("game_version", __version__), ("game", game_id),
            ("document", json.dumps(document, ensure_ascii=False)), ("sections", "{}"),
            *([("facilitated", "1")] if facilitated else [])])
        return db.serialize()
    finally:
        db.close()


def _claim(folder: Path, name: str | None, data: bytes) -> Path:
    """Write the new database under its name: `write_atomic` never replaces an existing
    file here, so two hosts choosing the same name at once get one game each or an
    error."""
    numbered = name is None
    n = 1
    while True:
        stem = f"game{n}" if numbered else name
        path = folder / f"{stem}{SUFFIX}"
        if not autosave_of(path).exists():
            try:
                return write_atomic(path, data, 0o600, replace=False)
            except FileExistsError:
                pass
            except OSError as exc:
                raise HostedError(path, f"cannot be created ({exc.strerror or exc})") from None
        if not numbered:
            raise HostedError(path, "a game of that name exists already: choose another "
                              "name, or join it with `wargame join`")
        n += 1


# -- leases -------------------------------------------------------------------------------


def alive(pid: int) -> bool:
    """Whether process `pid` of this machine is still running (a zombie is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


# -- opening the database -------------------------------------------------------------


def database_error(path: Path, exc: sqlite3.Error) -> HostedError:
    """A database error in words: busy (try again), damaged, or unreadable."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return HostedError(path, f"the game stayed busy for {BUSY_SECONDS:.0f} seconds "
                           "(another screen is writing); try again")
    damaged = not isinstance(exc, sqlite3.OperationalError) and isinstance(
        exc, sqlite3.DatabaseError)
    if damaged or "malformed" in text or "not a database" in text:
        return HostedError(path, f"the game's file is damaged ({text}) and cannot be played "
                           f"on; its save, {autosave_of(path).name} next to it, "
                           "holds the game up to its last autosave")
    return HostedError(path, f"cannot be read ({text})")


def connect(path: Path) -> sqlite3.Connection:
    try:
        info = path.stat()
    except OSError:
        raise HostedError(path, "no such hosted game") from None
    if not stat.S_ISREG(info.st_mode):
        raise HostedError(path, "is not a regular file: not a hosted game")
    if info.st_size > MAX_DATABASE_BYTES:
        raise HostedError(path, f"larger than {MAX_DATABASE_BYTES // 2**20} MB: not a "
                          "hosted game")
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS,
                             check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    except sqlite3.Error as exc:
        raise HostedError(path, f"cannot be opened ({exc})") from None
    return db


def read_meta(path: Path, meta: Mapping[str, str]) -> saves.SaveData:
    if meta.get("format") != FORMAT:
        raise HostedError(path, "not a hosted wargame game")
    if meta.get("schema") != str(SCHEMA_VERSION):
        raise HostedError(path, f"written by another version of the game (schema "
                          f"{str(meta.get('schema'))[:20]!r}, this one reads "
                          f"{SCHEMA_VERSION})")
    if meta.get("game_version") != __version__:
        kept = autosave_of(path)
        rescue = (f"; the game so far is saved beside it: `wargame resume {kept}` goes on "
                  "with it on this screen") if kept.is_file() else ""
        raise HostedError(path, f"hosted with wargame {str(meta.get('game_version'))[:20]}, "
                          f"this is {__version__}: every screen must run the same version"
                          + rescue)
    document = meta.get("document", "")
    try:
        if not isinstance(document, str):
            raise SaveError(path, "the game is not text")
        return saves.decode(document.encode("utf-8", "replace"), path)
    except SaveError as exc:
        raise HostedError(path, f"its game is unreadable: {exc.problem}") from None
