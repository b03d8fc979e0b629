"""Snapshots of the screens players see, at 80×24 and 120×40: the title, the board, the
hot-seat hand-off, the resolution and the end. Fixed seeds, easy bots (deterministic),
hints off, no clock or blinking cursor on screen.

After a deliberate change of the look: `python -m pytest tests/test_tui_snapshots.py
--snapshot-update`, then look at the report before committing."""

from __future__ import annotations

import pytest
from tui_pilot import FROZEN_DECKS, play, settle
from tui_pilot import make_app as _make_app

from wargame.engine import ROLES


def make_app(tmp_path, **kw):
    return _make_app(tmp_path, decks=FROZEN_DECKS, **kw)


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def at(screen: str, also=None):
    """A run_before that plays until `screen` is showing."""

    async def run_before(pilot) -> None:
        def arrived(app) -> bool:
            return type(app.screen).__name__ == screen and (also is None or also(app))

        await play(pilot, until=arrived)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, tmp_path, size):
    app = make_app(tmp_path, start=False)

    async def run_before(pilot) -> None:
        await settle(pilot)  # the title looks for saves in a worker

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_board(snap_compare, tmp_path, size):
    app = make_app(tmp_path, turns=3)
    assert snap_compare(app, terminal_size=size, run_before=at(
        "BoardScreen", lambda a: a.board.role == "opposition" and a.session.state.turn == 2))


def test_board_with_an_open_demand_at_80x24(snap_compare, tmp_path):
    """Issue 14: a hand of 8 entries (the demand's Comply and Stall among them), every
    cost on screen, the open demand on the status line."""
    app = make_app(tmp_path, humans=("lukashenko",), turns=12)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at(
        "BoardScreen", lambda a: a.board.role == "lukashenko" and a.session.state.turn == 2
        and bool(a.session.state.demands) and a.board.query_one("#hand").option_count == 8))


@pytest.mark.parametrize("size", SIZES)
def test_handoff(snap_compare, tmp_path, size):
    app = make_app(tmp_path, humans=ROLES, turns=2)
    assert snap_compare(app, terminal_size=size, run_before=at(
        "HandoffScreen", lambda a: a.screen.role == "putin"))


@pytest.mark.parametrize("size", SIZES)
def test_resolution(snap_compare, tmp_path, size):
    app = make_app(tmp_path, turns=3)

    async def run_before(pilot) -> None:
        await at("ResolutionScreen", lambda a: a.screen.has_orders)(pilot)
        await pilot.press("space", "space", "space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_end(snap_compare, tmp_path, size):
    app = make_app(tmp_path, turns=2)
    assert snap_compare(app, terminal_size=size, run_before=at("EndScreen"))
