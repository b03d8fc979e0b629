"""The dialogs of a class's dashboard that one keyboard's facilitator does not need: the
orders timer of every table, and the question asked of every team (a forecast of an
outcome, or the team's vote on its order), with the facilitator's reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wargame.classroom import MAX_TEXT, MAX_TIMER, MIN_TIMER, Outcome, parse_duration

from . import BaseModal
from .classroom import short_duration

MUTED = "$text-muted"


class TimerDialog(BaseModal[int | None]):
    """The orders timer: a duration (3m, 90s, 2:30; 0 for none) -> seconds, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="timer-back"),
        Binding("enter", "enter", "Set", id="timer-set", show=False, priority=True),
    ]

    def __init__(self, where: str, seconds: int) -> None:
        super().__init__()
        self.where, self.seconds = where, seconds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog reason-dialog"):
            yield Static(Content.styled(f"The orders timer at {self.where}", "bold $accent"),
                         classes="dialog-title")
            yield Static("How long each month's orders may take (3m, 90s, 2:30; 0 for no "
                         "timer). Orders under way get the new time from when they began; "
                         "every team's screen shows what is left.", classes="dialog-text")
            yield Input(short_duration(self.seconds) or "0", max_length=8, id="timer-value")
            yield Static("", id="timer-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Set it (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        field = self.query_one("#timer-value", Input)
        self.next_field(field)
        field.select_all()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        text = self.query_one("#timer-value", Input).value.strip()
        try:
            seconds = 0 if text in ("", "0") else parse_duration(text)
        except ValueError as exc:
            self._problem(str(exc))
            return
        if seconds and not MIN_TIMER <= seconds <= MAX_TIMER:
            self._problem(f"From {MIN_TIMER} seconds to {MAX_TIMER // 60} minutes, or 0.")
            return
        self.dismiss(seconds)

    def _problem(self, text: str) -> None:
        self.query_one("#timer-problem", Static).update(Content.styled(text, "$error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AskDialog(BaseModal[tuple[Outcome | None, str] | None]):
    """What to ask every team: a forecast of one outcome (`outcomes`: the choices), or
    the team's vote (no outcomes), and why: (outcome or None, reason), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="ask-back"),
        Binding("enter", "enter", "Next", id="ask-next", show=False, priority=True),
        *[Binding(key, f"move('{move}')", show=False, priority=True)
          for key, move in (("up", "cursor_up"), ("down", "cursor_down"))],
    ]

    def __init__(self, where: str, outcomes: Sequence[Outcome] = ()) -> None:
        super().__init__()
        self.where = where
        self.outcomes = list(outcomes)

    def compose(self) -> ComposeResult:
        vote = not self.outcomes
        with Vertical(classes="dialog picker events-dialog"):
            yield Static(Content.styled(
                f"Ask {self.where} for {'a team vote' if vote else 'a forecast'}",
                "bold $accent"), classes="dialog-title")
            yield Static(Content.assemble(
                "Each team votes on the order it gives this month (how many of its members "
                "were for it) and says why." if vote else "Each team says how likely the "
                "outcome is (0-100%) and why; the report scores the forecasts.",
                (" Your reason goes into each table's log and save.", MUTED)),
                classes="dialog-text")
            if not vote:
                yield OptionList(*[Option(o.text, id=o.id) for o in self.outcomes],
                                 id="ask-outcomes")
            yield Input("", placeholder="why you ask, in a few words", max_length=MAX_TEXT,
                        id="ask-why")
            yield Static("", id="ask-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Ask (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        if self.outcomes:
            options = self.query_one("#ask-outcomes", OptionList)
            options.highlighted = 0
            self.next_field(options)
        else:
            self.next_field(self.query_one("#ask-why", Input))

    def action_move(self, move: str) -> None:
        if self.outcomes and self.focused is self.query_one("#ask-outcomes", OptionList):
            getattr(self.query_one("#ask-outcomes", OptionList), f"action_{move}")()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        why = " ".join(self.query_one("#ask-why", Input).value.split())
        if not why:
            self.query_one("#ask-problem", Static).update(Content.styled(
                "Write a few words: they go into every table's log.", "$error"))
            self.next_field(self.query_one("#ask-why", Input))
            return
        outcome = None
        if self.outcomes:
            at = self.query_one("#ask-outcomes", OptionList).highlighted or 0
            outcome = self.outcomes[at]
        self.dismiss((outcome, why))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["AskDialog", "TimerDialog"]
