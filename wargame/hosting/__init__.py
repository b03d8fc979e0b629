"""Hosted games: one game, several screens.

`wargame host` creates a game whose authoritative record is one SQLite file (WAL mode);
`wargame join GAME --role ROLE` plays one role of it from another terminal or browser
tab of the same machine, `--observer` watches the public board. Each process rebuilds
the game by replaying the recorded actions through the engine, and adds its own inside a
`BEGIN IMMEDIATE` transaction that first reads what the others added, so two processes
can never both record conflicting actions::

    path = create(ruleset, seed, seats, name="class1")     # the host
    s = HostedSession.join(path, "putin")                   # each player, any process
    s.refresh()                 # read what the others did (cheap: call it often)
    s.apply(order)              # checked against the latest state, then recorded
    s.close()                   # leave (the game is kept; join again at any time)

A class's table (`create(..., facilitated=True)`, see `wargame.klass`) also has an
umpire: the process that took its lease (`take_umpire`) records umpire's actions
(`umpire`) and pauses the game before each month's world event (`set_pause`), which
every screen honours (`held`); `update_section` changes one section of the save in one
transaction, so two screens never lose each other's change.

A `HostedSession` is a `Session` (the TUI drives it the same way): it also writes the
usual autosave file next to the database after every action, so a hosted game can be
resumed, replayed and debriefed like any other. See "Hosted games and the browser" in
docs/design.md.

One module a job: `database` (the file: its schema, creating, finding and opening a
game), `rows` (checking what other processes wrote), `session` (`HostedSession`).
"""

from __future__ import annotations

from .database import (
    ACTION_LIMITS,
    BUSY_SECONDS,
    FORMAT,
    HEARTBEAT_SECONDS,
    LEASE_SECONDS,
    MAX_ACTION_TEXT,
    MAX_DATABASE_BYTES,
    MAX_SECTIONS_TEXT,
    SCHEMA,
    SCHEMA_VERSION,
    SECTIONS_LIMITS,
    SUFFIX,
    UMPIRE_LEASE,
    HostedError,
    SeatTaken,
    create,
    default_games_dir,
    find_game,
    game_names,
)
from .session import HostedSession, Stale

__all__ = [
    "ACTION_LIMITS",
    "BUSY_SECONDS",
    "FORMAT",
    "HEARTBEAT_SECONDS",
    "LEASE_SECONDS",
    "MAX_ACTION_TEXT",
    "MAX_DATABASE_BYTES",
    "MAX_SECTIONS_TEXT",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SECTIONS_LIMITS",
    "SUFFIX",
    "UMPIRE_LEASE",
    "HostedError",
    "HostedSession",
    "SeatTaken",
    "Stale",
    "create",
    "default_games_dir",
    "find_game",
    "game_names",
]
