"""The game review: which decisions mattered, measured like a chess engine's analysis.

    rv = review_file("game.json", budget=32, jobs=2)     # or a Dask scheduler
    rv.reviews          # every order of every role: each legal order's chances
    render(rv, "md")    # Markdown, HTML or JSON

For every order of every role in a saved game, every legal order of that moment is
played on to the end of the game on the same `budget` sampled futures (`playouts.py`:
the hard bot's determinised playouts, common random numbers), and each gets its chance
of winning and of each result level, with 95% intervals (`analysis.py`). An order is a
mistake only when the best order beat it by more than the uncertainty.

The outcomes depend on the save's final digest, the budget and the version of the game
only, never on how many jobs computed them: `--jobs 4`, a Dask cluster and one process
give the same review, byte for byte. They are cached beside the save (a hidden file,
`cache.py`); the save itself is never changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from .. import __version__
from ..cluster import run_map
from ..saves import SaveData, decode, replay
from .analysis import Reviewed, review_decision
from .playouts import CHUNK, MODEL, Decision, decisions, run_unit, units

DEFAULT_BUDGET = 32
"""Sampled futures per decision (each one played for every legal order)."""
MAX_BUDGET = 4096


@frozen
class Review:
    """A saved game reviewed: its decisions, each with every legal order's estimates."""

    name: str
    digest: str
    budget: int
    save: SaveData
    reviews: tuple[Reviewed, ...]
    version: str = __version__

    def to_data(self) -> dict[str, Any]:
        rs = self.save.ruleset
        return {
            "review": 1, "save": self.name, "game": self.save.game_id,
            "digest": self.digest, "scenario": rs.scenario.id, "edition": rs.edition,
            "budget": self.budget, "model": list(MODEL), "version": self.version,
            "orders": [r.to_data() for r in self.reviews],
        }


Progress = Callable[[int, int], None]
"""progress(playouts done, playouts in all)."""


def outcomes_of(raw: bytes, save: SaveData, found: Sequence[Decision], budget: int,
                jobs: int = 1, scheduler: str | None = None,
                progress: Progress | None = None,
                which: Sequence[int] | None = None) -> list[list[tuple[int, ...]]]:
    """Every decision's playout outcomes (one tuple per playout, one outcome per legal
    order), computed here, in `jobs` processes or on a Dask cluster: the same whoever
    computes them. `which`: only these decisions (positions in `found`; the others'
    lists stay empty)."""
    digest = save.final.digest
    work = [u for u in units(raw, digest, len(found), budget, CHUNK)
            if which is None or u.decision in which]
    total = sum((u.stop - u.first) * len(found[u.decision].legal) for u in work)
    out: list[list[tuple[int, ...]]] = [[] for _ in found]
    done = 0
    if progress is not None:
        progress(0, total)
    for unit, result in zip(work, run_map(run_unit, work, jobs, scheduler), strict=True):
        out[unit.decision].extend(result)
        done += (unit.stop - unit.first) * len(found[unit.decision].legal)
        if progress is not None:
            progress(done, total)
    return out


def build(name: str, save: SaveData, found: Sequence[Decision], budget: int,
          outcomes: Sequence[Sequence[Sequence[int]]]) -> Review:
    reviews = tuple(review_decision(save.ruleset, d, o)
                    for d, o in zip(found, outcomes, strict=True))
    return Review(name, save.final.digest, budget, save, reviews)


def check_budget(budget: int) -> None:
    if not 2 <= budget <= MAX_BUDGET:
        raise ValueError(f"the budget is from 2 to {MAX_BUDGET} playouts per decision")


def review_bytes(raw: bytes, name: str, budget: int = DEFAULT_BUDGET, jobs: int = 1,
                 scheduler: str | None = None, progress: Progress | None = None,
                 known: Sequence[Sequence[Sequence[int]]] | None = None) -> Review:
    """Review the save of these bytes (it must replay: SaveError otherwise)."""
    check_budget(budget)
    save = decode(raw, name)
    replay(save)
    found, _ = decisions(save)
    outcomes = known if known is not None else outcomes_of(raw, save, found, budget, jobs,
                                                           scheduler, progress)
    return build(name, save, found, budget, outcomes)


def review_file(path: str | os.PathLike[str], budget: int = DEFAULT_BUDGET, jobs: int = 1,
                scheduler: str | None = None, progress: Progress | None = None,
                use_cache: bool = True) -> Review:
    """Review a save file, from its cache beside it when that holds this budget's
    playouts for this very game and version; else computed and cached (a cache that
    cannot be written is only a slower next time)."""
    from .cache import load_outcomes, store_outcomes

    path = Path(path)
    raw = path.read_bytes()
    check_budget(budget)
    save = decode(raw, str(path))
    known = load_outcomes(path, save, budget) if use_cache else None
    rv = review_bytes(raw, path.name, budget, jobs, scheduler, progress, known)
    if known is None and use_cache:
        store_outcomes(path, save, budget, [r.outcomes for r in rv.reviews])
    return rv


def cached_review(path: str | os.PathLike[str]) -> Review | None:
    """The review cached beside a save (of whatever budget), or None when there is none
    for this very game and version (nothing is computed)."""
    from .cache import cached_budget, load_outcomes

    path = Path(path)
    budget = cached_budget(path)
    if budget is None or not 2 <= budget <= MAX_BUDGET:
        return None
    raw = path.read_bytes()
    save = decode(raw, str(path))
    known = load_outcomes(path, save, budget)
    return None if known is None else review_bytes(raw, path.name, budget, known=known)


__all__ = ["DEFAULT_BUDGET", "MAX_BUDGET", "Review", "build", "cached_review", "outcomes_of",
           "review_bytes", "review_file"]
