"""Untrusted input: every file the game reads (saves, decks, hosted games, settings) may
come from someone else. Each case of issue 15 "What was found" is reproduced here: one
clear message, the usual exit code, no traceback, no hang, no file changed.

The speed and memory figures of these cases are measured by
`benchmarks/hostile_input.py`; the tests check behaviour and structure (a hostile save is
refused before its document is built), not time.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from wargame import saves
from wargame.cli import main
from wargame.engine.digest import sha256
from wargame.saves import SaveError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "saves" / "regime-falls.json"
ESC = "\x1b"


def run(*args: str, timeout: float = 120, **options) -> subprocess.CompletedProcess:
    """`wargame ARGS` in a process of its own (output as text)."""
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, **options)


def refused(code: int, err: str, status: int = 2, lines: int = 1) -> None:
    """One line naming the problem (`lines` for a list of a deck's problems), the usual
    status, no traceback, no escape."""
    assert code == status, err
    assert err.startswith("wargame: ") and "Traceback" not in err, err
    assert err.count("\n") == lines and ESC not in err, err


def example(**changes) -> dict:
    """The example save's data, with `changes` to its embedded scenario's rule settings;
    the decks' digest is made to match, as an editor who knew the format would."""
    data = json.loads(EXAMPLE.read_text())
    scenario = data["ruleset"]["data"]["scenario"]
    scenario.setdefault("tuning", {}).update(changes)
    data["ruleset"]["digest"] = sha256(data["ruleset"]["data"])
    return data


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def zero_step_save() -> dict:
    """The example save as someone would make it with `BACKLASH_STEP = 0` in its decks:
    the decks' digest and every turn's digest made to match, up to the first month whose
    backlash divides by the setting (there the rules stopped before the issue's fix)."""
    import attrs

    from wargame.decks import ruleset_from_data
    from wargame.engine import apply, new_game
    from wargame.engine.rules import Tuning
    from wargame.saves import checkpoint, decode, turn_ended

    data = example(BACKLASH_STEP=0)
    original = decode(EXAMPLE.read_bytes(), str(EXAMPLE))
    tuning = Tuning()
    object.__setattr__(tuning, "BACKLASH_STEP", 0)  # past the checks, as a hand edit is
    plain = ruleset_from_data(json.loads(EXAMPLE.read_text())["ruleset"]["data"], "x")
    ruleset = attrs.evolve(plain, tuning=tuning, digest=data["ruleset"]["digest"],
                           data=data["ruleset"]["data"], edition=original.edition)
    state = new_game(ruleset, original.seed, original.turns)
    digests = [checkpoint(state, 0, 0).to_data()]
    for index, recorded in enumerate(original.record, start=1):
        before = state
        try:
            state = apply(state, recorded.action)
        except ZeroDivisionError:
            break
        if turn_ended(before, state):
            digests.append(checkpoint(state, before.turn, index).to_data())
    else:
        raise AssertionError("the game never divided by the setting")
    data["digests"][: len(digests)] = digests
    return data


# -- 4. a 40 KB save that hung the loader ------------------------------------------------


def crafted(size: int) -> bytes:
    """A string of escaped quotes that never closes: the old pre-scan took time of the
    order of the square of its size (5 s for 40 KB, 21 s for 80 KB)."""
    return b'"' + b'\\"' * (size // 2)


def test_a_crafted_save_is_refused_at_once_with_exit_2(tmp_path):
    # 1 MB: the old scan would have taken hours; the timeout only guards against a hang.
    path = tmp_path / "q.json"
    path.write_bytes(crafted(1_000_000))
    before = path.read_bytes()
    result = run("replay", str(path), "--verify", timeout=60)
    refused(result.returncode, result.stderr)
    assert "not valid JSON" in result.stderr
    assert path.read_bytes() == before


def test_the_title_screen_reads_a_crafted_save_without_freezing(tmp_path, monkeypatch):
    """The newest save in the folder is read for the title screen's Resume line: a
    crafted one is named as unreadable, and the screen answers keys meanwhile."""
    import asyncio

    from tui_pilot import screen_text, wait_for

    from wargame.tui.app import SpringboardApp
    from wargame.tui.settings import Settings

    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "q.json").write_bytes(crafted(1_000_000))

    async def scenario():
        app = SpringboardApp(save_dir=folder, settings=Settings(path=tmp_path / "s.json",
                                                                hints=False))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda a: "cannot be read" in screen_text(a), tries=500)
    asyncio.run(scenario())


