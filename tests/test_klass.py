"""A class: several hosted games (tables) run by one facilitator (`wargame class`).

The class's folder and seeds, the umpire's seat of a table (only its holder writes an
umpire's action; a game without one refuses them), the pause that every screen honours,
actions compared against where the teacher saw the table, sections changed without lost
updates, the commands (create, run --plain, status --json, summary), and a class played
by processes at once: bots, two scripted teams, a dashboard killed and restarted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import EVENT, ORDERS, ROLES, Umpire
from wargame.hosting import HostedError, HostedSession, SeatTaken, Stale, create
from wargame.klass import (
    ClassError,
    Facilitator,
    class_data,
    create_class,
    load,
    render,
    table_games,
    table_seed,
    table_seeds,
)
from wargame.klass.manifest import from_data
from wargame.saves import UMPIRE, Seat, verify

ROOT = Path(__file__).resolve().parent.parent
BOTS = {"lukashenko": "easy", "putin": "easy"}


def humans_opposition(ruleset, tmp_path, name="c", tables=2, turns=2, **kw):
    return create_class(name, tables, ruleset, 7, bots=BOTS, turns=turns,
                        games_dir=tmp_path, **kw)


def wait(condition, what: str, limit: float = 90.0) -> None:
    """Poll until `condition()` holds; fail (naming `what`) rather than hang."""
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.02)


# -- the class's folder ----------------------------------------------------------------


def test_table_seeds_derive_from_the_class_seed_alike_everywhere():
    assert table_seeds(7, 5) == table_seeds(7, 5)
    assert len(set(table_seeds(7, 12))) == 12
    assert table_seeds(7, 3)[0] == table_seed(7, 1) != table_seed(8, 1)
    assert all(0 <= s < 1_000_000 for s in table_seeds(7, 12))


def test_create_writes_tables_and_a_manifest_that_reads_back(ruleset, tmp_path):
    klass = humans_opposition(ruleset, tmp_path, timer=120)
    assert load("c", tmp_path) == klass
    assert [t.game for t in klass.tables] == ["c-1", "c-2"]
    assert set(klass.tables[0].tokens) == {"opposition", "observer"}
    manifest = tmp_path / "classes" / "c" / "class.json"
    assert manifest.stat().st_mode & 0o777 == 0o600  # the links' secrets
    for table in klass.tables:
        with HostedSession.join(tmp_path / f"{table.game}.sqlite", None) as s:
            assert s.facilitated and s.seed == table.seed
            assert s.sections["classroom"]["timer"] == 120
            assert s.seats["putin"] == Seat("putin", "bot", "easy")
    with pytest.raises(ClassError, match="exists already"):
        humans_opposition(ruleset, tmp_path)


def test_a_manifest_from_elsewhere_is_checked(ruleset, tmp_path):
    data = humans_opposition(ruleset, tmp_path).to_data()
    data["tables"][1]["game"] = "../../etc"
    with pytest.raises(ClassError, match=r"tables\[1\].game must be c-2"):
        from_data(data)
    with pytest.raises(ClassError, match="no class named 'nope'"):
        load("nope", tmp_path)


# -- the umpire of a table ----------------------------------------------------------------


def test_only_the_umpire_writes_umpires_actions_and_only_at_a_class_table(ruleset, tmp_path):
    plain = create(ruleset, 3, {r: Seat(r) for r in ROLES}, turns=1, games_dir=tmp_path,
                   name="plain")
    with HostedSession.join(plain, None) as s, pytest.raises(HostedError, match="no umpire"):
        s.take_umpire()
    humans_opposition(ruleset, tmp_path)
    with HostedSession.join(tmp_path / "c-1.sqlite", None) as s:
        with pytest.raises(HostedError, match="umpire's seat"):
            s.umpire(Umpire("note", "not mine"))
        s.take_umpire()
        s.umpire(Umpire("note", "the umpire speaks"))
        with pytest.raises(SeatTaken), HostedSession.join(tmp_path / "c-1.sqlite", None) as t:
            t.take_umpire()
    with HostedSession.join(tmp_path / "c-1.sqlite", "opposition") as player:
        assert player.record[-1].by == UMPIRE  # read, checked and replayed by the others


def test_the_pause_holds_every_screen_until_the_umpire_acts(ruleset, tmp_path):
    humans_opposition(ruleset, tmp_path, tables=1)
    path = tmp_path / "c-1.sqlite"
    with Facilitator.open(load("c", tmp_path)) as f, HostedSession.join(path,
                                                                        "opposition") as p:
        assert [o.done for o in f.pause([1], "discuss first")] == [True]
        assert not f.pause([1], "twice")[0].done  # a second click changes nothing
        p.refresh()
        assert p.held and p.state.phase == EVENT
        assert p.advance().phase == EVENT and not p.step()  # no screen moves it on
        seen = f.seen()
        card = p.state.pile("world").deck[-1]
        assert f.inject([1], card, "what if this came first?", seen)[0].done
        p.refresh()
        assert p.state.phase == ORDERS
        # Where the teacher looked is compared: the same click does not land twice.
        assert "moved on" in f.hold([1], "hold it", seen)[0].text
        f.resume([1])
        p.refresh()
        assert p.pause is None
    kinds = [r.action.kind for r in verify(path.with_suffix(".json")).save.record
             if isinstance(r.action, Umpire)]
    assert kinds == ["note", "inject", "note"]  # paused, the event, going on


def test_stale_is_a_compare_and_set_on_the_tables_place(ruleset, tmp_path):
    humans_opposition(ruleset, tmp_path, tables=1)
    with HostedSession.join(tmp_path / "c-1.sqlite", None) as s:
        s.take_umpire()
        with pytest.raises(Stale):
            s.umpire(Umpire("hold", "too late"), expect=(2, EVENT))
        assert not s.record


def test_two_screens_changing_one_section_lose_nothing(ruleset, tmp_path):
    humans_opposition(ruleset, tmp_path, tables=1)
    path = tmp_path / "c-1.sqlite"
    with HostedSession.join(path, None) as a, HostedSession.join(path, None) as b:
        a.update_section("notes", lambda old: {"version": 1, "from": [*(old or {}).get(
            "from", []), "a"]})
        # b has not refreshed: it still sees no section, yet adds to a's, not over it.
        b.update_section("notes", lambda old: {"version": 1, "from": [*(old or {}).get(
            "from", []), "b"]})
        a.refresh()
        assert a.sections["notes"]["from"] == ["a", "b"]
        assert a.sections["classroom"]["facilitator"] is True  # the other section stays


# -- the commands ------------------------------------------------------------------------


def test_a_class_of_bots_plays_to_the_end_and_is_summarised(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WARGAME_GAMES_DIR", str(tmp_path))
    assert main(["class", "create", "demo", "--tables", "3", "--scenario", "classroom",
                 "--seed", "7", "--turns", "3", "--bots",
                 "putin=normal,lukashenko=normal,opposition=normal"]) == 0
    out = capsys.readouterr().out
    assert "Table 3 (demo-3" in out and "wargame class run demo" in out
    assert main(["class", "status", "demo", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert [t["turn"] for t in before["tables"]] == [1, 1, 1] and before["finished"] == 0
    assert main(["class", "run", "demo", "--watch", "--plain"]) == 0
    assert "every table is over" in capsys.readouterr().out
    for n in (1, 2, 3):
        assert main(["replay", str(tmp_path / f"demo-{n}.json"), "--verify"]) == 0
    capsys.readouterr()
    assert main(["class", "summary", "demo", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["games"] == 3 and summary["finished"] == 3 and summary["unfinished"] == 0
    assert main(["class", "status", "demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["finished"] == 3
    assert main(["class", "summary", "demo", "--format", "md"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Class summary: demo") and "3 tables, 3 finished" in text


def test_the_summary_during_play_counts_finished_months_only(ruleset, tmp_path):
    klass = humans_opposition(ruleset, tmp_path, tables=1, turns=2)
    with Facilitator.open(klass, tmp_path) as f:
        f.play_bots()  # the bots order; the opposition's team has not
        f.late_bots([1], "the team is away")
        f.play_bots()
        session = f.sessions[1]
        # Month 2's orders: the bots' are sealed, the opposition's is not given.
        assert (session.state.turn, session.state.phase) == (2, ORDERS)
        assert session.state.order_of("putin") is not None
        games = table_games(klass, tmp_path)
        assert games[0].months == 1 and not games[0].over
        assert games[0].debrief.final.turn == 2
        assert len(games[0].debrief.actions) == session.checkpoints[-1].after
        data = json.loads(render(klass, games, "json"))
        assert data["finished"] == 0 and data["tables"][0]["months"] == 1
        assert any("order for Opposition" in u for u in data["tables"][0]["umpire"])


# -- a class played by several processes at once -----------------------------------------


def _python(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


DASHBOARD = """
import sys, time
from wargame.klass import Facilitator, load
f = Facilitator.open(load("c", sys.argv[1]))
print([o.done for o in f.pause(f.numbers, "the class discusses before the first event")],
      flush=True)
