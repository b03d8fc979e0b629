"""`wargame join` on screen: the board of one role of a hosted game, following what the
other screens do (here played through their own HostedSessions), the projector's board
with no hand, and choosing a seat on screen (a browser tab of `wargame serve --game`)."""

from __future__ import annotations

import asyncio

import pytest
from tui_pilot import first_legal, screen_text, wait_for

from wargame.engine import ORDERS, ROLES, digest
from wargame.hosting import HostedSession, create
from wargame.saves import Seat
from wargame.tui.app import SpringboardApp
from wargame.tui.hosted import Join
from wargame.tui.settings import Settings

HUMANS = {r: Seat(r) for r in ROLES}


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def app_for(tmp_path, request: Join) -> SpringboardApp:
    return SpringboardApp(request, save_dir=tmp_path / "saves",
                          settings=Settings(path=tmp_path / "settings.json", hints=False))


def screen_name(app) -> str:
    return type(app.screen).__name__


async def read_story(pilot) -> None:
    """Show all of the month's story, then go on (waiting for each key's effect)."""
    story = pilot.app.screen
    assert screen_name(pilot.app) == "ResolutionScreen"
    await wait_for(pilot, lambda a: story.is_mounted)
    if not story.finished:
        await pilot.press("s")
        await wait_for(pilot, lambda a: story.finished)
    await pilot.press("enter")
    await wait_for(pilot, lambda a: a.screen is not story)


def hand_titles(state, role: str) -> list[str]:
    return [state.ruleset.card(c).title for c in state.hand(role)]


def test_a_joined_screen_plays_its_role_and_follows_the_others(ruleset, tmp_path):
    path = create(ruleset, 11, HUMANS, turns=1, games_dir=tmp_path)
    others = {r: HostedSession.join(path, r) for r in ("lukashenko", "putin")}

    async def scenario():
        app = app_for(tmp_path, Join(path, "opposition"))
        async with app.run_test(size=(100, 30)) as pilot:
            # Its first join: the month's event is told, then its own hand.
            await wait_for(pilot, lambda a: screen_name(a) == "ResolutionScreen")
            await read_story(pilot)
            await wait_for(pilot, lambda a: a.board is not None and a.board.role
                           == "opposition" and "Opposition's hand" in screen_text(a))
            state = app.session.state
            text = screen_text(app)
            for role in ("lukashenko", "putin"):
                for title in hand_titles(state, role):
                    assert title not in text, f"{role}'s card {title!r} is on screen"
            await pilot.press(str(first_legal(app)), "enter")
            await wait_for(pilot, lambda a: screen_name(a) == "OrderDialog")
            await pilot.press("enter")
            await wait_for(pilot, lambda a: a.board.role is None
                           and "Waiting for" in screen_text(a))
            assert "Lukashenko" in screen_text(app)
            # The others order from their own screens; this one notices by itself.
            for role, s in others.items():
                s.refresh()
                s.apply(s.view(role).legal_orders()[0])
            await wait_for(pilot, lambda a: screen_name(a) == "ResolutionScreen"
                           and "Resolution of" in screen_text(a), tries=300)
            await read_story(pilot)
            await wait_for(pilot, lambda a: screen_name(a) == "EndScreen", tries=300)
            assert app.session.over
            for s in others.values():
                s.refresh()
                assert digest(s.state) == digest(app.session.state)
            assert "join" in app.session.rejoin and "--role opposition" in app.session.rejoin
    asyncio.run(scenario())


