"""Issue 14, items 1 and 2 on screen (Textual's pilot): a stall on a demand shows every
change it made, and a card whose condition failed says so, with the value and what it
needed ('no effect: Kremlin leverage 6, needs 10')."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tui_pilot import settle

from wargame import telling
from wargame.session import Session
from wargame.tui.app import Replay, SpringboardApp
from wargame.tui.settings import Settings

SAVE = Path(__file__).resolve().parent.parent / "saves" / "edition2-uprising.json"


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def _story(screen) -> str:
    return " ".join(str(screen.query_one("#replay-turn").content).split())


def test_the_replay_shows_a_stalls_every_change_and_why_a_condition_failed(tmp_path):
    session = Session.load(SAVE)
    log = session.state.log
    stall = next(e for e in log if e.kind == "answer" and e.changes)
    failed = next(e for e in log if e.kind == "effect" and e.card == "remember_2020")

    async def scenario():
        app = SpringboardApp(Replay(session), save_dir=tmp_path / "saves",
                             settings=Settings(path=tmp_path / "config" / "s.json",
                                               hints=False))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            seen: dict[str, str] = {}
            for _ in range(len(screen.moments)):
                m = screen.moment
                if m.entry is not None and m.entry.kind == "answer" and m.entry.changes:
                    seen["stall"] = _story(screen)
                if m.entry is not None and m.entry.card == failed.card \
                        and m.entry.kind == "effect":
                    seen["failed"] = _story(screen)
                if len(seen) == 2:
                    break
                await pilot.press("right")
                await pilot.pause()
            return seen

    seen = asyncio.run(scenario())
    assert "stalls on the demand" in seen["stall"]
    for change in stall.changes:
        assert telling.change_text(change) in seen["stall"]
    assert "no effect: Kremlin leverage 6, needs 10" in seen["failed"]
    assert "Sovereignty −2 did not happen" in seen["failed"]
