"""The Session: a game in progress that autosaves after every action, resumes from its
autosave after a crash, asks its bots, keeps a teacher's notes and branches."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wargame import saves
from wargame.engine import (
    ORDERS,
    OVER,
    PASS,
    ROLES,
    SYSTEM,
    Advance,
    IllegalAction,
    Order,
    digest,
    play,
)
from wargame.engine.rng import derive_stream
from wargame.session import RecordedAction, SaveError, Seat, Session

ROOT = Path(__file__).resolve().parent.parent
HUMANS = {r: Seat(r) for r in ROLES}


def scripted(seed: int, role: str, label: str = "test"):
    """A stand-in player whose choice is a pure function of its view (like a bot), so a
    resumed game makes the same choices as an uninterrupted one."""

    def choose(view):
        rng = derive_stream(seed, f"{label}:{role}:{view.turn}")
        options = view.legal_orders()
        return options[rng.below(len(options))]

    return choose


def players(seed: int, label: str = "test"):
    return {r: scripted(seed, r, label) for r in ROLES}


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text())


# -- new, apply, advance, autosave -----------------------------------------------------


def test_a_new_game_is_on_disk_at_once_and_after_every_action(ruleset, tmp_path):
    s = Session.new(ruleset, 21, HUMANS, save_dir=tmp_path)
    assert s.path.parent == tmp_path and s.path.suffix == ".json"
    assert on_disk(s.path)["actions"] == []
    s.advance()
    assert s.state.phase == ORDERS
    assert [r.by for r in s.record] == [SYSTEM]
    for role in ROLES:
        s.apply(Order(role, PASS))
        assert len(on_disk(s.path)["actions"]) == len(s.record)
    s.advance()
    assert s.state.turn == 2
    loaded = Session.load(s.path)
    assert loaded.record == s.record
    assert digest(loaded.state) == digest(s.state)
    assert loaded.checkpoints == s.checkpoints and len(s.checkpoints) == 2


def test_an_illegal_action_changes_nothing_in_memory_or_on_disk(ruleset, tmp_path):
    s = Session.new(ruleset, 21, HUMANS, save_dir=tmp_path)
    s.advance()
    before = s.path.read_bytes()
    with pytest.raises(IllegalAction):
        s.apply(Advance())
    with pytest.raises(IllegalAction):
        s.apply(Order("putin", "not_a_card"))
    assert len(s.record) == 1
    assert s.path.read_bytes() == before


def test_seats_are_checked():
    with pytest.raises(ValueError, match="level"):
        Seat("putin", "bot", "godlike")
    with pytest.raises(ValueError, match="unknown role"):
        Seat("kremlin")
    with pytest.raises(ValueError, match="'human' or 'bot'"):
        Seat("putin", "alien")
    with pytest.raises(ValueError, match="no bot level"):
        Seat("putin", "human", "easy")


def test_every_seat_must_be_filled(ruleset):
    with pytest.raises(ValueError, match="no seat for opposition"):
        Session.new(ruleset, 1, {r: Seat(r) for r in ROLES[:2]}, autosave=False)
    with pytest.raises(ValueError, match="must be Seat"):
        Session.new(ruleset, 1, {**HUMANS, "putin": Seat("lukashenko")}, autosave=False)


def test_the_default_save_folder(ruleset, monkeypatch, tmp_path):
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(tmp_path / "mine"))
    s = Session.new(ruleset, 3, HUMANS)
    assert s.path.parent == tmp_path / "mine"
    assert Session.latest() == s.path
    monkeypatch.delenv("WARGAME_SAVE_DIR")
    folder = saves.default_save_dir()
    assert folder.name == "saves" and "wargame" in str(folder)


def test_not_saving(ruleset, tmp_path):
    s = Session.new(ruleset, 3, HUMANS, autosave=False)
    s.advance()
    assert s.path is None
    with pytest.raises(ValueError, match="give a path"):
        s.save()
    copy = s.save(tmp_path / "copy.json")
    assert s.path is None
    assert Session.load(copy).record == s.record


def test_two_games_started_at_once_get_their_own_files(ruleset, tmp_path):
    paths = {Session.new(ruleset, 3, HUMANS, save_dir=tmp_path).path for _ in range(4)}
    assert len(paths) == 4
    assert all(saves.read(p).seed == 3 for p in paths)


# -- latest --------------------------------------------------------------------------


def test_latest_is_the_newest_save_and_skips_temporary_files(ruleset, tmp_path):
    assert Session.latest(tmp_path) is None
    assert Session.latest(tmp_path / "missing") is None
    first = Session.new(ruleset, 1, HUMANS, save_dir=tmp_path)
    second = Session.new(ruleset, 2, HUMANS, save_dir=tmp_path)
    os.utime(first.path, ns=(1_000_000_000, 1_000_000_000))
    assert Session.latest(tmp_path) == second.path
    first.advance()  # playing the older game makes it the latest
    assert Session.latest(tmp_path) == first.path
    (tmp_path / f".{second.path.name}.abc.tmp").write_text("{")
    (tmp_path / "notes.txt").write_text("not a save")
    assert Session.latest(tmp_path) == first.path


# -- bots -------------------------------------------------------------------------------


def test_bots_play_through_the_session_with_their_reasons(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko", "bot", "easy"),
             "putin": Seat("putin", "bot", "normal"),
             "opposition": Seat("opposition", "bot", "normal")}
    s = Session.new(ruleset, 8, seats, save_dir=tmp_path)
    s.run()
    assert s.state.phase == OVER
    orders = [r for r in s.record if isinstance(r.action, Order)]
    assert orders and all(r.by == r.action.role for r in orders)
    assert all(isinstance(r.reason, str) and r.reason for r in orders)
    assert all(r.reason is None for r in s.record if isinstance(r.action, Advance))
    assert saves.verify(s.path).state.phase == OVER
    # A bot's decision asks, never changes the game.
    t = Session.new(ruleset, 8, seats, autosave=False)
    t.advance()
    before = digest(t.state)
    decision = t.bot_decision("putin")
    assert decision.order in t.view("putin").legal_orders()
    assert digest(t.state) == before and len(t.record) == 1


def test_run_stops_when_a_human_must_choose(ruleset):
    seats = {**{r: Seat(r, "bot", "easy") for r in ROLES}, "lukashenko": Seat("lukashenko")}
    s = Session.new(ruleset, 4, seats, autosave=False)
    s.run()
    assert s.state.phase == ORDERS
    assert s.state.order_of("lukashenko") is None
    assert s.state.order_of("putin") is not None and s.state.order_of("opposition") is not None
    with pytest.raises(ValueError, match="human"):
        s.bot_decision("lukashenko")
    assert s.step() is False
    s.apply(Order("lukashenko", PASS))
    s.run()
    assert s.state.turn == 2 and s.state.phase == ORDERS


def test_a_resumed_bot_game_ends_as_an_uninterrupted_one(ruleset, tmp_path):
    seats = {r: Seat(r, "bot", "normal") for r in ROLES}
    whole = Session.new(ruleset, 13, seats, autosave=False)
    whole.run()
    half = Session.new(ruleset, 13, seats, save_dir=tmp_path)
    half.run(until=lambda state: state.turn == 4 and state.phase == ORDERS)
    decision = half.bot_decision("lukashenko")  # one order in, two to come
    half.apply(decision.order, decision.reason)
    resumed = Session.load(half.path)
    assert resumed.record == whole.record[: len(resumed.record)]
    resumed.run()
    assert digest(resumed.state) == digest(whole.state)
    assert resumed.record == whole.record


# -- notes and branches -------------------------------------------------------------------


def test_notes_are_bookmarks_at_the_current_point(ruleset, tmp_path):
    s = Session.new(ruleset, 5, HUMANS, save_dir=tmp_path)
    s.run(players(5), until=lambda state: state.turn == 2)
    note = s.add_note("  Why did Minsk comply?\x1b[31m  ")
    assert note.turn == 2 and note.action_index == len(s.record)
    assert note.text == "Why did Minsk comply?[31m"
    assert Session.load(s.path).notes == [note]
    with pytest.raises(ValueError, match="some text"):
        s.add_note("   ")
    with pytest.raises(ValueError, match="at most"):
        s.add_note("x" * (saves.MAX_NOTE + 1))


def test_a_branch_replays_the_history_up_to_its_turn(ruleset, tmp_path):
    s = Session.new(ruleset, 5, HUMANS, save_dir=tmp_path)
    s.run(players(5), until=lambda state: state.turn == 2)
    s.add_note("early")
    s.run(players(5))
    assert s.state.turn >= 3
    branch = s.branch(3, save_dir=tmp_path / "branches")
    start = s.checkpoints[2]
    assert branch.record == s.record[: start.after]
    assert digest(branch.state) == start.digest
    assert branch.state.turn == 3 and branch.state.phase == "event"
    assert branch.parent == saves.Parent(s.path.name, s.game_id, 3, start.after,
                                         start.digest)
    assert [n.text for n in branch.notes] == ["early"]
    assert branch.path.parent == tmp_path / "branches"
    assert branch.game_id != s.game_id
    # The branch goes its own way and still verifies.
    branch.run(players(5, "other"))
    assert saves.verify(branch.path).save.parent == branch.parent
    assert Session.load(s.path).record == s.record, "the parent is untouched"


def test_branches_from_the_first_and_the_current_turn(ruleset, tmp_path):
    s = Session.new(ruleset, 6, HUMANS, save_dir=tmp_path)
    first = s.branch(1)
    assert first.record == [] and first.path.parent == tmp_path
    assert first.path.name.endswith("-branch-t1.json")
    s.run(players(6), until=lambda state: state.turn == 3 and state.phase == ORDERS)
    now = s.branch(3, seats={**HUMANS, "putin": Seat("putin", "bot", "easy")})
    assert now.state.turn == 3 and now.seats["putin"].kind == "bot"
    for bad in (0, 4, "2", True):
        with pytest.raises(ValueError, match="a branch starts at a turn"):
            s.branch(bad)


def test_umpire_actions_are_recorded_as_such(ruleset, tmp_path):
    s = Session.new(ruleset, 2, HUMANS, save_dir=tmp_path)
    s.apply(Advance(), by="umpire")
    assert s.record == [RecordedAction(Advance(), "umpire")]
    with pytest.raises(ValueError):
        s.apply(Order("putin", PASS), by="lukashenko")
    assert Session.load(s.path).record[0].by == "umpire"


def test_saves_and_the_session_load_no_screen_code():
    code = ("import sys, wargame.saves, wargame.session; "
            "print(sorted({m.split('.')[0] if m.split('.')[0] != 'wargame' else m "
            "for m in sys.modules if m.startswith(('textual', 'rich', 'wargame.bots', "
            "'wargame.tui', 'wargame.cli'))}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"


def test_load_errors_are_save_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(SaveError, match="cut short"):
        Session.load(bad)


# -- a crash in the middle of a game -----------------------------------------------------

KILLED_GAME = r"""
import sys, time
from wargame.decks import load_decks
from wargame.engine import ROLES
from wargame.engine.rng import derive_stream
from wargame.session import Seat, Session

