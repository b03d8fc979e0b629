"""Creating a class: its tables (hosted games with an umpire) and its manifest."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from ..classroom import SECTION, Classroom, Settings
from ..engine import ROLES, Ruleset
from ..hosting import HostedError, HostedSession, create, default_games_dir
from ..saves import Seat
from .manifest import (
    MAX_TABLES,
    ClassError,
    Klass,
    Table,
    check_name,
    class_dir,
    new_token,
    seat_names,
    table_seeds,
    write_manifest,
)


def create_class(name: str, tables: int, ruleset: Ruleset, seed: int, *,
                 bots: Mapping[str, str] | None = None, turns: int | None = None,
                 timer: int = 0, games_dir: str | os.PathLike[str] | None = None) -> Klass:
    """A new class of `tables` hosted games of `ruleset`'s scenario, each with its own
    seed derived from `seed` (`table_seed`), bots at the seats of `bots`, and the
    facilitator's settings (its controls, the orders timer) in each table's save. The
    manifest is claimed first, so that two teachers choosing one name never share
    tables; a table name already taken stops it before any game is made."""
    check_name(name)
    if not 1 <= tables <= MAX_TABLES:
        raise ClassError(f"a class has 1 to {MAX_TABLES} tables, not {tables}")
    bots = dict(bots or {})
    folder = Path(games_dir) if games_dir is not None else default_games_dir()
    taken = [f"{name}-{n}" for n in range(1, tables + 1)
             if (folder / f"{name}-{n}.sqlite").exists() or (folder / f"{name}-{n}.json").exists()]
    if taken:
        raise ClassError(f"{folder}: the hosted game {taken[0]} exists already: choose "
                         "another name for the class")
    humans = tuple(r for r in ROLES if r not in bots)
    seeds = table_seeds(seed, tables)
    klass = Klass(name, ruleset.scenario.id, ruleset.edition, seed,
                  turns or ruleset.scenario.turns, timer, bots, new_token(),
                  tuple(Table(n, f"{name}-{n}", s, {seat: new_token()
                                                    for seat in seat_names(humans)})
                        for n, s in enumerate(seeds, 1)), games=folder)
    write_manifest(klass, folder)
    seats = {r: Seat(r, "bot", bots[r]) if r in bots else Seat(r) for r in ROLES}
    settings = Classroom(Settings(facilitator=True, timer=timer)).to_data()
    made: list[Path] = []
    try:
        for table in klass.tables:
            path = create(ruleset, table.seed, seats, turns=klass.turns, name=table.game,
                          games_dir=folder, facilitated=True)
            made.append(path)
            with HostedSession.join(path, None, watch=False) as session:
                session.set_section(SECTION, settings)
    except (HostedError, ValueError) as exc:
        for path in made:  # no half class: its games go with it
            for leftover in (path, path.with_suffix(".json"), Path(f"{path}-wal"),
                             Path(f"{path}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        with contextlib.suppress(OSError):
            (class_dir(name, folder) / "class.json").unlink()
            class_dir(name, folder).rmdir()
        raise ClassError(str(exc)) from None
    return klass
