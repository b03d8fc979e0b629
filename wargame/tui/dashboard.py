"""The facilitator's dashboard of a class (`wargame class run`): every table in one view
(month, phase, who has not ordered, margins, the dilemma so far, the orders timer, the
teams' answers to the facilitator's questions) and the umpire's controls applied to the
chosen table or to all of them.

The app holds a `wargame.klass.Facilitator`. A thread worker reads every table's
database and plays the bot seats a few times a second, then posts `ClassRead`; the
handler redraws. Each control asks for its reason first (the dialogs of one keyboard's
facilitator, `screens.facilitator`), then applies it through the Facilitator, which
writes it into every affected table's record; what it did at each table is listed
under the tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Log, Static

from wargame.classroom import PRESETS, Classroom, duration_text
from wargame.engine import EVENT, ROLE_NAMES, ROLES
from wargame.engine.tracks import ROLE_SYMBOLS
from wargame.files import write_atomic
from wargame.klass import Facilitator, Outcome, TableStatus, class_dir, render, table_games
from wargame.saves import SaveError

from .screens import MIN_HEIGHT, MIN_WIDTH
from .screens.askclass import AskDialog, TimerDialog
from .screens.classroom import TimeUpDialog
from .screens.dialogs import ConfirmScreen
from .screens.facilitator import EventPicker, ReasonDialog

POLL_SECONDS = 0.5
"""How often the dashboard reads every table (a read is cheap when nothing changed)."""
MUTED = "$text-muted"

CSS = """
DashboardScreen { layout: vertical; }
#class-head { height: auto; padding: 0 1; background: $boost; }
#tables { height: auto; max-height: 50%; }
#class-lower { height: 1fr; min-height: 7; }
#questions { width: 3fr; height: 1fr; padding: 0 1; border: round $primary-darken-1;
             border-title-color: $text; overflow-y: auto; }
#said { width: 2fr; height: 1fr; border: round $primary-darken-1;
        border-title-color: $text; overflow-x: hidden; scrollbar-size-vertical: 1; }
"""
COLUMNS = (("Table", "table", 10), ("Month", "month", 12), ("Now", "now", 22),
           ("Margins", "margins", 11), ("Rung", "rung", 4), ("Border", "border", 7),
           ("Ukraine", "ukraine", 7), ("Unrest", "unrest", 6), ("Sov.", "sov", 4),
           ("Stab.", "stab", 5), ("Timer", "timer", 5), ("⚑", "umpire", 2))
"""The tables' columns: title, key, width (120 columns show them all)."""


class ClassRead(Message):
    """The worker has read every table (and played their bots)."""


def margins_text(s: TableStatus) -> str:
    return " ".join(f"{ROLE_SYMBOLS[r]}{s.margins[r]:+d}" for r in ROLES)


def timer_text(left: int | None) -> str:
    if left is None:
        return ""
    return "up" if left <= 0 else f"{left // 60}:{left % 60:02d}"


def timer_cell(left: int | None) -> Content:
    """The timer's column: what is left, red under 30 s, 'UP' once the time is up."""
    if left is None:
        return Content("")
    if left <= 0:
        return Content.styled("UP", "bold $error")
    return Content.styled(timer_text(left), "$warning") if left <= 30 else Content(
        timer_text(left))


def now_text(s: TableStatus) -> tuple[str, str]:
    """What a table is doing, in a few characters, and its style."""
    if s.over:
        won = " ".join(ROLE_SYMBOLS[r] for r in s.winners) or "nobody"
        return f"over: {won} won", "$success"
    if s.held:
        return "PAUSED", "bold $error"
    text = ("waiting " + " ".join(ROLE_SYMBOLS[r] for r in s.waiting) if s.waiting
            else s.state_text())
    return (f"{text} · pause next", "$warning") if s.paused is not None else (text, "")