folder, seed, decks = sys.argv[1], int(sys.argv[2]), sys.argv[3]
session = Session.new(load_decks(decks).ruleset(), seed, {r: Seat(r) for r in ROLES},
                      save_dir=folder)

def player(role):
    def choose(view):
        # Every action counted here has been applied and autosaved already.
        print(len(session.record), flush=True)
        time.sleep(0.05)
        rng = derive_stream(seed, f"test:{role}:{view.turn}")
        options = view.legal_orders()
        return options[rng.below(len(options))]
    return choose

session.run({r: player(r) for r in ROLES})
print("finished", flush=True)
"""


def test_a_killed_game_resumes_from_its_autosave_with_every_completed_phase(ruleset,
                                                                            tmp_path):
    # A seed whose game is long enough to be killed in the middle.
    for seed in range(1, 200):
        whole = Session.new(ruleset, seed, HUMANS, autosave=False)
        whole.run(players(seed))
        if len(whole.record) >= 40:
            break
    kill_after = len(whole.record) // 2
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_GAME, str(tmp_path), str(seed), str(ROOT / "decks")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    applied = 0
    try:
        for line in proc.stdout:
            assert line.strip() != "finished", "the game ended before it was killed"
            applied = int(line)
            if applied >= kill_after:
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()

    path = Session.latest(tmp_path)
    resumed = Session.load(path)
    kept = [r.action for r in resumed.record]
    assert len(kept) >= applied, "every action applied before the kill is on disk"
    assert resumed.record == whole.record[: len(kept)]
    assert digest(resumed.state) == digest(play(ruleset, seed, kept))
    assert resumed.checkpoints == whole.checkpoints[: len(resumed.checkpoints)]
    assert not resumed.over
    resumed.run(players(seed))
    assert digest(resumed.state) == digest(whole.state)
    assert saves.verify(path).state.phase == OVER
