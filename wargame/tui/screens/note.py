"""A teacher's note at a moment of the game (during play or in the replay viewer): one line
of text, kept in the save and shown in the replay and the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from ..messages import NoteWritten
from . import BaseModal, BaseScreen

if TYPE_CHECKING:
    from wargame.session import Session

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"
MAX_NOTE = 2_000
"""The save format's limit (`wargame.saves.MAX_NOTE`)."""


class NoteDialog(BaseModal[str | None]):
    """Enter keeps the note, Escape drops it. The answer is the text, or None."""

    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="note-back"),
    ]

    def __init__(self, where: str, path: Path | None) -> None:
        super().__init__()
        self.where = where
        self.path = path

    def compose(self) -> ComposeResult:
        kept = (f"It is kept in {self.path.name} and shown in the replay and the report."
                if self.path is not None else
                "This game is not being saved: the note lasts until you close it.")
        with Vertical(classes="dialog"):
            yield Static(Content.assemble(("✎ ", "bold $accent"), (self.where, "bold $accent")),
                         classes="dialog-title")
            yield Static(Content.styled("A question for the class, what to look at, why this "
                                        "moment matters. " + kept, "$text-muted"),
                         classes="dialog-text")
            yield Input(placeholder="Ask: why did Minsk comply now?", max_length=MAX_NOTE,
                        id="note-input")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep the note (Enter)", variant="primary", id="keep")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    @on(Input.Submitted, "#note-input")
    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        text = self.query_one("#note-input", Input).value.strip()
        if not text:
            self.notify("Write something first, or Escape to leave without a note.",
                        severity="warning")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_note(screen: BaseScreen, session: Session, at: int | None = None, where: str = "",
             done: Callable[[], object] | None = None) -> None:
    """Open the note dialog over `screen`; the note written goes to the app
    (`NoteWritten`), which keeps it in `session` (at the current point of the game, or
    after the first `at` actions) and says where it went. `done()` runs after a note is
    kept."""
    if where == "":
        state = session.state
        where = f"A note at turn {state.turn} ({state.month})"

    def written(text: str | None) -> None:
        if text:
            screen.app.post_message(NoteWritten(session, text, at, done))

    # Through the app's own loop: the answer comes back here from the palette too.
    screen.host.open_dialog(NoteDialog(where, session.path), written)


__all__ = ["NoteDialog", "ask_note"]
