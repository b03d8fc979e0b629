"""A class's folder and its manifest, `class.json`: which hosted games are its tables,
how each table's seed derives from the class's seed, and the secret of each browser
link (a seat, a projector, the dashboard).

    <games>/classes/<name>/class.json     the manifest (0600: it holds the links' secrets)
    <games>/<name>-1.sqlite, <name>-1.json     table 1: a hosted game and its save

The tables are ordinary hosted games in the hosted games' folder, so that `wargame join
demo-1 --role putin` finds them by name. The manifest is written once, when the class is
created (never replaced: two teachers choosing the same name get one class each or an
error), and read as a file from elsewhere: every field is checked (`wargame.checking`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from .. import locations
from ..checking import Strict
from ..engine import ROLES
from ..files import write_atomic
from ..untrusted import JsonLimits, Untrusted, parse_json, read_file

FORMAT = "wargame-class"
VERSION = 1
MANIFEST = "class.json"
MAX_TABLES = 12
"""A class of twelve groups of three teams: 36 screens and a dashboard."""
LEVELS = ("easy", "normal", "hard")
OBSERVER = "observer"
"""A table's projector link: the public board, no hand."""
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$")
"""A class's name: its tables are NAME-1, NAME-2... (a hosted game's name is at most 40)."""
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_SCENARIO = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
LIMITS = JsonLimits(max_bytes=256 * 1024, max_depth=6, max_values=2_000, max_string=300,
                    what="class")


class ClassError(Exception):
    """A class that cannot be created, found or read: the message names the file or the
    class and what is wrong."""


@frozen
class Table:
    """One table of a class: a hosted game, its seed and the secrets of its links."""

    number: int
    game: str
    """The hosted game's name (`wargame join GAME`)."""
    seed: int
    tokens: Mapping[str, str]
    """role (or 'observer') -> the secret of that seat's browser link."""

    def to_data(self) -> dict[str, Any]:
        return {"number": self.number, "game": self.game, "seed": self.seed,
                "tokens": dict(self.tokens)}


@frozen
class Klass:
    """A class: several hosted games (tables) of one scenario, run from one dashboard.
    (`class` is Python's word: the game's is `Klass`.)"""

    name: str
    scenario: str
    edition: int
    seed: int
    turns: int
    timer: int
    """Seconds for each month's orders (0: no timer)."""
    bots: Mapping[str, str]
    """role -> level, for the seats bots play at every table."""
    dashboard: str
    """The secret of the dashboard's browser link (`wargame serve --class`)."""
    tables: tuple[Table, ...]
    games: Path | None = field(default=None, eq=False, repr=False)
    """The hosted games' folder its tables are in (where it was read from; None: the
    default folder). Not part of the manifest."""

    @property
    def humans(self) -> tuple[str, ...]:
        return tuple(r for r in ROLES if r not in self.bots)

    def table(self, number: int) -> Table:
        for table in self.tables:
            if table.number == number:
                return table
        raise ClassError(f"class {self.name!r} has no table {number} (its tables: 1 to "
                         f"{len(self.tables)})")

    def to_data(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "name": self.name,
                "scenario": self.scenario, "edition": self.edition, "seed": self.seed,
                "turns": self.turns, "timer": self.timer,
                "bots": {r: self.bots[r] for r in ROLES if r in self.bots},
                "dashboard": self.dashboard, "tables": [t.to_data() for t in self.tables]}


def table_seed(seed: int, number: int) -> int:
    """The seed of table `number` of a class of seed `seed`: SHA-256 of both, taken
    below a million (as `wargame host` chooses seeds: short enough to read out), so that
    the tables play different games that any machine derives alike (never `hash()`,
    never the clock)."""
    digest = hashlib.sha256(f"springboard-class:{seed}:{number}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 1_000_000


def table_seeds(seed: int, count: int) -> list[int]:
    """The seeds of a class's `count` tables, all different."""
    seeds: list[int] = []
    n = 1
    while len(seeds) < count:
        candidate = table_seed(seed, n)
        if candidate not in seeds:
            seeds.append(candidate)
        n += 1
    return seeds


def new_token() -> str:
    return secrets.token_urlsafe(16)


def seat_names(humans: tuple[str, ...]) -> tuple[str, ...]:
    """The links a table has: one per people's role, and the projector's."""
    return (*humans, OBSERVER)


# -- where classes live --------------------------------------------------------------


def class_dir(name: str, games_dir: str | os.PathLike[str] | None = None) -> Path:
    games = Path(games_dir) if games_dir is not None else locations.games_dir()
    return locations.classes_dir(games) / name


def class_names(games_dir: str | os.PathLike[str] | None = None) -> list[str]:
    games = Path(games_dir) if games_dir is not None else locations.games_dir()
    folder = locations.classes_dir(games)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / MANIFEST).is_file())


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise ClassError(f"{name[:40]!r} is not a class name: use letters, digits, '-' and "
                         "'_' (at most 30, starting with a letter or digit)")
    return name


