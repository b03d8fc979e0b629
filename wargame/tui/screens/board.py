"""The board: the month and phase, the tracks, the involvement ladder, the map, the hand,
the selected card, the log and the margins, on one screen.

At 80×24 the left half shows one of tracks / map and ladder / log (keys t, m, l); from
120 columns everything is on screen at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static

from wargame.engine.state import COMPLY, FREE_ORDERS, PASS, STALL, Order
from wargame.engine.tracks import RESOURCE_OF, ROLE_NAMES, ROLE_SYMBOLS, ROLES
from wargame.engine.view import View

from .. import words
from ..messages import OrderChosen, SettingsChanged
from ..widgets import (
    BelarusMap,
    GameLog,
    HandList,
    Ladder,
    MarginsBar,
    Situation,
    TracksPanel,
    card_detail,
    free_order_detail,
)
from . import BaseScreen
from .dialogs import OrderDialog
from .note import ask_note

VIEWS = ("tracks", "map", "log")


class StatusBar(Static):
    """The month, the phase, and where each role stands in giving its orders."""

    clock: tuple[str, bool] = ("", False)
    """The orders timer of a classroom game ("⏱ 2:41", whether time is short)."""

    def set_clock(self, text: str, urgent: bool) -> None:
        self.clock = (text, urgent)
        if getattr(self, "_args", None):
            self._draw()

    def show(self, view: View, *, acting: str | None, thinking: set[str],
             seats: dict) -> None:
        self._args = (view, acting, thinking, seats)
        self._draw()

    def on_resize(self) -> None:
        if getattr(self, "_args", None):
            self._draw()

    def _draw(self) -> None:
        view, acting, thinking, seats = self._args
        head = Content.assemble((f" {view.month} ", "bold reverse"),
                                (f" turn {view.turn}/{view.turns} · ", "bold"),
                                (_phase_label(view.phase), "bold $accent"), "  ")
        if self.clock[0]:
            head = Content.assemble(head, (f" {self.clock[0]} ", "bold reverse $error"
                                           if self.clock[1] else "bold reverse $warning"),
                                    "  ")
        width = self.size.width or 80
        # Open Kremlin demands are always on screen: one left unanswered costs the
        # regime, and at 80×24 the map panel that lists them is hidden behind `m`.
        n = len(view.demands)
        plural = "s" if n > 1 else ""
        badges = (f" ■ {n} Kremlin demand{plural} open ", f" ■ {n} demand{plural} open ") \
            if n else ("", "")
        for names, long, badge in ((True, True, badges[0]), (False, True, badges[0]),
                                   (False, True, badges[1]), (False, False, badges[1])):
            parts: list = []
            for role in ROLES:
                if view.phase != "orders":
                    state = ""
                elif role in view.ordered:
                    state = "✓ ordered" if long else "✓"
                elif role in thinking:
                    state = "thinking…"
                elif role == acting:
                    state = "your order" if long else "now"
                else:
                    state = "…" if seats[role].kind == "bot" else "to order"
                label = f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}" if names \
                    else ROLE_SYMBOLS[role]
                parts.append((f" {label}{state and ' ' + state} ",
                              "bold reverse" if role == acting else ""))
            line = Content.assemble(head, (badge, "bold reverse $warning"),
                                    " " if badge else "", *parts)
            if line.cell_length <= width:
                break
        self.update(line)


def _phase_label(phase: str) -> str:
    return {"orders": "Orders", "event": "Event", "resolution": "Resolution",
            "consequences": "Consequences", "upkeep": "Upkeep", "over": "Game over"}.get(
        phase, phase)


class BoardScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority key runs as soon as it arrives, ahead of a
        # digit or arrow typed just before it that still waits in the hand's queue, and
        # would order the card highlighted before. The hand's own Enter orders too.
        Binding("enter", "order", "Order", id="board-order",
                tooltip="Order the highlighted card (you confirm it next)"),
        Binding("t", "view('tracks')", "Tracks", id="board-tracks",
                tooltip="Show the tracks"),
        Binding("m", "view('map')", "Map", id="board-map",
                tooltip="Show the map of Belarus and the involvement ladder"),
        Binding("l", "view('log')", "Log", id="board-log", tooltip="Show the log"),
        # A priority key that awaits the menu: the keys typed after it go to the menu
        # (and from there to the reason), not to the hand (issue 14).
        Binding("u", "umpire", "Umpire", id="board-umpire", priority=True,
                tooltip="The facilitator steps in: fix the next roll, show every hand, a "
                "note, the timer"),
        Binding("b", "bookmark", "Note", id="board-note", show=False,
                tooltip="A teacher's note at this moment, kept in the save and shown in "
                "the replay and the report"),
        *[Binding(str(n), f"pick({n})", f"Card {n}", id=f"board-card-{n}", show=False,
                  tooltip=f"Highlight card {n} of the hand")
          for n in range(1, 9)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.role: str | None = None
        """The role giving its orders on this screen now, or None while waiting."""
        self.view_name = "tracks"
        self._view: View | None = None
        self._hints_started = False

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="board"):
            with VerticalScroll(id="col-tracks", classes="panel"):
                yield TracksPanel(id="tracks")
            with Vertical(id="col-world"):
                with VerticalScroll(id="map-panel", classes="panel"):
                    yield BelarusMap(id="map")
                    yield Ladder(id="ladder")
                    yield Situation(id="situation")
                with VerticalScroll(id="log-panel", classes="panel"):
                    yield GameLog(id="log")
            with Vertical(id="col-orders"):
                yield HandList(id="hand", classes="panel")
                with VerticalScroll(id="card-panel", classes="panel"):
                    yield Static(id="card")
        yield MarginsBar(id="margins")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#col-tracks").border_title = "Tracks"
        self.query_one("#map-panel").border_title = "Belarus and its borders"
        log_panel = self.query_one("#log-panel")
        log_panel.border_title = "Log"
        log_panel.anchor()  # it follows the newest entry until the player scrolls up
        self.query_one("#card-panel").border_title = "Card"
        self._set_view("tracks")

    def on_resize(self) -> None:
        tall = self.size.height >= 34
        self.query_one(TracksPanel).compact = not tall

    # -- what the app calls ----------------------------------------------------------

    def show_orders(self, role: str) -> None:
        """`role` gives its order now: its view, its hand, its choices."""
        session = self.host.session
        assert session is not None
        self.role = role
        view = session.own_view(role)
        self._show_view(view)
        hand = self.query_one(HandList)
        hand.disabled = False
        hand.border_title = (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}'s hand · "
                             f"{view.track(RESOURCE_OF[role])} "
                             f"{words.resource_label(role, short=True)}")
        legal = view.legal_orders()
        playable = {o.card for o in legal}
        cards = [view.ruleset.card(c) for c in view.hand]
        resource = view.track(RESOURCE_OF[role])
        unplayable = {c.id: words.unplayable_reason(c, role, resource, view) or
                      "not allowed now" for c in cards if c.id not in playable}
        free = [f for f in (PASS, COMPLY, STALL) if f in playable]
        hand.show(cards, free, resource, role, unplayable)
        ids = [c.id for c in cards] + free
        hand.highlighted = next(i for i, x in enumerate(ids) if x in playable)
        # At once, not `hand.focus()` (which waits its turn in the app's queue): a key
        # typed before that turn (a burst) found the focus where the last screen left
        # it, and a look at the board in between saw no focus at all (issue 14).
        self.set_focus(hand)
        self._describe(hand.highlighted)
        self.refresh_status()
        if not self._hints_started:
            self._hints_started = True
            self.start_hints()
        elif view.turn >= 2:  # the tutorial's last hint, in the first game's second month
            self.host.hints_in_turn(["margins"])

    def start_hints(self) -> None:
        keys = ["welcome", "tracks", "map", "card", "order"]  # welcome: if not yet seen
        if self._view is not None and self._view.turn >= 2:
            keys.append("margins")
        self.host.hints_in_turn(keys)

    def show_waiting(self) -> None:
        """No one at this screen owes an order: show what may be shown and who is
        thinking. In hot-seat games no hand is ever left on screen."""
        session = self.host.session
        assert session is not None
        viewer = self.host.viewer
        view = session.own_view(viewer)
        self.role = None
        self._show_view(view)
        hand = self.query_one(HandList)
        hand.hide()
        hand.disabled = True
        waiting = [r for r in ROLES if r not in view.ordered]
        names = ", ".join(f"{ROLE_SYMBOLS[r]} {ROLE_NAMES[r]}" for r in waiting)
        if viewer is not None:
            hand.border_title = f"{ROLE_SYMBOLS[viewer]} Your order is in"
            order = view.my_order
            lines = [Content.styled("Your order is sealed:", "bold")]
            if order is not None:
                lines.append(Content.styled(words.order_title(view.ruleset.cards, order),
                                            "bold $accent"))
            lines.append(Content(f"Waiting for {names}." if names else "All orders are in."))
            self.query_one("#card", Static).update(Content("\n").join(lines))
        else:
            hand.border_title = "Hands are hidden"
            hosted = getattr(session, "local", None) is not None  # `wargame join --observer`
            text = ("All orders are in." if not names else f"Waiting for {names}." if hosted
                    else f"Waiting for {names}: bots are choosing their orders.")
            if hosted:
                text += "\nYou are watching the game: every hand is hidden on this screen."
            elif not self.host.humans:
                text += "\nYou are watching a game of bots."
            self.query_one("#card", Static).update(text)
        self.refresh_status()

    def show_paused(self, month: str, reason: str) -> None:
        """A class's table held by the facilitator before the world event of `month`:
        no hand, and why the game waits."""
        self.show_waiting()
        self.query_one(HandList).border_title = "The class is paused"
        self.query_one("#card", Static).update(Content.assemble(
            ("The facilitator has paused the class", "bold $warning"),
            f" before the world event of {month}:\n{reason}\n\n",
            ("The game goes on here as soon as the pause is lifted.", "$text-muted")))

    def refresh_status(self) -> None:
        session = self.host.session
        if session is None:
            return
        view = session.own_view(self.role)
        self.query_one(StatusBar).show(view, acting=self.role, thinking=self.host.thinking,
                                       seats=session.seats)

    # -- filling the widgets ------------------------------------------------------------

    def _show_view(self, view: View) -> None:
        self._view = view
        changes = words.net_changes(words.since_last_orders(view.log, view.turn))
        self.query_one(TracksPanel).show(view.tracks, view.flags, changes)
        self.query_one(BelarusMap).show(view.tracks, view.flags, changes)
        ladder = self.query_one(Ladder)
        ladder.level = view.track("involvement")
        ladder.change = changes.get("involvement", 0)
        self.query_one(Situation).show(view.flags, view.demands, view.ruleset.cards,
                                       view.ruleset.scenario.month_label)
        self.query_one(GameLog).show(view.log, view.ruleset, view.role)
        self.query_one(MarginsBar).show(view.tracks, view.flags, view.role,
                                        view.ruleset.edition)
        self.query_one("#col-tracks").border_title = (
            "Tracks  ▲▼ since your last order" if view.turn > 1 or changes else "Tracks")

    def _describe(self, index: int | None) -> None:
        view, role = self._view, self.role
        card_widget = self.query_one("#card", Static)
        panel = self.query_one("#card-panel", VerticalScroll)
        if view is None or role is None or index is None:
            return
        hand = self.query_one(HandList)
        if index >= hand.option_count:
            return
        option_id = hand.get_option_at_index(index).id or ""
        resource = view.track(RESOURCE_OF[role])
        demand = view.ruleset.card(view.demands[0].card) if view.demands else None
        if option_id in FREE_ORDERS:
            card_widget.update(free_order_detail(option_id, role, resource, demand, view))
            panel.border_title = words.FREE_ORDER_TITLES[option_id]
        else:
            card = view.ruleset.card(option_id)
            playable = any(o.card == option_id for o in view.legal_orders())
            reason = None if playable else (
                words.unplayable_reason(card, role, resource, view) or "not allowed now")
            card_widget.update(card_detail(card, role, resource, reason, env=view))
            panel.border_title = f"Card {index + 1} · {card.cites}"
        panel.scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#hand")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option_index)

    @on(OptionList.OptionSelected, "#hand")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_order()

    @on(SettingsChanged)
    def _settings_changed(self) -> None:
        self.refresh_status()

    # -- actions -----------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        hand = self.query_one(HandList)
        if self.role is None or not 1 <= number <= hand.option_count:
            return
        hand.highlighted = number - 1
        hand.focus()

    def action_bookmark(self) -> None:
        session = self.host.session
        if session is not None and hasattr(session, "add_note"):
            ask_note(self, session)

    def action_view(self, name: str) -> None:
        self._set_view(name)
        target = {"tracks": "#col-tracks", "map": "#map-panel", "log": "#log-panel"}[name]
        if self.size.width >= 120:
            self.query_one(target).focus()

    def _set_view(self, name: str) -> None:
        self.view_name = name
        for other in VIEWS:
            self.set_class(other == name, f"view-{other}")

    def action_order(self) -> None:
        view, role = self._view, self.role
        hand = self.query_one(HandList)
        if view is None or role is None or hand.highlighted is None:
            return
        option_id = hand.get_option_at_index(hand.highlighted).id or ""
        choices = [o for o in view.legal_orders() if o.card == option_id]
        if not choices:
            resource = view.track(RESOURCE_OF[role])
            card = view.ruleset.card(option_id)
            reason = words.unplayable_reason(card, role, resource, view) or "not allowed now"
            self.notify(f"{card.title} cannot be ordered now: {reason}.",
                        title="Choose another card", severity="warning")
            return

        def confirmed(order: Order | None) -> None:
            if order is not None and self.role == role:
                self.post_message(OrderChosen(order))

        self.app.push_screen(OrderDialog(view, choices), confirmed)

    def show_clock(self, text: str, urgent: bool = False) -> None:
        """The orders timer on the status bar ("" hides it)."""
        self.query_one(StatusBar).set_clock(text, urgent)

    async def action_umpire(self) -> None:
        seminar = self.host.seminar
        opened = seminar.open_menu() if seminar is not None else None
        if opened is not None:
            await opened

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("order", "pick"):
            return self.role is not None
        if action == "umpire":  # only in a game with facilitator controls
            seminar = self.host.seminar
            return seminar is not None and seminar.facilitator
        return True
