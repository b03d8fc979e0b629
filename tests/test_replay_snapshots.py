"""Snapshots of the replay viewer, its charts and the comparison of two games, on the
checked-in example saves (fixed games: no bots think, no clock is on screen, autoplay is
off).

After a deliberate change of the look: `python -m pytest tests/test_replay_snapshots.py
--snapshot-update`, then look at the report before committing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_pilot import settle

from wargame.session import Session
from wargame.tui.app import Replay, SpringboardApp
from wargame.tui.settings import Settings

SAVES = Path(__file__).resolve().parent.parent / "saves"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def viewer(tmp_path, name="twelve-months.json", **options):
    return SpringboardApp(Replay(Session.load(SAVES / name), **options),
                          save_dir=tmp_path / "saves",
                          settings=Settings(path=tmp_path / "config" / "s.json", hints=False))


def keys(*pressed: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_viewer(snap_compare, tmp_path, size):
    """Turn 4, in the middle of its resolution: the sealed orders with the bots' reasons,
    the reveals, an effect on the board; the timeline's marks."""
    app = viewer(tmp_path, turn=4)
    assert snap_compare(app, terminal_size=size, run_before=keys(*["right"] * 9))


def test_viewer_as_a_role_with_its_hand(snap_compare, tmp_path):
    """As Putin saw turn 4: his hand only, the others' orders sealed."""
    app = viewer(tmp_path, turn=4, viewpoint="putin")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys(*["right"] * 5, "h"))


@pytest.mark.parametrize("size", SIZES)
def test_charts(snap_compare, tmp_path, size):
    app = viewer(tmp_path, turn=6)
    assert snap_compare(app, terminal_size=size, run_before=keys("c"))


def test_compare(snap_compare, tmp_path):
    other = Session.load(SAVES / "twelve-months-branch-t6.json")
    app = viewer(tmp_path, compare=other)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys("down"))
