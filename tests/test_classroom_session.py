"""The Session's part of the umpire's controls: taking the last automatic steps back (so
a roll the class has just seen can be set and the step resolved again), and sections."""

from __future__ import annotations

import json

import pytest

from wargame import saves
from wargame.engine import PASS, ROLES, SYSTEM, Advance, Order, Umpire, digest
from wargame.session import Note, Seat, Session
from wargame.telling import line

BOTS = {r: Seat(r, "bot", "easy") for r in ROLES}
HUMANS = {r: Seat(r) for r in ROLES}


def to_first_system_roll(ruleset, tmp_path, seeds=range(40)):
    """A saved game of easy bots stopped right after the first automatic step that
    rolled: (session, the log index of that roll)."""
    for seed in seeds:
        s = Session.new(ruleset, seed, BOTS, turns=6, save_dir=tmp_path / str(seed))
        while not s.over:
            n = len(s.state.log)
            s.step()
            rolls = [i for i, e in enumerate(s.state.log[n:], n) if e.kind == "roll"]
            if rolls and s.record[-1].by == SYSTEM:
                return s, rolls[0]
    raise AssertionError("no roll in 40 games")


def test_only_trailing_automatic_steps_can_be_taken_back(ruleset, tmp_path):
    s = Session.new(ruleset, 21, HUMANS, save_dir=tmp_path)
    with pytest.raises(ValueError):
        s.retract_last()  # nothing recorded yet
    s.advance()  # the first event
    assert s.retractable() == 1
    state_before = s.state
    for role in ROLES:
        s.apply(Order(role, PASS))
    assert s.retractable() == 0 and s.retractable_from() == len(s.state.log)
    on_disk = s.path.read_bytes()
    with pytest.raises(ValueError):
        s.retract_last()  # an order: never taken back
    assert s.path.read_bytes() == on_disk and s.state.phase == "resolution"
    s.advance()  # resolution, consequences, upkeep, the next event
    assert s.retractable() == 4 and s.state.turn == 2
    s.retract_last()  # the event of turn 2
    assert s.state.phase == "event" and s.state.turn == 2 and len(s.checkpoints) == 2
    s.retract_last()  # the upkeep that ended turn 1: its digest goes with it
    assert s.state.phase == "upkeep" and s.state.turn == 1 and len(s.checkpoints) == 1
    s.retract_last()
    s.retract_last()
    assert s.state.phase == "resolution" and s.retractable() == 0
    with pytest.raises(ValueError):
        s.retract_last()
    assert s.state.orders == tuple(Order(r, PASS) for r in ROLES)
    assert state_before.phase == "orders"
    # The autosave was rewritten each time: it loads to the same place.
    loaded = Session.load(s.path)
    assert digest(loaded.state) == digest(s.state) and loaded.record == s.record


def test_an_umpires_action_is_never_taken_back(ruleset, tmp_path):
    s = Session.new(ruleset, 21, HUMANS, save_dir=tmp_path)
    s.apply(Umpire("hold", "no event this month"))
    assert s.retractable() == 0
    with pytest.raises(ValueError):
        s.retract_last()
    for role in ROLES:
        s.apply(Order(role, PASS))
    s.apply(Advance(), by="umpire")  # an advance by the umpire is the umpire's, too
    assert s.retractable() == 0


def test_the_umpire_overrides_a_roll_the_class_has_just_seen(ruleset, tmp_path):
    s, index = to_first_system_roll(ruleset, tmp_path)
    seen = s.state.log[index]
    old_roll = seen.roll[0]
    new_value = 100 if old_roll <= 50 else 1
    assert s.retractable_from() <= index  # the roll was written by an automatic step
    s.retract_until(index)
    assert len(s.state.log) <= index
    s.apply(Umpire("roll", "the class wants to see the other outcome", value=new_value))
    s.apply(Advance())
    rolls = [e for e in s.state.log[index:] if e.kind == "roll"]
    said = [line(e, s.ruleset) for e in (rolls[0], seen)]
    assert rolls[0].roll[0] == new_value and "(set by the umpire)" in said[0]
    assert said[0].split(":")[0] == said[1].split(":")[0]  # the same roll
    # The save keeps the umpire's action with its reason, and replays.
    doc = json.loads(s.path.read_text())
    umpire = [a for a in doc["actions"] if a["by"] == "umpire"]
    assert umpire == [{"action": {"type": "umpire", "kind": "roll",
                                  "reason": "the class wants to see the other outcome",
                                  "value": new_value}, "by": "umpire"}]
    assert saves.verify(s.path).save.record == tuple(s.record)


