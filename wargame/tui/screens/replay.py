"""The debrief replay: a saved or finished game, turn by turn. Each turn shows the event,
the three orders (with the bots' reasons), every roll and consequence with its ¶, and the
tracks at the end of the turn with what the turn changed. Only what was public is shown,
so a hot-seat game's hands stay secret."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, TRACK_INDEX, TRACKS

from .. import words
from ..widgets import BelarusMap, Ladder, MarginsBar, TracksPanel, log_line
from . import BaseScreen

if TYPE_CHECKING:
    from wargame.session import Session


class ReplayScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,p", "turn(-1)", "Previous turn", id="replay-prev"),
        Binding("right,n", "turn(1)", "Next turn", id="replay-next"),
        Binding("home", "first", "First", id="replay-first", show=False),
        Binding("end", "last", "Last", id="replay-last", show=False),
        Binding("e", "export", "Export report", id="replay-export"),
        Binding("r", "resume", "Resume", id="replay-resume"),
        Binding("escape", "back", "Back", id="replay-back"),
        Binding("m", "view('map')", "Map", id="replay-map",
                tooltip="Show the map and the ladder instead of the tracks (80 columns)"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        from ..report import debrief_of

        self.session = session
        self.debrief = debrief_of(session)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="replay-status")
        with Horizontal(id="board"):
            with VerticalScroll(id="col-tracks", classes="panel"):
                yield TracksPanel(id="tracks")
            with Vertical(id="col-world"), VerticalScroll(id="map-panel", classes="panel"):
                yield BelarusMap(id="map")
                yield Ladder(id="ladder")
            with VerticalScroll(id="col-story", classes="panel"):
                yield Static(id="replay-turn")
        yield MarginsBar(id="margins")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#col-tracks").border_title = "Tracks at the end of the turn"
        self.query_one("#map-panel").border_title = "Belarus and its borders"
        self._show()
        self.query_one("#col-story").focus()

    def on_resize(self) -> None:
        self.query_one(TracksPanel).compact = self.size.height < 34

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return not self.session.over and self.session.path is not None
        return True

    def _show(self) -> None:
        turns = self.debrief.turns
        name = self.session.path.name if self.session.path else "this game"
        if not turns:
            self.query_one("#replay-status", Static).update(Content.assemble(
                (" Replay ", "bold reverse"), f"  {name}: no turn played yet"))
            self.query_one("#replay-turn", Static).update("Nothing to replay yet.")
            return
        t = turns[self.index]
        before, after = t.tracks_before, t.tracks_after
        changes = {tr.name: after[i] - before[i] for i, tr in enumerate(TRACKS)
                   if after[i] != before[i] and not tr.counter}
        last_state = self.debrief.states[t.last_action]
        self.query_one(TracksPanel).show(after, last_state.flags, changes)
        self.query_one(BelarusMap).show(after, last_state.flags, changes)
        ladder = self.query_one(Ladder)
        ladder.level = after[TRACK_INDEX["involvement"]]
        ladder.change = changes.get("involvement", 0)
        self.query_one(MarginsBar).show(after, last_state.flags, None)
        self.query_one("#replay-status", Static).update(Content.assemble(
            (" Debrief replay ", "bold reverse"), "  ", (t.month, "bold"),
            f" · turn {t.turn} of {len(turns)}" + (" (game over)" if last_state.over else ""),
            ("  ", ""), (name, "$text-muted")))
        cards = self.debrief.ruleset.cards
        lines: list[Content] = [Content.styled("Orders", "bold $primary")]
        for played in t.orders:
            seat = self.debrief.seats.get(played.role, "")
            lines.append(Content.assemble(
                (f"{ROLE_SYMBOLS[played.role]} {ROLE_NAMES[played.role]}: ", "bold"),
                (played.title, "bold $accent"), (f" · {seat}" if seat else "", "$text-muted")))
            if played.reason:
                lines.append(Content.assemble(("   ↳ ", "$text-muted"),
                                              (played.reason, "italic")))
        if not t.orders:
            lines.append(Content.styled("No orders this turn.", "$text-muted"))
        lines.append(Content.styled("What happened", "bold $primary"))
        for entry in t.entries:
            if entry.kind in ("setup", "shuffle", "draw"):
                continue
            lines.append(log_line(entry, cards))
        swings = [f"{ROLE_SYMBOLS[r]} {words.signed(t.margins_before[r])}→"
                  f"{words.signed(t.margins_after[r])}" for r in t.margins_after]
        lines.append(Content.assemble(("Margins: ", "bold"), "  ".join(swings)))
        for note in self.debrief.notes:
            if note.turn == t.turn:
                lines.append(Content.assemble(("✎ Note: ", "bold $warning"), note.text))
        for point in self.debrief.turning_points:
            if point.turn == t.turn:
                lines.append(Content.assemble(("⚑ Turning point: ", "bold $warning"),
                                              point.summary()))
        story = self.query_one("#col-story", VerticalScroll)
        story.border_title = f"{t.month}: turn {t.turn}"
        self.query_one("#replay-turn", Static).update(Content("\n").join(lines))
        story.scroll_home(animate=False)

    def action_turn(self, step: int) -> None:
        new = max(0, min(len(self.debrief.turns) - 1, self.index + step))
        if new != self.index:
            self.index = new
            self._show()

    def action_view(self, name: str) -> None:
        self.set_class(name == "map" and not self.has_class("view-map"), "view-map")

    def action_first(self) -> None:
        self.index = 0
        self._show()

    def action_last(self) -> None:
        self.index = max(0, len(self.debrief.turns) - 1)
        self._show()

    def action_export(self) -> None:
        self.app.action_export_report(self.session)  # type: ignore[attr-defined]

    def action_resume(self) -> None:
        if self.session.path is not None and not self.session.over:
            self.app.resume(self.session.path)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss()