time.sleep(600)
"""


def test_a_class_played_by_processes_survives_a_killed_dashboard(ruleset, tmp_path):
    """Three tables: bots at Lukashenko's and Putin's seats (played by a watching
    dashboard's process), the opposition a scripted team at tables 1 and 2 (each in its
    own process), nobody at table 3's (the facilitator's late bots order for it). The
    dashboard pauses every table and is killed; a new one takes the umpire's seat at
    once, injects an event everywhere, lifts the pause at the second month, and the
    class plays to the end. Every save verifies and holds the facilitator's actions."""
    klass = humans_opposition(ruleset, tmp_path, tables=3, turns=2)
    env = {**os.environ, "WARGAME_GAMES_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    first = _python("-c", DASHBOARD, str(tmp_path), env=env)
    procs: list[subprocess.Popen[str]] = []
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "[True, True, True]"
        first.send_signal(signal.SIGKILL)  # the teacher's laptop dies
        first.wait()
        procs = [_python(str(ROOT / "tests" / "klass_player.py"),
                         str(tmp_path / f"c-{n}.sqlite"), "opposition", env=env)
                 for n in (1, 2)]
        procs.append(_python("-m", "wargame", "class", "run", "c", "--plain", env=env))
        with Facilitator.open(klass, tmp_path) as f:  # restarted: the umpire's seat is free
            wait(lambda: f.refresh() or all(s.held for s in f.statuses()), "every table held")
            world = f.sessions[1].state.pile("world").deck
            card = next(c for c in world if all(c in s.state.pile("world").deck
                                                for s in f.sessions.values()))
            done = f.inject(f.numbers, card, "the same news reaches every table", f.seen())
            assert [o.done for o in done] == [True, True, True], done

            def step() -> bool:
                f.refresh()
                table3 = f.sessions[3].state
                if table3.phase == ORDERS and table3.order_of("opposition") is None \
                        and table3.order_of("putin") is not None:
                    f.late_bots([3], "nobody at this seat")
                if all(s.held for s in f.statuses() if not s.over) and not f.over:
                    f.resume(f.numbers, None)
                return f.over

            wait(step, "every table over")
        for p in procs:
            assert p.wait(timeout=60) == 0, p.stderr.read() if p.stderr else ""
    finally:
        for p in (first, *procs):
            if p.poll() is None:
                p.kill()
                p.wait()
    for n in (1, 2, 3):
        save = verify(tmp_path / f"c-{n}.json").save
        umpire = [r for r in save.record if r.by == UMPIRE]
        said = [r.action.reason for r in umpire if isinstance(r.action, Umpire)]
        assert said[0] == "the facilitator pauses the class: the class discusses before " \
                          "the first event"
        assert "the same news reaches every table" in said
        assert "the facilitator lets the class go on" in said
        orders = [r for r in umpire if not isinstance(r.action, Umpire)]
        assert bool(orders) == (n == 3)  # the late team's orders, at table 3 only
    with Facilitator.open(klass, tmp_path, umpire=False) as f:
        assert class_data("c", f.statuses())["finished"] == 3


def test_the_classroom_section_of_a_table_checks_its_questions_clock_and_reasons():
    from wargame.classroom import PRESET_BY_ID, Ask, Classroom, SectionError, Settings

    room = Classroom(Settings(facilitator=True, timer=60,
                              outcomes=(PRESET_BY_ID["combat"],)))
    room.asks = [Ask(1, "forecast", "combat", "what do you expect"), Ask(1, "vote", None, "why")]
    room.clock = (1, 1_000_060)
    room.record_forecast(1, "putin", "combat", 70, "the troops are ready")
    data = room.to_data()
    again = Classroom.of({"classroom": data})
    assert again is not None and again.to_data() == data
    assert again.time_left(1, 1_000_000.5) == 60 and again.time_left(2, 0) is None
    for bad in ({"asks": [{"turn": 1, "kind": "forecast", "outcome": "nope", "why": "x"}]},
                {"asks": [{"turn": 1, "kind": "vote", "outcome": "combat", "why": "x"}]},
                {"clock": {"turn": 1, "ends": "soon"}},
                {"forecasts": [{**data["forecasts"][0], "why": "\x07"}]}):
        with pytest.raises(SectionError):
            Classroom.of({"classroom": {**data, **bad}})
    plain = Classroom(Settings(facilitator=True)).to_data()
    assert "asks" not in plain and "clock" not in plain  # a seminar's save is unchanged
