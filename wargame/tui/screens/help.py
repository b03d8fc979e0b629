"""Help (F1 or ?): the keys of the screen underneath, the rules, the tracks, and the
hints and theme settings."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Footer, Static, TabbedContent, TabPane

from wargame.engine.rules import RULES_2 as RULES
from wargame.engine.rules import VICTORY_TEXT_2 as VICTORY_TEXT
from wargame.engine.tracks import (
    GROUPS,
    INVOLVEMENT_LADDER,
    ROLE_SYMBOLS,
    ROLE_TITLES,
    ROLES,
    TRACKS,
)

from .. import words
from ..widgets import hanging
from . import BaseModal

GLOBAL_KEYS = (
    ("F1 / ?", "this help"),
    ("Ctrl+P", "command palette: every command of the game"),
    ("Ctrl+Q", "quit (asks first; a game is saved after every phase)"),
    ("F2", "light or dark theme"),
    ("F3", "first-game hints on or off"),
    ("Tab, ⇧Tab", "move between panels; the mouse works too"),
    ("Ctrl+C", "copy the selected text"),
)

ROLE_WANTS = {
    "lukashenko": "wants to survive, keep what sovereignty is left and stay out of combat; "
                  "fears a draft that sparks unrest, being absorbed, losing Moscow's "
                  "backing.",
    "putin": "wants Belarusian troops or territory committed to the war, and a joint "
             "command; fears a collapse in Minsk that costs him an ally.",
    "opposition": "wants the regime to fall, or to be ready to fall; fears repression at "
                  "home and being irrelevant.",
}


def rules_text() -> Content:
    h = "bold $primary"
    parts: list[Content] = [
        Content.styled("A turn is one month", h),
        Content("1. Event: the top card of the world deck happens.\n"
                "2. Orders: each role secretly picks one card (or passes, gaining 1 of its "
                "resource). Nobody sees the others' orders until all three are in.\n"
                "3. Resolution: the orders are revealed and resolved in initiative order: "
                "■ Kremlin (pressure), ◆ regime (response), ● opposition (exploitation). A "
                "card that can no longer be paid fizzles.\n"
                "4. Consequences: the article's causal claims, applied as rules (below).\n"
                "5. Upkeep: income, new cards, victory checked, next month."),
        Content.styled("The roles", h),
    ]
    for role in ROLES:
        parts.append(Content.assemble((f"{ROLE_SYMBOLS[role]} {ROLE_TITLES[role]}", "bold"),
                                      f" {ROLE_WANTS[role]}"))
    parts += [
        Content.styled("Victory (margins are shown every turn; 0 or more wins)", h),
        *[Content.assemble((f"{ROLE_SYMBOLS[r]} {ROLE_TITLES[r]}: ", "bold"), VICTORY_TEXT[r])
          for r in ROLES],
        Content("Several roles can win, or none. A fallen regime ends the game at once."),
        Content.styled("Kremlin demands (¶14-17)", h),
        Content("A demand stays on the table until Lukashenko answers it: with a card, or "
                "the free orders comply (Moscow gets what it wanted) and stall (keep "
                "sovereignty, but the Kremlin gains leverage). Each month a demand stays "
                "open it costs him stability."),
        Content.styled("The involvement ladder", h),
        *[Content(f"{i} {title} ({src})") for i, (title, src) in enumerate(INVOLVEMENT_LADDER)],
        Content.styled("Consequences, every month, in this order", h),
    ]
    for rule in RULES:
        parts.append(Content.assemble((f"{rule.title} ", "bold"), (rule.source, "$accent"),
                                      f": {rule.summary}"))
    parts += [
        Content.styled("Reading a card", h),
        Content("The title, its cost in your resource, what it does in plain words (▲▼ and "
                "signs show which way each track moves), options the card asks for, the ¶ "
                "of the article it comes from, a line of context and a question for "
                "discussion. In the hand, the number on the right is the cost (+ when an "
                "option costs more), ◈ marks a Kremlin demand, and ✗ a card that cannot be "
                "ordered now; its detail says why."),
        Content.styled("Chance", h),
        Content("Rolls are d100 against a percentage and are logged (\"rolled 37 against "
                "40% — success\"). The same seed and the same choices always give the same "
                "game."),
    ]
    return Content("\n").join(parts)


def tracks_text() -> Content:
    parts: list[Content] = []
    for group, title in GROUPS:
        parts.append(Content.styled(title, "bold $primary"))
        for t in TRACKS:
            if t.group == group and not t.counter:
                meaning = words.TRACK_MEANING.get(t.name, "")
                parts.append(Content.assemble((t.label, "bold"), (f" {t.source}", "$accent"),
                                              f": {meaning}"))
    parts.append(Content.styled("Reading the board", "bold $primary"))
    parts.append(Content("▲+1 / ▼−1 beside a track: what changed since your last order. "
                         "On the map ▮ is 10,000 troops; ╳ marks a mined border. ◆ Lukashenko, "
                         "■ Putin, ● the opposition, ○ the world."))
    return Content("\n").join(parts)


class HelpScreen(BaseModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark", "close", "Close", id="help-close"),
        Binding("k", "tab('keys')", "Keys", id="help-keys", show=False),
        Binding("r", "tab('rules')", "Rules", id="help-rules", show=False),
        Binding("t", "tab('tracks')", "Tracks", id="help-tracks", show=False),
        Binding("h", "tab('hints')", "Hints", id="help-hints", show=False),
    ]

    def __init__(self, tab: str = "keys") -> None:
        super().__init__()
        self.tab = tab

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.assemble(("Springboard help", "bold $accent"),
                                          ("   k keys · r rules · t tracks · h hints · "
                                           "Esc closes", "$text-muted")), id="help-title")
            with TabbedContent(initial=self.tab, id="help-tabs"):
                with TabPane("Keys", id="keys"), VerticalScroll():
                    yield Static(self._keys_text(), id="help-keys-text")
                with TabPane("Rules", id="rules"), VerticalScroll():
                    yield Static(rules_text())
                with TabPane("Tracks", id="tracks"), VerticalScroll():
                    yield Static(tracks_text())
                with TabPane("Hints and theme", id="hints"), VerticalScroll():
                    yield Static(id="hints-state")
                    with Horizontal(classes="help-buttons"):
                        yield Button("Hints on/off (F3)", id="toggle-hints", compact=True)
                        yield Button("Start the tutorial again", id="tutorial",
                                     compact=True)
                    with Horizontal(classes="help-buttons"):
                        yield Button("Light/dark (F2)", id="toggle-dark", compact=True)
                        yield Button("Terminal colours", id="terminal-theme", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._hints_state()
        self.call_after_refresh(self._focus_tab)

    @on(TabbedContent.TabActivated)
    def _focus_tab(self) -> None:
        """The open tab's text takes the focus, so ↑↓ and PgUp/PgDn scroll it."""
        tabs = self.query_one(TabbedContent)
        pane = tabs.get_pane(tabs.active) if tabs.active else None
        if pane is not None:
            scroll = pane.query(VerticalScroll).first()
            if scroll is not None:
                scroll.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._rewrap_keys)

    def _rewrap_keys(self) -> None:
        self.query_one("#help-keys-text", Static).update(self._keys_text())

    def _keys_text(self) -> Content:
        """The keys of the screen below, then the global ones; a long description wraps
        under its own first letter (once the width is known)."""
        try:
            width = self.query_one("#help-keys-text", Static).content_region.width - 1
        except NoMatches:
            width = 0
        stack = self.app.screen_stack
        below = None
        if self in stack:
            index = stack.index(self)
            below = stack[index - 1] if index > 0 else None
        elif stack:
            below = stack[-1]
        rows: list[Content] = [Content.styled("On this screen", "bold $primary")]
        seen: set[str] = set()
        if below is not None and below is not self:
            for active in below.active_bindings.values():
                binding = active.binding
                # The screen's own keys, and a widget's that the game gave an id (the
                # hand's Enter); not Textual's built-in widget keys, not the app's.
                ours = active.node is below or (active.node is not self.app
                                                and binding.id is not None)
                if (not ours or not binding.description or binding.system
                        or binding.key in ("tab", "shift+tab", "ctrl+c", "super+c")):
                    continue
                if (binding.id or "").startswith("board-card-"):
                    continue  # shown once below, as 1-8
                if binding.description in seen:
                    continue
                seen.add(binding.description)
                shown = self.app.get_key_display(binding)
                tip = f"  {binding.tooltip}" if binding.tooltip else ""
                rows.extend(hanging(Content.styled(f"{shown:>12}  ", "bold $accent"),
                                    Content.assemble(binding.description,
                                                     (tip, "$text-muted")), width))
        if below is not None and type(below).__name__ == "BoardScreen":
            rows.append(Content.assemble((f"{'↑ ↓  1-8':>12}  ", "bold $accent"),
                                         "Choose a card", ("  its number picks it; Enter "
                                                           "orders it", "$text-muted")))
        rows.append(Content.styled("Everywhere", "bold $primary"))
        rows.extend(Content.assemble((f"{k:>12}  ", "bold $accent"), v) for k, v in GLOBAL_KEYS)
        return Content("\n").join(rows)

    def _hints_state(self) -> None:
        settings = self.host.settings
        state = "on" if settings.hints else "off"
        self.query_one("#hints-state", Static).update(Content.assemble(
            ("First-game hints are ", ""), (state, "bold"),
            (". They walk a newcomer through one turn: the tracks, reading a card, giving "
             "an order, the resolution. Theme: ", ""), (self.app.theme, "bold"),
            (". NO_COLOR is respected; the terminal-colour theme uses your terminal's own "
             "palette.", "")))

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_tab(self, tab: str) -> None:
        self.show_tab(tab)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        host = self.host
        if event.button.id == "toggle-hints":
            host.action_toggle_hints()
        elif event.button.id == "tutorial":
            self.dismiss(None)
            host.action_restart_tutorial()
            return
        elif event.button.id == "toggle-dark":
            host.action_toggle_dark()
        elif event.button.id == "terminal-theme":
            host.action_terminal_theme()
        self._hints_state()
