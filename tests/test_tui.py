"""The game in the terminal, played through Textual's pilot with the keyboard, as a
player would: whole games to the end screen, hot-seat hand-offs, bots thinking in a
worker, the step-by-step resolution, quitting, help, hints, saves and replays."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from tui_pilot import first_legal, make_app, play, screen_text, settle, wait_for

from wargame.engine import ROLES, Order, digest
from wargame.engine.rules import grades
from wargame.session import Session
from wargame.telling import GRADE_WORDS
from wargame.tui.app import SpringboardApp
from wargame.tui.settings import Settings


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def run(coro):
    return asyncio.run(coro)


def help_text(app, tab: str) -> str:
    """The whole text of a help tab, scrolled or not."""
    from textual.widgets import TabbedContent

    assert app.screen.query_one(TabbedContent).active == tab
    return "\n".join(str(s.render()) for s in app.screen.query(f"#{tab} Static"))


def test_a_solo_game_against_easy_bots_plays_to_the_end_screen(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=12)
        async with app.run_test(size=(80, 24)) as pilot:
            reached = await play(pilot)
            assert reached == "EndScreen"
            session = app.session
            assert session.over
            text = screen_text(app)
            assert "wins" in text or "Nobody wins" in text
            levels = grades(session.state.tracks, session.state.flags)
            for role in ROLES:
                mark = "✓" if role in session.state.winners else "✗"
                assert f"{mark} {GRADE_WORDS[levels[role]]}" in text
            # Every human order went through the session and is on disk.
            human_orders = [r for r in session.record
                            if isinstance(r.action, Order) and r.by == "opposition"]
            assert len(human_orders) == session.state.turn
            bot_orders = [r for r in session.record
                          if isinstance(r.action, Order) and r.by != "opposition"]
            assert bot_orders and all(r.reason for r in bot_orders)
            saved = Session.load(session.path)
            assert digest(saved.state) == digest(session.state)
    run(scenario())


def test_enter_enter_starts_a_solo_game_as_the_opposition_against_normal_bots(tmp_path):
    async def scenario():
        app = SpringboardApp(save_dir=tmp_path / "saves",
                             settings=Settings(path=tmp_path / "s.json", hints=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert type(app.screen).__name__ == "TitleScreen"
            await wait_for(pilot, lambda a: "New game" in screen_text(a))
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "NewGameScreen"
            await pilot.press("enter")
            await settle(pilot)
            seats = app.session.seats
            assert seats["opposition"].kind == "human"
            assert [(seats[r].kind, seats[r].level) for r in ("lukashenko", "putin")] == [
                ("bot", "normal"), ("bot", "normal")]
            assert app.session.turns == 12
            # The first month's event is told, then the opposition's hand is on the board.
            assert type(app.screen).__name__ == "ResolutionScreen"
            await pilot.press("enter", "enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "BoardScreen"
            assert app.board.role == "opposition"
            await wait_for(pilot, lambda a: "Opposition's hand" in screen_text(a))
    run(scenario())


def test_a_hot_seat_game_never_shows_a_hand_at_a_hand_off(tmp_path):
    handoffs: list[str] = []

    async def check(app, name):
        if name != "HandoffScreen":
            return
        await wait_for(app_pilot[0], lambda a: "Pass the keyboard to" in screen_text(a))
        text = screen_text(app)
        state = app.session.state
        for role in ROLES:
            for card in state.hand(role):
                assert state.ruleset.card(card).title not in text, (
                    f"{role}'s card is on screen at a hand-off:\n{text}")
        assert "'s hand" not in text
        # The board underneath holds no hand either.
        assert app.board.query_one("#hand").option_count == 0
        handoffs.append(app.screen.role)

    app_pilot = []

    async def scenario():
        app = make_app(tmp_path, humans=ROLES, turns=2)
        async with app.run_test(size=(80, 24)) as pilot:
            app_pilot.append(pilot)
            assert await play(pilot, on_screen=check) == "EndScreen"
    run(scenario())
    assert handoffs == ["lukashenko", "putin", "opposition"] * 2


def test_after_a_hand_off_the_board_shows_that_players_hand(tmp_path):
    async def scenario():
        app = make_app(tmp_path, humans=("lukashenko", "putin"), turns=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "HandoffScreen")
            assert app.screen.role == "lukashenko"
            await pilot.press("enter")
            await settle(pilot)
            assert app.board.role == "lukashenko"
            text = screen_text(app)
            first = app.session.state.ruleset.card(app.session.state.hand("lukashenko")[0])
            assert first.title[:20] in text
    run(scenario())


class SlowBot:
    """A bot that waits for the test to let it answer."""

    def __init__(self, role, release: threading.Event):
        self.role = role
        self.release = release

    def choose(self, view):
        from wargame.bots import Decision

        assert self.release.wait(10)
        return Decision(Order(self.role, "pass"), "waited for the test, then passed")


def test_bots_think_in_a_worker_and_the_screen_says_so(tmp_path, monkeypatch):
    release = threading.Event()
    import wargame.bots

    monkeypatch.setattr(wargame.bots, "make_bot",
                        lambda level, role, seed: SlowBot(role, release))

    async def scenario():
        app = make_app(tmp_path, turns=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "enter")  # the first month's story
            await pilot.pause()
            assert type(app.screen).__name__ == "BoardScreen"
            assert app.thinking == {"lukashenko", "putin"}
            await wait_for(pilot, lambda a: "thinking…" in screen_text(a))
            # The screen answers while the bots think.
            await pilot.press("m")
            assert app.board.has_class("view-map")
            await pilot.press("t")
            release.set()
            await settle(pilot)
            assert app.thinking == set()
            assert app.session.state.orders[ROLES.index("putin")] == Order("putin", "pass")
            await wait_for(pilot, lambda a: "✓" in screen_text(a))
    run(scenario())


def test_resolution_goes_step_by_step_with_reasons_and_sources(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(120, 40)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "ResolutionScreen"
                       and a.screen.has_orders)
            story = app.screen
            total = len(story.steps)
            assert story.shown < total
            before = story.shown
            await pilot.press("space")
            assert story.shown > before
            await wait_for(pilot, lambda a: "▶" in screen_text(a))  # an order revealed
            await pilot.press("s")
            assert story.shown == total
            steps = " ".join(str(story.query_one("#steps").render()).split())  # unwrapped
            assert "bot (easy):" in steps  # each bot's seat beside its order
            consequences = [e for e in story.steps if e.kind == "consequence"]
            for entry in consequences:
                assert entry.source  # every consequence names its ¶ ...
                assert entry.source in steps  # ... and shows it
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ != "ResolutionScreen"
    run(scenario())


def test_the_story_in_play_keeps_the_bots_reasons_for_the_debrief(tmp_path):
    """A bot's reason names its hand ("nothing in hand raises sovereignty"): while the
    game is in play the other roles see the order and that a bot gave it, never why;
    the replay's referee view, once the game is over, tells every reason."""
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(120, 40)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "ResolutionScreen"
                       and a.screen.has_orders)
            story = app.screen
            await pilot.press("s")
            steps = " ".join(str(story.query_one("#steps").render()).split())
            session = app.session
            reasons = [" ".join(r.reason.split()) for r in session.record
                       if isinstance(r.action, Order) and r.by != "opposition" and r.reason]
            assert reasons
            for reason in reasons:
                assert reason not in steps
            assert steps.count("its reasons are shown in the debrief") == 2
            assert not session.over and session.sight == ("opposition",)
            assert await play(pilot) == "EndScreen"  # over: the debrief tells them all
            assert [r.reason for r in session.record_seen()] == \
                [r.reason for r in session.record]
    run(scenario())


