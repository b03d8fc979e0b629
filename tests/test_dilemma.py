"""The figures of the article's dilemma (wargame/dilemma.py): each read from a game's log
data as docs/design.md defines it, checked against logs built by hand and against the
states of real games, step by step."""

from __future__ import annotations

import itertools

import pytest

from wargame.bots.base import Bot, Decision
from wargame.dilemma import KEYS, dilemma_data, dilemma_of, measure, uprising_cards
from wargame.engine import (
    COMPLY,
    OVER,
    PASS,
    ROLES,
    Advance,
    LogEntry,
    apply,
    new_game,
    view,
)
from wargame.engine.effects import Scratch
from wargame.engine.state import Change
from wargame.engine.tracks import TRACK_INDEX, TRACKS
from wargame.simulate import game_seed, make_player, play_game

# -- logs built by hand ------------------------------------------------------------------


def entry(turn: int, kind: str, *changes: tuple[str, int, int], **kw) -> LogEntry:
    return LogEntry(turn=turn, phase="resolution", kind=kind, text="",
                    changes=tuple(Change(*c) for c in changes), **kw)


def figures(ruleset, log, turns=12, last=12, end="time", winners=(), **final):
    tracks = list(ruleset.scenario.tracks)
    for name, value in final.items():
        tracks[TRACK_INDEX[name]] = value
    flags = frozenset({"regime_fallen"}) if end == "fallen" else frozenset()
    return measure(ruleset, log, turns, last, tuple(tracks), flags, tuple(winners), end)


def test_a_quiet_game_counts_nothing_but_its_start(ruleset):
    f = figures(ruleset, [])
    start = ruleset.scenario.tracks[TRACK_INDEX["involvement"]]
    assert set(f) == set(KEYS)
    assert f[f"rung_{start}"] == 1
    assert sum(f.values()) == 1


def test_troops_into_ukraine_late_and_early(ruleset):
    early = [entry(3, "effect", ("troops_border", 0, 10_000), card="mass_at_border"),
             entry(5, "effect", ("troops_border", 10_000, 0), ("troops_ukraine", 0, 10_000)),
             entry(11, "consequence", ("troops_ukraine", 10_000, 4_000), rule="front_line")]
    f = figures(ruleset, early)
    assert f["entered_war"] == 1 and f["entries_late"] == 0 and f["massed_at_border"] == 1
    late = [entry(11, "effect", ("troops_ukraine", 0, 5_000))]
    f = figures(ruleset, late)
    assert f["entered_war"] == 1 and f["entries_late"] == 1
    # In a six-turn game turn 5 is late; 4,999 troops are not an entry.
    assert figures(ruleset, [entry(5, "effect", ("troops_ukraine", 0, 5_000))], turns=6,
                   last=6)["entries_late"] == 1
    f = figures(ruleset, [entry(2, "effect", ("troops_ukraine", 0, 4_999)),
                          entry(2, "effect", ("troops_border", 0, 9_999))])
    assert f["entered_war"] == 0 and f["massed_at_border"] == 0


def test_the_ladder_counts_every_rung_it_stood_on_and_a_way_down(ruleset):
    log = [entry(2, "effect", ("involvement", 2, 4)),
           entry(4, "effect", ("involvement", 4, 3)),
           entry(6, "effect", ("involvement", 3, 1))]
    f = figures(ruleset, log)
    assert [f[f"rung_{r}"] for r in range(6)] == [0, 1, 1, 1, 1, 0]
    assert f["ladder_down"] == 1
    assert figures(ruleset, log[:1])["ladder_down"] == 0


def test_how_the_regime_fell(ruleset):
    call = next(iter(uprising_cards(ruleset)))
    fallen = ("flag:regime_fallen", 0, 1)
    by_call = [entry(7, "reveal", role="opposition", card=call),
               entry(7, "effect", fallen, role="opposition", card=call)]
    f = figures(ruleset, by_call, last=7, end="fallen", winners=("opposition",))
    assert (f["regime_fell"], f["fell_by_uprising"], f["fell_by_call"]) == (1, 1, 1)
    assert f["uprising_calls"] == 1 and f["uprising_calls_won"] == 1
    assert f["uprising_calls_full_garrison"] == 1 == f["uprising_calls_full_garrison_won"]
    assert f["uprising_calls_late"] == 0 and f["ends_before_turn_4"] == 0

    by_rule = [entry(9, "effect", ("troops_minsk", 45_000, 25_000),
                     ("flag:garrison_thin", 0, 1)),
               entry(10, "reveal", role="opposition", card=call),
               entry(10, "effect", ("network", 2, 0), role="opposition", card=call),
               entry(11, "consequence", fallen, rule="uprising")]
    f = figures(ruleset, by_rule, last=11, end="fallen")
    assert (f["fell_by_uprising"], f["fell_by_call"], f["fell_by_collapse"]) == (1, 0, 0)
    assert f["uprising_calls"] == 1 and f["uprising_calls_won"] == 0
    assert f["uprising_calls_full_garrison"] == 0  # 25,000 left in Minsk: thin
    assert f["uprising_calls_late"] == 0  # turn 10 of 12

    collapse = [entry(2, "consequence", ("stability", 1, 0), fallen, rule="collapse")]
    f = figures(ruleset, collapse, last=2, end="fallen")
    assert (f["regime_fell"], f["fell_by_uprising"], f["fell_by_collapse"]) == (1, 0, 1)
    assert f["ends_before_turn_4"] == 1 and f["absorbed"] == 0

    fizzled = [entry(12, "reveal", role="opposition", card=call),
               entry(12, "fizzle", role="opposition", card=call)]
    assert figures(ruleset, fizzled)["uprising_calls"] == 0


