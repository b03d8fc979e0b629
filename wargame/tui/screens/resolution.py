"""What happened since the orders, step by step: the three orders revealed (with each
bot's reason), then every effect, roll and consequence with the ¶ it comes from, the
upkeep and the next month's event. The tracks and the map move with each step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from wargame.engine.state import LogEntry, Order
from wargame.engine.tracks import INITIATIVE, ROLE_NAMES, ROLE_SYMBOLS, ROLES, TRACK_INDEX

from ...telling import line
from ..messages import StoryFinished
from ..widgets import BelarusMap, Ladder, MarginsBar, TracksPanel, hanging, log_line
from . import BaseScreen

if TYPE_CHECKING:
    from wargame.session import Session

HIDDEN = frozenset({"setup", "shuffle"})
# A bot's reason names cards of its hand: the other roles read it only in the debrief.
HIDDEN_REASON = "its reasons are shown in the debrief"

SECTION = {
    "resolution": "The orders, revealed and resolved (■ Kremlin, then ◆ regime, then "
                  "● opposition)",
    "consequences": "Consequences: the article's rules",
    "upkeep": "Upkeep: income and new cards",
}


def story_steps(entries: Sequence[LogEntry], viewer: str | None) -> list[LogEntry]:
    """The log lines worth a step, as `viewer` may see them (None: public only)."""
    out = []
    for entry in entries:
        seen = entry.seen_by(viewer or "observer")
        if seen is None or seen.kind in HIDDEN:
            continue
        if seen.kind in ("draw", "discard") and (viewer is None or entry.role != viewer):
            continue
        out.append(seen)
    return out


def bot_reasons(session: Session) -> dict[str, tuple[Order, str | None, str]]:
    """role -> (its last order, the bot's reason, who gave it) from the record as this
    screen may tell it: while the game is in play a bot's reason is shown only to the
    role it played for, as it names cards of a hand the others do not see."""
    found: dict[str, tuple[Order, str | None, str]] = {}
    for recorded in reversed(session.record_seen()):
        action = recorded.action
        if isinstance(action, Order) and action.role not in found:
            found[action.role] = (action, recorded.reason, recorded.by)
        if len(found) == len(ROLES):
            break
    return found


class ResolutionScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right", "step", "Next step", id="story-next",
                tooltip="Show the next effect, roll or consequence"),
        Binding("s", "skip", "Show all", id="story-skip",
                tooltip="Show every remaining step at once"),
        Binding("enter", "go_on", "Continue", id="story-continue",
                tooltip="Show everything, then go on to the next orders"),
        Binding("t", "view('tracks')", "Tracks", id="story-tracks", show=False,
                tooltip="Show the tracks (80-column screens)"),
        Binding("m", "view('map')", "Map", id="story-map",
                tooltip="Show the map and the ladder (80-column screens)"),
        # Priority: it opens its dialog before the keys typed after it are handled, and
        # they go to the dialog (an Enter here would go on with the story).
        Binding("o", "override_roll", "Override roll", id="story-override", priority=True,
                tooltip="Facilitator: set the last roll shown to another number and let "
                "its step resolve again"),
    ]

    def __init__(self, session: Session, entries: Sequence[LogEntry],
                 tracks_before: Sequence[int], viewer: str | None) -> None:
        super().__init__()
        self.session = session
        self.viewer = viewer
        self.steps = story_steps(entries, viewer)
        self.before = tuple(tracks_before) or session.state.tracks
        self.shown = 0
        self.reasons = bot_reasons(session)
        state = session.state
        self.has_orders = any(e.kind == "reveal" for e in self.steps)
        # (A step the umpire took back and resolved again has no reveal of its own.)
        resolving = [e for e in self.steps
                     if e.phase in ("resolution", "consequences", "upkeep")]
        resolved_turn = resolving[0].turn if resolving else state.turn
        month = state.ruleset.scenario.month_label(resolved_turn)
        self.heading = (f"Resolution of {month}" if resolving
                        else f"The month begins: {state.month}")

    def compose(self) -> ComposeResult:
        with Horizontal(id="story-top"):
            yield Static(id="story-status")
        with Horizontal(id="board"):
            with VerticalScroll(id="col-tracks", classes="panel"):
                yield TracksPanel(id="tracks")
            with Vertical(id="col-world"), VerticalScroll(id="map-panel", classes="panel"):
                yield BelarusMap(id="map")
                yield Ladder(id="ladder")
            with Vertical(id="col-story"):
                with VerticalScroll(id="steps-panel", classes="panel"):
                    yield Static(id="steps")
                yield Static(id="story-help")
        yield MarginsBar(id="margins")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#steps-panel").border_title = self.heading
        self.query_one("#col-tracks").border_title = "Tracks  ▲▼ this resolution"
        self.query_one("#map-panel").border_title = "Belarus and its borders"
        self.shown = 0
        self.action_step()
        if not self.steps:
            self._render_steps()
        self.query_one("#steps-panel").focus()
        keys = ["resolution"] if self.has_orders else ["welcome", "event"]
        self.call_after_refresh(lambda: self.host.hints_in_turn(keys))

    def on_resize(self) -> None:
        self.query_one(TracksPanel).compact = self.size.height < 34
        self.call_after_refresh(self._render_steps)  # the steps wrap to the new width

    # -- drawing -----------------------------------------------------------------------

    def _tracks_now(self) -> tuple[list[int], set[str]]:
        tracks = list(self.before)
        touched: set[str] = set()
        for i, entry in enumerate(self.steps[: self.shown]):
            for change in entry.changes:
                if change.name.startswith("flag:"):
                    continue
                tracks[TRACK_INDEX[change.name]] = change.after
                if i == self.shown - 1:
                    touched.add(change.name)
        return tracks, touched

    def _flags_now(self) -> frozenset[str]:
        flags = set(self.session.state.flags)
        # Undo the flag changes of the steps not yet shown, newest first.
        for entry in reversed(self.steps[self.shown:]):
            for change in reversed(entry.changes):
                if change.name.startswith("flag:"):
                    name = change.name[5:]
                    if change.before:
                        flags.add(name)
                    else:
                        flags.discard(name)
        return frozenset(flags)

    def _render_steps(self) -> None:
        tracks, touched = self._tracks_now()
        flags = self._flags_now()
        changes = {name: tracks[TRACK_INDEX[name]] - self.before[TRACK_INDEX[name]]
                   for name in TRACK_INDEX}
        changes = {k: v for k, v in changes.items() if v}
        self.query_one(TracksPanel).show(tracks, flags, changes, frozenset(touched))
        self.query_one(BelarusMap).show(tracks, flags, changes)
        ladder = self.query_one(Ladder)
        ladder.level = tracks[TRACK_INDEX["involvement"]]
        ladder.change = changes.get("involvement", 0)
        self.query_one(MarginsBar).show(tracks, flags, self.viewer,
                                        self.session.ruleset.edition)
        steps = self.query_one("#steps", Static)
        width = steps.content_region.width - 1  # a scrollbar may yet take a column
        lines: list[Content] = []
        phase = ""
        for i, entry in enumerate(self.steps[: self.shown]):
            if entry.phase != phase and entry.phase in SECTION and entry.kind != "phase":
                lines.append(Content.styled(SECTION[entry.phase], "bold $primary"))
            phase = entry.phase
            line = log_line(entry, self.session.ruleset)
            if i == self.shown - 1:
                lines.extend(part.stylize("bold") for part in hanging(
                    Content.styled("➤ ", "bold $accent"), line, width))
            else:
                lines.extend(hanging("  ", line, width))
            if entry.kind == "reveal":
                for prefix, reason in self._reason_lines(entry):
                    lines.extend(hanging(prefix, reason, width))
        steps.update(Content("\n").join(lines))
        self.query_one("#steps-panel", VerticalScroll).scroll_end(animate=False)
        done = self.shown >= len(self.steps)
        state = self.session.state
        if done:
            nxt = ("see how the game ended" if state.over
                   else "the class discusses it" if state.phase == "event"  # facilitator
                   else f"orders of {state.month}")
            help_text = Content.assemble(("Enter", "bold reverse"), f" {nxt}")
        else:
            help_text = Content.assemble(
                ("Space", "bold reverse"), " next  ", ("s", "bold reverse"),
                " all  ", ("Enter", "bold reverse"), " go on",
                (f"  {self.shown}/{len(self.steps)}", "$text-muted"))
        self.query_one("#story-help", Static).update(help_text)
        self._status()

    def _reason_lines(self, entry: LogEntry) -> list[tuple[Content, Content]]:
        """(the ↳ marker, the reason) under an order as it is revealed."""
        found = self.reasons.get(entry.role)
        seat = self.session.seats.get(entry.role)
        if found is None or seat is None:
            return []
        _, reason, by = found
        mark = Content.styled("     ↳ ", "$text-muted")
        if by == "umpire":  # the umpire's bot ordered for a late role
            return [(mark, Content.assemble(("umpire: ", "bold $warning"), (
                reason or "time ran out; a bot chose (its reasons are in the debrief)",
                "italic")))]
        if seat.kind == "bot":
            return [(mark, Content.assemble((f"bot ({seat.level}): ", "bold $secondary"), (
                reason or HIDDEN_REASON, "italic" if reason else "$text-muted")))]
        if seat.kind == "human":
            return [(mark, Content.styled("a human's order", "$text-muted"))]
        return []

    def _status(self) -> None:
        state = self.session.state
        whose = ("public view" if self.viewer is None
                 else f"as {ROLE_SYMBOLS[self.viewer]} {ROLE_NAMES[self.viewer]} sees it")
        order = " → ".join(ROLE_SYMBOLS[r] for r in INITIATIVE)
        self.query_one("#story-status", Static).update(Content.assemble(
            (f" {self.heading} ", "bold reverse"), "  ",
            (f"initiative {order}" if self.has_orders else f"turn {state.turn} of "
             f"{state.turns}", "bold"), "  ", (whose, "$text-muted")))

    # -- actions -----------------------------------------------------------------------

    def action_view(self, name: str) -> None:
        """On an 80-column screen, show the map and the ladder instead of the tracks (m
        again goes back)."""
        self.set_class(name == "map" and not self.has_class("view-map"), "view-map")

    def action_step(self) -> None:
        if self.shown < len(self.steps):
            self.shown += 1
            # A phase heading is not a step of its own: show it with the line after it.
            while (self.shown < len(self.steps)
                   and self.steps[self.shown - 1].kind == "phase"):
                self.shown += 1
            self._render_steps()

    def action_skip(self) -> None:
        if self.shown < len(self.steps):
            self.shown = len(self.steps)
            self._render_steps()

    def action_go_on(self) -> None:
        if self.shown < len(self.steps):
            self.action_skip()
            return
        self.dismiss(None)
        self.app.post_message(StoryFinished())

    async def action_override_roll(self) -> None:
        seminar = self.host.seminar
        if seminar is not None:
            await seminar.override_roll(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "override_roll":  # only in a game with facilitator controls
            seminar = self.host.seminar
            return seminar is not None and seminar.facilitator
        return True

    @property
    def finished(self) -> bool:
        return self.shown >= len(self.steps)

    def entries_text(self) -> list[str]:
        return [line(e, self.session.ruleset) for e in self.steps]


__all__ = ["ResolutionScreen", "bot_reasons", "story_steps"]
