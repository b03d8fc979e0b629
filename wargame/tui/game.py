"""The game in play at one screen: the app's handlers for everything that needs the
engine, the session or a screen of the game (`SpringboardApp` keeps the title screen
light and calls this once a game, a save or a dialog of the game is wanted).

Every change to the game goes through here, and through `Session.apply` /
`Session.advance` (which autosave). Bots think in thread workers that post `BotDecided`;
a worker never touches the session, the app or a widget."""

from __future__ import annotations

import secrets
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

import wargame.bots
from wargame.decks import DeckError, load_decks
from wargame.engine import AUTOMATIC, ORDERS, PASS, ROLES, IllegalAction, Order
from wargame.engine.view import View
from wargame.hosting import HostedError
from wargame.saves import AutosaveError, default_save_dir
from wargame.session import Hidden, SaveError, Seat, Session

from . import hosted, words
from .messages import (
    BotDecided,
    BotFailed,
    BranchWanted,
    Join,
    JoinGame,
    NewGame,
    NoteWritten,
)
from .report import export_report
from .screens.board import BoardScreen
from .screens.dialogs import ConfirmScreen, SavePicker
from .screens.end import EndScreen
from .screens.handoff import HandoffScreen
from .screens.help import HelpScreen
from .screens.newgame import NewGameScreen
from .screens.replay import ReplayScreen
from .screens.resolution import ResolutionScreen
from .seminar import Seminar

if TYPE_CHECKING:
    from textual.screen import Screen

    from wargame.bots import Bot

    from .app import SpringboardApp


