"""The replay viewer driven through Textual's pilot on the checked-in example saves:
stepping event by event and turn by turn with the board matching the engine, the
viewpoints, autoplay, go to, the timeline, charts, notes (in the viewer and during play),
what-if branches and comparing a branch with its parent. No sleeping: autoplay is driven
by calling its tick."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tui_pilot import make_app, play, screen_text, settle, wait_for

from wargame.engine import ROLES, view
from wargame.session import Session
from wargame.tui.app import Replay, SpringboardApp
from wargame.tui.settings import Settings
from wargame.tui.timeline import Timeline, segments
from wargame.tui.widgets import TracksPanel

ROOT = Path(__file__).resolve().parent.parent
SAVES = ROOT / "saves"


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def run(coro):
    return asyncio.run(coro)


def viewer(tmp_path: Path, name: str | Path = "twelve-months.json", copy: bool = False,
           **options):
    """The app opened on a save (an example, or a path) in the replay viewer (a copy in
    tmp_path when the test writes to it)."""
    path = SAVES / name
    if copy:
        (tmp_path / "saves").mkdir(exist_ok=True)
        path = Path(shutil.copy(path, tmp_path / "saves" / path.name))
    session = Session.load(path)
    return SpringboardApp(Replay(session, **options), save_dir=tmp_path / "saves",
                          settings=Settings(path=tmp_path / "config" / "s.json", hints=False))


def text_of(screen, selector: str) -> str:
    """A widget's text with its line breaks and wrap indents read as single spaces (the
    story wraps long lines itself, under their first letter)."""
    return " ".join(str(screen.query_one(selector).content).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_step_through_an_example_event_by_event_and_back(tmp_path):
    async def scenario():
        app = viewer(tmp_path, "classroom.json")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "ReplayScreen"
            d, moments = screen.debrief, screen.moments
            tracks = screen.query_one(TracksPanel)

            def check(i: int) -> None:
                m = moments[i]
                assert screen.index == i
                assert tracks.tracks == d.board_at(m)[0]
                assert f"step {i + 1}/{len(moments)}" in text_of(screen, "#replay-status")
                story = text_of(screen, "#replay-turn")
                if m.entry is not None:
                    assert flat(m.entry.text.split(":")[0]) in story
                else:
                    assert flat(f"seals {m.order.title}") in story

            # The first steps and back again with the keys a player presses.
            for i in range(1, 6):
                await pilot.press("right")
                check(i)
            for i in range(4, -1, -1):
                await pilot.press("left")
                check(i)
            await pilot.press("left")  # nothing before the first step
            check(0)
            # Then every step to the last and back, each as the key's action does it.
            for i in range(1, len(moments)):
                screen.action_step(1)
                check(i)
            assert moments[-1].entry.kind == "end" and d.states[moments[-1].state].over
            await pilot.pause()
            assert "over" in screen_text(app) and "The end" in screen_text(app)
            screen.action_step(1)
            check(len(moments) - 1)
            for i in range(len(moments) - 2, -1, -1):
                screen.action_step(-1)
                check(i)
    run(scenario())


def test_turn_by_turn_the_board_is_the_engines_state_at_that_turn(tmp_path):
    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            d = screen.debrief
            tracks = screen.query_one(TracksPanel)
            for t in d.turns:
                assert screen.turn == t.turn
                assert tracks.tracks == d.states[t.first_action].tracks == t.tracks_before
                await wait_for(pilot, lambda a, t=t: f"turn {t.turn} of 12" in screen_text(a))
                if t.turn < len(d.turns):
                    await pilot.press("n")
            await pilot.press("end")
            assert tracks.tracks == d.final.tracks
            await wait_for(pilot, lambda a: "Putin wins" in screen_text(a))
            for t in reversed(d.turns):
                await pilot.press("p")
                assert screen.turn == t.turn and screen.index == screen.turn_start(t.turn)
                assert tracks.tracks == t.tracks_before
            await pilot.press("home")
            assert screen.index == 0
    run(scenario())


def test_as_a_role_saw_it_no_other_hand_or_sealed_order_is_shown(tmp_path):
    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            d = screen.debrief
            # The moment Putin seals his order in turn 4.
            sealed = next(m for m in screen.moments if m.order is not None and m.turn == 4
                          and m.order.role == "putin")
            screen.go(sealed.index)
            await pilot.pause()
            state = d.states[sealed.state]
            putin_hand = [d.ruleset.cards[c].title for c in view(state, "putin").hand]
            text = screen_text(app)
            assert "◉ Referee" in text and "Every hand" in text
            assert all(title in text for title in putin_hand)
            assert sealed.order.reason[:40] in text
            await pilot.press("v")
            await pilot.pause()
            assert screen.viewpoint == "lukashenko"
            text = screen_text(app)
            assert "as ◆ Lukashenko" in text
            hands = text_of(screen, "#hands")
            own = [d.ruleset.cards[c].title for c in view(state, "lukashenko").hand]
            assert all(title in hands for title in own)
            assert "■ Putin" in hands and "cards, hidden" in hands
            public = " ".join(e.text for e in view(state, "lukashenko").log)
            for title in putin_hand:
                if title not in own and title not in public:
                    assert title not in text
            assert "Putin has sealed an order (hidden" in text
            assert sealed.order.reason[:40] not in text
            # The other roles' draws read as redacted lines.
            drawn = next(m for m in screen.moments if m.entry is not None
                         and m.entry.kind == "draw" and m.entry.role == "putin" and m.turn == 4)
            screen.go(drawn.index)
            await pilot.pause()
            assert drawn.entry.text not in screen_text(app)
            assert "Putin draws 1 card" in text_of(screen, "#replay-turn")
            for _ in ROLES:
                await pilot.press("v")
            assert screen.viewpoint == "public"
            assert "cards, hidden" in text_of(screen, "#hands") and "○ Public" in \
                text_of(screen, "#replay-status")
            await pilot.press("v")
            assert screen.viewpoint is None
    run(scenario())


def test_autoplay_steps_at_a_chosen_speed_and_stops_at_the_end(tmp_path):
    async def scenario():
        app = viewer(tmp_path, "classroom.json")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            await pilot.press("a")
            assert screen.timer is not None
            assert "▶ 2/s" in text_of(screen, "#replay-status")
            start = screen.index  # 0, or 1 if the timer ticked already on a busy machine
            for _ in range(3):
                screen.tick()
            assert start <= 1 and screen.index == start + 3
            await pilot.press("plus", "plus")
            assert "▶ 8/s" in text_of(screen, "#replay-status")
            await pilot.press("minus")
            assert "▶ 4/s" in text_of(screen, "#replay-status")
            await pilot.press("a")
            assert screen.timer is None and "▶" not in text_of(screen, "#replay-status")
            screen.go(len(screen.moments) - 2)
            await pilot.press("a")
            screen.tick()
            screen.tick()  # nothing left: autoplay stops itself
            assert screen.index == len(screen.moments) - 1 and screen.timer is None
            # From the end it starts again at the beginning. Called directly: with a key,
            # the running timer (4 steps a second) may tick before the check on a busy
            # machine.
            screen.action_autoplay()
            assert screen.index == 0 and screen.timer is not None
            await pilot.press("g")  # a dialog pauses it
            await settle(pilot)
            assert screen.timer is None
    run(scenario())


def test_go_to_a_turning_point_and_the_timeline_moves_the_replay(tmp_path):
    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            d = screen.debrief
            timeline = screen.query_one(Timeline)
            assert timeline.marks[d.turning_points[0].turn].startswith("⚑")
            assert "✎" in timeline.marks[d.notes[0].turn]
            await pilot.press("g")
            await settle(pilot)
            assert type(app.screen).__name__ == "GotoDialog"
            text = screen_text(app)
            assert "Turning points" in text and d.turning_points[0].summary()[:30] in text
            await pilot.press("down", "enter")  # the second turning point
            await settle(pilot)
            assert app.screen is screen
            point = d.turning_points[1]
            assert screen.index == screen.turn_start(point.turn)
            await pilot.press("end")
            assert point.summary()[:40] in text_of(screen, "#replay-turn") or \
                d.turning_points[-1].summary()[:40] in text_of(screen, "#replay-turn")
            # A click on the sixth month's label shows the start of that month.
            start, _ = segments(len(screen.spans), timeline.size.width)[5]
            await pilot.click(Timeline, offset=(start, 0))
            assert screen.turn == 6 and screen.index == screen.turn_start(6)
            # The viewer's commands are in the palette too; their dialogs answer here.
            await pilot.press("ctrl+p", *"what if")
            await wait_for(pilot, lambda a: "a new game from this turn" in screen_text(a))
            await pilot.press("enter")
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "BranchDialog")
            assert "start of March 2023" in screen_text(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda a: a.screen is screen)
    run(scenario())


def test_charts_show_every_track_group_with_the_key_orders(tmp_path):
    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            replay = app.screen
            await pilot.press("n", "n", "c")
            await settle(pilot)
            charts = app.screen
            assert type(charts).__name__ == "ChartsScreen"
            await wait_for(pilot, lambda a: "key orders" in screen_text(a))
            key = replay.debrief.key_orders()
            legend = text_of(charts, "#chart-legend")
            assert all(f"T{turn}" in legend and title[:20] in legend
                       for turn, _, title in key[:3])
            assert "turn 3" in legend
            titles = [c.title for c in charts.charts]
            assert "Regime" in screen_text(app)
            await pilot.press("right")
            assert charts.group == 1
            await wait_for(pilot, lambda a: titles[1] in screen_text(a))
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is replay
    run(scenario())


def test_a_note_made_in_the_viewer_is_kept_in_the_save(tmp_path):
    async def scenario():
        app = viewer(tmp_path, copy=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            await pilot.press("n", "n", "n", "n", "right", "right")
            moment = screen.moment
            assert moment.turn == 5 and "✎" not in screen.query_one(Timeline).marks.get(5, "")
            await pilot.press("b")
            await settle(pilot)
            assert type(app.screen).__name__ == "NoteDialog"
            app.screen.query_one("#note-input").value = "Why does Moscow press now?"
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            note = screen.session.notes[-2] if screen.session.notes[-1].turn == 8 else \
                screen.session.notes[-1]
            assert (note.turn, note.action_index, note.text) == (
                5, moment.state, "Why does Moscow press now?")
            assert "✎ Note: Why does Moscow press now?" in text_of(screen, "#replay-turn")
            assert "✎" in screen.query_one(Timeline).marks[5]
            return screen.session.path

    path = run(scenario())
    again = Session.load(path)
    assert any(n.text == "Why does Moscow press now?" and n.turn == 5 for n in again.notes)
    assert [n.action_index for n in again.notes] == sorted(n.action_index for n in again.notes)


def test_a_note_during_play_is_kept_in_the_save(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role == "opposition")
            session = app.session
            await pilot.press("b")
            await settle(pilot)
            assert type(app.screen).__name__ == "NoteDialog"
            app.screen.query_one("#note-input").value = "The class hesitates here"
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is app.board
            note = session.notes[-1]
            assert (note.turn, note.action_index) == (1, len(session.record))
            # The replay of the game being played shows only what this player may see.
            app.action_debrief()
            await settle(pilot)
            replay = app.screen
            assert type(replay).__name__ == "ReplayScreen" and replay.live
            assert replay.viewpoint == "opposition"
            await pilot.press("v")
            assert replay.viewpoint == "public"
            assert "Hands are hidden" in str(replay.query_one("#hands-panel").border_title)
            await pilot.press("v")
            assert replay.viewpoint == "opposition"
            replay.set_viewpoint(None)
            assert replay.viewpoint == "opposition"
            state = session.state
            others = {session.ruleset.cards[c].title for r in ("lukashenko", "putin")
                      for c in view(state, r).hand} - {
                session.ruleset.cards[c].title for c in view(state, "opposition").hand}
            public = " ".join(e.text for e in view(state, "opposition").log)
            await pilot.press("end")
            text = screen_text(app)
            assert not [t for t in others if t in text and t not in public]
            return session.path

    path = run(scenario())
    assert Session.load(path).notes[-1].text == "The class hesitates here"


def test_a_branch_at_turn_3_plays_on_saves_verifies_and_names_its_parent(tmp_path):
    async def branch():
        app = viewer(tmp_path, copy=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("n", "n", "right")
            assert app.screen.turn == 3
            await pilot.press("w")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "BranchDialog"
            assert "December 2022" in screen_text(app)
            assert dialog.query_one("#branch-opposition").value == "human"
            dialog.query_one("#branch-lukashenko").value = "easy"
            dialog.query_one("#branch-putin").value = "easy"
            await pilot.press("enter")  # the focused button: branch and play
            await settle(pilot)
            child = app.session
            assert child is not None and child.parent is not None
            assert (child.parent.file, child.parent.turn) == ("twelve-months.json", 3)
            assert child.path == tmp_path / "saves" / "twelve-months-branch-t3.json"
            assert [child.seats[r].label for r in ROLES] == ["bot (easy)", "bot (easy)",
                                                             "human"]
            # The branch is played on the board, from December 2022.
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role == "opposition")
            assert app.session.state.turn == 3 and "December 2022" in screen_text(app)
            await pilot.press("1", "enter")
            await settle(pilot)
            return child.path

    path = run(branch())
    # Played on to the end (the opposition's seat by a script), then checked as a file.
    session = Session.load(path)
    assert session.state.turn == 3
    session.run({"opposition": lambda v: v.legal_orders()[0]})
    assert session.over
    result = subprocess.run([sys.executable, "-m", "wargame", "replay", str(path), "--verify"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    data = json.loads(path.read_text())
    assert data["parent"]["file"] == "twelve-months.json" and data["parent"]["turn"] == 3
    assert data["parent"]["game"] == json.loads(
        (SAVES / "twelve-months.json").read_text())["game"]

    async def compare():
        app = viewer(tmp_path, name=path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            assert type(app.screen).__name__ == "ComparePicker"
            await wait_for(pilot, lambda a: "★ this game branched from it at turn 3"
                           in screen_text(a))
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "CompareScreen"
            c = app.screen.comparison
            assert not c.identical and c.first_turn >= 3
            await wait_for(pilot, lambda a: f"They first differ at turn {c.first_turn}"
                           in screen_text(a))
            assert f"{len(c.diverged())} tracks diverged" in screen_text(app)

    run(compare())


def test_wargame_replay_opens_on_a_comparison(tmp_path):
    async def scenario():
        other = Session.load(SAVES / "twelve-months-branch-t6.json")
        app = viewer(tmp_path, compare=other, turn=6, viewpoint="putin")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "CompareScreen")
            assert "They first differ at turn 8" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            replay = app.screen
            assert replay.turn == 6 and replay.viewpoint == "putin"
            assert "as ■ Putin" in screen_text(app)
    run(scenario())


async def palette_finds(pilot, query: str, expected: str) -> None:
    """Search the command palette for `query` and wait until `expected` is a hit."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda a: isinstance(a.screen, CommandPalette))
    await pilot.press(*query)
    await wait_for(pilot, lambda a: expected in screen_text(a))
    await pilot.press("escape")
    await wait_for(pilot, lambda a: not isinstance(a.screen, CommandPalette))


