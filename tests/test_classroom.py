"""The classroom around a game, without the screen: outcomes settled by the game, Brier
scores, votes and forecasts in the save (checked like the rest of an untrusted file), the
orders timer with a clock the test moves by hand, the command-line settings, and the
report's forecasts, votes and umpire actions."""

from __future__ import annotations

import json

import pytest

from wargame import classroom, saves
from wargame.classroom import (
    Classroom,
    OrdersClock,
    Outcome,
    Settings,
    brier,
    outcome_from_spec,
    parse_duration,
    parse_team,
)
from wargame.debrief import analyse, of_save
from wargame.engine import PASS, ROLES, SYSTEM, Advance, Order, Umpire, apply
from wargame.report import render
from wargame.session import Seat, Session
from wargame.telling import line

BOTS = {r: Seat(r, "bot", "easy") for r in ROLES}


# -- outcomes ------------------------------------------------------------------------


def test_every_preset_outcome_is_a_valid_condition_or_a_winner():
    for outcome in classroom.PRESETS:
        data = outcome.to_data()
        classroom.check_section("classroom", {"version": 1, "facilitator": False,
                                              "timer": 0, "teams": {}, "outcomes": [data],
                                              "forecasts": [], "votes": []})
        assert (outcome.winner is None) == (outcome.when is not None)


def test_outcomes_from_the_command_line():
    assert outcome_from_spec("regime_falls") is classroom.PRESET_BY_ID["regime_falls"]
    by = outcome_from_spec("combat by 6", turns=12)
    assert (by.id, by.when, by.by) == ("combat_by_6", "involvement >= 4", 6)
    assert by.text.endswith("by turn 6")
    custom = outcome_from_spec("stability <= 2 by turn 4")
    assert (custom.when, custom.by) == ("stability <= 2", 4)
    assert "by turn 4" in custom.text
    with pytest.raises(ValueError, match="neither an outcome"):
        outcome_from_spec("the moon falls")
    with pytest.raises(ValueError, match="from 1 to 6"):
        outcome_from_spec("combat by 9", turns=6)
    with pytest.raises(ValueError, match="end of the game"):
        outcome_from_spec("putin_wins by 3")


def played(ruleset, seed=3, turns=3, until=None):
    s = Session.new(ruleset, seed, BOTS, turns=turns, autosave=False)
    s.run(until=until)
    return s


def debrief(s: Session):
    return analyse(s.ruleset, s.seed, [r.action for r in s.record], s.turns,
                   by=[r.by for r in s.record], sections=s.sections)


def test_outcomes_are_settled_by_the_end_of_turn_states(ruleset):
    s = played(ruleset, turns=3)
    d = debrief(s)
    always = Outcome("always", "the game reaches its first turn", "turn >= 1")
    never = Outcome("never", "involvement 99", "involvement >= 99")
    by_one = Outcome("by_one", "involvement 99 by turn 1", "involvement >= 99", by=1)
    assert always.settle(d) is True
    assert never.settle(d) is False  # the game is over: it never happened
    assert by_one.settle(d) is False
    for role in ROLES:
        assert Outcome("w", "wins", winner=role).settle(d) is (role in s.state.winners)
    # Halfway through the game an outcome not yet reached is still open, and a
    # deadline passed settles it.
    half = played(ruleset, turns=3, until=lambda st: st.turn == 2 and st.phase == "orders")
    dh = debrief(half)
    assert never.settle(dh) is None
    assert by_one.settle(dh) is False
    assert Outcome("w", "wins", winner="putin").settle(dh) is None


def test_brier_scores():
    assert brier([]) is None
    assert brier([(30, False)]) == pytest.approx(0.09)
    assert brier([(100, True)]) == 0
    assert brier([(0, True)]) == 1
    assert brier([(50, True), (50, False)]) == 0.25
    assert brier([(80, True), (20, False), (60, False)]) == pytest.approx(
        (0.04 + 0.04 + 0.36) / 3)
    assert classroom.judgement(0.25) == "the same as guessing 50% every time"
    assert "worse" in classroom.judgement(0.5)
    assert "better" in classroom.judgement(0.1)


def test_scores_per_role_only_count_settled_outcomes(ruleset):
    s = played(ruleset, turns=2)
    d = debrief(s)
    sure = Outcome("sure", "sure", "turn >= 1")
    nope = Outcome("nope", "nope", "involvement >= 99")
    room = Classroom(Settings(outcomes=(sure, nope)))
    room.record_forecast(1, "putin", "sure", 80)
    room.record_forecast(2, "putin", "sure", 90)
    room.record_forecast(1, "putin", "nope", 30)
    room.record_forecast(1, "opposition", "sure", 50)
    room.record_forecast(1, "opposition", "sure", 20)  # replaces the 50
    result = {r.role: r for r in classroom.scores(room, d)}
    assert set(result) == {"putin", "opposition"}
    assert result["putin"].brier == pytest.approx((0.04 + 0.01 + 0.09) / 3)
    assert result["putin"].settled == 3 and result["putin"].open == 0
    assert result["opposition"].brier == pytest.approx(0.64)
    assert result["putin"].happened == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        room.record_forecast(1, "putin", "unknown", 50)
    with pytest.raises(ValueError):
        room.record_forecast(1, "putin", "sure", 101)


