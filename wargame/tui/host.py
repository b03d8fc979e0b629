"""The app as the screens see it: a typed interface (a `Protocol`), so that no screen
imports the app nor reaches into it by name. A screen reads what the app shows (the
session, the settings, the save folder) and asks for what it may (a dialog, the help, the
report); every change to the game is a message (`messages.py`) that the app handles."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from wargame.session import Session

    from .screens.board import BoardScreen
    from .seminar import Seminar
    from .settings import Settings


class Host(Protocol):
    """What `SpringboardApp` offers its screens (besides Textual's `App`)."""

    settings: Settings
    save_dir: Path | None
    thinking: set[str]
    """Bot seats whose worker is choosing right now."""

    @property
    def session(self) -> Session | None:
        """The game being played at this screen, if any."""
        ...

    @property
    def board(self) -> BoardScreen | None: ...

    @property
    def seminar(self) -> Seminar | None:
        """The classroom around the game (facilitator, timer, teams), if any."""
        ...

    @property
    def locked(self) -> bool:
        """Whether this screen plays one hosted game and nothing else."""
        ...

    @property
    def humans(self) -> list[str]: ...

    @property
    def viewer(self) -> str | None: ...

    def refuse_if_locked(self) -> bool: ...

    def deckset(self) -> Any: ...

    def load_save(self, path: Path) -> Session | None: ...

    def open_dialog(self, screen: Screen[Any],
                    callback: Callable[[Any], object] | None = None) -> Awaitable[None]:
        ...

    def hints_in_turn(self, keys: list[str]) -> None: ...

    def action_help(self, tab: str = "keys") -> None: ...

    def action_new_game(self) -> None: ...

    def action_resume_last(self) -> None: ...

    def action_open_save(self) -> None: ...

    def action_title(self) -> None: ...

    def action_quit_game(self) -> None: ...

    def action_toggle_dark(self) -> None: ...

    def action_terminal_theme(self) -> None: ...

    def action_toggle_hints(self) -> None: ...

    def action_restart_tutorial(self) -> None: ...

    def hints_off(self) -> None: ...

    def action_export_report(self, session: Session | None = None) -> Path | None: ...

    def action_debrief(self, session: Session | None = None) -> None: ...
