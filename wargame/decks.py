"""Decks and scenarios: TOML files turned into engine values, with clear errors.

A deck folder holds one file per owner (`lukashenko.toml`, `putin.toml`,
`opposition.toml`, `world.toml`) and a `scenarios/` folder with one file per scenario.
Everything is checked at load time; every problem is reported at once, each naming the
file, the line, the card and the field. Nothing in a deck is ever executed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from .engine.digest import sha256
from .engine.editions import LATEST
from .engine.editions import edition as get_edition
from .engine.effects import (
    Answer,
    Casualties,
    Demobilise,
    Discard,
    Draw,
    Effect,
    If,
    Mobilise,
    Move,
    Roll,
    SetFlag,
    TrackChange,
)
from .engine.errors import ExpressionError
from .engine.expr import Expr, constant, parse
from .engine.rules import Tuning
from .engine.state import Card, Demand, Option, Ruleset, Scenario
from .engine.tracks import (
    DECK_OWNERS,
    FLAG_BY_NAME,
    LOCATIONS,
    ROLES,
    TRACK_BY_NAME,
    TRACK_INDEX,
    TRACKS,
    TROOP_TRACKS,
    WORLD,
)
from .untrusted import Untrusted, control_in, printable, read_file

FORMAT = "wargame-decks"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_CARDS = 500
MAX_TEXT = 1_000
MAX_NESTING = 6
MAX_AMOUNT = 1_000_000
MAX_DEPTH = 20
"""Nesting of tables and lists in a deck file (effects nest at most 6 deep)."""
MAX_NUMBER = 2**63
FIRST_PARAGRAPH, LAST_PARAGRAPH = 1, 29
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
DEFAULT_SCENARIO = "october-2022"


@frozen
class DeckProblem:
    file: str
    message: str
    line: int | None = None
    card: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.card:
            parts.append(f"card '{self.card}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return printable(", ".join(parts) + f": {self.message}")


class DeckError(Exception):
    """One or more problems in a deck folder; `problems` lists them all."""

    def __init__(self, problems: Iterable[DeckProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the decks:\n{lines}")


@frozen
class DeckSet:
    """A loaded deck folder: the cards of every owner and every scenario."""

    folder: str
    data: dict[str, Any]
    """{'decks': {owner: file data}, 'scenarios': {id: file data}}"""
    scenarios: dict[str, Scenario]
    cards: dict[str, Card]
    decks: dict[str, tuple[str, ...]]

    def ruleset(self, scenario_id: str | None = None, edition: int | None = None) -> Ruleset:
        """The ruleset of a scenario, played under rules `edition` (default: the newest).
        KeyError for an unknown scenario, ValueError for an unknown edition."""
        if scenario_id is None:
            scenario_id = DEFAULT_SCENARIO if DEFAULT_SCENARIO in self.scenarios else next(
                iter(self.scenarios))
        if scenario_id not in self.scenarios:
            known = ", ".join(sorted(self.scenarios))
            raise KeyError(f"no scenario {scenario_id!r} in {self.folder} (there is: {known})")
        scenario = dict(self.data["scenarios"][scenario_id])
        # The rules' settings travel with the ruleset, resolved in full, so a save replays
        # under the settings it was played with even after the defaults change.
        settings = Tuning.defaults() | scenario.get("tuning", {})
        scenario["tuning"] = settings
        data = {"format": FORMAT, "version": FORMAT_VERSION, "scenario": scenario,
                "decks": self.data["decks"]}
        number = LATEST if edition is None else get_edition(edition).number
        return Ruleset(self.scenarios[scenario_id], self.cards, self.decks, sha256(data), data,
                       Tuning(**settings), number)


# -- locating the shipped decks ------------------------------------------------------


def shipped_decks_dir() -> Path:
    """The decks that come with the game: inside the installed package (`_decks`), or the
    `decks/` folder of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_decks", here.parent / "decks"):
        if (candidate / "scenarios").is_dir():
            return candidate
    raise FileNotFoundError("the game's decks are missing: reinstall the game")


