"""The facilitator's screens: the pause after each turn (the cards just played with their
discussion questions, the consequences, and the umpire's controls for the next world
event), every hand shown to the class, the umpire's menu and its small dialogs.

Each dialog returns what the teacher chose; `wargame.tui.seminar.Seminar` applies it
to the game (as an `Umpire` action with the reason, which goes into the log and save)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine.state import FREE_ORDERS, GameState, LogEntry, Ruleset
from wargame.engine.tracks import INITIATIVE, RESOURCE_OF, ROLE_NAMES, ROLE_SYMBOLS, ROLES

from ...telling import line, roll_label
from .. import words
from ..widgets import log_line
from . import BaseModal, BaseScreen

if TYPE_CHECKING:
    from ..seminar import Seminar

MUTED = "$text-muted"
HEAD = "bold $primary"


# -- the pause after a turn ----------------------------------------------------------


Line = tuple[Content, str]
"""A line of the pause's summary and its kind (a CSS class: its indentation)."""


def turn_summary(seminar: Seminar, turn: int) -> list[Line]:
    """The month's world event and the cards `turn` played (with the team's vote, the
    card's context and its discussion question), its rolls and consequences, and the
    umpire's lines: what a class discusses before the next month."""
    session = seminar.session
    cards = session.ruleset.cards
    entries = [e for e in session.state.log if e.turn == turn and e.visible is None]
    lines: list[Line] = []
    for entry in (e for e in entries if e.kind == "event" and e.card in cards):
        card = cards[entry.card]
        lines += [(Content.styled("The month's world event", HEAD), "pause-head"),
                  (Content.assemble("○ ", (card.title, "bold $accent"),
                                    (f"  {card.cites}", MUTED)),
                   "pause-item")]
        if card.question:
            lines.append((Content.assemble(("? ", "bold $warning"), card.question),
                          "pause-question"))
    lines.append((Content.styled("The orders, and what to ask the class", HEAD),
                  "pause-head"))
    reveals = {e.role: e for e in entries if e.kind == "reveal"}
    if not reveals:
        lines.append((Content.styled("No orders were revealed this month.", MUTED),
                      "pause-item"))
    for role in INITIATIVE:
        entry = reveals.get(role)
        if entry is None:
            continue
        vote = seminar.room.vote_of(turn, role)
        lines.append((Content.assemble(
            (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}: ", "bold"),
            (_order_words(entry, session.ruleset), "bold $accent"),
            (f"  {entry.source}" if entry.source else "", MUTED),
            (f"  ({vote.text()})" if vote is not None else "", "$secondary")), "pause-item"))
        card = cards.get(entry.card) if entry.card not in FREE_ORDERS else None
        if card is not None:
            if card.context:
                lines.append((Content.styled(card.context, MUTED), "pause-context"))
            lines.append((Content.assemble(("? ", "bold $warning"), card.question),
                          "pause-question"))
    shown = [e for e in entries if e.kind in ("roll", "consequence", "umpire", "fizzle")]
    if shown:
        lines.append((Content.styled("Rolls, consequences and the umpire", HEAD),
                      "pause-head"))
        lines.extend((log_line(e, session.ruleset), "pause-item") for e in shown)
    return lines


