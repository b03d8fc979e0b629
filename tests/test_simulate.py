"""The simulator: same seed, same results whatever the number of jobs; counts that add
up; a CLI that prints tables or one JSON object and fails cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine import ROLES, new_game
from wargame.simulate import (
    Plan,
    Tally,
    game_seed,
    parse_bots,
    play_block,
    play_game,
    result_of,
    simulate,
    wilson,
)

ROOT = Path(__file__).resolve().parent.parent
TIMING = ("jobs", "seconds", "games_per_second")


def untimed(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in TIMING}


def test_the_same_seed_gives_the_same_results_for_one_or_two_jobs(ruleset):
    bots = parse_bots("easy,putin=normal")
    one = simulate(ruleset, 60, 42, bots, jobs=1)
    two = simulate(ruleset, 60, 42, bots, jobs=2)
    assert two.jobs == 2
    assert untimed(one.to_data(ruleset)) == untimed(two.to_data(ruleset))
    other = simulate(ruleset, 60, 43, bots, jobs=1)
    assert untimed(other.to_data(ruleset)) != untimed(one.to_data(ruleset))


def test_game_i_is_the_same_game_in_any_block(ruleset):
    plan = Plan(ruleset.data, ruleset.digest, 5, parse_bots("easy"), None, {}, None)
    whole = play_block(ruleset, plan, 0, 6)
    parts = Tally()
    for start, stop in ((0, 1), (1, 4), (4, 6)):
        parts.merge(play_block(ruleset, plan, start, stop))
    assert parts == whole


def test_game_seeds_are_stable_and_distinct():
    seeds = [game_seed(7, i) for i in range(1000)]
    assert len(set(seeds)) == 1000
    assert all(0 <= s < 2**64 for s in seeds)
    assert seeds[:3] == [game_seed(7, 0), game_seed(7, 1), game_seed(7, 2)]
    assert game_seed(8, 0) != seeds[0]


def test_counts_add_up(ruleset):
    result = simulate(ruleset, 40, 3, parse_bots("normal"))
    t = result.tally
    data = result.to_data(ruleset)
    assert data["games"] == t.games == 40
    assert sum(data["ends"].values()) == 40
    assert sum(data["outcomes"].values()) == 40
    assert sum(data["lengths"].values()) == 40
    assert data["nobody_won"] == data["outcomes"].get("time: nobody", 0)
    assert data["ends"].get("fallen", 0) == data["wins"]["opposition"] - sum(
        n for k, n in data["outcomes"].items() if k.startswith("time:") and "opposition" in k)
    orders = sum(c["played"] for c in data["cards"].values()) + sum(
        n for free in data["free_orders"].values() for n in free.values())
    assert orders == 3 * t.turns_total  # every role gives one order every turn played
    for role in ROLES:
        lo, hi = data["win_rate_95"][role]
        assert lo <= data["win_rates"][role] <= hi
    for card in data["cards"].values():
        assert card["wins"] <= card["games"] <= card["played"]
    assert all(rule and n > 0 for rule, n in data["consequences"].items())
    assert data["short_games"] == sum(n for turn, n in data["lengths"].items()
                                      if int(turn) < 4)
    assert set(data) >= {"games", "wins", "turns_mean", "seconds", "win_rates", "ends",
                         "nobody_won", "short_games", "cards", "consequences"}


def test_a_game_result_counts_what_its_log_says(ruleset):
    seed = game_seed(1, 0)
    state = play_game(ruleset, seed, parse_bots("easy"))
    result = result_of(0, seed, state)
    assert result.winners == state.winners and result.end == state.end
    assert len(result.plays) == 3 * state.turn
    fired = [e.rule for e in state.log if e.kind == "consequence"]
    assert list(result.rules) == fired


@settings(max_examples=30)
@given(st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=1, max_size=8))
def test_merging_tallies_in_any_grouping_gives_the_same_counts(ruleset, picks):
    states = [new_game(ruleset, s) for s in range(6)]
    results = [result_of(i, 0, states[s]) for i, (s, _) in enumerate(picks)]
    whole = Tally()
    for r in results:
        whole.add(r)
    merged, part = Tally(), Tally()
    for r, (_, cut) in zip(results, picks, strict=True):
        part.add(r)
        if cut:
            merged.merge(part)
            part = Tally()
    merged.merge(part)
    assert merged == whole


def test_wilson_interval():
    lo, hi = wilson(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-3) and hi == pytest.approx(0.5962, abs=1e-3)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)


@pytest.mark.parametrize(("text", "expected"), [
    ("easy", {"lukashenko": "easy", "putin": "easy", "opposition": "easy"}),
    ("lukashenko=hard,putin=normal,opposition=easy",
     {"lukashenko": "hard", "putin": "normal", "opposition": "easy"}),
    ("normal, putin=hard", {"lukashenko": "normal", "putin": "hard", "opposition": "normal"}),
    ("Opposition=Easy,normal", {"lukashenko": "normal", "putin": "normal",
                                "opposition": "easy"}),
])
def test_parse_bots(text, expected):
    assert parse_bots(text) == expected


@pytest.mark.parametrize(("text", "fragment"), [
    ("expert", "unknown bot level 'expert'"),
    ("lukashenko=easy", "no bot level for putin, opposition"),
    ("easy,normal", "one level for every role"),
    ("kremlin=easy,normal", "unknown role 'kremlin'"),
    ("putin=easy,putin=hard,normal", "two levels"),
    ("", "no bot level"),
])
def test_parse_bots_refuses_nonsense(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_bots(text)


# -- the command line ------------------------------------------------------------------


def wargame(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, **kw)


def test_simulate_json_is_one_object_and_the_same_for_any_jobs():
    one = wargame("simulate", "--games", "30", "--seed", "9", "--bots", "easy", "--json")
    two = wargame("simulate", "--games", "30", "--seed", "9", "--bots", "easy", "--json",
                  "--jobs", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    a, b = json.loads(one.stdout), json.loads(two.stdout)
    assert one.stdout.count("\n") == 1
    assert a["games"] == 30 and set(a["wins"]) == set(ROLES)
    assert isinstance(a["seconds"], float) and a["turns_mean"] > 0
    assert untimed(a) == untimed(b)


DILEMMA = {"entered_war", "entries_late", "massed_at_border", "regime_fell",
           "fell_by_uprising", "absorbed", "putin_military_wins", "putin_absorption_wins",
           "uprising_calls", "uprising_calls_late", "uprising_calls_full_garrison",
           "uprising_calls_full_garrison_won", "rungs_reached", "ladder_down",
           "ends_before_turn_4", "complies", "answers"}


def test_simulate_json_has_the_dilemma_the_same_for_any_jobs():
    args = ("simulate", "--games", "24", "--seed", "5", "--bots", "normal", "--json")
    one, two = wargame(*args), wargame(*args, "--jobs", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    a, b = json.loads(one.stdout), json.loads(two.stdout)
    assert untimed(a) == untimed(b)
    d = a["dilemma"]
    assert set(d) >= DILEMMA and d["games"] == 24
    assert all(isinstance(v, int) for k, v in d.items() if k != "rungs_reached")
    assert len(d["rungs_reached"]) == 6 and max(d["rungs_reached"]) <= 24
    assert d["answers"] > 0  # normal regimes answer Moscow's demands
    assert a["compliance_rate"] == round(d["complies"] / d["answers"], 4)
    assert d["regime_fell"] == a["ends"].get("fallen", 0)
    assert d["ends_before_turn_4"] == a["short_games"]
    assert d["putin_military_wins"] + d["putin_absorption_wins"] == a["wins"]["putin"]
    assert d["entries_late"] <= d["entered_war"]
    assert d["fell_by_uprising"] <= d["regime_fell"]
    assert isinstance(a["edition"], int)


def test_the_dilemma_is_summed_game_by_game(ruleset):
    from wargame.dilemma import dilemma_of

    sim = simulate(ruleset, 10, 4, parse_bots("easy"))
    total: dict[str, int] = {}
    for i in range(10):
        seed = game_seed(4, i)
        for k, v in dilemma_of(play_game(ruleset, seed, parse_bots("easy"))).items():
            total[k] = total.get(k, 0) + v
    assert sim.tally.dilemma == total


def test_simulate_edition():
    out = wargame("simulate", "--games", "3", "--edition", "1", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["edition"] == 1
    out = wargame("simulate", "--games", "3", "--edition", "99")
    assert out.returncode == 2 and "--edition" in out.stderr and "99" in out.stderr
    assert "Traceback" not in out.stderr


def test_simulate_prints_tables():
    out = wargame("simulate", "--games", "20", "--bots", "normal,opposition=easy",
                  "--turns", "6")
    assert out.returncode == 0, out.stderr
    for heading in ("Who wins", "95% interval", "Game length", "How the games ended",
                    "Lukashenko's cards", "Consequence rules that fired",
                    "The article's question", "complied with Moscow's demands"):
        assert heading in out.stdout, heading
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (["--bots", "expert"], "--bots: unknown bot level 'expert'"),
    (["--games", "0"], "--games must be"),
    (["--jobs", "0"], "--jobs must be"),
    (["--seed", "-1"], "--seed must be"),
    (["--scenario", "no-such-scenario"], "no scenario 'no-such-scenario'"),
    (["--decks", "/no/such/folder"], "no/such/folder"),
])
def test_simulate_refuses_bad_options_cleanly(args, fragment):
    out = wargame("simulate", "--games", "2", *args)
    assert out.returncode != 0
    assert fragment in out.stderr, out.stderr
    assert "Traceback" not in out.stderr


def test_simulate_with_other_decks(tmp_path):
    decks = ROOT / "tests" / "rules" / "deck"
    out = wargame("simulate", "--games", "10", "--decks", str(decks), "--scenario", "test",
                  "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["scenario"] == "test" and data["games"] == 10


# -- the engine's fast paths, which the simulator and the bots lean on ------------------


@settings(max_examples=25)
@given(seed=st.integers(0, 2**64 - 1), picks=st.lists(st.integers(0, 50), min_size=1,
                                                     max_size=30))
def test_advancing_in_one_go_gives_the_states_of_stepping(ruleset, seed, picks):
    """`headless.advance` builds one state for several automatic steps; it must be the
    very state that applying `Advance` step by step gives, with the same record."""
    from wargame.engine import AUTOMATIC, Advance, apply, digest, legal_actions
    from wargame.engine.headless import advance

    fast = slow = new_game(ruleset, seed)
    i = 0
    while not fast.over:
        record: list = []
        fast = advance(fast, record)
        steps = 0
        while slow.phase in AUTOMATIC:
            slow = apply(slow, Advance())
            steps += 1
        assert record == [Advance()] * steps
        assert digest(fast) == digest(slow)
        if fast.over:
            break
        for role in ROLES:
            options = legal_actions(fast, role)
            order = options[picks[i % len(picks)] % len(options)]
            i += 1
            fast, slow = apply(fast, order), apply(slow, order)
    assert slow.over


def test_save_dir_keeps_every_game_as_a_save(ruleset, tmp_path):
    from wargame import saves
    from wargame.session import Session

    folder = tmp_path / "runs"
    result = simulate(ruleset, 4, 17, parse_bots("normal,putin=easy"), turns=5,
                      save_dir=folder, jobs=2)
    files = sorted(folder.glob("*.json"))
    assert [f.name.split("-seed")[0] for f in files] == [f"game-{i:06d}" for i in
                                                          range(1, 5)]
    unsaved = simulate(ruleset, 4, 17, parse_bots("normal,putin=easy"), turns=5)
    assert result.tally == unsaved.tally  # saving changes nothing in the games
    wins = dict.fromkeys(ROLES, 0)
    for i, path in enumerate(files):
        assert f"seed{game_seed(17, i)}" in path.name
        session = Session.load(path)
        assert session.over and session.seed == game_seed(17, i)
        assert saves.verify(path).state.phase == "over"
        assert session.seats["putin"].level == "easy"
        assert session.seats["lukashenko"].level == "normal"
        bot_orders = [r for r in session.record if r.by in ROLES]
        assert bot_orders and all(r.reason for r in bot_orders)
        for role in session.state.winners:
            wins[role] += 1
    assert wins == result.tally.wins
    # A second run never overwrites the first one's saves.
    simulate(ruleset, 2, 17, parse_bots("easy"), turns=2, save_dir=folder)
    assert len(list(folder.glob("*.json"))) == 6


def test_simulate_save_dir_from_the_command_line(tmp_path):
    out = wargame("simulate", "--games", "2", "--bots", "easy", "--save-dir",
                  str(tmp_path / "runs"), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["save_dir"] == str(tmp_path / "runs")
    assert len(list((tmp_path / "runs").glob("game-*.json"))) == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = wargame("simulate", "--games", "2", "--save-dir", str(blocker))
    assert out.returncode == 2 and "is a file, not a folder" in out.stderr
    assert "Traceback" not in out.stderr