def load_decks(folder: str | Path | None = None) -> DeckSet:
    """Load and check a deck folder (the shipped decks when None). Raises DeckError with
    every problem found."""
    path = Path(folder) if folder is not None else shipped_decks_dir()
    problems: list[DeckProblem] = []
    if not path.is_dir():
        raise DeckError([DeckProblem(str(path), "is a file, not a deck folder: give the "
                                     "folder that holds lukashenko.toml, putin.toml, "
                                     "opposition.toml, world.toml and scenarios/"
                                     if path.exists() else "no such folder")])
    raw_decks: dict[str, Any] = {}
    lines: dict[str, dict[str, int]] = {}
    for owner in DECK_OWNERS:
        file = path / f"{owner}.toml"
        data, card_lines = _read_toml(file, problems)
        if data is not None:
            raw_decks[owner] = data
            lines[owner] = card_lines
    raw_scenarios: dict[str, Any] = {}
    scen_files: dict[str, str] = {}
    scen_dir = path / "scenarios"
    scenario_files = sorted(scen_dir.glob("*.toml")) if scen_dir.is_dir() else []
    if not scenario_files:
        problems.append(DeckProblem(str(scen_dir), "no scenario files (*.toml) found"))
    for file in scenario_files:
        data, _ = _read_toml(file, problems)
        if data is not None:
            sid = data.get("id") if isinstance(data.get("id"), str) else file.stem
            if sid in raw_scenarios:
                problems.append(DeckProblem(str(file), f"scenario id {sid!r} is used twice"))
            raw_scenarios[sid] = data
            scen_files[sid] = str(file)
    files = {o: str(path / f"{o}.toml") for o in DECK_OWNERS}
    try:
        deckset = build_deckset({"decks": raw_decks, "scenarios": raw_scenarios}, str(path),
                                files=files, scenario_files=scen_files, card_lines=lines,
                                unreadable=problems)
    except DeckError as exc:
        raise DeckError([*problems, *exc.problems]) from None
    return deckset


