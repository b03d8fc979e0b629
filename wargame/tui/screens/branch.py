"""What if…? A new game from the start of a turn of this one: the same seed, decks and
history up to then, and whoever the class chooses in each seat from there. The branch is
saved with a link to its parent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Label, Select, Static

from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, ROLES
from wargame.saves import Seat

from . import BaseModal

if TYPE_CHECKING:
    from wargame.session import Session

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"

SEAT_OPTIONS = [("Human", "human"), ("Bot: easy", "easy"), ("Bot: normal", "normal"),
                ("Bot: hard", "hard")]


def default_seats(session: Session) -> dict[str, str]:
    """The game's own seats; in a game of bots only, the opposition becomes human (the
    same bots from the same moment would most likely play the same game again)."""
    out = {r: "human" if s.kind == "human" else str(s.level) for r, s in session.seats.items()}
    if "human" not in out.values():
        out["opposition"] = "human"
    return out


class BranchDialog(BaseModal["dict[str, Seat] | None"]):
    """Who plays each role in the branch; the answer is the seats, or None."""

    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="branch-back"),
        Binding("ctrl+s", "confirm", "Branch", id="branch-confirm", show=True),
    ]

    def __init__(self, session: Session, turn: int) -> None:
        super().__init__()
        self.session = session
        self.turn = turn

    def compose(self) -> ComposeResult:
        month = self.session.ruleset.scenario.month_label(self.turn)
        seats = default_seats(self.session)
        name = self.session.path.name if self.session.path else "this game"
        with Vertical(classes="dialog"):
            yield Static(Content.assemble(("What if…? ", "bold $accent"),
                                          (f"A new game from the start of {month}",
                                           "bold")), classes="dialog-title")
            yield Static(Content.assemble(
                f"Everything up to the end of turn {self.turn - 1} stays as it was in "
                f"{name} (the same seed, decks and orders); from {month} on, the seats "
                "below play it anew. It is saved as a branch that names its parent.",
                ("\nWho plays each role from there:", "$text-muted")),
                classes="dialog-text")
            with Grid(id="branch-form"):
                for role in ROLES:
                    yield Label(Content.assemble((ROLE_SYMBOLS[role] + " ", "bold"),
                                                 ROLE_NAMES[role]), classes="field-label")
                    yield Select(SEAT_OPTIONS, value=seats[role], allow_blank=False,
                                 compact=True, id=f"branch-{role}")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Branch and play", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    def seats(self) -> dict[str, Seat]:
        out = {}
        for role in ROLES:
            value = str(self.query_one(f"#branch-{role}", Select).value)
            out[role] = Seat(role, "human") if value == "human" else Seat(role, "bot", value)
        return out

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(self.seats())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
