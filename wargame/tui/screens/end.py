"""The end of the game: who won, each role's result level (decisive or marginal win or
loss) with its margin and why, the tracks over the whole game, and the way on (the
debrief replay, the report, another game)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from wargame.charts import sparkline
from wargame.engine.rules import grades as compute_grades
from wargame.engine.rules import margins as compute_margins
from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, ROLES
from wargame.telling import GRADE_WORDS, result_reading

from .. import words
from ..report import debrief_of
from ..widgets import TrackChart
from . import BaseScreen
from .newgame import NewGameScreen

if TYPE_CHECKING:
    from wargame.session import Session


def verdict(session: Session) -> tuple[str, str]:
    """('● The opposition wins', 'The regime fell in March 2023.')"""
    state = session.state
    winners = state.winners
    if not winners:
        headline = "Nobody wins"
    else:
        names = " and ".join(f"{ROLE_SYMBOLS[r]} {ROLE_NAMES[r]}" for r in winners)
        headline = f"{names} {'wins' if len(winners) == 1 else 'win'}"
    if state.end == "fallen":
        why = f"The regime fell in {state.month}, turn {state.turn} of {state.turns}."
    else:
        why = f"After {state.turns} turns, in {state.month}, the margins decide."
    return headline, why


class EndScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "debrief", "Debrief", id="end-debrief",
                tooltip="Watch the game again turn by turn"),
        Binding("e", "export", "Report", id="end-export",
                tooltip="Write the after-action report (Markdown and HTML)"),
        Binding("a", "again", "Again", id="end-again", tooltip="Play again: a new game"),
        Binding("t", "title", "Title", id="end-title", tooltip="Back to the title screen"),
        Binding("q", "quit", "Quit", id="end-quit", show=False, tooltip="Leave Springboard"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.debrief = debrief_of(session)
        self.exported: list[str] = []

    def compose(self) -> ComposeResult:
        headline, why = verdict(self.session)
        with Vertical(id="end"):
            yield Static(Content.assemble(("★ ", "bold $accent"), (headline, "bold $accent")),
                         id="end-headline")
            yield Static(why, id="end-why")
            with Vertical(id="end-margins"):
                for role in ROLES:
                    result, reading = self._result(role)
                    yield Static(result, id=f"end-result-{role}")
                    yield Static(reading, id=f"end-reading-{role}", classes="end-reading")
            with VerticalScroll(id="chart-panel", classes="panel"):
                yield TrackChart(self._history(), self._months(), id="chart")
            with Horizontal(id="end-buttons"):
                yield Button("Debrief (d)", id="debrief", variant="primary", compact=True)
                yield Button("Report (e)", id="export", compact=True)
                yield Button("Play again (a)", id="again", compact=True)
                yield Button("Title (t)", id="title", compact=True)
                yield Button("Quit (q)", id="quit", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#chart-panel").border_title = "The tracks over the game, month by month"
        self.query_one("#end-margins").tooltip = "\n".join(
            f"{ROLE_NAMES[r]} wins when "
            f"{words.victory_text(r, edition=self.session.ruleset.edition)}" for r in ROLES)
        self.query_one("#debrief", Button).focus()

    def _history(self) -> list[tuple[int, ...]]:
        turns = self.debrief.turns
        if not turns:
            return [self.session.state.tracks]
        return [turns[0].tracks_before, *(t.tracks_after for t in turns)]

    def _months(self) -> list[str]:
        turns = self.debrief.turns
        if not turns:
            return [self.session.state.month]
        return [turns[0].month, *(t.month for t in turns)]

    def _result(self, role: str) -> tuple[Content, Content]:
        """A role's result: its level and margin (a win is a margin of 0 or more,
        decisive from `rules.DECISIVE_WIN`) and the margin over the game; then why, from
        the parts of its margin ('survived and stayed out of combat, but sovereignty fell
        to 2')."""
        state = self.session.state
        margin = compute_margins(state.tracks, state.flags, state.ruleset.edition)[role]
        level = compute_grades(state.tracks, state.flags, state.ruleset.edition)[role]
        won = role in state.winners
        seat = self.session.seats[role].label
        series = self.debrief.margin_series(role)
        lo, hi = min(*series, -1), max(*series, 1)
        result = Content.assemble(
            (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]:<11}", "bold"),
            (f"{seat:<13}", "$text-muted"),
            (f"{'✓' if won else '✗'} {GRADE_WORDS[level]:<13}",
             "bold $success" if won else "bold $error"),
            (f" {words.signed(margin):>3}  ", "bold"),
            (sparkline(series, lo, hi), "$accent"),
            (" over the game", "$text-muted"),
        )
        reading = (result_reading(role, state.tracks, state.flags, state.ruleset.edition)
                   or "wins when " + words.victory_text(role, short=True,
                                                        edition=state.ruleset.edition))
        return result, Content(reading)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        action = {"debrief": self.action_debrief, "export": self.action_export,
                  "again": self.action_again, "title": self.action_title,
                  "quit": self.action_quit}.get(event.button.id or "")
        if action is not None:
            action()

    def action_debrief(self) -> None:
        self.host.action_debrief(self.session)

    def action_export(self) -> None:
        path = self.host.action_export_report(self.session)
        if path is not None:
            self.exported.append(str(path))

    def action_again(self) -> None:
        if self.host.refuse_if_locked():
            return
        seats = {role: seat.level or seat.kind for role, seat in self.session.seats.items()}
        self.app.push_screen(NewGameScreen(seats, self.session.ruleset.scenario.id))

    def action_title(self) -> None:
        self.host.action_title()

    def action_quit(self) -> None:
        self.app.exit(0)
