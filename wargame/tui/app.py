"""The Springboard app: a thin shell over a `Session`.

The screens read `View`s and post messages; the handlers here own every change to the
game, and every change goes through `Session.apply` / `Session.advance` (which autosave).
Bots think in thread workers that post `BotDecided`; nothing blocks the screen.

Heavy modules (the decks, the session, the bots, the board) are imported when first
needed, so the title screen comes up fast (see benchmarks/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from .hosted import Join
from .messages import (
    BotDecided,
    BotFailed,
    HandoffDone,
    HintDismissed,
    OrderChosen,
    SettingsChanged,
    StoryFinished,
)
from .settings import DARK_THEME, LIGHT_THEME, TERMINAL_THEMES, Settings

if TYPE_CHECKING:
    from wargame.session import Session

    from .screens.board import BoardScreen
    from .seminar import Seminar

MIN_WIDTH, MIN_HEIGHT = 80, 24

THEMES = (
    Theme(name=DARK_THEME, dark=True, primary="#6cb4e4", secondary="#8fc0b5",
          accent="#f0a848", warning="#f2cc60", error="#f26d6d", success="#7fd18b",
          foreground="#e4e2dc", background="#11151a", surface="#181e25", panel="#222b35"),
    Theme(name=LIGHT_THEME, dark=False, primary="#0b5f8a", secondary="#2f6f62",
          accent="#a85400", warning="#8a6500", error="#b3261e", success="#1d7a34",
          foreground="#1d1f21", background="#f6f3ec", surface="#fffdf8", panel="#e6e0d2"),
)
LIGHT_OF = {DARK_THEME: LIGHT_THEME, "ansi-dark": "ansi-light", "textual-dark": "textual-light"}
DARK_OF = {v: k for k, v in LIGHT_OF.items()}


@dataclass(frozen=True)
class SeatChoice:
    kind: str  # "human" or "bot"
    level: str | None = None


@dataclass(frozen=True)
class NewGame:
    """What the new-game screen (or `wargame play`) asks for."""

    seats: dict[str, SeatChoice]
    scenario: str | None = None
    turns: int | None = None
    seed: int | None = None
    edition: int | None = None
    """The rules edition (None: the newest)."""
    classroom: Any = None
    """`wargame.classroom.Settings` for a classroom game (facilitator, timer, teams,
    forecasts), or None."""


@dataclass(frozen=True)
class Resume:
    path: Path


@dataclass(frozen=True)
class Replay:
    """`wargame replay SAVE`: open a loaded save in the replay viewer, at `turn`, as
    `viewpoint` saw it (None: the referee), comparing it with `compare` if given."""

    session: Any
    turn: int | None = None
    viewpoint: str | None = None
    compare: Any = None


def _game_commands():
    from .commands import GameCommands  # imported when the palette first opens

    return GameCommands


class SpringboardApp(App[int]):
    TITLE = "Springboard"
    SUB_TITLE = "Will Belarus be drawn into the war?"
    CSS_PATH = Path(__file__).with_name("springboard.tcss")
    COMMANDS = App.COMMANDS | {_game_commands}
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (120, "-wide"), (160, "-xwide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-short"), (MIN_HEIGHT, "-short"), (34, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_game", "Quit", id="quit", priority=True,
                tooltip="Leave Springboard (a game in progress is saved)"),
        Binding("f1", "help", "Help", id="help", tooltip="Keys, rules and tracks"),
        Binding("question_mark", "help", "Help", id="help-alt", show=False,
                tooltip="Keys, rules and tracks"),
        Binding("f2", "toggle_dark", "Light/dark", id="theme", show=False,
                tooltip="Switch between the light and the dark theme"),
        Binding("f3", "toggle_hints", "Hints", id="hints", show=False,
                tooltip="Switch the first-game hints on or off"),
    ]

    def __init__(self, start: NewGame | Resume | None = None, *,
                 save_dir: Path | None = None, decks_dir: Path | None = None,
                 settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings.load()
        super().__init__()
        self.start = start
        self.save_dir = save_dir
        self.decks_dir = decks_dir
        self.session: Session | None = None
        self.board: BoardScreen | None = None
        self.seminar: Seminar | None = None
        """The classroom around the game (facilitator, timer, teams, forecasts), if any."""
        self.thinking: set[str] = set()
        """Bot seats whose worker is choosing right now."""
        self.shown_log = 0
        """How many entries of the state's log the player has been shown."""
        self.shown_tracks: tuple[int, ...] = ()
        self._bots: dict[str, Any] = {}
        self._deckset: Any = None
        self._hint_queue: list[str] = []
        self._hint_showing = False
        self._in_play: dict[str, Session] = {}
        self._autosave_told: tuple[str, float] = ("", 0.0)
        """The games played at this screen since it opened, by game id: a save of one
        of them opened again while it is not over shows only what this screen may see."""
        for theme in THEMES:
            self.register_theme(theme)
        name = self.settings.theme if self.settings.theme in self.available_themes \
            else DARK_THEME
        if name in TERMINAL_THEMES:
            self.theme = name  # the terminal's palette also needs the watcher's filters
        else:
            # Before the stylesheet is first parsed: no second parse at startup.
            self.set_reactive(App.theme, name)
            self.stylesheet.set_variables(self.get_css_variables())
            dark = self.current_theme.dark
            self.update_classes({f"-theme-{name}": True, "-dark-mode": dark,
                                 "-light-mode": not dark})

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notification, for text that may come from a file (a save's name, a
        deck's card): shown as it is, never read as markup, with no control character
        (`wargame.untrusted.printable`)."""
        from wargame.untrusted import printable

        super().notify(printable(str(message)), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)

    @property
    def locked(self) -> bool:
        """Whether this screen plays one hosted game and nothing else (`wargame join`, a
        tab of `wargame serve --game`): no other game, save or title screen from here."""
        return isinstance(self.start, Join)

    def refuse_if_locked(self) -> bool:
        """True, after saying why, when this screen is locked to its hosted game."""
        if self.locked:
            self.notify("This screen plays the hosted game and nothing else: close it to "
                        "leave (the game is kept).", title="Not here", severity="warning")
        return self.locked

    def get_system_commands(self, screen):
        """Textual's own palette commands, less its Quit: the game's Quit asks first."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    # -- start -----------------------------------------------------------------------

    def get_default_screen(self):
        from .screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        if isinstance(self.start, NewGame):
            self.new_game(self.start)
        elif isinstance(self.start, Resume):
            self.resume(self.start.path)
        elif isinstance(self.start, Replay):
            r = self.start
            self.open_replay(r.session, turn=r.turn, viewpoint=r.viewpoint, compare=r.compare)
        elif isinstance(self.start, Join):  # a hosted game: `wargame join`
            from .hosted import start

            start(self, self.start)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            self.settings.save()

    # -- the decks and sessions ------------------------------------------------------

    def deckset(self):
        if self._deckset is None:
            from wargame.decks import load_decks

            self._deckset = load_decks(self.decks_dir)
        return self._deckset

    def new_game(self, request: NewGame) -> bool:
        """Start a game; False (with a message) when it cannot start."""
        import secrets

        from wargame.decks import DeckError
        from wargame.session import SaveError, Seat, Session

        try:
            ruleset = self.deckset().ruleset(request.scenario, request.edition)
        except (DeckError, KeyError, ValueError) as exc:
            self.notify(str(exc), title="Cannot start the game", severity="error",
                        timeout=10)
            return False
        seed = request.seed if request.seed is not None else secrets.randbelow(1_000_000)
        seats = {role: Seat(role, c.kind, c.level) for role, c in request.seats.items()}
        try:
            session = Session.new(ruleset, seed, seats, turns=request.turns,
                                  save_dir=self.save_dir)
            if request.classroom is not None:
                from .seminar import Seminar

                Seminar.setup(session, request.classroom)
        except (SaveError, ValueError) as exc:
            self.notify(str(exc), title="Cannot start the game", severity="error",
                        timeout=10)
            return False
        self.play_session(session, fresh=True)
        return True

    def resume(self, path: Path) -> bool:
        from wargame.session import SaveError, Session

        try:
            session = Session.load(path)
        except SaveError as exc:
            self.notify(str(exc), title="Cannot open the save", severity="error", timeout=10)
            return False
        if session.over:
            self.open_replay(session)
            return True
        self.play_session(session, fresh=False)
        return True

    def play_session(self, session: Session, fresh: bool) -> None:
        from .screens.board import BoardScreen

        self.workers.cancel_group(self, "bots")
        self.session = session
        session.play_here(self.humans)  # what this screen may show of it, from now on
        self._in_play[session.game_id] = session
        from .seminar import Seminar

        self.seminar = Seminar.of(self, session)
        self.thinking.clear()
        self._bots.clear()
        if fresh:
            self.shown_log = len(session.state.log)
            self.shown_tracks = session.state.tracks
        else:
            # A resumed game starts where the player left it; the board's arrows still
            # show what changed since the last orders (they are read from the log).
            from wargame.hosting import HostedError
            from wargame.saves import AutosaveError

            try:
                (self.seminar.advance if self.seminar is not None else session.advance)()
            except AutosaveError as exc:  # a full disk, a folder that cannot be written
                self._autosave_failed(exc)
            except HostedError as exc:
                self._hosted_failed(exc)
            self.shown_log = len(session.state.log)
            self.shown_tracks = session.state.tracks
        self.board = BoardScreen()
        self._show_screen(self.board)
        self.call_after_refresh(self.next_step)

    def _show_screen(self, screen) -> None:
        """Replace everything above the title screen with `screen`."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    @property
    def humans(self) -> list[str]:
        from wargame.engine import ROLES

        if self.session is None:
            return []
        local = getattr(self.session, "local", None)  # hosted: the roles played here
        if local is not None:
            return list(local)
        return [r for r in ROLES if self.session.seats[r].kind == "human"]

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    @property
    def viewer(self) -> str | None:
        """Whose eyes the shared screens (resolution, end) use: the one human of a solo
        game, or nobody's (public only) when several humans share the screen."""
        humans = self.humans
        return humans[0] if len(humans) == 1 else None

    # -- the flow of a game ------------------------------------------------------------

    def next_step(self) -> None:
        """Show whatever the game needs next: the story of what just happened, the end,
        a hand-off, a human's orders, or the bots thinking."""
        from wargame.engine import AUTOMATIC, ORDERS, ROLES

        session = self.session
        if session is None or self.board is None:
            return
        state = session.state
        seminar = self.seminar
        if state.phase in AUTOMATIC:
            if seminar is not None and seminar.stops_at(state):  # the facilitator's pause
                (self._show_story if len(state.log) > self.shown_log else seminar.pause)()
                return
            self._advance()
            return
        if len(state.log) > self.shown_log and not (
                seminar is not None and seminar.tells_later(state, self.shown_log)):
            self._show_story()
            return
        if state.over:
            from .screens.end import EndScreen

            if seminar is not None and seminar.stops_at(state):
                seminar.pause()
                return

            self._show_screen(EndScreen(session))
            return
        assert state.phase == ORDERS
        self._start_bots()
        if seminar is not None:
            seminar.orders_begin()
        owing = [r for r in ROLES if state.orders[ROLES.index(r)] is None
                 and r in self.humans]
        if not owing:
            self.board.show_waiting()
            return
        role = owing[0]
        if self.hotseat:
            from .screens.handoff import HandoffScreen

            self.board.show_waiting()  # nothing of the last player's hand stays behind
            self.push_screen(HandoffScreen(role, state.month))
        else:
            self._give_orders(role)

    @on(HandoffDone)
    def _handoff_done(self, message: HandoffDone) -> None:
        self._give_orders(message.role)

    @on(StoryFinished)
    def _story_finished(self) -> None:
        self.next_step()

    def _give_orders(self, role: str) -> None:
        if self.board is not None and self.session is not None:
            self.board.show_orders(role)

    def _advance(self) -> None:
        from wargame.saves import AutosaveError

        assert self.session is not None
        from wargame.hosting import HostedError

        try:
            (self.seminar.advance if self.seminar is not None else self.session.advance)()
        except AutosaveError as exc:
            self._autosave_failed(exc)
        except HostedError as exc:
            self._hosted_failed(exc)
            return
        self.next_step()

    def _hosted_failed(self, exc: Exception) -> None:
        self.notify(f"{exc}. Nothing was lost: press a key to try again, or quit and "
                    "rejoin.", title="The hosted game could not be reached",
                    severity="error", timeout=15)

    def _autosave_failed(self, exc: Exception) -> None:
        import time

        # Every step of a month autosaves: say it once, not once a step.
        said, when = self._autosave_told
        if said == str(exc) and time.monotonic() - when < 60:
            return
        self._autosave_told = (str(exc), time.monotonic())
        self.notify(f"{exc}. The game goes on; the next autosave tries again.",
                    title="Autosave failed", severity="error", timeout=10)

    def _show_story(self) -> None:
        from .screens.resolution import ResolutionScreen

        assert self.session is not None
        state = self.session.state
        entries = state.log[self.shown_log:]
        before = self.shown_tracks
        self.shown_log = len(state.log)
        self.shown_tracks = state.tracks
        self.push_screen(ResolutionScreen(self.session, entries, before, self.viewer))

    def _start_bots(self) -> None:
        from wargame.engine import ROLES

        session = self.session
        assert session is not None
        if not getattr(session, "runs_bots", True):
            return  # a hosted game whose bots another screen plays
        state = session.state
        due = [r for r in ROLES if session.seats[r].kind == "bot"
               and state.orders[ROLES.index(r)] is None and r not in self.thinking]
        if not due:
            return
        self.thinking.update(due)
        views = {r: session.view(r) for r in due}
        self._think(session.game_id, state.turn, views)
        if self.board is not None:
            self.board.refresh_status()

    @work(thread=True, group="bots")
    def _think(self, game: str, turn: int, views: dict) -> None:
        """Each bot chooses from its own view, in a thread; the answers come back as
        messages (a worker never touches the session or a widget)."""
        from textual.worker import get_current_worker

        from wargame.bots import make_bot

        assert self.session is not None
        seats = self.session.seats
        worker = get_current_worker()
        for role, view in views.items():
            if worker.is_cancelled:  # the game was left or the app is closing
                return
            try:
                bot = self._bots.get(role)
                if bot is None:
                    bot = self._bots[role] = make_bot(seats[role].level, role, view.seed)
                decision = bot.choose(view)
            except Exception as exc:  # a bot bug must not freeze the game
                self.post_message(BotFailed(game, role, f"{type(exc).__name__}: {exc}"))
                continue
            self.post_message(BotDecided(game, turn, role, decision.order, decision.reason))

    @on(BotDecided)
    def _bot_decided(self, message: BotDecided) -> None:
        session = self.session
        if session is None or message.game != session.game_id:
            return  # an answer for a game that was left
        self.thinking.discard(message.role)
        if session.state.turn != message.turn or session.state.phase != "orders":
            return
        self._apply_order(message.order, message.reason)

    @on(BotFailed)
    def _bot_failed(self, message: BotFailed) -> None:
        from wargame.engine import PASS, Order

        session = self.session
        if session is None or message.game != session.game_id:
            return
        self.thinking.discard(message.role)
        self.notify(f"The {message.role} bot failed ({message.error}); it passes this "
                    "month.", title="Bot error", severity="error", timeout=10)
        if session.state.phase == "orders":
            self._apply_order(Order(message.role, PASS), "the bot failed and passed")

    @on(OrderChosen)
    def _order_chosen(self, message: OrderChosen) -> None:
        if self.seminar is not None and self.seminar.wants_to_ask(message.order):
            self.seminar.ask(message.order)  # the team's vote and the forecasts first
            return
        self._apply_order(message.order, None)

    def _apply_order(self, order, reason: str | None) -> None:
        from wargame.engine import ROLES, IllegalAction
        from wargame.hosting import HostedError
        from wargame.saves import AutosaveError

        session = self.session
        assert session is not None
        if session.state.orders[ROLES.index(order.role)] is not None:
            return
        try:
            session.apply(order, reason)
        except IllegalAction as exc:
            self.notify(str(exc), title="That order is not allowed", severity="error")
            return
        except HostedError as exc:
            self._hosted_failed(exc)
            return
        except AutosaveError as exc:
            self._autosave_failed(exc)
        if self.board is not None:
            self.board.refresh_status()
        if session.state.phase != "orders":
            self._advance()
        elif order.role in self.humans:
            self.next_step()

    # -- screens ---------------------------------------------------------------------

    def open_replay(self, session: Session, **options: Any) -> None:
        """The replay viewer (`options`: turn, viewpoint, compare; see ReplayScreen)."""
        from .screens.replay import ReplayScreen

        self.push_screen(ReplayScreen(session, **options))

    def hint(self, key: str) -> None:
        """Show the first-game hint `key` if the player wants hints and has not seen it."""
        self.hints_in_turn([key])

    def hints_in_turn(self, keys: list[str]) -> None:
        """Show these hints one after the other (those the player wants)."""
        self._hint_queue.extend(keys)
        if not self._hint_showing:
            self._next_hint()

    def _next_hint(self) -> None:
        from .screens.hint import HINTS, HintScreen

        while self._hint_queue:
            key = self._hint_queue.pop(0)
            if key in HINTS and self.settings.wants_hint(key):
                self.settings.mark_seen(key)
                self._hint_showing = True
                self.push_screen(HintScreen(key))
                return
        self._hint_showing = False

    @on(HintDismissed)
    def _hint_dismissed(self) -> None:
        self._hint_showing = False
        self._next_hint()

    def open_dialog(self, screen, callback=None) -> None:
        """Push a dialog from the app's own message loop, so that its answer comes back
        whoever asked (a key, the palette, a button)."""
        self.call_later(self.push_screen, screen, callback)

    # -- actions -----------------------------------------------------------------------

    def action_help(self, tab: str = "keys") -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.show_tab(tab)
            return
        self.push_screen(HelpScreen(tab))

    def action_toggle_dark(self) -> None:
        if self.theme in LIGHT_OF:
            self.theme = LIGHT_OF[self.theme]
        elif self.theme in DARK_OF:
            self.theme = DARK_OF[self.theme]
        else:
            self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
        self.post_message(SettingsChanged())

    def action_terminal_theme(self) -> None:
        dark = self.current_theme.dark
        self.theme = TERMINAL_THEMES[0] if dark else TERMINAL_THEMES[1]
        self.notify("Using the terminal's own colours (F2 switches light and dark).")

    def action_toggle_hints(self) -> None:
        self.settings.hints = not self.settings.hints
        self.settings.save()
        self.notify("Hints are on." if self.settings.hints else
                    "Hints are off (F3 or the help screen switches them back on).")
        self.post_message(SettingsChanged())

    def action_restart_tutorial(self) -> None:
        self.settings.restart_tutorial()
        self.notify("The first-game hints will walk you through the next turn.")
        if self.board is not None and self.screen is self.board:
            self.board.start_hints()

    def action_new_game(self) -> None:
        from .screens.newgame import NewGameScreen

        if self.refuse_if_locked():
            return
        if self.session is not None and not self.session.over:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.push_screen(NewGameScreen())

            from .screens.dialogs import ConfirmScreen

            self.open_dialog(ConfirmScreen(
                "Start a new game?",
                "The game in progress is saved: you can resume it later from the title "
                "screen or with `wargame resume`.", yes="New game", no="Stay"), confirmed)
            return
        self.push_screen(NewGameScreen())

    def action_resume_last(self) -> None:
        from wargame.session import Session

        if self.refuse_if_locked():
            return
        path = Session.latest(self.save_dir)
        if path is None:
            self.notify("There is no saved game yet.", severity="warning")
            return
        self.resume(path)

    def action_open_save(self) -> None:
        from .screens.dialogs import SavePicker

        if self.refuse_if_locked():
            return
        def picked(path: Path | None) -> None:
            session = self.load_save(path) if path is not None else None
            if session is not None:
                self.open_replay(session)

        self.open_dialog(SavePicker(self.save_dir), picked)

    def load_save(self, path: Path) -> Session | None:
        """The saved game at `path`, or None after telling the player why it cannot be
        opened."""
        from wargame.session import SaveError, Session

        try:
            session = Session.load(path)
        except SaveError as exc:
            self.notify(str(exc), title="Cannot open the save", severity="error", timeout=10)
            return None
        self.keep_secrets(session)
        return session

    def keep_secrets(self, session: Session) -> None:
        """A copy of a game played at this screen and not over yet (its own save, or a
        branch of it) shows only what the game itself may show here."""
        for game_id in (session.game_id, session.parent.game if session.parent else None):
            live = self._in_play.get(game_id or "")
            if live is not None and not live.over and live.players_here is not None:
                session.play_here(live.players_here)
                return

    def action_title(self) -> None:
        if self.refuse_if_locked():
            return
        self.workers.cancel_group(self, "bots")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.session = None
        self.board = None
        self.thinking.clear()

    def action_export_report(self, session: Session | None = None) -> Path | None:
        from .report import export_report

        session = session or self.session
        if session is None:
            self.notify("There is no game to report on.", severity="warning")
            return None
        try:
            paths = export_report(session, self.save_dir)
        except OSError as exc:
            self.notify(f"The report could not be written: {exc}", severity="error",
                        timeout=10)
            return None
        self.notify("\n".join(str(p) for p in paths), title="Report exported", timeout=6)
        return paths[0]

    def action_debrief(self, session: Session | None = None) -> None:
        session = session or self.session
        if session is None:
            self.notify("There is no game to replay.", severity="warning")
            return
        self.open_replay(session)

    def action_quit_game(self) -> None:
        from .screens.dialogs import ConfirmScreen

        if any(isinstance(s, ConfirmScreen) and s.purpose == "quit"
               for s in self.screen_stack):
            self.exit(0)
            return
        session = self.session
        if session is None or session.over:
            self.exit(0)
            return
        if getattr(session, "rejoin", None):
            text = session.rejoin  # a hosted game goes on without this screen
        elif session.path is not None:
            text = (f"Your game is saved after every phase, in {session.path}. Resume it "
                    "later from the title screen or with `wargame resume`.")
        else:
            text = "This game is not being saved: quitting now throws it away."

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        self.open_dialog(ConfirmScreen("Quit Springboard?", text, yes="Quit", no="Stay",
                                       purpose="quit"), answer)
