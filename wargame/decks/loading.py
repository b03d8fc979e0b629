"""Loading decks: a deck folder's TOML files (or the decks a save embeds) to a checked
`DeckSet` and the `Ruleset` of a scenario. Every problem of every file is reported at
once (`DeckError`); nothing in a deck is ever executed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from ..engine.digest import sha256
from ..engine.editions import LATEST
from ..engine.editions import edition as get_edition
from ..engine.rules import Tuning
from ..engine.state import Card, Ruleset, Scenario
from ..engine.tracks import DECK_OWNERS, ROLES
from ..locations import shipped_decks_dir
from ..untrusted import Untrusted, read_file
from .cards import card_of
from .checker import (
    DEFAULT_SCENARIO,
    FORMAT,
    FORMAT_VERSION,
    MAX_CARDS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Checker,
    DeckError,
    DeckProblem,
    plain_problem,
)
from .scenarios import crisis_problems, scenario_of


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
        c = Checker(file, card_lines.get(owner, {}))
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
            card = card_of(c, raw_card, i, owner)
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
        c = Checker(scenario_files.get(sid, f"{folder}/scenarios/{sid}.toml"), {})
        if not isinstance(raw, dict):
            c.fail("", "a scenario must be a table")
        else:
            scenario = scenario_of(c, raw, sid)
            if scenario is not None:
                scenarios[sid] = scenario
        problems.extend(c.problems)
    if not data["scenarios"] and not skip:
        problems.append(DeckProblem(folder, "there is no scenario"))
    for sid, scenario in scenarios.items():
        problems.extend(crisis_problems(scenario, cards, scenario_files.get(sid, folder)
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