def test_the_80x24_board_keeps_costs_open_demands_and_the_newest_log(tmp_path):
    """Issue 14 (4, 5): at 80×24, a hand of 8 entries with a demand's Comply and Stall
    scrolls, yet every entry keeps its cost on screen; the open demand is on the status
    line; the log opens at the newest entry and stays where the player scrolled it; the
    palette's "Keys" opens the help rather than a panel that squeezes the hand."""
    import attrs
    from textual.widgets import HelpPanel
    from tui_pilot import FROZEN_DECKS

    async def scenario():
        app = make_app(tmp_path, humans=("lukashenko",), seed=7, turns=12,
                       decks=FROZEN_DECKS)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role == "lukashenko" and a.session.state.turn == 4)
            board = app.board
            hand = board.query_one("#hand")
            assert app.session.state.demands and hand.option_count == 8
            # Longer titles (a deck's wording), so that the 8 entries need a scrollbar.
            cards, free, resource, role, unplayable = hand._args
            hand.show([attrs.evolve(c, title=f"{c.title} in full") for c in cards], free,
                      resource, role, unplayable)
            await wait_for(pilot, lambda a: hand.max_scroll_y > 0)  # the hand scrolls
            room = hand.scrollable_content_region.width
            for i in range(hand.option_count):
                lines = str(hand.get_option_at_index(i).prompt).split("\n")
                assert max(len(line) for line in lines) <= room, lines
                assert lines[-1].rstrip().endswith(("1", "2", "3", "+", "free",
                                                    "+1 capital")), lines
            assert "■ 2 demands open" in screen_text(app).splitlines()[0]
            # The log, hidden behind `l` at 80 columns, opens at the newest entry.
            panel = board.query_one("#log-panel")
            await pilot.press("l")
            await wait_for(pilot, lambda a: panel.max_scroll_y > 0
                           and panel.scroll_y == panel.max_scroll_y)
            assert "January 2023" in screen_text(app)
            panel.scroll_home(animate=False)  # the player reads back
            await pilot.pause()
            view = app.session.own_view("lukashenko")
            board._show_view(view)  # the board is drawn again (a bot decides, say)
            await pilot.pause()
            assert panel.scroll_y == 0
            # "Keys" in the palette: the help's keys, not a side panel over the hand.
            keys = next(c for c in app.get_system_commands(app.screen) if c.title == "Keys")
            keys.callback()
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "HelpScreen"
                           and a.screen.query("#hints-state"))
            await pilot.pause()
            assert not app.screen.query(HelpPanel) and not board.query(HelpPanel)
    run(scenario())


