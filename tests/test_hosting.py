"""Hosted games: one game in a SQLite file, several processes each playing one role.
Every process sees the same game, nothing is recorded twice, a killed player rejoins,
and a hosted game ends in exactly the states of the same orders played in one process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wargame import saves
from wargame.engine import ORDERS, PASS, ROLES, Advance, IllegalAction, Order, digest
from wargame.engine.rng import derive_stream
from wargame.hosting import HostedError, HostedSession, SeatTaken, create, find_game
from wargame.saves import Seat
from wargame.session import Session

ROOT = Path(__file__).resolve().parent.parent
HUMANS = {r: Seat(r) for r in ROLES}


def scripted(seed: int, role: str):
    """A stand-in player whose choice is a pure function of its view."""

    def choose(view):
        options = view.legal_orders()
        return options[derive_stream(seed, f"hosted:{role}:{view.turn}").below(len(options))]

    return choose


def reference(ruleset, seed: int, turns: int, seats=HUMANS) -> Session:
    """The same game played in one process."""
    s = Session.new(ruleset, seed, seats, turns=turns, autosave=False)
    s.run({r: scripted(seed, r) for r in ROLES if seats[r].kind == "human"})
    assert s.over
    return s


def orders_by_turn(session: Session, role: str) -> dict[str, dict]:
    """{turn: order data} of `role` in a finished game (a `wargame join --script`)."""
    return {str(session.turn_of_action(i)): r.action.to_data()
            for i, r in enumerate(session.record)
            if isinstance(r.action, Order) and r.action.role == role}


def wargame(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wargame", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout: float = 30.0, what: str = "it") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} never happened")


def first_legal(session: HostedSession, role: str) -> Order:
    return session.view(role).legal_orders()[0]


# -- one game, several sessions ---------------------------------------------------------


def test_each_session_sees_the_others_actions_and_the_save_follows(ruleset, tmp_path):
    path = create(ruleset, 5, HUMANS, turns=2, games_dir=tmp_path, name="class1")
    assert path == tmp_path / "class1.sqlite" and find_game("class1", tmp_path) == path
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    seats = {r: HostedSession.join(path, r) for r in ROLES}
    putin = seats["putin"]
    assert putin.first_join and putin.local == ("putin",)
    putin.advance()
    assert putin.state.phase == ORDERS
    luka = seats["lukashenko"]
    assert luka.state.phase != ORDERS
    assert luka.refresh() and luka.state.phase == ORDERS and not luka.refresh()
    for role, s in seats.items():
        s.refresh()
        s.apply(first_legal(s, role))
    seats["opposition"].advance()
    for s in seats.values():
        s.refresh()
        assert digest(s.state) == digest(seats["opposition"].state)
        assert s.record == seats["opposition"].record
    # The autosave next to the database is an ordinary save of the same game.
    loaded = Session.load(tmp_path / "class1.json")
    assert digest(loaded.state) == digest(putin.state)
    assert loaded.checkpoints == putin.checkpoints
    for s in seats.values():
        s.close()


def test_an_advance_read_from_an_old_state_is_not_applied_again(ruleset, tmp_path):
    path = create(ruleset, 6, HUMANS, turns=1, games_dir=tmp_path)
    a, b = HostedSession.join(path, None), HostedSession.join(path, None)
    a.apply(Advance())  # event -> orders
    assert len(a.record) == 1
    b.apply(Advance())  # b read the event phase: someone has moved on since, so nothing
    assert len(b.record) == 1 and b.state.phase == ORDERS
    with pytest.raises(IllegalAction):
        b.apply(Advance())  # now it really is not allowed
    assert len(HostedSession.join(path, None, watch=False).record) == 1


def test_an_order_is_checked_against_the_latest_state(ruleset, tmp_path):
    path = create(ruleset, 7, HUMANS, turns=1, games_dir=tmp_path)
    first = HostedSession.join(path, "putin")
    first.advance()
    other = HostedSession.join(path, "putin", take_over=True)  # a second screen of putin
    legal = first.view("putin").legal_orders()
    first.apply(legal[0])
    other.apply(legal[0])  # the same order again (a screen that did not see it): no-op
    assert len(other.record) == 2
    with pytest.raises(IllegalAction):
        other.apply(next(o for o in legal if o != legal[0]))
    assert len(other.record) == 2 and other.state.orders[ROLES.index("putin")] == legal[0]


def test_a_seat_is_held_by_one_live_process_and_freed_when_it_goes(ruleset, tmp_path):
    path = create(ruleset, 8, HUMANS, turns=1, games_dir=tmp_path)
    held = HostedSession.join(path, "opposition")
    with pytest.raises(SeatTaken, match="already played from another screen"):
        HostedSession.join(path, "opposition")
    assert held.presence()["opposition"] == "here"
    held.close()
    again = HostedSession.join(path, "opposition")
    assert not again.first_join  # the player has seen the game's start already
    # A process that died without closing frees its seat at once (same machine).
    proc = subprocess.run([sys.executable, "-c", (
        "import os, sys\nfrom wargame.hosting import HostedSession\n"
        f"HostedSession.join({str(path)!r}, 'lukashenko')\nos._exit(0)")], cwd=ROOT,
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert again.presence()["lukashenko"] == "away"
    HostedSession.join(path, "lukashenko").close()


def test_bad_games_are_one_clear_error(ruleset, tmp_path):
    with pytest.raises(HostedError, match="no hosted game named 'nope'"):
        find_game("nope", tmp_path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HostedError, match="not a hosted game"):
        HostedSession.join(junk, None)
    path = create(ruleset, 9, HUMANS, turns=1, games_dir=tmp_path, name="g")
    with pytest.raises(HostedError, match="exists already"):
        create(ruleset, 9, HUMANS, turns=1, games_dir=tmp_path, name="g")
    with pytest.raises(HostedError, match="not a game name"):
        create(ruleset, 9, HUMANS, games_dir=tmp_path, name="../up")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO actions (idx, action, by) VALUES (0, '{\"type\": \"order\", "
                   "\"role\": \"putin\", \"card\": \"pass\"}', 'putin')")
    with pytest.raises(HostedError, match="action 1 was not recorded by a screen of this game"):
        HostedSession.join(path, None)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM actions")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'game_version'")
    with pytest.raises(HostedError, match="every screen must run the same version") as info:
        HostedSession.join(path, None)
    kept = path.with_suffix(".json")  # the autosave beside it: another version goes on there
    assert f"`wargame resume {kept}` goes on with it" in str(info.value)
    resumed = Session.load(kept)  # it loads: the game as hosted, no order given yet
    assert resumed.state.seed == 9 and not resumed.record


def test_the_bots_are_played_by_one_process_and_the_game_is_the_same(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko", "bot", "easy"),
             "putin": Seat("putin", "bot", "easy"), "opposition": Seat("opposition")}
    whole = reference(ruleset, 12, 2, seats)
    path = create(ruleset, 12, seats, turns=2, games_dir=tmp_path)
    host = HostedSession.join(path, None)
    player = HostedSession.join(path, "opposition")
    assert host.runs_bots and not player.runs_bots  # the host holds the bots' lease
    choose = scripted(12, "opposition")
    while not player.over:
        host.refresh()
        while host.step():
            pass
        player.refresh()
        if player.state.phase == ORDERS and player.state.orders[2] is None:
            player.apply(choose(player.view("opposition")))
    assert [c.digest for c in player.checkpoints] == [c.digest for c in whole.checkpoints]
    assert [r.reason for r in player.record] == [r.reason for r in whole.record]
    host.close()  # the host leaves: the player's screen takes the bots over
    player._bots_tried = 0.0
    assert player.runs_bots


def test_notes_reach_every_screen_and_the_save(ruleset, tmp_path):
    path = create(ruleset, 13, HUMANS, turns=1, games_dir=tmp_path)
    teacher, watcher = HostedSession.join(path, None), HostedSession.join(path, None)
    teacher.advance()
    teacher.add_note("Ask: why does Minsk stall?")
    assert watcher.refresh()
    assert [n.text for n in watcher.notes] == ["Ask: why does Minsk stall?"]
    assert [n.text for n in saves.read(teacher.path).notes] == ["Ask: why does Minsk stall?"]


# -- several processes ------------------------------------------------------------------


def test_a_killed_player_rejoins_and_the_game_ends_as_in_one_process(ruleset, tmp_path):
    seed, turns, victim = 31, 3, "putin"
    whole = reference(ruleset, seed, turns)
    path = create(ruleset, seed, HUMANS, turns=turns, games_dir=tmp_path, name="class")
    scripts = {}
    for role in ROLES:
        orders = orders_by_turn(whole, role)
        if role == victim:  # it waits in turn 2, before its order, until it is killed
            orders = {t: o for t, o in orders.items() if t != "2"}
        scripts[role] = tmp_path / f"{role}.json"
        scripts[role].write_text(json.dumps(orders))
    procs = {r: wargame("join", "class", "--dir", str(tmp_path), "--role", r,
                        "--script", str(scripts[r])) for r in ROLES}
    watcher = HostedSession.join(path, None)
    try:
        def others_ordered_in_turn_2() -> bool:
            watcher.refresh()
            s = watcher.state
            return s.turn == 2 and s.phase == ORDERS and all(
                s.orders[ROLES.index(r)] is not None for r in ROLES if r != victim)
        wait_until(others_ordered_in_turn_2, what="the others' orders in turn 2")
        assert watcher.state.orders[ROLES.index(victim)] is None
        assert watcher.presence()[victim] == "here"
        procs[victim].send_signal(signal.SIGKILL)
        assert procs[victim].wait(timeout=30) == -signal.SIGKILL
        assert watcher.presence()[victim] == "away"
        time.sleep(0.3)
        watcher.refresh()
        assert watcher.state.turn == 2 and not watcher.over  # nobody can go on without it
        scripts[victim].write_text(json.dumps(orders_by_turn(whole, victim)))
        procs[victim] = wargame("join", str(path), "--role", victim,
                                "--script", str(scripts[victim]))
        for role, proc in procs.items():
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, f"{role}: {err}"
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    watcher.refresh()
    assert watcher.over
    assert [c.digest for c in watcher.checkpoints] == [c.digest for c in whole.checkpoints]
    for role in ROLES:  # the orders came in another sequence: sealed, they end the same
        assert orders_by_turn(watcher, role) == orders_by_turn(whole, role)
    assert digest(watcher.state) == digest(whole.state)
    verified = saves.verify(tmp_path / "class.json")  # the autosave replays to the same end
    assert [c.digest for c in verified.save.checkpoints] == [
        c.digest for c in whole.checkpoints]
    with sqlite3.connect(path) as db:
        joins = db.execute("SELECT joins FROM leases WHERE name = ?",
                           (f"seat:{victim}",)).fetchone()
    assert joins is None or joins[0] == 2  # closed at the end, or still held: rejoined once


RACER = """
import os, sys
from pathlib import Path
from wargame.engine import Advance
from wargame.hosting import HostedSession
path, ready, go, how = sys.argv[1:]
s = HostedSession.join(path, None, watch=False)
Path(ready).touch()
while not os.path.exists(go):  # every racer has read the game: off they go at once
    pass