def test_at_80_columns_every_replay_key_is_reachable_and_in_the_palette(tmp_path):
    """Issue 14 (7): the footer cut at "x Comp"; searching the palette for map, order,
    log, tracks or note found nothing."""
    from textual.widgets._footer import FooterKey

    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            keys = [k for k in screen.query(FooterKey) if "-command-palette" not in k.classes]
            assert keys and all(k.region.right <= 80 - 12 for k in keys)  # before ^p palette
            footer = screen_text(app).splitlines()[-1]
            assert "f1 All keys" in footer
            # Every key of the screen is on the footer or in the help that F1 opens.
            described = {b.binding.description for b in screen.active_bindings.values()
                         if (b.binding.id or "").startswith("replay-")}
            await pilot.press("f1")
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "HelpScreen"
                           and a.screen.query("#help-keys-text"))
            await pilot.pause()
            helped = flat(str(app.screen.query_one("#help-keys-text").render()))
            assert [d for d in described if d not in helped] == []
            await pilot.press("escape")
            await wait_for(pilot, lambda a: a.screen is screen)
            for query, hit in (("map", "show the map"), ("order", "or order"),
                               ("log", "the next log line"), ("tracks", "show the tracks"),
                               ("note", "write a note"), ("report", "export the report")):
                await palette_finds(pilot, query, hit)
            # Wide again, every key is on the footer.
            await pilot.resize_terminal(140, 40)
            await wait_for(pilot, lambda a: "e Report" in screen_text(a).splitlines()[-1])
    run(scenario())


def test_a_screenshot_in_a_fresh_home_goes_to_the_save_folder(tmp_path, monkeypatch):
    """Issue 14 (7): the palette's Screenshot failed until a Downloads folder existed."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DOWNLOAD_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)

    async def scenario():
        app = viewer(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            shot = next(c for c in app.get_system_commands(app.screen)
                        if c.title == "Screenshot")
            shot.callback()
            folder = tmp_path / "saves" / "screenshots"
            await wait_for(pilot, lambda a: folder.is_dir() and any(folder.glob("*.svg")))
            assert not (home / "Downloads").exists()
    run(scenario())