def test_putins_two_roads_and_absorption(ruleset):
    f = figures(ruleset, [], winners=("putin",), involvement=4, sovereignty=1)
    assert (f["putin_military_wins"], f["putin_absorption_wins"], f["absorbed"]) == (1, 0, 1)
    f = figures(ruleset, [], winners=("putin",), involvement=2, sovereignty=1)
    assert (f["putin_military_wins"], f["putin_absorption_wins"], f["absorbed"]) == (0, 1, 1)
    f = figures(ruleset, [], winners=(), involvement=2, sovereignty=1, stability=2)
    assert (f["putin_military_wins"], f["putin_absorption_wins"], f["absorbed"]) == (0, 0, 1)


def test_answers_to_demands(ruleset):
    log = [entry(2, "answer", data=(("answer", "comply"),), role="lukashenko"),
           entry(3, "answer", data=(("answer", "stall"),), role="lukashenko"),
           entry(4, "answer", data=(("answer", "stall"),), role="lukashenko"),
           entry(5, "answer", data=(("none", True),), role="lukashenko")]
    f = figures(ruleset, log)
    assert (f["complies"], f["answers"]) == (1, 3)


def test_the_call_card_is_found_by_what_it_does(ruleset):
    assert uprising_cards(ruleset) == {"call_the_uprising"}


def test_the_json_object_nests_the_rungs(ruleset):
    counts = dict.fromkeys(KEYS, 0) | {"rung_2": 7, "rung_5": 1, "entered_war": 3}
    data = dilemma_data(counts, 10)
    assert data["rungs_reached"] == [0, 0, 7, 0, 0, 1]
    assert data["games"] == 10 and data["entered_war"] == 3
    assert not any(k.startswith("rung_") for k in data)


# -- real games ---------------------------------------------------------------------------


class Warmonger(Bot):
    """A test regime that masses troops at the border and sends them into Ukraine
    whenever it can (this test may name cards; the bots may not)."""

    level = "test"
    wanted = ("send_troops", "mass_at_border")

    def decide(self, view, legal, rng):
        for card in self.wanted:
            for order in legal:
                if order.card == card:
                    return Decision(order, "test")
        return Decision(next(o for o in legal if o.card == PASS), "test")


def step_by_step(ruleset, seed, players, turns=None, start=None):
    """Play a game one action at a time, keeping every state."""
    state = start or new_game(ruleset, seed, turns)
    states = [state]
    while state.phase != OVER:
        waiting = [r for r, o in zip(ROLES, state.orders, strict=True) if o is None] \
            if state.phase == "orders" else []
        if waiting:
            for role in waiting:
                state = apply(state, players[role].choose(view(state, role)).order)
                states.append(state)
        else:
            state = apply(state, Advance())
            states.append(state)
    return states


def assert_figures(got, expected, seed):
    """The log's figures equal those read off the states, except that the log also sees
    a rung passed through inside one step (a card raises the ladder, another lowers it
    in the same resolution), which no state between two actions shows."""
    rungs = {k for k in expected if k.startswith("rung_")}
    assert {k: got[k] for k in expected if k not in rungs} == \
        {k: v for k, v in expected.items() if k not in rungs}, seed
    assert all(got[k] >= expected[k] for k in rungs), seed


