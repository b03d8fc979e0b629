"""Saved games: the format round-trips, replays exactly, is written atomically, migrates,
and every bad file gets one clear message (exit status 2) and is left untouched."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import random_game
from hypothesis import given
from hypothesis import strategies as st

from wargame import saves
from wargame.cli import main
from wargame.engine import PASS, ROLES, Order, digest, play
from wargame.saves import Divergence, SaveError, Seat
from wargame.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "saves").glob("*.json"))
HUMANS = {r: Seat(r) for r in ROLES}


def session_of(ruleset, seed, actions, notes_at=()) -> Session:
    s = Session.new(ruleset, seed, HUMANS, autosave=False)
    for i, action in enumerate(actions):
        if i in notes_at:
            s.add_note(f"note before action {i}: ¿por qué? Чаму?")
        s.apply(action)
    return s


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- the example saves: golden files ---------------------------------------------------


def test_the_examples_are_complete_games_of_each_kind():
    assert len(EXAMPLES) >= 4
    loaded = {p.name: Session.load(p) for p in EXAMPLES}
    assert all(s.over for s in loaded.values())
    ends = {(s.state.end, s.state.turn == s.turns) for s in loaded.values()}
    assert ("fallen", False) in ends, "one game ends with the regime falling"
    assert any(s.state.end == "time" and s.turns == 12 and s.state.turn == 12
               for s in loaded.values()), "one game runs the full 12 turns"
    branches = [s for s in loaded.values() if s.parent is not None]
    assert branches
    for branch in branches:
        parent = loaded[branch.parent.file]
        assert parent.game_id == branch.parent.game
        start = parent.checkpoints[branch.parent.turn - 1]
        assert branch.checkpoints[branch.parent.turn - 1] == start
        assert branch.record[: start.after] == parent.record[: start.after]
        assert branch.record != parent.record
    assert any(s.notes for s in loaded.values())
    assert any(r.reason for s in loaded.values() for r in s.record), "bots gave reasons"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_verifies(path, capsys):
    before = snapshot(path)
    assert main(["replay", str(path), "--verify"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{path}: OK") and "digests match" in out
    assert len(out.splitlines()) == 1
    assert snapshot(path) == before


def test_the_replay_command_in_a_real_process(tmp_path):
    example = ROOT / "saves" / "regime-falls.json"
    ok = subprocess.run([sys.executable, "-m", "wargame", "replay", str(example), "--verify"],
                        capture_output=True, text=True, cwd=tmp_path,
                        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert ok.returncode == 0, ok.stderr
    assert "OK" in ok.stdout
    copy = tmp_path / "edited.json"
    copy.write_bytes(edited(example)[0])
    bad = subprocess.run([sys.executable, "-m", "wargame", "replay", str(copy), "--verify"],
                         capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert bad.returncode == 1
    assert "diverges" in bad.stderr and "Traceback" not in bad.stderr


def edited(example: Path, nth_order: int = 5) -> tuple[bytes, int]:
    """The example with its `nth_order` order (not a pass) changed to a pass, and the
    turn in which that order was given."""
    session = Session.load(example)
    orders = [i for i, r in enumerate(session.record)
              if isinstance(r.action, Order) and r.action.card != PASS]
    index = orders[nth_order]
    data = json.loads(example.read_text())
    data["actions"][index]["action"] = {"type": "order", "role": session.record[index].by,
                                        "card": PASS}
    return json.dumps(data).encode(), session.turn_of_action(index)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_editing_one_action_makes_verify_exit_1_naming_the_turn(path, tmp_path, capsys):
    raw, turn = edited(path)
    copy = tmp_path / path.name
    copy.write_bytes(raw)
    assert main(["replay", str(copy), "--verify"]) == 1
    err = capsys.readouterr().err.strip()
    month = Session.load(path).ruleset.scenario.month_label(turn)
    assert err.startswith(f"wargame: {copy}: turn {turn} ({month}) diverges:"), err
    assert len(err.splitlines()) == 1
    assert copy.read_bytes() == raw


def test_an_action_that_became_illegal_names_the_action_and_turn(tmp_path, capsys):
    example = ROOT / "saves" / "twelve-months.json"
    session = Session.load(example)
    index = next(i for i, r in enumerate(session.record)
                 if session.turn_of_action(i) == 4 and isinstance(r.action, Order))
    data = json.loads(example.read_text())
    data["actions"][index]["action"]["card"] = "no_such_card"
    data["actions"][index]["action"].pop("option", None)
    copy = tmp_path / "illegal.json"
    copy.write_text(json.dumps(data))
    with pytest.raises(Divergence) as info:
        saves.verify(copy)
    assert info.value.turn == 4 and info.value.action_index == index + 1
    assert f"action {index + 1} of {len(session.record)}" in str(info.value)
    assert main(["replay", str(copy), "--verify"]) == 1
    assert "turn 4 (January 2023)" in capsys.readouterr().err
    # Loading it for play is the same clean error, status 2.
    assert main(["replay", str(copy), "--text"]) == 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_old_saves_replay_after_the_rules_are_retuned(path, monkeypatch):
    """A save carries the rule settings it was played under (in its embedded scenario),
    so changing a default or adding a setting leaves it replaying exactly."""
    from wargame.engine.rules import Tuning

    embedded = json.loads(path.read_text())["ruleset"]["data"]["scenario"]["tuning"]
    loaded = Session.load(path).ruleset.tuning.as_dict()
    assert {k: loaded[k] for k in embedded} == embedded  # settings added since: defaults
    for name, value in Tuning.defaults().items():
        monkeypatch.setattr(Tuning, name, value + 1)
    monkeypatch.setattr(Tuning, "A_SETTING_ADDED_LATER", 3, raising=False)
    assert "A_SETTING_ADDED_LATER" in Tuning.defaults()
    result = saves.verify(path)
    tuning = result.save.ruleset.tuning.as_dict()
    assert {k: tuning[k] for k in embedded} == embedded
    assert tuning["A_SETTING_ADDED_LATER"] == 3


def test_a_divergence_names_the_game_version_that_wrote_the_save(tmp_path):
    from wargame import __version__

    data = json.loads((ROOT / "saves" / "regime-falls.json").read_text())
    data["game_version"] = __version__  # as if this version had written it
    data["digests"][2]["digest"] = "0" * 64
    copy = tmp_path / "diverges.json"
    copy.write_text(json.dumps(data))
    with pytest.raises(Divergence) as info:
        saves.verify(copy)
    assert "written by" not in str(info.value)
    data["game_version"] = "0.0.1"
    copy.write_text(json.dumps(data))
    with pytest.raises(Divergence) as info:
        saves.verify(copy)
    assert str(info.value).endswith(f"(the save was written by wargame 0.0.1, this is "
                                    f"{__version__}: the rules may have changed since)")


def test_the_text_summary_retells_the_game(capsys):
    example = ROOT / "saves" / "twelve-months.json"
    session = Session.load(example)
    assert main(["replay", str(example), "--text"]) == 0
    out = capsys.readouterr().out
    for turn in range(1, 13):
        assert f"Turn {turn}: {session.ruleset.scenario.month_label(turn)}" in out
    flat = " ".join(out.split())
    month = session.ruleset.scenario.month_label
    for note in session.notes:  # under the header of the turn it was made in
        at = flat.index(f"✎ Note: {note.text[:40]}")
        assert flat.index(f"Turn {note.turn}: {month(note.turn)}") < at
        after = flat.find(f"Turn {note.turn + 1}: {month(note.turn + 1)}")
        assert after == -1 or at < after
    reveals = [e for e in session.state.log if e.kind == "reveal"]
    assert all(e.text in out for e in reveals)
    assert any(r.reason and r.reason[:30] in " ".join(out.split()) for r in session.record)
    assert next(e for e in session.state.log if e.kind == "end").text[:40] in out


# -- round trip ---------------------------------------------------------------------------


seeds = st.integers(0, 2**64 - 1)
picks = st.lists(st.integers(0, 1000), min_size=1, max_size=30)


@given(seeds, picks, st.integers(0, 500), st.sets(st.integers(0, 120), max_size=4))
def test_any_game_saves_loads_and_verifies(ruleset, seed, choices, cut, notes_at):
    _, actions = random_game(ruleset, seed, choices)
    actions = actions[: min(cut, len(actions))]  # finished games and interrupted ones
    session = session_of(ruleset, seed, actions, notes_at)
    raw = saves.encode(session.document())
    save = saves.decode(raw, "game.json")
    state, checkpoints = saves.replay(save)
    assert digest(state) == digest(session.state) == digest(play(ruleset, seed, actions))
    assert list(save.record) == session.record
    assert list(save.notes) == session.notes
    assert checkpoints == session.checkpoints
    assert save.seed == seed and save.ruleset.digest == ruleset.digest
    # Same game, same bytes: nothing in the file depends on the clock or the process.
    again = Session(ruleset=save.ruleset, seed=save.seed, seats=save.seats,
                    turns=save.turns, game_id=save.game_id)
    for recorded in save.record:
        again.apply(recorded.action, recorded.reason, by=recorded.by)
    again.notes = list(save.notes)
    assert saves.encode(again.document()) == raw


def test_a_save_round_trips_through_a_file_byte_for_byte(ruleset, tmp_path):
    _, actions = random_game(ruleset, 99, [3, 1, 4, 1, 5, 9, 2, 6])
    session = session_of(ruleset, 99, actions[:40], notes_at={7})
    session.sections["forecasts"] = {"version": 1, "turns": [[1, "putin", 60]]}
    session.apply(actions[40], by="umpire")
    path = session.save(tmp_path / "a.json")
    loaded = Session.load(path)
    assert loaded.record[-1].by == "umpire"
    assert loaded.sections == session.sections
    assert loaded.save(tmp_path / "b.json").read_bytes() == path.read_bytes()


def test_the_seats_are_saved(ruleset, tmp_path):
    seats = {"lukashenko": Seat("lukashenko"), "putin": Seat("putin", "bot", "hard"),
             "opposition": Seat("opposition", "bot", "easy")}
    session = Session.new(ruleset, 5, seats, save_dir=tmp_path)
    assert Session.load(session.path).seats == seats
    header = json.loads(session.path.read_text())
    assert header["players"]["putin"] == {"kind": "bot", "level": "hard"}
    assert header["seed"] == 5 and header["format"] == "wargame-save"
    assert header["ruleset"]["data"] == ruleset.data


# -- writing safely -------------------------------------------------------------------------


@pytest.fixture
def saved(ruleset, tmp_path):
    session = Session.new(ruleset, 11, HUMANS, save_dir=tmp_path)
    session.advance()
    return session


def test_a_failed_write_leaves_the_old_save_intact(saved, monkeypatch, tmp_path):
    before = saved.path.read_bytes()

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(saves.AutosaveError) as info:
        saved.apply(Order("putin", PASS))
    assert "No space left on device" in str(info.value)
    assert str(info.value).startswith(str(saved.path))
    assert saved.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.path.name]
    # The game moved on in memory; the next autosave, once the disk has room, has it all.
    assert saved.record[-1].action == Order("putin", PASS)
    monkeypatch.undo()
    saved.apply(Order("lukashenko", PASS))
    assert Session.load(saved.path).record == saved.record


@pytest.mark.parametrize("broken", ["encode", "replace", "write"])
def test_no_failure_while_saving_loses_the_old_save(saved, monkeypatch, tmp_path, broken):
    before = saved.path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(errno.EIO, "I/O error")

    if broken == "encode":
        monkeypatch.setattr(saves, "encode", lambda doc: (_ for _ in ()).throw(
            TypeError("cannot encode")))
    elif broken == "replace":
        monkeypatch.setattr(os, "replace", boom)
    else:
        real_fdopen = os.fdopen

        class HalfWritten:
            def __init__(self, fd, mode):
                self.file = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.file.close()

            def write(self, data):
                self.file.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fdopen", HalfWritten)
    with pytest.raises((SaveError, TypeError)):
        saved.save()
    assert saved.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.path.name]


def test_writing_replaces_the_file_in_one_rename(tmp_path):
    target = tmp_path / "game.json"
    target.write_bytes(b"old")
    saves.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


# -- migration ------------------------------------------------------------------------------


def test_migrations_upgrade_old_saves_one_version_at_a_time(monkeypatch, tmp_path):
    calls = []
    name_the_edition = saves.MIGRATIONS[1]  # the real step from 0.1's format

    def v1_to_v2(data):
        calls.append(1)
        data = name_the_edition(data)
        return {**data, "version": 2, "sections": {**data["sections"],
                                                   "upgraded": {"version": 1, "from": 1}}}

    def v2_to_v3(data):
        calls.append(2)
        return {**data, "version": 3}

    monkeypatch.setattr(saves.format, "FORMAT_VERSION", 3)
    monkeypatch.setattr(saves.format, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    example = ROOT / "saves" / "regime-falls.json"
    before = snapshot(example)
    save = saves.read(example)
    assert calls == [1, 2]
    assert save.version == 1
    assert save.sections["upgraded"] == {"version": 1, "from": 1}
    saves.replay(save)  # still replays exactly
    session = Session.load(example)
    out = session.save(tmp_path / "upgraded.json")
    assert json.loads(out.read_text())["version"] == 3
    assert snapshot(example) == before, "loading never rewrites the file"


def test_a_missing_or_broken_migration_is_a_clean_error(monkeypatch):
    example = ROOT / "saves" / "regime-falls.json"
    monkeypatch.setattr(saves.format, "FORMAT_VERSION", 2)
    monkeypatch.setattr(saves.format, "MIGRATIONS", {})
    with pytest.raises(SaveError, match="can no longer be upgraded"):
        saves.read(example)
    monkeypatch.setattr(saves.format, "MIGRATIONS", {1: lambda data: data["no such field"]})
    with pytest.raises(SaveError, match="cannot upgrade from save format 1"):
        saves.read(example)


# -- bad input ------------------------------------------------------------------------------


def example_data() -> dict:
    return json.loads((ROOT / "saves" / "regime-falls.json").read_text())


def set_in(data, path, value):
    *head, last = path
    for key in head:
        data = data[key]
    data[last] = value


BAD_DOCUMENTS = {
    "wrong shape: a list": ([], "not a save: the file holds a list"),
    "not a save": ({"hello": 1}, "not a wargame save"),
    "newer format": ({"format": "wargame-save", "version": 99},
                     "written by a newer version of the game"),
}
BAD_FIELDS = [
    (("seed",), "seven", "seed: must be a whole number, not text"),
    (("seed",), -1, "seed: must be from 0 to"),
    (("seed",), 9 * 10**19, "seed: a number too large"),
    (("seed",), 10**25, "seed: a number with 26 digits (at most 20)"),
    (("seed",), 1.5, "seed: decimal numbers are not used in saves (found 1.5)"),
    (("turns",), 0, "turns: must be from 1 to 60"),
    (("players", "putin", "kind"), "robot", "players.putin.kind: must be 'human' or 'bot'"),
    (("players", "putin"), {"kind": "bot", "level": "godlike"}, "players.putin.level"),
    (("actions", 3, "action", "type"), "teleport", "actions[3].action: unknown action"),
    (("actions", 3, "by"), "nobody", "actions[3].by: must be"),
    (("actions", 2), {"action": {"type": "advance"}}, "actions[2]: the field 'by' is missing"),
    (("digests", 1, "digest"), "f" * 64, "turn 1 (October 2022) diverges"),
    (("digests", 1, "digest"), "zz", "digests[1].digest: is not a SHA-256 digest"),
    (("final", "digest"), "0" * 64, "the final state"),
    (("ruleset", "digest"), "0" * 64, "does not match the embedded decks"),
    (("ruleset", "data", "decks", "putin", "card", 0, "cost"), 10,
     "does not match the embedded decks"),
    (("notes",), [{"turn": 1, "action": 0, "text": "x" * 5_000_000}],
     "notes[0].text: a text of 5,000,000 characters"),
    (("notes",), [{"turn": 1, "action": 999, "text": "x"}], "notes[0].action: must be from"),
    (("sections",), {"x": json.loads("[" * 60 + "]" * 60)}, "nested"),
    (("sections",), {"BAD NAME": 1}, "is not a section name"),
    (("surprise",), 1, "unknown field 'surprise'"),
    (("parent",), {"file": "a.json", "game": "abc", "turn": 3, "after": 14,
                   "digest": "0" * 64}, "parent: the branch point (the start of turn 3)"),
]


def check_clean_error(path: Path, expected: str, capsys, status: int = 2) -> str:
    before = snapshot(path)
    with pytest.raises(SaveError) as info:
        Session.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}"), message
    assert expected in message, message
    assert "\n" not in message and len(message) < 600
    for args in (["replay", str(path), "--verify"], ["replay", str(path)]):
        code = main(args)
        err = capsys.readouterr().err
        assert code in (status, 1 if isinstance(info.value, Divergence) else status)
        assert err.startswith(f"wargame: {path}") and "Traceback" not in err
    assert snapshot(path) == before, "the file is left untouched"
    return message


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_documents_that_are_not_saves(name, tmp_path, capsys):
    document, expected = BAD_DOCUMENTS[name]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    check_clean_error(path, expected, capsys)


@pytest.mark.parametrize(("where", "value", "expected"), BAD_FIELDS,
                         ids=[f"{'.'.join(map(str, w))}={str(v)[:12]}" for w, v, _ in BAD_FIELDS])
def test_bad_fields_are_named(where, value, expected, tmp_path, capsys):
    data = example_data()
    set_in(data, where, value)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    check_clean_error(path, expected, capsys)


def test_invalid_embedded_decks_are_named(tmp_path, capsys):
    from wargame.engine.digest import sha256

    data = example_data()
    data["ruleset"]["data"]["decks"]["putin"]["card"][0]["cost"] = 99
    data["ruleset"]["digest"] = sha256(data["ruleset"]["data"])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    check_clean_error(path, "the embedded decks are invalid: ruleset.data, decks.putin, card",
                      capsys)


RAW_FILES = {
    "empty": (b"", "the file is empty"),
    "truncated": (None, "cut short"),
    "not JSON": (b"Dear teacher, here is my save", "not valid JSON at line 1, column 1"),
    "a stray bracket": (b'{"format": [ "wargame-save", "version": 1}\n',
                        "not valid JSON at line 1, column 39"),
    "cut inside a string": (b'{"format": "wargame-sa', "cut short"),
    "cut after a value": (b'{"format": "wargame-save", "version": 1', "cut short"),
    "not UTF-8": (b"\xff\xfe\x00\x01garbage", "not UTF-8 text"),
    "duplicate keys": (b'{"format": "wargame-save", "format": "x"}',
                       "the key 'format' appears twice"),
    "a decimal number": (b'{"format": "wargame-save", "version": 1.5}',
                         "version: decimal numbers"),
    "NaN": (b'{"format": "wargame-save", "version": NaN}', "version: NaN is not a number"),
    "a 5,000-digit number": (b'{"format": "wargame-save", "seed": ' + b"9" * 5000 + b"}",
                             "seed: a number with 5,000 digits"),
    "deep nesting": (b"[" * 1_000_000 + b"]" * 1_000_000, "nested more than 48 levels deep"),
    "deep nesting, cut short": (b'{"a": ' + b"[{" * 200_000, "nested"),
}


@pytest.mark.parametrize("name", RAW_FILES)
def test_raw_files_that_are_not_saves(name, tmp_path, capsys):
    raw, expected = RAW_FILES[name]
    if raw is None:
        whole = (ROOT / "saves" / "regime-falls.json").read_bytes()
        raw = whole[: len(whole) * 2 // 3]
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    check_clean_error(path, expected, capsys)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, capsys):
    path = tmp_path / "huge.json"
    with open(path, "wb") as out:
        out.write(b'{"format": "wargame-save", "notes": "')
        out.write(b"x" * (saves.MAX_FILE_BYTES + 10))
        out.write(b'"}')
    check_clean_error(path, "larger than 20 MB", capsys)


def test_too_many_actions(tmp_path, capsys):
    data = example_data()
    data["actions"] = [{"action": {"type": "advance"}, "by": "system"}] * (
        saves.MAX_ACTIONS + 1)
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data))
    check_clean_error(path, "actions: has 10,001 entries (at most 10,000)", capsys)


def test_too_many_values(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(saves.reading, "MAX_NODES", 50_000)
    data = example_data()
    data["sections"] = {"padding": list(range(60_000))}
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(data))
    check_clean_error(path, "more than 50,000 values", capsys)


def test_missing_files_and_folders(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nope.json"), "--verify"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["replay", str(tmp_path), "--verify"]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_nesting_depth_ignores_brackets_inside_text():
    assert saves.nesting_depth('{"a": "[[[[[[[[{{{{", "b": [1, [2]]}') == 3
    assert saves.nesting_depth('["\\"[[[["]') == 1
    assert saves.nesting_depth("") == 0


def test_a_place_holding_a_newline_still_gives_one_line() -> None:
    """A key of the file quoted as the place (hypothesis found one holding a newline) is
    shown escaped, so the message stays one line."""
    from wargame.saves import SaveError

    message = str(SaveError("game.json", "a number too large for a save", "key 'a\nb'"))
    assert "\n" not in message
    assert message == "game.json, key 'a\\nb': a number too large for a save"
