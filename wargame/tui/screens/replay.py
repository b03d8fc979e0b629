"""The replay viewer: a saved or finished game, step by step.

A step is a moment of `wargame.debrief`: a line of the referee's log (the event, an
order revealed, an effect, a roll, a consequence with its rule and ¶, income...) or an
order being sealed, with the reason its bot gave. At every step the board is as it was
then: the tracks, the map, the ladder, what was in force, the margins, and the hands.

Keys: → / ← one step, n / p a whole turn, g go to any turn (or a turning point or a
note), a autoplay (+ / − speed), v the viewpoint (the referee sees everything; a role sees
only its own hand, its own sealed order and what was public), c charts, w what if (a
branch from this turn), x compare with another save, b a note at this moment, e the
report. The timeline along the top shows the whole game; a click on it moves there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import evolve
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Static

from wargame.engine import ROLES, view
from wargame.engine.tracks import RESOURCE_OF, ROLE_NAMES, ROLE_SYMBOLS, TRACK_INDEX, TRACKS

from .. import words
from ..messages import BranchWanted, ResumeGame
from ..report import debrief_of
from ..timeline import NOTE, TURNING_POINT, Timeline
from ..widgets import (
    BelarusMap,
    Ladder,
    MarginsBar,
    Situation,
    TracksPanel,
    hanging,
    log_line,
)
from . import BaseScreen
from .branch import BranchDialog
from .charts import ChartsScreen
from .compare import ComparePicker, CompareScreen
from .goto import GotoDialog
from .note import ask_note
from .review import ReviewHost, order_review

if TYPE_CHECKING:
    from textual.screen import Screen

    from wargame.debrief import Debrief, Moment
    from wargame.session import Session

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
"""Autoplay speeds, in steps per second."""
DEFAULT_SPEED = 2

PUBLIC = "public"
"""The viewpoint of someone who sees only what was public (the projector)."""
VIEWPOINTS: tuple[str | None, ...] = (None, *ROLES, PUBLIC)
"""None is the referee."""

PHASE_HEADINGS = {
    "setup": "The deal: decks shuffled, five cards to each hand",
    "event": "The month's event",
    "orders": "Orders, sealed: nobody sees the others' until all three are in",
    "resolution": "Resolution: ■ Kremlin, then ◆ regime, then ● opposition",
    "consequences": "Consequences: the article's rules",
    "upkeep": "Upkeep: income and new cards",
    "over": "The end",
}


def viewpoint_label(viewpoint: str | None, short: bool = False) -> str:
    if viewpoint is None:
        return "◉ Referee" if short else "◉ Referee: every hand, every order"
    if viewpoint == PUBLIC:
        return "○ Public" if short else "○ Public: only what everyone saw"
    name = f"{ROLE_SYMBOLS[viewpoint]} {ROLE_NAMES[viewpoint]}"
    return f"as {name}" if short else f"As {name} saw it at the time"


def moment_phase(m: Moment) -> str:
    if m.state == 0:
        return "setup"
    if m.order is not None:
        return "orders"
    assert m.entry is not None
    return "over" if m.entry.kind == "end" else m.entry.phase


class ReplayScreen(ReviewHost, BaseScreen):
    CSS_PATH = CSS_FILE

    NARROW_FOOTER = frozenset({"replay-prev", "replay-next", "replay-next-turn",
                               "replay-goto", "replay-viewpoint", "replay-charts",
                               "replay-autoplay"})
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: stepping works whichever panel has the focus (a scrolling panel
        # would otherwise take the arrows and the page keys).
        Binding("left", "step(-1)", "Back", priority=True, id="replay-prev",
                tooltip="One step back"),
        Binding("right", "step(1)", "Step", priority=True, id="replay-next",
                tooltip="One step on: the next log line, or an order being sealed"),
        Binding("space", "step(1)", "Step", priority=True, id="replay-next-alt",
                show=False, tooltip="One step on"),
        Binding("n", "turn(1)", "Turn", id="replay-next-turn",
                tooltip="To the start of the next turn (p: back a turn)"),
        Binding("p", "turn(-1)", "Turn back", id="replay-prev-turn", show=False,
                tooltip="To the start of this turn, or of the one before"),
        Binding("pagedown", "turn(1)", "Next turn", priority=True, id="replay-pgdn",
                show=False, tooltip="To the start of the next turn"),
        Binding("pageup", "turn(-1)", "Turn back", priority=True, id="replay-pgup",
                show=False, tooltip="To the start of this turn, or of the one before"),
        Binding("home", "first", "First", priority=True, id="replay-first", show=False,
                tooltip="To the start of the game"),
        Binding("end", "last", "Last", priority=True, id="replay-last", show=False,
                tooltip="To the end of the game"),
        Binding("g", "goto", "Go to", id="replay-goto",
                tooltip="Jump to any turn, turning point or note"),
        Binding("a", "autoplay", "Play", id="replay-autoplay",
                tooltip="Step on by itself (a again pauses); + and − change the speed"),
        Binding("plus,equals_sign", "speed(1)", "Faster", id="replay-faster", show=False,
                tooltip="Autoplay faster"),
        Binding("minus", "speed(-1)", "Slower", id="replay-slower", show=False,
                tooltip="Autoplay slower"),
        Binding("v", "viewpoint", "View", id="replay-viewpoint",
                tooltip="Whose eyes: the referee (everything), or one role at the time"),
        Binding("c", "charts", "Charts", id="replay-charts",
                tooltip="Every track over the whole game, with the key orders marked"),
        Binding("w", "branch", "What if", id="replay-branch",
                tooltip="Branch a new game from the start of this turn and play it on"),
        Binding("x", "compare", "Compare", id="replay-compare",
                tooltip="Side by side with another save of this scenario (a branch...)"),
        Binding("b", "bookmark", "Note", id="replay-note",
                tooltip="Write a note at this moment; it is kept in the save"),
        Binding("e", "export", "Report", id="replay-export",
                tooltip="Write the after-action report (Markdown and HTML) next to the save"),
        Binding("d", "review", "Review", id="replay-review", show=False,
                tooltip="Which decisions mattered: every order against the others"),
        Binding("r", "resume", "Resume", id="replay-resume",
                tooltip="Go on playing this game where it stopped"),
        Binding("t", "view('tracks')", "Tracks", id="replay-tracks", show=False,
                tooltip="Show the tracks (80-column screens)"),
        Binding("m", "view('map')", "Map", id="replay-map", show=False,
                tooltip="Show the map, the ladder and what is in force (80-column screens)"),
        Binding("h", "view('hands')", "Hands", id="replay-hands", show=False,
                tooltip="Show the hands this viewpoint may see (80-column screens)"),
        Binding("escape", "back", "Back", id="replay-back", show=False,
                tooltip="Leave the replay"),
    ]

    def __init__(self, session: Session, *, turn: int | None = None,
                 viewpoint: str | None = None, compare: Session | None = None) -> None:
        super().__init__()
        self.session = session
        self.debrief: Debrief = debrief_of(session)
        self.moments = self.debrief.moments()
        self.records = {t.turn: t for t in self.debrief.turns}
        self.viewpoint = viewpoint
        self.live = session.sight is not None
        """Opened on a game being played here (and not over): then no viewpoint shows a
        hand the players at this screen may not see (see `allowed_viewpoints`)."""
        self.index = 0
        self.speed = DEFAULT_SPEED
        self.timer: Timer | None = None
        self.view_name = "tracks"
        self._compare_with = compare
        self.spans = self._spans()
        if turn is not None:
            self.index = self.turn_start(max(1, min(turn, len(self.spans))))

    # -- the moments ---------------------------------------------------------------------

    def _spans(self) -> list[tuple[int, int]]:
        """(first moment, count) of each turn."""
        spans: list[tuple[int, int]] = []
        for m in self.moments:
            while len(spans) < m.turn:
                spans.append((m.index, 0))
            first, count = spans[m.turn - 1]
            spans[m.turn - 1] = (first, count + 1)
        return spans

    @property
    def moment(self) -> Moment:
        return self.moments[self.index]

    @property
    def turn(self) -> int:
        return self.moment.turn

    def turn_start(self, turn: int) -> int:
        first, _ = self.spans[turn - 1]
        return self._visible(first, 1)

    @property
    def seer(self) -> str | None:
        """Who reads the log in this viewpoint: None (the referee), a role, or the
        engine's observer for the public view."""
        return "observer" if self.viewpoint == PUBLIC else self.viewpoint

    @property
    def hand_of(self) -> tuple[str, ...]:
        """The roles whose hands this viewpoint shows (never one the session hides)."""
        roles = ROLES if self.viewpoint is None else \
            (self.viewpoint,) if self.viewpoint in ROLES else ()
        return tuple(r for r in roles if self.session.may_see(r))

    def allowed_viewpoints(self) -> tuple[str | None, ...]:
        """Every viewpoint, except on a game being played here: there only what the
        people at this screen may see (`Session.sight`: the one role played here, and
        the public view; only the public view for a shared screen or the projector)."""
        sight = self.session.sight
        return VIEWPOINTS if sight is None else (*sight, PUBLIC)

    def _visible(self, index: int, direction: int) -> int:
        """`index`, or the nearest moment in `direction` this viewpoint saw."""
        i = index
        while 0 <= i < len(self.moments):
            if self.moments[i].seen_by(self.seer):
                return i
            i += direction
        return self.index

    def moment_of_note(self, note) -> int:
        """The last moment made after at most `note.action_index` actions."""
        found = 0
        for m in self.moments:
            if m.state <= note.action_index:
                found = m.index
        return found

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="replay-status")
        yield Timeline(id="timeline")
        with Horizontal(id="board"):
            with VerticalScroll(id="col-tracks", classes="panel"):
                yield TracksPanel(id="tracks")
            with Vertical(id="col-world"):
                with VerticalScroll(id="map-panel", classes="panel"):
                    yield BelarusMap(id="map")
                    yield Ladder(id="ladder")
                    yield Situation(id="situation")
                with VerticalScroll(id="hands-panel", classes="panel"):
                    yield Static(id="hands")
            with VerticalScroll(id="col-story", classes="panel"):
                yield Static(id="replay-turn")
        yield MarginsBar(id="margins")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.live = self.session.sight is not None
        allowed = self.allowed_viewpoints()
        if self.viewpoint not in allowed:
            self.viewpoint = allowed[0]
            self.index = self._visible(self.index, -1)
        self.query_one("#map-panel").border_title = "Belarus and its borders"
        self.query_one("#col-tracks").border_title = "Tracks  ▲▼ this month"
        story = self.query_one("#col-story")
        where = self.session.path.name if self.session.path else ""
        story.border_subtitle = " · ".join(
            p for p in (where, f"edition {self.session.ruleset.edition}") if p)
        self._set_view("tracks")
        self.load_cached_review()
        self._show()
        story.focus()
        if self._compare_with is not None:
            other, self._compare_with = self._compare_with, None
            self.call_after_refresh(self.open_compare, other)

    def on_resize(self) -> None:
        self.refresh_bindings()  # the footer for this width (`BaseScreen.NARROW_FOOTER`)
        tall = self.size.height >= 34
        self.query_one(TracksPanel).compact = not tall
        self.query_one(Timeline).set_class(not tall, "-one-line")
        self.call_after_refresh(self._show_story)  # the story wraps to the new width

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return not self.session.over and self.session.path is not None and \
                not self.hosted
        if action == "compare" and self.hosted and self.live:
            return False  # the hosted games' folder holds other classes' games in play
        return not (action in ("branch", "charts", "goto") and not self.debrief.turns)

    # -- drawing --------------------------------------------------------------------------

    def _show(self) -> None:
        d, m = self.debrief, self.moment
        tracks, flags = d.board_at(m)
        state = d.states[m.state]
        record = self.records.get(m.turn)
        start = record.tracks_before if record is not None else d.states[0].tracks
        changes = {tr.name: tracks[i] - start[i] for i, tr in enumerate(TRACKS)
                   if tracks[i] != start[i] and not tr.counter}
        touched = frozenset(c.name for c in (m.entry.changes if m.entry else ())
                            if not c.name.startswith("flag:"))
        self.query_one(TracksPanel).show(tracks, flags, changes, touched)
        self.query_one(BelarusMap).show(tracks, flags, changes)
        ladder = self.query_one(Ladder)
        ladder.level = tracks[TRACK_INDEX["involvement"]]
        ladder.change = changes.get("involvement", 0)
        self.query_one(Situation).show(flags, state.demands, d.ruleset.cards,
                                       d.ruleset.scenario.month_label)
        self.query_one(MarginsBar).show(tracks, flags, self.viewpoint
                                        if self.viewpoint in ROLES else None,
                                        d.ruleset.edition)
        self._show_hands()
        self._show_story()
        self._show_status()
        self.query_one(Timeline).show(
            [d.ruleset.scenario.month_label(t) for t in range(1, len(self.spans) + 1)],
            self.spans, self._marks(), self.index)

    def _marks(self) -> dict[int, str]:
        marks: dict[int, str] = {}
        turning = {p.turn for p in self.debrief.turning_points}
        noted = {n.turn for n in self.debrief.notes}
        for turn in range(1, len(self.spans) + 1):
            text = (TURNING_POINT if turn in turning else "") + (NOTE if turn in noted else "")
            if text:
                marks[turn] = text
        return marks

    def _show_status(self) -> None:
        m, d = self.moment, self.debrief
        total = len(self.spans)
        month = d.ruleset.scenario.month_label(m.turn)
        play = (f"▶ {SPEEDS[self.speed]:g}/s", "bold $accent") if self.timer is not None \
            else ""
        over = " · over" if d.states[m.state].over else ""
        status = Content.assemble(
            (" Replay ", "bold reverse"), " ", (month, "bold"),
            f" · turn {m.turn} of {total}{over} · step {m.index + 1}/{len(self.moments)}  ",
            (viewpoint_label(self.viewpoint, short=True), "bold $warning"), "  ", play)
        self.query_one("#replay-status", Static).update(status)

    def _show_hands(self) -> None:
        d, m = self.debrief, self.moment
        state = d.states[m.state]
        cards = d.ruleset.cards
        lines: list[Content] = []
        panel = self.query_one("#hands-panel")
        shown = self.hand_of
        if self.viewpoint is None:
            panel.border_title = "Every hand (the referee's view)"
        elif shown:
            panel.border_title = (f"{ROLE_SYMBOLS[self.viewpoint]} "
                                  f"{ROLE_NAMES[self.viewpoint]}'s hand")
        else:
            panel.border_title = "Hands are hidden (the public view)"
        for role in ROLES:
            seen = view(state, role)
            purse = f"{seen.track(RESOURCE_OF[role])} {words.resource_label(role, short=True)}"
            head = Content.assemble((f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}", "bold"),
                                    (f" · {purse}", "$text-muted"))
            if role not in shown:
                lines.append(Content.assemble(
                    (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}", "bold"),
                    (f": {len(seen.hand)} cards, hidden", "$text-muted")))
                continue
            lines.append(head)
            for card_id in seen.hand:
                card = cards[card_id]
                lines.append(Content.assemble((f"{card.cost:>3} ", "bold $text-muted"),
                                              card.title))
            if not seen.hand:
                lines.append(Content.styled("  (no cards)", "$text-muted"))
            if seen.my_order is not None:
                lines.append(Content.assemble(("  ✉ sealed: ", "$accent"),
                                              words.order_title(cards, seen.my_order)))
        self.query_one("#hands", Static).update(Content("\n").join(lines))

    def _moment_lines(self, m: Moment) -> list[tuple[Content, Content]]:
        """(marker, text) of each line a moment adds to the story."""
        viewer = self.seer
        if m.order is not None:
            o = m.order
            who = (f"{ROLE_SYMBOLS[o.role]} ", "bold"), (ROLE_NAMES[o.role], "bold")
            none = Content("")
            if o.role not in self.hand_of:
                return [(none, Content.assemble(
                    ("✉ ", "bold $accent"), *who,
                    (" has sealed an order (hidden until all three are in)", "$text-muted")))]
            seat = self.session.seats[o.role].label
            lines = [(none, Content.assemble(("✉ ", "bold $accent"), *who, " seals ",
                                             (o.title, "bold $accent"),
                                             (f" · {seat}", "$text-muted")))]
            if o.reason:
                lines.append((Content.styled("     ↳ ", "$text-muted"),
                              Content.styled(o.reason, "italic")))
            reviewed = self.review_of(m.turn, o.role)
            if reviewed is not None:
                lines.append((Content("     "), order_review(reviewed)))
            return lines
        assert m.entry is not None
        seen = m.entry.seen_by(viewer)
        if seen is None:
            return []
        return [(Content(""), log_line(seen, self.debrief.ruleset))]

    def _show_story(self) -> None:
        d, m = self.debrief, self.moment
        first, count = self.spans[m.turn - 1]
        width = self.query_one("#replay-turn", Static).content_region.width - 1
        lines: list[Content] = []
        phase = ""
        for k in range(first, m.index + 1):
            moment = self.moments[k]
            if not moment.seen_by(self.seer):
                continue
            now = moment_phase(moment)
            if now != phase:
                lines.append(Content.styled(PHASE_HEADINGS.get(now, now), "bold $primary"))
                phase = now
            body = self._moment_lines(moment)
            if not body:
                continue
            for n, (mark, text) in enumerate(body):
                if k == m.index and n == 0:
                    lines.extend(part.stylize("bold") for part in hanging(
                        Content.assemble(("➤ ", "bold $accent"), mark), text, width))
                else:
                    lines.extend(hanging(Content.assemble("  ", mark), text, width))
        for note in d.notes:
            if note.turn == m.turn and note.action_index <= m.state:
                lines.append(Content.assemble((f"{NOTE} Note: ", "bold $warning"), note.text))
        record = self.records.get(m.turn)
        if record is not None and m.index == first + count - 1:
            swings = "  ".join(f"{ROLE_SYMBOLS[r]} {words.signed(record.margins_before[r])}→"
                               f"{words.signed(record.margins_after[r])}" for r in ROLES)
            lines.append(Content.assemble(("Margins this month: ", "bold"), swings))
            for point in d.turning_points:
                if point.turn == m.turn:
                    lines.append(Content.assemble((f"{TURNING_POINT} Turning point: ",
                                                   "bold $warning"), point.summary()))
        elif record is not None and any(p.turn == m.turn for p in d.turning_points):
            lines.append(Content.styled(f"{TURNING_POINT} A turning point: its cause is told "
                                        "at the end of the month.", "$text-muted"))
        story = self.query_one("#col-story", VerticalScroll)
        story.border_title = f"{d.ruleset.scenario.month_label(m.turn)}: turn {m.turn} · " \
            f"{viewpoint_label(self.viewpoint, short=True)}"
        self.query_one("#replay-turn", Static).update(Content("\n").join(lines))
        story.scroll_end(animate=False)

    # -- moving ---------------------------------------------------------------------------

    def go(self, index: int) -> None:
        """Show moment `index` (clamped; the nearest one this viewpoint saw)."""
        index = max(0, min(len(self.moments) - 1, index))
        index = self._visible(index, -1 if index < self.index else 1)
        if index != self.index:
            self.index = index
            self._show()

    def step(self, direction: int) -> bool:
        """One step on (1) or back (−1); False at either end."""
        i = self.index + direction
        while 0 <= i < len(self.moments) and not self.moments[i].seen_by(self.seer):
            i += direction
        if not 0 <= i < len(self.moments):
            return False
        self.index = i
        self._show()
        return True

    def action_step(self, direction: int) -> None:
        self.step(direction)

    def action_turn(self, direction: int) -> None:
        if direction < 0:
            target = self.turn if self.index > self.turn_start(self.turn) else self.turn - 1
        else:
            target = self.turn + 1
        if 1 <= target <= len(self.spans):
            self.go(self.turn_start(target))
        elif direction > 0:
            self.go(len(self.moments) - 1)

    def action_first(self) -> None:
        self.go(0)

    def action_last(self) -> None:
        self.go(len(self.moments) - 1)

    @on(Timeline.Jump)
    def _jump(self, message: Timeline.Jump) -> None:
        self.go(message.index)

    def action_goto(self) -> None:
        def chosen(index: int | None) -> None:
            if index is not None:
                self.go(index)

        self._dialog(GotoDialog(self), chosen)

    # -- autoplay ---------------------------------------------------------------------------

    def action_autoplay(self) -> None:
        if self.timer is not None:
            self.pause()
            return
        if self.index >= len(self.moments) - 1:
            self.index = 0
            self._show()
        self._start_timer()
        self._show_status()

    def _start_timer(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_interval(1 / SPEEDS[self.speed], self.tick)

    def tick(self) -> None:
        """One autoplay step; autoplay stops at the end of the game."""
        if not self.step(1):
            self.pause()

    def pause(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self._show_status()

    def action_speed(self, change: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + change))
        if self.timer is not None:
            self._start_timer()
        self._show_status()

    def on_screen_suspend(self) -> None:
        self.pause()

    # -- viewpoints and views -----------------------------------------------------------------

    def action_viewpoint(self) -> None:
        allowed = self.allowed_viewpoints()
        at = allowed.index(self.viewpoint) if self.viewpoint in allowed else -1
        self.set_viewpoint(allowed[(at + 1) % len(allowed)])

    def set_viewpoint(self, viewpoint: str | None) -> None:
        if viewpoint not in self.allowed_viewpoints():
            self.notify("Not while the game is being played: the players at this screen "
                        "would see what they may not.", title="Hidden", severity="warning")
            return
        self.viewpoint = viewpoint
        self.index = self._visible(self.index, -1)
        self._show()
        self.app.clear_notifications()  # one viewpoint message at a time, not a stack
        self.notify(viewpoint_label(viewpoint) + (
            "." if viewpoint in (None, PUBLIC) else
            ": its own hand and orders, and what was public."),
            timeout=3)

    def action_view(self, name: str) -> None:
        self._set_view(name if name != self.view_name else "tracks")

    def _set_view(self, name: str) -> None:
        self.view_name = name
        for other in ("tracks", "map", "hands"):
            self.set_class(other == name, f"view-{other}")

    # -- what the viewer leads to ---------------------------------------------------------

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The viewer's commands for the command palette: (name, help, callback)."""
        out: list[tuple[str, str, Callable[[], object]]] = [
            ("go to a turn, a turning point or a note (g)", "", self.action_goto),
            ("charts of every track (c)", "with the key orders marked", self.action_charts),
            ("what if… a new game from this turn (w)", "saved as a branch of this one",
             self.action_branch),
            ("compare with another save (x)", "a branch, its parent, another class",
             self.action_compare),
            ("write a note at this moment (b)", "kept in the save", self.action_bookmark),
            ("autoplay on or off (a)", "+ and − change the speed", self.action_autoplay),
            ("export the report (e)", "Markdown and HTML next to the save", self.action_export),
            ("review every order (d)", "which decisions mattered, from playouts",
             self.start_review),
            ("step on: the next log line or order (→, Space)", "", lambda: self.action_step(1)),
            ("step back in the log (←)", "", lambda: self.action_step(-1)),
            ("next turn (n, PgDn)", "", lambda: self.action_turn(1)),
            ("turn back (p, PgUp)", "", lambda: self.action_turn(-1)),
            ("to the start of the game (Home)", "", self.action_first),
            ("to the end of the game (End)", "", self.action_last),
            ("show the tracks (t)", "on an 80-column screen", lambda: self.action_view("tracks")),
            ("show the map and the ladder (m)", "and what is in force; 80-column screens",
             lambda: self.action_view("map")),
            ("show the hands (h)", "those this viewpoint may see; 80-column screens",
             lambda: self.action_view("hands")),
            ("autoplay faster (+)", "", lambda: self.action_speed(1)),
            ("autoplay slower (−)", "", lambda: self.action_speed(-1)),
            ("leave the replay (Esc)", "", self.action_back),
        ]
        if self.check_action("resume", ()):
            out.append(("resume: go on playing this game (r)", "where it stopped",
                        self.action_resume))
        for role in self.allowed_viewpoints():
            name = ("see the game as the referee: everything (v)" if role is None else
                    "see only what was public (v)" if role == PUBLIC else
                    f"see the game as {ROLE_SYMBOLS[role]} {ROLE_NAMES[role]} saw it (v)")
            out.append((name, "", lambda v=role: self.set_viewpoint(v)))
        return out

    def _dialog(self, screen: Screen[Any], callback: Callable[[Any], object]) -> None:
        """Push a dialog whose answer comes back here, whether a key or the command
        palette asked for it (the app's `open_dialog`)."""
        self.host.open_dialog(screen, callback)

    def action_charts(self) -> None:
        self.app.push_screen(ChartsScreen(self.debrief, turn=self.turn))

    def action_compare(self) -> None:
        def picked(path: Path | None) -> None:
            other = self.host.load_save(path) if path is not None else None
            if other is not None:
                self.open_compare(other)

        folders = [self.session.path.parent] if self.session.path else []
        self._dialog(ComparePicker(self.session, folders, self.host.save_dir), picked)

    def open_compare(self, other: Session) -> None:
        if other.ruleset.scenario.id != self.session.ruleset.scenario.id:
            self.notify("The two games are of different scenarios: compare games of one "
                        "scenario.", title="Cannot compare", severity="error", timeout=8)
            return
        names = (self.session.path.name if self.session.path else "this game",
                 other.path.name if other.path else "the other game")
        self.app.push_screen(CompareScreen(self.debrief, debrief_of(other), names))

    @property
    def hosted(self) -> bool:
        """Whether this is a hosted game (`wargame join`, a tab of `wargame serve`)."""
        return getattr(self.session, "local", None) is not None

    def action_branch(self) -> None:
        turn = self.turn
        self.pause()
        if self.hosted and self.live:
            self.notify("A hosted game is branched once it is over, from its save: a branch "
                        "now would start with every role's hand.", title="Not while it is "
                        "played", severity="warning", timeout=8)
            return

        def chosen(seats: dict | None) -> None:
            if seats is not None:
                self.branch(turn, seats)

        self._dialog(BranchDialog(self.session, turn), chosen)

    def branch(self, turn: int, seats: dict) -> None:
        """A new game from the start of `turn` with these seats, played on at once (the
        app makes it: `BranchWanted`)."""
        self.app.post_message(BranchWanted(self.session, turn, seats, self.hosted))

    def action_bookmark(self) -> None:
        m = self.moment
        month = self.debrief.ruleset.scenario.month_label(m.turn)
        self.pause()
        ask_note(self, self.session, at=m.state,
                 where=f"A note at turn {m.turn} ({month}), step {m.index + 1}",
                 done=self.notes_changed)

    def notes_changed(self) -> None:
        """The session's notes changed (a note was added here): show them."""
        self.debrief = evolve(self.debrief, notes=tuple(self.session.notes))
        self._show()

    def action_review(self) -> None:
        self.start_review()

    def action_export(self) -> None:
        self.host.action_export_report(self.session)

    def action_resume(self) -> None:
        if self.session is self.host.session:
            self.action_back()  # the game being played is right under this screen
        elif self.session.path is not None and not self.session.over and not self.hosted:
            self.app.post_message(ResumeGame(self.session.path))

    def action_back(self) -> None:
        self.pause()
        self.dismiss()