# -- the sections in a save ------------------------------------------------------------


def full_room() -> Classroom:
    room = Classroom(Settings(True, 180, {"putin": 5},
                              (classroom.PRESET_BY_ID["regime_falls"],
                               outcome_from_spec("combat by 2"))))
    room.record_forecast(1, "putin", "regime_falls", 10)
    room.record_forecast(1, "opposition", "combat_by_2", 35)
    room.record_vote(1, "putin", "some_card", None, 3, 5)
    return room


def test_the_classroom_goes_into_the_save_and_comes_back(ruleset, tmp_path):
    s = Session.new(ruleset, 4, BOTS, turns=2, save_dir=tmp_path)
    assert Classroom.of(s.sections) is None
    room = full_room()
    s.set_section("classroom", room.to_data())
    on_disk = json.loads(s.path.read_text())["sections"]["classroom"]
    assert on_disk["teams"] == {"putin": 5} and on_disk["timer"] == 180
    assert on_disk["votes"] == [{"turn": 1, "role": "putin", "card": "some_card",
                                 "option": None, "for": 3, "of": 5}]
    again = Classroom.of(Session.load(s.path).sections)
    assert again.settings == room.settings
    assert again.forecasts == room.forecasts and again.votes == room.votes
    s.set_section("classroom", None)
    assert "classroom" not in Session.load(s.path).sections


def test_a_bad_section_changes_nothing(ruleset, tmp_path):
    s = Session.new(ruleset, 4, BOTS, turns=2, save_dir=tmp_path)
    before = s.path.read_bytes()
    good = full_room().to_data()
    for name, data in [("Bad Name", {}), ("notes", {"x": 0.5}),
                       ("classroom", {**good, "facilitator": "yes"}),
                       ("classroom", {**good, "forecasts": [
                           {"turn": 1, "role": "putin", "outcome": "regime_falls",
                            "p": 150}]})]:
        with pytest.raises(saves.SectionError):
            s.set_section(name, data)
    assert s.path.read_bytes() == before and s.sections == {}


SECTION_BREAKS = [
    (("timer",), 5, "sections.classroom.timer", "at least 10"),
    (("teams",), {"stalin": 3}, "sections.classroom.teams", "not a role"),
    (("outcomes", 1, "when"), "import os", "sections.classroom.outcomes[1].when", "unknown"),
    (("outcomes", 0, "by"), 0, "sections.classroom.outcomes[0].by", "from 1"),
    (("forecasts", 0, "p"), -1, "sections.classroom.forecasts[0].p", "from 0 to 100"),
    (("forecasts", 0, "role"), "nobody", "sections.classroom.forecasts[0].role", "not a role"),
    (("forecasts", 0, "outcome"), "moon", "sections.classroom.forecasts[0].outcome",
     "not one of the outcomes"),
    (("votes", 0, "for"), 6, "sections.classroom.votes[0].for", "from 0 to 5"),
    (("votes", 0, "extra"), 1, "sections.classroom.votes[0]", "unknown field"),
    (("version",), 2, "sections.classroom.version", "from 1 to 1"),
]


