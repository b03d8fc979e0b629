"""Small dialogs: confirm an order, confirm quitting, pick a saved game."""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine.state import FREE_ORDERS, Order
from wargame.engine.tracks import RESOURCE_OF, ROLE_SYMBOLS
from wargame.engine.view import View
from wargame.saves import SaveError, default_save_dir, read, save_files
from wargame.untrusted import printable

from .. import words
from ..messages import SavesFound
from ..widgets import free_order_detail, order_summary
from . import BaseModal


class ConfirmScreen(BaseModal[bool]):
    """A yes/no question. Enter or y answers yes, Escape or n answers no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes", show=False),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, title: str, text: str, yes: str = "Yes", no: str = "No",
                 purpose: str = "") -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold $accent"), classes="dialog-title")
            yield Static(Content(printable(self.text)), classes="dialog-text")  # not markup
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class OrderDialog(BaseModal[Order | None]):
    """Confirm an order: what it costs and does, and the option the card asks for."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="order-back"),
        Binding("ctrl+s", "confirm", "Confirm", id="order-confirm", show=False),
    ]

    def __init__(self, view: View, choices: list[Order]) -> None:
        super().__init__()
        self.view = view
        self.choices = choices

    def compose(self) -> ComposeResult:
        view, first = self.view, self.choices[0]
        role = first.role
        resource = view.track(RESOURCE_OF[role])
        with Vertical(classes="dialog order-dialog"):
            yield Static(Content.assemble(("Confirm your order  ", "bold $accent"),
                                          (f"{ROLE_SYMBOLS[role]} ", "bold"),
                                          (words.order_title(view.ruleset.cards, first)
                                           if len(self.choices) == 1
                                           else view.ruleset.card(first.card).title,
                                           "bold")), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                if first.card in FREE_ORDERS:
                    demand = view.ruleset.card(view.demands[0].card) if view.demands else None
                    yield Static(free_order_detail(first.card, role, resource, demand, view))
                else:
                    yield Static(order_summary(view.ruleset.card(first.card), role,
                                               resource, view))
            if len(self.choices) > 1:
                card = view.ruleset.card(first.card)
                yield Static(Content.styled("Choose an option (↑↓, then Enter):", "bold"))
                options = []
                for order in self.choices:
                    opt = card.option(order.option)
                    assert opt is not None
                    cost = words.order_cost(card, order.option)
                    options.append(Option(Content.assemble(
                        (opt.label, "bold"),
                        (f"  costs {cost} {words.resource_label(role)}", "$text-muted"),
                        ("\n  " + "; ".join(words.effect_text(e, view) for e in opt.effects),
                         "")),
                        id=order.option))
                yield OptionList(*options, id="order-options")
            else:
                order = first
                cost = (words.order_cost(view.ruleset.card(order.card), order.option)
                        if order.card not in FREE_ORDERS else 0)
                yield Static(Content.assemble(
                    ("It costs ", ""), (f"{cost} {words.resource_label(role)}", "bold"),
                    (f": {resource - cost} left. ", ""),
                    ("The others see it only when all three orders are in.",
                     "$text-muted")), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Give this order (Enter)", variant="primary", id="confirm")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if len(self.choices) > 1:
            options = self.query_one("#order-options", OptionList)
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#confirm", Button).focus()

    @on(OptionList.OptionSelected, "#order-options")
    def _option(self, event: OptionList.OptionSelected) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        if len(self.choices) == 1:
            self.dismiss(self.choices[0])
            return
        index = self.query_one("#order-options", OptionList).highlighted or 0
        self.dismiss(self.choices[index])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SavePicker(BaseModal[Path | None]):
    """The saves in the save folder, newest first, each with where the game stands."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back", id="picker-back")]

    def __init__(self, save_dir: Path | None) -> None:
        super().__init__()
        self.save_dir = save_dir
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Content.styled("Open a saved game for replay", "bold $accent"),
                         classes="dialog-title")
            yield Static("Looking for saves…", id="picker-folder", classes="dialog-text")
            yield OptionList(id="saves")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open (Enter)", variant="primary", id="open")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#saves", OptionList).focus()
        self._scan()

    @work(thread=True, exclusive=True, group="picker")
    def _scan(self) -> None:
        folder = self.save_dir or default_save_dir()
        rows: list[tuple[Path, Content]] = []
        for path in save_files(folder)[:60]:
            try:
                stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            except OSError:
                continue
            try:
                save = read(path)
                final = save.final
                month = save.ruleset.scenario.month_label(final.turn)
                humans = [ROLE_SYMBOLS[r] for r, s in save.seats.items() if s.kind == "human"]
                who = (" ".join(humans) + " human" if humans else "bots only")
                if final.phase == "over":
                    won = ", ".join(final.winners) or "nobody"
                    where = f"over ({won} won)"
                else:
                    where = f"{month}, turn {final.turn} of {save.turns}"
                rows.append((path, Content.assemble((printable(path.name), "bold"), "\n  ",
                                                    (f"{stamp} · seed {save.seed} · {where} "
                                                     f"· {who}", "$text-muted"))))
            except SaveError as exc:
                problem = str(exc).replace(str(path), "").strip(": ")
                rows.append((path, Content.assemble((printable(path.name), "bold"), "\n  ",
                                                    (f"cannot be read: {problem[:80]}",
                                                     "$error"))))
        note = f"In {folder}" if rows else f"No saved game in {folder} yet."
        self.post_message(SavesFound(rows, note))

    @on(SavesFound)
    def _show(self, message: SavesFound) -> None:
        message.stop()
        rows, note = message.rows, message.note
        self.paths = [p for p, _ in rows]
        saves = self.query_one("#saves", OptionList)
        saves.clear_options()
        saves.add_options([Option(c, id=str(i)) for i, (_, c) in enumerate(rows)])
        self.query_one("#picker-folder", Static).update(Content(printable(note)))
        if rows:
            saves.highlighted = 0

    @on(OptionList.OptionSelected, "#saves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[event.option_index])

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        index = self.query_one("#saves", OptionList).highlighted
        if index is None or not self.paths:
            self.notify("There is no save to open.", severity="warning")
            return
        self.dismiss(self.paths[index])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
