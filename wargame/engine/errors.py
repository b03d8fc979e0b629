"""The engine's error types."""

from __future__ import annotations


class IllegalAction(Exception):
    """An action that the rules do not allow now. The state it was applied to is unchanged
    (states are immutable); the message says why."""


class ExpressionError(ValueError):
    """A malformed expression or one that names something the game does not know."""

    def __init__(self, text: str, message: str, position: int | None = None) -> None:
        self.text = text
        self.position = position
        where = f" at column {position + 1}" if position is not None else ""
        super().__init__(f"{message}{where} in {text!r}")