def test_taking_back_after_a_load_replays_to_the_same_states(ruleset, tmp_path):
    s, index = to_first_system_roll(ruleset, tmp_path)
    loaded = Session.load(s.path)
    assert loaded.retractable() == s.retractable()
    s.retract_until(index)
    loaded.retract_until(index)
    assert digest(loaded.state) == digest(s.state)
    assert loaded.record == s.record and loaded.checkpoints == s.checkpoints


def test_taking_back_is_all_or_nothing(ruleset, tmp_path):
    s = Session.new(ruleset, 8, HUMANS, save_dir=tmp_path)
    s.advance()
    for role in ROLES:
        s.apply(Order(role, PASS))
    start = len(s.state.log)
    s.advance()
    assert s.retractable_from() == start  # the lines after the orders, not before
    record, state, on_disk = list(s.record), s.state, s.path.read_bytes()
    with pytest.raises(ValueError, match="cannot be taken back"):
        s.retract_until(start - 1)  # that line was written before the orders
    assert s.record == record and s.state is state and s.path.read_bytes() == on_disk
    s.retract_until(start)
    assert len(s.state.log) == start and s.state.phase == "resolution"


def test_notes_made_after_a_step_follow_it_back(ruleset, tmp_path):
    s = Session.new(ruleset, 8, HUMANS, save_dir=tmp_path)
    s.advance()
    for role in ROLES:
        s.apply(Order(role, PASS))
    s.advance()
    s.add_note("why did the uprising fail?")
    assert s.notes[-1].action_index == len(s.record)
    s.retract_until(len(s.state.log) - 1)
    s.retract_last()
    assert s.notes == [Note(1, len(s.record), "why did the uprising fail?")]
    assert Session.load(s.path).notes == s.notes  # and the save still loads


def test_sections_helpers(ruleset, tmp_path):
    s = Session.new(ruleset, 8, HUMANS, save_dir=tmp_path)
    assert s.section("mine") is None
    s.set_section("mine", {"version": 1, "things": [1, "two", None, True]})
    assert Session.load(s.path).section("mine") == {"version": 1,
                                                    "things": [1, "two", None, True]}
    with pytest.raises(saves.SectionError):
        s.set_section("mine", {"version": 1, "x": 0.5})
    for i in range(saves.MAX_SECTIONS - 1):
        s.set_section(f"s{i}", {"version": 1})
    with pytest.raises(saves.SectionError, match="at most"):
        s.set_section("one_more", {"version": 1})
    assert len(Session.load(s.path).sections) == saves.MAX_SECTIONS


def test_a_branch_keeps_the_classroom_of_the_turns_before_it(ruleset, tmp_path):
    from wargame.classroom import Classroom, Outcome, Settings

    s = Session.new(ruleset, 8, HUMANS, turns=3, save_dir=tmp_path)
    room = Classroom(Settings(True, 0, {"putin": 3}, (Outcome("x", "x", "turn >= 1"),)))
    for turn in (1, 2, 3):
        s.advance()
        room.record_forecast(turn, "putin", "x", 10 * turn)
        room.record_vote(turn, "putin", PASS, None, 2, 3)
        for role in ROLES:
            s.apply(Order(role, PASS))
        s.set_section("classroom", room.to_data())
        s.set_section("other", {"version": 1, "kept": True})
        s.advance()
    child = s.branch(2)
    kept = Classroom.of(child.sections)
    assert [f.turn for f in kept.forecasts] == [1] and [v.turn for v in kept.votes] == [1]
    assert kept.settings == room.settings
    assert child.sections["other"] == {"version": 1, "kept": True}
    assert Classroom.of(Session.load(child.path).sections).forecasts == kept.forecasts
    assert len(Classroom.of(s.sections).forecasts) == 3  # the parent keeps its own