# -- 5. a 5 MB save of [{},{},...] -----------------------------------------------------------


def test_a_save_of_a_million_empty_objects_is_refused_before_it_is_built(tmp_path,
                                                                         monkeypatch):
    path = tmp_path / "wide.json"
    path.write_text("[" + ",".join(["{}"] * 1_250_000) + "]")  # 5 MB
    parsed: list[int] = []
    real_loads = json.loads

    def spy(text, *args, **kwargs):
        parsed.append(len(text))
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", spy)
    tracemalloc.start()
    try:
        with pytest.raises(SaveError, match="more than 300,000 values"):
            saves.read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not parsed, "the document was parsed before its size was known"
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MB to refuse a 5 MB file"


def test_the_parser_builds_no_object_of_a_document_over_the_bounds():
    from wargame.untrusted import JsonLimits, Untrusted, parse_json

    built = []
    limits = JsonLimits(max_bytes=10 * 2**20, max_values=1_000)
    with pytest.raises(Untrusted, match="more than 1,000 values"):
        parse_json(("[" + ",".join(['{"a": 1}'] * 1_001) + "]").encode(), limits,
                   on_object=lambda: built.append(1))
    assert not built
    parse_json(("[" + ",".join(['{"a": 1}'] * 400) + "]").encode(), limits,
               on_object=lambda: built.append(1))
    assert len(built) == 400  # the hook does count: within bounds, every object is built


# -- 7. a rule setting of 0 ------------------------------------------------------------------


@pytest.fixture
def deck_copy(tmp_path):
    target = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", target)
    return target


def test_a_zero_the_rules_divide_by_is_refused_by_decks_check(deck_copy, capsys):
    path = deck_copy / "scenarios" / "october-2022.toml"
    path.write_text(path.read_text() + "\n[tuning]\nBACKLASH_STEP = 0\nPURSE_CAP = -1\n")
    assert main(["decks", "check", str(deck_copy)]) == 1
    err = capsys.readouterr().err
    assert "field 'tuning.BACKLASH_STEP': must be from 1 to 1,000,000 (the rules divide by " \
           "it), not 0" in err
    assert "field 'tuning.PURSE_CAP': must be from 0 to 100 (a count), not -1" in err


@pytest.mark.parametrize("command", [
    ["replay", "{}", "--verify"], ["replay", "{}", "--text"], ["debrief", "{}"],
    ["compare", "{}", str(EXAMPLE)], ["replay", "{}"], ["resume", "{}"]],
    ids=["verify", "text", "debrief", "compare", "viewer", "resume"])
def test_a_save_with_a_zero_setting_cannot_be_trusted_exit_2(command, tmp_path, capsys):
    path = write(tmp_path / "zero.json", zero_step_save())
    code = main([part.format(path) for part in command])
    err = capsys.readouterr().err
    refused(code, err)
    assert "field 'tuning.BACKLASH_STEP': must be from 1 to 1,000,000" in err


def test_the_verify_exit_codes_keep_their_meanings(tmp_path, capsys):
    assert main(["replay", str(EXAMPLE), "--verify"]) == 0
    diverged = example()
    diverged["digests"][3]["digest"] = "0" * 64
    assert main(["replay", str(write(tmp_path / "d.json", diverged)), "--verify"]) == 1
    assert "diverges" in capsys.readouterr().err
    untrusted = example(RISING_GARRISON_PER=0)
    assert main(["replay", str(write(tmp_path / "u.json", untrusted)), "--verify"]) == 2
    assert "RISING_GARRISON_PER" in capsys.readouterr().err


