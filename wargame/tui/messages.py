"""What the screens and workers ask of the app: the requests that start a game (from the
command line or a screen) and the messages the screens and workers post. The app's
handlers own every change to the game (Harlequin's rule: workers and widgets never touch
the session); this module imports nothing of the app, so every screen may use it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from wargame.engine.state import Order
    from wargame.saves import Seat
    from wargame.session import Session

# -- requests: how a game starts ------------------------------------------------------


@dataclass(frozen=True)
class SeatChoice:
    kind: str  # "human" or "bot"
    level: str | None = None


@dataclass(frozen=True)
class NewGame:
    """What the new-game screen (or `wargame play`) asks for."""

    seats: dict[str, SeatChoice]
    scenario: str | None = None
    turns: int | None = None
    seed: int | None = None
    edition: int | None = None
    """The rules edition (None: the newest)."""
    classroom: Any = None
    """`wargame.classroom.Settings` for a classroom game (facilitator, timer, teams,
    forecasts), or None."""


@dataclass(frozen=True)
class Resume:
    path: Path


@dataclass(frozen=True)
class Replay:
    """`wargame replay SAVE`: open a loaded save in the replay viewer, at `turn`, as
    `viewpoint` saw it (None: the referee), comparing it with `compare` if given."""

    session: Any
    turn: int | None = None
    viewpoint: str | None = None
    compare: Any = None


@dataclass(frozen=True)
class Join:
    """What `wargame join` asks for: the game's database and the role to play (None:
    watch the public board), or `pick` to let the player choose on screen."""

    path: Path
    role: str | None = None
    pick: bool = False
    take_over: bool = False
    session: Any = field(default=None, compare=False)
    """The game already joined (by `wargame join`, to report a taken seat in one line)."""


# -- messages: what a screen or a worker tells the app ---------------------------------


class StartGame(Message):
    """The new-game screen's form: start this game (and keep the hints setting)."""

    def __init__(self, request: NewGame, hints: bool) -> None:
        super().__init__()
        self.request = request
        self.hints = hints


class JoinGame(Message):
    """A seat was chosen on the join screen; `failed` runs when it cannot be taken."""

    def __init__(self, request: Join, failed: Callable[[], object]) -> None:
        super().__init__()
        self.request = request
        self.failed = failed


class ResumeGame(Message):
    """Go on playing the saved game at `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class NoteWritten(Message):
    """Keep a teacher's note in `session` (after its first `at` actions, or now);
    `done()` runs once it is kept."""

    def __init__(self, session: Session, text: str, at: int | None,
                 done: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.session = session
        self.text = text
        self.at = at
        self.done = done


class BranchWanted(Message):
    """What if: a new game from the start of `turn` of `session`, with these seats,
    played on at once."""

    def __init__(self, session: Session, turn: int, seats: Mapping[str, Seat],
                 hosted: bool) -> None:
        super().__init__()
        self.session = session
        self.turn = turn
        self.seats = seats
        self.hosted = hosted


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


class LateOrdersDecided(Message):
    """The classroom's stand-in bots have chosen for the roles whose time ran out:
    (role, order, reason) each."""

    def __init__(self, game: str, turn: int, decided: list[tuple[str, Order, str]]) -> None:
        super().__init__()
        self.game = game
        self.turn = turn
        self.decided = decided


class BotFailed(Message):
    """A bot's worker raised: the game cannot go on without that order."""

    def __init__(self, game: str, role: str, error: str) -> None:
        super().__init__()
        self.game = game
        self.role = role
        self.error = error


class SavesFound(Message):
    """A screen's worker has looked through the save folders: each save with its line
    (`rows`), and what to say about them (`note`). Posted to the screen that asked."""

    def __init__(self, rows: list[tuple[Path, Any]], note: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.note = note


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
