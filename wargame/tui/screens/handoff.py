"""The hand-off between two people at one keyboard: nothing of any hand is on screen
until the next player presses a key."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from wargame.engine.tracks import ROLE_SYMBOLS, ROLE_TITLES

from ..messages import HandoffDone
from . import BaseScreen


class HandoffScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "ready", "I am ready", id="handoff-ready")]

    def __init__(self, role: str, month: str) -> None:
        super().__init__()
        self.role = role
        self.month = month

    def compose(self) -> ComposeResult:
        name = ROLE_TITLES[self.role]
        with Vertical(id="handoff"):
            yield Static("Pass the keyboard to", classes="handoff-line")
            yield Static(Content.styled(f"{ROLE_SYMBOLS[self.role]}  {name}",
                                        "bold $accent"), id="handoff-role")
            yield Static(f"Orders for {self.month}", classes="handoff-line")
            yield Static(Content.styled(
                "Everyone else, look away: the next screen shows this player's hand.\n"
                "Press Enter (or any letter) when you are ready.", "$text-muted"),
                classes="handoff-line")
            with Center():
                yield Button(f"I am {name.split(' (')[0]}: show my hand", variant="primary",
                             id="ready")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_ready()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character not in ("?",):
            event.stop()
            self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(self.role)
        self.app.post_message(HandoffDone(self.role))
