"""Snapshots of the facilitator's pause (the cards just played with their discussion
questions and a team's vote) at 80×24 and 120×40, with the frozen decks, easy bots and a
fixed seed; no clock on screen.

After a deliberate change of the look: `python -m pytest tests/test_classroom_snapshots.py
--snapshot-update`, then look at the report before committing."""

from __future__ import annotations

import pytest
from test_classroom_tui import room_app, to_screen

from wargame.classroom import Settings

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


@pytest.mark.parametrize("size", SIZES)
def test_facilitator_pause(snap_compare, tmp_path, size):
    app = room_app(tmp_path, classroom=Settings(True, 0, {"opposition": 3}), turns=1)

    async def run_before(pilot) -> None:
        await to_screen(pilot, "FacilitatorScreen", lambda a: a.session.over)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
