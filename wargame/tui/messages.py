"""The messages the screens and workers post; the app's handlers own every change to the
game (Harlequin's rule: workers and widgets never touch the session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from wargame.engine.state import Order


class OrderChosen(Message):
    """A human confirmed an order on the board."""

    def __init__(self, order: Order) -> None:
        super().__init__()
        self.order = order


class BotDecided(Message):
    """A bot's worker has chosen. `turn` and `game` guard against a stale answer (a new
    game started while the bot was thinking)."""

    def __init__(self, game: str, turn: int, role: str, order: Order, reason: str) -> None:
        super().__init__()
        self.game = game
        self.turn = turn
        self.role = role
        self.order = order
        self.reason = reason


class BotFailed(Message):
    """A bot's worker raised: the game cannot go on without that order."""

    def __init__(self, game: str, role: str, error: str) -> None:
        super().__init__()
        self.game = game
        self.role = role
        self.error = error


class SettingsChanged(Message):
    """The theme or the hints setting changed (screens update their labels)."""


class StoryFinished(Message):
    """The player has read the resolution (or the month's event) and goes on."""


class HandoffDone(Message):
    """The next player at a shared keyboard is ready to see their hand."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role


class HintDismissed(Message):
    """A first-game hint was read (the next one may follow)."""