def write_manifest(klass: Klass, games_dir: str | os.PathLike[str] | None = None) -> Path:
    """Write a new class's manifest; never replaces one (ClassError: the name is taken)."""
    folder = class_dir(klass.name, games_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(klass.to_data(), indent=2, ensure_ascii=False) + "\n"
        return write_atomic(folder / MANIFEST, text.encode("utf-8"), 0o600, replace=False)
    except FileExistsError:
        raise ClassError(f"a class named {klass.name!r} exists already ({folder}): choose "
                         "another name, or run it with `wargame class run "
                         f"{klass.name}`") from None
    except OSError as exc:
        raise ClassError(f"{folder}: the class cannot be created here "
                         f"({exc.strerror or exc})") from None


def load(name: str, games_dir: str | os.PathLike[str] | None = None) -> Klass:
    """The class `name` (or the class whose manifest or folder is at that path). Raises
    ClassError naming the classes there are instead, or what is wrong with the file."""
    given = Path(name).expanduser()
    if given.name == MANIFEST or os.sep in name:
        path = given if given.name == MANIFEST else given / MANIFEST
    else:
        path = class_dir(check_name(name), games_dir) / MANIFEST
        if not path.is_file():
            names = class_names(games_dir)
            there = (f"the classes there: {', '.join(names)}" if names else
                     "there is none: create one with `wargame class create`")
            raise ClassError(f"no class named {name!r} ({there})")
    try:
        data = parse_json(read_file(path, LIMITS.max_bytes, "class"), LIMITS)
    except FileNotFoundError:
        raise ClassError(f"{path}: no such class") from None
    except Untrusted as exc:
        raise ClassError(f"{path}: {exc}") from None
    return evolve(from_data(data, path), games=path.parent.parent.parent)


def from_data(data: Any, path: Path | str = "class.json") -> Klass:
    """A manifest's data, checked field by field. Raises ClassError."""
    c = Strict(lambda where, problem: ClassError(f"{path}: {where or 'the class'} "
                                                 f"{problem}"),
               "text in a class may hold no control character")
    c.obj(data, "", ("format", "version", "name", "scenario", "edition", "seed", "turns",
                     "timer", "bots", "dashboard", "tables"))
    if data["format"] != FORMAT:
        c.fail("", "is not a wargame class")
    c.integer(data["version"], "version", VERSION, VERSION)
    name = c.text(data["name"], "name", 30, NAME, "a class name")
    bots = c.obj(data["bots"], "bots", (), ROLES)
    if not isinstance(bots, dict):
        c.fail("bots", "must be an object")
    for role, level in bots.items():
        c.one_of(role, "bots", ROLES, "a role")
        c.one_of(level, f"bots.{role}", LEVELS, "a bot's level")
    humans = tuple(r for r in ROLES if r not in bots)
    tables = []
    for i, item in enumerate(c.array(data["tables"], "tables", MAX_TABLES)):
        where = f"tables[{i}]"
        c.obj(item, where, ("number", "game", "seed", "tokens"))
        number = c.integer(item["number"], f"{where}.number", 1, MAX_TABLES)
        if number != i + 1:
            c.fail(f"{where}.number", f"must be {i + 1}")
        game = c.text(item["game"], f"{where}.game", 40)
        if game != f"{name}-{number}":
            c.fail(f"{where}.game", f"must be {name}-{number}")
        tokens = c.obj(item["tokens"], f"{where}.tokens", seat_names(humans))
        for seat, secret in tokens.items():
            c.text(secret, f"{where}.tokens.{seat}", 64, _TOKEN, "a link's secret")
        tables.append(Table(number, game, c.integer(item["seed"], f"{where}.seed", 0,
                                                    2**64 - 1), dict(tokens)))
    if not tables:
        c.fail("tables", "is empty")
    return Klass(name, c.text(data["scenario"], "scenario", 64, _SCENARIO, "a scenario id"),
                 c.integer(data["edition"], "edition", 1, 99),
                 c.integer(data["seed"], "seed", 0, 2**64 - 1),
                 c.integer(data["turns"], "turns", 1, 60),
                 c.integer(data["timer"], "timer", 0, 60 * 60), dict(bots),
                 c.text(data["dashboard"], "dashboard", 64, _TOKEN, "a link's secret"),
                 tuple(tables))
