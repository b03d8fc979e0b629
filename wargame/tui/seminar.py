"""The classroom around a game in the terminal: the facilitator's pause after each turn,
the umpire's actions (inject or hold back an event, fix a roll in advance or override one
the class has just seen, show every hand, notes), the orders timer, the teams' votes and
the forecasts.

The app holds one `Seminar` for a classroom game (None otherwise) and calls it at a few
points of its flow (`SpringboardApp.next_step`, `_advance`, `_order_chosen`). Like the
app's own handlers it changes the game only through the Session (`apply`, `add_note`,
`set_section`, `retract_until`); the late roles' bots think in a thread worker that
hands its orders back to the app's thread.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.worker import get_current_worker

import wargame.bots
from wargame.classroom import SECTION, Classroom, OrdersClock, Settings
from wargame.engine import (
    AUTOMATIC,
    EVENT,
    ORDERS,
    OVER,
    PASS,
    ROLE_NAMES,
    ROLES,
    Advance,
    IllegalAction,
    Order,
    Umpire,
)
from wargame.hosting import HostedSession
from wargame.saves import AutosaveError

from . import words
from .messages import LateOrdersDecided
from .screens.classroom import ForecastDialog, TimeUpDialog, VoteDialog
from .screens.dialogs import ConfirmScreen, OrderDialog
from .screens.facilitator import (
    EventPicker,
    FacilitatorScreen,
    HandsScreen,
    ReasonDialog,
    UmpireMenu,
    roll_title,
)
from .screens.handoff import HandoffScreen

if TYPE_CHECKING:
    from wargame.session import Session

    from .game import Game
    from .screens.resolution import ResolutionScreen

LATE_BOT = "normal"
"""The level of the bot that orders for a role whose time ran out."""
EXTRA_TIME = 60
"""Seconds the facilitator adds when the class needs more time."""
WARN_AT = 30
"""Seconds left when everyone is told that time is short."""


def now() -> float:
    """The clock of the orders timer (tests replace it with one they move by hand)."""
    return time.monotonic()


class Seminar:
    """The classroom side of one game in the app."""

    def __init__(self, game: Game, session: Session, room: Classroom) -> None:
        self.game = game
        self.app = game.app
        self.session = session
        self.room = room
        timer = room.settings.timer
        self.clock = OrdersClock(timer, lambda: now()) if timer else None
        self.clock_turn: int | None = None
        """The turn whose orders the clock has timed."""
        self.paused: set[tuple[int, str]] = set()
        """(turn, 'event' | 'end') of the pauses the facilitator has gone on from."""
        self.asking: str | None = None
        """The role answering its vote or forecast (its order is chosen, not yet given)."""
        self.time_up_open = False
        self.warned_turn: int | None = None
        self._ticking = None

    @classmethod
    def of(cls, game: Game, session: Any) -> Seminar | None:
        """The seminar of a session with classroom settings, or None."""
        if isinstance(session, HostedSession):
            return None  # a hosted game: its host keeps the classroom
        room = Classroom.of(session.sections)
        if room is None or not room.settings.active:
            return None
        return cls(game, session, room)

    @staticmethod
    def setup(session: Session, settings: Settings) -> None:
        """Put a new game's classroom settings into its save."""
        if settings.active:
            session.set_section(SECTION, Classroom(settings).to_data())

    @property
    def facilitator(self) -> bool:
        return self.room.settings.facilitator

    @property
    def current(self) -> bool:
        """Whether this is still the app's game (the player may have left it)."""
        return self.app.session is self.session and self.app.seminar is self

    # -- the facilitator's pause -----------------------------------------------------

    def stops_at(self, state: Any) -> bool:
        """Whether the game waits for the facilitator here: before each world event and
        after the last turn, once each."""
        if not self.facilitator:
            return False
        if state.phase == EVENT:
            return (state.turn, "event") not in self.paused
        if state.phase == OVER:
            return (state.turn, "end") not in self.paused
        return False

    def tells_later(self, state: Any, shown: int) -> bool:
        """Whether the lines not yet told are only the umpire's, written while the
        orders are given (a fixed roll, the hands shown, a late order): they open the
        resolution's story rather than interrupt the next player."""
        return state.phase == ORDERS and all(e.kind == "umpire" for e in state.log[shown:])

    def advance(self) -> None:
        """The automatic phases, stopping where the facilitator pauses."""
        s = self.session
        while s.state.phase in AUTOMATIC and not self.stops_at(s.state):
            s.apply(Advance())

    def pause(self) -> None:

        if isinstance(self.app.screen, FacilitatorScreen):
            return
        kind = "end" if self.session.state.phase == OVER else "event"
        self.app.push_screen(FacilitatorScreen(self, kind))

    def pause_done(self, screen: FacilitatorScreen) -> None:
        """The class goes on from the pause (the event is drawn, or the end shown)."""
        self.paused.add((screen.turn, screen.kind))
        screen.dismiss(None)
        self.app.call_later(self.app.next_step)

    # -- the umpire ------------------------------------------------------------------

    def _apply(self, action: Any, reason: str | None = None, by: str | None = None) -> bool:
        try:
            self.session.apply(action, reason, by=by)
        except IllegalAction as exc:
            self.app.notify(str(exc), title="The umpire cannot do that", severity="error")
            return False
        except AutosaveError as exc:
            self.game.autosave_failed(exc)
        return True

    def ask_inject(self, screen: FacilitatorScreen) -> None:

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None or not self.current:
                return
            card, reason = result
            if self._apply(Umpire("inject", reason, card=card)):
                self.pause_done(screen)

        self.app.open_dialog(EventPicker(self.session.state), chosen)

    def ask_hold(self, screen: FacilitatorScreen) -> None:

        def chosen(reason: str | None) -> None:
            if reason and self.current and self._apply(Umpire("hold", reason)):
                self.pause_done(screen)

        month = self.session.state.month
        self.app.open_dialog(ReasonDialog(
            f"Hold back the world event of {month}",
            "No world event this month; the top card of the world deck waits for next "
            "month. Say why: it goes into the log, the save and the report.",
            confirm="Hold it back"), chosen)

    def ask_fix_roll(self, after: Callable[[], None] | None = None) -> Awaitable[None]:

        def chosen(result: tuple[int, str] | None) -> None:
            if result is None or not self.current:
                return
            value, reason = result
            if self._apply(Umpire("roll", reason, value=value)):
                self.app.notify(f"The next roll will be {value}.", title="Umpire")
                self._refresh(after)

        return self.app.open_dialog(ReasonDialog(
            "Fix the next roll",
            "The next d100 roll of the game (a card's gamble, a strike, an uprising) comes "
            "out as the number you choose: it succeeds when it is at most the chance. "
            "Say why: it goes into the log, the save and the report.", value=50,
            confirm="Fix it"), chosen)

    def ask_note(self, after: Callable[[], None] | None = None) -> Awaitable[None]:

        def chosen(text: str | None) -> None:
            if not text or not self.current:
                return
            try:
                self.session.add_note(text)
            except ValueError as exc:
                self.app.notify(str(exc), title="The note was not added", severity="error")
                return
            except AutosaveError as exc:
                self.game.autosave_failed(exc)
            self.app.notify("The note is kept for the debrief and the report.",
                            title="Teacher's note")
            self._refresh(after)

        return self.app.open_dialog(ReasonDialog(
            "A teacher's note", f"A bookmark at this point of the game "
            f"({self.session.state.month}), for the debrief and the report.",
            placeholder="what to remember, or to ask the class", confirm="Add the note",
            max_length=2000), chosen)

    def ask_show_hands(self, after: Callable[[], None] | None = None) -> Awaitable[None]:

        def answer(yes: bool | None) -> None:
            if yes and self.current and self._apply(Umpire("note",
                                                           "hands shown to the class")):
                self.app.push_screen(HandsScreen(self), lambda _: self._refresh(after))

        return self.app.open_dialog(ConfirmScreen(
            "Show every hand to the class?",
            "All three hands will be on the screen, including the cards of players who "
            "have not ordered yet. The log records that the hands were shown. Esc hides "
            "them again.", yes="Show the hands", no="Keep them hidden"), answer)

    def open_menu(self) -> Awaitable[None] | None:
        """The umpire's menu (the board's u key, or the palette). Awaited by a priority
        key, it holds the keys typed after it until the menu has the focus, and the
        menu's Enter holds them until its choice's dialog has it (`UmpireMenu`)."""

        if not self.facilitator or not self.current:
            return None
        choices = [
            ("roll", "Fix the next roll", "the next d100 roll comes out as the number you "
             "choose"),
            ("hands", "Show every hand to the class", "asks first; Esc hides them again"),
            ("note", "Add a teacher's note", "a bookmark for the debrief and the report"),
        ]
        if self.clock is not None and self.clock.running:
            choices += [("more", "One more minute for the orders", f"the timer shows "
                         f"{self.clock.label()}"),
                        ("stop", "Stop the timer for this month", "wait as long as needed")]
        late = self._late()
        if late:
            names = " and ".join(ROLE_NAMES[r] for r in late)
            choices.append(("bot", f"A normal bot orders for {names}",
                            "for the roles that have not ordered; the log says so"))
        forced = self.session.state.forced_rolls
        pending = (f"The next roll is already fixed: {', '.join(map(str, forced))}."
                   if forced else "")

        def chosen(key: str) -> Awaitable[None] | None:
            if not self.current:
                return None
            if key == "roll":
                return self.ask_fix_roll()
            if key == "hands":
                return self.ask_show_hands()
            if key == "note":
                return self.ask_note()
            if key == "more" and self.clock is not None:
                self.clock.extend(EXTRA_TIME)
                self._show_clock()
            elif key == "stop" and self.clock is not None:
                self.clock.stop()
                self._show_clock()
            elif key == "bot":
                self.bots_order(self._late())
            return None

        return self.app.open_dialog(UmpireMenu(choices, pending, chosen))

    def _refresh(self, after: Callable[[], None] | None) -> None:
        if after is not None:
            after()
            return
        board = self.app.board
        if board is not None and self.app.screen is board and \
                self.session.state.phase == ORDERS:
            if board.role is not None:
                board.show_orders(board.role)
            else:
                board.show_waiting()

    # -- overriding a roll the class has just seen ------------------------------------

    async def override_roll(self, screen: ResolutionScreen) -> None:
        """From the story: take back the step that made the last roll shown, fix that
        roll to the facilitator's number and let the step resolve again. Returns once
        the dialog has the focus (the keys typed after `o` go to it)."""

        if not self.facilitator:
            return
        entry = next((e for e in reversed(screen.steps[: screen.shown]) if e.kind == "roll"),
                     None)
        if entry is None or entry.roll is None:
            self.app.notify("Step on (Space) to the roll you want to override.",
                            title="No roll on screen yet", severity="warning")
            return
        log = self.session.state.log
        index = next((i for i in range(len(log) - 1, -1, -1) if log[i] is entry), None)
        if index is None or index < self.session.retractable_from():
            self.app.notify("That roll can no longer be changed: an order or an umpire's "
                            "action came after it. Fix the next roll in advance instead "
                            "(u on the board).", title="Too late for this roll",
                            severity="warning")
            return
        rolled, chance = entry.roll
        if entry.get("forced") or "(set by the umpire)" in entry.text:
            self.app.notify("The umpire set this roll already.", severity="warning")
            return

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None and self.current:
                self._override(screen, index, *result)

        other = 100 if rolled <= chance else 1
        verdict = "success" if rolled <= chance else "failure"
        await self.app.open_dialog(ReasonDialog(
            f"Override the roll: {roll_title(entry)}",
            f"It came out {rolled} against {chance}% ({verdict}). The step that rolled "
            "it is taken back, the roll is set to your number and "
            "the step resolves again: a roll of at most the chance succeeds. The log, the "
            "save and the report show the umpire's roll and your reason.", value=other,
            confirm="Override"), chosen)

    def _override(self, screen: ResolutionScreen, index: int, value: int,
                  reason: str) -> None:
        s = self.session
        old = s.state.log
        try:
            s.retract_until(index)
        except ValueError as exc:
            self.app.notify(str(exc), title="Too late for this roll", severity="warning")
            return
        except AutosaveError as exc:
            self.game.autosave_failed(exc)
        start = len(s.state.log)
        # Rolls of the same step before this one come out as the class saw them.
        for earlier in old[start:index]:
            if earlier.kind == "roll" and earlier.roll:
                self._apply(Umpire("roll", "kept as it was rolled, so that a later roll of "
                                   "this step can be set", value=earlier.roll[0]))
        self._apply(Umpire("roll", reason, value=value))
        app = self.app
        app.shown_log = start
        app.shown_tracks = s.state.tracks
        screen.dismiss(None)
        app.call_later(self.game.advance)

    # -- the orders timer ------------------------------------------------------------

    def _owing(self) -> list[str]:
        state = self.session.state
        if state.phase != ORDERS:
            return []
        humans = self.app.humans
        return [r for r in ROLES if r in humans and state.order_of(r) is None]

    def _late(self) -> list[str]:
        """The human roles that owe an order and are not answering a vote or forecast."""
        return [r for r in self._owing() if r != self.asking]

    def orders_begin(self) -> None:
        """The orders phase is on screen: start the timer once a turn."""
        clock = self.clock
        if clock is None or self.session.state.phase != ORDERS:
            return
        if self.clock_turn != self.session.state.turn and self._owing():
            self.clock_turn = self.session.state.turn
            clock.start()
            if self._ticking is None:
                self._ticking = self.app.set_interval(1.0, self.tick)
        self._show_clock()

    def tick(self) -> None:
        """Once a second (and whenever a test calls it): the time left on the board, and
        the facilitator's choice when it runs out."""
        clock = self.clock
        if not self.current:
            if self._ticking is not None:
                self._ticking.stop()
                self._ticking = None
            return
        if clock is None or not clock.running:
            return
        if not self._owing():
            clock.stop()
        elif clock.expired and not self.time_up_open and self._late():
            self.time_up()
        elif 0 < clock.remaining() <= WARN_AT and self.warned_turn != self.clock_turn:
            # Everyone sees it, whatever is on screen (a hand-off hides the board).
            self.warned_turn = self.clock_turn
            self.app.notify(f"{clock.remaining()} seconds left for the orders of "
                            f"{self.session.state.month}.", title="Orders timer",
                            severity="warning", timeout=8)
        self._show_clock()

    def _show_clock(self) -> None:
        board = self.app.board
        if board is None or self.clock is None:
            return
        clock = self.clock
        urgent = clock.running and clock.remaining() <= WARN_AT
        with contextlib.suppress(NoMatches):  # the board is not on screen yet
            board.show_clock(f"⏱ {clock.label()}" if clock.running else "", urgent)

    def time_up(self) -> None:

        self.time_up_open = True

        def answer(choice: str | None) -> None:
            self.time_up_open = False
            if not self.current or self.clock is None:
                return
            if choice == "bot":
                self.bots_order(self._late())
            elif choice == "stop":
                self.clock.stop()
            else:
                self.clock.extend(EXTRA_TIME)
            self._show_clock()

        self.app.open_dialog(TimeUpDialog(self._late(), self.session.state.month), answer)

    def bots_order(self, roles: list[str]) -> None:
        """A normal bot chooses for each late role, in a worker; the orders are given as
        the umpire's, each after a note in the log."""
        if not roles:
            return
        if self.clock is not None:
            self.clock.stop()
        self._clear_to_board(roles)
        s = self.session
        views = {r: s.view(r) for r in roles}
        self.app.thinking.update(roles)
        board = self.app.board
        if board is not None:
            board.refresh_status()
        self.app.run_worker(partial(self._think, s.game_id, s.state.turn, views, s.seed),
                            thread=True, group="bots", name="late bots")

    def _clear_to_board(self, roles: list[str]) -> None:
        """Nothing of a late role's choosing stays on screen."""

        app, board = self.app, self.app.board
        while isinstance(app.screen, (OrderDialog, HandoffScreen)):
            app.pop_screen()
        if board is not None and app.screen is board and (board.role in roles
                                                         or board.role is None):
            board.show_waiting()

    def _think(self, game: str, turn: int, views: dict[str, Any], seed: int) -> None:
        worker = get_current_worker()
        decided = []
        for role, view in views.items():
            if worker.is_cancelled:
                return
            try:
                decision = wargame.bots.make_bot(LATE_BOT, role, seed).choose(view)
                decided.append((role, decision.order, decision.reason))
            except Exception as exc:  # a bot bug must not freeze the class
                decided.append((role, Order(role, PASS),
                                f"the bot failed ({type(exc).__name__}) and passed"))
        self.app.post_message(LateOrdersDecided(game, turn, decided))

    def late_orders(self, message: LateOrdersDecided) -> None:
        """The stand-in bots' orders, given as the umpire's (the app's handler calls this
        on the main thread)."""
        s = self.session
        if not self.current or s.game_id != message.game or s.state.turn != message.turn:
            return
        for role, order, reason in message.decided:
            if s.state.phase != ORDERS or s.state.order_of(role) is not None:
                continue  # the player was quicker
            name = ROLE_NAMES[role]
            if self._apply(Umpire("note", f"time ran out: a {LATE_BOT} bot ordered for "
                                  f"{name}")):
                self._apply(order, f"time ran out; a {LATE_BOT} bot chose: {reason}",
                            by="umpire")
        board = self.app.board
        if board is not None:
            board.refresh_status()
        if s.state.phase != ORDERS:
            self.game.advance()
        else:
            self.app.next_step()

    # -- votes and forecasts ---------------------------------------------------------

    def wants_to_ask(self, order: Order) -> bool:
        """Whether this human order comes with a team vote or forecasts first."""
        return order.role in self.app.humans and bool(
            self.room.team(order.role) or self.room.settings.outcomes)

    def ask(self, order: Order) -> None:
        """The team's vote on `order`, then the role's forecasts; then the order is
        given. Going back from the vote returns to the hand; skipping the forecast
        gives the order without one."""

        role = order.role
        s = self.session
        turn, game = s.state.turn, s.game_id
        self.asking = role

        def still_here() -> bool:
            ok = (self.current and s.game_id == game and s.state.turn == turn
                  and s.state.phase == ORDERS and s.state.order_of(role) is None)
            if not ok:
                self.asking = None
            return ok

        def give() -> None:
            self.asking = None
            self.save()
            self.game.apply_order(order, None)

        def forecasts() -> None:
            outcomes = self.room.settings.outcomes
            if not outcomes:
                give()
                return
            defaults = {o.id: p for o in outcomes
                        if (p := self.room.last_forecast(role, o.id, turn)) is not None}

            def answered(result: dict[str, int] | None) -> None:
                if not still_here():
                    return
                for outcome, p in (result or {}).items():
                    self.room.record_forecast(turn, role, outcome, p)
                give()

            self.app.open_dialog(ForecastDialog(role, s.state.month, outcomes, defaults),
                                 answered)

        team = self.room.team(role)
        if not team:
            forecasts()
            return

        def voted(result: tuple[int, int] | None) -> None:
            if not still_here():
                return
            if result is None:
                self.asking = None  # back to the hand
                return
            self.room.record_vote(turn, role, order.card, order.option, *result)
            forecasts()

        title = words.order_title(s.ruleset.cards, order)
        self.app.open_dialog(VoteDialog(role, title, team), voted)

    def save(self) -> None:
        try:
            self.session.set_section(SECTION, self.room.to_data())
        except AutosaveError as exc:
            self.game.autosave_failed(exc)


__all__ = ["EXTRA_TIME", "LATE_BOT", "Seminar", "now"]