def test_every_rule_setting_at_the_ends_of_its_range_plays_without_error(ruleset):
    """Whatever a scenario may set, within the ranges `decks check` allows, a game runs:
    a setting added to the rules later gets a range that keeps this true."""
    import attrs
    from helpers import random_game

    from wargame.decks import setting_range
    from wargame.engine.rules import Tuning

    for name in Tuning.defaults():
        lo, hi, _ = setting_range(name)
        for value in (lo, hi):
            for edition in (1, 2):
                tuned = attrs.evolve(ruleset, tuning=Tuning(**{name: value}), edition=edition)
                states, _ = random_game(tuned, 3, [1, 2, 0, 3], turns=4)
                assert states[-1].phase == "over"


def test_a_negative_number_of_troops_is_refused(deck_copy, capsys):
    path = deck_copy / "lukashenko.toml"
    text = path.read_text()
    found = re.search(r"mobilise = (\d+)", text)
    path.write_text(text.replace(found.group(0), f"mobilise = -{found.group(1)}", 1))
    assert main(["decks", "check", str(deck_copy)]) == 1
    assert f"must be from 0 to 1,000,000, not -{int(found.group(1)):,}" in \
        capsys.readouterr().err


def test_the_rules_refuse_a_zero_divisor_even_from_python():
    from wargame.engine.rules import Tuning

    with pytest.raises(ValueError, match="BACKLASH_STEP must be at least 1"):
        Tuning(BACKLASH_STEP=0)
    with pytest.raises(ValueError, match="PURSE_CAP must be at least 0"):
        Tuning(PURSE_CAP=-3)


# -- 8. deck files ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("xx = " + "[" * 3000 + "]" * 3000, "nested more than 20 levels deep"),
    ("xx = " + "{a = " * 3000 + "1" + "}" * 3000, "nested more than 20 levels deep"),
    ("xx = " + "9" * 5000, "a number with too many digits"),
    ("xx = 0x" + "f" * 20000, "a number too large for a deck"),
], ids=["3,000-deep lists", "3,000-deep tables", "5,000 digits", "0x and 20,000 digits"])
def test_hostile_deck_files_are_one_clear_problem(deck_copy, capsys, text, expected):
    path = deck_copy / "scenarios" / "classroom.toml"
    path.write_text(text + "\n" + path.read_text())
    assert main(["decks", "check", str(deck_copy)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {expected}" in err and "Traceback" not in err


def test_a_huge_number_in_a_known_field_is_named_not_formatted(deck_copy, capsys):
    path = deck_copy / "scenarios" / "october-2022.toml"
    path.write_text(path.read_text() + "\n[tuning]\nBACKLASH_STEP = 0x" + "f" * 20000 + "\n")
    assert main(["decks", "check", str(deck_copy)]) == 1
    assert "a number too large for a deck" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["fifo", "folder", "huge"])
def test_a_deck_file_that_is_not_a_regular_file_is_not_read(deck_copy, kind, capsys):
    import os

    path = deck_copy / "world.toml"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # opening it to read would wait for a writer forever
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"#" * 2_000_000)
    assert main(["decks", "check", str(deck_copy)]) == 1
    err = capsys.readouterr().err
    expected = {"fifo": "is not a regular file", "folder": "is a folder",
                "huge": "larger than"}[kind]
    assert f"{path}: {expected}" in err


