"""The Springboard app: a thin shell over a `Session`.

The screens read `View`s and post messages (`messages.py`); they see the app through the
`Host` interface (`host.py`). The handlers here own every change to the game: those that
need the engine, the session or a screen of the game are in `game.py` (`Game`), which is
loaded the first time one of them is needed, so that the title screen comes up fast
(see benchmarks/startup.py). Bots think in thread workers that post `BotDecided`;
nothing blocks the screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.theme import Theme

from wargame import locations
from wargame.untrusted import printable

from .messages import (
    BotDecided,
    BotFailed,
    BranchWanted,
    HandoffDone,
    HintDismissed,
    Join,
    JoinGame,
    LateOrdersDecided,
    NewGame,
    NoteWritten,
    OrderChosen,
    Replay,
    Resume,
    ResumeGame,
    SeatChoice,
    SettingsChanged,
    StartGame,
    StoryFinished,
)
from .screens import MIN_HEIGHT, MIN_WIDTH
from .screens.hint import HINTS, HintScreen
from .screens.title import TitleScreen
from .settings import DARK_THEME, LIGHT_THEME, TERMINAL_THEMES, Settings

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from wargame.session import Session

    from .game import Game
    from .host import Host
    from .hosted import TableWork
    from .screens.board import BoardScreen
    from .seminar import Seminar

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
WIDTHS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (120, "-wide"), (160, "-xwide")]
HEIGHTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (34, "-tall")]
"""The breakpoints: the classes every screen gets for the terminal's size."""


def _game_commands():
    from .commands import GameCommands  # imported when the palette first opens

    return GameCommands


