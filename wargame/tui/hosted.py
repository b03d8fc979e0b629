"""The app's side of a hosted game (`wargame join`): join it as one role or as an
observer, and poll the game's database so that the screen follows what the other
screens do. The app drives a `HostedSession` exactly like a `Session`; what changes is
who counts as a human at this screen (`session.local`) and who plays the bots (the
process holding the bots' lease)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import wargame.klass.facilitator as class_clock
from wargame.classroom import SECTION, Ask, Classroom
from wargame.engine import EVENT, ORDERS, ROLES, Order
from wargame.hosting import HostedError, HostedSession
from wargame.saves import AutosaveError

from . import words
from .messages import Join
from .screens.classroom import AnswerDialog
from .screens.join import JoinScreen

if TYPE_CHECKING:
    from .app import SpringboardApp

POLL_SECONDS = 0.4
"""How often a screen reads the game's database (a read is a fraction of a millisecond
when nothing changed)."""
WARN_AT = 30
"""Seconds left when a team is told that time is short (as on one keyboard)."""
TEAM = 3
"""The members present a team's vote starts from when the class set no team size."""


class TableWork:
    """What a team's screen at a class's table keeps of the facilitator's clock and
    questions: what it has said and asked already (once each)."""

    def __init__(self) -> None:
        self.told: set[tuple[int, str]] = set()
        """(turn, 'short' | 'up') of the clock's warnings given."""
        self.done: set[Ask] = set()
        """The questions answered or skipped at this screen."""
        self.asking: Ask | None = None


def start(app: SpringboardApp, request: Join) -> None:
    """Join at once, or show the seats to choose from."""
    if request.pick:
        app.push_screen(JoinScreen(request.path))
        return
    join(app, request)


def join(app: SpringboardApp, request: Join) -> bool:
    """Play the hosted game from this screen; False (with a message) when it cannot."""
    try:
        session = request.session or HostedSession.join(request.path, request.role,
                                                        take_over=request.take_over)
    except HostedError as exc:
        app.notify(str(exc), title="Cannot join the game", severity="error", timeout=15)
        return False
    previous = app.session
    if isinstance(previous, HostedSession):
        previous.close()
    app.play_session(session, fresh=False)
    if request.role is not None:
        told = not session.first_join
    else:  # the projector: from the start while the first month is still on
        told = len(session.checkpoints) > 1
    if not told:  # this player has not seen the game begin: tell its first event too
        app.shown_log, app.shown_tracks = session.setup_log, session.setup_tracks
    if app.hosted_poll is None:
        app.hosted_poll = app.set_interval(POLL_SECONDS, lambda: poll(app),
                                            name="hosted-poll")
    return True


def poll(app: SpringboardApp) -> None:
    """Read what the other screens did; show it when this screen is waiting for them."""
    session = app.session
    board = app.board
    if not isinstance(session, HostedSession) or board is None:
        return
    try:
        changed = session.refresh()
    except HostedError as exc:
        if app.hosted_problem != str(exc):
            app.hosted_problem = str(exc)
            app.notify(f"{exc}. This screen keeps trying.", title="The game cannot be read",
                       severity="error", timeout=15)
        return
    app.hosted_problem = None
    if changed and session.held:
        pause = session.pause or {}
        app.notify(str(pause.get("reason", "")), title="The facilitator paused the class",
                   severity="warning", timeout=8)
    waiting = app.screen is board and board.role is None
    if changed:
        if waiting:
            app.next_step()
        elif board in app.screen_stack:
            board.refresh_status()
    elif waiting and not app.thinking and session.bots_owing() and session.runs_bots:
        app.next_step()  # whoever played the bots has gone: this screen takes them over
    if session.facilitated and session.local:
        table_work(app, session)


