"""Bots for every role: `make_bot(level, role, seed).choose(view) -> Decision`.

- `easy`: a legal order at random (tests, beginners).
- `normal`: each role's priorities, a flowchart a player could follow on paper.
- `hard`: information-set Monte Carlo tree search over determinised games, with a budget
  counted in playouts.

A bot reads only its role's view, and draws from its own random stream derived from the
game's seed, its role, its level and the turn: a game with bots is as reproducible as one
without, and a bot thinking longer never moves the game's dice.
"""

from __future__ import annotations

from typing import Any

from .base import LEVELS, Bot, Decision, order_title


def make_bot(level: str, role: str, seed: int, **options: Any) -> Bot:
    """A bot of `level` ("easy", "normal" or "hard") for `role` in the game of `seed`.
    The hard bot takes `playouts=` (its budget per decision)."""
    if level == "easy":
        from .easy import EasyBot

        return EasyBot(role, seed, **options)
    if level == "normal":
        from .normal import NormalBot

        return NormalBot(role, seed, **options)
    if level == "hard":
        from .hard import HardBot

        return HardBot(role, seed, **options)
    raise ValueError(f"unknown bot level {level!r}; the levels are {', '.join(LEVELS)}")


__all__ = ["LEVELS", "Bot", "Decision", "make_bot", "order_title"]
