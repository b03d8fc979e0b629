"""A hosted game's database is another file the game reads: every row is checked before
it is played (its size and nesting, the chain that makes a changed or inserted row stand
out, and the role that may write it), and every failure of the database is one clear
message. Issue 15, "What was found" 10."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import PASS, ROLES, Order
from wargame.hosting import HostedError, HostedSession, create
from wargame.saves import Seat

HUMANS = {r: Seat(r) for r in ROLES}


@pytest.fixture
def game(ruleset, tmp_path) -> Path:
    """A hosted game in its orders phase of turn 1 (the event recorded), nobody joined."""
    path = create(ruleset, 3, HUMANS, turns=2, games_dir=tmp_path, name="g7")
    with HostedSession.join(path, "putin") as putin:
        putin.advance()
    return path


def joined_refused(path: Path, capsys, expected: str) -> None:
    """`wargame join` says what is wrong in one line (status 2) and opens no screen."""
    assert main(["join", str(path), "--role", "lukashenko"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame: ") and err.count("\n") == 1, err
    assert expected in err and "Traceback" not in err, err
    with pytest.raises(HostedError, match=re.escape(expected)):
        HostedSession.join(path, None)


def insert(path: Path, text: str, by: str, writer: str | None, *, chained: bool = True,
           reason: str | None = None) -> None:
    """Add an action row as a screen of the game would (chained to the one before it),
    or not (`chained=False`)."""
    with HostedSession.join(path, None, watch=False) as reader:
        idx, chain = len(reader.record), reader._link(text, by, reason, writer)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO actions VALUES (?, ?, ?, ?, NULL, ?, ?)",
                   (idx, text, by, reason, writer, chain if chained else None))


def order_text(role: str, card: str = PASS) -> str:
    return json.dumps(Order(role, card).to_data())


def test_deep_nesting_in_an_action_row_is_one_clear_error(game, capsys):
    insert(game, "[" * 1000 + "]" * 1000, "putin", "x")
    joined_refused(game, capsys, "action 2 is not an action: nested more than 4 levels deep")


def test_deep_nesting_in_the_sections_is_one_clear_error(game, capsys):
    with sqlite3.connect(game) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'sections'",
                   ('{"x": ' + "[" * 5000 + "]" * 5000 + "}",))
    joined_refused(game, capsys, "its sections are unreadable: nested more than 48 levels")


def test_a_damaged_page_is_one_clear_error(game, capsys):
    with sqlite3.connect(game) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'actions'"
                          ).fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(game.read_bytes())
    data[(root - 1) * size: root * size] = b"\x07" * size
    game.write_bytes(data)
    joined_refused(game, capsys, "the game's file is damaged (database disk image is "
                                 "malformed)")


def test_an_injected_legal_order_is_refused(game, capsys):
    # Legal now, well formed, chained as a screen would: but no screen played Putin.
    insert(game, order_text("putin"), "putin", "intruder:1:x")
    joined_refused(game, capsys, "action 2 is an order of putin written by a screen that "
                                 "never played putin")


def test_an_injected_umpire_is_refused_in_a_game_without_one(game, capsys):
    text = json.dumps({"type": "umpire", "kind": "note", "reason": "hands shown"})
    insert(game, text, "umpire", "intruder:1:x")
    joined_refused(game, capsys, "action 2 is an umpire's, and a hosted game has no umpire")
    game.with_suffix(".json").unlink()


def test_a_row_written_outside_the_game_is_refused(game, capsys):
    insert(game, order_text("putin"), "putin", None, chained=False)
    joined_refused(game, capsys, "action 2 was not recorded by a screen of this game")


def test_a_changed_past_action_is_named_as_such(game, ruleset, capsys):
    with HostedSession.join(game, "putin") as putin:
        putin.apply(Order("putin", PASS))
    with sqlite3.connect(game) as db:
        db.execute("UPDATE actions SET action = ? WHERE idx = 1",
                   (order_text("putin", ruleset.decks["putin"][0]),))
    joined_refused(game, capsys, "action 2 was not recorded by a screen of this game, or "
                                 "was changed since")
    assert "same version" not in capsys.readouterr().err


def test_an_illegal_order_from_the_right_screen_cannot_be_applied(ruleset, tmp_path, capsys):
    path = create(ruleset, 3, HUMANS, turns=2, games_dir=tmp_path, name="g8")
    with HostedSession.join(path, "putin") as putin:
        holder = putin.holder
    insert(path, order_text("putin"), "putin", holder)  # in the event phase: not yet
    joined_refused(path, capsys, "action 1 cannot be applied here")


def test_a_screen_records_only_what_it_may(game):
    with HostedSession.join(game, "putin") as putin, \
            HostedSession.join(game, None) as projector:
        with pytest.raises(HostedError, match="never played lukashenko"):
            putin.apply(Order("lukashenko", PASS))
        with pytest.raises(HostedError, match="never played opposition"):
            projector.apply(Order("opposition", PASS))
        putin.apply(Order("putin", PASS))
        projector.refresh()
        assert projector.record[-1].action == Order("putin", PASS)


def test_a_database_that_is_not_a_regular_file_is_not_opened(tmp_path, capsys):
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    assert main(["join", str(fifo), "--role", "putin"]) == 2
    assert "is not a regular file" in capsys.readouterr().err