class DashboardScreen(Screen[None]):
    """Every table of the class, and the facilitator's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "toggle_all", "All/one", id="class-target",
                tooltip="Act on every table, or on the highlighted one only"),
        Binding("p", "pause", "Pause", id="class-pause",
                tooltip="Stop before the next month's world event (asks why)"),
        Binding("r", "resume", "Resume", id="class-resume", tooltip="Lift the pause"),
        Binding("i", "inject", "Inject", id="class-inject",
                tooltip="Choose this month's world event (paused tables)"),
        Binding("h", "hold", "Hold", id="class-hold",
                tooltip="No world event this month (paused tables)"),
        Binding("f", "fix_roll", "Roll", id="class-roll",
                tooltip="The next d100 roll, not yet rolled, comes out as your number (a "
                "roll the teams have seen is never changed)"),
        Binding("n", "note", "Note", id="class-note", tooltip="A teacher's note"),
        Binding("b", "late_bots", "Bots", id="class-late",
                tooltip="A normal bot orders for every team that has not ordered"),
        Binding("t", "timer", "Timer", id="class-timer",
                tooltip="Set or change the orders timer (0: none)"),
        Binding("c", "ask_forecast", "Forecast", id="class-forecast",
                tooltip="Ask every team for a forecast of an outcome, and why"),
        Binding("v", "ask_vote", "Vote", id="class-vote",
                tooltip="Ask every team for its team's vote on this month's order, and why"),
        Binding("s", "summary", "Summary", id="class-summary",
                tooltip="Write the class summary (HTML) into the class's folder"),
        Binding("ctrl+q", "app.quit", "Quit", id="class-quit", priority=True),
    ]

    def __init__(self, facilitator: Facilitator) -> None:
        super().__init__()
        self.f = facilitator
        self.all_tables = True
        self.statuses: list[TableStatus] = []
        self.time_up_seen: set[tuple[int, int]] = set()
        """(table, turn) whose time running out the teacher has been asked about."""

    def compose(self) -> ComposeResult:
        yield Static(id="class-head")
        table: DataTable[Any] = DataTable(id="tables", cursor_type="row", zebra_stripes=True)
        yield table
        with Horizontal(id="class-lower"):
            yield Static(id="questions")
            yield Log(id="said", max_lines=500)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#tables", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self.query_one("#questions", Static).border_title = "Cards just played: questions"
        self.query_one("#said", Log).border_title = "What the umpire did"
        self.redraw()

    # -- drawing ----------------------------------------------------------------------------

    @property
    def target(self) -> list[int]:
        """The tables the next action is for."""
        if self.all_tables or not self.statuses:
            return self.f.numbers
        row = self.query_one("#tables", DataTable).cursor_row
        return [self.statuses[min(max(row, 0), len(self.statuses) - 1)].number]

    def target_text(self) -> str:
        return "every table" if self.all_tables else f"table {self.target[0]}"

    def redraw(self) -> None:
        self.statuses = self.f.statuses()
        table = self.query_one("#tables", DataTable)
        row = table.cursor_row
        table.clear()
        for s in self.statuses:
            d = s.dilemma
            now, style = now_text(s)
            month, _, year = s.month.partition(" ")
            table.add_row(
                Content(f"{s.number} {s.game}"), Content(f"{month[:3]} {year} {s.turn}/"
                                                         f"{s.turns}"),
                Content.styled(now, style) if style else Content(now),
                Content(margins_text(s)), Content(str(d["involvement"])),
                Content(f"{d['troops_border']:,}"), Content(f"{d['troops_ukraine']:,}"),
                Content(str(d["unrest"])), Content(str(d["sovereignty"])),
                Content(str(d["stability"])),
                timer_cell(self.f.time_left(s.number)),
                Content(str(s.umpire_actions)), key=str(s.number))
        if self.statuses:
            table.move_cursor(row=min(max(row, 0), len(self.statuses) - 1))
        self.query_one("#class-head", Static).update(self._head())
        self.query_one("#questions", Static).update(self._questions())
        lower = self.query_one("#class-lower")
        lower.set_class(self.size.height < 34, "-short")

    def _head(self) -> Content:
        k = self.f.klass
        done = sum(1 for s in self.statuses if s.over)
        paused = sum(1 for s in self.statuses if s.paused is not None)
        timer = self.f.timer()
        parts = [(f"Class {k.name}", "bold"),
                 f" · {len(self.statuses)} tables · {done} finished",
                 f" · {paused} paused" if paused else "",
                 f" · {duration_text(timer)} for orders" if timer else "",
                 " · acting on ", (self.target_text(), "bold $accent"),
                 ("" if self.f.umpire else "  (watching: the controls are on the "
                  "dashboard that runs the class)", MUTED)]
        problems = "; ".join(f"table {n}: {p}" for n, p in sorted(self.f.problems.items()))
        if problems:
            parts.append(("\n" + problems, "$error"))
        return Content.assemble(*parts)

    def _questions(self) -> Content:
        lines: list[Content] = self._asked()
        for s in self.statuses:
            if not s.played:
                continue
            lines.append(Content.styled(f"Table {s.number}, before {s.month}:", "bold"))
            for p in s.played:
                lines.append(Content.assemble(
                    f" {ROLE_SYMBOLS[p.role]} ", (p.title, "bold"), (f" {p.cites}", MUTED),
                    f"\n   {p.question}"))
        return Content("\n").join(lines) if lines else Content.styled(
            "No card has been played yet.", MUTED)

    def _asked(self) -> list[Content]:
        """What the facilitator asked the teams lately, and each team's answer so far."""
        lines: list[Content] = []
        for number, ask, answers in self.f.asked():
            session = self.f.sessions[number]
            room = Classroom.of(session.sections)
            title = "team vote" if ask.kind == "vote" else next(
                (o.text for o in (room.settings.outcomes if room else ())
                 if o.id == ask.outcome), ask.outcome or "")
            lines.append(Content.assemble((f"Table {number}, asked: {title}", "bold"),
                                          (f" ({ask.why})", MUTED)))
            for role in session.human_roles:
                said = answers.get(role)
                lines.append(Content.assemble(f" {ROLE_SYMBOLS[role]} ",
                                              (said, "") if said else ("not yet", MUTED)))
        return lines

    def said(self, what: str, outcomes: list[Outcome]) -> None:
        log = self.query_one("#said", Log)
        for o in outcomes:
            log.write_line(f"{'✓' if o.done else '·'} {what}, table {o.table}: {o.text}")
        done = sum(1 for o in outcomes if o.done)
        self.notify(f"{what}: done at {done} of {len(outcomes)} "
                    f"table{'s' if len(outcomes) != 1 else ''}.", title="Umpire",
                    severity="information" if done else "warning")
        self.redraw()

    # -- the controls ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_all", "summary"):
            return True
        return self.f.umpire

    def action_toggle_all(self) -> None:
        self.all_tables = not self.all_tables
        self.redraw()

    def _ask(self, title: str, text: str, then: Any, **options: Any) -> None:
        self.app.push_screen(ReasonDialog(title, text, **options), then)

    def action_pause(self) -> None:
        def chosen(reason: str | None) -> None:
            if reason:
                self.said("Pause", self.f.pause(self.target, reason))
        self._ask(f"Pause {self.target_text()}", "Each table finishes the month it is in, "
                  "then waits before its next world event until you resume it. Say why: "
                  "it goes into each table's log, save and report.", chosen,
                  confirm="Pause")

    def action_resume(self) -> None:
        self.said("Resume", self.f.resume(self.target))

    def _event_tables(self) -> list[TableStatus]:
        chosen = set(self.target)
        return [s for s in self.statuses if s.number in chosen and s.phase == EVENT]

    def action_inject(self) -> None:
        tables = self._event_tables()
        if not tables:
            self.notify("Pause the tables first: an event is chosen before it is drawn.",
                        title="No table waits for its world event", severity="warning")
            return
        seen = {s.number: s.where for s in tables}
        first = self.f.sessions[tables[0].number].state
        months = sorted({s.month for s in tables})
        # Only events that can still happen at every one of these tables.
        can = [set(self.f.sessions[s.number].state.pile("world").deck)
               | set(self.f.sessions[s.number].state.pile("world").discard) for s in tables]
        common = set.intersection(*can)

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                card, reason = result
                self.said("Inject", self.f.inject(seen, card, reason, seen))

        picker = EventPicker(first, " and ".join(months))
        picker.events = [e for e in picker.events if e[0] in common]
        self.app.push_screen(picker, chosen)

    def action_hold(self) -> None:
        tables = self._event_tables()
        if not tables:
            self.notify("Pause the tables first: an event is held back before it is "
                        "drawn.", title="No table waits for its world event",
                        severity="warning")
            return
        seen = {s.number: s.where for s in tables}

        def chosen(reason: str | None) -> None:
            if reason:
                self.said("Hold the event", self.f.hold(seen, reason, seen))
        self._ask("Hold back the world event", f"No world event this month at "
                  f"{len(tables)} table{'s' if len(tables) > 1 else ''}; the top card waits "
                  "for next month. Say why.", chosen, confirm="Hold it back")

    def action_fix_roll(self) -> None:
        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                value, reason = result
                self.said(f"Fix the next roll to {value}",
                          self.f.fix_roll(self.target, value, reason))
        self._ask(f"Fix the next roll at {self.target_text()}", "The next d100 roll of "
                  "each table, not yet rolled, comes out as your number: it succeeds when it "
                  "is at most the chance. A roll the teams have already seen stays as it "
                  "was (their screens have told it). Say why.", chosen, value=50, confirm="Fix it")

    def action_note(self) -> None:
        def chosen(text: str | None) -> None:
            if text:
                self.said("Note", self.f.note(self.target, text))
        self._ask(f"A teacher's note at {self.target_text()}", "A bookmark at this point "
                  "of each game, for the debrief and the report.", chosen,
                  placeholder="what to remember, or to ask the class", confirm="Add it",
                  max_length=2000)

    def action_late_bots(self) -> None:
        late = [s for s in self.statuses if s.number in self.target and any(
            self.f.sessions[s.number].seats[r].kind == "human" for r in s.waiting)]
        if not late:
            self.notify("Every team there has ordered.", title="No team is late")
            return
        seen = {s.number: s.where for s in late}
        names = "; ".join(f"table {s.number}: " + ", ".join(ROLE_NAMES[r] for r in s.waiting)
                          for s in late)

        def answer(yes: bool | None) -> None:
            if yes:
                self.said("Bots for the late teams",
                          self.f.late_bots(seen, "time ran out", seen))
        self.app.push_screen(ConfirmScreen(
            "A normal bot orders for the late teams?", f"{names}. Each table's log says "
            "that a bot ordered for them.", yes="Let the bots order", no="Wait"), answer)

    def action_timer(self) -> None:
        def chosen(seconds: int | None) -> None:
            if seconds is not None:
                self.said("Timer", self.f.set_timer(self.target, seconds))
        self.app.push_screen(TimerDialog(self.target_text(), self.f.timer()), chosen)

    def _ask_teams(self, outcomes: list[Any]) -> None:
        targets = self.target

        def chosen(result: tuple[Any, str] | None) -> None:
            if result is not None:
                outcome, reason = result
                self.said("Ask for a forecast" if outcome else "Ask for a team vote",
                          self.f.ask(targets, reason, outcome))
        self.app.push_screen(AskDialog(self.target_text(), outcomes), chosen)

    def action_ask_forecast(self) -> None:
        known = {}
        for n in self.target:
            room = Classroom.of(self.f.sessions[n].sections)
            for o in room.settings.outcomes if room else ():
                known.setdefault(o.id, o)
        for o in PRESETS:
            known.setdefault(o.id, o)
        self._ask_teams(list(known.values()))

    def action_ask_vote(self) -> None:
        self._ask_teams([])

    def time_up(self) -> None:
        """The orders clock ran out at some tables: the teacher decides, as on one
        keyboard (one more minute, no timer this month, or a bot orders for the late)."""
        if not self.f.umpire or self.app.screen is not self:
            return
        late = {n: roles for n, roles in self.f.timed_out().items()
                if (n, self.f.sessions[n].state.turn) not in self.time_up_seen}
        if not late:
            return
        tables = sorted(late)
        for n in tables:
            self.time_up_seen.add((n, self.f.sessions[n].state.turn))
        seen = {n: self.f.sessions[n].state.turn for n in tables}
        where = {n: (self.f.sessions[n].state.turn, self.f.sessions[n].state.phase)
                 for n in tables}
        roles = [r for r in ROLES if any(r in late[n] for n in tables)]
        month = " and ".join(sorted({self.f.sessions[n].state.month for n in tables}))
        at = ", ".join(map(str, tables))

        def answer(choice: str | None) -> None:
            still = [n for n in tables if self.f.sessions[n].state.turn == seen[n]]
            if choice == "bot":
                self.said("Bots for the late teams", self.f.late_bots(
                    still, "time ran out", {n: where[n] for n in still}))
            elif choice == "stop":
                self.said("No timer this month", self.f.stop_clock(still))
            else:
                self.said("One more minute", self.f.more_time(still))
        self.app.push_screen(TimeUpDialog(roles, f"{month} at table"
                                          f"{'s' if len(tables) > 1 else ''} {at}"), answer)

    def action_summary(self) -> None:
        k = self.f.klass
        try:
            text = render(k, table_games(k), "html")
            path = write_atomic(class_dir(k.name, k.games) / "summary.html",
                                text.encode("utf-8"))
        except (SaveError, OSError) as exc:
            self.notify(str(exc), title="The summary could not be written", severity="error")
            return
        self.notify(f"{path}", title="The class summary is written", timeout=10)


