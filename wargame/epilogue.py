"""Article, game and history: for each key outcome of a game (Belarus at war, troops at
the border, the regime, sovereignty, sanctions, the uprising), what the article argued,
what happened in this game, what happened after the article, and questions for the class.

The words are data, in `epilogue.toml` beside this module (shipped with the package);
this module only reads a game's facts and picks each outcome's case:

    for r in readings(debrief):
        r.outcome.title, r.outcome.article, r.game, r.outcome.history, r.questions
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from attrs import frozen

from .debrief import Debrief
from .engine.rules import RULE_BY_NAME
from .engine.tracks import INVOLVEMENT_LADDER, TRACK_BY_NAME

FACTS = (
    "start_month", "last_month", "turns_played", "involvement_start", "involvement_peak",
    "involvement_end", "peak_rung", "peak_month", "ukraine_peak", "massed_month",
    "border_peak", "minsk_low", "fell_month", "fell_text", "fell_rule", "fell_source",
    "stability_end", "sov_start", "sov_end", "sov_low", "sanctions_start", "sanctions_end",
    "economy_start", "economy_end", "uprising_tries", "uprising_times", "uprising_best",
    "uprising_month",
    "network_end", "defections_end", "unrest_end",
)
"""The facts of a game that an outcome's lines may name in braces."""


@frozen
class Outcome:
    id: str
    title: str
    cites: str
    article: str
    history: str
    game: Mapping[str, str]
    """The line for this game, by case ('yes', 'no'; 'fell', 'survived'...)."""
    choice: Mapping[str, str]
    """The question about the players' choices, by case."""
    claim: str
    missing: str


@frozen
class Reading:
    """One outcome as this game played it."""

    outcome: Outcome
    case: str
    game: str
    choice: str

    @property
    def questions(self) -> tuple[tuple[str, str], ...]:
        """(what it asks about, the question): the choices, the article, the game."""
        return (("Your choices", self.choice), ("The article", self.outcome.claim),
                ("Left out", self.outcome.missing))


def _month(d: Debrief, i: int) -> str:
    """The month of the value at index `i` of a series (0: the start, i: after turn i)."""
    return d.turns[i - 1].month if i >= 1 else d.ruleset.scenario.month_label(1)


def _first(values: list[int], holds: Callable[[int], bool]) -> int | None:
    return next((i for i, v in enumerate(values) if holds(v)), None)


def facts(d: Debrief) -> dict[str, Any]:
    """What happened in the game, as values for the outcomes' lines."""
    s = {name: d.series(name) for name in (
        "involvement", "troops_ukraine", "troops_border", "troops_minsk", "stability",
        "sovereignty", "sanctions", "economy", "network", "defections", "unrest")}
    fmt = {name: TRACK_BY_NAME[name].format for name in s}
    inv = s["involvement"]
    peak = max(inv)
    massed = _first(s["troops_border"], lambda v: v > 0)  # troops, not just the rung
    fell = next(((t, e) for t in d.turns for e in t.entries if any(
        c.name == "flag:regime_fallen" and c.after for c in e.changes)), None)
    rule = RULE_BY_NAME.get(fell[1].rule or "") if fell else None
    fell_by = (rule.title if rule else d.ruleset.cards[fell[1].card].title
               if fell and fell[1].card in d.ruleset.cards else "")
    tries = [(t, e.roll[1]) for t in d.turns for e in t.entries if e.kind == "roll"
             and e.roll and (e.rule == "uprising" or e.card == "call_the_uprising")]
    best = max(tries, key=lambda x: x[1], default=None)
    return {
        "start_month": _month(d, 0), "last_month": _month(d, len(d.turns)),
        "turns_played": len(d.turns),
        "involvement_start": inv[0], "involvement_peak": peak, "involvement_end": inv[-1],
        "peak_rung": INVOLVEMENT_LADDER[peak][0][:1].lower() + INVOLVEMENT_LADDER[peak][0][1:],
        "peak_month": _month(d, inv.index(peak)),
        "ukraine_peak": fmt["troops_ukraine"](max(s["troops_ukraine"])),
        "massed_month": _month(d, massed) if massed is not None else "",
        "border_peak": fmt["troops_border"](max(s["troops_border"])),
        "minsk_low": fmt["troops_minsk"](min(s["troops_minsk"])),
        "fell_month": fell[0].month if fell else "",
        "fell_text": fell[1].text if fell else "", "fell_rule": fell_by,
        "fell_source": fell[1].source if fell else "",
        "stability_end": fmt["stability"](s["stability"][-1]),
        "sov_start": s["sovereignty"][0], "sov_end": s["sovereignty"][-1],
        "sov_low": min(s["sovereignty"]),
        "sanctions_start": s["sanctions"][0], "sanctions_end": s["sanctions"][-1],
        "economy_start": s["economy"][0], "economy_end": s["economy"][-1],
        "uprising_tries": len(tries), "uprising_times": _times(len(tries)),
        "uprising_best": best[1] if best else 0,
        "uprising_month": best[0].month if best else "",
        "network_end": s["network"][-1], "defections_end": s["defections"][-1],
        "unrest_end": s["unrest"][-1],
        # not for the lines: what the cases are decided by
        "_fallen": fell is not None, "_over": d.final.over,
        "_by_uprising": bool(fell) and (fell[1].rule == "uprising"
                                        or fell[1].card == "call_the_uprising"),
    }


