"""The save's "classroom" section as a file holds it, and its check: saves come from
other people, so `check_section` checks every field (with `wargame.checking`) and
raises `SectionError` (where inside the section, what is wrong); `wargame.saves` turns
it into a SaveError naming the file."""

from __future__ import annotations

import re
from typing import Any

from ..checking import Strict
from ..engine.errors import ExpressionError
from ..engine.expr import parse as parse_expr
from ..engine.tracks import ROLES
from .outcomes import Outcome

SECTION = "classroom"
VERSION = 1

MAX_OUTCOMES = 6
MAX_FORECASTS = 60 * len(ROLES) * MAX_OUTCOMES
MAX_VOTES = 60 * len(ROLES)
MAX_TEAM = 99
MIN_TIMER, MAX_TIMER = 10, 60 * 60
MAX_TEXT = 200
MAX_CONDITION = 300
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CARD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
FIELDS = ("version", "facilitator", "timer", "teams", "outcomes", "forecasts", "votes")
OPTIONAL = ("asks", "clock")
"""A class's table only: what the facilitator asked the teams (`asks`) and its orders
clock (`clock`); a section without them reads as before."""
ASK_KINDS = ("forecast", "vote")
MAX_ASKS = 60 * 4
MAX_EPOCH = 2**40


class SectionError(ValueError):
    """A classroom section of a save that cannot be used: `where` is the place inside the
    section (".entries[3].p"), `problem` what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


_check = Strict(lambda where, problem: SectionError(where or ".", problem))


def check_section(name: str, value: Any) -> None:
    """Check the "classroom" section of a save (any other name passes). Raises
    SectionError naming the place inside the section."""
    if name != SECTION:
        return
    c = _check
    c.obj(value, "", FIELDS, OPTIONAL)
    c.integer(value["version"], ".version", VERSION, VERSION)
    c.flag(value["facilitator"], ".facilitator")
    timer = c.integer(value["timer"], ".timer", 0, MAX_TIMER)
    if 0 < timer < MIN_TIMER:
        c.fail(".timer", f"must be 0 (no timer) or at least {MIN_TIMER} seconds")
    teams = value["teams"]
    if not isinstance(teams, dict):
        c.fail(".teams", f"must be an object, not {c.kind(teams)}")
    for role, size in teams.items():
        c.one_of(role, ".teams", ROLES, "a role")
        c.integer(size, f".teams.{role}", 2, MAX_TEAM)
    outcomes = set()
    for i, item in enumerate(c.array(value["outcomes"], ".outcomes", MAX_OUTCOMES)):
        outcome = outcome_of(item, f".outcomes[{i}]")
        if outcome.id in outcomes:
            c.fail(f".outcomes[{i}].id", f"{outcome.id!r} appears twice")
        outcomes.add(outcome.id)
    keys: set[tuple[Any, ...]] = set()
    for i, item in enumerate(c.array(value["forecasts"], ".forecasts", MAX_FORECASTS)):
        where = f".forecasts[{i}]"
        c.obj(item, where, ("turn", "role", "outcome", "p"), ("why",))
        _why(item, where)
        key = (c.integer(item["turn"], f"{where}.turn", 1, 60),
               c.one_of(item["role"], f"{where}.role", ROLES, "a role"),
               c.text(item["outcome"], f"{where}.outcome", 40, _ID, "a valid name"))
        if key[2] not in outcomes:
            c.fail(f"{where}.outcome", f"{key[2]!r} is not one of the outcomes")
        c.integer(item["p"], f"{where}.p", 0, 100)
        if key in keys:
            c.fail(where, "this forecast appears twice")
        keys.add(key)
    teams_voted: set[tuple[int, str]] = set()
    for i, item in enumerate(c.array(value["votes"], ".votes", MAX_VOTES)):
        where = f".votes[{i}]"
        c.obj(item, where, ("turn", "role", "card", "option", "for", "of"), ("why",))
        _why(item, where)
        team = (c.integer(item["turn"], f"{where}.turn", 1, 60),
                c.one_of(item["role"], f"{where}.role", ROLES, "a role"))
        c.text(item["card"], f"{where}.card", 64, _CARD, "a valid name")
        if item["option"] is not None:
            c.text(item["option"], f"{where}.option", 64, _CARD, "a valid name")
        of = c.integer(item["of"], f"{where}.of", 1, MAX_TEAM)
        c.integer(item["for"], f"{where}.for", 0, of)
        if team in teams_voted:
            c.fail(where, "a vote of this team in this turn appears twice")
        teams_voted.add(team)
    for i, item in enumerate(c.array(value.get("asks", []), ".asks", MAX_ASKS)):
        where = f".asks[{i}]"
        c.obj(item, where, ("turn", "kind", "outcome", "why"))
        c.integer(item["turn"], f"{where}.turn", 1, 60)
        kind = c.one_of(item["kind"], f"{where}.kind", ASK_KINDS, "a kind of question")
        if kind == "forecast" and item["outcome"] not in outcomes:
            c.fail(f"{where}.outcome", f"{str(item['outcome'])[:40]!r} is not one of the "
                   "outcomes")
        if kind == "vote" and item["outcome"] is not None:
            c.fail(f"{where}.outcome", "a vote names no outcome")
        c.text(item["why"], f"{where}.why", MAX_TEXT)
    clock = value.get("clock")
    if clock is not None:
        c.obj(clock, ".clock", ("turn", "ends"))
        c.integer(clock["turn"], ".clock.turn", 1, 60)
        if clock["ends"] is not None:
            c.integer(clock["ends"], ".clock.ends", 0, MAX_EPOCH)


def _why(item: Any, where: str) -> None:
    """A team's reason for its answer (a class's table), when it gave one."""
    if "why" in item:
        _check.text(item["why"], f"{where}.why", MAX_TEXT)


def outcome_of(item: Any, where: str = "") -> Outcome:
    """An outcome as the section holds it, checked. Raises SectionError."""
    c = _check
    if "winner" in c.obj(item, where, ("id", "text"), ("winner", "when", "by")):
        c.obj(item, where, ("id", "text", "winner"))
        return Outcome(c.text(item["id"], f"{where}.id", 40, _ID, "a valid name"),
                       c.text(item["text"], f"{where}.text", MAX_TEXT),
                       winner=c.one_of(item["winner"], f"{where}.winner", ROLES, "a role"))
    c.obj(item, where, ("id", "text", "when", "by"))
    when = c.text(item["when"], f"{where}.when", MAX_CONDITION)
    try:
        parse_expr(when)
    except ExpressionError as exc:
        c.fail(f"{where}.when", str(exc))
    by = item["by"]
    if by is not None:
        c.integer(by, f"{where}.by", 1, 60)
    return Outcome(c.text(item["id"], f"{where}.id", 40, _ID, "a valid name"),
                   c.text(item["text"], f"{where}.text", MAX_TEXT), when, by)
