"""The classroom's dialogs: a team's vote on its order, the forecasts before each
resolution, the orders timer running out, and the classroom settings of a new game."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Input, SelectionList, Static

from wargame.classroom import (
    MAX_OUTCOMES,
    MAX_TEAM,
    MAX_TEXT,
    PRESETS,
    Outcome,
    Settings,
    parse_duration,
)
from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, ROLES

from . import BaseModal

MUTED = "$text-muted"


def short_duration(seconds: int) -> str:
    """180 -> '3m', 90 -> '1m30s', 45 -> '45s', 0 -> '' (what `parse_duration` reads)."""
    if not seconds:
        return ""
    minutes, secs = divmod(seconds, 60)
    return (f"{minutes}m" if minutes else "") + (f"{secs}s" if secs else "")


def _number(text: str) -> int | None:
    text = text.strip().rstrip("%").strip()
    return int(text) if text.isdigit() else None


class VoteDialog(BaseModal[tuple[int, int] | None]):
    """A team's vote on the order it is about to give: (for, of), or None to go back to
    the hand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back to the hand", id="vote-back"),
        Binding("enter", "enter", "Next", id="vote-next", show=False, priority=True),
    ]

    def __init__(self, role: str, order_title: str, team: int) -> None:
        super().__init__()
        self.role, self.order_title, self.team = role, order_title, team

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog vote-dialog"):
            yield Static(Content.assemble(
                (f"{ROLE_SYMBOLS[self.role]} {ROLE_NAMES[self.role]}'s team votes",
                 "bold $accent")), classes="dialog-title")
            yield Static(Content.assemble("How many of the team voted for ",
                                          (self.order_title, "bold"), "?"),
                         classes="dialog-text")
            with Horizontal(classes="field-row vote-row"):
                yield Input(str(self.team), type="integer", max_length=2, compact=True,
                            id="vote-for")
                yield Static(" for, of ", classes="vote-of")
                yield Input(str(self.team), type="integer", max_length=2, compact=True,
                            id="vote-of")
                yield Static(" members present", classes="vote-of")
            yield Static("", id="vote-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record the vote (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        field = self.query_one("#vote-for", Input)
        field.focus()
        field.select_all()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        yes = _number(self.query_one("#vote-for", Input).value)
        of = _number(self.query_one("#vote-of", Input).value)
        if of is None or not 1 <= of <= MAX_TEAM:
            self._problem(f"The members present: a number from 1 to {MAX_TEAM}.", "#vote-of")
            return
        if yes is None or yes > of:
            self._problem(f"The votes for: a number from 0 to {of}.", "#vote-for")
            return
        self.dismiss((yes, of))

    def _problem(self, text: str, field: str) -> None:
        self.query_one("#vote-problem", Static).update(Content.styled(text, "$error"))
        self.query_one(field, Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ForecastDialog(BaseModal[dict[str, int] | None]):
    """Before the resolution, how likely a role thinks each outcome is (0-100%):
    {outcome id: percent}, or None when it skips this month's forecast."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Skip", id="forecast-skip"),
        Binding("enter", "enter", "Next", id="forecast-next", show=False, priority=True),
    ]

    def __init__(self, role: str, month: str, outcomes: Sequence[Outcome],
                 defaults: Mapping[str, int]) -> None:
        super().__init__()
        self.role, self.month = role, month
        self.outcomes = list(outcomes)
        self.defaults = dict(defaults)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog forecast-dialog"):
            yield Static(Content.styled(
                f"{ROLE_SYMBOLS[self.role]} {ROLE_NAMES[self.role]}: your forecast",
                "bold $accent"), classes="dialog-title")
            yield Static(Content.assemble(
                f"Before {self.month} is resolved: how likely is each of these, from 0% "
                "(it will not happen) to 100% (it surely will)? ",
                ("The report scores how well calibrated each role was.", MUTED)),
                classes="dialog-text")
            with VerticalScroll(classes="dialog-body"):
                for i, outcome in enumerate(self.outcomes):
                    with Horizontal(classes="field-row forecast-row"):
                        yield Input(str(self.defaults.get(outcome.id, 50)), type="integer",
                                    max_length=3, compact=True, id=f"p-{i}",
                                    classes="forecast-input")
                        yield Static(f"% {outcome.text}", classes="forecast-text")
            yield Static("", id="forecast-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record (Enter)", variant="primary", id="confirm")
                yield Button("Skip (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        first = self.query_one("#p-0", Input)
        first.focus()
        first.select_all()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        out: dict[str, int] = {}
        for i, outcome in enumerate(self.outcomes):
            p = _number(self.query_one(f"#p-{i}", Input).value)
            if p is None or p > 100:
                self.query_one("#forecast-problem", Static).update(Content.styled(
                    f"“{outcome.text}”: a whole number from 0 to 100.", "$error"))
                self.query_one(f"#p-{i}", Input).focus()
                return
            out[outcome.id] = p
        self.dismiss(out)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AnswerDialog(BaseModal[tuple[int, int, str] | None]):
    """A class's facilitator asks this team (from the dashboard) for a forecast or for
    its team's vote on its order: (percent or votes for, members present, the team's
    reason), or None to skip the question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Skip", id="answer-skip"),
        Binding("enter", "enter", "Next", id="answer-next", show=False, priority=True),
    ]

    def __init__(self, role: str, question: str, why: str, *, vote_of: int | None = None
                 ) -> None:
        """`question`: the outcome to forecast, or the order voted on (`vote_of`: the
        team's size to start from)."""
        super().__init__()
        self.role, self.question, self.why = role, question, why
        self.vote_of = vote_of

    def compose(self) -> ComposeResult:
        vote = self.vote_of is not None
        with Vertical(classes="dialog answer-dialog"):
            yield Static(Content.styled(
                f"{ROLE_SYMBOLS[self.role]} {ROLE_NAMES[self.role]}: the facilitator asks "
                f"for your {'team vote' if vote else 'forecast'}", "bold $accent"),
                classes="dialog-title")
            yield Static(Content.assemble(
                ("How many of the team voted for ", "") if vote else
                ("How likely is this, from 0% to 100%? ", ""), (self.question, "bold"),
                "?" if vote else "", ("\nThe facilitator: " + self.why, MUTED)),
                classes="dialog-text")
            with Horizontal(classes="field-row vote-row"):
                if vote:
                    yield Input(str(self.vote_of), type="integer", max_length=2,
                                compact=True, id="answer-value")
                    yield Static(" for, of ", classes="vote-of")
                    yield Input(str(self.vote_of), type="integer", max_length=2,
                                compact=True, id="answer-of")
                    yield Static(" members present", classes="vote-of")
                else:
                    yield Input("50", type="integer", max_length=3, compact=True,
                                id="answer-value")
                    yield Static(" %", classes="vote-of")
            yield Input("", placeholder="why, in a few words (the class will see it)",
                        max_length=MAX_TEXT, id="answer-why")
            yield Static("", id="answer-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Answer (Enter)", variant="primary", id="confirm")
                yield Button("Skip (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        field = self.query_one("#answer-value", Input)
        self.next_field(field)
        field.select_all()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        value = _number(self.query_one("#answer-value", Input).value)
        why = " ".join(self.query_one("#answer-why", Input).value.split())
        of = 100
        if self.vote_of is not None:
            of = _number(self.query_one("#answer-of", Input).value) or 0
            if not 1 <= of <= MAX_TEAM:
                self._problem(f"The members present: a number from 1 to {MAX_TEAM}.",
                              "#answer-of")
                return
        if value is None or value > of:
            self._problem(f"A whole number from 0 to {of}.", "#answer-value")
            return
        if not why:
            self._problem("Say why in a few words: the facilitator reads it.", "#answer-why")
            return
        self.dismiss((value, of, why))

    def _problem(self, text: str, field: str) -> None:
        self.query_one("#answer-problem", Static).update(Content.styled(text, "$error"))
        self.query_one(field, Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TimeUpDialog(BaseModal[str]):
    """The orders timer ran out: wait a minute more, wait without the timer, or let a
    normal bot order for the late roles ('wait', 'stop' or 'bot')."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,escape", "answer('wait')", "One more minute", id="timeup-wait"),
        Binding("s", "answer('stop')", "No timer", id="timeup-stop"),
        Binding("b", "answer('bot')", "A bot orders", id="timeup-bot"),
    ]

    def __init__(self, late: Sequence[str], month: str) -> None:
        super().__init__()
        self.late = list(late)
        self.month = month

    def compose(self) -> ComposeResult:
        names = " and ".join(f"{ROLE_SYMBOLS[r]} {ROLE_NAMES[r]}" for r in self.late)
        with Vertical(classes="dialog timeup-dialog"):
            yield Static(Content.styled(f"Time is up for the orders of {self.month}",
                                        "bold $warning"), classes="dialog-title")
            yield Static(Content.assemble(
                (names, "bold"), f" {'has' if len(self.late) == 1 else 'have'} not ordered "
                "yet. The facilitator decides: wait, or let a normal bot choose the order "
                "(the log and the report say so).", ), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("One more minute (w)", variant="primary", id="wait")
                yield Button("No timer now (s)", id="stop")
                yield Button("A bot orders (b)", variant="warning", id="bot")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#wait", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "wait")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class ClassroomSetup(BaseModal[Settings | None]):
    """The classroom settings of a new game: facilitator controls, the orders timer,
    teams for the human seats, and the outcomes to forecast."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="classroom-back"),
        Binding("ctrl+s", "confirm", "Done", id="classroom-done"),
    ]

    def __init__(self, settings: Settings, humans: Sequence[str]) -> None:
        super().__init__()
        self.settings = settings
        self.humans = list(humans)

    def compose(self) -> ComposeResult:
        s = self.settings
        chosen = {o.id for o in s.outcomes}
        with Vertical(classes="dialog classroom-dialog"):
            yield Static(Content.styled("Classroom settings", "bold $accent"),
                         classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="classroom-body"):
                with Grid(id="classroom-form"):
                    yield Static("Facilitator", classes="field-label")
                    yield Checkbox("Pause after each turn; umpire controls", s.facilitator,
                                   compact=True, id="facilitator")
                    yield Static("Orders timer", classes="field-label")
                    with Horizontal(classes="field-row"):
                        yield Input(short_duration(s.timer), placeholder="none",
                                    max_length=8, compact=True, id="timer")
                        yield Static("3m, 90s… blank: none", classes="field-note")
                    for role in ROLES:
                        yield Static(f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}",
                                     classes="field-label")
                        if role in self.humans:
                            with Horizontal(classes="field-row"):
                                yield Input(str(s.teams[role]) if role in s.teams else "",
                                            placeholder="one player", type="integer",
                                            max_length=2, compact=True, id=f"team-{role}")
                                yield Static("members of its team", classes="field-note")
                        else:
                            yield Static("a bot (no team)", classes="field-note")
                yield Static(Content.styled(
                    "Forecasts: before each resolution every human role says how likely "
                    "these are (the report scores them):", "bold"))
                yield SelectionList[str](*[(o.text, o.id, o.id in chosen) for o in PRESETS],
                                         id="outcomes")
            yield Static("", id="classroom-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done (Ctrl+S)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#facilitator", Checkbox).focus()

    def _problem(self, text: str, focus: str) -> None:
        self.query_one("#classroom-problem", Static).update(Content.styled(text, "$error"))
        self.query_one(focus).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        try:
            timer = parse_duration(self.query_one("#timer", Input).value)
        except ValueError as exc:
            self._problem(f"Orders timer: {exc}.", "#timer")
            return
        teams = {}
        for role in self.humans:
            text = self.query_one(f"#team-{role}", Input).value.strip()
            if not text or text == "1":
                continue
            size = _number(text)
            if size is None or not 2 <= size <= MAX_TEAM:
                self._problem(f"{ROLE_NAMES[role]}'s team: 2 to {MAX_TEAM} members, or "
                              "blank for one player.", f"#team-{role}")
                return
            teams[role] = size
        picked = set(self.query_one("#outcomes", SelectionList).selected)
        kept = [o for o in self.settings.outcomes if o.id in picked or
                o.id not in {p.id for p in PRESETS}]
        kept += [o for o in PRESETS if o.id in picked and o not in kept]
        if len(kept) > MAX_OUTCOMES:
            self._problem(f"At most {MAX_OUTCOMES} outcomes.", "#outcomes")
            return
        self.dismiss(Settings(self.query_one("#facilitator", Checkbox).value, timer, teams,
                              tuple(kept)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["ClassroomSetup", "ForecastDialog", "TimeUpDialog", "VoteDialog"]