def direct(states):
    """The figures that can be read off the states themselves, one step at a time."""
    last = states[-1]
    track = [dict(zip((t.name for t in TRACKS), s.tracks, strict=True)) for s in states]
    entry_turn = next((s.turn for s, t in zip(states, track, strict=True)
                       if t["troops_ukraine"] >= 5_000), None)
    fell = last.end == "fallen"
    winners = last.winners
    final = track[-1]
    # Putin's military road: involvement 4 in edition 1, troops massed (3) from edition 2.
    war = 4 if last.ruleset.edition < 2 else 3
    return {
        "entered_war": int(entry_turn is not None),
        "entries_late": int(entry_turn is not None and entry_turn >= last.turns - 1),
        "massed_at_border": int(max(t["troops_border"] for t in track) >= 10_000),
        "regime_fell": int(fell),
        "absorbed": int(not fell and final["sovereignty"] <= 1),
        "putin_military_wins": int("putin" in winners and final["involvement"] >= war),
        "putin_absorption_wins": int("putin" in winners and final["involvement"] < war
                                     and final["sovereignty"] <= 1),
        "ends_before_turn_4": int(last.turn < 4),
        **{f"rung_{r}": int(any(t["involvement"] == r for t in track)) for r in range(6)},
        "ladder_down": int(any(b["involvement"] < a["involvement"]
                               for a, b in itertools.pairwise(track))),
    }


def war_hand(ruleset, seed, turns=None):
    """A new game in which the regime holds the cards that mass troops at the border and
    send them into Ukraine, with capital to pay for them (the capital is set off the log;
    no figure reads it)."""
    s = Scratch(new_game(ruleset, seed, turns))
    pile = s.pile("lukashenko")
    for card in Warmonger.wanted:
        for name in ("deck", "discard"):
            if card in pile[name]:
                pile[name].remove(card)
                pile["deck"].append(pile["hand"].pop(0))
                pile["hand"].append(card)
    s.set("capital", 20)
    s.changes.clear()
    return s.freeze()


def test_a_regime_that_goes_to_war_is_counted_as_one(ruleset):
    entered = late = 0
    for i in range(6):
        seed = game_seed(12, i)
        players = {r: make_player("normal", r, seed) for r in ROLES}
        players["lukashenko"] = Warmonger("lukashenko", seed)
        turns = 3 if i % 2 else None  # in a three-turn game turn 2 is late
        states = step_by_step(ruleset, seed, players, start=war_hand(ruleset, seed, turns))
        got = dilemma_of(states[-1])
        expected = direct(states)
        assert_figures(got, expected, seed)
        entered += got["entered_war"]
        late += got["entries_late"]
    assert entered >= 4 and 0 < late < entered  # the test does what it says


@pytest.mark.parametrize("level", ["easy", "normal"])
def test_figures_agree_with_the_states_of_real_games(ruleset, level):
    for i in range(8):
        seed = game_seed(5, i)
        players = {r: make_player(level, r, seed) for r in ROLES}
        states = step_by_step(ruleset, seed, players)
        got = dilemma_of(states[-1])
        expected = direct(states)
        assert_figures(got, expected, seed)
        assert got["fell_by_uprising"] + got["fell_by_collapse"] <= got["regime_fell"]
        assert got["uprising_calls_won"] <= got["uprising_calls"]
        assert got["complies"] <= got["answers"]


def test_every_change_is_in_the_log(ruleset, deckset):
    """The figures rebuild each track's history from the scenario's start and the log's
    changes: that must land on the final state, flags and all (the per-turn counters
    excepted, which upkeep clears without a log entry)."""
    for scenario in ("october-2022", "classroom"):
        rs = deckset.ruleset(scenario)
        for i, level in enumerate(("easy", "normal") * 4):
            state = play_game(rs, game_seed(3, i), dict.fromkeys(ROLES, level))
            tracks, flags = list(rs.scenario.tracks), set(rs.scenario.flags)
            for e in state.log:
                for c in e.changes:
                    if c.name.startswith("flag:"):
                        (flags.add if c.after else flags.discard)(c.name[5:])
                    else:
                        assert tracks[TRACK_INDEX[c.name]] == c.before, (c, e.kind)
                        tracks[TRACK_INDEX[c.name]] = c.after
            assert flags == set(state.flags)
            for t, mine, real in zip(TRACKS, tracks, state.tracks, strict=True):
                assert t.counter or mine == real, t.name


def test_complying_is_counted(ruleset):
    bots = dict.fromkeys(ROLES, "normal") | {"lukashenko": "comply"}
    answered = 0
    for i in range(4):
        state = play_game(ruleset, game_seed(8, i), bots)
        f = dilemma_of(state)
        reveals = sum(1 for e in state.log if e.kind == "reveal" and e.card == COMPLY)
        # A comply finds no demand left when the Kremlin's ultimatum forced it first.
        pre_empted = sum(1 for e in state.log if e.kind == "answer" and e.get("none"))
        assert f["complies"] == f["answers"] >= reveals - pre_empted
        answered += f["answers"]
    assert answered > 0
