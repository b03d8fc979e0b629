"""Go to a moment of the replay: the turning points (with what caused them), the
teacher's notes, and every turn with its event."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine.tracks import ROLE_SYMBOLS

from ..timeline import NOTE, TURNING_POINT
from . import BaseModal

if TYPE_CHECKING:
    from .replay import ReplayScreen

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"


def goto_options(replay: ReplayScreen) -> list[tuple[int | None, Content]]:
    """(moment index or None for a heading, the line) for every place worth a jump."""
    d = replay.debrief
    month = d.ruleset.scenario.month_label
    out: list[tuple[int | None, Content]] = []
    if d.turning_points:
        out.append((None, Content.styled("Turning points: the largest swings in each role's "
                                         "margin", "bold $primary")))
        for p in d.turning_points:
            out.append((replay.turn_start(p.turn), Content.assemble(
                (f"{TURNING_POINT} turn {p.turn} ", "bold $warning"),
                (f"{ROLE_SYMBOLS[p.role]} ", "bold"), p.summary())))
    if d.notes:
        out.append((None, Content.styled("Notes", "bold $primary")))
        for n in d.notes:
            out.append((replay.moment_of_note(n), Content.assemble(
                (f"{NOTE} turn {n.turn} ", "bold $warning"), n.text)))
    out.append((None, Content.styled("Turns", "bold $primary")))
    turning = {p.turn for p in d.turning_points}
    noted = {n.turn for n in d.notes}
    for t in d.turns:
        event = d.ruleset.cards[t.event].title if t.event else "no event"
        marks = (TURNING_POINT if t.turn in turning else "") + (NOTE if t.turn in noted else "")
        out.append((replay.turn_start(t.turn), Content.assemble(
            (f"{t.turn:>2} {month(t.turn)}", "bold"), (f" {marks}" if marks else "",
                                                       "bold $warning"),
            (f"  ○ {event}", "$text-muted"))))
    return out


class GotoDialog(BaseModal[int | None]):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="goto-back"),
    ]

    def __init__(self, replay: ReplayScreen) -> None:
        super().__init__()
        self.rows = goto_options(replay)
        self.current = replay.turn

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Content.styled("Go to…", "bold $accent"), classes="dialog-title")
            yield OptionList(*[Option(text, id=str(i), disabled=index is None)
                               for i, (index, text) in enumerate(self.rows)], id="goto-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Go (Enter)", variant="primary", id="go")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#goto-list", OptionList)
        options.focus()
        options.highlighted = next((i for i, (index, _) in enumerate(self.rows)
                                    if index is not None), None)

    @on(OptionList.OptionSelected, "#goto-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[event.option_index][0])

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        highlighted = self.query_one("#goto-list", OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self.rows[highlighted][0])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