def test_the_tutorial_ends_in_the_first_game_and_play_again_keeps_the_seats(
        tmp_path, monkeypatch):
    """Issue 14 (9): the last hint (margins) never came in the first game, and came
    games later on a resume; a hint's count wrapped ("hint 4 of / 8"); "Play again"
    forgot the seats; under NO_COLOR the focused panel looked like the others."""
    from textual.widgets import Select

    monkeypatch.setenv("NO_COLOR", "1")
    seen: list[str] = []

    async def scenario():
        app = make_app(tmp_path, humans=("lukashenko",), turns=2, hints=True)

        async def a_hint(hint) -> None:
            seen.append(hint.key)
            title = hint.query_one("#hint-title")
            await wait_for(pilot, lambda a: title.size.height > 0)  # laid out
            assert title.size.height == 1  # the title on one line ...
            assert f"hint {len(seen)} of" in screen_text(app)  # ... the count on the box

        def on_screen(app, name: str):
            if name == "HintScreen" and app.screen.key not in seen:
                return a_hint(app.screen)
            return None

        async with app.run_test(size=(80, 24)) as pilot:
            assert app.no_color
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role == "lukashenko" and a.session.state.turn == 2
                       and "margins" in seen, on_screen=on_screen)
            hand, card = app.board.query_one("#hand"), app.board.query_one("#card-panel")
            assert app.focused is hand
            assert hand.styles.border_top[0] != card.styles.border_top[0]  # heavy, round
            assert await play(pilot, on_screen=on_screen) == "EndScreen"
            assert seen[-1] == "margins" and len(seen) == len(set(seen))
            await pilot.press("a")
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "NewGameScreen")
            values = {r: app.screen.query_one(f"#seat-{r}", Select).value for r in ROLES}
            assert values == {"lukashenko": "human", "putin": "easy", "opposition": "easy"}
    run(scenario())


