"""The screens of the game. Each one reads what it is given (a session's views, log
lines) and posts messages or returns a result; the app changes the game."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.screen import ModalScreen, Screen

from ..widgets import TooSmall


class BaseScreen(Screen):
    """A full screen that shows a message instead of a broken layout when the terminal
    is too small (the app's breakpoint classes switch it on)."""

    @on(events.Mount)
    def _mount_too_small(self) -> None:
        self.mount(TooSmall(classes="too-small"))


ResultType = TypeVar("ResultType")


class BaseModal(ModalScreen[ResultType]):
    """A dialog over another screen, with the same too-small message."""

    @on(events.Mount)
    def _mount_too_small(self) -> None:
        self.mount(TooSmall(classes="too-small"))