def _sign(a: int, b: int, up: str, down: str, same: str) -> str:
    return up if b > a else down if b < a else same


CASES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "war": lambda f: "yes" if f["involvement_peak"] >= 4 else "no",
    "massed": lambda f: "yes" if f["massed_month"] else "no",
    "regime": lambda f: ("fell" if f["_fallen"] else "survived" if f["_over"]
                         else "standing"),
    "sovereignty": lambda f: ("absorbed" if f["sov_low"] <= 1 else
                              "lost" if f["sov_end"] < f["sov_start"] else "kept"),
    "sanctions": lambda f: _sign(f["sanctions_start"], f["sanctions_end"], "up", "down",
                                 "same"),
    "uprising": lambda f: ("won" if f["_by_uprising"] else "failed" if f["uprising_tries"]
                           else "none"),
}
"""Each outcome's cases, and which one a game's facts make it."""

CASE_NAMES: dict[str, tuple[str, ...]] = {
    "war": ("yes", "no"), "massed": ("yes", "no"), "regime": ("fell", "survived", "standing"),
    "sovereignty": ("absorbed", "lost", "kept"), "sanctions": ("up", "down", "same"),
    "uprising": ("won", "failed", "none"),
}


class EpilogueError(ValueError):
    """The shipped epilogue.toml is not as this module reads it (a test catches it)."""


def _check(o: Outcome) -> None:
    if o.id not in CASES:
        raise EpilogueError(f"outcome {o.id!r}: no such outcome (known: {', '.join(CASES)})")
    for part in ("game", "choice"):
        lines = getattr(o, part)
        if set(lines) != set(CASE_NAMES[o.id]):
            raise EpilogueError(f"outcome {o.id!r}: {part} needs the cases "
                                f"{', '.join(CASE_NAMES[o.id])}, has {', '.join(lines)}")
        for case, text in lines.items():
            for _, name, _, _ in string.Formatter().parse(text):
                if name is not None and name not in FACTS:
                    raise EpilogueError(f"outcome {o.id!r}, {part}.{case}: no fact {name!r}")


@cache
def load() -> tuple[str, tuple[Outcome, ...]]:
    """(the introduction, the outcomes) from the shipped epilogue.toml, checked."""
    raw = tomllib.loads(resources.files("wargame").joinpath("epilogue.toml")
                        .read_text(encoding="utf-8"))
    outcomes = []
    for o in raw["outcome"]:
        outcome = Outcome(o["id"], o["title"], o["cites"], o["article"], o["history"],
                          dict(o["game"]), dict(o["choice"]), o["claim"], o["missing"])
        _check(outcome)
        outcomes.append(outcome)
    if [o.id for o in outcomes] != list(CASES):
        raise EpilogueError(f"epilogue.toml lists {[o.id for o in outcomes]}, expected "
                            f"{list(CASES)}")
    return raw["intro"], tuple(outcomes)


def readings(d: Debrief) -> tuple[Reading, ...]:
    """Every key outcome of the game, in the file's order, with this game's case."""
    f = facts(d)
    out = []
    for o in load()[1]:
        case = CASES[o.id](f)
        out.append(Reading(o, case, o.game[case].format(**f), o.choice[case].format(**f)))
    return tuple(out)


def to_data(d: Debrief) -> list[dict[str, Any]]:
    """The readings as plain data (the JSON report's `epilogue`)."""
    return [{"id": r.outcome.id, "title": r.outcome.title, "cites": r.outcome.cites,
             "case": r.case, "article": r.outcome.article, "game": r.game,
             "history": r.outcome.history,
             "questions": [{"about": about, "text": text} for about, text in r.questions]}
            for r in readings(d)]


def _times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