def table_work(app: SpringboardApp, session: HostedSession) -> None:
    """A class's table: the orders clock on the board (and a word when time is short or
    up), and the facilitator's questions to this team, one at a time."""
    work = app.hosted_table = app.hosted_table or TableWork()
    board = app.board
    room = Classroom.of(session.sections)
    if room is None or board is None:
        return
    role, state = session.local[0], session.state
    left = room.time_left(state.turn, class_clock.wall()) \
        if state.phase == ORDERS and state.order_of(role) is None else None
    board.show_clock("" if left is None else f"⏱ {left // 60}:{left % 60:02d}" if left
                     else "⏱ time is up", left is not None and left <= WARN_AT)
    if left is not None and left <= WARN_AT and (state.turn, "short" if left else "up") \
            not in work.told:
        work.told.add((state.turn, "short" if left else "up"))
        app.notify("Time is up for your orders: the facilitator may let a bot order for "
                   "you." if not left else f"{left} seconds left for your orders of "
                   f"{state.month}.", title="Orders timer", severity="warning", timeout=8)
    ask = next((a for a in room.asks if a not in work.done
                and _question(session, room, role, a) is not None), None)
    if ask is None or work.asking is not None or app.screen is not board \
            or len(state.log) > app.shown_log:
        return  # one at a time, over the board, once the story due has been told
    question = _question(session, room, role, ask)
    assert question is not None
    work.asking = ask
    turn, team = ask.turn, room.team(role) or TEAM

    def answered(result: tuple[int, int, str] | None) -> None:
        work.asking = None
        work.done.add(ask)
        if result is None:
            return
        value, of, why = result

        def change(data: Any) -> Any:
            now = Classroom.of({SECTION: data}) if data is not None else None
            if now is None:
                return data
            order = _order(session, role, turn)
            if ask.kind == "vote" and order is not None:
                now.record_vote(turn, role, order.card, order.option, value, of, why)
            elif ask.outcome is not None:
                now.record_forecast(turn, role, ask.outcome, value, why)
            return now.to_data()
        try:
            session.update_section(SECTION, change)
        except AutosaveError:
            pass  # recorded in the game; only its save file lags
        except (HostedError, ValueError) as exc:
            app.notify(str(exc), title="The answer was not recorded", severity="error")
            return
        app.notify("The facilitator sees your answer.", title="Answer recorded")

    app.open_dialog(AnswerDialog(role, question, ask.why,
                                 vote_of=team if ask.kind == "vote" else None), answered)


def _order(session: HostedSession, role: str, turn: int) -> Order | None:
    """The order `role` gave in `turn`, while the table is still in that month or giving
    the next month's orders (the story of its resolution comes first)."""
    state = session.state
    i = ROLES.index(role)
    if state.turn == turn and state.phase == ORDERS:
        return state.orders[i]
    if state.turn == turn or (state.turn == turn + 1 and state.phase in (EVENT, ORDERS)):
        return state.last_orders[i]  # resolved: asked on the board after the story
    return None


def _question(session: HostedSession, room: Classroom, role: str, ask: Ask) -> str | None:
    """What `ask` asks this team now, in words (the outcome, or the order voted on), or
    None when it has been answered, cannot be answered yet, or is past."""
    state = session.state
    if state.over:
        return None
    if ask.kind == "vote":
        order = _order(session, role, ask.turn)
        if order is None or room.vote_of(ask.turn, role) is not None:
            return None  # its order first (the vote is on it)
        return words.order_title(session.ruleset.cards, order)
    if not (state.turn == ask.turn or (state.turn == ask.turn + 1 and state.phase == EVENT)) \
            or any(f.outcome == ask.outcome for f in room.forecasts_of(ask.turn, role)):
        return None  # a forecast is for before its month's resolution (or its pause)
    return next((o.text for o in room.settings.outcomes if o.id == ask.outcome), None)


def leave(app: SpringboardApp) -> None:
    """Give up this screen's seat (the game goes on; the player can join again)."""
    if isinstance(app.session, HostedSession):
        app.session.close()


__all__ = ["POLL_SECONDS", "WARN_AT", "HostedSession", "Join", "TableWork", "join", "leave",
           "poll", "start", "table_work"]
