"""First-game hints: a small box over the board that explains one thing, with the part
of the screen it talks about outlined. Enter for the next hint, h to switch them off."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from ..messages import HintDismissed
from . import BaseModal

HINTS: dict[str, tuple[str, str, str]] = {
    # key: (title, text, the selector of what it talks about)
    "welcome": (
        "Your first game",
        "You play one of three roles; the others are bots or friends. Each month everyone "
        "secretly orders one card, then the orders are revealed and resolved. Your goal is "
        "at the bottom of the screen: the victory margins. 0 or more means your victory "
        "condition holds right now. These hints walk you through one turn.",
        "#margins"),
    "event": (
        "The month begins",
        "Each month opens with an event from the world deck: Ukraine, the West, Russian "
        "society. Space shows the next step and the tracks move with it; Enter goes on to "
        "your orders.",
        "#steps-panel"),
    "tracks": (
        "The tracks",
        "The state of Belarus, its army, the Kremlin, the opposition and the world, in "
        "real units where the article gives them (troops, per cent). ▲+1 or ▼−1 beside a "
        "track shows what changed since your last order. F1 explains every track.",
        "#col-tracks"),
    "map": (
        "The map and the ladder",
        "Press m for the map of Belarus (where the troops stand: Minsk, the Ukrainian "
        "border, Ukraine) and the involvement ladder from springboard (0) to open war (5). "
        "Press l for the log, t to come back to the tracks. On a wide terminal all of "
        "them are on screen at once.",
        "#map-panel"),
    "card": (
        "Reading a card",
        "Your hand is on the right. The highlighted card's detail shows its cost in your "
        "resource, what it does in plain words, the ¶ of the article it comes from, its "
        "context and a question to discuss. ✗ marks a card you cannot order now.",
        "#card-panel"),
    "order": (
        "Giving an order",
        "Choose a card with ↑↓ or its number, press Enter, check what it costs and does, "
        "and confirm. Passing gains 1 of your resource. The other roles order at the same "
        "time and in secret.",
        "#hand"),
    "resolution": (
        "Resolution",
        "The three orders are revealed and resolved: the Kremlin first, then the regime, "
        "then the opposition. Then the article's rules apply their consequences, each "
        "with its ¶. Space shows the next step and the tracks move with it; s shows all; "
        "Enter goes on.",
        "#steps-panel"),
    "margins": (
        "Margins",
        "Each month, check the margins: a role wins at the end if its margin is 0 or more "
        "(the opposition also wins at once if the regime falls). That is the end of the "
        "tutorial: F1 has the rules, and F3 switches hints back on.",
        "#margins"),
}


@runtime_checkable
class Views(Protocol):
    """A screen that can show one of its views (the board: tracks, map, log)."""

    def action_view(self, name: str) -> None: ...


class HintScreen(BaseModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,escape", "next", "Next", id="hint-next"),
        Binding("h", "off", "No more hints", id="hint-off"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.title_text, self.text, self.target = HINTS[key]
        self._outlined = None
        self._switched: Views | None = None

    def compose(self) -> ComposeResult:
        number = list(HINTS).index(self.key) + 1
        with Vertical(id="hint") as box:
            # The count on the border, where a long title cannot wrap it ("hint 4 of / 8").
            box.border_subtitle = f"hint {number} of {len(HINTS)}"
            yield Static(Content.assemble(("» ", "bold $accent"),
                                          (self.title_text, "bold $accent")), id="hint-title")
            yield Static(self.text, id="hint-text")
            yield Static(Content.assemble(("Enter", "bold reverse"), " next  ",
                                          ("h", "bold reverse"), " no more hints"),
                         id="hint-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack and stack.index(self) else None
        if below is not None:
            try:
                self._outlined = below.query_one(self.target)
            except Exception:
                self._outlined = None
            if self._outlined is not None:
                self._outlined.add_class("-hinted")
                if self.target == "#map-panel" and isinstance(below, Views):
                    below.action_view("map")
                    self._switched = below
        self.add_class(self._side(below))

    def _side(self, below) -> str:
        """Where the box goes: away from what it talks about."""
        if self._outlined is None or self.target == "#margins":
            return "-top"
        region = self._outlined.region
        if self.target == "#map-panel" and below is not None:
            region = below.query_one("#col-world").region
        middle = region.x + region.width // 2
        return "-right" if middle < self.app.size.width // 2 else "-left"

    def on_unmount(self) -> None:
        if self._outlined is not None:
            self._outlined.remove_class("-hinted")
        if self._switched is not None:
            self._switched.action_view("tracks")

    def action_next(self) -> None:
        self.dismiss(None)
        self.app.post_message(HintDismissed())

    def action_off(self) -> None:
        self.host.hints_off()
        self.dismiss(None)
        self.app.post_message(HintDismissed())
