"""Drive the Springboard app through its screens with Textual's pilot, as a player would:
keys only, waiting on workers (never sleeping)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from wargame.engine import ROLES
from wargame.tui.app import NewGame, SeatChoice, SpringboardApp
from wargame.tui.settings import Settings


def screen_text(app) -> str:
    """Everything on the terminal now, as plain text."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


FROZEN_DECKS = Path(__file__).resolve().parent / "tui_decks"
"""A copy of the decks for the snapshots: tuning `decks/` must not change them."""


def make_app(tmp_path: Path, humans=("opposition",), bots="easy", seed=7, turns=2,
             hints=False, start=True, decks: Path | None = None) -> SpringboardApp:
    seats = {r: SeatChoice("human") if r in humans else SeatChoice("bot", bots) for r in ROLES}
    settings = Settings(path=tmp_path / "config" / "settings.json", hints=hints)
    request = NewGame(seats=seats, seed=seed, turns=turns) if start else None
    return SpringboardApp(request, save_dir=tmp_path / "saves", settings=settings,
                          decks_dir=decks)


async def settle(pilot) -> None:
    """Let the bots' workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[object], bool], tries: int = 100) -> None:
    """Let the app run until `condition(app)` holds (a re-layout can take a few rounds on
    a busy machine); fails after `tries` rounds."""
    for _ in range(tries):
        if condition(pilot.app):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened; the screen shows:\n{screen_text(pilot.app)}")


def first_legal(app) -> int:
    """The number (1-8) of the first option in the hand that may be ordered now."""
    board = app.board
    hand = board.query_one("#hand")
    legal = {o.card for o in app.session.view(board.role).legal_orders()}
    ids = [hand.get_option_at_index(i).id for i in range(hand.option_count)]
    return next(i for i, x in enumerate(ids) if x in legal) + 1


async def play(pilot, until: Callable[[object], bool] | None = None,
               on_screen: Callable[[object, str], Awaitable[None] | None] | None = None,
               limit: int = 2000) -> str:
    """Press the keys a player would until `until(app)` holds or the end screen shows.
    `on_screen(app, name)` is called on every screen reached (for checks)."""
    app = pilot.app
    for _ in range(limit):
        await settle(pilot)
        name = type(app.screen).__name__
        if on_screen is not None:
            result = on_screen(app, name)
            if result is not None:
                await result
        if until is not None and until(app):
            return name
        if name == "EndScreen":
            return name
        await pilot.pause()
        if type(app.screen).__name__ != name:
            continue  # a screen (a hint, say) arrived meanwhile: look again before a key
        if name == "BoardScreen":
            if app.board.role is None:
                continue  # waiting for the bots: settle() waits on their workers
            await pilot.press(str(first_legal(app)), "enter")
        elif name in ("OrderDialog", "HandoffScreen", "HintScreen", "ResolutionScreen"):
            await pilot.press("enter")
        else:
            raise AssertionError(f"the game stopped on {name}:\n{screen_text(app)}")
    raise AssertionError("the game did not end")
