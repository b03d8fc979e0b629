"""The screens of the game. Each one reads what it is given (a session's views, log
lines) and posts messages or returns a result; the app changes the game."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual import events, on
from textual.binding import ActiveBinding
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer

if TYPE_CHECKING:
    from ..host import Host

MUTED = "$text-muted"
MIN_WIDTH, MIN_HEIGHT = 80, 24
"""The smallest terminal the game is laid out for (the app's breakpoints start here)."""


class TooSmall(Widget):
    """Shown instead of a broken layout when the terminal is too small."""

    def render(self) -> Content:
        size = self.app.size
        return Content.assemble(
            ("The terminal is too small for Springboard\n\n", "bold"),
            f"It is {size.width}×{size.height}; the game needs at least "
            f"{MIN_WIDTH}×{MIN_HEIGHT}.\n",
            "Make the window larger or the font smaller.\n\n",
            ("Ctrl+Q quits (a game in progress is saved).", MUTED))


def draw_keys_while_blurred(screen: Screen) -> None:
    """Let `screen`'s footer draw its keys while the app does not have the focus.

    Textual's footer draws nothing until the app has the focus, and an app served to a
    browser (`wargame serve`) starts without it: textual-serve's page does not focus its
    terminal, so the web driver tells the app at once that it is blurred, and the footer
    stayed an empty strip until the player clicked in the page (issue 14, item 9). So a
    footer that has drawn nothing yet draws when the screen's keys change, focus or not;
    once drawn, it follows Textual's rule (it keeps its keys while the app is blurred)."""

    def draw(_screen: Screen) -> None:
        if screen.app.app_focus:
            return
        for footer in screen.query(Footer):
            if not footer.children:
                footer.call_later(footer.recompose)  # in its own context: it binds data

    screen.bindings_updated_signal.subscribe(screen, draw)


class BaseScreen(Screen):
    """A full screen that shows a message instead of a broken layout when the terminal
    is too small (the app's breakpoint classes switch it on)."""

    NARROW_FOOTER: ClassVar[frozenset[str] | None] = None
    """The ids of the keys the footer shows below 120 columns, when a screen has more
    than fit (None: all). F1 is then shown as "All keys": the help lists every key of
    the screen. The others still work, and the palette has every action."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found = super().active_bindings
        if self.NARROW_FOOTER is None or self.size.width >= 120:
            return found
        out: dict[str, ActiveBinding] = {}
        for key, active in found.items():
            binding = active.binding
            if binding.id == "help":
                binding = replace(binding, description="All keys")
            elif binding.show and binding.id not in self.NARROW_FOOTER:
                binding = replace(binding, show=False)
            out[key] = active._replace(binding=binding)
        return out

    @property
    def host(self) -> Host:
        """The app, as a screen may use it (`host.Host`)."""
        return cast("Host", self.app)

    @on(events.Mount)
    def _mount_too_small(self) -> None:
        self.mount(TooSmall(classes="too-small"))
        draw_keys_while_blurred(self)


ResultType = TypeVar("ResultType")


class _AfterKeys(Message):
    """A marker that bubbles from a widget to its screen behind the keys sent to it."""

    def __init__(self, rest: list[Widget], callback: Callable[[], object]) -> None:
        super().__init__()
        self.rest, self.callback = rest, callback


class BaseModal(ModalScreen[ResultType]):
    """A dialog over another screen, with the same too-small message.

    Dialogs with fields bind Enter as a priority key, to move to the next field before
    the next key arrives. A priority key runs as soon as it reaches the app, though, while
    a digit typed just before it may still wait in its field's queue (keys typed in one
    burst, as `tmux send-keys` sends them). So Enter moves the focus at once
    (`next_field`) and reads the fields only after they have handled every key already
    sent to them (`after_typing`)."""

    @property
    def host(self) -> Host:
        """The app, as a dialog may use it (`host.Host`)."""
        return cast("Host", self.app)

    @on(events.Mount)
    def _mount_too_small(self) -> None:
        self.mount(TooSmall(classes="too-small"))
        draw_keys_while_blurred(self)

    def action_enter(self) -> None:
        """Enter in a dialog with fields (bound as a priority key by the dialogs that have
        them): press the focused button; on a field or list with another after it, go to
        that one (a number field is selected, so typing replaces it); on the last, confirm
        once the fields have every key typed before the Enter. A binding, not
        Input.Submitted: see above."""
        from textual.widgets import Button, Input  # not on the way to the title screen

        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        fields = list(self.query("Input, OptionList"))
        if focused in fields and focused is not fields[-1]:
            nxt = fields[fields.index(focused) + 1]
            self.next_field(nxt)
            if isinstance(nxt, Input) and nxt.type == "integer":
                nxt.select_all()
            return
        self.after_typing(self.action_confirm)

    def action_confirm(self) -> None:
        raise NotImplementedError("a dialog that binds Enter confirms its own way")

    def next_field(self, field: Widget) -> None:
        """Focus `field` now: `Widget.focus` waits its turn in the app's queue, and the
        keys typed after Enter in the same burst would go to the old field."""
        self.set_focus(field)

    def after_typing(self, callback: Callable[[], object]) -> None:
        """Call `callback` once every field and list of this dialog has handled the keys
        already sent to it. A field inserts a letter in its own queue, but a list's arrow
        (a binding) runs only when the key has bubbled up to the app; so a marker follows
        the keys the same way, widget by widget, and the callback waits behind the last
        of them in the app's queue."""
        widgets = list(self.query("Input, OptionList"))
        if not widgets:
            callback()
            return
        widgets[0].post_message(_AfterKeys(widgets[1:], callback))

    @on(_AfterKeys)
    def _after_keys(self, message: _AfterKeys) -> None:
        message.stop()
        if message.rest:
            message.rest[0].post_message(_AfterKeys(message.rest[1:], message.callback))
        else:
            self.app.call_later(message.callback)
