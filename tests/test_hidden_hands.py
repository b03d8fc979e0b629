"""Hidden hands stay hidden: no screen of a game in play shows a hand that is not its
own, by any path (the viewpoints of the replay viewer, what-if branches, the command
palette, reports and exports, a save of the game opened again), in a hosted game or on
one keyboard; the projector sees only the public board. Enforced by the session
(`Session.sight`, `own_view`, `record_seen`, `branch`) and obeyed by the screens.
Issue 15, "What was found", 1 and 2."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tui_pilot import make_app, play, screen_text, settle, wait_for

from wargame.engine import ORDERS, ROLES, Order, view
from wargame.hosting import HostedSession, create
from wargame.saves import Seat
from wargame.session import Hidden, Session
from wargame.tui.app import SpringboardApp
from wargame.tui.hosted import Join
from wargame.tui.settings import Settings

HUMANS = {r: Seat(r) for r in ROLES}


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def joined(tmp_path: Path, path: Path, role: str | None) -> SpringboardApp:
    return SpringboardApp(Join(path, role), save_dir=tmp_path / "saves",
                          settings=Settings(path=tmp_path / "settings.json", hints=False))


def name(app) -> str:
    return type(app.screen).__name__


def secret_titles(state, shown: tuple[str, ...]) -> set[str]:
    """The titles of the cards in the hands of the roles not in `shown` that are not
    also public (in a shown hand, or named in the public log)."""
    cards = state.ruleset.cards
    public = " ".join(e.text for e in view(state, None).log)
    mine = {cards[c].title for r in shown for c in view(state, r).hand}
    return {t for r in ROLES if r not in shown for c in view(state, r).hand
            if (t := cards[c].title) not in mine and t not in public}


async def to_the_board(pilot, role: str | None) -> None:
    """Past the month's story to this screen's board, once it stays there."""
    steady = 0
    for _ in range(400):
        app = pilot.app
        if name(app) == "ResolutionScreen":
            steady = 0
            story = app.screen
            await wait_for(pilot, lambda a, story=story: story.is_mounted)
            if not story.finished:
                await pilot.press("s")
            await pilot.press("enter")
        elif name(app) == "BoardScreen" and app.board.role == role:
            steady += 1
            if steady == 5:
                return
        await settle(pilot)
    raise AssertionError(screen_text(pilot.app))


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# -- 1. a hosted player's what-if ----------------------------------------------------------


def test_a_hosted_player_cannot_branch_the_game_to_see_another_hand(ruleset, tmp_path):
    games = tmp_path / "games"
    path = create(ruleset, 3, HUMANS, turns=4, games_dir=games, name="g7")
    before = files(games)

    async def scenario():
        app = joined(tmp_path, path, "lukashenko")
        async with app.run_test(size=(120, 34)) as pilot:
            await to_the_board(pilot, "lukashenko")
            session = app.session
            app.action_debrief()  # Ctrl+P, "Debrief replay"
            await settle(pilot)
            replay = app.screen
            assert name(app) == "ReplayScreen" and replay.live
            assert replay.allowed_viewpoints() == ("lukashenko", "public")
            await pilot.press("n", "n", "w")
            await settle(pilot)
            assert name(app) == "ReplayScreen", "the what-if dialog opened"
            assert app.session is session
            # Every way round the keys meets the session's refusal.
            with pytest.raises(Hidden):
                session.branch(1, HUMANS)
            with pytest.raises(Hidden):
                session.own_view("putin")
            with pytest.raises(Hidden):
                session.play_here(["putin"])
            assert not replay.check_action("resume", ())
            assert not replay.check_action("compare", ())
            for viewpoint in (None, "putin", "opposition"):
                replay.set_viewpoint(viewpoint)
                assert replay.viewpoint == "lukashenko"
            for _ in range(4):
                await pilot.press("v")
                assert replay.viewpoint in ("lukashenko", "public")
            text = screen_text(app)
            assert not [t for t in secret_titles(session.state, ("lukashenko",))
                        if t in text]
    asyncio.run(scenario())
    assert files(games) == before | ({"g7.sqlite-wal", "g7.sqlite-shm"} & files(games)), \
        "nothing was written into the hosted games' folder"


def test_a_hosted_screen_opens_no_other_game_save_or_title(ruleset, tmp_path):
    from wargame.tui.commands import GameCommands

    path = create(ruleset, 3, HUMANS, turns=2, games_dir=tmp_path / "games", name="g8")

    async def scenario():
        app = joined(tmp_path, path, "putin")
        async with app.run_test(size=(120, 34)) as pilot:
            await to_the_board(pilot, "putin")
            commands = [c[0] for c in GameCommands(app.screen)._commands()]
            for refused in ("New game", "Resume the last game", "Open a saved game",
                            "Title screen"):
                assert refused not in commands
            assert "Debrief replay" in commands and "Quit" in commands
            for action in (app.action_new_game, app.action_open_save,
                           app.action_resume_last, app.action_title):
                action()
                await settle(pilot)
                assert name(app) == "BoardScreen", action
    asyncio.run(scenario())


# -- 2. the projector ---------------------------------------------------------------------------


def test_the_projector_sees_only_the_public_view_in_the_replay(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko"), "putin": Seat("putin", "bot", "normal"),
             "opposition": Seat("opposition", "bot", "normal")}
    path = create(ruleset, 5, seats, turns=3, games_dir=tmp_path / "games", name="ob1")

    async def scenario():
        app = joined(tmp_path, path, None)
        async with app.run_test(size=(120, 34)) as pilot:
            await to_the_board(pilot, None)
            session = app.session
            assert session.sight == () and session.players_here == ()
            app.action_debrief()
            await settle(pilot)
            replay = app.screen
            assert replay.allowed_viewpoints() == ("public",)
            assert replay.viewpoint == "public"
            await pilot.press("v", "v")
            replay.set_viewpoint("lukashenko")  # the only human role: not the projector's
            assert replay.viewpoint == "public"
            assert "as ◆ Lukashenko" not in [c[0] for c in replay.commands()]
            await pilot.press("end")
            assert "Hands are hidden" in str(replay.query_one("#hands-panel").border_title)
            text = screen_text(app)
            assert not [t for t in secret_titles(session.state, ()) if t in text]
    asyncio.run(scenario())


# -- one keyboard ---------------------------------------------------------------------------------


def test_one_keyboard_a_branch_in_play_gives_no_new_seat(tmp_path):
    async def scenario():
        app = make_app(tmp_path, humans=("opposition",), turns=3)
        async with app.run_test(size=(120, 34)) as pilot:
            await play(pilot, until=lambda a: name(a) == "BoardScreen"
                       and a.board.role == "opposition" and a.session.state.turn == 2)
            session = app.session
            app.action_debrief()
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            dialog = app.screen
            assert name(app) == "BranchDialog"
            dialog.query_one("#branch-putin").value = "human"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.session is session, "a branch gave this screen Putin's hand"
            assert not list((tmp_path / "saves").glob("*-branch-*"))
            with pytest.raises(Hidden, match="putin"):
                session.branch(1, {**session.seats, "putin": Seat("putin")})
            # The same seats, bots in the others', is a fair what-if.
            child = session.branch(1)
            assert child.players_here == ("opposition",) and child.sight == ("opposition",)
    asyncio.run(scenario())


def test_one_keyboard_the_games_own_save_opened_again_keeps_its_secrets(tmp_path):
    async def scenario():
        app = make_app(tmp_path, humans=("opposition",), turns=3)
        async with app.run_test(size=(120, 34)) as pilot:
            await play(pilot, until=lambda a: name(a) == "BoardScreen"
                       and a.board.role == "opposition")
            live = app.session
            copy = app.load_save(live.path)  # as "Open a saved game" and "compare" do
            assert copy is not live and copy.sight == ("opposition",)
            branch = copy.branch(1, save_dir=tmp_path / "elsewhere")
            reopened = app.load_save(branch.path)
            assert reopened.sight == ("opposition",)
            app.open_replay(copy)
            await settle(pilot)
            assert app.screen.allowed_viewpoints() == ("opposition", "public")
    asyncio.run(scenario())


def test_a_report_of_a_game_in_play_tells_no_sealed_order_nor_bot_reason(tmp_path):
    async def scenario():
        app = make_app(tmp_path, humans=("opposition",), turns=3)
        async with app.run_test(size=(120, 34)) as pilot:
            await play(pilot, until=lambda a: name(a) == "BoardScreen"
                       and a.board.role == "opposition" and a.session.state.turn == 2
                       and all(a.session.state.order_of(r) is not None
                               for r in ("lukashenko", "putin")))
            session = app.session
            sealed = [r.action.role for r in session.record[-2:]
                      if isinstance(r.action, Order)]
            assert set(sealed) == {"lukashenko", "putin"}
            reasons = [r.reason for r in session.record if r.reason]
            assert reasons
            paths = app.action_export_report()
            await settle(pilot)
            return paths, reasons

    report, reasons = asyncio.run(scenario())
    text = Path(report).read_text()
    assert not [r for r in reasons if r in text], "a bot's reasoning is in the report"


def test_the_record_a_screen_may_tell(ruleset):
    bots = {"lukashenko": Seat("lukashenko", "bot", "easy"),
            "putin": Seat("putin", "bot", "easy"), "opposition": Seat("opposition")}
    s = Session.new(ruleset, 9, bots, turns=3, autosave=False)
    assert s.players_here == ("opposition",) and s.sight == ("opposition",)
    s.run()  # to the opposition's order in turn 1: both bots have sealed theirs
    assert s.state.phase == ORDERS
    seen = s.record_seen()
    assert len(seen) == len(s.record) - 2
    assert not [r for r in seen if r.reason]
    s.apply(s.view("opposition").legal_orders()[0])
    s.run(until=lambda st: st.turn == 2 and st.phase == ORDERS)
    s.run()
    seen = s.record_seen()
    revealed = [r for r in seen if isinstance(r.action, Order) and r.action.role == "putin"]
    assert len(revealed) == 1 and revealed[0].reason is None  # turn 1's, without its why
    with pytest.raises(Hidden):
        s.own_view("putin")
    s.play_here(["opposition", "putin"])  # two players share the screen: public only
    assert s.sight == ()
    while not s.over:
        s.run({"opposition": lambda v: v.legal_orders()[0],
               "putin": lambda v: v.legal_orders()[0]})
    assert s.sight is None and s.own_view("putin").hand is not None
    assert s.record_seen() == s.record


def test_a_hosted_session_never_shows_more_than_its_role(ruleset, tmp_path):
    path = create(ruleset, 4, HUMANS, turns=2, games_dir=tmp_path)
    with HostedSession.join(path, "putin") as putin, HostedSession.join(path, None) as watch:
        assert putin.sight == ("putin",) and watch.sight == ()
        putin.play_here(["putin"])  # saying what it is changes nothing
        with pytest.raises(Hidden):
            watch.play_here(["putin"])
        with pytest.raises(Hidden):
            watch.own_view("lukashenko")
        with pytest.raises(Hidden, match="cannot be branched while it is being played"):
            putin.branch(1)