def test_keys_typed_in_one_burst_order_the_card_they_name(tmp_path):
    """"4" then Enter arriving in one read from the terminal (a fast typist, tmux
    send-keys) must confirm card 4, not the card highlighted before the 4 was handled."""
    from textual import events

    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(100, 32)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role is not None)
            hand = app.board.query_one("#hand")
            last = hand.option_count - 1  # pass: always legal, never the first highlighted
            assert hand.highlighted != last
            for key, char in ((str(last + 1), str(last + 1)), ("enter", "\r")):
                app.post_message(events.Key(key, char))  # both queued before either runs
            await wait_for(pilot, lambda a: type(a.screen).__name__ == "OrderDialog")
            assert app.screen.choices[0].card == hand.get_option_at_index(last).id
    run(scenario())


def test_quit_asks_first_and_says_the_game_is_saved(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen")
            await pilot.press("ctrl+q")
            await wait_for(pilot, lambda a: "Quit Springboard?" in screen_text(a))
            assert type(app.screen).__name__ == "ConfirmScreen"
            text = " ".join(screen_text(app).split())
            assert "saved after every phase" in text
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "BoardScreen"
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_code == 0
    run(scenario())


def test_a_terminal_too_small_gets_a_message_not_a_broken_layout(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(60, 20)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen")
            await wait_for(pilot, lambda a: "too small" in screen_text(a))
            text = screen_text(app)
            assert "60×20" in text and "80×24" in text
            assert "Margins" not in text
            await pilot.resize_terminal(80, 24)
            await wait_for(pilot, lambda a: "Margins" in screen_text(a))
            assert "too small" not in screen_text(app)
    run(scenario())


def test_help_lists_the_screens_keys_and_the_rules(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(100, 30)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen")
            await pilot.press("f1")
            await wait_for(pilot, lambda a: "Ctrl+Q" in screen_text(a))
            assert type(app.screen).__name__ == "HelpScreen"
            text = screen_text(app)
            assert "Order the highlighted card" in text and "Choose a card" in text
            await pilot.press("r")
            await wait_for(pilot, lambda a: "Kremlin demands" in screen_text(a))
            assert "Backlash against mobilisation" in help_text(app, "rules")
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "BoardScreen"
    run(scenario())


def test_the_command_palette_has_the_games_commands(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(100, 30)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen")
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"help: rules")
            await pilot.pause(0.3)  # the palette searches on a short timer
            await pilot.press("enter")
            await wait_for(pilot, lambda a: "Kremlin demands" in screen_text(a))
            assert type(app.screen).__name__ == "HelpScreen"
            assert "Backlash against mobilisation" in help_text(app, "rules")
    run(scenario())


def test_first_game_hints_show_once_and_can_be_switched_off(tmp_path):
    settings_file = tmp_path / "config" / "settings.json"

    async def first():
        app = make_app(tmp_path, turns=2, hints=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "HintScreen")
            await wait_for(pilot, lambda a: "Your first game" in screen_text(a))
            await wait_for(pilot, lambda a: "hint 1 of" in screen_text(a))
            await pilot.press("enter")
            # the next hint follows
            await wait_for(pilot, lambda a: "The month begins" in screen_text(a))
            await pilot.press("h")
            await pilot.pause()
            assert type(app.screen).__name__ == "ResolutionScreen"  # no more hints
            await pilot.press("enter", "enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "BoardScreen"

    run(first())
    saved = json.loads(settings_file.read_text())
    assert saved["hints"] is False
    assert "welcome" in saved["seen_hints"]

    async def second():
        app = SpringboardApp(None, save_dir=tmp_path / "saves",
                             settings=Settings.load(settings_file.parent))
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_restart_tutorial()
            assert app.settings.hints and app.settings.seen_hints == []
            await pilot.pause()
    run(second())


def test_resume_goes_on_from_the_autosave(tmp_path):
    async def first():
        app = make_app(tmp_path, turns=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: a.session.state.turn == 2
                       and type(a.screen).__name__ == "BoardScreen")
            return app.session.path, digest(app.session.state)

    path, first_digest = run(first())
    assert Session.latest(tmp_path / "saves") == path

    async def second():
        from wargame.tui.app import Resume

        app = SpringboardApp(Resume(path), save_dir=tmp_path / "saves",
                             settings=Settings(path=None, hints=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.session.state.turn == 2
            assert digest(app.session.state) == first_digest
            assert app.board.role == "opposition"
            assert await play(pilot) == "EndScreen"
    run(second())


def test_the_end_screen_exports_a_report_and_opens_the_debrief(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(120, 40)) as pilot:
            assert await play(pilot) == "EndScreen"
            end = app.screen
            await pilot.press("e")
            await pilot.pause()
            assert end.exported
            report = (tmp_path / "saves" / (app.session.path.stem + "-report.md"))
            assert report.exists() and "After-action report" in report.read_text()
            assert report.with_suffix(".html").exists()
            await pilot.press("d")
            await pilot.pause()
            assert type(app.screen).__name__ == "ReplayScreen"
            await wait_for(pilot, lambda a: "turn 1 of 2" in screen_text(a))
            await pilot.press("n")  # the next turn (→ steps one line at a time)
            await pilot.pause()
            await wait_for(pilot, lambda a: "turn 2 of 2" in screen_text(a))
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is end
    run(scenario())


@pytest.mark.parametrize("fallen", [False, True], ids=["survived", "fell"])
def test_the_end_screen_grades_each_result_and_says_why(tmp_path, fallen):
    """The same final board read two ways: the regime survived and stayed out of combat
    but gave up sovereignty (a marginal loss), or the regime fell (a decisive one)."""
    from attrs import evolve

    from wargame.engine.rules import margins
    from wargame.engine.tracks import TRACK_INDEX
    from wargame.tui.screens.end import EndScreen

    async def scenario():
        app = make_app(tmp_path, turns=1)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await play(pilot) == "EndScreen"
            session = app.session
            tracks = list(session.state.tracks)
            for name, value in dict(stability=5, sovereignty=2, involvement=2,
                                    defections=2, network=2).items():
                tracks[TRACK_INDEX[name]] = value
            flags = frozenset({"regime_fallen"} if fallen else ())
            m = margins(tracks, flags)
            session.state = evolve(session.state, tracks=tuple(tracks), flags=flags,
                                   winners=tuple(r for r in ROLES if m[r] >= 0),
                                   end="fallen" if fallen else "time")
            end = EndScreen(session)
            app.push_screen(end)
            headline = "Opposition wins" if fallen else "Nobody wins"
            await wait_for(pilot, lambda a: a.screen is end and headline in screen_text(a))
            text = screen_text(app)
            if fallen:
                assert "◆ Lukashenko" in text and "✗ decisive loss −10" in text
                assert "✓ decisive win  +10" in text
                assert text.count("the regime fell") == 3
            else:
                assert "✗ marginal loss  −1" in text
                assert "survived and stayed out of combat, but sovereignty fell to 2" in text
                assert "Belarus is neither at war (involvement 2) nor absorbed" in text
                assert ("✗ decisive loss  −8" in text and
                        "defections 2 + network 2 = 4 of the 12 needed" in text)
                assert "the regime fell" not in text
    run(scenario())


def test_a_saved_game_opens_for_replay_from_the_title(tmp_path):
    async def make_save():
        app = make_app(tmp_path, turns=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot)
            return app.session.path

    path = run(make_save())

    async def scenario():
        app = make_app(tmp_path, start=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            # the title's resume line says where that game stands
            await wait_for(pilot, lambda a: "turn 1 of 1 (over" in screen_text(a))
            await pilot.press("o")
            await settle(pilot)
            assert type(app.screen).__name__ == "SavePicker"
            await wait_for(pilot, lambda a: path.name in screen_text(a))
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "ReplayScreen"
            await wait_for(pilot, lambda a: "October 2022" in screen_text(a))
    run(scenario())


def test_the_bad_save_is_named_not_a_traceback(tmp_path):
    bad = tmp_path / "saves"
    bad.mkdir()
    (bad / "broken.json").write_text("{ not json")

    async def scenario():
        app = make_app(tmp_path, start=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert type(app.screen).__name__ == "TitleScreen"
            assert any("broken.json" in n.message for n in app._notifications)
    run(scenario())


def test_wargame_play_options_make_the_seats(monkeypatch):
    from wargame.cli import build_parser
    from wargame.cli.play import request_from, starts_a_game

    args = build_parser().parse_args(["play", "--role", "putin", "--bots", "hard",
                                      "--seed", "7"])
    assert starts_a_game(args)
    request = request_from(args)
    assert request.seed == 7
    assert {r: (s.kind, s.level) for r, s in request.seats.items()} == {
        "lukashenko": ("bot", "hard"), "putin": ("human", None), "opposition": ("bot", "hard")}
    hotseat = request_from(build_parser().parse_args(["play", "--hotseat"]))
    assert all(s.kind == "human" for s in hotseat.seats.values())
    assert not starts_a_game(build_parser().parse_args(["play"]))


def test_wargame_without_arguments_opens_the_title_screen(monkeypatch):
    from wargame.cli import main

    started = {}

    def fake_run(self, *a, **kw):
        started["start"] = self.start
        return None

    monkeypatch.setattr(SpringboardApp, "run", fake_run)
    assert main([]) == 0
    assert started == {"start": None}
    assert main(["play", "--role", "putin", "--seed", "7"]) == 0
    assert started["start"].seats["putin"].kind == "human"


def test_the_mouse_works_too(tmp_path):
    async def scenario():
        app = make_app(tmp_path, turns=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen")
            legal = {o.card for o in app.session.view("opposition").legal_orders()}
            hand = app.board.query_one("#hand")
            row = next(i for i in range(hand.option_count)
                       if hand.get_option_at_index(i).id in legal)
            await pilot.click("#hand", offset=(3, 1 + row))
            await pilot.pause()
            assert type(app.screen).__name__ == "OrderDialog"
            await pilot.click("#cancel")
            await pilot.pause()
            assert type(app.screen).__name__ == "BoardScreen"
            assert app.session.state.orders[ROLES.index("opposition")] is None
    run(scenario())


def test_light_and_dark_themes_switch_and_are_remembered(tmp_path):
    from wargame.tui.settings import DARK_THEME, LIGHT_THEME

    async def scenario():
        app = make_app(tmp_path, start=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.theme == DARK_THEME and app.current_theme.dark
            await pilot.press("f2")
            await pilot.pause()
            assert app.theme == LIGHT_THEME and not app.current_theme.dark
            app.action_terminal_theme()
            await pilot.pause()
            assert app.theme == "ansi-light"
    run(scenario())
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved["theme"] == "ansi-light"

    async def again():
        app = SpringboardApp(None, save_dir=tmp_path / "saves",
                             settings=Settings.load(tmp_path / "config"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "ansi-light"
    run(again())


def test_the_title_screen_imports_nothing_heavy():
    """What `wargame` needs for its first screen: Textual and the shell, not the engine,
    the decks, the saves or the bots (they load when a game starts)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, wargame.cli, wargame.tui.app, wargame.tui.screens.title; "
            "print(sorted(m for m in sys.modules if m.startswith('wargame.')))")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(root)})
    loaded = set(parse_names(out.stdout))
    for heavy in ("wargame.engine", "wargame.decks", "wargame.saves", "wargame.session",
                  "wargame.bots", "wargame.debrief"):
        assert heavy not in loaded, f"the title screen imports {heavy}"


def parse_names(text: str) -> list[str]:
    return json.loads(text.replace("'", '"'))


def test_a_hosted_game_out_of_reach_is_a_message_not_a_crash(tmp_path):
    from wargame.hosting import HostedError

    async def scenario():
        app = make_app(tmp_path, turns=1)
        async with app.run_test(size=(100, 32)) as pilot:
            await play(pilot, until=lambda a: type(a.screen).__name__ == "BoardScreen"
                       and a.board.role == "opposition")
            session = app.session
            before = len(session.record)

            def unreachable(*args, **kwargs):
                raise HostedError("games/demo.sqlite", "the game is busy (locked for 10 s)")

            session.apply = unreachable
            await pilot.press(str(first_legal(app)), "enter")
            await settle(pilot)
            await pilot.press("enter")  # confirm, if the order asks
            await settle(pilot)
            assert len(session.record) == before
            assert app.is_running
            assert any("could not be reached" in (n.title or "") for n in app._notifications)
    run(scenario())
