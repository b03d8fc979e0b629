"""New game: the scenario, who plays each role, the number of turns and the seed. The
defaults make Enter, Enter start a solo game as the opposition against normal bots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from attrs import evolve
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from wargame.classroom import Settings
from wargame.engine.tracks import ROLE_SYMBOLS, ROLE_TITLES, ROLES

from ..messages import NewGame, SeatChoice, StartGame
from . import BaseScreen
from .classroom import ClassroomSetup

SEAT_OPTIONS = [("Human", "human"), ("Bot: easy", "easy"), ("Bot: normal", "normal"),
                ("Bot: hard", "hard")]
DEFAULT_SEATS = {"lukashenko": "normal", "putin": "normal", "opposition": "human"}
MAX_SEED = 2**64 - 1


def summary(description: str, most: int = 160) -> str:
    """The scenario's description cut at a sentence, to fit a 24-line screen (the help
    and the game itself say the rest)."""
    text = " ".join(description.split())
    if len(text) <= most:
        return text
    cut = text.rfind(". ", 0, most)
    return text[: cut + 1] if cut > 40 else text[: most - 1].rsplit(" ", 1)[0] + "…"


class NewGameScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="newgame-back"),
        Binding("ctrl+s", "start", "Start", id="newgame-start"),
    ]

    def __init__(self, seats: Mapping[str, str] | None = None,
                 scenario: str | None = None) -> None:
        """`seats`: role -> "human" or a bot's level, and `scenario`: the id chosen at
        first (the last game's, for "Play again"); else the defaults."""
        super().__init__()
        levels = {value for _, value in SEAT_OPTIONS}
        given = seats or {}
        self.seats = {r: given[r] if given.get(r) in levels else DEFAULT_SEATS[r]
                      for r in ROLES}
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        deckset = self.host.deckset()
        scenarios = sorted(deckset.scenarios.values(), key=lambda s: s.id)
        default = deckset.scenarios.get(self.scenario or "") or deckset.ruleset().scenario
        with Vertical(id="newgame"):
            yield Static(Content.styled("New game", "bold $accent"), id="newgame-title")
            with Grid(id="newgame-form"):
                yield Label("Scenario", classes="field-label")
                yield Select([(s.title, s.id) for s in scenarios], value=default.id,
                             allow_blank=False, compact=True, id="scenario")
                yield Label("")
                yield Static(summary(default.description), id="scenario-text")
                for role in ROLES:
                    yield Label(Content.assemble((ROLE_SYMBOLS[role] + " ", "bold"),
                                                 ROLE_TITLES[role]), classes="field-label")
                    yield Select(SEAT_OPTIONS, value=self.seats[role], allow_blank=False,
                                 compact=True, id=f"seat-{role}")
                yield Label("Turns", classes="field-label")
                with Horizontal(classes="field-row"):
                    yield Input(str(default.turns), type="integer", compact=True,
                                max_length=2, id="turns")
                    yield Static("months, 1 to 60", classes="field-note")
                yield Label("Seed", classes="field-label")
                with Horizontal(classes="field-row"):
                    yield Input("", placeholder="random", type="integer", compact=True,
                                max_length=20, id="seed")
                    yield Static("same seed + same choices = same game", classes="field-note")
                yield Label("Hints", classes="field-label")
                yield Checkbox("Walk me through my first turn",
                               value=self.host.settings.hints,
                               compact=True, id="hints")
                yield Label("Classroom", classes="field-label")
                with Horizontal(classes="field-row classroom-row"):
                    yield Checkbox("Facilitator controls", value=False, compact=True,
                                   id="facilitator")
                    yield Button("Timer, teams…", compact=True, id="classroom",
                                 tooltip="The orders timer, teams and forecasts")
                yield Label("")
                yield Static("", id="classroom-summary", classes="field-note")
            with Horizontal(id="newgame-buttons"):
                yield Button("Start the game", variant="primary", id="start")
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        self._show_classroom()

    classroom = None
    """The classroom settings chosen so far (`wargame.classroom.Settings`), or None."""

    def _show_classroom(self) -> None:
        facilitator = self.query_one("#facilitator", Checkbox).value
        settings = self._classroom_settings(facilitator)
        text = settings.describe() if settings is not None else "off"
        self.query_one("#classroom-summary", Static).update(
            f"Classroom: {text}" if text != "off" else
            "For a seminar: a pause after each turn, umpire controls, a timer, teams")

    def _classroom_settings(self, facilitator: bool):
        humans = [r for r in ROLES if self.query_one(f"#seat-{r}", Select).value == "human"]
        base = self.classroom or Settings()
        settings = evolve(base, facilitator=facilitator,
                          teams={r: n for r, n in base.teams.items() if r in humans})
        return settings if settings.active else None

    @on(Checkbox.Changed, "#facilitator")
    @on(Select.Changed)
    def _classroom_changed(self) -> None:
        self._show_classroom()

    @on(Button.Pressed, "#classroom")
    def action_classroom(self) -> None:
        humans = [r for r in ROLES if self.query_one(f"#seat-{r}", Select).value == "human"]
        facilitator = self.query_one("#facilitator", Checkbox).value
        current = self._classroom_settings(facilitator) or Settings(facilitator)

        def chosen(settings) -> None:
            if settings is None:
                return
            self.classroom = settings
            self.query_one("#facilitator", Checkbox).value = settings.facilitator
            self._show_classroom()

        self.app.push_screen(ClassroomSetup(current, humans), chosen)

    @on(Select.Changed, "#scenario")
    def _scenario(self, event: Select.Changed) -> None:
        deckset = self.host.deckset()
        scenario = deckset.scenarios.get(event.value)
        if scenario is None:
            return
        self.query_one("#scenario-text", Static).update(summary(scenario.description))
        self.query_one("#turns", Input).value = str(scenario.turns)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        request = self.request()
        if request is None:
            return
        hints = self.query_one("#hints", Checkbox).value
        self.app.post_message(StartGame(request, hints))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()

    def request(self) -> NewGame | None:
        """The form as a request, or None (with a message) when a field is wrong."""
        seats = {}
        for role in ROLES:
            value = self.query_one(f"#seat-{role}", Select).value
            seats[role] = SeatChoice("human") if value == "human" else SeatChoice("bot",
                                                                                  str(value))
        turns_text = self.query_one("#turns", Input).value.strip()
        seed_text = self.query_one("#seed", Input).value.strip()
        try:
            turns = int(turns_text) if turns_text else None
        except ValueError:
            turns = -1
        if turns is not None and not 1 <= turns <= 60:
            self.notify("A game lasts from 1 to 60 turns.", severity="error")
            self.query_one("#turns", Input).focus()
            return None
        try:
            seed = int(seed_text) if seed_text else None
        except ValueError:
            seed = -1
        if seed is not None and not 0 <= seed <= MAX_SEED:
            self.notify("The seed is a whole number from 0 to 18446744073709551615, or "
                        "blank for a random one.", severity="error")
            self.query_one("#seed", Input).focus()
            return None
        scenario = self.query_one("#scenario", Select).value
        classroom = self._classroom_settings(self.query_one("#facilitator", Checkbox).value)
        return NewGame(seats=seats, scenario=str(scenario), turns=turns, seed=seed,
                       classroom=classroom)
