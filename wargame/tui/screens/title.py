"""The title screen: new game, resume the last game, open a save for replay, rules, quit."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.untrusted import printable

from ..messages import SavesFound
from . import BaseScreen

LETTERS = {
    "S": ("╔═╗", "╚═╗", "╚═╝"), "P": ("╔═╗", "╠═╝", "╩  "), "R": ("╦═╗", "╠╦╝", "╩╚═"),
    "I": ("╦", "║", "╩"), "N": ("╔╗╔", "║║║", "╝╚╝"), "G": ("╔═╗", "║ ╦", "╚═╝"),
    "B": ("╔╗ ", "╠╩╗", "╚═╝"), "O": ("╔═╗", "║ ║", "╚═╝"), "A": ("╔═╗", "╠═╣", "╩ ╩"),
    "D": ("╔╦╗", " ║║", "═╩╝"),
}


def logo(word: str = "SPRINGBOARD") -> str:
    return "\n".join(" ".join(LETTERS[c][row] for c in word) for row in range(3))


MENU = (
    ("new", "n", "New game", "choose your role, the bots and the seed"),
    ("resume", "r", "Resume the last game", "looking for saved games…"),
    ("open", "o", "Open a saved game for replay", "watch a saved game turn by turn"),
    ("rules", "u", "Rules and keys", "how a turn works, victory, every key"),
    ("quit", "q", "Quit", ""),
)
NOTE_WIDTH = 50
"""The columns of a menu entry's note: the menu's 60 (springboard.tcss) less its border,
its padding, an entry's padding and the note's indent of 4."""


class TitleScreen(BaseScreen):
    """The first screen of `wargame`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "menu('new')", "New game", id="title-new"),
        Binding("r", "menu('resume')", "Resume", id="title-resume"),
        Binding("o", "menu('open')", "Open save", id="title-open"),
        Binding("u", "menu('rules')", "Rules", id="title-rules"),
        Binding("q", "menu('quit')", "Quit", id="title-quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.resume_note = "looking for saved games…"

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(Content.styled(logo(), "bold $accent"), id="logo")
            yield Static(Content.styled("Will Belarus be drawn into the war in Ukraine, "
                                        "and would that break the regime in Minsk?",
                                        "italic"), id="question")
            with Center():
                yield OptionList(*self._options(), id="menu")
            yield Static(Content.assemble(
                ("◆ Lukashenko  ■ Putin  ● the opposition", "bold"),
                "\nA card wargame for three roles, from one article (Al Jazeera, "
                "October 2022). Every card cites its ¶.", ), id="credits")
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        out = []
        for key, letter, title, note in MENU:
            if key == "resume":
                note = self.resume_note
            # A long note (the last game's month and turn, 'over: opens its replay')
            # goes on under its own indent, not back at the entry's first column.
            lines = textwrap.wrap(note, NOTE_WIDTH)
            prompt = Content.assemble((f" {letter} ", "bold $accent"), (title, "bold"),
                                      ("".join(f"\n    {line}" for line in lines),
                                       "$text-muted"))
            out.append(Option(prompt, id=key))
        return out

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()
        # Looking for saves imports the save code: after the first paint, in a thread.
        self.call_after_refresh(self._find_saves)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._find_saves)

    @work(thread=True, exclusive=True, group="title-saves")
    def _find_saves(self) -> None:
        from wargame.saves import SaveError, read
        from wargame.session import Session

        path = Session.latest(self.host.save_dir)
        if path is None:
            note = "no saved game yet"
        else:
            try:
                save = read(path)
                final = save.final
                month = save.ruleset.scenario.month_label(final.turn)
                note = (f"{month}, turn {final.turn} of {save.turns}"
                        + (" (over: opens its replay)" if final.phase == "over" else ""))
            except SaveError:
                note = f"{printable(path.name)} (cannot be read)"
        self.post_message(SavesFound([], note))

    @on(SavesFound)
    def _set_resume_note(self, message: SavesFound) -> None:
        message.stop()
        self.resume_note = message.note
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(self._options())
        menu.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_menu(event.option.id or "")

    def action_menu(self, key: str) -> None:
        host = self.host
        if key == "new":
            host.action_new_game()
        elif key == "resume":
            host.action_resume_last()
        elif key == "open":
            host.action_open_save()
        elif key == "rules":
            host.action_help("rules")
        elif key == "quit":
            self.app.exit(0)
