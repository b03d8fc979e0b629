"""A scenario, from its file's table to an engine `Scenario`: the start, the tracks, the
flags, the rule settings (each within the range its meaning allows), the opening
demands and sure cards."""

from __future__ import annotations

import re
from typing import Any

from ..engine.rules import Tuning
from ..engine.state import Card, Scenario
from ..engine.tracks import FLAG_BY_NAME, LOCATIONS, ROLES, TRACK_BY_NAME, TRACK_INDEX, TRACKS
from .checker import MAX_AMOUNT, Checker, DeckProblem, unknown

SCENARIO_FIELDS = ("id", "title", "description", "start", "turns", "hand_size", "tracks",
                   "flags", "tuning", "demands", "hands")


def scenario_of(c: Checker, raw: Any, sid: str) -> Scenario | None:
    c.card = ""
    before = len(c.problems)
    c.unknown_keys(raw, SCENARIO_FIELDS, "")
    if raw.get("id") != sid:
        c.fail("id", f"must be {sid!r}")
    if not isinstance(sid, str) or not re.match(r"^[a-z0-9][a-z0-9-]{0,40}$", sid):
        c.fail("id", "must be lower-case letters, digits and '-'")
    title = c.text_of(raw, "title", "title", limit=80)
    description = c.text_of(raw, "description", "description")
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
            c.fail(f"tracks.{key}", unknown("track", key, TRACK_BY_NAME))
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
            c.fail(f"tuning.{key}", unknown("rule setting", key, known))
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
            c.fail(f"hands.{role}", unknown("role", role, ROLES))
        elif len(sure) > hand:
            c.fail(f"hands.{role}", f"{len(sure)} cards do not fit a hand of {hand}")
    if len(c.problems) > before:
        return None
    return Scenario(sid, title, description, year, month, turns, hand, tuple(tracks),
                    frozenset(flags), tuple(demands),
                    tuple((r, tuple(hands[r])) for r in ROLES if r in hands))


def crisis_problems(scenario: Scenario, cards: dict[str, Card],
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
    **dict.fromkeys(("DEMAND_EROSION_MAX", "INCOME_BASE", "KREMLIN_BASE", "PURSE_CAP"),
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
