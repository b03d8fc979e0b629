"""A teacher's note at a moment of the game (during play or in the replay viewer): one line
of text, kept in the save and shown in the replay and the report."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from . import BaseModal

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


def ask_note(screen, session, at: int | None = None, where: str = "",
             done=None) -> None:
    """Open the note dialog over `screen` and keep the note in `session` (at the current
    point of the game, or after the first `at` actions), saying where it went. `done()`
    runs after a note is kept."""
    if where == "":
        state = session.state
        where = f"A note at turn {state.turn} ({state.month})"

    def written(text: str | None) -> None:
        if text and keep_note(screen, session, text, at) and done is not None:
            done()

    dialog = NoteDialog(where, session.path)
    open_dialog = getattr(screen.app, "open_dialog", None)  # safe from the palette too
    if open_dialog is not None:
        open_dialog(dialog, written)
    else:
        screen.app.push_screen(dialog, written)


def keep_note(screen, session, text: str, at: int | None = None) -> bool:
    """Add the note to the session (which autosaves it); False, with a message, when it
    is refused. A note that could not be written to disk is kept in memory."""
    from wargame.saves import SaveError

    try:
        session.add_note(text, at=at)
    except ValueError as exc:
        screen.notify(str(exc), title="The note was not kept", severity="error")
        return False
    except SaveError as exc:
        screen.notify(f"{exc}. The note is kept until the game is closed.",
                      title="The save could not be written", severity="error", timeout=10)
        return True
    if session.path is not None:
        screen.notify(f"Kept in {session.path.name}.", title="Note saved", timeout=3)
    return True