if how == "one":
    s.apply(Advance())
else:
    s.advance()
print(len(s.record))
"""


def race(path: Path, how: str, n: int = 4) -> list[int]:
    folder = path.parent / f"race-{how}"
    folder.mkdir()
    go = folder / "go"
    procs = [subprocess.Popen([sys.executable, "-c", RACER, str(path),
                               str(folder / f"ready{i}"), str(go), how], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(n)]
    try:
        wait_until(lambda: all((folder / f"ready{i}").exists() for i in range(n)),
                   timeout=60, what="every racer's start")
        go.touch()
        seen = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            seen.append(int(out))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return seen


def test_processes_racing_to_advance_never_apply_it_twice(ruleset, tmp_path):
    path = create(ruleset, 41, HUMANS, turns=2, games_dir=tmp_path)
    seats = {r: HostedSession.join(path, r) for r in ROLES}
    seats["putin"].advance()
    for role, s in seats.items():
        s.refresh()
        s.apply(Order(role, PASS))
    seats["putin"].refresh()
    assert seats["putin"].state.phase == "resolution"  # four automatic steps ahead
    known = len(seats["putin"].record)
    # Four processes read the same state and each asks for one Advance at once.
    assert race(path, "one") == [known + 1] * 4
    # Then each runs the automatic phases to the orders at once: the same game as one.
    after = race(path, "all")
    whole = Session.new(ruleset, 41, HUMANS, turns=2, autosave=False)
    whole.advance()
    for role in ROLES:
        whole.apply(Order(role, PASS))
    whole.advance()
    assert after == [len(whole.record)] * 4
    watcher = HostedSession.join(path, None)
    assert [r.action for r in watcher.record] == [r.action for r in whole.record]
    assert digest(watcher.state) == digest(whole.state)


# -- the command line ---------------------------------------------------------------------


def test_wargame_host_prints_the_commands_and_plays_the_bots(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko"), "putin": Seat("putin", "bot", "normal"),
             "opposition": Seat("opposition", "bot", "easy")}
    whole = reference(ruleset, 17, 2, seats)
    host = wargame("host", "--dir", str(tmp_path), "--game", "lesson", "--seed", "17",
                   "--turns", "2", "--bots", "putin=normal,opposition=easy")
    try:
        path = tmp_path / "lesson.sqlite"
        wait_until(path.exists, what="the game's creation")
        script = tmp_path / "luka.json"
        script.write_text(json.dumps(orders_by_turn(whole, "lukashenko")))
        player = wargame("join", str(path), "--role", "lukashenko", "--script", str(script))
        _, err = player.communicate(timeout=60)
        assert player.returncode == 0, err
        out, err = host.communicate(timeout=60)
    finally:
        if host.poll() is None:
            host.kill()
            host.wait()
    assert host.returncode == 0, err
    assert f"wargame join {path} --role lukashenko" in out
    assert f"wargame join {path} --observer" in out
    assert "Lukashenko joined" in out and "Game over" in out
    assert "a bot (normal)" in out
    for turn in (1, 2):
        assert f"turn {turn}, digest {whole.checkpoints[turn].digest[:12]}" in out
    watcher = HostedSession.join(path, None)
    assert [c.digest for c in watcher.checkpoints] == [c.digest for c in whole.checkpoints]


@pytest.mark.parametrize(("args", "message"), [
    (["--bots", "putin"], "is not ROLE=LEVEL"),
    (["--bots", "putin=clever"], "unknown level"),
    (["--bots", "putin=easy,lukashenko=easy,opposition=easy"], "at least one role"),
    (["--turns", "0"], "--turns must be from 1 to 60"),
    (["--game", "a/b"], "not a game name"),
])
def test_wargame_host_refuses_bad_options_in_one_line(tmp_path, args, message):
    proc = subprocess.run([sys.executable, "-m", "wargame", "host", "--dir", str(tmp_path),
                           "--no-wait", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_wargame_join_names_what_is_wrong(ruleset, tmp_path):
    create(ruleset, 3, {"lukashenko": Seat("lukashenko"), "putin": Seat("putin", "bot", "easy"),
                        "opposition": Seat("opposition")}, games_dir=tmp_path, name="c")
    for args, message in ((["nope", "--role", "putin"], "no hosted game named 'nope'"),
                          (["c", "--role", "putin"], "putin is played by a bot")):
        proc = subprocess.run([sys.executable, "-m", "wargame", "join", "--dir",
                               str(tmp_path), *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, env={**os.environ})
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr


def test_hosting_needs_no_screen():
    code = ("import sys, wargame.hosting, wargame.cli.host, wargame.cli.join, "
            "wargame.cli.serve\nassert not [m for m in sys.modules if m.startswith("
            "('textual', 'wargame.tui'))], sorted(sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
