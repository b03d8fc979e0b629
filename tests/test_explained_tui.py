"""Issue 14, items 1 and 2 on screen (Textual's pilot): a stall on a demand shows every
change it made, and a card whose condition failed says so, with the value and what it
needed ('no effect: Kremlin leverage 6, needs 10')."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tui_pilot import settle

from wargame import telling
from wargame.session import Session
from wargame.tui.app import Replay, SpringboardApp
from wargame.tui.settings import Settings

SAVE = Path(__file__).resolve().parent.parent / "saves" / "edition2-uprising.json"


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def _story(screen) -> str:
    return " ".join(str(screen.query_one("#replay-turn").content).split())


def test_the_replay_shows_a_stalls_every_change_and_why_a_condition_failed(tmp_path):
    session = Session.load(SAVE)
    log = session.state.log
    stall = next(e for e in log if e.kind == "answer" and e.changes)
    failed = next(e for e in log if e.kind == "effect" and e.card == "leak_call_up")

    async def scenario():
        app = SpringboardApp(Replay(session), save_dir=tmp_path / "saves",
                             settings=Settings(path=tmp_path / "config" / "s.json",
                                               hints=False))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            seen: dict[str, str] = {}
            for _ in range(len(screen.moments)):
                m = screen.moment
                if m.entry is not None and m.entry.kind == "answer" and m.entry.changes:
                    seen.setdefault("stall", _story(screen))  # the first, as `stall`
                if m.entry is not None and m.entry.card == failed.card \
                        and m.entry.kind == "effect":
                    seen["failed"] = _story(screen)
                if len(seen) == 2:
                    break
                await pilot.press("right")
                await pilot.pause()
            return seen

    seen = asyncio.run(scenario())
    assert "stalls on the demand" in seen["stall"]
    for change in stall.changes:
        assert telling.change_text(change) in seen["stall"]
    assert "no effect: no covert mobilisation is under way" in seen["failed"]
    assert "Support for the war −2% did not happen" in seen["failed"]


def test_the_resolution_in_play_itemises_a_stall_and_a_failed_condition(tmp_path):
    """In play (the issue's first sighting): Lukashenko, human, stalls on the Kremlin's
    open demand in April 2023 of the uprising example; the story of the month shows every
    change the stall made, and the month's event names the condition that kept its
    effect from happening (in the board's log panel), with the value and what it
    needed."""
    from tui_pilot import wait_for

    from wargame.saves import Seat
    from wargame.tui.app import Resume

    parent = Session.load(SAVE)
    seats = {**parent.seats, "lukashenko": Seat("lukashenko", "human")}
    child = parent.branch(7, seats=seats, save_dir=tmp_path / "saves")
    path = child.path
    assert path is not None

    async def scenario():
        app = SpringboardApp(Resume(path), save_dir=tmp_path / "saves",
                             settings=Settings(path=tmp_path / "config" / "s.json",
                                               hints=False))
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(50):  # the month's event first, then the orders
                await settle(pilot)
                name = type(app.screen).__name__
                if name == "BoardScreen" and app.board.role == "lukashenko":
                    break
                if name == "ResolutionScreen":
                    await pilot.press("s")
                    seen["event"] = " ".join(str(app.screen.query_one("#steps")
                                                 .render()).split())
                    await pilot.press("enter")
                await pilot.pause()
            seen["log"] = " ".join(str(app.board.query_one("#log").content).split())
            hand = app.board.query_one("#hand")
            ids = [hand.get_option_at_index(i).id for i in range(hand.option_count)]
            await pilot.press(str(ids.index("stall") + 1), "enter")
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "OrderDialog")
            await pilot.press("enter")
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "ResolutionScreen"
                           and a.screen.has_orders, tries=500)
            await pilot.press("s")
            seen["orders"] = " ".join(str(app.screen.query_one("#steps").render()).split())
            return app.session.state.log

    seen: dict[str, str] = {}
    log = asyncio.run(scenario())
    stall = next(e for e in reversed(log) if e.kind == "answer")
    assert stall.changes
    assert "Lukashenko stalls on the demand" in seen["orders"]
    for change in stall.changes:
        assert telling.change_text(change) in seen["orders"]
    # the month's event, in the log panel on the board (and in its story, if told)
    assert "no effect: the Minsk garrison 45,000, needs under 30,000" in seen["log"]
    assert "Stability +1 did not happen" in seen["log"]


def test_an_order_the_rules_refuse_says_why_in_plain_words(tmp_path):
    """The engine refuses a card whose condition does not hold with the deck's grammar
    ("'Close the airfields to Russia' can only be played when involvement <= 1"); the
    player reads the condition in words, with the values now (issue 14, item 2)."""
    from tui_pilot import make_app

    from wargame.engine import IllegalAction, Order
    from wargame.engine.tracks import RESOURCE_OF

    async def scenario():
        app = make_app(tmp_path, humans=("lukashenko",), seed=0)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(20):  # through the first event's story to the orders
                await settle(pilot)
                if type(app.screen).__name__ == "BoardScreen" and app.board.role:
                    break
                await pilot.press("enter")
            assert app.board.role == "lukashenko"
            session = app.session
            view = session.view("lukashenko")
            legal = {o.card for o in view.legal_orders()}
            resource = view.track(RESOURCE_OF["lukashenko"])
            card = next(c for c in map(view.ruleset.card, view.hand)
                        if c.id not in legal and c.requires is not None and not c.options
                        and c.cost <= resource)
            with pytest.raises(IllegalAction, match="can only be played when"):
                session.apply(Order("lukashenko", card.id))  # the engine's own words
            # As if a board drawn a moment before had ordered it.
            app.game.apply_order(Order("lukashenko", card.id), None)
            await settle(pilot)
            told = [n.message for n in app._notifications
                    if n.title == "That order is not allowed"]
            now = telling.why(card.requires.text, card.requires.inputs(view), False)
            assert told == [f"'{card.title}' cannot be ordered now: only when "
                            f"{telling.expr_words(card.requires.text)} (now: {now})"]
            assert not any(raw in told[0] for raw in ("<=", ">=", "can only be played",
                                                      card.requires.text))
            assert session.state.order_of("lukashenko") is None
    asyncio.run(scenario())