class DashboardApp(App[int]):
    """`wargame class run`: the dashboard of one class."""

    CSS_PATH = Path(__file__).with_name("springboard.tcss")
    CSS = CSS
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (120, "-wide"), (160, "-xwide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-short"), (MIN_HEIGHT, "-short"), (34, "-tall")]

    def __init__(self, facilitator: Facilitator, *, poll: float | None = POLL_SECONDS,
                 bots: bool = True) -> None:
        super().__init__()
        self.f = facilitator
        self.poll = poll
        self.bots = bots
        self.title = f"Springboard — class {facilitator.klass.name}"
        self.board = DashboardScreen(facilitator)

    def on_mount(self) -> None:
        self.push_screen(self.board)
        if self.poll:
            self.set_interval(self.poll, self.read_tables)

    def read_now(self) -> None:
        """Read every table and play the bots here and now (tests, and the first look)."""
        self.f.refresh()
        if self.bots:
            self.f.play_bots()
        if self.board.is_mounted:
            self.board.redraw()
            self.board.time_up()

    @work(thread=True, exclusive=True, group="class")
    def read_tables(self) -> None:
        self.f.refresh()
        if self.bots:
            self.f.play_bots(steps=5)
        self.post_message(ClassRead())

    @on(ClassRead)
    def _read(self) -> None:
        if self.board.is_mounted and self.screen is self.board:
            self.board.redraw()
            self.board.time_up()
        elif self.board.is_mounted:
            self.board.statuses = self.f.statuses()


__all__ = ["POLL_SECONDS", "ClassRead", "DashboardApp", "DashboardScreen"]
