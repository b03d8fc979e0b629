"""The facilitator's dashboard (`wargame class run`) on screen: every table in one
view, the umpire's controls applied to every table or to the highlighted one, and a
snapshot at 120×40 (the frozen decks, easy bots, a fixed seed, no timer on screen).

After a deliberate change of the look: `python -m pytest tests/test_klass_tui.py
--snapshot-update`, then look at the report before committing."""

from __future__ import annotations

import asyncio

import pytest
from tui_pilot import FROZEN_DECKS, first_legal, screen_text, wait_for

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


def team_app(tmp_path):
    """The opposition's screen at the first table of the class `room`."""
    from wargame.tui.app import SpringboardApp
    from wargame.tui.hosted import Join
    from wargame.tui.settings import Settings

    return SpringboardApp(Join(tmp_path / "room-1.sqlite", "opposition"),
                          save_dir=tmp_path / "saves",
                          settings=Settings(path=tmp_path / "s.json", hints=False))


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
    klass = a_class(tmp_path, tables=1)
    story = showing("ResolutionScreen")

    def paused_or_story(app) -> bool:
        return "paused the class" in screen_text(app) or story(app)

    with Facilitator.open(klass) as f:
        f.pause([1], "we talk about the garrison first")

        async def scenario():
            app = team_app(tmp_path)
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


# -- the orders timer and the facilitator's questions (forecasts, team votes) ----------


def test_the_dashboard_sets_the_timer_asks_the_teams_and_decides_when_time_is_up(
        tmp_path, monkeypatch):
    import wargame.klass.facilitator as facilitator

    clock = [1_000_000.0]
    monkeypatch.setattr(facilitator, "wall", lambda: clock[0])
    ruleset = load_decks(FROZEN_DECKS).ruleset()
    klass = create_class("room", 1, ruleset, 7, bots={"lukashenko": "easy", "putin": "easy"},
                         turns=2, timer=180, games_dir=tmp_path)

    def room():
        from wargame.classroom import Classroom
        return Classroom.of(f.sessions[1].sections)

    async def scenario():
        async with app.run_test(size=(120, 40)) as pilot:
            app.read_now()  # the orders begin: the clock starts, in the table's save
            assert room().clock == (1, 1_000_180)
            assert "3:00" in screen_text(app)
            await pilot.press("c")  # a forecast: the first outcome, and why
            await wait_for(pilot, showing("AskDialog"))
            await pilot.press("enter")
            await answer(pilot, "AskDialog", "what do you expect")
            assert [(a.kind, a.outcome) for a in room().asks] == [("forecast",
                                                                    "regime_falls")]
            await pilot.press("v")
            await answer(pilot, "AskDialog", "did you agree")
            assert [a.kind for a in room().asks] == ["forecast", "vote"]
            assert "asked: team vote (did you agree)" in screen_text(app)
            await pilot.press("t")  # two minutes instead of three, from the same start
            await wait_for(pilot, showing("TimerDialog"))
            await type_text(pilot, "2m")
            await pilot.press("enter")
            await wait_for(pilot, showing("DashboardScreen"))
            assert room().settings.timer == 120 and room().clock == (1, 1_000_120)
            clock[0] += 121  # the time is up: the teacher decides, as on one keyboard
            app.read_now()
            await wait_for(pilot, showing("TimeUpDialog"))
            await pilot.press("w")  # one more minute, from now
            await wait_for(pilot, showing("DashboardScreen"))
            assert room().clock == (1, int(clock[0]) + 60)
            app.read_now()  # asked once a month: no second dialog
            assert showing("DashboardScreen")(app)

    with Facilitator.open(klass) as f:
        app = DashboardApp(f, poll=None)
        asyncio.run(scenario())
    record = verify(tmp_path / "room-1.json").save.record
    notes = [r.action.reason for r in record if isinstance(r.action, Umpire)]
    assert any("asks every team for a forecast" in n and "what do you expect" in n
               for n in notes)
    assert any("asks every team for its team's vote (did you agree)" in n for n in notes)


def test_a_teams_screen_shows_the_clock_and_answers_the_facilitators_questions(
        tmp_path, monkeypatch):
    import wargame.klass.facilitator as facilitator
    from wargame.classroom import PRESET_BY_ID, Classroom

    monkeypatch.setattr(facilitator, "wall", lambda: 1_000_000.0)
    ruleset = load_decks(FROZEN_DECKS).ruleset()
    klass = create_class("room", 1, ruleset, 7, bots={"lukashenko": "easy", "putin": "easy"},
                         turns=2, timer=180, games_dir=tmp_path)
    with Facilitator.open(klass) as f:
        f.play_bots()
        f.refresh()  # the clock starts: 3:00 from now
        f.ask([1], "what do you expect", PRESET_BY_ID["combat"])
        f.ask([1], "did you agree")

        async def scenario():
            app = team_app(tmp_path)
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(5):  # the story of the first event
                    await wait_for(pilot, lambda a: type(a.screen).__name__ in (
                        "ResolutionScreen", "AnswerDialog"))
                    if showing("AnswerDialog")(app):
                        break
                    await pilot.press("s")
                    await pilot.press("enter")
                # the dialog is on top; its text is laid out a round or two later
                await wait_for(pilot, lambda a: "Belarusian troops fight in" in screen_text(a))
                await type_text(pilot, "70")
                await pilot.press("enter")
                await type_text(pilot, "the troops are ready")
                await pilot.press("enter")
                await wait_for(pilot, showing("BoardScreen"))
                await wait_for(pilot, lambda a: "⏱ 3:00" in screen_text(a))
                # The vote is on the team's order: asked once it is given.
                await pilot.press(str(first_legal(app)), "enter")
                await wait_for(pilot, showing("OrderDialog"))
                await pilot.press("enter")
                for _ in range(5):  # the bots have ordered: the month's story first
                    await wait_for(pilot, lambda a: type(a.screen).__name__ in (
                        "ResolutionScreen", "AnswerDialog"))
                    if showing("AnswerDialog")(app):
                        break
                    await pilot.press("s")
                    await pilot.press("enter")
                await type_text(pilot, "2")
                await pilot.press("enter", "enter")
                await type_text(pilot, "one wanted to wait")
                await pilot.press("enter")
                await wait_for(pilot, lambda a: Classroom.of(
                    a.session.sections).vote_of(1, "opposition") is not None)

        asyncio.run(scenario())
        f.refresh()
        room = Classroom.of(f.sessions[1].sections)
        assert room is not None
        assert [(x.outcome, x.p, x.why) for x in room.forecasts] == [
            ("combat", 70, "the troops are ready")]
        vote = room.vote_of(1, "opposition")
        assert vote is not None and (vote.yes, vote.of, vote.why) == (
            2, 3, "one wanted to wait")
        answers = dict(((n, a.kind), said) for n, a, said in f.asked())
        assert answers[(1, "vote")]["opposition"].startswith("2 of 3 for ")
        assert answers[(1, "forecast")] == {"opposition": "70%: the troops are ready"}