def test_the_projector_shows_the_public_board_and_no_hand(ruleset, tmp_path):
    path = create(ruleset, 12, HUMANS, turns=2, games_dir=tmp_path)
    players = {r: HostedSession.join(path, r) for r in ROLES}

    async def scenario():
        app = app_for(tmp_path, Join(path, None))
        async with app.run_test(size=(120, 34)) as pilot:
            await wait_for(pilot, lambda a: screen_name(a) == "ResolutionScreen")
            await read_story(pilot)
            await wait_for(pilot, lambda a: "Hands are hidden" in screen_text(a))
            assert app.humans == [] and app.viewer is None
            for _ in range(2):  # every screen orders; the projector follows, month by month
                for role, s in players.items():
                    s.refresh()
                    if s.state.phase == ORDERS:
                        s.apply(s.view(role).legal_orders()[0])
                await wait_for(pilot, lambda a: screen_name(a) == "ResolutionScreen",
                               tries=300)
                state = app.session.state
                text = screen_text(app)
                for role in ROLES:
                    for title in hand_titles(state, role):
                        assert title not in text, f"{role}'s {title!r} on the projector"
                assert app.board.query_one("#hand").option_count == 0
                await read_story(pilot)
                await wait_for(pilot, lambda a: screen_name(a) in ("BoardScreen",
                                                                   "EndScreen"))
                for s in players.values():
                    s.refresh()
                    if s.state.phase != ORDERS:
                        s.advance()
            await wait_for(pilot, lambda a: screen_name(a) == "EndScreen", tries=300)
    asyncio.run(scenario())


def test_a_tab_without_a_role_chooses_a_free_seat(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko"), "putin": Seat("putin", "bot", "easy"),
             "opposition": Seat("opposition")}
    path = create(ruleset, 13, seats, turns=1, games_dir=tmp_path, name="lesson")
    taken = HostedSession.join(path, "lukashenko")

    async def scenario():
        app = app_for(tmp_path, Join(path, pick=True))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda a: screen_name(a) == "JoinScreen"
                           and "Join the game 'lesson'" in screen_text(a))
            text = screen_text(app)
            assert "played from another screen now" in text  # Lukashenko's seat is taken
            assert "Putin" not in text  # a bot's seat is nobody's to take
            assert "Watch the board" in text
            # The first free seat is highlighted: the opposition.
            await pilot.press("enter")
            await wait_for(pilot, lambda a: a.session is not None)
            assert app.session.local == ("opposition",)
            assert taken.presence()["opposition"] == "here"
    asyncio.run(scenario())


def test_wargame_join_takes_the_seat_once_and_gives_it_back(ruleset, tmp_path, monkeypatch):
    """The command joins before the screen opens (a taken seat is one line, not a
    screen), hands that session to the app, and leaves the game when the app closes."""
    from wargame.cli import main

    path = create(ruleset, 14, HUMANS, turns=1, games_dir=tmp_path, name="lesson")
    seen = {}

    def run(app):
        request = app.start
        seen["first"] = request.session.first_join
        seen["presence"] = request.session.presence()["putin"]
        app.session = request.session

    monkeypatch.setattr(SpringboardApp, "run", run)
    assert main(["join", "lesson", "--dir", str(tmp_path), "--role", "putin"]) == 0
    assert seen == {"first": True, "presence": "here"}
    with HostedSession.join(path, None) as watcher:
        assert watcher.presence()["putin"] == "away"  # left, and free to rejoin


def test_a_hosted_game_with_classroom_settings_has_no_seminar_at_a_joined_screen(
        ruleset, tmp_path):
    """The host keeps a hosted game's classroom: a joined screen has no facilitator's
    pause and no timer of its own, although a `HostedSession` is also a `Session`."""
    from wargame.classroom import SECTION, Classroom
    from wargame.classroom import Settings as RoomSettings
    from wargame.tui.seminar import Seminar

    path = create(ruleset, 11, HUMANS, turns=1, games_dir=tmp_path)
    with HostedSession.join(path, "opposition") as session:
        session.set_section(SECTION, Classroom(RoomSettings(facilitator=True,
                                                            timer=60)).to_data())
        assert Classroom.of(session.sections) is not None
        app = app_for(tmp_path, Join(path, "opposition"))
        assert Seminar.of(app.game, session) is None
