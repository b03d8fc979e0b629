"""The app's side of a hosted game (`wargame join`): join it as one role or as an
observer, and poll the game's database so that the screen follows what the other
screens do. The app drives a `HostedSession` exactly like a `Session`; what changes is
who counts as a human at this screen (`session.local`) and who plays the bots (the
process holding the bots' lease)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.hosting import HostedError, HostedSession

from .messages import Join
from .screens.join import JoinScreen

if TYPE_CHECKING:
    from .app import SpringboardApp

POLL_SECONDS = 0.4
"""How often a screen reads the game's database (a read is a fraction of a millisecond
when nothing changed)."""


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


def leave(app: SpringboardApp) -> None:
    """Give up this screen's seat (the game goes on; the player can join again)."""
    if isinstance(app.session, HostedSession):
        app.session.close()


__all__ = ["POLL_SECONDS", "HostedSession", "Join", "join", "leave", "poll", "start"]