class SpringboardApp(App[int]):
    TITLE = "Springboard"
    SUB_TITLE = "Will Belarus be drawn into the war?"
    CSS_PATH = Path(__file__).with_name("springboard.tcss")
    COMMANDS = App.COMMANDS | {_game_commands}
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = WIDTHS
    VERTICAL_BREAKPOINTS = HEIGHTS

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

    def __init__(self, start: NewGame | Resume | Replay | Join | None = None, *,
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
        self.hosted_poll: Timer | None = None
        """The timer that reads a hosted game's database (`hosted.poll`)."""
        self.hosted_problem: str | None = None
        """The last problem reading the hosted game, said once."""
        self.hosted_table: TableWork | None = None
        """A class's table played here: its clock and the facilitator's questions."""
        self._game: Game | None = None
        self._hint_queue: list[str] = []
        self._hint_showing = False
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

    @property
    def game(self) -> Game:
        """The handlers that need the engine, the session or a screen of the game."""
        if self._game is None:
            from .game import Game  # the engine and the game's screens: not at startup

            self._game = Game(self)
        return self._game

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notification, for text that may come from a file (a save's name, a
        deck's card): shown as it is, never read as markup, with no control character
        (`wargame.untrusted.printable`)."""
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
        """Textual's own palette commands, less its Quit: the game's Quit asks first.
        Below 120 columns "Keys" opens the help's keys instead of Textual's side panel,
        which would squeeze the hand to a few letters a line."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys" and screen.size.width < 120 and \
                    not screen.query("HelpPanel"):
                yield SystemCommand("Keys", "every key of this screen, in the help",
                                    lambda: self.action_help("keys"))
            elif command.title != "Quit":
                yield command

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Textual's screenshot (the palette's "Screenshot"), saved by default in the
        save folder's `screenshots/`, made if missing (`locations.screenshot_dir`)."""
        if path is None:
            folder = locations.screenshot_dir(self.save_dir)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                self.notify(f"No folder for the screenshot: {error}", title="Screenshot",
                            severity="error")
                return None
            path = str(folder)
        return super().deliver_screenshot(filename, path, time_format)

    # -- start -----------------------------------------------------------------------

    def get_default_screen(self):
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
            self.game.start_hosted(self.start)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            self.settings.save()

    # -- the decks and sessions ------------------------------------------------------

    def deckset(self) -> Any:
        return self.game.decks()

    def new_game(self, request: NewGame) -> bool:
        """Start a game; False (with a message) when it cannot start."""
        return self.game.new_game(request)

    def resume(self, path: Path) -> bool:
        return self.game.resume(path)

    def play_session(self, session: Session, fresh: bool) -> None:
        self.game.play_session(session, fresh)

    @property
    def humans(self) -> list[str]:
        """The roles played at this screen."""
        return [] if self.session is None else self.game.humans

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    @property
    def viewer(self) -> str | None:
        """Whose eyes the shared screens (resolution, end) use: the one human of a solo
        game, or nobody's (public only) when several humans share the screen."""
        humans = self.humans
        return humans[0] if len(humans) == 1 else None

    # -- what the screens and workers tell the app -------------------------------------

    def next_step(self) -> None:
        """Show whatever the game needs next (see `Game.next_step`)."""
        self.game.next_step()

    @on(HandoffDone)
    def _handoff_done(self, message: HandoffDone) -> None:
        self.game.give_orders(message.role)

    @on(StoryFinished)
    def _story_finished(self) -> None:
        self.next_step()

    @on(BotDecided)
    def _bot_decided(self, message: BotDecided) -> None:
        self.game.bot_decided(message)

    @on(BotFailed)
    def _bot_failed(self, message: BotFailed) -> None:
        self.game.bot_failed(message)

    @on(LateOrdersDecided)
    def _late_orders(self, message: LateOrdersDecided) -> None:
        for role, _, _ in message.decided:
            self.thinking.discard(role)
        if self.seminar is not None:
            self.seminar.late_orders(message)

    @on(OrderChosen)
    def _order_chosen(self, message: OrderChosen) -> None:
        self.game.order_chosen(message.order)

    @on(StartGame)
    def _start_game(self, message: StartGame) -> None:
        if message.hints != self.settings.hints:
            self.settings.hints = message.hints
            self.settings.save()
        self.new_game(message.request)

    @on(JoinGame)
    def _join_game(self, message: JoinGame) -> None:
        self.game.join(message)

    @on(ResumeGame)
    def _resume_game(self, message: ResumeGame) -> None:
        self.resume(message.path)

    @on(NoteWritten)
    def _note_written(self, message: NoteWritten) -> None:
        self.game.keep_note(message)

    @on(BranchWanted)
    def _branch_wanted(self, message: BranchWanted) -> None:
        self.game.branch(message)

    # -- screens ---------------------------------------------------------------------

    def open_replay(self, session: Session, **options: Any) -> None:
        """The replay viewer (`options`: turn, viewpoint, compare; see ReplayScreen)."""
        self.game.open_replay(session, **options)

    def hint(self, key: str) -> None:
        """Show the first-game hint `key` if the player wants hints and has not seen it."""
        self.hints_in_turn([key])

    def hints_in_turn(self, keys: list[str]) -> None:
        """Show these hints one after the other (those the player wants)."""
        self._hint_queue.extend(keys)
        if not self._hint_showing:
            self._next_hint()

    def _next_hint(self) -> None:
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

    def open_dialog(self, screen: Screen[Any],
                    callback: Callable[[Any], object] | None = None) -> Awaitable[None]:
        """Push a dialog at once, on behalf of the app, so that its answer comes back
        whoever asked (a key, the palette, a button, a screen gone since). Awaited by a
        priority key's action, it holds the keys typed in the same burst until the
        dialog's first field has the focus: they go there, not to the screen below."""
        with self._context():  # the app, not the screen handling the key, asks
            return self.push_screen(screen, cast("Any", callback))

    # -- actions -----------------------------------------------------------------------

    def action_help(self, tab: str = "keys") -> None:
        self.game.help(tab)

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

    def hints_off(self) -> None:
        """The player asked for no more hints (from a hint)."""
        self.settings.hints = False
        self.settings.save()
        self.notify("Hints are off. F3 or the help screen switches them back on.")

    def action_restart_tutorial(self) -> None:
        self.settings.restart_tutorial()
        self.notify("The first-game hints will walk you through the next turn.")
        if self.board is not None and self.screen is self.board:
            self.board.start_hints()

    def action_new_game(self) -> None:
        if not self.refuse_if_locked():
            self.game.new_game_screen()

    def action_resume_last(self) -> None:
        if not self.refuse_if_locked():
            self.game.resume_last()

    def action_open_save(self) -> None:
        if not self.refuse_if_locked():
            self.game.open_save()

    def load_save(self, path: Path) -> Session | None:
        """The saved game at `path`, or None after telling the player why it cannot be
        opened."""
        return self.game.load_save(path)

    def keep_secrets(self, session: Session) -> None:
        """A copy of a game played at this screen and not over yet shows only what the
        game itself may show here."""
        self.game.keep_secrets(session)

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
        session = session or self.session
        if session is None:
            self.notify("There is no game to report on.", severity="warning")
            return None
        return self.game.export_report(session)

    def action_debrief(self, session: Session | None = None) -> None:
        session = session or self.session
        if session is None:
            self.notify("There is no game to replay.", severity="warning")
            return
        self.open_replay(session)

    def action_quit_game(self) -> None:
        if self.session is None or self.session.over:
            self.exit(0)  # nothing to lose: no question, and nothing to load
            return
        self.game.quit()


if TYPE_CHECKING:

    def _offers_what_screens_use(app: SpringboardApp) -> Host:
        return app  # the type checker holds the app to its screens' interface


__all__ = ["THEMES", "Join", "NewGame", "Replay", "Resume", "SeatChoice", "SpringboardApp"]
