"""How well a class forecast: Brier scores over the outcomes the game settled, and what
a score means in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen

from ..engine.tracks import ROLES
from .model import Classroom
from .outcomes import Outcome


@frozen
class RoleScore:
    """How well one role forecast: its Brier score over the settled forecasts (None when
    none is settled yet), how many that is, and its mean forecast against what happened."""

    role: str
    brier: float | None
    settled: int
    open: int
    mean_forecast: float | None
    happened: float | None
    """The share of its settled forecasts whose outcome happened."""


def brier(forecasts: Sequence[tuple[int, bool]]) -> float | None:
    """The mean of (p − outcome)², p as a probability (percent / 100), outcome 1 if it
    happened and 0 if not. 0 is perfect; always 50% scores 0.25."""
    if not forecasts:
        return None
    return sum((p / 100 - (1 if happened else 0)) ** 2 for p, happened in forecasts) \
        / len(forecasts)


def settle_all(outcomes: Iterable[Outcome], game: Any) -> dict[str, bool | None]:
    return {o.id: o.settle(game) for o in outcomes}


def scores(classroom: Classroom, game: Any) -> list[RoleScore]:
    """Each role that forecast, with its Brier score over the outcomes settled in `game`
    (a Debrief). Forecasts for turns the game never reached are left out."""
    settled = settle_all(classroom.settings.outcomes, game)
    played = max((t.turn for t in game.turns), default=0)
    out = []
    for role in ROLES:
        mine = [f for f in classroom.forecasts if f.role == role and f.outcome in settled
                and f.turn <= max(played, 1)]
        if not mine:
            continue
        done = [(f.p, bool(settled[f.outcome])) for f in mine
                if settled.get(f.outcome) is not None]
        out.append(RoleScore(
            role, brier(done), len(done), len(mine) - len(done),
            sum(p for p, _ in done) / len(done) if done else None,
            sum(1 for _, h in done if h) / len(done) if done else None))
    return out


def judgement(score: float) -> str:
    """Plain words for a Brier score."""
    if score <= 0.05:
        return "excellent: sure and right"
    if score <= 0.15:
        return "good: clearly better than guessing 50%"
    if score < 0.25:
        return "a little better than guessing 50%"
    if score == 0.25:
        return "the same as guessing 50% every time"
    return "worse than guessing 50%: confident and wrong"


BRIER_EXPLAINED = (
    "Each forecast was a chance from 0% to 100% that the outcome would happen. The Brier "
    "score is the average of (forecast − result)², with the forecast as a fraction (30% is "
    "0.3) and the result 1 if the outcome happened and 0 if not. Lower is better: 0 is a "
    "perfect forecaster, saying 50% every time scores 0.25, and being sure and wrong "
    "scores 1.")
