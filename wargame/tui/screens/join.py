"""Joining a hosted game from a screen that was given no role (a browser tab opened on
`wargame serve --game NAME`): the people's roles, whether someone plays each already,
and watching the public board for the projector."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine.tracks import ROLE_SYMBOLS, ROLE_TITLES
from wargame.hosting import HostedError, HostedSession

from ..messages import Join, JoinGame
from . import BaseScreen

PRESENCE = {"free": "free", "away": "free again: its player left (rejoin here)",
            "here": "played from another screen now"}


class JoinScreen(BaseScreen):
    """Which seat of the hosted game this screen takes."""

    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    #join-box { width: 72; height: auto; }
    #join-title { width: 100%; text-align: center; margin-bottom: 1; }
    #join-seats { height: auto; border: round $accent; padding: 0 1; background: $surface; }
    #join-note { width: 100%; margin-top: 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Look again", id="join-reload",
                tooltip="Read again which seats are taken"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Static(id="join-title")
            yield OptionList(id="join-seats")
            yield Static(id="join-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.action_reload()
        self.query_one("#join-seats", OptionList).focus()

    def action_reload(self) -> None:
        seats = self.query_one("#join-seats", OptionList)
        title = self.query_one("#join-title", Static)
        try:
            with HostedSession.join(self.path, None, watch=False) as game:
                presence = game.presence()
                humans = game.human_roles
                state = game.state
                name = game.db_path.stem
        except HostedError as exc:
            title.update(Content.styled("This game cannot be joined", "bold $error"))
            self.query_one("#join-note", Static).update(str(exc))
            seats.clear_options()
            return
        where = ("game over" if state.over else f"{state.month}, turn {state.turn} of "
                 f"{state.turns}")
        title.update(Content.assemble((f"Join the game {name!r}", "bold $accent"),
                                      f"\n{where}"))
        options = []
        for role in humans:
            status = presence.get(role, "free")
            prompt = Content.assemble(
                (f" {ROLE_SYMBOLS[role]} {ROLE_TITLES[role]}", "bold"),
                (f"\n    {PRESENCE[status]}", "$text-muted"))
            options.append(Option(prompt, id=role, disabled=status == "here"))
        options.append(Option(Content.assemble(
            (" ○ Watch the board", "bold"),
            ("\n    the public board for the projector: no hand is shown", "$text-muted")),
            id="watch"))
        seats.clear_options()
        seats.add_options(options)
        seats.highlighted = next(i for i, o in enumerate(options) if not o.disabled)
        watching = presence.get("watching", "0")
        self.query_one("#join-note", Static).update(
            "Choose the role your team plays. Your hand is shown only on this screen; "
            f"the game is kept if this tab closes: open it again to rejoin. "
            f"({watching} watching now; r looks again.)")

    @on(OptionList.OptionSelected, "#join-seats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        role = None if choice == "watch" else choice
        self.app.post_message(JoinGame(Join(self.path, role), failed=self.action_reload))