def _read_toml(file: Path, problems: list[DeckProblem]) -> tuple[Any, dict[str, int]]:
    try:
        raw = read_file(file, MAX_FILE_BYTES, "deck file")
    except FileNotFoundError:
        problems.append(DeckProblem(str(file), "file is missing"))
        return None, {}
    except Untrusted as exc:
        problems.append(DeckProblem(str(file), exc.problem))
        return None, {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(DeckProblem(str(file), f"not UTF-8 text (byte {exc.start})"))
        return None, {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else None
        message = str(exc).split(" (at line")[0]
        if found:
            message += f" (column {found.group(2)})"
        problems.append(DeckProblem(str(file), f"not valid TOML: {message}", line=line))
        return None, {}
    except RecursionError:  # tomllib recurses into nested lists and tables
        problems.append(DeckProblem(str(file), f"nested more than {MAX_DEPTH} levels deep: "
                                    "not a deck file"))
        return None, {}
    except ValueError:  # a number too long to convert (Python refuses beyond 4,300 digits)
        problems.append(DeckProblem(str(file), "a number with too many digits: not a deck "
                                    "file"))
        return None, {}
    problem = plain_problem(data, only_bounds=True)
    if problem:
        problems.append(DeckProblem(str(file), problem))
        return None, {}
    card_lines: dict[str, int] = {}
    for number, content in enumerate(text.splitlines(), start=1):
        m = re.match(r'\s*id\s*=\s*"([^"]*)"', content)
        if m and m.group(1) not in card_lines:
            card_lines[m.group(1)] = number
    return data, card_lines


# -- checking and building ---------------------------------------------------------------


class _Checker:
    def __init__(self, file: str, lines: dict[str, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[DeckProblem] = []
        self.card = ""

    def fail(self, fld: str, message: str) -> None:
        self.problems.append(DeckProblem(self.file, message, self.lines.get(self.card),
                                         self.card, fld))

    def text(self, table: dict, key: str, fld: str, required: bool = True,
             limit: int = MAX_TEXT) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(fld, "is missing")
            return ""
        if not isinstance(value, str):
            self.fail(fld, f"must be text, not {_kind(value)}")
            return ""
        if required and not value.strip():
            self.fail(fld, "is empty")
        bad = control_in(value)
        if bad:
            self.fail(fld, f"holds {bad}: a deck's text is shown as it is, so it may hold no "
                      "control character")
            return ""
        if len(value) > limit:
            self.fail(fld, f"is longer than {limit} characters")
            return value[:limit]
        return value.strip()

    def integer(self, value: Any, fld: str, lo: int, hi: int) -> int:
        if value is None:
            self.fail(fld, "is missing")
            return lo
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(fld, f"must be a whole number, not {_kind(value)}")
            return lo
        if not lo <= value <= hi:
            self.fail(fld, f"must be from {lo:,} to {hi:,}, not {value:,}")
            return max(lo, min(hi, value))
        return value

    def expr(self, value: Any, fld: str) -> Expr | None:
        if not isinstance(value, str):
            self.fail(fld, f"must be an expression in quotes, not {_kind(value)}")
            return None
        try:
            return parse(value)
        except ExpressionError as exc:
            self.fail(fld, str(exc))
            return None

    def amount(self, value: Any, fld: str) -> Expr:
        if isinstance(value, str):
            return self.expr(value, fld) or constant(0)
        return constant(self.integer(value, fld, -MAX_AMOUNT, MAX_AMOUNT))

    def troops(self, value: Any, fld: str) -> Expr:
        """A number of troops (a whole number from 0, or an expression)."""
        if isinstance(value, str):
            return self.expr(value, fld) or constant(0)
        return constant(self.integer(value, fld, 0, MAX_AMOUNT))

    def unknown_keys(self, table: dict, allowed: Iterable[str], fld: str) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                hint = _closest(key, allowed)
                self.fail(f"{fld}{'.' if fld else ''}{key}",
                          "unknown field" + (f" (did you mean '{hint}'?)" if hint else ""))


def _kind(value: Any) -> str:
    """What a value is, in a deck designer's words (never a Python type's name)."""
    if value is None:
        return "nothing"
    for kind, words in ((bool, "true/false"), (int, "a number"), (float, "a decimal number"),
                        (str, "text"), (list, "a list"), (dict, "a table")):
        if isinstance(value, kind):
            return words
    return "a date or a time" if hasattr(value, "isoformat") else "something else"


def _unknown(what: str, name: Any, options: Iterable[str]) -> str:
    hint = _closest(str(name), options)
    return f"unknown {what} {name!r}" + (f" (did you mean '{hint}'?)" if hint else "")


def _closest(word: str, options: Iterable[str]) -> str | None:
    best, best_score = None, 0.0
    for option in options:
        common = len(set(word) & set(option)) / max(len(set(word) | set(option)), 1)
        if common > best_score and (word[:3] == option[:3] or common > 0.7):
            best, best_score = option, common
    return best


CARD_FIELDS = ("id", "title", "role", "cost", "text", "source", "context", "question",
               "effects", "requires", "once", "option", "demand")
EFFECT_KINDS = ("track", "mobilise", "demobilise", "move", "casualties", "flag", "clear",
                "draw", "discard", "roll", "if", "answer")


def _effects(c: _Checker, value: Any, fld: str, owner: str, depth: int = 0) -> tuple[Effect, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        c.fail(fld, f"must be a list of effects, not {_kind(value)}")
        return ()
    if depth > MAX_NESTING:
        c.fail(fld, f"effects nested more than {MAX_NESTING} deep")
        return ()
    out = []
    for i, item in enumerate(value):
        effect = _effect(c, item, f"{fld}[{i}]", owner, depth)
        if effect is not None:
            out.append(effect)
    return tuple(out)


def _effect(c: _Checker, e: Any, fld: str, owner: str, depth: int) -> Effect | None:
    if not isinstance(e, dict):
        c.fail(fld, f"an effect must be a table like {{ track = \"unrest\", add = 1 }}, "
               f"not {_kind(e)}")
        return None
    kinds = [k for k in EFFECT_KINDS if k in e]
    if len(kinds) != 1:
        c.fail(fld, "an effect needs exactly one of: " + ", ".join(EFFECT_KINDS)
               + (f" (found {', '.join(kinds)})" if kinds else ""))
        return None
    kind = kinds[0]
    sub = f"{fld}.{kind}"
    if kind == "track":
        c.unknown_keys(e, ("track", "add", "set", "at_least", "at_most"), fld)
        name = e["track"]
        if not isinstance(name, str) or name not in TRACK_BY_NAME:
            c.fail(sub, _unknown("track", name, TRACK_BY_NAME))
            return None
        if name in TROOP_TRACKS:
            c.fail(sub, f"troop numbers ({name}) change only through mobilise, demobilise, "
                   "move and casualties")
            return None
        modes = [m for m in ("add", "set", "at_least", "at_most") if m in e]
        if len(modes) != 1:
            c.fail(fld, "a track effect needs exactly one of add, set, at_least, at_most")
            return None
        return TrackChange(name, modes[0], c.amount(e[modes[0]], f"{fld}.{modes[0]}"))
    if kind in ("mobilise", "demobilise"):
        c.unknown_keys(e, (kind,), fld)
        cls = Mobilise if kind == "mobilise" else Demobilise
        return cls(c.troops(e[kind], sub))
    if kind == "move":
        c.unknown_keys(e, ("move", "from", "to"), fld)
        src, dst = e.get("from"), e.get("to")
        ok = True
        for key, place in (("from", src), ("to", dst)):
            if not isinstance(place, str) or place not in LOCATIONS:
                c.fail(f"{fld}.{key}", f"must be one of {', '.join(LOCATIONS)}, not {place!r}")
                ok = False
        if ok and src == dst:
            c.fail(fld, "troops must move from one place to another")
            ok = False
        amount = c.troops(e["move"], sub)
        return Move(amount, src, dst) if ok else None
    if kind == "casualties":
        c.unknown_keys(e, ("casualties", "at"), fld)
        at = e.get("at", "ukraine")
        if not isinstance(at, str) or at not in LOCATIONS:
            c.fail(f"{fld}.at", f"must be one of {', '.join(LOCATIONS)}, not {at!r}")
            return None
        return Casualties(c.troops(e["casualties"], sub), at)
    if kind in ("flag", "clear"):
        c.unknown_keys(e, (kind,), fld)
        name = e[kind]
        if not isinstance(name, str) or name not in FLAG_BY_NAME:
            c.fail(sub, _unknown("flag", name, FLAG_BY_NAME))
            return None
        if name == "garrison_thin":
            c.fail(sub, "garrison_thin is set only by the thin-garrison rule")
            return None
        return SetFlag(name, kind == "flag")
    if kind in ("draw", "discard"):
        c.unknown_keys(e, (kind, "role"), fld)
        count = c.integer(e[kind], sub, 1, 5)
        target = e.get("role", "self")
        if target not in (*ROLES, "self"):
            c.fail(f"{fld}.role", f"must be 'self' or one of {', '.join(ROLES)}, not {target!r}")
            return None
        if target == "self" and owner == WORLD:
            c.fail(f"{fld}.role", "a world event must name the role: lukashenko, putin or "
                   "opposition")
            return None
        return (Draw if kind == "draw" else Discard)(count, target)
    if kind == "roll":
        c.unknown_keys(e, ("roll", "then", "else", "label"), fld)
        chance = e["roll"]
        expr = c.amount(chance, sub)
        if isinstance(chance, int) and not isinstance(chance, bool) and not 0 <= chance <= 100:
            c.fail(sub, f"a chance is a percentage from 0 to 100, not {chance}")
        label = c.text(e, "label", f"{fld}.label", required=False, limit=120)
        then = _effects(c, e.get("then"), f"{fld}.then", owner, depth + 1)
        if "then" not in e:
            c.fail(f"{fld}.then", "a roll needs the effects of success in 'then'")
        return Roll(expr, then, _effects(c, e.get("else"), f"{fld}.else", owner, depth + 1),
                    label)
    if kind == "if":
        c.unknown_keys(e, ("if", "then", "else"), fld)
        cond = c.expr(e["if"], sub)
        if "then" not in e:
            c.fail(f"{fld}.then", "a condition needs its effects in 'then'")
        then = _effects(c, e.get("then"), f"{fld}.then", owner, depth + 1)
        otherwise = _effects(c, e.get("else"), f"{fld}.else", owner, depth + 1)
        return If(cond, then, otherwise) if cond else None
    # answer
    c.unknown_keys(e, ("answer", "which"), fld)
    which = e.get("which", "oldest")
    if which not in ("oldest", "newest"):
        c.fail(f"{fld}.which", f"must be 'oldest' or 'newest', not {str(which)[:40]!r}")
        return None
    if owner not in ("lukashenko", "putin"):
        c.fail(sub, "only Lukashenko's cards can answer a Kremlin demand (and Putin's "
               "can force compliance)")
        return None
    if owner == "putin" and e["answer"] != "comply":
        c.fail(sub, "a Kremlin card can only force compliance (answer = 'comply')")
        return None
    if e["answer"] not in ("comply", "stall"):
        c.fail(sub, f"must be 'comply' or 'stall', not {e['answer']!r}")
        return None
    return Answer(e["answer"], which)


def _card(c: _Checker, raw: Any, index: int, owner: str) -> Card | None:
    if not isinstance(raw, dict):
        c.card = ""
        c.fail(f"card[{index}]", "each [[card]] must be a table")
        return None
    cid = raw.get("id")
    c.card = cid if isinstance(cid, str) else f"#{index + 1}"
    before = len(c.problems)
    if not isinstance(cid, str) or not ID_PATTERN.match(cid):
        c.fail("id", "must be lower-case letters, digits and _ (starting with a letter, "
               "at most 60)")
    c.unknown_keys(raw, CARD_FIELDS, "")
    role = raw.get("role", owner)
    if role != owner:
        c.fail("role", f"is {role!r} but the card is in the {owner} deck")
    title = c.text(raw, "title", "title", limit=80)
    text = c.text(raw, "text", "text")
    context = c.text(raw, "context", "context", limit=300)
    question = c.text(raw, "question", "question", limit=300)
    cost = c.integer(raw.get("cost", 0), "cost", 0, 10)
    if owner == WORLD and cost:
        c.fail("cost", "world events cost nothing")
    source = raw.get("source")
    cites: list[int] = []
    if not isinstance(source, list) or not source:
        c.fail("source", "must list the article's paragraphs, e.g. source = [13]")
    else:
        for n in source:
            if isinstance(n, bool) or not isinstance(n, int):
                c.fail("source", f"paragraph numbers are whole numbers, not {_kind(n)}")
            elif not FIRST_PARAGRAPH <= n <= LAST_PARAGRAPH:
                c.fail("source", f"¶{n} is outside the article (¶{FIRST_PARAGRAPH}-¶"
                       f"{LAST_PARAGRAPH})")
            else:
                cites.append(n)
    requires = None
    if "requires" in raw:
        requires = c.expr(raw["requires"], "requires")
        if owner == WORLD:
            c.fail("requires", "world events have no requirement; use an 'if' effect")
    once = raw.get("once", False)
    if not isinstance(once, bool):
        c.fail("once", "must be true or false")
    effects = _effects(c, raw.get("effects"), "effects", owner)
    if "effects" not in raw and "demand" not in raw:
        c.fail("effects", "is missing")
    options: list[Option] = []
    raw_options = raw.get("option", [])
    if not isinstance(raw_options, list):
        c.fail("option", "must be a list of [[card.option]] tables")
        raw_options = []
    if owner == WORLD and raw_options:
        c.fail("option", "world events have no options")
    seen: set[str] = set()
    for i, opt in enumerate(raw_options):
        fld = f"option[{i}]"
        if not isinstance(opt, dict):
            c.fail(fld, "must be a table")
            continue
        c.unknown_keys(opt, ("id", "label", "cost", "effects"), fld)
        oid = opt.get("id")
        if not isinstance(oid, str) or not ID_PATTERN.match(oid):
            c.fail(f"{fld}.id", "must be lower-case letters, digits and _")
            continue
        if oid in seen:
            c.fail(f"{fld}.id", f"option {oid!r} is listed twice")
        seen.add(oid)
        options.append(Option(oid, c.text(opt, "label", f"{fld}.label", limit=80),
                              c.integer(opt.get("cost", 0), f"{fld}.cost", 0, 10),
                              _effects(c, opt.get("effects"), f"{fld}.effects", owner)))
    if len(options) == 1:
        c.fail("option", "a card with options needs at least two")
    demand = None
    if "demand" in raw:
        d = raw["demand"]
        if owner != "putin":
            c.fail("demand", "only the Kremlin makes demands")
        elif not isinstance(d, dict):
            c.fail("demand", "must be a table with 'comply' and 'stall' effects")
        else:
            c.unknown_keys(d, ("comply", "stall"), "demand")
            for key in ("comply", "stall"):
                if key not in d:
                    c.fail(f"demand.{key}", "is missing")
            demand = Demand(_effects(c, d.get("comply"), "demand.comply", "lukashenko"),
                            _effects(c, d.get("stall"), "demand.stall", "lukashenko"))
    if len(c.problems) > before:
        return None
    return Card(cid, title, owner, cost, text, tuple(cites), context, question, effects,
                requires, tuple(options), demand, once)


SCENARIO_FIELDS = ("id", "title", "description", "start", "turns", "hand_size", "tracks",
                   "flags", "tuning", "demands", "hands")


def _scenario(c: _Checker, raw: Any, sid: str) -> Scenario | None:
    c.card = ""
    before = len(c.problems)
    c.unknown_keys(raw, SCENARIO_FIELDS, "")
    if raw.get("id") != sid:
        c.fail("id", f"must be {sid!r}")
    if not isinstance(sid, str) or not re.match(r"^[a-z0-9][a-z0-9-]{0,40}$", sid):
        c.fail("id", "must be lower-case letters, digits and '-'")
    title = c.text(raw, "title", "title", limit=80)
    description = c.text(raw, "description", "description")
    start = raw.get("start")
    year, month = 2022, 10
    if not isinstance(start, str) or not re.match(r"^\d{4}-\d{2}$", start):
        c.fail("start", 'must be a month like "2022-10"')
    else:
        year, month = int(start[:4]), int(start[5:])
        if not 1 <= month <= 12:
            c.fail("start", "the month must be from 01 to 12")
    turns = c.integer(raw.get("turns"), "turns", 1, 60)
    hand = c.integer(raw.get("hand_size", 5), "hand_size", 1, 10)
    tracks = list(t.lo for t in TRACKS)
    values = raw.get("tracks")
    if not isinstance(values, dict):
        c.fail("tracks", "must be a table of starting values")
        values = {}
    for key, value in values.items():
        if key not in TRACK_BY_NAME or TRACK_BY_NAME[key].counter:
            c.fail(f"tracks.{key}", _unknown("track", key, TRACK_BY_NAME))
            continue
        t = TRACK_BY_NAME[key]
        tracks[TRACK_INDEX[key]] = c.integer(value, f"tracks.{key}", t.lo, t.hi)
    for t in TRACKS:
        if not t.counter and t.name not in values:
            c.fail(f"tracks.{t.name}", "is missing")
    placed = sum(tracks[TRACK_INDEX[t]] for t in LOCATIONS.values())
    army = tracks[TRACK_INDEX["regulars"]] + tracks[TRACK_INDEX["reservists"]]
    if placed != army and not any(p.field.startswith("tracks") for p in c.problems[before:]):
        c.fail("tracks", f"troops in Minsk, at the border and in Ukraine ({placed:,}) must add "
               f"up to regulars + reservists ({army:,})")
    flags = raw.get("flags", [])
    if not isinstance(flags, list):
        c.fail("flags", "must be a list of flag names")
        flags = []
    for name in flags:
        if not isinstance(name, str) or name not in FLAG_BY_NAME:
            c.fail("flags", f"unknown flag {name!r}")
    settings = raw.get("tuning", {})
    if not isinstance(settings, dict):
        c.fail("tuning", "must be a table of rule settings, e.g. [tuning] GARRISON_THIN = 25000")
        settings = {}
    known = Tuning.defaults()
    for key, value in settings.items():
        if key not in known:
            c.fail(f"tuning.{key}", _unknown("rule setting", key, known))
            continue
        lo, hi, meaning = setting_range(key)
        if isinstance(value, int) and not isinstance(value, bool) and not lo <= value <= hi:
            c.fail(f"tuning.{key}", f"must be from {lo:,} to {hi:,} ({meaning}), not "
                   f"{value:,}")
        else:
            c.integer(value, f"tuning.{key}", lo, hi)
    if len(c.problems) > before:
        return None
    demands = raw.get("demands", [])
    if not isinstance(demands, list) or not all(isinstance(d, str) for d in demands):
        c.fail("demands", "must be a list of the Kremlin's demand cards, by id")
        demands = []
    hands = raw.get("hands", {})
    if not isinstance(hands, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in hands.values()):
        c.fail("hands", "must be a table of card ids per role, e.g. putin = [\"ultimatum\"]")
        hands = {}
    for role, sure in hands.items():
        if role not in ROLES:
            c.fail(f"hands.{role}", _unknown("role", role, ROLES))
        elif len(sure) > hand:
            c.fail(f"hands.{role}", f"{len(sure)} cards do not fit a hand of {hand}")
    if len(c.problems) > before:
        return None
    return Scenario(sid, title, description, year, month, turns, hand, tuple(tracks),
                    frozenset(flags), tuple(demands),
                    tuple((r, tuple(hands[r])) for r in ROLES if r in hands))


def _crisis_problems(scenario: Scenario, cards: dict[str, Card],
                     file: str) -> list[DeckProblem]:
    """A scenario's opening demands and sure cards must be cards of the right decks."""
    out = []
    for card_id in scenario.demands:
        card = cards.get(card_id)
        if card is None or card.demand is None:
            out.append(DeckProblem(file, f"{card_id!r} is not a Kremlin demand card",
                                   field="demands"))
    for role, sure in scenario.hands:
        for card_id in sure:
            card = cards.get(card_id)
            if card is None or card.role != role:
                out.append(DeckProblem(file, f"{card_id!r} is not a card of the {role} deck",
                                       field=f"hands.{role}"))
            elif card_id in scenario.demands:
                out.append(DeckProblem(file, f"{card_id!r} is on the table, not in a hand",
                                       field=f"hands.{role}"))
    return out


def build_deckset(data: Any, folder: str, files: dict[str, str] | None = None,
                  scenario_files: dict[str, str] | None = None,
                  card_lines: dict[str, dict[str, int]] | None = None,
                  unreadable: list[DeckProblem] | None = None) -> DeckSet:
    """Check plain deck data (as read from the TOML files, or as embedded in a save) and
    build the engine values. Raises DeckError listing every problem. Files named in
    `unreadable` (problems already found while reading) are not reported again."""
    files = files or {}
    scenario_files = scenario_files or {}
    card_lines = card_lines or {}
    problems: list[DeckProblem] = []
    skip = {p.file for p in unreadable or ()}
    if not isinstance(data, dict) or not isinstance(data.get("decks"), dict) or \
            not isinstance(data.get("scenarios"), dict):
        raise DeckError([DeckProblem(folder, "deck data must hold 'decks' and 'scenarios'")])
    cards: dict[str, Card] = {}
    decks: dict[str, tuple[str, ...]] = {}
    where: dict[str, str] = {}
    for owner in DECK_OWNERS:
        file = files.get(owner, f"{folder}/{owner}.toml")
        raw = data["decks"].get(owner)
        c = _Checker(file, card_lines.get(owner, {}))
        if file in skip:
            continue
        if not isinstance(raw, dict):
            c.fail("", "the deck is missing")
            problems.extend(c.problems)
            continue
        c.unknown_keys(raw, ("role", "card"), "")
        if raw.get("role") != owner:
            c.fail("role", f"must be {owner!r}")
        raw_cards = raw.get("card", [])
        if not isinstance(raw_cards, list) or not raw_cards:
            c.fail("card", "the deck has no [[card]] entries")
            raw_cards = []
        if len(raw_cards) > MAX_CARDS:
            c.fail("card", f"more than {MAX_CARDS} cards")
            raw_cards = raw_cards[:MAX_CARDS]
        ids: list[str] = []
        for i, raw_card in enumerate(raw_cards):
            card = _card(c, raw_card, i, owner)
            if card is None:
                continue
            if card.id in cards:
                c.card = card.id
                c.fail("id", f"duplicate id: also used in {where[card.id]}")
                continue
            cards[card.id] = card
            where[card.id] = file
            ids.append(card.id)
        decks[owner] = tuple(ids)
        problems.extend(c.problems)
    scenarios: dict[str, Scenario] = {}
    for sid, raw in data["scenarios"].items():
        c = _Checker(scenario_files.get(sid, f"{folder}/scenarios/{sid}.toml"), {})
        if not isinstance(raw, dict):
            c.fail("", "a scenario must be a table")
        else:
            scenario = _scenario(c, raw, sid)
            if scenario is not None:
                scenarios[sid] = scenario
        problems.extend(c.problems)
    if not data["scenarios"] and not skip:
        problems.append(DeckProblem(folder, "there is no scenario"))
    for sid, scenario in scenarios.items():
        problems.extend(_crisis_problems(scenario, cards, scenario_files.get(sid, folder)
                                         if scenario_files else folder))
        for role in ROLES:
            if role in decks and len(decks[role]) < scenario.hand_size:
                problems.append(DeckProblem(files.get(role, folder), f"the {role} deck has "
                                f"fewer cards than a hand ({scenario.hand_size})"))
    if problems or skip:
        raise DeckError(problems)
    _check_plain(data, folder)
    return DeckSet(folder, data, scenarios, cards, decks)


def ruleset_from_data(data: Any, origin: str) -> Ruleset:
    """Rebuild a ruleset from its `Ruleset.data` (one scenario and the four decks, as a
    save embeds them), with every check `load_decks` makes. Problems name `origin` (the
    save file) and the place in the data. Raises DeckError."""
    if not isinstance(data, dict) or not isinstance(data.get("scenario"), dict) or \
            not isinstance(data.get("decks"), dict):
        raise DeckError([DeckProblem(origin, "the embedded decks must hold 'scenario' and "
                                     "'decks'")])
    if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise DeckError([DeckProblem(origin, f"the embedded decks are not in the "
                                     f"{FORMAT} format, version {FORMAT_VERSION}")])
    extra = sorted(set(data) - {"format", "version", "scenario", "decks"})
    if extra:
        raise DeckError([DeckProblem(origin, f"unknown field {extra[0]!r} in the embedded "
                                     "decks")])
    sid = data["scenario"].get("id")
    if not isinstance(sid, str):
        raise DeckError([DeckProblem(origin, "the embedded scenario has no id")])
    files = {owner: f"{origin}, decks.{owner}" for owner in DECK_OWNERS}
    deckset = build_deckset({"decks": data["decks"], "scenarios": {sid: data["scenario"]}},
                            origin, files=files, scenario_files={sid: f"{origin}, scenario"})
    # Digest the embedded data as it is: a rule setting added to Tuning since the save was
    # written takes its default (which must keep the old behaviour) and leaves the digest,
    # and so every state digest of the save, unchanged.
    return evolve(deckset.ruleset(sid), digest=sha256(data), data=data)


def _check_plain(data: Any, folder: str) -> None:
    """Deck data must be plain JSON-like values (no dates, no floats) so saves can embed
    it and its digest is the same everywhere."""
    problem = plain_problem(data)
    if problem:
        raise DeckError([DeckProblem(folder, problem)])


def plain_problem(data: Any, only_bounds: bool = False) -> str:
    """What makes deck data other than plain text, whole numbers, true/false, lists and
    tables of bounded nesting ('' when nothing does); with `only_bounds`, only what is
    too deep or too large (the card checks name the rest, card by card). Iterative:
    any depth is measured."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"deck data nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    return "table keys must be text"
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, bool | str):
            continue
        elif isinstance(value, int):
            if not -MAX_NUMBER <= value <= MAX_NUMBER:
                return "a number too large for a deck"
        elif not only_bounds:
            return f"{_kind(value)} values are not allowed in decks"
    return ""


SETTING_RANGES: dict[str, tuple[int, int, str]] = {
    **dict.fromkeys(("BACKLASH_STEP", "BACKLASH_UNREST_DIVISOR", "BACKLASH_DEFECTIONS_DIVISOR",
                     "INCOME_DIVISOR", "BACKLASH_UNREST_PER", "BACKLASH_DEFECTIONS_PER",
                     "COVERT_DIVISOR", "RISING_GARRISON_PER"),
                    (1, MAX_AMOUNT, "the rules divide by it")),
    **dict.fromkeys(("STRIKE_CHANCE_PER_ALERT", "FRONT_BASE_CHANCE", "FRONT_CHANCE_PER_POINT",
                     "UPRISING_CHANCE_PER_POINT", "UPRISING_MAX_CHANCE", "RISING_PER_POINT",
                     "RISING_MAX", "GUARANTEE"), (0, 100, "a chance in per cent")),
    **dict.fromkeys(("GARRISON_THIN", "STRIKE_BORDER_TROOPS", "RISING_GARRISON_FREE", "MASSED",
                     "GARRISON_THIN_2", "OPEN_WAR"), (0, 400_000, "a number of troops")),
    **dict.fromkeys(("CRUSHED_NETWORK", "ESCALATION_LEVEL", "STRIKE_ALERT", "SANCTIONS_BITE",
                     "SANCTIONS_SEVERE", "WEAK_ECONOMY", "UPRISING_UNREST",
                     "UPRISING_DEFECTIONS", "RISING_UNREST", "RISING_BASE", "STRAIN_SQUEEZE",
                     "WEAK_ECONOMY_2", "SANCTIONS_CEILING_AT_3"),
                    (0, 100, "a level of the tracks")),
    **dict.fromkeys(("DEMAND_EROSION_MAX", "INCOME_BASE", "PURSE_CAP"),
                    (0, 100, "a count")),
}
"""What each rule setting means, as the range of values a scenario may give it."""


def setting_range(name: str) -> tuple[int, int, str]:
    """(lowest, highest, what it is) for a rule setting of `Tuning`. A setting not named
    in SETTING_RANGES may not be negative, nor zero when the rules divide by it (its
    name says so: _DIVISOR, _PER, _STEP)."""
    if name in SETTING_RANGES:
        return SETTING_RANGES[name]
    if name.endswith(("_DIVISOR", "_PER", "_STEP")):
        return 1, MAX_AMOUNT, "the rules divide by it"
    return 0, MAX_AMOUNT, "it is not negative"
