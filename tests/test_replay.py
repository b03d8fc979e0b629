"""The replay's steps (moments) and board at each step, the comparison of two games, notes
at a moment of a replay, and `wargame compare` / `wargame replay` from the command line,
on the checked-in example saves."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from attrs import evolve

from wargame.debrief import SKIPPED_KINDS, analyse, compare, of_save
from wargame.engine import ROLES, Order, digest
from wargame.engine.tracks import TRACK_INDEX, TRACKS
from wargame.report import render, render_comparison
from wargame.saves import read, verify
from wargame.session import Session

ROOT = Path(__file__).resolve().parent.parent
SAVES = ROOT / "saves"
EXAMPLES = ("twelve-months.json", "regime-falls.json", "classroom.json")


@pytest.fixture(scope="module")
def debriefs():
    return {name: of_save(read(SAVES / name)) for name in
            (*EXAMPLES, "twelve-months-branch-t6.json")}


def wargame(*args):
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_moments_are_every_log_line_and_every_sealed_order(debriefs, name):
    d = debriefs[name]
    moments = d.moments()
    assert [m.index for m in moments] == list(range(len(moments)))
    lines = [m for m in moments if m.entry is not None]
    wanted = [j for j, e in enumerate(d.final.log) if e.kind not in SKIPPED_KINDS]
    assert [m.log for m in lines] == wanted
    assert all(m.entry is d.final.log[m.log] for m in lines)
    assert moments[0].entry.kind == "setup" and moments[0].state == 0
    sealed = [m for m in moments if m.order is not None]
    orders = [(i, a) for i, a in enumerate(d.actions) if isinstance(a, Order)]
    assert [(m.state - 1, m.order.order) for m in sealed] == orders
    # Each sealed order carries the title and the reason the report gives that turn.
    for m in sealed:
        record = next(t for t in d.turns if t.turn == m.turn)
        assert m.order in record.orders
    # Steps go forward through the game: states and log positions never go back.
    assert all(a.state <= b.state and a.shown_log <= b.shown_log and a.turn <= b.turn
               for a, b in pairwise(moments))
    assert moments[-1].entry.kind == "end"


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_board_at_each_moment_is_the_engines(debriefs, name):
    d = debriefs[name]
    moments = d.moments()
    for m in moments:
        tracks, flags = d.board_at(m)
        state = d.states[m.state]
        if m.last_of_action:
            assert (tracks, flags) == (state.tracks, state.flags)
        elif m.entry is not None:
            # Within an action: the state before it with the lines so far applied, so a
            # line's own changes are on the board when it is shown.
            last = {c.name: c.after for c in m.entry.changes}  # a line may move one twice
            for name, after in last.items():
                if not name.startswith("flag:"):
                    assert tracks[TRACK_INDEX[name]] == after
        # Replaying every line's changes up to the end of the action gives the engine's
        # state exactly: what the board shows between lines is what the lines say.
        last = next(k for k in moments[m.index:] if k.state == m.state and k.last_of_action)
        if last.entry is not None and last.state:
            t, f = d.board_at(evolve(last, last_of_action=False))
            assert [t[i] for i, tr in enumerate(TRACKS) if not tr.counter] == \
                [state.tracks[i] for i, tr in enumerate(TRACKS) if not tr.counter]
            assert f == state.flags
    # At the end of every turn the board is that turn's record.
    for t in d.turns:
        end = max((m for m in moments if m.state <= t.last_action), key=lambda m: m.index)
        assert d.board_at(end)[0] == t.tracks_after == d.states[t.last_action].tracks


def test_a_role_sees_its_own_lines_and_only_redacted_ones_of_others(debriefs):
    d = debriefs["twelve-months.json"]
    for m in d.moments():
        if m.entry is None or m.entry.visible is None:
            continue
        for role in ROLES:
            seen = m.entry.seen_by(role)
            if role in m.entry.visible:
                assert seen == m.entry
            else:
                assert seen is None or seen.text != m.entry.text
        assert m.seen_by(None)


def test_a_game_compared_with_itself_is_identical(debriefs):
    d = debriefs["twelve-months.json"]
    c = compare(d, d)
    assert c.identical and c.first_action is None and not c.diverged()
    assert "identical" in c.summary()
    assert "identical" in render_comparison(c)


def test_a_branch_and_its_parent_first_differ_where_their_actions_do(debriefs):
    a, b = debriefs["twelve-months.json"], debriefs["twelve-months-branch-t6.json"]
    c = compare(a, b)
    assert not c.identical
    i = c.first_action
    # Everything before is the same game; the action at i is not.
    assert digest(a.states[i]) == digest(b.states[i])
    assert a.actions[:i] == b.actions[:i] and a.actions[i] != b.actions[i]
    assert c.first_turn == a.states[i].turn >= 6  # the branch starts at turn 6
    assert c.orders and all(x != y for _, x, y in c.orders)
    for t in c.tracks:
        if t.first_turn is not None:
            assert t.first_turn >= c.first_turn and t.a[t.first_turn] != t.b[t.first_turn]
            assert all(x == y for x, y in zip(t.a[:t.first_turn], t.b[:t.first_turn],
                                              strict=True))
        else:
            assert t.a == t.b
    assert c.diverged()
    text = render_comparison(c, "md", ("parent.json", "branch.json"))
    assert f"turn {c.first_turn}" in text and "parent.json" in text
    for t in c.diverged():
        assert next(tr.label for tr in TRACKS if tr.name == t.track) in text


def test_sealed_orders_in_another_sequence_are_the_same_game(ruleset):
    from wargame.engine import run
    from wargame.engine.rng import derive_stream

    def chooser(role):
        rng = derive_stream(9, f"test:{role}")
        return lambda v: (lambda opts: opts[rng.below(len(opts))])(v.legal_orders())

    record: list = []
    run(ruleset, 9, {r: chooser(r) for r in ROLES}, turns=3, record=record)
    # The same orders, sealed the other way round within each month.
    shuffled, run_ = [], []
    for action in [*record, None]:
        if isinstance(action, Order):
            run_.append(action)
            continue
        shuffled.extend(reversed(run_))
        run_ = []
        if action is not None:
            shuffled.append(action)
    assert shuffled != record
    a, b = analyse(ruleset, 9, record, 3), analyse(ruleset, 9, shuffled, 3)
    assert digest(a.final) == digest(b.final)
    assert compare(a, b).identical
    # A game cut short is not: the other game goes on where it stops.
    short = analyse(ruleset, 9, record[: a.turns[1].last_action], 3)
    c = compare(a, short)
    assert not c.identical and c.first_turn == 3 and c.b_action is None
    assert "B stops there" in c.summary()


def test_games_with_different_seeds_differ_from_the_setup(debriefs):
    c = compare(debriefs["twelve-months.json"], debriefs["regime-falls.json"])
    assert not c.identical and "seeds differ" in c.summary()
    with pytest.raises(ValueError, match="different scenarios"):
        compare(debriefs["twelve-months.json"], debriefs["classroom.json"])


def test_a_note_at_a_moment_of_a_replay_is_kept_in_the_save(tmp_path, debriefs):
    path = tmp_path / "game.json"
    shutil.copy(SAVES / "twelve-months.json", path)
    session = Session.load(path)
    d = debriefs["twelve-months.json"]
    before = list(session.notes)
    at = d.turns[4].first_action + 3  # a moment of turn 5
    note = session.add_note("Why did Moscow ask now?", at=at)
    assert (note.turn, note.action_index) == (5, at) == (d.states[at].turn, at)
    assert [n.action_index for n in session.notes] == sorted(
        n.action_index for n in [*before, note])
    again = Session.load(path)
    assert note in again.notes and len(again.notes) == len(before) + 1
    assert ": OK," in verify(path).summary()
    assert "Why did Moscow ask now?" in render(of_save(read(path)), "md")
    with pytest.raises(ValueError):
        session.add_note("too late", at=len(session.record) + 1)
    with pytest.raises(ValueError):
        session.add_note("before the start", at=-1)


def test_wargame_compare_prints_where_two_saves_differ(tmp_path):
    a, b = SAVES / "twelve-months.json", SAVES / "twelve-months-branch-t6.json"
    result = wargame("compare", str(a), str(b))
    assert result.returncode == 0, result.stderr
    assert "They first differ at turn 8" in result.stdout
    assert "| Stability |" in result.stdout
    out = tmp_path / "c.json"
    result = wargame("compare", str(a), str(b), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["first_difference"]["turn"] == 8 and not data["identical"]
    assert data["tracks"]["stability"]["a"][0] == data["tracks"]["stability"]["b"][0]
    mixed = wargame("compare", str(a), str(SAVES / "classroom.json"))
    assert mixed.returncode == 2 and "different scenarios" in mixed.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    broken = wargame("compare", str(a), str(bad))
    assert broken.returncode == 2 and str(bad) in broken.stderr
    assert "Traceback" not in broken.stderr


def test_wargame_replay_checks_its_options_before_opening_the_viewer(tmp_path):
    save = SAVES / "twelve-months.json"
    assert wargame("replay", str(save), "--verify").returncode == 0
    text = wargame("replay", str(save), "--text")
    assert text.returncode == 0 and "September 2023" in text.stdout
    late = wargame("replay", str(save), "--turn", "13")
    assert late.returncode == 2 and "--turn must be from 1 to 12" in late.stderr
    other = wargame("replay", str(save), "--compare", str(SAVES / "classroom.json"))
    assert other.returncode == 2 and "another scenario" in other.stderr


def test_the_text_retelling_fits_the_terminal_and_wraps_under_its_indent():
    import os

    save = SAVES / "twelve-months.json"
    result = subprocess.run([sys.executable, "-m", "wargame", "replay", str(save), "--text"],
                            capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not [line for line in lines if line != line.rstrip()]  # no padding to the width
    why = next(i for i, line in enumerate(lines) if line.startswith("    why: ")
               and lines[i + 1].startswith("    ") and not lines[i + 1].startswith("    why"))
    assert lines[why + 1][4] != " "  # a reason's second line sits under its first