def test_decks_given_a_file_say_it_is_not_a_folder(tmp_path, capsys):
    assert main(["decks", "check", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a deck folder" in err and "no such folder" not in err
    assert main(["play", "--decks", str(EXAMPLE)]) == 2
    assert "is a file, not a deck folder" in capsys.readouterr().err


# -- 9. terminal escapes ------------------------------------------------------------------------


def test_decks_check_prints_no_escape_and_no_markup_from_a_title(deck_copy):
    path = deck_copy / "putin.toml"
    text = path.read_text()
    first = re.search(r'title = "([^"]*)"', text)
    path.write_text(text.replace(first.group(0),
                                 'title = "\\u001b]0;pwned\\u0007\\u001b[2J' +
                                 first.group(1) + '"', 1))
    result = run("decks", "check", str(deck_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "holds ESC (U+001B)" in result.stderr
    assert ESC not in result.stdout + result.stderr
    # Brackets are a title's own business: shown as written, never read as markup.
    path.write_text(text.replace(first.group(0), 'title = "[/] [bold]x ' + first.group(1)
                                 + '"', 1))
    result = run("decks", "check", str(deck_copy), env={"COLUMNS": "200", "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert "[/] [bold]x " + first.group(1) in result.stdout


def with_escapes() -> dict:
    data = example()
    data["ruleset"]["data"]["decks"]["putin"]["card"][0]["title"] = f"{ESC}]0;pwned\a{ESC}[2J"
    data["ruleset"]["digest"] = sha256(data["ruleset"]["data"])
    return data


def test_a_save_carrying_escapes_in_its_decks_is_refused_without_printing_them(
        tmp_path, capsys):
    path = write(tmp_path / "esc.json", with_escapes())
    for command in (["debrief", str(path), "--format", "md"], ["replay", str(path), "--text"],
                    ["replay", str(path), "--verify"]):
        code = main(command)
        out, err = capsys.readouterr()
        refused(code, err)
        assert "holds ESC (U+001B)" in err and ESC not in out


def test_verify_never_prints_the_saves_game_version_raw(tmp_path, capsys):
    data = example()
    data["game_version"] = f"9{ESC}]0;pwned\a"
    assert main(["replay", str(write(tmp_path / "v.json", data)), "--verify"]) == 2
    refused(2, capsys.readouterr().err)


def test_notes_and_reasons_with_control_characters_are_refused(tmp_path, capsys):
    data = example()
    data["notes"] = [{"turn": 1, "action": 0, "text": f"look {ESC}[31mred"}]
    assert main(["replay", str(write(tmp_path / "n.json", data)), "--text"]) == 2
    err = capsys.readouterr().err
    assert "notes[0].text: holds ESC (U+001B)" in err and ESC not in err


def test_file_names_and_messages_reach_the_screen_as_text(tmp_path):
    """A save whose name holds brackets (markup) and an escape, in the saves folder: the
    title screen, the save picker and a notification show them as text."""
    import asyncio

    from tui_pilot import screen_text, settle, wait_for

    from wargame.tui.app import SpringboardApp
    from wargame.tui.settings import Settings

    folder = tmp_path / "x[" / "]saves"  # its path reads '[/]', a markup closing tag
    folder.mkdir(parents=True)
    name = f"a[b]c[@click=app.quit]{ESC}[2J.json"
    shutil.copy(EXAMPLE, folder / name)
    (folder / "broken[b].json").write_text("{")

    async def scenario():
        app = SpringboardApp(save_dir=folder, settings=Settings(path=tmp_path / "s.json",
                                                                hints=False))
        async with app.run_test(size=(120, 34)) as pilot:
            await wait_for(pilot, lambda a: "cannot be read" in screen_text(a), tries=300)
            app.action_open_save()
            await settle(pilot)
            await wait_for(pilot, lambda a: "a[b]c[@click=app.quit]␛[2J.json"
                           in screen_text(a), tries=300)
            assert "x[/]saves" in screen_text(app)
            app.notify(f"[/] {name} [bold]")
            await settle(pilot)
            text = screen_text(app)
            assert ESC not in text and app.is_running
    asyncio.run(scenario())


def test_one_sanitiser_shows_what_it_replaced():
    from wargame.untrusted import printable

    assert printable(f"a{ESC}[2Jb\x07c\u202ed\x9be\tf\ng") == "a␛[2Jb␇c�d�e\tf\ng"
    assert printable("Чаму? ¶12 — «ok»") == "Чаму? ¶12 — «ok»"


# -- 11. broken pipes and Ctrl+C -----------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["simulate", "--games", "20", "--json"], ["simulate", "--games", "20"],
    ["replay", str(EXAMPLE), "--text"], ["debrief", str(EXAMPLE)], ["decks", "check"]])
def test_a_closed_pipe_ends_a_command_quietly(command):
    shell = (f"{sys.executable} -m wargame {' '.join(command)} | head -c1 >/dev/null; "
             "echo ${PIPESTATUS[0]}")
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    # 141 (128 + SIGPIPE) when the pipe closed under it; 0 when the whole output fitted
    # in the pipe before `head` left.
    assert result.stdout.strip() in ("141", "0"), result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr


def test_ctrl_c_ends_a_command_quietly_with_130(tmp_path):
    import os
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "wargame", "simulate", "--games", "100000",
                             "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C does: the whole process group
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130 and "Traceback" not in err, err


# -- 12. messages and arguments in plain words, before any screen opens ---------------------


@pytest.mark.parametrize(("args", "expected"), [
    (["play", "--scenario", "nope"], "--scenario: no scenario 'nope'"),
    (["play", "--role", "putin", "--role", "putin"], "--role putin is given twice"),
    (["play", "--role", "putin", "--role", "opposition", "--role", "lukashenko",
      "--role", "putin"], "--role putin is given twice"),
    (["play", "--hotseat", "--role", "putin"], "--hotseat and --role do not go together"),
    (["play", "--decks", str(EXAMPLE)], "is a file, not a deck folder"),
    (["play", "--edition", "99"], "--edition: there is no rules edition 99"),
    (["replay", str(EXAMPLE), "--turn", "-1"], "--turn must be 1 or more"),
    (["replay", str(EXAMPLE), "--turn", "3", "--verify"],
     "--turn goes with the replay viewer, not with --verify"),
    (["replay", str(EXAMPLE), "--as", "putin", "--text"],
     "--as goes with the replay viewer, not with --text"),
])
def test_arguments_are_checked_before_a_screen_opens(args, expected):
    # In a process of its own: a screen opened by mistake would wait for keys (timeout).
    result = run(*args, timeout=60, stdin=subprocess.DEVNULL)
    refused(result.returncode, result.stderr, lines=2 if "deck folder" in expected else 1)
    assert expected in result.stderr


def test_messages_name_kinds_in_words_not_python_types(tmp_path, deck_copy, capsys):
    data = example()
    data["actions"] = {}
    assert main(["replay", str(write(tmp_path / "a.json", data)), "--verify"]) == 2
    err = capsys.readouterr().err
    assert "actions: must be a list, not an object" in err
    path = deck_copy / "scenarios" / "classroom.toml"
    path.write_text(re.sub(r"(?m)^turns = .*$", "", path.read_text()))
    assert main(["decks", "check", str(deck_copy)]) == 1
    err = capsys.readouterr().err
    assert "field 'turns': is missing" in err
    for word in ("NoneType", "_Pairs", "dict", "list'>"):
        assert word not in err


# -- the other readers: settings, scripts ------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "deep", "huge", "folder"])
def test_a_settings_file_from_elsewhere_means_the_defaults(tmp_path, kind):
    import os

    from wargame.tui.settings import FILE_NAME, Settings

    path = tmp_path / FILE_NAME
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "deep":
        path.write_text('{"theme": ' + "[" * 100_000 + "]" * 100_000 + "}")
    elif kind == "huge":
        path.write_text('{"theme": "' + "x" * 10_000_000 + '"}')
    else:
        path.mkdir()
    settings = Settings.load(tmp_path)
    assert settings == Settings(path=path)


def test_a_hostile_script_of_orders_is_one_clear_error(ruleset, tmp_path, capsys):
    from wargame.hosting import create
    from wargame.saves import Seat

    path = create(ruleset, 1, {r: Seat(r) for r in ("lukashenko", "putin", "opposition")},
                  turns=1, games_dir=tmp_path, name="g")
    script = tmp_path / "orders.json"
    script.write_text('{"1": ' + "[" * 50_000 + "]" * 50_000 + "}")
    code = main(["join", str(path), "--role", "putin", "--script", str(script)])
    refused(code, capsys.readouterr().err)
