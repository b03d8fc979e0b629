"""Generated garbage fed to every reader of a file from elsewhere: saves, decks, hosted
games' rows and sections, settings. Whatever the bytes, each reader gives its one clear
error (one line naming the file, for the errors that name one) or works; it never
raises anything else, never hangs on a hostile shape (nesting, width, long numbers:
bounded before anything is built), and never changes the file it reads. Issue 15's
property test; `tests/test_saves_fuzz.py` mutates saves byte by byte as well."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import saves
from wargame.decks import DeckError, load_decks
from wargame.engine import ROLES
from wargame.hosting import HostedError, HostedSession, create
from wargame.saves import SaveError, Seat
from wargame.session import Session
from wargame.tui.settings import FILE_NAME, Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "saves" / "regime-falls.json").read_bytes()
# A hang guard, not a speed goal: a hostile shape is bounded before it is built.
GARBAGE = settings(deadline=timedelta(seconds=30), max_examples=60,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=5),
    max_leaves=40)


@st.composite
def hostile(draw) -> bytes:
    """Bytes of every kind a file from elsewhere may hold."""
    kind = draw(st.sampled_from(["bytes", "json", "bomb", "mutant", "text"]))
    if kind == "bytes":
        return draw(st.binary(max_size=3000))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "text":
        return draw(st.text(max_size=2000)).encode("utf-8", "surrogatepass")
    if kind == "bomb":
        depth = draw(st.integers(10, 20_000))
        shape = draw(st.sampled_from(["[", "{\"a\":", "[{\"a\":", "\"\\\"", "9", "[{},"]))
        close = {"[": "]", "{\"a\":": "}", "[{\"a\":": "}]"}.get(shape, "")
        return (shape * depth + "1" + close * draw(st.integers(0, depth))).encode()
    raw = bytearray(EXAMPLE)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at: at + draw(st.integers(0, 40))] = draw(st.binary(max_size=40))
    return bytes(raw)


def one_line(message: str, path: Path | str) -> None:
    assert "\n" not in message and len(message) < 800, message
    assert message.startswith(str(path)), message
    assert "Traceback" not in message and "\x1b" not in message


# -- saves -------------------------------------------------------------------------------------


@GARBAGE
@given(raw=hostile())
def test_every_save_reader_gives_one_clear_error(raw, tmp_path_factory):
    path = tmp_path_factory.mktemp("save") / "garbage.json"
    path.write_bytes(raw)
    stamp = path.stat().st_mtime_ns
    for reader in (saves.read, Session.load, saves.verify):
        try:
            reader(path)
        except SaveError as exc:
            one_line(str(exc), path)
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == stamp


# -- decks -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("decks") / "decks"
    shutil.copytree(ROOT / "decks", target)
    return target


@st.composite
def hostile_toml(draw) -> bytes:
    kind = draw(st.sampled_from(["garbage", "nested", "number", "append"]))
    if kind == "garbage":
        return draw(hostile())
    if kind == "nested":
        depth = draw(st.integers(5, 5000))
        opener = draw(st.sampled_from(["[", "{a = ", "[{a = "]))
        closer = {"[": "]", "{a = ": "}", "[{a = ": "}]"}[opener]
        return f"x = {opener * depth}1{closer * depth}\n".encode()
    if kind == "number":
        digits = draw(st.integers(1, 30_000))
        return f"x = {draw(st.sampled_from(['', '0x', '0o', '-']))}{'7' * digits}\n".encode()
    return (ROOT / "decks" / "world.toml").read_bytes() + draw(st.binary(max_size=200))


@GARBAGE
@given(raw=hostile_toml(), name=st.sampled_from(["world.toml", "putin.toml",
                                                  "scenarios/classroom.toml"]))
def test_every_deck_reader_gives_its_problems_and_nothing_else(raw, name, decks):
    path = decks / name
    original = (ROOT / "decks" / name).read_bytes()
    path.write_bytes(raw)
    try:
        try:
            load_decks(decks)
        except DeckError as exc:
            assert exc.problems and all("\x1b" not in str(p) for p in exc.problems)
        assert path.read_bytes() == raw
    finally:
        path.write_bytes(original)


# -- hosted games ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> tuple[Path, str]:
    from wargame.decks import load_decks as load

    folder = tmp_path_factory.mktemp("games")
    path = create(load(ROOT / "decks").ruleset(), 3, {r: Seat(r) for r in ROLES}, turns=2,
                  games_dir=folder, name="g")
    with HostedSession.join(path, "putin") as putin:
        putin.advance()
        return path, putin.holder


@GARBAGE
@given(raw=hostile(), where=st.sampled_from(["action", "reason", "sections", "note", "by"]),
       chained=st.booleans())
def test_every_hosted_row_is_checked_before_it_is_played(raw, where, chained, hosted):
    path, holder = hosted
    text = raw.decode("utf-8", "replace")
    with sqlite3.connect(path) as db:
        before = db.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
        sections = db.execute("SELECT value FROM meta WHERE key = 'sections'").fetchone()[0]
    try:
        with HostedSession.join(path, None, watch=False) as reader:
            link = reader._link
        row = {"action": json.dumps({"type": "order", "role": "putin", "card": "pass"}),
               "by": "putin", "reason": None}
        if where in row:
            row[where] = text
        chain = link(row["action"], row["by"], row["reason"], holder) if chained else text
        with sqlite3.connect(path) as db:
            if where == "sections":
                db.execute("UPDATE meta SET value = ? WHERE key = 'sections'", (text,))
            elif where == "note":
                db.execute("INSERT INTO notes VALUES (99, 1, 0, ?)", (text,))
            else:
                db.execute("INSERT INTO actions VALUES (?, ?, ?, ?, NULL, ?, ?)",
                           (before, row["action"], row["by"], row["reason"], holder, chain))
        try:
            HostedSession.join(path, None, watch=False).close()
        except HostedError as exc:
            one_line(str(exc), path)
    finally:
        with sqlite3.connect(path) as db:
            db.execute("DELETE FROM actions WHERE idx >= ?", (before,))
            db.execute("DELETE FROM notes")
            db.execute("UPDATE meta SET value = ? WHERE key = 'sections'", (sections,))


# -- settings ----------------------------------------------------------------------------------


@GARBAGE
@given(raw=hostile())
def test_a_settings_file_of_garbage_means_settings_all_the_same(raw, tmp_path_factory):
    folder = tmp_path_factory.mktemp("config")
    (folder / FILE_NAME).write_bytes(raw)
    loaded = Settings.load(folder)
    assert isinstance(loaded.theme, str) and isinstance(loaded.hints, bool)
    assert all(isinstance(s, str) for s in loaded.seen_hints)
    assert (folder / FILE_NAME).read_bytes() == raw
