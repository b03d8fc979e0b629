"""The game's own commands in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .host import Host


@runtime_checkable
class ReplayCommands(Protocol):
    """A screen with commands of its own in the palette: the replay viewer (known by
    its shape, not imported: the palette opens fast)."""

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]: ...


class GameCommands(Provider):
    """New game, resume, open a save, help, rules, hints, theme, the board's views,
    export, quit: whatever makes sense on the current screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("Host", self.app)  # the game's app, as its screens see it
        out: list[tuple[str, str, Callable[[], object]]] = [] if app.locked else [
            # A screen locked to a hosted game opens no other game nor save.
            ("New game", "choose the roles, the bots and the seed",
             lambda: app.action_new_game()),
            ("Resume the last game", "continue the newest autosave",
             lambda: app.action_resume_last()),
            ("Open a saved game", "pick a save from the save folder and watch its replay",
             lambda: app.action_open_save()),
        ]
        out += [
            ("Help: keys", "every key of this screen", lambda: app.action_help("keys")),
            ("Help: rules", "the turn, victory, the consequence rules with their ¶",
             lambda: app.action_help("rules")),
            ("Help: tracks", "what each track means", lambda: app.action_help("tracks")),
            ("Hints: switch on or off", "the first-game hints",
             lambda: app.action_toggle_hints()),
            ("Hints: start the tutorial again", "walk through one turn with hints",
             lambda: app.action_restart_tutorial()),
            ("Theme: light or dark", "switch between the light and the dark theme",
             lambda: app.action_toggle_dark()),
            ("Theme: the terminal's own colours", "use the terminal's palette",
             lambda: app.action_terminal_theme()),
            ("Quit", "leave Springboard (the game is saved)", lambda: app.action_quit_game()),
        ]
        if not app.locked:  # before Quit, as it always was
            out.insert(len(out) - 1, ("Title screen", "back to the title (the game is saved)",
                                      lambda: app.action_title()))
        if app.session is not None:
            out += [
                ("Export the game report", "Markdown and HTML after-action report",
                 lambda: app.action_export_report()),
                ("Debrief replay", "the game so far, turn by turn",
                 lambda: app.action_debrief()),
            ]
            board = app.board
            if board is not None and self.app.screen is board:
                out += [
                    ("Order the highlighted card (Enter)", "you confirm the order next",
                     lambda: board.action_order()),
                    ("Show the tracks", "", lambda: board.action_view("tracks")),
                    ("Show the map and the ladder", "", lambda: board.action_view("map")),
                    ("Show the log", "", lambda: board.action_view("log")),
                    ("Write a note (b)", "a teacher's note at this moment, kept in the save",
                     lambda: board.action_bookmark()),
                ]
            seminar = app.seminar
            if seminar is not None and seminar.facilitator:
                out += [
                    ("Umpire: the umpire's menu (u)", "fix the next roll, show every hand, "
                     "a note, the timer", lambda: seminar.open_menu()),
                    ("Umpire: fix the next roll", "the next d100 roll comes out as your "
                     "number, with a reason", lambda: seminar.ask_fix_roll()),
                    ("Umpire: show every hand to the class", "asks first; logged",
                     lambda: seminar.ask_show_hands()),
                ]
        replay = self.screen
        if isinstance(replay, ReplayCommands):
            out += [(f"Replay: {name}", help_text, callback)
                    for name, help_text, callback in replay.commands()]
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
