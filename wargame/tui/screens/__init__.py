"""The screens of the game. Each one reads what it is given (a session's views, log
lines) and posts messages or returns a result; the app changes the game."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

MUTED = "$text-muted"


class TooSmall(Widget):
    """Shown instead of a broken layout when the terminal is too small."""

    def render(self) -> Content:
        from ..app import MIN_HEIGHT, MIN_WIDTH

        size = self.app.size
        return Content.assemble(
            ("The terminal is too small for Springboard\n\n", "bold"),
            f"It is {size.width}×{size.height}; the game needs at least "
            f"{MIN_WIDTH}×{MIN_HEIGHT}.\n",
            "Make the window larger or the font smaller.\n\n",
            ("Ctrl+Q quits (a game in progress is saved).", MUTED))


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