class Game:
    """The games played at the app's screen: the one in play (`app.session`) and the
    flow of its turns, the bots, the dialogs that start, open or leave a game."""

    def __init__(self, app: SpringboardApp) -> None:
        self.app = app
        self.bots: dict[str, Bot] = {}
        self.deckset: Any = None
        self.in_play: dict[str, Session] = {}
        """The games played at this screen since it opened, by game id: a save of one
        of them opened again while it is not over shows only what this screen may see."""
        self.autosave_told: tuple[str, float] = ("", 0.0)

    # -- starting ----------------------------------------------------------------------

    def decks(self) -> Any:
        if self.deckset is None:
            self.deckset = load_decks(self.app.decks_dir)
        return self.deckset

    def new_game(self, request: NewGame) -> bool:
        """Start a game; False (with a message) when it cannot start."""
        app = self.app
        try:
            ruleset = self.decks().ruleset(request.scenario, request.edition)
        except (DeckError, KeyError, ValueError) as exc:
            app.notify(str(exc), title="Cannot start the game", severity="error",
                       timeout=10)
            return False
        seed = request.seed if request.seed is not None else secrets.randbelow(1_000_000)
        seats = {role: Seat(role, c.kind, c.level) for role, c in request.seats.items()}
        try:
            session = Session.new(ruleset, seed, seats, turns=request.turns,
                                  save_dir=app.save_dir)
            if request.classroom is not None:
                Seminar.setup(session, request.classroom)
        except (SaveError, ValueError) as exc:
            app.notify(str(exc), title="Cannot start the game", severity="error",
                       timeout=10)
            return False
        self.play_session(session, fresh=True)
        return True

    def resume(self, path: Path) -> bool:
        session = self._opened(path)
        if session is None:
            return False
        if session.over:
            self.open_replay(session)
            return True
        self.play_session(session, fresh=False)
        return True

    def start_hosted(self, request: Join) -> None:
        """`wargame join`: join at once, or show the seats to choose from."""
        hosted.start(self.app, request)

    def join(self, message: JoinGame) -> None:
        if not hosted.join(self.app, message.request):
            message.failed()

    def play_session(self, session: Session, fresh: bool) -> None:
        app = self.app
        app.workers.cancel_group(app, "bots")
        app.session = session
        session.play_here(self.humans)  # what this screen may show of it, from now on
        self.in_play[session.game_id] = session
        app.seminar = Seminar.of(self, session)
        app.thinking.clear()
        self.bots.clear()
        if not fresh:
            # A resumed game starts where the player left it; the board's arrows still
            # show what changed since the last orders (they are read from the log).
            try:
                (app.seminar.advance if app.seminar is not None else session.advance)()
            except AutosaveError as exc:  # a full disk, a folder that cannot be written
                self.autosave_failed(exc)
            except HostedError as exc:
                self.hosted_failed(exc)
        app.shown_log = len(session.state.log)
        app.shown_tracks = session.state.tracks
        app.board = BoardScreen()
        self.show_screen(app.board)
        app.call_after_refresh(self.next_step)

    def show_screen(self, screen: Screen[Any]) -> None:
        """Replace everything above the title screen with `screen`."""
        app = self.app
        while len(app.screen_stack) > 1:
            app.pop_screen()
        app.push_screen(screen)

    @property
    def humans(self) -> list[str]:
        session = self.app.session
        if session is None:
            return []
        local = session.local if isinstance(session, hosted.HostedSession) else None
        if local is not None:  # hosted: the roles played here
            return list(local)
        return [r for r in ROLES if session.seats[r].kind == "human"]

    # -- the flow of a game ------------------------------------------------------------

    def next_step(self) -> None:
        """Show whatever the game needs next: the story of what just happened, the end,
        a hand-off, a human's orders, or the bots thinking."""
        app = self.app
        session, board = app.session, app.board
        if session is None or board is None:
            return
        state = session.state
        seminar = app.seminar
        if state.phase in AUTOMATIC:
            if seminar is not None and seminar.stops_at(state):  # the facilitator's pause
                (self.show_story if len(state.log) > app.shown_log else seminar.pause)()
                return
            if isinstance(session, hosted.HostedSession) and session.held:
                if len(state.log) > app.shown_log:  # the month's story first
                    self.show_story()
                    return
                pause = session.pause or {}  # a class's facilitator holds every table
                board.show_paused(state.month, str(pause.get("reason", "")))
                return
            self.advance()
            return
        if len(state.log) > app.shown_log and not (
                seminar is not None and seminar.tells_later(state, app.shown_log)):
            self.show_story()
            return
        if state.over:
            if seminar is not None and seminar.stops_at(state):
                seminar.pause()
                return
            self.show_screen(EndScreen(session))
            return
        assert state.phase == ORDERS
        self.start_bots()
        if seminar is not None:
            seminar.orders_begin()
        humans = self.humans
        owing = [r for r in ROLES if state.orders[ROLES.index(r)] is None and r in humans]
        if not owing:
            board.show_waiting()
            return
        role = owing[0]
        if len(humans) > 1:  # hot seat
            board.show_waiting()  # nothing of the last player's hand stays behind
            app.push_screen(HandoffScreen(role, state.month))
        else:
            self.give_orders(role)

    def give_orders(self, role: str) -> None:
        if self.app.board is not None and self.app.session is not None:
            self.app.board.show_orders(role)

    def advance(self) -> None:
        app = self.app
        assert app.session is not None
        try:
            (app.seminar.advance if app.seminar is not None else app.session.advance)()
        except AutosaveError as exc:
            self.autosave_failed(exc)
        except HostedError as exc:
            self.hosted_failed(exc)
            return
        self.next_step()

    def hosted_failed(self, exc: Exception) -> None:
        self.app.notify(f"{exc}. Nothing was lost: press a key to try again, or quit and "
                        "rejoin.", title="The hosted game could not be reached",
                        severity="error", timeout=15)

    def autosave_failed(self, exc: Exception) -> None:
        # Every step of a month autosaves: say it once, not once a step.
        said, when = self.autosave_told
        if said == str(exc) and time.monotonic() - when < 60:
            return
        self.autosave_told = (str(exc), time.monotonic())
        self.app.notify(f"{exc}. The game goes on; the next autosave tries again.",
                        title="Autosave failed", severity="error", timeout=10)

    def show_story(self) -> None:
        app = self.app
        assert app.session is not None
        state = app.session.state
        entries = state.log[app.shown_log:]
        before = app.shown_tracks
        app.shown_log = len(state.log)
        app.shown_tracks = state.tracks
        app.push_screen(ResolutionScreen(app.session, entries, before, app.viewer))

    # -- the bots ----------------------------------------------------------------------

    def start_bots(self) -> None:
        app = self.app
        session = app.session
        assert session is not None
        if isinstance(session, hosted.HostedSession) and not session.runs_bots:
            return  # a hosted game whose bots another screen plays
        state = session.state
        due = [r for r in ROLES if session.seats[r].kind == "bot"
               and state.orders[ROLES.index(r)] is None and r not in app.thinking]
        if not due:
            return
        app.thinking.update(due)
        thinkers: list[tuple[str, Bot, View]] = []
        for role in due:  # the bots are made here, on the main thread
            view = session.view(role)
            level = session.seats[role].level
            try:
                bot = self.bots.get(role)
                if bot is None:
                    if level is None:
                        raise ValueError(f"the {role} bot's seat has no level")
                    bot = self.bots[role] = wargame.bots.make_bot(level, role, view.seed)
            except Exception as exc:  # a bot bug must not freeze the game
                app.post_message(BotFailed(session.game_id, role,
                                           f"{type(exc).__name__}: {exc}"))
                continue
            thinkers.append((role, bot, view))
        app.run_worker(partial(think, app, session.game_id, state.turn, thinkers),
                       thread=True, group="bots", name="bots")
        if app.board is not None:
            app.board.refresh_status()

    def bot_decided(self, message: BotDecided) -> None:
        app = self.app
        session = app.session
        if session is None or message.game != session.game_id:
            return  # an answer for a game that was left
        app.thinking.discard(message.role)
        if session.state.turn != message.turn or session.state.phase != "orders":
            return
        self.apply_order(message.order, message.reason)

    def bot_failed(self, message: BotFailed) -> None:
        app = self.app
        session = app.session
        if session is None or message.game != session.game_id:
            return
        app.thinking.discard(message.role)
        app.notify(f"The {message.role} bot failed ({message.error}); it passes this "
                   "month.", title="Bot error", severity="error", timeout=10)
        if session.state.phase == "orders":
            self.apply_order(Order(message.role, PASS), "the bot failed and passed")

    def order_chosen(self, order: Order) -> None:
        seminar = self.app.seminar
        if seminar is not None and seminar.wants_to_ask(order):
            seminar.ask(order)  # the team's vote and the forecasts first
            return
        self.apply_order(order, None)

    def apply_order(self, order: Order, reason: str | None) -> None:
        app = self.app
        session = app.session
        assert session is not None
        if session.state.orders[ROLES.index(order.role)] is not None:
            return
        try:
            session.apply(order, reason)
        except IllegalAction as exc:
            app.notify(words.refused_order(session.view(order.role), order, str(exc)),
                       title="That order is not allowed", severity="error")
            return
        except HostedError as exc:
            self.hosted_failed(exc)
            return
        except AutosaveError as exc:
            self.autosave_failed(exc)
        if app.board is not None:
            app.board.refresh_status()
        if session.state.phase != "orders":
            self.advance()
        elif order.role in self.humans:
            self.next_step()

    # -- notes and branches ------------------------------------------------------------

    def keep_note(self, message: NoteWritten) -> None:
        """Add the note to the session (which autosaves it), or say why it was refused.
        A note that could not be written to disk is kept in memory."""
        app, session = self.app, message.session
        try:
            session.add_note(message.text, at=message.at)
        except ValueError as exc:
            app.notify(str(exc), title="The note was not kept", severity="error")
            return
        except SaveError as exc:
            app.notify(f"{exc}. The note is kept until the game is closed.",
                       title="The save could not be written", severity="error", timeout=10)
        else:
            if session.path is not None:
                app.notify(f"Kept in {session.path.name}.", title="Note saved", timeout=3)
        if message.done is not None:
            message.done()

    def branch(self, message: BranchWanted) -> None:
        """A new game from the start of a turn of a game, played on at once."""
        app, parent, turn = self.app, message.session, message.turn
        seats = dict(message.seats)
        try:
            if message.hosted:  # never into the hosted games' folder
                raise SaveError("", "a hosted game's folder is for hosted games")
            child = parent.branch(turn, seats)
        except Hidden as exc:
            app.notify(str(exc), title="Not while it is played", severity="warning",
                       timeout=10)
            return
        except SaveError:
            # The parent's folder may not be writable (an example shipped with the game).
            try:
                child = parent.branch(turn, seats, save_dir=app.save_dir or default_save_dir())
            except (SaveError, Hidden) as exc:
                app.notify(str(exc), title="Cannot branch here", severity="error",
                           timeout=10)
                return
        month = parent.ruleset.scenario.month_label(turn)
        where = f" It is saved as {child.path}." if child.path else ""
        app.notify(f"A new game from the start of {month}, with the same history "
                   f"up to then.{where}", title="What if…", timeout=8)
        self.play_session(child, fresh=True)

    # -- screens -----------------------------------------------------------------------

    def open_replay(self, session: Session, **options: Any) -> None:
        """The replay viewer (`options`: turn, viewpoint, compare; see ReplayScreen)."""
        self.app.push_screen(ReplayScreen(session, **options))

    def help(self, tab: str) -> None:
        app = self.app
        if isinstance(app.screen, HelpScreen):
            app.screen.show_tab(tab)
            return
        app.push_screen(HelpScreen(tab))

    def new_game_screen(self) -> None:
        app = self.app
        session = app.session
        if session is not None and not session.over:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    app.push_screen(NewGameScreen())

            app.open_dialog(ConfirmScreen(
                "Start a new game?",
                "The game in progress is saved: you can resume it later from the title "
                "screen or with `wargame resume`.", yes="New game", no="Stay"), confirmed)
            return
        app.push_screen(NewGameScreen())

    def resume_last(self) -> None:
        path = Session.latest(self.app.save_dir)
        if path is None:
            self.app.notify("There is no saved game yet.", severity="warning")
            return
        self.resume(path)

    def open_save(self) -> None:
        def picked(path: Path | None) -> None:
            session = self.load_save(path) if path is not None else None
            if session is not None:
                self.open_replay(session)

        self.app.open_dialog(SavePicker(self.app.save_dir), picked)

    def load_save(self, path: Path) -> Session | None:
        """The saved game at `path`, or None after telling the player why it cannot be
        opened."""
        session = self._opened(path)
        if session is not None:
            self.keep_secrets(session)
        return session

    def _opened(self, path: Path) -> Session | None:
        """`Session.load`, or None after telling the player why the save cannot be used."""
        try:
            return Session.load(path)
        except SaveError as exc:
            self.app.notify(str(exc), title="Cannot open the save", severity="error",
                            timeout=10)
            return None

    def keep_secrets(self, session: Session) -> None:
        """A copy of a game played at this screen and not over yet (its own save, or a
        branch of it) shows only what the game itself may show here."""
        for game_id in (session.game_id, session.parent.game if session.parent else None):
            live = self.in_play.get(game_id or "")
            if live is not None and not live.over and live.players_here is not None:
                session.play_here(live.players_here)
                return

    def export_report(self, session: Session) -> Path | None:
        app = self.app
        try:
            paths = export_report(session, app.save_dir)
        except OSError as exc:
            app.notify(f"The report could not be written: {exc}", severity="error",
                       timeout=10)
            return None
        app.notify("\n".join(str(p) for p in paths), title="Report exported", timeout=6)
        return paths[0]

    def quit(self) -> None:
        app = self.app
        if any(isinstance(s, ConfirmScreen) and s.purpose == "quit"
               for s in app.screen_stack):
            app.exit(0)
            return
        session = app.session
        if session is None or session.over:
            app.exit(0)
            return
        if isinstance(session, hosted.HostedSession) and session.rejoin:
            text = session.rejoin  # a hosted game goes on without this screen
        elif session.path is not None:
            text = (f"Your game is saved after every phase, in {session.path}. Resume it "
                    "later from the title screen or with `wargame resume`.")
        else:
            text = "This game is not being saved: quitting now throws it away."

        def answer(yes: bool | None) -> None:
            if yes:
                app.exit(0)

        app.open_dialog(ConfirmScreen("Quit Springboard?", text, yes="Quit", no="Stay",
                                      purpose="quit"), answer)


def think(app: SpringboardApp, game: str, turn: int,
          thinkers: list[tuple[str, Bot, View]]) -> None:
    """In a thread worker: each bot chooses from its own view; the answers go back to the
    app as messages (a worker never touches the session, the app's state or a widget)."""
    worker = get_current_worker()
    for role, bot, view in thinkers:
        if worker.is_cancelled:  # the game was left or the app is closing
            return
        try:
            decision = bot.choose(view)
        except Exception as exc:  # a bot bug must not freeze the game
            app.post_message(BotFailed(game, role, f"{type(exc).__name__}: {exc}"))
            continue
        app.post_message(BotDecided(game, turn, role, decision.order, decision.reason))


__all__ = ["Game", "think"]
