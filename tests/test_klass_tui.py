"""The facilitator's dashboard (`wargame class run`) on screen: every table in one
view, the umpire's controls applied to every table or to the highlighted one, and a
snapshot at 120×40 (the frozen decks, easy bots, a fixed seed, no timer on screen).

After a deliberate change of the look: `python -m pytest tests/test_klass_tui.py
--snapshot-update`, then look at the report before committing."""

from __future__ import annotations

import asyncio

import pytest
from tui_pilot import FROZEN_DECKS, screen_text, wait_for

from wargame.decks import load_decks
from wargame.engine import EVENT, Umpire
from wargame.klass import Facilitator, create_class
from wargame.saves import verify
from wargame.tui.dashboard import DashboardApp


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def a_class(tmp_path, tables=3):
    ruleset = load_decks(FROZEN_DECKS).ruleset()
    return create_class("room", tables, ruleset, 7, bots={"lukashenko": "easy",
                                                          "putin": "easy"},
                        turns=3, games_dir=tmp_path)


def showing(name: str):
    """A condition for `wait_for`: the screen on top is a `name`."""
    return lambda app: type(app.screen).__name__ == name


async def type_text(pilot, text: str) -> None:
    for c in text:
        await pilot.press("space" if c == " " else c)


async def answer(pilot, dialog: str, text: str) -> None:
    """Type the reason into the dialog now on screen and confirm it."""
    await wait_for(pilot, showing(dialog))
    await type_text(pilot, text)
    await pilot.press("enter")
    await wait_for(pilot, showing("DashboardScreen"))


def test_the_dashboard_pauses_every_table_and_injects_at_one(tmp_path):
    klass = a_class(tmp_path, tables=2)

    async def scenario():
        with Facilitator.open(klass) as f:
            app = DashboardApp(f, poll=None)
            async with app.run_test(size=(120, 40)) as pilot:
                app.read_now()
                text = screen_text(app)
                assert "Class room · 2 tables · 0 finished" in text
                assert "waiting ●" in text  # the opposition's teams have not ordered
                await pilot.press("p")
                await answer(pilot, "ReasonDialog", "talk about the garrison")
                assert all(s.pause is not None for s in f.sessions.values())
                f.late_bots(f.numbers, "the teams are away")
                app.read_now()  # the bots play the month out: both tables wait
                assert [s.held for s in f.statuses()] == [True, True]
                assert "PAUSED" in screen_text(app)
                await pilot.press("a")  # the highlighted table only: table 1
                assert "acting on table 1" in screen_text(app)
                await pilot.press("i")
                await wait_for(pilot, showing("EventPicker"))
                await pilot.press("enter")  # the first event; then the reason
                await answer(pilot, "EventPicker", "the same news for table one")
                assert f.sessions[1].state.phase != EVENT
                assert f.sessions[2].state.phase == EVENT
                assert "Inject, table 1" in screen_text(app)

    asyncio.run(scenario())
    record = verify(tmp_path / "room-1.json").save.record
    kinds = [r.action.kind for r in record if isinstance(r.action, Umpire)]
    assert kinds.count("inject") == 1 and kinds[0] == "note"
    assert not any(isinstance(r.action, Umpire) and r.action.kind == "inject"
                   for r in verify(tmp_path / "room-2.json").save.record)


def test_a_watching_dashboard_has_no_controls(tmp_path):
    klass = a_class(tmp_path, tables=1)

    async def scenario():
        with Facilitator.open(klass, umpire=False) as f:
            app = DashboardApp(f, poll=None)
            async with app.run_test(size=(120, 40)) as pilot:
                app.read_now()
                await pilot.press("p")
                assert type(app.screen).__name__ == "DashboardScreen"
                assert "watching" in screen_text(app)
                assert all(s.pause is None for s in f.sessions.values())

    asyncio.run(scenario())


def test_dashboard_snapshot(snap_compare, tmp_path):
    klass = a_class(tmp_path)
    f = Facilitator.open(klass)
    f.play_bots()
    f.late_bots([1], "the team is away")
    f.pause([1, 2, 3], "the class discusses the draft")
    f.play_bots()
    app = DashboardApp(f, poll=None)

    async def run_before(pilot) -> None:
        app.read_now()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
    finally:
        f.close()


def test_a_teams_screen_shows_the_pause_and_why(tmp_path):
    from wargame.tui.app import SpringboardApp
    from wargame.tui.hosted import Join
    from wargame.tui.settings import Settings

    klass = a_class(tmp_path, tables=1)
    story = showing("ResolutionScreen")

    def paused_or_story(app) -> bool:
        return "paused the class" in screen_text(app) or story(app)

    with Facilitator.open(klass) as f:
        f.pause([1], "we talk about the garrison first")

        async def scenario():
            app = SpringboardApp(Join(tmp_path / "room-1.sqlite", "opposition"),
                                 save_dir=tmp_path / "saves",
                                 settings=Settings(path=tmp_path / "s.json", hints=False))
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(5):  # the story of what the team has not seen, if any
                    if "paused the class" in screen_text(app):
                        break
                    await wait_for(pilot, paused_or_story)
                    if type(app.screen).__name__ == "ResolutionScreen":
                        await pilot.press("s")
                        await pilot.press("enter")
                text = screen_text(app)
                assert "The facilitator has paused the class" in text
                assert "we talk about the garrison first" in text

        asyncio.run(scenario())
        assert f.sessions[1].state.phase == EVENT  # the team's screen did not move it on