@pytest.mark.parametrize(("path", "value", "where", "problem"), SECTION_BREAKS)
def test_a_save_with_a_broken_classroom_section_is_named_not_a_traceback(
        ruleset, tmp_path, path, value, where, problem):
    s = Session.new(ruleset, 4, BOTS, turns=1, save_dir=tmp_path)
    s.set_section("classroom", full_room().to_data())
    doc = json.loads(s.path.read_text())
    target = doc["sections"]["classroom"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(saves.SaveError) as err:
        saves.read(bad)
    message = str(err.value)
    assert str(bad) in message and where in message and problem in message


def test_duplicate_forecasts_are_refused():
    data = full_room().to_data()
    data["forecasts"] = data["forecasts"][:1] * 2
    with pytest.raises(classroom.SectionError, match="appears twice"):
        classroom.check_section("classroom", data)


# -- the timer and the command line --------------------------------------------------


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_the_orders_clock_counts_down_pauses_and_extends():
    now = FakeClock()
    clock = OrdersClock(180, now)
    assert not clock.running and clock.label() == ""
    clock.start()
    assert clock.remaining() == 180 and clock.label() == "3:00"
    now.t += 59.5
    assert clock.remaining() == 121 and clock.label() == "2:01"
    clock.pause()
    now.t += 500
    assert clock.remaining() == 121 and not clock.expired
    clock.resume()
    now.t += 121
    assert clock.expired and clock.label() == "time is up"
    clock.extend(60)
    assert not clock.expired and clock.remaining() == 60
    clock.extend(30)
    assert clock.remaining() == 90
    clock.stop()
    assert not clock.running and not clock.expired


def test_durations_and_teams_from_the_command_line():
    assert parse_duration("3m") == 180
    assert parse_duration("90s") == 90
    assert parse_duration("1m30s") == 90
    assert parse_duration("2:30") == 150
    assert parse_duration("4") == 240
    assert parse_duration("off") == 0
    for bad in ("3 hours", "5s", "2h", "m"):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert parse_team("Putin=5") == ("putin", 5)
    for bad in ("putin", "stalin=3", "putin=1", "putin=x"):
        with pytest.raises(ValueError):
            parse_team(bad)


def test_wargame_play_takes_the_classroom_options():
    from wargame.cli import UserError, build_parser
    from wargame.cli.play import request_from, starts_a_game

    args = build_parser().parse_args(["play", "--facilitator", "--hotseat", "--timer", "2m",
                                      "--team", "putin=5", "--forecast", "regime_falls",
                                      "--forecast", "combat by 4"])
    assert starts_a_game(args)
    settings = request_from(args).classroom
    assert settings.facilitator and settings.timer == 120
    assert settings.teams == {"putin": 5}
    assert [o.id for o in settings.outcomes] == ["regime_falls", "combat_by_4"]
    assert starts_a_game(build_parser().parse_args(["play", "--facilitator"]))
    assert request_from(build_parser().parse_args(["play", "--role", "putin"])).classroom \
        is None
    with pytest.raises(UserError, match="--timer"):
        request_from(build_parser().parse_args(["play", "--timer", "2h"]))
    with pytest.raises(UserError, match="bot"):
        request_from(build_parser().parse_args(["play", "--team", "putin=4"]))


# -- a fixed roll ---------------------------------------------------------------------


def first_roll(ruleset, seed):
    """Easy bots play until an automatic step rolls: (the state before that step, the
    value rolled), or None."""
    s = Session.new(ruleset, seed, BOTS, turns=6, autosave=False)
    while not s.over:
        before = s.state
        s.step()
        rolls = [e for e in s.state.log[len(before.log):] if e.kind == "roll"]
        if rolls and s.record[-1].by == SYSTEM:
            return before, rolls[0].roll[0]
    return None


def test_a_fixed_roll_still_takes_its_draw_so_later_rolls_are_unchanged(ruleset):
    before, value = next(f for f in (first_roll(ruleset, seed) for seed in range(40)) if f)
    natural = apply(before, Advance())
    fixed = apply(apply(before, Umpire("roll", "same as the dice", value=value)), Advance())
    assert fixed.rng == natural.rng  # the generator moved on exactly as without the umpire
    assert [e.roll for e in fixed.log if e.roll] == [e.roll for e in natural.log if e.roll]
    other = apply(apply(before, Umpire("roll", "the other way", value=101 - value)),
                  Advance())
    assert [line(e, other.ruleset) for e in other.log
            if e.kind == "roll"][-1].count("set by the umpire")


# -- the report ----------------------------------------------------------------------


def test_the_report_shows_votes_forecasts_and_the_umpire(ruleset, tmp_path):
    s = Session.new(ruleset, 5, {r: Seat(r) for r in ROLES}, turns=2, save_dir=tmp_path)
    room = Classroom(Settings(True, 0, {"putin": 5},
                              (Outcome("sure", "The game reaches turn 1", "turn >= 1"),
                               Outcome("never", "Involvement 99", "involvement >= 99"))))
    s.apply(Umpire("hold", "the class discusses the joint group first"))
    assert s.record[-1].by == "umpire"
    for turn in (1, 2):
        if turn == 2:
            s.advance()
        room.record_forecast(turn, "putin", "sure", 90)
        room.record_forecast(turn, "putin", "never", 20)
        room.record_forecast(turn, "opposition", "sure", 40)
        options = [o for o in s.view("putin").legal_orders() if o.card != PASS]
        order = options[0] if options else Order("putin", PASS)
        card = order.card
        room.record_vote(turn, "putin", card, order.option, 3, 5)
        s.apply(order)
        s.apply(Order("lukashenko", PASS))
        s.apply(Order("opposition", PASS), by="umpire")
        s.set_section("classroom", room.to_data())
        s.advance()
    assert s.over
    d = of_save(saves.read(s.path))
    md = render(d, "md")
    assert "## Forecasts" in md and "Brier score" in md
    putin = (0.01 + 0.04) / 2
    assert f"| Putin | 4 | {putin:.3f} |" in md
    assert "| Opposition | 2 | 0.360 |" in md
    assert "The game reaches turn 1: **it happened**" in md
    assert "Involvement 99: **it did not happen**" in md
    assert "(team vote 3 of 5 for)" in md
    assert "given by the umpire" in md  # the opposition's orders were the umpire's
    assert "human (a team of 5)" in md
    assert "⚑ **Umpire holds back this month's world event: the class discusses" in md
    assert "Classroom: facilitator controls, Putin: a team of 5, 2 forecasts." in md
    html = render(d, "html")
    assert 'id="forecasts"' in html and "team vote 3 of 5 for" in html
    data = json.loads(render(d, "json"))["classroom"]
    assert {x["role"]: x["brier"] for x in data["scores"]} == {
        "putin": round(putin, 4), "opposition": 0.36}
    assert [o["happened"] for o in data["outcomes"]] == [True, False]
    assert data["votes"][0]["for"] == 3
    assert SYSTEM in {r.by for r in s.record}
