"""Reading a save from someone else: bytes to checked `SaveData`, executing nothing.

The bounds are checked before and while the JSON is parsed (`wargame.untrusted`), then
the shape field by field (`wargame.checking`), one part of the file at a time; the
embedded decks are rebuilt with every check of a deck file. The first problem is one
`SaveError` naming the file, the place (`actions[3].action.card`) and what is wrong.
See "Reading untrusted files" in docs/design.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, cast

from attrs import evolve

from .. import __version__
from ..checking import Bounds, Strict, kind, out_of_bounds, place
from ..classroom import SECTION, SectionError, section_before
from ..classroom import check_section as check_section_data
from ..decks import DeckError, ruleset_from_data
from ..engine import OVER, ROLES, Ruleset, action_from_data
from ..engine.editions import EDITIONS
from ..engine.rules import GRADES
from ..untrusted import JsonLimits, Untrusted, parse_json, read_file, scan
from . import format as fmt
from .model import (
    UMPIRE,
    Checkpoint,
    Final,
    Note,
    Parent,
    RecordedAction,
    SaveData,
    SaveError,
    Seat,
    seat_problem,
)

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

HEADER = ("format", "version", "game_version", "game", "scenario", "edition", "seed", "turns",
          "players", "parent", "ruleset", "actions", "digests", "final", "notes",
          "sections")


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


def decode(raw: bytes, path: str | os.PathLike[str]) -> SaveData:
    """Bytes of a save file to checked SaveData (decks rebuilt, nothing replayed yet).
    Raises SaveError."""
    path = str(path)
    data = parse(raw, path)
    if not isinstance(data, dict):
        raise SaveError(path, f"not a save: the file holds {kind(data)}, not an object")
    if data.get("format") != fmt.FORMAT:
        found = data.get("format")
        raise SaveError(path, "not a wargame save" + (
            f" (its format is {found[:40]!r})" if isinstance(found, str) else
            " (it has no 'format': \"wargame-save\" field)"))
    written_in = data.get("version")
    data = fmt.migrate(data, path)  # which also checks that the version is a number
    return _read_document(data, path, version=cast(int, written_in))


# -- the document, part by part ---------------------------------------------------------


class _Reader(Strict):
    """Checks the shape of plain save data; the first problem raises a SaveError."""

    def __init__(self, path: str) -> None:
        super().__init__(lambda where, problem: SaveError(path, problem, where))
        self.path = path

    def digest(self, value: Any, where: str) -> str:
        return self.text(value, where, 64, _DIGEST, "a SHA-256 digest (64 hex digits)")


def _read_document(data: dict[str, Any], path: str, version: int) -> SaveData:
    r = _Reader(path)
    r.obj(data, "", HEADER)
    r.integer(data["version"], "version", fmt.FORMAT_VERSION, fmt.FORMAT_VERSION)
    game_version = r.text(data["game_version"], "game_version", 40, _VERSION,
                          "a version number")
    game_id = r.text(data["game"], "game", 64, _GAME_ID, "a game id")
    seed = r.integer(data["seed"], "seed", 0, 2**64 - 1)
    turns = r.integer(data["turns"], "turns", 1, 60)
    seats = _seats(r, data["players"])
    ruleset, draft = _ruleset(r, data)
    record = _actions(r, data["actions"])
    checkpoints = _checkpoints(r, data["digests"], turns, len(record))
    final = _final(r, data["final"], turns, len(record))
    notes = _notes(r, data["notes"], turns, len(record))
    parent = _parent(r, data["parent"], turns, len(record), checkpoints)
    sections = _sections(r, data["sections"])
    return SaveData(path, version, game_version, game_id, seed, turns, seats, ruleset,
                    tuple(record), tuple(checkpoints), final, tuple(notes), parent,
                    sections, draft)


def _seats(r: _Reader, value: Any) -> dict[str, Seat]:
    players = r.obj(value, "players", ROLES)
    seats: dict[str, Seat] = {}
    for role in ROLES:
        where = f"players.{role}"
        entry = r.obj(players[role], where, ("kind",), ("level",))
        kind_, level = entry["kind"], entry.get("level")
        problem = seat_problem(kind_, level)
        if problem is not None:
            r.fail(f"{where}.{problem[0]}", problem[1])
        seats[role] = Seat(role, kind_, level)
    return seats


def _ruleset(r: _Reader, data: Mapping[str, Any]) -> tuple[Ruleset, int | None]:
    """The embedded decks, rebuilt and checked, under the rules edition the game was
    played with; and the draft of that edition (None: a released one)."""
    rs = r.obj(data["ruleset"], "ruleset", ("digest", "data"))
    recorded_digest = r.digest(rs["digest"], "ruleset.digest")
    try:
        ruleset = ruleset_from_data(rs["data"], "ruleset.data")
    except DeckError as exc:
        first = exc.problems[0] if exc.problems else "invalid"
        more = len(exc.problems) - 1
        r.fail("", f"the embedded decks are invalid: {first}"
               + (f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""))
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
    return ruleset, draft


def _actions(r: _Reader, value: Any) -> list[RecordedAction]:
    record: list[RecordedAction] = []
    for i, item in enumerate(r.array(value, "actions", MAX_ACTIONS)):
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
    return record


def _checkpoints(r: _Reader, value: Any, turns: int, actions: int) -> list[Checkpoint]:
    checkpoints: list[Checkpoint] = []
    for i, item in enumerate(r.array(value, "digests", 61)):
        where = f"digests[{i}]"
        entry = r.obj(item, where, ("turn", "after", "digest", "tracks"))
        turn = r.integer(entry["turn"], f"{where}.turn", 0, turns)
        after = r.integer(entry["after"], f"{where}.after", 0, actions)
        if turn != i:
            r.fail(f"{where}.turn", f"the digests must follow the turns in order ({i} here, "
                   f"not {turn})")
        if checkpoints and after <= checkpoints[-1].after:
            r.fail(f"{where}.after", "the digests must follow the actions in order")
        checkpoints.append(Checkpoint(turn, after, r.digest(entry["digest"], f"{where}.digest"),
                                      _tracks(r, entry["tracks"], f"{where}.tracks")))
    if not checkpoints or checkpoints[0].after != 0:
        r.fail("digests", "the first digest must be of the setup (turn 0, after 0 actions)")
    return checkpoints


def _tracks(r: _Reader, value: Any, where: str) -> dict[str, int]:
    if not isinstance(value, dict):
        r.fail(where, f"must be an object, not {kind(value)}")
    if len(value) > MAX_TRACKS:
        r.fail(where, f"has more than {MAX_TRACKS} tracks")
    out = {}
    for name, number in value.items():
        if not _NAME.match(name):
            r.fail(where, f"{name[:40]!r} is not a track name")
        out[name] = r.integer(number, f"{where}.{name}", -MAX_INT, MAX_INT)
    return out


def _final(r: _Reader, value: Any, turns: int, actions: int) -> Final:
    fin = r.obj(value, "final", ("turn", "phase", "after", "digest", "winners", "end"),
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
            levels[role] = r.one_of(given[role], f"final.grades.{role}", GRADES)
    return Final(r.integer(fin["turn"], "final.turn", 1, turns), phase,
                 r.integer(fin["after"], "final.after", actions, actions),
                 r.digest(fin["digest"], "final.digest"), tuple(winners),
                 r.text(fin["end"], "final.end", 40), levels)


def _notes(r: _Reader, value: Any, turns: int, actions: int) -> list[Note]:
    notes: list[Note] = []
    for i, item in enumerate(r.array(value, "notes", MAX_NOTES)):
        where = f"notes[{i}]"
        entry = r.obj(item, where, ("turn", "action", "text"))
        notes.append(Note(r.integer(entry["turn"], f"{where}.turn", 1, turns),
                          r.integer(entry["action"], f"{where}.action", 0, actions),
                          r.text(entry["text"], f"{where}.text", MAX_NOTE)))
    return notes


def _parent(r: _Reader, value: Any, turns: int, actions: int,
            checkpoints: list[Checkpoint]) -> Parent | None:
    if value is None:
        return None
    p = r.obj(value, "parent", ("file", "game", "turn", "after", "digest"))
    parent = Parent(r.text(p["file"], "parent.file", 255),
                    r.text(p["game"], "parent.game", 64, _GAME_ID, "a game id"),
                    r.integer(p["turn"], "parent.turn", 1, turns),
                    r.integer(p["after"], "parent.after", 0, actions),
                    r.digest(p["digest"], "parent.digest"))
    if parent.file and not _FILE_NAME.match(parent.file):
        r.fail("parent.file", "must be a file name")
    start = checkpoints[parent.turn - 1] if parent.turn <= len(checkpoints) else None
    if start is None or (start.after, start.digest) != (parent.after, parent.digest):
        r.fail("parent", f"the branch point (the start of turn {parent.turn}) does not "
               "match this game's own history")
    return parent


def _sections(r: _Reader, sections: Any) -> dict[str, Any]:
    if not isinstance(sections, dict):
        r.fail("sections", f"must be an object, not {kind(sections)}")
    if len(sections) > MAX_SECTIONS:
        r.fail("sections", f"has {len(sections)} sections (at most {MAX_SECTIONS})")
    for name in sections:
        if not _NAME.match(name):
            r.fail("sections", f"{name[:40]!r} is not a section name")
        # Already bounded by the parser; text shown from a section may hold no control.
        found = out_of_bounds(sections[name], Bounds("save", plain=False, control=True))
        if found is not None:
            r.fail(f"sections.{name}{place(found[0], dotted=True)}", found[1])
        try:
            check_section_data(name, sections[name])
        except SectionError as exc:
            r.fail(f"sections.{name}{exc.where}", exc.problem)
    return dict(sections)


# -- sections written by the game ------------------------------------------------------


def check_section(name: str, value: Any) -> None:
    """Check a section before it goes into a save: a section name, plain JSON data
    (whole numbers, text, true/false, null, lists, objects; no decimals, which a save may
    not hold), and the fields of the sections the game knows (the classroom's). Raises
    SectionError (a ValueError) naming the place."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise SectionError("", f"{str(name)[:40]!r} is not a section name")
    found = out_of_bounds(value, Bounds("save", values=MAX_NODES // 10, string=MAX_STRING,
                                        number=MAX_INT))
    if found is not None:
        raise SectionError(place(found[0], dotted=True), found[1])
    check_section_data(name, value)


def sections_before(sections: Mapping[str, Any], turn: int) -> dict[str, Any]:
    """The sections a branch from the start of `turn` keeps: the classroom's forecasts
    and votes of the earlier turns only; any other section as it is."""
    out = dict(sections)
    if isinstance(out.get(SECTION), dict):
        out[SECTION] = section_before(out[SECTION], turn)
    return out