class FacilitatorScreen(BaseScreen):
    """The facilitator's pause: after each turn (and before the first event), the class
    discusses; the teacher goes on, notes something, or steps in as umpire."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Go on", id="pause-go-on",
                tooltip="Draw the next world event (or see the end)"),
        Binding("i", "inject", "Inject event", id="pause-inject", show=False,
                tooltip="Choose this month's world event yourself, with a reason"),
        Binding("h", "hold", "Hold event", id="pause-hold", show=False,
                tooltip="No world event this month, with a reason"),
        Binding("r", "fix_roll", "Fix roll", id="pause-roll", show=False,
                tooltip="Set the next roll in advance, with a reason"),
        Binding("n", "note", "Note", id="pause-note", show=False,
                tooltip="Add a teacher's note"),
        Binding("v", "hands", "Hands", id="pause-hands", show=False,
                tooltip="Show every hand to the class (asks first)"),
    ]

    def __init__(self, seminar: Seminar, kind: str) -> None:
        super().__init__()
        self.seminar = seminar
        self.kind = kind
        """'event' (before a month's world event) or 'end' (after the last turn)."""
        state = seminar.session.state
        self.turn = state.turn
        self.reviewed = state.turn if kind == "end" else state.turn - 1
        """The turn whose cards are discussed (0 before the first turn)."""
        self.lines: list[Content] = []

    def compose(self) -> ComposeResult:
        state = self.seminar.session.state
        if self.reviewed >= 1:
            month = state.ruleset.scenario.month_label(self.reviewed)
            title = f"The class discusses {month} · turn {self.reviewed} of {state.turns}"
        else:
            title = f"Before the first month · {state.month}"
        with Vertical(id="pause"):
            yield Static(Content.assemble((f" {title} ", "bold reverse"), "  ",
                                          ("facilitator's pause", MUTED)), id="pause-title")
            with VerticalScroll(id="pause-body", classes="panel"):
                yield Vertical(id="pause-text")
            yield Static(id="pause-next")
            with Horizontal(id="pause-buttons"):
                go = "See the end" if self.kind == "end" else "Draw the event"
                yield Button(go, variant="primary", id="go-on")
                if self.kind == "event":
                    yield Button("Inject… i", id="inject")
                    yield Button("Hold h", id="hold")
                yield Button("Roll r", id="fix-roll")
                yield Button("Note n", id="note")
                yield Button("Hands v", id="hands")
        yield Footer(compact=True)

    def text(self) -> str:
        """The summary as plain text (for tests and screen readers)."""
        return "\n".join(str(line) for line in self.lines)

    def on_mount(self) -> None:
        self.query_one("#pause-body").border_title = "What happened, and what to ask"
        self.refresh_text()
        self.query_one("#go-on", Button).focus()

    def refresh_text(self) -> None:
        """Draw the summary again (after a note or an umpire's action)."""
        session = self.seminar.session
        state = session.state
        if self.reviewed >= 1:
            lines = turn_summary(self.seminar, self.reviewed)
        else:
            lines = [(Content.styled("The game is about to begin.", "bold"), "pause-head"),
                     (Content("Before the first world event is drawn you may choose it "
                              "(i), hold it back (h) or fix the next roll (r). Each needs a "
                              "reason: it goes into the log, the save and the report."),
                      "pause-item")]
            setup = self.seminar.room.settings.describe()
            lines.append((Content.assemble(("This classroom game: ", "bold"), setup),
                          "pause-item"))
        notes = [n for n in session.notes if n.turn in (self.reviewed, self.turn)]
        if notes:
            lines.append((Content.styled("Teacher's notes", HEAD), "pause-head"))
            lines += [(Content(f"✎ {n.text}"), "pause-item") for n in notes]
        if state.forced_rolls:
            fixed = ", ".join(str(v) for v in state.forced_rolls)
            lines.append((Content.styled(f"The next roll is fixed by the umpire: {fixed}.",
                                         "bold $warning"), "pause-head"))
        self.lines = [text for text, _ in lines]
        body = self.query_one("#pause-text")
        body.remove_children()
        body.mount_all(Static(text, classes=kind) for text, kind in lines)
        if self.kind == "end":
            nxt = Content.assemble(("The game is over. ", "bold"),
                                   "Enter shows who won; the report has every forecast "
                                   "and vote.")
        else:
            nxt = Content.assemble(("Next: ", "bold"), f"the world event of {state.month}. ",
                                   ("Enter draws it, i injects, h holds.", MUTED))
        self.query_one("#pause-next", Static).update(nxt)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        action = {"go-on": self.action_go_on, "inject": self.action_inject,
                  "hold": self.action_hold, "fix-roll": self.action_fix_roll,
                  "note": self.action_note, "hands": self.action_hands}.get(
            event.button.id or "")
        if action is not None:
            action()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("inject", "hold"):
            return self.kind == "event"
        return True

    def action_go_on(self) -> None:
        self.seminar.pause_done(self)

    def action_inject(self) -> None:
        if self.kind == "event":
            self.seminar.ask_inject(self)

    def action_hold(self) -> None:
        if self.kind == "event":
            self.seminar.ask_hold(self)

    def action_fix_roll(self) -> None:
        self.seminar.ask_fix_roll(after=self.refresh_text)

    def action_note(self) -> None:
        self.seminar.ask_note(after=self.refresh_text)

    def action_hands(self) -> None:
        self.seminar.ask_show_hands(after=self.refresh_text)


# -- every hand, for the class --------------------------------------------------------


class HandsScreen(BaseModal[None]):
    """Every role's hand on screen, for a discussion; Esc (or v) hides them again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v", "hide", "Hide the hands", id="hands-hide"),
    ]

    def __init__(self, seminar: Seminar) -> None:
        super().__init__()
        self.seminar = seminar

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog hands-dialog"):
            yield Static(Content.styled("Every hand, shown to the class", "bold $accent"),
                         classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="hands-body"):
                yield Static(self._hands(), id="hands-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Hide the hands (Esc)", variant="primary", id="hide")
        yield Footer(compact=True)

    def _hands(self) -> Content:
        state = self.seminar.session.state
        cards = state.ruleset.cards
        lines: list[Content] = []
        for role in ROLES:
            resource = state.track(RESOURCE_OF[role])
            sealed = state.order_of(role) is not None
            lines.append(Content.assemble(
                (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}", HEAD),
                (f"  {resource} {words.resource_label(role, short=True)}", MUTED),
                ("  (order sealed)" if sealed else "", MUTED)))
            for card_id in state.hand(role):
                card = cards[card_id]
                lines.append(Content.assemble(
                    (f"  {card.cost}", "bold"), "  ", (card.title, ""),
                    (f"  {card.cites}", MUTED)))
            if not state.hand(role):
                lines.append(Content.styled("  (no cards)", MUTED))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#hide", Button).focus()

    @on(Button.Pressed, "#hide")
    def action_hide(self) -> None:
        self.dismiss(None)


# -- the umpire's menu and dialogs ------------------------------------------------------


LIST_MOVES = (("up", "cursor_up"), ("down", "cursor_down"), ("pageup", "page_up"),
              ("pagedown", "page_down"), ("home", "first"), ("end", "last"))
"""A list's moves, bound as priority keys by a dialog whose Enter is one: a list's own
binding runs late, against the focus of that time, and would lose its order with Enter."""


class UmpireMenu(BaseModal[None]):
    """What the umpire can do now, as a list (each choice asks for a reason next).

    The choice is acted on (`act`) as the menu closes, in the same key's handler: Enter
    is a priority key that awaits the dialog the choice opens, so the reason typed in
    the same burst goes there, not to the screen below (issue 14)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="umpire-back"),
        Binding("enter", "choose", "Choose", id="umpire-choose", show=False, priority=True),
        *[Binding(key, f"move('{move}')", show=False, priority=True)
          for key, move in LIST_MOVES],
    ]

    def __init__(self, choices: Sequence[tuple[str, str, str]], pending: str = "",
                 act: Callable[[str], Awaitable[None] | None] | None = None) -> None:
        """`act(key)` does the choice (and returns the awaitable of the dialog it opens,
        if it opens one)."""
        super().__init__()
        self.choices = list(choices)
        """(key, label, explanation) of each choice."""
        self.pending = pending
        self.act = act

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog umpire-dialog"):
            yield Static(Content.styled("The umpire steps in", "bold $accent"),
                         classes="dialog-title")
            yield Static(Content.styled(
                "Every umpire's action goes into the log, the save and the report, with "
                "your reason." + (f" {self.pending}" if self.pending else ""), MUTED),
                classes="dialog-text")
            yield OptionList(*[Option(Content.assemble((label, "bold"), "\n  ",
                                                       (why, MUTED)), id=key)
                               for key, label, why in self.choices], id="umpire-choices")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#umpire-choices", OptionList)
        options.highlighted = 0
        self.next_field(options)  # at once: the arrows typed with the menu's key move it

    def action_move(self, move: str) -> None:
        options = self.query_one("#umpire-choices", OptionList)
        if self.focused is options:
            getattr(options, f"action_{move}")()

    async def action_choose(self) -> None:
        options = self.query_one("#umpire-choices", OptionList)
        if options.highlighted is None:
            return
        opened = self._choose(options.get_option_at_index(options.highlighted).id or "")
        if opened is not None:
            await opened

    @on(OptionList.OptionSelected, "#umpire-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:  # a click
        self._choose(event.option.id or "")

    def _choose(self, key: str) -> Awaitable[None] | None:
        """Close the menu and do the choice at once: its dialog takes the menu's place
        before another key is handled."""
        self.dismiss(None)
        return self.act(key) if self.act is not None else None

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonDialog(BaseModal[Any]):
    """Asks for a reason (or a note), and for a roll's value when `value` is given:
    returns the text, or (value, text) for a roll; None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="reason-back"),
        Binding("enter", "enter", "Confirm", id="reason-enter", show=False, priority=True),
    ]

    def __init__(self, title: str, text: str, *, placeholder: str = "why, in a few words",
                 value: int | None = None, confirm: str = "Confirm",
                 max_length: int = 300) -> None:
        super().__init__()
        self.title_text, self.text = title, text
        self.placeholder = placeholder
        self.value = value
        self.confirm = confirm
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog reason-dialog"):
            yield Static(Content.styled(self.title_text, "bold $accent"),
                         classes="dialog-title")
            yield Static(self.text, classes="dialog-text")
            if self.value is not None:
                with Horizontal(classes="field-row"):
                    yield Static("The roll (1-100):", classes="reason-label")
                    yield Input(str(self.value), type="integer", max_length=3, compact=True,
                                id="roll-value")
            yield Input("", placeholder=self.placeholder, max_length=self.max_length,
                        id="reason")
            yield Static("", id="reason-problem")
            with Horizontal(classes="dialog-buttons"):
                # Enter and Esc are the buttons' keys: Tab goes between the fields only.
                yield Button(f"{self.confirm} (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        # At once (`next_field`, not `Widget.focus`, which waits behind keys already
        # typed): the digits typed in the same burst as the key that opened the dialog
        # land in the field instead of being lost.
        self.next_field(self.query_one("#roll-value" if self.value is not None
                                       else "#reason", Input))

    def _problem(self, text: str) -> None:
        self.query_one("#reason-problem", Static).update(Content.styled(text, "$error"))

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not worded(reason):
            self._problem("Write a few words: they go into the log and the report.")
            self.query_one("#reason", Input).focus()
            return
        if self.value is None:
            self.dismiss(reason)
            return
        raw = self.query_one("#roll-value", Input).value.strip()
        value = int(raw) if raw.isdigit() else 0
        if not 1 <= value <= 100:
            self._problem("A roll is a whole number from 1 to 100.")
            self.query_one("#roll-value", Input).focus()
            return
        self.dismiss((value, reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class EventPicker(BaseModal[tuple[str, str] | None]):
    """Choose the world event the umpire injects, and say why: (card id, reason)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="events-back"),
        Binding("enter", "enter", "Choose", id="events-enter", show=False, priority=True),
        # The list's own moves as priority keys too, so that they keep their order with
        # the priority Enter (a list's binding runs late, against the focus of that time).
        *[Binding(key, f"move('{move}')", show=False, priority=True)
          for key, move in (("up", "cursor_up"), ("down", "cursor_down"),
                            ("pageup", "page_up"), ("pagedown", "page_down"),
                            ("home", "first"), ("end", "last"))],
    ]

    def __init__(self, state: GameState, month: str | None = None) -> None:
        """The world events that can still happen in `state` (a class's dashboard names
        the `month` of every table it injects into)."""
        super().__init__()
        self.state = state
        self.month = month or state.month
        world = state.pile("world")
        self.events = [(c, "in the deck") for c in world.deck] + \
            [(c, "happened already") for c in world.discard]

    def compose(self) -> ComposeResult:
        cards = self.state.ruleset.cards
        month = self.month
        with Vertical(classes="dialog picker events-dialog"):
            yield Static(Content.styled(f"Inject the world event of {month}", "bold $accent"),
                         classes="dialog-title")
            options = []
            for card_id, where in sorted(self.events, key=lambda x: cards[x[0]].title):
                card = cards[card_id]
                options.append(Option(Content.assemble(
                    (card.title, "bold"), (f"  {card.cites}", MUTED), (f"  {where}", MUTED),
                    ("\n  " + "; ".join(words.card_effect_lines(card))[:150], "")),
                    id=card_id))
            yield OptionList(*options, id="events")
            yield Input("", placeholder="why this event, in a few words", max_length=300,
                        id="reason")
            yield Static("", id="reason-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Inject (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        events = self.query_one("#events", OptionList)
        if events.option_count:
            events.highlighted = 0
        events.focus()

    @on(OptionList.OptionSelected, "#events")
    def _chosen(self) -> None:
        self.query_one("#reason", Input).focus()

    def action_move(self, move: str) -> None:
        events = self.query_one("#events", OptionList)
        if self.focused is events:
            getattr(events, f"action_{move}")()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        events = self.query_one("#events", OptionList)
        reason = " ".join(self.query_one("#reason", Input).value.split())
        problem = self.query_one("#reason-problem", Static)
        if events.highlighted is None:
            problem.update(Content.styled("No world event is left to inject.", "$error"))
            return
        if not worded(reason):
            problem.update(Content.styled("Write a few words: they go into the log and "
                                          "the report.", "$error"))
            self.query_one("#reason", Input).focus()
            return
        card = events.get_option_at_index(events.highlighted).id or ""
        self.dismiss((card, reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def worded(reason: str) -> bool:
    """Whether an umpire's reason has words in it (three letters at least): not empty,
    and not a stray key that reached the field."""
    return sum(c.isalpha() for c in reason) >= 3


def roll_title(entry: LogEntry) -> str:
    """'an informer is among them': what its roll decided."""
    return roll_label(entry)


def _order_words(entry: LogEntry, ruleset: Ruleset) -> str:
    """'Demand combat troops' or 'passes', from a reveal entry."""
    text = line(entry, ruleset)
    return (text.split(" orders ", 1)[-1] if " orders " in text
            else text.removeprefix(f"{ROLE_NAMES.get(entry.role, entry.role)} "))


__all__ = ["EventPicker", "FacilitatorScreen", "HandsScreen", "ReasonDialog",
           "UmpireMenu", "roll_title", "turn_summary"]
