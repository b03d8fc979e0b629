"""The review's cache: a hidden file beside the save, `.NAME.review.json`, holding the
playouts' outcomes of the last review of that save (never the save itself, whose bytes
and digests a review never touches; hidden, so no list of saves mistakes it for one).

The cache is read as untrusted data, like a save: a file that does not match this
game's final digest, its decks, the budget and this version of the game, or whose
numbers do not fit the game's decisions, is ignored and computed again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import write_atomic
from ..locations import review_cache
from ..saves import SaveData
from .playouts import MODEL, decisions

FORMAT = "springboard-review-cache"
MAX_BYTES = 64 * 1024 * 1024


def _key(save: SaveData, budget: int) -> dict[str, Any]:
    return {"format": FORMAT, "version": 1, "game_version": __version__,
            "digest": save.final.digest, "ruleset": save.ruleset.digest, "budget": budget,
            "model": list(MODEL)}


def load_outcomes(path: Path, save: SaveData, budget: int | None = None
                  ) -> list[list[tuple[int, ...]]] | None:
    """The cached outcomes for this save (and `budget`, when given), or None."""
    data = _read(path)
    if data is None:
        return None
    if budget is None:
        budget = data.get("budget")
        if not isinstance(budget, int) or isinstance(budget, bool):
            return None
    if {k: data.get(k) for k in _key(save, budget)} != _key(save, budget):
        return None
    found, _ = decisions(save)
    outcomes = data.get("outcomes")
    if not isinstance(outcomes, list) or len(outcomes) != len(found):
        return None
    out: list[list[tuple[int, ...]]] = []
    for d, rows in zip(found, outcomes, strict=True):
        if not isinstance(rows, list) or len(rows) != budget:
            return None
        checked = []
        for row in rows:
            if (not isinstance(row, list) or len(row) != len(d.legal)
                    or not all(type(x) is int and 0 <= x < 8 for x in row)):
                return None
            checked.append(tuple(row))
        out.append(checked)
    return out


def cached_budget(path: Path) -> int | None:
    """The budget of the review cached beside `path`, if any."""
    data = _read(path)
    budget = None if data is None else data.get("budget")
    return budget if type(budget) is int else None


def _read(path: Path) -> dict[str, Any] | None:
    try:
        raw = review_cache(path).read_bytes()
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def store_outcomes(path: Path, save: SaveData, budget: int,
                   outcomes: Sequence[Sequence[Sequence[int]]]) -> bool:
    """Write the cache beside `path`; False when the folder cannot be written."""
    data = {**_key(save, budget), "outcomes": [[list(o) for o in rows] for rows in outcomes]}
    text = json.dumps(data, separators=(",", ":"))
    try:
        write_atomic(review_cache(path), text.encode("utf-8"))
    except OSError:
        return False
    return True


__all__ = ["FORMAT", "cached_budget", "load_outcomes", "store_outcomes"]
